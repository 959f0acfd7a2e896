"""The engine's input built from stored frameworks, KPIs, versions and results."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from govkpi import scoring
from govkpi.frameworks.models import Framework, Round
from govkpi.kpis.models import Kpi, KpiVersion
from govkpi.organisations.models import Organisation
from govkpi.results.models import Result
from govkpi.scorecards.build import build_scorecard, build_scorecards, scorecard_input, to_decimal

Report = Callable[..., Result]


def test_the_scorecard_holds_every_kpi_of_the_organisation_with_its_framework(
    fy2565: Framework, mof: Organisation, round12: Round
) -> None:
    scorecard = scorecard_input(fy2565, mof, round12)
    assert [k.code for k in scorecard.kpis] == [
        "MOF-65-01",
        "MOF-65-02",
        "MOF-65-03",
        "MOF-65-04",
        "MOF-65-07",
        "MOF-65-05",
        "MOF-65-06",
    ]
    assert [c.code for c in scorecard.framework.components] == ["performance", "potential"]
    assert [level.points for level in scorecard.framework.target_levels] == [50, 75, 100]
    assert scorecard.kpi("MOF-65-02").direction == "lower_is_better"  # type: ignore[union-attr]
    assert scorecard.kpi("MOF-65-02").targets == (Decimal(70), Decimal(65), Decimal(62))  # type: ignore[union-attr]
    assert scoring.validate(scorecard) == []


def test_a_kpi_without_a_result_is_missing_and_scores_zero(
    fy2565: Framework, mof: Organisation, round12: Round
) -> None:
    result = scoring.score(scorecard_input(fy2565, mof, round12))
    assert result.total == 0
    assert all(k.missing for k in result.kpis)
    assert result.band == "ระดับต้องปรับปรุง"


def test_the_verified_value_is_scored_rather_than_the_reported_one(
    fy2565: Framework, mof: Organisation, round12: Round, report: Report
) -> None:
    report("MOF-65-01", round12, "3", verified="5")
    report("MOF-65-03", round12, "100")
    scorecard = scorecard_input(fy2565, mof, round12)
    assert scorecard.kpi("MOF-65-01").result == Decimal(5)  # type: ignore[union-attr]
    assert scorecard.kpi("MOF-65-03").result == Decimal(100)  # type: ignore[union-attr]
    result = scoring.score(scorecard)
    # 100 points × 20% + 75 points × 15%
    assert result.total == Decimal("31.25")


def test_results_of_another_round_are_not_scored(
    fy2565: Framework, mof: Organisation, round6: Round, round12: Round, report: Report
) -> None:
    report("MOF-65-01", round6, "5")
    assert scorecard_input(fy2565, mof, round12).kpi("MOF-65-01").result is None  # type: ignore[union-attr]
    assert scorecard_input(fy2565, mof, round6).kpi("MOF-65-01").result == Decimal(5)  # type: ignore[union-attr]


def test_the_monitor_kpi_is_shown_but_not_counted(
    fy2565: Framework, mof: Organisation, round12: Round, report: Report
) -> None:
    report("MOF-65-07", round12, "85")
    result = scoring.score(scorecard_input(fy2565, mof, round12))
    monitor = result.kpi("MOF-65-07")
    assert monitor is not None and monitor.points == 100 and not monitor.counted
    assert result.total == 0


def test_the_version_in_force_for_the_round_defines_the_targets(
    fy2565: Framework, mof: Organisation, round6: Round, round12: Round, report: Report
) -> None:
    kpi = Kpi.objects.get(framework=fy2565, organisation=mof, code="MOF-65-01")
    first = kpi.versions.get()
    KpiVersion.objects.create(
        kpi=kpi,
        number=2,
        effective_from=round12,
        **{f: getattr(first, f) for f in ("name_th", "direction", "measure", "component", "weight", "is_monitor")},
        targets=["4", "5", "6"],
    )
    report("MOF-65-01", round6, "5")
    report("MOF-65-01", round12, "5")
    assert scorecard_input(fy2565, mof, round6).kpi("MOF-65-01").targets == (3, 4, 5)  # type: ignore[union-attr]
    card = build_scorecard(fy2565, mof, round12)
    assert card.line("MOF-65-01").version.number == 2  # type: ignore[union-attr]
    assert card.scorecard.kpi("MOF-65-01").targets == (4, 5, 6)  # type: ignore[union-attr]


def test_a_kpi_never_frozen_is_scored_from_its_working_copy(
    fy2565: Framework, mof: Organisation, round12: Round
) -> None:
    kpi = Kpi.objects.get(framework=fy2565, organisation=mof, code="MOF-65-04")
    kpi.versions.all().delete()
    kpi.targets = ["1", "2", "3"]
    kpi.save()
    card = build_scorecard(fy2565, mof, round12)
    assert card.line("MOF-65-04").version is None  # type: ignore[union-attr]
    assert card.scorecard.kpi("MOF-65-04").targets == (1, 2, 3)  # type: ignore[union-attr]


def test_a_kpi_added_from_a_later_round_is_not_in_force_before_it(
    fy2565: Framework, mof: Organisation, round6: Round, round12: Round
) -> None:
    KpiVersion.objects.filter(kpi__organisation=mof, kpi__code="MOF-65-06").update(effective_from=round12)
    assert scorecard_input(fy2565, mof, round6).kpi("MOF-65-06") is None
    assert scorecard_input(fy2565, mof, round12).kpi("MOF-65-06") is not None


def test_a_removed_kpi_is_left_out(fy2565: Framework, mof: Organisation, round12: Round) -> None:
    Kpi.objects.filter(organisation=mof, code="MOF-65-06").update(is_removed=True)
    assert scorecard_input(fy2565, mof, round12).kpi("MOF-65-06") is None


def test_a_monitoring_only_year_gives_no_band(db: None) -> None:
    fy2564 = Framework.objects.get(fiscal_year__year=2564, group="agencies")
    card = build_scorecards(fy2564)[0]
    assert card.organisation.code == "CDD"
    result = scoring.score(card.scorecard)
    assert result.monitoring_only and result.band is None


def test_unreadable_stored_targets_are_reported_not_crashed_on(
    fy2565: Framework, mof: Organisation, round12: Round
) -> None:
    KpiVersion.objects.filter(kpi__organisation=mof, kpi__code="MOF-65-03").update(targets=["95", "abc", None])
    problems = scoring.validate(scorecard_input(fy2565, mof, round12))
    assert {p.rule for p in problems} == {"kpi_target_invalid"}
    assert all(p.kpi == "MOF-65-03" for p in problems)


def test_stored_numbers_are_read_exactly() -> None:
    assert to_decimal("1,500.25") == Decimal("1500.25")
    assert to_decimal(0.1) == Decimal("0.1")
    assert to_decimal("x").is_nan()


def test_a_whole_year_is_built_in_a_fixed_number_of_queries(
    fy2565: Framework, django_assert_max_num_queries: object
) -> None:
    with django_assert_max_num_queries(10):  # type: ignore[operator]
        cards = build_scorecards(fy2565)
    assert len(cards) == 37 * 2
