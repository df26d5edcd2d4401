"""Criterion weights from hearings: direct ratings, points allocations and AHP.

Pure functions on plain values, no I/O. Each respondent's answers become a normalised
weight vector; the group's vectors are combined (weighted arithmetic mean, or for AHP
the weighted geometric mean of judgment matrices, AIJ, or of priority vectors, AIP);
the group weights become criterion points by largest remainder, summing exactly to the
plan's total. Direct ratings and allocations stay exact (fractions); AHP is an
eigenvector problem and works in binary floating point, to 1e-12.

Every rejected input raises `WeightingError`, whose message names the offending
criterion, pair or respondent. Callers that know the respondent or the row add it.
"""

from __future__ import annotations

import math
import re
import statistics
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import NamedTuple, TypeVar

__all__ = [
    "RANDOM_INDEX_TABLE",
    "SAATY_RANDOM_INDEX",
    "SAATY_SCALE",
    "AHPResult",
    "Inconsistency",
    "Spread",
    "WeightingError",
    "aggregate_aij",
    "aggregate_aip",
    "ahp",
    "hierarchical",
    "largest_remainder",
    "most_inconsistent",
    "normalise",
    "pairwise_matrix",
    "parse_judgment",
    "random_index",
    "spread",
    "weighted_arithmetic_mean",
    "weights_from_allocation",
    "weights_from_ratings",
]

W = TypeVar("W", Fraction, float)
"""A weight: exact (Fraction) where the answers were exact, float where AHP is involved."""

Matrix = Sequence[Sequence[float | Fraction]]
"""A square judgment matrix; row i, column j says how much more item i matters than item j."""


class WeightingError(ValueError):
    """An answer or weight that cannot be used; the message names the item at fault.

    `item` is that item (a criterion, a pair of criteria or a respondent) so that a
    caller can point at the row or question to fix.
    """

    def __init__(self, message: str, *, item: object = None) -> None:
        super().__init__(message)
        self.message = message
        self.item = item


# --- Saaty's random index -------------------------------------------------------------

# Saaty, T.L. (1980) The Analytic Hierarchy Process, McGraw-Hill; reproduced in Saaty
# (1990) "How to make a decision: the analytic hierarchy process", EJOR 48(1):9-26.
# Other tables are in use (Saaty 2005; Donegan & Dodd 1991; Tummala & Ling 1998) and
# give a different CR for the same matrix, so results name the table they used.
SAATY_RANDOM_INDEX: Mapping[int, float] = MappingProxyType(
    {1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49}
)
RANDOM_INDEX_TABLE = "Saaty (1980)"
"""The name of the random index table used, for reports."""


def random_index(n: int) -> float:
    """Saaty's (1980) random consistency index for an n×n judgment matrix, n = 1..10."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise WeightingError(f"{n!r} is not a number of criteria", item=n)
    if n not in SAATY_RANDOM_INDEX:
        raise WeightingError(
            f"{n} criteria: Saaty's random index is tabulated for 1 to 10 criteria only; "
            "compare them hierarchically (groups, then criteria within each group)",
            item=n,
        )
    return SAATY_RANDOM_INDEX[n]


# --- exact weights: normalising, ratings, allocations ---------------------------------


def _exact(value: object, where: str) -> Fraction:
    """An exact number (int, Fraction, finite Decimal) as a Fraction; anything else is refused."""
    if isinstance(value, bool):
        raise WeightingError(f"{where}: {value!r} is not a number", item=where)
    if isinstance(value, int | Fraction):
        return Fraction(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise WeightingError(f"{where}: {value} is not a finite number", item=where)
        return Fraction(value)
    if isinstance(value, float):
        raise WeightingError(
            f"{where}: {value!r} is a binary float; give an int, Decimal or Fraction so the weight stays exact",
            item=where,
        )
    raise WeightingError(f"{where}: {value!r} is not a number", item=where)


def normalise(values: Mapping[str, Fraction | Decimal | int]) -> dict[str, Fraction]:
    """Each value divided by their sum, exactly: the result sums to exactly 1.

    Negative values and an all-zero (or empty) set have no meaning as weights and raise.
    """
    exact = {name: _exact(value, f"criterion {name}") for name, value in values.items()}
    for name, value in exact.items():
        if value < 0:
            raise WeightingError(f"criterion {name}: weight {values[name]} is negative", item=name)
    total = sum(exact.values(), Fraction(0))
    if total == 0:
        raise WeightingError("no criterion has a positive weight, so the weights cannot be normalised")
    return {name: value / total for name, value in exact.items()}


def weights_from_ratings(ratings: Mapping[str, int], scale: tuple[int, int] = (1, 5)) -> dict[str, Fraction]:
    """Direct importance ratings (e.g. 1 = unimportant … 5 = essential), normalised exactly.

    A criterion rated 4 weighs twice one rated 2. Ratings must be whole numbers on the
    scale; the lowest point of the scale may be 0 ("does not matter").
    """
    low, high = scale
    if isinstance(low, bool) or isinstance(high, bool) or not 0 <= low < high:
        raise WeightingError(f"rating scale {low}–{high} is not a scale of whole numbers from 0 or more upwards")
    for name, rating in ratings.items():
        if isinstance(rating, bool) or not isinstance(rating, int) or not low <= rating <= high:
            raise WeightingError(f"criterion {name}: rating {rating!r} is off the scale {low}–{high}", item=name)
    return normalise(ratings)


def weights_from_allocation(points: Mapping[str, Decimal | int], total: Decimal | int) -> dict[str, Fraction]:
    """A points allocation (e.g. 100 points spread over the criteria), normalised exactly.

    The points must add up to exactly `total` and none may be negative: an allocation
    that does not add up is a misunderstanding to ask about, not something to rescale.
    """
    budget = _exact(total, "points allocation total")
    if budget <= 0:
        raise WeightingError(f"points allocation total {total} is not positive")
    exact = {name: _exact(value, f"criterion {name}") for name, value in points.items()}
    for name, value in exact.items():
        if value < 0:
            raise WeightingError(f"criterion {name}: {points[name]} points is negative", item=name)
    given = sum(exact.values(), Fraction(0))
    if given != budget:
        shown = sum((Decimal(v) for v in points.values()), Decimal(0))
        raise WeightingError(f"points allocation adds up to {shown}, not {total}", item=dict(points))
    return normalise(points)


# --- AHP judgments and matrices -------------------------------------------------------

SAATY_SCALE: tuple[Fraction, ...] = tuple(Fraction(1, k) for k in range(9, 1, -1)) + tuple(
    Fraction(k) for k in range(1, 10)
)
"""Saaty's fundamental scale with reciprocals: 1/9 … 1/2, 1 … 9."""

_FLOAT_MATCH = 1e-9
"""Relative tolerance for floats that stand for exact values: a spreadsheet's =1/3, a_ij·a_ji = 1, a_ii = 1."""


def _pair_prefix(pair: tuple[str, str] | None) -> str:
    return f"pair ({pair[0]}, {pair[1]}): " if pair else ""


def parse_judgment(value: str | int | Fraction | Decimal | float, *, pair: tuple[str, str] | None = None) -> Fraction:
    """One pairwise judgment on Saaty's 1–9 scale: 1 … 9 or a reciprocal 1/2 … 1/9.

    Text may be "3", "1/3" or full-width "１／３". A float is accepted when it is within
    1e-9 (relatively) of a scale value, so that a spreadsheet cell holding =1/3 reads as
    1/3; anything else (0, 10, 1/10, 2.5, -3) raises, naming `pair` when given.
    """
    problem = f"{_pair_prefix(pair)}{value} is not on Saaty's 1–9 scale (1 … 9, or 1/2 … 1/9)"
    judged: Fraction | None = None
    if isinstance(value, bool):
        judged = None
    elif isinstance(value, str):
        text = re.sub(r"\s*/\s*", "/", unicodedata.normalize("NFKC", value).strip())
        if re.fullmatch(r"\d+(\.\d+)?(/\d+)?", text) and not re.fullmatch(r".*/0+", text):
            judged = Fraction(text)
    elif isinstance(value, int | Fraction):
        judged = Fraction(value)
    elif isinstance(value, Decimal):
        judged = Fraction(value) if value.is_finite() else None
    elif isinstance(value, float) and math.isfinite(value) and value > 0:
        judged = next((v for v in SAATY_SCALE if abs(value - float(v)) <= _FLOAT_MATCH * float(v)), None)
    if judged is None or judged not in SAATY_SCALE:
        raise WeightingError(problem, item=pair if pair else value)
    return judged


def pairwise_matrix(
    items: Sequence[str], judgments: Mapping[tuple[str, str], str | int | Fraction | Decimal | float]
) -> list[list[float]]:
    """The full reciprocal judgment matrix from one judgment per pair of items.

    `judgments[(i, j)]` says how much more item i matters than item j. Each pair is
    given once, in either orientation; the reciprocal is filled in. Giving both
    orientations is accepted only when they agree (a_ji = 1/a_ij). A missing pair, an
    unknown item, a self-pair or a judgment off the scale raises, naming the pair.
    """
    position = _positions(items)
    exact: dict[tuple[int, int], Fraction] = {}
    for key, value in judgments.items():
        if not (isinstance(key, tuple) and len(key) == 2):
            raise WeightingError(f"{key!r} is not a pair of criteria", item=key)
        first, second = key
        for name in (first, second):
            if name not in position:
                raise WeightingError(
                    f"pair ({first}, {second}): {name} is not one of the criteria compared", item=(first, second)
                )
        if first == second:
            raise WeightingError(
                f"pair ({first}, {second}): a criterion is not compared with itself", item=(first, second)
            )
        judged = parse_judgment(value, pair=(first, second))
        i, j = position[first], position[second]
        a_ij = judged if i < j else 1 / judged
        upper = (min(i, j), max(i, j))
        if upper in exact and exact[upper] != a_ij:
            a, b = items[upper[0]], items[upper[1]]
            raise WeightingError(
                f"pair ({a}, {b}): given twice, as {exact[upper]} and (reversed) as {a_ij}; give it once",
                item=(a, b),
            )
        exact[upper] = a_ij
    missing = [(items[i], items[j]) for i in range(len(items)) for j in range(i + 1, len(items)) if (i, j) not in exact]
    if missing:
        a, b = missing[0]
        more = f" (and {len(missing) - 1} more pair(s))" if len(missing) > 1 else ""
        raise WeightingError(f"pair ({a}, {b}): no judgment given{more}", item=missing[0])
    n = len(items)
    matrix = [[1.0] * n for _ in range(n)]
    for (i, j), a_ij in exact.items():
        matrix[i][j] = float(a_ij)
        matrix[j][i] = float(1 / a_ij)
    return matrix


def _positions(items: Sequence[str]) -> dict[str, int]:
    if not items:
        raise WeightingError("there are no criteria to compare")
    position: dict[str, int] = {}
    for index, name in enumerate(items):
        if name in position:
            raise WeightingError(f"criterion {name} is listed twice", item=name)
        position[name] = index
    return position


def _checked_matrix(items: Sequence[str], matrix: Matrix) -> list[list[float]]:
    """The matrix as floats, refused unless square, positive, with 1 on the diagonal and reciprocal."""
    _positions(items)
    n = len(items)
    if len(matrix) != n or any(len(row) != n for row in matrix):
        raise WeightingError(f"the judgment matrix is not {n}×{n} for the {n} criteria compared")
    a = [[float(x) for x in row] for row in matrix]
    for i in range(n):
        for j in range(n):
            pair = (items[i], items[j])
            if not (math.isfinite(a[i][j]) and a[i][j] > 0):
                raise WeightingError(f"{_pair_prefix(pair)}{matrix[i][j]} is not a positive judgment", item=pair)
            if i == j and abs(a[i][j] - 1) > _FLOAT_MATCH:
                raise WeightingError(
                    f"criterion {items[i]}: compared with itself gives {matrix[i][j]}, not 1", item=items[i]
                )
            if i < j and abs(a[i][j] * a[j][i] - 1) > _FLOAT_MATCH:
                raise WeightingError(
                    f"{_pair_prefix(pair)}{matrix[i][j]} and its reverse {matrix[j][i]} are not reciprocal", item=pair
                )
    return a


# Power iteration, as Saaty computes priorities: for a positive matrix the Perron root is
# simple and strictly dominant (Perron–Frobenius), so the iteration converges from any
# positive start. It stops when no component moves by more than _STEP. For matrices with
# entries within 1/9..9 (Saaty-scale answers and their AIJ means) Birkhoff's contraction
# ratio is at most 80/82, so the error left is at most about 40 × _STEP < 1e-12.
_STEP = 1e-14
_MAX_ITERATIONS = 100_000


def _principal_eigenvector(a: list[list[float]]) -> tuple[list[float], float]:
    """The principal right eigenvector of a positive matrix (summing to 1) and its eigenvalue."""
    n = len(a)
    # Start from the rows' geometric means: exact for consistent matrices, and for n = 3.
    w = [math.prod(row) ** (1 / n) for row in a]
    total = sum(w)
    w = [x / total for x in w]
    for _ in range(_MAX_ITERATIONS):
        aw = [math.fsum(a[i][j] * w[j] for j in range(n)) for i in range(n)]
        total = math.fsum(aw)
        nxt = [x / total for x in aw]
        moved = max(abs(x - y) for x, y in zip(nxt, w, strict=True))
        w = nxt
        if moved <= _STEP:
            break
    else:  # pragma: no cover - cannot happen for positive matrices of a sensible size
        raise WeightingError("the priority vector did not converge; check the judgment matrix")
    lambda_max = math.fsum(math.fsum(a[i][j] * w[j] for j in range(n)) for i in range(n))
    return w, lambda_max


@dataclass(frozen=True)
class AHPResult:
    """One judgment matrix's priorities and consistency (Saaty's eigenvector method).

    `ci` = (λmax − n)/(n − 1) and `cr` = ci / ri, both 0 for n ≤ 2 (such matrices are
    always consistent). `consistent` is cr ≤ threshold (Saaty's 0.10 by default).
    """

    items: tuple[str, ...]
    matrix: tuple[tuple[float, ...], ...]
    weights: tuple[float, ...]
    """In the order of `items`, summing to 1."""
    lambda_max: float
    ci: float
    ri: float
    cr: float
    threshold: float
    consistent: bool
    ri_table: str = RANDOM_INDEX_TABLE

    def as_dict(self) -> dict[str, float]:
        """The weights by item."""
        return dict(zip(self.items, self.weights, strict=True))


def ahp(items: Sequence[str], matrix: Matrix, threshold: float = 0.10) -> AHPResult:
    """Priorities (principal eigenvector), λmax, CI and CR of a reciprocal judgment matrix.

    The matrix need not be on Saaty's scale (an AIJ group matrix is not) but must be
    positive and reciprocal. CR uses Saaty's (1980) random index, so n is 1 to 10.
    """
    a = _checked_matrix(items, matrix)
    n = len(a)
    ri = random_index(n)
    w, lambda_max = _principal_eigenvector(a)
    if n <= 2:
        ci = cr = 0.0
    else:
        # λmax ≥ n for every positive reciprocal matrix (Saaty 1980), so a negative CI is
        # rounding error on a consistent matrix and is reported as 0.
        ci = max(0.0, (lambda_max - n) / (n - 1))
        cr = ci / ri
    return AHPResult(
        items=tuple(items),
        matrix=tuple(tuple(row) for row in a),
        weights=tuple(w),
        lambda_max=lambda_max,
        ci=ci,
        ri=ri,
        cr=cr,
        threshold=threshold,
        consistent=cr <= threshold,
    )


class Inconsistency(NamedTuple):
    """A judgment that disagrees with the priorities, to offer the respondent for revisiting."""

    first: str
    second: str
    deviation: float
    """max(a·w_second/w_first, its inverse): 1 if the judgment agrees with the priorities, 3 if it is 3 times off."""


def most_inconsistent(
    judged: AHPResult | Matrix, items: Sequence[str] | None = None, *, k: int = 3
) -> list[Inconsistency]:
    """The k judgments furthest from what the priorities imply, worst first.

    For the pair (i, j) the priorities imply a_ij = w_i/w_j; the judgment's deviation
    is max(a_ij·w_j/w_i, its inverse). Pairs are named (i, j) with i before j in the
    item order; judgments that agree within 1e-9 are left out, so a consistent matrix
    gives an empty list; equal deviations keep item order. A bare matrix needs `items`.
    """
    if isinstance(judged, AHPResult):
        names, a, w = judged.items, [list(row) for row in judged.matrix], list(judged.weights)
    else:
        if items is None:
            raise WeightingError("name the criteria of the judgment matrix (items=...)")
        names = tuple(items)
        a = _checked_matrix(names, judged)
        w, _ = _principal_eigenvector(a)
    found: list[Inconsistency] = []
    for i in range(len(names)):
        for j in range(i + 1, len(names)):
            ratio = a[i][j] * w[j] / w[i]
            deviation = max(ratio, 1 / ratio)
            if deviation > 1 + _FLOAT_MATCH:
                found.append(Inconsistency(names[i], names[j], deviation))
    found.sort(key=lambda entry: -entry.deviation)  # stable: equal deviations keep item order
    return found[:k]


# --- the group ------------------------------------------------------------------------
#
# Respondents are named: vectors and matrices are keyed by respondent, and so are the
# respondent weights (headcount, caseload; 1 each when not given).


def _check_respondent_weights(respondents: Sequence[str], weights: Mapping[str, float | Fraction | int] | None) -> None:
    """One weight per respondent, non-negative and not all zero (None means 1 each)."""
    if not respondents:
        raise WeightingError("there are no respondents to combine")
    if weights is None:
        return
    for name in weights:
        if name not in respondents:
            raise WeightingError(f"respondent {name}: has a respondent weight but no answers", item=name)
    for name in respondents:
        if name not in weights:
            raise WeightingError(f"respondent {name}: has answers but no respondent weight", item=name)
        value = weights[name]
        if isinstance(value, bool) or not (isinstance(value, int | Fraction | float) and math.isfinite(value)):
            raise WeightingError(f"respondent {name}: respondent weight {value!r} is not a number", item=name)
        if value < 0:
            raise WeightingError(f"respondent {name}: respondent weight {value} is negative", item=name)
    if not any(weights[name] > 0 for name in respondents):
        raise WeightingError("every respondent has respondent weight 0, so there is nothing to combine")


def _float_weights(respondents: Sequence[str], weights: Mapping[str, float | Fraction | int] | None) -> list[float]:
    _check_respondent_weights(respondents, weights)
    return [1.0 if weights is None else float(weights[name]) for name in respondents]


def _check_vectors(vectors: Mapping[str, Mapping[str, float | Fraction]]) -> tuple[str, ...]:
    """The criteria weighted; every respondent must give each of them a non-negative weight."""
    if not vectors:
        raise WeightingError("there are no respondents to combine")
    first = next(iter(vectors.values()))
    for name, vector in vectors.items():
        missing = [c for c in first if c not in vector]
        if missing:
            raise WeightingError(f"respondent {name}: no weight for criterion {missing[0]}", item=(name, missing[0]))
        extra = [c for c in vector if c not in first]
        if extra:
            raise WeightingError(
                f"respondent {name}: criterion {extra[0]} is not weighted by the others", item=(name, extra[0])
            )
        for criterion, value in vector.items():
            if isinstance(value, bool) or not isinstance(value, int | Fraction | float) or not value >= 0:
                raise WeightingError(
                    f"respondent {name}: criterion {criterion}: weight {value!r} is not a non-negative number",
                    item=(name, criterion),
                )
    return tuple(first)


def weighted_arithmetic_mean(
    vectors: Mapping[str, Mapping[str, W]], respondent_weights: Mapping[str, W | int] | None = None
) -> dict[str, W]:
    """Σ_r v_r · x_rc / Σ_r v_r for each criterion c: the group's weights from normalised vectors.

    `vectors` maps each respondent to its weights by criterion; `respondent_weights`
    (e.g. headcount) default to 1 each. Exact when every input is a Fraction or int; to
    mix Fraction and float vectors, convert with float() first.
    """
    criteria = _check_vectors(vectors)
    _check_respondent_weights(list(vectors), respondent_weights)
    if not criteria:
        return {}
    zero = vectors[next(iter(vectors))][criteria[0]] * 0  # 0 of the vectors' own type: fractions stay fractions
    v = {name: 1 if respondent_weights is None else respondent_weights[name] for name in vectors}
    total = sum(v.values(), zero)
    return {c: sum((v[name] * x[c] for name, x in vectors.items()), zero) / total for c in criteria}


def _weighted_geometric_mean(values: Sequence[float], weights: Sequence[float]) -> float:
    total = math.fsum(weights)
    return float(math.prod(x ** (v / total) for x, v in zip(values, weights, strict=True)))


def aggregate_aij(
    matrices: Mapping[str, Matrix], respondent_weights: Mapping[str, float | Fraction | int] | None = None
) -> list[list[float]]:
    """Aggregation of individual judgments (AIJ): the element-wise weighted geometric mean.

    a_ij = Π_r a_ij,r ^ (v_r / Σ v). The geometric mean keeps the result reciprocal
    (Aczél & Saaty 1983), so `ahp` can be applied to it. Every matrix must compare the
    same items in the same order.
    """
    v = _float_weights(list(matrices), respondent_weights)
    n = len(next(iter(matrices.values())))
    for name, matrix in matrices.items():
        if len(matrix) != n or any(len(row) != n for row in matrix):
            raise WeightingError(f"respondent {name}: judgment matrix is not {n}×{n} like the others", item=name)
        if any(not (math.isfinite(float(x)) and x > 0) for row in matrix for x in row):
            raise WeightingError(f"respondent {name}: judgment matrix has a value that is not positive", item=name)
    ms = list(matrices.values())
    return [[_weighted_geometric_mean([float(m[i][j]) for m in ms], v) for j in range(n)] for i in range(n)]


def aggregate_aip(
    vectors: Mapping[str, Mapping[str, float | Fraction]],
    respondent_weights: Mapping[str, float | Fraction | int] | None = None,
) -> dict[str, float]:
    """Aggregation of individual priorities (AIP): weighted geometric mean per criterion, renormalised.

    w_c ∝ Π_r w_rc ^ (v_r / Σ v), scaled to sum to 1 (Forman & Peniwati 1998).
    """
    criteria = _check_vectors(vectors)
    v = _float_weights(list(vectors), respondent_weights)
    means = {c: _weighted_geometric_mean([float(x[c]) for x in vectors.values()], v) for c in criteria}
    total = math.fsum(means.values())
    if total == 0:
        raise WeightingError("every criterion has weight 0 for some respondent, so the priorities cannot be combined")
    return {c: value / total for c, value in means.items()}


def _check_level(name: str, weights: Mapping[str, Fraction | float]) -> None:
    """One level's weights: non-negative and summing to 1 (exactly for fractions, within 1e-9 for floats)."""
    if not weights:
        raise WeightingError(f"{name}: no weights given", item=name)
    for key, value in weights.items():
        if isinstance(value, bool) or not isinstance(value, int | Fraction | float) or not value >= 0:
            raise WeightingError(f"{name}: {key} has weight {value!r}, not a non-negative number", item=key)
    values = list(weights.values())
    if all(isinstance(x, Fraction | int) for x in values):
        total: Fraction | float = sum(values, Fraction(0))
        adds_up = total == 1
    else:
        total = math.fsum(float(x) for x in values)
        adds_up = abs(total - 1) <= _FLOAT_MATCH
    if not adds_up:
        raise WeightingError(f"{name}: weights sum to {total}, not 1", item=name)


def hierarchical(group_weights: Mapping[str, W], local: Mapping[str, Mapping[str, W]]) -> dict[str, W]:
    """Global criterion weights from a two-level hierarchy: group weight × local weight.

    `local[g]` gives the weights of the criteria of group g among themselves. Group
    weights and each group's local weights must each sum to 1 (exactly for fractions,
    within 1e-9 for floats); then the global weights sum to 1 as well.
    """
    for group in group_weights:
        if group not in local:
            raise WeightingError(f"group {group}: has a weight but no criteria", item=group)
    for group in local:
        if group not in group_weights:
            raise WeightingError(f"group {group}: has criteria but no group weight", item=group)
    _check_level("the group weights", group_weights)
    for group, weights in local.items():
        _check_level(f"group {group}", weights)
    result: dict[str, W] = {}
    for group, group_weight in group_weights.items():
        for criterion, weight in local[group].items():
            if criterion in result:
                raise WeightingError(f"criterion {criterion} is in more than one group", item=criterion)
            result[criterion] = group_weight * weight
    return result


# --- points ---------------------------------------------------------------------------


def largest_remainder(
    weights: Mapping[str, Fraction | float | Decimal], total: Decimal | int, decimals: int = 0
) -> dict[str, Decimal]:
    """Criterion points from weights, summing exactly to `total` (Hamilton's method).

    Points come in units of 10^-decimals. Each criterion first gets the whole units of
    its exact quota, total × weight / Σ weights; the units left over go one each to the
    largest remainders. Equal remainders go to the larger weight first, then to the
    criterion listed first. Every share is thus within one unit of its quota. Weights
    are taken at their exact value (a float's binary value), so no rounding enters.
    """
    if isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0:
        raise WeightingError(f"decimals {decimals!r} is not a whole number of 0 or more")
    budget = _exact(total, "points total")
    units_total = budget * 10**decimals
    if budget < 0 or units_total.denominator != 1:
        step = "a whole number" if decimals == 0 else f"a non-negative multiple of {Decimal(1).scaleb(-decimals)}"
        raise WeightingError(f"points total {total} is not {step}", item=total)
    exact: dict[str, Fraction] = {}
    for name, weight in weights.items():
        where = f"criterion {name}"
        if isinstance(weight, float):
            if not math.isfinite(weight):
                raise WeightingError(f"{where}: weight {weight} is not a finite number", item=name)
            exact[name] = Fraction(weight)
        else:
            exact[name] = _exact(weight, where)
        if exact[name] < 0:
            raise WeightingError(f"{where}: weight {weight} is negative", item=name)
    weight_sum = sum(exact.values(), Fraction(0))
    if weight_sum == 0:
        raise WeightingError("no criterion has a positive weight, so there is nothing to share the points by")
    quotas = {name: units_total * w / weight_sum for name, w in exact.items()}
    units = {name: math.floor(q) for name, q in quotas.items()}
    left = int(units_total) - sum(units.values())
    # sorted() is stable, so criteria with equal remainder and weight keep the mapping's order.
    by_claim = sorted(exact, key=lambda name: (-(quotas[name] - units[name]), -exact[name]))
    for name in by_claim[:left]:
        units[name] += 1
    return {name: Decimal(units[name]).scaleb(-decimals) for name in exact}


# --- disagreement ---------------------------------------------------------------------


@dataclass(frozen=True)
class Spread:
    """How far respondents (or groups) are apart on one criterion's weight."""

    low: float
    high: float
    mean: float
    """Unweighted: the spread is about people's views, not about headcount."""
    std: float
    """Population standard deviation."""
    lowest: str
    """Who gave the lowest weight (the first of them on a tie): who pulls it down."""
    highest: str
    """Who gave the highest weight (the first of them on a tie): who pulls it up."""


def spread(vectors: Mapping[str, Mapping[str, float | Fraction]]) -> dict[str, Spread]:
    """Per criterion, the range, mean and standard deviation of the weights across respondents.

    `vectors` maps each respondent (or department, or stakeholder group) to its weights;
    all must weigh the same criteria.
    """
    result: dict[str, Spread] = {}
    for criterion in _check_vectors(vectors):
        values = {name: float(vector[criterion]) for name, vector in vectors.items()}
        lowest = min(values, key=lambda name: values[name])
        highest = max(values, key=lambda name: values[name])
        result[criterion] = Spread(
            low=values[lowest],
            high=values[highest],
            mean=statistics.fmean(values.values()),
            std=statistics.pstdev(values.values()),
            lowest=lowest,
            highest=highest,
        )
    return result
