"""Results: reporting, evidence, verification, approval, locks, publication, appeals and lessons.

Reads are scoped like the pages (own organisation's work, or approved results of published years);
writes need a token or session. Stale writes (an old `lock_version`) answer 409 with the current state.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from govkpi.api.auth import login_required, viewer_of_api
from govkpi.api.jobs import JobOut
from govkpi.api.schemas import (
    ERRORS,
    WRITE_ERRORS,
    ErrorOut,
    code_param,
    id_param,
    limit_param,
    months_param,
    offset_param,
    year_param,
)
from govkpi.core.errors import Invalid, NotAllowed
from govkpi.core.jobs import start_job
from govkpi.core.models import Job
from govkpi.core.views import see_other
from govkpi.frameworks.models import Framework
from govkpi.kpis.models import Kpi
from govkpi.organisations.models import Organisation
from govkpi.publication.selectors import evidence_for, public_place_of_result, published_frameworks
from govkpi.results import appeals, bulk, excel, selectors, services
from govkpi.results import evidence as evidence_service
from govkpi.results.models import Evidence, LessonsLearned, OrganisationScore, Result

router = Router()
UPLOAD_ERRORS: dict[int, type[Schema]] = {**WRITE_ERRORS, 413: ErrorOut, 503: ErrorOut}


class EvidenceOut(Schema):
    id: int
    original_name: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: dt.datetime
    download_url: str

    @staticmethod
    def resolve_download_url(obj: Evidence) -> str:
        return f"/api/v1/results/evidence/{obj.pk}/download"


class ResultOut(Schema):
    id: int
    kpi_id: int
    kpi_code: str
    organisation: str
    year: int
    months: int
    version: int
    value: Decimal | None
    verified_value: Decimal | None
    narrative_th: str
    confidence: str = Field(..., description="ความมั่นใจว่าจะบรรลุเป้าหมาย: on_track, at_risk, off_track หรือว่าง")
    confidence_reason_th: str
    verification_note_th: str
    state: str
    points: Decimal | None
    weighted: Decimal | None
    explanation_th: str
    is_locked: bool
    is_amended: bool
    approval_ref_th: str
    lock_version: int
    updated_at: dt.datetime

    @staticmethod
    def resolve_kpi_code(obj: Result) -> str:
        return obj.kpi.code

    @staticmethod
    def resolve_organisation(obj: Result) -> str:
        return obj.organisation.code

    @staticmethod
    def resolve_year(obj: Result) -> int:
        return obj.round.framework.fiscal_year.year

    @staticmethod
    def resolve_months(obj: Result) -> int:
        return obj.round.months

    @staticmethod
    def resolve_version(obj: Result) -> int:
        return obj.version.number

    @staticmethod
    def resolve_explanation_th(obj: Result) -> str:
        return str((obj.explanation or {}).get("th", ""))


class ReportIn(Schema):
    kpi_id: int
    months: int
    value: Decimal | None = None
    narrative_th: str = ""
    lock_version: int | None = None
    confidence: str | None = Field(
        None, description="on_track, at_risk, off_track, or empty to clear; omitted = unchanged"
    )
    confidence_reason_th: str = Field("", description="required when at_risk or off_track")


class ResultTransitionIn(Schema):
    lock_version: int | None = None


class EndorseIn(Schema):
    approve: bool = True
    comment: str = ""
    lock_version: int | None = None


class VerifyIn(Schema):
    action: str
    comment: str = ""
    verified_value: Decimal | None = None
    lock_version: int | None = None


class ReasonIn(Schema):
    reason: str


class ApproveIn(Schema):
    reference_th: str
    organisation: str | None = None


class ApprovedOut(Schema):
    approved: int


class ExtendIn(Schema):
    organisation: str
    new_deadline: dt.date
    reason: str


class RoundExtensionOut(Schema):
    id: int
    organisation: str
    months: int
    new_deadline: dt.date
    reason: str

    @staticmethod
    def resolve_organisation(obj: Any) -> str:
        return str(obj.organisation.code)

    @staticmethod
    def resolve_months(obj: Any) -> int:
        return int(obj.round.months)


class OrganisationScoreOut(Schema):
    organisation: str
    months: int
    total: Decimal
    band: str | None
    is_amended: bool

    @staticmethod
    def resolve_organisation(obj: OrganisationScore) -> str:
        return obj.organisation.code

    @staticmethod
    def resolve_months(obj: OrganisationScore) -> int:
        return obj.round.months

    @staticmethod
    def resolve_band(obj: OrganisationScore) -> str | None:
        return None if obj.framework.monitoring_only else (obj.band or None)


class AppealOut(Schema):
    id: int
    result_id: int
    reason_th: str
    requested_value: Decimal | None
    state: str
    old_points: Decimal | None
    new_points: Decimal | None
    decision_note_th: str
    created_at: dt.datetime
    decided_at: dt.datetime | None


class DecideIn(Schema):
    upheld: bool
    note_th: str
    value: Decimal | None = None


class LessonIn(Schema):
    text_th: str


class LessonOut(Schema):
    organisation: str
    text_th: str
    submitted_at: dt.datetime

    @staticmethod
    def resolve_organisation(obj: LessonsLearned) -> str:
        return obj.organisation.code


class LessonsOut(Schema):
    summary_th: str
    lessons: list[LessonOut]


def _result(request: HttpRequest, result_id: int) -> Result:
    return selectors.result_get(viewer=viewer_of_api(request), pk=result_id)


def _result_or_public(request: HttpRequest, result_id: int) -> Result | HttpResponse:
    """A result for those who see it inside; an outsider is sent (303) to its organisation in the
    latest publication snapshot, or refused when it is not published."""
    try:
        return _result(request, result_id)
    except PermissionDenied:
        place = public_place_of_result(result_id)
        if place is None:
            raise
        return see_other(place.api)


def _fresh(result: Result) -> Result:
    return Result.objects.select_related("kpi", "organisation", "version", "round__framework__fiscal_year").get(
        pk=result.pk
    )


# ---------------------------------------------------------------- static routes first


class BulkIn(Schema):
    action: str = Field(..., max_length=20, description="submit, endorse, verify or return")
    result_ids: list[int] = Field(..., min_length=1, max_length=bulk.MAX_ITEMS)
    note: str = Field("", max_length=2000)


class BulkItemOut(Schema):
    result_id: int
    kpi: str
    organisation: str
    state: str
    message_th: str
    message_en: str


class BulkOut(Schema):
    action: str
    committed: bool
    done: list[BulkItemOut]
    refused: list[BulkItemOut]


class VerificationRowOut(Schema):
    id: int
    organisation: str
    organisation_name_th: str
    kpi_code: str
    kpi_name_th: str
    year: int
    months: int
    value: Decimal | None
    unit_th: str
    evidence_count: int
    state: str
    deadline: dt.date
    lock_version: int


class VerificationQueueOut(Schema):
    count: int
    items: list[VerificationRowOut]


@router.post(
    "/bulk",
    auth=login_required,
    response={200: BulkOut, **WRITE_ERRORS},
    summary="ส่ง รับรอง ตรวจสอบ หรือส่งกลับผลหลายรายการพร้อมกัน (ทั้งหมดหรือไม่เลย)",
    description=(
        "Each result goes through its own single-result step and is audited on its own. All or nothing: "
        "if any result is refused nothing is written, and the 4xx answer lists every refused result in `problems` "
        "(403 when the caller may do none of it, else 409 or 422)."
    ),
)
def bulk_transition(request: HttpRequest, body: BulkIn) -> object:
    summary = bulk.results_bulk_transition(
        result_ids=body.result_ids, action=body.action, by=request.user, note=body.note
    )
    return summary.as_dict()


@router.get(
    "/verification-queue",
    auth=login_required,
    response={200: VerificationQueueOut, **ERRORS},
    summary="ผลที่รอตรวจสอบ (สำนักงาน ก.พ.ร.)",
    description="OPDC's worklist across organisations, filtered like the page `/results/verify/`; `state` empty for all.",
)
def verification_queue(
    request: HttpRequest,
    group: str = code_param("", "agencies or provinces; empty for both"),
    ministry: str = code_param("", "a ministry's code: its departments and itself"),
    year: int | None = year_param(),
    months: int | None = months_param(),
    state: str = code_param("endorsed", "a result state; empty for every state"),
    organisation: str = code_param(),
    limit: int = limit_param(100, 500),
    offset: int = offset_param(),
) -> object:
    qs = selectors.verification_queue(
        viewer=viewer_of_api(request),
        group=group,
        ministry=ministry,
        year=year,
        months=months,
        state=state,
        organisation=organisation,
    )
    queue = selectors.QueueSlices(qs)
    rows = queue[offset : offset + limit]
    deadlines = selectors.deadlines_of(rows)
    items = [
        {
            "id": r.pk,
            "organisation": r.organisation.code,
            "organisation_name_th": r.organisation.name_th,
            "kpi_code": r.kpi.code,
            "kpi_name_th": r.version.name_th,
            "year": r.round.framework.fiscal_year.year,
            "months": r.round.months,
            "value": r.value,
            "unit_th": r.version.unit_th,
            "evidence_count": r.evidence_count,  # type: ignore[attr-defined]
            "state": r.state,
            "deadline": deadlines[r.pk],
            "lock_version": r.lock_version,
        }
        for r in rows
    ]
    return {"count": queue.count(), "items": items}


@router.get(
    "/",
    response={200: list[ResultOut], **ERRORS},
    summary="ผลการดำเนินงาน (ตามสิทธิ์ของผู้เรียก)",
    description=(
        "Live results of the organisations the caller sees inside (nothing for a logged-out caller). "
        "Published results are read from the snapshot: `/api/v1/public/{year}/{group}/results`."
    ),
)
def list_results(
    request: HttpRequest,
    year: int | None = year_param(),
    organisation: str = "",
    months: int | None = months_param(),
    state: str = "",
) -> object:
    qs = selectors.result_list(
        viewer=viewer_of_api(request), year=year, organisation=organisation, months=months, state=state
    ).select_related("version")
    return list(qs[:2000])


@router.post(
    "/report", auth=login_required, response={200: ResultOut, **WRITE_ERRORS}, summary="บันทึกผลการดำเนินงาน (ผู้ประสานงาน)"
)
def report(request: HttpRequest, body: ReportIn) -> object:
    kpi = get_object_or_404(Kpi.objects.select_related("organisation"), pk=body.kpi_id)
    round_ = get_object_or_404(kpi.framework.rounds, months=body.months)
    result = services.result_save(
        viewer=viewer_of_api(request),
        user=request.user,
        kpi=kpi,
        round_=round_,
        value=body.value,
        narrative_th=body.narrative_th,
        lock_version=body.lock_version,
        confidence=body.confidence,
        confidence_reason_th=body.confidence_reason_th,
    )
    return _fresh(result)


@router.get(
    "/scores",
    response={200: list[OrganisationScoreOut], 303: None, **ERRORS},
    summary="คะแนนรวมและระดับของหน่วยงาน",
    description=(
        "Live stored scores of the organisations the caller sees inside. A logged-out caller of a published "
        "year is sent (303) to the publication snapshot, `/api/v1/public/{year}/{group}/scores`."
    ),
)
def list_scores(request: HttpRequest, framework_id: int = id_param(), months: int | None = months_param()) -> object:
    framework = get_object_or_404(Framework.objects.select_related("fiscal_year"), pk=framework_id)
    viewer = viewer_of_api(request)
    if viewer.is_public and published_frameworks().filter(pk=framework.pk).exists():
        return see_other(f"/api/v1/public/{framework.fiscal_year.year}/{framework.group}/scores")
    return list(selectors.score_list(viewer=viewer, framework=framework, months=months).select_related("framework"))


@router.post(
    "/frameworks/{framework_id}/rounds/{months}/approve",
    auth=login_required,
    response={200: ApprovedOut, **WRITE_ERRORS},
    summary="บันทึกมติคณะกรรมการเห็นชอบผลที่ตรวจสอบแล้ว (ล็อกผล)",
)
def approve(request: HttpRequest, framework_id: int, months: int, body: ApproveIn) -> object:
    framework = get_object_or_404(Framework, pk=framework_id)
    round_ = get_object_or_404(framework.rounds, months=months)
    organisation = get_object_or_404(Organisation, code=body.organisation) if body.organisation else None
    count = services.round_approve(
        viewer=viewer_of_api(request),
        user=request.user,
        round_=round_,
        organisation=organisation,
        reference_th=body.reference_th,
    )
    return {"approved": count}


@router.post(
    "/frameworks/{framework_id}/rounds/{months}/extend",
    auth=login_required,
    response={201: RoundExtensionOut, **WRITE_ERRORS},
    summary="ขยายเวลารายงานผลให้หน่วยงานหนึ่ง",
)
def extend(request: HttpRequest, framework_id: int, months: int, body: ExtendIn) -> Status[Any]:
    framework = get_object_or_404(Framework, pk=framework_id)
    round_ = get_object_or_404(framework.rounds, months=months)
    organisation = get_object_or_404(Organisation, code=body.organisation)
    ext = services.round_extend(
        viewer=viewer_of_api(request),
        user=request.user,
        round_=round_,
        organisation=organisation,
        new_deadline=body.new_deadline,
        reason=body.reason,
    )
    return Status(201, ext)


@router.get("/frameworks/{framework_id}/lessons", response={200: LessonsOut, **ERRORS}, summary="ถอดบทเรียนและสรุปภาพรวม")
def lessons(request: HttpRequest, framework_id: int) -> object:
    viewer = viewer_of_api(request)
    framework = get_object_or_404(Framework, pk=framework_id)
    summary = selectors.lessons_summary(viewer=viewer, framework=framework)
    return {
        "summary_th": summary.text_th if summary else "",
        "lessons": list(selectors.lessons_list(viewer=viewer, framework=framework)),
    }


@router.put(
    "/frameworks/{framework_id}/lessons/summary",
    auth=login_required,
    response={200: LessonsOut, **WRITE_ERRORS},
    summary="สรุปบทเรียนภาพรวม (สำนักงาน ก.พ.ร.)",
)
def save_summary(request: HttpRequest, framework_id: int, body: LessonIn) -> object:
    framework = get_object_or_404(Framework, pk=framework_id)
    appeals.lessons_summary_save(
        viewer=viewer_of_api(request), user=request.user, framework=framework, text_th=body.text_th
    )
    return lessons(request, framework_id)


@router.put(
    "/frameworks/{framework_id}/lessons/{organisation}",
    auth=login_required,
    response={200: LessonOut, **WRITE_ERRORS},
    summary="ถอดบทเรียนของหน่วยงาน",
)
def save_lesson(request: HttpRequest, framework_id: int, organisation: str, body: LessonIn) -> object:
    framework = get_object_or_404(Framework, pk=framework_id)
    org = get_object_or_404(Organisation, code=organisation)
    return appeals.lessons_save(
        viewer=viewer_of_api(request), user=request.user, framework=framework, organisation=org, text_th=body.text_th
    )


@router.get(
    "/frameworks/{framework_id}/rounds/{months}/template",
    auth=login_required,
    response={200: None, **ERRORS},
    summary="แบบฟอร์ม Excel สำหรับนำเข้าผลของรอบ",
)
def import_template(request: HttpRequest, framework_id: int, months: int, organisation: str = "") -> HttpResponse:
    framework = get_object_or_404(Framework, pk=framework_id)
    round_ = get_object_or_404(framework.rounds, months=months)
    org = get_object_or_404(Organisation, code=organisation) if organisation else None
    data = excel.template(viewer=viewer_of_api(request), framework=framework, round_=round_, organisation=org)
    response = HttpResponse(data, content_type=evidence_service.XLSX)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"results-{framework.fiscal_year.year}-{months}.xlsx"
    )
    return response


@router.post(
    "/frameworks/{framework_id}/rounds/{months}/import",
    auth=login_required,
    response={202: JobOut, **WRITE_ERRORS},
    summary="นำเข้าผลจาก Excel (ทั้งหมดหรือไม่บันทึกเลย) เป็นงานเบื้องหลัง; ติดตามที่ /api/v1/jobs/{id}",
    description="202 while the job runs (poll /api/v1/jobs/{id}); 422 at once for a file that is not a safe .xlsx"
    " of the template's sheet and columns, or when the job already refused its rows.",
)
def import_file(request: HttpRequest, framework_id: int, months: int, file: File[UploadedFile]) -> Status[Any]:
    viewer = viewer_of_api(request)
    framework = get_object_or_404(Framework, pk=framework_id)
    round_ = get_object_or_404(framework.rounds, months=months)
    if not (viewer.is_opdc or viewer.is_coordinator):
        raise NotAllowed("คุณไม่มีสิทธิ์นำเข้าผลการดำเนินงาน", "You may not import results.")
    data = file.read()
    excel.precheck(data)
    job = start_job(
        "results.import",
        title=f"นำเข้าผลการดำเนินงาน {round_.name_th} ปี {framework.fiscal_year.year}",
        owner=request.user,  # type: ignore[arg-type]
        params={"framework_id": framework.pk, "months": months},
        input_file=(file.name or "results.xlsx", data),
    )
    if job.state == Job.State.FAILED:  # it ran at once (a worker in-process, or tests) and refused the rows
        raise Invalid(job.message, "Nothing was imported; see problems.", problems=list(job.problems))
    return Status(202, job)


@router.get("/evidence/{evidence_id}/download", response={200: None, **ERRORS}, summary="ดาวน์โหลดไฟล์หลักฐาน")
def download_evidence(request: HttpRequest, evidence_id: int) -> FileResponse:
    evidence = evidence_for(viewer=viewer_of_api(request), pk=evidence_id)
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )


@router.delete(
    "/evidence/{evidence_id}", auth=login_required, response={204: None, **WRITE_ERRORS}, summary="ลบไฟล์หลักฐาน"
)
def delete_evidence(request: HttpRequest, evidence_id: int) -> Status[Any]:
    viewer = viewer_of_api(request)
    evidence = selectors.evidence_get(viewer=viewer, pk=evidence_id)
    evidence_service.evidence_remove(viewer=viewer, user=request.user, evidence=evidence)
    return Status(204, None)


@router.get("/appeals", response={200: list[AppealOut], **ERRORS}, auth=login_required, summary="อุทธรณ์")
def list_appeals(request: HttpRequest, year: int | None = year_param(), state: str = "") -> object:
    return list(selectors.appeal_list(viewer=viewer_of_api(request), year=year, state=state)[:500])


@router.post(
    "/appeals/{appeal_id}/decide",
    auth=login_required,
    response={200: AppealOut, **WRITE_ERRORS},
    summary="บันทึกผลการพิจารณาอุทธรณ์",
)
def decide_appeal(request: HttpRequest, appeal_id: int, body: DecideIn) -> object:
    viewer = viewer_of_api(request)
    appeal = selectors.appeal_get(viewer=viewer, pk=appeal_id)
    return appeals.appeal_decide(
        viewer=viewer, user=request.user, appeal=appeal, upheld=body.upheld, note_th=body.note_th, value=body.value
    )


# ---------------------------------------------------------------- one result


@router.get(
    "/{result_id}",
    response={200: ResultOut, 303: None, **ERRORS},
    summary="ผลการดำเนินงานหนึ่งรายการ",
    description=(
        "For those who see the organisation inside. An outsider is sent (303) to the organisation in the "
        "latest publication snapshot, `/api/v1/public/{year}/{group}/{code}`, when it is published; else 403."
    ),
)
def get_result(request: HttpRequest, result_id: int) -> object:
    return _result_or_public(request, result_id)


@router.post(
    "/{result_id}/submit", auth=login_required, response={200: ResultOut, **WRITE_ERRORS}, summary="ส่งผลให้ผู้บริหาร"
)
def submit(request: HttpRequest, result_id: int, body: ResultTransitionIn) -> object:
    result = services.result_submit(
        viewer=viewer_of_api(request),
        user=request.user,
        result=_result(request, result_id),
        lock_version=body.lock_version,
    )
    return _fresh(result)


@router.post(
    "/{result_id}/endorse",
    auth=login_required,
    response={200: ResultOut, **WRITE_ERRORS},
    summary="ผู้บริหารรับรองหรือส่งกลับ",
)
def endorse(request: HttpRequest, result_id: int, body: EndorseIn) -> object:
    result = services.result_endorse(
        viewer=viewer_of_api(request),
        user=request.user,
        result=_result(request, result_id),
        approve=body.approve,
        comment=body.comment,
        lock_version=body.lock_version,
    )
    return _fresh(result)


@router.post(
    "/{result_id}/verify",
    auth=login_required,
    response={200: ResultOut, **WRITE_ERRORS},
    summary="ตรวจสอบผล: accept, return หรือ set_value (สำนักงาน ก.พ.ร.)",
)
def verify(request: HttpRequest, result_id: int, body: VerifyIn) -> object:
    result = services.result_verify(
        viewer=viewer_of_api(request),
        user=request.user,
        result=_result(request, result_id),
        action=body.action,
        comment=body.comment,
        verified_value=body.verified_value,
        lock_version=body.lock_version,
    )
    return _fresh(result)


@router.post("/{result_id}/unlock", auth=login_required, response={200: ResultOut, **WRITE_ERRORS}, summary="ปลดล็อกผล")
def unlock(request: HttpRequest, result_id: int, body: ReasonIn) -> object:
    result = services.result_unlock(
        viewer=viewer_of_api(request), user=request.user, result=_result(request, result_id), reason=body.reason
    )
    return _fresh(result)


@router.get(
    "/{result_id}/evidence",
    response={200: list[EvidenceOut], 303: None, **ERRORS},
    summary="ไฟล์หลักฐานของผล",
    description="As `GET /results/{result_id}`: an outsider is sent (303) to the published snapshot.",
)
def list_evidence(request: HttpRequest, result_id: int) -> object:
    result = _result_or_public(request, result_id)
    return result if isinstance(result, HttpResponse) else list(result.evidence.all())


@router.post(
    "/{result_id}/evidence",
    auth=login_required,
    response={201: EvidenceOut, **UPLOAD_ERRORS},
    summary="แนบไฟล์หลักฐาน (PDF, PNG, JPEG, .xlsx, .docx; ตรวจจากเนื้อหา)",
)
def upload_evidence(request: HttpRequest, result_id: int, file: File[UploadedFile]) -> Status[Any]:
    evidence = evidence_service.evidence_add(
        viewer=viewer_of_api(request),
        user=request.user,
        result=_result(request, result_id),
        name=file.name or "file",
        stream=file,
        size=file.size or 0,
    )
    return Status(201, evidence)


@router.post(
    "/{result_id}/appeals",
    auth=login_required,
    response={201: AppealOut, **UPLOAD_ERRORS},
    summary="ยื่นอุทธรณ์คะแนนของตัวชี้วัด (ภายในกำหนดหลังเผยแพร่)",
)
def file_appeal(
    request: HttpRequest,
    result_id: int,
    reason_th: Form[str],
    requested_value: Form[str] = "",
    files: File[list[UploadedFile]] | None = None,
) -> Status[Any]:
    appeal = appeals.appeal_file(
        viewer=viewer_of_api(request),
        user=request.user,
        result=_result(request, result_id),
        reason_th=reason_th,
        requested_value=requested_value,
        files=[(f.name or "file", f, f.size or 0) for f in files or []],
    )
    return Status(201, appeal)
