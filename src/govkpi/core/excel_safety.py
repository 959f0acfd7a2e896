"""Reading uploaded Excel files safely, and writing user text into Excel and CSV without formulas.

Every importer (KPI Basket, proposals, results) opens uploads through `open_xlsx` and reads rows
through `sheet_rows`, so they refuse the same things with the same clear messages, before anything
is written:

- an empty file, an old binary `.xls`, anything that is not a zip, or a zip that is not a workbook;
- a file over `MAX_UPLOAD`, and a *zip bomb*: the zip's declared uncompressed sizes are summed and
  compared with the compressed ones before openpyxl inflates anything (`zipfile` never inflates a
  member past its declared size, so the declared sizes are a bound we can trust);
- more rows than the importer allows: the sheet's declared dimension is checked first, and rows are
  counted while streaming (openpyxl's read-only mode), so a huge sheet is never held in memory;
- formulas: cells are read as written, never evaluated; a formula is refused naming its sheet,
  row and column (paste values instead).

Exports go the other way: `text_cell` keeps text such as "=HYPERLINK(...)" a text cell in .xlsx,
and `csv_text` prefixes an apostrophe to text starting with = + - @ (or a tab / carriage return)
for CSV, which spreadsheet programs would otherwise run as a formula.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator, Sequence
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from govkpi.core.errors import Invalid

#: The largest upload any importer takes (the file as sent, compressed).
MAX_UPLOAD = 10 * 1024 * 1024
#: The most the file may inflate to, all members together (a real 20,000-row sheet is ~15 MB).
MAX_UNCOMPRESSED = 100 * 1024 * 1024
#: Real sheets compress 5–30 times; a bomb compresses hundreds or thousands of times.
MAX_RATIO = 200
#: Small members (styles, a short sheet) may compress well; the ratio is judged on bigger ones.
RATIO_FLOOR = 1024 * 1024
MAX_MEMBERS = 1_000
#: An old binary Excel file (.xls) is an OLE2 compound document.
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Text a spreadsheet may take for a formula when it starts a cell.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Formula problems listed before giving up (a file full of them needs one fix, not 10,000 lines).
MAX_FORMULA_PROBLEMS = 50

ExcelSheet = Any  # openpyxl's ReadOnlyWorksheet, which it does not type


def file_invalid(message_th: str, message_en: str, problems: list[dict[str, Any]] | None = None) -> Invalid:
    return Invalid(
        message_th,
        message_en,
        field="file",
        problems=problems or [{"row": "", "column": "", "message": message_th, "message_en": message_en}],
    )


def row_problem(row: int, column: str, message_th: str, message_en: str) -> dict[str, Any]:
    """One problem of an imported row, naming its row and column as Excel shows them (every importer)."""
    return {
        "row": row,
        "column": column,
        "message": f"แถว {row} คอลัมน์ {column}: {message_th}" if column else f"แถว {row}: {message_th}",
        "message_en": f"Row {row}, column {column}: {message_en}" if column else f"Row {row}: {message_en}",
    }


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"


def check_xlsx(data: bytes) -> None:
    """Refuse what is not a safe .xlsx, from its bytes and zip directory alone (nothing inflated)."""
    if not data:
        raise file_invalid("ไฟล์ว่างเปล่า (0 ไบต์)", "The file is empty (0 bytes).")
    if len(data) > MAX_UPLOAD:
        raise file_invalid(f"ไฟล์ใหญ่เกิน {_megabytes(MAX_UPLOAD)}", f"The file is larger than {_megabytes(MAX_UPLOAD)}.")
    if data.startswith(OLE2):
        raise file_invalid(
            "ไฟล์เป็น Excel รุ่นเก่า (.xls) ซึ่งระบบไม่รองรับ กรุณาเปิดใน Excel แล้วบันทึกเป็น .xlsx",
            "This is an old Excel file (.xls), which is not supported: open it in Excel and save it as .xlsx.",
        )
    not_xlsx = ("ไฟล์ไม่ใช่ไฟล์ Excel (.xlsx) ที่อ่านได้", "The file is not a readable Excel (.xlsx) workbook.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise file_invalid(*not_xlsx) from exc
    if len(members) > MAX_MEMBERS:
        raise file_invalid(*not_xlsx)
    names = {m.filename for m in members}
    if "xl/workbook.xml" not in names:
        raise file_invalid(*not_xlsx)
    total = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members)
    swollen = [m for m in members if m.file_size > RATIO_FLOOR and m.file_size > MAX_RATIO * max(m.compress_size, 1)]
    if total > MAX_UNCOMPRESSED or swollen:
        raise file_invalid(
            f"ไฟล์ถูกบีบอัดผิดปกติ: ขนาด {_megabytes(packed)} แต่ขยายได้ถึง {_megabytes(total)}"
            f" (รับได้ไม่เกิน {_megabytes(MAX_UNCOMPRESSED)} และบีบอัดไม่เกิน {MAX_RATIO} เท่า) ไม่ได้เปิดไฟล์",
            f"The file is abnormally compressed: {_megabytes(packed)} that would inflate to {_megabytes(total)}"
            f" (at most {_megabytes(MAX_UNCOMPRESSED)}, {MAX_RATIO} times); it was not opened.",
        )


def open_xlsx(data: bytes) -> Workbook:
    """A read-only workbook whose formulas are kept as text (never evaluated), after `check_xlsx`."""
    check_xlsx(data)
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise file_invalid(
            "ไฟล์ไม่ใช่ไฟล์ Excel (.xlsx) ที่อ่านได้", "The file is not a readable Excel (.xlsx) workbook."
        ) from exc


def pick_sheet(wb: Workbook, name: str, *, strict: bool = False) -> ExcelSheet:
    """The sheet named `name`; a workbook of one sheet may name it otherwise unless `strict`."""
    if name in wb.sheetnames:
        return wb[name]
    if not strict and len(wb.sheetnames) == 1:
        return wb.worksheets[0]
    found = ", ".join(f"'{s}'" for s in wb.sheetnames)
    raise file_invalid(
        f"ไม่พบแผ่นงาน '{name}' ในไฟล์ (พบ {found}) ใช้ไฟล์ที่ดาวน์โหลดจากระบบเป็นแม่แบบ",
        f"There is no '{name}' sheet in the file (found {found}); start from the downloaded template.",
    )


def _too_many_rows(sheet: str, max_rows: int) -> Invalid:
    return file_invalid(
        f"แผ่นงาน '{sheet}' มีเกิน {max_rows:,} แถว ซึ่งเป็นจำนวนสูงสุดที่นำเข้าได้ในครั้งเดียว กรุณาแบ่งไฟล์",
        f"The '{sheet}' sheet has more than {max_rows:,} rows, the most one import takes; split the file.",
    )


def check_declared_rows(ws: ExcelSheet, *, max_rows: int) -> None:
    """Refuse at once a sheet whose declared size (its <dimension>) exceeds `max_rows` below the header."""
    declared = getattr(ws, "max_row", None)
    if isinstance(declared, int) and declared > max_rows + 1:
        raise _too_many_rows(ws.title, max_rows)


def header_row(ws: ExcelSheet) -> list[object]:
    """The values of row 1 (an empty sheet gives an empty list)."""
    for cells in ws.iter_rows(min_row=1, max_row=1, values_only=True):
        return list(cells)
    return []


def sheet_rows(ws: ExcelSheet, *, max_rows: int, max_col: int | None = None) -> Iterator[tuple[int, list[object]]]:
    """(Excel row number, cell values) for every row, the header row included, streamed.

    Refuses a sheet of more than `max_rows` data rows (below the header) and any formula cell.
    """
    check_declared_rows(ws, max_rows=max_rows)
    header: Sequence[object] = ()
    formulas: list[dict[str, Any]] = []
    for number, cells in enumerate(ws.iter_rows(max_col=max_col), start=1):
        if number > max_rows + 1:
            raise _too_many_rows(ws.title, max_rows)
        values: list[object] = []
        for index, cell in enumerate(cells):
            value = getattr(cell, "value", None)
            if getattr(cell, "data_type", None) == "f" and len(formulas) < MAX_FORMULA_PROBLEMS:
                formulas.append(_formula_problem(ws.title, number, index, header, value))
                value = None
            values.append(value)
        if number == 1:
            header = values
        yield number, values
    if formulas:
        first = formulas[0]
        raise file_invalid(
            f"ไม่ได้นำเข้า: พบสูตรใน {len(formulas):,} ช่อง เช่น {first['message']}",
            f"Nothing imported: {len(formulas):,} cell(s) hold a formula, e.g. {first['message_en']}",
            problems=formulas,
        )


def _formula_problem(sheet: str, row: int, index: int, header: Sequence[object], formula: object) -> dict[str, Any]:
    letter = get_column_letter(index + 1)
    title = str(header[index]).strip() if index < len(header) and header[index] not in (None, "") else ""
    column = f"{letter} ({title})" if title else letter
    shown = str(formula)[:60]
    return {
        "row": row,
        "column": title or letter,
        "message": f"แผ่นงาน '{sheet}' แถว {row} คอลัมน์ {column}: มีสูตร {shown} ระบบไม่คำนวณสูตร"
        " กรุณาวางเป็นค่า (Paste Values) แล้วนำเข้าใหม่",
        "message_en": f"Sheet '{sheet}', row {row}, column {column}: holds the formula {shown}; formulas are"
        " not evaluated: paste the values instead and import again.",
    }


# ---------------------------------------------------------------------------------------------
# Writing


def text_cell(ws: Worksheet, row: int, column: int, value: object) -> Cell:
    """Write a value; text is always a text cell, so "=cmd|..." from a user is never a formula."""
    cell: Cell = ws.cell(row=row, column=column, value=value)  # type: ignore[call-overload]
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"
    return cell


def append_row(ws: Worksheet, values: Sequence[object]) -> None:
    """`ws.append`, with text kept as text cells (see `text_cell`)."""
    ws.append(list(values))
    if values:
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str) and cell.data_type == "f":
                cell.data_type = "s"


def csv_text(value: object) -> object:
    """Text for a CSV cell that no spreadsheet will run as a formula (OWASP's CSV injection advice)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
