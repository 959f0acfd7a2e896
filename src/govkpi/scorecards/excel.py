"""The scorecard as an Excel workbook: one row per KPI under a frozen Thai header, then the
component scores, the total and the band; a second sheet says whose scorecard it is.

A small local writer: the shared `govkpi.core.excel` helpers were not on main yet when this
was written; swap them in when they are.
"""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from govkpi.core.excel_safety import append_row
from govkpi.core.numbers import excel_format
from govkpi.core.thaidates import format_datetime
from govkpi.scorecards.present import ScorecardView

HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")
HEADER_FONT = Font(bold=True, color="FFFFFF", name="TH Sarabun New")
BOLD = Font(bold=True)


def _number(value: Decimal | None) -> float | int | None:
    """openpyxl writes floats; Decimal values this short survive the trip exactly."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def scorecard_workbook(view: ScorecardView) -> bytes:
    card = view.card
    levels = [t.level for t in view.rows[0].targets] if view.rows else []
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "ผลการประเมิน"
    headers = [
        "องค์ประกอบ",
        "รหัส",
        "ตัวชี้วัด",
        "ตัวชี้วัด Monitor",
        "หน่วยวัด",
        "น้ำหนัก (ร้อยละ)",
        *[f"ค่าเป้าหมาย{level}" for level in levels],
        "ผลการดำเนินงาน",
        "คะแนน",
        "คะแนนถ่วงน้ำหนัก",
        "หมายเหตุ",
        "คำอธิบายการคำนวณ",
    ]
    append_row(sheet, headers)
    for cell in sheet[1]:
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    sheet.freeze_panes = "A2"
    first_target = 7
    result_col = first_target + len(levels)
    for block in view.components:
        for row in block.rows:
            definition = row.line.definition
            notes = []
            if row.monitor:
                notes.append("ไม่นำมาคิดคะแนน")
            if row.score is not None and row.score.missing:
                notes.append("ยังไม่มีผลการดำเนินงาน")
            if row.verified:
                notes.append("ค่าที่ผ่านการตรวจสอบ")
            append_row(
                sheet,
                [
                    block.component.name_th,
                    row.code,
                    definition.name_th,
                    "ใช่" if row.monitor else "",
                    definition.unit_th,
                    _number(row.line.input.weight),
                    *[_number(t.value) for t in row.targets],
                    _number(row.value),
                    _number(row.score.points) if row.score else None,
                    _number(row.score.weighted) if row.score else None,
                    ", ".join(notes),
                    row.explanation_th,
                ],
            )
            r = sheet.max_row
            for c in range(6, result_col + 1):
                sheet.cell(r, c).number_format = excel_format(sheet.cell(r, c).value, "value")
            for c in (result_col + 1, result_col + 2):
                sheet.cell(r, c).number_format = excel_format(sheet.cell(r, c).value, "points")
    append_row(sheet, [])
    for block in view.components:
        append_row(sheet, [f"คะแนน{block.component.name_th}", None, None, None, None, _number(block.component.weight)])
        r = sheet.max_row
        sheet.cell(r, result_col + 2, _number(block.score)).number_format = excel_format(block.score, "points")
        sheet.cell(r, 6).number_format = excel_format(block.component.weight, "value")
    append_row(sheet, ["คะแนนรวม"])
    total_row = sheet.max_row
    sheet.cell(total_row, result_col + 2, _number(view.total)).number_format = excel_format(view.total, "total")
    sheet.cell(total_row, 1).font = sheet.cell(total_row, result_col + 2).font = BOLD
    if view.monitoring_only:
        band = "ไม่จัดระดับ (ปีที่ติดตามผลเท่านั้น)"
    elif view.recomputing:
        band = "คะแนนกำลังคำนวณใหม่"
    elif not view.scored and not view.problems:
        band = "ยังไม่มีผลการดำเนินงานที่ผ่านการตรวจสอบ"
    elif not view.scored:
        band = "คำนวณไม่ได้: " + "; ".join(p.message_th for p in view.problems)
    else:
        band = view.band_name or ""
    append_row(sheet, ["ระดับผลการประเมิน", band])
    widths = [22, 14, 60, 10, 14, 12, *[14] * len(levels), 14, 12, 14, 26, 80]
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width

    about = workbook.create_sheet("ข้อมูลทั่วไป")
    for label, value in [
        ("ส่วนราชการ", card.organisation.name_th),
        ("รหัส", card.organisation.code),
        ("กรอบการประเมิน", card.framework.name_th),
        ("ปีงบประมาณ", card.framework.fiscal_year.year),
        ("รอบการประเมิน", card.round.name_th),
        ("เผยแพร่แล้ว", "ใช่" if card.framework.is_published else "ยังไม่เผยแพร่"),
        ("จัดทำเมื่อ", format_datetime(timezone.now())),
    ]:
        append_row(about, [label, value])
    about.column_dimensions["A"].width = 20
    about.column_dimensions["B"].width = 70
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
