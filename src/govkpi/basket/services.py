"""Writes to the KPI Basket."""

from __future__ import annotations

from django.db import transaction

from govkpi.basket.models import BasketKpi
from govkpi.core.thaisearch import search_text


def basket_kpi_index(*, kpi: BasketKpi) -> None:
    """Refresh the segmented words search uses; call after the name or definition changes."""
    kpi.search_text = search_text(kpi.code, kpi.name_th, kpi.name_en, kpi.definition_th)
    BasketKpi.objects.filter(pk=kpi.pk).update(search_text=kpi.search_text)


@transaction.atomic
def basket_kpi_save(*, kpi: BasketKpi) -> BasketKpi:
    kpi.full_clean()
    kpi.search_text = search_text(kpi.code, kpi.name_th, kpi.name_en, kpi.definition_th)
    kpi.save()
    return kpi
