"""Decimal arithmetic shared by the scoring engine: its contexts and number formatting.

Scores never depend on the calling thread's decimal context. A caller (or a library) that lowers
the precision or changes the rounding mode must not change anybody's score, so every operation
that can round goes through one of the explicit contexts below instead of the `+ - * /` operators.
"""

from __future__ import annotations

from decimal import (
    ROUND_CEILING,
    ROUND_FLOOR,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)

# 34 digits is IEEE decimal128. Interpolated points are exact whenever their decimal expansion
# terminates; otherwise (a target gap of 3, say) they are correctly rounded to 34 significant
# digits, which is many orders of magnitude below the 0.01 that publication keeps.
PRECISION = 34
_TRAPS = [InvalidOperation, DivisionByZero, Overflow]

CTX = Context(prec=PRECISION, rounding=ROUND_HALF_EVEN, traps=_TRAPS)
# The inverse solver rounds towards the side that still earns the band, never away from it.
CEILING = Context(prec=PRECISION, rounding=ROUND_CEILING, traps=_TRAPS)
FLOOR = Context(prec=PRECISION, rounding=ROUND_FLOOR, traps=_TRAPS)

ZERO = Decimal(0)
HUNDRED = Decimal(100)
FOUR_PLACES = Decimal("0.0001")
TWO_PLACES = Decimal("0.01")


def is_number(value: object) -> bool:
    """True for a finite Decimal: the only kind of number the engine computes with."""
    return isinstance(value, Decimal) and value.is_finite()


def coerce(value: object) -> object:
    """Turn a plain int into a Decimal; leave everything else for validation to judge.

    Python callers naturally write `weight=20`; refusing that would be pedantry, while floats
    (inexact by nature) and bools (numbers only by accident) are left alone and rejected later.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return value


def quantize(value: Decimal, quantum: Decimal) -> Decimal:
    """Round half-up, the rule the published figures follow."""
    return value.quantize(quantum, rounding=ROUND_HALF_UP, context=CTX)


def tidy(value: Decimal) -> Decimal:
    """Drop needless trailing zeros without ever switching to exponent notation (1E+2)."""
    if value == value.to_integral_value():
        # Adding zero turns a negative zero into a plain 0.
        return CTX.add(value.quantize(Decimal(1), context=CTX), ZERO)
    return value.normalize(CTX)


def shown(value: Decimal, places: int = 4) -> tuple[str, bool]:
    """Human text for a number (at most `places` decimals, thousands grouped, no exponent), and
    whether that text is the exact value rather than a rounding of it."""
    if not value:
        return "0", True
    normal = value.normalize(CTX)
    exponent = normal.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -places:
        rounded = quantize(value, Decimal(1).scaleb(-places, CTX)).normalize(CTX)
        return ("0" if not rounded else format(rounded, ",f")), False
    return format(normal, ",f"), True


def plain(value: Decimal, places: int = 4) -> str:
    """Human text for a number: at most `places` decimals, thousands grouped, no exponent."""
    return shown(value, places)[0]


def json_number(value: Decimal) -> int | float | str:
    """The JSON form of a Decimal: an int when whole, else a float that prints back exactly.

    `json` cannot write Decimal. A float is safe here because the values written are short
    (quantized to 4 places); the string fallback keeps exactness for any that are not.
    """
    if value == value.to_integral_value():
        return int(value)
    as_float = float(value)
    if Decimal(repr(as_float)) == value:
        return as_float
    return format(value.normalize(CTX), "f")
