"""Many accounts at once from Excel: the template, the check of every row, and the import.

All or nothing: every row is checked first (each problem names its row and column, as Excel shows
them: "แถว 4 คอลัมน์ บทบาท: ..."), and only a file without problems creates anyone. Each account is
created by `people.person_create`, without a password: each person gets a set-password link by
e-mail. The import runs as a background job ("people.import") with progress, as other imports do.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.functions import Lower
from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from govkpi.core.errors import Invalid, NotAllowed
from govkpi.core.excel import Column, Sheet, write_sheet
from govkpi.core.excel_safety import (
    check_declared_rows,
    file_invalid,
    header_row,
    open_xlsx,
    pick_sheet,
    row_problem,
    sheet_rows,
)
from govkpi.core.jobs import JobRun, job_handler
from govkpi.organisations.access import Viewer, grantable_roles, may_bind, viewer_for
from govkpi.organisations.choices import ROLE_EN, Role
from govkpi.organisations.models import Organisation
from govkpi.organisations.people import email_problem, person_create, username_problem

SHEET = "ผู้ใช้งาน"
LEGEND_SHEET = "คำอธิบาย"
MAX_ROWS = 5_000
IMPORT_JOB = "people.import"


@dataclass(frozen=True)
class Col:
    header: str
    field: str
    width: float
    english: str  # an English header is accepted too


COLUMNS = (
    Col("ชื่อผู้ใช้", "username", 20, "username"),
    Col("ชื่อ-นามสกุล", "full_name_th", 32, "full name"),
    Col("ตำแหน่ง", "position_th", 32, "position"),
    Col("อีเมล", "email", 30, "e-mail"),
    Col("รหัสหน่วยงาน", "organisation", 14, "organisation code"),
    Col("บทบาท", "role", 28, "role"),
)
REQUIRED = ("username", "full_name_th", "email", "role")
_BY_HEADER = {c.header: c for c in COLUMNS} | {c.english.casefold(): c for c in COLUMNS}


def _role_names() -> dict[str, str]:
    """Every way a role may be written (code, Thai, English, any case) → its code."""
    names: dict[str, str] = {}
    for code, label in Role.choices:
        for name in (code, str(label), ROLE_EN.get(code, "")):
            if name:
                names[name.casefold()] = code
    return names


def people_template_xlsx(viewer: Viewer) -> bytes:
    """An empty sheet with the headers, the roles this viewer may give as a dropdown, and a legend
    of role names and organisation codes (an organisation's administrator: its own only)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    example = (
        [
            (
                "somchai.j",
                "นายสมชาย ใจดี",
                "นักวิเคราะห์นโยบายและแผน",
                "somchai.j@example.go.th",
                viewer.organisation_code,
                str(Role.COORDINATOR.label),
            )
        ]
        if viewer.organisation_code
        else []
    )
    write_sheet(ws, Sheet(name=SHEET, columns=[Column(c.header, c.width) for c in COLUMNS], rows=example))
    roles = [str(Role(r).label) for r in grantable_roles(viewer)]
    listed = ",".join(roles)
    if len(listed) <= 250:  # Excel's limit on an inline list
        validation = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True)
        ws.add_data_validation(validation)
        validation.add("F2:F2000")
    if viewer.is_opdc_admin:
        organisations = Organisation.objects.filter(is_active=True).order_by("kind", "code")
    else:
        organisations = Organisation.objects.filter(pk=viewer.organisation_id or 0)
    legend = wb.create_sheet(LEGEND_SHEET)
    write_sheet(
        legend,
        Sheet(
            name=LEGEND_SHEET,
            columns=[Column("ช่อง", 16), Column("รหัส", 20), Column("ความหมาย", 60, "wrap")],
            rows=[
                *[("บทบาท", r, str(Role(r).label)) for r in grantable_roles(viewer)],
                *[("รหัสหน่วยงาน", o.code, o.name_th) for o in organisations],
            ],
        ),
    )
    wb.properties.title = "govkpi people"
    wb.properties.creator = "govkpi"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _columns(sheet: str, header: Sequence[object]) -> dict[int, Col]:
    columns: dict[int, Col] = {}
    for index, title in enumerate(header):
        col = _BY_HEADER.get(_text(title)) or _BY_HEADER.get(_text(title).casefold())
        if col is not None and col not in columns.values():
            columns[index] = col
    missing = [c.header for c in COLUMNS if c.field in REQUIRED and c not in columns.values()]
    if missing:
        raise file_invalid(
            f"แผ่นงาน '{sheet}' แถว 1 ไม่มีหัวคอลัมน์ {', '.join(missing)} (ใช้แม่แบบที่ดาวน์โหลดจากระบบ)",
            f"Row 1 of the '{sheet}' sheet lacks the column(s) {', '.join(missing)}; start from the template.",
        )
    return columns


def people_precheck(data: bytes) -> None:
    """What a request refuses at once, before a job is queued: the file, its sheet, header and size."""
    ws = pick_sheet(open_xlsx(data), SHEET)
    check_declared_rows(ws, max_rows=MAX_ROWS)
    _columns(ws.title, header_row(ws))


@dataclass(frozen=True)
class Planned:
    row: int
    values: dict[str, str]


def _read(data: bytes) -> list[Planned]:
    ws = pick_sheet(open_xlsx(data), SHEET)
    rows = sheet_rows(ws, max_rows=MAX_ROWS)
    first = next(rows, None)
    if first is None:
        raise file_invalid("ไฟล์ว่างเปล่า ไม่มีแถวหัวตาราง", "The file is empty: there is no header row.")
    columns = _columns(ws.title, first[1])
    planned = []
    for number, cells in rows:
        values = {col.field: _text(cells[i]) if i < len(cells) else "" for i, col in columns.items()}
        if any(values.values()):
            planned.append(Planned(number, values))
    return planned


def people_check(viewer: Viewer, planned: list[Planned], run: JobRun | None = None) -> list[dict[str, Any]]:
    """Every problem of every row (empty: the file may be imported)."""
    User = get_user_model()
    header = {c.field: c.header for c in COLUMNS}
    roles = _role_names()
    organisations = {o.code.casefold(): o for o in Organisation.objects.filter(is_active=True)}
    own = next((o for o in organisations.values() if o.pk == viewer.organisation_id), None)
    usernames = [p.values.get("username", "") for p in planned]
    taken = set(
        User.objects.annotate(folded=Lower("username"))
        .filter(folded__in=[u.casefold() for u in usernames if u])
        .values_list("folded", flat=True)
    )
    problems: list[dict[str, Any]] = []
    seen: dict[str, int] = {}

    def problem(row: int, field: str, th: str, en: str) -> None:
        problems.append(row_problem(row, header[field], th, en))

    for item in planned:
        v, n = item.values, item.row
        for field in REQUIRED:
            if not v.get(field):
                problem(n, field, "ต้องกรอก", "is required")
        username = v.get("username", "")
        if username:
            if (bad := username_problem(username)) is not None:
                problem(n, "username", *bad)
            key = username.casefold()
            if key in seen:
                problem(
                    n,
                    "username",
                    f"ชื่อผู้ใช้ {username} ซ้ำกับแถว {seen[key]}",
                    f"the username {username} repeats row {seen[key]}",
                )
            elif key in taken:
                problem(n, "username", f"ชื่อผู้ใช้ {username} มีอยู่แล้วในระบบ", f"the username {username} is taken")
            seen.setdefault(key, n)
        email = v.get("email", "")
        if email and (bad := email_problem(email)) is not None:
            problem(n, "email", *bad)
        code = v.get("organisation", "")
        organisation = organisations.get(code.casefold()) if code else own
        if code and organisation is None:
            problem(n, "organisation", f"ไม่รู้จักรหัสหน่วยงาน {code}", f"unknown organisation code {code}")
        elif organisation is None:
            problem(n, "organisation", "ต้องกรอก", "is required")
        role_text = v.get("role", "")
        role = roles.get(role_text.casefold()) if role_text else None
        if role_text and role is None:
            problem(n, "role", f"ไม่รู้จักบทบาท {role_text}", f"unknown role {role_text}")
        if role and organisation is not None and not may_bind(viewer, organisation_id=organisation.pk, role=role):
            if role not in grantable_roles(viewer):
                problem(
                    n, "role", f"คุณกำหนดบทบาท {Role(role).label} ไม่ได้", f"you may not give the role {ROLE_EN[role]}"
                )
            else:
                problem(
                    n,
                    "organisation",
                    f"คุณจัดการผู้ใช้ของ {organisation.code} ไม่ได้",
                    f"you do not manage {organisation.code}'s people",
                )
        if role:
            v["role"] = role
        if organisation is not None:
            v["organisation"] = organisation.code
        if run is not None:
            run.advance()
    return problems


@dataclass
class ImportSummary:
    created: int = 0

    @property
    def message_th(self) -> str:
        return f"สร้างบัญชีผู้ใช้ {self.created:,} บัญชี ส่งลิงก์ตั้งรหัสผ่านทางอีเมลแล้ว"

    @property
    def message_en(self) -> str:
        return f"Created {self.created:,} account(s); each was e-mailed a set-password link."


def people_import(*, viewer: Viewer, data: bytes, run: JobRun | None = None) -> ImportSummary:
    """Create every account of the workbook, or none (see the module's docstring)."""
    if not viewer.manages_people:
        raise NotAllowed("คุณไม่มีสิทธิ์จัดการผู้ใช้งาน", "You may not manage people's accounts.")
    planned = _read(data)
    if not planned:
        raise file_invalid("ไม่มีแถวข้อมูลในไฟล์", "The file has no rows below the header.")
    if run is not None:
        run.set_total(len(planned) * 2, message=f"ตรวจสอบ {len(planned):,} แถว")
    problems = people_check(viewer, planned, run)
    if problems:
        raise Invalid(
            f"ไม่ได้นำเข้า: พบข้อผิดพลาด {len(problems):,} รายการ เช่น {problems[0]['message']}",
            f"Nothing imported: {len(problems):,} problem(s), e.g. {problems[0]['message_en']}",
            problems=problems,
        )
    summary = ImportSummary()
    with transaction.atomic():
        for item in planned:
            v = item.values
            person_create(
                viewer=viewer,
                username=v["username"],
                full_name_th=v["full_name_th"],
                organisation_code=v["organisation"],
                role=v["role"],
                email=v["email"],
                position_th=v.get("position_th", ""),
            )
            summary.created += 1
            if run is not None:
                run.advance()
    return summary


@job_handler(IMPORT_JOB)
def people_import_job(run: JobRun) -> None:
    owner = run.owner
    if owner is None:
        raise NotAllowed("งานนำเข้าต้องมีผู้สั่ง", "An import job needs an owner.")
    summary = people_import(viewer=viewer_for(owner), data=run.input_bytes(), run=run)
    run.finish(summary.message_th)
