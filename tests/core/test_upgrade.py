"""An upgrade keeps data: the previous release (deploy/PREVIOUS_RELEASE, a commit) migrates an empty
database and loads its demo with its own code; then this code migrates it, and every table the new
migrations did not change has the same rows and checksum, no table lost a row, and every stored
score is what this code computes (rescoring changes nothing).

The previous release is taken from git (`git archive`), so a shallow clone without that commit
skips the test. Bump deploy/PREVIOUS_RELEASE at each release.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
PREVIOUS = (ROOT / "deploy" / "PREVIOUS_RELEASE").read_text().strip()

RESCORE_ALL = """
import django; django.setup()
from govkpi.frameworks.models import Framework
from govkpi.scorecards.services import rescore_report
for framework in Framework.objects.all():
    rescore_report(framework)
"""


def run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def columns(db: Path) -> dict[str, list[str]]:
    with sqlite3.connect(db) as con:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: [c[1] for c in con.execute(f'PRAGMA table_info("{t}")')] for t in tables}


@pytest.fixture(scope="module")
def previous_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    have = subprocess.run(["git", "cat-file", "-e", f"{PREVIOUS}^{{commit}}"], cwd=ROOT, capture_output=True)
    if have.returncode != 0:
        pytest.skip(f"the previous release {PREVIOUS[:10]} is not in this clone")
    folder = tmp_path_factory.mktemp("previous-release")
    archive = folder / "src.tar"
    subprocess.run(["git", "archive", "-o", str(archive), PREVIOUS, "src"], cwd=ROOT, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
    return folder / "src"


def test_an_upgrade_from_the_previous_release_keeps_every_row_and_score(previous_release: Path, tmp_path: Path) -> None:
    db = tmp_path / "upgrade.sqlite3"
    base = {k: v for k, v in os.environ.items() if k not in {"PYTEST_VERSION", "PYTHONPATH"}}
    base.update(
        {
            "DJANGO_SETTINGS_MODULE": "govkpi.settings",
            "DATABASE_URL": f"sqlite:///{db}",
            "GOVKPI_VAR_DIR": str(tmp_path),
            "GOVKPI_MEDIA_ROOT": str(tmp_path / "media"),
            "DEBUG": "1",
            "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "LOG_LEVEL": "ERROR",
        }
    )
    old = {**base, "PYTHONPATH": str(previous_release)}  # the old code shadows the installed one
    assert str(previous_release) in run(old, "-c", "import govkpi; print(govkpi.__file__)")
    run(old, "-m", "govkpi.manage", "migrate", "--noinput", "-v0")
    run(old, "-m", "govkpi.manage", "loaddemo", "-v0")
    before, columns_before = json.loads(run(old, "-m", "govkpi.manage", "checksum", "--tables-only")), columns(db)

    new = base
    run(new, "-m", "govkpi.manage", "migrate", "--noinput", "-v0")
    after, columns_after = json.loads(run(new, "-m", "govkpi.manage", "checksum", "--tables-only")), columns(db)

    # New models bring their content type and permissions; nothing else may gain or lose a row.
    grows = {"django_content_type", "auth_permission"}
    rows_before = {t: v["rows"] for t, v in before["tables"].items()}
    rows_after = {t: after["tables"].get(t, {}).get("rows") for t in before["tables"]}
    assert all(rows_after[t] >= rows_before[t] for t in grows)
    assert {t: n for t, n in rows_after.items() if t not in grows} == {
        t: n for t, n in rows_before.items() if t not in grows
    }
    # Data migrations that rewrite rows on purpose: basket 0002 stores recommended targets as one
    # ladder per ladder length ([[...]]); the row counts above still hold for them.
    rewritten = {"basket_basketkpi", "basket_historicalbasketkpi"}
    untouched = [
        t for t in before["tables"] if t not in grows | rewritten and columns_before.get(t) == columns_after.get(t)
    ]
    changed = [t for t in untouched if before["tables"][t] != after["tables"][t]]
    assert len(untouched) > 50 and changed == [], f"tables the migrations did not alter changed: {changed}"

    run(new, "-c", RESCORE_ALL)
    rescored: dict[str, Any] = json.loads(run(new, "-m", "govkpi.manage", "checksum", "--tables-only"))
    scores = [t for t in after["tables"] if t in {"results_result", "results_organisationscore"}]
    assert scores
    assert {t: rescored["tables"][t] for t in scores} == {t: after["tables"][t] for t in scores}
