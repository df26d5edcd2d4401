"""How long a large requirement fit table takes to record and to score, against a baseline.

The table: 300 requirements (a CSV file named by `[fit] file`) × 8 proposers, the
answers following a fixed rule (7 in 10 ○, and △, × and − spread over the list), on a
plan with five rating criteria scored by three evaluators. The baseline is the same plan
and the same scores without the fit criterion and its list, built and timed in the same
run, interleaved, so that machine load affects both alike. Each run builds both
workspaces afresh in a temp folder and measures, in process:

    import        `workspace.fitting.record_answers`, once per proposer (300 answers each,
                  all or nothing): the 2,400 answers as `toolbench fit import` records them
    evaluate      `workspace.evaluate()` right after the import (plan, ledger read, every
                  cell scored, the fit cells from the 2,400 answers)
    baseline      `workspace.evaluate()` on the baseline workspace
    verify        the 事務局's verification of 40 answers (5 per proposer), one call each:
                  each call reads the fit events of the ledger to decide, so its cost grows
                  with the table (shown per call, and per 1,000 fit events in the ledger)

and, as whole processes (stdout to a pipe, snapshot cache removed first):

    matrix cold   toolbench -C WORKSPACE matrix    on the fit workspace and on the baseline

It prints medians over --runs. Target (the fit table issue): import and scoring of a
300-requirement table for 8 proposers under 2 s together.

    python benchmarks/fit_speed.py [--runs 5] [--requirements 300] [--proposers 8]

Not a unit test: tests/test_fit_scale.py checks that the same size is scored correctly.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _tools import toolbench_command  # benchmarks/_tools.py: run as a script, the folder is on the path

TARGET_SECONDS = 2.0
CRITERIA = 5
EVALUATORS = 3
VERIFIED_PER_PROPOSER = 5

PLAN_HEAD = """\
[evaluation]
title = {{ ja = "機能要件適合表 速度試験", en = "Fit table benchmark" }}
language = "ja"

[price]
family = "none"
{fit_table}
[groups]
quality = {{ ja = "品質", en = "Quality" }}
fit = {{ ja = "機能要件適合", en = "Requirement fit" }}

[scales.five]
ratios = {{ 5 = 1.00, 4 = 0.75, 3 = 0.50, 2 = 0.25, 1 = 0.00 }}
"""

RATING = """
[[criteria]]
id = "q{n}"
name = {{ ja = "評価項目{n}", en = "Criterion {n}" }}
group = "quality"
points = 10
scale = "five"
"""

FIT_CRITERION = """
[[criteria]]
id = "fn"
name = { ja = "機能要件適合度", en = "Fit to the functional requirements" }
group = "fit"
kind = "fit"
points = 20
"""


def priority(i: int, total: int) -> str:
    """The first fifth 必須, the next half 重要, the rest 任意."""
    return "required" if i < total // 5 else "important" if i < total * 7 // 10 else "optional"


def answer(k: int, i: int, total: int) -> tuple[str, str]:
    """Proposer k's answer to requirement i: mostly ○, a △ (with its remark), × and − in ten."""
    r = (i + k) % 10
    if r == 0:
        return "△", "代替案: 帳票ごとの設定で対応"
    if r == 1:
        return ("○" if priority(i, total) == "required" else "×"), ""
    if r == 2:
        return ("−" if k % 2 == 0 else "○"), ""
    return "○", ""


def rid(i: int) -> str:
    return f"F{i + 1:04d}"


def build(root: Path, requirements: int, proposers: int, *, fit: bool) -> None:
    """The plan (with or without the fit criterion and its CSV list), its ledger and the rating scores."""
    from toolbench import Workspace

    root.mkdir(parents=True)
    text = PLAN_HEAD.format(fit_table='\n[fit]\nfile = "requirements.csv"\n' if fit else "")
    text += "".join(RATING.format(n=n) for n in range(CRITERIA))
    if fit:
        text += FIT_CRITERION
        rows = ["id,text,category,priority,criterion,text_en"]
        rows += [
            f"{rid(i)},要件{i + 1:04d},区分{i // 50},{priority(i, requirements)},fn,Requirement {i + 1}"
            for i in range(requirements)
        ]
        (root / "requirements.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    text += "".join(
        f'\n[[tools]]\nid = "p{k}"\nname = "提案者{k}"\nvendor = "提案者{k}株式会社"\n' for k in range(proposers)
    )
    text += "".join(f'\n[[evaluators]]\nid = "e{j}"\nname = "委員{j}"\n' for j in range(EVALUATORS))
    (root / "toolbench.toml").write_text(text, encoding="utf-8")
    with Workspace.start_ledger(root) as workspace:
        for k in range(proposers):
            for j in range(EVALUATORS):
                levels = {f"q{n}": str(1 + (k + j + n) % 5) for n in range(CRITERIA)}
                workspace.record_scores(f"p{k}", f"e{j}", levels, actor=f"e{j}")


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def one_run(folder: Path, run: int, requirements: int, proposers: int, toolbench: list[str]) -> dict[str, float]:
    from toolbench import Workspace

    fit_root, base_root = folder / f"fit-{run}", folder / f"base-{run}"
    build(fit_root, requirements, proposers, fit=True)
    build(base_root, requirements, proposers, fit=False)
    out: dict[str, float] = {}
    with Workspace.open(fit_root) as workspace, Workspace.open(base_root) as baseline:

        def record() -> None:
            for k in range(proposers):
                answers = {rid(i): answer(k, i, requirements) for i in range(requirements)}
                workspace.fitting.record_answers(f"p{k}", answers, actor="secretariat")

        out["import"] = timed(record)
        out["evaluate"] = timed(workspace.evaluate)
        out["baseline"] = timed(baseline.evaluate)
        fit_events = len(workspace.events(kind="fit.answered"))
        checks = [(f"p{k}", rid(i)) for k in range(proposers) for i in range(VERIFIED_PER_PROPOSER)]

        def verify() -> None:
            for tool, requirement in checks:
                workspace.fitting.verify(tool, requirement, "accept", actor="secretariat")

        spent = timed(verify)
        out["verify call"] = spent / len(checks)
        out["verify per 1k events"] = out["verify call"] / (fit_events / 1000)
        result = workspace.evaluate().result("p0")
        assert result.cells["fn"].fit is not None and result.cells["fn"].points is not None
    for name, root in (("matrix cold", fit_root), ("matrix cold baseline", base_root)):
        shutil.rmtree(root / ".toolbench" / "cache", ignore_errors=True)
        start = time.perf_counter()
        subprocess.run([*toolbench, "-C", str(root), "matrix"], check=True, capture_output=True)
        out[name] = time.perf_counter() - start
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--requirements", type=int, default=300)
    parser.add_argument("--proposers", type=int, default=8)
    args = parser.parse_args()
    toolbench = toolbench_command()
    figures: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as temp:
        for run in range(args.runs):
            for name, value in one_run(Path(temp), run, args.requirements, args.proposers, toolbench).items():
                figures.setdefault(name, []).append(value)
    m = {name: statistics.median(values) for name, values in figures.items()}
    answers = args.requirements * args.proposers
    both = m["import"] + m["evaluate"]
    print(f"runs                  {args.runs}")
    print(f"table                 {args.requirements} requirements x {args.proposers} proposers = {answers:,} answers")
    print(f"                      (+ {CRITERIA} rating criteria x {EVALUATORS} evaluators on both plans)")
    print(f"import                {m['import'] * 1000:8.1f} ms  ({m['import'] / answers * 1e6:.0f} us per answer)")
    print(f"evaluate              {m['evaluate'] * 1000:8.1f} ms")
    added = (m["evaluate"] - m["baseline"]) * 1000
    print(f"  baseline (no fit)   {m['baseline'] * 1000:8.1f} ms  (the fit table adds {added:.1f} ms)")
    verdict = "met" if both < TARGET_SECONDS else "NOT met"
    print(f"import + evaluate     {both * 1000:8.1f} ms  target < {TARGET_SECONDS:.0f} s: {verdict}")
    print(
        f"verify (one answer)   {m['verify call'] * 1000:8.1f} ms  "
        f"({m['verify per 1k events'] * 1000:.1f} ms per 1,000 fit events in the ledger)"
    )
    print(f"matrix cold (process) {m['matrix cold'] * 1000:8.1f} ms")
    print(f"  baseline (no fit)   {m['matrix cold baseline'] * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
