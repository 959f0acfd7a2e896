"""The work queue: what needs each role now, on the demo world, read as a user would meet it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from govkpi.kpis import workflow
from govkpi.kpis.choices import ProposalState
from govkpi.kpis.models import Proposal
from govkpi.organisations.access import viewer_for
from govkpi.results import services as results_services
from govkpi.results.extension_requests import extension_request_create
from govkpi.results.models import Result, ResultState
from govkpi.worklist.selectors import WorkItem, due_status, grouped, work_for

pytestmark = pytest.mark.django_db

UserOf = Callable[[str], User]

#: A day of FY2566's proposal season, and of FY2565's 12-month reporting round.
PROPOSAL_SEASON = dt.date(2022, 7, 20)
REPORTING_DAY = dt.date(2022, 9, 1)


def queue(user_of: UserOf, persona: str, today: dt.date = PROPOSAL_SEASON) -> list[WorkItem]:
    return work_for(viewer_for(user_of(persona)), today)


def kinds(items: list[WorkItem]) -> set[str]:
    return {i.kind for i in items}


def proposal(org: str, year: int = 2566) -> Proposal:
    return Proposal.objects.select_related("framework").get(organisation__code=org, framework__fiscal_year__year=year)


def results_of(org: str, year: int, n: int, state: str) -> list[Result]:
    ids = list(
        Result.objects.filter(organisation__code=org, round__framework__fiscal_year__year=year)
        .order_by("pk")
        .values_list("pk", flat=True)[:n]
    )
    Result.objects.filter(pk__in=ids).update(state=state, is_locked=False)
    return list(Result.objects.filter(pk__in=ids))


def test_the_coordinator_is_asked_to_finish_the_draft_with_its_deadline_and_days_left(user_of: UserOf) -> None:
    items = queue(user_of, "ccs_coordinator")
    [draft] = [i for i in items if i.kind == "proposal_draft" and i.year == 2566]  # beside the live year's
    assert draft.url == f"/proposals/{proposal('P24').pk}/"
    assert draft.organisation_code == "P24" and draft.year == 2566
    assert draft.due == dt.date(2022, 8, 1) and draft.days_left == 12 and not draft.overdue
    assert "เหลือ 12 วัน" in draft.due_label


def test_a_draft_past_its_deadline_is_marked_overdue(user_of: UserOf) -> None:
    items = queue(user_of, "ccs_coordinator", dt.date(2022, 8, 11))
    [draft] = [i for i in items if i.kind == "proposal_draft" and i.year == 2566]
    assert draft.overdue and draft.days_left == -10
    assert "เลยกำหนด 10 วัน" in draft.due_label


def test_a_proposal_sent_back_shows_the_reviewers_comment(user_of: UserOf) -> None:
    p = proposal("P40")  # at the MOI's review
    workflow.transition(p, "return", by=user_of("moi_reviewer"), comment="ค่าเป้าหมายตัวชี้วัดที่ 2 ต่ำกว่าปีก่อน")
    [returned] = [i for i in queue(user_of, "kkn_coordinator") if i.kind == "proposal_returned"]
    assert returned.url == f"/proposals/{p.pk}/"
    assert returned.comment == "ค่าเป้าหมายตัวชี้วัดที่ 2 ต่ำกว่าปีก่อน"


def test_the_executive_is_asked_to_endorse_what_the_coordinator_sent(user_of: UserOf) -> None:
    Proposal.objects.filter(pk=proposal("P24").pk).update(state=ProposalState.SUBMITTED)
    results_of("P24", 2565, 2, ResultState.SUBMITTED)
    items = queue(user_of, "ccs_executive")
    assert kinds(items) == {"proposal_to_endorse", "results_to_endorse"}
    rounds = [i for i in items if i.kind == "results_to_endorse"]  # one item per round
    assert all(i.url.startswith("/results/P24/2565/") for i in rounds) and sum(i.count for i in rounds) == 2
    assert "proposal_to_endorse" not in kinds(queue(user_of, "ccs_coordinator"))


def test_the_moi_reviewer_sees_the_provinces_at_its_stage_and_nobody_else_does(user_of: UserOf) -> None:
    p = proposal("P40")
    [at_stage] = [i for i in queue(user_of, "moi_reviewer") if i.kind == "proposal_at_stage"]
    assert at_stage.url == f"/proposals/{p.pk}/" and at_stage.organisation_code == "P40"
    for persona in ("opdc_desk", "opdc_admin", "committee_secretary", "kkn_coordinator"):
        assert "proposal_at_stage" not in kinds(queue(user_of, persona)), persona


def test_opdc_desk_reviews_proposals_at_opdc_and_verifies_endorsed_results_per_organisation_and_round(
    user_of: UserOf,
) -> None:
    Proposal.objects.filter(pk=proposal("CDD").pk).update(state=ProposalState.OPDC_REVIEW)
    results_of("P24", 2565, 2, ResultState.ENDORSED)
    items = queue(user_of, "opdc_desk")
    [at_opdc] = [i for i in items if i.kind == "proposal_at_stage"]
    assert at_opdc.organisation_code == "CDD"
    verify = [i for i in items if i.kind == "results_to_verify" and i.year == 2565]
    assert verify and all(i.organisation_code == "P24" for i in verify)
    assert sum(i.count for i in verify) == 2
    assert all(i.url.startswith("/results/verify/?organisation=P24&year=2565&round=") for i in verify)


def test_the_secretary_sees_proposals_at_committee_stages_and_the_next_meeting_with_its_agenda(
    user_of: UserOf,
) -> None:
    Proposal.objects.filter(pk=proposal("MOF").pk).update(state=ProposalState.SUBMITTED)
    Proposal.objects.filter(pk=proposal("CDD").pk).update(state=ProposalState.SUBCOMMITTEE)
    items = queue(user_of, "committee_secretary", dt.date(2023, 8, 1))
    assert [i.organisation_code for i in items if i.kind == "proposal_at_stage"] == ["CDD"]
    meetings = [i for i in items if i.kind == "meeting"]
    assert meetings and meetings[0].due == dt.date(2023, 8, 24) and meetings[0].url.startswith("/meetings/")
    assert meetings[0].agenda, "the meeting's agenda is listed"
    assert not [i for i in queue(user_of, "committee_secretary", dt.date(2023, 9, 1)) if i.kind == "meeting"]


def test_the_coordinator_reports_open_rounds_and_corrects_what_opdc_sent_back(user_of: UserOf) -> None:
    [report] = [i for i in queue(user_of, "ccs_coordinator", REPORTING_DAY) if i.kind == "results_to_report"]
    assert report.url == "/results/P24/2565/12/" and report.round_months == 12 and report.count > 0
    assert report.due == dt.date(2022, 10, 31) and report.days_left == 60
    [endorsed] = results_of("P24", 2565, 1, ResultState.ENDORSED)
    desk = user_of("opdc_desk")
    results_services.result_verify(
        viewer=viewer_for(desk), user=desk, result=endorsed, action="return", comment="แนบหลักฐานให้ครบ"
    )
    [returned] = [i for i in queue(user_of, "ccs_coordinator", REPORTING_DAY) if i.kind == "results_returned"]
    assert returned.comment == "แนบหลักฐานให้ครบ" and returned.url.startswith("/results/P24/2565/")


def test_a_closed_round_asks_nothing(user_of: UserOf) -> None:
    assert "results_to_report" not in kinds(queue(user_of, "ccs_coordinator", dt.date(2022, 11, 15)))


@pytest.mark.parametrize(
    "persona", ["cdd_coordinator", "cdd_executive", "ccs_coordinator", "ccs_executive", "kkn_coordinator"]
)
def test_a_coordinator_or_executive_never_sees_another_organisations_work(user_of: UserOf, persona: str) -> None:
    Proposal.objects.exclude(state=ProposalState.APPROVED).update(state=ProposalState.SUBMITTED)
    for org in ("CDD", "MOF", "P24", "P40"):
        results_of(org, 2565, 2, ResultState.SUBMITTED)
    user = user_of(persona)
    own = user.person.organisation.code  # type: ignore[attr-defined]
    items = work_for(viewer_for(user), REPORTING_DAY)
    assert {i.organisation_code for i in items} <= {own}


def test_the_public_has_no_queue() -> None:
    from govkpi.organisations.access import PUBLIC

    assert work_for(PUBLIC, PROPOSAL_SEASON) == []


def test_the_queue_takes_the_same_number_of_queries_however_much_is_waiting(
    user_of: UserOf, django_assert_max_num_queries: Callable[..., object]
) -> None:
    admin = viewer_for(user_of("opdc_admin"))
    with CaptureQueriesContext(connection) as few:
        work_for(admin, PROPOSAL_SEASON)
    Proposal.objects.exclude(state=ProposalState.APPROVED).update(state=ProposalState.OPDC_REVIEW)
    Proposal.objects.filter(framework__fiscal_year__year=2565).update(state=ProposalState.OPDC_REVIEW)
    Result.objects.filter(round__framework__fiscal_year__year=2565).update(state=ResultState.ENDORSED)
    with django_assert_max_num_queries(len(few)):  # type: ignore[operator]
        items = work_for(admin, PROPOSAL_SEASON)
    assert len([i for i in items if i.kind == "proposal_at_stage"]) > 30
    verify = [i for i in items if i.kind == "results_to_verify"]
    assert sum(i.count for i in verify) == Result.objects.filter(state=ResultState.ENDORSED).count() > 30


def test_overdue_and_days_left_are_worded_in_one_place() -> None:
    today = dt.date(2022, 8, 10)
    assert due_status(dt.date(2022, 8, 1), today).overdue
    assert due_status(dt.date(2022, 8, 10), today).days_left == 0
    assert due_status(None, today).label == ""


def test_counters_add_up_the_results_an_item_stands_for(user_of: UserOf) -> None:
    round12 = Result.objects.filter(
        organisation__code="MOF", round__framework__fiscal_year__year=2565, round__months=12
    )
    ids = list(round12.values_list("pk", flat=True)[:3])
    Result.objects.filter(pk__in=ids).update(state=ResultState.ENDORSED, is_locked=False)
    sections = {s["kind"]: s for s in grouped(queue(user_of, "opdc_desk"))}
    [item] = [i for i in sections["results_to_verify"]["items"] if i.year == 2565]
    assert item.count == 3
    assert sections["results_to_verify"]["count"] == sum(i.count for i in sections["results_to_verify"]["items"])
    assert sections["results_to_verify"]["url"] == "/results/verify/"


def test_opdc_is_asked_to_decide_a_coordinators_extension_request_with_its_reason(user_of: UserOf) -> None:
    draft = proposal("P24")
    coordinator = user_of("ccs_coordinator")
    extension_request_create(
        viewer=viewer_for(coordinator),
        user=coordinator,
        framework=draft.framework,
        organisation=draft.organisation,
        requested_deadline=dt.date(2022, 8, 20),
        reason="รอข้อมูลจากอำเภอ",
        today=PROPOSAL_SEASON,
    )
    [item] = [i for i in queue(user_of, "opdc_admin") if i.kind == "extension_request"]
    assert item.organisation_code == "P24" and item.comment == "รอข้อมูลจากอำเภอ"
    assert item.due == dt.date(2022, 8, 20) and item.url == "/extensions/?state=pending"
    assert not [i for i in queue(user_of, "ccs_coordinator") if i.kind == "extension_request"]


def test_a_national_round_awaiting_verification_is_one_item_per_round_with_its_organisations(
    user_of: UserOf, monkeypatch: pytest.MonkeyPatch
) -> None:
    from govkpi.worklist import selectors

    Result.objects.filter(round__framework__fiscal_year__year=2565, round__months=12).update(state=ResultState.ENDORSED)
    endorsed = Result.objects.filter(state=ResultState.ENDORSED)
    organisations = endorsed.values("organisation_id").distinct().count()
    monkeypatch.setattr(selectors, "VERIFY_ITEMS_MAX", organisations - 1)  # more organisations than items
    verify = [i for i in queue(user_of, "opdc_desk") if i.kind == "results_to_verify"]
    assert len(verify) == endorsed.values("round_id").distinct().count() < organisations
    assert sum(i.count for i in verify) == endorsed.count()
    agencies = next(i for i in verify if "group=agencies" in i.url)
    assert agencies.url == "/results/verify/?group=agencies&year=2565&round=12"
    assert agencies.year == 2565 and agencies.round_months == 12
    assert "หน่วยงาน" in agencies.title
