"""govkpi strategic: list Strategic KPIs, show one with its attached KPIs, roll one up for a round."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from govkpi.core.errors import ServiceError
from govkpi.core.excel import workbook_xlsx
from govkpi.dashboards.strategic import rollup_as_dict, rollup_sheets, strategic_rollup
from govkpi.kpis.strategic import StrategicFilters, attached_kpis, strategic_by_code, strategic_list
from govkpi.organisations.access import Viewer

#: Batch runs act as OPDC: a roll-up of every organisation's KPIs.
OPDC_BATCH = Viewer(user_id=0, username="batch", is_superuser=True)


class Command(BaseCommand):
    help = "Strategic KPIs: list | show CODE | rollup CODE --round 6 [--output file.xlsx|.json]"

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        ls = sub.add_parser("list", help="the Strategic KPIs (of a year)")
        ls.add_argument("--year", type=int, help="fiscal year, B.E. (e.g. 2567)")
        ls.add_argument("--owner", default="", help="owner organisation code")
        ls.add_argument("--plan", default="", help="plan node code")
        show = sub.add_parser("show", help="one Strategic KPI and the KPIs attached to it")
        show.add_argument("code")
        show.add_argument("--year", type=int)
        rollup = sub.add_parser("rollup", help="how the attached KPIs are doing in a round")
        rollup.add_argument("code")
        rollup.add_argument("--year", type=int)
        rollup.add_argument("--round", type=int, dest="months", help="round in months (6, 9, 12)")
        rollup.add_argument("--output", help="write .xlsx or .json here (JSON on standard output when omitted)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except ServiceError as exc:
            raise CommandError(str(exc)) from exc

    def _list(self, options: dict[str, Any]) -> None:
        filters = StrategicFilters(year=options["year"], owner=options["owner"], plan=options["plan"])
        for sk in strategic_list(filters=filters):
            plans = ",".join(p.code for p in sk.plan_links.all())
            attached = getattr(sk, "attached", 0)  # annotated by strategic_list
            self.stdout.write(f"{sk.fiscal_year.year}\t{sk.code}\t{sk.owner.code}\t{attached}\t{plans}\t{sk.name_th}")

    def _show(self, options: dict[str, Any]) -> None:
        sk = strategic_by_code(code=options["code"], year=options["year"])
        self.stdout.write(f"{sk.code} {sk.name_th} ({sk.fiscal_year.year}, {sk.owner.code})")
        self.stdout.write(f"  {sk.national_target_th}")
        for kpi in attached_kpis(viewer=OPDC_BATCH, strategic=sk):
            self.stdout.write(f"  {kpi.organisation.code}\t{kpi.code}\t{kpi.strategic_relation}\t{kpi.name_th}")

    def _rollup(self, options: dict[str, Any]) -> None:
        sk = strategic_by_code(code=options["code"], year=options["year"])
        rollup = strategic_rollup(viewer=OPDC_BATCH, strategic=sk, months=options["months"])
        if options["months"] and rollup.months != options["months"]:
            raise CommandError(f"no {options['months']}-month round in {sk.fiscal_year.year} (rounds: {rollup.rounds})")
        output = options["output"]
        if output and output.endswith(".xlsx"):
            data = workbook_xlsx(rollup_sheets(rollup), title=f"{sk.code} {sk.name_th}")
            Path(output).write_bytes(data)
            self.stdout.write(f"{output}: {len(data):,} bytes")
            return
        text = json.dumps(rollup_as_dict(rollup), ensure_ascii=False, indent=1)
        if output:
            Path(output).write_text(text + "\n", "utf-8")
            self.stdout.write(f"{output}: {len(text):,} characters")
        else:
            self.stdout.write(text)
