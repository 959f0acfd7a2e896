"""Bulk result transitions: submit, endorse, verify or return several results in one step.

Each result goes through the single-result service (`results.services`) that owns its checks, so it
is audited on its own (a WorkflowEvent and a history row per result) and rescored as usual. The
batch is all or nothing: it runs in one transaction, each item in its own savepoint; when any item
is refused the whole batch is rolled back and `BulkRefused` names every refused row and why (the
items that would have passed are listed as such), so a coordinator never finds half a round sent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext, gettext_noop

from govkpi.core.errors import Conflict, Invalid, NotFound, ServiceError
from govkpi.frameworks.models import Round
from govkpi.organisations.access import Viewer, viewer_for
from govkpi.organisations.models import Organisation
from govkpi.results import services
from govkpi.results.models import Result, ResultState

#: What each bulk action is called in Thai and English (the summary's heading, the command's output).
ACTIONS: dict[str, tuple[str, str]] = {
    "submit": (gettext_noop("ส่งให้ผู้บริหารรับรอง"), "submitted for endorsement"),
    "endorse": (gettext_noop("รับรองผล"), "endorsed"),
    "verify": (gettext_noop("ตรวจสอบผ่าน"), "verified"),
    "return": (gettext_noop("ส่งกลับแก้ไข"), "returned for correction"),
}
#: More ids than this in one request is a mistake or an attack; the queue pages 50 at a time.
MAX_ITEMS = 500


@dataclass(frozen=True)
class BulkItem:
    result_id: int
    kpi_code: str = ""
    organisation_code: str = ""
    state: str = ""
    message_th: str = ""
    message_en: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "result_id": self.result_id,
            "kpi": self.kpi_code,
            "organisation": self.organisation_code,
            "state": self.state,
            "message_th": self.message_th,
            "message_en": self.message_en,
        }


@dataclass
class BulkSummary:
    """What a bulk step did: `done` items moved (or, when anything was refused, would have moved:
    `committed` is then False and nothing was written), `refused` items and why."""

    action: str
    done: list[BulkItem] = field(default_factory=list)
    refused: list[BulkItem] = field(default_factory=list)
    committed: bool = False

    @property
    def action_th(self) -> str:
        return ACTIONS[self.action][0]

    @property
    def action_en(self) -> str:
        return ACTIONS[self.action][1]

    @property
    def action_label(self) -> str:
        """The action in the page's language."""
        return gettext(self.action_th)

    def as_dict(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "committed": self.committed,
            "done": [i.as_dict() for i in self.done],
            "refused": [i.as_dict() for i in self.refused],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BulkSummary:
        """Back from `as_dict` (the page keeps the summary in the session across its redirect)."""

        def items(rows: list[dict[str, Any]]) -> list[BulkItem]:
            return [
                BulkItem(
                    result_id=r["result_id"],
                    kpi_code=r["kpi"],
                    organisation_code=r["organisation"],
                    state=r["state"],
                    message_th=r["message_th"],
                    message_en=r["message_en"],
                )
                for r in rows
            ]

        return cls(
            action=data["action"], done=items(data["done"]), refused=items(data["refused"]), committed=data["committed"]
        )


class BulkRefused(ServiceError):
    """Some items were refused, so nothing was written; `summary` says which and why. Its status is
    the refusals' own when they agree (403 when the caller may do none of it), else 409."""

    def __init__(self, summary: BulkSummary, status: int) -> None:
        count = len(summary.refused)
        super().__init__(
            f"ไม่ได้{summary.action_th}รายการใดเลย: {count} รายการทำไม่ได้ (ดูรายละเอียดแต่ละรายการ)",
            f"Nothing was {summary.action_en}: {count} item(s) were refused (see each item).",
            field="result_ids",
            problems=[i.as_dict() for i in summary.refused],
        )
        self.summary = summary
        self.status = status


def _one(viewer: Viewer, user: Any, result: Result, action: str, note: str) -> Result:
    """One item through the service that owns its transition."""
    if action == "submit":
        return services.result_submit(viewer=viewer, user=user, result=result)
    if action == "endorse":
        return services.result_endorse(viewer=viewer, user=user, result=result, comment=note)
    if action == "verify":
        return services.result_verify(viewer=viewer, user=user, result=result, action="accept", comment=note)
    # "return": the executive returns what awaits endorsement, OPDC's desk what awaits verification.
    if viewer.is_executive:
        return services.result_endorse(viewer=viewer, user=user, result=result, approve=False, comment=note)
    return services.result_verify(viewer=viewer, user=user, result=result, action="return", comment=note)


def results_bulk_transition(*, result_ids: Iterable[int], action: str, by: Any, note: str = "") -> BulkSummary:
    """Move several results one step (`submit`, `endorse`, `verify`, `return`) as `by`, all or nothing.

    Raises `BulkRefused` (nothing written) naming every refused result; `Invalid` for an unknown
    action, no ids or too many."""
    if action not in ACTIONS:
        raise Invalid("ไม่รู้จักคำสั่งนี้", f"Unknown action {action!r}.", field="action")
    ids = list(dict.fromkeys(int(i) for i in result_ids))
    if not ids:
        raise Invalid("กรุณาเลือกผลอย่างน้อยหนึ่งรายการ", "Choose at least one result.", field="result_ids")
    if len(ids) > MAX_ITEMS:
        raise Invalid(
            f"เลือกได้ครั้งละไม่เกิน {MAX_ITEMS} รายการ", f"At most {MAX_ITEMS} results at a time.", field="result_ids"
        )
    viewer = viewer_for(by)
    # A result the caller may not see is "not found", never named (its KPI and organisation stay private).
    visible = {
        r.pk: r
        for r in Result.objects.filter(viewer.organisation_q("organisation__"), pk__in=ids).select_related(
            "kpi", "organisation"
        )
    }
    summary = BulkSummary(action=action)
    statuses: set[int] = set()
    with transaction.atomic():
        for pk in ids:
            result = visible.get(pk)
            if result is None:
                summary.refused.append(BulkItem(pk, message_th="ไม่พบผลการดำเนินงาน", message_en="No such result."))
                statuses.add(NotFound.status)
                continue
            try:
                with transaction.atomic():
                    moved = _one(viewer, by, result, action, note)
            except ServiceError as exc:
                summary.refused.append(
                    BulkItem(
                        pk, result.kpi.code, result.organisation.code, result.state, exc.message_th, exc.message_en
                    )
                )
                statuses.add(exc.status)
                continue
            summary.done.append(BulkItem(pk, result.kpi.code, result.organisation.code, moved.state))
        if summary.refused:
            transaction.set_rollback(True)
    if summary.refused:
        raise BulkRefused(summary, statuses.pop() if len(statuses) == 1 else Conflict.status)
    summary.committed = True
    return summary


# ---------------------------------------------------------------- a round at once

#: The state a round-level step picks results from (the services still check each one).
ROUND_STEPS: dict[str, ResultState] = {"submit": ResultState.DRAFT, "endorse": ResultState.SUBMITTED}


def round_pending(*, organisation: Organisation, round_: Round, action: str) -> list[Result]:
    """The results of an organisation's round a round-level step would move: its drafts to submit,
    or its submitted results to endorse (what the confirmation page lists)."""
    if action not in ROUND_STEPS:
        raise Invalid("ไม่รู้จักคำสั่งนี้", f"Unknown action {action!r}.", field="action")
    return list(
        Result.objects.filter(organisation=organisation, round=round_, state=ROUND_STEPS[action])
        .select_related("kpi", "version")
        .order_by("kpi__order", "kpi__code")
    )


def round_bulk_transition(*, organisation: Organisation, round_: Round, action: str, by: Any) -> BulkSummary:
    """The coordinator submits all of a round's drafts, or the executive endorses all it was sent
    (who may is each item's service's to say: anyone else is refused 403, or 404 for another's)."""
    pending = round_pending(organisation=organisation, round_=round_, action=action)
    if not pending:
        raise Conflict(
            "ไม่มีผลที่รอดำเนินการในรอบนี้" if action == "endorse" else "ไม่มีผลฉบับร่างที่รอส่งในรอบนี้",
            "No results await this step in this round.",
        )
    return results_bulk_transition(result_ids=[r.pk for r in pending], action=action, by=by)
