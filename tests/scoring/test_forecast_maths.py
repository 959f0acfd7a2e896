"""The year-end forecast from a 6- or 9-month value: hand-checked cases and properties."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from govkpi.scoring import DEFAULT_FRAMEWORK, KpiInput, Scorecard
from govkpi.scoring.forecast import (
    MIN_HISTORY,
    Outcome,
    Trajectory,
    calibrate,
    forecast_kpi,
    forecast_scorecard,
    percentile,
    standard_band_min,
)

D = Decimal


def kpi(code: str = "K1", result: str | None = "40", targets: tuple[int, ...] = (70, 80, 90), **kw: object) -> KpiInput:
    return KpiInput(
        code=code,
        component=kw.pop("component", "performance"),  # type: ignore[arg-type]
        weight=kw.pop("weight", D(70)),  # type: ignore[arg-type]
        targets=tuple(D(t) for t in targets),
        result=None if result is None else D(result),
        **kw,  # type: ignore[arg-type]
    )


def card(a: str | None, b: str | None, *, targets: tuple[int, ...] = (70, 80, 90), **kw: object) -> Scorecard:
    """A valid scorecard: A weighs 70 (three performance KPIs reporting alike), B 30 (two potential)."""
    perf = [kpi(f"A{i}", a, targets, weight=w, **kw) for i, w in enumerate((D(30), D(20), D(20)))]
    pot = [kpi(f"B{i}", b, targets, component="potential", weight=D(15), **kw) for i in range(2)]
    return Scorecard(DEFAULT_FRAMEWORK, (*perf, *pot))


def every(codes: str, history: list[Trajectory]) -> dict[str, list[Trajectory]]:
    return {f"{c}{i}": history for c in codes for i in range(3)}


def doubling(n: int = 5) -> list[Trajectory]:
    return [Trajectory(D(40), D(80))] * n


def test_percentiles_interpolate_between_neighbours() -> None:
    values = [D(1), D(2), D(3), D(4), D(5)]
    assert percentile(values, D("0.5")) == D(3)
    assert percentile(values, D("0.1")) == D("1.4")
    assert percentile(values, D("0.9")) == D("4.6")
    assert percentile([D(7)], D("0.9")) == D(7)


def test_a_kpi_that_always_doubled_in_the_second_half_is_forecast_to_double() -> None:
    f = forecast_kpi(kpi(result="42"), DEFAULT_FRAMEWORK, months=6, lineage=doubling())
    assert (f.method, f.source, f.history) == ("ratio", "lineage", 5)
    assert f.value == D(84)
    # 84 lies between the standard target 80 (75 points) and the top 90 (100 points): 75 + 4/10 × 25
    assert f.forecast_points == D(85)
    assert f.points_low == f.points_high == D(85)


def test_the_range_is_the_10th_to_90th_percentile_of_the_past_ratios() -> None:
    history = [Trajectory(D(50), D(50 + 5 * k)) for k in range(5)]  # ratios 1, 1.1, 1.2, 1.3, 1.4
    f = forecast_kpi(kpi(result="70"), DEFAULT_FRAMEWORK, months=9, lineage=history)
    assert f.value == D(84)  # 70 × 1.2
    assert f.value_range == (D("72.8"), D("95.2"))  # 70 × 1.04 and 70 × 1.36


def test_too_little_lineage_history_uses_similar_kpis_then_a_fallback() -> None:
    few = doubling(MIN_HISTORY - 1)
    similar = [Trajectory(D(40), D(60))] * 4
    from_similar = forecast_kpi(kpi(result="40"), DEFAULT_FRAMEWORK, months=6, lineage=few, similar=similar)
    assert (from_similar.source, from_similar.value) == ("similar", D(60))
    nothing = forecast_kpi(kpi(result="40"), DEFAULT_FRAMEWORK, months=6, lineage=few)
    # No history: spread evenly between staying at 40 and doubling to 80 in the six months left.
    assert (nothing.method, nothing.value_range, nothing.value) == ("fallback", (D(44), D(76)), D(60))


def test_a_zero_value_at_the_round_forecasts_by_increment() -> None:
    history = [Trajectory(D(0), D(3)), Trajectory(D(1), D(5)), Trajectory(D(2), D(6))]
    f = forecast_kpi(kpi(result="0", targets=(2, 4, 6)), DEFAULT_FRAMEWORK, months=6, lineage=history)
    assert (f.method, f.value) == ("increment", D(4))


def test_a_kpi_not_reported_at_the_round_may_end_anywhere_on_its_ladder() -> None:
    f = forecast_kpi(kpi(result=None), DEFAULT_FRAMEWORK, months=6, lineage=doubling())
    assert f.method == "missing"
    assert f.values[0] == D(60) and f.values[-1] == D(90)  # one step below the lowest target, to the top
    assert (f.points_low, f.points_high) == (D(0), D(100))


def test_scenarios_of_a_lower_is_better_kpi_run_from_worst_to_best() -> None:
    history = [Trajectory(D(20), D(10 + k)) for k in range(5)]  # the value falls to a half or so
    f = forecast_kpi(
        kpi(result="20", targets=(12, 11, 10), direction="lower_is_better"),
        DEFAULT_FRAMEWORK,
        months=6,
        lineage=history,
    )
    assert f.values[0] > f.values[-1]
    assert list(f.points) == sorted(f.points)


def test_an_organisation_forecast_scores_each_scenario_with_the_engine() -> None:
    f = forecast_scorecard(card("42", "20"), months=6, lineage=every("AB", doubling()))
    # A reaches 84 (85 points × 70%), B reaches 40: below its lowest target, 0 points.
    assert f.total == D("59.50")
    assert f.band == "ระดับต้องปรับปรุง"
    assert f.below_standard and f.at_risk and not f.crosses_boundary
    assert f.band_share == D(1)


def test_a_range_across_a_band_boundary_is_at_risk_with_a_share_of_each_band() -> None:
    history = [Trajectory(D(50), D(50 + 10 * k)) for k in range(5)]  # ratios 1 to 1.8
    f = forecast_scorecard(card("50", "50"), months=6, lineage=every("AB", history))
    assert f.low < f.total < f.high
    assert f.crosses_boundary and f.at_risk
    shares = f.band_shares()
    assert sum(shares.values()) == 1 and len(shares) >= 2


def test_the_standard_band_is_the_one_every_standard_target_reaches() -> None:
    assert standard_band_min(DEFAULT_FRAMEWORK) == D(75)


def test_calibration_counts_right_bands_and_covered_outcomes() -> None:
    f = forecast_scorecard(card("42", "20"), months=6, lineage=every("AB", doubling()))
    result = calibrate([Outcome(f, D("59.5"), "ระดับต้องปรับปรุง"), Outcome(f, D("80"), "ระดับมาตรฐาน")])
    assert (result.organisations, result.band_right, result.covered) == (2, 1, 1)
    assert result.band_share == D("0.5") and result.coverage == D("0.5")
    assert result.mean_absolute_error == D("10.25")


values = st.decimals(min_value=D("0.01"), max_value=D(1000), places=2)
trajectories = st.lists(st.builds(Trajectory, values, values), min_size=0, max_size=8)


@settings(max_examples=150, deadline=None)
@given(
    reported=st.one_of(st.none(), st.decimals(min_value=D(-50), max_value=D(500), places=2)),
    history=trajectories,
    months=st.sampled_from([6, 9]),
    lower=st.booleans(),
)
def test_the_range_always_holds_the_forecast(
    reported: Decimal | None, history: list[Trajectory], months: int, lower: bool
) -> None:
    targets = (90, 80, 70) if lower else (70, 80, 90)
    direction = "lower_is_better" if lower else "higher_is_better"
    k = kpi(result=None if reported is None else str(reported), targets=targets, direction=direction)
    f = forecast_kpi(k, DEFAULT_FRAMEWORK, months=months, lineage=history)
    low, high = f.value_range
    assert low <= f.value <= high
    assert f.points_low <= f.forecast_points <= f.points_high
    assert list(f.points) == sorted(f.points)
    whole = card("50", "50")
    org_card = Scorecard(DEFAULT_FRAMEWORK, (replace(k, code="A0", weight=D(30)), *whole.kpis[1:]))
    org = forecast_scorecard(org_card, months=months, lineage={"A0": history})
    assert org.low <= org.total <= org.high
    assert sum(org.band_shares().values()) == 1
