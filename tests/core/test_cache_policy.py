"""Caches never mix people: only the logged-out rendering of a public page is stored, per language."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from govkpi.frameworks.models import Framework
from govkpi.kpis.models import JointKpi
from govkpi.organisations.models import Organisation

pytestmark = pytest.mark.django_db
PUBLIC_PAGES = ("/public/", "/public/2565/", "/public/2565/agencies/", "/public/2565/agencies/MOF/")


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


def test_a_logged_out_visitor_never_sees_a_coordinators_name_from_the_cache(
    client_as: Callable[[str], Client], user_of: Callable[[str], Any]
) -> None:
    name = user_of("cdd_coordinator").person.full_name_th
    coordinator = client_as("cdd_coordinator")
    for url in PUBLIC_PAGES:
        theirs = coordinator.get(url)
        assert name in theirs.content.decode() and theirs["X-Portal-Cache"] == "bypass", url
        for visit in (Client().get(url), Client().get(url)):
            page = visit.content.decode()
            assert visit.status_code == 200, url
            assert name not in page and "whoami" not in page and "ออกจากระบบ" not in page, url
            assert "csrfmiddlewaretoken" not in page and "X-CSRFToken" not in page, url
        assert visit["X-Portal-Cache"] == "hit", url


def test_a_coordinator_after_a_logged_out_visitor_gets_their_own_fresh_page(
    client_as: Callable[[str], Client], user_of: Callable[[str], Any]
) -> None:
    Client().get("/public/2565/agencies/")
    mine = client_as("cdd_coordinator").get("/public/2565/agencies/")
    assert mine["X-Portal-Cache"] == "bypass"
    assert user_of("cdd_coordinator").person.full_name_th in mine.content.decode()


def test_a_first_time_visitor_can_switch_language_on_public_pages() -> None:
    Client().get("/public/2565/agencies/")  # someone else filled the cache
    for url in PUBLIC_PAGES:
        visitor = Client(enforce_csrf_checks=True)  # no cookie of any kind yet
        page = visitor.get(url).content.decode()
        assert '<form class="lang" action="/i18n/setlang/" method="get">' in page, url
        switched = visitor.get("/i18n/setlang/", {"language": "en", "next": url})
        assert switched.status_code == 302 and switched["Location"] == url, url
        english = visitor.get(url)
        assert '<html lang="en">' in english.content.decode(), url
        assert visitor.get(url).content == english.content  # the English rendering has its own cache entry


def test_the_language_switch_never_sends_a_visitor_off_the_site() -> None:
    answer = Client().get("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert answer.status_code == 302 and answer["Location"] == "/"


def test_logged_in_pages_and_evidence_are_not_stored_by_shared_caches(client_as: Callable[[str], Client]) -> None:
    # Evidence downloads: tests/results/test_evidence.py (they need an uploaded file).
    answers = {
        "page": client_as("cdd_coordinator").get("/proposals/"),
        "public page logged in": client_as("cdd_coordinator").get("/public/2565/agencies/"),
        "api": client_as("cdd_coordinator").get("/api/v1/proposals/"),
    }
    for what, answer in answers.items():
        assert answer.status_code == 200, what
        control = answer["Cache-Control"]
        assert "private" in control and "no-store" in control and "public" not in control, what
    anonymous = Client().get("/public/2565/agencies/")
    assert "public" in anonymous["Cache-Control"] and "Cookie" in anonymous["Vary"]


def test_a_joint_kpi_draft_is_not_in_another_organisations_committee_summary(
    client_as: Callable[[str], Client],
) -> None:
    framework = Framework.objects.get(fiscal_year__year=2566, group="agencies")
    assert framework.published_at is None
    cdd = Organisation.objects.get(code="CDD")
    joint = JointKpi.objects.create(
        framework=framework, code="J66-CDD", issue_th="ประเด็นร่างของกรมการพัฒนาชุมชน", name_th="ร่างตัวชี้วัดร่วม", host=cdd
    )
    joint.participants.add(cdd)
    query = "year=2566&group=agencies"
    for persona in ("ccs_coordinator", "kkn_coordinator", "ccs_executive", "moi_reviewer"):
        client = client_as(persona)
        page = client.get(f"/reports/summary/?{query}")
        data = client.get(f"/reports/summary/download/?{query}&format=json")
        api = client.get(f"/api/v1/reports/committee-summary?{query}")
        for what, answer in (("page", page), ("json", data), ("api", api)):
            assert answer.status_code == 200, (persona, what)
            assert "ประเด็นร่างของกรมการพัฒนาชุมชน" not in text(answer), (persona, what)
    for persona in ("cdd_coordinator", "opdc_desk"):
        api = client_as(persona).get(f"/api/v1/reports/committee-summary?{query}")
        assert "ประเด็นร่างของกรมการพัฒนาชุมชน" in text(api), persona


def text(answer: Any) -> str:
    """The answer as readable text (JSON with its Thai unescaped)."""
    if answer["Content-Type"].startswith("application/json"):
        return json.dumps(answer.json(), ensure_ascii=False)
    return str(answer.content.decode())
