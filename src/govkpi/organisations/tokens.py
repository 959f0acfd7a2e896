"""API tokens: the one place that issues, lists, revokes and accepts them (web, API and command).

- A person manages their own tokens; OPDC sees and revokes anyone's.
- A token expires: API_TOKEN_DEFAULT_DAYS unless its owner asks for fewer, never more than
  API_TOKEN_MAX_DAYS (settings, set by OPDC).
- A token is accepted only while it is unexpired and unrevoked, its owner's account is active and
  their password is the one it was issued under, and a read-only token only for reads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from govkpi.core.errors import Invalid, NotAllowed, NotFound
from govkpi.organisations.access import Viewer
from govkpi.organisations.models import ApiToken

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

TOKEN_INVALID_TH = "โทเค็นไม่ถูกต้อง หมดอายุ หรือถูกยกเลิกแล้ว"
TOKEN_INVALID_EN = "Invalid, expired or revoked API token."
READ_ONLY_TH = "โทเค็นนี้ใช้อ่านข้อมูลได้อย่างเดียว"
READ_ONLY_EN = "This API token is read-only."


@dataclass(frozen=True)
class TokenCheck:
    """What a presented key gives: the user (None: refused) and whether it may write."""

    user: AbstractBaseUser | None
    read_only: bool = False


def api_token_accept(*, key: str) -> TokenCheck:
    """The user a key stands for, if it is still good; records its last use."""
    token = (
        ApiToken.objects.select_related("user__person__organisation").filter(key_hash=ApiToken.hash_key(key)).first()
    )
    now = timezone.now()
    if (
        token is None
        or token.revoked_at is not None
        or (token.expires_at is not None and token.expires_at <= now)
        or not token.user.is_active
        or token.password_stamp != ApiToken.stamp_of(token.user)
    ):
        return TokenCheck(user=None)
    # At most one write a minute per token: a batch client's every request need not write a row.
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return TokenCheck(user=token.user, read_only=token.read_only)


def api_tokens_visible(*, viewer: Viewer, everyone: bool = False) -> QuerySet[ApiToken]:
    """The viewer's own tokens; with `everyone`, OPDC sees every person's (others still their own)."""
    qs = ApiToken.objects.select_related("user", "revoked_by").order_by("-created_at")
    if everyone and viewer.is_opdc:
        return qs
    return qs.filter(user_id=viewer.user_id or 0)


def api_token_is_active(token: ApiToken, *, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return token.revoked_at is None and (token.expires_at is None or token.expires_at > now)


def _expiry(days: int | None) -> dt.datetime:
    maximum = int(settings.API_TOKEN_MAX_DAYS)
    days = int(settings.API_TOKEN_DEFAULT_DAYS) if days is None else days
    if not 1 <= days <= maximum:
        raise Invalid(
            f"อายุโทเค็นต้องอยู่ระหว่าง 1 ถึง {maximum} วัน",
            f"A token's life must be 1 to {maximum} days.",
            field="days",
        )
    return timezone.now() + dt.timedelta(days=days)


@transaction.atomic
def api_token_create(
    *, viewer: Viewer, name: str, days: int | None = None, read_only: bool = False, username: str | None = None
) -> tuple[ApiToken, str]:
    """A new token for the viewer (or, for the command line's trusted caller, `username`); the key
    is returned once and never stored."""
    name = name.strip()
    if not name or len(name) > 100:
        raise Invalid(
            "กรุณาตั้งชื่อโทเค็น (ไม่เกิน 100 ตัวอักษร)", "Give the token a name (at most 100 characters).", field="name"
        )
    users = get_user_model().objects
    if username is not None:
        user = users.filter(username=username).first()
        if user is None:
            raise NotFound(f"ไม่พบผู้ใช้ {username}", f"No such user: {username}.", field="username")
    else:
        if viewer.user_id is None:
            raise NotAllowed("กรุณาเข้าสู่ระบบ", "Log in first.")
        user = users.get(pk=viewer.user_id)
    if not user.is_active:
        raise Invalid("บัญชีนี้ถูกระงับแล้ว", "This account is deactivated.", field="username")
    return ApiToken.issue(user=user, name=name, expires_at=_expiry(days), read_only=read_only)


@transaction.atomic
def api_token_revoke(*, viewer: Viewer, token_id: int, trusted: bool = False) -> ApiToken:
    """Ends a token at once: its owner's or, for OPDC (and the command line), anyone's."""
    scope = (
        ApiToken.objects.all() if trusted or viewer.is_opdc else ApiToken.objects.filter(user_id=viewer.user_id or 0)
    )
    token = scope.select_for_update().filter(pk=token_id).first()
    if token is None:
        raise NotFound(f"ไม่พบโทเค็นหมายเลข {token_id}", f"No API token {token_id}.", field="token")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by_id = viewer.user_id
        token.save(update_fields=["revoked_at", "revoked_by"])
    return token


def api_tokens_of_user(*, username: str) -> QuerySet[ApiToken]:
    """Every token of one person (the command line: an operator's view)."""
    return ApiToken.objects.filter(Q(user__username=username)).select_related("user", "revoked_by")
