"""One way to write a number, on pages, in PDFs and in Excel (docs/i18n.md, "Numbers").

Every figure govkpi shows is one of a few kinds, and each kind has one rule:

| kind | rule | examples |
|---|---|---|
| value (a result, target, baseline or weight of a KPI, any unit or measure) | as entered: thousands separators, no needless trailing zeros, never rounded | 1,920 · 79.2 · 4.5 |
| points (points, weighted score, component score) | 4 places half-up, trailing zeros dropped (the scorecard document's rule) | 87.5 · 83.3333 |
| total (an organisation's total, a band's minimum) | 2 places half-up, always 2 decimals (`total_text`) | 75.00 |
| percent (a computed share or progress) | 2 places half-up, always 2 decimals | 33.33 · 100.00 |
| count | a whole number with thousands separators | 1,234 |

A KPI value is never rounded on display: the engine scores the exact value, and a rounded figure
beside a target would say the KPI reached a level it did not. The unit and measure do not change
the rule (a percent-unit result of 87.555 is shown 87.555), so targets "1,800 / 1,900 / 2,000" and
a result "1,920" always read the same way. Inputs show the value without separators and without
trailing zeros (`input_value`), so what the user typed comes back as typed.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Literal

Number = Decimal | int | float | str
Kind = Literal["value", "points", "total", "percent", "count"]

DASH = "–"
POINTS_PLACES = 4
TOTAL_PLACES = 2
PERCENT_PLACES = 2


def _decimal(value: Number | None) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _plain(number: Decimal) -> str:
    """The exact value without exponent or needless trailing zeros ("79.2", "1800", "-0.5")."""
    if number == number.to_integral_value():
        return str(number.quantize(Decimal(1)))
    return format(number.normalize(), "f")


def _grouped(text: str) -> str:
    sign = "-" if text.startswith("-") else ""
    whole, dot, frac = text.lstrip("-").partition(".")
    return f"{sign}{int(whole):,}{dot}{frac}"


def _rounded(number: Decimal, places: int) -> Decimal:
    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_value(value: Number | None, measure: object = None) -> str:
    """A KPI's value as entered (1,920 · 79.2); `measure` (a measure code, a KPI or a version) is
    accepted so every call names what it formats, though today all measures share the rule."""
    number = _decimal(value)
    if number is None:
        return DASH
    return _grouped(_plain(number))


def format_values(values: Iterable[Number | None] | None, measure: object = None, sep: str = " / ") -> str:
    """A ladder of targets, each as `format_value` writes it: "1,800 / 1,900 / 2,000"."""
    parts = [format_value(v, measure) for v in (values or [])]
    return sep.join(parts) if parts else DASH


def format_points(value: Number | None) -> str:
    number = _decimal(value)
    if number is None:
        return DASH
    return _grouped(_plain(_rounded(number, POINTS_PLACES)))


def format_total(value: Number | None) -> str:
    number = _decimal(value)
    if number is None:
        return DASH
    return f"{_rounded(number, TOTAL_PLACES):,.{TOTAL_PLACES}f}"


def format_percent(value: Number | None) -> str:
    number = _decimal(value)
    if number is None:
        return DASH
    return f"{_rounded(number, PERCENT_PLACES):,.{PERCENT_PLACES}f}"


def format_count(value: Number | None) -> str:
    number = _decimal(value)
    if number is None:
        return DASH
    return f"{int(number.to_integral_value(rounding=ROUND_HALF_UP)):,}"


def format_fixed(value: Number | None, places: int) -> str:
    """Thousands separators and exactly `places` decimals, half-up: for figures outside the KPI
    kinds above (a similarity score, a file size)."""
    number = _decimal(value)
    if number is None:
        return DASH
    return f"{_rounded(number, places):,.{places}f}"


FORMATTERS = {
    "value": format_value,
    "points": format_points,
    "total": format_total,
    "percent": format_percent,
    "count": format_count,
}


def format_as(value: Number | None, kind: Kind) -> str:
    return FORMATTERS[kind](value)


def input_value(value: Number | None) -> str:
    """The value to put back in an input: what the user typed, without the stored 4-place padding
    ("79.2000" → "79.2") and without separators, so it parses again unchanged."""
    number = _decimal(value)
    return "" if number is None else _plain(number)


def excel_format(value: object, kind: Kind) -> str:
    """The Excel number format of one cell, so the cell stays a number but reads as on the page."""
    if kind == "count":
        return "#,##0"
    if kind in ("total", "percent"):
        return "#,##0.00"
    number = _decimal(value) if isinstance(value, Decimal | int | float | str) else None
    if number is None:
        return "#,##0"
    if kind == "points":
        number = _rounded(number, POINTS_PLACES)
    text = _plain(number)
    decimals = len(text.partition(".")[2])
    return "#,##0" if decimals == 0 else "#,##0." + "0" * decimals
