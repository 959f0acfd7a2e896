"""Extension requests: a coordinator asks OPDC for more time, for the proposal or for a round.

The deadlines themselves stay with their owners: `kpis.workflow.deadline_for` (proposal) and
`results.services.deadline_for` (round). A grant goes through the existing grant services
(`kpis.workflow.deadline_extension_grant`, `results.services.round_extend`), which record the
`DeadlineExtension`; this module only carries the request, its decision and who hears of it.
Every step is transactional and leaves a `core.WorkflowEvent` (plus the model's history).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from govkpi.core.errors import Conflict, Invalid, NotAllowed
from govkpi.core.models import WorkflowEvent
from govkpi.core.thaidates import format_date
from govkpi.frameworks.models import ExtensionRequest, Framework, Round
from govkpi.kpis import workflow
from govkpi.kpis.models import Proposal
from govkpi.notifications.services import notify
from govkpi.organisations.access import Viewer
from govkpi.organisations.choices import Role
from govkpi.organisations.models import Organisation
from govkpi.results import services

S = ExtensionRequest.State


def _proposal(framework: Framework, organisation_id: int) -> Proposal:
    proposal = Proposal.objects.filter(framework=framework, organisation_id=organisation_id).first()
    if proposal is None:
        raise Invalid("หน่วยงานนี้ยังไม่มีข้อเสนอตัวชี้วัดในกรอบนี้", "This organisation has no proposal in the framework.")
    return proposal


def current_deadline(req: ExtensionRequest | None = None, **target: Any) -> dt.date | None:
    """The deadline in force now for the request's target, from its owner."""
    framework: Framework = req.framework if req else target["framework"]
    round_: Round | None = req.round if req else target.get("round_")
    organisation_id: int = req.organisation_id if req else target["organisation_id"]
    if round_ is not None:
        return services.deadline_for(round_, organisation_id)
    return workflow.deadline_for(_proposal(framework, organisation_id))


def link_of(req: ExtensionRequest) -> str:
    if req.round_id:
        return services.sheet_path(req.organisation.code, req.round)  # type: ignore[arg-type]
    return f"/proposals/{_proposal(req.framework, req.organisation_id).pk}/"


def _record(req: ExtensionRequest, *, action: str, from_state: str, user: Any, comment: str) -> None:
    WorkflowEvent.objects.create(
        content_type=ContentType.objects.get_for_model(ExtensionRequest),
        object_id=req.pk,
        organisation_id=req.organisation_id,
        action=action,
        from_state=from_state,
        to_state=req.state,
        comment=comment,
        actor=user,
    )


def _opdc_users() -> Any:
    return get_user_model().objects.filter(is_active=True, person__role__in=[Role.OPDC_ADMIN, Role.OPDC_DESK])


def _organisation_users(organisation_id: int) -> Any:
    return get_user_model().objects.filter(is_active=True, person__organisation_id=organisation_id)


@transaction.atomic
def extension_request_create(
    *,
    viewer: Viewer,
    user: Any,
    framework: Framework,
    organisation: Organisation,
    requested_deadline: dt.date,
    reason: str,
    round_: Round | None = None,
    today: dt.date | None = None,
) -> ExtensionRequest:
    """A coordinator asks for more time for the organisation's proposal (no round) or one round."""
    if not viewer.may_edit_for(organisation.pk):
        raise NotAllowed(
            "เฉพาะผู้ประสานงานของหน่วยงานนี้ขอขยายเวลาได้", "Only this organisation's coordinator may ask for more time."
        )
    reason = (reason or "").strip()
    if not reason:
        raise Invalid("กรุณาระบุเหตุผลที่ขอขยายเวลา", "A reason is required.", field="reason")
    if round_ is not None and round_.framework_id != framework.pk:
        raise Invalid("รอบนี้ไม่อยู่ในกรอบการประเมินนี้", "The round is not in this framework.", field="round")
    if round_ is None and _proposal(framework, organisation.pk).state not in workflow.EDITABLE:
        raise Conflict(
            "ข้อเสนอนี้ส่งแล้ว ไม่ต้องขอขยายเวลา", "The proposal has been submitted; it needs no extension.", field="round"
        )
    today = today or timezone.localdate()
    deadline = current_deadline(framework=framework, round_=round_, organisation_id=organisation.pk)
    floor = max(d for d in (deadline, today) if d is not None)
    if requested_deadline <= floor:
        raise Invalid(
            f"วันที่ขอขยายต้องหลัง {format_date(floor)}",
            f"The requested date must be after {format_date(floor, lang='en')}.",
            field="requested_deadline",
        )
    pending = ExtensionRequest.objects.filter(
        framework=framework, round=round_, organisation=organisation, state=S.PENDING
    ).exists()
    if pending:
        raise Conflict(
            "มีคำขอขยายเวลาที่รอพิจารณาอยู่แล้ว", "An extension request is already waiting for OPDC.", field="round"
        )
    req = ExtensionRequest(
        framework=framework,
        round=round_,
        organisation=organisation,
        reason=reason,
        requested_deadline=requested_deadline,
        requested_by=user,
    )
    req._history_user = user  # type: ignore[attr-defined]
    req.save()
    _record(req, action="extension_request", from_state="", user=user, comment=reason)
    notify(
        _opdc_users(),
        f"{organisation.name_th} ขอขยายเวลา{req.subject_th}ถึง {format_date(requested_deadline)}",
        reason,
        "/extensions/",
    )
    return req


def _pending(req: ExtensionRequest, viewer: Viewer) -> None:
    if not viewer.is_opdc:
        raise NotAllowed("เฉพาะสำนักงาน ก.พ.ร. พิจารณาคำขอขยายเวลาได้", "Only OPDC decides extension requests.")
    if req.state != S.PENDING:
        raise Conflict(
            f"คำขอนี้ได้รับการพิจารณาแล้ว ({req.get_state_display()})",
            f"This request has already been decided ({req.state}).",
            current={"state": req.state},
        )


@transaction.atomic
def extension_request_grant(
    *, viewer: Viewer, user: Any, req: ExtensionRequest, new_deadline: dt.date | None = None, note: str = ""
) -> ExtensionRequest:
    """OPDC grants the request (the requested date unless it gives another): the owner's grant service
    records the DeadlineExtension; the organisation hears of it."""
    req = (
        ExtensionRequest.objects.select_for_update(of=("self",))
        .select_related("framework", "round", "organisation")
        .get(pk=req.pk)
    )
    _pending(req, viewer)
    new_deadline = new_deadline or req.requested_deadline
    note = (note or "").strip()
    reason = f"ตามคำขอ: {req.reason}" + (f" ({note})" if note else "")
    if req.round is not None:
        extension = services.round_extend(
            viewer=viewer,
            user=user,
            round_=req.round,
            organisation=req.organisation,
            new_deadline=new_deadline,
            reason=reason,
        )
    else:
        extension = workflow.deadline_extension_grant(
            proposal=_proposal(req.framework, req.organisation_id), by=user, new_deadline=new_deadline, reason=reason
        )
    req.state = S.GRANTED
    req.decided_by = user
    req.decided_at = timezone.now()
    req.note = note
    req.extension = extension
    req._history_user = user  # type: ignore[attr-defined]
    req.save()
    _record(req, action="extension_grant", from_state=S.PENDING, user=user, comment=note)
    if req.round is None:
        # round_extend already told the organisation; a proposal's grant service tells no one.
        notify(
            _organisation_users(req.organisation_id),
            f"สำนักงาน ก.พ.ร. ขยายเวลา{req.subject_th}ถึง {format_date(new_deadline)}",
            note or req.reason,
            link_of(req),
        )
    return req


@transaction.atomic
def extension_request_refuse(*, viewer: Viewer, user: Any, req: ExtensionRequest, note: str) -> ExtensionRequest:
    """OPDC refuses the request with a note the organisation reads."""
    req = (
        ExtensionRequest.objects.select_for_update(of=("self",))
        .select_related("framework", "round", "organisation")
        .get(pk=req.pk)
    )
    _pending(req, viewer)
    note = (note or "").strip()
    if not note:
        raise Invalid("กรุณาระบุเหตุผลที่ไม่อนุมัติ", "Say why the request is refused.", field="note")
    req.state = S.REFUSED
    req.decided_by = user
    req.decided_at = timezone.now()
    req.note = note
    req._history_user = user  # type: ignore[attr-defined]
    req.save()
    _record(req, action="extension_refuse", from_state=S.PENDING, user=user, comment=note)
    notify(
        _organisation_users(req.organisation_id),
        f"สำนักงาน ก.พ.ร. ไม่อนุมัติคำขอขยายเวลา{req.subject_th}",
        note,
        link_of(req),
    )
    return req
