"""Response and error shapes shared by every router."""

from __future__ import annotations

from typing import Any

from ninja import Schema


class ErrorOut(Schema):
    detail: str
    message_th: str = ""
    message_en: str = ""
    field: str | None = None
    problems: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None


#: The error statuses every operation may answer with, for the OpenAPI document.
ERRORS: dict[int, type[Schema]] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
WRITE_ERRORS: dict[int, type[Schema]] = {**ERRORS, 409: ErrorOut}
