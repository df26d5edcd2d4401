"""Finalization status: what the last finalize record froze, and whether anything changed since.

Pure functions over plan hashes and events; `toolbench.workspace.archive` writes the
records and the evidence package.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final, NamedTuple

from toolbench.store.ledger import Event

FINALIZED: Final = "evaluation.finalized"
"""Event kind of a finalize record: the ledger head, plan hash and results hash at that moment."""


def results_events(events: Sequence[Event]) -> list[Event]:
    """The events the results are computed from: all but the finalize records at the end.

    A finalize record changes no figure; leaving the trailing ones out keeps the
    results hash of an archive written after `finalize` equal to the one it recorded.
    """
    end = len(events)
    while end and events[end - 1].kind == FINALIZED:
        end -= 1
    return list(events[:end])


class LedgerHead(NamedTuple):
    """An event's place in the chain: its sequence number and hash (0 and None for an empty ledger)."""

    seq: int
    hash: str | None

    def as_data(self) -> dict[str, Any]:
        return {"seq": self.seq, "hash": self.hash}

    def short(self) -> str:
        return f"#{self.seq} {(self.hash or '-')[:16]}"


def head_of(events: Sequence[Event]) -> LedgerHead:
    return LedgerHead(events[-1].seq, events[-1].hash) if events else LedgerHead(0, None)


def recorded_head(event: Event) -> LedgerHead:
    head = event.payload.get("ledger_head")
    if not isinstance(head, Mapping):
        return LedgerHead(0, None)
    seq, digest = head.get("seq"), head.get("hash")
    return LedgerHead(seq if isinstance(seq, int) else 0, digest if isinstance(digest, str) else None)


class FinalizationStatus(NamedTuple):
    """The last finalize record (None if never finalized) and whether anything changed since."""

    event: Event | None
    changed: bool


def finalization_of(plan_hash: str, events: Sequence[Event], *, head_seq: int | None = None) -> FinalizationStatus:
    """The finalization status from a plan hash and the ledger's events (pure; for reports).

    Changed means an event other than a finalize record follows the last one, or the
    plan's hash is no longer the one it recorded. With `head_seq` (the ledger's last
    event), `events` may leave some kinds out: every event after the last finalize
    record's counts, whatever its kind.
    """
    last = next((i for i in range(len(events) - 1, -1, -1) if events[i].kind == FINALIZED), None)
    if last is None:
        return FinalizationStatus(None, False)
    event = events[last]
    later = head_seq > event.seq if head_seq is not None else len(events) > last + 1
    changed = later or event.payload.get("plan_hash") != plan_hash
    return FinalizationStatus(event, changed)
