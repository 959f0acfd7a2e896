"""Reads of organisations and people, always through the viewer's eyes."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from govkpi.organisations.access import Viewer, people_q
from govkpi.organisations.models import Organisation, Person


def organisation_list(*, viewer: Viewer, kind: str = "", q: str = "", parent: str = "") -> QuerySet[Organisation]:
    """Every organisation's name is public; what is inside it is scoped elsewhere."""
    qs = Organisation.objects.filter(is_active=True).select_related("parent")
    if kind:
        qs = qs.filter(kind=kind)
    if parent:
        qs = qs.filter(parent__code=parent)
    if q:
        qs = qs.filter(Q(name_th__icontains=q) | Q(name_en__icontains=q) | Q(code__iexact=q) | Q(abbr_th__icontains=q))
    return qs.annotate(children_count=Count("children")).order_by("kind", "code")


def organisation_get(*, code: str) -> Organisation:
    return Organisation.objects.select_related("parent").get(code=code)


def people_of(*, viewer: Viewer, organisation: Organisation) -> QuerySet[Person]:
    if not viewer.may_see_organisation(
        organisation_id=organisation.pk, kind=organisation.kind, parent_id=organisation.parent_id
    ):
        return Person.objects.none()
    return Person.objects.filter(organisation=organisation).select_related("user")


def people_list(
    *, viewer: Viewer, organisation: str = "", role: str = "", active: bool | None = None, q: str = ""
) -> QuerySet[Person]:
    """The people whose accounts this viewer manages (`access.people_q`), filtered."""
    qs = Person.objects.filter(people_q(viewer)).select_related("user", "organisation")
    if organisation:
        qs = qs.filter(organisation__code__iexact=organisation)
    if role:
        qs = qs.filter(role=role)
    if active is not None:
        qs = qs.filter(user__is_active=active)
    if q:
        qs = qs.filter(
            Q(full_name_th__icontains=q)
            | Q(user__username__icontains=q)
            | Q(user__email__icontains=q)
            | Q(position_th__icontains=q)
        )
    return qs.order_by("organisation__kind", "organisation__code", "role", "user__username")
