"""Fairness records: declared conflicts of interest, locking the plan and the scores, reopening.

A declared conflict recuses an evaluator (after the technical scores are locked, only
with a reason); locking records the hash of the criteria, points and rules before
scoring (after any score, only with a reason), and later that the technical scores are
final (which, with two envelopes, opens the prices). A finalized evaluation takes no
more records until it is reopened with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from toolbench.base.errors import ScoreError, WorkspaceError
from toolbench.base.i18n import Message
from toolbench.methods.coi import COI_DECLARED, RECUSAL_KINDS, Recusal, normalise_company, recusals
from toolbench.methods.evaluation import effective_plan
from toolbench.methods.finalization import FINALIZED
from toolbench.methods.hearings import WEIGHT_KINDS
from toolbench.methods.locking import (
    LOCK_KINDS,
    PLAN_LOCKED,
    REOPENED,
    SCORED_KINDS,
    SCORES_LOCKED,
    LockState,
    closing_finalize,
    lock_parts,
    lock_state,
)
from toolbench.model.plan import Plan
from toolbench.store.ledger import Event, Ledger, LedgerView, NewEvent

__all__ = ["Fairness", "recusal_reason"]


def recusal_reason(recusal: Recusal) -> Message:
    """Why an evaluator is recused, in words (for errors and reports)."""
    if recusal.basis == "declared tool":
        return Message("coi.why.tool", seq=recusal.seq or 0)
    if recusal.basis == "absent":
        return Message("coi.why.absent", stage=recusal.note or "", seq=recusal.seq or 0)
    role = Message(f"coi.role.{recusal.role}")
    return Message("coi.why.company", company=recusal.company or "", role=role)


@dataclass(frozen=True)
class Fairness:
    """Conflict-of-interest declarations and locks of one workspace."""

    plan: Plan
    ledger: Ledger

    def declare_coi(
        self,
        evaluator: str,
        *,
        actor: str,
        company: str | None = None,
        tool: str | None = None,
        note: str | None = None,
        reason: str | None = None,
        now: datetime | None = None,
    ) -> Event | None:
        """Record an evaluator's declared relationship with a company, or conflict with a tool.

        A declared company recuses the evaluator from every tool it makes or sells; a
        declared tool recuses them from that tool. The same declaration twice records nothing.
        Once the technical scores are locked, a declaration can still change technical
        points (the evaluator's scores stop counting), so it needs a `reason`, which
        every report then shows.
        """
        plan = self.plan
        if plan.evaluator(evaluator) is None:
            known = ", ".join(e.id for e in plan.evaluators) or "(none)"
            raise ScoreError("score.unknown_evaluator", value=evaluator, known=known)
        if company is not None and not company.strip():
            company = None
        if (company is None) == (tool is None):
            raise ScoreError("coi.company_or_tool")
        if company is not None and not normalise_company(company):
            raise ScoreError("coi.company_empty", company=company)
        if tool is not None and plan.tool(tool) is None:
            raise ScoreError("score.unknown_tool", value=tool, known=", ".join(t.id for t in plan.tools) or "(none)")
        payload: dict[str, Any] = {"evaluator": evaluator}
        if company:
            payload["company"] = company.strip()
        if tool:
            payload["tool"] = tool
        if note and note.strip():
            payload["note"] = note.strip()
        why = reason.strip() if reason else ""

        def decide(view: LedgerView) -> list[NewEvent]:
            if any(_declared(e.payload) == payload for e in view.events({COI_DECLARED})):
                return []
            scores_lock = lock_state(plan, view.events(LOCK_KINDS)).scores
            if scores_lock is not None and not why:
                raise ScoreError("coi.reason_after_scores_lock", seq=scores_lock.seq)
            return [NewEvent(COI_DECLARED, payload | {"reason": why} if why else payload, actor, plan.hash)]

        recorded = self.ledger.append_viewed(decide, now=now)
        return recorded[0] if recorded else None

    def recusals(self) -> dict[tuple[str, str], Recusal]:
        """(evaluator, tool) → why that evaluator is recused from that tool."""
        return recusals(self.plan, self.ledger.events_of(RECUSAL_KINDS))

    def lock(self, *, actor: str, reason: str | None = None, now: datetime | None = None) -> Event | None:
        """Record the hash of the criteria, points and rules (before scoring starts).

        Locking again with nothing changed records nothing; once anything changed,
        re-locking needs a `reason`, which stays in the ledger. A lock recorded after
        any score (level, measured value or consensus level) needs a `reason` too, and
        every report then says how many scores came before it.
        """
        plan = self.plan

        def decide(view: LedgerView) -> list[NewEvent]:
            rules = list(view.events(WEIGHT_KINDS | LOCK_KINDS))
            effective, _ = effective_plan(plan, rules)
            state = lock_state(effective, rules)
            if state.lock is not None and not state.changed:
                return []
            if state.lock is not None and not (reason and reason.strip()):
                parts = [Message(f"lock.part.{part}") for part in state.changed]
                raise ScoreError("lock.reason_required", parts=parts, seq=state.lock.seq)
            scored = view.count(SCORED_KINDS, view.head_seq + 1)
            if scored and not (reason and reason.strip()):
                raise ScoreError("lock.after_scores", count=scored)
            payload: dict[str, Any] = {"parts": lock_parts(effective)}
            if state.lock is not None:
                payload["supersedes"] = state.lock.seq
                payload["changed"] = list(state.changed)
            if scored:
                payload["after_scores"] = scored
            if reason and reason.strip():
                payload["reason"] = reason.strip()
            return [NewEvent(PLAN_LOCKED, payload, actor, plan.hash)]

        recorded = self.ledger.append_viewed(decide, now=now)
        return recorded[0] if recorded else None

    def lock_status(self) -> LockState:
        """What is locked and what changed since, without evaluating (works while scores are missing)."""
        with self.ledger.reading() as view:
            rules = list(view.events(WEIGHT_KINDS | LOCK_KINDS))
            return lock_state(
                effective_plan(self.plan, rules)[0], rules, count_scored=lambda seq: view.count(SCORED_KINDS, seq)
            )

    def lock_scores(self, *, actor: str, reason: str | None = None, now: datetime | None = None) -> Event | None:
        """Record that the technical scores are final; with two envelopes this opens the prices."""
        plan = self.plan

        def decide(view: LedgerView) -> list[NewEvent]:
            if lock_state(plan, view.events(LOCK_KINDS)).scores is not None:
                return []
            payload: dict[str, Any] = {"head": view.head_seq}
            if reason and reason.strip():
                payload["reason"] = reason.strip()
            return [NewEvent(SCORES_LOCKED, payload, actor, plan.hash)]

        recorded = self.ledger.append_viewed(decide, now=now)
        return recorded[0] if recorded else None

    def reopen(self, reason: str, *, actor: str, now: datetime | None = None) -> Event:
        """Open a finalized evaluation for recording again; the `reason` is disclosed in every later report.

        Refused unless the evaluation is finalized (and not reopened since) and a reason is given.
        """
        why = reason.strip() if reason else ""
        if not why:
            raise WorkspaceError("reopen.reason_required")
        plan = self.plan

        def decide(view: LedgerView) -> list[NewEvent]:
            closing = closing_finalize(view.events({FINALIZED, REOPENED}))
            if closing is None:
                raise WorkspaceError("reopen.not_finalized")
            return [NewEvent(REOPENED, {"finalized": closing.seq, "reason": why}, actor, plan.hash)]

        return self.ledger.append_viewed(decide, now=now)[0]


def _declared(payload: Any) -> dict[str, Any]:
    """A declaration as compared for repeats: what is declared, not why it was recorded late."""
    return {k: v for k, v in dict(payload).items() if k != "reason"}
