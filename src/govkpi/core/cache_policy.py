"""Who may store a response, and what: the one cache policy (never one person's page for another).

- Public pages (`public_page`) are cached, per language, only as the logged-out rendering, rendered
  without anything personal: no CSRF token (the language switch needs none, see `language_switch`),
  no flash message. A logged-in visitor, or one with a pending message, gets a fresh render that is
  not stored. The cached rendering is served with `Cache-Control: public, max-age=...` and
  `Vary: Cookie`, so a browser or proxy keeps it apart from a logged-in visitor's pages.
- `warm(paths)` builds public answers ahead of visitors (after publishing a year), the way a
  logged-out visitor's request would, in every language, so nobody pays the first build.
- Everything else (`CachePolicyMiddleware`): a logged-in visitor's pages, evidence downloads and API
  answers carry `Cache-Control: private, no-store`; a view that chose a public policy for a
  logged-out answer keeps it, a logged-in answer never does.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django.views.i18n import set_language

#: How long the server keeps a public page (republishing changes the key at once).
SERVER_SECONDS = 60 * 60
#: How long a browser or shared proxy may keep a public page.
SHARED_SECONDS = 5 * 60
PRIVATE = {"private": True, "no_store": True}


def _has_pending_messages(request: HttpRequest) -> bool:
    # len() reads the stored messages without marking them shown.
    return len(messages.get_messages(request)) > 0


def _private(response: HttpResponseBase) -> HttpResponseBase:
    if "Cache-Control" in response:
        del response["Cache-Control"]
    patch_cache_control(response, **PRIVATE)
    return response


def public_page(request: HttpRequest, key: str, build: Callable[[], HttpResponse]) -> HttpResponse:
    """The logged-out rendering of a public page from the cache, or built (and stored if it is one).

    `key` must hold only values the view has validated (never raw query strings a stranger could
    use to fill the cache), and whatever makes the page change (the publication stamp)."""
    if request.user.is_authenticated or _has_pending_messages(request):
        response = build()
        response["X-Portal-Cache"] = "bypass"
        _private(response)
        return response
    full_key = f"public-page:{translation.get_language()}:{key}"
    hit = cache.get(full_key)
    if hit is not None:
        content, content_type = hit
        response = HttpResponse(content, content_type=content_type)
        response["X-Portal-Cache"] = "hit"
    else:
        # Tells base.html to leave out the CSRF token: the body is shared by every logged-out visitor.
        request.public_render = True  # type: ignore[attr-defined]
        response = build()
        response["X-Portal-Cache"] = "miss"
        if response.status_code == 200 and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            cache.set(full_key, (response.content, response["Content-Type"]), SERVER_SECONDS)
        elif response.status_code == 200:
            return _private(response)  # type: ignore[return-value]  # something personal got in
    patch_cache_control(response, public=True, max_age=SHARED_SECONDS)
    patch_vary_headers(response, ["Cookie"])
    return response


def _warm_host() -> str:
    hosts = [h for h in settings.ALLOWED_HOSTS if h and not h.startswith((".", "*"))]
    return hosts[0] if hosts else "localhost"


def warm(paths: list[str]) -> int:
    """Request these public addresses as a logged-out visitor would, once per language, so their
    answers are built and stored now (by the views' own cache, under their own keys). Returns the
    number of answers that were 200. Call after the data they show is committed."""
    from django.test import Client  # the full request path: middleware, language, the views' caching

    warmed = 0
    host = _warm_host()
    for language, _name in settings.LANGUAGES:
        client = Client(HTTP_HOST=host)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        for path in paths:
            if client.get(path).status_code == 200:
                warmed += 1
    return warmed


@require_http_methods(["GET", "POST"])
def language_switch(request: HttpRequest) -> HttpResponseBase:
    """Django's `set_language` for the POST form of fresh pages (with its CSRF token); a GET for the
    form of the cached logged-out pages, which carry no token (a first-time visitor has no CSRF
    cookie either). The GET only sets the visitor's language cookie and goes back to `next` on
    this site: nothing a forged request could abuse."""
    if request.method == "POST":
        return set_language(request)
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    language = request.GET.get("language", "")
    if language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    _private(response)
    return response


class CachePolicyMiddleware:
    """`Cache-Control: private, no-store` on every answer that did not choose a public policy, and
    on every logged-in answer whatever it chose (pages, evidence downloads, API answers)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.path.startswith(settings.STATIC_URL or "/static/"):
            return response
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or "Cache-Control" not in response:
            _private(response)
        return response
