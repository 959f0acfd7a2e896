"""Fixtures for results: MOF's FY2565 6-month round (no demo results), opened around today."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
import zlib
from collections.abc import Callable

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from govkpi.frameworks.models import Round
from govkpi.kpis.models import Kpi
from govkpi.organisations.access import Viewer, viewer_for
from govkpi.results import services
from govkpi.results.models import Result


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: object, tmp_path: object) -> None:
    """Evidence written by tests goes to a temporary folder, not var/media."""
    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]


@pytest.fixture
def demo_results(db: None) -> None:
    """The demo's results (FY2565 agencies approved and published, Chachoengsao, CDD FY2564),
    loaded if the shared world was built without them (GOVKPI_DEMO_RESULTS=0)."""
    from govkpi.demo import results_loader as demo

    demo.load(force=True)


@pytest.fixture
def open_round(db: None) -> Round:
    """FY2565 agencies' 6-month round, its window moved to include today."""
    round_ = Round.objects.get(framework__fiscal_year__year=2565, framework__group="agencies", months=6)
    today = dt.date.today()
    round_.opens_on, round_.closes_on = today - dt.timedelta(days=10), today + dt.timedelta(days=10)
    round_.save()
    return round_


@pytest.fixture
def mof_kpi(db: None) -> Kpi:
    """MOF-65-03: numeric, higher is better, targets 95 / 100 / 102."""
    return Kpi.objects.select_related("organisation").get(code="MOF-65-03")


@pytest.fixture
def milestone_kpi(db: None) -> Kpi:
    return Kpi.objects.select_related("organisation").get(code="MOF-65-01")


@pytest.fixture
def as_viewer(user_of: Callable[[str], object]) -> Callable[[str], tuple[object, Viewer]]:
    def get(persona: str) -> tuple[object, Viewer]:
        user = user_of(persona)
        return user, viewer_for(user)

    return get


Flow = Callable[..., Result]


@pytest.fixture
def flow(as_viewer: Callable[[str], tuple[object, Viewer]], open_round: Round, mof_kpi: Kpi) -> Callable[[str], Result]:
    """A MOF result brought to a state: reported, submitted, endorsed, verified or approved."""

    def to(state: str, value: str = "101", kpi: Kpi | None = None) -> Result:
        kpi = kpi or mof_kpi
        user, viewer = as_viewer("mof_coordinator")
        result = services.result_save(
            viewer=viewer,
            user=user,
            kpi=kpi,
            round_=open_round,
            value=value,
            narrative_th="ผลตามแผน",
            lock_version=None,
        )
        if state == "draft":
            return result
        result = services.result_submit(viewer=viewer, user=user, result=result)
        if state == "submitted":
            return result
        user, viewer = as_viewer("mof.exec")
        result = services.result_endorse(viewer=viewer, user=user, result=result)
        if state == "endorsed":
            return result
        user, viewer = as_viewer("opdc_desk")
        result = services.result_verify(viewer=viewer, user=user, result=result, action="accept")
        if state == "verified":
            return result
        user, viewer = as_viewer("opdc_admin")
        services.round_approve(
            viewer=viewer,
            user=user,
            round_=open_round,
            reference_th="อ.ก.พ.ร. ครั้งที่ 1/2566",
            organisation=kpi.organisation,
        )
        result.refresh_from_db()
        return result

    return to


# ---------------------------------------------------------------- real files


def pdf_bytes(text: str = "evidence") -> bytes:
    """A small, valid one-page PDF (pdftotext reads the text back)."""
    stream = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"\x00\xff\x00\x00"
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def jpeg_bytes() -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64 + b"\xff\xd9"


def xlsx_bytes() -> bytes:
    wb = openpyxl.Workbook()
    wb.active.append(["ผลการดำเนินงาน", 101])  # type: ignore[union-attr]
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def docx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def plain_zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("payload.exe", b"MZ" + b"\x00" * 100)
    return out.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


class Files:
    pdf = staticmethod(pdf_bytes)
    png = staticmethod(png_bytes)
    jpeg = staticmethod(jpeg_bytes)
    xlsx = staticmethod(xlsx_bytes)
    docx = staticmethod(docx_bytes)
    plain_zip = staticmethod(plain_zip_bytes)
    upload = staticmethod(upload)


@pytest.fixture
def files() -> type[Files]:
    """Real small files of each kind, and an upload wrapper."""
    return Files
