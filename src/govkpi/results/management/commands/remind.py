"""`govkpi remind [--days 7 --days 1] [--today 2022-08-24] [--dry-run]`: deadline reminders (cron)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from govkpi.core.thaidates import format_date, parse_thai_date
from govkpi.results.reminders import DEFAULT_DAYS, send_reminders


def parse_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return parse_thai_date(text)
    except ValueError as exc:
        raise CommandError(f"วันที่ไม่ถูกต้อง / not a date: {text!r} (e.g. 2022-08-24 or '24 ส.ค. 2565')") from exc


class Command(BaseCommand):
    help = (
        "Notify coordinators (inbox and e-mail) N days before proposal deadlines and round closing dates; "
        "never twice for the same deadline. Meant to run daily from cron."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days", action="append", type=int, help=f"lead time in days (repeatable; default {DEFAULT_DAYS})"
        )
        parser.add_argument("--today", help="pretend today is this date (ISO or Thai, e.g. '24 ส.ค. 2565')")
        parser.add_argument("--dry-run", action="store_true", help="list the reminders without sending them")

    def handle(self, *args: Any, **options: Any) -> None:
        today = parse_day(options["today"]) if options["today"] else timezone.localdate()
        days = options["days"] or list(DEFAULT_DAYS)
        if any(d < 0 for d in days):
            raise CommandError("--days ต้องไม่ติดลบ / must not be negative")
        reminders = send_reminders(today=today, days=days, dry_run=options["dry_run"])
        verb = "would send" if options["dry_run"] else "sent"
        for r in reminders:
            self.stdout.write(
                f"{r.due.organisation.code}: {r.due.subject} {format_date(r.due.deadline)} "
                f"({r.days_left} day(s) left, {r.recipients} coordinator(s))"
            )
        self.stdout.write(f"{len(reminders)} reminder(s) {verb} for {today.isoformat()}")
