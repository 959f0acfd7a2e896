"""govkpi alignment: the alignment and ambition analysis of a year and group, as Excel or JSON."""

from __future__ import annotations

import json
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from govkpi.core.excel import workbook_xlsx
from govkpi.dashboards.alignment import alignment, alignment_sheets
from govkpi.frameworks.choices import GroupCode
from govkpi.organisations.access import Viewer

#: Batch runs act as OPDC: the analysis reads every organisation's KPIs.
OPDC_BATCH = Viewer(user_id=0, username="batch", is_superuser=True)


class Command(BaseCommand):
    help = "Alignment with national plans, targets below plan or baseline, proposed KPIs duplicating others."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="fiscal year, B.E. (e.g. 2565)")
        parser.add_argument("--group", choices=GroupCode.values, default=GroupCode.AGENCIES)
        parser.add_argument("--format", choices=["xlsx", "json"], default="json", dest="fmt")
        parser.add_argument("--output", help="file to write; standard output (json only) when omitted")

    def handle(self, *args: Any, **options: Any) -> None:
        result = alignment(viewer=OPDC_BATCH, year=options["year"], group=options["group"])
        sheets = alignment_sheets(result)
        if options["fmt"] == "xlsx":
            data = workbook_xlsx(sheets, title=f"การวิเคราะห์ความสอดคล้อง {options['year']} {options['group']}")
        else:
            body = {
                sheet.name: [
                    {
                        c.header: (str(v) if v is not None and not isinstance(v, int | str) else v)
                        for c, v in zip(sheet.columns, row, strict=False)
                    }
                    for row in sheet.rows
                ]
                for sheet in sheets
            }
            data = json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")
        if options["output"]:
            Path(options["output"]).write_bytes(data)
            self.stdout.write(f"{options['output']}: {len(data):,} bytes")
        elif options["fmt"] == "json":
            sys.stdout.buffer.write(data + b"\n")
        else:
            self.stderr.write("--output is required for xlsx")
