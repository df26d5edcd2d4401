"""The ledger: an append-only, hash-chained record of everything people say.

Each event carries its sequence number, UTC time, actor, kind, payload, the hash of
the plan it was recorded under, the previous event's hash, and its own SHA-256 over
a canonical serialisation (`canonical_bytes`). Nothing is updated or deleted: a
correction is a new event whose payload names the event it supersedes.

`Ledger` is the interface the rest of toolbench uses; `SQLiteLedger` keeps the events
in one SQLite file inside the workspace. A PostgreSQL backend implements the same
methods. Verification is shared: it is a pure function over the stored rows.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from toolbench.base.errors import LedgerCorrupt, LedgerError, LedgerLocked
from toolbench.base.i18n import Message
from toolbench.base.text import check_text

GENESIS_HASH = "0" * 64
FORMAT_NAME = "toolbench-ledger"
FORMAT_VERSION = 1
DEFAULT_WAIT_SECONDS = 5.0


def canonical_json(value: Any) -> str:
    """Sorted keys, no spaces, UTF-8 kept: the one serialisation that is hashed."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def format_time(moment: datetime) -> str:
    """UTC, microseconds, trailing Z: `2026-04-01T09:30:00.000000Z`."""
    if moment.tzinfo is None:
        raise ValueError("event times must be timezone-aware")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_bytes(
    seq: int, ts: str, actor: str, kind: str, payload: Mapping[str, Any], plan_hash: str, prev_hash: str
) -> bytes:
    """What an event's hash is taken over (format version 1)."""
    record = [FORMAT_VERSION, seq, ts, actor, kind, plan_hash, prev_hash, payload]
    return canonical_json(record).encode("utf-8")


def event_hash(
    seq: int, ts: str, actor: str, kind: str, payload: Mapping[str, Any], plan_hash: str, prev_hash: str
) -> str:
    return hashlib.sha256(canonical_bytes(seq, ts, actor, kind, payload, plan_hash, prev_hash)).hexdigest()


@dataclass(frozen=True)
class NewEvent:
    """An event about to be appended: what was said, by whom, under which plan."""

    kind: str
    payload: Mapping[str, Any]
    actor: str
    plan_hash: str


@dataclass(frozen=True)
class Event:
    """A stored event."""

    seq: int
    ts: str
    actor: str
    kind: str
    payload: Mapping[str, Any]
    plan_hash: str
    prev_hash: str
    hash: str

    @property
    def time(self) -> datetime:
        return datetime.strptime(self.ts, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


@dataclass(frozen=True)
class StoredRow:
    """A row exactly as stored, before it is trusted; what verification reads."""

    seq: Any
    ts: Any
    actor: Any
    kind: Any
    payload_text: Any
    plan_hash: Any
    prev_hash: Any
    hash: Any


@dataclass(frozen=True)
class Verification:
    """The outcome of `verify`: how many events, the head, and the first bad event if any."""

    count: int
    head_hash: str | None
    bad_seq: int | None = None
    reason_key: str | None = None
    reason_params: Mapping[str, object] = field(default_factory=dict)
    hashes: Sequence[str] = field(default=(), repr=False, compare=False)
    """The hash of every event verified, in order (event n at index n - 1): what an anchor is checked against."""

    @property
    def ok(self) -> bool:
        return self.bad_seq is None

    def anchor(self, seq: int, prefix: str) -> tuple[str, dict[str, object]] | None:
        """Why the anchor `#seq prefix` (a printed head) is not in this chain, or None if it is.

        `prefix` is the start of the event's hash as documents print it (at least
        `ANCHOR_MIN_HEX` hex digits, or the whole hash). Ask only of a chain that verified.
        """
        if seq < 1 or seq > len(self.hashes):
            return "anchor.missing", {"seq": seq, "count": self.count}
        actual = self.hashes[seq - 1]
        if not actual.startswith(prefix.lower()):
            return "anchor.differs", {"seq": seq, "actual": actual[: max(len(prefix), 16)]}
        return None


ANCHOR_MIN_HEX: Final = 12
"""The shortest hash prefix an anchor may give: what documents print (`台帳 #78 673750e33d0e`)."""


def verify_rows(
    rows: Sequence[StoredRow],
    recorded_count: int | None,
    recorded_head: str | None,
    *,
    earlier: Sequence[str] = (),
) -> Verification:
    """Recompute the chain over stored rows; name the first event that does not hold.

    A row fails if its content does not hash to its stored hash (edited), if its
    sequence number is not the next one (removed), if it does not point at the
    previous row's hash (removed, inserted or reordered), or if its payload names a
    `ledger_head` (`{seq, hash}`, as a finalize record does) that is not an earlier
    event of this very chain (the events before it were rewritten since).
    `recorded_count` and `recorded_head` are what the store wrote alongside the last
    append; they catch events removed from the end. `earlier` are the hashes of a
    prefix already verified (events 1 … n) that `rows` follow; empty for a whole chain.
    """
    hashes = list(earlier)
    previous_seq, previous_hash = len(hashes), (hashes[-1] if hashes else GENESIS_HASH)

    def failed(bad_seq: int, key: str, params: Mapping[str, object] | None = None) -> Verification:
        return Verification(previous_seq, previous_hash, bad_seq, key, dict(params or {}), tuple(hashes))

    for row in rows:
        seq = row.seq if isinstance(row.seq, int) else previous_seq + 1
        if seq != previous_seq + 1:
            return failed(seq, "audit.reason.gap", {"prev": previous_seq, "seq": seq})
        try:
            payload = json.loads(row.payload_text)
            intact = (
                isinstance(payload, dict)
                and canonical_json(payload) == row.payload_text
                and event_hash(seq, row.ts, row.actor, row.kind, payload, row.plan_hash, row.prev_hash) == row.hash
            )
        except (TypeError, ValueError):
            intact = False
        if not intact:
            return failed(seq, "audit.reason.hash")
        if row.prev_hash != previous_hash:
            return failed(seq, "audit.reason.link")
        named = payload.get("ledger_head")
        if isinstance(named, Mapping) and not _names_earlier(named, seq, hashes):
            shown = f"#{named.get('seq')} {str(named.get('hash'))[:ANCHOR_MIN_HEX]}"
            return failed(seq, "audit.reason.anchor", {"head": shown})
        hashes.append(row.hash)
        previous_hash, previous_seq = row.hash, seq
    if recorded_count is not None and recorded_count != previous_seq:
        return failed(previous_seq + 1, "audit.reason.head", {"expected": recorded_count, "actual": previous_seq})
    if recorded_head is not None and previous_seq and recorded_head != previous_hash:
        return failed(previous_seq, "audit.reason.link")
    return Verification(previous_seq, previous_hash if previous_seq else None, hashes=tuple(hashes))


def _names_earlier(head: Mapping[str, Any], seq: int, hashes: Sequence[str]) -> bool:
    """Whether `{seq, hash}` is an event before `seq` in the chain whose hashes are `hashes` (0: the empty ledger)."""
    at, digest = head.get("seq"), head.get("hash")
    if not isinstance(at, int) or isinstance(at, bool) or not 0 <= at < seq:
        return False
    return digest is None if at == 0 else digest == hashes[at - 1]


def check_event_text(event: NewEvent) -> None:
    """Refuse free text the record does not accept (`toolbench.base.text`) anywhere in a new event.

    The actor and every string of the payload, at any depth (in lists and nested
    objects, keys included), are checked; the field named is the payload key the text
    sits under (e.g. `reason`, `comment`, `note`), or `actor`. Raises TextError.
    """
    check_text(event.actor, "actor")
    _check_value(event.payload, event.kind)


def _check_value(value: object, field: str) -> None:
    if isinstance(value, str):
        check_text(value, field)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            name = str(key)
            check_text(name, field)
            _check_value(item, name)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _check_value(item, field)


def require_intact(ledger: Ledger) -> Verification:
    """Verify the chain, or raise LedgerCorrupt naming the first bad event.

    Reports call this first: numbers computed from a ledger edited behind toolbench's
    back would not be traceable, so none are produced.
    """
    check = ledger.verify()
    if not check.ok:
        reason = Message(check.reason_key or "audit.reason.hash", **check.reason_params)
        raise LedgerCorrupt("ledger.broken_chain", file=ledger.location, seq=check.bad_seq, reason=reason)
    return check


class HeadMoved(LedgerError):
    """Another writer appended since the caller read the ledger; re-read and try again."""

    def __init__(self, expected: int, actual: int) -> None:
        self.expected = expected
        self.actual = actual
        super().__init__("ledger.moved", expected=expected, actual=actual)


class Ledger(ABC):
    """The append-only event store. Implementations must make appends atomic and serial."""

    @abstractmethod
    def append_many(
        self, events: Sequence[NewEvent], *, now: datetime | None = None, expect_head: int | None = None
    ) -> list[Event]:
        """Append events in one transaction, all or none.

        With `expect_head`, refuse (HeadMoved) unless the last stored sequence number
        is still that value, so a decision made on a read cannot race another writer.
        """

    def append(
        self, kind: str, payload: Mapping[str, Any], *, actor: str, plan_hash: str, now: datetime | None = None
    ) -> Event:
        return self.append_many([NewEvent(kind, payload, actor, plan_hash)], now=now)[0]

    @abstractmethod
    def append_decided(
        self, decide: Callable[[list[Event]], Sequence[NewEvent]], *, now: datetime | None = None
    ) -> list[Event]:
        """Decide what to append from the events as they are, and append it, holding the write lock.

        `decide` sees every stored event and returns the new ones (possibly none); no
        other writer can append in between, so a rule such as "changing a score needs
        a reason" is checked against exactly the ledger it is appended to. An
        exception from `decide` appends nothing.
        """

    @abstractmethod
    def events(self, after: int = 0) -> Iterator[Event]:
        """Stored events in sequence order, starting after sequence number `after`."""

    @abstractmethod
    def head(self) -> Event | None:
        """The last event, or None for an empty ledger."""

    @abstractmethod
    def verify(self) -> Verification:
        """Recompute the whole chain from what is stored."""

    @abstractmethod
    def close(self) -> None: ...

    @property
    @abstractmethod
    def location(self) -> str:
        """Where the events are kept, for messages (a file path or a server address)."""

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE events (
    seq INTEGER PRIMARY KEY,
    ts TEXT NOT NULL,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    plan_hash TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
"""

_SQLITE_MAGIC = b"SQLite format 3\x00"


class SQLiteLedger(Ledger):
    """The ledger in one SQLite file (WAL journal, full sync, one writer at a time).

    A committed append survives the process being killed at any moment; a writer that
    finds the file locked waits up to `wait_seconds` and then raises LedgerLocked.
    With `read_only` (or when the folder is not writable) the file is opened without
    changing anything on disk, and appends are refused.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        create: bool = False,
        read_only: bool = False,
        wait_seconds: float = DEFAULT_WAIT_SECONDS,
    ) -> None:
        self.path = Path(path)
        self.wait_seconds = wait_seconds
        self._verified: tuple[list[StoredRow], Sequence[str]] = ([], ())
        if not self.path.exists():
            if not create:
                raise LedgerCorrupt("ledger.corrupt", file=str(self.path), reason="the file does not exist")
            self._create_file()
        self._check_magic()
        self.read_only = False
        if read_only:
            self._open_read_only()
            return
        try:
            self._open()
        except LedgerError as error:
            if type(error) is not LedgerError or error.key not in ("ledger.readonly", "ledger.unreadable"):
                raise
            self._open_read_only()

    def _open(self) -> None:
        with self._errors():
            self._db = self._connect(self.path)
        try:
            with self._errors():
                # Check before changing anything: a file that is not ours stays untouched.
                self._check_format()
                if self._db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                    self._db.execute("PRAGMA journal_mode = WAL")
        except BaseException:
            self._db.close()
            raise

    def _open_read_only(self) -> None:
        """Read a ledger in a folder we may not write (an auditor's archived copy).

        SQLite's WAL mode needs a writable folder even to read; a cleanly closed
        ledger has no pending WAL, so it can be read as an immutable file. If a WAL
        with events is present, reading without it would miss them: refuse instead.
        """
        wal = self.path.with_name(self.path.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            reason = "it has unsaved changes in its -wal file and is read-only"
            raise LedgerError("ledger.readonly", file=str(self.path), reason=reason)
        with self._errors():
            uri = f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"
            self._db = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        try:
            with self._errors():
                self._check_format()
        except BaseException:
            self._db.close()
            raise
        self.read_only = True

    # -- helpers -------------------------------------------------------------------

    def _check_magic(self) -> None:
        try:
            with self.path.open("rb") as handle:
                magic = handle.read(len(_SQLITE_MAGIC))
        except OSError as error:
            raise LedgerError("ledger.readonly", file=str(self.path), reason=error.strerror or str(error)) from None
        if magic != _SQLITE_MAGIC:
            reason = "the file is empty" if not magic else "not an SQLite database"
            raise LedgerCorrupt("ledger.corrupt", file=str(self.path), reason=reason)

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Turn SQLite's exceptions into the ledger's own, naming the file."""
        try:
            yield
        except sqlite3.OperationalError as error:
            text = str(error)
            if "locked" in text or "busy" in text:
                raise LedgerLocked("ledger.locked", file=str(self.path), seconds=f"{self.wait_seconds:g}") from None
            if "readonly" in text:
                raise LedgerError("ledger.readonly", file=str(self.path), reason=text) from None
            if "unable to open" in text or "disk I/O" in text:
                raise LedgerError("ledger.unreadable", file=str(self.path), reason=text) from None
            raise LedgerCorrupt("ledger.corrupt", file=str(self.path), reason=text) from None
        except sqlite3.DatabaseError as error:
            raise LedgerCorrupt("ledger.corrupt", file=str(self.path), reason=str(error)) from None

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction: other writers wait, readers carry on."""
        with self._errors():
            self._begin_immediate()
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _begin_immediate(self) -> None:
        # busy_timeout covers most waits; the loop covers the cases where SQLite
        # reports BUSY without calling the busy handler (e.g. during WAL recovery).
        deadline = time.monotonic() + self.wait_seconds
        while True:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if ("locked" not in str(error) and "busy" not in str(error)) or time.monotonic() >= deadline:
                    raise
                time.sleep(0.01)

    def _connect(self, path: Path) -> sqlite3.Connection:
        db = sqlite3.connect(path, timeout=self.wait_seconds, isolation_level=None, check_same_thread=False)
        db.execute(f"PRAGMA busy_timeout = {int(self.wait_seconds * 1000)}")
        db.execute("PRAGMA synchronous = FULL")
        return db

    def _create_file(self) -> None:
        """Create the ledger whole, so that nobody ever sees a half-made one.

        The schema is written to a private temporary file which is then hard-linked
        into place; linking fails if the file appeared meanwhile, in which case the
        other creator's ledger is used. So several processes may open a new
        workspace at once, and an empty or table-less file at the path is always
        damage, never a creation in progress.
        """
        temp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{time.monotonic_ns()}.new")
        try:
            with self._errors():
                db = self._connect(temp)
                try:
                    db.execute("PRAGMA journal_mode = WAL")
                    db.execute("BEGIN IMMEDIATE")
                    for statement in _SCHEMA.split(";\n"):
                        if statement.strip():
                            db.execute(statement)
                    db.executemany(
                        "INSERT INTO meta (key, value) VALUES (?, ?)",
                        [
                            ("format", FORMAT_NAME),
                            ("version", str(FORMAT_VERSION)),
                            ("head_seq", "0"),
                            ("head_hash", GENESIS_HASH),
                        ],
                    )
                    db.execute("COMMIT")
                finally:
                    db.close()
            try:
                os.link(temp, self.path)
            except FileExistsError:
                pass
            except OSError as error:
                raise LedgerError("ledger.readonly", file=str(self.path), reason=error.strerror or str(error)) from None
        finally:
            for leftover in (temp, temp.with_name(temp.name + "-wal"), temp.with_name(temp.name + "-shm")):
                leftover.unlink(missing_ok=True)

    def _check_format(self) -> None:
        try:
            rows = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.OperationalError:
            raise LedgerCorrupt("ledger.corrupt", file=str(self.path), reason="it has no toolbench tables") from None
        if rows.get("format") != FORMAT_NAME:
            raise LedgerCorrupt("ledger.corrupt", file=str(self.path), reason="it is not a toolbench ledger")
        try:
            version = int(rows.get("version", "0"))
            int(rows.get("head_seq", "0"))
        except ValueError:
            raise LedgerCorrupt("ledger.corrupt", file=str(self.path), reason="its bookkeeping is damaged") from None
        if version > FORMAT_VERSION:
            raise LedgerCorrupt("ledger.newer", file=str(self.path), found=version, supported=FORMAT_VERSION)

    # -- the interface ---------------------------------------------------------------

    def append_many(
        self, events: Sequence[NewEvent], *, now: datetime | None = None, expect_head: int | None = None
    ) -> list[Event]:
        if not events:
            return []
        if self.read_only:
            raise LedgerError("ledger.readonly", file=str(self.path), reason="the folder is read-only")
        with self._write() as db:
            self._require_intact_locked(db)
            return self._append_locked(db, events, now, expect_head)

    def append_decided(
        self, decide: Callable[[list[Event]], Sequence[NewEvent]], *, now: datetime | None = None
    ) -> list[Event]:
        if self.read_only:
            raise LedgerError("ledger.readonly", file=str(self.path), reason="the folder is read-only")
        with self._write() as db:
            rows = self._require_intact_locked(db)
            events = decide([self._event(row) for row in rows])
            return self._append_locked(db, events, now, None) if events else []

    def _require_intact_locked(self, db: sqlite3.Connection) -> list[StoredRow]:
        """Verify the chain inside the write transaction; refuse to extend a chain that does not hold.

        Checked under the same lock as the append, so no edit can slip in between the
        check and the new event. Returns the verified rows.
        """
        rows, meta = self._read_chain(db)
        check = self._verify_read(rows, meta)
        if not check.ok:
            reason = Message(check.reason_key or "audit.reason.hash", **check.reason_params)
            raise LedgerCorrupt("ledger.write_refused", file=str(self.path), seq=check.bad_seq, reason=reason)
        return rows

    def _event(self, row: StoredRow) -> Event:
        try:
            data = json.loads(row.payload_text)
        except (TypeError, ValueError):
            raise LedgerCorrupt(
                "ledger.corrupt", file=str(self.path), reason=f"event {row.seq} has an unreadable payload"
            ) from None
        return Event(row.seq, row.ts, row.actor, row.kind, data, row.plan_hash, row.prev_hash, row.hash)

    def _append_locked(
        self, db: sqlite3.Connection, events: Sequence[NewEvent], now: datetime | None, expect_head: int | None
    ) -> list[Event]:
        """Append within the caller's write transaction."""
        stored: list[Event] = []
        # the time is taken once the lock is held, so later events never carry earlier times
        ts = format_time(now or datetime.now(UTC))
        row = db.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev = (row[0], row[1]) if row else (0, GENESIS_HASH)
        if expect_head is not None and seq != expect_head:
            raise HeadMoved(expect_head, seq)
        for new in events:
            check_event_text(new)  # before anything is written: an error rolls the whole append back
        for new in events:
            seq += 1
            payload = json.loads(canonical_json(new.payload))
            digest = event_hash(seq, ts, new.actor, new.kind, payload, new.plan_hash, prev)
            db.execute(
                "INSERT INTO events (seq, ts, actor, kind, payload, plan_hash, prev_hash, hash)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (seq, ts, new.actor, new.kind, canonical_json(payload), new.plan_hash, prev, digest),
            )
            stored.append(Event(seq, ts, new.actor, new.kind, payload, new.plan_hash, prev, digest))
            prev = digest
        db.execute("UPDATE meta SET value = ? WHERE key = 'head_seq'", (str(seq),))
        db.execute("UPDATE meta SET value = ? WHERE key = 'head_hash'", (prev,))
        return stored

    def events(self, after: int = 0) -> Iterator[Event]:
        with self._errors():
            rows = self._db.execute(
                "SELECT seq, ts, actor, kind, payload, plan_hash, prev_hash, hash FROM events"
                " WHERE seq > ? ORDER BY seq",
                (after,),
            ).fetchall()
        for seq, ts, actor, kind, payload, plan_hash, prev_hash, digest in rows:
            try:
                data = json.loads(payload)
            except ValueError:
                raise LedgerCorrupt(
                    "ledger.corrupt", file=str(self.path), reason=f"event {seq} has an unreadable payload"
                ) from None
            yield Event(seq, ts, actor, kind, data, plan_hash, prev_hash, digest)

    def head(self) -> Event | None:
        with self._errors():
            row = self._db.execute("SELECT max(seq) FROM events").fetchone()
        last = row[0] if row else None
        return next(self.events(after=last - 1), None) if last else None

    def verify(self) -> Verification:
        """Recompute the chain from one consistent snapshot of the events and the bookkeeping.

        Both are read in one read transaction: a writer committing meanwhile is either
        wholly seen or not at all, never as "events at the end were removed".
        """
        with self._snapshot() as db:
            rows, meta = self._read_chain(db)
        return self._verify_read(rows, meta)

    @contextmanager
    def _snapshot(self) -> Iterator[sqlite3.Connection]:
        """One read transaction (a WAL snapshot), or the caller's transaction if one is open."""
        with self._errors():
            if self._db.in_transaction:
                yield self._db
                return
            self._db.execute("BEGIN")
            try:
                yield self._db
            finally:
                self._db.execute("ROLLBACK")

    @staticmethod
    def _read_chain(db: sqlite3.Connection) -> tuple[list[StoredRow], dict[str, Any]]:
        rows = [
            StoredRow(*r)
            for r in db.execute(
                "SELECT seq, ts, actor, kind, payload, plan_hash, prev_hash, hash FROM events ORDER BY rowid"
            )
        ]
        return rows, dict(db.execute("SELECT key, value FROM meta").fetchall())

    def _verify_read(self, rows: list[StoredRow], meta: Mapping[str, Any]) -> Verification:
        """`verify_rows`, skipping a prefix this connection already verified if it is stored unchanged.

        The rows verified last time are kept as read; when the stored rows still begin
        with exactly those (compared value by value), only the rows after them are
        hashed again. A long-running writer then pays for its new events only.
        """
        try:
            count = int(meta["head_seq"]) if "head_seq" in meta else None
        except ValueError:
            count = -1  # damaged bookkeeping can never match: verification fails at the head
        head = meta.get("head_hash")
        known, hashes = self._verified
        if known and len(rows) >= len(known) and rows[len(known) - 1] == known[-1] and rows[: len(known)] == known:
            result = verify_rows(rows[len(known) :], count, head, earlier=hashes)
        else:
            result = verify_rows(rows, count, head)
        self._verified = (rows, result.hashes) if result.ok else ([], ())
        return result

    @property
    def location(self) -> str:
        return str(self.path)

    def close(self) -> None:
        self._db.close()


def event_record(event: Event) -> dict[str, Any]:
    """One exported event: the stored values, under the column names of the ledger."""
    return {
        "seq": event.seq,
        "ts": event.ts,
        "actor": event.actor,
        "kind": event.kind,
        "payload": dict(event.payload),
        "plan_hash": event.plan_hash,
        "prev_hash": event.prev_hash,
        "hash": event.hash,
    }
