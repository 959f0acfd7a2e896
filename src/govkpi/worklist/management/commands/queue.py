"""`govkpi queue --user NAME [--json] [--today YYYY-MM-DD]`: what needs this person now, the
home page's queue, one tab-separated line per item (or the API's JSON)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from govkpi.organisations.access import viewer_for
from govkpi.worklist.selectors import work_for


class Command(BaseCommand):
    help = "List what needs a person now (their work queue): kind, due, organisation, title, link."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="username whose queue to list")
        parser.add_argument("--json", action="store_true", help="the same items as GET /api/v1/me/queue")
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help="the day (default today)")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"ไม่พบผู้ใช้ / no such user: {options['user']}")
        today = options["today"] or timezone.localdate()
        items = work_for(viewer_for(user), today)
        if options["json"]:
            rows = [
                {
                    "kind": i.kind,
                    "title": i.title,
                    "organisation": i.organisation,
                    "organisation_code": i.organisation_code,
                    "year": i.year,
                    "round_months": i.round_months,
                    "url": i.url,
                    "due": i.due.isoformat() if i.due else None,
                    "days_left": i.days_left,
                    "overdue": i.overdue,
                    "comment": i.comment,
                    "count": i.count,
                    "agenda": list(i.agenda),
                }
                for i in items
            ]
            self.stdout.write(json.dumps({"today": today.isoformat(), "items": rows}, ensure_ascii=False, indent=1))
            return
        if not items:
            self.stdout.write("ไม่มีงานค้าง / nothing waiting")
            return
        for i in items:
            due = i.due.isoformat() if i.due else "-"
            mark = "overdue" if i.overdue else ("" if i.days_left is None else f"{i.days_left}d")
            self.stdout.write("\t".join([i.kind, due, mark, i.organisation_code, i.title, i.url]))
            if i.comment:
                self.stdout.write(f"\t{i.comment}")
