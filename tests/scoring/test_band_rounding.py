"""Bands are decided on the published total, rounded half-up to two decimals."""

from decimal import Decimal as D

from govkpi.scoring import DEFAULT_FRAMEWORK, Band, band_for, round_total

BANDS = DEFAULT_FRAMEWORK.bands  # ระดับคุณภาพ ≥90, ระดับมาตรฐาน ≥75, ระดับต้องปรับปรุง ≥0


def test_round_total_rounds_half_up_to_two_decimals() -> None:
    assert round_total(D("74.995")) == D("75.00")
    assert round_total(D("74.9949999")) == D("74.99")
    assert round_total(D("71.245")) == D("71.25")  # half-even would give 71.24


def test_a_total_of_74_995_is_published_as_75_00_and_reaches_the_standard_band() -> None:
    assert band_for(D("74.995"), BANDS) == "ระดับมาตรฐาน"


def test_a_total_just_under_the_rounding_edge_stays_in_the_band_below() -> None:
    assert band_for(D("74.9949"), BANDS) == "ระดับต้องปรับปรุง"


def test_each_band_starts_at_its_minimum() -> None:
    assert band_for(D(90), BANDS) == "ระดับคุณภาพ"
    assert band_for(D("89.99"), BANDS) == "ระดับมาตรฐาน"
    assert band_for(D(0), BANDS) == "ระดับต้องปรับปรุง"
    assert band_for(D(100), BANDS) == "ระดับคุณภาพ"


def test_bands_are_matched_highest_minimum_first_whatever_their_order() -> None:
    shuffled = (Band("ต่ำ", D(0)), Band("สูง", D(80)), Band("กลาง", D(50)))
    assert band_for(D(85), shuffled) == "สูง"
    assert band_for(D(60), shuffled) == "กลาง"


def test_a_total_below_every_band_has_no_band() -> None:
    assert band_for(D(10), (Band("ผ่าน", D(60)),)) is None
