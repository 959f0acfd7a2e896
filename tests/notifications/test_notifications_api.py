"""GET /api/v1/notifications and POST /api/v1/notifications/{id}/read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client

from govkpi.notifications.services import notify
from govkpi.organisations.models import ApiToken


def _token(user: Any) -> str:
    _, key = ApiToken.issue(user=user, name="test")
    return f"Bearer {key}"


def test_a_user_lists_their_notifications_newest_first(user_of: Callable[[str], Any], client: Client) -> None:
    user = user_of("cdd_coordinator")
    notify([user], "เก่า", email=False)
    notify([user], "ใหม่", "รายละเอียด", "/inbox/", email=False)
    notify([user_of("mof_coordinator")], "ของคนอื่น", email=False)
    body = client.get("/api/v1/notifications", HTTP_AUTHORIZATION=_token(user)).json()
    assert body["count"] == 2 and body["unread"] == 2
    assert [n["subject_th"] for n in body["items"]] == ["ใหม่", "เก่า"]
    assert body["items"][0]["url"] == "/inbox/" and body["items"][0]["read_at"] is None


def test_a_notification_is_marked_read_through_the_api(user_of: Callable[[str], Any], client: Client) -> None:
    user = user_of("cdd_coordinator")
    [notification] = notify([user], "อ่านผ่าน API", email=False)
    token = _token(user)
    response = client.post(f"/api/v1/notifications/{notification.pk}/read", HTTP_AUTHORIZATION=token)
    assert response.status_code == 200 and response.json()["read_at"] is not None
    unread = client.get("/api/v1/notifications", {"unread": "true"}, HTTP_AUTHORIZATION=token).json()
    assert unread["count"] == 0


def test_another_users_notification_is_not_found(user_of: Callable[[str], Any], client: Client) -> None:
    [notification] = notify([user_of("cdd_coordinator")], "ส่วนตัว", email=False)
    response = client.post(
        f"/api/v1/notifications/{notification.pk}/read", HTTP_AUTHORIZATION=_token(user_of("mof_coordinator"))
    )
    assert response.status_code == 404


def test_the_notifications_api_needs_credentials(client: Client, db: None) -> None:
    assert client.get("/api/v1/notifications").status_code == 401
    assert client.post("/api/v1/notifications/1/read").status_code == 401


def test_a_browser_session_must_send_its_csrf_token_to_mark_read(
    user_of: Callable[[str], Any], client_as: Callable[[str], Client]
) -> None:
    [notification] = notify([user_of("cdd_coordinator")], "CSRF", email=False)
    client = client_as("cdd_coordinator")
    client.handler.enforce_csrf_checks = True
    assert client.get("/api/v1/notifications").status_code == 200
    assert client.post(f"/api/v1/notifications/{notification.pk}/read").status_code in {401, 403}
