"""Change requests through the API: file, list, decide."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from govkpi.frameworks.models import Round
from govkpi.kpis.models import Kpi

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("chonburi_coordinator")]

API = "/api/v1/changes/requests"


def body(**extra: object) -> dict[str, object]:
    k = Kpi.objects.get(code="P20-66-03")
    return {
        "kpi_id": k.pk,
        "round_id": Round.objects.get(framework=k.framework, months=12).pk,
        "kind": "target",
        "reason_th": "ปรับตามสถานการณ์",
        "proposed": {"targets": ["25", "30", "40"]},
        **extra,
    }


def test_a_coordinator_files_and_the_secretary_approves(client_as: Callable[[str], Client]) -> None:
    filed = client_as("chonburi.coord").post(API, body(), content_type="application/json")
    assert filed.status_code == 201, filed.content
    cr = filed.json()
    assert (
        cr["state"] == "submitted" and cr["level"] == "province" and cr["proposed"] == {"targets": ["25", "30", "40"]}
    )
    decided = client_as("committee_secretary").post(
        f"{API}/{cr['id']}/decision", {"decision": "approve"}, content_type="application/json"
    )
    assert decided.status_code == 200 and decided.json()["versions_made"] == [2]
    assert decided.json()["change_request"]["state"] == "approved"


def test_bad_targets_are_a_422_naming_the_rule(client_as: Callable[[str], Client]) -> None:
    response = client_as("chonburi.coord").post(
        API, body(proposed={"targets": ["40", "30", "25"]}), content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["problems"][0]["rule"] == "kpi_targets_order"


def test_another_organisation_filing_is_refused(client_as: Callable[[str], Client]) -> None:
    response = client_as("cdd_coordinator").post(API, body(), content_type="application/json")
    assert response.status_code in {403, 404}


def test_deciding_twice_is_a_409(client_as: Callable[[str], Client]) -> None:
    cr = client_as("chonburi.coord").post(API, body(), content_type="application/json").json()
    secretary = client_as("committee_secretary")
    secretary.post(
        f"{API}/{cr['id']}/decision", {"decision": "reject", "note_th": "x"}, content_type="application/json"
    )
    again = secretary.post(f"{API}/{cr['id']}/decision", {"decision": "approve"}, content_type="application/json")
    assert again.status_code == 409


def test_the_list_is_scoped_to_what_the_caller_may_see(client_as: Callable[[str], Client]) -> None:
    assert client_as("chonburi.coord").get(API).json()["count"] >= 1
    assert client_as("cdd_coordinator").get(API).json()["count"] == 0
