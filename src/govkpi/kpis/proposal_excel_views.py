"""The page `/proposals/<pk>/excel/`: download a proposal's Excel template, upload it back.

The proposal's Excel file is written by `kpis/excel.py` and read back by `kpis/importing.py`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from govkpi.core.errors import ServiceError
from govkpi.core.excel_safety import MAX_UPLOAD
from govkpi.core.jobs import start_job
from govkpi.core.views import xlsx_response
from govkpi.kpis.excel import proposal_export_xlsx, proposal_filename, proposal_kpis
from govkpi.kpis.importing import EDITABLE_STATES, may_import, proposal_import_precheck, proposal_visible
from govkpi.kpis.models import Proposal
from govkpi.kpis.versions import version_number
from govkpi.organisations.access import viewer_of


def _proposal(request: HttpRequest, pk: int) -> Proposal:
    return proposal_visible(viewer=viewer_of(request), pk=pk)


@login_required
def proposal_excel(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    viewer = viewer_of(request)
    error = ""
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            error, status = _("กรุณาเลือกไฟล์ Excel (.xlsx)"), 422
        elif upload.size and upload.size > MAX_UPLOAD:
            error, status = _("ไฟล์ใหญ่เกิน 10 MB"), 422
        else:
            data = upload.read()
            try:
                proposal_import_precheck(viewer=viewer, proposal=proposal, data=data)
            except ServiceError as exc:
                error, status = exc.message_th, exc.status
            else:
                job = start_job(
                    "proposal.import",
                    title=f"นำเข้าข้อเสนอตัวชี้วัด {proposal.organisation.name_th} ปี {proposal.framework.fiscal_year.year}",
                    owner=request.user,  # type: ignore[arg-type]
                    params={"proposal_id": proposal.pk},
                    input_file=(upload.name or "proposal.xlsx", data),
                )
                messages.info(request, _("ส่งไฟล์เข้าระบบแล้ว ผลการนำเข้าแสดงด้านล่าง"))
                return redirect(job.get_absolute_url())
    return render(
        request,
        "basket/proposal_excel.html",
        {
            "proposal": proposal,
            "kpi_count": len(proposal_kpis(proposal)),
            "version": version_number(proposal),
            "may_import": may_import(viewer, proposal),
            "editable": proposal.state in EDITABLE_STATES,
            "error": error,
        },
        status=status,
    )


@login_required
def proposal_excel_download(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    return xlsx_response(proposal_export_xlsx(proposal), proposal_filename(proposal))
