"""How long importing a 300-KPI proposal from Excel takes (issue 4's closing figure).

Takes CDD's FY2566 draft from the demo (5 scored KPIs), adds 295 Monitor KPIs picked from the
KPI Basket to its exported template, and times `kpis.importing.proposal_import` on that file:
reading the workbook, checking every row and the whole proposal with the scoring validation, and
writing the KPIs with their history. Then it times importing the same file again (nothing changes).
Everything runs inside a transaction that is rolled back, so the database is left as it was.

    .venv/bin/govkpi migrate && .venv/bin/govkpi loaddemo     # once
    .venv/bin/python benchmarks/bench_proposal_import.py [--kpis 300]
"""

from __future__ import annotations

import argparse
import io
import os
import time


def build_file(kpis: int) -> tuple[bytes, int]:
    from openpyxl import load_workbook

    from govkpi.basket.models import BasketKpi
    from govkpi.kpis.excel import KPI_SHEET, proposal_export_xlsx
    from govkpi.kpis.models import Proposal

    proposal = Proposal.objects.get(framework__fiscal_year__year=2566, organisation__code="CDD")
    wb = load_workbook(io.BytesIO(proposal_export_xlsx(proposal)))
    ws = wb[KPI_SHEET]
    headers = {c.value: c.column for c in ws[1]}
    template = [c.value for c in ws[2]]
    entries = list(BasketKpi.objects.filter(group="agencies", is_retired=False).order_by("code"))
    for n in range(kpis - (ws.max_row - 1)):
        entry = entries[n % len(entries)]
        row = ws.max_row + 1
        for column, value in enumerate(template, start=1):
            ws.cell(row, column).value = value
        targets = [float(t) for t in entry.recommended_targets]
        values = {
            "รหัสตัวชี้วัด": f"CDD-66-M{n + 1:03d}",
            "ชื่อตัวชี้วัด": entry.name_th,
            "รหัส KPI Basket": entry.code,
            "น้ำหนัก (ร้อยละ)": 0,
            "ตัวชี้วัด Monitor": "ใช่",
            "ขั้นต้น": targets[0],
            "มาตรฐาน": targets[1],
            "ขั้นสูง": targets[2],
            "ทิศทาง": entry.get_direction_display(),
            "ความเชื่อมโยงกับแผน (รหัส)": ", ".join(p.code for p in entry.plan_links.all()),
            # Left blank: a row picked from the Basket takes the entry's template (it may not differ).
            "คำอธิบาย": None,
            "สูตรการคำนวณ": None,
            "หน่วยวัด": None,
            "ลักษณะการวัด": None,
            "หลักฐานประกอบ": None,
        }
        for header, value in values.items():
            ws.cell(row, headers[header]).value = value
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue(), proposal.pk


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kpis", type=int, default=300)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govkpi.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from govkpi.kpis.importing import proposal_import
    from govkpi.kpis.models import Proposal

    user = get_user_model().objects.get(username="cdd.coord")
    data, pk = build_file(args.kpis)

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            proposal = Proposal.objects.get(pk=pk)
            start = time.perf_counter()
            first = proposal_import(by=user, data=data, proposal=proposal)
            first_seconds = time.perf_counter() - start
            proposal.refresh_from_db()
            from govkpi.kpis.excel import proposal_export_xlsx

            again = proposal_export_xlsx(proposal)
            start = time.perf_counter()
            second = proposal_import(by=user, data=again, proposal=proposal)
            second_seconds = time.perf_counter() - start
            raise Rollback
    except Rollback:
        pass
    print(f"file: {args.kpis} KPIs, {len(data):,} bytes")
    print(f"import (created {first.created}, unchanged {first.unchanged}): {first_seconds:.2f} s")
    print(f"re-import of its export (unchanged {second.unchanged}): {second_seconds:.2f} s")


if __name__ == "__main__":
    main()
