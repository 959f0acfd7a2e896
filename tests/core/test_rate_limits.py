"""Rate limits on the expensive endpoints beyond the preview: login, search and exports answer 429
with Retry-After in Thai and English once a client has used its minute's allowance."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


@override_settings(RATE_LIMITS_ENABLED=True, RATE_LIMIT_LOGIN=2)
def test_the_third_login_attempt_in_a_minute_is_answered_429_in_thai_and_english(client: Client) -> None:
    answers = [client.post("/login/", {"username": "cdd.coord", "password": "wrong"}) for _ in range(3)]
    assert [a.status_code for a in answers][-1] == 429
    page = answers[-1].content.decode()
    assert "มีคำขอมากเกินไป" in page and "Too many requests" in page
    assert int(answers[-1]["Retry-After"]) >= 1


@override_settings(RATE_LIMITS_ENABLED=True, RATE_LIMIT_LOGIN=1)
def test_looking_at_the_login_page_is_not_limited(client: Client) -> None:
    assert {client.get("/login/").status_code for _ in range(3)} == {200}


@override_settings(RATE_LIMITS_ENABLED=True, RATE_LIMIT_SEARCH=1)
def test_the_public_search_api_is_limited_per_client(client: Client) -> None:
    assert client.get("/api/v1/public/search?q=test").status_code != 429
    refused = client.get("/api/v1/public/search?q=test")
    assert refused.status_code == 429 and refused.json()["message_en"].startswith("Too many requests")


@override_settings(RATE_LIMITS_ENABLED=True, RATE_LIMIT_EXPORT=1)
def test_exports_are_limited_per_user_not_shared_between_users(client_as: Any) -> None:
    coordinator, admin = client_as("cdd_coordinator"), client_as("opdc_admin")
    assert coordinator.get("/kpis/export.xlsx").status_code == 200
    assert coordinator.get("/kpis/export.xlsx").status_code == 429
    assert admin.get("/kpis/export.xlsx").status_code == 200
