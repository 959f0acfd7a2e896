"""Bands (ระดับคุณภาพ / ระดับมาตรฐาน / ระดับต้องปรับปรุง) and the rounding of published totals.

The band is decided on the published total, rounded half-up to two decimals, so an organisation
never sees "75.00" next to the band for scores below 75.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_CEILING, Decimal

from govkpi.scoring.arith import CTX, TWO_PLACES, quantize
from govkpi.scoring.models import Band

_HALF_CENT = Decimal("0.005")


def round_total(total: Decimal) -> Decimal:
    """The published total: half-up to two decimals (74.995 → 75.00)."""
    return quantize(total, TWO_PLACES)


def band_for(total: Decimal, bands: Sequence[Band]) -> str | None:
    """The name of the highest band whose minimum the rounded total reaches; None if none does."""
    rounded = round_total(total)
    for band in sorted(bands, key=lambda b: b.min_score, reverse=True):
        if rounded >= band.min_score:
            return band.name
    return None


def lowest_total_reaching(min_score: Decimal) -> Decimal:
    """The least exact total whose published (rounded) total reaches `min_score`.

    A minimum of 75 is reached by 74.995; one of 74.991 needs a published 75.00 too, so also
    74.995. Exact for non-negative totals, which is every total a valid ladder can produce
    when its points are non-negative; the inverse solver checks its answer either way.
    """
    cents = min_score.quantize(TWO_PLACES, rounding=ROUND_CEILING, context=CTX)
    return CTX.subtract(cents, _HALF_CENT)
