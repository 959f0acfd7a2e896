"""The demo's live years, relative to today, so every role's day can be tried after `make run`.

The seeds' years (FY2564–2566) stay as history. Beside them, relative to `today`:
- the current fiscal year (1 Oct starts the next one): frameworks copied from FY2566 with the
  proposal deadline in the future; the demo organisations' proposals in draft (CDD, Chachoengsao)
  or submitted for endorsement (MOF, Khon Kaen);
- the previous fiscal year: approved KPIs for the same organisations and its 12-month round open
  until a date in the future, with results in draft (CDD), submitted (MOF) and endorsed
  (Chachoengsao), and none yet from Khon Kaen.

Idempotent: a year, a proposal or a round's results that exist are left as they are, so the dates
chosen on the first load stay put.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from govkpi.basket.models import BasketKpi
from govkpi.core.thaidates import fiscal_year_of
from govkpi.demo.data import basket as basketdata
from govkpi.demo.data._basket_common import BasketEntry
from govkpi.demo.kpis_loader import POTENTIAL_CODES, Builder
from govkpi.demo.results_loader import ILLUSTRATIVE, value_at
from govkpi.frameworks.models import Framework, Round
from govkpi.frameworks.services import framework_announce, framework_copy
from govkpi.kpis.choices import KpiType, ProposalState
from govkpi.kpis.models import Proposal
from govkpi.kpis.selectors import reportable_in_round
from govkpi.organisations.models import Organisation
from govkpi.plans.models import PlanNode
from govkpi.results.models import Result, ResultState

#: The FY whose frameworks the live years copy (the last of the seeds).
SOURCE_YEAR = 2566
#: The proposal deadline of the current year and the open round's close are this far ahead.
PROPOSAL_DAYS_AHEAD = 45
ROUND_DAYS_AHEAD = 30
REPORTING_MONTHS = 12

AGENCIES = {"CDD": "MOI", "MOF": "MOF"}  # organisation → the ministry whose Basket entries it takes
PROVINCES = ("P24", "P40")
CURRENT_STATES = {"CDD": ProposalState.DRAFT, "MOF": ProposalState.SUBMITTED, "P24": ProposalState.DRAFT}
RESULT_STATES = {"CDD": ResultState.DRAFT, "MOF": ResultState.SUBMITTED, "P24": ResultState.ENDORSED}


def _framework(year: int, group: str, *, proposal_deadline: dt.date | None = None) -> Framework:
    existing = Framework.objects.filter(fiscal_year__year=year, group=group).first()
    if existing is not None:
        return existing
    source = Framework.objects.select_related("fiscal_year").get(fiscal_year__year=SOURCE_YEAR, group=group)
    copy = framework_copy(source, year=year, proposal_deadline=proposal_deadline)
    # The live year is under way: its framework was announced before the demo's "today".
    return framework_announce(framework=copy, by=None, notify_participants=False)


def _entries(code: str) -> list[BasketEntry]:
    if code in AGENCIES:
        return [e for e in basketdata.AGENCY_BASKET if e.ministry == AGENCIES[code]][:3]
    offset = PROVINCES.index(code) * 3
    return list(basketdata.PROVINCE_BASKET[offset : offset + 3])


def _proposal(framework: Framework, code: str, state: str, basket: dict[str, BasketKpi]) -> int:
    organisation = Organisation.objects.get(code=code)
    if Proposal.objects.filter(framework=framework, organisation=organisation).exists():
        return 0
    framework.participants.add(organisation)
    b = Builder(framework, organisation, state)
    kind = KpiType.FUNCTION if code in AGENCIES else KpiType.AREA
    for entry, weight in zip(_entries(code), (30, 20, 20), strict=False):
        b.add_entry(entry, component="performance", weight=weight, basket=basket, kpi_type=kind)
    for c in POTENTIAL_CODES:
        b.add_entry(
            basketdata.basket_entry(c), component="potential", weight=15, basket=basket, kpi_type=KpiType.POTENTIAL
        )
    return b.save({p.code: p for p in PlanNode.objects.all()})


def _open_round(framework: Framework, today: dt.date) -> Round:
    """The reporting round of the previous year, open from before today until after it."""
    round_ = framework.rounds.get(months=REPORTING_MONTHS)
    if not Result.objects.filter(round=round_).exists():
        round_.opens_on = min(round_.opens_on, today)
        round_.closes_on = max(round_.closes_on, today + dt.timedelta(days=ROUND_DAYS_AHEAD))
        round_.save()
    return round_


def _results(framework: Framework, round_: Round, code: str, state: str, today: dt.date) -> int:
    organisation = Organisation.objects.get(code=code)
    if Result.objects.filter(round=round_, organisation=organisation).exists():
        return 0
    when = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=2), dt.time(10, 0)))
    rows = [
        Result(
            kpi=kpi,
            round=round_,
            version=version,
            organisation=organisation,
            value=value_at(version, Decimal("1.2")),
            narrative_th=ILLUSTRATIVE,
            state=state,
            submitted_at=when if state != ResultState.DRAFT else None,
            endorsed_at=when if state == ResultState.ENDORSED else None,
        )
        for kpi, version in reportable_in_round(framework, round_, organisations=[organisation.pk])
    ]
    if state == ResultState.DRAFT:
        rows = rows[:1]  # the coordinator has started: one KPI reported, the rest still to do
    bulk_create_with_history(rows, Result, default_change_reason="ข้อมูลตัวอย่าง (demo)")
    return len(rows)


@transaction.atomic
def load(today: dt.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    current = fiscal_year_of(today)
    if current - 1 <= SOURCE_YEAR:
        return {}  # "today" is inside the seeds' own years: they are the live ones
    basket = {b.code: b for b in BasketKpi.objects.all()}
    counts = {f"KPIs FY{current - 1} (approved)": 0, f"KPIs FY{current} (proposals)": 0, "live results": 0}
    deadline = today + dt.timedelta(days=PROPOSAL_DAYS_AHEAD)
    for group, codes in (("agencies", tuple(AGENCIES)), ("provinces", PROVINCES)):
        previous = _framework(current - 1, group)
        for code in codes:
            counts[f"KPIs FY{current - 1} (approved)"] += _proposal(previous, code, ProposalState.APPROVED, basket)
        round_ = _open_round(previous, today)
        for code in codes:
            if code in RESULT_STATES:
                counts["live results"] += _results(previous, round_, code, RESULT_STATES[code], today)
        this_year = _framework(current, group, proposal_deadline=deadline)
        for code in codes:
            state = CURRENT_STATES.get(code, ProposalState.SUBMITTED)
            counts[f"KPIs FY{current} (proposals)"] += _proposal(this_year, code, state, basket)
    return counts
