"""The shared guard: what it refuses before openpyxl opens a file, and text that never becomes a formula."""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from govkpi.core import excel_safety
from govkpi.core.errors import Invalid
from govkpi.core.excel import Column, table_xlsx
from govkpi.core.excel_safety import check_xlsx, csv_text, open_xlsx, sheet_rows

INJECTIONS = ['=HYPERLINK("http://evil.example","คลิก")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)"]


def saved(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_a_zip_that_would_inflate_past_the_total_limit_is_refused_without_inflating_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(excel_safety, "MAX_UNCOMPRESSED", 2 * 1024 * 1024)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for index in range(3):  # text that barely compresses: the ratio alone would let it pass
            archive.writestr(f"xl/worksheets/sheet{index + 1}.xml", os.urandom(400 * 1024).hex())
    with pytest.raises(Invalid) as refused:
        check_xlsx(buffer.getvalue())
    assert "บีบอัดผิดปกติ" in refused.value.message_th and "ขยายได้ถึง 2 MB" in refused.value.message_th


def test_a_zip_without_a_workbook_inside_is_not_an_excel_file() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    with pytest.raises(Invalid) as refused:
        check_xlsx(buffer.getvalue())
    assert "ไม่ใช่ไฟล์ Excel (.xlsx)" in refused.value.message_th


def test_rows_are_counted_while_streaming_when_the_sheet_declares_no_size() -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for row in range(1, 52):
        ws.cell(row, 1).value = f"แถว {row}"
    data = saved(wb)
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                content = re.sub(rb"<dimension[^>]*/>", b"", content)
            target.writestr(item, content)
    sheet = open_xlsx(buffer.getvalue()).worksheets[0]
    assert sheet.max_row is None  # nothing declared: only counting can tell
    with pytest.raises(Invalid) as refused:
        list(sheet_rows(sheet, max_rows=10))
    assert "เกิน 10 แถว" in refused.value.message_th


@pytest.mark.parametrize("text", INJECTIONS)
def test_user_text_is_exported_as_text_never_as_a_formula(text: str) -> None:
    data = table_xlsx(
        columns=[Column("ชื่อตัวชี้วัด", 40), Column("ค่า", 10, "decimal")],
        rows=[(text, Decimal("-5"))],
        sheet_name="ตัวชี้วัด",
    )
    cell = load_workbook(io.BytesIO(data))["ตัวชี้วัด"]["A2"]
    assert cell.value == text and cell.data_type == "s"
    assert load_workbook(io.BytesIO(data))["ตัวชี้วัด"]["B2"].value == -5


@pytest.mark.parametrize("text", INJECTIONS)
def test_csv_text_cannot_start_a_formula_but_numbers_are_left_alone(text: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerow([csv_text(text), csv_text(Decimal("-5")), csv_text("ร้อยละ 80")])
    first, number, plain = next(csv.reader(io.StringIO(buffer.getvalue())))
    assert first == "'" + text and number == "-5" and plain == "ร้อยละ 80"
