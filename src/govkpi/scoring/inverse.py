"""What result a KPI still needs for the organisation to reach a band, others unchanged.

The total is piecewise linear and non-decreasing in a KPI's points, and points are piecewise
linear and monotone in the result, so the answer comes from inverting both exactly rather than
by searching. Every rounding in the inversion leans towards the band (a result that needs
86.666… is answered 86.666…7, never …6), and the answer is then checked by scoring it.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_CEILING, ROUND_FLOOR, Context, Decimal, DivisionByZero, InvalidOperation, Overflow

from govkpi.scoring.arith import CEILING, CTX, FLOOR, HUNDRED, PRECISION, tidy
from govkpi.scoring.bands import lowest_total_reaching, round_total
from govkpi.scoring.engine import score_unchecked
from govkpi.scoring.models import Band, KpiInput, Scorecard
from govkpi.scoring.problems import ScorecardInvalid
from govkpi.scoring.validation import validate

_INFINITY = Decimal("Infinity")
# The inversion chains several roundings; doing them with spare digits and rounding once at the
# end gives the exact answer rounded towards the band, instead of an ulp or two beyond it.
_WIDE = PRECISION * 2
_TRAPS = [InvalidOperation, DivisionByZero, Overflow]
_UP = Context(prec=_WIDE, rounding=ROUND_CEILING, traps=_TRAPS)
_DOWN = Context(prec=_WIDE, rounding=ROUND_FLOOR, traps=_TRAPS)
_MAX_NUDGES = 16
_MAX_BISECTIONS = 240  # halving a 34-digit interval down to its last digit


def result_needed_for_band(scorecard: Scorecard, kpi_code: str, band_name: str) -> Decimal | None:
    """The least favourable result on `kpi_code` whose total reaches `band_name` (or better).

    - None when even the top target cannot reach the band, for a monitor KPI (it never counts),
      and in a monitoring-only framework (nothing is banded).
    - Decimal('-Infinity') (or '+Infinity' for a lower-is-better KPI) when any result reaches
      the band, e.g. a band whose minimum is 0.
    - Otherwise a finite Decimal; where the exact answer does not terminate it is rounded
      towards the band at 34 significant digits, and callers round it for display (upwards for
      a higher-is-better KPI).

    Raises ScorecardInvalid for an invalid scorecard, LookupError for an unknown KPI or band.
    """
    problems = validate(scorecard)
    if problems:
        raise ScorecardInvalid(problems)
    index, kpi = _find_kpi(scorecard, kpi_code)
    band = _find_band(scorecard, band_name)
    if kpi.monitor or scorecard.framework.monitoring_only:
        return None

    def reaches(result: Decimal) -> bool:
        kpis = list(scorecard.kpis)
        kpis[index] = replace(kpi, result=result)
        total = score_unchecked(replace(scorecard, kpis=tuple(kpis))).total
        return round_total(total) >= band.min_score

    higher = kpi.direction == "higher_is_better"
    first, top = kpi.targets[0], kpi.targets[-1]
    candidate = _invert(_points_needed(scorecard, index, kpi, band), kpi, scorecard)

    if candidate is None:
        # Rounding can only have overstated the need by a hair: trust the forward check.
        return top if reaches(top) else None
    if candidate.is_infinite():
        beyond_first = CTX.subtract(first, 1) if higher else CTX.add(first, 1)
        if reaches(beyond_first):
            return candidate
        candidate = first

    # Scoring subtracts the result from a target at 34 significant digits, so digits of the
    # answer finer than the targets' scale allows are lost there. Keep only those the engine
    # can see (rounded towards the band), then step towards the band until the engine agrees.
    quantum = _resolution(candidate, *kpi.targets)
    candidate = candidate.quantize(quantum, rounding=ROUND_CEILING if higher else ROUND_FLOOR, context=_UP)
    for _ in range(_MAX_NUDGES):
        if reaches(candidate):
            return tidy(candidate)
        candidate = _UP.add(candidate, quantum) if higher else _DOWN.subtract(candidate, quantum)
    # Still short: the roundings of a long chain (tiny weights, points a hair apart) put the
    # answer more than a few quanta away. Bisect between it and the top target, which reaches.
    if not reaches(top):
        raise AssertionError(f"could not solve {kpi_code} for band {band_name}")
    short, enough = candidate, top
    for _ in range(_MAX_BISECTIONS):
        middle = CTX.divide(CTX.add(short, enough), 2)
        if middle in (short, enough):
            break
        if reaches(middle):
            enough = middle
        else:
            short = middle
    return tidy(enough)


def _resolution(*values: Decimal) -> Decimal:
    """The smallest step a 34-digit sum of these values can still tell apart."""
    largest = max((v.adjusted() for v in values if v), default=0)
    return Decimal(1).scaleb(largest - PRECISION + 1, CTX)


def _find_kpi(scorecard: Scorecard, code: str) -> tuple[int, KpiInput]:
    for index, kpi in enumerate(scorecard.kpis):
        if kpi.code == code:
            return index, kpi
    raise LookupError(f"no KPI {code!r} in the scorecard")


def _find_band(scorecard: Scorecard, name: str) -> Band:
    for band in scorecard.framework.bands:
        if band.name == name:
            return band
    raise LookupError(f"no band {name!r} in the framework")


def _points_needed(scorecard: Scorecard, index: int, kpi: KpiInput, band: Band) -> Decimal:
    """The least points on this KPI that bring the total up to the band's rounding threshold."""
    kpis = list(scorecard.kpis)
    kpis[index] = replace(kpi, result=None)  # a missing result contributes nothing
    others = score_unchecked(replace(scorecard, kpis=tuple(kpis))).total
    weighted = _UP.subtract(lowest_total_reaching(band.min_score), others)
    return _UP.divide(_UP.multiply(weighted, HUNDRED), kpi.weight)


def _invert(needed: Decimal, kpi: KpiInput, scorecard: Scorecard) -> Decimal | None:
    """The least favourable result whose points reach `needed`: the ladder read backwards."""
    framework = scorecard.framework
    levels, targets = framework.target_levels, kpi.targets
    higher = kpi.direction == "higher_is_better"
    if needed <= framework.below_lowest_points:
        return -_INFINITY if higher else _INFINITY
    if needed > levels[-1].points:
        return None
    if needed <= levels[0].points:
        return targets[0]  # points jump to the lowest level's on reaching its target
    for i in range(len(levels) - 1):
        low_points, high_points = levels[i].points, levels[i + 1].points
        if needed > high_points:
            continue
        lower, upper = targets[i], targets[i + 1]
        span = _UP.subtract(high_points, low_points)
        share = _UP.subtract(needed, low_points)
        if higher:
            step = _UP.divide(_UP.multiply(share, _UP.subtract(upper, lower)), span)
            return min(CEILING.plus(_UP.add(lower, step)), upper)
        step = _UP.divide(_UP.multiply(share, _UP.subtract(lower, upper)), span)
        return max(FLOOR.plus(_DOWN.subtract(lower, step)), upper)
    raise AssertionError("ladder points are not increasing; validate before solving")
