"""Each figure of a bench run beside the previous run's, so a regression shows at a glance.

`make bench` keeps the latest run of each database and scale in `var/bench/suite-<db>-<scale>.json`
and every run in `var/bench/runs/`. Before a run overwrites the latest file, the suite reads it as
"previous" and prints, after each line, the previous median and p95 with the change in percent
(and the previous query count when it differs); a p95 more than `SLOWER_SHARE` slower (and by more
than `NOISE_MS`, below which a 2-core machine's jitter dominates) is marked `▲ slower`, and listed
again at the end.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

#: a p95 this much slower than the previous run's is called out
SLOWER_SHARE = 0.20
#: ... unless it moved by less than this (timer and scheduler noise on a small page)
NOISE_MS = 1.0


def previous_rows(path: Path | None) -> dict[str, dict[str, Any]]:
    """The previous run's rows by item (`what`); empty when there is none or it cannot be read."""
    if path is None or not path.exists():
        return {}
    try:
        run = json.loads(path.read_text(encoding="utf-8"))
        return {str(row["what"]): row for row in run.get("rows", [])}
    except (ValueError, KeyError, TypeError, AttributeError):
        return {}


def change_percent(previous: float | None, current: float) -> float | None:
    """The change from the previous figure, in percent of it (None: nothing to compare with)."""
    if previous is None or previous <= 0:
        return None
    return (current - previous) / previous * 100


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:+.0f}%"


def is_slower(previous: Mapping[str, Any] | None, p95_ms: float) -> bool:
    if previous is None or previous.get("p95_ms") is None:
        return False
    before = float(previous["p95_ms"])
    return p95_ms - before > NOISE_MS and p95_ms > before * (1 + SLOWER_SHARE)


def beside(previous: Mapping[str, Any] | None, *, median_ms: float, p95_ms: float, queries: int | None) -> str:
    """What follows a row's figures: `ก่อนหน้า/previous 10.0 / 12.0 ms (+5% / +3%)`, the previous
    query count when it changed, and `▲ slower` for a regression; "(new)" for a new item."""
    if previous is None:
        return "ก่อนหน้า/previous: – (new)"
    text = (
        f"ก่อนหน้า/previous {float(previous['median_ms']):.1f} / {float(previous['p95_ms']):.1f} ms "
        f"({_percent(change_percent(float(previous['median_ms']), median_ms))} / "
        f"{_percent(change_percent(float(previous['p95_ms']), p95_ms))})"
    )
    before_queries = previous.get("queries")
    if before_queries is not None and queries is not None and before_queries != queries:
        text += f", queries {before_queries} → {queries}"
    if is_slower(previous, p95_ms):
        text += " ▲ slower"
    return text


def slower_items(previous: Mapping[str, Mapping[str, Any]], rows: list[Mapping[str, Any]]) -> list[str]:
    """One line per item whose p95 regressed against the previous run."""
    lines = []
    for row in rows:
        before = previous.get(str(row["what"]))
        if before is not None and is_slower(before, float(row["p95_ms"])):
            lines.append(
                f"{row['what']}: p95 {float(before['p95_ms']):.1f} → {float(row['p95_ms']):.1f} ms "
                f"({_percent(change_percent(float(before['p95_ms']), float(row['p95_ms'])))})"
            )
    return lines


def keep_run(latest: Path, stamp: str) -> Path:
    """A copy of the run just written in `runs/` beside it (`suite-<db>-<scale>-<stamp>.json`)."""
    runs = latest.parent / "runs"
    runs.mkdir(parents=True, exist_ok=True)
    kept = runs / f"{latest.stem}-{stamp.replace(':', '').replace('-', '')}.json"
    shutil.copyfile(latest, kept)
    return kept
