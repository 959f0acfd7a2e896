"""Excel import of a round's results: template, row-level Thai errors, all or nothing, as a job."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from govkpi.core.errors import Invalid
from govkpi.core.models import Job
from govkpi.frameworks.models import Round
from govkpi.results import excel
from govkpi.results.models import Result

pytestmark = pytest.mark.django_db


def filled(template: bytes, values: dict[str, object]) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(template))
    ws = wb.active
    assert ws is not None
    for row in ws.iter_rows(min_row=2):
        code = row[2].value
        if code in values:
            row[7].value = values[code]
            row[8].value = f"ผลของ {code}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_coordinators_template_lists_their_kpis_in_force(as_viewer, open_round: Round) -> None:  # type: ignore[no-untyped-def]
    _, viewer = as_viewer("mof_coordinator")
    data = excel.template(viewer=viewer, framework=open_round.framework, round_=open_round)
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert ws is not None
    codes = [r[2] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert codes == [f"MOF-65-0{i}" for i in range(1, 8)]
    assert [c.value for c in ws[1]][:3] == ["รหัสหน่วยงาน", "ชื่อหน่วยงาน", "รหัสตัวชี้วัด"]


def test_a_good_file_imports_every_row(as_viewer, open_round: Round) -> None:  # type: ignore[no-untyped-def]
    user, viewer = as_viewer("mof_coordinator")
    data = filled(
        excel.template(viewer=viewer, framework=open_round.framework, round_=open_round),
        {"MOF-65-01": 4, "MOF-65-03": "101.5"},
    )
    assert (
        excel.import_results(viewer=viewer, user=user, framework=open_round.framework, round_=open_round, data=data)
        == 7
    )
    assert Result.objects.get(kpi__code="MOF-65-03", round=open_round).value == 101.5
    assert Result.objects.get(kpi__code="MOF-65-01", round=open_round).narrative_th == "ผลของ MOF-65-01"


def test_one_bad_row_refuses_the_whole_file_and_names_the_row(as_viewer, open_round: Round) -> None:  # type: ignore[no-untyped-def]
    user, viewer = as_viewer("mof_coordinator")
    data = filled(
        excel.template(viewer=viewer, framework=open_round.framework, round_=open_round),
        {"MOF-65-01": "3.5", "MOF-65-03": 101},
    )
    with pytest.raises(Invalid) as error:
        excel.import_results(viewer=viewer, user=user, framework=open_round.framework, round_=open_round, data=data)
    assert error.value.problems[0]["row"] == 2
    assert error.value.problems[0]["message"].startswith("แถว 2:")
    assert not Result.objects.filter(round=open_round, organisation__code="MOF").exists()


def test_a_coordinator_cannot_import_another_organisations_rows(as_viewer, open_round: Round) -> None:  # type: ignore[no-untyped-def]
    _, opdc = as_viewer("opdc_admin")
    data = excel.template(viewer=opdc, framework=open_round.framework, round_=open_round)
    user, viewer = as_viewer("mof_coordinator")
    with pytest.raises(Invalid) as error:
        excel.import_results(viewer=viewer, user=user, framework=open_round.framework, round_=open_round, data=data)
    assert any("ไม่มีสิทธิ์นำเข้า" in p["message"] for p in error.value.problems)


def test_a_file_that_is_not_excel_is_refused_clearly(as_viewer, open_round: Round) -> None:  # type: ignore[no-untyped-def]
    user, viewer = as_viewer("mof_coordinator")
    with pytest.raises(Invalid) as error:
        excel.import_results(
            viewer=viewer, user=user, framework=open_round.framework, round_=open_round, data=b"not excel"
        )
    assert "Excel" in error.value.message_th


def test_the_page_runs_the_import_as_a_job(client_as: Callable[[str], Client], as_viewer, open_round: Round) -> None:  # type: ignore[no-untyped-def]
    coord = client_as("mof_coordinator")
    template = coord.get("/results/year/2565/agencies/6/template.xlsx")
    assert template.status_code == 200 and "attachment" in template["Content-Disposition"]
    data = filled(template.content, {"MOF-65-03": 100})
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = coord.post("/results/year/2565/agencies/6/import/", {"file": SimpleUploadedFile("ผล.xlsx", data)})
    assert response.status_code == 302
    job = Job.objects.filter(kind="results.import").latest("created_at")
    assert job.state == Job.State.DONE, job.message
    assert "7" in job.message


def test_a_failed_import_job_lists_row_problems(client_as: Callable[[str], Client], open_round: Round) -> None:
    coord = client_as("mof_coordinator")
    data = filled(coord.get("/results/year/2565/agencies/6/template.xlsx").content, {"MOF-65-03": "สูง"})
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = coord.post(
        f"/api/v1/results/frameworks/{open_round.framework_id}/rounds/6/import",
        {"file": SimpleUploadedFile("ผล.xlsx", data)},
    )
    assert response.status_code == 422
    assert response.json()["problems"][0]["field"] == "ผลการดำเนินงาน"
    job = Job.objects.filter(kind="results.import").latest("created_at")
    assert job.state == Job.State.FAILED and job.problems[0]["field"] == "ผลการดำเนินงาน"


def test_the_command_imports_for_opdc(tmp_path: Path) -> None:
    round_ = Round.objects.get(framework__fiscal_year__year=2565, framework__group="agencies", months=6)
    path = tmp_path / "template.xlsx"
    call_command("results", "template", str(path), "--year", "2565", "--round", "6")
    rows = list(openpyxl.load_workbook(path).active.iter_rows(min_row=2, values_only=True))  # type: ignore[union-attr]
    assert len(rows) == 232
    values = {r[2]: str(r[6]).split(" / ")[1] for r in rows}
    path.write_bytes(filled(path.read_bytes(), values))
    out = io.StringIO()
    call_command("results", "import", str(path), "--year", "2565", "--round", "6", stdout=out)
    assert "232" in out.getvalue()
    assert Result.objects.filter(round=round_).count() == 232
    with pytest.raises(CommandError):
        call_command("results", "import", str(tmp_path / "missing.xlsx"), "--year", "2565", "--round", "6")
