"""The deadline rush's checker (scripts/rush/check.py) notices a lost or a duplicated write.

The rush itself is too heavy for CI (`make rush`); this proves the check that judges it can fail.
"""

from __future__ import annotations

import importlib.util
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def check() -> ModuleType:
    spec = importlib.util.spec_from_file_location("rush_check", ROOT / "scripts" / "rush" / "check.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def ack(kpi: int, version: int, value: str, state: str = "draft", status: int = 200) -> dict[str, Any]:
    return {"kpi": kpi, "result": kpi * 10, "lock_version": version, "value": value, "state": state, "status": status}


ACKS = [ack(1, 1, "50.00"), ack(1, 2, "55.00"), ack(1, 3, "55.00", "submitted"), ack(2, 1, "70.00")]
HISTORY = [(10, 1), (10, 2), (10, 3), (20, 1)]


def rows(check: ModuleType, *extra: Any) -> list[Any]:
    return [
        check.Row(10, 1, 3, Decimal("55.0000"), "submitted"),
        check.Row(20, 2, 1, Decimal("70.0000"), "draft"),
        *extra,
    ]


def test_a_database_holding_every_acknowledged_write_once_passes(check: ModuleType) -> None:
    found = check.compare(ACKS, rows(check), HISTORY)
    assert found.ok
    assert found.summary()["lost"] == 0
    assert found.acknowledged == 4


def test_an_acknowledged_write_missing_from_the_history_is_lost(check: ModuleType) -> None:
    found = check.compare(ACKS, rows(check), [h for h in HISTORY if h != (10, 2)])
    assert not found.ok
    assert len(found.lost) == 1


def test_a_row_older_than_its_last_acknowledged_write_is_a_lost_write(check: ModuleType) -> None:
    stale = [check.Row(10, 1, 2, Decimal("55.0000"), "draft"), check.Row(20, 2, 1, Decimal("70.0000"), "draft")]
    assert len(check.compare(ACKS, stale, HISTORY).lost) == 1


def test_a_kpi_without_its_row_is_lost(check: ModuleType) -> None:
    assert len(check.compare(ACKS, rows(check)[:1], HISTORY).lost) == 1


def test_a_write_recorded_twice_or_a_second_row_is_a_duplicate(check: ModuleType) -> None:
    twice = check.compare(ACKS, rows(check), [*HISTORY, (20, 1)])
    second_row = check.compare(ACKS, rows(check, check.Row(21, 2, 1, Decimal("70.0000"), "draft")), HISTORY)
    assert len(twice.duplicated) == 1
    assert len(second_row.duplicated) == 1
    assert not twice.ok and not second_row.ok


def test_a_saved_version_nobody_acknowledged_is_allowed_only_after_a_failed_request(check: ModuleType) -> None:
    ahead = [check.Row(10, 1, 4, Decimal("60.0000"), "draft"), check.Row(20, 2, 1, Decimal("70.0000"), "draft")]
    history = [*HISTORY, (10, 4)]
    assert not check.compare(ACKS, ahead, history).ok
    explained = check.compare([*ACKS, ack(1, 0, "60.00", status=0)], ahead, history)
    unanswered = check.compare(
        [*({"phase": "sent", "kpi": a["kpi"]} for a in ACKS), {"phase": "sent", "kpi": 1}, *ACKS], ahead, history
    )
    assert explained.ok and unanswered.ok
    assert len(explained.unacknowledged) == len(unanswered.unacknowledged) == 1
