"""The evaluation: exact points, missing scores, ranks and corrections.

Every expected figure below is worked by hand in the comments (the committee rule: each
evaluator's level → ratio by the scale table; mean of the ratios × 配点).
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from toolbench import ScoreError, Workspace
from toolbench.methods.evaluation import evaluate


def test_demo_totals_match_hand_computation(fixed_demo: Workspace) -> None:
    """Every cell and total of the demo, worked by hand from the levels it records."""
    result = fixed_demo.evaluate()
    alpha = result.result("alpha-reader")
    # accuracy 4,4,5 → (0.75 + 0.75 + 1.00) / 3 × 20 = 50/3
    assert alpha.cells["accuracy"].points == Fraction(50, 3)
    # handwriting 3,4,3 → (0.5 + 0.75 + 0.5) / 3 × 10 = 35/6
    assert alpha.cells["handwriting"].points == Fraction(35, 6)
    # support: Ishii's 5 was corrected to 4 → 4,4,4 → 0.75 × 10
    assert alpha.cells["support"].points == Fraction(15, 2)
    # certification A,A,A on the non-linear scale → 1.00 × 10
    assert alpha.cells["security-certification"].points == 10
    # technical: 50/3 + 35/6 + 20/3 + 10 + 15/2 + 35/3 = 175/3 = 58.333…, rounded at the total
    # (the default round_at) half up to 2 decimals: 58.33
    assert sum((c.points or 0 for c in alpha.cells.values() if c.source != "price"), Fraction(0)) == Fraction(175, 3)
    assert alpha.technical == Fraction("58.33")
    # price (lowest_ratio, 20 points): 20 × 3,960,000 ÷ 4,800,000 = 16.5
    assert alpha.price_points == Fraction(33, 2)
    assert alpha.total == Fraction("58.33") + Fraction(33, 2) == Fraction("74.83")

    kami = result.result("kamiscan")
    # certification B on all three sheets → 0.60 × 10
    assert kami.cells["security-certification"].points == 6
    # ease of use 5,4,(missing) → (1.00 + 0.75) / 2 × 20 = 17.5: the missing score is left out
    assert kami.cells["ease-of-use"].points == Fraction(35, 2)
    assert kami.cells["ease-of-use"].missing == ("ueda",)
    # 35/3 + 25/3 + 55/6 + 6 + 35/6 + 35/2 = 58.5; the lowest price gives the full 20
    assert kami.technical == Fraction(117, 2) and kami.price_points == 20
    assert kami.total == Fraction(157, 2)

    formeye = result.result("formeye")
    # Ueda scored nothing for FormEye; Ishii skipped ease of use → 4 alone → 0.75 × 20
    assert formeye.cells["ease-of-use"].points == 15
    # Ueda works for FormEye's vendor (北斗通信株式会社): recused, so neither counted nor missing
    assert formeye.cells["ease-of-use"].missing == ("ishii",)
    assert formeye.cells["ease-of-use"].recused == ("ueda",)
    assert ("ueda", "formeye") in result.recusals and result.recusals[("ueda", "formeye")].role == "vendor"
    # 17.5 + 6.25 + 5 + 10 + 7.5 + 15 = 61.25; price 20 × 3.96 ÷ 5.28 = 15
    assert formeye.technical == Fraction(245, 4) and formeye.price_points == 15
    assert formeye.total == Fraction(305, 4)
    # LGWAN: Ishii's fail against Aoki's pass is a 1–1 tie (Ueda abstains); the chair (Aoki) decides
    lgwan = formeye.musts["lgwan"]
    assert (lgwan.verdict, lgwan.passes, lgwan.fails, lgwan.decided_by) == ("pass", 1, 1, "chair")
    kami_lgwan = kami.musts["lgwan"]
    assert (kami_lgwan.verdict, kami_lgwan.passes, kami_lgwan.fails, kami_lgwan.decided_by) == (
        "pass",
        2,
        1,
        "majority",
    )

    # 78.5 > 76.25 > 74.83: with the fixed points the cheapest tool wins
    assert [(r.tool.id, r.rank) for r in result.ranking()] == [("kamiscan", 1), ("formeye", 2), ("alpha-reader", 3)]


def test_demo_with_points_from_hearings(demo: Workspace) -> None:
    """The demo takes its points from its four hearings; the evaluation uses them.

    The derived points (their arithmetic is tested in test_hearings.py and
    test_weighting.py) sum to 100 and replace the rubric's. With accuracy 23,
    handwriting 17, form definition 8, certification 9, support 12, ease of use 19:
      FormEye  = 0.875×23 + 0.625×17 + 0.5×8 + 1×9 + 0.75×12 + 0.75×19 = 67
      KamiScan = (1.75/3)×23 + (2.5/3)×17 + (2.75/3)×8 + 0.6×9 + (1.75/3)×12 + 0.875×19
               = 104.75/3 + 29.025 = 419/12 + 1161/40 = 7673/120 = 63.941666…
      Alpha    = (2.5/3)×23 + (1.75/3)×17 + (2/3)×8 + 9 + 0.75×12 + (1.75/3)×19 = 63.5
    Technical points are rounded at the total (half up, 2 decimals): KamiScan 63.94.
    Price (12 points, lowest 3,960,000): KamiScan 12, Alpha 12 × 3.96/4.8 = 9.9,
    FormEye 12 × 3.96/5.28 = 9. Totals: FormEye 76, KamiScan 75.94, Alpha 73.4.
    """
    result = demo.evaluate()
    assert result.weights is not None
    points = {c.id: c.points for c in result.plan.criteria}
    assert sum(result.weights.points.values()) == 100
    assert {k: points[k] for k in result.weights.points} == dict(result.weights.points)
    assert [
        points[c]
        for c in (
            "accuracy",
            "handwriting",
            "form-definition",
            "security-certification",
            "support",
            "ease-of-use",
            "price",
        )
    ] == [23, 17, 8, 9, 12, 19, 12]
    assert result.result("formeye").technical == 67
    assert result.result("kamiscan").technical == Fraction("63.94")
    assert result.result("alpha-reader").technical == Fraction(127, 2)
    assert result.result("formeye").total == 76
    assert result.result("kamiscan").total == Fraction("75.94")
    assert result.result("alpha-reader").total == Fraction("73.4")
    assert [(r.tool.id, r.rank) for r in result.ranking()] == [("formeye", 1), ("kamiscan", 2), ("alpha-reader", 3)]


def test_subtotals_add_up_to_total(fixed_demo: Workspace) -> None:
    """Group subtotals are the sum of their cells and add up to the total (rounded only at the total)."""
    from toolbench.base.numbers import round_fraction

    for result in fixed_demo.evaluate().results:
        exact = sum((v for v in result.subtotals.values() if v is not None), Fraction(0))
        assert Fraction(round_fraction(exact, 2, "half_up")) == result.total
        function = sum(
            (result.cells[c].points or 0 for c in ("accuracy", "handwriting", "form-definition")), Fraction(0)
        )
        assert result.subtotals["function"] == function


def test_must_haves_carry_no_points_and_price_does(fixed_demo: Workspace) -> None:
    """The must-have is judged, not scored; the price criterion's 20 points are in the maximum."""
    result = fixed_demo.evaluate()
    assert [c.id for c in result.must_criteria] == ["lgwan"]
    assert result.pending_criteria == ()
    assert result.max_points == 100 and result.technical_max == 80


def test_exact_arithmetic_breaks_no_float_tie(small: Workspace) -> None:
    """0.1 + 0.2 and 0.3 + 0 are equal totals and share rank 1 (in floats 0.1 + 0.2 > 0.3)."""
    small.record_scores("x", "e1", {"c1": "a", "c2": "b"}, actor="t")
    small.record_scores("y", "e1", {"c1": "c", "c2": "d"}, actor="t")
    small.record_scores("z", "e1", {"c1": "d", "c2": "a"}, actor="t")
    result = small.evaluate()
    assert 0.1 + 0.2 != 0.3  # the trap this test is about
    assert result.result("x").total == result.result("y").total == Fraction(3, 10)
    assert [r.rank for r in result.results] == [1, 1, 3]


def test_missing_is_never_zero(small: Workspace) -> None:
    """One evaluator's score stands alone; a cell nobody scored is missing, not 0."""
    small.record_scores("x", "e1", {"c1": "c"}, actor="t")
    small.record_scores("x", "e2", {"c1": "a"}, actor="t")
    small.record_scores("y", "e1", {"c1": "c"}, actor="t")
    result = small.evaluate()
    x, y, z = result.results
    assert x.cells["c1"].points == Fraction(2, 10)  # (0.3 + 0.1) / 2
    assert y.cells["c1"].points == Fraction(3, 10)  # e2 missing: 0.3 alone, not (0.3 + 0) / 2
    assert y.cells["c1"].partial and y.cells["c1"].missing == ("e2",)
    assert x.cells["c2"].points is None and not x.cells["c2"].scored
    assert x.provisional and x.unscored == ("c2",)
    assert z.rank is None  # no score at all: not ranked
    assert (y.rank, x.rank) == (1, 2)


def test_changing_a_score_needs_a_reason_and_supersedes(small: Workspace) -> None:
    """A change without --reason is refused; with one, the new event names the old."""
    first = small.record_scores("x", "e1", {"c1": "a"}, actor="t").recorded[0]
    with pytest.raises(ScoreError) as refused:
        small.record_scores("x", "e1", {"c1": "b"}, actor="t")
    assert refused.value.key == "score.reason_required"
    assert len(list(small.ledger.events())) == 1
    again = small.record_scores("x", "e1", {"c1": "a"}, actor="t")
    assert again.recorded == () and again.unchanged == ("c1",)
    changed = small.record_scores("x", "e1", {"c1": "b"}, actor="t", reason="misread").recorded[0]
    assert changed.payload["supersedes"] == first.seq and changed.payload["reason"] == "misread"
    assert small.evaluate().result("x").cells["c1"].points == Fraction(2, 10)


def test_all_or_nothing(small: Workspace) -> None:
    """One bad level among several records nothing at all."""
    for scores in ({"c1": "a", "c2": "zz"}, {"c1": "a", "nope": "a"}):
        with pytest.raises(ScoreError):
            small.record_scores("x", "e1", scores, actor="t")
    with pytest.raises(ScoreError) as unknown_tool:
        small.record_scores("../x", "e1", {"c1": "a"}, actor="t")
    assert "x, y, z" in unknown_tool.value.message("en")
    with pytest.raises(ScoreError):
        small.record_scores("x", "nobody", {"c1": "a"}, actor="t")
    assert list(small.ledger.events()) == []


def test_events_carry_the_plan_hash(demo: Workspace) -> None:
    """Every score records the hash of the plan it was given under, as reopened from disk."""
    reopened = Workspace.open(demo.root)
    try:
        hashes = {e.plan_hash for e in reopened.ledger.events()}
        assert hashes == {reopened.plan.hash}
    finally:
        reopened.close()


def test_scores_that_left_the_plan_become_notices(small: Workspace) -> None:
    """A score for a tool the plan no longer lists is set aside and reported, not used."""
    small.record_scores("z", "e1", {"c1": "a"}, actor="t")
    plan_file = small.root / "toolbench.toml"
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(text.replace('[[tools]]\nid = "z"\nname = "Z"\nvendor = "Z Co."\n', ""), encoding="utf-8")
    reopened = Workspace.open(small.root)
    try:
        result = reopened.evaluate()
        assert [r.tool.id for r in result.results] == ["x", "y"]
        assert [(n.seq, n.key) for n in result.notices] == [(1, "notice.not_in_plan")]
    finally:
        reopened.close()


def test_evaluate_is_pure(demo: Workspace) -> None:
    """The same plan and events give the same result, whether read once or twice."""
    events = list(demo.ledger.events())
    assert evaluate(demo.plan, events) == evaluate(demo.plan, list(events))


CORRECTOR = """
import sys
from toolbench import Workspace
root, who, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
with Workspace.open(root, wait_seconds=60) as ws:
    for i in range(rounds):
        level = "abc"[i % 3]
        ws.record_scores("x", "e1", {"c1": level}, actor=who, reason=f"{who} round {i}")
"""


def test_concurrent_corrections_supersede_in_a_line(small: Workspace) -> None:
    """Four processes correcting the same cell at once: every change supersedes the one
    just before it, never an older one (decisions are made against the head they append to)."""
    import subprocess
    import sys

    small.record_scores("x", "e1", {"c1": "d"}, actor="t")
    procs = [
        subprocess.Popen([sys.executable, "-c", CORRECTOR, str(small.root), f"p{n}", "25"], stderr=subprocess.PIPE)
        for n in range(4)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    events = [e for e in small.ledger.events() if e.payload.get("criterion") == "c1"]
    for before, after in zip(events, events[1:], strict=False):
        if before.payload["level"] == after.payload["level"]:
            pytest.fail(f"event {after.seq} repeats the current level of event {before.seq}")
        assert after.payload["supersedes"] == before.seq
    assert small.verify().ok
