"""From plan and ledger events to results: a pure computation, same inputs, same numbers.

The rules are those committees apply, in this order:

1. Cells. A rating (or ordinal price) cell takes each evaluator's level from the
   criterion's scale table and combines the ratios by the committee rule (mean,
   median, sum, trimmed mean); a moderated consensus level overrides them. A metric
   cell maps the measured value to a ratio by the plan's rule. Points = 配点 × ratio.
   A missing score is left out and reported, never counted as zero.
2. Eligibility, before price points: a price above the ceiling, a must-have failed by
   a majority of the evaluators (the chair breaks a tie), or technical points below
   the minimum (足切り) disqualify the candidate, with the figures that did it.
3. Price points among the eligible candidates (lowest-price ratio, 加算方式), or the
   除算方式 value 技術点 ÷ 価格; none and ordinal add nothing here. Every price
   formula, the ceiling check and the tax basis are `pricing`'s; this module calls them.
4. Totals and ranks. Equal figures share a rank (1, 2, 2, 4) unless the plan's
   tie-break chain separates them; the link that decided is kept.

`evaluate` runs these as named stages: `_setup` (the ledger's current state),
`_tool_result` per tool (cells, must-haves, ceiling), `_apply_minimum` (足切り),
`_apply_price_points`, `_check_complete` (the block rule), `_finish` (subtotals,
totals, 評価値) and `_rank`.

Everything is exact (fractions). Figures are rounded only where the plan says
(`round_at`: each evaluator's points, each cell, the totals), by its rule.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from functools import lru_cache, partial
from math import lcm
from sys import intern
from types import MappingProxyType
from typing import Any, Literal

from toolbench.base.errors import EvaluationBlocked
from toolbench.base.i18n import Message
from toolbench.base.numbers import figure, money, plain, round_fraction
from toolbench.methods.coi import Recusal, recusals
from toolbench.methods.facts import (
    DATING_KINDS,
    FACT_KINDS,
    FactCell,
    FactState,
    fact_cell,
    fact_checks,
    fact_state,
    fact_verdict,
    facts_date,
    masked_fact_cell,
    masked_fact_state,
)
from toolbench.methods.finalization import FinalizationStatus, finalization_of
from toolbench.methods.fit import FitCell, FitState, fit_cell, fit_state
from toolbench.methods.hearings import WeightsResult, compute_weights, plan_with_points
from toolbench.methods.locking import (
    SCORED_KINDS,
    LockState,
    Reopening,
    lock_state,
    masked_plan,
    masked_tool,
    reopenings,
)
from toolbench.methods.pricing import (
    FORMULA_FAMILIES,
    division_value,
    gives_price_points,
    needs_price,
    over_ceiling,
    price_is_judged,
    price_points,
    ranks_by_value,
    tax_basis_price,
    weighs_price,
)
from toolbench.methods.trials import Evidence, evidence_for, trial_states
from toolbench.model.plan import Criterion, MetricRule, Plan, Tool
from toolbench.store.ledger import Event

SCORE_RECORDED = "score.recorded"
"""Event kind of one evaluator's score on one criterion of one tool."""
SCORE_FIELDS = ("tool", "evaluator", "criterion", "level", "reason", "supersedes")
"""The payload fields of a score event the evaluation reads, in the order `_ScoreFold.add_fields` takes them."""
SCORE_MODERATED = "score.moderated"
"""Event kind of the committee's consensus level on one cell, overriding the aggregate."""
METRIC_RECORDED = "metric.recorded"
"""Event kind of one measured value of a metric criterion for one tool."""


@dataclass(frozen=True)
class Moderation:
    """The committee's consensus level on one cell, with its mandatory comment."""

    level: str
    ratio: Fraction
    comment: str
    seq: int
    ts: str
    actor: str


def current_moderations(plan: Plan, events: Iterable[Event]) -> dict[tuple[str, str], Moderation]:
    """The latest moderated level per (tool, criterion) still valid under the plan."""
    latest: dict[tuple[str, str], Moderation] = {}
    for event in events:
        if event.kind != SCORE_MODERATED:
            continue
        p = event.payload
        key = (str(p.get("tool")), str(p.get("criterion")))
        criterion = plan.criterion(key[1])
        scale = plan.scale_of(criterion) if criterion else None
        level = str(p.get("level"))
        if plan.tool(key[0]) is None or scale is None or level not in scale.ratios:
            latest.pop(key, None)
            continue
        latest[key] = Moderation(
            level, Fraction(scale.ratios[level]), str(p.get("comment", "")), event.seq, event.ts, event.actor
        )
    return latest


@dataclass(frozen=True, slots=True)
class Score:
    """One evaluator's current level on one criterion, and the event that says so."""

    evaluator: str
    level: str
    ratio: Fraction
    seq: int
    ts: str
    actor: str
    reason: str | None = None
    supersedes: int | None = None


@dataclass(frozen=True)
class Measurement:
    """A metric criterion's measured value for one tool, with where it came from."""

    value: Decimal
    source: str
    seq: int
    ts: str
    actor: str
    reason: str | None = None


CellSource = Literal["evaluators", "moderated", "metric", "price", "trials", "fit", "fact"]


@dataclass(frozen=True)
class Cell:
    """One tool on one criterion: what stands behind it and the points it gives."""

    tool: str
    criterion: str
    scores: tuple[Score, ...]
    missing: tuple[str, ...]
    """Evaluators who have not scored this cell (judged criteria only)."""
    ratio: Fraction | None
    points: Fraction | None
    source: CellSource = "evaluators"
    moderation: Moderation | None = None
    measurement: Measurement | None = None
    price: Fraction | None = None
    """For the price cell: the price compared, on the plan's tax basis."""
    evidence: Evidence | None = None
    """For a cell taken from trials: the mean value and how many respondents stand behind it."""
    recused: tuple[str, ...] = ()
    """Evaluators recused from this tool (conflict of interest): neither counted nor missing."""
    recused_scores: tuple[Score, ...] = ()
    """Scores a recused evaluator recorded anyway: kept and disclosed, never in the aggregate."""
    fit: FitCell | None = None
    """For a requirement fit criterion: the answers, their verification and the raw points behind the cell."""
    fact: FactCell | None = None
    """For a `fact` criterion: the facts behind the cell, their sources, dates and status."""

    @property
    def scored(self) -> bool:
        return self.points is not None

    @property
    def partial(self) -> bool:
        return self.source == "evaluators" and bool(self.scores) and bool(self.missing)


MustVerdict = Literal["pass", "fail", "tie", "unjudged", "stale"]
"""`stale`: decided by facts, one of which is expired or too old on the facts' date (neither passes nor fails)."""


@dataclass(frozen=True)
class MustOutcome:
    """A must-have for one tool: the votes, and what they decide."""

    criterion: str
    verdict: MustVerdict
    passes: int
    fails: int
    decided_by: Literal["majority", "chair", "moderated", "facts"] | None
    votes: tuple[Score, ...]
    moderation: Moderation | None = None
    recused_votes: tuple[Score, ...] = ()
    """Votes a recused evaluator recorded anyway: kept and disclosed, never counted."""
    facts: FactCell | None = None
    """For a must-have decided by facts: the facts it rests on."""


@dataclass(frozen=True)
class Finding:
    """A reason with its figures (a disqualification, a tie decision), to be put into words."""

    key: str
    params: Mapping[str, object]

    def message(self) -> Message:
        return Message(self.key, **self.params)


@dataclass(frozen=True)
class ToolResult:
    """A tool's cells, must-haves, subtotals, technical and price points, total and rank."""

    tool: Tool
    cells: Mapping[str, Cell]
    subtotals: Mapping[str, Fraction | None]
    """Per group; None while no criterion of the group has a score (never a silent 0)."""
    total: Fraction | None
    """Technical points + price points; None while the tool has no score at all."""
    rank: int | None
    """None while the tool has no score at all, and for a disqualified tool."""
    musts: Mapping[str, MustOutcome] = field(default_factory=dict)
    technical: Fraction | None = None
    price: Fraction | None = None
    """The price compared, on the plan's tax basis; None when the tool gives none."""
    price_points: Fraction | None = None
    value: Fraction | None = None
    """除算方式 only: 技術点 ÷ 価格 × the plan's display scale; what the rank follows."""
    disqualified: tuple[Finding, ...] = ()
    tie_break: str | None = None
    """The tie-break link that placed this tool among others with an equal figure."""
    tied: bool = False
    """Still level with another tool after the whole tie-break chain."""
    by_value: bool = False
    """除算方式: the rank follows `value`, and a tool without a price has none yet."""
    awaiting_price: bool = False
    """The price family needs this tool's price and the plan gives none yet."""
    rank_points: Fraction | None = None
    """順位点 (`aggregation = "rank_points"`): the points the members' own rankings give; what the rank follows."""
    rankings: Mapping[str, int] = field(default_factory=dict)
    """順位点: each member's place for this tool (1 = first), among the tools the member scored in full."""

    @property
    def unscored(self) -> tuple[str, ...]:
        return tuple(cid for cid, cell in self.cells.items() if not cell.scored)

    @property
    def undecided_musts(self) -> tuple[str, ...]:
        return tuple(cid for cid, must in self.musts.items() if must.verdict in ("tie", "unjudged", "stale"))

    @property
    def provisional(self) -> bool:
        """Figures may still change: a cell or must-have undecided, or the price missing (never once disqualified)."""
        if self.disqualified:
            return False
        awaiting_fit = any(c.fit is not None and c.fit.provisional for c in self.cells.values())
        return bool(self.unscored) or bool(self.undecided_musts) or self.awaiting_price or awaiting_fit

    @property
    def eligible(self) -> bool:
        return not self.disqualified

    @property
    def figure(self) -> Fraction | None:
        """What the rank follows: the 評価値 under 除算方式, else the total."""
        if self.rank_points is not None:
            return self.rank_points
        return self.value if self.by_value else self.total


@dataclass(frozen=True)
class Tie:
    """Tools level on the ranking figure, and how the tie-break chain ordered them."""

    tools: tuple[str, ...]
    figure: Fraction
    decided_by: tuple[str, ...]
    """Links that separated some of them, in chain order."""
    unresolved: tuple[tuple[str, ...], ...]
    """Groups still level after the chain (to be drawn by lot when the chain ends in lot)."""


@dataclass(frozen=True)
class Notice:
    """Something in the ledger that the evaluation left out, and why."""

    seq: int
    key: str
    params: Mapping[str, object]


@dataclass(frozen=True)
class Evaluation:
    """The immutable result of evaluating a plan against the ledger."""

    plan: Plan
    results: tuple[ToolResult, ...]
    """In the plan's tool order; `ranking()` gives them by rank."""
    scored_criteria: tuple[Criterion, ...]
    """Criteria whose cells carry points: ratings, metrics, and price when it gives points."""
    pending_criteria: tuple[Criterion, ...]
    """Criteria shown without points: price under division or none."""
    head_seq: int
    head_hash: str | None
    notices: tuple[Notice, ...] = ()
    weights: WeightsResult | None = None
    """The hearing-derived weights, when the plan takes its points from hearings."""
    must_criteria: tuple[Criterion, ...] = ()
    ties: tuple[Tie, ...] = ()
    recusals: Mapping[tuple[str, str], Recusal] = field(default_factory=dict)
    """(evaluator, tool) → why the evaluator does not score the tool."""
    without: tuple[str, ...] = ()
    """Evaluators left out of this evaluation on request (`matrix --without`)."""
    lock: LockState | None = None
    """What `toolbench lock` recorded, and which parts changed since."""
    sealed: bool = False
    """Two envelopes: prices are sealed until the technical scores are locked."""
    blind: str | None = None
    """While blind: the commitment to the label mapping (tools are shown as labels)."""
    finalization: FinalizationStatus | None = None
    """The last `toolbench finalize` and whether anything changed since."""
    reopenings: tuple[Reopening, ...] = ()
    """Each time a finalized evaluation was reopened (`toolbench reopen`), with its reason."""
    facts: FactState | None = None
    """The facts recorded for the tools, when a criterion is decided by facts."""
    facts_on: date | None = None
    """The day facts were judged on (expiry and age): `[facts] date`, else the ledger's last event's date."""

    @property
    def technical_criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.scored_criteria if c.kind != "price")

    @property
    def max_points(self) -> Fraction:
        return sum((self.cell_points(c) for c in self.scored_criteria), Fraction(0))

    @property
    def technical_max(self) -> Fraction:
        return sum((self.cell_points(c) for c in self.technical_criteria), Fraction(0))

    @property
    def price_separate(self) -> bool:
        """Whether reports show technical points apart from price (a price family is in use)."""
        return weighs_price(self.plan.price.family) and self.plan.price_criterion() is not None

    def cell_points(self, criterion: Criterion) -> Fraction:
        """What one cell of this criterion is worth: 配点, or 配点 × evaluators when scores are summed."""
        return Fraction(criterion.points) * _factor(self.plan, criterion, len(self.without))

    def groups(self) -> list[tuple[str, list[Criterion]]]:
        """Criteria shown in the matrix by group, in the order groups are declared in the plan."""
        order = list(self.plan.groups)
        shown = {c.id for c in (*self.scored_criteria, *self.pending_criteria, *self.must_criteria)}
        grouped: dict[str, list[Criterion]] = {}
        for criterion in self.plan.criteria:
            if criterion.id in shown:
                grouped.setdefault(criterion.group, []).append(criterion)
        return sorted(grouped.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order))

    def result(self, tool_id: str) -> ToolResult:
        return next(r for r in self.results if r.tool.id == tool_id)

    def ranking(self) -> list[ToolResult]:
        return sorted(self.results, key=lambda r: (r.rank is None, r.rank or 0, self.results.index(r)))


def current_scores(plan: Plan, events: Iterable[Event]) -> tuple[dict[tuple[str, str, str], Score], list[Notice]]:
    """The latest score per (tool, evaluator, criterion), and scores that no longer apply.

    A later event for the same cell supersedes an earlier one. Scores whose tool,
    evaluator or criterion left the plan, or whose level left the scale, are set
    aside as notices rather than silently used or dropped.
    """
    fold = _ScoreFold(plan)
    for event in events:
        if event.kind == SCORE_RECORDED:
            fold.add(event)
    return fold.latest, fold.notices


CellKey = tuple[str, str, str]
"""(tool, evaluator, criterion): the cell a score is for."""


class ScoreRules:
    """Which score events apply under a plan: its tools, evaluators, and each criterion's levels as fractions.

    Read from the plan once, so that judging 600,000 scores is set lookups, not plan lookups.
    """

    def __init__(self, plan: Plan) -> None:
        self.tools = frozenset(t.id for t in plan.tools)
        self.evaluators = frozenset(e.id for e in plan.evaluators)
        self.levels: dict[str, dict[str, Fraction] | None] = {}
        for criterion in plan.criteria:
            scale = plan.scale_of(criterion)
            self.levels[criterion.id] = (
                None if scale is None else {level: _fraction(ratio) for level, ratio in scale.ratios.items()}
            )

    def judge(
        self, seq: int, ts: str, actor: str, values: Sequence[Any]
    ) -> tuple[tuple[str, str, str], Score | Notice]:
        """The cell a score event is for, and the score it stands for or the notice that sets it aside.

        `values` are its payload's `SCORE_FIELDS`, in order. A score whose tool,
        evaluator or criterion is not in the plan, or whose level is not on the
        criterion's scale, is a notice.
        """
        tool, evaluator, criterion, level, reason, supersedes = values
        key = (intern(str(tool)), intern(str(evaluator)), intern(str(criterion)))
        if key[0] not in self.tools or key[1] not in self.evaluators or key[2] not in self.levels:
            return key, Notice(
                seq, "notice.not_in_plan", {"tool": tool, "evaluator": evaluator, "criterion": criterion}
            )
        ratios, shown = self.levels[key[2]], str(level)
        if ratios is None or shown not in ratios:
            return key, Notice(seq, "notice.off_scale", {"criterion": criterion, "level": level})
        return key, Score(key[1], shown, ratios[shown], seq, intern(ts), intern(actor), reason, supersedes)


class _ScoreFold:
    """`current_scores` one event at a time, so an evaluation never holds the score events themselves.

    Ids, times and actors are interned: 600,000 scores name a few hundred tools,
    criteria and evaluators, and share the times of the appends that recorded them.
    """

    def __init__(self, plan: Plan) -> None:
        self.rules = ScoreRules(plan)
        self.latest: dict[tuple[str, str, str], Score] = {}
        self.notices: list[Notice] = []

    def add(self, event: Event) -> None:
        self.add_fields(event.seq, event.ts, event.actor, tuple(event.payload.get(name) for name in SCORE_FIELDS))

    def add_fields(self, seq: int, ts: str, actor: str, values: Sequence[Any]) -> None:
        """One score event from its sequence number, time, actor and payload fields (`SCORE_FIELDS`, in order)."""
        key, found = self.rules.judge(seq, ts, actor, values)
        if isinstance(found, Notice):
            self.latest.pop(key, None)
            self.notices.append(found)
        else:
            self.latest[key] = found


@lru_cache(maxsize=256)
def _fraction(value: Decimal) -> Fraction:
    """A scale's ratio as an exact fraction (a scale has a handful of levels: made once each)."""
    return Fraction(value)


def current_score(plan: Plan | ScoreRules, event: Event | None) -> Score | None:
    """The score a cell's latest event (`LedgerView.latest`) stands for, or None if it no longer applies.

    For many cells, pass the plan's `ScoreRules` (read once) instead of the plan.
    """
    if event is None or event.kind != SCORE_RECORDED:
        return None
    rules = plan if isinstance(plan, ScoreRules) else ScoreRules(plan)
    _, found = rules.judge(event.seq, event.ts, event.actor, tuple(event.payload.get(n) for n in SCORE_FIELDS))
    return found if isinstance(found, Score) else None


def aggregate(ratios: Iterable[Fraction], rule: str) -> Fraction:
    """One cell's figure from its evaluators' ratios, exactly, by the committee rule.

    For `sum` the result is the sum of ratios, so that 配点 × it is the sum of the
    evaluators' points. Computed from how many evaluators gave each value
    (`aggregate_counts`): a cell's figure never needs its scores sorted.
    """
    return aggregate_counts(Counter(ratios), rule)


def aggregate_counts(counts: Mapping[Fraction, int], rule: str) -> Fraction:
    """`aggregate` from the number of evaluators per value: at most a scale's levels, whatever the panel.

    mean = Σ value × n / N; sum = Σ value × n; median = the middle value (the mean of
    the two middle ones for an even N), found by walking the distinct values in order;
    trimmed_mean (N ≥ 3) = (Σ − lowest − highest) / (N − 2), one of each dropped.
    """
    values = sorted(v for v, n in counts.items() if n > 0)  # the distinct values: a scale's levels at most
    total_n = sum(counts[v] for v in values)
    if total_n == 0:
        if rule == "sum":
            return Fraction(0)
        raise ValueError("a cell needs at least one score to aggregate")
    if rule == "median":
        return (_nth(values, counts, (total_n - 1) // 2) + _nth(values, counts, total_n // 2)) / 2
    # in whole numbers over one common denominator: exact, and one reduction at the end
    common = lcm(*(v.denominator for v in values))
    numerators = [v.numerator * (common // v.denominator) for v in values]
    total = sum(m * counts[v] for m, v in zip(numerators, values, strict=True))
    if rule == "sum":
        return Fraction(total, common)
    if rule == "trimmed_mean" and total_n >= 3:
        return Fraction(total - numerators[0] - numerators[-1], common * (total_n - 2))
    return Fraction(total, common * total_n)


def _counts(pairs: Iterable[tuple[Fraction, int]]) -> dict[Fraction, int]:
    """Counts per value, merged where two levels give the same value."""
    merged: dict[Fraction, int] = {}
    for value, n in pairs:
        merged[value] = merged.get(value, 0) + n
    return merged


def _nth(values: Sequence[Fraction], counts: Mapping[Fraction, int], index: int) -> Fraction:
    """The value at `index` (from 0) of the scores in ascending order, from the counts."""
    for value in values:
        index -= counts[value]
        if index < 0:
            return value
    raise IndexError(index)


def current_metrics(plan: Plan, events: Iterable[Event]) -> tuple[dict[tuple[str, str], Measurement], list[Notice]]:
    """The latest measured value per (tool, metric criterion); values that no longer apply as notices."""
    latest: dict[tuple[str, str], Measurement] = {}
    notices: list[Notice] = []
    for event in events:
        if event.kind != METRIC_RECORDED:
            continue
        p = event.payload
        tool, criterion_id = str(p.get("tool")), str(p.get("criterion"))
        criterion = plan.criterion(criterion_id)
        if plan.tool(tool) is None or criterion is None or criterion.kind != "metric":
            latest.pop((tool, criterion_id), None)
            notices.append(Notice(event.seq, "notice.metric_not_in_plan", {"tool": tool, "criterion": criterion_id}))
            continue
        try:
            value = Decimal(str(p.get("value")))
        except InvalidOperation:
            value = Decimal("NaN")
        if not value.is_finite():
            latest.pop((tool, criterion_id), None)
            continue
        latest[(tool, criterion_id)] = Measurement(
            value, str(p.get("source", "")), event.seq, event.ts, event.actor, p.get("reason")
        )
    return latest, notices


def metric_ratios(rule: MetricRule, values: Mapping[str, Fraction]) -> dict[str, Fraction]:
    """Each tool's ratio of the points from its measured value, by the plan's rule, exactly.

    A column where every tool measured the same gives every tool the full ratio under
    min_max (and under ratio_to_best when the best is 0): nobody is behind anyone.
    """
    if not values:
        return {}
    higher = rule.better == "higher"
    low, high = min(values.values()), max(values.values())
    out: dict[str, Fraction] = {}
    for tool, x in values.items():
        if rule.rule == "ratio_to_best":
            if higher:
                out[tool] = Fraction(1) if high == 0 else x / high
            else:
                out[tool] = Fraction(1) if x == low else (Fraction(0) if x == 0 else low / x)
        elif rule.rule == "min_max":
            if high == low:
                out[tool] = Fraction(1)
            else:
                out[tool] = (x - low) / (high - low) if higher else (high - x) / (high - low)
        else:
            out[tool] = _piecewise(rule, x)
    return out


def _piecewise(rule: MetricRule, x: Fraction) -> Fraction:
    assert rule.worst is not None and rule.best is not None
    points = [(Fraction(rule.worst), Fraction(0))]
    points += [(Fraction(v), Fraction(r)) for v, r in rule.steps]
    points.append((Fraction(rule.best), Fraction(1)))
    direction = 1 if points[-1][0] > points[0][0] else -1
    if (x - points[0][0]) * direction <= 0:
        return Fraction(0)
    if (x - points[-1][0]) * direction >= 0:
        return Fraction(1)
    for (v0, r0), (v1, r1) in zip(points, points[1:], strict=False):
        if (x - v1) * direction <= 0:
            return r0 + (r1 - r0) * (x - v0) / (v1 - v0)
    return Fraction(1)  # pragma: no cover - the loop always returns inside the range


class _Rounding:
    """The plan's rounding rule, applied only at the places it names."""

    def __init__(self, plan: Plan) -> None:
        info = plan.evaluation
        self.at = set(info.round_at)
        self.decimals = info.decimals
        self.mode = info.rounding

    def __call__(self, place: str, value: Fraction) -> Fraction:
        if place not in self.at:
            return value
        return Fraction(round_fraction(value, self.decimals, self.mode))


def _judged_cell(
    plan: Plan,
    tool: Tool,
    criterion: Criterion,
    scores: Mapping[tuple[str, str, str], Score],
    moderation: Moderation | None,
    rounding: _Rounding,
    panel: Sequence[str],
    recused: Sequence[str],
) -> Cell:
    found = [(e, scores.get((tool.id, e, criterion.id))) for e in panel]
    present = tuple(score for _, score in found if score is not None)
    missing = tuple(e for e, score in found if score is None)
    aside = tuple(scores[k] for e in recused if (k := (tool.id, e, criterion.id)) in scores)
    extra: dict[str, Any] = {"recused": tuple(recused), "recused_scores": aside}
    worth = Fraction(criterion.points)
    if moderation is not None:
        # under the sum rule a consensus stands for the whole panel, as the evaluators' scores would
        panel_size = len(panel) + len(recused) if plan.scoring.aggregation == "sum" else 1
        points = rounding("criterion", worth * moderation.ratio * panel_size)
        return Cell(tool.id, criterion.id, present, missing, moderation.ratio, points, "moderated", moderation, **extra)
    if not present:
        return Cell(tool.id, criterion.id, present, missing, None, None, **extra)
    rule = plan.scoring.aggregation
    if rule == "rank_points":  # the cell shows the members' mean; the rank follows their own rankings
        rule = "mean"
    # how many evaluators gave each level: a cell's figure from at most a scale's levels, whatever the panel
    per_level = Counter(s.level for s in present)
    level_ratio = {s.level: s.ratio for s in present}
    ratios = _counts((level_ratio[level], n) for level, n in per_level.items())
    if "evaluator" in rounding.at:
        points = aggregate_counts(_counts((rounding("evaluator", worth * r), n) for r, n in ratios.items()), rule)
        ratio = points / worth if worth else aggregate_counts(ratios, rule)
    else:
        ratio = aggregate_counts(ratios, rule)
        points = worth * ratio
    if rule == "sum" and recused:
        # a sum over fewer evaluators would count the recused one as zero: scale to the whole panel
        scale = Fraction(len(panel) + len(recused), len(panel))
        points, ratio = points * scale, ratio * scale
    return Cell(tool.id, criterion.id, present, missing, ratio, rounding("criterion", points), **extra)


def _must_outcome(
    plan: Plan,
    tool: Tool,
    criterion: Criterion,
    scores: Mapping[tuple[str, str, str], Score],
    moderation: Moderation | None,
    panel: Sequence[str],
    recused: Sequence[str] = (),
) -> MustOutcome:
    votes = tuple(scores[(tool.id, e, criterion.id)] for e in panel if (tool.id, e, criterion.id) in scores)
    aside = tuple(scores[k] for e in recused if (k := (tool.id, e, criterion.id)) in scores)
    passes = sum(1 for v in votes if v.level == "pass")
    fails = len(votes) - passes
    if moderation is not None:
        verdict: MustVerdict = "pass" if moderation.level == "pass" else "fail"
        return MustOutcome(criterion.id, verdict, passes, fails, "moderated", votes, moderation, aside)
    if not votes:
        return MustOutcome(criterion.id, "unjudged", 0, 0, None, votes, recused_votes=aside)
    if passes != fails:
        verdict = "pass" if passes > fails else "fail"
        return MustOutcome(criterion.id, verdict, passes, fails, "majority", votes, recused_votes=aside)
    chair = next((v for v in votes if v.evaluator == plan.scoring.chair), None)
    if chair is None:
        return MustOutcome(criterion.id, "tie", passes, fails, None, votes, recused_votes=aside)
    verdict = "pass" if chair.level == "pass" else "fail"
    return MustOutcome(criterion.id, verdict, passes, fails, "chair", votes, recused_votes=aside)


def _link_key(link: str, result: ToolResult) -> tuple[int, Fraction]:
    """Sort key for one tie-break link: smaller sorts first (better); a missing figure last."""
    if link == "price":
        return (0, result.price) if result.price is not None else (1, Fraction(0))
    if link == "technical":
        value = result.technical
    elif link.startswith("criterion:"):
        cell = result.cells.get(link.partition(":")[2])
        value = cell.points if cell is not None else None
    else:
        value = result.subtotals.get(link.partition(":")[2])
    return (0, -value) if value is not None else (1, Fraction(0))


def _split(tied: list[ToolResult], links: list[str]) -> tuple[list[list[ToolResult]], list[str]]:
    """Order tools level on the figure by the chain; the ordered groups and the links that decided."""
    if len(tied) < 2 or not links or links[0] == "lot":
        return [tied], []
    link, rest = links[0], links[1:]
    keys = {r.tool.id: _link_key(link, r) for r in tied}
    distinct = sorted(set(keys.values()))
    if len(distinct) == 1:
        return _split(tied, rest)
    ordered: list[list[ToolResult]] = []
    used = [link]
    for key in distinct:
        groups, deeper = _split([r for r in tied if keys[r.tool.id] == key], rest)
        ordered += groups
        used += [d for d in deeper if d not in used]
    return ordered, used


def rank_results(results: list[ToolResult], chain: list[str]) -> tuple[list[ToolResult], list[Tie]]:
    """Competition ranks over the eligible tools with a figure, ties ordered by the chain."""
    ranked = [r for r in results if r.eligible and r.figure is not None]
    by_figure: dict[Fraction, list[ToolResult]] = {}
    for r in ranked:
        assert r.figure is not None
        by_figure.setdefault(r.figure, []).append(r)
    placed: dict[str, tuple[int, str | None, bool]] = {}
    ties: list[Tie] = []
    position = 1
    for level in sorted(by_figure, reverse=True):
        group = by_figure[level]
        if len(group) == 1:
            placed[group[0].tool.id] = (position, None, False)
            position += 1
            continue
        ordered, used = _split(group, chain)
        offset = position
        for sub in ordered:
            for r in sub:
                placed[r.tool.id] = (offset, None if len(sub) > 1 else _deciding_link(r, group, chain), len(sub) > 1)
            offset += len(sub)
        unresolved = tuple(tuple(r.tool.id for r in sub) for sub in ordered if len(sub) > 1)
        ties.append(Tie(tuple(r.tool.id for r in group), level, tuple(used), unresolved))
        position += len(group)
    out = []
    for r in results:
        if r.tool.id in placed:
            rank, link, still = placed[r.tool.id]
            out.append(replace(r, rank=rank, tie_break=link, tied=still))
        else:
            out.append(replace(r, rank=None))
    return out, ties


def _deciding_link(result: ToolResult, group: list[ToolResult], chain: list[str]) -> str | None:
    """The link at which `result` stopped being level with anyone in its tied group."""
    level = list(group)
    for link in chain:
        if link == "lot":
            return None
        key = _link_key(link, result)
        level = [r for r in level if _link_key(link, r) == key]
        if len(level) == 1:
            return link
    return None


def effective_plan(plan: Plan, events: Sequence[Event]) -> tuple[Plan, WeightsResult | None]:
    """The plan with the points the evaluation uses: derived from hearings when the plan says so."""
    weights = None
    if plan.weights.source == "hearings":
        weights = compute_weights(plan, events)
        if weights is not None and weights.points:
            plan = plan_with_points(plan, weights.points)
    return plan, weights


@dataclass(frozen=True)
class _Setup:
    """What every stage of one evaluation reads: the effective plan, the ledger's current state and the rules."""

    plan: Plan
    scores: Mapping[tuple[str, str, str], Score]
    moderations: Mapping[tuple[str, str], Moderation]
    measurements: Mapping[tuple[str, str], Measurement]
    recused: Mapping[tuple[str, str], Recusal]
    left_out: frozenset[str]
    panels: Mapping[str, list[str]]
    """Per tool: the evaluators who count for it (neither left out nor recused)."""
    recused_by_tool: Mapping[str, list[str]]
    rounding: _Rounding
    scored: tuple[Criterion, ...]
    pending: tuple[Criterion, ...]
    musts: tuple[Criterion, ...]
    evidence: Mapping[tuple[str, str], Evidence]
    metric_ratios: Mapping[str, Mapping[str, Fraction]]
    lock: LockState
    sealed: bool
    prices: Mapping[str, Fraction]
    """Per tool: the price compared, on the plan's tax basis (none while sealed)."""
    ceiling: Fraction | None
    fit: FitState | None = None
    """The requirement fit answers and verifications, when a criterion is of kind fit."""
    facts: FactState | None = None
    """The facts recorded, when a criterion is decided by facts."""
    facts_on: date | None = None

    @property
    def family(self) -> str:
        return self.plan.price.family

    @property
    def technical_criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.scored if c.kind != "price")


def evaluate(
    plan: Plan,
    events: Iterable[Event],
    *,
    without: Collection[str] = (),
    count_scored: Callable[[int], int] | None = None,
    scores: Iterable[tuple[int, str, str, Sequence[Any]]] | None = None,
    head: tuple[int, str | None] | None = None,
    absent: Mapping[tuple[str, str], Recusal] | None = None,
    other_bids: Mapping[str, Fraction] | None = None,
    closed_at: tuple[int, str] | None = None,
) -> Evaluation:
    """Compute every cell, must-have, subtotal, total and rank from the plan and the ledger's events.

    When the plan derives its points from hearings, the derived points replace the
    written ones before anything is computed; `Evaluation.plan` is that effective plan.
    Evaluators recused from a tool (conflict of interest) count for no cell of it;
    `without` leaves the named evaluators out altogether (to see the matrix without them).

    `events` may be the whole ledger or its current state (`LedgerView.events`: a
    superseded score left out), which gives the same evaluation; with the current
    state, `count_scored(seq)` says how many scores were recorded before event `seq`
    (superseded ones included), which the lock status reports. `scores` may bring the
    current score events apart, as (seq, ts, actor, `SCORE_FIELDS` values) in sequence
    order (`LedgerView.current_fields`); `events` then hold every other kind, and `head`
    gives the ledger's last (sequence number, hash).

    A stage of a procedure adds `absent` (member, tool) → why the member did not score
    the tool (absent from its presentation), counted like a recusal, and `other_bids`:
    prices of proposers no longer ranked that still count as bids (a withdrawn bid,
    where the plan says it counts) for price rules that depend on the lowest bid; `closed_at`, the
    (sequence number, time) of the event that closed the stage: only facts recorded before it
    count, judged on its day (a closed stage's figures do not move with what comes later).
    """
    if scores is not None and head is None:
        raise ValueError("an evaluation from scores read apart needs the ledger head")
    # One pass: each score folded into the current scores as it is read; the few other events kept.
    # (Which scores apply does not depend on the points, so the plan as written decides it.)
    fold = _ScoreFold(plan)
    others: list[Event] = []
    scored = array("q")  # the sequence numbers of every score recorded, for the lock's count
    last: Event | None = None
    latest_ts = ""  # the last event that records evidence: the facts' day when the plan names none
    for event in events:
        last = event if last is None or event.seq > last.seq else last
        if event.kind in DATING_KINDS and (closed_at is None or event.seq < closed_at[0]):
            latest_ts = max(latest_ts, event.ts)
        if event.kind == SCORE_RECORDED:
            fold.add(event)
        else:
            others.append(event)
        if count_scored is None and event.kind in SCORED_KINDS:
            scored.append(event.seq)
    for seq, ts, actor, values in scores or ():  # one per cell, in no particular order
        fold.add_fields(seq, ts, actor, values)
        if closed_at is None or seq < closed_at[0]:
            latest_ts = max(latest_ts, ts)
    if closed_at is not None:  # a closed stage judges its facts on the day it closed
        latest_ts = closed_at[1]
    fold.notices.sort(key=lambda notice: notice.seq)
    if head is None:
        head = (last.seq, last.hash) if last is not None else (0, None)
    if count_scored is None:
        count_scored = partial(bisect_left, scored)
    plan, weights = effective_plan(plan, others)
    setup, notices = _setup(plan, others, frozenset(without), count_scored, fold, absent or {}, latest_ts, closed_at)
    results = [_tool_result(setup, tool) for tool in plan.tools]
    results = _apply_minimum(setup, results)
    results = _apply_price_points(setup, results, other_bids or {})
    _check_complete(setup, results)
    finished = _apply_rank_points(setup, [_finish(setup, r) for r in results])
    ranked, ties = rank_results(finished, list(plan.scoring.tie_break))
    return Evaluation(
        plan=plan,
        results=tuple(ranked),
        scored_criteria=setup.scored,
        pending_criteria=setup.pending,
        head_seq=head[0],
        head_hash=head[1],
        notices=tuple(notices),
        weights=weights,
        must_criteria=setup.musts,
        ties=tuple(ties),
        recusals=MappingProxyType(dict(setup.recused)),
        without=tuple(e.id for e in plan.evaluators if e.id in setup.left_out),
        lock=setup.lock,
        sealed=setup.sealed,
        finalization=finalization_of(plan.hash, others, head_seq=head[0]),
        reopenings=reopenings(others),
        facts=setup.facts,
        facts_on=setup.facts_on,
    )


def _setup(
    plan: Plan,
    events: Sequence[Event],
    left_out: frozenset[str],
    count_scored: Callable[[int], int],
    fold: _ScoreFold,
    absent: Mapping[tuple[str, str], Recusal],
    latest_ts: str = "",
    closed_at: tuple[int, str] | None = None,
) -> tuple[_Setup, list[Notice]]:
    """Read the ledger's current scores, measurements and prices under the effective plan, with the notices.

    `fold` holds the current scores, already read; `events` are the ledger's other events.
    """
    scores, notices = fold.latest, list(fold.notices)
    recused = {**absent, **recusals(plan, events)}  # a conflict of interest is named first
    panels, recused_by_tool = _panels(plan, recused, left_out)
    measurements, metric_notices = current_metrics(plan, events)
    notices += metric_notices
    scored, pending, musts = _criteria(plan)
    evidence = _trial_evidence(plan, events, scored)
    ratios, negative = _metric_columns(plan, scored, evidence, measurements)
    notices += negative
    lock = lock_state(plan, events, count_scored=count_scored)
    sealed = plan.fairness.two_envelopes and lock.scores is None
    setup = _Setup(
        plan=plan,
        scores=scores,
        moderations=current_moderations(plan, events),
        measurements=measurements,
        recused=recused,
        left_out=left_out,
        panels=panels,
        recused_by_tool=recused_by_tool,
        rounding=_Rounding(plan),
        scored=scored,
        pending=pending,
        musts=musts,
        evidence=evidence,
        metric_ratios=ratios,
        lock=lock,
        sealed=sealed,
        prices={} if sealed else _compared_prices(plan),
        ceiling=Fraction(plan.price.ceiling) if plan.price.ceiling is not None else None,
        fit=fit_state(events) if any(c.kind == "fit" for c in scored) else None,
    )
    if any(c.fact is not None for c in plan.criteria):
        state = fact_state(e for e in events if e.kind in FACT_KINDS and (closed_at is None or e.seq < closed_at[0]))
        setup = replace(setup, facts=state, facts_on=facts_date(plan, latest_ts))
    return setup, notices


def _panels(
    plan: Plan, recused: Mapping[tuple[str, str], Recusal], left_out: Collection[str]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Per tool, the evaluators who count for it and those recused from it (both without the ones left out)."""
    panels = {
        t.id: [e.id for e in plan.evaluators if e.id not in left_out and (e.id, t.id) not in recused]
        for t in plan.tools
    }
    recused_by_tool = {
        t.id: [e.id for e in plan.evaluators if e.id not in left_out and (e.id, t.id) in recused] for t in plan.tools
    }
    return panels, recused_by_tool


def _criteria(plan: Plan) -> tuple[tuple[Criterion, ...], tuple[Criterion, ...], tuple[Criterion, ...]]:
    """The criteria whose cells carry points, the price criterion shown without points, and the must-haves."""
    price_scored = plan.price_criterion() is not None and gives_price_points(plan.price.family)
    scored = tuple(
        c
        for c in plan.criteria
        if c.kind in ("rating", "metric", "fit", "fact") or (c.kind == "price" and price_scored)
    )
    pending = tuple(c for c in plan.criteria if c.kind == "price" and not price_scored)
    musts = tuple(c for c in plan.criteria if c.kind == "must")
    return scored, pending, musts


def _trial_evidence(
    plan: Plan, events: Sequence[Event], scored: Sequence[Criterion]
) -> dict[tuple[str, str], Evidence]:
    """Per (tool, criterion) taken from trials: the trial evidence that stands behind the cell."""
    trials = trial_states(events) if any(c.evidence for c in scored) else {}
    evidence: dict[tuple[str, str], Evidence] = {}
    for criterion in scored:
        if criterion.evidence is None:
            continue
        for tool in plan.tools:
            found = evidence_for(plan, trials, tool.id, criterion.evidence, criterion.id)
            if found is not None:
                evidence[(tool.id, criterion.id)] = found
    return evidence


def _metric_columns(
    plan: Plan,
    scored: Sequence[Criterion],
    evidence: Mapping[tuple[str, str], Evidence],
    measurements: Mapping[tuple[str, str], Measurement],
) -> tuple[dict[str, dict[str, Fraction]], list[Notice]]:
    """Per metric criterion, each tool's ratio by the plan's rule, with a notice for a column it cannot use."""
    notices: list[Notice] = []
    columns: dict[str, dict[str, Fraction]] = {}
    for criterion in scored:
        if criterion.kind != "metric":
            continue
        if criterion.evidence is not None:
            values = {t.id: e.value for t in plan.tools if (e := evidence.get((t.id, criterion.id)))}
        else:
            values = {t.id: Fraction(m.value) for t in plan.tools if (m := measurements.get((t.id, criterion.id)))}
        if criterion.metric is None:  # SUS / UX-Lite from trials: the score ÷ 100 is the ratio
            columns[criterion.id] = {t: min(Fraction(1), max(Fraction(0), v / 100)) for t, v in values.items()}
            continue
        if criterion.metric.rule == "ratio_to_best" and any(v < 0 for v in values.values()):
            notices.append(Notice(0, "notice.metric_negative", {"criterion": criterion.id}))
            values = {}
        columns[criterion.id] = metric_ratios(criterion.metric, values)
    return columns, notices


def _compared_prices(plan: Plan) -> dict[str, Fraction]:
    """Each tool's price on the plan's tax basis, for the tools that give one."""
    return {
        t.id: tax_basis_price(t.price.amount, t.price.tax, plan.price.tax, plan.price.tax_rate)
        for t in plan.tools
        if t.price is not None
    }


def _cell(setup: _Setup, tool: Tool, criterion: Criterion) -> Cell:
    """One scored cell: from trials, a measurement, the price (points come later) or the evaluators."""
    plan, rounding = setup.plan, setup.rounding
    if criterion.evidence is not None:
        found = setup.evidence.get((tool.id, criterion.id))
        ratio = setup.metric_ratios[criterion.id].get(tool.id) if criterion.kind == "metric" else None
        if criterion.kind == "rating" and found is not None:
            ratio = found.value
        worth = Fraction(criterion.points) * (_factor(plan, criterion, len(setup.left_out)) if ratio is not None else 1)
        points = rounding("criterion", worth * ratio) if ratio is not None else None
        return Cell(tool.id, criterion.id, (), (), ratio, points, "trials", evidence=found)
    if criterion.kind == "fit":
        assert setup.fit is not None
        found_fit = fit_cell(plan, criterion, tool.id, setup.fit)
        fit_ratio = found_fit.ratio
        fit_points = rounding("criterion", Fraction(criterion.points) * fit_ratio) if fit_ratio is not None else None
        return Cell(tool.id, criterion.id, (), (), fit_ratio, fit_points, "fit", fit=found_fit)
    if criterion.kind == "fact":
        assert setup.facts is not None
        found_fact = fact_cell(plan, criterion, tool.id, setup.facts, setup.facts_on)
        fact_ratio = found_fact.ratio
        fact_points = rounding("criterion", Fraction(criterion.points) * fact_ratio) if fact_ratio is not None else None
        return Cell(tool.id, criterion.id, (), (), fact_ratio, fact_points, "fact", fact=found_fact)
    if criterion.kind == "metric":
        ratio = setup.metric_ratios[criterion.id].get(tool.id)
        measured = setup.measurements.get((tool.id, criterion.id))
        points = rounding("criterion", Fraction(criterion.points) * ratio) if ratio is not None else None
        return Cell(tool.id, criterion.id, (), (), ratio, points, "metric", None, measured)
    if criterion.kind == "price" and not price_is_judged(setup.family):
        return Cell(tool.id, criterion.id, (), (), None, None, "price", price=setup.prices.get(tool.id))
    if criterion.kind == "price" and setup.sealed:  # an ordinal price waits for the second envelope
        return Cell(tool.id, criterion.id, (), (), None, None, "price")
    moderation = setup.moderations.get((tool.id, criterion.id))
    cell = _judged_cell(
        plan,
        tool,
        criterion,
        setup.scores,
        moderation,
        rounding,
        setup.panels[tool.id],
        setup.recused_by_tool[tool.id],
    )
    return replace(cell, price=setup.prices.get(tool.id)) if criterion.kind == "price" else cell


def _tool_result(setup: _Setup, tool: Tool) -> ToolResult:
    """A tool's cells, must-haves and technical points, disqualified by the ceiling or a failed must-have."""
    cells = {criterion.id: _cell(setup, tool, criterion) for criterion in setup.scored}
    outcomes = {
        c.id: _fact_must(setup, tool, c)
        if c.fact is not None
        else _must_outcome(
            setup.plan,
            tool,
            c,
            setup.scores,
            setup.moderations.get((tool.id, c.id)),
            setup.panels[tool.id],
            setup.recused_by_tool[tool.id],
        )
        for c in setup.musts
    }
    technical_values = [p for c in setup.technical_criteria if (p := cells[c.id].points) is not None]
    technical = setup.rounding("total", sum(technical_values, Fraction(0))) if technical_values else None
    price = setup.prices.get(tool.id)
    return ToolResult(
        tool=tool,
        cells=cells,
        subtotals={},
        total=None,
        rank=None,
        musts=MappingProxyType(outcomes),
        technical=technical,
        price=price,
        disqualified=_disqualifications(setup, price, outcomes.values()) + _fit_failures(setup, cells.values()),
    )


def _fact_must(setup: _Setup, tool: Tool, criterion: Criterion) -> MustOutcome:
    """A must-have decided by facts: what the facts current for the tool say on the facts' date."""
    assert setup.facts is not None and criterion.fact is not None
    checks = fact_checks(setup.plan, criterion.fact, tool.id, setup.facts, setup.facts_on)
    verdict = fact_verdict(criterion.fact, checks)
    cell = FactCell(criterion.id, tool.id, checks, setup.facts_on, None, Fraction(0))
    return MustOutcome(criterion.id, verdict, 0, 0, "facts", (), facts=cell)


def _fit_failures(setup: _Setup, cells: Iterable[Cell]) -> tuple[Finding, ...]:
    """必須 requirements counted × on a fit criterion whose plan says they disqualify."""
    findings = []
    for cell in cells:
        if cell.fit is None or not cell.fit.required_failed:
            continue
        criterion = setup.plan.criterion(cell.criterion)
        if criterion is None or (criterion.fit is not None and criterion.fit.required_no != "disqualify"):
            continue
        failed = cell.fit.required_failed
        findings.append(
            Finding(
                "dq.fit_required",
                {"criterion": cell.criterion, "requirements": ", ".join(failed), "count": len(failed)},
            )
        )
    return tuple(findings)


def _disqualifications(setup: _Setup, price: Fraction | None, outcomes: Iterable[MustOutcome]) -> tuple[Finding, ...]:
    """What rules a tool out before price points: its price over the ceiling, then each failed must-have."""
    findings: list[Finding] = []
    if price is not None and setup.ceiling is not None and over_ceiling(price, setup.ceiling):
        findings.append(
            Finding(
                "dq.over_ceiling",
                {"price": money(price), "ceiling": money(setup.ceiling), "tax": Message(f"tax.{setup.plan.price.tax}")},
            )
        )
    for outcome in outcomes:
        if outcome.verdict == "fail" and outcome.facts is not None:
            failing = [c.key for c in outcome.facts.checks if c.status == "valid" and not c.holds]
            findings.append(
                Finding("dq.must_fact_failed", {"criterion": outcome.criterion, "facts": ", ".join(failing)})
            )
        elif outcome.verdict == "fail":
            findings.append(
                Finding(
                    "dq.must_failed",
                    {
                        "criterion": outcome.criterion,
                        "passes": outcome.passes,
                        "fails": outcome.fails,
                        "how": Message(f"must.by.{outcome.decided_by}"),
                    },
                )
            )
    return tuple(findings)


def _apply_minimum(setup: _Setup, results: list[ToolResult]) -> list[ToolResult]:
    """足切り: disqualify each fully scored, still eligible tool whose technical points fall below the minimum."""
    plan = setup.plan
    if plan.scoring.technical_minimum is None:
        return results
    technical_max = sum(
        (Fraction(c.points) * _factor(plan, c, len(setup.left_out)) for c in setup.technical_criteria), Fraction(0)
    )
    share = Fraction(plan.scoring.technical_minimum)
    threshold = share * technical_max

    def as_points(value: Fraction) -> str:
        return figure(value, plan.evaluation.decimals, plan.evaluation.rounding)

    checked = []
    for r in results:
        complete = all(r.cells[c.id].scored for c in setup.technical_criteria)
        if complete and r.technical is not None and r.technical < threshold and not r.disqualified:
            finding = Finding(
                "dq.below_minimum",
                {
                    "technical": as_points(r.technical),
                    "minimum": as_points(threshold),
                    "share": plain(share * 100),
                    "max": plain(technical_max),
                },
            )
            r = replace(r, disqualified=(*r.disqualified, finding))
        checked.append(r)
    return checked


def _apply_price_points(
    setup: _Setup, results: list[ToolResult], other_bids: Mapping[str, Fraction]
) -> list[ToolResult]:
    """Price points by the plan's formula among the eligible tools (and bids that still count), into each price cell."""
    price_criterion = setup.plan.price_criterion()
    if price_criterion is None or setup.family not in FORMULA_FAMILIES:
        return results
    eligible_prices = {r.tool.id: r.price for r in results if r.eligible and r.price is not None}
    if eligible_prices and not setup.sealed:
        eligible_prices = {**other_bids, **eligible_prices}
    outcome_points = (
        price_points(setup.family, price_criterion.points, eligible_prices, setup.ceiling) if eligible_prices else {}
    )
    updated = []
    for r in results:
        got = outcome_points.get(r.tool.id)
        value = setup.rounding("criterion", got.points) if got is not None and got.points is not None else None
        cell = replace(r.cells[price_criterion.id], points=value, ratio=_ratio(value, price_criterion))
        updated.append(replace(r, cells={**r.cells, price_criterion.id: cell}))
    return updated


def member_points(
    evaluation_plan: Plan, result: ToolResult, member: str, technical: Sequence[Criterion]
) -> Fraction | None:
    """One member's own total for a tool: their points on each judged cell, the cell's points elsewhere.

    A consensus (moderated) level counts for every member; measured, trial and price cells
    are the same for everyone. None when the member has not scored every judged cell.
    """
    total = Fraction(0)
    for criterion in technical:
        cell = result.cells[criterion.id]
        if cell.source == "evaluators":
            score = next((s for s in cell.scores if s.evaluator == member), None)
            if score is None:
                return None
            total += Fraction(criterion.points) * score.ratio
        elif cell.points is None:
            return None
        else:
            total += cell.points
    return total


def rank_point_places(totals: Mapping[str, Fraction], table: Sequence[Fraction], ties: str) -> dict[str, Fraction]:
    """One member's 順位点 per tool from their own totals: 1st takes table[0], and so on; beyond the table 0.

    Tools level in this member's totals share the mean of the places' points (`average`)
    or all take the highest of them (`higher`).
    """
    ordered = sorted(totals.values(), reverse=True)
    out: dict[str, Fraction] = {}
    for tool, value in totals.items():
        first = ordered.index(value)
        count = ordered.count(value)
        places = [table[i] if i < len(table) else Fraction(0) for i in range(first, first + count)]
        out[tool] = max(places) if ties == "higher" else sum(places, Fraction(0)) / count
    return out


def _apply_rank_points(setup: _Setup, results: list[ToolResult]) -> list[ToolResult]:
    """順位点: each member ranks the eligible tools by their own totals; the places' points are summed.

    A member ranks only the tools they scored in full and are not recused from (or absent
    for); a tool ranked by fewer members than the panel has its sum scaled to the whole
    panel (sum × members ÷ members who ranked it), so that a recusal never counts as last place.
    """
    plan = setup.plan
    if plan.scoring.aggregation != "rank_points":
        return results
    table = [Fraction(p) for p in plan.scoring.rank_points]
    members = [e.id for e in plan.evaluators if e.id not in setup.left_out]
    price_criterion = plan.price_criterion()
    counted = [*setup.technical_criteria, *([price_criterion] if price_criterion in setup.scored else [])]
    eligible = [r for r in results if r.eligible]
    by_tool: dict[str, list[Fraction]] = {r.tool.id: [] for r in eligible}
    places: dict[str, dict[str, int]] = {r.tool.id: {} for r in eligible}
    for member in members:
        totals = {
            r.tool.id: t
            for r in eligible
            if member in setup.panels[r.tool.id] and (t := member_points(plan, r, member, counted)) is not None
        }
        ordered = sorted(totals.values(), reverse=True)
        for tool, points in rank_point_places(totals, table, plan.scoring.rank_ties).items():
            by_tool[tool].append(points)
            places[tool][member] = ordered.index(totals[tool]) + 1
    out = []
    for r in results:
        got = by_tool.get(r.tool.id)
        if not got:
            out.append(replace(r, rank_points=None, rankings=MappingProxyType(places.get(r.tool.id, {}))))
            continue
        value = sum(got, Fraction(0)) * Fraction(len(members), len(got))
        out.append(replace(r, rank_points=value, rankings=MappingProxyType(places[r.tool.id])))
    return out


def _check_complete(setup: _Setup, results: Sequence[ToolResult]) -> None:
    """When the plan blocks on missing scores, raise EvaluationBlocked naming the cells and votes still missing."""
    if setup.plan.scoring.missing != "block":
        return
    gaps = [
        f"{r.tool.id}/{cell.criterion}/{evaluator}"
        for r in results
        for cell in r.cells.values()
        if cell.source == "evaluators"
        for evaluator in cell.missing
    ]
    gaps += [
        f"{r.tool.id}/{cell.criterion}"
        for r in results
        for cell in r.cells.values()
        if cell.source in ("metric", "trials", "fit", "fact") and not cell.scored
    ]
    gaps += [
        f"{r.tool.id}/{m.criterion}" for r in results for m in r.musts.values() if m.verdict == "unjudged" and m.facts
    ]
    gaps += [
        f"{r.tool.id}/{m.criterion}/{e}"
        for r in results
        for m in r.musts.values()
        if m.decided_by not in ("moderated", "facts")
        for e in setup.panels[r.tool.id]
        if e not in {v.evaluator for v in m.votes}
    ]
    if gaps:
        shown = ", ".join(gaps[:5]) + (f" (+{len(gaps) - 5})" if len(gaps) > 5 else "")
        raise EvaluationBlocked("evaluation.blocked", count=len(gaps), cells=shown)


def _subtotals(scored: Sequence[Criterion], cells: Mapping[str, Cell]) -> dict[str, Fraction | None]:
    """Points per group; None for a group while none of its cells has points."""
    subtotals: dict[str, Fraction | None] = {}
    for criterion in scored:
        cell = cells[criterion.id]
        before = subtotals.get(criterion.group)
        if cell.points is None:
            subtotals.setdefault(criterion.group, None)
        else:
            subtotals[criterion.group] = (before or Fraction(0)) + cell.points
    return subtotals


def _finish(setup: _Setup, r: ToolResult) -> ToolResult:
    """The tool's subtotals, total (technical + price points), 除算方式 value and what it still waits for."""
    family = setup.family
    price_criterion = setup.plan.price_criterion()
    price_cell = r.cells.get(price_criterion.id) if price_criterion is not None else None
    price_pts = price_cell.points if price_cell is not None else None
    total = None
    if r.technical is not None or price_pts is not None:
        total = setup.rounding("total", (r.technical or Fraction(0)) + (price_pts or Fraction(0)))
    value = None
    if ranks_by_value(family) and r.technical is not None and r.price is not None:
        # exact: the order must never depend on the display scale or on rounding it
        value = division_value(r.technical, r.price, setup.plan.price.division_scale)
    return replace(
        r,
        cells=MappingProxyType(dict(r.cells)),
        subtotals=MappingProxyType(_subtotals(setup.scored, r.cells)),
        total=total,
        price_points=price_pts if gives_price_points(family) else None,
        value=value,
        by_value=ranks_by_value(family),
        awaiting_price=(r.price is None or setup.sealed) and needs_price(family),
    )


def _factor(plan: Plan, criterion: Criterion, left_out: int = 0) -> int:
    """How many evaluators' points one cell adds up: all those counted under the sum rule, else 1."""
    judged = criterion.kind == "rating" or (criterion.kind == "price" and price_is_judged(plan.price.family))
    return len(plan.evaluators) - left_out if judged and plan.scoring.aggregation == "sum" else 1


def _ratio(points: Fraction | None, criterion: Criterion) -> Fraction | None:
    if points is None or criterion.points == 0:
        return None if points is None else Fraction(0)
    return points / Fraction(criterion.points)


def blinded(evaluation: Evaluation, labels: Mapping[str, str], commitment: str) -> Evaluation:
    """The same evaluation with every tool shown as its blind label (候補A / Candidate A), nothing else changed.

    Ids, names, vendors, makers and resellers are all replaced, so no report made from
    it can name a tool while the evaluation is blind. The prices are sealed as with two
    envelopes (no price, price points, ceiling check or 評価値): every bid is in the
    plan, so a price under a label would tell which tool it is.
    """
    if not evaluation.sealed:
        evaluation = _prices_sealed(evaluation)

    def label(tool_id: str) -> str:
        return labels.get(tool_id, tool_id)

    def masked(tool: Tool) -> Tool:
        return masked_tool(tool, label(tool.id))

    def facts_masked(cell: FactCell | None) -> FactCell | None:
        return None if cell is None else masked_fact_cell(cell, label(cell.tool))

    plan = evaluation.plan
    results = tuple(
        sorted(
            (
                replace(
                    r,
                    tool=masked(r.tool),
                    cells=MappingProxyType(
                        {k: replace(c, tool=label(c.tool), fact=facts_masked(c.fact)) for k, c in r.cells.items()}
                    ),
                    musts=MappingProxyType({k: replace(m, facts=facts_masked(m.facts)) for k, m in r.musts.items()}),
                )
                for r in evaluation.results
            ),
            key=lambda r: (len(r.tool.id), r.tool.id),  # label order: the plan's order would tell
        )
    )
    # the company behind a recusal would tell which product a label stands for
    recused = {
        (e, label(t)): replace(rec, tool=label(t), company=None, role=None, note=None)
        for (e, t), rec in evaluation.recusals.items()
    }

    def ordered(ids: Iterable[str]) -> tuple[str, ...]:  # label order: the plan's order would tell
        return tuple(sorted((label(x) for x in ids), key=lambda x: (len(x), x)))

    ties = tuple(
        replace(t, tools=ordered(t.tools), unresolved=tuple(ordered(g) for g in t.unresolved)) for t in evaluation.ties
    )
    notices = tuple(
        replace(n, params={k: label(v) if k == "tool" and isinstance(v, str) else v for k, v in n.params.items()})
        for n in evaluation.notices
    )
    return replace(
        evaluation,
        plan=masked_plan(plan, dict(labels)),
        results=results,
        recusals=MappingProxyType(recused),
        ties=ties,
        notices=notices,
        blind=commitment,
        facts=None if evaluation.facts is None else masked_fact_state(evaluation.facts, labels),
    )


def _prices_sealed(evaluation: Evaluation) -> Evaluation:
    """The evaluation as two envelopes compute it before `lock --scores`: the figures without any price.

    The price cells are empty, a price above the ceiling disqualifies no one (so the
    足切り applies to such a tool as to any other), totals are technical points, and the
    ranks and ties follow from those.
    """
    plan = evaluation.plan
    price_criterion = plan.price_criterion()
    rounding = _Rounding(plan)
    threshold = (
        Fraction(plan.scoring.technical_minimum) * evaluation.technical_max
        if plan.scoring.technical_minimum is not None
        else None
    )
    results = []
    for r in evaluation.results:
        cells = dict(r.cells)
        if price_criterion is not None and price_criterion.id in cells:
            cells[price_criterion.id] = Cell(r.tool.id, price_criterion.id, (), (), None, None, "price")
        findings = tuple(f for f in r.disqualified if f.key != "dq.over_ceiling")
        if r.disqualified and not findings and threshold is not None and r.technical is not None:
            # the ceiling came first and kept the 足切り from being checked: check it now
            complete = all(cells[c.id].scored for c in evaluation.technical_criteria)
            if complete and r.technical < threshold:
                findings = _below_minimum(plan, r.technical, threshold, evaluation.technical_max)
        results.append(
            replace(
                r,
                cells=MappingProxyType(cells),
                subtotals=MappingProxyType(_subtotals(evaluation.scored_criteria, cells)),
                total=rounding("total", r.technical) if r.technical is not None else None,
                rank=None,
                price=None,
                price_points=None,
                value=None,
                disqualified=findings,
                tie_break=None,
                tied=False,
                awaiting_price=needs_price(plan.price.family),
            )
        )
    ranked, ties = rank_results(results, list(plan.scoring.tie_break))
    return replace(evaluation, results=tuple(ranked), ties=tuple(ties), sealed=True)


def _below_minimum(plan: Plan, technical: Fraction, threshold: Fraction, technical_max: Fraction) -> tuple[Finding]:
    """The 足切り finding, worded as `_apply_minimum` words it."""

    def as_points(value: Fraction) -> str:
        return figure(value, plan.evaluation.decimals, plan.evaluation.rounding)

    share = Fraction(plan.scoring.technical_minimum or 0)
    return (
        Finding(
            "dq.below_minimum",
            {
                "technical": as_points(technical),
                "minimum": as_points(threshold),
                "share": plain(share * 100),
                "max": plain(technical_max),
            },
        ),
    )
