"""From plan and ledger events to results: a pure computation, same inputs, same numbers.

The rule for a rating criterion (BRIEF §4): each evaluator's level is looked up in the
criterion's scale table to give a ratio; the ratios of the evaluators who scored are
averaged; the criterion's points are 配点 × that mean ratio. A missing score is left
out of the mean and reported, never counted as zero. Everything is exact (fractions);
figures are rounded only when shown, by the plan's rule. Equal totals share a rank
(1, 2, 2, 4).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

from ._errors import EvaluationBlocked
from .hearings import WeightsResult, compute_weights, plan_with_points
from .ledger import Event
from .plan import Criterion, Plan, Tool

SCORE_RECORDED = "score.recorded"
"""Event kind of one evaluator's score on one criterion of one tool."""


@dataclass(frozen=True)
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
class Cell:
    """One tool on one criterion: the scores behind it and the points they give."""

    tool: str
    criterion: str
    scores: tuple[Score, ...]
    missing: tuple[str, ...]
    """Evaluators who have not scored this cell."""
    ratio: Fraction | None
    points: Fraction | None

    @property
    def scored(self) -> bool:
        return bool(self.scores)

    @property
    def partial(self) -> bool:
        return bool(self.scores) and bool(self.missing)


@dataclass(frozen=True)
class ToolResult:
    """A tool's cells, group subtotals, total and rank."""

    tool: Tool
    cells: Mapping[str, Cell]
    subtotals: Mapping[str, Fraction | None]
    """Per group; None while no criterion of the group has a score (never a silent 0)."""
    total: Fraction | None
    """None while the tool has no score at all."""
    rank: int | None
    """None while the tool has no score at all."""

    @property
    def unscored(self) -> tuple[str, ...]:
        return tuple(cid for cid, cell in self.cells.items() if not cell.scored)

    @property
    def provisional(self) -> bool:
        return bool(self.unscored)


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
    pending_criteria: tuple[Criterion, ...]
    """Criteria of kinds this version does not score (metric, price, must)."""
    head_seq: int
    head_hash: str | None
    notices: tuple[Notice, ...] = ()
    weights: WeightsResult | None = None
    """The hearing-derived weights, when the plan takes its points from hearings."""

    @property
    def max_points(self) -> Fraction:
        return sum((self.cell_points(c) for c in self.scored_criteria), Fraction(0))

    def cell_points(self, criterion: Criterion) -> Fraction:
        """What one cell of this criterion is worth: 配点, or 配点 × evaluators when scores are summed."""
        factor = len(self.plan.evaluators) if self.plan.scoring.aggregation == "sum" else 1
        return Fraction(criterion.points) * factor

    def groups(self) -> list[tuple[str, list[Criterion]]]:
        """Scored criteria by group, in the order groups are declared in the plan."""
        order = list(self.plan.groups)
        grouped: dict[str, list[Criterion]] = {}
        for criterion in self.scored_criteria:
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
    latest: dict[tuple[str, str, str], Score] = {}
    notices: list[Notice] = []
    for event in events:
        if event.kind != SCORE_RECORDED:
            continue
        p = event.payload
        tool, evaluator, criterion_id, level = p.get("tool"), p.get("evaluator"), p.get("criterion"), p.get("level")
        key = (str(tool), str(evaluator), str(criterion_id))
        criterion = plan.criterion(str(criterion_id))
        scale = plan.scale_of(criterion) if criterion else None
        if plan.tool(str(tool)) is None or plan.evaluator(str(evaluator)) is None or criterion is None:
            latest.pop(key, None)
            notices.append(
                Notice(
                    event.seq, "notice.not_in_plan", {"tool": tool, "evaluator": evaluator, "criterion": criterion_id}
                )
            )
            continue
        if scale is None or str(level) not in scale.ratios:
            latest.pop(key, None)
            notices.append(Notice(event.seq, "notice.off_scale", {"criterion": criterion_id, "level": level}))
            continue
        latest[key] = Score(
            evaluator=str(evaluator),
            level=str(level),
            ratio=Fraction(scale.ratios[str(level)]),
            seq=event.seq,
            ts=event.ts,
            actor=event.actor,
            reason=p.get("reason"),
            supersedes=p.get("supersedes"),
        )
    return latest, notices


def aggregate(ratios: list[Fraction], rule: str) -> Fraction:
    """One cell's figure from its evaluators' ratios, exactly, by the committee rule.

    For `sum` the result is the sum of ratios, so that 配点 × it is the sum of the
    evaluators' points.
    """
    ordered = sorted(ratios)
    if rule == "sum":
        return sum(ordered, Fraction(0))
    if rule == "median":
        middle = len(ordered) // 2
        return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    if rule == "trimmed_mean" and len(ordered) >= 3:
        ordered = ordered[1:-1]  # one highest and one lowest dropped
    return sum(ordered, Fraction(0)) / len(ordered)


def _competition_ranks(totals: Mapping[str, Fraction]) -> dict[str, int]:
    """Standard competition ranking: equal totals share a rank, the next rank skips."""
    ordered = sorted(totals.values(), reverse=True)
    return {tool: 1 + sum(1 for other in ordered if other > total) for tool, total in totals.items()}


def evaluate(plan: Plan, events: Iterable[Event]) -> Evaluation:
    """Compute every cell, subtotal, total and rank from the plan and the ledger's events.

    When the plan derives its points from hearings, the derived points replace the
    written ones before anything is computed; `Evaluation.plan` is that effective plan.
    """
    events = list(events)
    weights = None
    if plan.weights.source == "hearings":
        weights = compute_weights(plan, events)
        if weights is not None and weights.points:
            plan = plan_with_points(plan, weights.points)
    scores, notices = current_scores(plan, events)
    scored = tuple(c for c in plan.criteria if c.kind == "rating")
    pending = tuple(c for c in plan.criteria if c.kind != "rating")
    cells_by_tool: dict[str, dict[str, Cell]] = {}
    for tool in plan.tools:
        cells: dict[str, Cell] = {}
        for criterion in scored:
            present = tuple(
                scores[(tool.id, e.id, criterion.id)]
                for e in plan.evaluators
                if (tool.id, e.id, criterion.id) in scores
            )
            missing = tuple(e.id for e in plan.evaluators if (tool.id, e.id, criterion.id) not in scores)
            ratio = aggregate([s.ratio for s in present], plan.scoring.aggregation) if present else None
            points = Fraction(criterion.points) * ratio if ratio is not None else None
            cells[criterion.id] = Cell(tool.id, criterion.id, present, missing, ratio, points)
        cells_by_tool[tool.id] = cells
    if plan.scoring.missing == "block":
        gaps = [
            f"{tool_id}/{cell.criterion}/{evaluator}"
            for tool_id, cells in cells_by_tool.items()
            for cell in cells.values()
            for evaluator in cell.missing
        ]
        if gaps:
            shown = ", ".join(gaps[:5]) + (f" (+{len(gaps) - 5})" if len(gaps) > 5 else "")
            raise EvaluationBlocked("evaluation.blocked", count=len(gaps), cells=shown)
    totals: dict[str, Fraction] = {}
    subtotals_by_tool: dict[str, dict[str, Fraction | None]] = {}
    for tool in plan.tools:
        subtotals: dict[str, Fraction | None] = {}
        for criterion in scored:
            cell = cells_by_tool[tool.id][criterion.id]
            before = subtotals.get(criterion.group)
            if cell.points is None:
                subtotals.setdefault(criterion.group, None)
            else:
                subtotals[criterion.group] = (before or Fraction(0)) + cell.points
        subtotals_by_tool[tool.id] = subtotals
        scored_groups = [value for value in subtotals.values() if value is not None]
        if scored_groups:
            totals[tool.id] = sum(scored_groups, Fraction(0))
    ranks = _competition_ranks(totals)
    results = tuple(
        ToolResult(
            tool=tool,
            cells=MappingProxyType(cells_by_tool[tool.id]),
            subtotals=MappingProxyType(subtotals_by_tool[tool.id]),
            total=totals.get(tool.id),
            rank=ranks.get(tool.id),
        )
        for tool in plan.tools
    )
    head = events[-1] if events else None
    return Evaluation(
        plan=plan,
        results=results,
        scored_criteria=scored,
        pending_criteria=pending,
        head_seq=head.seq if head else 0,
        head_hash=head.hash if head else None,
        notices=tuple(notices),
        weights=weights,
    )
