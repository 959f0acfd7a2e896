"""The scorecard document: the JSON form of a scorecard and of its scored result.

Parsing checks shape and types only (every problem at once, each naming its JSON path such as
`kpis[2].result`); the scoring rules themselves are checked by `validation` when the parsed
scorecard is scored, and name their values by the same paths. Unknown keys are refused: a
misspelt "reslut" silently scoring 0 would be far worse than an error message.
The format is described, with a worked example, in docs/scorecard.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import TypeVar, cast

from govkpi.scoring.arith import FOUR_PLACES, json_number, quantize
from govkpi.scoring.bands import round_total
from govkpi.scoring.explain import Step, step_as_dict
from govkpi.scoring.models import (
    DIRECTIONS,
    Band,
    ComponentRule,
    Direction,
    Framework,
    KpiInput,
    Scorecard,
    TargetLevel,
)
from govkpi.scoring.problems import Problem, ScorecardInvalid
from govkpi.scoring.results import KpiScore, ScoreResult

_T = TypeVar("_T")

# Stands for an absent key, whose problem ("missing_field") is reported once, by `mapping`.
_ABSENT = object()

_TOP_KEYS = {"framework": True, "kpis": True}
_FRAMEWORK_KEYS = {
    "target_levels": True,
    "components": True,
    "bands": False,
    "below_lowest_points": False,
    "monitoring_only": False,
}
_LEVEL_KEYS = {"name": True, "points": True}
_COMPONENT_KEYS = {"code": True, "weight": True, "min_kpis": True, "max_kpis": True}
_BAND_KEYS = {"name": True, "min_score": True}
_KPI_KEYS = {
    "code": True,
    "name": False,
    "component": True,
    "weight": False,  # required unless monitor: checked by hand
    "direction": False,
    "targets": True,
    "result": False,
    "monitor": False,
}


def parse_document(doc: object) -> Scorecard:
    """A Scorecard from a decoded JSON document. Raises ScorecardInvalid naming JSON paths."""
    parser = _Parser()
    scorecard = parser.scorecard(doc)
    if parser.problems or scorecard is None:
        raise ScorecardInvalid(parser.problems)
    return scorecard


class _Parser:
    """Reads a document while collecting every problem instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self._kpi: str | None = None  # the KPI being read, named in its problems

    def fail(self, path: str, rule: str, th: str, en: str) -> None:
        self.problems.append(Problem(rule, th, en, kpi=self._kpi, field=path or None))

    def scorecard(self, doc: object) -> Scorecard | None:
        top = self.mapping(doc, "", _TOP_KEYS)
        if top is None:
            return None
        framework = self.framework(top["framework"]) if "framework" in top else None
        kpis = self.kpis(top.get("kpis", _ABSENT))
        if framework is None or kpis is None:
            return None
        return Scorecard(framework, kpis)

    def framework(self, value: object) -> Framework | None:
        path = "framework"
        raw = self.mapping(value, path, _FRAMEWORK_KEYS)
        if raw is None:
            return None
        levels = self.items(raw.get("target_levels", _ABSENT), f"{path}.target_levels", self.level)
        components = self.items(raw.get("components", _ABSENT), f"{path}.components", self.component)
        bands = self.items(raw.get("bands", []), f"{path}.bands", self.band)
        below = self.number(raw.get("below_lowest_points", 0), f"{path}.below_lowest_points")
        monitoring = self.boolean(raw.get("monitoring_only", False), f"{path}.monitoring_only")
        if levels is None or components is None or bands is None:
            return None
        if below is None or monitoring is None:
            return None
        return Framework(tuple(levels), tuple(components), tuple(bands), below, monitoring)

    def level(self, value: object, path: str) -> TargetLevel | None:
        raw = self.mapping(value, path, _LEVEL_KEYS)
        if raw is None:
            return None
        name = self.text(raw.get("name", _ABSENT), f"{path}.name")
        points = self.number(raw.get("points", _ABSENT), f"{path}.points")
        return None if name is None or points is None else TargetLevel(name, points)

    def component(self, value: object, path: str) -> ComponentRule | None:
        raw = self.mapping(value, path, _COMPONENT_KEYS)
        if raw is None:
            return None
        code = self.text(raw.get("code", _ABSENT), f"{path}.code")
        weight = self.number(raw.get("weight", _ABSENT), f"{path}.weight")
        low = self.integer(raw.get("min_kpis", _ABSENT), f"{path}.min_kpis")
        high = self.integer(raw.get("max_kpis", _ABSENT), f"{path}.max_kpis")
        if code is None or weight is None or low is None or high is None:
            return None
        return ComponentRule(code, weight, low, high)

    def band(self, value: object, path: str) -> Band | None:
        raw = self.mapping(value, path, _BAND_KEYS)
        if raw is None:
            return None
        name = self.text(raw.get("name", _ABSENT), f"{path}.name")
        minimum = self.number(raw.get("min_score", _ABSENT), f"{path}.min_score")
        return None if name is None or minimum is None else Band(name, minimum)

    def kpis(self, value: object) -> tuple[KpiInput, ...] | None:
        items = self.items(value, "kpis", self.kpi)
        return None if items is None else tuple(items)

    def kpi(self, value: object, path: str) -> KpiInput | None:
        self._kpi = None
        if isinstance(value, Mapping) and isinstance(value.get("code"), str):
            self._kpi = value["code"] or None
        try:
            return self._read_kpi(value, path)
        finally:
            self._kpi = None

    def _read_kpi(self, value: object, path: str) -> KpiInput | None:
        raw = self.mapping(value, path, _KPI_KEYS)
        if raw is None:
            return None
        code = self.text(raw.get("code", _ABSENT), f"{path}.code")
        name = self.text(raw.get("name", ""), f"{path}.name", allow_empty=True)
        component = self.text(raw.get("component", _ABSENT), f"{path}.component")
        monitor = self.boolean(raw.get("monitor", False), f"{path}.monitor")
        if "weight" not in raw and monitor is False:
            self.missing(f"{path}.weight")
            weight = None
        else:
            weight = self.number(raw.get("weight", 0), f"{path}.weight")
        direction = self.direction(raw.get("direction", "higher_is_better"), f"{path}.direction")
        targets = self.items(raw.get("targets", _ABSENT), f"{path}.targets", self.number)
        result = raw.get("result")  # absent and null both mean "not reported yet"
        parsed_result = None if result is None else self.number(result, f"{path}.result")
        if result is not None and parsed_result is None:
            return None
        if code is None or name is None or component is None or monitor is None:
            return None
        if weight is None or direction is None or targets is None:
            return None
        return KpiInput(
            code=code,
            component=component,
            weight=weight,
            targets=tuple(targets),
            result=parsed_result,
            direction=direction,
            monitor=monitor,
            name=name,
        )

    # --- typed readers: each returns None after recording a problem ------------------------

    def mapping(self, value: object, path: str, keys: dict[str, bool]) -> Mapping[str, object] | None:
        where = path or "document"
        if not isinstance(value, Mapping):
            self.fail(
                path,
                "not_object",
                f"{where} ต้องเป็นออบเจกต์ JSON ({{...}})",
                f"{where} must be a JSON object ({{...}})",
            )
            return None
        ok = True
        for key in value:
            if key not in keys:
                ok = False
                allowed = ", ".join(keys)
                self.fail(
                    _join(path, str(key)),
                    "unknown_field",
                    f"ไม่รู้จักช่อง '{key}' (ช่องที่ใช้ได้: {allowed})",
                    f"Unknown field '{key}' (allowed: {allowed})",
                )
        for key, required in keys.items():
            if required and key not in value:
                ok = False
                self.missing(_join(path, key))
        return cast(Mapping[str, object], value) if ok else _without_unknown(value, keys)

    def missing(self, path: str) -> None:
        self.fail(path, "missing_field", "ต้องระบุช่องนี้", "This field is required")

    def items(self, value: object, path: str, read: Callable[[object, str], _T | None]) -> list[_T] | None:
        if value is _ABSENT:
            return None
        if not isinstance(value, list):
            self.fail(path, "not_array", "ต้องเป็นรายการ ([...])", "Must be a JSON array ([...])")
            return None
        parsed = [read(item, f"{path}[{i}]") for i, item in enumerate(value)]
        if any(item is None for item in parsed):
            return None
        return [item for item in parsed if item is not None]

    def number(self, value: object, path: str) -> Decimal | None:
        if value is _ABSENT:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            self.fail(
                path,
                "not_number",
                "ต้องเป็นตัวเลข",
                "Must be a number (or a numeric string)",
            )
            return None
        try:
            number = Decimal(str(value).strip() if isinstance(value, str) else str(value))
        except InvalidOperation:
            self.fail(
                path,
                "not_number",
                f"'{value}' ไม่ใช่ตัวเลข",
                f"'{value}' is not a number",
            )
            return None
        if not number.is_finite():
            self.fail(
                path,
                "not_finite",
                "ต้องเป็นตัวเลขจำนวนจริง ไม่ใช่ NaN หรือ Infinity",
                "Must be a finite number, not NaN or Infinity",
            )
            return None
        return number

    def integer(self, value: object, path: str) -> int | None:
        number = self.number(value, path)
        if number is None:
            return None
        if number != number.to_integral_value():
            self.fail(path, "not_integer", "ต้องเป็นจำนวนเต็ม", "Must be a whole number")
            return None
        return int(number)

    def text(self, value: object, path: str, *, allow_empty: bool = False) -> str | None:
        if value is _ABSENT:
            return None
        if not isinstance(value, str) or (not allow_empty and not value.strip()):
            self.fail(path, "not_string", "ต้องเป็นข้อความที่ไม่ว่าง", "Must be a non-empty string")
            return None
        return value

    def boolean(self, value: object, path: str) -> bool | None:
        if value is _ABSENT:
            return None
        if not isinstance(value, bool):
            self.fail(path, "not_boolean", "ต้องเป็น true หรือ false", "Must be true or false")
            return None
        return value

    def direction(self, value: object, path: str) -> Direction | None:
        if value is _ABSENT:
            return None
        if value not in DIRECTIONS:
            self.fail(
                path,
                "kpi_direction_invalid",
                "ทิศทางต้องเป็น higher_is_better (ยิ่งมากยิ่งดี) หรือ lower_is_better (ยิ่งน้อยยิ่งดี)",
                "Direction must be higher_is_better or lower_is_better",
            )
            return None
        return value


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _without_unknown(value: Mapping[object, object], keys: dict[str, bool]) -> Mapping[str, object]:
    # Keep reading the known fields so one bad key does not hide the problems of the others.
    return {str(k): v for k, v in value.items() if k in keys}


# --- documents out -------------------------------------------------------------------------


def result_to_document(result: ScoreResult) -> dict[str, object]:
    """The JSON-ready result document: points and weighted to 4 places, total to 2."""
    total = round_total(result.total)
    return {
        "total": json_number(total),
        "total_text": format(total, "f"),
        "band": result.band,
        "monitoring_only": result.monitoring_only,
        "components": components_document(result),
        "kpis": [
            {
                "code": k.code,
                "points": json_number(quantize(k.points, FOUR_PLACES)),
                "weighted": json_number(quantize(k.weighted, FOUR_PLACES)),
                "counted": k.counted,
                "missing": k.missing,
                "explanation": explanation_document(k),
            }
            for k in result.kpis
        ],
    }


def components_document(result: ScoreResult) -> list[dict[str, object]]:
    """The result document's `components`: code, weight and score of each component."""
    return [
        {"code": c.code, "weight": json_number(c.weight), "score": json_number(quantize(c.score, FOUR_PLACES))}
        for c in result.components
    ]


def explanation_steps(kpi: KpiScore, memo: dict[Step, dict[str, object]] | None = None) -> list[dict[str, object]]:
    """The explanation's steps as JSON-ready mappings. The Thai and English sentences are a pure
    function of these, so equal steps mean equal sentences: a caller comparing a stored
    explanation can skip rendering them. With a `memo` (kept by the caller across many KPIs),
    each distinct step is turned into its mapping once and the mapping shared: never change it."""
    if memo is None:
        return [_jsonable(step_as_dict(s)) for s in kpi.explanation.steps]
    steps = []
    for step in kpi.explanation.steps:
        found = memo.get(step)
        if found is None:
            found = memo[step] = _jsonable(step_as_dict(step))
        steps.append(found)
    return steps


def explanation_document(kpi: KpiScore, steps: list[dict[str, object]] | None = None) -> dict[str, object]:
    """A KPI's explanation as stored and published: `{"th", "en", "steps"}`."""
    return {
        "th": kpi.explanation.text("th"),
        "en": kpi.explanation.text("en"),
        "steps": explanation_steps(kpi) if steps is None else steps,
    }


def scorecard_to_document(scorecard: Scorecard) -> dict[str, object]:
    """The scorecard document for a Scorecard; `parse_document` reads it back unchanged."""
    framework = scorecard.framework
    return {
        "framework": {
            "target_levels": [
                {"name": level.name, "points": json_number(level.points)} for level in framework.target_levels
            ],
            "below_lowest_points": json_number(framework.below_lowest_points),
            "components": [
                {
                    "code": rule.code,
                    "weight": json_number(rule.weight),
                    "min_kpis": rule.min_kpis,
                    "max_kpis": rule.max_kpis,
                }
                for rule in framework.components
            ],
            "bands": [{"name": band.name, "min_score": json_number(band.min_score)} for band in framework.bands],
            "monitoring_only": framework.monitoring_only,
        },
        "kpis": [
            {
                "code": kpi.code,
                "name": kpi.name,
                "component": kpi.component,
                "weight": json_number(kpi.weight),
                "direction": kpi.direction,
                "targets": [json_number(t) for t in kpi.targets],
                "result": None if kpi.result is None else json_number(kpi.result),
                "monitor": kpi.monitor,
            }
            for kpi in scorecard.kpis
        ],
    }


def _jsonable(mapping: dict[str, object]) -> dict[str, object]:
    # Computed values are published to 4 places like the KPI's own points; inputs (targets,
    # results, weights) are echoed exactly.
    return {
        key: json_number(quantize(value, FOUR_PLACES) if key in _COMPUTED else value)
        if isinstance(value, Decimal)
        else value
        for key, value in mapping.items()
    }


_COMPUTED = frozenset({"points", "weighted"})
