"""How long importing 2,000 results from one Excel workbook takes (OPDC, all or nothing).

Inside one transaction that is rolled back at the end (the database is left as found), the
FY2565 agencies framework gets extra approved KPIs (copies of each organisation's own) until the
12-month round has 2,000 KPIs in force; the 6-month round (no demo results) is then exported as
the import template, every row is filled with a value, and `excel.import_results` is timed:
reading the workbook, validating every row, and writing 2,000 results with history.

Run against a database with the demo loaded (`govkpi migrate && govkpi loaddemo`):
    .venv/bin/python benchmarks/bench_results_import.py [--rows 2000]
"""

from __future__ import annotations

import argparse
import copy
import io
import os
import time


class Rollback(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=2000)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govkpi.settings")
    import django

    django.setup()
    import openpyxl
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from govkpi.frameworks.models import Framework
    from govkpi.kpis.models import Kpi, KpiVersion
    from govkpi.organisations.access import viewer_for
    from govkpi.results import excel
    from govkpi.results.models import Result

    framework = Framework.objects.get(fiscal_year__year=2565, group="agencies")
    round_ = framework.rounds.get(months=6)
    user = get_user_model().objects.get(username="opdc.admin")
    viewer = viewer_for(user)
    try:
        with transaction.atomic():
            originals = list(
                Kpi.objects.filter(framework=framework, proposal__state="approved")
                .order_by("pk")
                .prefetch_related("versions")
            )
            copies, n = [], len(originals)
            while n < args.rows:
                for original in originals:
                    if n >= args.rows:
                        break
                    versions = [copy.copy(v) for v in original.versions.all()]
                    kpi = copy.copy(original)
                    kpi.pk = None
                    kpi.id = None
                    kpi.code = f"{kpi.code}-X{n}"
                    kpi._state.adding = True
                    copies.append((kpi, versions))
                    n += 1
            Kpi.objects.bulk_create([k for k, _ in copies])
            new_versions = []
            for kpi, versions in copies:
                for v in versions:
                    v.pk = None
                    v.id = None
                    v.kpi = kpi
                    v._state.adding = True
                    new_versions.append(v)
            KpiVersion.objects.bulk_create(new_versions)
            Result.objects.filter(round=round_).delete()

            data = excel.template(viewer=viewer, framework=framework, round_=round_)
            wb = openpyxl.load_workbook(io.BytesIO(data))
            ws = wb.active
            assert ws is not None
            rows = 0
            for row in ws.iter_rows(min_row=2):
                targets = str(row[6].value).split(" / ")
                row[7].value = float(targets[len(targets) // 2])
                row[8].value = "ผลตามเป้าหมายมาตรฐาน (ข้อมูลทดสอบ)"
                rows += 1
            out = io.BytesIO()
            wb.save(out)
            started = time.perf_counter()
            count = excel.import_results(
                viewer=viewer, user=user, framework=framework, round_=round_, data=out.getvalue()
            )
            elapsed = time.perf_counter() - started
            assert count == rows == Result.objects.filter(round=round_).count()
            print(f"workbook rows: {rows:,} ({len(out.getvalue()):,} bytes)")
            print(f"import (read, validate every row, write with history): {elapsed:.2f} s")
            print(f"per result: {elapsed / rows * 1000:.2f} ms")
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
