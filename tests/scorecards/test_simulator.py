"""The what-if simulator: typed results scored by the engine at once, nothing saved."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from govkpi.frameworks.models import Round
from govkpi.results.models import OrganisationScore, Result

Report = Callable[..., Result]
URL = "/scorecards/MOF/2565/12/simulate/"
TOP = {
    "r_MOF-65-01": "5",
    "r_MOF-65-02": "62",
    "r_MOF-65-03": "102",
    "r_MOF-65-04": "92",
    "r_MOF-65-05": "5",
    "r_MOF-65-06": "400",
    "r_MOF-65-07": "",
}


def htmx_post(client: Client, data: dict[str, str]) -> str:
    response = client.post(URL, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response.content.decode()


def test_the_simulator_starts_from_the_reported_results(
    client_as: Callable[[str], Client], round12: Round, report: Report
) -> None:
    report("MOF-65-01", round12, "3", verified="4.5")
    html = client_as("mof_coordinator").get(URL).content.decode()
    assert 'name="r_MOF-65-01" value="4.5"' in html
    assert 'name="r_MOF-65-02" value=""' in html
    assert 'data-testid="total">17.50<' in html  # 87.5 points × 20%


def test_changing_a_result_updates_the_total_and_band_and_saves_nothing(
    client_as: Callable[[str], Client], round12: Round, report: Report
) -> None:
    report("MOF-65-01", round12, "3")
    client = client_as("mof_coordinator")
    html = htmx_post(client, TOP)
    assert 'id="sim-summary"' in html
    assert 'data-testid="total">100.00<' in html and "ระดับคุณภาพ" in html
    assert "อยู่ในระดับสูงสุดแล้ว" in html
    lower = htmx_post(client, {**TOP, "r_MOF-65-01": "3"})  # 100 → 50 points on a 20% KPI
    assert 'data-testid="total">90.00<' in lower and "ระดับคุณภาพ" in lower
    lower = htmx_post(client, {**TOP, "r_MOF-65-01": ""})
    assert 'data-testid="total">80.00<' in lower and "ระดับมาตรฐาน" in lower
    assert Result.objects.get(kpi__code="MOF-65-01", round=round12).value == 3
    assert Result.objects.filter(kpi__organisation__code="MOF", round=round12).count() == 1
    # the stored total is still the one of the result reported (50 points × 20%), untouched
    assert OrganisationScore.objects.get(organisation__code="MOF", round=round12).total == 10


def test_the_htmx_answer_swaps_each_rows_points_out_of_band(client_as: Callable[[str], Client]) -> None:
    html = htmx_post(client_as("mof_coordinator"), TOP)
    assert html.count('hx-swap-oob="true"') == 7 * 4
    assert 'data-testid="points-MOF-65-03"' in html


def test_each_kpi_says_what_result_reaches_the_next_band(client_as: Callable[[str], Client]) -> None:
    # 80 points now: ระดับคุณภาพ (90) needs 10 more; MOF-65-01 (20%) blank can give 20.
    html = htmx_post(client_as("mof_coordinator"), {**TOP, "r_MOF-65-01": ""})
    assert "ระดับถัดไป: ระดับคุณภาพ (90.00 คะแนนขึ้นไป)" in html
    need = html.split('data-testid="need-MOF-65-01"', 1)[1].split("</span>", 1)[0]
    # 50 points (× 20% = 10) is reached on the basic target, 3.
    assert "อย่างน้อย <b>3</b> จึงถึงระดับคุณภาพ" in need
    # A 15% KPI already on top cannot add anything.
    top = html.split('data-testid="need-MOF-65-04"', 1)[1].split("</span>", 1)[0]
    assert "ไม่มีผลใดของตัวชี้วัดนี้ตัวเดียวที่ทำให้ถึงระดับคุณภาพได้" in top
    monitor = html.split('data-testid="need-MOF-65-07"', 1)[1].split("</span></span>", 1)[0]
    assert "ตัวชี้วัด Monitor ไม่มีผลต่อคะแนน" in monitor


def test_a_lower_is_better_kpi_says_at_most(client_as: Callable[[str], Client]) -> None:
    # Everything on top except MOF-65-02 (lower is better, 20%) blank: 80 points, 10 short.
    html = htmx_post(client_as("mof_coordinator"), {**TOP, "r_MOF-65-02": ""})
    need = html.split('data-testid="need-MOF-65-02"', 1)[1].split("</span>", 1)[0]
    assert "ไม่เกิน <b>70</b>" in need


def test_a_typed_value_that_is_not_a_number_is_flagged_and_counted_as_missing(
    client_as: Callable[[str], Client],
) -> None:
    html = htmx_post(client_as("mof_coordinator"), {**TOP, "r_MOF-65-01": "ห้า"})
    assert "ค่าที่กรอกไม่ใช่ตัวเลข (MOF-65-01)" in html
    assert "ต้องเป็นตัวเลข หรือเว้นว่างหากยังไม่มีผล" in html
    assert 'data-testid="total">80.00<' in html


def test_thai_digits_and_thousands_commas_are_understood(client_as: Callable[[str], Client]) -> None:
    html = htmx_post(client_as("mof_coordinator"), {**TOP, "r_MOF-65-01": "๕", "r_MOF-65-06": "1,000"})
    assert 'data-testid="total">100.00<' in html


def test_without_htmx_the_form_posts_back_the_whole_page(client_as: Callable[[str], Client]) -> None:
    response = client_as("mof_coordinator").post(URL, TOP)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert 'name="r_MOF-65-03" value="102"' in html and 'data-testid="total">100.00<' in html


def test_the_simulator_is_closed_to_other_organisations(client_as: Callable[[str], Client]) -> None:
    assert client_as("cdd_coordinator").get(URL).status_code == 403
    assert client_as("cdd_coordinator").post(URL, TOP).status_code == 403
