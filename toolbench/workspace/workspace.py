"""A workspace: a folder holding the plan (`toolbench.toml`) and the ledger (`.toolbench/`).

`Workspace` is the library's front door and what every command calls: create one from
a shipped rubric, open one (walking up from a folder, like git), record scores, read
the log, verify the chain and evaluate.

It is a facade. Each role lives in its own module and works on the workspace's plan
and ledger: `folder` (creating and opening, rubrics), `scoring` (scores, measurements,
moderations, must-have judgements), `hearings`, `trials` (trials, feedback, training),
`fairness` (conflict-of-interest declarations, locks), `blinding` (blind labels) and
`reading` (evaluation, events, verification). The methods below only hand over.

Every role writes through one ledger guard (`guard.GuardedLedger`): once the evaluation
is finalized, every write is refused until `reopen` records a reason.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from toolbench.base.errors import ProcedureError
from toolbench.base.paths import LEDGER_FILE, PLAN_FILE, STATE_DIR, find_root
from toolbench.methods.coi import Recusal
from toolbench.methods.evaluation import Evaluation
from toolbench.methods.hearings import Answers, Respondent, WeightsResult
from toolbench.methods.locking import LockState
from toolbench.methods.procedure import Procedure
from toolbench.methods.trial_metrics import Feedback, TrainingSession
from toolbench.methods.trials import Trial
from toolbench.model.plan import Department, Evaluator, Plan, Tool
from toolbench.store.ledger import DEFAULT_WAIT_SECONDS, Event, Ledger, Verification
from toolbench.workspace import folder
from toolbench.workspace.blinding import Blinding
from toolbench.workspace.evidence import CityEvidence
from toolbench.workspace.facts import Facts
from toolbench.workspace.fairness import Fairness, recusal_reason
from toolbench.workspace.fit import Fitting
from toolbench.workspace.folder import rubric_data, rubric_names
from toolbench.workspace.guard import guarded, require_open
from toolbench.workspace.hearings import Hearings
from toolbench.workspace.procedure import Steps
from toolbench.workspace.reading import Reading
from toolbench.workspace.scoring import ScoreOutcome, Scoring
from toolbench.workspace.trials import FeedbackOutcome, Trials

__all__ = [
    "LEDGER_FILE",
    "PLAN_FILE",
    "STATE_DIR",
    "FeedbackOutcome",
    "ScoreOutcome",
    "Workspace",
    "find_root",
    "recusal_reason",
    "rubric_data",
    "rubric_names",
]


class Workspace:
    """An evaluation on disk: its plan and its ledger."""

    def __init__(self, root: Path, plan: Plan, ledger: Ledger) -> None:
        self.root = root
        self.plan = plan
        # the one place every write passes: refused while the evaluation is finalized
        self.ledger: Ledger = guarded(ledger)

    # The roles are built from the current plan and ledger on every call (they are
    # small frozen values), so a role never works on a plan the workspace no longer has.

    @property
    def _blinding(self) -> Blinding:
        return Blinding(self.root, self.plan, self.ledger)

    @property
    def _scoring(self) -> Scoring:
        return Scoring(self.plan, self.ledger, self._blinding)

    @property
    def _fairness(self) -> Fairness:
        return Fairness(self.plan, self.ledger)

    @property
    def _trials(self) -> Trials:
        return Trials(self.plan, self.ledger)

    @property
    def _hearings(self) -> Hearings:
        return Hearings(self.plan, self.ledger)

    @property
    def _reading(self) -> Reading:
        return Reading(self.plan, self.ledger, self._blinding)

    @property
    def fitting(self) -> Fitting:
        """The requirement fit table steps (`toolbench.workspace.fit.Fitting`): a proposer's answers, all
        or nothing, and the 事務局's verification of each."""
        return Fitting(self.plan, self.ledger)

    @property
    def facts(self) -> Facts:
        """The facts recorded about the candidates (`toolbench.workspace.facts.Facts`): certifications,
        registrations and terms, each with its source and date; all or nothing."""
        return Facts(self.plan, self.ledger)

    @property
    def evidence(self) -> CityEvidence:
        """Trial evidence between cities (`toolbench.workspace.evidence.CityEvidence`): this city's outcomes
        published as a catalog fragment, other cities' pulled evidence, and its adoption by name."""
        return CityEvidence(self.root, self.plan, self.ledger)

    @property
    def steps(self) -> Steps:
        """The procedure's steps (`toolbench.workspace.procedure.Steps`): stages, qualification,
        attendance, withdrawals, draws, the decision, negotiation and the committee's review."""
        return Steps(self.root, self.plan, self.ledger, self._reading)

    # -- creating and opening (folder.py) --------------------------------------------

    @classmethod
    def init(
        cls,
        path: str | Path,
        *,
        rubric: str = "ai-ocr",
        evaluation: Mapping[str, Any] | None = None,
        tools: Sequence[Tool] = (),
        evaluators: Sequence[Evaluator] = (),
        departments: Sequence[Department] = (),
        extra: Mapping[str, Any] | None = None,
    ) -> Workspace:
        """Create a workspace from a shipped rubric, with optional overrides and entries.

        `extra` adds or replaces top-level plan tables (e.g. `stakeholders`, `weights`).

        The plan is validated before anything is written; an existing plan is never
        overwritten.
        """
        made = folder.create(
            path,
            rubric=rubric,
            evaluation=evaluation,
            tools=tools,
            evaluators=evaluators,
            departments=departments,
            extra=extra,
        )
        return cls(made.root, made.plan, made.ledger)

    @classmethod
    def start_ledger(cls, path: str | Path) -> Workspace:
        """Give an existing plan (e.g. copied from version control) a new, empty ledger."""
        made = folder.start_ledger(path)
        return cls(made.root, made.plan, made.ledger)

    @classmethod
    def open(
        cls, path: str | Path | None = None, *, search_parents: bool = True, wait_seconds: float = DEFAULT_WAIT_SECONDS
    ) -> Workspace:
        """Open the workspace at `path` (default: the current folder) or the nearest one above it."""
        found = folder.open_folder(path, search_parents=search_parents, wait_seconds=wait_seconds)
        return cls(found.root, found.plan, found.ledger)

    def close(self) -> None:
        self.ledger.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- scores, measurements, moderations (scoring.py) ------------------------------

    def record_scores(
        self,
        tool: str,
        evaluator: str,
        scores: Mapping[str, str | int],
        *,
        actor: str,
        reason: str | None = None,
        now: datetime | None = None,
        record_anyway: bool = False,
    ) -> ScoreOutcome:
        """Record one evaluator's levels for one tool: one event per changed criterion (see `Scoring`)."""
        return self._scoring.record_scores(
            tool, evaluator, scores, actor=actor, reason=reason, now=now, record_anyway=record_anyway
        )

    def check_level(self, criterion_id: str, value: str | int) -> str:
        """The level as recorded for `criterion_id`, or ScoreError naming the criterion and the levels."""
        return self._scoring.check_level(criterion_id, value)

    def level_checker(self) -> Callable[[str, str | int], str]:
        """`check_level` for a whole sheet: the plan read once, each (criterion, value) checked once."""
        return self._scoring.level_checker()

    def record_sheet(
        self,
        evaluator: str,
        scores: Mapping[str, Mapping[str, str | int]],
        *,
        actor: str,
        reason: str | None = None,
        now: datetime | None = None,
        dry_run: bool = False,
        record_anyway: bool = False,
    ) -> ScoreOutcome:
        """Record one evaluator's levels for several tools at once, all or nothing (see `Scoring`)."""
        return self._scoring.record_sheet(
            evaluator, scores, actor=actor, reason=reason, now=now, dry_run=dry_run, record_anyway=record_anyway
        )

    def record_metrics(
        self,
        tool: str,
        values: Mapping[str, str | int | Decimal],
        *,
        source: str,
        actor: str,
        reason: str | None = None,
        now: datetime | None = None,
    ) -> ScoreOutcome:
        """Record measured values of metric criteria for one tool, with where they come from."""
        return self._scoring.record_metrics(tool, values, source=source, actor=actor, reason=reason, now=now)

    def moderate(
        self,
        tool: str,
        criterion: str,
        level: str | int,
        *,
        comment: str,
        actor: str,
        now: datetime | None = None,
    ) -> ScoreOutcome:
        """Record the committee's consensus level on one cell, overriding the aggregate."""
        return self._scoring.moderate(tool, criterion, level, comment=comment, actor=actor, now=now)

    # -- conflicts of interest and locks (fairness.py) -------------------------------

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

        After `lock_scores` a declaration needs a `reason` (it can change locked technical points).
        """
        return self._fairness.declare_coi(
            evaluator, actor=actor, company=company, tool=tool, note=note, reason=reason, now=now
        )

    def recusals(self) -> dict[tuple[str, str], Recusal]:
        """(evaluator, tool) → why that evaluator is recused from that tool."""
        return self._fairness.recusals()

    def lock(self, *, actor: str, reason: str | None = None, now: datetime | None = None) -> Event | None:
        """Record the hash of the criteria, points and rules (before scoring starts; after it, only with a reason)."""
        return self._fairness.lock(actor=actor, reason=reason, now=now)

    def lock_status(self) -> LockState:
        """What is locked and what changed since, without evaluating (works while scores are missing)."""
        return self._fairness.lock_status()

    def lock_scores(self, *, actor: str, reason: str | None = None, now: datetime | None = None) -> Event | None:
        """Record that the technical scores are final; with two envelopes this opens the prices."""
        return self._fairness.lock_scores(actor=actor, reason=reason, now=now)

    def reopen(self, reason: str, actor: str, *, now: datetime | None = None) -> Event:
        """Open a finalized evaluation for recording again; every later report discloses the reason."""
        return self._fairness.reopen(reason, actor=actor, now=now)

    # -- blind labels (blinding.py) --------------------------------------------------

    @property
    def _blind_file(self) -> Path:
        return self._blinding.file

    def blind(self, *, actor: str, seed: int | None = None, now: datetime | None = None) -> Event:
        """Assign blind labels (A, B …) by a seeded shuffle and record a commitment to the mapping."""
        require_open(list(self.ledger.events()))  # before the secret file is written (the append checks again)
        return self._blinding.blind(actor=actor, seed=seed, now=now)

    def blind_labels(self) -> dict[str, str] | None:
        """Tool id → label while blind mode is active (from the local secret file), else None."""
        return self._blinding.labels()

    def unblind(self, *, actor: str, now: datetime | None = None) -> Event:
        """Reveal the mapping, seed and salt; they must reproduce the recorded commitment."""
        return self._blinding.unblind(actor=actor, now=now)

    def resolve_tool(self, name: str) -> str:
        """A tool id from what a user typed: the id, or its blind label while blind."""
        return self._blinding.resolve_tool(name)

    # -- trials, feedback, training (trials.py) --------------------------------------

    def trials(self) -> dict[tuple[str, str], Trial]:
        """Every trial, keyed by (tool, department), as the ledger tells it."""
        return self._trials.trials()

    def _trial_target(self, tool: str, department: str) -> None:
        self._trials.check_target(tool, department)

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
        return self._trials.start_trial(tool, department, actor=actor, phase=phase, note=note, now=now)

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
        """Move a trial to the next phase; refused unless the plan's phase graph allows it."""
        return self._trials.move_trial(tool, department, to, actor=actor, note=note, reason=reason, now=now)

    def check_feedback(self, feedback: Feedback) -> None:
        """Raise TrialError unless the feedback fits the plan (tool, department, ratings on the scales)."""
        self._trials.check_feedback(feedback)

    def check_staff_rating(self, criterion_id: str, level: str | int) -> str:
        """A staff rating as recorded: any rating criterion, on its scale; else TrialError naming it."""
        return self._trials.check_staff_rating(criterion_id, level)

    def record_feedback(
        self,
        entries: Sequence[Feedback],
        *,
        actor: str,
        dry_run: bool = False,
        now: datetime | None = None,
    ) -> FeedbackOutcome:
        """Record feedback, all or nothing; each needs a trial of its tool in its department."""
        return self._trials.record_feedback(entries, actor=actor, dry_run=dry_run, now=now)

    def record_training(self, session: TrainingSession, *, actor: str, now: datetime | None = None) -> Event | None:
        """Record a training session (the tool needs a trial in the department); a repeat records nothing."""
        return self._trials.record_training(session, actor=actor, now=now)

    # -- hearings (hearings.py) ------------------------------------------------------

    def record_hearing(
        self,
        respondent: Respondent,
        answers: Answers,
        *,
        actor: str,
        reason: str | None = None,
        now: datetime | None = None,
    ) -> Event | None:
        """Record one respondent's hearing, validated against the plan first."""
        return self._hearings.record_hearing(respondent, answers, actor=actor, reason=reason, now=now)

    def record_hearings(
        self, hearings: Sequence[tuple[Respondent, Answers]], *, actor: str, reason: str | None = None
    ) -> int:
        """Record several hearings in one transaction (all or none); returns how many were recorded."""
        return self._hearings.record_hearings(hearings, actor=actor, reason=reason)

    def weights(self) -> WeightsResult | None:
        """Hearing-derived weights as of now (None while nobody has been heard)."""
        return self._hearings.weights()

    # -- reading (reading.py) --------------------------------------------------------

    def evaluate(self, *, without: Collection[str] = (), stage: str | None = None) -> Evaluation:
        """The evaluation as of the ledger's current head (optionally without some evaluators).

        With stages, one scored stage: `stage`, else the one open now (or last closed).
        """
        return self._reading.evaluate(without=without, stage=stage)

    def procedure(self, *, without: Collection[str] = ()) -> Procedure:
        """The procedure as the ledger stands (a plan with `[[stages]]`)."""
        return self._reading.procedure(without=without)

    def named_procedure(self) -> Procedure:
        """The procedure for documents that name the proposers (status, notices, 審査講評, 選定理由書).

        Refused while blind: each of them ties names to figures, which would give the labels away.
        """
        if self.blind_labels() is not None:
            raise ProcedureError("proc.blind_documents")
        return self._reading.procedure()

    def events(
        self,
        *,
        kind: str | None = None,
        tool: str | None = None,
        evaluator: str | None = None,
        since: datetime | None = None,
    ) -> list[Event]:
        """Ledger events, optionally only of one kind, tool, evaluator, or at or after a time."""
        return self._reading.events(kind=kind, tool=tool, evaluator=evaluator, since=since)

    def verify(self) -> Verification:
        """Recompute the ledger's hash chain."""
        return self._reading.verify()
