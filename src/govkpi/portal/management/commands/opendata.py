"""govkpi opendata: write a published year's open data file (the same bytes as the portal's download)."""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from govkpi.core.errors import NotFound
from govkpi.frameworks.choices import GroupCode
from govkpi.portal import opendata, selectors


class Command(BaseCommand):
    help = "Write open data (scores, results or kpis) of a published framework as CSV (UTF-8 with BOM) or JSON."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="fiscal year, B.E. (e.g. 2565)")
        parser.add_argument("--group", choices=GroupCode.values, required=True)
        parser.add_argument("--dataset", choices=opendata.DATASETS, default="scores")
        parser.add_argument("--format", choices=["csv", "json"], default="csv", dest="fmt")
        parser.add_argument("--output", help="file to write; standard output when omitted")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            framework = selectors.published_framework(year=options["year"], group=options["group"])
        except NotFound as exc:
            raise CommandError(f"{exc.message_th} / {exc.message_en}") from exc
        build = opendata.as_csv if options["fmt"] == "csv" else opendata.as_json
        data = build(options["dataset"], framework)
        if options["output"]:
            Path(options["output"]).write_bytes(data)
            self.stdout.write(f"{options['output']}: {len(data):,} bytes")
        else:
            sys.stdout.buffer.write(data)
