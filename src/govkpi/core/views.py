"""Small helpers shared by the thin views of every app."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from govkpi.organisations.access import Viewer, viewer_for


def viewer_of(request: HttpRequest) -> Viewer:
    return viewer_for(request.user)


def paginate(request: HttpRequest, qs: QuerySet, per_page: int = 50) -> tuple[Page, str]:  # type: ignore[type-arg]
    """A page of the queryset and the querystring without `page`, for the pager links."""
    page = Paginator(qs, per_page).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return page, params.urlencode()


def int_param(request: HttpRequest, name: str) -> int | None:
    """An integer filter; a malformed one is ignored rather than turned into a 500."""
    raw = request.GET.get(name, "").strip()
    return int(raw) if raw.isdigit() else None


def bool_param(request: HttpRequest, name: str) -> bool | None:
    raw = request.GET.get(name, "").strip().lower()
    if raw in {"1", "true", "yes"}:
        return True
    if raw in {"0", "false", "no"}:
        return False
    return None
