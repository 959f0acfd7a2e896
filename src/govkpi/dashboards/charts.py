"""ECharts options built on the server from the same rows as the tables under each chart.

The page embeds each option with json_script; static/dashboards/charts.js only draws it (the CSP
forbids inline scripts). Options hold plain data, never functions, and carry ECharts' aria
description so screen readers hear what the chart shows.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from govkpi.dashboards.scores import BAND_PALETTE

FONT = "Sarabun, sans-serif"


def _base(title: str, description: str) -> dict[str, Any]:
    return {
        "aria": {"enabled": True, "label": {"description": description}},
        "textStyle": {"fontFamily": FONT},
        "title": {"text": title, "left": "center", "textStyle": {"fontSize": 15, "fontFamily": FONT}},
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 48, "right": 24, "top": 56, "bottom": 56, "containLabel": True},
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
    option["xAxis"] = {"type": "category", "data": categories, "axisLabel": {"interval": 0, "fontFamily": FONT}}
    option["yAxis"] = {"type": "value", "minInterval": 1}
    option["series"] = [
        {"name": name, "type": "bar", "data": values, **({"stack": "all"} if stacked else {})}
        for name, values in series.items()
    ]
    return option


def line(title: str, description: str, categories: list[str], series: dict[str, list[float | None]]) -> dict[str, Any]:
    option = _base(title, description)
    option["color"] = BAND_PALETTE
    option["legend"] = {"bottom": 0, "textStyle": {"fontFamily": FONT}}
    option["xAxis"] = {"type": "category", "data": categories}
    option["yAxis"] = {"type": "value", "min": 0, "max": 100}
    option["series"] = [
        {"name": name, "type": "line", "data": values, "connectNulls": False, "symbolSize": 8}
        for name, values in series.items()
    ]
    return option


def as_number(value: Decimal | int | None) -> float | None:
    return None if value is None else float(value)
