"""The KPI Basket as an Excel workbook, and back.

The export is also the import template: one row per entry under a frozen Thai header row.
The import creates or updates entries by code, all or nothing: every row is checked first and
each problem names its row and column as Excel shows them ("แถว 7 คอลัมน์ ทิศทาง: ...").
Exporting and importing the same file changes nothing (no new history rows either).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from govkpi.basket.constants import (
    BASELINE_YEARS,
    LEGACY_TARGET_HEADERS,
    MAX_TARGET_LEVELS,
    STATUS_ACTIVE_TH,
    STATUS_RETIRED_TH,
    TUNABLE,
    label_th,
)
from govkpi.basket.models import BasketKpi, Domain
from govkpi.basket.services import (
    basket_kpi_clean,
    basket_kpi_write,
    check_may_curate,
    to_decimal,
)
from govkpi.core.choices import thai_choices
from govkpi.core.errors import Invalid, NotAllowed
from govkpi.core.excel import Column, Sheet, write_sheet
from govkpi.core.excel_safety import ExcelSheet, check_declared_rows, header_row, open_xlsx, pick_sheet, sheet_rows
from govkpi.core.excel_safety import row_problem as row_problem  # importers of proposals still import it from here
from govkpi.core.jobs import JobRun, job_handler
from govkpi.core.thaisearch import search_text
from govkpi.frameworks.choices import Direction, GroupCode, Measure
from govkpi.frameworks.selectors import ladders_in_use
from govkpi.organisations.access import viewer_for
from govkpi.organisations.choices import OrganisationKind
from govkpi.organisations.models import Organisation
from govkpi.plans.models import PlanNode

SHEET = "KPI Basket"
LEGEND_SHEET = "คำอธิบาย"
MAX_ROWS = 20_000


@dataclass(frozen=True)
class Col:
    """One column of the sheet: header, width, kind (for number formats) and the field it fills."""

    header: str
    width: float
    field: str
    kind: str = "text"
    index: int = 0  # position inside a list field (baseline year / value, target level)
    levels: int = 0  # recommended targets: the length of the ladder the column belongs to


def target_header(levels: int, index: int) -> str:
    """The header of a recommended target: "ค่าเป้าหมาย 5 ขั้น ขั้นที่ 1" (index is 0-based)."""
    return f"ค่าเป้าหมาย {levels} ขั้น ขั้นที่ {index + 1}"


TARGET_HEADER_RE = re.compile(r"^ค่าเป้าหมาย\s*(\d+)\s*ขั้น\s*ขั้นที่\s*(\d+)$")


def _target_col(header: str) -> Col | None:
    """The recommended-target column a header names, if any (the three-level headers of older files too)."""
    if header in LEGACY_TARGET_HEADERS:
        return Col(header, 12, "recommended_targets", "decimal", LEGACY_TARGET_HEADERS.index(header), 3)
    found = TARGET_HEADER_RE.match(header)
    if found is None:
        return None
    levels, level = int(found.group(1)), int(found.group(2))
    if not 2 <= levels <= MAX_TARGET_LEVELS or not 1 <= level <= levels:
        return None
    return Col(header, 12, "recommended_targets", "decimal", level - 1, levels)


def _columns(ladder_lengths: Iterable[int] = (3,)) -> list[Col]:
    cols = [
        Col("รหัส", 12, "code"),
        Col("กลุ่ม", 12, "group"),
        Col("ชื่อตัวชี้วัด", 60, "name_th", "wrap"),
        Col("ชื่อภาษาอังกฤษ", 40, "name_en", "wrap"),
        Col("ด้าน", 24, "domain"),
        Col("คำอธิบาย", 50, "definition_th", "wrap"),
        Col("สูตรการคำนวณ", 40, "formula_th", "wrap"),
        Col("หน่วยวัด", 14, "unit_th"),
        Col("ทิศทาง", 14, "direction"),
        Col("ลักษณะการวัด", 20, "measure"),
    ]
    for i in range(BASELINE_YEARS):
        cols.append(Col(f"ข้อมูลพื้นฐาน ปีที่ {i + 1} (พ.ศ.)", 12, "baseline_year", "year", i))
        cols.append(Col(f"ข้อมูลพื้นฐาน ค่าปีที่ {i + 1}", 12, "baseline_value", "decimal", i))
    for levels in sorted(set(ladder_lengths)):
        cols += [Col(target_header(levels, i), 12, "recommended_targets", "decimal", i, levels) for i in range(levels)]
    cols += [
        Col("แหล่งข้อมูล", 36, "data_source_th", "wrap"),
        Col("หลักฐานที่คาดหวัง", 36, "evidence_th", "wrap"),
        Col("ความเชื่อมโยงกับแผน (รหัส)", 24, "plan_links"),
        Col("ประเภทส่วนราชการที่ใช้ได้ (รหัส)", 30, "applicable_kinds"),
        Col("ประเด็น", 16, "themes"),
        Col("ส่วนราชการเจ้าของตัวชี้วัด (รหัส)", 14, "ministry"),
        Col("ช่องที่ส่วนราชการปรับได้ (รหัส)", 30, "tunable_fields"),
        Col("สถานะ", 10, "is_retired"),
    ]
    return cols


#: The columns whatever the ladders; recommended targets are added per ladder length.
COLUMNS = _columns(())
HEADERS = {c.header: c for c in COLUMNS}


def _number(value: object) -> Decimal | None:
    return to_decimal(value) if value not in (None, "") else None


def _row(kpi: BasketKpi, columns: Sequence[Col]) -> list[object]:
    labels = {
        "group": dict(thai_choices(GroupCode)),
        "domain": dict(thai_choices(Domain)),
        "direction": dict(thai_choices(Direction)),
        "measure": dict(thai_choices(Measure)),
    }
    baseline = list(kpi.baseline or [])
    ladders = {len(ladder): ladder for ladder in kpi.recommendations}
    row: list[object] = []
    for col in columns:
        if col.field in labels:
            row.append(labels[col.field].get(getattr(kpi, col.field), getattr(kpi, col.field)))
        elif col.field == "baseline_year":
            row.append(baseline[col.index].get("year") if col.index < len(baseline) else None)
        elif col.field == "baseline_value":
            row.append(_number(baseline[col.index].get("value")) if col.index < len(baseline) else None)
        elif col.field == "recommended_targets":
            ladder = ladders.get(col.levels, [])
            row.append(_number(ladder[col.index]) if col.index < len(ladder) else None)
        elif col.field == "plan_links":
            row.append(", ".join(sorted(p.code for p in kpi.plan_links.all())))
        elif col.field in {"applicable_kinds", "themes", "tunable_fields"}:
            row.append(", ".join(getattr(kpi, col.field) or []))
        elif col.field == "ministry":
            row.append(kpi.ministry.code if kpi.ministry else "")
        elif col.field == "is_retired":
            row.append(STATUS_RETIRED_TH if kpi.is_retired else STATUS_ACTIVE_TH)
        else:
            row.append(getattr(kpi, col.field))
    return row


def _dropdown(ws: Worksheet, columns: Sequence[Col], header: str, options: Iterable[str], last_row: int) -> None:
    column = get_column_letter(next(i for i, c in enumerate(columns, start=1) if c.header == header))
    listed = ",".join(options)
    if len(listed) > 250:  # Excel's limit on an inline list
        return
    validation = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True)
    validation.error = "เลือกจากรายการ"
    validation.errorTitle = header
    ws.add_data_validation(validation)
    validation.add(f"{column}2:{column}{max(last_row, 2) + 500}")


def basket_export_xlsx(entries: Iterable[BasketKpi] | None = None) -> bytes:
    """Every entry (retired ones too, marked), one row each, as the import template."""
    if entries is None:
        entries = BasketKpi.objects.select_related("ministry").prefetch_related("plan_links").order_by("code")
    entries = list(entries)
    # A column group per ladder length the frameworks use, and any an entry already recommends.
    lengths = set(ladders_in_use()) | {len(ladder) for k in entries for ladder in k.recommendations}
    columns = _columns(lengths)
    rows = [_row(k, columns) for k in entries]
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    kinds = {"wrap": "wrap", "decimal": "decimal", "year": "text", "text": "text"}
    write_sheet(
        ws,
        Sheet(
            name=SHEET,
            columns=[Column(c.header, c.width, kinds[c.kind]) for c in columns],  # type: ignore[arg-type]
            rows=rows,
        ),
    )
    # Targets like 3 (steps) or 82.5 read better as "#,##0.##" would, but Excel shows a stray dot
    # for whole numbers there; two places is what Thai reports print.
    for index, col in enumerate(columns, start=1):
        if col.kind == "year":
            for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "0"
    _dropdown(ws, columns, "กลุ่ม", [label for _, label in thai_choices(GroupCode)], len(rows) + 1)
    _dropdown(ws, columns, "ด้าน", [label for _, label in thai_choices(Domain)], len(rows) + 1)
    _dropdown(ws, columns, "ทิศทาง", [label for _, label in thai_choices(Direction)], len(rows) + 1)
    _dropdown(ws, columns, "ลักษณะการวัด", [label for _, label in thai_choices(Measure)], len(rows) + 1)
    _dropdown(ws, columns, "สถานะ", [STATUS_ACTIVE_TH, STATUS_RETIRED_TH], len(rows) + 1)
    legend = wb.create_sheet(LEGEND_SHEET)
    write_sheet(
        legend,
        Sheet(
            name=LEGEND_SHEET,
            columns=[Column("ช่อง", 36), Column("รหัส", 16), Column("ความหมาย", 70, "wrap")],
            rows=[
                *[("ประเภทส่วนราชการที่ใช้ได้", code, label) for code, label in thai_choices(OrganisationKind)],
                *[("ช่องที่ส่วนราชการปรับได้", code, label) for code, label in TUNABLE.items()],
                *[
                    ("ความเชื่อมโยงกับแผน", code, title)
                    for code, title in PlanNode.objects.order_by("kind", "order", "code").values_list(
                        "code", "title_th"
                    )
                ],
            ],
        ),
    )
    wb.properties.title = "KPI Basket"
    wb.properties.creator = "govkpi"
    wb.properties.language = "th-TH"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# Import


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def message_th(self) -> str:
        return f"นำเข้า KPI Basket แล้ว: เพิ่ม {self.created:,} รายการ แก้ไข {self.updated:,} รายการ ไม่เปลี่ยนแปลง {self.unchanged:,} รายการ"


def file_invalid(message_th: str, message_en: str) -> Invalid:
    return Invalid(message_th, message_en, problems=[{"row": "", "column": "", "message": message_th}])


def open_sheet(data: bytes, sheet: str, *, strict: bool = False) -> ExcelSheet:
    """The named sheet of an .xlsx file (a one-sheet file may name it otherwise); a clear 422 for anything else.

    `core.excel_safety` refuses empty, .xls, non-zip files and zip bombs before openpyxl opens the file."""
    return pick_sheet(open_xlsx(data), sheet, strict=strict)


def _cell(value: object) -> object:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _header_columns(sheet: str, header: Sequence[object]) -> dict[int, Col]:
    """Column index → Col for the known headers of row 1; refuses a sheet without code and name."""
    columns: dict[int, Col] = {}
    for index, title in enumerate(header):
        col = HEADERS.get(_text(title)) or _target_col(_text(title))
        if col is not None:
            columns[index] = col
    missing = [h for h in ("รหัส", "ชื่อตัวชี้วัด") if h not in {c.header for c in columns.values()}]
    if missing:
        raise file_invalid(
            f"แผ่นงาน '{sheet}' แถว 1 ไม่มีหัวคอลัมน์ {', '.join(missing)} (ใช้ไฟล์ที่ส่งออกจากระบบเป็นแม่แบบ)",
            f"Row 1 of the '{sheet}' sheet lacks the column(s) {', '.join(missing)}; start from the exported template.",
        )
    return columns


def basket_precheck(data: bytes) -> None:
    """What a request can refuse at once, before a job is queued: the file, its sheet, header and size."""
    ws = open_sheet(data, SHEET)
    check_declared_rows(ws, max_rows=MAX_ROWS)
    _header_columns(ws.title, header_row(ws))


def read_rows(data: bytes) -> tuple[dict[int, Col], list[tuple[int, list[object]]]]:
    """The header (column index → Col) and the non-empty data rows with their Excel numbers."""
    ws = open_sheet(data, SHEET)
    rows = (values for _, values in sheet_rows(ws, max_rows=MAX_ROWS))
    header = next(rows, None)
    if header is None:
        raise file_invalid("ไฟล์ว่างเปล่า ไม่มีแถวหัวตาราง", "The file is empty: there is no header row.")
    columns = _header_columns(ws.title, header)
    body: list[tuple[int, list[object]]] = []
    for number, values in enumerate(rows, start=2):
        cells = [_cell(v) for v in values]
        if any(v is not None for v in cells):
            body.append((number, cells))
    return columns, body


def _row_data(columns: dict[int, Col], cells: Sequence[object]) -> tuple[dict[str, Any], list[tuple[str, str, str]]]:
    """The mapping `basket_kpi_clean` takes, plus cell-level problems (column, th, en)."""
    data: dict[str, Any] = {}
    years: list[object] = [None] * BASELINE_YEARS
    values: list[object] = [None] * BASELINE_YEARS
    targets: dict[int, dict[int, object]] = {}  # ladder length → level → value
    problems: list[tuple[str, str, str]] = []
    given = {c.field for c in columns.values()}
    for index, col in columns.items():
        value = cells[index] if index < len(cells) else None
        if col.field == "baseline_year":
            years[col.index] = value
        elif col.field == "baseline_value":
            values[col.index] = value
        elif col.field == "recommended_targets":
            targets.setdefault(col.levels, {})[col.index] = value
        elif col.field == "is_retired":
            text = _text(value)
            if text in {"", STATUS_ACTIVE_TH}:
                data["is_retired"] = False
            elif text == STATUS_RETIRED_TH:
                data["is_retired"] = True
            else:
                problems.append(
                    (
                        col.header,
                        f"ต้องเป็น '{STATUS_ACTIVE_TH}' หรือ '{STATUS_RETIRED_TH}' (ได้ '{text}')",
                        f"must be '{STATUS_ACTIVE_TH}' or '{STATUS_RETIRED_TH}' (got '{text}')",
                    )
                )
        elif col.field in {"plan_links", "applicable_kinds", "themes", "tunable_fields"}:
            data[col.field] = _text(value)
        else:
            data[col.field] = _text(value)
    if "baseline_year" in given or "baseline_value" in given:
        data["baseline"] = [{"year": y, "value": v} for y, v in zip(years, values, strict=True)]
    if targets:
        ladders: list[list[object]] = []
        for levels in sorted(targets):
            # A ladder left blank is "no recommendation"; a partly blank one is reported by the service.
            ordered = [targets[levels].get(i) for i in range(levels)]
            if any(v not in (None, "") for v in ordered):
                ladders.append(ordered)
        data["recommended_targets"] = ladders
    return data, problems


def _keep_other_ladders(data: dict[str, Any], columns: dict[int, Col], instance: BasketKpi | None) -> None:
    """A file without the columns of some ladder length leaves the entry's recommendation for it alone."""
    if instance is None or "recommended_targets" not in data:
        return
    covered = {c.levels for c in columns.values() if c.field == "recommended_targets"}
    kept = [ladder for ladder in instance.recommendations if len(ladder) not in covered]
    data["recommended_targets"] = sorted([*kept, *data["recommended_targets"]], key=len)


#: The column a field's problems point at (list fields span several columns).
FIELD_COLUMN = {c.field: c.header for c in COLUMNS}
FIELD_COLUMN.update({"baseline": label_th("baseline"), "recommended_targets": label_th("recommended_targets")})


@transaction.atomic
def basket_import(*, by: AbstractBaseUser | None, data: bytes, run: JobRun | None = None) -> ImportSummary:
    """Create or update entries by code from an exported workbook; all or nothing.

    `by` None means the command line (an administrator at the server); otherwise OPDC only."""
    if by is not None:
        check_may_curate(viewer_for(by))
    columns, rows = read_rows(data)
    if run is not None:
        run.set_total(len(rows), message=f"ตรวจสอบ {len(rows):,} แถว")
    existing = {
        k.code: k
        for k in BasketKpi.objects.select_for_update(of=("self",))
        .select_related("ministry")
        .prefetch_related("plan_links")
    }
    plans = dict(PlanNode.objects.values_list("code", "pk"))
    organisations = dict(Organisation.objects.values_list("code", "pk"))
    problems: list[dict[str, Any]] = []
    planned: list[tuple[BasketKpi | None, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    for number, cells in rows:
        data_row, cell_problems = _row_data(columns, cells)
        for column, th, en in cell_problems:
            problems.append(row_problem(number, column, th, en))
        code = str(data_row.get("code") or "").strip()
        if code and code in seen:
            problems.append(
                row_problem(number, "รหัส", f"รหัส {code} ซ้ำกับแถว {seen[code]}", f"code {code} repeats row {seen[code]}")
            )
            continue
        if code:
            seen[code] = number
        instance = existing.get(code)
        _keep_other_ladders(data_row, columns, instance)
        cleaned = basket_kpi_clean(
            data_row,
            instance=instance,
            plans=plans,
            ministries=organisations,
            taken_codes=set(existing),
        )
        for p in cleaned.problems:
            column = FIELD_COLUMN.get(str(p["field"]), str(p.get("label", "")))
            problems.append(row_problem(number, column, str(p["message_th"]), str(p["message_en"]).split(": ", 1)[-1]))
        planned.append((instance, cleaned.values))
    if problems:
        raise Invalid(
            f"ไม่ได้นำเข้า: พบข้อผิดพลาด {len(problems):,} รายการ เช่น {problems[0]['message']}",
            f"Nothing imported: {len(problems):,} problem(s), e.g. {problems[0]['message_en']}",
            problems=problems,
        )
    summary = ImportSummary()
    for instance, values in planned:
        if instance is None:
            kpi = BasketKpi(code=values["code"])
            for name, value in values.items():
                if name not in {"plan_links", "code"}:
                    setattr(kpi, name, value)
            kpi.search_text = search_text(kpi.code, kpi.name_th, kpi.name_en, kpi.definition_th)
            kpi._history_user = by  # type: ignore[attr-defined]
            kpi._change_reason = "นำเข้าจาก Excel"  # type: ignore[attr-defined]
            kpi.save()
            kpi.plan_links.set([plans[c] for c in values["plan_links"]])
            summary.created += 1
        elif basket_kpi_write(kpi=instance, values=values, by=by, reason="นำเข้าจาก Excel", plans=plans):
            summary.updated += 1
        else:
            summary.unchanged += 1
    return summary


@job_handler("basket.import")
def basket_import_job(run: JobRun) -> None:
    owner = run.owner
    if owner is None:
        raise NotAllowed("งานนำเข้าต้องมีผู้สั่ง", "An import job needs an owner.")
    summary = basket_import(by=owner, data=run.input_bytes(), run=run)
    run.finish(summary.message_th)
