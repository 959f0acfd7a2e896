"""`govkpi proposal export --year 2566 --org CDD FILE.xlsx` / `govkpi proposal import FILE.xlsx`.

The import finds the proposal from the file's rules sheet, replaces its KPIs all or nothing, and
on any problem prints one line per row on stderr and exits with status 2.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from govkpi.core.errors import ServiceError
from govkpi.kpis.excel import proposal_export_xlsx
from govkpi.kpis.importing import proposal_import
from govkpi.kpis.models import Proposal


class Command(BaseCommand):
    help = "Export an organisation's proposal as the Excel template, or import it back (all or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["export", "import"])
        parser.add_argument("file", help="the .xlsx file to write or read")
        parser.add_argument("--year", type=int, help="fiscal year (พ.ศ.), for export")
        parser.add_argument("--org", help="organisation code, for export (e.g. CDD, or 24 for a province)")
        parser.add_argument("--group", default="", help="agencies or provinces, when the year has both")
        parser.add_argument("--as", dest="username", default="", help="import as this user (rights checked)")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if options["action"] == "export":
            if not options["year"] or not options["org"]:
                raise CommandError("ต้องระบุ --year และ --org / --year and --org are required for export")
            qs = Proposal.objects.filter(
                framework__fiscal_year__year=options["year"], organisation__code=options["org"]
            ).select_related("organisation", "framework__fiscal_year")
            if options["group"]:
                qs = qs.filter(framework__group=options["group"])
            proposals = list(qs)
            if len(proposals) != 1:
                raise CommandError(
                    f"พบข้อเสนอ {len(proposals)} รายการสำหรับ {options['org']} ปี {options['year']}"
                    f" / found {len(proposals)} proposals (use --group)"
                )
            data = proposal_export_xlsx(proposals[0])
            path.write_bytes(data)
            self.stdout.write(f"ส่งออกข้อเสนอของ {options['org']} ปี {options['year']} ไปที่ {path} แล้ว")
            return
        if not path.is_file():
            raise CommandError(f"ไม่พบไฟล์ / no such file: {path}")
        user = None
        if options["username"]:
            user = get_user_model().objects.filter(username=options["username"]).first()
            if user is None:
                raise CommandError(f"ไม่พบผู้ใช้ / no such user: {options['username']}")
        try:
            summary = proposal_import(by=user, data=path.read_bytes())
        except ServiceError as exc:
            self.stderr.write(exc.message_th)
            for problem in exc.problems:
                self.stderr.write(str(problem.get("message", "")))
            sys.exit(2)
        self.stdout.write(summary.message_th)
