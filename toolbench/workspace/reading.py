"""Reading a workspace: the evaluation as of now, the ledger's events, and the chain check.

An evaluation is never drawn from a broken hash chain, and while blind it names tools
by their labels only.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from fractions import Fraction

from toolbench.base.errors import ScoreError
from toolbench.methods.coi import Recusal
from toolbench.methods.evaluation import (
    SCORE_FIELDS,
    SCORE_RECORDED,
    Evaluation,
    blinded,
    effective_plan,
    evaluate,
)
from toolbench.methods.locking import BLIND_KINDS, SCORED_KINDS, blind_state, lock_state
from toolbench.methods.procedure import Procedure, pick_stage, procedure, stage_plan, stage_scores
from toolbench.model.plan import Plan
from toolbench.store.ledger import Event, Ledger, Verification, format_time
from toolbench.workspace.blinding import Blinding

__all__ = ["Reading"]


@dataclass(frozen=True)
class Reading:
    """What one workspace's plan and ledger say, read without writing anything."""

    plan: Plan
    ledger: Ledger
    blinding: Blinding

    def evaluate(self, *, without: Collection[str] = (), stage: str | None = None) -> Evaluation:
        """The evaluation as of the ledger's current head (optionally without some evaluators).

        The hash chain is verified first: a report computed from a ledger that was
        edited behind toolbench's back would put untraceable numbers in front of a
        committee, so a broken chain raises LedgerCorrupt instead.

        A plan with stages is evaluated one scored stage at a time: `stage`, else the
        stage open now (or last closed), with that stage's criteria and participants.
        """
        self._check_without(without)
        if self.plan.stages:
            found = self.procedure(without=without)
            return self.stage_evaluation(found, stage)
        if stage is not None:
            raise ScoreError("proc.no_stages", stage=stage)
        with self.ledger.reading() as view:  # the chain checked, then the current state as of one head
            result = evaluate(
                self.plan,
                view.events(exclude={SCORE_RECORDED}),
                scores=view.current_fields(SCORE_RECORDED, SCORE_FIELDS),
                head=(view.head_seq, view.head_hash),
                without=without,
                count_scored=lambda seq: view.count(SCORED_KINDS, seq),
            )
            state = blind_state(view.events(BLIND_KINDS))
        labels = self.blinding.labels()
        if labels is not None:
            assert state.assigned is not None
            result = blinded(result, labels, str(state.assigned.payload.get("commitment", "")))
        return result

    def _check_without(self, without: Collection[str]) -> None:
        for evaluator in without:
            if self.plan.evaluator(evaluator) is None:
                known = ", ".join(e.id for e in self.plan.evaluators) or "(none)"
                raise ScoreError("score.unknown_evaluator", value=evaluator, known=known)

    def procedure(self, *, without: Collection[str] = ()) -> Procedure:
        """The procedure of a plan with stages, every stage evaluated as of one ledger head."""
        self._check_without(without)
        with self.ledger.reading() as view:
            others = list(view.events(exclude={SCORE_RECORDED}))
            scores = list(view.current_fields(SCORE_RECORDED, SCORE_FIELDS))
            head = (view.head_seq, view.head_hash)

            def count(seq: int) -> int:
                return view.count(SCORED_KINDS, seq)

            effective, weights = effective_plan(self.plan, others)
            lock = lock_state(effective, others, count_scored=count)

            def evaluate_stage(
                sub: Plan,
                absent: Mapping[tuple[str, str], Recusal],
                bids: Mapping[str, Fraction],
                closed_at: tuple[int, str] | None,
            ) -> Evaluation:
                mine = stage_scores(self.plan, sub)
                own = [row for row in scores if mine(row[3][0], row[3][2])]
                result = evaluate(
                    sub,
                    others,
                    scores=own,
                    head=head,
                    without=without,
                    count_scored=count,
                    absent=absent,
                    other_bids=bids,
                    closed_at=closed_at,
                )
                return replace(result, lock=lock, weights=weights)

            return procedure(effective, others, evaluate_stage)

    def stage_evaluation(self, found: Procedure, stage: str | None) -> Evaluation:
        """One scored stage's evaluation from the procedure (blind labels applied while blind)."""
        plan = self.plan
        if stage is not None and plan.stage(stage) is None:
            known = ", ".join(s.id for s in plan.stages if s.kind == "scored")
            raise ScoreError("proc.unknown_stage", stage=stage, known=known)
        picked = pick_stage(found, stage)
        if stage is not None and picked.stage.id != stage:
            raise ScoreError("proc.stage_not_scored", stage=stage)
        result = picked.evaluation
        if result is None:  # the stage before it is not closed yet: nobody has entered it
            with self.ledger.reading() as view:
                others = list(view.events(exclude={SCORE_RECORDED}))
                head = (view.head_seq, view.head_hash)
            result = evaluate(stage_plan(found.plan, picked.stage, ()), others, head=head)
        labels = self.blinding.labels()
        if labels is not None:
            with self.ledger.reading() as view:
                state = blind_state(view.events(BLIND_KINDS))
            assert state.assigned is not None
            result = blinded(result, labels, str(state.assigned.payload.get("commitment", "")))
        return result

    def events(
        self,
        *,
        kind: str | None = None,
        tool: str | None = None,
        evaluator: str | None = None,
        since: datetime | None = None,
    ) -> list[Event]:
        """Ledger events, optionally only of one kind, tool, evaluator, or at or after a time."""
        since_text = format_time(since) if since else None
        out = []
        for event in self.ledger.events():
            if kind and event.kind != kind and not event.kind.startswith(kind + "."):
                continue
            if tool and event.payload.get("tool") != tool:
                continue
            if evaluator and event.payload.get("evaluator") != evaluator:
                continue
            if since_text and event.ts < since_text:
                continue
            out.append(event)
        return out

    def verify(self) -> Verification:
        """Recompute the ledger's hash chain."""
        return self.ledger.verify()
