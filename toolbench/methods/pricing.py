"""Price points by the families used in Japanese public procurement (BRIEF §4), exactly.

Pure functions on prices; `evaluation.evaluate` applies them to the candidates that
are still eligible, with prices converted to the plan's tax basis (`tax_basis_price`).

    lowest_ratio  配点 × 最低提案価格 ÷ 提案価格 (proposal style; depends on the other bids)
    addition      価格点 = 配分 × (1 − 入札価格 ÷ 予定価格); total = 技術点 + 価格点
    division      評価値 = 技術点 ÷ 入札価格; any display scaling keeps the order
    ordinal       price judged on a scale like a rating (no formula points here)
    none          price only checked against the ceiling (no price points)

In every family a price above the ceiling (予定価格 / 提案上限額) disqualifies the
candidate before scoring, and the lowest price is taken among those still eligible.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from toolbench.base.errors import ToolbenchError

FAMILIES = ("lowest_ratio", "addition", "division", "ordinal", "none")


class PricingError(ToolbenchError):
    """A price or price rule that cannot be used; names the tool or the setting."""


@dataclass(frozen=True)
class PriceResult:
    """One candidate's price outcome."""

    tool: str
    price: Amount
    over_ceiling: bool
    points: Fraction | None
    """Price points (lowest_ratio, addition); None when the family gives none or the tool is out."""


Amount = Decimal | Fraction


def _finite_positive(value: Amount) -> bool:
    return (not isinstance(value, Decimal) or value.is_finite()) and value > 0


def _check(prices: Mapping[str, Amount], ceiling: Amount | None) -> None:
    for tool, price in prices.items():
        if not _finite_positive(price):
            raise PricingError("pricing.not_positive", tool=tool, price=price)
    if ceiling is not None and not _finite_positive(ceiling):
        raise PricingError("pricing.bad_ceiling", ceiling=ceiling)


def tax_basis_price(amount: Amount, given: str, wanted: str, rate: Amount) -> Fraction:
    """A price on the plan's tax basis: 税込 ÷ (1 + rate) or 税抜 × (1 + rate), exactly."""
    value = Fraction(amount)
    if given == wanted:
        return value
    factor = 1 + Fraction(rate)
    return value / factor if given == "included" else value * factor


def price_points(
    family: str, points: Amount, prices: Mapping[str, Amount], ceiling: Amount | None = None
) -> dict[str, PriceResult]:
    """Each tool's price points under `family`, with candidates over the ceiling set aside."""
    if family not in FAMILIES:
        raise PricingError("pricing.unknown_family", family=family, known=", ".join(FAMILIES))
    _check(prices, ceiling)
    if family == "addition" and ceiling is None:
        raise PricingError("pricing.needs_ceiling", family=family)
    eligible = {t: p for t, p in prices.items() if ceiling is None or p <= ceiling}
    lowest = min(eligible.values()) if eligible else None
    out: dict[str, PriceResult] = {}
    for tool, price in prices.items():
        if tool not in eligible:
            out[tool] = PriceResult(tool, price, True, None)
            continue
        value: Fraction | None = None
        if family == "lowest_ratio":
            assert lowest is not None
            value = Fraction(points) * Fraction(lowest) / Fraction(price)
        elif family == "addition":
            assert ceiling is not None
            value = Fraction(points) * (1 - Fraction(price) / Fraction(ceiling))
        out[tool] = PriceResult(tool, price, False, value)
    return out


def division_values(technical: Mapping[str, Fraction], prices: Mapping[str, Amount]) -> dict[str, Fraction]:
    """除算方式: technical points ÷ price, exactly (scale for display however you like; the order holds)."""
    _check(prices, None)
    missing = [t for t in technical if t not in prices]
    if missing:
        raise PricingError("pricing.no_price", tool=missing[0])
    return {tool: Fraction(score) / Fraction(prices[tool]) for tool, score in technical.items()}
