"""`govkpi quality`: a proposal's target quality in a terminal or as the API's JSON."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_it_prints_each_kpis_history_and_flags(capsys: pytest.CaptureFixture[str]) -> None:
    out = StringIO()
    call_command("quality", year=2570, org="MOF", stdout=out)
    text = out.getvalue()
    assert "ข้อสังเกต 4 รายการ · ผลย้อนหลัง 2567–2569" in text
    assert "2569: MOF-69-01 เป้า 70 / 65 / 62 ผล 64.4 *ยังไม่ผ่านการตรวจสอบ" in text
    assert "! [below_last_actual] ค่าเป้าหมายมาตรฐาน 65 สูงกว่าผลปี 2569 (64.4)" in text


def test_json_is_the_apis_document(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("quality", year=2570, org="MOF", fmt="json")
    body = json.loads(capsys.readouterr().out)
    assert body["organisation"] == "MOF" and body["flag_count"] == 4 and len(body["kpis"]) == 5


def test_an_unknown_proposal_or_another_organisations_under_as_is_a_clear_error() -> None:
    with pytest.raises(CommandError, match="No such proposal"):
        call_command("quality", "999999")
    with pytest.raises(CommandError, match="No such proposal"):
        call_command("quality", year=2570, org="MOF", username="cdd.coord")
    with pytest.raises(CommandError, match="--year and --org"):
        call_command("quality")
