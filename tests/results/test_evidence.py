"""Evidence files: kinds judged by content, the size limit to the byte, generated names, guarded downloads."""

from __future__ import annotations

import resource
import signal
import subprocess
import tempfile
from collections.abc import Callable

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile as upload
from django.test import Client
from django.test.utils import override_settings

from govkpi.core.errors import Conflict, Invalid, NotAllowed
from govkpi.results import evidence
from govkpi.results.models import Evidence, Result

pytestmark = pytest.mark.django_db


def add(as_viewer, result: Result, name: str, data: bytes, persona: str = "mof_coordinator") -> Evidence:  # type: ignore[no-untyped-def]
    user, viewer = as_viewer(persona)
    f = upload(name, data)
    return evidence.evidence_add(viewer=viewer, user=user, result=result, name=name, stream=f, size=f.size)


@pytest.mark.parametrize(
    ("name", "maker", "mime"),
    [
        ("รายงานผล.pdf", "pdf", evidence.PDF),
        ("ภาพกิจกรรม.png", "png", evidence.PNG),
        ("ภาพถ่าย.jpeg", "jpeg", evidence.JPEG),
        ("ตารางข้อมูล.xlsx", "xlsx", evidence.XLSX),
        ("บันทึกข้อความ.docx", "docx", evidence.DOCX),
    ],
)
def test_pdf_images_excel_and_word_files_are_accepted_by_their_content(
    flow, as_viewer, files, name, maker, mime
) -> None:  # type: ignore[no-untyped-def]
    ev = add(as_viewer, flow("draft"), name, getattr(files, maker)())
    assert ev.content_type == mime
    assert ev.original_name == name
    stored = ev.file.name
    assert name not in stored and stored.startswith("evidence/")
    assert default_storage.exists(stored)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("report.pdf", b"this is plain text pretending to be a pdf"),
        ("setup.pdf", b"MZ\x90\x00" + b"\x00" * 200),
        ("archive.docx", "plain_zip"),
        ("page.html", b"<html><script>alert(1)</script></html>"),
    ],
)
def test_files_that_are_not_allowed_kinds_are_refused_whatever_their_name(flow, as_viewer, files, name, data) -> None:  # type: ignore[no-untyped-def]
    if data == "plain_zip":
        data = files.plain_zip()
    with pytest.raises(Invalid) as error:
        add(as_viewer, flow("draft"), name, data)
    assert "ตรวจจากเนื้อหา" in error.value.message_th or "ไม่ตรงกับเนื้อหา" in error.value.message_th
    assert not Evidence.objects.filter(original_name=name).exists()


def test_a_name_that_lies_about_an_allowed_content_is_refused(files, flow, as_viewer) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Invalid) as error:
        add(as_viewer, flow("draft"), "ตาราง.xlsx", files.pdf())
    assert "ไม่ตรงกับเนื้อหา" in error.value.message_th


@override_settings(EVIDENCE_MAX_BYTES=4096)
def test_a_file_of_exactly_the_limit_is_accepted_and_one_byte_more_is_refused(files, flow, as_viewer) -> None:  # type: ignore[no-untyped-def]
    result = flow("draft")
    body = files.pdf()
    exact = body + b" " * (4096 - len(body))
    assert add(as_viewer, result, "พอดี.pdf", exact).size == 4096
    with pytest.raises(evidence.TooLarge) as error:
        add(as_viewer, result, "เกิน.pdf", exact + b" ")
    assert error.value.status == 413
    assert "4,097 ไบต์" in error.value.message_th and "เกินขนาดสูงสุด" in error.value.message_th


def test_the_default_limit_is_20_mib_through_the_api(files, flow, client_as) -> None:  # type: ignore[no-untyped-def]
    result = flow("draft")
    client: Client = client_as("mof_coordinator")
    limit = 20 * 1024 * 1024
    body = files.pdf()
    exact = body + b" " * (limit - len(body))
    ok = client.post(f"/api/v1/results/{result.pk}/evidence", {"file": upload("ใหญ่สุด.pdf", exact)})
    assert ok.status_code == 201, ok.content
    assert ok.json()["size"] == limit
    over = client.post(f"/api/v1/results/{result.pk}/evidence", {"file": upload("ใหญ่เกิน.pdf", exact + b" ")})
    assert over.status_code == 413
    assert "20 MiB" in over.json()["message_th"]


def test_evidence_cannot_be_added_once_submitted(files, flow, as_viewer) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Conflict):
        add(as_viewer, flow("submitted"), "a.pdf", files.pdf())


def test_another_organisation_cannot_attach_evidence(files, flow, as_viewer) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotAllowed):
        add(as_viewer, flow("draft"), "a.pdf", files.pdf(), persona="cdd_coordinator")


def test_the_download_keeps_the_thai_name_and_reads_back_as_the_same_pdf(files, flow, as_viewer, client_as) -> None:  # type: ignore[no-untyped-def]
    ev = add(as_viewer, flow("draft"), "หลักฐาน ไตรมาส 2.pdf", files.pdf("Q2 evidence"))
    response = client_as("mof_coordinator").get(f"/results/evidence/{ev.pk}/")
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''%E0%B8%AB%E0%B8%A5" in disposition
    assert response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        text = subprocess.run(["pdftotext", f.name, "-"], capture_output=True, text=True, check=True).stdout
    assert "Q2 evidence" in text


def test_downloads_are_refused_to_other_organisations_and_the_public_before_publication(
    files, flow, as_viewer, client_as
) -> None:  # type: ignore[no-untyped-def]
    ev = add(as_viewer, flow("draft"), "ลับ.pdf", files.pdf())
    assert client_as("cdd_coordinator").get(f"/results/evidence/{ev.pk}/").status_code == 403
    assert Client().get(f"/results/evidence/{ev.pk}/").status_code == 403
    assert client_as("opdc_desk").get(f"/results/evidence/{ev.pk}/").status_code == 200
    assert Client().get(f"/api/v1/results/evidence/{ev.pk}/download").status_code == 403


def test_the_coordinator_removes_a_file_of_a_draft(files, flow, as_viewer) -> None:  # type: ignore[no-untyped-def]
    ev = add(as_viewer, flow("draft"), "ผิดไฟล์.pdf", files.pdf())
    user, viewer = as_viewer("mof_coordinator")
    evidence.evidence_remove(viewer=viewer, user=user, evidence=ev)
    assert not Evidence.objects.filter(pk=ev.pk).exists()


def test_an_upload_page_error_is_shown_in_thai_not_a_500(files, flow, client_as: Callable[[str], Client]) -> None:
    result = flow("draft")
    url = f"/results/MOF/2565/6/kpi/{result.kpi_id}/evidence/"
    response = client_as("mof_coordinator").post(url, {"file": upload("virus.pdf", b"MZ" + b"\0" * 99)}, follow=True)
    assert response.status_code == 200
    assert "ไม่ใช่ชนิดที่รับได้" in response.content.decode()


def test_an_unwritable_evidence_store_gives_a_clear_503_and_records_nothing(files, flow, client_as, tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = flow("draft")
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("the store's root is a file, so nothing can be written under it")
    before = Evidence.objects.count()

    with override_settings(MEDIA_ROOT=str(blocker / "media")):
        answer = client_as("mof_coordinator").post(
            f"/api/v1/results/{result.pk}/evidence", {"file": upload("รายงาน.pdf", files.pdf())}
        )

    assert answer.status_code == 503
    assert "ไม่มีข้อมูลใดถูกบันทึก" in answer.json()["message_th"] and answer.json()["field"] == "file"
    assert Evidence.objects.count() == before


def test_a_disk_that_fills_up_mid_file_leaves_no_partial_file_and_no_record(files, flow, client_as, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A real short write: the process may write at most 50,000 bytes into any file (RLIMIT_FSIZE),
    so storing a 300 KB PDF fails part-way with EFBIG, as a full disk fails with ENOSPC."""
    result = flow("draft")
    before = Evidence.objects.count()
    big = files.pdf() + b"%" + b"0" * 300_000 + b"\n"
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    with override_settings(MEDIA_ROOT=str(tmp_path / "media")):
        resource.setrlimit(resource.RLIMIT_FSIZE, (50_000, hard))
        try:
            answer = client_as("mof_coordinator").post(
                f"/api/v1/results/{result.pk}/evidence", {"file": upload("รายงาน.pdf", big)}
            )
        finally:
            resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
            signal.signal(signal.SIGXFSZ, previous)
    assert answer.status_code == 503
    assert "ไม่มีข้อมูลใดถูกบันทึก" in answer.json()["message_th"]
    assert Evidence.objects.count() == before
    assert [p for p in (tmp_path / "media").rglob("*") if p.is_file()] == []


def test_an_evidence_download_is_not_stored_by_shared_caches(files, flow, as_viewer, client_as) -> None:  # type: ignore[no-untyped-def]
    ev = add(as_viewer, flow("draft"), "หลักฐาน.pdf", files.pdf("private"))
    response = client_as("mof_coordinator").get(f"/results/evidence/{ev.pk}/")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
