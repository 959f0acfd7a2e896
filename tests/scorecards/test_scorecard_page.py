"""The scorecard page: components, KPIs with ladders, results, points, totals, band, explanations."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from govkpi.frameworks.models import Framework, Round
from govkpi.kpis.models import KpiVersion
from govkpi.organisations.models import Organisation
from govkpi.results.models import OrganisationScore, Result, ResultState
from govkpi.scorecards.services import rescore

Report = Callable[..., Result]
URL = "/scorecards/MOF/2565/12/"


def _report_all(round_: Round, report: Report) -> None:
    report("MOF-65-01", round_, "5")
    report("MOF-65-02", round_, "65")
    report("MOF-65-03", round_, "101")
    report("MOF-65-04", round_, "92")
    report("MOF-65-05", round_, "4", verified="5")
    report("MOF-65-07", round_, "60")
    # MOF-65-06 is not reported


def test_a_coordinator_sees_their_own_scorecard_with_points_total_and_band(
    client_as: Callable[[str], Client], round12: Round, report: Report
) -> None:
    _report_all(round12, report)
    html = client_as("mof_coordinator").get(URL).content.decode()
    assert "กระทรวงการคลัง" in html
    assert "รอบ 12 เดือน" in html
    # 20 + 15 + 13.125 + 15 + 15 (verified 5) + 0 = 78.125 → 78.13
    assert 'data-testid="total">78.13<' in html
    assert "ระดับมาตรฐาน" in html
    assert ">87.5<" in html and ">13.125<" in html  # MOF-65-03 points and weighted score, no padding
    assert "ผ่านการตรวจสอบ" in html  # the verified value is marked


def test_the_explanation_is_one_click_away(client_as: Callable[[str], Client], round12: Round, report: Report) -> None:
    _report_all(round12, report)
    html = client_as("mof_coordinator").get(URL).content.decode()
    assert '<details class="explain"><summary>ที่มาของคะแนน</summary>' in html
    assert "ผลการดำเนินงาน 101 อยู่ระหว่างค่าเป้าหมายมาตรฐาน (100) และค่าเป้าหมายขั้นสูง (102)" in html


def test_missing_results_are_flagged_and_the_monitor_kpi_is_marked_not_counted(
    client_as: Callable[[str], Client], round12: Round, report: Report
) -> None:
    _report_all(round12, report)
    html = client_as("mof_coordinator").get(URL).content.decode()
    assert html.count('data-testid="missing"') == 1
    assert "ยังไม่มีผลการดำเนินงาน" in html
    assert html.count('data-testid="monitor"') == 1
    assert "ไม่นำมาคิดคะแนน" in html


def test_the_target_ladder_is_shown_with_each_levels_points(client_as: Callable[[str], Client]) -> None:
    html = client_as("mof_coordinator").get(URL).content.decode()
    assert 'ขั้นต้น <b>70</b> <small class="muted">(50)</small>' in html  # lower-is-better MOF-65-02
    assert "ยิ่งน้อยยิ่งดี" in html


def test_the_page_is_available_in_english(client_as: Callable[[str], Client], round12: Round, report: Report) -> None:
    _report_all(round12, report)
    client = client_as("mof_coordinator")
    client.cookies["django_language"] = "en"
    html = client.get(URL).content.decode()
    assert "Result 101 lies between the standard target (100) and the advanced target (102)" in html


def test_a_coordinator_cannot_see_another_organisations_unpublished_scorecard(
    client_as: Callable[[str], Client],
) -> None:
    assert client_as("cdd_coordinator").get(URL).status_code == 403


def test_opdc_sees_every_scorecard(client_as: Callable[[str], Client]) -> None:
    assert client_as("opdc_desk").get(URL).status_code == 200


def test_the_public_is_sent_to_log_in_for_an_unpublished_scorecard(client: Client, db: None) -> None:
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_public_is_sent_to_the_published_snapshot_of_a_scorecard(client: Client, fy2565: Framework) -> None:
    fy2565.published_at = timezone.now()
    fy2565.save()
    for url in (URL, URL + "scorecard.xlsx", URL + "simulate/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/public/2565/agencies/"), url


def test_a_monitoring_only_year_shows_no_band(client_as: Callable[[str], Client], report: Report) -> None:
    fy2564 = Framework.objects.get(fiscal_year__year=2564, group="agencies")
    report("CDD-64-01", fy2564.rounds.get(months=12), "5", org="CDD")
    html = client_as("cdd_coordinator").get("/scorecards/CDD/2564/12/").content.decode()
    assert 'data-testid="total">20.00<' in html
    assert 'data-testid="band">–<' in html
    assert "ไม่จัดระดับ" in html
    assert "ระดับต้องปรับปรุง" not in html


def test_a_scorecard_breaking_the_rules_lists_the_problems_instead_of_a_total(
    client_as: Callable[[str], Client], fy2565: Framework, mof: Organisation, round12: Round, report: Report
) -> None:
    _report_all(round12, report)
    KpiVersion.objects.filter(kpi__organisation__code="MOF", kpi__code="MOF-65-01").update(weight=Decimal(25))
    rescore(fy2565, organisations=[mof])  # what approving such a version does
    response = client_as("mof_coordinator").get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="problems"' in html and 'data-testid="total"' not in html
    assert "รวมกันได้ 75 แต่ต้องเท่ากับน้ำหนักขององค์ประกอบ (70)" in html


def test_a_weight_changed_behind_the_scorers_back_says_scores_are_being_recomputed(
    client_as: Callable[[str], Client], round12: Round, report: Report
) -> None:
    _report_all(round12, report)
    # A write that skipped rescoring (none should): the stored scores no longer match the card.
    KpiVersion.objects.filter(kpi__organisation__code="MOF", kpi__code="MOF-65-01").update(weight=Decimal(25))
    html = client_as("mof_coordinator").get(URL).content.decode()
    assert 'data-testid="recomputing"' in html and "คะแนนกำลังคำนวณใหม่" in html
    assert 'data-testid="total"' not in html and "78.13" not in html


def test_a_stored_score_that_is_missing_is_never_computed_by_the_page(
    client_as: Callable[[str], Client], round12: Round, report: Report
) -> None:
    _report_all(round12, report)
    OrganisationScore.objects.filter(organisation__code="MOF", round=round12).delete()
    client = client_as("mof_coordinator")
    html = client.get(URL).content.decode()
    assert 'data-testid="recomputing"' in html and 'data-testid="total"' not in html
    client.cookies["django_language"] = "en"
    assert "Scores are being recomputed" in client.get(URL).content.decode()


def test_the_internal_scorecard_shows_the_stored_total_not_a_live_recomputation(
    client_as: Callable[[str], Client], round12: Round, report: Report
) -> None:
    _report_all(round12, report)
    OrganisationScore.objects.filter(organisation__code="MOF", round=round12).update(
        total=Decimal("91.23"), band="ระดับคุณภาพ"
    )
    Result.objects.filter(kpi__code="MOF-65-03", round=round12).update(points=Decimal("12.3456"))
    html = client_as("mof_coordinator").get(URL).content.decode()
    assert 'data-testid="total">91.23<' in html and "ระดับคุณภาพ" in html
    assert "12.3456" in html and "87.5000" not in html
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("scores", "verify", "--year", "2565", "--group", "agencies", stdout=out, stderr=out)
    report_text = out.getvalue()
    assert "MOF 12 เดือน total total: stored Decimal('91.2300') ≠ expected Decimal('78.13')" in report_text
    assert "MOF-65-03 points: stored Decimal('12.3456') ≠ expected Decimal('87.5000')" in report_text


def test_a_scorecard_with_no_verified_result_says_there_is_no_total_yet(
    client_as: Callable[[str], Client], round12: Round, report: Report
) -> None:
    report("MOF-65-01", round12, "5", state=ResultState.SUBMITTED)
    html = client_as("mof_coordinator").get(URL).content.decode()
    assert 'data-testid="unscored"' in html and 'data-testid="total"' not in html
    assert 'data-testid="recomputing"' not in html


def test_an_unknown_organisation_year_or_round_is_a_404(client_as: Callable[[str], Client]) -> None:
    client = client_as("opdc_desk")
    assert client.get("/scorecards/NOPE/2565/12/").status_code == 404
    assert client.get("/scorecards/MOF/2599/12/").status_code == 404
    assert client.get("/scorecards/MOF/2565/9/").status_code == 404


def test_the_index_lists_only_what_the_viewer_may_see(client_as: Callable[[str], Client]) -> None:
    own = client_as("mof_coordinator").get("/scorecards/").content.decode()
    assert "/scorecards/MOF/2565/12/" in own
    assert "/scorecards/MFA/2565/12/" not in own
    everything = client_as("opdc_desk").get("/scorecards/", {"year": 2565, "group": "agencies"}).content.decode()
    assert "/scorecards/MOF/2565/12/" in everything and "/scorecards/MFA/2565/12/" in everything


def test_the_index_shows_stored_totals(
    client_as: Callable[[str], Client], fy2565: Framework, round12: Round, report: Report
) -> None:
    _report_all(round12, report)
    rescore(fy2565)
    html = client_as("mof_coordinator").get("/scorecards/", {"organisation": "mof"}).content.decode()
    assert "78.13" in html and "ระดับมาตรฐาน" in html


def test_a_result_amended_on_appeal_is_marked(
    client_as: Callable[[str], Client], round12: Round, report: Report
) -> None:
    result = report("MOF-65-01", round12, "5")
    assert 'data-testid="amended"' not in client_as("mof_coordinator").get(URL).content.decode()
    Result.objects.filter(pk=result.pk).update(is_amended=True)
    assert 'data-testid="amended"' in client_as("mof_coordinator").get(URL).content.decode()
