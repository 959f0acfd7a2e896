"""Organisations: public names and kinds; people are not exposed here."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from govkpi.api.auth import viewer_of_api
from govkpi.api.schemas import ERRORS
from govkpi.organisations import selectors
from govkpi.organisations.choices import OrganisationKind

router = Router()


class OrganisationOut(Schema):
    code: str
    name_th: str
    name_en: str
    abbr_th: str
    kind: str
    parent: str | None
    region: str
    geocode: str

    @staticmethod
    def resolve_parent(obj: object) -> str | None:
        parent = getattr(obj, "parent", None)
        return parent.code if parent else None


class MeOut(Schema):
    username: str | None
    role: str | None
    organisation: str | None


@router.get("/", response={200: list[OrganisationOut], **ERRORS}, summary="รายชื่อส่วนราชการและจังหวัด")
def list_organisations(request: HttpRequest, kind: OrganisationKind | None = None, q: str = "") -> object:
    viewer = viewer_of_api(request)
    return list(selectors.organisation_list(viewer=viewer, kind=kind.value if kind else "", q=q))


@router.get("/me", response={200: MeOut, **ERRORS}, summary="ผู้ใช้ที่เรียก API")
def me(request: HttpRequest) -> object:
    viewer = viewer_of_api(request)
    return {
        "username": viewer.username or None,
        "role": viewer.role,
        "organisation": viewer.organisation_code or None,
    }


@router.get("/{code}", response={200: OrganisationOut, **ERRORS}, summary="ส่วนราชการหนึ่งแห่ง")
def get_organisation(request: HttpRequest, code: str) -> object:
    return selectors.organisation_get(code=code)
