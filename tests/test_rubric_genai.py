"""The shipped generative-AI rubric (scoring/gen-ai.toml) and its catalog entries.

The rubric-wide checks (complete plan, round trip, init from the catalog) run over every
shipped rubric in test_plan.py and test_catalog.py; these are the gen-ai rubric's own:
its sources, its must-have and fact criteria decided by recorded facts, and its figures
worked by hand.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from importlib import resources
from pathlib import Path

import pytest
from click.testing import Result

from toolbench import Workspace
from toolbench.model.facts import Fact
from toolbench.model.plan import Evaluator, Price, parse_plan
from toolbench.workspace.catalog import candidates_for, shipped_entries
from toolbench.workspace.folder import rubric_data, rubric_names

RATED = ["answer-quality", "lgwan-access", "logging-audit", "output-safety", "admin-controls", "support"]
SEEN = date(2026, 11, 20)
"""The day the facts below were read from their sources."""
NOW = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
"""When they are recorded (the reference date is the last event's: 2026-12-01 in Japan)."""


def _text() -> str:
    with resources.as_file(resources.files("toolbench._data.scoring") / "gen-ai.toml") as path:
        return path.read_text(encoding="utf-8")


def test_gen_ai_rubric_is_shipped_and_listed(run: Callable[..., Result]) -> None:
    assert "gen-ai" in rubric_names()
    listed = {r["id"]: r for r in json.loads(run("rubric", "list", "--format", "json").stdout)}
    assert listed["gen-ai"]["price_family"] == "lowest_ratio"
    shown = json.loads(run("rubric", "show", "gen-ai", "--format", "json").stdout)
    assert {c["id"] for c in shown} >= {"no-training", "data-handling", "cloud-certification", *RATED, "price"}


def test_gen_ai_rubric_shape() -> None:
    """Category, price method, facts age, weights over the rated criteria and price, 100 points."""
    data = rubric_data("gen-ai")
    plan = parse_plan(data, file="gen-ai.toml")
    assert plan.rubric is not None and plan.rubric.category == "gen-ai"
    assert plan.price.family == "lowest_ratio"
    assert plan.facts.max_age_days == 180
    assert plan.evaluation.total_points == 100 == sum(c.points for c in plan.criteria)
    assert list(plan.weights.criteria) == [*RATED, "price"]
    assert [c.id for c in plan.criteria if c.kind == "rating"] == RATED
    assert not data.get("requirements"), "no requirement list: the guideline's checklist rows were not found"
    five = plan.scales["five"]
    for criterion in plan.criteria:
        assert criterion.description is not None and criterion.description.ja and criterion.description.en
        if criterion.kind == "rating":
            assert set(criterion.anchors) == set(five.ratios), criterion.id  # every level has its anchor


def test_gen_ai_must_have_and_fact_criteria() -> None:
    plan = parse_plan(rubric_data("gen-ai"))
    must = plan.criterion("no-training")
    assert must is not None and must.kind == "must" and must.fact is not None
    assert [(c.key, c.in_) for c in must.fact.facts] == [("ai-training-use", ["none"])]
    handling = plan.criterion("data-handling")
    assert handling is not None and handling.kind == "fact" and handling.fact is not None
    assert {c.key for c in handling.fact.facts} == {"ai-region", "data-location", "ai-retention-days"}
    certification = plan.criterion("cloud-certification")
    assert certification is not None and certification.kind == "fact" and certification.fact is not None
    assert {c.key for c in certification.fact.facts} == {"ismap", "ismap-liu", "iso27001"}


def test_gen_ai_rubric_cites_its_sources() -> None:
    """The comment at the top names both documents, their publishers and years, and says what was not found."""
    head = _text().split("[rubric]")[0]
    assert "行政の進化と革新のための生成AIの調達・利活用に係るガイドライン" in head and "デジタル庁" in head
    assert "2025-05-27" in head and "https://www.digital.go.jp/" in head
    assert "自治体におけるAI活用・導入ガイドブック" in head and "総務省" in head
    assert "NOT found" in head


def _fact(key: str, value: object, *, seen: date = SEEN, **extra: object) -> Fact:
    return Fact.model_validate(
        {"key": key, "value": value, "source": f"https://example.jp/{key}", "as_of": seen} | extra
    )


@pytest.fixture()
def gen_ai(tmp_path: Path) -> Workspace:
    """Three catalog products; two evaluators who give every rated criterion the same levels."""
    entries = [e.id for e in shipped_entries() if e.category == "gen-ai"][:3]
    tools = [
        tool.model_copy(update={"price": Price(amount=Decimal(amount))})
        for tool, amount in zip(candidates_for("gen-ai", entries), ("2000000", "2500000", "4000000"), strict=True)
    ]
    people = [Evaluator(id="e1", name="委員1"), Evaluator(id="e2", name="委員2")]
    return Workspace.init(tmp_path / "gen-ai", rubric="gen-ai", tools=tools, evaluators=people)


def test_facts_decide_the_must_have_and_the_fact_criteria(gen_ai: Workspace) -> None:
    """Worked by hand:

    first   training none, processed and stored in Japan, kept 0 days, ISMAP → 10 + 10
    second  training "used unless opted out" → fails the must-have, disqualified
    third   processed overseas (0) but stored in Japan (3), kept 45 days (0); ISMS only → 3 + 5;
            its training fact was read 200 days before: too old, the must-have is undecided
    """
    first, second, third = (t.id for t in gen_ai.plan.tools)
    with gen_ai as ws:
        everything = [
            (first, _fact("ai-training-use", "none")),
            (first, _fact("ai-region", "japan")),
            (first, _fact("data-location", "japan")),
            (first, _fact("ai-retention-days", 0)),
            (first, _fact("ismap", True, number="C23-0001-1", expires=date(2027, 12, 31))),
            (first, _fact("ismap-liu", False)),
            (first, _fact("iso27001", True)),
            (second, _fact("ai-training-use", "opt-out")),
            (third, _fact("ai-training-use", "none", seen=SEEN - timedelta(days=200))),
            (third, _fact("ai-region", "overseas")),
            (third, _fact("data-location", "japan")),
            (third, _fact("ai-retention-days", 45)),
            (third, _fact("ismap", False)),
            (third, _fact("ismap-liu", False)),
            (third, _fact("iso27001", True)),
        ]
        ws.facts.record(everything, actor="secretariat", now=NOW)
        levels = dict.fromkeys(RATED, "4")
        for tool in (first, second, third):
            for evaluator in ("e1", "e2"):
                ws.record_scores(tool, evaluator, levels, actor="t", now=NOW)
        result = ws.evaluate()

        one = result.result(first)
        assert one.musts["no-training"].verdict == "pass" and one.musts["no-training"].decided_by == "facts"
        assert one.cells["data-handling"].points == 10
        assert one.cells["cloud-certification"].points == 10
        # rated: 60 points at level 4 (3/4) = 45; price: the lowest of the eligible → 20
        assert one.cells["price"].points == 20
        assert one.total == 10 + 10 + 45 + 20

        two = result.result(second)
        assert two.musts["no-training"].verdict == "fail"
        assert two.disqualified

        three = result.result(third)
        assert three.musts["no-training"].verdict == "stale"
        assert not three.disqualified
        assert three.cells["data-handling"].points == 3
        assert three.cells["cloud-certification"].points == 5
        # price 20 × 2,000,000 ÷ 4,000,000 = 10
        assert three.cells["price"].points == Fraction(10)
        assert three.total == 3 + 5 + 45 + 10


def test_a_fact_not_recorded_leaves_the_cell_unscored(gen_ai: Workspace) -> None:
    """Missing facts are never counted as not holding: the cell waits for them."""
    first = gen_ai.plan.tools[0].id
    with gen_ai as ws:
        ws.facts.record([(first, _fact("ai-region", "japan"))], actor="secretariat", now=NOW)
        result = ws.evaluate().result(first)
        assert result.cells["data-handling"].points is None
        assert result.cells["cloud-certification"].points is None
        assert result.musts["no-training"].verdict not in ("pass", "fail")


def test_init_gen_ai_with_catalog_tools(tmp_path: Path, run: Callable[..., Result]) -> None:
    """`toolbench init x --rubric gen-ai --tools …` takes the products from the catalog."""
    entries = {e.id: e for e in shipped_entries() if e.category == "gen-ai"}
    assert len(entries) >= 3
    for entry in entries.values():
        assert entry.name and entry.vendor and all(f.source.startswith("https://") and f.detail for f in entry.facts)
    chosen = sorted(entries)[:3]
    result = run("--lang", "en", "init", str(tmp_path / "x"), "--rubric", "gen-ai", "--tools", ",".join(chosen))
    assert result.exit_code == 0, result.output
    with Workspace.open(tmp_path / "x") as ws:
        assert [(t.id, t.vendor) for t in ws.plan.tools] == [(i, entries[i].vendor) for i in chosen]
        assert ws.plan.rubric is not None and ws.plan.rubric.category == "gen-ai"
    wrong = run("--lang", "en", "init", str(tmp_path / "y"), "--rubric", "gen-ai", "--tools", "uipath")
    assert wrong.exit_code != 0 and "gen-ai" in wrong.stderr
