"""HTML and XLSX renderings of the matrix, and CSV in CP932: inert text, honest charts, exact bytes.

Real workspaces on disk with real SQLite ledgers. The figures below are worked by
hand from the levels recorded (scale five: 5 → 1.00, 4 → 0.75, 3 → 0.50, 2 → 0.25).
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from openpyxl import load_workbook

from toolbench import Workspace
from toolbench.base.cells import column_letters
from toolbench.documents.matrix import matrix_view
from toolbench.documents.procurement import matrix_workbook_document
from toolbench.renderers.encoding import UnencodableText, encode_csv
from toolbench.renderers.formats import render_csv
from toolbench.renderers.html import BAR_HEIGHT, render_html
from toolbench.renderers.writers import write
from toolbench.renderers.xlsx import sheet_title

FORMULA = '=HYPERLINK("http://x","y")'
SCRIPT = "<script>alert(1)</script>"
NOW = datetime(2026, 5, 1, 9, 30, tzinfo=UTC)

# Three criteria in two groups; one tool named as a formula, one as a script tag.
INJECTION_PLAN = """\
[evaluation]
title = { ja = "注入テスト", en = "Injection test" }
language = "en"
rounding = "half_up"
decimals = 2

[groups]
g1 = { ja = "機能", en = "Function" }
g2 = { ja = "操作性", en = "Usability" }

[scales.five]
ratios = { 5 = 1.00, 4 = 0.75, 3 = 0.50, 2 = 0.25, 1 = 0.00 }

[[criteria]]
id = "c1"
name = { ja = "精度", en = "Accuracy" }
group = "g1"
points = 20
scale = "five"

[[criteria]]
id = "c2"
name = { ja = "手書き", en = "Handwriting" }
group = "g1"
points = 10
scale = "five"

[[criteria]]
id = "c3"
name = { ja = "使いやすさ", en = "Ease of use" }
group = "g2"
points = 10
scale = "five"

[[tools]]
id = "evil"
name = '=HYPERLINK("http://x","y")'
vendor = '=HYPERLINK("http://x","y")'

[[tools]]
id = "tag"
name = "<script>alert(1)</script>"
vendor = "Tag & Co. <b>"

[[tools]]
id = "plain"
name = "Plain OCR"
vendor = "Plain Co."

[[evaluators]]
id = "e1"
name = "E1"

[[evaluators]]
id = "e2"
name = "E2"
"""


def make_workspace(root: Path, plan: str) -> Workspace:
    root.mkdir()
    (root / "toolbench.toml").write_text(plan, encoding="utf-8")
    return Workspace.start_ledger(root)


@pytest.fixture()
def injected(tmp_path: Path) -> Iterator[Workspace]:
    """evil: c1 5,4 → 17.5; c2 4,4 → 7.5; c3 3,3 → 5   → Function 25, Usability 5, total 30 (rank 1)
    tag:  c1 3,3 → 10;   c2 5,5 → 10;  c3 5,4 → 8.75 → Function 20, Usability 8.75, total 28.75 (rank 2)
    plain: c1 2 by e1 only → 5; nothing else → Function 5, Usability missing, total 5 (rank 3, provisional)
    """
    workspace = make_workspace(tmp_path / "injected", INJECTION_PLAN)
    workspace.record_scores("evil", "e1", {"c1": "5", "c2": "4", "c3": "3"}, actor="t")
    workspace.record_scores("evil", "e2", {"c1": "4", "c2": "4", "c3": "3"}, actor="t")
    workspace.record_scores("tag", "e1", {"c1": "3", "c2": "5", "c3": "5"}, actor="t")
    workspace.record_scores("tag", "e2", {"c1": "3", "c2": "5", "c3": "4"}, actor="t")
    workspace.record_scores("plain", "e1", {"c1": "2"}, actor="t")
    yield workspace
    workspace.close()


# --- HTML ---------------------------------------------------------------------------------

EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|<link\b|@import|url\(|<script\b""", re.I)


def test_html_is_self_contained_and_escapes_every_name(injected: Workspace) -> None:
    view = matrix_view(injected.evaluate(), "en")
    page = render_html(view, now=NOW)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert "@page { size: A4 landscape;" in page
    assert EXTERNAL.search(page) is None  # no <link>, no remote src/href, no @import, no script at all
    assert SCRIPT not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert FORMULA not in page and "=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)" in page
    # every "<" in the page opens a tag this renderer writes
    tags = set(re.findall(r"</?([a-zA-Z][a-zA-Z0-9]*)", page))
    assert tags <= {
        "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p", "main", "table",
        "colgroup", "col", "thead", "tbody", "tr", "th", "td", "span", "ul", "li", "section", "svg",
        "desc", "line", "text", "tspan", "rect", "div", "figure", "figcaption", "polygon", "circle",
    }  # fmt: skip
    # 09:30 UTC is 18:30 in Japan, where the document is read (the ledger keeps UTC)
    assert "Made 1 May 2026 18:30 (Japan time)" in page
    assert 'counter(page) " / " counter(pages)' in page and '"1 May 2026"' in page


def test_html_in_japanese_carries_the_notes(injected: Workspace) -> None:
    view = matrix_view(injected.evaluate(), "ja")
    page = render_html(view)
    assert '<html lang="ja">' in page and "<title>注入テスト</title>" in page
    for note in view.notes:  # the rule, the rounding and the provenance are all stated
        assert f"<li>{html.escape(note)}</li>" in page
    assert f"計画 {injected.plan.hash[:12]}" in page


_RECT = re.compile(r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"[^>]*><title>([^<]*)</title>')


def _segment(svg: str, title_part: str) -> dict[str, float]:
    """The one bar segment whose accessible title contains `title_part`."""
    found = [m for m in _RECT.finditer(svg) if title_part in m.group(5)]
    assert len(found) == 1, title_part
    x, y, width, height, _ = found[0].groups()
    return {"x": float(x), "y": float(y), "width": float(width), "height": float(height)}


def test_stacked_bars_are_proportional_to_the_subtotals(injected: Workspace) -> None:
    """The full bar is the groups' points: 30 + 10 = 40, drawn BAR_HEIGHT (200) tall.

    evil: Function 25 → 25/40 × 200 = 125; Usability 5 → 25, stacked on top of it.
    tag: Function 20 → 100; Usability 8.75 → 43.75. plain: Function 5 → 25, no Usability.
    """
    page = render_html(matrix_view(injected.evaluate(), "en"))
    bars = page[page.index('<svg class="bars"') : page.index("</svg>", page.index('<svg class="bars"'))]
    assert BAR_HEIGHT == 200
    assert "<title" in bars and "the full height is 40 points" in bars
    evil_function = _segment(bars, "=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;), Subtotal (Function): 25.00")
    evil_usability = _segment(bars, "=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;), Subtotal (Usability): 5.00")
    assert evil_function["height"] == 125.0 and evil_usability["height"] == 25.0
    assert evil_usability["y"] + evil_usability["height"] == evil_function["y"]  # stacked, no gap
    assert _segment(bars, ", Subtotal (Function): 20.00")["height"] == 100.0
    assert _segment(bars, ", Subtotal (Usability): 8.75")["height"] == 43.75
    assert _segment(bars, "Plain OCR, Subtotal (Function): 5.00")["height"] == 25.0
    assert "Plain OCR, Subtotal (Usability)" not in bars  # missing is drawn as nothing, not as 0
    assert len(re.findall(r"<rect [^>]*><title>", bars)) == 5


def test_radar_per_tool_or_a_sentence_why_not(injected: Workspace) -> None:
    """evil and tag have figures on all three criteria; plain on one only, so it gets no radar."""
    page = render_html(matrix_view(injected.evaluate(), "en"))
    radars = re.findall(r'<svg class="radar".*?</svg>', page, re.S)
    assert len(radars) == 2
    assert all(re.search(r'<title id="radar-\d-title">', r) for r in radars)
    # evil: 17.5/20, 7.5/10, 5/10 → 88 %, 75 %, 50 %
    assert "Accuracy: 17.50 of 20 (88%); Handwriting: 7.50 of 10 (75%); Ease of use: 5.00 of 10 (50%)" in radars[0]
    assert "Plain OCR: no radar chart, fewer than 3 criteria with points have a figure (1)." in page


def test_demo_html_has_one_radar_per_tool(demo: Workspace) -> None:
    view = matrix_view(demo.evaluate(), "ja")
    page = render_html(view)
    assert page.count('<svg class="radar"') == len(view.tool_ids) == 3
    assert page.count('<svg class="bars"') == 1
    assert EXTERNAL.search(page) is None


# --- XLSX ---------------------------------------------------------------------------------


def _cells(sheet: Any) -> list[Any]:
    return [cell for row in sheet.iter_rows() for cell in row]


def test_xlsx_sheets_text_stays_text_numbers_stay_numbers(injected: Workspace, tmp_path: Path) -> None:
    evaluation = injected.evaluate()
    data = write(matrix_workbook_document(evaluation, matrix_view(evaluation, "en"), now=NOW), "xlsx")
    book = load_workbook(io.BytesIO(data))
    # three sheets print on three pages: every evaluator's levels on one, the provenance under the points
    assert book.sheetnames == ["Matrix", "Levels by evaluator", "Points"]
    # the tool's name in the matrix header and in each evaluator's rows, stored as text
    injected_cells = [c for sheet in book.worksheets for c in _cells(sheet) if c.value == FORMULA]
    assert [c.parent.title for c in injected_cells] == ["Matrix", "Levels by evaluator", "Levels by evaluator"]
    formula_like = [c for sheet in book.worksheets for c in _cells(sheet) if str(c.value).startswith("=")]
    assert len(formula_like) == 4  # and the header of its notes column
    assert all(c.data_type == "s" for c in formula_like)
    matrix = book["Matrix"]
    assert matrix["C3"].value == FORMULA and matrix["C3"].data_type == "s"
    assert matrix["E3"].value == SCRIPT
    total_row = next(r for r in matrix.iter_rows() if r[0].value == "Total")
    assert [total_row[i].value for i in (1, 2, 4, 6)] == [40, 30, 28.75, 5]
    assert total_row[2].data_type == "n" and total_row[2].number_format == "0.00"
    assert total_row[1].number_format == "0"
    rank_row = next(r for r in matrix.iter_rows() if r[0].value == "Rank")
    assert [rank_row[i].value for i in (2, 4, 6)] == [1, 2, 3]
    levels = [[c.value for c in row] for row in book["Levels by evaluator"].iter_rows()]
    body = [row for row in levels if row[0] in ("E1", "E2")]
    assert [row[:5] for row in body[:3]] == [
        ["E1", FORMULA, 5, 4, 3],
        ["E1", SCRIPT, 3, 5, 5],
        ["E1", "Plain OCR", 2, None, None],
    ]
    assert body[5][:5] == ["E2", "Plain OCR", None, None, None]
    points = [[c.value for c in row] for row in book["Points"].iter_rows()]
    assert next(row for row in points if row[0] == "c1")[:5] == ["c1", "Accuracy", "Function", "rating", 20]


def test_xlsx_metadata_names_plan_and_ledger_head(injected: Workspace) -> None:
    evaluation = injected.evaluate()
    book = load_workbook(
        io.BytesIO(write(matrix_workbook_document(evaluation, matrix_view(evaluation, "ja"), now=NOW), "xlsx"))
    )
    assert book.sheetnames == ["比較表", "各評価者の水準", "配点"]
    lines = [row[0].value for row in book["配点"].iter_rows() if isinstance(row[0].value, str) and ": " in row[0].value]
    meta = dict(line.split(": ", 1) for line in lines)
    assert meta["計画のハッシュ（SHA-256）"] == evaluation.plan.hash == injected.plan.hash
    assert len(evaluation.plan.hash) == 64
    assert meta["台帳の最新イベントのハッシュ"] == evaluation.head_hash
    assert meta["台帳の最新イベント番号"] == str(evaluation.head_seq) == "13"  # 3 + 3 + 3 + 3 + 1 scores
    assert meta["作成日時（UTC）"] == "2026-05-01T09:30:00Z"
    assert meta["端数処理"].startswith("小数第 2 位まで四捨五入")
    assert meta["集計方法"] == "評価者の比率の平均"  # the setting in words, not the raw `mean`


def test_sheet_titles_are_valid_in_excel() -> None:
    taken: set[str] = set()
    assert sheet_title("a/b[c]:d*e?f\\g", taken) == "a_b_c__d_e_f_g"
    long = "採点 " + "長い名前" * 10
    first = sheet_title(long, taken)
    second = sheet_title(long, taken)
    assert len(first) == 31 and len(second) == 31 and first != second and second.endswith(" (2)")
    assert sheet_title("'quoted'", taken) == "quoted"


def test_matrix_xlsx_needs_an_output_file(injected: Workspace, tmp_path: Path, run: Callable[..., Result]) -> None:
    result = run("--lang", "en", "-C", str(injected.root), "matrix", "--format", "xlsx")
    assert result.exit_code == 2
    assert "give it a file name with -o FILE.xlsx" in result.stderr
    out = tmp_path / "m.xlsx"
    result = run("--lang", "ja", "-C", str(injected.root), "matrix", "--format", "xlsx", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert load_workbook(out).sheetnames[0] == "比較表"


def test_matrix_html_goes_to_stdout(injected: Workspace, run: Callable[..., Result]) -> None:
    result = run("--lang", "en", "-C", str(injected.root), "matrix", "--format", "html")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>") and "<svg" in result.stdout
    assert SCRIPT not in result.stdout


# --- CSV and CP932 ------------------------------------------------------------------------


def test_cp932_round_trips_what_it_can_encode() -> None:
    text = 'ツール,①\r\n帳票リーダーα,"1,2"\r\n'
    data = encode_csv(text, "cp932")
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.decode("cp932") == text
    assert "①".encode("cp932") in data  # NEC special character 0x8740


def test_cp932_refuses_a_character_it_would_change() -> None:
    """Python writes 〜 (U+301C WAVE DASH) as 0x8160, which reads back as ～ (U+FF5E): not silently."""
    with pytest.raises(UnencodableText) as caught:
        encode_csv("a,b,c\r\n受付,9時〜17時,x\r\n", "cp932")
    error = caught.value
    assert [(c.row, c.column, c.cell, c.char, c.becomes) for c in error.characters] == [(2, 2, "B2", "〜", "～")]
    assert "row 2, column 2 (B2): '〜' U+301C would turn into '～' U+FF5E" in error.message("en")
    assert "2行目 2列目（B2）の '〜'（U+301C）" in error.message("ja")


def test_cp932_names_every_cell_it_cannot_write() -> None:
    rows = ["h1,h2,h3"] + [f"r{i},x,ok 😀" for i in range(2, 9)]
    with pytest.raises(UnencodableText) as caught:
        encode_csv("\r\n".join(rows) + "\r\n", "cp932", name="m.csv")
    message = caught.value.message("en")
    assert message.startswith("m.csv: 7 character(s) cannot be written in cp932")
    assert "row 2, column 3 (C2): '😀' U+1F600" in message and "(C6)" in message
    assert "(C7)" not in message and " and 2 more" in message
    assert "\n" not in message


def test_utf8_csv_has_a_bom() -> None:
    assert encode_csv("a,〜\r\n", "utf-8") == b"\xef\xbb\xbf" + "a,〜\r\n".encode()


def test_column_letters() -> None:
    assert [column_letters(n) for n in (1, 26, 27, 52, 703)] == ["A", "Z", "AA", "AZ", "AAA"]


def test_matrix_csv_in_cp932_from_the_cli(injected: Workspace, tmp_path: Path, run: Callable[..., Result]) -> None:
    out = tmp_path / "sjis.csv"
    result = run(
        "--lang", "ja", "-C", str(injected.root), "matrix", "--format", "csv", "--encoding", "cp932", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    text = data.decode("cp932")
    assert text == render_csv(matrix_view(injected.evaluate(), "ja"))
    header = next(csv.reader(io.StringIO(text)))
    assert header[:4] == [
        "区分",
        "評価項目",
        "配点",
        "'" + FORMULA,
    ]  # neutralised; ids are not words of a Japanese file


def test_matrix_csv_cp932_error_names_the_cell_and_writes_nothing(tmp_path: Path, run: Callable[..., Result]) -> None:
    plan = INJECTION_PLAN.replace('name = "Plain OCR"', 'name = "Plain 😀 OCR"')
    with make_workspace(tmp_path / "emoji", plan) as workspace:
        workspace.record_scores("plain", "e1", {"c1": "4"}, actor="t")
    out = tmp_path / "sjis.csv"
    result = run(
        "--lang",
        "en",
        "-C",
        str(tmp_path / "emoji"),
        "matrix",
        "--format",
        "csv",
        "--encoding",
        "cp932",
        "-o",
        str(out),
    )
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output
    # header: group, id, criterion, points, then per tool a figure and a notes column: plain is the third tool
    assert "row 1, column 9 (I1): '😀' U+1F600" in lines[0] and "(J1)" in lines[0]
    assert not out.exists()
    result = run("--lang", "en", "-C", str(tmp_path / "emoji"), "matrix", "--format", "table", "--encoding", "cp932")
    assert result.exit_code == 2 and "--encoding applies to --format csv only" in result.stderr


def test_matrix_csv_default_keeps_its_bom(injected: Workspace, run: Callable[..., Result]) -> None:
    result = run("--lang", "en", "-C", str(injected.root), "matrix", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"))))
    total = next(r for r in rows if r[1] == "total")
    assert [total[3], total[4], total[6], total[8]] == ["40", "30.00", "28.75", "5.00"]
