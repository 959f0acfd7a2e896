"""The results API: the same workflow, rights and stale-write 409s as the pages."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from govkpi.frameworks.models import Round
from govkpi.kpis.models import Kpi

pytestmark = pytest.mark.django_db
JSON = "application/json"


def test_the_workflow_through_the_api(client_as: Callable[[str], Client], open_round: Round, mof_kpi: Kpi) -> None:
    coord = client_as("mof_coordinator")
    r = coord.post(
        "/api/v1/results/report",
        {"kpi_id": mof_kpi.pk, "months": 6, "value": "101", "narrative_th": "ตามแผน"},
        content_type=JSON,
    )
    assert r.status_code == 200, r.content
    result = r.json()
    assert result["state"] == "draft" and result["lock_version"] == 1
    stale = coord.post(
        "/api/v1/results/report",
        {"kpi_id": mof_kpi.pk, "months": 6, "value": "5", "lock_version": 0},
        content_type=JSON,
    )
    assert stale.status_code == 409 and stale.json()["current"]["lock_version"] == 1
    rid = result["id"]
    assert (
        coord.post(f"/api/v1/results/{rid}/submit", {"lock_version": 1}, content_type=JSON).json()["state"]
        == "submitted"
    )
    assert (
        client_as("mof.exec").post(f"/api/v1/results/{rid}/endorse", {}, content_type=JSON).json()["state"]
        == "endorsed"
    )
    verified = (
        client_as("opdc_desk").post(f"/api/v1/results/{rid}/verify", {"action": "accept"}, content_type=JSON).json()
    )
    assert verified["state"] == "verified" and verified["points"] == "87.5000" and verified["explanation_th"]
    fw = open_round.framework
    approved = client_as("opdc_admin").post(
        f"/api/v1/results/frameworks/{fw.pk}/rounds/6/approve",
        {"reference_th": "ครั้งที่ 1/2566", "organisation": "MOF"},
        content_type=JSON,
    )
    assert approved.json() == {"approved": 1}
    locked = client_as("mof_coordinator").post(f"/api/v1/results/{rid}/submit", {}, content_type=JSON)
    assert locked.status_code == 409
    unlocked = client_as("opdc_admin").post(f"/api/v1/results/{rid}/unlock", {"reason": "ทบทวน"}, content_type=JSON)
    assert unlocked.json()["state"] == "returned"


def test_writes_need_credentials_and_rights(
    client_as: Callable[[str], Client], open_round: Round, mof_kpi: Kpi
) -> None:
    body = {"kpi_id": mof_kpi.pk, "months": 6, "value": "1"}
    assert Client().post("/api/v1/results/report", body, content_type=JSON).status_code == 401
    assert client_as("cdd_coordinator").post("/api/v1/results/report", body, content_type=JSON).status_code == 403
    bad = client_as("mof_coordinator").post("/api/v1/results/report", {**body, "value": "abc"}, content_type=JSON)
    assert bad.status_code == 422


def test_a_coordinator_lists_only_what_they_may_see(client_as: Callable[[str], Client], flow) -> None:  # type: ignore[no-untyped-def]
    flow("draft")
    mine = client_as("mof_coordinator").get("/api/v1/results/?year=2565&months=6").json()
    assert [r["organisation"] for r in mine] == ["MOF"]
    theirs = client_as("cdd_coordinator").get("/api/v1/results/?year=2565&months=6").json()
    assert theirs == []


def test_opdc_extends_and_publishes_through_the_api(client_as: Callable[[str], Client], demo_results: None) -> None:
    from govkpi.frameworks.models import Framework

    fw = Framework.objects.get(fiscal_year__year=2565, group="provinces")
    ext = client_as("opdc_admin").post(
        f"/api/v1/results/frameworks/{fw.pk}/rounds/12/extend",
        {"organisation": "P24", "new_deadline": "2099-12-31", "reason": "น้ำท่วม"},
        content_type=JSON,
    )
    assert ext.status_code == 201 and ext.json()["months"] == 12
    refused = client_as("opdc_admin").post("/api/v1/publications/2565/provinces/publish", {}, content_type=JSON)
    assert refused.status_code == 409  # P24's results are not all approved: nothing to publish yet
