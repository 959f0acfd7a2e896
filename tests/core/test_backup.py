"""`govkpi backup` and `govkpi restore` carry every table and evidence file to another database unchanged.

The demo world (and a few evidence files) is backed up from the test database; a second database of
the same engine, made for this module, is restored from the archive by the real commands in a
subprocess, and `govkpi checksum` there must equal the checksum here, table by table and file by file.
A damaged archive is refused with a clear message and leaves that database exactly as it was.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import override_settings

from govkpi.core.backup import BackupError, backup, checksums, restore
from govkpi.results.models import Result

pytestmark = pytest.mark.django_db

GOVKPI = [sys.executable, "-m", "govkpi.manage"]


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*GOVKPI, *args], env=env, capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory, django_db_setup: None, django_db_blocker: Any) -> dict[str, Any]:
    """The archive of the test database (the demo world) with three evidence files, and its checksums."""
    base = tmp_path_factory.mktemp("backup")
    media = base / "media"
    (media / "evidence" / "2565" / "09").mkdir(parents=True)
    (media / "evidence" / "2565" / "09" / "a1.pdf").write_bytes("%PDF-1.4 ผลการดำเนินงาน\n".encode() * 100)
    (media / "evidence" / "2565" / "09" / "b2.png").write_bytes(bytes(range(256)) * 40)
    (media / "jobs" / "input").mkdir(parents=True)
    (media / "jobs" / "input" / "c3.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    archive = base / "world.tar.gz"
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        report = backup(archive)
        sums = checksums().as_dict()
    return {"archive": archive, "sums": sums, "report": report, "base": base}


@pytest.fixture(scope="module")
def target(source: dict[str, Any]) -> Iterator[dict[str, str]]:
    """The environment of a second, empty database of the same engine (and its own MEDIA_ROOT)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "govkpi.settings", "GOVKPI_MEDIA_ROOT": str(source["base"] / "m2")}
    env.pop("PYTEST_VERSION", None)
    env["DEBUG"] = "1"  # a command run by hand on a development machine (no production SECRET_KEY)
    if connection.vendor == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{source['base'] / 'restored.sqlite3'}"
        yield env
        return
    import psycopg

    settings = connection.settings_dict
    name = f"{settings['NAME']}_restore_{uuid.uuid4().hex[:6]}"
    dsn = f"host={settings['HOST']} port={settings['PORT'] or 5432} user={settings['USER']} dbname=postgres"
    with psycopg.connect(dsn, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0")
    env["DATABASE_URL"] = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT'] or 5432}/{name}"
    try:
        yield env
    finally:
        with psycopg.connect(dsn, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _checksum(env: dict[str, str]) -> dict[str, Any]:
    done = _run(env, "checksum")
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)
    body.pop("sha256")
    return dict(body)


@pytest.fixture(scope="module")
def restored(source: dict[str, Any], target: dict[str, str]) -> dict[str, Any]:
    done = _run(target, "restore", str(source["archive"]))
    assert done.returncode == 0, done.stderr
    return _checksum(target)


def test_the_archive_holds_every_table_and_file(source: dict[str, Any]) -> None:
    report = source["report"]
    assert report.files == 3
    assert report.tables == len(source["sums"]["tables"])
    assert report.rows == sum(t["rows"] for t in source["sums"]["tables"].values())
    assert source["sums"]["tables"]["results_result"]["rows"] > 0


def test_a_restored_database_has_the_same_checksum_for_every_table_and_file(
    source: dict[str, Any], restored: dict[str, Any]
) -> None:
    differing = [t for t in source["sums"]["tables"] if source["sums"]["tables"][t] != restored["tables"].get(t)]
    assert differing == []
    assert restored["tables"].keys() == source["sums"]["tables"].keys()
    assert restored["files"] == source["sums"]["files"]


def _damaged_copy(archive: Path, out: Path, member: str) -> Path:
    """The same archive with one byte of `member` changed, or without it (`-member`), or cut in half (`half`)."""
    if member == "half":
        data = archive.read_bytes()
        out.write_bytes(data[: len(data) // 2])
        return out
    with tarfile.open(archive, "r:gz") as src, tarfile.open(out, "w:gz") as dst:
        for info in src:
            data = src.extractfile(info).read() if info.isfile() else b""  # type: ignore[union-attr]
            if info.name == member.lstrip("-") and member.startswith("-"):
                continue
            if info.name == member:
                data = data.replace(b"1", b"2", 1)
            dst.addfile(info, io.BytesIO(data))
    return out


@pytest.mark.parametrize(
    "member",
    [
        "tables/results_result.jsonl",
        "files/evidence/2565/09/b2.png",
        "-tables/kpis_kpi.jsonl",
        "-manifest.json",
        "half",
    ],
)
def test_a_damaged_archive_is_refused_and_changes_nothing(source: dict[str, Any], tmp_path: Path, member: str) -> None:
    media = tmp_path / "media"
    (media / "evidence").mkdir(parents=True)
    (media / "evidence" / "kept.pdf").write_bytes(b"%PDF-1.4 kept")
    bad = _damaged_copy(source["archive"], tmp_path / "bad.tar.gz", member)
    with override_settings(MEDIA_ROOT=media):
        before = checksums().as_dict()
        with pytest.raises(BackupError) as refused:
            restore(bad)
        assert checksums().as_dict() == before
    assert "ไฟล์สำรองข้อมูลเสียหายหรือไม่ครบ" in refused.value.message_th
    assert "nothing was changed" in refused.value.message_en
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.tar.gz", "media"]


def test_restoring_over_a_changed_database_brings_back_the_archived_state(
    source: dict[str, Any], tmp_path: Path
) -> None:
    Result.objects.filter(pk=Result.objects.order_by("pk").values("pk")[:1]).update(value=Decimal("-1"))
    (tmp_path / "stray.txt").write_text("not in the archive")
    with override_settings(MEDIA_ROOT=tmp_path):
        assert checksums().as_dict() != source["sums"]
        restore(source["archive"])
        assert checksums().as_dict() == source["sums"]
