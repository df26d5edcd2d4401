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
- Size is bounded by what a table of answers can need, never by what the file claims:
  a workbook's cells are read where values are (a 7 KB file with one cell at
  `XFD1048576` costs one cell, not 17 billion), and a table beyond `MAX_ROWS` rows,
  `MAX_COLUMNS` columns or `MAX_CELLS` cells, a file beyond `MAX_BYTES` (a workbook:
  once unzipped) or a cell beyond `MAX_CELL_CHARS` characters is refused by name.

Failures raise `TableError`, which says why in plain terms; each reader turns it into
its own error (`SheetError`, `HearingError`, `TrialImportError`) so the user is told
what to do with that kind of file.
"""

from __future__ import annotations

import csv
import io
import os
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Final, Literal, NamedTuple, Protocol, TypeVar

from toolbench.base.cells import column_letters
from toolbench.base.errors import Problem, ToolbenchError
from toolbench.base.i18n import Message, translate

__all__ = [
    "MAX_BYTES",
    "MAX_CELLS",
    "MAX_CELL_CHARS",
    "MAX_COLUMNS",
    "MAX_ROWS",
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

MAX_ROWS: Final = 100_000
"""The most rows a table may have: far more responses than a city's form collects."""
MAX_COLUMNS: Final = 2_000
"""The most columns: a hearing of 60 criteria in pairs within groups stays well below it."""
MAX_CELLS: Final = 5_000_000
"""The most cells a table may span (a workbook: its rows times its widest row), so memory stays bounded."""
MAX_CELL_CHARS: Final = 32_767
"""The most characters in one cell: what one Excel cell holds, and what the record keeps as free text."""
MAX_BYTES: Final = 64 * 1024 * 1024
"""The largest CSV file, or workbook once unzipped, that is read (64 MiB)."""

TableProblem = Literal["unreadable", "encoding", "no_sheet", "too_large", "too_long"]
Dimension = Literal["rows", "columns", "cells", "bytes"]


class TableError(Exception):
    """A file that cannot be read as a table.

    `kind` is "unreadable" (missing, damaged or not a workbook; `reason` says what the
    system or openpyxl reported), "encoding" (CSV text that is neither UTF-8 nor CP932),
    "no_sheet" (the workbook has no worksheet named `sheet`; `sheets` lists those it has),
    "too_large" (more `dimension` than `limit`; `cell` names the first value beyond it,
    when there is one) or "too_long" (the cell at `row`, `column` holds `length`
    characters, more than `limit`; `header` is the text atop its column, if any).
    `message(file)` says it in words, with what to do.
    """

    def __init__(
        self,
        kind: TableProblem,
        *,
        reason: str | Message = "",
        sheet: str = "",
        sheets: tuple[str, ...] = (),
        dimension: Dimension = "rows",
        limit: int = 0,
        cell: str = "",
        row: int = 0,
        column: int = 0,
        length: int = 0,
        header: str = "",
    ) -> None:
        self.kind: TableProblem = kind
        self.reason = reason
        self.sheet = sheet
        self.sheets = sheets
        self.dimension: Dimension = dimension
        self.limit = limit
        self.cell = cell
        self.row = row
        self.column = column
        self.length = length
        self.header = header
        detail = {
            "unreadable": reason if isinstance(reason, str) else translate(reason.key, "en", **reason.params),
            "encoding": "not UTF-8 or CP932 text",
            "no_sheet": f"no sheet '{sheet}'",
            "too_large": f"more than {limit} {dimension}",
            "too_long": f"cell {cell_name(row, column) if row else ''} holds {length} characters",
        }
        super().__init__(f"{kind}: {detail[kind]}")

    @property
    def bounded(self) -> bool:
        """Whether the table broke a size bound ("too_large" or "too_long"), said by `message`."""
        return self.kind in ("too_large", "too_long")

    def message(self, file: str) -> tuple[str, dict[str, object]]:
        """A size problem as a message key and its fields (file, limit, where), for the reader's own error."""
        if self.kind == "too_long":
            where = cell_name(self.row, self.column)
            column = f"{column_letters(self.column)} '{self.header}'" if self.header else column_letters(self.column)
            return "input.cell_too_long", {
                "file": file,
                "row": self.row,
                "column": column,
                "cell": where,
                "length": self.length,
                "limit": MAX_CELL_CHARS,
            }
        if self.dimension == "bytes":
            return "input.too_many_bytes", {"file": file, "limit": f"{self.limit // (1024 * 1024)} MiB"}
        key = f"input.too_many_{self.dimension}"
        return key + ("_at" if self.cell else ""), {"file": file, "limit": f"{self.limit:,}", "cell": self.cell}


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
    """A CSV file as a grid of stripped text cells; TableError when it cannot be read or decoded, or is too large."""
    try:
        with path.open("rb") as file:
            if os.fstat(file.fileno()).st_size > MAX_BYTES:
                raise TableError("too_large", dimension="bytes", limit=MAX_BYTES)
            raw = file.read()
    except OSError as error:
        raise TableError("unreadable", reason=error.strerror or str(error)) from None
    if len(raw) > MAX_BYTES:  # grew while being read
        raise TableError("too_large", dimension="bytes", limit=MAX_BYTES)
    text = decode_text(raw)
    if text is None:
        raise TableError("encoding")
    rows: list[tuple[Cell, ...]] = []
    cells = 0
    # csv's own field limit (131,072) would end the read with no row or column to name;
    # a field can be no longer than the text, and each is measured below instead.
    previous = csv.field_size_limit(max(len(text) + 1, csv.field_size_limit()))
    try:
        for record in csv.reader(io.StringIO(text, newline="")):
            number = len(rows) + 1
            if number > MAX_ROWS:
                raise TableError("too_large", dimension="rows", limit=MAX_ROWS, cell=cell_name(number, 1))
            if len(record) > MAX_COLUMNS:
                raise TableError(
                    "too_large", dimension="columns", limit=MAX_COLUMNS, cell=cell_name(number, MAX_COLUMNS + 1)
                )
            cells += len(record)
            if cells > MAX_CELLS:
                raise TableError("too_large", dimension="cells", limit=MAX_CELLS)
            for column, value in enumerate(record, start=1):
                if len(value) > MAX_CELL_CHARS:
                    header = rows[0][column - 1].text if rows and column <= len(rows[0]) else ""
                    raise TableError("too_long", row=number, column=column, length=len(value), header=header[:40])
            rows.append(tuple(Cell(value.strip()) for value in record))
    except csv.Error as error:
        raise TableError("unreadable", reason=str(error)) from None
    finally:
        csv.field_size_limit(previous)
    return Grid(tuple(rows))


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


def _unzipped_size(path: Path) -> int:
    """How many bytes the workbook's parts take once unzipped (what openpyxl would parse)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return sum(max(info.file_size, 0) for info in archive.infolist())
    except zipfile.BadZipFile:  # zipfile's own words are English; this is what it means to the user
        raise TableError("unreadable", reason=Message("table.not_workbook")) from None
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        raise TableError("unreadable", reason=reason) from None


def _open_workbook(path: Path, *, formulas: bool) -> Any:
    """The workbook at `path`, with formulas as written or (not `formulas`) the values Excel saved."""
    from openpyxl import load_workbook  # lazy: openpyxl is heavy, loaded only when a workbook is read

    if _unzipped_size(path) > MAX_BYTES:  # a zip bomb is refused before a byte of it is parsed
        raise TableError("too_large", dimension="bytes", limit=MAX_BYTES)
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


def _stored_cells(worksheet: Any) -> dict[tuple[int, int], Any]:
    """The cells the worksheet holds a value or formula in, by (row, column).

    Read from the cells the file defines, never by walking the sheet's dimension: a
    single value at XFD1048576 would make `iter_rows` create 17 billion empty cells.
    """
    stored = worksheet._cells  # openpyxl keeps only the cells the file defines
    return {at: cell for at, cell in stored.items() if cell.value is not None}


def _grid_of_worksheet(worksheet: Any) -> Grid:
    """An openpyxl worksheet (loaded with formulas) as text cells, formulas and merged ranges marked."""
    placed: dict[int, dict[int, Cell]] = {}
    for (r, c), cell in sorted(_stored_cells(worksheet).items()):
        if r > MAX_ROWS:
            raise TableError("too_large", dimension="rows", limit=MAX_ROWS, cell=cell_name(r, c))
        if c > MAX_COLUMNS:
            raise TableError("too_large", dimension="columns", limit=MAX_COLUMNS, cell=cell_name(r, c))
        if cell.data_type == "f":
            shown = getattr(cell.value, "text", None) or str(cell.value)
            text = Cell(shown if shown.startswith("=") else "=" + shown, formula=True)
        else:
            text = Cell(_text(cell.value))
        if len(text.text) > MAX_CELL_CHARS:
            header = _text(worksheet._cells[(1, c)].value) if (1, c) in worksheet._cells and r > 1 else ""
            raise TableError("too_long", row=r, column=c, length=len(text.text), header=header[:40])
        placed.setdefault(r, {})[c] = text
    last = max(placed, default=0)
    width = max((max(row) for row in placed.values()), default=0)
    if last * width > MAX_CELLS:  # every row is as wide as the widest, as Excel shows the table
        raise TableError("too_large", dimension="cells", limit=MAX_CELLS)
    empty: dict[int, Cell] = {}
    rows = tuple(tuple(placed.get(r, empty).get(c, _EMPTY) for c in range(1, width + 1)) for r in range(1, last + 1))
    return Grid(rows, tuple(Merged(m.max_row, m.coord) for m in worksheet.merged_cells.ranges))


def _with_saved_values(grid: Grid, path: Path, title: str) -> Grid:
    """`grid` with each formula replaced by the value Excel saved with it, where there is one."""
    book = _open_workbook(path, formulas=False)
    try:
        saved = {at: cell.value for at, cell in _stored_cells(book[title]).items()}
    finally:
        book.close()

    def value(r: int, c: int, cell: Cell) -> Cell:
        if not cell.formula:
            return cell
        found = saved.get((r + 1, c + 1))
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


# --- problems of an import, put into lines ---------------------------------------------------

_Error = TypeVar("_Error", bound=ToolbenchError)

SHOWN: Final = 30
"""How many problems an import names before saying how many more there are."""


def problem_lines(problems: Sequence[Problem], at: str, at_file: str) -> list[Message]:
    """A mapping or layout file's problems as lines, in line order: `at` (file:line, key, problem) or
    `at_file` (file, problem) when the problem has no key."""
    ordered = sorted(problems, key=lambda p: p.line if p.line is not None else 1 << 30)
    lines = []
    for problem in ordered:
        where = f"{problem.file}:{problem.line}" if problem.line else problem.file
        inner = Message(problem.key, **problem.params)
        if problem.path:
            lines.append(Message(at, where=where, path=problem.path, problem=inner))
        else:
            lines.append(Message(at_file, where=where, problem=inner))
    return lines


def capped_error(error: type[_Error], file: str, lines: Sequence[Message], header: str, more: str) -> _Error:
    """One problem as one line; several as `header` and the first `SHOWN`, then how many `more`."""
    if len(lines) == 1:
        return error(lines[0].key, problems=lines, **lines[0].params)
    shown = list(lines[:SHOWN])
    if len(lines) > SHOWN:
        shown.append(Message(more, count=len(lines) - SHOWN))
    return error(header, problems=lines, file=file, count=len(lines), lines=tuple(shown))


class _HasHeader(Protocol):
    @property
    def header(self) -> str: ...

    @property
    def index(self) -> int: ...


class RowProblems:
    """Problems of one imported file, kept in reading order: the file's first, then by row and column.

    `prefix` names the messages: `PREFIX.in_file`, `PREFIX.cell`, `PREFIX.row` and the header
    `PREFIX.problems`; `error` is raised with them all (`raise_if_any`), capped as `capped_error` caps.
    """

    def __init__(self, file: str, prefix: str, error: type[ToolbenchError]) -> None:
        self.file, self.prefix, self.error = file, prefix, error
        self.items: list[tuple[int, int, Message]] = []

    def in_file(self, key: str, **params: object) -> None:
        self.items.append((0, 0, Message(f"{self.prefix}.in_file", file=self.file, problem=Message(key, **params))))

    def at(self, row: int, column: _HasHeader, key: str, **params: object) -> None:
        message = Message(
            f"{self.prefix}.cell",
            file=self.file,
            row=row,
            column=column.header,
            cell=cell_name(row, column.index + 1),
            problem=Message(key, **params),
        )
        self.items.append((row, column.index + 1, message))

    def in_row(self, row: int, key: str, **params: object) -> None:
        message = Message(f"{self.prefix}.row", file=self.file, row=row, problem=Message(key, **params))
        self.items.append((row, 0, message))

    def raise_if_any(self) -> None:
        if self.items:
            ordered = [m for _, _, m in sorted(self.items, key=lambda item: (item[0], item[1]))]
            raise capped_error(self.error, self.file, ordered, f"{self.prefix}.problems", f"{self.prefix}.more")
