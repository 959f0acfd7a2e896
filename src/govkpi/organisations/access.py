"""Who may see and change what: the one place access rules live.

Every selector narrows its queryset with a Viewer, so pages, exports and the API agree.
Internal (unpublished) data: OPDC and committees see all; MOI reviewers see provinces and their
own ministry; coordinators and executives see their own organisation and the organisations under
it. Everybody, logged in or not, sees what has been published.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.http import HttpRequest

from govkpi.organisations.choices import OrganisationKind, Role

SEES_ALL = {Role.OPDC_ADMIN, Role.OPDC_DESK, Role.COMMITTEE_SECRETARY, Role.COMMITTEE_MEMBER}
#: The roles an organisation gives its own staff; an organisation's user administrator grants only these.
ORGANISATION_ROLES = (Role.COORDINATOR, Role.EXECUTIVE, Role.ORG_ADMIN)


@dataclass(frozen=True)
class Viewer:
    user_id: int | None = None
    username: str = ""
    role: str | None = None
    organisation_id: int | None = None
    organisation_code: str = ""
    organisation_name: str = ""
    is_superuser: bool = False

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def is_public(self) -> bool:
        return self.user_id is None

    @property
    def sees_all(self) -> bool:
        return self.is_superuser or self.role in SEES_ALL

    @property
    def is_opdc(self) -> bool:
        return self.is_superuser or self.role in {Role.OPDC_ADMIN, Role.OPDC_DESK}

    @property
    def is_opdc_admin(self) -> bool:
        return self.is_superuser or self.role == Role.OPDC_ADMIN

    @property
    def is_moi(self) -> bool:
        return self.role == Role.MOI_REVIEWER

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR

    @property
    def is_executive(self) -> bool:
        return self.role == Role.EXECUTIVE

    @property
    def is_org_admin(self) -> bool:
        return self.role == Role.ORG_ADMIN

    @property
    def manages_people(self) -> bool:
        """Whether the people pages are for this viewer at all (whom exactly: `may_manage_person`)."""
        return self.is_opdc_admin or (self.is_org_admin and self.organisation_id is not None)

    @property
    def is_committee(self) -> bool:
        return self.role in {Role.COMMITTEE_SECRETARY, Role.COMMITTEE_MEMBER}

    def organisation_q(self, prefix: str = "") -> Q:
        """Q selecting the organisations whose internal data this viewer may see.

        `prefix` is the path to the Organisation from the queried model, e.g. "organisation__".
        """
        if self.sees_all:
            # Not Q(): an empty Q vanishes when OR-ed with the published condition.
            return Q(**{f"{prefix}pk__isnull": False})
        if self.is_public or self.organisation_id is None:
            return Q(pk__in=[])
        own = Q(**{f"{prefix}pk" if prefix == "" else f"{prefix}id": self.organisation_id})
        if self.is_moi:
            # The MOI reviewer's role is the provinces' first review, not the ministry's own departments.
            return own | Q(**{f"{prefix}kind": OrganisationKind.PROVINCE})
        own |= Q(**{f"{prefix}parent_id": self.organisation_id})
        return own

    def internal_or(self, published: Q, prefix: str = "") -> Q:
        """Rows of the organisations this viewer may see inside, or published ones (`published`).

        No condition at all for a viewer who sees everything: the OR with the published condition
        would make the database join and test every row of a national list just to count it."""
        if self.sees_all:
            return Q()
        return self.organisation_q(prefix) | published

    def may_see_organisation(self, *, organisation_id: int, kind: str, parent_id: int | None) -> bool:
        if self.sees_all:
            return True
        if self.is_public or self.organisation_id is None:
            return False
        if organisation_id == self.organisation_id:
            return True
        if self.is_moi:
            return kind == OrganisationKind.PROVINCE
        return parent_id == self.organisation_id

    def may_edit_for(self, organisation_id: int) -> bool:
        """Coordinators write for their own organisation only."""
        return self.is_coordinator and organisation_id == self.organisation_id


PUBLIC = Viewer()


# --- who manages whose account: the one rule (pages, API, command and import all ask here) ------


def grantable_roles(viewer: Viewer) -> tuple[str, ...]:
    """The roles this viewer may give: OPDC's administrator any; an organisation's user
    administrator only the organisation's own roles (never OPDC's, the committees' or MOI's)."""
    if viewer.is_opdc_admin:
        return tuple(Role.values)
    if viewer.manages_people:
        return tuple(ORGANISATION_ROLES)
    return ()


def may_bind(viewer: Viewer, *, organisation_id: int, role: str) -> bool:
    """May this viewer put a person into `organisation_id` with `role` (create, move, change role)?"""
    if viewer.is_opdc_admin:
        return role in Role.values
    return viewer.manages_people and organisation_id == viewer.organisation_id and role in ORGANISATION_ROLES


def may_manage_person(viewer: Viewer, *, organisation_id: int, role: str, is_superuser: bool = False) -> bool:
    """May this viewer see and change the account of a person bound to `organisation_id` as `role`?
    OPDC's administrator: everyone's. An organisation's user administrator: its own organisation's
    staff in organisation roles, never a system administrator's account."""
    if viewer.is_opdc_admin:
        return True
    return not is_superuser and may_bind(viewer, organisation_id=organisation_id, role=role)


def may_change_standing(
    viewer: Viewer, *, user_id: int, organisation_id: int, role: str, is_superuser: bool = False
) -> bool:
    """Managing a person, but nobody deactivates (or re-binds) their own account: a slip would lock
    out the only administrator, and another administrator is always the one to ask."""
    return user_id != viewer.user_id and may_manage_person(
        viewer, organisation_id=organisation_id, role=role, is_superuser=is_superuser
    )


def people_q(viewer: Viewer, prefix: str = "") -> Q:
    """Q selecting the Person rows whose accounts this viewer manages (the people list's scope)."""
    if viewer.is_opdc_admin:
        return Q(**{f"{prefix}pk__isnull": False})
    if not viewer.manages_people:
        return Q(pk__in=[])
    return Q(
        **{
            f"{prefix}organisation_id": viewer.organisation_id,
            f"{prefix}role__in": list(ORGANISATION_ROLES),
            f"{prefix}user__is_superuser": False,
        }
    )


def viewer_for(user: object) -> Viewer:
    if user is None or not getattr(user, "is_authenticated", False):
        return PUBLIC
    cached = getattr(user, "_govkpi_viewer", None)
    if isinstance(cached, Viewer):
        return cached
    person = getattr(user, "person", None) if hasattr(user, "person") else None
    viewer = Viewer(
        user_id=user.pk,  # type: ignore[attr-defined]
        username=user.get_username(),  # type: ignore[attr-defined]
        role=person.role if person else None,
        organisation_id=person.organisation_id if person else None,
        organisation_code=person.organisation.code if person else "",
        organisation_name=person.organisation.name_th if person else "",
        is_superuser=bool(getattr(user, "is_superuser", False)),
    )
    user._govkpi_viewer = viewer  # type: ignore[attr-defined]
    return viewer


def viewer_of(request: HttpRequest) -> Viewer:
    """The Viewer of a web request (the signed-in user's, or the public one)."""
    return viewer_for(request.user)
