"""notify(): an inbox message per user, and an e-mail sent by a background task after commit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.db import transaction

from govkpi.core.errors import Invalid
from govkpi.notifications.models import Notification
from govkpi.notifications.services import notify


def test_notify_puts_a_message_in_each_inbox_and_emails_it_after_commit(
    user_of: Callable[[str], Any], django_capture_on_commit_callbacks: Any
) -> None:
    users = [user_of("cdd_coordinator"), user_of("cdd_executive")]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        created = notify(users, "ข้อเสนอตัวชี้วัดถูกส่งกลับแก้ไข", "ความเห็น: ปรับค่าเป้าหมาย", "/kpis/?organisation=CDD")
        assert mail.outbox == []  # nothing is e-mailed before the write commits
    assert len(callbacks) == 1
    assert len(created) == 2
    assert {n.user for n in Notification.objects.filter(subject_th="ข้อเสนอตัวชี้วัดถูกส่งกลับแก้ไข")} == set(users)
    assert sorted(m.to[0] for m in mail.outbox) == ["cdd.coord@example.go.th", "cdd.exec@example.go.th"]
    message = mail.outbox[0]
    assert message.subject == "[govkpi] ข้อเสนอตัวชี้วัดถูกส่งกลับแก้ไข"
    assert "ความเห็น: ปรับค่าเป้าหมาย" in message.body
    assert "/kpis/?organisation=CDD" in message.body
    assert all(n.emailed_at is not None for n in Notification.objects.filter(pk__in=[n.pk for n in created]))


def test_a_rolled_back_write_notifies_nobody(
    user_of: Callable[[str], Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        sid = transaction.savepoint()
        notify([user_of("cdd_coordinator")], "จะถูกยกเลิก")
        transaction.savepoint_rollback(sid)
    assert mail.outbox == []
    assert not Notification.objects.filter(subject_th="จะถูกยกเลิก").exists()


def test_users_can_be_given_by_id_and_duplicates_and_inactive_users_are_skipped(
    user_of: Callable[[str], Any], django_capture_on_commit_callbacks: Any
) -> None:
    active, inactive = user_of("cdd_coordinator"), user_of("cdd_executive")
    inactive.is_active = False
    inactive.save()
    with django_capture_on_commit_callbacks(execute=True):
        created = notify([active, active.pk, inactive], "ทดสอบ")
    assert [n.user_id for n in created] == [active.pk]
    assert len(mail.outbox) == 1


def test_a_user_without_an_email_address_gets_the_inbox_message_only(
    user_of: Callable[[str], Any], django_capture_on_commit_callbacks: Any
) -> None:
    user = user_of("mof_coordinator")
    user.email = ""
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = notify([user], "ไม่มีอีเมล")
    assert mail.outbox == []
    notification.refresh_from_db()
    assert notification.emailed_at is None


def test_email_can_be_left_out(user_of: Callable[[str], Any], django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        notify([user_of("cdd_coordinator")], "เฉพาะในระบบ", email=False)
    assert mail.outbox == []


def test_a_subject_is_required_and_links_stay_inside_govkpi(user_of: Callable[[str], Any]) -> None:
    with pytest.raises(Invalid) as blank:
        notify([user_of("cdd_coordinator")], "  ")
    assert blank.value.field == "subject_th"
    with pytest.raises(Invalid) as outside:
        notify([user_of("cdd_coordinator")], "ลิงก์ภายนอก", url="https://example.com/")
    assert outside.value.field == "url"


def test_nobody_to_notify_is_not_an_error(db: None) -> None:
    assert notify([], "ไม่มีผู้รับ") == []
