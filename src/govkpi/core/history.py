"""Readable audit trails from django-simple-history: who, when, and each field's before and after."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import models


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
