"""The scoring engine of govkpi: pure Python, standard library only, Decimal throughout.

It scores one organisation's KPIs under one framework (target ladder, components and weights,
bands), explains every score in Thai and English, validates everything first, reads and writes
the scorecard JSON document, and says what result a KPI still needs to reach a band.
Nothing here imports Django: services call it with plain values. See docs/scorecard.md.

Modules:
    arith       decimal contexts and number formatting shared by the rest
    models      the inputs: TargetLevel, Band, ComponentRule, Framework, KpiInput, Scorecard
    defaults    DEFAULT_FRAMEWORK
    problems    Problem and ScorecardInvalid
    validation  validate, validate_framework(_design): every broken rule at once
    ladder      points_for: the piecewise-linear target ladder
    bands       band_for and round_total
    explain     Explanation and its steps, worded in Thai and English
    results     ScoreResult, ComponentScore, KpiScore
    engine      score, score_kpi
    inverse     result_needed_for_band
    document    parse_document, result_to_document, scorecard_to_document
    cli         `govkpi score FILE.json`
"""

from govkpi.scoring.bands import band_for, round_total
from govkpi.scoring.defaults import DEFAULT_FRAMEWORK
from govkpi.scoring.document import parse_document, result_to_document, scorecard_to_document
from govkpi.scoring.engine import Memo, score, score_kpi
from govkpi.scoring.explain import (
    BelowLowest,
    Between,
    BeyondTop,
    Explanation,
    MissingResult,
    NotCounted,
    OnTarget,
    Step,
    Weighted,
)
from govkpi.scoring.inverse import result_needed_for_band
from govkpi.scoring.ladder import points_for
from govkpi.scoring.models import (
    Band,
    ComponentRule,
    Direction,
    Framework,
    KpiInput,
    Scorecard,
    TargetLevel,
)
from govkpi.scoring.problems import Problem, ScorecardInvalid
from govkpi.scoring.results import ComponentScore, KpiScore, ScoreResult
from govkpi.scoring.validation import (
    strictly_ordered,
    target_count_problem,
    validate,
    validate_framework,
    validate_framework_design,
)

__all__ = [
    "DEFAULT_FRAMEWORK",
    "Band",
    "BelowLowest",
    "Between",
    "BeyondTop",
    "ComponentRule",
    "ComponentScore",
    "Direction",
    "Explanation",
    "Framework",
    "KpiInput",
    "KpiScore",
    "Memo",
    "MissingResult",
    "NotCounted",
    "OnTarget",
    "Problem",
    "ScoreResult",
    "Scorecard",
    "ScorecardInvalid",
    "Step",
    "TargetLevel",
    "Weighted",
    "band_for",
    "parse_document",
    "points_for",
    "result_needed_for_band",
    "result_to_document",
    "round_total",
    "score",
    "score_kpi",
    "scorecard_to_document",
    "strictly_ordered",
    "target_count_problem",
    "validate",
    "validate_framework",
    "validate_framework_design",
]
