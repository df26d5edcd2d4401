"""The ledger on a real PostgreSQL server behaves as the SQLite one: chain, projection, refusals, copies.

Every test makes its own database (`tests/pg.py`) and drops it, with its roles,
afterwards. Concurrency and crashes use separate OS processes (tests/pg_writer.py);
the role rules are tried by connecting as the role itself, so it is the database
that refuses; tampering is done as a superuser would, with the append-only
triggers disabled.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest

from tests import pg
from toolbench import Workspace
from toolbench.base.errors import LedgerCorrupt, LedgerError, LedgerLocked
from toolbench.base.i18n import translate
from toolbench.methods.evaluation import METRIC_RECORDED, SCORE_MODERATED, SCORE_RECORDED, evaluate
from toolbench.methods.locking import SCORED_KINDS
from toolbench.store import copy_ledger, open_ledger
from toolbench.store.ledger import PROJECTED, EventsView, NewEvent, SQLiteLedger, require_intact
from toolbench.store.pg_migrations import role_names
from toolbench.store.postgres import PostgresLedger, grant_evaluator, init_store, migrate_store

_REASON = pg.unreachable()
pytestmark = pytest.mark.skipif(_REASON is not None, reason=_REASON or "")

WRITER = Path(__file__).with_name("pg_writer.py")
PLAN = "b" * 64
NOW = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)


@pytest.fixture()
def db() -> Iterator[pg.Database]:
    """A database with a toolbench store made by `init_store`, dropped afterwards."""
    with pg.database() as database:
        assert init_store(database.url) == ["0001_ledger_tables", "0002_roles_and_grants"]
        yield database


def _score(tool: str, evaluator: str, criterion: str, level: str, **more: str) -> NewEvent:
    payload = {"tool": tool, "evaluator": evaluator, "criterion": criterion, "level": level, **more}
    return NewEvent(SCORE_RECORDED, payload, "tester", PLAN)


def _count(database: pg.Database) -> int:
    with database.connect() as conn:
        row = conn.execute("SELECT count(*) FROM events").fetchone()
    return int(row[0]) if row else -1


# -- migrations and opening ---------------------------------------------------------------


def test_init_migrate_and_the_roles(db: pg.Database) -> None:
    assert migrate_store(db.url) == []  # current: nothing to apply
    assert init_store(db.url) == []  # made already: nothing more
    with db.connect() as conn:
        versions = [row[0] for row in conn.execute("SELECT version FROM schema_migrations ORDER BY 1")]
        roles = {row[0] for row in conn.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE %s", (f"{db.name}%",))}
    assert versions == [1, 2]
    assert roles == set(role_names(db.name).values())
    assert all(name.startswith(f"{db.name}_toolbench_") for name in roles)


def test_init_refuses_a_database_holding_other_tables() -> None:
    with pg.database() as database:
        with database.connect() as conn:
            conn.execute("CREATE TABLE invoices (id int)")
        with pytest.raises(LedgerError) as caught:
            init_store(database.url)
        assert caught.value.key == "store.not_toolbench"
        assert "invoices" in str(caught.value) and database.name in str(caught.value)


def test_a_database_without_the_schema_says_run_store_init() -> None:
    with pg.database() as database:
        for attempt in (lambda: PostgresLedger(database.url), lambda: migrate_store(database.url)):
            with pytest.raises(LedgerError) as caught:
                attempt()
            assert caught.value.key == "store.no_schema"
            assert f"toolbench store init {database.url}" in str(caught.value)
            assert f"127.0.0.1:5432/{database.name}" in str(caught.value)


def test_unreachable_server_wrong_login_and_missing_database() -> None:
    cases = {
        "store.unreachable": "postgresql://postgres:secret@127.0.0.1:1/x",
        "store.auth": pg.url_for("test", "toolbench_no_such_login"),
        "store.no_database": pg.url_for("toolbench_no_such_database"),
    }
    for key, url in cases.items():
        with pytest.raises(LedgerError) as caught:
            PostgresLedger(url)
        assert caught.value.key == key
        message = str(caught.value)
        assert "\n" not in message and "secret" not in message
        assert "\n" not in caught.value.message("ja")


def test_the_location_holds_no_password(db: pg.Database) -> None:
    url = pg.url_for(db.name, "postgres", "s3cret") + "?application_name=x&password=other"
    with PostgresLedger(url) as ledger:
        assert "s3cret" not in ledger.location and "other" not in ledger.location
        assert ledger.location.startswith("postgresql://postgres@127.0.0.1:5432/")


def test_open_ledger_picks_the_store(db: pg.Database, tmp_path: Path) -> None:
    with open_ledger(db.url) as server, open_ledger(tmp_path / "l.sqlite", create=True) as file:
        assert isinstance(server, PostgresLedger) and isinstance(file, SQLiteLedger)


def test_a_held_lock_gives_locked_and_read_only_refuses(db: pg.Database) -> None:
    with db.connect() as other, PostgresLedger(db.url, wait_seconds=0.3) as ledger:
        other.execute("BEGIN")
        other.execute("SELECT pg_advisory_xact_lock(%s)", (0x746F6F6C62656E63,))
        with pytest.raises(LedgerLocked):
            ledger.append_many([_score("x", "e1", "c1", "a")])
        other.execute("ROLLBACK")
        ledger.append_many([_score("x", "e1", "c1", "a")])
    with PostgresLedger(db.url, read_only=True) as reader:
        with pytest.raises(LedgerError):
            reader.append_many([_score("x", "e1", "c1", "b")])
        assert reader.verify().count == 1


# -- concurrency and crashes -----------------------------------------------------------------


def test_eight_processes_appending_500_each_lose_and_fork_nothing(db: pg.Database, tmp_path: Path) -> None:
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    writers, count = 8, 500
    procs = [
        subprocess.Popen(
            [sys.executable, str(WRITER), "concurrent", db.url, str(w), str(count), str(barrier)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(writers)
    ]
    try:
        deadline = time.monotonic() + 60
        while not all((barrier / f"ready-{w}").exists() for w in range(writers)):
            dead = [p for p in procs if p.poll() is not None]
            assert not dead, dead[0].communicate()[1]
            assert time.monotonic() < deadline, "writers never became ready"
            time.sleep(0.01)
        (barrier / "go").touch()
        outcomes = [p.communicate(timeout=300) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
    for p, (_, err) in zip(procs, outcomes, strict=True):
        assert p.returncode == 0, err
    spans = [tuple(map(float, out.split())) for out, _ in outcomes]
    assert max(start for start, _ in spans) < min(end for _, end in spans), spans  # they really competed

    with PostgresLedger(db.url) as ledger:
        events = list(ledger.events())
        verification = ledger.verify()
    assert [e.seq for e in events] == list(range(1, writers * count + 1))  # nothing lost, no gap
    assert len({e.prev_hash for e in events}) == len(events)  # no fork: no two events on one parent
    pairs = Counter((e.payload["writer"], e.payload["i"]) for e in events)
    assert set(pairs) == {(w, i) for w in range(writers) for i in range(count)} and max(pairs.values()) == 1
    for w in range(writers):
        assert [e.payload["i"] for e in events if e.payload["writer"] == w] == list(range(count))
    assert verification.ok and verification.count == writers * count


def _backend_in_transaction(database: pg.Database) -> int | None:
    with pg.admin() as conn:
        row = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND application_name = 'toolbench'"
            " AND xact_start IS NOT NULL",
            (database.name,),
        ).fetchone()
    return int(row[0]) if row else None


def _wait_gone(database: pg.Database, pid: int) -> None:
    deadline = time.monotonic() + 30
    with pg.admin() as conn:
        while conn.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone():
            assert time.monotonic() < deadline, "the killed session never ended"
            time.sleep(0.02)


def test_sigkill_mid_import_records_all_or_nothing(db: pg.Database) -> None:
    with PostgresLedger(db.url) as ledger:
        ledger.append_many([_score("before", "e", "c", "a")])
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), "bulk", db.url, "200000"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready", proc.stderr
        deadline = time.monotonic() + 60
        while (pid := _backend_in_transaction(db)) is None:
            assert proc.poll() is None, proc.communicate()[1]
            assert time.monotonic() < deadline
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        _wait_gone(db, pid)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert _count(db) == 1  # the killed append left nothing
    with PostgresLedger(db.url) as ledger:
        assert ledger.verify().ok
        ledger.append_many([_score("after", "e", "c", "a")])
        assert ledger.verify().count == 2


def test_a_session_terminated_mid_append_records_nothing(db: pg.Database) -> None:
    with PostgresLedger(db.url) as ledger:
        ledger.append_many([_score("x", "e1", "c1", "a")])
        backend = ledger._conn.info.backend_pid

        def decide(view: object) -> list[NewEvent]:
            with pg.admin() as conn:  # the server ends this writer's session while it holds the lock
                conn.execute("SELECT pg_terminate_backend(%s)", (backend,))
            return [_score("y", "e1", "c1", "a"), _score("z", "e1", "c1", "a")]

        with pytest.raises(LedgerError) as caught:
            ledger.append_viewed(decide)
        assert caught.value.key == "store.lost"
        assert _count(db) == 1
        ledger.append_many([_score("y", "e1", "c1", "b")])  # the next write opens a new session
        assert ledger.verify().count == 2


# -- roles: the database refuses ---------------------------------------------------------


def _evaluators(db: pg.Database) -> tuple[str, str]:
    e1, e2 = db.make_login("e1"), db.make_login("e2")
    grant_evaluator(db.url, e1, "e1")
    grant_evaluator(db.url, e2, "e2")
    return e1, e2


def test_an_evaluator_records_its_own_scores_only(db: pg.Database) -> None:
    e1, _ = _evaluators(db)
    with PostgresLedger(db.url_as("e1")) as mine:
        mine.append_many([_score("x", "e1", "c1", "a"), _score("y", "e1", "c1", "b")])
        for refused in (_score("x", "e2", "c1", "a"), NewEvent("plan.locked", {"parts": {}}, "e1", PLAN)):
            with pytest.raises(LedgerError) as caught:
                mine.append_many([_score("z", "e1", "c1", "a"), refused])
            assert caught.value.key == "store.permission"
            assert e1 in str(caught.value) and "evaluator e1" in str(caught.value)
        assert mine.verify().ok and mine.verify().count == 2  # nothing of a refused batch was kept
    with PostgresLedger(db.url) as secretariat:  # the owner (and the secretariat) record anything
        secretariat.append_many([NewEvent("plan.locked", {"parts": {}}, "s", PLAN), _score("x", "e2", "c1", "c")])
    # straight SQL as the evaluator's login: the database itself refuses another's score
    with db.connect("e1") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(
            "INSERT INTO events VALUES (99, 't', 'a', 'score.recorded', %s, 'p', 'q', 'h')",
            ('{"criterion":"c1","evaluator":"e2","level":"a","tool":"x"}',),
        )


def test_an_evaluator_cannot_move_the_bookkeeping_or_others_cells(db: pg.Database) -> None:
    _evaluators(db)
    with PostgresLedger(db.url) as ledger:
        ledger.append_many([_score("x", "e2", "c1", "a"), _score("x", "e1", "c1", "a")])
    with db.connect("e1") as conn:
        for statement in (
            "UPDATE meta SET value = '7' WHERE key = 'head_seq'",
            "UPDATE latest SET seq = 2 WHERE key = 'x\x1fe2\x1fc1'",
            "INSERT INTO latest VALUES ('score.recorded', 'q\x1fe2\x1fc1', 2)",
            "DELETE FROM latest",
            "INSERT INTO evaluator_roles VALUES ('someone', 'e2')",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
    with PostgresLedger(db.url) as ledger:
        assert ledger.verify().ok


@pytest.mark.parametrize("who", ["e1", "secretariat", "auditor", "owner"])
def test_nobody_updates_or_deletes_an_event(db: pg.Database, who: str) -> None:
    _evaluators(db)
    with PostgresLedger(db.url) as ledger:
        ledger.append_many([_score("x", "e1", "c1", "a")])
    login = None
    if who in ("secretariat", "auditor"):
        login = db.make_login(who)
        with pg.admin() as conn:
            conn.execute(f'GRANT "{role_names(db.name)[who]}" TO "{login}"')
    elif who == "e1":
        login = "e1"
    with db.connect(who if login else None) as conn:
        for statement in ("UPDATE events SET actor = 'x'", "DELETE FROM events", "TRUNCATE events"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
        if who == "auditor":
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("INSERT INTO events VALUES (2, 't', 'a', 'k', '{}', 'p', 'q', 'h')")
    if who == "auditor":
        with PostgresLedger(db.url_as("auditor")) as reader:
            assert reader.verify().ok
            with pytest.raises(LedgerError) as caught:
                reader.append_many([_score("x", "e1", "c1", "b")])
            assert caught.value.key == "store.permission" and "only read" in str(caught.value)
    assert _count(db) == 1


def test_a_superuser_edit_is_named_by_verify(db: pg.Database) -> None:
    with PostgresLedger(db.url) as ledger:
        ledger.append_many([_score(t, "e1", "c1", "a") for t in "vwxyz"])
    with db.connect() as conn:
        conn.execute("ALTER TABLE events DISABLE TRIGGER events_no_update")
        conn.execute("UPDATE events SET payload = replace(payload, '\"a\"', '\"d\"') WHERE seq = 3")
        conn.execute("ALTER TABLE events ENABLE TRIGGER events_no_update")
    with PostgresLedger(db.url) as ledger:
        result = ledger.verify()
        assert (result.ok, result.bad_seq, result.reason_key) == (False, 3, "audit.reason.hash")
        with pytest.raises(LedgerCorrupt) as caught:
            ledger.append_many([_score("x", "e1", "c1", "b", reason="r")])
        assert "event 3" in str(caught.value)
        with pytest.raises(LedgerCorrupt), ledger.reading():
            pass
    assert _count(db) == 5


# -- copies: every hash kept --------------------------------------------------------------


def test_sqlite_to_postgres_to_sqlite_keeps_every_hash(db: pg.Database, tmp_path: Path) -> None:
    first = SQLiteLedger(tmp_path / "a.sqlite", create=True)
    events = _random_events(3, 300)
    for start in range(0, len(events), 11):
        first.append_many(events[start : start + 11], now=NOW)
    head = first.head()
    assert head is not None
    first.append_many([NewEvent("finalized", {"ledger_head": {"seq": head.seq, "hash": head.hash}}, "t", PLAN)])
    with first, PostgresLedger(db.url) as server, SQLiteLedger(tmp_path / "b.sqlite", create=True) as back:
        assert copy_ledger(first, server) == head.seq + 1
        assert copy_ledger(server, back) == head.seq + 1
        original = list(first.stored_rows())
        assert list(server.stored_rows()) == original == list(back.stored_rows())
        assert server.verify().ok and back.verify().ok
        with pytest.raises(LedgerError) as caught:
            copy_ledger(first, server)
        assert caught.value.key == "store.not_empty" and server.location in str(caught.value)
        with server.reading() as view, back.reading() as reference:
            assert [e.seq for e in view.events()] == [e.seq for e in reference.events()]
        server.append_many([_score("x", "e1", "c1", "a")])  # a copy is a ledger like any other
        assert server.verify().ok


def test_a_broken_copy_stores_nothing(db: pg.Database, tmp_path: Path) -> None:
    with SQLiteLedger(tmp_path / "a.sqlite", create=True) as source, PostgresLedger(db.url) as server:
        source.append_many([_score(t, "e1", "c1", "a") for t in "xyz"])
        rows = list(source.stored_rows())
        rows[1] = rows[1]._replace(payload_text=rows[1].payload_text.replace('"a"', '"b"'))
        with pytest.raises(LedgerCorrupt) as caught:
            server.import_rows(rows)
        assert "event 2" in str(caught.value)
        assert server.head() is None and server.verify().ok


# -- the projection gives what the whole history gives ---------------------------------


def _random_events(seed: int, n: int) -> list[NewEvent]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        tool, who, crit = rnd.choice("xyz"), rnd.choice(["e1", "e2"]), rnd.choice(["c1", "c2"])
        kind = rnd.choice([SCORE_RECORDED] * 5 + [METRIC_RECORDED, SCORE_MODERATED, "coi.declared", "plan.locked"])
        if kind == SCORE_RECORDED:
            level: object = rnd.choice(["a", "b", 3, -7, 2.5, 1e20, True, None, {"n": 1}, [1], "日本"])
            payload = {"tool": tool, "evaluator": who, "criterion": crit, "level": level}
        elif kind == METRIC_RECORDED:
            payload = {"tool": tool, "criterion": crit, "value": str(rnd.randint(0, 9)), "source": "s"}
        elif kind == SCORE_MODERATED:
            payload = {"tool": tool, "criterion": crit, "level": rnd.choice("abcd"), "comment": "合議"}
        else:
            payload = {"evaluator": who, "note": "n"}
        out.append(NewEvent(kind, payload, "tester", PLAN))
    return out


@pytest.mark.parametrize("seed", range(3))
def test_projection_and_view_equal_the_history(db: pg.Database, seed: int) -> None:
    with PostgresLedger(db.url) as ledger:
        events = _random_events(seed, 150)
        for start in range(0, len(events), 7):
            ledger.append_many(events[start : start + 7], now=NOW)
        reference = EventsView(ledger.events())
        with ledger.reading() as view:
            assert not isinstance(view, EventsView)
            assert [e.seq for e in view.events()] == [e.seq for e in reference.events()]
            for kinds in ({SCORE_RECORDED}, {SCORE_MODERATED, "coi.declared"}, {"plan.locked"}, set(PROJECTED)):
                assert [e.seq for e in view.events(kinds)] == [e.seq for e in reference.events(kinds)]
                got = [e.seq for e in view.events(kinds, exclude={SCORE_MODERATED})]
                assert got == [e.seq for e in reference.events(kinds, exclude={SCORE_MODERATED})]
            assert [e.seq for e in view.events(exclude={"coi.declared"})] == [
                e.seq for e in reference.events(exclude={"coi.declared"})
            ]
            for kind, fields in PROJECTED.items():
                wanted = [*fields, "level", "value", "missing"]
                mine = sorted(view.current_fields(kind, wanted), key=lambda r: r[0])
                theirs = sorted(reference.current_fields(kind, wanted), key=lambda r: r[0])
                assert [(s, ts, a, repr(v)) for s, ts, a, v in mine] == [(s, ts, a, repr(v)) for s, ts, a, v in theirs]
            for tool in "xyz":
                for who in ("e1", "e2"):
                    for crit in ("c1", "c2"):
                        fields = {"tool": tool, "evaluator": who, "criterion": crit}
                        mine_e, theirs_e = view.latest(SCORE_RECORDED, fields), reference.latest(SCORE_RECORDED, fields)
                        assert (mine_e and mine_e.seq) == (theirs_e and theirs_e.seq)
            cells = [
                {"tool": t, "evaluator": w, "criterion": c} for t in "xyzq" for w in ("e1", "e2") for c in ("c1", "c2")
            ]
            many, reference_many = view.latest_many(SCORE_RECORDED, cells), reference.latest_many(SCORE_RECORDED, cells)
            assert {k: e.seq for k, e in many.items()} == {k: e.seq for k, e in reference_many.items()}
            assert len(many) == sum(1 for c in cells if reference.latest(SCORE_RECORDED, c) is not None)
            for before in (1, 40, 151):
                assert view.count(SCORED_KINDS, before) == reference.count(SCORED_KINDS, before)
            assert (view.head_seq, view.head_hash) == (reference.head_seq, reference.head_hash)
        assert ledger.verify().ok


def test_an_edited_projection_is_named_and_rebuilt(db: pg.Database) -> None:
    with PostgresLedger(db.url) as ledger:
        ledger.append_many([_score("x", "e1", "c1", "a"), _score("x", "e1", "c1", "b", reason="r")])
        with db.connect() as conn:
            conn.execute("UPDATE latest SET seq = 1")
        result = ledger.verify()
        assert (result.bad_seq, result.reason_key) == (2, "audit.reason.projection")
        ledger.rebuild_projection()
        assert ledger.verify().ok


def test_the_checkpoint_catches_a_rewrite_before_it(db: pg.Database) -> None:
    with PostgresLedger(db.url, checkpoint_every=10) as ledger:
        ledger.append_many([_score(f"t{i}", "e1", "c1", "a") for i in range(12)])
        assert ledger.check().ok and ledger._load_checkpoint() == (12, ledger.head().hash)  # type: ignore[union-attr]
        with db.connect() as conn:
            conn.execute("ALTER TABLE events DISABLE TRIGGER events_no_update")
            conn.execute("UPDATE events SET hash = repeat('0', 64) WHERE seq = 12")
        result = ledger.check()
        assert (result.bad_seq, result.reason_key) == (12, "audit.reason.checkpoint")


# -- a workspace over the server ---------------------------------------------------------


def test_a_workspace_over_postgres_evaluates_as_over_sqlite(demo: Workspace, db: pg.Database) -> None:
    with PostgresLedger(db.url) as server:
        copy_ledger(demo.ledger, server)
    workspace = Workspace(demo.root, demo.plan, PostgresLedger(db.url))
    try:
        assert workspace.evaluate().results == demo.evaluate().results
        tool, evaluator = demo.plan.tools[0].id, demo.plan.evaluators[0].id
        criterion = next(c.id for c in demo.plan.judged_criteria() if c.kind == "rating")
        scale = demo.plan.scale_of(demo.plan.criterion(criterion))  # type: ignore[arg-type]
        assert scale is not None
        for level in list(scale.ratios)[:2]:
            now = datetime.now(UTC)
            for each in (demo, workspace):
                each.record_scores(tool, evaluator, {criterion: level}, actor="t", reason="再評価", now=now)
        mine, theirs = workspace.evaluate(), demo.evaluate()
        assert mine.results == theirs.results and mine.ties == theirs.ties
        history = evaluate(workspace.plan, workspace.ledger.events())
        assert history.results == mine.results
        assert require_intact(workspace.ledger, full=True).ok
        assert translate("store.may.auditor", "ja")
    finally:
        workspace.close()
