"""`govkpi score FILE.json`: the result on stdout and exit 0, or every problem on stderr and 2."""

import io
import json
from pathlib import Path

from govkpi.scoring import DEFAULT_FRAMEWORK, KpiInput, Scorecard, scorecard_to_document
from govkpi.scoring.cli import run


def write_scorecard(tmp_path: Path, **kpi_changes: object) -> Path:
    weights = [("performance", 20), ("performance", 25), ("performance", 25), ("potential", 15), ("potential", 15)]
    kpis = tuple(
        KpiInput(code=f"K{i + 1}", component=c, weight=w, targets=(80, 85, 90), result=90)  # type: ignore[arg-type]
        for i, (c, w) in enumerate(weights)
    )
    doc = scorecard_to_document(Scorecard(DEFAULT_FRAMEWORK, kpis))
    doc["kpis"][0].update(kpi_changes)  # type: ignore[index]
    path = tmp_path / "scorecard.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def call(*argv: str) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run(list(argv), stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def test_it_prints_the_result_document_and_exits_0(tmp_path: Path) -> None:
    code, out, err = call(str(write_scorecard(tmp_path)))
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert (result["total"], result["total_text"], result["band"]) == (100, "100.00", "ระดับคุณภาพ")


def test_it_prints_thai_as_text_not_escapes(tmp_path: Path) -> None:
    _, out, _ = call(str(write_scorecard(tmp_path)))
    assert "ระดับคุณภาพ" in out and "\\u0e" not in out
    assert out.startswith("{\n  ")  # indented


def test_an_invalid_scorecard_prints_every_problem_and_exits_2(tmp_path: Path) -> None:
    code, out, err = call(str(write_scorecard(tmp_path, weight=10, targets=[90, 85, 80])))
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert len(lines) == 2
    assert any("kpis[0].targets (K1): ค่าเป้าหมายของตัวชี้วัด K1 ต้องเพิ่มขึ้นตามขั้น" in line for line in lines)
    assert any("framework.components[0] (performance):" in line and "add up to 60" in line for line in lines)
    assert all(" / " in line for line in lines)


def test_a_badly_typed_field_is_reported_with_its_path(tmp_path: Path) -> None:
    code, _, err = call(str(write_scorecard(tmp_path, result="ninety")))
    assert code == 2
    assert "kpis[0].result (K1): 'ninety' ไม่ใช่ตัวเลข / 'ninety' is not a number" in err


def test_a_missing_file_exits_2_without_a_traceback(tmp_path: Path) -> None:
    code, out, err = call(str(tmp_path / "nope.json"))
    assert (code, out) == (2, "")
    assert "อ่านไฟล์ไม่ได้ / cannot read the file" in err
    assert "Traceback" not in err


def test_bad_json_exits_2_with_the_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"framework": {}\n  "kpis": []}', encoding="utf-8")
    code, _, err = call(str(path))
    assert code == 2
    assert err.startswith(f"{path}:2:3: ไฟล์ไม่ใช่ JSON ที่ถูกต้อง / not valid JSON:")


def test_a_file_that_is_not_utf8_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "latin.json"
    path.write_bytes('{"x": "ขั้นต้น"}'.encode("cp874"))
    code, _, err = call(str(path))
    assert code == 2 and "cannot read the file" in err


def test_a_byte_order_mark_is_tolerated(tmp_path: Path) -> None:
    path = write_scorecard(tmp_path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert call(str(path))[0] == 0


def test_a_wrong_number_of_arguments_prints_usage_and_exits_2() -> None:
    code, _, err = call()
    assert code == 2 and "usage: govkpi score FILE.json" in err


def test_help_exits_0() -> None:
    code, out, _ = call("--help")
    assert code == 0 and "usage" in out
