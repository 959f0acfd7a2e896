"""Queries per meeting page as the agenda grows, and the time to record one resolution that
approves N change requests (each making a new KPI version).

Run: .venv/bin/python benchmarks/bench_committees.py [--items 30]
With DATABASE_URL set (as `make bench` does) it uses that demo database and rolls everything back;
without it, it builds its own SQLite database with the demo world in a temporary directory (~30 s).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=30)
    args = parser.parse_args()
    fresh = "DATABASE_URL" not in os.environ
    if fresh:
        tmp = tempfile.mkdtemp(prefix="govkpi-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        os.environ["GOVKPI_VAR_DIR"] = tmp
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govkpi.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction

    if fresh:
        call_command("migrate", verbosity=0)
        call_command("loaddemo", verbosity=0)
    settings.ALLOWED_HOSTS = ["*"]
    with transaction.atomic():
        measure(args.items)
        transaction.set_rollback(True)  # leave the demo database as it was


def measure(items: int) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from govkpi.frameworks.models import Round
    from govkpi.kpis.choices import ChangeKind, ChangeState
    from govkpi.kpis.models import ChangeRequest, Kpi
    from govkpi.reviews import services
    from govkpi.reviews.models import AgendaItem, Committee, Meeting

    secretary = get_user_model().objects.get(username="committee.secretary")
    client = Client()
    client.force_login(secretary, backend="django.contrib.auth.backends.ModelBackend")
    meeting = Meeting.objects.create(
        committee=Committee.objects.get(code="OPDC-SUB"), number=99, year_be=2566, held_on="2023-09-30"
    )
    kpis = list(
        Kpi.objects.filter(
            framework__fiscal_year__year=2566, framework__group="provinces", is_monitor=False, versions__number=1
        )
        .exclude(change_requests__state=ChangeState.SUBMITTED)
        .select_related("organisation", "framework")
        .order_by("pk")[:items]
    )
    round12 = {k.framework_id: Round.objects.get(framework=k.framework, months=12) for k in kpis}

    def page_queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/meetings/{meeting.pk}/").status_code == 200
        return len(ctx.captured_queries)

    crs = []
    for n, kpi in enumerate(kpis, start=1):
        cr = ChangeRequest.objects.create(
            organisation=kpi.organisation,
            framework=kpi.framework,
            kpi=kpi,
            round=round12[kpi.framework_id],
            kind=ChangeKind.TARGET,
            level="province",
            reason_th="benchmark",
            proposed={"targets": list(kpi.targets)},
        )
        crs.append(cr)
        item = AgendaItem.objects.create(meeting=meeting, order=n, title_th=f"วาระ {n}")
        item.change_requests.set([cr])
        if n in (1, len(kpis)):
            print(f"meeting page with {n:>3} agenda items: {page_queries()} queries")
    big = AgendaItem.objects.create(meeting=meeting, order=len(kpis) + 1, title_th="ทุกคำขอ")
    for cr in crs:
        cr.agenda_items.clear()
    big.change_requests.set(crs)
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as ctx:
        services.resolution_record(by=secretary, agenda_item=big, decision="approve", text_th="เห็นชอบ")
    took = time.perf_counter() - start
    made = sum(1 for cr in crs if cr.kpi.versions.count() == 2)  # type: ignore[union-attr]
    print(
        f"one เห็นชอบ resolution approving {len(crs)} change requests: {took * 1000:.0f} ms, {len(ctx.captured_queries)} queries ({made} versions made)"
    )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
