"""`govkpi rescore --year 2565 --group agencies [--org CODE] [--round 12] [--user NAME]`: recompute stored scores.

An operator's command (it needs a shell on the server); `--user` acts as a person, who must be OPDC."""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from govkpi.core.errors import NotAllowed
from govkpi.frameworks.choices import GroupCode
from govkpi.frameworks.models import Framework, Round
from govkpi.organisations.models import Organisation
from govkpi.scorecards.services import rescore_report


class Command(BaseCommand):
    help = (
        "Recompute every result's points and each organisation's total and band for a framework "
        "(after a framework change, a verification, an upheld appeal). Exits 1 if a scorecard cannot be scored."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="fiscal year, B.E. (e.g. 2565)")
        parser.add_argument("--group", required=True, choices=list(GroupCode.values), help="evaluation group")
        parser.add_argument("--org", action="append", default=[], help="organisation code (repeatable)")
        parser.add_argument("--round", type=int, help="round in months (6, 9, 12); default: every round")
        parser.add_argument(
            "--user",
            help="act as this user (recorded in history; must be OPDC). Without it the command is an "
            "operator's, run by whoever may run commands on the server.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            framework = Framework.objects.get(fiscal_year__year=options["year"], group=options["group"])
        except Framework.DoesNotExist as exc:
            raise CommandError(
                f"ไม่มีกรอบการประเมินปี {options['year']} กลุ่ม {options['group']} / no such framework"
            ) from exc
        organisations = None
        if options["org"]:
            found = {o.code: o for o in Organisation.objects.filter(code__in=options["org"])}
            unknown = [c for c in options["org"] if c not in found]
            if unknown:
                raise CommandError(f"ไม่พบส่วนราชการ / unknown organisation: {', '.join(unknown)}")
            organisations = list(found.values())
        round_ = None
        if options["round"] is not None:
            try:
                round_ = Round.objects.get(framework=framework, months=options["round"])
            except Round.DoesNotExist as exc:
                raise CommandError(f"ไม่มีรอบ {options['round']} เดือน / no {options['round']}-month round") from exc
        by = None
        if options["user"]:
            by = get_user_model().objects.filter(username=options["user"], is_active=True).first()
            if by is None:
                raise CommandError(f"ไม่พบผู้ใช้ / unknown user: {options['user']}")
        started = time.perf_counter()
        try:
            report = rescore_report(framework, organisations=organisations, round=round_, by=by)
        except NotAllowed as exc:
            raise CommandError(f"{exc.message_th} / {exc.message_en}") from exc
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"{framework.name_th}: {report.scored} organisation score(s), "
            f"{report.results_updated} result(s) changed, in {elapsed:.2f} s"
        )
        for card, problems in report.invalid:
            for problem in problems:
                self.stderr.write(f"{card.organisation.code} {card.round.name_th}: {problem}")
        if report.invalid:
            raise CommandError(f"{len(report.invalid)} scorecard(s) could not be scored / คำนวณคะแนนไม่ได้")
