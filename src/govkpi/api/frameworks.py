"""Fiscal years and frameworks (reference data; a draft framework is OPDC's alone until announced).

The designer's writes are in `api/framework_design.py` under the same prefix."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema

from govkpi.api.auth import viewer_of_api
from govkpi.api.schemas import ERRORS, year_param
from govkpi.frameworks import selectors
from govkpi.frameworks.choices import GroupCode
from govkpi.frameworks.models import FiscalYear

router = Router()


class FiscalYearOut(Schema):
    year: int
    starts_on: dt.date
    ends_on: dt.date
    name_th: str


class ComponentOut(Schema):
    code: str
    name_th: str
    name_en: str = ""
    weight: Decimal
    min_kpis: int
    max_kpis: int


class TargetLevelOut(Schema):
    order: int
    name_th: str
    name_en: str = ""
    points: Decimal


class BandOut(Schema):
    name_th: str
    name_en: str = ""
    min_score: Decimal
    colour: str = ""


class RoundOut(Schema):
    id: int
    months: int
    opens_on: dt.date
    closes_on: dt.date


class FrameworkOut(Schema):
    id: int
    year: int
    group: str
    name_th: str
    monitoring_only: bool
    below_lowest_points: Decimal
    proposal_deadline: dt.date | None
    published: bool
    announced: bool

    @staticmethod
    def resolve_announced(obj: object) -> bool:
        return obj.announced_at is not None  # type: ignore[attr-defined]

    @staticmethod
    def resolve_year(obj: object) -> int:
        return obj.fiscal_year.year  # type: ignore[attr-defined,no-any-return]

    @staticmethod
    def resolve_published(obj: object) -> bool:
        return obj.published_at is not None  # type: ignore[attr-defined]


class FrameworkDetailOut(FrameworkOut):
    components: list[ComponentOut]
    target_levels: list[TargetLevelOut]
    bands: list[BandOut]
    rounds: list[RoundOut]
    participants: list[str]
    kpi_types: list[str]

    @staticmethod
    def resolve_components(obj: object) -> list[object]:
        return list(obj.components.all())  # type: ignore[attr-defined]

    @staticmethod
    def resolve_target_levels(obj: object) -> list[object]:
        return list(obj.target_levels.all())  # type: ignore[attr-defined]

    @staticmethod
    def resolve_bands(obj: object) -> list[object]:
        return [] if obj.monitoring_only else list(obj.bands.all())  # type: ignore[attr-defined]

    @staticmethod
    def resolve_rounds(obj: object) -> list[object]:
        return list(obj.rounds.all())  # type: ignore[attr-defined]

    @staticmethod
    def resolve_participants(obj: object) -> list[str]:
        return sorted(obj.participants.values_list("code", flat=True))  # type: ignore[attr-defined]


@router.get("/years", response={200: list[FiscalYearOut], **ERRORS}, summary="ปีงบประมาณ")
def list_fiscal_years(request: HttpRequest) -> object:
    return list(FiscalYear.objects.order_by("-year"))


@router.get("/", response={200: list[FrameworkOut], **ERRORS}, summary="กรอบการประเมิน")
def list_frameworks(request: HttpRequest, year: int | None = year_param(), group: GroupCode | None = None) -> object:
    return list(selectors.framework_list(viewer_of_api(request), year=year, group=group.value if group else ""))


@router.get("/{framework_id}", response={200: FrameworkDetailOut, **ERRORS}, summary="รายละเอียดกรอบการประเมิน")
def get_framework(request: HttpRequest, framework_id: int) -> object:
    return selectors.framework_visible_get(viewer_of_api(request), framework_id)
