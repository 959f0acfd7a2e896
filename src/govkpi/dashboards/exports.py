"""Excel export of the dashboards' tables (Thai headers, frozen header row, number formats)."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font

SheetData = tuple[str, list[str], list[list[object]]]


def sheets_xlsx(sheets: list[SheetData], *, title: str = "") -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for name, headers, rows in sheets:
        sheet = workbook.create_sheet(name[:31])
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
            for cell, value in zip(sheet[sheet.max_row], row, strict=False):
                if isinstance(value, Decimal):
                    cell.number_format = "#,##0.00"
        sheet.freeze_panes = "A2"
        for index, header in enumerate(headers):
            sheet.column_dimensions[chr(ord("A") + index)].width = max(12, min(60, len(header) * 2))
    workbook.properties.title = title
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
