"""Building the scoring engine's input from what the database stores.

A scorecard is one organisation's KPIs in force for one round of one framework, each with the
result reported for that round. The definition scored is the KpiVersion in force for the round
(`kpis.selectors.in_force`: removal counts from its own round only); a KPI never frozen (no versions at all, e.g. a
draft proposal) is scored from its working copy, while a KPI whose every version starts in a
later round (added by a change request) is not yet in force and is left out. The value scored is
the desk officer's `verified_value` when set, else the reported `value`, of a verified or
approved result only (an unverified one is scored as missing); no Result means a
missing result (0 points, flagged by the engine). Joint and cascaded KPIs are ordinary Kpi rows
of the organisation, so they need nothing special here.

Everything is read with a fixed number of queries per framework, whatever the number of
organisations and KPIs. Pages read scorecards here, with the model instances their templates show;
rescoring reads the same input as plain column values (`rows.scorecard_rows`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Generic, Protocol, TypeVar

from django.db.models import Prefetch

from govkpi import scoring
from govkpi.frameworks.models import Component, Framework, Round
from govkpi.frameworks.selectors import framework_get, scoring_framework
from govkpi.kpis.models import Kpi, KpiVersion
from govkpi.kpis.selectors import in_force, removal_months
from govkpi.organisations.models import Organisation
from govkpi.results.models import Result, counts_in_score

_NAN = Decimal("NaN")


@dataclass(frozen=True)
class ScorecardLine:
    """One KPI of a scorecard: the assignment, the definition in force, its result, and the
    engine's input built from them."""

    kpi: Kpi
    version: KpiVersion | None
    result: Result | None
    input: scoring.KpiInput

    @property
    def definition(self) -> Kpi | KpiVersion:
        """The template fields scored: the version in force, else the working copy."""
        return self.version if self.version is not None else self.kpi

    @property
    def component(self) -> Component:
        return self.definition.component

    @property
    def value(self) -> Decimal | None:
        """The value scored (verified value first), None when nothing counts yet."""
        return self.input.result

    @property
    def reported(self) -> Decimal | None:
        """The latest value on the result whatever its state (verified value first): what the
        simulator starts from, even while it is a draft that does not count yet."""
        if self.result is None:
            return None
        return self.result.verified_value if self.result.verified_value is not None else self.result.value


class _Line(Protocol):
    @property
    def input(self) -> scoring.KpiInput: ...

    @property
    def result(self) -> object | None: ...


_L = TypeVar("_L", bound=_Line)


@dataclass(frozen=True)
class ScorecardOf(Generic[_L]):
    """One organisation's scorecard for one round, ready for the engine (`.scorecard`), whatever
    its lines carry besides the engine's input and the stored result."""

    framework: Framework
    organisation: Organisation
    round: Round
    rules: scoring.Framework
    lines: tuple[_L, ...]

    @property
    def scorecard(self) -> scoring.Scorecard:
        return scoring.Scorecard(framework=self.rules, kpis=tuple(line.input for line in self.lines))

    @property
    def has_results(self) -> bool:
        return any(line.result is not None for line in self.lines)

    @property
    def has_scored_results(self) -> bool:
        """Whether any result of the scorecard counts (verified or approved): the scorecards
        stored with a total."""
        return any(line.input.result is not None for line in self.lines)


@dataclass(frozen=True)
class BuiltScorecard(ScorecardOf[ScorecardLine]):
    """A scorecard whose lines carry the model instances a page shows."""

    def line(self, code: str) -> ScorecardLine | None:
        for line in self.lines:
            if line.kpi.code == code:
                return line
        return None

    def with_results(self, results: Mapping[str, Decimal | None]) -> scoring.Scorecard:
        """The scorecard with some results replaced (KPI code → value, None = no result): what
        the what-if simulator scores. Nothing is saved."""
        kpis = tuple(
            replace(line.input, result=results[line.input.code]) if line.input.code in results else line.input
            for line in self.lines
        )
        return scoring.Scorecard(framework=self.rules, kpis=kpis)


def to_decimal(value: object) -> Decimal:
    """A stored number (a JSON target may be a string, an int or a float) as an exact Decimal;
    NaN for anything unreadable, which validation then reports against the KPI."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool) or value is None:
        return _NAN
    try:
        return Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        return _NAN


def kpi_input(kpi: Kpi, version: KpiVersion | None, result: Result | None) -> scoring.KpiInput:
    """The engine's view of one KPI: definition from the version in force (else the working
    copy), result from the verified value (else the reported value) of a result that counts
    (`results.models.counts_in_score`); any other result is scored as missing."""
    definition: Kpi | KpiVersion = version if version is not None else kpi
    counted = result is not None and counts_in_score(result.state)
    return engine_input(
        code=kpi.code,
        name=definition.name_th,
        component=definition.component.code,
        weight=definition.weight,
        targets=definition.targets,
        direction=definition.direction,
        monitor=definition.is_monitor,
        value=result.value if counted and result is not None else None,
        verified_value=result.verified_value if counted and result is not None else None,
    )


def engine_input(
    *,
    code: str,
    name: str,
    component: str,
    weight: Decimal | int,
    targets: object,
    direction: str,
    monitor: bool,
    value: Decimal | None,
    verified_value: Decimal | None,
) -> scoring.KpiInput:
    """One KPI as the engine takes it, from stored columns: the value scored is the verified
    value when the desk set one."""
    scored = verified_value if verified_value is not None else value
    return scoring.KpiInput(
        code=code,
        name=name,
        component=component,
        weight=Decimal(weight),
        targets=tuple(to_decimal(t) for t in targets) if isinstance(targets, list) else (),
        result=None if scored is None else Decimal(scored),
        direction=direction,  # type: ignore[arg-type]
        monitor=monitor,
    )


def load_framework(framework: Framework | int) -> Framework:
    """The framework with its components, ladder, bands and rounds prefetched (five queries)."""
    pk = framework if isinstance(framework, int) else framework.pk
    return framework_get(pk=pk)


def _kpis(framework: Framework, organisation_ids: Iterable[int] | None) -> list[Kpi]:
    """The framework's KPIs with their versions, components, rounds and organisations attached.

    Components and rounds come from the framework already loaded and organisations from one query,
    rather than joined onto every KPI and version, where the joins tripled the model instances
    built for a national year."""
    # Removed KPIs are read too: a removal takes effect from its own round only (`kpis.in_force`).
    qs = Kpi.objects.filter(framework=framework)
    if organisation_ids is not None:
        qs = qs.filter(organisation_id__in=list(organisation_ids))
    kpis = list(
        qs.prefetch_related(Prefetch("versions", queryset=KpiVersion.objects.order_by("number"))).order_by(
            "organisation__code", "component__order", "order", "code"
        )
    )
    components = {c.pk: c for c in framework.components.all()}
    rounds = {r.pk: r for r in framework.rounds.all()}
    versions = [v for k in kpis for v in k.versions.all()]
    missing_components = {v.component_id for v in versions} | {k.component_id for k in kpis}
    missing_components -= components.keys()
    if missing_components:  # a version may name a component of another framework: load those too
        components.update(Component.objects.in_bulk(missing_components))
    missing_rounds = {v.effective_from_id for v in versions if v.effective_from_id} - rounds.keys()
    if missing_rounds:
        rounds.update(Round.objects.in_bulk(missing_rounds))
    organisations = Organisation.objects.in_bulk({k.organisation_id for k in kpis})
    for kpi in kpis:
        kpi.component = components[kpi.component_id]
        kpi.organisation = organisations[kpi.organisation_id]
    for version in versions:
        version.component = components[version.component_id]
        if version.effective_from_id:
            version.effective_from = rounds[version.effective_from_id]
    return kpis


def build_scorecards(
    framework: Framework,
    *,
    organisations: Iterable[Organisation] | None = None,
    rounds: Iterable[Round] | None = None,
) -> list[BuiltScorecard]:
    """Every scorecard of the framework (or of the given organisations and rounds), one per
    organisation with KPIs and round, in a fixed number of queries."""
    framework = load_framework(framework)
    rules = scoring_framework(framework)
    round_list = list(rounds) if rounds is not None else list(framework.rounds.all())
    org_ids = None if organisations is None else [o.pk for o in organisations]
    kpis = _kpis(framework, org_ids)
    results: dict[tuple[int, int], Result] = {
        (r.kpi_id, r.round_id): r
        for r in Result.objects.filter(kpi__in=[k.pk for k in kpis], round__in=[r.pk for r in round_list])
    }
    removed = removal_months(k.pk for k in kpis if k.is_removed)
    by_org: dict[int, list[Kpi]] = defaultdict(list)
    orgs: dict[int, Organisation] = {}
    for kpi in kpis:
        by_org[kpi.organisation_id].append(kpi)
        orgs[kpi.organisation_id] = kpi.organisation
    cards: list[BuiltScorecard] = []
    for org_id, org_kpis in by_org.items():
        for round_ in round_list:
            lines = []
            for kpi in org_kpis:
                row = in_force(kpi, round_.months, removed_from_months=removed.get(kpi.pk))
                if row is None:
                    continue
                version = row.version
                result = results.get((kpi.pk, round_.pk))
                lines.append(ScorecardLine(kpi, version, result, kpi_input(kpi, version, result)))
            lines.sort(key=lambda line: (line.component.order, line.kpi.order, line.kpi.code))
            cards.append(BuiltScorecard(framework, orgs[org_id], round_, rules, tuple(lines)))
    return cards


def build_scorecard(framework: Framework, organisation: Organisation, round: Round) -> BuiltScorecard:
    """One organisation's scorecard for one round (empty of KPIs if it has none)."""
    cards = build_scorecards(framework, organisations=[organisation], rounds=[round])
    if cards:
        return cards[0]
    framework = load_framework(framework)
    return BuiltScorecard(framework, organisation, round, scoring_framework(framework), ())


def scorecard_input(framework: Framework, organisation: Organisation, round: Round) -> scoring.Scorecard:
    """The engine input (`govkpi.scoring.Scorecard`) of one organisation for one round."""
    return build_scorecard(framework, organisation, round).scorecard
