"""The REST API at /api/v1/: one router per domain, errors as clear Thai/English JSON."""

from __future__ import annotations

import logging
import uuid

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from govkpi.api import (
    basket,
    framework_design,  # noqa: F401  (adds the designer's writes to the frameworks router)
    frameworks,
    kpis,
    organisations,
    plans,
    reports,
    results,
    reviews,
    scoring,
)
from govkpi.api import changes as changes_api
from govkpi.api import dashboards as dashboards_api
from govkpi.api import extension_requests as extension_requests_api
from govkpi.api import forecast as forecast_api
from govkpi.api import jobs as jobs_api
from govkpi.api import me as me_api
from govkpi.api import notifications as notifications_api
from govkpi.api import people as people_api
from govkpi.api import proposal_comments as proposal_comments_api
from govkpi.api import proposal_excel as proposal_excel_api
from govkpi.api import proposals as proposals_api
from govkpi.api import public as public_api
from govkpi.api import publications as publications_api
from govkpi.api import strategic as strategic_api
from govkpi.api import target_quality as target_quality_api
from govkpi.api import tokens as tokens_api
from govkpi.core.errors import (
    CSRF_MESSAGE_EN,
    CSRF_MESSAGE_TH,
    DATABASE_DOWN_EN,
    DATABASE_DOWN_TH,
    RETRY_AFTER_SECONDS,
    ServiceError,
)

log = logging.getLogger("govkpi.api")

api = NinjaAPI(
    title="govkpi API",
    version="1",
    description=(
        "API ของระบบประเมินส่วนราชการตามมาตรการปรับปรุงประสิทธิภาพในการปฏิบัติราชการ. "
        "Authenticate with `Authorization: Bearer <token>` (govkpi token create) or the browser session; "
        "reads without credentials see published data only."
    ),
    urls_namespace="api",
)


@api.exception_handler(ServiceError)
def service_error(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    return api.create_response(request, exc.as_dict(), status=exc.status)


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def database_unavailable(request: HttpRequest, exc: Exception) -> HttpResponse:
    """The database cannot be reached (restarting, failing over): 503 and try again, never a 500."""
    response = api.create_response(
        request,
        {
            "detail": f"{DATABASE_DOWN_TH} / {DATABASE_DOWN_EN}",
            "message_th": DATABASE_DOWN_TH,
            "message_en": DATABASE_DOWN_EN,
        },
        status=503,
    )
    response["Retry-After"] = RETRY_AFTER_SECONDS
    return response


@api.exception_handler(ObjectDoesNotExist)
def not_found(request: HttpRequest, exc: ObjectDoesNotExist) -> HttpResponse:
    return api.create_response(
        request, {"detail": "ไม่พบข้อมูล / Not found.", "message_th": "ไม่พบข้อมูล", "message_en": "Not found."}, status=404
    )


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    message = str(exc) or "ไม่มีสิทธิ์ / Forbidden."
    return api.create_response(request, {"detail": message}, status=403)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    problems = (
        [{"field": f, "message": m} for f, ms in exc.message_dict.items() for m in ms]
        if hasattr(exc, "error_dict")
        else [{"message": m} for m in exc.messages]
    )
    return api.create_response(request, {"detail": "ข้อมูลไม่ถูกต้อง / Invalid data.", "problems": problems}, status=422)


@api.exception_handler(NinjaValidationError)
def request_invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    problems = [{"field": ".".join(str(p) for p in e.get("loc", [])), "message": e.get("msg", "")} for e in exc.errors]
    return api.create_response(
        request, {"detail": "ข้อมูลที่ส่งมาไม่ถูกต้อง / Invalid request.", "problems": problems}, status=422
    )


@api.exception_handler(OverflowError)
def number_too_large(request: HttpRequest, exc: OverflowError) -> HttpResponse:
    # A query or path number past what the database stores (found by schemathesis: ?offset=10**21).
    return api.create_response(
        request,
        {
            "detail": "ตัวเลขที่ส่งมามีค่ามากเกินไป / A number in the request is too large.",
            "message_th": "ตัวเลขที่ส่งมามีค่ามากเกินไป",
            "message_en": "A number in the request is too large.",
        },
        status=422,
    )


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    message = str(exc) if str(exc) not in {"", "Unauthorized"} else "กรุณาเข้าสู่ระบบ / Authentication required."
    return api.create_response(request, {"detail": message}, status=401)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 403 and str(exc) == "CSRF check Failed":
        # A session write without its CSRF token: say so in Thai and English, as the pages do.
        detail = f"{CSRF_MESSAGE_TH} / {CSRF_MESSAGE_EN}"
        return api.create_response(request, {"detail": detail, "message_th": CSRF_MESSAGE_TH}, status=403)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


INTERNAL_ERROR_TH = "เกิดข้อผิดพลาดภายในระบบ ไม่มีข้อมูลใดถูกบันทึก กรุณาแจ้งรหัสอ้างอิง {ref} แก่ผู้ดูแลระบบ"
INTERNAL_ERROR_EN = "Internal error; nothing was saved. Quote reference {ref} to support."


@api.exception_handler(Exception)
def internal_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A bug: JSON an API client can read, with a reference that finds the traceback in the logs."""
    ref = uuid.uuid4().hex[:12]
    log.error("API error %s on %s %s", ref, request.method, request.path, exc_info=exc, extra={"reference": ref})
    th, en = INTERNAL_ERROR_TH.format(ref=ref), INTERNAL_ERROR_EN.format(ref=ref)
    return api.create_response(
        request, {"detail": f"{th} / {en}", "message_th": th, "message_en": en, "reference": ref}, status=500
    )


api.add_router("/organisations", organisations.router, tags=["organisations"])
api.add_router("/plans", plans.router, tags=["plans"])
api.add_router("/frameworks", frameworks.router, tags=["frameworks"])
api.add_router("/basket", basket.router, tags=["basket"])
api.add_router("/kpis", kpis.router, tags=["kpis"])
api.add_router("/reviews", reviews.router, tags=["reviews"])
api.add_router("/results", results.router, tags=["results"])
api.add_router("/reports", reports.router, tags=["reports"])
api.add_router("/scoring", scoring.router, tags=["scoring"])
api.add_router("/jobs", jobs_api.router, tags=["jobs"])
api.add_router("/notifications", notifications_api.router, tags=["notifications"])
api.add_router("/me", notifications_api.me_router, tags=["notifications"])
api.add_router("/changes", changes_api.router, tags=["changes"])
api.add_router("/dashboards", dashboards_api.router, tags=["dashboards"])
api.add_router("/forecast", forecast_api.router, tags=["forecast"])
api.add_router("/public", public_api.router, tags=["public"])
api.add_router("/publications", publications_api.router, tags=["publications"])
api.add_router("/tokens", tokens_api.router, tags=["tokens"])
api.add_router("/people", people_api.router, tags=["people"])
api.add_router("/extension-requests", extension_requests_api.router, tags=["extension requests"])
api.add_router("/me", me_api.router, tags=["me"])
api.add_router("/proposals", proposal_excel_api.router, tags=["proposals"])
api.add_router("/proposals", proposals_api.router, tags=["proposals"])
api.add_router("/proposals", proposal_comments_api.router, tags=["proposals"])
api.add_router("/strategic-kpis", strategic_api.router, tags=["strategic KPIs"])
api.add_router("/proposals", target_quality_api.router, tags=["proposals"])
