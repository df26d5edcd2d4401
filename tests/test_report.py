"""`toolbench report`: the procurement set, written whole or not at all.

The demo's figures are worked by hand (points from its hearings: accuracy 23,
handwriting 17, form definition 8, certification 9, support 12, ease of use 19,
price 12; see tests/test_evaluation.py): FormEye 67 technical + 12 × 3,960,000 ÷
5,280,000 = 9 → 76.00 (rank 1); KamiScan 7673/120 + 12 = 75.94 (rank 2); Alpha
Reader 63.5 + 12 × 3,960,000 ÷ 4,800,000 = 9.9 → 73.40 (rank 3).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import Result
from openpyxl import load_workbook
from test_html_xlsx import EXTERNAL, FORMULA, INJECTION_PLAN, SCRIPT, make_workspace

from toolbench import OutputError, Workspace
from toolbench.documents.matrix import matrix_view
from toolbench.documents.model import CellView, MatrixView, RowView
from toolbench.documents.procurement import public_table, selected_tool
from toolbench.renderers.encoding import UnencodableText
from toolbench.workspace.demo import DEMO_CORRECTION, DEMO_TOOLS
from toolbench.workspace.reports import COMPANIONS, FORMATS, build_report

NOW = datetime(2026, 5, 1, 9, 30, tzinfo=UTC)
PARTS = {
    "report.xlsx",
    "report.html",
    "scoring-sheet-aoki.csv",
    "scoring-sheet-ishii.csv",
    "scoring-sheet-ueda.csv",
    "summary.csv",
    "public-results.csv",
    "reasons-log.csv",
}
# the reports the parts point to, each in every format (the demo has hearings and trials)
COMPANION_FILES = {f"{name}.{fmt}" for name in COMPANIONS for fmt in FORMATS}
ALL_FILES = PARTS | COMPANION_FILES
# Everything that would identify KamiScan or Alpha Reader, in either language.
OTHER_BIDDERS = [
    word
    for tool in DEMO_TOOLS
    if tool.id != "formeye"
    for word in (tool.id, tool.name.ja, tool.name.en, tool.vendor)
    if word
]


def read_csv(path: Path, encoding: str = "utf-8-sig") -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode(encoding), newline="")))


def html_part(page: str, ident: str) -> str:
    start = page.index(f'<section class="part paged" id="{ident}">')  # each part starts a page
    return page[start : page.index("</section>", start)]


def test_report_writes_every_part(demo: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "out"
    written = build_report(demo, out, FORMATS, "ja", now=NOW)
    assert {p.name for p in written} == ALL_FILES
    assert {p.name for p in out.iterdir()} == ALL_FILES
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo", "out"]  # no temporary folder left behind
    for name in ALL_FILES:
        if name.endswith(".csv"):
            assert (out / name).read_bytes().startswith(b"\xef\xbb\xbf")
    book = load_workbook(out / "report.xlsx")
    assert book.sheetnames == [
        "採点表 青木 (Aoki)",
        "採点表 石井 (Ishii)",
        "採点表 上田 (Ueda)",
        "集計表",
        "評価結果（公表用）",
        "変更理由の記録",
        "評価項目と配点",
        "作成情報",
    ]
    evaluation = demo.evaluate()
    meta = {row[0].value: row[1].value for row in book["作成情報"].iter_rows(min_row=4) if row[0].value}
    assert meta["計画のハッシュ（SHA-256）"] == evaluation.plan.hash
    assert meta["台帳の最新イベントのハッシュ"] == evaluation.head_hash
    page = (out / "report.html").read_text(encoding="utf-8")
    assert EXTERNAL.search(page) is None and '<html lang="ja">' in page
    assert page.count('<section class="part paged"') == 8
    summary = html_part(page, "summary")
    assert "算定方法" in summary and "端数処理の箇所" in summary  # the rule and the rounding are stated
    assert summary.count('<svg class="radar"') == 3


def test_scoring_sheets_show_each_evaluators_levels_and_points(demo: Workspace, tmp_path: Path) -> None:
    """Ishii's corrected support for Alpha Reader is 4 (12 × 0.75 = 9.00); Ueda is recused from FormEye.

    The 採点表 is the form (criteria as rows, tools as columns; tests/test_procurement_set.py):
    each cell is the level, the last row each tool's points.
    """
    out = tmp_path / "out"
    build_report(demo, out, ["csv"], "en", now=NOW)
    ishii = read_csv(out / "scoring-sheet-ishii.csv")
    header = ishii[0]
    assert header == ["Criterion", "Points", "What the levels mean", "Alpha Reader", "KamiScan", "FormEye", "Remarks"]
    rows = {row[0]: dict(zip(header, row, strict=False)) for row in ishii[1:]}
    assert rows["Support and training"]["Alpha Reader"] == "4"
    assert rows["Support and training"]["Points"] == "12"
    assert rows["LGWAN connectivity"]["Alpha Reader"] == "met"
    # accuracy 4 → 0.75 × 23 = 17.25; handwriting 4 → 12.75; form definition 3 → 4; A → 9; support 9; ease 3 → 9.5
    assert rows["Points"]["Alpha Reader"] == "61.50"  # 17.25 + 12.75 + 4 + 9 + 9 + 9.5
    assert rows["Ease of use for staff"]["FormEye"] == "" and rows["LGWAN connectivity"]["FormEye"] == "not met"
    ueda = read_csv(out / "scoring-sheet-ueda.csv")
    recused = [row[5] for row in ueda[1:] if row[0] and not row[0].startswith("Notes")]
    assert ueda[0][5] == "FormEye" and set(recused) == {"recused (conflict of interest)"}


def test_public_results_name_only_the_selected_candidate(demo: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_report(demo, out, FORMATS, "ja", now=NOW)
    rows = read_csv(out / "public-results.csv")
    assert rows[0][:3] == ["順位", "事業者", "小計 (機能)（48点満点）"]
    assert rows[0][-1] == "合計（100点満点）"
    # function subtotals: FormEye 0.875×23 + 0.625×17 + 0.5×8 = 34.75;
    # KamiScan (1.75×23 + 2.5×17 + 2.75×8)/3 = 34.92; Alpha (2.5×23 + 1.75×17 + 2×8)/3 = 34.42
    assert [r[:3] + r[-1:] for r in rows[1:4]] == [
        ["1", "フォームアイ（北斗通信株式会社）", "34.75", "76.00"],
        ["2", "A社", "34.92", "75.94"],
        ["3", "B社", "34.42", "73.40"],
    ]
    page = (out / "report.html").read_text(encoding="utf-8")
    public_parts = {
        "csv": (out / "public-results.csv").read_bytes().decode("utf-8-sig"),
        "html": html_part(page, "public"),
        "xlsx": "\n".join(
            str(c.value) for row in load_workbook(out / "report.xlsx")["評価結果（公表用）"].iter_rows() for c in row
        ),
    }
    for part, content in public_parts.items():
        assert "A社" in content and "B社" in content, part
        leaked = [word for word in OTHER_BIDDERS if word in content]
        assert leaked == [], (part, leaked)
    assert "フォームアイ" in public_parts["html"]


def test_public_results_in_english_with_another_selection(demo: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_report(demo, out, ["csv"], "en", selected="kamiscan", now=NOW)
    rows = read_csv(out / "public-results.csv")
    assert [r[:2] + r[-1:] for r in rows[1:4]] == [
        ["1", "Bidder A", "76.00"],
        ["2", "KamiScan (紙面テック株式会社)", "75.94"],
        ["3", "Bidder B", "73.40"],
    ]
    text = (out / "public-results.csv").read_text(encoding="utf-8-sig")
    assert "FormEye" not in text and "formeye" not in text and "北斗通信" not in text


def test_disqualified_bidder_stays_anonymous_in_public_results(tmp_path: Path) -> None:
    """A price above the ceiling disqualifies; its reason is shown, its name is not."""
    plan = INJECTION_PLAN + "\n[price]\nceiling = 1000000\n"
    plan = plan.replace('vendor = "Tag & Co. <b>"', 'vendor = "Tag & Co. <b>"\nprice = { amount = 1200000 }')
    with make_workspace(tmp_path / "w", plan) as workspace:
        workspace.record_scores("tag", "e1", {"c1": "5", "c2": "5", "c3": "5"}, actor="t")
        workspace.record_scores("plain", "e1", {"c1": "4", "c2": "4", "c3": "4"}, actor="t")
        view = matrix_view(workspace.evaluate(), "en")
        # tag scores most (40) but is disqualified; plain (30) is the sole eligible tool ranked first
        assert selected_tool(view) == "plain"
        table = public_table(view, workspace.evaluate().plan, selected="plain")
        with pytest.raises(OutputError) as caught:
            build_report(workspace, tmp_path / "out", ["csv"], "en", selected="tag")
        assert caught.value.key == "report.selected_disqualified"
    assert table.rows[0][:2] == (1, "Plain OCR (Plain Co.)")
    # unranked last in plan order: evil (no scores) is Bidder A, tag (disqualified) Bidder B
    assert [r[:2] for r in table.rows[1:]] == [(None, "Bidder A"), (None, "Bidder B")]
    assert (
        table.rows[2][-1]
        == "price 1,200,000 yen (tax included) is above the ceiling 1,000,000 yen: disqualified before scoring"
    )
    assert "disqualified; disqualified" not in " ".join(map(str, table.rows[2]))
    everything = " ".join(map(str, (*table.headers, *(v for r in table.rows for v in r), *table.notes)))
    assert SCRIPT not in everything and "Tag & Co." not in everything and "tag" not in everything


def test_reasons_log_has_the_corrected_score_and_the_consensus(demo: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_report(demo, out, ["csv"], "ja", now=NOW)
    rows = read_csv(out / "reasons-log.csv")
    assert rows[0] == [
        "#",
        "日時 (UTC)",
        "記録者",
        "種別",
        "ツール",
        "評価項目",
        "評価者",
        "変更前 → 変更後",
        "理由・コメント",
    ]
    correction = next(e for e in demo.ledger.events() if e.payload.get("supersedes"))
    tool, evaluator, levels, reason = DEMO_CORRECTION
    assert (tool, evaluator, levels) == ("alpha-reader", "ishii", {"support": "4"})
    by_seq = {r[0]: r for r in rows[1:]}
    assert by_seq[str(correction.seq)] == [
        str(correction.seq),
        correction.ts,
        "ishii",
        "採点の変更",
        "帳票リーダーα",
        "サポート・研修体制",
        "石井 (Ishii)",
        "5 → 4",  # Ishii first typed 5 (demo.py DEMO_SCORES), corrected to 4
        reason,
    ]
    moderation = next(e for e in demo.ledger.events() if e.kind == "score.moderated")
    row = by_seq[str(moderation.seq)]
    assert row[3:8] == ["合議による決定", "フォームアイ", "職員の使いやすさ", "委員会", "（なし） → 4"]
    assert row[8] == moderation.payload["comment"]
    assert len(rows) == 3  # the other scores were given once, without a reason


def test_injected_names_are_inert_in_every_report_file(tmp_path: Path) -> None:
    with make_workspace(tmp_path / "w", INJECTION_PLAN) as workspace:
        workspace.record_scores("evil", "e1", {"c1": "5", "c2": "4", "c3": "3"}, actor="t")
        workspace.record_scores("tag", "e1", {"c1": "3", "c2": "3", "c3": "3"}, actor="t")
        workspace.record_scores("tag", "e1", {"c1": "4"}, actor="t", reason=SCRIPT)
        out = tmp_path / "out"
        build_report(workspace, out, FORMATS, "en", now=NOW)
    for path in out.glob("*.csv"):
        for row in read_csv(path):
            # a lone "-" (no figure) or a negative number is no formula
            formulas = [c for c in row if c.startswith(("=", "+", "-", "@")) and not re.fullmatch(r"-|-[0-9.,]+", c)]
            assert not formulas, (path.name, row)
    public = read_csv(out / "public-results.csv")
    # evil: 1.00×20 + 0.75×10 + 0.50×10 = 32.5 beats tag: 0.75×20 + 5 + 5 = 25, so evil is named
    assert public[1][:2] == ["1", f"'{FORMULA} ({FORMULA})"]
    reasons = read_csv(out / "reasons-log.csv")
    assert reasons[1][7:] == ["3 → 4", SCRIPT]
    page = (out / "report.html").read_text(encoding="utf-8")
    assert SCRIPT not in page and FORMULA not in page and EXTERNAL.search(page) is None
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html_part(page, "reasons")
    book = load_workbook(out / "report.xlsx")
    formula_like = [
        c for sheet in book.worksheets for row in sheet.iter_rows() for c in row if str(c.value).startswith("=")
    ]
    assert formula_like and all(c.data_type == "s" for c in formula_like)
    assert {c.parent.title for c in formula_like} >= {"Scoring E1", "Committee summary", "Public results"}


def test_existing_folder_is_refused_unless_forced(demo: Workspace, tmp_path: Path, run: Callable[..., Result]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("keep", encoding="utf-8")
    result = run("--lang", "en", "-C", str(demo.root), "report", str(out))
    assert result.exit_code == 1
    assert (
        result.stderr.strip()
        == f"toolbench: {out} already exists and is not empty; choose a new folder, or pass --force to replace its contents"
    )
    assert [p.name for p in out.iterdir()] == ["mine.txt"]
    result = run("--lang", "en", "-C", str(demo.root), "report", str(out), "--force", "--format", "html")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{stem}.html" for stem in ("report", *COMPANIONS))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo", "out"]


def test_never_replaces_the_workspace(demo: Workspace) -> None:
    with pytest.raises(OutputError) as caught:
        build_report(demo, demo.root, ["html"], "en", force=True)
    assert caught.value.key == "report.workspace_inside"
    with pytest.raises(OutputError):
        build_report(demo, demo.root.parent, ["html"], "en", force=True)
    assert (demo.root / "toolbench.toml").is_file() and demo.verify().ok


def test_a_failed_report_writes_nothing(tmp_path: Path, run: Callable[..., Result]) -> None:
    """CP932 cannot take the emoji in a tool name: no folder, no temporary folder, one line naming the cell."""
    plan = INJECTION_PLAN.replace('name = "Plain OCR"', 'name = "Plain 😀 OCR"')
    with make_workspace(tmp_path / "w", plan) as workspace:
        workspace.record_scores("plain", "e1", {"c1": "4"}, actor="t")
        with pytest.raises(UnencodableText) as caught:
            build_report(workspace, tmp_path / "out", FORMATS, "en", encoding="cp932")
    # the 採点表: criterion, points, what the levels mean, then one column per tool; the third tool is F1
    assert caught.value.message("en").startswith("scoring-sheet-e1.csv: 1 character(s) cannot be written in cp932")
    assert "row 1, column 6 (F1): '😀' U+1F600" in caught.value.message("en")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w"]
    result = run("--lang", "ja", "-C", str(tmp_path / "w"), "report", str(tmp_path / "out"), "--encoding", "cp932")
    assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 1
    assert "1行目 6列目（F1）の '😀'（U+1F600）" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w"]


def test_report_in_cp932_decodes_back(demo: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_report(demo, out, ["csv"], "ja", encoding="cp932", now=NOW)
    data = (out / "public-results.csv").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert read_csv(out / "public-results.csv", "cp932")[1][1] == "フォームアイ（北斗通信株式会社）"


@pytest.mark.parametrize(
    ("lang", "header", "pseudonym"),
    [("ja", "件のファイルを書き出しました", "A社"), ("en", f"wrote {len(ALL_FILES)} file(s) to", "Bidder A")],
)
def test_cli_report(
    demo: Workspace, tmp_path: Path, lang: str, header: str, pseudonym: str, run: Callable[..., Result]
) -> None:
    out = tmp_path / "out"
    result = run("--lang", lang, "-C", str(demo.root), "report", str(out))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert header in lines[0] and len(lines) == len(ALL_FILES) + 1
    assert {Path(line.strip()).name for line in lines[1:]} == ALL_FILES
    assert pseudonym in (out / "public-results.csv").read_text(encoding="utf-8-sig")
    assert f'<html lang="{lang}">' in (out / "report.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["--format", "pdf"], 2, "unknown report format 'pdf'"),
        (
            ["--selected", "nope"],
            1,
            "--selected nope is not a tool of the plan; known tools: alpha-reader, kamiscan, formeye",
        ),
        (["--encoding", "latin-1"], 2, "'latin-1' is not one of"),
    ],
)
def test_cli_report_mistakes(
    demo: Workspace, tmp_path: Path, args: list[str], code: int, fragment: str, run: Callable[..., Result]
) -> None:
    result = run("--lang", "en", "-C", str(demo.root), "report", str(tmp_path / "out"), *args)
    assert result.exit_code == code, result.output
    assert fragment in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_only_the_formats_asked_for(demo: Workspace, tmp_path: Path, run: Callable[..., Result]) -> None:
    result = run("--lang", "en", "-C", str(demo.root), "report", str(tmp_path / "out"), "--format", "xlsx, html")
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    expected = {f"{stem}.{fmt}" for stem in ("report", *COMPANIONS) for fmt in ("xlsx", "html")}
    assert written == sorted(expected)
    assert re.search(rf"wrote {len(expected)} file\(s\)", result.stdout)


def test_public_table_redacts_other_bidders_inside_remarks(tmp_path: Path) -> None:
    """A remark naming another bidder (by id, name or vendor) shows its pseudonym; a shared first rank names nobody."""
    remark = f"tag failed; {SCRIPT} has no advantage over Tag & Co. <b>"
    view = MatrixView(
        title="t",
        lang="en",
        tool_ids=("evil", "tag", "plain"),
        tool_names=(FORMULA, SCRIPT, "Plain OCR"),
        rows=(
            RowView(
                "total",
                "total",
                "Total",
                Decimal(40),
                (CellView(Decimal("30.00")), CellView(Decimal("30.00")), CellView(Decimal("5.00"))),
            ),
            RowView("rank", "rank", "Rank", None, (CellView(1), CellView(1), CellView(3))),
            RowView("status", "status", "Status", None, (CellView(None, remark), CellView(), CellView(None, remark))),
        ),
    )
    with make_workspace(tmp_path / "w", INJECTION_PLAN) as workspace:
        plan = workspace.plan
    assert selected_tool(view) is None
    table = public_table(view, plan)
    assert table.headers == ("Rank", "Candidate", "Total (of 40)", "Status")
    assert table.rows == (
        (1, "Bidder A", Decimal("30.00"), "Bidder B failed; Bidder B has no advantage over Bidder B"),
        (1, "Bidder B", Decimal("30.00"), None),
        (3, "Bidder C", Decimal("5.00"), "Bidder B failed; Bidder B has no advantage over Bidder B"),
    )
    assert "The first rank is shared" in table.notes[1]
    named = public_table(view, plan, selected="plain")
    assert named.rows[2][1] == "Plain OCR (Plain Co.)" and named.rows[0][1] == "Bidder A"
