"""`govkpi digest [--day 2026-12-06]`: the daily digest e-mail (cron, each morning).

`govkpi digest --user NAME --on|--off` sets a person's choice (as /account/notifications/ does)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from govkpi.core.thaidates import parse_thai_date
from govkpi.notifications.services import digest_send, setting_update


def parse_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return parse_thai_date(text)
    except ValueError as exc:
        raise CommandError(f"วันที่ไม่ถูกต้อง / not a date: {text!r} (e.g. 2026-12-06 or '6 ธ.ค. 2569')") from exc


class Command(BaseCommand):
    help = (
        "E-mail each person who chose the daily digest one message listing the day's unread notifications "
        "(yesterday by default), grouped by organisation and round; never twice for the same day. "
        "With --user and --on/--off, set that person's choice instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--day", help="the day to summarise (ISO or Thai; default yesterday)")
        parser.add_argument("--user", help="username whose choice to set (with --on or --off)")
        choice = parser.add_mutually_exclusive_group()
        choice.add_argument("--on", action="store_true", help="the daily digest instead of immediate e-mails")
        choice.add_argument("--off", action="store_true", help="immediate e-mails (the default)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["user"]:
            if not (options["on"] or options["off"]):
                raise CommandError("ระบุ --on หรือ --off / give --on or --off with --user")
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"ไม่พบผู้ใช้ / no such user: {options['user']}")
            setting = setting_update(user=user, digest=bool(options["on"]))
            self.stdout.write(f"{user.username}: {'digest' if setting.digest else 'immediate'}")
            return
        if options["on"] or options["off"]:
            raise CommandError("--on/--off ใช้กับ --user / --on and --off need --user")
        day = parse_day(options["day"]) if options["day"] else None
        sent = digest_send(day=day)
        for s in sent:
            self.stdout.write(f"{s.email}: {s.messages} notification(s)")
        self.stdout.write(f"{len(sent)} digest(s) sent")
