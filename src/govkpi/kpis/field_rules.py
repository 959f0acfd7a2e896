"""Which field of a KPI may change, in which state, for which kind of KPI: the one rule set.

Like HackSoft's `model_update`, one place decides which fields an update may touch; the proposal
form (locked fields rendered disabled), the API (`kpis.services.kpi_update`), the proposal Excel
import (`kpis.importing`) and change requests (`kpis.changes`) all ask here and nowhere else.

The table, by the state of the organisation's proposal and the kind of KPI:

- draft or returned: the organisation edits every field except those its kind fixes:
  a cascaded KPI's template, component, weight, type and Strategic KPI belong to whoever cascaded it;
  a joint KPI's template (all but the targets) and type belong to the host;
  a Basket KPI's template belongs to the Basket, except the fields the entry lets organisations tune;
  the organisation's own (proposed) KPI fixes nothing.
- submitted and under review (executive, MOI, OPDC, working group, committee, minister): nothing.
- approved: the KPI is frozen; only a change request changes it, each kind of request its own
  fields (targets; formula and its wording; weight), still never a field the KPI's kind fixes.

`LABELS` is the one table of the fields' Thai and English names (messages, forms, version diffs).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from govkpi.basket.models import BasketKpi
from govkpi.core.errors import Invalid
from govkpi.frameworks.selectors import ladder_of
from govkpi.kpis.choices import ChangeKind, Origin, ProposalState
from govkpi.kpis.models import Kpi

#: Template fields: copied from the Basket (or the host, or the cascade); fixed where the kind says so.
TEMPLATE_FIELDS: tuple[str, ...] = (
    "name_th",
    "name_en",
    "definition_th",
    "formula_th",
    "unit_th",
    "direction",
    "measure",
    "baseline",
    "data_source_th",
    "evidence_th",
    "domain",
    "targets",
)
#: Assignment fields: the organisation's own choices for any KPI it may edit.
ASSIGNMENT_FIELDS: tuple[str, ...] = (
    "component",
    "weight",
    "is_monitor",
    "plan_links",
    "support",
    "national_target_th",
    "national_target_value",
    "below_plan_reason_th",
    "responsible_th",
    "kpi_type",
    "strategic",
    "strategic_relation",
    "scope_th",
    "collection_th",
    "criteria_th",
)
ALL_FIELDS: tuple[str, ...] = TEMPLATE_FIELDS + ASSIGNMENT_FIELDS

#: field → (Thai, English): the one label table of a KPI's fields.
LABELS: dict[str, tuple[str, str]] = {
    "name_th": ("ชื่อตัวชี้วัด", "Name"),
    "name_en": ("ชื่อภาษาอังกฤษ", "English name"),
    "definition_th": ("คำอธิบาย", "Definition"),
    "formula_th": ("สูตรการคำนวณ", "Formula"),
    "unit_th": ("หน่วยวัด", "Unit"),
    "direction": ("ทิศทาง", "Direction"),
    "measure": ("ลักษณะการวัด", "Measure"),
    "baseline": ("ข้อมูลพื้นฐาน 3 ปี", "Baseline (3 years)"),
    "data_source_th": ("แหล่งข้อมูล", "Data source"),
    "evidence_th": ("หลักฐานประกอบ", "Evidence"),
    "domain": ("ด้าน", "Domain"),
    "targets": ("ค่าเป้าหมาย", "Targets"),
    "component": ("องค์ประกอบ", "Component"),
    "weight": ("น้ำหนัก (ร้อยละ)", "Weight (%)"),
    "is_monitor": ("ตัวชี้วัด Monitor", "Monitor KPI"),
    "plan_links": ("ความเชื่อมโยงกับแผนระดับชาติ", "Plan links"),
    "support": ("การสนับสนุนเป้าหมายระดับชาติ", "Support of national targets"),
    "national_target_th": ("ค่าเป้าหมายตามแผนระดับชาติ", "National plan target"),
    "national_target_value": ("ค่าเป้าหมายระดับชาติ (ตัวเลข)", "National target value"),
    "below_plan_reason_th": ("เหตุผลที่ค่าเป้าหมายต่ำกว่าแผน", "Reason the target is below the plan"),
    "responsible_th": ("ผู้รับผิดชอบ", "Responsible"),
    "kpi_type": ("ประเภทตัวชี้วัด", "KPI type"),
    "strategic": ("Strategic KPI ที่ถ่ายทอด", "Strategic KPI"),
    "strategic_relation": ("ความสัมพันธ์กับ Strategic KPI", "Relation to the Strategic KPI"),
    "scope_th": ("ขอบเขตการประเมิน", "Scope"),
    "collection_th": ("วิธีการจัดเก็บข้อมูล", "Data collection method"),
    "criteria_th": ("ประเด็นการประเมิน / เกณฑ์การให้คะแนน", "Assessment points and criteria"),
}


def label(field: str) -> tuple[str, str]:
    """The field's Thai and English names (the field itself when it has none)."""
    return LABELS.get(field, (field, field))


class KpiKind(StrEnum):
    """What decides a KPI's fixed fields: where its definition comes from."""

    OWN = "own"  # proposed by the organisation itself
    BASKET = "basket"  # picked from the KPI Basket
    JOINT = "joint"  # shared under a host
    CASCADED = "cascaded"  # pushed to every organisation of a group


KIND_TH: dict[KpiKind, str] = {
    KpiKind.OWN: "ตัวชี้วัดที่ส่วนราชการเสนอเอง",
    KpiKind.BASKET: "ตัวชี้วัดจาก KPI Basket",
    KpiKind.JOINT: "ตัวชี้วัดร่วม (Joint KPI) ซึ่งเจ้าภาพเป็นผู้กำหนด",
    KpiKind.CASCADED: "ตัวชี้วัดที่ถ่ายทอดจากส่วนกลาง (Cascaded KPI)",
}
KIND_EN: dict[KpiKind, str] = {
    KpiKind.OWN: "the organisation's own KPI",
    KpiKind.BASKET: "a KPI Basket entry",
    KpiKind.JOINT: "a joint KPI, set by its host",
    KpiKind.CASCADED: "a cascaded KPI",
}

#: Fields each kind fixes whatever the state (a Basket KPI: less what its entry lets organisations tune).
FIXED_BY_KIND: dict[KpiKind, frozenset[str]] = {
    KpiKind.OWN: frozenset(),
    KpiKind.BASKET: frozenset(TEMPLATE_FIELDS),
    KpiKind.JOINT: frozenset(TEMPLATE_FIELDS) - {"targets"} | {"kpi_type"},
    KpiKind.CASCADED: frozenset(TEMPLATE_FIELDS)
    | {"component", "weight", "kpi_type", "strategic", "strategic_relation"},
}

#: Proposal states in which the organisation edits its KPIs directly.
EDITABLE_STATES: frozenset[str] = frozenset({ProposalState.DRAFT, ProposalState.RETURNED})

#: After approval: the fields each kind of change request may change.
CHANGE_FIELDS: dict[str, frozenset[str]] = {
    ChangeKind.TARGET: frozenset({"targets"}),
    ChangeKind.FORMULA: frozenset({"formula_th", "definition_th", "unit_th", "data_source_th", "evidence_th"}),
    ChangeKind.WEIGHT: frozenset({"weight"}),
    ChangeKind.REMOVAL: frozenset(),
    ChangeKind.ADDITION: frozenset(
        {
            "code",
            "name_th",
            "name_en",
            "component",
            "weight",
            "targets",
            "formula_th",
            "definition_th",
            "unit_th",
            "direction",
            "measure",
            "is_monitor",
        }
    ),
}


def kind_of(kpi: Kpi) -> KpiKind:
    if kpi.cascade_id:
        return KpiKind.CASCADED
    if kpi.joint_id:
        return KpiKind.JOINT
    if kpi.origin == Origin.BASKET and kpi.basket_id:
        return KpiKind.BASKET
    return KpiKind.OWN


def basket_tunable(basket: BasketKpi, *, levels: int | None) -> frozenset[str]:
    """The fields a KPI picked from this entry may tune in a framework whose ladder has `levels` levels.

    The entry's own list, plus the targets when it recommends none for this ladder length (nothing
    to copy: the organisation sets its own). `levels` None: the ladder is not known yet."""
    tunable = set(basket.tunable_fields or [])
    if "targets" not in tunable:
        recommended = basket.recommended_for(levels) if levels is not None else None
        if not basket.recommendations or (levels is not None and recommended is None):
            tunable.add("targets")
    return frozenset(tunable)


def tunable_of(kpi: Kpi) -> frozenset[str]:
    """The template fields the KPI's Basket entry lets organisations tune (Basket KPIs only)."""
    if kind_of(kpi) != KpiKind.BASKET or kpi.basket is None:
        return frozenset()
    basket = kpi.basket
    # Read the ladder only when it decides something (targets not tunable anyway, some recommended).
    needs_ladder = kpi.framework_id and "targets" not in (basket.tunable_fields or []) and basket.recommendations
    return basket_tunable(basket, levels=len(ladder_of(kpi.framework)) if needs_ladder else None)


def may_change(
    kind: KpiKind, field: str, state: str, *, tunable: Iterable[str] = (), change: str | None = None
) -> bool:
    """The table itself: may this field of this kind of KPI change in this proposal state?

    `change` is the kind of change request, for an approved (frozen) KPI: without one nothing changes.
    """
    fixed = FIXED_BY_KIND[kind] - set(tunable) if kind == KpiKind.BASKET else FIXED_BY_KIND[kind]
    if field in fixed:
        return False
    if state in EDITABLE_STATES:
        return field in ALL_FIELDS
    if state == ProposalState.APPROVED and change is not None:
        return field in CHANGE_FIELDS.get(change, frozenset())
    return False


def locked_fields(kpi: Kpi, *, state: str | None = None) -> frozenset[str]:
    """The fields of this KPI the organisation may not edit directly; `state` defaults to the proposal's.

    While the proposal is a draft or returned: those the KPI's kind fixes. In any other state: all.
    """
    if state is None:
        state = kpi.proposal.state
    kind, tunable = kind_of(kpi), tunable_of(kpi)
    return frozenset(f for f in ALL_FIELDS if not may_change(kind, f, state, tunable=tunable))


# --- comparing a new value with the stored one ---------------------------------------------------


def _number(value: object) -> object:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        return value


def _comparable(kpi: Kpi, field: str, value: object) -> object:
    if field in {"weight", "national_target_value"}:
        return _number(value)
    if field == "targets":
        return tuple(_number(t) for t in list(value or []))  # type: ignore[call-overload]
    if field == "component":
        if isinstance(value, int):
            return value
        code = getattr(value, "code", value)
        return kpi.component_id if code == kpi.component.code else code
    if field == "plan_links":
        return sorted(str(getattr(p, "code", p)) for p in list(value or []))  # type: ignore[call-overload]
    if field == "strategic":
        # A Strategic KPI is named by its code in forms, files and the API; the stored one by its row.
        return str(getattr(value, "code", value) or "").strip()
    if isinstance(value, str) or value is None:
        return (value or "").strip()
    return value


def current(kpi: Kpi, field: str) -> object:
    """The stored value of a field, in the form `differs` compares."""
    if field == "component":
        return kpi.component_id
    if field == "plan_links":
        return sorted(p.code for p in kpi.plan_links.all())
    if field == "strategic":
        return kpi.strategic.code if kpi.strategic_id and kpi.strategic else ""
    return _comparable(kpi, field, getattr(kpi, field))


def differs(kpi: Kpi, field: str, value: object) -> bool:
    """Whether `value` (as a form, the API, a file or a change request gives it) changes the field."""
    return _comparable(kpi, field, value) != current(kpi, field)


def refusal(kpi: Kpi, field: str, *, state: str, where: str = "") -> Invalid:
    """The message naming the field, the KPI and why it may not change (`where`: e.g. "แถว 5: ")."""
    label_th, label_en = label(field)
    kind = kind_of(kpi)
    if state in EDITABLE_STATES or state == ProposalState.APPROVED:
        why_th, why_en = f"กำหนดโดย{KIND_TH[kind]}", f"it is fixed by {KIND_EN[kind]}"
    else:
        why_th = f"ข้อเสนออยู่ในสถานะ “{ProposalState(state).label}”"
        why_en = f"the proposal is {state}"
    return Invalid(
        f"{where}{label_th}ของตัวชี้วัด {kpi.code} แก้ไขไม่ได้ ({why_th})",
        f"{where}{label_en} of KPI {kpi.code} cannot change: {why_en}",
        field=field,
    )


def refused_fields(
    kpi: Kpi, values: Mapping[str, Any], *, state: str | None = None, change: str | None = None
) -> list[str]:
    """The given fields whose new value differs from the stored one although the rule fixes them."""
    if state is None:
        state = kpi.proposal.state
    kind, tunable = kind_of(kpi), tunable_of(kpi)
    return [
        f
        for f, v in values.items()
        if not may_change(kind, f, state, tunable=tunable, change=change) and differs(kpi, f, v)
    ]


def check_update(
    kpi: Kpi, values: Mapping[str, Any], *, state: str | None = None, change: str | None = None, where: str = ""
) -> None:
    """Raise Invalid naming the first field the rule does not let these values change."""
    if state is None:
        state = kpi.proposal.state
    refused = refused_fields(kpi, values, state=state, change=change)
    if refused:
        raise refusal(kpi, refused[0], state=state, where=where)
