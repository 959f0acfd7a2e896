"""Malformed evidence uploads through the API and the page: clear 4xx, no record, no stored file.

Kinds judged by content and the size limit are in test_evidence.py; here are the uploads a fuzzer or a
careless client sends: an executable named .pdf, an empty file, a name that climbs out of its folder,
a very long Thai name, and no file at all.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile as upload
from django.test import Client

from govkpi.results.models import Evidence, Result

pytestmark = pytest.mark.django_db


def stored_files(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()]


@pytest.fixture
def draft(flow: Callable[[str], Result]) -> Result:
    return flow("draft")


@pytest.fixture
def coordinator(client_as: Callable[[str], Client]) -> Client:
    return client_as("mof_coordinator")


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("รายงาน.pdf", b"MZ\x90\x00\x03" + b"\x00" * 400, "ไม่ใช่ชนิดที่รับได้"),
        ("ว่าง.pdf", b"", "ว่างเปล่า"),
    ],
    ids=["exe-named-pdf", "empty"],
)
def test_a_bad_file_is_refused_by_the_api_and_nothing_is_kept(
    draft: Result, coordinator: Client, settings: object, name: str, data: bytes, expected: str
) -> None:
    response = coordinator.post(f"/api/v1/results/{draft.pk}/evidence", {"file": upload(name, data)})
    assert response.status_code == 422, response.content
    assert expected in response.json()["message_th"] and name in response.json()["message_th"]
    assert response.json()["field"] == "file"
    assert not Evidence.objects.filter(result=draft).exists()
    assert stored_files(Path(settings.MEDIA_ROOT)) == []  # type: ignore[attr-defined]


def test_a_missing_file_field_is_a_422_naming_it(draft: Result, coordinator: Client) -> None:
    response = coordinator.post(f"/api/v1/results/{draft.pk}/evidence", {"note": "ลืมแนบ"})
    assert response.status_code == 422
    assert any(p["field"].endswith("file") for p in response.json()["problems"])
    assert not Evidence.objects.filter(result=draft).exists()


def test_a_name_that_climbs_out_of_its_folder_keeps_only_its_last_part(
    draft: Result, coordinator: Client, files: object, settings: object
) -> None:
    response = coordinator.post(
        f"/api/v1/results/{draft.pk}/evidence", {"file": upload("../../etc/passwd.pdf", files.pdf())}
    )  # type: ignore[attr-defined]
    assert response.status_code == 201, response.content
    evidence = Evidence.objects.get(pk=response.json()["id"])
    assert evidence.original_name == "passwd.pdf"
    assert evidence.file.name.startswith("evidence/") and ".." not in evidence.file.name
    media = Path(settings.MEDIA_ROOT).resolve()  # type: ignore[attr-defined]
    assert all(media in p.resolve().parents for p in stored_files(media))


def test_a_very_long_thai_name_is_shortened_but_keeps_its_extension(
    draft: Result, coordinator: Client, files: object
) -> None:
    name = "รายงานผลการดำเนินงานตามตัวชี้วัด" * 12 + ".pdf"  # 388 characters, over 1,000 bytes in UTF-8
    response = coordinator.post(f"/api/v1/results/{draft.pk}/evidence", {"file": upload(name, files.pdf())})  # type: ignore[attr-defined]
    assert response.status_code == 201, response.content
    kept = Evidence.objects.get(pk=response.json()["id"]).original_name
    assert len(kept) <= 255 and kept.endswith(".pdf") and name.startswith(kept[:-4])


def test_a_thai_name_survives_the_api_download_intact(draft: Result, coordinator: Client, files: object) -> None:
    name = "หลักฐาน ผลการดำเนินงาน รอบ 6 เดือน (ฉบับแก้ไข).pdf"
    created = coordinator.post(f"/api/v1/results/{draft.pk}/evidence", {"file": upload(name, files.pdf())})  # type: ignore[attr-defined]
    assert created.status_code == 201
    assert created.json()["original_name"] == name
    download = coordinator.get(created.json()["download_url"])
    assert download.status_code == 200
    disposition = download["Content-Disposition"]
    encoded = disposition.split("filename*=utf-8''", 1)[1]
    assert urllib.parse.unquote(encoded) == name


def test_the_upload_page_refuses_an_empty_file_in_thai(draft: Result, coordinator: Client) -> None:
    url = f"/results/MOF/2565/6/kpi/{draft.kpi_id}/evidence/"
    response = coordinator.post(url, {"file": upload("ว่าง.pdf", b"")}, follow=True)
    assert response.status_code < 500
    assert "ว่างเปล่า" in response.content.decode()
    assert not Evidence.objects.filter(result=draft).exists()


def test_the_service_shortens_a_long_name_keeping_its_extension(draft: Result, as_viewer, files) -> None:  # type: ignore[no-untyped-def]
    from govkpi.results import evidence

    user, viewer = as_viewer("mof_coordinator")
    name = "ก" * 300 + ".pdf"
    data = upload(name, files.pdf())
    kept = evidence.evidence_add(viewer=viewer, user=user, result=draft, name=name, stream=data, size=len(files.pdf()))
    assert kept.original_name == "ก" * 251 + ".pdf"
    assert evidence.short_name("..\\..\\windows\\รายงาน.pdf") == "รายงาน.pdf"
