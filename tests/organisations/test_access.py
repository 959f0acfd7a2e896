"""Everybody sees only what their role and organisation allow, in pages and the API alike."""

from collections.abc import Callable

import pytest
from django.test import Client

from govkpi.kpis.models import Kpi

pytestmark = pytest.mark.django_db


def draft_of(org_code: str) -> Kpi:
    return Kpi.objects.filter(organisation__code=org_code, proposal__state="draft").first()  # type: ignore[return-value]


def test_the_demo_has_drafts_to_protect() -> None:
    assert draft_of("CDD") is not None
    assert draft_of("MOF") is not None


def test_a_coordinator_sees_their_own_draft(client_as: Callable[[str], Client]) -> None:
    kpi = draft_of("CDD")
    assert client_as("cdd_coordinator").get(f"/kpis/{kpi.pk}/").status_code == 200


def test_a_coordinator_cannot_open_another_departments_draft(client_as: Callable[[str], Client]) -> None:
    kpi = draft_of("MOF")
    response = client_as("cdd_coordinator").get(f"/kpis/{kpi.pk}/")
    assert response.status_code == 403
    assert "ไม่มีสิทธิ์" in response.content.decode()


def test_another_departments_drafts_are_missing_from_lists_and_the_api(client_as: Callable[[str], Client]) -> None:
    client = client_as("cdd_coordinator")
    page = client.get("/kpis/", {"organisation": "MOF", "year": 2566}).content.decode()
    assert draft_of("MOF").name_th not in page
    api = client.get("/api/v1/kpis/", {"organisation": "MOF", "year": 2566}).json()
    assert api["count"] == 0
    assert client.get(f"/api/v1/kpis/{draft_of('MOF').pk}").status_code == 403


def test_opdc_sees_every_draft(client_as: Callable[[str], Client]) -> None:
    client = client_as("opdc_desk")
    for code in ("CDD", "MOF"):
        assert client.get(f"/kpis/{draft_of(code).pk}/").status_code == 200


def test_the_moi_reviewer_sees_provinces_but_not_agencies_drafts(client_as: Callable[[str], Client]) -> None:
    client = client_as("moi_reviewer")
    provincial = Kpi.objects.filter(organisation__kind="province", framework__fiscal_year__year=2566).first()
    assert client.get(f"/kpis/{provincial.pk}/").status_code == 200
    assert client.get(f"/kpis/{draft_of('MOF').pk}/").status_code == 403


def test_the_public_sees_no_unpublished_kpi(client: Client) -> None:
    assert client.get(f"/kpis/{draft_of('CDD').pk}/").status_code in {302, 403}
    assert client.get("/api/v1/kpis/", {"year": 2566}).json()["count"] == 0
    assert client.get(f"/api/v1/kpis/{draft_of('CDD').pk}").status_code == 403


def test_a_page_of_an_unknown_kpi_is_a_thai_404(client_as: Callable[[str], Client]) -> None:
    response = client_as("cdd_coordinator").get("/kpis/999999/")
    assert response.status_code == 404
    assert "ไม่พบ" in response.content.decode()


def test_a_malformed_filter_is_ignored_not_a_500(client_as: Callable[[str], Client]) -> None:
    response = client_as("cdd_coordinator").get("/kpis/", {"year": "abc", "monitor": "maybe", "page": "x"})
    assert response.status_code == 200


def test_opdc_reads_an_objects_history_on_its_page(client_as: Callable[[str], Client]) -> None:
    from govkpi.basket.models import BasketKpi

    entry = BasketKpi.objects.first()
    entry.name_th = entry.name_th + " (ปรับปรุง)"
    entry.save()
    page = client_as("opdc_admin").get(f"/basket/{entry.code}/").content.decode()
    assert "ประวัติการแก้ไข" in page
    assert "(ปรับปรุง)" in page
    coordinator_page = client_as("cdd_coordinator").get(f"/basket/{entry.code}/").content.decode()
    assert "ประวัติการแก้ไข" not in coordinator_page
