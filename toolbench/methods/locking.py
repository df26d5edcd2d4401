"""Locking, sealed prices and blind labels: commitments recorded in the ledger.

- `plan.locked`: the hash of the criteria, the points and the rules, recorded before
  scoring starts (`toolbench lock`). Each part is hashed on its own, so a later change
  is reported by name ("points changed since the lock of 2026-04-13") until the plan is
  locked again with a reason. The points are those the evaluation uses (derived from
  hearings when the plan says so).
  A lock recorded after scores needs a reason, and every report says how many scores
  came before it (`LockState.scored_before`).
- `scores.locked`: the technical scores are final (`toolbench lock --scores`). With
  `[fairness] two_envelopes = true`, prices stay sealed until then.
- `evaluation.reopened`: after `toolbench finalize` nothing more is recorded until the
  evaluation is reopened with a reason (`toolbench reopen --reason …`); every later
  report discloses each reopening (`reopenings`, `closing_finalize`).
- `blind.assigned` / `blind.revealed`: tools are shown as 候補A, 候補B … assigned by a
  seeded shuffle. Only a SHA-256 commitment to the mapping goes into the ledger; the
  seed, salt and mapping stay in `.toolbench/blind.json` until `toolbench unblind`
  records them, and anyone can then check them against the commitment.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from toolbench.base.canonical import content_hash
from toolbench.methods.finalization import FINALIZED
from toolbench.model.plan import Plan, Text, Tool
from toolbench.store.ledger import Event

PLAN_LOCKED = "plan.locked"
SCORES_LOCKED = "scores.locked"
BLIND_ASSIGNED = "blind.assigned"
BLIND_REVEALED = "blind.revealed"
REOPENED = "evaluation.reopened"
"""Event kind: a finalized evaluation is opened again for recording, with a reason."""
LOCK_PARTS = ("criteria", "points", "rules")
SCORED_KINDS = frozenset({"score.recorded", "metric.recorded", "score.moderated"})
"""Event kinds that judge a tool (levels, measured values, consensus levels): what a lock should come before.

The same strings as `evaluation.SCORE_RECORDED`, `METRIC_RECORDED` and `SCORE_MODERATED`
(that module imports this one, so they are spelled out here; a test keeps them equal).
"""


def lock_parts(plan: Plan) -> dict[str, str]:
    """SHA-256 of each lockable part of the (effective) plan."""
    criteria = [
        {
            "id": c.id,
            "name": c.name.model_dump(),
            "group": c.group,
            "kind": c.kind,
            "scale": c.scale,
            "anchors": {k: v.model_dump() for k, v in c.anchors.items()},
            "metric": c.metric.model_dump(mode="json") if c.metric else None,
            "evidence": c.evidence,
            **({"fit": c.fit.model_dump(mode="json")} if c.fit is not None else {}),
            **({"fact": c.fact.model_dump(mode="json", by_alias=True)} if c.fact is not None else {}),
            **({"evidence_from": list(c.evidence_from)} if c.evidence_from else {}),
        }
        for c in plan.criteria
    ]
    parts: dict[str, Any] = {
        "criteria": {
            "criteria": criteria,
            "scales": {k: v.model_dump(mode="json") for k, v in plan.scales.items()},
            "groups": {k: v.model_dump() for k, v in plan.groups.items()},
        },
        "points": [[c.id, str(c.points.normalize())] for c in plan.criteria],
        "rules": {
            "price": plan.price.model_dump(mode="json"),
            "scoring": plan.scoring.model_dump(mode="json", exclude=_unset(plan.scoring, "rank_points", "rank_ties")),
            "rounding": [plan.evaluation.rounding, plan.evaluation.decimals, list(plan.evaluation.round_at)],
            "weights": plan.weights.model_dump(mode="json", exclude=_unset(plan.weights, "criteria")),
            "fairness": plan.fairness.model_dump(mode="json", exclude={"divergence_share"}),
        },
    }
    if plan.requirements:  # the requirement list a fit criterion scores (a plan without one hashes as before)
        parts["criteria"]["requirements"] = [r.model_dump(mode="json") for r in plan.requirements]
        parts["criteria"]["fit"] = plan.fit.model_dump(mode="json")
    if plan.facts != type(plan.facts)():  # how old a fact may be, and on which date (a plan without says nothing)
        parts["rules"]["facts"] = plan.facts.model_dump(mode="json")
    if plan.stages:  # the procedure's rules are locked with the others (a plan without stages hashes as before)
        parts["rules"]["stages"] = [s.model_dump(mode="json") for s in plan.stages]
        parts["rules"]["procedure"] = plan.procedure.model_dump(mode="json")
    return {name: content_hash({name: value}) for name, value in parts.items()}


def _unset(model: Any, *names: str) -> set[str]:
    """Fields added after ledgers were locked, left out of the lock while they hold their default."""
    defaults = type(model).model_fields
    return {n for n in names if getattr(model, n) == defaults[n].get_default(call_default_factory=True)}


@dataclass(frozen=True)
class LockState:
    """What is locked and what changed since."""

    lock: Event | None
    """The last `plan.locked` event."""
    changed: tuple[str, ...]
    """Parts (criteria, points, rules) that differ from the lock."""
    scores: Event | None
    """The last `scores.locked` event."""
    scored_before: int = 0
    """How many scores (levels, measured values, consensus levels) were recorded before the last lock."""

    @property
    def locked(self) -> bool:
        return self.lock is not None

    @property
    def reason(self) -> str | None:
        """The reason the last lock gives, if any."""
        if self.lock is None:
            return None
        reason = self.lock.payload.get("reason")
        return str(reason) if reason else None


LOCK_KINDS = frozenset({PLAN_LOCKED, SCORES_LOCKED})
"""The kinds `lock_state` reads for what is locked (the scores before the lock are counted apart)."""


def lock_state(plan: Plan, events: Iterable[Event], *, count_scored: Callable[[int], int] | None = None) -> LockState:
    """The lock status of the effective plan against the ledger's last lock.

    The scores recorded before the lock are counted from `events`, or, where `events`
    hold only the current state, by `count_scored(seq)` (every score before event
    `seq`, superseded ones included).
    """
    lock = scores = None
    scored = scored_before = 0
    for event in events:
        if event.kind == PLAN_LOCKED:
            lock, scored_before = event, scored
        elif event.kind == SCORES_LOCKED:
            scores = event
        elif event.kind in SCORED_KINDS:
            scored += 1
    if lock is not None and count_scored is not None:
        scored_before = count_scored(lock.seq)
    changed: tuple[str, ...] = ()
    if lock is not None:
        recorded = lock.payload.get("parts", {})
        now = lock_parts(plan)
        changed = tuple(part for part in LOCK_PARTS if recorded.get(part) != now[part])
    return LockState(lock, changed, scores, scored_before)


# --- finalize and reopen ----------------------------------------------------------------


@dataclass(frozen=True)
class Reopening:
    """A finalized evaluation opened again: the reopen event and the finalize record it followed."""

    event: Event
    finalized: Event

    @property
    def reason(self) -> str:
        return str(self.event.payload.get("reason", ""))


def closing_finalize(events: Iterable[Event]) -> Event | None:
    """The finalize record that closes the ledger to writes, or None while it is open.

    A ledger is closed from a finalize record until a reopen event follows it.
    """
    closing = None
    for event in events:
        if event.kind == FINALIZED:
            closing = event
        elif event.kind == REOPENED:
            closing = None
    return closing


def reopenings(events: Iterable[Event]) -> tuple[Reopening, ...]:
    """Every reopening after a finalize, in ledger order (every later report discloses each)."""
    found: list[Reopening] = []
    closing = None
    for event in events:
        if event.kind == FINALIZED:
            closing = event
        elif event.kind == REOPENED and closing is not None:
            found.append(Reopening(event, closing))
            closing = None
    return tuple(found)


# --- blind labels ---------------------------------------------------------------------


def blind_mapping(tool_ids: Sequence[str], seed: int) -> dict[str, str]:
    """Tool id → label letter (A, B, … Z, AA …) by a shuffle seeded with `seed`."""
    order = list(tool_ids)
    random.Random(seed).shuffle(order)
    return {tool: _letters(index) for index, tool in enumerate(order)}


def _letters(index: int) -> str:
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(ord("A") + rest) + text
    return text


def commitment(seed: int, salt: str, mapping: dict[str, str]) -> str:
    """The SHA-256 recorded when labels are assigned; the reveal must reproduce it."""
    text = json.dumps({"mapping": mapping, "salt": salt, "seed": seed}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class BlindState:
    assigned: Event | None
    revealed: Event | None

    @property
    def active(self) -> bool:
        return self.assigned is not None and (self.revealed is None or self.revealed.seq < self.assigned.seq)


BLIND_KINDS = frozenset({BLIND_ASSIGNED, BLIND_REVEALED})
"""The kinds `blind_state` reads."""


def blind_state(events: Iterable[Event]) -> BlindState:
    assigned = revealed = None
    for event in events:
        if event.kind == BLIND_ASSIGNED:
            assigned = event
        elif event.kind == BLIND_REVEALED:
            revealed = event
    return BlindState(assigned, revealed)


def masked_tool(tool: Tool, label: str) -> Tool:
    """A tool shown only by its blind label: id A, name 候補A / Candidate A, no vendor."""
    return Tool(id=label, name=Text(ja=f"候補{label}", en=f"Candidate {label}"), vendor="-")


def masked_plan(plan: Plan, labels: dict[str, str]) -> Plan:
    """The plan with every tool replaced by its blind label, in label order (the plan's order would tell)."""
    tools = sorted((masked_tool(t, labels.get(t.id, t.id)) for t in plan.tools), key=lambda t: (len(t.id), t.id))
    return plan.model_copy(update={"tools": tuple(tools)})
