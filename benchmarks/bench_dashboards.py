"""Time and queries of the national dashboard, the provincial map and a public page on the demo.

Scores and results for every participant of FY2565 (agencies and provinces, both rounds) are
written inside a transaction that is rolled back at the end, so the database is left as found.

Run: .venv/bin/govkpi migrate && .venv/bin/govkpi loaddemo && .venv/bin/python benchmarks/bench_dashboards.py
"""

from __future__ import annotations

import os
import statistics
import time
from decimal import Decimal

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govkpi.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from govkpi.dashboards.testing import report_results, store_scores  # noqa: E402
from govkpi.frameworks.models import Framework  # noqa: E402

RUNS = 10


class Rollback(Exception):
    pass


def measure(client: Client, url: str) -> tuple[float, float, int]:
    times = []
    queries = 0
    for index in range(RUNS):
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
        if index == 0:
            queries = len(captured)
    return statistics.median(times) * 1000, max(times) * 1000, queries


def main() -> None:
    setup_test_environment()
    try:
        with transaction.atomic():
            for framework in Framework.objects.filter(fiscal_year__year=2565):
                codes = list(framework.participants.values_list("code", flat=True))
                for months in (6, 12):
                    report_results(framework=framework, codes=codes, months=months)
                store_scores(framework=framework, totals={c: Decimal(60 + i % 40) for i, c in enumerate(codes)})
                framework.published_at = timezone.now()
                framework.save()
            opdc = Client()
            opdc.force_login(get_user_model().objects.get(username="opdc.admin"))
            moi = Client()
            moi.force_login(get_user_model().objects.get(username="moi.reviewer"))
            rows = [
                ("national dashboard", opdc, "/dashboards/national/?year=2565"),
                ("provincial dashboard + map", moi, "/dashboards/provinces/?year=2565"),
                ("alignment analysis", opdc, "/dashboards/alignment/?year=2565&group=agencies"),
                ("public score list (uncached)", Client(), "/public/2565/agencies/"),
                ("public map (uncached)", Client(), "/public/2565/map/"),
                ("open data results.csv (uncached)", Client(), "/public/data/2565/agencies/results.csv"),
            ]
            print(f"{'page':38} {'median ms':>10} {'max ms':>8} {'queries':>8}")
            for name, client, url in rows:
                median, worst, queries = measure(client, url)
                print(f"{name:38} {median:10.1f} {worst:8.1f} {queries:8d}")
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
