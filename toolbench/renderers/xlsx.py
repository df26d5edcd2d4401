"""The matrix (and report tables) as an Excel workbook.

Text is always stored as text (never as a formula, whatever it starts with) and
figures as numbers with a number format showing the digits the view shows, so
SUM and charts work in Excel and nothing is rounded twice. openpyxl is imported
only here, inside the functions, so other formats never pay for it.

Whatever text is stored, the workbook is written: control and bidi characters, which
an XLSX file cannot hold or which would change how a cell reads, are written visibly
(`toolbench.base.display`), and a text longer than a cell holds is cut with a note in
the cell saying so. The record itself keeps the text whole.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

from toolbench.base.cells import column_letters
from toolbench.base.display import displayable
from toolbench.base.i18n import Lang, translate
from toolbench.documents.matrix import cell_words
from toolbench.documents.model import CellView, Figure, Levels, MatrixView, RowView, Table, Value
from toolbench.renderers.formats import formula_like
from toolbench.renderers.safe import safe_table, safe_view
from toolbench.renderers.sheet_layout import default_font, layout

if TYPE_CHECKING:
    pass

SHEET_TITLE_MAX: Final = 31
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
CELL_TEXT_MAX: Final = 32767


def cell_text(value: str, lang: Lang = "en") -> str:
    """`value` as one cell can hold it: displayable, and if longer than a cell holds, cut with a note saying so."""
    value = displayable(value)
    if len(value) <= CELL_TEXT_MAX:
        return value
    note = translate("display.cut", lang, length=f"{len(value):,}", limit=f"{CELL_TEXT_MAX:,}")
    kept = value[: CELL_TEXT_MAX - len(note)]
    escape = kept.rfind("\\", len(kept) - 5)
    if escape >= 0:  # never half of a visible escape such as \u202e
        kept = kept[:escape]
    return kept + note


def sheet_title(wanted: str, taken: set[str]) -> str:
    """A title Excel accepts: no []:*?/\\, not starting or ending with ', at most 31 characters, unique."""
    base = _SHEET_FORBIDDEN.sub("_", displayable(wanted)).strip().strip("'").strip() or "Sheet"
    if base.lower() == "history":  # reserved by Excel
        base += "_"
    candidate = base[:SHEET_TITLE_MAX]
    number = 2
    while candidate.lower() in taken:
        suffix = f" ({number})"
        candidate = base[: SHEET_TITLE_MAX - len(suffix)] + suffix
        number += 1
    taken.add(candidate.lower())
    return candidate


def number_format(value: Decimal | int) -> str:
    """The format that shows a figure with exactly the digits it has: 16.67 → 0.00, 20 → 0."""
    if isinstance(value, int):
        return "0"
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return "0." + "0" * places if places else "0"


class _Writer:
    """Cells into one sheet, each kept in its kind: text as text, figures as numbers."""

    def __init__(self, sheet: Any, lang: Lang = "en") -> None:
        self.sheet = sheet
        self.lang: Lang = lang

    def text(self, row: int, column: int, value: str, *, bold: bool = False) -> None:
        if not value:
            return
        value = cell_text(value, self.lang)
        cell = self.sheet.cell(row=row, column=column)
        cell.value = value
        cell.data_type = "s"  # "=HYPERLINK(…)" stays the text it is, never a formula
        if formula_like(value):
            cell.quotePrefix = True  # and stays text when someone edits the cell in Excel
        if bold:
            self.bold(cell)

    def number(self, row: int, column: int, value: Decimal | int | None, *, bold: bool = False) -> None:
        if value is None:
            return
        cell = self.sheet.cell(row=row, column=column, value=value)
        cell.number_format = number_format(value)
        if bold:
            self.bold(cell)

    def value(self, row: int, column: int, value: Value, *, bold: bool = False) -> None:
        if isinstance(value, Figure):
            exact = value.value
            if isinstance(exact, Fraction):
                exact = Decimal(exact.numerator) / Decimal(exact.denominator)
            cell = self.sheet.cell(row=row, column=column, value=exact)
            cell.number_format = value.number_format
            if bold:
                self.bold(cell)
        elif isinstance(value, Levels):
            self.text(row, column, str(value), bold=bold)
        elif isinstance(value, str):
            self.text(row, column, value, bold=bold)
        else:
            self.number(row, column, value, bold=bold)

    @staticmethod
    def bold(cell: Any) -> None:
        from openpyxl.styles import Font  # lazy: openpyxl is heavy, loaded only when used

        cell.font = Font(bold=True)

    def widths(self, widths: Sequence[float]) -> None:
        for position, width in enumerate(widths, start=1):
            self.sheet.column_dimensions[column_letters(position)].width = width


_AMOUNT = re.compile(r"([0-9]{1,3}(?:,[0-9]{3})*(?:\.[0-9]+)?)\s*円?")


def _amount(cell: CellView) -> Decimal | None:
    """The price a priced cell shows ("4,800,000" or "4,800,000円"), as a number; None for any other cell."""
    if "price" not in cell.flags or cell.notes:
        return None
    match = _AMOUNT.fullmatch(cell.detail.strip())
    return Decimal(match.group(1).replace(",", "")) if match else None


def money_format(amount: Decimal, lang: Lang) -> str:
    """An amount's number format: #,##0"円" in Japanese, "¥"#,##0 in English, with its decimals if it has any."""
    exponent = amount.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    digits = "#,##0" + ("." + "0" * places if places else "")
    return f'{digits}"円"' if lang == "ja" else f'"¥"{digits}'


def _words(row: RowView, index: int) -> str:
    return " / ".join(cell_words(row.cells[index]))


@dataclass(frozen=True)
class SheetPart:
    """One sheet of a workbook: its name, the matrix or a table, sentences above it and lines under it."""

    name: str
    content: MatrixView | Table
    lead: tuple[str, ...] = ()
    closing: tuple[str, ...] = ()
    one_page: bool = False
    """A form that is signed: fitted on one page where it stays legible."""


@dataclass(frozen=True)
class _Extent:
    header_row: int | None
    table_end: int | None
    text_rows: tuple[int, ...]


def _texts(out: _Writer, row: int, lines: Sequence[str], rows: list[int]) -> int:
    """Lines of text one under another from `row` (each spans the table when laid out); the next free row."""
    for line in lines:
        out.text(row, 1, line)
        rows.append(row)
        row += 1
    return row


def write_matrix(sheet: Any, view: MatrixView, lead: Sequence[str] = (), closing: Sequence[str] = ()) -> _Extent:
    """The view laid out as on screen: label, points, then per tool its figure and its words."""
    from openpyxl.styles import Alignment, PatternFill  # lazy: openpyxl is heavy, loaded only when used

    view = safe_view(view)
    lang = view.lang
    out = _Writer(sheet, lang)
    out.text(1, 1, view.title, bold=True)
    texts: list[int] = []
    header_row = _texts(out, 2, lead, texts) + 1
    header = [translate("m.criterion", lang), translate("m.points", lang)]
    for name in view.tool_names:
        header += [name, f"{name} {translate('m.notes', lang)}"]
    for column, title in enumerate(header, start=1):
        out.text(header_row, column, title, bold=True)
    band = PatternFill("solid", fgColor="E4E4E4")
    row_number = header_row + 1
    for row in view.rows:
        bold = row.kind in ("group", "total", "rank", "technical", "value")
        out.text(row_number, 1, row.label, bold=bold)
        if row.kind == "group":
            for column in range(1, len(header) + 1):
                sheet.cell(row=row_number, column=column).fill = band
            row_number += 1
            continue
        if row.kind == "criterion":
            sheet.cell(row=row_number, column=1).alignment = Alignment(indent=1, wrap_text=True)
        out.number(row_number, 2, row.points)
        for index in range(len(view.tool_ids)):
            cell = row.cells[index]
            out.number(row_number, 3 + 2 * index, cell.value, bold=bold)
            amount = _amount(cell)
            if amount is None:
                out.text(row_number, 4 + 2 * index, _words(row, index))
            else:  # a price is a number, shown with its currency
                price = sheet.cell(row=row_number, column=4 + 2 * index, value=amount)
                price.number_format = money_format(amount, lang)
        row_number += 1
    table_end = row_number - 1
    row_number = _texts(out, row_number + 1, [translate("m.notes", lang), *view.notes, *closing], texts)
    sheet.freeze_panes = f"C{header_row + 1}"
    return _Extent(header_row, table_end, tuple(texts))


def write_table(
    sheet: Any, table: Table, lang: Lang = "en", lead: Sequence[str] = (), closing: Sequence[str] = ()
) -> _Extent:
    """A plain table: its title, sentences, a bold header, rows, then its notes and closing lines.

    `lang` is that of a note on a text cut to fit a cell.
    """
    table = safe_table(table)
    out = _Writer(sheet, lang)
    out.text(1, 1, table.title, bold=True)
    texts: list[int] = []
    row_number = _texts(out, 2, lead, texts)
    if not table.headers:  # sentences only
        _texts(out, row_number, [*table.notes, *closing], texts)
        return _Extent(None, None, tuple(texts))
    header_row = row_number + 1
    for column, title in enumerate(table.headers, start=1):
        out.text(header_row, column, title, bold=True)
    row_number = header_row
    for record in table.rows:
        row_number += 1
        for column, value in enumerate(record, start=1):
            out.value(row_number, column, value)
    table_end = row_number
    _texts(out, row_number + 2, [*table.notes, *closing], texts)
    if table.rows:
        sheet.freeze_panes = f"A{header_row + 1}"
    return _Extent(header_row, table_end, tuple(texts))


def workbook(
    sheets: Sequence[SheetPart | tuple[str, MatrixView | Table]],
    lang: Lang = "en",
    *,
    title: str = "",
    date_text: str = "",
) -> bytes:
    """A workbook with one sheet per part, in order, each laid out to print on A4 (sheet_layout).

    Sheet names are made valid and unique; `title` and `date_text` go in every page's
    footer beside "page n / N"; `lang` is the language of a note on a text cut to fit.
    """
    from openpyxl import Workbook  # lazy: openpyxl is heavy, loaded only when used

    book = Workbook()
    book.remove(book.active)
    default_font(book)
    taken: set[str] = set()
    page_label = translate("xlsx.page", lang, page="{page}", pages="{pages}")
    for part in sheets:
        if not isinstance(part, SheetPart):
            part = SheetPart(*part)
        sheet = book.create_sheet(title=sheet_title(part.name, taken))
        if isinstance(part.content, MatrixView):
            extent = write_matrix(sheet, part.content, part.lead, part.closing)
        else:
            extent = write_table(sheet, part.content, lang, part.lead, part.closing)
        layout(
            sheet,
            title=title or part.name,
            date_text=date_text,
            page_label=page_label,
            header_row=extent.header_row,
            table_end=extent.table_end,
            text_rows=extent.text_rows,
            one_page=part.one_page,
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
