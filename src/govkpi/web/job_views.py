"""The pages of background jobs: a progress bar that polls itself, and the download when done.

The jobs themselves and who may see them are `core.jobs`; the pages live in `web` because they
need the signed-in `Viewer` (organisations), which `core` sits below."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render

from govkpi.core.jobs import job_of, jobs_of
from govkpi.core.views import download_response, paginate
from govkpi.organisations.access import viewer_of


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
