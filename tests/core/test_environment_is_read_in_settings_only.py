"""settings.py is the one place that reads the environment: everything else reads settings."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent.parent / "src" / "govkpi"
READS = re.compile(r"os\.environ(?!\.setdefault\(\"DJANGO_SETTINGS_MODULE\")|os\.getenv|getenv\(")


def test_no_module_but_settings_reads_the_environment() -> None:
    readers = [
        f"{path.relative_to(SRC)}:{number}"
        for path in SRC.rglob("*.py")
        if path.name != "settings.py" and "migrations" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if READS.search(line)
    ]
    assert readers == []
