"""Score sheets (採点表): export for one evaluator, fill in, import back; real files and a real ledger."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from openpyxl import load_workbook

from toolbench import Workspace
from toolbench.methods.evaluation import current_moderations, current_scores
from toolbench.workspace.sheets import (
    SHEET_FORMAT,
    SheetError,
    SheetFormat,
    SheetLayout,
    export_sheet,
    import_sheet,
    read_sheet,
    render_csv,
    sheet_layout,
)

SHEET_PLAN = """\
[evaluation]
title = { ja = "@SUM(1+1) 採点表の試験", en = "@SUM(1+1) sheet test" }
language = "ja"

[groups]
fn = { ja = "機能", en = "Function" }

[scales.five]
ratios = { "5" = 1.00, "4" = 0.75, "3" = 0.50, "2" = 0.25, "1" = 0.00 }

[scales.cert]
ratios = { A = 1.0, B = 0.6, C = 0.0 }

[[criteria]]
id = "accuracy"
name = { ja = "認識精度", en = "Accuracy" }
group = "fn"
points = 20
scale = "five"
anchors = { "5" = { ja = "正読率 98% 以上", en = "98% or better" }, "1" = "80% 未満" }

[[criteria]]
id = "lgwan"
name = { ja = "LGWAN対応", en = "LGWAN" }
group = "fn"
kind = "must"
points = 0

[[criteria]]
id = "cert"
name = "=cmd|' /C calc'!A0"
group = "fn"
points = 10.5
scale = "cert"

[[criteria]]
id = "price"
name = "価格"
group = "fn"
kind = "price"
points = 0

[[tools]]
id = "t1"
name = '=HYPERLINK("http://x","y")'
vendor = "X社"

[[tools]]
id = "t2"
name = { ja = "ツール2", en = "Tool 2" }
vendor = "Y社"

[[evaluators]]
id = "e1"
name = "委員1"

[[evaluators]]
id = "e2"
name = "委員2"
"""

NOW = datetime(2026, 4, 1, 0, 30, tzinfo=UTC)


@pytest.fixture()
def ws(tmp_path: Path) -> Iterator[Workspace]:
    """Three judged criteria (accuracy 1–5, the LGWAN must-have, cert A/B/C), price left out; tools t1, t2."""
    root = tmp_path / "sheet-eval"
    root.mkdir()
    (root / "toolbench.toml").write_text(SHEET_PLAN, encoding="utf-8")
    workspace = Workspace.start_ledger(root)
    yield workspace
    workspace.close()


def export(workspace: Workspace, path: Path, evaluator: str = "e1", *, blank: bool = False) -> Path:
    fmt: SheetFormat = "xlsx" if path.suffix == ".xlsx" else "csv"
    path.write_bytes(export_sheet(workspace, evaluator, fmt, blank=blank, now=NOW))
    return path


def edit_xlsx(path: Path, change: Callable[[Any], object]) -> None:
    book = load_workbook(path)
    change(book.active)
    book.save(path)


def fill_xlsx(path: Path, cells: dict[str, object]) -> None:
    def change(sheet: Any) -> None:
        for name, value in cells.items():
            sheet[name] = value

    edit_xlsx(path, change)


def csv_rows(path: Path, encoding: str = "utf-8-sig") -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode(encoding), newline="")))


def fill_csv(path: Path, cells: dict[str, str], encoding: str = "utf-8-sig", errors: str = "strict") -> None:
    """Set cells by their spreadsheet name (single letters suffice here), as Excel would save them."""
    rows = csv_rows(path)
    for name, value in cells.items():
        column, row = ord(name[0]) - ord("A"), int(name[1:]) - 1
        rows[row] += [""] * (column + 1 - len(rows[row]))
        rows[row][column] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding, errors))


def levels_of(workspace: Workspace, evaluator: str) -> dict[tuple[str, str], str]:
    current, _ = current_scores(workspace.plan, workspace.ledger.events())
    return {(t, c): s.level for (t, e, c), s in current.items() if e == evaluator}


# The levels every round trip fills in, by cell: accuracy is row 11, lgwan 12, cert 13; t1 is G, t2 is H.
FILLED = {"G11": 4, "H11": "5", "G12": "適", "H12": "fail", "G13": "B"}
LANDED = {
    ("t1", "accuracy"): "4",
    ("t2", "accuracy"): "5",
    ("t1", "lgwan"): "pass",
    ("t2", "lgwan"): "fail",
    ("t1", "cert"): "B",
}


# --- layout ------------------------------------------------------------------------------


def test_layout_in_japanese(ws: Workspace) -> None:
    layout = sheet_layout(ws.plan, "e1", "ja", {("t2", "cert"): "A"}, NOW)
    rows = layout.rows
    assert rows[0] == ("toolbench 採点表", SHEET_FORMAT)
    assert rows[1] == ("評価", "@SUM(1+1) 採点表の試験")
    assert rows[2] == ("評価者ID", "e1")
    assert rows[3] == ("評価者", "委員1")
    assert rows[4] == ("計画ハッシュ", ws.plan.hash[:12]) and len(rows[4][1] or "") == 12
    assert rows[5] == ("作成日時 (UTC)", "2026-04-01T00:30:00Z")
    assert rows[6][0] == "記入方法"
    assert layout.header_row == 9 and layout.first_level_row == 11 and layout.first_tool_column == 7
    assert rows[8] == ("項目ID", "評価項目", "区分", "配点", "水準", "評価の目安", "t1", "t2")
    assert rows[9] == (None, None, None, None, None, "製品名 →", '=HYPERLINK("http://x","y")', "ツール2")
    # price is not judged by evaluators under family "none", so it has no row
    assert [r[0] for r in rows[10:]] == ["accuracy", "lgwan", "cert"]
    assert rows[10] == (
        "accuracy",
        "認識精度",
        "機能",
        Decimal("20"),
        "1–5",
        "5: 正読率 98% 以上\n1: 80% 未満",
        None,
        None,
    )
    assert rows[11] == ("lgwan", "LGWAN対応", "機能", Decimal("0"), "pass/fail（適 / 否 も可）", "", None, None)
    assert rows[12] == ("cert", "=cmd|' /C calc'!A0", "機能", Decimal("10.5"), "A/B/C", "", None, "A")
    assert layout.levels == (("5", "4", "3", "2", "1"), ("pass", "fail", "適", "否"), ("A", "B", "C"))
    assert layout.tab == "採点表"


def test_layout_in_english(ws: Workspace) -> None:
    rows = sheet_layout(ws.plan, "e2", "en", {}, NOW).rows
    assert [r[0] for r in rows[:7]] == [
        "toolbench score sheet",
        "Evaluation",
        "Evaluator id",
        "Evaluator",
        "Plan hash",
        "Generated (UTC)",
        "How to fill in",
    ]
    assert rows[8][:6] == ("Criterion id", "Criterion", "Group", "Points", "Levels", "Anchors")
    assert rows[9][5:] == ("Tool name →", '=HYPERLINK("http://x","y")', "Tool 2")
    assert rows[10][1:3] == ("Accuracy", "Function") and rows[10][5] == "5: 98% or better\n1: 80% 未満"
    assert rows[11][4] == "pass/fail (or 適 / 否)"


def test_unknown_evaluator_cannot_have_a_sheet(ws: Workspace) -> None:
    with pytest.raises(SheetError) as caught:
        export_sheet(ws, "nobody", "csv")
    assert caught.value.message("en") == "unknown evaluator 'nobody'; evaluators in the plan: e1, e2"


# --- round trips ---------------------------------------------------------------------------


def test_xlsx_fill_import_and_reimport(ws: Workspace, tmp_path: Path) -> None:
    sheet = export(ws, tmp_path / "e1.xlsx", blank=True)
    fill_xlsx(sheet, FILLED)
    result = import_sheet(ws, sheet, actor="clerk")
    assert [(e.payload["tool"], e.payload["criterion"], e.payload["level"]) for e in result.outcome.recorded] == [
        ("t1", "accuracy", "4"),
        ("t1", "lgwan", "pass"),
        ("t1", "cert", "B"),
        ("t2", "accuracy", "5"),
        ("t2", "lgwan", "fail"),
    ]
    assert {e.actor for e in result.outcome.recorded} == {"clerk"}
    assert levels_of(ws, "e1") == LANDED
    assert levels_of(ws, "e2") == {}
    assert [e.cell for e in result.contents.entries] == ["G11", "H11", "G12", "H12", "G13"]
    head = ws.ledger.head()
    assert head is not None and head.seq == 5
    again = import_sheet(ws, sheet, actor="clerk")
    assert again.outcome.recorded == ()
    assert len(again.outcome.unchanged_cells) == 5
    assert ws.ledger.head() == head


def test_xlsx_with_current_scores_reimports_as_nothing(ws: Workspace, tmp_path: Path) -> None:
    ws.record_sheet("e1", {"t1": {"accuracy": "3", "lgwan": "否"}, "t2": {"cert": "C"}}, actor="clerk")
    head = ws.ledger.head()
    sheet = export(ws, tmp_path / "e1.xlsx")
    cells = load_workbook(sheet).active
    assert (cells["G11"].value, cells["H11"].value) == (3, None)  # a numeric level is a number in Excel
    assert (cells["G12"].value, cells["H13"].value) == ("fail", "C")
    result = import_sheet(ws, sheet, actor="clerk")
    assert result.outcome.recorded == () and len(result.outcome.unchanged_cells) == 3
    assert ws.ledger.head() == head


def test_xlsx_is_a_form_to_fill(ws: Workspace, tmp_path: Path) -> None:
    sheet = load_workbook(export(ws, tmp_path / "e1.xlsx")).active
    assert sheet.title == "採点表"
    assert sheet.freeze_panes == "G11"
    assert sheet["F11"].alignment.wrap_text is True
    assert sheet.column_dimensions["F"].width == 48
    assert sheet["D13"].value == 10.5 and sheet["D13"].data_type == "n"
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists == {"G11:H11": '"5,4,3,2,1"', "G12:H12": '"pass,fail,適,否"', "G13:H13": '"A,B,C"'}
    assert {(v.showErrorMessage, v.errorStyle) for v in sheet.data_validations.dataValidation} == {(True, "warning")}


def test_csv_round_trip(ws: Workspace, tmp_path: Path) -> None:
    sheet = export(ws, tmp_path / "e1.csv", blank=True)
    raw = sheet.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = csv_rows(sheet)
    assert rows[0] == ["toolbench 採点表", SHEET_FORMAT]
    assert rows[8] == ["項目ID", "評価項目", "区分", "配点", "水準", "評価の目安", "t1", "t2"]
    assert rows[12][:4] == ["cert", "'=cmd|' /C calc'!A0", "機能", "10.5"]
    fill_csv(sheet, {k: str(v) for k, v in FILLED.items()})
    result = import_sheet(ws, sheet, actor="clerk")
    assert len(result.outcome.recorded) == 5
    assert levels_of(ws, "e1") == LANDED
    head = ws.ledger.head()
    # export again with the levels now recorded: the same sheet, recording nothing
    again = export(ws, tmp_path / "again.csv")
    assert [r[6:8] for r in csv_rows(again)[10:13]] == [["4", "5"], ["pass", "fail"], ["B", ""]]
    assert import_sheet(ws, again, actor="clerk").outcome.recorded == ()
    assert ws.ledger.head() == head


def test_csv_saved_by_japanese_excel_as_cp932(ws: Workspace, tmp_path: Path) -> None:
    sheet = export(ws, tmp_path / "e1.csv", blank=True)
    # CP932 has no en dash: Excel writes "1?5" in the levels column, which nothing reads.
    # Full-width ２ and Ｂ, as typed with a Japanese input method, count as 2 and B.
    fill_csv(sheet, {"G11": "２", "H12": "適", "H13": "Ｂ"}, encoding="cp932", errors="replace")
    assert not sheet.read_bytes().startswith(b"\xef\xbb\xbf")
    import_sheet(ws, sheet, actor="clerk")
    assert levels_of(ws, "e1") == {("t1", "accuracy"): "2", ("t2", "lgwan"): "pass", ("t2", "cert"): "B"}


def test_dry_run_lists_and_records_nothing(ws: Workspace, tmp_path: Path, run: Callable[..., Result]) -> None:
    sheet = export(ws, tmp_path / "e1.xlsx", blank=True)
    fill_xlsx(sheet, {"G11": 4, "H13": "A"})
    result = import_sheet(ws, sheet, actor="clerk", dry_run=True)
    assert [
        (e.seq, e.payload["tool"], e.payload["criterion"], e.payload["level"]) for e in result.outcome.recorded
    ] == [
        (0, "t1", "accuracy", "4"),
        (0, "t2", "cert", "A"),
    ]
    assert ws.ledger.head() is None
    cli_result = run("--lang", "en", "-C", str(ws.root), "sheet", "import", str(sheet), "--dry-run")
    assert cli_result.exit_code == 0, cli_result.output
    assert cli_result.stdout.splitlines() == [
        "  G11  t1  accuracy = 4",
        "  H13  t2  cert = A",
        "e1.xlsx: 2 score(s) of e1 to record, 0 already recorded",
        "dry run: nothing recorded",
    ]
    assert ws.ledger.head() is None


def test_changing_a_level_needs_a_reason_named_by_cell(ws: Workspace, tmp_path: Path) -> None:
    ws.record_scores("t2", "e1", {"accuracy": "2"}, actor="clerk")
    head = ws.ledger.head()
    assert head is not None
    sheet = export(ws, tmp_path / "e1.xlsx")
    fill_xlsx(sheet, {"H11": 3, "G13": "A"})
    with pytest.raises(SheetError) as caught:
        import_sheet(ws, sheet, actor="clerk")
    assert caught.value.message("en") == (
        "e1.xlsx, cell H11: e1 already scored t2 accuracy=2 (event 1); "
        'changing it to 3 needs --reason "…" (nothing was recorded)'
    )
    assert ws.ledger.head() == head
    result = import_sheet(ws, sheet, actor="clerk", reason="re-read the pilot report")
    corrected = [e for e in result.outcome.recorded if e.payload["criterion"] == "accuracy"]
    assert len(corrected) == 1 and corrected[0].payload["supersedes"] == 1
    assert corrected[0].payload["reason"] == "re-read the pilot report"
    assert levels_of(ws, "e1") == {("t2", "accuracy"): "3", ("t1", "cert"): "A"}


def test_an_empty_sheet_records_nothing(ws: Workspace, tmp_path: Path, run: Callable[..., Result]) -> None:
    sheet = export(ws, tmp_path / "e2.csv", "e2", blank=True)
    result = run("--lang", "en", "-C", str(ws.root), "sheet", "import", str(sheet))
    assert result.exit_code == 0, result.output
    assert result.stdout == "e2.csv: no levels are filled in; nothing recorded\n"
    assert ws.ledger.head() is None


# --- formula injection ------------------------------------------------------------------------


def test_injected_names_are_inert_in_xlsx(ws: Workspace, tmp_path: Path) -> None:
    sheet = load_workbook(export(ws, tmp_path / "e1.xlsx")).active
    for name, text in (
        ("G10", '=HYPERLINK("http://x","y")'),
        ("B13", "=cmd|' /C calc'!A0"),
        ("B2", "@SUM(1+1) 採点表の試験"),
    ):
        assert sheet[name].value == text
        assert sheet[name].data_type == "s", name


def test_injected_names_are_inert_in_csv(ws: Workspace, tmp_path: Path) -> None:
    rows = csv_rows(export(ws, tmp_path / "e1.csv"))
    assert rows[9][6] == '\'=HYPERLINK("http://x","y")'
    assert rows[12][1] == "'=cmd|' /C calc'!A0"
    assert rows[1][1] == "'@SUM(1+1) 採点表の試験"
    assert all(not cell.startswith(("=", "+", "@")) for row in rows for cell in row)


def test_a_negative_level_is_not_mangled_by_neutralising() -> None:
    layout = SheetLayout((("-1", "-x"),), 1, 2, 1, (), (), (), "t")
    assert render_csv(layout) == "\ufeff-1,'-x\r\n".encode()


# --- bad input: one error naming the cell, nothing recorded --------------------------------------------


def _scored(ws: Workspace) -> None:
    """Give the ledger a head, so that 'unchanged' is a real comparison."""
    ws.record_scores("t1", "e2", {"accuracy": "5"}, actor="clerk")


XLSX_MISTAKES: list[tuple[str, Callable[[Any], object], str]] = [
    (
        "off the scale",
        lambda s: s.__setitem__("G11", 6),
        "e1.xlsx, cell G11: '6' is not on the scale 1–5 of accuracy; write one of those levels or leave the cell empty (nothing was recorded)",
    ),
    (
        "off the scale (a must-have)",
        lambda s: s.__setitem__("H12", "maybe"),
        "e1.xlsx, cell H12: 'maybe' is not on the scale pass/fail (適/否) of lgwan; write one of those levels or leave the cell empty (nothing was recorded)",
    ),
    (
        "a formula",
        lambda s: s.__setitem__("G11", "=2+2"),
        "e1.xlsx, cell G11: a formula (=2+2); type the level itself (nothing was recorded)",
    ),
    (
        "merged cells",
        lambda s: (s.__setitem__("G11", 4), s.merge_cells("G11:H11")),
        "e1.xlsx, cell G11: merged cells G11:H11 in the score area; unmerge them (nothing was recorded)",
    ),
    (
        "a criterion id not in the plan",
        lambda s: s.__setitem__("A13", "certification"),
        "e1.xlsx: 2 problem(s), nothing was recorded:\n"
        "  A13: 'certification' is not a criterion of the plan (was the id changed?); criteria on the sheet are accuracy, lgwan, cert\n"
        "  A11:A13: no row for criterion 'cert'; restore it (or export a new sheet)",
    ),
    (
        "a criterion not judged by evaluators",
        lambda s: s.__setitem__("A13", "price"),
        "e1.xlsx: 2 problem(s), nothing was recorded:\n"
        "  A13: criterion 'price' is a price criterion and is not scored by evaluators; remove its row\n"
        "  A11:A13: no row for criterion 'cert'; restore it (or export a new sheet)",
    ),
    (
        "a renamed tool",
        lambda s: s.__setitem__("H9", "tool-two"),
        "e1.xlsx: 2 problem(s), nothing was recorded:\n"
        "  H9: 'tool-two' is not a tool id of the plan (was the header changed?); tool ids are t1, t2\n"
        "  A9:H9: the header row has no column for tool 't2'; restore it (or export a new sheet)",
    ),
    (
        "a tool column deleted",
        lambda s: s.delete_cols(8),
        "e1.xlsx, cell A9:G9: the header row has no column for tool 't2'; restore it (or export a new sheet) (nothing was recorded)",
    ),
    (
        "a tool column twice",
        lambda s: s.__setitem__("I9", "t1"),
        "e1.xlsx, cell I9: tool 't1' already has a column at G9; keep one (nothing was recorded)",
    ),
    (
        "the criterion-id header cleared",
        lambda s: s.__setitem__("A9", None),
        "e1.xlsx, cell A9:H9: the header row has no '項目ID' column; restore it (or export a new sheet) (nothing was recorded)",
    ),
    (
        "column A deleted (ids and metadata labels)",
        lambda s: s.delete_cols(1),
        "e1.xlsx: not a toolbench score sheet (cell B1 should read toolbench.sheet/1); export one with `toolbench sheet export`",
    ),
    (
        "a level without a criterion id",
        lambda s: s.__setitem__("G15", 3),
        "e1.xlsx, cell G15: a level in a row without a criterion id; put the id back or clear the row (nothing was recorded)",
    ),
    (
        "a level in a column without a tool id",
        lambda s: s.__setitem__("J12", "pass"),
        "e1.xlsx, cell J12: a level in a column without a tool id in its header; put the tool id back or clear the column (nothing was recorded)",
    ),
    (
        "an unknown evaluator",
        lambda s: s.__setitem__("B3", "nobody"),
        "e1.xlsx, cell B3: unknown evaluator 'nobody'; evaluators in the plan: e1, e2 (nothing was recorded)",
    ),
    (
        "not a sheet of this kind",
        lambda s: s.__setitem__("B1", None),
        "e1.xlsx: not a toolbench score sheet (cell B1 should read toolbench.sheet/1); export one with `toolbench sheet export`",
    ),
    (
        "no evaluator",
        lambda s: s.delete_rows(3),
        "e1.xlsx: the sheet names no evaluator (the '評価者ID' cell above the header is empty or missing)",
    ),
]


@pytest.mark.parametrize(("change", "expected"), [m[1:] for m in XLSX_MISTAKES], ids=[m[0] for m in XLSX_MISTAKES])
def test_bad_xlsx_is_refused_by_cell(
    ws: Workspace, tmp_path: Path, change: Callable[[Any], object], expected: str
) -> None:
    _scored(ws)
    head = ws.ledger.head()
    sheet = export(ws, tmp_path / "e1.xlsx", blank=True)
    fill_xlsx(sheet, {"H11": 2})  # a good cell beside the bad one: still nothing is recorded
    edit_xlsx(sheet, change)
    with pytest.raises(SheetError) as caught:
        import_sheet(ws, sheet, actor="clerk")
    assert caught.value.message("en") == expected
    assert ws.ledger.head() == head


CSV_MISTAKES: list[tuple[str, dict[str, str], str]] = [
    (
        "off the scale",
        {"G11": "6"},
        "e1.csv, cell G11: '6' is not on the scale 1–5 of accuracy; write one of those levels or leave the cell empty (nothing was recorded)",
    ),
    (
        "a formula typed into the CSV",
        {"H13": "=A1"},
        "e1.csv, cell H13: a formula (=A1); type the level itself (nothing was recorded)",
    ),
    (
        "a renamed tool",
        {"G9": "T1"},
        "e1.csv: 2 problem(s), nothing was recorded:\n"
        "  G9: 'T1' is not a tool id of the plan (was the header changed?); tool ids are t1, t2\n"
        "  A9:H9: the header row has no column for tool 't1'; restore it (or export a new sheet)",
    ),
    (
        "the criterion-id header renamed",
        {"A9": "id"},
        "e1.csv: 2 problem(s), nothing was recorded:\n"
        "  A9: 'id' is not a tool id of the plan (was the header changed?); tool ids are t1, t2\n"
        "  A9:H9: the header row has no '項目ID' column; restore it (or export a new sheet)",
    ),
]


@pytest.mark.parametrize(("cells", "expected"), [m[1:] for m in CSV_MISTAKES], ids=[m[0] for m in CSV_MISTAKES])
def test_bad_csv_is_refused_by_cell(ws: Workspace, tmp_path: Path, cells: dict[str, str], expected: str) -> None:
    _scored(ws)
    head = ws.ledger.head()
    sheet = export(ws, tmp_path / "e1.csv", blank=True)
    fill_csv(sheet, {"H11": "2", **cells})
    with pytest.raises(SheetError) as caught:
        import_sheet(ws, sheet, actor="clerk")
    assert caught.value.message("en") == expected
    assert ws.ledger.head() == head


def test_every_problem_is_reported_at_once_up_to_a_limit(ws: Workspace, tmp_path: Path) -> None:
    sheet = export(ws, tmp_path / "e1.csv", blank=True)
    rows = csv_rows(sheet)
    rows += [["accuracy", "", "", "", "", "", "9", "9"]] * 20  # repeated rows with bad levels
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    sheet.write_text(out.getvalue(), encoding="utf-8")
    with pytest.raises(SheetError) as caught:
        import_sheet(ws, sheet, actor="clerk")
    message = caught.value.message("en").splitlines()
    # each added row is a repeated criterion (its levels are not read)
    assert message[0] == "e1.csv: 20 problem(s), nothing was recorded:"
    assert message[1] == "  A14: criterion 'accuracy' already has a row at A11; keep one"
    assert len(message) == 21
    # and now 4 levels off the scale, 20 repeated rows and 30 levels without a criterion id:
    # the first 30 are shown and the rest counted
    rows = csv_rows(sheet)
    rows[10][6:8] = ["9", "9"]
    rows[11][6:8] = ["9", "9"]
    rows += [["", "", "", "", "", "", "1", "1"]] * 15
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    sheet.write_text(out.getvalue(), encoding="utf-8")
    with pytest.raises(SheetError) as caught:
        import_sheet(ws, sheet, actor="clerk")
    lines = caught.value.message("en").splitlines()
    assert lines[0] == "e1.csv: 54 problem(s), nothing was recorded:"
    assert lines[-1] == "  … and 24 more"
    assert len(lines) == 1 + 30 + 1
    assert ws.ledger.head() is None


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("e1.xlsx", b"PK\x03\x04 not really a zip", "e1.xlsx: cannot read ("),
        ("e1.xlsx", b"", "e1.xlsx: cannot read ("),
        ("e1.csv", "toolbench 採点表,toolbench.sheet/1\n".encode("utf-16"), "e1.csv: not UTF-8 or CP932 text"),
        ("e1.csv", b"\x80\x81\xff\xfe\xfd", "e1.csv: not UTF-8 or CP932 text"),
        ("e1.csv", b"name,score\nalice,4\n", "e1.csv: not a toolbench score sheet (cell B1 should read"),
        ("e1.txt", b"whatever", "e1.txt: not a .xlsx or .csv file"),
        ("e1.ods", b"whatever", "e1.ods: not a .xlsx or .csv file"),
    ],
)
def test_unreadable_files(ws: Workspace, tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SheetError) as caught:
        read_sheet(path, ws.plan)
    assert caught.value.message("en").startswith(expected)


def test_a_sheet_without_any_header(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "e1.csv"
    path.write_text(f"x,{SHEET_FORMAT}\nevaluator,e1\n", encoding="utf-8")
    with pytest.raises(SheetError) as caught:
        read_sheet(path, ws.plan)
    assert caught.value.message("ja") == (
        "e1.csv: toolbench の採点表ではありません（'項目ID' 列とツール ID のある見出し行がありません）。"
        "`toolbench sheet export` で書き出してください"
    )


def test_the_sheet_of_another_evaluator_is_refused(ws: Workspace, tmp_path: Path) -> None:
    sheet = export(ws, tmp_path / "e1.xlsx", blank=True)
    fill_xlsx(sheet, {"G11": 4})
    with pytest.raises(SheetError) as caught:
        import_sheet(ws, sheet, actor="clerk", evaluator="e2")
    assert caught.value.message("en") == (
        "e1.xlsx, cell B3: this is the sheet of e1, not of e2; check you picked the right file"
    )
    assert ws.ledger.head() is None
    assert len(import_sheet(ws, sheet, actor="clerk", evaluator="e1").outcome.recorded) == 1


def test_english_labels_read_back_on_a_japanese_plan(ws: Workspace, tmp_path: Path) -> None:
    sheet = tmp_path / "e2.xlsx"
    sheet.write_bytes(export_sheet(ws, "e2", "xlsx", "en", blank=True))
    assert load_workbook(sheet).active["A9"].value == "Criterion id"
    fill_xlsx(sheet, {"H13": "d"})
    with pytest.raises(SheetError) as caught:
        import_sheet(ws, sheet, actor="clerk")
    assert "'d' は cert の尺度 A/B/C にありません" in caught.value.message("ja")
    fill_xlsx(sheet, {"H13": "c"})  # a lower-case level is the scale's C (issue 14: input as staff type it)
    import_sheet(ws, sheet, actor="clerk")
    assert levels_of(ws, "e2") == {("t2", "cert"): "C"}


def test_plan_changed_since_export(ws: Workspace, tmp_path: Path, run: Callable[..., Result]) -> None:
    sheet = export(ws, tmp_path / "e1.csv", blank=True)
    fill_csv(sheet, {"G11": "5"})
    text = (ws.root / "toolbench.toml").read_text(encoding="utf-8")
    (ws.root / "toolbench.toml").write_text(text.replace("points = 20", "points = 25"), encoding="utf-8")
    result = run("--lang", "en", "-C", str(ws.root), "sheet", "import", str(sheet), "--actor", "clerk")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"note: e1.csv was exported under plan {ws.plan.hash[:12]}, the plan is now ")
    assert result.stdout.splitlines() == [
        "  G11  t1  accuracy = 5",
        "recorded 1 score(s) of e1 from e1.csv (0 already recorded)",
    ]


# --- the command line ----------------------------------------------------------------------------------


def test_cli_export_and_import_on_the_demo(demo: Workspace, tmp_path: Path, run: Callable[..., Result]) -> None:
    root = str(demo.root)
    sheet = tmp_path / "aoki.xlsx"
    result = run("-C", root, "sheet", "export", "--evaluator", "aoki", "-o", str(sheet))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    cells = load_workbook(sheet).active
    # the demo plan is Japanese: Japanese labels, tools in plan order with their names below the ids
    assert [cells[f"{c}9"].value for c in "ABCDEFGHI"] == [
        "項目ID",
        "評価項目",
        "区分",
        "配点",
        "水準",
        "評価の目安",
        "alpha-reader",
        "kamiscan",
        "formeye",
    ]
    assert [cells[f"{c}10"].value for c in "GHI"] == ["帳票リーダーα", "カミスキャン", "フォームアイ"]
    assert cells["B3"].value == "aoki" and cells["B4"].value == "青木 (Aoki)"
    assert cells["B5"].value == demo.plan.hash[:12]
    filled = sum(1 for row in cells.iter_rows(min_row=11, min_col=7, max_col=9) for c in row if c.value is not None)
    assert filled == len(levels_of(demo, "aoki")) > 0
    head = demo.ledger.head()
    result = run("-C", root, "--lang", "en", "sheet", "import", str(sheet), "--actor", "clerk")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"aoki.xlsx: all {filled} level(s) on the sheet are already recorded; nothing changed\n"
    assert demo.ledger.head() == head


def test_cli_csv_to_stdout_starts_with_the_bom(demo: Workspace, run: Callable[..., Result]) -> None:
    result = run("-C", str(demo.root), "--lang", "en", "sheet", "export", "-e", "ishii", "--blank")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbftoolbench score sheet,toolbench.sheet/1\r\n")
    lines = result.stdout_bytes.decode("utf-8-sig").splitlines()
    assert lines[2] == "Evaluator id,ishii"
    assert lines[8] == "Criterion id,Criterion,Group,Points,Levels,Anchors,alpha-reader,kamiscan,formeye"


def test_cli_import_corrects_a_demo_level_with_a_reason(
    demo: Workspace, tmp_path: Path, run: Callable[..., Result]
) -> None:
    sheet = tmp_path / "ishii.csv"
    result = run("-C", str(demo.root), "sheet", "export", "-e", "ishii", "-o", str(sheet))
    assert result.exit_code == 0, result.output
    rows = csv_rows(sheet)
    row_of = {r[0]: n for n, r in enumerate(rows, start=1) if r and r[0]}
    before = levels_of(demo, "ishii")
    current, _ = current_scores(demo.plan, demo.ledger.events())
    settled = current_moderations(demo.plan, demo.ledger.events())
    # the first 1–5 cell Ishii scored that the committee has not settled; she lowers it to 1 (or 2)
    tool, criterion = next(
        (t.id, c.id)
        for c in demo.plan.judged_criteria()
        if c.scale == "five"
        for t in demo.plan.tools
        if (t.id, c.id) in before and (t.id, c.id) not in settled
    )
    old = current[(tool, "ishii", criterion)]
    new = "1" if old.level != "1" else "2"
    cell = "GHI"[[t.id for t in demo.plan.tools].index(tool)] + str(row_of[criterion])
    fill_csv(sheet, {cell: new})
    head = demo.ledger.head()
    args = ["-C", str(demo.root), "--lang", "en", "sheet", "import", str(sheet), "-e", "ishii", "--actor", "clerk"]
    result = run(*args)
    assert result.exit_code == 1
    assert result.stderr == (
        f"toolbench: ishii.csv, cell {cell}: ishii already scored {tool} {criterion}={old.level} (event {old.seq}); "
        f'changing it to {new} needs --reason "…" (nothing was recorded)\n'
    )
    assert demo.ledger.head() == head
    result = run(*args, "--reason", "re-read the pilot report")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"  {cell}  {tool}  {criterion} = {new}  (replaces event {old.seq})",
        f"recorded 1 score(s) of ishii from ishii.csv ({len(before) - 1} already recorded)",
    ]
    assert levels_of(demo, "ishii") == {**before, (tool, criterion): new}


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (
            ["sheet", "export", "-e", "aoki", "--format", "xlsx"],
            "an XLSX sheet cannot go to the terminal; add -o FILE.xlsx",
        ),
        (["sheet", "export", "-e", "nobody"], "unknown evaluator 'nobody'"),
        (
            ["sheet", "export", "-e", "aoki", "--format", "csv", "-o", "x.xlsx"],
            "--format csv does not match the file name",
        ),
    ],
)
def test_cli_export_mistakes(
    demo: Workspace, tmp_path: Path, args: list[str], fragment: str, run: Callable[..., Result]
) -> None:
    result = run("--lang", "en", "-C", str(demo.root), *args)
    assert result.exit_code == 1, result.output
    assert fragment in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_cli_bad_sheet_is_one_line_exit_1(demo: Workspace, tmp_path: Path, run: Callable[..., Result]) -> None:
    sheet = tmp_path / "aoki.xlsx"
    assert run("-C", str(demo.root), "sheet", "export", "-e", "aoki", "-o", str(sheet), "--blank").exit_code == 0
    fill_xlsx(sheet, {"G11": 7})
    head = demo.ledger.head()
    for lang, fragment in (
        ("en", "toolbench: aoki.xlsx, cell G11: '7' is not on the scale 1–5 of accuracy"),
        ("ja", "toolbench: aoki.xlsx、セル G11: '7' は accuracy の尺度 1–5 にありません"),
    ):
        result = run("--lang", lang, "-C", str(demo.root), "sheet", "import", str(sheet))
        assert result.exit_code == 1, result.output
        assert result.stderr.startswith(fragment)
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
        assert result.stdout == ""
    assert demo.ledger.head() == head


def test_cli_xlsx_output_is_written_atomically_in_place(
    demo: Workspace, tmp_path: Path, run: Callable[..., Result]
) -> None:
    sheet = tmp_path / "aoki.xlsx"
    sheet.write_bytes(b"old")
    result = run("--lang", "en", "-C", str(demo.root), "sheet", "export", "-e", "aoki", "-o", str(sheet))
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote {sheet}\n"
    assert sheet.read_bytes().startswith(b"PK")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".aoki")) == []
    result = run("--lang", "en", "-C", str(demo.root), "sheet", "export", "-e", "aoki", "-o", str(tmp_path))
    assert result.exit_code == 1 and "is a folder" in result.stderr


def test_a_recused_evaluators_sheet_marks_the_tool_and_reads_back_without_it(demo: Workspace, tmp_path: Path) -> None:
    """Ueda works for FormEye's vendor: his sheet marks FormEye's cells "recused", and they import as empty."""
    from toolbench.workspace.sheets import export_sheet, import_sheet

    data = export_sheet(demo, "ueda", "csv", "en").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data)))
    header = next(row for row in rows if row and row[0] == "Criterion id")
    formeye = header.index("formeye")
    accuracy = next(row for row in rows if row and row[0] == "accuracy")
    assert accuracy[formeye] == "recused"
    assert accuracy[header.index("kamiscan")] == "3"  # his own level for KamiScan (3/4/3 → Ueda 3)
    path = tmp_path / "ueda.csv"
    path.write_text(data, encoding="utf-8-sig")
    before = demo.ledger.head()
    result = import_sheet(demo, path, actor="ueda")
    assert result.outcome.recorded == () and demo.ledger.head() == before
    assert all(entry.tool != "formeye" for entry in result.contents.entries)
