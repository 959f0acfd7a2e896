"""Scoring: a validated scorecard in, every KPI's points, each component's score, the total and
the band out.

Weights are percent of the whole, so a KPI's contribution is points × weight / 100, a
component's score is the sum of its KPIs' contributions and the total (0–100) is the sum of the
components. Monitor KPIs are scored and explained but contribute nothing.

Scoring many scorecards of one framework (a national year: over a hundred thousand KPIs) meets the
same KPI line again and again: the same component, weight, targets, result, direction and monitor
flag. A line's own problems and its score depend on nothing else (not its code, not its name), so
a `Memo` given to `score` checks and scores each distinct line once and hands the rest the same
`KpiScore` under their own code. Totals, bands and the checks that need a KPI's neighbours are
computed for every scorecard as always.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from govkpi.scoring.arith import CTX, HUNDRED, ZERO
from govkpi.scoring.bands import band_for
from govkpi.scoring.explain import Explanation, MissingResult, NotCounted, Placement, Weighted
from govkpi.scoring.ladder import place
from govkpi.scoring.models import Framework, KpiInput, Scorecard
from govkpi.scoring.problems import ScorecardInvalid
from govkpi.scoring.results import ComponentScore, KpiScore, ScoreResult
from govkpi.scoring.validation import component_problems, kpi_problems, validate, validate_framework


class Memo:
    """KPI lines already checked and scored, for `score` to reuse across scorecards (see the module
    docstring). Lines are told apart by value: equal numbers written with different trailing zeros
    are one line, which changes nothing that is stored or shown (points and weighted scores are
    quantized, explanations print numbers normalised). Keep one per run over many scorecards: it
    grows with the distinct lines it meets.

    A scorecard is scored from the memo when its framework is valid, each of its lines has no
    problem of its own (checked once per distinct line), its codes are present and distinct, and
    its components' counts and weights are right (checked once per distinct set of components,
    weights and monitor flags); any other goes through `validate` and `score_unchecked` as
    without a memo, so its problems are exactly `score`'s."""

    __slots__ = ("_components", "_frameworks", "_lines")

    def __init__(self) -> None:
        # Keys hold a framework's id; the framework is held here so that no other object takes it.
        self._frameworks: dict[int, tuple[Framework, bool]] = {}
        self._lines: dict[tuple[object, ...], KpiScore] = {}  # lines with no problem of their own
        self._components: set[tuple[object, ...]] = set()  # (framework, each line's component, weight, monitor)

    def score(self, scorecard: Scorecard) -> ScoreResult:
        framework = scorecard.framework
        known = self._frameworks.get(id(framework))
        if known is None or known[0] is not framework:
            known = self._frameworks[id(framework)] = (framework, not validate_framework(framework))
        if not known[1]:
            return self._checked(scorecard)
        lines = self._lines
        kpi_scores: list[KpiScore] = []
        codes: set[str] = set()
        for kpi in scorecard.kpis:
            key = (id(framework), kpi.component, kpi.weight, kpi.targets, kpi.result, kpi.direction, kpi.monitor)
            try:
                found = lines.get(key)
            except TypeError:  # something unhashable where a number belongs
                return self._checked(scorecard)
            if found is None:
                if kpi_problems(kpi, framework):
                    return self._checked(scorecard)
                found = lines[key] = _score_kpi(kpi, framework)
            code = kpi.code
            if not isinstance(code, str) or not code or code in codes:
                return self._checked(scorecard)
            codes.add(code)
            kpi_scores.append(found if found.code == code else _renamed(found, code))
        shape = (id(framework), *((kpi.component, kpi.weight, kpi.monitor) for kpi in scorecard.kpis))
        if shape not in self._components:
            if component_problems(scorecard):
                return self._checked(scorecard)
            self._components.add(shape)
        return _total(framework, scorecard.kpis, kpi_scores)

    @staticmethod
    def _checked(scorecard: Scorecard) -> ScoreResult:
        """A scorecard with a problem (or a value the memo cannot hold): `score` without the memo."""
        problems = validate(scorecard)
        if problems:
            raise ScorecardInvalid(problems)
        return score_unchecked(scorecard)


def _renamed(kpi_score: KpiScore, code: str) -> KpiScore:
    return KpiScore(
        code, kpi_score.points, kpi_score.weighted, kpi_score.counted, kpi_score.missing, kpi_score.explanation
    )


def score(scorecard: Scorecard, *, memo: Memo | None = None) -> ScoreResult:
    """Score every KPI and total them. Raises ScorecardInvalid listing every problem.

    With a `memo`, lines met before are neither checked nor scored again (same answers)."""
    if memo is not None:
        return memo.score(scorecard)
    problems = validate(scorecard)
    if problems:
        raise ScorecardInvalid(problems)
    return score_unchecked(scorecard)


def score_kpi(kpi: KpiInput, framework: Framework) -> KpiScore:
    """Score one KPI on its own (no weight-sum or count checks: those need its neighbours).

    Raises ScorecardInvalid if the framework or the KPI itself breaks a rule."""
    problems = validate_framework(framework) + kpi_problems(kpi, framework)
    if problems:
        raise ScorecardInvalid(problems)
    return _score_kpi(kpi, framework)


def score_unchecked(scorecard: Scorecard) -> ScoreResult:
    """`score` without validation, for callers that have just validated (the inverse solver
    scores many variants of one valid scorecard)."""
    framework = scorecard.framework
    return _total(framework, scorecard.kpis, [_score_kpi(kpi, framework) for kpi in scorecard.kpis])


def _total(framework: Framework, kpis: Sequence[KpiInput], kpi_scores: list[KpiScore]) -> ScoreResult:
    """Each component's score (its counted KPIs' weighted scores added up), the total and the band."""
    sums: dict[str, Decimal] = {rule.code: ZERO for rule in framework.components}
    for kpi, kpi_score in zip(kpis, kpi_scores, strict=True):
        if kpi_score.counted:
            sums[kpi.component] = CTX.add(sums[kpi.component], kpi_score.weighted)
    components = tuple(ComponentScore(rule.code, rule.weight, sums[rule.code]) for rule in framework.components)
    total = ZERO
    for component in components:
        total = CTX.add(total, component.score)
    band = None if framework.monitoring_only else band_for(total, framework.bands)
    return ScoreResult(total, band, framework.monitoring_only, components, tuple(kpi_scores))


def _score_kpi(kpi: KpiInput, framework: Framework) -> KpiScore:
    placement: Placement
    if kpi.result is None:
        points, placement = ZERO, MissingResult(ZERO)
    else:
        points, placement = place(
            kpi.result,
            kpi.targets,
            framework.target_levels,
            framework.below_lowest_points,
            kpi.direction,
        )
    missing = kpi.result is None
    if kpi.monitor:
        return KpiScore(kpi.code, points, ZERO, False, missing, Explanation((placement, NotCounted())))
    weighted = CTX.divide(CTX.multiply(points, kpi.weight), HUNDRED)
    explanation = Explanation((placement, Weighted(points, kpi.weight, weighted)))
    return KpiScore(kpi.code, points, weighted, True, missing, explanation)
