"""Price families against hand-worked cases, with the arithmetic written out."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from toolbench.methods.pricing import PricingError, division_values, price_points

PRICES = {"alpha": Decimal("4800000"), "kami": Decimal("3960000"), "form": Decimal("5280000")}


def test_lowest_price_ratio() -> None:
    """配点 20 × 最低 3,960,000 ÷ 提案: kami 20; alpha 20 × 3.96/4.8 = 16.5; form 20 × 3.96/5.28 = 15."""
    result = price_points("lowest_ratio", Decimal(20), PRICES)
    assert {t: r.points for t, r in result.items()} == {"alpha": Fraction(33, 2), "kami": 20, "form": 15}


def test_lowest_ratio_takes_the_lowest_eligible_price() -> None:
    """Ceiling 5,000,000: form (5.28M) is out before scoring; the lowest among the rest stays kami."""
    result = price_points("lowest_ratio", Decimal(20), PRICES, ceiling=Decimal("5000000"))
    assert result["form"].over_ceiling and result["form"].points is None
    assert result["alpha"].points == Fraction(33, 2) and result["kami"].points == 20
    # a bid exactly at the ceiling is still eligible
    at = price_points("lowest_ratio", Decimal(20), PRICES, ceiling=Decimal("5280000"))
    assert not at["form"].over_ceiling and at["form"].points == 15


def test_addition_method() -> None:
    """価格点 = 30 × (1 − 入札 ÷ 予定価格 6,000,000): alpha 30 × 0.2 = 6; kami 30 × 0.34 = 10.2; form 30 × 0.12 = 3.6."""
    result = price_points("addition", Decimal(30), PRICES, ceiling=Decimal("6000000"))
    assert {t: r.points for t, r in result.items()} == {
        "alpha": Fraction(6),
        "kami": Fraction(51, 5),
        "form": Fraction(18, 5),
    }


def test_division_method_order_survives_any_display_scaling() -> None:
    """評価値 = 技術点 ÷ 入札価格: 60/4.8M vs 58.5/3.96M vs 61/5.28M → kami > alpha > form, per yen or per million."""
    technical = {"alpha": Fraction(60), "kami": Fraction(117, 2), "form": Fraction(61)}
    values = division_values(technical, PRICES)
    order = sorted(values, key=lambda t: values[t], reverse=True)
    assert order == ["kami", "alpha", "form"]
    for scale in (1, 10**6, 10**8):
        scaled = {t: v * scale for t, v in values.items()}
        assert sorted(scaled, key=lambda t: scaled[t], reverse=True) == order
    assert values["kami"] == Fraction(117, 2) / 3960000


def test_none_and_ordinal_give_no_formula_points_but_still_check_the_ceiling() -> None:
    for family in ("none", "ordinal"):
        result = price_points(family, Decimal(20), PRICES, ceiling=Decimal("5000000"))
        assert all(r.points is None for r in result.values())
        assert [t for t, r in result.items() if r.over_ceiling] == ["form"]


@pytest.mark.parametrize(
    ("family", "prices", "ceiling", "key"),
    [
        ("lowest_ratio", {"a": Decimal(0)}, None, "pricing.not_positive"),
        ("lowest_ratio", {"a": Decimal(-5)}, None, "pricing.not_positive"),
        ("addition", {"a": Decimal(5)}, None, "pricing.needs_ceiling"),
        ("addition", {"a": Decimal(5)}, Decimal(0), "pricing.bad_ceiling"),
        ("cheapest", {"a": Decimal(5)}, None, "pricing.unknown_family"),
    ],
)
def test_bad_prices_and_rules(family: str, prices: dict[str, Decimal], ceiling: Decimal | None, key: str) -> None:
    with pytest.raises(PricingError) as error:
        price_points(family, Decimal(20), prices, ceiling)
    assert error.value.key == key
    assert error.value.message("ja") and error.value.message("en")
