"""Whole-process times and peak memory of toolbench on large ledgers (issue 17, "Linear at any size").

For each size, tools × criteria × evaluators (every evaluator scores every cell once,
one ledger event each), it builds a workspace in a temp folder and measures:

    bulk load     `toolbench sheet import FILE`, once per evaluator: one CSV sheet per
                  evaluator holding every tool × criterion (the layout `sheet export`
                  writes, filled with seeded random levels). Each import's time and its
                  cost per event; the last import's cost per event over the first's
                  shows whether appending grows with the ledger (≈1: linear; more:
                  each event costs more as the ledger grows, quadratic in total)
    floor         python -c "import click, rich, pydantic"  (the baseline, same run)
    audit verify  toolbench audit verify
    matrix cold   toolbench matrix, snapshot cache (.toolbench/cache) removed first
    matrix warm   toolbench matrix again, snapshot present
    matrix json   toolbench matrix --format json, snapshot present: the warm matrix
                  without the terminal table (200 tool columns are a large table)
    score         toolbench score TOOL -e EVALUATOR CRITERION=LEVEL --reason …: one cell
                  changed on the full ledger (one event appended)

Every command is timed as a whole process (stdout to a file, as in a script), with
its peak RSS from the kernel's rusage of that child (os.wait4, no extra packages).
Times are medians over --runs, peak RSS the maximum; "x floor" is the ratio to the
floor. A table per 1,000 events follows (flat across sizes = linear) and, when 600k
was not run, a straight line through the two largest sizes extrapolated to 600k
events. Targets (at 600k events): matrix ≤ 2 s warm and ≤ 5 s cold, audit verify
≤ 10 s, peak memory ≤ 300 MB, one score ≤ 0.3 s at any size, bulk import ≤ 60 s.

    python benchmarks/scale.py                       # 6k, 12k, 60k: a few minutes
    python benchmarks/scale.py --sizes 600k          # 200×60×50: takes minutes more
    python benchmarks/scale.py --sizes 6k,12k,60k,600k --runs 5 --keep /tmp/scale

A failed command is reported with its error output (the figure is then missing) and
the run goes on. Not a unit test.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from _tools import toolbench_command  # benchmarks/_tools.py: run as a script, the folder is on the path

SIZES: dict[str, tuple[int, int, int]] = {
    "6k": (20, 60, 5),
    "12k": (200, 60, 1),
    "60k": (200, 60, 5),
    "600k": (200, 60, 50),
}
DEFAULT_SIZES = "6k,12k,60k"
TARGET_EVENTS = 600_000
LEVELS = ("1", "2", "3", "4", "5")
RETRIES = 2
"""A failed command is run again this many times (others may be changing the code)."""

# (figure, target in seconds or None, applies at any size)
TARGETS: dict[str, tuple[float | None, bool]] = {
    "audit verify": (10.0, False),
    "matrix cold": (5.0, False),
    "matrix warm": (2.0, False),
    "matrix json": (2.0, False),
    "score": (0.3, True),
    "bulk import": (60.0, False),
}
TARGET_RSS_MB = 300.0


@dataclass
class Run:
    seconds: float
    rss_mb: float
    ok: bool
    error: str = ""


@dataclass
class Figure:
    runs: list[Run] = field(default_factory=list)

    @property
    def good(self) -> list[Run]:
        return [r for r in self.runs if r.ok]

    @property
    def median(self) -> float | None:
        good = self.good
        return statistics.median(r.seconds for r in good) if good else None

    @property
    def rss(self) -> float | None:
        good = self.good
        return max(r.rss_mb for r in good) if good else None


def _rss_mb(maxrss: int) -> float:
    """ru_maxrss in MB: kilobytes on Linux, bytes on macOS."""
    return maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024


_PYCACHE = Path(tempfile.gettempdir()) / "toolbench-scale-pycache"
"""Bytecode is cached here (PYTHONPYCACHEPREFIX, replacing any PYTHONDONTWRITEBYTECODE), so a checkout
measures what an installed toolbench does rather than compiling every module in every process."""


def _once(argv: list[str]) -> Run:
    """One whole-process run: wall time and the child's own peak RSS (os.wait4)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env |= {"TOOLBENCH_ACTOR": "scale-benchmark", "PYTHONPYCACHEPREFIX": str(_PYCACHE)}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen does not wait again
        if proc.returncode == 0:
            return Run(seconds, _rss_mb(usage.ru_maxrss), True)
        err.seek(0)
        out.seek(0)
        text = (err.read() or out.read()).decode("utf-8", "replace").strip().splitlines()
        tail = " | ".join(text[-3:]) if text else "(no output)"
        return Run(seconds, _rss_mb(usage.ru_maxrss), False, f"exit {proc.returncode}: {tail}")


def _run(argv: list[str], what: str) -> Run:
    """`_once`, run again (after a pause) when it fails; the failure is printed."""
    for attempt in range(RETRIES + 1):
        run = _once(argv)
        if run.ok:
            return run
        print(f"  ! {what} failed (try {attempt + 1}): {run.error[:400]}", flush=True)
        if attempt < RETRIES:
            time.sleep(3)
    return run


# --- the workspace ------------------------------------------------------------------------


def _cache_state(cache: Path) -> dict[str, int]:
    """File → mtime under the snapshot cache: a warm run that changes it recomputed the matrix."""
    return {str(f): f.stat().st_mtime_ns for f in cache.rglob("*") if f.is_file()} if cache.is_dir() else {}


def _criteria_ids(count: int) -> list[str]:
    return [f"c{i:02d}" for i in range(count)]


def _build(root: Path, tools: int, criteria: int, evaluators: int) -> None:
    """A plan with `criteria` rating criteria on a five-level scale, generated tools and evaluators."""
    from toolbench import Evaluator, Tool, Workspace

    groups = {f"g{g}": {"ja": f"区分{g}", "en": f"Group {g}"} for g in range(6)}
    extra = {
        "evaluation": {"title": {"ja": "規模試験", "en": "Scale benchmark"}, "language": "ja"},
        "price": {"family": "none"},
        "groups": groups,
        "scales": {"five": {"ratios": {"5": 1.0, "4": 0.75, "3": 0.5, "2": 0.25, "1": 0.0}}},
        "criteria": [
            {
                "id": cid,
                "name": {"ja": f"評価項目{i}", "en": f"Criterion {i}"},
                "group": f"g{i % 6}",
                "kind": "rating",
                "points": 1 + i % 3,
                "scale": "five",
            }
            for i, cid in enumerate(_criteria_ids(criteria))
        ],
    }
    tool_list = [Tool(id=f"tool-{i:03d}", name=f"製品{i:03d}", vendor=f"ベンダー{i:03d}株式会社") for i in range(tools)]
    people = [Evaluator(id=f"e{j:02d}", name=f"評価委員{j:02d}") for j in range(evaluators)]
    Workspace.init(root, rubric="ai-ocr", tools=tool_list, evaluators=people, extra=extra).close()


def _levels(seed: int, evaluator: str, tools: list[str], criteria: list[str]) -> dict[tuple[str, str], str]:
    rng = random.Random(f"{seed}:{evaluator}")
    return {(tool, criterion): rng.choice(LEVELS) for tool in tools for criterion in criteria}


def _write_sheets(root: Path, folder: Path, seed: int) -> tuple[list[Path], dict[tuple[str, str, str], str]]:
    """One filled CSV sheet per evaluator (the `sheet export` layout); also every level written."""
    from toolbench import Workspace
    from toolbench.workspace.sheets import render_csv, sheet_layout

    folder.mkdir(parents=True, exist_ok=True)
    generated = datetime(2026, 1, 1, tzinfo=UTC)
    sheets: list[Path] = []
    written: dict[tuple[str, str, str], str] = {}
    with Workspace.open(root) as workspace:
        plan = workspace.plan
        tools = [t.id for t in plan.tools]
        criteria = [c.id for c in plan.judged_criteria()]
        for evaluator in (e.id for e in plan.evaluators):
            levels = _levels(seed, evaluator, tools, criteria)
            layout = sheet_layout(plan, evaluator, plan.evaluation.language, levels, generated)
            path = folder / f"{evaluator}.csv"
            path.write_bytes(render_csv(layout))
            sheets.append(path)
            written.update({(tool, evaluator, criterion): level for (tool, criterion), level in levels.items()})
    return sheets, written


def _event_count(root: Path) -> int:
    from toolbench import SQLiteLedger
    from toolbench.base.paths import LEDGER_FILE, STATE_DIR

    with SQLiteLedger(root / STATE_DIR / LEDGER_FILE) as ledger:
        head = ledger.head()
    return head.seq if head is not None else 0


# --- printing -----------------------------------------------------------------------------


def _ms(seconds: float | None) -> str:
    return "failed" if seconds is None else f"{seconds * 1000:9.1f} ms"


def _status(value: float, target: float) -> str:
    return "ok" if value <= target else "MISSED"


def _target_text(name: str, seconds: float | None, events: int) -> str:
    target, any_size = TARGETS.get(name, (None, False))
    if target is None or seconds is None:
        return ""
    if any_size or events >= TARGET_EVENTS:
        return f"target <= {target:g} s: {_status(seconds, target)}"
    return f"(target at 600k <= {target:g} s)"


def _rss_text(rss: float | None, events: int) -> str:
    if rss is None:
        return ""
    mark = f" {_status(rss, TARGET_RSS_MB)}" if events >= TARGET_EVENTS else ""
    return f"{rss:6.0f} MB{mark}"


@dataclass
class Result:
    name: str
    events: int
    floor: float | None
    figures: dict[str, Figure]
    import_total: float | None


def _print_imports(
    imports: list[Run], per_sheet: int, planned: int, events: int, floor: float | None, root: Path
) -> None:
    """The bulk load: total, first and last import, and their cost per event."""
    size_mb = sum(p.stat().st_size for p in (root / ".toolbench").glob("ledger.sqlite*")) / 1e6
    expected = f" (EXPECTED {planned:,})" if events != planned else ""
    loaded = f"{events:,} events{expected}, {size_mb:.1f} MB"
    print(f"bulk load: {len(imports)} × sheet import of {per_sheet:,} cells -> {loaded}")
    good = [r for r in imports if r.ok]
    if len(good) == len(imports):
        total = sum(r.seconds for r in imports)
        print(f"  total          {total:8.2f} s   {_target_text('bulk import', total, events)}")
    else:
        print(f"  total          failed ({len(imports) - len(good)} of {len(imports)} imports)")
    rows = [("first", imports[0])] + ([("last", imports[-1])] if len(imports) > 1 else [])
    for which, run in rows:
        if not run.ok:
            print(f"  {which} import   failed")
            continue
        above = f", {(run.seconds - floor) * 1e6 / per_sheet:6.1f} above the floor" if floor else ""
        cost = f"{run.seconds * 1e6 / per_sheet:6.1f} µs/event{above}"
        print(f"  {which + ' import':14} {run.seconds:8.2f} s   {cost}   peak {run.rss_mb:4.0f} MB")
    first, last = imports[0], imports[-1]
    if len(imports) > 1 and first.ok and last.ok:
        ratio = last.seconds / first.seconds
        line = f"  last/first cost per event {ratio:5.2f} x"
        if floor and first.seconds > floor:
            line += f", above the floor {(last.seconds - floor) / (first.seconds - floor):5.2f} x"
        print(f"{line}  (1 = linear; more = grows with the ledger)")
    if good:
        print(f"  peak RSS of any import {_rss_text(max(r.rss_mb for r in good), events)}")


def _measure(name: str, shape: tuple[int, int, int], args: argparse.Namespace, base: Path) -> Result:
    tools, criteria, evaluators = shape
    toolbench = toolbench_command()
    planned = tools * criteria * evaluators
    print(f"\n== {name}: {tools} tools × {criteria} criteria × {evaluators} evaluators = {planned:,} events ==")
    root = base / f"ws-{name}"
    started = time.perf_counter()
    _build(root, tools, criteria, evaluators)
    sheets, written = _write_sheets(root, base / f"sheets-{name}", args.seed)
    print(f"setup (plan + {len(sheets)} sheets, in-process)  {time.perf_counter() - started:6.1f} s", flush=True)

    # bulk load: one `sheet import` per evaluator, the ledger growing with each
    per_sheet = tools * criteria
    imports: list[Run] = []
    for sheet in sheets:
        run = _run(
            [*toolbench, "-C", str(root), "sheet", "import", str(sheet), "--quiet"], f"sheet import {sheet.name}"
        )
        imports.append(run)
    events = _event_count(root)

    # whole-process figures, interleaved with the floor so machine load affects them alike
    floor_argv = [sys.executable, "-c", "import click, rich, pydantic"]
    verify_argv = [*toolbench, "-C", str(root), "audit", "verify"]
    matrix_argv = [*toolbench, "-C", str(root), "matrix"]
    cache = root / ".toolbench" / "cache"
    names = ("floor", "audit verify", "matrix cold", "matrix warm", "matrix json", "score")
    figures = {k: Figure() for k in names}
    _once(floor_argv)  # warm the file cache
    rewritten = 0  # warm runs that wrote the cache (not warm after all: e.g. toolbench's code changed)
    for _ in range(args.runs):
        figures["floor"].runs.append(_run(floor_argv, "floor"))
        figures["audit verify"].runs.append(_run(verify_argv, "audit verify"))
        shutil.rmtree(cache, ignore_errors=True)
        figures["matrix cold"].runs.append(_run(matrix_argv, "matrix (cold)"))
        before = _cache_state(cache)
        figures["matrix warm"].runs.append(_run(matrix_argv, "matrix (warm)"))
        rewritten += _cache_state(cache) != before
        # the JSON document: the first run of a size keeps its data (per-score detail up to 20,000 events)
        figures["matrix json"].runs.append(_run([*matrix_argv, "--format", "json"], "matrix --format json"))
    # one cell changed per run, to a level it does not have, so each run appends one event
    tool, evaluator, criterion = "tool-000", "e00", "c00"
    current = written[(tool, evaluator, criterion)]
    for i in range(args.runs):
        level = next(lv for lv in LEVELS if lv != current)
        argv = [*toolbench, "-C", str(root), "score", tool, "-e", evaluator, f"{criterion}={level}"]
        run = _run([*argv, "--reason", f"scale benchmark {i}"], "score")
        figures["score"].runs.append(run)
        if run.ok:
            current = level

    floor = figures["floor"].median
    _print_imports(imports, per_sheet, planned, events, floor, root)
    print(f"{'':16}{'median':>12}  {'x floor':>8}  {'peak RSS':>10}")
    for key, figure in figures.items():
        median = figure.median
        ratio = f"{median / floor:7.2f}x" if median is not None and floor else ""
        label = "floor (import)" if key == "floor" else key
        target = "" if key == "floor" else _target_text(key, median, events)
        rss = _rss_text(figure.rss, events if key != "floor" else 0)
        print(f"{label:16}{_ms(median):>12}  {ratio:>8}  {rss:>10}   {target}")
    if rewritten:
        print(f"  ! {rewritten} of {args.runs} warm matrix runs rewrote .toolbench/cache (recomputed, not warm)")
    good = [r for r in imports if r.ok]
    import_total = sum(r.seconds for r in imports) if len(good) == len(imports) else None
    return Result(name, events, floor, figures, import_total)


def _summary(results: list[Result]) -> None:
    """Cost per 1,000 events across sizes: flat rows mean linear growth."""
    print("\n== per 1,000 events (flat across sizes = linear) ==")
    names = ("audit verify", "matrix cold", "matrix warm", "matrix json")
    print(f"{'size':>6} {'events':>9}  " + "  ".join(f"{n:>13}" for n in (*names, "bulk import", "score")))
    for result in results:
        cells = []
        for key in names:
            median = result.figures[key].median
            cells.append("failed" if median is None else f"{median * 1e6 / result.events:10.2f} ms")
        total = result.import_total
        cells.append("failed" if total is None else f"{total * 1e6 / result.events:10.2f} ms")
        score = result.figures["score"].median
        cells.append("failed" if score is None else f"{score * 1000:7.1f} ms/run")
        print(f"{result.name:>6} {result.events:>9,}  " + "  ".join(f"{c:>13}" for c in cells))
    measured = sorted(results, key=lambda r: r.events)
    if len(measured) < 2 or measured[-1].events >= TARGET_EVENTS:
        return
    small, large = measured[-2], measured[-1]
    if small.events == large.events:
        return
    print(f"\n== straight line through {small.name} and {large.name}, extrapolated to 600k events ==")
    for key in (*names, "bulk import"):
        if key == "bulk import":
            a, b = small.import_total, large.import_total
        else:
            a, b = small.figures[key].median, large.figures[key].median
        if a is None or b is None:
            print(f"{key:14} failed")
            continue
        slope = (b - a) / (large.events - small.events)
        if slope <= 0:
            print(f"{key:14} no growth from {small.name} to {large.name} (fixed costs or noise dominate)")
            continue
        estimate = b + slope * (TARGET_EVENTS - large.events)
        target = TARGETS[key][0]
        print(f"{key:14} {slope * 1e6:8.2f} ms per 1k events  ->  {estimate:7.1f} s at 600k  (target <= {target:g} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--sizes",
        default=DEFAULT_SIZES,
        help=f"comma-separated, of {', '.join(SIZES)} (default {DEFAULT_SIZES}; 600k takes minutes)",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs of each command per size (default 3)")
    parser.add_argument("--seed", type=int, default=17, help="seed of the levels written (default 17)")
    parser.add_argument("--keep", type=Path, default=None, help="build the workspaces here and keep them")
    args = parser.parse_args()
    names = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = [n for n in names if n not in SIZES]
    if unknown:
        parser.error(f"unknown size(s) {', '.join(unknown)}; known: {', '.join(SIZES)}")
    where = " ".join(toolbench_command())
    print(f"python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} CPUs; toolbench: {where}")
    print(f"runs per command {args.runs}, seed {args.seed}")
    results = []
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        for name in names:
            shutil.rmtree(args.keep / f"ws-{name}", ignore_errors=True)
            results.append(_measure(name, SIZES[name], args, args.keep))
    else:
        for name in names:
            with tempfile.TemporaryDirectory(prefix="toolbench-scale-") as folder:
                results.append(_measure(name, SIZES[name], args, Path(folder)))
    _summary(results)


if __name__ == "__main__":
    main()
