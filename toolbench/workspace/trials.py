"""Trials in departments: starting and moving them through the plan's phases, staff feedback and training.

A trial of a tool in a department moves only along the plan's phase graph; feedback
and training are recorded against a running trial, and a response already recorded
is never counted twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from toolbench.base.i18n import Message
from toolbench.methods.trial_metrics import Feedback, TrainingSession
from toolbench.methods.trials import (
    TRIAL_FEEDBACK,
    TRIAL_KINDS,
    TRIAL_MOVED,
    TRIAL_STARTED,
    TRIAL_TRAINING,
    Trial,
    TrialError,
    allowed_moves,
    feedback_payload,
    recorded_fingerprints,
    training_payload,
    trial_states,
)
from toolbench.model.plan import Plan
from toolbench.store.ledger import Event, Ledger, LedgerView, NewEvent
from toolbench.workspace.scoring import fold_level, typed

__all__ = ["FeedbackOutcome", "Trials"]


@dataclass(frozen=True)
class FeedbackOutcome:
    """What `record_feedback` did: the events appended (or planned) and responses already recorded."""

    recorded: tuple[Event, ...]
    skipped: tuple[Feedback, ...]


@dataclass(frozen=True)
class Trials:
    """The trials of one workspace and what was recorded during them."""

    plan: Plan
    ledger: Ledger

    def trials(self) -> dict[tuple[str, str], Trial]:
        """Every trial, keyed by (tool, department), as the ledger tells it."""
        return trial_states(self.ledger.events())

    def check_target(self, tool: str, department: str) -> None:
        """Raise TrialError unless the plan knows the tool and the department."""
        plan = self.plan
        if plan.tool(tool) is None:
            raise TrialError(
                "trial.unknown_tool", value=tool, known=", ".join(t.id for t in plan.tools) or Message("input.none")
            )
        if plan.department(department) is None:
            raise TrialError(
                "trial.unknown_department",
                value=department,
                known=", ".join(d.id for d in plan.departments) or Message("input.none"),
            )

    def start_trial(
        self,
        tool: str,
        department: str,
        *,
        actor: str,
        phase: str | None = None,
        note: str | None = None,
        now: datetime | None = None,
    ) -> Event:
        """Start a trial of `tool` in `department`, in the plan's first phase unless told otherwise."""
        tool, department, phase = typed(tool), typed(department), typed(phase) if phase else phase
        self.check_target(tool, department)
        plan = self.plan
        first = phase or plan.trial_phases[0].id
        if plan.phase(first) is None:
            raise TrialError("trial.unknown_phase", value=first, known=", ".join(p.id for p in plan.trial_phases))

        def decide(view: LedgerView) -> list[NewEvent]:
            events = list(view.events(TRIAL_KINDS))
            if (tool, department) in trial_states(events):
                current = trial_states(events)[(tool, department)]
                raise TrialError("trial.already", tool=tool, department=department, phase=current.phase)
            payload: dict[str, Any] = {"tool": tool, "department": department, "phase": first}
            if note:
                payload["note"] = note
            return [NewEvent(TRIAL_STARTED, payload, actor, plan.hash)]

        return self.ledger.append_viewed(decide, now=now)[0]

    def move_trial(
        self,
        tool: str,
        department: str,
        to: str,
        *,
        actor: str,
        note: str | None = None,
        reason: str | None = None,
        now: datetime | None = None,
    ) -> Event:
        """Move a trial to the next phase; refused unless the plan's phase graph allows it.

        Leaving a final phase (adopted, rejected) re-opens the evaluation and needs a `reason`.
        """
        tool, department, to = typed(tool), typed(department), typed(to)
        self.check_target(tool, department)
        plan = self.plan
        if plan.phase(to) is None:
            raise TrialError("trial.unknown_phase", value=to, known=", ".join(p.id for p in plan.trial_phases))

        def decide(view: LedgerView) -> list[NewEvent]:
            events = list(view.events(TRIAL_KINDS))
            trial = trial_states(events).get((tool, department))
            if trial is None:
                raise TrialError(
                    "trial.not_started", tool=tool, department=department, tool_id=tool, department_id=department
                )
            allowed = [p.id for p in allowed_moves(plan, trial.phase)]
            if to not in allowed:
                raise TrialError(
                    "trial.move_refused",
                    tool=tool,
                    department=department,
                    phase=trial.phase,
                    to=to,
                    allowed=", ".join(allowed) or Message("input.none"),
                )
            current = plan.phase(trial.phase)
            if current is not None and current.final and not (reason and reason.strip()):
                raise TrialError("trial.reason_required", tool=tool, department=department, phase=trial.phase, to=to)
            payload: dict[str, Any] = {"tool": tool, "department": department, "from": trial.phase, "to": to}
            if note:
                payload["note"] = note
            if reason and reason.strip():
                payload["reason"] = reason.strip()
            return [NewEvent(TRIAL_MOVED, payload, actor, plan.hash)]

        return self.ledger.append_viewed(decide, now=now)[0]

    def check_feedback(self, feedback: Feedback) -> None:
        """Raise TrialError unless the feedback fits the plan (tool, department, ratings on the scales)."""
        self.check_target(feedback.tool, feedback.department)
        for criterion_id, level in feedback.ratings.items():
            self.check_staff_rating(criterion_id, level)

    def _folded(self, feedback: Feedback) -> Feedback:
        """The feedback with its ratings as the scales spell them (４ → 4); the same object when nothing changes."""
        ratings = {typed(c): self.check_staff_rating(c, level) for c, level in feedback.ratings.items()}
        if ratings == dict(feedback.ratings):
            return feedback
        return feedback.model_copy(update={"ratings": ratings})

    def check_staff_rating(self, criterion_id: str, level: str | int) -> str:
        """A staff rating as recorded: any rating criterion, on its scale; else TrialError naming it."""
        plan = self.plan
        rated = [c for c in plan.criteria if c.kind == "rating"]
        criterion_id = typed(criterion_id)
        criterion = plan.criterion(criterion_id)
        if criterion is None or criterion.kind != "rating":
            known = ", ".join(c.id for c in rated) or Message("input.none")
            problem = Message("score.unknown_criterion", value=criterion_id, known=known)
            raise TrialError("trial.bad_rating", problem=problem)
        scale = plan.scale_of(criterion)
        text = fold_level(level, scale.ratios if scale else ())  # ４ → 4, ａ → A when the scale has A
        if scale is None or text not in scale.ratios:
            described = scale.describe() if scale else Message("input.none")
            problem = Message("score.off_scale", criterion=criterion_id, value=text, levels=described)
            raise TrialError("trial.bad_rating", problem=problem)
        return text

    def record_feedback(
        self,
        entries: Sequence[Feedback],
        *,
        actor: str,
        dry_run: bool = False,
        now: datetime | None = None,
    ) -> FeedbackOutcome:
        """Record feedback, all or nothing; each needs a trial of its tool in its department.

        A response already recorded (same fingerprint) is skipped, so importing the
        same file twice records nothing new. With `dry_run` nothing is written.
        """
        for feedback in entries:
            self.check_feedback(feedback)
        entries = [self._folded(feedback) for feedback in entries]
        skipped: list[Feedback] = []

        def decide(view: LedgerView) -> list[NewEvent]:
            events = list(view.events(TRIAL_KINDS))
            trials = trial_states(events)
            seen = recorded_fingerprints(events)
            answered = {
                (e.feedback.source.service, e.feedback.source.response_id): e.seq
                for trial in trials.values()
                for e in trial.feedback
                if e.feedback.source is not None and e.feedback.source.response_id
            }
            skipped.clear()
            new: list[NewEvent] = []
            for feedback in entries:
                if (feedback.tool, feedback.department) not in trials:
                    raise TrialError(
                        "trial.no_trial",
                        tool=feedback.tool,
                        department=feedback.department,
                        tool_id=feedback.tool,
                        department_id=feedback.department,
                    )
                payload = feedback_payload(feedback)
                if payload["fingerprint"] in seen:
                    skipped.append(feedback)
                    continue
                source = feedback.source
                earlier = answered.get((source.service, source.response_id)) if source and source.response_id else None
                if earlier is not None:  # the respondent edited an answer already recorded: never count it twice
                    assert source is not None
                    raise TrialError("trial.response_changed", response=source.response_id, seq=earlier)
                seen.add(payload["fingerprint"])
                new.append(NewEvent(TRIAL_FEEDBACK, payload, actor, self.plan.hash))
            return new

        if dry_run:
            with self.ledger.reading() as view:
                planned = decide(view)
            recorded = tuple(Event(0, "", n.actor, n.kind, n.payload, n.plan_hash, "", "") for n in planned)
        else:
            recorded = tuple(self.ledger.append_viewed(decide, now=now))
        return FeedbackOutcome(recorded, tuple(skipped))

    def record_training(self, session: TrainingSession, *, actor: str, now: datetime | None = None) -> Event | None:
        """Record a training session (the tool needs a trial in the department); a repeat records nothing."""
        self.check_target(session.tool, session.department)
        payload = training_payload(session)

        def decide(view: LedgerView) -> list[NewEvent]:
            events = list(view.events(TRIAL_KINDS))
            trial = trial_states(events).get((session.tool, session.department))
            if trial is None:
                raise TrialError(
                    "trial.no_trial",
                    tool=session.tool,
                    department=session.department,
                    tool_id=session.tool,
                    department_id=session.department,
                )
            if any(entry.session == session for entry in trial.training):
                return []
            return [NewEvent(TRIAL_TRAINING, payload, actor, self.plan.hash)]

        recorded = self.ledger.append_viewed(decide, now=now)
        return recorded[0] if recorded else None
