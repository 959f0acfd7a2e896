"""What the operator's tools read: the load balancer's /healthz and Prometheus's /metrics."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from govkpi.core.health import health
from govkpi.core.monitoring import metrics_text
from govkpi.organisations.access import viewer_for

METRICS_FORBIDDEN = (
    "ต้องใช้โทเค็น METRICS_TOKEN หรือเข้าสู่ระบบเป็นเจ้าหน้าที่ สำนักงาน ก.พ.ร. / "
    "The metrics need the METRICS_TOKEN bearer token or an OPDC login."
)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when every check passes, else 503; each check says only ok or fail."""
    checks = health()
    healthy = all(v == "ok" for v in checks.values())
    return JsonResponse({"status": "ok" if healthy else "fail", "checks": checks}, status=200 if healthy else 503)


def _may_read_metrics(request: HttpRequest) -> bool:
    header = request.headers.get("Authorization", "")
    token = str(settings.METRICS_TOKEN)
    if token and header.lower().startswith("bearer "):
        return hmac.compare_digest(header[7:].strip().encode(), token.encode())
    return viewer_for(request.user).is_opdc


@never_cache
def metrics(request: HttpRequest) -> HttpResponse:
    # Who may read is decided before the method, so a stranger learns nothing either way.
    if not _may_read_metrics(request):
        return HttpResponse(METRICS_FORBIDDEN, status=403, content_type="text/plain; charset=utf-8")
    if request.method not in {"GET", "HEAD"}:
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return HttpResponse(metrics_text(), content_type="text/plain; version=0.0.4; charset=utf-8")
