"""A KPI's status in a round: reaching the standard rung is on target; the owner's confidence can
only make the word worse."""

from __future__ import annotations

from decimal import Decimal

from govkpi.scoring import DEFAULT_FRAMEWORK
from govkpi.scoring.models import Framework, TargetLevel
from govkpi.scoring.status import KpiStatus, kpi_status, standard_points

FIVE = Framework(
    target_levels=tuple(TargetLevel(name=str(p), points=Decimal(p)) for p in (60, 70, 80, 90, 100)),
    components=DEFAULT_FRAMEWORK.components,
    bands=DEFAULT_FRAMEWORK.bands,
)


def test_the_standard_rung_is_the_middle_of_any_ladder() -> None:
    assert standard_points(DEFAULT_FRAMEWORK) == Decimal(75)
    assert standard_points(FIVE) == Decimal(80)


def test_a_kpi_without_points_is_not_reported() -> None:
    assert kpi_status(points=None, framework=DEFAULT_FRAMEWORK) is KpiStatus.NOT_REPORTED


def test_points_below_the_standard_rung_are_at_risk_and_at_it_on_target() -> None:
    assert kpi_status(points=Decimal("74.99"), framework=DEFAULT_FRAMEWORK) is KpiStatus.AT_RISK
    assert kpi_status(points=Decimal(75), framework=DEFAULT_FRAMEWORK) is KpiStatus.ON_TARGET
    assert kpi_status(points=Decimal(75), framework=FIVE) is KpiStatus.AT_RISK


def test_the_owners_confidence_only_makes_the_status_worse() -> None:
    assert kpi_status(points=Decimal(100), framework=FIVE, confidence="off_track") is KpiStatus.OFF_TRACK
    assert kpi_status(points=Decimal(100), framework=FIVE, confidence="at_risk") is KpiStatus.AT_RISK
    assert kpi_status(points=Decimal(50), framework=FIVE, confidence="on_track") is KpiStatus.AT_RISK
