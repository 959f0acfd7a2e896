"""Extension requests: a coordinator asks for more time (proposal or round); OPDC grants or refuses."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from pydantic import Field

from govkpi.api.auth import login_required, viewer_of_api
from govkpi.api.schemas import ERRORS, WRITE_ERRORS
from govkpi.core.errors import Invalid
from govkpi.core.thaidates import parse_thai_date
from govkpi.frameworks import selectors
from govkpi.frameworks.models import ExtensionRequest, Framework
from govkpi.organisations.models import Organisation
from govkpi.results import extension_requests as service

router = Router(auth=login_required)


class ExtensionRequestOut(Schema):
    id: int
    year: int
    group: str
    months: int | None
    organisation: str
    reason: str
    current_deadline: dt.date | None
    requested_deadline: dt.date
    state: str
    requested_by: str
    requested_at: dt.datetime
    decided_by: str | None
    decided_at: dt.datetime | None
    note: str
    url: str


class ExtensionRequestListOut(Schema):
    count: int
    items: list[ExtensionRequestOut]


class ExtensionRequestIn(Schema):
    year: int = Field(..., ge=2400, le=2800, description="fiscal year, B.E.")
    group: str = Field(..., max_length=20, description="agencies or provinces")
    months: int | None = Field(None, ge=1, le=12, description="the round; empty for the proposal")
    organisation: str = Field("", max_length=30, description="organisation code; your own when empty")
    requested_deadline: str = Field(..., max_length=40, description="4/7/2570, 4 ก.ค. 2570 or 2027-07-04")
    reason: str = Field(..., max_length=2000)


class ExtensionDecisionIn(Schema):
    new_deadline: str = Field("", max_length=40, description="the date granted; the requested one when empty")
    note: str = Field("", max_length=2000, description="required when refusing")


def _date(raw: str, field: str) -> dt.date:
    try:
        return parse_thai_date(raw)
    except ValueError as exc:
        raise Invalid("วันที่ไม่ถูกต้อง (เช่น 4/7/2570)", "Invalid date (e.g. 4/7/2570).", field=field) from exc


def _out(req: ExtensionRequest) -> ExtensionRequestOut:
    return ExtensionRequestOut(
        id=req.pk,
        year=req.framework.fiscal_year.year,
        group=req.framework.group,
        months=req.round.months if req.round else None,
        organisation=req.organisation.code,
        reason=req.reason,
        current_deadline=service.current_deadline(req),
        requested_deadline=req.requested_deadline,
        state=req.state,
        requested_by=req.requested_by.get_username(),
        requested_at=req.requested_at,
        decided_by=req.decided_by.get_username() if req.decided_by else None,
        decided_at=req.decided_at,
        note=req.note,
        url=service.link_of(req),
    )


@router.get("", response={200: ExtensionRequestListOut, **ERRORS}, summary="Extension requests I may see")
def extension_request_list(request: HttpRequest, state: str = "") -> ExtensionRequestListOut:
    viewer = viewer_of_api(request)
    if state and state not in ExtensionRequest.State.values:
        raise Invalid("สถานะไม่ถูกต้อง", "Unknown state.", field="state")
    items = list(selectors.extension_request_list(viewer, state=state)[:500])
    return ExtensionRequestListOut(count=len(items), items=[_out(r) for r in items])


@router.post("", response={201: ExtensionRequestOut, **WRITE_ERRORS}, summary="Ask OPDC for more time")
def extension_request_create(request: HttpRequest, payload: ExtensionRequestIn) -> Status[ExtensionRequestOut]:
    viewer = viewer_of_api(request)
    framework = get_object_or_404(Framework, fiscal_year__year=payload.year, group=payload.group)
    code = payload.organisation or viewer.organisation_code
    organisation = get_object_or_404(Organisation, code=code)
    round_ = get_object_or_404(framework.rounds, months=payload.months) if payload.months else None
    req = service.extension_request_create(
        viewer=viewer,
        user=request.user,
        framework=framework,
        organisation=organisation,
        round_=round_,
        requested_deadline=_date(payload.requested_deadline, "requested_deadline"),
        reason=payload.reason,
    )
    return Status(201, _out(req))


@router.post("/{request_id}/grant", response={200: ExtensionRequestOut, **WRITE_ERRORS}, summary="OPDC grants")
def extension_request_grant(request: HttpRequest, request_id: int, payload: ExtensionDecisionIn) -> ExtensionRequestOut:
    viewer = viewer_of_api(request)
    req = selectors.extension_request_get(viewer, request_id)
    new_deadline = _date(payload.new_deadline, "new_deadline") if payload.new_deadline.strip() else None
    return _out(
        service.extension_request_grant(
            viewer=viewer, user=request.user, req=req, new_deadline=new_deadline, note=payload.note
        )
    )


@router.post("/{request_id}/refuse", response={200: ExtensionRequestOut, **WRITE_ERRORS}, summary="OPDC refuses")
def extension_request_refuse(
    request: HttpRequest, request_id: int, payload: ExtensionDecisionIn
) -> ExtensionRequestOut:
    viewer = viewer_of_api(request)
    req = selectors.extension_request_get(viewer, request_id)
    return _out(service.extension_request_refuse(viewer=viewer, user=request.user, req=req, note=payload.note))
