"""Excel template and all-or-nothing import of a round's results, for one organisation or (OPDC) many."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import openpyxl
from django.db import transaction
from django.utils import timezone
from openpyxl.styles import Font, PatternFill
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from govkpi.core.errors import Invalid, NotAllowed, ServiceError
from govkpi.core.excel_safety import check_declared_rows, header_row, open_xlsx, pick_sheet, sheet_rows, text_cell
from govkpi.core.jobs import JobRun, job_handler
from govkpi.frameworks.choices import Measure
from govkpi.frameworks.models import Framework, Round
from govkpi.kpis.models import Kpi, KpiVersion
from govkpi.kpis.selectors import reportable_in_round
from govkpi.organisations.access import Viewer, viewer_for
from govkpi.organisations.models import Organisation
from govkpi.results.models import Result
from govkpi.results.services import (
    check_in_force,
    check_reportable,
    deadlines_for,
    parse_confidence,
    parse_value,
)

HEADERS = (
    "รหัสหน่วยงาน",
    "ชื่อหน่วยงาน",
    "รหัสตัวชี้วัด",
    "ชื่อตัวชี้วัด",
    "หน่วยวัด",
    "ลักษณะ",
    "ค่าเป้าหมาย",
    "ผลการดำเนินงาน",
    "คำอธิบายผล",
    "ความมั่นใจ",
    "เหตุผลความมั่นใจ",
)
CONFIDENCE, CONFIDENCE_REASON = HEADERS[9], HEADERS[10]
SHEET = "ผลการดำเนินงาน"
#: A round's results for every organisation at national scale are a few thousand rows.
MAX_ROWS = 20_000
FIELDS = (
    "value",
    "narrative_th",
    "confidence",
    "confidence_reason_th",
    "version",
    "reported_by",
    "lock_version",
    "updated_at",
)


def _organisations(
    viewer: Viewer, framework: Framework, organisation: Organisation | None, codes: set[str] | None = None
) -> list[Organisation]:
    """The organisations the viewer may import for; `codes` narrows them to those a file names, so
    an OPDC import of a few thousand rows reads those organisations' KPIs, not the whole framework's."""
    if viewer.is_opdc:
        qs = Organisation.objects.filter(kpis__framework=framework).distinct().order_by("code")
        if codes is not None:
            qs = qs.filter(code__in=codes)
        return [organisation] if organisation else list(qs)
    if viewer.is_coordinator and viewer.organisation_id:
        if organisation is not None and organisation.pk != viewer.organisation_id:
            raise NotAllowed("ผู้ประสานงานนำเข้าได้เฉพาะหน่วยงานของตน", "Coordinators import their own organisation only.")
        return list(Organisation.objects.filter(pk=viewer.organisation_id))
    raise NotAllowed("คุณไม่มีสิทธิ์นำเข้าผลการดำเนินงาน", "You may not import results.")


def _kpis(framework: Framework, org_ids: list[int], round_: Round) -> list[tuple[Kpi, KpiVersion]]:
    """The KPIs reported on in this round, with their version (`kpis.selectors` decides)."""
    return reportable_in_round(framework, round_, organisations=org_ids)


def template(*, viewer: Viewer, framework: Framework, round_: Round, organisation: Organisation | None = None) -> bytes:
    """The workbook to fill in: a row per KPI in force, current values filled where they exist."""
    orgs = _organisations(viewer, framework, organisation)
    existing = {
        r.kpi_id: r
        for r in Result.objects.filter(round=round_, organisation__in=orgs).only(
            "kpi_id", "value", "narrative_th", "confidence", "confidence_reason_th"
        )
    }
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    for column, title in enumerate(HEADERS, start=1):
        ws.cell(1, column, title)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
    row = 1
    for kpi, version in _kpis(framework, [o.pk for o in orgs], round_):
        result = existing.get(kpi.pk)
        row += 1
        values = [
            kpi.organisation.code,
            kpi.organisation.name_th,
            kpi.code,
            version.name_th,
            version.unit_th,
            "ขั้นตอน (0–5)" if version.measure == Measure.MILESTONE else "ตัวเลข",
            " / ".join(str(t) for t in version.targets),
            float(result.value) if result and result.value is not None else None,
            result.narrative_th if result else "",
            result.get_confidence_display() if result and result.confidence else "",
            result.confidence_reason_th if result else "",
        ]
        for column, value in enumerate(values, start=1):
            text_cell(ws, row, column, value)
    for col, width in zip("ABCDEFGHIJK", (14, 30, 16, 60, 12, 14, 18, 18, 50, 18, 50), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@dataclass
class Parsed:
    kpi: Kpi
    version: KpiVersion
    value: Any
    narrative: str
    #: (code, reason), or None when the file has no confidence column (left as it is)
    confidence: tuple[str, str] | None


REQUIRED = ("รหัสหน่วยงาน", "รหัสตัวชี้วัด", "ผลการดำเนินงาน")
#: A service error's field → the column a row problem names.
COLUMN_OF = {
    "kpi": "รหัสตัวชี้วัด",
    "round": "รอบ",
    "state": "ผลการดำเนินงาน",
    CONFIDENCE: CONFIDENCE,
    "confidence_reason_th": CONFIDENCE_REASON,
}


def _header(sheet: str, row: Sequence[object]) -> list[str]:
    header = [str(h or "").strip() for h in row]
    missing = [h for h in REQUIRED if h not in header]
    if missing:
        raise Invalid(
            f"แผ่นงาน '{sheet}' แถว 1 ไม่พบคอลัมน์ {', '.join(missing)} (ใช้แบบฟอร์มที่ดาวน์โหลดจากระบบ)",
            f"Row 1 of the '{sheet}' sheet lacks the column(s) {', '.join(missing)}.",
            field="file",
        )
    return header


def precheck(data: bytes) -> None:
    """What a request can refuse at once, before a job is queued: the file, its sheet, header and size."""
    ws = pick_sheet(open_xlsx(data), SHEET)
    check_declared_rows(ws, max_rows=MAX_ROWS)
    _header(ws.title, header_row(ws))


def _read(data: bytes) -> tuple[list[tuple[int, list[Any]]], bool]:
    """The data rows (cells in HEADERS order), and whether the file carries the confidence column
    (a template downloaded before it existed leaves every confidence as it is)."""
    ws = pick_sheet(open_xlsx(data), SHEET)
    rows = (values for _, values in sheet_rows(ws, max_rows=MAX_ROWS))
    header = _header(ws.title, next(rows, []))
    index = {h: i for i, h in enumerate(header)}
    out = []
    for number, row in enumerate(rows, start=2):
        cells = list(row) + [None] * (len(header) - len(row))
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        out.append((number, [cells[index[h]] if h in index else None for h in HEADERS]))
    return out, CONFIDENCE in index


def import_results(
    *, viewer: Viewer, user: Any, framework: Framework, round_: Round, data: bytes, run: JobRun | None = None
) -> int:
    """Validate every row first; write nothing unless all rows are good. Returns the number written."""
    rows, has_confidence = _read(data)
    named = {str(cells[0] or "").strip() for _, cells in rows}
    orgs = {o.code: o for o in _organisations(viewer, framework, None, codes=named)}
    kpis = {(k.organisation.code, k.code): (k, v) for k, v in _kpis(framework, [o.pk for o in orgs.values()], round_)}
    existing = {
        r.kpi_id: r for r in Result.objects.filter(round=round_, organisation__in=orgs.values()).select_related("kpi")
    }
    deadlines = deadlines_for(round_, [o.pk for o in orgs.values()])
    today = timezone.localdate()
    problems: list[dict[str, Any]] = []
    parsed: list[Parsed] = []
    seen: set[int] = set()
    if run is not None:
        run.set_total(len(rows), "ตรวจสอบข้อมูล")
    for number, cells in rows:
        org_code, kpi_code = str(cells[0] or "").strip(), str(cells[2] or "").strip()

        def problem(field: str, th: str, en: str, number: int = number) -> None:
            problems.append({"row": number, "field": field, "message": f"แถว {number}: {th}", "message_en": en})

        if org_code not in orgs:
            problem("รหัสหน่วยงาน", f"ไม่รู้จักหน่วยงาน “{org_code}” หรือไม่มีสิทธิ์นำเข้า", "unknown or not yours")
            continue
        kpi, in_force_version = kpis.get((org_code, kpi_code), (None, None))
        if kpi is None:
            problem("รหัสตัวชี้วัด", f"ไม่พบตัวชี้วัด “{kpi_code}” ของ {org_code} ที่มีผลในรอบนี้", "no such KPI in force")
            continue
        if kpi.pk in seen:
            problem("รหัสตัวชี้วัด", f"ตัวชี้วัด {kpi_code} ซ้ำกับแถวก่อนหน้า", "duplicate KPI")
            continue
        seen.add(kpi.pk)
        # The same checks, in the same order, as `result_save` (the form and the API), with the
        # organisations' deadlines read once for the whole file instead of once per row.
        try:
            version = check_in_force(kpi, in_force_version)
            value = parse_value(cells[7], version=version, field="ผลการดำเนินงาน")
            said = parse_confidence(cells[9], cells[10], field=CONFIDENCE) if has_confidence else None
            check_reportable(
                viewer=viewer,
                result=existing.get(kpi.pk),
                round_=round_,
                organisation_id=kpi.organisation_id,
                today=today,
                deadline=deadlines[kpi.organisation_id],
            )
        except ServiceError as exc:
            problem(COLUMN_OF.get(exc.field or "", "ผลการดำเนินงาน"), exc.message_th, exc.message_en)
            continue
        parsed.append(Parsed(kpi, version, value, str(cells[8] or "").strip(), said))
    if problems:
        raise Invalid(
            f"นำเข้าไม่สำเร็จ พบข้อผิดพลาด {len(problems):,} แถว ไม่มีข้อมูลใดถูกบันทึก",
            f"Import refused: {len(problems)} row problems; nothing was saved.",
            problems=problems[:500],
        )
    if not parsed:
        raise Invalid("ไม่มีแถวข้อมูลในไฟล์", "The file has no data rows.", field="file")
    _write(parsed, existing, round_, user)
    if run is not None:
        run.advance(len(rows), f"นำเข้า {len(parsed):,} รายการ")
    return len(parsed)


@transaction.atomic
def _write(parsed: list[Parsed], existing: dict[int, Result], round_: Round, user: Any) -> None:
    now = timezone.now()
    new: list[Result] = []
    changed: list[Result] = []
    who = user if getattr(user, "pk", None) else None
    for p in parsed:
        result = existing.get(p.kpi.pk)
        if result is None:
            new.append(
                Result(
                    kpi=p.kpi,
                    round=round_,
                    organisation_id=p.kpi.organisation_id,
                    version=p.version,
                    value=p.value,
                    narrative_th=p.narrative,
                    confidence=p.confidence[0] if p.confidence else "",
                    confidence_reason_th=p.confidence[1] if p.confidence else "",
                    reported_by=who,
                    lock_version=1,
                )
            )
        else:
            result.value, result.narrative_th, result.version = p.value, p.narrative, p.version
            if p.confidence is not None:
                result.confidence, result.confidence_reason_th = p.confidence
            result.reported_by, result.lock_version, result.updated_at = who, result.lock_version + 1, now
            changed.append(result)
    if new:
        bulk_create_with_history(new, Result, batch_size=500, default_user=who, default_change_reason="นำเข้าจาก Excel")
    if changed:
        bulk_update_with_history(
            changed, Result, list(FIELDS), batch_size=500, default_user=who, default_change_reason="นำเข้าจาก Excel"
        )


@job_handler("results.import")
def run_import(run: JobRun) -> None:

    params = run.params
    framework = Framework.objects.get(pk=params["framework_id"])
    round_ = framework.rounds.get(months=params["months"])
    owner = run.owner
    count = import_results(
        viewer=viewer_for(owner), user=owner, framework=framework, round_=round_, data=run.input_bytes(), run=run
    )
    run.finish(f"นำเข้าผลการดำเนินงาน {count:,} รายการ ({round_.name_th} ปี {framework.fiscal_year.year})")
