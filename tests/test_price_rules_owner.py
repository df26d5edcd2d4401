"""One owner per price rule: `methods.pricing` computes every price formula, the others call it.

Every family is worked by hand below, with the arithmetic written out. The evaluation
and the robustness model must give the hand figures *and* exactly what pricing's
functions give; a source check fails when evaluation.py or robustness.py names a
family in a comparison, lists families, or divides by a price, a ceiling or a lowest
bid itself, and when any module but model/families.py lists the family names.

The plan used throughout (one evaluator, tax included, scale five: 5 → 1, 4 → 0.75, 3 → 0.5):

    quality  80 points   a rates 5 → 80, b rates 4 → 60, c rates 3 → 40
    price    20 points   a 4,000,000   b 5,000,000   c 6,000,000
"""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from toolbench.methods import pricing
from toolbench.methods.evaluation import SCORE_RECORDED, Evaluation, evaluate
from toolbench.methods.robustness import additive_model, leave_one_bidder_out
from toolbench.model.plan import PRICE_FAMILIES, PRICE_POINT_FAMILIES, Plan, parse_plan
from toolbench.store.ledger import Event

PACKAGE = Path(pricing.__file__).resolve().parents[1]
PRICES = {"a": 4_000_000, "b": 5_000_000, "c": 6_000_000}
QUALITY = {"a": "5", "b": "4", "c": "3"}
TECHNICAL = {"a": Fraction(80), "b": Fraction(60), "c": Fraction(40)}


def make_plan(
    family: str,
    *,
    price_points: int = 20,
    ceiling: int | None = None,
    tools: Mapping[str, Mapping[str, Any]] | None = None,
    round_at: Sequence[str] = (),
) -> Plan:
    price: dict[str, Any] = {"family": family, "tax": "included"}
    if ceiling is not None:
        price["ceiling"] = ceiling
    price_criterion: dict[str, Any] = {
        "id": "price",
        "name": "Price",
        "group": "cost",
        "kind": "price",
        "points": price_points,
    }
    if family == "ordinal":
        price_criterion["scale"] = "five"
    given = tools or {t: {"amount": p, "tax": "included"} for t, p in PRICES.items()}
    data = {
        "evaluation": {"title": "Price rules", "language": "en", "round_at": list(round_at)},
        "price": price,
        "groups": {"tech": "Technical", "cost": "Cost"},
        "scales": {"five": {"ratios": {"5": 1.0, "4": 0.75, "3": 0.5, "2": 0.25, "1": 0.0}}},
        "criteria": [
            {"id": "quality", "name": "Quality", "group": "tech", "kind": "rating", "points": 80, "scale": "five"},
            price_criterion,
        ],
        "tools": [{"id": t, "name": t.upper(), "vendor": f"{t} Co.", "price": p} for t, p in given.items()],
        "evaluators": [{"id": "e1", "name": "E1"}],
    }
    return parse_plan(data)


def scores(levels: Mapping[tuple[str, str], str]) -> list[Event]:
    """SCORE_RECORDED events of evaluator e1, one per (tool, criterion)."""
    return [
        Event(seq, "2026-04-14T00:00:00.000000Z", "t", SCORE_RECORDED, payload, "", "", f"h{seq}")
        for seq, payload in enumerate(
            (
                {"tool": tool, "evaluator": "e1", "criterion": criterion, "level": level}
                for (tool, criterion), level in levels.items()
            ),
            start=1,
        )
    ]


def evaluated(family: str, price_levels: Mapping[str, str] | None = None, **options: Any) -> Evaluation:
    levels = {(t, "quality"): level for t, level in QUALITY.items()}
    levels |= {(t, "price"): level for t, level in (price_levels or {}).items()}
    return evaluate(make_plan(family, **options), scores(levels))


def by_tool(evaluation: Evaluation, attribute: str) -> dict[str, object]:
    return {r.tool.id: getattr(r, attribute) for r in evaluation.results}


# --- the family list --------------------------------------------------------------------


def test_the_family_list_is_the_plans_literal() -> None:
    assert PRICE_FAMILIES == ("lowest_ratio", "addition", "division", "ordinal", "none")
    assert set(PRICE_POINT_FAMILIES) | {"division", "none"} == set(PRICE_FAMILIES)
    assert set(pricing.FORMULA_FAMILIES) < set(PRICE_POINT_FAMILIES)
    with pytest.raises(pricing.PricingError) as error:
        pricing.price_points("cheapest", 20, {"a": Fraction(1)})
    assert error.value.params["known"] == ", ".join(PRICE_FAMILIES)


# --- lowest_ratio -----------------------------------------------------------------------


def test_lowest_ratio_in_the_evaluation_is_pricings() -> None:
    """20 × 最低 4,000,000 ÷ 価格: a 20 × 4/4 = 20; b 20 × 4/5 = 16; c 20 × 4/6 = 40/3 (13.33…)."""
    hand = {"a": Fraction(20), "b": Fraction(16), "c": Fraction(40, 3)}
    assert pricing.lowest_price(PRICES) == 4_000_000
    assert {t: 20 * pricing.lowest_ratio_share(4_000_000, p) for t, p in PRICES.items()} == hand
    owner = {t: r.points for t, r in pricing.price_points("lowest_ratio", 20, PRICES).items()}
    assert owner == hand
    result = evaluated("lowest_ratio")
    assert by_tool(result, "price_points") == hand
    # totals: a 80 + 20 = 100; b 60 + 16 = 76; c 40 + 40/3 = 160/3
    assert by_tool(result, "total") == {"a": 100, "b": 76, "c": Fraction(160, 3)}
    assert result.result("b").cells["price"].ratio == Fraction(4, 5)


def test_a_zero_point_price_criterion_takes_its_ratio_from_pricing_in_the_model() -> None:
    """Price worth 0 points: the model's price coefficient is the formula's share, not 0 ÷ 0.

    lowest_ratio: a 4/4 = 1, b 4/5, c 4/6 = 2/3. addition (予定価格 8,000,000): a 1 − 4/8 = 1/2,
    b 1 − 5/8 = 3/8, c 1 − 6/8 = 1/4.
    """
    hands = {
        "lowest_ratio": {"a": Fraction(1), "b": Fraction(4, 5), "c": Fraction(2, 3)},
        "addition": {"a": Fraction(1, 2), "b": Fraction(3, 8), "c": Fraction(1, 4)},
    }
    for family, hand in hands.items():
        model = additive_model(evaluated(family, price_points=0, ceiling=8_000_000))
        column = model.criteria.index(next(c for c in model.criteria if c.id == "price"))
        found = {t: row[column] for t, row in zip(model.tools, model.coefficients, strict=True)}
        owner = {
            t: pricing.price_share(family, p, lowest=pricing.lowest_price(PRICES), ceiling=8_000_000)
            for t, p in PRICES.items()
        }
        assert found == hand == owner, family


def test_leave_one_bidder_out_recomputes_with_pricings_lowest_ratio() -> None:
    """Remove a (the lowest, 4,000,000): the new lowest is b's 5,000,000.

    b 60 + 20 × 5/5 = 80; c 40 + 20 × 5/6 = 40 + 50/3 = 170/3. Remove b or c: the lowest stays 4,000,000.
    """
    model = additive_model(evaluated("lowest_ratio"))
    loo = leave_one_bidder_out(model)
    assert loo.applies and pricing.depends_on_other_bids("lowest_ratio")
    without_a = next(r for r in loo.removals if r.removed == "a")
    assert (without_a.lowest_before, without_a.lowest_after) == (4_000_000, 5_000_000)
    assert without_a.lowest_after == pricing.lowest_price({"b": PRICES["b"], "c": PRICES["c"]})
    assert without_a.totals_after == {"b": 80, "c": Fraction(170, 3)}
    assert without_a.totals_after["c"] == 40 + 20 * pricing.lowest_ratio_share(5_000_000, 6_000_000)
    for removed in ("b", "c"):
        assert next(r for r in loo.removals if r.removed == removed).lowest_after == 4_000_000


# --- 加算方式 addition -------------------------------------------------------------------


def test_addition_in_the_evaluation_is_pricings() -> None:
    """20 × (1 − 価格 ÷ 予定価格 8,000,000): a 20 × 1/2 = 10; b 20 × 3/8 = 7.5; c 20 × 1/4 = 5."""
    hand = {"a": Fraction(10), "b": Fraction(15, 2), "c": Fraction(5)}
    assert {t: 20 * pricing.addition_share(p, 8_000_000) for t, p in PRICES.items()} == hand
    owner = {t: r.points for t, r in pricing.price_points("addition", 20, PRICES, 8_000_000).items()}
    assert owner == hand
    result = evaluated("addition", ceiling=8_000_000)
    assert by_tool(result, "price_points") == hand
    # totals: a 80 + 10 = 90; b 60 + 7.5 = 67.5; c 40 + 5 = 45
    assert by_tool(result, "total") == {"a": 90, "b": Fraction(135, 2), "c": 45}
    assert not leave_one_bidder_out(additive_model(result)).applies


# --- 除算方式 division -------------------------------------------------------------------


def test_division_in_the_evaluation_and_the_model_is_pricings() -> None:
    """評価値 = 技術点 ÷ 価格 × 1,000,000 (the default display scale).

    a 80 ÷ 4 = 20; b 60 ÷ 5 = 12; c 40 ÷ 6 = 20/3. In the model each coefficient is
    divided by the price: quality a 1/4,000,000, b 0.75/5,000,000 = 3/20,000,000, c 0.5/6,000,000 = 1/12,000,000.
    """
    hand = {"a": Fraction(20), "b": Fraction(12), "c": Fraction(20, 3)}
    owner = {t: pricing.division_value(TECHNICAL[t], p, 1_000_000) for t, p in PRICES.items()}
    assert owner == hand
    assert {t: v * 1_000_000 for t, v in pricing.division_values(TECHNICAL, PRICES).items()} == hand
    result = evaluated("division", price_points=0)
    assert by_tool(result, "value") == hand
    assert by_tool(result, "by_value") == {"a": True, "b": True, "c": True}
    assert by_tool(result, "price_points") == {"a": None, "b": None, "c": None}
    assert by_tool(result, "rank") == {"a": 1, "b": 2, "c": 3}
    model = additive_model(result)
    assert [c.id for c in model.criteria] == ["quality"]
    coefficients = {t: row[0] for t, row in zip(model.tools, model.coefficients, strict=True)}
    assert coefficients == {"a": Fraction(1, 4_000_000), "b": Fraction(3, 20_000_000), "c": Fraction(1, 12_000_000)}
    ratios = {"a": Fraction(1), "b": Fraction(3, 4), "c": Fraction(1, 2)}
    assert coefficients == {t: pricing.division_value(ratios[t], p) for t, p in PRICES.items()}


# --- ordinal and none ----------------------------------------------------------------------


def test_ordinal_points_come_from_the_evaluators_not_a_formula() -> None:
    """Price rated on scale five: a 5 → 20 × 1 = 20, b 3 → 20 × 0.5 = 10; c not rated → no points yet."""
    assert all(r.points is None for r in pricing.price_points("ordinal", 20, PRICES).values())
    assert pricing.price_is_judged("ordinal") and not pricing.needs_price("ordinal")
    result = evaluated("ordinal", {"a": "5", "b": "3"})
    assert by_tool(result, "price_points") == {"a": 20, "b": 10, "c": None}
    assert by_tool(result, "awaiting_price") == {"a": False, "b": False, "c": False}


def test_none_gives_no_price_points_and_only_checks_the_ceiling() -> None:
    """none with ceiling 5,500,000: c (6,000,000) is out; a and b rank on technical points alone (80, 60)."""
    assert all(r.points is None for r in pricing.price_points("none", 20, PRICES).values())
    assert not pricing.weighs_price("none")
    result = evaluated("none", price_points=0, ceiling=5_500_000)
    assert not result.price_separate
    assert by_tool(result, "price_points") == {"a": None, "b": None, "c": None}
    assert by_tool(result, "total") == {"a": 80, "b": 60, "c": 40}
    assert by_tool(result, "rank") == {"a": 1, "b": 2, "c": None}


# --- the ceiling and the tax basis ---------------------------------------------------------


@pytest.mark.parametrize("family", PRICE_FAMILIES)
def test_the_ceiling_check_is_pricings_in_every_family(family: str) -> None:
    """Ceiling 5,000,000: c (6,000,000) is over it and out; b exactly at it stays eligible."""
    assert pricing.over_ceiling(6_000_000, 5_000_000) and not pricing.over_ceiling(5_000_000, 5_000_000)
    points = 20 if family in PRICE_POINT_FAMILIES else 0
    result = evaluated(family, {"a": "5", "b": "5", "c": "5"}, price_points=points, ceiling=5_000_000)
    out = {r.tool.id for r in result.results if any(f.key == "dq.over_ceiling" for f in r.disqualified)}
    assert out == {t for t, p in PRICES.items() if pricing.over_ceiling(p, 5_000_000)} == {"c"}


def test_lowest_ratio_takes_the_lowest_among_those_under_the_ceiling() -> None:
    """Tax basis first, then the ceiling, then the lowest among those left.

    a gives 4,000,000 tax excluded: 4,000,000 × 1.1 = 4,400,000 tax included, under the
    ceiling 4,500,000; b 3,000,000 (the lowest); c 6,000,000 is over the ceiling and out.
    a 20 × 3,000,000 ÷ 4,400,000 = 20 × 15/22 = 150/11; b 20 × 3/3 = 20.
    """
    tools = {
        "a": {"amount": 4_000_000, "tax": "excluded"},
        "b": {"amount": 3_000_000, "tax": "included"},
        "c": {"amount": 6_000_000, "tax": "included"},
    }
    result = evaluated("lowest_ratio", ceiling=4_500_000, tools=tools)
    compared = pricing.tax_basis_price(4_000_000, "excluded", "included", Fraction(1, 10))
    assert compared == 4_400_000 == result.result("a").price
    assert pricing.tax_basis_price(4_400_000, "included", "excluded", Fraction(1, 10)) == 4_000_000
    assert by_tool(result, "price_points") == {"a": Fraction(150, 11), "b": 20, "c": None}
    assert pricing.lowest_price({"a": compared, "b": 3_000_000, "c": 6_000_000}, 4_500_000) == 3_000_000


def test_price_points_are_rounded_only_where_the_plan_says() -> None:
    """round_at criterion, 2 decimals half up: c's 40/3 = 13.333… becomes 13.33 (pricing gives it exact)."""
    result = evaluated("lowest_ratio", round_at=["criterion"])
    assert result.result("c").price_points == Fraction("13.33")
    assert pricing.price_points("lowest_ratio", 20, PRICES)["c"].points == Fraction(40, 3)


# --- nobody restates a rule -----------------------------------------------------------------


def _tree(relative: str) -> ast.Module:
    return ast.parse((PACKAGE / relative).read_text(encoding="utf-8"))


def _names(node: ast.AST) -> set[str]:
    found = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            found.add(sub.id)
        elif isinstance(sub, ast.Attribute):
            found.add(sub.attr)
    return found


@pytest.mark.parametrize("relative", ["methods/evaluation.py", "methods/robustness.py"])
def test_evaluation_and_robustness_restate_no_price_rule(relative: str) -> None:
    """No family name compared or listed, and no division by a price, a ceiling or a lowest bid."""
    families = set(PRICE_FAMILIES)
    problems = []
    for node in ast.walk(_tree(relative)):
        if isinstance(node, ast.Compare):
            for part in (node.left, *node.comparators):
                for sub in ast.walk(part):
                    if isinstance(sub, ast.Constant) and sub.value in families:
                        problems.append(f"line {node.lineno}: compares with {sub.value!r}")
        elif isinstance(node, ast.Tuple | ast.List | ast.Set):
            listed = [e.value for e in node.elts if isinstance(e, ast.Constant) and e.value in families]
            if listed:
                problems.append(f"line {node.lineno}: lists {listed}")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            touched = _names(node.right) & {"price", "ceiling", "lowest", "new_lowest"}
            if touched:
                problems.append(f"line {node.lineno}: divides by {sorted(touched)}")
    assert problems == [], f"{relative} restates a price rule owned by methods/pricing.py: {problems}"


def test_only_the_model_lists_the_families() -> None:
    """A literal naming two or more families lives only in model/families.py (and pricing's FORMULA_FAMILIES)."""
    families = set(PRICE_FAMILIES)
    listed = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Tuple | ast.List | ast.Set):
                names = [e.value for e in node.elts if isinstance(e, ast.Constant) and e.value in families]
                if len(names) >= 2:
                    listed.append((relative, tuple(names)))
    allowed = {("methods/pricing.py", tuple(pricing.FORMULA_FAMILIES))}
    assert {entry for entry in listed if not entry[0].startswith("model/families.py")} <= allowed
