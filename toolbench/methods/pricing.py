"""Price points by the families used in Japanese public procurement, exactly.

The one owner of every price rule: `evaluation.evaluate` and `robustness` call these
functions and restate none of them. The family names are `model.families.PRICE_FAMILIES`.

    lowest_ratio  配点 × 最低提案価格 ÷ 提案価格 (proposal style; depends on the other bids)
    addition      価格点 = 配分 × (1 − 入札価格 ÷ 予定価格); total = 技術点 + 価格点
    division      評価値 = 技術点 ÷ 入札価格; any display scaling keeps the order
    ordinal       price judged on a scale like a rating (no formula points here)
    none          price only checked against the ceiling (no price points)

In every family a price above the ceiling (予定価格 / 提案上限額) disqualifies the
candidate before scoring, and the lowest price is taken among those still eligible.
Prices are compared on the plan's tax basis (`tax_basis_price`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from toolbench.base.errors import ToolbenchError
from toolbench.model.families import PRICE_FAMILIES, PRICE_POINT_FAMILIES, PriceFamily

Amount = Decimal | Fraction

FORMULA_FAMILIES: tuple[PriceFamily, ...] = ("lowest_ratio", "addition")
"""Families whose price points come from a formula on the price (`price_share`)."""


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


# --- what each family does -------------------------------------------------------------


def gives_price_points(family: str) -> bool:
    """Whether the price criterion carries points (by formula, or judged under ordinal)."""
    return family in PRICE_POINT_FAMILIES


def weighs_price(family: str) -> bool:
    """Whether price counts beyond the ceiling check (every family but none)."""
    return family != "none"


def needs_price(family: str) -> bool:
    """Whether the family cannot place a candidate without its price (formula points or the 除算方式 value)."""
    return family in FORMULA_FAMILIES or ranks_by_value(family)


def ranks_by_value(family: str) -> bool:
    """Whether the rank follows 評価値 = 技術点 ÷ 価格 (除算方式) rather than the total."""
    return family == "division"


def price_is_judged(family: str) -> bool:
    """Whether evaluators judge the price on a scale like a rating (ordinal)."""
    return family == "ordinal"


def depends_on_other_bids(family: str) -> bool:
    """Whether one candidate's price points change with another's bid (only the lowest-price ratio)."""
    return family == "lowest_ratio"


# --- the formulas ----------------------------------------------------------------------


def tax_basis_price(amount: Amount, given: str, wanted: str, rate: Amount) -> Fraction:
    """A price on the plan's tax basis: 税込 ÷ (1 + rate) or 税抜 × (1 + rate), exactly."""
    value = Fraction(amount)
    if given == wanted:
        return value
    factor = 1 + Fraction(rate)
    return value / factor if given == "included" else value * factor


def over_ceiling(price: Amount, ceiling: Amount | None) -> bool:
    """Whether a price is above the ceiling (予定価格 / 提案上限額); a price at it is still eligible."""
    return ceiling is not None and price > ceiling


def lowest_price(prices: Mapping[str, Amount], ceiling: Amount | None = None) -> Fraction | None:
    """The lowest price among those not over the ceiling, exactly; None when none is left."""
    eligible = [p for p in prices.values() if not over_ceiling(p, ceiling)]
    return Fraction(min(eligible)) if eligible else None


def lowest_ratio_share(lowest: Amount, price: Amount) -> Fraction:
    """最低提案価格 ÷ 提案価格: the share of the price criterion's points a proposal earns."""
    return Fraction(lowest) / Fraction(price)


def addition_share(price: Amount, ceiling: Amount) -> Fraction:
    """加算方式: 1 − 入札価格 ÷ 予定価格, the share of the price allocation a bid earns."""
    return 1 - Fraction(price) / Fraction(ceiling)


def price_share(
    family: str, price: Amount, *, lowest: Amount | None = None, ceiling: Amount | None = None
) -> Fraction | None:
    """The share of the price criterion's points `price` earns under `family`; None without a formula or its figure."""
    if family == "lowest_ratio" and lowest is not None:
        return lowest_ratio_share(lowest, price)
    if family == "addition" and ceiling is not None:
        return addition_share(price, ceiling)
    return None


def division_value(technical: Amount, price: Amount, scale: Amount | int = 1) -> Fraction:
    """除算方式 評価値: 技術点 ÷ 入札価格 × scale, exactly (the display scale never changes the order)."""
    return Fraction(technical) * Fraction(scale) / Fraction(price)


# --- over all candidates -----------------------------------------------------------------


def _finite_positive(value: Amount) -> bool:
    return (not isinstance(value, Decimal) or value.is_finite()) and value > 0


def _check(prices: Mapping[str, Amount], ceiling: Amount | None) -> None:
    for tool, price in prices.items():
        if not _finite_positive(price):
            raise PricingError("pricing.not_positive", tool=tool, price=price)
    if ceiling is not None and not _finite_positive(ceiling):
        raise PricingError("pricing.bad_ceiling", ceiling=ceiling)


def price_points(
    family: str, points: Amount, prices: Mapping[str, Amount], ceiling: Amount | None = None
) -> dict[str, PriceResult]:
    """Each tool's price points under `family`, with candidates over the ceiling set aside."""
    if family not in PRICE_FAMILIES:
        raise PricingError("pricing.unknown_family", family=family, known=", ".join(PRICE_FAMILIES))
    _check(prices, ceiling)
    if family == "addition" and ceiling is None:
        raise PricingError("pricing.needs_ceiling", family=family)
    lowest = lowest_price(prices, ceiling)
    out: dict[str, PriceResult] = {}
    for tool, price in prices.items():
        if over_ceiling(price, ceiling):
            out[tool] = PriceResult(tool, price, True, None)
            continue
        share = price_share(family, price, lowest=lowest, ceiling=ceiling)
        out[tool] = PriceResult(tool, price, False, None if share is None else Fraction(points) * share)
    return out


def division_values(technical: Mapping[str, Fraction], prices: Mapping[str, Amount]) -> dict[str, Fraction]:
    """除算方式: technical points ÷ price, exactly (scale for display however you like; the order holds)."""
    _check(prices, None)
    missing = [t for t in technical if t not in prices]
    if missing:
        raise PricingError("pricing.no_price", tool=missing[0])
    return {tool: division_value(score, prices[tool]) for tool, score in technical.items()}
