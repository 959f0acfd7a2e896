"""Writes to the KPI Basket: only OPDC curates it; everybody reads it.

Every way in (the form, the API, the Excel import) hands a plain mapping of template values to
`basket_kpi_clean`, which returns the cleaned values and *every* problem at once, each naming its
field in Thai and English. Nothing is saved while a problem remains.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from govkpi.basket.constants import (
    BASELINE_YEARS,
    MAX_TARGET_LEVELS,
    MIN_TARGET_LEVELS,
    TUNABLE,
    label_en,
    label_th,
)
from govkpi.basket.models import BasketKpi, Domain
from govkpi.core.choices import thai_choices
from govkpi.core.errors import Invalid, NotAllowed, NotFound
from govkpi.core.thaisearch import search_text
from govkpi.frameworks.choices import Direction, GroupCode, Measure
from govkpi.organisations.access import Viewer, viewer_for
from govkpi.organisations.choices import OrganisationKind
from govkpi.organisations.models import Organisation
from govkpi.plans.models import PlanNode
from govkpi.scoring import strictly_ordered

CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
TEXT_LIMITS = {"name_th": 500, "name_en": 500, "unit_th": 60}
TEXT_FIELDS = ("name_th", "name_en", "definition_th", "formula_th", "unit_th", "data_source_th", "evidence_th")
LIST_FIELDS = ("baseline", "recommended_targets", "plan_links", "applicable_kinds", "themes", "tunable_fields")
#: Every field a caller may give; `code` only on creation.
TEMPLATE_FIELDS = (
    "code",
    "group",
    *TEXT_FIELDS,
    "direction",
    "measure",
    "domain",
    *LIST_FIELDS,
    "ministry",
)


@dataclass
class Cleaned:
    """The values ready to store, and every problem found on the way."""

    values: dict[str, Any] = field(default_factory=dict)
    problems: list[dict[str, Any]] = field(default_factory=list)

    def add(self, name: str, message_th: str, message_en: str) -> None:
        self.problems.append(
            {
                "field": name,
                "label": label_th(name),
                "message": f"{label_th(name)}: {message_th}",
                "message_th": message_th,
                "message_en": f"{label_en(name)}: {message_en}",
            }
        )


def plain(value: Decimal) -> str:
    """A decimal as its shortest plain text: 80.00 → "80", 2.50 → "2.5" (never "1E+2")."""
    text = format(value.normalize(), "f")
    return "0" if text in {"-0", ""} else text


def to_decimal(value: object) -> Decimal | None:
    """A number from a form, JSON or an Excel cell; None when it is not a finite number."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float):
        value = repr(value)
    text = str(value).strip().replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def choice_value(value: object, choices: Iterable[tuple[str, object]]) -> str | None:
    """The stored code of a choice given by its code or its Thai label (as Excel shows it)."""
    text = str(value or "").strip()
    for code, label in thai_choices(choices):
        if text.lower() == code.lower() or text == label:
            return code
    return None


def as_list(value: object) -> list[Any]:
    """Lists stay lists; text is split on commas, semicolons or new lines (as typed in a form)."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return list(value)
    return [part.strip() for part in re.split(r"[,;\n]", str(value)) if part.strip()]


def _clean_text(out: Cleaned, data: Mapping[str, Any]) -> None:
    for name in TEXT_FIELDS:
        text = str(data.get(name) or "").strip()
        limit = TEXT_LIMITS.get(name)
        if limit and len(text) > limit:
            out.add(name, f"ยาวเกิน {limit} ตัวอักษร (มี {len(text)})", f"longer than {limit} characters ({len(text)})")
        out.values[name] = text
    if not out.values["name_th"]:
        out.add("name_th", "ต้องระบุ", "is required")


def _clean_choices(out: Cleaned, data: Mapping[str, Any]) -> None:
    for name, choices, default in (
        ("group", GroupCode.choices, GroupCode.AGENCIES),
        ("direction", Direction.choices, Direction.HIGHER),
        ("measure", Measure.choices, Measure.NUMERIC),
        ("domain", Domain.choices, Domain.GOVERNANCE),
    ):
        raw = data.get(name)
        if raw in (None, ""):
            out.values[name] = str(default)
            continue
        code = choice_value(raw, choices)
        if code is None:
            allowed = " / ".join(label for _, label in thai_choices(choices))
            codes = ", ".join(c for c, _ in choices)
            out.add(name, f"'{raw}' ไม่ใช่ค่าที่ใช้ได้ (ใช้ได้: {allowed})", f"'{raw}' is not one of {codes}")
        else:
            out.values[name] = code


def _clean_baseline(out: Cleaned, raw: object) -> None:
    rows: list[dict[str, Any]] = []
    years: set[int] = set()
    items = raw if isinstance(raw, list | tuple) else []
    if raw not in (None, "") and not isinstance(raw, list | tuple):
        out.add("baseline", "ต้องเป็นรายการของปีและค่า", "must be a list of {year, value}")
    if len(items) > BASELINE_YEARS:
        out.add("baseline", f"ระบุได้ไม่เกิน {BASELINE_YEARS} ปี", f"at most {BASELINE_YEARS} years")
    for index, item in enumerate(items[:BASELINE_YEARS], start=1):
        year_raw = item.get("year") if isinstance(item, Mapping) else None
        value_raw = item.get("value") if isinstance(item, Mapping) else None
        if year_raw in (None, "") and value_raw in (None, ""):
            continue
        year = to_decimal(year_raw)
        if year is None or year != int(year) or not 2400 <= int(year) <= 2700:
            out.add(
                "baseline",
                f"ปีที่ {index} ต้องเป็นปี พ.ศ. เช่น 2564 (ได้ '{year_raw or ''}')",
                f"year #{index} must be a Buddhist-era year such as 2564 (got '{year_raw or ''}')",
            )
            continue
        if int(year) in years:
            out.add("baseline", f"ปี พ.ศ. {int(year)} ซ้ำกัน", f"year {int(year)} is given twice")
            continue
        years.add(int(year))
        value = to_decimal(value_raw) if value_raw not in (None, "") else None
        if value_raw not in (None, "") and value is None:
            out.add(
                "baseline",
                f"ค่าของปี พ.ศ. {int(year)} ต้องเป็นตัวเลข (ได้ '{value_raw}')",
                f"the value of {int(year)} must be a number (got '{value_raw}')",
            )
            continue
        rows.append({"year": int(year), "value": plain(value) if value is not None else None})
    out.values["baseline"] = sorted(rows, key=lambda r: r["year"])


def _as_recommendations(raw: object) -> list[list[Any]]:
    """Recommended targets as given: one ladder (a flat list, or text "80/85/90") or several (a list
    of lists, one per ladder length). Blank ladders are dropped."""
    if raw in (None, ""):
        return []
    if isinstance(raw, str):
        raw = [part.strip() for part in re.split(r"[/,;\n]", raw)]
    items: list[Any] = list(raw) if isinstance(raw, list | tuple) else [raw]
    ladders: list[Any] = items if items and all(isinstance(i, list | tuple) for i in items) else [items]
    return [list(ladder) for ladder in ladders if not all(v in (None, "") for v in ladder)]


def _clean_targets(out: Cleaned, raw: object) -> None:
    """Each recommended ladder: 2 to MAX_TARGET_LEVELS numbers, strictly ordered in the KPI's
    direction, at most one ladder per length (a 3-level year and a 5-level year each find theirs)."""
    ladders = _as_recommendations(raw)
    if (
        isinstance(raw, list | tuple)
        and any(isinstance(i, list | tuple) for i in raw)
        and not all(isinstance(i, list | tuple) for i in raw)
    ):
        out.add(
            "recommended_targets",
            "ต้องเป็นรายการค่าเป้าหมายชุดเดียว หรือรายการของชุด (ชุดละหนึ่งจำนวนขั้น) ไม่ปนกัน",
            "give one list of targets, or a list of lists (one per ladder length), not a mix",
        )
        out.values["recommended_targets"] = []
        return
    lower = out.values.get("direction") == Direction.LOWER
    kept: dict[int, list[str]] = {}
    for set_no, values in enumerate(ladders, start=1):
        # Name the set only when there are several: "ชุดที่ 2 (5 ขั้น): ..."
        where_th = f"ชุดที่ {set_no} ({len(values)} ขั้น): " if len(ladders) > 1 else ""
        where_en = f"set #{set_no} ({len(values)} levels): " if len(ladders) > 1 else ""
        numbers: list[Decimal] = []
        for index, value in enumerate(values, start=1):
            shown = value if value is not None else ""
            amount = to_decimal(value)
            if amount is None:
                out.add(
                    "recommended_targets",
                    f"{where_th}ค่าเป้าหมายขั้นที่ {index} ต้องเป็นตัวเลข (ได้ '{shown}')",
                    f"{where_en}target #{index} must be a number (got '{shown}')",
                )
            else:
                numbers.append(amount)
        if not MIN_TARGET_LEVELS <= len(values) <= MAX_TARGET_LEVELS:
            out.add(
                "recommended_targets",
                f"{where_th}ต้องมี {MIN_TARGET_LEVELS} ถึง {MAX_TARGET_LEVELS} ค่า เรียงจากขั้นแรกถึงขั้นสูงสุด"
                f" หรือเว้นว่างทั้งหมด (มี {len(values)} ค่า)",
                f"{where_en}give {MIN_TARGET_LEVELS} to {MAX_TARGET_LEVELS} values, lowest level first,"
                f" or none (got {len(values)})",
            )
            continue
        if len(numbers) != len(values):
            continue
        if len(values) in kept:
            out.add(
                "recommended_targets",
                f"{where_th}มีค่าเป้าหมายแบบ {len(values)} ขั้นซ้ำกัน (แนะนำได้ชุดเดียวต่อจำนวนขั้น)",
                f"{where_en}two sets of {len(values)} levels (one set per ladder length)",
            )
            continue
        if not strictly_ordered(numbers, Direction.LOWER if lower else Direction.HIGHER):
            shown = ", ".join(plain(n) for n in numbers)
            if lower:
                out.add(
                    "recommended_targets",
                    f"{where_th}ต้องลดลงตามขั้นเพราะยิ่งน้อยยิ่งดี (ได้ {shown})",
                    f"{where_en}must strictly decrease, lower is better (got {shown})",
                )
            else:
                out.add(
                    "recommended_targets",
                    f"{where_th}ต้องเพิ่มขึ้นตามขั้นเพราะยิ่งมากยิ่งดี (ได้ {shown})",
                    f"{where_en}must strictly increase, higher is better (got {shown})",
                )
        kept[len(values)] = [plain(n) for n in numbers]
    out.values["recommended_targets"] = [kept[length] for length in sorted(kept)]


def _clean_plan_links(out: Cleaned, raw: object, plans: Mapping[str, int] | None) -> None:
    codes: list[str] = []
    for code in as_list(raw):
        text = str(code).strip()
        if text and text not in codes:
            codes.append(text)
    known = plans if plans is not None else dict(PlanNode.objects.filter(code__in=codes).values_list("code", "pk"))
    unknown = [c for c in codes if c not in known]
    if unknown:
        out.add(
            "plan_links",
            f"ไม่พบรหัสแผน {', '.join(unknown)}",
            f"unknown plan code(s) {', '.join(unknown)}",
        )
    out.values["plan_links"] = sorted(c for c in codes if c in known)


def _clean_kinds(out: Cleaned, raw: object) -> None:
    kinds: list[str] = []
    for item in as_list(raw):
        code = choice_value(item, OrganisationKind.choices)
        if code is None:
            out.add(
                "applicable_kinds",
                f"ไม่รู้จักประเภท '{item}' (ใช้ได้: {', '.join(OrganisationKind.values)})",
                f"unknown organisation kind '{item}' (use {', '.join(OrganisationKind.values)})",
            )
        elif code not in kinds:
            kinds.append(code)
    out.values["applicable_kinds"] = [k for k in OrganisationKind.values if k in kinds]


def _clean_tunable(out: Cleaned, raw: object) -> None:
    chosen: list[str] = []
    for item in as_list(raw):
        code = choice_value(item, TUNABLE.items())
        if code is None:
            out.add(
                "tunable_fields",
                f"ไม่รู้จักช่อง '{item}' (ใช้ได้: {', '.join(TUNABLE)})",
                f"unknown field '{item}' (use {', '.join(TUNABLE)})",
            )
        elif code not in chosen:
            chosen.append(code)
    out.values["tunable_fields"] = [k for k in TUNABLE if k in chosen]


def _clean_ministry(out: Cleaned, raw: object, ministries: Mapping[str, int] | None) -> None:
    code = str(raw or "").strip()
    if not code:
        out.values["ministry_id"] = None
        return
    if ministries is None:
        ministries = dict(Organisation.objects.filter(code=code).values_list("code", "pk"))
    if code not in ministries:
        out.add("ministry", f"ไม่พบส่วนราชการรหัส '{code}'", f"no organisation with code '{code}'")
        out.values["ministry_id"] = None
    else:
        out.values["ministry_id"] = ministries[code]


def basket_kpi_clean(
    data: Mapping[str, Any],
    *,
    instance: BasketKpi | None = None,
    plans: Mapping[str, int] | None = None,
    ministries: Mapping[str, int] | None = None,
    taken_codes: set[str] | None = None,
) -> Cleaned:
    """Check a whole template. `plans`, `ministries` and `taken_codes` let a bulk import check
    thousands of rows without a query each."""
    out = Cleaned()
    unknown = sorted(set(data) - set(TEMPLATE_FIELDS) - {"is_retired"})
    for name in unknown:
        out.problems.append(
            {
                "field": name,
                "label": name,
                "message": f"{name}: ไม่รู้จักช่องนี้",
                "message_th": "ไม่รู้จักช่องนี้",
                "message_en": f"{name}: unknown field",
            }
        )
    code = str(data.get("code") or "").strip() if instance is None else instance.code
    if instance is None:
        if not code:
            out.add("code", "ต้องระบุ", "is required")
        elif len(code) > 30 or not CODE_RE.match(code):
            out.add(
                "code",
                f"'{code}' ใช้ได้เฉพาะอักษรอังกฤษ ตัวเลข จุด ขีด ไม่เกิน 30 ตัว เช่น B66-001",
                f"'{code}' may hold only letters, digits, '.', '-' or '_', at most 30 (e.g. B66-001)",
            )
        elif (code in taken_codes) if taken_codes is not None else BasketKpi.objects.filter(code=code).exists():
            out.add("code", f"รหัส {code} มีอยู่แล้วใน KPI Basket", f"{code} is already in the Basket")
    out.values["code"] = code
    _clean_text(out, data)
    _clean_choices(out, data)
    _clean_baseline(out, data.get("baseline"))
    _clean_targets(out, data.get("recommended_targets"))
    _clean_plan_links(out, data.get("plan_links"), plans)
    _clean_kinds(out, data.get("applicable_kinds"))
    _clean_tunable(out, data.get("tunable_fields"))
    out.values["themes"] = sorted({str(t).strip() for t in as_list(data.get("themes")) if str(t).strip()})
    _clean_ministry(out, data.get("ministry"), ministries)
    if "is_retired" in data:
        out.values["is_retired"] = bool(data.get("is_retired"))
    return out


def current_values(kpi: BasketKpi) -> dict[str, Any]:
    """An entry's template as `basket_kpi_clean` takes it (plan links and ministry by code)."""
    return {
        "code": kpi.code,
        "group": kpi.group,
        **{name: getattr(kpi, name) for name in TEXT_FIELDS},
        "direction": kpi.direction,
        "measure": kpi.measure,
        "domain": kpi.domain,
        "baseline": list(kpi.baseline or []),
        "recommended_targets": kpi.recommendations,
        "plan_links": sorted(p.code for p in kpi.plan_links.all()),
        "applicable_kinds": list(kpi.applicable_kinds or []),
        "themes": list(kpi.themes or []),
        "tunable_fields": list(kpi.tunable_fields or []),
        "ministry": kpi.ministry.code if kpi.ministry_id and kpi.ministry else "",
        "is_retired": kpi.is_retired,
    }


def check_may_curate(viewer: Viewer) -> None:
    if not viewer.is_opdc:
        raise NotAllowed(
            "เฉพาะสำนักงาน ก.พ.ร. เท่านั้นที่แก้ไข KPI Basket ได้",
            "Only OPDC may change the KPI Basket.",
        )


def _basket_get_for_update(code: str) -> BasketKpi:
    kpi = BasketKpi.objects.select_for_update().filter(code=code).first()
    if kpi is None:
        raise NotFound(f"ไม่พบตัวชี้วัดรหัส {code} ใน KPI Basket", f"No Basket entry {code}.")
    return kpi


def _apply(kpi: BasketKpi, values: Mapping[str, Any]) -> None:
    for name, value in values.items():
        if name in {"plan_links", "ministry", "code"}:
            continue
        setattr(kpi, name, value)


def _set_plan_links(kpi: BasketKpi, codes: list[str], plans: Mapping[str, int] | None = None) -> None:
    ids = (
        [plans[c] for c in codes]
        if plans is not None
        else list(PlanNode.objects.filter(code__in=codes).values_list("pk", flat=True))
    )
    kpi.plan_links.set(ids)


def _store(kpi: BasketKpi, *, by: AbstractBaseUser | None, reason: str) -> None:
    kpi._history_user = by  # type: ignore[attr-defined]
    kpi._change_reason = reason  # type: ignore[attr-defined]
    kpi.search_text = search_text(kpi.code, kpi.name_th, kpi.name_en, kpi.definition_th)
    kpi.full_clean(exclude=["ministry", "plan_links"])
    kpi.save()


def _raise_if(cleaned: Cleaned) -> None:
    if cleaned.problems:
        first = cleaned.problems[0]
        count = len(cleaned.problems)
        raise Invalid(
            f"ข้อมูลตัวชี้วัดไม่ถูกต้อง {count} รายการ: {first['message']}",
            f"The Basket entry has {count} problem(s): {first['message_en']}",
            field=str(first["field"]),
            problems=cleaned.problems,
        )


@transaction.atomic
def basket_kpi_create(*, by: AbstractBaseUser, data: Mapping[str, Any]) -> BasketKpi:
    """Add an entry to the Basket (OPDC only)."""
    check_may_curate(viewer_for(by))
    cleaned = basket_kpi_clean(data)
    _raise_if(cleaned)
    kpi = BasketKpi(code=cleaned.values["code"])
    _apply(kpi, cleaned.values)
    _store(kpi, by=by, reason="สร้างตัวชี้วัดใน KPI Basket")
    _set_plan_links(kpi, cleaned.values["plan_links"])
    return kpi


@transaction.atomic
def basket_kpi_update(*, by: AbstractBaseUser, code: str, data: Mapping[str, Any]) -> BasketKpi:
    """Change some or all of an entry's template (OPDC only); fields not given keep their values.

    The code never changes: Excel files and assignments refer to entries by it."""
    check_may_curate(viewer_for(by))
    kpi = _basket_get_for_update(code)
    if "code" in data and str(data["code"] or "").strip() not in {"", kpi.code}:
        raise Invalid(
            "เปลี่ยนรหัสตัวชี้วัดไม่ได้ (ให้สร้างรายการใหม่และเลิกใช้รายการเดิม)",
            "The code cannot change; create a new entry and retire this one.",
            field="code",
            problems=[
                {
                    "field": "code",
                    "message": "รหัส: เปลี่ยนรหัสไม่ได้",
                    "message_th": "เปลี่ยนรหัสไม่ได้",
                    "message_en": "Code: cannot change",
                }
            ],
        )
    merged = {**current_values(kpi), **{k: v for k, v in data.items() if k != "code"}}
    cleaned = basket_kpi_clean(merged, instance=kpi)
    _raise_if(cleaned)
    basket_kpi_write(kpi=kpi, values=cleaned.values, by=by, reason="แก้ไขตัวชี้วัดใน KPI Basket")
    return kpi


def basket_kpi_write(
    *,
    kpi: BasketKpi,
    values: Mapping[str, Any],
    by: AbstractBaseUser | None,
    reason: str,
    plans: Mapping[str, int] | None = None,
) -> bool:
    """Store cleaned values on an existing entry; False (and no history row) when nothing changed."""
    # Compare with the stored values cleaned the same way, so "80.00" and "80" count as equal.
    before = basket_kpi_clean(current_values(kpi), instance=kpi, plans=plans).values
    changed = any(before.get(k) != v for k, v in values.items() if k != "code")
    if not changed:
        return False
    links_changed = before["plan_links"] != values.get("plan_links", before["plan_links"])
    _apply(kpi, values)
    _store(kpi, by=by, reason=reason)
    if links_changed:
        _set_plan_links(kpi, list(values["plan_links"]), plans)
    return True


@transaction.atomic
def basket_kpi_retire(*, by: AbstractBaseUser, code: str, reason: str = "") -> BasketKpi:
    """Retire an entry: pickers no longer offer it; its page and the KPIs that used it stay readable."""
    check_may_curate(viewer_for(by))
    kpi = _basket_get_for_update(code)
    if not kpi.is_retired:
        kpi.is_retired = True
        _store(kpi, by=by, reason=reason.strip() or "เลิกใช้ตัวชี้วัดใน KPI Basket")
    return kpi


@transaction.atomic
def basket_kpi_restore(*, by: AbstractBaseUser, code: str) -> BasketKpi:
    """Bring a retired entry back into the pickers."""
    check_may_curate(viewer_for(by))
    kpi = _basket_get_for_update(code)
    if kpi.is_retired:
        kpi.is_retired = False
        _store(kpi, by=by, reason="นำตัวชี้วัดกลับมาใช้ใน KPI Basket")
    return kpi


def basket_kpi_index(*, kpi: BasketKpi) -> None:
    """Refresh the segmented words search uses; call after the name or definition changes."""
    kpi.search_text = search_text(kpi.code, kpi.name_th, kpi.name_en, kpi.definition_th)
    BasketKpi.objects.filter(pk=kpi.pk).update(search_text=kpi.search_text)


@transaction.atomic
def basket_kpi_save(*, kpi: BasketKpi) -> BasketKpi:
    kpi.full_clean()
    kpi.search_text = search_text(kpi.code, kpi.name_th, kpi.name_en, kpi.definition_th)
    kpi.save()
    return kpi
