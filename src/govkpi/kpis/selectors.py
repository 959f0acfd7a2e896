"""Reads of KPI assignments, scoped: own organisation's drafts, or what has been published."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet

from govkpi.frameworks.models import Framework
from govkpi.kpis.choices import ProposalState

# What is in force in a round is decided in `in_force`; readers import it from here.
from govkpi.kpis.in_force import (
    InForce as InForce,
)
from govkpi.kpis.in_force import (
    in_force as in_force,
)
from govkpi.kpis.in_force import (
    in_round as in_round,
)
from govkpi.kpis.in_force import (
    kpi_in_round as kpi_in_round,
)
from govkpi.kpis.in_force import (
    kpis_in_round as kpis_in_round,
)
from govkpi.kpis.in_force import (
    newest_in_force as newest_in_force,
)
from govkpi.kpis.in_force import (
    removal_months as removal_months,
)
from govkpi.kpis.in_force import (
    reportable_in_round as reportable_in_round,
)
from govkpi.kpis.in_force import (
    reportable_in_round_q as reportable_in_round_q,
)
from govkpi.kpis.in_force import (
    version_in_force as version_in_force,
)
from govkpi.kpis.models import ChangeRequest, JointKpi, Kpi, KpiVersion, Proposal
from govkpi.organisations.access import Viewer
from govkpi.organisations.models import Organisation


def _framework_published_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}published_at__isnull": False})


def _approved_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}proposal__state": ProposalState.APPROVED})


def published_q(prefix: str = "") -> Q:
    """A KPI anyone may see: its framework is published and its proposal approved."""
    return _framework_published_q(f"{prefix}framework__") & _approved_q(prefix)


def visible_kpis(viewer: Viewer) -> QuerySet[Kpi]:
    return Kpi.objects.filter(viewer.internal_or(published_q(), "organisation__"))


def visible_kpi_counts(viewer: Viewer, framework_ids: Collection[int]) -> dict[int, int]:
    """How many KPIs of each framework (removed ones left out) `visible_kpis` shows the viewer, by
    framework id (a framework with none is left out).

    Counted from the `kpi_live_framework_idx` index, without the OR of `visible_kpis`: with it the
    database joined every KPI of the country to its organisation, framework and proposal to test it.
    In a published framework the viewer sees all but the KPIs neither approved nor inside; in an
    unpublished one, only those inside."""
    live = Kpi.objects.filter(is_removed=False, framework_id__in=list(framework_ids)).order_by()

    def per_framework(kpis: QuerySet[Kpi]) -> dict[int, int]:
        return dict(kpis.values_list("framework_id").annotate(n=Count("*")).values_list("framework_id", "n"))

    if viewer.sees_all:
        return per_framework(live)
    published = set(
        Framework.objects.filter(_framework_published_q(), pk__in=list(framework_ids))
        .order_by()
        .values_list("pk", flat=True)
    )
    unpublished = [framework_id for framework_id in framework_ids if framework_id not in published]
    inside = viewer.organisation_q("organisation__")
    counts = per_framework(live.filter(framework_id__in=published))
    hidden = per_framework(live.filter(framework_id__in=published).exclude(_approved_q()).exclude(inside))
    for framework_id, n in hidden.items():
        counts[framework_id] -= n
    counts.update(per_framework(live.filter(framework_id__in=unpublished).filter(inside)))
    return {framework_id: n for framework_id, n in counts.items() if n}


@dataclass(frozen=True)
class KpiFilters:
    year: int | None = None
    group: str = ""
    organisation: str = ""
    kpi_type: str = ""
    origin: str = ""
    monitor: bool | None = None
    joint: bool | None = None
    theme: str = ""
    q: str = ""
    strategic: str = ""  # a Strategic KPI's code: its attached KPIs (same or proxy)


def kpi_list(*, viewer: Viewer, filters: KpiFilters) -> QuerySet[Kpi]:
    qs = visible_kpis(viewer).filter(is_removed=False)
    if filters.year:
        qs = qs.filter(framework__fiscal_year__year=filters.year)
    if filters.group:
        qs = qs.filter(framework__group=filters.group)
    if filters.organisation:
        qs = qs.filter(organisation__code=filters.organisation)
    if filters.kpi_type:
        qs = qs.filter(kpi_type=filters.kpi_type)
    if filters.origin:
        qs = qs.filter(origin=filters.origin)
    if filters.monitor is not None:
        qs = qs.filter(is_monitor=filters.monitor)
    if filters.joint is not None:
        qs = qs.filter(joint__isnull=not filters.joint)
    if filters.theme:
        qs = qs.filter(themes__icontains=filters.theme)
    if filters.q:
        qs = qs.filter(Q(name_th__icontains=filters.q) | Q(code__icontains=filters.q))
    if filters.strategic:
        qs = qs.filter(strategic__code=filters.strategic)
    return qs.select_related(
        "organisation", "framework__fiscal_year", "component", "proposal", "joint", "basket", "strategic"
    ).order_by("framework__fiscal_year__year", "organisation__code", "order")


def kpi_get(*, viewer: Viewer, pk: int) -> Kpi:
    """Raises Kpi.DoesNotExist for an unknown id and PermissionDenied for one the viewer may not see."""
    kpi = (
        Kpi.objects.select_related(
            "organisation__parent",
            "framework__fiscal_year",
            "component",
            "proposal",
            "joint__host",
            "cascade",
            "basket",
            "strategic",
        )
        .prefetch_related(
            "plan_links",
            Prefetch("versions", queryset=KpiVersion.objects.select_related("effective_from", "component")),
        )
        .get(pk=pk)
    )
    if not visible_kpis(viewer).filter(pk=pk).exists():
        raise PermissionDenied("คุณไม่มีสิทธิ์ดูตัวชี้วัดนี้ / You may not see this KPI.")
    return kpi


def _proposals_filtered(
    viewer: Viewer, *, year: int | None = None, group: str = "", state: str = "", organisation: str = ""
) -> QuerySet[Proposal]:
    qs = proposals_listed(viewer)
    if year:
        qs = qs.filter(framework__fiscal_year__year=year)
    if group:
        qs = qs.filter(framework__group=group)
    if state:
        qs = qs.filter(state=state)
    if organisation:
        qs = qs.filter(organisation__code=organisation)
    return qs


def proposal_list(
    *, viewer: Viewer, year: int | None = None, group: str = "", state: str = "", organisation: str = ""
) -> QuerySet[Proposal]:
    qs = _proposals_filtered(viewer, year=year, group=group, state=state, organisation=organisation)
    return (
        qs.select_related("organisation", "framework__fiscal_year")
        .annotate(kpi_count=Count("kpis", filter=Q(kpis__is_removed=False)))
        .order_by("-framework__fiscal_year__year", "framework__group", "organisation__code")
    )


def proposal_state_counts(
    *, viewer: Viewer, year: int | None = None, group: str = "", organisation: str = ""
) -> dict[str, int]:
    """State → how many listed proposals (the list's other filters applied) are in it: one query."""
    qs = _proposals_filtered(viewer, year=year, group=group, organisation=organisation)
    return dict(qs.order_by().values("state").annotate(n=Count("pk")).values_list("state", "n"))


def change_request_list(*, viewer: Viewer, year: int | None = None) -> QuerySet[ChangeRequest]:
    qs = ChangeRequest.objects.filter(viewer.organisation_q("organisation__"))
    if year:
        qs = qs.filter(framework__fiscal_year__year=year)
    return qs.select_related("organisation", "kpi", "round", "framework__fiscal_year")


def proposals_visible(viewer: Viewer) -> QuerySet[Proposal]:
    return Proposal.objects.filter(
        viewer.internal_or(Q(framework__published_at__isnull=False, state=ProposalState.APPROVED), "organisation__")
    )


def proposals_worked_on(viewer: Viewer) -> QuerySet[Proposal]:
    """The proposals of the organisations the viewer sees inside (`Viewer.organisation_q`): a
    coordinator's and executive's own organisation (and those under it), the MOI reviewer's
    provinces, everything for OPDC and the committees. Work queues and lists read these."""
    return Proposal.objects.filter(viewer.organisation_q("organisation__"))


def proposals_listed(viewer: Viewer) -> QuerySet[Proposal]:
    """What the proposal list holds: the proposals a signed-in viewer works on, never another
    organisation's published ones (a provincial coordinator once saw all 39); logged out (the API),
    the approved proposals of published frameworks. A published proposal still opens for everyone
    (`proposals_visible`), its approved KPIs are in the KPI list and the public portal."""
    if viewer.is_public:
        return proposals_visible(viewer)
    return proposals_worked_on(viewer)


def proposal_shows_review(viewer: Viewer, proposal: Proposal) -> bool:
    """Whether a viewer reads a proposal's review: its timeline (who did what, OPDC's comments),
    rule check, deadline and actions. Only those who see the organisation inside do; a published
    proposal shows everyone else, logged out too, its approved KPIs and nothing of the review.
    The proposal page and `GET /api/v1/proposals/{id}` both ask this."""
    org = proposal.organisation
    return viewer.may_see_organisation(organisation_id=org.pk, kind=org.kind, parent_id=org.parent_id)


def proposal_get(*, viewer: Viewer, pk: int) -> Proposal:
    """Raises Proposal.DoesNotExist for an unknown id and for one the viewer may not see (no leak)."""
    return proposals_visible(viewer).select_related("organisation", "framework__fiscal_year").get(pk=pk)


def proposal_kpis(proposal: Proposal) -> list[Kpi]:
    """The proposal's KPIs with what a page shows of them, in a fixed number of queries."""
    return list(
        proposal.kpis.filter(is_removed=False)
        .select_related("component", "basket", "joint__host", "cascade__owner", "strategic")
        .prefetch_related("plan_links")
        .order_by("component__order", "order", "pk")
    )


def joints_visible(viewer: Viewer) -> QuerySet[JointKpi]:
    """The joint KPIs this viewer may see: all for OPDC and committees; otherwise those its
    organisations host or take part in, and every joint KPI of a published framework."""
    if viewer.sees_all:
        return JointKpi.objects.all()
    return JointKpi.objects.filter(
        viewer.organisation_q("host__")
        | Q(participants__in=Organisation.objects.filter(viewer.organisation_q()))
        | Q(framework__published_at__isnull=False)
    ).distinct()
