"""How robust the ranking is: sensitivity, SMAA-2, leave-one-bidder-out.

Everything works on the additive model of an evaluation, built by `additive_model`:

    total_t = Σ_c w_c · r_tc

over the eligible, ranked candidates, where w_c is what one cell of criterion c is
worth (`Evaluation.cell_points`, the effective points) and r_tc the cell's figure as
a share of that (`Cell.ratio`, so that w_c · r_tc is the cell's points before
rounding). Under 除算方式 (division) the rank follows 技術点 ÷ 価格, which is still
linear in the weights: r_tc is then divided by the tool's price.

* `sensitivity`: one weight at a time, exactly (fractions, closed form), in two forms:
  the criterion's points change alone (the others keep theirs), or its weight changes
  while the others are rescaled in proportion so that the total stays 100 %. For
  each criterion it gives the smallest rise and the smallest fall that let another
  candidate draw level with the winner (and with anyone ranked above it). Both forms
  describe the same family of rankings: x points alone is a share x ÷ (W − w_c + x)
  rescaled. Every pair is screened in floats first and only the pairs that can hold
  a threshold shown are worked out in fractions (`exact_sensitivity` works out all).
* `smaa`: SMAA-2 (Lahdelma & Salminen 2001, Operations Research 49(3) 444–454): rank
  acceptability indices b_i^r, central weight vectors and confidence factors p_i^c,
  with weights drawn uniformly on the simplex or around what the hearings said, and
  optionally each evaluator-scored cell drawn between its evaluators' lowest and
  highest ratio. Seeded with `random.Random(seed)`: the same seed gives the same
  numbers on every machine.
* `leave_one_bidder_out`: under lowest_ratio (`pricing.lowest_ratio_share`) every
  candidate's price points depend on the lowest bid; remove each bid in turn,
  recompute the price points among the rest, and see whether the order of the others
  changes.
* `fit_changes`: with requirement fit criteria (機能要件適合表), each counted answer of
  each proposer moved one step (○ ↔ △, △ ↔ ×) in turn: would the winner, or any rank,
  change? Worked out exactly from the evaluation's last stages (the changed cell, the
  tool's eligibility, price points, totals, ranks; `_Recount`), never by evaluating again.

Eligibility is held as the evaluation decided it: must-haves and the ceiling do not
depend on weights, but the minimum technical score (足切り) would, and is not
re-applied at other weights. A changed fit answer does re-apply it, and a required ×.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from itertools import compress, repeat
from operator import add, mul
from types import MappingProxyType
from typing import Any, Literal

from toolbench.base.i18n import Lang, Message, translate
from toolbench.base.numbers import RoundingMode, exact_text, figure, plain, round_fraction
from toolbench.methods.evaluation import (
    Evaluation,
    Finding,
    ToolResult,
    member_points,
    rank_point_places,
    rank_results,
)
from toolbench.methods.fit import fit_ratio
from toolbench.methods.pricing import (
    FORMULA_FAMILIES,
    depends_on_other_bids,
    division_value,
    lowest_price,
    price_is_judged,
    price_points,
    price_share,
    ranks_by_value,
)
from toolbench.methods.robustness_options import (  # the options live apart (light); named here too
    DEFAULT_SAMPLES,
    WeightMode,
    check_options,
)
from toolbench.methods.robustness_options import MAX_SAMPLES as MAX_SAMPLES
from toolbench.methods.robustness_options import WEIGHT_MODES as WEIGHT_MODES
from toolbench.methods.robustness_options import RobustnessError as RobustnessError
from toolbench.model.plan import Criterion, FitAnswer, FitRule, Text

Form = Literal["rescaled", "alone"]
Direction = Literal["rise", "fall"]

MIN_CONCENTRATION = 1.0
"""The Dirichlet concentration around the hearings is never below this (see `hearing_concentration`)."""


# --- the additive model ------------------------------------------------------------------


@dataclass(frozen=True)
class LeftOut:
    """A candidate that is not part of the model, and why (a missing cell is never counted as 0)."""

    tool: str
    reason: Literal["disqualified", "unscored", "missing", "no_price"]
    criteria: tuple[str, ...] = ()
    """For "missing": the criteria without a figure yet."""


@dataclass(frozen=True)
class AdditiveModel:
    """The evaluation as a weighted sum: weights per criterion, a coefficient per tool and criterion.

    `tools` are in the model's order at the current weights (best first): by exact
    total, equal totals in the evaluation's rank order (its tie-break chain).
    """

    criteria: tuple[Criterion, ...]
    points: tuple[Fraction, ...]
    """The current weight of each criterion, in points (what one cell is worth)."""
    tools: tuple[str, ...]
    names: Mapping[str, Text]
    coefficients: tuple[tuple[Fraction, ...], ...]
    """Per tool (as `tools`), per criterion: r_tc, so that total_t = Σ_c points_c · r_tc."""
    ranges: tuple[tuple[tuple[Fraction, Fraction] | None, ...], ...] = ()
    """Per tool and criterion: the lowest and highest coefficient the evaluators' ratios allow, or None
    where the cell is fixed (one evaluator, a consensus, a measurement, a price)."""
    by_value: bool = False
    """除算方式: the coefficients are ratio ÷ price, and the figure is 技術点 ÷ 価格."""
    family: str = "none"
    price_criterion: str | None = None
    price_points: Fraction = Fraction(0)
    """The price criterion's points (配点), for recomputing lowest_ratio price points."""
    bids: Mapping[str, Fraction] = field(default_factory=dict)
    """The compared price of every eligible candidate that gave one (the bids lowest_ratio looks at)."""
    price_rounding: tuple[int, RoundingMode] | None = None
    """The plan rounds each cell's points (price points included): decimals and rule."""
    left_out: tuple[LeftOut, ...] = ()
    ranks: Mapping[str, int] = field(default_factory=dict)
    """Each modelled tool's rank in the evaluation (which rounds totals where the plan says)."""
    spread: tuple[float, ...] | None = None
    """Per criterion: the population standard deviation of the counted hearing respondents' weights."""
    respondents: int = 0
    """How many hearing respondents count (0 without hearings)."""
    technical_minimum: bool = False
    """The plan has a minimum technical score, held fixed here."""
    decimals: int = 2
    rounding: RoundingMode = "half_up"
    division_scale: Fraction = Fraction(1)
    """除算方式: the value is shown as 技術点 ÷ 価格 × this."""

    @property
    def total_points(self) -> Fraction:
        return sum(self.points, Fraction(0))

    @property
    def shares(self) -> tuple[Fraction, ...]:
        """The current weights as shares of the total (they add up to 1)."""
        total = self.total_points
        return tuple(p / total for p in self.points)

    @property
    def winner(self) -> str:
        return self.tools[0]

    def totals(self, weights: Sequence[Fraction] | None = None) -> dict[str, Fraction]:
        """Each tool's figure under `weights` (default: the current points), exactly."""
        w = self.points if weights is None else tuple(weights)
        return {t: sum((a * b for a, b in zip(w, row, strict=True)), Fraction(0)) for t, row in self._rows()}

    def order(self, weights: Sequence[Fraction] | None = None) -> tuple[str, ...]:
        """The tools best first under `weights`; equal figures keep the current order."""
        totals = self.totals(weights)
        position = {t: i for i, t in enumerate(self.tools)}
        return tuple(sorted(self.tools, key=lambda t: (-totals[t], position[t])))

    @property
    def order_differs(self) -> bool:
        """The exact totals order two tools differently from the evaluation (which rounds totals, breaks ties)."""
        ranks = [self.ranks.get(t, 0) for t in self.tools]
        return any(a > b for a, b in zip(ranks, ranks[1:], strict=False))

    def _rows(self) -> list[tuple[str, tuple[Fraction, ...]]]:
        return list(zip(self.tools, self.coefficients, strict=True))


def _coefficient(evaluation: Evaluation, criterion: Criterion, ratio: Fraction) -> Fraction:
    """The cell's ratio as a share of what one cell is worth, so that worth × it = the cell's points."""
    worth = evaluation.cell_points(criterion)
    return ratio * Fraction(criterion.points) / worth if worth else ratio


def _per_price(coefficient: Fraction, price: Fraction | None) -> Fraction:
    """Under 除算方式 (a price given) the coefficient divided by the price, as 技術点 ÷ 価格 is; else as it is."""
    return division_value(coefficient, price) if price is not None else coefficient


def additive_model(evaluation: Evaluation) -> AdditiveModel:
    """The additive model of `evaluation` over its eligible, ranked candidates.

    A candidate with a criterion that has no figure yet (nobody scored it, no
    measurement, no price) is left out and listed in `left_out`, never counted as 0;
    disqualified candidates are left out as the evaluation decided. Raises
    RobustnessError when no candidate remains or the criteria carry no points.
    """
    plan = evaluation.plan
    family = plan.price.family
    by_value = ranks_by_value(family)
    criteria = tuple(evaluation.scored_criteria)
    if not criteria:
        raise RobustnessError("rob.no_criteria")
    points = tuple(evaluation.cell_points(c) for c in criteria)
    if sum(points, Fraction(0)) <= 0:
        raise RobustnessError("rob.no_points")
    price_criterion = plan.price_criterion()
    price_id = price_criterion.id if price_criterion is not None else None
    exact_price = family in FORMULA_FAMILIES and price_criterion is not None and price_criterion.points == 0
    bids = {r.tool.id: r.price for r in evaluation.results if r.eligible and r.price is not None}
    lowest = lowest_price(bids)
    ceiling = plan.price.ceiling

    left_out: list[LeftOut] = []
    kept: list[tuple[ToolResult, tuple[Fraction, ...], tuple[tuple[Fraction, Fraction] | None, ...]]] = []
    judged_sum = plan.scoring.aggregation == "sum"
    for result in evaluation.results:
        tid = result.tool.id
        if not result.eligible:
            left_out.append(LeftOut(tid, "disqualified"))
            continue
        if by_value and result.price is None:
            left_out.append(LeftOut(tid, "no_price"))
            continue
        if result.rank is None:
            left_out.append(LeftOut(tid, "unscored"))
            continue
        missing = tuple(c.id for c in criteria if result.cells[c.id].ratio is None)
        if missing:
            left_out.append(LeftOut(tid, "no_price" if missing == (price_id,) else "missing", missing))
            continue
        row: list[Fraction] = []
        spans: list[tuple[Fraction, Fraction] | None] = []
        for criterion in criteria:
            cell = result.cells[criterion.id]
            ratio = cell.ratio
            assert ratio is not None
            if exact_price and criterion.id == price_id and result.price is not None:
                # a price criterion worth 0 points: its ratio is the formula's, not 0 ÷ 0
                share = price_share(family, result.price, lowest=lowest, ceiling=ceiling)
                ratio = share if share is not None else ratio
            price = result.price if by_value and result.price else None
            row.append(_per_price(_coefficient(evaluation, criterion, ratio), price))
            ratios = [s.ratio for s in cell.scores]
            if cell.source == "evaluators" and len(ratios) >= 2 and min(ratios) < max(ratios):
                count = len(ratios) if judged_sum else 1
                low = _per_price(_coefficient(evaluation, criterion, min(ratios) * count), price)
                high = _per_price(_coefficient(evaluation, criterion, max(ratios) * count), price)
                spans.append((low, high))
            else:
                spans.append(None)
        kept.append((result, tuple(row), tuple(spans)))
    if not kept:
        if evaluation.sealed:  # two envelopes or blind: nothing is missing, the prices are not open yet
            raise RobustnessError("blind.robustness_sealed" if evaluation.blind else "rob.sealed")
        raise RobustnessError("rob.no_tools", left_out=_left_out_text(left_out))

    def total(row: tuple[Fraction, ...]) -> Fraction:
        return sum((w * a for w, a in zip(points, row, strict=True)), Fraction(0))

    kept.sort(key=lambda item: (-total(item[1]), item[0].rank or 0))
    spread: tuple[float, ...] | None = None
    respondents = 0
    if evaluation.weights is not None and evaluation.weights.included:
        respondents = len(evaluation.weights.included)
        found = [evaluation.weights.spread(c.id) if c.id in evaluation.weights.criteria else None for c in criteria]
        if all(s is not None for s in found):
            spread = tuple(s.std for s in found if s is not None)
    rounding = None
    if "criterion" in plan.evaluation.round_at:
        rounding = (plan.evaluation.decimals, plan.evaluation.rounding)
    return AdditiveModel(
        criteria=criteria,
        points=points,
        tools=tuple(r.tool.id for r, _, _ in kept),
        names={r.tool.id: r.tool.name for r in evaluation.results},
        coefficients=tuple(row for _, row, _ in kept),
        ranges=tuple(spans for _, _, spans in kept),
        by_value=by_value,
        family=family,
        price_criterion=price_id,
        price_points=Fraction(price_criterion.points) if price_criterion is not None else Fraction(0),
        bids=bids,
        price_rounding=rounding,
        left_out=tuple(left_out),
        ranks={r.tool.id: r.rank for r, _, _ in kept if r.rank is not None},
        spread=spread,
        respondents=respondents,
        technical_minimum=plan.scoring.technical_minimum is not None,
        decimals=plan.evaluation.decimals,
        rounding=plan.evaluation.rounding,
        division_scale=Fraction(plan.price.division_scale),
    )


def _left_out_text(left_out: Sequence[LeftOut]) -> str:
    return ", ".join(f"{x.tool}: {' '.join(x.criteria)}" if x.criteria else x.tool for x in left_out)


# --- one-at-a-time sensitivity --------------------------------------------------------------


@dataclass(frozen=True)
class Threshold:
    """Where a rival draws level: at `value` exactly it is level, beyond it ahead.

    `value` is a share (0–1) in the rescaled form and points in the alone form.
    """

    value: Fraction
    direction: Direction
    leader: str
    """The tool that stops being ahead (the winner, for winner thresholds)."""
    rivals: tuple[str, ...]
    """Every tool that draws level with the leader at exactly this value."""
    level_now: bool = False
    """The rival is level already (first only by the tie-break): any change that way puts it ahead."""
    current: Fraction = Fraction(0)
    """The criterion's weight now, in the same unit as `value`."""


@dataclass(frozen=True)
class Bounds:
    """The nearest fall and the nearest rise of one criterion's weight that change an order."""

    fall: Threshold | None
    rise: Threshold | None


@dataclass(frozen=True)
class CriterionSensitivity:
    """One criterion: its current weight, and what changing it would take."""

    criterion: Criterion
    points: Fraction
    share: Fraction
    rescaled: Bounds
    """The winner, the criterion's share changing and the others rescaled in proportion."""
    alone: Bounds
    """The winner, the criterion's points changing and the others keeping theirs."""
    any_rank_rescaled: Bounds
    """The first change of any two candidates' order (rescaled form)."""
    any_rank_alone: Bounds
    applicable: bool = True
    """False when no other criterion carries points (nothing to rescale, nothing to compare)."""


@dataclass(frozen=True)
class Sensitivity:
    """One-at-a-time sensitivity of the winner and of the whole order, per criterion."""

    winner: str
    criteria: tuple[CriterionSensitivity, ...]
    total_points: Fraction


def sensitivity(model: AdditiveModel) -> Sensitivity:
    """For each criterion, the exact weights at which the winner (or any order) would change.

    In both forms, a threshold is the value at which a rival is exactly level: the
    winner stays first below a rise threshold (above a fall threshold) and is level
    at it. Ties at the current weights count as level already (`level_now`).

    Every pair is first screened in floats, each figure with a bound on how far
    rounding can have moved it (`_Screen`); only the pairs that may hold the nearest
    threshold, and those the floats cannot decide, are then worked out in fractions.
    The thresholds are exactly those of `exact_sensitivity`, which works out every pair.
    """
    screen = _Screen(model)
    return _sensitivity(model, lambda form, c, pairs: _screened_bounds(screen, form, c, pairs))


def exact_sensitivity(model: AdditiveModel) -> Sensitivity:
    """`sensitivity` with every pair worked out in fractions: the reference the screened path is held to."""
    return _sensitivity(model, lambda form, c, pairs: _bounds(model, form, c, pairs))


_FindBounds = Callable[[Form, int, Sequence[tuple[str, str]]], Bounds]


def _sensitivity(model: AdditiveModel, find: _FindBounds) -> Sensitivity:
    """Each criterion's bounds for the winner's pairs and for neighbours in the order, found by `find`."""
    winner = model.winner
    total = model.total_points
    winner_pairs = [(winner, t) for t in model.tools[1:]]
    adjacent = list(zip(model.tools, model.tools[1:], strict=False))
    # The first change of any order as a weight moves is always between two tools next to
    # each other in the current order: until then the order holds, so anyone between
    # the two that meet is level with them at that point too.
    out: list[CriterionSensitivity] = []
    for c, criterion in enumerate(model.criteria):
        points = model.points[c]
        share = points / total
        if total - points <= 0 or len(model.tools) < 2:
            empty = Bounds(None, None)
            out.append(CriterionSensitivity(criterion, points, share, empty, empty, empty, empty, applicable=False))
            continue
        out.append(
            CriterionSensitivity(
                criterion,
                points,
                share,
                rescaled=find("rescaled", c, winner_pairs),
                alone=find("alone", c, winner_pairs),
                any_rank_rescaled=find("rescaled", c, adjacent),
                any_rank_alone=find("alone", c, adjacent),
            )
        )
    return Sensitivity(winner, tuple(out), total)


# The exact reference: every pair in fractions.


def _differences(model: AdditiveModel, leader: str, other: str) -> tuple[Fraction, ...]:
    """d_c: how far `leader` is ahead of `other` on each criterion's coefficient."""
    a = model.coefficients[model.tools.index(leader)]
    b = model.coefficients[model.tools.index(other)]
    return tuple(x - y for x, y in zip(a, b, strict=True))


def _pair_threshold(
    form: Form, d: Sequence[Fraction], c: int, points: Sequence[Fraction]
) -> tuple[Fraction, Direction, bool] | None:
    """Where the trailing tool of a pair draws level as criterion c's weight moves; None if never.

    D = Σ_j w_j d_j is the leader's lead, D ≥ 0 now. Alone (points x of c, the others
    fixed): D(x) = D0 + (x − w_c) d_c, so x* = w_c − D0 ÷ d_c on [0, ∞). Rescaled (share
    s of c, the others × (1 − s) ÷ (1 − s0)): D(s) = s d_c + (1 − s) R with
    R = (D0 − s0 d_c) ÷ (1 − s0), the lead when c weighs nothing, so s* = R ÷ (R − d_c)
    on [0, 1]. D is linear in either, so there is at most one such point.
    """
    total = sum(points, Fraction(0))
    lead = sum((w * x for w, x in zip(points, d, strict=True)), Fraction(0))
    if form == "alone":
        if d[c] == 0:
            return None
        value = points[c] - lead / d[c]
        if value < 0:
            return None
        direction: Direction = "rise" if d[c] < 0 else "fall"
    else:
        s0 = points[c] / total
        d0 = lead / total
        rest = (d0 - s0 * d[c]) / (1 - s0)
        if rest == d[c]:
            return None  # the lead does not depend on this weight
        value = rest / (rest - d[c])
        if not 0 <= value <= 1:
            return None
        direction = "rise" if d[c] < rest else "fall"
    return value, direction, lead == 0


def _bounds(model: AdditiveModel, form: Form, c: int, pairs: Sequence[tuple[str, str]]) -> Bounds:
    """The nearest rise and fall of criterion c's weight at which the second of some pair draws level."""
    found: dict[Direction, list[tuple[Fraction, str, str, bool]]] = {"rise": [], "fall": []}
    for leader, other in pairs:
        point = _pair_threshold(form, _differences(model, leader, other), c, model.points)
        if point is not None:
            value, direction, level = point
            found[direction].append((value, leader, other, level))

    def nearest(direction: Direction) -> Threshold | None:
        pool = found[direction]
        if not pool:
            return None
        pick = min if direction == "rise" else max
        value, leader, _, level = pick(pool, key=lambda item: item[0])
        rivals = tuple(dict.fromkeys(o for v, lead, o, _ in pool if v == value and lead == leader))
        current = model.points[c] if form == "alone" else model.points[c] / model.total_points
        return Threshold(value, direction, leader, rivals, level, current)

    return Bounds(fall=nearest("fall"), rise=nearest("rise"))


# Screened: floats first, fractions where they matter.

_Crossing = tuple[Fraction, Direction, bool]
"""Where a pair draws level: the value, the direction, and whether it is level already."""

_UNIT = 2.0**-53
"""The unit roundoff of a float: a correctly rounded operation is off by at most this share of its result."""

_WIDTH = 2.0**200
"""A model with a figure beyond this (or nonzero and below its inverse) is left to fractions: no float overflows
or loses a figure to 0."""


def _crossing(form: Form, lead: Fraction, d: Fraction, points: Fraction, total: Fraction) -> _Crossing | None:
    """`_pair_threshold` from the pair's lead D and its difference d on the criterion, worth w of W points.

    Alone: x* = w − D ÷ d. Rescaled: with P = D − w d and Q = D − W d, R = P ÷ (W − w)
    and R − d = Q ÷ (W − w), so s* = P ÷ Q, None when Q = 0, a rise when Q > 0.
    """
    if form == "alone":
        if d == 0:
            return None
        value = points - lead / d
        if value < 0:
            return None
        return value, "rise" if d < 0 else "fall", lead == 0
    below = lead - total * d
    if below == 0:
        return None
    value = (lead - points * d) / below
    if not 0 <= value <= 1:
        return None
    return value, "rise" if below > 0 else "fall", lead == 0


_Located = tuple[Direction, float, float, bool]
"""A pair's threshold as screened: its direction, a float interval that holds the exact value, and whether
the threshold certainly exists (else the floats could not tell)."""


class _Screen:
    """The model in floats for screening pairs, with the exact figures worked out on demand and kept.

    Each float figure carries a bound on how far rounding can have moved it from the
    exact one: first-order bounds on the conversions and operations (each off by at most
    `_UNIT` of its size), made 4096 times wider than they need to be. A pair is passed
    over only when its threshold certainly does not exist or is certainly further than one
    already found; whatever the floats cannot decide goes to fractions.
    """

    def __init__(self, model: AdditiveModel) -> None:
        self.model = model
        self.slack = 4096 * (len(model.criteria) + 4) * _UNIT
        self.total = model.total_points
        self.position = {t: i for i, t in enumerate(model.tools)}
        try:
            self.points = [float(p) for p in model.points]
            self.rows = [[float(a) for a in row] for row in model.coefficients]
        except OverflowError:
            self.points, self.rows = [], []
        exact = [*model.points, *(a for row in model.coefficients for a in row)]
        floats = [*self.points, *(a for row in self.rows for a in row)]
        self.usable = bool(self.points) and all(
            x == 0 if f == 0 else 1 / _WIDTH <= abs(f) <= _WIDTH for x, f in zip(exact, floats, strict=True)
        )
        self.sums = [sum(map(mul, self.points, row)) for row in self.rows]
        self.sizes = [sum(p * abs(a) for p, a in zip(self.points, row, strict=True)) for row in self.rows]
        self.total_f = float(sum(self.points))
        self._totals: dict[int, Fraction] = {}
        self._crossings: dict[tuple[Form, int, int, int], _Crossing | None] = {}

    def crossing(self, form: Form, leader: int, other: int, c: int) -> _Crossing | None:
        """The pair's threshold on criterion c, exactly."""
        key = (form, leader, other, c)
        if key not in self._crossings:
            model = self.model
            lead = self._exact_total(leader) - self._exact_total(other)
            d = model.coefficients[leader][c] - model.coefficients[other][c]
            self._crossings[key] = _crossing(form, lead, d, model.points[c], self.total)
        return self._crossings[key]

    def _exact_total(self, tool: int) -> Fraction:
        if tool not in self._totals:
            row = self.model.coefficients[tool]
            self._totals[tool] = sum((w * a for w, a in zip(self.model.points, row, strict=True)), Fraction(0))
        return self._totals[tool]

    def _exactly(self, form: Form, leader: int, other: int, c: int) -> _Located | None:
        found = self.crossing(form, leader, other, c)
        if found is None:
            return None
        value, direction, _ = found
        try:
            near = float(value)
        except OverflowError:
            return direction, -math.inf, math.inf, True
        spread = self.slack * abs(near)
        return direction, near - spread, near + spread, True

    def locate(self, form: Form, leader: int, other: int, c: int) -> _Located | None:
        """The pair's threshold on criterion c as far as floats can tell; None when it certainly has none."""
        slack = self.slack
        a, b = self.rows[leader][c], self.rows[other][c]
        d = a - b
        if a == b and self.model.coefficients[leader][c] == self.model.coefficients[other][c]:
            d_err = 0.0  # the same cell figure: d is exactly 0
        else:
            d_err = slack * (abs(a) + abs(b))
        lead = self.sums[leader] - self.sums[other]
        lead_err = slack * (self.sizes[leader] + self.sizes[other])
        w = self.points[c]
        w_err = slack * abs(w)
        if form == "alone":
            if d_err == 0.0:
                return None  # the lead does not depend on this weight
            if abs(d) <= d_err:
                return self._exactly(form, leader, other, c)
            # x* = w − D ÷ d: a fall when d > 0, else w + D ÷ |d|, a rise
            size_low, size_high = abs(d) - d_err, abs(d) + d_err
            lead_low, lead_high = lead - lead_err, lead + lead_err
            q_low = lead_low / (size_high if lead_low >= 0 else size_low)
            q_high = lead_high / (size_low if lead_high >= 0 else size_high)
            direction: Direction
            if d < 0:
                direction, low, high = "rise", w - w_err + q_low, w + w_err + q_high
            else:
                direction, low, high = "fall", w - w_err - q_high, w + w_err - q_low
            spread = slack * (abs(w) + abs(q_low) + abs(q_high))
            low, high = low - spread, high + spread
            if not low <= high:  # never expected (see `usable`), but a NaN must not decide anything
                return self._exactly(form, leader, other, c)
            if high < 0:
                return None
            return direction, low, high, low >= 0
        # s* = P ÷ Q with P = D − w d, Q = D − W d (see `_crossing`)
        total = self.total_f
        total_err = slack * total
        above = lead - w * d
        above_err = lead_err + abs(w) * d_err + abs(d) * w_err + w_err * d_err + slack * (abs(lead) + abs(w * d))
        below = lead - total * d
        below_err = (
            lead_err + total * d_err + abs(d) * total_err + total_err * d_err + slack * (abs(lead) + abs(total * d))
        )
        if abs(below) <= below_err:
            return self._exactly(form, leader, other, c)
        direction = "rise" if below > 0 else "fall"
        if below < 0:
            above, below = -above, -below
        below_low, below_high = below - below_err, below + below_err
        above_low, above_high = above - above_err, above + above_err
        low = above_low / (below_high if above_low >= 0 else below_low)
        high = above_high / (below_low if above_high >= 0 else below_high)
        spread = slack * (abs(low) + abs(high))
        low, high = low - spread, high + spread
        if not low <= high:
            return self._exactly(form, leader, other, c)
        if high < 0 or low > 1:
            return None
        return direction, low, high, low >= 0 and high <= 1


def _screened_bounds(screen: _Screen, form: Form, c: int, pairs: Sequence[tuple[str, str]]) -> Bounds:
    """`_bounds`, with only the pairs whose float interval reaches the nearest certain threshold worked out exactly.

    The nearest rise is the least exact value; a certain rise's interval holds its exact
    value, so no pair whose interval starts above the lowest certain upper end can be
    nearer (nor level with it). Falls likewise, mirrored. The pairs kept stay in their
    order, so the leader and the rivals are picked as `_bounds` picks them.
    """
    model = screen.model
    if not screen.usable:
        return _bounds(model, form, c, pairs)
    indexed = [(screen.position[leader], screen.position[other]) for leader, other in pairs]
    found: dict[Direction, list[tuple[int, float, float, bool]]] = {"rise": [], "fall": []}
    for k, (leader, other) in enumerate(indexed):
        located = screen.locate(form, leader, other, c)
        if located is not None:
            direction, low, high, certain = located
            found[direction].append((k, low, high, certain))

    def nearest(direction: Direction) -> Threshold | None:
        screened = found[direction]
        if not screened:
            return None
        if direction == "rise":
            reach = min((high for _, _, high, certain in screened if certain), default=math.inf)
            near = [k for k, low, _, _ in screened if low <= reach]
        else:
            reach = max((low for _, low, _, certain in screened if certain), default=-math.inf)
            near = [k for k, _, high, _ in screened if high >= reach]
        pool: list[tuple[Fraction, str, str, bool]] = []
        for k in near:
            exact = screen.crossing(form, *indexed[k], c)
            if exact is not None and exact[1] == direction:
                pool.append((exact[0], pairs[k][0], pairs[k][1], exact[2]))
        if not pool:
            return None
        pick = min if direction == "rise" else max
        value, leader, _, level = pick(pool, key=lambda item: item[0])
        rivals = tuple(dict.fromkeys(o for v, lead, o, _ in pool if v == value and lead == leader))
        current = model.points[c] if form == "alone" else model.points[c] / screen.total
        return Threshold(value, direction, leader, rivals, level, current)

    return Bounds(fall=nearest("fall"), rise=nearest("rise"))


def rescaled_weights(model: AdditiveModel, criterion: int, share: Fraction) -> tuple[Fraction, ...]:
    """The weights (as shares) with `criterion` at `share` and the others rescaled in proportion."""
    shares = model.shares
    rest = 1 - shares[criterion]
    return tuple(share if j == criterion else s * (1 - share) / rest for j, s in enumerate(shares))


def alone_weights(model: AdditiveModel, criterion: int, points: Fraction) -> tuple[Fraction, ...]:
    """The weights (in points) with `criterion` at `points` and the others unchanged."""
    return tuple(points if j == criterion else p for j, p in enumerate(model.points))


# --- SMAA-2 ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SMAAResult:
    """Rank acceptability indices, central weights and confidence factors (SMAA-2).

    `acceptability[i][r]` is the share of the samples in which tool i took rank r + 1;
    `central_weights[i]` the mean weight vector (shares) of the samples that made tool
    i first (None if none did); `confidence[i]` the share of score samples in which
    tool i is first under its central weights (None without central weights).
    """

    tools: tuple[str, ...]
    criteria: tuple[str, ...]
    samples: int
    seed: int
    weights: WeightMode
    score_uncertainty: bool
    acceptability: tuple[tuple[float, ...], ...]
    central_weights: tuple[tuple[float, ...] | None, ...]
    confidence: tuple[float | None, ...]
    centre: tuple[float, ...] | None = None
    """Hearings mode: the Dirichlet's mean (the current weights as shares)."""
    concentration: float | None = None
    """Hearings mode: the Dirichlet's concentration α0 (α_c = α0 × centre_c)."""
    uncertain_cells: int = 0
    """How many cells were drawn between their evaluators' lowest and highest ratio."""

    def standard_error(self, tool: int, rank: int) -> float:
        """The sampling error of acceptability[tool][rank]: √(b (1 − b) ÷ N)."""
        b = self.acceptability[tool][rank]
        return math.sqrt(b * (1 - b) / self.samples)

    def first(self, tool: str) -> float:
        """The rank-1 acceptability of `tool`."""
        return self.acceptability[self.tools.index(tool)][0]


def hearing_concentration(centre: Sequence[float], spread: Sequence[float]) -> float:
    """The Dirichlet concentration α0 that matches the respondents' spread (method of moments).

    Under Dirichlet(α0 · m) each weight has variance m_c (1 − m_c) ÷ (α0 + 1). Pooling
    the criteria, α0 + 1 = Σ m_c (1 − m_c) ÷ Σ σ_c², where σ_c is the population
    standard deviation of the counted respondents' weights of criterion c. Never below
    MIN_CONCENTRATION (respondents further apart than any Dirichlet around m allows).
    """
    variance = sum(s * s for s in spread)
    if variance <= 0:
        raise RobustnessError("rob.hearings_agree")
    alpha = sum(m * (1 - m) for m in centre) / variance - 1
    return max(alpha, MIN_CONCENTRATION)


def smaa(
    model: AdditiveModel,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
    weights: str = "uniform",
    score_uncertainty: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> SMAAResult:
    """SMAA-2 on the additive model: what rank each tool takes as the weights (and scores) vary.

    Weights: "uniform" draws them uniformly on the simplex (Dirichlet(1, …, 1), as
    normalised exponential draws); "hearings" from a Dirichlet whose mean is the
    current weights and whose concentration matches the hearing respondents' spread
    (`hearing_concentration`). With `score_uncertainty`, each cell scored by two or
    more evaluators who disagree is drawn, independently per sample, from the
    triangular distribution between its evaluators' lowest and highest ratio whose
    peak is the committee's figure (the aggregate); every other cell (one evaluator,
    a consensus, a measurement, a price) stays as it is. Equal figures
    in a sample share out the ranks they span equally. Floats inside the loop; the
    same seed always gives the same result. `progress`, if given, is called with
    (samples done, samples to do) about a hundred times; it never changes a figure.
    """
    mode = check_options(samples, weights)
    n = len(model.criteria)
    m = len(model.tools)
    rows = [[float(a) for a in row] for row in model.coefficients]
    scale = 1.0
    if model.by_value:  # 技術点 ÷ 価格 is tiny: rescale (the order does not change) to keep floats comfortable
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
        if model.respondents < 2:
            raise RobustnessError("rob.few_respondents", count=model.respondents)
        centre = tuple(float(s) for s in model.shares)
        concentration = hearing_concentration(centre, model.spread)
        alphas = [concentration * c for c in centre]

    draw = _weight_sampler(rng, n, alphas)
    counts = [[0.0] * m for _ in range(m)]
    central = [[0.0] * n for _ in range(m)]
    firsts = [0.0] * m
    tools = range(m)
    rnd, sqrt = rng.random, math.sqrt
    # the confidence factors draw the scores again, once per sample, when they vary
    steps = samples * 2 if uncertain else samples
    every = max(samples // 100, 1)
    for k in range(samples):
        if progress is not None and k % every == 0:
            progress(k, steps)
        for i, params in uncertain:  # triangular draws by the inverse CDF, one uniform each
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
            winner = order[0]
            central[winner] = list(map(add, central[winner], map(mul, w, repeat(scale_w))))
            firsts[winner] += 1.0
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
    confidence = _confidence(rng, rows, central_weights, uncertain, samples, progress)
    if progress is not None:
        progress(steps, steps)
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


def _weight_sampler(rng: random.Random, n: int, alphas: Sequence[float] | None) -> Callable[[], list[float]]:
    """A function drawing one unnormalised weight vector: exponentials (uniform) or gammas (hearings)."""
    if alphas is None:
        rnd, log = rng.random, math.log
        criteria = range(n)

        def uniform() -> list[float]:
            return [-log(1.0 - rnd()) for _ in criteria]

        return uniform
    gamma = rng.gammavariate
    shapes = list(alphas)

    def around() -> list[float]:
        w = [gamma(a, 1.0) if a > 0 else 0.0 for a in shapes]
        if sum(w) <= 0:  # every draw underflowed (tiny shapes): fall back to the centre
            return list(shapes)
        return w

    return around


_Cell = tuple[float, float, float, float, float]
"""A cell's triangular draw: lowest, highest, where the peak lies (0–1), and the two squared half-widths."""


def _cell(value: float, span: tuple[Fraction, Fraction] | None, scale: float) -> _Cell:
    """The triangular distribution between the evaluators' lowest and highest, peaking at the aggregate.

    By the inverse CDF, a uniform u ≤ p gives low + √(u · w² p), else high − √((1 − u) · w² (1 − p)),
    with w = high − low and p the peak's place. A fixed cell has width 0: every draw gives its value.
    """
    if span is None:
        return (value, value, 1.0, 0.0, 0.0)
    low, high = float(span[0]) / scale, float(span[1]) / scale
    width = high - low
    peak = min(1.0, max(0.0, (value - low) / width))  # the aggregate lies between them; floats may stray
    return (low, high, peak, width * width * peak, width * width * (1.0 - peak))


def _level_groups(order: Sequence[int], totals: Sequence[float]) -> list[tuple[int, list[int]]]:
    """The tools of `order` in runs of equal figures, with the rank (0-based) each run starts at."""
    groups: list[tuple[int, list[int]]] = []
    for position, t in enumerate(order):
        if groups and totals[groups[-1][1][0]] == totals[t]:
            groups[-1][1].append(t)
        else:
            groups.append((position, [t]))
    return groups


def _confidence(
    rng: random.Random,
    rows: list[list[float]],
    central: Sequence[tuple[float, ...] | None],
    uncertain: Sequence[tuple[int, list[_Cell]]],
    samples: int,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[float | None, ...]:
    """p_i^c: how often tool i is first under its own central weights, over the score samples.

    Without score uncertainty there is one score sample and the answer is 1 or 0 (a
    share when level with others there). With it, the scores are drawn again for every
    sample (the same draws, in the same order, as the acceptability loop makes) and each
    candidate meets only the rivals that can reach it (`_Contest`).
    """
    rnd, sqrt = rng.random, math.sqrt
    wins = [0.0] * len(rows)
    if not uncertain:
        for i, w in enumerate(central):
            if w is not None:
                totals = [sum(map(mul, w, row)) for row in rows]
                best = max(totals)
                level = [t for t, x in enumerate(totals) if x == best]
                if i in level:
                    wins[i] += 1.0 / len(level)
        return tuple(wins[i] if central[i] is not None else None for i in range(len(rows)))
    contests = [_Contest(i, w, rows, uncertain) for i, w in enumerate(central) if w is not None]
    contests = [contest for contest in contests if not contest.never]
    every = max(samples // 100, 1)
    for k in range(samples):
        if progress is not None and k % every == 0:
            progress(samples + k, samples * 2)
        for t, params in uncertain:
            rows[t] = [
                low + sqrt(u * left) if (u := rnd()) <= peak else high - sqrt((1.0 - u) * right)
                for low, high, peak, left, right in params
            ]
        for contest in contests:
            top = contest.level(rows)
            if top:
                wins[contest.tool] += 1.0 / top
    return tuple(wins[i] / samples if central[i] is not None else None for i in range(len(rows)))


class _Contest:
    """One candidate under its central weights against the other tools, as the scores are drawn again and again.

    The figures that decide are those `sum(map(mul, w, row))` gives, as in the
    acceptability loop. A rival's figure lies between its lowest and highest cells'
    figures (a triangular draw stays between its ends), so a rival that cannot reach the
    candidate is never summed, and a candidate that some rival always beats never wins.
    A tool with few uncertain cells is updated by those cells only: that figure is off
    from the summed one by at most its margin (first-order rounding bounds made 4096
    times wider), and wherever two figures are closer than that both are summed as before.
    """

    def __init__(
        self,
        tool: int,
        weights: Sequence[float],
        rows: Sequence[list[float]],
        uncertain: Sequence[tuple[int, list[_Cell]]],
    ) -> None:
        self.tool = tool
        self.weights = w = tuple(weights)
        slack = 4096 * (2 * len(w) + 8) * _UNIT
        drawn = dict(uncertain)
        figures: dict[int, _Figure] = {}
        likely: dict[int, float] = {}
        lowest: dict[int, float] = {}
        for t, row in enumerate(rows):
            params = drawn.get(t)
            if params is None:  # never drawn: summed once
                figure = sum(map(mul, w, row))
                figures[t] = (figure, figure, None, 0.0)
                likely[t] = lowest[t] = figure
                continue
            lows = [cell[0] for cell in params]
            highs = [cell[1] for cell in params]
            size = sum(abs(x) * max(abs(a), abs(b)) for x, a, b in zip(w, lows, highs, strict=True))
            margin = slack * size
            lowest[t] = sum(map(mul, w, lows)) - margin
            likely[t] = sum(x * (a + peak * (b - a)) for x, (a, b, peak, _, _) in zip(w, params, strict=True))
            varying = [a != b for a, b in zip(lows, highs, strict=True)]
            update: _Update | None = None
            if 2 * sum(varying) <= len(w):  # few cells vary: add those to the rest, which stays
                steady = sum(x * a for x, a, v in zip(w, lows, varying, strict=True) if not v)
                update = (steady, [x for x, v in zip(w, varying, strict=True) if v], varying)
            figures[t] = (sum(map(mul, w, highs)) + margin, None, update, margin if update else 0.0)
        self.own = figures[tool]
        self.never = any(lowest[t] > self.own[0] for t in figures if t != tool)
        """Some rival always beats the candidate: it is never first."""
        rivals = [t for t in figures if t != tool and figures[t][0] >= lowest[tool]]
        rivals.sort(key=likely.__getitem__, reverse=True)
        self.rivals = [(t, *figures[t]) for t in rivals]
        """The rivals that can reach the candidate, the likeliest to beat it first: tool, reach, figure if fixed,
        how to update it if it has few uncertain cells, margin."""

    def _figure(self, tool: int, figure: _Figure, rows: Sequence[list[float]]) -> float:
        _, fixed, update, _ = figure
        if fixed is not None:
            return fixed
        if update is None:
            summed: float = sum(map(mul, self.weights, rows[tool]))
            return summed
        steady, weights, varying = update
        updated: float = steady + sum(map(mul, weights, compress(rows[tool], varying)))
        return updated

    def level(self, rows: Sequence[list[float]]) -> int:
        """How many share the top with the candidate (itself included) in these rows; 0 when it is not on top."""
        w = self.weights
        mine = self._figure(self.tool, self.own, rows)
        mine_margin = self.own[3]
        level = 1
        for t, reach, fixed, update, margin in self.rivals:
            if reach < mine - mine_margin:
                continue  # cannot reach the candidate in any draw
            if fixed is not None:
                theirs = fixed
            elif update is None:
                theirs = sum(map(mul, w, rows[t]))
            else:
                steady, weights, varying = update
                theirs = steady + sum(map(mul, weights, compress(rows[t], varying)))
            if theirs - margin > mine + mine_margin:
                return 0
            if theirs + margin >= mine - mine_margin:  # too close to tell: the figures as summed decide
                if mine_margin:
                    mine, mine_margin = sum(map(mul, w, rows[self.tool])), 0.0
                if margin:
                    theirs = sum(map(mul, w, rows[t]))
                if theirs > mine:
                    return 0
                if theirs == mine:
                    level += 1
        return level


_Update = tuple[float, list[float], list[bool]]
"""A figure updated by its uncertain cells only: the fixed cells' figure, the weights of the others, which vary."""

_Figure = tuple[float, float | None, _Update | None, float]
"""A tool's figure in a contest: the highest it can reach, its value if it never changes, how to update it
(None: sum the row), and how far an update can be off from the summed figure."""


# --- leave one bidder out --------------------------------------------------------------------


@dataclass(frozen=True)
class BidRemoval:
    """One bid removed: the lowest price among the rest, and the order of the others before and after."""

    removed: str
    lowest_before: Fraction
    lowest_after: Fraction | None
    before: tuple[str, ...]
    after: tuple[str, ...]
    totals_after: Mapping[str, Fraction] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class LeaveOneOut:
    """Leave-one-bidder-out under the plan's price family."""

    family: str
    applies: bool
    """Only lowest_ratio makes one candidate's price points depend on another's bid."""
    removals: tuple[BidRemoval, ...] = ()

    @property
    def reorders(self) -> tuple[BidRemoval, ...]:
        return tuple(r for r in self.removals if r.changed)


def leave_one_bidder_out(model: AdditiveModel) -> LeaveOneOut:
    """Remove each eligible bid in turn, recompute lowest_ratio price points among the rest, compare orders.

    Price points are recomputed exactly by `pricing.price_share` with the new lowest bid
    (rounded only where the plan rounds each cell's points) for the modelled tools;
    everything else stays. In the other families no candidate's price figure depends
    on another's bid (`pricing.depends_on_other_bids`), so nothing can reorder.
    """
    applies = depends_on_other_bids(model.family) and model.price_criterion is not None
    if not applies or len(model.bids) < 2:
        return LeaveOneOut(model.family, applies)
    c = next(i for i, crit in enumerate(model.criteria) if crit.id == model.price_criterion)
    lowest = lowest_price(model.bids)
    assert lowest is not None
    removals: list[BidRemoval] = []
    before = model.totals()
    weight = model.points[c]
    position = {t: i for i, t in enumerate(model.tools)}
    ratios: dict[tuple[Fraction, Fraction], Fraction] = {}
    for removed in model.bids:
        rest = {t: p for t, p in model.bids.items() if t != removed}
        new_lowest = lowest_price(rest)
        assert new_lowest is not None
        others = tuple(t for t in model.tools if t != removed)
        totals: dict[str, Fraction] = {}
        for t in others:
            key = (new_lowest, model.bids[t])
            if key not in ratios:
                ratios[key] = _price_ratio(model, *key)
            # only the price cell changes: the same exact total as summing the row again
            totals[t] = before[t] + weight * (ratios[key] - model.coefficients[position[t]][c])
        after = tuple(sorted(others, key=lambda t: (-totals[t], position[t])))
        removals.append(BidRemoval(removed, lowest, new_lowest, others, after, totals))
    return LeaveOneOut(model.family, True, tuple(removals))


def _price_ratio(model: AdditiveModel, lowest: Fraction, price: Fraction) -> Fraction:
    """The price cell's ratio with `lowest` as the lowest bid, rounded as the plan rounds each cell's points."""
    exact = price_share(model.family, price, lowest=lowest)
    assert exact is not None
    if model.price_rounding is None or model.price_points == 0:
        return exact
    decimals, mode = model.price_rounding
    return Fraction(round_fraction(model.price_points * exact, decimals, mode)) / model.price_points


# --- one answer of a requirement fit table changed ------------------------------------------

FIT_STEPS: Mapping[str, tuple[FitAnswer, ...]] = MappingProxyType(
    {"yes": ("partial",), "partial": ("yes", "no"), "no": ("partial",)}
)
"""One step from each counted answer: ○ ↔ △ and △ ↔ × (− is not on the scale and is not moved)."""

_OUT_BY_FIT = ("dq.fit_required", "dq.below_minimum")
"""Findings that a changed answer can make or unmake; any other keeps a candidate out whatever it answered."""


@dataclass(frozen=True)
class AnswerChange:
    """One counted answer moved one step, the others as they are, and the ranking that would follow.

    `confirms`: a required △ still awaiting verification (counted ×, not yet disqualifying) is
    tried as confirmed × (`before` = `after` = "no"): the 事務局 downgrading it would disqualify.
    """

    tool: str
    criterion: str
    requirement: str
    before: FitAnswer
    after: FitAnswer
    awaiting: bool
    """The answer is not verified yet (unverified or queried): the 事務局 may still move it."""
    points_before: Fraction | None
    points_after: Fraction | None
    """The criterion's points for this tool (rounded as the plan rounds a cell)."""
    eligible_before: bool
    eligible_after: bool
    winners_before: tuple[str, ...]
    winners_after: tuple[str, ...]
    ranks: Mapping[str, int | None]
    """Every tool's rank after the change (None: not ranked, disqualified included)."""
    figures: Mapping[str, Fraction | None]
    """Every tool's ranking figure after the change (the total; 評価値 under 除算方式; 順位点)."""
    margin: Fraction | None
    """After the change: the new first's figure − the first-before's figure; None when the latter is not ranked."""
    confirms: bool = False
    answered: FitAnswer | None = None
    """What the proposer answered (a △ awaiting verification counts as × until it is accepted)."""

    @property
    def winner_changed(self) -> bool:
        return self.winners_after != self.winners_before

    @property
    def eligibility_changed(self) -> bool:
        return self.eligible_after != self.eligible_before


@dataclass(frozen=True)
class FitChanges:
    """Every one-step change of one counted fit answer: which would change the winner, which any rank."""

    checked: int
    """How many single-answer changes were tried."""
    winners: tuple[str, ...]
    ranks: Mapping[str, int | None]
    """The ranks without any change (as the evaluation gives them when `reproduced`)."""
    changes: tuple[AnswerChange, ...]
    """The changes that move the winner or any rank: those that change the winner first, most decisive first
    (an eligibility change, then the widest lead of the new first), then the others in plan order."""
    per_tool: Mapping[str, tuple[int, int, int]]
    """Per tool: the changes tried on its answers, those that change the winner, those that change any rank."""
    names: Mapping[str, Text]
    texts: Mapping[str, Text] = field(default_factory=dict)
    """Per requirement of a listed change: its text."""
    priorities: Mapping[str, Text] = field(default_factory=dict)
    """Per requirement of a listed change: its priority's name (必須, 重要 …)."""
    family: str = "none"
    eligibility_moves: bool = False
    """Some change tried disqualifies or requalifies a proposer."""
    price_depends: bool = False
    """The price points depend on who is eligible (lowest_ratio): they were worked out again after such a change."""
    reproduced: bool = True
    """Worked out again without any change, the figures and ranks are the evaluation's (else some input, such as a
    withdrawn bid that still counts, is not in the evaluation and eligibility changes may be off)."""
    rank_points: bool = False
    technical_minimum: bool = False
    decimals: int = 2
    rounding: RoundingMode = "half_up"

    @property
    def winner_changes(self) -> tuple[AnswerChange, ...]:
        return tuple(c for c in self.changes if c.winner_changed)

    @property
    def rank_only_changes(self) -> tuple[AnswerChange, ...]:
        return tuple(c for c in self.changes if not c.winner_changed)


@dataclass(frozen=True)
class _Standing:
    """One tool in one scenario: eligible or not, its technical points, and the fit cell changed (if any)."""

    eligible: bool
    technical: Fraction | None
    changed: tuple[str, Fraction | None] | None = None
    """(criterion, its new points) for the tool whose answer changed."""


_Outcome = tuple[Mapping[str, int | None], Mapping[str, Fraction | None], tuple[str, ...], bool, bool]
"""Ranks, figures, winners, the changed tool's eligibility, and whether its eligibility moved."""


class _Recount:
    """An evaluation's last stages (足切り, price points, totals, 順位点, ranks) for one changed fit cell.

    Everything else is read from the evaluation once; a change recomputes only the changed
    cell's points, its tool's technical points and eligibility, the price points when they
    depend on who is eligible, and the totals and ranks, by the same rules and rounding.
    """

    def __init__(self, evaluation: Evaluation) -> None:
        plan = evaluation.plan
        info = plan.evaluation
        self.evaluation = evaluation
        self.round_at = frozenset(info.round_at)
        self.decimals, self.mode = info.decimals, info.rounding
        self.results = {r.tool.id: r for r in evaluation.results}
        self.order = tuple(r.tool.id for r in evaluation.results)
        self.family = plan.price.family
        self.by_value = ranks_by_value(self.family)
        self.scale = Fraction(plan.price.division_scale)
        self.chain = list(plan.scoring.tie_break)
        self.scored = tuple(evaluation.scored_criteria)
        technical = evaluation.technical_criteria
        self.technical_ids = frozenset(c.id for c in technical)
        price_criterion = plan.price_criterion()
        scored_ids = {c.id for c in self.scored}
        self.price_id = price_criterion.id if price_criterion is not None and price_criterion.id in scored_ids else None
        self.formula = (
            self.price_id is not None
            and self.family in FORMULA_FAMILIES
            and not evaluation.sealed
            and price_criterion is not None
        )
        self.price_worth = Fraction(price_criterion.points) if price_criterion is not None else Fraction(0)
        self.ceiling = Fraction(plan.price.ceiling) if plan.price.ceiling is not None else None
        minimum = plan.scoring.technical_minimum
        self.threshold = Fraction(minimum) * evaluation.technical_max if minimum is not None else None
        self.fit_criteria = tuple(c for c in self.scored if c.kind == "fit")
        self.disqualifying = frozenset(
            c.id for c in self.fit_criteria if (c.fit or FitRule()).required_no == "disqualify"
        )
        self.tech_sum: dict[str, Fraction] = {}
        self.tech_any: dict[str, bool] = {}
        self.complete: dict[str, bool] = {}
        self.kept_out: dict[str, bool] = {}
        self.failed: dict[str, dict[str, frozenset[str]]] = {}
        for tid, r in self.results.items():
            values = [p for c in technical if (p := r.cells[c.id].points) is not None]
            self.tech_sum[tid] = sum(values, Fraction(0))
            self.tech_any[tid] = bool(values)
            self.complete[tid] = all(r.cells[c.id].scored for c in technical)
            self.kept_out[tid] = any(f.key not in _OUT_BY_FIT for f in r.disqualified)
            self.failed[tid] = {
                c.id: frozenset(fit.required_failed)
                for c in self.fit_criteria
                if c.id in self.disqualifying and (fit := r.cells[c.id].fit) is not None
            }
        self.base_price = {
            tid: r.cells[self.price_id].points if self.price_id is not None else None for tid, r in self.results.items()
        }
        self.rank_points = plan.scoring.aggregation == "rank_points"
        if self.rank_points:
            self.table = [Fraction(p) for p in plan.scoring.rank_points]
            self.members = [e.id for e in plan.evaluators if e.id not in evaluation.without]
            # each member's own points per tool, price points by formula apart (they are added per scenario)
            judged = [c for c in self.scored if c.id == self.price_id and price_is_judged(self.family)]
            self.member_price = self.price_id is not None and not judged
            self.member_own = {
                (m, tid): member_points(plan, r, m, (*technical, *judged))
                for m in self.members
                for tid, r in self.results.items()
                if (m, tid) not in evaluation.recusals
            }
        self.base = {tid: self._standing(tid, self.tech_sum[tid], self._fails(tid, None)) for tid in self.order}
        self.base_eligible = frozenset(t for t, s in self.base.items() if s.eligible)
        self.base_outcome = self.place(self.base)
        self.reproduced = self._reproduces()

    def round(self, place: str, value: Fraction) -> Fraction:
        """The plan's rounding at `place`, as `evaluation._Rounding` applies it."""
        if place not in self.round_at:
            return value
        return Fraction(round_fraction(value, self.decimals, self.mode))

    def _fails(self, tool: str, change: tuple[str, frozenset[str]] | None) -> bool:
        """Whether a required requirement counted × disqualifies the tool, with one criterion's set replaced."""
        failed = dict(self.failed[tool])
        if change is not None and change[0] in self.disqualifying:
            failed[change[0]] = change[1]
        return any(failed.values())

    def _standing(
        self, tool: str, tech_sum: Fraction, fails: bool, changed: tuple[str, Fraction | None] | None = None
    ) -> _Standing:
        technical = self.round("total", tech_sum) if self.tech_any[tool] else None
        out = self.kept_out[tool] or fails
        if (
            not out
            and self.threshold is not None
            and self.complete[tool]
            and technical is not None
            and technical < self.threshold
        ):
            out = True  # 足切り: checked only for a tool nothing else disqualifies, as `_apply_minimum` does
        return _Standing(not out, technical, changed)

    def change(self, tool: str, criterion: str, points: Fraction | None, failed: frozenset[str]) -> _Outcome:
        """The ranking with `tool`'s cell on `criterion` at `points` and its required × set on it `failed`."""
        before = self.results[tool].cells[criterion].points
        tech_sum = self.tech_sum[tool]
        if criterion in self.technical_ids and before is not None and points is not None:
            tech_sum = tech_sum - before + points
        standing = self._standing(tool, tech_sum, self._fails(tool, (criterion, failed)), (criterion, points))
        ranks, figures, winners = self.place({**self.base, tool: standing})
        moved = standing.eligible != self.base[tool].eligible
        return ranks, figures, winners, standing.eligible, moved

    def _prices(self, eligible: frozenset[str]) -> Mapping[str, Fraction | None]:
        """The price cells' points: as the evaluation gives them, or worked out again for another eligible set."""
        if not self.formula or eligible == self.base_eligible:
            return self.base_price
        return self._price_points(eligible)

    def _price_points(self, eligible: frozenset[str]) -> dict[str, Fraction | None]:
        prices = {t: p for t in self.order if t in eligible and (p := self.results[t].price) is not None}
        got = price_points(self.family, self.price_worth, prices, self.ceiling) if prices else {}
        out: dict[str, Fraction | None] = {}
        for t in self.order:
            found = got.get(t)
            out[t] = self.round("criterion", found.points) if found is not None and found.points is not None else None
        return out

    def place(
        self, standings: Mapping[str, _Standing]
    ) -> tuple[Mapping[str, int | None], Mapping[str, Fraction | None], tuple[str, ...]]:
        """Ranks, ranking figures and winners with every tool standing as given."""
        eligible = frozenset(t for t, s in standings.items() if s.eligible)
        prices = self._prices(eligible)
        totals: dict[str, Fraction | None] = {}
        values: dict[str, Fraction | None] = {}
        for t in self.order:
            technical, price_pts = standings[t].technical, prices[t]
            totals[t] = (
                self.round("total", (technical or Fraction(0)) + (price_pts or Fraction(0)))
                if technical is not None or price_pts is not None
                else None
            )
            price = self.results[t].price
            values[t] = (
                division_value(technical, price, self.scale)
                if self.by_value and technical is not None and price is not None
                else None
            )
        points = self._rank_points(standings, eligible, prices) if self.rank_points else {}
        figures: dict[str, Fraction | None] = {}
        for t in self.order:
            found = points.get(t)
            figures[t] = found if found is not None else (values[t] if self.by_value else totals[t])
        ranked = {t: f for t in self.order if t in eligible and (f := figures[t]) is not None}
        ordered = sorted(ranked, key=lambda t: -ranked[t])
        if len(set(ranked.values())) == len(ranked):
            ranks: dict[str, int | None] = dict.fromkeys(self.order)
            ranks.update({t: i + 1 for i, t in enumerate(ordered)})
        else:  # equal figures: the evaluation's tie-break chain decides
            ranks = self._tie_broken(standings, prices, totals, values, points)
        winners = tuple(t for t in ordered if ranks[t] == 1)
        return MappingProxyType(ranks), MappingProxyType(figures), winners

    def _rank_points(
        self, standings: Mapping[str, _Standing], eligible: frozenset[str], prices: Mapping[str, Fraction | None]
    ) -> dict[str, Fraction | None]:
        """順位点 as `evaluation._apply_rank_points` gives them: each member ranks the eligible tools by own points."""
        by_tool: dict[str, list[Fraction]] = {t: [] for t in self.order if t in eligible}
        for member in self.members:
            totals: dict[str, Fraction] = {}
            for t in by_tool:
                own = self.member_own.get((member, t))
                if own is None:
                    continue
                changed = standings[t].changed
                if changed is not None and changed[0] in self.technical_ids:
                    before, after = self.results[t].cells[changed[0]].points, changed[1]
                    if before is not None and after is not None:
                        own = own - before + after
                if self.member_price:
                    price_pts = prices[t]
                    if price_pts is None:
                        continue
                    own = own + price_pts
                totals[t] = own
            for t, got in rank_point_places(totals, self.table, self.evaluation.plan.scoring.rank_ties).items():
                by_tool[t].append(got)
        count = len(self.members)
        return {t: sum(got, Fraction(0)) * Fraction(count, len(got)) if got else None for t, got in by_tool.items()}

    def _tie_broken(
        self,
        standings: Mapping[str, _Standing],
        prices: Mapping[str, Fraction | None],
        totals: Mapping[str, Fraction | None],
        values: Mapping[str, Fraction | None],
        points: Mapping[str, Fraction | None],
    ) -> dict[str, int | None]:
        """The ranks by `evaluation.rank_results` on the tools as they would stand (the cells its chain reads)."""
        results: list[ToolResult] = []
        for t in self.order:
            r, standing = self.results[t], standings[t]
            cells = dict(r.cells)
            if standing.changed is not None:
                changed_id, cell_points = standing.changed
                cells[changed_id] = replace(cells[changed_id], points=cell_points)
            if self.price_id is not None and cells[self.price_id].points != prices[t]:
                cells[self.price_id] = replace(cells[self.price_id], points=prices[t])
            subtotals: dict[str, Fraction | None] = {}
            for criterion in self.scored:
                got = cells[criterion.id].points
                if got is None:
                    subtotals.setdefault(criterion.group, None)
                else:
                    subtotals[criterion.group] = (subtotals.get(criterion.group) or Fraction(0)) + got
            out = () if standing.eligible else (r.disqualified or (Finding("dq.fit_required", {}),))
            results.append(
                replace(
                    r,
                    cells=cells,
                    subtotals=subtotals,
                    technical=standing.technical,
                    total=totals[t],
                    value=values[t],
                    rank_points=points.get(t),
                    disqualified=out,
                )
            )
        ranked, _ = rank_results(results, self.chain)
        return {r.tool.id: r.rank for r in ranked}

    def _reproduces(self) -> bool:
        """Whether, without any change, the recount gives the evaluation's eligibility, figures and ranks."""
        ranks, figures, _ = self.base_outcome
        for t, r in self.results.items():
            if self.base[t].eligible != r.eligible or ranks[t] != r.rank:
                return False
            if r.eligible and figures[t] != r.figure:
                return False
        if self.formula and self.base_eligible:
            # a bid that counts without being ranked (a withdrawn one) would not be in a recount
            return self._price_points(self.base_eligible) == {
                t: p if t in self.base_eligible else None for t, p in self.base_price.items()
            }
        return True


def fit_changes(evaluation: Evaluation) -> FitChanges | None:
    """Every one-step change of one counted fit answer, tried one at a time, exactly; None without fit criteria.

    Each counted answer ○, △ or × (`methods.fit.counted`) of each tool is moved one step
    (○ ↔ △, △ ↔ ×; − is left as it is). Only the changed cell is worked out again (raw
    points − the answer's points + the new answer's, the same ratio rule and rounding),
    then the tool's technical points and eligibility (a required × disqualifies where the
    criterion says so; the 足切り), the price points when they depend on who is
    eligible, and the totals and ranks (`_Recount`). A required △ awaiting verification
    (counted ×, not yet disqualifying) is also tried as a confirmed ×. Changes that give the
    same cell points and eligibility share one recount.
    """
    if not any(c.kind == "fit" for c in evaluation.scored_criteria):
        return None
    recount = _Recount(evaluation)
    required = frozenset(evaluation.plan.fit.required)
    base_ranks, _, base_winners = recount.base_outcome
    outcomes: dict[tuple[str, str, Fraction | None, frozenset[str]], _Outcome] = {}
    changes: list[tuple[tuple[Any, ...], AnswerChange]] = []
    per_tool: dict[str, list[int]] = {}
    checked = 0
    moves = False
    first = base_winners[0] if base_winners else None
    position = {t: i for i, t in enumerate(recount.order)}
    for criterion in recount.fit_criteria:
        rule = criterion.fit or FitRule()
        worth = Fraction(criterion.points)
        scores = {
            priority: {"yes": Fraction(p.yes), "partial": Fraction(p.partial), "no": Fraction(p.no)}
            for priority, p in rule.points.items()
        }
        nothing = dict.fromkeys(("yes", "partial", "no"), Fraction(0))
        for result in evaluation.results:
            tool = result.tool.id
            counts = per_tool.setdefault(tool, [0, 0, 0])
            cell = result.cells[criterion.id]
            fit = cell.fit
            if fit is None:
                continue
            failed = recount.failed[tool].get(criterion.id, frozenset())
            by_step: dict[tuple[str, str, str], Fraction] = {}  # the cell's points per (priority, from, to)
            for index, row in enumerate(fit.rows):
                if row.value is None or row.value == "na" or row.raw is None:
                    continue
                rid = row.requirement.id
                trials: list[tuple[FitAnswer, bool]] = [(after, False) for after in FIT_STEPS[row.value]]
                if rid in fit.required_pending:
                    trials.append(("no", True))
                for after, confirms in trials:
                    checked += 1
                    counts[0] += 1
                    points: Fraction | None = None
                    if fit.raw is not None:
                        step = (row.requirement.priority, row.value, after)
                        if step not in by_step:
                            raw = fit.raw - row.raw + scores.get(step[0], nothing)[after]
                            ratio = fit_ratio(rule, raw, fit.best, fit.worst)
                            by_step[step] = recount.round("criterion", worth * ratio)
                        points = by_step[step]
                    now_failed = failed
                    if row.requirement.priority in required:
                        now_failed = failed | {rid} if after == "no" else failed - {rid}
                    key = (tool, criterion.id, points, now_failed)
                    if key not in outcomes:
                        outcomes[key] = recount.change(tool, criterion.id, points, now_failed)
                    ranks, figures, winners, eligible, moved = outcomes[key]
                    moves = moves or moved
                    if winners == base_winners and ranks == base_ranks:
                        continue
                    margin = None
                    if winners and first is not None and ranks.get(first) is not None:
                        lead, behind = figures[winners[0]], figures[first]
                        margin = lead - behind if lead is not None and behind is not None else None
                    change = AnswerChange(
                        tool=tool,
                        criterion=criterion.id,
                        requirement=rid,
                        before=row.value,
                        after=after,
                        awaiting=row.status in ("unverified", "queried"),
                        answered=row.answer.answer if row.answer is not None else None,
                        points_before=cell.points,
                        points_after=points,
                        eligible_before=recount.base[tool].eligible,
                        eligible_after=eligible,
                        winners_before=base_winners,
                        winners_after=winners,
                        ranks=ranks,
                        figures=figures,
                        margin=margin,
                        confirms=confirms,
                    )
                    counts[2] += 1
                    order = (position[tool], recount.fit_criteria.index(criterion), index, after, confirms)
                    if change.winner_changed:  # the first before out, then the widest lead of the new first
                        counts[1] += 1
                        sort: tuple[Any, ...] = (0, 0 if moved else 1, margin is not None, -(margin or 0), *order)
                    else:
                        sort = (1, 0 if moved else 1, False, 0, *order)
                    changes.append((sort, change))
    changes.sort(key=lambda item: item[0])
    plan = evaluation.plan
    listed = dict.fromkeys(c.requirement for _, c in changes)
    return FitChanges(
        checked=checked,
        winners=base_winners,
        ranks=base_ranks,
        changes=tuple(c for _, c in changes),
        per_tool=MappingProxyType({t: (a, b, c) for t, (a, b, c) in per_tool.items()}),
        names=MappingProxyType({r.tool.id: r.tool.name for r in evaluation.results}),
        texts=MappingProxyType({rid: r.text for rid in listed if (r := plan.fit_requirement(rid)) is not None}),
        priorities=MappingProxyType(
            {
                rid: plan.fit.priorities.get(r.priority) or Text(en=r.priority, ja=r.priority)
                for rid in listed
                if (r := plan.fit_requirement(rid)) is not None
            }
        ),
        family=recount.family,
        eligibility_moves=moves,
        price_depends=recount.formula and depends_on_other_bids(recount.family),
        reproduced=recount.reproduced,
        rank_points=recount.rank_points,
        technical_minimum=recount.threshold is not None,
        decimals=recount.decimals,
        rounding=recount.mode,
    )


# --- everything at once --------------------------------------------------------------------


@dataclass(frozen=True)
class Robustness:
    """The three analyses of one evaluation, and the model they share."""

    model: AdditiveModel
    sensitivity: Sensitivity
    smaa: SMAAResult
    leave_one_out: LeaveOneOut
    title: Text | None = None
    head_seq: int = 0
    plan_hash: str = ""
    fit: FitChanges | None = None
    """With requirement fit criteria: what changing one answer by one step would do (`fit_changes`)."""


def analyse(
    evaluation: Evaluation,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
    weights: str = "uniform",
    score_uncertainty: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Robustness:
    """Sensitivity, SMAA-2 and leave-one-bidder-out for `evaluation`, from one additive model.

    `progress` follows the SMAA-2 samples (see `smaa`).
    """
    check_options(samples, weights)
    model = additive_model(evaluation)
    return Robustness(
        model=model,
        sensitivity=sensitivity(model),
        smaa=smaa(
            model,
            samples=samples,
            seed=seed,
            weights=weights,
            score_uncertainty=score_uncertainty,
            progress=progress,
        ),
        leave_one_out=leave_one_bidder_out(model),
        title=evaluation.plan.evaluation.title,
        head_seq=evaluation.head_seq,
        plan_hash=evaluation.plan.hash,
        fit=fit_changes(evaluation),
    )


# --- in words ----------------------------------------------------------------------------------


def percent(share: Fraction, mode: RoundingMode = "half_up", lang: Lang = "en") -> str:
    """A share as a percentage with up to 2 decimals: 0.2 → "20 %", 6/11 → "54.55 %" ("54.55%" in Japanese)."""
    return f"{plain(round_fraction(share * 100, 2, mode))}{'%' if lang == 'ja' else ' %'}"


def _toward(threshold: Threshold) -> RoundingMode:
    # A threshold is shown rounded towards the current weight, so "unless it rises to
    # X or more" never claims a weight is safe when it is not.
    return "down" if threshold.direction == "rise" else "up"


def _points_text(value: Fraction, lang: Lang, mode: RoundingMode = "half_up") -> str:
    return translate("rob.unit.points", lang, value=plain(round_fraction(value, 2, mode)))


def _rounded(value: Fraction, current: Fraction, mode: RoundingMode) -> str:
    """`value` to 2 decimals by `mode`, or as many more (up to 8) as it takes to differ from `current`."""
    for decimals in range(2, 9):
        shown = round_fraction(value, decimals, mode)
        if shown != round_fraction(current, decimals, "half_up"):
            break
    return plain(shown)


def shown_value(threshold: Threshold, form: Form, lang: Lang | None = None) -> str:
    """The threshold's value as shown, rounded towards the current value: "31.42 %", or points ("25.5").

    Two decimals, more when two would not tell it from the current value (12.004 % is
    never shown as "12 %" next to a current 12 %).
    """
    mode = _toward(threshold)
    scale = 100 if form == "rescaled" else 1
    number = _rounded(threshold.value * scale, threshold.current * scale, mode)
    if form == "rescaled":
        return f"{number}{'%' if lang == 'ja' else ' %'}"
    return number if lang is None else translate("rob.unit.points", lang, value=number)


def threshold_text(threshold: Threshold, form: Form, lang: Lang) -> str:
    """The threshold as a sentence shows it: "31.42 % or more", "0 %", "100 %", "25 points or less"."""
    shown = shown_value(threshold, form, lang)
    if (form == "rescaled" and threshold.value in (0, 1)) or (form == "alone" and threshold.value == 0):
        return shown
    return translate("rob.or_more" if threshold.direction == "rise" else "rob.or_less", lang, value=shown)


def _names(model: AdditiveModel, ids: Sequence[str], lang: Lang) -> str:
    separator = "、" if lang == "ja" else ", "
    return separator.join(model.names[t].get(lang) for t in ids)


def sentences(result: Robustness, lang: Lang) -> list[str]:
    """The sensitivity in sentences a committee can read, both forms, one per criterion and form."""
    return [text for _, text in sentence_items(result.model, result.sensitivity, lang)]


def sentence_items(model: AdditiveModel, found: Sensitivity, lang: Lang) -> list[tuple[Form, str]]:
    """(form, sentence) for every applicable criterion: the rescaled form first, then points alone."""
    out: list[tuple[Form, str]] = []
    winner = model.names[found.winner].get(lang)
    for form in ("rescaled", "alone"):
        for item in found.criteria:
            if not item.applicable:
                continue
            name = item.criterion.name.get(lang)
            bounds = item.rescaled if form == "rescaled" else item.alone
            current = percent(item.share, lang=lang) if form == "rescaled" else _points_text(item.points, lang)
            what = translate("rob.what.weight" if form == "rescaled" else "rob.what.points", lang, criterion=name)
            out += [(form, s) for s in _criterion_sentences(model, bounds, form, winner, name, what, current, lang)]
    return out


def _criterion_sentences(
    model: AdditiveModel, bounds: Bounds, form: Form, winner: str, name: str, what: str, current: str, lang: Lang
) -> list[str]:
    out: list[str] = []
    rise, fall = bounds.rise, bounds.fall
    for threshold in (rise, fall):
        if threshold is not None and threshold.level_now:
            direction = translate(f"rob.dir.{threshold.direction}", lang)
            rivals = _names(model, threshold.rivals, lang)
            out.append(translate("rob.level_now", lang, winner=winner, rivals=rivals, what=what, direction=direction))
    rise = rise if rise is not None and not rise.level_now else None
    fall = fall if fall is not None and not fall.level_now else None
    common = {"winner": winner, "what": what, "current": current}
    if rise is not None and fall is not None:
        out.append(
            translate(
                "rob.stays.both",
                lang,
                **common,
                rise=threshold_text(rise, form, lang),
                rise_rivals=_names(model, rise.rivals, lang),
                fall=threshold_text(fall, form, lang),
                fall_rivals=_names(model, fall.rivals, lang),
            )
        )
    elif rise is not None:
        out.append(
            translate(
                "rob.stays.rise",
                lang,
                **common,
                rise=threshold_text(rise, form, lang),
                rivals=_names(model, rise.rivals, lang),
            )
        )
    elif fall is not None:
        out.append(
            translate(
                "rob.stays.fall",
                lang,
                **common,
                fall=threshold_text(fall, form, lang),
                rivals=_names(model, fall.rivals, lang),
            )
        )
    elif not out:
        key = "rob.stays.never_weight" if form == "rescaled" else "rob.stays.never_points"
        out.append(translate(key, lang, winner=winner, criterion=name, current=current))
    return out


def notes(result: Robustness, lang: Lang) -> list[str]:
    """What the reader needs to know about the model: who is left out and what is held fixed."""
    model = result.model
    out: list[str] = []
    criteria = {c.id: c.name.get(lang) for c in model.criteria}
    separator = "、" if lang == "ja" else ", "
    for item in model.left_out:
        name = model.names[item.tool].get(lang)
        missing = separator.join(criteria.get(c, c) for c in item.criteria)
        out.append(translate(f"rob.left_out.{item.reason}", lang, tool=name, criteria=missing))
    if model.order_differs:
        out.append(translate("rob.note.order_differs", lang))
    if model.by_value:
        out.append(translate("rob.note.division", lang))
    if model.technical_minimum:
        out.append(translate("rob.note.minimum", lang))
    if model.respondents:
        out.append(translate("rob.note.hearings", lang, count=model.respondents))
    return out


def figure_text(model: AdditiveModel, value: Fraction) -> str:
    """A model total as reports show totals (the plan's decimals and rounding)."""
    return figure(value, model.decimals, model.rounding)


FIT_LISTED = 20
"""How many single-answer changes that move the winner are written out (the data holds every one)."""


def _requirement_text(found: FitChanges, requirement: str, lang: Lang) -> str:
    """A requirement as a sentence names it: its id and the start of its text."""
    text = found.texts[requirement].get(lang) if requirement in found.texts else ""
    shown = text if len(text) <= 30 else text[:29] + "…"
    return f"{requirement} {shown}".strip()


def _fit_first(found: FitChanges, ids: Sequence[str], lang: Lang) -> str:
    return " = ".join(found.names[t].get(lang) for t in ids) if ids else translate("rob.fit.nobody", lang)


def fit_change_text(found: FitChanges, change: AnswerChange, lang: Lang) -> str:
    """One change in words: "T1, R3 LGWAN (Important): ○ → △: T2 would come first (T2 71.00, T1 70.50)."."""
    before, after = translate(f"fit.answer.{change.before}", lang), translate(f"fit.answer.{change.after}", lang)
    if change.awaiting and change.answered == "partial" and change.before == "no":
        before = translate("rob.fit.pending", lang)  # the △ counts as × until the 事務局 accepts it
    if change.confirms:
        after = translate("rob.fit.confirmed", lang)
    tool = found.names[change.tool].get(lang)
    effect = ""
    if change.eligibility_changed:
        effect = translate("rob.fit.effect.out" if change.eligible_before else "rob.fit.effect.in", lang, tool=tool)
    shown = [*change.winners_after, *(t for t in change.winners_before if t not in change.winners_after)]
    parts = []
    for t in shown:
        value = change.figures.get(t)
        name = found.names[t].get(lang)
        if change.ranks.get(t) is None or value is None:
            parts.append(translate("rob.fit.out", lang, tool=name))
        else:
            parts.append(
                translate("rob.fit.figure", lang, tool=name, figure=figure(value, found.decimals, found.rounding))
            )
    common = {
        "tool": tool,
        "requirement": _requirement_text(found, change.requirement, lang),
        "priority": found.priorities[change.requirement].get(lang) if change.requirement in found.priorities else "",
        "before": before,
        "after": after,
        "awaiting": translate("rob.fit.awaiting", lang) if change.awaiting and change.answered != "partial" else "",
        "effect": effect,
    }
    if not change.winners_after:
        return translate("rob.fit.item_nobody", lang, **common)
    separator = "、" if lang == "ja" else ", "
    first = _fit_first(found, change.winners_after, lang)
    return translate("rob.fit.item", lang, **common, first=first, figures=separator.join(parts))


def fit_sentences(found: FitChanges, lang: Lang) -> list[str]:
    """What changing one answer would do, in sentences: the rule, the winner changes (most decisive first), ranks."""
    out = [translate("rob.fit.rule", lang, checked=f"{found.checked:,}")]
    winner = _fit_first(found, found.winners, lang)
    movers = found.winner_changes
    if not movers:
        out.append(translate("rob.fit.none", lang, winner=winner))
    else:
        out.append(translate("rob.fit.count", lang, count=len(movers), winner=winner))
        out += [fit_change_text(found, change, lang) for change in movers[:FIT_LISTED]]
        if len(movers) > FIT_LISTED:
            out.append(translate("rob.fit.more", lang, more=len(movers) - FIT_LISTED))
    others = len(found.rank_only_changes)
    out.append(translate("rob.fit.ranks", lang, count=others) if others else translate("rob.fit.ranks_none", lang))
    return out


def fit_notes(found: FitChanges, lang: Lang) -> list[str]:
    """What the reader needs to know about how the changes were worked out."""
    out = []
    if found.price_depends and found.eligibility_moves:
        out.append(translate("rob.fit.note.price", lang, family=Message(f"price.{found.family}")))
    if not found.reproduced:
        out.append(translate("rob.fit.note.not_reproduced", lang))
    if found.technical_minimum:
        out.append(translate("rob.fit.note.minimum", lang))
    if found.rank_points:
        out.append(translate("rob.fit.note.rank_points", lang))
    return out


# --- as data ------------------------------------------------------------------------------------


def _exact(value: Fraction) -> str:
    return exact_text(value)


def _threshold_data(threshold: Threshold | None, form: Form, lang: Lang) -> dict[str, object] | None:
    if threshold is None:
        return None
    return {
        "value": _exact(threshold.value),
        "float": float(threshold.value),
        "shown": threshold_text(threshold, form, lang),
        "direction": threshold.direction,
        "leader": threshold.leader,
        "rivals": list(threshold.rivals),
        "level_now": threshold.level_now,
    }


def _bounds_data(bounds: Bounds, form: Form, lang: Lang) -> dict[str, object]:
    return {"fall": _threshold_data(bounds.fall, form, lang), "rise": _threshold_data(bounds.rise, form, lang)}


def robustness_data(result: Robustness, lang: Lang) -> dict[str, object]:
    """The whole analysis as JSON-ready data (documented in docs/robustness.md); exact values as text.

    Exact figures are strings ("6/11", "31.25"): a decimal when it terminates, else a
    fraction. Shares are 0–1; `float` fields are for plotting only.
    """
    model, found, sampled, loo = result.model, result.sensitivity, result.smaa, result.leave_one_out
    totals = model.totals()
    ids = [c.id for c in model.criteria]
    items = sentence_items(model, found, lang)
    return {
        "schema": "toolbench.robustness/1",
        "title": result.title.get(lang) if result.title is not None else "",
        "lang": lang,
        "plan_hash": result.plan_hash,
        "ledger_head": result.head_seq,
        "model": {
            "figure": "value" if model.by_value else "total",
            "criteria": [
                {"id": c.id, "name": c.name.get(lang), "points": _exact(p), "share": _exact(s)}
                for c, p, s in zip(model.criteria, model.points, model.shares, strict=True)
            ],
            "tools": [
                {
                    "id": t,
                    "name": model.names[t].get(lang),
                    "figure": _exact(totals[t]),
                    "rank": model.ranks.get(t),
                    "coefficients": dict(zip(ids, (_exact(a) for a in row), strict=True)),
                }
                for t, row in zip(model.tools, model.coefficients, strict=True)
            ],
            "winner": model.winner,
            "left_out": [{"tool": x.tool, "reason": x.reason, "criteria": list(x.criteria)} for x in model.left_out],
        },
        "sensitivity": {
            "winner": found.winner,
            "criteria": [
                {
                    "criterion": item.criterion.id,
                    "points": _exact(item.points),
                    "share": _exact(item.share),
                    "applicable": item.applicable,
                    "rescaled": _bounds_data(item.rescaled, "rescaled", lang),
                    "alone": _bounds_data(item.alone, "alone", lang),
                    "any_rank_rescaled": _bounds_data(item.any_rank_rescaled, "rescaled", lang),
                    "any_rank_alone": _bounds_data(item.any_rank_alone, "alone", lang),
                }
                for item in found.criteria
            ],
            "sentences": {
                "rescaled": [text for form, text in items if form == "rescaled"],
                "alone": [text for form, text in items if form == "alone"],
            },
        },
        "smaa": {
            "samples": sampled.samples,
            "seed": sampled.seed,
            "weights": sampled.weights,
            "score_uncertainty": sampled.score_uncertainty,
            "uncertain_cells": sampled.uncertain_cells,
            "concentration": sampled.concentration,
            "centre": dict(zip(ids, sampled.centre, strict=True)) if sampled.centre is not None else None,
            "tools": [
                {
                    "id": t,
                    "acceptability": list(sampled.acceptability[i]),
                    "standard_error": [sampled.standard_error(i, r) for r in range(len(sampled.tools))],
                    "confidence": sampled.confidence[i],
                    "central_weights": (
                        dict(zip(ids, w, strict=True)) if (w := sampled.central_weights[i]) is not None else None
                    ),
                }
                for i, t in enumerate(sampled.tools)
            ],
        },
        "leave_one_bidder_out": {
            "family": loo.family,
            "applies": loo.applies,
            "removals": [
                {
                    "removed": r.removed,
                    "lowest_before": _exact(r.lowest_before),
                    "lowest_after": _exact(r.lowest_after) if r.lowest_after is not None else None,
                    "before": list(r.before),
                    "after": list(r.after),
                    "changed": r.changed,
                }
                for r in loo.removals
            ],
        },
        "notes": notes(result, lang),
    } | ({"fit_changes": fit_data(result.fit, lang)} if result.fit is not None else {})


def _figure_or_none(value: Fraction | None) -> str | None:
    return None if value is None else _exact(value)


def fit_data(found: FitChanges, lang: Lang) -> dict[str, object]:
    """`fit_changes` as JSON-ready data: every change that moves the winner or any rank, exact figures as text."""
    return {
        "tried": found.checked,
        "winner": list(found.winners),
        "ranks": dict(found.ranks),
        "winner_changes": len(found.winner_changes),
        "rank_only_changes": len(found.rank_only_changes),
        "eligibility_moves": found.eligibility_moves,
        "price_recomputed": found.price_depends and found.eligibility_moves,
        "reproduced": found.reproduced,
        "per_tool": [
            {"tool": t, "tried": tried, "winner_changes": winner, "rank_changes": ranks}  # any rank, winner too
            for t, (tried, winner, ranks) in found.per_tool.items()
        ],
        "changes": [
            {
                "tool": c.tool,
                "criterion": c.criterion,
                "requirement": c.requirement,
                "before": c.before,
                "after": c.after,
                "confirms": c.confirms,
                "answered": c.answered,
                "awaiting": c.awaiting,
                "points_before": _figure_or_none(c.points_before),
                "points_after": _figure_or_none(c.points_after),
                "eligible_before": c.eligible_before,
                "eligible_after": c.eligible_after,
                "winner_changed": c.winner_changed,
                "winner_after": list(c.winners_after),
                "ranks": dict(c.ranks),
                "figures": {t: _figure_or_none(v) for t, v in c.figures.items()},
                "margin": _figure_or_none(c.margin),
            }
            for c in found.changes
        ],
        "sentences": fit_sentences(found, lang),
        "notes": fit_notes(found, lang),
    }
