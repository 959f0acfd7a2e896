"""The scorecard JSON document: parsing with path-named problems, and the result document."""

import json
from decimal import Decimal as D
from typing import Any

import pytest

from govkpi.scoring import (
    DEFAULT_FRAMEWORK,
    Problem,
    ScorecardInvalid,
    parse_document,
    result_to_document,
    score,
    scorecard_to_document,
)


def document() -> dict[str, Any]:
    return {
        "framework": {
            "target_levels": [
                {"name": "ขั้นต้น", "points": 50},
                {"name": "มาตรฐาน", "points": 75},
                {"name": "ขั้นสูง", "points": 100},
            ],
            "below_lowest_points": 0,
            "components": [
                {"code": "performance", "weight": 70, "min_kpis": 3, "max_kpis": 5},
                {"code": "potential", "weight": 30, "min_kpis": 2, "max_kpis": 2},
            ],
            "bands": [
                {"name": "ระดับคุณภาพ", "min_score": 90},
                {"name": "ระดับมาตรฐาน", "min_score": 75},
                {"name": "ระดับต้องปรับปรุง", "min_score": 0},
            ],
            "monitoring_only": False,
        },
        "kpis": [
            {
                "code": "K1",
                "name": "ร้อยละหมู่บ้าน",
                "component": "performance",
                "weight": 20,
                "targets": [80, 85, 90],
                "result": 87.5,
            },
            {"code": "K2", "component": "performance", "weight": "25", "targets": ["1", "3", "5"], "result": "4"},
            {
                "code": "K3",
                "component": "performance",
                "weight": 25,
                "direction": "lower_is_better",
                "targets": [20, 15, 10],
                "result": 21,
            },
            {"code": "K4", "component": "potential", "weight": 15, "targets": [60, 70, 80], "result": None},
            {"code": "K5", "component": "potential", "weight": 15, "targets": [60, 63, 66], "result": 64},
            {"code": "M1", "component": "performance", "targets": [1, 2, 3], "result": 3.5, "monitor": True},
        ],
    }


def problems_of(doc: object) -> list[Problem]:
    with pytest.raises(ScorecardInvalid) as caught:
        parse_document(doc)
    return caught.value.problems


def test_a_document_parses_into_the_same_framework_as_the_default() -> None:
    scorecard = parse_document(document())
    assert scorecard.framework == DEFAULT_FRAMEWORK
    assert scorecard.kpis[0].result == D("87.5")
    assert scorecard.kpis[0].name == "ร้อยละหมู่บ้าน"


def test_numeric_strings_are_read_as_decimals() -> None:
    k2 = parse_document(document()).kpis[1]
    assert (k2.weight, k2.targets, k2.result) == (D(25), (D(1), D(3), D(5)), D(4))


def test_floats_are_read_by_their_shortest_text_not_their_binary_value() -> None:
    doc = document()
    doc["kpis"][0]["result"] = 0.1
    assert parse_document(doc).kpis[0].result == D("0.1")


def test_optional_fields_take_their_defaults() -> None:
    k4 = parse_document(document()).kpis[3]
    assert (k4.direction, k4.monitor, k4.name, k4.result) == ("higher_is_better", False, "", None)
    m1 = parse_document(document()).kpis[5]
    assert m1.weight == D(0)


def test_an_absent_result_means_not_reported() -> None:
    doc = document()
    del doc["kpis"][3]["result"]
    assert parse_document(doc).kpis[3].result is None


def test_a_bad_result_is_named_by_its_json_path_and_kpi() -> None:
    doc = document()
    doc["kpis"][2]["result"] = "abc"
    [problem] = problems_of(doc)
    assert (problem.rule, problem.field, problem.kpi) == ("not_number", "kpis[2].result", "K3")


def test_booleans_are_not_numbers() -> None:
    doc = document()
    doc["kpis"][0]["weight"] = True
    [problem] = problems_of(doc)
    assert (problem.rule, problem.field) == ("not_number", "kpis[0].weight")


@pytest.mark.parametrize("value", [float("nan"), float("inf"), "NaN", "-Infinity"])
def test_nan_and_infinity_are_refused(value: object) -> None:
    doc = document()
    doc["kpis"][1]["targets"][1] = value
    [problem] = problems_of(doc)
    assert (problem.rule, problem.field) == ("not_finite", "kpis[1].targets[1]")


def test_every_shape_problem_is_reported_at_once() -> None:
    doc = document()
    doc["framework"]["components"][0]["weight"] = "seventy"
    doc["framework"]["bands"][1]["min_score"] = None
    doc["kpis"][0]["reslut"] = 90
    del doc["kpis"][1]["component"]
    doc["kpis"][4]["targets"] = "60,63,66"
    fields = {(p.rule, p.field) for p in problems_of(doc)}
    assert fields == {
        ("not_number", "framework.components[0].weight"),
        ("not_number", "framework.bands[1].min_score"),
        ("unknown_field", "kpis[0].reslut"),
        ("missing_field", "kpis[1].component"),
        ("not_array", "kpis[4].targets"),
    }


def test_a_scored_kpi_must_give_a_weight_but_a_monitor_need_not() -> None:
    doc = document()
    del doc["kpis"][0]["weight"]
    [problem] = problems_of(doc)
    assert (problem.rule, problem.field, problem.kpi) == ("missing_field", "kpis[0].weight", "K1")


def test_a_document_that_is_not_an_object_is_refused() -> None:
    [problem] = problems_of([1, 2, 3])
    assert problem.rule == "not_object"


def test_a_document_without_kpis_or_framework_names_both() -> None:
    assert {p.field for p in problems_of({})} == {"framework", "kpis"}


def test_min_and_max_kpis_must_be_whole_numbers() -> None:
    doc = document()
    doc["framework"]["components"][0]["min_kpis"] = 2.5
    [problem] = problems_of(doc)
    assert (problem.rule, problem.field) == ("not_integer", "framework.components[0].min_kpis")


def test_an_unknown_direction_is_refused_with_its_path() -> None:
    doc = document()
    doc["kpis"][0]["direction"] = "up"
    [problem] = problems_of(doc)
    assert (problem.rule, problem.field) == ("kpi_direction_invalid", "kpis[0].direction")


def test_rule_problems_found_when_scoring_use_the_same_paths() -> None:
    doc = document()
    doc["kpis"][1]["targets"] = [5, 3, 1]
    with pytest.raises(ScorecardInvalid) as caught:
        score(parse_document(doc))
    [problem] = caught.value.problems
    assert (problem.field, problem.kpi) == ("kpis[1].targets", "K2")


def test_the_result_document_has_totals_components_and_explained_kpis() -> None:
    result = result_to_document(score(parse_document(document())))
    assert result["total"] == 51.88
    assert result["total_text"] == "51.88"
    assert result["band"] == "ระดับต้องปรับปรุง"
    assert result["monitoring_only"] is False
    assert result["components"] == [
        {"code": "performance", "weight": 70, "score": 39.375},
        {"code": "potential", "weight": 30, "score": 12.5},
    ]
    kpis: Any = result["kpis"]
    assert kpis[0]["points"] == 87.5 and kpis[0]["weighted"] == 17.5
    assert kpis[4]["points"] == 83.3333  # 4 places in the document
    assert kpis[5]["counted"] is False and kpis[3]["missing"] is True
    assert kpis[0]["explanation"]["th"].startswith("ผลการดำเนินงาน 87.5 อยู่ระหว่าง")
    assert kpis[0]["explanation"]["steps"][0]["kind"] == "between"


def test_total_text_always_shows_two_decimals() -> None:
    doc = document()
    doc["kpis"] = [
        {"code": f"K{i}", "component": c, "weight": w, "targets": [1, 2, 3], "result": 2}
        for i, (c, w) in enumerate(
            [("performance", 20), ("performance", 25), ("performance", 25), ("potential", 15), ("potential", 15)]
        )
    ]
    result = result_to_document(score(parse_document(doc)))
    assert (result["total"], result["total_text"], result["band"]) == (75, "75.00", "ระดับมาตรฐาน")


def test_the_result_document_survives_a_json_round_trip() -> None:
    result = result_to_document(score(parse_document(document())))
    assert json.loads(json.dumps(result, ensure_ascii=False)) == result


def test_a_scorecard_survives_a_round_trip_through_its_document() -> None:
    scorecard = parse_document(document())
    text = json.dumps(scorecard_to_document(scorecard), ensure_ascii=False)
    assert parse_document(json.loads(text)) == scorecard


def test_a_monitoring_only_document_gives_a_null_band() -> None:
    doc = document()
    doc["framework"]["monitoring_only"] = True
    result = result_to_document(score(parse_document(doc)))
    assert result["band"] is None and result["monitoring_only"] is True
    assert json.dumps(result).count('"band": null') == 1
