"""The ledger against real SQLite files, real OS processes and a real attacker.

Nothing here is mocked: every ledger is a file under tmp_path, concurrency and crashes
use separate Python processes (tests/ledger_writer.py), and tampering is done the way
someone with write access to the folder would do it: with the sqlite3 module after
dropping the append-only triggers, or by editing the file's bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

from toolbench import LedgerCorrupt, LedgerLocked, NewEvent, SQLiteLedger, Workspace
from toolbench.base.text import text_problem
from toolbench.store.ledger import GENESIS_HASH, HeadMoved, canonical_bytes

WRITER = Path(__file__).with_name("ledger_writer.py")
PLAN = "a" * 64


# -- helpers -------------------------------------------------------------------------


def audit_verify(run: Callable[..., Result], root: Path) -> Result:
    return run("--lang", "en", "-C", str(root), "audit", "verify")


def expected_hash(seq, ts, actor, kind, plan_hash, prev_hash, payload) -> tuple[bytes, str]:
    """The event hash, recomputed from the documented format without toolbench's code."""
    record = [1, seq, ts, actor, kind, plan_hash, prev_hash, payload]
    data = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return data, hashlib.sha256(data).hexdigest()


def raw(path: Path) -> sqlite3.Connection:
    """What an attacker uses: a plain connection with the append-only triggers dropped."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("DROP TRIGGER events_no_update")
    db.execute("DROP TRIGGER events_no_delete")
    return db


MARKER = "TAMPER-MARKER-3f9c"


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, Path]:
    """A real workspace whose ledger holds six events; event 3 carries MARKER. Closed."""
    root = tmp_path / "ws"
    ws = Workspace.init(root)
    try:
        for n in range(1, 7):
            payload = {"n": n, "tool": "kamiscan", "level": str(n % 5 + 1), "note": f"評価メモ {n}"}
            if n == 3:
                payload["note"] = MARKER
            event = ws.ledger.append("test.note", payload, actor="aoki", plan_hash=PLAN)
            assert event.seq == n
    finally:
        ws.close()
    return root, root / ".toolbench" / "ledger.sqlite"


def assert_detected(run: Callable[..., Result], root: Path, path: Path, bad_seq: int, reason_key: str) -> None:
    with SQLiteLedger(path) as ledger:
        result = ledger.verify()
    assert not result.ok
    assert (result.bad_seq, result.reason_key) == (bad_seq, reason_key)
    cli_result = audit_verify(run, root)
    assert cli_result.exit_code == 1, cli_result.output
    assert f"ledger verification FAILED at event {bad_seq}:" in cli_result.stderr


# -- 1. concurrency ------------------------------------------------------------------


def test_four_processes_appending_at_once_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    """4 OS processes x 200 appends at the same moment give exactly seq 1..800, every
    (writer, i) once, and a chain that verifies: appends are atomic and serial."""
    path = tmp_path / "ledger.sqlite"
    SQLiteLedger(path, create=True).close()  # created first: see test_concurrent_first_open
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    writers, count = 4, 200
    procs = [
        subprocess.Popen(
            [sys.executable, str(WRITER), "concurrent", str(path), str(w), str(count), str(barrier)],
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
        outcomes = [p.communicate(timeout=60) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
    for p, (_, err) in zip(procs, outcomes, strict=True):
        assert p.returncode == 0, err
    spans = [tuple(map(float, out.split())) for out, _ in outcomes]
    # The writers really competed: every one started appending before any one finished.
    assert max(start for start, _ in spans) < min(end for _, end in spans), spans

    with SQLiteLedger(path) as ledger:
        events = list(ledger.events())
        verification = ledger.verify()
        head = ledger.head()
    assert [e.seq for e in events] == list(range(1, writers * count + 1))
    pairs = Counter((e.payload["writer"], e.payload["i"]) for e in events)
    assert set(pairs) == {(w, i) for w in range(writers) for i in range(count)}
    assert max(pairs.values()) == 1
    assert all(e.actor == f"writer-{e.payload['writer']}" for e in events)
    # Each writer's own events are in its own order.
    for w in range(writers):
        assert [e.payload["i"] for e in events if e.payload["writer"] == w] == list(range(count))
    assert verification.ok and verification.count == writers * count
    assert head is not None and head.seq == writers * count and verification.head_hash == head.hash


# -- 2. crash ------------------------------------------------------------------------


def test_sigkill_mid_loop_keeps_every_acknowledged_append(tmp_path: Path) -> None:
    """A writer killed with SIGKILL while appending leaves a ledger that opens, verifies,
    and holds every event whose append had returned, with the payload it was given."""
    path = tmp_path / "ledger.sqlite"
    SQLiteLedger(path, create=True).close()
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), "crash", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    reported: list[str] = []
    try:
        assert proc.stdout is not None
        while len(reported) < 50:
            line = proc.stdout.readline()
            assert line, f"writer stopped early: {proc.communicate(timeout=10)[1]}"
            reported.append(line)
        assert proc.poll() is None, "the writer must still be appending when it is killed"
        os.kill(proc.pid, signal.SIGKILL)
        rest, _ = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    reported += [line for line in rest.splitlines(keepends=True) if line.endswith("\n")]
    acknowledged = {}
    for line in reported:
        seq, i, digest = line.split()
        acknowledged[int(seq)] = (int(i), digest)
    assert len(acknowledged) >= 50

    with SQLiteLedger(path) as ledger:
        verification = ledger.verify()
        stored = {e.seq: e for e in ledger.events()}
    assert verification.ok, verification
    assert verification.count == len(stored) >= max(acknowledged)
    for seq, (i, digest) in acknowledged.items():
        event = stored[seq]
        assert event.payload == {"i": i, "note": f"append {i}"}
        assert event.hash == digest


# -- 3. tampering --------------------------------------------------------------------


def test_untouched_workspace_ledger_verifies(workspace: tuple[Path, Path], run: Callable[..., Result]) -> None:
    """Baseline for the tamper tests: the same ledger, untouched, passes verify() and
    `toolbench audit verify` exits 0 reporting all six events."""
    root, path = workspace
    with SQLiteLedger(path) as ledger:
        result = ledger.verify()
    assert result.ok and result.count == 6
    cli_result = audit_verify(run, root)
    assert cli_result.exit_code == 0, cli_result.output
    assert "ledger verified: 6 event(s), chain intact" in cli_result.stdout


def test_tamper_one_byte_in_the_file_is_detected(workspace: tuple[Path, Path], run: Callable[..., Result]) -> None:
    """Flipping one character of event 3's payload in the database file's bytes (no SQL
    at all) is reported as event 3 edited."""
    root, path = workspace
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0, "closing must have checkpointed the WAL"
    data = path.read_bytes()
    marker = MARKER.encode()
    assert data.count(marker) == 1
    at = data.index(marker) + len(marker) - 1
    flipped = data[:at] + (b"d" if data[at : at + 1] != b"d" else b"e") + data[at + 1 :]
    assert len(flipped) == len(data) and flipped != data
    path.write_bytes(flipped)
    with SQLiteLedger(path) as ledger:  # still a readable database: only the chain knows
        assert ledger.head().seq == 6
        assert next(ledger.events(after=2)).payload["note"] == MARKER[:-1] + "d"
    assert_detected(run, root, path, 3, "audit.reason.hash")


def test_tamper_delete_a_middle_row_is_detected(workspace: tuple[Path, Path], run: Callable[..., Result]) -> None:
    """Deleting event 3 of 6 is reported at event 4, as a jump from 2 to 4."""
    root, path = workspace
    db = raw(path)
    try:
        assert db.execute("DELETE FROM events WHERE seq = 3").rowcount == 1
    finally:
        db.close()
    assert_detected(run, root, path, 4, "audit.reason.gap")
    with SQLiteLedger(path) as ledger:
        assert dict(ledger.verify().reason_params) == {"prev": 2, "seq": 4}


def test_tamper_swap_two_rows_is_detected(workspace: tuple[Path, Path], run: Callable[..., Result]) -> None:
    """Swapping everything but the sequence number between events 2 and 5 (reordering
    history) is reported at event 2, the first one out of place."""
    root, path = workspace
    columns = "ts, actor, kind, payload, plan_hash, prev_hash, hash"
    db = raw(path)
    try:
        two = db.execute(f"SELECT {columns} FROM events WHERE seq = 2").fetchone()
        five = db.execute(f"SELECT {columns} FROM events WHERE seq = 5").fetchone()
        assignments = ", ".join(f"{c.strip()} = ?" for c in columns.split(","))
        db.execute("BEGIN")
        db.execute("UPDATE events SET hash = 'swapping' WHERE seq = 2")  # hash is UNIQUE
        db.execute(f"UPDATE events SET {assignments} WHERE seq = 5", two)
        db.execute(f"UPDATE events SET {assignments} WHERE seq = 2", five)
        db.execute("COMMIT")
        assert db.execute(f"SELECT {columns} FROM events WHERE seq = 2").fetchone() == five
    finally:
        db.close()
    assert_detected(run, root, path, 2, "audit.reason.hash")


def test_tamper_delete_the_last_row_is_detected(workspace: tuple[Path, Path], run: Callable[..., Result]) -> None:
    """Deleting the newest event leaves a perfectly linked chain; the head count stored
    alongside it still names event 6 as missing."""
    root, path = workspace
    db = raw(path)
    try:
        assert db.execute("DELETE FROM events WHERE seq = 6").rowcount == 1
    finally:
        db.close()
    assert_detected(run, root, path, 6, "audit.reason.head")
    with SQLiteLedger(path) as ledger:
        assert dict(ledger.verify().reason_params) == {"expected": 6, "actual": 5}


def test_tamper_edit_a_payload_via_sql_is_detected(workspace: tuple[Path, Path], run: Callable[..., Result]) -> None:
    """Rewriting event 4's score from one level to another (valid, canonical JSON) is
    reported as event 4 edited."""
    root, path = workspace
    db = raw(path)
    try:
        (text,) = db.execute("SELECT payload FROM events WHERE seq = 4").fetchone()
        payload = json.loads(text)
        payload["level"] = "1" if payload["level"] != "1" else "5"
        forged = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        assert forged != text
        assert db.execute("UPDATE events SET payload = ? WHERE seq = 4", (forged,)).rowcount == 1
    finally:
        db.close()
    assert_detected(run, root, path, 4, "audit.reason.hash")


def test_tamper_edit_with_a_recomputed_hash_is_detected(
    workspace: tuple[Path, Path], run: Callable[..., Result]
) -> None:
    """An attacker who knows the format edits event 4 and recomputes its hash: event 4
    now checks out on its own, but event 5 no longer follows it."""
    root, path = workspace
    db = raw(path)
    try:
        row = db.execute(
            "SELECT seq, ts, actor, kind, payload, plan_hash, prev_hash FROM events WHERE seq = 4"
        ).fetchone()
        seq, ts, actor, kind, text, plan_hash, prev_hash = row
        payload = json.loads(text)
        payload["level"] = "1" if payload["level"] != "1" else "5"
        forged = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        _, digest = expected_hash(seq, ts, actor, kind, plan_hash, prev_hash, payload)
        db.execute("UPDATE events SET payload = ?, hash = ? WHERE seq = 4", (forged, digest))
    finally:
        db.close()
    assert_detected(run, root, path, 5, "audit.reason.link")


def test_the_triggers_refuse_updates_and_deletes(workspace: tuple[Path, Path]) -> None:
    """Without dropping the triggers, ordinary SQL cannot edit or delete an event."""
    _, path = workspace
    db = sqlite3.connect(path, isolation_level=None)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute("UPDATE events SET payload = '{}' WHERE seq = 2")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute("DELETE FROM events WHERE seq = 6")
        assert db.execute("SELECT count(*) FROM events").fetchone() == (6,)
    finally:
        db.close()


# -- 4. locked -----------------------------------------------------------------------


def test_append_while_another_connection_holds_the_lock(tmp_path: Path) -> None:
    """With BEGIN EXCLUSIVE held elsewhere, append waits about wait_seconds, raises
    LedgerLocked naming the file, and stores nothing; once released, appends work."""
    path = tmp_path / "ledger.sqlite"
    with SQLiteLedger(path, create=True) as ledger:
        ledger.append("test.note", {"n": 1}, actor="aoki", plan_hash=PLAN)
    holder = sqlite3.connect(path, isolation_level=None)
    ledger = SQLiteLedger(path, wait_seconds=0.3)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        started = time.monotonic()
        with pytest.raises(LedgerLocked) as caught:
            ledger.append("test.note", {"n": 2}, actor="aoki", plan_hash=PLAN)
        waited = time.monotonic() - started
        holder.execute("ROLLBACK")
        message = caught.value.message("en")
        assert str(path) in message
        assert "locked" in message and "0.3 s" in message
        assert 0.25 <= waited < 3, waited
        assert [e.payload for e in ledger.events()] == [{"n": 1}]
        assert ledger.verify().ok and ledger.verify().count == 1
        assert ledger.append("test.note", {"n": 2}, actor="aoki", plan_hash=PLAN).seq == 2
    finally:
        holder.close()
        ledger.close()


# -- 5. not a ledger -----------------------------------------------------------------


def _text_file(path: Path) -> None:
    path.write_text("these are meeting notes, not a ledger\n" * 20, encoding="utf-8")


def _empty_file(path: Path) -> None:
    path.write_bytes(b"")


def _foreign_sqlite(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    db.execute("INSERT INTO notes (body) VALUES ('hello')")
    db.commit()
    db.close()


def _truncated_ledger(path: Path) -> None:
    with SQLiteLedger(path, create=True) as ledger:
        ledger.append_many([NewEvent("test.note", {"n": n, "text": "x" * 200}, "aoki", PLAN) for n in range(300)])
    assert not path.with_name(path.name + "-wal").exists()
    data = path.read_bytes()
    assert len(data) > 16 * 4096
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize("create", [False, True], ids=["open", "open-or-create"])
@pytest.mark.parametrize(
    "make, unchanged",
    [(_text_file, True), (_empty_file, True), (_foreign_sqlite, False), (_truncated_ledger, False)],
    ids=["text", "empty", "foreign-sqlite", "truncated"],
)
def test_not_a_ledger_raises_ledger_corrupt_naming_the_file(tmp_path: Path, make, unchanged, create) -> None:
    """A text file, an empty file, an SQLite file without toolbench tables and a ledger
    cut to half its size are each refused with LedgerCorrupt naming the file, even when
    allowed to create; the text and empty files are left exactly as they were."""
    path = tmp_path / "ledger.sqlite"
    make(path)
    before = path.read_bytes()
    listing = sorted(os.listdir(tmp_path))
    with pytest.raises(LedgerCorrupt) as caught:
        ledger = SQLiteLedger(path, create=create)
        try:
            list(ledger.events())
            ledger.verify()
        finally:
            ledger.close()
    message = caught.value.message("en")
    assert str(path) in message and "not a readable toolbench ledger" in message
    if unchanged:
        assert path.read_bytes() == before
        assert sorted(os.listdir(tmp_path)) == listing


def test_truncated_workspace_ledger_through_the_cli(workspace: tuple[Path, Path], run: Callable[..., Result]) -> None:
    """`toolbench audit verify` on a workspace whose ledger was cut short exits 1 with a
    one-line message naming the ledger file."""
    root, path = workspace
    with SQLiteLedger(path) as ledger:
        ledger.append_many([NewEvent("test.note", {"n": n, "text": "y" * 200}, "aoki", PLAN) for n in range(300)])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    result = audit_verify(run, root)
    assert result.exit_code == 1, result.output
    assert "ledger.sqlite: not a readable toolbench ledger" in result.stderr


def test_opening_a_foreign_sqlite_file_leaves_it_untouched(tmp_path: Path) -> None:
    """Pointing toolbench at someone else's SQLite database refuses it without changing
    a byte of it (here: its journal mode)."""
    path = tmp_path / "other.db"
    _foreign_sqlite(path)
    before = path.read_bytes()
    with pytest.raises(LedgerCorrupt):
        SQLiteLedger(path, create=True)
    assert path.read_bytes() == before


# -- 6. the hash chain ---------------------------------------------------------------


def test_hash_chain_matches_the_documented_format(tmp_path: Path) -> None:
    """Genesis prev_hash is 64 zeros, each prev_hash is the previous hash, and each hash
    is SHA-256 of the documented canonical JSON, recomputed here with hashlib/json;
    the stored row is byte-for-byte that JSON's payload, and times are UTC with Z."""
    path = tmp_path / "ledger.sqlite"
    jst = timezone(timedelta(hours=9))
    start = datetime(2026, 4, 1, 18, 30, 0, 123456, tzinfo=jst)
    with SQLiteLedger(path, create=True) as ledger:
        returned = [
            ledger.append(
                "score.recorded", {"tool": "kamiscan", "level": "4"}, actor="aoki", plan_hash=PLAN, now=start
            ),
            ledger.append(
                "test.note",
                {"note": "評価は公平に", "z": [1, None, True]},
                actor="青木",
                plan_hash=PLAN,
                now=start + timedelta(minutes=1),
            ),
        ]
        returned += ledger.append_many(
            [NewEvent("test.note", {"b": 2, "a": 1}, "aoki", "b" * 64), NewEvent("test.note", {}, "aoki", PLAN)],
            now=start + timedelta(minutes=2),
        )
        stored = list(ledger.events())
        assert ledger.verify().ok
    assert stored == returned
    assert [e.seq for e in stored] == [1, 2, 3, 4]
    assert stored[0].ts == "2026-04-01T09:30:00.123456Z"
    assert stored[2].ts == stored[3].ts == "2026-04-01T09:32:00.123456Z"
    assert stored[0].prev_hash == "0" * 64 == GENESIS_HASH
    previous = "0" * 64
    db = sqlite3.connect(path)
    try:
        for event in stored:
            assert event.prev_hash == previous
            data, digest = expected_hash(
                event.seq, event.ts, event.actor, event.kind, event.plan_hash, event.prev_hash, event.payload
            )
            assert (
                canonical_bytes(
                    event.seq, event.ts, event.actor, event.kind, event.payload, event.plan_hash, event.prev_hash
                )
                == data
            )
            assert event.hash == digest
            (payload_text,) = db.execute("SELECT payload FROM events WHERE seq = ?", (event.seq,)).fetchone()
            assert payload_text == json.dumps(event.payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
            previous = event.hash
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    finally:
        db.close()
    assert '"note":"評価は公平に"' in json.dumps(stored[1].payload, ensure_ascii=False, separators=(",", ":"))
    assert meta["head_seq"] == "4" and meta["head_hash"] == stored[-1].hash


def test_append_many_is_all_or_none(tmp_path: Path) -> None:
    """A batch whose second event cannot be serialised, or whose expected head has moved,
    stores none of its events and leaves the chain valid."""
    path = tmp_path / "ledger.sqlite"
    with SQLiteLedger(path, create=True) as ledger:
        ledger.append("test.note", {"n": 1}, actor="aoki", plan_hash=PLAN)
        with pytest.raises((TypeError, ValueError)):
            ledger.append_many(
                [
                    NewEvent("test.note", {"n": 2}, "aoki", PLAN),
                    NewEvent("test.note", {"n": float("nan")}, "aoki", PLAN),
                ]
            )
        with pytest.raises(HeadMoved):
            ledger.append_many([NewEvent("test.note", {"n": 2}, "aoki", PLAN)], expect_head=0)
        assert [e.payload for e in ledger.events()] == [{"n": 1}]
        assert ledger.append_many([NewEvent("test.note", {"n": 2}, "aoki", PLAN)], expect_head=1)[0].seq == 2
        assert ledger.verify().ok and ledger.verify().count == 2


# -- concurrent creation -------------------------------------------------------------


def test_concurrent_first_open(tmp_path: Path) -> None:
    """Four connections opening a ledger that does not exist yet (create=True) at the same
    moment all succeed and append; repeated 10 times with fresh files."""
    errors: list[str] = []
    for trial in range(10):
        path = tmp_path / f"ledger-{trial}.sqlite"
        barrier = threading.Barrier(4)

        def open_and_append(who: int, path: Path, barrier: threading.Barrier, trial: int) -> None:
            barrier.wait()
            try:
                with SQLiteLedger(path, create=True, wait_seconds=2) as ledger:
                    ledger.append("test.note", {"who": who}, actor="aoki", plan_hash=PLAN)
            except Exception as error:  # noqa: BLE001 - collected and asserted below
                errors.append(f"trial {trial}: {type(error).__name__}: {error}")

        threads = [threading.Thread(target=open_and_append, args=(w, path, barrier, trial)) for w in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        with SQLiteLedger(path) as ledger:
            assert sorted(e.payload["who"] for e in ledger.events()) == [0, 1, 2, 3]
            assert ledger.verify().ok
        assert not list(tmp_path.glob(f".{path.name}.*")), "a temporary creation file was left behind"
    assert errors == []


# -- 7. round trip property ----------------------------------------------------------

japanese = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x3041, max_codepoint=0x30FF),  # kana
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # kanji
        st.sampled_from("ー、。「」 "),
    ),
    max_size=12,
)
# free text the record accepts (toolbench.base.text): no control or bidi characters
texts = st.one_of(st.text(max_size=12).filter(lambda t: text_problem(t) is None), japanese)
values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), texts),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(texts, inner, max_size=3)),
    max_leaves=12,
)
payloads = st.dictionaries(texts, values, max_size=5)
new_events = st.lists(
    st.tuples(st.one_of(st.sampled_from(["score.recorded", "test.note"]), texts), texts, payloads),
    min_size=1,
    max_size=6,
)


def _exact(value) -> str:
    """Comparison that tells True from 1 and lists from dicts."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


@settings(max_examples=30, deadline=None, database=None)
@given(batch=new_events, together=st.booleans())
def test_round_trip_property(batch, together: bool) -> None:
    """Any JSON-like payloads (text, ints, bools, None, nested lists/objects, Japanese),
    kinds and actors come back unchanged after append, and the chain verifies."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ledger.sqlite"
        with SQLiteLedger(path, create=True) as ledger:
            if together:
                ledger.append_many([NewEvent(k, p, a, PLAN) for k, a, p in batch])
            else:
                for kind, actor, payload in batch:
                    ledger.append(kind, payload, actor=actor, plan_hash=PLAN)
        with SQLiteLedger(path) as ledger:  # read back through a fresh connection
            stored = list(ledger.events())
            verification = ledger.verify()
    assert [(e.kind, e.actor, _exact(e.payload)) for e in stored] == [(k, a, _exact(p)) for k, a, p in batch]
    assert [e.payload for e in stored] == [p for _, _, p in batch]
    assert verification.ok and verification.count == len(batch)
