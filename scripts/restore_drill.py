"""The restore drill (docs/operations.md): restore a backup archive into a scratch database and a
scratch evidence folder, then prove every table and file has the checksum the archive recorded.

    .venv/bin/python scripts/restore_drill.py [ARCHIVE]     # default: the newest in BACKUP_DIR

PostgreSQL: the scratch database `govkpi_drill_<time>` is made on the server of DRILL_PG (default
postgres://postgres@127.0.0.1:5432) and dropped afterwards (KEEP=1 keeps it). Prints a JSON report
with the times taken; exits 1 if any table or file differs. Touches nothing of the live system.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOVKPI = [sys.executable, "-m", "govkpi.manage"]


def newest_archive() -> Path:
    folder = Path(os.environ.get("BACKUP_DIR", ROOT / "var" / "backups"))
    archives = sorted(folder.glob("govkpi-*.tar.gz"))
    if not archives:
        sys.exit(f"no archive in {folder}")
    return archives[-1]


def manifest_of(archive: Path) -> dict[str, object]:
    with tarfile.open(archive, "r:gz") as tar:
        member = tar.extractfile("manifest.json")
        assert member is not None
        return dict(json.loads(member.read()))


def psql(url: str, sql: str) -> None:
    subprocess.run(["psql", url, "-qtAc", sql], check=True)


def main() -> int:
    archive = Path(sys.argv[1]) if len(sys.argv) > 1 else newest_archive()
    pg = os.environ.get("DRILL_PG", "postgres://postgres@127.0.0.1:5432")
    name = f"govkpi_drill_{time.strftime('%Y%m%d%H%M%S')}"
    scratch = Path(tempfile.mkdtemp(prefix="govkpi-drill-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "govkpi.settings",
        "DATABASE_URL": f"{pg}/{name}",
        "GOVKPI_MEDIA_ROOT": str(scratch / "media"),
        "GOVKPI_VAR_DIR": str(scratch),
        "DEBUG": os.environ.get("DEBUG", "1"),  # the drill needs no production secret
        "LOG_LEVEL": "ERROR",
    }
    psql(f"{pg}/postgres", f"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0")
    report: dict[str, object] = {"archive": str(archive), "scratch_database": name}
    try:
        started = time.perf_counter()
        subprocess.run([*GOVKPI, "restore", str(archive)], env=env, check=True, capture_output=True, text=True)
        report["restore_seconds"] = round(time.perf_counter() - started, 1)
        started = time.perf_counter()
        done = subprocess.run([*GOVKPI, "checksum"], env=env, check=True, capture_output=True, text=True)
        report["checksum_seconds"] = round(time.perf_counter() - started, 1)
        live = json.loads(done.stdout)
        manifest = manifest_of(archive)
        tables = {t: {"rows": v["rows"], "sha256": v["sha256"]} for t, v in manifest["tables"].items()}  # type: ignore[attr-defined]
        differences = [
            f"table {t}" for t in sorted(set(tables) | set(live["tables"])) if tables.get(t) != live["tables"].get(t)
        ]
        differences += [
            f"file {f}"
            for f in sorted(set(manifest["files"]) | set(live["files"]))  # type: ignore[arg-type]
            if manifest["files"].get(f) != live["files"].get(f)  # type: ignore[attr-defined]
        ]
        report.update({"tables": len(tables), "files": len(live["files"]), "differences": differences})
    finally:
        if os.environ.get("KEEP") != "1":
            psql(f"{pg}/postgres", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    print(json.dumps(report, indent=1))
    return 1 if report.get("differences") else 0


if __name__ == "__main__":
    sys.exit(main())
