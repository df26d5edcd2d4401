"""How long facts take to record, to score and to check, against a baseline without them.

The plan: 200 candidates, three rating criteria scored by three evaluators, and — in the
fact workspace only — two `fact` criteria (combinations over ISMAP / ISMAP-LIU / ISO 27001;
per fact over data location, retention and processing region) and a must-have decided by
facts (training use). Each candidate gets 8 facts, recorded in one all-or-nothing call
(1,600 facts), then every candidate's ISMAP fact is refreshed one by one (200 calls, each
deciding against the ledger as it stands). The baseline is the same plan and scores
without the fact criteria and facts, built and timed in the same run, interleaved.

    record        `workspace.facts.record` of the 1,600 facts (one append)
    refresh       one `workspace.facts.record` call (median of 200): its cost grows with the
                  fact events it reads
    evaluate      `workspace.evaluate()` on the fact workspace
    baseline      `workspace.evaluate()` on the baseline workspace
    check         `attention` (what `toolbench fact check` reports) over the 200 candidates

It prints medians over --runs and the ratio of evaluate to baseline. Target: facts add
well under a second to an evaluation of 200 candidates, so `matrix` stays instant.

    python benchmarks/facts_speed.py [--runs 3] [--tools 200]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from toolbench.methods.facts import attention
from toolbench.model.facts import Fact
from toolbench.workspace.workspace import Workspace

NOW = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
EVALUATORS = ("e1", "e2", "e3")
RATED = ("quality", "support", "ease")

PLAN = """\
[evaluation]
title = {{ ja = "事実 速度試験", en = "Facts benchmark" }}
language = "ja"

[facts]
max_age_days = 180
date = 2026-12-01

[groups]
g = {{ ja = "評価", en = "Evaluation" }}

[scales.five]
ratios = {{ 5 = 1.0, 4 = 0.75, 3 = 0.5, 2 = 0.25, 1 = 0.0 }}
{criteria}
{tools}
{evaluators}
"""

RATED_CRITERION = """
[[criteria]]
id = "{id}"
name = "{id}"
group = "g"
points = 20
scale = "five"
"""

FACT_CRITERIA = """
[[criteria]]
id = "cloud"
name = "クラウド認証"
group = "g"
kind = "fact"
points = 10
[criteria.fact]
facts = [{ key = "ismap" }, { key = "ismap-liu" }, { key = "iso27001" }]
combinations = [{ any = ["ismap", "ismap-liu"], points = 10 }, { all = ["iso27001"], points = 5 }]

[[criteria]]
id = "data"
name = "データの取扱い"
group = "g"
kind = "fact"
points = 10
[criteria.fact]
facts = [
  { key = "data-location", in = ["japan"], points = 4 },
  { key = "ai-retention-days", at_most = 30, points = 3 },
  { key = "ai-region", in = ["japan"], points = 3 },
]

[[criteria]]
id = "no-training"
name = "学習利用なし"
group = "g"
kind = "must"
points = 0
[criteria.fact]
facts = [{ key = "ai-training-use", in = ["none"] }]
"""


def _plan(tools: int, with_facts: bool) -> str:
    criteria = "".join(RATED_CRITERION.format(id=c) for c in RATED) + (FACT_CRITERIA if with_facts else "")
    listed = "".join(f'\n[[tools]]\nid = "t{i:03d}"\nname = "T{i:03d}"\nvendor = "会社{i:03d}"\n' for i in range(tools))
    people = "".join(f'\n[[evaluators]]\nid = "{e}"\nname = "{e}"\n' for e in EVALUATORS)
    return PLAN.format(criteria=criteria, tools=listed, evaluators=people)


def _facts(index: int) -> list[Fact]:
    def fact(key: str, value: object, **more: object) -> Fact:
        return Fact.model_validate({"key": key, "value": value, "source": "提案書", "as_of": "2026-10-01", **more})

    return [
        fact("ismap", index % 3 == 0, expires="2027-03-31"),
        fact("ismap-liu", index % 5 == 0),
        fact("iso27001", index % 2 == 0, expires="2026-11-30" if index % 7 == 0 else "2027-06-30"),
        fact("data-location", "japan" if index % 4 else "overseas"),
        fact("ai-retention-days", index % 60),
        fact("ai-region", "japan" if index % 6 else "mixed"),
        fact("ai-training-use", "none" if index % 9 else "opt-out"),
        fact("soc2", "type2"),
    ]


def _workspace(root: Path, tools: int, with_facts: bool) -> Workspace:
    root.mkdir(parents=True)
    (root / "toolbench.toml").write_text(_plan(tools, with_facts), encoding="utf-8")
    workspace = Workspace.start_ledger(root)
    for evaluator in EVALUATORS:
        sheet = {f"t{i:03d}": {c: str(1 + (i + len(c)) % 5) for c in RATED} for i in range(tools)}
        workspace.record_sheet(evaluator, sheet, actor=evaluator, now=NOW)
    return workspace


def _timed(call: object) -> float:
    start = time.perf_counter()
    call()  # type: ignore[operator]
    return time.perf_counter() - start


def run_once(folder: Path, tools: int) -> dict[str, float]:
    figures: dict[str, float] = {}
    facts_ws = _workspace(folder / "facts", tools, True)
    base_ws = _workspace(folder / "base", tools, False)
    try:
        items = [(f"t{i:03d}", f) for i in range(tools) for f in _facts(i)]
        figures["record"] = _timed(lambda: facts_ws.facts.record(items, actor="office", now=NOW))
        refresh = []
        for i in range(tools):
            newer = Fact.model_validate(
                {"key": "ismap", "value": i % 3 == 0, "source": "一覧", "as_of": "2026-11-15", "expires": "2027-03-31"}
            )
            refresh.append(_timed(lambda t=f"t{i:03d}", f=newer: facts_ws.facts.record([(t, f)], actor="office")))
        figures["refresh"] = statistics.median(refresh)
        figures["baseline"] = _timed(base_ws.evaluate)
        figures["evaluate"] = _timed(facts_ws.evaluate)
        state = facts_ws.facts.current()
        figures["check"] = _timed(lambda: attention(facts_ws.plan, state, date(2026, 12, 1), 90))
    finally:
        facts_ws.close()
        base_ws.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tools", type=int, default=200)
    args = parser.parse_args()
    runs: list[dict[str, float]] = []
    for _ in range(args.runs):
        folder = Path(tempfile.mkdtemp(prefix="toolbench-facts-"))
        try:
            runs.append(run_once(folder, args.tools))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    median = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    print(f"{args.tools} candidates, {8 * args.tools} facts, medians of {args.runs} runs")
    per_fact = median["record"] * 1e6 / (8 * args.tools)
    print(f"  record      {median['record'] * 1000:8.1f} ms  ({per_fact:.0f} µs per fact)")
    print(f"  refresh     {median['refresh'] * 1000:8.1f} ms  per call")
    print(f"  evaluate    {median['evaluate'] * 1000:8.1f} ms")
    print(f"  baseline    {median['baseline'] * 1000:8.1f} ms  (no fact criteria)")
    print(f"  ratio       {median['evaluate'] / median['baseline']:8.2f}  evaluate / baseline")
    print(f"  check       {median['check'] * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
