"""The proposals API: scoped reads, KPI edits with lock_version (409 with current values),
transitions, joint and cascaded KPIs, and the error statuses in the OpenAPI document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from govkpi.kpis.models import Kpi, Proposal

pytestmark = pytest.mark.django_db

ClientAs = Callable[[str], Client]
API = "/api/v1/proposals"


def proposal(org: str, year: int = 2566) -> Proposal:
    return Proposal.objects.get(organisation__code=org, framework__fiscal_year__year=year)


def test_a_coordinator_cannot_see_another_departments_draft_through_the_api(client_as: ClientAs) -> None:
    mof = proposal("MOF")
    cdd = client_as("cdd_coordinator")
    codes = {p["organisation"] for p in cdd.get(f"{API}/", {"year": 2566}).json()["items"]}
    assert "CDD" in codes and "MOF" not in codes
    assert cdd.get(f"{API}/{mof.pk}").status_code == 404
    assert (
        cdd.patch(
            f"{API}/{mof.pk}/kpis/{mof.kpis.first().pk}", {"weight": "10"}, content_type="application/json"
        ).status_code
        == 404
    )  # type: ignore[union-attr]


def test_the_public_sees_only_approved_published_proposals(client: Client) -> None:
    items = client.get(f"{API}/", {"limit": 500}).json()["items"]
    assert all(p["state"] == "approved" for p in items)  # none while no framework is published
    assert client.get(f"{API}/{proposal('P24').pk}").status_code == 404


def test_the_detail_carries_kpis_rule_problems_events_and_the_callers_actions(client_as: ClientAs) -> None:
    p = proposal("P24")
    body = client_as("ccs_coordinator").get(f"{API}/{p.pk}").json()
    assert body["state"] == "draft" and body["actions"] == ["submit"] and body["problems"] == []
    cascaded = next(k for k in body["kpis"] if k["cascade"])
    assert cascaded["removable"] is False and "weight" in cascaded["locked_fields"]


def test_two_clients_patch_the_same_kpi_and_the_second_gets_409_with_the_current_values(client_as: ClientAs) -> None:
    p = proposal("P24")
    k = Kpi.objects.get(code="P24-66-03")
    first, second = client_as("ccs_coordinator"), client_as("ccs_coordinator")
    url = f"{API}/{p.pk}/kpis/{k.pk}"
    ok = first.patch(url, {"weight": "15", "lock_version": k.lock_version}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["lock_version"] == k.lock_version + 1
    stale = second.patch(url, {"weight": "25", "lock_version": k.lock_version}, content_type="application/json")
    assert stale.status_code == 409
    assert stale.json()["current"]["weight"] == "15" and stale.json()["current"]["lock_version"] == k.lock_version + 1
    assert Kpi.objects.get(pk=k.pk).weight == 15


def test_a_kpi_is_added_from_the_basket_or_proposed_and_a_bad_value_is_422(client_as: ClientAs) -> None:
    p = proposal("P24")
    client = client_as("ccs_coordinator")
    from govkpi.basket.models import BasketKpi

    entry = BasketKpi.objects.filter(group="provinces").exclude(assignments__proposal=p).first()
    assert entry is not None
    made = client.post(
        f"{API}/{p.pk}/kpis", {"basket_code": entry.code, "weight": "5"}, content_type="application/json"
    )
    assert made.status_code == 201 and made.json()["basket"] == entry.code
    bad = client.post(
        f"{API}/{p.pk}/kpis",
        {
            "name_th": "ใหม่",
            "definition_th": "ก",
            "formula_th": "ข",
            "unit_th": "ร้อยละ",
            "component": "performance",
            "weight": "5",
            "targets": ["1", "2"],
        },
        content_type="application/json",
    )
    assert bad.status_code == 422 and bad.json()["field"] == "targets"


def test_removing_a_cascaded_kpi_is_409_and_another_is_204(client_as: ClientAs) -> None:
    p = proposal("P24")
    client = client_as("ccs_coordinator")
    assert client.delete(f"{API}/{p.pk}/kpis/{Kpi.objects.get(code='P24-66-01').pk}").status_code == 409
    assert client.delete(f"{API}/{p.pk}/kpis/{Kpi.objects.get(code='P24-66-04').pk}").status_code == 204


def test_transitions_through_the_api_with_rights_and_states(client_as: ClientAs) -> None:
    p = proposal("P24")
    late = client_as("ccs_coordinator").post(
        f"{API}/{p.pk}/transitions", {"action": "submit"}, content_type="application/json"
    )
    assert late.status_code == 409 and late.json()["field"] == "deadline"
    later = (timezone.localdate() + dt.timedelta(days=7)).isoformat()
    assert (
        client_as("ccs_coordinator")
        .post(f"{API}/{p.pk}/extensions", {"new_deadline": later, "reason": "x"}, content_type="application/json")
        .status_code
        == 403
    )
    granted = client_as("opdc_desk").post(
        f"{API}/{p.pk}/extensions", {"new_deadline": later, "reason": "ระบบขัดข้อง"}, content_type="application/json"
    )
    assert granted.status_code == 201
    done = client_as("ccs_coordinator").post(
        f"{API}/{p.pk}/transitions",
        {"action": "submit", "lock_version": p.lock_version},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["state"] == "submitted"
    assert (
        client_as("moi_reviewer")
        .post(f"{API}/{p.pk}/transitions", {"action": "endorse"}, content_type="application/json")
        .status_code
        == 403
    )
    again = client_as("ccs_coordinator").post(
        f"{API}/{p.pk}/transitions", {"action": "submit"}, content_type="application/json"
    )
    assert again.status_code == 409 and "submitted" in again.json()["message_en"]
    assert (
        client_as("ccs_executive")
        .post(f"{API}/{p.pk}/transitions", {"action": "endorse"}, content_type="application/json")
        .json()["state"]
        == "moi_review"
    )
    assert (
        client_as("ccs_executive")
        .post(f"{API}/{p.pk}/transitions", {"action": "fly"}, content_type="application/json")
        .status_code
        == 422
    )


def test_writes_need_a_login(client: Client) -> None:
    p = proposal("P24")
    assert (
        client.post(f"{API}/{p.pk}/transitions", {"action": "submit"}, content_type="application/json").status_code
        == 401
    )


def test_joint_and_cascaded_kpis_through_the_api(client_as: ClientAs) -> None:
    from govkpi.frameworks.models import Framework

    agencies = Framework.objects.get(fiscal_year__year=2566, group="agencies")
    body = {
        "framework_id": agencies.pk,
        "code": "J66-90",
        "name_th": "ตัวชี้วัดร่วมทดสอบ",
        "host": "CDD",
        "participants": ["CDD", "MOF"],
        "weight": "5",
        "targets": ["1", "2", "3"],
    }
    made = client_as("cdd_coordinator").post(f"{API}/joint", body, content_type="application/json")
    assert made.status_code == 201 and {r["organisation"] for r in made.json()["rows"]} == {"CDD", "MOF"}
    # a participant sees only its own row (the host sees all)
    rows = client_as("mof_coordinator").get(f"{API}/joint/{made.json()['id']}").json()["rows"]
    assert [r["organisation"] for r in rows] == ["MOF"]
    assert client_as("cdd_coordinator").post(f"{API}/joint", body, content_type="application/json").status_code == 409
    provinces = Framework.objects.get(fiscal_year__year=2566, group="provinces")
    pushed = client_as("opdc_admin").post(
        f"{API}/cascaded",
        {
            "framework_id": provinces.pk,
            "code": "C66-9",
            "name_th": "นโยบายเร่งด่วน",
            "weight": "5",
            "targets": ["1", "2", "3"],
        },
        content_type="application/json",
    )
    assert pushed.status_code == 201 and pushed.json()["created"] == ["P24"] and len(pushed.json()["skipped"]) == 75
    assert (
        client_as("ccs_coordinator")
        .post(
            f"{API}/cascaded",
            {"framework_id": provinces.pk, "code": "C", "name_th": "x"},
            content_type="application/json",
        )
        .status_code
        == 403
    )


def test_the_openapi_document_declares_the_error_statuses_of_proposal_writes(client: Client) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    op = spec["paths"]["/api/v1/proposals/{proposal_id}/kpis/{kpi_id}"]["patch"]
    assert {"400", "401", "403", "404", "409", "422"} <= set(op["responses"])
    assert "/api/v1/proposals/{proposal_id}/transitions" in spec["paths"]


def test_a_coordinator_starts_a_draft_through_the_api(client_as: ClientAs) -> None:
    from govkpi.frameworks.models import FiscalYear, Framework
    from govkpi.organisations.models import Organisation

    fw = Framework.objects.create(
        fiscal_year=FiscalYear.objects.create(year=2568), group="agencies", name_th="2568", announced_at=timezone.now()
    )
    fw.participants.add(Organisation.objects.get(code="CDD"))
    made = client_as("cdd_coordinator").post(f"{API}/", {"framework_id": fw.pk}, content_type="application/json")
    assert made.status_code == 201 and made.json()["state"] == "draft" and made.json()["organisation"] == "CDD"
    refused = client_as("mof_coordinator").post(f"{API}/", {"framework_id": fw.pk}, content_type="application/json")
    assert refused.status_code == 422 and refused.json()["field"] == "framework"
