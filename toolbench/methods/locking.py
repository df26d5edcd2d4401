"""Locking, sealed prices and blind labels: commitments recorded in the ledger (BRIEF §4 "Fairness").

- `plan.locked`: the hash of the criteria, the points and the rules, recorded before
  scoring starts (`toolbench lock`). Each part is hashed on its own, so a later change
  is reported by name ("points changed since the lock of 2026-04-13") until the plan is
  locked again with a reason. The points are those the evaluation uses (derived from
  hearings when the plan says so).
- `scores.locked`: the technical scores are final (`toolbench lock --scores`). With
  `[fairness] two_envelopes = true`, prices stay sealed until then.
- `blind.assigned` / `blind.revealed`: tools are shown as 候補A, 候補B … assigned by a
  seeded shuffle. Only a SHA-256 commitment to the mapping goes into the ledger; the
  seed, salt and mapping stay in `.toolbench/blind.json` until `toolbench unblind`
  records them, and anyone can then check them against the commitment.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from toolbench.base.canonical import content_hash
from toolbench.model.plan import Plan, Text, Tool
from toolbench.store.ledger import Event

PLAN_LOCKED = "plan.locked"
SCORES_LOCKED = "scores.locked"
BLIND_ASSIGNED = "blind.assigned"
BLIND_REVEALED = "blind.revealed"
LOCK_PARTS = ("criteria", "points", "rules")


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
            "scoring": plan.scoring.model_dump(mode="json"),
            "rounding": [plan.evaluation.rounding, plan.evaluation.decimals, list(plan.evaluation.round_at)],
            "weights": plan.weights.model_dump(mode="json"),
            "fairness": plan.fairness.model_dump(mode="json", exclude={"divergence_share"}),
        },
    }
    return {name: content_hash({name: value}) for name, value in parts.items()}


@dataclass(frozen=True)
class LockState:
    """What is locked and what changed since."""

    lock: Event | None
    """The last `plan.locked` event."""
    changed: tuple[str, ...]
    """Parts (criteria, points, rules) that differ from the lock."""
    scores: Event | None
    """The last `scores.locked` event."""

    @property
    def locked(self) -> bool:
        return self.lock is not None


def lock_state(plan: Plan, events: Iterable[Event]) -> LockState:
    """The lock status of the effective plan against the ledger's last lock."""
    lock = scores = None
    for event in events:
        if event.kind == PLAN_LOCKED:
            lock = event
        elif event.kind == SCORES_LOCKED:
            scores = event
    changed: tuple[str, ...] = ()
    if lock is not None:
        recorded = lock.payload.get("parts", {})
        now = lock_parts(plan)
        changed = tuple(part for part in LOCK_PARTS if recorded.get(part) != now[part])
    return LockState(lock, changed, scores)


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
