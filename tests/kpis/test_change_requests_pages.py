"""The change-request pages: a coordinator files through the form; errors come back in Thai."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from govkpi.frameworks.models import Round
from govkpi.kpis.choices import ChangeState
from govkpi.kpis.models import ChangeRequest, Kpi

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("chonburi_coordinator")]


def form(**extra: object) -> dict[str, object]:
    k = Kpi.objects.get(code="P20-66-03")
    return {
        "kpi": k.pk,
        "round": Round.objects.get(framework=k.framework, months=12).pk,
        "kind": "target",
        "reason_th": "ปรับตามสถานการณ์",
        "targets": "25 / 30 / 40",
        **extra,
    }


def test_a_coordinator_files_a_change_request_through_the_form(client_as: Callable[[str], Client]) -> None:
    response = client_as("chonburi.coord").post("/change-requests/new/", form())
    cr = ChangeRequest.objects.get(kpi__code="P20-66-03")
    assert response.status_code == 302 and response["Location"] == f"/change-requests/{cr.pk}/"
    assert cr.proposed == {"targets": ["25", "30", "40"]} and cr.state == ChangeState.SUBMITTED
    html = client_as("chonburi.coord").get(f"/change-requests/{cr.pk}/").content.decode()
    assert "รอคณะกรรมการพิจารณา" in html and "ระดับจังหวัด" in html


def test_targets_out_of_order_come_back_with_a_thai_message_and_nothing_saved(
    client_as: Callable[[str], Client],
) -> None:
    response = client_as("chonburi.coord").post("/change-requests/new/", form(targets="40/30/25"))
    assert response.status_code == 200
    assert "ต้องเพิ่มขึ้นตามขั้น" in response.content.decode()
    assert not ChangeRequest.objects.filter(kpi__code="P20-66-03").exists()


def test_only_coordinators_open_the_form(client_as: Callable[[str], Client]) -> None:
    assert client_as("committee_secretary").get("/change-requests/new/").status_code == 403


def test_the_form_offers_only_the_coordinators_own_approved_kpis(client_as: Callable[[str], Client]) -> None:
    html = client_as("chonburi.coord").get("/change-requests/new/").content.decode()
    assert "P20-66-03" in html and "MOF-65" not in html and "P21-66" not in html


def test_the_list_counts_requests_by_level_for_opdc(client_as: Callable[[str], Client]) -> None:
    html = client_as("opdc_admin").get("/change-requests/?level=province").content.decode()
    assert "ชลบุรี" in html
    assert "ชลบุรี" not in client_as("opdc_admin").get("/change-requests/?level=ministry").content.decode()
