from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from govkpi.basket.models import BasketKpi

pytestmark = pytest.mark.django_db


def send(client: Client, method: str, url: str, body: object = None) -> Any:
    return getattr(client, method)(
        url, data=json.dumps(body) if body is not None else None, content_type="application/json"
    )


def test_opdc_creates_an_entry_through_the_api(client_as: Callable[[str], Client], template: dict[str, Any]) -> None:
    response = send(client_as("opdc_admin"), "post", "/api/v1/basket/", template)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["code"] == "T66-900" and body["plan_links"] == ["MP20"]
    assert body["recommended_targets"] == [["80", "85", "90"]]


def test_a_bad_entry_is_422_with_problems_per_field(
    client_as: Callable[[str], Client], template: dict[str, Any]
) -> None:
    response = send(
        client_as("opdc_admin"),
        "post",
        "/api/v1/basket/",
        {**template, "measure": "guess", "recommended_targets": [1, "x", 3]},
    )
    assert response.status_code == 422
    fields = {p["field"] for p in response.json()["problems"]}
    assert fields == {"measure", "recommended_targets"}
    assert not BasketKpi.objects.filter(code="T66-900").exists()


def test_patch_changes_only_what_is_sent(client_as: Callable[[str], Client]) -> None:
    response = send(client_as("opdc_desk"), "patch", "/api/v1/basket/B65-001", {"evidence_th": "รายงานประจำปี"})
    assert response.status_code == 200
    assert response.json()["evidence_th"] == "รายงานประจำปี"
    assert response.json()["name_th"] == BasketKpi.objects.get(code="B65-001").name_th


def test_delete_retires_and_the_entry_is_still_readable(client_as: Callable[[str], Client]) -> None:
    client = client_as("opdc_admin")
    assert send(client, "delete", "/api/v1/basket/B65-005").json()["is_retired"] is True
    assert Client().get("/api/v1/basket/B65-005").json()["is_retired"] is True
    codes = [k["code"] for k in Client().get("/api/v1/basket/", {"limit": 500}).json()]
    assert "B65-005" not in codes
    assert send(client, "post", "/api/v1/basket/B65-005/restore").json()["is_retired"] is False


def test_writes_need_opdc(client_as: Callable[[str], Client], template: dict[str, Any]) -> None:
    assert send(client_as("cdd_coordinator"), "post", "/api/v1/basket/", template).status_code == 403
    assert send(client_as("moi_reviewer"), "patch", "/api/v1/basket/B65-001", {"unit_th": "x"}).status_code == 403
    assert send(client_as("cdd_coordinator"), "delete", "/api/v1/basket/B65-001").status_code == 403
    assert send(Client(), "post", "/api/v1/basket/", template).status_code == 401
    assert send(client_as("opdc_admin"), "patch", "/api/v1/basket/NOPE-1", {"unit_th": "x"}).status_code == 404


def test_the_openapi_document_declares_the_basket_errors(client: Client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for method, path in (
        ("post", "/api/v1/basket/"),
        ("patch", "/api/v1/basket/{code}"),
        ("delete", "/api/v1/basket/{code}"),
    ):
        declared = set(paths[path][method]["responses"])
        assert {"401", "403", "404", "422"} <= declared, (method, path)
