"""Evidence files: checked by content (not the name), size-limited, stored under generated names."""

from __future__ import annotations

import contextlib
import hashlib
import uuid
import zipfile
from typing import IO, Any

import filetype
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from govkpi.core.errors import Conflict, Invalid, NotAllowed, ServiceError, StorageUnavailable
from govkpi.organisations.access import Viewer
from govkpi.results.models import Appeal, Evidence, Result
from govkpi.results.services import EDITABLE, check_unlocked

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXTENSIONS = {PDF: ".pdf", PNG: ".png", JPEG: ".jpg", XLSX: ".xlsx", DOCX: ".docx"}
#: the names a user may give each kind (the content decides the kind)
NAME_EXTENSIONS = {PDF: {".pdf"}, PNG: {".png"}, JPEG: {".jpg", ".jpeg"}, XLSX: {".xlsx"}, DOCX: {".docx"}}
ALLOWED_TH = "PDF, รูปภาพ (PNG, JPEG), Excel (.xlsx) หรือ Word (.docx)"


class TooLarge(ServiceError):
    status = 413


def max_bytes() -> int:
    return int(getattr(settings, "EVIDENCE_MAX_BYTES", 20 * 1024 * 1024))


def _mib(n: int) -> str:
    return f"{n / 1024 / 1024:,.0f} MiB ({n:,} ไบต์)"


def _ooxml_kind(stream: IO[bytes]) -> str | None:
    """An OOXML package is a zip: tell Word from Excel by its main part, reject any other zip."""
    try:
        with zipfile.ZipFile(stream) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def detect(stream: IO[bytes]) -> str | None:
    """The content type of an allowed evidence file, or None for anything else."""
    stream.seek(0)
    head = stream.read(8192)
    stream.seek(0)
    kind = filetype.guess(head)
    mime: str | None = str(kind.mime) if kind else None
    if mime in {PDF, PNG, JPEG}:
        return mime
    if head[:4] == b"PK\x03\x04":
        found = _ooxml_kind(stream)
        stream.seek(0)
        return found
    return None


def check_file(*, name: str, stream: IO[bytes], size: int) -> str:
    """Raise a clear Thai/English error unless the file is an allowed kind within the size limit."""
    limit = max_bytes()
    if size > limit:
        raise TooLarge(
            f"ไฟล์ “{name}” มีขนาด {size:,} ไบต์ เกินขนาดสูงสุดที่รับได้ {_mib(limit)}",
            f"The file {name!r} is {size:,} bytes; the limit is {limit:,} bytes.",
            field="file",
        )
    if size == 0:
        raise Invalid(f"ไฟล์ “{name}” ว่างเปล่า", f"The file {name!r} is empty.", field="file")
    mime = detect(stream)
    if mime is None:
        raise Invalid(
            f"ไฟล์ “{name}” ไม่ใช่ชนิดที่รับได้ (รับเฉพาะ {ALLOWED_TH}) ระบบตรวจจากเนื้อหาไฟล์ ไม่ใช่จากชื่อ",
            f"{name!r} is not an allowed kind (PDF, PNG, JPEG, .xlsx, .docx), judged by its content.",
            field="file",
        )
    suffix = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if suffix not in NAME_EXTENSIONS[mime]:
        raise Invalid(
            f"นามสกุลของไฟล์ “{name}” ไม่ตรงกับเนื้อหา (เนื้อหาเป็น {EXTENSIONS[mime]})",
            f"The name of {name!r} does not match its content ({EXTENSIONS[mime]}).",
            field="file",
        )
    return mime


def short_name(name: str) -> str:
    """The file's own name (no folders: "../../x.pdf" is "x.pdf"), at most 255 characters, extension kept."""
    name = (name or "file").replace("\\", "/").rsplit("/", 1)[-1].strip() or "file"
    if len(name) <= 255:
        return name
    stem, dot, suffix = name.rpartition(".")
    if not dot or len(suffix) > 10:
        return name[:255]
    return f"{stem[: 254 - len(suffix)]}.{suffix}"


def _sha256(stream: IO[bytes]) -> str:
    digest = hashlib.sha256()
    stream.seek(0)
    for chunk in iter(lambda: stream.read(1024 * 1024), b""):
        digest.update(chunk)
    stream.seek(0)
    return digest.hexdigest()


def _remove_partial(path: str) -> None:
    """A disk that fills up mid-write leaves the first part of the file behind: remove it."""
    with contextlib.suppress(OSError):  # read-only: then nothing was written either
        default_storage.delete(path)


def store(
    *, result: Result, user: Any, name: str, stream: IO[bytes], size: int, appeal: Appeal | None = None
) -> Evidence:
    """Check and store one file (the caller holds the transaction and has checked rights)."""
    name = short_name(name)
    mime = check_file(name=name, stream=stream, size=size)
    now = timezone.now()
    path = f"evidence/{now:%Y/%m}/{uuid.uuid4().hex}{EXTENSIONS[mime]}"
    stream.seek(0)
    try:
        stored = default_storage.save(path, ContentFile(stream.read()))
    except OSError as exc:  # disk full, read-only or missing store: say so, record nothing
        _remove_partial(path)
        raise StorageUnavailable(
            "บันทึกไฟล์หลักฐานไม่ได้ในขณะนี้ (พื้นที่จัดเก็บเต็มหรือเขียนไม่ได้) ไม่มีข้อมูลใดถูกบันทึก กรุณาลองใหม่ภายหลัง",
            "The evidence store cannot take the file now (full or not writable); nothing was saved. Try again later.",
            field="file",
        ) from exc
    evidence = Evidence(
        result=result,
        appeal=appeal,
        file=stored,
        original_name=name,
        content_type=mime,
        size=size,
        sha256=_sha256(stream),
        uploaded_by=user if getattr(user, "pk", None) else None,
    )
    evidence._history_user = user  # type: ignore[attr-defined]
    try:
        evidence.save()
    except Exception:
        default_storage.delete(stored)  # no file without its record
        raise
    return evidence


@transaction.atomic
def evidence_add(*, viewer: Viewer, user: Any, result: Result, name: str, stream: IO[bytes], size: int) -> Evidence:
    """The coordinator attaches a file to a result still being prepared."""
    if not viewer.may_edit_for(result.organisation_id):
        raise NotAllowed("เฉพาะผู้ประสานงานของหน่วยงานนี้แนบหลักฐานได้", "Only the coordinator may attach evidence.")
    check_unlocked(result)
    if result.state not in EDITABLE:
        raise Conflict("ส่งผลแล้ว แนบหลักฐานเพิ่มไม่ได้", "The result has been submitted; evidence is closed.")
    evidence = store(result=result, user=user, name=name, stream=stream, size=size)
    Result.objects.filter(pk=result.pk).update(lock_version=result.lock_version + 1)
    result.lock_version += 1
    return evidence


@transaction.atomic
def evidence_remove(*, viewer: Viewer, user: Any, evidence: Evidence) -> None:
    result = evidence.result
    if not viewer.may_edit_for(result.organisation_id):
        raise NotAllowed("เฉพาะผู้ประสานงานของหน่วยงานนี้ลบหลักฐานได้", "Only the coordinator may remove evidence.")
    check_unlocked(result)
    if result.state not in EDITABLE or evidence.appeal_id:
        raise Conflict("ส่งผลแล้ว ลบหลักฐานไม่ได้", "The result has been submitted; evidence is closed.")
    name = str(evidence.file.name)
    evidence._history_user = user  # type: ignore[attr-defined]
    evidence.delete()
    transaction.on_commit(lambda: default_storage.delete(name))
