"""ECharts options built on the server from the same rows as the tables under each chart.

The page embeds each option with json_script; static/dashboards/charts.js only draws it (the CSP
forbids inline scripts). Options hold plain data, never functions, and carry ECharts' aria
description so screen readers hear what the chart shows.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from govkpi.dashboards.scores import BAND_PALETTE

FONT = "Sarabun, sans-serif"
#: Category names longer than this (Thai organisation kinds, "ส่วนราชการ 12 เดือน") lie on the side:
#: horizontal bars, so names never overlap however narrow the screen.
LONG_LABEL = 10
#: More categories than this stand their (short) labels at an angle.
MANY_CATEGORIES = 6
#: The width a side label may take before it wraps (on horizontal bars) or is cut with "…" (angled
#: labels; the tooltip has the whole name).
LABEL_WIDTH = 130


def _empty(option: dict[str, Any], has_data: bool) -> dict[str, Any]:
    """A chart with nothing to draw says so in its middle instead of showing bare axes."""
    if has_data:
        return option
    option["graphic"] = {
        "type": "text",
        "left": "center",
        "top": "middle",
        "style": {"text": _("ยังไม่มีข้อมูลสำหรับแผนภูมินี้"), "fontSize": 14, "fontFamily": FONT, "fill": "#5a6473"},
    }
    for axis in ("xAxis", "yAxis"):
        option[axis]["show"] = False
    return option


def category_axis(categories: list[str], *, may_lie: bool = True) -> tuple[dict[str, Any], bool]:
    """The category axis and whether the bars lie horizontally: long names on the side, wrapped to a
    width; many or long ones on a time axis at an angle, cut to a width; none ever drawn over
    another (hideOverlap)."""
    long_names = any(len(c) > LONG_LABEL for c in categories)
    horizontal = may_lie and long_names
    label: dict[str, Any] = {"interval": 0, "fontFamily": FONT, "hideOverlap": True}
    if horizontal:
        # Wrapped onto more lines at the spaces Thai does have; charts.js widens it on wide screens.
        label.update({"width": LABEL_WIDTH, "overflow": "break", "lineHeight": 14})
        return {"type": "category", "data": categories, "inverse": True, "axisLabel": label}, True
    if len(categories) > MANY_CATEGORIES or long_names:
        label.update({"rotate": 45, "width": LABEL_WIDTH, "overflow": "truncate"})
    return {"type": "category", "data": categories, "axisLabel": label}, False


def _base(title: str, description: str) -> dict[str, Any]:
    return {
        "aria": {"enabled": True, "label": {"description": description}},
        "textStyle": {"fontFamily": FONT},
        "title": {"text": title, "left": "center", "textStyle": {"fontSize": 15, "fontFamily": FONT}},
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 12, "right": 24, "top": 56, "bottom": 56, "containLabel": True},
        "animation": False,
    }


def bar(
    title: str,
    description: str,
    categories: list[str],
    series: dict[str, list[int | float]],
    *,
    stacked: bool = False,
    colours: list[str] | None = None,
) -> dict[str, Any]:
    option = _base(title, description)
    option["color"] = colours or BAND_PALETTE
    option["legend"] = {"bottom": 0, "textStyle": {"fontFamily": FONT}}
    category, horizontal = category_axis(categories)
    value = {"type": "value", "minInterval": 1}
    option["xAxis"], option["yAxis"] = (value, category) if horizontal else (category, value)
    option["series"] = [
        {"name": name, "type": "bar", "data": values, **({"stack": "all"} if stacked else {})}
        for name, values in series.items()
    ]
    return _empty(option, any(v for values in series.values() for v in values))


def line(title: str, description: str, categories: list[str], series: dict[str, list[float | None]]) -> dict[str, Any]:
    option = _base(title, description)
    option["color"] = BAND_PALETTE
    option["legend"] = {"bottom": 0, "textStyle": {"fontFamily": FONT}}
    option["xAxis"], _ = category_axis(categories, may_lie=False)
    option["yAxis"] = {"type": "value", "min": 0, "max": 100}
    option["series"] = [
        {"name": name, "type": "line", "data": values, "connectNulls": False, "symbolSize": 8}
        for name, values in series.items()
    ]
    return _empty(option, any(v is not None for values in series.values() for v in values))


def as_number(value: Decimal | int | None) -> float | None:
    return None if value is None else float(value)
