"""Early warning: the year-end value, points and band an organisation is heading for, from what it
reported at 6 or 9 months and how the same KPI moved in earlier years. Pure, no Django.

The method (docs/forecast.md, in Thai there):

1. A KPI's *trajectory* in a past year is how its 12-month value relates to its value at the same
   round: the ratio 12-month / m-month when both are positive, else the increment 12-month − m-month.
2. The trajectories used are the KPI's own lineage (the same KPI in earlier years) when it has at
   least `MIN_HISTORY` of them; else those of similar KPIs (the same Basket KPI, else every KPI of
   the group) when they have; else a fallback that says it knows nothing: from "the value stays
   where it is" (ratio 1) to "the value grows in proportion to the time left" (ratio 12/m).
3. Nine scenarios: the 10th, 20th … 90th percentile of those trajectories applied to this year's
   reported value, ordered from the worst year-end to the best (reversed for lower-is-better KPIs). The 50th is the forecast, the 10th and 90th the range. A KPI not reported at
   the round gets nine values spread evenly from one step below its lowest target to its top
   target: anything may happen.
4. Each scenario's values are scored by the ordinary engine (`scoring.score`), so a scenario's
   total and band are exactly what those year-end results would earn. The organisation's forecast
   is the middle scenario; the range is the 10th and 90th; "the share of the band" is how many of
   the nine scenarios land in each band (a rough likelihood, not a probability).

Points are monotone in the value on a ladder, and scenario k is the k-th worst of every KPI at
once, so the totals are ordered: low ≤ forecast ≤ high always.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal

from govkpi.scoring.arith import CTX, ZERO
from govkpi.scoring.bands import band_for, round_total
from govkpi.scoring.engine import score
from govkpi.scoring.ladder import points_for
from govkpi.scoring.models import Framework, KpiInput, Scorecard
from govkpi.scoring.status import standard_points

#: The percentiles of the scenarios: index 4 is the forecast, 0 and 8 the range.
QUANTILES: tuple[Decimal, ...] = tuple(Decimal(k) / 10 for k in range(1, 10))
MIDDLE, LOW, HIGH = 4, 0, len(QUANTILES) - 1
#: Fewer past trajectories than this and the next source is used.
MIN_HISTORY = 3

Method = Literal["ratio", "increment", "fallback", "missing"]
Source = Literal["lineage", "similar", "none"]


@dataclass(frozen=True, slots=True)
class Trajectory:
    """One past year of a KPI: its value at the round (6 or 9 months) and at 12 months."""

    at_round: Decimal
    year_end: Decimal


@dataclass(frozen=True, slots=True)
class KpiForecast:
    """One KPI's nine scenario values, from the worst year-end to the best, and what they earn
    (the middle one is the median trajectory's, whatever the direction)."""

    code: str
    reported: Decimal | None
    method: Method
    source: Source
    history: int
    values: tuple[Decimal, ...]
    points: tuple[Decimal, ...]

    @property
    def value(self) -> Decimal:
        return self.values[MIDDLE]

    @property
    def value_range(self) -> tuple[Decimal, Decimal]:
        low, high = self.values[LOW], self.values[HIGH]
        return (low, high) if low <= high else (high, low)

    @property
    def forecast_points(self) -> Decimal:
        return self.points[MIDDLE]

    @property
    def points_low(self) -> Decimal:
        return min(self.points)

    @property
    def points_high(self) -> Decimal:
        return max(self.points)


@dataclass(frozen=True, slots=True)
class OrganisationForecast:
    """An organisation's forecast year-end total and band, with the nine scenario totals."""

    kpis: tuple[KpiForecast, ...]
    totals: tuple[Decimal, ...]
    bands: tuple[str | None, ...]
    standard_min: Decimal | None

    @property
    def total(self) -> Decimal:
        return round_total(self.totals[MIDDLE])

    @property
    def low(self) -> Decimal:
        return round_total(self.totals[LOW])

    @property
    def high(self) -> Decimal:
        return round_total(self.totals[HIGH])

    @property
    def band(self) -> str | None:
        return self.bands[MIDDLE]

    @property
    def band_low(self) -> str | None:
        return self.bands[LOW]

    @property
    def band_high(self) -> str | None:
        return self.bands[HIGH]

    @property
    def crosses_boundary(self) -> bool:
        """The range spans more than one band: the year-end band is not settled yet."""
        return self.band_low != self.band_high

    @property
    def below_standard(self) -> bool:
        """The forecast total is below the band an organisation reaches with every KPI on its
        standard target."""
        return self.standard_min is not None and self.total < self.standard_min

    @property
    def at_risk(self) -> bool:
        return self.below_standard or self.crosses_boundary

    def band_shares(self) -> dict[str | None, Decimal]:
        """How many of the scenarios land in each band, as a share (0–1) of them all."""
        shares: dict[str | None, Decimal] = {}
        for band in self.bands:
            shares[band] = shares.get(band, ZERO) + 1
        n = Decimal(len(self.bands))
        return {band: CTX.divide(count, n) for band, count in shares.items()}

    @property
    def band_share(self) -> Decimal:
        """The share of the scenarios landing in the forecast band."""
        return self.band_shares()[self.band]


# ---------------------------------------------------------------- percentiles


def percentile(ordered: Sequence[Decimal], q: Decimal) -> Decimal:
    """The q-th percentile (0–1) of sorted values, interpolating between neighbours."""
    if not ordered:
        raise ValueError("no values")
    position = CTX.multiply(q, Decimal(len(ordered) - 1))
    below = int(position)
    if below >= len(ordered) - 1:
        return ordered[-1]
    fraction = CTX.subtract(position, Decimal(below))
    gap = CTX.subtract(ordered[below + 1], ordered[below])
    return CTX.add(ordered[below], CTX.multiply(gap, fraction))


def standard_band_min(framework: Framework) -> Decimal | None:
    """The minimum of the band an organisation reaches when every KPI is on its standard rung
    (its total is then the standard points): "ระดับมาตรฐาน" on the default framework."""
    if framework.monitoring_only or not framework.bands:
        return None
    name = band_for(standard_points(framework), framework.bands)
    return next((b.min_score for b in framework.bands if b.name == name), None)


# ---------------------------------------------------------------- one KPI


def trajectory_steps(history: Sequence[Trajectory], *, ratio: bool) -> list[Decimal]:
    """The sorted ratios (12-month / at round) or increments (12-month − at round) of the past."""
    if ratio:
        return sorted(CTX.divide(t.year_end, t.at_round) for t in history)
    return sorted(CTX.subtract(t.year_end, t.at_round) for t in history)


def choose_history(lineage: Sequence[Trajectory], similar: Sequence[Trajectory]) -> tuple[Source, Sequence[Trajectory]]:
    if len(lineage) >= MIN_HISTORY:
        return "lineage", lineage
    if len(similar) >= MIN_HISTORY:
        return "similar", similar
    return "none", ()


def forecast_kpi(
    kpi: KpiInput,
    framework: Framework,
    *,
    months: int,
    lineage: Sequence[Trajectory] = (),
    similar: Sequence[Trajectory] = (),
) -> KpiForecast:
    """Forecast one KPI's year-end value from `kpi.result`, its value reported at `months`."""
    reported = kpi.result
    if reported is None:
        values = _spread_over_ladder(kpi)
        return _forecast(kpi, framework, reported, "missing", "none", 0, values)
    source, history = choose_history(lineage, similar)
    if not history:
        # Knowing nothing of the past: somewhere between staying put and growing with the time left.
        top = CTX.divide(Decimal(12), Decimal(months)) if months else Decimal(1)
        ratios = [Decimal(1), top]
        values = tuple(CTX.multiply(reported, percentile(ratios, q)) for q in QUANTILES)
        return _forecast(kpi, framework, reported, "fallback", "none", 0, values)
    ratio = reported > 0 and all(t.at_round > 0 for t in history)
    steps = trajectory_steps(history, ratio=ratio)
    if ratio:
        values = tuple(CTX.multiply(reported, percentile(steps, q)) for q in QUANTILES)
    else:
        values = tuple(CTX.add(reported, percentile(steps, q)) for q in QUANTILES)
    method: Method = "ratio" if ratio else "increment"
    return _forecast(kpi, framework, reported, method, source, len(history), values)


def _spread_over_ladder(kpi: KpiInput) -> tuple[Decimal, ...]:
    """Nine values from one ladder step short of the lowest target to the top target (targets
    descend for lower-is-better KPIs, and the signed step follows them)."""
    first, last = kpi.targets[0], kpi.targets[-1]
    steps = max(len(kpi.targets) - 1, 1)
    step = CTX.divide(CTX.subtract(last, first), Decimal(steps)) if len(kpi.targets) > 1 else Decimal(1)
    start = CTX.subtract(first, step)
    span = CTX.subtract(last, start)
    n = Decimal(len(QUANTILES) - 1)
    return tuple(CTX.add(start, CTX.divide(CTX.multiply(span, Decimal(i)), n)) for i in range(len(QUANTILES)))


def _forecast(
    kpi: KpiInput,
    framework: Framework,
    reported: Decimal | None,
    method: Method,
    source: Source,
    history: int,
    values: tuple[Decimal, ...],
) -> KpiForecast:
    if kpi.direction == "lower_is_better" and method != "missing":
        # Scenarios run from the worst year-end to the best: for this KPI, from the highest value.
        values = values[::-1]
    points = tuple(
        points_for(v, kpi.targets, framework.target_levels, framework.below_lowest_points, kpi.direction)
        for v in values
    )
    return KpiForecast(kpi.code, reported, method, source, history, values, points)


# ---------------------------------------------------------------- one organisation


def forecast_scorecard(
    scorecard: Scorecard,
    *,
    months: int,
    lineage: Mapping[str, Sequence[Trajectory]] | None = None,
    similar: Mapping[str, Sequence[Trajectory]] | None = None,
) -> OrganisationForecast:
    """Forecast an organisation's year-end total and band from its scorecard at `months` (each
    KPI's `result` is the value reported then). Histories are keyed by KPI code.

    Raises ScorecardInvalid, like `scoring.score`, when the scorecard breaks a rule."""
    lineage = lineage or {}
    similar = similar or {}
    framework = scorecard.framework
    kpis = tuple(
        forecast_kpi(
            kpi,
            framework,
            months=months,
            lineage=lineage.get(kpi.code, ()),
            similar=similar.get(kpi.code, ()),
        )
        for kpi in scorecard.kpis
    )
    totals: list[Decimal] = []
    bands: list[str | None] = []
    for i in range(len(QUANTILES)):
        variant = Scorecard(
            framework=framework,
            kpis=tuple(replace(kpi, result=f.values[i]) for kpi, f in zip(scorecard.kpis, kpis, strict=True)),
        )
        scored = score(variant)
        totals.append(scored.total)
        bands.append(scored.band)
    return OrganisationForecast(kpis, tuple(totals), tuple(bands), standard_band_min(framework))


# ---------------------------------------------------------------- calibration


@dataclass(frozen=True, slots=True)
class Outcome:
    """A forecast made at a round, and what the organisation's year actually ended with."""

    forecast: OrganisationForecast
    total: Decimal
    band: str | None


@dataclass(frozen=True, slots=True)
class Calibration:
    """How good the forecasts of one round were, against the year-end outcomes."""

    organisations: int
    band_right: int
    covered: int
    absolute_error: Decimal

    @property
    def band_share(self) -> Decimal | None:
        """The share of organisations whose year-end band the forecast got right."""
        return CTX.divide(Decimal(self.band_right), Decimal(self.organisations)) if self.organisations else None

    @property
    def coverage(self) -> Decimal | None:
        """The share of organisations whose year-end total fell inside the forecast range."""
        return CTX.divide(Decimal(self.covered), Decimal(self.organisations)) if self.organisations else None

    @property
    def mean_absolute_error(self) -> Decimal | None:
        """How far, on average, the forecast total was from the year-end total (points)."""
        return CTX.divide(self.absolute_error, Decimal(self.organisations)) if self.organisations else None


def calibrate(outcomes: Sequence[Outcome]) -> Calibration:
    right = covered = 0
    error = ZERO
    for outcome in outcomes:
        forecast, actual = outcome.forecast, round_total(outcome.total)
        right += forecast.band == outcome.band
        covered += forecast.low <= actual <= forecast.high
        error = CTX.add(error, abs(CTX.subtract(forecast.total, actual)))
    return Calibration(len(outcomes), right, covered, error)
