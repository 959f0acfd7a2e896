"""Errors services raise; the web and the API turn them into clear 4xx answers in Thai and English."""

from __future__ import annotations

from typing import Any

#: A POST without its CSRF token (the pages' 403 and the API's).
CSRF_MESSAGE_TH = "แบบฟอร์มนี้หมดอายุหรือไม่ได้ส่งมาจากหน้าของระบบ กรุณาโหลดหน้าใหม่แล้วลองอีกครั้ง"
CSRF_MESSAGE_EN = "This form expired or was not sent from a page of this site; reload the page and try again."


class ServiceError(Exception):
    """A write refused for a reason the user can fix. `status` is the HTTP status it maps to."""

    status = 400

    def __init__(
        self,
        message_th: str,
        message_en: str = "",
        *,
        field: str | None = None,
        problems: list[dict[str, Any]] | None = None,
        current: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(f"{message_th} / {message_en}" if message_en else message_th)
        self.message_th = message_th
        self.message_en = message_en
        self.field = field
        self.problems = problems or []
        self.current = current

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"detail": str(self), "message_th": self.message_th, "message_en": self.message_en}
        if self.field:
            body["field"] = self.field
        if self.problems:
            body["problems"] = self.problems
        if self.current is not None:
            body["current"] = self.current
        return body


class NotAllowed(ServiceError):
    status = 403


class NotFound(ServiceError):
    status = 404


class Conflict(ServiceError):
    """Someone else changed the record first, or the state does not allow this step."""

    status = 409


class Invalid(ServiceError):
    status = 422


class StorageUnavailable(ServiceError):
    """The file store is full or cannot be written: nothing was saved; try again later."""

    status = 503


#: what a user sees while the database cannot be reached (PostgreSQL restarting, a failover)
DATABASE_DOWN_TH = "ระบบฐานข้อมูลไม่พร้อมใช้งานชั่วคราว กรุณาลองใหม่ในอีกสักครู่ ข้อมูลที่ส่งครั้งนี้ยังไม่ถูกบันทึก"
DATABASE_DOWN_EN = "The database is briefly unavailable; please try again in a moment. This request was not saved."
RETRY_AFTER_SECONDS = "10"


def is_database_unavailable(exc: BaseException | None) -> bool:
    """A lost or refused database connection (not a bug in a query): answered 503, not 500."""
    from django.db import InterfaceError, OperationalError

    return isinstance(exc, OperationalError | InterfaceError)
