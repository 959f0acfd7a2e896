"""National Strategic KPIs: list, detail with attached KPIs, roll-up per round; OPDC's writes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from django.contrib.auth.models import User
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import Status

from govkpi.api.auth import login_required, viewer_of_api
from govkpi.api.schemas import ERRORS, WRITE_ERRORS, months_param, year_param
from govkpi.core.errors import NotFound
from govkpi.dashboards.strategic import rollup_as_dict, strategic_rollup
from govkpi.kpis.models import Kpi, StrategicKpi
from govkpi.kpis.selectors import visible_kpis
from govkpi.kpis.strategic import (
    StrategicFilters,
    attached_kpis,
    kpi_strategic_attach,
    kpi_strategic_detach,
    strategic_get,
    strategic_kpi_create,
    strategic_kpi_update,
    strategic_list,
)

router = Router()


class StrategicOut(Schema):
    id: int
    year: int
    code: str
    name_th: str
    name_en: str
    definition_th: str
    unit_th: str
    direction: str
    national_target_th: str
    national_target_value: Decimal | None
    owner: str
    plan_links: list[str]
    basket: str | None

    @staticmethod
    def resolve_year(obj: StrategicKpi) -> int:
        return obj.fiscal_year.year

    @staticmethod
    def resolve_owner(obj: StrategicKpi) -> str:
        return obj.owner.code

    @staticmethod
    def resolve_plan_links(obj: StrategicKpi) -> list[str]:
        return [p.code for p in obj.plan_links.all()]

    @staticmethod
    def resolve_basket(obj: StrategicKpi) -> str | None:
        return obj.basket.code if obj.basket else None


class AttachedOut(Schema):
    id: int
    code: str
    name_th: str
    organisation: str
    group: str
    relation: str
    state: str

    @staticmethod
    def resolve_organisation(obj: Kpi) -> str:
        return obj.organisation.code

    @staticmethod
    def resolve_group(obj: Kpi) -> str:
        return obj.framework.group

    @staticmethod
    def resolve_relation(obj: Kpi) -> str:
        return obj.strategic_relation

    @staticmethod
    def resolve_state(obj: Kpi) -> str:
        return obj.proposal.state


class StrategicDetailOut(StrategicOut):
    attached: list[AttachedOut]

    @staticmethod
    def resolve_attached(obj: StrategicKpi) -> list[Kpi]:
        return list(getattr(obj, "attached_for_viewer", []))


class RollupRowOut(Schema):
    kpi_id: int
    kpi: str
    organisation: str
    group: str
    relation: str
    value: str | None
    points: str | None
    status: str


class RollupOut(Schema):
    strategic: str
    year: int
    months: int
    rounds: list[int]
    attached: int
    reported: int
    on_target: int
    at_risk: int
    off_track: int
    not_reported: int
    rows: list[RollupRowOut]


class StrategicIn(Schema):
    """Fields of a Strategic KPI; on PATCH send only those that change."""

    code: str | None = None
    name_th: str | None = None
    name_en: str | None = None
    definition_th: str | None = None
    unit_th: str | None = None
    direction: Literal["higher_is_better", "lower_is_better"] | None = None
    national_target_th: str | None = None
    national_target_value: Decimal | None = None
    owner: str | None = None
    plan_links: list[str] | None = None
    basket: str | None = None


class StrategicCreateIn(StrategicIn):
    year: int


class AttachIn(Schema):
    kpi_id: int
    relation: Literal["same", "proxy"]


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _detail(request: HttpRequest, strategic: StrategicKpi) -> StrategicKpi:
    """The Strategic KPI with the attached KPIs this caller may see (StrategicDetailOut reads them)."""
    strategic.attached_for_viewer = list(attached_kpis(viewer=viewer_of_api(request), strategic=strategic))  # type: ignore[attr-defined]
    return strategic


@router.get("/", response={200: list[StrategicOut], **ERRORS}, summary="Strategic KPIs (กรองตามปี หน่วยงานเจ้าภาพ แผน)")
def list_strategic(
    request: HttpRequest, year: int | None = year_param(), owner: str = "", plan: str = "", q: str = ""
) -> object:
    return list(strategic_list(filters=StrategicFilters(year=year, owner=owner[:30], plan=plan[:20], q=q[:100])))


@router.get("/{strategic_id}", response={200: StrategicDetailOut, **ERRORS}, summary="Strategic KPI และตัวชี้วัดที่ถ่ายทอด")
def get_strategic(request: HttpRequest, strategic_id: int) -> object:
    return _detail(request, strategic_get(pk=strategic_id))


@router.get(
    "/{strategic_id}/rollup",
    response={200: RollupOut, **ERRORS},
    summary="ผลของตัวชี้วัดที่ถ่ายทอดในรอบการประเมิน (ตามสิทธิ์ของผู้เรียก)",
)
def get_rollup(request: HttpRequest, strategic_id: int, round: int | None = months_param()) -> object:
    rollup = strategic_rollup(viewer=viewer_of_api(request), strategic=strategic_get(pk=strategic_id), months=round)
    return rollup_as_dict(rollup)


@router.post("/", auth=login_required, response={201: StrategicDetailOut, **WRITE_ERRORS}, summary="สร้าง Strategic KPI")
def create_strategic(request: HttpRequest, body: StrategicCreateIn) -> Status[Any]:
    values = body.dict(exclude_unset=True)
    year = values.pop("year")
    strategic = strategic_kpi_create(by=_user(request), year=year, values=values)
    return Status(201, _detail(request, strategic_get(pk=strategic.pk)))


@router.patch(
    "/{strategic_id}",
    auth=login_required,
    response={200: StrategicDetailOut, **WRITE_ERRORS},
    summary="แก้ไข Strategic KPI",
)
def update_strategic(request: HttpRequest, strategic_id: int, body: StrategicIn) -> object:
    strategic = strategic_kpi_update(
        strategic=strategic_get(pk=strategic_id), by=_user(request), values=body.dict(exclude_unset=True)
    )
    return _detail(request, strategic_get(pk=strategic.pk))


def _kpi(request: HttpRequest, kpi_id: int) -> Kpi:
    kpi = visible_kpis(viewer_of_api(request)).filter(pk=kpi_id).first()
    if kpi is None:
        raise NotFound(f"ไม่พบตัวชี้วัดรหัส {kpi_id}", f"No KPI {kpi_id}.", field="kpi_id")
    return kpi


@router.post(
    "/{strategic_id}/attach",
    auth=login_required,
    response={200: StrategicDetailOut, **WRITE_ERRORS},
    summary="เชื่อมตัวชี้วัดกับ Strategic KPI (same หรือ proxy)",
)
def attach(request: HttpRequest, strategic_id: int, body: AttachIn) -> object:
    strategic = strategic_get(pk=strategic_id)
    kpi_strategic_attach(kpi=_kpi(request, body.kpi_id), strategic=strategic, relation=body.relation, by=_user(request))
    return _detail(request, strategic)


@router.delete(
    "/{strategic_id}/attach/{kpi_id}",
    auth=login_required,
    response={200: StrategicDetailOut, **WRITE_ERRORS},
    summary="ยกเลิกการเชื่อมตัวชี้วัดกับ Strategic KPI",
)
def detach(request: HttpRequest, strategic_id: int, kpi_id: int) -> object:
    strategic = strategic_get(pk=strategic_id)
    kpi = _kpi(request, kpi_id)
    if kpi.strategic_id != strategic.pk:
        raise NotFound(
            f"ตัวชี้วัด {kpi.code} ไม่ได้เชื่อมกับ {strategic.code}",
            f"KPI {kpi.code} is not attached to {strategic.code}.",
            field="kpi_id",
        )
    kpi_strategic_detach(kpi=kpi, by=_user(request))
    return _detail(request, strategic)
