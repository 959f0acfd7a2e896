"""Scoring whole scorecards: weighted contributions, component scores, totals and bands."""

from dataclasses import replace
from decimal import Decimal as D

import pytest

from govkpi.scoring import (
    DEFAULT_FRAMEWORK,
    KpiInput,
    Scorecard,
    ScorecardInvalid,
    score,
    score_kpi,
)
from govkpi.scoring.models import Direction


def kpi(
    code: str,
    component: str,
    weight: str,
    targets: tuple[str, ...],
    result: str | None,
    direction: Direction = "higher_is_better",
    monitor: bool = False,
) -> KpiInput:
    return KpiInput(
        code=code,
        component=component,
        weight=D(weight),
        targets=tuple(D(t) for t in targets),
        result=None if result is None else D(result),
        direction=direction,
        monitor=monitor,
    )


def on_standard(code: str, component: str, weight: str) -> KpiInput:
    """A KPI that lands exactly on its standard target: 75 points."""
    return kpi(code, component, weight, ("1", "2", "3"), "2")


def standard_scorecard(*, k1_result: str | None = "2") -> Scorecard:
    return Scorecard(
        DEFAULT_FRAMEWORK,
        (
            kpi("K1", "performance", "20", ("0", "100", "200"), k1_result),
            on_standard("K2", "performance", "25"),
            on_standard("K3", "performance", "25"),
            on_standard("K4", "potential", "15"),
            on_standard("K5", "potential", "15"),
        ),
    )


def community_development_2564() -> Scorecard:
    """Seed 004: กรมการพัฒนาชุมชน FY2564, five KPIs, a monitoring-only (COVID-19) year.

    The weights are the seed's; targets and results are illustrative."""
    return Scorecard(
        replace(DEFAULT_FRAMEWORK, monitoring_only=True),
        (
            # ระดับความสำเร็จของการส่งเสริมผลิตภัณฑ์ OTOP ในตลาดออนไลน์ (milestone steps)
            kpi("CDD-1", "performance", "20", ("3", "4", "5"), "5"),
            # ร้อยละหมู่บ้านที่ได้รับการพัฒนาตามหลักปรัชญาของเศรษฐกิจพอเพียงมีความสุขมวลรวมเพิ่มขึ้น
            kpi("CDD-2", "performance", "25", ("80", "85", "90"), "86"),
            # จำนวนกองทุนชุมชนเข้มแข็งที่สามารถยกระดับได้
            kpi("CDD-3", "performance", "25", ("2000", "2200", "2400"), "2100"),
            # การพัฒนาระบบลงทะเบียนผู้ผลิตประกอบการ OTOP (milestone steps)
            kpi("CDD-4", "potential", "15", ("3", "4", "5"), "4"),
            # การประเมินสถานะของหน่วยงานในการเป็นระบบราชการ 4.0 (PMQA)
            kpi("CDD-5", "potential", "15", ("300", "350", "400"), "410"),
        ),
    )


def test_community_development_2564_is_scored_but_never_banded() -> None:
    result = score(community_development_2564())
    assert [k.points for k in result.kpis] == [D(100), D(80), D("62.5"), D(75), D(100)]
    assert [k.weighted for k in result.kpis] == [D(20), D(20), D("15.625"), D("11.25"), D(15)]
    assert [(c.code, c.score) for c in result.components] == [
        ("performance", D("55.625")),
        ("potential", D("26.25")),
    ]
    assert result.total == D("81.875")
    assert result.published_total == D("81.88")
    assert result.monitoring_only is True
    assert result.band is None


def test_the_same_scorecard_in_a_banded_year_gets_its_band() -> None:
    scorecard = replace(community_development_2564(), framework=DEFAULT_FRAMEWORK)
    assert score(scorecard).band == "ระดับมาตรฐาน"


def test_a_kpi_contributes_points_times_weight_over_100() -> None:
    result = score(standard_scorecard(k1_result="150"))  # 87.5 points
    k1 = result.kpis[0]
    assert (k1.points, k1.weighted, k1.counted, k1.missing) == (D("87.5"), D("17.5"), True, False)


def test_the_total_is_the_sum_of_the_component_scores() -> None:
    result = score(standard_scorecard(k1_result="200"))  # 100 points on 20%, the rest 75
    assert [c.score for c in result.components] == [D("57.5"), D("22.5")]
    assert result.total == D(80)
    assert result.band == "ระดับมาตรฐาน"


def test_a_total_of_74_995_is_banded_as_75_00() -> None:
    result = score(standard_scorecard(k1_result="99.9"))  # 74.975 points on 20%
    assert result.total == D("74.995")
    assert result.published_total == D("75.00")
    assert result.band == "ระดับมาตรฐาน"


def test_a_total_of_74_9945_is_banded_below_standard() -> None:
    result = score(standard_scorecard(k1_result="99.89"))
    assert result.total == D("74.9945")
    assert result.band == "ระดับต้องปรับปรุง"


def test_a_scored_kpi_without_a_result_scores_zero_and_is_flagged_missing() -> None:
    result = score(standard_scorecard(k1_result=None))
    k1 = result.kpis[0]
    assert (k1.points, k1.weighted, k1.counted, k1.missing) == (D(0), D(0), True, True)
    assert result.total == D(60)


def test_a_monitor_kpi_is_scored_and_explained_but_not_counted() -> None:
    monitor = kpi("M1", "performance", "0", ("1", "2", "3"), "3", monitor=True)
    scorecard = replace(standard_scorecard(), kpis=(*standard_scorecard().kpis, monitor))
    result = score(scorecard)
    m1 = result.kpis[-1]
    assert (m1.points, m1.weighted, m1.counted) == (D(100), D(0), False)
    assert result.total == score(standard_scorecard()).total


def test_a_monitor_kpi_may_carry_a_weight_that_is_still_not_counted() -> None:
    monitor = kpi("M1", "potential", "10", ("1", "2", "3"), "3", monitor=True)
    result = score(replace(standard_scorecard(), kpis=(*standard_scorecard().kpis, monitor)))
    assert result.kpis[-1].weighted == D(0)
    assert result.components[1].score == D("22.5")


def test_score_refuses_an_invalid_scorecard_with_every_problem() -> None:
    broken = replace(standard_scorecard(), kpis=standard_scorecard().kpis[:2])
    with pytest.raises(ScorecardInvalid) as caught:
        score(broken)
    rules = {p.rule for p in caught.value.problems}
    assert rules == {"component_kpi_count", "component_weight_sum"}


def test_score_kpi_scores_a_single_kpi_without_its_neighbours() -> None:
    single = score_kpi(kpi("K1", "performance", "20", ("80", "85", "90"), "87.5"), DEFAULT_FRAMEWORK)
    assert (single.points, single.weighted) == (D("87.5"), D("17.5"))


def test_score_kpi_still_refuses_a_kpi_that_breaks_its_own_rules() -> None:
    with pytest.raises(ScorecardInvalid) as caught:
        score_kpi(kpi("K1", "performance", "20", ("90", "85", "80"), "87.5"), DEFAULT_FRAMEWORK)
    assert [p.rule for p in caught.value.problems] == ["kpi_targets_order"]


def test_a_lower_is_better_kpi_counts_like_any_other() -> None:
    scorecard = replace(
        standard_scorecard(),
        kpis=(
            kpi("K1", "performance", "20", ("20", "15", "10"), "12", "lower_is_better"),
            *standard_scorecard().kpis[1:],
        ),
    )
    assert score(scorecard).kpis[0].weighted == D(18)


def test_integers_are_accepted_where_decimals_are_expected() -> None:
    single = KpiInput(code="K1", component="performance", weight=20, targets=(80, 85, 90), result=90)  # type: ignore[arg-type]
    assert score_kpi(single, DEFAULT_FRAMEWORK).weighted == D(20)
