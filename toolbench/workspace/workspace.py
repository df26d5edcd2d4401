"""A workspace: a folder holding the plan (`toolbench.toml`) and the ledger (`.toolbench/`).

`Workspace` is the library's front door and what every command calls: create one from
a shipped rubric, open one (walking up from a folder, like git), record scores, read
the log, verify the chain and evaluate.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any

from toolbench.base import toml_write as _toml_write
from toolbench.base.errors import ScoreError, WorkspaceError
from toolbench.base.files import atomic_write
from toolbench.base.i18n import Message
from toolbench.base.paths import LEDGER_FILE, PLAN_FILE, STATE_DIR, find_root
from toolbench.methods.coi import COI_DECLARED, Recusal, normalise_company, recusals
from toolbench.methods.evaluation import (
    METRIC_RECORDED,
    SCORE_MODERATED,
    SCORE_RECORDED,
    Evaluation,
    blinded,
    current_metrics,
    current_moderations,
    current_scores,
    effective_plan,
    evaluate,
)
from toolbench.methods.hearings import (
    HEARING_RECORDED,
    Answers,
    HearingError,
    Respondent,
    WeightsResult,
    answers_payload,
    compute_weights,
    current_hearings,
    respondent_weights,
)
from toolbench.methods.locking import (
    BLIND_ASSIGNED,
    BLIND_REVEALED,
    PLAN_LOCKED,
    SCORES_LOCKED,
    LockState,
    blind_mapping,
    blind_state,
    commitment,
    lock_parts,
    lock_state,
)
from toolbench.methods.trial_metrics import Feedback, TrainingSession
from toolbench.methods.trials import (
    TRIAL_FEEDBACK,
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
from toolbench.model.plan import (
    MUST_ALIASES,
    Department,
    Evaluator,
    Plan,
    Tool,
    is_slug,
    load_plan,
    parse_plan,
    parse_toml_text,
    read_toml,
)
from toolbench.store.ledger import (
    DEFAULT_WAIT_SECONDS,
    Event,
    Ledger,
    NewEvent,
    SQLiteLedger,
    Verification,
    format_time,
    require_intact,
)

__all__ = [
    "LEDGER_FILE",
    "PLAN_FILE",
    "STATE_DIR",
    "FeedbackOutcome",
    "ScoreOutcome",
    "Workspace",
    "find_root",
    "rubric_data",
    "rubric_names",
]


_PLAN_HEADER = """\
# toolbench evaluation plan (評価計画). Every key is described in docs/plan.md.
# Criteria and points should be settled before scoring starts; every score in the
# ledger records the hash of the plan it was given under.
"""

_TOOLS_TEMPLATE = """
# --- Candidates: fill these in, or start with `toolbench init --tools ID,ID` ----
# [[tools]]
# id = "tool-a"                      # letters, digits, - _ . (no spaces or /)
# name = "製品名 / product name"
# vendor = "株式会社○○"
# maker = "○○株式会社"                # optional
# resellers = ["△△株式会社"]          # optional
# price = { amount = 1200000, tax = "included", basis = "5年総額" }
"""

_PEOPLE_TEMPLATE = """
# --- Evaluators and departments: fill these in ----------------------------------
# [[evaluators]]
# id = "e1"
# name = "評価委員A"
# affiliations = ["○○市 デジタル推進課"]
#
# [[departments]]
# id = "tax"
# name = { ja = "税務課", en = "Taxation Division" }
"""


def rubric_names() -> list[str]:
    """The rubrics shipped in the package's `scoring/` folder."""
    folder = resources.files("toolbench._data.scoring")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))


def rubric_data(name: str) -> dict[str, Any]:
    """A shipped rubric's plan data (evaluation defaults, groups, scales, criteria)."""
    if not is_slug(name) or name not in rubric_names():
        raise WorkspaceError("rubric.unknown", name=name, known=", ".join(rubric_names()))
    with resources.as_file(resources.files("toolbench._data.scoring") / f"{name}.toml") as path:
        data, _ = read_toml(path)
    return data


def _new_ledger(root: Path) -> SQLiteLedger:
    """A new ledger for a workspace; refuses to adopt one that already holds events."""
    ledger_file = root / STATE_DIR / LEDGER_FILE
    try:
        (root / STATE_DIR).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or str(error)
        raise WorkspaceError("workspace.cannot_write", path=str(root / STATE_DIR), reason=reason) from None
    existed = ledger_file.exists()
    ledger = SQLiteLedger(ledger_file, create=True)
    head = ledger.head() if existed else None
    if head is not None:
        ledger.close()
        raise WorkspaceError("workspace.ledger_exists", path=str(ledger_file), count=head.seq)
    return ledger


def _as_data(items: Iterable[Tool | Evaluator | Department]) -> list[dict[str, Any]]:
    return [
        {"id": item.id} | item.model_dump(mode="python", exclude_none=True, exclude_defaults=True) for item in items
    ]


def recusal_reason(recusal: Recusal) -> Message:
    """Why an evaluator is recused, in words (for errors and reports)."""
    if recusal.basis == "declared tool":
        return Message("coi.why.tool", seq=recusal.seq or 0)
    role = Message(f"coi.role.{recusal.role}")
    return Message("coi.why.company", company=recusal.company or "", role=role)


@dataclass(frozen=True)
class FeedbackOutcome:
    """What `record_feedback` did: the events appended (or planned) and responses already recorded."""

    recorded: tuple[Event, ...]
    skipped: tuple[Feedback, ...]


@dataclass(frozen=True)
class ScoreOutcome:
    """What `record_scores` did: the events it appended and the scores already current."""

    recorded: tuple[Event, ...]
    """The events appended (with `dry_run`, the events that would be, numbered 0)."""
    unchanged: tuple[str, ...]
    """Criteria whose level was already current (for one tool)."""
    unchanged_cells: tuple[tuple[str, str], ...] = ()
    """(tool, criterion) pairs whose level was already current."""


class Workspace:
    """An evaluation on disk: its plan and its ledger."""

    def __init__(self, root: Path, plan: Plan, ledger: Ledger) -> None:
        self.root = root
        self.plan = plan
        self.ledger = ledger

    # -- creating and opening ------------------------------------------------------

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
        root = Path(path)
        if root.exists() and not root.is_dir():
            raise WorkspaceError("workspace.not_dir", path=str(root))
        plan_path = root / PLAN_FILE
        if plan_path.exists():
            raise WorkspaceError("workspace.exists", path=str(root))
        data = rubric_data(rubric)
        if evaluation:
            data["evaluation"] = {**data.get("evaluation", {}), **evaluation}
        for key, items in (("tools", tools), ("evaluators", evaluators), ("departments", departments)):
            if items:
                data[key] = _as_data(items)
        data.update(extra or {})
        text = _PLAN_HEADER + "\n" + _toml_write.dumps(data)
        if not tools:
            text += _TOOLS_TEMPLATE
        if not evaluators:
            text += _PEOPLE_TEMPLATE
        # Validate exactly what will be on disk, so the plan hash recorded in events is
        # the one every later `open` computes.
        plan = parse_plan(parse_toml_text(text, str(plan_path)), file=str(plan_path), text=text)
        ledger = _new_ledger(root)
        try:
            atomic_write(plan_path, text)
        except OSError as error:
            ledger.close()
            reason = error.strerror or str(error)
            raise WorkspaceError("workspace.cannot_write", path=str(plan_path), reason=reason) from None
        return cls(root, plan, ledger)

    @classmethod
    def start_ledger(cls, path: str | Path) -> Workspace:
        """Give an existing plan (e.g. copied from version control) a new, empty ledger."""
        root = Path(path)
        plan = load_plan(root / PLAN_FILE)
        return cls(root.resolve(), plan, _new_ledger(root))

    @classmethod
    def open(
        cls, path: str | Path | None = None, *, search_parents: bool = True, wait_seconds: float = DEFAULT_WAIT_SECONDS
    ) -> Workspace:
        """Open the workspace at `path` (default: the current folder) or the nearest one above it."""
        start = Path(path) if path is not None else Path.cwd()
        if search_parents:
            root = find_root(start)
        elif (start / PLAN_FILE).is_file():
            root = start.resolve()
        else:
            raise WorkspaceError("workspace.not_found", start=str(start))
        plan = load_plan(root / PLAN_FILE)
        ledger_file = root / STATE_DIR / LEDGER_FILE
        if not ledger_file.is_file():
            # Never start an empty ledger silently: that would hide lost scores.
            raise WorkspaceError("workspace.no_ledger", path=str(ledger_file), root=str(root))
        ledger = SQLiteLedger(ledger_file, wait_seconds=wait_seconds)
        return cls(root, plan, ledger)

    def close(self) -> None:
        self.ledger.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- scores --------------------------------------------------------------------

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
        """Record one evaluator's levels for one tool: one event per changed criterion.

        Every score is checked against the plan first and nothing is recorded unless
        all pass. Changing a current score needs a `reason`; giving the current level
        again records nothing. The check and the append happen against the same
        ledger head, so two people correcting the same cell cannot both slip through.
        Must-haves take `pass` or `fail` (適 / 否 are accepted too).
        """
        if not scores:
            raise ScoreError("score.none")
        return self.record_sheet(
            evaluator, {tool: scores}, actor=actor, reason=reason, now=now, record_anyway=record_anyway
        )

    def check_level(self, criterion_id: str, value: str | int) -> str:
        """The level as recorded for `criterion_id`, or ScoreError naming the criterion and the levels."""
        plan = self.plan
        judged = plan.judged_criteria()
        criterion = plan.criterion(criterion_id)
        if criterion is None:
            raise ScoreError(
                "score.unknown_criterion", value=criterion_id, known=", ".join(c.id for c in judged) or "(none)"
            )
        if criterion.evidence is not None:
            known = ", ".join(c.id for c in judged)
            raise ScoreError("score.from_trials", criterion=criterion_id, evidence=criterion.evidence, known=known)
        if criterion not in judged:
            kind = Message(f"kind.{criterion.kind}")
            raise ScoreError(
                "score.not_rating", criterion=criterion_id, kind=kind, known=", ".join(c.id for c in judged)
            )
        scale = plan.scale_of(criterion)
        level = str(value).strip()
        if criterion.kind == "must":
            level = MUST_ALIASES.get(level.lower(), level.lower())
        if scale is None or level not in scale.ratios:
            described = scale.describe() if scale else "(none)"
            if criterion.kind == "must":
                described += " (適/否)"
            raise ScoreError("score.off_scale", criterion=criterion_id, value=str(value).strip(), levels=described)
        return level

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
        """Record one evaluator's levels for several tools at once, all or nothing.

        `scores` maps tool → criterion → level. The same rules as `record_scores`
        apply to every cell; with `dry_run` the events that would be recorded are
        returned (with seq 0) and nothing is written. A score from an evaluator
        recused from the tool is refused unless `record_anyway`: it is then kept,
        marked, left out of every aggregate and disclosed.
        """
        plan = self.plan
        if plan.evaluator(evaluator) is None:
            raise ScoreError(
                "score.unknown_evaluator", value=evaluator, known=", ".join(e.id for e in plan.evaluators) or "(none)"
            )
        levels: dict[tuple[str, str], str] = {}
        for tool, per_tool in scores.items():
            if plan.tool(tool) is None:
                raise ScoreError(
                    "score.unknown_tool", value=tool, known=", ".join(t.id for t in plan.tools) or "(none)"
                )
            for criterion_id, value in per_tool.items():
                levels[(tool, criterion_id)] = self.check_level(criterion_id, value)
        unchanged: list[tuple[str, str]] = []
        labels = self.blind_labels()

        def decide(events: list[Event]) -> list[NewEvent]:
            current, _ = current_scores(plan, events)
            frozen = current_moderations(plan, events)
            conflicted = recusals(plan, events)
            lock = lock_state(effective_plan(plan, events)[0], events)
            new: list[NewEvent] = []
            unchanged.clear()
            if plan.fairness.require_lock and not lock.locked:
                raise ScoreError("score.not_locked")
            for (tool, criterion_id), level in levels.items():
                recusal = conflicted.get((evaluator, tool))
                if recusal is not None and not record_anyway:
                    if labels:  # blind: name neither the tool nor the company
                        why = Message("coi.why.blind")
                        raise ScoreError("score.recused", evaluator=evaluator, tool=labels.get(tool, tool), why=why)
                    raise ScoreError("score.recused", evaluator=evaluator, tool=tool, why=recusal_reason(recusal))
                criterion = plan.criterion(criterion_id)
                technical = criterion is not None and criterion.kind != "price"
                if not technical and plan.fairness.two_envelopes and lock.scores is None:
                    raise ScoreError("score.price_sealed", tool=tool, criterion=criterion_id)
                if lock.scores is not None and technical:
                    raise ScoreError("score.scores_locked", tool=tool, criterion=criterion_id, seq=lock.scores.seq)
                previous = current.get((tool, evaluator, criterion_id))
                payload: dict[str, Any] = {
                    "tool": tool,
                    "evaluator": evaluator,
                    "criterion": criterion_id,
                    "level": level,
                }
                if previous is not None and previous.level == level:
                    unchanged.append((tool, criterion_id))
                    continue
                moderation = frozen.get((tool, criterion_id))
                if moderation is not None:
                    raise ScoreError(
                        "score.frozen", tool=tool, criterion=criterion_id, level=moderation.level, seq=moderation.seq
                    )
                if previous is not None:
                    if not reason:
                        raise ScoreError(
                            "score.reason_required",
                            evaluator=evaluator,
                            tool=tool,
                            criterion=criterion_id,
                            old=previous.level,
                            new=level,
                            seq=previous.seq,
                        )
                    payload["supersedes"] = previous.seq
                if reason:
                    payload["reason"] = reason
                if recusal is not None:
                    payload["recused"] = True
                new.append(NewEvent(SCORE_RECORDED, payload, actor, plan.hash))
            return new

        try:
            if dry_run:
                planned = decide(list(self.ledger.events()))
                recorded = tuple(Event(0, "", n.actor, n.kind, n.payload, n.plan_hash, "", "") for n in planned)
            else:
                recorded = tuple(self.ledger.append_decided(decide, now=now))
        except ScoreError as error:
            if not labels or "tool" not in error.params:
                raise
            params = {**error.params, "tool": labels.get(str(error.params["tool"]), error.params["tool"])}
            raise ScoreError(error.key, **params) from None  # blind: the message names the label only
        return ScoreOutcome(recorded, tuple(c for _, c in unchanged), tuple(unchanged))

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
        """Record measured values of metric criteria for one tool, with where they come from.

        All or nothing, like scores: each value must be a number (0 or more under the
        ratio_to_best rule); the same value again records nothing; changing one needs
        a `reason`.
        """
        plan = self.plan
        if plan.tool(tool) is None:
            raise ScoreError("score.unknown_tool", value=tool, known=", ".join(t.id for t in plan.tools) or "(none)")
        if not values:
            raise ScoreError("score.none")
        if not source.strip():
            raise ScoreError("metric.no_source")
        metrics = [c for c in plan.criteria if c.kind == "metric"]
        checked: dict[str, Decimal] = {}
        for criterion_id, raw in values.items():
            criterion = plan.criterion(criterion_id)
            if criterion is not None and criterion.evidence is not None:
                measured = ", ".join(c.id for c in metrics if c.evidence is None) or "(none)"
                raise ScoreError(
                    "score.from_trials", criterion=criterion_id, evidence=criterion.evidence, known=measured
                )
            if criterion is None or criterion.kind != "metric" or criterion.metric is None:
                raise ScoreError(
                    "metric.unknown_criterion", value=criterion_id, known=", ".join(c.id for c in metrics) or "(none)"
                )
            try:
                value = Decimal(str(raw).strip().replace(",", ""))
            except InvalidOperation:
                value = Decimal("NaN")
            if not value.is_finite():
                raise ScoreError("metric.bad_value", criterion=criterion_id, value=str(raw).strip())
            if not -15 <= value.adjusted() <= 15 and value != 0:  # 1e999999999 would hang exact arithmetic
                raise ScoreError("metric.out_of_range", criterion=criterion_id, value=str(raw).strip())
            if criterion.metric.rule == "ratio_to_best" and value < 0:
                raise ScoreError("metric.negative", criterion=criterion_id, value=str(raw).strip())
            checked[criterion_id] = value
        unchanged: list[str] = []

        def decide(events: list[Event]) -> list[NewEvent]:
            current, _ = current_metrics(plan, events)
            new: list[NewEvent] = []
            unchanged.clear()
            for criterion_id, value in checked.items():
                previous = current.get((tool, criterion_id))
                payload: dict[str, Any] = {
                    "tool": tool,
                    "criterion": criterion_id,
                    "value": format(value.normalize(), "f"),
                    "source": source.strip(),
                }
                if previous is not None:
                    if previous.value == value and previous.source == source.strip():
                        unchanged.append(criterion_id)
                        continue
                    if not reason:
                        old, new_value = format(previous.value.normalize(), "f"), payload["value"]
                        if previous.value == value:  # only the source changes: show both sources
                            old, new_value = f"{old} [{previous.source}]", f"{new_value} [{payload['source']}]"
                        raise ScoreError(
                            "metric.reason_required",
                            tool=tool,
                            criterion=criterion_id,
                            old=old,
                            new=new_value,
                            seq=previous.seq,
                        )
                    payload["supersedes"] = previous.seq
                if reason:
                    payload["reason"] = reason
                new.append(NewEvent(METRIC_RECORDED, payload, actor, plan.hash))
            return new

        recorded = self.ledger.append_decided(decide, now=now)
        return ScoreOutcome(tuple(recorded), tuple(unchanged), tuple((tool, c) for c in unchanged))

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
        """Record the committee's consensus level on one cell, overriding the aggregate.

        The comment is mandatory. From then on individual scores for that cell are
        frozen; a later consensus supersedes this one.
        """
        plan = self.plan
        if plan.tool(tool) is None:
            raise ScoreError("score.unknown_tool", value=tool, known=", ".join(t.id for t in plan.tools) or "(none)")
        checked = self.check_level(criterion, level)
        if not comment.strip():
            raise ScoreError("moderate.comment_required")
        unchanged: list[str] = []

        def decide(events: list[Event]) -> list[NewEvent]:
            previous = current_moderations(plan, events).get((tool, criterion))
            unchanged.clear()
            if previous is not None and previous.level == checked and previous.comment == comment.strip():
                unchanged.append(criterion)
                return []
            payload: dict[str, Any] = {
                "tool": tool,
                "criterion": criterion,
                "level": checked,
                "comment": comment.strip(),
            }
            if previous is not None:
                payload["supersedes"] = previous.seq
            return [NewEvent(SCORE_MODERATED, payload, actor, plan.hash)]

        recorded = self.ledger.append_decided(decide, now=now)
        return ScoreOutcome(tuple(recorded), tuple(unchanged), tuple((tool, c) for c in unchanged))

    # -- fairness -------------------------------------------------------------------

    def declare_coi(
        self,
        evaluator: str,
        *,
        actor: str,
        company: str | None = None,
        tool: str | None = None,
        note: str | None = None,
        now: datetime | None = None,
    ) -> Event | None:
        """Record an evaluator's declared relationship with a company, or conflict with a tool.

        A declared company recuses the evaluator from every tool it makes or sells; a
        declared tool recuses them from that tool. The same declaration twice records nothing.
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

        def decide(events: list[Event]) -> list[NewEvent]:
            if any(e.kind == COI_DECLARED and dict(e.payload) == payload for e in events):
                return []
            return [NewEvent(COI_DECLARED, payload, actor, plan.hash)]

        recorded = self.ledger.append_decided(decide, now=now)
        return recorded[0] if recorded else None

    def recusals(self) -> dict[tuple[str, str], Recusal]:
        return recusals(self.plan, self.ledger.events())

    def lock(self, *, actor: str, reason: str | None = None, now: datetime | None = None) -> Event | None:
        """Record the hash of the criteria, points and rules (before scoring starts).

        Locking again with nothing changed records nothing; once anything changed,
        re-locking needs a `reason`, which stays in the ledger.
        """
        plan = self.plan

        def decide(events: list[Event]) -> list[NewEvent]:
            effective, _ = effective_plan(plan, events)
            state = lock_state(effective, events)
            if state.lock is not None and not state.changed:
                return []
            if state.lock is not None and not (reason and reason.strip()):
                parts = [Message(f"lock.part.{part}") for part in state.changed]
                raise ScoreError("lock.reason_required", parts=parts, seq=state.lock.seq)
            payload: dict[str, Any] = {"parts": lock_parts(effective)}
            if state.lock is not None:
                payload["supersedes"] = state.lock.seq
                payload["changed"] = list(state.changed)
            if reason and reason.strip():
                payload["reason"] = reason.strip()
            return [NewEvent(PLAN_LOCKED, payload, actor, plan.hash)]

        recorded = self.ledger.append_decided(decide, now=now)
        return recorded[0] if recorded else None

    def lock_status(self) -> LockState:
        """What is locked and what changed since, without evaluating (works while scores are missing)."""
        events = list(self.ledger.events())
        return lock_state(effective_plan(self.plan, events)[0], events)

    def lock_scores(self, *, actor: str, reason: str | None = None, now: datetime | None = None) -> Event | None:
        """Record that the technical scores are final; with two envelopes this opens the prices."""
        plan = self.plan

        def decide(events: list[Event]) -> list[NewEvent]:
            if lock_state(plan, events).scores is not None:
                return []
            payload: dict[str, Any] = {"head": events[-1].seq if events else 0}
            if reason and reason.strip():
                payload["reason"] = reason.strip()
            return [NewEvent(SCORES_LOCKED, payload, actor, plan.hash)]

        recorded = self.ledger.append_decided(decide, now=now)
        return recorded[0] if recorded else None

    @property
    def _blind_file(self) -> Path:
        return self.root / STATE_DIR / "blind.json"

    def blind(self, *, actor: str, seed: int | None = None, now: datetime | None = None) -> Event:
        """Assign blind labels (A, B …) by a seeded shuffle and record a commitment to the mapping.

        The seed, salt and mapping are kept in `.toolbench/blind.json` (not in the
        ledger) until `unblind`. Reports show labels while blind.
        """
        import json
        import secrets

        plan = self.plan
        if blind_state(self.ledger.events()).active:
            raise ScoreError("blind.already")
        chosen = seed if seed is not None else secrets.randbelow(2**63)
        salt = secrets.token_hex(16)
        mapping = blind_mapping([t.id for t in plan.tools], chosen)
        promise = commitment(chosen, salt, mapping)
        secret = {"seed": chosen, "salt": salt, "mapping": mapping, "commitment": promise}
        try:
            atomic_write(self._blind_file, json.dumps(secret, ensure_ascii=False, indent=2) + "\n")
            self._blind_file.chmod(0o600)
        except OSError as error:
            raise WorkspaceError("workspace.cannot_write", path=str(self._blind_file), reason=str(error)) from None

        def decide(events: list[Event]) -> list[NewEvent]:
            if blind_state(events).active:
                raise ScoreError("blind.already")
            return [NewEvent(BLIND_ASSIGNED, {"commitment": promise, "count": len(mapping)}, actor, plan.hash)]

        return self.ledger.append_decided(decide, now=now)[0]

    def blind_labels(self) -> dict[str, str] | None:
        """Tool id → label while blind mode is active (from the local secret file), else None."""
        import json

        state = blind_state(self.ledger.events())
        if not state.active:
            return None
        try:
            secret = json.loads(self._blind_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise WorkspaceError("blind.file_missing", path=str(self._blind_file)) from None
        assert state.assigned is not None
        try:
            seed, salt, mapping = int(secret["seed"]), str(secret["salt"]), dict(secret["mapping"])
        except (KeyError, TypeError, ValueError):
            raise WorkspaceError("blind.file_mismatch", path=str(self._blind_file)) from None
        # the secret must reproduce the commitment recorded before scoring, or a label would go to the wrong tool
        promise = state.assigned.payload.get("commitment")
        if commitment(seed, salt, mapping) != promise or secret.get("commitment") != promise:
            raise WorkspaceError("blind.file_mismatch", path=str(self._blind_file))
        if blind_mapping([t.id for t in self.plan.tools], seed) != mapping:
            raise WorkspaceError("blind.file_mismatch", path=str(self._blind_file))
        return {str(k): str(v) for k, v in mapping.items()}

    def unblind(self, *, actor: str, now: datetime | None = None) -> Event:
        """Reveal the mapping, seed and salt; they must reproduce the recorded commitment."""
        import json

        plan = self.plan
        if self.blind_labels() is None:
            raise ScoreError("blind.not_active")
        secret = json.loads(self._blind_file.read_text(encoding="utf-8"))
        seed, salt, mapping = int(secret["seed"]), str(secret["salt"]), dict(secret["mapping"])
        if (
            blind_mapping([t.id for t in plan.tools], seed) != mapping
            or commitment(seed, salt, mapping) != secret["commitment"]
        ):
            raise WorkspaceError("blind.file_mismatch", path=str(self._blind_file))
        payload = {"seed": seed, "salt": salt, "mapping": mapping, "commitment": secret["commitment"]}

        def decide(events: list[Event]) -> list[NewEvent]:
            if not blind_state(events).active:
                raise ScoreError("blind.not_active")
            return [NewEvent(BLIND_REVEALED, payload, actor, plan.hash)]

        event = self.ledger.append_decided(decide, now=now)[0]
        self._blind_file.unlink(missing_ok=True)  # everything in it is now in the ledger
        return event

    def resolve_tool(self, name: str) -> str:
        """A tool id from what a user typed: the id, or its blind label while blind."""
        labels = self.blind_labels()
        if labels:
            by_label = {label: tool for tool, label in labels.items()}
            if name in by_label:
                return by_label[name]
        return name

    # -- trials ---------------------------------------------------------------------

    def trials(self) -> dict[tuple[str, str], Trial]:
        """Every trial, keyed by (tool, department), as the ledger tells it."""
        return trial_states(self.ledger.events())

    def _trial_target(self, tool: str, department: str) -> None:
        plan = self.plan
        if plan.tool(tool) is None:
            raise TrialError("trial.unknown_tool", value=tool, known=", ".join(t.id for t in plan.tools) or "(none)")
        if plan.department(department) is None:
            raise TrialError(
                "trial.unknown_department",
                value=department,
                known=", ".join(d.id for d in plan.departments) or "(none)",
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
        self._trial_target(tool, department)
        plan = self.plan
        first = phase or plan.trial_phases[0].id
        if plan.phase(first) is None:
            raise TrialError("trial.unknown_phase", value=first, known=", ".join(p.id for p in plan.trial_phases))

        def decide(events: list[Event]) -> list[NewEvent]:
            if (tool, department) in trial_states(events):
                current = trial_states(events)[(tool, department)]
                raise TrialError("trial.already", tool=tool, department=department, phase=current.phase)
            payload: dict[str, Any] = {"tool": tool, "department": department, "phase": first}
            if note:
                payload["note"] = note
            return [NewEvent(TRIAL_STARTED, payload, actor, plan.hash)]

        return self.ledger.append_decided(decide, now=now)[0]

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
        self._trial_target(tool, department)
        plan = self.plan
        if plan.phase(to) is None:
            raise TrialError("trial.unknown_phase", value=to, known=", ".join(p.id for p in plan.trial_phases))

        def decide(events: list[Event]) -> list[NewEvent]:
            trial = trial_states(events).get((tool, department))
            if trial is None:
                raise TrialError("trial.not_started", tool=tool, department=department)
            allowed = [p.id for p in allowed_moves(plan, trial.phase)]
            if to not in allowed:
                raise TrialError(
                    "trial.move_refused",
                    tool=tool,
                    department=department,
                    phase=trial.phase,
                    to=to,
                    allowed=", ".join(allowed) or "(none)",
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

        return self.ledger.append_decided(decide, now=now)[0]

    def check_feedback(self, feedback: Feedback) -> None:
        """Raise TrialError unless the feedback fits the plan (tool, department, ratings on the scales)."""
        self._trial_target(feedback.tool, feedback.department)
        for criterion_id, level in feedback.ratings.items():
            self.check_staff_rating(criterion_id, level)

    def check_staff_rating(self, criterion_id: str, level: str | int) -> str:
        """A staff rating as recorded: any rating criterion, on its scale; else TrialError naming it."""
        plan = self.plan
        rated = [c for c in plan.criteria if c.kind == "rating"]
        criterion = plan.criterion(criterion_id)
        if criterion is None or criterion.kind != "rating":
            known = ", ".join(c.id for c in rated) or "(none)"
            problem = Message("score.unknown_criterion", value=criterion_id, known=known)
            raise TrialError("trial.bad_rating", problem=problem)
        scale = plan.scale_of(criterion)
        text = str(level).strip()
        if scale is None or text not in scale.ratios:
            described = scale.describe() if scale else "(none)"
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
        skipped: list[Feedback] = []

        def decide(events: list[Event]) -> list[NewEvent]:
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
                    raise TrialError("trial.no_trial", tool=feedback.tool, department=feedback.department)
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
            planned = decide(list(self.ledger.events()))
            recorded = tuple(Event(0, "", n.actor, n.kind, n.payload, n.plan_hash, "", "") for n in planned)
        else:
            recorded = tuple(self.ledger.append_decided(decide, now=now))
        return FeedbackOutcome(recorded, tuple(skipped))

    def record_training(self, session: TrainingSession, *, actor: str, now: datetime | None = None) -> Event | None:
        """Record a training session (the tool needs a trial in the department); a repeat records nothing."""
        self._trial_target(session.tool, session.department)
        payload = training_payload(session)

        def decide(events: list[Event]) -> list[NewEvent]:
            trial = trial_states(events).get((session.tool, session.department))
            if trial is None:
                raise TrialError("trial.no_trial", tool=session.tool, department=session.department)
            if any(entry.session == session for entry in trial.training):
                return []
            return [NewEvent(TRIAL_TRAINING, payload, actor, self.plan.hash)]

        recorded = self.ledger.append_decided(decide, now=now)
        return recorded[0] if recorded else None

    # -- hearings -------------------------------------------------------------------

    def record_hearing(
        self,
        respondent: Respondent,
        answers: Answers,
        *,
        actor: str,
        reason: str | None = None,
        now: datetime | None = None,
    ) -> Event | None:
        """Record one respondent's hearing, validated against the plan first.

        The same answers again record nothing (None), so re-importing a file is
        harmless; different answers for a respondent already heard need a reason.
        """
        respondent_weights(self.plan, respondent, answers)  # raises HearingError naming the problem
        payload = answers_payload(respondent, answers)

        def decide(events: list[Event]) -> list[NewEvent]:
            previous = next((h for h in current_hearings(events) if h.respondent.id == respondent.id), None)
            body = payload
            if previous is not None:
                if answers_payload(previous.respondent, previous.answers) == payload:
                    return []
                if not reason:
                    raise HearingError("hearing.reason_required", respondent=respondent.id, seq=previous.seq)
                body = payload | {"supersedes": previous.seq, "reason": reason}
            return [NewEvent(HEARING_RECORDED, body, actor, self.plan.hash)]

        recorded = self.ledger.append_decided(decide, now=now)
        return recorded[0] if recorded else None

    def record_hearings(
        self, hearings: Sequence[tuple[Respondent, Answers]], *, actor: str, reason: str | None = None
    ) -> int:
        """Record several hearings in one transaction (all or none), e.g. from an import.

        Each is validated first; respondents already heard with the same answers are
        skipped; a respondent already heard with different answers is refused unless
        a `reason` is given, which then goes with each correction. Returns how many
        were recorded.
        """
        for respondent, answers in hearings:
            respondent_weights(self.plan, respondent, answers)

        def decide(events: list[Event]) -> list[NewEvent]:
            current = {h.respondent.id: h for h in current_hearings(events)}
            new: list[NewEvent] = []
            for respondent, answers in hearings:
                payload = answers_payload(respondent, answers)
                previous = current.get(respondent.id)
                if previous is not None:
                    if answers_payload(previous.respondent, previous.answers) == payload:
                        continue
                    if not reason:
                        raise HearingError("hearing.reason_required", respondent=respondent.id, seq=previous.seq)
                    payload = payload | {"supersedes": previous.seq, "reason": reason}
                new.append(NewEvent(HEARING_RECORDED, payload, actor, self.plan.hash))
            return new

        return len(self.ledger.append_decided(decide))

    def weights(self) -> WeightsResult | None:
        """Hearing-derived weights as of now (None while nobody has been heard).

        Like the matrix, a report of weights is never drawn from a broken chain.
        """
        require_intact(self.ledger)
        return compute_weights(self.plan, self.ledger.events())

    # -- reading -------------------------------------------------------------------

    def evaluate(self, *, without: Collection[str] = ()) -> Evaluation:
        """The evaluation as of the ledger's current head (optionally without some evaluators).

        The hash chain is verified first: a report computed from a ledger that was
        edited behind toolbench's back would put untraceable numbers in front of a
        committee, so a broken chain raises LedgerCorrupt instead.
        """
        require_intact(self.ledger)
        for evaluator in without:
            if self.plan.evaluator(evaluator) is None:
                known = ", ".join(e.id for e in self.plan.evaluators) or "(none)"
                raise ScoreError("score.unknown_evaluator", value=evaluator, known=known)
        result = evaluate(self.plan, self.ledger.events(), without=without)
        labels = self.blind_labels()
        if labels is not None:
            state = blind_state(self.ledger.events())
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
