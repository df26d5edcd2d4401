"""Where the ledger is kept: a SQLite file in the workspace, or a PostgreSQL server.

`open_ledger` opens either by its location; `copy_ledger` moves a whole ledger from
one store to another, every stored row as it is, so every hash is kept.
"""

from __future__ import annotations

from pathlib import Path

from toolbench.base.errors import LedgerError
from toolbench.store.ledger import DEFAULT_WAIT_SECONDS, Ledger, SQLiteLedger, require_intact
from toolbench.store.postgres import PostgresLedger, is_server_url

__all__ = ["copy_ledger", "is_server_url", "open_ledger"]


def open_ledger(
    location: str | Path,
    *,
    create: bool = False,
    read_only: bool = False,
    wait_seconds: float = DEFAULT_WAIT_SECONDS,
) -> Ledger:
    """The ledger at `location`: a `postgresql://` (or `postgres://`) URL, else a SQLite file.

    `create` makes a missing SQLite file; a server's store is made once by
    `toolbench store init` (`toolbench.store.postgres.init_store`), which needs the
    right to create roles, so opening an uninitialised database says so instead.
    """
    if is_server_url(location):
        return PostgresLedger(str(location), read_only=read_only, wait_seconds=wait_seconds)
    return SQLiteLedger(location, create=create, read_only=read_only, wait_seconds=wait_seconds)


def copy_ledger(source: Ledger, target: Ledger) -> int:
    """Copy every stored row of `source` into the empty `target` as it is; how many events were copied.

    The source is verified in full first (LedgerCorrupt naming the first bad event),
    a target that already holds events is refused, the rows are written in one
    transaction (verified again as they are written, with the projection of current
    state built beside them), and the target is verified in full afterwards.
    """
    require_intact(source, full=True)
    head = target.head()
    if head is not None:
        raise LedgerError("store.not_empty", target=target.location, count=head.seq)
    count = target.import_rows(source.stored_rows())
    require_intact(target, full=True)
    return count
