"""The proposal state machine: from a coordinator's draft to approved, frozen KPIs.

    draft ──submit──▶ submitted ──endorse──▶ (provinces) moi_review ─approve▶ opdc_review
                                             (agencies)               opdc_review
    opdc_review ─approve▶ working_group ─approve▶ subcommittee ─approve▶ minister ─approve▶ approved
    any review step (and submitted, by the executive) ──return──▶ returned ──submit──▶ submitted

Every transition goes through `transition()`, which checks the state and the person, writes a
`core.WorkflowEvent` and bumps the proposal's lock_version. Illegal steps raise `Conflict`
(409) naming the current state; the wrong person gets `NotAllowed` (403). The committee steps are
driven by resolutions (the committee secretary or OPDC, see `govkpi.reviews.services`), which call
this same function.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from govkpi.core.choices import thai
from govkpi.core.errors import Conflict, Invalid, NotAllowed
from govkpi.core.models import WorkflowEvent
from govkpi.core.thaidates import format_date
from govkpi.frameworks.choices import GroupCode
from govkpi.frameworks.models import DeadlineExtension, Framework
from govkpi.frameworks.selectors import scoring_framework
from govkpi.kpis.choices import ProposalState
from govkpi.kpis.models import Kpi, Proposal
from govkpi.notifications.services import notify
from govkpi.organisations.access import Viewer, viewer_for
from govkpi.organisations.choices import Role
from govkpi.scoring import models as sm
from govkpi.scoring.problems import Problem
from govkpi.scoring.validation import validate

S = ProposalState

ACTIONS: tuple[str, ...] = ("submit", "endorse", "approve", "return")

ACTION_LABELS: dict[str, tuple[str, str]] = {
    "submit": (gettext_noop("ส่งข้อเสนอตัวชี้วัด"), "Submit"),
    "endorse": (gettext_noop("ผู้บริหารรับรอง"), "Endorse"),
    "approve": (gettext_noop("เห็นชอบ"), "Approve"),
    "return": (gettext_noop("ส่งกลับแก้ไข"), "Return for revision"),
}

#: The review steps after endorsement, per evaluation group, ending in approved.
REVIEW_PATH: dict[str, tuple[str, ...]] = {
    GroupCode.PROVINCES: (S.MOI_REVIEW, S.OPDC_REVIEW, S.WORKING_GROUP, S.SUBCOMMITTEE, S.MINISTER, S.APPROVED),
    GroupCode.AGENCIES: (S.OPDC_REVIEW, S.WORKING_GROUP, S.SUBCOMMITTEE, S.MINISTER, S.APPROVED),
}

#: The steps decided by a committee resolution (secretary or OPDC records it).
COMMITTEE_STEPS = frozenset({S.WORKING_GROUP, S.SUBCOMMITTEE, S.MINISTER})

#: States in which the coordinator may edit the proposal's KPIs.
EDITABLE = frozenset({S.DRAFT, S.RETURNED})


def review_path(framework: Framework) -> tuple[str, ...]:
    return REVIEW_PATH.get(framework.group, REVIEW_PATH[GroupCode.AGENCIES])


def is_review_step(proposal: Proposal) -> bool:
    return proposal.state in review_path(proposal.framework)[:-1]


def next_state(proposal: Proposal, action: str) -> str | None:
    """The state `action` leads to from the proposal's current state, or None when illegal."""
    state = proposal.state
    path = review_path(proposal.framework)
    if action == "submit":
        return S.SUBMITTED if state in EDITABLE else None
    if action == "endorse":
        return path[0] if state == S.SUBMITTED else None
    if action == "approve":
        if state in path[:-1]:
            return path[path.index(state) + 1]
        return None
    if action == "return":
        return S.RETURNED if state == S.SUBMITTED or state in path[:-1] else None
    return None


def may_act(viewer: Viewer, proposal: Proposal, action: str) -> bool:
    """Whether this person may take `action` on the proposal in its current state (rights only)."""
    if viewer.is_superuser:
        return True
    own = viewer.organisation_id == proposal.organisation_id
    state = proposal.state
    if action == "submit":
        return viewer.is_coordinator and own
    if action == "endorse":
        return viewer.is_executive and own
    if action in {"approve", "return"}:
        if state == S.SUBMITTED:
            return action == "return" and viewer.is_executive and own
        if state == S.MOI_REVIEW:
            return viewer.is_moi
        if state == S.OPDC_REVIEW:
            return viewer.is_opdc
        if state in COMMITTEE_STEPS:
            return viewer.is_opdc or viewer.role == Role.COMMITTEE_SECRETARY
    return False


def available_actions(proposal: Proposal, viewer: Viewer) -> list[str]:
    """The actions the viewer may take now (for buttons); deadline and rules are checked on the step."""
    return [a for a in ACTIONS if next_state(proposal, a) is not None and may_act(viewer, proposal, a)]


# --- deadline -----------------------------------------------------------------------------------


def deadline_for(proposal: Proposal) -> dt.date | None:
    """The framework's proposal deadline, or the latest extension OPDC granted this organisation."""
    deadline = proposal.framework.proposal_deadline
    extended = (
        DeadlineExtension.objects.filter(
            framework_id=proposal.framework_id, organisation_id=proposal.organisation_id, round__isnull=True
        )
        .order_by("-new_deadline")
        .values_list("new_deadline", flat=True)
        .first()
    )
    if extended is not None and (deadline is None or extended > deadline):
        return extended
    return deadline


def check_deadline(proposal: Proposal, today: dt.date | None = None) -> None:
    today = today or timezone.localdate()
    deadline = deadline_for(proposal)
    if deadline is not None and today > deadline:
        raise Conflict(
            f"เลยกำหนดส่งข้อเสนอตัวชี้วัดแล้ว (ภายใน {format_date(deadline)}) ต้องได้รับการขยายเวลาจากสำนักงาน ก.พ.ร. ก่อนจึงจะส่งได้",
            f"The proposal deadline ({deadline.isoformat()}) has passed; "
            "OPDC must grant an extension before it can be submitted",
            field="deadline",
        )


@transaction.atomic
def deadline_extension_grant(*, proposal: Proposal, by: User, new_deadline: dt.date, reason: str) -> DeadlineExtension:
    """OPDC records more time for one organisation's proposal (a WorkflowEvent says so too)."""
    viewer = viewer_for(by)
    if not viewer.is_opdc:
        raise NotAllowed("เฉพาะสำนักงาน ก.พ.ร. เท่านั้นที่ขยายเวลาได้", "Only OPDC may grant an extension")
    reason = (reason or "").strip()
    if not reason:
        raise Invalid("กรุณาระบุเหตุผลของการขยายเวลา", "A reason is required", field="reason")
    deadline = proposal.framework.proposal_deadline
    if deadline is not None and new_deadline <= deadline:
        raise Invalid(
            f"วันที่ขยายต้องหลังกำหนดเดิม ({format_date(deadline)})",
            f"The new deadline must be after {deadline.isoformat()}",
            field="new_deadline",
        )
    extension = DeadlineExtension(
        framework=proposal.framework,
        organisation=proposal.organisation,
        new_deadline=new_deadline,
        reason=reason,
        granted_by=by,
    )
    extension._history_user = by  # type: ignore[attr-defined]
    extension.save()
    WorkflowEvent.objects.create(
        content_type=ContentType.objects.get_for_model(Proposal),
        object_id=proposal.pk,
        organisation_id=proposal.organisation_id,
        action="extend",
        from_state=proposal.state,
        to_state=proposal.state,
        comment=f"ขยายเวลาส่งถึง {format_date(new_deadline)}: {reason}",
        actor=by,
    )
    return extension


# --- rules ---------------------------------------------------------------------------------------


def scoring_input(kpi: Kpi, component_code: str) -> sm.KpiInput:
    targets: list[Decimal] = []
    for t in kpi.targets or []:
        try:
            targets.append(Decimal(str(t)))
        except ArithmeticError:
            targets.append(Decimal("NaN"))
    return sm.KpiInput(
        code=kpi.code,
        component=component_code,
        weight=kpi.weight,
        targets=tuple(targets),
        result=None,
        direction=kpi.direction,  # type: ignore[arg-type]
        monitor=kpi.is_monitor,
        name=kpi.name_th,
    )


def proposal_problems(proposal: Proposal, kpis: list[Kpi] | None = None) -> list[Problem]:
    """The scoring validation's problems with the proposal's current KPIs (weights, counts, ladders)."""
    framework = proposal.framework
    if kpis is None:
        kpis = list(proposal.kpis.filter(is_removed=False).select_related("component").order_by("order", "pk"))
    scorecard = sm.Scorecard(
        framework=scoring_framework(framework),
        kpis=tuple(scoring_input(k, k.component.code) for k in kpis),
    )
    return validate(scorecard)


def check_rules(proposal: Proposal) -> None:
    problems = proposal_problems(proposal)
    if problems:
        raise Invalid(
            f"ข้อเสนอตัวชี้วัดยังไม่ผ่านเกณฑ์ของกรอบการประเมิน {len(problems)} ข้อ: {problems[0].message_th}",
            f"The proposal breaks {len(problems)} framework rule(s): {problems[0].message_en}",
            problems=[p.as_dict() for p in problems],
        )


# --- concurrency ---------------------------------------------------------------------------------


def proposal_current(proposal: Proposal) -> dict[str, object]:
    return {
        "id": proposal.pk,
        "state": proposal.state,
        "state_th": ProposalState(proposal.state).label,
        "lock_version": proposal.lock_version,
        "updated_at": proposal.updated_at.isoformat() if proposal.updated_at else None,
    }


def check_lock(proposal: Proposal, expected_lock_version: int | None) -> None:
    if expected_lock_version is not None and expected_lock_version != proposal.lock_version:
        raise Conflict(
            f"มีผู้อื่นแก้ไขข้อเสนอนี้ไปแล้ว (ฉบับที่ {proposal.lock_version}) สถานะปัจจุบัน: "
            f"{thai(ProposalState(proposal.state).label)} กรุณาโหลดหน้าใหม่แล้วลองอีกครั้ง",
            f"Someone else changed this proposal first (now version {proposal.lock_version}, "
            f"state {proposal.state}); reload and try again",
            field="lock_version",
            current=proposal_current(proposal),
        )


# --- the transition ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    """What happened, handed to the notification hook."""

    proposal: Proposal
    action: str
    from_state: str
    to_state: str
    by: User
    comment: str
    kpi: Kpi | None
    event: WorkflowEvent


def _illegal(proposal: Proposal, action: str) -> Conflict:
    state = ProposalState(proposal.state)
    label_th, label_en = ACTION_LABELS.get(action, (action, action))
    return Conflict(
        f"ทำรายการ “{label_th}” ไม่ได้ ขณะข้อเสนออยู่ในสถานะ “{thai(state.label)}”",
        f"Cannot {label_en.lower()} a proposal in state '{state.value}'",
        field="action",
        current=proposal_current(proposal),
    )


@transaction.atomic
def transition(
    proposal: Proposal,
    action: str,
    *,
    by: User,
    comment: str = "",
    kpi: Kpi | None = None,
    expected_lock_version: int | None = None,
) -> Proposal:
    """Move the proposal one step (submit, endorse, approve, return) and record the event."""
    if action not in ACTIONS:
        raise Invalid(
            f"ไม่รู้จักการดำเนินการ “{action}” (ใช้ได้: {', '.join(ACTIONS)})",
            f"Unknown action '{action}' (one of {', '.join(ACTIONS)})",
            field="action",
        )
    locked = (
        Proposal.objects.select_for_update(of=("self",)).select_related("framework", "organisation").get(pk=proposal.pk)
    )
    viewer = viewer_for(by)
    if not viewer.may_see_organisation(
        organisation_id=locked.organisation_id, kind=locked.organisation.kind, parent_id=locked.organisation.parent_id
    ):
        raise NotAllowed("คุณไม่มีสิทธิ์ดำเนินการกับข้อเสนอนี้", "You may not act on this proposal")
    check_lock(locked, expected_lock_version)
    to_state = next_state(locked, action)
    if to_state is None:
        raise _illegal(locked, action)
    if not may_act(viewer, locked, action):
        label_th, label_en = ACTION_LABELS[action]
        raise NotAllowed(
            f"คุณไม่มีสิทธิ์ “{label_th}” ในขั้นตอน “{ProposalState(locked.state).label}”",
            f"You may not {label_en.lower()} at step '{locked.state}'",
            field="action",
        )
    comment = (comment or "").strip()
    if kpi is not None and kpi.proposal_id != locked.pk:
        raise Invalid(
            "ตัวชี้วัดที่แสดงความเห็นไม่ได้อยู่ในข้อเสนอนี้",
            "The KPI commented on is not part of this proposal",
            field="kpi",
        )
    if action == "return" and not comment:
        raise Invalid(
            "กรุณาระบุเหตุผลหรือข้อเสนอแนะเมื่อส่งกลับแก้ไข",
            "A comment is required when returning a proposal",
            field="comment",
        )
    if action == "submit":
        if locked.state == S.DRAFT:
            check_deadline(locked)
        check_rules(locked)

    from_state = locked.state
    now = timezone.now()
    locked.state = to_state
    locked.lock_version += 1
    if action == "submit":
        locked.submitted_at = now
    if to_state == S.APPROVED:
        locked.approved_at = now
    locked._history_user = by  # type: ignore[attr-defined]
    locked.save()
    event = WorkflowEvent.objects.create(
        content_type=ContentType.objects.get_for_model(Proposal),
        object_id=locked.pk,
        organisation_id=locked.organisation_id,
        action=action,
        from_state=from_state,
        to_state=to_state,
        comment=comment,
        kpi=kpi,
        actor=by,
    )
    if to_state == S.APPROVED:
        from govkpi.kpis.versions import freeze_proposal

        freeze_proposal(locked, by)
    notify_transition(Transition(locked, action, from_state, to_state, by, comment, kpi, event))
    return locked


#: Who hears of a proposal reaching each state (besides the organisation's coordinators).
NEXT_ROLES: dict[str, tuple[str, ...]] = {
    S.SUBMITTED: (Role.EXECUTIVE,),
    S.MOI_REVIEW: (Role.MOI_REVIEWER,),
    S.OPDC_REVIEW: (Role.OPDC_DESK,),
    S.WORKING_GROUP: (Role.COMMITTEE_SECRETARY,),
    S.SUBCOMMITTEE: (Role.COMMITTEE_SECRETARY,),
    S.MINISTER: (Role.COMMITTEE_SECRETARY,),
    S.APPROVED: (Role.EXECUTIVE,),
    S.RETURNED: (Role.EXECUTIVE,),
}
OWN_ORGANISATION_ROLES = {Role.COORDINATOR, Role.EXECUTIVE}


def recipients(proposal: Proposal, to_state: str) -> list[User]:
    """The coordinators of the organisation and the people who act next."""
    own = Q(person__organisation_id=proposal.organisation_id, person__role=Role.COORDINATOR)
    for role in NEXT_ROLES.get(to_state, ()):
        if role in OWN_ORGANISATION_ROLES:
            own |= Q(person__organisation_id=proposal.organisation_id, person__role=role)
        else:
            own |= Q(person__role=role)
    return list(User.objects.filter(own, is_active=True).distinct())


def notify_transition(done: Transition) -> None:
    """The single notification hook: the inbox (and an e-mail after commit) of who acts next."""
    proposal = done.proposal
    users = [u for u in recipients(proposal, done.to_state) if u.pk != done.by.pk]
    label, label_en = ACTION_LABELS.get(done.action, (done.action, done.action))
    # The Thai subject stays Thai whoever acts (an English page's user included); English beside it.
    with translation.override("th"):
        subject = f"ข้อเสนอตัวชี้วัด {proposal.organisation.name_th}: {label} — {state_label(done.to_state)}"
    with translation.override("en"):
        subject_en = (
            f"KPI proposal of {proposal.organisation.name_en or proposal.organisation.name_th}: "
            f"{label_en} — {state_label(done.to_state)}"
        )
    body = f"ความเห็น: {done.comment}" if done.comment else ""
    if done.kpi is not None:
        body = f"{body}\nตัวชี้วัด {done.kpi.code} {done.kpi.name_th}".strip()
    notify(users, subject, body, f"/proposals/{proposal.pk}/", subject_en=subject_en)


EVENT_LABELS: dict[str, str] = {
    **{action: th for action, (th, _) in ACTION_LABELS.items()},
    "extend": gettext_noop("ขยายเวลาส่งข้อเสนอ"),
    "acknowledge": gettext_noop("รับทราบ"),
    "comment": gettext_noop("ให้ความคิดเห็น"),
    "reject": gettext_noop("ไม่เห็นชอบ"),
}


def state_label(state: str) -> str:
    return str(ProposalState(state).label) if state in ProposalState.values else state


def events_of(proposal: Proposal) -> list[WorkflowEvent]:
    """The proposal's timeline, oldest first, each with labels for its action and states in the
    active language (the stored event keeps codes; the words are translated at display)."""
    events = list(
        WorkflowEvent.objects.filter(content_type=ContentType.objects.get_for_model(Proposal), object_id=proposal.pk)
        .select_related("actor__person", "kpi")
        .order_by("at", "pk")
    )
    for e in events:
        e.action_th = gettext(EVENT_LABELS.get(e.action, e.action))  # type: ignore[attr-defined]
        e.from_th = state_label(e.from_state)  # type: ignore[attr-defined]
        e.to_th = state_label(e.to_state)  # type: ignore[attr-defined]
    return events
