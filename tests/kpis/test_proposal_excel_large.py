"""A 300-KPI proposal file (the size benchmarks/bench_proposal_import.py times) imports whole."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from openpyxl import load_workbook

from govkpi.basket.models import BasketKpi
from govkpi.core.errors import Invalid
from govkpi.kpis.excel import KPI_SHEET, proposal_export_xlsx
from govkpi.kpis.importing import proposal_import
from govkpi.kpis.models import Kpi, Proposal

pytestmark = pytest.mark.django_db


def three_hundred_kpis(proposal: Proposal) -> bytes:
    """The proposal's 5 scored KPIs plus 295 Monitor KPIs picked from the Basket."""
    wb = load_workbook(io.BytesIO(proposal_export_xlsx(proposal)))
    ws = wb[KPI_SHEET]
    headers = {c.value: c.column for c in ws[1]}
    template = [c.value for c in ws[2]]
    entries = list(BasketKpi.objects.filter(group="agencies").order_by("code"))
    for n in range(295):
        entry = entries[n % len(entries)]
        row = ws.max_row + 1
        for column, value in enumerate(template, start=1):
            ws.cell(row, column).value = value
        targets = [float(t) for t in entry.recommended_for(3) or []]
        for header, value in {
            "รหัสตัวชี้วัด": f"CDD-66-M{n + 1:03d}",
            "ชื่อตัวชี้วัด": entry.name_th,
            "รหัส KPI Basket": entry.code,
            "น้ำหนัก (ร้อยละ)": 0,
            "ตัวชี้วัด Monitor": "ใช่",
            "ขั้นต้น": targets[0],
            "มาตรฐาน": targets[1],
            "ขั้นสูง": targets[2],
            "ทิศทาง": entry.get_direction_display(),
            "ความเชื่อมโยงกับแผน (รหัส)": "MP16",
            # Left blank: a row picked from the Basket takes the entry's template (it may not differ).
            "คำอธิบาย": None,
            "สูตรการคำนวณ": None,
            "หน่วยวัด": None,
            "ลักษณะการวัด": None,
            "หลักฐานประกอบ": None,
        }.items():
            ws.cell(row, headers[header]).value = value
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_a_300_kpi_file_imports_whole_with_history_and_round_trips(user_of: Callable[[str], Any]) -> None:
    proposal = Proposal.objects.get(framework__fiscal_year__year=2566, organisation__code="CDD")
    summary = proposal_import(by=user_of("cdd_coordinator"), data=three_hundred_kpis(proposal), proposal=proposal)
    assert (summary.created, summary.unchanged) == (295, 5)
    assert proposal.kpis.count() == 300
    assert proposal.kpis.filter(is_monitor=True).count() == 295
    assert Kpi.plan_links.through.objects.filter(kpi__proposal=proposal, plannode__code="MP16").count() >= 295
    created = Kpi.history.filter(proposal_id=proposal.pk, code__startswith="CDD-66-M", history_type="+")  # type: ignore[attr-defined]
    assert created.count() == 295 and {h.history_user for h in created} == {user_of("cdd_coordinator")}
    proposal.refresh_from_db()
    again = proposal_import(by=user_of("cdd_coordinator"), data=proposal_export_xlsx(proposal), proposal=proposal)
    assert again.unchanged == 300


def test_one_bad_row_among_300_saves_nothing(user_of: Callable[[str], Any]) -> None:
    proposal = Proposal.objects.get(framework__fiscal_year__year=2566, organisation__code="CDD")
    wb = load_workbook(io.BytesIO(three_hundred_kpis(proposal)))
    ws = wb[KPI_SHEET]
    ws.cell(250, next(c.column for c in ws[1] if c.value == "ขั้นต้น")).value = "ห้าสิบ"
    buffer = io.BytesIO()
    wb.save(buffer)
    with pytest.raises(Invalid) as exc:
        proposal_import(by=user_of("cdd_coordinator"), data=buffer.getvalue(), proposal=proposal)
    assert [p["message"] for p in exc.value.problems] == ["แถว 250 คอลัมน์ ขั้นต้น: ต้องเป็นตัวเลข"]
    assert proposal.kpis.count() == 5
