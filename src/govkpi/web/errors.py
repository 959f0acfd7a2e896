"""The one place where a page turns a refused service call into its answer, as `api/main.py` does for the API.

A view calls services and selectors and lets their `ServiceError` go; this middleware answers:

- `NotFound` → the 404 page with the service's message, `NotAllowed` → the 403 page (the project's
  `handler404`/`handler403`, exactly as if the view had raised `Http404`/`PermissionDenied`);
- any other refusal of a form post (`Invalid`, `Conflict`, ...) → the message on the next page and a
  redirect back to the page the form was on (nothing was written: services are atomic);
- otherwise (a GET, an htmx request) → the error page with the service's status and message.

Views that want the refusal on their own form use `core.views.refusal_shown` instead.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.core.handlers.exception import response_for_exception
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from govkpi.core.errors import NotAllowed, NotFound, ServiceError
from govkpi.core.views import show_refusal


def page_answer(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    """What a page answers to a service's refusal (see the module's docstring)."""
    if isinstance(exc, NotFound):
        return response_for_exception(request, Http404(exc.message_th))
    if isinstance(exc, NotAllowed):
        return response_for_exception(request, PermissionDenied(exc.message_th))
    if request.method == "POST" and not request.headers.get("HX-Request"):
        show_refusal(request, exc)
        return redirect(back_to(request))
    return render(request, "web/error.html", {"code": exc.status, "message": exc.message_th}, status=exc.status)


def back_to(request: HttpRequest) -> str:
    """The page a form was posted from (this site's only), else the posted URL itself."""
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(referer, {request.get_host()}, request.is_secure()):
        return referer
    return request.get_full_path()


class ServiceErrorMiddleware:
    """Answers a `ServiceError` a page view did not catch; the API (`/api/`) has its own handlers."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if not isinstance(exc, ServiceError) or request.path.startswith("/api/"):
            return None
        return page_answer(request, exc)
