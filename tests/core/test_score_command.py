import json
from pathlib import Path

import pytest
from django.core.management import call_command

DOC = {
    "framework": {
        "target_levels": [
            {"name": "ขั้นต้น", "points": 50},
            {"name": "มาตรฐาน", "points": 75},
            {"name": "ขั้นสูง", "points": 100},
        ],
        "below_lowest_points": 0,
        "components": [{"code": "performance", "weight": 100, "min_kpis": 1, "max_kpis": 5}],
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
            "component": "performance",
            "weight": 60,
            "direction": "higher_is_better",
            "targets": [80, 85, 90],
            "result": 87.5,
            "monitor": False,
        },
        {
            "code": "K2",
            "component": "performance",
            "weight": 40,
            "direction": "lower_is_better",
            "targets": [10, 8, 6],
            "result": 6,
            "monitor": False,
        },
    ],
}


def test_govkpi_score_prints_the_result_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "card.json"
    path.write_text(json.dumps(DOC), encoding="utf-8")
    call_command("score", str(path))
    result = json.loads(capsys.readouterr().out)
    assert result["total"] == 92.5  # 87.5 × 60% + 100 × 40%
    assert result["band"] == "ระดับคุณภาพ"


def test_govkpi_score_exits_2_and_lists_every_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = json.loads(json.dumps(DOC))
    bad["kpis"][0]["weight"] = 50
    bad["kpis"][1]["targets"] = [6, 8, 10]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        call_command("score", str(path))
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "K2" in err
    assert "Traceback" not in err
