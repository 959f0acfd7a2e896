"""Backups that run themselves: `govkpi backup_scheduled` (systemd timer, deploy/systemd) writes a
timestamped archive into BACKUP_DIR and removes those older than BACKUP_KEEP_DAYS. The newest
archive is never removed, whatever its age: a stopped timer must not end with no backup at all."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone

from govkpi.core.backup import Report, Say, backup

PREFIX = "govkpi-"
SUFFIX = ".tar.gz"


@dataclass
class ScheduledBackup:
    archive: Path
    report: Report
    removed: list[Path] = field(default_factory=list)


def scheduled_archives(directory: Path) -> list[Path]:
    """The archives this schedule wrote, oldest first (their names sort by time)."""
    return sorted(p for p in directory.glob(f"{PREFIX}*{SUFFIX}") if p.is_file())


def backups_prune(*, directory: Path, keep_days: int, now: dt.datetime | None = None) -> list[Path]:
    now = now or timezone.now()
    archives = scheduled_archives(directory)
    limit = now.timestamp() - keep_days * 86400
    removed = [p for p in archives[:-1] if p.stat().st_mtime < limit]
    for path in removed:
        path.unlink()
    return removed


def backup_scheduled(
    *, directory: Path, keep_days: int, now: dt.datetime | None = None, say: Say = lambda _m: None
) -> ScheduledBackup:
    """One archive named by its UTC time (`backup` writes it beside its name and renames it when
    complete, so a crash mid-backup never leaves a half archive that looks whole)."""
    now = now or timezone.now()
    directory.mkdir(parents=True, exist_ok=True)
    final = directory / f"{PREFIX}{now.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}{SUFFIX}"
    report = backup(final, say=say)
    return ScheduledBackup(
        archive=final, report=report, removed=backups_prune(directory=directory, keep_days=keep_days, now=now)
    )
