"""What a valid result value is, and when one may be reported: one rule for the form, the API and the import."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest
from django.test import Client

from govkpi.core.errors import Invalid
from govkpi.frameworks.models import Framework, Round
from govkpi.kpis.models import Kpi
from govkpi.results import excel
from govkpi.results.models import LessonsSummary, Result

pytestmark = pytest.mark.django_db


def filled(template: bytes, values: dict[str, object]) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(template))
    ws = wb.active
    assert ws is not None
    for row in ws.iter_rows(min_row=2):
        if row[2].value in values:
            row[7].value = values[row[2].value]
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_results_import_refuses_five_decimals_like_the_api(
    as_viewer: Any, client_as: Callable[[str], Client], open_round: Round, mof_kpi: Kpi
) -> None:
    answer = client_as("mof_coordinator").post(
        "/api/v1/results/report",
        {"kpi_id": mof_kpi.pk, "year": 2565, "months": 6, "value": "98.49996", "narrative_th": ""},
        content_type="application/json",
    )
    assert answer.status_code == 422
    user, viewer = as_viewer("mof_coordinator")
    data = filled(
        excel.template(viewer=viewer, framework=open_round.framework, round_=open_round), {"MOF-65-03": "98.49996"}
    )
    with pytest.raises(Invalid) as refused:
        excel.import_results(viewer=viewer, user=user, framework=open_round.framework, round_=open_round, data=data)
    [problem] = refused.value.problems
    assert problem["message"].startswith("แถว ") and "ทศนิยมได้ไม่เกิน 4 ตำแหน่ง" in problem["message"]
    assert not Result.objects.filter(kpi=mof_kpi, round=open_round).exists()


def test_a_value_with_four_decimals_and_trailing_zeros_is_kept_exactly(
    as_viewer: Any, open_round: Round, mof_kpi: Kpi
) -> None:
    user, viewer = as_viewer("mof_coordinator")
    data = filled(
        excel.template(viewer=viewer, framework=open_round.framework, round_=open_round), {"MOF-65-03": "98.499600"}
    )
    excel.import_results(viewer=viewer, user=user, framework=open_round.framework, round_=open_round, data=data)
    assert str(Result.objects.get(kpi=mof_kpi, round=open_round).value) == "98.4996"


def test_the_results_import_refuses_a_locked_result_naming_the_row(
    as_viewer: Any, flow: Callable[..., Result], open_round: Round, mof_kpi: Kpi
) -> None:
    flow("approved")
    user, viewer = as_viewer("opdc_admin")
    data = filled(excel.template(viewer=viewer, framework=open_round.framework, round_=open_round), {"MOF-65-03": "50"})
    with pytest.raises(Invalid) as refused:
        excel.import_results(viewer=viewer, user=user, framework=open_round.framework, round_=open_round, data=data)
    assert any("ล็อก" in p["message"] and p["message"].startswith("แถว ") for p in refused.value.problems)
    assert Result.objects.get(kpi=mof_kpi, round=open_round).value != 50


def test_an_htmx_save_for_a_kpi_not_in_force_answers_a_clear_404_not_a_500(
    client_as: Callable[[str], Client], open_round: Round, mof_kpi: Kpi
) -> None:
    Kpi.objects.filter(pk=mof_kpi.pk).update(is_removed=True)
    response = client_as("mof_coordinator").post(
        f"/results/MOF/2565/6/kpi/{mof_kpi.pk}/save/", {"value": "99", "lock_version": "0"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 404
    assert "ไม่มีผลบังคับใช้" in response.content.decode()


def test_opdcs_lessons_summary_of_an_unpublished_year_is_not_shown_to_a_coordinator(
    client_as: Callable[[str], Client],
) -> None:
    framework = Framework.objects.get(fiscal_year__year=2564, group="agencies")
    assert not framework.is_published
    LessonsSummary.objects.update_or_create(framework=framework, defaults={"text_th": "สรุปภายในของสำนักงาน"})
    for persona in ("cdd_coordinator", "ccs_executive", "moi_reviewer"):
        page = client_as(persona).get("/results/year/2564/agencies/lessons/").content.decode()
        api = client_as(persona).get(f"/api/v1/results/frameworks/{framework.pk}/lessons").json()
        assert "สรุปภายในของสำนักงาน" not in page and api["summary_th"] == "", persona
    assert "สรุปภายในของสำนักงาน" in client_as("opdc_desk").get("/results/year/2564/agencies/lessons/").content.decode()
