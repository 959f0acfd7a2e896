"""The deadline rush's summary (scripts/rush/summary.py) reads the server's own request lines right.

The rush itself is too heavy for CI (`make rush`); this proves the figures it reports are computed
from the app's log lines: percentiles per route and overall, writes per second, and the verdict.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def summary() -> ModuleType:
    spec = importlib.util.spec_from_file_location("rush_summary", ROOT / "scripts" / "rush" / "summary.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def line(route: str, duration_ms: float, status: int = 200, method: str = "POST", **extra: float) -> str:
    return json.dumps(
        {
            **extra,
            "time": "2026-11-23T10:00:00.000+00:00",
            "level": "INFO",
            "logger": "govkpi.requests",
            "message": "request",
            "method": method,
            "route": route,
            "status": status,
            "duration_ms": duration_ms,
        }
    )


CLEAN_CHECK = {"lost": 0, "duplicated": 0, "unexplained": 0}


def test_percentiles_are_values_that_were_measured_nearest_rank(summary: ModuleType) -> None:
    values = [float(n) for n in range(100, 0, -1)]
    assert summary.percentile(values, 50) == 50.0
    assert summary.percentile(values, 95) == 95.0
    assert summary.percentile(values, 100) == 100.0
    assert summary.percentile([7.0], 95) == 7.0
    assert summary.percentile([10.0, 20.0, 30.0], 50) == 20.0


def test_only_the_request_lines_of_a_log_are_read(summary: ModuleType) -> None:
    log = [
        line("api:report", 12.5),
        '{"logger": "django.request", "level": "ERROR", "message": "boom"}',
        "[2026-11-23 10:00:00 +0000] [42] [INFO] Booting worker with pid: 42",
        '\x00\x00{"logger": "govkpi.requests", "broken',
        line("api:submit", 30.0),
    ]
    assert [entry["route"] for entry in summary.request_lines(log)] == ["api:report", "api:submit"]


def test_each_route_and_all_of_them_get_requests_p50_p95_max_and_server_errors(summary: ModuleType) -> None:
    entries = list(
        summary.request_lines(
            [line("api:report", float(ms)) for ms in range(1, 21)]
            + [line("api:submit", 100.0), line("api:submit", 300.0, status=500), line("api:submit", 200.0, 409)]
        )
    )
    routes = summary.timings(entries)
    assert list(routes) == ["POST api:report", "POST api:submit", "all"]
    report = routes["POST api:report"]
    assert (report["requests"], report["p50_ms"], report["p95_ms"], report["max_ms"]) == (20, 10.0, 19.0, 20.0)
    submit = routes["POST api:submit"]
    assert (submit["p50_ms"], submit["max_ms"], submit["server_errors"]) == (200.0, 300.0, 1)
    assert submit["statuses"] == {"200": 1, "409": 1, "500": 1}
    assert routes["all"]["requests"] == 23 and routes["all"]["server_errors"] == 1
    assert routes["all"]["max_ms"] == 300.0


def test_the_cpu_time_gets_its_own_percentiles_where_the_lines_carry_it(summary: ModuleType) -> None:
    entries = list(
        summary.request_lines(
            [line("api:report", 50.0 + ms, cpu_ms=float(ms)) for ms in range(1, 21)] + [line("api:submit", 9.0)]
        )
    )
    routes = summary.timings(entries)
    assert (routes["POST api:report"]["cpu_p50_ms"], routes["POST api:report"]["cpu_p95_ms"]) == (10.0, 19.0)
    assert "cpu_p50_ms" not in routes["POST api:submit"]
    assert routes["all"]["cpu_p95_ms"] == 19.0
    assert "-" in summary.table({**summary.summarise({"a": entries}, [], None)})


def acks(*answers: tuple[float, int]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for n, (t, status) in enumerate(answers):
        out.append({"t": t - 0.1, "phase": "sent", "kpi": n})
        out.append({"t": t, "kpi": n, "status": status, "result": n if status == 200 else None})
    return out


def test_writes_per_second_are_acknowledged_writes_over_the_wall_time(summary: ModuleType) -> None:
    written = summary.writes(acks((1000.1, 200), (1005.0, 200), (1010.1, 409)))
    assert written["acknowledged"] == 2 and written["wall_s"] == 10.1
    assert written["writes_per_s"] == round(2 / 10.1, 1) and written["unanswered"] == 0


def test_a_clean_rush_is_ok_and_each_instance_is_counted(summary: ModuleType) -> None:
    one = list(summary.request_lines([line("api:report", 5.0), line("api:submit", 8.0)]))
    two = list(summary.request_lines([line("api:report", 7.0)]))
    result = summary.summarise({"app-1": one, "app-2": two}, acks((1.0, 200), (2.0, 200)), CLEAN_CHECK)
    assert result["ok"] is True
    assert result["requests_per_instance"] == {"app-1": 2, "app-2": 1}
    assert result["server_timing"]["all"]["p95_ms"] == 8.0
    assert "OK" in summary.table(result).splitlines()[-1]


@pytest.mark.parametrize(
    ("check", "status", "unanswered"),
    [
        ({"lost": 1, "duplicated": 0, "unexplained": 0}, 200, False),
        ({"lost": 0, "duplicated": 2, "unexplained": 0}, 200, False),
        (CLEAN_CHECK, 502, False),
        (CLEAN_CHECK, 200, True),
        (CLEAN_CHECK, 200, "timeout"),
        (None, 200, False),
    ],
    ids=[
        "a-lost-write",
        "a-duplicated-write",
        "a-server-error",
        "a-request-never-answered",
        "a-client-that-gave-up-waiting",
        "no-check-ran",
    ],
)
def test_the_rush_is_not_ok_when(
    summary: ModuleType, check: dict[str, int] | None, status: int, unanswered: bool | str
) -> None:
    entries = list(summary.request_lines([line("api:report", 5.0, status=status)]))
    answers = acks((1.0, 200))
    if unanswered:
        answers.append({"t": 2.0, "phase": "sent", "kpi": 9})
    if unanswered == "timeout":
        answers.append({"t": 122.0, "kpi": 9, "status": 0, "result": None})
    result = summary.summarise({"app-1": entries}, answers, check)
    assert result["ok"] is False
    assert "NOT OK" in summary.table(result)
