"""The inbox page, the unread count in the menu, and marking read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client

from govkpi.notifications.models import Notification
from govkpi.notifications.services import notify


def _two_for(user: Any) -> list[Notification]:
    return [
        notify([user], "ครบกำหนดรายงานผล", "กรุณารายงานผล", "/scorecards/CDD/2564/12/", email=False)[0],
        notify([user], "ข้อเสนอได้รับอนุมัติ", email=False)[0],
    ]


def test_the_menu_shows_how_many_notifications_are_unread(
    client_as: Callable[[str], Client], user_of: Callable[[str], Any]
) -> None:
    _two_for(user_of("cdd_coordinator"))
    html = client_as("cdd_coordinator").get("/").content.decode()
    assert '<span id="unread-count" class="tag" data-testid="unread-count">2</span>' in html


def test_the_inbox_lists_only_the_users_own_notifications(
    client_as: Callable[[str], Client], user_of: Callable[[str], Any]
) -> None:
    _two_for(user_of("cdd_coordinator"))
    notify([user_of("mof_coordinator")], "ของกระทรวงการคลัง", email=False)
    html = client_as("cdd_coordinator").get("/inbox/").content.decode()
    assert html.count('data-testid="notification"') == 2
    assert "ครบกำหนดรายงานผล" in html and "ของกระทรวงการคลัง" not in html
    assert "ยังไม่ได้อ่าน 2 รายการ" in html


def test_marking_one_read_with_htmx_updates_it_and_the_menu_count(
    client_as: Callable[[str], Client], user_of: Callable[[str], Any]
) -> None:
    first, _ = _two_for(user_of("cdd_coordinator"))
    response = client_as("cdd_coordinator").post(f"/inbox/{first.pk}/read/", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="notification-{first.pk}"' in html and "data-unread" not in html
    assert '<span id="unread-count" class="tag" data-testid="unread-count" hx-swap-oob="true">1</span>' in html
    first.refresh_from_db()
    assert first.read_at is not None


def test_opening_a_notification_marks_it_read_and_follows_its_link(
    client_as: Callable[[str], Client], user_of: Callable[[str], Any]
) -> None:
    first, _ = _two_for(user_of("cdd_coordinator"))
    response = client_as("cdd_coordinator").post(f"/inbox/{first.pk}/open/")
    assert response.status_code == 302 and response["Location"] == "/scorecards/CDD/2564/12/"
    first.refresh_from_db()
    assert first.read_at is not None


def test_nobody_can_mark_another_users_notification(
    client_as: Callable[[str], Client], user_of: Callable[[str], Any]
) -> None:
    first, _ = _two_for(user_of("cdd_coordinator"))
    assert client_as("mof_coordinator").post(f"/inbox/{first.pk}/read/").status_code == 404
    assert client_as("mof_coordinator").post(f"/inbox/{first.pk}/open/").status_code == 404
    first.refresh_from_db()
    assert first.read_at is None


def test_all_can_be_marked_read_at_once(client_as: Callable[[str], Client], user_of: Callable[[str], Any]) -> None:
    _two_for(user_of("cdd_coordinator"))
    client = client_as("cdd_coordinator")
    assert client.post("/inbox/read-all/").status_code == 302
    assert not Notification.objects.filter(user=user_of("cdd_coordinator"), read_at__isnull=True).exists()
    assert "ยังไม่ได้อ่าน 0 รายการ" in client.get("/inbox/").content.decode()


def test_the_inbox_needs_a_login(client: Client, db: None) -> None:
    response = client.get("/inbox/")
    assert response.status_code == 302 and "/login/" in response["Location"]
