"""Reads for scorecard pages: which scorecards a viewer may open, and one of them built.

Internal viewers see the scorecards of the organisations their Viewer allows (OPDC all, MOI the
provinces, a coordinator their own organisation and those under it); everybody, logged in or
not, sees the scorecards of a published framework.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db.models import Q

from govkpi import scoring
from govkpi.core.errors import NotAllowed, NotFound
from govkpi.frameworks.models import Framework, Round
from govkpi.frameworks.selectors import announced_q
from govkpi.kpis.models import Kpi
from govkpi.organisations.access import Viewer
from govkpi.organisations.models import Organisation
from govkpi.results.models import OrganisationScore
from govkpi.scorecards.build import BuiltScorecard, ScorecardLine, build_scorecard
from govkpi.scorecards.present import (
    INVALID,
    RECOMPUTING,
    SCORED,
    UNSCORED,
    RowScore,
    ScorecardView,
    lay_out,
)
from govkpi.scoring.arith import json_number


@dataclass(frozen=True)
class Access:
    """What a viewer may do with one scorecard."""

    internal: bool  # sees it as its organisation or OPDC does, published or not
    public: bool  # sees it because the framework is published


def access_to(viewer: Viewer, organisation: Organisation, framework: Framework) -> Access:
    internal = viewer.may_see_organisation(
        organisation_id=organisation.pk, kind=organisation.kind, parent_id=organisation.parent_id
    )
    return Access(internal=internal, public=framework.is_published)


def framework_of(organisation: Organisation, year: int) -> Framework | None:
    """The organisation's framework in a fiscal year: the one holding its KPIs, else the one it
    takes part in."""
    # Announced frameworks only: a draft is OPDC's work in progress, not what the organisation is under.
    announced = Framework.objects.filter(announced_q(), fiscal_year__year=year)
    with_kpis = announced.filter(kpis__organisation=organisation).distinct()
    return with_kpis.first() or announced.filter(participants=organisation).first()


def scorecard_get(*, viewer: Viewer, org_code: str, year: int, months: int) -> BuiltScorecard:
    """One scorecard, built from stored data. NotFound for what does not exist, NotAllowed for
    what the viewer may not see."""
    organisation = Organisation.objects.filter(code=org_code).first()
    if organisation is None:
        raise NotFound(f"ไม่พบส่วนราชการรหัส {org_code}", f"No organisation with code {org_code}.")
    framework = framework_of(organisation, year)
    if framework is None:
        raise NotFound(
            f"{organisation.name_th} ไม่มีกรอบการประเมินปี {year}", f"{organisation.code} has no framework in {year}."
        )
    round_ = Round.objects.filter(framework=framework, months=months).first()
    if round_ is None:
        raise NotFound(f"ไม่มีรอบ {months} เดือนในปี {year}", f"There is no {months}-month round in {year}.")
    access = access_to(viewer, organisation, framework)
    if not (access.internal or access.public):
        raise NotAllowed(
            "คุณไม่มีสิทธิ์ดูผลการประเมินนี้ (ยังไม่เผยแพร่)",
            "You may not see this scorecard (it has not been published).",
        )
    return build_scorecard(framework, organisation, round_)


def public_url_for(*, viewer: Viewer, org_code: str, year: int, months: int) -> str | None:
    """Where a viewer who may not see this organisation inside is sent instead: the public
    scorecard (read from the publication snapshot), or None when the viewer sees it inside or it
    does not exist. Outsiders never get a scorecard built from live tables: a correction in
    progress stays private until OPDC publishes an amendment."""
    organisation = Organisation.objects.filter(code=org_code).first()
    framework = framework_of(organisation, year) if organisation is not None else None
    if organisation is None or framework is None or not framework.is_published:
        return None
    if not framework.rounds.filter(months=months).exists() or access_to(viewer, organisation, framework).internal:
        return None
    return f"/public/{year}/{framework.group}/{organisation.code}/"


def scorecard_view(card: BuiltScorecard) -> ScorecardView:
    """The scorecard as STORED: each Result's `points`, `weighted` and `explanation` and the
    organisation's `OrganisationScore` (total, band, components), laid out for the scorecard page,
    its Excel download and the logged-in API alike. Nothing is scored here (one query beyond the
    card): rescoring stores what the engine says in the same transaction as every write that
    changes an input, and `govkpi scores verify` checks it. A stored score missing or out of step
    with the card's results gives the RECOMPUTING view, which says so instead of a figure.
    The what-if simulator scores live (`present.present`)."""
    stored = OrganisationScore.objects.filter(organisation=card.organisation, round=card.round).first()
    return stored_view(card, stored)


def stored_view(card: BuiltScorecard, stored: OrganisationScore | None) -> ScorecardView:
    """`scorecard_view` for a card and its stored total already read (no query)."""
    with_results = [line for line in card.lines if line.result is not None]
    problems = _stored_problems(with_results)
    if not card.has_scored_results:
        # Nothing verified yet: no total, no points. The card's own rule problems (weights, counts)
        # are still worth showing before anything is reported; that is validation, not a score.
        if stored is not None or any(line.result.points is not None for line in with_results):  # type: ignore[union-attr]
            return _recomputing(card)
        return lay_out(
            card,
            {},
            status=UNSCORED,
            total=None,
            band_name=None,
            component_scores={},
            problems=tuple(scoring.validate(card.scorecard)),
        )
    if problems is not None:
        if stored is not None or any(line.result.points is not None for line in with_results):  # type: ignore[union-attr]
            return _recomputing(card)
        return lay_out(card, {}, status=INVALID, total=None, band_name=None, component_scores={}, problems=problems)
    if stored is None:
        return _recomputing(card)
    scores: dict[str, RowScore | None] = {}
    for line in card.lines:
        score = _row_score(card, line)
        if score is None:
            return _recomputing(card)
        scores[line.input.code] = score
    component_scores = _component_scores(stored.components)
    if component_scores is None:
        return _recomputing(card)
    monitoring = card.framework.monitoring_only
    return lay_out(
        card,
        scores,
        status=SCORED,
        total=stored.total.quantize(Decimal("0.01")),
        band_name=None if monitoring or not stored.band else stored.band,
        component_scores=component_scores,
    )


def result_document(view: ScorecardView) -> dict[str, object] | None:
    """The result document (docs/scorecard.md, as `govkpi score` prints it) of a view: None when
    it has no total. Of a stored view it is built from the stored values, which equal what the
    preview computes from the card's document as long as `govkpi scores verify` finds nothing."""
    if not view.scored or view.total is None:
        return None
    return {
        "total": json_number(view.total),
        "total_text": format(view.total, "f"),
        "band": view.band_name,
        "monitoring_only": view.monitoring_only,
        "components": [
            {
                "code": block.component.code,
                "weight": json_number(Decimal(block.component.weight)),
                "score": json_number(block.score if block.score is not None else Decimal(0)),
            }
            for block in view.components
        ],
        "kpis": [
            {
                "code": line.input.code,
                "points": json_number(score.points),
                "weighted": json_number(score.weighted),
                "counted": score.counted,
                "missing": score.missing,
                "explanation": dict(score.explanation_document()),
            }
            for line in view.card.lines
            if (score := _score_of(view, line.input.code)) is not None
        ],
    }


def _score_of(view: ScorecardView, code: str) -> RowScore | None:
    return next((row.score for row in view.rows if row.code == code), None)


def _recomputing(card: BuiltScorecard) -> ScorecardView:
    return lay_out(card, {}, status=RECOMPUTING, total=None, band_name=None, component_scores={})


def _stored_problems(lines: list[ScorecardLine]) -> tuple[scoring.Problem, ...] | None:
    """The rule problems stored on the card's results when it could not be scored, else None."""
    for line in lines:
        explanation = line.result.explanation if line.result is not None else None
        if isinstance(explanation, dict) and isinstance(explanation.get("problems"), list):
            return tuple(
                scoring.Problem(
                    str(p.get("rule", "")),
                    str(p.get("th", "")),
                    str(p.get("en", "")),
                    kpi=p.get("kpi"),
                    field=p.get("field"),
                    component=p.get("component"),
                )
                for p in explanation["problems"]
                if isinstance(p, dict)
            )
    return None


def _row_score(card: BuiltScorecard, line: ScorecardLine) -> RowScore | None:
    """A KPI's stored score; None when it is missing or was computed from other inputs than the
    card's (its explanation names the result and weight it was scored from)."""
    kpi = line.input
    result = line.result
    if result is None:
        # No Result row: nothing is stored because there is nothing to store. A KPI without a
        # result scores 0 whatever else changes; the engine words it.
        return RowScore.live(scoring.score_kpi(kpi, card.rules))
    explanation = result.explanation
    if result.points is None or result.weighted is None or not isinstance(explanation, dict):
        return None
    steps = explanation.get("steps")
    if not isinstance(steps, list) or not steps or not isinstance(steps[0], dict):
        return None
    placement = steps[0]
    if kpi.result is None:
        if placement.get("kind") != "missing_result":
            return None
    elif _number(placement.get("result")) != kpi.result:
        return None
    last = steps[-1] if isinstance(steps[-1], dict) else {}
    if kpi.monitor:
        if last.get("kind") != "not_counted":
            return None
    elif last.get("kind") != "weighted" or _number(last.get("weight")) != kpi.weight:
        return None
    return RowScore(
        result.points,
        result.weighted,
        counted=not kpi.monitor,
        missing=kpi.result is None,
        stored_explanation=explanation,
    )


def _component_scores(components: object) -> dict[str, Decimal] | None:
    if not isinstance(components, list):
        return None
    scores: dict[str, Decimal] = {}
    for item in components:
        if not isinstance(item, Mapping):
            return None
        score = _number(item.get("score"))
        if score is None:
            return None
        scores[str(item.get("code"))] = score
    return scores


def _number(value: object) -> Decimal | None:
    """A number as stored in JSON (int, float or text), exactly as written."""
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


@dataclass
class IndexEntry:
    """One organisation in one framework, with its rounds and any stored totals."""

    framework: Framework
    organisation: Organisation
    rounds: list[Round]
    scores: dict[int, OrganisationScore] = field(default_factory=dict)  # by round id

    @property
    def round_scores(self) -> list[tuple[Round, OrganisationScore | None]]:
        return [(r, self.scores.get(r.pk)) for r in self.rounds]


def scorecard_index(
    *, viewer: Viewer, year: int | None = None, group: str = "", organisation: str = ""
) -> list[IndexEntry]:
    """The scorecards a viewer may open: organisations × frameworks with KPIs, newest year first."""
    visible = Kpi.objects.filter(is_removed=False).filter(
        viewer.internal_or(Q(framework__published_at__isnull=False), "organisation__")
    )
    if year:
        visible = visible.filter(framework__fiscal_year__year=year)
    if group:
        visible = visible.filter(framework__group=group)
    if organisation:
        visible = visible.filter(organisation__code=organisation)
    pairs = set(visible.values_list("framework_id", "organisation_id").distinct())
    if not pairs:
        return []
    frameworks = {
        f.pk: f
        for f in Framework.objects.filter(pk__in={f for f, _ in pairs})
        .select_related("fiscal_year")
        .prefetch_related("rounds")
    }
    orgs = Organisation.objects.in_bulk({o for _, o in pairs})
    scores: dict[tuple[int, int], dict[int, OrganisationScore]] = defaultdict(dict)
    for score in OrganisationScore.objects.filter(framework_id__in=frameworks.keys(), organisation_id__in=orgs.keys()):
        scores[(score.framework_id, score.organisation_id)][score.round_id] = score
    entries = [
        IndexEntry(
            framework=frameworks[f],
            organisation=orgs[o],
            rounds=sorted(frameworks[f].rounds.all(), key=lambda r: r.months),
            scores=scores.get((f, o), {}),
        )
        for f, o in pairs
    ]
    entries.sort(key=lambda e: (-e.framework.fiscal_year.year, e.framework.group, e.organisation.code))
    return entries
