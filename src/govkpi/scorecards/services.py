"""Rescoring: stored results and organisation totals recomputed with the scoring engine.

`rescore` is called whenever an input of a score changes: a result reported or verified, a
version approved, an appeal upheld, the framework itself edited. It is deterministic, so calling
it again changes nothing. For each scorecard (organisation × round) with at least one result:

- every Result of a KPI in force gets `points`, `weighted` and `explanation` (the engine's
  explanation document: `{"th", "en", "steps"}`, or `{"problems": [...]}` when the scorecard
  cannot be scored);
- one `results.OrganisationScore` holds the published total (rounded half-up to two decimals,
  the figure that is banded), the band (empty in monitoring-only years) and the components.

A scorecard that breaks the framework's rules (weights not adding up, too few KPIs…) is not
scored: its results' points are cleared, the problems are stored in their explanations and
returned, and any stored total for it is removed rather than left stale.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from django.contrib.auth.models import AbstractBaseUser
from django.db import connections, router, transaction
from django.db.models import Field, Model
from simple_history.utils import bulk_create_with_history

from govkpi import scoring
from govkpi.core.errors import NotAllowed
from govkpi.core.history import record_changes
from govkpi.core.monitoring import timed
from govkpi.frameworks.models import Framework, Round
from govkpi.organisations.access import viewer_for
from govkpi.organisations.models import Organisation
from govkpi.results.models import OrganisationScore, Result
from govkpi.scorecards.rows import RowScorecard, StoredScore, scorecard_rows
from govkpi.scoring.arith import FOUR_PLACES, quantize
from govkpi.scoring.document import components_document, explanation_document, explanation_steps

_RESULT_FIELDS = ["points", "weighted", "explanation"]
_SCORE_FIELDS = ["total", "band", "components", "framework"]


@dataclass
class RescoreReport:
    """What a rescore did: scores written, results updated, scorecards that could not be scored."""

    scored: int = 0
    results_updated: int = 0
    invalid: list[tuple[RowScorecard, list[scoring.Problem]]] = field(default_factory=list)


def rescore(
    framework: Framework,
    *,
    organisations: Iterable[Organisation] | None = None,
    round: Round | None = None,
    by: AbstractBaseUser | None = None,
    history_user: AbstractBaseUser | None = None,
) -> int:
    """Rescore the framework (or some organisations, or one round); the number of organisation
    scores written. See `rescore_report` for the scorecards that could not be scored."""
    return rescore_report(framework, organisations=organisations, round=round, by=by, history_user=history_user).scored


@timed("rescore")
@transaction.atomic
def rescore_report(
    framework: Framework,
    *,
    organisations: Iterable[Organisation] | None = None,
    round: Round | None = None,
    by: AbstractBaseUser | None = None,
    history_user: AbstractBaseUser | None = None,
) -> RescoreReport:
    """`rescore`, returning everything it did.

    `by` is a person asking for a rescore (the API, `govkpi rescore --user`): only OPDC may
    (`NotAllowed` otherwise), and they are recorded in history. Without `by` the caller is trusted:
    the `score_inputs_changed` receiver, whose sender already checked the write that caused it
    (its user comes as `history_user`), or an operator's command."""
    orgs = None if organisations is None else list(organisations)
    if by is not None:
        _check_may_rescore(by)
    by = by or history_user
    cards = scorecard_rows(framework, organisations=orgs, rounds=None if round is None else [round])
    report = RescoreReport()
    changed_results: list[StoredScore] = []
    scores: dict[tuple[int, int], OrganisationScore] = {}
    unscored_keys: set[tuple[int, int]] = set()
    for card in cards:
        if not card.has_results:
            continue
        expected = expect(card)
        if expected.problems:
            report.invalid.append((card, expected.problems))
        for line in expected.lines:
            if line.unchanged():
                continue  # the sentences follow from the steps: no need to render them again
            if _set(line.stored, line.points, line.weighted, line.explanation()):
                changed_results.append(line.stored)
        if expected.score is None:
            unscored_keys.add((card.organisation.pk, card.round.pk))
        else:
            scores[(card.organisation.pk, card.round.pk)] = expected.score
    if changed_results:
        _write(Result, changed_results, _RESULT_FIELDS, by)
    report.results_updated = len(changed_results)
    report.scored = _store_scores(framework, cards, scores, unscored_keys, by)
    return report


@dataclass
class ExpectedLine:
    """What one stored Result's score must be."""

    stored: StoredScore
    points: Decimal | None
    weighted: Decimal | None
    steps: list[dict[str, object]] | None = None
    kpi_score: scoring.KpiScore | None = None
    fixed: dict[str, object] | None = None  # the explanation when not rendered from a KPI score

    def explanation(self) -> dict[str, object]:
        if self.kpi_score is not None:
            return explanation_document(self.kpi_score, self.steps)
        return self.fixed or {}

    def unchanged(self) -> bool:
        """Whether the stored score already is this one (the explanation's sentences are not
        rendered for it: they are a pure function of the steps)."""
        result = self.stored
        if result.points != self.points or result.weighted != self.weighted:
            return False
        if self.kpi_score is None:
            return result.explanation == self.explanation()
        stored = result.explanation
        return isinstance(stored, dict) and stored.keys() == {"th", "en", "steps"} and stored["steps"] == self.steps


@dataclass
class Expected:
    """What the engine says a scorecard's stored values must be: every Result's points, weighted
    score and explanation, and the organisation's total, band and components (None: no stored
    total, because nothing counts yet or the scorecard breaks the framework's rules)."""

    lines: list[ExpectedLine]
    score: OrganisationScore | None
    problems: list[scoring.Problem]


def expect(card: RowScorecard) -> Expected:
    """The stored values a scorecard must have, from the engine alone: the one computation that
    rescoring writes and `govkpi scores verify` checks."""
    lines: list[ExpectedLine] = [ExpectedLine(stored, None, None, fixed={}) for stored in card.outside]
    if not card.has_scored_results:
        # Nothing verified yet (or every result back with its organisation for correction):
        # no total, and no points on results that do not count.
        lines += [ExpectedLine(line.result, None, None, fixed={}) for line in card.lines if line.result is not None]
        return Expected(lines, None, [])
    try:
        scored = scoring.score(card.scorecard)
    except scoring.ScorecardInvalid as error:
        explanation: dict[str, object] = {"problems": [p.as_dict() for p in error.problems]}
        lines += [
            ExpectedLine(line.result, None, None, fixed=explanation) for line in card.lines if line.result is not None
        ]
        return Expected(lines, None, list(error.problems))
    for line, kpi_score in zip(card.lines, scored.kpis, strict=True):
        if line.result is None:
            continue
        lines.append(
            ExpectedLine(
                line.result,
                quantize(kpi_score.points, FOUR_PLACES),
                quantize(kpi_score.weighted, FOUR_PLACES),
                steps=explanation_steps(kpi_score),
                kpi_score=kpi_score,
            )
        )
    score = OrganisationScore(
        organisation=card.organisation,
        framework=card.framework,
        round=card.round,
        total=scored.published_total,
        band=scored.band or "",
        components=components_document(scored),
    )
    return Expected(lines, score, [])


def _write(model: type[Model], objs: Sequence[Any], fields: list[str], by: AbstractBaseUser | None) -> None:
    """Save these fields of many rows (anything with `pk` and the fields), with their history.

    Django's `bulk_update` builds a CASE expression per field and row, which costs seconds for a
    year's results; one `executemany` of a plain UPDATE is the same write at a fraction of it.
    Values go through each field's own `get_db_prep_save`, so JSON and decimals are stored exactly
    as `save()` would store them, on SQLite and PostgreSQL alike."""
    meta = model._meta
    connection = connections[router.db_for_write(model)]
    columns = [cast(Field, meta.get_field(name)) for name in fields]  # type: ignore[type-arg]
    assert meta.pk is not None
    quote = connection.ops.quote_name
    sets = ", ".join(f"{quote(str(c.column))} = %s" for c in columns)
    sql = f"UPDATE {quote(meta.db_table)} SET {sets} WHERE {quote(str(meta.pk.column))} = %s"
    params = [[c.get_db_prep_save(getattr(obj, c.attname), connection) for c in columns] + [obj.pk] for obj in objs]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
    record_changes(model, [obj.pk for obj in objs], by=by)


def _set(result: StoredScore, points: Decimal | None, weighted: Decimal | None, explanation: dict[str, object]) -> bool:
    """Put the new score on the result; False when nothing changed (no write, no history row)."""
    if result.points == points and result.weighted == weighted and result.explanation == explanation:
        return False
    result.points, result.weighted, result.explanation = points, weighted, explanation
    return True


def _store_scores(
    framework: Framework,
    cards: list[RowScorecard],
    scores: dict[tuple[int, int], OrganisationScore],
    invalid_keys: set[tuple[int, int]],
    by: AbstractBaseUser | None,
) -> int:
    org_ids = {c.organisation.pk for c in cards}
    round_ids = {c.round.pk for c in cards}
    existing = {
        (s.organisation_id, s.round_id): s
        for s in OrganisationScore.objects.filter(organisation_id__in=org_ids, round_id__in=round_ids)
    }
    to_update: list[OrganisationScore] = []
    to_create: list[OrganisationScore] = []
    for key, new in scores.items():
        old = existing.get(key)
        if old is None:
            to_create.append(new)
            continue
        if (old.total, old.band, old.components, old.framework_id) != (
            new.total,
            new.band,
            new.components,
            framework.pk,
        ):
            old.total, old.band, old.components, old.framework_id = new.total, new.band, new.components, framework.pk
            to_update.append(old)
    if to_create:
        bulk_create_with_history(to_create, OrganisationScore, batch_size=500, default_user=by)
    if to_update:
        _write(OrganisationScore, to_update, _SCORE_FIELDS, by)
    for key in invalid_keys:
        stale = existing.get(key)
        if stale is not None:
            if by is not None:
                stale._history_user = by  # type: ignore[attr-defined]
            stale.delete()
    return len(scores)


def _check_may_rescore(by: AbstractBaseUser) -> None:
    """Rescoring is OPDC's right only: it rewrites stored totals and bands, published ones too."""
    if not viewer_for(by).is_opdc:
        raise NotAllowed(
            "เฉพาะสำนักงาน ก.พ.ร. คำนวณคะแนนใหม่ได้",
            "Only OPDC may rescore.",
        )
