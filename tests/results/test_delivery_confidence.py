"""Delivery confidence beside a round's value: entered with the value, a reason when not on track,
changed only while the value may change, audited, in the form, the API and the Excel import."""

from __future__ import annotations

import io
from collections.abc import Callable

import openpyxl
import pytest

from govkpi.core.errors import Conflict, Invalid
from govkpi.frameworks.models import Round
from govkpi.kpis.models import Kpi
from govkpi.organisations.access import Viewer
from govkpi.results import excel, services
from govkpi.results.models import Result

AsViewer = Callable[[str], tuple[object, Viewer]]


def save(as_viewer: AsViewer, kpi: Kpi, round_: Round, **kw: object) -> Result:
    user, viewer = as_viewer("mof_coordinator")
    return services.result_save(
        viewer=viewer, user=user, kpi=kpi, round_=round_, value="96", narrative_th="", lock_version=None, **kw
    )


def test_a_coordinator_says_a_kpi_is_at_risk_with_a_reason(
    as_viewer: AsViewer, open_round: Round, mof_kpi: Kpi
) -> None:
    result = save(as_viewer, mof_kpi, open_round, confidence="at_risk", confidence_reason_th=" งบล่าช้า ")
    assert (result.confidence, result.confidence_reason_th) == ("at_risk", "งบล่าช้า")
    last = result.history.first()
    assert last is not None and last.confidence == "at_risk" and last.history_user is not None


def test_at_risk_or_off_track_without_a_reason_is_refused(as_viewer: AsViewer, open_round: Round, mof_kpi: Kpi) -> None:
    with pytest.raises(Invalid) as refused:
        save(as_viewer, mof_kpi, open_round, confidence="off_track", confidence_reason_th="  ")
    assert refused.value.field == "confidence_reason_th"
    with pytest.raises(Invalid):
        save(as_viewer, mof_kpi, open_round, confidence="maybe")


def test_leaving_the_confidence_out_keeps_it(as_viewer: AsViewer, open_round: Round, mof_kpi: Kpi) -> None:
    save(as_viewer, mof_kpi, open_round, confidence="มีความเสี่ยง", confidence_reason_th="ฝนแล้ง")
    again = save(as_viewer, mof_kpi, open_round)
    assert again.confidence == "at_risk"


def test_the_confidence_cannot_change_once_the_value_is_submitted(
    as_viewer: AsViewer, open_round: Round, mof_kpi: Kpi, flow: Callable[..., Result]
) -> None:
    flow("submitted")
    with pytest.raises(Conflict):
        save(as_viewer, mof_kpi, open_round, confidence="on_track")


def test_the_row_form_saves_the_confidence(client_as: Callable[[str], object], open_round: Round, mof_kpi: Kpi) -> None:
    client = client_as("mof_coordinator")
    url = f"/results/MOF/2565/6/kpi/{mof_kpi.pk}/save/"
    answer = client.post(  # type: ignore[attr-defined]
        url,
        {"value": "97", "narrative_th": "", "confidence": "off_track", "confidence_reason_th": "ผู้รับจ้างทิ้งงาน"},
        HTTP_HX_REQUEST="true",
    )
    assert answer.status_code == 200
    assert "ผู้รับจ้างทิ้งงาน" in answer.content.decode()
    assert Result.objects.get(kpi=mof_kpi, round=open_round).confidence == "off_track"


def test_the_api_reports_a_confidence_and_names_the_missing_reason(
    client_as: Callable[[str], object], open_round: Round, mof_kpi: Kpi
) -> None:
    client = client_as("mof_coordinator")
    body = {"kpi_id": mof_kpi.pk, "months": 6, "value": "96", "confidence": "at_risk"}
    refused = client.post("/api/v1/results/report", body, content_type="application/json")  # type: ignore[attr-defined]
    assert refused.status_code == 422 and refused.json()["field"] == "confidence_reason_th"
    body["confidence_reason_th"] = "รองบกลาง"
    done = client.post("/api/v1/results/report", body, content_type="application/json")  # type: ignore[attr-defined]
    assert done.status_code == 200
    assert (done.json()["confidence"], done.json()["confidence_reason_th"]) == ("at_risk", "รองบกลาง")


def test_the_excel_template_and_import_carry_the_confidence(
    as_viewer: AsViewer, open_round: Round, mof_kpi: Kpi
) -> None:
    user, viewer = as_viewer("mof_coordinator")
    framework = open_round.framework
    wb = openpyxl.load_workbook(io.BytesIO(excel.template(viewer=viewer, framework=framework, round_=open_round)))
    ws = wb.active
    assert ws is not None
    header = [c.value for c in ws[1]]
    assert header[-2:] == ["ความมั่นใจ", "เหตุผลความมั่นใจ"]
    for row in ws.iter_rows(min_row=2):
        row[7].value = 3  # a valid value for numeric and milestone KPIs alike
        if row[2].value == mof_kpi.code:
            row[9].value, row[10].value = "ไม่เป็นไปตามแผน", ""
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(Invalid) as refused:
        excel.import_results(viewer=viewer, user=user, framework=framework, round_=open_round, data=out.getvalue())
    assert refused.value.problems[0]["field"] == "เหตุผลความมั่นใจ"
    for row in ws.iter_rows(min_row=2):
        if row[2].value == mof_kpi.code:
            row[10].value = "ผู้รับจ้างทิ้งงาน"
    out = io.BytesIO()
    wb.save(out)
    excel.import_results(viewer=viewer, user=user, framework=framework, round_=open_round, data=out.getvalue())
    result = Result.objects.get(kpi=mof_kpi, round=open_round)
    assert (result.confidence, result.confidence_reason_th) == ("off_track", "ผู้รับจ้างทิ้งงาน")
