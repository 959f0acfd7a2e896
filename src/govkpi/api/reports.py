"""Reports: the committee summary (JSON, or the .xlsx / PDF file) and meeting packs."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from govkpi.api.auth import login_required, viewer_of_api
from govkpi.api.schemas import ERRORS
from govkpi.core.views import file_response
from govkpi.reports.documents import summary_document
from govkpi.reports.meeting_pack import meeting_pack, meeting_pack_filename, meeting_pack_pdf
from govkpi.reports.summary import CommitteeSummary, committee_summary

router = Router()


class SummaryQuery(Schema):
    year: int = Field(ge=2400, le=2800, description="fiscal year, B.E.")
    group: Literal["agencies", "provinces"] = "agencies"
    format: Literal["json", "xlsx", "pdf"] = "json"


@router.get(
    "/committee-summary",
    response={200: CommitteeSummary, **ERRORS},
    summary="สรุปสำหรับคณะกรรมการ (ปีงบประมาณและกลุ่ม)",
    description=(
        "Counts of organisations and KPIs, Basket share, Joint KPIs, plan links, targets below plan, "
        "change requests and bands, computed from the data and scoped to the caller. "
        "`format=xlsx` or `format=pdf` answers with the file instead of JSON. "
        "Without credentials only published frameworks are found."
    ),
)
def committee_summary_endpoint(request: HttpRequest, query: Query[SummaryQuery]) -> object:
    summary = committee_summary(viewer=viewer_of_api(request), year=query.year, group=query.group)
    if query.format == "json":
        return summary
    document = summary_document(summary, query.format)
    return file_response(document.content, document.filename, document.content_type)


@router.get(
    "/meetings/{meeting_id}/pack.pdf",
    response={200: bytes, **ERRORS},
    auth=login_required,
    summary="เอกสารประกอบการประชุม (PDF)",
    description="Cover, agenda, the tables each agenda item needs and a draft summary in Thai. OPDC and committees only.",
    openapi_extra={
        "responses": {200: {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}}
    },
)
def meeting_pack_endpoint(request: HttpRequest, meeting_id: int) -> HttpResponse:
    pack = meeting_pack(viewer=viewer_of_api(request), meeting_id=meeting_id)
    return file_response(meeting_pack_pdf(pack), meeting_pack_filename(pack), "application/pdf")
