"""/api/v1/strategic-kpis and `govkpi strategic`."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from openpyxl import load_workbook

from govkpi.kpis.models import Kpi, StrategicKpi

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]
API = "/api/v1/strategic-kpis"


def sk(code: str) -> StrategicKpi:
    return StrategicKpi.objects.get(code=code, fiscal_year__year=2567)


def test_the_list_filters_by_year_and_owner_and_the_detail_lists_attached_kpis(client_as: ClientAs) -> None:
    client = client_as("opdc_desk")
    assert [s["code"] for s in client.get(f"{API}/", {"year": 2567}).json()] == ["SK-01", "SK-02", "SK-03", "SK-04"]
    assert [s["code"] for s in client.get(f"{API}/", {"owner": "NESDC"}).json()] == ["SK-02"]
    detail = client.get(f"{API}/{sk('SK-04').pk}").json()
    assert {(a["organisation"], a["relation"]) for a in detail["attached"]} == {("CDD", "same"), ("MOF", "proxy")}


def test_the_rollup_is_scoped_to_the_callers_organisation(client_as: ClientAs) -> None:
    every = client_as("opdc_desk").get(f"{API}/{sk('SK-01').pk}/rollup", {"round": 6}).json()
    own = client_as("ccs_coordinator").get(f"{API}/{sk('SK-01').pk}/rollup", {"round": 6}).json()
    assert every["months"] == 6 and every["attached"] == len(every["rows"]) >= 20
    assert every["reported"] == every["on_target"] + every["at_risk"] + every["off_track"]
    assert {r["organisation"] for r in own["rows"]} == {"P24"}


def test_opdc_creates_updates_attaches_and_detaches_and_others_may_not(client_as: ClientAs) -> None:
    opdc = client_as("opdc_admin")
    body = {"year": 2567, "code": "SK-05", "name_th": "ทดสอบ", "owner": "OPDC", "plan_links": ["MP20"]}
    assert client_as("mof_coordinator").post(f"{API}/", body, content_type="application/json").status_code == 403
    created = opdc.post(f"{API}/", body, content_type="application/json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert opdc.post(f"{API}/", body, content_type="application/json").status_code == 409
    bad_owner = opdc.patch(f"{API}/{pk}", {"owner": "NOPE"}, content_type="application/json")
    assert bad_owner.status_code == 422 and bad_owner.json()["field"] == "owner"
    assert opdc.patch(f"{API}/{pk}", {"name_en": "Test"}, content_type="application/json").json()["name_en"] == "Test"
    kpi = Kpi.objects.get(code="MOF-67-03")
    attached = opdc.post(f"{API}/{pk}/attach", {"kpi_id": kpi.pk, "relation": "proxy"}, content_type="application/json")
    assert attached.status_code == 200 and [a["code"] for a in attached.json()["attached"]] == ["MOF-67-03"]
    bad = opdc.post(f"{API}/{pk}/attach", {"kpi_id": kpi.pk, "relation": "maybe"}, content_type="application/json")
    assert bad.status_code == 422
    assert opdc.delete(f"{API}/{pk}/attach/{kpi.pk}").json()["attached"] == []
    kpi.refresh_from_db()
    assert kpi.strategic is None


def test_the_command_lists_shows_and_rolls_up_to_json_and_excel(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("strategic", "list", "--year", "2567")
    assert "SK-03" in capsys.readouterr().out
    call_command("strategic", "show", "SK-04")
    assert "CDD-67-02" in capsys.readouterr().out
    call_command("strategic", "rollup", "SK-03", "--round", "6")
    body = json.loads(capsys.readouterr().out)
    assert body["months"] == 6 and body["attached"] == len(body["rows"])
    target = tmp_path / "sk03.xlsx"
    call_command("strategic", "rollup", "SK-03", "--round", "12", "--output", str(target))
    book = load_workbook(io.BytesIO(target.read_bytes()))
    assert book.sheetnames == ["สรุป", "ตัวชี้วัด"]


def test_the_command_names_an_unknown_code() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="SK-77"):
        call_command("strategic", "show", "SK-77")
