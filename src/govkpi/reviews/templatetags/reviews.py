"""`{% open_recommendations %}`: the count of unanswered recommendations for the viewer's organisation."""

from __future__ import annotations

from django import template

from govkpi.organisations.access import viewer_for
from govkpi.reviews.selectors import open_recommendation_count

register = template.Library()


@register.inclusion_tag("reviews/_open_recommendations.html", takes_context=True)
def open_recommendations(context: template.Context) -> dict[str, object]:
    request = context.get("request")
    viewer = viewer_for(getattr(request, "user", None))
    return {"count": open_recommendation_count(viewer)}
