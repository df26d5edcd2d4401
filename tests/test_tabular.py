"""The one reader of tabular input: CSV in each encoding Japanese offices save, and XLSX cells as text."""

from __future__ import annotations

import re
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from toolbench.workspace.tabular import (
    WORKBOOK_SUFFIXES,
    Cell,
    Grid,
    Merged,
    TableError,
    cell_name,
    decode_text,
    read_csv,
    read_table,
    read_workbook,
)

ROWS = "項目ID,ツール\r\nfn-ocr , ４\r\n"
"""Two rows with Japanese text, a full-width digit and spaces to strip."""


def texts(grid: Grid) -> list[list[str]]:
    return [[cell.text for cell in row] for row in grid.rows]


# --- cell names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "column", "name"), [(1, 1, "A1"), (7, 3, "C7"), (12, 26, "Z12"), (1, 27, "AA1"), (3, 703, "AAA3")]
)
def test_cell_name(row: int, column: int, name: str) -> None:
    assert cell_name(row, column) == name


def test_grid_at_is_empty_beyond_the_edges() -> None:
    grid = Grid(((Cell("a"), Cell("b")), (Cell("c"),)))
    assert grid.at(1, 2) == Cell("b")
    assert grid.at(2, 2) == Cell("")
    assert grid.at(3, 1) == Cell("")
    assert grid.at(0, 1) == Cell("")
    assert grid.width == 2


# --- CSV ---------------------------------------------------------------------------------------


def test_csv_utf8(tmp_path: Path) -> None:
    path = tmp_path / "answers.csv"
    path.write_bytes(ROWS.encode("utf-8"))
    grid = read_csv(path)
    assert texts(grid) == [["項目ID", "ツール"], ["fn-ocr", "４"]]
    assert grid.at(2, 1).text == "fn-ocr"
    assert grid.merged == ()
    assert grid.formulas() == ()


def test_csv_utf8_bom_is_not_part_of_the_first_cell(tmp_path: Path) -> None:
    path = tmp_path / "answers.csv"
    path.write_bytes(b"\xef\xbb\xbf" + ROWS.encode("utf-8"))
    grid = read_csv(path)
    assert grid.at(1, 1).text == "項目ID"
    assert texts(grid) == [["項目ID", "ツール"], ["fn-ocr", "４"]]


def test_csv_cp932_is_detected(tmp_path: Path) -> None:
    raw = ROWS.encode("cp932")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # so the text below can only come from detecting CP932
    path = tmp_path / "sjis.csv"
    path.write_bytes(raw)
    assert texts(read_csv(path)) == [["項目ID", "ツール"], ["fn-ocr", "４"]]


def test_cp932_only_characters_decode() -> None:
    # ① and ～ exist in CP932 (Windows-31J) but not in plain Shift_JIS
    assert decode_text("①～髙".encode("cp932")) == "①～髙"


@pytest.mark.parametrize(
    "raw",
    [
        "項目ID,水準".encode("utf-16"),
        "項目ID,水準".encode("utf-16-le"),
        b"a,b\x00,c",
        b"\x81\x20\xff",  # neither UTF-8 nor CP932
    ],
)
def test_text_that_is_not_utf8_or_cp932_is_refused(raw: bytes, tmp_path: Path) -> None:
    assert decode_text(raw) is None
    path = tmp_path / "wrong.csv"
    path.write_bytes(raw)
    with pytest.raises(TableError) as caught:
        read_csv(path)
    assert caught.value.kind == "encoding"


def test_csv_quoted_newlines_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "comments.csv"
    path.write_bytes(b'id,comment\r\nr1,"line one\r\nline two"\r\nr2,ok\r\n')
    assert texts(read_csv(path)) == [["id", "comment"], ["r1", "line one\r\nline two"], ["r2", "ok"]]


def test_missing_csv_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(TableError) as caught:
        read_csv(tmp_path / "nowhere.csv")
    assert caught.value.kind == "unreadable"
    assert caught.value.reason  # what the system said, e.g. "No such file or directory"


def test_csv_field_beyond_one_cell_is_named_by_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    path.write_bytes(b'a,"' + b"x" * 200_000 + b'"\r\n')  # beyond the csv module's own field limit too
    with pytest.raises(TableError) as caught:
        read_csv(path)
    assert caught.value.kind == "too_long"
    assert (caught.value.row, caught.value.column, caught.value.length) == (1, 2, 200_000)


# --- workbooks -----------------------------------------------------------------------------------


def test_xlsx_cells_as_text(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet["A1"] = "  評価者 "
    sheet["B1"] = 4.0
    sheet["C1"] = 2.5
    sheet["D1"] = 7
    sheet["A2"] = True
    sheet["B2"] = False
    sheet["C2"] = datetime(2026, 4, 14, 9, 30)
    path = tmp_path / "cells.xlsx"
    book.save(path)
    grid = read_workbook(path)
    assert texts(grid) == [
        ["評価者", "4", "2.5", "7"],
        ["TRUE", "FALSE", "2026-04-14T09:30:00", ""],
    ]
    assert grid.at(2, 3) == Cell("2026-04-14T09:30:00")
    assert grid.width == 4


def test_formula_is_kept_as_text_and_named_by_its_cell(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet["A1"] = "level"
    sheet["C7"] = "=SUM(1,2)"
    path = tmp_path / "formula.xlsx"
    book.save(path)
    grid = read_workbook(path)
    assert grid.at(7, 3) == Cell("=SUM(1,2)", formula=True)
    assert grid.at(1, 1).formula is False
    assert grid.formulas() == ("C7",)
    # openpyxl never calculates, so there is no saved value: the formula stays refused
    assert read_workbook(path, saved_values=True).formulas() == ("C7",)


def test_text_that_looks_like_a_formula_is_not_one(tmp_path: Path) -> None:
    book = Workbook()
    cell = book.active["B2"]
    cell.value = "=1+1"
    cell.data_type = "s"
    path = tmp_path / "text.xlsx"
    book.save(path)
    grid = read_workbook(path)
    assert grid.at(2, 2) == Cell("=1+1")
    assert grid.formulas() == ()


def _with_saved_value(path: Path, cell: str, saved: str) -> None:
    """Write into the file the value Excel would have saved with the formula in `cell`."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    xml, count = re.subn(rf'(<c r="{cell}"[^>]*>\s*<f>[^<]*</f>)\s*(<v\s*/>|<v>\s*</v>)?', rf"\1<v>{saved}</v>", xml)
    assert count == 1
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)


def test_saved_values_replace_formulas_that_were_calculated(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet["A1"] = "a:b"
    sheet["A2"] = "=1/3"
    sheet["B2"] = "=1/4"
    path = tmp_path / "judgments.xlsx"
    book.save(path)
    _with_saved_value(path, "A2", "0.33333333333333331")
    marked = read_workbook(path)
    assert marked.formulas() == ("A2", "B2")
    saved = read_workbook(path, saved_values=True)
    assert saved.at(2, 1) == Cell("0.3333333333333333")
    assert saved.formulas() == ("B2",)  # never calculated: still a formula


def test_merged_ranges_are_listed(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet["B2"] = "merged"
    sheet.merge_cells("B2:C3")
    path = tmp_path / "merged.xlsx"
    book.save(path)
    grid = read_workbook(path)
    assert grid.merged == (Merged(3, "B2:C3"),)
    assert grid.merged[0].last_row == 3
    assert grid.at(2, 2).text == "merged"


def test_sheet_by_name_marker_or_first(tmp_path: Path) -> None:
    book = Workbook()
    book.active.title = "notes"
    book.active["A1"] = "read me"
    scores = book.create_sheet("scores")
    scores["B1"] = "toolbench.sheet/1"
    path = tmp_path / "two.xlsx"
    book.save(path)
    assert read_workbook(path).at(1, 1).text == "read me"
    assert read_workbook(path, sheet="scores").at(1, 2).text == "toolbench.sheet/1"
    assert read_workbook(path, marker=("B1", "toolbench.sheet/1")).at(1, 2).text == "toolbench.sheet/1"
    assert read_workbook(path, marker=("B1", "something else")).at(1, 1).text == "read me"
    with pytest.raises(TableError) as caught:
        read_workbook(path, sheet="回答")
    assert caught.value.kind == "no_sheet"
    assert caught.value.sheet == "回答"
    assert caught.value.sheets == ("notes", "scores")


def test_damaged_workbook_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(b"id,level\r\n")
    with pytest.raises(TableError) as caught:
        read_workbook(path)
    assert caught.value.kind == "unreadable"
    assert caught.value.reason


def test_read_table_goes_by_suffix(tmp_path: Path) -> None:
    book = Workbook()
    book.active["A1"] = 4.0
    xlsx = tmp_path / "book.XLSX"
    book.save(xlsx)
    text = tmp_path / "export.txt"
    text.write_bytes("４,=1+1\r\n".encode("cp932"))
    assert ".xlsx" in WORKBOOK_SUFFIXES
    assert texts(read_table(xlsx)) == [["4"]]
    grid = read_table(text)
    assert texts(grid) == [["４", "=1+1"]]
    assert grid.formulas() == ()  # a CSV holds no formulas, only text
