"""What result a KPI still needs for its organisation to reach a band, everything else unchanged."""

from dataclasses import replace
from decimal import Decimal as D

import pytest

from govkpi.scoring import (
    DEFAULT_FRAMEWORK,
    KpiInput,
    Scorecard,
    ScorecardInvalid,
    result_needed_for_band,
    score,
)
from govkpi.scoring.models import Band, ComponentRule, Direction, Framework, TargetLevel

STANDARD = "ระดับมาตรฐาน"
QUALITY = "ระดับคุณภาพ"
IMPROVE = "ระดับต้องปรับปรุง"


def scorecard(
    k1_targets: tuple[str, ...] = ("80", "85", "90"),
    direction: Direction = "higher_is_better",
    others: str = "2",
    k1_weight: int = 20,
) -> Scorecard:
    """K1 (20% unless told) is solved for; K2–K5 all score the same on targets 1, 2, 3."""

    def other(code: str, component: str, weight: int) -> KpiInput:
        return KpiInput(code, component, D(weight), (D(1), D(2), D(3)), D(others))

    return Scorecard(
        DEFAULT_FRAMEWORK,
        (
            KpiInput("K1", "performance", D(k1_weight), tuple(D(t) for t in k1_targets), None, direction),
            other("K2", "performance", 45 - k1_weight),
            other("K3", "performance", 25),
            other("K4", "potential", 15),
            other("K5", "potential", 15),
        ),
    )


def total_with(card: Scorecard, result: D) -> D:
    kpis = (replace(card.kpis[0], result=result), *card.kpis[1:])
    return score(replace(card, kpis=kpis)).published_total


def test_it_inverts_the_interpolation_exactly() -> None:
    # Others give 60; the standard band needs 74.995 → 14.995 from K1 → 74.975 points.
    needed = result_needed_for_band(scorecard(("0", "100", "200")), "K1", STANDARD)
    assert needed == D("99.9")
    assert total_with(scorecard(("0", "100", "200")), D("99.9")) == D("75.00")
    assert total_with(scorecard(("0", "100", "200")), D("99.89")) == D("74.99")


def test_a_band_needing_exactly_a_levels_points_is_that_levels_target() -> None:
    # Others at the top give 80; the quality band needs 89.995 → 49.975 points: the basic target.
    assert result_needed_for_band(scorecard(others="3"), "K1", QUALITY) == D(80)


def test_a_band_out_of_reach_even_at_the_top_target_gives_none() -> None:
    assert result_needed_for_band(scorecard(others="1"), "K1", QUALITY) is None


def test_a_band_reached_whatever_the_result_gives_minus_infinity() -> None:
    needed = result_needed_for_band(scorecard(), "K1", IMPROVE)
    assert needed is not None and needed.is_infinite() and needed < 0


def test_for_a_lower_is_better_kpi_it_gives_the_highest_result_that_still_reaches() -> None:
    card = scorecard(("20", "15", "10"), "lower_is_better", others="3")
    needed = result_needed_for_band(card, "K1", QUALITY)
    assert needed == D(20)
    needed_top = result_needed_for_band(scorecard(("20", "15", "10"), "lower_is_better"), "K1", STANDARD)
    # Others give 60: 74.975 points, 0.999 of the way from the basic (20) to the standard (15) target.
    assert needed_top == D("15.005")
    assert total_with(scorecard(("20", "15", "10"), "lower_is_better"), D("15.005")) == D("75.00")
    assert total_with(scorecard(("20", "15", "10"), "lower_is_better"), D("15.006")) == D("74.99")


def test_for_a_lower_is_better_kpi_always_in_band_it_gives_plus_infinity() -> None:
    needed = result_needed_for_band(scorecard(("20", "15", "10"), "lower_is_better"), "K1", IMPROVE)
    assert needed == D("Infinity")


def test_an_answer_that_does_not_terminate_is_rounded_towards_the_band() -> None:
    # K1 weighs 15%: others give 63.75, so K1 needs 11.245 × 100 / 15 = 74.9666… points.
    card = scorecard(("0", "4", "8"), k1_weight=15)
    needed = result_needed_for_band(card, "K1", STANDARD)
    assert needed is not None and D("3.99466") < needed < D("3.99467")
    assert needed == D("3.994666666666666666666666666666667")
    assert total_with(card, needed) == D("75.00")
    assert total_with(card, needed - D("1E-20")) == D("74.99")


def test_a_monitor_kpi_never_reaches_anything() -> None:
    card = scorecard()
    monitor = KpiInput("M1", "performance", D(0), (D(1), D(2), D(3)), None, monitor=True)
    card = replace(card, kpis=(*card.kpis, monitor))
    assert result_needed_for_band(card, "M1", STANDARD) is None


def test_a_monitoring_only_year_has_no_band_to_reach() -> None:
    card = replace(scorecard(), framework=replace(DEFAULT_FRAMEWORK, monitoring_only=True))
    assert result_needed_for_band(card, "K1", STANDARD) is None


def test_an_unknown_kpi_or_band_is_a_lookup_error() -> None:
    with pytest.raises(LookupError):
        result_needed_for_band(scorecard(), "K9", STANDARD)
    with pytest.raises(LookupError):
        result_needed_for_band(scorecard(), "K1", "ระดับดีเด่น")


def test_an_invalid_scorecard_is_refused() -> None:
    card = replace(scorecard(), kpis=scorecard().kpis[:4])
    with pytest.raises(ScorecardInvalid):
        result_needed_for_band(card, "K1", STANDARD)


def test_a_tiny_weight_between_points_a_hair_apart_is_still_solved() -> None:
    # Found by hypothesis: 1.72% weight, the top two levels 0.11 points apart, lower is better.
    framework = Framework(
        target_levels=(TargetLevel("L0", D("0")), TargetLevel("L1", D("15.88")), TargetLevel("L2", D("15.99"))),
        components=(ComponentRule("C0", D("1.72"), 1, 1), ComponentRule("C1", D("98.28"), 1, 1)),
        bands=(Band("aimed", D("0.28")),),
    )
    kpis = (
        KpiInput("C0K0", "C0", D("1.72"), (D("0.02"), D("0.01"), D("0.00")), None, "lower_is_better"),
        KpiInput("C1K0", "C1", D("98.28"), (D("-0.01"), D("0.00"), D("0.01")), None),
    )

    needed = result_needed_for_band(Scorecard(framework, kpis), "C0K0", "aimed")

    assert needed is not None and D("0.0001") < needed < D("0.0002")
