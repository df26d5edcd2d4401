"""The one door every write of a workspace goes through: nothing is recorded after `finalize`.

`Workspace` hands its roles (scoring, hearings, trials, fairness, blinding) and the
archive's `finalize` a `GuardedLedger` instead of the bare ledger. Every append — a
score, a measurement, a moderation, a hearing, a trial move, a lock, a declaration, a
blind label — passes through it, and while the last finalize record stands (no
`evaluation.reopened` after it) it refuses with one line naming that record and how to
reopen. Only another finalize record and a reopening pass.

The check runs under the ledger's write lock, against exactly the events the new ones
would follow, so a write racing `finalize` cannot slip in after it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime

from toolbench.base.errors import ToolbenchError, WorkspaceError
from toolbench.methods.finalization import FINALIZED
from toolbench.methods.locking import REOPENED, closing_finalize
from toolbench.store.ledger import Event, HeadMoved, Ledger, NewEvent, Verification

__all__ = ["ALLOWED_WHILE_FINALIZED", "GuardedLedger", "guarded", "require_open"]

ALLOWED_WHILE_FINALIZED = frozenset({FINALIZED, REOPENED})
"""Event kinds a finalized ledger still takes: finalizing again and reopening."""


def _closed_error(closing: Event) -> WorkspaceError:
    return WorkspaceError("finalize.closed", seq=closing.seq, ts=closing.ts[:19].replace("T", " "))


def require_open(events: Sequence[Event]) -> None:
    """Raise WorkspaceError (finalize.closed) while the last finalize record stands."""
    closing = closing_finalize(events)
    if closing is not None:
        raise _closed_error(closing)


class GuardedLedger(Ledger):
    """A ledger that refuses every append but finalize and reopen while the evaluation is finalized."""

    def __init__(self, inner: Ledger) -> None:
        self.inner = inner

    def append_decided(
        self, decide: Callable[[list[Event]], Sequence[NewEvent]], *, now: datetime | None = None
    ) -> list[Event]:
        def checked(events: list[Event]) -> Sequence[NewEvent]:
            closing = closing_finalize(events)
            if closing is None:
                return decide(events)
            try:
                new = decide(events)
            except ToolbenchError:
                # whatever else is wrong with the write, the first thing to fix is that it is closed
                raise _closed_error(closing) from None
            if any(n.kind not in ALLOWED_WHILE_FINALIZED for n in new):
                raise _closed_error(closing)
            return new

        return self.inner.append_decided(checked, now=now)

    def append_many(
        self, events: Sequence[NewEvent], *, now: datetime | None = None, expect_head: int | None = None
    ) -> list[Event]:
        if not events:
            return []

        def decide(stored: list[Event]) -> Sequence[NewEvent]:
            head = stored[-1].seq if stored else 0
            if expect_head is not None and head != expect_head:
                raise HeadMoved(expect_head, head)
            return events

        return self.append_decided(decide, now=now)

    def events(self, after: int = 0) -> Iterator[Event]:
        return self.inner.events(after)

    def head(self) -> Event | None:
        return self.inner.head()

    def verify(self) -> Verification:
        return self.inner.verify()

    def close(self) -> None:
        self.inner.close()

    @property
    def location(self) -> str:
        return self.inner.location


def guarded(ledger: Ledger) -> GuardedLedger:
    """`ledger` behind the finalize guard (a ledger already guarded is returned as it is)."""
    return ledger if isinstance(ledger, GuardedLedger) else GuardedLedger(ledger)
