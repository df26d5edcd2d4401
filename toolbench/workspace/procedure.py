"""Running the procedure in one workspace: each step checked against the rules, then recorded.

Every step is decided against the ledger as it stands when it is written
(`Ledger.append_viewed`), so two people working at once cannot both pass a check
that only one of them should. A refused step raises `ProcedureError` naming the rule
and records nothing.

The seed of a draw by lot is kept in `.toolbench/draws/` (never in the ledger) between
the commitment and the reveal, as the blind-mode secret is.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from toolbench.base.errors import ProcedureError, WorkspaceError
from toolbench.base.files import atomic_write
from toolbench.base.i18n import Message
from toolbench.base.paths import STATE_DIR
from toolbench.base.times import local
from toolbench.methods.procedure import (
    ATTENDANCE_RECORDED,
    DECISION_RECORDED,
    DRAW_COMMITTED,
    DRAW_REVEALED,
    FINAL,
    NEGOTIATION_RECORDED,
    PROCEDURE_KINDS,
    PROPOSER_WITHDREW,
    QUALIFICATION_JUDGED,
    REVIEW_RECORDED,
    STAGE_CLOSED,
    STAGE_OPENED,
    STAGE_REOPENED,
    Procedure,
    StageEvents,
    departures,
    draw_commitment,
    draw_id,
    draw_order,
    procedure_log,
    stage_entrants,
)
from toolbench.model.plan import Plan, Stage
from toolbench.store.ledger import Event, Ledger, LedgerView, NewEvent
from toolbench.workspace.reading import Reading

__all__ = ["Steps"]


def _text(value: str | None, key: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ProcedureError(key)
    return text


@dataclass(frozen=True)
class Steps:
    """The procedure's steps for one workspace: stages, qualification, attendance, withdrawals, draws, decision."""

    root: Path
    plan: Plan
    ledger: Ledger
    reading: Reading

    def _stage(self, stage_id: str) -> Stage:
        plan = self.plan
        if not plan.stages:
            raise ProcedureError("proc.no_stages", stage=stage_id)
        stage = plan.stage(stage_id)
        if stage is None:
            raise ProcedureError("proc.unknown_stage", stage=stage_id, known=", ".join(s.id for s in plan.stages))
        return stage

    def _tool(self, tool: str) -> None:
        if self.plan.tool(tool) is None:
            known = ", ".join(t.id for t in self.plan.tools)
            raise ProcedureError("proc.unknown_tool", tool=tool, known=known)

    def _members(self, names: Sequence[str]) -> tuple[str, ...]:
        known = [e.id for e in self.plan.evaluators]
        for name in names:
            if name not in known:
                raise ProcedureError("proc.unknown_member", member=name, known=", ".join(known))
        return tuple(e for e in known if e in names)

    def _append(self, decide: Any, now: datetime | None) -> Event:
        return self.ledger.append_viewed(decide, now=now)[0]

    # --- stages -----------------------------------------------------------------------

    def open_stage(self, stage_id: str, *, actor: str, now: datetime | None = None) -> Event:
        """Open a stage: the one before it must be closed, and it must not have been opened already."""
        stage = self._stage(stage_id)
        plan = self.plan
        index = plan.stages.index(stage)

        def decide(view: LedgerView) -> list[NewEvent]:
            log = procedure_log(view.events(PROCEDURE_KINDS))
            status = log.stages.get(stage.id, StageEvents()).status
            if status != "waiting":
                raise ProcedureError(f"proc.stage_already_{status}", stage=stage.id)
            if index > 0:
                before = plan.stages[index - 1]
                if log.stages.get(before.id, StageEvents()).status != "closed":
                    raise ProcedureError("proc.stage_before_open", stage=stage.id, before=before.id)
            if log.decision is not None:
                raise ProcedureError("proc.decided", seq=log.decision.seq)
            entrants = stage_entrants(plan, log, stage.id) or ()
            return [NewEvent(STAGE_OPENED, {"stage": stage.id, "entrants": list(entrants)}, actor, plan.hash)]

        return self._append(decide, now)

    def close_stage(
        self, stage_id: str, *, actor: str, incomplete_reason: str | None = None, now: datetime | None = None
    ) -> Event:
        """Close a stage and record who goes on.

        A qualification stage closes once every requirement is judged for every proposer
        still in. A scored stage closes with every score in (or with a reason for closing
        without them, which every document then states), with its committee meeting's
        attendance recorded and a quorum present; a tie at the shortlist's edge that the
        chain leaves to lot must be drawn first.
        """
        stage = self._stage(stage_id)
        plan = self.plan
        reason = (incomplete_reason or "").strip() or None
        found = self.reading.procedure()
        result = found.stage(stage.id)
        if result.status != "open":
            raise ProcedureError(f"proc.close_{result.status}", stage=stage.id)
        payload: dict[str, Any] = {"stage": stage.id}
        if stage.kind == "qualification":
            pending = [t for t, o in result.qualification.items() if o == "pending"]
            if pending:
                raise ProcedureError("proc.close_unjudged", stage=stage.id, tools=", ".join(pending))
            payload["goes_on"] = [t for t in result.participants if result.qualification.get(t) == "pass"]
            payload["failed"] = [t for t in result.participants if result.qualification.get(t) == "fail"]
        else:
            evaluation = result.evaluation
            assert evaluation is not None
            open_cells = [
                f"{r.tool.id}/{cid}"
                for r in evaluation.results
                if r.eligible
                for cid in (*r.unscored, *r.undecided_musts)
            ]
            open_cells += [
                f"{r.tool.id}/{c.criterion}/{e}"
                for r in evaluation.results
                if r.eligible
                for c in r.cells.values()
                if c.source == "evaluators"
                for e in c.missing
            ]
            if open_cells and reason is None:
                shown = ", ".join(open_cells[:5]) + (f" (+{len(open_cells) - 5})" if len(open_cells) > 5 else "")
                raise ProcedureError("proc.close_incomplete", stage=stage.id, cells=shown)
            if open_cells:
                payload["incomplete_reason"] = reason
                payload["incomplete"] = open_cells
            self._check_quorum(found, stage.id, result.meeting.present if result.meeting else None)
            if result.awaiting_draw:
                raise ProcedureError("proc.close_tie_draw", stage=stage.id, tools=", ".join(result.awaiting_draw))
            goes_on = result.computed if result.computed is not None else result.goes_on
            payload["goes_on"] = list(goes_on)
            if stage.shortlist is not None:
                payload["shortlist"] = list(goes_on)
                payload["cut"] = dict(result.cut)
            payload["totals"] = {r.tool.id: str(r.figure) for r in evaluation.results if r.figure is not None}
            payload["head"] = evaluation.head_seq
        seen = found.log.stages.get(stage.id, StageEvents())

        def decide(view: LedgerView) -> list[NewEvent]:
            # nothing of the procedure may have moved since the figures above were read
            if (
                view.head_seq != (payload.get("head") or view.head_seq)
                or procedure_log(view.events(PROCEDURE_KINDS)).stages.get(stage.id, StageEvents()) != seen
            ):
                raise ProcedureError("proc.moved", stage=stage.id)
            return [NewEvent(STAGE_CLOSED, payload, actor, plan.hash)]

        return self._append(decide, now)

    def reopen_stage(self, stage_id: str, reason: str, *, actor: str, now: datetime | None = None) -> Event:
        """Reopen a closed stage, with a reason, while the next stage has not opened and nothing is decided."""
        stage = self._stage(stage_id)
        plan = self.plan
        why = _text(reason, "proc.reason_required")
        index = plan.stages.index(stage)

        def decide(view: LedgerView) -> list[NewEvent]:
            log = procedure_log(view.events(PROCEDURE_KINDS))
            if log.stages.get(stage.id, StageEvents()).status != "closed":
                raise ProcedureError("proc.reopen_not_closed", stage=stage.id)
            if index + 1 < len(plan.stages):
                after = plan.stages[index + 1]
                if log.stages.get(after.id, StageEvents()).status != "waiting":
                    raise ProcedureError("proc.reopen_next_open", stage=stage.id, next=after.id)
            if log.decision is not None:
                raise ProcedureError("proc.decided", seq=log.decision.seq)
            return [NewEvent(STAGE_REOPENED, {"stage": stage.id, "reason": why}, actor, plan.hash)]

        return self._append(decide, now)

    # --- qualification, attendance, withdrawal ------------------------------------------

    def judge(
        self,
        tool: str,
        requirement: str,
        verdict: str,
        evidence: str,
        *,
        actor: str,
        reason: str | None = None,
        now: datetime | None = None,
    ) -> Event | None:
        """Record the verdict on one entry requirement with its evidence; a changed verdict needs a reason.

        The same verdict and evidence again records nothing (returns None).
        """
        plan = self.plan
        stage = next((s for s in plan.stages if s.kind == "qualification"), None)
        if stage is None:
            raise ProcedureError("proc.no_qualification")
        self._tool(tool)
        if requirement not in {r.id for r in stage.requirements}:
            known = ", ".join(r.id for r in stage.requirements)
            raise ProcedureError("proc.unknown_requirement", requirement=requirement, known=known)
        if verdict not in ("pass", "fail"):
            raise ProcedureError("proc.bad_verdict", verdict=verdict)
        shown = _text(evidence, "proc.evidence_required")
        why = (reason or "").strip() or None

        def decide(view: LedgerView) -> list[NewEvent]:
            log = procedure_log(view.events(PROCEDURE_KINDS))
            status = log.stages.get(stage.id, StageEvents()).status
            if status != "open":
                raise ProcedureError(f"proc.judge_stage_{status}", stage=stage.id)
            if tool in log.withdrawals:
                raise ProcedureError("proc.withdrawn", tool=tool, date=log.withdrawals[tool].date)
            before = log.judgements.get((tool, requirement))
            payload: dict[str, Any] = {"tool": tool, "requirement": requirement, "verdict": verdict, "evidence": shown}
            if before is not None:
                if before.verdict == verdict and before.evidence == shown:
                    return []
                if why is None:
                    raise ProcedureError(
                        "proc.judge_reason",
                        tool=tool,
                        requirement=requirement,
                        old=Message(f"proc.verdict.{before.verdict}"),
                        seq=before.seq,
                    )
                payload["supersedes"] = before.seq
            if why is not None:
                payload["reason"] = why
            return [NewEvent(QUALIFICATION_JUDGED, payload, actor, plan.hash)]

        events = self.ledger.append_viewed(decide, now=now)
        return events[0] if events else None

    def attend(
        self,
        stage_id: str,
        present: Sequence[str],
        *,
        actor: str,
        tool: str | None = None,
        now: datetime | None = None,
    ) -> Event:
        """Record who is present: at one proposer's presentation (`tool`), or at the stage's committee meeting."""
        stage = self._stage(stage_id)
        plan = self.plan
        if stage.kind != "scored":
            raise ProcedureError("proc.attend_qualification", stage=stage.id)
        members = self._members(present)
        if tool is not None:
            self._tool(tool)
        absent = [e.id for e in plan.evaluators if e.id not in members]

        def decide(view: LedgerView) -> list[NewEvent]:
            log = procedure_log(view.events(PROCEDURE_KINDS))
            status = log.stages.get(stage.id, StageEvents()).status
            if status != "open":
                raise ProcedureError(f"proc.attend_stage_{status}", stage=stage.id)
            if tool is not None:
                if tool not in (stage_entrants(plan, log, stage.id) or ()):
                    raise ProcedureError("proc.score_not_participant", tool=tool, stage=stage.id)
                scored = [
                    e.payload.get("evaluator")
                    for e in view.events({"score.recorded"})
                    if e.payload.get("tool") == tool and plan.stage_of(str(e.payload.get("criterion"))) == stage
                ]
                late = sorted({str(m) for m in scored if m not in members})
                if late:
                    raise ProcedureError("proc.attend_scored", tool=tool, members=", ".join(late))
            payload: dict[str, Any] = {"stage": stage.id, "present": list(members), "absent": absent}
            if tool is not None:
                payload["tool"] = tool
            return [NewEvent(ATTENDANCE_RECORDED, payload, actor, plan.hash)]

        return self._append(decide, now)

    def withdraw(
        self, tool: str, reason: str, *, actor: str, received: date | None = None, now: datetime | None = None
    ) -> Event:
        """Record a proposer's withdrawal (辞退), the date it was received and its reason. It cannot be undone."""
        plan = self.plan
        self._tool(tool)
        why = _text(reason, "proc.reason_required")

        def decide(view: LedgerView) -> list[NewEvent]:
            log = procedure_log(view.events(PROCEDURE_KINDS))
            if tool in log.withdrawals:
                raise ProcedureError("proc.withdrawn", tool=tool, date=log.withdrawals[tool].date)
            stage = next((s.id for s in plan.stages if log.stages.get(s.id, StageEvents()).status == "open"), None)
            if stage is None:
                closed = [s.id for s in plan.stages if log.stages.get(s.id, StageEvents()).status == "closed"]
                stage = closed[-1] if closed else None
            when = received or local(now or datetime.now(UTC), plan.evaluation.time_zone).date()
            payload: dict[str, Any] = {"tool": tool, "date": when.isoformat(), "reason": why}
            if stage is not None:
                payload["stage"] = stage
            return [NewEvent(PROPOSER_WITHDREW, payload, actor, plan.hash)]

        return self._append(decide, now)

    # --- draws by lot -----------------------------------------------------------------

    def _draws(self) -> Path:
        return self.root / STATE_DIR / "draws"

    def commit_draw(
        self, purpose: str, stage_id: str, *, actor: str, seed: str | None = None, now: datetime | None = None
    ) -> Event:
        """Record the commitment to a draw's secret seed: the presentation order of a stage, or a tie.

        `purpose` is "order" (candidates: the stage's participants) or "tie" (candidates:
        the proposers the tie-break chain leaves level, at a stage's shortlist edge or in
        the final ranking, `stage_id` "final"). The seed stays in `.toolbench/draws/`.
        A `seed` given here (a sample whose ledger must be the same on every machine)
        replaces the random one; a real draw leaves it out.
        """
        plan = self.plan
        if purpose not in ("order", "tie"):
            raise ProcedureError("proc.draw_purpose", purpose=purpose)
        if stage_id != FINAL or purpose == "order":
            stage = self._stage(stage_id)
            if purpose == "order" and stage.order != "lot":
                raise ProcedureError("proc.draw_not_lot", stage=stage.id)
        if purpose == "tie" and "lot" not in plan.scoring.tie_break:
            raise ProcedureError("proc.draw_no_lot")
        found = self.reading.procedure()
        if purpose == "order":
            candidates = found.stage(stage_id).participants
            if found.stage(stage_id).status == "waiting" and not candidates:
                raise ProcedureError("proc.draw_not_ready", stage=stage_id)
        else:
            candidates = self._tied(found, stage_id)
        if len(candidates) < 2:
            raise ProcedureError("proc.draw_too_few", stage=stage_id)
        ident = draw_id(purpose, stage_id)
        if purpose == "tie":  # one draw per level group: tie:final, tie:final:2 …
            taken = [d for d in found.log.draws.values() if d.purpose == "tie" and d.stage == stage_id]
            if taken:
                ident = f"{ident}:{len(taken) + 1}"
        elif ident in found.log.draws:
            raise ProcedureError("proc.draw_exists", draw=ident, seq=found.log.draws[ident].committed_seq)
        seed = seed if seed is not None else secrets.token_hex(32)
        promise = draw_commitment(seed)
        file = self._seed_file(ident, promise)

        def decide(view: LedgerView) -> list[NewEvent]:
            log = procedure_log(view.events(PROCEDURE_KINDS))
            if ident in log.draws:
                raise ProcedureError("proc.draw_exists", draw=ident, seq=log.draws[ident].committed_seq)
            payload = {
                "draw": ident,
                "purpose": purpose,
                "stage": stage_id,
                "candidates": list(candidates),
                "commitment": promise,
            }
            return [NewEvent(DRAW_COMMITTED, payload, actor, plan.hash)]

        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(file, json.dumps({"draw": ident, "seed": seed, "commitment": promise}) + "\n")
            file.chmod(0o600)
        except OSError as error:
            raise WorkspaceError("workspace.cannot_write", path=str(file), reason=str(error)) from None
        try:
            return self._append(decide, now)
        except ProcedureError:
            file.unlink(missing_ok=True)
            raise

    def _seed_file(self, ident: str, promise: str) -> Path:
        """Where a committed draw's seed waits for the reveal: one file per commitment, never overwritten."""
        return self._draws() / f"{ident.replace(':', '-')}-{promise[:16]}.json"

    def _tied(self, found: Procedure, stage_id: str) -> tuple[str, ...]:
        """The next level group no committed draw covers yet: in the final ranking, or at a stage's shortlist edge."""
        drawn = [set(d.candidates) for d in found.log.draws.values() if d.purpose == "tie" and d.stage == stage_id]
        if stage_id == FINAL:
            groups = list(found.unresolved)
        else:
            result = found.stage(stage_id)
            waiting = result.awaiting_draw
            groups = [waiting] if waiting else []
        for group in groups:
            if not any(set(group) <= taken for taken in drawn):
                return tuple(group)
        return ()

    def reveal_draw(self, ident: str, *, actor: str, witness: str = "", now: datetime | None = None) -> Event:
        """Reveal a committed draw: the seed (from `.toolbench/draws/`), the witness value, and the order they give."""
        plan = self.plan
        with self.ledger.reading() as view:
            committed = procedure_log(view.events(PROCEDURE_KINDS)).draws.get(ident)
        if committed is None:
            with self.ledger.reading() as view:
                known = ", ".join(procedure_log(view.events(PROCEDURE_KINDS)).draws) or "-"
            raise ProcedureError("proc.draw_unknown", draw=ident, known=known)
        file = self._seed_file(ident, committed.commitment)
        try:
            secret = json.loads(file.read_text(encoding="utf-8"))
            seed = str(secret["seed"])
        except (OSError, ValueError, KeyError, TypeError):
            raise ProcedureError("proc.draw_no_seed", draw=ident, path=str(file)) from None
        shown = witness.strip()

        def decide(view: LedgerView) -> list[NewEvent]:
            log = procedure_log(view.events(PROCEDURE_KINDS))
            draw = log.draws.get(ident)
            if draw is None:
                raise ProcedureError("proc.draw_unknown", draw=ident, known=", ".join(log.draws) or "-")
            if draw.revealed:
                raise ProcedureError("proc.draw_revealed", draw=ident, seq=draw.revealed_seq)
            if draw_commitment(seed) != draw.commitment:
                raise ProcedureError("proc.draw_seed_mismatch", draw=ident, path=str(file))
            order = draw_order(seed, shown, draw.candidates)
            payload = {"draw": ident, "seed": seed, "witness": shown, "order": list(order)}
            return [NewEvent(DRAW_REVEALED, payload, actor, plan.hash)]

        event = self._append(decide, now)
        file.unlink(missing_ok=True)  # everything in it is now in the ledger
        return event

    # --- the decision -----------------------------------------------------------------

    def _check_quorum(
        self, found: Procedure, where: str, present: Sequence[str] | None, key: str = "proc.no_attendance"
    ) -> None:
        if present is None:
            raise ProcedureError(key, stage=where)
        if len(present) < found.quorum:
            raise ProcedureError(
                "proc.no_quorum", present=len(present), needed=found.quorum, members=len(found.members), where=where
            )

    def decide(
        self,
        preferred: str,
        *,
        actor: str,
        runner_up: str | None = None,
        order: Sequence[str] = (),
        present: Sequence[str] = (),
        override: str | None = None,
        now: datetime | None = None,
    ) -> Event:
        """Record the decision: 最優秀提案者, 次点 and the negotiation order.

        Refused while a stage is open or not yet run, without a quorum of members present
        (`present`, else those recorded at the last stage's committee meeting), while a tie
        awaits its draw, or when it departs from the order the rules give, unless
        `override` gives the reason, which every document then discloses.
        """
        plan = self.plan
        for tool in (preferred, *([runner_up] if runner_up else []), *order):
            self._tool(tool)
        members = self._members(present) if present else None
        why = (override or "").strip() or None
        found = self.reading.procedure()
        log = found.log
        if log.decision is not None:
            raise ProcedureError("proc.decided", seq=log.decision.seq)
        for result in found.stages:
            if result.status != "closed":
                raise ProcedureError(f"proc.decide_stage_{result.status}", stage=result.stage.id)
        if members is None and plan.stages:
            last = found.stages[-1]
            members = last.meeting.present if last.meeting is not None else None
        if members is None and not plan.stages:
            raise ProcedureError("proc.no_attendance_decide", stage="-")
        self._check_quorum(
            found, found.stages[-1].stage.id if found.stages else "-", members, "proc.no_attendance_decide"
        )
        for tool in (preferred, *([runner_up] if runner_up else [])):
            if tool in log.withdrawals:
                raise ProcedureError("proc.withdrawn", tool=tool, date=log.withdrawals[tool].date)
        chosen = list(order) or [preferred, *([runner_up] if runner_up else [])]
        if not order:
            chosen += [t for t in found.expected if t not in chosen]
        if chosen[0] != preferred or (runner_up and (len(chosen) < 2 or chosen[1] != runner_up)):
            raise ProcedureError("proc.order_mismatch")
        gaps = departures(found, preferred, runner_up, chosen)
        if gaps and why is None:
            raise ProcedureError("proc.contradicts", why=gaps[0].message())
        payload: dict[str, Any] = {
            "preferred": preferred,
            "runner_up": runner_up,
            "order": chosen,
            "present": list(members or ()),
            "expected": list(found.expected),
        }
        if gaps:
            payload["override"] = why
            payload["departures"] = [{"key": g.key, "params": dict(g.params)} for g in gaps]

        def decide(view: LedgerView) -> list[NewEvent]:
            if procedure_log(view.events(PROCEDURE_KINDS)) != log:
                raise ProcedureError("proc.moved", stage="-")
            return [NewEvent(DECISION_RECORDED, payload, actor, plan.hash)]

        return self._append(decide, now)

    def negotiate(self, tool: str, outcome: str, reason: str, *, actor: str, now: datetime | None = None) -> Event:
        """Record the outcome of negotiating with the proposer whose turn it is in the decided order."""
        plan = self.plan
        self._tool(tool)
        if outcome not in ("agreed", "failed"):
            raise ProcedureError("proc.bad_outcome", outcome=outcome)
        why = _text(reason, "proc.reason_required")
        found = self.reading.procedure()

        def decide(view: LedgerView) -> list[NewEvent]:
            log = procedure_log(view.events(PROCEDURE_KINDS))
            if log.decision is None:
                raise ProcedureError("proc.not_decided")
            if any(n.outcome == "agreed" for n in log.negotiations):
                agreed = next(n for n in log.negotiations if n.outcome == "agreed")
                raise ProcedureError("proc.already_agreed", tool=agreed.tool, seq=agreed.seq)
            turn = found.contractor
            if tool != turn:
                raise ProcedureError("proc.not_their_turn", tool=tool, turn=turn or "-")
            payload = {"tool": tool, "outcome": outcome, "reason": why}
            return [NewEvent(NEGOTIATION_RECORDED, payload, actor, plan.hash)]

        return self._append(decide, now)

    def review(self, text: str, *, actor: str, tool: str | None = None, now: datetime | None = None) -> Event:
        """Record the committee's words for the 審査講評: on the whole, or on one proposer (selection or not)."""
        plan = self.plan
        if tool is not None:
            self._tool(tool)
        words = _text(text, "proc.review_empty")
        payload: dict[str, Any] = {"text": words}
        if tool is not None:
            payload["tool"] = tool
        return self._append(lambda view: [NewEvent(REVIEW_RECORDED, payload, actor, plan.hash)], now)
