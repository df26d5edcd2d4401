"""Requirement fit tables (機能要件適合表) as files: the template, a vendor's filled-in file, reading it back.

Real files on disk (written by toolbench, filled in with openpyxl or as CSV text the
way Excel saves it) and a real ledger; nothing is mocked.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.printing import need, pages, text, xlsx_to_pdf
from toolbench import Workspace
from toolbench.base.errors import OutputError
from toolbench.workspace.fit import FitError
from toolbench.workspace.fit_sheet import (
    ANSWER_CHOICES,
    FIT_FORMAT,
    import_answers,
    read_answers,
    template_layout,
    write_template,
)

NOW = datetime(2026, 4, 14, 1, 0, tzinfo=UTC)

FIT_PLAN = """\
[evaluation]
title = { ja = "電子契約サービス選定", en = "E-contract selection" }
language = "ja"

[groups]
fn = { ja = "機能", en = "Function" }

[[criteria]]
id = "fit"
name = { ja = "機能要件", en = "Functional requirements" }
group = "fn"
kind = "fit"
points = 100

[[requirements]]
id = "1-01"
text = { ja = "電子署名（当事者型・立会人型）に対応すること", en = "Supports electronic signatures" }
category = { ja = "契約締結", en = "Signing" }
priority = "required"
criterion = "fit"

[[requirements]]
id = "1-02"
text = "契約相手方はアカウント登録なしで署名できること"
category = "契約締結"
priority = "important"
criterion = "fit"

[[requirements]]
id = "2-01"
text = "受付時間を 9:00〜17:00 のように設定できること"
category = "運用"
priority = "important"
criterion = "fit"

[[requirements]]
id = "02"
text = "=SUM(A1:A3) のような文字列を件名にそのまま保存できること"
category = "運用"
priority = "optional"
criterion = "fit"

[[requirements]]
id = "2026-04"
text = "契約書の一覧を CSV で出力できること"
category = "管理"
priority = "optional"
criterion = "fit"

[[tools]]
id = "kamiscan"
name = "カミスキャン契約"
vendor = "株式会社カミ"

[[tools]]
id = "yomitoru"
name = "よみとる電子契約"
vendor = "よみとる株式会社"

[[evaluators]]
id = "aoki"
name = "青木"
"""

IDS = ("1-01", "1-02", "2-01", "02", "2026-04")
FIRST_ROW = 11
"""The template's first requirement row (A11): title, six metadata rows, the instructions, a blank, the header."""


def make_workspace(root: Path, plan: str = FIT_PLAN) -> Workspace:
    root.mkdir(parents=True)
    (root / "toolbench.toml").write_text(plan, encoding="utf-8")
    return Workspace.start_ledger(root)


@pytest.fixture()
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = make_workspace(tmp_path / "fit")
    yield workspace
    workspace.close()


def events(workspace: Workspace) -> int:
    head = workspace.ledger.head()
    return head.seq if head is not None else 0


def template(workspace: Workspace, path: Path, tool: str = "kamiscan") -> Path:
    path.write_bytes(write_template(workspace, tool, "xlsx" if path.suffix == ".xlsx" else "csv", "ja", now=NOW))
    return path


def fill_xlsx(source: Path, target: Path, cells: dict[str, str | None]) -> Path:
    book = load_workbook(source)
    sheet = book.active
    for name, value in cells.items():
        sheet[name] = value
    book.save(target)
    return target


GOOD = {
    "E11": "○",
    "E12": "△",
    "F12": "相手方はメール認証で署名（アカウント不要の代替）",
    "E13": "×",
    "E14": "－",
    "E15": "〇",  # the kanji zero people type for ○
}


# --- the template ----------------------------------------------------------------------------


def test_xlsx_template_is_a_locked_form_with_a_list_of_answers(ws: Workspace, tmp_path: Path) -> None:
    sheet = load_workbook(template(ws, tmp_path / "kamiscan.xlsx")).active
    assert sheet["A5"].value == "様式" and sheet["B5"].value == FIT_FORMAT
    assert (sheet["A4"].value, sheet["B4"].value) == ("提案者ID", "kamiscan")
    assert sheet["B2"].value == "株式会社カミ" and sheet["B3"].value == "カミスキャン契約"
    assert sheet["B6"].value == ws.plan.hash[:12] and sheet["B7"].value == "2026-04-14T01:00:00Z"
    assert "○" in sheet["A8"].value and "備考" in sheet["A8"].value
    assert [c.value for c in sheet[10]] == ["要件ID", "区分", "要件", "優先度", "回答", "備考"]
    # text stays text: ids never become dates or numbers, a formula-like requirement is not a formula
    for row, requirement in enumerate(IDS, start=FIRST_ROW):
        assert sheet.cell(row=row, column=1).value == requirement
        assert sheet.cell(row=row, column=1).data_type == "s"
    formula_like = sheet.cell(row=FIRST_ROW + 3, column=3)
    assert formula_like.value.startswith("=SUM") and formula_like.data_type == "s"
    assert sheet["D11"].value == "必須" and sheet["D12"].value == "重要" and sheet["D14"].value == "任意"
    # the layout is locked but for the answers and remarks, which are typed as text
    assert sheet.protection.sheet
    for row in range(FIRST_ROW, FIRST_ROW + len(IDS)):
        for column in "ABCD":
            assert sheet[f"{column}{row}"].protection.locked
        for column in "EF":
            assert not sheet[f"{column}{row}"].protection.locked
            assert sheet[f"{column}{row}"].number_format == "@"
    assert sheet["B4"].protection.locked
    (listed,) = sheet.data_validations.dataValidation
    assert listed.type == "list" and listed.formula1 == '"' + ",".join(ANSWER_CHOICES) + '"'
    assert str(listed.sqref) == f"E{FIRST_ROW}:E{FIRST_ROW + len(IDS) - 1}"
    assert ANSWER_CHOICES == ("○", "△", "×", "－")
    # frozen header, A4 fitted to the width, the header repeated on every page
    assert sheet.freeze_panes == f"A{FIRST_ROW}"
    assert int(sheet.page_setup.paperSize) == 9 and sheet.page_setup.fitToWidth == 1  # 9: A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$10:$10"
    assert sheet.column_dimensions["E"].width < sheet.column_dimensions["F"].width


def test_csv_template_has_a_bom_and_no_formula(ws: Workspace, tmp_path: Path) -> None:
    data = template(ws, tmp_path / "kamiscan.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[4] == ["様式", FIT_FORMAT] and rows[3] == ["提案者ID", "kamiscan"]
    assert rows[9] == ["要件ID", "区分", "要件", "優先度", "回答", "備考"]
    assert [r[0] for r in rows[10:]] == list(IDS)
    assert rows[13][2].startswith("'=SUM")  # neutralised: Excel shows it, never runs it
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)


def test_cp932_template_names_the_cell_it_cannot_hold(ws: Workspace) -> None:
    """〜 (WAVE DASH) would come back from CP932 as ～: refused by its cell, as every CSV toolbench writes."""
    with pytest.raises(OutputError) as raised:
        write_template(ws, "kamiscan", "csv", "ja", encoding="cp932", now=NOW)
    assert "C13" in raised.value.message("ja")


def test_template_in_english_and_unknown_proposer(ws: Workspace) -> None:
    layout = template_layout(ws.plan, "yomitoru", "en", NOW)
    assert layout.rows[layout.header_row - 1] == (
        "Requirement ID",
        "Category",
        "Requirement",
        "Priority",
        "Answer",
        "Remarks",
    )
    assert layout.rows[layout.first_row - 1][2] == "Supports electronic signatures"
    with pytest.raises(FitError) as raised:
        write_template(ws, "nosuch", "xlsx", "ja")
    assert raised.value.key == "fit.unknown_tool"


# --- importing -------------------------------------------------------------------------------


def test_filled_xlsx_is_imported_and_again_records_nothing(ws: Workspace, tmp_path: Path) -> None:
    filled = fill_xlsx(template(ws, tmp_path / "blank.xlsx"), tmp_path / "kamiscan.xlsx", GOOD)
    result = import_answers(ws, "kamiscan", filled, actor="jimukyoku", now=NOW)
    assert [e.seq for e in result.recorded] == [1, 2, 3, 4, 5]
    answers = {e.payload["requirement"]: e.payload["answer"] for e in result.recorded}
    assert answers == {"1-01": "yes", "1-02": "partial", "2-01": "no", "02": "na", "2026-04": "yes"}
    assert result.recorded[1].payload["remark"].startswith("相手方はメール認証")
    assert str(result.recorded[0].payload["source"]).startswith("kamiscan.xlsx sha256:")
    assert not result.plan_changed
    again = import_answers(ws, "kamiscan", filled, actor="jimukyoku", now=NOW)
    assert again.recorded == () and again.unchanged == 5 and events(ws) == 5
    cell = ws.evaluate().results[0].cells["fit"].fit
    assert cell is not None and dict(cell.self_counts) == {"yes": 2, "partial": 1, "no": 1, "na": 1}


def test_dry_run_records_nothing(ws: Workspace, tmp_path: Path) -> None:
    filled = fill_xlsx(template(ws, tmp_path / "blank.xlsx"), tmp_path / "kamiscan.xlsx", GOOD)
    result = import_answers(ws, "kamiscan", filled, actor="jimukyoku", dry_run=True)
    assert len(result.recorded) == 5 and result.dry_run and events(ws) == 0


def test_a_changed_answer_needs_a_reason(ws: Workspace, tmp_path: Path) -> None:
    blank = template(ws, tmp_path / "blank.xlsx")
    import_answers(ws, "kamiscan", fill_xlsx(blank, tmp_path / "v1.xlsx", GOOD), actor="jimukyoku", now=NOW)
    changed = fill_xlsx(blank, tmp_path / "v2.xlsx", {**GOOD, "E13": "○"})
    with pytest.raises(FitError) as raised:
        import_answers(ws, "kamiscan", changed, actor="jimukyoku", now=NOW)
    message = raised.value.message("ja")
    assert "13 行目 E 列（回答）" in message and "× から ○ に変わります（イベント 3）" in message
    assert events(ws) == 5
    result = import_answers(ws, "kamiscan", changed, actor="jimukyoku", reason="5月10日付けの訂正回答", now=NOW)
    (event,) = result.recorded
    assert event.payload["supersedes"] == 3 and event.payload["reason"] == "5月10日付けの訂正回答"
    assert result.changed == 1 and result.unchanged == 4


def test_every_mistake_of_a_vendor_file_is_named_at_once(ws: Workspace, tmp_path: Path) -> None:
    blank = template(ws, tmp_path / "blank.xlsx")
    import_answers(ws, "kamiscan", fill_xlsx(blank, tmp_path / "v1.xlsx", GOOD), actor="jimukyoku", now=NOW)
    before = events(ws)
    book = load_workbook(fill_xlsx(blank, tmp_path / "tmp.xlsx", GOOD))
    sheet = book.active
    sheet["B4"] = "yomitoru"  # made for another proposer
    sheet["E11"] = "はい"  # an answer off the list
    sheet["F12"] = None  # △ without a remark
    sheet["C13"] = "受付時間を設定できること"  # the requirement's text changed
    sheet["E13"] = "○"  # …and a changed answer without a reason
    sheet["E14"] = '=IF(1,"○")'  # a formula where an answer belongs
    sheet["A15"] = "9-99"  # an unknown id (the row of 2026-04, whose text it keeps: so 2026-04 is missing)
    sheet["A17"], sheet["C17"], sheet["E17"] = (
        "1-01",
        "電子署名（当事者型・立会人型）に対応すること",
        "○",
    )  # a duplicate
    sheet["A18"], sheet["E18"] = "", "○"  # an answer on a row without an id
    book.save(tmp_path / "bad.xlsx")
    with pytest.raises(FitError) as raised:
        import_answers(ws, "kamiscan", tmp_path / "bad.xlsx", actor="jimukyoku")
    lines = raised.value.message("ja").splitlines()
    assert lines[0] == "bad.xlsx（kamiscan）: 10 件の問題があるため、何も記録していません:"
    expected = [
        "4 行目 B 列（提案者ID）: このファイルは よみとる電子契約（yomitoru）の適合表で",
        "11 行目 E 列（回答）: 要件 1-01: 'はい' は回答として使えません",
        "12 行目 F 列（備考）: 要件 1-02: △ には代替案",
        "13 行目 C 列（要件）: 要件 2-01: 要件の文言がファイル上で変更されています",
        "13 行目 E 列（回答）: 要件 2-01: 回答が × から ○ に変わります（イベント 3）",
        '14 行目 E 列（回答）: 回答欄に数式（=IF(1,"○")）があります',
        "15 行目 A 列（要件ID）: '9-99' は要件ID ではありません。要件の文言は 2026-04 のものです",
        "17 行目 A 列（要件ID）: 要件 1-01 が重複しています（最初は 11 行目）",
        "18 行目 A 列（要件ID）: 要件ID のない行です",
        "A 列（要件ID）: 要件 2026-04 の行がファイルにありません",
    ]
    assert len(lines) == len(expected) + 1
    for line, start in zip(lines[1:], expected, strict=True):
        assert line.startswith("  " + start), (line, start)
    assert events(ws) == before
    english = raised.value.message("en")
    assert "row 13, column C (Requirement)" in english and "column A (Requirement ID)" in english


def test_one_problem_is_one_line(ws: Workspace, tmp_path: Path) -> None:
    filled = fill_xlsx(template(ws, tmp_path / "blank.xlsx"), tmp_path / "kamiscan.xlsx", {**GOOD, "E12": "?"})
    with pytest.raises(FitError) as raised:
        import_answers(ws, "kamiscan", filled, actor="jimukyoku")
    assert raised.value.message("ja") == (
        "kamiscan.xlsx（kamiscan）: 12 行目 E 列（回答）: 要件 1-02: '?' は回答として使えません。"
        "○、△、×、－ のいずれかを記入してください。何も記録していません"
    )


def test_another_proposers_file_alone_is_refused(ws: Workspace, tmp_path: Path) -> None:
    filled = fill_xlsx(template(ws, tmp_path / "blank.xlsx", "yomitoru"), tmp_path / "yomitoru.xlsx", GOOD)
    with pytest.raises(FitError) as raised:
        import_answers(ws, "kamiscan", filled, actor="jimukyoku")
    assert "4 行目 B 列（提案者ID）" in raised.value.message("ja") and events(ws) == 0
    assert len(import_answers(ws, "yomitoru", filled, actor="jimukyoku").recorded) == 5


def test_files_that_are_not_fit_tables(ws: Workspace, tmp_path: Path) -> None:
    score_sheet = tmp_path / "aoki.csv"  # the head of a score sheet (採点表), as `toolbench sheet export` writes it
    score_sheet.write_text("toolbench 採点表,toolbench.sheet/1\n評価者ID,aoki\n", encoding="utf-8-sig")
    with pytest.raises(FitError) as raised:
        read_answers(score_sheet, ws.plan, "kamiscan")
    assert raised.value.key == "fsheet.not_a_table" and "採点表です" in raised.value.message("ja")
    other = tmp_path / "export.csv"
    other.write_text("氏名,回答\n青木,○\n", encoding="utf-8")
    with pytest.raises(FitError) as raised:
        read_answers(other, ws.plan, "kamiscan")
    assert raised.value.key == "fsheet.not_a_table" and "toolbench.fit/1" in raised.value.message("ja")
    memo = tmp_path / "answers.txt"
    memo.write_text("○", encoding="utf-8")
    with pytest.raises(FitError) as raised:
        read_answers(memo, ws.plan, "kamiscan")
    assert raised.value.key == "fsheet.bad_suffix"


def test_csv_saved_by_excel_in_cp932_with_what_vendors_type(ws: Workspace, tmp_path: Path) -> None:
    """Excel's CSV in Japan is CP932: 〜 comes back as ～; full-width marks, spaces and blank rows are read as meant.

    The requirement whose text starts with "=" keeps the apostrophe the template put before it, and still matches.
    """
    rows = list(csv.reader(io.StringIO(template(ws, tmp_path / "blank.csv").read_bytes().decode("utf-8-sig"))))
    answers = {"1-01": ("×", ""), "1-02": (" △ ", "次期版（2026年10月）で対応 "), "2-01": ("○ ", ""), "02": ("ー", "")}
    answers["2026-04"] = ("〇", "")
    for row in rows[10:]:
        row[4], row[5] = answers[row[0]]
    rows.insert(12, [])  # a blank row between requirements
    rows.append(["", "", "", "", "", ""])  # and one at the end
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    saved = tmp_path / "kamiscan.csv"
    saved.write_bytes(out.getvalue().encode("cp932"))  # as Excel writes it: 〜 becomes ～'s bytes
    assert "～" in saved.read_bytes().decode("cp932")
    result = import_answers(ws, "kamiscan", saved, actor="jimukyoku", now=NOW)
    recorded = {e.payload["requirement"]: (e.payload["answer"], e.payload.get("remark", "")) for e in result.recorded}
    assert recorded == {
        "1-01": ("no", ""),
        "1-02": ("partial", "次期版（2026年10月）で対応"),
        "2-01": ("yes", ""),
        "02": ("na", ""),
        "2026-04": ("yes", ""),
    }


# --- printing -----------------------------------------------------------------------------------


def _long_plan(count: int) -> str:
    head = FIT_PLAN.split("[[requirements]]")[0]
    tools = "[[tools]]" + FIT_PLAN.split("[[tools]]", 1)[1]
    rows = []
    for n in range(1, count + 1):
        rows.append(
            "[[requirements]]\n"
            f'id = "{n // 10 + 1}-{n:02d}"\n'
            f'text = "要件 {n}: 契約書の検索は件名、相手方、締結日、金額、担当課のいずれでも、部分一致で行えること"\n'
            'category = "検索"\n'
            f'priority = "{("required", "important", "optional")[n % 3]}"\n'
            'criterion = "fit"\n'
        )
    return head + "\n".join(rows) + "\n" + tools


def test_xlsx_template_prints_on_a4_fitted_to_the_width(tmp_path: Path) -> None:
    need("soffice")
    workspace = make_workspace(tmp_path / "long", _long_plan(60))
    try:
        source = template(workspace, tmp_path / "kamiscan-fit.xlsx")
    finally:
        workspace.close()
    pdf = xlsx_to_pdf(source, tmp_path / "pdf")
    count = pages(pdf)
    printed = text(pdf).split("\f")
    assert 2 <= count <= 6
    for page in printed[:count]:  # every page carries the whole header: nothing was cut off to the right
        assert "要件ID" in page and "備考" in page and "回答" in page
    assert re.search(rf"\b{count}\s*/\s*{count}\b", printed[count - 1])
    info = subprocess.run([need("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True).stdout
    width = float(re.search(r"Page size:\s+([0-9.]+) x", info).group(1))  # type: ignore[union-attr]
    assert round(width) in (595, 842)  # A4, portrait or landscape
    boxes = subprocess.run([need("pdftotext"), "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True)
    right = max(float(x) for x in re.findall(r'xMax="([0-9.]+)"', boxes.stdout))
    assert right <= width
