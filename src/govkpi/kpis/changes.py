"""Change requests (ขอเปลี่ยนแปลงรายละเอียดตัวชี้วัด) and the versions they make.

After approval each KPI is frozen as version 1. An organisation's coordinator then files a change
request for a round; the committee decides it (usually through a resolution on a meeting's agenda
item, see `govkpi.reviews.services`). Approval makes a new `KpiVersion` effective from that round,
so results of earlier rounds are still scored against the version that was in force then.

`proposed` holds only the fields that change, as JSON (decimals as strings):
- target: {"targets": ["70", "75", "80"]}
- formula: {"formula_th": "...", optional "definition_th", "unit_th", "data_source_th", "evidence_th"}
- weight: {"weight": "15", optional "weights": {"<other KPI code>": "20"}} — the other KPIs of the
  same component rebalanced so the component still sums to its weight
- removal: {} (optional "weights" as above)
- addition: {"name_th", "component", "weight", "targets", optional "code", "formula_th",
  "definition_th", "unit_th", "direction", "measure", "is_monitor", "weights"}

Validation reuses the scoring validation on the organisation's whole scorecard as it would stand in
that round, and refuses only the problems the change would *introduce*, so an old inconsistency in
the demo or imported data does not block an unrelated change.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from govkpi.core.choices import thai
from govkpi.core.errors import Conflict, Invalid, NotAllowed, NotFound
from govkpi.core.models import WorkflowEvent
from govkpi.core.numbers import format_value
from govkpi.core.signals import announce_score_inputs_changed
from govkpi.frameworks.choices import Direction, Measure
from govkpi.frameworks.models import Framework, Round
from govkpi.frameworks.selectors import scoring_framework
from govkpi.kpis.choices import ChangeKind, ChangeLevel, ChangeState, KpiType, Origin, ProposalState
from govkpi.kpis.field_rules import CHANGE_FIELDS, check_update
from govkpi.kpis.field_rules import label as field_label
from govkpi.kpis.in_force import TAKEN_EFFECT, kpis_in_round, version_in_force
from govkpi.kpis.models import VERSION_FIELDS, ChangeRequest, Kpi, KpiVersion, Proposal
from govkpi.organisations.access import Viewer, viewer_for
from govkpi.organisations.choices import OrganisationKind, Role
from govkpi.organisations.models import Organisation
from govkpi.scoring import models as sm
from govkpi.scoring.validation import validate

TEXT_FIELDS = ("name_th", "name_en", "definition_th", "formula_th", "unit_th", "data_source_th", "evidence_th")

#: Which proposed fields each kind may change: the rule set's, plus "weights" to rebalance the others.
ALLOWED: dict[str, set[str]] = {kind: set(fields) | {"weights"} for kind, fields in CHANGE_FIELDS.items()}
REQUIRED: dict[str, set[str]] = {
    ChangeKind.TARGET: {"targets"},
    ChangeKind.FORMULA: {"formula_th"},
    ChangeKind.WEIGHT: {"weight"},
    ChangeKind.REMOVAL: set(),
    ChangeKind.ADDITION: {"name_th", "component", "weight", "targets"},
}

DECIDERS = {Role.COMMITTEE_SECRETARY, Role.OPDC_ADMIN, Role.OPDC_DESK}


def level_for(organisation: Organisation) -> str:
    """ระดับกระทรวง / กรม / จังหวัด from the organisation's kind (summaries count requests by level)."""
    if organisation.kind in {OrganisationKind.PROVINCE, OrganisationKind.BANGKOK}:
        return ChangeLevel.PROVINCE
    if organisation.kind in {OrganisationKind.DEPARTMENT, OrganisationKind.PUBLIC_ORG}:
        return ChangeLevel.DEPARTMENT
    return ChangeLevel.MINISTRY


def may_decide(viewer: Viewer) -> bool:
    return viewer.is_superuser or viewer.role in DECIDERS


def record_event(
    subject: ChangeRequest | Proposal,
    *,
    action: str,
    from_state: str,
    to_state: str,
    by: User | None,
    comment: str = "",
    kpi: Kpi | None = None,
) -> WorkflowEvent:
    return WorkflowEvent.objects.create(
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        organisation_id=subject.organisation_id,
        action=action,
        from_state=from_state,
        to_state=to_state,
        comment=comment,
        kpi=kpi,
        actor=by,
    )


def events_of(subject: ChangeRequest | Proposal) -> QuerySet[WorkflowEvent]:
    return WorkflowEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk
    ).select_related("actor__person")


# --- reading versions ----------------------------------------------------------------------------


def round_months(round_: Round | None) -> int:
    return round_.months if round_ else 0


def latest_version(kpi: Kpi) -> KpiVersion | None:
    return kpi.versions.order_by("-number").first()


def removed_from(kpi: Kpi) -> Round | None:
    """The round from which an approved removal takes the KPI out (None while it is in force)."""
    if not kpi.is_removed:
        return None
    cr = (
        kpi.change_requests.filter(kind=ChangeKind.REMOVAL, state__in=TAKEN_EFFECT)
        .select_related("round")
        .order_by("-decided_at")
        .first()
    )
    return cr.round if cr else None


def template_of(obj: Kpi | KpiVersion) -> dict[str, Any]:
    return {f: getattr(obj, "component_id" if f == "component" else f) for f in VERSION_FIELDS}


# --- validating a change ------------------------------------------------------------------------


def _decimal(value: object, field: str) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError) as exc:
        raise Invalid(
            f"ค่า {field} ต้องเป็นตัวเลข (ได้รับ {value!r})", f"{field} must be a number (got {value!r})", field=field
        ) from exc
    if not number.is_finite():
        raise Invalid(f"ค่า {field} ต้องเป็นตัวเลข", f"{field} must be a finite number", field=field)
    return number


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def normalise_proposed(kind: str, proposed: dict[str, Any], framework: Framework) -> dict[str, Any]:
    """Check the proposed values' names and types; numbers become plain decimal strings."""
    if kind not in ChangeKind.values:
        raise Invalid(f"ประเภทการเปลี่ยนแปลงไม่ถูกต้อง: {kind}", f"Unknown change kind: {kind}", field="kind")
    unknown = sorted(set(proposed) - ALLOWED[kind])
    if unknown:
        raise Invalid(
            f"การขอ{thai(ChangeKind(kind).label)}เปลี่ยนค่าต่อไปนี้ไม่ได้: {', '.join(unknown)}",
            f"A {kind} change may not set: {', '.join(unknown)}",
            field=f"proposed.{unknown[0]}",
        )
    missing = sorted(f for f in REQUIRED[kind] if proposed.get(f) in (None, "", []))
    if missing:
        label = field_label(missing[0])
        raise Invalid(
            f"กรุณาระบุ{label[0]}ที่ขอเปลี่ยน", f"Please give the new {label[1].lower()}", field=f"proposed.{missing[0]}"
        )
    out: dict[str, Any] = {}
    for key, value in proposed.items():
        if key == "targets":
            if not isinstance(value, list | tuple):
                raise Invalid("ค่าเป้าหมายต้องเป็นรายการตัวเลข", "targets must be a list", field="proposed.targets")
            out[key] = [_plain(_decimal(v, f"proposed.targets[{i}]")) for i, v in enumerate(value)]
        elif key == "weight":
            out[key] = _plain(_decimal(value, "proposed.weight"))
        elif key == "weights":
            if not isinstance(value, dict):
                raise Invalid("weights ต้องเป็น {รหัสตัวชี้วัด: น้ำหนัก}", "weights must map KPI codes to weights")
            out[key] = {str(c): _plain(_decimal(w, f"proposed.weights.{c}")) for c, w in value.items()}
        elif key == "component":
            if not framework.components.filter(code=value).exists():
                raise Invalid(f"ไม่มีองค์ประกอบ {value}", f"No component {value}", field="proposed.component")
            out[key] = str(value)
        elif key == "direction":
            if value not in Direction.values:
                raise Invalid("ทิศทางไม่ถูกต้อง", "Unknown direction", field="proposed.direction")
            out[key] = value
        elif key == "measure":
            if value not in Measure.values:
                raise Invalid("ลักษณะการวัดไม่ถูกต้อง", "Unknown measure", field="proposed.measure")
            out[key] = value
        elif key == "is_monitor":
            out[key] = bool(value)
        else:
            out[key] = str(value).strip()
    return out


def check_kind_rules(
    kind: str, proposed: dict[str, Any], *, kpi: Kpi | None, framework: Framework, organisation: Organisation
) -> None:
    """The rule set (`kpis.field_rules`) on a change request: never a field the KPI's kind fixes
    (a cascaded KPI's targets or weight, a Basket KPI's formula or unit), nor the weight of a
    cascaded KPI rebalanced through "weights"."""
    if kpi is not None:
        own = {f: v for f, v in proposed.items() if f != "weights"}
        check_update(kpi, own, state=ProposalState.APPROVED, change=kind)
    weights = proposed.get("weights") or {}
    if weights:
        others = Kpi.objects.filter(
            framework=framework, organisation=organisation, code__in=list(weights)
        ).select_related("proposal", "component", "basket")
        for other in others:
            check_update(other, {"weight": weights[other.code]}, state=ProposalState.APPROVED, change=ChangeKind.WEIGHT)


@dataclass
class Planned:
    """The organisation's scorecard as it would stand in the round, for validation."""

    before: list[sm.KpiInput]
    after: list[sm.KpiInput]


def _input(code: str, values: dict[str, Any], components: dict[int, str]) -> sm.KpiInput:
    component = values["component"]
    return sm.KpiInput(
        code=code,
        component=components.get(component, "") if isinstance(component, int) else str(component),
        weight=Decimal(str(values["weight"])),
        targets=tuple(Decimal(str(t)) for t in values["targets"]),
        result=None,
        direction=values["direction"],
        monitor=bool(values["is_monitor"]),
    )


def plan_change(
    *,
    organisation: Organisation,
    framework: Framework,
    round_: Round,
    kind: str,
    kpi: Kpi | None,
    proposed: dict[str, Any],
) -> Planned:
    components = dict(framework.components.values_list("pk", "code"))
    months = round_.months
    kpis = [row.kpi for row in kpis_in_round(framework, round_, organisations=[organisation.pk])]
    before: list[sm.KpiInput] = []
    after: list[sm.KpiInput] = []
    weights = proposed.get("weights", {})
    codes = {k.code for k in kpis}
    for code in weights:
        if code not in codes:
            raise Invalid(
                f"ไม่พบตัวชี้วัดรหัส {code} ของหน่วยงานในรอบนี้",
                f"No KPI {code} of this organisation in force in this round",
                field=f"proposed.weights.{code}",
            )
    for k in kpis:
        version = version_in_force(k, months)
        values = template_of(version or k)
        before.append(_input(k.code, values, components))
        if kpi is not None and k.pk == kpi.pk:
            if kind == ChangeKind.REMOVAL:
                continue
            values = {**values, **{f: v for f, v in proposed.items() if f in VERSION_FIELDS}}
        if k.code in weights:
            values = {**values, "weight": weights[k.code]}
        after.append(_input(k.code, values, components))
    if kind == ChangeKind.ADDITION:
        new = {
            "direction": Direction.HIGHER,
            "is_monitor": False,
            **{f: v for f, v in proposed.items() if f in VERSION_FIELDS},
        }
        after.append(_input(str(proposed.get("code") or "ใหม่"), new, components))
    return Planned(before, after)


def validate_change(
    *,
    organisation: Organisation,
    framework: Framework,
    round_: Round,
    kind: str,
    kpi: Kpi | None,
    proposed: dict[str, Any],
) -> None:
    """Raise Invalid with every problem the change would introduce (weights, counts, ladder)."""
    planned = plan_change(
        organisation=organisation, framework=framework, round_=round_, kind=kind, kpi=kpi, proposed=proposed
    )
    rules = scoring_framework(framework)

    def keys(kpis: list[sm.KpiInput]) -> dict[tuple[str, str | None, str | None], Any]:
        return {(p.rule, p.kpi, p.component): p for p in validate(sm.Scorecard(rules, tuple(kpis)))}

    old = keys(planned.before)
    new = [p for key, p in keys(planned.after).items() if key not in old]
    if new:
        raise Invalid(
            "การเปลี่ยนแปลงนี้ขัดกับกฎของกรอบการประเมิน: " + "; ".join(p.message_th for p in new),
            "The change breaks the framework's rules: " + "; ".join(p.message_en for p in new),
            field="proposed",
            problems=[p.as_dict() for p in new],
        )


# --- filing -------------------------------------------------------------------------------------


def check_round_open(*, organisation: Organisation, framework: Framework, round_: Round) -> None:
    """A change may not reach back into results already locked (approved) for that round or a later one:
    published scores must keep the definition they were scored with.

    Asked of the rounds (through results' `related_name`), not of `results.Result`: results sits above
    kpis in the layers, so kpis reads the lock without importing it."""
    locked = (
        Round.objects.filter(
            framework=framework,
            months__gte=round_.months,
            results__organisation=organisation,
            results__kpi__framework=framework,
            results__is_locked=True,
        )
        .order_by("months")
        .first()
    )
    if locked is not None:
        raise Conflict(
            f"ผลการดำเนินงาน{locked.name_th}ของหน่วยงานได้รับอนุมัติและล็อกแล้ว จึงเปลี่ยนแปลงตัวชี้วัดตั้งแต่{round_.name_th}ไม่ได้",
            f"Results of the {locked.name_en} are locked; the KPIs cannot change from the {round_.name_en}",
            field="round",
        )


@transaction.atomic
def change_request_file(
    *,
    by: User,
    round_: Round,
    kind: str,
    reason_th: str,
    proposed: dict[str, Any],
    kpi: Kpi | None = None,
    organisation: Organisation | None = None,
) -> ChangeRequest:
    """File a change request for a frozen KPI (or, for an addition, for the organisation's approved set)."""
    viewer = viewer_for(by)
    if kind == ChangeKind.ADDITION:
        if organisation is None:
            organisation = kpi.organisation if kpi else None
        kpi = None
        if organisation is None:
            raise Invalid("กรุณาระบุหน่วยงาน", "organisation is required for an addition", field="organisation")
        framework = round_.framework
    else:
        if kpi is None:
            raise Invalid("กรุณาระบุตัวชี้วัดที่ขอเปลี่ยนแปลง", "kpi is required", field="kpi")
        organisation = kpi.organisation
        framework = kpi.framework
    if not viewer.may_edit_for(organisation.pk):
        raise NotAllowed(
            "เฉพาะผู้ประสานงานตัวชี้วัดของหน่วยงานนี้ที่ยื่นคำขอเปลี่ยนแปลงได้",
            "Only this organisation's KPI coordinator may file a change request",
        )
    if round_.framework_id != framework.pk:
        raise Invalid(
            "รอบการประเมินไม่อยู่ในกรอบการประเมินของตัวชี้วัดนี้", "That round is not of this KPI's framework", field="round"
        )
    if not reason_th.strip():
        raise Invalid("กรุณาระบุเหตุผลของการขอเปลี่ยนแปลง", "A reason is required", field="reason_th")
    proposal = Proposal.objects.filter(framework=framework, organisation=organisation).first()
    if proposal is None or proposal.state != ProposalState.APPROVED:
        raise Conflict(
            "ตัวชี้วัดของหน่วยงานยังไม่ได้รับอนุมัติ ให้แก้ไขในข้อเสนอแทนการขอเปลี่ยนแปลง",
            "The organisation's KPIs are not approved yet: edit the proposal instead",
        )
    if kpi is not None:
        if not kpi.versions.exists():
            raise Conflict("ตัวชี้วัดนี้ยังไม่มีฉบับที่ 1", "This KPI has no frozen version yet")
        if kpi.is_removed:
            raise Conflict("ตัวชี้วัดนี้ถูกยกเลิกแล้ว", "This KPI has been removed")
        if kind == ChangeKind.REMOVAL and kpi.cascade_id is not None:
            raise Conflict(
                "ตัวชี้วัดที่ถ่ายทอดจากส่วนกลางยกเลิกไม่ได้", "A cascaded KPI cannot be removed by a participant", field="kind"
            )
        if ChangeRequest.objects.filter(kpi=kpi, state=ChangeState.SUBMITTED).exists():
            raise Conflict(
                "ตัวชี้วัดนี้มีคำขอเปลี่ยนแปลงที่รอพิจารณาอยู่แล้ว", "This KPI already has a change request awaiting decision"
            )
    check_round_open(organisation=organisation, framework=framework, round_=round_)
    clean = normalise_proposed(kind, proposed, framework)
    check_kind_rules(kind, clean, kpi=kpi, framework=framework, organisation=organisation)
    if (
        kind == ChangeKind.ADDITION
        and clean.get("code")
        and Kpi.objects.filter(framework=framework, organisation=organisation, code=clean["code"]).exists()
    ):
        raise Invalid(f"รหัสตัวชี้วัด {clean['code']} ซ้ำ", f"KPI code {clean['code']} exists", field="proposed.code")
    validate_change(organisation=organisation, framework=framework, round_=round_, kind=kind, kpi=kpi, proposed=clean)
    cr = ChangeRequest(
        organisation=organisation,
        framework=framework,
        kpi=kpi,
        round=round_,
        kind=kind,
        level=level_for(organisation),
        reason_th=reason_th.strip(),
        proposed=clean,
        state=ChangeState.SUBMITTED,
        created_by=by,
    )
    cr.full_clean()
    cr._history_user = by  # type: ignore[attr-defined]
    cr.save()
    record_event(cr, action="file", from_state="", to_state=cr.state, by=by, comment=cr.reason_th, kpi=kpi)
    return cr


# --- deciding -----------------------------------------------------------------------------------

DECISIONS = {
    "approve": ChangeState.APPROVED,
    "acknowledge": ChangeState.ACKNOWLEDGED,
    "reject": ChangeState.REJECTED,
}


def _new_version(kpi: Kpi, values: dict[str, Any], cr: ChangeRequest, by: User | None) -> KpiVersion:
    number = (kpi.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    fields = {("component_id" if f == "component" else f): v for f, v in values.items()}
    version = KpiVersion(kpi=kpi, number=number, effective_from=cr.round, change_request=cr, created_by=by, **fields)
    version.save()
    # The working copy shows the newest definition; earlier rounds keep theirs through the versions.
    for f, v in fields.items():
        setattr(kpi, f, v)
    kpi._history_user = by  # type: ignore[attr-defined]
    kpi._change_reason = f"ฉบับที่ {number} ตามคำขอเปลี่ยนแปลง #{cr.pk}"  # type: ignore[attr-defined]
    kpi.save()
    return version


def _apply(cr: ChangeRequest, by: User | None) -> list[KpiVersion]:
    made: list[KpiVersion] = []
    proposed = dict(cr.proposed)
    components = dict(cr.framework.components.values_list("code", "pk"))
    weights: dict[str, str] = proposed.pop("weights", {})
    if cr.kind == ChangeKind.ADDITION:
        proposal = Proposal.objects.get(framework=cr.framework, organisation=cr.organisation)
        order = (Kpi.objects.filter(proposal=proposal).aggregate(n=Max("order"))["n"] or 0) + 1
        code = proposed.pop("code", "") or f"{cr.organisation.code}-CR{cr.pk}"
        values: dict[str, Any] = {
            "name_en": "",
            "definition_th": "",
            "formula_th": "",
            "unit_th": "",
            "direction": Direction.HIGHER,
            "measure": Measure.NUMERIC,
            "is_monitor": False,
            "baseline": [],
            "data_source_th": "",
            "responsible_th": "",
            "evidence_th": "",
            **proposed,
        }
        values["component"] = components[values["component"]]
        kpi = Kpi(
            proposal=proposal,
            framework=cr.framework,
            organisation=cr.organisation,
            code=code,
            order=order,
            kpi_type=KpiType.FUNCTION,
            origin=Origin.PROPOSED,
            **{("component_id" if f == "component" else f): v for f, v in values.items()},
        )
        kpi.full_clean()
        kpi._history_user = by  # type: ignore[attr-defined]
        kpi.save()
        version = KpiVersion(
            kpi=kpi,
            number=1,
            effective_from=cr.round,
            change_request=cr,
            created_by=by,
            **{("component_id" if f == "component" else f): v for f, v in values.items()},
        )
        version.save()
        made.append(version)
        cr.kpi = kpi
    elif cr.kind == ChangeKind.REMOVAL:
        assert cr.kpi is not None
        cr.kpi.is_removed = True
        cr.kpi._history_user = by  # type: ignore[attr-defined]
        cr.kpi.save(update_fields=["is_removed"])
    else:
        assert cr.kpi is not None
        current = latest_version(cr.kpi)
        base = template_of(current or cr.kpi)
        made.append(_new_version(cr.kpi, {**base, **proposed}, cr, by))
    for code, weight in weights.items():
        other = Kpi.objects.get(framework=cr.framework, organisation=cr.organisation, code=code)
        current = latest_version(other)
        made.append(_new_version(other, {**template_of(current or other), "weight": Decimal(weight)}, cr, by))
    return made


@transaction.atomic
def change_request_decide(
    *, change_request: ChangeRequest, decision: str, by: User, note_th: str = ""
) -> list[KpiVersion]:
    """Approve (or acknowledge) and make the new versions, or reject; returns the versions made."""
    viewer = viewer_for(by)
    if not may_decide(viewer):
        raise NotAllowed(
            "เฉพาะฝ่ายเลขานุการคณะกรรมการหรือสำนักงาน ก.พ.ร. ที่บันทึกผลการพิจารณาได้",
            "Only the committee secretary or OPDC may decide change requests",
        )
    if decision not in DECISIONS:
        raise Invalid(f"ผลการพิจารณาไม่ถูกต้อง: {decision}", f"Unknown decision: {decision}", field="decision")
    cr = (
        ChangeRequest.objects.select_for_update(of=("self",))
        .select_related("kpi", "round", "framework", "organisation")
        .get(pk=change_request.pk)
    )
    if cr.state != ChangeState.SUBMITTED:
        raise Conflict(
            f"คำขอนี้พิจารณาแล้ว ({cr.get_state_display()})",
            f"This change request has already been decided ({cr.state})",
            current={"state": cr.state},
        )
    made: list[KpiVersion] = []
    if decision != "reject":
        check_round_open(organisation=cr.organisation, framework=cr.framework, round_=cr.round)
        made = _apply(cr, by)
    before = cr.state
    cr.state = DECISIONS[decision]
    cr.decided_at = timezone.now()
    cr.decision_note_th = note_th
    cr._history_user = by  # type: ignore[attr-defined]
    cr.save()
    record_event(cr, action=decision, from_state=before, to_state=cr.state, by=by, comment=note_th, kpi=cr.kpi)
    if decision != "reject":
        # A version (or a removal) takes effect from the request's round: rescore the
        # organisation's scorecards now, in this transaction, not at the next approval.
        announce_score_inputs_changed(
            framework_id=cr.framework_id, organisation_ids=[cr.organisation_id], round_id=None, by=by
        )
    change_request.refresh_from_db()
    return made


# --- reading change requests ---------------------------------------------------------------------


def change_requests_visible(viewer: Viewer) -> QuerySet[ChangeRequest]:
    return ChangeRequest.objects.filter(viewer.organisation_q("organisation__")).select_related(
        "organisation", "kpi", "round", "framework__fiscal_year", "created_by__person"
    )


def change_request_get(*, viewer: Viewer, pk: int) -> ChangeRequest:
    cr = change_requests_visible(viewer).filter(pk=pk).first()
    if cr is None:
        raise NotFound("ไม่พบคำขอเปลี่ยนแปลงนี้", "No such change request")
    return cr


def change_request_list(
    *, viewer: Viewer, year: int | None = None, state: str = "", organisation: str = "", level: str = ""
) -> QuerySet[ChangeRequest]:
    qs = change_requests_visible(viewer)
    if year:
        qs = qs.filter(framework__fiscal_year__year=year)
    if state:
        qs = qs.filter(state=state)
    if organisation:
        qs = qs.filter(organisation__code=organisation)
    if level:
        qs = qs.filter(level=level)
    return qs.order_by("-created_at", "-pk")


def pending_for_agenda(viewer: Viewer) -> QuerySet[ChangeRequest]:
    """Requests awaiting a committee, for the agenda form."""
    return change_requests_visible(viewer).filter(state=ChangeState.SUBMITTED).order_by("organisation__code", "pk")


def kpis_open_to_change(viewer: Viewer) -> QuerySet[Kpi]:
    """The coordinator's approved, frozen, not-removed KPIs."""
    if not viewer.is_coordinator or viewer.organisation_id is None:
        return Kpi.objects.none()
    return (
        Kpi.objects.filter(
            organisation_id=viewer.organisation_id,
            proposal__state=ProposalState.APPROVED,
            is_removed=False,
            versions__isnull=False,
        )
        .distinct()
        .select_related("framework__fiscal_year")
        .order_by("-framework__fiscal_year__year", "order")
    )


# --- diffs --------------------------------------------------------------------------------------


@dataclass
class FieldDiff:
    field: str
    label_th: str
    label_en: str
    old: str
    new: str
    old_ladder: list[tuple[str, str]] | None = None
    new_ladder: list[tuple[str, str]] | None = None


@dataclass
class VersionRow:
    version: KpiVersion
    changes: list[FieldDiff]


def _show(field: str, value: Any, components: dict[int, str]) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if field == "component":
        return components.get(value, str(value))
    if field == "direction":
        return str(Direction(value).label) if value in Direction.values else str(value)
    if field == "measure":
        return str(Measure(value).label) if value in Measure.values else str(value)
    if field == "is_monitor":
        return "ใช่" if value else "ไม่ใช่"
    if field == "weight":
        return format_value(Decimal(str(value)))
    if field == "targets":
        return " / ".join(format_value(Decimal(str(t))) for t in value)
    if field == "baseline":
        return " · ".join(f"{b.get('year')}: {b.get('value')}" for b in value if isinstance(b, dict))
    return str(value)


def ladder(targets: list[Any], levels: list[str]) -> list[tuple[str, str]]:
    return [
        (levels[i] if i < len(levels) else f"ขั้นที่ {i + 1}", format_value(Decimal(str(t)))) for i, t in enumerate(targets)
    ]


def version_diff(
    old: KpiVersion | None, new: KpiVersion, *, levels: list[str], components: dict[int, str]
) -> list[FieldDiff]:
    """Field-by-field differences between two consecutive versions (every field for version 1)."""
    out: list[FieldDiff] = []
    before = template_of(old) if old is not None else {}
    after = template_of(new)
    for field in VERSION_FIELDS:
        a, b = before.get(field), after[field]
        if field == "weight" and a is not None:
            same = Decimal(str(a)) == Decimal(str(b))
        elif field == "targets" and a is not None:
            same = [Decimal(str(x)) for x in a] == [Decimal(str(x)) for x in b]
        else:
            same = a == b
        if old is not None and same:
            continue
        th, en = field_label(field)
        diff = FieldDiff(field, th, en, _show(field, a, components) if old else "", _show(field, b, components))
        if field == "targets":
            diff.old_ladder = ladder(list(a), levels) if old is not None and a else None
            diff.new_ladder = ladder(list(b), levels)
        out.append(diff)
    return out


def version_history(kpi: Kpi) -> list[VersionRow]:
    levels = list(kpi.framework.target_levels.order_by("order").values_list("name_th", flat=True))
    components = dict(kpi.framework.components.values_list("pk", "name_th"))
    versions = list(
        kpi.versions.select_related("effective_from", "change_request", "created_by__person").order_by("number")
    )
    rows: list[VersionRow] = []
    previous: KpiVersion | None = None
    for version in versions:
        rows.append(VersionRow(version, version_diff(previous, version, levels=levels, components=components)))
        previous = version
    return rows


def version_pair(kpi: Kpi, a: int, b: int) -> tuple[KpiVersion, KpiVersion]:
    found = {v.number: v for v in kpi.versions.filter(number__in=[a, b])}
    for n in (a, b):
        if n not in found:
            raise NotFound(f"ไม่พบฉบับที่ {n}", f"No version {n}")
    return found[a], found[b]
