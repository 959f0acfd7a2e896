"""Writes of committees' work: meetings, agenda items, resolutions that drive the workflow, and
recommendations that organisations answer. Every write is one transaction and audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from govkpi.core.choices import thai
from govkpi.core.errors import Conflict, Invalid, NotAllowed
from govkpi.frameworks.models import Framework
from govkpi.kpis import changes, workflow
from govkpi.kpis.choices import ChangeState
from govkpi.kpis.models import ChangeRequest, Proposal
from govkpi.organisations.access import Viewer, viewer_for
from govkpi.organisations.choices import Role
from govkpi.organisations.models import Organisation
from govkpi.reviews.models import AgendaItem, Committee, Meeting, Recommendation, Resolution

#: Proposal states at which a committee (or the minister's office, recorded by the secretary) decides.
COMMITTEE_STATES = workflow.COMMITTEE_STEPS
#: What a resolution does to each proposal on the item (None: an event only, no state change).
PROPOSAL_ACTION = {"approve": "approve", "reject": "return"}
#: What a resolution does to each change request on the item (None: an event only).
CHANGE_DECISION = {"approve": "approve", "reject": "reject", "acknowledge": "acknowledge"}


def may_write(viewer: Viewer) -> bool:
    """The committee secretary and OPDC keep meetings; members and organisations only read."""
    return viewer.is_opdc or viewer.role == Role.COMMITTEE_SECRETARY


def _require_writer(by: User) -> Viewer:
    viewer = viewer_for(by)
    if not may_write(viewer):
        raise NotAllowed(
            "เฉพาะฝ่ายเลขานุการคณะกรรมการหรือสำนักงาน ก.พ.ร. ที่บันทึกการประชุมได้",
            "Only the committee secretary or OPDC may record meetings",
        )
    return viewer


def _audited(obj: Any, by: User | None) -> None:
    obj._history_user = by


@transaction.atomic
def meeting_create(
    *,
    by: User,
    committee: Committee,
    number: int,
    year_be: int,
    held_on: dt.date,
    mode: str = Meeting.Mode.ELECTRONIC,
    chair_th: str = "",
    title_th: str = "",
    summary_th: str = "",
) -> Meeting:
    _require_writer(by)
    if not 2400 < year_be < 2700:
        raise Invalid("ปีของครั้งที่ประชุมต้องเป็นปี พ.ศ. เช่น 2565", "year_be must be a Buddhist-era year", field="year_be")
    if Meeting.objects.filter(committee=committee, number=number, year_be=year_be).exists():
        raise Conflict(
            f"{committee.name_th} มีการประชุมครั้งที่ {number}/{year_be} อยู่แล้ว",
            f"Meeting {number}/{year_be} of this committee already exists",
            field="number",
        )
    meeting = Meeting(
        committee=committee,
        number=number,
        year_be=year_be,
        held_on=held_on,
        mode=mode,
        chair_th=chair_th.strip(),
        title_th=title_th.strip(),
        summary_th=summary_th.strip(),
    )
    meeting.full_clean()
    _audited(meeting, by)
    try:
        with transaction.atomic():
            meeting.save()
    except IntegrityError as exc:  # a second secretary saved the same number first
        raise Conflict("มีการประชุมครั้งนี้อยู่แล้ว", "This meeting number is taken", field="number") from exc
    return meeting


@transaction.atomic
def agenda_item_add(
    *,
    by: User,
    meeting: Meeting,
    title_th: str,
    proposals: list[Proposal] | None = None,
    change_requests: list[ChangeRequest] | None = None,
    framework: Framework | None = None,
) -> AgendaItem:
    _require_writer(by)
    if not title_th.strip():
        raise Invalid("กรุณาระบุเรื่องของวาระ", "An agenda item needs a title", field="title_th")
    for cr in change_requests or []:
        if cr.state != ChangeState.SUBMITTED:
            raise Conflict(
                f"คำขอเปลี่ยนแปลง #{cr.pk} พิจารณาแล้ว ({cr.get_state_display()})",
                f"Change request #{cr.pk} has already been decided",
                field="change_requests",
            )
    order = (meeting.agenda_items.aggregate(n=Max("order"))["n"] or 0) + 1
    item = AgendaItem(meeting=meeting, order=order, title_th=title_th.strip(), framework=framework)
    item.full_clean()
    _audited(item, by)
    item.save()
    if proposals:
        item.proposals.set(proposals)
    if change_requests:
        item.change_requests.set(change_requests)
    return item


@transaction.atomic
def resolution_record(*, by: User, agenda_item: AgendaItem, decision: str, text_th: str = "") -> Resolution:
    """Record มติ and carry it out on every proposal and change request of the item, all or nothing.

    เห็นชอบ approves each proposal one step (working group → อ.ก.พ.ร. → minister → approved) and each
    change request; ไม่เห็นชอบ returns proposals with the resolution text as the comment and rejects
    change requests; รับทราบ acknowledges change requests (they take effect); ให้ความคิดเห็น and
    รับทราบ on proposals only leave an event.
    """
    _require_writer(by)
    if decision not in Resolution.Decision.values:
        raise Invalid(f"มติไม่ถูกต้อง: {decision}", f"Unknown decision: {decision}", field="decision")
    text = text_th.strip()
    if decision == Resolution.Decision.REJECT and not text:
        raise Invalid("มติไม่เห็นชอบต้องระบุเหตุผล", "A rejection needs the reason in the text", field="text_th")
    label = thai(Resolution.Decision(decision).label)  # the comment is stored Thai
    comment = f"มติ{label} ({agenda_item.meeting}): {text}" if text else f"มติ{label} ({agenda_item.meeting})"
    for proposal in agenda_item.proposals.select_related("organisation").order_by("pk"):
        action = PROPOSAL_ACTION.get(decision)
        if action is None:
            changes.record_event(
                proposal, action=decision, from_state=proposal.state, to_state=proposal.state, by=by, comment=comment
            )
            continue
        if proposal.state not in COMMITTEE_STATES:
            raise Conflict(
                f"ข้อเสนอของ {proposal.organisation.name_th} อยู่ในขั้น {proposal.get_state_display()} "
                "ซึ่งไม่ใช่ขั้นที่คณะกรรมการพิจารณา",
                f"The proposal of {proposal.organisation.code} is at {proposal.state}, not at a committee step",
                field="proposals",
                current={"proposal": proposal.pk, "state": proposal.state},
            )
        workflow.transition(
            proposal,
            action,
            by=by,
            comment=comment,
            meeting_id=agenda_item.meeting_id,
            resolution=text or f"มติ{label}",
        )
    for cr in agenda_item.change_requests.order_by("pk"):
        cr_decision = CHANGE_DECISION.get(decision)
        if cr_decision is None:
            changes.record_event(cr, action=decision, from_state=cr.state, to_state=cr.state, by=by, comment=comment)
            continue
        changes.change_request_decide(change_request=cr, decision=cr_decision, by=by, note_th=comment)
    resolution = Resolution(agenda_item=agenda_item, decision=decision, text_th=text, recorded_by=by)
    resolution.full_clean()
    _audited(resolution, by)
    resolution.save()
    return resolution


@transaction.atomic
def recommendation_add(*, by: User, meeting: Meeting, organisation: Organisation, text_th: str) -> Recommendation:
    _require_writer(by)
    if not text_th.strip():
        raise Invalid("กรุณาระบุข้อเสนอแนะ", "A recommendation needs text", field="text_th")
    rec = Recommendation(meeting=meeting, organisation=organisation, text_th=text_th.strip())
    rec.full_clean()
    _audited(rec, by)
    rec.save()
    return rec


@transaction.atomic
def recommendation_answer(
    *,
    by: User,
    recommendation: Recommendation,
    answer_th: str,
    expected_answered_at: dt.datetime | None = None,
) -> Recommendation:
    """The addressed organisation's coordinator or executive answers; a later answer replaces it (history keeps both)."""
    viewer = viewer_for(by)
    if not (
        viewer.role in {Role.COORDINATOR, Role.EXECUTIVE} and viewer.organisation_id == recommendation.organisation_id
    ):
        raise NotAllowed(
            "เฉพาะหน่วยงานที่ได้รับข้อเสนอแนะนี้ที่ตอบได้",
            "Only the organisation the recommendation is addressed to may answer it",
        )
    if not answer_th.strip():
        raise Invalid("กรุณาระบุคำตอบ", "An answer is required", field="answer_th")
    rec = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if expected_answered_at is not None and rec.answered_at != expected_answered_at:
        raise Conflict(
            "มีผู้ตอบข้อเสนอแนะนี้ก่อนหน้าแล้ว",
            "Someone answered this recommendation first",
            current={"answer_th": rec.answer_th},
        )
    rec.answer_th = answer_th.strip()
    rec.answered_at = timezone.now()
    rec.answered_by = by
    _audited(rec, by)
    rec.save()
    return rec
