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
import heapq
import json
import os
import sqlite3
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, NamedTuple, overload

from toolbench.base.errors import LedgerCorrupt, LedgerError, LedgerLocked
from toolbench.base.files import atomic_write
from toolbench.base.i18n import Message
from toolbench.base.paths import user_cache_dir
from toolbench.base.text import check_text

_encode_string: Callable[[str], str] = json.encoder.encode_basestring
"""How `canonical_json` writes a string (ensure_ascii=False): the C encoder the json module itself uses."""

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


def _json_scalar(value: Any) -> str:
    if type(value) is str:
        return _encode_string(value)
    return str(value) if type(value) is int else canonical_json(value)


def stored_hash(row: StoredRow) -> str:
    """The hash of a stored row, taken over its stored payload text as it is (nothing parsed or re-serialised).

    For a payload text in canonical form this is exactly `event_hash` of the parsed
    event, since `canonical_bytes` writes the payload in that form; any other text
    gives another hash, so an edited or re-formatted payload fails as it always did.
    """
    if type(row.payload_text) is not str:
        raise TypeError("payload is not text")
    body = ",".join(
        (
            str(FORMAT_VERSION),
            _json_scalar(row.seq),
            _json_scalar(row.ts),
            _json_scalar(row.actor),
            _json_scalar(row.kind),
            _json_scalar(row.plan_hash),
            _json_scalar(row.prev_hash),
            row.payload_text,
        )
    )
    return hashlib.sha256(f"[{body}]".encode()).hexdigest()


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


class StoredRow(NamedTuple):
    """A row exactly as stored, before it is trusted; what verification reads (in the stored column order)."""

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


PROJECTED: Final[Mapping[str, tuple[str, ...]]] = {
    "score.recorded": ("tool", "evaluator", "criterion"),
    "metric.recorded": ("tool", "criterion"),
    "score.moderated": ("tool", "criterion"),
}
"""Event kinds where a later event supersedes an earlier one with the same payload fields.

For these the store keeps a projection of current state, the latest event per key,
updated in the same transaction as each append: deciding a write and evaluating read
the current events from it instead of the whole history. The fields are the ones the
evaluation keys its current scores, measurements and moderations by
(`toolbench.methods.evaluation`; a test keeps the two equal).
"""


def _key_of(fields: Sequence[str], payload: Mapping[str, Any]) -> str:
    return "\x1f".join(str(payload.get(name)) for name in fields)


def projection_key(kind: str, payload: Mapping[str, Any]) -> str | None:
    """The key an event of a projected kind is current under (None for other kinds)."""
    fields = PROJECTED.get(kind)
    return None if fields is None else _key_of(fields, payload)


class Hashes(Sequence[str]):
    """Event hashes in order, kept as 32 bytes each (a verified chain of 600,000 events in 19 MB)."""

    def __init__(self, hashes: Iterable[str] = ()) -> None:
        self._data = bytearray()
        for digest in hashes:
            self.append(digest)

    def append(self, digest: str) -> None:
        self._data += bytes.fromhex(digest)

    def __len__(self) -> int:
        return len(self._data) // 32

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...

    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._data[index * 32 : index * 32 + 32].hex()


ANCHOR_MIN_HEX: Final = 12
"""The shortest hash prefix an anchor may give: what documents print (`台帳 #78 673750e33d0e`)."""


def verify_rows(
    rows: Iterable[StoredRow],
    recorded_count: int | None,
    recorded_head: str | None,
    *,
    start: tuple[int, str] | None = None,
    hash_at: Callable[[int], str | None] | None = None,
    keep_hashes: bool = True,
    projection: dict[str, int] | None = None,
) -> Verification:
    """Recompute the chain over stored rows; name the first event that does not hold.

    A row fails if its content does not hash to its stored hash (edited), if its
    sequence number is not the next one (removed), if it does not point at the
    previous row's hash (removed, inserted or reordered), or if its payload names a
    `ledger_head` (`{seq, hash}`, as a finalize record does) that is not an earlier
    event of this very chain (the events before it were rewritten since).
    `recorded_count` and `recorded_head` are what the store wrote alongside the last
    append; they catch events removed from the end. `start` is the (sequence, hash) of
    a verified checkpoint the rows follow (none: the whole chain), with `hash_at` giving
    the stored hash of an event before it (for anchors).
    Each row is hashed over its stored bytes (`stored_hash`); a payload is parsed only
    where it names a head or, with `projection`, where its kind is projected (the
    dict is filled with the latest event per key, see `projection_key`).
    """
    hashes = Hashes()
    encode, sha256 = _encode_string, hashlib.sha256
    offset, previous_seq, previous_hash = 0, 0, GENESIS_HASH
    if start is not None:
        offset, previous_hash = start
        previous_seq = offset

    def failed(bad_seq: int, key: str, params: Mapping[str, object] | None = None) -> Verification:
        return Verification(previous_seq, previous_hash, bad_seq, key, dict(params or {}), hashes)

    def earlier_hash(at: int) -> str | None:
        index = at - offset - 1
        if 0 <= index < len(hashes):
            return hashes[index]
        return hash_at(at) if hash_at is not None else None

    for row in rows:
        seq = row.seq if isinstance(row.seq, int) else previous_seq + 1
        if seq != previous_seq + 1:
            return failed(seq, "audit.reason.gap", {"prev": previous_seq, "seq": seq})
        text = row.payload_text
        try:
            ts, actor, kind, plan_hash, prev_hash = row.ts, row.actor, row.kind, row.plan_hash, row.prev_hash
            if str is type(ts) is type(actor) is type(kind) is type(plan_hash) is type(prev_hash) is type(text):
                # the common case, inline: `stored_hash` without the calls (this loop runs once per event)
                body = (
                    f"[{FORMAT_VERSION},{seq},{encode(ts)},{encode(actor)},{encode(kind)},"
                    f"{encode(plan_hash)},{encode(prev_hash)},{text}]"
                )
                digest = sha256(body.encode()).hexdigest()
            else:
                digest = stored_hash(row)
            intact = digest == row.hash and type(row.seq) is int and text.startswith("{")
        except (TypeError, ValueError):
            intact = False
        if not intact:
            return failed(seq, "audit.reason.hash")
        if row.prev_hash != previous_hash:
            return failed(seq, "audit.reason.link")
        fields = PROJECTED.get(row.kind) if projection is not None else None
        if fields is not None or '"ledger_head"' in text:
            payload = json.loads(text)
            named = payload.get("ledger_head")
            if isinstance(named, Mapping) and not _names_earlier(named, seq, earlier_hash):
                shown = f"#{named.get('seq')} {str(named.get('hash'))[:ANCHOR_MIN_HEX]}"
                return failed(seq, "audit.reason.anchor", {"head": shown})
            if fields is not None and projection is not None:
                projection[f"{row.kind}\x1e{_key_of(fields, payload)}"] = seq
        if keep_hashes:
            hashes.append(row.hash)
        previous_hash, previous_seq = row.hash, seq
    if recorded_count is not None and recorded_count != previous_seq:
        return failed(previous_seq + 1, "audit.reason.head", {"expected": recorded_count, "actual": previous_seq})
    if recorded_head is not None and previous_seq and recorded_head != previous_hash:
        return failed(previous_seq, "audit.reason.link")
    return Verification(previous_seq, previous_hash if previous_seq else None, hashes=hashes)


def _names_earlier(head: Mapping[str, Any], seq: int, hash_at: Callable[[int], str | None]) -> bool:
    """Whether `{seq, hash}` is an event before `seq` in the chain whose hashes `hash_at` gives (0: empty)."""
    at, digest = head.get("seq"), head.get("hash")
    if not isinstance(at, int) or isinstance(at, bool) or not 0 <= at < seq:
        return False
    return digest is None if at == 0 else digest == hash_at(at)


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


def require_intact(ledger: Ledger, *, full: bool = False) -> Verification:
    """Verify the chain, or raise LedgerCorrupt naming the first bad event.

    Reports call this first: numbers computed from a ledger edited behind toolbench's
    back would not be traceable, so none are produced. An ordinary read checks the
    events after the store's verified checkpoint (`Ledger.check`); `full` checks every
    event and the projection (what finalize and the archive rely on).
    """
    check = ledger.verify() if full else ledger.check()
    if not check.ok:
        _raise_broken(check, ledger.location)
    return check


class HeadMoved(LedgerError):
    """Another writer appended since the caller read the ledger; re-read and try again."""

    def __init__(self, expected: int, actual: int) -> None:
        self.expected = expected
        self.actual = actual
        super().__init__("ledger.moved", expected=expected, actual=actual)


class LedgerView(ABC):
    """The ledger's current state as of one head, read inside one transaction.

    `events` gives the current events: every event, except that of a projected kind
    (`PROJECTED`) only the latest per key is kept (a superseded score is history, not
    state). A pure function that folds events into "the latest per key" and reads
    other kinds as they come gives the same answer from these as from the whole
    ledger, so deciding a write and evaluating start from state, not from history.
    """

    head_seq: int
    head_hash: str | None

    @abstractmethod
    def events(self, kinds: Collection[str] | None = None, *, exclude: Collection[str] = ()) -> Iterator[Event]:
        """Current events (of `kinds` only, if given; none of `exclude`), in sequence order."""

    def current_fields(self, kind: str, fields: Sequence[str]) -> Iterator[tuple[int, str, str, tuple[Any, ...]]]:
        """(seq, ts, actor, values) of the current events of `kind`: the payload's `fields` in order (None if absent).

        What `events({kind})` holds, without building the events (what an evaluation of
        600,000 scores reads), in no particular order: one event per key.
        """
        for event in self.events({kind}):
            yield event.seq, event.ts, event.actor, tuple(event.payload.get(name) for name in fields)

    @abstractmethod
    def latest(self, kind: str, fields: Mapping[str, Any]) -> Event | None:
        """The current event of projected `kind` whose key fields (`PROJECTED`) are as in `fields`, or None."""

    def latest_many(self, kind: str, many: Iterable[Mapping[str, Any]]) -> dict[str, Event]:
        """The current events of projected `kind` for several cells at once, by `projection_key`.

        What a sheet of 12,000 cells reads before deciding: a server store answers it
        in a few round trips instead of one per cell.
        """
        found: dict[str, Event] = {}
        for fields in many:
            key = projection_key(kind, fields)
            if key is not None and key not in found:
                event = self.latest(kind, fields)
                if event is not None:
                    found[key] = event
        return found

    @abstractmethod
    def count(self, kinds: Collection[str], before: int) -> int:
        """How many events of `kinds` were stored before sequence number `before`, superseded ones included."""


class EventsView(LedgerView):
    """The view over events in memory: what a store without a projection, and the tests, use."""

    def __init__(self, events: Iterable[Event]) -> None:
        self._all = list(events)
        latest: dict[tuple[str, str], Event] = {}
        for event in self._all:
            key = projection_key(event.kind, event.payload)
            if key is not None:
                latest[(event.kind, key)] = event
        self._latest = latest
        current = {event.seq for event in latest.values()}
        self._current = [e for e in self._all if e.kind not in PROJECTED or e.seq in current]
        last = self._all[-1] if self._all else None
        self.head_seq = last.seq if last else 0
        self.head_hash = last.hash if last else None

    def events(self, kinds: Collection[str] | None = None, *, exclude: Collection[str] = ()) -> Iterator[Event]:
        wanted = None if kinds is None else frozenset(kinds)
        left_out = frozenset(exclude)
        return iter([e for e in self._current if (wanted is None or e.kind in wanted) and e.kind not in left_out])

    def latest(self, kind: str, fields: Mapping[str, Any]) -> Event | None:
        key = projection_key(kind, fields)
        return None if key is None else self._latest.get((kind, key))

    def count(self, kinds: Collection[str], before: int) -> int:
        wanted = frozenset(kinds)
        return sum(1 for e in self._all if e.kind in wanted and e.seq < before)


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

    def events_of(self, kinds: Collection[str]) -> Iterator[Event]:
        """Every stored event of `kinds` (superseded ones included), in sequence order."""
        wanted = frozenset(kinds)
        return (e for e in self.events() if e.kind in wanted)

    def append_viewed(
        self, decide: Callable[[LedgerView], Sequence[NewEvent]], *, now: datetime | None = None
    ) -> list[Event]:
        """`append_decided`, deciding from the current state (`LedgerView`) instead of every event.

        A store with a projection reads only what `decide` asks for, so the cost of a
        write does not grow with the ledger.
        """
        return self.append_decided(lambda events: decide(EventsView(events)), now=now)

    @contextmanager
    def reading(self) -> Iterator[LedgerView]:
        """The current state for reading, after the chain is checked (`require_intact`), as of one head."""
        require_intact(self)
        yield EventsView(self.events())

    @abstractmethod
    def head(self) -> Event | None:
        """The last event, or None for an empty ledger."""

    @abstractmethod
    def verify(self) -> Verification:
        """Recompute the whole chain from what is stored, and the projection of current state from it."""

    def rebuild_projection(self) -> None:
        """Rebuild the projection of current state from the events (a store without one has nothing to do)."""
        return None

    def check(self) -> Verification:
        """Verify what an ordinary read relies on: by default the whole chain.

        A store with a verified checkpoint checks the events after it and the head;
        `verify` (`toolbench audit verify`) still checks everything.
        """
        return self.verify()

    def stored_rows(self, after: int = 0) -> Iterator[StoredRow]:
        """The rows after sequence number `after` exactly as stored (what `copy_ledger` copies).

        This default writes each event's payload again in canonical form; a store
        hands out its stored text as it is.
        """
        for e in self.events(after):
            yield StoredRow(e.seq, e.ts, e.actor, e.kind, canonical_json(e.payload), e.plan_hash, e.prev_hash, e.hash)

    def import_rows(self, rows: Iterable[StoredRow]) -> int:
        """Store rows copied from another ledger as they are (every hash kept), in one transaction.

        The rows must continue this ledger's chain (an empty ledger: start it); they
        are verified (`verify_rows`) before anything is committed, so a broken copy
        stores nothing. Returns how many rows were stored.
        """
        raise LedgerError("ledger.readonly", file=self.location, reason="this store does not take copied rows")

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


CHECKPOINT_EVERY: Final = 10_000
"""How many newly verified events move the verified checkpoint forward."""

IMPORT_BATCH: Final = 5_000
"""How many copied rows are written at a time inside an import's one transaction."""


class NewRows(NamedTuple):
    """New events chained onto a head: the rows to store, the projection entries they set, the events."""

    rows: list[tuple[int, str, str, str, str, str, str, str]]
    current: list[tuple[str, str, int]]
    stored: list[Event]


def chain_new_events(events: Sequence[NewEvent], seq: int, prev: str, ts: str) -> NewRows:
    """Number, serialise and hash new events after the head (`seq`, `prev`), all at time `ts`.

    The payload is stored as `canonical_json` wrote it, and each hash is taken over
    that stored text (`stored_hash`): what every store writes, so verification is shared.
    """
    rows, current, stored = [], [], []
    for new in events:
        seq += 1
        text = canonical_json(new.payload)
        payload = json.loads(text)
        digest = stored_hash(StoredRow(seq, ts, new.actor, new.kind, text, new.plan_hash, prev, ""))
        rows.append((seq, ts, new.actor, new.kind, text, new.plan_hash, prev, digest))
        key = projection_key(new.kind, payload)
        if key is not None:
            current.append((new.kind, key, seq))
        stored.append(Event(seq, ts, new.actor, new.kind, payload, new.plan_hash, prev, digest))
        prev = digest
    return NewRows(rows, current, stored)


def projection_entries(rows: Iterable[Sequence[Any]]) -> list[tuple[str, str, int]]:
    """(kind, key, seq) for stored (seq, kind, payload text) rows of projected kinds; the latest last.

    A payload that does not read is skipped: verification names it.
    """
    entries = []
    for seq, kind, text in rows:
        try:
            payload = json.loads(text)
        except (TypeError, ValueError):
            continue
        key = projection_key(kind, payload) if isinstance(payload, dict) else None
        if key is not None:
            entries.append((kind, key, seq))
    return entries


def compare_projection(stored: Iterable[Sequence[Any]], expected: dict[str, int], result: Verification) -> Verification:
    """`result`, or a failure naming the first event the stored projection (kind, key, seq rows) gets wrong.

    The stored rows are streamed against the expected entries (`kind\x1ekey` → seq, as
    `verify_rows` fills them), each taken out as it is matched: the table is never
    held in memory beside them.
    """
    wrong: list[int] = []
    for kind, key, seq in stored:
        should = expected.pop(f"{kind}\x1e{key}", None)
        if should != seq:
            wrong.append(should if should is not None else seq if isinstance(seq, int) else result.count)
    wrong.extend(expected.values())  # current events the table does not name
    if not wrong:
        return result
    return Verification(result.count, result.head_hash, min(wrong), "audit.reason.projection", {}, result.hashes)


class CheckpointedLedger(Ledger):
    """What every store shares: the verified checkpoint in this user's cache, and checking from it.

    The checkpoint file is keyed by `_checkpoint_key()` (the file's resolved path, a
    server's address without password).
    """

    checkpoint_every: int = CHECKPOINT_EVERY

    @abstractmethod
    def _checkpoint_key(self) -> str:
        """What names this ledger in its checkpoint file."""

    def _checkpoint_file(self) -> Path:
        name = hashlib.sha256(self._checkpoint_key().encode("utf-8")).hexdigest()[:32]
        return user_cache_dir() / "checkpoints" / f"{name}.json"

    def _load_checkpoint(self) -> tuple[int, str] | None:
        """The last verified (sequence, hash) of this ledger, kept in this user's own cache folder."""
        try:
            data = json.loads(self._checkpoint_file().read_text(encoding="utf-8"))
            seq, digest = data["seq"], data["hash"]
            if data.get("ledger") == self._checkpoint_key() and type(seq) is int and isinstance(digest, str):
                return seq, digest
        except (OSError, ValueError, KeyError, TypeError):
            pass
        return None

    def _advance_checkpoint(self, result: Verification, checkpoint: tuple[int, str] | None) -> None:
        """Move the checkpoint to a newly verified head once enough events lie past the old one."""
        if not result.ok or result.head_hash is None:
            return
        if result.count - (checkpoint[0] if checkpoint else 0) < self.checkpoint_every:
            return
        record = {"ledger": self._checkpoint_key(), "seq": result.count, "hash": result.head_hash}
        path = self._checkpoint_file()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, json.dumps(record, ensure_ascii=False))
        except OSError:
            pass  # no checkpoint: the next read verifies from the start, as it always may

    def _appended(self, stored: list[Event]) -> list[Event]:
        """After a committed append: its events extend a chain just verified, so the checkpoint may move to them."""
        if stored:
            self._advance_checkpoint(Verification(stored[-1].seq, stored[-1].hash), self._load_checkpoint())
        return stored

    def _check_from_checkpoint(
        self,
        recorded: tuple[int | None, str | None],
        hash_at: Callable[[int], str | None],
        rows: Callable[[int | None], Iterable[StoredRow]],
    ) -> Verification:
        """The events after the verified checkpoint and the head, read inside the caller's transaction.

        `recorded` is the head the store's bookkeeping names; `hash_at(seq)` the stored
        hash of one event; `rows(after)` the stored rows after a sequence number (None:
        every row). The checkpoint (`_load_checkpoint`) is a (sequence, hash) this user's
        toolbench verified earlier; the event at that sequence must still carry that
        hash, or the history before it was rewritten. Without one, every event is checked.
        """
        count, head = recorded
        checkpoint = self._load_checkpoint()
        if checkpoint is not None and 0 < checkpoint[0] <= (count or 0):
            at, digest = checkpoint
            if hash_at(at) != digest:
                return Verification(at - 1, None, at, "audit.reason.checkpoint", {"seq": at})
            result = verify_rows(rows(at), count, head, start=checkpoint, hash_at=hash_at)
        else:
            checkpoint = None
            result = verify_rows(rows(None), count, head, hash_at=hash_at, keep_hashes=False)
        if result.ok:
            self._advance_checkpoint(result, checkpoint)
        return result

    def _refuse_broken(self, check: Verification) -> Verification:
        """`check`, or LedgerCorrupt refusing the write: a chain that does not verify accepts nothing."""
        if not check.ok:
            reason = Message(check.reason_key or "audit.reason.hash", **check.reason_params)
            raise LedgerCorrupt("ledger.write_refused", file=self.location, seq=check.bad_seq, reason=reason)
        return check

    def _import_verified(
        self,
        rows: Iterable[StoredRow],
        head: Verification,
        write: Callable[[list[StoredRow]], None],
        hash_at: Callable[[int], str | None],
    ) -> tuple[Verification, dict[str, int]]:
        """Verify copied rows following `head` while `write` stores them a batch at a time (one transaction).

        Raises LedgerCorrupt naming the first bad row (the caller's transaction then
        stores nothing); returns the verification and the projection entries the rows set.
        """
        batch: list[StoredRow] = []

        def passing() -> Iterator[StoredRow]:
            for row in rows:
                yield row
                batch.append(row)
                if len(batch) >= IMPORT_BATCH:
                    write(batch)
                    batch.clear()

        projection: dict[str, int] = {}
        start = (head.count, head.head_hash or GENESIS_HASH)
        result = verify_rows(passing(), None, None, start=start, hash_at=hash_at, projection=projection)
        self._refuse_broken(result)
        if batch:
            write(batch)
        return result, projection


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

_PROJECTION_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS latest (kind TEXT NOT NULL, key TEXT NOT NULL, seq INTEGER NOT NULL,"
    " PRIMARY KEY (kind, key)) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS events_by_kind ON events (kind, seq)",
)
"""The projection of current state (derived data, rebuilt from the events when missing or behind)."""

_COLUMNS = "seq, ts, actor, kind, payload, plan_hash, prev_hash, hash"

_SQLITE_MAGIC = b"SQLite format 3\x00"


class SQLiteLedger(CheckpointedLedger):
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
        checkpoint_every: int = CHECKPOINT_EVERY,
    ) -> None:
        self.path = Path(path)
        self.wait_seconds = wait_seconds
        self.checkpoint_every = checkpoint_every
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
            if not self._projection_current(self._db):
                with self._write() as db:  # made by an older toolbench, or appended to by one
                    self._sync_projection(db)
        except LedgerLocked:
            pass  # another writer holds the file: it brings the projection up to date as it appends
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
                    for statement in _PROJECTION_SCHEMA:
                        db.execute(statement)
                    db.executemany(
                        "INSERT INTO meta (key, value) VALUES (?, ?)",
                        [
                            ("format", FORMAT_NAME),
                            ("version", str(FORMAT_VERSION)),
                            ("head_seq", "0"),
                            ("head_hash", GENESIS_HASH),
                            ("projected_seq", "0"),
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
        self._require_writable()
        with self._write() as db:
            self._require_intact_locked(db)
            stored = self._append_locked(db, events, now, expect_head)
        return self._appended(stored)

    def append_decided(
        self, decide: Callable[[list[Event]], Sequence[NewEvent]], *, now: datetime | None = None
    ) -> list[Event]:
        self._require_writable()
        with self._write() as db:
            self._require_intact_locked(db)
            events = decide(list(self._read_events(db)))
            stored = self._append_locked(db, events, now, None) if events else []
        return self._appended(stored)

    def append_viewed(
        self, decide: Callable[[LedgerView], Sequence[NewEvent]], *, now: datetime | None = None
    ) -> list[Event]:
        self._require_writable()
        with self._write() as db:
            check = self._require_intact_locked(db)
            self._sync_projection(db)
            events = decide(_SQLiteView(self, db, check.count, check.head_hash))
            stored = self._append_locked(db, events, now, None) if events else []
        return self._appended(stored)

    @contextmanager
    def reading(self) -> Iterator[LedgerView]:
        with self._snapshot() as db:
            check = self._check_read(db)
            if not check.ok:
                _raise_broken(check, self.location)
            if self._projection_current(db):
                yield _SQLiteView(self, db, check.count, check.head_hash)
            else:  # read-only, and behind: the current state from the events themselves
                yield EventsView(self._read_events(db))

    def events_of(self, kinds: Collection[str]) -> Iterator[Event]:
        wanted = sorted(set(kinds))
        if not wanted:
            return iter(())
        marks = ",".join("?" * len(wanted))
        return self._stream(f"SELECT {_COLUMNS} FROM events WHERE kind IN ({marks}) ORDER BY seq", wanted)

    def _require_writable(self) -> None:
        if self.read_only:
            raise LedgerError("ledger.readonly", file=str(self.path), reason="the folder is read-only")

    def _require_intact_locked(self, db: sqlite3.Connection) -> Verification:
        """Check the chain inside the write transaction; refuse to extend a chain that does not hold.

        Checked under the same lock as the append, so no edit can slip in between the
        check and the new event.
        """
        return self._refuse_broken(self._check_read(db))

    def _event(self, row: Sequence[Any]) -> Event:
        seq, ts, actor, kind, payload, plan_hash, prev_hash, digest = row
        try:
            data = json.loads(payload)
        except (TypeError, ValueError):
            raise LedgerCorrupt(
                "ledger.corrupt", file=str(self.path), reason=f"event {seq} has an unreadable payload"
            ) from None
        return Event(seq, ts, actor, kind, data, plan_hash, prev_hash, digest)

    def _append_locked(
        self, db: sqlite3.Connection, events: Sequence[NewEvent], now: datetime | None, expect_head: int | None
    ) -> list[Event]:
        """Append within the caller's write transaction, and bring the projection along."""
        stored: list[Event] = []
        # the time is taken once the lock is held, so later events never carry earlier times
        ts = format_time(now or datetime.now(UTC))
        row = db.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev = (row[0], row[1]) if row else (0, GENESIS_HASH)
        if expect_head is not None and seq != expect_head:
            raise HeadMoved(expect_head, seq)
        for new in events:
            check_event_text(new)  # before anything is written: an error rolls the whole append back
        self._sync_projection(db)
        rows, current, stored = chain_new_events(events, seq, prev, ts)
        db.executemany(f"INSERT INTO events ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        db.executemany("INSERT OR REPLACE INTO latest (kind, key, seq) VALUES (?, ?, ?)", current)
        self._set_head(db, stored[-1].seq, stored[-1].hash)
        return stored

    @staticmethod
    def _set_head(db: sqlite3.Connection, seq: int, digest: str) -> None:
        db.executemany(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
            [("head_seq", str(seq)), ("head_hash", digest), ("projected_seq", str(seq))],
        )

    def stored_rows(self, after: int = 0) -> Iterator[StoredRow]:
        query = f"SELECT {_COLUMNS} FROM events WHERE seq > ? ORDER BY seq"
        with self._errors():
            cursor = self._db.execute(query, (after,))
        while True:
            with self._errors():
                batch = cursor.fetchmany(2000)
            if not batch:
                return
            yield from map(StoredRow._make, batch)

    def import_rows(self, rows: Iterable[StoredRow]) -> int:
        self._require_writable()
        with self._write() as db:
            head = self._require_intact_locked(db)
            self._sync_projection(db)

            def write(batch: list[StoredRow]) -> None:
                db.executemany(f"INSERT INTO events ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", batch)

            def hash_at(seq: int) -> str | None:
                found = db.execute("SELECT hash FROM events WHERE seq = ?", (seq,)).fetchone()
                return str(found[0]) if found else None

            result, projection = self._import_verified(rows, head, write, hash_at)
            if result.count == head.count:
                return 0
            entries = ((*entry.split("\x1e", 1), seq) for entry, seq in projection.items())
            db.executemany("INSERT OR REPLACE INTO latest (kind, key, seq) VALUES (?, ?, ?)", entries)
            self._set_head(db, result.count, str(result.head_hash))
        self._advance_checkpoint(result, self._load_checkpoint())
        return result.count - head.count

    def events(self, after: int = 0) -> Iterator[Event]:
        return self._stream(f"SELECT {_COLUMNS} FROM events WHERE seq > ? ORDER BY seq", (after,))

    def _stream(self, query: str, params: Sequence[Any]) -> Iterator[Event]:
        """Events a query selects, read a batch at a time (never the whole ledger in memory)."""
        with self._errors():
            cursor = self._db.execute(query, params)
        while True:
            with self._errors():
                batch = cursor.fetchmany(2000)
            if not batch:
                return
            for row in batch:
                yield self._event(row)

    def _read_events(self, db: sqlite3.Connection, after: int = 0) -> Iterator[Event]:
        for row in db.execute(f"SELECT {_COLUMNS} FROM events WHERE seq > ? ORDER BY seq", (after,)):
            yield self._event(row)

    def head(self) -> Event | None:
        with self._errors():
            row = self._db.execute(f"SELECT {_COLUMNS} FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        return self._event(row) if row else None

    def verify(self) -> Verification:
        """Recompute the whole chain, and the projection of current state, from one consistent snapshot.

        Events and bookkeeping are read in one read transaction: a writer committing
        meanwhile is either wholly seen or not at all, never as "events at the end were
        removed". The rows are streamed, never all held in memory.
        """
        with self._snapshot() as db:
            count, head = self._recorded_head(db)
            projection: dict[str, int] = {}
            rows = map(StoredRow._make, db.execute(f"SELECT {_COLUMNS} FROM events ORDER BY rowid"))
            result = verify_rows(rows, count, head, projection=projection)
            if result.ok and self._projection_current(db):
                result = compare_projection(db.execute("SELECT kind, key, seq FROM latest"), projection, result)
        if result.ok:
            self._advance_checkpoint(result, self._load_checkpoint())
        return result

    def check(self) -> Verification:
        with self._snapshot() as db:
            return self._check_read(db)

    def rebuild_projection(self) -> None:
        """Rebuild the projection of current state from the events (after `verify` found it edited)."""
        self._require_writable()
        with self._write() as db:
            self._require_intact_locked(db)
            db.execute("DELETE FROM meta WHERE key = 'projected_seq'")
            self._sync_projection(db)

    # -- verification helpers ------------------------------------------------------

    def _recorded_head(self, db: sqlite3.Connection) -> tuple[int | None, str | None]:
        meta = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('head_seq', 'head_hash')").fetchall())
        try:
            count = int(meta["head_seq"]) if "head_seq" in meta else None
        except ValueError:
            count = -1  # damaged bookkeeping can never match: verification fails at the head
        return count, meta.get("head_hash")

    def _check_read(self, db: sqlite3.Connection) -> Verification:
        """The events after the verified checkpoint and the head, inside the caller's transaction."""

        def hash_at(seq: int) -> str | None:  # an earlier event, already verified or behind the checkpoint
            found = db.execute("SELECT hash FROM events WHERE seq = ?", (seq,)).fetchone()
            return str(found[0]) if found else None

        def rows(after: int | None) -> Iterator[StoredRow]:
            if after is None:
                return map(StoredRow._make, db.execute(f"SELECT {_COLUMNS} FROM events ORDER BY rowid"))
            query = f"SELECT {_COLUMNS} FROM events WHERE seq > ? ORDER BY seq"
            return map(StoredRow._make, db.execute(query, (after,)))

        return self._check_from_checkpoint(self._recorded_head(db), hash_at, rows)

    def _checkpoint_key(self) -> str:
        return str(self.path.resolve())

    # -- the projection ------------------------------------------------------------

    @staticmethod
    def _projection_current(db: sqlite3.Connection) -> bool:
        """Whether the projection covers every stored event (it was brought along with each append)."""
        try:
            meta = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('head_seq', 'projected_seq')"))
            has_index = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'events_by_kind'").fetchone()
        except sqlite3.DatabaseError:
            return False
        return bool(has_index) and "projected_seq" in meta and meta.get("projected_seq") == meta.get("head_seq")

    def _sync_projection(self, db: sqlite3.Connection) -> None:
        """Bring the projection up to the head inside the caller's write transaction."""
        if self._projection_current(db):
            return
        for statement in _PROJECTION_SCHEMA:
            db.execute(statement)
        meta = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('head_seq', 'projected_seq')"))
        head = int(meta.get("head_seq", "0") or 0)
        try:
            after = int(meta["projected_seq"])
        except (KeyError, ValueError):
            after = -1
        if not 0 <= after <= head:
            db.execute("DELETE FROM latest")
            after = 0
        kinds = sorted(PROJECTED)
        marks = ",".join("?" * len(kinds))
        found = db.execute(
            f"SELECT seq, kind, payload FROM events WHERE seq > ? AND kind IN ({marks}) ORDER BY seq", (after, *kinds)
        )
        updates = projection_entries(found)
        db.executemany("INSERT OR REPLACE INTO latest (kind, key, seq) VALUES (?, ?, ?)", updates)
        db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('projected_seq', ?)", (str(head),))

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

    @property
    def location(self) -> str:
        return str(self.path)

    def close(self) -> None:
        self._db.close()


class _SQLiteView(LedgerView):
    """The current state read from the projection, inside the ledger's open transaction."""

    def __init__(self, ledger: SQLiteLedger, db: sqlite3.Connection, head_seq: int, head_hash: str | None) -> None:
        self._ledger, self._db = ledger, db
        self.head_seq, self.head_hash = head_seq, head_hash

    def events(self, kinds: Collection[str] | None = None, *, exclude: Collection[str] = ()) -> Iterator[Event]:
        left_out = set(exclude)
        projected = sorted((set(PROJECTED) if kinds is None else set(kinds) & set(PROJECTED)) - left_out)
        parts: list[Iterator[Event]] = []
        if kinds is None:  # one pass in sequence order: other kinds, and the projected events still current
            skipped = sorted(set(PROJECTED) | left_out)
            query = f"SELECT {_COLUMNS} FROM events WHERE kind NOT IN ({','.join('?' * len(skipped))})"
            if projected:
                query += f" OR seq IN (SELECT seq FROM latest WHERE kind IN ({','.join('?' * len(projected))}))"
            return self._rows(query + " ORDER BY seq", [*skipped, *projected])
        else:
            others = sorted(set(kinds) - set(PROJECTED) - left_out)
            if others:
                marks = ",".join("?" * len(others))
                parts.append(self._rows(f"SELECT {_COLUMNS} FROM events WHERE kind IN ({marks}) ORDER BY seq", others))
        if projected:
            marks = ",".join("?" * len(projected))
            parts.append(
                self._rows(
                    f"SELECT {', '.join('e.' + c for c in _COLUMNS.split(', '))} FROM latest l"
                    f" JOIN events e ON e.seq = l.seq WHERE l.kind IN ({marks}) ORDER BY e.seq",
                    projected,
                )
            )
        return parts[0] if len(parts) == 1 else heapq.merge(*parts, key=lambda e: e.seq)

    def _rows(self, query: str, params: Sequence[Any]) -> Iterator[Event]:
        for row in self._db.execute(query, params):
            yield self._ledger._event(row)

    def current_fields(self, kind: str, fields: Sequence[str]) -> Iterator[tuple[int, str, str, tuple[Any, ...]]]:
        # SQLite's JSON functions read the fields where they are text, whole numbers or null (what json.loads
        # gives alike); a field holding true, false, an object or an array is read by json.loads instead
        paths = [f'$."{name}"' for name in fields]
        if any('"' in name or "\\" in name for name in fields):
            yield from super().current_fields(kind, fields)
            return
        values = ", ".join(f"json_extract(e.payload, '{path}')" for path in paths)
        # a real number is read by json.loads too: exactly as it is stored
        odd = " OR ".join(
            f"coalesce(json_type(e.payload, '{path}'), '') IN ('true', 'false', 'object', 'array', 'real')"
            for path in paths
        )
        query = (  # in the projection's own order: one current event per key, so order does not matter
            f"SELECT e.seq, e.ts, e.actor, {values}, {odd} FROM latest l JOIN events e ON e.seq = l.seq"
            " WHERE l.kind = ?"
        )
        for row in self._db.execute(query, (kind,)):
            if not row[-1]:
                yield row[0], row[1], row[2], row[3:-1]
            else:
                found = self._db.execute("SELECT payload FROM events WHERE seq = ?", (row[0],)).fetchone()
                payload = json.loads(found[0])
                yield row[0], row[1], row[2], tuple(payload.get(name) for name in fields)

    def latest(self, kind: str, fields: Mapping[str, Any]) -> Event | None:
        key = projection_key(kind, fields)
        if key is None:
            return None
        row = self._db.execute(
            f"SELECT {', '.join('e.' + c for c in _COLUMNS.split(', '))} FROM latest l"
            " JOIN events e ON e.seq = l.seq WHERE l.kind = ? AND l.key = ?",
            (kind, key),
        ).fetchone()
        return self._ledger._event(row) if row else None

    def count(self, kinds: Collection[str], before: int) -> int:
        wanted = sorted(set(kinds))
        if not wanted:
            return 0
        marks = ",".join("?" * len(wanted))
        row = self._db.execute(
            f"SELECT count(*) FROM events WHERE kind IN ({marks}) AND seq < ?", (*wanted, before)
        ).fetchone()
        return int(row[0])


def _raise_broken(check: Verification, location: str) -> None:
    reason = Message(check.reason_key or "audit.reason.hash", **check.reason_params)
    raise LedgerCorrupt("ledger.broken_chain", file=location, seq=check.bad_seq, reason=reason)


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
