from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from openpyxl import load_workbook
from openpyxl.workbook import Workbook

from govkpi.basket.excel import HEADERS, TARGET_HEADER_RE, basket_export_xlsx, basket_import
from govkpi.basket.models import BasketKpi
from govkpi.core.errors import Invalid, NotAllowed
from govkpi.core.numbers import excel_format

pytestmark = pytest.mark.django_db


def history_rows() -> int:
    return BasketKpi.history.count()  # type: ignore[attr-defined,no-any-return]


def workbook() -> Workbook:
    return load_workbook(io.BytesIO(basket_export_xlsx()))


def column(wb: Workbook, header: str) -> int:
    ws = wb["KPI Basket"]
    return next(c.column for c in ws[1] if c.value == header)


def row_of(wb: Workbook, code: str) -> int:
    ws = wb["KPI Basket"]
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == code)


def save(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_the_export_has_every_entry_under_a_frozen_thai_header() -> None:
    wb = workbook()
    ws = wb["KPI Basket"]
    assert ws.freeze_panes == "A2"
    assert [c.value for c in ws[1]][:3] == ["รหัส", "กลุ่ม", "ชื่อตัวชี้วัด"]
    assert ws.max_row - 1 == BasketKpi.objects.count()
    assert ws.column_dimensions["C"].width >= 40
    target = ws.cell(row_of(wb, "B65-001"), column(wb, "ค่าเป้าหมาย 3 ขั้น ขั้นที่ 2"))
    assert isinstance(target.value, int | float) and target.number_format == excel_format(target.value, "value")
    year = ws.cell(row_of(wb, "B65-001"), column(wb, "ข้อมูลพื้นฐาน ปีที่ 1 (พ.ศ.)"))
    assert year.value == 2562 and year.number_format == "0"
    assert ws.cell(row_of(wb, "B65-001"), column(wb, "ทิศทาง")).value in {"ยิ่งมากยิ่งดี", "ยิ่งน้อยยิ่งดี"}


def test_importing_the_export_changes_nothing(user_of: Callable[[str], Any]) -> None:
    before = {k.code: (k.name_th, k.baseline, k.recommended_targets) for k in BasketKpi.objects.all()}
    rows = history_rows()
    summary = basket_import(by=user_of("opdc_admin"), data=basket_export_xlsx())
    assert (summary.created, summary.updated) == (0, 0)
    assert summary.unchanged == len(before)
    assert history_rows() == rows
    assert {k.code: (k.name_th, k.baseline, k.recommended_targets) for k in BasketKpi.objects.all()} == before


def test_the_import_creates_new_codes_and_updates_known_ones(user_of: Callable[[str], Any]) -> None:
    wb = workbook()
    ws = wb["KPI Basket"]
    ws.cell(row_of(wb, "B65-002"), column(wb, "หน่วยวัด")).value = "ครั้งต่อปี"
    new = ws.max_row + 1
    for header, value in {
        "รหัส": "N66-001",
        "กลุ่ม": "ส่วนราชการ",
        "ชื่อตัวชี้วัด": "จำนวนนวัตกรรมบริการที่นำไปใช้จริง",
        "ด้าน": "ด้านเศรษฐกิจ",
        "ทิศทาง": "ยิ่งมากยิ่งดี",
        "ค่าเป้าหมาย 3 ขั้น ขั้นที่ 1": 1,
        "ค่าเป้าหมาย 3 ขั้น ขั้นที่ 2": 2,
        "ค่าเป้าหมาย 3 ขั้น ขั้นที่ 3": 3,
        "ความเชื่อมโยงกับแผน (รหัส)": "MP20, MP01",
    }.items():
        ws.cell(new, column(wb, header)).value = value
    summary = basket_import(by=user_of("opdc_admin"), data=save(wb))
    assert (summary.created, summary.updated) == (1, 1)
    assert BasketKpi.objects.get(code="B65-002").unit_th == "ครั้งต่อปี"
    created = BasketKpi.objects.get(code="N66-001")
    assert created.domain == "economy" and created.recommended_targets == [["1", "2", "3"]]
    assert sorted(p.code for p in created.plan_links.all()) == ["MP01", "MP20"]
    assert created.history.first().history_user == user_of("opdc_admin")


def test_every_row_error_names_its_row_and_column_in_thai_and_nothing_is_saved(
    user_of: Callable[[str], Any],
) -> None:
    wb = workbook()
    ws = wb["KPI Basket"]
    r1, r2, r3 = row_of(wb, "B65-001"), row_of(wb, "B65-002"), row_of(wb, "B65-003")
    ws.cell(r1, column(wb, "หน่วยวัด")).value = "เปลี่ยนแล้ว"  # a valid change that must not be saved
    ws.cell(r2, column(wb, "ทิศทาง")).value = "ขึ้นลง"
    ws.cell(r2, column(wb, "ค่าเป้าหมาย 3 ขั้น ขั้นที่ 3")).value = "สูงมาก"
    ws.cell(r3, column(wb, "ความเชื่อมโยงกับแผน (รหัส)")).value = "XX99"
    ws.cell(r3, column(wb, "สถานะ")).value = "หายไป"
    ws.cell(r3, column(wb, "ชื่อตัวชี้วัด")).value = None
    ws.cell(r3, column(wb, "ข้อมูลพื้นฐาน ปีที่ 1 (พ.ศ.)")).value = "ปีก่อน"
    ws.cell(r3, column(wb, "ประเภทส่วนราชการที่ใช้ได้ (รหัส)")).value = "ดาวอังคาร"
    ws.cell(r3, column(wb, "ส่วนราชการเจ้าของตัวชี้วัด (รหัส)")).value = "ZZZ"
    dup = ws.max_row + 1
    ws.cell(dup, 1).value = "B65-001"
    ws.cell(dup, column(wb, "ชื่อตัวชี้วัด")).value = "ซ้ำ"
    bad_code = dup + 1
    ws.cell(bad_code, 1).value = "รหัสไทย"
    ws.cell(bad_code, column(wb, "ชื่อตัวชี้วัด")).value = "รหัสไม่ถูกต้อง"
    count, rows = BasketKpi.objects.count(), history_rows()
    with pytest.raises(Invalid) as exc:
        basket_import(by=user_of("opdc_admin"), data=save(wb))
    messages = [p["message"] for p in exc.value.problems]
    expected = [
        f"แถว {r2} คอลัมน์ ทิศทาง: ",
        f"แถว {r2} คอลัมน์ ค่าเป้าหมายที่แนะนำ: ค่าเป้าหมายขั้นที่ 3 ต้องเป็นตัวเลข",
        f"แถว {r3} คอลัมน์ ความเชื่อมโยงกับแผน (รหัส): ไม่พบรหัสแผน XX99",
        f"แถว {r3} คอลัมน์ สถานะ: ",
        f"แถว {r3} คอลัมน์ ชื่อตัวชี้วัด: ต้องระบุ",
        f"แถว {r3} คอลัมน์ ข้อมูลพื้นฐาน: ปีที่ 1 ต้องเป็นปี พ.ศ.",
        f"แถว {r3} คอลัมน์ ประเภทส่วนราชการที่ใช้ได้ (รหัส): ",
        f"แถว {r3} คอลัมน์ ส่วนราชการเจ้าของตัวชี้วัด (รหัส): ",
        f"แถว {dup} คอลัมน์ รหัส: รหัส B65-001 ซ้ำกับแถว {r1}",
        f"แถว {bad_code} คอลัมน์ รหัส: ",
    ]
    for start in expected:
        assert any(m.startswith(start) for m in messages), (start, messages)
    assert all(p["message_en"].startswith("Row ") for p in exc.value.problems)
    assert BasketKpi.objects.count() == count and history_rows() == rows
    assert BasketKpi.objects.get(code="B65-001").unit_th != "เปลี่ยนแล้ว"


def test_a_file_that_is_not_excel_is_refused_clearly(user_of: Callable[[str], Any]) -> None:
    with pytest.raises(Invalid) as exc:
        basket_import(by=user_of("opdc_admin"), data=b"not a workbook")
    assert "ไม่ใช่ไฟล์ Excel" in exc.value.message_th


def test_only_opdc_imports(user_of: Callable[[str], Any]) -> None:
    with pytest.raises(NotAllowed):
        basket_import(by=user_of("cdd_coordinator"), data=basket_export_xlsx())


def test_the_upload_page_runs_a_job_and_shows_its_result(client_as: Callable[[str], Client]) -> None:
    client = client_as("opdc_admin")
    export = client.get("/basket/template.xlsx")
    assert export.status_code == 200 and export.content[:2] == b"PK"
    upload = io.BytesIO(export.content)
    upload.name = "basket.xlsx"
    response = client.post("/basket/import/", {"file": upload}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200 and "/jobs/" in response.redirect_chain[-1][0]
    assert "ไม่เปลี่ยนแปลง" in page


def test_the_api_import_answers_422_with_row_problems(client_as: Callable[[str], Client]) -> None:
    wb = workbook()
    wb["KPI Basket"].cell(2, column(wb, "ทิศทาง")).value = "ผิด"
    upload = io.BytesIO(save(wb))
    upload.name = "basket.xlsx"
    response = client_as("opdc_admin").post("/api/v1/basket/excel", {"file": upload})
    assert response.status_code == 422
    assert response.json()["problems"][0]["message"].startswith("แถว 2 คอลัมน์ ทิศทาง")
    assert client_as("cdd_coordinator").post("/api/v1/basket/excel", {"file": io.BytesIO(b"x")}).status_code == 403
    download = Client().get("/api/v1/basket/excel")
    assert download.status_code == 200 and download.content[:2] == b"PK"


def test_the_command_exports_and_exits_2_on_row_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "basket.xlsx"
    call_command("basket", "export", str(path))
    call_command("basket", "import", str(path))
    assert "ไม่เปลี่ยนแปลง" in capsys.readouterr().out
    wb = load_workbook(path)
    wb["KPI Basket"].cell(3, column(wb, "ลักษณะการวัด")).value = "เดา"
    wb.save(path)
    with pytest.raises(SystemExit) as exit_:
        call_command("basket", "import", str(path))
    assert exit_.value.code == 2
    assert "แถว 3 คอลัมน์ ลักษณะการวัด" in capsys.readouterr().err


def test_every_header_is_known() -> None:
    ws = workbook()["KPI Basket"]
    assert all(c.value in HEADERS or TARGET_HEADER_RE.match(c.value) for c in ws[1])
