"""Trials: one tool in one department, moving through the plan's phases, and what staff said.

Everything here is read from the ledger. Four event kinds:

    trial.started    a tool enters trial in a department (first phase, note)
    trial.moved      a move along the plan's phase graph (date, actor, note; a reason
                     when it leaves a final phase such as adopted or rejected)
    trial.feedback   one person's feedback (`trial_metrics.Feedback`), with its fingerprint
    trial.training   a training session (`trial_metrics.TrainingSession`)

`trial_states` folds them into one `Trial` per (tool, department). Feedback whose
fingerprint is already recorded is the same response imported again and is skipped
when recording, so imports are idempotent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

from toolbench.base.errors import ToolbenchError
from toolbench.base.numbers import round_fraction
from toolbench.methods.trial_metrics import Feedback, TrainingSession, sus_grade
from toolbench.model.plan import Plan, TrialPhase
from toolbench.store.ledger import Event

TRIAL_STARTED = "trial.started"
TRIAL_MOVED = "trial.moved"
TRIAL_FEEDBACK = "trial.feedback"
TRIAL_TRAINING = "trial.training"
TRIAL_KINDS = (TRIAL_STARTED, TRIAL_MOVED, TRIAL_FEEDBACK, TRIAL_TRAINING)


SUS_DECIMALS: Final = 1
"""Decimals of a SUS mean in every report; the grade is read from the figure shown."""


class TrialError(ToolbenchError):
    """A trial move, feedback or session that cannot be recorded; names what and how to fix it."""


@dataclass(frozen=True)
class Move:
    """A step in a trial's timeline (the start is a move from nowhere)."""

    seq: int
    ts: str
    actor: str
    from_phase: str | None
    to_phase: str
    note: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class FeedbackEntry:
    seq: int
    ts: str
    actor: str
    feedback: Feedback


@dataclass(frozen=True)
class TrainingEntry:
    seq: int
    ts: str
    actor: str
    session: TrainingSession


@dataclass
class Trial:
    """One tool in one department: its phase, timeline, feedback and training sessions."""

    tool: str
    department: str
    moves: list[Move] = field(default_factory=list)
    feedback: list[FeedbackEntry] = field(default_factory=list)
    training: list[TrainingEntry] = field(default_factory=list)

    @property
    def phase(self) -> str:
        return self.moves[-1].to_phase

    @property
    def since(self) -> datetime:
        return _time(self.moves[-1].ts)

    def days_in_phase(self, now: datetime | None = None) -> int:
        moment = now or datetime.now(UTC)
        return max(0, (moment - self.since).days)

    @property
    def sus_scores(self) -> list[Fraction]:
        return [s for e in self.feedback if (s := e.feedback.sus_score) is not None]

    @property
    def sus_mean(self) -> Fraction | None:
        scores = self.sus_scores
        return sum(scores, Fraction(0)) / len(scores) if scores else None

    @property
    def sus_mean_shown(self) -> Decimal | None:
        """The SUS mean as every report shows it: to one decimal, half up."""
        mean = self.sus_mean
        return round_fraction(mean, SUS_DECIMALS, "half_up") if mean is not None else None

    @property
    def sus_grade(self) -> str | None:
        """The grade of the mean as shown, so a board never reads "51.7 (F)" where the scale says D."""
        shown = self.sus_mean_shown
        return sus_grade(shown) if shown is not None else None

    @property
    def effect_reports(self) -> list[Feedback]:
        return [e.feedback for e in self.feedback if e.feedback.effects is not None]

    @property
    def hours_per_year(self) -> Fraction | None:
        """The mean of the respondents' hours saved per year (each derived from their own report)."""
        hours = [f.effects.hours_per_year for f in self.effect_reports if f.effects is not None]
        return sum(hours, Fraction(0)) / len(hours) if hours else None


def _time(ts: str) -> datetime:
    return datetime.strptime(ts, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def trial_states(events: Iterable[Event]) -> dict[tuple[str, str], Trial]:
    """Every trial as the ledger tells it, keyed by (tool, department), in the order they started."""
    trials: dict[tuple[str, str], Trial] = {}
    for event in events:
        if event.kind not in TRIAL_KINDS:
            continue
        p = event.payload
        key = (str(p.get("tool")), str(p.get("department")))
        if event.kind == TRIAL_STARTED:
            trials[key] = Trial(*key)
            trials[key].moves.append(
                Move(event.seq, event.ts, event.actor, None, str(p.get("phase")), p.get("note"), p.get("reason"))
            )
            continue
        trial = trials.get(key)
        if trial is None:
            continue
        if event.kind == TRIAL_MOVED:
            trial.moves.append(
                Move(event.seq, event.ts, event.actor, p.get("from"), str(p.get("to")), p.get("note"), p.get("reason"))
            )
        elif event.kind == TRIAL_FEEDBACK:
            trial.feedback.append(
                FeedbackEntry(event.seq, event.ts, event.actor, Feedback.model_validate(p["feedback"]))
            )
        else:
            trial.training.append(
                TrainingEntry(event.seq, event.ts, event.actor, TrainingSession.model_validate(p["session"]))
            )
    return trials


def recorded_fingerprints(events: Iterable[Event]) -> set[str]:
    return {str(e.payload.get("fingerprint")) for e in events if e.kind == TRIAL_FEEDBACK}


def allowed_moves(plan: Plan, phase: str) -> list[TrialPhase]:
    current = plan.phase(phase)
    if current is None:
        return []
    return [p for p in plan.trial_phases if p.id in current.next]


def feedback_payload(feedback: Feedback) -> dict[str, Any]:
    return {
        "tool": feedback.tool,
        "department": feedback.department,
        "feedback": feedback.model_dump(mode="json", exclude_none=True),
        "fingerprint": feedback.fingerprint(),
    }


def training_payload(session: TrainingSession) -> dict[str, Any]:
    return {
        "tool": session.tool,
        "department": session.department,
        "session": session.model_dump(mode="json", exclude_none=True),
    }


@dataclass(frozen=True)
class Evidence:
    """What trials say about one tool on one criterion that takes its value from trials."""

    value: Fraction
    """Mean SUS / UX-Lite score, mean rating ratio, mean hours per year, or pooled accuracy %."""
    respondents: int


def evidence_for(
    plan: Plan, trials: Mapping[tuple[str, str], Trial], tool: str, kind: str, criterion: str
) -> Evidence | None:
    """The trial evidence behind one cell: from every department's feedback on the tool."""
    entries = [e.feedback for (t, _), trial in trials.items() if t == tool for e in trial.feedback]
    values: list[Fraction] = []
    if kind == "sus":
        values = [s for f in entries if (s := f.sus_score) is not None]
    elif kind == "uxlite":
        values = [s for f in entries if (s := f.uxlite_score) is not None]
    elif kind == "hours_per_year":
        values = [f.effects.hours_per_year for f in entries if f.effects is not None]
    elif kind == "accuracy":
        samples = [f.accuracy for f in entries if f.accuracy is not None]
        if not samples:
            return None
        rate = Fraction(sum(s.correct for s in samples), sum(s.total for s in samples)) * 100
        return Evidence(rate, len(samples))
    elif kind == "ratings":
        found = plan.criterion(criterion)
        scale = plan.scale_of(found) if found is not None else None
        if scale is None:
            return None
        values = [
            Fraction(scale.ratios[level])
            for f in entries
            if (level := f.ratings.get(criterion)) is not None and level in scale.ratios
        ]
    if not values:
        return None
    return Evidence(sum(values, Fraction(0)) / len(values), len(values))
