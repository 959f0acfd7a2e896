"""The target quality panel of a proposal under review (history and flags of every KPI row).

The proposal page (kpis, a lower layer that may not read results) loads it with htmx: one request
answers a summary for the top of the page and, out of band, one block per KPI row. Without
JavaScript the page links here and the same blocks show as a page of their own."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from govkpi.dashboards.target_quality import proposal_quality
from govkpi.organisations.access import viewer_of


@login_required
def proposal_quality_panel(request: HttpRequest, pk: int) -> HttpResponse:
    quality = proposal_quality(viewer=viewer_of(request), proposal_id=pk)
    partial = bool(getattr(request, "htmx", False))
    template = "dashboards/quality/_panel.html" if partial else "dashboards/quality/page.html"
    return render(request, template, {"quality": quality, "proposal": quality.proposal, "oob": partial})
