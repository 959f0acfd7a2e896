"""Rescoring stores each result's points and explanation and each organisation's total and band."""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from govkpi.core.errors import NotAllowed
from govkpi.frameworks.models import Framework, Round
from govkpi.kpis.models import KpiVersion
from govkpi.organisations.models import Organisation
from govkpi.results.models import OrganisationScore, Result
from govkpi.scorecards.services import rescore, rescore_report

Report = Callable[..., Result]


@pytest.fixture
def report(report: Report) -> Report:
    """Results written without rescoring: these tests rescore themselves."""
    return functools.partial(report, rescored=False)


def _full_mof_card(round_: Round, report: Report) -> None:
    report("MOF-65-01", round_, "5")  # 100 × 20
    report("MOF-65-02", round_, "65")  # lower is better, on standard: 75 × 20
    report("MOF-65-03", round_, "101")  # between standard and advanced: 87.5 × 15
    report("MOF-65-04", round_, "92")  # 100 × 15
    report("MOF-65-05", round_, "4")  # 75 × 15
    report("MOF-65-06", round_, "400", verified="300")  # verified down to basic: 50 × 15
    report("MOF-65-07", round_, "60")  # monitor, below basic: 0, not counted


def test_rescoring_stores_each_results_points_weighted_score_and_explanation(
    fy2565: Framework, mof: Organisation, round12: Round, report: Report
) -> None:
    _full_mof_card(round12, report)
    assert rescore(fy2565, organisations=[mof], round=round12) == 1
    result = Result.objects.get(kpi__code="MOF-65-03", round=round12)
    assert result.points == Decimal("87.5")
    assert result.weighted == Decimal("13.125")
    assert "อยู่ระหว่าง" in result.explanation["th"]
    assert "lies between" in result.explanation["en"]
    assert result.explanation["steps"][0]["kind"] == "between"
    monitor = Result.objects.get(kpi__code="MOF-65-07", round=round12)
    assert monitor.points == 0 and monitor.weighted == 0
    assert "Monitor" in monitor.explanation["th"]


def test_rescoring_stores_the_organisations_published_total_band_and_components(
    fy2565: Framework, mof: Organisation, round12: Round, report: Report
) -> None:
    _full_mof_card(round12, report)
    rescore(fy2565, organisations=[mof], round=round12)
    score = OrganisationScore.objects.get(organisation=mof, round=round12)
    # 20 + 15 + 13.125 + 15 + 11.25 + 7.5 = 81.875 → published 81.88
    assert score.total == Decimal("81.88")
    assert score.band == "ระดับมาตรฐาน"
    assert score.framework == fy2565
    assert score.components == [
        {"code": "performance", "weight": 70, "score": 63.125},
        {"code": "potential", "weight": 30, "score": 18.75},
    ]


def test_rescoring_again_changes_nothing(fy2565: Framework, round12: Round, report: Report) -> None:
    _full_mof_card(round12, report)
    first = rescore_report(fy2565)
    assert first.scored == 1 and first.results_updated == 7
    history = Result.history.count()  # type: ignore[attr-defined]
    second = rescore_report(fy2565)
    assert second.scored == 1 and second.results_updated == 0
    assert Result.history.count() == history  # type: ignore[attr-defined]


def test_a_verification_then_a_rescore_moves_the_total(
    fy2565: Framework, mof: Organisation, round12: Round, report: Report
) -> None:
    _full_mof_card(round12, report)
    rescore(fy2565, organisations=[mof])
    report("MOF-65-06", round12, "400", verified="400")
    rescore(fy2565, organisations=[mof])
    assert OrganisationScore.objects.get(organisation=mof, round=round12).total == Decimal("89.38")


def test_organisations_with_no_result_in_a_round_get_no_score(fy2565: Framework, round12: Round) -> None:
    assert rescore(fy2565) == 0
    assert not OrganisationScore.objects.filter(framework=fy2565).exists()


def test_a_missing_result_scores_zero_and_says_so(
    fy2565: Framework, mof: Organisation, round12: Round, report: Report
) -> None:
    report("MOF-65-01", round12, "5")
    report("MOF-65-02", round12, None)  # a result row with no value yet
    rescore(fy2565, organisations=[mof])
    empty = Result.objects.get(kpi__code="MOF-65-02", round=round12)
    assert empty.points == 0 and empty.explanation["steps"][0]["kind"] == "missing_result"
    assert OrganisationScore.objects.get(organisation=mof, round=round12).total == Decimal("20.00")


def test_a_monitoring_only_year_is_stored_without_a_band(db: None, report: Report) -> None:
    fy2564 = Framework.objects.get(fiscal_year__year=2564, group="agencies")
    round12 = fy2564.rounds.get(months=12)
    report("CDD-64-01", round12, "5", org="CDD")
    assert rescore(fy2564) == 1
    score = OrganisationScore.objects.get(organisation__code="CDD", round=round12)
    assert score.total == Decimal("20.00") and score.band == ""


def test_a_scorecard_breaking_the_rules_is_not_scored_and_says_why(
    fy2565: Framework, mof: Organisation, round12: Round, report: Report
) -> None:
    _full_mof_card(round12, report)
    rescore(fy2565, organisations=[mof])
    KpiVersion.objects.filter(kpi__organisation=mof, kpi__code="MOF-65-01").update(weight=Decimal(25))
    outcome = rescore_report(fy2565, organisations=[mof])
    assert outcome.scored == 0
    [(card, problems)] = outcome.invalid
    assert card.organisation == mof and [p.rule for p in problems] == ["component_weight_sum"]
    result = Result.objects.get(kpi__code="MOF-65-01", round=round12)
    assert result.points is None
    assert result.explanation["problems"][0]["rule"] == "component_weight_sum"
    assert not OrganisationScore.objects.filter(organisation=mof, round=round12).exists()


def test_a_whole_year_is_rescored_in_a_fixed_number_of_queries(
    fy2565: Framework, round12: Round, report: Report, django_assert_max_num_queries: object
) -> None:
    for org in ("MOF", "MFA", "MOC"):
        report(f"{org}-65-01", round12, "4", org=org)
    with django_assert_max_num_queries(25):  # type: ignore[operator]
        assert rescore(fy2565) == 3


def test_opdc_may_rescore_any_organisation(
    fy2565: Framework, round12: Round, report: Report, user_of: Callable[[str], object]
) -> None:
    report("MOF-65-01", round12, "4")
    assert rescore(fy2565, by=user_of("opdc_desk")) == 1  # type: ignore[arg-type]


def test_only_opdc_may_rescore_even_a_coordinators_own_organisation(
    fy2565: Framework, mof: Organisation, round12: Round, report: Report, user_of: Callable[[str], object]
) -> None:
    report("MOF-65-01", round12, "4")
    with pytest.raises(NotAllowed):
        rescore(fy2565, organisations=[mof], by=user_of("mof_coordinator"))  # type: ignore[arg-type]
    with pytest.raises(NotAllowed):
        rescore(fy2565, by=user_of("committee_secretary"))  # type: ignore[arg-type]
    assert rescore(fy2565, organisations=[mof], by=user_of("opdc_desk")) == 1  # type: ignore[arg-type]


def test_the_rescore_command_scores_one_organisation(
    fy2565: Framework, round12: Round, report: Report, capsys: pytest.CaptureFixture[str]
) -> None:
    _full_mof_card(round12, report)
    report("MFA-65-01", round12, "4", org="MFA")
    call_command("rescore", "--year", "2565", "--group", "agencies", "--org", "MOF")
    assert "1 organisation score(s)" in capsys.readouterr().out
    assert OrganisationScore.objects.filter(framework=fy2565).count() == 1


def test_the_rescore_command_fails_clearly_on_an_unknown_year_or_organisation(db: None) -> None:
    with pytest.raises(CommandError, match="no such framework"):
        call_command("rescore", "--year", "2599", "--group", "agencies")
    with pytest.raises(CommandError, match="unknown organisation: NOPE"):
        call_command("rescore", "--year", "2565", "--group", "agencies", "--org", "NOPE")


def test_a_new_target_that_leaves_the_points_alone_still_rewrites_the_explanation(
    fy2565: Framework, mof: Organisation, round12: Round, report: Report
) -> None:
    _full_mof_card(round12, report)
    rescore(fy2565, organisations=[mof])
    before = Result.objects.get(kpi__code="MOF-65-04", round=round12)
    assert before.points == 100
    kpi = before.kpi
    definition = kpi.versions.order_by("-number").first() or kpi
    targets = list(definition.targets)
    # Lower the top target a little: 92 still reaches it, so the points stay 100 but the sentence changes.
    targets[-1] = str(Decimal(str(targets[-1])) - Decimal("0.5"))
    definition.targets = targets
    definition.save()
    rescore(fy2565, organisations=[mof])
    after = Result.objects.get(pk=before.pk)
    assert after.points == 100
    assert after.explanation["steps"] != before.explanation["steps"]
    assert after.explanation["th"] != before.explanation["th"]
