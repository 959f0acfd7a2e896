"""`make bench` prints each figure beside the previous run's (benchmarks/compare.py): the change in
percent, a changed query count, a regression called out, a new item or a first run said so."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _compare() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_compare", ROOT / "benchmarks" / "compare.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


compare = _compare()


def _run(tmp_path: Path, *rows: dict[str, object]) -> Path:
    path = tmp_path / "suite-postgresql-10.json"
    path.write_text(json.dumps({"scale": "10", "rows": list(rows)}, ensure_ascii=False), encoding="utf-8")
    return path


def test_each_figure_is_printed_beside_the_previous_runs_with_the_change_in_percent(tmp_path: Path) -> None:
    path = _run(tmp_path, {"what": "scorecard (OPDC)", "median_ms": 40.0, "p95_ms": 50.0, "queries": 17})
    previous = compare.previous_rows(path)

    text = compare.beside(previous["scorecard (OPDC)"], median_ms=44.0, p95_ms=45.0, queries=17)

    assert text == "ก่อนหน้า/previous 40.0 / 50.0 ms (+10% / -10%)"


def test_a_changed_query_count_and_a_slower_p95_are_called_out(tmp_path: Path) -> None:
    path = _run(tmp_path, {"what": "national dashboard", "median_ms": 20.0, "p95_ms": 25.0, "queries": 8})
    previous = compare.previous_rows(path)

    text = compare.beside(previous["national dashboard"], median_ms=30.0, p95_ms=40.0, queries=9)

    assert "queries 8 → 9" in text and text.endswith("▲ slower")
    rows = [{"what": "national dashboard", "median_ms": 30.0, "p95_ms": 40.0, "queries": 9}]
    assert compare.slower_items(previous, rows) == ["national dashboard: p95 25.0 → 40.0 ms (+60%)"]


def test_a_small_page_moving_by_less_than_the_noise_is_not_a_regression(tmp_path: Path) -> None:
    previous = compare.previous_rows(
        _run(tmp_path, {"what": "public portal: year", "median_ms": 1.5, "p95_ms": 1.8, "queries": 1})
    )

    text = compare.beside(previous["public portal: year"], median_ms=1.9, p95_ms=2.6, queries=1)

    assert text == "ก่อนหน้า/previous 1.5 / 1.8 ms (+27% / +44%)"


def test_a_first_run_or_a_new_item_has_nothing_to_compare_with(tmp_path: Path) -> None:
    assert compare.previous_rows(tmp_path / "missing.json") == {}
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    assert compare.previous_rows(tmp_path / "broken.json") == {}
    assert compare.beside(None, median_ms=1.0, p95_ms=2.0, queries=1) == "ก่อนหน้า/previous: – (new)"
    assert compare.change_percent(0.0, 5.0) is None


def test_every_run_is_kept_beside_the_latest(tmp_path: Path) -> None:
    latest = _run(tmp_path, {"what": "x", "median_ms": 1.0, "p95_ms": 1.0, "queries": None})

    kept = compare.keep_run(latest, "2026-12-07T21:05:00Z")

    assert kept == tmp_path / "runs" / "suite-postgresql-10-20261207T210500Z.json"
    assert json.loads(kept.read_text(encoding="utf-8"))["rows"][0]["what"] == "x"
