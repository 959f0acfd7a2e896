"""Deadline reminders: `govkpi remind` (run daily from cron) tells coordinators what is due.

Two kinds of deadline: a framework's proposal deadline (for organisations whose proposal has not
been sent yet) and each round's closing date (for every participant). An organisation's own
extension (`frameworks.DeadlineExtension`) replaces the deadline for it. With lead times 7 and 1
(the default), a coordinator hears 7 days before and again 1 day before; a missed cron run is
caught up by the next one (the reminder for the nearest lead time not yet sent goes out), and
`ReminderSent` makes sure no reminder is ever sent twice, even by two runs at once.

It lives in `results` (not `notifications`) because it reads deadlines of frameworks, proposals
and rounds: `notifications` sits low, so that kpis and results can call `notify()`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction

from govkpi.core.thaidates import format_date
from govkpi.frameworks.models import DeadlineExtension, Framework, Round
from govkpi.frameworks.selectors import announced_q
from govkpi.kpis.choices import ProposalState
from govkpi.kpis.models import Proposal
from govkpi.kpis.workflow import year_label
from govkpi.notifications.models import ReminderSent
from govkpi.notifications.services import coordinators_of, notify
from govkpi.organisations.models import Organisation
from govkpi.results.services import round_label

DEFAULT_DAYS = (7, 1)
NOT_YET_SENT = {ProposalState.DRAFT, ProposalState.RETURNED}


@dataclass(frozen=True)
class Due:
    """One organisation's deadline: what, when, and where to act on it."""

    kind: str  # "proposal" or "round"
    object_id: int
    organisation: Organisation
    deadline: dt.date
    subject: str  # "ส่งข้อเสนอตัวชี้วัด ปีงบประมาณ 2566" / "รายงานผลรอบ 12 เดือน ปี 2566"
    url: str
    #: The inbox groups by organisation and this label (the same one result steps use).
    group_label: str = ""
    subject_en: str = ""


@dataclass(frozen=True)
class Reminder:
    due: Due
    days_before: int
    days_left: int
    recipients: int


def send_reminders(*, today: dt.date, days: Sequence[int] = DEFAULT_DAYS, dry_run: bool = False) -> list[Reminder]:
    """Send every reminder due today that has not been sent; the reminders sent (or, with
    `dry_run`, that would be)."""
    leads = sorted({d for d in days if d >= 0})
    if not leads:
        return []
    horizon = today + dt.timedelta(days=leads[-1])
    dues = list(upcoming(today=today, until=horizon))
    coordinators: dict[int, list[Any]] = defaultdict(list)
    for user in coordinators_of({d.organisation.pk for d in dues}).select_related("person"):
        coordinators[user.person.organisation_id].append(user)
    sent: list[Reminder] = []
    for due in dues:
        days_left = (due.deadline - today).days
        lead = next((d for d in leads if days_left <= d), None)
        if days_left < 0 or lead is None:
            continue
        key = f"{due.kind}:{due.object_id}:{due.organisation.code}:{due.deadline.isoformat()}:{lead}"
        if ReminderSent.objects.filter(key=key).exists():
            continue
        users = coordinators[due.organisation.pk]
        if not users:
            continue  # nobody to tell yet; a coordinator added later still gets it
        if dry_run:
            sent.append(Reminder(due, lead, days_left, len(users)))
            continue
        try:
            with transaction.atomic():
                ReminderSent.objects.create(
                    key=key,
                    organisation=due.organisation,
                    deadline=due.deadline,
                    days_before=lead,
                    recipients=len(users),
                )
                notify(
                    users,
                    _subject(due, days_left),
                    _body(due),
                    due.url,
                    organisation=due.organisation,
                    round_label=due.group_label,
                    subject_en=_subject_en(due, days_left),
                )
        except IntegrityError:
            continue  # another run sent it a moment ago
        sent.append(Reminder(due, lead, days_left, len(users)))
    return sent


def _when(days_left: int) -> str:
    return "วันนี้" if days_left == 0 else f"อีก {days_left} วัน"


def _subject(due: Due, days_left: int) -> str:
    return f"แจ้งเตือน: ครบกำหนด{due.subject} {_when(days_left)} ({format_date(due.deadline)})"


def _subject_en(due: Due, days_left: int) -> str:
    when = "today" if days_left == 0 else f"in {days_left} day{'s' if days_left != 1 else ''}"
    return f"Reminder: {due.subject_en} due {when} ({format_date(due.deadline, lang='en')})"


def _body(due: Due) -> str:
    if due.kind == "proposal":
        return f"{due.organisation.name_th} ยังไม่ได้ส่งข้อเสนอตัวชี้วัด กรุณาส่งภายในวันที่ {format_date(due.deadline, long=True)}"
    return (
        f"กรุณารายงานผลการดำเนินงานพร้อมหลักฐานของ{due.organisation.name_th} "
        f"ภายในวันที่ {format_date(due.deadline, long=True)}"
    )


def upcoming(*, today: dt.date, until: dt.date) -> Iterator[Due]:
    """Every organisation's deadline between today and `until`, extensions applied."""
    extensions = _extensions(today)
    yield from _proposal_deadlines(today, until, extensions)
    yield from _round_deadlines(today, until, extensions)


def _extensions(today: dt.date) -> dict[tuple[int, int | None, int], dt.date]:
    """(framework, round or None, organisation) → the latest extended deadline."""
    latest: dict[tuple[int, int | None, int], dt.date] = {}
    for ext in DeadlineExtension.objects.filter(new_deadline__gte=today).order_by("granted_at"):
        latest[(ext.framework_id, ext.round_id, ext.organisation_id)] = ext.new_deadline
    return latest


def _participants(frameworks: Iterable[Framework]) -> dict[int, list[Organisation]]:
    members: dict[int, list[Organisation]] = defaultdict(list)
    through = Framework.participants.through
    rows = through.objects.filter(framework__in=list(frameworks)).select_related("organisation")
    for row in rows:
        members[row.framework_id].append(row.organisation)
    return members


def _proposal_deadlines(
    today: dt.date, until: dt.date, extensions: dict[tuple[int, int | None, int], dt.date]
) -> Iterator[Due]:
    extended_frameworks = {f for (f, r, _) in extensions if r is None}
    frameworks = list(
        Framework.objects.filter(announced_q(), proposal_deadline__isnull=False)
        .filter(proposal_deadline__gte=today)
        .select_related("fiscal_year")
        | Framework.objects.filter(pk__in=extended_frameworks).select_related("fiscal_year")
    )
    members = _participants(frameworks)
    states = {(p.framework_id, p.organisation_id): p.state for p in Proposal.objects.filter(framework__in=frameworks)}
    for framework in frameworks:
        for org in members.get(framework.pk, []):
            state = states.get((framework.pk, org.pk))
            if state is not None and state not in NOT_YET_SENT:
                continue
            deadline = extensions.get((framework.pk, None, org.pk), framework.proposal_deadline)
            if deadline is None or not today <= deadline <= until:
                continue
            yield Due(
                "proposal",
                framework.pk,
                org,
                deadline,
                f"ส่งข้อเสนอตัวชี้วัด {year_label(framework)}",
                f"/kpis/?organisation={org.code}&year={framework.fiscal_year.year}",
                group_label=year_label(framework),
                subject_en=f"the KPI proposal for FY{framework.fiscal_year.year}",
            )


def _round_deadlines(
    today: dt.date, until: dt.date, extensions: dict[tuple[int, int | None, int], dt.date]
) -> Iterator[Due]:
    extended_rounds = {r for (_, r, _) in extensions if r is not None}
    rounds = list(
        Round.objects.filter(closes_on__gte=today, closes_on__lte=until).select_related("framework__fiscal_year")
        | Round.objects.filter(pk__in=extended_rounds).select_related("framework__fiscal_year")
    )
    members = _participants({r.framework for r in rounds})
    for round_ in rounds:
        year = round_.framework.fiscal_year.year
        for org in members.get(round_.framework_id, []):
            deadline = extensions.get((round_.framework_id, round_.pk, org.pk), round_.closes_on)
            if not today <= deadline <= until:
                continue
            yield Due(
                "round",
                round_.pk,
                org,
                deadline,
                f"รายงานผล{round_label(round_)}",
                f"/scorecards/{org.code}/{year}/{round_.months}/",
                group_label=round_label(round_),
                subject_en=f"the results of the {round_.name_en or round_.name_th} round, FY{year}",
            )
