"""The pages of background jobs: a progress bar that polls itself, and the download when done."""

from __future__ import annotations

from urllib.parse import quote
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from govkpi.core.jobs import fail_stale_jobs
from govkpi.core.models import Job
from govkpi.core.views import paginate, viewer_of
from govkpi.organisations.access import Viewer


def jobs_of(viewer: Viewer) -> QuerySet[Job]:
    """A person's own jobs; OPDC sees everybody's. Jobs whose worker died are shown failed."""
    fail_stale_jobs()
    qs = Job.objects.select_related("owner")
    return qs if viewer.is_opdc else qs.filter(owner_id=viewer.user_id)


def job_of(viewer: Viewer, pk: UUID) -> Job:
    job = jobs_of(viewer).filter(pk=pk).first()
    if job is None:
        raise Http404("ไม่พบงาน / Job not found.")
    return job


def download_response(job: Job) -> FileResponse:
    if not job.result_file:
        raise Http404("งานนี้ยังไม่มีไฟล์ให้ดาวน์โหลด / Nothing to download yet.")
    response = FileResponse(job.result_file.open("rb"), as_attachment=True)
    name = job.result_name or str(job.result_file.name).rsplit("/", 1)[-1]
    ascii_name = name.encode("ascii", "ignore").decode() or "govkpi"
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    return response


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    page, query = paginate(request, jobs_of(viewer_of(request)))
    return render(request, "core/job_list.html", {"page": page, "querystring": query})


@login_required
def job_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    job = job_of(viewer_of(request), pk)
    template = "core/_job_status.html" if request.headers.get("HX-Request") else "core/job_detail.html"
    return render(request, template, {"job": job})


@login_required
def job_download(request: HttpRequest, pk: UUID) -> FileResponse:
    return download_response(job_of(viewer_of(request), pk))
