"""Background jobs: poll an import or a report pack and fetch its file."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.http import FileResponse, HttpRequest
from ninja import Router, Schema

from govkpi.api.auth import login_required, viewer_of_api
from govkpi.api.schemas import ERRORS
from govkpi.core.jobs import job_of, jobs_of
from govkpi.core.models import Job
from govkpi.core.views import download_response

router = Router()


class JobOut(Schema):
    id: UUID
    kind: str
    title: str
    state: str
    percent: int
    progress: int
    total: int
    message: str
    problems: list[dict[str, Any]]
    created_at: dt.datetime
    finished_at: dt.datetime | None
    download_url: str | None

    @staticmethod
    def resolve_download_url(obj: Job) -> str | None:
        return f"/api/v1/jobs/{obj.pk}/download" if obj.result_file else None


@router.get("/", response={200: list[JobOut], **ERRORS}, auth=login_required, summary="งานเบื้องหลังของฉัน")
def list_jobs(request: HttpRequest) -> object:
    return list(jobs_of(viewer_of_api(request))[:100])


@router.get("/{job_id}", response={200: JobOut, **ERRORS}, auth=login_required, summary="สถานะของงานเบื้องหลัง")
def get_job(request: HttpRequest, job_id: UUID) -> object:
    return job_of(viewer_of_api(request), job_id)


@router.get("/{job_id}/download", response={200: None, **ERRORS}, auth=login_required, summary="ไฟล์ผลของงาน")
def download_job(request: HttpRequest, job_id: UUID) -> FileResponse:
    return download_response(job_of(viewer_of_api(request), job_id))
