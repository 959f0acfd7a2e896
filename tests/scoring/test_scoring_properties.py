"""Properties that hold for every valid scorecard, checked on generated ones."""

from dataclasses import replace
from decimal import Decimal as D

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from govkpi.scoring import (
    Band,
    ComponentRule,
    Framework,
    KpiInput,
    Scorecard,
    TargetLevel,
    points_for,
    result_needed_for_band,
    round_total,
    score,
    validate,
)
from govkpi.scoring.models import Direction

# No example database: the suite must not write outside its own files.
PROPERTY = settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

VALUES = st.decimals(min_value=-1000, max_value=1000, places=2)
POSITIVE_FACTORS = st.decimals(min_value=D("0.01"), max_value=1000, places=2)
DIRECTIONS: tuple[Direction, ...] = ("higher_is_better", "lower_is_better")


def parts_of(total: D, count: int) -> st.SearchStrategy[list[D]]:
    """`count` positive amounts with two decimals that add up exactly to `total`."""
    cents = int(total * 100)
    if count == 1:
        return st.just([total])
    cuts = st.lists(st.integers(1, cents - 1), min_size=count - 1, max_size=count - 1, unique=True)
    return cuts.map(lambda c: [D(b - a) / 100 for a, b in zip([0, *sorted(c)], [*sorted(c), cents], strict=True)])


@st.composite
def ladders(draw: st.DrawFn) -> tuple[tuple[TargetLevel, ...], D]:
    count = draw(st.integers(1, 4))
    points = sorted(draw(st.lists(st.decimals(0, 100, places=2), min_size=count, max_size=count, unique=True)))
    below = draw(st.decimals(0, points[0], places=2))
    return tuple(TargetLevel(f"L{i}", p) for i, p in enumerate(points)), below


@st.composite
def targets_for(draw: st.DrawFn, count: int, direction: Direction) -> tuple[D, ...]:
    values = sorted(draw(st.lists(VALUES, min_size=count, max_size=count, unique=True)))
    return tuple(values if direction == "higher_is_better" else reversed(values))


@st.composite
def results_near(draw: st.DrawFn, targets: tuple[D, ...]) -> D:
    """A result below, on, between or beyond the targets."""
    low, high = min(targets), max(targets)
    return draw(st.one_of(st.sampled_from(targets), st.decimals(low - 50, high + 50, places=3)))


@st.composite
def scorecards(draw: st.DrawFn, monitoring_only: bool | None = None) -> Scorecard:
    levels, below = draw(ladders())
    component_weights = draw(parts_of(D(100), draw(st.integers(1, 3))))
    band_mins = draw(st.lists(st.decimals(0, 100, places=3), min_size=1, max_size=4, unique=True))
    kpis: list[KpiInput] = []
    components = []
    for c, weight in enumerate(component_weights):
        count = draw(st.integers(1, min(4, int(weight * 100))))
        components.append(ComponentRule(f"C{c}", weight, count, count))
        monitors = draw(st.integers(0, 1))
        for k, kpi_weight in enumerate([*draw(parts_of(weight, count)), *[D(0)] * monitors]):
            direction = draw(st.sampled_from(DIRECTIONS))
            targets = draw(targets_for(len(levels), direction))
            result = draw(st.one_of(st.none(), results_near(targets)))
            monitor = k >= count
            kpis.append(KpiInput(f"C{c}K{k}", f"C{c}", kpi_weight, targets, result, direction, monitor))
    framework = Framework(
        levels,
        tuple(components),
        tuple(Band(f"B{m}", m) for m in band_mins),
        below,
        draw(st.booleans()) if monitoring_only is None else monitoring_only,
    )
    scorecard = Scorecard(framework, tuple(kpis))
    assert validate(scorecard) == []
    return scorecard


@st.composite
def kpi_on_a_ladder(draw: st.DrawFn) -> tuple[tuple[TargetLevel, ...], D, tuple[D, ...], Direction]:
    levels, below = draw(ladders())
    direction = draw(st.sampled_from(DIRECTIONS))
    return levels, below, draw(targets_for(len(levels), direction)), direction


@PROPERTY
@given(kpi_on_a_ladder(), st.lists(st.decimals(-1100, 1100, places=3), min_size=2, max_size=2))
def test_points_never_move_against_the_kpis_direction_as_the_result_rises(
    ladder: tuple[tuple[TargetLevel, ...], D, tuple[D, ...], Direction], results: list[D]
) -> None:
    levels, below, targets, direction = ladder
    low, high = sorted(results)
    at_low = points_for(low, targets, levels, below, direction)
    at_high = points_for(high, targets, levels, below, direction)
    if direction == "higher_is_better":
        assert at_low <= at_high
    else:
        assert at_low >= at_high


@PROPERTY
@given(kpi_on_a_ladder(), st.decimals(-1100, 1100, places=3))
def test_points_stay_between_below_lowest_points_and_the_top_levels(
    ladder: tuple[tuple[TargetLevel, ...], D, tuple[D, ...], Direction], result: D
) -> None:
    levels, below, targets, direction = ladder
    assert below <= points_for(result, targets, levels, below, direction) <= levels[-1].points


@PROPERTY
@given(scorecards())
def test_totals_stay_within_0_and_100(scorecard: Scorecard) -> None:
    result = score(scorecard)
    assert D(0) <= result.total <= D(100)
    for component, rule in zip(result.components, scorecard.framework.components, strict=True):
        assert D(0) <= component.score <= rule.weight


@PROPERTY
@given(scorecards(), st.data())
def test_monitor_kpis_never_change_the_total(scorecard: Scorecard, data: st.DataObject) -> None:
    before = score(scorecard)
    changed = tuple(
        replace(k, result=data.draw(st.one_of(st.none(), results_near(k.targets)))) if k.monitor else k
        for k in scorecard.kpis
    )
    without = tuple(k for k in scorecard.kpis if not k.monitor)
    for variant in (changed, without):
        after = score(replace(scorecard, kpis=variant))
        assert (after.total, after.band) == (before.total, before.band)


@PROPERTY
@given(kpi_on_a_ladder(), st.decimals(-1100, 1100, places=3), POSITIVE_FACTORS)
def test_scaling_a_kpis_targets_and_result_leaves_its_points_unchanged(
    ladder: tuple[tuple[TargetLevel, ...], D, tuple[D, ...], Direction], result: D, factor: D
) -> None:
    levels, below, targets, direction = ladder
    scaled = [t * factor for t in targets]
    assert points_for(result * factor, scaled, levels, below, direction) == points_for(
        result, targets, levels, below, direction
    )


@PROPERTY
@given(scorecards(), POSITIVE_FACTORS)
def test_a_scorecard_scaled_by_any_positive_factor_scores_and_bands_the_same(scorecard: Scorecard, factor: D) -> None:
    scaled = tuple(
        replace(
            k,
            targets=tuple(t * factor for t in k.targets),
            result=None if k.result is None else k.result * factor,
        )
        for k in scorecard.kpis
    )
    before, after = score(scorecard), score(replace(scorecard, kpis=scaled))
    assert (after.total, after.band) == (before.total, before.band)


def reaches_with(scorecard: Scorecard, kpi: KpiInput, result: D, band: Band) -> bool:
    kpis = tuple(replace(k, result=result) if k is kpi else k for k in scorecard.kpis)
    return round_total(score(replace(scorecard, kpis=kpis)).total) >= band.min_score


def assert_round_trip(scorecard: Scorecard, kpi: KpiInput, band: Band) -> D | None:
    higher = kpi.direction == "higher_is_better"
    needed = result_needed_for_band(scorecard, kpi.code, band.name)
    if needed is None:
        assert not reaches_with(scorecard, kpi, kpi.targets[-1], band)
        return None
    if needed.is_infinite():
        assert (needed < 0) == higher
        worst = kpi.targets[0] - 1000 if higher else kpi.targets[0] + 1000
        assert reaches_with(scorecard, kpi, worst, band)
        return needed
    assert reaches_with(scorecard, kpi, needed, band)
    # Slightly less favourable, yet far above the 34-digit rounding the answer may carry.
    nudge = max(abs(needed), D(1)) * D("1E-15")
    assert not reaches_with(scorecard, kpi, needed - nudge if higher else needed + nudge, band)
    return needed


@PROPERTY
@given(scorecards(monitoring_only=False), st.data())
def test_result_needed_for_band_round_trips_for_any_band(scorecard: Scorecard, data: st.DataObject) -> None:
    kpi = data.draw(st.sampled_from([k for k in scorecard.kpis if not k.monitor]))
    band = data.draw(st.sampled_from(scorecard.framework.bands))
    assert_round_trip(scorecard, kpi, band)


@PROPERTY
@given(scorecards(monitoring_only=False), st.data())
def test_result_needed_for_band_round_trips_in_the_interpolated_region(
    scorecard: Scorecard, data: st.DataObject
) -> None:
    # Aim the band at a total some result between the targets reaches, so the answer falls
    # on a sloping part of the ladder rather than at a target or out of reach.
    kpi = data.draw(st.sampled_from([k for k in scorecard.kpis if not k.monitor]))
    low, high = sorted((kpi.targets[0], kpi.targets[-1]))
    assume(low < high)
    probe = data.draw(st.decimals(low, high, places=4))
    kpis = tuple(replace(k, result=probe) if k is kpi else k for k in scorecard.kpis)
    aimed = round_total(score(replace(scorecard, kpis=kpis)).total)
    band = Band("aimed", aimed)
    framework = replace(scorecard.framework, bands=(band,))
    needed = assert_round_trip(replace(scorecard, framework=framework), kpi, band)
    assert needed is not None  # the probe itself reaches the band
