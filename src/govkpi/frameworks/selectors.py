"""Reads of fiscal years and frameworks, and their translation into the scoring engine's terms."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from govkpi import scoring
from govkpi.frameworks.models import Band, Component, FiscalYear, Framework, Round, TargetLevel


def fiscal_year_list() -> QuerySet[FiscalYear]:
    return FiscalYear.objects.prefetch_related("frameworks").order_by("-year")


def framework_list(*, year: int | None = None, group: str = "") -> QuerySet[Framework]:
    qs = Framework.objects.select_related("fiscal_year")
    if year:
        qs = qs.filter(fiscal_year__year=year)
    if group:
        qs = qs.filter(group=group)
    return qs


def framework_get(*, pk: int) -> Framework:
    return (
        Framework.objects.select_related("fiscal_year")
        .prefetch_related(
            Prefetch("components", queryset=Component.objects.order_by("order")),
            Prefetch("target_levels", queryset=TargetLevel.objects.order_by("order")),
            Prefetch("bands", queryset=Band.objects.order_by("-min_score")),
            Prefetch("rounds", queryset=Round.objects.order_by("months")),
        )
        .get(pk=pk)
    )


def framework_for(*, year: int, group: str) -> Framework:
    return framework_get(pk=Framework.objects.get(fiscal_year__year=year, group=group).pk)


def scoring_framework(framework: Framework) -> scoring.Framework:
    """The stored framework as the pure engine's value object."""
    return scoring.Framework(
        target_levels=tuple(
            scoring.TargetLevel(name=level.name_th, points=level.points)
            for level in sorted(framework.target_levels.all(), key=lambda lv: lv.order)
        ),
        components=tuple(
            scoring.ComponentRule(code=c.code, weight=c.weight, min_kpis=c.min_kpis, max_kpis=c.max_kpis)
            for c in sorted(framework.components.all(), key=lambda c: c.order)
        ),
        bands=tuple(
            scoring.Band(name=b.name_th, min_score=b.min_score)
            for b in sorted(framework.bands.all(), key=lambda b: -b.min_score)
        ),
        below_lowest_points=framework.below_lowest_points,
        monitoring_only=framework.monitoring_only,
    )
