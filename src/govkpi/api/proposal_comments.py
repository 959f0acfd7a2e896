"""Reviewers' comments on a proposal's KPI rows: list, add (the reviewer at the current step),
reply (the organisation's coordinator), resolve (a reviewer). Scoped like the proposal itself."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import Status
from pydantic import Field

from govkpi.api.auth import login_required, viewer_of_api
from govkpi.api.proposals import _kpi_of, _proposal
from govkpi.api.schemas import ERRORS, WRITE_ERRORS
from govkpi.core.errors import NotFound
from govkpi.kpis import comments
from govkpi.kpis.models import Proposal, ProposalComment

router = Router()


class CommentOut(Schema):
    id: int
    kpi_id: int | None
    kpi_code: str | None
    text_th: str
    flag: str = Field(description="the target quality flag cited (GET .../target-quality), or empty")
    author: str | None
    created_at: dt.datetime
    reply_th: str
    replied_at: dt.datetime | None
    resolved_at: dt.datetime | None
    open: bool


class CommentsOut(Schema):
    open: int = Field(description="comments not yet answered or resolved (the banner on the proposal page)")
    may_comment: bool
    may_reply: bool
    items: list[CommentOut]


class CommentIn(Schema):
    text_th: str
    kpi_id: int | None = Field(None, description="the KPI row commented on; empty for the whole proposal")
    flag: str = Field(
        "", description="cite one of the KPI's target quality flags (below_last_actual, below_plan, ...); needs kpi_id"
    )


class ReplyIn(Schema):
    reply_th: str


def _out(c: ProposalComment) -> CommentOut:
    return CommentOut(
        id=c.pk,
        kpi_id=c.kpi_id,
        kpi_code=c.kpi.code if c.kpi else None,
        text_th=c.text_th,
        flag=c.flag,
        author=c.author.username if c.author else None,
        created_at=c.created_at,
        reply_th=c.reply_th,
        replied_at=c.replied_at,
        resolved_at=c.resolved_at,
        open=c.is_open,
    )


def _comment(proposal: Proposal, comment_id: int) -> ProposalComment:
    comment = proposal.comments.filter(pk=comment_id).first()
    if comment is None:
        raise NotFound("ไม่พบความเห็นนี้", "No such comment")
    return comment


@router.get(
    "/{proposal_id}/comments",
    auth=login_required,
    response={200: CommentsOut, **ERRORS},
    summary="ความเห็นของผู้พิจารณาต่อข้อเสนอและตัวชี้วัดแต่ละรายการ",
)
def comment_list(request: HttpRequest, proposal_id: int) -> CommentsOut:
    viewer = viewer_of_api(request)
    page = comments.comments_on_page(_proposal(viewer, proposal_id), viewer)
    return CommentsOut(
        open=len(page.open), may_comment=page.may_comment, may_reply=page.may_reply, items=[_out(c) for c in page.all]
    )


@router.post(
    "/{proposal_id}/comments",
    auth=login_required,
    response={201: CommentOut, **WRITE_ERRORS},
    summary="ผู้พิจารณาให้ความเห็นต่อตัวชี้วัด (หรือทั้งข้อเสนอ)",
)
def comment_add(request: HttpRequest, proposal_id: int, body: CommentIn) -> Status[Any]:
    proposal = _proposal(viewer_of_api(request), proposal_id)
    kpi = _kpi_of(proposal, body.kpi_id) if body.kpi_id else None
    user: User = request.user  # type: ignore[assignment]
    return Status(
        201, _out(comments.comment_add(proposal=proposal, by=user, text=body.text_th, kpi=kpi, flag=body.flag))
    )


@router.post(
    "/{proposal_id}/comments/{comment_id}/reply",
    auth=login_required,
    response={200: CommentOut, **WRITE_ERRORS},
    summary="ผู้ประสานงานตอบความเห็น",
)
def comment_reply(request: HttpRequest, proposal_id: int, comment_id: int, body: ReplyIn) -> CommentOut:
    proposal = _proposal(viewer_of_api(request), proposal_id)
    user: User = request.user  # type: ignore[assignment]
    return _out(comments.comment_reply(comment=_comment(proposal, comment_id), by=user, text=body.reply_th))


@router.post(
    "/{proposal_id}/comments/{comment_id}/resolve",
    auth=login_required,
    response={200: CommentOut, **WRITE_ERRORS},
    summary="ผู้พิจารณาปิดความเห็น",
)
def comment_resolve(request: HttpRequest, proposal_id: int, comment_id: int) -> CommentOut:
    proposal = _proposal(viewer_of_api(request), proposal_id)
    user: User = request.user  # type: ignore[assignment]
    return _out(comments.comment_resolve(comment=_comment(proposal, comment_id), by=user))
