"""The scorecard's Excel download, read back with openpyxl."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from io import BytesIO

from django.test import Client
from openpyxl import load_workbook

from govkpi.core.numbers import excel_format
from govkpi.frameworks.models import Round
from govkpi.results.models import OrganisationScore, Result

Report = Callable[..., Result]
URL = "/scorecards/MOF/2565/12/scorecard.xlsx"


def test_the_excel_download_holds_every_kpi_under_a_frozen_thai_header(
    client_as: Callable[[str], Client], round12: Round, report: Report
) -> None:
    report("MOF-65-03", round12, "101")
    report("MOF-65-07", round12, "60")
    response = client_as("mof_coordinator").get(URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "scorecard-MOF-2565-12.xlsx" in response["Content-Disposition"]
    workbook = load_workbook(BytesIO(response.content))
    sheet = workbook["ผลการประเมิน"]
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["องค์ประกอบ", "รหัส", "ตัวชี้วัด"]
    assert "ค่าเป้าหมายมาตรฐาน" in header and "คะแนนถ่วงน้ำหนัก" in header
    rows = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True) if str(row[1]).startswith("MOF-")}
    assert len(rows) == 7
    col = {name: i for i, name in enumerate(header)}
    kpi = rows["MOF-65-03"]
    assert kpi[col["ผลการดำเนินงาน"]] == 101
    assert kpi[col["คะแนน"]] == 87.5
    assert kpi[col["คะแนนถ่วงน้ำหนัก"]] == 13.125
    assert "อยู่ระหว่าง" in kpi[col["คำอธิบายการคำนวณ"]]
    assert "ยังไม่มีผลการดำเนินงาน" in rows["MOF-65-01"][col["หมายเหตุ"]]
    assert "ไม่นำมาคิดคะแนน" in rows["MOF-65-07"][col["หมายเหตุ"]]
    points_cell = sheet.cell(row=2, column=col["คะแนน"] + 1)
    assert points_cell.number_format == excel_format(points_cell.value, "points")  # as on the page
    labels = {row[0]: row for row in sheet.iter_rows(values_only=True) if row[0]}
    assert labels["คะแนนรวม"][col["คะแนนถ่วงน้ำหนัก"]] == 13.13
    assert labels["ระดับผลการประเมิน"][1] == "ระดับต้องปรับปรุง"
    about = {row[0]: row[1] for row in workbook["ข้อมูลทั่วไป"].iter_rows(values_only=True)}
    assert about["รหัส"] == "MOF" and about["รอบการประเมิน"] == "รอบ 12 เดือน"


def test_the_excel_download_is_refused_to_other_organisations(client_as: Callable[[str], Client]) -> None:
    assert client_as("cdd_coordinator").get(URL).status_code == 403


def test_the_excel_download_holds_the_stored_scores_the_page_shows(
    client_as: Callable[[str], Client], round12: Round, report: Report
) -> None:
    report("MOF-65-03", round12, "101")
    OrganisationScore.objects.filter(organisation__code="MOF", round=round12).update(total=Decimal("91.23"))
    Result.objects.filter(kpi__code="MOF-65-03", round=round12).update(points=Decimal("12.3456"))
    client = client_as("mof_coordinator")
    sheet = load_workbook(BytesIO(client.get(URL).content))["ผลการประเมิน"]
    header = [c.value for c in sheet[1]]
    col = {name: i for i, name in enumerate(header)}
    rows = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True) if str(row[1]).startswith("MOF-")}
    labels = {row[0]: row for row in sheet.iter_rows(values_only=True) if row[0]}
    assert rows["MOF-65-03"][col["คะแนน"]] == 12.3456
    assert labels["คะแนนรวม"][col["คะแนนถ่วงน้ำหนัก"]] == 91.23
    page = client.get("/scorecards/MOF/2565/12/").content.decode()
    assert 'data-testid="total">91.23<' in page and "12.3456" in page
