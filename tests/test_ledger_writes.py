"""Issue 12: what the store itself refuses, and verification under concurrent writers.

Real SQLite files in tmp_path and real OS processes where concurrency or a kill is the
point; no mocks.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from toolbench import LedgerCorrupt, SQLiteLedger, Workspace
from toolbench.base.text import TextError

PLAN = "c" * 64


def raw(path: Path) -> sqlite3.Connection:
    """What an attacker uses: a plain connection with the append-only triggers dropped."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("DROP TRIGGER IF EXISTS events_no_update")
    db.execute("DROP TRIGGER IF EXISTS events_no_delete")
    return db


def count(path: Path) -> int:
    db = sqlite3.connect(path)
    try:
        return int(db.execute("SELECT count(*) FROM events").fetchone()[0])
    finally:
        db.close()


# --- 1. no false alarm while another process writes ------------------------------------------

_WRITER = """
import sys, time
from pathlib import Path
from toolbench.store.ledger import SQLiteLedger
ledger, stop = SQLiteLedger(sys.argv[1], wait_seconds=30), Path(sys.argv[2])
n = 0
while n < 2000 and not stop.exists():
    ledger.append("test.soak", {"i": n}, actor="writer", plan_hash="c" * 64)
    n += 1
print(n)
"""

_VERIFIER = """
import sys
from pathlib import Path
from toolbench.store.ledger import SQLiteLedger
path, stop, rounds = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
bad, seen = 0, set()
for _ in range(rounds):
    ledger = SQLiteLedger(path)  # a fresh connection each time, as `toolbench audit verify` opens one
    result = ledger.verify()
    ledger.close()
    seen.add(result.count)
    if not result.ok:
        bad += 1
        print("FALSE ALARM", result.bad_seq, result.reason_key, dict(result.reason_params), file=sys.stderr)
stop.touch()
print(bad, len(seen))
"""


def test_verify_never_cries_tamper_while_another_process_writes(tmp_path: Path) -> None:
    """A writer process appends in a loop while a verifier process verifies 200 times.

    Reading the events and the bookkeeping in two autocommit SELECTs let a commit land
    between them, which looked like "events at the end were removed" (about 1 in 100
    verifications here); one read transaction sees one consistent snapshot: 0 alarms.
    """
    path = tmp_path / "ledger.sqlite"
    SQLiteLedger(path, create=True).close()
    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path), str(stop)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 30
        while count(path) < 5:  # the writer is appending
            assert writer.poll() is None, writer.communicate()[1]
            assert time.monotonic() < deadline
            time.sleep(0.005)
        verifier = subprocess.run(
            [sys.executable, "-c", _VERIFIER, str(path), str(stop), "200"], capture_output=True, text=True, timeout=120
        )
        written, err = writer.communicate(timeout=60)
    finally:
        stop.touch()
        if writer.poll() is None:
            writer.kill()
            writer.wait()
    assert writer.returncode == 0, err
    assert verifier.returncode == 0, verifier.stderr
    alarms, heads = map(int, verifier.stdout.split())
    assert alarms == 0, verifier.stderr
    assert heads > 10, "the verifier did not run while the writer appended"  # they really overlapped
    with SQLiteLedger(path) as ledger:
        final = ledger.verify()
    assert final.ok and final.count == int(written) + 0


# --- 2. a broken chain accepts no write ---------------------------------------------------------


def _edit_event(path: Path, seq: int) -> None:
    db = raw(path)
    try:
        (text,) = db.execute("SELECT payload FROM events WHERE seq = ?", (seq,)).fetchone()
        payload = json.loads(text)
        payload["forged"] = True
        forged = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        assert db.execute("UPDATE events SET payload = ? WHERE seq = ?", (forged, seq)).rowcount == 1
    finally:
        db.close()


@pytest.fixture()
def edited(demo: Workspace) -> tuple[Path, Path]:
    """The demo workspace with event 40 edited behind toolbench's back (closed)."""
    root, path = demo.root, Path(demo.ledger.location)
    demo.close()
    _edit_event(path, 40)
    return root, path


_ALL_FIVE = ",".join(
    f"{c}=5"
    for c in ("accuracy", "handwriting", "form-definition", "security-certification", "support", "ease-of-use", "price")
)
WRITES = [
    ("score", "kamiscan", "-e", "aoki", "accuracy=2", "--reason", "re-read"),
    ("hearing", "add", "--respondent", "new-1", "--dept", "tax", "--group", "staff", "--ratings", _ALL_FIVE),
    ("lock", "--reason", "after the edit"),
]


@pytest.mark.parametrize("args", WRITES, ids=lambda a: a[0])
def test_a_broken_chain_refuses_every_write(edited: tuple[Path, Path], run: Callable[..., Result], args) -> None:
    root, path = edited
    before = count(path)
    result = run("--lang", "en", "-C", str(root), *args)
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "event 40" in lines[0], result.stderr
    assert "Traceback" not in result.output
    assert count(path) == before


def test_the_store_refuses_and_names_the_event_in_japanese(
    edited: tuple[Path, Path], run: Callable[..., Result]
) -> None:
    root, path = edited
    result = run("--lang", "ja", "-C", str(root), "score", "kamiscan", "-e", "aoki", "accuracy=2", "--reason", "r")
    assert result.exit_code == 1
    assert "記録しませんでした" in result.stderr and "イベント 40" in result.stderr


def test_a_truncated_chain_refuses_a_write_in_the_library(tmp_path: Path) -> None:
    """Removing the last event leaves a linked chain; the store still refuses to extend it."""
    path = tmp_path / "ledger.sqlite"
    with SQLiteLedger(path, create=True) as ledger:
        for i in range(3):
            ledger.append("test.note", {"i": i}, actor="a", plan_hash=PLAN)
    db = raw(path)
    db.execute("DELETE FROM events WHERE seq = 3")
    db.close()
    with SQLiteLedger(path) as ledger, pytest.raises(LedgerCorrupt) as caught:
        ledger.append("test.note", {"i": 9}, actor="a", plan_hash=PLAN)
    assert caught.value.key == "ledger.write_refused" and caught.value.params["seq"] == 3
    assert count(path) == 2


# --- 3. free text at the door ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("score", "kamiscan", "-e", "aoki", "accuracy=2", "--reason", "a\x0bb"), "reason"),
        (("score", "kamiscan", "-e", "aoki", "accuracy=2", "--reason", "ok", "--actor", "x\x1b[2J"), "actor"),
        (("score", "kamiscan", "-e", "aoki", "accuracy=2", "--reason", "abc\u202edef"), "reason"),
        (("moderate", "formeye", "accuracy", "4", "--comment", "c" * 40_000), "comment"),
        (("finalize", "--note", "approved\x07"), "note"),
    ],
    ids=["vertical-tab", "esc-actor", "bidi", "long-comment", "bell-note"],
)
def test_free_text_the_record_does_not_accept_is_refused(
    demo: Workspace, run: Callable[..., Result], args: tuple[str, ...], field: str
) -> None:
    root, path = demo.root, Path(demo.ledger.location)
    demo.close()
    before = count(path)
    result = run("--lang", "en", "-C", str(root), *args)
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"toolbench: {field}: "), result.stderr
    assert "\x1b" not in result.stderr and "\x0b" not in result.stderr
    assert count(path) == before


def test_nested_payload_text_is_checked_and_nothing_of_the_batch_is_written(tmp_path: Path) -> None:
    from toolbench import NewEvent

    path = tmp_path / "ledger.sqlite"
    with SQLiteLedger(path, create=True) as ledger:
        good = NewEvent("test.note", {"note": "fine\ttab\nnewline"}, "a", PLAN)
        bad = NewEvent("test.note", {"answers": [{"x": 1}, {"note": "esc\x1b"}]}, "a", PLAN)
        with pytest.raises(TextError) as caught:
            ledger.append_many([good, bad])
        assert caught.value.params["field"] == "note"
        assert list(ledger.events()) == []
        ledger.append_many([good])  # tab and newline are ordinary text
    assert count(path) == 1


# --- 5. a killed `archive` leaves nothing behind for good -----------------------------------------


def _temps(folder: Path, name: str) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(f".{name}.") and p.name.endswith(".tmp")]


def test_the_next_archive_removes_what_a_killed_one_left(demo: Workspace, tmp_path: Path, run) -> None:
    """SIGKILL a real `toolbench archive` while its temporary folder exists; the next run removes it."""
    root = demo.root
    demo.close()
    out_parent = tmp_path / "evidence"
    out_parent.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "toolbench", "-C", str(root), "archive", str(out_parent / "out")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    try:
        while proc.poll() is None and not _temps(out_parent, "out") and time.monotonic() < deadline:
            time.sleep(0.0005)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGSTOP)  # hold it mid-write, then kill it there
            os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    left = _temps(out_parent, "out")
    if not left or (out_parent / "out").exists():
        # the kill did not land mid-write (the run finished first): leave the folder such a kill leaves
        if (out_parent / "out").exists():
            import shutil

            shutil.rmtree(out_parent / "out")
        dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
        stale = out_parent / f".out.{dead.stdout.strip()}-abcd1234.tmp"
        (stale / "reports").mkdir(parents=True)
        (stale / "reports" / "matrix.txt").write_text("half", encoding="utf-8")
        left = [stale]
    assert left and all(p.is_dir() for p in left)
    # a folder of a run still going (a live process) is not touched
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        running = out_parent / f".out.{alive.pid}-zzzz9999.tmp"
        running.mkdir()
        result = run("--lang", "en", "-C", str(root), "archive", str(out_parent / "out"))
        assert result.exit_code == 0, result.output
        assert all(not p.exists() for p in left)
        assert running.is_dir()
        assert "left by an `archive` run that was killed" in result.stderr
        assert run("archive", "verify", str(out_parent / "out")).exit_code == 0
    finally:
        alive.kill()
        alive.wait()
