"""The target ladder: where a result falls among a KPI's targets, and the points that earns.

Points are piecewise linear in the result: `below_lowest_points` short of the lowest target,
each level's points exactly on its target, a straight line between adjacent targets, and the
top level's points at or beyond the top target. `lower_is_better` KPIs mirror the comparisons
(their targets descend). Milestone KPIs (ระดับความสำเร็จ) are the same rule on step numbers.

These functions trust their inputs: `validation` has already checked one target per level,
strictly ordered, and numeric.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from govkpi.scoring.arith import CTX
from govkpi.scoring.explain import BelowLowest, Between, BeyondTop, OnTarget, Placement
from govkpi.scoring.models import Direction, TargetLevel


def place(
    result: Decimal,
    targets: Sequence[Decimal],
    levels: Sequence[TargetLevel],
    below_lowest_points: Decimal,
    direction: Direction,
) -> tuple[Decimal, Placement]:
    """The points `result` earns, and the explanation step saying why."""
    higher = direction == "higher_is_better"
    first = targets[0]
    if result < first if higher else result > first:
        return below_lowest_points, BelowLowest(result, levels[0].name, first, below_lowest_points, direction)

    last = len(targets) - 1
    top = targets[last]
    if result >= top if higher else result <= top:
        level = levels[last]
        if result == top:
            return level.points, OnTarget(result, level.name, top, level.points, direction)
        return level.points, BeyondTop(result, level.name, top, level.points, direction)

    for i in range(last):
        upper = targets[i + 1]
        if result < upper if higher else result > upper:
            lower = targets[i]
            low_level, high_level = levels[i], levels[i + 1]
            if result == lower:
                step_on = OnTarget(result, low_level.name, lower, low_level.points, direction)
                return low_level.points, step_on
            # Multiply before dividing: the one division is then the only possible rounding,
            # and it is exact whenever the quotient terminates.
            if higher:
                gap, width = CTX.subtract(result, lower), CTX.subtract(upper, lower)
            else:
                gap, width = CTX.subtract(lower, result), CTX.subtract(lower, upper)
            span = CTX.subtract(high_level.points, low_level.points)
            points = CTX.add(low_level.points, CTX.divide(CTX.multiply(gap, span), width))
            between = Between(
                result,
                low_level.name,
                lower,
                low_level.points,
                high_level.name,
                upper,
                high_level.points,
                points,
                direction,
            )
            return points, between
    raise AssertionError("targets are not ordered; validate before scoring")


def points_for(
    result: Decimal,
    targets: Sequence[Decimal],
    levels: Sequence[TargetLevel],
    below_lowest_points: Decimal,
    direction: Direction,
) -> Decimal:
    """The points `result` earns on the ladder (see the module docstring for the rule)."""
    return place(result, targets, levels, below_lowest_points, direction)[0]
