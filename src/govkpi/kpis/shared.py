"""Joint KPIs (ตัวชี้วัดร่วม) and cascaded KPIs: one definition, a row in many proposals.

A joint KPI is defined by its host organisation (or OPDC) and names its participants; each
participant gets its own `Kpi` row in its proposal, with its own weight and targets. A cascaded
KPI is pushed by OPDC (or, for provinces, the MOI reviewer) to every organisation of a framework;
participants cannot remove it. Rows are only ever added to proposals still open for editing
(draft or returned); a proposal already under review is named in the refusal or in `skipped`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F, QuerySet

from govkpi.basket.models import BasketKpi
from govkpi.core.errors import Conflict, Invalid, NotAllowed
from govkpi.frameworks.choices import Direction, GroupCode, Measure
from govkpi.frameworks.models import Framework
from govkpi.kpis.choices import KpiType, Origin, Support
from govkpi.kpis.models import CascadedKpi, JointKpi, Kpi, Proposal
from govkpi.kpis.services import clean_values, next_code, proposal_open
from govkpi.kpis.workflow import EDITABLE
from govkpi.organisations.access import Viewer, viewer_for
from govkpi.organisations.models import Organisation


@dataclass(frozen=True)
class SharedTemplate:
    """What every participant's row starts from; participants of a joint KPI tune weight and targets."""

    name_th: str
    name_en: str = ""
    definition_th: str = ""
    formula_th: str = ""
    unit_th: str = ""
    direction: str = Direction.HIGHER
    measure: str = Measure.NUMERIC
    component: str = "performance"
    weight: Decimal = Decimal(0)
    targets: list[str] = field(default_factory=list)
    basket: BasketKpi | None = None


@dataclass
class PushResult:
    created: list[Kpi]
    skipped: list[Organisation]


def _row_values(framework: Framework, template: SharedTemplate) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name_th": template.name_th,
        "name_en": template.name_en,
        "definition_th": template.definition_th,
        "formula_th": template.formula_th,
        "unit_th": template.unit_th,
        "direction": template.direction,
        "measure": template.measure,
        "component": template.component,
        "weight": template.weight,
    }
    levels = framework.target_levels.count()
    values["targets"] = template.targets if template.targets else ["0"] * levels
    if not template.name_th.strip():
        raise Invalid("ต้องระบุชื่อตัวชี้วัด", "The KPI name is required", field="name_th")
    return clean_values(framework, values)


def _add_row(proposal: Proposal, values: dict[str, Any], by: User, **link: Any) -> Kpi:
    code, order = next_code(proposal)
    kpi = Kpi(
        proposal=proposal,
        framework=proposal.framework,
        organisation=proposal.organisation,
        code=code,
        order=order,
        support=Support.DIRECT,
        **link,
        **values,
    )
    kpi._history_user = by  # type: ignore[attr-defined]
    kpi.save()
    Proposal.objects.filter(pk=proposal.pk).update(lock_version=F("lock_version") + 1)
    return kpi


def _not_open(orgs: list[Organisation]) -> Conflict:
    names = ", ".join(o.name_th for o in orgs)
    codes = ", ".join(o.code for o in orgs)
    return Conflict(
        f"ข้อเสนอตัวชี้วัดของ {names} ไม่ได้อยู่ในสถานะร่างหรือส่งกลับแก้ไข จึงเพิ่มตัวชี้วัดร่วมไม่ได้",
        f"The proposals of {codes} are not open for editing",
        field="participants",
    )


# --- joint KPIs ----------------------------------------------------------------------------------


def may_manage_joint(viewer: Viewer, host_id: int) -> bool:
    return viewer.is_opdc or (viewer.is_coordinator and viewer.organisation_id == host_id)


def _participants_changed(joint: JointKpi, participants: list[Organisation], values: dict[str, Any], by: User) -> None:
    wanted = {o.pk: o for o in participants}
    rows = {k.organisation_id: k for k in joint.kpis.select_related("proposal", "organisation")}
    framework = joint.framework
    outside = [o for o in participants if not framework.participants.filter(pk=o.pk).exists()]
    if outside:
        raise Invalid(
            f"{', '.join(o.name_th for o in outside)} ไม่ได้อยู่ในกรอบการประเมินนี้",
            f"{', '.join(o.code for o in outside)} are not evaluated under this framework",
            field="participants",
        )
    added = [o for pk, o in wanted.items() if pk not in rows]
    dropped = [k for pk, k in rows.items() if pk not in wanted]
    proposals = {o.pk: proposal_open(framework=framework, organisation=o, by=by) for o in added}
    closed = [o for o in added if proposals[o.pk].state not in EDITABLE]
    closed += [k.organisation for k in dropped if k.proposal.state not in EDITABLE]
    if closed:
        raise _not_open(closed)
    for o in added:
        _add_row(proposals[o.pk], values, by, joint=joint, kpi_type=KpiType.JOINT, origin=_origin(joint.basket))
    for k in dropped:
        k._history_user = by  # type: ignore[attr-defined]
        k.delete()
        Proposal.objects.filter(pk=k.proposal_id).update(lock_version=F("lock_version") + 1)
    joint.participants.set(participants)


def _origin(basket: BasketKpi | None) -> str:
    return Origin.BASKET if basket else Origin.PROPOSED


@transaction.atomic
def joint_create(
    *,
    framework: Framework,
    by: User,
    code: str,
    issue_th: str,
    host: Organisation,
    participants: list[Organisation],
    template: SharedTemplate,
) -> JointKpi:
    viewer = viewer_for(by)
    if not may_manage_joint(viewer, host.pk):
        raise NotAllowed(
            "เฉพาะหน่วยงานเจ้าภาพหรือสำนักงาน ก.พ.ร. เท่านั้นที่กำหนดตัวชี้วัดร่วมได้",
            "Only the host organisation or OPDC may define a joint KPI",
        )
    code = code.strip()
    if not code:
        raise Invalid("ต้องระบุรหัสตัวชี้วัดร่วม", "The joint KPI code is required", field="code")
    if JointKpi.objects.filter(framework=framework, code=code).exists():
        raise Conflict(f"รหัสตัวชี้วัดร่วม {code} มีอยู่แล้วในกรอบนี้", f"Joint KPI {code} already exists", field="code")
    if not participants:
        raise Invalid("ต้องระบุหน่วยงานที่ร่วมตัวชี้วัดอย่างน้อย 1 หน่วยงาน", "Name at least one participant", field="participants")
    values = _row_values(framework, template)
    joint = JointKpi(
        framework=framework,
        code=code,
        issue_th=issue_th.strip() or template.name_th,
        name_th=template.name_th,
        name_en=template.name_en,
        definition_th=template.definition_th,
        host=host,
        basket=template.basket,
        themes=list(template.basket.themes) if template.basket else [],
    )
    joint._history_user = by  # type: ignore[attr-defined]
    joint.full_clean(exclude=["framework", "host", "basket"])
    joint.save()
    _participants_changed(joint, participants, values, by)
    return joint


@transaction.atomic
def joint_set_participants(*, joint: JointKpi, by: User, participants: list[Organisation]) -> JointKpi:
    """Name the participants again: new ones get a row (weight 0, their own targets to set), dropped ones lose it."""
    viewer = viewer_for(by)
    if not may_manage_joint(viewer, joint.host_id):
        raise NotAllowed("เฉพาะหน่วยงานเจ้าภาพหรือสำนักงาน ก.พ.ร.", "Only the host or OPDC")
    sample = joint.kpis.select_related("component").first()
    template = SharedTemplate(
        name_th=joint.name_th,
        name_en=joint.name_en,
        definition_th=joint.definition_th,
        formula_th=sample.formula_th if sample else "",
        unit_th=sample.unit_th if sample else "",
        direction=sample.direction if sample else Direction.HIGHER,
        measure=sample.measure if sample else Measure.NUMERIC,
        component=sample.component.code if sample else "performance",
        targets=list(sample.targets) if sample else [],
        basket=joint.basket,
    )
    _participants_changed(joint, participants, _row_values(joint.framework, template), by)
    return joint


# --- cascaded KPIs -------------------------------------------------------------------------------


def may_cascade(viewer: Viewer, framework: Framework) -> bool:
    return viewer.is_opdc or (viewer.is_moi and framework.group == GroupCode.PROVINCES)


@transaction.atomic
def cascade_push(
    *, framework: Framework, by: User, code: str, template: SharedTemplate, kpi_type: str = KpiType.STRATEGIC
) -> tuple[CascadedKpi, PushResult]:
    """Push one KPI to every organisation evaluated under the framework whose proposal is open."""
    viewer = viewer_for(by)
    if not may_cascade(viewer, framework):
        raise NotAllowed(
            "เฉพาะสำนักงาน ก.พ.ร. หรือกระทรวงมหาดไทย (สำหรับจังหวัด) เท่านั้นที่ถ่ายทอดตัวชี้วัดได้",
            "Only OPDC, or MOI for provinces, may cascade a KPI",
        )
    code = code.strip()
    if not code:
        raise Invalid("ต้องระบุรหัสตัวชี้วัด", "The code is required", field="code")
    if CascadedKpi.objects.filter(framework=framework, code=code).exists():
        raise Conflict(f"รหัส {code} มีอยู่แล้วในกรอบนี้", f"Cascaded KPI {code} already exists", field="code")
    if template.weight <= 0:
        raise Invalid("น้ำหนักต้องมากกว่า 0", "The weight must be above 0", field="weight")
    values = _row_values(framework, template)
    if not template.targets:
        raise Invalid("ต้องระบุค่าเป้าหมายทุกขั้น", "Targets are required", field="targets")
    owner_id = viewer.organisation_id
    if owner_id is None:
        raise Invalid("ผู้ใช้นี้ไม่ได้สังกัดหน่วยงาน", "This user belongs to no organisation", field="owner")
    cascade = CascadedKpi(
        framework=framework,
        code=code,
        name_th=template.name_th,
        name_en=template.name_en,
        definition_th=template.definition_th,
        owner_id=owner_id,
        basket=template.basket,
        component_code=values["component"].code,
        weight=values["weight"],
        targets=values["targets"],
        unit_th=template.unit_th,
        direction=template.direction,
        measure=template.measure,
    )
    cascade._history_user = by  # type: ignore[attr-defined]
    cascade.save()
    result = PushResult(created=[], skipped=[])
    for organisation in framework.participants.order_by("code"):
        proposal = proposal_open(framework=framework, organisation=organisation, by=by)
        if proposal.state not in EDITABLE:
            result.skipped.append(organisation)
            continue
        row = _add_row(proposal, values, by, cascade=cascade, kpi_type=kpi_type, origin=_origin(template.basket))
        result.created.append(row)
    return cascade, result


def cascades_visible(viewer: Viewer) -> QuerySet[CascadedKpi]:
    if viewer.is_public:
        return CascadedKpi.objects.filter(framework__published_at__isnull=False)
    return CascadedKpi.objects.all()
