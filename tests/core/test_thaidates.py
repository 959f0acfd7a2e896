import datetime as dt

import pytest

from govkpi.core.thaidates import (
    fiscal_year_bounds,
    fiscal_year_of,
    format_date,
    parse_thai_date,
)


def test_dates_are_shown_in_the_buddhist_era_with_thai_month_abbreviations() -> None:
    assert format_date(dt.date(2022, 7, 4)) == "4 ก.ค. 2565"
    assert format_date(dt.date(2021, 10, 1)) == "1 ต.ค. 2564"


def test_long_dates_spell_the_month_out() -> None:
    assert format_date(dt.date(2022, 9, 22), long=True) == "22 กันยายน 2565"


def test_english_dates_keep_the_christian_era() -> None:
    assert format_date(dt.date(2022, 7, 4), lang="en") == "4 Jul 2022"


def test_fiscal_year_2566_runs_from_october_2022_to_september_2023() -> None:
    assert fiscal_year_bounds(2566) == (dt.date(2022, 10, 1), dt.date(2023, 9, 30))
    assert fiscal_year_of(dt.date(2022, 10, 1)) == 2566
    assert fiscal_year_of(dt.date(2022, 9, 30)) == 2565


@pytest.mark.parametrize(
    "text",
    ["4/7/2565", "4 ก.ค. 2565", "4 กรกฎาคม 2565", "2022-07-04", "04-07-2565", "2565-07-04"],
)
def test_thai_date_input_accepts_buddhist_era_years(text: str) -> None:
    assert parse_thai_date(text) == dt.date(2022, 7, 4)


@pytest.mark.parametrize("text", ["31/2/2565", "hello", "4/13/2565", ""])
def test_a_date_that_does_not_exist_is_refused_with_a_thai_message(text: str) -> None:
    with pytest.raises(ValueError, match="วันที่"):
        parse_thai_date(text)
