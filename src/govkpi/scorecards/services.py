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

import gc
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from django.contrib.auth.models import AbstractBaseUser
from django.db import connections, router, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field, JSONField, Model
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
    (its user comes as `history_user`), or an operator's command.

    Only what changed is written: results and totals whose stored values already are the engine's
    are left alone (no write, no history row), and the rest go in one statement per table."""
    orgs = None if organisations is None else list(organisations)
    if by is not None:
        _check_may_rescore(by)
    by = by or history_user
    with _cyclic_gc_paused():
        return _rescore(framework, orgs, round, by)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Python's cycle collector off while a rescore runs. A national year builds a few million
    small objects (rows, engine inputs, scores), none of them in a cycle: they are freed as usual
    when no longer referenced, but each pass of the collector walked all of them again, which
    cost about as much as the rescoring itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _rescore(
    framework: Framework, orgs: list[Organisation] | None, round: Round | None, by: AbstractBaseUser | None
) -> RescoreReport:
    cards = scorecard_rows(framework, organisations=orgs, rounds=None if round is None else [round])
    report = RescoreReport()
    lines = Lines()
    changed_results: list[tuple[int, Decimal | None, Decimal | None, dict[str, object]]] = []
    scores: dict[tuple[int, int], ExpectedScore] = {}
    unscored_keys: set[tuple[int, int]] = set()
    for card in cards:
        if not card.has_results:
            continue
        expected = expect(card, lines)
        if expected.problems:
            report.invalid.append((card, expected.problems))
        for line in expected.lines:
            if not line.unchanged(lines):  # the sentences follow from the steps: rendered only for a write
                changed_results.append((line.stored.pk, line.points, line.weighted, line.explanation()))
        if expected.score is None:
            unscored_keys.add((card.organisation.pk, card.round.pk))
        else:
            scores[(card.organisation.pk, card.round.pk)] = expected.score
    if changed_results:
        _write(Result, _RESULT_FIELDS, changed_results, by)
    report.results_updated = len(changed_results)
    report.scored = _store_scores(framework, cards, scores, unscored_keys, by)
    return report


@dataclass(slots=True)
class ScoredLine:
    """What one distinct KPI score becomes on a stored result: the quantized points and weighted
    score, the explanation's steps and, when a result must be written, the whole explanation."""

    kpi_score: scoring.KpiScore
    points: Decimal
    weighted: Decimal
    steps: list[dict[str, object]]
    document: dict[str, object] | None = None

    def explanation(self) -> dict[str, object]:
        if self.document is None:
            self.document = explanation_document(self.kpi_score, self.steps)
        return self.document


class Lines:
    """The engine's memo (`scoring.Memo`) and what its KPI scores become on stored results, for
    one run over many scorecards: a national year has about four times fewer distinct lines than
    results, and each is scored, quantized, turned into steps and (if written) into sentences
    once; each stored explanation is compared with each distinct line's steps once."""

    def __init__(self) -> None:
        self.memo = scoring.Memo()
        self._lines: dict[int, tuple[scoring.Explanation, ScoredLine]] = {}
        self._steps: dict[scoring.Step, dict[str, object]] = {}
        self._same: dict[tuple[int, int], tuple[object, ScoredLine, bool]] = {}

    def line(self, kpi_score: scoring.KpiScore) -> ScoredLine:
        # The memo gives every equal line the same explanation object: it identifies the line.
        # The entry holds the object, so its id cannot be taken by another while this lives.
        found = self._lines.get(id(kpi_score.explanation))
        if found is not None and found[0] is kpi_score.explanation:
            return found[1]
        made = ScoredLine(
            kpi_score,
            quantize(kpi_score.points, FOUR_PLACES),
            quantize(kpi_score.weighted, FOUR_PLACES),
            explanation_steps(kpi_score, self._steps),
        )
        self._lines[id(kpi_score.explanation)] = (kpi_score.explanation, made)
        return made

    def same_steps(self, stored: object, line: ScoredLine) -> bool:
        """Whether a stored explanation is this line's (its sentences, a pure function of its
        steps, are not compared). Stored explanations equal in text are one object (`rows`), so
        each pair is compared once; the entry holds both, so neither id is taken by another."""
        key = (id(stored), id(line))
        found = self._same.get(key)
        if found is not None and found[0] is stored and found[1] is line:
            return found[2]
        same = isinstance(stored, dict) and stored.keys() == {"th", "en", "steps"} and stored["steps"] == line.steps
        self._same[key] = (stored, line, same)
        return same


@dataclass
class ExpectedLine:
    """What one stored Result's score must be."""

    stored: StoredScore
    points: Decimal | None
    weighted: Decimal | None
    scored: ScoredLine | None = None
    fixed: dict[str, object] | None = None  # the explanation when not rendered from a KPI score

    @property
    def steps(self) -> list[dict[str, object]] | None:
        return None if self.scored is None else self.scored.steps

    @property
    def kpi_score(self) -> scoring.KpiScore | None:
        return None if self.scored is None else self.scored.kpi_score

    def explanation(self) -> dict[str, object]:
        if self.scored is not None:
            return self.scored.explanation()
        return self.fixed or {}

    def unchanged(self, lines: Lines | None = None) -> bool:
        """Whether the stored score already is this one (the explanation's sentences are not
        rendered for it: they are a pure function of the steps). `lines`: the run's memo."""
        result = self.stored
        if result.points != self.points or result.weighted != self.weighted:
            return False
        if self.scored is None:
            return result.explanation == self.explanation()
        return (lines or Lines()).same_steps(result.explanation, self.scored)


@dataclass(frozen=True, slots=True)
class ExpectedScore:
    """An organisation's stored total for a round as the engine computes it."""

    total: Decimal
    band: str
    components: list[dict[str, object]]


@dataclass
class Expected:
    """What the engine says a scorecard's stored values must be: every Result's points, weighted
    score and explanation, and the organisation's total, band and components (None: no stored
    total, because nothing counts yet or the scorecard breaks the framework's rules)."""

    lines: list[ExpectedLine]
    score: ExpectedScore | None
    problems: list[scoring.Problem]


def expect(card: RowScorecard, lines: Lines | None = None) -> Expected:
    """The stored values a scorecard must have, from the engine alone: the one computation that
    rescoring writes and `govkpi scores verify` checks. `lines` (one per run over many
    scorecards) scores each distinct KPI line once."""
    lines = Lines() if lines is None else lines
    expected: list[ExpectedLine] = [ExpectedLine(stored, None, None, fixed={}) for stored in card.outside]
    if not card.has_scored_results:
        # Nothing verified yet (or every result back with its organisation for correction):
        # no total, and no points on results that do not count.
        expected += [ExpectedLine(line.result, None, None, fixed={}) for line in card.lines if line.result is not None]
        return Expected(expected, None, [])
    try:
        scored = scoring.score(card.scorecard, memo=lines.memo)
    except scoring.ScorecardInvalid as error:
        explanation: dict[str, object] = {"problems": [p.as_dict() for p in error.problems]}
        expected += [
            ExpectedLine(line.result, None, None, fixed=explanation) for line in card.lines if line.result is not None
        ]
        return Expected(expected, None, list(error.problems))
    for line, kpi_score in zip(card.lines, scored.kpis, strict=True):
        if line.result is None:
            continue
        made = lines.line(kpi_score)
        expected.append(ExpectedLine(line.result, made.points, made.weighted, scored=made))
    score = ExpectedScore(scored.published_total, scored.band or "", components_document(scored))
    return Expected(expected, score, [])


def _write(model: type[Model], fields: list[str], rows: Sequence[Sequence[Any]], by: AbstractBaseUser | None) -> None:
    """Save these fields of many rows, with their history. Each row is the primary key and then
    the fields' values, in order.

    On PostgreSQL one UPDATE, whatever the number of rows: the new values travel as one JSON
    document read by `jsonb_to_recordset`, each distinct JSON value once (an explanation is
    shared by every equal line) in a second document, where a row names it by its position. Elsewhere one
    `executemany` of a plain UPDATE (Django's `bulk_update` builds a CASE per field and row), the
    values through each field's own `get_db_prep_save`, each JSON value encoded once. Either way
    JSON and decimals are stored as `save()` would store them."""
    meta = model._meta
    connection = connections[router.db_for_write(model)]
    columns = [cast(Field, meta.get_field(name)) for name in fields]  # type: ignore[type-arg]
    assert meta.pk is not None
    quote = connection.ops.quote_name
    pk_column = quote(str(meta.pk.column))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(*_update_from_json(model, columns, rows, connection))
        else:
            prepared: dict[int, tuple[object, object]] = {}  # id of a JSON value → (it, its text)

            def prepare(column: Field, value: object) -> object:  # type: ignore[type-arg]
                if not isinstance(column, JSONField):
                    return column.get_db_prep_save(value, connection)
                found = prepared.get(id(value))
                if found is None or found[0] is not value:  # held: no other object takes its id
                    found = prepared[id(value)] = (value, column.get_db_prep_save(value, connection))
                return found[1]

            sets = ", ".join(f"{quote(str(c.column))} = %s" for c in columns)
            params: list[list[Any]] = [
                [*(prepare(c, row[i]) for i, c in enumerate(columns, start=1)), row[0]] for row in rows
            ]
            cursor.executemany(f"UPDATE {quote(meta.db_table)} SET {sets} WHERE {pk_column} = %s", params)
    record_changes(model, [row[0] for row in rows], by=by)


def _update_from_json(
    model: type[Model],
    columns: list[Field],  # type: ignore[type-arg]
    rows: Sequence[Sequence[Any]],
    connection: BaseDatabaseWrapper,
) -> tuple[str, list[str]]:
    """PostgreSQL's UPDATE of `_write` and its parameters: for each JSON column its distinct values
    as one JSON array, then the rows as one JSON array of records, which name a JSON value by its
    position in its array (from 1)."""
    meta = model._meta
    assert meta.pk is not None
    quote = connection.ops.quote_name
    pk = str(meta.pk.column)
    names = [str(c.column) for c in columns]
    json_columns = [i for i, c in enumerate(columns) if isinstance(c, JSONField)]
    distinct: dict[int, dict[int, tuple[object, int]]] = {i: {} for i in json_columns}
    documents: dict[int, list[object]] = {i: [] for i in json_columns}
    records: list[dict[str, object]] = []
    for row in rows:
        record: dict[str, object] = {pk: row[0]}
        for i, column in enumerate(columns):
            value = row[i + 1]
            if i in distinct:
                seen = distinct[i].get(id(value))
                if seen is None or seen[0] is not value:  # held: no other object takes its id
                    documents[i].append(value)
                    seen = distinct[i][id(value)] = (value, len(documents[i]))
                record[names[i]] = seen[1]
            else:
                prepared = column.get_db_prep_save(value, connection)
                record[names[i]] = str(prepared) if isinstance(prepared, Decimal) else prepared
        records.append(record)
    types = [f"{quote(pk)} {meta.pk.db_type(connection)}"] + [
        f"{quote(names[i])} {'integer' if i in distinct else c.db_type(connection)}" for i, c in enumerate(columns)
    ]
    # A JSON column's value is picked out of its document by position (`->`, counted from 0): the
    # document, a constant, is read once; a join to its elements made the planner loop over them.
    sets = ", ".join(
        f"{quote(name)} = %s::jsonb -> (v.{quote(name)} - 1)" if i in distinct else f"{quote(name)} = v.{quote(name)}"
        for i, name in enumerate(names)
    )
    sql = (
        f"UPDATE {quote(meta.db_table)} AS t SET {sets} FROM jsonb_to_recordset(%s::jsonb) AS v({', '.join(types)})"
        f" WHERE t.{quote(pk)} = v.{quote(pk)}"
    )
    encoders = {i: cast(JSONField, columns[i]).encoder for i in json_columns}
    # Not escaped: Thai explanations are a third of the size (the database stores the same value).
    params = [json.dumps(documents[i], cls=encoders[i], ensure_ascii=False) for i in json_columns]
    params.append(json.dumps(records, ensure_ascii=False))
    return sql, params


def _store_scores(
    framework: Framework,
    cards: list[RowScorecard],
    scores: dict[tuple[int, int], ExpectedScore],
    invalid_keys: set[tuple[int, int]],
    by: AbstractBaseUser | None,
) -> int:
    org_ids = {c.organisation.pk for c in cards}
    round_ids = {c.round.pk for c in cards}
    scoped = OrganisationScore.objects.filter(round_id__in=round_ids)
    if len(org_ids) < 1000:  # else every organisation of these rounds: no long list of ids to send
        scoped = scoped.filter(organisation_id__in=org_ids)
    existing = {
        (org_id, round_id): (pk, (total, band, components, framework_id))
        for pk, org_id, round_id, total, band, components, framework_id in scoped.values_list(
            "pk", "organisation_id", "round_id", "total", "band", "components", "framework_id"
        )
        if org_id in org_ids
    }
    to_update: list[tuple[int, Decimal, str, list[dict[str, object]], int]] = []
    to_create: list[OrganisationScore] = []
    cards_by_key = {(c.organisation.pk, c.round.pk): c for c in cards}
    for key, new in scores.items():
        old = existing.get(key)
        if old is None:
            card = cards_by_key[key]
            to_create.append(
                OrganisationScore(
                    organisation=card.organisation,
                    framework=card.framework,
                    round=card.round,
                    total=new.total,
                    band=new.band,
                    components=new.components,
                )
            )
            continue
        if old[1] != (new.total, new.band, new.components, framework.pk):
            to_update.append((old[0], new.total, new.band, new.components, framework.pk))
    if to_create:
        bulk_create_with_history(to_create, OrganisationScore, batch_size=500, default_user=by)
    if to_update:
        _write(OrganisationScore, _SCORE_FIELDS, to_update, by)
    stale_ids = [existing[key][0] for key in invalid_keys if key in existing]
    for stale in OrganisationScore.objects.filter(pk__in=stale_ids) if stale_ids else ():
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
