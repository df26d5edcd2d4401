"""The proposal procedure (公募型プロポーザル) from plan and ledger: a pure computation.

A plan with `[[stages]]` runs as published municipal procedures do:

1. 参加資格審査 (a qualification stage): the 事務局 judges each entry requirement pass or
   fail with the evidence named (`qualification.judged`); a proposer failing any one
   takes no further part. Nothing is scored before it closes.
2. Scored stages (一次審査・二次審査 …), each opened and closed in order. A stage scores
   its own criteria for the proposers still in; members recorded absent from a
   proposer's presentation (`attendance.recorded`) do not score it and count like a
   recusal. Closing a stage records its shortlist: the top N and/or those at or above
   the pass mark (a share of the stage's points).
3. 辞退: a proposer may withdraw at any stage (`proposer.withdrew`). From then on it is
   shown as withdrawn, never dropped; a stage closed before the withdrawal keeps it.
   Whether its price still counts as a bid where price points depend on the lowest bid
   is the plan's `[procedure] withdrawn_bids`.
4. Draws by lot (presentation order, a tie the chain leaves open): a commitment to a
   secret seed is recorded first (`draw.committed`), the seed is revealed after
   (`draw.revealed`), and the order follows from the seed, an optional witness value
   and the candidates alone, so anyone recomputes it from the ledger.
5. The decision (`decision.recorded`): 最優秀提案者, 次点 and the negotiation order. The
   rules give an order (final points, the tie-break chain, drawn lots); a decision that
   departs from it carries a reason that every document discloses.

The final points are the last stage's alone or the sum of the scored stages' totals
(`[procedure] final`).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from math import ceil
from types import MappingProxyType
from typing import Any, Literal

from toolbench.methods.coi import Recusal
from toolbench.methods.evaluation import (
    SCORE_RECORDED,
    Evaluation,
    Finding,
    ToolResult,
    effective_plan,
    evaluate,
    rank_results,
)
from toolbench.methods.locking import lock_state
from toolbench.model.plan import Plan, Stage, Text, WeightsRule
from toolbench.store.ledger import Event

STAGE_OPENED = "stage.opened"
STAGE_CLOSED = "stage.closed"
STAGE_REOPENED = "stage.reopened"
QUALIFICATION_JUDGED = "qualification.judged"
ATTENDANCE_RECORDED = "attendance.recorded"
PROPOSER_WITHDREW = "proposer.withdrew"
DRAW_COMMITTED = "draw.committed"
DRAW_REVEALED = "draw.revealed"
DECISION_RECORDED = "decision.recorded"
NEGOTIATION_RECORDED = "negotiation.recorded"
REVIEW_RECORDED = "review.recorded"

PROCEDURE_KINDS = frozenset(
    {
        STAGE_OPENED,
        STAGE_CLOSED,
        STAGE_REOPENED,
        QUALIFICATION_JUDGED,
        ATTENDANCE_RECORDED,
        PROPOSER_WITHDREW,
        DRAW_COMMITTED,
        DRAW_REVEALED,
        DECISION_RECORDED,
        NEGOTIATION_RECORDED,
        REVIEW_RECORDED,
    }
)
"""Every event the procedure reads: few per evaluation, read whole by each writer that checks a rule."""

FINAL = "final"
"""The draw id's stage part for a tie in the final ranking."""


# --- what the ledger says -------------------------------------------------------------


@dataclass(frozen=True)
class Judgement:
    """The 事務局's verdict on one entry requirement for one proposer, with its evidence."""

    tool: str
    requirement: str
    verdict: Literal["pass", "fail"]
    evidence: str
    seq: int
    ts: str
    actor: str
    reason: str | None = None


@dataclass(frozen=True)
class Attendance:
    """Who was present: at a proposer's presentation (`tool`), or at the stage's committee meeting."""

    stage: str
    tool: str | None
    present: tuple[str, ...]
    absent: tuple[str, ...]
    seq: int
    ts: str


@dataclass(frozen=True)
class Withdrawal:
    """辞退: the proposer, the date the withdrawal was received, its reason, and the stage it fell in."""

    tool: str
    date: str
    reason: str
    stage: str | None
    seq: int
    ts: str


@dataclass(frozen=True)
class Draw:
    """A draw by lot: the commitment recorded before it and, once revealed, the seed and the order."""

    id: str
    purpose: Literal["order", "tie"]
    stage: str
    candidates: tuple[str, ...]
    commitment: str
    committed_seq: int
    committed_ts: str
    seed: str | None = None
    witness: str = ""
    order: tuple[str, ...] = ()
    revealed_seq: int | None = None
    revealed_ts: str | None = None

    @property
    def revealed(self) -> bool:
        return self.revealed_seq is not None

    def problem(self) -> str | None:
        """Why the revealed draw does not hold (a seed that is not the one committed to, an order
        that does not follow from it), or None when anyone recomputing it gets the recorded order."""
        if self.seed is None:
            return None
        if draw_commitment(self.seed) != self.commitment:
            return "seed"
        if draw_order(self.seed, self.witness, self.candidates) != self.order:
            return "order"
        return None


@dataclass(frozen=True)
class Decision:
    """The committee's decision: 最優秀提案者, 次点, the negotiation order, who was present, any override."""

    preferred: str
    runner_up: str | None
    order: tuple[str, ...]
    present: tuple[str, ...]
    override: str | None
    seq: int
    ts: str
    actor: str
    departures: tuple[Finding, ...] = ()
    """Where the decision departs from the order the rules give (recorded with the override)."""


@dataclass(frozen=True)
class Negotiation:
    """The outcome of negotiating with one proposer (随意契約の交渉): agreed, or failed with its reason."""

    tool: str
    outcome: Literal["agreed", "failed"]
    reason: str
    seq: int
    ts: str


@dataclass(frozen=True)
class Review:
    """The committee's words for the 審査講評: on the whole (`tool` None) or on one proposer."""

    tool: str | None
    text: str
    seq: int
    ts: str


@dataclass(frozen=True)
class StageEvents:
    """One stage's opening, closing and reopenings as recorded."""

    opened: Event | None = None
    closed: Event | None = None
    reopened: tuple[Event, ...] = ()

    @property
    def status(self) -> Literal["waiting", "open", "closed"]:
        if self.closed is not None:
            return "closed"
        return "open" if self.opened is not None else "waiting"


@dataclass(frozen=True)
class ProcedureLog:
    """Everything the procedure's events say, folded in ledger order (later supersedes earlier)."""

    stages: Mapping[str, StageEvents]
    judgements: Mapping[tuple[str, str], Judgement]
    attendance: Mapping[tuple[str, str | None], Attendance]
    withdrawals: Mapping[str, Withdrawal]
    draws: Mapping[str, Draw]
    decision: Decision | None
    negotiations: tuple[Negotiation, ...]
    reviews: Mapping[str | None, Review]


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def procedure_log(events: Iterable[Event]) -> ProcedureLog:
    """Fold the procedure's events (any others are skipped)."""
    stages: dict[str, StageEvents] = {}
    judgements: dict[tuple[str, str], Judgement] = {}
    attendance: dict[tuple[str, str | None], Attendance] = {}
    withdrawals: dict[str, Withdrawal] = {}
    draws: dict[str, Draw] = {}
    decision: Decision | None = None
    negotiations: list[Negotiation] = []
    reviews: dict[str | None, Review] = {}
    for event in sorted((e for e in events if e.kind in PROCEDURE_KINDS), key=lambda e: e.seq):
        p = event.payload
        kind = event.kind
        if kind in (STAGE_OPENED, STAGE_CLOSED, STAGE_REOPENED):
            stage_id = str(p.get("stage", ""))
            known = stages.get(stage_id, StageEvents())
            if kind == STAGE_OPENED:
                known = replace(known, opened=event)
            elif kind == STAGE_CLOSED:
                known = replace(known, closed=event)
            else:
                known = replace(known, closed=None, reopened=(*known.reopened, event))
            stages[stage_id] = known
        elif kind == QUALIFICATION_JUDGED:
            verdict: Literal["pass", "fail"] = "pass" if p.get("verdict") == "pass" else "fail"
            key = (str(p.get("tool", "")), str(p.get("requirement", "")))
            judgements[key] = Judgement(
                key[0], key[1], verdict, str(p.get("evidence", "")), event.seq, event.ts, event.actor, p.get("reason")
            )
        elif kind == ATTENDANCE_RECORDED:
            tool = p.get("tool")
            where = (str(p.get("stage", "")), str(tool) if tool is not None else None)
            attendance[where] = Attendance(
                where[0], where[1], _texts(p.get("present")), _texts(p.get("absent")), event.seq, event.ts
            )
        elif kind == PROPOSER_WITHDREW:
            tool_id = str(p.get("tool", ""))
            stage = p.get("stage")
            withdrawals.setdefault(
                tool_id,
                Withdrawal(
                    tool_id,
                    str(p.get("date", "")),
                    str(p.get("reason", "")),
                    str(stage) if stage else None,
                    event.seq,
                    event.ts,
                ),
            )
        elif kind == DRAW_COMMITTED:
            draw_id = str(p.get("draw", ""))
            draws[draw_id] = Draw(
                draw_id,
                "tie" if p.get("purpose") == "tie" else "order",
                str(p.get("stage", "")),
                _texts(p.get("candidates")),
                str(p.get("commitment", "")),
                event.seq,
                event.ts,
            )
        elif kind == DRAW_REVEALED:
            draw_id = str(p.get("draw", ""))
            if draw_id in draws:
                draws[draw_id] = replace(
                    draws[draw_id],
                    seed=str(p.get("seed", "")),
                    witness=str(p.get("witness", "")),
                    order=_texts(p.get("order")),
                    revealed_seq=event.seq,
                    revealed_ts=event.ts,
                )
        elif kind == DECISION_RECORDED:
            runner = p.get("runner_up")
            decision = Decision(
                str(p.get("preferred", "")),
                str(runner) if runner else None,
                _texts(p.get("order")),
                _texts(p.get("present")),
                str(p["override"]) if p.get("override") else None,
                event.seq,
                event.ts,
                event.actor,
                tuple(Finding(str(d.get("key", "")), dict(d.get("params", {}))) for d in p.get("departures", [])),
            )
        elif kind == NEGOTIATION_RECORDED:
            outcome: Literal["agreed", "failed"] = "agreed" if p.get("outcome") == "agreed" else "failed"
            negotiations.append(
                Negotiation(str(p.get("tool", "")), outcome, str(p.get("reason", "")), event.seq, event.ts)
            )
        elif kind == REVIEW_RECORDED:
            tool = p.get("tool")
            reviews[str(tool) if tool else None] = Review(
                str(tool) if tool else None, str(p.get("text", "")), event.seq, event.ts
            )
    return ProcedureLog(
        MappingProxyType(stages),
        MappingProxyType(judgements),
        MappingProxyType(attendance),
        MappingProxyType(withdrawals),
        MappingProxyType(draws),
        decision,
        tuple(negotiations),
        MappingProxyType(reviews),
    )


# --- draws by lot ---------------------------------------------------------------------


def draw_commitment(seed: str) -> str:
    """The commitment recorded before a draw: SHA-256 of the secret seed (hex)."""
    return hashlib.sha256(f"toolbench-draw\n{seed}".encode()).hexdigest()


def draw_order(seed: str, witness: str, candidates: Sequence[str]) -> tuple[str, ...]:
    """The order a draw gives: candidates sorted by SHA-256 of (seed, witness value, candidate id).

    Nothing else enters it, so anyone with the ledger recomputes it; the seed was fixed
    (by its commitment) before the witness value was known, and the witness value (a
    number called out at the meeting) keeps whoever chose the seed from choosing the result.
    """
    return tuple(sorted(candidates, key=lambda c: hashlib.sha256(f"{seed}\n{witness}\n{c}".encode()).hexdigest()))


def draw_id(purpose: str, stage: str) -> str:
    """The id of a draw: its purpose and stage (`order:presentation`, `tie:final`)."""
    return f"{purpose}:{stage}"


# --- the stages -----------------------------------------------------------------------


Outcome = Literal["pass", "fail", "pending"]


@dataclass(frozen=True)
class StageResult:
    """One stage as it stands: who entered, who withdrew, the evaluation or verdicts, who goes on."""

    stage: Stage
    status: Literal["waiting", "open", "closed"]
    entrants: tuple[str, ...]
    """Who entered the stage, in the plan's order (empty while the stage before is not closed)."""
    participants: tuple[str, ...]
    """Entrants not withdrawn before the stage closed: who the stage ranks."""
    withdrawn: tuple[str, ...]
    """Entrants who withdrew while the stage ran (before it closed)."""
    evaluation: Evaluation | None = None
    qualification: Mapping[str, Outcome] = field(default_factory=dict)
    shortlist: tuple[str, ...] | None = None
    """Who goes on: as recorded when the stage closed, else as the figures stand now (None: no shortlist rule)."""
    computed: tuple[str, ...] | None = None
    """The shortlist recomputed now (differs from `shortlist` only if something changed after closing)."""
    cut: Mapping[str, str] = field(default_factory=dict)
    """Participants not going on, and why: below_top_n, below_pass_mark, disqualified, failed, pending."""
    pass_mark: Fraction | None = None
    """The points at or above which a proposer goes on (the plan's share of the stage's points)."""
    order: Draw | None = None
    """The presentation order drawn by lot, once committed."""
    meeting: Attendance | None = None
    closed_with: str | None = None
    """The reason given for closing the stage with scores still missing."""
    tie_draws: tuple[Draw, ...] = ()
    """Draws by lot for ties at this stage's shortlist edge."""

    @property
    def tie_draw(self) -> Draw | None:
        return self.tie_draws[0] if self.tie_draws else None

    @property
    def awaiting_draw(self) -> tuple[str, ...]:
        """Participants level at the shortlist's edge whom only a draw by lot can separate."""
        return tuple(t for t, why in self.cut.items() if why == "awaiting_draw")

    @property
    def goes_on(self) -> tuple[str, ...]:
        """Who enters the next stage: the shortlist, or every participant still eligible."""
        if self.shortlist is not None:
            return self.shortlist
        if self.evaluation is not None:
            return tuple(t for t in self.participants if self.evaluation.result(t).eligible)
        return tuple(t for t in self.participants if self.qualification.get(t) == "pass")


@dataclass(frozen=True)
class FinalPlace:
    """A finalist in the final ranking: the stages' points, the final points, the rank and how a tie fell."""

    tool: str
    stage_points: Mapping[str, Fraction | None]
    total: Fraction | None
    rank: int | None
    tie_break: str | None = None
    drawn: bool = False
    """Placed by a draw by lot (the tie-break chain ended in lot)."""
    disqualified: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class Procedure:
    """The whole procedure as the ledger stands: stages, finalists, the order the rules give, the decision."""

    plan: Plan
    log: ProcedureLog
    stages: tuple[StageResult, ...]
    final: tuple[FinalPlace, ...]
    """The finalists (the last scored stage's participants), by final rank."""
    expected: tuple[str, ...]
    """The negotiation order the rules give: eligible finalists by rank, ties by the chain and drawn lots."""
    unresolved: tuple[tuple[str, ...], ...]
    """Groups still level after the chain, awaiting a draw by lot."""
    current: str | None
    """The stage open now, else the last stage closed, else the first."""
    quorum: int
    members: tuple[str, ...]

    def stage(self, stage_id: str) -> StageResult:
        return next(s for s in self.stages if s.stage.id == stage_id)

    @property
    def decision(self) -> Decision | None:
        return self.log.decision

    def withdrawn(self, tool: str) -> Withdrawal | None:
        return self.log.withdrawals.get(tool)

    @property
    def contractor(self) -> str | None:
        """Who the city negotiates with now: the decision's order, skipping each failed negotiation."""
        decision = self.log.decision
        if decision is None:
            return None
        failed = {n.tool for n in self.log.negotiations if n.outcome == "failed"}
        return next((t for t in decision.order if t not in failed and t not in self.log.withdrawals), None)

    def problems(self) -> tuple[Finding, ...]:
        """What every document must disclose: draws that do not hold, shortlists that moved, overrides."""
        found: list[Finding] = []
        for draw in self.log.draws.values():
            problem = draw.problem()
            if problem is not None:
                found.append(Finding(f"proc.problem.draw_{problem}", {"draw": draw.id, "seq": draw.revealed_seq}))
        for result in self.stages:
            if result.status == "closed" and result.computed is not None and result.computed != result.shortlist:
                found.append(
                    Finding(
                        "proc.problem.shortlist_moved",
                        {
                            "stage": result.stage.id,
                            "recorded": ", ".join(result.shortlist or ()),
                            "now": ", ".join(result.computed),
                        },
                    )
                )
        decision = self.log.decision
        if decision is not None and decision.override:
            found.append(Finding("proc.problem.override", {"reason": decision.override, "seq": decision.seq}))
        return tuple(found)


def quorum_of(plan: Plan) -> int:
    """How many members must be present for a committee decision."""
    members = len(plan.evaluators)
    rule = plan.procedure.quorum
    if rule == "majority":
        return members // 2 + 1
    if rule == "two_thirds":
        return ceil(Fraction(2 * members, 3))
    if rule == "all":
        return members
    return int(rule)


def stage_plan(plan: Plan, stage: Stage, participants: Sequence[str]) -> Plan:
    """The (effective) plan as one scored stage sees it: its criteria, its participants, fixed points,
    and a title naming the stage (so every document of the stage, a sheet or a rater check, says which)."""
    tools = tuple(t for t in plan.tools if t.id in participants)
    title = plan.evaluation.title
    named = Text(
        ja=f"{title.get('ja')}　{stage.name.get('ja')}",
        en=f"{title.get('en')}: {stage.name.get('en')}",
    )
    info = plan.evaluation.model_copy(update={"title": named})
    update = {"criteria": plan.stage_criteria(stage), "tools": tools, "weights": WeightsRule(), "evaluation": info}
    return plan.model_copy(update=update)


def absences(
    plan: Plan, log: ProcedureLog, stage: Stage, participants: Iterable[str]
) -> dict[tuple[str, str], Recusal]:
    """Members recorded absent from a proposer's presentation in a stage that requires attendance."""
    if not stage.attendance_required:
        return {}
    out: dict[tuple[str, str], Recusal] = {}
    for tool in participants:
        record = log.attendance.get((stage.id, tool))
        if record is None:
            continue
        for member in plan.evaluators:
            if member.id not in record.present:
                out[(member.id, tool)] = Recusal(member.id, tool, "absent", None, None, note=stage.id, seq=record.seq)
    return out


EvaluateStage = Callable[
    [Plan, Mapping[tuple[str, str], Recusal], Mapping[str, Fraction], tuple[int, str] | None], Evaluation
]
"""How the caller evaluates one stage: (stage plan, absences, bids that still count, the (sequence
number, time) of the event that closed it, if it is closed) → Evaluation."""


def procedure(plan: Plan, events: Sequence[Event], evaluate_stage: EvaluateStage) -> Procedure:
    """The procedure as the ledger stands. `plan` is the effective plan (points derived from hearings applied).

    `events` need hold only the procedure's own kinds (`PROCEDURE_KINDS`); every figure
    comes from `evaluate_stage`, which evaluates the ledger's scores under a stage's plan.
    """
    log = procedure_log(events)
    results: list[StageResult] = []
    entrants: tuple[str, ...] = tuple(t.id for t in plan.tools)
    ready = True  # every stage before this one is closed
    for stage in plan.stages:
        recorded = log.stages.get(stage.id, StageEvents())
        if not ready:
            results.append(StageResult(stage, recorded.status, (), (), ()))
            continue
        closed_seq = recorded.closed.seq if recorded.closed is not None else None
        withdrawn = tuple(
            t
            for t in entrants
            if (w := log.withdrawals.get(t)) is not None and (closed_seq is None or w.seq < closed_seq)
        )
        participants = tuple(t for t in entrants if t not in withdrawn)
        if stage.kind == "qualification":
            result = _qualification(plan, log, stage, recorded, entrants, participants, withdrawn)
        else:
            result = _scored(plan, log, stage, recorded, entrants, participants, withdrawn, evaluate_stage)
        results.append(result)
        kept = recorded.closed.payload.get("goes_on") if recorded.closed is not None else None
        entrants = _texts(kept) if isinstance(kept, list) else result.goes_on
        ready = recorded.status == "closed"
    final, expected, unresolved = _final(plan, log, results)
    current = next((r.stage.id for r in results if r.status == "open"), None)
    if current is None:
        closed = [r.stage.id for r in results if r.status == "closed"]
        current = closed[-1] if closed else (plan.stages[0].id if plan.stages else None)
    return Procedure(
        plan,
        log,
        tuple(results),
        tuple(final),
        tuple(expected),
        tuple(unresolved),
        current,
        quorum_of(plan),
        tuple(e.id for e in plan.evaluators),
    )


def _qualification(
    plan: Plan,
    log: ProcedureLog,
    stage: Stage,
    recorded: StageEvents,
    entrants: tuple[str, ...],
    participants: tuple[str, ...],
    withdrawn: tuple[str, ...],
) -> StageResult:
    outcomes: dict[str, Outcome] = {}
    cut: dict[str, str] = {}
    for tool in participants:
        verdicts = [log.judgements.get((tool, r.id)) for r in stage.requirements]
        if any(v is not None and v.verdict == "fail" for v in verdicts):
            outcomes[tool] = "fail"
            cut[tool] = "failed"
        elif all(v is not None for v in verdicts):
            outcomes[tool] = "pass"
        else:
            outcomes[tool] = "pending"
            cut[tool] = "pending"
    return StageResult(
        stage,
        recorded.status,
        entrants,
        participants,
        withdrawn,
        qualification=MappingProxyType(outcomes),
        cut=MappingProxyType(cut),
    )


def _scored(
    plan: Plan,
    log: ProcedureLog,
    stage: Stage,
    recorded: StageEvents,
    entrants: tuple[str, ...],
    participants: tuple[str, ...],
    withdrawn: tuple[str, ...],
    evaluate_stage: EvaluateStage,
) -> StageResult:
    sub = stage_plan(plan, stage, participants)
    closed_at = (recorded.closed.seq, recorded.closed.ts) if recorded.closed is not None else None
    bids: dict[str, Fraction] = {}
    if plan.procedure.withdrawn_bids == "include" and withdrawn:
        # a withdrawn bid counts only as it would have stood: not over the ceiling, no failed must-have
        with_them = evaluate_stage(
            stage_plan(plan, stage, entrants), absences(plan, log, stage, entrants), {}, closed_at
        )
        for tool_id in withdrawn:
            result = with_them.result(tool_id)
            if result.eligible and result.price is not None:
                bids[tool_id] = result.price
    evaluation = evaluate_stage(sub, absences(plan, log, stage, participants), bids, closed_at)
    # the points were fixed for the stage's own evaluation; documents say where they came from
    evaluation = replace(evaluation, plan=evaluation.plan.model_copy(update={"weights": plan.weights}))
    tie_draws = tie_draws_of(log, stage.id)
    computed, cut, mark = _shortlist(plan, stage, evaluation, tie_draws)
    shortlist = computed
    closed_with = None
    if recorded.closed is not None:
        closed_with = recorded.closed.payload.get("incomplete_reason")
        kept = recorded.closed.payload.get("shortlist")
        if isinstance(kept, list):
            shortlist = tuple(str(t) for t in kept)
    order = log.draws.get(draw_id("order", stage.id))
    return StageResult(
        stage,
        recorded.status,
        entrants,
        participants,
        withdrawn,
        evaluation=evaluation,
        shortlist=shortlist,
        computed=computed,
        cut=MappingProxyType(cut),
        pass_mark=mark,
        order=order,
        meeting=log.attendance.get((stage.id, None)),
        closed_with=str(closed_with) if closed_with else None,
        tie_draws=tie_draws,
    )


def stage_entrants(plan: Plan, log: ProcedureLog, stage_id: str) -> tuple[str, ...] | None:
    """Who takes part in a stage as recorded: who the stage before let through, less withdrawals; None
    while the stage before is not closed. Read from the closing events alone (no evaluation)."""
    entrants = tuple(t.id for t in plan.tools)
    for stage in plan.stages:
        if stage.id == stage_id:
            closed = log.stages.get(stage_id, StageEvents()).closed
            return tuple(
                t
                for t in entrants
                if (w := log.withdrawals.get(t)) is None or (closed is not None and w.seq > closed.seq)
            )
        recorded = log.stages.get(stage.id, StageEvents()).closed
        if recorded is None:
            return None
        entrants = _texts(recorded.payload.get("goes_on"))
    return None


def scoring_refusal(
    plan: Plan, log: ProcedureLog, tool: str, evaluator: str, criterion_id: str
) -> tuple[str, dict[str, Any]] | None:
    """Why a score may not be recorded under the procedure (message key and fields), or None.

    The criterion's stage must be open, the proposer must take part in it, and where the
    stage requires attendance the member must be recorded present at the presentation.
    """
    stage = plan.stage_of(criterion_id)
    if stage is None:
        return None
    status = log.stages.get(stage.id, StageEvents()).status
    if status != "open":
        return f"proc.score_stage_{status}", {"criterion": criterion_id, "stage": stage.id}
    entrants = stage_entrants(plan, log, stage.id) or ()
    if tool not in entrants:
        withdrawal = log.withdrawals.get(tool)
        if withdrawal is not None:
            return "proc.score_withdrawn", {"tool": tool, "date": withdrawal.date}
        return "proc.score_not_participant", {"tool": tool, "stage": stage.id}
    if stage.attendance_required:
        record = log.attendance.get((stage.id, tool))
        if record is None:
            return "proc.score_no_attendance", {"tool": tool, "stage": stage.id}
        if evaluator not in record.present:
            return "proc.score_absent", {"evaluator": evaluator, "tool": tool, "stage": stage.id, "seq": record.seq}
    return None


def figure_rank(result: ToolResult, ranked: Sequence[ToolResult]) -> int:
    """A tool's place by its figure alone (before any tie-break): 1 + how many have a higher figure."""
    assert result.figure is not None
    return 1 + sum(1 for r in ranked if r.figure is not None and r.figure > result.figure)


def tie_draws_of(log: ProcedureLog, stage_id: str) -> tuple[Draw, ...]:
    """The draws by lot for ties at a stage (or `FINAL`), in the order they were committed."""
    found = [d for d in log.draws.values() if d.purpose == "tie" and d.stage == stage_id]
    return tuple(sorted(found, key=lambda d: d.committed_seq))


def _shortlist(
    plan: Plan, stage: Stage, evaluation: Evaluation, draws: Sequence[Draw]
) -> tuple[tuple[str, ...] | None, dict[str, str], Fraction | None]:
    """Who goes on by the stage's rule, why each other participant does not, and the pass mark in points.

    With `ties = "chain"`, proposers the chain leaves level across the N-th place go on
    only once a draw by lot has placed them (`awaiting_draw` until then) when the chain
    ends in lot; a chain without lot lets them all go on, as `"include"` does.
    """
    rule = stage.shortlist
    if rule is None:
        return None, {}, None
    ranked = [r for r in evaluation.results if r.rank is not None]
    cut: dict[str, str] = {}
    for r in evaluation.results:
        if not r.eligible:
            cut[r.tool.id] = "disqualified"
        elif r.rank is None:
            cut[r.tool.id] = "pending"
    mark = Fraction(rule.pass_mark) * evaluation.max_points if rule.pass_mark is not None else None
    places = _places(ranked, draws)
    sharing = Counter(places.values())
    lot = "lot" in plan.scoring.tie_break
    going = []
    for r in sorted(ranked, key=lambda r: places[r.tool.id]):
        if mark is not None and (r.total is None or r.total < mark):
            cut[r.tool.id] = "below_pass_mark"
            continue
        if rule.top_n is not None:
            if rule.ties == "include":
                place = figure_rank(r, ranked)
            else:
                place = places[r.tool.id]
                last = place + sharing[place] - 1
                if lot and place <= rule.top_n < last:
                    cut[r.tool.id] = "awaiting_draw"
                    continue
            if place > rule.top_n:
                cut[r.tool.id] = "below_top_n"
                continue
        going.append(r.tool.id)
    order = [t.id for t in evaluation.plan.tools]
    return tuple(sorted(going, key=order.index)), cut, mark


def _places(ranked: Sequence[ToolResult], draws: Sequence[Draw]) -> dict[str, int]:
    """Each ranked tool's place after the chain; tools still level are placed by a revealed draw naming them all."""
    places = {r.tool.id: r.rank or 0 for r in ranked}
    valid = [d for d in draws if d.revealed and d.problem() is None]
    for rank in sorted(set(places.values())):
        group = {t for t, p in places.items() if p == rank}
        if len(group) < 2:
            continue
        draw = next((d for d in valid if group <= set(d.candidates)), None)
        if draw is not None:
            for offset, tool in enumerate(t for t in draw.order if t in group):
                places[tool] = rank + offset
    return places


def _final(
    plan: Plan, log: ProcedureLog, results: Sequence[StageResult]
) -> tuple[list[FinalPlace], list[str], list[tuple[str, ...]]]:
    """The final ranking among the last scored stage's participants, the order it gives, and ties left to draw."""
    scored = [r for r in results if r.evaluation is not None]
    if not scored or scored[-1].status == "waiting" and not scored[-1].participants:
        return [], [], []
    last = scored[-1]
    assert last.evaluation is not None
    finalists = last.participants
    if plan.procedure.final == "sum":
        combined = []
        for tool in finalists:
            base = last.evaluation.result(tool)
            figures = [s.evaluation.result(tool) for s in scored if s.evaluation is not None and tool in s.participants]
            total = _sum_or_none(r.figure for r in figures)
            technical = _sum_or_none(r.technical for r in figures)
            cells = {k: v for r in figures for k, v in r.cells.items()}
            subtotals = {k: v for r in figures for k, v in r.subtotals.items()}
            combined.append(
                replace(
                    base,
                    total=total,
                    technical=technical,
                    cells=MappingProxyType(cells),
                    subtotals=MappingProxyType(subtotals),
                    rank_points=None,
                    by_value=False,
                    value=None,
                    disqualified=tuple(f for r in figures for f in r.disqualified),
                )
            )
        ranked, _ = rank_results(combined, list(plan.scoring.tie_break))
    else:
        ranked = [last.evaluation.result(t) for t in finalists]
    draws = tie_draws_of(log, FINAL)
    eligible = [r for r in ranked if r.rank is not None]
    places = _places(eligible, draws)
    final = []
    for r in ranked:
        stage_points = {
            s.stage.id: s.evaluation.result(r.tool.id).figure
            for s in scored
            if s.evaluation is not None and r.tool.id in s.participants
        }
        place = places.get(r.tool.id)
        # still level after the chain, yet alone at its place: a draw by lot placed it
        drawn = r.tied and place is not None and sum(1 for v in places.values() if v == place) == 1
        final.append(
            FinalPlace(r.tool.id, MappingProxyType(stage_points), r.figure, place, r.tie_break, drawn, r.disqualified)
        )
    final.sort(key=lambda f: (f.rank is None, f.rank or 0))
    by_place: dict[int, list[str]] = {}
    for f in final:
        if f.rank is not None:
            by_place.setdefault(f.rank, []).append(f.tool)
    unresolved = [tuple(group) for _, group in sorted(by_place.items()) if len(group) > 1]
    expected = [f.tool for f in final if f.rank is not None and f.tool not in log.withdrawals]
    return final, expected, unresolved


def _sum_or_none(values: Iterable[Fraction | None]) -> Fraction | None:
    got = [v for v in values if v is not None]
    return sum(got, Fraction(0)) if got else None


def departures(result: Procedure, preferred: str, runner_up: str | None, order: Sequence[str]) -> list[Finding]:
    """Where a decision departs from what the rules give: the order, the preferred, the runner-up."""
    found: list[Finding] = []
    expected = list(result.expected)
    if result.unresolved:
        groups = " / ".join(", ".join(g) for g in result.unresolved)
        found.append(Finding("proc.depart.unresolved", {"tools": groups}))
    if not expected:
        found.append(Finding("proc.depart.no_ranking", {}))
        return found
    if preferred != expected[0]:
        found.append(Finding("proc.depart.preferred", {"given": preferred, "expected": expected[0]}))
    second = expected[1] if len(expected) > 1 else None
    if runner_up != second:
        found.append(Finding("proc.depart.runner_up", {"given": runner_up or "-", "expected": second or "-"}))
    if list(order) != expected:
        found.append(Finding("proc.depart.order", {"given": ", ".join(order), "expected": ", ".join(expected)}))
    return found


def stage_scores(plan: Plan, sub: Plan) -> Callable[[object, object], bool]:
    """Whether a score (by its tool and criterion) belongs to a stage's evaluation: the stage's own cells,
    and any score outside the whole plan (the notice it gives is the plan's, shown in every stage)."""
    tools = {t.id for t in sub.tools}
    criteria = {c.id for c in sub.criteria}

    def mine(tool: object, criterion: object) -> bool:
        if tool in tools and criterion in criteria:
            return True
        return plan.tool(str(tool)) is None or plan.criterion(str(criterion)) is None

    return mine


def pick_stage(found: Procedure, stage: str | None) -> StageResult:
    """The scored stage a report shows: `stage`, else the one open now (or last closed), else the first scored."""
    chosen = stage or found.current
    for result in found.stages:
        if result.stage.id == chosen and result.stage.kind == "scored":
            return result
    return next(s for s in found.stages if s.stage.kind == "scored")


def staged_evaluation(plan: Plan, events: Sequence[Event], stage: str | None = None) -> tuple[Procedure, Evaluation]:
    """The procedure and one scored stage's evaluation from the whole list of events (an archive's, a test's).

    The same figures as a workspace reads through its ledger's current state; here every
    stage is evaluated from the events themselves.
    """
    others = [e for e in events if e.kind != SCORE_RECORDED]
    scores = [e for e in events if e.kind == SCORE_RECORDED]
    last = max(events, key=lambda e: e.seq, default=None)
    head = (last.seq, last.hash) if last is not None else (0, None)
    effective, weights = effective_plan(plan, others)
    lock = lock_state(effective, events)

    def evaluate_stage(
        sub: Plan,
        absent: Mapping[tuple[str, str], Recusal],
        bids: Mapping[str, Fraction],
        closed_at: tuple[int, str] | None,
    ) -> Evaluation:
        mine = stage_scores(plan, sub)
        own = [e for e in scores if mine(e.payload.get("tool"), e.payload.get("criterion"))]
        ordered = sorted([*others, *own], key=lambda e: e.seq)
        result = evaluate(sub, ordered, head=head, absent=absent, other_bids=bids, closed_at=closed_at)
        return replace(result, lock=lock, weights=weights)

    found = procedure(effective, others, evaluate_stage)
    picked = pick_stage(found, stage)
    if picked.evaluation is None:
        return found, replace(evaluate(stage_plan(effective, picked.stage, ()), others, head=head), lock=lock)
    return found, picked.evaluation
