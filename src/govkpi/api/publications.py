"""Publication snapshots: OPDC previews, publishes and amends; anyone reads the record of versions.

`GET /{year}/{group}` lists every version (who, when, what it covers, gaps, amendments);
`GET /{year}/{group}/preview` (OPDC) says what publishing now would cover;
`POST /{year}/{group}/publish` needs `confirm: true` and, with gaps, a `gap_reason`;
`POST /{year}/{group}/amend` writes the next version with a `reason`. Both are checked at once (4xx)
and written by a background job: 201 with the version when the job is done by the time of the
answer (as before, for existing clients), else 202 with the job to poll at `/api/v1/jobs/{id}`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from govkpi.api.auth import login_required, viewer_of_api
from govkpi.api.jobs import JobOut
from govkpi.api.schemas import ERRORS, WRITE_ERRORS, months_param
from govkpi.core.errors import Conflict, NotFound
from govkpi.core.models import Job
from govkpi.frameworks.choices import GroupCode
from govkpi.frameworks.models import Framework
from govkpi.publication import jobs, selectors, services
from govkpi.publication.models import Publication

router = Router()


class GapOut(Schema):
    code: str
    name_th: str
    name_en: str
    approved: int
    expected: int


class MissingOut(GapOut):
    missing_kpis: list[str]
    has_score: bool


class PreviewOut(Schema):
    year: int
    group: str
    round_months: int
    next_version: int
    already_published: bool
    organisations_expected: int
    organisations_included: int
    kpis_expected: int
    kpis_approved: int
    included: list[str]
    missing: list[MissingOut]


class AmendedOut(Schema):
    code: str
    name_th: str
    name_en: str


class PublicationOut(Schema):
    year: int
    group: str
    round_months: int
    version: int
    kind: str
    published_at: dt.datetime
    published_by: str
    gap_reason_th: str
    amendment_reason_th: str
    organisations_expected: int
    organisations_included: int
    kpis_expected: int
    kpis_approved: int
    not_included: list[GapOut]
    amended: list[AmendedOut]


class PublishIn(Schema):
    round_months: int | None = Field(None, description="the round (6, 9, 12); default: the framework's last")
    confirm: bool = Field(False, description="true after reviewing the preview")
    gap_reason: str = Field("", description="required when some organisations are not fully approved")


class AmendIn(Schema):
    round_months: int | None = None
    reason: str = Field(description="why the published version is amended (correction, upheld appeal)")
    organisations: list[str] = Field(default_factory=list, description="codes; empty: every one that changed")
    confirm: bool = False


def publication_out(publication: Publication) -> dict[str, Any]:
    """The public record of one version (no internal data: who published is OPDC's own account)."""
    user = publication.published_by
    return {
        "year": publication.framework.fiscal_year.year,
        "group": publication.framework.group,
        "round_months": publication.round.months,
        "version": publication.version,
        "kind": publication.kind,
        "published_at": publication.published_at,
        "published_by": (user.get_full_name() or user.get_username()) if user is not None else "",
        "gap_reason_th": publication.gap_reason_th,
        "amendment_reason_th": publication.amendment_reason_th,
        "organisations_expected": publication.organisations_expected,
        "organisations_included": publication.organisations_included,
        "kpis_expected": publication.kpis_expected,
        "kpis_approved": publication.kpis_approved,
        "not_included": publication.not_included,
        "amended": publication.amended,
    }


def _framework(year: int, group: GroupCode) -> Framework:
    framework = Framework.objects.select_related("fiscal_year").filter(fiscal_year__year=year, group=group).first()
    if framework is None:
        raise NotFound(f"ไม่มีกรอบการประเมินปี {year}", f"No framework for {year} {group}.")
    return framework


@router.get("/{year}/{group}", response={200: list[PublicationOut], **ERRORS}, summary="ฉบับที่เผยแพร่ทั้งหมด")
def versions(request: HttpRequest, year: int, group: GroupCode) -> object:
    framework = selectors.published_framework(year=year, group=group.value)
    return [publication_out(p) for p in selectors.publication_list(framework)]


@router.get(
    "/{year}/{group}/preview",
    auth=login_required,
    response={200: PreviewOut, **ERRORS},
    summary="สิ่งที่จะเผยแพร่: หน่วยงานและตัวชี้วัดที่เห็นชอบแล้วเทียบกับที่ต้องมี (สำนักงาน ก.พ.ร.)",
)
def preview(request: HttpRequest, year: int, group: GroupCode, round_months: int | None = months_param()) -> object:
    found = selectors.publication_preview(
        viewer=viewer_of_api(request), framework=_framework(year, group), months=round_months
    )
    return found.as_dict()


def _answer(job: Job, framework: Framework, months: int) -> Status[Any]:
    """201 with the version written when the job is done by now (a test server runs it at once),
    202 with the job while it runs (poll /api/v1/jobs/{id})."""
    if job.state == Job.State.FAILED:
        raise Conflict(job.message, "Publishing failed; nothing was written.")
    if job.state == Job.State.DONE:
        return Status(201, publication_out(selectors.publication_get(framework=framework, months=months)))
    return Status(202, job)


@router.post(
    "/{year}/{group}/publish",
    auth=login_required,
    response={201: PublicationOut, 202: JobOut, **WRITE_ERRORS},
    summary="เผยแพร่ผลการประเมิน (ฉบับที่ 1) หลังตรวจสอบและยืนยัน เป็นงานเบื้องหลัง",
    description="Checked at once (4xx: OPDC only, already published, nothing approved, confirm, gap_reason), "
    "then written by a background job: 201 with the version when it is done by the time of the answer, "
    "else 202 with the job (poll /api/v1/jobs/{id}: progress is organisations done / total).",
)
def publish(request: HttpRequest, year: int, group: GroupCode, body: PublishIn) -> Status[Any]:
    framework = _framework(year, group)
    preview = services.publication_publish_check(
        viewer=viewer_of_api(request),
        framework=framework,
        months=body.round_months,
        confirm=body.confirm,
        gap_reason=body.gap_reason,
    )
    months = preview.round.months
    job = jobs.start_publication_job(
        jobs.PUBLISH_JOB,
        user=request.user,
        framework=framework,
        months=months,
        gap_reason=body.gap_reason,
        confirm=body.confirm,
    )
    return _answer(job, framework, months)


@router.post(
    "/{year}/{group}/amend",
    auth=login_required,
    response={201: PublicationOut, 202: JobOut, **WRITE_ERRORS},
    summary="เผยแพร่ฉบับแก้ไข (ฉบับเดิมยังอ่านได้) เป็นงานเบื้องหลัง",
    description="Checked at once (4xx), then written by a background job: 201 with the new version when it "
    "is done by the time of the answer, else 202 with the job (poll /api/v1/jobs/{id}).",
)
def amend(request: HttpRequest, year: int, group: GroupCode, body: AmendIn) -> Status[Any]:
    framework = _framework(year, group)
    plan = services.publication_amend_check(
        viewer=viewer_of_api(request),
        user=request.user,
        framework=framework,
        months=body.round_months,
        reason=body.reason,
        organisations=body.organisations or None,
        confirm=body.confirm,
    )
    months = plan.preview.round.months
    job = jobs.start_publication_job(
        jobs.AMEND_JOB,
        user=request.user,
        framework=framework,
        months=months,
        reason=body.reason,
        organisations=body.organisations,
        confirm=body.confirm,
    )
    return _answer(job, framework, months)
