"""How long `toolbench robustness` takes on 20 tools × 40 criteria, against the exact paths it replaced.

A workspace of 20 tools, 39 rated criteria and a price, scored by three evaluators who
disagree (so that most cells are uncertain), is built in a temporary folder through the
library. Everything is timed in the same run, interleaved so that machine load affects
all alike, and every figure is checked to be the same as the reference's:

    sensitivity      screened in floats, confirmed in fractions, against `exact_sensitivity`
                     (every pair in fractions: the old path)
    smaa + scores    the contests against `reference_smaa` from tests/test_robustness_speed.py
                     (every tool's figure summed for every candidate and draw: the old loop)
    analyse          additive model + sensitivity + SMAA + leave-one-bidder-out, new and with
                     the two reference paths
    cli              whole processes: `toolbench -C WS robustness` as shipped; then a runner that
                     imports the references and calls the CLI with (baseline) or without (new)
                     the references patched in, so that both pay the same imports
    import floor     python -c "import toolbench.cli"

It prints medians of wall time and of CPU time (user + system; wall time on a busy machine
mostly measures the neighbours) and the ratios baseline ÷ new. Target (issue 17):
`toolbench robustness` on 20 × 40 in at most 0.8 s.

    python benchmarks/robustness_speed.py [--runs 3] [--samples 10000] [--quick]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY))  # the reference SMAA loop lives in the tests

from _tools import toolbench_command  # noqa: E402 - benchmarks/_tools.py: run as a script, the folder is on the path

from tests.test_robustness_speed import reference_smaa  # noqa: E402
from toolbench import Workspace  # noqa: E402
from toolbench.methods.robustness import (  # noqa: E402
    Robustness,
    additive_model,
    analyse,
    exact_sensitivity,
    leave_one_bidder_out,
    sensitivity,
    smaa,
)

TOOLS, CRITERIA, EVALUATORS = 20, 40, 3
NOW = datetime(2026, 4, 14, 1, 0, tzinfo=UTC)

RUNNER = """
import sys
sys.path.insert(0, {repository!r})
from tests.test_robustness_speed import reference_smaa
import toolbench.methods.robustness as robustness
if sys.argv.pop(1) == "baseline":
    robustness.sensitivity = robustness.exact_sensitivity
    robustness.smaa = lambda model, progress=None, **options: reference_smaa(model, **options)
from toolbench.cli import main
sys.argv[0] = "toolbench"
main()
"""


def plan_text() -> str:
    """A toolbench.toml: 39 criteria rated on five levels (3 or 2 points) and a price worth 10, lowest_ratio."""
    lines = [
        "[evaluation]",
        'title = { ja = "大規模比較（頑健性）", en = "Large comparison (robustness)" }',
        'language = "ja"',
        "total_points = 100",
        'rounding = "half_up"',
        "decimals = 2",
        "",
        "[price]",
        'family = "lowest_ratio"',
        'tax = "included"',
        "",
        "[groups]",
        'function = { ja = "機能", en = "Function" }',
        'cost = { ja = "費用", en = "Cost" }',
        "",
        "[scales.five]",
        'name = { ja = "5段階", en = "Five levels" }',
        "ratios = { 5 = 1.00, 4 = 0.75, 3 = 0.50, 2 = 0.25, 1 = 0.00 }",
    ]
    rated = CRITERIA - 1
    points = [2] * rated
    points[: 90 - 2 * rated] = [3] * (90 - 2 * rated)
    for c in range(rated):
        lines += ["", "[[criteria]]", f'id = "c{c + 1:02d}"', f'name = {{ ja = "観点{c + 1}", en = "Aspect {c + 1}" }}']
        lines += ['group = "function"', 'kind = "rating"', f"points = {points[c]}", 'scale = "five"']
    lines += ["", "[[criteria]]", 'id = "price"', 'name = { ja = "価格", en = "Price" }', 'group = "cost"']
    lines += ['kind = "price"', "points = 10"]
    for t in range(TOOLS):
        lines += ["", "[[tools]]", f'id = "t{t + 1:02d}"', f'name = {{ ja = "製品{t + 1}", en = "Product {t + 1}" }}']
        lines += [f'vendor = "提案者{t + 1}株式会社"', f"price = {{ amount = {3_000_000 + 125_000 * t} }}"]
    for e in range(EVALUATORS):
        lines += ["", "[[evaluators]]", f'id = "e{e + 1}"', f'name = "評価委員{e + 1}"']
    return "\n".join(lines) + "\n"


def build(root: Path, seed: int = 1) -> Workspace:
    """The workspace, scored: each evaluator's level is a tool's own level give or take one."""
    root.mkdir(parents=True)
    (root / "toolbench.toml").write_text(plan_text(), encoding="utf-8")
    workspace = Workspace.start_ledger(root)
    workspace.lock(actor="e1", now=NOW - timedelta(hours=1))
    rng = random.Random(seed)
    for e in range(EVALUATORS):
        sheet: dict[str, dict[str, str | int]] = {}
        for t in range(TOOLS):
            levels = [rng.randint(2, 5) for _ in range(CRITERIA - 1)]
            sheet[f"t{t + 1:02d}"] = {
                f"c{c + 1:02d}": min(5, max(1, level + rng.choice((-1, 0, 0, 1)))) for c, level in enumerate(levels)
            }
        workspace.record_sheet(f"e{e + 1}", sheet, actor=f"e{e + 1}", now=NOW + timedelta(minutes=e))
    return workspace


Timing = tuple[float, float]
"""Wall seconds, CPU seconds."""


def _call(action: Callable[[], object]) -> Timing:
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


def _process(argv: list[str]) -> Timing:
    before = os.times()
    wall = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    wall = time.perf_counter() - wall
    after = os.times()
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def _run(argv: list[str]) -> Callable[[], Timing]:
    return lambda: _process(argv)


def _baseline_analyse(workspace: Workspace, samples: int, uncertainty: bool) -> None:
    model = additive_model(workspace.evaluate())
    exact_sensitivity(model)
    reference_smaa(model, samples=samples, score_uncertainty=uncertainty)
    leave_one_bidder_out(model)


def _check(workspace: Workspace, samples: int) -> None:
    """Every figure of the new paths is the reference's."""
    model = additive_model(workspace.evaluate())
    assert sensitivity(model) == exact_sensitivity(model), "sensitivity differs from the exact reference"
    for uncertainty in (False, True):
        new = smaa(model, samples=samples, score_uncertainty=uncertainty)
        old = reference_smaa(model, samples=samples, score_uncertainty=uncertainty)
        assert new == old, f"SMAA differs from the reference (score uncertainty {uncertainty})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--samples", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="in-process timings only, no whole processes")
    args = parser.parse_args()
    samples = args.samples
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "ws"
        workspace = build(root)
        try:
            _check(workspace, min(samples, 2_000))
            model = additive_model(workspace.evaluate())
            toolbench = toolbench_command()
            runner = [sys.executable, "-c", RUNNER.format(repository=str(REPOSITORY))]
            where = ["-C", str(root), "robustness", "--samples", str(samples)]
            cases: dict[str, tuple[Callable[[], Timing], Callable[[], Timing] | None]] = {
                "sensitivity": (
                    lambda: _call(lambda: sensitivity(model)),
                    lambda: _call(lambda: exact_sensitivity(model)),
                ),
                "smaa": (
                    lambda: _call(lambda: smaa(model, samples=samples)),
                    lambda: _call(lambda: reference_smaa(model, samples=samples)),
                ),
                "smaa + scores": (
                    lambda: _call(lambda: smaa(model, samples=samples, score_uncertainty=True)),
                    lambda: _call(lambda: reference_smaa(model, samples=samples, score_uncertainty=True)),
                ),
                "analyse": (
                    lambda: _call(lambda: _analyse(workspace, samples, False)),
                    lambda: _call(lambda: _baseline_analyse(workspace, samples, False)),
                ),
                "analyse + scores": (
                    lambda: _call(lambda: _analyse(workspace, samples, True)),
                    lambda: _call(lambda: _baseline_analyse(workspace, samples, True)),
                ),
            }
            if not args.quick:
                floor = [sys.executable, "-c", "import toolbench.cli"]
                cases["import floor"] = (_run(floor), None)
                for name, extra in (
                    ("cli", []),
                    ("cli --format json", ["--format", "json"]),
                    ("cli --score-uncertainty", ["--score-uncertainty"]),
                ):
                    shipped = [*toolbench, *where, *extra]
                    new = [*runner, "new", *where, *extra]
                    old = [*runner, "baseline", *where, *extra]
                    cases[f"{name} (toolbench)"] = (_run(shipped), None)
                    cases[f"{name} (runner)"] = (_run(new), _run(old))
            _process([*toolbench, "--help"])  # warm the file cache
            times: dict[str, list[Timing]] = {name: [] for name in cases}
            baselines: dict[str, list[Timing]] = {name: [] for name, (_, old) in cases.items() if old is not None}
            for _ in range(args.runs):
                for name, (new_case, old_case) in cases.items():
                    times[name].append(new_case())
                    if old_case is not None:
                        baselines[name].append(old_case())
        finally:
            workspace.close()
    print(f"runs {args.runs}, {samples:,} samples, {TOOLS} tools × {CRITERIA} criteria × {EVALUATORS} evaluators")
    print("figures: sensitivity and SMAA (with and without score uncertainty) identical to the references")
    if sys.flags.dont_write_bytecode:
        print("PYTHONDONTWRITEBYTECODE is set: every process compiles toolbench from source (slower imports)")
    print(f"{'':37} {'new wall':>9} {'cpu':>7}   {'baseline wall':>13} {'cpu':>7}   {'ratio (cpu)':>11}")
    for name in cases:
        wall, cpu = _medians(times[name])
        line = f"{name:<37} {wall * 1000:7.0f}ms {cpu * 1000:5.0f}ms"
        if name in baselines:
            old_wall, old_cpu = _medians(baselines[name])
            line += f"   {old_wall * 1000:11.0f}ms {old_cpu * 1000:5.0f}ms   {old_cpu / cpu:9.1f} x"
        print(line)


def _analyse(workspace: Workspace, samples: int, uncertainty: bool) -> Robustness:
    return analyse(workspace.evaluate(), samples=samples, score_uncertainty=uncertainty)


def _medians(timings: list[Timing]) -> Timing:
    return statistics.median(t[0] for t in timings), statistics.median(t[1] for t in timings)


if __name__ == "__main__":
    main()
