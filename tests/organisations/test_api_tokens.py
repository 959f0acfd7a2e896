"""API tokens people can manage: their own in the web, the API and the command; OPDC anyone's."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from govkpi.organisations.access import viewer_for
from govkpi.organisations.models import ApiToken
from govkpi.organisations.tokens import api_token_create

pytestmark = pytest.mark.django_db

ME = "/api/v1/organisations/me"


def bearer(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def issue(user: Any, **kwargs: Any) -> tuple[ApiToken, str]:
    return api_token_create(viewer=viewer_for(user), name=kwargs.pop("name", "script"), **kwargs)


def test_a_coordinator_creates_lists_and_revokes_a_token_over_the_api(client_as: Any) -> None:
    client = client_as("cdd_coordinator")
    created = client.post("/api/v1/tokens/", {"name": "nightly"}, content_type="application/json")
    assert created.status_code == 201
    key = created.json()["key"]
    assert Client().get(ME, **bearer(key)).status_code == 200
    listed = client.get("/api/v1/tokens/").json()
    assert [t["name"] for t in listed] == ["nightly"] and "key" not in listed[0]
    assert listed[0]["last_used_at"] is not None
    assert client.delete(f"/api/v1/tokens/{created.json()['id']}").json()["active"] is False
    assert Client().get(ME, **bearer(key)).status_code == 401


def test_a_new_token_expires_after_the_default_set_by_opdc(user_of: Any, settings: Any) -> None:
    settings.API_TOKEN_DEFAULT_DAYS = 30
    token, _key = issue(user_of("cdd_coordinator"))
    assert token.expires_at is not None
    assert abs((token.expires_at - timezone.now()) - dt.timedelta(days=30)) < dt.timedelta(minutes=1)


def test_a_token_longer_than_the_maximum_is_refused_naming_the_field(client_as: Any, settings: Any) -> None:
    settings.API_TOKEN_MAX_DAYS = 365
    response = client_as("cdd_coordinator").post(
        "/api/v1/tokens/", {"name": "forever", "days": 3000}, content_type="application/json"
    )
    assert response.status_code == 422 and response.json()["field"] == "days"


def test_an_expired_token_stops_working(user_of: Any) -> None:
    token, key = issue(user_of("cdd_coordinator"))
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert Client().get(ME, **bearer(key)).status_code == 401


def test_a_token_stops_working_when_its_owner_changes_password(user_of: Any) -> None:
    user = user_of("cdd_coordinator")
    _token, key = issue(user)
    assert Client().get(ME, **bearer(key)).status_code == 200
    user.set_password("a-new-password-2567")
    user.save()
    assert Client().get(ME, **bearer(key)).status_code == 401


def test_a_token_stops_working_when_the_account_is_deactivated(user_of: Any) -> None:
    user = user_of("cdd_coordinator")
    _token, key = issue(user)
    user.is_active = False
    user.save()
    assert Client().get(ME, **bearer(key)).status_code == 401


def test_a_read_only_token_reads_but_may_not_write(user_of: Any) -> None:
    _token, key = issue(user_of("cdd_coordinator"), read_only=True)
    assert Client().get(ME, **bearer(key)).status_code == 200
    refused = Client().post("/api/v1/notifications/read-all", **bearer(key))
    assert refused.status_code == 403
    assert "read-only" in refused.json()["detail"]


def test_only_the_hash_of_a_key_is_stored(user_of: Any) -> None:
    token, key = issue(user_of("cdd_coordinator"))
    token.refresh_from_db()
    assert key not in {token.key_hash, token.prefix} and token.key_hash == ApiToken.hash_key(key)


def test_a_coordinator_cannot_revoke_or_see_another_persons_token(client_as: Any, user_of: Any) -> None:
    token, key = issue(user_of("mof_coordinator"))
    client = client_as("cdd_coordinator")
    assert client.delete(f"/api/v1/tokens/{token.pk}").status_code == 404
    assert client.get("/api/v1/tokens/?everyone=true").json() == []
    assert Client().get(ME, **bearer(key)).status_code == 200


def test_opdc_sees_and_revokes_anyones_token(client_as: Any, user_of: Any) -> None:
    token, key = issue(user_of("mof_coordinator"), name="mof-batch")
    client = client_as("opdc_admin")
    assert "mof-batch" in [t["name"] for t in client.get("/api/v1/tokens/?everyone=true").json()]
    assert client.delete(f"/api/v1/tokens/{token.pk}").status_code == 200
    assert Client().get(ME, **bearer(key)).status_code == 401


def test_the_tokens_page_shows_a_new_key_once_and_revokes_it(client_as: Any) -> None:
    client = client_as("cdd_coordinator")
    page = client.post("/account/tokens/", {"name": "excel macro", "days": 7})
    assert page.status_code == 200
    key = page.context["new_key"]
    assert key and key in page.content.decode()
    again = client.get("/account/tokens/").content.decode()
    assert "excel macro" in again and key not in again
    token = ApiToken.objects.get(name="excel macro")
    client.post(f"/account/tokens/{token.pk}/revoke/")
    assert Client().get(ME, **bearer(key)).status_code == 401


def test_the_command_creates_lists_and_revokes_tokens(user_of: Any) -> None:
    out = io.StringIO()
    call_command("token", "create", "cdd.coord", "cron", "--days", "5", "--read-only", stdout=out)
    key = out.getvalue().strip()
    token = ApiToken.objects.get(key_hash=ApiToken.hash_key(key))
    assert token.read_only
    listing = io.StringIO()
    call_command("token", "list", "cdd.coord", stdout=listing)
    assert "cron" in listing.getvalue() and "read-only" in listing.getvalue() and "active" in listing.getvalue()
    call_command("token", "revoke", str(token.pk), stdout=io.StringIO())
    assert Client().get(ME, **bearer(key)).status_code == 401


def test_opdc_reads_tokens_in_the_admin(client_as: Any, user_of: Any) -> None:
    issue(user_of("mof_coordinator"), name="mof-batch")
    admin = client_as("opdc_admin")
    response = admin.get("/admin/organisations/apitoken/")
    # The admin asks OPDC staff for a second factor first; either way the model is registered.
    assert response.status_code in {200, 302}


def test_a_write_with_a_token_looks_the_token_up_once_however_often_the_api_asks_who_calls(user_of: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _token, key = issue(user_of("cdd_coordinator"))
    with CaptureQueriesContext(connection) as queries:
        answer = Client().post(
            "/api/v1/results/987654321/submit", {"lock_version": 1}, content_type="application/json", **bearer(key)
        )
    assert answer.status_code == 404  # authenticated, then asked who calls to find the result
    assert sum('FROM "organisations_apitoken"' in q["sql"] for q in queries.captured_queries) == 1
