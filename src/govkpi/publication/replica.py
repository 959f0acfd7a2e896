"""Public reads from a read replica: where a logged-out request reads publication snapshots.

With `REPLICA_DATABASE_URL` set (a PostgreSQL streaming standby of `DATABASE_URL`), a logged-out
GET or HEAD (no session user, no API token) reads `Publication` and `PublishedOrganisation` from
the replica alias; everything else (every write, every other model, every logged-in or token
request, the task worker, commands) uses the primary. Without it, nothing here changes anything.

Three rules keep the public from seeing less than the primary knows, or half of anything:

- **Fresh enough, or the primary.** The replica is used only when it answers and holds the newest
  `Publication` the primary holds (the highest id: snapshots are written in one transaction and
  never changed, so a replica that has the header has all its organisations). The verdict is kept
  per process for `REPLICA_CHECK_SECONDS` (two small index reads each time, not per request); a
  replica that failed is left alone for `REPLICA_RETRY_SECONDS`.
- **One database per request.** The choice is made at the request's first snapshot read and kept
  to its end, so a publication's organisations are read from the same database as its header.
  Within one database a reader sees a snapshot whole or not at all (one transaction; a standby
  replays whole transactions).
- **A replica lost mid-request costs nothing.** If a query on the replica fails, the middleware
  marks it down and answers the (read-only) request again from the primary.

Between a publication and the next check a replica that lags may still be used: the public then
sees the previous complete version for at most `REPLICA_CHECK_SECONDS`, never a mixture.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, InterfaceError, OperationalError, connections
from django.db.models import Max
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

REPLICA = "replica"
PRIMARY = DEFAULT_DB_ALIAS
#: the models of published snapshots (immutable, written in one transaction each)
SNAPSHOT_MODELS = frozenset({"publication.publication", "publication.publishedorganisation"})


@dataclass
class Verdict:
    """This process's latest answer to "may the public read the replica?", and until when it holds."""

    ready: bool = False
    until: float = 0.0
    reason: str = "not checked"


_verdict = Verdict()


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def _latest_publication(alias: str) -> int:
    from govkpi.publication.models import Publication

    latest: int | None = Publication.objects.using(alias).aggregate(last=Max("pk"))["last"]
    return latest or 0


def mark_down(reason: str) -> None:
    """The replica failed: leave it alone for REPLICA_RETRY_SECONDS (its connection is dropped)."""
    global _verdict
    _verdict = Verdict(False, time.monotonic() + settings.REPLICA_RETRY_SECONDS, reason)
    logger.warning("read replica not used: %s", reason)
    # A connection already broken cannot be closed cleanly; Django opens a new one next time.
    with contextlib.suppress(DatabaseError):
        connections[REPLICA].close()


def replica_ready() -> Verdict:
    """Whether the replica answers and holds the newest publication the primary holds (kept briefly)."""
    global _verdict
    now = time.monotonic()
    if now < _verdict.until:
        return _verdict
    primary = _latest_publication(PRIMARY)  # the primary down: the page fails as without a replica (503)
    try:
        replica = _latest_publication(REPLICA)
    except DatabaseError as exc:
        mark_down(f"unreachable ({exc.__class__.__name__})")
        return _verdict
    if replica < primary:
        reason = f"lagging (publication {replica} < {primary})"
        _verdict = Verdict(False, now + settings.REPLICA_CHECK_SECONDS, reason)
        logger.info("read replica not used: %s", reason)
    else:
        _verdict = Verdict(True, now + settings.REPLICA_CHECK_SECONDS, "up to date")
    return _verdict


def forget_verdict() -> None:
    """The next public read checks the replica again (tests; after a failover)."""
    global _verdict
    _verdict = Verdict()


class PublicReads:
    """One logged-out request's database for snapshots: chosen at its first snapshot read, then kept."""

    def __init__(self) -> None:
        self.alias: str | None = None
        self.failed = False

    def choose(self) -> str:
        if self.alias is None:
            self.alias = REPLICA if replica_ready().ready else PRIMARY
        return self.alias


_public_reads: ContextVar[PublicReads | None] = ContextVar("govkpi_public_reads", default=None)


def current_public_reads() -> PublicReads | None:
    return _public_reads.get()


class PublicReadsRouter:
    """Snapshot reads of a logged-out request go where `PublicReads` chose; the rest to the primary."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str | None:
        if model._meta.label_lower not in SNAPSHOT_MODELS:
            return None
        reads = _public_reads.get()
        if reads is None:
            return PRIMARY  # never the replica by way of an instance read there
        return reads.choose()

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the replica is a copy of the primary: an object from either relates to any

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        return db != REPLICA  # a standby is read-only: its schema arrives by replication


def is_public_read(request: HttpRequest) -> bool:
    """A logged-out read: GET or HEAD with no session user and no API token."""
    if request.method not in {"GET", "HEAD"} or "HTTP_AUTHORIZATION" in request.META:
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def replica_answers() -> bool:
    """Whether the replica takes a query now (after a request on it failed)."""
    try:
        connections[REPLICA].close()
        with connections[REPLICA].cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError:
        return False


class PublicReadsMiddleware:
    """Marks logged-out reads for the router, and answers one again from the primary when the
    replica failed under it. Placed after authentication (it asks who is logged in) and last, so
    that its `process_exception` sees a page's database error before the 503 page is made."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_configured() or not is_public_read(request):
            return self.get_response(request)
        reads = PublicReads()
        token = _public_reads.set(reads)
        try:
            response = self.get_response(request)
            # Pages raise (process_exception below); the API answers 503 itself (api.main).
            if reads.alias == REPLICA and (reads.failed or (response.status_code == 503 and not replica_answers())):
                mark_down("failed during a request")
                # A GET by nobody in particular changes nothing: answering it again is safe.
                reads.alias, reads.failed = PRIMARY, False
                response = self.get_response(request)
            return response
        finally:
            _public_reads.reset(token)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        reads = _public_reads.get()
        if reads is None or reads.alias != REPLICA or not isinstance(exception, OperationalError | InterfaceError):
            return None
        if replica_answers():
            return None  # the primary failed, not the replica: the usual 503
        reads.failed = True
        return HttpResponse(status=503)  # replaced at once by the primary's answer (__call__)
