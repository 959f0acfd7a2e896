"""The public portal's data without login: published years, scores, scorecards, search, open data.

Mirrors /public/...: everything comes from publication snapshots (`portal.selectors`); a year
without one is a 404. `?version=N` reads an earlier version of a scorecard.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema
from ninja.renderers import JSONRenderer

from govkpi.api.schemas import ERRORS, version_param
from govkpi.frameworks.choices import GroupCode
from govkpi.frameworks.models import Framework
from govkpi.portal import kpi_sheet, opendata, selectors
from govkpi.portal.views import CACHE_SECONDS
from govkpi.publication.selectors import latest

router = Router()


class PublishedOut(Schema):
    year: int
    group: str
    name_th: str
    published_at: dt.datetime | None
    monitoring_only: bool


class PublicScoreOut(Schema):
    year: int
    group: str
    code: str
    name_th: str
    name_en: str
    kind: str
    round_months: int
    total: Decimal
    band: str
    is_amended: bool
    amended_on: dt.date | None = None
    amendment_reason_th: str = ""


class PublicKpiOut(Schema):
    code: str
    name_th: str
    component: str
    unit_th: str
    direction: str
    weight: Decimal
    targets: list[str]
    is_monitor: bool
    value: Decimal | None
    points: Decimal | None
    weighted: Decimal | None
    is_amended: bool
    explanation_th: str
    explanation_en: str


class LadderRungOut(Schema):
    name_th: str
    name_en: str
    points: Decimal | None
    target: str | None


class PlanLinkOut(Schema):
    code: str
    kind: str
    title_th: str
    title_en: str


class PublicStrategicOut(Schema):
    code: str
    name_th: str
    name_en: str
    relation: str
    relation_th: str
    relation_en: str


class PublicKpiSheetOut(Schema):
    """One published KPI as its public page shows it (fields a snapshot from before the e-SAR
    sheet did not record are null)."""

    year: int
    group: str
    organisation_code: str
    organisation_name_th: str
    organisation_name_en: str
    round_months: int
    version: int
    published_at: dt.datetime
    url: str
    code: str
    name_th: str
    name_en: str
    kpi_type: str | None
    component_name_th: str
    component_name_en: str
    weight: Decimal | None
    unit_th: str
    direction: str
    measure: str | None
    definition_th: str | None
    formula_th: str | None
    scope_th: str | None
    collection_th: str | None
    data_source_th: str | None
    criteria_th: str | None
    evidence_th: str | None
    targets: list[str]
    ladder: list[LadderRungOut]
    below_lowest_points: Decimal | None
    is_monitor: bool
    value: Decimal | None
    reported_value: Decimal | None
    verified_value: Decimal | None
    points: Decimal | None
    weighted: Decimal | None
    is_amended: bool
    explanation_th: str
    explanation_en: str
    explanation_steps_th: list[str]
    explanation_steps_en: list[str]
    themes: list[str]
    plan_links: list[PlanLinkOut]
    joint: dict[str, str] | None
    strategic: PublicStrategicOut | None


class PublicScorecardOut(Schema):
    year: int
    group: str
    code: str
    name_th: str
    round_months: int | None
    total: Decimal | None
    band: str
    is_amended: bool
    amended_on: dt.date | None = None
    amendment_reason_th: str = ""
    version: int
    published_at: dt.datetime
    kpis: list[PublicKpiOut]


class SearchHitOut(Schema):
    year: int
    group: str
    organisation_code: str
    organisation_name: str
    kpi_code: str
    kpi_name: str


def _published_at(framework: Framework) -> dt.datetime | None:
    publication = latest(framework)
    return publication.published_at if publication else framework.published_at


@router.get("/years", response={200: list[PublishedOut], **ERRORS}, summary="ปีที่เผยแพร่ผลแล้ว")
def published(request: HttpRequest) -> object:
    return [
        {
            "year": f.fiscal_year.year,
            "group": f.group,
            "name_th": f.name_th,
            "published_at": _published_at(f),
            "monitoring_only": f.monitoring_only,
        }
        for f in selectors.published_frameworks()
    ]


@router.get("/search", response={200: list[SearchHitOut], **ERRORS}, summary="ค้นหาหน่วยงานและตัวชี้วัด")
def search(request: HttpRequest, q: str) -> object:
    return [asdict(h) for h in selectors.search(q[:200])]


class PublicResultOut(Schema):
    fiscal_year: int
    group: str
    organisation_code: str
    organisation_name_th: str
    kpi_code: str
    kpi_name_th: str
    component: str
    unit_th: str
    direction: str
    is_monitor: bool
    weight: Decimal
    targets: str
    round_months: int
    value: Decimal | None
    points: Decimal | None
    weighted: Decimal | None
    is_amended: bool


class TileOut(Schema):
    code: str
    name_th: str
    x: int
    y: int
    colour: str
    label: str
    url: str


class LegendOut(Schema):
    label: str
    colour: str


class MapOut(Schema):
    year: int
    colour_by: str
    width: int
    height: int
    tiles: list[TileOut]
    legend: list[LegendOut]


@router.get("/{year}/map", response={200: MapOut, **ERRORS}, summary="แผนที่จังหวัด (ช่อง) ตามระดับหรือคะแนนตัวชี้วัด")
def province_map(request: HttpRequest, year: int, colour: str = "band") -> object:
    framework = selectors.published_framework(year=year, group=GroupCode.PROVINCES)
    tile_map = selectors.province_map(framework, colour_by=colour[:60])
    return {
        "year": year,
        "colour_by": tile_map.colour_by,
        "width": tile_map.width,
        "height": tile_map.height,
        "tiles": [asdict(t) for t in tile_map.tiles],
        "legend": [asdict(item) for item in tile_map.legend],
    }


def _cached(request: HttpRequest, framework: Framework, schema: type[Schema], build: Callable[[], list[Any]]) -> object:
    """Published data changes only when the framework is republished: the JSON is kept in the
    cache under the path and the publication stamp, like the portal's pages, and served as is.
    It is made the way ninja makes it (each row through the response schema, then its renderer)."""
    key = f"public-api:{request.path}:{selectors.stamp([framework])}"
    content = cache.get(key)
    if content is None:
        rows = [schema.model_validate(row).model_dump(by_alias=True) for row in build()]
        content = JSONRenderer().render(request, rows, response_status=200)
        cache.set(key, content, CACHE_SECONDS)
    return HttpResponse(content, content_type=JSONRenderer.media_type)


@router.get("/{year}/{group}/results", response={200: list[PublicResultOut], **ERRORS}, summary="ผลรายตัวชี้วัด")
def results(request: HttpRequest, year: int, group: GroupCode) -> object:
    framework = selectors.published_framework(year=year, group=group.value)
    return _cached(request, framework, PublicResultOut, lambda: opendata.rows_of("results", framework))


@router.get("/{year}/{group}/scores", response={200: list[PublicScoreOut], **ERRORS}, summary="คะแนนและระดับ")
def scores(request: HttpRequest, year: int, group: GroupCode) -> object:
    framework = selectors.published_framework(year=year, group=group.value)
    return _cached(request, framework, PublicScoreOut, lambda: [asdict(r) for r in selectors.score_rows(framework)])


@router.get(
    "/{year}/{group}/{code}/kpis/{kpi_code}",
    response={200: PublicKpiSheetOut, **ERRORS},
    summary="ตัวชี้วัดที่เผยแพร่หนึ่งตัว (รายละเอียด ขั้นบันได ผล และที่มาของคะแนน)",
)
def kpi_sheet_get(
    request: HttpRequest,
    year: int,
    group: GroupCode,
    code: str,
    kpi_code: str,
    version: int | None = version_param(),
) -> object:
    framework = selectors.published_framework(year=year, group=group.value)
    return kpi_sheet.public_kpi(framework=framework, code=code, kpi_code=kpi_code, version=version).as_dict()


@router.get("/{year}/{group}/{code}", response={200: PublicScorecardOut, **ERRORS}, summary="ผลการประเมินของหน่วยงาน")
def scorecard(
    request: HttpRequest, year: int, group: GroupCode, code: str, version: int | None = version_param()
) -> object:
    framework = selectors.published_framework(year=year, group=group.value)
    card = selectors.public_scorecard(framework=framework, code=code, version=version)
    return {
        "year": year,
        "group": group.value,
        "code": card.organisation.code,
        "name_th": card.organisation.name_th,
        "round_months": card.round_months,
        "total": card.total,
        "band": card.band,
        "is_amended": card.is_amended,
        "amended_on": card.amended_on,
        "amendment_reason_th": card.amendment_reason_th,
        "version": card.publication.version,
        "published_at": card.publication.published_at,
        "kpis": [asdict(k) for k in card.kpis],
    }
