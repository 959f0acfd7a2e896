"""Every paging and numeric query parameter is bounded in the schema itself, and a bug answers
JSON with a reference, never Django's HTML error page."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.test import Client

from govkpi.organisations import selectors

pytestmark = pytest.mark.django_db


def test_the_fuzzers_paging_that_was_a_500_is_a_422_naming_the_parameters(client_as: Any) -> None:
    response = client_as("opdc_admin").get("/api/v1/kpis/?joint=false&offset=15855077263033659392&limit=-183")
    assert response.status_code == 422
    fields = {p["field"] for p in response.json()["problems"]}
    assert {"query.offset", "query.limit"} <= fields


def test_the_openapi_document_tells_clients_every_list_operations_paging_limits(client: Client) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    paged = 0
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                if parameter["in"] != "query":
                    continue
                schema = parameter["schema"]
                numeric = schema.get("type") == "integer" or any(
                    s.get("type") == "integer" for s in schema.get("anyOf", [])
                )
                if not numeric:
                    continue
                bounds = (
                    schema if "maximum" in schema else next(s for s in schema["anyOf"] if s.get("type") == "integer")
                )
                where = f"{method.upper()} {path} ?{parameter['name']}"
                assert "minimum" in bounds and "maximum" in bounds, f"{where} is not bounded"
                if parameter["name"] == "limit":
                    paged += 1
                    assert bounds["minimum"] == 1, where
                if parameter["name"] == "offset":
                    assert bounds["minimum"] == 0 and bounds["maximum"] <= 2**31 - 1, where
    assert paged >= 4


def test_a_bug_answers_json_with_a_reference_that_is_in_the_log(
    client: Client, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(**_: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(selectors, "organisation_list", broken)
    with caplog.at_level(logging.ERROR, logger="govkpi.api"):
        response = client.get("/api/v1/organisations/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["reference"] in body["message_th"] and body["reference"] in body["message_en"]
    logged = [r for r in caplog.records if getattr(r, "reference", None) == body["reference"]]
    assert logged and logged[0].exc_info is not None
