"""What a day's walk needs that the demo world does not have yet, prepared through the services
(run inside the app server's process by `prepare`): until the demo has a live year, every round and
proposal deadline is past, so OPDC first grants the organisation more time.

Each function is a step a person would take in the app; tests call them as setup, not as the
behaviour under test."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from govkpi.frameworks.models import Round
from govkpi.kpis.in_force import reportable_in_round
from govkpi.kpis.models import Proposal
from govkpi.kpis.workflow import deadline_extension_grant, deadline_for, transition
from govkpi.organisations.access import viewer_for
from govkpi.organisations.models import Organisation
from govkpi.results import services as results
from govkpi.results.models import Result

LATER = dt.date.today() + dt.timedelta(days=30)
REASON = "เตรียมข้อมูลสำหรับการทดสอบวันทำงาน"
#: organisation code → the demo usernames' prefix of its coordinator and executive
PEOPLE = {"P24": "ccs", "MOF": "mof", "CDD": "cdd", "P40": "kkn"}


def _user(username: str):  # type: ignore[no-untyped-def]
    return get_user_model().objects.get(username=username)


def _round(year: int, group: str, months: int) -> Round:
    return Round.objects.get(framework__fiscal_year__year=year, framework__group=group, months=months)


def open_round(org: str, year: int, group: str, months: int) -> None:
    """OPDC extends the round for the organisation when its deadline has passed."""
    round_, organisation = _round(year, group, months), Organisation.objects.get(code=org)
    if results.round_is_open(round_, organisation):
        return
    admin = _user("opdc.admin")
    results.round_extend(
        viewer=viewer_for(admin),
        user=admin,
        round_=round_,
        organisation=organisation,
        new_deadline=LATER,
        reason=REASON,
    )


def open_proposal(org: str, year: int) -> Proposal:
    """OPDC extends the proposal deadline of the organisation's proposal when it has passed."""
    proposal = Proposal.objects.get(organisation__code=org, framework__fiscal_year__year=year)
    deadline = deadline_for(proposal)
    if deadline is not None and deadline < dt.date.today():
        deadline_extension_grant(proposal=proposal, by=_user("opdc.admin"), new_deadline=LATER, reason=REASON)
    return proposal


def proposal_at(org: str, year: int, *steps: tuple[str, str]) -> None:
    """Move a proposal through (action, username) steps, e.g. submitted and endorsed."""
    proposal = open_proposal(org, year)
    for action, username in steps:
        proposal = transition(proposal, action, by=_user(username), comment=REASON)


def results_at(org: str, year: int, group: str, months: int, codes: list[str], state: str) -> None:
    """Report (value = the standard target), submit and, for "endorsed", endorse these KPIs' results."""
    open_round(org, year, group, months)
    round_ = _round(year, group, months)
    organisation = Organisation.objects.get(code=org)
    coordinator, executive = _user(f"{PEOPLE[org]}.coord"), _user(f"{PEOPLE[org]}.exec")
    for kpi, version in reportable_in_round(round_.framework, round_, organisations=[organisation.pk]):
        if kpi.code not in codes:
            continue
        result = results.result_save(
            viewer=viewer_for(coordinator),
            user=coordinator,
            kpi=kpi,
            round_=round_,
            value=str(version.targets[1]),
            narrative_th="ผลตามค่าเป้าหมายมาตรฐาน",
            lock_version=None,
        )
        result = results.result_submit(viewer=viewer_for(coordinator), user=coordinator, result=result)
        if state == "endorsed":
            results.result_endorse(viewer=viewer_for(executive), user=executive, result=result)
    assert Result.objects.filter(round=round_, organisation=organisation, kpi__code__in=codes).count() == len(codes)
