"""Scoring: a validated scorecard in, every KPI's points, each component's score, the total and
the band out.

Weights are percent of the whole, so a KPI's contribution is points × weight / 100, a
component's score is the sum of its KPIs' contributions and the total (0–100) is the sum of the
components. Monitor KPIs are scored and explained but contribute nothing.
"""

from __future__ import annotations

from decimal import Decimal

from govkpi.scoring.arith import CTX, HUNDRED, ZERO
from govkpi.scoring.bands import band_for
from govkpi.scoring.explain import Explanation, MissingResult, NotCounted, Placement, Weighted
from govkpi.scoring.ladder import place
from govkpi.scoring.models import Framework, KpiInput, Scorecard
from govkpi.scoring.problems import ScorecardInvalid
from govkpi.scoring.results import ComponentScore, KpiScore, ScoreResult
from govkpi.scoring.validation import kpi_problems, validate, validate_framework


def score(scorecard: Scorecard) -> ScoreResult:
    """Score every KPI and total them. Raises ScorecardInvalid listing every problem."""
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
    sums: dict[str, Decimal] = {rule.code: ZERO for rule in framework.components}
    kpi_scores = []
    for kpi in scorecard.kpis:
        kpi_score = _score_kpi(kpi, framework)
        kpi_scores.append(kpi_score)
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
