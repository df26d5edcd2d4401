"""Requirement fit tables (機能要件適合表): answers, the 事務局's verification, and the points they give.

Each proposer answers each requirement of the plan's list: ○ (yes: standard), △
(partial: an alternative, a customisation or a later release, described in a remark),
× (no: not possible) or − (na: not applicable). The 事務局 then verifies each answer
(`fit.verified`): it accepts it, downgrades it (○ → △, △ → ×, − → × where the requirement does apply; with a reason) or
queries it (asks the proposer; the answer stays unverified).

What counts (`counted`):
- a verified answer: the accepted or downgraded value;
- an unverified ○ or ×: as answered, provisionally (the cell says how many await verification);
- an unverified △: as × until accepted — a △ counts only once its alternative is accepted.

A `fit` criterion's raw points are the sum over its requirements of the points the
plan gives the counted answer at the requirement's priority (− counts for nothing and
is left out of the best and worst sums too). Ratio = raw ÷ best possible raw, below 0
counted as 0 (`scaling = "max"`), or (raw − worst) ÷ (best − worst) (`"range"`);
points = 配点 × ratio. A requirement of a required priority (必須) counted × disqualifies
the proposer (or only costs its points, as the plan says) — an unverified △ does not
disqualify yet: it keeps the result provisional until the 事務局 decides.

All exact (fractions); a requirement not answered leaves the cell unscored (never zero).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Literal

from toolbench.model.plan import Criterion, FitAnswer, FitRequirement, FitRule, Plan
from toolbench.store.ledger import Event

FIT_ANSWERED = "fit.answered"
FIT_VERIFIED = "fit.verified"
FIT_KINDS = frozenset({FIT_ANSWERED, FIT_VERIFIED})

DOWNGRADES: Mapping[str, str] = MappingProxyType({"yes": "partial", "partial": "no", "na": "no"})
"""What a downgrade makes of an answer: ○ → △, △ → ×, and − → × (the requirement does apply, and is not met)."""

Status = Literal["unverified", "accepted", "downgraded", "queried"]


@dataclass(frozen=True)
class Answer:
    """A proposer's answer to one requirement, as last recorded."""

    tool: str
    requirement: str
    answer: FitAnswer
    remark: str
    seq: int
    ts: str
    actor: str
    reason: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Verification:
    """The 事務局's verification of one answer (it applies to that answer only: a new answer needs a new one)."""

    action: Literal["accept", "downgrade", "query"]
    value: FitAnswer
    reason: str
    answer_seq: int
    seq: int
    ts: str
    actor: str


@dataclass(frozen=True)
class FitState:
    """The current answers and verifications, per (tool, requirement)."""

    answers: Mapping[tuple[str, str], Answer]
    verifications: Mapping[tuple[str, str], Verification]

    def verification(self, tool: str, requirement: str) -> Verification | None:
        """The verification of the current answer (an older answer's verification no longer applies)."""
        answer = self.answers.get((tool, requirement))
        found = self.verifications.get((tool, requirement))
        if answer is None or found is None or found.answer_seq != answer.seq:
            return None
        return found


def _answer(value: object) -> FitAnswer:
    text = str(value)
    return text if text in ("yes", "partial", "no", "na") else "na"  # type: ignore[return-value]


def fit_state(events: Iterable[Event]) -> FitState:
    """Fold `fit.answered` and `fit.verified` events in ledger order (later supersedes earlier)."""
    answers: dict[tuple[str, str], Answer] = {}
    verifications: dict[tuple[str, str], Verification] = {}
    for event in events:
        if event.kind not in FIT_KINDS:
            continue
        p = event.payload
        key = (str(p.get("tool", "")), str(p.get("requirement", "")))
        if event.kind == FIT_ANSWERED:
            answers[key] = Answer(
                key[0],
                key[1],
                _answer(p.get("answer")),
                str(p.get("remark", "")),
                event.seq,
                event.ts,
                event.actor,
                p.get("reason"),
                p.get("source"),
            )
        else:
            action = p.get("action")
            verifications[key] = Verification(
                action if action in ("accept", "downgrade", "query") else "query",
                _answer(p.get("value")),
                str(p.get("reason", "")),
                int(p.get("answer", 0)),
                event.seq,
                event.ts,
                event.actor,
            )
    return FitState(MappingProxyType(answers), MappingProxyType(verifications))


def counted(answer: Answer, verification: Verification | None) -> tuple[FitAnswer, Status]:
    """The answer that counts, and where it stands in verification."""
    if verification is not None and verification.action == "accept":
        return answer.answer, "accepted"
    if verification is not None and verification.action == "downgrade":
        return verification.value, "downgraded"
    status: Status = "queried" if verification is not None else "unverified"
    return ("no" if answer.answer == "partial" else answer.answer), status


@dataclass(frozen=True)
class FitRow:
    """One requirement for one proposer: what it answered, what counts, and the raw points that gives."""

    requirement: FitRequirement
    answer: Answer | None
    verification: Verification | None
    value: FitAnswer | None
    """The counted answer (None: not answered)."""
    status: Status | None
    raw: Fraction | None


@dataclass(frozen=True)
class FitCell:
    """A fit criterion for one proposer: its rows, counts, the raw points and where they stand."""

    rows: tuple[FitRow, ...]
    raw: Fraction | None
    best: Fraction
    worst: Fraction
    ratio: Fraction | None
    counts: Mapping[str, int] = field(default_factory=dict)
    """Counted answers per value (yes, partial, no, na)."""
    self_counts: Mapping[str, int] = field(default_factory=dict)
    """The proposer's own answers per value (its self-assessment)."""
    unanswered: tuple[str, ...] = ()
    awaiting: tuple[str, ...] = ()
    """Requirements whose answer the 事務局 has not verified yet (queried ones included)."""
    required_failed: tuple[str, ...] = ()
    """Required requirements counted × (verified, or answered × by the proposer)."""
    required_pending: tuple[str, ...] = ()
    """Required requirements answered △ and not yet accepted: not disqualifying yet, not passing either."""

    @property
    def provisional(self) -> bool:
        return bool(self.unanswered or self.awaiting or self.required_pending)


def fit_cell(plan: Plan, criterion: Criterion, tool: str, state: FitState) -> FitCell:
    """Score one proposer on one fit criterion from the current answers and verifications."""
    rule = criterion.fit or FitRule()
    required = set(plan.fit.required)
    rows: list[FitRow] = []
    raw = Fraction(0)
    best = worst = Fraction(0)
    counts: dict[str, int] = {}
    own: dict[str, int] = {}
    unanswered: list[str] = []
    awaiting: list[str] = []
    failed: list[str] = []
    pending: list[str] = []
    for requirement in plan.fit_requirements(criterion.id):
        points = rule.points.get(requirement.priority)
        scores = (
            {"yes": Fraction(points.yes), "partial": Fraction(points.partial), "no": Fraction(points.no)}
            if points is not None
            else {"yes": Fraction(0), "partial": Fraction(0), "no": Fraction(0)}
        )
        answer = state.answers.get((tool, requirement.id))
        if answer is None:
            unanswered.append(requirement.id)
            best += max(scores.values())
            worst += min(scores.values())
            rows.append(FitRow(requirement, None, None, None, None, None))
            continue
        verification = state.verification(tool, requirement.id)
        value, status = counted(answer, verification)
        own[answer.answer] = own.get(answer.answer, 0) + 1
        counts[value] = counts.get(value, 0) + 1
        if status in ("unverified", "queried"):
            awaiting.append(requirement.id)
        is_required = requirement.priority in required
        if is_required and value == "no":
            if answer.answer == "partial" and status in ("unverified", "queried"):
                pending.append(requirement.id)
            else:
                failed.append(requirement.id)
        if value == "na":
            rows.append(FitRow(requirement, answer, verification, value, status, None))
            continue
        best += max(scores.values())
        worst += min(scores.values())
        got = scores[value]
        raw += got
        rows.append(FitRow(requirement, answer, verification, value, status, got))
    ratio = fit_ratio(rule, raw, best, worst) if not unanswered else None
    return FitCell(
        tuple(rows),
        raw if not unanswered else None,
        best,
        worst,
        ratio,
        MappingProxyType(counts),
        MappingProxyType(own),
        tuple(unanswered),
        tuple(awaiting),
        tuple(failed),
        tuple(pending),
    )


def fit_ratio(rule: FitRule, raw: Fraction, best: Fraction, worst: Fraction) -> Fraction:
    """A fit cell's ratio from its raw points: raw ÷ best, below 0 as 0 (`max`), or between worst and best (`range`)."""
    if rule.scaling == "range":
        ratio = (raw - worst) / (best - worst) if best != worst else Fraction(0)  # nothing to tell apart
    else:
        ratio = max(Fraction(0), raw) / best if best > 0 else Fraction(0)
    return min(Fraction(1), max(Fraction(0), ratio))


def fit_criteria(plan: Plan) -> Sequence[Criterion]:
    return tuple(c for c in plan.criteria if c.kind == "fit")
