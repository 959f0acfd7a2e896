"""The proposal state machine: every legal step, every illegal one, who may take each, deadlines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from govkpi.core.errors import Conflict, Invalid, NotAllowed
from govkpi.core.models import WorkflowEvent
from govkpi.frameworks.models import DeadlineExtension
from govkpi.kpis import workflow
from govkpi.kpis.choices import ProposalState as S
from govkpi.kpis.models import Kpi, KpiVersion, Proposal

pytestmark = pytest.mark.django_db

UserOf = Callable[[str], User]


def proposal(org: str, year: int = 2566) -> Proposal:
    return Proposal.objects.select_related("framework", "organisation").get(
        organisation__code=org, framework__fiscal_year__year=year
    )


def extend(p: Proposal, user_of: UserOf, days: int = 30) -> None:
    DeadlineExtension.objects.create(
        framework=p.framework,
        organisation=p.organisation,
        new_deadline=timezone.localdate() + dt.timedelta(days=days),
        reason="ขยายเวลาเพื่อทดสอบ",
        granted_by=user_of("opdc_admin"),
    )


def step(p: Proposal, action: str, who: User, comment: str = "", kpi: Kpi | None = None) -> Proposal:
    """One step; a committee stage's decision names its meeting and resolution, as it must."""
    decided: dict[str, str] = {}
    if action in {"approve", "return"} and p.state in workflow.COMMITTEE_STEPS:
        decided = {"meeting_label": "ครั้งที่ 3/2566", "resolution": "ที่ประชุมมีมติตามที่เสนอ"}
    return workflow.transition(p, action, by=who, comment=comment, kpi=kpi, **decided)


@pytest.fixture
def ccs(user_of: UserOf) -> Proposal:
    p = proposal("P24")
    extend(p, user_of)
    return p


@pytest.fixture
def cdd(user_of: UserOf) -> Proposal:
    p = proposal("CDD")
    extend(p, user_of)
    return p


def test_a_province_proposal_walks_from_draft_through_moi_and_opdc_and_committees_to_approval(
    ccs: Proposal, user_of: UserOf
) -> None:
    assert ccs.state == S.DRAFT
    p = step(ccs, "submit", user_of("ccs_coordinator"))
    assert p.state == S.SUBMITTED and p.submitted_at is not None
    p = step(p, "endorse", user_of("ccs_executive"))
    assert p.state == S.MOI_REVIEW
    p = step(p, "approve", user_of("moi_reviewer"))
    assert p.state == S.OPDC_REVIEW
    p = step(p, "approve", user_of("opdc_desk"))
    assert p.state == S.WORKING_GROUP
    p = step(p, "approve", user_of("committee_secretary"))
    assert p.state == S.SUBCOMMITTEE
    p = step(p, "approve", user_of("committee_secretary"))
    assert p.state == S.MINISTER
    p = step(p, "approve", user_of("opdc_admin"))
    assert p.state == S.APPROVED and p.approved_at is not None
    events = workflow.events_of(p)
    assert [(e.from_state, e.to_state) for e in events] == [
        (S.DRAFT, S.SUBMITTED),
        (S.SUBMITTED, S.MOI_REVIEW),
        (S.MOI_REVIEW, S.OPDC_REVIEW),
        (S.OPDC_REVIEW, S.WORKING_GROUP),
        (S.WORKING_GROUP, S.SUBCOMMITTEE),
        (S.SUBCOMMITTEE, S.MINISTER),
        (S.MINISTER, S.APPROVED),
    ]
    assert events[0].actor == user_of("ccs_coordinator") and events[0].at is not None
    assert p.lock_version == ccs.lock_version + 7


def test_an_agency_proposal_goes_straight_to_the_opdc_desk_after_endorsement(cdd: Proposal, user_of: UserOf) -> None:
    p = step(cdd, "submit", user_of("cdd_coordinator"))
    p = step(p, "endorse", user_of("cdd_executive"))
    assert p.state == S.OPDC_REVIEW
    with pytest.raises(NotAllowed):
        step(p, "approve", user_of("moi_reviewer"))
    assert step(p, "approve", user_of("opdc_desk")).state == S.WORKING_GROUP


def test_approval_freezes_each_kpi_as_version_1_from_the_first_round(ccs: Proposal, user_of: UserOf) -> None:
    ccs.state = S.MINISTER
    ccs.save()
    kpis = list(ccs.kpis.filter(is_removed=False))
    assert not KpiVersion.objects.filter(kpi__in=kpis).exists()
    step(ccs, "approve", user_of("committee_secretary"))
    versions = list(KpiVersion.objects.filter(kpi__in=kpis).select_related("effective_from", "kpi"))
    assert len(versions) == len(kpis) > 0
    first = ccs.framework.rounds.order_by("months").first()
    for v in versions:
        assert v.number == 1 and v.effective_from == first
        assert v.targets == v.kpi.targets and v.weight == v.kpi.weight and v.name_th == v.kpi.name_th


def test_a_returned_proposal_can_be_revised_and_resubmitted(ccs: Proposal, user_of: UserOf) -> None:
    p = step(ccs, "submit", user_of("ccs_coordinator"))
    p = step(p, "endorse", user_of("ccs_executive"))
    k = p.kpis.order_by("order").last()
    assert k is not None
    p = step(p, "return", user_of("moi_reviewer"), comment="ค่าเป้าหมายต่ำกว่าแผน", kpi=k)
    assert p.state == S.RETURNED
    event = workflow.events_of(p)[-1]
    assert event.kpi == k and event.comment == "ค่าเป้าหมายต่ำกว่าแผน" and event.to_state == S.RETURNED
    p = step(p, "submit", user_of("ccs_coordinator"))
    assert p.state == S.SUBMITTED


def test_the_executive_may_send_a_submitted_proposal_back_to_the_coordinator(ccs: Proposal, user_of: UserOf) -> None:
    p = step(ccs, "submit", user_of("ccs_coordinator"))
    assert step(p, "return", user_of("ccs_executive"), comment="ทบทวนน้ำหนัก").state == S.RETURNED


def test_returning_needs_a_comment(ccs: Proposal, user_of: UserOf) -> None:
    p = step(ccs, "submit", user_of("ccs_coordinator"))
    p = step(p, "endorse", user_of("ccs_executive"))
    with pytest.raises(Invalid) as exc:
        step(p, "return", user_of("moi_reviewer"))
    assert exc.value.field == "comment"


@pytest.mark.parametrize(
    ("state", "action"),
    [
        (S.DRAFT, "endorse"),
        (S.DRAFT, "approve"),
        (S.DRAFT, "return"),
        (S.SUBMITTED, "submit"),
        (S.SUBMITTED, "approve"),
        (S.MOI_REVIEW, "submit"),
        (S.MOI_REVIEW, "endorse"),
        (S.OPDC_REVIEW, "endorse"),
        (S.WORKING_GROUP, "submit"),
        (S.MINISTER, "endorse"),
        (S.APPROVED, "submit"),
        (S.APPROVED, "approve"),
        (S.APPROVED, "return"),
        (S.APPROVED, "endorse"),
        (S.RETURNED, "endorse"),
        (S.RETURNED, "approve"),
        (S.RETURNED, "return"),
    ],
)
def test_an_illegal_transition_is_a_conflict_naming_the_current_state(
    ccs: Proposal, user_of: UserOf, state: str, action: str
) -> None:
    ccs.state = state
    ccs.save()
    before = WorkflowEvent.objects.count()
    with pytest.raises(Conflict) as exc:
        step(ccs, action, user_of("opdc_admin"), comment="x")
    assert str(S(state).label) in exc.value.message_th and state in exc.value.message_en
    ccs.refresh_from_db()
    assert ccs.state == state and WorkflowEvent.objects.count() == before


@pytest.mark.parametrize(
    ("state", "action", "allowed", "refused"),
    [
        (S.DRAFT, "submit", "ccs_coordinator", ["ccs_executive", "kkn_coordinator", "moi_reviewer", "opdc_desk"]),
        (S.SUBMITTED, "endorse", "ccs_executive", ["ccs_coordinator", "moi_reviewer", "opdc_desk"]),
        (S.MOI_REVIEW, "approve", "moi_reviewer", ["ccs_coordinator", "ccs_executive", "opdc_desk"]),
        (S.OPDC_REVIEW, "approve", "opdc_desk", ["moi_reviewer", "ccs_executive", "committee_secretary"]),
        (S.WORKING_GROUP, "approve", "committee_secretary", ["moi_reviewer", "ccs_coordinator"]),
        (S.SUBCOMMITTEE, "return", "opdc_admin", ["moi_reviewer", "ccs_executive"]),
        (S.MINISTER, "approve", "committee_secretary", ["ccs_executive", "moi_reviewer"]),
    ],
)
def test_each_step_belongs_to_one_role(
    ccs: Proposal, user_of: UserOf, state: str, action: str, allowed: str, refused: list[str]
) -> None:
    ccs.state = state
    ccs.save()
    for persona in refused:
        with pytest.raises(NotAllowed):
            step(ccs, action, user_of(persona), comment="ความเห็น")
    assert step(ccs, action, user_of(allowed), comment="ความเห็น").state != state


def test_a_late_submission_without_an_extension_is_refused(user_of: UserOf) -> None:
    p = proposal("P24")
    assert p.framework.proposal_deadline is not None and p.framework.proposal_deadline < timezone.localdate()
    with pytest.raises(Conflict) as exc:
        step(p, "submit", user_of("ccs_coordinator"))
    assert exc.value.field == "deadline" and "ขยายเวลา" in exc.value.message_th
    p.refresh_from_db()
    assert p.state == S.DRAFT


def test_an_expired_extension_does_not_help_but_a_current_one_does(user_of: UserOf) -> None:
    p = proposal("P24")
    extend(p, user_of, days=-1)
    with pytest.raises(Conflict):
        step(p, "submit", user_of("ccs_coordinator"))
    extend(p, user_of, days=0)
    assert step(p, "submit", user_of("ccs_coordinator")).state == S.SUBMITTED


def test_another_organisations_extension_does_not_count(user_of: UserOf) -> None:
    p = proposal("P24")
    extend(proposal("P40"), user_of)
    with pytest.raises(Conflict):
        step(p, "submit", user_of("ccs_coordinator"))


def test_a_proposal_that_breaks_the_rules_cannot_be_submitted(ccs: Proposal, user_of: UserOf) -> None:
    k = ccs.kpis.filter(is_removed=False).order_by("order").last()
    assert k is not None
    k.weight = k.weight + Decimal(5)
    k.save()
    with pytest.raises(Invalid) as exc:
        step(ccs, "submit", user_of("ccs_coordinator"))
    assert exc.value.problems and any(p["rule"] for p in exc.value.problems)
    ccs.refresh_from_db()
    assert ccs.state == S.DRAFT


def test_a_stale_lock_version_is_a_conflict_with_the_current_values(ccs: Proposal, user_of: UserOf) -> None:
    read_at = ccs.lock_version
    workflow.transition(ccs, "submit", by=user_of("ccs_coordinator"), expected_lock_version=read_at)
    with pytest.raises(Conflict) as exc:
        workflow.transition(ccs, "endorse", by=user_of("ccs_executive"), expected_lock_version=read_at)
    assert exc.value.current is not None
    assert exc.value.current["state"] == S.SUBMITTED and exc.value.current["lock_version"] == read_at + 1


def test_available_actions_match_the_viewer(ccs: Proposal, user_of: UserOf) -> None:
    from govkpi.organisations.access import viewer_for

    assert workflow.available_actions(ccs, viewer_for(user_of("ccs_coordinator"))) == ["submit"]
    assert workflow.available_actions(ccs, viewer_for(user_of("ccs_executive"))) == []
    assert workflow.available_actions(ccs, viewer_for(user_of("moi_reviewer"))) == []


def test_a_transition_notifies_who_acts_next_and_the_coordinator_hears_of_a_return(
    ccs: Proposal, user_of: UserOf
) -> None:
    from govkpi.notifications.models import Notification

    p = step(ccs, "submit", user_of("ccs_coordinator"))
    to_exec = Notification.objects.filter(user=user_of("ccs_executive"))
    assert to_exec.count() == 1 and f"/proposals/{p.pk}/" == to_exec.get().url
    p = step(p, "endorse", user_of("ccs_executive"))
    assert Notification.objects.filter(user=user_of("moi_reviewer"), url=f"/proposals/{p.pk}/").exists()
    step(p, "return", user_of("moi_reviewer"), comment="ทบทวนค่าเป้าหมาย")
    note = Notification.objects.filter(user=user_of("ccs_coordinator")).order_by("-pk").first()
    assert note is not None and "ส่งกลับแก้ไข" in note.subject_th and "ทบทวนค่าเป้าหมาย" in note.body_th
    assert not Notification.objects.filter(user=user_of("kkn_coordinator")).exists()
