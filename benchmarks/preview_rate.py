"""Requests per second the public scoring preview sustains, and where the rate limit answers 429.

    .venv/bin/python benchmarks/preview_rate.py URL [--seconds 20] [--threads 8]

Posts the six-KPI document of tests/api/test_scoring_preview.py from `--threads` clients for
`--seconds` and prints the answers by status, the rate of 200s, and when the first 429 came.
Start the server with `make serve` (RATE_LIMITS_ENABLED=0 measures the server's own capacity).
"""

from __future__ import annotations

import argparse
import json
import threading
import time
import urllib.error
import urllib.request
from collections import Counter

DOCUMENT = {
    "framework": {
        "target_levels": [
            {"name": "ขั้นต้น", "points": 50},
            {"name": "มาตรฐาน", "points": 75},
            {"name": "ขั้นสูง", "points": 100},
        ],
        "components": [
            {"code": "performance", "weight": 70, "min_kpis": 3, "max_kpis": 5},
            {"code": "potential", "weight": 30, "min_kpis": 2, "max_kpis": 2},
        ],
        "bands": [{"name": "ระดับคุณภาพ", "min_score": 90}, {"name": "ระดับมาตรฐาน", "min_score": 75}],
    },
    "kpis": [
        {"code": "K1", "component": "performance", "weight": 20, "targets": [80, 85, 90], "result": 87.5},
        {"code": "K2", "component": "performance", "weight": 25, "targets": [3, 4, 5], "result": 5},
        {"code": "K3", "component": "performance", "weight": 25, "targets": [1, 2, 3], "result": 2},
        {"code": "K4", "component": "potential", "weight": 15, "targets": [1, 2, 3], "result": None},
        {"code": "K5", "component": "potential", "weight": 15, "targets": [1, 2, 3], "result": 3},
    ],
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    body = json.dumps(DOCUMENT).encode()
    statuses: Counter[int] = Counter()
    first_429: list[float] = []
    lock = threading.Lock()
    start = time.perf_counter()
    deadline = start + args.seconds

    def client() -> None:
        while time.perf_counter() < deadline:
            request = urllib.request.Request(
                args.url.rstrip("/") + "/api/v1/scoring/preview",
                data=body,
                headers={"Content-Type": "application/json"},
            )
            try:
                with urllib.request.urlopen(request, timeout=30) as answer:
                    status = answer.status
            except urllib.error.HTTPError as error:
                status = error.code
            with lock:
                statuses[status] += 1
                if status == 429 and not first_429:
                    first_429.append(time.perf_counter() - start)

    threads = [threading.Thread(target=client) for _ in range(args.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    print(
        json.dumps(
            {
                "seconds": round(elapsed, 1),
                "answers": dict(statuses),
                "ok_per_second": round(statuses[200] / elapsed, 1),
                "first_429_after_seconds": round(first_429[0], 1) if first_429 else None,
                "ok_before_first_429": None if not first_429 else "see answers[200] with a single client",
            }
        )
    )


if __name__ == "__main__":
    main()
