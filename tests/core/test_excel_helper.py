"""The shared .xlsx writer: Thai headers, frozen bold header row, formats, properties."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from openpyxl import load_workbook

from govkpi.core.excel import DATE_FORMAT_BE, Column, Sheet, table_xlsx, workbook_xlsx

COLUMNS = [
    Column("รหัส", 12),
    Column("ชื่อตัวชี้วัด", 60, "wrap"),
    Column("น้ำหนัก (ร้อยละ)", 12, "decimal"),
    Column("วันที่อนุมัติ", 14, "date"),
    Column("วันที่ส่ง", 14, "date_text"),
    Column("Monitor", 10, "bool"),
]
ROWS = [
    ("CDD-65-01", "ร้อยละของครัวเรือนที่ผ่านเกณฑ์ จปฐ.", Decimal("1234.5"), dt.date(2022, 10, 1), dt.date(2022, 10, 1), False),
    ("CDD-65-02", "ระดับความสำเร็จ\x07ของการพัฒนา", None, None, None, True),
]


def test_a_table_opens_in_openpyxl_with_a_title_row_and_a_frozen_bold_header() -> None:
    data = table_xlsx(columns=COLUMNS, rows=ROWS, sheet_name="ตัวชี้วัด/2565", title="ตัวชี้วัด ปีงบประมาณ พ.ศ. 2565")
    wb = load_workbook(io.BytesIO(data))
    ws = wb.active
    assert ws is not None
    assert ws.title == "ตัวชี้วัด 2565"
    assert ws["A1"].value == "ตัวชี้วัด ปีงบประมาณ พ.ศ. 2565"
    assert [c.value for c in ws[2]] == [c.header for c in COLUMNS]
    assert all(c.font.bold for c in ws[2])
    assert ws.freeze_panes == "A3"
    assert ws.column_dimensions["B"].width == 60
    assert wb.properties.title == "ตัวชี้วัด ปีงบประมาณ พ.ศ. 2565"
    assert wb.properties.creator == "govkpi"


def test_numbers_and_dates_keep_their_type_with_thai_formats() -> None:
    ws = load_workbook(io.BytesIO(table_xlsx(columns=COLUMNS, rows=ROWS, sheet_name="x"))).active
    assert ws is not None
    assert ws.freeze_panes == "A2"
    first = [c for c in ws[2]]
    assert first[2].value == 1234.5 and first[2].number_format == "#,##0.0"
    assert first[3].value == dt.datetime(2022, 10, 1) and first[3].number_format == DATE_FORMAT_BE
    assert first[4].value == "1 ต.ค. 2565"
    assert first[5].value == "ไม่ใช่"
    second = [c.value for c in ws[3]]
    assert second == ["CDD-65-02", "ระดับความสำเร็จของการพัฒนา", None, None, None, "ใช่"]


def test_several_sheets_go_into_one_workbook() -> None:
    data = workbook_xlsx(
        [Sheet("สรุป", [Column("รายการ")], [("ก",)]), Sheet("รายละเอียด", [Column("รายการ")], [("ข",), ("ค",)])],
        title="รายงาน",
    )
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["สรุป", "รายละเอียด"]
    assert wb["รายละเอียด"].max_row == 3
