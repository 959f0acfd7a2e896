"""Shared literal types and small records for the reference and demo data.

Plain Python, no Django: the loader in ``govkpi.demo`` turns these records into rows.
Numbers that feed scoring are ``Decimal`` (DESIGN.md section 3); dates are Gregorian
``datetime.date`` values (display code converts to พ.ศ. by adding 543).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

Direction = Literal["higher_is_better", "lower_is_better"]
KpiKind = Literal["numeric", "milestone"]
"""``milestone`` is a ระดับความสำเร็จ KPI scored on step numbers 1–5."""
Domain = Literal["economy", "society", "environment", "governance"]
"""``society`` covers ด้านสังคม/มั่นคง of seed 001."""
Theme = Literal["covid19", "eservice"]
KpiType = Literal["strategic", "joint", "function", "area", "potential"]
Component = Literal["performance", "potential"]
ResultStatus = Literal["reported", "verified", "approved"]

HIGHER: Direction = "higher_is_better"
LOWER: Direction = "lower_is_better"

Triple = tuple[Decimal, Decimal, Decimal]
"""Three values in a fixed order: baselines FY2562/2563/2564, or targets ขั้นต้น/มาตรฐาน/ขั้นสูง."""


def dec(value: str | int) -> Decimal:
    """Make a ``Decimal`` from a literal written as text or an integer (never a float)."""
    return Decimal(value)


def triple(a: str | int, b: str | int, c: str | int) -> Triple:
    """Three Decimals, in the order given."""
    return (Decimal(a), Decimal(b), Decimal(c))


@dataclass(frozen=True, slots=True)
class RoundResult:
    """A reported value of one KPI for one round (6, 9 or 12 months)."""

    round_months: int
    value: Decimal
    status: ResultStatus
    note_th: str = ""
