"""Prometheus metrics: request latency by view, the task queue's depth and age, durations of
rescoring and imports, login failures. Served at /metrics (web/operations.py) to its token only.

Each request is also timed in the app's own log (logger `govkpi.requests`, one JSON line a request
with method, route, status, duration_ms and cpu_ms: the CPU time of the thread that answered, which
other processes' load hardly stretches; on in production, `LOG_REQUESTS`) and in a
`Server-Timing: app;dur=…` header, so a load test reads the server's times, not its own queueing
(scripts/rush/summary.py).

Under gunicorn each worker is its own process: `make serve` (and the systemd unit) set
PROMETHEUS_MULTIPROC_DIR so prometheus_client sums every worker's samples into one answer.
The queue figures are read from the database at scrape time, so every process gives the same.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db.models import Min
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from govkpi.core.models import Job

REQUEST_SECONDS = Histogram(
    "govkpi_request_seconds",
    "Time to answer a request, by view",
    ["view", "method", "status"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
LOGIN_FAILURES = Counter("govkpi_login_failures_total", "Failed logins (wrong password, locked out)")
#: one line per request (method, route, status, duration_ms): what the deadline rush reads
REQUEST_LOG = logging.getLogger("govkpi.requests")
WORK_SECONDS = Histogram(
    "govkpi_work_seconds",
    "Duration of rescoring and of background jobs (imports, exports), by kind",
    ["kind"],
    buckets=(0.1, 0.5, 1, 5, 15, 60, 300, 900),
)


@contextmanager
def timed(kind: str) -> Iterator[None]:
    """Record how long the block took under `kind` (rescore, a job kind)."""
    start = time.perf_counter()
    try:
        yield
    finally:
        WORK_SECONDS.labels(kind=kind).observe(time.perf_counter() - start)


def oldest_waiting_job_age() -> float:
    """Seconds the oldest job ready to run has waited (0: none waits): the worker keeps up or not."""
    now = timezone.now()
    oldest = DBTaskResult.objects.filter(status="READY", run_after__lte=now).aggregate(at=Min("enqueued_at"))["at"]
    return max(0.0, (now - oldest).total_seconds()) if oldest else 0.0


class QueueCollector(Collector):
    def collect(self) -> Iterator[GaugeMetricFamily]:
        depth = GaugeMetricFamily("govkpi_task_queue_depth", "Tasks waiting for the worker")
        depth.add_metric([], DBTaskResult.objects.filter(status="READY").count())
        yield depth
        age = GaugeMetricFamily("govkpi_task_queue_oldest_seconds", "Age of the oldest task ready to run")
        age.add_metric([], oldest_waiting_job_age())
        yield age
        jobs = GaugeMetricFamily("govkpi_jobs", "Background jobs (imports, exports) by state", labels=["state"])
        for state in (Job.State.QUEUED, Job.State.RUNNING):
            jobs.add_metric([str(state)], Job.objects.filter(state=state).count())
        yield jobs


def metrics_text() -> bytes:
    """The exposition text: every worker's samples (multiprocess mode) or this process's, and the queue."""
    if settings.PROMETHEUS_MULTIPROC_DIR:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        own = generate_latest(registry)
    else:
        own = generate_latest(REGISTRY)
    queue = CollectorRegistry()
    queue.register(QueueCollector())
    return own + generate_latest(queue)


class RequestMetricsMiddleware:
    """Times every request under the view that answered it (a URL name, never the path itself,
    so ids in URLs do not make a new series each): in the metrics, in one log line and in the
    `Server-Timing` header. First in MIDDLEWARE, so the time covers every other middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        start, cpu_start = time.perf_counter(), time.thread_time()
        response = self.get_response(request)
        seconds = time.perf_counter() - start
        match = getattr(request, "resolver_match", None)
        view = (match.view_name or match.route) if match is not None else "unmatched"
        method = request.method or ""
        REQUEST_SECONDS.labels(view=view, method=method, status=f"{response.status_code // 100}xx").observe(seconds)
        duration_ms = round(seconds * 1000, 1)
        if REQUEST_LOG.isEnabledFor(logging.INFO):
            REQUEST_LOG.info(
                "request",
                extra={
                    "method": method,
                    "route": view,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                    "cpu_ms": round((time.thread_time() - cpu_start) * 1000, 1),
                },
            )
        response.headers.setdefault("Server-Timing", f"app;dur={duration_ms}")
        return response
