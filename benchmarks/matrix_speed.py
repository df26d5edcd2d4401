"""How long `toolbench matrix` takes on the demo workspace, against an import floor.

Both are timed as whole processes in the same run, interleaved so that machine load
affects them alike:

    floor   python -c "import click, rich, pydantic"
    matrix  toolbench -C DEMO matrix          (stdout to a pipe, as in a script)
    cold    the same with the snapshot cache removed before each run, i.e. the
            first matrix after a new score or plan change: plan validated with
            pydantic, chain verified, evaluation computed, snapshot stored

It prints the medians and their ratios to the floor. Target (issue 2): matrix ≤ 2 × floor.

    python benchmarks/matrix_speed.py [--runs 21]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _tools import toolbench_command  # benchmarks/_tools.py: run as a script, the folder is on the path


def _time(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    toolbench = toolbench_command()
    with tempfile.TemporaryDirectory() as folder:
        demo = Path(folder) / "demo"
        subprocess.run([*toolbench, "demo", str(demo)], check=True, stdout=subprocess.DEVNULL)
        floor_argv = [sys.executable, "-c", "import click, rich, pydantic"]
        matrix_argv = [*toolbench, "-C", str(demo), "matrix"]
        for argv in (floor_argv, matrix_argv):  # warm the file cache
            _time(argv)
        floor, matrix, cold = [], [], []
        cache = demo / ".toolbench" / "cache"
        for _ in range(args.runs):
            floor.append(_time(floor_argv))
            matrix.append(_time(matrix_argv))
            shutil.rmtree(cache, ignore_errors=True)
            cold.append(_time(matrix_argv))
    f, m, c = statistics.median(floor), statistics.median(matrix), statistics.median(cold)
    print(f"runs                 {args.runs}")
    print(f"import floor         {f * 1000:7.1f} ms  (python -c 'import click, rich, pydantic')")
    print(f"toolbench matrix     {m * 1000:7.1f} ms  ratio {m / f:5.2f} x  (target <= 2.00)")
    print(f"  cold (no snapshot) {c * 1000:7.1f} ms  ratio {c / f:5.2f} x")


if __name__ == "__main__":
    main()
