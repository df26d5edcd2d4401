"""The ledger on a PostgreSQL server: the same events, chain and behaviour as `SQLiteLedger`.

Several offices record into one evaluation at once, each with its own login role.
The rows are the SQLite store's rows (the payload as TEXT, exactly as `canonical_json`
wrote it), so verification (`verify_rows`) is shared and a copied ledger keeps every
hash. The schema, roles and grants come from versioned migrations
(`toolbench.store.pg_migrations`), applied by `init_store` and `migrate_store`.

Appends are serial per database: every write transaction first takes one
transaction-level advisory lock (`pg_advisory_xact_lock`), then checks the chain,
decides and appends, and commits; a lost connection rolls the whole transaction
back on the server, so an append is recorded whole or not at all. A writer that
cannot get the lock within `wait_seconds` gets LedgerLocked (`lock_timeout`).

psycopg (3) is loaded on first use: SQLite users need nothing more.
"""

from __future__ import annotations

import getpass
import heapq
import itertools
import json
import os
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from toolbench.base.errors import LedgerCorrupt, LedgerError, LedgerLocked
from toolbench.base.i18n import Message
from toolbench.store.ledger import (
    CHECKPOINT_EVERY,
    DEFAULT_WAIT_SECONDS,
    FORMAT_NAME,
    FORMAT_VERSION,
    GENESIS_HASH,
    PROJECTED,
    CheckpointedLedger,
    Event,
    EventsView,
    HeadMoved,
    LedgerView,
    NewEvent,
    StoredRow,
    Verification,
    _raise_broken,
    chain_new_events,
    check_event_text,
    compare_projection,
    format_time,
    projection_entries,
    projection_key,
    verify_rows,
)
from toolbench.store.pg_migrations import MIGRATIONS, SCHEMA_VERSION, migration_sql, quote_identifier, role_names

if TYPE_CHECKING:
    import psycopg

SCHEMES: Final = ("postgresql://", "postgres://")
WRITE_LOCK: Final = 0x746F6F6C62656E63
"""The advisory lock every write transaction takes first ("toolbench" in ASCII); advisory locks are per database."""
MIGRATION_LOCK: Final = WRITE_LOCK + 1
_COLUMNS = "seq, ts, actor, kind, payload, plan_hash, prev_hash, hash"
_E_COLUMNS = ", ".join(f"e.{name}" for name in _COLUMNS.split(", "))
_PAGE: Final = 5_000
_TOOLBENCH_TABLES: Final = frozenset({"meta", "events", "latest", "evaluator_roles", "schema_migrations"})


def is_server_url(location: object) -> bool:
    """Whether a store location names a PostgreSQL server (`postgresql://…` or `postgres://…`)."""
    return isinstance(location, str) and location.lower().startswith(SCHEMES)


def redact_url(url: str) -> str:
    """The URL with any password taken out (what messages and the checkpoint name the store by)."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        user, _, host = netloc.rpartition("@")
        netloc = f"{user.partition(':')[0]}@{host}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() != "password"]
    return urlunsplit((parts.scheme, netloc, parts.path, urlencode(query), parts.fragment))


def server_name(url: str) -> str:
    """`host:port/database` of a store URL, for messages (never the password)."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    try:
        port = parts.port or query.get("port") or 5432
    except ValueError:
        port = query.get("port") or 5432
    host = parts.hostname or query.get("host") or "localhost"
    database = unquote(parts.path.lstrip("/")) or query.get("dbname") or unquote(parts.username or "") or "postgres"
    return f"{host}:{port}/{database}"


def _reason(error: BaseException) -> str:
    """The server's one-line reason, without libpq's framing."""
    diag = getattr(error, "diag", None)
    text = (getattr(diag, "message_primary", None) or str(error)).strip()
    first = text.splitlines()[0] if text else type(error).__name__
    first = first.rpartition(" failed: ")[2] if " failed: " in first else first
    return first.removeprefix("FATAL:").strip()


def _connect_error(error: BaseException, url: str) -> LedgerError:
    server, text = server_name(url), str(error)
    reason = _reason(error)
    user = _login(url)
    if "database" in text and "does not exist" in text:
        return LedgerError("store.no_database", server=server, url=redact_url(url))
    if "authentication failed" in text or "no password supplied" in text or "role" in text and "does not exist" in text:
        return LedgerError("store.auth", server=server, user=unquote(user), reason=reason)
    if "permission denied" in text:
        return LedgerError("store.auth", server=server, user=unquote(user), reason=reason)
    return LedgerError("store.unreachable", server=server, reason=reason)


def _login(url: str) -> str:
    """The login role a URL connects as (libpq's default: $PGUSER, else the operating system's user name)."""
    return urlsplit(url).username or os.environ.get("PGUSER") or getpass.getuser()


def _driver() -> Any:
    try:
        import psycopg  # lazy: psycopg, for PostgreSQL stores only
    except ImportError:
        raise LedgerError("store.driver_missing") from None
    return psycopg


def connect(url: str, wait_seconds: float = DEFAULT_WAIT_SECONDS) -> psycopg.Connection[tuple[Any, ...]]:
    """A connection in autocommit mode (transactions are begun explicitly), or the reason there is none."""
    driver = _driver()
    try:
        connection: psycopg.Connection[tuple[Any, ...]] = driver.connect(
            url, autocommit=True, connect_timeout=max(2, int(wait_seconds + 0.999)), application_name="toolbench"
        )
    except driver.Error as error:
        raise _connect_error(error, url) from None
    return connection


@contextmanager
def _server_errors(url: str, wait_seconds: float, may: Callable[[], Message] | None = None) -> Iterator[None]:
    """Turn psycopg's exceptions into the ledger's own, naming the server and the fix."""
    from psycopg import errors  # lazy: psycopg, for PostgreSQL stores only

    server = server_name(url)
    try:
        yield
    except (errors.LockNotAvailable, errors.QueryCanceled) as error:
        if isinstance(error, errors.QueryCanceled) and "lock" not in str(error):
            raise LedgerError("store.failed", server=server, reason=_reason(error)) from None
        raise LedgerLocked("ledger.locked", file=server, seconds=f"{wait_seconds:g}") from None
    except errors.UndefinedTable:
        raise LedgerError("store.no_schema", server=server, url=redact_url(url)) from None
    except errors.InsufficientPrivilege as error:
        allowed = may() if may is not None else Message("store.may.unknown")
        user = _login(url)
        raise LedgerError(
            "store.permission", server=server, role=unquote(user), reason=_reason(error), may=allowed
        ) from None
    except errors.OperationalError as error:
        raise LedgerError("store.lost", server=server, reason=_reason(error)) from None
    except errors.Error as error:
        if isinstance(error, errors.InterfaceError) or error.sqlstate is None:
            raise LedgerError("store.lost", server=server, reason=_reason(error)) from None
        raise LedgerError("store.failed", server=server, reason=_reason(error)) from None


def _applied_versions(conn: psycopg.Connection[tuple[Any, ...]]) -> set[int] | None:
    """The migrations recorded in the database, or None where there is no toolbench schema."""
    found = conn.execute("SELECT to_regclass('schema_migrations') IS NOT NULL").fetchone()
    if not found or not found[0]:
        return None
    return {int(row[0]) for row in conn.execute("SELECT version FROM schema_migrations")}


def _tables(conn: psycopg.Connection[tuple[Any, ...]]) -> list[str]:
    """Every table or view in the database outside PostgreSQL's own schemas."""
    rows = conn.execute(
        "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')"
        " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'"
        " ORDER BY 1, 2"
    ).fetchall()
    return [name if schema == "public" else f"{schema}.{name}" for schema, name in rows]


def _migrate(url: str, *, initialize: bool) -> list[str]:
    conn = connect(url)
    try:
        with _server_errors(url, DEFAULT_WAIT_SECONDS):
            conn.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))  # one migrator at a time
            applied = _applied_versions(conn)
            if applied is None:
                if not initialize:
                    raise LedgerError("store.no_schema", server=server_name(url), url=redact_url(url))
                foreign = [name for name in _tables(conn) if name not in _TOOLBENCH_TABLES]
                if foreign or _tables(conn):
                    shown = ", ".join((foreign or _tables(conn))[:5])
                    raise LedgerError("store.not_toolbench", server=server_name(url), tables=shown)
                conn.execute(
                    "CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL,"
                    " applied_at timestamptz NOT NULL DEFAULT now())"
                )
                applied = set()
            newest = max(applied, default=0)
            if newest > SCHEMA_VERSION:
                raise LedgerCorrupt("ledger.newer", file=server_name(url), found=newest, supported=SCHEMA_VERSION)
            row = conn.execute("SELECT current_database()").fetchone()
            database = str(row[0]) if row else ""
            done = []
            for migration in MIGRATIONS:
                if migration.version in applied:
                    continue
                with conn.transaction():
                    conn.execute(migration_sql(migration, database).encode("utf-8"))
                    conn.execute(
                        "INSERT INTO schema_migrations (version, name) VALUES (%s, %s)",
                        (migration.version, migration.name),
                    )
                done.append(migration.label)
            return done
    finally:
        conn.close()


def init_store(url: str) -> list[str]:
    """Make the ledger's tables, roles and grants in an empty database; the migrations applied.

    Refuses a database holding tables that are not toolbench's. On a store already
    made it applies what is missing, like `migrate_store`. Needs a role that may
    create roles (CREATEROLE) and owns the database.
    """
    return _migrate(url, initialize=True)


def migrate_store(url: str) -> list[str]:
    """Apply the migrations a store made by an earlier toolbench lacks; the ones applied (none when current)."""
    return _migrate(url, initialize=False)


def grant_evaluator(url: str, role: str, evaluator: str) -> None:
    """Let the login `role` record the scores of `evaluator` (and only those): map it, and grant the evaluator group."""
    conn = connect(url)
    try:
        with _server_errors(url, DEFAULT_WAIT_SECONDS):
            if _applied_versions(conn) is None:
                raise LedgerError("store.no_schema", server=server_name(url), url=redact_url(url))
            if conn.execute("SELECT FROM pg_roles WHERE rolname = %s", (role,)).fetchone() is None:
                raise LedgerError("store.role_missing", server=server_name(url), role=role)
            row = conn.execute("SELECT current_database()").fetchone()
            group = role_names(str(row[0]) if row else "")["evaluator"]
            with conn.transaction():
                conn.execute(
                    "INSERT INTO evaluator_roles (role_name, evaluator) VALUES (%s, %s)"
                    " ON CONFLICT (role_name) DO UPDATE SET evaluator = EXCLUDED.evaluator",
                    (role, evaluator),
                )
                conn.execute(f"GRANT {quote_identifier(group)} TO {quote_identifier(role)}".encode())
    finally:
        conn.close()


class PostgresLedger(CheckpointedLedger):
    """The ledger in a PostgreSQL database made by `init_store` (one connection, autocommit between transactions).

    A write takes the store's advisory lock, checks the chain and appends in one
    transaction; a reader reads one REPEATABLE READ snapshot. With `read_only`, or a
    role that may only read, appends are refused.
    """

    def __init__(
        self,
        url: str,
        *,
        read_only: bool = False,
        wait_seconds: float = DEFAULT_WAIT_SECONDS,
        checkpoint_every: int = CHECKPOINT_EVERY,
    ) -> None:
        self.url = url
        self.read_only = read_only
        self.wait_seconds = wait_seconds
        self.checkpoint_every = checkpoint_every
        self.server = server_name(url)
        self._location = redact_url(url)
        self._cursors = itertools.count(1)
        self._conn = self._open()
        try:
            with self._errors():
                self._check_format()
        except BaseException:
            self._conn.close()
            raise

    # -- connection, transactions and errors ----------------------------------------

    def _errors(self) -> AbstractContextManager[None]:
        return _server_errors(self.url, self.wait_seconds, self._may)

    def _may(self) -> Message:
        """What this login may do in this store, for a refusal (a new query: the failed transaction is over)."""
        try:
            found = self._connection().execute("SELECT current_database()").fetchone()
            roles = role_names(str(found[0]) if found else "")
            row = (
                self._connection()
                .execute(
                    "SELECT pg_has_role(session_user, %s, 'MEMBER'), pg_has_role(session_user, %s, 'MEMBER'),"
                    " pg_has_role(session_user, %s, 'MEMBER'), (SELECT evaluator FROM evaluator_roles"
                    " WHERE role_name = session_user)",
                    (roles["secretariat"], roles["evaluator"], roles["auditor"]),
                )
                .fetchone()
            )
        except Exception:  # noqa: BLE001 - a message about a refusal must not fail itself
            return Message("store.may.unknown")
        if row is None:
            return Message("store.may.unknown")
        if row[0]:
            return Message("store.may.secretariat")
        if row[1]:
            return Message("store.may.evaluator", evaluator=row[3] or "-")
        return Message("store.may.auditor") if row[2] else Message("store.may.none")

    def _connection(self) -> psycopg.Connection[tuple[Any, ...]]:
        """The connection, opened again if the server dropped it (the interrupted transaction was rolled back)."""
        if self._conn.closed or self._conn.broken:
            self._conn.close()
            self._conn = self._open()
        return self._conn

    def _open(self) -> psycopg.Connection[tuple[Any, ...]]:
        conn = connect(self.url, self.wait_seconds)
        try:
            with self._errors():
                # every read goes through a server-side cursor and is read to its end: plan for all rows
                conn.execute("SET cursor_tuple_fraction = 1.0")
        except BaseException:
            conn.close()
            raise
        return conn

    @staticmethod
    def _rollback(conn: psycopg.Connection[tuple[Any, ...]]) -> None:
        try:
            if not conn.closed and not conn.broken:
                conn.execute("ROLLBACK")
        except Exception:  # noqa: BLE001, S110 - the server rolls back a lost session by itself
            pass

    @contextmanager
    def _write(self) -> Iterator[psycopg.Connection[tuple[Any, ...]]]:
        """One write transaction holding the store's advisory lock: other writers queue, readers carry on."""
        self._require_writable()
        with self._errors():
            conn = self._connection()
            conn.execute("BEGIN")
            try:
                timeout = f"{max(1, int(self.wait_seconds * 1000))}ms"
                conn.execute("SELECT set_config('lock_timeout', %s, true)", (timeout,))
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
                conn.execute("SELECT set_config('lock_timeout', '0', true)")
                yield conn
            except BaseException:
                self._rollback(conn)
                raise
            conn.execute("COMMIT")

    @contextmanager
    def _snapshot(self) -> Iterator[psycopg.Connection[tuple[Any, ...]]]:
        """One REPEATABLE READ read transaction, or the caller's transaction if one is open."""
        from psycopg.pq import TransactionStatus  # lazy: psycopg, for PostgreSQL stores only

        with self._errors():
            conn = self._connection()
            if conn.info.transaction_status != TransactionStatus.IDLE:
                yield conn
                return
            conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            try:
                yield conn
            finally:
                self._rollback(conn)

    def _cursor_rows(
        self, conn: psycopg.Connection[tuple[Any, ...]], query: str, params: Sequence[Any] = ()
    ) -> Iterator[tuple[Any, ...]]:
        """Rows of a query inside the open transaction, through a server-side cursor a batch at a time."""
        with self._errors(), conn.cursor(name=f"toolbench_{next(self._cursors)}", binary=True) as cursor:
            cursor.itersize = _PAGE
            cursor.execute(query.encode(), params)
            yield from cursor

    def _paged(self, where: str, params: Sequence[Any], after: int) -> Iterator[tuple[Any, ...]]:
        """Stored rows in sequence order after `after`, a page at a time (no transaction held between pages)."""
        query = f"SELECT {_COLUMNS} FROM events WHERE seq > %s{where} ORDER BY seq LIMIT {_PAGE}".encode()
        while True:
            with self._errors():
                page = self._connection().execute(query, (after, *params)).fetchall()
            if not page:
                return
            yield from page
            after = page[-1][0]

    def _check_format(self) -> None:
        conn = self._connection()
        applied = _applied_versions(conn)
        if applied is None:
            raise LedgerError("store.no_schema", server=self.server, url=self._location)
        newest = max(applied, default=0)
        if newest > SCHEMA_VERSION:
            raise LedgerCorrupt("ledger.newer", file=self.server, found=newest, supported=SCHEMA_VERSION)
        if newest < SCHEMA_VERSION:
            raise LedgerError("store.old_schema", server=self.server, url=self._location)
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("format") != FORMAT_NAME:
            raise LedgerCorrupt("ledger.corrupt", file=self.server, reason="it is not a toolbench ledger")
        try:
            version = int(meta.get("version", "0"))
            int(meta.get("head_seq", "0"))
        except ValueError:
            raise LedgerCorrupt("ledger.corrupt", file=self.server, reason="its bookkeeping is damaged") from None
        if version > FORMAT_VERSION:
            raise LedgerCorrupt("ledger.newer", file=self.server, found=version, supported=FORMAT_VERSION)

    def _require_writable(self) -> None:
        if self.read_only:
            raise LedgerError("ledger.readonly", file=self.server, reason="it was opened read-only")

    def _event(self, row: Sequence[Any]) -> Event:
        seq, ts, actor, kind, payload, plan_hash, prev_hash, digest = row
        try:
            data = json.loads(payload)
        except (TypeError, ValueError):
            reason = f"event {seq} has an unreadable payload"
            raise LedgerCorrupt("ledger.corrupt", file=self.server, reason=reason) from None
        return Event(seq, ts, actor, kind, data, plan_hash, prev_hash, digest)

    # -- the interface ---------------------------------------------------------------

    def append_many(
        self, events: Sequence[NewEvent], *, now: datetime | None = None, expect_head: int | None = None
    ) -> list[Event]:
        if not events:
            return []
        with self._write() as conn:
            self._require_intact_locked(conn)
            stored = self._append_locked(conn, events, now, expect_head)
        return self._appended(stored)

    def append_decided(
        self, decide: Callable[[list[Event]], Sequence[NewEvent]], *, now: datetime | None = None
    ) -> list[Event]:
        with self._write() as conn:
            self._require_intact_locked(conn)
            every = [self._event(row) for row in self._cursor_rows(conn, f"SELECT {_COLUMNS} FROM events ORDER BY seq")]
            events = decide(every)
            stored = self._append_locked(conn, events, now, None) if events else []
        return self._appended(stored)

    def append_viewed(
        self, decide: Callable[[LedgerView], Sequence[NewEvent]], *, now: datetime | None = None
    ) -> list[Event]:
        with self._write() as conn:
            check = self._require_intact_locked(conn)
            self._sync_projection(conn)
            events = decide(_PostgresView(self, conn, check.count, check.head_hash))
            stored = self._append_locked(conn, events, now, None) if events else []
        return self._appended(stored)

    @contextmanager
    def reading(self) -> Iterator[LedgerView]:
        with self._snapshot() as conn:
            check = self._check_read(conn)
            if not check.ok:
                _raise_broken(check, self.location)
            if self._projection_current(conn):
                yield _PostgresView(self, conn, check.count, check.head_hash)
            else:  # a reader cannot bring it up to date: the current state from the events themselves
                query = f"SELECT {_COLUMNS} FROM events ORDER BY seq"
                yield EventsView(self._event(row) for row in self._cursor_rows(conn, query))

    def events(self, after: int = 0) -> Iterator[Event]:
        return (self._event(row) for row in self._paged("", (), after))

    def events_of(self, kinds: Collection[str]) -> Iterator[Event]:
        wanted = sorted(set(kinds))
        if not wanted:
            return iter(())
        return (self._event(row) for row in self._paged(" AND kind = ANY(%s)", (wanted,), 0))

    def stored_rows(self, after: int = 0) -> Iterator[StoredRow]:
        return map(StoredRow._make, self._paged("", (), after))

    def head(self) -> Event | None:
        with self._errors():
            row = self._connection().execute(f"SELECT {_COLUMNS} FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        return self._event(row) if row else None

    def verify(self) -> Verification:
        """Recompute the whole chain, and the projection of current state, from one consistent snapshot."""
        with self._snapshot() as conn:
            recorded = self._recorded_head(conn)
            projection: dict[str, int] = {}
            rows = map(StoredRow._make, self._cursor_rows(conn, f"SELECT {_COLUMNS} FROM events ORDER BY seq"))
            result = verify_rows(rows, *recorded, projection=projection)
            if result.ok and self._projection_current(conn):
                stored = self._cursor_rows(conn, "SELECT kind, key, seq FROM latest")
                result = compare_projection(stored, projection, result)
        if result.ok:
            self._advance_checkpoint(result, self._load_checkpoint())
        return result

    def check(self) -> Verification:
        with self._snapshot() as conn:
            return self._check_read(conn)

    def rebuild_projection(self) -> None:
        """Rebuild the projection of current state from the events (after `verify` found it edited)."""
        with self._write() as conn:
            self._require_intact_locked(conn)
            conn.execute("DELETE FROM latest")
            conn.execute("UPDATE meta SET value = '0' WHERE key = 'projected_seq'")
            self._sync_projection(conn)

    def import_rows(self, rows: Iterable[StoredRow]) -> int:
        with self._write() as conn:
            head = self._require_intact_locked(conn)
            self._sync_projection(conn)

            def write(batch: list[StoredRow]) -> None:
                self._insert_events(conn, batch)

            result, projection = self._import_verified(rows, head, write, self._hash_at(conn))
            if result.count == head.count:
                return 0
            entries = [(*_split_entry(entry), seq) for entry, seq in projection.items()]
            for start in range(0, len(entries), _PAGE * 4):
                self._upsert_latest(conn, entries[start : start + _PAGE * 4])
            self._set_head(conn, result.count, str(result.head_hash))
        self._advance_checkpoint(result, self._load_checkpoint())
        return result.count - head.count

    @property
    def location(self) -> str:
        return self._location

    def close(self) -> None:
        self._conn.close()

    # -- inside a transaction ------------------------------------------------------------

    def _checkpoint_key(self) -> str:
        return self._location

    def _hash_at(self, conn: psycopg.Connection[tuple[Any, ...]]) -> Callable[[int], str | None]:
        def hash_at(seq: int) -> str | None:
            found = conn.execute("SELECT hash FROM events WHERE seq = %s", (seq,)).fetchone()
            return str(found[0]) if found else None

        return hash_at

    def _recorded_head(self, conn: psycopg.Connection[tuple[Any, ...]]) -> tuple[int | None, str | None]:
        meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('head_seq', 'head_hash')").fetchall())
        try:
            count = int(meta["head_seq"]) if "head_seq" in meta else None
        except ValueError:
            count = -1  # damaged bookkeeping can never match: verification fails at the head
        return count, meta.get("head_hash")

    def _check_read(self, conn: psycopg.Connection[tuple[Any, ...]]) -> Verification:
        def rows(after: int | None) -> Iterator[StoredRow]:
            if after is None:
                return map(StoredRow._make, self._cursor_rows(conn, f"SELECT {_COLUMNS} FROM events ORDER BY seq"))
            query = f"SELECT {_COLUMNS} FROM events WHERE seq > %s ORDER BY seq"
            return map(StoredRow._make, self._cursor_rows(conn, query, (after,)))

        return self._check_from_checkpoint(self._recorded_head(conn), self._hash_at(conn), rows)

    def _require_intact_locked(self, conn: psycopg.Connection[tuple[Any, ...]]) -> Verification:
        """Check the chain under the write lock; refuse to extend a chain that does not hold."""
        return self._refuse_broken(self._check_read(conn))

    def _append_locked(
        self,
        conn: psycopg.Connection[tuple[Any, ...]],
        events: Sequence[NewEvent],
        now: datetime | None,
        expect_head: int | None,
    ) -> list[Event]:
        # the time is taken once the lock is held, so later events never carry earlier times
        ts = format_time(now or datetime.now(UTC))
        row = conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev = (int(row[0]), str(row[1])) if row else (0, GENESIS_HASH)
        if expect_head is not None and seq != expect_head:
            raise HeadMoved(expect_head, seq)
        for new in events:
            check_event_text(new)  # before anything is written: an error rolls the whole append back
        self._sync_projection(conn)
        rows, current, stored = chain_new_events(events, seq, prev, ts)
        self._insert_events(conn, rows)
        self._upsert_latest(conn, current)
        self._set_head(conn, stored[-1].seq, stored[-1].hash)
        return stored

    @staticmethod
    def _insert_events(conn: psycopg.Connection[tuple[Any, ...]], rows: Sequence[Sequence[Any]]) -> None:
        """One INSERT per batch: the columns as arrays, unnested on the server."""
        columns = [list(column) for column in zip(*rows, strict=True)]
        conn.execute(
            f"INSERT INTO events ({_COLUMNS}) SELECT * FROM unnest("
            "%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[])",
            columns,
        )

    @staticmethod
    def _upsert_latest(conn: psycopg.Connection[tuple[Any, ...]], entries: Sequence[tuple[str, str, int]]) -> None:
        last: dict[tuple[str, str], int] = {}
        for kind, key, seq in entries:  # one row per key: ON CONFLICT may not touch a row twice
            last[(kind, key)] = seq
        if not last:
            return
        conn.execute(
            "INSERT INTO latest (kind, key, seq) SELECT * FROM unnest(%s::text[], %s::text[], %s::bigint[])"
            " ON CONFLICT (kind, key) DO UPDATE SET seq = EXCLUDED.seq",
            ([k for k, _ in last], [key for _, key in last], list(last.values())),
        )

    @staticmethod
    def _set_head(conn: psycopg.Connection[tuple[Any, ...]], seq: int, digest: str) -> None:
        conn.execute(
            "UPDATE meta SET value = v.value FROM unnest(%s::text[], %s::text[]) AS v(key, value)"
            " WHERE meta.key = v.key",
            (["head_seq", "head_hash", "projected_seq"], [str(seq), digest, str(seq)]),
        )

    @staticmethod
    def _projection_current(conn: psycopg.Connection[tuple[Any, ...]]) -> bool:
        """Whether the projection covers every stored event (it was brought along with each append)."""
        meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('head_seq', 'projected_seq')").fetchall())
        return "projected_seq" in meta and meta.get("projected_seq") == meta.get("head_seq")

    def _sync_projection(self, conn: psycopg.Connection[tuple[Any, ...]]) -> None:
        """Bring the projection up to the head inside the caller's write transaction."""
        if self._projection_current(conn):
            return
        meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('head_seq', 'projected_seq')").fetchall())
        head = int(meta.get("head_seq", "0") or 0)
        try:
            after = int(meta["projected_seq"])
        except (KeyError, ValueError):
            after = -1
        if not 0 <= after <= head:
            conn.execute("DELETE FROM latest")
            after = 0
        query = "SELECT seq, kind, payload FROM events WHERE seq > %s AND kind = ANY(%s) ORDER BY seq"
        entries = projection_entries(self._cursor_rows(conn, query, (after, sorted(PROJECTED))))
        self._upsert_latest(conn, entries)
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('projected_seq', %s)"
            " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            (str(head),),
        )


class _PostgresView(LedgerView):
    """The current state read from the projection, inside the ledger's open transaction."""

    def __init__(
        self, ledger: PostgresLedger, conn: psycopg.Connection[tuple[Any, ...]], head_seq: int, head_hash: str | None
    ) -> None:
        self._ledger, self._conn = ledger, conn
        self.head_seq, self.head_hash = head_seq, head_hash

    def _rows(self, query: str, params: Sequence[Any]) -> Iterator[Event]:
        for row in self._ledger._cursor_rows(self._conn, query, params):
            yield self._ledger._event(row)

    def events(self, kinds: Collection[str] | None = None, *, exclude: Collection[str] = ()) -> Iterator[Event]:
        left_out = set(exclude)
        projected = sorted((set(PROJECTED) if kinds is None else set(kinds) & set(PROJECTED)) - left_out)
        if kinds is None:  # one pass in sequence order: other kinds, and the projected events still current
            skipped = sorted(set(PROJECTED) | left_out)
            query = f"SELECT {_COLUMNS} FROM events WHERE NOT kind = ANY(%s)"
            query += " OR seq IN (SELECT seq FROM latest WHERE kind = ANY(%s))"
            return self._rows(query + " ORDER BY seq", [skipped, projected])
        parts: list[Iterator[Event]] = []
        others = sorted(set(kinds) - set(PROJECTED) - left_out)
        if others:
            parts.append(self._rows(f"SELECT {_COLUMNS} FROM events WHERE kind = ANY(%s) ORDER BY seq", [others]))
        if projected:
            query = f"SELECT {_E_COLUMNS} FROM latest l JOIN events e ON e.seq = l.seq WHERE l.kind = ANY(%s)"
            parts.append(self._rows(query + " ORDER BY e.seq", [projected]))
        if not parts:
            return iter(())
        return parts[0] if len(parts) == 1 else heapq.merge(*parts, key=lambda e: e.seq)

    def current_fields(self, kind: str, fields: Sequence[str]) -> Iterator[tuple[int, str, str, tuple[Any, ...]]]:
        # Read in SQL where a field is text, a whole number or null (what json.loads gives alike); true, false,
        # an object, an array or a real number is read by json.loads instead. A number is taken from the payload's
        # own text (json, not jsonb, which would write 1e+20 as 100000000000000000000). `state` is -1 for a row
        # read by json.loads, else a bit per field holding a whole number.
        values, odd, numbers = [], [], []
        value_params: list[Any] = []
        odd_params: list[Any] = []
        number_params: list[Any] = []
        for index, name in enumerate(fields):
            values.append(
                "CASE jsonb_typeof(j -> %s) WHEN 'string' THEN j ->> %s WHEN 'number' THEN e.payload::json ->> %s END"
            )
            value_params += [name, name, name]
            odd.append(
                "coalesce(jsonb_typeof(j -> %s), '') IN ('boolean', 'object', 'array')"
                " OR (jsonb_typeof(j -> %s) = 'number' AND (e.payload::json ->> %s) !~ '^-?[0-9]+$')"
            )
            odd_params += [name, name, name]
            numbers.append(f"CASE WHEN jsonb_typeof(j -> %s) = 'number' THEN {1 << index} ELSE 0 END")
            number_params.append(name)
        state = f"CASE WHEN {' OR '.join(odd) or 'false'} THEN -1 ELSE {' + '.join(numbers) or '0'} END"
        query = (
            f"SELECT e.seq, e.ts, e.actor, {state}{''.join(', ' + v for v in values)}"
            " FROM latest l JOIN events e ON e.seq = l.seq CROSS JOIN LATERAL (SELECT e.payload::jsonb AS j OFFSET 0) p"
            " WHERE l.kind = %s"
        )
        params = [*odd_params, *number_params, *value_params, kind]
        for row in self._ledger._cursor_rows(self._conn, query, params):
            seq, ts, actor, flags = row[0], row[1], row[2], row[3]
            if flags == -1:
                payload = json.loads(row_payload(self._conn, seq))
                yield seq, ts, actor, tuple(payload.get(name) for name in fields)
            elif flags:
                found = row[4:]
                yield seq, ts, actor, tuple(int(v) if flags >> i & 1 else v for i, v in enumerate(found))
            else:
                yield seq, ts, actor, row[4:]

    def latest(self, kind: str, fields: Mapping[str, Any]) -> Event | None:
        key = projection_key(kind, fields)
        if key is None:
            return None
        with self._ledger._errors():
            row = self._conn.execute(
                f"SELECT {_E_COLUMNS} FROM latest l JOIN events e ON e.seq = l.seq WHERE l.kind = %s AND l.key = %s",
                (kind, key),
            ).fetchone()
        return self._ledger._event(row) if row else None

    def latest_many(self, kind: str, many: Iterable[Mapping[str, Any]]) -> dict[str, Event]:
        keys = sorted({key for fields in many if (key := projection_key(kind, fields)) is not None})
        found: dict[str, Event] = {}
        for start in range(0, len(keys), 5000):  # a few round trips for a whole sheet
            with self._ledger._errors():
                rows = self._conn.execute(
                    f"SELECT l.key, {_E_COLUMNS} FROM latest l JOIN events e ON e.seq = l.seq"
                    " WHERE l.kind = %s AND l.key = ANY(%s)",
                    (kind, keys[start : start + 5000]),
                ).fetchall()
            for key, *row in rows:
                found[key] = self._ledger._event(tuple(row))
        return found

    def count(self, kinds: Collection[str], before: int) -> int:
        wanted = sorted(set(kinds))
        if not wanted:
            return 0
        with self._ledger._errors():
            row = self._conn.execute(
                "SELECT count(*) FROM events WHERE kind = ANY(%s) AND seq < %s", (wanted, before)
            ).fetchone()
        return int(row[0]) if row else 0


def row_payload(conn: psycopg.Connection[tuple[Any, ...]], seq: int) -> str:
    found = conn.execute("SELECT payload FROM events WHERE seq = %s", (seq,)).fetchone()
    return str(found[0]) if found else "{}"


def _split_entry(entry: str) -> tuple[str, str]:
    """(kind, key) of a `verify_rows` projection entry (`kind\x1ekey`)."""
    kind, _, key = entry.partition("\x1e")
    return kind, key
