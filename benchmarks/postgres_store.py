"""The PostgreSQL store against the SQLite one on a large ledger (issue 18).

Builds a workspace plan of tools × criteria × evaluators (default 200 × 60 × 50:
600,000 score events), then for each store:

    load       every evaluator's scores as one `append_many` of tools × criteria events
               (one transaction per evaluator, the way `sheet import` appends a sheet)
    verify     `verify()`: every event hashed, the projection rebuilt and compared
    matrix 1   `Workspace.evaluate()` on a fresh connection (what `toolbench matrix`
               computes, without rendering): the chain checked from the checkpoint, the
               current scores read from the projection
    matrix 2   the same again
    sheet      one evaluator's whole sheet recorded again through `record_sheet` with
               one level changed per tool (the rules decide per cell: one `latest` read each)

and prints the times with the ratio PostgreSQL / SQLite. Targets: load < 60 s and
matrix < 2 s at 600,000 events.

    python benchmarks/postgres_store.py                               # 600k events
    python benchmarks/postgres_store.py --evaluators 5                # 60k events
    python benchmarks/postgres_store.py --server postgresql://postgres@127.0.0.1:5432/test

`--server` is a database the benchmark may connect to as a role that creates
databases and roles; it makes `toolbench_bench_<random>` there and drops it (and its
roles) afterwards. Not a unit test.
"""

from __future__ import annotations

import argparse
import random
import secrets
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg

from toolbench import Evaluator, Tool, Workspace
from toolbench.store.ledger import Ledger, NewEvent, SQLiteLedger
from toolbench.store.postgres import PostgresLedger, init_store

LEVELS = ["5", "4", "3", "2", "1"]


def _build(root: Path, tools: int, criteria: int, evaluators: int) -> None:
    extra = {
        "evaluation": {"title": {"ja": "規模試験", "en": "Scale benchmark"}, "language": "ja"},
        "price": {"family": "none"},
        "groups": {f"g{g}": {"ja": f"区分{g}", "en": f"Group {g}"} for g in range(6)},
        "scales": {"five": {"ratios": {"5": 1.0, "4": 0.75, "3": 0.5, "2": 0.25, "1": 0.0}}},
        "criteria": [
            {
                "id": f"c{i:02d}",
                "name": {"ja": f"評価項目{i}", "en": f"Criterion {i}"},
                "group": f"g{i % 6}",
                "kind": "rating",
                "points": 1 + i % 3,
                "scale": "five",
            }
            for i in range(criteria)
        ],
    }
    tool_list = [Tool(id=f"tool-{i:03d}", name=f"製品{i:03d}", vendor=f"ベンダー{i:03d}株式会社") for i in range(tools)]
    people = [Evaluator(id=f"e{j:02d}", name=f"評価委員{j:02d}") for j in range(evaluators)]
    Workspace.init(root, rubric="ai-ocr", tools=tool_list, evaluators=people, extra=extra).close()


def _timed(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    value = action()
    return time.perf_counter() - started, value


def _database_url(server: str, name: str) -> str:
    parts = urlsplit(server)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def _drop(server: str, name: str) -> None:
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        for (role,) in conn.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE %s", (f"{name}\\_%",)).fetchall():
            conn.execute(f'DROP ROLE IF EXISTS "{role}"')


def _measure(
    name: str, open_ledger: Callable[[], Ledger], root: Path, plan_hash: str, shape: tuple[int, int, int]
) -> dict[str, float]:
    tools, criteria, evaluators = shape
    tool_ids = [f"tool-{i:03d}" for i in range(tools)]
    criterion_ids = [f"c{i:02d}" for i in range(criteria)]
    figures: dict[str, float] = {}
    with open_ledger() as ledger:
        started = time.perf_counter()
        for j in range(evaluators):
            rng = random.Random(f"bench:{j}")
            evaluator = f"e{j:02d}"
            batch = [
                NewEvent(
                    "score.recorded",
                    {"tool": tool, "evaluator": evaluator, "criterion": criterion, "level": rng.choice(LEVELS)},
                    "bench",
                    plan_hash,
                )
                for tool in tool_ids
                for criterion in criterion_ids
            ]
            ledger.append_many(batch)
        figures["load"] = time.perf_counter() - started
        figures["verify"], result = _timed(ledger.verify)
        assert result.ok, result
    workspace = Workspace.open(root)
    plan = workspace.plan
    workspace.close()
    for run in ("matrix 1", "matrix 2"):
        seconds, _ = _timed(lambda: _evaluate(plan, root, open_ledger))
        figures[run] = seconds
    with Workspace(root, plan, open_ledger()) as workspace:
        sheet = {tool: {criterion: "5" for criterion in criterion_ids} for tool in tool_ids}
        figures["sheet"], _ = _timed(lambda: workspace.record_sheet("e00", sheet, actor="bench", reason="見直し"))
    print(f"  {name}: " + ", ".join(f"{k} {v:.2f} s" for k, v in figures.items()), flush=True)
    return figures


def _evaluate(plan: Any, root: Path, open_ledger: Callable[[], Ledger]) -> int:
    with Workspace(root, plan, open_ledger()) as workspace:
        evaluation = workspace.evaluate()
    return len(evaluation.results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tools", type=int, default=200)
    parser.add_argument("--criteria", type=int, default=60)
    parser.add_argument("--evaluators", type=int, default=50)
    parser.add_argument("--server", default="postgresql://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    shape = (args.tools, args.criteria, args.evaluators)
    events = args.tools * args.criteria * args.evaluators
    print(f"{args.tools} tools × {args.criteria} criteria × {args.evaluators} evaluators = {events:,} score events")
    database = f"toolbench_bench_{secrets.token_hex(4)}"
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "workspace"
        _build(root, *shape)
        with Workspace.open(root) as workspace:
            plan_hash = workspace.plan.hash
        ledger_file = root / ".toolbench" / "ledger.sqlite"
        sqlite = _measure("SQLite", lambda: SQLiteLedger(ledger_file), root, plan_hash, shape)
        with psycopg.connect(args.server, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        try:
            url = _database_url(args.server, database)
            init_store(url)
            postgres = _measure("PostgreSQL", lambda: PostgresLedger(url), root, plan_hash, shape)
        finally:
            _drop(args.server, database)
    print()
    print(f"{'':10} {'SQLite':>10} {'PostgreSQL':>11} {'PG/SQLite':>10}  target")
    targets = {"load": 60.0, "matrix 1": 2.0, "matrix 2": 2.0}
    for key in sqlite:
        ratio = postgres[key] / sqlite[key] if sqlite[key] else float("nan")
        target = targets.get(key)
        verdict = "" if target is None else f"< {target:g} s: {'met' if postgres[key] < target else 'MISSED'} (PG)"
        print(f"{key:10} {sqlite[key]:9.2f}s {postgres[key]:10.2f}s {ratio:9.2f}x  {verdict}")


if __name__ == "__main__":
    sys.exit(main())
