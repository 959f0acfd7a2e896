"""An organisation's proposal as an Excel template: the framework's rules, and one row per KPI.

The file the system exports is the file it imports (`kpis.importing`): the rules sheet carries
the proposal's identity (year, group, organisation) and its `lock_version`, so an import of a
stale file is refused instead of silently overwriting someone's later edits.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from django.db import models
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from govkpi.core.choices import thai, thai_choices
from govkpi.core.excel import BODY_FONT, HEADER_FONT, TITLE_FONT, Column, Sheet, write_sheet
from govkpi.core.excel_safety import text_cell
from govkpi.core.thaidates import format_date
from govkpi.frameworks.choices import Direction, Measure
from govkpi.frameworks.models import Framework
from govkpi.frameworks.selectors import ladder_of
from govkpi.kpis.choices import KpiType, Origin, ProposalState, Support
from govkpi.kpis.models import Kpi, Proposal

RULES_SHEET = "กรอบการประเมิน"
KPI_SHEET = "ตัวชี้วัด"
YES, NO = "ใช่", "ไม่ใช่"

#: Labels of the identity cells on the rules sheet (column A), read back on import (column B).
ID_YEAR = "ปีงบประมาณ (พ.ศ.)"
ID_GROUP = "กลุ่มการประเมิน (รหัส)"
ID_ORG = "ส่วนราชการ/จังหวัด (รหัส)"
ID_LOCK = "ฉบับที่ของข้อเสนอ (ห้ามแก้ไข)"
#: The label files exported before it was worded in Thai only; still read on import.
ID_LOCK_LEGACY = "ฉบับของข้อเสนอ (lock_version) ห้ามแก้ไข"


@dataclass(frozen=True)
class KpiCol:
    header: str
    width: float
    field: str
    kind: str = "text"  # text, wrap, decimal
    index: int = 0  # target level


def kpi_columns(framework: Framework) -> list[KpiCol]:
    """The KPI sheet's columns; one target column per level of this framework's ladder, headed by
    the level's Thai name (the import reads them back by that name)."""
    levels = ladder_of(framework)
    cols = [
        KpiCol("องค์ประกอบ (รหัส)", 14, "component"),
        KpiCol("รหัสตัวชี้วัด", 14, "code"),
        KpiCol("ชื่อตัวชี้วัด", 60, "name_th", "wrap"),
        KpiCol("ที่มา", 22, "origin"),
        KpiCol("รหัส KPI Basket", 12, "basket"),
        KpiCol("ประเภทตัวชี้วัด", 16, "kpi_type"),
        KpiCol("น้ำหนัก (ร้อยละ)", 10, "weight", "decimal"),
    ]
    cols += [KpiCol(level.name_th, 12, "targets", "decimal", level.index) for level in levels]
    cols += [
        KpiCol("ทิศทาง", 14, "direction"),
        KpiCol("หน่วยวัด", 12, "unit_th"),
        KpiCol("ลักษณะการวัด", 18, "measure"),
        KpiCol("ตัวชี้วัด Monitor", 10, "is_monitor"),
        KpiCol("ความเชื่อมโยงกับแผน (รหัส)", 20, "plan_links"),
        KpiCol("การสนับสนุนเป้าหมายแผนระดับชาติ", 22, "support"),
        KpiCol("ค่าเป้าหมายตามแผนระดับชาติ", 30, "national_target_th", "wrap"),
        KpiCol("ค่าเป้าหมายตามแผน (ตัวเลข)", 12, "national_target_value", "decimal"),
        KpiCol("เหตุผลกรณีค่าเป้าหมายต่ำกว่าแผน", 30, "below_plan_reason_th", "wrap"),
        KpiCol("คำอธิบาย", 40, "definition_th", "wrap"),
        KpiCol("สูตรการคำนวณ", 30, "formula_th", "wrap"),
        KpiCol("แหล่งข้อมูล", 24, "data_source_th", "wrap"),
        KpiCol("ผู้รับผิดชอบ", 24, "responsible_th", "wrap"),
        KpiCol("หลักฐานประกอบ", 24, "evidence_th", "wrap"),
    ]
    return cols


#: The choices whose Thai labels the workbook writes and reads.
CHOICES: dict[str, type[models.Choices]] = {
    "origin": Origin,
    "kpi_type": KpiType,
    "direction": Direction,
    "measure": Measure,
    "support": Support,
}


def _labels(field: str) -> dict[str, str]:
    return dict(thai_choices(CHOICES[field]))


def _value(kpi: Kpi, col: KpiCol) -> object:
    if col.field == "component":
        return kpi.component.code
    if col.field == "basket":
        return kpi.basket.code if kpi.basket_id and kpi.basket else ""
    if col.field in CHOICES:
        raw = getattr(kpi, col.field)
        return _labels(col.field).get(raw, raw)
    if col.field == "weight":
        return kpi.weight
    if col.field == "targets":
        values = kpi.target_values()
        return values[col.index] if col.index < len(values) else None
    if col.field == "is_monitor":
        return YES if kpi.is_monitor else NO
    if col.field == "plan_links":
        return ", ".join(sorted(p.code for p in kpi.plan_links.all()))
    return getattr(kpi, col.field)


def proposal_kpis(proposal: Proposal) -> list[Kpi]:
    return list(
        proposal.kpis.filter(is_removed=False)
        .select_related("component", "basket")
        .prefetch_related("plan_links")
        .order_by("order", "code")
    )


def _dropdown(ws: Worksheet, col_index: int, options: list[str], rows: int) -> None:
    listed = ",".join(options)
    if not options or len(listed) > 250 or any("," in o or '"' in o for o in options):
        return
    validation = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True)
    validation.error = "เลือกจากรายการ"
    ws.add_data_validation(validation)
    letter = get_column_letter(col_index)
    validation.add(f"{letter}2:{letter}{rows + 300}")


def _rules_sheet(ws: Worksheet, proposal: Proposal) -> None:
    framework = proposal.framework
    ws.title = RULES_SHEET
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 50
    for letter in "CDE":
        ws.column_dimensions[letter].width = 14
    row = 1
    text_cell(ws, row, 1, f"{framework.name_th} · {proposal.organisation.name_th}").font = TITLE_FONT

    def pair(label: str, value: Any) -> None:
        nonlocal row
        row += 1
        text_cell(ws, row, 1, label).font = HEADER_FONT
        text_cell(ws, row, 2, value).font = BODY_FONT

    row += 1
    pair(ID_YEAR, framework.fiscal_year.year)
    pair(ID_GROUP, framework.group)
    pair(ID_ORG, proposal.organisation.code)
    pair(ID_LOCK, proposal.lock_version)
    pair("ชื่อส่วนราชการ/จังหวัด", proposal.organisation.name_th)
    pair("สถานะข้อเสนอ", thai(ProposalState(proposal.state).label))
    pair("กำหนดส่งข้อเสนอ", format_date(framework.proposal_deadline) if framework.proposal_deadline else "–")
    pair("คะแนนเมื่อผลต่ำกว่าค่าเป้าหมายขั้นแรก", framework.below_lowest_points)
    pair("ประเมินเพื่อติดตามเท่านั้น (ไม่จัดระดับ)", YES if framework.monitoring_only else NO)
    row += 2
    text_cell(ws, row, 1, "องค์ประกอบ").font = TITLE_FONT
    row += 1
    for col, title in enumerate(("ชื่อองค์ประกอบ", "รหัส", "น้ำหนัก (ร้อยละ)", "จำนวนตัวชี้วัดขั้นต่ำ", "จำนวนตัวชี้วัดสูงสุด"), start=1):
        text_cell(ws, row, col, title).font = HEADER_FONT
    for c in sorted(framework.components.all(), key=lambda c: c.order):
        row += 1
        cells: tuple[Any, ...] = (c.name_th, c.code, c.weight, c.min_kpis, c.max_kpis)
        for col, value in enumerate(cells, start=1):
            text_cell(ws, row, col, value).font = BODY_FONT
    row += 2
    text_cell(ws, row, 1, "ค่าเป้าหมาย (ลำดับขั้นและคะแนน)").font = TITLE_FONT
    row += 1
    text_cell(ws, row, 1, "ขั้น").font = HEADER_FONT
    text_cell(ws, row, 2, "คะแนน").font = HEADER_FONT
    for level in ladder_of(framework):
        row += 1
        text_cell(ws, row, 1, level.name_th).font = BODY_FONT
        text_cell(ws, row, 2, level.points).font = BODY_FONT
    row += 2
    notes = (
        "ตัวชี้วัดที่ใช้ประเมินในแต่ละองค์ประกอบ น้ำหนักรวมต้องเท่ากับน้ำหนักขององค์ประกอบ",
        "ตัวชี้วัด Monitor รายงานผลแต่ไม่นำมาคิดคะแนน (น้ำหนัก 0 ได้)",
        "ค่าเป้าหมายต้องเรียงตามขั้น: ยิ่งมากยิ่งดีต้องเพิ่มขึ้น ยิ่งน้อยยิ่งดีต้องลดลง",
        "เลือกจาก KPI Basket ให้ระบุรหัส KPI Basket; ตัวชี้วัดที่เสนอเพิ่มเติมให้เว้นว่าง",
        "นำเข้าแล้วตัวชี้วัดของข้อเสนอจะถูกแทนที่ด้วยแถวในไฟล์ทั้งหมด หากมีข้อผิดพลาดจะไม่บันทึกข้อมูลใดเลย",
    )
    text_cell(ws, row, 1, "หมายเหตุ").font = TITLE_FONT
    for note in notes:
        row += 1
        text_cell(ws, row, 1, f"• {note}").font = BODY_FONT


def proposal_export_xlsx(proposal: Proposal) -> bytes:
    """The proposal's template: its rules, and its KPIs ready to edit and import back."""
    framework = proposal.framework
    columns = kpi_columns(framework)
    kpis = proposal_kpis(proposal)
    wb = Workbook()
    rules = wb.active
    assert rules is not None
    _rules_sheet(rules, proposal)
    ws = wb.create_sheet(KPI_SHEET)
    write_sheet(
        ws,
        Sheet(
            name=KPI_SHEET,
            columns=[Column(c.header, c.width, c.kind) for c in columns],  # type: ignore[arg-type]
            rows=[[_value(k, c) for c in columns] for k in kpis],
        ),
    )
    components = [c.code for c in sorted(framework.components.all(), key=lambda c: c.order)]
    for index, col in enumerate(columns, start=1):
        if col.field == "component":
            _dropdown(ws, index, components, len(kpis))
        elif col.field in CHOICES:
            _dropdown(ws, index, list(_labels(col.field).values()), len(kpis))
        elif col.field == "is_monitor":
            _dropdown(ws, index, [YES, NO], len(kpis))
    wb.active = 1
    wb.properties.title = f"{framework.name_th} · {proposal.organisation.name_th}"
    wb.properties.creator = "govkpi"
    wb.properties.language = "th-TH"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def proposal_filename(proposal: Proposal) -> str:
    return f"ข้อเสนอตัวชี้วัด-{proposal.organisation.code}-{proposal.framework.fiscal_year.year}.xlsx"
