"""Recording judgements: evaluators' scores, measured values and the committee's moderations.

Every entry is checked against the plan before anything is written, and the check and
the append happen against the same ledger head. Must-have criteria are judged here too
(`pass` / `fail`, 適 / 否).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from toolbench.base.errors import ScoreError
from toolbench.base.i18n import Message
from toolbench.methods.coi import RECUSAL_KINDS, recusals
from toolbench.methods.evaluation import (
    METRIC_RECORDED,
    SCORE_MODERATED,
    SCORE_RECORDED,
    ScoreRules,
    current_metrics,
    current_moderations,
    current_score,
    effective_plan,
)
from toolbench.methods.hearings import WEIGHT_KINDS
from toolbench.methods.locking import LOCK_KINDS, lock_state
from toolbench.methods.procedure import PROCEDURE_KINDS, procedure_log, scoring_refusal
from toolbench.model.plan import MUST_ALIASES, Criterion, Plan
from toolbench.store.ledger import Event, Ledger, LedgerView, NewEvent, projection_key
from toolbench.workspace.blinding import Blinding
from toolbench.workspace.fairness import recusal_reason

__all__ = ["MUST_WORDS", "ScoreOutcome", "Scoring", "fold_level", "typed"]

MUST_WORDS = {**MUST_ALIASES, "可": "pass", "不可": "fail", "〇": "pass", "◯": "pass", "✕": "fail", "✗": "fail"}
"""What staff write for a must-have: pass / fail, 適 / 否, ○ / ×, 可 / 不可 (and ok / ng), any width."""


def typed(text: str | int) -> str:
    """What someone typed, as toolbench reads it: NFKC-folded (４ → 4, ａ → a, 全角スペース → space) and trimmed."""
    return unicodedata.normalize("NFKC", str(text)).strip()


def fold_level(text: str | int, levels: Iterable[str], *, must: bool = False) -> str:
    """A typed level as the scale spells it: NFKC-folded, a must-have word as pass / fail, a letter in the scale's case.

    `Ａ` and `a` are `A` when the scale has `A` (and no `a`); a level the scale does not know is returned
    folded, for the caller to refuse.
    """
    level = typed(text)
    if must:
        return MUST_WORDS.get(level.lower(), level.lower())
    known = list(levels)
    if level in known:
        return level
    same = [k for k in known if k.casefold() == level.casefold()]
    return same[0] if len(same) == 1 else level


@dataclass(frozen=True)
class ScoreOutcome:
    """What `record_scores` did: the events it appended and the scores already current."""

    recorded: tuple[Event, ...]
    """The events appended (with `dry_run`, the events that would be, numbered 0)."""
    unchanged: tuple[str, ...]
    """Criteria whose level was already current (for one tool)."""
    unchanged_cells: tuple[tuple[str, str], ...] = ()
    """(tool, criterion) pairs whose level was already current."""


@dataclass(frozen=True)
class Scoring:
    """Scores, measurements and moderations of one workspace."""

    plan: Plan
    ledger: Ledger
    blinding: Blinding

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
        return self.level_checker()(criterion_id, value)

    def level_checker(self) -> Callable[[str, str | int], str]:
        """`check_level` for many cells: the plan's judged criteria read once, each (criterion, value) checked once."""
        plan = self.plan
        judged = plan.judged_criteria()
        judged_ids = {c.id for c in judged}
        seen: dict[tuple[str, str | int], str] = {}

        def check(criterion_id: str, value: str | int) -> str:
            found = seen.get((criterion_id, value))
            if found is None:
                found = seen[(criterion_id, value)] = self._check_level(plan, judged, judged_ids, criterion_id, value)
            return found

        return check

    @staticmethod
    def _check_level(
        plan: Plan, judged: Sequence[Criterion], judged_ids: Set[str], criterion_id: str, value: str | int
    ) -> str:
        criterion_id = typed(criterion_id)
        criterion = plan.criterion(criterion_id)
        if criterion is None:
            raise ScoreError(
                "score.unknown_criterion",
                value=criterion_id,
                known=", ".join(c.id for c in judged) or Message("input.none"),
            )
        if criterion.evidence is not None:
            known = ", ".join(c.id for c in judged)
            raise ScoreError("score.from_trials", criterion=criterion_id, evidence=criterion.evidence, known=known)
        if criterion.fact is not None:
            raise ScoreError("score.from_facts", criterion=criterion_id, known=", ".join(c.id for c in judged))
        if criterion.id not in judged_ids:
            kind = Message(f"kind.{criterion.kind}")
            raise ScoreError(
                "score.not_rating", criterion=criterion_id, kind=kind, known=", ".join(c.id for c in judged)
            )
        scale = plan.scale_of(criterion)
        level = fold_level(value, scale.ratios if scale else (), must=criterion.kind == "must")
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
        evaluator = typed(evaluator)  # ids as typed on a Japanese keyboard: ｔａｘ is tax
        scores = {typed(t): {typed(c): v for c, v in per.items()} for t, per in scores.items()}
        if plan.evaluator(evaluator) is None:
            raise ScoreError(
                "score.unknown_evaluator",
                value=evaluator,
                known=", ".join(e.id for e in plan.evaluators) or Message("input.none"),
            )
        levels: dict[tuple[str, str], str] = {}
        check_level = self.level_checker()
        for tool, per_tool in scores.items():
            if plan.tool(tool) is None:
                raise ScoreError(
                    "score.unknown_tool", value=tool, known=", ".join(t.id for t in plan.tools) or Message("input.none")
                )
            for criterion_id, value in per_tool.items():
                levels[(tool, criterion_id)] = check_level(criterion_id, value)
        unchanged: list[tuple[str, str]] = []
        labels = self.blinding.labels()

        def decide(view: LedgerView) -> list[NewEvent]:
            # the current state only: the cells written to, and the few events the rules read
            frozen = current_moderations(plan, view.events({SCORE_MODERATED}))
            conflicted = recusals(plan, view.events(RECUSAL_KINDS))
            rules = list(view.events(WEIGHT_KINDS | LOCK_KINDS))
            lock = lock_state(effective_plan(plan, rules)[0], rules)
            applies = ScoreRules(plan)
            cells = [{"tool": tool, "evaluator": evaluator, "criterion": criterion} for tool, criterion in levels]
            stored = view.latest_many(SCORE_RECORDED, cells)  # every cell of the sheet, read at once
            new: list[NewEvent] = []
            unchanged.clear()
            if plan.fairness.require_lock and not lock.locked:
                raise ScoreError("score.not_locked")
            staged = procedure_log(view.events(PROCEDURE_KINDS)) if plan.stages else None
            for (tool, criterion_id), level in levels.items():
                if staged is not None:
                    refusal = scoring_refusal(plan, staged, tool, evaluator, criterion_id)
                    if refusal is not None:
                        raise ScoreError(refusal[0], **refusal[1])
                recusal = conflicted.get((evaluator, tool))
                if recusal is not None and not record_anyway:
                    if labels:  # blind: name neither the tool nor the company
                        why = Message("coi.why.blind")
                        raise ScoreError("score.recused", evaluator=evaluator, tool=labels.get(tool, tool), why=why)
                    raise ScoreError("score.recused", evaluator=evaluator, tool=tool, why=recusal_reason(recusal))
                criterion = plan.criterion(criterion_id)
                technical = criterion is not None and criterion.kind != "price"
                if not technical and plan.fairness.two_envelopes and lock.scores is None:
                    raise ScoreError("score.price_sealed", tool=(labels or {}).get(tool, tool), criterion=criterion_id)
                if lock.scores is not None and technical:
                    raise ScoreError("score.scores_locked", tool=tool, criterion=criterion_id, seq=lock.scores.seq)
                payload: dict[str, Any] = {
                    "tool": tool,
                    "evaluator": evaluator,
                    "criterion": criterion_id,
                    "level": level,
                }
                previous = current_score(applies, stored.get(projection_key(SCORE_RECORDED, payload) or ""))
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
                with self.ledger.reading() as view:
                    planned = decide(view)
                recorded = tuple(Event(0, "", n.actor, n.kind, n.payload, n.plan_hash, "", "") for n in planned)
            else:
                recorded = tuple(self.ledger.append_viewed(decide, now=now))
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
            raise ScoreError(
                "score.unknown_tool", value=tool, known=", ".join(t.id for t in plan.tools) or Message("input.none")
            )
        if not values:
            raise ScoreError("score.none")
        if not source.strip():
            raise ScoreError("metric.no_source")
        metrics = [c for c in plan.criteria if c.kind == "metric"]
        checked: dict[str, Decimal] = {}
        for criterion_id, raw in values.items():
            criterion = plan.criterion(criterion_id)
            if criterion is not None and criterion.evidence is not None:
                measured = ", ".join(c.id for c in metrics if c.evidence is None) or Message("input.none")
                raise ScoreError(
                    "score.from_trials", criterion=criterion_id, evidence=criterion.evidence, known=measured
                )
            if criterion is None or criterion.kind != "metric" or criterion.metric is None:
                raise ScoreError(
                    "metric.unknown_criterion",
                    value=criterion_id,
                    known=", ".join(c.id for c in metrics) or Message("input.none"),
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

        def decide(view: LedgerView) -> list[NewEvent]:
            current, _ = current_metrics(plan, view.events({METRIC_RECORDED}))
            new: list[NewEvent] = []
            unchanged.clear()
            staged = procedure_log(view.events(PROCEDURE_KINDS)) if plan.stages else None
            for criterion_id, value in checked.items():
                if staged is not None:
                    refusal = scoring_refusal(plan, staged, tool, "", criterion_id)
                    if refusal is not None and refusal[0] not in ("proc.score_no_attendance", "proc.score_absent"):
                        raise ScoreError(refusal[0], **refusal[1])
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

        try:
            recorded = self.ledger.append_viewed(decide, now=now)
        except ScoreError as error:
            labels = self.blinding.labels()
            if not labels or "tool" not in error.params:
                raise
            params = {**error.params, "tool": labels.get(str(error.params["tool"]), error.params["tool"])}
            raise ScoreError(error.key, **params) from None  # blind: the message names the label only
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
        tool, criterion = typed(tool), typed(criterion)
        if plan.tool(tool) is None:
            raise ScoreError(
                "score.unknown_tool", value=tool, known=", ".join(t.id for t in plan.tools) or Message("input.none")
            )
        checked = self.check_level(criterion, level)
        if not comment.strip():
            raise ScoreError("moderate.comment_required")
        unchanged: list[str] = []

        def decide(view: LedgerView) -> list[NewEvent]:
            previous = current_moderations(plan, view.events({SCORE_MODERATED})).get((tool, criterion))
            unchanged.clear()
            if plan.stages:
                staged = procedure_log(view.events(PROCEDURE_KINDS))
                refusal = scoring_refusal(plan, staged, tool, "", criterion)
                if refusal is not None and refusal[0] not in ("proc.score_no_attendance", "proc.score_absent"):
                    raise ScoreError(refusal[0], **refusal[1])
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

        recorded = self.ledger.append_viewed(decide, now=now)
        return ScoreOutcome(tuple(recorded), tuple(unchanged), tuple((tool, c) for c in unchanged))
