"""`{% load proposal_comments %}{{ comments|on_kpi:k }}`: the comments on one KPI row."""

from __future__ import annotations

from django import template

from govkpi.kpis.comments import CommentsOnPage
from govkpi.kpis.models import Kpi, ProposalComment

register = template.Library()


@register.filter
def on_kpi(comments: CommentsOnPage | None, kpi: Kpi) -> list[ProposalComment]:
    if comments is None:
        return []
    return comments.by_kpi.get(kpi.pk, [])
