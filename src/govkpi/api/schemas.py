"""Response and error shapes shared by every router."""

from __future__ import annotations

from typing import Any

from ninja import Query, Schema


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


# --- bounds of query parameters, so the OpenAPI document tells clients the limits -------------
#: the largest value of a PostgreSQL integer column (and of OFFSET the database accepts)
DB_INT_MAX = 2**31 - 1


def limit_param(default: int, maximum: int) -> Any:
    return Query(default, ge=1, le=maximum, description=f"rows per page, 1 to {maximum}")  # type: ignore[type-arg]


def offset_param() -> Any:
    return Query(0, ge=0, le=DB_INT_MAX, description="rows to skip, 0 or more")  # type: ignore[type-arg]


def year_param() -> Any:
    return Query(None, ge=2400, le=2800, description="fiscal year, B.E. (e.g. 2566)")  # type: ignore[type-arg]


def months_param() -> Any:
    return Query(None, ge=1, le=12, description="the round's months (6, 9, 12)")  # type: ignore[type-arg]


def id_param() -> Any:
    return Query(..., ge=1, le=2**63 - 1, description="a record's id")  # type: ignore[type-arg]


def version_param() -> Any:
    described = "a publication snapshot's version (1, 2, …); the latest if omitted"
    return Query(None, ge=1, le=DB_INT_MAX, description=described)  # type: ignore[type-arg]


def lock_version_param() -> Any:
    return Query(None, ge=0, le=DB_INT_MAX, description="the version you read (a stale one is refused 409)")  # type: ignore[type-arg]


def organisation_param() -> Any:
    described = "an organisation's code (e.g. CDD, P24)"
    return Query("", max_length=30, pattern=r"^[A-Za-z0-9_.\-]*$", description=described)  # type: ignore[type-arg]
