"""A worksheet laid out to print as a filed document: A4, fitted, framed, numbered.

openpyxl writes what a sheet holds; how it prints is the page set-up, which no sheet
had. Everything here works on an openpyxl worksheet after its cells are written:

- A4, landscape when the table is wide, fitted to one page wide (as many pages tall
  as it needs), the header rows repeated on every page, margins for binding;
- a footer with the document's title, "page n / N" and the document's date;
- thin borders around every cell of the table, header cells shaded;
- column widths from the content (a full-width character counts two) and row heights
  that show every wrapped line: LibreOffice does not fit the rows openpyxl writes, so
  the heights are computed here;
- a font Japanese Windows has (游ゴシック), set on every written cell.
"""

from __future__ import annotations

import math
import unicodedata
from typing import Any, Final

FONT_NAME: Final = "游ゴシック"
"""Yu Gothic: on every Japanese Windows since 8.1 and in Office; LibreOffice falls back to a CJK font."""
FONT_SIZE: Final = 10.0
LINE_HEIGHT: Final = 14.0
"""Points per printed line at FONT_SIZE."""
WIDTH_MIN: Final = 6.0
WIDTH_MAX: Final = 48.0
"""Column widths in Excel's character units; a longer text wraps."""
LANDSCAPE_FROM: Final = 100.0
"""A table wider than this many character units prints in landscape."""


def display_width(text: str) -> float:
    """Width in Excel's character units: a full-width (East Asian wide) character counts two."""
    return float(sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text))


def _lines(text: str, width: float) -> int:
    """How many printed lines `text` takes in a column `width` units wide (its own line breaks kept)."""
    usable = max(1.0, width - 1.0)
    return sum(max(1, math.ceil(display_width(part) / usable)) for part in text.split("\n"))


def layout(
    sheet: Any,
    *,
    title: str,
    date_text: str,
    page_label: str,
    header_row: int | None,
    first_row: int = 1,
    widths: dict[int, float] | None = None,
) -> None:
    """Lay `sheet` out for print: fonts, widths, wrapping and heights, borders, the page set-up and footer.

    `header_row` is the row of column headings (repeated on every page, shaded); the
    table's frame runs from it to the last written row. `page_label` is the footer's
    page wording with {page} and {pages}, e.g. "{page} / {pages} ページ". `widths`
    fixes some columns (1-based) instead of measuring them.
    """
    from openpyxl.styles import (
        Alignment,
        Border,
        Font,
        PatternFill,
        Side,
    )  # lazy: openpyxl is heavy, loaded only when used
    from openpyxl.utils import get_column_letter  # lazy: openpyxl is heavy, loaded only when used

    last_row = sheet.max_row
    last_column = sheet.max_column
    measured: dict[int, float] = {}
    for row in sheet.iter_rows(min_row=first_row, max_row=last_row):
        for cell in row:
            if cell.value is None or cell.coordinate in sheet.merged_cells:
                continue
            text = cell.value if isinstance(cell.value, str) else f"{cell.value}"
            longest = max((display_width(line) for line in text.split("\n")), default=0.0)
            if header_row is not None and cell.row < header_row:
                continue  # a title above the table does not widen its first column
            measured[cell.column] = max(measured.get(cell.column, WIDTH_MIN), longest + 2)
    chosen = {column: min(WIDTH_MAX, max(WIDTH_MIN, width)) for column, width in measured.items()}
    chosen.update(widths or {})
    for column, width in chosen.items():
        sheet.column_dimensions[get_column_letter(column)].width = width

    thin = Side(style="thin", color="808080")
    frame = Border(left=thin, right=thin, top=thin, bottom=thin)
    shade = PatternFill("solid", fgColor="E4E4E4")
    for row in sheet.iter_rows(min_row=first_row, max_row=last_row):
        tallest = 1
        for cell in row:
            bold = bool(cell.font and cell.font.b)
            cell.font = Font(name=FONT_NAME, size=FONT_SIZE, bold=bold)
            in_table = header_row is not None and header_row <= cell.row and cell.column <= last_column
            if in_table and any(c.value is not None for c in row):
                cell.border = frame
                if cell.row == header_row:
                    cell.fill = shade
            if cell.value is None:
                continue
            numeric = isinstance(cell.value, int | float) or type(cell.value).__name__ == "Decimal"
            cell.alignment = Alignment(wrap_text=not numeric, vertical="top", horizontal="right" if numeric else None)
            if not numeric and in_table:
                width = chosen.get(cell.column, WIDTH_MIN)
                tallest = max(tallest, _lines(str(cell.value), width))
            elif not numeric:
                tallest = max(tallest, str(cell.value).count("\n") + 1)
        sheet.row_dimensions[row[0].row].height = LINE_HEIGHT * tallest + 2

    total = sum(chosen.get(c, WIDTH_MIN) for c in range(1, last_column + 1))
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = "landscape" if total > LANDSCAPE_FROM else "portrait"
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = 0.6
    sheet.page_margins.bottom = 0.7
    sheet.page_margins.footer = 0.3
    if header_row is not None:
        sheet.print_title_rows = f"{header_row}:{header_row}"
    # &P and &N are the page number and count; a literal & is written &&
    page = page_label.replace("&", "&&").format(page="&P", pages="&N")
    sheet.oddFooter.left.text = title.replace("&", "&&")
    sheet.oddFooter.center.text = page
    sheet.oddFooter.right.text = date_text.replace("&", "&&")
    for part in (sheet.oddFooter.left, sheet.oddFooter.center, sheet.oddFooter.right):
        part.size = 8
        part.font = FONT_NAME


def default_font(book: Any) -> None:
    """The workbook's default style uses the Japanese font, so typed-in cells match the printed ones."""
    from openpyxl.styles import Font  # lazy: openpyxl is heavy, loaded only when used

    for style in book._named_styles:  # the "Normal" style every cell starts from
        if style.name == "Normal":
            style.font = Font(name=FONT_NAME, size=FONT_SIZE)
