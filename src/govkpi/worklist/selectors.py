"""What needs me now: every role's work queue, read from the rules' owners.

`work_for(viewer, today)` lists the work waiting for one person: the proposal steps they may take
now (`kpis.workflow.available_actions` decides, never a copy of it), results to report, endorse or
verify, proposals at their review stage, the meetings coming up with their agenda. The home page,
`GET /api/v1/me/queue` and `govkpi queue` all show this list. Each kind is read with a fixed number
of queries (or one per open round), never one per item.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from govkpi.core.deadlines import deadline_status
from govkpi.core.models import WorkflowEvent
from govkpi.core.templatetags.thai import loc
from govkpi.core.thaidates import format_date
from govkpi.frameworks.choices import GroupCode
from govkpi.frameworks.models import DeadlineExtension, Round
from govkpi.frameworks.selectors import extension_requests_to_decide
from govkpi.kpis import workflow
from govkpi.kpis.choices import ProposalState
from govkpi.kpis.models import Kpi, Proposal
from govkpi.kpis.selectors import proposals_worked_on, reportable_in_round_q
from govkpi.organisations.access import Viewer
from govkpi.results.models import Result, ResultState
from govkpi.results.services import deadlines_for as round_deadlines_for
from govkpi.results.services import sheet_path
from govkpi.reviews.models import AgendaItem
from govkpi.reviews.selectors import meetings_visible

#: The kinds of work, in the order the queue shows them, with their heading.
KINDS: dict[str, Any] = {
    "proposal_returned": gettext_lazy("ข้อเสนอที่ถูกส่งกลับแก้ไข"),
    "results_returned": gettext_lazy("ผลการดำเนินงานที่ถูกส่งกลับแก้ไข"),
    "proposal_draft": gettext_lazy("ร่างข้อเสนอตัวชี้วัดที่ยังไม่ส่ง"),
    "results_to_report": gettext_lazy("ผลการดำเนินงานที่ต้องรายงานในรอบที่เปิดอยู่"),
    "proposal_to_endorse": gettext_lazy("ข้อเสนอตัวชี้วัดรอผู้บริหารรับรอง"),
    "results_to_endorse": gettext_lazy("ผลการดำเนินงานรอผู้บริหารรับรอง"),
    "proposal_at_stage": gettext_lazy("ข้อเสนอตัวชี้วัดรอการพิจารณาของท่าน"),
    "results_to_verify": gettext_lazy("ผลการดำเนินงานรอตรวจสอบ"),
    "meeting": gettext_lazy("การประชุมที่จะมาถึง"),
    "extension_request": gettext_lazy("คำขอขยายเวลารอพิจารณา"),
}

#: Where the whole of one kind is listed (a counter links there); other kinds link to their section.
KIND_LISTS: dict[str, str] = {
    "proposal_returned": "/proposals/?state=returned",
    "proposal_draft": "/proposals/?state=draft",
    "proposal_to_endorse": "/proposals/?state=submitted",
    "results_to_verify": "/results/verify/",
    "meeting": "/meetings/",
}


@dataclass(frozen=True)
class DueStatus:
    days_left: int | None
    overdue: bool
    label: str


def due_status(due: dt.date | None, today: dt.date) -> DueStatus:
    """Days left and the label of a due date. The count is `core.deadlines.deadline_status`'s (the one
    rule for days left and overdue); the words are the queue's, which also dates meetings, not only
    submissions."""
    if due is None:
        return DueStatus(None, False, "")
    status = deadline_status(due, today)
    when = format_date(due, lang=get_language() or "th")
    if status.is_overdue:
        return DueStatus(
            status.days_left, True, _("กำหนด %(date)s · เลยกำหนด %(n)s วัน") % {"date": when, "n": status.overdue}
        )
    if status.days_left == 0:
        return DueStatus(0, False, _("กำหนด %(date)s · วันนี้") % {"date": when})
    return DueStatus(
        status.days_left, False, _("กำหนด %(date)s · เหลือ %(n)s วัน") % {"date": when, "n": status.days_left}
    )


@dataclass(frozen=True)
class WorkItem:
    kind: str
    title: str
    url: str
    organisation: str = ""
    organisation_code: str = ""
    year: int | None = None
    round_months: int | None = None
    due: dt.date | None = None
    days_left: int | None = None
    overdue: bool = False
    due_label: str = ""
    comment: str = ""
    count: int = 1
    agenda: tuple[str, ...] = field(default_factory=tuple)

    @property
    def kind_label(self) -> str:
        return str(KINDS[self.kind])

    @property
    def period(self) -> str:
        if self.year is None:
            return ""
        text = _("ปีงบประมาณ %(year)s") % {"year": self.year}
        if self.round_months:
            text += " · " + _("รอบ %(months)s เดือน") % {"months": self.round_months}
        return text


def _item(kind: str, today: dt.date, *, due: dt.date | None = None, **kwargs: Any) -> WorkItem:
    status = due_status(due, today)
    return WorkItem(
        kind=kind, due=due, days_left=status.days_left, overdue=status.overdue, due_label=status.label, **kwargs
    )


def work_for(viewer: Viewer, today: dt.date) -> list[WorkItem]:
    """Everything waiting for this person today, grouped by kind (KINDS' order), overdue and
    nearest due first within a kind."""
    if viewer.is_public:
        return []
    items = [
        *_proposal_items(viewer, today),
        *_results_to_report(viewer, today),
        *_results_returned(viewer, today),
        *_results_to_endorse(viewer, today),
        *_results_to_verify(viewer, today),
        *_meetings(viewer, today),
        *_extension_requests(viewer, today),
    ]
    order = {kind: i for i, kind in enumerate(KINDS)}
    far = dt.date.max
    return sorted(items, key=lambda i: (order[i.kind], i.due or far, i.organisation_code, i.title))


def grouped(items: list[WorkItem]) -> list[dict[str, Any]]:
    """The queue as sections of one kind each: kind, label, count, the list link, the items."""
    sections: dict[str, dict[str, Any]] = {}
    for item in items:
        section = sections.setdefault(
            item.kind,
            {
                "kind": item.kind,
                "label": item.kind_label,
                "count": 0,
                "overdue": 0,
                "url": KIND_LISTS.get(item.kind, f"#q-{item.kind}"),
                "items": [],
            },
        )
        section["count"] += item.count if item.kind in COUNTED_KINDS else 1
        section["overdue"] += item.overdue
        section["items"].append(item)
    return list(sections.values())


#: Kinds whose one item stands for several results (a round of an organisation): counters add them up.
COUNTED_KINDS = frozenset({"results_to_report", "results_to_endorse", "results_to_verify"})


# --- proposals ----------------------------------------------------------------------------------


def _proposal_kind(viewer: Viewer, proposal: Proposal, actions: list[str]) -> str | None:
    # Submitting and endorsing are an organisation's own work: an OPDC administrator (a superuser,
    # whom `may_act` lets do anything) is not asked to finish every organisation's draft.
    own = viewer.organisation_id == proposal.organisation_id
    if "submit" in actions and own:
        return "proposal_returned" if proposal.state == ProposalState.RETURNED else "proposal_draft"
    if "endorse" in actions and own:
        return "proposal_to_endorse"
    if "approve" in actions:
        return "proposal_at_stage"
    return None


def _proposal_items(viewer: Viewer, today: dt.date) -> list[WorkItem]:
    # The queue is the work of one's role: a superuser's power to take any step is for repairs.
    by_role = replace(viewer, is_superuser=False)
    proposals = list(
        proposals_worked_on(viewer)
        .exclude(state=ProposalState.APPROVED)
        .exclude(framework__monitoring_only=True)
        .select_related("organisation", "framework__fiscal_year")
    )
    mine = [(p, kind) for p in proposals if (kind := _proposal_kind(viewer, p, workflow.available_actions(p, by_role)))]
    if not mine:
        return []
    before_review = {ProposalState.DRAFT, ProposalState.RETURNED, ProposalState.SUBMITTED}
    deadlines = workflow.deadlines_for(p for p, _kind in mine if p.state in before_review)
    comments = _return_comments([p.pk for p, kind in mine if kind == "proposal_returned"])
    items = []
    for p, kind in mine:
        title = _("ข้อเสนอตัวชี้วัด · %(group)s") % {"group": p.framework.get_group_display()}
        if kind == "proposal_at_stage":
            title += f" · {workflow.state_label(p.state)}"
        items.append(
            _item(
                kind,
                today,
                title=title,
                url=reverse("proposal-detail", args=[p.pk]),
                organisation=loc(p.organisation),
                organisation_code=p.organisation.code,
                year=p.framework.fiscal_year.year,
                due=deadlines.get(p.pk),
                comment=comments.get(p.pk, ""),
            )
        )
    return items


def _return_comments(proposal_ids: list[int]) -> dict[int, str]:
    """The reviewer's comment of each proposal's latest return (one query)."""
    if not proposal_ids:
        return {}
    events = WorkflowEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Proposal),
        object_id__in=proposal_ids,
        to_state=ProposalState.RETURNED,
    ).order_by("at", "pk")
    out: dict[int, str] = {}
    for object_id, comment in events.values_list("object_id", "comment"):
        if comment:
            out[object_id] = comment  # the latest wins
    return out


# --- results ------------------------------------------------------------------------------------


def _rounds_with_deadlines(pairs: set[tuple[int, int]]) -> tuple[dict[int, Round], dict[tuple[int, int], dt.date]]:
    """Rounds by id and each (round, organisation)'s reporting deadline: one query for the rounds
    and one per round (`results.services.deadlines_for`)."""
    rounds = {
        r.pk: r for r in Round.objects.filter(pk__in={r for r, _o in pairs}).select_related("framework__fiscal_year")
    }
    deadlines: dict[tuple[int, int], dt.date] = {}
    for round_id, round_ in rounds.items():
        dates = round_deadlines_for(round_, {o for r, o in pairs if r == round_id})
        deadlines.update({(round_id, org_id): date for org_id, date in dates.items()})
    return rounds, deadlines


def _results_to_report(viewer: Viewer, today: dt.date) -> list[WorkItem]:
    """The coordinator's open rounds with KPIs not yet submitted (missing, or a draft)."""
    if not viewer.is_coordinator or viewer.organisation_id is None:
        return []
    org_id = viewer.organisation_id
    # Candidates: rounds of the organisation's approved proposals that have opened and not closed,
    # its own extension counted; `results.services.deadlines_for` then says which are open.
    extended = DeadlineExtension.objects.filter(
        organisation_id=org_id, round__isnull=False, new_deadline__gte=today
    ).values("round_id")
    candidates = Round.objects.filter(
        Q(closes_on__gte=today) | Q(pk__in=extended),
        opens_on__lte=today,
        framework__proposals__organisation_id=org_id,
        framework__proposals__state=ProposalState.APPROVED,
        framework__monitoring_only=False,
    ).values_list("pk", flat=True)
    rounds, deadlines = _rounds_with_deadlines({(pk, org_id) for pk in candidates})
    done = [ResultState.SUBMITTED, ResultState.ENDORSED, ResultState.VERIFIED, ResultState.APPROVED]
    items = []
    for round_ in rounds.values():
        deadline = deadlines[(round_.pk, org_id)]
        if deadline < today:
            continue
        waiting = (
            Kpi.objects.filter(reportable_in_round_q(round_), framework_id=round_.framework_id, organisation_id=org_id)
            .exclude(results__round=round_, results__state__in=done)
            .count()
        )
        if waiting:
            items.append(
                _item(
                    "results_to_report",
                    today,
                    title=_("รายงานผล %(n)s ตัวชี้วัด") % {"n": waiting},
                    url=sheet_path(viewer.organisation_code, round_),
                    organisation=viewer.organisation_name,
                    organisation_code=viewer.organisation_code,
                    year=round_.framework.fiscal_year.year,
                    round_months=round_.months,
                    due=deadline,
                    count=waiting,
                )
            )
    return items


def _results_returned(viewer: Viewer, today: dt.date) -> list[WorkItem]:
    """Each result sent back to the coordinator, with the comment of whoever returned it."""
    if not viewer.is_coordinator or viewer.organisation_id is None:
        return []
    results = list(
        Result.objects.filter(organisation_id=viewer.organisation_id, state=ResultState.RETURNED).select_related(
            "kpi", "organisation", "round__framework__fiscal_year"
        )
    )
    if not results:
        return []
    events = WorkflowEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Result),
        object_id__in=[r.pk for r in results],
        to_state=ResultState.RETURNED,
    ).order_by("at", "pk")
    comments: dict[int, str] = {}
    for object_id, comment in events.values_list("object_id", "comment"):
        if comment:
            comments[object_id] = comment
    # No due date: a returned result may be corrected after its round has closed
    # (`results.services.check_reportable`), so a closed round is no deadline for it.
    return [
        _item(
            "results_returned",
            today,
            title=f"{r.kpi.code} {loc(r.kpi)}",
            url=sheet_path(r.organisation.code, r.round),
            organisation=loc(r.organisation),
            organisation_code=r.organisation.code,
            year=r.round.framework.fiscal_year.year,
            round_months=r.round.months,
            comment=comments.get(r.pk, r.verification_note_th),
        )
        for r in results
    ]


def _results_by_round(qs: Any, limit: int | None = None) -> list[dict[str, Any]]:
    """Results counted per organisation and round (one query), the first `limit` of them."""
    rows = (
        qs.order_by()
        .values(
            "round_id",
            "round__months",
            "round__framework__fiscal_year__year",
            "organisation_id",
            "organisation__code",
            "organisation__name_th",
            "organisation__name_en",
        )
        .annotate(n=Count("pk"))
        .order_by("organisation__code", "round__framework__fiscal_year__year", "round__months")
    )
    return list(rows if limit is None else rows[:limit])


def _organisation_name(row: dict[str, Any]) -> str:
    en = (get_language() or "th").startswith("en") and row["organisation__name_en"]
    return str(row["organisation__name_en"] if en else row["organisation__name_th"])


def _results_to_endorse(viewer: Viewer, today: dt.date) -> list[WorkItem]:
    """The executive's results its coordinator submitted, one item per round."""
    if not viewer.is_executive or viewer.organisation_id is None:
        return []
    rows = _results_by_round(Result.objects.filter(organisation_id=viewer.organisation_id, state=ResultState.SUBMITTED))
    rounds, deadlines = _rounds_with_deadlines({(r["round_id"], r["organisation_id"]) for r in rows})
    return [
        _item(
            "results_to_endorse",
            today,
            title=_("รับรองผล %(n)s ตัวชี้วัด") % {"n": row["n"]},
            url=sheet_path(row["organisation__code"], rounds[row["round_id"]]),
            organisation=_organisation_name(row),
            organisation_code=row["organisation__code"],
            year=row["round__framework__fiscal_year__year"],
            round_months=row["round__months"],
            due=deadlines.get((row["round_id"], row["organisation_id"])),
            count=row["n"],
        )
        for row in rows
    ]


def verification_url(organisation_code: str, year: int, months: int) -> str:
    """OPDC's verification queue (helper bulk's page), narrowed to one organisation's round."""
    return f"{_verification_base()}?organisation={organisation_code}&year={year}&round={months}"


def _verification_base() -> str:
    try:
        return reverse("verification-queue")
    except NoReverseMatch:
        return "/results/verify/"


#: OPDC's desk lists endorsed results one item per organisation and round up to this many items;
#: beyond, one item per round (with how many organisations wait in it), each a link to the
#: verification queue narrowed to that round, where the results are paged.
VERIFY_ITEMS_MAX = 50


def _results_to_verify(viewer: Viewer, today: dt.date) -> list[WorkItem]:
    """OPDC's desk: endorsed results awaiting verification, one item per organisation and round,
    or per round when more than `VERIFY_ITEMS_MAX` organisations' rounds wait (a national round
    holds thousands: a queue of counts with links, not a page of thousands of lines)."""
    if not viewer.is_opdc:
        return []
    endorsed = Result.objects.filter(viewer.organisation_q("organisation__"), state=ResultState.ENDORSED)
    rows = _results_by_round(endorsed, limit=VERIFY_ITEMS_MAX + 1)
    by_round = _rounds_to_verify(endorsed, today)  # read either way: the same queries for any queue
    if len(rows) > VERIFY_ITEMS_MAX:
        return by_round
    return [
        _item(
            "results_to_verify",
            today,
            title=_("ตรวจสอบผล %(n)s ตัวชี้วัด") % {"n": row["n"]},
            url=verification_url(
                row["organisation__code"], row["round__framework__fiscal_year__year"], row["round__months"]
            ),
            organisation=_organisation_name(row),
            organisation_code=row["organisation__code"],
            year=row["round__framework__fiscal_year__year"],
            round_months=row["round__months"],
            count=row["n"],
        )
        for row in rows
    ]


def _rounds_to_verify(endorsed: Any, today: dt.date) -> list[WorkItem]:
    """Endorsed results counted per round, with the organisations they come from: counted on the
    results alone (an index of state, round and organisation), then the rounds read (two queries)."""
    counts = {
        row["round_id"]: row
        for row in endorsed.order_by()
        .values("round_id")
        .annotate(n=Count("*"), organisations=Count("organisation_id", distinct=True))
    }
    # Every round (four a year, whatever the country's size), so that the queue runs the same
    # queries whether or not anything waits.
    rounds = sorted(
        (r for r in Round.objects.select_related("framework__fiscal_year") if r.pk in counts),
        key=lambda r: (r.framework.fiscal_year.year, r.framework.group, r.months),
    )
    groups = dict(GroupCode.choices)
    items = []
    for round_ in rounds:
        row, year, group = counts[round_.pk], round_.framework.fiscal_year.year, round_.framework.group
        items.append(
            _item(
                "results_to_verify",
                today,
                title=_("ตรวจสอบผล %(n)s ตัวชี้วัด จาก %(organisations)s หน่วยงาน")
                % {"n": row["n"], "organisations": row["organisations"]},
                url=f"{_verification_base()}?group={group}&year={year}&round={round_.months}",
                organisation=str(groups.get(group, group)),
                year=year,
                round_months=round_.months,
                count=row["n"],
            )
        )
    return items


# --- meetings and extensions --------------------------------------------------------------------


def _meetings(viewer: Viewer, today: dt.date) -> list[WorkItem]:
    """Meetings from today on, with their agenda, for those who sit on or serve the committees."""
    if not (viewer.is_committee or viewer.is_opdc):
        return []
    meetings = (
        meetings_visible(viewer)
        .filter(held_on__gte=today)
        .select_related("committee")
        .prefetch_related(Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("order", "pk")))
        .order_by("held_on", "pk")
    )
    return [
        _item(
            "meeting",
            today,
            title=f"{loc(m.committee)} " + _("ครั้งที่ %(n)s/%(year)s") % {"n": m.number, "year": m.year_be},
            url=reverse("meeting-detail", args=[m.pk]),
            due=m.held_on,
            agenda=tuple(a.title_th for a in m.agenda_items.all()),
        )
        for m in meetings
    ]


def _extension_requests(viewer: Viewer, today: dt.date) -> list[WorkItem]:
    """OPDC: coordinators' extension requests to grant or refuse, due by the date they ask for."""
    return [
        _item(
            "extension_request",
            today,
            title=f"{r.subject_th if (get_language() or 'th').startswith('th') else r.subject_en} "
            f"· {r.framework.fiscal_year.year}",
            url=reverse("extension-request-list") + "?state=pending",
            organisation=loc(r.organisation),
            organisation_code=r.organisation.code,
            year=r.framework.fiscal_year.year,
            round_months=r.round.months if r.round is not None else None,
            due=r.requested_deadline,
            comment=r.reason,
        )
        for r in extension_requests_to_decide(viewer)
    ]
