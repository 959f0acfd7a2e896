"""KPI assignments, scoped like the pages: own organisation's drafts, or published KPIs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema

from govkpi.api.auth import viewer_of_api
from govkpi.api.schemas import ERRORS, limit_param, offset_param, year_param
from govkpi.frameworks.choices import GroupCode
from govkpi.kpis import selectors
from govkpi.kpis.choices import KpiType, Origin

router = Router()


class KpiVersionOut(Schema):
    number: int
    effective_from_months: int | None
    weight: Decimal
    targets: list[str | float | int]
    formula_th: str
    is_monitor: bool
    created_at: dt.datetime

    @staticmethod
    def resolve_effective_from_months(obj: object) -> int | None:
        round_ = obj.effective_from  # type: ignore[attr-defined]
        return round_.months if round_ else None


class KpiOut(Schema):
    id: int
    code: str
    year: int
    group: str
    organisation: str
    name_th: str
    name_en: str
    component: str
    weight: Decimal
    targets: list[str | float | int]
    unit_th: str
    direction: str
    measure: str
    is_monitor: bool
    kpi_type: str
    origin: str
    basket: str | None
    joint: str | None
    cascade: str | None
    strategic: str | None
    strategic_relation: str
    state: str
    themes: list[str]

    @staticmethod
    def resolve_strategic(obj: object) -> str | None:
        return obj.strategic.code if obj.strategic_id else None  # type: ignore[attr-defined]

    @staticmethod
    def resolve_year(obj: object) -> int:
        return obj.framework.fiscal_year.year  # type: ignore[attr-defined,no-any-return]

    @staticmethod
    def resolve_group(obj: object) -> str:
        return obj.framework.group  # type: ignore[attr-defined,no-any-return]

    @staticmethod
    def resolve_organisation(obj: object) -> str:
        return obj.organisation.code  # type: ignore[attr-defined,no-any-return]

    @staticmethod
    def resolve_component(obj: object) -> str:
        return obj.component.code  # type: ignore[attr-defined,no-any-return]

    @staticmethod
    def resolve_basket(obj: object) -> str | None:
        return obj.basket.code if obj.basket_id else None  # type: ignore[attr-defined]

    @staticmethod
    def resolve_joint(obj: object) -> str | None:
        return obj.joint.code if obj.joint_id else None  # type: ignore[attr-defined]

    @staticmethod
    def resolve_cascade(obj: object) -> str | None:
        return obj.cascade.code if obj.cascade_id else None  # type: ignore[attr-defined]

    @staticmethod
    def resolve_state(obj: object) -> str:
        return obj.proposal.state  # type: ignore[attr-defined,no-any-return]


class KpiDetailOut(KpiOut):
    definition_th: str
    formula_th: str
    baseline: list[dict[str, object]]
    data_source_th: str
    responsible_th: str
    evidence_th: str
    scope_th: str
    collection_th: str
    criteria_th: str
    plan_links: list[str]
    support: str
    national_target_th: str
    below_plan_reason_th: str
    versions: list[KpiVersionOut]

    @staticmethod
    def resolve_plan_links(obj: object) -> list[str]:
        return [p.code for p in obj.plan_links.all()]  # type: ignore[attr-defined]

    @staticmethod
    def resolve_versions(obj: object) -> list[object]:
        return list(obj.versions.all())  # type: ignore[attr-defined]


class KpiPage(Schema):
    count: int
    items: list[KpiOut]


@router.get("/", response={200: KpiPage, **ERRORS}, summary="ตัวชี้วัด (ตามสิทธิ์ของผู้เรียก)")
def list_kpis(
    request: HttpRequest,
    year: int | None = year_param(),
    group: GroupCode | None = None,
    organisation: str = "",
    kpi_type: KpiType | None = None,
    origin: Origin | None = None,
    monitor: bool | None = None,
    joint: bool | None = None,
    theme: str = "",
    q: str = "",
    limit: int = limit_param(100, 1000),
    offset: int = offset_param(),
) -> object:
    viewer = viewer_of_api(request)
    qs = selectors.kpi_list(
        viewer=viewer,
        filters=selectors.KpiFilters(
            year=year,
            group=group.value if group else "",
            organisation=organisation,
            kpi_type=kpi_type.value if kpi_type else "",
            origin=origin.value if origin else "",
            monitor=monitor,
            joint=joint,
            theme=theme,
            q=q,
        ),
    )
    limit = max(1, min(limit, 1000))
    offset = max(offset, 0)
    return {"count": qs.count(), "items": list(qs[offset : offset + limit])}


@router.get("/{kpi_id}", response={200: KpiDetailOut, **ERRORS}, summary="ตัวชี้วัดหนึ่งตัวพร้อมฉบับต่าง ๆ")
def get_kpi(request: HttpRequest, kpi_id: int) -> object:
    return selectors.kpi_get(viewer=viewer_of_api(request), pk=kpi_id)
