"""Template filters for numbers, one per kind of figure (`govkpi.core.numbers` owns the rules).

    {% load numbers %}{{ result.value|kpi_value:kpi }} · {{ kpi.targets|kpi_values:kpi }}
    {{ score.points|points }} · {{ score.total|total }} · {{ share.percent|percent }} · {{ n|count }}
    <input name="value" value="{{ result.value|input_value }}">

Loaded as builtins in every template, so `{% load numbers %}` is optional.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from govkpi.core import numbers

register = template.Library()


@register.filter
def kpi_value(value: numbers.Number | None, kpi: object = None) -> str:
    return numbers.format_value(value, kpi)


@register.filter
def kpi_values(values: Iterable[numbers.Number | None] | None, kpi: object = None) -> str:
    return numbers.format_values(values, kpi)


@register.filter
def points(value: numbers.Number | None) -> str:
    return numbers.format_points(value)


@register.filter
def total(value: numbers.Number | None) -> str:
    return numbers.format_total(value)


@register.filter
def percent(value: numbers.Number | None) -> str:
    return numbers.format_percent(value)


@register.filter
def count(value: numbers.Number | None) -> str:
    return numbers.format_count(value)


@register.filter
def fixed(value: numbers.Number | None, places: int = 2) -> str:
    return numbers.format_fixed(value, int(places))


@register.filter
def input_value(value: numbers.Number | None) -> str:
    return numbers.input_value(value)
