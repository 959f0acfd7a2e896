"""Import an organisation's proposal from the Excel template `kpis.excel` exports.

All or nothing: every row is checked (types, components, Basket codes, plan codes), then the
whole proposal with the scoring validation (weights per component, counts, ladders). Only when
nothing is wrong are the proposal's KPIs replaced by the file's rows (matched by KPI code, so
unchanged KPIs keep their history), and the proposal's `lock_version` bumped. Each problem names
its row and column in Thai, as Excel shows them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import ProtectedError
from simple_history.utils import bulk_create_with_history

from govkpi.basket.excel import file_invalid, open_sheet, row_problem
from govkpi.basket.models import BasketKpi
from govkpi.basket.services import choice_value, plain, to_decimal
from govkpi.core.choices import thai_choices
from govkpi.core.errors import Conflict, Invalid, NotAllowed, NotFound
from govkpi.core.excel_safety import check_declared_rows, header_row, sheet_rows
from govkpi.core.jobs import JobRun, job_handler
from govkpi.frameworks.choices import Direction, Measure
from govkpi.frameworks.models import Component, Framework
from govkpi.frameworks.selectors import scoring_framework
from govkpi.kpis import field_rules
from govkpi.kpis.choices import KpiType, Origin, ProposalState, Support
from govkpi.kpis.excel import (
    ID_GROUP,
    ID_LOCK,
    ID_LOCK_LEGACY,
    ID_ORG,
    ID_YEAR,
    KPI_SHEET,
    NO,
    RULES_SHEET,
    YES,
    KpiCol,
    kpi_columns,
)
from govkpi.kpis.models import Kpi, Proposal
from govkpi.organisations.access import Viewer, viewer_for
from govkpi.plans.models import PlanNode
from govkpi.scoring import models as sm
from govkpi.scoring.ambition import below_plan, standard_index
from govkpi.scoring.validation import validate

EDITABLE_STATES = {ProposalState.DRAFT, ProposalState.RETURNED}
CODE_RE = re.compile(r"^[A-Za-z0-9ก-๙][A-Za-z0-9ก-๙._/-]*$")
MAX_ROWS = 2_000
#: The rules sheet the export writes is a few dozen lines.
RULES_MAX_ROWS = 500
TEXT_FIELDS = (
    "name_th",
    "unit_th",
    "national_target_th",
    "below_plan_reason_th",
    "definition_th",
    "formula_th",
    "data_source_th",
    "responsible_th",
    "evidence_th",
)
#: Template fields a new row picked from the Basket takes from the entry when its cell is blank.
FROM_BASKET = ("name_th", "definition_th", "formula_th", "unit_th", "data_source_th", "evidence_th")


@dataclass(frozen=True)
class Identity:
    year: int
    group: str
    organisation: str
    lock_version: int | None


@dataclass
class Row:
    """One checked row: its Excel number and the values to store."""

    number: int
    values: dict[str, Any]
    plan_links: list[str]
    basket: BasketKpi | None = None


@dataclass
class ProposalImportSummary:
    created: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    lock_version: int = 0
    problems: list[dict[str, Any]] = field(default_factory=list)

    @property
    def message_th(self) -> str:
        return (
            f"นำเข้าข้อเสนอแล้ว: เพิ่ม {self.created:,} ตัวชี้วัด แก้ไข {self.updated:,} ลบ {self.removed:,}"
            f" ไม่เปลี่ยนแปลง {self.unchanged:,}"
        )


# ---------------------------------------------------------------------------------------------
# Access


def proposal_visible(*, viewer: Viewer, pk: int) -> Proposal:
    """The proposal if the viewer may see its organisation's internal data; else 404."""
    proposal = Proposal.objects.select_related("organisation", "framework__fiscal_year").filter(pk=pk).first()
    if proposal is None or not viewer.may_see_organisation(
        organisation_id=proposal.organisation_id,
        kind=proposal.organisation.kind,
        parent_id=proposal.organisation.parent_id,
    ):
        raise NotFound("ไม่พบข้อเสนอตัวชี้วัด", "No such proposal.")
    return proposal


def may_import(viewer: Viewer, proposal: Proposal) -> bool:
    return viewer.is_opdc or viewer.may_edit_for(proposal.organisation_id)


def check_may_import(viewer: Viewer, proposal: Proposal) -> None:
    if not may_import(viewer, proposal):
        raise NotAllowed(
            "เฉพาะผู้ประสานงานตัวชี้วัดของส่วนราชการนี้หรือสำนักงาน ก.พ.ร. เท่านั้นที่นำเข้าข้อเสนอได้",
            "Only the organisation's coordinator or OPDC may import its proposal.",
        )
    if proposal.state not in EDITABLE_STATES:
        raise Conflict(
            f"ข้อเสนออยู่ในสถานะ '{proposal.get_state_display()}' นำเข้าได้เฉพาะเมื่อเป็นร่างหรือถูกส่งกลับแก้ไข",
            f"The proposal is {proposal.state}; it can be imported only while draft or returned.",
            current={"state": proposal.state, "lock_version": proposal.lock_version},
        )


# ---------------------------------------------------------------------------------------------
# Reading the file


def read_identity(data: bytes) -> Identity:
    """Which proposal the file belongs to, from the rules sheet the export wrote."""
    ws = open_sheet(data, RULES_SHEET, strict=True)
    found: dict[str, object] = {}
    for number, (label, value, *_) in sheet_rows(ws, max_rows=RULES_MAX_ROWS, max_col=2):
        if number <= 20 and isinstance(label, str):
            found[label.strip()] = value
    year = to_decimal(found.get(ID_YEAR))
    group = str(found.get(ID_GROUP) or "").strip()
    organisation = str(found.get(ID_ORG) or "").strip()
    if year is None or not group or not organisation:
        raise file_invalid(
            f"แผ่นงาน '{RULES_SHEET}' ไม่มีปีงบประมาณ กลุ่ม หรือรหัสส่วนราชการ (ใช้ไฟล์ที่ส่งออกจากระบบเป็นแม่แบบ)",
            f"The '{RULES_SHEET}' sheet lacks the year, group or organisation; start from the exported template.",
        )
    lock = to_decimal(found.get(ID_LOCK, found.get(ID_LOCK_LEGACY)))
    return Identity(int(year), group, organisation, int(lock) if lock is not None else None)


def proposal_of(identity: Identity) -> Proposal:
    proposal = (
        Proposal.objects.select_related("organisation", "framework__fiscal_year")
        .filter(
            framework__fiscal_year__year=identity.year,
            framework__group=identity.group,
            organisation__code=identity.organisation,
        )
        .first()
    )
    if proposal is None:
        raise NotFound(
            f"ไม่พบข้อเสนอของ {identity.organisation} ปี {identity.year} ({identity.group})",
            f"No proposal of {identity.organisation} for {identity.year} ({identity.group}).",
        )
    return proposal


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _kpi_header(header: Sequence[object], framework: Framework) -> tuple[dict[int, KpiCol], list[str]]:
    """Column index → KpiCol for row 1 of the KPI sheet, and the optional headers it lacks."""
    columns = kpi_columns(framework)
    by_header = {c.header: c for c in columns}
    found: dict[int, KpiCol] = {}
    for index, title in enumerate(header):
        col = by_header.get(_text(title))
        if col is not None:
            found[index] = col
    present = {c.header for c in found.values()}
    missing = [c.header for c in columns if c.header not in present]
    required = {"องค์ประกอบ (รหัส)", "รหัสตัวชี้วัด", "ชื่อตัวชี้วัด", "น้ำหนัก (ร้อยละ)", "ทิศทาง"}
    required |= {c.header for c in columns if c.field == "targets"}
    if required & set(missing):
        names = ", ".join(c for c in missing if c in required)
        raise file_invalid(
            f"แผ่นงาน '{KPI_SHEET}' แถว 1 ไม่มีหัวคอลัมน์ {names} (ค่าเป้าหมายต้องตรงกับขั้นของกรอบการประเมิน)",
            f"Row 1 of '{KPI_SHEET}' lacks the column(s) {names}.",
        )
    return found, missing


def _rows(data: bytes, framework: Framework) -> tuple[dict[int, KpiCol], list[tuple[int, list[object]]], list[str]]:
    ws = open_sheet(data, KPI_SHEET, strict=True)
    iterator = (values for _, values in sheet_rows(ws, max_rows=MAX_ROWS))
    found, missing = _kpi_header(next(iterator, []), framework)
    body: list[tuple[int, list[object]]] = []
    for number, values in enumerate(iterator, start=2):
        cells: list[object] = [v.strip() or None if isinstance(v, str) else v for v in values]
        if any(v is not None for v in cells):
            body.append((number, cells))
    return found, body, missing


# ---------------------------------------------------------------------------------------------
# Checking


@dataclass
class Context:
    framework: Framework
    proposal: Proposal
    components: dict[str, Component]
    baskets: dict[str, BasketKpi]
    plans: dict[str, int]
    existing: dict[str, Kpi]
    headers: dict[str, str]  # field → header (targets: the first level's)


def _check_row(
    ctx: Context, number: int, cells: Sequence[object], columns: Mapping[int, KpiCol]
) -> tuple[Row, list[dict[str, Any]]]:
    problems: list[dict[str, Any]] = []

    def bad(col: str, th: str, en: str) -> None:
        problems.append(row_problem(number, col, th, en))

    raw: dict[str, object] = {}
    targets_raw: dict[int, object] = {}
    header_of: dict[str, str] = {}
    target_headers: dict[int, str] = {}
    for index, col in columns.items():
        value = cells[index] if index < len(cells) else None
        if col.field == "targets":
            targets_raw[col.index] = value
            target_headers[col.index] = col.header
        else:
            raw[col.field] = value
            header_of[col.field] = col.header
    values: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        values[name] = _text(raw.get(name))
    code = _text(raw.get("code"))
    values["code"] = code
    h = header_of.get
    if not code:
        bad(h("code", "รหัสตัวชี้วัด"), "ต้องระบุ", "is required")
    elif len(code) > 40 or not CODE_RE.match(code):
        bad(h("code", "รหัสตัวชี้วัด"), f"'{code}' ไม่ใช่รหัสที่ใช้ได้ (ไม่เกิน 40 ตัว ไม่มีช่องว่าง)", f"'{code}' is not a valid code")
    existing = ctx.existing.get(code)

    component_raw = _text(raw.get("component"))
    component = ctx.components.get(component_raw) or next(
        (c for c in ctx.components.values() if c.name_th == component_raw), None
    )
    if component is None:
        known = ", ".join(ctx.components)
        bad(
            h("component", "องค์ประกอบ (รหัส)"),
            f"ไม่พบองค์ประกอบ '{component_raw}' ในกรอบการประเมิน (ใช้ได้: {known})",
            f"unknown component '{component_raw}' (use {known})",
        )
    else:
        values["component_id"] = component.pk
        values["component_code"] = component.code

    basket_code = _text(raw.get("basket"))
    origin_raw = raw.get("origin")
    if origin_raw in (None, ""):
        origin = Origin.BASKET if basket_code else Origin.PROPOSED
    else:
        origin = choice_value(origin_raw, Origin.choices)  # type: ignore[assignment]
        if origin is None:
            bad(
                h("origin", "ที่มา"),
                f"'{origin_raw}' ไม่ใช่ที่มาที่ใช้ได้ ({' / '.join(Origin.labels)})",
                f"unknown origin '{origin_raw}'",
            )
    values["origin"] = origin
    basket: BasketKpi | None = None
    if origin == Origin.BASKET:
        basket = ctx.baskets.get(basket_code)
        column = h("basket", "รหัส KPI Basket")
        if not basket_code:
            bad(column, "ตัวชี้วัดที่เลือกจาก KPI Basket ต้องระบุรหัส KPI Basket", "a KPI picked from the Basket needs its code")
        elif basket is None:
            bad(column, f"ไม่พบรหัส {basket_code} ใน KPI Basket", f"no Basket entry {basket_code}")
        elif basket.group != ctx.framework.group:
            bad(
                column,
                f"{basket_code} เป็นตัวชี้วัดของกลุ่ม{basket.get_group_display()} ไม่ใช่กลุ่มของกรอบนี้",
                f"{basket_code} belongs to another group",
            )
            basket = None
        elif basket.is_retired and not (existing and existing.basket_id == basket.pk):
            bad(column, f"{basket_code} เลิกใช้แล้ว เลือกไม่ได้", f"{basket_code} is retired")
            basket = None
    elif origin == Origin.PROPOSED and basket_code:
        bad(
            h("basket", "รหัส KPI Basket"),
            "ตัวชี้วัดที่เสนอเพิ่มเติมต้องเว้นว่างรหัส KPI Basket (หรือเปลี่ยนที่มาเป็นเลือกจาก KPI Basket)",
            "a proposed KPI must leave the Basket code blank",
        )
    values["basket_id"] = basket.pk if basket else None
    if basket is not None and existing is None:
        for name in FROM_BASKET:
            if not values[name]:
                values[name] = getattr(basket, name)
    values["baseline"] = list(existing.baseline) if existing else (list(basket.baseline) if basket else [])
    values["themes"] = list(existing.themes) if existing else (list(basket.themes) if basket else [])
    if not values["name_th"]:
        bad(h("name_th", "ชื่อตัวชี้วัด"), "ต้องระบุ", "is required")
    if len(values["name_th"]) > 500:
        bad(h("name_th", "ชื่อตัวชี้วัด"), "ยาวเกิน 500 ตัวอักษร", "longer than 500 characters")
    if len(values["unit_th"]) > 60:
        bad(h("unit_th", "หน่วยวัด"), "ยาวเกิน 60 ตัวอักษร", "longer than 60 characters")

    for name, choices, default in (
        ("kpi_type", KpiType.choices, KpiType.FUNCTION),
        ("direction", Direction.choices, basket.direction if basket else None),
        ("measure", Measure.choices, basket.measure if basket else Measure.NUMERIC),
        ("support", Support.choices, Support.NONE),
    ):
        given = raw.get(name)
        if given in (None, ""):
            if default is None:
                bad(h(name, name), "ต้องระบุ (ยิ่งมากยิ่งดี / ยิ่งน้อยยิ่งดี)", "is required")
            values[name] = default
            continue
        chosen = choice_value(given, choices)
        if chosen is None:
            labels = " / ".join(label for _, label in thai_choices(choices))
            bad(
                h(name, name),
                f"'{given}' ไม่ใช่ค่าที่ใช้ได้ (ใช้ได้: {labels})",
                f"'{given}' is not one of {', '.join(c for c, _ in choices)}",
            )
        values[name] = chosen

    weight_raw = raw.get("weight")
    weight = to_decimal(weight_raw) if weight_raw not in (None, "") else None
    if weight is None:
        bad(
            h("weight", "น้ำหนัก (ร้อยละ)"),
            "ต้องเป็นตัวเลข" if weight_raw not in (None, "") else "ต้องระบุ (ตัวชี้วัด Monitor ใส่ 0)",
            "must be a number" if weight_raw not in (None, "") else "is required (0 for a Monitor KPI)",
        )
    values["weight"] = weight

    monitor_raw = _text(raw.get("is_monitor"))
    if monitor_raw in {"", NO, "no", "false", "0"}:
        values["is_monitor"] = False
    elif monitor_raw in {YES, "yes", "true", "1"}:
        values["is_monitor"] = True
    else:
        bad(
            h("is_monitor", "ตัวชี้วัด Monitor"),
            f"ต้องเป็น '{YES}' หรือ '{NO}' (ได้ '{monitor_raw}')",
            f"must be '{YES}' or '{NO}'",
        )
        values["is_monitor"] = False

    targets: list[Decimal] = []
    targets_ok = True
    for index in sorted(targets_raw):
        value = targets_raw[index]
        amount = to_decimal(value) if value not in (None, "") else None
        if amount is None:
            targets_ok = False
            bad(
                target_headers[index],
                "ต้องเป็นตัวเลข" if value not in (None, "") else "ต้องระบุ",
                "must be a number" if value not in (None, "") else "is required",
            )
        else:
            targets.append(amount)
    values["targets"] = targets if targets_ok else None

    national_raw = raw.get("national_target_value")
    national = to_decimal(national_raw) if national_raw not in (None, "") else None
    if national_raw not in (None, "") and national is None:
        bad(h("national_target_value", "ค่าเป้าหมายตามแผน (ตัวเลข)"), "ต้องเป็นตัวเลข", "must be a number")
    values["national_target_value"] = national
    if national is not None and targets_ok and targets and values.get("direction") in Direction.values:
        standard = targets[standard_index(len(targets))]
        if below_plan(targets, national, values["direction"]) and not values["below_plan_reason_th"]:
            bad(
                h("below_plan_reason_th", "เหตุผลกรณีค่าเป้าหมายต่ำกว่าแผน"),
                f"ค่าเป้าหมายมาตรฐาน ({plain(standard)}) ต่ำกว่าค่าเป้าหมายตามแผน ({plain(national)}) ต้องระบุเหตุผล",
                f"the standard target ({plain(standard)}) is below the plan's ({plain(national)}); give a reason",
            )

    plan_codes: list[str] = []
    for item in re.split(r"[,;\n]", _text(raw.get("plan_links"))):
        item = item.strip()
        if item and item not in plan_codes:
            plan_codes.append(item)
    unknown = [c for c in plan_codes if c not in ctx.plans]
    if unknown:
        bad(
            h("plan_links", "ความเชื่อมโยงกับแผน (รหัส)"),
            f"ไม่พบรหัสแผน {', '.join(unknown)}",
            f"unknown plan code(s) {', '.join(unknown)}",
        )
    if not plan_codes and basket is not None and existing is None and "plan_links" not in header_of:
        plan_codes = [p.code for p in basket.plan_links.all()]

    subject = existing if existing is not None else _picked(basket, values, len(target_headers))
    if subject is not None:
        # The rule set decides, as for the form and the API: a cascaded KPI's weight, targets,
        # unit and formula, a Basket KPI's formula and unit (unless tunable) cannot change here either.
        given = _given(values, header_of, plan_codes)
        for name in field_rules.refused_fields(subject, given, state=ctx.proposal.state):
            refused = field_rules.refusal(subject, name, state=ctx.proposal.state)
            column = target_headers[min(target_headers)] if name == "targets" and target_headers else h(name, name)
            bad(column, refused.message_th, refused.message_en)
        if existing is not None:
            # A fixed field whose column the file lacks keeps its stored value instead of going blank.
            for name in field_rules.locked_fields(existing, state=ctx.proposal.state):
                if name in values and name not in given:
                    values[name] = getattr(existing, name)
    return Row(number, values, sorted(c for c in plan_codes if c in ctx.plans), basket), problems


def _given(values: dict[str, Any], header_of: Mapping[str, str], plan_codes: list[str]) -> dict[str, Any]:
    """The row's values in the rule set's field names, for the columns the file has."""
    given: dict[str, Any] = {name: values[name] for name in values if name in header_of and name in field_rules.LABELS}
    for name in ("weight", "targets"):
        if values.get(name) is None:
            given.pop(name, None)
        else:
            given[name] = values[name]
    for name in ("direction", "measure", "kpi_type", "support"):
        if given.get(name) is None:
            given.pop(name, None)
    if "component_id" in values:
        given["component"] = values["component_id"]
    if "plan_links" in header_of:
        given["plan_links"] = plan_codes
    return given


def _picked(basket: BasketKpi | None, values: dict[str, Any], levels: int) -> Kpi | None:
    """A new row picked from the Basket, as the KPI it would be: its template fields are the entry's."""
    if basket is None:
        return None
    recommended = basket.recommended_for(levels)
    kpi = Kpi(
        code=values.get("code") or "",
        origin=Origin.BASKET,
        basket=basket,
        **{name: getattr(basket, name) for name in FROM_BASKET},
        direction=basket.direction,
        measure=basket.measure,
        # An entry without a usable ladder lets the organisation set its own (as `kpi_add_from_basket`).
        targets=recommended if recommended is not None else list(values.get("targets") or []),
    )
    return kpi


#: scoring rule → the field whose column a problem points at.
RULE_FIELD = {
    "kpi_weight_invalid": "weight",
    "kpi_weight_not_positive": "weight",
    "kpi_targets_count": "targets",
    "kpi_target_invalid": "targets",
    "kpi_targets_order": "targets",
    "kpi_direction_invalid": "direction",
    "kpi_component_unknown": "component",
}


def _scoring_problems(ctx: Context, rows: list[Row]) -> list[dict[str, Any]]:
    """The whole proposal under the framework's rules, problems tied to rows and columns."""
    inputs: list[sm.KpiInput] = []
    row_of: dict[str, list[int]] = {}
    for row in rows:
        v = row.values
        if v.get("weight") is None or v.get("targets") is None or "component_code" not in v or not v["code"]:
            continue
        inputs.append(
            sm.KpiInput(
                code=v["code"],
                component=v["component_code"],
                weight=v["weight"],
                targets=tuple(v["targets"]),
                result=None,
                direction=v.get("direction") or "higher_is_better",
                monitor=v["is_monitor"],
                name=v["name_th"],
            )
        )
        row_of.setdefault(v["code"], []).append(row.number)
    problems: list[dict[str, Any]] = []
    component_rows: dict[str, list[int]] = {}
    for row in rows:
        if "component_code" in row.values and not row.values.get("is_monitor"):
            component_rows.setdefault(row.values["component_code"], []).append(row.number)
    for p in validate(sm.Scorecard(scoring_framework(ctx.framework), tuple(inputs))):
        if p.rule == "kpi_code_duplicate":
            continue  # reported per row already
        if p.kpi is not None and p.kpi in row_of:
            column = ctx.headers.get(RULE_FIELD.get(p.rule, ""), "")
            for number in row_of[p.kpi]:
                problems.append(row_problem(number, column, p.message_th, p.message_en))
        else:
            numbers = component_rows.get(p.component or "", [])
            where = f"แถว {', '.join(str(n) for n in numbers)}" if numbers else "ทั้งข้อเสนอ"
            where_en = f"rows {', '.join(str(n) for n in numbers)}" if numbers else "the whole proposal"
            problems.append(
                {
                    "row": ", ".join(str(n) for n in numbers),
                    "column": ctx.headers.get("weight", "") if p.rule == "component_weight_sum" else "",
                    "message": f"{where}: {p.message_th}",
                    "message_en": f"{where_en}: {p.message_en}",
                }
            )
    return problems


# ---------------------------------------------------------------------------------------------
# Writing

COMPARED = (
    "component_id",
    "name_th",
    "origin",
    "basket_id",
    "kpi_type",
    "weight",
    "direction",
    "unit_th",
    "measure",
    "is_monitor",
    "support",
    "national_target_th",
    "national_target_value",
    "below_plan_reason_th",
    "definition_th",
    "formula_th",
    "data_source_th",
    "responsible_th",
    "evidence_th",
)


def _changed(kpi: Kpi, row: Row, order: int) -> bool:
    v = row.values
    if any(getattr(kpi, name) != v[name] for name in COMPARED):
        return True
    if kpi.order != order or kpi.is_removed:
        return True
    return kpi.target_values() != tuple(v["targets"])


def _assign(kpi: Kpi, row: Row, order: int) -> None:
    v = row.values
    for name in COMPARED:
        setattr(kpi, name, v[name])
    kpi.targets = [plain(t) for t in v["targets"]]
    kpi.order = order
    kpi.is_removed = False


@transaction.atomic
def proposal_import(
    *,
    by: AbstractBaseUser | None,
    data: bytes,
    proposal: Proposal | None = None,
    run: JobRun | None = None,
) -> ProposalImportSummary:
    """Replace a proposal's KPIs with the file's rows, all or nothing.

    `proposal` given (web, API): the file must belong to it. `by` None means the command line.
    """
    identity = read_identity(data)
    target = proposal_of(identity)
    if proposal is not None and target.pk != proposal.pk:
        raise Invalid(
            f"ไฟล์นี้เป็นข้อเสนอของ {identity.organisation} ปี {identity.year} ไม่ใช่ข้อเสนอนี้",
            f"This file belongs to {identity.organisation} {identity.year}, not to this proposal.",
        )
    locked = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("organisation", "framework__fiscal_year")
        .get(pk=target.pk)
    )
    if by is not None:
        check_may_import(viewer_for(by), locked)
    elif locked.state not in EDITABLE_STATES:
        check_may_import(Viewer(is_superuser=True), locked)
    if identity.lock_version is not None and identity.lock_version != locked.lock_version:
        raise Conflict(
            f"ข้อเสนอถูกแก้ไขหลังจากส่งออกไฟล์นี้ (ไฟล์เป็นฉบับที่ {identity.lock_version}"
            f" ปัจจุบันเป็นฉบับที่ {locked.lock_version}) กรุณาดาวน์โหลดแม่แบบใหม่",
            f"The proposal changed after this file was exported (file version {identity.lock_version},"
            f" now {locked.lock_version}); download the template again.",
            current={"lock_version": locked.lock_version, "state": locked.state},
        )
    framework = Framework.objects.prefetch_related("components", "target_levels", "bands").get(pk=locked.framework_id)
    columns, body, _missing = _rows(data, framework)
    existing = {k.code: k for k in locked.kpis.select_related("component", "basket").prefetch_related("plan_links")}
    headers: dict[str, str] = {}
    for col in kpi_columns(framework):
        headers.setdefault(col.field, col.header)
    ctx = Context(
        framework=framework,
        proposal=locked,
        components={c.code: c for c in framework.components.all()},
        baskets={b.code: b for b in BasketKpi.objects.prefetch_related("plan_links")},
        plans=dict(PlanNode.objects.values_list("code", "pk")),
        existing=existing,
        headers=headers,
    )
    if run is not None:
        run.set_total(len(body), message="กำลังตรวจสอบ")
    problems: list[dict[str, Any]] = []
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for number, cells in body:
        row, row_problems = _check_row(ctx, number, cells, columns)
        problems.extend(row_problems)
        code = row.values["code"]
        if code in seen:
            problems.append(
                row_problem(
                    number, headers["code"], f"รหัส {code} ซ้ำกับแถว {seen[code]}", f"code {code} repeats row {seen[code]}"
                )
            )
        elif code:
            seen[code] = number
        rows.append(row)
    for code, kpi in existing.items():
        if code not in seen and not kpi.is_removed and (kpi.cascade_id or kpi.joint_id):
            kind = "ตัวชี้วัดที่ถ่ายทอด (Cascaded)" if kpi.cascade_id else "ตัวชี้วัดร่วม (Joint)"
            problems.append(
                {
                    "row": "",
                    "column": headers["code"],
                    "message": f"ไม่มีแถวของ{kind} {code}: ตัวชี้วัดนี้ลบออกจากข้อเสนอไม่ได้",
                    "message_en": f"The joint or cascaded KPI {code} is missing; it cannot be removed.",
                }
            )
    if not rows:
        problems.append(
            {"row": "", "column": "", "message": "ไม่มีตัวชี้วัดในไฟล์", "message_en": "The file has no KPI rows."}
        )
    problems.extend(_scoring_problems(ctx, rows))
    if problems:
        raise Invalid(
            f"ไม่ได้นำเข้า: พบข้อผิดพลาด {len(problems):,} รายการ เช่น {problems[0]['message']}",
            f"Nothing imported: {len(problems):,} problem(s), e.g. {problems[0]['message_en']}",
            problems=problems,
        )
    summary = _write(locked, rows, existing, by, run)
    return summary


def _write(
    proposal: Proposal, rows: list[Row], existing: dict[str, Kpi], by: AbstractBaseUser | None, run: JobRun | None
) -> ProposalImportSummary:
    summary = ProposalImportSummary()
    reason = "นำเข้าข้อเสนอจาก Excel"
    plans = {code: pk for code, pk in PlanNode.objects.values_list("code", "pk")}
    created: list[tuple[Kpi, Row]] = []
    for order, row in enumerate(rows, start=1):
        code = row.values["code"]
        kpi = existing.get(code)
        if kpi is None:
            kpi = Kpi(
                proposal=proposal,
                framework_id=proposal.framework_id,
                organisation_id=proposal.organisation_id,
                code=code,
                baseline=row.values["baseline"],
                themes=row.values["themes"],
                lineage=row.basket.code if row.basket else "",
            )
            _assign(kpi, row, order)
            created.append((kpi, row))
            continue
        links_before = sorted(p.code for p in kpi.plan_links.all())
        if _changed(kpi, row, order):
            _assign(kpi, row, order)
            kpi.lock_version += 1  # an editor holding the old version gets a conflict, not an overwrite
            kpi._history_user = by  # type: ignore[attr-defined]
            kpi._change_reason = reason  # type: ignore[attr-defined]
            kpi.save()
            summary.updated += 1
        elif links_before == row.plan_links:
            summary.unchanged += 1
        else:
            summary.updated += 1
        if links_before != row.plan_links:
            kpi._history_user = by  # type: ignore[attr-defined]
            kpi.plan_links.set([plans[c] for c in row.plan_links])
        if run is not None and order % 50 == 0:
            run.advance(50, message=f"บันทึกแล้ว {order:,} แถว")
    if created:
        # In bulk: one history row per new KPI (who, why) without a query per plan link.
        saved = bulk_create_with_history(
            [k for k, _ in created], Kpi, batch_size=500, default_user=by, default_change_reason=reason
        )
        by_code = (
            {k.code: k for k in saved}
            if all(k.pk for k in saved)
            else {k.code: k for k in Kpi.objects.filter(proposal=proposal, code__in=[k.code for k, _ in created])}
        )
        Through = Kpi.plan_links.through
        Through.objects.bulk_create(
            [Through(kpi_id=by_code[k.code].pk, plannode_id=plans[c]) for k, row in created for c in row.plan_links]
        )
        summary.created = len(created)
    keep = {row.values["code"] for row in rows}
    for code, kpi in existing.items():
        if code in keep or kpi.is_removed:
            continue
        kpi._history_user = by  # type: ignore[attr-defined]
        kpi._change_reason = reason  # type: ignore[attr-defined]
        try:
            kpi.delete()
        except ProtectedError as exc:
            raise Conflict(
                f"ลบตัวชี้วัด {code} ไม่ได้ เพราะมีผลการดำเนินงานหรือคำขอเปลี่ยนแปลงแล้ว",
                f"KPI {code} has results or change requests and cannot be removed.",
            ) from exc
        summary.removed += 1
    if summary.created or summary.updated or summary.removed:
        proposal.lock_version += 1
        proposal._history_user = by  # type: ignore[attr-defined]
        proposal._change_reason = reason  # type: ignore[attr-defined]
        proposal.save(update_fields=["lock_version", "updated_at"])
    summary.lock_version = proposal.lock_version
    return summary


@job_handler("proposal.import")
def proposal_import_job(run: JobRun) -> None:
    owner = run.owner
    if owner is None:
        raise NotAllowed("งานนำเข้าต้องมีผู้สั่ง", "An import job needs an owner.")
    proposal = proposal_visible(viewer=viewer_for(owner), pk=int(run.params["proposal_id"]))
    summary = proposal_import(by=owner, data=run.input_bytes(), proposal=proposal, run=run)
    run.finish(summary.message_th)


def proposal_import_precheck(*, viewer: Viewer, proposal: Proposal, data: bytes) -> None:
    """The quick checks a request can answer at once (403, 404, 409) before the job is queued."""
    check_may_import(viewer, proposal)
    identity = read_identity(data)
    org = proposal.organisation.code
    if (identity.year, identity.group, identity.organisation) != (
        proposal.framework.fiscal_year.year,
        proposal.framework.group,
        org,
    ):
        raise Invalid(
            f"ไฟล์นี้เป็นข้อเสนอของ {identity.organisation} ปี {identity.year} ไม่ใช่ข้อเสนอนี้",
            f"This file belongs to {identity.organisation} {identity.year}, not to this proposal.",
        )
    if identity.lock_version is not None and identity.lock_version != proposal.lock_version:
        raise Conflict(
            f"ข้อเสนอถูกแก้ไขหลังจากส่งออกไฟล์นี้ (ไฟล์เป็นฉบับที่ {identity.lock_version}"
            f" ปัจจุบันเป็นฉบับที่ {proposal.lock_version}) กรุณาดาวน์โหลดแม่แบบใหม่",
            f"The proposal changed after this file was exported (file version {identity.lock_version},"
            f" now {proposal.lock_version}); download the template again.",
            current={"lock_version": proposal.lock_version, "state": proposal.state},
        )
    ws = open_sheet(data, KPI_SHEET, strict=True)
    check_declared_rows(ws, max_rows=MAX_ROWS)
    _kpi_header(header_row(ws), proposal.framework)
