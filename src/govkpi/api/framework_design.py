"""The framework designer's writes under /api/v1/frameworks (OPDC administrators), added to the
frameworks router (a second router on the same prefix would shadow its GET routes' paths).

Create or copy a draft, replace a part (settings, components, ladder, bands, rounds, participants),
list its problems, see what a change touches, announce it. A change to an announced framework is
refused with 409 and its impact until repeated with `?confirm=true`; then it is saved, proposals
re-checked and results rescored (`scorecards.framework_change`). Every refusal names its field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema, Status

from govkpi.api.auth import login_required, viewer_of_api
from govkpi.api.frameworks import FrameworkDetailOut, router
from govkpi.api.schemas import WRITE_ERRORS
from govkpi.core.errors import Conflict, Invalid, NotAllowed
from govkpi.frameworks import selectors, services
from govkpi.frameworks.choices import GroupCode
from govkpi.frameworks.models import Framework
from govkpi.frameworks.validation import framework_problems
from govkpi.organisations.models import Organisation
from govkpi.scorecards.framework_change import framework_change


class FrameworkCreateIn(Schema):
    year: int = Field(..., ge=2500, le=2700, description="fiscal year, B.E.")
    group: GroupCode
    copy_from: int | None = Field(None, description="id of the framework to copy; empty: from scratch")
    name_th: str = Field("", max_length=300)
    name_en: str = Field("", max_length=300)
    proposal_deadline: dt.date | None = None


class SettingsIn(Schema):
    name_th: str | None = Field(None, max_length=300)
    name_en: str | None = Field(None, max_length=300)
    monitoring_only: bool | None = None
    proposal_deadline: dt.date | None = None
    kpi_types: list[str] | None = None
    appeal_window_days: int | None = Field(None, ge=0, le=365)
    distinct_opdc_reviewers: bool | None = None


class ComponentIn(Schema):
    code: str = Field(..., min_length=1, max_length=30)
    name_th: str = Field(..., max_length=200)
    name_en: str = Field("", max_length=200)
    weight: Decimal = Field(..., ge=0, le=100, max_digits=6, decimal_places=2)
    min_kpis: int = Field(..., ge=0, le=100)
    max_kpis: int = Field(..., ge=0, le=100)


class LevelIn(Schema):
    name_th: str = Field(..., max_length=100)
    name_en: str = Field("", max_length=100)
    points: Decimal = Field(..., ge=0, le=1000, max_digits=7, decimal_places=2)


class LadderIn(Schema):
    levels: list[LevelIn]
    below_lowest_points: Decimal | None = Field(None, ge=0, le=1000, max_digits=7, decimal_places=2)


class BandIn(Schema):
    name_th: str = Field(..., max_length=100)
    name_en: str = Field("", max_length=100)
    min_score: Decimal = Field(..., max_digits=6, decimal_places=2)
    colour: str = Field("#888888", pattern=r"^#[0-9a-fA-F]{6}$")


class RoundIn(Schema):
    months: int = Field(..., ge=1, le=12)
    opens_on: dt.date
    closes_on: dt.date


class FrameworkParticipantsIn(Schema):
    codes: list[str] = Field(default_factory=list, description="organisation codes")


class FrameworkParticipantsAddIn(FrameworkParticipantsIn):
    all_provinces: bool = False
    ministry: str = Field("", max_length=20, description="add every organisation under this ministry")


class FrameworkProblemOut(Schema):
    rule: str
    field: str | None
    th: str
    en: str


class FrameworkProblemsOut(Schema):
    framework_id: int
    announced: bool
    announceable: bool
    problems: list[FrameworkProblemOut]


class ChangeOut(Schema):
    framework: FrameworkDetailOut
    impact: dict[str, Any]


def _designer(request: HttpRequest) -> Any:
    viewer = viewer_of_api(request)
    if not viewer.is_opdc_admin:
        raise NotAllowed(
            "เฉพาะผู้ดูแลระบบของสำนักงาน ก.พ.ร. ออกแบบกรอบการประเมินได้",
            "Only an OPDC administrator may design frameworks.",
        )
    return request.user


def _reader(request: HttpRequest) -> Any:
    """Problems and impact are OPDC's reading (desk officers too)."""
    if not viewer_of_api(request).is_opdc:
        raise NotAllowed("เฉพาะสำนักงาน ก.พ.ร.", "OPDC only.")
    return request.user


def _framework(request: HttpRequest, framework_id: int) -> Framework:
    return selectors.framework_visible_get(viewer_of_api(request), framework_id)


def _changed(request: HttpRequest, framework_id: int, confirm: bool, write: Callable[[Any, Framework], object]) -> Any:
    by = _designer(request)
    framework = _framework(request, framework_id)
    impact = framework_change(framework=framework, by=by, change=lambda: write(by, framework), confirm=confirm)
    if not impact.applied:
        raise Conflict(
            f"กรอบการประเมินนี้ประกาศแล้ว การแก้ไขกระทบข้อเสนอ {len(impact.proposals)} รายการ และคะแนน"
            f" {impact.organisations_scored} หน่วยงาน: ส่งซ้ำพร้อม confirm=true เพื่อบันทึก",
            f"This framework is announced; the change touches {len(impact.proposals)} proposal(s) and the scores of"
            f" {impact.organisations_scored} organisation(s): repeat with confirm=true to save it.",
            field="confirm",
            current=impact.as_dict(),
        )
    return {"framework": selectors.framework_get(pk=framework.pk), "impact": impact.as_dict()}


@router.post("/", auth=login_required, response={201: FrameworkDetailOut, **WRITE_ERRORS}, summary="สร้างกรอบการประเมิน")
def create_framework(request: HttpRequest, payload: FrameworkCreateIn) -> Any:
    """A new draft: a copy of `copy_from` (its rules, rounds moved to the year, participants) or from scratch."""
    by = _designer(request)
    if payload.copy_from is not None:
        source = Framework.objects.filter(pk=payload.copy_from).select_related("fiscal_year").first()
        if source is None:
            raise Invalid(
                f"ไม่พบกรอบการประเมินรหัส {payload.copy_from}", f"No framework {payload.copy_from}", field="copy_from"
            )
        if source.group != payload.group:
            raise Invalid(
                "กรอบการประเมินที่คัดลอกต้องเป็นกลุ่มเดียวกัน", "Copy a framework of the same group.", field="copy_from"
            )
        framework = services.framework_copy(
            source, year=payload.year, proposal_deadline=payload.proposal_deadline, by=by
        )
        names = {k: v for k, v in (("name_th", payload.name_th), ("name_en", payload.name_en)) if v.strip()}
        if names:
            services.framework_update(framework=framework, by=by, values=names)
    else:
        framework = services.framework_create(
            year=payload.year, group=payload.group.value, by=by, name_th=payload.name_th, name_en=payload.name_en
        )
        if payload.proposal_deadline:
            services.framework_update(
                framework=framework, by=by, values={"proposal_deadline": payload.proposal_deadline}
            )
    return Status(201, selectors.framework_get(pk=framework.pk))


@router.patch("/{framework_id}", auth=login_required, response={200: ChangeOut, **WRITE_ERRORS}, summary="แก้ไขการตั้งค่า")
def update_settings(request: HttpRequest, framework_id: int, payload: SettingsIn, confirm: bool = False) -> Any:
    values = payload.dict(exclude_unset=True)
    return _changed(
        request, framework_id, confirm, lambda by, fw: services.framework_update(framework=fw, by=by, values=values)
    )


@router.put(
    "/{framework_id}/components", auth=login_required, response={200: ChangeOut, **WRITE_ERRORS}, summary="องค์ประกอบ"
)
def set_components(request: HttpRequest, framework_id: int, payload: list[ComponentIn], confirm: bool = False) -> Any:
    specs = [services.ComponentSpec(**c.dict()) for c in payload]
    return _changed(
        request,
        framework_id,
        confirm,
        lambda by, fw: services.framework_set_components(framework=fw, by=by, components=specs),
    )


@router.put(
    "/{framework_id}/ladder", auth=login_required, response={200: ChangeOut, **WRITE_ERRORS}, summary="บันไดค่าเป้าหมาย"
)
def set_ladder(request: HttpRequest, framework_id: int, payload: LadderIn, confirm: bool = False) -> Any:
    levels = [services.LevelSpec(**lv.dict()) for lv in payload.levels]
    return _changed(
        request,
        framework_id,
        confirm,
        lambda by, fw: services.framework_set_ladder(
            framework=fw, by=by, levels=levels, below_lowest_points=payload.below_lowest_points
        ),
    )


@router.put("/{framework_id}/bands", auth=login_required, response={200: ChangeOut, **WRITE_ERRORS}, summary="ระดับ")
def set_bands(request: HttpRequest, framework_id: int, payload: list[BandIn], confirm: bool = False) -> Any:
    bands = [services.BandSpec(**b.dict()) for b in payload]
    return _changed(
        request, framework_id, confirm, lambda by, fw: services.framework_set_bands(framework=fw, by=by, bands=bands)
    )


@router.put(
    "/{framework_id}/rounds", auth=login_required, response={200: ChangeOut, **WRITE_ERRORS}, summary="รอบการประเมิน"
)
def set_rounds(request: HttpRequest, framework_id: int, payload: list[RoundIn], confirm: bool = False) -> Any:
    rounds = [services.RoundSpec(**r.dict()) for r in payload]
    return _changed(
        request, framework_id, confirm, lambda by, fw: services.framework_set_rounds(framework=fw, by=by, rounds=rounds)
    )


def _organisations(codes: list[str]) -> list[Organisation]:
    found = {o.code: o for o in Organisation.objects.filter(code__in=codes)}
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise Invalid(
            f"ไม่พบหน่วยงานรหัส {', '.join(unknown)}", f"Unknown organisation code(s): {', '.join(unknown)}", field="codes"
        )
    return list(found.values())


@router.put(
    "/{framework_id}/participants",
    auth=login_required,
    response={200: ChangeOut, **WRITE_ERRORS},
    summary="ผู้รับการประเมิน (ทั้งชุด)",
)
def set_participants(
    request: HttpRequest, framework_id: int, payload: FrameworkParticipantsIn, confirm: bool = False
) -> Any:
    organisations = _organisations(payload.codes)
    return _changed(
        request,
        framework_id,
        confirm,
        lambda by, fw: services.framework_set_participants(framework=fw, by=by, organisations=organisations),
    )


@router.post(
    "/{framework_id}/participants",
    auth=login_required,
    response={200: ChangeOut, **WRITE_ERRORS},
    summary="เพิ่มผู้รับการประเมิน (ทุกจังหวัด / ทุกกรมของกระทรวง)",
)
def add_participants(
    request: HttpRequest, framework_id: int, payload: FrameworkParticipantsAddIn, confirm: bool = False
) -> Any:
    return _changed(
        request,
        framework_id,
        confirm,
        lambda by, fw: services.framework_add_participants(
            framework=fw,
            by=by,
            all_provinces=payload.all_provinces,
            ministry_code=payload.ministry,
            codes=payload.codes,
        ),
    )


@router.get(
    "/{framework_id}/problems",
    auth=login_required,
    response={200: FrameworkProblemsOut, **WRITE_ERRORS},
    summary="ตรวจกรอบการประเมิน",
)
def check_framework(request: HttpRequest, framework_id: int) -> Any:
    _reader(request)
    framework = _framework(request, framework_id)
    problems = framework_problems(framework)
    return {
        "framework_id": framework.pk,
        "announced": framework.is_announced,
        "announceable": not problems and not framework.is_announced,
        "problems": [p.as_dict() for p in problems],
    }


@router.get(
    "/{framework_id}/impact",
    auth=login_required,
    response={200: dict[str, Any], **WRITE_ERRORS},
    summary="ข้อเสนอและคะแนนที่การแก้ไขจะกระทบ",
)
def framework_impact(request: HttpRequest, framework_id: int) -> Any:
    """Every proposal and stored score of the framework, which a change of its rules re-checks and rescores."""
    by = _reader(request)
    framework = _framework(request, framework_id)
    return framework_change(framework=framework, by=by, change=None, confirm=False).as_dict()


@router.post(
    "/{framework_id}/announce",
    auth=login_required,
    response={200: FrameworkDetailOut, **WRITE_ERRORS},
    summary="ประกาศกรอบการประเมิน",
)
def announce_framework(request: HttpRequest, framework_id: int) -> Any:
    by = _designer(request)
    framework = _framework(request, framework_id)
    services.framework_announce(framework=framework, by=by)
    return selectors.framework_get(pk=framework.pk)
