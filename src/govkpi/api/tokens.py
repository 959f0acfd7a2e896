"""API tokens over the API: list, create and revoke one's own (OPDC: anyone's). The rules are
`organisations.tokens`; a key is in the answer to its creation and nowhere else."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.responses import Status
from pydantic import Field

from govkpi.api.auth import login_required
from govkpi.api.schemas import ERRORS, WRITE_ERRORS
from govkpi.organisations.access import viewer_for
from govkpi.organisations.models import ApiToken
from govkpi.organisations.tokens import api_token_create, api_token_is_active, api_token_revoke, api_tokens_visible

router = Router(auth=login_required)


class TokenOut(Schema):
    id: int
    name: str
    username: str
    prefix: str
    read_only: bool
    created_at: dt.datetime
    expires_at: dt.datetime | None
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None
    active: bool


class TokenCreatedOut(TokenOut):
    key: str = Field(description="the bearer key: shown this once, never again")


class TokenIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    days: int | None = Field(None, ge=1, le=3650, description="life in days (default and maximum set by OPDC)")
    read_only: bool = False


class TokenQuery(Schema):
    everyone: bool = Field(False, description="OPDC: every person's tokens")


def _out(token: ApiToken) -> dict[str, object]:
    return {
        "id": token.pk,
        "name": token.name,
        "username": token.user.get_username(),
        "prefix": token.prefix,
        "read_only": token.read_only,
        "created_at": token.created_at,
        "expires_at": token.expires_at,
        "last_used_at": token.last_used_at,
        "revoked_at": token.revoked_at,
        "active": api_token_is_active(token),
    }


@router.get("/", response={200: list[TokenOut], **ERRORS}, summary="Your API tokens (OPDC: everyone's)")
def token_list(request: HttpRequest, filters: Query[TokenQuery]) -> list[dict[str, object]]:
    viewer = viewer_for(request.user)
    return [_out(t) for t in api_tokens_visible(viewer=viewer, everyone=filters.everyone)[:1000]]


@router.post("/", response={201: TokenCreatedOut, **WRITE_ERRORS}, summary="Create an API token for yourself")
def token_create(request: HttpRequest, payload: TokenIn) -> Status[dict[str, object]]:
    token, key = api_token_create(
        viewer=viewer_for(request.user), name=payload.name, days=payload.days, read_only=payload.read_only
    )
    return Status(201, {**_out(token), "key": key})


@router.delete("/{int:token_id}", response={200: TokenOut, **WRITE_ERRORS}, summary="Revoke an API token")
def token_revoke(request: HttpRequest, token_id: int) -> dict[str, object]:
    return _out(api_token_revoke(viewer=viewer_for(request.user), token_id=token_id))
