"""Form fields Thai users expect: dates typed in the Buddhist era, or picked from a calendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from govkpi.core.thaidates import format_date, parse_thai_date


class ThaiDateInput(forms.TextInput):
    """The one date input: a text box that takes typed BE ("4/7/2565", "4 ก.ค. 2565") and, beside it,
    the browser's calendar kept in sync by `core/thaidate.js`, with the picked date echoed in BE.

    The text box is what is submitted, so the form works without JavaScript; the calendar carries no
    name. Native pickers show Christian-era years, hence the BE echo beside them."""

    template_name = "core/widgets/thai_date.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {"placeholder": "เช่น 4/7/2565", "inputmode": "numeric", "data-thai-date": "1", "autocomplete": "off"}
        super().__init__({**base, **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, dt.date):
            return format_date(value)
        return super().format_value(value)  # type: ignore[no-any-return]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        iso = ""
        if isinstance(value, dt.date):
            iso = value.isoformat()
        elif isinstance(value, str) and value.strip():
            try:
                iso = parse_thai_date(value).isoformat()
            except ValueError:
                iso = ""
        context["widget"]["iso"] = iso
        return context


class ThaiDateField(forms.Field):
    """Accepts 4/7/2565, 4 ก.ค. 2565, 4 กรกฎาคม 2565 or ISO dates; years above 2400 are Buddhist era."""

    widget = ThaiDateInput

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            return value
        try:
            return parse_thai_date(str(value))
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc
