"""`govkpi results import FILE.xlsx --year 2565 --round 12` and `govkpi results template ...`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from govkpi.core.errors import ServiceError
from govkpi.frameworks.models import Framework
from govkpi.organisations.access import viewer_for
from govkpi.organisations.models import Organisation
from govkpi.results import excel


class Command(BaseCommand):
    help = "Import a round's results from Excel (all or nothing), or write the template to fill in."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["import", "template"])
        parser.add_argument("file", help="the .xlsx to read (import) or write (template)")
        parser.add_argument("--year", type=int, required=True, help="fiscal year, พ.ศ. (e.g. 2565)")
        parser.add_argument("--round", type=int, required=True, dest="months", help="round in months: 6, 9 or 12")
        parser.add_argument("--group", default="agencies", choices=["agencies", "provinces"])
        parser.add_argument("--user", default="opdc.admin", help="who imports (rights and history); default opdc.admin")
        parser.add_argument("--organisation", default="", help="template for one organisation only")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = get_user_model().objects.get(username=options["user"])
            framework = Framework.objects.get(fiscal_year__year=options["year"], group=options["group"])
            round_ = framework.rounds.get(months=options["months"])
        except Exception as exc:
            raise CommandError(f"ไม่พบผู้ใช้ กรอบการประเมิน หรือรอบที่ระบุ / not found: {exc}") from exc
        viewer = viewer_for(user)
        path = Path(options["file"])
        try:
            if options["action"] == "template":
                org = (
                    Organisation.objects.filter(code=options["organisation"]).first()
                    if options["organisation"]
                    else None
                )
                path.write_bytes(excel.template(viewer=viewer, framework=framework, round_=round_, organisation=org))
                self.stdout.write(f"เขียนแบบฟอร์ม {path}")
                return
            count = excel.import_results(
                viewer=viewer, user=user, framework=framework, round_=round_, data=path.read_bytes()
            )
        except ServiceError as exc:
            for p in exc.problems:
                self.stderr.write(str(p.get("message", p)))
            raise CommandError(exc.message_th) from exc
        except OSError as exc:
            raise CommandError(f"อ่านไฟล์ไม่ได้ / cannot read {path}: {exc}") from exc
        self.stdout.write(f"นำเข้าผลการดำเนินงาน {count:,} รายการ")
