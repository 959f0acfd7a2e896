"""Target quality of a proposal under review: every KPI's three-year history and its flags
(`dashboards.target_quality`, the same data as the proposal page's panel). Scoped like the proposal."""

from __future__ import annotations

from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from govkpi.api.auth import login_required, viewer_of_api
from govkpi.api.schemas import ERRORS
from govkpi.dashboards.target_quality import proposal_quality, quality_document

router = Router()


class HistoryOut(Schema):
    year: int
    kpi_code: str | None = Field(description="the predecessor KPI of that year; null when there was none")
    matched_by: str | None = Field(description="lineage or basket")
    unit_th: str | None
    targets: list[Decimal]
    standard_target: Decimal | None
    value: Decimal | None = Field(description="the 12-month result (the verified value when set)")
    state: str | None = Field(description="the result's state; drafts and returned results are not shown")
    is_final: bool = Field(description="verified or approved: the figure that is scored")


class FlagOut(Schema):
    code: str = Field(description="below_last_actual, below_plan, unit_differs or near_duplicate")
    label_th: str
    message_th: str
    message_en: str
    evidence: dict[str, Decimal | int | str | bool | None]


class KpiQualityOut(Schema):
    kpi_id: int
    code: str
    name_th: str
    direction: str
    unit_th: str
    targets: list[Decimal]
    standard_target: Decimal | None
    history: list[HistoryOut]
    flags: list[FlagOut]


class ProposalQualityOut(Schema):
    proposal_id: int
    organisation: str
    year: int
    years: list[int] = Field(description="the fiscal years of history shown, oldest first")
    flag_count: int
    may_cite: bool = Field(description="the caller may comment now, so may cite a flag (POST .../comments with flag)")
    kpis: list[KpiQualityOut]


@router.get(
    "/{proposal_id}/target-quality",
    auth=login_required,
    response={200: ProposalQualityOut, **ERRORS},
    summary="คุณภาพค่าเป้าหมาย: ผลย้อนหลัง 3 ปีและข้อสังเกตของตัวชี้วัดแต่ละรายการในข้อเสนอ",
)
def target_quality(request: HttpRequest, proposal_id: int) -> dict[str, object]:
    return quality_document(proposal_quality(viewer=viewer_of_api(request), proposal_id=proposal_id))
