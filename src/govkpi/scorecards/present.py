"""A scorecard laid out for people: components, KPI rows with their ladders, totals, the band,
explanations, and (for the simulator) what result reaches the next band.

`lay_out` is shared by the scorecard page, its Excel download, the API and the what-if simulator,
so they always agree. The page, Excel and API read STORED scores (`scorecards.selectors.scorecard_view`);
only the simulator scores live (`present`), where a scorecard that breaks a rule still shows each
KPI that can be scored on its own, with the problems listed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from govkpi import scoring
from govkpi.frameworks.models import Band, Component
from govkpi.scorecards.build import BuiltScorecard, ScorecardLine
from govkpi.scoring.arith import tidy
from govkpi.scoring.document import explanation_document

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


# What a scorecard view holds: a total (scored), the framework's rules broken (invalid), no
# result that counts yet (unscored), or stored scores missing or out of step with the results
# (recomputing: rescoring is synchronous, so this should not be seen; the page says so rather
# than compute a figure of its own).
SCORED = "scored"
INVALID = "invalid"
UNSCORED = "unscored"
RECOMPUTING = "recomputing"


@dataclass(frozen=True)
class RowScore:
    """A KPI's score as shown: read from the stored Result, or scored live (the simulator)."""

    points: Decimal
    weighted: Decimal
    counted: bool
    missing: bool
    kpi_score: scoring.KpiScore | None = None  # live: the engine's own score
    stored_explanation: Mapping[str, object] | None = None  # stored: {"th", "en", "steps"}

    @classmethod
    def live(cls, score: scoring.KpiScore) -> RowScore:
        return cls(score.points, score.weighted, score.counted, score.missing, kpi_score=score)

    def text(self, lang: str = "th") -> str:
        lang = "en" if lang.startswith("en") else "th"
        if self.stored_explanation is not None:
            return str(self.stored_explanation.get(lang, ""))
        assert self.kpi_score is not None
        return self.kpi_score.explanation.text(lang)  # type: ignore[arg-type]

    def explanation_document(self) -> Mapping[str, object]:
        if self.stored_explanation is not None:
            return self.stored_explanation
        assert self.kpi_score is not None
        return explanation_document(self.kpi_score)


@dataclass(frozen=True)
class Row:
    line: ScorecardLine
    score: RowScore | None
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
        return self.score.text(lang)

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
    """One scorecard laid out for the page, the Excel download and the API: stored scores
    (`scorecards.selectors.scorecard_view`) or, in the simulator, live ones (`present`)."""

    card: BuiltScorecard
    status: str  # SCORED, INVALID, UNSCORED or RECOMPUTING
    total: Decimal | None  # the published total (two decimals, half-up)
    band_name: str | None  # the engine's band; None in monitoring-only years and when not scored
    problems: tuple[scoring.Problem, ...]
    components: tuple[ComponentBlock, ...]
    band: Band | None
    next_band: Band | None
    live: bool = False

    @property
    def scored(self) -> bool:
        return self.status == SCORED

    @property
    def recomputing(self) -> bool:
        return self.status == RECOMPUTING

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


def lay_out(
    card: BuiltScorecard,
    scores: Mapping[str, RowScore | None],
    *,
    status: str,
    total: Decimal | None,
    band_name: str | None,
    component_scores: Mapping[str, Decimal],
    problems: tuple[scoring.Problem, ...] = (),
    answers: Mapping[str, NextBand] | None = None,
    live: bool = False,
) -> ScorecardView:
    """The card's components, KPI rows (ladders, scores, answers) and band, from scores already
    decided (stored or live): the one layout the page, the Excel, the API and the simulator share."""
    levels = sorted(card.framework.target_levels.all(), key=lambda lv: lv.order)
    band, next_band = bands_around(card, total, band_name)
    answers = answers or {}
    blocks = []
    for component in sorted(card.framework.components.all(), key=lambda c: c.order):
        rows = []
        for line in card.lines:
            if line.component.code != component.code:
                continue
            code = line.input.code
            targets = tuple(
                Target(level.name_th, level.name_en, _shown_target(line.input.targets, i), level.points)
                for i, level in enumerate(levels)
            )
            kpi_problems = tuple(p for p in problems if p.kpi == code)
            rows.append(Row(line, scores.get(code), targets, kpi_problems, answers.get(code)))
        blocks.append(ComponentBlock(component, tuple(rows), component_scores.get(component.code)))
    return ScorecardView(card, status, total, band_name, problems, tuple(blocks), band, next_band, live)


def bands_around(card: BuiltScorecard, total: Decimal | None, band_name: str | None) -> tuple[Band | None, Band | None]:
    """The framework's Band the engine named, and the next one up (None at the top, in
    monitoring-only years and without a total). The band itself is never decided here."""
    if total is None or card.framework.monitoring_only:
        return None, None
    bands = sorted(card.framework.bands.all(), key=lambda b: b.min_score)
    band = next((b for b in bands if b.name_th == band_name), None)
    next_band = next((b for b in bands if b.min_score > total), None)
    return band, next_band


def present(
    card: BuiltScorecard, results: Mapping[str, Decimal | None] | None = None, *, solve: bool = False
) -> ScorecardView:
    """Score the card LIVE with the engine (with `results` replacing stored ones) and lay it out:
    the what-if simulator's view. Pages that show a scorecard read the stored scores instead
    (`scorecards.selectors.scorecard_view`). With `solve`, each counted KPI says what result
    would reach the next band."""
    scorecard = card.with_results(results or {})
    problems = tuple(scoring.validate(scorecard))
    result = None if problems else scoring.score(scorecard)
    scores: dict[str, RowScore | None] = {}
    for kpi in scorecard.kpis:
        if result is not None:
            kpi_score = result.kpi(kpi.code)
        else:
            try:
                kpi_score = scoring.score_kpi(kpi, scorecard.framework)
            except scoring.ScorecardInvalid:
                kpi_score = None
        scores[kpi.code] = None if kpi_score is None else RowScore.live(kpi_score)
    total = None if result is None else result.published_total
    band_name = None if result is None else result.band
    answers: dict[str, NextBand] = {}
    _, next_band = bands_around(card, total, band_name)
    if solve and result is not None and next_band is not None:
        answers = {kpi.code: _next_band(scorecard, kpi, next_band.name_th) for kpi in scorecard.kpis}
    return lay_out(
        card,
        scores,
        status=SCORED if result is not None else INVALID,
        total=total,
        band_name=band_name,
        component_scores={} if result is None else {c.code: c.score for c in result.components},
        problems=problems,
        answers=answers,
        live=True,
    )


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
