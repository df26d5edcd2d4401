"""Rater checks: Kendall's W against published and hand-worked figures, leniency,
divergent cells and leave-one-evaluator-out on real workspaces worked by hand, and
`toolbench fairness` on the demo in both languages."""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from toolbench import Workspace
from toolbench.methods.fairness import (
    FairnessError,
    chi2_sf,
    concordance,
    divergent_cells,
    fairness_report,
    kendall_w,
    leave_one_out,
    leniency,
)

DATA = Path(__file__).parent / "data"
REFERENCE = json.loads((DATA / "kendall_w_concordance.json").read_text(encoding="utf-8"))
TOLERANCE = REFERENCE["tolerance"]
NOW = datetime(2026, 5, 1, 1, 0, tzinfo=UTC)


# --- Kendall's W against the reference file ------------------------------------------------
# tests/data/kendall_w_concordance.json: NAG Library routine G08DAF, example program and
# results (3 raters × 10 objects with ties: "Kendall's coefficient = 0.828, Significance =
# 0.008"); formulas from Kendall (1948) and Siegel & Castellan (1988) §9.4; two
# hand-checkable cases of 3 evaluators ranking 4 tools, with and without a tie.

CASES = ["nag_g08daf", "hand_no_ties", "hand_with_tie"]


@pytest.mark.parametrize("case", CASES)
def test_kendall_w_matches_the_reference(case: str) -> None:
    expected = REFERENCE["expected"][case]
    result = kendall_w(REFERENCE["inputs"][case])
    assert [float(x) for x in result.rank_sums] == expected["rank_sums"]
    assert result.s == Fraction(expected["S"])
    assert result.ties == expected["sum_t3_minus_t"]
    assert result.df == expected["df"]
    # the figures printed to 6 decimals: within rounding of them
    assert result.w_t is not None and result.chi2 is not None and result.p_chi2 is not None
    assert abs(float(result.w) - expected["W"]) <= 5e-7
    assert abs(float(result.w_t) - expected["W_tie_corrected"]) <= 5e-7
    assert abs(float(result.chi2_uncorrected) - expected["chi2_uncorrected"]) <= 5e-7
    assert abs(float(result.chi2) - expected["chi2_corrected"]) <= 5e-7
    assert abs(result.p_chi2 - expected["p_corrected"]) <= TOLERANCE["p_values"]
    assert abs(result.p_chi2_uncorrected - expected["p_uncorrected"]) <= TOLERANCE["p_values"]
    # the full-precision cross-checks (scipy, pyirr): within the tolerance for exact values
    checks = REFERENCE["cross_checks"][case]
    assert abs(float(result.chi2) - checks["scipy_friedmanchisquare_statistic"]) <= TOLERANCE["against_exact"]
    assert abs(float(result.w_t) - checks["pyirr_kendall(correct=True)"]["W"]) <= TOLERANCE["against_exact"]
    assert abs(result.p_chi2 - checks["pyirr_kendall(correct=True)"]["p"]) <= TOLERANCE["against_exact"]


def test_kendall_w_exact_fractions() -> None:
    nag = kendall_w(REFERENCE["inputs"]["nag_g08daf"])
    # S = 591, Σ(t³ − t) = 114: W = 12·591 / (9·990) = 394/495, W_t = 7092 / (8910 − 3·114) = 197/238
    assert nag.w == Fraction(REFERENCE["expected"]["nag_g08daf"]["W_uncorrected_exact"]) == Fraction(394, 495)
    assert nag.w_t == Fraction(REFERENCE["expected"]["nag_g08daf"]["W_tie_corrected_exact"]) == Fraction(197, 238)
    no_ties = kendall_w(REFERENCE["inputs"]["hand_no_ties"])
    # rank sums 4, 6, 8, 12 around 7.5: S = 12.25 + 2.25 + 0.25 + 20.25 = 35; W = 12·35 / (9·60) = 7/9
    assert no_ties.w == no_ties.w_t == Fraction(REFERENCE["expected"]["hand_no_ties"]["W_exact"]) == Fraction(7, 9)
    tie = kendall_w(REFERENCE["inputs"]["hand_with_tie"])
    # S = 37.5, one pair tied (t³ − t = 6): W = 450/540 = 5/6, W_t = 450 / (540 − 18) = 25/29
    assert tie.w == Fraction(REFERENCE["expected"]["hand_with_tie"]["W_uncorrected_exact"]) == Fraction(5, 6)
    assert tie.w_t == Fraction(REFERENCE["expected"]["hand_with_tie"]["W_tie_corrected_exact"]) == Fraction(25, 29)


def test_published_nag_figures() -> None:
    """G08DAF prints W = 0.828 and significance 0.008 (the χ² approximation, tie-corrected)."""
    nag = kendall_w(REFERENCE["inputs"]["nag_g08daf"])
    published = REFERENCE["expected"]["nag_g08daf"]
    assert nag.w_t is not None and nag.p_chi2 is not None
    assert abs(float(nag.w_t) - published["published_W_tie_corrected"]) <= TOLERANCE["against_published_nag"]
    assert abs(nag.p_chi2 - published["published_significance"]) <= TOLERANCE["against_published_nag"]


# --- the permutation test ----------------------------------------------------------------


def test_exact_permutation_p_by_hand() -> None:
    """2 raters × 3 objects. Rater 1 ranks 1, 2, 3; rater 2 ranks 1, 3, 2.

    Rank sums 2, 5, 5 around m(n+1)/2 = 4: S = 4 + 1 + 1 = 6, W = 12·6 / (4·24) = 3/4.
    Holding rater 1 fixed, rater 2's 3! = 6 orderings give rank sums and S:
      (1,2,3) → 2,4,6 → 8    (1,3,2) → 2,5,5 → 6    (2,1,3) → 3,3,6 → 6
      (2,3,1) → 3,5,4 → 2    (3,1,2) → 4,3,5 → 2    (3,2,1) → 4,4,4 → 0
    S ≥ 6 in 3 of 6: p = 1/2.
    """
    result = kendall_w([[1, 2, 3], [1, 3, 2]])
    assert result.w == result.w_t == Fraction(3, 4)
    assert (result.method, result.arrangements, result.p_permutation) == ("exact", 6, Fraction(1, 2))
    assert result.samples is None and result.seed is None


def test_exact_permutation_p_with_a_tie_by_hand() -> None:
    """Rater 2 ties objects 2 and 3: ranks 1, 2.5, 2.5 (t³ − t = 6).

    Rank sums 2, 4.5, 5.5: S = 4 + 0.25 + 2.25 = 6.5; W = 78/96 = 13/16, W_t = 78 / (96 − 2·6) = 13/14.
    Rater 2's 6 orderings give three distinct rank vectors, twice each:
      (1, 2.5, 2.5) → 2, 4.5, 5.5 → 6.5   (2.5, 1, 2.5) → 3.5, 3, 5.5 → 3.5   (2.5, 2.5, 1) → 3.5, 4.5, 4 → 0.5
    S ≥ 6.5 in 2 of 6: p = 1/3.
    """
    result = kendall_w([[1, 2, 3], [1, 2.5, 2.5]])
    assert (result.w, result.w_t, result.ties) == (Fraction(13, 16), Fraction(13, 14), 6)
    assert result.p_permutation == Fraction(1, 3)


def _brute_force_p(matrix: list[list[float]]) -> Fraction:
    """P(S ≥ S observed) by listing every ordering of every rater but the first (an independent count)."""
    n = len(matrix[0])

    def spread(rows: Any) -> float:
        sums = [sum(row[j] for row in rows) for j in range(n)]
        return sum((x - len(rows) * (n + 1) / 2) ** 2 for x in sums)

    observed = spread(matrix)
    orderings = [list(itertools.permutations(row)) for row in matrix[1:]]
    hits = total = 0
    for chosen in itertools.product(*orderings):
        total += 1
        hits += spread([matrix[0], *chosen]) >= observed - 1e-9
    return Fraction(hits, total)


@pytest.mark.parametrize("case", ["hand_no_ties", "hand_with_tie"])
def test_exact_p_agrees_with_listing_every_arrangement(case: str) -> None:
    matrix = REFERENCE["inputs"][case]
    result = kendall_w(matrix)
    assert result.method == "exact" and result.arrangements == 24**2
    assert result.p_permutation == _brute_force_p(matrix)
    assert result.p_permutation == {"hand_no_ties": Fraction(31, 576), "hand_with_tie": Fraction(1, 48)}[case]


def test_monte_carlo_is_seeded_and_close_to_the_exact_p() -> None:
    matrix = REFERENCE["inputs"]["hand_no_ties"]
    exact = kendall_w(matrix).p_permutation
    assert exact == Fraction(31, 576)
    sampled = kendall_w(matrix, exact_limit=0, samples=20_000, seed=3)
    assert (sampled.method, sampled.samples, sampled.seed) == ("monte_carlo", 20_000, 3)
    assert sampled.p_permutation is not None
    # p ≈ 0.054; the standard error of 20,000 draws is about 0.0016
    assert abs(float(sampled.p_permutation - exact)) < 0.0064
    assert kendall_w(matrix, exact_limit=0, samples=20_000, seed=3).p_permutation == sampled.p_permutation


def test_nag_is_tested_by_sampling() -> None:
    """(10!)² arrangements are too many to list: a seeded Monte-Carlo test, samples and seed kept.

    With only 3 raters the χ² approximation is conservative here: the permutation p is
    far below 0.008 (an independent 200,000-draw run gave about 0.0001).
    """
    nag = kendall_w(REFERENCE["inputs"]["nag_g08daf"], samples=2_000, seed=1)
    assert (nag.method, nag.samples, nag.seed, nag.arrangements) == ("monte_carlo", 2_000, 1, math.factorial(10) ** 2)
    assert nag.p_permutation is not None and nag.p_permutation < Fraction(5, 1000)
    assert kendall_w(REFERENCE["inputs"]["nag_g08daf"], samples=0).p_permutation is None


def test_chi2_survival_function_against_closed_forms() -> None:
    """df = 2: P(X ≥ x) = e^(−x/2); df = 1: erfc(√(x/2)). Both branches (series, continued fraction)."""
    for x in (0.3, 1.0, 2.5, 10.0, 40.0):
        assert chi2_sf(x, 2) == pytest.approx(math.exp(-x / 2), rel=1e-12)
        assert chi2_sf(x, 1) == pytest.approx(math.erfc(math.sqrt(x / 2)), rel=1e-10)
    assert chi2_sf(0, 5) == 1.0


def test_kendall_w_refuses_what_it_cannot_rank() -> None:
    with pytest.raises(FairnessError, match="at least 2 raters and 2 objects"):
        kendall_w([[1, 2, 3]])
    with pytest.raises(FairnessError):
        kendall_w([[1, 2, 3], [1, 2]])
    with pytest.raises(FairnessError, match="finite number"):
        kendall_w([[1, 2], [1, float("nan")]])
    everything_tied = kendall_w([[1, 1, 1], [2, 2, 2]])
    assert everything_tied.w == 0 and everything_tied.w_t is None and everything_tied.p_permutation == 1


# --- leniency and divergent cells on a small workspace -----------------------------------

RATER_PLAN = """\
[evaluation]
title = {{ ja = "評価者チェック", en = "Rater checks" }}
language = "en"

[groups]
g = {{ ja = "区分", en = "Group" }}

[scales.five]
ratios = {{ 5 = 1.0, 4 = 0.75, 3 = 0.5, 2 = 0.25, 1 = 0.0 }}

[[criteria]]
id = "c1"
name = {{ ja = "品質", en = "Quality" }}
group = "g"
points = 10
scale = "five"
{more_criteria}
{tools}
[[evaluators]]
id = "e1"
name = "E1"

[[evaluators]]
id = "e2"
name = "E2"

[[evaluators]]
id = "e3"
name = "E3"
affiliations = ["Y Co., Ltd."]
"""

SMALL_EXTRA = """
[[criteria]]
id = "c2"
name = { ja = "操作性", en = "Ease" }
group = "g"
points = 10
scale = "five"

[[criteria]]
id = "lgwan"
name = "LGWAN"
group = "g"
kind = "must"
points = 0
"""


def _tools(*ids: str) -> str:
    return "".join(f'\n[[tools]]\nid = "{t}"\nname = "{t.upper()}"\nvendor = "{t.upper()} Co."\n' for t in ids)


def _workspace(root: Path, text: str, scores: dict[tuple[str, str], dict[str, str]]) -> Workspace:
    root.mkdir()
    (root / "toolbench.toml").write_text(text, encoding="utf-8")
    workspace = Workspace.start_ledger(root)
    for (tool, evaluator), levels in scores.items():
        workspace.record_scores(tool, evaluator, levels, actor=evaluator, now=NOW)
    return workspace


@pytest.fixture()
def raters(tmp_path: Path) -> Any:
    """Two tools, three evaluators; E3 works for Y Co., Ltd. (= "Y Co.") and is recused from Y.

    Ratios (five levels: 5 → 1, 4 → 0.75, 3 → 0.5, 2 → 0.25, 1 → 0):
                  E1     E2     E3
      X  c1       1      0.5    0.75
      X  c2       0.75   0.75   0
      Y  c1       0.75   0.5    (recused)
      Y  c2       1      1      (recused)
    The must-have (E1 fails X, outvoted) carries no ratio into leniency.
    """
    text = RATER_PLAN.format(more_criteria=SMALL_EXTRA, tools=_tools("x", "y"))
    workspace = _workspace(
        tmp_path / "raters",
        text,
        {
            ("x", "e1"): {"c1": "5", "c2": "4", "lgwan": "fail"},
            ("x", "e2"): {"c1": "3", "c2": "4", "lgwan": "pass"},
            ("x", "e3"): {"c1": "4", "c2": "1", "lgwan": "pass"},
            ("y", "e1"): {"c1": "4", "c2": "5", "lgwan": "pass"},
            ("y", "e2"): {"c1": "3", "c2": "5", "lgwan": "pass"},
        },
    )
    yield workspace
    workspace.close()


def test_leniency_by_hand(raters: Workspace) -> None:
    """Own ratio − mean of the others', per cell, then the mean over the cells.

    E1: X c1 1 − (0.5+0.75)/2 = 0.375; X c2 0.75 − (0.75+0)/2 = 0.375; Y c1 0.75 − 0.5 = 0.25;
        Y c2 1 − 1 = 0 → 1/4 over 4 cells = 1/4 (25 % of the scale above the others)
    E2: X c1 0.5 − 0.875 = −0.375; X c2 0.75 − 0.375 = 0.375; Y c1 0.5 − 0.75 = −0.25; Y c2 0
        → −0.25/4 = −1/16
    E3: X c1 0.75 − 0.75 = 0; X c2 0 − 0.75 = −0.75 → −3/8 over 2 cells (recused from Y)
    """
    evaluation = raters.evaluate()
    found = {x.evaluator: (x.cells, x.mean) for x in leniency(evaluation)}
    assert found == {"e1": (4, Fraction(1, 4)), "e2": (4, Fraction(-1, 16)), "e3": (2, Fraction(-3, 8))}
    assert leniency(evaluation)[0].percent == 25


def test_divergent_cells_by_hand(raters: Workspace) -> None:
    """Spreads: X c2 0.75 − 0 = 0.75; X c1 1 − 0.5 = 0.5; Y c1 0.75 − 0.5 = 0.25; Y c2 0."""
    evaluation = raters.evaluate()
    default = divergent_cells(evaluation)  # the plan's default share, 0.3
    assert [(d.tool, d.criterion, d.spread) for d in default] == [
        ("x", "c2", Fraction(3, 4)),
        ("x", "c1", Fraction(1, 2)),
    ]
    assert {s.evaluator: s.level for s in default[0].scores} == {"e1": "4", "e2": "4", "e3": "1"}
    # the boundary counts: a spread equal to the share is listed
    assert [d.criterion for d in divergent_cells(evaluation, "0.5")] == ["c2", "c1"]
    assert len(divergent_cells(evaluation, Fraction(1, 4))) == 3
    assert divergent_cells(evaluation, 1) == ()
    for bad in (0, "1.5", -0.1, "abc"):
        with pytest.raises(FairnessError, match="above 0 and at most 1"):
            divergent_cells(evaluation, bad)


def test_concordance_leaves_out_the_recused_evaluator(raters: Workspace) -> None:
    """E3 cannot rank Y, so W compares E1 and E2 over X and Y on c1 and c2 (10 points each).

    E1: X 10 + 7.5 = 17.5, Y 7.5 + 10 = 17.5 → tied, ranks 1.5, 1.5 (t³ − t = 6)
    E2: X 5 + 7.5 = 12.5, Y 5 + 10 = 15 → ranks 2, 1
    Rank sums 3.5, 2.5 around 3: S = 0.5; W = 12·0.5 / (4·6) = 1/4; W_t = 6 / (24 − 2·6) = 1/2.
    """
    agreement = concordance(raters.evaluate())
    assert (agreement.evaluators, agreement.tools, agreement.criteria) == (("e1", "e2"), ("x", "y"), ("c1", "c2"))
    assert agreement.totals == ((Fraction(35, 2), Fraction(35, 2)), (Fraction(25, 2), Fraction(15)))
    assert [(x.id, x.recused) for x in agreement.left_out_evaluators] == [("e3", ("y",))]
    assert agreement.kendall is not None
    assert (agreement.kendall.w, agreement.kendall.w_t) == (Fraction(1, 4), Fraction(1, 2))
    assert agreement.kendall.rank_sums == (Fraction(7, 2), Fraction(5, 2))


# --- leave one evaluator out ---------------------------------------------------------------


@pytest.fixture()
def swing(tmp_path: Path) -> Any:
    """Three tools, one criterion of 10 points, mean of three evaluators (no recusal: Y Co. is not a vendor here).

    Ratios       E1     E2     E3     everyone          without E1   without E2   without E3
      X          1      0.5    0.75   2.25/3 → 7.50     6.25         8.75         7.50
      Y          0.25   0.75   0.75   1.75/3 → 5.83     7.50         5.00         5.00
      Z          0.75   0      0.75   1.5/3  → 5.00     3.75         7.50         3.75
    Ranks        everyone X Y Z; without E1 Y X Z; without E2 X Z Y; without E3 X Y Z.
    """
    text = RATER_PLAN.format(more_criteria="", tools=_tools("x", "y", "z")).replace(
        'affiliations = ["Y Co., Ltd."]', 'affiliations = ["Elsewhere"]'
    )
    levels = {"x": ("5", "3", "4"), "y": ("2", "4", "4"), "z": ("4", "1", "4")}
    scores = {(t, e): {"c1": lv[i]} for t, lv in levels.items() for i, e in enumerate(("e1", "e2", "e3"))}
    workspace = _workspace(tmp_path / "swing", text, scores)
    yield workspace
    workspace.close()


def test_leave_one_out_by_hand(swing: Workspace) -> None:
    found = {x.evaluator: x for x in leave_one_out(swing)}
    e1, e2, e3 = found["e1"], found["e2"], found["e3"]
    assert (e1.winner_before, e1.winner_after, e1.winner_changed) == (("x",), ("y",), True)
    assert [(p.tool, p.rank_before, p.rank_after) for p in e1.rank_changes] == [("x", 1, 2), ("y", 2, 1)]
    assert [(p.tool, p.figure_before, p.figure_after) for p in e1.placings] == [
        ("x", Fraction("7.5"), Fraction("6.25")),
        ("y", Fraction("5.83"), Fraction("7.5")),  # 35/6 rounded half up at the total
        ("z", Fraction(5), Fraction("3.75")),
    ]
    assert not e2.winner_changed and [(p.tool, p.rank_after) for p in e2.rank_changes] == [("y", 3), ("z", 2)]
    assert not e3.winner_changed and e3.rank_changes == ()
    assert e1.counted == 3  # one score per tool
    # the same from a plan and its events
    from_events = leave_one_out(swing.plan, swing.ledger.events())
    assert [x.winner_after for x in from_events] == [("y",), ("x",), ("x",)]


def test_leave_one_out_in_words(swing: Workspace, run: Callable[..., Result]) -> None:
    result = run("-C", str(swing.root), "--lang", "en", "fairness", "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert "- Without E1 the winner changes from X to Y; X and Y swap places." in result.stdout
    assert "- Without E2 the winner stays X; Y and Z swap places." in result.stdout
    assert "- Without E3 the winner stays X; no rank changes." in result.stdout
    ja = run("-C", str(swing.root), "--lang", "ja", "fairness", "--format", "markdown")
    assert "- E1 を除くと 1 位が X から Y に変わる。X と Y の順位が入れ替わる。" in ja.stdout
    assert "- E2 を除いても 1 位は X のまま。Y と Z の順位が入れ替わる。" in ja.stdout


def test_concordance_with_a_rater_who_ties_everything(swing: Workspace) -> None:
    """Ranks (1 = highest): E1 X 1, Y 3, Z 2; E2 X 2, Y 1, Z 3; E3 ties all three: 2, 2, 2 (t³ − t = 24).

    Rank sums 5, 6, 7 around 6: S = 2; W = 24 / (9·24) = 1/9; W_t = 24 / (216 − 3·24) = 1/6.
    Exact test, 3!² = 36 arrangements; E3's are all (2, 2, 2). With E1 fixed at (1, 3, 2),
    E2's orderings leave rank sums − 6 of (p1 − 3, p2 − 1, p3 − 2):
      (1,2,3) S 6, (1,3,2) 8, (2,1,3) 2, (2,3,1) 6, (3,1,2) 0, (3,2,1) 2 → S ≥ 2 in 5 of 6: p = 5/6.
    """
    agreement = concordance(swing.evaluate())
    k = agreement.kendall
    assert k is not None and agreement.evaluators == ("e1", "e2", "e3")
    assert (k.w, k.w_t, k.ties, k.arrangements, k.p_permutation) == (
        Fraction(1, 9),
        Fraction(1, 6),
        24,
        36,
        Fraction(5, 6),
    )


def test_monte_carlo_through_the_command(tmp_path: Path, run: Callable[..., Result]) -> None:
    """Nine tools: 9! = 362,880 arrangements is more than the exact test takes, so it samples, seeded."""
    tools = [f"t{i}" for i in range(1, 10)]
    text = RATER_PLAN.format(more_criteria="", tools=_tools(*tools))
    levels = "123451234"
    scores = {(t, "e1"): {"c1": levels[i]} for i, t in enumerate(tools)}
    scores |= {(t, "e2"): {"c1": levels[(i + 1) % 9]} for i, t in enumerate(tools)}
    workspace = _workspace(tmp_path / "nine", text, scores)
    workspace.close()
    args = ["-C", str(workspace.root), "--lang", "en", "fairness", "--format", "json", "--samples", "300"]
    first = run(*args, "--seed", "7")
    assert first.exit_code == 0, first.output
    test = json.loads(first.stdout)["kendall"]["permutation"]
    assert (test["method"], test["samples"], test["seed"], test["arrangements"]) == ("monte_carlo", 300, 7, 362_880)
    assert run(*args, "--seed", "7").stdout == first.stdout
    words = run("-C", str(workspace.root), "--lang", "en", "fairness", "--format", "markdown", "--samples", "300")
    assert "300 random arrangements, seed 1; the exact test would need 362,880" in words.stdout


# --- the demo through the command line ------------------------------------------------


def test_demo_in_english(demo: Workspace, run: Callable[..., Result]) -> None:
    """The demo's points come from its hearings: accuracy 23, handwriting 17, form definition 8,
    certification 9, support 12 (see test_evaluation.py).

    Kendall's W: Ueda is recused from FormEye, so Aoki and Ishii rank all three tools on the
    five criteria both scored for every tool (Ishii left FormEye's ease of use unscored):
      Aoki:  Alpha 0.75·23 + 0.5·17 + 0.75·8 + 9 + 0.75·12 = 49.75; KamiScan 11.5 + 12.75 + 8 + 5.4 + 6 = 43.65;
             FormEye 23 + 12.75 + 4 + 9 + 9 = 57.75 → ranks 2, 3, 1
      Ishii: Alpha 17.25 + 12.75 + 4 + 9 + 9 = 52; KamiScan 17.25 + 12.75 + 8 + 5.4 + 6 = 49.4;
             FormEye 17.25 + 8.5 + 4 + 9 + 9 = 47.75 → ranks 1, 2, 3
    Rank sums 3, 5, 4 around 4: S = 2, W = 24/96 = 1/4. Exact test over 3! = 6 orderings of
    Ishii's ranks against Aoki's: S = 2, 6, 0, 8, 2, 6 → p = 5/6.

    Without Aoki, FormEye's LGWAN must-have is Ishii's fail alone (Aoki, the chair, had broken the
    1–1 tie): FormEye is disqualified, and Alpha Reader (technical 65.625 → 65.63, + price 9.9 =
    75.53) passes KamiScan (63.4 + 12 = 75.40).
    """
    result = run("-C", str(demo.root), "--lang", "en", "fairness", "--format", "markdown")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "# Rater checks: Minatogawa City (fictional): AI-OCR comparison" in out
    assert "上田 (Ueda) does not score FormEye: 北斗通信株式会社 is its vendor (affiliation in the plan)." in out
    assert "上田 (Ueda) scores 5.7 % of the scale above the others on average (11 cells)." in out
    assert "No cell spreads by 30 % of the scale or more." in out
    assert "Kendall's W = 0.250 (uncorrected 0.250): 2 evaluators ranking 3 tools on 5 criteria." in out
    assert "Exact permutation test: p = 0.8333 (5/6, over all 6 arrangements of the rankings)." in out
    assert "Left out: 上田 (Ueda), recused from FormEye" in out
    assert (
        "Criteria left out (not scored by every compared evaluator for every compared tool): Ease of use for staff."
        in out
    )
    assert "| 青木 (Aoki) | 49.75 (2) | 43.65 (3) | 57.75 (1) |" in out
    assert (
        "- Without 青木 (Aoki) the winner changes from FormEye to Alpha Reader; ranks change: FormEye 1 → disqualified, Alpha Reader 3 → 1."
        in out
    )
    assert "- Without 青木 (Aoki), FormEye is disqualified: must-have lgwan failed (0 pass, 1 fail" in out
    assert "- Without 石井 (Ishii) the winner stays FormEye; no rank changes." in out
    assert "| Alpha Reader | 73.40 (3) | 75.53 (1) * | 74.40 (3) | 70.28 (3) |" in out
    assert result.stderr == ""


def test_demo_in_japanese_on_the_terminal(demo: Workspace, run: Callable[..., Result]) -> None:
    result = run("-C", str(demo.root), "--lang", "ja", "fairness", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "評価者チェック: みなと川市（架空）AI-OCR 比較評価" in out
    assert "上田 (Ueda) は フォームアイ を採点しない" in out
    assert "上田 (Ueda) は他の評価者より平均で尺度の 5.7 % 高く採点している（11 セル）。" in out
    assert "ケンドールの W = 0.250（補正なし 0.250）" in out
    assert "正確な並べ替え検定: p = 0.8333（5/6、順位付けの全 6 通りによる）。" in out
    assert "青木 (Aoki) を除くと 1 位が フォームアイ から 帳票リーダーα に変わる。" in out
    assert "石井 (Ishii) を除いても 1 位は フォームアイ のまま。ほかの順位も変わらない。" in out


def test_demo_json(demo: Workspace, run: Callable[..., Result]) -> None:
    """Leniency of Ueda by hand (11 cells: six of Alpha Reader, five of KamiScan; FormEye recused):
    Alpha  acc 1 − 0.75 = 0.25, hw 0.5 − 0.625 = −0.125, form 0.75 − 0.625 = 0.125, cert 0, support 0,
           ease 0.75 − 0.5 = 0.25 → 0.5
    Kami   acc 0.5 − 0.625 = −0.125, hw 1 − 0.75 = 0.25, form 0.75 − 1 = −0.25, cert 0, support 0.75 − 0.5 = 0.25
           → 0.125
    (0.5 + 0.125) / 11 = 5/88. Aoki and Ishii share 17 cells each (6 + 6 + 5).
    """
    result = run("-C", str(demo.root), "fairness", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    lenient = {x["evaluator"]: (x["cells"], x["mean_deviation_exact"]) for x in data["leniency"]}
    assert lenient == {"aoki": (17, "1/68"), "ishii": (17, "-7/136"), "ueda": (11, "5/88")}
    assert data["divergence_share"] == "0.3" and data["divergent_cells"] == []
    assert data["recusals"] == [
        {
            "evaluator": "ueda",
            "tool": "formeye",
            "basis": "affiliation",
            "company": "北斗通信株式会社",
            "role": "vendor",
            "event": None,
        }
    ]
    kendall = data["kendall"]
    assert (kendall["W_exact"], kendall["W_uncorrected_exact"], kendall["S"]) == ("0.25", "0.25", "2")  # exact decimals
    assert kendall["totals"]["aoki"] == {"alpha-reader": "49.75", "kamiscan": "43.65", "formeye": "57.75"}
    assert kendall["permutation"] == {
        "method": "exact",
        "p": 5 / 6,
        "p_exact": "5/6",
        "arrangements": 6,
        "samples": None,
        "seed": None,
    }
    assert kendall["left_out"]["evaluators"] == [{"evaluator": "ueda", "recused_from": ["formeye"], "unscored": []}]
    loo = {x["evaluator"]: x for x in data["leave_one_out"]}
    assert loo["aoki"]["winner_changed"] and loo["aoki"]["winner_after"] == ["alpha-reader"]
    assert loo["aoki"]["rank_changes"] == ["formeye", "alpha-reader"]
    formeye = loo["aoki"]["tools"][0]
    assert formeye == {
        "tool": "formeye",
        "rank_before": 1,
        "rank_after": None,
        "figure_before": "76",
        "figure_after": "62",
        "disqualified_before": False,
        "disqualified_after": True,
    }
    assert not loo["ishii"]["winner_changed"] and not loo["ueda"]["winner_changed"]


def test_demo_share_option_and_other_formats(demo: Workspace, tmp_path: Path, run: Callable[..., Result]) -> None:
    """At 25 % every one-level difference on the five-level scale counts: 4 cells of Alpha Reader,
    5 of KamiScan (ease of use by Aoki and Ishii), 2 of FormEye (accuracy, handwriting) = 11."""
    result = run("-C", str(demo.root), "fairness", "--share", "0.25", "--format", "json")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["divergent_cells"]) == 11
    words = run("-C", str(demo.root), "--lang", "en", "fairness", "--share", "25%", "--format", "markdown")
    assert "11 cell(s) spread by 25 % of the scale or more, widest first" in words.stdout
    assert "(--share)" in words.stdout
    target = tmp_path / "fairness.csv"
    written = run("-C", str(demo.root), "--lang", "en", "fairness", "--format", "csv", "-o", str(target))
    assert written.exit_code == 0, written.output
    csv_text = target.read_text(encoding="utf-8-sig")
    assert "Leave one evaluator out" in csv_text and "Tool,With everyone,Without 青木 (Aoki)" in csv_text


def test_demo_built_by_the_command(tmp_path: Path, run: Callable[..., Result]) -> None:
    """Out of the box: `toolbench demo DIR`, then `toolbench -C DIR fairness`."""
    assert run("demo", str(tmp_path / "d")).exit_code == 0
    result = run("-C", str(tmp_path / "d"), "--lang", "en", "fairness", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Kendall's W = 0.250" in result.stdout and "Leave one evaluator out" in result.stdout


@pytest.mark.parametrize("share", ["0", "1.5", "-0.3", "abc", "0%"])
def test_bad_share_is_a_one_line_usage_error(demo: Workspace, share: str, run: Callable[..., Result]) -> None:
    result = run("-C", str(demo.root), "--lang", "en", "fairness", "--share", share)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert len(errors) == 1 and "above 0 and at most 1" in errors[0]


def test_fairness_report_from_plan_and_events(raters: Workspace) -> None:
    report = fairness_report(raters.plan, raters.ledger.events(), share="0.5", seed=2, samples=100)
    assert report.share == Fraction(1, 2) and len(report.divergent) == 2
    assert [r.evaluator for r in report.recusals] == ["e3"]
    with pytest.raises(FairnessError):
        fairness_report(raters, share=0)


def test_blind_mode_names_no_tool(demo: Workspace, run: Callable[..., Result]) -> None:
    """While blind, tools are labels everywhere in the report, and a recusal does not say which company."""
    demo.blind(actor="chair", seed=5, now=NOW)
    labels = demo.blind_labels()
    assert labels is not None
    for fmt in ("json", "markdown", "csv"):
        result = run("-C", str(demo.root), "--lang", "en", "fairness", "--format", fmt)
        assert result.exit_code == 0, result.output
        for secret in ("formeye", "FormEye", "KamiScan", "Alpha Reader", "北斗通信"):
            assert secret not in result.stdout, (fmt, secret)
    words = run("-C", str(demo.root), "--lang", "en", "fairness", "--format", "markdown").stdout
    # not even the label: beside the plan's affiliations it would name the tool
    assert "上田 (Ueda) does not score one of the candidates" in words
    assert f"does not score Candidate {labels['formeye']}" not in words
