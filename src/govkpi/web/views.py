"""The home page and the Thai error pages."""

from __future__ import annotations

import sys

from django.db.models import Count
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from govkpi.core.errors import (
    CSRF_MESSAGE_EN,
    CSRF_MESSAGE_TH,
    DATABASE_DOWN_EN,
    DATABASE_DOWN_TH,
    RETRY_AFTER_SECONDS,
    is_database_unavailable,
)
from govkpi.frameworks.models import Framework
from govkpi.frameworks.selectors import frameworks_visible
from govkpi.kpis.models import Proposal
from govkpi.kpis.selectors import visible_kpi_counts
from govkpi.organisations.access import Viewer, viewer_of
from govkpi.worklist.selectors import grouped, work_for


def home(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    context: dict[str, object] = {
        "published": Framework.objects.filter(published_at__isnull=False).select_related("fiscal_year"),
    }
    if viewer.is_authenticated:
        context["queue"] = grouped(work_for(viewer, timezone.localdate()))
        context["frameworks"] = _frameworks_with_counts(viewer)
        if viewer.organisation_id:
            context["own_proposals"] = (
                Proposal.objects.filter(organisation_id=viewer.organisation_id)
                .select_related("framework__fiscal_year")
                .order_by("-framework__fiscal_year__year", "framework__group")
            )
    return render(request, "web/home.html", context)


def _frameworks_with_counts(viewer: Viewer) -> list[Framework]:
    """The frameworks the viewer sees, each with `kpi_count` (its KPIs the viewer sees, removed ones
    left out, `kpis.selectors.visible_kpi_counts`) and `org_count` (its participants). Counted per
    framework in grouped queries: one query joining every KPI to every participant of its framework
    grew with the square of the country (20 s at 320 organisations)."""
    frameworks = list(frameworks_visible(viewer).order_by("-fiscal_year__year", "group"))
    ids = [f.pk for f in frameworks]
    kpis = visible_kpi_counts(viewer, ids)
    participants = {
        row["framework_id"]: row["n"]
        for row in Framework.participants.through.objects.filter(framework_id__in=ids)
        .order_by()
        .values("framework_id")
        .annotate(n=Count("organisation_id", distinct=True))
    }
    for framework in frameworks:
        framework.kpi_count = kpis.get(framework.pk, 0)  # type: ignore[attr-defined]
        framework.org_count = participants.get(framework.pk, 0)  # type: ignore[attr-defined]
    return frameworks


def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/error.html", {"code": 400, "message": str(exception or "")}, status=400)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/error.html", {"code": 403, "message": str(exception or "")}, status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/error.html", {"code": 404, "message": str(exception or "")}, status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    if is_database_unavailable(sys.exc_info()[1]):
        return database_unavailable()
    return render(request, "web/error.html", {"code": 500, "message": ""}, status=500)


def database_unavailable() -> HttpResponse:
    """503 while the database is down: a page that needs neither the database nor the base template."""
    body = (
        '<!doctype html><html lang="th"><head><meta charset="utf-8">'
        '<title>503</title></head><body><main role="alert">'
        f'<h1>ระบบขัดข้องชั่วคราว (503)</h1><p>{DATABASE_DOWN_TH}</p><p lang="en">{DATABASE_DOWN_EN}</p>'
        "</main></body></html>"
    )
    response = HttpResponse(body, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = RETRY_AFTER_SECONDS
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A POST without its CSRF token (settings.CSRF_FAILURE_VIEW): a Thai page, or JSON for the API."""
    if request.path.startswith("/api/"):
        body = {"detail": f"{CSRF_MESSAGE_TH} / {CSRF_MESSAGE_EN}", "message_th": CSRF_MESSAGE_TH}
        return JsonResponse(body, status=403, json_dumps_params={"ensure_ascii": False})
    message = _("แบบฟอร์มนี้หมดอายุหรือไม่ได้ส่งมาจากหน้าของระบบ กรุณาโหลดหน้าใหม่แล้วลองอีกครั้ง")
    return render(request, "web/error.html", {"code": 403, "message": message}, status=403)
