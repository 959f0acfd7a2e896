"""How long the FY2565 committee summary (PDF, xlsx) and a meeting pack take to build on the demo.

Run against a database with the demo loaded (`govkpi migrate && govkpi loaddemo`):
    .venv/bin/python benchmarks/bench_reports.py [--repeat 3] [--meeting PK]
"Cold" is the first build in a fresh process: it includes importing WeasyPrint and building
PyThaiNLP's word dictionary, which a long-lived task worker pays once. "Warm" is the median of
the following builds. Queries are counted for the data part (the selector) only.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govkpi.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from govkpi.reports.documents import summary_pdf, summary_xlsx  # noqa: E402
from govkpi.reports.management.commands.report import SYSTEM_VIEWER  # noqa: E402
from govkpi.reports.meeting_pack import meeting_pack, meeting_pack_pdf  # noqa: E402
from govkpi.reports.summary import committee_summary  # noqa: E402
from govkpi.reviews.models import Meeting  # noqa: E402


def timed(label: str, build: Callable[[], object], repeat: int) -> None:
    times = []
    for _ in range(repeat + 1):
        started = time.perf_counter()
        build()
        times.append(time.perf_counter() - started)
    warm = statistics.median(times[1:]) if repeat else times[0]
    print(f"{label:<42} cold {times[0]:6.2f} s   warm {warm:6.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--meeting", type=int, default=0, help="meeting id (default: the one with most agenda items)")
    args = parser.parse_args()

    with CaptureQueriesContext(connection) as queries:
        committee_summary(viewer=SYSTEM_VIEWER, year=2565, group="agencies")
    print(f"committee summary data: {len(queries)} queries")

    def summary() -> object:
        return committee_summary(viewer=SYSTEM_VIEWER, year=2565, group="agencies")

    timed("FY2565 agencies committee summary (data)", summary, args.repeat)
    timed("FY2565 agencies committee summary PDF", lambda: summary_pdf(summary()), args.repeat)
    timed("FY2565 agencies committee summary xlsx", lambda: summary_xlsx(summary()), args.repeat)
    meeting_id = args.meeting or max(Meeting.objects.all(), key=lambda m: m.agenda_items.count()).pk
    timed(
        f"meeting pack PDF (meeting {meeting_id})",
        lambda: meeting_pack_pdf(meeting_pack(viewer=SYSTEM_VIEWER, meeting_id=meeting_id)),
        args.repeat,
    )


if __name__ == "__main__":
    main()
