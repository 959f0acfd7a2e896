"""Generated worlds live in SQLite files of their own, built by `govkpi generate` in a subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOVKPI = [sys.executable, "-m", "govkpi.manage"]


def synth_env(path: Path) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": f"sqlite:///{path}", "DJANGO_SETTINGS_MODULE": "govkpi.settings"}


@pytest.fixture(scope="session")
def empty_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrated once; each world starts from a copy."""
    path = tmp_path_factory.mktemp("synth") / "empty.sqlite3"
    subprocess.run([*GOVKPI, "migrate", "-v0"], env=synth_env(path), check=True, cwd=ROOT)
    return path


def _new_world(empty: Path, *args: str) -> tuple[Path, str]:
    """A copy of the empty database with `govkpi generate ARGS` run into it; its path and output."""
    path = empty.with_name(f"world-{len(list(empty.parent.iterdir()))}.sqlite3")
    shutil.copy(empty, path)
    made = subprocess.run(
        [*GOVKPI, "generate", *args, "-v0"],
        env=synth_env(path),
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return path, made.stdout


def _run_in(path: Path, script: str) -> str:
    """Run a Python script against that world; its standard output."""
    done = subprocess.run(
        [sys.executable, "-c", script], env=synth_env(path), check=True, cwd=ROOT, capture_output=True, text=True
    )
    return done.stdout


NewWorld = Callable[..., tuple[Path, str]]
RunIn = Callable[[Path, str], str]


@pytest.fixture
def new_world(empty_database: Path) -> NewWorld:
    """`new_world("--scale", "0.05")`: a generated world's database file and the command's output."""
    return lambda *args: _new_world(empty_database, *args)


@pytest.fixture
def run_in() -> RunIn:
    return _run_in
