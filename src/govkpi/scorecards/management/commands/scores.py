"""`govkpi scores verify [--year Y] [--group G]`: recompute every stored score and list the differences."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from govkpi.frameworks.choices import GroupCode
from govkpi.frameworks.models import Framework
from govkpi.scorecards.verify import scores_verify


class Command(BaseCommand):
    help = (
        "verify: recompute every stored score from scratch (points, weighted scores, explanations, component "
        "scores, totals, bands) and list each difference with the stored value; exit code 1 when any differs. "
        "Writes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"])
        parser.add_argument("--year", type=int, help="fiscal year, B.E. (e.g. 2565); default: every year")
        parser.add_argument("--group", choices=list(GroupCode.values), help="evaluation group; default: both")

    def handle(self, *args: Any, **options: Any) -> None:
        frameworks = Framework.objects.select_related("fiscal_year").order_by("fiscal_year__year", "group")
        if options["year"] is not None:
            frameworks = frameworks.filter(fiscal_year__year=options["year"])
        if options["group"]:
            frameworks = frameworks.filter(group=options["group"])
        if not frameworks.exists():
            raise CommandError("ไม่มีกรอบการประเมินที่ระบุ / no such framework")
        started = time.perf_counter()
        checked, differences = scores_verify(frameworks)
        elapsed = time.perf_counter() - started
        for difference in differences:
            self.stdout.write(str(difference))
        self.stdout.write(
            f"ตรวจ {checked} scorecard(s), พบความต่าง {len(differences)} รายการ / "
            f"{checked} scorecard(s) checked, {len(differences)} difference(s), in {elapsed:.2f} s"
        )
        if differences:
            raise CommandError(f"{len(differences)} stored value(s) differ from a fresh computation", returncode=1)
