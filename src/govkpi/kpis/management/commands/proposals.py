"""`govkpi proposals ...`: proposals as tab-separated lines, the rule check of a whole framework,
and moving proposals through the workflow from a script (e.g. a committee's decision on many).

    govkpi proposals list --as opdc.desk1 [--year 2566] [--group provinces] [--state draft]
    govkpi proposals check --as opdc.desk1 --year 2566 [--group provinces]
    govkpi proposals transition P24 approve --year 2566 --as moi.reviewer [--comment "..."] [--kpi P24-66-03]
    govkpi proposals transition P24 approve --year 2566 --as committee.secretary \
        --meeting "ครั้งที่ 3/2565" --resolution "เห็นชอบตัวชี้วัดตามที่เสนอ"   (committee stages)
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from govkpi.core.errors import ServiceError
from govkpi.kpis import selectors, workflow
from govkpi.organisations.access import viewer_for


class Command(BaseCommand):
    help = "List proposals, check them against the framework's rules, or take a workflow step."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("command", choices=["list", "check", "transition"])
        parser.add_argument("organisation", nargs="?", help="organisation code (transition)")
        parser.add_argument("step", nargs="?", choices=list(workflow.ACTIONS), help="submit/endorse/approve/return")
        parser.add_argument("--as", dest="username", required=True, help="the user whose rights apply")
        parser.add_argument("--year", type=int, default=None)
        parser.add_argument("--group", default="")
        parser.add_argument("--state", default="")
        parser.add_argument("--comment", default="")
        parser.add_argument("--kpi", default="", help="KPI code the comment is about (return)")
        parser.add_argument("--meeting", default="", help="the meeting that decided: ครั้งที่ n/ปี (committee stages)")
        parser.add_argument("--meeting-id", type=int, default=None, help="or an existing meeting's id")
        parser.add_argument("--resolution", default="", help="the resolution text (มติ) (committee stages)")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"ไม่พบผู้ใช้ / no such user: {options['username']}")

        viewer = viewer_for(user)
        qs = selectors.proposal_list(
            viewer=viewer,
            year=options["year"],
            group=options["group"],
            state=options["state"],
            organisation=options["organisation"] or "",
        )
        command = options["command"]
        if command == "list":
            for p in qs:
                row = [str(p.pk), p.organisation.code, str(p.framework.fiscal_year.year), p.framework.group, p.state]
                count = str(getattr(p, "kpi_count", ""))
                self.stdout.write("\t".join([*row, count, str(p.lock_version)]))
        elif command == "check":
            broken = 0
            for p in qs:
                problems = workflow.proposal_problems(p)
                broken += bool(problems)
                status = "ok" if not problems else f"{len(problems)} problem(s)"
                self.stdout.write(f"{p.organisation.code}\t{p.state}\t{status}")
                for problem in problems:
                    self.stdout.write(f"\t{problem.kpi or problem.component or ''}\t{problem.message_th}")
            if broken:
                raise CommandError(f"{broken} ข้อเสนอยังไม่ผ่านเกณฑ์ / proposal(s) break the rules")
        else:
            if not options["organisation"] or not options["step"] or not options["year"]:
                raise CommandError("transition ORGANISATION STEP --year YEAR")
            proposal = qs.first()
            if proposal is None:
                raise CommandError(f"ไม่พบข้อเสนอของ {options['organisation']} ปี {options['year']} / no such proposal")
            kpi = proposal.kpis.filter(code=options["kpi"]).first() if options["kpi"] else None
            if options["kpi"] and kpi is None:
                raise CommandError(f"ไม่พบตัวชี้วัด {options['kpi']} ในข้อเสนอ / no such KPI in the proposal")
            try:
                done = workflow.transition(
                    proposal,
                    options["step"],
                    by=user,
                    comment=options["comment"],
                    kpi=kpi,
                    meeting_id=options["meeting_id"],
                    meeting_label=options["meeting"],
                    resolution=options["resolution"],
                )
            except ServiceError as exc:
                lines = [str(exc), *(f"  {p.get('th')}" for p in exc.problems)]
                raise CommandError("\n".join(lines)) from exc
            self.stdout.write(f"{done.organisation.code}\t{done.state}\t{done.lock_version}")
