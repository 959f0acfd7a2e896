"""Form fields Thai users expect: dates typed in the Buddhist era."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from govkpi.core.thaidates import format_date, parse_thai_date


class ThaiDateInput(forms.TextInput):
    def format_value(self, value: Any) -> str | None:
        if isinstance(value, dt.date):
            return format_date(value)
        return super().format_value(value)  # type: ignore[no-any-return]


class ThaiDateField(forms.Field):
    """Accepts 4/7/2565, 4 ก.ค. 2565, 4 กรกฎาคม 2565 or ISO dates; years above 2400 are Buddhist era."""

    widget = ThaiDateInput(attrs={"placeholder": "เช่น 4/7/2565", "inputmode": "numeric"})

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            return value
        try:
            return parse_thai_date(str(value))
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc
