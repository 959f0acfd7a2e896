"""Write tables to .xlsx the way Thai government offices expect them.

One helper for every export: Thai headers in a bold, frozen header row under an optional title
row, column widths, Buddhist-era dates (as Thai text, or as real dates shown with a Buddhist-era
number format so they still sort), Decimal amounts as "#,##0.00", workbook properties. Returns
bytes, so views, API endpoints, commands and background jobs all use it the same way. Text is always
written as text, so a KPI name like "=HYPERLINK(...)" never becomes a formula (`core.excel_safety`).

    from govkpi.core.excel import Column, Sheet, table_xlsx, workbook_xlsx
    data = table_xlsx(
        columns=[Column("รหัส", 12), Column("ชื่อตัวชี้วัด", 60), Column("น้ำหนัก", 10, "decimal")],
        rows=[("CDD-65-01", "ร้อยละ...", Decimal("15"))],
        sheet_name="ตัวชี้วัด",
        title="ตัวชี้วัด ปีงบประมาณ พ.ศ. 2565",
    )
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from govkpi.core import numbers
from govkpi.core.excel_safety import text_cell
from govkpi.core.thaidates import format_date

Kind = Literal["text", "int", "decimal", "points", "total", "percent", "date", "date_text", "bool", "wrap"]

#: A real date shown in the Thai locale with the Buddhist-era year ("bbbb"), e.g. 1 ต.ค. 2565.
DATE_FORMAT_BE = "[$-th-TH]d mmm bbbb;@"
INT_FORMAT = "#,##0"

HEADER_FILL = PatternFill("solid", fgColor="DCE4EF")
HEADER_FONT = Font(name="TH Sarabun New", bold=True, size=14)
BODY_FONT = Font(name="TH Sarabun New", size=14)
TITLE_FONT = Font(name="TH Sarabun New", bold=True, size=16)

# Excel forbids these in sheet names and cuts names at 31 characters.
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
# Control characters openpyxl refuses to write (they come from pasted text).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True)
class Column:
    """A column: its Thai header, width in characters, and how its cells are written."""

    header: str
    width: float = 16
    kind: Kind = "text"


@dataclass
class Sheet:
    """One worksheet: an optional title row above the header row, then the rows."""

    name: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[object]]
    title: str = ""


def sheet_name(name: str) -> str:
    cleaned = _BAD_SHEET_CHARS.sub(" ", name).strip() or "Sheet"
    return cleaned[:31]


def _cell_value(value: object, kind: Kind) -> object:
    if value is None:
        return None
    if kind == "date_text" and isinstance(value, dt.date | dt.datetime):
        return format_date(value)
    if kind == "date" and isinstance(value, dt.datetime):
        # Excel has no time zones: write the local date.
        from django.utils import timezone

        return (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    if kind == "bool":
        return "ใช่" if value else "ไม่ใช่"
    if isinstance(value, Decimal):
        return value  # openpyxl writes Decimal as a number
    if isinstance(value, str):
        return _ILLEGAL.sub("", value)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return value


_FORMATS: dict[str, str] = {"date": DATE_FORMAT_BE}
#: Number kinds of a column and the `core.numbers` rule that writes them, so a cell stays a number
#: but reads as on the page: "decimal" is a KPI value (1,920 · 79.2, never padded), "points" up to 4
#: places, "total" and "percent" 2 places, "int" a count.
_NUMBER_KINDS: dict[str, numbers.Kind] = {
    "int": "count",
    "decimal": "value",
    "points": "points",
    "total": "total",
    "percent": "percent",
}


def _number_format(value: object, kind: Kind) -> str | None:
    if kind in _NUMBER_KINDS and isinstance(value, Decimal | int | float):
        return numbers.excel_format(value, _NUMBER_KINDS[kind])
    return _FORMATS.get(kind)


def write_sheet(ws: Worksheet, sheet: Sheet) -> None:
    ws.title = sheet_name(sheet.name)
    columns = list(sheet.columns)
    row = 1
    if sheet.title:
        text_cell(ws, 1, 1, sheet.title).font = TITLE_FONT
        row = 2
    header_row = row
    for col, column in enumerate(columns, start=1):
        cell = text_cell(ws, header_row, col, column.header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = column.width
    wrap = Alignment(wrap_text=True, vertical="top")
    for values in sheet.rows:
        row += 1
        for col, (column, value) in enumerate(zip(columns, values, strict=False), start=1):
            cell = text_cell(ws, row, col, _cell_value(value, column.kind))
            cell.font = BODY_FONT
            fmt = _number_format(value, column.kind)
            if fmt and value is not None:
                cell.number_format = fmt
            if column.kind == "wrap":
                cell.alignment = wrap
    # Freeze everything above the first data row, so headers stay put while scrolling.
    ws.freeze_panes = f"A{header_row + 1}"
    if columns:
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{max(row, header_row)}"


def workbook_xlsx(sheets: Sequence[Sheet], *, title: str = "", subject: str = "", creator: str = "govkpi") -> bytes:
    """Several sheets in one workbook, as bytes."""
    wb = Workbook()
    default = wb.active
    for index, sheet in enumerate(sheets):
        ws = default if index == 0 and default is not None else wb.create_sheet()
        write_sheet(ws, sheet)
    wb.properties.title = title or (sheets[0].title if sheets else "")
    wb.properties.subject = subject
    wb.properties.creator = creator
    wb.properties.lastModifiedBy = creator
    wb.properties.language = "th-TH"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def table_xlsx(
    *,
    columns: Sequence[Column],
    rows: Iterable[Sequence[object]],
    sheet_name: str,
    title: str = "",
    subject: str = "",
    creator: str = "govkpi",
) -> bytes:
    """One table in one sheet, as bytes."""
    return workbook_xlsx(
        [Sheet(name=sheet_name, columns=columns, rows=rows, title=title)],
        title=title,
        subject=subject,
        creator=creator,
    )


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
