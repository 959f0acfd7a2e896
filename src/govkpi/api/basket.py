"""The KPI Basket, searchable in Thai."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from govkpi.api.schemas import ERRORS
from govkpi.basket import selectors
from govkpi.basket.models import Domain
from govkpi.frameworks.choices import GroupCode

router = Router()


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
    recommended_targets: list[str | float | int]
    data_source_th: str
    evidence_th: str
    themes: list[str]
    plan_links: list[str]
    is_retired: bool

    @staticmethod
    def resolve_plan_links(obj: object) -> list[str]:
        return [p.code for p in obj.plan_links.all()]  # type: ignore[attr-defined]


@router.get("/", response={200: list[BasketKpiOut], **ERRORS}, summary="ค้นหา KPI Basket (ภาษาไทย)")
def list_basket(
    request: HttpRequest,
    q: str = "",
    group: GroupCode | None = None,
    domain: Domain | None = None,
    plan: str = "",
    limit: int = 100,
    offset: int = 0,
) -> object:
    qs = selectors.basket_list(
        q=q, group=group.value if group else "", domain=domain.value if domain else "", plan=plan
    ).prefetch_related("plan_links")
    limit = max(1, min(limit, 500))
    return list(qs[max(offset, 0) : max(offset, 0) + limit])


@router.get("/{code}", response={200: BasketKpiOut, **ERRORS}, summary="ตัวชี้วัดใน KPI Basket")
def get_basket_kpi(request: HttpRequest, code: str) -> object:
    return selectors.basket_get(code=code)
