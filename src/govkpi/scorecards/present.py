"""A scored scorecard laid out for people: components, KPI rows with their ladders, totals,
the band, explanations, and (for the simulator) what result reaches the next band.

Shared by the scorecard page, its Excel download and the what-if simulator, so the three
always agree. Scoring never fails here: a scorecard that breaks a rule still shows each KPI
that can be scored on its own, with the problems listed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from govkpi import scoring
from govkpi.frameworks.models import Band, Component
from govkpi.scorecards.build import BuiltScorecard, ScorecardLine
from govkpi.scoring.arith import tidy

_DISPLAY = Decimal("0.0001")


@dataclass(frozen=True)
class Target:
    level: str
    level_en: str
    value: Decimal | None
    points: Decimal


@dataclass(frozen=True)
class NextBand:
    """The answer to "what result on this KPI reaches the next band?"."""

    kind: str  # "needs", "any", "none", "monitor"
    value: Decimal | None = None
    direction: str = "higher_is_better"


@dataclass(frozen=True)
class Row:
    line: ScorecardLine
    score: scoring.KpiScore | None
    targets: tuple[Target, ...]
    problems: tuple[scoring.Problem, ...]
    next_band: NextBand | None = None

    @property
    def code(self) -> str:
        return self.line.kpi.code

    @property
    def monitor(self) -> bool:
        return self.line.input.monitor

    @property
    def value(self) -> Decimal | None:
        return self.line.input.result

    @property
    def verified(self) -> bool:
        result = self.line.result
        return result is not None and result.verified_value is not None

    @property
    def reported(self) -> Decimal | None:
        result = self.line.result
        return None if result is None else result.value

    def explanation(self, lang: str = "th") -> str:
        if self.score is None:
            return " ".join(p.message_en if lang == "en" else p.message_th for p in self.problems)
        return self.score.explanation.text("en" if lang.startswith("en") else "th")

    @property
    def explanation_th(self) -> str:
        return self.explanation("th")

    @property
    def explanation_en(self) -> str:
        return self.explanation("en")


@dataclass(frozen=True)
class ComponentBlock:
    component: Component
    rows: tuple[Row, ...]
    score: Decimal | None


@dataclass(frozen=True)
class ScorecardView:
    card: BuiltScorecard
    result: scoring.ScoreResult | None
    problems: tuple[scoring.Problem, ...]
    components: tuple[ComponentBlock, ...]
    band: Band | None
    next_band: Band | None

    @property
    def total(self) -> Decimal | None:
        return None if self.result is None else self.result.published_total

    @property
    def monitoring_only(self) -> bool:
        return self.card.framework.monitoring_only

    @property
    def rows(self) -> list[Row]:
        return [row for block in self.components for row in block.rows]

    @property
    def scorecard_problems(self) -> list[scoring.Problem]:
        """Problems not tied to one KPI (a component's weights or count)."""
        return [p for p in self.problems if p.kpi is None]


def present(
    card: BuiltScorecard, results: Mapping[str, Decimal | None] | None = None, *, solve: bool = False
) -> ScorecardView:
    """Score the card (with `results` replacing stored ones, for the simulator) and lay it out.
    With `solve`, each counted KPI says what result would reach the next band."""
    scorecard = card.with_results(results or {})
    problems = tuple(scoring.validate(scorecard))
    result = None if problems else scoring.score(scorecard)
    levels = sorted(card.framework.target_levels.all(), key=lambda lv: lv.order)
    bands = sorted(card.framework.bands.all(), key=lambda b: b.min_score)
    band = next((b for b in bands if result is not None and b.name_th == result.band), None)
    next_band = None
    if result is not None and not card.framework.monitoring_only:
        next_band = next((b for b in bands if b.min_score > result.published_total), None)
    blocks = []
    components = sorted(card.framework.components.all(), key=lambda c: c.order)
    for component in components:
        rows = []
        for line, kpi in zip(card.lines, scorecard.kpis, strict=True):
            if line.component.code != component.code:
                continue
            kpi_problems = tuple(p for p in problems if p.kpi == kpi.code)
            if result is not None:
                kpi_score = result.kpi(kpi.code)
            else:
                try:
                    kpi_score = scoring.score_kpi(kpi, scorecard.framework)
                except scoring.ScorecardInvalid:
                    kpi_score = None
            targets = tuple(
                Target(level.name_th, level.name_en, _shown_target(kpi.targets, i), level.points)
                for i, level in enumerate(levels)
            )
            answer = None
            if solve and result is not None and next_band is not None:
                answer = _next_band(scorecard, kpi, next_band.name_th)
            rows.append(Row(line, kpi_score, targets, kpi_problems, answer))
        component_score = (
            next((c.score for c in result.components if c.code == component.code), None) if result else None
        )
        blocks.append(ComponentBlock(component, tuple(rows), component_score))
    return ScorecardView(card, result, problems, tuple(blocks), band, next_band)


def _next_band(scorecard: scoring.Scorecard, kpi: scoring.KpiInput, band_name: str) -> NextBand:
    if kpi.monitor:
        return NextBand("monitor")
    needed = scoring.result_needed_for_band(scorecard, kpi.code, band_name)
    if needed is None:
        return NextBand("none", direction=kpi.direction)
    if needed.is_infinite():
        return NextBand("any", direction=kpi.direction)
    # Round towards the band, so the figure shown is itself enough.
    rounding = ROUND_CEILING if kpi.direction == "higher_is_better" else ROUND_FLOOR
    return NextBand("needs", tidy(needed.quantize(_DISPLAY, rounding=rounding)), kpi.direction)


def _shown_target(targets: tuple[Decimal, ...], index: int) -> Decimal | None:
    """The target of a ladder level, None when missing or unreadable (the problem says why)."""
    if index >= len(targets):
        return None
    target = targets[index]
    return target if isinstance(target, Decimal) and target.is_finite() else None
