"""Rate limits on what anyone can make the server do: the scoring preview, search, exports and
login, per user (logged in) or per client address (logged out). One table of rules, applied by a
middleware to the view each request resolves to; answers 429 with Retry-After in Thai and English.

The buckets live in the database (`TokenBucket`), shared by every process: each request takes
1/limit of a bucket that refills completely in a minute.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import random
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from govkpi.core.models import TokenBucket

WINDOW_SECONDS = 60.0

RATE_LIMITED_TH = "มีคำขอมากเกินไปในเวลาสั้น ๆ กรุณารอ {seconds} วินาทีแล้วลองใหม่"
RATE_LIMITED_EN = "Too many requests in a short time; wait {seconds} seconds and try again."

#: view name → (bucket, the setting holding its limit per minute, methods it applies to)
EXPENSIVE_VIEWS: dict[str, tuple[str, str, frozenset[str]]] = {
    "api:preview": ("preview", "RATE_LIMIT_PREVIEW", frozenset({"POST"})),
    "api:search": ("search", "RATE_LIMIT_SEARCH", frozenset({"GET"})),
    "public-search": ("search", "RATE_LIMIT_SEARCH", frozenset({"GET"})),
    "login": ("login", "RATE_LIMIT_LOGIN", frozenset({"POST"})),
    "admin:login": ("login", "RATE_LIMIT_LOGIN", frozenset({"POST"})),
}
#: exports: spreadsheets, PDFs and open-data files built on request
EXPORT_VIEWS = {
    "api:export_basket",
    "api:export_proposal",
    "api:import_template",
    "api:committee_summary_endpoint",
    "api:meeting_pack_endpoint",
    "kpi-export",
    "organisation-export",
    "basket-export",
    "basket-template",
    "framework-export",
    "scorecard-excel",
    "report-summary-download",
    "report-meeting-pack-build",
    "proposal-excel-download",
    "result-template",
    "public-data-file",
}
for _name in EXPORT_VIEWS:
    EXPENSIVE_VIEWS[_name] = ("export", "RATE_LIMIT_EXPORT", frozenset({"GET", "POST"}))


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind our TLS proxy the address it appended last
    (earlier entries of X-Forwarded-For are whatever the client claimed)."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.headers.get("X-Forwarded-For", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return str(request.META.get("REMOTE_ADDR", ""))


def client_key(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    # Addresses are personal data: keep only a digest.
    return "ip:" + hashlib.sha256(client_address(request).encode()).hexdigest()[:32]


@transaction.atomic
def rate_limit_take(*, key: str, per_minute: int, now: dt.datetime | None = None) -> float:
    """Take one request from `key`'s bucket: 0 when allowed, else the seconds until one is free."""
    now = now or timezone.now()
    if random.random() < 0.01:  # a full bucket untouched for an hour says nothing: forget it now and then
        TokenBucket.objects.filter(updated_at__lt=now - dt.timedelta(hours=1)).delete()
    # Made first without a lock so two first requests cannot both insert it.
    TokenBucket.objects.bulk_create([TokenBucket(key=key, tokens=1.0, updated_at=now)], ignore_conflicts=True)
    bucket = TokenBucket.objects.select_for_update().get(key=key)
    elapsed = max(0.0, (now - bucket.updated_at).total_seconds())
    tokens = min(1.0, bucket.tokens + elapsed / WINDOW_SECONDS)
    cost = 1.0 / max(per_minute, 1)
    if tokens < cost:
        return max(1.0, (cost - tokens) * WINDOW_SECONDS)
    bucket.tokens, bucket.updated_at = tokens - cost, now
    bucket.save(update_fields=["tokens", "updated_at"])
    return 0.0


def too_many_requests(request: HttpRequest, retry_after: float) -> HttpResponse:
    seconds = math.ceil(retry_after)
    th, en = RATE_LIMITED_TH.format(seconds=seconds), RATE_LIMITED_EN.format(seconds=seconds)
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"detail": f"{th} / {en}", "message_th": th, "message_en": en, "retry_after": seconds}, status=429
        )
    else:
        body = (
            '<!doctype html><html lang="th"><head><meta charset="utf-8"><title>429</title></head>'
            f'<body><main role="alert"><h1>คำขอมากเกินไป (429)</h1><p>{th}</p><p lang="en">{en}</p></main></body></html>'
        )
        response = HttpResponse(body, status=429, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(seconds)
    return response


class RateLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if not settings.RATE_LIMITS_ENABLED or request.resolver_match is None:
            return None
        rule = EXPENSIVE_VIEWS.get(request.resolver_match.view_name)
        if rule is None or request.method not in rule[2]:
            return None
        bucket, setting, _ = rule
        wait = rate_limit_take(key=f"{bucket}:{client_key(request)}", per_minute=int(getattr(settings, setting)))
        return too_many_requests(request, wait) if wait else None
