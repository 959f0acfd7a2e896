"""Fiscal years and frameworks (public reference data)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema

from govkpi.api.schemas import ERRORS, year_param
from govkpi.frameworks import selectors
from govkpi.frameworks.choices import GroupCode

router = Router()


class FiscalYearOut(Schema):
    year: int
    starts_on: dt.date
    ends_on: dt.date
    name_th: str


class ComponentOut(Schema):
    code: str
    name_th: str
    weight: Decimal
    min_kpis: int
    max_kpis: int


class TargetLevelOut(Schema):
    order: int
    name_th: str
    points: Decimal


class BandOut(Schema):
    name_th: str
    min_score: Decimal


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
    return list(selectors.fiscal_year_list())


@router.get("/", response={200: list[FrameworkOut], **ERRORS}, summary="กรอบการประเมิน")
def list_frameworks(request: HttpRequest, year: int | None = year_param(), group: GroupCode | None = None) -> object:
    return list(selectors.framework_list(year=year, group=group.value if group else ""))


@router.get("/{framework_id}", response={200: FrameworkDetailOut, **ERRORS}, summary="รายละเอียดกรอบการประเมิน")
def get_framework(request: HttpRequest, framework_id: int) -> object:
    return selectors.framework_get(pk=framework_id)
