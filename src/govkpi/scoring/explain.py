"""How a KPI's score explains itself: structured steps, and their Thai and English wording.

The engine records *what happened* as small step values (where the result fell on the ladder,
how the points were weighted); wording is produced only when someone asks for it, so scoring a
hundred thousand KPIs does not format a hundred thousand sentences nobody reads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import ClassVar, Literal, TypeAlias

from govkpi.scoring.arith import shown
from govkpi.scoring.models import Direction

Lang = Literal["th", "en"]

# The three levels every OPDC ladder has used. Other names are shown as given.
_LEVEL_EN = {"ขั้นต้น": "basic", "มาตรฐาน": "standard", "ขั้นสูง": "advanced"}

ARROW = "\u2192"
MINUS = "\u2212"
TIMES = "\u00d7"
ABOUT = "\u2248"


@dataclass(frozen=True, slots=True)
class MissingResult:
    """No result has been reported, so the KPI scores nothing."""

    kind: ClassVar[str] = "missing_result"
    points: Decimal


@dataclass(frozen=True, slots=True)
class BelowLowest:
    """The result falls short of the lowest target."""

    kind: ClassVar[str] = "below_lowest"
    result: Decimal
    level: str
    target: Decimal
    points: Decimal
    direction: Direction


@dataclass(frozen=True, slots=True)
class OnTarget:
    """The result is exactly one of the targets, so it earns that level's points."""

    kind: ClassVar[str] = "on_target"
    result: Decimal
    level: str
    target: Decimal
    points: Decimal
    direction: Direction


@dataclass(frozen=True, slots=True)
class BeyondTop:
    """The result does better than the top target; points stop at the top level's."""

    kind: ClassVar[str] = "beyond_top"
    result: Decimal
    level: str
    target: Decimal
    points: Decimal
    direction: Direction


@dataclass(frozen=True, slots=True)
class Between:
    """The result lies between two adjacent targets; points are interpolated linearly."""

    kind: ClassVar[str] = "between"
    result: Decimal
    lower_level: str
    lower_target: Decimal
    lower_points: Decimal
    upper_level: str
    upper_target: Decimal
    upper_points: Decimal
    points: Decimal
    direction: Direction


@dataclass(frozen=True, slots=True)
class Weighted:
    """The KPI's contribution to the total: points × weight / 100."""

    kind: ClassVar[str] = "weighted"
    points: Decimal
    weight: Decimal
    weighted: Decimal


@dataclass(frozen=True, slots=True)
class NotCounted:
    """A monitor KPI: shown with its points, never added to the total."""

    kind: ClassVar[str] = "not_counted"


Placement: TypeAlias = MissingResult | BelowLowest | OnTarget | BeyondTop | Between
Step: TypeAlias = Placement | Weighted | NotCounted


def step_as_dict(step: Step) -> dict[str, object]:
    """The step as a plain mapping, its kind first (values stay Decimal)."""
    names = _FIELD_NAMES.get(type(step))
    if names is None:  # dataclasses.asdict would deep-copy every Decimal: slow, and needless
        names = _FIELD_NAMES[type(step)] = tuple(f.name for f in fields(step))
    return {"kind": step.kind, **{name: getattr(step, name) for name in names}}


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a KPI scored what it did, as steps that read as one sentence."""

    steps: tuple[Step, ...]

    def text(self, lang: Lang = "th") -> str:
        render = _render_th if lang == "th" else _render_en
        return " ".join(render(step) for step in self.steps)


def _number(value: Decimal) -> tuple[str, bool]:
    text, exact = shown(value)
    text = text.replace("-", MINUS)
    return (f"({text})" if value < 0 else text), exact


def _n(value: Decimal) -> str:
    """A number as written inside a formula: negatives bracketed so `(5−(−3))` stays readable."""
    return _number(value)[0]


def _equals(value: Decimal) -> str:
    """`= 87.5`, or `≈ 83.3333` when four places cannot show the value exactly."""
    text, exact = _number(value)
    return f"= {text}" if exact else f"{ABOUT} {text}"


def _formula(step: Between) -> str:
    """`75 + (87.5−85)/(90−85)×25`, the interpolation written out with the step's own numbers."""
    r, lo, hi = _n(step.result), _n(step.lower_target), _n(step.upper_target)
    span = _n(step.upper_points - step.lower_points)
    if step.direction == "higher_is_better":
        gap, width = f"({r}{MINUS}{lo})", f"({hi}{MINUS}{lo})"
    else:
        gap, width = f"({lo}{MINUS}{r})", f"({lo}{MINUS}{hi})"
    return f"{_n(step.lower_points)} + {gap}/{width}{TIMES}{span} {_equals(step.points)}"


def _th_target(level: str, target: Decimal) -> str:
    return f"ค่าเป้าหมาย{level} ({_n(target)})"


def _en_target(level: str, target: Decimal) -> str:
    return f"the {_LEVEL_EN.get(level, level)} target ({_n(target)})"


def _render_th(step: Step) -> str:
    lower = getattr(step, "direction", None) == "lower_is_better"
    note = " (ยิ่งน้อยยิ่งดี)" if lower else ""
    match step:
        case MissingResult():
            return f"ยังไม่มีผลการดำเนินงาน {ARROW} {_n(step.points)} คะแนน"
        case BelowLowest():
            side = "สูงกว่า" if lower else "ต่ำกว่า"
            return (
                f"ผลการดำเนินงาน {_n(step.result)} {side}{_th_target(step.level, step.target)}"
                f"{note} {ARROW} {_n(step.points)} คะแนน"
            )
        case OnTarget():
            return (
                f"ผลการดำเนินงาน {_n(step.result)} เท่ากับ{_th_target(step.level, step.target)}"
                f" {ARROW} {_n(step.points)} คะแนน"
            )
        case BeyondTop():
            side = "ต่ำกว่า" if lower else "สูงกว่า"
            return (
                f"ผลการดำเนินงาน {_n(step.result)} {side}{_th_target(step.level, step.target)}"
                f"{note} {ARROW} {_n(step.points)} คะแนน (คะแนนสูงสุด)"
            )
        case Between():
            return (
                f"ผลการดำเนินงาน {_n(step.result)} อยู่ระหว่าง"
                f"{_th_target(step.lower_level, step.lower_target)} และ"
                f"{_th_target(step.upper_level, step.upper_target)}{note}"
                f" {ARROW} คะแนน {_formula(step)} คะแนน"
            )
        case Weighted():
            return f"{TIMES} น้ำหนัก {_n(step.weight)}% {_equals(step.weighted)}"
        case NotCounted():
            return "(ตัวชี้วัด Monitor ไม่นำมาคิดคะแนน)"
    raise AssertionError(f"unknown step {step!r}")


def _render_en(step: Step) -> str:
    lower = getattr(step, "direction", None) == "lower_is_better"
    note = "; lower is better" if lower else ""
    match step:
        case MissingResult():
            return f"No result reported {ARROW} {_n(step.points)} points"
        case BelowLowest():
            side = "above" if lower else "below"
            return (
                f"Result {_n(step.result)} is {side} {_en_target(step.level, step.target)}"
                f"{note} {ARROW} {_n(step.points)} points"
            )
        case OnTarget():
            return (
                f"Result {_n(step.result)} equals {_en_target(step.level, step.target)}"
                f" {ARROW} {_n(step.points)} points"
            )
        case BeyondTop():
            side = "below" if lower else "above"
            return (
                f"Result {_n(step.result)} is {side} {_en_target(step.level, step.target)}"
                f"{note} {ARROW} {_n(step.points)} points (the maximum)"
            )
        case Between():
            return (
                f"Result {_n(step.result)} lies between "
                f"{_en_target(step.lower_level, step.lower_target)} and "
                f"{_en_target(step.upper_level, step.upper_target)}{note}"
                f" {ARROW} points {_formula(step)} points"
            )
        case Weighted():
            return f"{TIMES} weight {_n(step.weight)}% {_equals(step.weighted)}"
        case NotCounted():
            return "(monitor KPI: not counted in the score)"
    raise AssertionError(f"unknown step {step!r}")


# --- stored steps back to sentences ---------------------------------------------------------

_STEP_TYPES: dict[str, type] = {
    cls.kind: cls for cls in (MissingResult, BelowLowest, OnTarget, BeyondTop, Between, Weighted, NotCounted)
}
_WORDS = frozenset({"level", "lower_level", "upper_level", "direction"})


def step_from_dict(data: Mapping[str, object]) -> Step | None:
    """A stored step (`explanation_steps`' form: numbers as int, float or text) back to its value;
    None for a step this engine does not know, or one that does not parse (an older document)."""
    cls = _STEP_TYPES.get(str(data.get("kind", "")))
    if cls is None:
        return None
    try:
        values = {f.name: str(data[f.name]) if f.name in _WORDS else Decimal(str(data[f.name])) for f in fields(cls)}
        return cls(**values)  # type: ignore[no-any-return]
    except (KeyError, ArithmeticError, ValueError, TypeError):
        return None


def step_texts(steps: Sequence[Mapping[str, object]], lang: Lang = "th") -> list[str]:
    """Each stored step as its own sentence, worded exactly as `Explanation.text` words it whole:
    the public KPI page lists them one under another. Steps that do not parse are left out."""
    render = _render_th if lang == "th" else _render_en
    return [render(step) for data in steps if (step := step_from_dict(data)) is not None]
