"""Proposals: list and read (scoped like the pages), edit KPIs with lock_version, move through the
workflow, grant extensions; joint and cascaded KPIs. A stale lock_version answers 409 with `current`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.contrib.auth.models import User
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from govkpi.api.auth import login_required, viewer_of_api
from govkpi.api.schemas import (
    ERRORS,
    WRITE_ERRORS,
    limit_param,
    lock_version_param,
    offset_param,
    organisation_param,
    year_param,
)
from govkpi.basket.models import BasketKpi
from govkpi.core.errors import Invalid, NotFound
from govkpi.frameworks.models import Framework
from govkpi.kpis import field_rules, selectors, services, shared, workflow
from govkpi.kpis.models import CascadedKpi, JointKpi, Kpi, Proposal
from govkpi.organisations.access import Viewer
from govkpi.organisations.models import Organisation

router = Router()

StateCode = Literal[
    "draft",
    "submitted",
    "moi_review",
    "opdc_review",
    "working_group",
    "subcommittee",
    "minister",
    "approved",
    "returned",
]
ActionCode = Literal["submit", "endorse", "approve", "return"]
DirectionCode = Literal["higher_is_better", "lower_is_better"]
MeasureCode = Literal["numeric", "milestone"]
SupportCode = Literal["direct", "indirect", "none"]
KpiTypeCode = Literal["strategic", "joint", "function", "area", "potential"]
DomainCode = Literal["economy", "society", "environment", "governance", ""]


class ProposalOut(Schema):
    id: int
    organisation: str
    organisation_name_th: str
    year: int
    group: str
    state: str
    state_th: str
    lock_version: int
    submitted_at: dt.datetime | None
    approved_at: dt.datetime | None
    updated_at: dt.datetime

    @staticmethod
    def resolve_organisation(obj: Proposal) -> str:
        return obj.organisation.code

    @staticmethod
    def resolve_organisation_name_th(obj: Proposal) -> str:
        return obj.organisation.name_th

    @staticmethod
    def resolve_year(obj: Proposal) -> int:
        return obj.framework.fiscal_year.year

    @staticmethod
    def resolve_group(obj: Proposal) -> str:
        return obj.framework.group

    @staticmethod
    def resolve_state_th(obj: Proposal) -> str:
        return obj.get_state_display()


class ProposalPage(Schema):
    count: int
    items: list[ProposalOut]


class BaselineRow(Schema):
    year: int
    value: str | None = None


class ProposalKpiOut(Schema):
    id: int
    code: str
    lock_version: int
    name_th: str
    name_en: str
    component: str
    weight: Decimal
    targets: list[str]
    is_monitor: bool
    direction: str
    measure: str
    unit_th: str
    definition_th: str
    formula_th: str
    baseline: list[dict[str, Any]]
    data_source_th: str
    evidence_th: str
    responsible_th: str
    scope_th: str
    collection_th: str
    criteria_th: str
    domain: str
    origin: str
    kpi_type: str
    basket: str | None
    joint: str | None
    cascade: str | None
    plan_links: list[str]
    support: str
    national_target_th: str
    national_target_value: Decimal | None
    below_plan_reason_th: str
    strategic: str | None
    strategic_relation: str
    removable: bool
    locked_fields: list[str]

    @staticmethod
    def resolve_strategic(obj: Kpi) -> str | None:
        return obj.strategic.code if obj.strategic else None

    @staticmethod
    def resolve_component(obj: Kpi) -> str:
        return obj.component.code

    @staticmethod
    def resolve_targets(obj: Kpi) -> list[str]:
        return [str(t) for t in obj.targets]

    @staticmethod
    def resolve_basket(obj: Kpi) -> str | None:
        return obj.basket.code if obj.basket else None

    @staticmethod
    def resolve_joint(obj: Kpi) -> str | None:
        return obj.joint.code if obj.joint else None

    @staticmethod
    def resolve_cascade(obj: Kpi) -> str | None:
        return obj.cascade.code if obj.cascade else None

    @staticmethod
    def resolve_plan_links(obj: Kpi) -> list[str]:
        return [p.code for p in obj.plan_links.all()]

    @staticmethod
    def resolve_removable(obj: Kpi) -> bool:
        return obj.cascade_id is None

    @staticmethod
    def resolve_locked_fields(obj: Kpi) -> list[str]:
        return sorted(field_rules.locked_fields(obj))


class ProblemOut(Schema):
    rule: str
    kpi: str | None
    component: str | None
    field: str | None
    th: str
    en: str


class EventOut(Schema):
    action: str
    from_state: str
    to_state: str
    comment: str
    kpi: str | None
    actor: str | None
    at: dt.datetime
    meeting: str | None = None
    resolution: str | None = None

    @staticmethod
    def resolve_kpi(obj: Any) -> str | None:
        return obj.kpi.code if obj.kpi else None

    @staticmethod
    def resolve_meeting(obj: Any) -> str | None:
        decision = getattr(obj, "decision", None)
        return decision.meeting_label or None if decision else None

    @staticmethod
    def resolve_resolution(obj: Any) -> str | None:
        decision = getattr(obj, "decision", None)
        return decision.resolution_th or None if decision else None

    @staticmethod
    def resolve_actor(obj: Any) -> str | None:
        return obj.actor.username if obj.actor else None


class ProposalDetailOut(ProposalOut):
    deadline: dt.date | None
    actions: list[str]
    kpis: list[ProposalKpiOut]
    problems: list[ProblemOut]
    events: list[EventOut]

    @staticmethod
    def resolve_kpis(obj: Any) -> list[Kpi]:
        return list(obj.kpi_rows)


class RulesOut(Schema):
    ok: bool
    problems: list[ProblemOut]


class ProposalTransitionIn(Schema):
    action: ActionCode
    comment: str = ""
    kpi_id: int | None = None
    lock_version: int | None = None
    meeting_id: int | None = Field(None, description="an existing meeting (reviews) that decided this stage")
    meeting: str = Field("", description="or the meeting typed as ครั้งที่ n/ปี พ.ศ. (committee stages need one)")
    resolution: str = Field("", description="the resolution text (มติ); required at committee stages")


class KpiValues(Schema):
    """Fields of a KPI; on PATCH send only those that change (plus lock_version)."""

    name_th: str | None = None
    name_en: str | None = None
    definition_th: str | None = None
    formula_th: str | None = None
    unit_th: str | None = None
    direction: DirectionCode | None = None
    measure: MeasureCode | None = None
    baseline: list[BaselineRow] | None = None
    data_source_th: str | None = None
    evidence_th: str | None = None
    domain: DomainCode | None = None
    targets: list[Decimal] | None = None
    component: str | None = None
    weight: Decimal | None = None
    is_monitor: bool | None = None
    plan_links: list[str] | None = None
    support: SupportCode | None = None
    national_target_th: str | None = None
    national_target_value: Decimal | None = None
    below_plan_reason_th: str | None = None
    responsible_th: str | None = None
    kpi_type: KpiTypeCode | None = None
    strategic: str | None = Field(None, description="Strategic KPI code of the year (e.g. SK-01); empty detaches")
    strategic_relation: Literal["same", "proxy", ""] | None = None
    scope_th: str | None = None
    collection_th: str | None = None
    criteria_th: str | None = None


class KpiCreateIn(KpiValues):
    basket_code: str | None = None
    lock_version: int | None = None


class KpiPatchIn(KpiValues):
    lock_version: int | None = None


class ExtensionIn(Schema):
    new_deadline: dt.date
    reason: str


class ProposalExtensionOut(Schema):
    id: int
    organisation: str
    new_deadline: dt.date
    reason: str

    @staticmethod
    def resolve_organisation(obj: Any) -> str:
        return str(obj.organisation.code)


class SharedIn(Schema):
    framework_id: int
    code: str
    name_th: str
    name_en: str = ""
    definition_th: str = ""
    formula_th: str = ""
    unit_th: str = ""
    direction: DirectionCode = "higher_is_better"
    measure: MeasureCode = "numeric"
    component: str = "performance"
    weight: Decimal = Decimal(0)
    targets: list[Decimal] = []
    basket_code: str | None = None


class JointIn(SharedIn):
    issue_th: str = ""
    host: str
    participants: list[str]


class ParticipantsIn(Schema):
    participants: list[str]


class JointRowOut(Schema):
    organisation: str
    kpi_id: int
    code: str
    weight: Decimal
    targets: list[str]
    proposal_state: str


class JointOut(Schema):
    id: int
    code: str
    year: int
    group: str
    issue_th: str
    name_th: str
    host: str
    participants: list[str]


class JointDetailOut(JointOut):
    rows: list[JointRowOut]


class CascadeOut(Schema):
    id: int
    code: str
    year: int
    group: str
    name_th: str
    owner: str
    component_code: str
    weight: Decimal
    targets: list[str]


class CascadePushOut(Schema):
    cascade: CascadeOut
    created: list[str]
    skipped: list[str]


# --- helpers -------------------------------------------------------------------------------------


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _proposal(viewer: Viewer, proposal_id: int) -> Proposal:
    try:
        return selectors.proposal_get(viewer=viewer, pk=proposal_id)
    except Proposal.DoesNotExist as exc:
        raise NotFound("ไม่พบข้อเสนอตัวชี้วัดนี้", "No such proposal") from exc


def _kpi_of(proposal: Proposal, kpi_id: int) -> Kpi:
    kpi = proposal.kpis.filter(pk=kpi_id).first()
    if kpi is None:
        raise NotFound("ไม่พบตัวชี้วัดนี้ในข้อเสนอ", "No such KPI in this proposal")
    return kpi


def _kpi_out(kpi: Kpi) -> Kpi:
    return (
        Kpi.objects.select_related("component", "basket", "joint", "cascade", "strategic")
        .prefetch_related("plan_links")
        .get(pk=kpi.pk)
    )


def _values(body: KpiValues) -> dict[str, Any]:
    values = body.dict(exclude_unset=True)
    values.pop("lock_version", None)
    values.pop("basket_code", None)
    if "baseline" in values and values["baseline"] is not None:
        values["baseline"] = [dict(row) for row in values["baseline"]]
    return values


def _detail(proposal: Proposal, viewer: Viewer) -> Proposal:
    """The proposal with what ProposalDetailOut reads attached to it."""
    kpis = selectors.proposal_kpis(proposal)
    review = selectors.proposal_shows_review(viewer, proposal)
    proposal.deadline = workflow.deadline_for(proposal) if review else None  # type: ignore[attr-defined]
    proposal.actions = workflow.available_actions(proposal, viewer) if review else []  # type: ignore[attr-defined]
    proposal.kpi_rows = kpis  # type: ignore[attr-defined]
    proposal.problems = (  # type: ignore[attr-defined]
        [p.as_dict() for p in workflow.proposal_problems(proposal, kpis)] if review else []
    )
    proposal.events = workflow.events_of(proposal) if review else []  # type: ignore[attr-defined]
    return proposal


def _framework(framework_id: int) -> Framework:
    framework = Framework.objects.select_related("fiscal_year").filter(pk=framework_id).first()
    if framework is None:
        raise Invalid(f"ไม่พบกรอบการประเมินรหัส {framework_id}", f"No framework {framework_id}", field="framework_id")
    return framework


def _organisations(codes: list[str], field: str) -> list[Organisation]:
    found = {o.code: o for o in Organisation.objects.filter(code__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise Invalid(
            f"ไม่พบหน่วยงานรหัส {', '.join(missing)}", f"Unknown organisations {', '.join(missing)}", field=field
        )
    return [found[c] for c in codes]


def _template(body: SharedIn) -> shared.SharedTemplate:
    basket = None
    if body.basket_code:
        basket = BasketKpi.objects.filter(code=body.basket_code).first()
        if basket is None:
            raise Invalid(f"ไม่พบ {body.basket_code} ใน KPI Basket", "No such Basket KPI", field="basket_code")
    return shared.SharedTemplate(
        name_th=body.name_th,
        name_en=body.name_en,
        definition_th=body.definition_th,
        formula_th=body.formula_th,
        unit_th=body.unit_th,
        direction=body.direction,
        measure=body.measure,
        component=body.component,
        weight=body.weight,
        targets=[str(t) for t in body.targets],
        basket=basket,
    )


def _joint_out(joint: JointKpi) -> dict[str, Any]:
    return {
        "id": joint.pk,
        "code": joint.code,
        "year": joint.framework.fiscal_year.year,
        "group": joint.framework.group,
        "issue_th": joint.issue_th,
        "name_th": joint.name_th,
        "host": joint.host.code,
        "participants": sorted(o.code for o in joint.participants.all()),
    }


def _cascade_out(c: CascadedKpi) -> dict[str, Any]:
    return {
        "id": c.pk,
        "code": c.code,
        "year": c.framework.fiscal_year.year,
        "group": c.framework.group,
        "name_th": c.name_th,
        "owner": c.owner.code,
        "component_code": c.component_code,
        "weight": c.weight,
        "targets": [str(t) for t in c.targets],
    }


# --- joint and cascaded (before /{proposal_id} so the paths never clash) ------------------------


@router.get("/joint", response={200: list[JointOut], **ERRORS}, summary="ตัวชี้วัดร่วมที่ผู้เรียกเห็นได้")
def list_joint(request: HttpRequest, year: int | None = year_param()) -> object:
    qs = selectors.joints_visible(viewer_of_api(request)).select_related("framework__fiscal_year", "host")
    if year:
        qs = qs.filter(framework__fiscal_year__year=year)
    return [_joint_out(j) for j in qs.prefetch_related("participants").order_by("code")]


@router.post("/joint", auth=login_required, response={201: JointDetailOut, **WRITE_ERRORS}, summary="กำหนดตัวชี้วัดร่วม")
def create_joint(request: HttpRequest, body: JointIn) -> Status[Any]:
    host = _organisations([body.host], "host")[0]
    joint = shared.joint_create(
        framework=_framework(body.framework_id),
        by=_user(request),
        code=body.code,
        issue_th=body.issue_th,
        host=host,
        participants=_organisations(body.participants, "participants"),
        template=_template(body),
    )
    return Status(201, _joint_detail(joint, viewer_of_api(request)))


def _joint_detail(joint: JointKpi, viewer: Viewer) -> dict[str, Any]:
    visible = set(Organisation.objects.filter(viewer.organisation_q()).values_list("pk", flat=True))
    rows = [
        {
            "organisation": k.organisation.code,
            "kpi_id": k.pk,
            "code": k.code,
            "weight": k.weight,
            "targets": [str(t) for t in k.targets],
            "proposal_state": k.proposal.state,
        }
        for k in joint.kpis.select_related("organisation", "proposal").order_by("organisation__code")
        if viewer.sees_all or viewer.organisation_id == joint.host_id or k.organisation_id in visible
    ]
    return {**_joint_out(joint), "rows": rows}


def _joint(request: HttpRequest, joint_id: int) -> JointKpi:
    joint = (
        selectors.joints_visible(viewer_of_api(request))
        .select_related("framework__fiscal_year", "host")
        .filter(pk=joint_id)
        .first()
    )
    if joint is None:
        raise NotFound("ไม่พบตัวชี้วัดร่วมนี้", "No such joint KPI")
    return joint


@router.get("/joint/{joint_id}", response={200: JointDetailOut, **ERRORS}, summary="ตัวชี้วัดร่วมและแถวของแต่ละหน่วยงาน")
def get_joint(request: HttpRequest, joint_id: int) -> object:
    return _joint_detail(_joint(request, joint_id), viewer_of_api(request))


@router.put(
    "/joint/{joint_id}/participants",
    auth=login_required,
    response={200: JointDetailOut, **WRITE_ERRORS},
    summary="กำหนดหน่วยงานที่ร่วมตัวชี้วัดใหม่",
)
def set_participants(request: HttpRequest, joint_id: int, body: ParticipantsIn) -> object:
    joint = _joint(request, joint_id)
    shared.joint_set_participants(
        joint=joint, by=_user(request), participants=_organisations(body.participants, "participants")
    )
    return _joint_detail(joint, viewer_of_api(request))


@router.get("/cascaded", response={200: list[CascadeOut], **ERRORS}, summary="ตัวชี้วัดที่ถ่ายทอดให้ทุกหน่วยงานในกลุ่ม")
def list_cascaded(request: HttpRequest, year: int | None = year_param()) -> object:
    qs = shared.cascades_visible(viewer_of_api(request)).select_related("framework__fiscal_year", "owner")
    if year:
        qs = qs.filter(framework__fiscal_year__year=year)
    return [_cascade_out(c) for c in qs.order_by("code")]


@router.post(
    "/cascaded",
    auth=login_required,
    response={201: CascadePushOut, **WRITE_ERRORS},
    summary="ถ่ายทอดตัวชี้วัดให้ทุกหน่วยงานของกรอบการประเมิน",
)
def push_cascaded(request: HttpRequest, body: SharedIn) -> Status[Any]:
    cascade, result = shared.cascade_push(
        framework=_framework(body.framework_id), by=_user(request), code=body.code, template=_template(body)
    )
    cascade = CascadedKpi.objects.select_related("framework__fiscal_year", "owner").get(pk=cascade.pk)
    return Status(
        201,
        {
            "cascade": _cascade_out(cascade),
            "created": [k.organisation.code for k in result.created],
            "skipped": [o.code for o in result.skipped],
        },
    )


# --- proposals -----------------------------------------------------------------------------------


@router.get("/", response={200: ProposalPage, **ERRORS}, summary="ข้อเสนอตัวชี้วัด (ตามสิทธิ์ของผู้เรียก)")
def list_proposals(
    request: HttpRequest,
    year: int | None = year_param(),
    group: Literal["agencies", "provinces"] | None = None,
    state: StateCode | None = None,
    organisation: str = organisation_param(),
    limit: int = limit_param(100, 500),
    offset: int = offset_param(),
) -> object:
    qs = selectors.proposal_list(
        viewer=viewer_of_api(request), year=year, group=group or "", state=state or "", organisation=organisation
    )
    limit = max(1, min(limit, 500))
    offset = max(offset, 0)
    return {"count": qs.count(), "items": list(qs[offset : offset + limit])}


class StartIn(Schema):
    framework_id: int


@router.post(
    "/",
    auth=login_required,
    response={201: ProposalOut, **WRITE_ERRORS},
    summary="เริ่มจัดทำข้อเสนอ (ร่าง) ของหน่วยงานผู้เรียกสำหรับกรอบการประเมิน",
)
def start_proposal(request: HttpRequest, body: StartIn) -> Status[Any]:
    proposal = services.proposal_start(framework=_framework(body.framework_id), by=_user(request))
    return Status(201, _proposal(viewer_of_api(request), proposal.pk))


@router.get(
    "/{proposal_id}",
    response={200: ProposalDetailOut, **ERRORS},
    summary="ข้อเสนอหนึ่งรายการ: ตัวชี้วัด ผลตรวจตามเกณฑ์ ลำดับการดำเนินการ และสิ่งที่ผู้เรียกทำได้",
)
def get_proposal(request: HttpRequest, proposal_id: int) -> object:
    viewer = viewer_of_api(request)
    return _detail(_proposal(viewer, proposal_id), viewer)


@router.get("/{proposal_id}/rules", response={200: RulesOut, **ERRORS}, summary="ตรวจข้อเสนอตามเกณฑ์ของกรอบการประเมิน")
def proposal_rules(request: HttpRequest, proposal_id: int) -> object:
    problems = workflow.proposal_problems(_proposal(viewer_of_api(request), proposal_id))
    return {"ok": not problems, "problems": [p.as_dict() for p in problems]}


@router.post(
    "/{proposal_id}/transitions",
    auth=login_required,
    response={200: ProposalDetailOut, **WRITE_ERRORS},
    summary="ส่ง / รับรอง / เห็นชอบ / ส่งกลับแก้ไข",
)
def transition(request: HttpRequest, proposal_id: int, body: ProposalTransitionIn) -> object:
    viewer = viewer_of_api(request)
    proposal = _proposal(viewer, proposal_id)
    kpi = _kpi_of(proposal, body.kpi_id) if body.kpi_id else None
    done = workflow.transition(
        proposal,
        body.action,
        by=_user(request),
        comment=body.comment,
        kpi=kpi,
        expected_lock_version=body.lock_version,
        meeting_id=body.meeting_id,
        meeting_label=body.meeting,
        resolution=body.resolution,
    )
    return _detail(_proposal(viewer, done.pk), viewer)


@router.post(
    "/{proposal_id}/kpis",
    auth=login_required,
    response={201: ProposalKpiOut, **WRITE_ERRORS},
    summary="เพิ่มตัวชี้วัด: เลือกจาก KPI Basket (basket_code) หรือเสนอใหม่พร้อมแม่แบบครบ",
)
def create_kpi(request: HttpRequest, proposal_id: int, body: KpiCreateIn) -> Status[Any]:
    proposal = _proposal(viewer_of_api(request), proposal_id)
    values = _values(body)
    if body.basket_code:
        basket = BasketKpi.objects.filter(code=body.basket_code).first()
        if basket is None:
            raise Invalid(f"ไม่พบ {body.basket_code} ใน KPI Basket", "No such Basket KPI", field="basket_code")
        kpi = services.kpi_add_from_basket(
            proposal=proposal, basket=basket, by=_user(request), values=values, expected_lock_version=body.lock_version
        )
    else:
        kpi = services.kpi_propose(
            proposal=proposal, by=_user(request), values=values, expected_lock_version=body.lock_version
        )
    return Status(201, _kpi_out(kpi))


@router.patch(
    "/{proposal_id}/kpis/{kpi_id}",
    auth=login_required,
    response={200: ProposalKpiOut, **WRITE_ERRORS},
    summary="แก้ไขตัวชี้วัด (ส่ง lock_version ที่อ่านมา; ถ้ามีผู้อื่นบันทึกก่อน ได้ 409 พร้อมค่าปัจจุบัน)",
)
def update_kpi(request: HttpRequest, proposal_id: int, kpi_id: int, body: KpiPatchIn) -> object:
    proposal = _proposal(viewer_of_api(request), proposal_id)
    kpi = _kpi_of(proposal, kpi_id)
    services.kpi_update(kpi=kpi, by=_user(request), values=_values(body), expected_lock_version=body.lock_version)
    return _kpi_out(kpi)


@router.delete(
    "/{proposal_id}/kpis/{kpi_id}",
    auth=login_required,
    response={204: None, **WRITE_ERRORS},
    summary="นำตัวชี้วัดออกจากข้อเสนอ (ตัวชี้วัดที่ถ่ายทอดนำออกไม่ได้: 409)",
)
def delete_kpi(
    request: HttpRequest, proposal_id: int, kpi_id: int, lock_version: int | None = lock_version_param()
) -> Status[Any]:
    proposal = _proposal(viewer_of_api(request), proposal_id)
    services.kpi_remove(kpi=_kpi_of(proposal, kpi_id), by=_user(request), expected_lock_version=lock_version)
    return Status(204, None)


@router.post(
    "/{proposal_id}/extensions",
    auth=login_required,
    response={201: ProposalExtensionOut, **WRITE_ERRORS},
    summary="ขยายเวลาส่งข้อเสนอ (สำนักงาน ก.พ.ร.)",
)
def grant_extension(request: HttpRequest, proposal_id: int, body: ExtensionIn) -> Status[Any]:
    proposal = _proposal(viewer_of_api(request), proposal_id)
    ext = workflow.deadline_extension_grant(
        proposal=proposal, by=_user(request), new_deadline=body.new_deadline, reason=body.reason
    )
    return Status(201, ext)
