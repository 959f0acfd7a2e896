"""Who is calling the API: a bearer token (batch clients) or the browser session, else the public."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer

from govkpi.organisations.access import Viewer, viewer_for
from govkpi.organisations.tokens import (
    READ_ONLY_EN,
    READ_ONLY_TH,
    SAFE_METHODS,
    TOKEN_INVALID_EN,
    TOKEN_INVALID_TH,
    TokenCheck,
    api_token_accept,
)


def _token_check(key: str, request: HttpRequest | None) -> TokenCheck:
    """The key's check, made once per request: the operation's auth and every `viewer_of_api` of
    the same request share it (a write asked the database up to three times, with its user and
    organisation, for the same answer)."""
    if request is None:
        return api_token_accept(key=key)
    memo: tuple[str, TokenCheck] | None = getattr(request, "_govkpi_token_check", None)
    if memo is not None and memo[0] == key:
        return memo[1]
    check = api_token_accept(key=key)
    request._govkpi_token_check = (key, check)  # type: ignore[attr-defined]
    return check


def user_from_token(token: str, request: HttpRequest | None = None) -> object | None:
    """The user a bearer key stands for (None: refused); a read-only key on a write is a 403."""
    check = _token_check(token, request)
    if check.user is not None and check.read_only and request is not None and request.method not in SAFE_METHODS:
        raise HttpError(403, f"{READ_ONLY_TH} / {READ_ONLY_EN}")
    return check.user


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> object | None:
        user = user_from_token(token, request)
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
        user = user_from_token(header[7:].strip(), request)
        if user is not None:
            request.user = user  # type: ignore[assignment]
            return viewer_for(user)
        request.user = AnonymousUser()
        raise AuthenticationError(401, f"{TOKEN_INVALID_TH} / {TOKEN_INVALID_EN}")
    return viewer_for(getattr(request, "user", None))
