"""Procurement scoring end to end: price families, plan rules, rounding places, must-haves,
足切り, tie-breaks, metric criteria, committee consensus and the commands that record them.

Every workspace is a real folder with a real SQLite ledger, built from a small TOML plan
written for the test (`plan_text`). Every expected figure is worked by hand, with exact
fractions, in the comment or docstring next to it; none is copied from the code's output.

The scales used throughout (declared in every plan):

    five  5 → 1.00, 4 → 0.75, 3 → 0.50, 2 → 0.25, 1 → 0.00
    half  a → 1, b → 1/2, c → 0
    odd   h → 1/2, x → 3/8 (0.375), q → 0.1667, e → 1/8 (0.125), z → 0
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import jsonschema
import pytest
from click.testing import Result

from toolbench import EvaluationBlocked, PlanError, ScoreError, Workspace
from toolbench.base.errors import Problem
from toolbench.base.i18n import translate
from toolbench.methods.evaluation import METRIC_RECORDED, SCORE_MODERATED, SCORE_RECORDED, Evaluation, ToolResult
from toolbench.model.plan import load_plan, parse_plan, parse_toml_text

DATA = Path(__file__).parent / "data"
SCHEMA = json.loads((Path(__file__).parents[1] / "docs" / "matrix.schema.json").read_text(encoding="utf-8"))

# --- building plans and workspaces ----------------------------------------------------

SCALES = """
[scales.five]
ratios = { 5 = 1.00, 4 = 0.75, 3 = 0.50, 2 = 0.25, 1 = 0.00 }

[scales.half]
ratios = { a = 1.0, b = 0.5, c = 0.0 }

[scales.odd]
ratios = { h = 0.5, x = 0.375, q = 0.1667, e = 0.125, z = 0.0 }
"""

_GROUP_OF_KIND = {"rating": "tech", "metric": "tech", "price": "cost", "must": "req"}


def toml(value: object) -> str:
    """A Python value as a TOML literal (inline tables for mappings)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{k} = {toml(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml(v) for v in value) + "]"
    raise TypeError(value)


def crit(id: str, points: object, kind: str = "rating", **extra: object) -> dict[str, object]:
    """A criterion; ratings default to the `five` scale. `scale=None` leaves the scale out."""
    data: dict[str, object] = {"id": id, "name": id.upper(), "group": _GROUP_OF_KIND[kind], "kind": kind}
    data["points"] = points
    if kind == "rating":
        data["scale"] = "five"
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


def tool(id: str, price: object = None, tax: str = "included") -> dict[str, object]:
    data: dict[str, object] = {"id": id, "name": id.upper(), "vendor": f"{id} Co."}
    if price is not None:
        data["price"] = {"amount": price, "tax": tax}
    return data


def plan_text(
    *,
    criteria: Sequence[Mapping[str, object]],
    tools: Sequence[Mapping[str, object]],
    evaluators: int = 2,
    evaluation: Mapping[str, object] | None = None,
    price: Mapping[str, object] | None = None,
    scoring: Mapping[str, object] | None = None,
) -> str:
    """A whole plan: evaluators are e1 … eN; groups tech, ops, cost, req; scales five, half, odd."""
    lines = ["[evaluation]", 'title = "Procurement test"', 'language = "en"']
    lines += [f"{k} = {toml(v)}" for k, v in (evaluation or {}).items()]
    for table, body in (("price", price), ("scoring", scoring)):
        if body:
            lines += ["", f"[{table}]", *(f"{k} = {toml(v)}" for k, v in body.items())]
    lines += ["", "[groups]", 'tech = "Technical"', 'ops = "Operations"', 'cost = "Cost"', 'req = "Requirements"']
    lines.append(SCALES)
    for criterion in criteria:
        lines += ["[[criteria]]", *(f"{k} = {toml(v)}" for k, v in criterion.items()), ""]
    for entry in tools:
        lines += ["[[tools]]", *(f"{k} = {toml(v)}" for k, v in entry.items()), ""]
    for index in range(1, evaluators + 1):
        lines += ["[[evaluators]]", f'id = "e{index}"', f'name = "E{index}"', ""]
    return "\n".join(lines)


Make = Callable[..., Workspace]


@pytest.fixture()
def make(tmp_path: Path) -> Iterator[Make]:
    """Build a workspace (real folder, real SQLite ledger) from plan text."""
    opened: list[Workspace] = []

    def build(text: str, name: str = "ws") -> Workspace:
        root = tmp_path / name
        root.mkdir()
        (root / "toolbench.toml").write_text(text, encoding="utf-8")
        workspace = Workspace.start_ledger(root)
        opened.append(workspace)
        return workspace

    yield build
    for workspace in opened:
        workspace.close()


def rate(ws: Workspace, tool_id: str, criterion: str, *levels: str | None) -> None:
    """Record levels of e1, e2, … in order for one cell; None skips that evaluator."""
    for index, level in enumerate(levels, start=1):
        if level is not None:
            ws.record_scores(tool_id, f"e{index}", {criterion: level}, actor="t")


def ranks(evaluation: Evaluation) -> dict[str, int | None]:
    return {r.tool.id: r.rank for r in evaluation.results}


def problems_of(text: str) -> list[Problem]:
    with pytest.raises(PlanError) as info:
        parse_plan(parse_toml_text(text, "toolbench.toml"), text=text)
    return info.value.problems


# --- 1. price families through workspace.evaluate() ------------------------------------


def test_lowest_ratio_with_ceiling_and_lowest_eligible_price(make: Make) -> None:
    """lowest_ratio: 価格点 = 20 × 最低価格 ÷ 価格, the lowest taken among the eligible only.

    quality 80 points; price 20 points; ceiling 5,000,000 (tax included); two evaluators.
      a  4,000,000  quality 4,4 → 0.75 × 80 = 60   LGWAN pass, pass
      b  5,000,000  quality 5,5 → 80               LGWAN 適, 適 (exactly at the ceiling: eligible)
      c  6,000,000  quality 5,5 → 80               over the ceiling: disqualified before scoring
      d  2,000,000  quality 5,5 → 80               LGWAN 否, × → fails by majority: disqualified
    The lowest price among the eligible (a, b) is 4,000,000, not d's 2,000,000:
      a 20 × 4,000,000 ÷ 4,000,000 = 20 → total 60 + 20 = 80
      b 20 × 4,000,000 ÷ 5,000,000 = 16 → total 80 + 16 = 96
    (Had d's price counted, a would get 20 × 2/4 = 10 and b 20 × 2/5 = 8.)
    """
    ws = make(
        plan_text(
            criteria=[crit("quality", 80), crit("price", 20, "price"), crit("lgwan", 0, "must")],
            tools=[tool("a", 4000000), tool("b", 5000000), tool("c", 6000000), tool("d", 2000000)],
            price={"family": "lowest_ratio", "ceiling": 5000000},
        )
    )
    rate(ws, "a", "quality", "4", "4")
    for t in ("b", "c", "d"):
        rate(ws, t, "quality", "5", "5")
    rate(ws, "a", "lgwan", "pass", "pass")
    rate(ws, "b", "lgwan", "適", "適")
    rate(ws, "c", "lgwan", "pass", "pass")
    rate(ws, "d", "lgwan", "否", "×")
    result = ws.evaluate()
    a, b, c, d = result.results
    assert a.price_points == 20 and a.cells["price"].points == 20 and a.total == 80
    assert b.price_points == 16 and b.total == 96 and b.eligible
    assert b.cells["price"].price == 5000000 and b.cells["price"].ratio == Fraction(4, 5)
    assert ranks(result) == {"a": 2, "b": 1, "c": None, "d": None}
    assert [r.tool.id for r in result.ranking()] == ["b", "a", "c", "d"]

    assert [f.key for f in c.disqualified] == ["dq.over_ceiling"]
    assert c.price == 6000000 and c.price_points is None and c.cells["price"].points is None and c.rank is None
    over = c.disqualified[0]
    assert (over.params["price"], over.params["ceiling"]) == ("6,000,000", "5,000,000")
    assert translate(over.key, "en", **over.params) == (
        "price 6,000,000 yen (tax included) is above the ceiling 5,000,000 yen: disqualified before scoring"
    )

    assert [f.key for f in d.disqualified] == ["dq.must_failed"]
    failed = d.disqualified[0]
    assert (failed.params["criterion"], failed.params["passes"], failed.params["fails"]) == ("lgwan", 0, 2)
    assert (
        translate(failed.key, "en", **failed.params) == "must-have lgwan failed (0 pass, 2 fail; decided by majority)"
    )
    assert d.price_points is None and d.rank is None
    # 適 and × were recorded as pass and fail
    assert [s.level for s in b.musts["lgwan"].votes] == ["pass", "pass"]
    assert [s.level for s in d.musts["lgwan"].votes] == ["fail", "fail"]


def test_addition_method(make: Make) -> None:
    """加算方式: 価格点 = 30 × (1 − 価格 ÷ 予定価格 10,000,000); total = technical + price points.

    a  8,000,000  quality 5,5 → 70             price 30 × (1 − 0.8) = 6   total 76
    b  6,000,000  quality 4,4 → 0.75 × 70 = 52.5  price 30 × (1 − 0.6) = 12  total 64.5
    c 10,000,000  quality 5,4 → 0.875 × 70 = 61.25 price 30 × (1 − 1) = 0  total 61.25 (at the ceiling: eligible)
    d 12,000,000  over the ceiling: disqualified, no price points
    """
    ws = make(
        plan_text(
            criteria=[crit("quality", 70), crit("price", 30, "price")],
            tools=[tool("a", 8000000), tool("b", 6000000), tool("c", 10000000), tool("d", 12000000)],
            price={"family": "addition", "ceiling": 10000000},
        )
    )
    rate(ws, "a", "quality", "5", "5")
    rate(ws, "b", "quality", "4", "4")
    rate(ws, "c", "quality", "5", "4")
    rate(ws, "d", "quality", "5", "5")
    result = ws.evaluate()
    a, b, c, d = result.results
    assert (a.technical, a.price_points, a.total) == (70, 6, 76)
    assert (b.technical, b.price_points, b.total) == (Fraction(105, 2), 12, Fraction(129, 2))
    assert (c.technical, c.price_points, c.total) == (Fraction(245, 4), 0, Fraction(245, 4))
    assert a.cells["price"].ratio == Fraction(1, 5) and c.cells["price"].ratio == 0 and c.eligible
    assert [f.key for f in d.disqualified] == ["dq.over_ceiling"] and d.price_points is None
    assert ranks(result) == {"a": 1, "b": 2, "c": 3, "d": None}
    assert result.max_points == 100 and result.technical_max == 70


def _division_plan(scale: object, round_at: list[str] | None, prices: Sequence[int]) -> str:
    evaluation: dict[str, object] = {} if round_at is None else {"round_at": round_at}
    return plan_text(
        criteria=[crit("quality", 80), crit("price", 0, "price")],
        tools=[tool(t, p) for t, p in zip("abc", prices, strict=False)],
        price={"family": "division", "division_scale": scale},
        evaluation=evaluation,
    )


@pytest.mark.parametrize(
    ("scale", "values"),
    [
        # value = technical × scale ÷ price:
        #   a 80 × s ÷ 4,000,000 = s/50,000; b 60 × s ÷ 2,000,000 = 3s/100,000; c 40 × s ÷ 1,600,000 = s/40,000
        (1, (Fraction(1, 50000), Fraction(3, 100000), Fraction(1, 40000))),
        (1000, (Fraction(1, 50), Fraction(3, 100), Fraction(1, 40))),
        (1000000, (Fraction(20), Fraction(30), Fraction(25))),
    ],
)
def test_division_method_rank_follows_value(make: Make, scale: int, values: tuple[Fraction, ...]) -> None:
    """除算方式 (exact figures, round_at = []): the rank follows 技術点 ÷ 価格, at any display scale.

      a technical 5,5 → 80 at 4,000,000; b 4,4 → 60 at 2,000,000; c 3,3 → 40 at 1,600,000.
    b has less technical points than a but a much lower price and wins: b 1, c 2, a 3.
    No price points: the total is the technical points, and price is shown without points.
    """
    ws = make(_division_plan(scale, [], (4000000, 2000000, 1600000)))
    rate(ws, "a", "quality", "5", "5")
    rate(ws, "b", "quality", "4", "4")
    rate(ws, "c", "quality", "3", "3")
    result = ws.evaluate()
    assert tuple(r.value for r in result.results) == values
    assert tuple(r.total for r in result.results) == (80, 60, 40)
    assert tuple(r.technical for r in result.results) == (80, 60, 40)
    assert all(r.price_points is None for r in result.results)
    assert ranks(result) == {"a": 3, "b": 1, "c": 2}
    assert [c.id for c in result.pending_criteria] == ["price"]
    assert "price" not in [c.id for c in result.scored_criteria]


def test_division_scales_agree_with_exact_figures(make: Make) -> None:
    """round_at = [] (exact): a technical 5,5 → 80 at 3,000,000; b 3,3 → 40 at 1,499,700.

    Exact values: a 80 ÷ 3,000,000 = 1/37,500; b 40 ÷ 1,499,700 = 1/37,492.5, larger (lower price per point):
    b 1, a 2, whether scaled by 1,000,000 (a 80/3 = 26.666…, b 40,000,000/1,499,700 = 26.672…) or by 100,000,000.
    """
    for scale in (1000000, 100000000):
        ws = make(_division_plan(scale, [], (3000000, 1499700)), f"s{scale}")
        rate(ws, "a", "quality", "5", "5")
        rate(ws, "b", "quality", "3", "3")
        result = ws.evaluate()
        a, b = result.results
        assert a.value == Fraction(80 * scale, 3000000) and b.value == Fraction(40 * scale, 1499700)
        assert ranks(result) == {"a": 2, "b": 1}


def test_division_scale_never_changes_the_order_under_default_rounding(make: Make) -> None:
    """The same bids under the default round_at = ["total"] (2 decimals, half up).

    Scaled ×100,000,000: a 2,666.666… → 2,666.67, b 2,667.200… → 2,667.20: b 1, a 2 (as exactly).
    Scaled ×1,000,000 (the default): a 26.666… and b 26.672… both show as 26.67, but the rank
    follows the exact values, so the display scale never changes the order.
    """
    found = {}
    for scale in (100000000, 1000000):
        ws = make(_division_plan(scale, None, (3000000, 1499700)), f"s{scale}")
        rate(ws, "a", "quality", "5", "5")
        rate(ws, "b", "quality", "3", "3")
        found[scale] = ranks(ws.evaluate())
    assert found[100000000] == {"a": 2, "b": 1}
    assert found[1000000] == {"a": 2, "b": 1}


def test_division_tool_without_price_is_not_ranked_on_its_technical_points(make: Make) -> None:
    """除算方式 (default scale 1,000,000), d has no price yet.

      a 5,5 → 80 at 4,000,000 → 20;  b 4,4 → 60 at 2,000,000 → 30;  d 3,3 → 40, no price → no 評価値
    d cannot be placed against 評価値 it does not have: b 1, a 2, d unranked and provisional.
    """
    ws = make(
        plan_text(
            criteria=[crit("quality", 80), crit("price", 0, "price")],
            tools=[tool("a", 4000000), tool("b", 2000000), tool("d")],
            price={"family": "division"},
        )
    )
    rate(ws, "a", "quality", "5", "5")
    rate(ws, "b", "quality", "4", "4")
    rate(ws, "d", "quality", "3", "3")
    result = ws.evaluate()
    assert [r.value for r in result.results] == [20, 30, None]
    assert ranks(result) == {"a": 2, "b": 1, "d": None}
    # d waits for its price: provisional, not disqualified
    d = result.result("d")
    assert d.provisional and d.awaiting_price and d.eligible
    assert not result.result("a").provisional


def test_ordinal_price_is_judged_and_counts_in_total_not_technical(make: Make) -> None:
    """ordinal: the price criterion (20 points, scale five) is judged like a rating.

    a quality 5,5 → 80; price 3,3 → 0.5 × 20 = 10; technical 80, total 90
    b quality 4,4 → 60; price 5,5 → 20;           technical 60, total 80
    c price 5,500,000 is above the ceiling 5,000,000: disqualified
    """
    ws = make(
        plan_text(
            criteria=[crit("quality", 80), crit("price", 20, "price", scale="five")],
            tools=[tool("a", 4000000), tool("b", 4500000), tool("c", 5500000)],
            price={"family": "ordinal", "ceiling": 5000000},
        )
    )
    rate(ws, "a", "quality", "5", "5")
    rate(ws, "a", "price", "3", "3")
    rate(ws, "b", "quality", "4", "4")
    rate(ws, "b", "price", "5", "5")
    rate(ws, "c", "quality", "5", "5")
    rate(ws, "c", "price", "5", "5")
    result = ws.evaluate()
    a, b, c = result.results
    assert (a.technical, a.price_points, a.total) == (80, 10, 90)
    assert (b.technical, b.price_points, b.total) == (60, 20, 80)
    assert a.cells["price"].source == "evaluators" and a.cells["price"].price == 4000000
    assert [f.key for f in c.disqualified] == ["dq.over_ceiling"]
    assert ranks(result) == {"a": 1, "b": 2, "c": None}
    assert result.technical_max == 80 and result.max_points == 100


def test_price_family_none_only_checks_the_ceiling(make: Make) -> None:
    """none: no price points at all; a price above the ceiling (5,000,001 > 5,000,000) still disqualifies.

    a 4,000,000 quality 4,4 → 60, total 60; b 5,000,001 quality 5,5 → 80 but disqualified.
    """
    ws = make(
        plan_text(
            criteria=[crit("quality", 80), crit("price", 0, "price")],
            tools=[tool("a", 4000000), tool("b", 5000001)],
            price={"family": "none", "ceiling": 5000000},
        )
    )
    rate(ws, "a", "quality", "4", "4")
    rate(ws, "b", "quality", "5", "5")
    result = ws.evaluate()
    a, b = result.results
    assert a.price_points is None and a.total == 60 and a.value is None and a.rank == 1
    assert [f.key for f in b.disqualified] == ["dq.over_ceiling"] and b.rank is None
    assert [c.id for c in result.pending_criteria] == ["price"] and result.max_points == 80


@pytest.mark.parametrize(
    ("plan_tax", "rate_", "amount", "given", "compared", "ceiling"),
    [
        # 税込 1,100,000 ÷ 1.10 = 1,000,000 税抜: exactly at a 税抜 ceiling of 1,000,000
        ("excluded", 0.10, 1100000, "included", Fraction(1000000), 1000000),
        # 税込 1,080,000 ÷ 1.08 = 1,000,000 税抜 (reduced rate)
        ("excluded", 0.08, 1080000, "included", Fraction(1000000), 1000000),
        # 税抜 1,000,000 × 1.10 = 1,100,000 税込: exactly at a 税込 ceiling of 1,100,000
        ("included", 0.10, 1000000, "excluded", Fraction(1100000), 1100000),
    ],
)
def test_prices_compared_on_the_plans_tax_basis(
    make: Make, plan_tax: str, rate_: float, amount: int, given: str, compared: Fraction, ceiling: int
) -> None:
    """A price given on the other tax basis is converted exactly, then compared with the ceiling (eligible at it)."""
    ws = make(
        plan_text(
            criteria=[crit("quality", 80), crit("price", 20, "price")],
            tools=[tool("a", amount, given), tool("b", ceiling + 1, plan_tax)],
            price={"family": "lowest_ratio", "ceiling": ceiling, "tax": plan_tax, "tax_rate": rate_},
        )
    )
    rate(ws, "a", "quality", "5", "5")
    rate(ws, "b", "quality", "5", "5")
    a, b = ws.evaluate().results
    assert a.price == compared and a.eligible and a.price_points == 20  # the only eligible bid is the lowest
    assert [f.key for f in b.disqualified] == ["dq.over_ceiling"]
    assert b.disqualified[0].params["tax"].key == f"tax.{plan_tax}"  # type: ignore[attr-defined]


# --- 2. plan validation ---------------------------------------------------------------

BASE_CRITERIA = [crit("quality", 80), crit("price", 20, "price"), crit("lgwan", 0, "must")]
BASE_TOOLS = [tool("a", 1000000), tool("b", 2000000)]


def _plan(**changes: object) -> str:
    args: dict[str, object] = {
        "criteria": BASE_CRITERIA,
        "tools": BASE_TOOLS,
        "price": {"family": "lowest_ratio"},
    }
    args.update(changes)
    return plan_text(**args)  # type: ignore[arg-type]


def _metric_plan(metric: Mapping[str, object] | None, kind: str = "metric") -> str:
    return _plan(criteria=[*BASE_CRITERIA, crit("speed", 10, kind, metric=metric)])


def test_base_plan_for_validation_is_valid() -> None:
    text = _plan()
    plan = parse_plan(parse_toml_text(text, "toolbench.toml"), text=text)
    assert [c.kind for c in plan.criteria] == ["rating", "price", "must"]
    lower = _metric_plan({"rule": "piecewise", "worst": 30, "best": 10, "steps": [[25, 0.2], [15, 0.7]]})
    assert parse_plan(parse_toml_text(lower, "toolbench.toml"), text=lower).criteria[3].metric is not None


@pytest.mark.parametrize(
    ("text", "path", "key"),
    [
        (_plan(price={"family": "addition"}), "price.ceiling", "plan.price_needs_ceiling"),
        (_plan(tools=[tool("a", 0), tool("b", 2000000)]), "tools[0].price.amount", "pv.greater_than"),
        (_plan(tools=[tool("a", 1000000), tool("b", -5)]), "tools[1].price.amount", "pv.greater_than"),
        (_plan(criteria=[*BASE_CRITERIA[:2], crit("lgwan", 5, "must")]), "criteria[2].points", "plan.must_points"),
        (
            _plan(criteria=[*BASE_CRITERIA[:2], crit("lgwan", 0, "must", scale="five")]),
            "criteria[2].scale",
            "plan.must_scale",
        ),
        (_plan(criteria=[*BASE_CRITERIA, crit("price2", 5, "price")]), "criteria[3].kind", "plan.price_twice"),
        (_plan(price={"family": "division"}), "criteria[1].points", "plan.price_no_points"),
        (_plan(price={"family": "none"}), "criteria[1].points", "plan.price_no_points"),
        (_plan(criteria=[crit("quality", 80)]), "price.family", "plan.price_needs_criterion"),
        (_plan(price={"family": "ordinal"}), "criteria[1].scale", "plan.price_ordinal_scale"),
        (_plan(scoring={"tie_break": ["cheapest"]}), "scoring.tie_break[0]", "plan.tie_break_unknown"),
        (
            _plan(scoring={"tie_break": ["technical", "criterion:nope"]}),
            "scoring.tie_break[1]",
            "plan.tie_break_unknown",
        ),
        (_plan(scoring={"tie_break": ["group:nope"]}), "scoring.tie_break[0]", "plan.tie_break_unknown"),
        (_plan(scoring={"tie_break": ["lot", "technical"]}), "scoring.tie_break[0]", "plan.tie_break_lot_last"),
        (_plan(scoring={"chair": "e9"}), "scoring.chair", "plan.chair_unknown"),
        (_plan(scoring={"technical_minimum": 0}), "scoring.technical_minimum", "pv.greater_than"),
        (_plan(scoring={"technical_minimum": 1.5}), "scoring.technical_minimum", "pv.less_than_equal"),
        (_metric_plan({"rule": "min_max"}, kind="rating"), "criteria[3].metric", "plan.metric_only"),
        (_metric_plan({"rule": "ratio_to_best", "best": 98}), "criteria[3].metric.best", "plan.metric_piecewise_only"),
        (_metric_plan({"rule": "piecewise", "best": 98}), "criteria[3].metric.worst", "plan.metric_needs_ends"),
        (_metric_plan({"rule": "piecewise", "worst": 80}), "criteria[3].metric.best", "plan.metric_needs_ends"),
        (
            _metric_plan({"rule": "piecewise", "worst": 90, "best": 90}),
            "criteria[3].metric.best",
            "plan.metric_same_ends",
        ),
        # steps out of order: 90 comes after 95 on the way from 80 to 98
        (
            _metric_plan({"rule": "piecewise", "worst": 80, "best": 98, "steps": [[95, 0.5], [90, 0.6]]}),
            "criteria[3].metric.steps[1]",
            "plan.metric_step",
        ),
        # ratios must rise: 0.4 after 0.5
        (
            _metric_plan({"rule": "piecewise", "worst": 80, "best": 98, "steps": [[85, 0.5], [90, 0.4]]}),
            "criteria[3].metric.steps[1]",
            "plan.metric_step",
        ),
        # a step outside worst … best
        (
            _metric_plan({"rule": "piecewise", "worst": 80, "best": 98, "steps": [[99, 0.5]]}),
            "criteria[3].metric.steps[0]",
            "plan.metric_step",
        ),
        # lower is better (worst 30 > best 10): 28 does not come after 25
        (
            _metric_plan({"rule": "piecewise", "worst": 30, "best": 10, "steps": [[25, 0.2], [28, 0.5]]}),
            "criteria[3].metric.steps[1]",
            "plan.metric_step",
        ),
    ],
)
def test_plan_rules_are_enforced(text: str, path: str, key: str) -> None:
    """Each broken rule is reported with its key path and message key (and nothing else)."""
    problems = problems_of(text)
    assert [(p.path, p.key) for p in problems] == [(path, key)]


def test_non_positive_price_message_names_the_key_and_line(tmp_path: Path) -> None:
    """load_plan on a file: one line naming file, line, tools[0].price.amount and what is wrong."""
    text = _plan(tools=[tool("a", 0), tool("b", 2000000)])
    path = tmp_path / "toolbench.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as info:
        load_plan(path)
    line = text.splitlines().index("price = { amount = 0, tax = " + '"included" }') + 1
    assert info.value.message("en") == f"{path}:{line}: tools[0].price.amount: must be more than 0"


def test_metric_criterion_without_rule(tmp_path: Path) -> None:
    """kind = "metric" without `metric`: one problem at criteria[3].metric saying which rule to add."""
    text = _metric_plan(None)
    path = tmp_path / "toolbench.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as info:
        load_plan(path)
    assert [(p.path, p.key) for p in info.value.problems] == [("criteria[3].metric", "plan.metric_needs_rule")]
    assert 'add metric = { rule = "ratio_to_best" }' in info.value.message("en")


def test_addition_without_ceiling_message() -> None:
    (problem,) = problems_of(_plan(price={"family": "addition"}))
    assert "needs the ceiling; add ceiling = … (予定価格) to [price]" in problem.message("en")


# --- 3. rounding: modes and places ----------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "round_at", "cell", "technical"),
    [
        # Two criteria of 25 points on the `half` scale; e1, e2, e3 give a, b, b on each:
        # each evaluator's points 25, 12.5, 12.5; exact cell = 25 × (1 + 1/2 + 1/2)/3 = 50/3 = 16.66…;
        # exact technical = 100/3 = 33.33…. Rounding to 0 decimals at the place named:
        #
        # at "evaluator": 12.5 → 13 (half_up, up) or 12 (down, half_even: 12 is even), then the mean
        ("half_up", ["evaluator"], Fraction(17), Fraction(34)),  # (25 + 13 + 13)/3 = 17
        ("up", ["evaluator"], Fraction(17), Fraction(34)),
        ("down", ["evaluator"], Fraction(49, 3), Fraction(98, 3)),  # (25 + 12 + 12)/3 = 49/3, unrounded after
        ("half_even", ["evaluator"], Fraction(49, 3), Fraction(98, 3)),
        # at "criterion": 16.66… → 17 (half_up, up, half_even) or 16 (down); technical = 2 × cell
        ("half_up", ["criterion"], Fraction(17), Fraction(34)),
        ("up", ["criterion"], Fraction(17), Fraction(34)),
        ("down", ["criterion"], Fraction(16), Fraction(32)),
        ("half_even", ["criterion"], Fraction(17), Fraction(34)),
        # at "total": cells exact 50/3; technical 33.33… → 33, except up → 34
        ("half_up", ["total"], Fraction(50, 3), Fraction(33)),
        ("up", ["total"], Fraction(50, 3), Fraction(34)),
        ("down", ["total"], Fraction(50, 3), Fraction(33)),
        ("half_even", ["total"], Fraction(50, 3), Fraction(33)),
        # nowhere: exact throughout, whatever the mode
        ("half_up", [], Fraction(50, 3), Fraction(100, 3)),
        ("down", [], Fraction(50, 3), Fraction(100, 3)),
        # everywhere, down: 49/3 at the evaluators → 16 at the cell → 32 (already whole) at the total
        ("down", ["evaluator", "criterion", "total"], Fraction(16), Fraction(32)),
        # evaluator + total, up: 17 per cell → 34
        ("up", ["evaluator", "total"], Fraction(17), Fraction(34)),
    ],
)
def test_rounding_place_changes_the_result(
    make: Make, mode: str, round_at: list[str], cell: Fraction, technical: Fraction
) -> None:
    ws = make(
        plan_text(
            criteria=[crit("c1", 25, scale="half"), crit("c2", 25, scale="half")],
            tools=[tool("t")],
            evaluators=3,
            evaluation={"rounding": mode, "decimals": 0, "round_at": round_at},
        )
    )
    rate(ws, "t", "c1", "a", "b", "b")
    rate(ws, "t", "c2", "a", "b", "b")
    (result,) = ws.evaluate().results
    assert result.cells["c1"].points == cell and result.cells["c2"].points == cell
    assert result.technical == technical and result.total == technical


@pytest.mark.parametrize(
    ("mode", "one_eighth", "three_eighths"),
    [
        # 0.125 and 0.375 at 2 decimals are exact halves: 12.5 and 37.5 hundredths.
        ("half_up", Fraction("0.13"), Fraction("0.38")),  # halves away from zero
        ("half_even", Fraction("0.12"), Fraction("0.38")),  # to the even digit: 12, 38
        ("down", Fraction("0.12"), Fraction("0.37")),
        ("up", Fraction("0.13"), Fraction("0.38")),
    ],
)
def test_half_cases_at_two_decimals(make: Make, mode: str, one_eighth: Fraction, three_eighths: Fraction) -> None:
    """One criterion of 1 point, one evaluator: level e → 1/8 = 0.125, level x → 3/8 = 0.375.

    Rounded at the cell (round_at = ["criterion"]) and, in a second workspace, at the total only;
    the technical points are then 0.125 (+ 0 from z) rounded by the mode.
    """
    criteria = [crit("c1", 1, scale="odd"), crit("c2", 1, scale="odd")]
    at_cell = make(
        plan_text(
            criteria=criteria,
            tools=[tool("p"), tool("r")],
            evaluators=1,
            evaluation={"rounding": mode, "decimals": 2, "round_at": ["criterion"]},
        ),
        "cell",
    )
    at_cell.record_scores("p", "e1", {"c1": "e", "c2": "x"}, actor="t")
    p, _ = at_cell.evaluate().results
    assert p.cells["c1"].points == one_eighth and p.cells["c2"].points == three_eighths
    assert p.technical == one_eighth + three_eighths  # the sum of rounded cells, not rounded again

    at_total = make(
        plan_text(
            criteria=criteria,
            tools=[tool("p"), tool("r")],
            evaluators=1,
            evaluation={"rounding": mode, "decimals": 2, "round_at": ["total"]},
        ),
        "total",
    )
    at_total.record_scores("p", "e1", {"c1": "e", "c2": "z"}, actor="t")  # 0.125 + 0
    at_total.record_scores("r", "e1", {"c1": "x", "c2": "z"}, actor="t")  # 0.375 + 0
    p, r = at_total.evaluate().results
    assert p.cells["c1"].points == Fraction(1, 8)  # cells stay exact
    assert p.technical == one_eighth and p.total == one_eighth
    assert r.technical == three_eighths and r.total == three_eighths


@pytest.mark.parametrize(
    ("round_at", "points"),
    [
        # e1 gives e (0.125 × 1 point), e2 gives x (0.375); half up to 2 decimals.
        # per evaluator: 0.13 and 0.38 → mean 0.51/2 = 0.255
        (["evaluator"], Fraction(51, 200)),
        # per cell: mean (0.125 + 0.375)/2 = 0.25 exactly → 0.25
        (["criterion"], Fraction(1, 4)),
        # both: 0.255 → 0.26 (half up)
        (["evaluator", "criterion"], Fraction(13, 50)),
    ],
)
def test_evaluator_rounding_at_two_decimals(make: Make, round_at: list[str], points: Fraction) -> None:
    ws = make(
        plan_text(
            criteria=[crit("c1", 1, scale="odd")],
            tools=[tool("t")],
            evaluation={"rounding": "half_up", "decimals": 2, "round_at": round_at},
        )
    )
    rate(ws, "t", "c1", "e", "x")
    (result,) = ws.evaluate().results
    assert result.cells["c1"].points == points


def test_rounding_at_total_rounds_technical_then_total(make: Make) -> None:
    """lowest_ratio, round_at = ["total"], 2 decimals half up.

    quality 80 points, three evaluators 5, 4, 4 → (1 + 0.75 + 0.75)/3 × 80 = 200/3 = 66.66… → technical 66.67.
    price 20 points: a 3,000,000 is lowest → 20; total 66.67 + 20 = 86.67.
    b 9,000,000 → 20 × 3/9 = 20/3 (a cell: not rounded at "total"); b quality 5,5,5 → 80; total 80 + 20/3 = 86.66… → 86.67.
    a and b are level on the rounded total 86.67 and share rank 1 (no tie-break chain).
    """
    ws = make(
        plan_text(
            criteria=[crit("quality", 80), crit("price", 20, "price")],
            tools=[tool("a", 3000000), tool("b", 9000000)],
            evaluators=3,
            price={"family": "lowest_ratio"},
        )
    )
    rate(ws, "a", "quality", "5", "4", "4")
    rate(ws, "b", "quality", "5", "5", "5")
    result = ws.evaluate()
    a, b = result.results
    assert a.technical == Fraction("66.67") and a.total == Fraction("86.67")
    assert b.price_points == Fraction(20, 3) and b.total == Fraction("86.67")
    assert ranks(result) == {"a": 1, "b": 1} and a.tied and b.tied


# --- 4. must-haves --------------------------------------------------------------------


def test_must_have_majority_chair_tie_unjudged_and_consensus(make: Make) -> None:
    """LGWAN judged by e1 (the chair), e2, e3; quality 5 from e1 for every tool (100 points).

    t1  fail, fail, pass   → fail by majority (1 pass, 2 fail): disqualified
    t2  否 (chair), 適, –  → 1–1 tie, the chair's fail decides: disqualified, decided by the chair
    t3  pass (chair), fail → 1–1 tie, the chair's pass decides: eligible
    t4  –, pass, fail      → 1–1 tie without the chair's vote: "tie", provisional, not disqualified
    t5  nobody             → "unjudged", provisional
    t6  pass, pass, pass, then the committee's consensus "fail" → fail, decided by consensus
    """
    ws = make(
        plan_text(
            criteria=[crit("quality", 100), crit("lgwan", 0, "must")],
            tools=[tool(f"t{i}") for i in range(1, 7)],
            evaluators=3,
            scoring={"chair": "e1"},
        )
    )
    for i in range(1, 7):
        rate(ws, f"t{i}", "quality", "5")
    rate(ws, "t1", "lgwan", "fail", "fail", "pass")
    rate(ws, "t2", "lgwan", "否", "適", None)
    rate(ws, "t3", "lgwan", "pass", "fail", None)
    rate(ws, "t4", "lgwan", None, "pass", "fail")
    rate(ws, "t6", "lgwan", "pass", "pass", "pass")
    ws.moderate("t6", "lgwan", "否", comment="LGWAN connection not certified (2nd meeting)", actor="chair")
    result = ws.evaluate()
    t1, t2, t3, t4, t5, t6 = result.results

    def outcome(r: ToolResult) -> tuple[object, ...]:
        m = r.musts["lgwan"]
        return (m.verdict, m.passes, m.fails, m.decided_by)

    assert outcome(t1) == ("fail", 1, 2, "majority") and [f.key for f in t1.disqualified] == ["dq.must_failed"]
    assert outcome(t2) == ("fail", 1, 1, "chair") and [f.key for f in t2.disqualified] == ["dq.must_failed"]
    assert t2.disqualified[0].params["how"].key == "must.by.chair"  # type: ignore[attr-defined]
    assert outcome(t3) == ("pass", 1, 1, "chair") and t3.eligible and not t3.provisional
    assert outcome(t4) == ("tie", 1, 1, None) and t4.eligible and t4.provisional
    assert t4.undecided_musts == ("lgwan",)
    assert outcome(t5) == ("unjudged", 0, 0, None) and t5.eligible and t5.provisional
    assert outcome(t6) == ("fail", 3, 0, "moderated") and [f.key for f in t6.disqualified] == ["dq.must_failed"]
    assert t6.musts["lgwan"].moderation is not None and t6.musts["lgwan"].moderation.level == "fail"
    # every eligible tool has 100 points and they share rank 1
    assert ranks(result) == {"t1": None, "t2": None, "t3": 1, "t4": 1, "t5": 1, "t6": None}


def test_must_have_aliases_and_levels_on_input(make: Make) -> None:
    """適/否 (and 合, ○, ×, ok, NG) are accepted on input and recorded as pass/fail; anything else is refused."""
    ws = make(plan_text(criteria=[crit("lgwan", 0, "must")], tools=[tool("a"), tool("b")], evaluators=2))
    ws.record_scores("a", "e1", {"lgwan": "適"}, actor="t")
    ws.record_scores("a", "e2", {"lgwan": "NG"}, actor="t")
    ws.record_scores("b", "e1", {"lgwan": "否"}, actor="t")
    ws.record_scores("b", "e2", {"lgwan": "○"}, actor="t")
    levels = [(e.payload["tool"], e.payload["evaluator"], e.payload["level"]) for e in ws.events(kind=SCORE_RECORDED)]
    assert levels == [("a", "e1", "pass"), ("a", "e2", "fail"), ("b", "e1", "fail"), ("b", "e2", "pass")]
    before = ws.ledger.head()
    with pytest.raises(ScoreError) as info:
        ws.record_scores("a", "e1", {"lgwan": "maybe"}, actor="t")
    assert info.value.key == "score.off_scale" and ws.ledger.head() == before


# --- 5. minimum technical score (足切り) -----------------------------------------------


def test_technical_minimum(make: Make) -> None:
    """technical_minimum = 0.6 of the technical maximum 60 + 40 = 100 → 60 points; price 20 (lowest_ratio).

      a quality 4 → 0.75 × 60 = 45, ease 2 → 0.25 × 40 = 10: 55 < 60 → disqualified; price 1,000,000
      b quality 5 → 60, ease 1 → 0: exactly 60 → eligible; price 2,000,000
      c quality 3 → 30, ease not scored yet: not judged yet (provisional, eligible); price 4,000,000
    a is the cheapest but cut, so the lowest eligible price is b's 2,000,000:
      b 20 × 2/2 = 20 → total 80; c 20 × 2/4 = 10 → total 40.
    """
    ws = make(
        plan_text(
            criteria=[crit("quality", 60), crit("ease", 40), crit("price", 20, "price")],
            tools=[tool("a", 1000000), tool("b", 2000000), tool("c", 4000000)],
            evaluators=1,
            price={"family": "lowest_ratio"},
            scoring={"technical_minimum": 0.6},
        )
    )
    ws.record_scores("a", "e1", {"quality": "4", "ease": "2"}, actor="t")
    ws.record_scores("b", "e1", {"quality": "5", "ease": "1"}, actor="t")
    ws.record_scores("c", "e1", {"quality": "3"}, actor="t")
    result = ws.evaluate()
    a, b, c = result.results
    assert a.technical == 55 and [f.key for f in a.disqualified] == ["dq.below_minimum"]
    assert dict(a.disqualified[0].params) == {"technical": "55.00", "minimum": "60.00", "share": "60", "max": "100"}
    assert translate("dq.below_minimum", "en", **a.disqualified[0].params) == (
        "technical points 55.00 are below the minimum 60.00 (60 % of 100): disqualified"
    )
    assert a.price_points is None and a.rank is None
    assert b.technical == 60 and b.eligible and b.price_points == 20 and b.total == 80
    assert c.technical == 30 and c.eligible and c.provisional and c.unscored == ("ease",)
    assert c.price_points == 10 and c.total == 40
    assert ranks(result) == {"a": None, "b": 1, "c": 2}


# --- 6. tie-breaks ----------------------------------------------------------------------


def test_tie_broken_by_technical(make: Make) -> None:
    """lowest_ratio, chain ["technical"]: equal totals, different technical points.

      a quality 4,4 → 0.75 × 80 = 60; price 1,000,000 (lowest) → 20;            total 80
      b quality 5,4 → 0.875 × 80 = 70; price 2,000,000 → 20 × 1/2 = 10;         total 80
    Level at 80; b has more technical points: b 1, a 2.
    """
    ws = make(
        plan_text(
            criteria=[crit("quality", 80), crit("price", 20, "price")],
            tools=[tool("a", 1000000), tool("b", 2000000)],
            price={"family": "lowest_ratio"},
            scoring={"tie_break": ["technical", "price"]},
        )
    )
    rate(ws, "a", "quality", "4", "4")
    rate(ws, "b", "quality", "5", "4")
    result = ws.evaluate()
    a, b = result.results
    assert a.total == b.total == 80 and (a.technical, b.technical) == (60, 70)
    assert ranks(result) == {"a": 2, "b": 1}
    assert a.tie_break == b.tie_break == "technical" and not a.tied and not b.tied
    (tie,) = result.ties
    assert set(tie.tools) == {"a", "b"} and tie.figure == 80 and tie.decided_by == ("technical",)
    assert tie.unresolved == ()


def test_tie_broken_by_price(make: Make) -> None:
    """family none (no price points): a and b both 5,5 → 80; the lower price (b 2,000,000 < a 3,000,000) first."""
    ws = make(
        plan_text(
            criteria=[crit("quality", 80)],
            tools=[tool("a", 3000000), tool("b", 2000000)],
            scoring={"tie_break": ["technical", "price"]},
        )
    )
    rate(ws, "a", "quality", "5", "5")
    rate(ws, "b", "quality", "5", "5")
    result = ws.evaluate()
    assert ranks(result) == {"a": 2, "b": 1}
    assert [r.tie_break for r in result.results] == ["price", "price"]
    assert result.ties[0].decided_by == ("price",)


@pytest.mark.parametrize(("link", "winner"), [("criterion:c1", "a"), ("criterion:c2", "b")])
def test_tie_broken_by_criterion(make: Make, link: str, winner: str) -> None:
    """c1 and c2 worth 50 each; one evaluator.

      a c1 5 → 50,   c2 3 → 25:   total 75
      b c1 4 → 37.5, c2 4 → 37.5: total 75
    "technical" does not separate them (75 each), so the criterion link decides.
    """
    ws = make(
        plan_text(
            criteria=[crit("c1", 50), crit("c2", 50)],
            tools=[tool("a"), tool("b")],
            evaluators=1,
            scoring={"tie_break": ["technical", link]},
        )
    )
    ws.record_scores("a", "e1", {"c1": "5", "c2": "3"}, actor="t")
    ws.record_scores("b", "e1", {"c1": "4", "c2": "4"}, actor="t")
    result = ws.evaluate()
    assert result.result("a").total == result.result("b").total == 75
    assert result.result(winner).rank == 1 and {r.rank for r in result.results} == {1, 2}
    assert [r.tie_break for r in result.results] == [link, link]
    assert result.ties[0].decided_by == (link,)


def test_tie_broken_by_group(make: Make) -> None:
    """group tech: c1 30, c2 30; group ops: c3 40; one evaluator.

      a c1 5 → 30, c2 5 → 30, c3 1 → 0:   tech 60, ops 0,  total 60
      b c1 3 → 15, c2 3 → 15, c3 4 → 30:  tech 30, ops 30, total 60
    chain ["group:ops"]: b's ops subtotal 30 > 0 → b 1, a 2.
    """
    ws = make(
        plan_text(
            criteria=[crit("c1", 30), crit("c2", 30), crit("c3", 40, group="ops")],
            tools=[tool("a"), tool("b")],
            evaluators=1,
            scoring={"tie_break": ["group:ops"]},
        )
    )
    ws.record_scores("a", "e1", {"c1": "5", "c2": "5", "c3": "1"}, actor="t")
    ws.record_scores("b", "e1", {"c1": "3", "c2": "3", "c3": "4"}, actor="t")
    result = ws.evaluate()
    a, b = result.results
    assert (a.subtotals["tech"], a.subtotals["ops"], a.total) == (60, 0, 60)
    assert (b.subtotals["tech"], b.subtotals["ops"], b.total) == (30, 30, 60)
    assert ranks(result) == {"a": 2, "b": 1} and a.tie_break == b.tie_break == "group:ops"


def test_unresolved_tie_goes_to_lot_and_shares_the_rank(make: Make) -> None:
    """a and b identical (5,5 → 80, same price); c 4,4 → 60. Chain technical → price → lot.

    Nothing separates a and b: both rank 1, still tied, no deciding link; c is 3rd (competition ranking).
    """
    ws = make(
        plan_text(
            criteria=[crit("quality", 80)],
            tools=[tool("a", 1000000), tool("b", 1000000), tool("c", 1000000)],
            scoring={"tie_break": ["technical", "price", "lot"]},
        )
    )
    rate(ws, "a", "quality", "5", "5")
    rate(ws, "b", "quality", "5", "5")
    rate(ws, "c", "quality", "4", "4")
    result = ws.evaluate()
    a, b, c = result.results
    assert ranks(result) == {"a": 1, "b": 1, "c": 3}
    assert a.tied and b.tied and not c.tied and a.tie_break is None and b.tie_break is None
    (tie,) = result.ties
    assert tie.figure == 80 and tie.decided_by == () and tie.unresolved == (("a", "b"),)


def test_without_a_chain_equal_totals_share_the_rank(make: Make) -> None:
    """No tie_break: a and b at 80 share rank 1, c (60) is 3rd, not 2nd."""
    ws = make(plan_text(criteria=[crit("quality", 80)], tools=[tool("a"), tool("b"), tool("c")]))
    rate(ws, "a", "quality", "5", "5")
    rate(ws, "b", "quality", "5", "5")
    rate(ws, "c", "quality", "4", "4")
    result = ws.evaluate()
    assert [r.rank for r in result.results] == [1, 1, 3]
    assert result.ties[0].unresolved == (("a", "b"),)


def test_tie_made_by_rounding_the_totals_is_broken_by_the_chain(make: Make) -> None:
    """Only the rounded totals are level (round_at = ["total"], 2 decimals, half up).

    c1 100 points on the `odd` scale, three evaluators:
      a  h, z, z → (1/2 + 0 + 0)/3 = 1/6 → 100/6 = 50/3 = 16.666… → total 16.67
      b  q, q, q → 0.1667 → 16.67 exactly                            → total 16.67
    "technical" is rounded too (16.67 each) and does not separate them; the cell points do:
    b's exact 16.67 > a's 16.666…, so b 1, a 2, decided by criterion:c1.
    """
    ws = make(
        plan_text(
            criteria=[crit("c1", 100, scale="odd")],
            tools=[tool("a"), tool("b")],
            evaluators=3,
            scoring={"tie_break": ["technical", "criterion:c1"]},
        )
    )
    rate(ws, "a", "c1", "h", "z", "z")
    rate(ws, "b", "c1", "q", "q", "q")
    result = ws.evaluate()
    a, b = result.results
    assert a.cells["c1"].points == Fraction(50, 3) and b.cells["c1"].points == Fraction("16.67")
    assert a.total == b.total == a.technical == b.technical == Fraction("16.67")
    assert ranks(result) == {"a": 2, "b": 1}
    assert a.tie_break == b.tie_break == "criterion:c1"
    assert result.ties[0].decided_by == ("criterion:c1",)


def test_three_way_tie_names_the_link_that_placed_each_tool(make: Make) -> None:
    """c1 and c2 worth 50 each, one evaluator, family none; chain criterion:c1 → price.

      a c1 5 → 50,   c2 3 → 25:   75, price 3,000,000
      b c1 4 → 37.5, c2 4 → 37.5: 75, price 2,000,000
      c c1 4 → 37.5, c2 4 → 37.5: 75, price 1,000,000
    criterion:c1 puts a first (50 > 37.5); price then puts c (1,000,000) before b (2,000,000): a 1, c 2, b 3.
    What placed b and c is the price link.
    """
    ws = make(
        plan_text(
            criteria=[crit("c1", 50), crit("c2", 50)],
            tools=[tool("a", 3000000), tool("b", 2000000), tool("c", 1000000)],
            evaluators=1,
            scoring={"tie_break": ["criterion:c1", "price"]},
        )
    )
    ws.record_scores("a", "e1", {"c1": "5", "c2": "3"}, actor="t")
    ws.record_scores("b", "e1", {"c1": "4", "c2": "4"}, actor="t")
    ws.record_scores("c", "e1", {"c1": "4", "c2": "4"}, actor="t")
    result = ws.evaluate()
    assert ranks(result) == {"a": 1, "b": 3, "c": 2}
    assert result.ties[0].decided_by == ("criterion:c1", "price")
    assert result.result("a").tie_break == "criterion:c1"
    assert result.result("b").tie_break == "price" and result.result("c").tie_break == "price"


# --- 7. metric criteria -------------------------------------------------------------------


def _metric_ws(make: Make, metric: Mapping[str, object], tools: Sequence[str] = ("a", "b", "c"), points: int = 20):
    return make(
        plan_text(
            criteria=[crit("quality", 10), crit("m", points, "metric", metric=metric)],
            tools=[tool(t) for t in tools],
            evaluation={"round_at": []},
        )
    )


def _measure(ws: Workspace, values: Mapping[str, object], criterion: str = "m") -> None:
    for tool_id, value in values.items():
        ws.record_metrics(tool_id, {criterion: value}, source="pilot report 2026-05", actor="t")  # type: ignore[dict-item]


@pytest.mark.parametrize(
    ("metric", "values", "ratios"),
    [
        # ratio_to_best, higher: x ÷ 97.5 → 1, 90/97.5 = 12/13, 78/97.5 = 4/5
        ({"rule": "ratio_to_best"}, {"a": "97.5", "b": "90", "c": "78"}, (1, Fraction(12, 13), Fraction(4, 5))),
        # ratio_to_best, lower (minutes per case): 4 ÷ x → 1, 4/5, 1/2
        (
            {"rule": "ratio_to_best", "better": "lower"},
            {"a": "4", "b": "5", "c": "8"},
            (1, Fraction(4, 5), Fraction(1, 2)),
        ),
        # min_max, higher: (x − 78) ÷ 19.5 → 1, 12/19.5 = 8/13, 0
        ({"rule": "min_max"}, {"a": "97.5", "b": "90", "c": "78"}, (1, Fraction(8, 13), 0)),
        # min_max, lower: (8 − x) ÷ 4 → 1, 3/4, 0
        ({"rule": "min_max", "better": "lower"}, {"a": "4", "b": "5", "c": "8"}, (1, Fraction(3, 4), 0)),
        # min_max takes negative values: (x − (−10)) ÷ 20 → 1, 1/2, 0
        ({"rule": "min_max"}, {"a": "10", "b": "0", "c": "-10"}, (1, Fraction(1, 2), 0)),
        # piecewise, higher, worst 80 best 98 through [90, 0.5]:
        #   85 → 0.5 × (85 − 80)/(90 − 80) = 1/4; 94 → 0.5 + 0.5 × (94 − 90)/(98 − 90) = 3/4; 90 → 1/2
        (
            {"rule": "piecewise", "worst": 80, "best": 98, "steps": [[90, 0.5]]},
            {"a": "85", "b": "94", "c": "90"},
            (Fraction(1, 4), Fraction(3, 4), Fraction(1, 2)),
        ),
        # clamped outside: 79 → 0, 99 → 1, exactly best 98 → 1
        (
            {"rule": "piecewise", "worst": 80, "best": 98, "steps": [[90, 0.5]]},
            {"a": "79", "b": "99", "c": "98"},
            (0, 1, 1),
        ),
        # piecewise without steps: straight line, (86 − 80)/(98 − 80) = 1/3; exactly worst → 0
        (
            {"rule": "piecewise", "worst": 80, "best": 98},
            {"a": "86", "b": "80", "c": "89"},
            (Fraction(1, 3), 0, Fraction(1, 2)),
        ),
        # piecewise, lower is better (worst 30 minutes, best 10) through [20, 0.25]:
        #   25 → 0.25 × (25 − 30)/(20 − 30) = 1/8; 15 → 0.25 + 0.75 × (15 − 20)/(10 − 20) = 5/8
        (
            {"rule": "piecewise", "worst": 30, "best": 10, "steps": [[20, 0.25]]},
            {"a": "25", "b": "15", "c": "20"},
            (Fraction(1, 8), Fraction(5, 8), Fraction(1, 4)),
        ),
        # clamped, lower is better: 40 (worse than worst) → 0, 5 (better than best) → 1, 10 → 1
        (
            {"rule": "piecewise", "worst": 30, "best": 10, "steps": [[20, 0.25]]},
            {"a": "40", "b": "5", "c": "10"},
            (0, 1, 1),
        ),
    ],
)
def test_metric_rules(make: Make, metric: Mapping[str, object], values: Mapping[str, str], ratios: tuple) -> None:
    """Each rule maps the measured values to ratios; the cell is worth 20 × ratio (round_at = [])."""
    ws = _metric_ws(make, metric)
    _measure(ws, values)
    result = ws.evaluate()
    for r, expected in zip(result.results, ratios, strict=True):
        cell = r.cells["m"]
        assert cell.ratio == expected and cell.points == 20 * Fraction(expected), r.tool.id
        assert cell.source == "metric" and cell.measurement is not None
        assert cell.measurement.value == Decimal(values[r.tool.id])
        assert cell.measurement.source == "pilot report 2026-05"


@pytest.mark.parametrize(
    "metric",
    [
        {"rule": "ratio_to_best"},
        {"rule": "ratio_to_best", "better": "lower"},
        {"rule": "min_max"},
        {"rule": "min_max", "better": "lower"},
    ],
)
@pytest.mark.parametrize("value", ["7", "0"])
def test_constant_column_gives_every_tool_the_full_ratio(make: Make, metric: Mapping[str, object], value: str) -> None:
    """Everyone measured the same (7, or 0): nobody is behind anyone, ratio 1, no ZeroDivisionError.

    min_max: max − min = 0; ratio_to_best: 7/7 = 1, and a best of 0 gives the full ratio (documented).
    """
    ws = _metric_ws(make, metric)
    _measure(ws, {"a": value, "b": value, "c": value})
    result = ws.evaluate()
    assert [r.cells["m"].ratio for r in result.results] == [1, 1, 1]
    assert [r.cells["m"].points for r in result.results] == [20, 20, 20]


def test_unmeasured_tool_is_missing_not_zero(make: Make) -> None:
    """min_max over a and b only (90, 80 → 1, 0); c has no value: its cell is unscored, never 0."""
    ws = _metric_ws(make, {"rule": "min_max"})
    _measure(ws, {"a": "90", "b": "80"})
    a, b, c = ws.evaluate().results
    assert a.cells["m"].ratio == 1 and b.cells["m"].ratio == 0
    assert c.cells["m"].points is None and c.unscored == ("quality", "m")


def test_published_minmax_cost_handcheck(make: Make) -> None:
    """The reference case wsm_minmax_cost_handcheck (tests/data), as three metric criteria with min_max.

    Points 50/30/20 (the raw weights 5/3/2 × 10); accuracy and support higher-is-better, annual cost lower:
      accuracy min 80 max 95: A 10/15 = 2/3, B 0, C 1
      cost     min 200 max 400: A (400 − 300)/200 = 1/2, B 1, C 0
      support  min 3 max 5: A 0, B 1, C 1/2
      A = 50 × 2/3 + 30 × 1/2 + 0 = 145/3 = 29/60 × 100; B = 0 + 30 + 20 = 50; C = 50 + 0 + 10 = 60
    Ranking C, B, A. A fourth criterion measured 7 by everyone (points 20, weights 5/3/2/2 over 12) gives
    every vendor 20 more, so the shares of 120 are A 205/360 = 41/72, B 70/120 = 7/12, C 80/120 = 2/3,
    the figures the reference lists for peers that map a constant column to 1.
    """
    case = json.loads((DATA / "wsm_minmax_cost_handcheck.json").read_text(encoding="utf-8"))
    inputs, expected = case["inputs"], case["expected"]
    ids = [c.replace("_", "-") for c in inputs["criteria"]]
    vendors = [v.lower() for v in inputs["alternatives"]]
    criteria = [
        crit(
            cid,
            int(points * 10),
            "metric",
            metric={"rule": "min_max", "better": "higher" if kind == "benefit" else "lower"},
        )
        for cid, points, kind in zip(ids, inputs["weights_raw_points"], inputs["criterion_type"], strict=True)
    ]
    criteria.append(crit("constant", 20, "metric", metric={"rule": "min_max"}))
    ws = make(plan_text(criteria=criteria, tools=[tool(v) for v in vendors], evaluation={"round_at": []}))
    for vendor, row in zip(vendors, inputs["matrix"], strict=True):
        values = {cid: str(Decimal(str(x))) for cid, x in zip(ids, row, strict=True)} | {"constant": "7"}
        ws.record_metrics(vendor, values, source="reference wsm_minmax_cost_handcheck", actor="t")
    result = ws.evaluate()
    normalised = [[Fraction(x) for x in row] for row in expected["normalised_matrix_exact"]]
    for vendor, row in zip(vendors, normalised, strict=True):
        assert [result.result(vendor).cells[cid].ratio for cid in ids] == row
    # hand-worked totals without the constant column (which adds 20 to each): 145/3, 50, 60
    assert {v: result.result(v).total - 20 for v in vendors} == {
        "vendora": Fraction(145, 3),
        "vendorb": Fraction(50),
        "vendorc": Fraction(60),
    }
    for vendor, original in zip(vendors, inputs["alternatives"], strict=True):
        assert result.result(vendor).total - 20 == Fraction(expected["scores_exact"][original]) * 100
    assert [r.tool.id for r in result.ranking()] == [v.lower() for v in expected["ranking"]]
    shares = {v: result.result(v).total / 120 for v in vendors}
    assert shares == {"vendora": Fraction(41, 72), "vendorb": Fraction(7, 12), "vendorc": Fraction(2, 3)}
    peer = case["cross_checks"]["edge_case_constant_criterion_(4th column all 7, weights 5/3/2/2 over 12)"]
    assert [round(float(shares[v]), 6) for v in vendors] == peer["pymcdm_minmax_maps_constant_column_to_1"]


@pytest.mark.parametrize(
    ("tool_id", "values", "source", "key"),
    [
        ("a", {"speed": "fast"}, "pilot", "metric.bad_value"),
        ("a", {"speed": "NaN"}, "pilot", "metric.bad_value"),
        ("a", {"speed": "Infinity"}, "pilot", "metric.bad_value"),
        ("a", {"speed": ""}, "pilot", "metric.bad_value"),
        ("a", {"speed": "-1"}, "pilot", "metric.negative"),  # ratio_to_best needs 0 or more
        ("a", {"accuracy": "95", "speed": "-0.5"}, "pilot", "metric.negative"),  # all or nothing
        ("a", {"speed": "5"}, "   ", "metric.no_source"),
        ("a", {"nope": "5"}, "pilot", "metric.unknown_criterion"),
        ("a", {"quality": "5"}, "pilot", "metric.unknown_criterion"),  # a rating is not measured
        ("zz", {"speed": "5"}, "pilot", "score.unknown_tool"),
        ("a", {}, "pilot", "score.none"),
    ],
)
def test_bad_measurements_record_nothing(
    make: Make, tool_id: str, values: Mapping[str, str], source: str, key: str
) -> None:
    ws = make(
        plan_text(
            criteria=[
                crit("quality", 10),
                crit("accuracy", 20, "metric", metric={"rule": "min_max"}),
                crit("speed", 20, "metric", metric={"rule": "ratio_to_best", "better": "lower"}),
            ],
            tools=[tool("a"), tool("b")],
        )
    )
    ws.record_metrics("b", {"speed": "4"}, source="pilot", actor="t")
    before = ws.ledger.head()
    with pytest.raises(ScoreError) as info:
        ws.record_metrics(tool_id, values, source=source, actor="t")
    assert info.value.key == key
    assert "\n" not in info.value.message("en")
    assert ws.ledger.head() == before


def test_negative_value_is_fine_under_min_max(make: Make) -> None:
    ws = _metric_ws(make, {"rule": "min_max"})
    outcome = ws.record_metrics("a", {"m": "-3.5"}, source="log", actor="t")
    assert [e.payload["value"] for e in outcome.recorded] == ["-3.5"]


def test_measurement_repeat_and_correction(make: Make) -> None:
    """The same value again (97.5 or 97.50, same source) records nothing; changing it needs a reason.

    ratio_to_best higher: a 97.5, b 78 → after correcting a to 78 both are best: ratio 1 each.
    """
    ws = _metric_ws(make, {"rule": "ratio_to_best"}, tools=("a", "b"))
    first = ws.record_metrics("a", {"m": "97.5"}, source="pilot report", actor="t")
    ws.record_metrics("b", {"m": "78"}, source="pilot report", actor="t")
    assert ws.evaluate().result("b").cells["m"].ratio == Fraction(4, 5)  # 78 ÷ 97.5
    head = ws.ledger.head()
    again = ws.record_metrics("a", {"m": "97.50"}, source="pilot report", actor="t")
    assert again.recorded == () and again.unchanged == ("m",) and ws.ledger.head() == head
    with pytest.raises(ScoreError) as info:
        ws.record_metrics("a", {"m": "78"}, source="pilot report", actor="t")
    assert info.value.key == "metric.reason_required" and ws.ledger.head() == head
    assert "needs --reason" in info.value.message("en")
    fixed = ws.record_metrics("a", {"m": "78"}, source="pilot report", actor="t", reason="typo in the report")
    (event,) = fixed.recorded
    assert event.kind == METRIC_RECORDED
    assert event.payload["supersedes"] == first.recorded[0].seq and event.payload["reason"] == "typo in the report"
    a, b = ws.evaluate().results
    assert a.cells["m"].ratio == b.cells["m"].ratio == 1
    assert a.cells["m"].measurement is not None and a.cells["m"].measurement.reason == "typo in the report"


# --- 8. committee consensus (moderation) ------------------------------------------------


def _moderation_ws(make: Make) -> Workspace:
    """quality 20 points on five; e1, e2, e3. a: 5, 4, (e3 not yet) → (1 + 0.75)/2 × 20 = 17.5."""
    ws = make(plan_text(criteria=[crit("quality", 20)], tools=[tool("a"), tool("b")], evaluators=3))
    rate(ws, "a", "quality", "5", "4", None)
    return ws


def test_moderation_overrides_the_aggregate_and_freezes_the_cell(make: Make) -> None:
    """Consensus 2 → 0.25 × 20 = 5 replaces the mean 17.5; later consensus 3 → 0.5 × 20 = 10 supersedes it."""
    ws = _moderation_ws(make)
    assert ws.evaluate().result("a").cells["quality"].points == Fraction(35, 2)
    first = ws.moderate("a", "quality", "2", comment="agreed at the 2nd meeting", actor="chair")
    (event,) = first.recorded
    assert event.kind == SCORE_MODERATED and event.payload["comment"] == "agreed at the 2nd meeting"
    cell = ws.evaluate().result("a").cells["quality"]
    assert cell.source == "moderated" and cell.ratio == Fraction(1, 4) and cell.points == 5
    assert cell.moderation is not None and cell.moderation.comment == "agreed at the 2nd meeting"
    assert [s.level for s in cell.scores] == ["5", "4"]  # the evaluators' levels are still shown

    head = ws.ledger.head()
    # a changed level from e1 is refused: the cell is settled
    with pytest.raises(ScoreError) as info:
        ws.record_scores("a", "e1", {"quality": "3"}, actor="t", reason="second thoughts")
    assert info.value.key == "score.frozen" and "settled by the committee" in info.value.message("en")
    # e3 never scored it; a first score is refused too
    with pytest.raises(ScoreError):
        ws.record_scores("a", "e3", {"quality": "3"}, actor="t")
    # through a sheet: the whole sheet is refused, b's score included
    with pytest.raises(ScoreError) as sheet_info:
        ws.record_sheet("e1", {"b": {"quality": "4"}, "a": {"quality": "3"}}, actor="t", reason="r")
    assert sheet_info.value.key == "score.frozen"
    assert ws.ledger.head() == head
    # the same level e1 already gave: nothing recorded, no error
    same = ws.record_scores("a", "e1", {"quality": "5"}, actor="t")
    assert same.recorded == () and same.unchanged == ("quality",) and ws.ledger.head() == head
    # the same consensus again (same level, same comment): nothing recorded
    repeat = ws.moderate("a", "quality", "2", comment="agreed at the 2nd meeting", actor="chair")
    assert repeat.recorded == () and ws.ledger.head() == head

    second = ws.moderate("a", "quality", "3", comment="revised at the 3rd meeting", actor="chair")
    assert second.recorded[0].payload["supersedes"] == event.seq
    cell = ws.evaluate().result("a").cells["quality"]
    assert cell.points == 10 and cell.moderation is not None and cell.moderation.level == "3"


@pytest.mark.parametrize("comment", ["", "   "])
def test_moderation_needs_a_comment(make: Make, comment: str) -> None:
    ws = _moderation_ws(make)
    head = ws.ledger.head()
    with pytest.raises(ScoreError) as info:
        ws.moderate("a", "quality", "2", comment=comment, actor="chair")
    assert info.value.key == "moderate.comment_required" and ws.ledger.head() == head


def test_moderation_level_must_be_on_the_scale(make: Make) -> None:
    ws = _moderation_ws(make)
    head = ws.ledger.head()
    with pytest.raises(ScoreError) as info:
        ws.moderate("a", "quality", "6", comment="x", actor="chair")
    assert info.value.key == "score.off_scale" and ws.ledger.head() == head


# --- 9. missing = "block" with must-haves -------------------------------------------------


def test_block_counts_an_unjudged_must_as_a_gap(make: Make) -> None:
    """Every rating is scored, but e2 has not judged LGWAN for a: figures are refused until it is."""
    ws = make(
        plan_text(
            criteria=[crit("quality", 80), crit("lgwan", 0, "must")],
            tools=[tool("a")],
            scoring={"missing": "block"},
        )
    )
    rate(ws, "a", "quality", "5", "4")
    rate(ws, "a", "lgwan", "pass", None)
    with pytest.raises(EvaluationBlocked) as info:
        ws.evaluate()
    assert info.value.params["count"] == 1 and info.value.params["cells"] == "a/lgwan/e2"
    rate(ws, "a", "lgwan", None, "pass")
    (result,) = ws.evaluate().results
    assert result.musts["lgwan"].verdict == "pass" and result.total == 70  # (1 + 0.75)/2 × 80


def test_block_accepts_a_moderated_must(make: Make) -> None:
    """A must settled by the committee needs no more votes."""
    ws = make(
        plan_text(
            criteria=[crit("quality", 80), crit("lgwan", 0, "must")],
            tools=[tool("a")],
            scoring={"missing": "block"},
        )
    )
    rate(ws, "a", "quality", "5", "5")
    ws.moderate("a", "lgwan", "pass", comment="vendor certificate checked", actor="chair")
    (result,) = ws.evaluate().results
    assert result.musts["lgwan"].decided_by == "moderated" and result.rank == 1


# --- 10. the command line -------------------------------------------------------------------


def test_cli_measure_and_moderate(make: Make, run: Callable[..., Result]) -> None:
    ws = make(
        plan_text(
            criteria=[crit("quality", 20), crit("accuracy", 20, "metric", metric={"rule": "ratio_to_best"})],
            tools=[tool("a"), tool("b")],
        )
    )
    root = str(ws.root)
    ok = run("--lang", "en", "-C", root, "measure", "a", "accuracy=97.5", "--source", "pilot 2026-10, 500 forms")
    assert ok.exit_code == 0, ok.output
    assert "recorded 1 measured value(s) for A" in ok.stdout  # the tool by its name
    (event,) = ws.events(kind=METRIC_RECORDED)
    assert event.payload == {
        "tool": "a",
        "criterion": "accuracy",
        "value": "97.5",
        "source": "pilot 2026-10, 500 forms",
    }
    again = run("--lang", "en", "-C", root, "measure", "a", "accuracy=97.50", "--source", "pilot 2026-10, 500 forms")
    assert again.exit_code == 0 and "ACCURACY is already 97.50; nothing recorded" in again.stdout

    head = ws.ledger.head()
    no_source = run("--lang", "en", "-C", root, "measure", "a", "accuracy=97.5")
    assert no_source.exit_code == 2 and "--source" in no_source.stderr
    for args, fragment in [
        (["measure", "b", "accuracy=abc", "--source", "x"], "'abc' is not a number"),
        (["measure", "b", "accuracy=-1", "--source", "x"], "needs a value of 0 or more"),
        (["measure", "b", "accuracy=90", "--source", " "], "say where the value comes from"),
        (["measure", "b", "quality=4", "--source", "x"], "'quality' is not a metric criterion"),
        (["measure", "a", "accuracy=90", "--source", "x"], "needs --reason"),
    ]:
        bad = run("--lang", "en", "-C", root, *args)
        assert bad.exit_code == 1, (args, bad.output)
        assert fragment in bad.stderr and len(bad.stderr.strip().splitlines()) == 1
        assert "Traceback" not in bad.output
    assert ws.ledger.head() == head

    rate(ws, "a", "quality", "5", "4")
    moderated = run(
        "--lang", "en", "-C", root, "moderate", "a", "quality", "2", "--comment", "agreed", "--actor", "chair"
    )
    assert moderated.exit_code == 0, moderated.output
    assert "recorded the committee's level 2 for A QUALITY" in moderated.stdout
    (event,) = ws.events(kind=SCORE_MODERATED)
    assert event.actor == "chair" and event.payload["comment"] == "agreed"
    repeat = run("--lang", "en", "-C", root, "moderate", "a", "quality", "2", "--comment", "agreed")
    assert repeat.exit_code == 0 and "already moderated at 2" in repeat.stdout
    assert run("--lang", "en", "-C", root, "moderate", "a", "quality", "2").exit_code == 2
    empty = run("--lang", "en", "-C", root, "moderate", "a", "quality", "2", "--comment", " ")
    assert empty.exit_code == 1 and "must carry the committee's comment" in empty.stderr
    frozen = run("--lang", "en", "-C", root, "score", "a", "-e", "e1", "quality=3", "--reason", "x")
    assert frozen.exit_code == 1 and "settled by the committee" in frozen.stderr


def test_cli_matrix_json_for_division(make: Make, run: Callable[..., Result]) -> None:
    """除算方式 (default scale 1,000,000): a 80 ÷ 4,000,000 × 1,000,000 = 20; b 60 ÷ 2,000,000 × 1,000,000 = 30."""
    ws = make(
        plan_text(
            criteria=[crit("quality", 80), crit("price", 0, "price")],
            tools=[tool("a", 4000000), tool("b", 2000000)],
            price={"family": "division", "ceiling": 5000000},
        )
    )
    rate(ws, "a", "quality", "5", "5")
    rate(ws, "b", "quality", "4", "4")
    result = run("--lang", "en", "-C", str(ws.root), "matrix", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    assert data["rules"]["price_family"] == "division" and data["rules"]["ceiling"] == "5000000"
    tools = {t["id"]: t for t in data["tools"]}
    assert (tools["a"]["value"], tools["a"]["rank"]) == ({"points": 20.0, "exact": "20"}, 2)
    assert (tools["b"]["value"], tools["b"]["rank"]) == ({"points": 30.0, "exact": "30"}, 1)
    assert tools["a"]["price_points"] is None and tools["a"]["technical"]["exact"] == "80"


def test_cli_matrix_json_for_addition_with_a_disqualified_tool(make: Make, run: Callable[..., Result]) -> None:
    """加算方式, ceiling 10,000,000: a 8,000,000 → 30 × 0.2 = 6, technical 70 → 76; b 11,000,000 is out."""
    ws = make(
        plan_text(
            criteria=[crit("quality", 70), crit("price", 30, "price"), crit("lgwan", 0, "must")],
            tools=[tool("a", 8000000), tool("b", 11000000)],
            price={"family": "addition", "ceiling": 10000000},
        )
    )
    rate(ws, "a", "quality", "5", "5")
    rate(ws, "b", "quality", "5", "5")
    rate(ws, "a", "lgwan", "pass", "pass")
    rate(ws, "b", "lgwan", "pass", "fail")
    result = run("--lang", "en", "-C", str(ws.root), "matrix", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    tools = {t["id"]: t for t in data["tools"]}
    assert tools["a"]["total_exact"] == "76" and tools["a"]["rank"] == 1 and tools["a"]["eligible"] is True
    assert tools["a"]["price_points"] == {"points": 6.0, "exact": "6"}
    b = tools["b"]
    assert b["eligible"] is False and b["rank"] is None and b["price_points"] is None
    assert [d["code"] for d in b["disqualified"]] == ["dq.over_ceiling"]
    assert "above the ceiling 10,000,000" in b["disqualified"][0]["message"]["en"]
    # 1 pass, 1 fail and no chair: a tie, not a fail
    assert b["musts"][0]["verdict"] == "tie" and b["musts"][0]["decided_by"] is None


def test_a_measured_value_with_an_absurd_exponent_is_refused(tmp_path: Path) -> None:
    """1e999999999 would overflow when written out, and 1e100000 would put 100,001 digits in the ledger."""
    from toolbench import ScoreError, Workspace

    root = tmp_path / "m"
    root.mkdir()
    (root / "toolbench.toml").write_text(
        '[evaluation]\ntitle = "T"\n\n[groups]\ng = "G"\n\n'
        '[[criteria]]\nid = "acc"\nname = "A"\ngroup = "g"\nkind = "metric"\npoints = 10\n'
        'metric = { rule = "min_max" }\n\n[[tools]]\nid = "x"\nname = "X"\nvendor = "X Co."\n',
        encoding="utf-8",
    )
    workspace = Workspace.start_ledger(root)
    try:
        for value in ("1e999999999", "1e100000", "-1e20"):
            with pytest.raises(ScoreError) as caught:
                workspace.record_metrics("x", {"acc": value}, source="s", actor="t")
            assert caught.value.key == "metric.out_of_range"
        assert workspace.ledger.head() is None
        workspace.record_metrics("x", {"acc": "97.5"}, source="s", actor="t")
    finally:
        workspace.close()
