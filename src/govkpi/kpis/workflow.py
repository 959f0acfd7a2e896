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

Each approve/return at a review stage writes a `StageDecision`: who decided, at which meeting
("ครั้งที่ n/ปี", an existing `reviews.Meeting` or typed) and the resolution text. At the committee
stages (working group, อ.ก.พ.ร., minister) the meeting and the resolution are required. A framework
may require the OPDC desk stage and the working-group approval to be taken by different people
(`Framework.distinct_opdc_reviewers`); `may_act` and `transition` refuse the same person.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

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
from govkpi.kpis.models import Kpi, Proposal, ProposalComment, StageDecision
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

#: The committee steps decided at a meeting ("ครั้งที่ n/ปี" required); the minister signs, no meeting.
MEETING_STEPS = frozenset({S.WORKING_GROUP, S.SUBCOMMITTEE})

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


def separation_refusal(viewer: Viewer, proposal: Proposal, action: str) -> NotAllowed | None:
    """The refusal when the framework wants different people for the two OPDC-side stages and this
    person approved the OPDC desk stage of the proposal (its latest pass), else None."""
    if action != "approve" or proposal.state != S.WORKING_GROUP or not proposal.framework.distinct_opdc_reviewers:
        return None
    desk = (
        StageDecision.objects.filter(proposal_id=proposal.pk, stage=S.OPDC_REVIEW, action="approve")
        .order_by("-decided_at", "-pk")
        .values_list("decided_by_id", flat=True)
        .first()
    )
    if desk is None or desk != viewer.user_id:
        return None
    return NotAllowed(
        "ท่านเห็นชอบข้อเสนอนี้ในขั้นสำนักงาน ก.พ.ร. พิจารณาแล้ว กรอบการประเมินนี้กำหนดให้ขั้นคณะทำงานพิจารณาต้องเห็นชอบโดยบุคคลอื่น",
        "You approved this proposal at the OPDC review stage; this framework requires a different person "
        "to approve the working-group stage",
        field="action",
    )


def may_act(viewer: Viewer, proposal: Proposal, action: str) -> bool:
    """Whether this person may take `action` on the proposal in its current state (rights only)."""
    if separation_refusal(viewer, proposal, action) is not None:
        return False
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


def takes_comment(actions: list[str]) -> bool:
    """Whether the action form shows the reviewer's comment field: only to someone who may send the
    proposal back (a coordinator submitting never writes a review comment)."""
    return "return" in actions


# --- deadline -----------------------------------------------------------------------------------


def deadline_for(proposal: Proposal) -> dt.date | None:
    """The framework's proposal deadline, or the latest extension OPDC granted this organisation."""
    return deadlines_for([proposal])[proposal.pk]


def deadlines_for(proposals: Iterable[Proposal]) -> dict[int, dt.date | None]:
    """`deadline_for` of many proposals (framework loaded) in one query: work queues and lists."""
    listed = list(proposals)
    out = {p.pk: p.framework.proposal_deadline for p in listed}
    if not listed:
        return out
    extensions = DeadlineExtension.objects.filter(
        framework_id__in={p.framework_id for p in listed},
        organisation_id__in={p.organisation_id for p in listed},
        round__isnull=True,
    ).values_list("framework_id", "organisation_id", "new_deadline")
    latest: dict[tuple[int, int], dt.date] = {}
    for framework_id, organisation_id, new_deadline in extensions:
        key = (framework_id, organisation_id)
        if key not in latest or new_deadline > latest[key]:
            latest[key] = new_deadline
    for p in listed:
        extended = latest.get((p.framework_id, p.organisation_id))
        deadline = out[p.pk]
        if extended is not None and (deadline is None or extended > deadline):
            out[p.pk] = extended
    return out


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


# --- stage decisions -----------------------------------------------------------------------------

#: "ครั้งที่ 3/2565" or "3/2565": the meeting number and its Buddhist-era year.
MEETING_NUMBER = re.compile(r"(\d{1,3})\s*/\s*(2[4-6]\d\d)")


@dataclass(frozen=True)
class DecisionInput:
    """The checked meeting and resolution of one stage decision."""

    meeting_id: int | None
    meeting_label: str
    resolution: str

    @property
    def comment(self) -> str:
        where = f" ({self.meeting_label})" if self.meeting_label else ""
        return f"มติ{where}: {self.resolution}" if self.resolution else ""


def _meeting_model() -> Any:
    # kpis sits below reviews: the meeting model is reached through the relation, not an import.
    return StageDecision._meta.get_field("meeting").related_model


def stage_decision_input(
    proposal: Proposal, action: str, meeting_id: int | None, meeting_label: str, resolution: str
) -> DecisionInput | None:
    """The stage decision to record for this step, or None when the step is not a review decision.

    Raises `Invalid` naming the field when a committee stage lacks its meeting or resolution, the
    meeting id is unknown, or a typed meeting does not read "ครั้งที่ n/ปี พ.ศ."."""
    if action not in {"approve", "return"} or proposal.state not in review_path(proposal.framework)[:-1]:
        return None
    committee = proposal.state in COMMITTEE_STEPS
    label = " ".join((meeting_label or "").split())
    if meeting_id is not None:
        meeting = _meeting_model().objects.select_related("committee").filter(pk=meeting_id).first()
        if meeting is None:
            raise Invalid(f"ไม่พบการประชุมรหัส {meeting_id}", f"No meeting with id {meeting_id}", field="meeting_id")
        label = str(meeting)
    elif label and not MEETING_NUMBER.search(label):
        raise Invalid(
            "ระบุการประชุมเป็น “ครั้งที่ n/ปี พ.ศ.” เช่น ครั้งที่ 3/2565",
            "Give the meeting as 'no. n/BE year', e.g. ครั้งที่ 3/2565",
            field="meeting",
        )
    text = (resolution or "").strip()
    if proposal.state in MEETING_STEPS and not label:
        raise Invalid(
            f"ขั้น “{state_label(proposal.state)}” ต้องระบุการประชุม (ครั้งที่ …/…) ที่มีมติ",
            f"The {proposal.state} stage needs the meeting (no. n/year) that decided it",
            field="meeting",
        )
    if committee and not text:
        raise Invalid(
            f"ขั้น “{state_label(proposal.state)}” ต้องระบุข้อความมติของที่ประชุม",
            f"The {proposal.state} stage needs the resolution text",
            field="resolution",
        )
    return DecisionInput(meeting_id=meeting_id, meeting_label=label, resolution=text)


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
    meeting_id: int | None = None,
    meeting_label: str = "",
    resolution: str = "",
) -> Proposal:
    """Move the proposal one step (submit, endorse, approve, return) and record the event.

    At a review stage the decision is also recorded (`StageDecision`) with the meeting (an existing
    meeting's id or a typed "ครั้งที่ n/ปี") and the resolution text, both required at committee stages."""
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
    refusal = separation_refusal(viewer, locked, action)
    if refusal is not None:
        raise refusal
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
    decision = stage_decision_input(locked, action, meeting_id, meeting_label, resolution)
    if decision is not None and action == "return" and not comment:
        comment = decision.comment  # a committee's return: its resolution is the reason
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
    if action == "return":
        record_comment(locked, by=by, text=comment, kpi=kpi, state_at=from_state)  # shown until answered
    if decision is not None:
        StageDecision.objects.create(
            proposal=locked,
            event=event,
            stage=from_state,
            action=action,
            to_state=to_state,
            decided_by=by,
            meeting_id=decision.meeting_id,
            meeting_label=decision.meeting_label,
            resolution_th=decision.resolution,
        )
    if to_state == S.APPROVED:
        from govkpi.kpis.versions import freeze_proposal

        freeze_proposal(locked, by)
    notify_transition(Transition(locked, action, from_state, to_state, by, comment, kpi, event))
    return locked


def record_comment(
    proposal: Proposal, *, by: User, text: str, kpi: Kpi | None, state_at: str = "", flag: str = ""
) -> ProposalComment:
    """Store a reviewer's comment (checked by the caller): a return's comment, or
    `kpis.comments.comment_add`. It shows on its KPI row and in the banner until answered."""
    return ProposalComment.objects.create(
        proposal=proposal, kpi=kpi, author=by, state_at=state_at or proposal.state, text_th=text.strip(), flag=flag
    )


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
    notify(
        users,
        subject,
        body,
        f"/proposals/{proposal.pk}/",
        organisation=proposal.organisation,
        round_label=year_label(proposal.framework),
        group_key=f"proposal:{proposal.pk}:{done.action}:{done.to_state}",
        kind=f"proposal_{done.action}",
        subject_en=subject_en,
    )


def year_label(framework: Framework) -> str:
    """How a notification names a proposal's year ("ปีงบประมาณ 2566"): the inbox groups an
    organisation's messages by it, so every proposal message (steps, comments, reminders) uses it."""
    return f"ปีงบประมาณ {framework.fiscal_year.year}"


EVENT_LABELS: dict[str, str] = {
    **{action: th for action, (th, _) in ACTION_LABELS.items()},
    "extend": gettext_noop("ขยายเวลาส่งข้อเสนอ"),
    "acknowledge": gettext_noop("รับทราบ"),
    "comment": gettext_noop("ให้ความคิดเห็น"),
    "comment_reply": gettext_noop("ตอบความเห็น"),
    "comment_resolve": gettext_noop("ปิดความเห็น"),
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
    decisions = {d.event_id: d for d in StageDecision.objects.filter(proposal_id=proposal.pk)}
    for e in events:
        e.decision = decisions.get(e.pk)  # type: ignore[attr-defined]
        e.action_th = gettext(EVENT_LABELS.get(e.action, e.action))  # type: ignore[attr-defined]
        e.from_th = state_label(e.from_state)  # type: ignore[attr-defined]
        e.to_th = state_label(e.to_state)  # type: ignore[attr-defined]
    return events


# --- the stage indicator -------------------------------------------------------------------------


@dataclass(frozen=True)
class StageStep:
    """One stage of a proposal's path for the indicator: done (with who, when, meeting), current, or to come."""

    state: str
    label: str
    status: str  # "done" | "current" | "todo"
    by: str = ""
    at: dt.datetime | None = None
    meeting: str = ""
    resolution: str = ""


FORWARD = frozenset({"submit", "endorse", "approve"})


def stage_track(proposal: Proposal) -> list[StageStep]:
    """The proposal's whole path (draft, submitted, the group's review stages, approved: 7 stages for
    agencies, 8 for provinces), the current one marked and the done ones with who decided and when.

    A returned proposal stands at the draft again (its coordinator revises it)."""
    path = (S.DRAFT, S.SUBMITTED, *review_path(proposal.framework))
    current = S.DRAFT if proposal.state == S.RETURNED else proposal.state
    position = path.index(current) if current in path else 0
    leaving: dict[str, WorkflowEvent] = {}
    for passed in events_of(proposal):
        if passed.action in FORWARD:
            leaving[passed.from_state] = passed  # the latest pass wins
    steps = []
    for i, state in enumerate(path):
        label = state_label(state)
        if i < position:
            event = leaving.get(state)
            decision: StageDecision | None = getattr(event, "decision", None)
            by = ""
            if event is not None and event.actor is not None:
                person = getattr(event.actor, "person", None)
                by = getattr(person, "full_name_th", "") or event.actor.username
            steps.append(
                StageStep(
                    state=state,
                    label=label,
                    status="done",
                    by=by,
                    at=event.at if event is not None else None,
                    meeting=decision.meeting_label if decision else "",
                    resolution=decision.resolution_th if decision else "",
                )
            )
        elif i == position:
            steps.append(StageStep(state=state, label=label, status="current", at=proposal.approved_at))
        else:
            steps.append(StageStep(state=state, label=label, status="todo"))
    return steps
