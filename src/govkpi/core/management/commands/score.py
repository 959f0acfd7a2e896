"""`govkpi score FILE.json`: score a scorecard document with the pure engine and print the result."""

from __future__ import annotations

import sys
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandParser

from govkpi.scoring import cli


class Command(BaseCommand):
    help = "Score a scorecard JSON document (docs/scorecard.md); exit 2 and list every problem if it is invalid."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="scorecard document (JSON), or - for standard input")

    def handle(self, *args: Any, **options: Any) -> None:
        code = cli.run([options["file"]], cast(TextIO, self.stdout._out), cast(TextIO, self.stderr._out))
        if code:
            sys.exit(code)
