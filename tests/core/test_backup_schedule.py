"""Backups that run themselves: a timestamped archive, and old ones removed but never the newest."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from govkpi.core.backup_schedule import backups_prune, scheduled_archives

pytestmark = pytest.mark.django_db


def aged(path: Path, days: float) -> Path:
    path.write_bytes(b"old archive")
    when = (timezone.now() - dt.timedelta(days=days)).timestamp()
    os.utime(path, (when, when))
    return path


def test_the_scheduled_backup_writes_an_archive_and_removes_those_past_retention(tmp_path: Path, settings: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    old = aged(tmp_path / "govkpi-20240101T000000Z.tar.gz", days=30)
    recent = aged(tmp_path / "govkpi-20240301T000000Z.tar.gz", days=2)
    unrelated = aged(tmp_path / "someone-elses.tar.gz", days=90)
    out = io.StringIO()
    call_command("backup_scheduled", "--dir", str(tmp_path), "--keep-days", "14", stdout=out)
    report = json.loads(out.getvalue())
    archive = Path(report["archive"])
    assert archive.exists() and archive.name.startswith("govkpi-") and report["rows"] > 0
    assert report["removed"] == [str(old)]
    assert not old.exists() and recent.exists() and unrelated.exists()
    assert scheduled_archives(tmp_path)[-1] == archive


def test_the_newest_archive_is_kept_however_old_it_is(tmp_path: Path) -> None:
    only = aged(tmp_path / "govkpi-20200101T000000Z.tar.gz", days=400)
    assert backups_prune(directory=tmp_path, keep_days=14) == []
    assert only.exists()
