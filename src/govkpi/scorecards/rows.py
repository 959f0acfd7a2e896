"""A framework's scorecards read as plain column values: what rescoring reads.

Rescoring a national year reads tens of thousands of KPIs, versions and results. A model instance
for each (every text column, timestamp and relation descriptor of it) cost most of the time, so
this reads only the columns the engine and the stored score need. The engine input is the same as
`build.build_scorecards` gives (the version in force, else the working copy; the verified value,
else the reported one, of a verified or approved result), which a test checks line by line; pages keep `build`, which carries the
model instances their templates show.

JSON columns (a definition's targets, a result's stored explanation) are read as their text and
each distinct text decoded once: a national year has about ten times fewer distinct explanations
than results, and a few hundred distinct target ladders.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import TextField
from django.db.models.functions import Cast

from govkpi import scoring
from govkpi.frameworks.models import Component, Framework, Round
from govkpi.frameworks.selectors import scoring_framework
from govkpi.kpis.models import Kpi, KpiVersion
from govkpi.kpis.selectors import in_round, newest_in_force, removal_months
from govkpi.organisations.models import Organisation
from govkpi.results.models import Result, counts_in_score
from govkpi.scorecards.build import ScorecardOf, engine_input, load_framework, to_decimal

# The template columns a definition is scored from, on a KPI's working copy and on its versions
# (targets as the text of their JSON: `_Decoded`).
_DEFINITION = ("component_id", "name_th", "weight", "targets_text", "direction", "is_monitor")
_AS_TEXT = {"targets_text": Cast("targets", TextField()), "explanation_text": Cast("explanation", TextField())}


@dataclass(slots=True)
class StoredScore:
    """A Result's stored score, as rescoring compares and rewrites it."""

    pk: int
    points: Decimal | None
    weighted: Decimal | None
    explanation: object


@dataclass(frozen=True, slots=True)
class RowLine:
    input: scoring.KpiInput
    result: StoredScore | None


@dataclass(frozen=True)
class RowScorecard(ScorecardOf[RowLine]):
    """A scorecard whose lines carry only the engine's input and the stored score. `outside` are
    the organisation's results of the round for KPIs not in force in it (removed from this round
    or earlier, or not effective yet): they count for nothing and keep no points."""

    outside: tuple[StoredScore, ...] = ()

    @property
    def has_results(self) -> bool:
        return bool(self.outside) or any(line.result is not None for line in self.lines)


@dataclass(frozen=True, slots=True)
class _Definition:
    component_id: int
    name_th: str
    weight: Decimal
    targets: object
    direction: str
    is_monitor: bool


class _Decoded:
    """JSON texts decoded once each. Equal texts give the same object: callers never change it."""

    def __init__(self) -> None:
        self._seen: dict[str, object] = {}
        self._targets: dict[str, object] = {}

    def __call__(self, text: str | None) -> object:
        if text is None:
            return None
        found = self._seen.get(text)
        if found is None:
            found = self._seen[text] = json.loads(text)
        return found

    def targets(self, text: str | None) -> object:
        """A target list with its numbers already exact Decimals (`build.to_decimal`, which the
        engine's input applies, then returns them as they are); anything else as stored."""
        found = self._targets.get(text) if text is not None else None
        if found is None:
            value = self(text)
            found = [to_decimal(t) for t in value] if isinstance(value, list) else value
            if text is not None:
                self._targets[text] = found
        return found


def _loaded(framework: Framework | int) -> bool:
    """Whether the framework comes with its rules and rounds already read (`framework_get`, as the
    rescoring receiver loads it): one organisation's rescoring then reads them once, not twice."""
    cache = getattr(framework, "_prefetched_objects_cache", {})
    return {"components", "target_levels", "bands", "rounds"} <= cache.keys()


def scorecard_rows(
    framework: Framework | int,
    *,
    organisations: Iterable[Organisation] | None = None,
    rounds: Iterable[Round] | None = None,
) -> list[RowScorecard]:
    """Every scorecard of the framework (or of these organisations and rounds), one per organisation
    with KPIs and round, in a fixed number of queries."""
    if not _loaded(framework):
        framework = load_framework(framework)
    assert isinstance(framework, Framework)
    rules = scoring_framework(framework)
    round_list = list(rounds) if rounds is not None else list(framework.rounds.all())
    organisations = None if organisations is None else list(organisations)
    org_ids = None if organisations is None else [o.pk for o in organisations]

    # Removed KPIs are read too: a removal takes effect from its own round only (`kpis.in_force`).
    kpi_qs = Kpi.objects.filter(framework=framework)
    version_qs = KpiVersion.objects.filter(kpi__framework=framework)
    result_qs = Result.objects.filter(kpi__framework=framework, round_id__in=[r.pk for r in round_list])
    if org_ids is not None:
        kpi_qs = kpi_qs.filter(organisation_id__in=org_ids)
        version_qs = version_qs.filter(kpi__organisation_id__in=org_ids)
        result_qs = result_qs.filter(kpi__organisation_id__in=org_ids)

    decoded = _Decoded()

    def definition_of(component_id: int, name: str, weight: Decimal, targets: str, *rest: object) -> _Definition:
        return _Definition(component_id, name, weight, decoded.targets(targets), *rest)  # type: ignore[arg-type]

    kpis = [
        (pk, code, org_id, order, definition_of(*definition))
        for pk, code, org_id, order, *definition in kpi_qs.annotate(targets_text=_AS_TEXT["targets_text"]).values_list(
            "pk", "code", "organisation_id", "order", *_DEFINITION
        )
    ]
    removed = removal_months([k[0] for k in kpis]) if org_ids is not None else removal_months(framework=framework)
    versions: dict[int, list[tuple[int, int | None, _Definition]]] = defaultdict(list)
    for kpi_id, number, effective_from_id, *definition in version_qs.annotate(
        targets_text=_AS_TEXT["targets_text"]
    ).values_list("kpi_id", "number", "effective_from_id", *_DEFINITION):
        versions[kpi_id].append((number, effective_from_id, definition_of(*definition)))
    results: dict[tuple[int, int], tuple[StoredScore, Decimal | None, Decimal | None]] = {}
    for pk, kpi_id, round_id, state, value, verified, points, weighted, explanation in result_qs.annotate(
        explanation_text=_AS_TEXT["explanation_text"]
    ).values_list(
        "pk", "kpi_id", "round_id", "state", "value", "verified_value", "points", "weighted", "explanation_text"
    ):
        counted = counts_in_score(state)  # an unverified value is scored as no result
        results[(kpi_id, round_id)] = (
            StoredScore(pk, points, weighted, decoded(explanation)),
            value if counted else None,
            verified if counted else None,
        )

    components = {c.pk: c for c in framework.components.all()}
    wanted = {k[4].component_id for k in kpis} | {d.component_id for vs in versions.values() for _, _, d in vs}
    if wanted - components.keys():  # a version may name a component of another framework
        components.update(Component.objects.in_bulk(wanted - components.keys()))
    months = {r.pk: r.months for r in framework.rounds.all()}
    starts = {e for vs in versions.values() for _, e, _ in vs if e is not None}
    if starts - months.keys():
        months.update(Round.objects.filter(pk__in=starts - months.keys()).values_list("pk", "months"))
    orgs = {o.pk: o for o in organisations or ()}  # the caller's own, when it names them
    if {k[2] for k in kpis} - orgs.keys():
        orgs.update(Organisation.objects.in_bulk({k[2] for k in kpis} - orgs.keys()))

    by_org: dict[int, list[tuple[int, str, int, _Definition]]] = defaultdict(list)
    for pk, code, org_id, order, definition in kpis:
        by_org[org_id].append((pk, code, order, definition))
    cards: list[RowScorecard] = []
    for org_id in sorted(by_org, key=lambda pk: orgs[pk].code):
        for round_ in round_list:
            keyed: list[tuple[tuple[int, int, str], RowLine]] = []
            outside: list[StoredScore] = []
            for pk, code, order, own in by_org[org_id]:
                if not in_round(removed_from_months=removed.get(pk), round_months=round_.months):
                    if (pk, round_.pk) in results:
                        outside.append(results[(pk, round_.pk)][0])
                    continue  # removed from this round or an earlier one
                kpi_versions = versions.get(pk)
                if kpi_versions:
                    definition = newest_in_force(
                        ((n, months[e] if e is not None else 0, d) for n, e, d in kpi_versions), round_.months
                    )
                    if definition is None:
                        if (pk, round_.pk) in results:
                            outside.append(results[(pk, round_.pk)][0])
                        continue  # every version starts in a later round: not yet in force
                else:
                    definition = own  # never frozen: the working copy is all there is
                stored, value, verified = results.get((pk, round_.pk), (None, None, None))
                line = RowLine(
                    engine_input(
                        code=code,
                        name=definition.name_th,
                        component=components[definition.component_id].code,
                        weight=definition.weight,
                        targets=definition.targets,
                        direction=definition.direction,
                        monitor=definition.is_monitor,
                        value=value,
                        verified_value=verified,
                    ),
                    stored,
                )
                keyed.append(((components[definition.component_id].order, order, code), line))
            keyed.sort(key=lambda pair: pair[0])
            lines = tuple(line for _, line in keyed)
            cards.append(RowScorecard(framework, orgs[org_id], round_, rules, lines, tuple(outside)))
    return cards
