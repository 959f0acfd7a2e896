"""Reads of the national plan tree."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from govkpi.plans.models import PlanNode


def plan_tree() -> list[tuple[str, str, list[Any]]]:
    """Nodes grouped by kind, in the order the plans are usually cited."""
    nodes = list(PlanNode.objects.annotate(kpi_count=Count("kpis", distinct=True)).order_by("order", "code"))
    grouped: list[tuple[str, str, list[Any]]] = []
    for kind, label in PlanNode.Kind.choices:
        members = [n for n in nodes if n.kind == kind]
        if members:
            grouped.append((kind, str(label), members))
    return grouped


def plan_nodes() -> QuerySet[PlanNode]:
    return PlanNode.objects.all()
