"""The requirement fit documents: the matrix cell, the comparison across proposers, one proposer's sheet,
`fit.*` in the procurement set, and the comparison printed on A4.

The small plan below is worked by hand. Six requirements (points per answer as the plan's
default, the published scheme: 必須 ○ +2 △ 0 × −5, 重要 ○ +1 △ 0 × −2, 任意 ○ +1 △ 0 × 0;
必須 × disqualifies; 配点 60, scaling "max"), three proposers:

    req  priority   さくら契約          もみじサイン               いちょう電子契約
    R1   必須       ○ accepted          ○ accepted                 ○ accepted
    R2   必須       ○ accepted          △ downgraded → ×           △ unverified (counts ×, pending)
    R3   重要       △ accepted          ○ accepted                 ○ accepted
    R4   重要       ○ downgraded → △    × accepted                 ○ accepted
    R5   任意       × accepted          × then ○ (reason) accepted ○ unverified
    R6   任意       ○ queried           − accepted                 × accepted

    さくら契約        counted ○3 △2 ×1; raw 2+2+0+0+0+1 = 5 of best 8 → 60 × 5/8 = 37.50, 1 awaiting (R6)
    もみじサイン      counted ○3 ×2 −1; raw 2−5+1−2+1 = −3 of best 7 (− left out) → 0; R2 必須 × → 失格
    いちょう電子契約  counted ○4 ×2; raw 2−5+1+1+1+0 = 0 of best 8 → 0, provisional (R2 △ pending, R5 unverified);
                      once R2 is accepted: 2+0+1+1+1+0 = 5 → 37.50

    only one proposer meets (○ counted): R2 (さくら契約), R4 (いちょう電子契約), R6 (さくら契約, its ○ queried)
    必須 gaps: さくら契約 none; もみじサイン R2 ×; いちょう電子契約 R2 △ awaiting verification
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
import tomli_w
from openpyxl import load_workbook

from tests.printing import html_to_pdf, pages, png, text
from toolbench import Workspace
from toolbench.base.errors import OutputError
from toolbench.base.i18n import Lang, translate
from toolbench.documents.fit import fit_answers_table, fit_report_document
from toolbench.documents.matrix import matrix_view
from toolbench.documents.model import Document, Section, Table, table_document
from toolbench.renderers.writers import write
from toolbench.workspace.reports import FORMATS, build_report

NOW = datetime(2026, 4, 14, 1, 0, tzinfo=UTC)
ACTOR = "事務局"
TOOLS = {"sakura": "さくら契約", "momiji": "もみじサイン", "icho": "いちょう電子契約"}
REQUIREMENTS = [
    ("R1", "電子署名法に基づく電子署名を付与できること", "電子署名", "required"),
    ("R2", "行政専用の閉域網から利用できること", "基盤", "required"),
    ("R3", "相手方の利用者登録なしに契約を締結できること", "契約", "important"),
    ("R4", "契約書を一括で出力できること", "契約", "important"),
    ("R5", "操作の記録を５年間保存できること", "運用", "optional"),
    ("R6", "携帯端末から決裁できること", "運用", "optional"),
]
REMARKS = {
    "sakura": {"R3": "外部連携で代替する"},
    "momiji": {"R2": "次期版で対応する"},
    "icho": {"R2": "閉域接続で代替する"},
}
ANSWERS = {
    "sakura": {"R1": "○", "R2": "○", "R3": "△", "R4": "○", "R5": "×", "R6": "○"},
    "momiji": {"R1": "○", "R2": "△", "R3": "○", "R4": "×", "R5": "×", "R6": "-"},
    "icho": {"R1": "○", "R2": "△", "R3": "○", "R4": "○", "R5": "○", "R6": "×"},
}
DOWNGRADE_R4 = "標準機能ではなく個別開発になる"
DOWNGRADE_R2 = "契約期間内に提供されない"
QUERY_R6 = "対応する端末の範囲を確認する"
CORRECTED = "回答の誤記を訂正"
# what a Japanese document may hold in Latin letters (a standard's name, the program's), and what the user typed
ALLOWED = {"CSV", "XLSX", "toolbench"}
WORD = re.compile(r"[A-Za-z][A-Za-z]{2,}")
HEX = re.compile(r"[0-9a-f]{12,64}")


def _plan(requirements: list[tuple[str, str, str, str]], tools: dict[str, str]) -> dict[str, object]:
    return {
        "evaluation": {"title": "電子契約サービスの選定", "approval": ["課長", "係長", "担当"]},
        "groups": {"function": {"ja": "機能", "en": "Function"}},
        "criteria": [
            {
                "id": "functions",
                "name": {"ja": "機能要件適合", "en": "Requirement fit"},
                "group": "function",
                "kind": "fit",
                "points": 60,
            }
        ],
        "requirements": [
            {"id": rid, "text": words, "category": category, "priority": priority, "criterion": "functions"}
            for rid, words, category, priority in requirements
        ],
        "tools": [{"id": tid, "name": name, "vendor": f"{name}株式会社"} for tid, name in tools.items()],
        "evaluators": [{"id": "chair", "name": "山田 一郎"}],
    }


def _workspace(root: Path, requirements: list[tuple[str, str, str, str]], tools: dict[str, str]) -> Workspace:
    root.mkdir(parents=True)
    (root / "toolbench.toml").write_text(tomli_w.dumps(_plan(requirements, tools)), encoding="utf-8")
    return Workspace.start_ledger(root)


def _answered(root: Path) -> Workspace:
    """The small plan with every answer recorded and nothing verified yet."""
    workspace = _workspace(root, REQUIREMENTS, TOOLS)
    fit = workspace.fitting
    for tool, answers in ANSWERS.items():
        given = {rid: (value, REMARKS.get(tool, {}).get(rid, "")) for rid, value in answers.items()}
        fit.record_answers(tool, given, actor=ACTOR, now=NOW)
    return workspace


def _verify(workspace: Workspace) -> None:
    """The 事務局's verification as the table in the module's docstring says."""
    fit = workspace.fitting
    at = NOW + timedelta(days=1)
    for rid in ("R1", "R2", "R3", "R5"):
        fit.verify("sakura", rid, "accept", actor=ACTOR, now=at)
    fit.verify("sakura", "R4", "downgrade", reason=DOWNGRADE_R4, actor=ACTOR, now=at)
    fit.verify("sakura", "R6", "query", reason=QUERY_R6, actor=ACTOR, now=at)
    fit.verify("momiji", "R2", "downgrade", reason=DOWNGRADE_R2, actor=ACTOR, now=at)
    fit.record_answers("momiji", {"R5": ("○", "")}, actor=ACTOR, reason=CORRECTED, now=at)
    for rid in ("R1", "R3", "R4", "R5", "R6"):
        fit.verify("momiji", rid, "accept", actor=ACTOR, now=at)
    for rid in ("R1", "R3", "R4", "R6"):
        fit.verify("icho", rid, "accept", actor=ACTOR, now=at)


@pytest.fixture()
def verified(tmp_path: Path) -> Iterator[Workspace]:
    workspace = _answered(tmp_path / "fit")
    _verify(workspace)
    yield workspace
    workspace.close()


def _na() -> str:
    """The symbol a 適合表 writes for "not applicable", as the fit messages spell it."""
    return translate("fit.answer.na", "ja")


def _section(document: Document, key: str) -> Section:
    return next(s for s in document.sections if s.key == key)


def _table(document: Document, key: str) -> Table:
    table = _section(document, key).table
    assert table is not None
    return table


def _column(table: Table, header: str) -> int:
    return table.headers.index(header)


def _by_first(table: Table) -> dict[object, tuple[object, ...]]:
    return {row[0]: row for row in table.rows}


# --- the figures the documents show -------------------------------------------------------------------


def test_the_small_plan_is_scored_as_worked_by_hand(verified: Workspace) -> None:
    evaluation = verified.evaluate()
    cells = {r.tool.id: r.cells["functions"] for r in evaluation.results}
    assert [cells[t].points for t in TOOLS] == [Decimal("37.5"), 0, 0]
    sakura, momiji, icho = (cells[t].fit for t in TOOLS)
    assert sakura is not None and momiji is not None and icho is not None
    assert (sakura.raw, sakura.best, dict(sakura.counts)) == (
        Fraction(5),
        Fraction(8),
        {"yes": 3, "partial": 2, "no": 1},
    )
    assert (momiji.raw, momiji.best, dict(momiji.counts)) == (Fraction(-3), Fraction(7), {"yes": 3, "no": 2, "na": 1})
    assert (icho.raw, icho.best, dict(icho.counts)) == (Fraction(0), Fraction(8), {"yes": 4, "no": 2})
    assert sakura.awaiting == ("R6",) and icho.awaiting == ("R2", "R5") and icho.required_pending == ("R2",)
    assert [f.key for f in evaluation.result("momiji").disqualified] == ["dq.fit_required"]


def test_a_fit_cell_shows_its_points_the_counted_answers_and_what_is_open(verified: Workspace) -> None:
    view = matrix_view(verified.evaluate(), "ja")
    row = next(r for r in view.rows if r.key == "functions")
    sakura, momiji, icho = row.cells
    assert (sakura.value, sakura.detail, sakura.flags, sakura.notes) == (
        Decimal("37.50"),
        "○3 △2 ×1",
        ("fit", "provisional"),
        ("自己評価 ○4 △1 ×1", "未確認 1"),  # its own answers: R4 was ○ before the downgrade
    )
    # − shows only where a proposer answered it; its own answers beside what counts where they differ
    assert momiji.detail == f"○3 △0 ×2 {_na()}1" and momiji.notes == (f"自己評価 ○3 △1 ×1 {_na()}1", "必須 × 1")
    assert icho.detail == "○4 △0 ×2" and icho.notes == ("自己評価 ○4 △1 ×1", "未確認 2", "必須 △ 確認待ち 1")
    total = next(r for r in view.rows if r.kind == "total")
    assert total.cells[0].notes == ("暫定（要件の確認待ち 1 件）",)
    status = next(r for r in view.rows if r.kind == "status")
    assert status.cells[1].detail == "機能要件適合の必須要件 1 件を満たさない（×）: R2"  # named, not "functions"
    notes = "\n".join(view.notes)
    assert "必須 ○ +2・△ 0・× -5、重要 ○ +1・△ 0・× -2、任意 ○ +1・△ 0・× 0" in notes
    assert "得点 = 配点 × 素点 ÷ 満点の素点" in notes and "必須の要件が × と計上された提案者は失格とする。" in notes
    assert "△ は代替案を承認するまで × として計上する" in notes
    assert "機能要件適合の得点の下は計上した回答の数" in notes
    # the terminal, the page and the sheet lay the fit cell out like any other (never as a level list)
    for fmt in ("table", "markdown", "csv", "html"):
        shown = write(Document("matrix", view.title, "ja", sections=(Section("", matrix=view),)), fmt).decode(
            "utf-8-sig"
        )
        assert "○3 △2 ×1" in shown and "未確認 1" in shown


def test_an_unanswered_requirement_leaves_the_cell_unscored(tmp_path: Path) -> None:
    workspace = _workspace(tmp_path / "fit", REQUIREMENTS, TOOLS)
    workspace.fitting.record_answers("sakura", {"R1": ("○", ""), "R2": ("○", "")}, actor=ACTOR, now=NOW)
    view = matrix_view(workspace.evaluate(), "ja")
    row = next(r for r in view.rows if r.key == "functions")
    assert (row.cells[0].value, row.cells[0].detail, row.cells[0].flags) == (None, "未回答 4", ("missing", "fit"))
    assert row.cells[0].notes == ("○2 △0 ×0", "未確認 2")
    assert row.cells[1].detail == "未回答 6" and row.cells[1].notes == ()
    workspace.close()


# --- the comparison ---------------------------------------------------------------------------------------


def test_the_comparison_worked_by_hand(verified: Workspace) -> None:
    document = fit_report_document(verified.evaluate(), "ja", now=NOW)
    assert document.title == "機能要件適合表の比較（電子契約サービスの選定）"
    assert document.approval == ("課長", "係長", "担当") and document.generated == NOW
    grid = _table(document, "fit-functions-comparison")
    assert grid.headers == ("要件番号", "区分", "優先度", "さくら契約", "もみじサイン（失格）", "いちょう電子契約")
    assert [row[3:] for row in grid.rows] == [
        ("○", "○", "○"),
        ("○", "△→× 格下げ", "△→× 未確認"),
        ("△", "○", "○"),
        ("○→△ 格下げ", "×", "○"),
        ("×", "○", "○ 未確認"),
        ("○ 照会中", _na(), "×"),
    ]
    assert [row[:3] for row in grid.rows][:2] == [("R1", "電子署名", "必須"), ("R2", "基盤", "必須")]
    summary = _by_first(_table(document, "fit-functions-summary"))
    headers = _table(document, "fit-functions-summary").headers
    assert headers[:4] == ("提案者", "得点（配点 60）", "素点", "満点の素点")
    assert [str(v) for v in summary["さくら契約"][1:12]] == ["37.50", "5", "8", "3", "2", "1", "0", "0", "1", "0"] + [
        "暫定（確認待ち 1 件）"
    ]
    assert [str(v) for v in summary["もみじサイン"][1:]] == [
        "0.00",
        "-3",
        "7",
        "3",
        "0",
        "2",
        "1",
        "0",
        "0",
        "1",
        "失格",
    ]
    assert summary["いちょう電子契約"][-1] == "暫定（確認待ち 2 件）"
    sentences = _section(document, "fit-functions-summary").sentences
    assert "もみじサイン: 機能要件適合の必須要件 1 件を満たさない（×）: R2" in sentences
    # the answers per priority, the proposer's own beside the counted ones
    priorities = _table(document, "fit-functions-priorities")
    sakura = [row for row in priorities.rows if row[0] == "さくら契約"]
    assert [row[1:] for row in sakura] == [
        ("必須", 2, 2, 0, 0, 0, 2, 0, 0, 0, 0),
        ("重要", 2, 1, 1, 0, 0, 0, 2, 0, 0, 0),
        ("任意", 2, 1, 0, 1, 0, 1, 0, 1, 0, 0),
        ("計", 6, 4, 1, 1, 0, 3, 2, 1, 0, 0),
    ]


def test_only_one_proposer_and_the_required_gaps(verified: Workspace) -> None:
    document = fit_report_document(verified.evaluate(), "ja", now=NOW)
    only = _section(document, "fit-functions-only-one")
    assert only.table is not None
    assert [(row[0], row[3]) for row in only.table.rows] == [
        ("R2", "さくら契約"),
        ("R4", "いちょう電子契約"),
        ("R6", "さくら契約"),
    ]
    assert only.table.rows[0][4] == "もみじサイン △→× 格下げ、いちょう電子契約 △→× 未確認"
    assert "公告の前に見直すこと" in only.sentences[0] and "6 件中 3 件。" in only.sentences
    gaps = _section(document, "fit-functions-gaps")
    assert gaps.table is not None
    assert "さくら契約: なし" in gaps.sentences
    assert "もみじサイン: 1 件（× 1 件）" in gaps.sentences
    assert "いちょう電子契約: 1 件（確認待ち 1 件）" in gaps.sentences
    assert [row[:5] for row in gaps.table.rows] == [
        ("もみじサイン", "R2", "行政専用の閉域網から利用できること", "×（満たさない）", "△→× 格下げ"),
        ("いちょう電子契約", "R2", "行政専用の閉域網から利用できること", "△（確認待ち）", "△→× 未確認"),
    ]
    assert gaps.table.rows[0][5:] == ("次期版で対応する", DOWNGRADE_R2)


def test_the_verification_log_lists_downgrades_queries_and_changes_with_reasons(verified: Workspace) -> None:
    document = fit_report_document(verified.evaluate(), "ja", now=NOW)
    log = _table(document, "fit-functions-log")
    action, reason = _column(log, "確認の内容"), _column(log, "理由")
    assert [(row[1], row[2], row[action], row[reason]) for row in log.rows] == [
        ("さくら契約", "R3", "代替案を承認", None),
        ("さくら契約", "R4", "格下げ", DOWNGRADE_R4),
        ("さくら契約", "R6", "照会", QUERY_R6),
        ("もみじサイン", "R2", "格下げ", DOWNGRADE_R2),
        ("もみじサイン", "R5", "回答の変更", CORRECTED),
    ]
    assert log.rows[0][0] == "令和8年4月15日（2026年） 10:00"  # Japan time; the ledger keeps UTC
    assert "時刻は日本時間" in _section(document, "fit-functions-log").sentences[0]


def test_self_assessment_beside_the_verified_value_after_a_downgrade(tmp_path: Path) -> None:
    workspace = _answered(tmp_path / "fit")
    before = fit_answers_table(workspace.evaluate(), "sakura", "ja")
    assert before.title == "機能要件適合表（さくら契約）"
    assert before.headers == ("要件番号", "要件", "区分", "優先度", "回答", "備考", "計上", "確認", "理由")
    r3, r4 = before.rows[2], before.rows[3]
    assert r3[4:] == ("△", "外部連携で代替する", "×", "未確認", None)  # a △ counts as × until accepted
    assert r4[4:] == ("○", None, "○", "未確認", None)
    grid = _table(fit_report_document(workspace.evaluate(), "ja", now=NOW), "fit-functions-comparison")
    assert grid.rows[3][3] == "○ 未確認"
    workspace.fitting.verify("sakura", "R4", "downgrade", reason=DOWNGRADE_R4, actor=ACTOR, now=NOW)
    workspace.fitting.verify("sakura", "R3", "accept", actor=ACTOR, now=NOW)
    after = fit_answers_table(workspace.evaluate(), "sakura", "ja")
    assert after.rows[3][4:] == ("○", None, "△", "格下げ", DOWNGRADE_R4)
    assert after.rows[2][4:] == ("△", "外部連携で代替する", "△", "承認", None)
    grid = _table(fit_report_document(workspace.evaluate(), "ja", now=NOW), "fit-functions-comparison")
    assert (grid.rows[2][3], grid.rows[3][3]) == ("△", "○→△ 格下げ")
    with pytest.raises(OutputError) as unknown:
        fit_answers_table(workspace.evaluate(), "nobody", "ja")
    assert unknown.value.key == "report.unknown_tool"
    workspace.close()


def test_accepting_the_pending_alternative_settles_the_points(verified: Workspace) -> None:
    verified.fitting.verify("icho", "R2", "accept", actor=ACTOR, now=NOW + timedelta(days=2))
    verified.fitting.verify("icho", "R5", "accept", actor=ACTOR, now=NOW + timedelta(days=2))
    evaluation = verified.evaluate()
    assert evaluation.result("icho").cells["functions"].points == Decimal("37.5")
    document = fit_report_document(evaluation, "ja", now=NOW)
    summary = _by_first(_table(document, "fit-functions-summary"))
    assert str(summary["いちょう電子契約"][1]) == "37.50" and summary["いちょう電子契約"][-1] == "確認済"
    assert "いちょう電子契約: なし" in _section(document, "fit-functions-gaps").sentences


def test_the_rule_is_stated_with_the_points_per_answer_and_priority(verified: Workspace) -> None:
    document = fit_report_document(verified.evaluate(), "ja", now=NOW)
    rules = _section(document, "fit-rules")
    assert document.sections[0] is rules  # what the figures mean comes first
    assert rules.table is not None
    assert rules.table.headers == ("優先度", "要件数", "○", "△", "×", "× のとき")
    assert [row for row in rules.table.rows] == [
        ("必須", 2, Decimal(2), Decimal(0), Decimal(-5), "失格"),
        ("重要", 2, Decimal(1), Decimal(0), Decimal(-2), None),
        ("任意", 2, Decimal(1), Decimal(0), Decimal(0), None),
    ]
    assert any("代替案を承認するまで × として計上する" in s for s in rules.sentences)


# --- every format, and Japanese throughout a Japanese document -------------------------------------------


def _xlsx_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "doc.xlsx"
    path.write_bytes(data)
    book = load_workbook(path)
    return "\n".join(
        str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None
    )


def _english_words(shown: str) -> list[str]:
    """ASCII words once the user's own words (names, texts, remarks, reasons) and hashes are taken out."""
    typed = [*TOOLS.values(), *(f"{n}株式会社" for n in TOOLS.values()), "電子契約サービスの選定"]
    typed += [words for _, words, _, _ in REQUIREMENTS] + [DOWNGRADE_R2, DOWNGRADE_R4, QUERY_R6, CORRECTED]
    for name in sorted(typed, key=len, reverse=True):
        shown = shown.replace(name, " ")
    shown = HEX.sub(" ", shown)
    return sorted({w for w in WORD.findall(shown) if w not in ALLOWED})


def _every_format(document: Document, tmp_path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for fmt in ("table", "markdown", "csv", "json", "html", "xlsx"):
        data = write(document, fmt, width=160)
        if fmt == "xlsx":
            out[fmt] = _xlsx_text(data, tmp_path)
        elif fmt == "html":
            page = re.sub(r"<style.*?</style>", " ", data.decode("utf-8"), flags=re.S)
            out[fmt] = re.sub(r"<[^>]+>", " ", page)
        elif fmt == "json":
            out[fmt] = json.dumps(json.loads(data), ensure_ascii=False)
        else:
            out[fmt] = data.decode("utf-8-sig")
    return out


LANGS: tuple[Lang, ...] = ("ja", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_every_format_is_written(verified: Workspace, lang: Lang, tmp_path: Path) -> None:
    evaluation = verified.evaluate()
    comparison = fit_report_document(evaluation, lang, now=NOW)
    sheet = table_document(fit_answers_table(evaluation, "sakura", lang), lang)
    for document in (comparison, sheet):
        shown = _every_format(document, tmp_path)
        assert all("R6" in words and "R1" in words for words in shown.values()), document.kind
    assert "A4 landscape" in write(comparison, "html").decode("utf-8")


def test_a_japanese_comparison_holds_no_english_and_no_ids(verified: Workspace, tmp_path: Path) -> None:
    evaluation = verified.evaluate()
    documents = [
        fit_report_document(evaluation, "ja", now=NOW),
        table_document(fit_answers_table(evaluation, "icho", "ja"), "ja"),
    ]
    found = {}
    for document in documents:
        for fmt, shown in _every_format(document, tmp_path).items():
            if fmt == "json":
                continue  # data for machines: its keys are English by design
            words = _english_words(shown)
            if words:
                found[(document.kind, fmt)] = words
            ids = [i for i in ("sakura", "momiji", "icho", "functions") if i in shown]
            ids += [i for i in ("required", "important", "optional", "partial", "downgrade") if i in shown]
            assert ids == [], (document.kind, fmt, ids)
    assert found == {}
    view = matrix_view(evaluation, "ja")
    assert _english_words("\n".join((*view.notes, *(c.detail for r in view.rows for c in r.cells)))) == []


def test_the_check_sees_an_english_word() -> None:
    assert _english_words("さくら契約: partial、R2、CSV") == ["partial"]


def test_while_blind_the_comparison_names_labels_and_withholds_free_text(verified: Workspace) -> None:
    verified.blind(actor=ACTOR, seed=7, now=NOW)
    document = fit_report_document(verified.evaluate(), "ja", now=NOW)
    shown = write(document, "markdown").decode("utf-8")
    for name in (*TOOLS.values(), *TOOLS, "外部連携で代替する", DOWNGRADE_R2, DOWNGRADE_R4):
        assert name not in shown
    assert "（匿名化解除後に表示）" in shown


# --- the procurement set ---------------------------------------------------------------------------------------


def test_the_procurement_set_holds_the_fit_comparison(verified: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "set"
    written = build_report(verified, out, FORMATS, "ja", now=NOW)
    names = {p.name for p in written}
    assert {"fit.xlsx", "fit.html", "fit.csv"} <= names
    comparison = (out / "fit.csv").read_text(encoding="utf-8-sig")
    assert "機能要件適合: 要件別の比較" in comparison and "○→△ 格下げ" in comparison
    assert "計画 " in comparison  # the anchor a filed document carries, once
    assert comparison.count("計画 ") == 1
    points = (out / "report.html").read_text(encoding="utf-8")
    assert "機能要件適合" in points
    only_csv = build_report(verified, tmp_path / "csv", ["csv"], "ja", now=NOW)
    assert "fit.csv" in {p.name for p in only_csv} and "fit.html" not in {p.name for p in only_csv}


def test_a_plan_without_fit_criteria_writes_no_fit_file(demo: Workspace, tmp_path: Path) -> None:
    written = build_report(demo, tmp_path / "set", ["csv"], "ja", now=NOW)
    assert not any(p.name.startswith("fit.") for p in written)


# --- hundreds of requirements, printed ----------------------------------------------------------------------------

MANY_TOOLS = {
    f"p{k}": name
    for k, name in enumerate(
        (
            "さくら契約",
            "もみじサイン",
            "いちょう電子契約",
            "かえでクラウド",
            "つばき契約",
            "すみれ電子署名",
            "ひまわり契約",
            "あおい電子契約",
        )
    )
}
TEXTS = (
    "電子署名法に基づく電子署名を付与できること",
    "相手方が事前に利用者登録をしなくても契約を締結できること",
    "庁内の文書管理システムと連携し、決裁後の契約書を自動で登録できること",
    "操作の記録を５年間保存し、検索できること",
)


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed (Debian package)")
def test_three_hundred_requirements_by_eight_proposers_print_on_a4(tmp_path: Path) -> None:
    requirements = [
        (
            f"REQ-{i:03d}",
            TEXTS[i % len(TEXTS)],
            ("共通", "契約", "運用")[i % 3],
            ("required", "important", "optional")[i % 3],
        )
        for i in range(1, 301)
    ]
    workspace = _workspace(tmp_path / "many", requirements, MANY_TOOLS)
    symbols = ("○", "○", "○", "△", "×", "○", "-")
    for k, tool in enumerate(MANY_TOOLS):
        answers = {}
        for i, (rid, _, _, priority) in enumerate(requirements):
            value = symbols[(i * (k + 3)) % len(symbols)]
            value = "○" if priority == "required" and value in ("×", "-") else value
            answers[rid] = (value, "代替手段で対応する" if value == "△" else "")
        workspace.fitting.record_answers(tool, answers, actor=ACTOR, now=NOW)
    workspace.fitting.verify("p0", "REQ-004", "downgrade", reason=DOWNGRADE_R4, actor=ACTOR, now=NOW)
    document = fit_report_document(workspace.evaluate(), "ja", now=NOW)
    grid = _table(document, "fit-functions-comparison")
    assert len(grid.rows) == 300 and len(grid.headers) == 3 + 8
    source = tmp_path / "fit.html"
    source.write_bytes(write(document, "html"))
    pdf = html_to_pdf(source, tmp_path / "fit.pdf")
    printed = text(pdf)
    assert {f"REQ-{i:03d}" for i in range(1, 301)} <= set(re.findall(r"REQ-\d{3}", printed))
    count = pages(pdf)
    assert 10 <= count <= 60
    squeezed = re.sub(r"\s+", "", printed)
    assert f"1/{count}" in squeezed and "令和8年4月14日（2026年）" in squeezed
    for name in MANY_TOOLS.values():  # every proposer's column heads every page of the grid
        assert squeezed.count(name) >= 9
    assert png(pdf, tmp_path / "page")  # a picture to look at
    workspace.close()
