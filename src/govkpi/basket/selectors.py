"""Reads of the KPI Basket; the catalogue is public."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from govkpi.basket.models import BasketKpi
from govkpi.core.thaisearch import search_q


def basket_list(
    *, q: str = "", group: str = "", domain: str = "", plan: str = "", theme: str = "", include_retired: bool = False
) -> QuerySet[BasketKpi]:
    qs = BasketKpi.objects.all()
    if not include_retired:
        qs = qs.filter(is_retired=False)
    if group:
        qs = qs.filter(group=group)
    if domain:
        qs = qs.filter(domain=domain)
    if plan:
        qs = qs.filter(plan_links__code=plan)
    if theme:
        qs = qs.filter(themes__icontains=theme)
    if q:
        qs = qs.filter(search_q(q) | Q(code__iexact=q.strip()))
    return qs.annotate(assignment_count=Count("assignments", distinct=True)).order_by("code")


def basket_get(*, code: str) -> BasketKpi:
    return BasketKpi.objects.prefetch_related("plan_links").select_related("ministry").get(code=code)
