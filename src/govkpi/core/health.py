"""The load balancer's health check: is this process fit to take requests?

Each check answers only ok or fail: no versions, paths, counts or error text leave the server
(the reasons are logged). It must answer fast, so the migration check (reading every migration
file) runs once per process until it passes, and the rest are one query or one small file each.
"""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from govkpi.core.monitoring import oldest_waiting_job_age

log = logging.getLogger(__name__)

_migrations_ok = False


def database_ok() -> bool:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        return bool(cursor.fetchone() == (1,))


def migrations_ok() -> bool:
    """No migration of this code is left unapplied (a half-finished upgrade fails the check)."""
    global _migrations_ok
    if not _migrations_ok:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        _migrations_ok = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migrations_ok


def queue_ok() -> bool:
    """The task worker keeps up: nothing ready to run has waited longer than the limit."""
    return oldest_waiting_job_age() <= settings.HEALTH_MAX_QUEUE_AGE_SECONDS


def evidence_store_ok() -> bool:
    """A small file can be written to and removed from MEDIA_ROOT (full or read-only disks fail)."""
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    probe = root / f".healthz-{uuid.uuid4().hex}"
    try:
        probe.write_bytes(b"ok")
    finally:
        probe.unlink(missing_ok=True)
    return True


CHECKS = {
    "database": database_ok,
    "migrations": migrations_ok,
    "task_queue": queue_ok,
    "evidence_store": evidence_store_ok,
}


def health() -> dict[str, str]:
    """Every check's verdict, "ok" or "fail"; a check that raises fails (and is logged)."""
    verdicts: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            passed = check()
        except Exception:  # any failure of a dependency is a failed check, never a 500
            log.exception("health check %s failed", name)
            passed = False
        verdicts[name] = "ok" if passed else "fail"
    return verdicts
