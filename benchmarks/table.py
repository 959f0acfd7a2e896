"""Print the suite's JSON files (var/bench/suite-*.json) as one Markdown table, for docs/performance.md.

.venv/bin/python benchmarks/table.py var/bench/suite-*.json
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

DATABASES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def _item(what: str) -> str:
    """The row's item without the figures in its name ("import 2,000 results" and "import 1,708
    results" are the same item at two scales)."""
    return re.sub(r"[\d,]+|\(.*?\)", "", what).strip()


def _ms(value: object) -> str:
    return "" if value is None else f"{value:,.1f}"


def _sql_ratio(row: dict[str, object]) -> float | None:
    """The median over the page's own SQL (older runs did not store it: computed from their figures)."""
    if row.get("sql_ratio") is not None:
        return float(row["sql_ratio"])  # type: ignore[arg-type]
    sql = row.get("sql_ms")
    return float(row["median_ms"]) / float(sql) if sql else None  # type: ignore[arg-type]


def main(paths: list[str]) -> None:
    runs = [json.loads(Path(p).read_text()) for p in paths]
    runs.sort(key=lambda r: (float(r["scale"]), r["database"]))
    items: dict[str, list[tuple[dict[str, object], dict[str, object]]]] = {}
    for run in runs:
        for row in run["rows"]:
            items.setdefault(_item(row["what"]), []).append((run, row))
    print("| what | scale | db | median ms | p95 ms | queries | floor ms | ratio | own SQL ms | × own SQL |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for rows in items.values():
        for run, row in rows:
            queries = "" if row["queries"] is None else row["queries"]
            print(
                f"| {row['what']} | {run['scale']} | {DATABASES.get(str(run['database']), run['database'])} | "
                f"{row['median_ms']:,.1f} | {row['p95_ms']:,.1f} | {queries} | {row['floor_ms']:,.1f} | "
                f"{row['ratio']:,.1f} | {_ms(row.get('sql_ms'))} | {_ms(_sql_ratio(row))} |"
            )
    print()
    for run in runs:
        load = ", ".join(f"{x:.1f}" for x in run["load_average"])
        print(
            f"- scale {run['scale']} {run['database']}: {run['organisations']:,} organisations, "
            f"FY{run['year']}, {run['repeat']} repetitions, measured {run['measured_at']}, load average {load}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
