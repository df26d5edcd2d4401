"""Robustness of the ranking: exact one-at-a-time sensitivity, SMAA-2, leave-one-bidder-out.

Real workspaces in tmp_path (TOML plan, SQLite ledger, recorded scores); no mocks.
Expected figures are worked by hand in the comments.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import Result

from toolbench import Workspace
from toolbench.methods.hearings import Answers, Respondent
from toolbench.methods.robustness import (
    AdditiveModel,
    RobustnessError,
    Threshold,
    additive_model,
    alone_weights,
    analyse,
    hearing_concentration,
    leave_one_bidder_out,
    rescaled_weights,
    robustness_data,
    sensitivity,
    sentences,
    shown_value,
    smaa,
    threshold_text,
)

Make = Callable[..., Workspace]


def flat(text: str) -> str:
    """Text without any whitespace: the terminal wraps long lines wherever it likes."""
    return "".join(text.split())


def shows(expected: str, output: str) -> bool:
    return flat(expected) in flat(output)


def plan(
    criteria: Sequence[tuple[str, int, str]],
    tools: Sequence[tuple[str, int | None]],
    *,
    evaluators: int = 1,
    price: str | None = None,
    extra: str = "",
) -> str:
    """A plan: criteria (id, points, kind), tools (id, price), evaluators e1 … eN, scales abc and five."""
    lines = [
        "[evaluation]",
        'title = { ja = "頑健性テスト", en = "Robustness test" }',
        'language = "en"',
        "",
        "[groups]",
        'g = { ja = "区分", en = "Group" }',
        "",
        "[scales.abc]",
        "ratios = { a = 1.0, b = 0.5, c = 0.0 }",
        "",
        "[scales.five]",
        "ratios = { 5 = 1.0, 4 = 0.75, 3 = 0.5, 2 = 0.25, 1 = 0.0 }",
        "",
    ]
    if price:
        lines += ["[price]", price, ""]
    for cid, points, kind in criteria:
        lines += ["[[criteria]]", f'id = "{cid}"', f'name = "{cid.upper()}"', 'group = "g"', f"points = {points}"]
        lines += [f'kind = "{kind}"']
        if kind == "rating":
            lines.append('scale = "five"' if price else 'scale = "abc"')
        lines.append("")
    for tid, amount in tools:
        lines += ["[[tools]]", f'id = "{tid}"', f'name = "{tid.upper()}"', f'vendor = "{tid} Co."']
        if amount is not None:
            lines.append(f"price = {{ amount = {amount} }}")
        lines.append("")
    for index in range(1, evaluators + 1):
        lines += ["[[evaluators]]", f'id = "e{index}"', f'name = "E{index}"', ""]
    return "\n".join(lines) + extra


@pytest.fixture()
def make(tmp_path: Path) -> Iterator[Make]:
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


def score(ws: Workspace, tool: str, **levels: str) -> None:
    """One evaluator (e1) scores one tool; a level "x|y" gives e1 x and e2 y."""
    for criterion, level in levels.items():
        for index, value in enumerate(level.split("|"), start=1):
            ws.record_scores(tool, f"e{index}", {criterion: value}, actor="t")


# --- the hand-worked case ------------------------------------------------------------------
#
# Criteria c1 50, c2 30, c3 20 points (W = 100); ratios a = 1, b = 0.5, c = 0; one evaluator.
#
#          c1    c2    c3     total
#   x      1     0     0.5    50 + 0 + 10  = 60
#   y      0.5   1     0.5    25 + 30 + 10 = 65   ← winner
#   z      0     0.5   1      0 + 15 + 20  = 35
#
# With d = (leader − other) per criterion and D0 = Σ w_j d_j its lead (in shares):
#   rescaled (share s of c, the others × (1 − s)/(1 − s0)): D(s) = s d_c + (1 − s) R,
#       R = (D0 − s0 d_c)/(1 − s0); tie at s* = R/(R − d_c)
#   alone (points x of c, the others fixed): D(x) = D0' + (x − w_c) d_c; tie at x* = w_c − D0'/d_c
#
# y over x: d = (−0.5, 1, 0), D0 = −0.25 + 0.3 + 0 = 0.05 (5 points)
# y over z: d = (0.5, 0.5, −0.5), D0 = 0.25 + 0.15 − 0.1 = 0.3 (30 points)
# x over z: d = (1, −0.5, −0.5), D0 = 0.5 − 0.15 − 0.1 = 0.25 (25 points)
#
# c1 (s0 = 1/2): y/x R = (0.05 + 0.25)/0.5 = 0.6, s* = 0.6/1.1 = 6/11 (a rise); x* = 50 + 5/0.5 = 60.
#                y/z R = (0.3 − 0.25)/0.5 = 0.1, D(s) = 0.1 + 0.4 s > 0: never.
#                x/z R = (0.25 − 0.5)/0.5 = −0.5, s* = −0.5/−1.5 = 1/3 (a fall); x* = 50 − 25/1 = 25.
# c2 (s0 = 3/10): y/x R = (0.05 − 0.3)/0.7 = −5/14, s* = (−5/14)/(−19/14) = 5/19 (a fall); x* = 30 − 5 = 25.
#                y/z R = (0.3 − 0.15)/0.7 = 3/14 > 0 and d = 0.5 > 0: never.
#                x/z R = (0.25 + 0.15)/0.7 = 4/7, s* = (4/7)/(4/7 + 1/2) = 8/15 (a rise); x* = 30 + 25/0.5 = 80.
# c3 (s0 = 1/5): y/x d_c = 0, R = 0.05/0.8 = 1/16, s* = 1: level only at 100 %; alone: never.
#                y/z R = (0.3 + 0.1)/0.8 = 1/2, s* = 0.5/1 = 1/2 (a rise); x* = 20 + 30/0.5 = 80.
#                x/z R = (0.25 + 0.1)/0.8 = 7/16, s* = (7/16)/(15/16) = 7/15 (a rise); x* = 20 + 25/0.5 = 70.
# The two forms agree: x points alone is the share x/(W − w_c + x): 60/110 = 6/11, 25/95 = 5/19,
# 80/160 = 1/2, 25/75 = 1/3, 80/150 = 8/15, 70/150 = 7/15.

HAND = [("c1", 50, "rating"), ("c2", 30, "rating"), ("c3", 20, "rating")]


@pytest.fixture()
def hand(make: Make) -> Workspace:
    ws = make(plan(HAND, [("x", None), ("y", None), ("z", None)]))
    score(ws, "x", c1="a", c2="c", c3="b")
    score(ws, "y", c1="b", c2="a", c3="b")
    score(ws, "z", c1="c", c2="b", c3="a")
    return ws


def test_the_model_is_the_matrix(hand: Workspace) -> None:
    evaluation = hand.evaluate()
    model = additive_model(evaluation)
    assert model.tools == ("y", "x", "z") and model.winner == "y"
    assert model.points == (Fraction(50), Fraction(30), Fraction(20)) and model.shares == (
        Fraction(1, 2),
        Fraction(3, 10),
        Fraction(1, 5),
    )
    assert model.totals() == {"y": 65, "x": 60, "z": 35}
    assert model.totals() == {r.tool.id: r.total for r in evaluation.results}
    assert model.left_out == ()


def test_hand_worked_thresholds_in_both_forms(hand: Workspace) -> None:
    found = sensitivity(additive_model(hand.evaluate()))
    assert found.winner == "y"
    c1, c2, c3 = found.criteria

    assert c1.rescaled.rise is not None and c1.rescaled.fall is None
    assert (c1.rescaled.rise.value, c1.rescaled.rise.rivals) == (Fraction(6, 11), ("x",))
    assert c1.alone.rise is not None and c1.alone.fall is None
    assert (c1.alone.rise.value, c1.alone.rise.rivals) == (Fraction(60), ("x",))

    assert c2.rescaled.fall is not None and c2.rescaled.rise is None
    assert (c2.rescaled.fall.value, c2.rescaled.fall.rivals) == (Fraction(5, 19), ("x",))
    assert c2.alone.fall is not None and (c2.alone.fall.value, c2.alone.fall.rivals) == (Fraction(25), ("x",))
    assert c2.alone.rise is None

    # c3: z draws level at 1/2 before x does at 100 %; alone, only z ever does (at 80 points)
    assert c3.rescaled.fall is None and c3.rescaled.rise is not None
    assert (c3.rescaled.rise.value, c3.rescaled.rise.rivals) == (Fraction(1, 2), ("z",))
    assert c3.alone.rise is not None and (c3.alone.rise.value, c3.alone.rise.rivals) == (Fraction(80), ("z",))

    # any rank: x and z swap first when c1 falls to 1/3, c2 rises to 8/15, c3 rises to 7/15
    assert c1.any_rank_rescaled.fall is not None and c1.any_rank_rescaled.rise is not None
    assert (c1.any_rank_rescaled.fall.value, c1.any_rank_rescaled.fall.leader) == (Fraction(1, 3), "x")
    assert c1.any_rank_rescaled.rise.value == Fraction(6, 11)
    assert c1.any_rank_alone.fall is not None and c1.any_rank_alone.fall.value == 25
    assert c2.any_rank_rescaled.rise is not None and c2.any_rank_rescaled.rise.value == Fraction(8, 15)
    assert c2.any_rank_alone.rise is not None and c2.any_rank_alone.rise.value == 80
    assert c3.any_rank_rescaled.rise is not None and c3.any_rank_rescaled.rise.value == Fraction(7, 15)
    assert c3.any_rank_alone.rise is not None and c3.any_rank_alone.rise.value == 70


def test_hand_worked_sentences(hand: Workspace) -> None:
    result = analyse(hand.evaluate(), samples=100)
    en = sentences(result, "en")
    # 6/11 = 54.5454… % shown rounded down (towards 50 %): "unless it rises to 54.54 % or more" is never too kind
    assert en[0] == (
        "Y stays first unless the weight of C1 rises from 50 % to 54.54 % or more (X would draw level, then go ahead)."
    )
    # 5/19 = 26.315… % shown rounded up (towards 30 %)
    assert en[1] == (
        "Y stays first unless the weight of C2 falls from 30 % to 26.32 % or less (X would draw level, then go ahead)."
    )
    assert en[2].startswith("Y stays first unless the weight of C3 rises from 20 % to 50 % or more (Z would")
    assert en[3] == (
        "Y stays first unless the weight of C1 alone (in points, the others keeping theirs) rises from 50 points "
        "to 60 points or more (X would draw level, then go ahead)."
    )
    ja = sentences(result, "ja")
    assert (
        ja[0]
        == "C1の重みが50%から54.54%以上に上がらない限り、Yが1位のままです（上がるとXが並び、さらに上がると逆転します）。"
    )
    assert ja[4].startswith("C2の配点だけ（他の項目の配点はそのまま）が30点から25点以下に下がらない限り")


def test_at_the_threshold_the_rival_is_level_and_beyond_it_ahead(hand: Workspace) -> None:
    model = additive_model(hand.evaluate())
    found = sensitivity(model)
    step = Fraction(1, 10**6)
    for c, item in enumerate(found.criteria):
        for threshold, sign in ((item.rescaled.rise, 1), (item.rescaled.fall, -1)):
            if threshold is None:
                continue
            at = model.totals(rescaled_weights(model, c, threshold.value))
            assert at[threshold.rivals[0]] == at["y"]
            if 0 < threshold.value < 1:
                beyond = model.totals(rescaled_weights(model, c, threshold.value + sign * step))
                before = model.totals(rescaled_weights(model, c, threshold.value - sign * step))
                assert beyond[threshold.rivals[0]] > beyond["y"] and before["y"] > max(
                    v for t, v in before.items() if t != "y"
                )
        for threshold in (item.alone.rise, item.alone.fall):
            if threshold is not None:
                at = model.totals(alone_weights(model, c, threshold.value))
                assert at[threshold.rivals[0]] == at["y"]


# --- brute force ----------------------------------------------------------------------------


def _strictly_first(model: AdditiveModel, weights: Sequence[Fraction], tool: str) -> bool:
    totals = model.totals(weights)
    return all(totals[tool] > v for t, v in totals.items() if t != tool)


def _order_holds(model: AdditiveModel, weights: Sequence[Fraction]) -> bool:
    totals = model.totals(weights)
    return all(totals[a] > totals[b] for a, b in zip(model.tools, model.tools[1:], strict=False))


def _first_at(model: AdditiveModel, c: int, winner: str) -> Callable[[Fraction], bool]:
    """Whether `winner` is strictly first with criterion c at a share, the others rescaled."""

    def first(share: Fraction) -> bool:
        return _strictly_first(model, rescaled_weights(model, c, share), winner)

    return first


def _bisect(safe: Fraction, unsafe: Fraction, ok: Callable[[Fraction], bool], steps: int = 60) -> Fraction:
    """The boundary between a value where `ok` holds and one where it does not, to 2^-steps of the gap."""
    for _ in range(steps):
        middle = (safe + unsafe) / 2
        if ok(middle):
            safe = middle
        else:
            unsafe = middle
    return unsafe


def _brute_force(model: AdditiveModel, grid: int) -> None:
    """Scan every criterion's share on a grid of 1/grid and check the closed form against it.

    Strictly inside (fall, rise) the winner is strictly first at every grid point; at or
    beyond a threshold it never is (a rival passed on a line stays passed). Bisection with
    fractions finds each threshold to 2^-60 and must land on the closed form. The same for
    points alone (grid up to three times the total) and for the whole order.
    """
    found = sensitivity(model)
    winner = found.winner
    total = model.total_points
    for c, item in enumerate(found.criteria):
        s0 = item.share
        low = item.rescaled.fall.value if item.rescaled.fall else Fraction(-1)
        high = item.rescaled.rise.value if item.rescaled.rise else Fraction(2)
        rank_low = item.any_rank_rescaled.fall.value if item.any_rank_rescaled.fall else Fraction(-1)
        rank_high = item.any_rank_rescaled.rise.value if item.any_rank_rescaled.rise else Fraction(2)
        for k in range(grid + 1):
            s = Fraction(k, grid)
            weights = rescaled_weights(model, c, s)
            assert _strictly_first(model, weights, winner) == (low < s < high), (item.criterion.id, s)
            assert _order_holds(model, weights) == (rank_low < s < rank_high), (item.criterion.id, s)
        for bound, end in ((high, Fraction(1)), (low, Fraction(0))):
            if 0 <= bound <= 1:
                edge = _bisect(s0, end, _first_at(model, c, winner))
                assert abs(edge - bound) < Fraction(1, 2**55)

        w0 = item.points
        a_low = item.alone.fall.value if item.alone.fall else Fraction(-1)
        a_high = item.alone.rise.value if item.alone.rise else Fraction(10**9)
        for k in range(grid + 1):
            x = 3 * total * Fraction(k, grid)
            assert _strictly_first(model, alone_weights(model, c, x), winner) == (a_low < x < a_high)
        # the two forms are one family: x points alone is the share x/(W − w_c + x)
        for alone, rescaled in ((item.alone.rise, item.rescaled.rise), (item.alone.fall, item.rescaled.fall)):
            if alone is not None:
                assert rescaled is not None
                assert alone.value / (total - w0 + alone.value) == rescaled.value
            elif rescaled is not None:
                assert rescaled.value == 1  # only "all weight on c" makes them level: no finite points do


def test_brute_force_agrees_on_the_hand_case(hand: Workspace) -> None:
    _brute_force(additive_model(hand.evaluate()), grid=660)  # 6/11, 5/19 are not on it; 1/3, 1/2 are


def test_brute_force_agrees_on_the_demo(demo: Workspace) -> None:
    """The demo: 7 criteria with points from hearings, a price under lowest_ratio, a recusal, a consensus."""
    model = additive_model(demo.evaluate())
    assert model.tools == ("formeye", "kamiscan", "alpha-reader")
    _brute_force(model, grid=200)


# --- SMAA-2 ---------------------------------------------------------------------------------


def test_smaa_dominance(make: Make) -> None:
    """x is best on every criterion, so it is first for every weight: acceptability and confidence exactly 1."""
    ws = make(plan(HAND, [("x", None), ("y", None), ("z", None)], evaluators=2))
    score(ws, "x", c1="a|a", c2="a|b", c3="a|a")
    score(ws, "y", c1="b|b", c2="c|c", c3="b|c")
    score(ws, "z", c1="c|c", c2="c|c", c3="c|c")
    model = additive_model(ws.evaluate())
    for uncertain in (False, True):
        result = smaa(model, samples=3000, seed=5, score_uncertainty=uncertain)
        x = result.tools.index("x")
        assert result.acceptability[x] == (1.0, 0.0, 0.0)
        assert result.confidence[x] == 1.0
        assert [result.acceptability[i][0] for i in range(3) if i != x] == [0.0, 0.0]
        assert result.central_weights[[i for i in range(3) if i != x][0]] is None
        # every sample counts towards x's central weights: the mean of Dirichlet(1, 1, 1) is 1/3 each
        central = result.central_weights[x]
        assert central is not None and all(abs(w - 1 / 3) < 0.02 for w in central)
    assert smaa(model, samples=50, score_uncertainty=True).uncertain_cells == 2  # x/c2 (a|b) and y/c3 (b|c)


def test_uncertain_cells_are_the_disagreeing_ones(make: Make) -> None:
    ws = make(plan(HAND, [("x", None), ("y", None)], evaluators=2))
    score(ws, "x", c1="a|b", c2="a|a", c3="c|a")
    score(ws, "y", c1="b|b", c2="b", c3="b|b")  # y/c2 scored by e1 only: fixed
    model = additive_model(ws.evaluate())
    assert model.ranges[model.tools.index("x")] == (
        (Fraction(1, 2), Fraction(1)),
        None,
        (Fraction(0), Fraction(1)),
    )
    assert model.ranges[model.tools.index("y")] == (None, None, None)
    assert smaa(model, samples=10, score_uncertainty=True).uncertain_cells == 2


def _mirror(make: Make, extra: str = "") -> Workspace:
    """x and y mirror images on two criteria of equal points."""
    criteria = [("c1", 50, "rating"), ("c2", 50, "rating")]
    ws = make(plan(criteria, [("x", None), ("y", None)], extra=extra))
    score(ws, "x", c1="a", c2="c")
    score(ws, "y", c1="c", c2="a")
    return ws


def test_smaa_symmetry_uniform(make: Make) -> None:
    """P(x first) = P(w1 > w2) = 1/2 under uniform weights; within 3 standard errors."""
    model = additive_model(_mirror(make).evaluate())
    result = smaa(model, samples=4000, seed=11)
    se = math.sqrt(0.25 / 4000)  # ≈ 0.0079
    for i in range(2):
        assert abs(result.acceptability[i][0] - 0.5) < 3 * se
        assert result.acceptability[i][0] + result.acceptability[i][1] == pytest.approx(1.0)
    # E[w1 | w1 > 1/2] for w1 uniform on [0, 1] is 3/4; its standard error ≈ (1/2)/√12/√2000 ≈ 0.0032
    central = result.central_weights[result.tools.index("x")]
    assert central is not None and abs(central[0] - 0.75) < 0.01


def test_smaa_symmetry_around_hearings(make: Make) -> None:
    """Two respondents: 60/40 and 40/60. Centre 1/2 each; σ = 0.1 per criterion.

    α0 + 1 = Σ m(1 − m) / Σ σ² = (0.25 + 0.25) / (0.01 + 0.01) = 25, so α0 = 24.
    """
    extra = '\n[weights]\nsource = "hearings"\n\n[[departments]]\nid = "tax"\nname = "Tax"\n'
    ws = _mirror(make, extra)
    for who, c1 in (("r1", 60), ("r2", 40)):
        ws.record_hearing(
            Respondent(id=who, department="tax", group="staff"),
            Answers(method="allocation", allocation={"c1": Decimal(c1), "c2": Decimal(100 - c1)}),
            actor="t",
        )
    evaluation = ws.evaluate()
    assert evaluation.weights is not None
    model = additive_model(evaluation)
    assert model.points == (Fraction(50), Fraction(50)) and model.respondents == 2
    assert model.spread == pytest.approx((0.1, 0.1))
    assert hearing_concentration((0.5, 0.5), (0.1, 0.1)) == pytest.approx(24.0)
    result = smaa(model, samples=4000, seed=3, weights="hearings")
    assert result.concentration == pytest.approx(24.0) and result.centre == (0.5, 0.5)
    se = math.sqrt(0.25 / 4000)
    assert abs(result.first("x") - 0.5) < 3 * se
    # the central weights lean towards each tool's strong criterion, less than under uniform weights
    central = result.central_weights[result.tools.index("x")]
    assert central is not None and 0.5 < central[0] < 0.65


def test_ties_share_the_ranks_and_score_uncertainty_breaks_them(make: Make) -> None:
    """One criterion; x scored a and c (mean 0.5), y scored b and b (0.5): level at every weight.

    Without score uncertainty each sample is a tie: ranks 1 and 2 are shared, exactly 1/2 each.
    With it, x's figure is drawn from the triangular on [0, 1] peaking at 0.5, y's stays 0.5:
    P(x first) = 1/2, within 3 standard errors.
    """
    ws = make(plan([("c1", 10, "rating")], [("x", None), ("y", None)], evaluators=2))
    score(ws, "x", c1="a|c")
    score(ws, "y", c1="b|b")
    model = additive_model(ws.evaluate())
    fixed = smaa(model, samples=500, seed=1)
    assert fixed.acceptability == ((0.5, 0.5), (0.5, 0.5))
    assert fixed.confidence == (0.5, 0.5)
    drawn = smaa(model, samples=4000, seed=1, score_uncertainty=True)
    assert drawn.uncertain_cells == 1
    assert abs(drawn.first("x") - 0.5) < 3 * math.sqrt(0.25 / 4000)
    # a single criterion: no weight to move, so sensitivity says so rather than inventing thresholds
    assert sensitivity(model).criteria[0].applicable is False


def test_same_seed_same_figures_other_seed_other_samples(demo: Workspace) -> None:
    model = additive_model(demo.evaluate())
    for options in ({}, {"weights": "hearings", "score_uncertainty": True}):
        first = smaa(model, samples=2000, seed=42, **options)  # type: ignore[arg-type]
        assert smaa(model, samples=2000, seed=42, **options) == first  # type: ignore[arg-type]
        other = smaa(model, samples=2000, seed=43, **options)  # type: ignore[arg-type]
        assert other.acceptability != first.acceptability
        assert (first.samples, first.seed) == (2000, 42)
        for row in first.acceptability:
            assert sum(row) == pytest.approx(1.0)
        for r in range(3):
            assert sum(row[r] for row in first.acceptability) == pytest.approx(1.0)


def test_smaa_rejects_bad_options(demo: Workspace, fixed_demo: Workspace) -> None:
    model = additive_model(demo.evaluate())
    with pytest.raises(RobustnessError) as zero:
        smaa(model, samples=0)
    assert zero.value.key == "rob.bad_samples"
    with pytest.raises(RobustnessError) as mode:
        smaa(model, weights="gut-feeling")
    assert mode.value.key == "rob.unknown_weights"
    with pytest.raises(RobustnessError) as fixed:
        smaa(additive_model(fixed_demo.evaluate()), weights="hearings")
    assert fixed.value.key == "rob.no_hearings"


# --- what is left out -------------------------------------------------------------------------


def test_a_missing_cell_leaves_the_tool_out_never_counts_it_as_zero(make: Make) -> None:
    ws = make(plan(HAND, [("x", None), ("y", None), ("z", None)]))
    score(ws, "x", c1="a", c2="c", c3="b")
    score(ws, "y", c1="b", c2="a", c3="b")
    score(ws, "z", c1="a", c2="a")  # c3 not scored: z would win 80 + … if a 0 were silently assumed
    model = additive_model(ws.evaluate())
    assert model.tools == ("y", "x")
    assert [(x.tool, x.reason, x.criteria) for x in model.left_out] == [("z", "missing", ("c3",))]
    result = analyse(ws.evaluate(), samples=10)
    from toolbench.methods.robustness import notes

    assert "Z is left out: no figure yet on C3" in notes(result, "en")[0]


def test_nothing_to_compare_is_an_error(make: Make) -> None:
    ws = make(plan(HAND, [("x", None), ("y", None)]))
    score(ws, "x", c1="a")
    with pytest.raises(RobustnessError) as info:
        additive_model(ws.evaluate())
    assert info.value.key == "rob.no_tools" and "x: c2 c3" in info.value.message("en")


# --- leave one bidder out ----------------------------------------------------------------------
#
# Quality 60 points (five-level scale), price 40 points, lowest_ratio: 40 × lowest ÷ price.
#   a  1,000,000  quality 2 → 0.25 × 60 = 15   price 40 × 1/1 = 40   total 55
#   b  2,000,000  quality 4 → 0.75 × 60 = 45   price 40 × 1/2 = 20   total 65
#   c  4,000,000  quality 5 → 60                price 40 × 1/4 = 10   total 70   order c, b, a
# Without a the lowest is b's 2,000,000, every price point doubles and the gap on price
# (20 − 10 = 10 → 40 − 20 = 20) outgrows c's lead on quality (15):
#   b 45 + 40 = 85, c 60 + 20 = 80   → b before c: a's bid reorders the others.
# Without b (not the lowest) or c nothing changes: c 70 > a 55, b 65 > a 55.

LOO = [("quality", 60, "rating"), ("price", 40, "price")]
LOO_TOOLS = [("a", 1000000), ("b", 2000000), ("c", 4000000)]


def test_leave_one_bidder_out_reorders_when_the_cheapest_bid_goes(make: Make) -> None:
    ws = make(plan(LOO, LOO_TOOLS, price='family = "lowest_ratio"'))
    score(ws, "a", quality="2")
    score(ws, "b", quality="4")
    score(ws, "c", quality="5")
    model = additive_model(ws.evaluate())
    assert model.totals() == {"c": 70, "b": 65, "a": 55}
    loo = leave_one_bidder_out(model)
    assert loo.applies and [r.removed for r in loo.removals] == ["a", "b", "c"]
    without_a, without_b, without_c = loo.removals
    assert (without_a.lowest_after, without_a.before, without_a.after) == (Fraction(2000000), ("c", "b"), ("b", "c"))
    assert dict(without_a.totals_after) == {"b": 85, "c": 80} and without_a.changed
    assert not without_b.changed and not without_c.changed
    assert [r.removed for r in loo.reorders] == ["a"]

    # the same by a real re-evaluation of a plan without a's bid
    again = make(plan(LOO, LOO_TOOLS[1:], price='family = "lowest_ratio"'), name="without-a")
    score(again, "b", quality="4")
    score(again, "c", quality="5")
    evaluation = again.evaluate()
    assert {r.tool.id: (r.total, r.rank) for r in evaluation.results} == {
        "b": (Fraction(85), 1),
        "c": (Fraction(80), 2),
    }


def test_leave_one_bidder_out_is_not_needed_under_addition(make: Make) -> None:
    ws = make(plan(LOO, LOO_TOOLS, price='family = "addition"\nceiling = 5000000'))
    score(ws, "a", quality="2")
    score(ws, "b", quality="4")
    score(ws, "c", quality="5")
    loo = leave_one_bidder_out(additive_model(ws.evaluate()))
    assert (loo.family, loo.applies, loo.removals) == ("addition", False, ())


def test_division_ranks_by_technical_points_per_price(make: Make, run: Callable[..., Result]) -> None:
    """除算方式: value = technical ÷ price, linear in the weights; the model follows the evaluation's order.

    q1 50, q2 50 points. a: 1, 0.5 → 75 ÷ 1,000,000; b: 0.5, 1 → 75 ÷ 1,500,000; c: 1, 1 → 100 ÷ 1,600,000.
    a 7.5e-5 > c 6.25e-5 > b 5e-5. a stays first unless q2's weight rises until c draws level:
    a (1 − s + s/2)/1.0 = c 1/1.6 → 1 − s/2 = 0.625 → s = 3/4.
    """
    criteria = [("q1", 50, "rating"), ("q2", 50, "rating"), ("price", 0, "price")]
    ws = make(plan(criteria, [("a", 1000000), ("b", 1500000), ("c", 1600000)], price='family = "division"'))
    score(ws, "a", q1="5", q2="3")
    score(ws, "b", q1="3", q2="5")
    score(ws, "c", q1="5", q2="5")
    evaluation = ws.evaluate()
    model = additive_model(evaluation)
    assert model.by_value and [c.id for c in model.criteria] == ["q1", "q2"]
    assert model.tools == tuple(r.tool.id for r in evaluation.ranking())
    found = sensitivity(model)
    q2 = found.criteria[1]
    assert q2.rescaled.rise is not None and (q2.rescaled.rise.value, q2.rescaled.rise.rivals) == (
        Fraction(3, 4),
        ("c",),
    )
    assert leave_one_bidder_out(model).applies is False
    assert smaa(model, samples=200).acceptability[0][0] > 0
    root = str(ws.root)
    ws.close()
    shown = run("--lang", "en", "-C", root, "robustness", "--samples", "200")
    assert shown.exit_code == 0, shown.output
    # values as the plan shows them: technical points ÷ price × 1,000,000
    assert shows("Technical points ÷ price × 1,000,000 (exact): A 75.00, C 62.50, B 50.00.", shown.stdout)
    assert shows("Not needed: under division method", shown.stdout)


# --- the command -------------------------------------------------------------------------------


def test_cli_on_the_demo_in_both_languages(demo: Workspace, run: Callable[..., Result]) -> None:
    root = str(demo.root)
    demo.close()
    en = run("--lang", "en", "-C", root, "robustness", "--samples", "2000", "--seed", "7")
    assert en.exit_code == 0, en.output
    assert en.stderr == ""
    assert shows("FormEye stays first unless the weight of Price rises from 12 % to 12.2 % or more", en.stdout)
    assert shows("2,000 samples, seed 7", en.stdout)
    assert shows("Removing any one bid leaves the order of the others as it is.", en.stdout)
    ja = run("--lang", "ja", "-C", root, "robustness", "--samples", "2000", "--seed", "7")
    assert ja.exit_code == 0, ja.output
    assert shows("価格の重みが12%から12.2%以上に上がらない限り、フォームアイが1位のままです", ja.stdout)
    assert shows("標本数2,000、シード7", ja.stdout) and "信頼係数" in ja.stdout
    hearings = run("--lang", "en", "-C", root, "robustness", "--weights", "hearings", "--score-uncertainty")
    assert hearings.exit_code == 0, hearings.output
    assert shows("10,000 samples, seed 0; weights drawn around the current weights (Dirichlet", hearings.stdout)
    markdown = run("--lang", "en", "-C", root, "robustness", "--samples", "100", "--format", "markdown")
    assert (
        markdown.stdout.startswith("# Robustness: ") and "| Candidate | Rank 1 | Rank 2 | Rank 3 |" in markdown.stdout
    )


def test_cli_json_shape(demo: Workspace, tmp_path: Path, run: Callable[..., Result]) -> None:
    root = str(demo.root)
    demo.close()
    out = tmp_path / "robustness.json"
    result = run(
        "--lang", "en", "-C", root, "robustness", "--samples", "1000", "--seed", "3", "--format", "json", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == {
        "schema",
        "title",
        "lang",
        "plan_hash",
        "ledger_head",
        "model",
        "sensitivity",
        "smaa",
        "leave_one_bidder_out",
        "notes",
    }
    assert data["schema"] == "toolbench.robustness/1" and data["ledger_head"] > 0
    assert data["model"]["winner"] == "formeye"
    assert [t["id"] for t in data["model"]["tools"]] == ["formeye", "kamiscan", "alpha-reader"]
    price = next(c for c in data["sensitivity"]["criteria"] if c["criterion"] == "price")
    rise = price["rescaled"]["rise"]
    assert set(rise) == {"value", "float", "shown", "direction", "leader", "rivals", "level_now"}
    assert (
        rise["rivals"] == ["kamiscan"] and rise["direction"] == "rise" and Fraction(rise["value"]) > Fraction(12, 100)
    )
    assert price["rescaled"]["fall"] is None
    smaa_data = data["smaa"]
    assert (smaa_data["samples"], smaa_data["seed"], smaa_data["weights"]) == (1000, 3, "uniform")
    for tool in smaa_data["tools"]:
        assert len(tool["acceptability"]) == 3 and sum(tool["acceptability"]) == pytest.approx(1.0)
        assert tool["confidence"] in (None, 1.0)
    assert data["leave_one_bidder_out"]["family"] == "lowest_ratio"
    assert [r["changed"] for r in data["leave_one_bidder_out"]["removals"]] == [False, False, False]
    # the command and the library say the same
    workspace = Workspace.open(root)
    try:
        again = robustness_data(analyse(workspace.evaluate(), samples=1000, seed=3), "en")
    finally:
        workspace.close()
    assert json.loads(json.dumps(again)) == data


def test_cli_errors_are_one_line(demo: Workspace, make: Make, run: Callable[..., Result]) -> None:
    root = str(demo.root)
    demo.close()
    for args, code, text in (
        (["--samples", "0"], 2, "the number of samples must be from 1 to 10,000,000, not 0"),
        (["--weights", "gut"], 2, "unknown weight sampling 'gut'; use one of: uniform, hearings"),
    ):
        result = run("--lang", "en", "-C", root, "robustness", *args)
        assert result.exit_code == code and result.stdout == ""
        assert result.stderr.strip().splitlines() == [f"toolbench: {text}"]
    empty = make(plan(HAND, [("x", None), ("y", None)]))
    empty_root = str(empty.root)
    empty.close()
    result = run("--lang", "en", "-C", empty_root, "robustness")
    assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 1
    assert "no candidate can be compared yet" in result.stderr
    fixed = make(plan(HAND, [("x", None), ("y", None)]), name="fixed")
    score(fixed, "x", c1="a", c2="a", c3="a")
    score(fixed, "y", c1="b", c2="b", c3="b")
    fixed_root = str(fixed.root)
    fixed.close()
    result = run("--lang", "ja", "-C", fixed_root, "robustness", "--weights", "hearings")
    assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 1
    assert "ヒアリングから導いた重みが必要です" in result.stderr


def test_cli_csv_opens_in_japanese_excel(demo: Workspace, tmp_path: Path, run: Callable[..., Result]) -> None:
    root = str(demo.root)
    demo.close()
    out = tmp_path / "r.csv"
    result = run("--lang", "ja", "-C", root, "robustness", "--samples", "100", "--format", "csv", "-o", str(out))
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "候補,1位,2位,3位,信頼係数" in text


def test_the_docs_quote_the_demo_as_it_is(tmp_path: Path, run: Callable[..., Result]) -> None:
    """docs/robustness.md shows an excerpt of the demo's output (`toolbench demo`): it must be what the command prints."""
    root = str(tmp_path / "demo-ws")
    assert run("demo", root).exit_code == 0
    docs = (Path(__file__).parents[1] / "docs" / "robustness.md").read_text(encoding="utf-8")
    excerpt = docs.split("On the demo (`--lang en`, excerpt):")[1].split("```text")[1].split("```")[0]
    quoted = [line for line in excerpt.strip().splitlines() if line.startswith("・")]
    assert len(quoted) >= 5
    output = run("--lang", "en", "-C", root, "robustness").stdout
    for line in quoted:
        assert shows(line, output), line


def test_level_now_is_said_so(make: Make) -> None:
    """x (1, 0) and y (0, 1) on two criteria of 50 points: level at 50 each (both ranked 1; x listed first).

    Any fall of c1 (or rise of c2) puts y ahead: the threshold is the current weight itself.
    """
    evaluation = _mirror(make).evaluate()
    model = additive_model(evaluation)
    assert model.tools == ("x", "y") and model.totals() == {"x": Fraction(50), "y": Fraction(50)}
    c1 = sensitivity(model).criteria[0]
    assert c1.rescaled.rise is None
    assert c1.rescaled.fall is not None and c1.rescaled.fall.level_now and c1.rescaled.fall.value == Fraction(1, 2)
    text = sentences(analyse(evaluation, samples=10), "en")
    assert text[0] == "X and Y are level now: any fall of the weight of C1 puts Y ahead."
    assert sentences(analyse(evaluation, samples=10), "ja")[0] == (
        "XとYは現在同点です。C1の重みを少しでも下げるとYが上回ります。"
    )


def test_a_threshold_close_to_the_current_weight_gets_more_decimals() -> None:
    """12.004 % is shown as 12.004 %, never as "12 %" next to a current weight of 12 %."""
    close = Threshold(Fraction(12004, 100000), "rise", "a", ("b",), False, Fraction(12, 100))
    assert shown_value(close, "rescaled", "en") == "12.004 %"
    assert threshold_text(close, "rescaled", "ja") == "12.004%以上"
    usual = Threshold(Fraction(6, 11), "rise", "a", ("b",), False, Fraction(1, 2))
    assert shown_value(usual, "rescaled") == "54.54 %"  # rounded down, towards 50 %
    fall = Threshold(Fraction(5, 19), "fall", "a", ("b",), False, Fraction(3, 10))
    assert shown_value(fall, "rescaled") == "26.32 %"  # rounded up, towards 30 %
