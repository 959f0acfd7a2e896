"""Early warning as JSON: year-end forecasts from the 6- or 9-month round, and their calibration
(docs/forecast.md). Everybody signed in sees the organisations they may see inside."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import AuthenticationError

from govkpi.api.auth import viewer_of_api
from govkpi.api.schemas import ERRORS
from govkpi.core.errors import NotFound
from govkpi.organisations.access import Viewer
from govkpi.scorecards.forecast import calibration_document, calibration_for, forecast_document, forecasts_for

router = Router()

Group = Literal["", "agencies", "provinces"]


def _viewer(request: HttpRequest) -> Viewer:
    viewer = viewer_of_api(request)
    if viewer.is_public:
        raise AuthenticationError(401, "กรุณาเข้าสู่ระบบ / Authentication required.")
    return viewer


def _year() -> Any:
    return Query(..., ge=2400, le=2800, description="fiscal year, B.E. (e.g. 2566)")  # type: ignore[type-arg]


def _months() -> Any:
    return Query(6, alias="round", ge=1, le=12, description="the round forecast from: 6 or 9 (months)")  # type: ignore[type-arg]


class BandShareOut(Schema):
    band: str | None
    share: Decimal


class KpiForecastOut(Schema):
    code: str
    name_th: str
    monitor: bool
    reported: Decimal | None
    confidence: str
    method: str
    source: str
    history: int
    value: Decimal | None
    value_low: Decimal | None
    value_high: Decimal | None
    points: Decimal
    points_low: Decimal
    points_high: Decimal
    status: str
    reason_th: str
    reason_en: str


class ForecastOut(Schema):
    organisation: str
    organisation_name_th: str
    year: int
    group: str
    months: int
    total: Decimal
    low: Decimal
    high: Decimal
    band: str | None
    band_low: str | None
    band_high: str | None
    band_share: Decimal | None
    band_shares: list[BandShareOut]
    below_standard: bool
    crosses_boundary: bool
    at_risk: bool
    reason_th: str
    reason_en: str


class OrganisationForecastOut(ForecastOut):
    kpis: list[KpiForecastOut]


class CalibrationOut(Schema):
    year: int
    group: str
    months: int
    organisations: int
    band_right: int
    covered: int
    band_share: Decimal | None
    coverage: Decimal | None
    mean_absolute_error: Decimal | None


@router.get(
    "/",
    response={200: list[ForecastOut], **ERRORS},
    summary="คาดการณ์คะแนนและระดับสิ้นปีจากผลรอบ 6/9 เดือน",
    description="Forecast year-end totals, ranges and bands of the organisations the caller sees, most at risk first.",
)
def forecast_list(request: HttpRequest, year: int = _year(), months: int = _months(), group: Group = "") -> object:
    return forecast_document(forecasts_for(viewer=_viewer(request), year=year, months=months, group=group))


@router.get(
    "/calibration",
    response={200: list[CalibrationOut], **ERRORS},
    summary="ความแม่นยำของการคาดการณ์ (ปีที่สิ้นสุดแล้ว)",
    description="For a finished year: the share of organisations whose year-end band each round's forecast got "
    "right, and of year-end totals inside the forecast range. OPDC and committees.",
)
def calibration(request: HttpRequest, year: int = _year(), group: Group = "") -> object:
    return calibration_document(calibration_for(viewer=_viewer(request), year=year, group=group))


@router.get(
    "/{organisation}",
    response={200: OrganisationForecastOut, **ERRORS},
    summary="คาดการณ์สิ้นปีของหน่วยงาน พร้อมรายตัวชี้วัด",
)
def forecast_one(request: HttpRequest, organisation: str, year: int = _year(), months: int = _months()) -> object:
    found = forecasts_for(viewer=_viewer(request), year=year, months=months, organisation=organisation)
    if not found:
        raise NotFound(
            f"ไม่พบการคาดการณ์ของ {organisation} ปี {year} รอบ {months} เดือน",
            f"No forecast for {organisation} in {year}, {months}-month round.",
        )
    return forecast_document(found[:1], with_kpis=True)[0]
