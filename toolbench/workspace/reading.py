"""Reading a workspace: the evaluation as of now, the ledger's events, and the chain check.

An evaluation is never drawn from a broken hash chain, and while blind it names tools
by their labels only.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from toolbench.base.errors import ScoreError
from toolbench.methods.evaluation import SCORE_FIELDS, SCORE_RECORDED, Evaluation, blinded, evaluate
from toolbench.methods.locking import BLIND_KINDS, SCORED_KINDS, blind_state
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

    def evaluate(self, *, without: Collection[str] = ()) -> Evaluation:
        """The evaluation as of the ledger's current head (optionally without some evaluators).

        The hash chain is verified first: a report computed from a ledger that was
        edited behind toolbench's back would put untraceable numbers in front of a
        committee, so a broken chain raises LedgerCorrupt instead.
        """
        for evaluator in without:
            if self.plan.evaluator(evaluator) is None:
                known = ", ".join(e.id for e in self.plan.evaluators) or "(none)"
                raise ScoreError("score.unknown_evaluator", value=evaluator, known=known)
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
