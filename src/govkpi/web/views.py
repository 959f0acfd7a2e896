"""The home page and the Thai error pages."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from govkpi.core.views import viewer_of
from govkpi.frameworks.models import Framework
from govkpi.kpis.models import Proposal
from govkpi.kpis.selectors import visible_kpis


def home(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    context: dict[str, object] = {
        "published": Framework.objects.filter(published_at__isnull=False).select_related("fiscal_year"),
    }
    if viewer.is_authenticated:
        kpis = visible_kpis(viewer).filter(is_removed=False)
        context["frameworks"] = (
            Framework.objects.select_related("fiscal_year")
            .annotate(
                kpi_count=Count("kpis", filter=Q(kpis__in=kpis), distinct=True),
                org_count=Count("participants", distinct=True),
            )
            .order_by("-fiscal_year__year", "group")
        )
        if viewer.organisation_id:
            context["own_proposals"] = Proposal.objects.filter(organisation_id=viewer.organisation_id).select_related(
                "framework__fiscal_year"
            )
    return render(request, "web/home.html", context)


def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/error.html", {"code": 400, "message": str(exception or "")}, status=400)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/error.html", {"code": 403, "message": str(exception or "")}, status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/error.html", {"code": 404, "message": str(exception or "")}, status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "web/error.html", {"code": 500, "message": ""}, status=500)
