"""What scoring returns: each KPI's points and contribution, each component's score, the total."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from govkpi.scoring.bands import round_total
from govkpi.scoring.explain import Explanation


@dataclass(frozen=True, slots=True)
class KpiScore:
    """One KPI's points on the ladder and its weighted contribution (points × weight / 100).

    `counted` is False for monitor KPIs, whose `weighted` is always 0 so that adding up the
    `weighted` column gives the total. `missing` says no result was reported."""

    code: str
    points: Decimal
    weighted: Decimal
    counted: bool
    missing: bool
    explanation: Explanation


@dataclass(frozen=True, slots=True)
class ComponentScore:
    """A component's score: the sum of its counted KPIs' weighted scores (at most its weight)."""

    code: str
    weight: Decimal
    score: Decimal


@dataclass(frozen=True, slots=True)
class ScoreResult:
    """A scored scorecard. `total` is exact; `published_total` is what is shown and banded.

    `band` is None in a monitoring-only year (FY2564), where results are reported, never banded."""

    total: Decimal
    band: str | None
    monitoring_only: bool
    components: tuple[ComponentScore, ...]
    kpis: tuple[KpiScore, ...]

    @property
    def published_total(self) -> Decimal:
        return round_total(self.total)

    def kpi(self, code: str) -> KpiScore | None:
        for kpi in self.kpis:
            if kpi.code == code:
                return kpi
        return None
