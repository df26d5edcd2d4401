"""Soak the ledger: writers, a verifier, a sheet importer and a matrix reader at once, as OS processes.

    python benchmarks/soak_ledger.py                 # about 60 s, 3 writers
    python benchmarks/soak_ledger.py --seconds 600 --writers 6 --workspace /tmp/soak

On a fresh demo workspace (`toolbench demo`), for a bounded time:

- each writer records scores (`Workspace.record_scores`, a changed level with a reason)
  for its own evaluator/tool cells, one append after another;
- the verifier opens the ledger afresh and verifies the whole chain, as
  `toolbench audit verify` does; every failure is a false alarm (nobody tampers);
- the importer imports two score sheets of one evaluator in turn (`sheet import`,
  all or nothing);
- the reader computes the matrix (`Workspace.evaluate`, which verifies first).

Each writer and the importer print every append the ledger acknowledged (sequence
number and hash). At the end the chain must verify and every acknowledged event must
be in it exactly once, at its number with its hash: anything else is lost or forked.
Prints the counts; exits 1 if any false alarm, lost or forked event, or failed check.
Not a unit test.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROLES = ("writer", "verifier", "importer", "reader")


def _writer(root: Path, index: int, deadline: float) -> dict[str, object]:
    from toolbench import LedgerLocked, Workspace

    plan = Workspace.open(root).plan
    evaluators = [e.id for e in plan.evaluators]
    tools = [t.id for t in plan.tools]
    # one cell per writer, all on the first tool (the demo's evaluators are recused from none of it)
    evaluator, tool = evaluators[index % len(evaluators)], tools[(index // len(evaluators)) % len(tools)]
    acked: list[tuple[int, str]] = []
    locked = i = 0
    while time.time() < deadline:
        workspace = Workspace.open(root)  # a new process-like connection each time, as the CLI has
        try:
            outcome = workspace.record_scores(
                tool, evaluator, {"accuracy": str(2 + i % 3)}, actor=f"soak-{index}", reason=f"soak {i}"
            )
            acked += [(e.seq, e.hash) for e in outcome.recorded]
        except LedgerLocked:
            locked += 1
        finally:
            workspace.close()
        i += 1
    return {"acked": acked, "locked": locked, "attempts": i}


def _verifier(root: Path, deadline: float) -> dict[str, object]:
    from toolbench.base.paths import STATE_DIR
    from toolbench.store.ledger import SQLiteLedger

    path = root / STATE_DIR / "ledger.sqlite"
    runs = alarms = 0
    first: list[str] = []
    while time.time() < deadline:
        with SQLiteLedger(path) as ledger:
            result = ledger.verify()
        runs += 1
        if not result.ok:
            alarms += 1
            if len(first) < 5:
                first.append(f"event {result.bad_seq}: {result.reason_key} {dict(result.reason_params)}")
    return {"verifications": runs, "false_alarms": alarms, "examples": first}


def _importer(root: Path, deadline: float) -> dict[str, object]:
    from toolbench import LedgerLocked, Workspace
    from toolbench.workspace.sheets import export_sheet, import_sheet

    workspace = Workspace.open(root)
    evaluator = workspace.plan.evaluators[0].id
    folder = Path(tempfile.mkdtemp(prefix="soak-sheets-"))
    sheets = []
    for level in ("2", "4"):
        rows = list(csv.reader(io.StringIO(export_sheet(workspace, evaluator, "csv", "en").decode("utf-8-sig"))))
        header = next(i for i, row in enumerate(rows) if row and row[0] == "Criterion id")
        first_tool = rows[header].index("Anchors") + 1
        for row in rows:
            if row and row[0] == "accuracy":  # this evaluator's accuracy level for every tool
                row[first_tool:] = [level] * (len(row) - first_tool)
        path = folder / f"{evaluator}-{level}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows(rows)
        sheets.append(path)
    workspace.close()
    acked: list[tuple[int, str]] = []
    imports = locked = failed = 0
    errors: list[str] = []
    i = 0
    while time.time() < deadline:
        workspace = Workspace.open(root)
        try:
            done = import_sheet(workspace, sheets[i % 2], actor="importer", reason=f"sheet {i}")
            acked += [(e.seq, e.hash) for e in done.outcome.recorded]
            imports += 1
        except LedgerLocked:
            locked += 1
        except Exception as error:  # a refused sheet is a finding of this run, not a crash of it
            failed += 1
            if len(errors) < 3:
                errors.append(f"{type(error).__name__}: {error}")
        finally:
            workspace.close()
        i += 1
    return {"acked": acked, "imports": imports, "locked": locked, "failed": failed, "errors": errors}


def _reader(root: Path, deadline: float) -> dict[str, object]:
    from toolbench import Workspace
    from toolbench.base.errors import LedgerCorrupt

    reads = alarms = 0
    while time.time() < deadline:
        workspace = Workspace.open(root)
        try:
            workspace.evaluate()
            reads += 1
        except LedgerCorrupt:
            alarms += 1
        finally:
            workspace.close()
    return {"reads": reads, "false_alarms": alarms}


def _role(argv: list[str]) -> int:
    role, root, deadline = argv[0], Path(argv[1]), float(argv[2])
    if role == "writer":
        result = _writer(root, int(argv[3]), deadline)
    elif role == "verifier":
        result = _verifier(root, deadline)
    elif role == "importer":
        result = _importer(root, deadline)
    else:
        result = _reader(root, deadline)
    print(json.dumps(result))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="how long the processes run (default 60)")
    parser.add_argument("--writers", type=int, default=3, help="writer processes (default 3)")
    parser.add_argument("--workspace", type=Path, default=None, help="where to build the demo (default: a temp folder)")
    args = parser.parse_args()

    from toolbench import SQLiteLedger, build_demo
    from toolbench.base.paths import STATE_DIR

    root = args.workspace or Path(tempfile.mkdtemp(prefix="toolbench-soak-")) / "demo"
    build_demo(root).close()
    start_events = len(list(SQLiteLedger(root / STATE_DIR / "ledger.sqlite").events()))
    deadline = time.time() + 3 + args.seconds  # every process starts before the clock runs
    me = [sys.executable, __file__, "--role"]
    procs = {
        f"writer-{w}": subprocess.Popen([*me, "writer", str(root), str(deadline), str(w)], stdout=subprocess.PIPE)
        for w in range(args.writers)
    }
    for role in ("verifier", "importer", "reader"):
        procs[role] = subprocess.Popen([*me, role, str(root), str(deadline)], stdout=subprocess.PIPE)
    results: dict[str, dict[str, Any]] = {}
    crashed = []
    for name, proc in procs.items():
        out, _ = proc.communicate(timeout=args.seconds + 120)
        if proc.returncode != 0:
            crashed.append(name)
            continue
        results[name] = json.loads(out.decode().strip().splitlines()[-1])

    acked: list[tuple[int, str]] = []
    for name, result in results.items():
        if name.startswith("writer") or name == "importer":
            acked += [(int(seq), str(digest)) for seq, digest in result["acked"]]
    with SQLiteLedger(root / STATE_DIR / "ledger.sqlite") as ledger:
        final = ledger.verify()
        stored = {e.seq: e.hash for e in ledger.events()}
    times = Counter(acked)
    lost = [pair for pair in times if stored.get(pair[0]) != pair[1]]
    # acknowledged twice, two acknowledgements for one number, or one hash stored at two numbers
    forked: list[object] = [pair for pair, n in times.items() if n > 1]
    forked += [seq for seq, n in Counter(seq for seq, _ in acked).items() if n > 1]
    forked += [digest for digest, n in Counter(stored.values()).items() if n > 1]

    writers = [results[n] for n in results if n.startswith("writer")]
    verifier, importer, reader = (results.get(r, {}) for r in ("verifier", "importer", "reader"))
    false_alarms = int(verifier.get("false_alarms", 0)) + int(reader.get("false_alarms", 0))
    by_writers = sum(len(w["acked"]) for w in writers)
    locked = sum(int(w["locked"]) for w in writers)
    print(f"workspace          {root}  ({args.seconds:g} s, {args.writers} writers)")
    print(f"appended events    {len(stored) - start_events} (acknowledged {len(acked)})")
    print(f"  by writers       {by_writers}, locked-out tries {locked}")
    imported = len(importer.get("acked", []))
    print(f"  by the importer  {imported} in {importer.get('imports')} imports, {importer.get('failed')} refused")
    for error in importer.get("errors", []):
        print(f"    {error}")
    print(f"verifications      {verifier.get('verifications')}")
    print(f"matrix reads       {reader.get('reads')}")
    print(f"false alarms       {false_alarms} {verifier.get('examples') or ''}")
    print(f"lost events        {len(lost)}")
    print(f"forked events      {len(forked)}")
    print(f"final chain        {'verifies' if final.ok else 'FAILS'}: {final.count} events")
    if crashed:
        print(f"crashed processes  {', '.join(crashed)}")
    bad = false_alarms or lost or forked or not final.ok or crashed
    return 1 if bad else 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--role":
        sys.exit(_role(sys.argv[2:]))
    sys.exit(main())
