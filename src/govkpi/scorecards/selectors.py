"""Reads for scorecard pages: which scorecards a viewer may open, and one of them built.

Internal viewers see the scorecards of the organisations their Viewer allows (OPDC all, MOI the
provinces, a coordinator their own organisation and those under it); everybody, logged in or
not, sees the scorecards of a published framework.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from govkpi.core.errors import NotAllowed, NotFound
from govkpi.frameworks.models import Framework, Round
from govkpi.kpis.models import Kpi
from govkpi.organisations.access import Viewer
from govkpi.organisations.models import Organisation
from govkpi.results.models import OrganisationScore
from govkpi.scorecards.build import BuiltScorecard, build_scorecard


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
    with_kpis = Framework.objects.filter(fiscal_year__year=year, kpis__organisation=organisation).distinct()
    return with_kpis.first() or Framework.objects.filter(fiscal_year__year=year, participants=organisation).first()


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
