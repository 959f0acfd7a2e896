"""Background jobs with visible progress: imports and report packs run here, not in the request.

A domain registers a handler for a kind of job; `start_job` records a `Job` and enqueues it on the
django-tasks backend (the database queue served by `govkpi db_worker`; immediate in tests). The
handler reports progress on its `JobRun` and attaches the file offered for download when done.
Progress is written on the job's own row. Reported inside the handler's `atomic` write block (an
all-or-nothing write such as publishing a year), it goes through a connection of its own on
PostgreSQL, so the job page sees it while the block runs; on SQLite (one writer at a time) it is
kept and saved when the job ends.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import uuid
from collections.abc import Callable
from pathlib import PurePath
from typing import Any, Protocol
from uuid import UUID

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import DatabaseError, connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django_tasks import task

from govkpi.core.errors import ServiceError
from govkpi.core.models import Job
from govkpi.core.monitoring import timed

log = logging.getLogger(__name__)

Handler = Callable[["JobRun"], None]
_HANDLERS: dict[str, Handler] = {}


def job_handler(kind: str) -> Callable[[Handler], Handler]:
    """Register `fn` as the handler of jobs of `kind` (import its module in the app's `ready`)."""

    def register(fn: Handler) -> Handler:
        _HANDLERS[kind] = fn
        return fn

    return register


def registered_kinds() -> list[str]:
    return sorted(_HANDLERS)


#: Progress written from inside a handler's transaction waits at most this long for the job's row.
OUTSIDE_LOCK_TIMEOUT = "200ms"


class JobRun:
    """What a handler sees of its job: parameters, the uploaded input, and progress reporting."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self._outside: BaseDatabaseWrapper | None = None
        self._outside_failed = False

    def _save(self, fields: list[str]) -> None:
        """Save progress fields: directly, or from inside a transaction through a connection of its own."""
        connection = connections[router.db_for_write(Job)]
        if not connection.in_atomic_block:
            self.job.save(update_fields=fields)
        elif connection.vendor == "postgresql" and not self._outside_failed:
            self._save_outside(connection.alias, fields)
        # else: kept on the job and saved when it ends (`run`)

    def _save_outside(self, alias: str, fields: list[str]) -> None:
        # Never the handler's own connection (the row would be locked until commit and the
        # progress invisible); never waiting long for a row locked by a caller's transaction.
        try:
            if self._outside is None:
                self._outside = connections.create_connection(alias)
                with self._outside.cursor() as cursor:
                    cursor.execute(f"SET lock_timeout = '{OUTSIDE_LOCK_TIMEOUT}'")
            quote = self._outside.ops.quote_name
            # total, progress, message: plain columns named as their fields
            sets = ", ".join(f"{quote(f)} = %s" for f in fields)
            with self._outside.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {quote(Job._meta.db_table)} SET {sets} WHERE {quote('id')} = %s",
                    [*(getattr(self.job, f) for f in fields), self.job.pk],
                )
        except DatabaseError:
            log.warning("job %s: progress not shown while it runs", self.job.pk, exc_info=True)
            self._outside_failed = True
            self.close()

    def close(self) -> None:
        """Close the connection progress used from inside a transaction, if any."""
        if self._outside is not None:
            with contextlib.suppress(DatabaseError):
                self._outside.close()
            self._outside = None

    @property
    def params(self) -> dict[str, Any]:
        return dict(self.job.params)

    @property
    def owner(self) -> AbstractBaseUser | None:
        return self.job.owner

    def input_bytes(self) -> bytes:
        if not self.job.input_file:
            raise ServiceError("งานนี้ไม่มีไฟล์นำเข้า", "This job has no input file.")
        with self.job.input_file.open("rb") as fh:
            return bytes(fh.read())

    def set_total(self, total: int, message: str = "") -> None:
        self.job.total = max(total, 0)
        self.job.progress = 0
        if message:
            self.job.message = message
        self._save(["total", "progress", "message"])

    def advance(self, steps: int = 1, message: str = "") -> None:
        self.job.progress = min(self.job.progress + steps, self.job.total or self.job.progress + steps)
        fields = ["progress"]
        if message:
            self.job.message = message
            fields.append("message")
        self._save(fields)

    def attach(self, filename: str, content: bytes) -> None:
        """The file offered for download when the job is done; stored under a name nobody chooses."""
        suffix = PurePath(filename).suffix.lower()[:10]
        self.job.result_name = filename
        self.job.result_file.save(f"{uuid.uuid4().hex}{suffix}", ContentFile(content), save=False)
        self.job.save(update_fields=["result_file", "result_name"])

    def finish(self, message: str) -> None:
        """The sentence shown when the job is done (e.g. "นำเข้า 2,000 รายการ")."""
        self.job.message = message
        self.job.save(update_fields=["message"])


def start_job(
    kind: str,
    *,
    title: str,
    owner: AbstractBaseUser | None = None,
    params: dict[str, Any] | None = None,
    input_file: tuple[str, bytes] | None = None,
) -> Job:
    """Record a job and queue it. With the immediate backend (tests) it has run on return."""
    if kind not in _HANDLERS:
        raise ValueError(f"no handler registered for job kind {kind!r}")
    job = Job(kind=kind, title=title[:300], owner=owner, params=params or {})  # type: ignore[misc]
    if input_file is not None:
        name, data = input_file
        job.input_name = PurePath(name).name[:200]
        job.input_file.save(f"{uuid.uuid4().hex}{PurePath(name).suffix.lower()[:10]}", ContentFile(data), save=False)
    job.save()
    run_job.enqueue(str(job.pk))
    job.refresh_from_db()
    return job


def run(job: Job) -> Job:
    """Run a queued job in this process and record how it ended; never raises."""
    handler = _HANDLERS.get(job.kind)
    job.state = Job.State.RUNNING
    job.started_at = timezone.now()
    job.save(update_fields=["state", "started_at"])
    try:
        if handler is None:
            raise ServiceError(f"ไม่รู้จักงานประเภท {job.kind}", f"Unknown job kind {job.kind}.")
        job_run = JobRun(job)
        try:
            with timed(f"job:{job.kind}"):
                handler(job_run)
        finally:
            job_run.close()
    except ServiceError as exc:
        job.state = Job.State.FAILED
        job.message = str(exc)
        job.problems = exc.problems
    except Exception:  # a bug must not leave the job "running" for ever
        log.exception("job %s (%s) failed", job.pk, job.kind)
        job.state = Job.State.FAILED
        job.message = "เกิดข้อผิดพลาดภายในระบบ ไม่มีข้อมูลใดถูกบันทึก / Internal error; nothing was saved."
    else:
        job.state = Job.State.DONE
        if job.total:
            job.progress = job.total
    job.finished_at = timezone.now()
    job.save(update_fields=["state", "message", "problems", "total", "progress", "finished_at"])
    return job


@task()
def run_job(job_id: str) -> None:
    job = Job.objects.filter(pk=job_id).first()
    if job is not None and job.state == Job.State.QUEUED:
        run(job)


STALE_MESSAGE = (
    "งานหยุดกลางคันเพราะตัวประมวลผลหยุดทำงาน (เช่น เครื่องถูกปิด) การนำเข้าเป็นแบบทั้งหมดหรือไม่บันทึกเลย "
    "จึงไม่มีข้อมูลใดของงานนี้ถูกบันทึก กรุณาเริ่มใหม่ / The worker running this job stopped; an import is all or "
    "nothing, so none of it was saved. Please start it again."
)


def fail_stale_jobs(now: dt.datetime | None = None, among: QuerySet[Job] | None = None) -> int:
    """Mark failed the jobs still "running" long after they started: their worker died (killed,
    machine restarted) and nothing else would ever finish them. The limit is JOB_STALE_MINUTES.
    `among` limits it to the jobs a viewer may see, so looking never touches other people's jobs."""
    now = now or timezone.now()
    limit = now - dt.timedelta(minutes=int(getattr(settings, "JOB_STALE_MINUTES", 60)))
    jobs = Job.objects.all() if among is None else among
    stale = jobs.filter(state=Job.State.RUNNING, started_at__lt=limit)
    if not stale.exists():  # a read, so that looking at jobs writes nothing in the usual case
        return 0
    return stale.update(state=Job.State.FAILED, message=STALE_MESSAGE, finished_at=now)


class JobViewer(Protocol):
    """What deciding whose jobs one sees needs of `organisations.access.Viewer` (core sits below it)."""

    @property
    def is_opdc(self) -> bool: ...

    @property
    def user_id(self) -> int | None: ...


def jobs_of(viewer: JobViewer) -> QuerySet[Job]:
    """A person's own jobs; OPDC sees everybody's. Jobs whose worker died are shown failed."""
    qs = Job.objects.select_related("owner")
    visible = qs if viewer.is_opdc else qs.filter(owner_id=viewer.user_id)
    fail_stale_jobs(among=visible)
    return visible


def job_of(viewer: JobViewer, pk: UUID) -> Job:
    job = jobs_of(viewer).filter(pk=pk).first()
    if job is None:
        raise Http404("ไม่พบงาน / Job not found.")
    return job
