"""Rater checks: does the result depend on who scored?

Four checks, each on the scores that count (recused evaluators never count):

- leniency: how far each evaluator's ratios sit, on average, above or below the
  other evaluators' on the same cells;
- divergent cells: cells whose evaluators' ratios spread by a share of the scale or
  more (`[fairness] divergence_share`, default 0.3), to be discussed at the
  committee meeting;
- concordance: Kendall's coefficient W across evaluators, each ranking the tools by
  their own points, with the tie correction and its significance (an exact or a
  seeded Monte-Carlo permutation test, and the χ² approximation);
- leave-one-evaluator-out: the evaluation again without each evaluator in turn —
  does the winner or any rank change?

With a requirement fit table (機能要件適合表), the report also shows the 事務局's
verification per proposer (`fit_verification`): answers accepted, downgraded, queried and
not yet verified, and the share of its own ○ and △ answers downgraded, so a committee sees
whether one proposer's self-assessment was treated more harshly than another's.

`kendall_w` is pure and takes a plain matrix (rows = raters, columns = objects), so
published worked examples can be fed to it directly. Everything is exact (fractions)
except the χ² p-value. Formulas: Kendall, M.G. (1948) Rank Correlation Methods;
Siegel & Castellan (1988) Nonparametric Statistics, 2nd ed., §9.4; the tie
correction as in NAG routine G08DAF.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from itertools import combinations, permutations
from typing import Any, Final, Literal, Protocol

from toolbench.base.errors import ToolbenchError
from toolbench.base.numbers import exact_text
from toolbench.methods.coi import Recusal
from toolbench.methods.evaluation import Evaluation, Finding, Moderation, Score, evaluate
from toolbench.model.plan import Criterion, FitAnswer, Plan
from toolbench.store.ledger import Event


class Evaluates(Protocol):
    """Anything that evaluates itself with some evaluators left out: a `Workspace` (verified, blinded)."""

    def evaluate(self, *, without: Collection[str] = ()) -> Evaluation: ...


__all__ = [
    "Concordance",
    "DivergentCell",
    "Downgrade",
    "Exclusion",
    "FairnessError",
    "FairnessReport",
    "FitVerification",
    "KendallResult",
    "LeaveOneOut",
    "Leniency",
    "Placing",
    "check_share",
    "chi2_sf",
    "compare_without",
    "concordance",
    "divergent_cells",
    "fairness_report",
    "judged_criteria",
    "kendall_w",
    "leave_one_out",
    "leniency",
    "report_data",
    "VerificationCount",
    "fit_verification",
]

EXACT_LIMIT = 200_000
"""Largest number of arrangements (n!)^(m−1) for which the permutation test is exact."""
DEFAULT_SAMPLES = 10_000
DEFAULT_SEED = 1
PANEL_SEARCH_LIMIT = 12
"""Up to this many evaluators every panel is tried for Kendall's W; above it only panels leaving out at most two."""

Number = int | float | Fraction | Decimal
Share = Fraction | Decimal | float | str
"""A share of the scale: 0.3, Decimal("0.3"), "0.3" or Fraction(3, 10)."""


class FairnessError(ToolbenchError):
    """A rater check that cannot be made as asked (a share outside 0–1, a matrix too small)."""


# --- leniency and divergent cells --------------------------------------------------


def judged_criteria(evaluation: Evaluation) -> tuple[Criterion, ...]:
    """The criteria evaluators judge that carry points: ratings (not from trials) and ordinal price."""
    judged = {c.id for c in evaluation.plan.judged_criteria() if c.kind != "must"}
    return tuple(c for c in evaluation.scored_criteria if c.id in judged)


@dataclass(frozen=True)
class Leniency:
    """How far one evaluator's ratios sit above (+) or below (−) the others' on the cells they share."""

    evaluator: str
    cells: int
    """Judged cells the evaluator scored together with at least one other counted evaluator."""
    mean: Fraction | None
    """Mean of (own ratio − mean of the others' ratios) over those cells; None without any."""

    @property
    def percent(self) -> Fraction | None:
        """The mean deviation as a percentage of the scale (ratio 1 = the criterion's full points)."""
        return None if self.mean is None else self.mean * 100


def leniency(evaluation: Evaluation) -> tuple[Leniency, ...]:
    """Each evaluator's mean deviation from the others, exactly, in the plan's evaluator order.

    Evaluators the evaluation leaves out on request (`without`) are not listed.

    Per judged cell where the evaluator and at least one other counted evaluator
    scored: own ratio − mean of the others' ratios. A committee's consensus level does
    not replace the individual scores here: leniency is about each person's judgment.
    """
    left_out = set(evaluation.without)
    deviations: dict[str, list[Fraction]] = {e.id: [] for e in evaluation.plan.evaluators if e.id not in left_out}
    for result in evaluation.results:
        for criterion in judged_criteria(evaluation):
            scores = result.cells[criterion.id].scores
            if len(scores) < 2:
                continue
            total = sum((s.ratio for s in scores), Fraction(0))
            for score in scores:
                others = (total - score.ratio) / (len(scores) - 1)
                deviations.setdefault(score.evaluator, []).append(score.ratio - others)
    return tuple(
        Leniency(e, len(found), sum(found, Fraction(0)) / len(found) if found else None)
        for e, found in deviations.items()
    )


@dataclass(frozen=True)
class DivergentCell:
    """A cell whose counted ratios spread by the share of the scale or more."""

    tool: str
    criterion: str
    spread: Fraction
    """Highest ratio − lowest ratio among the counted scores."""
    scores: tuple[Score, ...]
    moderation: Moderation | None
    """The committee's consensus level, when it has already settled the cell."""


def check_share(share: Share) -> Fraction:
    """The divergence share as an exact fraction; FairnessError unless 0 < share ≤ 1."""
    try:
        value = Fraction(str(share)) if not isinstance(share, Fraction) else share
    except (ValueError, ZeroDivisionError):
        raise FairnessError("fair.bad_share", share=share) from None
    if not 0 < value <= 1:
        raise FairnessError("fair.bad_share", share=share)
    return value


def divergent_cells(evaluation: Evaluation, share: Share | None = None) -> tuple[DivergentCell, ...]:
    """Judged cells with two or more counted scores whose spread is ≥ `share` (default: the plan's), widest first.

    Cells of equal spread keep the plan's tool order, then its criterion order.
    """
    threshold = check_share(evaluation.plan.fairness.divergence_share if share is None else share)
    found: list[DivergentCell] = []
    for result in evaluation.results:
        for criterion in judged_criteria(evaluation):
            cell = result.cells[criterion.id]
            if len(cell.scores) < 2:
                continue
            ratios = [s.ratio for s in cell.scores]
            spread = max(ratios) - min(ratios)
            if spread >= threshold:
                found.append(DivergentCell(result.tool.id, criterion.id, spread, cell.scores, cell.moderation))
    return tuple(sorted(found, key=lambda d: -d.spread))  # sorted() is stable: plan order within a spread


# --- Kendall's W ----------------------------------------------------------------


SIGNIFICANCE: Final = Fraction(5, 100)
"""The level at which Kendall's W is called significant (p ≤ 0.05), as committees usually read it."""


@dataclass(frozen=True)
class KendallResult:
    """Kendall's coefficient of concordance of m raters over n objects, with its significance.

    Ranks are average ranks, 1 for the smallest value of each rater's row.
    """

    m: int
    n: int
    ranks: tuple[tuple[Fraction, ...], ...]
    rank_sums: tuple[Fraction, ...]
    s: Fraction
    """Σ_j (R_j − m(n+1)/2)²."""
    ties: int
    """Σ over raters and groups of tied values of (t³ − t)."""
    w: Fraction
    """Uncorrected: 12 S / (m² (n³ − n))."""
    w_t: Fraction | None
    """Tie-corrected: 12 S / (m² (n³ − n) − m Σ(t³ − t)); None when every rater tied every object."""
    chi2: Fraction | None
    """m (n − 1) W_t, on n − 1 degrees of freedom."""
    chi2_uncorrected: Fraction
    df: int
    p_chi2: float | None
    """Upper tail of χ²(df) at `chi2`: the large-sample approximation."""
    p_chi2_uncorrected: float
    arrangements: int
    """(n!)^(m−1): the rankings of the other raters against the first one's."""
    method: Literal["exact", "monte_carlo"] | None
    p_permutation: Fraction | None
    """P(S ≥ S observed) when every rater's ranking is equally likely in any order:
    exact, or (hits + 1) / (samples + 1) from a seeded Monte-Carlo sample."""
    samples: int | None = None
    seed: int | None = None

    @property
    def significant(self) -> bool | None:
        """Whether the agreement is significant at the 5 % level (permutation p ≤ 0.05); None if untested."""
        if self.p_permutation is None or self.w_t is None:
            return None
        return self.p_permutation <= SIGNIFICANCE

    @property
    def coefficient(self) -> Fraction | None:
        """The figure to quote: W with the tie correction."""
        return self.w_t


def _average_ranks(values: Sequence[Fraction]) -> tuple[list[int], int]:
    """Twice the average ranks (whole numbers), and Σ(t³ − t) over the groups of ties."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    doubled = [0] * len(values)
    ties = 0
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            doubled[order[position]] = (start + 1) + (end + 1)  # 2 × the mean of positions start+1 … end+1
        size = end - start + 1
        ties += size**3 - size
        start = end + 1
    return doubled, ties


def _spread_statistic(sums: Sequence[int], centre: int) -> int:
    """4 S from doubled rank sums (whole numbers, so comparisons are exact)."""
    return sum((x - centre) ** 2 for x in sums)


def kendall_w(
    matrix: Sequence[Sequence[Number]],
    *,
    seed: int = DEFAULT_SEED,
    samples: int = DEFAULT_SAMPLES,
    exact_limit: int = EXACT_LIMIT,
) -> KendallResult:
    """Kendall's W for a matrix with one row per rater and one column per object.

    Each row is ranked (smallest value rank 1, average ranks for ties). The
    permutation test is exact when (n!)^(m−1) ≤ `exact_limit`, else it draws
    `samples` arrangements with `random.Random(seed)` (0 samples: no test).
    """
    rows = [list(row) for row in matrix]
    m = len(rows)
    n = len(rows[0]) if rows else 0
    if m < 2 or n < 2 or any(len(row) != n for row in rows):
        raise FairnessError("fair.bad_matrix", m=m, n=n)
    if samples < 0:
        raise FairnessError("fair.bad_samples", samples=samples)
    values: list[list[Fraction]] = []
    for row in rows:
        try:
            values.append([Fraction(x) for x in row])
        except (ValueError, OverflowError, TypeError):
            raise FairnessError("fair.bad_value", row=", ".join(str(x) for x in row)) from None
    doubled: list[list[int]] = []
    ties = 0
    for row_values in values:
        ranks, row_ties = _average_ranks(row_values)
        doubled.append(ranks)
        ties += row_ties
    sums2 = [sum(row[j] for row in doubled) for j in range(n)]
    centre2 = m * (n + 1)  # twice the expected rank sum m(n+1)/2
    s = Fraction(_spread_statistic(sums2, centre2), 4)
    base = m * m * (n**3 - n)
    w = 12 * s / base
    corrected = base - m * ties
    w_t = 12 * s / corrected if corrected else None
    df = n - 1
    chi2 = m * df * w_t if w_t is not None else None
    chi2_unc = m * df * w
    arrangements = math.factorial(n) ** (m - 1)
    observed = _spread_statistic(sums2, centre2)
    method: Literal["exact", "monte_carlo"] | None
    if arrangements <= exact_limit:
        method, p_perm = "exact", _exact_p(doubled, observed, centre2)
        used_samples, used_seed = None, None
    elif samples > 0:
        method, p_perm = "monte_carlo", _sampled_p(doubled, observed, centre2, samples, seed)
        used_samples, used_seed = samples, seed
    else:
        method, p_perm, used_samples, used_seed = None, None, None, None
    return KendallResult(
        m=m,
        n=n,
        ranks=tuple(tuple(Fraction(r, 2) for r in row) for row in doubled),
        rank_sums=tuple(Fraction(x, 2) for x in sums2),
        s=s,
        ties=ties,
        w=w,
        w_t=w_t,
        chi2=chi2,
        chi2_uncorrected=chi2_unc,
        df=df,
        p_chi2=chi2_sf(float(chi2), df) if chi2 is not None else None,
        p_chi2_uncorrected=chi2_sf(float(chi2_unc), df),
        arrangements=arrangements,
        method=method,
        p_permutation=p_perm,
        samples=used_samples,
        seed=used_seed,
    )


def _exact_p(doubled: list[list[int]], observed: int, centre: int) -> Fraction:
    """P(S ≥ observed) over every ranking of raters 2 … m against the first, counted exactly.

    Rank-sum vectors are merged as they are built, so the work stays below the
    number of arrangements. A rater with ties has n! orderings of the same ranks;
    each distinct one is weighted by how many orderings give it.
    """
    states: Counter[tuple[int, ...]] = Counter({tuple(doubled[0]): 1})
    for row in doubled[1:]:
        orderings = Counter(permutations(row))
        merged: Counter[tuple[int, ...]] = Counter()
        for sums, count in states.items():
            for ordering, times in orderings.items():
                merged[tuple(a + b for a, b in zip(sums, ordering, strict=True))] += count * times
        states = merged
    total = sum(states.values())
    hits = sum(count for sums, count in states.items() if _spread_statistic(sums, centre) >= observed)
    return Fraction(hits, total)


def _sampled_p(doubled: list[list[int]], observed: int, centre: int, samples: int, seed: int) -> Fraction:
    """(hits + 1) / (samples + 1) over random orderings of raters 2 … m (Phipson & Smyth 2010)."""
    rng = random.Random(seed)
    first = doubled[0]
    others = [list(row) for row in doubled[1:]]
    hits = 0
    for _ in range(samples):
        sums = list(first)
        for row in others:
            rng.shuffle(row)
            for j, value in enumerate(row):
                sums[j] += value
        if _spread_statistic(sums, centre) >= observed:
            hits += 1
    return Fraction(hits + 1, samples + 1)


def chi2_sf(x: float, df: int) -> float:
    """P(X ≥ x) for X ~ χ²(df): the regularized upper incomplete gamma Q(df/2, x/2).

    Series for x/2 < df/2 + 1, continued fraction (modified Lentz) otherwise, as in
    Press et al., Numerical Recipes, §6.2.
    """
    if df < 1:
        raise FairnessError("fair.bad_df", df=df)
    if x <= 0:
        return 1.0
    a, z = df / 2, x / 2
    log_front = a * math.log(z) - z - math.lgamma(a)
    if z < a + 1:
        term = total = 1 / a
        k = a
        for _ in range(10_000):
            k += 1
            term *= z / k
            total += term
            if abs(term) < abs(total) * 1e-16:
                break
        return max(0.0, 1 - total * math.exp(log_front))
    tiny = 1e-300
    b = z + 1 - a
    c = 1 / tiny
    d = 1 / b
    h = d
    for i in range(1, 10_000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        step = d * c
        h *= step
        if abs(step - 1) < 1e-16:
            break
    return min(1.0, math.exp(log_front) * h)


# --- concordance across the committee ----------------------------------------------


@dataclass(frozen=True)
class Exclusion:
    """An evaluator or tool left out of Kendall's W, and why.

    For an evaluator: the tools of the comparison they are recused from, and those
    they left a criterion of the comparison unscored on. For a tool: the evaluators of
    the comparison recused from it, and those who did not score it.
    """

    id: str
    recused: tuple[str, ...] = ()
    unscored: tuple[str, ...] = ()


@dataclass(frozen=True)
class Concordance:
    """Kendall's W across the evaluators, each ranking the tools by their own points.

    Only a panel that can rank the same tools on the same criteria is compared: the
    panel (two or more evaluators) and tools (two or more) giving the most rankings
    (evaluators × tools), then the most tools, then the most criteria.
    """

    evaluators: tuple[str, ...]
    tools: tuple[str, ...]
    criteria: tuple[str, ...]
    totals: tuple[tuple[Fraction, ...], ...]
    """Per evaluator (row) and tool (column): Σ points × ratio over `criteria`."""
    kendall: KendallResult | None
    """None when no two evaluators scored two tools on a common criterion."""
    left_out_evaluators: tuple[Exclusion, ...] = ()
    left_out_tools: tuple[Exclusion, ...] = ()
    left_out_criteria: tuple[str, ...] = ()


def concordance(
    evaluation: Evaluation,
    *,
    seed: int = DEFAULT_SEED,
    samples: int = DEFAULT_SAMPLES,
    evaluators: Collection[str] | None = None,
    exact_limit: int = EXACT_LIMIT,
) -> Concordance:
    """Kendall's W of the evaluators' own totals over the tools and criteria they all scored.

    Each evaluator's figure for a tool is Σ 配点 × their ratio over the judged criteria
    every compared evaluator scored for every compared tool (exact, never rounded);
    rank 1 is the highest. An evaluator recused from a tool cannot rank it, so the
    panel is chosen as described in `Concordance` unless `evaluators` names it.
    """
    criteria = judged_criteria(evaluation)
    tool_ids = [r.tool.id for r in evaluation.results]
    ratio: dict[tuple[str, str, str], Fraction] = {}
    for result in evaluation.results:
        for criterion in criteria:
            for score in result.cells[criterion.id].scores:
                ratio[(score.evaluator, result.tool.id, criterion.id)] = score.ratio
    recused = evaluation.recusals
    if evaluators is None:
        candidates = [e.id for e in evaluation.plan.evaluators if e.id not in evaluation.without]
        sizes = range(len(candidates), 1, -1)
        if len(candidates) > PANEL_SEARCH_LIMIT:
            sizes = range(len(candidates), len(candidates) - 3, -1)
        panels: Iterable[tuple[str, ...]] = (p for size in sizes for p in combinations(candidates, size))
    else:
        candidates = [e.id for e in evaluation.plan.evaluators if e.id in evaluators]
        panels = [tuple(candidates)]

    def comparison(panel: Sequence[str]) -> tuple[list[str], list[Criterion]]:
        tools = [
            t
            for t in tool_ids
            if all((e, t) not in recused and any((e, t, c.id) in ratio for c in criteria) for e in panel)
        ]
        common = [c for c in criteria if all((e, t, c.id) in ratio for e in panel for t in tools)]
        return tools, common

    best: tuple[tuple[int, int, int], tuple[str, ...], list[str], list[Criterion]] | None = None
    for panel in panels:
        tools, common = comparison(panel)
        if len(panel) < 2 or len(tools) < 2 or not common:
            continue
        key = (len(panel) * len(tools), len(tools), len(common))
        if best is None or key > best[0]:
            best = (key, panel, tools, common)
    if best is None:
        return Concordance((), (), (), (), None, left_out_criteria=tuple(c.id for c in criteria))
    _, panel, tools, common = best
    totals = tuple(
        tuple(sum((Fraction(c.points) * ratio[(e, t, c.id)] for c in common), Fraction(0)) for t in tools)
        for e in panel
    )
    # negated, so that rank 1 is the highest total
    ranked = kendall_w([[-x for x in row] for row in totals], seed=seed, samples=samples, exact_limit=exact_limit)

    def missing(e: str, t: str) -> bool:
        return any((e, t, c.id) not in ratio for c in common)

    left_evaluators = tuple(
        Exclusion(
            e,
            tuple(t for t in tools if (e, t) in recused),
            tuple(t for t in tools if (e, t) not in recused and missing(e, t)),
        )
        for e in candidates
        if e not in panel
    )
    left_tools = tuple(
        Exclusion(
            t,
            tuple(e for e in panel if (e, t) in recused),
            tuple(e for e in panel if (e, t) not in recused and missing(e, t)),
        )
        for t in tool_ids
        if t not in tools
    )
    return Concordance(
        evaluators=tuple(panel),
        tools=tuple(tools),
        criteria=tuple(c.id for c in common),
        totals=totals,
        kendall=ranked,
        left_out_evaluators=left_evaluators,
        left_out_tools=left_tools,
        left_out_criteria=tuple(c.id for c in criteria if c not in common),
    )


# --- leave one evaluator out --------------------------------------------------------


@dataclass(frozen=True)
class Placing:
    """One tool's rank and ranking figure with everyone, and without one evaluator."""

    tool: str
    rank_before: int | None
    rank_after: int | None
    figure_before: Fraction | None
    """What the rank follows: the total (the 評価値 under 除算方式); None without one."""
    figure_after: Fraction | None
    disqualified_before: bool = False
    disqualified_after: bool = False
    findings_after: tuple[Finding, ...] = ()
    """Why the tool is disqualified without the evaluator (when it is)."""

    @property
    def changed(self) -> bool:
        return self.rank_before != self.rank_after or self.disqualified_before != self.disqualified_after


@dataclass(frozen=True)
class LeaveOneOut:
    """The evaluation without one evaluator, compared with the evaluation with everyone."""

    evaluator: str
    counted: int
    """Scores and must-have votes of this evaluator that count with everyone in."""
    winner_before: tuple[str, ...]
    """Tools ranked 1 (more than one only while tied after the tie-break chain)."""
    winner_after: tuple[str, ...]
    placings: tuple[Placing, ...]
    """Every tool, in the order of the ranking with everyone."""

    @property
    def winner_changed(self) -> bool:
        return self.winner_before != self.winner_after

    @property
    def rank_changes(self) -> tuple[Placing, ...]:
        return tuple(p for p in self.placings if p.changed)


def _winners(evaluation: Evaluation) -> tuple[str, ...]:
    return tuple(r.tool.id for r in evaluation.ranking() if r.rank == 1)


def _counted(evaluation: Evaluation, evaluator: str) -> int:
    count = 0
    for result in evaluation.results:
        count += sum(1 for cell in result.cells.values() for s in cell.scores if s.evaluator == evaluator)
        count += sum(1 for must in result.musts.values() for v in must.votes if v.evaluator == evaluator)
    return count


def compare_without(evaluation: Evaluation, without: Mapping[str, Evaluation]) -> tuple[LeaveOneOut, ...]:
    """Compare the evaluation with everyone against each evaluation without one evaluator."""
    out = []
    order = evaluation.ranking()
    for evaluator, other in without.items():
        after = {r.tool.id: r for r in other.results}
        placings = tuple(
            Placing(
                r.tool.id,
                r.rank,
                after[r.tool.id].rank,
                r.figure,
                after[r.tool.id].figure,
                bool(r.disqualified),
                bool(after[r.tool.id].disqualified),
                after[r.tool.id].disqualified,
            )
            for r in order
        )
        out.append(
            LeaveOneOut(evaluator, _counted(evaluation, evaluator), _winners(evaluation), _winners(other), placings)
        )
    return tuple(out)


def _runner(source: Evaluates | Plan, events: Iterable[Event]) -> Callable[[Collection[str]], Evaluation]:
    """How to evaluate the source with some evaluators left out (a workspace also verifies and blinds)."""
    if isinstance(source, Plan):
        plan, listed = source, list(events)
        return lambda without: evaluate(plan, listed, without=without)
    workspace = source
    return lambda without: workspace.evaluate(without=without)


def leave_one_out(source: Evaluates | Plan, events: Iterable[Event] = ()) -> tuple[LeaveOneOut, ...]:
    """For every evaluator: the evaluation without them against the evaluation with everyone.

    `source` is a workspace (its ledger is verified, blind labels apply) or a plan
    with its ledger events.
    """
    run = _runner(source, events)
    everyone = run(())
    return compare_without(everyone, _without_each(everyone, run))


def _without_each(evaluation: Evaluation, run: Callable[[Collection[str]], Evaluation]) -> dict[str, Evaluation]:
    left = set(evaluation.without)
    return {e.id: run([*evaluation.without, e.id]) for e in evaluation.plan.evaluators if e.id not in left}


# --- the 事務局's verification of requirement fit answers --------------------------------------


@dataclass(frozen=True)
class VerificationCount:
    """Where one proposer's requirement fit answers stand in the 事務局's verification (every fit criterion)."""

    tool: str
    answers: int
    accepted: int
    downgraded: int
    queried: int
    unverified: int
    claimed: int
    """Its own ○ and △ answers: what a downgrade can touch."""
    claimed_verified: int
    """Of those, the ones the 事務局 has accepted or downgraded."""

    @property
    def share(self) -> Fraction | None:
        """The share of its ○ and △ answers downgraded; None when it gave none."""
        return Fraction(self.downgraded, self.claimed) if self.claimed else None

    @property
    def verified_share(self) -> Fraction | None:
        """The share of its verified ○ and △ answers downgraded: comparable while verification is under way."""
        return Fraction(self.downgraded, self.claimed_verified) if self.claimed_verified else None


@dataclass(frozen=True)
class Downgrade:
    """One answer the 事務局 downgraded, with the reason it recorded."""

    tool: str
    criterion: str
    requirement: str
    answer: FitAnswer
    value: FitAnswer
    """What counts instead (○ → △, △ → ×)."""
    reason: str
    seq: int
    """The verification event."""


@dataclass(frozen=True)
class FitVerification:
    """Per proposer, how its self-assessment fared in verification, and every downgrade."""

    counts: tuple[VerificationCount, ...]
    downgrades: tuple[Downgrade, ...]

    @property
    def awaiting(self) -> int:
        """Answers queried or not yet verified."""
        return sum(c.queried + c.unverified for c in self.counts)


def fit_verification(evaluation: Evaluation) -> FitVerification | None:
    """Each proposer's fit answers by verification status, and each downgrade; None without fit criteria.

    Read from the evaluation's fit cells (`methods.fit`): a verification counts only for the
    answer it was made on, so an answer given again is unverified until verified again.
    """
    criteria = [c for c in evaluation.scored_criteria if c.kind == "fit"]
    if not criteria:
        return None
    counts: list[VerificationCount] = []
    downgrades: list[Downgrade] = []
    for result in evaluation.results:
        status: Counter[str] = Counter()
        claimed = claimed_verified = 0
        for criterion in criteria:
            fit = result.cells[criterion.id].fit
            for row in fit.rows if fit is not None else ():
                if row.answer is None or row.status is None:
                    continue
                status[row.status] += 1
                if row.answer.answer in ("yes", "partial"):
                    claimed += 1
                    claimed_verified += row.status in ("accepted", "downgraded")
                if row.status == "downgraded" and row.verification is not None:
                    downgrades.append(
                        Downgrade(
                            result.tool.id,
                            criterion.id,
                            row.requirement.id,
                            row.answer.answer,
                            row.verification.value,
                            row.verification.reason,
                            row.verification.seq,
                        )
                    )
        counts.append(
            VerificationCount(
                result.tool.id,
                sum(status.values()),
                status["accepted"],
                status["downgraded"],
                status["queried"],
                status["unverified"],
                claimed,
                claimed_verified,
            )
        )
    return FitVerification(tuple(counts), tuple(downgrades))


# --- all four ------------------------------------------------------------------------


@dataclass(frozen=True)
class FairnessReport:
    """The four rater checks on one evaluation, and the recusals behind them."""

    evaluation: Evaluation
    share: Fraction
    leniency: tuple[Leniency, ...]
    divergent: tuple[DivergentCell, ...]
    concordance: Concordance
    leave_one_out: tuple[LeaveOneOut, ...]
    fit: FitVerification | None = None
    """With requirement fit criteria: the 事務局's verification of each proposer's answers."""

    @property
    def recusals(self) -> tuple[Recusal, ...]:
        return tuple(self.evaluation.recusals.values())


def fairness_report(
    source: Evaluates | Plan,
    events: Iterable[Event] = (),
    *,
    share: Share | None = None,
    seed: int = DEFAULT_SEED,
    samples: int = DEFAULT_SAMPLES,
) -> FairnessReport:
    """Leniency, divergent cells, Kendall's W and leave-one-evaluator-out for a workspace (or plan + events).

    `share` overrides the plan's `[fairness] divergence_share`; `seed` and `samples`
    drive the Monte-Carlo permutation test when the exact one would be too long.
    """
    if share is not None:
        check_share(share)
    if samples < 0:
        raise FairnessError("fair.bad_samples", samples=samples)
    run = _runner(source, events)
    evaluation = run(())
    threshold = check_share(evaluation.plan.fairness.divergence_share if share is None else share)
    return FairnessReport(
        evaluation=evaluation,
        share=threshold,
        leniency=leniency(evaluation),
        divergent=divergent_cells(evaluation, threshold),
        concordance=concordance(evaluation, seed=seed, samples=samples),
        leave_one_out=compare_without(evaluation, _without_each(evaluation, run)),
        fit=fit_verification(evaluation),
    )


def _exact(value: Fraction | None) -> str | None:
    return None if value is None else exact_text(value)


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def report_data(report: FairnessReport) -> dict[str, Any]:
    """The report as plain data (JSON): exact figures as text ("197/238"), with floats beside them."""
    evaluation = report.evaluation
    plan = evaluation.plan
    agreement = report.concordance
    k = agreement.kendall
    kendall: dict[str, Any] = {
        "evaluators": list(agreement.evaluators),
        "tools": list(agreement.tools),
        "criteria": list(agreement.criteria),
        "totals": {
            e: {t: exact_text(agreement.totals[i][j]) for j, t in enumerate(agreement.tools)}
            for i, e in enumerate(agreement.evaluators)
        },
        "left_out": {
            "evaluators": [
                {"evaluator": x.id, "recused_from": list(x.recused), "unscored": list(x.unscored)}
                for x in agreement.left_out_evaluators
            ],
            "tools": [
                {"tool": x.id, "recused": list(x.recused), "unscored_by": list(x.unscored)}
                for x in agreement.left_out_tools
            ],
            "criteria": list(agreement.left_out_criteria),
        },
    }
    if k is not None:
        kendall |= {
            "ranks": {
                e: {t: exact_text(k.ranks[i][j]) for j, t in enumerate(agreement.tools)}
                for i, e in enumerate(agreement.evaluators)
            },
            "rank_sums": {t: exact_text(k.rank_sums[j]) for j, t in enumerate(agreement.tools)},
            "m": k.m,
            "n": k.n,
            "S": exact_text(k.s),
            "sum_t3_minus_t": k.ties,
            "W": _float(k.w_t),
            "W_exact": _exact(k.w_t),
            "W_uncorrected": float(k.w),
            "W_uncorrected_exact": exact_text(k.w),
            "chi2": _float(k.chi2),
            "chi2_uncorrected": float(k.chi2_uncorrected),
            "df": k.df,
            "p_chi2": k.p_chi2,
            "p_chi2_uncorrected": k.p_chi2_uncorrected,
            "permutation": {
                "method": k.method,
                "p": _float(k.p_permutation),
                "p_exact": _exact(k.p_permutation),
                "arrangements": k.arrangements,
                "samples": k.samples,
                "seed": k.seed,
            },
        }
    return {
        "plan_hash": plan.hash,
        "ledger_head": {"seq": evaluation.head_seq, "hash": evaluation.head_hash},
        "divergence_share": exact_text(report.share),
        "evaluators": [{"id": e.id, "name": e.name} for e in plan.evaluators],
        "without": list(evaluation.without),
        "recusals": [
            {
                "evaluator": r.evaluator,
                "tool": r.tool,
                "basis": r.basis,
                # while blind, the company would tell which candidate a label stands for
                "company": None if evaluation.blind else r.company,
                "role": None if evaluation.blind else r.role,
                "event": r.seq,
            }
            for r in report.recusals
        ],
        "leniency": [
            {
                "evaluator": x.evaluator,
                "cells": x.cells,
                "mean_deviation": _float(x.mean),
                "mean_deviation_exact": _exact(x.mean),
                "percent_of_scale": _float(x.percent),
            }
            for x in report.leniency
        ],
        "divergent_cells": [
            {
                "tool": d.tool,
                "criterion": d.criterion,
                "spread": float(d.spread),
                "spread_exact": exact_text(d.spread),
                "levels": {s.evaluator: s.level for s in d.scores},
                "ratios": {s.evaluator: exact_text(s.ratio) for s in d.scores},
                "moderated": None if d.moderation is None else d.moderation.level,
            }
            for d in report.divergent
        ],
        "kendall": kendall,
        "leave_one_out": [
            {
                "evaluator": x.evaluator,
                "counted": x.counted,
                "winner_before": list(x.winner_before),
                "winner_after": list(x.winner_after),
                "winner_changed": x.winner_changed,
                "rank_changes": [p.tool for p in x.rank_changes],
                "tools": [
                    {
                        "tool": p.tool,
                        "rank_before": p.rank_before,
                        "rank_after": p.rank_after,
                        "figure_before": _exact(p.figure_before),
                        "figure_after": _exact(p.figure_after),
                        "disqualified_before": p.disqualified_before,
                        "disqualified_after": p.disqualified_after,
                    }
                    for p in x.placings
                ],
            }
            for x in report.leave_one_out
        ],
    } | ({"fit_verification": _fit_data(report.fit)} if report.fit is not None else {})


def _fit_data(found: FitVerification) -> dict[str, Any]:
    return {
        "tools": [
            {
                "tool": c.tool,
                "answers": c.answers,
                "accepted": c.accepted,
                "downgraded": c.downgraded,
                "queried": c.queried,
                "unverified": c.unverified,
                "claimed": c.claimed,
                "claimed_verified": c.claimed_verified,
                "downgraded_share": _float(c.share),
                "downgraded_share_exact": _exact(c.share),
                "verified_downgraded_share": _float(c.verified_share),
                "verified_downgraded_share_exact": _exact(c.verified_share),
            }
            for c in found.counts
        ],
        "downgrades": [
            {
                "tool": d.tool,
                "criterion": d.criterion,
                "requirement": d.requirement,
                "answer": d.answer,
                "value": d.value,
                "reason": d.reason,
                "event": d.seq,
            }
            for d in found.downgrades
        ],
    }
