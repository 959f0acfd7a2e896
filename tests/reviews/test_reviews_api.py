"""The committees' API: meetings, agenda, resolutions, recommendations, scoped and with clear errors."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from govkpi.kpis.choices import ChangeState
from govkpi.reviews.models import AgendaItem, Meeting, Recommendation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("chonburi_coordinator")]

API = "/api/v1/reviews"


def pending_item() -> AgendaItem:
    return AgendaItem.objects.get(meeting__number=4, meeting__year_be=2566, order=1)


def test_meetings_are_listed_with_their_numbers(client_as: Callable[[str], Client]) -> None:
    meetings = client_as("committee.member").get(f"{API}/meetings").json()
    assert {"ครั้งที่ 6/2565", "ครั้งที่ 2/2564"} <= {m["number_label"] for m in meetings}


def test_the_public_sees_no_meetings(client: Client) -> None:
    assert client.get(f"{API}/meetings").json() == []


def test_the_secretary_creates_a_meeting_adds_an_item_and_records_a_resolution(
    client_as: Callable[[str], Client],
) -> None:
    client = client_as("committee_secretary")
    made = client.post(
        f"{API}/meetings",
        {"committee": "OPDC-SUB", "number": 1, "year_be": 2566, "held_on": "2022-12-15", "chair_th": "ประธาน"},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    meeting_id = made.json()["id"]
    cr = pending_item().change_requests.get()
    pending_item().change_requests.clear()  # move it to the new meeting
    item = client.post(
        f"{API}/meetings/{meeting_id}/agenda",
        {"title_th": "พิจารณาคำขอเปลี่ยนแปลง", "change_request_ids": [cr.pk]},
        content_type="application/json",
    )
    assert item.status_code == 201 and item.json()["change_requests"] == [cr.pk]
    resolution = client.post(
        f"{API}/agenda/{item.json()['id']}/resolutions",
        {"decision": "approve", "text_th": "เห็นชอบ"},
        content_type="application/json",
    )
    assert resolution.status_code == 201 and resolution.json()["decision_th"] == "เห็นชอบ"
    cr.refresh_from_db()
    assert cr.state == ChangeState.APPROVED
    detail = client.get(f"{API}/meetings/{meeting_id}").json()
    assert detail["agenda"][0]["resolutions"][0]["decision"] == "approve"


def test_a_duplicate_meeting_number_is_a_409(client_as: Callable[[str], Client]) -> None:
    response = client_as("committee_secretary").post(
        f"{API}/meetings",
        {"committee": "OPDC-SUB", "number": 6, "year_be": 2565, "held_on": "2022-09-22"},
        content_type="application/json",
    )
    assert response.status_code == 409 and "6/2565" in response.json()["message_th"]


def test_an_unknown_decision_is_a_422(client_as: Callable[[str], Client]) -> None:
    response = client_as("committee_secretary").post(
        f"{API}/agenda/{pending_item().pk}/resolutions", {"decision": "maybe"}, content_type="application/json"
    )
    assert response.status_code == 422


def test_a_coordinator_recording_a_resolution_is_a_403(client_as: Callable[[str], Client]) -> None:
    response = client_as("chonburi.coord").post(
        f"{API}/agenda/{pending_item().pk}/resolutions", {"decision": "approve"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert pending_item().change_requests.get().state == ChangeState.SUBMITTED


def test_writing_without_credentials_is_a_401(client: Client) -> None:
    response = client.post(
        f"{API}/agenda/{pending_item().pk}/resolutions", {"decision": "approve"}, content_type="application/json"
    )
    assert response.status_code == 401


def test_an_organisation_answers_its_recommendation_and_not_another(client_as: Callable[[str], Client]) -> None:
    mof = Recommendation.objects.get(organisation__code="MOF")
    moc = Recommendation.objects.get(organisation__code="MOC")
    client = client_as("mof_coordinator")
    assert [r["organisation"] for r in client.get(f"{API}/recommendations").json()] == ["MOF"]
    ok = client.post(
        f"{API}/recommendations/{mof.pk}/answer", {"answer_th": "รับไปดำเนินการ"}, content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["answered_by"] == "mof.coord"
    other = client.post(f"{API}/recommendations/{moc.pk}/answer", {"answer_th": "x"}, content_type="application/json")
    assert other.status_code == 404


def test_an_unknown_meeting_is_a_404(client_as: Callable[[str], Client]) -> None:
    assert client_as("committee_secretary").get(f"{API}/meetings/999999").status_code == 404


def test_the_openapi_document_declares_the_error_statuses(client: Client) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    post = spec["paths"]["/api/v1/reviews/agenda/{item_id}/resolutions"]["post"]
    assert {"201", "400", "401", "403", "404", "409", "422"} <= set(post["responses"])
    file_cr = spec["paths"]["/api/v1/changes/requests"]["post"]
    assert {"201", "400", "401", "403", "404", "409", "422"} <= set(file_cr["responses"])
    assert Meeting.objects.exists()
