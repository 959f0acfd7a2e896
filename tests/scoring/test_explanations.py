"""Every score explains itself in Thai and English: where the result fell, the points, the weight."""

from decimal import Decimal as D

from govkpi.scoring import (
    DEFAULT_FRAMEWORK,
    BelowLowest,
    Between,
    BeyondTop,
    KpiInput,
    KpiScore,
    MissingResult,
    NotCounted,
    OnTarget,
    Weighted,
    score_kpi,
)
from govkpi.scoring.models import Direction


def scored(
    result: str | None,
    targets: tuple[str, ...] = ("80", "85", "90"),
    direction: Direction = "higher_is_better",
    monitor: bool = False,
    weight: str = "20",
) -> KpiScore:
    kpi = KpiInput(
        code="K1",
        component="performance",
        weight=D(weight),
        targets=tuple(D(t) for t in targets),
        result=None if result is None else D(result),
        direction=direction,
        monitor=monitor,
    )
    return score_kpi(kpi, DEFAULT_FRAMEWORK)


def test_an_interpolated_score_shows_its_formula_in_thai() -> None:
    assert scored("87.5").explanation.text("th") == (
        "ผลการดำเนินงาน 87.5 อยู่ระหว่างค่าเป้าหมายมาตรฐาน (85) และค่าเป้าหมายขั้นสูง (90)"
        " → คะแนน 75 + (87.5−85)/(90−85)×25 = 87.5 คะแนน × น้ำหนัก 20% = 17.5"
    )


def test_an_interpolated_score_shows_its_formula_in_english() -> None:
    assert scored("87.5").explanation.text("en") == (
        "Result 87.5 lies between the standard target (85) and the advanced target (90)"
        " → points 75 + (87.5−85)/(90−85)×25 = 87.5 points × weight 20% = 17.5"
    )


def test_the_steps_record_the_interval_points_and_weight() -> None:
    between, weighted = scored("87.5").explanation.steps
    assert between == Between(D("87.5"), "มาตรฐาน", D(85), D(75), "ขั้นสูง", D(90), D(100), D("87.5"), "higher_is_better")
    assert weighted == Weighted(D("87.5"), D(20), D("17.5"))


def test_a_result_below_the_lowest_target_says_so() -> None:
    explanation = scored("70").explanation
    assert isinstance(explanation.steps[0], BelowLowest)
    assert explanation.text("th") == "ผลการดำเนินงาน 70 ต่ำกว่าค่าเป้าหมายขั้นต้น (80) → 0 คะแนน × น้ำหนัก 20% = 0"
    assert explanation.text("en") == "Result 70 is below the basic target (80) → 0 points × weight 20% = 0"


def test_a_result_beyond_the_top_target_says_points_stop_at_the_top() -> None:
    explanation = scored("95").explanation
    assert isinstance(explanation.steps[0], BeyondTop)
    assert "สูงกว่าค่าเป้าหมายขั้นสูง (90) → 100 คะแนน (คะแนนสูงสุด)" in explanation.text("th")
    assert "(the maximum)" in explanation.text("en")


def test_a_result_exactly_on_a_target_says_it_equals_it() -> None:
    explanation = scored("85").explanation
    assert isinstance(explanation.steps[0], OnTarget)
    assert explanation.text("th").startswith("ผลการดำเนินงาน 85 เท่ากับค่าเป้าหมายมาตรฐาน (85) → 75 คะแนน")
    assert explanation.text("en").startswith("Result 85 equals the standard target (85) → 75 points")


def test_a_missing_result_says_nothing_was_reported() -> None:
    explanation = scored(None).explanation
    assert isinstance(explanation.steps[0], MissingResult)
    assert explanation.text("th") == "ยังไม่มีผลการดำเนินงาน → 0 คะแนน × น้ำหนัก 20% = 0"
    assert explanation.text("en") == "No result reported → 0 points × weight 20% = 0"


def test_a_monitor_kpi_says_it_is_not_counted() -> None:
    explanation = scored("87.5", monitor=True, weight="0").explanation
    assert isinstance(explanation.steps[-1], NotCounted)
    assert explanation.text("th").endswith("= 87.5 คะแนน (ตัวชี้วัด Monitor ไม่นำมาคิดคะแนน)")
    assert "not counted" in explanation.text("en")


def test_a_lower_is_better_kpi_reads_its_interval_the_other_way() -> None:
    explanation = scored("12", ("20", "15", "10"), "lower_is_better")
    assert explanation.explanation.text("th") == (
        "ผลการดำเนินงาน 12 อยู่ระหว่างค่าเป้าหมายมาตรฐาน (15) และค่าเป้าหมายขั้นสูง (10) (ยิ่งน้อยยิ่งดี)"
        " → คะแนน 75 + (15−12)/(15−10)×25 = 90 คะแนน × น้ำหนัก 20% = 18"
    )
    assert "lower is better" in explanation.explanation.text("en")


def test_a_lower_is_better_result_short_of_the_lowest_target_is_above_it() -> None:
    text = scored("25", ("20", "15", "10"), "lower_is_better").explanation.text("th")
    assert text.startswith("ผลการดำเนินงาน 25 สูงกว่าค่าเป้าหมายขั้นต้น (20) (ยิ่งน้อยยิ่งดี) → 0 คะแนน")


def test_points_that_do_not_terminate_are_shown_as_approximate() -> None:
    text = scored("64", ("60", "63", "66")).explanation.text("en")
    assert "(64−63)/(66−63)×25 ≈ 83.3333 points" in text


def test_large_numbers_are_grouped_by_thousands() -> None:
    text = scored("2100000", ("2000000", "2200000", "2400000")).explanation.text("th")
    assert "2,100,000" in text and "(2,100,000−2,000,000)/(2,200,000−2,000,000)" in text


def test_thai_is_the_default_language() -> None:
    explanation = scored("87.5").explanation
    assert explanation.text() == explanation.text("th")
