"""Queries and time of one proposal's page and API detail as its number of KPIs grows (6 → 306).

KPIs are added to Chachoengsao's FY2566 draft inside a transaction that is rolled back at the end,
so the database is left as found.

Run: .venv/bin/govkpi migrate && .venv/bin/govkpi loaddemo && .venv/bin/python benchmarks/bench_proposal_page.py
"""

from __future__ import annotations

import os
import time
from decimal import Decimal

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govkpi.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from govkpi.kpis.models import Kpi, Proposal  # noqa: E402


def measure(client: Client, url: str) -> tuple[int, float]:
    client.get(url)  # warm up
    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - start
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries), elapsed


def main() -> None:
    setup_test_environment()
    proposal = Proposal.objects.select_related("framework", "organisation").get(
        organisation__code="P24", framework__fiscal_year__year=2566
    )
    client = Client()
    client.force_login(get_user_model().objects.get(username="ccs.coord"))
    template = proposal.kpis.order_by("order").last()
    assert template is not None
    print("kpis\tpage queries\tpage ms\tapi queries\tapi ms")
    with transaction.atomic():
        added = 0
        for target in (0, 44, 300):
            extra = [
                Kpi(
                    proposal=proposal,
                    framework=proposal.framework,
                    organisation=proposal.organisation,
                    code=f"BENCH-{added + i:03d}",
                    order=100 + added + i,
                    name_th=f"ตัวชี้วัดทดสอบ {added + i}",
                    component=template.component,
                    weight=Decimal(0),
                    targets=list(template.targets),
                    is_monitor=True,
                )
                for i in range(target - added)
            ]
            Kpi.objects.bulk_create(extra)
            added = target
            n = proposal.kpis.count()
            pq, pt = measure(client, f"/proposals/{proposal.pk}/")
            aq, at = measure(client, f"/api/v1/proposals/{proposal.pk}")
            print(f"{n}\t{pq}\t{pt * 1000:.0f}\t{aq}\t{at * 1000:.0f}")
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
