"""The committee summary three ways: the Thai page with downloads, the API, and `govkpi report`."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from openpyxl import load_workbook
from report_helpers import fy2565_agencies, publish

from govkpi.core.models import Job
from govkpi.kpis.choices import ProposalState
from govkpi.kpis.models import Proposal


def test_the_summary_page_shows_the_figures_and_a_thai_lead(client_as: Callable[[str], Client]) -> None:
    response = client_as("opdc_desk").get("/reports/summary/?year=2565&group=agencies")
    assert response.status_code == 200
    html = response.content.decode()
    assert "มีส่วนราชการเข้ารับการประเมิน 37 ส่วนราชการ" in html
    assert 'data-testid="stat-kpis">232<' in html
    assert "ดาวน์โหลด Excel" in html and "ดาวน์โหลด PDF" in html


def test_an_unknown_year_on_the_page_is_a_clear_404(client_as: Callable[[str], Client]) -> None:
    response = client_as("opdc_desk").get("/reports/summary/?year=2599&group=agencies")
    assert response.status_code == 404
    assert "ไม่พบกรอบการประเมินปีงบประมาณ พ.ศ. 2599" in response.content.decode()


def test_the_excel_download_runs_as_a_job_whose_file_opens(client_as: Callable[[str], Client]) -> None:
    client = client_as("opdc_desk")
    response = client.post("/reports/summary/download/", {"year": 2565, "group": "agencies", "format": "xlsx"})
    assert response.status_code == 302 and response["Location"].startswith("/jobs/")
    job = Job.objects.get(pk=response["Location"].split("/")[2])
    assert job.state == Job.State.DONE, job.message
    download = client.get(f"/jobs/{job.pk}/download/")
    wb = load_workbook(io.BytesIO(b"".join(download.streaming_content)))  # type: ignore[attr-defined]
    ws = wb["สรุป"]
    assert ws["A2"].value == "รายการ" and ws.freeze_panes == "A3"
    rows = {r[0]: r[1:] for r in ws.iter_rows(min_row=3, values_only=True)}
    assert rows["ตัวชี้วัดทั้งหมด"][0] == 232
    assert rows["  คัดเลือกจาก KPI Basket"] == (212, 91.38)
    assert wb.sheetnames == ["สรุป", "แผนระดับชาติ", "Joint KPIs", "เป้าหมายต่ำกว่าแผน", "การขอเปลี่ยนแปลง", "ผลตามระดับ"]


def test_the_json_download_is_immediate(client_as: Callable[[str], Client]) -> None:
    response = client_as("committee_secretary").get("/reports/summary/download/?year=2565&group=agencies&format=json")
    assert response.status_code == 200
    assert json.loads(response.content)["kpis_monitor"] == 22


def test_the_api_answers_json_with_two_decimal_percentages(client_as: Callable[[str], Client]) -> None:
    response = client_as("opdc_admin").get("/api/v1/reports/committee-summary?year=2565&group=agencies")
    assert response.status_code == 200
    body = response.json()
    assert body["organisations_total"] == 37 and body["kpis_scored"] == 210
    assert body["from_basket"]["percent"] == "91.38" and body["proposed"]["percent"] == "8.62"


def test_the_api_answers_the_pdf_when_asked(client_as: Callable[[str], Client]) -> None:
    response = client_as("opdc_admin").get("/api/v1/reports/committee-summary?year=2565&group=agencies&format=pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_api_refuses_unknown_groups_and_hides_unpublished_years_from_the_public(db: None) -> None:
    client = Client()
    assert client.get("/api/v1/reports/committee-summary?year=2565&group=ministries").status_code == 422
    response = client.get("/api/v1/reports/committee-summary?year=2566&group=agencies")
    assert response.status_code == 404 and "ไม่พบกรอบการประเมิน" in response.json()["message_th"]


def test_a_public_download_never_contains_unpublished_data(db: None) -> None:
    framework = fy2565_agencies()
    publish(framework)
    Proposal.objects.filter(framework=framework, organisation__code="MOF").update(state=ProposalState.WORKING_GROUP)
    client = Client()
    body = client.get("/api/v1/reports/committee-summary?year=2565&group=agencies").json()
    assert body["kpis_total"] < 232 and body["is_partial"]
    response = client.get("/reports/summary/download/?year=2565&group=agencies&format=xlsx")
    wb = load_workbook(io.BytesIO(response.content))
    text = " ".join(str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c)
    assert "MOF-65" not in text
    below = [row for row in wb["เป้าหมายต่ำกว่าแผน"].iter_rows(min_row=3, values_only=True)]
    assert below and all(row[0] != "กระทรวงการคลัง" for row in below)


def test_the_command_prints_json_and_writes_files(db: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("report", "committee-summary", "--year", "2565", "--group", "agencies")
    assert json.loads(capsys.readouterr().out)["from_basket"]["count"] == 212
    out = tmp_path / "summary.xlsx"
    call_command(
        "report", "committee-summary", "--year", "2565", "--group", "agencies", "--format", "xlsx", "--output", str(out)
    )
    assert load_workbook(out)["สรุป"]["A1"].value == "สรุปตัวชี้วัดส่วนราชการ ปีงบประมาณ พ.ศ. 2565"


@pytest.mark.parametrize("args", [["--year", "2599"], ["--year", "2565", "--group", "ministries"]])
def test_the_command_exits_2_with_a_clear_message(
    db: None, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        call_command("report", "committee-summary", *args)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert ("ไม่พบกรอบการประเมินปีงบประมาณ พ.ศ. 2599" in err) or ("ไม่รู้จักกลุ่มการประเมิน 'ministries'" in err)


def test_the_public_reads_a_published_year_and_finds_no_unpublished_one(db: None) -> None:
    client = Client()
    published = client.get("/reports/summary/?year=2565&group=agencies")
    assert published.status_code == 200 and 'data-testid="lead"' in published.content.decode()
    assert client.get("/reports/summary/?year=2566&group=agencies").status_code == 404
    assert client.get("/reports/summary/download/?year=2566&group=agencies&format=json").status_code == 404
