"""The daily digest: a person who chooses it gets one e-mail a day (govkpi digest) listing the
day's unread messages grouped by organisation and round, and no immediate e-mails; the inbox
still gets every message."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from govkpi.core.models import WorkflowEvent
from govkpi.notifications.models import Notification
from govkpi.notifications.services import notify, setting_update
from govkpi.organisations.models import ApiToken, Organisation

pytestmark = pytest.mark.django_db


def _yesterday(notifications: list[Notification]) -> dt.date:
    day = timezone.localdate() - dt.timedelta(days=1)
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
        created_at=timezone.now() - dt.timedelta(days=1)
    )
    return day


def test_with_the_digest_on_the_inbox_gets_messages_but_no_email_goes_at_once(
    user_of: Callable[[str], Any], django_capture_on_commit_callbacks: Any
) -> None:
    user = user_of("cdd_coordinator")
    setting_update(user=user, digest=True)
    with django_capture_on_commit_callbacks(execute=True):
        notify([user, user_of("cdd_executive")], "ผลการดำเนินงาน: ส่งแล้ว")
    assert Notification.objects.filter(user=user).count() == 1
    assert [m.to for m in mail.outbox] == [["cdd.exec@example.go.th"]]


def test_the_digest_command_sends_one_email_of_yesterdays_unread_grouped(
    user_of: Callable[[str], Any], django_capture_on_commit_callbacks: Any
) -> None:
    user = user_of("cdd_coordinator")
    call_command("digest", "--user", user.username, "--on", stdout=io.StringIO())
    cdd, mof = Organisation.objects.get(code="CDD"), Organisation.objects.get(code="MOF")
    with django_capture_on_commit_callbacks(execute=True):
        made = [
            *notify(
                [user],
                "ผลการดำเนินงาน: ส่งแล้ว",
                "",
                "/results/CDD/2566/12/",
                organisation=cdd,
                round_label="รอบ 12 เดือน ปี 2566",
            ),
            *notify([user], "ข้อเสนอตัวชี้วัด: เห็นชอบ", organisation=cdd, round_label="ปีงบประมาณ 2567"),
            *notify([user], "ตัวชี้วัดร่วม", organisation=mof, round_label="รอบ 12 เดือน ปี 2566"),
        ]
        read = notify([user], "อ่านแล้ว", organisation=cdd)[0]
    assert mail.outbox == []
    read.read_at = timezone.now()
    read.save()
    _yesterday([*made, read])
    notify([user], "ของวันนี้", email=False)

    call_command("digest", stdout=io.StringIO())
    [message] = mail.outbox
    assert message.to == ["cdd.coord@example.go.th"]
    assert "(3 รายการ)" in message.subject
    body = message.body
    assert "■ กรมการพัฒนาชุมชน · รอบ 12 เดือน ปี 2566" in body
    assert "■ กรมการพัฒนาชุมชน · ปีงบประมาณ 2567" in body
    assert "■ กระทรวงการคลัง · รอบ 12 เดือน ปี 2566" in body
    assert "/results/CDD/2566/12/" in body
    assert "อ่านแล้ว" not in body and "ของวันนี้" not in body
    assert all(n.emailed_at for n in Notification.objects.filter(pk__in=[n.pk for n in made]))

    call_command("digest", stdout=io.StringIO())  # cron run twice: still one e-mail
    assert len(mail.outbox) == 1


def test_people_without_the_digest_get_no_digest(user_of: Callable[[str], Any]) -> None:
    _yesterday(notify([user_of("mof_coordinator")], "ข่าว", email=False))
    call_command("digest", stdout=io.StringIO())
    assert mail.outbox == []


def test_the_settings_page_switches_the_digest_on_and_it_is_audited(
    client_as: Callable[[str], Client], user_of: Callable[[str], Any]
) -> None:
    client = client_as("cdd_coordinator")
    page = client.get("/account/notifications/").content.decode()
    assert 'value="immediate" data-testid="delivery-immediate" checked' in page
    assert client.post("/account/notifications/", {"delivery": "digest"}).status_code == 302
    page = client.get("/account/notifications/").content.decode()
    assert 'value="digest" data-testid="delivery-digest" checked' in page
    event = WorkflowEvent.objects.get(action="notification_setting")
    assert (event.from_state, event.to_state, event.actor) == ("immediate", "digest", user_of("cdd_coordinator"))


def test_the_api_reads_and_sets_the_digest(user_of: Callable[[str], Any], client: Client) -> None:
    user = user_of("cdd_coordinator")
    _, key = ApiToken.issue(user=user, name="test")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get("/api/v1/me/notification-settings", **auth).json() == {"digest": False, "digest_sent_on": None}
    response = client.put("/api/v1/me/notification-settings", {"digest": True}, content_type="application/json", **auth)
    assert response.status_code == 200 and response.json()["digest"] is True
    assert client.get("/api/v1/me/notification-settings", **auth).json()["digest"] is True
