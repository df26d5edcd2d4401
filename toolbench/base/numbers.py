"""Exact arithmetic for points: fractions inside, decimals at the edge.

Means of several evaluators (e.g. 50/3) are carried as exact fractions so that totals
and ranks never depend on binary floating point; figures are rounded only for display,
by the plan's rule.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Literal

RoundingMode = Literal["half_up", "down", "up", "half_even"]


def round_fraction(value: Fraction, decimals: int, mode: RoundingMode) -> Decimal:
    """Round exactly to `decimals` places.

    half_up is 四捨五入 (halves away from zero), down is 切捨て (towards zero), up is
    切上げ (away from zero), half_even is banker's rounding (halves to the even digit).
    """
    scaled = value * 10**decimals
    sign = -1 if scaled < 0 else 1
    magnitude = abs(scaled)
    if mode == "down":
        whole = math.floor(magnitude)
    elif mode == "up":
        whole = math.ceil(magnitude)
    elif mode == "half_up":
        whole = math.floor(magnitude + Fraction(1, 2))
    else:
        whole = round(magnitude)  # Fraction.__round__ rounds halves to even, exactly
    return Decimal(sign * whole).scaleb(-decimals)


def plain(value: Decimal | Fraction | int) -> str:
    """A number as people write it: 100 not 1E+2, 12.5 not 12.50 (exact values only)."""
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        return str(value)
    text = format(Decimal(value).normalize(), "f")
    return text


def money(value: Fraction | Decimal | int) -> str:
    """An amount of money with thousands separators: exact, or to 2 decimals (四捨五入) when it does not terminate."""
    exact = Fraction(value)
    shown = round_fraction(exact, 2, "half_up")
    if Fraction(shown) == exact:
        shown = round_fraction(exact, 0, "half_up") if exact.denominator == 1 else shown.normalize()
    return f"{shown:,f}"


def figure(value: Fraction, decimals: int, mode: RoundingMode) -> str:
    """Points as shown in reports: rounded by the plan's rule to its decimals."""
    return f"{round_fraction(value, decimals, mode):.{decimals}f}"


def exact_text(value: Decimal | Fraction | int) -> str:
    """An exact value as text: a decimal when it terminates (16.5, 58.33), else a fraction (175/3)."""
    exact = Fraction(value)
    denominator = exact.denominator
    twos = fives = 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    if denominator != 1:
        return f"{exact.numerator}/{exact.denominator}"
    places = max(twos, fives)
    return plain(Decimal(exact.numerator * 10**places // exact.denominator).scaleb(-places))
