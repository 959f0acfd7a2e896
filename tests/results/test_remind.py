"""`govkpi remind`: coordinators hear of proposal deadlines and round closing dates, once each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from govkpi.frameworks.models import DeadlineExtension, Framework
from govkpi.kpis.choices import ProposalState
from govkpi.kpis.models import Proposal
from govkpi.notifications.models import Notification
from govkpi.results.reminders import send_reminders

# FY2566 agencies: proposals due 31 Aug 2022; CDD's and MOF's are still drafts.
WEEK_BEFORE = dt.date(2022, 8, 24)
DAY_BEFORE = dt.date(2022, 8, 30)


def _inbox(username: str) -> list[str]:
    return list(Notification.objects.filter(user__username=username).values_list("subject_th", flat=True))


def test_coordinators_with_unsent_proposals_hear_a_week_before_the_deadline(
    db: None, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_reminders(today=WEEK_BEFORE)
    assert sorted(r.due.organisation.code for r in sent) == ["CDD", "MOF"]
    [subject] = _inbox("cdd.coord")
    assert subject == "แจ้งเตือน: ครบกำหนดส่งข้อเสนอตัวชี้วัด ปีงบประมาณ 2566 อีก 7 วัน (31 ส.ค. 2565) · กรมการพัฒนาชุมชน"
    assert sorted(m.to[0] for m in mail.outbox) == ["cdd.coord@example.go.th", "mof.coord@example.go.th"]
    assert "31 สิงหาคม 2565" in mail.outbox[0].body


def test_a_reminder_is_never_sent_twice(db: None) -> None:
    assert len(send_reminders(today=WEEK_BEFORE)) == 2
    assert send_reminders(today=WEEK_BEFORE) == []
    assert send_reminders(today=dt.date(2022, 8, 27)) == []  # the 7-day reminder is already out
    assert len(send_reminders(today=DAY_BEFORE)) == 2  # then the 1-day one
    assert send_reminders(today=dt.date(2022, 8, 31)) == []
    assert len(_inbox("cdd.coord")) == 2


def test_a_missed_run_sends_only_the_nearest_reminder(db: None) -> None:
    sent = send_reminders(today=DAY_BEFORE)
    assert {r.days_before for r in sent} == {1}
    assert _inbox("mof.coord") == [
        "แจ้งเตือน: ครบกำหนดส่งข้อเสนอตัวชี้วัด ปีงบประมาณ 2566 อีก 1 วัน (31 ส.ค. 2565) · กระทรวงการคลัง"
    ]


def test_an_organisation_that_has_sent_its_proposal_is_not_reminded(db: None) -> None:
    Proposal.objects.filter(organisation__code="MOF", framework__fiscal_year__year=2566).update(
        state=ProposalState.SUBMITTED
    )
    assert [r.due.organisation.code for r in send_reminders(today=WEEK_BEFORE)] == ["CDD"]


def test_an_extension_moves_the_organisations_reminders(db: None, user_of: Callable[[str], Any]) -> None:
    framework = Framework.objects.get(fiscal_year__year=2566, group="agencies")
    DeadlineExtension.objects.create(
        framework=framework,
        organisation=framework.participants.get(code="MOF"),
        new_deadline=dt.date(2022, 9, 10),
        reason="ขอขยายเวลา",
        granted_by=user_of("opdc_admin"),
    )
    assert [r.due.organisation.code for r in send_reminders(today=WEEK_BEFORE)] == ["CDD"]
    [late] = send_reminders(today=dt.date(2022, 9, 3))
    assert late.due.organisation.code == "MOF" and late.due.deadline == dt.date(2022, 9, 10)


def test_coordinators_hear_before_a_round_closes_with_a_link_to_their_scorecard(db: None) -> None:
    sent = send_reminders(today=dt.date(2022, 10, 24))  # FY2565 12-month rounds close 31 Oct 2022
    mof = [r for r in sent if r.due.organisation.code == "MOF"]
    assert len(mof) == 1 and mof[0].due.kind == "round"
    notification = Notification.objects.get(user__username="mof.coord")
    assert (
        notification.subject_th == "แจ้งเตือน: ครบกำหนดรายงานผลรอบ 12 เดือน ปี 2565 อีก 7 วัน (31 ต.ค. 2565) · กระทรวงการคลัง"
    )
    assert notification.round_label == "รอบ 12 เดือน ปี 2565" and notification.organisation.code == "MOF"
    assert notification.subject_en.startswith("Reminder: the results of the")
    assert notification.url == "/scorecards/MOF/2565/12/"
    assert {"P24", "MOF"} <= {r.due.organisation.code for r in sent}


def test_the_remind_command_takes_its_lead_times_and_a_dry_run(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("remind", "--today", "24 ส.ค. 2565", "--dry-run")
    out = capsys.readouterr().out
    assert "2 reminder(s) would send for 2022-08-24" in out
    assert not Notification.objects.exists()
    call_command("remind", "--today", "2022-08-28", "--days", "3")
    assert "2 reminder(s) sent for 2022-08-28" in capsys.readouterr().out
    assert Notification.objects.count() == 2
