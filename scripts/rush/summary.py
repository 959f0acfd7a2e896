"""The deadline rush's figures, from the server's own timing: p50/p95/max per route and overall.

Every app instance logs one JSON line per request (logger `govkpi.requests`: method, route, status,
duration_ms, cpu_ms; core/monitoring.py). This reads those lines from each instance's log, the answers the
load generator recorded (acks.jsonl: the wall time and the acknowledged writes) and the checker's
verdict (check.py's JSON), and writes one summary (JSON) plus a short table:

    python scripts/rush/summary.py --logs var/rush/app-1.log var/rush/app-2.log \\
        --acks var/rush/acks.jsonl --check var/rush/check.json --out var/rush/summary.json

Exit 1 if anything was lost or duplicated, a request failed with a server error (5xx) or got no
answer, or the checker found a version nobody can explain. No Django needed.
"""

from __future__ import annotations

import argparse
import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

REQUEST_LOGGER = "govkpi.requests"


def percentile(values: Sequence[float], q: float) -> float:
    """The nearest-rank percentile `q` (0–100) of `values`: a value that was measured, never a blend."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def request_lines(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """The per-request timing lines among a log's lines (anything else, JSON or not, is skipped)."""
    for line in lines:
        if '"govkpi.requests"' not in line:
            continue
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and entry.get("logger") == REQUEST_LOGGER and "duration_ms" in entry:
            yield entry


def timings(entries: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Requests, p50/p95/max (ms), statuses and server errors per route, and over all of them ("all");
    the CPU time's p50/p95 too where the lines carry it (cpu_ms: what a busy machine hardly stretches)."""
    by_route: dict[str, list[float]] = defaultdict(list)
    cpu: dict[str, list[float]] = defaultdict(list)
    statuses: dict[str, Counter[int]] = defaultdict(Counter)
    for entry in entries:
        route = f"{entry.get('method', '')} {entry.get('route', '')}".strip()
        for key in (route, "all"):
            by_route[key].append(float(entry["duration_ms"]))
            if "cpu_ms" in entry:
                cpu[key].append(float(entry["cpu_ms"]))
            statuses[key][int(entry.get("status", 0))] += 1
    return {
        route: {
            "requests": len(values),
            "p50_ms": percentile(values, 50),
            "p95_ms": percentile(values, 95),
            "max_ms": max(values),
            **(
                {"cpu_p50_ms": percentile(cpu[route], 50), "cpu_p95_ms": percentile(cpu[route], 95)}
                if cpu[route]
                else {}
            ),
            "server_errors": sum(n for status, n in statuses[route].items() if status >= 500),
            "statuses": {str(status): n for status, n in sorted(statuses[route].items())},
        }
        for route, values in sorted(by_route.items(), key=lambda item: (item[0] == "all", item[0]))
    }


def writes(acks: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Acknowledged writes (200 with an id) per second of the rush's wall time (first request sent to
    last answer), and the requests that got no HTTP answer: never finished (the run was cut at
    RUN_TIME) or given up by the client (`timed_out`, status 0: waited longer than its timeout)."""
    times: list[float] = []
    acknowledged = sent = answered = no_http_answer = 0
    for ack in acks:
        times.append(float(ack["t"]))
        if ack.get("phase") == "sent":
            sent += 1
        else:
            answered += 1
            acknowledged += ack.get("status") == 200 and ack.get("result") is not None
            no_http_answer += not ack.get("status")  # 0: the client gave up (timeout, connection closed)
    wall = max(times) - min(times) if times else 0.0
    return {
        "sent": sent,
        "answered": answered,
        "unanswered": sent - answered + no_http_answer,
        "timed_out": no_http_answer,
        "acknowledged": acknowledged,
        "wall_s": round(wall, 1),
        "writes_per_s": round(acknowledged / wall, 1) if wall > 0 else 0.0,
    }


def summarise(
    instances: dict[str, list[dict[str, Any]]], acks: list[dict[str, Any]], check: dict[str, Any] | None
) -> dict[str, Any]:
    """The whole rush in one document: `ok` is the verdict."""
    everything = [entry for entries in instances.values() for entry in entries]
    routes = timings(everything)
    written = writes(acks)
    server_errors = routes["all"]["server_errors"] if everything else 0
    verdict = {
        "lost": None if check is None else check.get("lost"),
        "duplicated": None if check is None else check.get("duplicated"),
        "unexplained": None if check is None else check.get("unexplained"),
        "server_errors": server_errors,
        "unanswered": written["unanswered"],
    }
    return {
        "ok": bool(everything) and all(n == 0 for n in verdict.values()),
        **verdict,
        "writes": written,
        "requests_per_instance": {name: len(entries) for name, entries in instances.items()},
        "server_timing": routes,
        "check": check,
    }


def table(summary: dict[str, Any]) -> str:
    """The short table a person reads at the end of `make rush`."""
    rows = [
        f"{'route':<32} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'cpu p50':>8} {'cpu p95':>8} "
        f"{'5xx':>5}"
    ]
    for route, t in summary["server_timing"].items():
        cpu = f"{t['cpu_p50_ms']:>8.1f} {t['cpu_p95_ms']:>8.1f}" if "cpu_p50_ms" in t else f"{'-':>8} {'-':>8}"
        rows.append(
            f"{route:<32} {t['requests']:>8} {t['p50_ms']:>8.1f} {t['p95_ms']:>8.1f} {t['max_ms']:>8.1f} {cpu} "
            f"{t['server_errors']:>5}"
        )
    w = summary["writes"]
    rows.append(
        f"acknowledged writes {w['acknowledged']} in {w['wall_s']} s = {w['writes_per_s']} writes/s; "
        f"lost {summary['lost']}, duplicated {summary['duplicated']}, unexplained {summary['unexplained']}, "
        f"server errors {summary['server_errors']}, unanswered {summary['unanswered']}: "
        + ("OK" if summary["ok"] else "NOT OK")
    )
    return "\n".join(rows)


def _json_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--logs", type=Path, nargs="+", required=True, help="each app instance's log")
    parser.add_argument("--acks", type=Path, help="the load generator's answers (acks.jsonl)")
    parser.add_argument("--check", type=Path, help="check.py's JSON answer")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--extra", type=json.loads, default={}, help="a JSON object added as is (the set-up)")
    args = parser.parse_args()
    instances = {
        path.stem: list(request_lines(path.read_text(encoding="utf-8", errors="replace").splitlines()))
        for path in args.logs
    }
    check = json.loads(args.check.read_text()) if args.check and args.check.exists() else None
    acks = _json_lines(args.acks) if args.acks else []
    summary = {**args.extra, **summarise(instances, acks, check)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, ensure_ascii=False, indent=1))
    print(json.dumps({k: v for k, v in summary.items() if k not in {"server_timing", "check"}}, indent=1))
    print(table(summary))
    raise SystemExit(0 if summary["ok"] else 1)


if __name__ == "__main__":
    main()
