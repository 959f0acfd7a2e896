"""Print the suite's JSON files (var/bench/suite-*.json) as one Markdown table, for docs/performance.md.

.venv/bin/python benchmarks/table.py var/bench/suite-*.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(paths: list[str]) -> None:
    runs = [json.loads(Path(p).read_text()) for p in paths]
    runs.sort(key=lambda r: (float(r["scale"]), r["database"]))
    print("| what | scale | db | median ms | p95 ms | queries | floor ms | ratio |")
    print("|---|---:|---|---:|---:|---:|---:|---:|")
    for run in runs:
        for row in run["rows"]:
            queries = "" if row["queries"] is None else row["queries"]
            print(
                f"| {row['what']} | {run['scale']} | {run['database']} | {row['median_ms']:,.1f} | "
                f"{row['p95_ms']:,.1f} | {queries} | {row['floor_ms']:,.1f} | {row['ratio']:,.1f} |"
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
