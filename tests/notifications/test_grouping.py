"""Notifications people read: one message per person for one step of a round, naming the
organisation and the round, however many KPIs the step touched."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail

from govkpi.frameworks.choices import Measure
from govkpi.frameworks.models import Round
from govkpi.kpis.selectors import reportable_in_round
from govkpi.notifications.models import Notification
from govkpi.notifications.services import grouped, inbox, notify
from govkpi.organisations.access import viewer_for
from govkpi.organisations.models import Organisation
from govkpi.results import services as results

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_round(db: None) -> Round:
    round_ = Round.objects.get(framework__fiscal_year__year=2565, framework__group="agencies", months=6)
    today = dt.date.today()
    round_.opens_on, round_.closes_on = today - dt.timedelta(days=10), today + dt.timedelta(days=10)
    round_.save()
    return round_


def walk_the_round(user_of: Callable[[str], Any], round_: Round, code: str = "MOF") -> int:
    """Every reportable KPI of the organisation reported, submitted, endorsed and verified, one by
    one, as the people of a round do it; returns how many KPIs."""
    organisation = Organisation.objects.get(code=code)
    coordinator, executive, desk = user_of("mof_coordinator"), user_of("mof.exec"), user_of("opdc_desk")
    kpis = [k for k, _ in reportable_in_round(round_.framework, round_, organisations=[organisation.pk])]
    for kpi in kpis:
        result = results.result_save(
            viewer=viewer_for(coordinator),
            user=coordinator,
            kpi=kpi,
            round_=round_,
            value="4" if kpi.measure == Measure.MILESTONE else "101",
            narrative_th="",
            lock_version=None,
        )
        result = results.result_submit(viewer=viewer_for(coordinator), user=coordinator, result=result)
        result = results.result_endorse(viewer=viewer_for(executive), user=executive, result=result)
        results.result_verify(viewer=viewer_for(desk), user=desk, result=result, action="accept")
    return len(kpis)


def test_a_round_of_many_kpis_gives_the_coordinator_one_message_per_step(
    user_of: Callable[[str], Any], open_round: Round
) -> None:
    kpis = walk_the_round(user_of, open_round)
    assert kpis >= 4
    unread = list(inbox(user_of("mof_coordinator"), unread_only=True))
    # submitted, endorsed, verified: three messages, not three per KPI
    assert len(unread) == 3
    submitted = next(n for n in unread if n.kind == "result_submit")
    assert submitted.count == kpis
    assert submitted.subject_th == (
        f"ผลการดำเนินงาน: ส่งแล้ว รอผู้บริหารรับรอง ({kpis} รายการ) · กระทรวงการคลัง · รอบ 6 เดือน ปี 2565"
    )
    assert "MOF-65-03" in submitted.body_th
    assert submitted.url == "/results/MOF/2565/6/"


def test_a_grouped_message_is_emailed_once_and_a_read_one_is_not_reopened(
    user_of: Callable[[str], Any], django_capture_on_commit_callbacks: Any
) -> None:
    user = user_of("cdd_coordinator")
    cdd = Organisation.objects.get(code="CDD")
    step = {"organisation": cdd, "round_label": "รอบ 12 เดือน ปี 2566", "group_key": "results:cdd:12:submit"}
    with django_capture_on_commit_callbacks(execute=True):
        notify([user], "ผลการดำเนินงาน: ส่งแล้ว", "ตัวชี้วัด 1", "/results/CDD/2566/12/", **step)
        notify([user], "ผลการดำเนินงาน: ส่งแล้ว", "ตัวชี้วัด 2", "/results/CDD/2566/12/", **step)
    [message] = Notification.objects.filter(user=user)
    assert message.count == 2
    assert message.subject_th == "ผลการดำเนินงาน: ส่งแล้ว (2 รายการ) · กรมการพัฒนาชุมชน · รอบ 12 เดือน ปี 2566"
    assert message.body_th.splitlines() == ["ตัวชี้วัด 1", "ตัวชี้วัด 2"]
    assert len(mail.outbox) == 1
    message.read_at = message.created_at
    message.save()
    notify([user], "ผลการดำเนินงาน: ส่งแล้ว", "ตัวชี้วัด 3", **step)
    assert Notification.objects.filter(user=user).count() == 2  # read: a new message, not a hidden update


def test_a_message_from_yesterday_is_not_grown_today(user_of: Callable[[str], Any]) -> None:
    user = user_of("cdd_coordinator")
    [old] = notify([user], "ผลการดำเนินงาน: ส่งแล้ว", group_key="k")
    Notification.objects.filter(pk=old.pk).update(created_at=old.created_at - dt.timedelta(days=1))
    notify([user], "ผลการดำเนินงาน: ส่งแล้ว", group_key="k")
    assert sorted(Notification.objects.filter(user=user).values_list("count", flat=True)) == [1, 1]


def test_the_inbox_groups_messages_by_organisation_and_round(user_of: Callable[[str], Any]) -> None:
    user = user_of("opdc_desk")
    cdd, mof = Organisation.objects.get(code="CDD"), Organisation.objects.get(code="MOF")
    notify([user], "ก", organisation=cdd, round_label="รอบ 6 เดือน ปี 2566")
    notify([user], "ข", organisation=mof, round_label="รอบ 6 เดือน ปี 2566")
    notify([user], "ค", organisation=cdd, round_label="รอบ 6 เดือน ปี 2566")
    groups = grouped(inbox(user))
    assert [(g.organisation.code if g.organisation else "", len(g.items)) for g in groups] == [("CDD", 2), ("MOF", 1)]


def test_the_inbox_page_shows_one_heading_per_organisation_and_round_and_each_item_links(
    client_as: Callable[[str], Any], user_of: Callable[[str], Any]
) -> None:
    user = user_of("cdd_coordinator")
    cdd = Organisation.objects.get(code="CDD")
    for code in ("1.1", "1.2", "2.1"):
        notify(
            [user],
            "ผลการดำเนินงาน: ส่งแล้ว",
            f"ตัวชี้วัด {code}",
            "/results/CDD/2566/12/",
            organisation=cdd,
            round_label="รอบ 12 เดือน ปี 2566",
            group_key="results:CDD:12:submit",
            email=False,
        )
    notify(
        [user], "ข้อเสนอตัวชี้วัด: เห็นชอบ", url="/proposals/1/", organisation=cdd, round_label="ปีงบประมาณ 2567", email=False
    )
    client = client_as("cdd_coordinator")
    html = client.get("/inbox/").content.decode()
    assert html.count('data-testid="inbox-group"') == 2
    assert html.count('data-testid="notification"') == 2
    assert "ผลการดำเนินงาน: ส่งแล้ว (3 รายการ) · กรมการพัฒนาชุมชน · รอบ 12 เดือน ปี 2566" in html
    assert '<a href="/results/CDD/2566/12/" data-testid="notification-link">' in html
    client.post("/inbox/read-all/")
    assert "ยังไม่ได้อ่าน 0 รายการ" in client.get("/inbox/").content.decode()
