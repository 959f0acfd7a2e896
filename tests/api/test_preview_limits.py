"""The scoring preview is open to anyone, so what one request may make the server do is bounded:
body size, KPIs per document, digits per number, and requests per minute."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from django.test import Client, override_settings
from test_scoring_preview import DOCUMENT, post

pytestmark = pytest.mark.django_db


def test_a_huge_integer_in_the_preview_is_refused_not_a_500(client: Client) -> None:
    body = json.dumps(DOCUMENT).replace('"result": 87.5', '"result": ' + "9" * 4301)
    response = post(client, body)
    assert response.status_code == 422
    problem = response.json()["problems"][0]
    assert problem["rule"] == "too_many_digits"
    assert "PREVIEW_MAX_DIGITS" in problem["message"] and "4301" in problem["message"]


def test_a_number_written_as_a_string_is_bounded_too(client: Client) -> None:
    document = copy.deepcopy(DOCUMENT)
    document["kpis"][0]["result"] = "1" * 200
    response = post(client, document)
    assert response.status_code == 422
    assert response.json()["problems"][0]["field"] == "kpis[0].result"


def test_an_exponent_cannot_smuggle_a_huge_number(client: Client) -> None:
    body = json.dumps(DOCUMENT).replace('"result": 87.5', '"result": 1e999999999')
    assert post(client, body).status_code == 422


@override_settings(PREVIEW_MAX_KPIS=5)
def test_a_document_with_more_kpis_than_the_limit_is_refused_naming_the_limit(client: Client) -> None:
    response = post(client, DOCUMENT)  # six KPIs
    assert response.status_code == 422
    body = response.json()
    assert body["problems"][0]["rule"] == "too_many_kpis"
    assert "PREVIEW_MAX_KPIS" in body["problems"][0]["message"]


@override_settings(PREVIEW_MAX_BYTES=1000)
def test_a_body_over_the_size_limit_is_answered_413_naming_the_limit(client: Client) -> None:
    response = post(client, DOCUMENT)
    assert response.status_code == 413
    body = response.json()
    assert "PREVIEW_MAX_BYTES" in body["message_en"] and "1,000" in body["message_th"]


def test_a_document_within_the_limits_is_still_scored(client: Client) -> None:
    assert post(client, DOCUMENT).status_code == 200


@override_settings(RATE_LIMITS_ENABLED=True, RATE_LIMIT_PREVIEW=3)
def test_the_fourth_preview_in_a_minute_is_answered_429_with_retry_after(client: Client) -> None:
    answers = [post(client, DOCUMENT) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    refused: Any = answers[-1]
    assert int(refused["Retry-After"]) >= 1
    assert "กรุณารอ" in refused.json()["message_th"] and "wait" in refused.json()["message_en"]


@override_settings(RATE_LIMITS_ENABLED=True, RATE_LIMIT_PREVIEW=1)
def test_another_client_address_has_its_own_allowance(db: None) -> None:
    first, second = Client(REMOTE_ADDR="192.0.2.1"), Client(REMOTE_ADDR="192.0.2.2")
    assert post(first, DOCUMENT).status_code == 200
    assert post(first, DOCUMENT).status_code == 429
    assert post(second, DOCUMENT).status_code == 200
