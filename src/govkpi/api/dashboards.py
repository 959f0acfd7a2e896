"""Dashboards as JSON: the numbers behind every chart (OPDC, committees, MOI, organisations)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import AuthenticationError

from govkpi.api.auth import viewer_of_api
from govkpi.api.schemas import ERRORS, limit_param, offset_param, year_param
from govkpi.dashboards import alignment as alignment_mod
from govkpi.dashboards import selectors
from govkpi.dashboards.scores import RoundProgress
from govkpi.frameworks.choices import GroupCode
from govkpi.organisations.access import Viewer

router = Router()


def _viewer(request: HttpRequest) -> Viewer:
    viewer = viewer_of_api(request)
    if viewer.is_public:
        raise AuthenticationError(401, "กรุณาเข้าสู่ระบบ / Authentication required.")
    return viewer


class BandCountOut(Schema):
    group: str
    kind: str
    band: str
    count: int


class BinOut(Schema):
    label: str
    count: int


class LateOut(Schema):
    code: str
    name_th: str
    missing: int


class RoundProgressOut(Schema):
    group: str
    months: int
    closes_on: dt.date
    expected: int
    reported: int
    percent: Decimal
    late: list[LateOut]
    #: every late organisation of the round; `late` holds the page `offset`…`offset + limit` of them
    late_count: int


class TrendOut(Schema):
    year: int
    organisations: int
    average_points: Decimal | None
    min_points: Decimal | None
    max_points: Decimal | None


class NationalOut(Schema):
    year: int | None
    scored_organisations: int
    bands: list[BandCountOut]
    histogram: list[BinOut]
    progress: list[RoundProgressOut]
    lineage: str
    trend: list[TrendOut]


class DashboardScoreOut(Schema):
    year: int
    group: str
    months: int
    total: Decimal
    band: str
    is_amended: bool


class BelowTargetOut(Schema):
    kpi_code: str
    kpi_name: str
    year: int
    months: int
    value: Decimal | None
    target: Decimal
    points: Decimal | None


class DashboardComponentOut(Schema):
    code: str
    name_th: str
    weight: Decimal | None
    score: Decimal | None


class OrganisationDashboardOut(Schema):
    code: str
    name_th: str
    scores: list[DashboardScoreOut]
    components: list[DashboardComponentOut]
    below_target: list[BelowTargetOut]


class ProvincesOut(Schema):
    year: int | None
    scored: int
    bands: list[BinOut]
    progress: list[RoundProgressOut]


class NodeOut(Schema):
    code: str
    kind: str
    title_th: str
    kpi_count: int


class KpiFlagOut(Schema):
    organisation_code: str
    kpi_code: str
    kpi_name_th: str
    detail: dict[str, str | None]


class AlignmentOut(Schema):
    year: int | None
    group: str
    covered: list[NodeOut]
    uncovered: list[NodeOut]
    below_plan: list[KpiFlagOut]
    below_baseline: list[KpiFlagOut]
    duplicates: list[KpiFlagOut]
    duplicate_threshold: Decimal


def _progress(
    group: str, rounds: list[RoundProgress], *, limit: int | None = None, offset: int = 0
) -> list[dict[str, object]]:
    """Each round's progress; `late` paged (`limit` None: every late organisation), `late_count` all."""
    end = None if limit is None else offset + limit
    return [
        {
            "group": group,
            "months": rp.round.months,
            "closes_on": rp.round.closes_on,
            "expected": rp.expected,
            "reported": rp.reported,
            "percent": rp.percent,
            "late": [{"code": c, "name_th": n, "missing": m} for c, n, m in rp.late[offset:end]],
            "late_count": len(rp.late),
        }
        for rp in rounds
    ]


@router.get("/national", response={200: NationalOut, **ERRORS}, summary="แดชบอร์ดภาพรวมประเทศ")
def national(
    request: HttpRequest,
    year: int | None = year_param(),
    lineage: str = "",
    limit: int = limit_param(100, 1000),
    offset: int = offset_param(),
) -> object:
    """`limit`/`offset` page each round's late organisations (a national year has thousands);
    `late_count` says how many there are in all."""
    view = selectors.national_view(viewer=_viewer(request), year=year, lineage=lineage)
    return {
        "year": view.year,
        "scored_organisations": view.scored_organisations,
        "bands": [vars(b) for b in view.bands],
        "histogram": [{"label": label, "count": n} for label, n in view.histogram],
        "progress": [
            row
            for fp in view.progress
            for row in _progress(fp.framework.group, fp.rounds, limit=max(1, min(limit, 1000)), offset=max(offset, 0))
        ],
        "lineage": view.lineage,
        "trend": [vars(p) for p in view.trend],
    }


@router.get("/organisation/{code}", response={200: OrganisationDashboardOut, **ERRORS}, summary="แดชบอร์ดหน่วยงาน")
def organisation(request: HttpRequest, code: str) -> object:
    view = selectors.organisation_view(viewer=_viewer(request), code=code)
    return {
        "code": view.organisation.code,
        "name_th": view.organisation.name_th,
        "scores": [vars(s) for s in view.scores],
        "components": [vars(c) for c in view.components],
        "below_target": [vars(b) for b in view.below_target],
    }


@router.get("/provinces", response={200: ProvincesOut, **ERRORS}, summary="แดชบอร์ดจังหวัด")
def provinces(request: HttpRequest, year: int | None = year_param()) -> object:
    view = selectors.province_view(viewer=_viewer(request), year=year)
    return {
        "year": view.year,
        "scored": view.scored,
        "bands": [{"label": b, "count": n} for b, n in view.bands],
        "progress": _progress(GroupCode.PROVINCES, view.progress),
    }


def _s(value: object) -> str | None:
    return None if value is None else str(value)


@router.get("/alignment", response={200: AlignmentOut, **ERRORS}, summary="การวิเคราะห์ความสอดคล้องและความท้าทาย")
def alignment(request: HttpRequest, year: int | None = year_param(), group: GroupCode = GroupCode.AGENCIES) -> object:
    year = year or selectors.default_year()
    result = alignment_mod.alignment(viewer=_viewer(request), year=year, group=group.value)
    return {
        "year": year,
        "group": group.value,
        "covered": [vars(c) for c in result.covered],
        "uncovered": [vars(c) for c in result.uncovered],
        "below_plan": [
            {
                "organisation_code": b.kpi.organisation.code,
                "kpi_code": b.kpi.code,
                "kpi_name_th": b.kpi.name_th,
                "detail": {
                    "top_target": _s(b.top_target),
                    "national_target": _s(b.national_target),
                    "reason_th": b.reason_th,
                },
            }
            for b in result.below_plan
        ],
        "below_baseline": [
            {
                "organisation_code": b.kpi.organisation.code,
                "kpi_code": b.kpi.code,
                "kpi_name_th": b.kpi.name_th,
                "detail": {
                    "lowest_target": _s(b.lowest_target),
                    "last_baseline": _s(b.last_baseline),
                    "trend": _s(b.trend),
                    "why": b.why,
                },
            }
            for b in result.below_baseline
        ],
        "duplicates": [
            {
                "organisation_code": d.kpi.organisation.code,
                "kpi_code": d.kpi.code,
                "kpi_name_th": d.kpi.name_th,
                "detail": {
                    "match_kind": d.match_kind,
                    "match_code": d.match_code,
                    "match_name": d.match_name,
                    "match_organisation": d.match_organisation,
                    "similarity": _s(d.similarity),
                },
            }
            for d in result.duplicates
        ],
        "duplicate_threshold": alignment_mod.DUPLICATE_THRESHOLD,
    }
