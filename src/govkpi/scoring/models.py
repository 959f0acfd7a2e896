"""What the engine scores: a framework (ladder, components, bands) and the KPIs of one scorecard.

These are plain frozen values. A framework is data that the database stores and versions; the
engine never reaches back into Django for it, so anything that can build these can be scored.
Construction never fails: problems are found by `validation.validate`, all at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from govkpi.scoring.arith import ZERO, coerce

Direction = Literal["higher_is_better", "lower_is_better"]
DIRECTIONS: tuple[Direction, ...] = ("higher_is_better", "lower_is_better")


@dataclass(frozen=True, slots=True)
class TargetLevel:
    """One rung of the target ladder, e.g. ค่าเป้าหมายมาตรฐาน worth 75 points."""

    name: str
    points: Decimal

    def __post_init__(self) -> None:
        object.__setattr__(self, "points", coerce(self.points))


@dataclass(frozen=True, slots=True)
class Band:
    """A class of total score, e.g. ระดับคุณภาพ from 90 up."""

    name: str
    min_score: Decimal

    def __post_init__(self) -> None:
        object.__setattr__(self, "min_score", coerce(self.min_score))


@dataclass(frozen=True, slots=True)
class ComponentRule:
    """A component (องค์ประกอบ) of the framework: its weight in percent of the whole, and how
    many scored KPIs an organisation must put in it."""

    code: str
    weight: Decimal
    min_kpis: int
    max_kpis: int
    #: What people call it ("ด้านประสิทธิผล"): messages name the component by it, not by its code.
    name_th: str = ""
    name_en: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "weight", coerce(self.weight))

    @property
    def label_th(self) -> str:
        return self.name_th or self.code

    @property
    def label_en(self) -> str:
        return self.name_en or self.name_th or self.code


@dataclass(frozen=True, slots=True)
class Framework:
    """The rules of one year's evaluation (กรอบการประเมิน) for one evaluation group."""

    target_levels: tuple[TargetLevel, ...]
    components: tuple[ComponentRule, ...]
    bands: tuple[Band, ...]
    below_lowest_points: Decimal = field(default=ZERO)
    monitoring_only: bool = False

    def __post_init__(self) -> None:
        # Lists are accepted for convenience but stored as tuples so a framework stays hashable
        # (validation results are cached per framework).
        object.__setattr__(self, "target_levels", tuple(self.target_levels))
        object.__setattr__(self, "components", tuple(self.components))
        object.__setattr__(self, "bands", tuple(self.bands))
        object.__setattr__(self, "below_lowest_points", coerce(self.below_lowest_points))

    def component(self, code: str) -> ComponentRule | None:
        for rule in self.components:
            if rule.code == code:
                return rule
        return None


@dataclass(frozen=True, slots=True)
class KpiInput:
    """One KPI of one organisation as scored: its targets (one per ladder level, in ladder order)
    and its reported result, None when nothing has been reported yet.

    A monitor KPI (ตัวชี้วัด Monitor) is reported and explained but never counted."""

    code: str
    component: str
    weight: Decimal
    targets: tuple[Decimal, ...]
    result: Decimal | None
    direction: Direction = "higher_is_better"
    monitor: bool = False
    name: str = ""

    def __post_init__(self) -> None:
        # Only what `coerce` would change is set again: a national rescoring builds a hundred
        # thousand of these, nearly all from Decimals already.
        if type(self.weight) is not Decimal:
            object.__setattr__(self, "weight", coerce(self.weight))
        targets = self.targets
        if type(targets) is not tuple or not set(map(type, targets)) <= {Decimal}:
            object.__setattr__(self, "targets", tuple(coerce(t) for t in targets))
        if self.result is not None and type(self.result) is not Decimal:
            object.__setattr__(self, "result", coerce(self.result))


@dataclass(frozen=True, slots=True)
class Scorecard:
    """Every KPI of one organisation for one round, under one framework."""

    framework: Framework
    kpis: tuple[KpiInput, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "kpis", tuple(self.kpis))

    def kpi(self, code: str) -> KpiInput | None:
        for kpi in self.kpis:
            if kpi.code == code:
                return kpi
        return None
