"""The KPI Basket, searchable in Thai; OPDC creates, edits, retires and imports entries."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile

from govkpi.api.auth import login_required, viewer_of_api
from govkpi.api.jobs import JobOut
from govkpi.api.schemas import ERRORS, WRITE_ERRORS, ErrorOut, limit_param, offset_param
from govkpi.basket import selectors, services
from govkpi.basket.excel import basket_export_xlsx, basket_precheck
from govkpi.basket.models import BasketKpi, Domain
from govkpi.core.errors import Invalid
from govkpi.core.excel_safety import MAX_UPLOAD
from govkpi.core.jobs import start_job
from govkpi.core.models import Job
from govkpi.core.views import xlsx_response
from govkpi.frameworks.choices import GroupCode

router = Router()

Number = str | int | float


class BaselineOut(Schema):
    year: int
    value: str | None = None


class BasketKpiOut(Schema):
    code: str
    group: str
    name_th: str
    name_en: str
    definition_th: str
    formula_th: str
    unit_th: str
    direction: str
    measure: str
    domain: str
    baseline: list[dict[str, object]]
    recommended_targets: list[list[str]]
    data_source_th: str
    evidence_th: str
    themes: list[str]
    plan_links: list[str]
    applicable_kinds: list[str]
    tunable_fields: list[str]
    ministry: str | None
    is_retired: bool

    @staticmethod
    def resolve_plan_links(obj: object) -> list[str]:
        return [p.code for p in obj.plan_links.all()]  # type: ignore[attr-defined]

    @staticmethod
    def resolve_recommended_targets(obj: BasketKpi) -> list[list[str]]:
        return obj.recommendations

    @staticmethod
    def resolve_ministry(obj: BasketKpi) -> str | None:
        return obj.ministry.code if obj.ministry_id and obj.ministry else None


class BaselineIn(Schema):
    year: Number | None = None
    value: Number | None = None


class BasketKpiPatch(Schema):
    """Fields to change; choices may be given by code (higher_is_better) or Thai label."""

    group: str | None = None
    name_th: str | None = None
    name_en: str | None = None
    definition_th: str | None = None
    formula_th: str | None = None
    unit_th: str | None = None
    direction: str | None = None
    measure: str | None = None
    domain: str | None = None
    baseline: list[BaselineIn] | None = None
    # One ladder ([60, 70, 80, 90, 100]) or one per ladder length ([[80, 85, 90], [60, 70, 80, 90, 100]]).
    recommended_targets: list[list[Number | None]] | list[Number | None] | None = Field(
        default=None,
        description="ค่าเป้าหมายที่แนะนำ เรียงจากขั้นแรก: ชุดเดียว หรือหลายชุด (ชุดละหนึ่งจำนวนขั้น) /"
        " recommended targets, lowest level first: one ladder, or a list of ladders (one per length)",
    )
    data_source_th: str | None = None
    evidence_th: str | None = None
    plan_links: list[str] | None = None
    applicable_kinds: list[str] | None = None
    themes: list[str] | None = None
    tunable_fields: list[str] | None = None
    ministry: str | None = None


class BasketKpiIn(BasketKpiPatch):
    code: str
    name_th: str


def _data(payload: BasketKpiPatch) -> dict[str, Any]:
    return payload.model_dump(exclude_unset=True)


def _user(request: HttpRequest) -> Any:
    viewer_of_api(request)
    return request.user


@router.get("/", response={200: list[BasketKpiOut], **ERRORS}, summary="ค้นหา KPI Basket (ภาษาไทย)")
def list_basket(
    request: HttpRequest,
    q: str = "",
    group: GroupCode | None = None,
    domain: Domain | None = None,
    plan: str = "",
    include_retired: bool = False,
    limit: int = limit_param(100, 500),
    offset: int = offset_param(),
) -> object:
    qs = (
        selectors.basket_list(
            q=q,
            group=group.value if group else "",
            domain=domain.value if domain else "",
            plan=plan,
            include_retired=include_retired,
        )
        .select_related("ministry")
        .prefetch_related("plan_links")
    )
    limit = max(1, min(limit, 500))
    return list(qs[max(offset, 0) : max(offset, 0) + limit])


@router.post(
    "/",
    response={201: BasketKpiOut, **WRITE_ERRORS},
    auth=login_required,
    summary="เพิ่มตัวชี้วัดใน KPI Basket (สำนักงาน ก.พ.ร.)",
)
def create_basket_kpi(request: HttpRequest, payload: BasketKpiIn) -> Status[BasketKpi]:
    kpi = services.basket_kpi_create(by=_user(request), data=_data(payload))
    return Status(201, selectors.basket_get(code=kpi.code))


@router.get(
    "/excel",
    response={200: None, **ERRORS},
    summary="ส่งออก KPI Basket ทั้งหมดเป็น Excel (ใช้เป็นแม่แบบนำเข้า)",
)
def export_basket(request: HttpRequest) -> HttpResponse:
    return xlsx_response(basket_export_xlsx(), "KPI-Basket.xlsx")


@router.post(
    "/excel",
    response={200: JobOut, 202: JobOut, **WRITE_ERRORS},
    auth=login_required,
    summary="นำเข้า KPI Basket จาก Excel (เพิ่ม/แก้ไขตามรหัส ทั้งหมดหรือไม่บันทึกเลย)",
    description="Runs as a background job: 200 when done, 202 while queued (poll /api/v1/jobs/{id}), "
    "422 with one problem per row and column when nothing was imported.",
)
def import_basket(request: HttpRequest, file: File[UploadedFile]) -> Status[Job]:
    user = _user(request)
    services.check_may_curate(viewer_of_api(request))
    if file.size and file.size > MAX_UPLOAD:
        raise Invalid("ไฟล์ใหญ่เกิน 10 MB", "The file is larger than 10 MB.", field="file")
    data = file.read()
    basket_precheck(data)
    job = start_job(
        "basket.import",
        title=f"นำเข้า KPI Basket จาก {file.name}",
        owner=user,
        input_file=(file.name or "basket.xlsx", data),
    )
    if job.state == Job.State.FAILED:
        raise Invalid(job.message, "Nothing was imported; see problems.", problems=list(job.problems))
    return Status(200 if job.state == Job.State.DONE else 202, job)


@router.get("/{code}", response={200: BasketKpiOut, **ERRORS}, summary="ตัวชี้วัดใน KPI Basket")
def get_basket_kpi(request: HttpRequest, code: str) -> object:
    return selectors.basket_get(code=code)


@router.patch(
    "/{code}",
    response={200: BasketKpiOut, **WRITE_ERRORS},
    auth=login_required,
    summary="แก้ไขตัวชี้วัดใน KPI Basket (สำนักงาน ก.พ.ร.)",
)
def update_basket_kpi(request: HttpRequest, code: str, payload: BasketKpiPatch) -> object:
    services.basket_kpi_update(by=_user(request), code=code, data=_data(payload))
    return selectors.basket_get(code=code)


@router.delete(
    "/{code}",
    response={200: BasketKpiOut, **WRITE_ERRORS},
    auth=login_required,
    summary="เลิกใช้ตัวชี้วัดใน KPI Basket (ยังเปิดอ่านได้)",
    description="Retires the entry (soft delete): pickers stop offering it; GET still returns it.",
)
def retire_basket_kpi(request: HttpRequest, code: str, reason: str = "") -> object:
    services.basket_kpi_retire(by=_user(request), code=code, reason=reason)
    return selectors.basket_get(code=code)


@router.post(
    "/{code}/restore",
    response={200: BasketKpiOut, **WRITE_ERRORS},
    auth=login_required,
    summary="นำตัวชี้วัดที่เลิกใช้กลับมาใช้",
)
def restore_basket_kpi(request: HttpRequest, code: str) -> object:
    services.basket_kpi_restore(by=_user(request), code=code)
    return selectors.basket_get(code=code)


__all__ = ["BaselineOut", "ErrorOut", "router"]
