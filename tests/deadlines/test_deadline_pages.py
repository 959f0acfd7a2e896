"""Every page with a deadline shows it, the days left or overdue, before anyone clicks anything."""

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from govkpi.core.thaidates import fiscal_year_of
from govkpi.kpis.models import Proposal

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]
CURRENT = fiscal_year_of(timezone.localdate())


def badges(html: str) -> list[str]:
    return re.findall(r'<span class="deadline[^"]*" data-testid="deadline"[^>]*>(.*?)</span>(?=\s|<|$)', html)


def test_the_live_proposal_shows_days_left(client_as: ClientAs) -> None:
    p = Proposal.objects.get(organisation__code="CDD", framework__fiscal_year__year=CURRENT)
    html = client_as("cdd_coordinator").get(f"/proposals/{p.pk}/").content.decode()
    assert "เหลือ 45 วัน" in html and 'data-overdue="1"' not in html


def test_the_open_round_sheet_shows_days_left_and_in_english_too(client_as: ClientAs) -> None:
    url = f"/results/CDD/{CURRENT - 1}/12/"
    client = client_as("cdd_coordinator")
    html = client.get(url).content.decode()
    assert 'data-testid="deadline"' in html and "เหลือ 30 วัน" in html
    client.post("/i18n/setlang/", {"language": "en", "next": url})
    assert "30 days left" in client.get(url).content.decode()


def test_the_results_index_and_the_year_page_show_the_open_round_deadline(client_as: ClientAs) -> None:
    index = client_as("cdd_coordinator").get("/results/").content.decode()
    assert "เหลือ 30 วัน" in index
    year = client_as("opdc_desk").get(f"/results/year/{CURRENT - 1}/agencies/").content.decode()
    assert 'data-testid="round-deadlines"' in year and "เหลือ 30 วัน" in year


def test_the_round_extension_form_takes_a_typed_buddhist_era_date(client_as: ClientAs) -> None:
    url = f"/results/P24/{CURRENT - 1}/12/"
    html = client_as("opdc_desk").get(url).content.decode()
    assert 'type="date" name="new_deadline"' not in html and 'data-thai-date="1"' in html
    response = client_as("opdc_desk").post(
        url + "round/extend/", {"new_deadline": f"31 ธ.ค. {CURRENT + 1}", "reason": "ระบบขัดข้อง"}, follow=True
    )
    assert f"31 ธ.ค. {CURRENT + 1}" in response.content.decode()
