"""`govkpi results import FILE.xlsx --year 2565 --round 12`, `govkpi results template ...` and
`govkpi results bulk --action verify --user NAME --ids 1,2,3` (or `--organisation CODE --year Y --round N`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from govkpi.core.errors import ServiceError
from govkpi.frameworks.models import Framework
from govkpi.organisations.access import viewer_for
from govkpi.organisations.models import Organisation
from govkpi.results import bulk, excel, selectors


class Command(BaseCommand):
    help = (
        "Import a round's results from Excel (all or nothing), write the template to fill in, or move "
        "several results one step at once (bulk: all or nothing, each result audited)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["import", "template", "bulk"])
        parser.add_argument("file", nargs="?", default="", help="the .xlsx to read (import) or write (template)")
        parser.add_argument("--year", type=int, help="fiscal year, พ.ศ. (e.g. 2565)")
        parser.add_argument("--round", type=int, dest="months", help="round in months: 6, 9 or 12")
        parser.add_argument("--group", default="agencies", choices=["agencies", "provinces"])
        parser.add_argument("--user", default="opdc.admin", help="who acts (rights and history); default opdc.admin")
        parser.add_argument("--organisation", default="", help="template for, or bulk step on, one organisation")
        parser.add_argument(
            "--action", dest="step", choices=sorted(bulk.ACTIONS), help="bulk: submit, endorse, verify or return"
        )
        parser.add_argument("--ids", default="", help="bulk: result ids, e.g. 1,2,3")
        parser.add_argument("--note", default="", help="bulk: the comment (required to return)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "bulk":
            self._bulk(options)
            return
        if not (options["file"] and options["year"] and options["months"]):
            raise CommandError("ต้องระบุไฟล์ --year และ --round / FILE, --year and --round are required")
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

    def _bulk(self, options: dict[str, Any]) -> None:
        step = options["step"]
        if not step:
            raise CommandError("ต้องระบุ --action (submit, endorse, verify, return)")
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"ไม่พบผู้ใช้ / no such user: {options['user']}")
        try:
            ids = [int(i) for i in options["ids"].split(",") if i.strip()]
        except ValueError as exc:
            raise CommandError("--ids ต้องเป็นเลขรหัสคั่นด้วยจุลภาค / --ids takes numbers, e.g. 1,2,3") from exc
        if not ids:
            ids = self._ids_of_round(options, step, user)
        try:
            summary = bulk.results_bulk_transition(result_ids=ids, action=step, by=user, note=options["note"])
        except bulk.BulkRefused as exc:
            for item in exc.summary.refused:
                self.stderr.write(f"{item.result_id} {item.organisation_code} {item.kpi_code}: {item.message_th}")
            raise CommandError(exc.message_th) from exc
        except ServiceError as exc:
            raise CommandError(exc.message_th) from exc
        for item in summary.done:
            self.stdout.write(f"{item.result_id} {item.organisation_code} {item.kpi_code} → {item.state}")
        self.stdout.write(
            f"{summary.action_th}แล้ว {len(summary.done)} รายการ / {len(summary.done)} {summary.action_en}"
        )

    def _ids_of_round(self, options: dict[str, Any], step: str, user: Any) -> list[int]:
        """The ids a step would move in one organisation's round: the results awaiting that step."""
        if not (options["organisation"] and options["year"] and options["months"]):
            raise CommandError(
                "ระบุ --ids หรือ --organisation --year --round / give --ids, or --organisation --year --round"
            )
        organisation = Organisation.objects.filter(code=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"ไม่พบหน่วยงาน / no such organisation: {options['organisation']}")
        viewer = viewer_for(user)
        if step in bulk.ROUND_STEPS:
            framework = selectors.framework_of(organisation, options["year"])
            round_ = framework.rounds.filter(months=options["months"]).first()
            if round_ is None:
                raise CommandError(f"ไม่มีรอบ {options['months']} เดือน / no such round")
            return [r.pk for r in bulk.round_pending(organisation=organisation, round_=round_, action=step)]
        if not viewer.is_opdc:
            raise CommandError("ตรวจสอบหรือส่งกลับทั้งรอบได้เฉพาะสำนักงาน ก.พ.ร. (อื่น ๆ ใช้ --ids) / OPDC only; use --ids")
        queue = selectors.verification_queue(
            viewer=viewer, year=options["year"], months=options["months"], organisation=organisation.code
        )
        return list(queue.values_list("pk", flat=True))
