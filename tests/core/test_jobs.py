"""Long work runs as a background job whose progress and file the owner can follow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.test import Client
from django.utils import timezone

from govkpi.core.errors import Invalid
from govkpi.core.jobs import JobRun, job_handler, start_job
from govkpi.core.models import Job


@job_handler("test.count")
def count_lines(run: JobRun) -> None:
    lines = run.input_bytes().decode().splitlines()
    run.set_total(len(lines))
    for _ in lines:
        run.advance()
    run.attach("สรุปผล.txt", f"{len(lines)} บรรทัด".encode())
    run.finish(f"นับได้ {len(lines)} บรรทัด")


@job_handler("test.refuse")
def refuse(run: JobRun) -> None:
    raise Invalid(
        "ไฟล์มีข้อผิดพลาด", "The file has errors.", problems=[{"row": 3, "column": "น้ำหนัก", "message": "ต้องเป็นตัวเลข"}]
    )


@job_handler("test.crash")
def crash(run: JobRun) -> None:
    raise RuntimeError("bug")


def test_a_finished_job_offers_its_file_to_its_owner(
    user_of: Callable[[str], object], client_as: Callable[[str], Client]
) -> None:
    job = start_job("test.count", title="นับบรรทัด", owner=user_of("cdd_coordinator"), input_file=("a.txt", b"1\n2\n3\n"))  # type: ignore[arg-type]

    assert job.state == Job.State.DONE and job.percent == 100 and job.progress == 3
    page = client_as("cdd_coordinator").get(job.get_absolute_url())
    assert "นับได้ 3 บรรทัด" in page.content.decode()
    download = client_as("cdd_coordinator").get(f"/jobs/{job.pk}/download/")
    assert b"".join(download.streaming_content) == "3 บรรทัด".encode()  # type: ignore[attr-defined]
    assert "filename*=UTF-8''%E0%B8%AA" in download["Content-Disposition"]


def test_somebody_elses_job_is_not_found(user_of: Callable[[str], object], client_as: Callable[[str], Client]) -> None:
    job = start_job("test.count", title="นับบรรทัด", owner=user_of("cdd_coordinator"), input_file=("a.txt", b"1\n"))  # type: ignore[arg-type]

    assert client_as("mof_coordinator").get(job.get_absolute_url()).status_code == 404
    assert client_as("mof_coordinator").get(f"/api/v1/jobs/{job.pk}").status_code == 404
    assert client_as("opdc_admin").get(job.get_absolute_url()).status_code == 200


def test_a_refused_job_lists_the_rows_at_fault(
    user_of: Callable[[str], object], client_as: Callable[[str], Client]
) -> None:
    job = start_job("test.refuse", title="นำเข้า", owner=user_of("cdd_coordinator"))  # type: ignore[arg-type]

    assert job.state == Job.State.FAILED
    body = client_as("cdd_coordinator").get(f"/api/v1/jobs/{job.pk}").json()
    assert body["state"] == "failed" and body["problems"][0]["row"] == 3 and "ไฟล์มีข้อผิดพลาด" in body["message"]
    assert "ต้องเป็นตัวเลข" in client_as("cdd_coordinator").get(job.get_absolute_url()).content.decode()


def test_a_crashing_job_fails_with_a_plain_message(user_of: Callable[[str], object]) -> None:
    job = start_job("test.crash", title="พัง", owner=user_of("cdd_coordinator"))  # type: ignore[arg-type]

    assert job.state == Job.State.FAILED and "Internal error" in job.message and job.finished_at is not None


def test_a_running_job_page_polls_itself_until_done(
    user_of: Callable[[str], object], client_as: Callable[[str], Client]
) -> None:
    job = Job.objects.create(kind="test.count", title="รอ", owner=user_of("cdd_coordinator"), total=4, progress=1)  # type: ignore[misc]

    html = client_as("cdd_coordinator").get(job.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in html and 'value="25"' in html


def test_a_job_whose_worker_died_is_shown_failed_instead_of_running_for_ever(
    user_of: Callable[[str], object], client_as: Callable[[str], Client]
) -> None:
    owner = user_of("cdd_coordinator")
    started = timezone.now() - dt.timedelta(minutes=settings.JOB_STALE_MINUTES + 1)
    dead = Job.objects.create(
        kind="results.import", title="นำเข้า", owner=owner, state=Job.State.RUNNING, started_at=started
    )
    alive = Job.objects.create(
        kind="results.import", title="นำเข้า", owner=owner, state=Job.State.RUNNING, started_at=timezone.now()
    )
    page = client_as("cdd_coordinator").get(f"/jobs/{dead.pk}/")
    assert "ไม่มีข้อมูลใดของงานนี้ถูกบันทึก" in page.content.decode()
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.state == Job.State.FAILED
    assert alive.state == Job.State.RUNNING
