"""How long POST /api/v1/scoring/preview takes for a 10-KPI scorecard.

Ten KPIs as an agency's scorecard has them: five Performance Base KPIs (one lower-is-better, one
milestone), two Potential Base KPIs and three Monitor KPIs. The timing covers the whole request:
Django's middleware, reading and parsing the JSON, validation, scoring, explanations in Thai
and English, response validation and serialisation.

Run in-process through Django's test Client (no network, no database touched):
    .venv/bin/python benchmarks/bench_preview.py [--calls 200]
or against a running server (e.g. `make run`), which adds HTTP and the socket:
    .venv/bin/python benchmarks/bench_preview.py --url http://127.0.0.1:8000
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
import urllib.request
from collections.abc import Callable

PATH = "/api/v1/scoring/preview"

DOCUMENT = {
    "framework": {
        "target_levels": [
            {"name": "ขั้นต้น", "points": 50},
            {"name": "มาตรฐาน", "points": 75},
            {"name": "ขั้นสูง", "points": 100},
        ],
        "below_lowest_points": 0,
        "components": [
            {"code": "performance", "weight": 70, "min_kpis": 3, "max_kpis": 5},
            {"code": "potential", "weight": 30, "min_kpis": 2, "max_kpis": 2},
        ],
        "bands": [
            {"name": "ระดับคุณภาพ", "min_score": 90},
            {"name": "ระดับมาตรฐาน", "min_score": 75},
            {"name": "ระดับต้องปรับปรุง", "min_score": 0},
        ],
        "monitoring_only": False,
    },
    "kpis": [
        {"code": "K01", "component": "performance", "weight": 15, "targets": [80, 85, 90], "result": 87.5},
        {"code": "K02", "component": "performance", "weight": 15, "targets": [3, 4, 5], "result": 4.5},
        {
            "code": "K03",
            "component": "performance",
            "weight": 15,
            "direction": "lower_is_better",
            "targets": [30, 25, 20],
            "result": 27,
        },
        {"code": "K04", "component": "performance", "weight": 15, "targets": [1500, 1750, 2000], "result": 1400},
        {"code": "K05", "component": "performance", "weight": 10, "targets": [70, 75, 80], "result": None},
        {"code": "K06", "component": "potential", "weight": 15, "targets": [3, 4, 5], "result": 5},
        {"code": "K07", "component": "potential", "weight": 15, "targets": [300, 350, 400], "result": 333.3},
        {"code": "M08", "component": "performance", "weight": 0, "targets": [1, 2, 3], "result": 2, "monitor": True},
        {"code": "M09", "component": "performance", "weight": 0, "targets": [1, 2, 3], "result": 5, "monitor": True},
        {"code": "M10", "component": "potential", "weight": 0, "targets": [1, 2, 3], "result": None, "monitor": True},
    ],
}


def in_process() -> Callable[[bytes], int]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govkpi.settings")
    import django

    django.setup()
    from django.test import Client

    client = Client()

    def call(body: bytes) -> int:
        return int(client.post(PATH, data=body, content_type="application/json").status_code)

    return call


def over_http(base: str) -> Callable[[bytes], int]:
    def call(body: bytes) -> int:
        request = urllib.request.Request(
            base.rstrip("/") + PATH, data=body, headers={"Content-Type": "application/json"}, method="POST"
        )
        with urllib.request.urlopen(request) as response:
            response.read()
            return int(response.status)

    return call


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--url", help="base URL of a running server; default: in-process test Client")
    args = parser.parse_args()
    call = over_http(args.url) if args.url else in_process()
    body = json.dumps(DOCUMENT, ensure_ascii=False).encode()
    for _ in range(args.warmup):
        assert call(body) == 200
    times = []
    for _ in range(args.calls):
        started = time.perf_counter()
        status = call(body)
        times.append((time.perf_counter() - started) * 1000)
        assert status == 200, status
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    where = args.url or "in-process (Django test Client)"
    print(f"scoring preview, 10-KPI scorecard, {args.calls} calls, {where}")
    print(f"  median {statistics.median(times):.2f} ms   p95 {p95:.2f} ms   max {times[-1]:.2f} ms")


if __name__ == "__main__":
    main()
