"""`govkpi scores verify` finds no difference on a generated world (CI runs it here)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

VERIFY = """
import django; django.setup()
from django.core.management import call_command
call_command("scores", "verify")  # raises CommandError (the script fails) on any difference
"""


def test_a_generated_world_has_no_stored_score_differing_from_a_fresh_computation(
    new_world: Callable[..., tuple[Path, str]], run_in: Callable[[Path, str], str]
) -> None:
    path, _ = new_world("--scale", "0.05", "--years", "2", "--seed", "3")
    assert " 0 difference(s)" in run_in(path, VERIFY)
