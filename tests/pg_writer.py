"""A PostgreSQL ledger writer run as a separate OS process by tests/test_postgres_store.py.

    python pg_writer.py concurrent URL WRITER COUNT BARRIER_DIR
        Open the store, report ready by creating BARRIER_DIR/ready-WRITER, wait until
        BARRIER_DIR/go exists, then append COUNT events, one transaction each, with
        payload {"writer": WRITER, "i": i}; then print "START END" (time.time()).

    python pg_writer.py bulk URL COUNT
        Open the store, print "ready", then append COUNT events in one append_many (one
        transaction), then print "done". The test kills it before it is done.

Any exception is printed to stderr and the exit code is 2.
"""

from __future__ import annotations

import sys
import time
import traceback
from pathlib import Path

from toolbench.store.ledger import NewEvent
from toolbench.store.postgres import PostgresLedger

PLAN_HASH = "c" * 64


def concurrent(url: str, writer: int, count: int, barrier: Path) -> None:
    # about losing nothing, not about lock timing: a writer may wait behind the others
    ledger = PostgresLedger(url, wait_seconds=120, checkpoint_every=200)
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


def bulk(url: str, count: int) -> None:
    ledger = PostgresLedger(url, wait_seconds=60)
    events = [
        NewEvent(
            "score.recorded", {"tool": f"t{i}", "evaluator": "e", "criterion": "c", "level": "a"}, "bulk", PLAN_HASH
        )
        for i in range(count)
    ]
    print("ready", flush=True)
    ledger.append_many(events)
    print("done", flush=True)


def main(argv: list[str]) -> int:
    try:
        if argv[0] == "concurrent":
            concurrent(argv[1], int(argv[2]), int(argv[3]), Path(argv[4]))
        elif argv[0] == "bulk":
            bulk(argv[1], int(argv[2]))
        else:
            raise SystemExit(f"unknown mode {argv[0]!r}")
    except Exception:
        traceback.print_exc()
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
