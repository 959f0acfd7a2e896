"""Points on the target ladder: below, between, on and beyond the targets, in both directions."""

from decimal import Decimal as D

import pytest

from govkpi.scoring import DEFAULT_FRAMEWORK, Framework, TargetLevel, points_for
from govkpi.scoring.models import Direction

LADDER = DEFAULT_FRAMEWORK.target_levels  # ขั้นต้น 50, มาตรฐาน 75, ขั้นสูง 100


def points(result: str, targets: tuple[int, ...], direction: Direction = "higher_is_better") -> D:
    return points_for(D(result), [D(t) for t in targets], LADDER, D(0), direction)


def test_a_result_between_standard_and_advanced_interpolates_points() -> None:
    assert points("87.5", (80, 85, 90)) == D("87.5")


def test_a_result_between_basic_and_standard_interpolates_points() -> None:
    assert points("82", (80, 85, 90)) == D(60)


def test_a_result_below_the_lowest_target_earns_below_lowest_points() -> None:
    assert points("79.99", (80, 85, 90)) == D(0)


def test_below_lowest_points_comes_from_the_framework() -> None:
    assert points_for(D(1), [D(2), D(3), D(4)], LADDER, D(10), "higher_is_better") == D(10)


def test_a_result_exactly_on_each_target_earns_that_levels_points() -> None:
    assert [points(r, (80, 85, 90)) for r in ("80", "85", "90")] == [D(50), D(75), D(100)]


def test_a_result_beyond_the_top_target_earns_no_more_than_top_points() -> None:
    assert points("1000", (80, 85, 90)) == D(100)


def test_a_lower_is_better_result_between_targets_mirrors_the_interpolation() -> None:
    assert points("12", (20, 15, 10), "lower_is_better") == D(90)


def test_a_lower_is_better_result_above_the_lowest_target_scores_below_lowest_points() -> None:
    assert points("21", (20, 15, 10), "lower_is_better") == D(0)


def test_a_lower_is_better_result_at_or_below_the_top_target_earns_top_points() -> None:
    assert points("10", (20, 15, 10), "lower_is_better") == D(100)
    assert points("0", (20, 15, 10), "lower_is_better") == D(100)


def test_a_milestone_kpi_scores_its_step_numbers_the_same_way() -> None:
    assert points("4", (3, 4, 5)) == D(75)
    assert points("4.5", (3, 4, 5)) == D("87.5")
    assert points("2", (3, 4, 5)) == D(0)


def test_interpolation_is_exact_when_the_quotient_terminates() -> None:
    assert points("86.2", (80, 85, 90)) == D(81)


def test_interpolation_that_does_not_terminate_keeps_34_significant_digits() -> None:
    value = points_for(D(64), [D(60), D(63), D(66)], LADDER, D(0), "higher_is_better")
    assert value == D("83.33333333333333333333333333333333")


def test_a_ladder_with_70_for_the_middle_level_interpolates_on_its_own_points() -> None:
    ladder = (TargetLevel("ขั้นต้น", D(50)), TargetLevel("มาตรฐาน", D(70)), TargetLevel("ขั้นสูง", D(100)))
    assert points_for(D("87.5"), [D(80), D(85), D(90)], ladder, D(0), "higher_is_better") == D(85)


def test_a_single_level_ladder_is_all_or_nothing() -> None:
    ladder = (TargetLevel("ผ่าน", D(100)),)
    assert points_for(D(9), [D(10)], ladder, D(0), "higher_is_better") == D(0)
    assert points_for(D(10), [D(10)], ladder, D(0), "higher_is_better") == D(100)


@pytest.mark.parametrize(
    ("result", "expected"),
    [("0", "0"), ("1", "20"), ("1.5", "30"), ("2", "40"), ("3", "70"), ("4", "100"), ("9", "100")],
)
def test_a_four_level_ladder_interpolates_between_each_pair_of_levels(result: str, expected: str) -> None:
    framework = Framework(
        target_levels=tuple(TargetLevel(n, D(p)) for n, p in (("1", 20), ("2", 40), ("3", 70), ("4", 100))),
        components=DEFAULT_FRAMEWORK.components,
        bands=DEFAULT_FRAMEWORK.bands,
    )
    got = points_for(D(result), [D(1), D(2), D(3), D(4)], framework.target_levels, D(0), "higher_is_better")
    assert got == D(expected)


def test_points_do_not_depend_on_the_callers_decimal_context() -> None:
    import decimal

    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_DOWN
        value = points("86.2", (80, 85, 90))
        third = points_for(D(64), [D(60), D(63), D(66)], LADDER, D(0), "higher_is_better")
    assert value == D(81)
    assert third == D("83.33333333333333333333333333333333")
