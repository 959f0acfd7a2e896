"""`govkpi loaddemo`: the seeds' world, loaded idempotently (a second run changes nothing)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand

from govkpi.demo.loader import load_all


class Command(BaseCommand):
    help = "Load the demo data modelled on the seeds (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="the day the live years are prepared around (ISO date; default: today)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        say = self.stdout.write if options["verbosity"] > 0 else (lambda _msg: None)
        say("govkpi: loading the demo world")
        counts = load_all(say=say, today=options["today"])
        if not any(counts.values()):
            say("govkpi: the demo world was already loaded; nothing changed")
