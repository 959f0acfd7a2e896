"""How ambitious a target is: the one rule for "less ambitious than" and "the standard target".

The standard target (มาตรฐาน) is the middle rung of any ladder, the level an organisation commits
to (75 points of 50/75/100); `scoring.status.standard_points` reads the same rung's points. A
target is less ambitious than a reference (a plan's target, last year's actual) when it is below
it, or above it for a lower-is-better KPI. The committee summary's "targets below plan", the
alignment analysis, the Excel import's reason check and the review's target quality flags all
read these functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

LOWER_IS_BETTER = "lower_is_better"


def standard_index(levels: int) -> int:
    """Index of the standard rung in a ladder of `levels` rungs (lowest first)."""
    return levels // 2


def standard_target(targets: Sequence[Decimal]) -> Decimal | None:
    return targets[standard_index(len(targets))] if targets else None


def less_ambitious(target: Decimal, reference: Decimal, direction: str) -> bool:
    """True when `target` asks for less than `reference` in the KPI's direction."""
    return target > reference if direction == LOWER_IS_BETTER else target < reference


def below_plan(targets: Sequence[Decimal], plan: Decimal | None, direction: str) -> bool:
    """The standard target is less ambitious than the national plan's target."""
    standard = standard_target(targets)
    return standard is not None and plan is not None and less_ambitious(standard, plan, direction)
