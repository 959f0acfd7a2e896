"""Dashboards stay readable: no axis label drawn over another, an empty chart says so, band colours
that colour-blind readers and grey printers still tell apart, and the maps found from the menu."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

from govkpi.dashboards import charts
from govkpi.dashboards.scores import BAND_INK, BAND_PALETTE, BAND_SYMBOLS

APP_CSS = Path(__file__).resolve().parents[2] / "src/govkpi/web/static/govkpi/app.css"
KIND = "ส่วนราชการไม่สังกัดสำนักนายกรัฐมนตรี กระทรวง หรือทบวง"


def lightness(colour: str) -> float:
    """CIE L* of an sRGB colour: what is left of it on a grey printout."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    y = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    return 116 * y ** (1 / 3) - 16 if y > 0.008856 else 903.3 * y


def contrast(a: str, b: str) -> float:
    def lum(c: str) -> float:
        return ((lightness(c) + 16) / 116) ** 3

    high, low = sorted([lum(a), lum(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_long_thai_category_names_lie_on_horizontal_bars_wrapped_to_a_width() -> None:
    option = charts.bar("t", "d", [f"ส่วนราชการ · {KIND}", "จังหวัด · จังหวัด"], {"a": [1, 2]})

    assert option["yAxis"]["type"] == "category" and option["xAxis"]["type"] == "value"
    label = option["yAxis"]["axisLabel"]
    assert label["overflow"] == "break" and label["width"] <= 160 and label["hideOverlap"] is True


def test_many_short_labels_stand_at_an_angle_and_never_overlap() -> None:
    option = charts.bar("t", "d", [f"{n}-{n + 10}" for n in range(0, 100, 10)], {"n": [1] * 10})

    assert option["xAxis"]["type"] == "category"
    assert option["xAxis"]["axisLabel"]["rotate"] == 45 and option["xAxis"]["axisLabel"]["hideOverlap"] is True


def test_a_chart_without_data_says_so_instead_of_bare_axes() -> None:
    empty = charts.bar("t", "d", ["6 เดือน", "12 เดือน"], {"a": [0, 0]})
    no_scores = charts.line("t", "d", ["2565"], {"a": [None]})
    zero_is_data = charts.line("t", "d", ["2565"], {"a": [0.0]})

    assert empty["graphic"]["style"]["text"] == "ยังไม่มีข้อมูลสำหรับแผนภูมินี้"
    assert empty["xAxis"]["show"] is False and empty["yAxis"]["show"] is False
    assert "graphic" in no_scores
    assert "graphic" not in zero_is_data


def test_band_colours_differ_in_lightness_so_grey_print_separates_the_first_three() -> None:
    first_three = [lightness(c) for c in BAND_PALETTE[:3]]

    assert all(abs(a - b) >= 15 for i, a in enumerate(first_three) for b in first_three[i + 1 :])
    assert len(set(BAND_SYMBOLS)) == len(BAND_PALETTE)
    assert all(contrast(c, ink) >= 4.5 for c, ink in zip(BAND_PALETTE, BAND_INK, strict=True))


def test_the_css_band_variables_are_the_same_palette() -> None:
    css = APP_CSS.read_text("utf-8")

    for rank, (colour, ink) in enumerate(zip(BAND_PALETTE, BAND_INK, strict=True), start=1):
        assert re.search(rf"--band-{rank}:\s*{colour};", css, re.IGNORECASE)
        assert re.search(rf"--band-{rank}-ink:\s*{ink};", css, re.IGNORECASE)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "linked"), [("opdc_desk", True), ("moi_reviewer", True), ("cdd_coordinator", False)]
)
def test_the_staff_province_map_is_in_the_menu_of_those_who_may_see_it(
    client_as: object, persona: str, linked: bool
) -> None:
    client: Client = client_as(persona)  # type: ignore[operator]

    home = client.get("/").content.decode()

    assert ('data-testid="nav-province-map"' in home) is linked
    if linked:
        assert client.get("/dashboards/provinces/").status_code == 200
