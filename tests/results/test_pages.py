"""The round sheet: a form per KPI saved by htmx, each role's actions, and the overview pages."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from govkpi.frameworks.models import Round
from govkpi.kpis.models import Kpi
from govkpi.publication.testing import publish_now
from govkpi.results.models import Result, ResultState

pytestmark = pytest.mark.django_db
SHEET = "/results/MOF/2565/6/"


def test_the_coordinator_sees_a_form_for_every_kpi_in_force(
    client_as: Callable[[str], Client], open_round: Round
) -> None:
    page = client_as("mof_coordinator").get(SHEET).content.decode()
    for code in ("MOF-65-01", "MOF-65-03", "MOF-65-07"):
        assert f'data-testid="kpi-{code}"' in page
    assert (
        page.count('data-testid="value-input"')
        == Kpi.objects.filter(organisation__code="MOF", framework=open_round.framework).count()
    )
    assert 'data-testid="round-open"' in page


def test_an_htmx_save_answers_the_row_with_the_new_value(
    client_as: Callable[[str], Client], open_round: Round, mof_kpi: Kpi
) -> None:
    response = client_as("mof_coordinator").post(
        f"{SHEET}kpi/{mof_kpi.pk}/save/",
        {"value": "99.5", "narrative_th": "ผลสะสม", "lock_version": "0"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith("<section") and "99.5" in body and "บันทึกผล MOF-65-03 แล้ว" in body
    assert Result.objects.get(kpi=mof_kpi, round=open_round).value == 99.5


def test_saving_a_row_offers_sending_the_round_without_reloading_the_page(
    client_as: Callable[[str], Client], open_round: Round, mof_kpi: Kpi
) -> None:
    response = client_as("mof_coordinator").post(
        f"{SHEET}kpi/{mof_kpi.pk}/save/", {"value": "42", "lock_version": "0"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert '<div id="bulk-actions" hx-swap-oob="true">' in body
    assert 'data-testid="bulk-submit"' in body and "ส่งผลทั้งรอบ (" in body


def test_a_stale_form_shows_the_conflict_in_thai(client_as: Callable[[str], Client], flow, mof_kpi: Kpi) -> None:  # type: ignore[no-untyped-def]
    flow("draft")
    response = client_as("mof_coordinator").post(
        f"{SHEET}kpi/{mof_kpi.pk}/save/", {"value": "1", "lock_version": "0"}, HTTP_HX_REQUEST="true"
    )
    assert "มีผู้อื่นแก้ไขผลนี้ไปก่อนแล้ว" in response.content.decode()


def test_the_full_workflow_through_the_pages(
    client_as: Callable[[str], Client], open_round: Round, mof_kpi: Kpi
) -> None:
    coord = client_as("mof_coordinator")
    coord.post(f"{SHEET}kpi/{mof_kpi.pk}/save/", {"value": "101", "lock_version": "0"})
    result = Result.objects.get(kpi=mof_kpi, round=open_round)
    coord.post(f"{SHEET}kpi/{mof_kpi.pk}/submit/", {"lock_version": str(result.lock_version)})
    client_as("mof.exec").post(f"{SHEET}kpi/{mof_kpi.pk}/endorse/", {})
    client_as("opdc_desk").post(f"{SHEET}kpi/{mof_kpi.pk}/verify/", {"verify_action": "accept"})
    client_as("opdc_admin").post(f"{SHEET}round/approve/", {"reference_th": "อ.ก.พ.ร. ครั้งที่ 1/2566"})
    result.refresh_from_db()
    assert result.state == ResultState.APPROVED and result.is_locked
    page = client_as("opdc_admin").get(SHEET).content.decode()
    assert "ปลดล็อก" in page and 'data-testid="explanation"' in page


def test_other_organisations_cannot_open_an_unpublished_sheet(client_as: Callable[[str], Client]) -> None:
    assert client_as("cdd_coordinator").get("/results/P24/2565/12/").status_code == 403
    assert Client().get("/results/P24/2565/12/").status_code == 403


def test_opdc_extends_a_closed_round_from_the_page(client_as: Callable[[str], Client]) -> None:
    response = client_as("opdc_admin").post(
        f"{SHEET}round/extend/", {"new_deadline": "2099-01-31", "reason": "ระบบขัดข้อง"}, follow=True
    )
    assert "ขยายเวลารายงานผลแล้ว" in response.content.decode()
    assert 'data-testid="round-open"' in client_as("mof_coordinator").get(SHEET).content.decode()


def test_the_framework_page_lists_scores_and_opdc_can_publish(
    client_as: Callable[[str], Client], demo_results: None
) -> None:
    page = client_as("opdc_admin").get("/results/year/2566/provinces/").content.decode()
    assert 'data-testid="publish"' in page
    response = client_as("opdc_admin").post("/publication/2566/provinces/", {"confirm": "1"})
    assert "ยังไม่มีผลที่คณะกรรมการเห็นชอบ" in response.content.decode()


def test_the_index_lists_the_coordinators_rounds(client_as: Callable[[str], Client]) -> None:
    page = client_as("cdd_coordinator").get("/results/").content.decode()
    assert "/results/CDD/2564/12/" in page and "ถอดบทเรียน" in page


def test_an_appeal_through_the_pages(client_as: Callable[[str], Client], demo_results: None) -> None:
    result = Result.objects.filter(kpi__code="MOF-65-03", round__months=12).first()
    assert result is not None
    from django.utils import timezone

    fw = result.round.framework
    fw.published_at = timezone.now()
    fw.save()
    assert "อุทธรณ์คะแนนของตัวชี้วัดนี้" in client_as("mof_coordinator").get("/results/MOF/2565/12/").content.decode()
    response = client_as("mof_coordinator").post(
        f"/results/appeals/new/{result.pk}/", {"reason_th": "ขอทบทวน"}, follow=True
    )
    assert "ยื่นอุทธรณ์แล้ว" in response.content.decode()
    appeal = result.appeals.get()
    decided = client_as("opdc_admin").post(
        f"/results/appeals/{appeal.pk}/", {"decision": "upheld", "value": "999", "note_th": "เห็นชอบ"}, follow=True
    )
    assert "บันทึกผลการพิจารณาอุทธรณ์แล้ว" in decided.content.decode()
    public = Client().get("/results/MOF/2565/12/", follow=True).content.decode()
    assert "แก้ไขเมื่อ" not in public  # an upheld appeal is public only once OPDC amends
    publish_now(fw, reason="ผลอุทธรณ์")
    assert "แก้ไขเมื่อ" in Client().get("/results/MOF/2565/12/", follow=True).content.decode()
    assert client_as("cdd_coordinator").get(f"/results/appeals/{appeal.pk}/").status_code == 404
