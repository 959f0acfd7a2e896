"""Reviewers' comments where the work is: on a KPI row of a proposal (or the whole proposal),
shown on that row and as a banner at the top of the proposal until the coordinator replies or a
reviewer resolves it.

Who may comment is who may send the proposal back at its current step (`workflow.may_act` for
"return": the executive on a submitted proposal, MOI, OPDC's desk, the committee side); who
replies is the organisation's coordinator. A "return" with a comment records one too
(`workflow.transition`). Every write is audited as a `core.WorkflowEvent` on the proposal.

A comment on a KPI row may cite one of the row's target quality flags (`QualityFlag`, computed by
`dashboards.target_quality`): the cited flag is stored with the comment, shown as a chip beside it
and named in the audit event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone, translation

from govkpi.core.errors import Conflict, Invalid, NotAllowed
from govkpi.core.models import WorkflowEvent
from govkpi.kpis import workflow
from govkpi.kpis.choices import QualityFlag
from govkpi.kpis.models import Kpi, Proposal, ProposalComment
from govkpi.notifications.services import coordinators_of, notify
from govkpi.organisations.access import Viewer, viewer_for


def flag_label_th(flag: str) -> str:
    """The Thai name of a flag, for the audit trail (Thai whatever the writer's language)."""
    with translation.override("th"):
        return str(QualityFlag(flag).label)


def may_comment(viewer: Viewer, proposal: Proposal) -> bool:
    """A reviewer at the proposal's current step: whoever may return it now."""
    return workflow.next_state(proposal, "return") is not None and workflow.may_act(viewer, proposal, "return")


def may_reply(viewer: Viewer, proposal: Proposal) -> bool:
    return viewer.is_superuser or (viewer.is_coordinator and viewer.organisation_id == proposal.organisation_id)


def comments_of(proposal: Proposal) -> list[ProposalComment]:
    return list(
        ProposalComment.objects.filter(proposal=proposal).select_related(
            "kpi", "author__person", "replied_by__person", "resolved_by__person"
        )
    )


@dataclass
class CommentsOnPage:
    """What the proposal page shows: open comments (the banner), every comment by KPI (the rows)."""

    all: list[ProposalComment]
    may_comment: bool
    may_reply: bool
    by_kpi: dict[int, list[ProposalComment]] = field(default_factory=dict)

    @property
    def open(self) -> list[ProposalComment]:
        return [c for c in self.all if c.is_open]

    @property
    def on_proposal(self) -> list[ProposalComment]:
        return [c for c in self.all if c.kpi_id is None]


def comments_on_page(proposal: Proposal, viewer: Viewer) -> CommentsOnPage:
    every = comments_of(proposal)
    page = CommentsOnPage(every, may_comment(viewer, proposal), may_reply(viewer, proposal))
    for c in every:
        if c.kpi_id is not None:
            page.by_kpi.setdefault(c.kpi_id, []).append(c)
    return page


def _audit(comment: ProposalComment, action: str, by: User, text: str) -> None:
    proposal = comment.proposal
    WorkflowEvent.objects.create(
        content_type=ContentType.objects.get_for_model(Proposal),
        object_id=proposal.pk,
        organisation_id=proposal.organisation_id,
        action=action,
        from_state=proposal.state,
        to_state=proposal.state,
        comment=text,
        kpi_id=comment.kpi_id,
        actor=by,
    )


def _tell(users: Any, proposal: Proposal, subject: str, body: str, kind: str) -> None:
    notify(
        users,
        subject,
        body,
        f"/proposals/{proposal.pk}/",
        organisation=proposal.organisation,
        round_label=workflow.year_label(proposal.framework),
        group_key=f"proposal:{proposal.pk}:{kind}",
        kind=kind,
    )


@transaction.atomic
def comment_add(*, proposal: Proposal, by: User, text: str, kpi: Kpi | None = None, flag: str = "") -> ProposalComment:
    proposal = Proposal.objects.select_related("organisation", "framework__fiscal_year").get(pk=proposal.pk)
    if not may_comment(viewer_for(by), proposal):
        raise NotAllowed(
            "ผู้พิจารณาในขั้นตอนปัจจุบันเท่านั้นที่ให้ความเห็นได้",
            "Only the reviewer at the proposal's current step may comment.",
        )
    text = (text or "").strip()
    if not text:
        raise Invalid("กรุณาระบุความเห็น", "The comment is empty.", field="text_th")
    if kpi is not None and kpi.proposal_id != proposal.pk:
        raise Invalid(
            "ตัวชี้วัดที่แสดงความเห็นไม่ได้อยู่ในข้อเสนอนี้", "The KPI commented on is not part of this proposal", field="kpi"
        )
    flag = (flag or "").strip()
    if flag and flag not in QualityFlag.values:
        raise Invalid(f"ไม่รู้จักข้อสังเกต “{flag[:40]}”", f"Unknown target quality flag “{flag[:40]}”", field="flag")
    if flag and kpi is None:
        raise Invalid("การอ้างอิงข้อสังเกตต้องระบุตัวชี้วัด", "A comment citing a flag must name its KPI.", field="kpi")
    comment = workflow.record_comment(proposal, by=by, text=text, kpi=kpi, flag=flag)
    _audit(comment, "comment", by, f"[{flag_label_th(flag)}] {text}" if flag else text)
    where = f"ตัวชี้วัด {kpi.code} {kpi.name_th}: " if kpi is not None else ""
    _tell(
        coordinators_of([proposal.organisation_id]),
        proposal,
        "ข้อเสนอตัวชี้วัด: มีความเห็นจากผู้พิจารณา",
        where + text,
        "proposal_comment",
    )
    return comment


def _locked(comment: ProposalComment) -> ProposalComment:
    return (
        ProposalComment.objects.select_for_update(of=("self",))
        .select_related("proposal__organisation", "proposal__framework__fiscal_year", "kpi")
        .get(pk=comment.pk)
    )


@transaction.atomic
def comment_reply(*, comment: ProposalComment, by: User, text: str) -> ProposalComment:
    comment = _locked(comment)
    if not may_reply(viewer_for(by), comment.proposal):
        raise NotAllowed("ผู้ประสานงานของหน่วยงานเท่านั้นที่ตอบความเห็นได้", "Only the organisation's coordinator may reply.")
    if not comment.is_open:
        raise Conflict("ความเห็นนี้ได้รับการตอบหรือปิดแล้ว", "This comment has already been answered or resolved.")
    text = (text or "").strip()
    if not text:
        raise Invalid("กรุณาระบุคำตอบ", "The reply is empty.", field="reply_th")
    comment.reply_th, comment.replied_by, comment.replied_at = text, by, timezone.now()
    comment.save(update_fields=["reply_th", "replied_by", "replied_at"])
    _audit(comment, "comment_reply", by, text)
    if comment.author_id:
        _tell([comment.author_id], comment.proposal, "ข้อเสนอตัวชี้วัด: ผู้ประสานงานตอบความเห็นแล้ว", text, "proposal_reply")
    return comment


@transaction.atomic
def comment_resolve(*, comment: ProposalComment, by: User) -> ProposalComment:
    """A reviewer (its author, or whoever may comment now) closes the comment without a reply."""
    comment = _locked(comment)
    viewer = viewer_for(by)
    if not (comment.author_id == by.pk or may_comment(viewer, comment.proposal) or viewer.is_opdc):
        raise NotAllowed("ผู้พิจารณาเท่านั้นที่ปิดความเห็นได้", "Only a reviewer may resolve a comment.")
    if comment.resolved_at is None:
        comment.resolved_by, comment.resolved_at = by, timezone.now()
        comment.save(update_fields=["resolved_by", "resolved_at"])
        _audit(comment, "comment_resolve", by, comment.text_th[:200])
    return comment
