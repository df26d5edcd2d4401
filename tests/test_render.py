"""Renderers: the same facts in every format, safe CSV, a JSON that keeps its schema."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import jsonschema
import pytest
from click.testing import Result
from rich.cells import cell_len

from toolbench import Price, Text, Tool, Workspace, render
from toolbench.base.numbers import round_fraction
from toolbench.documents.matrix import matrix_view
from toolbench.documents.results import matrix_data
from toolbench.renderers.formats import neutralise

SCHEMA = json.loads((Path(__file__).parents[1] / "docs" / "matrix.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("value", "decimals", "mode", "expected"),
    [
        # 2.345 is exactly 469/200: the half is real, so the modes differ.
        (Fraction(469, 200), 2, "half_up", "2.35"),
        (Fraction(469, 200), 2, "half_even", "2.34"),
        (Fraction(469, 200), 2, "down", "2.34"),
        (Fraction(469, 200), 2, "up", "2.35"),
        # 50/3 = 16.666…: every mode but 'down' gives 16.67.
        (Fraction(50, 3), 2, "half_up", "16.67"),
        (Fraction(50, 3), 2, "down", "16.66"),
        (Fraction(50, 3), 2, "half_even", "16.67"),
        (Fraction(5, 2), 0, "half_up", "3"),
        (Fraction(5, 2), 0, "half_even", "2"),
        (Fraction(7, 2), 0, "half_even", "4"),
        (Fraction(1, 8), 2, "half_even", "0.12"),
        (Fraction(1, 8), 2, "half_up", "0.13"),
        # 四捨五入 and 切捨て act on the magnitude: halves go away from zero.
        (Fraction(-469, 200), 2, "half_up", "-2.35"),
        (Fraction(-469, 200), 2, "down", "-2.34"),
        (Fraction(10), 2, "up", "10.00"),
    ],
)
def test_rounding_modes(value: Fraction, decimals: int, mode: str, expected: str) -> None:
    """Each rounding mode against hand-worked values, including exact halves."""
    assert str(round_fraction(value, decimals, mode)) == expected  # type: ignore[arg-type]


def test_csv_numbers_stay_numbers_and_formulas_are_inert(tmp_path: Path) -> None:
    """A tool name that is a formula arrives as inert text; points stay plain numbers."""
    evil = Tool(id="evil", name=Text(ja='=HYPERLINK("http://x","y")', en='=HYPERLINK("http://x","y")'), vendor="@evil")
    from toolbench.workspace.demo import DEMO_EVALUATORS

    with Workspace.init(tmp_path / "w", tools=[evil], evaluators=DEMO_EVALUATORS) as ws:
        ws.record_scores("evil", "aoki", {"accuracy": "4"}, actor="t")
        text = render(ws.evaluate(), "csv", "en")
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    assert header[4] == '\'=HYPERLINK("http://x","y")'
    accuracy = next(r for r in rows if r[1] == "accuracy")
    assert accuracy[3] == "10" and accuracy[4] == "7.50"  # 0.75 × 10, a plain number
    assert all(not cell.startswith(("=", "+", "@")) for row in rows for cell in row)


def test_csv_file_written_with_bom(demo: Workspace, tmp_path: Path, run: Callable[..., Result]) -> None:
    """`matrix --format csv -o` writes bytes starting with EF BB BF, decodable as UTF-8."""
    out = tmp_path / "m.csv"
    result = run("-C", str(demo.root), "matrix", "--format", "csv", "-o", str(out))
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "帳票リーダーα" in data.decode("utf-8-sig")


@pytest.mark.parametrize("text", ["=1+1", "-1+1", "+1+1", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\tx", "\rx", "--1"])
def test_neutralise(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["-1", "-2.5", "+3", "-", "12", "FormEye"])
def test_plain_numbers_and_the_dash_stay_as_they_are(text: str) -> None:
    """A signed number or a lone dash cannot be a formula; prefixing it would turn a number into text."""
    assert neutralise(text) == text


def test_json_matches_schema_and_traces_scores(fixed_demo: Workspace) -> None:
    """The JSON validates against docs/matrix.schema.json and names the event behind each score."""
    data = json.loads(render(fixed_demo.evaluate(), "json", "ja"))
    jsonschema.validate(data, SCHEMA)
    alpha = next(t for t in data["tools"] if t["id"] == "alpha-reader")
    support = next(c for c in alpha["cells"] if c["criterion"] == "support")
    ishii = next(s for s in support["scores"] if s["evaluator"] == "ishii")
    assert ishii["level"] == "4" and ishii["reason"].startswith("採点表")
    events = {e.seq: e for e in fixed_demo.ledger.events()}
    assert events[ishii["event"]].payload["level"] == "4"
    # technical 175/3 rounded at the total to 58.33, plus price points 20 × 3.96M / 4.8M = 16.5
    assert alpha["technical"] == {"points": 58.33, "exact": "58.33"}
    assert alpha["price_points"]["exact"] == "16.5" and alpha["total_exact"] == "74.83"
    formeye = next(t for t in data["tools"] if t["id"] == "formeye")
    lgwan = formeye["musts"][0]
    assert (lgwan["verdict"], lgwan["decided_by"], lgwan["passes"], lgwan["fails"]) == ("pass", "chair", 1, 1)
    ease = next(c for c in formeye["cells"] if c["criterion"] == "ease-of-use")
    assert ease["source"] == "moderated" and ease["moderation"]["level"] == "4"
    assert events[ease["moderation"]["event"]].kind == "score.moderated"
    assert data["ledger_head"]["seq"] == max(events)


def test_schema_rejects_drift(demo: Workspace) -> None:
    """The schema is strict enough to notice an unexpected key (so the docs cannot drift)."""
    data = matrix_data(demo.evaluate())
    data["tools"][0]["surprise"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)


def test_markdown_and_table_carry_the_same_figures(fixed_demo: Workspace) -> None:
    """Totals and ranks appear in Markdown and in the terminal table alike."""
    evaluation = fixed_demo.evaluate()
    markdown = render(evaluation, "markdown", "en")
    table = render(evaluation, "table", "en", width=160)
    total_line = next(line for line in markdown.splitlines() if line.startswith("| **Total**"))
    # technical 58.33 / 58.5 / 61.25 plus price points 16.5 / 20 / 15
    assert total_line.split("|")[3:6] == [" 74.83 ", " 78.50 ", " 76.25 "]
    assert "74.83" in table and "76.25" in table and "Rank" in table
    assert "\x1b[" not in table


def test_full_width_text_stays_aligned(fixed_demo: Workspace) -> None:
    """Japanese labels are double width; every line of the table has one display width."""
    table = render(fixed_demo.evaluate(), "table", "ja", width=100)
    lines = [line.rstrip("\n") for line in table.splitlines() if "━" in line or "認識精度" in line or "合計" in line]
    widths = {cell_len(line.rstrip()) for line in lines if "━" in line}
    assert len(widths) == 1
    header = next(line for line in table.splitlines() if "評価項目" in line)
    accuracy = next(line for line in table.splitlines() if "認識精度" in line)
    # the first tool's figure ends in the same display column as its header
    assert cell_len(header[: header.index("帳票リーダーα") + len("帳票リーダーα")]) == cell_len(
        accuracy[: accuracy.index("16.67") + len("16.67")]
    )


def test_view_marks_partial_moderated_and_must_rows(fixed_demo: Workspace) -> None:
    """The view flags a partly scored cell, the committee's consensus, and the must-have votes."""
    view = matrix_view(fixed_demo.evaluate(), "en")
    ease = next(r for r in view.rows if r.key == "ease-of-use")
    formeye = ease.cells[view.tool_ids.index("formeye")]
    # Aoki 4, Ishii not scored, Ueda recused (he works for FormEye's vendor) → the committee settled on 4
    assert formeye.value == Decimal("15.00") and formeye.flags == ("moderated", "recused")
    assert formeye.detail == "4/-/x → 4" and formeye.notes == ("committee consensus",)
    handwriting = next(r for r in view.rows if r.key == "handwriting")
    recused = handwriting.cells[view.tool_ids.index("formeye")]
    # both evaluators who may score FormEye did: not partial, Ueda marked x
    assert recused.flags == ("recused",) and recused.detail == "4/3/x" and recused.notes == ()
    partly = ease.cells[view.tool_ids.index("kamiscan")]
    # KamiScan's ease of use: Aoki 5, Ishii 4, Ueda not scored
    assert partly.flags == ("partial",) and partly.detail == "5/4/-" and partly.notes == ("2 of 3 scored",)
    assert any(
        n.startswith("Recused: 上田 (Ueda) does not score FormEye: 北斗通信株式会社 is its vendor") for n in view.notes
    )
    lgwan = next(r for r in view.rows if r.key == "lgwan")
    assert lgwan.kind == "must" and lgwan.points is None
    assert [c.detail for c in lgwan.cells] == ["pass 3/0", "pass 2/1", "pass 1/1"]
    assert lgwan.cells[2].notes == ("tie broken by the chair",)
    assert any("Price: points × lowest proposed price" in note for note in view.notes)
    assert any("agreed at the 2nd committee meeting" in note for note in view.notes)


def test_price_model_keeps_tax_basis() -> None:
    """A tool's price records whether tax is included (reports must say which)."""
    price = Price(amount=Decimal("1100000"), tax="included")
    assert price.tax == "included" and price.currency == "JPY"
