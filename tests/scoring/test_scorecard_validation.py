"""Validation reports every broken rule at once, each with its rule, KPI or component, path,
and a Thai and an English message."""

from dataclasses import replace
from decimal import Decimal as D

from govkpi.scoring import (
    DEFAULT_FRAMEWORK,
    Band,
    ComponentRule,
    KpiInput,
    Problem,
    Scorecard,
    TargetLevel,
    validate,
    validate_framework,
)


def kpi(code: str = "K1", component: str = "performance", weight: str = "20", **changes: object) -> KpiInput:
    base = KpiInput(
        code=code,
        component=component,
        weight=D(weight),
        targets=(D(80), D(85), D(90)),
        result=D(85),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def valid_kpis() -> tuple[KpiInput, ...]:
    return (
        kpi("K1", "performance", "20"),
        kpi("K2", "performance", "25"),
        kpi("K3", "performance", "25"),
        kpi("K4", "potential", "15"),
        kpi("K5", "potential", "15"),
    )


def problems_with(*kpis: KpiInput, **framework_changes: object) -> list[Problem]:
    framework = replace(DEFAULT_FRAMEWORK, **framework_changes)  # type: ignore[arg-type]
    return validate(Scorecard(framework, kpis or valid_kpis()))


def with_kpi(index: int, **changes: object) -> list[Problem]:
    kpis = list(valid_kpis())
    kpis[index] = replace(kpis[index], **changes)  # type: ignore[arg-type]
    return validate(Scorecard(DEFAULT_FRAMEWORK, tuple(kpis)))


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    return problems[0]


def test_a_valid_scorecard_has_no_problems() -> None:
    assert problems_with() == []


def test_every_problem_has_a_thai_and_an_english_message() -> None:
    problems = problems_with(kpi("K1", weight="-5"), kpi("K1", component="nowhere"))
    assert problems
    for problem in problems:
        assert problem.message_th and problem.message_en
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in problem.message_th)


def test_all_problems_are_returned_together_not_just_the_first() -> None:
    problems = problems_with(kpi("K1", weight="0"), kpi("K1", targets=(D(1),)), kpi("K3", component="x"))
    rules = [p.rule for p in problems]
    for rule in ("kpi_weight_not_positive", "kpi_targets_count", "kpi_code_duplicate", "kpi_component_unknown"):
        assert rule in rules


def test_component_weights_must_be_positive() -> None:
    framework_components = (ComponentRule("performance", D(100), 3, 5), ComponentRule("potential", D(0), 2, 2))
    problems = validate_framework(replace(DEFAULT_FRAMEWORK, components=framework_components))
    problem = only([p for p in problems if p.rule == "component_weight_not_positive"])
    assert (problem.component, problem.field) == ("potential", "framework.components[1].weight")


def test_component_weights_must_add_up_to_100() -> None:
    components = (ComponentRule("performance", D(70), 3, 5), ComponentRule("potential", D(20), 2, 2))
    problem = only(validate_framework(replace(DEFAULT_FRAMEWORK, components=components)))
    assert problem.rule == "component_weights_total"
    assert "90" in problem.message_en


def test_a_components_scored_kpi_weights_must_sum_to_its_weight() -> None:
    problem = only(with_kpi(0, weight=D(19)))
    assert (problem.rule, problem.component, problem.field) == (
        "component_weight_sum",
        "performance",
        "framework.components[0]",
    )
    assert "69" in problem.message_th and "70" in problem.message_th


def test_monitor_kpis_do_not_count_towards_the_weight_sum() -> None:
    monitor = kpi("M1", weight="10", monitor=True)
    assert problems_with(*valid_kpis(), monitor) == []


def test_a_component_needs_between_its_minimum_and_maximum_scored_kpis() -> None:
    problems = problems_with(*valid_kpis()[:3], kpi("K4", "potential", "30"))
    problem = only([p for p in problems if p.rule == "component_kpi_count"])
    assert problem.component == "potential"
    assert "1" in problem.message_en and "2" in problem.message_en


def test_too_many_scored_kpis_in_a_component_is_a_problem() -> None:
    six = tuple(kpi(f"K{i}", "performance", w) for i, w in enumerate(["10", "10", "10", "10", "10", "20"]))
    problems = problems_with(*six, kpi("P1", "potential", "15"), kpi("P2", "potential", "15"))
    assert [p.rule for p in problems] == ["component_kpi_count"]


def test_monitor_kpis_are_not_counted_against_the_maximum() -> None:
    monitors = tuple(kpi(f"M{i}", weight="0", monitor=True) for i in range(4))
    assert problems_with(*valid_kpis(), *monitors) == []


def test_a_kpi_needs_exactly_one_target_per_ladder_level() -> None:
    problem = only(with_kpi(1, targets=(D(80), D(90))))
    assert (problem.rule, problem.kpi, problem.field) == ("kpi_targets_count", "K2", "kpis[1].targets")


def test_higher_is_better_targets_must_strictly_increase() -> None:
    problem = only(with_kpi(0, targets=(D(80), D(80), D(90))))
    assert (problem.rule, problem.kpi) == ("kpi_targets_order", "K1")
    assert "ยิ่งมากยิ่งดี" in problem.message_th


def test_lower_is_better_targets_must_strictly_decrease() -> None:
    problem = only(with_kpi(0, direction="lower_is_better"))
    assert problem.rule == "kpi_targets_order"
    assert "decrease" in problem.message_en


def test_descending_targets_are_fine_for_a_lower_is_better_kpi() -> None:
    assert with_kpi(0, direction="lower_is_better", targets=(D(20), D(15), D(10))) == []


def test_a_kpi_must_name_a_known_component() -> None:
    problems = with_kpi(4, component="capacity")
    rules = {p.rule for p in problems}
    assert "kpi_component_unknown" in rules
    unknown = next(p for p in problems if p.rule == "kpi_component_unknown")
    assert (unknown.kpi, unknown.field) == ("K5", "kpis[4].component")


def test_a_scored_kpi_weight_must_be_positive() -> None:
    problems = with_kpi(0, weight=D(0))
    assert "kpi_weight_not_positive" in {p.rule for p in problems}


def test_a_monitor_kpi_may_weigh_zero_but_not_less() -> None:
    assert problems_with(*valid_kpis(), kpi("M1", weight="0", monitor=True)) == []
    problem = only(problems_with(*valid_kpis(), kpi("M1", weight="-1", monitor=True)))
    assert (problem.rule, problem.kpi) == ("kpi_weight_not_positive", "M1")


def test_a_result_must_be_numeric_or_null() -> None:
    assert with_kpi(0, result=None) == []
    problem = only(with_kpi(0, result=D("NaN")))
    assert (problem.rule, problem.field) == ("kpi_result_invalid", "kpis[0].result")
    assert only(with_kpi(0, result=1.5)).rule == "kpi_result_invalid"  # floats are not Decimals


def test_a_non_numeric_target_is_named_by_its_position() -> None:
    problem = only(with_kpi(2, targets=(D(80), D("Infinity"), D(90))))
    assert (problem.rule, problem.field) == ("kpi_target_invalid", "kpis[2].targets[1]")


def test_a_non_numeric_weight_is_a_problem() -> None:
    problem = only(with_kpi(2, weight=True))
    assert (problem.rule, problem.field) == ("kpi_weight_invalid", "kpis[2].weight")


def test_direction_must_be_one_of_the_two() -> None:
    problem = only(with_kpi(0, direction="sideways"))
    assert (problem.rule, problem.kpi) == ("kpi_direction_invalid", "K1")


def test_kpi_codes_must_be_unique() -> None:
    kpis = list(valid_kpis())
    kpis[3] = replace(kpis[3], code="K1")
    problem = only(validate(Scorecard(DEFAULT_FRAMEWORK, tuple(kpis))))
    assert (problem.rule, problem.kpi, problem.field) == ("kpi_code_duplicate", "K1", "kpis[3].code")


def test_a_kpi_needs_a_code() -> None:
    problem = only(with_kpi(0, code=""))
    assert (problem.rule, problem.field) == ("kpi_code_invalid", "kpis[0].code")


def test_band_minimums_must_be_unique() -> None:
    bands = (Band("ระดับคุณภาพ", D(90)), Band("ระดับมาตรฐาน", D(90)), Band("ระดับต้องปรับปรุง", D(0)))
    problem = only(validate_framework(replace(DEFAULT_FRAMEWORK, bands=bands)))
    assert (problem.rule, problem.field) == ("band_min_duplicate", "framework.bands[1].min_score")


def test_band_names_must_be_unique() -> None:
    bands = (Band("ระดับคุณภาพ", D(90)), Band("ระดับคุณภาพ", D(0)))
    assert only(validate_framework(replace(DEFAULT_FRAMEWORK, bands=bands))).rule == "band_name_duplicate"


def test_a_banded_framework_needs_bands_but_a_monitoring_only_one_does_not() -> None:
    assert only(validate_framework(replace(DEFAULT_FRAMEWORK, bands=()))).rule == "bands_missing"
    assert validate_framework(replace(DEFAULT_FRAMEWORK, bands=(), monitoring_only=True)) == []


def test_ladder_points_must_strictly_increase() -> None:
    ladder = (TargetLevel("ขั้นต้น", D(50)), TargetLevel("มาตรฐาน", D(50)), TargetLevel("ขั้นสูง", D(100)))
    problem = only(validate_framework(replace(DEFAULT_FRAMEWORK, target_levels=ladder)))
    assert (problem.rule, problem.field) == ("level_points_order", "framework.target_levels[1].points")


def test_a_ladder_needs_at_least_one_level() -> None:
    assert only(validate_framework(replace(DEFAULT_FRAMEWORK, target_levels=()))).rule == "levels_missing"


def test_level_names_must_be_unique() -> None:
    ladder = (TargetLevel("ขั้นต้น", D(50)), TargetLevel("ขั้นต้น", D(100)))
    assert only(validate_framework(replace(DEFAULT_FRAMEWORK, target_levels=ladder))).rule == "level_name_duplicate"


def test_below_lowest_points_may_not_exceed_the_lowest_levels_points() -> None:
    problem = only(validate_framework(replace(DEFAULT_FRAMEWORK, below_lowest_points=D(60))))
    assert problem.rule == "below_lowest_points_too_high"


def test_component_codes_must_be_unique() -> None:
    components = (ComponentRule("performance", D(70), 3, 5), ComponentRule("performance", D(30), 2, 2))
    problem = only(validate_framework(replace(DEFAULT_FRAMEWORK, components=components)))
    assert (problem.rule, problem.component) == ("component_code_duplicate", "performance")


def test_a_components_kpi_range_must_make_sense() -> None:
    components = (ComponentRule("performance", D(70), 5, 3), ComponentRule("potential", D(30), 2, 2))
    assert only(validate_framework(replace(DEFAULT_FRAMEWORK, components=components))).rule == "component_kpi_range"


def test_the_default_framework_is_valid() -> None:
    assert validate_framework(DEFAULT_FRAMEWORK) == []


def test_a_problem_reads_as_path_owner_thai_and_english() -> None:
    problem = only(with_kpi(0, result=D("NaN")))
    text = str(problem)
    assert text.startswith("kpis[0].result (K1): ")
    assert problem.message_th in text and problem.message_en in text
    assert problem.as_dict()["rule"] == "kpi_result_invalid"


def test_a_component_is_named_by_its_name_not_its_code_when_the_framework_gives_one() -> None:
    named = tuple(
        replace(rule, name_th="ประสิทธิผล", name_en="Effectiveness") if rule.code == "performance" else rule
        for rule in DEFAULT_FRAMEWORK.components
    )
    framework = replace(DEFAULT_FRAMEWORK, components=named)
    problems = validate(Scorecard(framework=framework, kpis=valid_kpis()[1:]))
    [count] = [p for p in problems if p.rule == "component_kpi_count"]
    assert "องค์ประกอบ “ประสิทธิผล”" in count.message_th and "performance" not in count.message_th
    assert "“Effectiveness”" in count.message_en
