"""A ledger writer run as a separate OS process by tests/test_ledger.py.

    python ledger_writer.py concurrent LEDGER WRITER COUNT BARRIER_DIR
        Open the (existing) ledger, report ready by creating BARRIER_DIR/ready-WRITER,
        wait until BARRIER_DIR/go exists, then append COUNT events, one transaction
        each, with payload {"writer": WRITER, "i": i}; then print "START END", the
        wall-clock times (time.time()) when it began and finished appending.

    python ledger_writer.py crash LEDGER
        Append events forever; after each append returns, print "SEQ I HASH" and flush,
        so the parent knows exactly which appends the ledger acknowledged.

Any exception is printed to stderr and the exit code is 2.
"""

from __future__ import annotations

import sys
import time
import traceback
from pathlib import Path

from toolbench.store.ledger import SQLiteLedger

PLAN_HASH = "c" * 64


def concurrent(path: str, writer: int, count: int, barrier: Path) -> None:
    # This test is about losing nothing, not about lock timing: a writer may wait
    # behind the others for as long as the slowest disk needs.
    ledger = SQLiteLedger(path, wait_seconds=60)
    try:
        (barrier / f"ready-{writer}").touch()
        deadline = time.monotonic() + 60
        while not (barrier / "go").exists():
            if time.monotonic() > deadline:
                raise TimeoutError("the parent never said go")
            time.sleep(0.001)
        started = time.time()
        for i in range(count):
            ledger.append("test.concurrent", {"writer": writer, "i": i}, actor=f"writer-{writer}", plan_hash=PLAN_HASH)
        print(f"{started} {time.time()}", flush=True)
    finally:
        ledger.close()


def crash(path: str) -> None:
    ledger = SQLiteLedger(path)
    i = 0
    while True:
        event = ledger.append("test.crash", {"i": i, "note": f"append {i}"}, actor="crasher", plan_hash=PLAN_HASH)
        sys.stdout.write(f"{event.seq} {i} {event.hash}\n")
        sys.stdout.flush()
        i += 1


def main(argv: list[str]) -> int:
    try:
        if argv[0] == "concurrent":
            concurrent(argv[1], int(argv[2]), int(argv[3]), Path(argv[4]))
        elif argv[0] == "crash":
            crash(argv[1])
        else:
            raise SystemExit(f"unknown mode {argv[0]!r}")
    except Exception:
        traceback.print_exc()
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
