"""Reads of committees' work, scoped by the Viewer.

OPDC, the committee secretary and committee members see every meeting. An organisation (its
coordinator, executive, or the MOI reviewer for provinces) sees a meeting only when it concerns
it: an agenda item carries one of its proposals or change requests, or the meeting made a
recommendation to it. Inside such a meeting it sees only those agenda items and recommendations.
The public sees none.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from govkpi.core.errors import NotFound
from govkpi.kpis.models import ChangeRequest, Proposal
from govkpi.organisations.access import Viewer
from govkpi.reviews.models import AgendaItem, Committee, Meeting, Recommendation, Resolution


def committee_list() -> QuerySet[Committee]:
    return Committee.objects.order_by("code")


def committee_get(code: str) -> Committee:
    committee = Committee.objects.filter(code=code).first()
    if committee is None:
        raise NotFound("ไม่พบคณะกรรมการนี้", "No such committee")
    return committee


def agenda_concerns_q(viewer: Viewer, prefix: str = "") -> Q:
    """Agenda items carrying a proposal or change request of an organisation the viewer may see."""
    return Q(**{f"{prefix}proposals__in": _proposal_ids(viewer)}) | Q(
        **{f"{prefix}change_requests__in": _change_ids(viewer)}
    )


def _proposal_ids(viewer: Viewer) -> QuerySet:  # type: ignore[type-arg]

    return Proposal.objects.filter(viewer.organisation_q("organisation__")).values("pk")


def _change_ids(viewer: Viewer) -> QuerySet:  # type: ignore[type-arg]

    return ChangeRequest.objects.filter(viewer.organisation_q("organisation__")).values("pk")


def recommendations_visible(viewer: Viewer) -> QuerySet[Recommendation]:
    return Recommendation.objects.filter(viewer.organisation_q("organisation__")).select_related(
        "organisation", "meeting__committee", "answered_by__person"
    )


def agenda_items_visible(viewer: Viewer) -> QuerySet[AgendaItem]:
    if viewer.sees_all:
        return AgendaItem.objects.all()
    if viewer.is_public:
        return AgendaItem.objects.none()
    return AgendaItem.objects.filter(pk__in=AgendaItem.objects.filter(agenda_concerns_q(viewer)).values("pk"))


def meetings_visible(viewer: Viewer) -> QuerySet[Meeting]:
    if viewer.sees_all:
        return Meeting.objects.all()
    if viewer.is_public:
        return Meeting.objects.none()
    concerned = Meeting.objects.filter(
        Q(agenda_items__in=agenda_items_visible(viewer)) | Q(recommendations__in=recommendations_visible(viewer))
    ).values("pk")
    return Meeting.objects.filter(pk__in=concerned)


def meeting_list(*, viewer: Viewer, committee: str = "", year_be: int | None = None) -> QuerySet[Meeting]:
    qs = meetings_visible(viewer).select_related("committee")
    if committee:
        qs = qs.filter(committee__code=committee)
    if year_be:
        qs = qs.filter(year_be=year_be)
    return qs.order_by("-held_on", "-pk")


def meeting_get(*, viewer: Viewer, pk: int) -> Meeting:
    """The meeting with only the agenda items and recommendations this viewer may see prefetched."""

    meeting = (
        meetings_visible(viewer)
        .select_related("committee")
        .prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=agenda_items_visible(viewer)
                .order_by("order")
                .prefetch_related(
                    Prefetch(
                        "proposals",
                        queryset=Proposal.objects.filter(viewer.organisation_q("organisation__")).select_related(
                            "organisation", "framework__fiscal_year"
                        ),
                    ),
                    Prefetch(
                        "change_requests",
                        queryset=ChangeRequest.objects.filter(viewer.organisation_q("organisation__")).select_related(
                            "organisation", "kpi", "round"
                        ),
                    ),
                    Prefetch(
                        "resolutions",
                        queryset=Resolution.objects.select_related("recorded_by__person").order_by("recorded_at", "pk"),
                    ),
                ),
                to_attr="visible_items",
            ),
            Prefetch(
                "recommendations",
                queryset=recommendations_visible(viewer).order_by("organisation__code", "pk"),
                to_attr="visible_recommendations",
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise NotFound("ไม่พบการประชุมนี้ หรือท่านไม่มีสิทธิ์ดู", "No such meeting, or you may not see it")
    return meeting


def agenda_item_get(*, viewer: Viewer, pk: int) -> AgendaItem:
    item = agenda_items_visible(viewer).select_related("meeting__committee").filter(pk=pk).first()
    if item is None:
        raise NotFound("ไม่พบวาระนี้", "No such agenda item")
    return item


def recommendation_list(*, viewer: Viewer, open_only: bool = False, organisation: str = "") -> QuerySet[Recommendation]:
    qs = recommendations_visible(viewer)
    if open_only:
        qs = qs.filter(answered_at__isnull=True)
    if organisation:
        qs = qs.filter(organisation__code=organisation)
    return qs.order_by("-meeting__held_on", "organisation__code", "pk")


def recommendation_get(*, viewer: Viewer, pk: int) -> Recommendation:
    rec = recommendations_visible(viewer).filter(pk=pk).first()
    if rec is None:
        raise NotFound("ไม่พบข้อเสนอแนะนี้", "No such recommendation")
    return rec


def open_recommendation_count(viewer: Viewer) -> int:
    """Unanswered recommendations addressed to the viewer's own organisation (for its home page)."""
    if viewer.organisation_id is None:
        return 0
    return Recommendation.objects.filter(organisation_id=viewer.organisation_id, answered_at__isnull=True).count()
