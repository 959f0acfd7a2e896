"""A coordinator past (or near) a deadline asks OPDC for more time; OPDC grants or refuses, and each
side hears of it. Granting records the deadline extension, so the deadline owners move the date."""

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from govkpi.core.models import WorkflowEvent
from govkpi.frameworks.models import DeadlineExtension, ExtensionRequest, Framework
from govkpi.kpis import workflow
from govkpi.kpis.models import Proposal
from govkpi.notifications.models import Notification
from govkpi.results import services

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]


def proposal(org: str, year: int = 2566) -> Proposal:
    return Proposal.objects.select_related("framework").get(organisation__code=org, framework__fiscal_year__year=year)


def be(day: dt.date) -> str:
    return f"{day.day}/{day.month}/{day.year + 543}"


def inbox(username: str) -> list[Notification]:
    return list(Notification.objects.filter(user__username=username).order_by("pk"))


def ask(client: Client, p: Proposal, until: dt.date, reason: str = "ระบบสารสนเทศขัดข้อง") -> str:
    response = client.post(
        "/extensions/new/",
        {
            "framework": p.framework_id,
            "organisation": p.organisation_id,
            "round": "",
            "requested_deadline": be(until),
            "reason": reason,
        },
        follow=True,
    )
    return response.content.decode()


def test_an_overdue_proposal_shows_the_overdue_badge_and_the_request_form_before_any_click(
    client_as: ClientAs,
) -> None:
    html = client_as("cdd_coordinator").get(f"/proposals/{proposal('CDD').pk}/").content.decode()
    assert 'data-testid="deadline"' in html and 'data-overdue="1"' in html
    assert "เลยกำหนด" in html
    assert 'data-testid="request-extension"' in html


def test_a_coordinator_asks_opdc_grants_and_the_proposal_can_be_submitted(client_as: ClientAs) -> None:
    p = proposal("CDD")
    until = timezone.localdate() + dt.timedelta(days=20)
    before_opdc = len(inbox("opdc.desk1"))
    html = ask(client_as("cdd_coordinator"), p, until)
    assert "ส่งคำขอขยายเวลา" in html and "รอพิจารณา" in html
    req = ExtensionRequest.objects.get(organisation=p.organisation, round__isnull=True)
    assert len(inbox("opdc.desk1")) == before_opdc + 1
    assert "ขอขยายเวลา" in inbox("opdc.desk1")[-1].subject_th

    listing = client_as("opdc_desk").get("/extensions/").content.decode()
    assert "ระบบสารสนเทศขัดข้อง" in listing and 'data-testid="grant-request"' in listing
    before_coord = len(inbox("cdd.coord"))
    client_as("opdc_desk").post(f"/extensions/{req.pk}/grant/", {"new_deadline": "", "note": ""})

    req.refresh_from_db()
    assert req.state == "granted" and req.decided_by is not None and req.extension is not None
    assert workflow.deadline_for(p) == until
    assert DeadlineExtension.objects.filter(organisation=p.organisation, new_deadline=until).exists()
    assert len(inbox("cdd.coord")) == before_coord + 1
    assert "ขยายเวลา" in inbox("cdd.coord")[-1].subject_th
    assert (
        WorkflowEvent.objects.filter(object_id=req.pk, action__in=["extension_request", "extension_grant"]).count() == 2
    )
    page = client_as("cdd_coordinator").get(f"/proposals/{p.pk}/").content.decode()
    assert "เหลือ 20 วัน" in page and 'data-overdue="1"' not in page


def test_opdc_refuses_with_a_note_the_coordinator_reads_and_the_deadline_stays(client_as: ClientAs) -> None:
    p = proposal("P24")
    ask(client_as("ccs_coordinator"), p, timezone.localdate() + dt.timedelta(days=10))
    req = ExtensionRequest.objects.get(organisation=p.organisation, round__isnull=True)
    client_as("opdc_admin").post(f"/extensions/{req.pk}/refuse/", {"note": ""})
    assert ExtensionRequest.objects.get(pk=req.pk).state == "pending", "a refusal needs a note"
    client_as("opdc_admin").post(f"/extensions/{req.pk}/refuse/", {"note": "เลยรอบการพิจารณาแล้ว"})
    req.refresh_from_db()
    assert req.state == "refused" and req.note == "เลยรอบการพิจารณาแล้ว"
    assert workflow.deadline_for(p) == p.framework.proposal_deadline
    last = inbox("ccs.coord")[-1]
    assert "ไม่อนุมัติ" in last.subject_th and last.body_th == "เลยรอบการพิจารณาแล้ว"
    assert last.url == f"/proposals/{p.pk}/"
    page = client_as("ccs_coordinator").get(f"/proposals/{p.pk}/").content.decode()
    assert "เลยรอบการพิจารณาแล้ว" in page


def test_a_second_request_while_one_is_pending_is_refused(client_as: ClientAs) -> None:
    p = proposal("CDD")
    until = timezone.localdate() + dt.timedelta(days=20)
    ask(client_as("cdd_coordinator"), p, until)
    html = ask(client_as("cdd_coordinator"), p, until + dt.timedelta(days=1))
    assert "รอพิจารณาอยู่แล้ว" in html
    assert ExtensionRequest.objects.filter(organisation=p.organisation).count() == 1


def test_a_round_request_through_the_api_granted_with_the_command(
    client_as: ClientAs, capsys: pytest.CaptureFixture[str]
) -> None:
    framework = Framework.objects.get(fiscal_year__year=2566, group="provinces")
    round_ = framework.rounds.get(months=12)
    until = timezone.localdate() + dt.timedelta(days=15)
    response = client_as("ccs_coordinator").post(
        "/api/v1/extension-requests",
        {"year": 2566, "group": "provinces", "months": 12, "requested_deadline": be(until), "reason": "น้ำท่วม"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "pending" and body["months"] == 12 and body["organisation"] == "P24"
    call_command("extensions", "list", "--state", "pending")
    assert "น้ำท่วม" in capsys.readouterr().out
    call_command("extensions", "grant", str(body["id"]), "--as", "opdc.desk1")
    assert services.deadline_for(round_, body and framework.participants.get(code="P24")) == until
    assert "ขยายเวลารายงานผล" in inbox("ccs.coord")[-1].subject_th
    listed = client_as("ccs_coordinator").get("/api/v1/extension-requests").json()
    assert [i["state"] for i in listed["items"]] == ["granted"]


def test_only_opdc_decides_and_only_the_coordinator_asks(client_as: ClientAs) -> None:
    response = client_as("cdd_executive").post(
        "/api/v1/extension-requests",
        {"year": 2566, "group": "agencies", "requested_deadline": "31/1/2573", "reason": "x"},
        content_type="application/json",
    )
    assert response.status_code == 403
    ask(client_as("cdd_coordinator"), proposal("CDD"), timezone.localdate() + dt.timedelta(days=9))
    req = ExtensionRequest.objects.get(organisation__code="CDD")
    assert (
        client_as("cdd_coordinator")
        .post(f"/api/v1/extension-requests/{req.pk}/grant", {}, content_type="application/json")
        .status_code
        == 403
    )
    assert ExtensionRequest.objects.get(pk=req.pk).state == "pending"
