"""How one KPI is doing in a round, in three words: not reported, on target, at risk (or off track).

One rule for every reader: the Strategic KPI roll-up, the early-warning lists and the dashboards.
"On target" means the points reached the framework's standard rung (มาตรฐาน), the middle rung of
any ladder (75 of 50/75/100; 80 of 60/70/80/90/100). The organisation's own delivery confidence
can only make the word worse, never better: a KPI on its standard rung whose owner says it is off
track is off track.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from govkpi.scoring.ambition import standard_index
from govkpi.scoring.models import Framework


class KpiStatus(StrEnum):
    NOT_REPORTED = "not_reported"
    ON_TARGET = "on_target"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"


#: delivery confidence an organisation gives beside a reported value
ON_TRACK, AT_RISK, OFF_TRACK = "on_track", "at_risk", "off_track"


def standard_points(framework: Framework) -> Decimal:
    """The points of the ladder's middle rung (the standard target)."""
    levels = framework.target_levels
    return levels[standard_index(len(levels))].points if levels else Decimal(0)


def kpi_status(*, points: Decimal | None, framework: Framework, confidence: str = "") -> KpiStatus:
    if points is None:
        return KpiStatus.NOT_REPORTED
    if confidence == OFF_TRACK:
        return KpiStatus.OFF_TRACK
    if points < standard_points(framework) or confidence == AT_RISK:
        return KpiStatus.AT_RISK
    return KpiStatus.ON_TARGET
