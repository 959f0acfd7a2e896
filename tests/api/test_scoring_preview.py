"""POST /api/v1/scoring/preview: the scorecard document in, the `govkpi score` result out."""

from __future__ import annotations

import copy
import io
import json
from typing import Any

import pytest
from django.test import Client

from govkpi.scoring import cli

pytestmark = pytest.mark.django_db

URL = "/api/v1/scoring/preview"

DOCUMENT: dict[str, Any] = {
    "framework": {
        "target_levels": [
            {"name": "ขั้นต้น", "points": 50},
            {"name": "มาตรฐาน", "points": 75},
            {"name": "ขั้นสูง", "points": 100},
        ],
        "below_lowest_points": 0,
        "components": [
            {"code": "performance", "weight": 70, "min_kpis": 3, "max_kpis": 5},
            {"code": "potential", "weight": 30, "min_kpis": 2, "max_kpis": 2},
        ],
        "bands": [
            {"name": "ระดับคุณภาพ", "min_score": 90},
            {"name": "ระดับมาตรฐาน", "min_score": 75},
            {"name": "ระดับต้องปรับปรุง", "min_score": 0},
        ],
        "monitoring_only": False,
    },
    "kpis": [
        {"code": "K1", "component": "performance", "weight": 20, "targets": [80, 85, 90], "result": 87.5},
        {"code": "K2", "component": "performance", "weight": 25, "targets": [3, 4, 5], "result": 5},
        {
            "code": "K3",
            "component": "performance",
            "weight": 25,
            "direction": "lower_is_better",
            "targets": [30, 25, 20],
            "result": 27,
        },
        {"code": "K4", "component": "potential", "weight": 15, "targets": [1, 2, 3], "result": None},
        {"code": "K5", "component": "potential", "weight": 15, "targets": [1, 2, 3], "result": 3},
        {"code": "M1", "component": "performance", "weight": 0, "targets": [1, 2, 3], "result": 2, "monitor": True},
    ],
}


def post(client: Client, body: object) -> Any:
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(URL, data=data, content_type="application/json")


def cli_result(document: dict[str, Any], tmp_path: Any) -> dict[str, Any]:
    path = tmp_path / "scorecard.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert cli.run([str(path)], out, err) == 0, err.getvalue()
    return dict(json.loads(out.getvalue()))


def test_the_preview_returns_the_same_result_document_as_the_score_command(client: Client, tmp_path: Any) -> None:
    response = post(client, DOCUMENT)
    assert response.status_code == 200
    assert response.json() == cli_result(DOCUMENT, tmp_path)


def test_the_preview_scores_totals_bands_and_explains(client: Client) -> None:
    body = post(client, DOCUMENT).json()
    # K1 87.5 pts ×20 = 17.5; K2 100 ×25 = 25; K3 65 ×25 = 16.25; K4 missing; K5 100 ×15 = 15
    assert body["total"] == 73.75 and body["total_text"] == "73.75"
    assert body["band"] == "ระดับต้องปรับปรุง"
    assert body["components"] == [
        {"code": "performance", "weight": 70, "score": 58.75},
        {"code": "potential", "weight": 30, "score": 15},
    ]
    kpis = {k["code"]: k for k in body["kpis"]}
    assert kpis["K4"]["missing"] is True and kpis["K4"]["points"] == 0
    assert kpis["M1"]["counted"] is False and kpis["M1"]["points"] == 75
    assert "อยู่ระหว่าง" in kpis["K1"]["explanation"]["th"]
    assert "lies between" in kpis["K1"]["explanation"]["en"]


def test_a_monitoring_only_framework_has_no_band(client: Client) -> None:
    document = copy.deepcopy(DOCUMENT)
    document["framework"]["monitoring_only"] = True
    body = post(client, document).json()
    assert body["band"] is None and body["monitoring_only"] is True


def test_an_invalid_document_is_a_422_listing_every_problem(client: Client) -> None:
    document = copy.deepcopy(DOCUMENT)
    document["kpis"][0]["targets"] = [80, "eighty-five", 90]
    document["kpis"][2]["result"] = "lots"
    del document["kpis"][3]["component"]
    response = post(client, document)
    assert response.status_code == 422
    body = response.json()
    assert "3" in body["message_en"]
    assert {(p["rule"], p["kpi"], p["field"]) for p in body["problems"]} == {
        ("not_number", "K1", "kpis[0].targets[1]"),
        ("not_number", "K3", "kpis[2].result"),
        ("missing_field", "K4", "kpis[3].component"),
    }
    for problem in body["problems"]:
        assert problem["th"] and problem["en"] and problem["kpi"] in problem["message"]


def test_every_broken_scoring_rule_is_listed_at_once(client: Client) -> None:
    document = copy.deepcopy(DOCUMENT)
    document["kpis"][0]["weight"] = 30
    document["kpis"][1]["targets"] = [5, 4, 3]
    response = post(client, document)
    assert response.status_code == 422
    rules = sorted(p["rule"] for p in response.json()["problems"])
    assert rules == ["component_weight_sum", "kpi_targets_order"]
    weight = next(p for p in response.json()["problems"] if p["rule"] == "component_weight_sum")
    assert weight["component"] == "performance" and weight["field"] == "framework.components[0]"
    assert "น้ำหนัก" in weight["th"]


def test_a_misspelt_key_is_refused_not_ignored(client: Client) -> None:
    document = copy.deepcopy(DOCUMENT)
    document["kpis"][0]["reslut"] = document["kpis"][0].pop("result")
    response = post(client, document)
    assert response.status_code == 422
    assert any("reslut" in (p["field"] or "") for p in response.json()["problems"])


def test_a_body_that_is_not_json_is_a_422_saying_where(client: Client) -> None:
    response = post(client, '{"framework": ')
    assert response.status_code == 422
    [problem] = response.json()["problems"]
    assert problem["rule"] == "not_json" and problem["field"] == "1:15"


def test_the_preview_needs_no_login_and_no_csrf_token(db: None) -> None:
    client = Client(enforce_csrf_checks=True)
    assert post(client, DOCUMENT).status_code == 200


def test_a_logged_in_browser_session_may_preview_too(client_as: Any) -> None:
    client = client_as("cdd_coordinator")
    client.handler.enforce_csrf_checks = True
    assert post(client, DOCUMENT).status_code == 200


def test_the_openapi_document_describes_the_preview(client: Client) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    operation = spec["paths"]["/api/v1/scoring/preview"]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    assert set(body["required"]) == {"framework", "kpis"}
    assert "$ref" not in json.dumps(body)
    assert {"200", "422"} <= set(operation["responses"])
