"""Tabular input: a CSV file or an Excel worksheet read as a grid of text cells.

The one reader behind every table toolbench takes in (score sheets, hearing answers,
form exports), so that all of them decode text and treat formulas alike:

- CSV is UTF-8 with or without a byte-order mark, or CP932 (Windows-31J, what
  Japanese Excel saves as "CSV"). UTF-16 and anything holding NUL bytes is refused
  rather than misread.
- A workbook cell becomes the text Excel shows for it: 4.0 → "4", TRUE/FALSE, a date
  in ISO form. A formula is never run: the cell keeps the formula's own text and is
  marked, so a reader can refuse it by its cell name (`C7`), or, when asked, the value
  Excel saved with the formula is read instead.
- Merged ranges are listed with their last row; each reader decides which of them
  hide where a value belongs.

Failures raise `TableError`, which says why in plain terms; each reader turns it into
its own error (`SheetError`, `HearingError`, `TrialImportError`) so the user is told
what to do with that kind of file.
"""

from __future__ import annotations

import csv
import io
import warnings
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Final, Literal, NamedTuple

from toolbench.base.cells import column_letters

__all__ = [
    "WORKBOOK_SUFFIXES",
    "Cell",
    "Grid",
    "Merged",
    "TableError",
    "cell_name",
    "decode_text",
    "read_csv",
    "read_table",
    "read_workbook",
]

WORKBOOK_SUFFIXES: Final = (".xlsx", ".xlsm")
"""File name endings read as Excel workbooks; `read_table` reads anything else as CSV."""

TableProblem = Literal["unreadable", "encoding", "no_sheet"]


class TableError(Exception):
    """A file that cannot be read as a table.

    `kind` is "unreadable" (missing, damaged or not a workbook; `reason` says what the
    system or openpyxl reported), "encoding" (CSV text that is neither UTF-8 nor CP932)
    or "no_sheet" (the workbook has no worksheet named `sheet`; `sheets` lists those it has).
    """

    def __init__(self, kind: TableProblem, *, reason: str = "", sheet: str = "", sheets: tuple[str, ...] = ()) -> None:
        self.kind: TableProblem = kind
        self.reason = reason
        self.sheet = sheet
        self.sheets = sheets
        detail = {"unreadable": reason, "encoding": "not UTF-8 or CP932 text", "no_sheet": f"no sheet '{sheet}'"}
        super().__init__(f"{kind}: {detail[kind]}")


def cell_name(row: int, column: int) -> str:
    """`C7` for row 7, column 3 (both 1-based)."""
    return f"{column_letters(column)}{row}"


@dataclass(frozen=True)
class Cell:
    """One cell as text (stripped of surrounding spaces)."""

    text: str
    formula: bool = False
    """True when `text` is a formula as written ("=SUM(B2:B4)"), not a value."""


_EMPTY: Final = Cell("")


class Merged(NamedTuple):
    """One merged range of a worksheet."""

    last_row: int
    cells: str
    """The range as Excel names it: "C7:D8"."""


@dataclass(frozen=True)
class Grid:
    """The cells of one table, row by row; rows may differ in length."""

    rows: tuple[tuple[Cell, ...], ...]
    merged: tuple[Merged, ...] = ()
    """Merged ranges, top to bottom as the worksheet lists them (a CSV has none)."""

    def at(self, row: int, column: int) -> Cell:
        """The cell at a 1-based row and column (empty beyond the edges)."""
        if 1 <= row <= len(self.rows) and 1 <= column <= len(self.rows[row - 1]):
            return self.rows[row - 1][column - 1]
        return _EMPTY

    @property
    def width(self) -> int:
        """The number of columns of the longest row."""
        return max((len(r) for r in self.rows), default=0)

    def formulas(self) -> tuple[str, ...]:
        """Names of the cells holding a formula, row by row (`C7`)."""
        return tuple(
            cell_name(r, c)
            for r, row in enumerate(self.rows, start=1)
            for c, cell in enumerate(row, start=1)
            if cell.formula
        )


# --- CSV ---------------------------------------------------------------------------------


def decode_text(raw: bytes) -> str | None:
    """Text of a CSV export: UTF-8 with or without BOM, or CP932 (what Japanese Excel saves); else None.

    UTF-16 (and anything with NUL bytes) is refused rather than misread.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw:
        return None
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def read_csv(path: Path) -> Grid:
    """A CSV file as a grid of stripped text cells; TableError when it cannot be read or decoded."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise TableError("unreadable", reason=error.strerror or str(error)) from None
    text = decode_text(raw)
    if text is None:
        raise TableError("encoding")
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise TableError("unreadable", reason=str(error)) from None
    return Grid(tuple(tuple(Cell(value.strip()) for value in record) for record in records))


# --- workbooks ---------------------------------------------------------------------------


def read_workbook(
    path: Path,
    *,
    sheet: str | None = None,
    marker: tuple[str, str] | None = None,
    saved_values: bool = False,
) -> Grid:
    """One worksheet of an Excel workbook as a grid of text cells.

    The worksheet is the one named `sheet`; without a name, the first whose cell
    `marker[0]` (e.g. "B1") reads `marker[1]`, else the first worksheet. Formulas are
    kept as their text and marked; with `saved_values`, a formula's cell holds the
    value Excel saved with it instead, and only formulas that were never calculated
    (a file written by a program) stay marked.
    """
    book = _open_workbook(path, formulas=True)
    try:
        worksheet = _choose(book, sheet, marker)
        title = worksheet.title
        grid = _grid_of_worksheet(worksheet)
    finally:
        book.close()
    if saved_values and grid.formulas():
        grid = _with_saved_values(grid, path, title)
    return grid


def read_table(
    path: Path,
    *,
    sheet: str | None = None,
    marker: tuple[str, str] | None = None,
    saved_values: bool = False,
) -> Grid:
    """A workbook (by its suffix, see WORKBOOK_SUFFIXES) or else a CSV file, as `read_workbook` or `read_csv`."""
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return read_workbook(path, sheet=sheet, marker=marker, saved_values=saved_values)
    return read_csv(path)


def _open_workbook(path: Path, *, formulas: bool) -> Any:
    """The workbook at `path`, with formulas as written or (not `formulas`) the values Excel saved."""
    from openpyxl import load_workbook  # lazy: openpyxl is heavy, loaded only when a workbook is read

    try:
        with warnings.catch_warnings():
            # exports from form services often carry no default style, and openpyxl says so
            warnings.simplefilter("ignore")
            return load_workbook(path, data_only=not formulas)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        raise TableError("unreadable", reason=str(error) or type(error).__name__) from None


def _choose(book: Any, sheet: str | None, marker: tuple[str, str] | None) -> Any:
    if sheet is not None:
        if sheet not in book.sheetnames:
            raise TableError("no_sheet", sheet=sheet, sheets=tuple(book.sheetnames))
        return book[sheet]
    worksheets = book.worksheets
    if marker is not None:
        where, text = marker
        return next((s for s in worksheets if _text(s[where].value) == text), worksheets[0])
    return worksheets[0]


def _grid_of_worksheet(worksheet: Any) -> Grid:
    """An openpyxl worksheet (loaded with formulas) as text cells, formulas and merged ranges marked."""
    rows: list[tuple[Cell, ...]] = []
    for row in worksheet.iter_rows():
        cells = []
        for cell in row:
            if cell.data_type == "f":
                shown = getattr(cell.value, "text", None) or str(cell.value)
                cells.append(Cell(shown if shown.startswith("=") else "=" + shown, formula=True))
            else:
                cells.append(Cell(_text(cell.value)))
        rows.append(tuple(cells))
    return Grid(tuple(rows), tuple(Merged(m.max_row, m.coord) for m in worksheet.merged_cells.ranges))


def _with_saved_values(grid: Grid, path: Path, title: str) -> Grid:
    """`grid` with each formula replaced by the value Excel saved with it, where there is one."""
    book = _open_workbook(path, formulas=False)
    try:
        saved = list(book[title].iter_rows(values_only=True))
    finally:
        book.close()

    def value(r: int, c: int, cell: Cell) -> Cell:
        if not cell.formula:
            return cell
        found = saved[r][c] if r < len(saved) and c < len(saved[r]) else None
        return cell if found is None else Cell(_text(found))

    rows = tuple(tuple(value(r, c, cell) for c, cell in enumerate(row)) for r, row in enumerate(grid.rows))
    return Grid(rows, grid.merged)


def _text(value: object) -> str:
    """A spreadsheet value as text: 4.0 → "4", booleans as Excel shows them."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value).strip()
