"""One way to write a number: each kind of figure has one rule, on pages, PDFs and Excel alike."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import engines

from govkpi.core import numbers


def test_targets_and_a_result_read_the_same_way_with_thousands_separators() -> None:
    assert numbers.format_values([Decimal("1800"), Decimal("1900"), Decimal("2000")]) == "1,800 / 1,900 / 2,000"
    assert numbers.format_value(Decimal("1920.0000")) == "1,920"


@pytest.mark.parametrize(
    ("stored", "shown"),
    [("79.2000", "79.2"), ("4.5", "4.5"), ("87.555", "87.555"), ("-0.5000", "-0.5"), ("1234567.25", "1,234,567.25")],
)
def test_a_kpi_value_is_shown_as_entered_never_rounded_nor_padded(stored: str, shown: str) -> None:
    assert numbers.format_value(Decimal(stored)) == shown


def test_points_have_at_most_four_places_like_the_scorecard_document() -> None:
    assert numbers.format_points(Decimal("87.5000")) == "87.5"
    assert numbers.format_points(Decimal("83.33333333")) == "83.3333"
    assert numbers.format_points(Decimal("100")) == "100"


def test_totals_and_percentages_always_have_two_decimals_rounded_half_up() -> None:
    assert numbers.format_total(Decimal("74.995")) == "75.00"
    assert numbers.format_total(Decimal("1234.5")) == "1,234.50"
    assert numbers.format_percent(Decimal("33.3333")) == "33.33"


def test_missing_figures_show_a_dash() -> None:
    assert [numbers.format_as(None, kind) for kind in numbers.FORMATTERS] == ["–"] * len(numbers.FORMATTERS)


def test_an_input_gets_back_what_the_user_typed_without_the_stored_padding() -> None:
    assert numbers.input_value(Decimal("79.2000")) == "79.2"
    assert numbers.input_value(Decimal("1800.0000")) == "1800"
    assert numbers.input_value(None) == ""


def test_the_template_filters_apply_the_same_rules() -> None:
    template = engines["django"].from_string(
        "{% load numbers %}{{ t|kpi_values:kpi }} | {{ v|kpi_value:kpi }} | {{ p|points }} | {{ total|total }}"
        ' | <input value="{{ v|input_value }}">'
    )
    html = template.render(
        {"t": ["1800", "1900", "2000"], "v": Decimal("1920.0000"), "kpi": None, "p": Decimal("87.50"), "total": 75}
    )
    assert html == '1,800 / 1,900 / 2,000 | 1,920 | 87.5 | 75.00 | <input value="1920">'


@pytest.mark.parametrize(
    ("value", "kind", "fmt"),
    [
        (Decimal("1920"), "value", "#,##0"),
        (Decimal("79.2000"), "value", "#,##0.0"),
        (Decimal("83.33333"), "points", "#,##0.0000"),
        (Decimal("75"), "total", "#,##0.00"),
        (12, "count", "#,##0"),
    ],
)
def test_excel_cells_stay_numbers_formatted_as_on_the_page(value: Decimal, kind: numbers.Kind, fmt: str) -> None:
    assert numbers.excel_format(value, kind) == fmt
