"""Weights from hearings (toolbench.methods.weighting): published AHP figures, hand-worked cases, properties.

Reference files in tests/data/ hold published worked examples (Saaty 2008 and the
random-index tables); each names its source and tolerance, and each test that uses one
cites it.
"""

from __future__ import annotations

import dataclasses
import json
import math
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolbench.methods.weighting import (
    SAATY_RANDOM_INDEX,
    SAATY_SCALE,
    WeightingError,
    aggregate_aij,
    aggregate_aip,
    ahp,
    hierarchical,
    largest_remainder,
    most_inconsistent,
    normalise,
    pairwise_matrix,
    parse_judgment,
    random_index,
    spread,
    weighted_arithmetic_mean,
    weights_from_allocation,
    weights_from_ratings,
)

DATA = Path(__file__).parent / "data"


def reference(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return data


# --- published figures ----------------------------------------------------------------


def test_random_index_is_saatys_1980_table_exactly() -> None:
    """tests/data/ahp_random_index.json (Saaty 1980; tolerance 0)."""
    ref = reference("ahp_random_index.json")
    expected = {int(n): ri for n, ri in ref["expected"]["RI_saaty"].items()}
    assert dict(SAATY_RANDOM_INDEX) == expected
    assert [random_index(n) for n in range(1, 11)] == [expected[n] for n in range(1, 11)]


@pytest.mark.parametrize("n", [0, 11, -1])
def test_random_index_outside_the_table_is_refused(n: int) -> None:
    with pytest.raises(WeightingError, match=str(n)):
        random_index(n)


def _drinks() -> tuple[dict[str, Any], list[str], dict[tuple[str, str], str]]:
    ref = reference("ahp_saaty2008_drinks_7x7.json")
    items = ref["inputs"]["elements"]
    matrix = ref["inputs"]["matrix"]
    # Every off-diagonal cell as written in the paper: both orientations, so building
    # the matrix also checks that each given pair agrees with its reverse.
    judgments = {(a, b): matrix[i][j] for i, a in enumerate(items) for j, b in enumerate(items) if i != j}
    return ref, items, judgments


def test_drinks_priorities_match_saaty_2008() -> None:
    """tests/data/ahp_saaty2008_drinks_7x7.json: Saaty (2008), relative consumption of drinks.

    The published priorities are rounded to 3 places (tolerance 0.0015 stated); the
    file's 6-place eigenvector, λmax, CI and CR are computed, not published (tolerance 1e-6).
    """
    ref, items, judgments = _drinks()
    result = ahp(items, pairwise_matrix(items, judgments))
    published = ref["expected"]["published"]["priorities"]
    assert result.weights == pytest.approx(published, abs=ref["tolerance"]["against_published"]["priorities"])
    computed = ref["expected"]["computed_eigenvector_method"]
    tolerance = ref["tolerance"]["against_computed"]
    assert result.weights == pytest.approx(computed["priorities"], abs=tolerance["priorities"])
    assert result.lambda_max == pytest.approx(computed["lambda_max"], abs=tolerance["lambda_max"])
    assert result.ci == pytest.approx(computed["ci"], abs=tolerance["ci"])
    assert result.cr == pytest.approx(computed["cr"], abs=tolerance["cr"])
    assert result.ri == 1.32 and result.ri_table == "Saaty (1980)"
    assert result.consistent and result.items == tuple(items)
    assert math.fsum(result.weights) == pytest.approx(1, abs=1e-15)


def test_drinks_cr_depends_on_the_random_index_table() -> None:
    """tests/data/ahp_saaty2008_drinks_7x7.json cross-checks: ahpy's 'saaty' table (RI 1.35 for n = 7)
    gives CR 0.021806 from the same CI, which is why the result names its table."""
    ref, items, judgments = _drinks()
    result = ahp(items, pairwise_matrix(items, judgments))
    assert result.ci / 1.35 == pytest.approx(ref["cross_checks"]["ahpy"]["random_index=saaty"]["cr"], abs=1e-6)


def test_drinks_eigenvector_satisfies_the_eigen_equation() -> None:
    """tests/data/ahp_saaty2008_drinks_7x7.json: A·w = λmax·w to 1e-12, checked independently of the method."""
    _, items, judgments = _drinks()
    a = pairwise_matrix(items, judgments)
    result = ahp(items, a)
    for row, w_i in zip(a, result.weights, strict=True):
        assert math.fsum(x * w for x, w in zip(row, result.weights, strict=True)) == pytest.approx(
            result.lambda_max * w_i, abs=1e-12
        )


# --- hand-worked AHP cases ------------------------------------------------------------

# Respondent A is consistent, with priorities 4/7, 2/7, 1/7: a12 = 2, a13 = 4, a23 = 2.
# Respondent B is not: a12 = 1, a13 = 2, a23 = 4 (a12·a23 = 4 ≠ a13 = 2).
A = [[1.0, 2.0, 4.0], [0.5, 1.0, 2.0], [0.25, 0.5, 1.0]]
B = [[1.0, 1.0, 2.0], [1.0, 1.0, 4.0], [0.5, 0.25, 1.0]]
XYZ = ["x", "y", "z"]


def test_three_by_three_eigenvector_by_hand() -> None:
    """For n = 3 the principal eigenvector equals the rows' geometric means, and
    λmax = 1 + c^(1/3) + c^(-1/3) with c = a12·a23/a13 (Crawford & Williams 1985).

    B: row geometric means (1·1·2)^(1/3) = 2^(1/3), (1·1·4)^(1/3) = 4^(1/3),
    (1/2·1/4·1)^(1/3) = 1/2; c = 1·4/2 = 2, so λmax = 1 + 2^(1/3) + 2^(-1/3) = 3.053622,
    CI = (λmax − 3)/2 = 0.026811, CR = CI/0.58 = 0.046225.
    """
    result = ahp(XYZ, B)
    s = 2 ** (1 / 3) + 4 ** (1 / 3) + 1 / 2
    assert result.weights == pytest.approx([2 ** (1 / 3) / s, 4 ** (1 / 3) / s, 0.5 / s], abs=1e-12)
    lam = 1 + 2 ** (1 / 3) + 2 ** (-1 / 3)
    assert result.lambda_max == pytest.approx(lam, abs=1e-12)
    assert result.ci == pytest.approx((lam - 3) / 2, abs=1e-12)
    assert result.cr == pytest.approx((lam - 3) / 2 / 0.58, abs=1e-12)
    assert result.cr == pytest.approx(0.046225, abs=1e-6)
    assert result.consistent
    assert not ahp(XYZ, B, threshold=0.04).consistent


def test_two_items_are_always_consistent() -> None:
    result = ahp(["a", "b"], pairwise_matrix(["a", "b"], {("a", "b"): "3"}))
    assert result.weights == pytest.approx((0.75, 0.25), abs=1e-12)
    assert (result.ci, result.ri, result.cr, result.consistent) == (0.0, 0.0, 0.0, True)
    assert ahp(["only"], [[1]]).weights == (1.0,)


def test_ahp_result_is_immutable() -> None:
    result = ahp(XYZ, A)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.cr = 0.0  # type: ignore[misc]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(min_value=0.01, max_value=100.0), min_size=1, max_size=10))
def test_a_consistent_matrix_returns_its_weights_with_cr_zero(raw: list[float]) -> None:
    """a_ij = w_i/w_j is perfectly consistent: the priorities are w itself, λmax = n, CR = 0."""
    total = math.fsum(raw)
    w = [x / total for x in raw]
    n = len(w)
    items = [f"c{i}" for i in range(n)]
    result = ahp(items, [[w_i / w_j for w_j in w] for w_i in w])
    assert result.weights == pytest.approx(w, abs=1e-9)
    assert result.lambda_max == pytest.approx(n, abs=1e-9)
    assert result.cr == pytest.approx(0.0, abs=1e-9)
    assert result.consistent
    assert most_inconsistent(result) == []


def test_most_inconsistent_names_the_judgment_that_breaks_the_pattern() -> None:
    """Priorities 8:4:2:1 give a12 = 2, a13 = 4, a14 = 8, a23 = 2, a24 = 4, a34 = 2; a14 is then
    answered 1/8 instead of 8, and that pair must be offered first."""
    items = ["a", "b", "c", "d"]
    judgments: dict[tuple[str, str], str | int] = {
        ("a", "b"): 2,
        ("a", "c"): 4,
        ("a", "d"): "1/8",
        ("b", "c"): 2,
        ("b", "d"): 4,
        ("c", "d"): 2,
    }
    result = ahp(items, pairwise_matrix(items, judgments))
    assert not result.consistent
    worst = most_inconsistent(result, k=2)
    assert len(worst) == 2
    first, second, deviation = worst[0]
    assert (first, second) == ("a", "d")
    weights = result.as_dict()
    assert deviation == pytest.approx(max(weights["d"] / (8 * weights["a"]), 8 * weights["a"] / weights["d"]))
    assert deviation > worst[1].deviation
    # A bare matrix gives the same answer when told its items.
    assert most_inconsistent(pairwise_matrix(items, judgments), items, k=2) == worst


# --- judgments and matrices -----------------------------------------------------------


def test_every_point_of_the_scale_parses_and_nothing_else_does() -> None:
    written = [str(k) for k in range(1, 10)] + [f"1/{k}" for k in range(2, 10)]
    assert sorted(parse_judgment(text) for text in written) == sorted(SAATY_SCALE)
    assert len(set(SAATY_SCALE)) == 17
    assert parse_judgment("１／３") == Fraction(1, 3)  # full-width, as typed with a Japanese IME
    assert parse_judgment(" 1 / 3 ") == Fraction(1, 3)
    assert parse_judgment(1 / 3) == Fraction(1, 3)  # a spreadsheet cell holding =1/3
    assert parse_judgment(Fraction(1, 9)) == Fraction(1, 9)
    assert parse_judgment(Decimal("0.5")) == Fraction(1, 2)
    assert parse_judgment(7.0) == 7


@given(st.integers(min_value=-30, max_value=30), st.integers(min_value=1, max_value=30))
def test_a_judgment_is_accepted_exactly_when_it_is_on_the_scale(numerator: int, denominator: int) -> None:
    value = Fraction(numerator, denominator)
    on_scale = value in {Fraction(k) for k in range(1, 10)} | {Fraction(1, k) for k in range(2, 10)}
    for form in (f"{numerator}/{denominator}", value):
        if on_scale:
            assert parse_judgment(form) == value
        else:
            with pytest.raises(WeightingError):
                parse_judgment(form)


@pytest.mark.parametrize("bad", [0, 10, "1/10", 2.5, "2.5", -3, "-3", "0", "1/0", "", "three", True, 0.333333])
def test_a_judgment_off_the_scale_names_the_pair(bad: Any) -> None:
    with pytest.raises(WeightingError) as caught:
        parse_judgment(bad, pair=("price", "support"))
    message = str(caught.value)
    assert message.startswith("pair (price, support): ")
    assert str(bad) in message and "Saaty's 1–9 scale" in message
    assert caught.value.item == ("price", "support")


def test_a_pair_may_be_given_in_either_orientation() -> None:
    forward = pairwise_matrix(XYZ, {("x", "y"): 2, ("x", "z"): 4, ("y", "z"): 2})
    mixed = pairwise_matrix(XYZ, {("y", "x"): "1/2", ("z", "x"): "1/4", ("y", "z"): Fraction(2)})
    assert forward == mixed == A


@pytest.mark.parametrize(
    ("judgments", "named"),
    [
        ({("x", "y"): 2, ("x", "z"): 4}, "pair (y, z): no judgment given"),
        ({("x", "y"): 2, ("x", "z"): 4, ("y", "z"): 2, ("x", "w"): 3}, "pair (x, w): w is not one of the criteria"),
        ({("x", "y"): 2, ("x", "z"): 4, ("y", "z"): 2, ("x", "x"): 1}, "pair (x, x): a criterion is not compared"),
        ({("x", "y"): 2, ("x", "z"): 4, ("y", "z"): 2, ("z", "y"): 2}, "pair (y, z): given twice"),
        ({("x", "y"): 2, ("x", "z"): 10, ("y", "z"): 2}, "pair (x, z): 10 is not on Saaty's 1–9 scale"),
        ({("x", "y"): 2, ("x", "z"): "1/10", ("y", "z"): 2}, "pair (x, z): 1/10 is not on"),
    ],
    ids=["missing", "unknown", "self", "twice-inconsistently", "ten", "one-tenth"],
)
def test_bad_judgments_name_the_pair(judgments: dict[tuple[str, str], Any], named: str) -> None:
    with pytest.raises(WeightingError, match=named.replace("(", r"\(").replace(")", r"\)")):
        pairwise_matrix(XYZ, judgments)


@pytest.mark.parametrize(
    ("items", "matrix", "named"),
    [
        (XYZ, [[1, 2], [0.5, 1]], "not 3×3"),
        (XYZ, [[1, 2, 4], [0.5, 1, 2], [0.25, 2, 1]], r"pair \(y, z\): 2 and its reverse 2 are not reciprocal"),
        (XYZ, [[1, 2, 4], [0.5, 1, 0], [0.25, 0.5, 1]], r"pair \(y, z\): 0 is not a positive judgment"),
        (["x", "x", "z"], A, "criterion x is listed twice"),
        ([f"c{i}" for i in range(11)], [[1.0] * 11 for _ in range(11)], "1 to 10 criteria"),
    ],
)
def test_bad_matrices_are_refused(items: list[str], matrix: list[list[float]], named: str) -> None:
    with pytest.raises(WeightingError, match=named):
        ahp(items, matrix)


# --- direct ratings and allocations ---------------------------------------------------


def test_ratings_and_allocations_normalise_exactly() -> None:
    assert weights_from_ratings({"accuracy": 5, "usability": 3, "price": 1}) == {
        "accuracy": Fraction(5, 9),
        "usability": Fraction(3, 9),
        "price": Fraction(1, 9),
    }
    points = {"accuracy": Decimal("50"), "usability": Decimal("33.3"), "price": Decimal("16.7")}
    weights = weights_from_allocation(points, Decimal(100))
    assert weights == {"accuracy": Fraction(1, 2), "usability": Fraction(333, 1000), "price": Fraction(167, 1000)}
    assert sum(weights.values()) == 1


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.integers(min_value=0, max_value=10**6), min_size=1))
def test_normalised_weights_sum_to_exactly_one(values: dict[str, int]) -> None:
    if not any(values.values()):
        with pytest.raises(WeightingError):
            normalise(values)
        return
    weights = normalise(values)
    assert sum(weights.values()) == 1 and list(weights) == list(values)


@pytest.mark.parametrize(
    ("ratings", "named"),
    [
        ({"accuracy": 5, "price": 6}, "criterion price: rating 6 is off the scale 1–5"),
        ({"accuracy": 0, "price": 3}, "criterion accuracy: rating 0 is off the scale 1–5"),
        ({"accuracy": 2.5, "price": 3}, "criterion accuracy: rating 2.5 is off the scale"),
    ],
)
def test_ratings_off_the_scale_name_the_criterion(ratings: dict[str, Any], named: str) -> None:
    with pytest.raises(WeightingError, match=named):
        weights_from_ratings(ratings)


def test_allocations_that_do_not_add_up_or_go_negative_are_refused() -> None:
    with pytest.raises(WeightingError, match="points allocation adds up to 90, not 100"):
        weights_from_allocation({"accuracy": Decimal(60), "price": Decimal(30)}, Decimal(100))
    with pytest.raises(WeightingError, match="criterion price: -10 points is negative"):
        weights_from_allocation({"accuracy": Decimal(110), "price": Decimal(-10)}, Decimal(100))
    with pytest.raises(WeightingError, match="criterion price: 0.3 is a binary float"):
        normalise({"accuracy": 1, "price": 0.3})  # type: ignore[dict-item]
    with pytest.raises(WeightingError, match="no criterion has a positive weight"):
        normalise({"accuracy": 0, "price": 0})


# --- the group: hand-worked, 2 respondents × 3 criteria -------------------------------


def test_weighted_arithmetic_mean_by_hand() -> None:
    """Tax (headcount 2) rates 5, 3, 1 → 5/9, 3/9, 1/9; citizens (headcount 1) rate 2, 3, 4 → 2/9, 3/9, 4/9.

    accuracy  (2·5/9 + 1·2/9) / 3 = (12/9) / 3 = 4/9
    usability (2·3/9 + 1·3/9) / 3 = ( 9/9) / 3 = 1/3
    price     (2·1/9 + 1·4/9) / 3 = ( 6/9) / 3 = 2/9
    """
    vectors = {
        "tax": weights_from_ratings({"accuracy": 5, "usability": 3, "price": 1}),
        "citizens": weights_from_ratings({"accuracy": 2, "usability": 3, "price": 4}),
    }
    mean = weighted_arithmetic_mean(vectors, {"tax": 2, "citizens": 1})
    assert mean == {"accuracy": Fraction(4, 9), "usability": Fraction(1, 3), "price": Fraction(2, 9)}
    # Equal weights by default: (5/9 + 2/9)/2 = 7/18, (3/9 + 3/9)/2 = 1/3, (1/9 + 4/9)/2 = 5/18.
    assert weighted_arithmetic_mean(vectors) == {
        "accuracy": Fraction(7, 18),
        "usability": Fraction(1, 3),
        "price": Fraction(5, 18),
    }


def test_aij_by_hand() -> None:
    """Element-wise geometric mean of A and B (equal weights):
    a12 = √(2·1) = √2, a13 = √(4·2) = 2√2, a23 = √(2·4) = 2√2.

    Row geometric means (the eigenvector for n = 3): (1·√2·2√2)^(1/3) = 4^(1/3),
    (1/√2·1·2√2)^(1/3) = 2^(1/3), (1/(2√2)·1/(2√2)·1)^(1/3) = 1/2.
    c = a12·a23/a13 = √2, so λmax = 1 + 2^(1/6) + 2^(-1/6) = 3.013361.

    With weights A 2 : B 1 the exponents are 2/3 and 1/3: a12 = 2^(2/3), a13 = 4^(2/3)·2^(1/3) =
    2^(5/3), a23 = 2^(2/3)·4^(1/3) = 2^(4/3); row geometric means 2^(7/9), 2^(2/9), 2^(-1);
    c = 2^(1/3), λmax = 1 + 2^(1/9) + 2^(-1/9).
    """
    group = aggregate_aij({"A": A, "B": B})
    r2 = math.sqrt(2)
    assert group == [
        pytest.approx([1, r2, 2 * r2], abs=1e-12),
        pytest.approx([1 / r2, 1, 2 * r2], abs=1e-12),
        pytest.approx([1 / (2 * r2), 1 / (2 * r2), 1], abs=1e-12),
    ]
    result = ahp(XYZ, group)
    s = 4 ** (1 / 3) + 2 ** (1 / 3) + 1 / 2
    assert result.weights == pytest.approx([4 ** (1 / 3) / s, 2 ** (1 / 3) / s, 0.5 / s], abs=1e-12)
    assert result.weights == pytest.approx([0.474230, 0.376397, 0.149373], abs=1e-6)
    assert result.lambda_max == pytest.approx(1 + 2 ** (1 / 6) + 2 ** (-1 / 6), abs=1e-12)

    weighted = ahp(XYZ, aggregate_aij({"A": A, "B": B}, {"A": 2, "B": 1}))
    s = 2 ** (7 / 9) + 2 ** (2 / 9) + 2**-1
    assert weighted.weights == pytest.approx([2 ** (7 / 9) / s, 2 ** (2 / 9) / s, 0.5 / s], abs=1e-12)
    assert weighted.lambda_max == pytest.approx(1 + 2 ** (1 / 9) + 2 ** (-1 / 9), abs=1e-12)


def test_aip_by_hand() -> None:
    """Geometric mean of the priority vectors, renormalised (equal weights).

    A = (4, 2, 1)/7; B = (2^(1/3), 4^(1/3), 1/2)/s (its row geometric means).
    √(A_c·B_c) ∝ √(4·2^(1/3)), √(2·4^(1/3)), √(1·1/2) = 2^(7/6), 2^(5/6), 2^(-1/2) ∝ 2^(5/3), 2^(4/3), 1
    (the constants 1/7 and 1/s cancel). For n = 3 this equals the AIJ result above, as it
    must when priorities are row geometric means; the arithmetic mean, (4/7 + 0.376397)/2 =
    0.473913 for x, does not.
    """
    vectors = {"A": {"x": 4 / 7, "y": 2 / 7, "z": 1 / 7}, "B": ahp(XYZ, B).as_dict()}
    group = aggregate_aip(vectors)
    s = 2 ** (5 / 3) + 2 ** (4 / 3) + 1
    assert list(group.values()) == pytest.approx([2 ** (5 / 3) / s, 2 ** (4 / 3) / s, 1 / s], abs=1e-12)
    assert list(group) == XYZ
    assert math.fsum(group.values()) == pytest.approx(1, abs=1e-15)
    assert weighted_arithmetic_mean(vectors)["x"] == pytest.approx(0.473913, abs=1e-6)
    assert group["x"] == pytest.approx(0.474230, abs=1e-6)


def test_group_inputs_name_the_respondent() -> None:
    with pytest.raises(WeightingError, match="respondent citizens: no weight for criterion price"):
        weighted_arithmetic_mean({"tax": {"accuracy": 0.5, "price": 0.5}, "citizens": {"accuracy": 1.0}})
    with pytest.raises(WeightingError, match="respondent citizens: criterion speed is not weighted by the others"):
        aggregate_aip({"tax": {"accuracy": 1.0}, "citizens": {"accuracy": 0.5, "speed": 0.5}})
    with pytest.raises(WeightingError, match="respondent tax: respondent weight -1 is negative"):
        weighted_arithmetic_mean({"tax": {"a": 1.0}}, {"tax": -1})
    with pytest.raises(WeightingError, match="respondent it: has a respondent weight but no answers"):
        weighted_arithmetic_mean({"tax": {"a": 1.0}}, {"tax": 1, "it": 2})
    with pytest.raises(WeightingError, match="respondent B: judgment matrix is not 3×3"):
        aggregate_aij({"A": A, "B": [[1, 2], [0.5, 1]]})


def test_spread_shows_who_pulls_which_way() -> None:
    """accuracy: 0.5 (tax), 0.2 (citizens), 0.2 (it): low 0.2 by citizens (the first of the two),
    high 0.5 by tax, mean 0.3, std √((0.2² + 0.1² + 0.1²)/3) = √0.02."""
    vectors = {
        "tax": {"accuracy": 0.5, "price": 0.5},
        "citizens": {"accuracy": 0.2, "price": 0.8},
        "it": {"accuracy": 0.2, "price": 0.8},
    }
    accuracy = spread(vectors)["accuracy"]
    assert (accuracy.low, accuracy.high, accuracy.lowest, accuracy.highest) == (0.2, 0.5, "citizens", "tax")
    assert accuracy.mean == pytest.approx(0.3) and accuracy.std == pytest.approx(math.sqrt(0.02))


# --- hierarchical AHP -----------------------------------------------------------------


def test_hierarchical_global_weights_by_hand() -> None:
    """technical 2/3 × (accuracy 1/2, usability 1/4, support 1/4) and cost 1/3 × (price 1):
    accuracy 1/3, usability 1/6, support 1/6, price 1/3."""
    group_weights = {"technical": Fraction(2, 3), "cost": Fraction(1, 3)}
    local = {
        "technical": {"accuracy": Fraction(1, 2), "usability": Fraction(1, 4), "support": Fraction(1, 4)},
        "cost": {"price": Fraction(1)},
    }
    expected = {
        "accuracy": Fraction(1, 3),
        "usability": Fraction(1, 6),
        "support": Fraction(1, 6),
        "price": Fraction(1, 3),
    }
    assert hierarchical(group_weights, local) == expected
    floats = hierarchical(
        {g: float(w) for g, w in group_weights.items()},
        {g: {c: float(w) for c, w in ws.items()} for g, ws in local.items()},
    )
    assert floats == pytest.approx({c: float(w) for c, w in expected.items()}, abs=1e-15)


def test_hierarchical_inputs_are_checked() -> None:
    with pytest.raises(WeightingError, match="group cost: has a weight but no criteria"):
        hierarchical({"technical": 0.5, "cost": 0.5}, {"technical": {"a": 1.0}})
    with pytest.raises(WeightingError, match="group technical: weights sum to 0.9, not 1"):
        hierarchical({"technical": 1.0}, {"technical": {"a": 0.5, "b": 0.4}})
    with pytest.raises(WeightingError, match="criterion a is in more than one group"):
        hierarchical({"t": 0.5, "c": 0.5}, {"t": {"a": 1.0}, "c": {"a": 1.0}})


# --- points by largest remainder ------------------------------------------------------


def test_largest_remainder_by_hand() -> None:
    """Quotas for 100 points at 1/3, 1/6, 1/6, 1/3 are 33.33, 16.67, 16.67, 33.33; the whole parts
    give 98, and the 2 points left go to the two largest remainders (0.67 each)."""
    weights = {
        "accuracy": Fraction(1, 3),
        "usability": Fraction(1, 6),
        "support": Fraction(1, 6),
        "price": Fraction(1, 3),
    }
    assert largest_remainder(weights, Decimal(100)) == {
        "accuracy": Decimal(33),
        "usability": Decimal(17),
        "support": Decimal(17),
        "price": Decimal(33),
    }


def test_largest_remainder_ties_go_to_the_larger_weight_then_the_first_listed() -> None:
    """Quotas 1.5, 2.5, 6.0 of 10: one point left, remainders 0.5 and 0.5 tie, b weighs more.
    Three equal thirds of 100 (or of 10.0 in tenths): the first listed takes the spare unit."""
    assert largest_remainder({"a": Fraction(3, 20), "b": Fraction(1, 4), "c": Fraction(3, 5)}, Decimal(10)) == {
        "a": Decimal(1),
        "b": Decimal(3),
        "c": Decimal(6),
    }
    assert list(largest_remainder({"z": 1.0, "y": 1.0, "x": 1.0}, Decimal(100)).values()) == [34, 33, 33]
    tenths = largest_remainder({"z": 1.0, "y": 1.0, "x": 1.0}, Decimal(10), decimals=1)
    assert [str(p) for p in tenths.values()] == ["3.4", "3.3", "3.3"]


weight_values = st.one_of(
    st.fractions(min_value=0, max_value=10, max_denominator=1000),
    st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False),
)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(st.text(min_size=1, max_size=4), weight_values, min_size=1, max_size=12),
    st.integers(min_value=0, max_value=10_000),
    st.integers(min_value=0, max_value=2),
)
def test_largest_remainder_sums_exactly_and_stays_within_one_unit(
    weights: dict[str, Fraction | float], units: int, decimals: int
) -> None:
    total = Decimal(units).scaleb(-decimals)
    if not any(weights.values()):
        with pytest.raises(WeightingError):
            largest_remainder(weights, total, decimals)
        return
    points = largest_remainder(weights, total, decimals)
    assert sum(points.values(), Decimal(0)) == total
    assert list(points) == list(weights)
    weight_sum = sum((Fraction(w) for w in weights.values()), Fraction(0))
    for name, share in points.items():
        quota = units * Fraction(weights[name]) / weight_sum
        given_units = Fraction(share) * 10**decimals
        assert given_units.denominator == 1
        assert math.floor(quota) <= given_units <= math.ceil(quota)  # within one unit of the exact quota


def test_largest_remainder_refuses_what_cannot_be_apportioned() -> None:
    with pytest.raises(WeightingError, match="points total 100.5 is not a whole number"):
        largest_remainder({"a": 1.0}, Decimal("100.5"))
    with pytest.raises(WeightingError, match="points total 10.05 is not a non-negative multiple of 0.1"):
        largest_remainder({"a": 1.0}, Decimal("10.05"), decimals=1)
    with pytest.raises(WeightingError, match="criterion b: weight -0.5 is negative"):
        largest_remainder({"a": 1.0, "b": -0.5}, Decimal(100))
