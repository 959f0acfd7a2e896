"""govkpi quality: a proposal's target quality (three-year history and flags of every KPI).

    govkpi quality 121                      # by proposal id
    govkpi quality --year 2570 --org MOF    # by year and organisation (--group when both exist)
    govkpi quality 121 --format json        # the API's document (GET /api/v1/proposals/{id}/target-quality)

An unknown proposal, or one the --as user may not see, is an error naming it (exit status 1).
"""

from __future__ import annotations

import json
import sys
from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from govkpi.core.errors import ServiceError
from govkpi.core.numbers import format_values
from govkpi.dashboards.target_quality import ProposalQuality, proposal_quality, quality_document
from govkpi.frameworks.choices import GroupCode
from govkpi.kpis.models import Proposal
from govkpi.organisations.access import Viewer, viewer_for

#: Batch runs act as OPDC unless --as names a user whose rights then apply.
OPDC_BATCH = Viewer(user_id=0, username="batch", is_superuser=True)


class Command(BaseCommand):
    help = "Target quality of a proposal under review: each KPI's last three years and its flags."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("proposal", nargs="?", type=int, help="proposal id")
        parser.add_argument("--year", type=int, help="fiscal year, B.E. (with --org)")
        parser.add_argument("--org", help="organisation code (with --year)")
        parser.add_argument("--group", choices=GroupCode.values, help="agencies or provinces, when the year has both")
        parser.add_argument("--format", choices=["text", "json"], default="text", dest="fmt")
        parser.add_argument("--as", dest="username", default="", help="read as this user (their rights apply)")

    def _proposal_id(self, options: dict[str, Any]) -> int:
        if options["proposal"]:
            return int(options["proposal"])
        if not options["year"] or not options["org"]:
            raise CommandError("ระบุเลขข้อเสนอ หรือ --year และ --org / give a proposal id, or --year and --org")
        qs = Proposal.objects.filter(framework__fiscal_year__year=options["year"], organisation__code=options["org"])
        if options["group"]:
            qs = qs.filter(framework__group=options["group"])
        ids = list(qs.values_list("pk", flat=True))
        if len(ids) != 1:
            raise CommandError(
                f"พบข้อเสนอ {len(ids)} รายการของ {options['org']} ปี {options['year']}"
                f" / found {len(ids)} proposals (use --group)"
            )
        return ids[0]

    def handle(self, *args: Any, **options: Any) -> None:
        viewer = OPDC_BATCH
        if options["username"]:
            user = get_user_model().objects.filter(username=options["username"]).first()
            if user is None:
                raise CommandError(f"ไม่พบผู้ใช้ / no such user: {options['username']}")
            viewer = viewer_for(user)
        try:
            quality = proposal_quality(viewer=viewer, proposal_id=self._proposal_id(options))
        except ServiceError as exc:
            raise CommandError(f"{exc.message_th} / {exc.message_en}") from exc
        if options["fmt"] == "json":
            document = quality_document(quality)
            sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=1, default=str) + "\n")
        else:
            self._print(quality)

    def _print(self, quality: ProposalQuality) -> None:
        p = quality.proposal
        first, last = quality.years[0], quality.years[-1]
        self.stdout.write(f"{p.organisation.code} {p.organisation.name_th} ปี {p.framework.fiscal_year.year}")
        self.stdout.write(f"ข้อสังเกต {quality.flag_count} รายการ · ผลย้อนหลัง {first}–{last}")
        for q in quality.kpis:
            self.stdout.write(f"\n{q.kpi.code} {q.kpi.name_th}")
            self.stdout.write(f"  ค่าเป้าหมาย {format_values(q.kpi.target_values())} ({q.kpi.unit_th})")
            for year, h in q.rows:
                if h is None:
                    self.stdout.write(f"  {year}: –")
                else:
                    mark = "" if h.is_final else " *ยังไม่ผ่านการตรวจสอบ"
                    value = "–" if h.value is None else format_values([h.value])
                    self.stdout.write(f"  {year}: {h.kpi_code} เป้า {format_values(h.targets)} ผล {value}{mark}")
            for f in q.flags:
                self.stdout.write(f"  ! [{f.code}] {f.message_th}")
