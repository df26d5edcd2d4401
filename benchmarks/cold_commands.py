"""How long each command takes on the demo workspace, against an import floor.

Every command is timed as a whole process (stdout to a pipe, as in a script), in the
same run as the floor and interleaved with it, so that machine load affects them alike:

    floor   python -c "import click, rich, pydantic"
    warm    toolbench -C DEMO COMMAND, run again with nothing changed: the matrix
            snapshot and the kept weights and fairness documents are used
    cold    the same with the workspace's cache folder (.toolbench/cache) removed
            before each run, i.e. the first run after a new event or a plan change

It prints the medians and their ratios to the floor. Target (issue 17): every command
≤ 2 × floor. The commands that keep nothing (log, audit verify …) are the same cold
and warm.

Python's bytecode is cached in a temporary folder (PYTHONPYCACHEPREFIX, replacing any
PYTHONDONTWRITEBYTECODE), so a checkout measures what an installed toolbench does; the
user cache folder (XDG_CACHE_HOME) is a temporary one too.

    python benchmarks/cold_commands.py [--runs 11] [--only weights,fairness]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _tools import toolbench_command  # benchmarks/_tools.py: run as a script, the folder is on the path

COMMANDS: dict[str, list[str]] = {
    "--help": ["--help"],
    "--lang ja --help": ["--lang", "ja", "--help"],
    "matrix": ["matrix"],
    "weights": ["weights"],
    "fairness": ["fairness"],
    "robustness": ["robustness"],
    "log": ["log"],
    "audit verify": ["audit", "verify"],
    "trials": ["trials"],
    "hearing list": ["hearing", "list"],
    "report": ["report", "{out}", "--force"],
}
"""What is timed, by name: arguments after `toolbench -C DEMO` ({out} is a temporary folder)."""


def _time(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--only", default="", help="Names of the commands to time, separated by commas.")
    args = parser.parse_args()
    chosen = [name for name in COMMANDS if not args.only or name in args.only.split(",")]
    toolbench = toolbench_command()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env |= {"PYTHONPYCACHEPREFIX": str(base / "pycache"), "XDG_CACHE_HOME": str(base / "user-cache")}
        demo = base / "demo"
        subprocess.run([*toolbench, "demo", str(demo)], check=True, stdout=subprocess.DEVNULL, env=env)
        cache = demo / ".toolbench" / "cache"
        floor_argv = [sys.executable, "-c", "import click, rich, pydantic"]
        argvs = {
            name: [*toolbench, "-C", str(demo), *(a.format(out=base / "report") for a in COMMANDS[name])]
            for name in chosen
        }
        for argv in (floor_argv, *argvs.values()):  # compile the bytecode, warm the file cache
            _time(argv, env)
        floor: list[float] = []
        warm: dict[str, list[float]] = {name: [] for name in chosen}
        cold: dict[str, list[float]] = {name: [] for name in chosen}
        for _ in range(args.runs):
            floor.append(_time(floor_argv, env))
            for name, argv in argvs.items():
                shutil.rmtree(cache, ignore_errors=True)
                cold[name].append(_time(argv, env))
                warm[name].append(_time(argv, env))  # from what the cold run kept
    f = statistics.median(floor)
    print(f"runs {args.runs}; import floor {f * 1000:.1f} ms (python -c 'import click, rich, pydantic')")
    print(f"{'command':<20} {'warm ms':>8} {'× floor':>8} {'cold ms':>8} {'× floor':>8}")
    for name in chosen:
        w, c = statistics.median(warm[name]), statistics.median(cold[name])
        print(f"{name:<20} {w * 1000:8.1f} {w / f:8.2f} {c * 1000:8.1f} {c / f:8.2f}")
    print("target: every command <= 2.00 x floor")


if __name__ == "__main__":
    main()
