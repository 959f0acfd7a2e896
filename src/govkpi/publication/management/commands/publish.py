"""`govkpi publish --year 2565 --group agencies [--round 12] [--reason ...] [--amend ...] [--yes]`.

It runs in this process (no background worker needed) and prints the progress the web's job shows:
organisations done / total. Without `--yes` it only shows what would be published (the preview) and writes nothing; with
gaps, `--reason` records why OPDC publishes anyway. `--amend "reason"` publishes the next
version after a correction or an upheld appeal (`--org` limits it to some organisations).
"""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from govkpi.core.errors import ServiceError
from govkpi.frameworks.choices import GroupCode
from govkpi.frameworks.models import Framework
from govkpi.organisations.access import viewer_for
from govkpi.publication import selectors, services


class Command(BaseCommand):
    help = "Publish a framework's round as a snapshot (preview first; --yes to publish), or amend it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="fiscal year, B.E. (e.g. 2565)")
        parser.add_argument("--group", required=True, choices=list(GroupCode.values), help="evaluation group")
        parser.add_argument("--round", type=int, help="round in months (6, 9, 12); default: the last round")
        parser.add_argument("--reason", default="", help="why publish with gaps (required when there are any)")
        parser.add_argument("--amend", metavar="REASON", default="", help="publish an amendment, with its reason")
        parser.add_argument("--org", action="append", default=[], help="with --amend: organisation code (repeatable)")
        parser.add_argument("--yes", action="store_true", help="confirm: without it only the preview is shown")
        parser.add_argument("--user", default="opdc.admin", help="who publishes (rights and history)")

    def handle(self, *args: Any, **options: Any) -> None:
        framework = (
            Framework.objects.select_related("fiscal_year")
            .filter(fiscal_year__year=options["year"], group=options["group"])
            .first()
        )
        if framework is None:
            raise CommandError(f"ไม่มีกรอบการประเมินปี {options['year']} กลุ่ม {options['group']} / no such framework")
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"ไม่พบผู้ใช้ {options['user']} / no such user")
        viewer = viewer_for(user)
        try:
            preview = selectors.publication_preview(viewer=viewer, framework=framework, months=options["round"])
            self._show(preview)
            if not options["yes"]:
                self.stdout.write("ยังไม่ได้เผยแพร่: ตรวจสอบแล้วสั่งอีกครั้งพร้อม --yes / preview only: add --yes to publish")
                return
            started = time.perf_counter()
            if options["amend"]:
                publication = services.publication_amend(
                    viewer=viewer,
                    user=user,
                    framework=framework,
                    months=options["round"],
                    reason=options["amend"],
                    organisations=options["org"] or None,
                    confirm=True,
                    progress=self._progress,
                )
            else:
                publication = services.publication_publish(
                    viewer=viewer,
                    user=user,
                    framework=framework,
                    months=options["round"],
                    confirm=True,
                    gap_reason=options["reason"],
                    progress=self._progress,
                )
        except ServiceError as exc:
            raise CommandError(str(exc)) from exc
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"เผยแพร่ฉบับที่ {publication.version} แล้ว / published version {publication.version}: "
            f"{publication.organisations_included} organisation(s) in {elapsed:.2f} s"
        )

    def _progress(self, done: int, total: int) -> None:
        """Organisations whose documents are built, as the background job reports them."""
        self.stdout.write(f"  หน่วยงาน / organisations: {done:,} / {total:,}")
        if done >= total:
            self.stdout.write("  กำลังบันทึก / writing the snapshot")

    def _show(self, preview: selectors.PublicationPreview) -> None:
        self.stdout.write(
            f"{preview.framework.name_th} · รอบ {preview.round.months} เดือน · ฉบับที่ {preview.next_version}\n"
            f"หน่วยงาน / organisations: {len(preview.included)} of {len(preview.organisations)} included; "
            f"ตัวชี้วัด / KPIs approved: {preview.kpis_approved} of {preview.kpis_expected}"
        )
        for cov in preview.missing:
            self.stdout.write(
                f"  ยังไม่รวม / not yet included: {cov.code} {cov.organisation.name_th} "
                f"({len(cov.approved)}/{len(cov.expected)}; missing {', '.join(cov.missing)})"
            )
