"""/api/v1/people: the same rules as the pages, and clear 4xx answers for what is refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from govkpi.organisations.access import viewer_for
from govkpi.organisations.tokens import api_token_create

pytestmark = pytest.mark.django_db

R = "/api/v1/people"
NEW = {
    "username": "api.person",
    "full_name_th": "นายเอพีไอ ทดสอบ",
    "organisation": "CDD",
    "role": "coordinator",
    "email": "api.person@example.go.th",
}


def post(client: Client, url: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(url, body or {}, content_type="application/json")


def test_an_organisation_admin_creates_lists_reads_changes_and_deactivates_its_staff(client_as: Any) -> None:
    client = client_as("cdd.admin")
    created = post(client, R + "/", NEW)
    assert created.status_code == 201
    assert created.json()["set_password_url"].startswith("http://testserver/account/set-password/")
    assert {p["username"] for p in client.get(R + "/").json()} >= {"api.person", "cdd.coord", "cdd.exec"}
    assert all(p["organisation"] == "CDD" for p in client.get(R + "/").json())
    assert client.get(R + "/api.person").json()["role"] == "coordinator"
    patched = client.patch(R + "/api.person", {"role": "executive"}, content_type="application/json")
    assert patched.status_code == 200 and patched.json()["role"] == "executive"
    assert post(client, R + "/api.person/deactivate", {"reason": "ลาออก"}).json()["active"] is False
    assert [p["username"] for p in client.get(R + "/?active=false").json()] == ["api.person"]
    assert post(client, R + "/api.person/reactivate").json()["active"] is True


def test_refusals_are_4xx_with_the_field_named(client_as: Any) -> None:
    admin = client_as("cdd.admin")
    assert post(admin, R + "/", NEW | {"role": "opdc_admin"}).status_code == 403
    assert post(admin, R + "/", NEW | {"organisation": "MOF"}).json()["field"] == "organisation"
    assert post(admin, R + "/", NEW | {"role": "king"}).status_code == 422
    unknown = post(client_as("opdc_admin"), R + "/", NEW | {"organisation": "NOPE"})
    assert unknown.status_code == 422 and unknown.json()["field"] == "organisation"
    taken = post(client_as("opdc_admin"), R + "/", NEW | {"username": "cdd.coord"})
    assert taken.status_code == 422 and taken.json()["field"] == "username"
    assert post(admin, R + "/", NEW | {"username": "bad name"}).status_code == 422
    assert admin.get(R + "/mof.coord").status_code == 404
    assert admin.patch(R + "/mof.coord", {"role": "executive"}, content_type="application/json").status_code == 404
    assert post(admin, R + "/cdd.admin/deactivate").status_code == 403
    assert admin.patch(R + "/cdd.coord", {"role": "moi_reviewer"}, content_type="application/json").status_code == 403


def test_people_are_only_for_administrators_over_the_api(client_as: Any) -> None:
    assert client_as("cdd_coordinator").get(R + "/").status_code == 403
    assert post(client_as("opdc_desk"), R + "/", NEW).status_code == 403
    assert Client().get(R + "/").status_code == 401


def test_a_deactivated_administrators_token_stops_at_once(client_as: Any, user_of: Any) -> None:
    _token, key = api_token_create(viewer=viewer_for(user_of("cdd.admin")), name="hr-script")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert Client().get(R + "/", **headers).status_code == 200
    assert post(client_as("opdc_admin"), R + "/cdd.admin/deactivate").status_code == 200
    assert Client().get(R + "/", **headers).status_code == 401


def test_a_password_reset_over_the_api_returns_a_link_once(client_as: Any) -> None:
    reset = post(client_as("opdc_admin"), R + "/cdd.exec/password")
    assert reset.status_code == 200 and "/account/set-password/" in reset.json()["set_password_url"]
    weak = post(client_as("opdc_admin"), R + "/cdd.exec/password", {"password": "123"})
    assert weak.status_code == 422 and weak.json()["field"] == "password"
