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

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime

from toolbench.base.errors import ToolbenchError, WorkspaceError
from toolbench.methods.finalization import FINALIZED
from toolbench.methods.locking import REOPENED, closing_finalize
from toolbench.store.ledger import Event, HeadMoved, Ledger, LedgerView, NewEvent, StoredRow, Verification

__all__ = ["ALLOWED_WHILE_FINALIZED", "GuardedLedger", "guarded", "require_open"]

ALLOWED_WHILE_FINALIZED = frozenset({FINALIZED, REOPENED})
"""Event kinds a finalized ledger still takes: finalizing again and reopening."""
FINALIZE_KINDS = ALLOWED_WHILE_FINALIZED
"""The kinds that say whether the ledger is closed (`closing_finalize` reads no others)."""


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

    def append_viewed(
        self, decide: Callable[[LedgerView], Sequence[NewEvent]], *, now: datetime | None = None
    ) -> list[Event]:
        def checked(view: LedgerView) -> Sequence[NewEvent]:
            closing = closing_finalize(view.events(FINALIZE_KINDS))
            if closing is None:
                return decide(view)
            try:
                new = decide(view)
            except ToolbenchError:
                raise _closed_error(closing) from None
            if any(n.kind not in ALLOWED_WHILE_FINALIZED for n in new):
                raise _closed_error(closing)
            return new

        return self.inner.append_viewed(checked, now=now)

    def append_many(
        self, events: Sequence[NewEvent], *, now: datetime | None = None, expect_head: int | None = None
    ) -> list[Event]:
        if not events:
            return []

        def decide(view: LedgerView) -> Sequence[NewEvent]:
            if expect_head is not None and view.head_seq != expect_head:
                raise HeadMoved(expect_head, view.head_seq)
            return events

        return self.append_viewed(decide, now=now)

    def events(self, after: int = 0) -> Iterator[Event]:
        return self.inner.events(after)

    def events_of(self, kinds: Collection[str]) -> Iterator[Event]:
        return self.inner.events_of(kinds)

    @contextmanager
    def reading(self) -> Iterator[LedgerView]:
        with self.inner.reading() as view:
            yield view

    def check(self) -> Verification:
        return self.inner.check()

    def rebuild_projection(self) -> None:
        self.inner.rebuild_projection()  # derived data, not an event: allowed while finalized

    def stored_rows(self, after: int = 0) -> Iterator[StoredRow]:
        return self.inner.stored_rows(after)  # reading, as stored: what a copy of the ledger takes

    def import_rows(self, rows: Iterable[StoredRow]) -> int:
        # copied rows continue the chain as they are: refused, like any other write, while finalized
        closing = closing_finalize(self.inner.events_of(FINALIZE_KINDS))
        if closing is not None:
            raise _closed_error(closing)
        return self.inner.import_rows(rows)

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
