"""Long reports as background jobs: the xlsx/pdf committee summary and the meeting pack.

The web starts them (`start_job`) and shows the progress page; the CLI builds the same files inline.
"""

from __future__ import annotations

from govkpi.core.errors import Invalid
from govkpi.core.jobs import JobRun, job_handler
from govkpi.organisations.access import viewer_for
from govkpi.reports.documents import summary_document
from govkpi.reports.meeting_pack import meeting_pack, meeting_pack_filename, meeting_pack_pdf
from govkpi.reports.summary import committee_summary
from govkpi.reviews.models import AgendaItem

SUMMARY_JOB = "reports.committee_summary"
MEETING_PACK_JOB = "reports.meeting_pack"


@job_handler(SUMMARY_JOB)
def build_committee_summary(run: JobRun) -> None:
    params = run.params
    fmt = str(params.get("format", "xlsx"))
    if fmt not in {"xlsx", "pdf", "json"}:
        raise Invalid(f"ไม่รู้จักรูปแบบไฟล์ {fmt!r}", f"Unknown format {fmt!r}.", field="format")
    run.set_total(2, message="กำลังรวบรวมข้อมูล")
    summary = committee_summary(viewer=viewer_for(run.owner), year=int(params["year"]), group=str(params["group"]))
    run.advance(1, message="กำลังจัดทำไฟล์")
    document = summary_document(summary, fmt)
    run.attach(document.filename, document.content)
    run.advance(1)
    run.finish(f"สรุปตัวชี้วัด{summary.group_th} ปีงบประมาณ พ.ศ. {summary.year} พร้อมดาวน์โหลด")


@job_handler(MEETING_PACK_JOB)
def build_meeting_pack(run: JobRun) -> None:

    meeting_id = int(run.params["meeting"])
    run.set_total(AgendaItem.objects.filter(meeting_id=meeting_id).count() + 1, message="กำลังรวบรวมข้อมูล")
    pack = meeting_pack(
        viewer=viewer_for(run.owner), meeting_id=meeting_id, progress=lambda msg: run.advance(1, message=msg)
    )
    run.job.message = "กำลังจัดทำ PDF"
    content = meeting_pack_pdf(pack)
    run.attach(meeting_pack_filename(pack), content)
    run.advance(1)
    run.finish(f"เอกสารประกอบ{pack.heading_th} พร้อมดาวน์โหลด")
