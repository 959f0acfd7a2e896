"""Changing the rules of an announced framework: what it touches, shown before it is saved.

Organisations already work under an announced framework: their proposals were checked against its
rules and their results scored by them. `framework_change` runs one of the designer's writes
(`frameworks.services.framework_set_*` / `framework_update`) and reports, for every proposal of the
framework, the rule problems before and after (the proposal check, `kpis.workflow.proposal_problems`),
and for every stored score its total and band before and after (the write rescored them through the
one stored-score path, `core.signals.score_inputs_changed` → `rescore_report`). Without `confirm`
the write is rolled back after measuring, so the page can show the impact and ask; with it the write
stays. A draft has nobody under it: its changes apply at once.

It lives in scorecards because it reads proposals (kpis) and results, both above frameworks.
Publication snapshots are separate immutable rows: nothing here touches them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction

from govkpi.core.errors import NotAllowed
from govkpi.frameworks.models import Framework
from govkpi.frameworks.services import check_may_design
from govkpi.kpis.models import Proposal
from govkpi.kpis.workflow import proposal_problems
from govkpi.organisations.access import viewer_for
from govkpi.results.models import OrganisationScore, Result
from govkpi.scoring import Problem


@dataclass(frozen=True)
class ProposalImpact:
    proposal_id: int
    organisation_code: str
    organisation_name_th: str
    state: str
    problems_before: int
    problems_after: list[Problem]

    @property
    def newly_broken(self) -> bool:
        return not self.problems_before and bool(self.problems_after)


@dataclass(frozen=True)
class ScoreImpact:
    organisation_code: str
    organisation_name_th: str
    months: int
    total_before: Decimal | None
    total_after: Decimal | None
    band_before: str
    band_after: str

    @property
    def changed(self) -> bool:
        return (self.total_before, self.band_before) != (self.total_after, self.band_after)


@dataclass
class ChangeImpact:
    """What a change of rules touches. `applied` says whether it was saved."""

    applied: bool
    proposals: list[ProposalImpact] = field(default_factory=list)
    scores: list[ScoreImpact] = field(default_factory=list)
    results: int = 0

    @property
    def proposals_broken(self) -> list[ProposalImpact]:
        return [p for p in self.proposals if p.problems_after]

    @property
    def scores_changed(self) -> list[ScoreImpact]:
        return [s for s in self.scores if s.changed]

    @property
    def organisations_scored(self) -> int:
        return len({s.organisation_code for s in self.scores})

    def as_dict(self) -> dict[str, Any]:
        return {
            "applied": self.applied,
            "proposals": [
                {
                    "proposal_id": p.proposal_id,
                    "organisation": p.organisation_code,
                    "state": p.state,
                    "problems_before": p.problems_before,
                    "problems_after": [x.as_dict() for x in p.problems_after],
                }
                for p in self.proposals
            ],
            "scores": [
                {
                    "organisation": s.organisation_code,
                    "months": s.months,
                    "total_before": s.total_before,
                    "total_after": s.total_after,
                    "band_before": s.band_before,
                    "band_after": s.band_after,
                    "changed": s.changed,
                }
                for s in self.scores
            ],
            "results": self.results,
            "proposal_count": len(self.proposals),
            "proposals_broken": len(self.proposals_broken),
            "organisations_scored": self.organisations_scored,
            "scores_changed": len(self.scores_changed),
        }


class _Measured(Exception):
    """Raised to roll a previewed change back, carrying what it measured."""

    def __init__(self, impact: ChangeImpact) -> None:
        super().__init__("preview")
        self.impact = impact


def _proposals(framework: Framework) -> list[Proposal]:
    return list(
        Proposal.objects.filter(framework=framework)
        .select_related("organisation", "framework")
        .order_by("organisation__code")
    )


def _scores(framework: Framework) -> dict[tuple[int, int], OrganisationScore]:
    return {
        (s.organisation_id, s.round_id): s
        for s in OrganisationScore.objects.filter(framework=framework).select_related("organisation", "round")
    }


def framework_change(
    *, framework: Framework, by: Any, change: Callable[[], object] | None, confirm: bool
) -> ChangeImpact:
    """Run `change` (a designer write on `framework`) and say what it touched; keep it only when
    `confirm` is true or the framework is a draft. Without a change it lists what any change would
    re-check and rescore, which every OPDC viewer may read."""
    if change is not None:
        check_may_design(by)
    elif not viewer_for(by).is_opdc:
        raise NotAllowed("เฉพาะสำนักงาน ก.พ.ร.", "OPDC only.")
    framework.refresh_from_db(fields=["announced_at"])
    keep = change is not None and (confirm or not framework.is_announced)
    proposals = _proposals(framework)
    before_problems = {p.pk: len(proposal_problems(p)) for p in proposals}
    before_scores = _scores(framework)
    try:
        with transaction.atomic():
            if change is not None:
                change()
            fresh = Framework.objects.get(pk=framework.pk)
            after_scores = _scores(fresh)
            impact = ChangeImpact(
                applied=keep,
                proposals=[
                    ProposalImpact(
                        proposal_id=p.pk,
                        organisation_code=p.organisation.code,
                        organisation_name_th=p.organisation.name_th,
                        state=p.state,
                        problems_before=before_problems[p.pk],
                        problems_after=proposal_problems(Proposal.objects.select_related("framework").get(pk=p.pk)),
                    )
                    for p in proposals
                ],
                scores=[
                    ScoreImpact(
                        organisation_code=s.organisation.code,
                        organisation_name_th=s.organisation.name_th,
                        months=s.round.months,
                        total_before=s.total,
                        total_after=after_scores[key].total if key in after_scores else None,
                        band_before=s.band,
                        band_after=after_scores[key].band if key in after_scores else "",
                    )
                    for key, s in sorted(
                        before_scores.items(), key=lambda kv: (kv[1].organisation.code, kv[1].round.months)
                    )
                ],
                results=Result.objects.filter(round__framework=fresh, points__isnull=False).count(),
            )
            if not keep:
                raise _Measured(impact)
    except _Measured as measured:
        return measured.impact
    return impact
