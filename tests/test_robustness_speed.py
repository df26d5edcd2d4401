"""The fast robustness paths give exactly the figures of the plain ones they replaced.

* Sensitivity screens every pair in floats and works out in fractions only the pairs
  that may hold the nearest threshold: `sensitivity` must equal `exact_sensitivity`
  (every pair in fractions, the reference kept in the module) on random models with
  ties, near-ties closer than a float can tell, zero points and tiny coefficients.
* SMAA-2 under score uncertainty meets each candidate only with the rivals that can
  reach it and updates few-cell rows by their uncertain cells: `smaa` must give the same
  floats, seed for seed, as `reference_smaa` below, the loop as it was before.

Models are built directly (no workspace) so that hypothesis can try many of them.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from operator import mul

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolbench.methods.robustness import (
    AdditiveModel,
    RobustnessError,
    SMAAResult,
    _Cell,
    _cell,
    _Contest,
    _level_groups,
    _Screen,
    _screened_bounds,
    _weight_sampler,
    check_options,
    exact_sensitivity,
    hearing_concentration,
    sensitivity,
    smaa,
)
from toolbench.model.plan import Criterion, Text

# --- building models ------------------------------------------------------------------


def model_of(
    points: Sequence[Fraction | int],
    rows: Sequence[Sequence[Fraction]],
    ranges: Sequence[Sequence[tuple[Fraction, Fraction] | None]] | None = None,
    *,
    spread: Sequence[float] | None = None,
) -> AdditiveModel:
    """An additive model with tools t0, t1, … ordered as `additive_model` orders them (exact total, then given order)."""
    criteria = tuple(
        Criterion(id=f"c{j}", name=Text(en=f"C{j}"), group="g", points=Decimal(int(p)) if p == int(p) else Decimal(1))
        for j, p in enumerate(points)
    )
    weights = tuple(Fraction(p) for p in points)
    spans = list(ranges) if ranges is not None else [[None] * len(points) for _ in rows]
    kept = sorted(
        range(len(rows)),
        key=lambda i: (-sum((w * a for w, a in zip(weights, rows[i], strict=True)), Fraction(0)), i),
    )
    tools = tuple(f"t{i}" for i in kept)
    return AdditiveModel(
        criteria=criteria,
        points=weights,
        tools=tools,
        names={t: Text(en=t.upper()) for t in tools},
        coefficients=tuple(tuple(rows[i]) for i in kept),
        ranges=tuple(tuple(spans[i]) for i in kept),
        ranks={t: r + 1 for r, t in enumerate(tools)},
        spread=tuple(spread) if spread is not None else None,
        respondents=3 if spread is not None else 0,
    )


EPSILON = Fraction(1, 10**30)
"""Far below what a float can tell apart from 1 (2⁻⁵³ ≈ 1.1 × 10⁻¹⁶)."""

BASE = [Fraction(0), Fraction(1, 4), Fraction(1, 3), Fraction(1, 2), Fraction(2, 3), Fraction(3, 4), Fraction(1)]
NUDGES = [Fraction(0), Fraction(0), Fraction(0), EPSILON, -EPSILON, 2 * EPSILON, Fraction(1, 10**17)]


@st.composite
def coefficient(draw: st.DrawFn) -> Fraction:
    """A cell's coefficient: a common ratio, sometimes nudged by less than a float can see."""
    value = draw(st.sampled_from(BASE)) + draw(st.sampled_from(NUDGES))
    return max(value, Fraction(0))


@st.composite
def models(draw: st.DrawFn) -> AdditiveModel:
    n = draw(st.integers(1, 5))
    m = draw(st.integers(2, 7))
    points = draw(st.lists(st.sampled_from([0, 1, 2, 3, 5, 10]), min_size=n, max_size=n))
    if not any(points):
        points[0] = 1
    rows = [draw(st.lists(coefficient(), min_size=n, max_size=n)) for _ in range(m)]
    copies = draw(st.integers(0, m - 1))  # identical tools: exact ties in every weighting
    for i in range(copies):
        rows[i + 1] = list(rows[0])
    scale = draw(st.sampled_from([Fraction(1), Fraction(1, 3_960_000), Fraction(10**6)]))  # 除算方式 is tiny
    return model_of(points, [[a * scale for a in row] for row in rows])


# --- sensitivity ------------------------------------------------------------------------


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(models())
def test_screened_sensitivity_is_the_exact_one(model: AdditiveModel) -> None:
    assert sensitivity(model) == exact_sensitivity(model)


def test_near_tie_the_floats_cannot_split_is_decided_exactly() -> None:
    """Two rivals whose thresholds differ by 10⁻³⁰: the floats see one value, the fractions pick the nearer.

    Criteria a and b, 1 point each. w = (1, 0) leads with 1; r1 = (0, 1 − ε) has 1 − ε;
    r2 = (0, 1 − 2ε) has 1 − 2ε; ε = 10⁻³⁰.
    a's points alone at x (b keeps 1): w's lead over r1 is x − (1 − ε), zero at x = 1 − ε;
    over r2 at 1 − 2ε. Lowering a, r1 draws level first: fall to 1 − ε, rival r1 only.
    a's share s (b gets 1 − s): lead over r1 is s − (1 − s)(1 − ε), zero at
    s = (1 − ε) ÷ (2 − ε); over r2 at (1 − 2ε) ÷ (2 − 2ε), which is smaller: fall to (1 − ε) ÷ (2 − ε).
    b's points alone: r1 gains 1 − ε per point, level at x = 1 + ε ÷ (1 − ε) = 1 ÷ (1 − ε);
    r2 at 1 ÷ (1 − 2ε), further: rise to 1 ÷ (1 − ε).
    """
    e = EPSILON
    model = model_of([1, 1], [[Fraction(1), Fraction(0)], [Fraction(0), 1 - e], [Fraction(0), 1 - 2 * e]])
    assert model.tools == ("t0", "t1", "t2")
    assert float(1 - e) == float(1 - 2 * e) == 1.0  # the floats cannot tell the two rivals apart

    found = sensitivity(model)
    assert found == exact_sensitivity(model)
    a, b = found.criteria
    assert a.alone.fall is not None and a.alone.fall.value == 1 - e and a.alone.fall.rivals == ("t1",)
    assert a.rescaled.fall is not None and a.rescaled.fall.value == (1 - e) / (2 - e)
    assert a.rescaled.fall.rivals == ("t1",)
    assert b.alone.rise is not None and b.alone.rise.value == 1 / (1 - e) and b.alone.rise.rivals == ("t1",)

    # both rivals reached the fractions: the float intervals of their thresholds overlap
    screen = _Screen(model)
    pairs = [("t0", "t1"), ("t0", "t2")]
    _screened_bounds(screen, "alone", 0, pairs)
    assert {("alone", 0, 1, 0), ("alone", 0, 2, 0)} <= set(screen._crossings)
    one, two = screen.locate("alone", 0, 1, 0), screen.locate("alone", 0, 2, 0)
    assert one is not None and two is not None
    assert one[1] <= two[2] and two[1] <= one[2]


def test_a_tie_now_is_level_now_in_both_paths() -> None:
    """w = (1, 0) and r = (0, 1), 1 point each: level now; raising b's weight at all puts r ahead."""
    model = model_of([1, 1], [[Fraction(1), Fraction(0)], [Fraction(0), Fraction(1)]])
    found = sensitivity(model)
    assert found == exact_sensitivity(model)
    rise = found.criteria[1].alone.rise
    assert rise is not None and rise.level_now and rise.value == 1


def test_screening_is_exact_when_floats_would_overflow_or_vanish() -> None:
    """Coefficients beyond the floats' comfortable range are left to fractions entirely."""
    huge = Fraction(10**300)
    model = model_of([1, 2], [[huge, Fraction(1)], [Fraction(1), huge], [Fraction(1, 10**300), Fraction(0)]])
    assert not _Screen(model).usable
    assert sensitivity(model) == exact_sensitivity(model)
    # 10⁻⁴⁰⁰ is 0.0 as a float, yet it decides between two tools otherwise level
    tiny = Fraction(1, 10**400)
    model = model_of([1, 1], [[tiny, Fraction(0)], [Fraction(0), Fraction(0)]])
    assert float(tiny) == 0.0 and not _Screen(model).usable
    found = sensitivity(model)
    assert found == exact_sensitivity(model) and found.criteria[0].alone.fall is not None


# --- SMAA-2: the loop as it was ------------------------------------------------------------


def reference_smaa(
    model: AdditiveModel,
    *,
    samples: int,
    seed: int = 0,
    weights: str = "uniform",
    score_uncertainty: bool = False,
) -> SMAAResult:
    """`smaa` as it was before the contests: every tool's figure summed for every candidate and draw."""
    mode = check_options(samples, weights)
    n = len(model.criteria)
    m = len(model.tools)
    rows = [[float(a) for a in row] for row in model.coefficients]
    scale = 1.0
    if model.by_value:
        scale = max((abs(a) for row in rows for a in row), default=1.0) or 1.0
        rows = [[a / scale for a in row] for row in rows]
    uncertain: list[tuple[int, list[_Cell]]] = []
    cells = 0
    if score_uncertainty:
        for i, spans in enumerate(model.ranges):
            if any(span is not None for span in spans):
                uncertain.append((i, [_cell(rows[i][c], span, scale) for c, span in enumerate(spans)]))
                cells += sum(span is not None for span in spans)
    rng = random.Random(seed)
    alphas: list[float] | None = None
    centre: tuple[float, ...] | None = None
    concentration: float | None = None
    if mode == "hearings":
        if model.spread is None or model.respondents == 0:
            raise RobustnessError("rob.no_hearings")
        centre = tuple(float(s) for s in model.shares)
        concentration = hearing_concentration(centre, model.spread)
        alphas = [concentration * c for c in centre]
    draw = _weight_sampler(rng, n, alphas)
    counts = [[0.0] * m for _ in range(m)]
    central = [[0.0] * n for _ in range(m)]
    firsts = [0.0] * m
    tools = range(m)
    rnd, sqrt = rng.random, math.sqrt
    for _ in range(samples):
        for i, params in uncertain:
            rows[i] = [
                low + sqrt(u * left) if (u := rnd()) <= peak else high - sqrt((1.0 - u) * right)
                for low, high, peak, left, right in params
            ]
        w = draw()
        totals = [sum(map(mul, w, row)) for row in rows]
        order = sorted(tools, key=totals.__getitem__, reverse=True)
        scale_w = 1.0 / sum(w)
        if len(set(totals)) == m:
            for r, t in enumerate(order):
                counts[t][r] += 1.0
            best = central[order[0]]
            for j in range(n):
                best[j] += w[j] * scale_w
            firsts[order[0]] += 1.0
            continue
        for start, group in _level_groups(order, totals):
            share = 1.0 / len(group)
            for t in group:
                row_counts = counts[t]
                for r in range(start, start + len(group)):
                    row_counts[r] += share
                if start == 0:
                    firsts[t] += share
                    best = central[t]
                    for j in range(n):
                        best[j] += w[j] * scale_w * share
    acceptability = tuple(tuple(x / samples for x in row) for row in counts)
    central_weights = tuple(tuple(x / firsts[i] for x in central[i]) if firsts[i] > 0 else None for i in range(m))
    candidates = [i for i, cw in enumerate(central_weights) if cw is not None]
    wins = [0.0] * m
    runs = samples if uncertain else 1
    for _ in range(runs):
        for t, params in uncertain:
            rows[t] = [
                low + sqrt(u * left) if (u := rnd()) <= peak else high - sqrt((1.0 - u) * right)
                for low, high, peak, left, right in params
            ]
        for i in candidates:
            cw = central_weights[i]
            assert cw is not None
            sums = [sum(map(mul, cw, row)) for row in rows]
            top = max(sums)
            level = [t for t, x in enumerate(sums) if x == top]
            if i in level:
                wins[i] += 1.0 / len(level)
    confidence = tuple(wins[i] / runs if central_weights[i] is not None else None for i in range(m))
    return SMAAResult(
        tools=model.tools,
        criteria=tuple(c.id for c in model.criteria),
        samples=samples,
        seed=seed,
        weights=mode,
        score_uncertainty=score_uncertainty,
        acceptability=acceptability,
        central_weights=central_weights,
        confidence=confidence,
        centre=centre,
        concentration=concentration,
        uncertain_cells=cells,
    )


LEVELS = [Fraction(k, 4) for k in range(5)]


@st.composite
def scored_models(draw: st.DrawFn) -> AdditiveModel:
    """Models whose cells were scored by three evaluators on a five-level scale: the span is their lowest to highest.

    Some tools are copies of another (ties in every draw without uncertainty), some have
    one uncertain cell (updated by that cell), some many, some none.
    """
    n = draw(st.integers(1, 6))
    m = draw(st.integers(2, 6))
    points = draw(st.lists(st.sampled_from([1, 2, 3, 5]), min_size=n, max_size=n))
    rows: list[list[Fraction]] = []
    spans: list[list[tuple[Fraction, Fraction] | None]] = []
    for _ in range(m):
        if len(rows) > 0 and draw(st.booleans()):
            k = draw(st.integers(0, len(rows) - 1))
            rows.append(list(rows[k]))
            spans.append(list(spans[k]) if draw(st.booleans()) else [None] * n)
            continue
        uncertain = draw(st.sampled_from(["none", "one", "many"]))
        row: list[Fraction] = []
        span: list[tuple[Fraction, Fraction] | None] = []
        for c in range(n):
            scores = draw(st.lists(st.sampled_from(LEVELS), min_size=3, max_size=3))
            varies = uncertain == "many" or (uncertain == "one" and c == 0)
            if not varies or min(scores) == max(scores):
                scores = [scores[0]] * 3
            row.append(sum(scores, Fraction(0)) / 3)
            span.append((min(scores), max(scores)) if min(scores) < max(scores) else None)
        rows.append(row)
        spans.append(span)
    spread = [draw(st.sampled_from([0.01, 0.05, 0.1])) for _ in range(n)]
    return model_of(points, rows, spans, spread=spread)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scored_models(), st.integers(0, 2**32 - 1), st.sampled_from(["uniform", "hearings"]), st.booleans())
def test_smaa_gives_the_figures_of_the_plain_loop(
    model: AdditiveModel, seed: int, weights: str, score_uncertainty: bool
) -> None:
    new = smaa(model, samples=150, seed=seed, weights=weights, score_uncertainty=score_uncertainty)
    assert new == reference_smaa(model, samples=150, seed=seed, weights=weights, score_uncertainty=score_uncertainty)


def test_seeded_smaa_with_score_uncertainty_is_unchanged() -> None:
    """A fixed model and seed, with copies (exact ties), a one-cell row and wide spans: every float the same."""
    third, half = Fraction(1, 3), Fraction(1, 2)
    rows = [
        [half, Fraction(3, 4), third, Fraction(1)],
        [half, Fraction(3, 4), third, Fraction(1)],  # a copy, fixed: level with t0 whenever t0 is drawn at its figure
        [Fraction(2, 3), half, half, half],
        [Fraction(1), Fraction(1, 4), Fraction(1, 4), third],
        [third, third, third, third],
    ]
    spans: list[list[tuple[Fraction, Fraction] | None]] = [
        [(Fraction(1, 4), Fraction(3, 4)), None, None, None],
        [None, None, None, None],
        [(half, Fraction(1)), (Fraction(1, 4), Fraction(3, 4)), (Fraction(0), Fraction(1)), (Fraction(1, 4), half)],
        [(Fraction(3, 4), Fraction(1)), None, (Fraction(0), half), None],
        [None, None, None, None],
    ]
    model = model_of([3, 2, 2, 1], rows, spans, spread=[0.05, 0.02, 0.04, 0.01])
    for weights in ("uniform", "hearings"):
        for seed in (0, 7, 2026):
            new = smaa(model, samples=2_000, seed=seed, weights=weights, score_uncertainty=True)
            assert new == reference_smaa(model, samples=2_000, seed=seed, weights=weights, score_uncertainty=True)
    assert new.uncertain_cells == 7


@st.composite
def contests(
    draw: st.DrawFn,
) -> tuple[list[float], list[list[float]], list[tuple[int, list[_Cell]]], list[list[float]]]:
    """Weights, a starting table, the drawn tools' cells, and a table drawn from them with copies and crafted ties."""
    n = draw(st.integers(1, 6))
    m = draw(st.integers(2, 5))
    unit = st.floats(0.0, 1.0, allow_nan=False)
    weights = [draw(st.floats(0.01, 1.0)) for _ in range(n)]
    base = [[draw(unit) for _ in range(n)] for _ in range(m)]
    uncertain: list[tuple[int, list[_Cell]]] = []
    for t in range(m):
        if draw(st.booleans()):
            cells: list[_Cell] = []
            for c in range(n):
                if draw(st.booleans()):
                    low, high = sorted((base[t][c], draw(unit)))
                    if low < high:
                        value = min(max(base[t][c], low), high)
                        cells.append(_cell(value, (Fraction(low), Fraction(high)), 1.0))
                        continue
                cells.append(_cell(base[t][c], None, 1.0))
            uncertain.append((t, cells))
    drawn = dict(uncertain)
    table = [list(row) for row in base]
    for t, cells in uncertain:
        table[t] = [low + (high - low) * draw(unit) for low, high, _, _, _ in cells]
    for t in range(1, m):  # a drawn tool equal to another in every cell: the figures tie exactly as summed
        if t in drawn and draw(st.booleans()):
            source = draw(st.integers(0, m - 1))
            if all(low <= x <= high for x, (low, high, _, _, _) in zip(table[source], drawn[t], strict=True)):
                table[t] = list(table[source])
    return weights, base, uncertain, table


@settings(max_examples=400, deadline=None)
@given(contests())
def test_a_contest_decides_as_summing_every_figure(
    case: tuple[list[float], list[list[float]], list[tuple[int, list[_Cell]]], list[list[float]]],
) -> None:
    weights, base, uncertain, table = case
    for tool in range(len(base)):
        contest = _Contest(tool, weights, base, uncertain)
        sums = [sum(map(mul, weights, row)) for row in table]
        top = max(sums)
        level = [t for t, x in enumerate(sums) if x == top]
        expected = len(level) if tool in level else 0
        assert (0 if contest.never else contest.level(table)) == expected


def test_smaa_progress_is_unchanged() -> None:
    """The progress calls (and so the bar) are the same as before: about a hundred per loop."""
    rows = [[Fraction(1, 2), Fraction(1)], [Fraction(3, 4), Fraction(1, 4)]]
    spans: list[list[tuple[Fraction, Fraction] | None]] = [[(Fraction(1, 4), Fraction(3, 4)), None], [None, None]]
    model = model_of([1, 1], rows, spans)
    calls: list[tuple[int, int]] = []

    def record(done: int, todo: int) -> None:
        calls.append((done, todo))

    smaa(model, samples=1_000, score_uncertainty=True, progress=record)
    assert calls[0] == (0, 2_000) and calls[-1] == (2_000, 2_000)
    assert calls[100] == (1_000, 2_000) and len(calls) == 201


def test_an_updated_figure_that_rounds_apart_from_the_summed_one_is_summed() -> None:
    """0.1 + 0.2 + 0.3 summed left to right is 0.6000000000000001; updating 0.2 + 0.3 by 0.1 gives 0.6.

    Tool 0 never changes: (0.1, 0.2, 0.3, 0), summed once. Tool 1 has one uncertain cell
    (0 to 0.5) and is updated by it; drawn at 0.1 it is the same row, so as summed the two
    are level and each shares the top. Updated, it looks 10⁻¹⁶ lower: only its margin
    sends the comparison back to the sums.
    """
    weights = [1.0, 1.0, 1.0, 1.0]
    row = [0.1, 0.2, 0.3, 0.0]
    assert sum(map(mul, weights, row)) == 0.6000000000000001 and (0.2 + 0.3 + 0.0) + 0.1 == 0.6
    cells = [_cell(0.1, (Fraction(0), Fraction(1, 2)), 1.0), *(_cell(x, None, 1.0) for x in row[1:])]
    base = [list(row), [0.25, 0.2, 0.3, 0.0]]
    table = [list(row), list(row)]
    for tool in (0, 1):
        contest = _Contest(tool, weights, base, [(1, cells)])
        assert contest.level(table) == 2
