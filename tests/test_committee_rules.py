"""Committee rules for one cell: mean, median, sum, trimmed mean; and the rule for missing scores.

Every expected figure is worked by hand below, from the scale 5 → 1.00, 4 → 0.75,
3 → 0.50, 2 → 0.25, 1 → 0.00 and a criterion worth 10 points.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import Result

from toolbench import EvaluationBlocked, Workspace
from toolbench.methods.evaluation import aggregate

PLAN = """\
[evaluation]
title = "Committee rules"
language = "en"

[scoring]
{scoring}

[groups]
g = "G"

[scales.five]
ratios = {{ 5 = 1.00, 4 = 0.75, 3 = 0.50, 2 = 0.25, 1 = 0.00 }}

[[criteria]]
id = "c"
name = "C"
group = "g"
points = 10
scale = "five"

[[tools]]
id = "t"
name = "T"
vendor = "V"

[[evaluators]]
id = "e1"
name = "E1"

[[evaluators]]
id = "e2"
name = "E2"

[[evaluators]]
id = "e3"
name = "E3"

[[evaluators]]
id = "e4"
name = "E4"
"""


def workspace(tmp_path: Path, scoring: str, levels: dict[str, str]) -> Workspace:
    root = tmp_path / "w"
    root.mkdir()
    (root / "toolbench.toml").write_text(PLAN.format(scoring=scoring), encoding="utf-8")
    ws = Workspace.start_ledger(root)
    for evaluator, level in levels.items():
        ws.record_scores("t", evaluator, {"c": level}, actor="t")
    return ws


FOUR = {"e1": "5", "e2": "5", "e3": "4", "e4": "1"}  # ratios 1, 1, 0.75, 0


@pytest.mark.parametrize(
    ("rule", "points"),
    [
        ("mean", Fraction(275, 40)),  # (1 + 1 + 0.75 + 0) / 4 = 0.6875 → 6.875
        ("median", Fraction(35, 4)),  # middle two 0.75 and 1 → 0.875 → 8.75
        ("trimmed_mean", Fraction(35, 4)),  # drop 1 and 0 → (1 + 0.75) / 2 = 0.875 → 8.75
        ("sum", Fraction(55, 2)),  # 10 + 10 + 7.5 + 0 = 27.5 (of 4 × 10 = 40)
    ],
)
def test_rules_on_four_scores(tmp_path: Path, rule: str, points: Fraction) -> None:
    with workspace(tmp_path, f'aggregation = "{rule}"', FOUR) as ws:
        result = ws.evaluate()
        assert result.result("t").cells["c"].points == points
        assert result.max_points == (40 if rule == "sum" else 10)


def test_odd_count_median_and_trim(tmp_path: Path) -> None:
    """Three scores 5, 2, 1 → ratios 1, 0.25, 0: median 0.25; trimmed keeps only 0.25; mean 1.25/3."""
    assert aggregate([Fraction(1), Fraction(1, 4), Fraction(0)], "median") == Fraction(1, 4)
    assert aggregate([Fraction(1), Fraction(1, 4), Fraction(0)], "trimmed_mean") == Fraction(1, 4)
    assert aggregate([Fraction(1), Fraction(1, 4), Fraction(0)], "mean") == Fraction(5, 12)
    # with fewer than three scores nothing is trimmed
    assert aggregate([Fraction(1), Fraction(0)], "trimmed_mean") == Fraction(1, 2)


def test_block_refuses_while_a_score_is_missing(tmp_path: Path, run: Callable[..., Result]) -> None:
    three = {k: v for k, v in FOUR.items() if k != "e4"}
    with workspace(tmp_path, 'missing = "block"', three) as ws:
        with pytest.raises(EvaluationBlocked) as blocked:
            ws.evaluate()
        assert "t/c/e4" in blocked.value.message("en")
        result = run("--lang", "en", "-C", str(ws.root), "matrix")
        assert result.exit_code == 1 and 'scoring.missing = "block"' in result.stderr
        ws.record_scores("t", "e4", {"c": "1"}, actor="t")
        assert ws.evaluate().result("t").cells["c"].points == Fraction(275, 40)


def test_exclude_flags_instead(tmp_path: Path) -> None:
    three = {k: v for k, v in FOUR.items() if k != "e4"}
    with workspace(tmp_path, 'missing = "exclude"', three) as ws:
        cell = ws.evaluate().result("t").cells["c"]
        # (1 + 1 + 0.75) / 3 = 11/12 → 55/6 points; e4 is flagged, not counted as 0
        assert cell.points == Fraction(55, 6) and cell.missing == ("e4",)


def test_reports_state_the_rule(tmp_path: Path, run: Callable[..., Result]) -> None:
    with workspace(tmp_path, 'aggregation = "trimmed_mean"', FOUR) as ws:
        data = json.loads(run("-C", str(ws.root), "matrix", "--format", "json").stdout)
        assert data["rules"]["aggregation"] == "trimmed_mean" and data["rules"]["missing_rule"] == "exclude"
        text = run("--lang", "en", "-C", str(ws.root), "matrix", "--format", "markdown").stdout
        assert "without the highest and the lowest" in text


def test_under_sum_a_consensus_stands_for_the_whole_panel(tmp_path: Path) -> None:
    """Sum rule, two evaluators, 配点 10: the cell is worth 10 × 2 = 20.

    Both scoring the top level (ratio 1) give 10 + 10 = 20; a committee consensus at the
    same level must give the same 20, not one evaluator's 10.
    """
    from toolbench import Workspace

    root = tmp_path / "sum"
    root.mkdir()
    (root / "toolbench.toml").write_text(
        '[evaluation]\ntitle = "T"\n\n[scoring]\naggregation = "sum"\n\n[groups]\ng = "G"\n\n'
        "[scales.two]\nratios = { hi = 1.0, lo = 0.0 }\n\n"
        '[[criteria]]\nid = "c"\nname = "C"\ngroup = "g"\npoints = 10\nscale = "two"\n\n'
        '[[tools]]\nid = "x"\nname = "X"\nvendor = "X Co."\n\n[[tools]]\nid = "y"\nname = "Y"\nvendor = "Y Co."\n\n'
        '[[evaluators]]\nid = "e1"\nname = "E1"\n\n[[evaluators]]\nid = "e2"\nname = "E2"\n',
        encoding="utf-8",
    )
    workspace = Workspace.start_ledger(root)
    try:
        for evaluator in ("e1", "e2"):
            workspace.record_scores("x", evaluator, {"c": "hi"}, actor="t")
        workspace.moderate("y", "c", "hi", comment="agreed", actor="chair")
        result = workspace.evaluate()
        assert result.cell_points(result.plan.criteria[0]) == 20
        assert result.result("x").cells["c"].points == 20
        assert result.result("y").cells["c"].points == 20
    finally:
        workspace.close()
