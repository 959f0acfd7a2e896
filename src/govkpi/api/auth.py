"""Who is calling the API: a bearer token (batch clients) or the browser session, else the public."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import AuthenticationError
from ninja.security import APIKeyCookie, HttpBearer

from govkpi.organisations.access import Viewer, viewer_for
from govkpi.organisations.models import ApiToken


def user_from_token(token: str) -> object | None:
    try:
        api_token = ApiToken.objects.select_related("user__person__organisation").get(key_hash=ApiToken.hash_key(token))
    except ApiToken.DoesNotExist:
        return None
    if not api_token.user.is_active:
        return None
    ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=timezone.now())
    return api_token.user


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> object | None:
        user = user_from_token(token)
        if user is not None:
            request.user = user  # type: ignore[assignment]
        return user


class SessionAuth(APIKeyCookie):
    """The browser's session cookie; CSRF is checked for unsafe methods."""

    param_name = "sessionid"

    def _get_key(self, request: HttpRequest) -> str | None:
        if self.param_name not in request.COOKIES:
            return None  # no session to borrow: the caller is simply not logged in (401, not a CSRF 403)
        return super()._get_key(request)  # a CSRF failure: api/main.py answers 403 in Thai and English

    def authenticate(self, request: HttpRequest, key: str | None) -> object | None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return cast(object, user)
        return None


#: Operations that need a logged-in user use this; reads use `viewer_of_api` instead.
login_required = [TokenAuth(), SessionAuth(csrf=True)]


def viewer_of_api(request: HttpRequest) -> Viewer:
    """Reads are open to the public (published data only); a token or session widens the view."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        user = user_from_token(header[7:].strip())
        if user is not None:
            request.user = user  # type: ignore[assignment]
            return viewer_for(user)
        request.user = AnonymousUser()
        raise AuthenticationError(401, "โทเค็นไม่ถูกต้อง / Invalid API token.")
    return viewer_for(getattr(request, "user", None))
