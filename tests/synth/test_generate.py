"""`govkpi generate` builds the same consistent synthetic world from the same seed, in its own database."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

ROOT = Path(__file__).resolve().parents[2]
CHECK = """
import django, hashlib, json; django.setup()
from govkpi.frameworks.models import Framework
from govkpi.results.models import OrganisationScore, Result
from govkpi.scorecards.services import rescore_report
digest = hashlib.sha256(repr(list(Result.objects.order_by("kpi__code", "round__months")
    .values_list("kpi__code", "round__months", "value", "points"))).encode()).hexdigest()
updated = sum(rescore_report(f).results_updated for f in Framework.objects.all())
bands = sorted(set(OrganisationScore.objects.values_list("band", flat=True)))
print(json.dumps({"digest": digest, "updated_by_rescore": updated, "bands": bands}))
"""


GOVKPI = [sys.executable, "-m", "govkpi.manage"]


def _env(path: Path) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": f"sqlite:///{path}", "DJANGO_SETTINGS_MODULE": "govkpi.settings"}


@pytest.fixture(scope="module")
def empty_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrated once; each world starts from a copy."""
    path = tmp_path_factory.mktemp("synth") / "empty.sqlite3"
    subprocess.run([*GOVKPI, "migrate", "-v0"], env=_env(path), check=True, cwd=ROOT)
    return path


def _world(empty: Path, seed: int) -> tuple[dict[str, object], dict[str, object]]:
    path = empty.with_name(f"world-{seed}-{len(list(empty.parent.iterdir()))}.sqlite3")
    shutil.copy(empty, path)
    env = _env(path)
    govkpi = GOVKPI
    made = subprocess.run(
        [*govkpi, "generate", "--scale", "1", "--years", "1", "--seed", str(seed), "-v0"],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    checked = subprocess.run(
        [sys.executable, "-c", CHECK], env=env, check=True, cwd=ROOT, capture_output=True, text=True
    )
    return json.loads(made.stdout), json.loads(checked.stdout)


def test_the_same_seed_builds_the_same_scored_world(empty_database: Path) -> None:
    counts, first = _world(empty_database, seed=7)
    _, again = _world(empty_database, seed=7)

    rows = counts["rows"]
    assert rows["organisations.Organisation"] == 320  # type: ignore[index]
    assert rows["kpis.Kpi"] == 320 * 7  # type: ignore[index]
    assert first["digest"] == again["digest"]
    # Scores were stored exactly as the application's rescoring stores them.
    assert first["updated_by_rescore"] == 0
    assert len(first["bands"]) >= 2  # type: ignore[arg-type]


def test_it_refuses_a_database_that_already_holds_a_world(db: None) -> None:
    with pytest.raises(CommandError, match="not empty"):
        call_command("generate", "--scale", "1", verbosity=0)
