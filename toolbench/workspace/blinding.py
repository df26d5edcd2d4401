"""Blind labels: tools scored as A, B … until the mapping is revealed.

The seeded mapping, its seed and salt stay in `.toolbench/blind.json` (never in the
ledger) while blind; the ledger holds only a commitment to them, so the reveal can be
checked against what was promised before scoring.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from toolbench.base.errors import ScoreError, WorkspaceError
from toolbench.base.files import atomic_write
from toolbench.base.paths import STATE_DIR
from toolbench.methods.locking import (
    BLIND_ASSIGNED,
    BLIND_KINDS,
    BLIND_REVEALED,
    blind_mapping,
    blind_state,
    commitment,
)
from toolbench.model.plan import Plan
from toolbench.store.ledger import Event, Ledger, LedgerView, NewEvent

__all__ = ["Blinding"]


@dataclass(frozen=True)
class Blinding:
    """Blind mode of one workspace: assigning labels, reading them back, revealing them."""

    root: Path
    plan: Plan
    ledger: Ledger

    @property
    def file(self) -> Path:
        """The local secret file that holds the seed, salt and mapping while blind."""
        return self.root / STATE_DIR / "blind.json"

    def blind(self, *, actor: str, seed: int | None = None, now: datetime | None = None) -> Event:
        """Assign blind labels (A, B …) by a seeded shuffle and record a commitment to the mapping.

        The seed, salt and mapping are kept in `.toolbench/blind.json` (not in the
        ledger) until `unblind`. Reports show labels while blind.
        """
        plan = self.plan
        if blind_state(self.ledger.events_of(BLIND_KINDS)).active:
            raise ScoreError("blind.already")
        chosen = seed if seed is not None else secrets.randbelow(2**63)
        salt = secrets.token_hex(16)
        mapping = blind_mapping([t.id for t in plan.tools], chosen)
        promise = commitment(chosen, salt, mapping)
        secret = {"seed": chosen, "salt": salt, "mapping": mapping, "commitment": promise}
        try:
            atomic_write(self.file, json.dumps(secret, ensure_ascii=False, indent=2) + "\n")
            self.file.chmod(0o600)
        except OSError as error:
            raise WorkspaceError("workspace.cannot_write", path=str(self.file), reason=str(error)) from None

        def decide(view: LedgerView) -> list[NewEvent]:
            if blind_state(view.events(BLIND_KINDS)).active:
                raise ScoreError("blind.already")
            return [NewEvent(BLIND_ASSIGNED, {"commitment": promise, "count": len(mapping)}, actor, plan.hash)]

        return self.ledger.append_viewed(decide, now=now)[0]

    def labels(self) -> dict[str, str] | None:
        """Tool id → label while blind mode is active (from the local secret file), else None."""
        state = blind_state(self.ledger.events_of(BLIND_KINDS))
        if not state.active:
            return None
        try:
            secret = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise WorkspaceError("blind.file_missing", path=str(self.file)) from None
        assert state.assigned is not None
        try:
            seed, salt, mapping = int(secret["seed"]), str(secret["salt"]), dict(secret["mapping"])
        except (KeyError, TypeError, ValueError):
            raise WorkspaceError("blind.file_mismatch", path=str(self.file)) from None
        # the secret must reproduce the commitment recorded before scoring, or a label would go to the wrong tool
        promise = state.assigned.payload.get("commitment")
        if commitment(seed, salt, mapping) != promise or secret.get("commitment") != promise:
            raise WorkspaceError("blind.file_mismatch", path=str(self.file))
        if blind_mapping([t.id for t in self.plan.tools], seed) != mapping:
            raise WorkspaceError("blind.file_mismatch", path=str(self.file))
        return {str(k): str(v) for k, v in mapping.items()}

    def unblind(self, *, actor: str, now: datetime | None = None) -> Event:
        """Reveal the mapping, seed and salt; they must reproduce the recorded commitment."""
        plan = self.plan
        if self.labels() is None:
            raise ScoreError("blind.not_active")
        secret = json.loads(self.file.read_text(encoding="utf-8"))
        seed, salt, mapping = int(secret["seed"]), str(secret["salt"]), dict(secret["mapping"])
        if (
            blind_mapping([t.id for t in plan.tools], seed) != mapping
            or commitment(seed, salt, mapping) != secret["commitment"]
        ):
            raise WorkspaceError("blind.file_mismatch", path=str(self.file))
        payload = {"seed": seed, "salt": salt, "mapping": mapping, "commitment": secret["commitment"]}

        def decide(view: LedgerView) -> list[NewEvent]:
            if not blind_state(view.events(BLIND_KINDS)).active:
                raise ScoreError("blind.not_active")
            return [NewEvent(BLIND_REVEALED, payload, actor, plan.hash)]

        event = self.ledger.append_viewed(decide, now=now)[0]
        self.file.unlink(missing_ok=True)  # everything in it is now in the ledger
        return event

    def resolve_tool(self, name: str) -> str:
        """A tool id from what a user typed: the id, or while blind its label only (A, or 候補A / Candidate A).

        While blind a tool's id (or anything else that is not a label) is refused with
        the same words whatever was typed, so the refusal never confirms that a name is
        one of the tools.
        """
        labels = self.labels()
        if not labels:
            return name
        by_label = {label: tool for tool, label in labels.items()}
        typed = name.strip()
        for label, tool in by_label.items():
            if typed.upper() == label.upper() or typed in (f"候補{label}", f"Candidate {label}"):
                return tool
        shown = ", ".join(sorted(by_label, key=lambda x: (len(x), x)))
        raise ScoreError("blind.label_only", labels=shown)

    def label_of(self, tool: str) -> str:
        """What a tool is shown as: its label while blind, else its id."""
        labels = self.labels()
        return labels.get(tool, tool) if labels else tool
