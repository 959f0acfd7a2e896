"""Writes of a proposal's KPIs: pick from the Basket, propose a new KPI, tune, remove.

Only the organisation's coordinator edits, and only while the proposal is a draft or returned.
Every edit carries the lock_version it was read at (the KPI's for an update or a removal, the
proposal's for an addition); a stale one raises `Conflict` with the current values, never a silent
overwrite. Each edit bumps the proposal's lock_version too, so a transition decided on an old view
of the proposal is refused as well.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F, Max

from govkpi.basket.models import BasketKpi, Domain
from govkpi.core.choices import thai
from govkpi.core.errors import Conflict, Invalid, NotAllowed, NotFound
from govkpi.frameworks.choices import Direction, Measure
from govkpi.frameworks.models import Component, Framework
from govkpi.frameworks.selectors import frameworks_visible, ladder_of, scoring_ladder
from govkpi.kpis.choices import KpiType, Origin, ProposalState, StrategicRelation, Support
from govkpi.kpis.field_rules import (
    ALL_FIELDS,
    TEMPLATE_FIELDS,
    KpiKind,
    basket_tunable,
    check_update,
    label,
    may_change,
)
from govkpi.kpis.models import Kpi, Proposal, StrategicKpi
from govkpi.kpis.workflow import EDITABLE
from govkpi.organisations.access import Viewer, viewer_for
from govkpi.organisations.models import Organisation
from govkpi.plans.models import PlanNode
from govkpi.scoring import target_count_problem

TEXT = {
    "name_th",
    "name_en",
    "definition_th",
    "formula_th",
    "unit_th",
    "data_source_th",
    "evidence_th",
    "national_target_th",
    "below_plan_reason_th",
    "responsible_th",
    "scope_th",
    "collection_th",
    "criteria_th",
}


def _bad(field: str, th: str, en: str) -> Invalid:
    label_th, label_en = label(field)
    return Invalid(f"{label_th}: {th}", f"{label_en}: {en}", field=field)


def _decimal(field: str, value: object) -> Decimal:
    try:
        number = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError) as exc:
        raise _bad(field, f"“{value}” ไม่ใช่ตัวเลข", f"'{value}' is not a number") from exc
    if not number.is_finite():
        raise _bad(field, "ต้องเป็นตัวเลข", "must be a number")
    return number


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def clean_values(framework: Framework, values: dict[str, Any]) -> dict[str, Any]:
    """Check and convert the given fields (only those present); raise Invalid naming the field."""
    unknown = set(values) - set(ALL_FIELDS)
    if unknown:
        field = sorted(unknown)[0]
        raise Invalid(f"ไม่รู้จักช่อง “{field}”", f"Unknown field '{field}'", field=field)
    out: dict[str, Any] = {}
    for field, value in values.items():
        if field in TEXT:
            out[field] = str(value or "").strip()
        elif field == "direction":
            if value not in Direction.values:
                raise _bad(field, "ต้องเป็นยิ่งมากยิ่งดีหรือยิ่งน้อยยิ่งดี", f"one of {Direction.values}")
            out[field] = value
        elif field == "measure":
            if value not in Measure.values:
                raise _bad(field, "ไม่ถูกต้อง", f"one of {Measure.values}")
            out[field] = value
        elif field == "domain":
            if value and value not in Domain.values:
                raise _bad(field, "ไม่ถูกต้อง", f"one of {Domain.values}")
            out[field] = value or ""
        elif field == "support":
            if value not in Support.values:
                raise _bad(field, "ไม่ถูกต้อง", f"one of {Support.values}")
            out[field] = value
        elif field == "kpi_type":
            if value not in KpiType.values:
                raise _bad(field, "ไม่ถูกต้อง", f"one of {KpiType.values}")
            allowed = framework.kpi_types if isinstance(framework.kpi_types, list) else []
            if allowed and value not in allowed:
                # The designer sets which KPI types a year accepts (e.g. Strategic only from FY2567).
                raise Invalid(
                    f"กรอบการประเมินปีนี้ไม่รับตัวชี้วัดประเภท {KpiType(value).label}",
                    f"This year's framework does not accept {KpiType(value).label}s",
                    field=field,
                )
            out[field] = value
        elif field == "is_monitor":
            out[field] = bool(value)
        elif field == "weight":
            weight = _decimal(field, value)
            if weight < 0 or weight > 100:
                raise _bad(field, "ต้องอยู่ระหว่าง 0 ถึง 100", "must be between 0 and 100")
            out[field] = weight
        elif field == "national_target_value":
            out[field] = None if value in (None, "") else _decimal(field, value)
        elif field == "targets":
            targets = [_decimal(field, t) for t in list(value or [])]
            counted = target_count_problem(len(targets), scoring_ladder(framework), label="")
            if counted is not None:
                raise Invalid(counted.message_th, counted.message_en, field=field)
            out[field] = [_plain(t) for t in targets]
        elif field == "baseline":
            rows = []
            for row in list(value or []):
                if not isinstance(row, dict) or "year" not in row:
                    raise _bad(field, "ต้องระบุปีและค่า", 'rows of {"year": 2563, "value": "81.5"}')
                year = int(_decimal(field, row["year"]))
                raw = row.get("value")
                rows.append({"year": year, "value": "" if raw in (None, "") else _plain(_decimal(field, raw))})
            if len(rows) > 3:
                raise _bad(field, "ระบุได้ไม่เกิน 3 ปี", "at most 3 years")
            out[field] = rows
        elif field == "component":
            code = value.code if isinstance(value, Component) else str(value)
            component = framework.components.filter(code=code).first()
            if component is None:
                raise _bad(field, f"ไม่พบองค์ประกอบ “{code}” ในกรอบการประเมินนี้", f"no component '{code}'")
            out[field] = component
        elif field == "plan_links":
            codes = [str(c).strip() for c in list(value or []) if str(c).strip()]
            nodes = list(PlanNode.objects.filter(code__in=codes))
            missing = sorted(set(codes) - {n.code for n in nodes})
            if missing:
                raise _bad(field, f"ไม่พบแผนรหัส {', '.join(missing)}", f"unknown plan codes {', '.join(missing)}")
            out[field] = nodes
        elif field == "strategic":
            out[field] = strategic_of(framework, value)
        elif field == "strategic_relation":
            if value and value not in StrategicRelation.values:
                raise _bad(field, "ต้องเป็นตัวเดียวกัน (same) หรือตัวชี้วัดทดแทน (proxy)", "one of same, proxy")
            out[field] = value or ""
    return out


def strategic_of(framework: Framework, value: object) -> StrategicKpi | None:
    """The Strategic KPI of the framework's fiscal year named by `value` (its code, id or itself)."""
    if value in (None, ""):
        return None
    if isinstance(value, StrategicKpi):
        value = value.code
    qs = StrategicKpi.objects.filter(fiscal_year_id=framework.fiscal_year_id)
    found = qs.filter(pk=value).first() if isinstance(value, int) else qs.filter(code=str(value).strip()).first()
    if found is None:
        raise _bad(
            "strategic",
            f"ไม่พบ Strategic KPI “{value}” ในปีงบประมาณ {framework.fiscal_year.year}",
            f"no Strategic KPI '{value}' in fiscal year {framework.fiscal_year.year}",
        )
    return found


def _check_strategic(kpi: Kpi) -> None:
    """A KPI attached to a Strategic KPI says how (the same KPI or a proxy); detached, it says nothing."""
    if kpi.strategic_id is None:
        kpi.strategic_relation = ""
    elif not kpi.strategic_relation:
        raise _bad(
            "strategic_relation",
            "ต้องระบุว่าเป็นตัวชี้วัดเดียวกับ Strategic KPI หรือเป็นตัวชี้วัดทดแทน (Proxy KPI)",
            "say whether the KPI is the same as the Strategic KPI or a proxy of it",
        )


def _check_below_plan(kpi: Kpi) -> None:
    if kpi.is_below_plan and not kpi.below_plan_reason_th.strip():
        raise _bad(
            "below_plan_reason_th",
            "ค่าเป้าหมายมาตรฐานต่ำกว่าค่าเป้าหมายตามแผนระดับชาติ ต้องระบุเหตุผล",
            "the standard target is below the national plan target; give a reason",
        )


# --- rights and locks ----------------------------------------------------------------------------


def _editable_proposal(proposal_id: int, by: User) -> Proposal:
    proposal = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("framework", "organisation")
        .filter(pk=proposal_id)
        .first()
    )
    if proposal is None:
        raise NotFound("ไม่พบข้อเสนอตัวชี้วัดนี้", "No such proposal")
    viewer = viewer_for(by)
    if not (viewer.may_edit_for(proposal.organisation_id) or viewer.is_superuser):
        raise NotAllowed(
            "เฉพาะผู้ประสานงานตัวชี้วัดของหน่วยงานเท่านั้นที่แก้ไขข้อเสนอได้",
            "Only the organisation's coordinator may edit its proposal",
        )
    if proposal.state not in EDITABLE:
        raise Conflict(
            f"แก้ไขไม่ได้ ข้อเสนออยู่ในสถานะ “{thai(ProposalState(proposal.state).label)}” (แก้ไขได้เมื่อเป็นร่างหรือถูกส่งกลับแก้ไขเท่านั้น)",
            f"The proposal is '{proposal.state}'; it can be edited only as a draft or when returned",
            field="state",
        )
    return proposal


def kpi_current(kpi: Kpi) -> dict[str, Any]:
    """The KPI's stored values, shown to someone whose save came too late."""
    return {
        "id": kpi.pk,
        "code": kpi.code,
        "lock_version": kpi.lock_version,
        "name_th": kpi.name_th,
        "component": kpi.component.code,
        "weight": _plain(kpi.weight),
        "targets": list(kpi.targets),
        "is_monitor": kpi.is_monitor,
        "support": kpi.support,
        "national_target_value": None if kpi.national_target_value is None else _plain(kpi.national_target_value),
        "below_plan_reason_th": kpi.below_plan_reason_th,
    }


def _stale_kpi(kpi: Kpi) -> Conflict:
    return Conflict(
        f"มีผู้อื่นบันทึกตัวชี้วัด {kpi.code} ไปก่อนแล้ว ค่าปัจจุบัน: น้ำหนัก {_plain(kpi.weight)} "
        f"ค่าเป้าหมาย {' / '.join(str(t) for t in kpi.targets)} — กรุณาตรวจสอบแล้วบันทึกใหม่",
        f"Someone else saved KPI {kpi.code} first (now weight {_plain(kpi.weight)}, "
        f"targets {', '.join(str(t) for t in kpi.targets)}); check and save again",
        field="lock_version",
        current=kpi_current(kpi),
    )


def _stale_proposal(proposal: Proposal) -> Conflict:
    from govkpi.kpis.workflow import proposal_current

    return Conflict(
        f"มีผู้อื่นแก้ไขข้อเสนอนี้ไปก่อนแล้ว (ฉบับที่ {proposal.lock_version}) กรุณาโหลดหน้าใหม่แล้วลองอีกครั้ง",
        f"Someone else changed this proposal first (now version {proposal.lock_version}); reload and retry",
        field="lock_version",
        current=proposal_current(proposal),
    )


def _bump(proposal: Proposal, by: User) -> None:
    Proposal.objects.filter(pk=proposal.pk).update(lock_version=F("lock_version") + 1)
    proposal.refresh_from_db(fields=["lock_version", "updated_at"])
    proposal._history_user = by  # type: ignore[attr-defined]


def next_code(proposal: Proposal) -> tuple[str, int]:
    order = (Kpi.objects.filter(proposal=proposal).aggregate(m=Max("order"))["m"] or 0) + 1
    prefix = f"{proposal.organisation.code}-{proposal.framework.fiscal_year.year % 100}"
    taken = set(
        Kpi.objects.filter(framework=proposal.framework, organisation=proposal.organisation).values_list(
            "code", flat=True
        )
    )
    n = order
    while f"{prefix}-{n:02d}" in taken:
        n += 1
    return f"{prefix}-{n:02d}", order


def _save(kpi: Kpi, values: dict[str, Any], by: User) -> Kpi:
    links = values.pop("plan_links", None)
    for field, value in values.items():
        setattr(kpi, field, value)
    _check_below_plan(kpi)
    _check_strategic(kpi)
    kpi._history_user = by  # type: ignore[attr-defined]
    kpi.full_clean(exclude=["proposal", "framework", "organisation", "component", "basket", "joint", "cascade"])
    kpi.save()
    if links is not None:
        kpi.plan_links.set(links)
    return kpi


# --- the edits -----------------------------------------------------------------------------------


@transaction.atomic
def kpi_add_from_basket(
    *,
    proposal: Proposal,
    basket: BasketKpi,
    by: User,
    values: dict[str, Any] | None = None,
    expected_lock_version: int | None = None,
) -> Kpi:
    """Copy the Basket entry's template into the proposal; tune only what the entry allows."""
    locked = _editable_proposal(proposal.pk, by)
    if expected_lock_version is not None and expected_lock_version != locked.lock_version:
        raise _stale_proposal(locked)
    if basket.is_retired:
        raise Invalid(f"ตัวชี้วัด {basket.code} ถูกยกเลิกจาก KPI Basket แล้ว", f"{basket.code} is retired", field="basket")
    values = dict(values or {})
    levels = len(ladder_of(locked.framework))
    recommended = basket.recommended_for(levels)
    tunable = basket_tunable(basket, levels=levels)
    refused = sorted(
        f for f in values if f in TEMPLATE_FIELDS and not may_change(KpiKind.BASKET, f, locked.state, tunable=tunable)
    )
    if refused:
        raise _bad(refused[0], "ปรับไม่ได้สำหรับตัวชี้วัดจาก KPI Basket นี้", "not tunable for this Basket KPI")
    template: dict[str, Any] = {
        "name_th": basket.name_th,
        "name_en": basket.name_en,
        "definition_th": basket.definition_th,
        "formula_th": basket.formula_th,
        "unit_th": basket.unit_th,
        "direction": basket.direction,
        "measure": basket.measure,
        "baseline": list(basket.baseline or [])[-3:],
        "data_source_th": basket.data_source_th,
        "evidence_th": basket.evidence_th,
        "domain": basket.domain,
        "targets": list(recommended or []),
        "plan_links": [p.code for p in basket.plan_links.all()],
    }
    if "component" not in values:
        values["component"] = locked.framework.components.order_by("order").values_list("code", flat=True).first()
    merged = {**template, **values}
    if not merged["targets"]:
        names = ", ".join(level.name_th for level in ladder_of(locked.framework))
        raise _bad(
            "targets",
            f"ต้องระบุค่าเป้าหมายทุกขั้น ({names}) เพราะ KPI Basket ไม่ได้แนะนำค่าเป้าหมายแบบ {levels} ขั้นไว้",
            f"give a target for every level ({levels}): the Basket recommends none for a {levels}-level ladder",
        )
    clean = clean_values(locked.framework, merged)
    code, order = next_code(locked)
    kpi = Kpi(
        proposal=locked,
        framework=locked.framework,
        organisation=locked.organisation,
        code=code,
        order=order,
        origin=Origin.BASKET,
        basket=basket,
        lineage=basket.code,
        themes=list(basket.themes or []),
        weight=Decimal(0),
    )
    _save(kpi, clean, by)
    _bump(locked, by)
    return kpi


REQUIRED_NEW = ("name_th", "definition_th", "formula_th", "unit_th", "component", "weight", "targets")


@transaction.atomic
def kpi_propose(
    *, proposal: Proposal, by: User, values: dict[str, Any], expected_lock_version: int | None = None
) -> Kpi:
    """A KPI the organisation proposes itself, with the full template."""
    locked = _editable_proposal(proposal.pk, by)
    if expected_lock_version is not None and expected_lock_version != locked.lock_version:
        raise _stale_proposal(locked)
    for field in REQUIRED_NEW:
        if values.get(field) in (None, "", []):
            raise _bad(field, "ต้องระบุ", "is required")
    clean = clean_values(locked.framework, values)
    code, order = next_code(locked)
    kpi = Kpi(
        proposal=locked,
        framework=locked.framework,
        organisation=locked.organisation,
        code=code,
        order=order,
        origin=Origin.PROPOSED,
        lineage=code,
    )
    _save(kpi, clean, by)
    _bump(locked, by)
    return kpi


def _editable_kpi(kpi_id: int, by: User, expected_lock_version: int | None) -> tuple[Kpi, Proposal]:
    kpi = Kpi.objects.filter(pk=kpi_id).values_list("proposal_id", flat=True).first()
    if kpi is None:
        raise NotFound("ไม่พบตัวชี้วัดนี้", "No such KPI")
    proposal = _editable_proposal(kpi, by)
    row = Kpi.objects.select_for_update(of=("self",)).select_related("component", "basket").get(pk=kpi_id)
    if expected_lock_version is not None and expected_lock_version != row.lock_version:
        raise _stale_kpi(row)
    return row, proposal


@transaction.atomic
def kpi_update(*, kpi: Kpi, by: User, values: dict[str, Any], expected_lock_version: int | None = None) -> Kpi:
    """Change some fields of a KPI of the proposal; locked fields (Basket, joint, cascade) refuse."""
    row, proposal = _editable_kpi(kpi.pk, by, expected_lock_version)
    clean = clean_values(proposal.framework, values)
    check_update(row, clean, state=proposal.state)
    row.lock_version += 1
    _save(row, clean, by)
    _bump(proposal, by)
    return row


@transaction.atomic
def kpi_remove(*, kpi: Kpi, by: User, expected_lock_version: int | None = None) -> None:
    """Take a KPI out of the proposal; a cascaded KPI cannot be removed (409)."""
    row, proposal = _editable_kpi(kpi.pk, by, expected_lock_version)
    if row.cascade_id:
        raise Conflict(
            f"ตัวชี้วัด {row.code} เป็นตัวชี้วัดที่ถ่ายทอดจากส่วนกลาง ไม่สามารถนำออกได้",
            f"KPI {row.code} is cascaded to every organisation of the group and cannot be removed",
            field="kpi",
        )
    if row.joint_id:
        row.joint.participants.remove(proposal.organisation)  # type: ignore[union-attr]
    row._history_user = by  # type: ignore[attr-defined]
    row.delete()
    _bump(proposal, by)


# --- proposals -----------------------------------------------------------------------------------


@transaction.atomic
def proposal_open(*, framework: Framework, organisation: Organisation, by: User | None) -> Proposal:
    """The organisation's proposal for the framework, created as a draft when there is none yet."""
    proposal, created = Proposal.objects.get_or_create(framework=framework, organisation=organisation)
    if created:
        framework.participants.add(organisation)
    return proposal


@transaction.atomic
def proposal_start(*, framework: Framework, by: User) -> Proposal:
    """The coordinator starts its organisation's draft for a framework it is evaluated under."""
    viewer = viewer_for(by)
    if not viewer.is_coordinator or viewer.organisation_id is None:
        raise NotAllowed("เฉพาะผู้ประสานงานตัวชี้วัดของหน่วยงาน", "Only an organisation's coordinator")
    if not frameworks_visible(viewer).filter(pk=framework.pk).exists():
        raise NotFound("ไม่พบกรอบการประเมินนี้", "No such framework.")
    if framework.published_at is not None:
        raise Conflict("กรอบการประเมินนี้เผยแพร่ผลแล้ว", "This framework is already published", field="framework")
    if framework.monitoring_only:
        raise Conflict(
            "ปีนี้เป็นปีรายงานผลเพื่อติดตามเท่านั้น ไม่มีการจัดทำข้อเสนอตัวชี้วัด",
            "This year is follow-up only: no KPI proposals are made",
            field="framework",
        )
    if not framework.participants.filter(pk=viewer.organisation_id).exists():
        raise Invalid(
            "หน่วยงานของท่านไม่ได้อยู่ในกรอบการประเมินนี้",
            "Your organisation is not evaluated under this framework",
            field="framework",
        )
    organisation = Organisation.objects.get(pk=viewer.organisation_id)
    return proposal_open(framework=framework, organisation=organisation, by=by)


def startable_frameworks(viewer: Viewer) -> list[Framework]:
    """Unpublished frameworks the coordinator's organisation takes part in but has no proposal for
    (a follow-up-only year, `monitoring_only`, takes no proposals)."""
    if not viewer.is_coordinator or viewer.organisation_id is None:
        return []
    return list(
        frameworks_visible(viewer)
        .filter(published_at__isnull=True, monitoring_only=False, participants__pk=viewer.organisation_id)
        .exclude(proposals__organisation_id=viewer.organisation_id)
        .select_related("fiscal_year")
        .order_by("-fiscal_year__year")
    )


def may_edit(viewer: Viewer, proposal: Proposal) -> bool:
    return (viewer.may_edit_for(proposal.organisation_id) or viewer.is_superuser) and proposal.state in EDITABLE
