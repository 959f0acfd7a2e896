from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from govkpi.basket.models import BasketKpi

pytestmark = pytest.mark.django_db


def form_data(**changes: str) -> dict[str, object]:
    data: dict[str, object] = {
        "code": "T66-901",
        "group": "agencies",
        "name_th": "ร้อยละของงานบริการที่ให้บริการผ่านระบบออนไลน์",
        "domain": "governance",
        "direction": "higher_is_better",
        "measure": "numeric",
        "unit_th": "ร้อยละ",
        "baseline_year_1": "2563",
        "baseline_value_1": "40",
        "baseline_year_2": "2564",
        "baseline_value_2": "52.5",
        "target_3_1": "60",
        "target_3_2": "70",
        "target_3_3": "80",
        "plan_links": ["MP20"],
        "applicable_kinds": ["department"],
        "tunable_fields": ["targets"],
        "themes": "eservice, covid",
    }
    data.update(changes)
    return data


def test_opdc_adds_an_entry_through_the_thai_form(client_as: Callable[[str], Client]) -> None:
    client = client_as("opdc_admin")
    assert "เพิ่มตัวชี้วัดใน KPI Basket" in client.get("/basket/new/").content.decode()
    response = client.post("/basket/new/", form_data())
    assert response.status_code == 302 and response["Location"] == "/basket/T66-901/"
    kpi = BasketKpi.objects.get(code="T66-901")
    assert kpi.baseline == [{"year": 2563, "value": "40"}, {"year": 2564, "value": "52.5"}]
    assert kpi.themes == ["covid", "eservice"]
    page = client.get("/basket/T66-901/").content.decode()
    assert "ปี พ.ศ. 2563" in page and "ประวัติการแก้ไข" in page


def test_the_form_shows_each_problem_next_to_its_field(client_as: Callable[[str], Client]) -> None:
    response = client_as("opdc_admin").post("/basket/new/", form_data(target_3_2="abc", baseline_year_1="1990"))
    assert response.status_code == 422
    page = response.content.decode()
    assert "ค่าเป้าหมายขั้นที่ 2 ต้องเป็นตัวเลข" in page
    assert "ต้องเป็นปี พ.ศ." in page
    assert not BasketKpi.objects.filter(code="T66-901").exists()


def test_opdc_edits_and_retires_an_entry_which_stays_readable(client_as: Callable[[str], Client]) -> None:
    client = client_as("opdc_desk")
    kpi = BasketKpi.objects.get(code="B65-010")
    edit = client.get("/basket/B65-010/edit/")
    assert edit.status_code == 200 and kpi.name_th in edit.content.decode()
    data = form_data(name_th="ชื่อใหม่ของตัวชี้วัด", direction=kpi.direction, measure=kpi.measure)
    data.update({f"target_3_{i}": v for i, v in enumerate(kpi.recommendations[0], start=1)})
    assert client.post("/basket/B65-010/edit/", data).status_code == 302
    assert BasketKpi.objects.get(code="B65-010").name_th == "ชื่อใหม่ของตัวชี้วัด"
    assert client.post("/basket/B65-010/retire/", {"reason": "เลิกใช้"}).status_code == 302
    public = Client().get("/basket/B65-010/")
    assert public.status_code == 200 and "เลิกใช้แล้ว" in public.content.decode()
    assert "/basket/B65-010/" not in Client().get("/basket/", {"q": "B65-010"}).content.decode()


def test_others_may_read_but_not_change_the_basket(client_as: Callable[[str], Client]) -> None:
    client = client_as("cdd_coordinator")
    assert client.get("/basket/").status_code == 200
    assert "เพิ่มตัวชี้วัด" not in client.get("/basket/").content.decode()
    assert client.get("/basket/new/").status_code == 403
    assert client.get("/basket/B65-001/edit/").status_code == 403
    assert client.post("/basket/B65-001/retire/").status_code == 403
    assert client.get("/basket/import/").status_code == 403
    assert not BasketKpi.objects.get(code="B65-001").is_retired
    assert Client().get("/basket/new/").status_code == 302  # to the login page
