"""No form can be posted from another site: every POST without its CSRF token is refused and changes nothing.

Every URL of the web UI (the same rows as the access matrix, so a new page is covered as soon as it is
in the table) is posted to without a token by a logged-in OPDC administrator, who may write almost
everything, and by a coordinator. The forms themselves carry the token: test_page_matrix.py checks
every POST form of every page each role can open.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from access_matrix import fill, no_writes
from access_world import PERSONAS, build_world, own_job, own_notification
from django.test import Client
from test_page_matrix import PAGES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["opdc_admin", "coordinator"])
def test_a_post_without_its_csrf_token_is_refused_everywhere(persona: str, user_of: Callable[[str], object]) -> None:
    world = build_world()
    user = user_of(PERSONAS[persona] or "")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")  # type: ignore[arg-type]
    mine = {"notification": own_notification(user), "job": own_job(user)}
    answers: dict[str, int] = {}
    for name, row in PAGES.items():
        url = fill(row.url, world=world, persona=persona, which="own", mine=mine)
        with no_writes(f"POST {url} without a CSRF token"):
            answers[name] = client.post(url, {}).status_code
    assert {name: status for name, status in answers.items() if status != 403} == {}


def test_the_refusal_says_in_thai_what_to_do(user_of: Callable[[str], object]) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user_of("cdd.coord"), backend="django.contrib.auth.backends.ModelBackend")  # type: ignore[arg-type]
    page = client.post("/proposals/start/", {}).content.decode()
    assert "แบบฟอร์มนี้หมดอายุ" in page
    api = client.post("/api/v1/proposals/", {}, content_type="application/json")
    assert api.status_code == 403
    assert "แบบฟอร์มนี้หมดอายุ" in api.json()["detail"]
