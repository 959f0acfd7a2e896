"""A proposal as an Excel template, and its import (all or nothing, row errors in Thai)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import File, Router, Status
from ninja.files import UploadedFile

from govkpi.api.auth import login_required, viewer_of_api
from govkpi.api.jobs import JobOut
from govkpi.api.schemas import ERRORS, WRITE_ERRORS
from govkpi.core.errors import Invalid
from govkpi.core.excel_safety import MAX_UPLOAD
from govkpi.core.jobs import start_job
from govkpi.core.models import Job
from govkpi.core.views import xlsx_response
from govkpi.kpis.excel import proposal_export_xlsx, proposal_filename
from govkpi.kpis.importing import proposal_import_precheck, proposal_visible

router = Router()


@router.get(
    "/{proposal_id}/excel",
    response={200: None, **ERRORS},
    auth=login_required,
    summary="ดาวน์โหลดข้อเสนอตัวชี้วัดเป็นแม่แบบ Excel",
)
def export_proposal(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = proposal_visible(viewer=viewer_of_api(request), pk=proposal_id)
    return xlsx_response(proposal_export_xlsx(proposal), proposal_filename(proposal))


@router.post(
    "/{proposal_id}/excel",
    response={200: JobOut, 202: JobOut, **WRITE_ERRORS},
    auth=login_required,
    summary="นำเข้าข้อเสนอตัวชี้วัดจาก Excel (แทนที่ทั้งหมด หรือไม่บันทึกเลย)",
    description="Only the organisation's coordinator or OPDC, while the proposal is draft or returned. "
    "409 when the file's lock_version is stale or the state forbids it; 422 with one problem per row "
    "and column when nothing was imported; 200 when done, 202 while queued (poll /api/v1/jobs/{id}).",
)
def import_proposal(request: HttpRequest, proposal_id: int, file: File[UploadedFile]) -> Status[Job]:
    viewer = viewer_of_api(request)
    proposal = proposal_visible(viewer=viewer, pk=proposal_id)
    if file.size and file.size > MAX_UPLOAD:
        raise Invalid("ไฟล์ใหญ่เกิน 10 MB", "The file is larger than 10 MB.", field="file")
    data = file.read()
    proposal_import_precheck(viewer=viewer, proposal=proposal, data=data)
    job = start_job(
        "proposal.import",
        title=f"นำเข้าข้อเสนอตัวชี้วัด {proposal.organisation.name_th} ปี {proposal.framework.fiscal_year.year}",
        owner=request.user,  # type: ignore[arg-type]
        params={"proposal_id": proposal.pk},
        input_file=(file.name or "proposal.xlsx", data),
    )
    if job.state == Job.State.FAILED:
        raise Invalid(job.message, "Nothing was imported; see problems.", problems=list(job.problems))
    return Status(200 if job.state == Job.State.DONE else 202, job)
