"""A page answers a service's refusal in one place (web/errors.py), as the API does in api/main.py."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.http import HttpRequest
from django.test import Client, RequestFactory

from govkpi.core.errors import Conflict, Invalid, NotAllowed
from govkpi.web.errors import ServiceErrorMiddleware, page_answer


def _post(path: str, referer: str = "") -> HttpRequest:
    headers = {"Referer": referer} if referer else {}
    request = RequestFactory().post(path, headers=headers)
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    return request


def test_a_meeting_that_does_not_exist_answers_the_404_page_with_the_reason(
    client_as: Callable[[str], Client],
) -> None:
    response = client_as("committee_secretary").get("/meetings/999999/")
    assert response.status_code == 404
    assert "ไม่พบ" in response.content.decode()


def test_a_background_job_nobody_started_answers_404(client_as: Callable[[str], Client]) -> None:
    response = client_as("cdd_coordinator").get("/jobs/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404


def test_a_refused_form_post_goes_back_to_its_page_with_the_reason(db: None) -> None:
    request = _post("/meetings/1/agenda/", referer="http://testserver/meetings/1/")
    response = page_answer(request, Conflict("วาระนี้มีอยู่แล้ว", "This item is already on the agenda."))
    assert (response.status_code, response["Location"]) == (302, "http://testserver/meetings/1/")
    assert [m.message for m in get_messages(request)] == ["วาระนี้มีอยู่แล้ว"]


def test_a_refused_post_never_redirects_to_another_site(db: None) -> None:
    request = _post("/meetings/1/agenda/", referer="https://evil.example/phish")
    response = page_answer(request, Invalid("ข้อมูลไม่ถูกต้อง", "Invalid."))
    assert response["Location"] == "/meetings/1/agenda/"


def test_a_forbidden_step_answers_the_403_page(db: None) -> None:
    request = RequestFactory().get("/meetings/")
    request.user = AnonymousUser()
    response = page_answer(request, NotAllowed("ไม่มีสิทธิ์", "Not allowed."))
    assert response.status_code == 403
    assert "ไม่มีสิทธิ์" in response.content.decode()


def test_the_api_keeps_its_own_answers(db: None) -> None:
    middleware = ServiceErrorMiddleware(lambda request: None)  # type: ignore[arg-type,return-value]
    assert middleware.process_exception(RequestFactory().post("/api/v1/x"), Conflict("ชน", "Conflict.")) is None
