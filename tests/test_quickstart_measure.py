"""The quick start's measured value: `init --rubric ai-ocr`, then `measure kamiscan field-accuracy=96.4`.

The commands and the plan entries are read from docs/en/quickstart.md and
docs/ja/quickstart.md themselves, so that what a reader types is what is tested. The
figures are worked by hand from the rubric's declared rule for `field-accuracy`
(piecewise: 80 % → 0, 90 % → 1/2, 95 % → 3/4, 98 % → all of its 10 points).
"""

from __future__ import annotations

import csv
import re
import shlex
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import Result

from toolbench import Workspace
from toolbench.model.plan import Evaluator, Text, Tool
from toolbench.workspace.demo import DEMO_POINTS, build_demo, build_single_round_demo
from toolbench.workspace.folder import rubric_data

DOCS = Path(__file__).resolve().parent.parent / "docs"
QUICKSTARTS = [DOCS / "en" / "quickstart.md", DOCS / "ja" / "quickstart.md"]


def _blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.S)


def _commands(text: str) -> list[list[str]]:
    """Every `toolbench …` line of the guide's shell blocks, split as a shell would (comments dropped)."""
    lines = [line for block in _blocks(text, "sh") for line in block.splitlines()]
    return [shlex.split(line, comments=True) for line in lines if line.startswith("toolbench ")]


def _entries(text: str) -> str:
    """The `[[tools]]` / `[[evaluators]]` block the reader puts at the end of the plan."""
    return next(block for block in _blocks(text, "toml") if "[[tools]]" in block)


@pytest.mark.parametrize("guide", QUICKSTARTS, ids=lambda p: p.parent.name)
def test_quickstart_measure_gives_the_hand_computed_points(
    guide: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Callable[..., Result]
) -> None:
    """96.4 % lies between the 95 % (3/4) and 98 % (1) breaks: ratio 3/4 + 1.4/3 × 1/4 = 13/15,
    points 10 × 13/15 = 26/3 (8.67 on the matrix, rounded half up to 2 decimals)."""
    text = guide.read_text(encoding="utf-8")
    commands = _commands(text)
    init = next(c for c in commands if c[1] == "init")
    measure = next(c for c in commands if c[1] == "measure")
    assert init[1:] == ["init", "ocr-2026", "--rubric", "ai-ocr"]
    assert measure[1:4] == ["measure", "kamiscan", "field-accuracy=96.4"] and measure[4] == "--source"

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TOOLBENCH_ACTOR", "advisor")
    created = run(*init[1:])
    assert created.exit_code == 0, created.output
    plan = tmp_path / "ocr-2026" / "toolbench.toml"
    plan.write_text(plan.read_text(encoding="utf-8") + "\n" + _entries(text), encoding="utf-8")
    monkeypatch.chdir(plan.parent)
    measured = run(*measure[1:])
    assert measured.exit_code == 0, measured.output

    with Workspace.open(plan.parent) as ws:
        criterion = ws.plan.criterion("field-accuracy")
        assert criterion is not None and criterion.kind == "metric" and criterion.points == 10
        cell = ws.evaluate().result("kamiscan").cells["field-accuracy"]
        assert cell.source == "metric" and cell.measurement is not None
        assert cell.measurement.source == measure[5]
        assert cell.ratio == Fraction(3, 4) + Fraction(14, 30) * Fraction(1, 4) == Fraction(13, 15)
        assert cell.points == 10 * Fraction(13, 15) == Fraction(26, 3)

    shown = run("--lang", "en", "matrix", "--format", "csv")
    assert shown.exit_code == 0, shown.output
    row = next(csv.reader(line for line in shown.stdout.splitlines() if "Field-level read rate" in line))
    assert row[row.index("Field-level read rate") + 1 :] == ["10", "8.67", "96.4"]


@pytest.mark.parametrize(
    ("value", "points"),
    [
        ("70", Fraction(0)),
        ("80", Fraction(0)),
        ("85", Fraction(5, 2)),
        ("90", Fraction(5)),
        ("95", Fraction(15, 2)),
        ("96.4", Fraction(26, 3)),
        ("98", Fraction(10)),
        ("99.5", Fraction(10)),
    ],
)
def test_field_accuracy_rule_at_its_breaks(tmp_path: Path, value: str, points: Fraction) -> None:
    """The declared piecewise rule: 0 up to 80 %, linear to 5 at 90 %, 7.5 at 95 %, 10 from 98 % on."""
    tool = Tool(id="kamiscan", name=Text(ja="カミスキャン", en="KamiScan"), vendor="株式会社サンプル")
    evaluator = Evaluator(id="aoki", name="青木")
    with Workspace.init(tmp_path / "w", rubric="ai-ocr", tools=(tool,), evaluators=(evaluator,)) as ws:
        ws.record_metrics("kamiscan", {"field-accuracy": Decimal(value)}, source="試行 500枚", actor="t")
        assert ws.evaluate().result("kamiscan").cells["field-accuracy"].points == points


def test_rubric_rates_steadiness_and_measures_the_rate() -> None:
    """`accuracy` (rated) and `field-accuracy` (measured) share the old 20 points, and the
    rating no longer asks for the read rate the metric measures."""
    criteria = {c["id"]: c for c in rubric_data("ai-ocr")["criteria"]}
    assert criteria["accuracy"]["points"] + criteria["field-accuracy"]["points"] == 20
    assert criteria["field-accuracy"]["metric"]["rule"] == "piecewise"
    assert "field-accuracy" in criteria["accuracy"]["description"]["en"]
    assert not any("98%" in anchor["ja"] for anchor in criteria["accuracy"]["anchors"].values())


def test_demos_leave_the_measured_criterion_out(tmp_path: Path) -> None:
    """Both demos take only the criteria the city published (DEMO_POINTS), in its own wording."""
    assert "field-accuracy" not in DEMO_POINTS
    single = build_single_round_demo(tmp_path / "single")
    procedure = build_demo(tmp_path / "procedure")
    try:
        for ws in (single, procedure):
            assert ws.plan.criterion("field-accuracy") is None
            accuracy = ws.plan.criterion("accuracy")
            assert accuracy is not None and accuracy.name.en == "Recognition accuracy"
            assert accuracy.points == DEMO_POINTS["accuracy"]
        assert single.plan.hash[:12] == "7f86b89b3020"
    finally:
        single.close()
        procedure.close()


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        (
            "ja",
            "項目単位の正読率（計測値）: 80 以下で 0 点、98 以上で満点、90 で配点の 0.5、95 で配点の 0.75 を結ぶ直線で按分",
        ),
        (
            "en",
            "(measured): 0 points at 80 or worse, full points at 98 or better, straight between the points "
            "90 → 0.5, 95 → 0.75",
        ),
    ],
)
def test_the_matrix_states_the_measured_criterions_rule(tmp_path: Path, lang: str, line: str) -> None:
    """The brief: reports state every rule used. The rubric's field-accuracy rule (piecewise 80 → 0,
    90 → ½, 95 → ¾, 98 → 1) is written out under the matrix in both languages."""
    from toolbench.documents.matrix import rule_lines

    tool = Tool(id="kamiscan", name=Text(ja="カミスキャン", en="KamiScan"), vendor="かみ株式会社")
    with Workspace.init(tmp_path / "w", rubric="ai-ocr", tools=[tool]) as ws:
        assert any(line in found for found in rule_lines(ws.evaluate(), lang))  # type: ignore[arg-type]
