"""The KPI Basket record and a compact builder used by the basket modules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from govkpi.demo.data.records import Direction, Domain, KpiKind, Theme, Triple

Baseline = tuple[Decimal | None, Decimal | None, Decimal | None]
"""Results of FY2562, FY2563, FY2564 (for the province basket FY2563–2565); None = no data."""


@dataclass(frozen=True, slots=True)
class BasketEntry:
    """One KPI of the Basket (ตัวชี้วัดใน KPI Basket), with its KPI template.

    ``targets`` are ขั้นต้น, มาตรฐาน, ขั้นสูง in that order: ascending when
    ``direction`` is ``higher_is_better``, descending when ``lower_is_better``.
    For ``milestone`` KPIs the values are step numbers (1–5), ``formula_th`` is None
    and ``milestone_steps_th`` may describe the five steps.
    ``ministry`` is the code of the ministry (or independent agency) the KPI suits,
    None for a cross-cutting KPI any organisation may pick.
    """

    code: str
    name_th: str
    name_en: str
    unit_th: str
    direction: Direction
    kind: KpiKind
    domain: Domain
    ministry: str | None
    plan_links: tuple[str, ...]
    definition_th: str
    formula_th: str | None
    baseline: Baseline
    targets: Triple
    data_source_th: str
    evidence_th: str
    themes: frozenset[Theme]
    milestone_steps_th: tuple[str, ...] = ()


Num = str | int | None


def _opt(value: Num) -> Decimal | None:
    return None if value is None else Decimal(value)


def kpi(
    code: str,
    name_th: str,
    name_en: str,
    unit_th: str,
    direction: Direction,
    kind: KpiKind,
    domain: Domain,
    ministry: str | None,
    plan_links: Sequence[str],
    definition_th: str,
    formula_th: str | None,
    baseline: tuple[Num, Num, Num],
    targets: tuple[str | int, str | int, str | int],
    data_source_th: str,
    evidence_th: str,
    themes: Sequence[Theme] = (),
    steps: Sequence[str] = (),
) -> BasketEntry:
    """Build a ``BasketEntry`` from literals (numbers written as text or int)."""
    return BasketEntry(
        code=code,
        name_th=name_th,
        name_en=name_en,
        unit_th=unit_th,
        direction=direction,
        kind=kind,
        domain=domain,
        ministry=ministry,
        plan_links=tuple(plan_links),
        definition_th=definition_th,
        formula_th=formula_th,
        baseline=(_opt(baseline[0]), _opt(baseline[1]), _opt(baseline[2])),
        targets=(Decimal(targets[0]), Decimal(targets[1]), Decimal(targets[2])),
        data_source_th=data_source_th,
        evidence_th=evidence_th,
        themes=frozenset(themes),
        milestone_steps_th=tuple(steps),
    )


# Short names for the basket modules, which are long lists of literals.
UP: Direction = "higher_is_better"
DOWN: Direction = "lower_is_better"
NUM: KpiKind = "numeric"
MS: KpiKind = "milestone"
COVID: Theme = "covid19"
ESV: Theme = "eservice"
