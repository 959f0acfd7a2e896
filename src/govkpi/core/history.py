"""Readable audit trails from django-simple-history: who, when, and each field's before and after."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import connections, models, router
from django.utils import timezone


@dataclass
class FieldChange:
    field: str
    label: str
    old: object
    new: object


@dataclass
class HistoryEntry:
    at: dt.datetime
    who: str
    kind: str  # "+" created, "~" changed, "-" deleted
    reason: str
    changes: list[FieldChange] = field(default_factory=list)


KIND_TH = {"+": "สร้าง", "~": "แก้ไข", "-": "ลบ"}


def history_for(obj: models.Model, limit: int = 50) -> list[HistoryEntry]:
    """The newest changes first, each compared with the record before it."""
    manager = getattr(obj, "history", None)
    if manager is None:
        return []
    records = list(manager.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    entries: list[HistoryEntry] = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes: list[FieldChange] = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                try:
                    label = str(getattr(obj._meta.get_field(change.field), "verbose_name", change.field))
                except Exception:  # m2m fields tracked by history have no plain field
                    label = change.field
                changes.append(FieldChange(change.field, label, change.old, change.new))
        user = record.history_user
        entries.append(
            HistoryEntry(
                at=record.history_date,
                who=(getattr(getattr(user, "person", None), "full_name_th", "") or user.get_username())
                if user
                else "ระบบ",
                kind=record.history_type,
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries


# Rows copied per INSERT … SELECT: well under every backend's limit on parameters.
_CHUNK = 1000


def record_changes(model: type[models.Model], pks: Sequence[int], *, by: AbstractBaseUser | None = None) -> None:
    """History rows ("~", changed) for these rows of `model` as they now stand in the database.

    The same rows `HistoryManager.bulk_history_create(update=True)` would write (tracked fields,
    now, the user given or the request's, an empty reason), but copied by the database itself with
    INSERT … SELECT: building a historical instance and quoting every field of it in Python cost
    seconds for a rescored year, most of it on the explanations."""
    if not pks or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    historical: Any = model.history.model  # type: ignore[attr-defined]
    connection = connections[router.db_for_write(historical)]
    quote = connection.ops.quote_name
    tracked = list(historical.tracked_fields)
    into = [quote(historical._meta.get_field(f.name).column) for f in tracked]
    copied = [quote(f.column) for f in tracked]
    user = by if by is not None else historical.get_default_history_user(None)
    date_field = historical._meta.get_field("history_date")
    extra = [
        date_field.get_db_prep_save(timezone.now(), connection),
        "~",
        "",
        getattr(user, "pk", None),
    ]
    base = (
        f"INSERT INTO {quote(historical._meta.db_table)} ({', '.join(into)}, history_date, history_type,"
        f" history_change_reason, history_user_id) SELECT {', '.join(copied)}, %s, %s, %s, %s"
        f" FROM {quote(model._meta.db_table)} WHERE {quote(str(model._meta.pk.column))} IN "
    )
    with connection.cursor() as cursor:
        for start in range(0, len(pks), _CHUNK):
            chunk = list(pks[start : start + _CHUNK])
            cursor.execute(base + f"({', '.join(['%s'] * len(chunk))})", [*extra, *chunk])
