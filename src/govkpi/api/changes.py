"""Change requests (file, list, decide) and KPI versions with field-by-field diffs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from govkpi.api.auth import login_required, viewer_of_api
from govkpi.api.schemas import ERRORS, WRITE_ERRORS, limit_param, offset_param, year_param
from govkpi.core.errors import NotFound
from govkpi.frameworks.models import Round
from govkpi.kpis import changes, selectors
from govkpi.kpis.models import ChangeRequest, Kpi, KpiVersion
from govkpi.organisations.models import Organisation

router = Router()

KindCode = Literal["target", "formula", "weight", "removal", "addition"]
DecisionCode = Literal["approve", "acknowledge", "reject"]


class ProposedIn(Schema):
    """Only the fields that change; see docs/committees.md for which kind takes which."""

    targets: list[Decimal] | None = None
    weight: Decimal | None = None
    weights: dict[str, Decimal] | None = None
    formula_th: str | None = None
    definition_th: str | None = None
    unit_th: str | None = None
    data_source_th: str | None = None
    evidence_th: str | None = None
    code: str | None = None
    name_th: str | None = None
    name_en: str | None = None
    component: str | None = None
    direction: Literal["higher_is_better", "lower_is_better"] | None = None
    measure: Literal["numeric", "milestone"] | None = None
    is_monitor: bool | None = None


class ChangeRequestIn(Schema):
    kpi_id: int | None = None
    round_id: int
    kind: KindCode
    reason_th: str
    proposed: ProposedIn = ProposedIn()


class ChangeRequestOut(Schema):
    id: int
    organisation: str
    level: str
    year: int
    kpi_id: int | None
    kpi_code: str | None
    round_months: int
    kind: str
    reason_th: str
    proposed: dict[str, object]
    state: str
    created_at: dt.datetime
    decided_at: dt.datetime | None
    decision_note_th: str

    @staticmethod
    def resolve_organisation(obj: ChangeRequest) -> str:
        return obj.organisation.code

    @staticmethod
    def resolve_year(obj: ChangeRequest) -> int:
        return obj.framework.fiscal_year.year

    @staticmethod
    def resolve_kpi_code(obj: ChangeRequest) -> str | None:
        return obj.kpi.code if obj.kpi else None

    @staticmethod
    def resolve_round_months(obj: ChangeRequest) -> int:
        return obj.round.months


class ChangeRequestPage(Schema):
    count: int
    items: list[ChangeRequestOut]


class DecisionIn(Schema):
    decision: DecisionCode
    note_th: str = ""


class DecisionOut(Schema):
    change_request: ChangeRequestOut
    versions_made: list[int]


class FieldDiffOut(Schema):
    field: str
    label_th: str
    label_en: str
    old: str
    new: str
    old_ladder: list[tuple[str, str]] | None
    new_ladder: list[tuple[str, str]] | None


class VersionOut(Schema):
    number: int
    effective_from_months: int | None
    change_request_id: int | None
    created_at: dt.datetime
    weight: Decimal
    targets: list[str | float | int]
    formula_th: str
    changes: list[FieldDiffOut]


@router.get("/requests", response={200: ChangeRequestPage, **ERRORS}, summary="คำขอเปลี่ยนแปลงที่ผู้เรียกเห็นได้")
def list_requests(
    request: HttpRequest,
    year: int | None = year_param(),
    state: Literal["submitted", "approved", "rejected", "acknowledged"] | None = None,
    level: Literal["ministry", "department", "province"] | None = None,
    organisation: str = "",
    limit: int = limit_param(100, 1000),
    offset: int = offset_param(),
) -> object:
    qs = changes.change_request_list(
        viewer=viewer_of_api(request), year=year, state=state or "", level=level or "", organisation=organisation
    )
    limit = max(1, min(limit, 1000))
    offset = max(offset, 0)
    return {"count": qs.count(), "items": list(qs[offset : offset + limit])}


@router.post(
    "/requests", auth=login_required, response={201: ChangeRequestOut, **WRITE_ERRORS}, summary="ยื่นคำขอเปลี่ยนแปลง"
)
def file_request(request: HttpRequest, body: ChangeRequestIn) -> object:
    viewer = viewer_of_api(request)
    round_ = Round.objects.select_related("framework").filter(pk=body.round_id).first()
    if round_ is None:
        raise NotFound("ไม่พบรอบการประเมินนี้", "No such round", field="round_id")
    kpi: Kpi | None = None
    if body.kpi_id is not None:
        try:
            kpi = selectors.kpi_get(viewer=viewer, pk=body.kpi_id)
        except Kpi.DoesNotExist as exc:
            raise NotFound("ไม่พบตัวชี้วัดนี้", "No such KPI", field="kpi_id") from exc
    organisation = Organisation.objects.filter(pk=viewer.organisation_id or 0).first() if kpi is None else None
    proposed = {k: (str(v) if isinstance(v, Decimal) else v) for k, v in body.proposed.dict(exclude_none=True).items()}
    cr = changes.change_request_file(
        by=request.user,  # type: ignore[arg-type]
        kpi=kpi,
        organisation=organisation,
        round_=round_,
        kind=body.kind,
        reason_th=body.reason_th,
        proposed=proposed,
    )
    return Status(201, cr)


@router.get("/requests/{cr_id}", response={200: ChangeRequestOut, **ERRORS}, summary="คำขอเปลี่ยนแปลงหนึ่งรายการ")
def get_request(request: HttpRequest, cr_id: int) -> object:
    return changes.change_request_get(viewer=viewer_of_api(request), pk=cr_id)


@router.post(
    "/requests/{cr_id}/decision",
    auth=login_required,
    response={200: DecisionOut, **WRITE_ERRORS},
    summary="บันทึกผลการพิจารณาคำขอ (ปกติผ่านมติในวาระการประชุม)",
)
def decide_request(request: HttpRequest, cr_id: int, body: DecisionIn) -> object:
    cr = changes.change_request_get(viewer=viewer_of_api(request), pk=cr_id)
    made = changes.change_request_decide(
        change_request=cr,
        decision=body.decision,
        by=request.user,  # type: ignore[arg-type]
        note_th=body.note_th,
    )
    return {
        "change_request": changes.change_request_get(viewer=viewer_of_api(request), pk=cr_id),
        "versions_made": [v.number for v in made],
    }


def _kpi(request: HttpRequest, kpi_id: int) -> Kpi:
    try:
        return selectors.kpi_get(viewer=viewer_of_api(request), pk=kpi_id)
    except Kpi.DoesNotExist as exc:
        raise NotFound("ไม่พบตัวชี้วัดนี้", "No such KPI") from exc


def _version_out(row: changes.VersionRow) -> dict[str, object]:
    v: KpiVersion = row.version
    return {
        "number": v.number,
        "effective_from_months": v.effective_from.months if v.effective_from else None,
        "change_request_id": v.change_request_id,
        "created_at": v.created_at,
        "weight": v.weight,
        "targets": list(v.targets),
        "formula_th": v.formula_th,
        "changes": [d.__dict__ for d in row.changes],
    }


@router.get(
    "/kpis/{kpi_id}/versions",
    response={200: list[VersionOut], **ERRORS},
    summary="ทุกฉบับของตัวชี้วัด พร้อมสิ่งที่เปลี่ยนจากฉบับก่อน",
)
def kpi_versions(request: HttpRequest, kpi_id: int) -> object:
    return [_version_out(row) for row in changes.version_history(_kpi(request, kpi_id))]


@router.get(
    "/kpis/{kpi_id}/diff",
    response={200: list[FieldDiffOut], **ERRORS},
    summary="ความแตกต่างระหว่างสองฉบับของตัวชี้วัด",
)
def kpi_diff(
    request: HttpRequest,
    kpi_id: int,
    # Bounded like a database integer, so any out-of-range number is a 422 on SQLite and PostgreSQL alike.
    old: int = Query(..., ge=0, le=2**31 - 1),  # type: ignore[type-arg]
    new: int = Query(..., ge=0, le=2**31 - 1),  # type: ignore[type-arg]
) -> object:
    kpi = _kpi(request, kpi_id)
    a, b = changes.version_pair(kpi, old, new)
    levels = list(kpi.framework.target_levels.order_by("order").values_list("name_th", flat=True))
    components = dict(kpi.framework.components.values_list("pk", "name_th"))
    return [d.__dict__ for d in changes.version_diff(a, b, levels=levels, components=components)]
