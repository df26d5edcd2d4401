"""How long SMAA-2 takes for 10,000 samples on the demo workspace, against a floor.

Both are timed in the same process and run, interleaved so that machine load affects
them alike:

    floor   drawing the same number of random numbers (samples × criteria) in a bare
            Python loop: the least any pure-Python sampler has to do
    smaa    toolbench.methods.robustness.smaa(model, samples=10_000), for each weight mode,
            with and without score uncertainty (the model built once, as the
            command does)

It prints the medians, their ratios to the floor, and the whole `analyse` call
(sensitivity + SMAA + leave-one-bidder-out). Target: well under a second for the
default command (uniform weights) — in practice well under 0.25 s.

    python benchmarks/smaa_speed.py [--runs 7] [--samples 10000]
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from toolbench import build_demo
from toolbench.methods.robustness import additive_model, analyse, smaa


def _time(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--samples", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        workspace = build_demo(Path(folder) / "demo")
        try:
            evaluation = workspace.evaluate()
        finally:
            workspace.close()
    model = additive_model(evaluation)
    draws = args.samples * len(model.criteria)

    def floor() -> None:
        rng = random.Random(0)
        rnd, log = rng.random, math.log
        for _ in range(draws):
            -log(1.0 - rnd())

    cases: dict[str, Callable[[], object]] = {
        "smaa uniform": lambda: smaa(model, samples=args.samples),
        "smaa hearings": lambda: smaa(model, samples=args.samples, weights="hearings"),
        "smaa uniform + scores": lambda: smaa(model, samples=args.samples, score_uncertainty=True),
        "smaa hearings + scores": lambda: smaa(model, samples=args.samples, weights="hearings", score_uncertainty=True),
        "analyse (all three)": lambda: analyse(evaluation, samples=args.samples),
    }
    floor()  # warm up
    times: dict[str, list[float]] = {"floor": [], **{name: [] for name in cases}}
    for _ in range(args.runs):
        times["floor"].append(_time(floor))
        for name, action in cases.items():
            times[name].append(_time(action))
    f = statistics.median(times["floor"])
    print(f"runs                     {args.runs}")
    print(f"samples                  {args.samples:,} × {len(model.criteria)} criteria × {len(model.tools)} tools")
    print(f"floor (random draws)     {f * 1000:7.1f} ms")
    for name in cases:
        t = statistics.median(times[name])
        print(f"{name:<24} {t * 1000:7.1f} ms  ratio {t / f:5.2f} x")


if __name__ == "__main__":
    main()
