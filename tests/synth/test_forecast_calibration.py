"""Calibration on a small generated world with a 9-month round: last year's 6- and 9-month
forecasts, made from the earlier years only, against its 12-month scores."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

CALIBRATE = """
import django; django.setup()
from django.core.management import call_command
call_command("forecast", "calibrate", "--year", "2566", "--json")
"""


def test_a_generated_world_calibrates_its_last_year_from_the_years_before(
    new_world: Callable[..., tuple[Path, str]], run_in: Callable[[Path, str], str]
) -> None:
    path, _ = new_world("--scale", "0.05", "--years", "4", "--rounds", "6,9,12")
    rows = {(r["group"], r["months"]): r for r in json.loads(run_in(path, CALIBRATE))}
    assert set(rows) == {("agencies", 6), ("agencies", 9), ("provinces", 6), ("provinces", 9)}
    for row in rows.values():
        assert row["organisations"] > 0
        assert 0 <= float(row["band_share"]) <= 1 and 0 <= float(row["coverage"]) <= 1
    # The generated KPIs keep their pace from year to year: the forecasts are far better than chance.
    assert float(rows[("agencies", 9)]["band_share"]) >= 0.5
