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
    table_end: int | None = None,
    text_rows: tuple[int, ...] = (),
) -> None:
    """Lay `sheet` out for print: fonts, widths, wrapping and heights, the table's frame, the page set-up.

    `header_row` is the row of column headings (repeated on every page, shaded) and
    `table_end` the table's last row: the frame runs between them, and only the cells
    there decide the column widths. `text_rows` hold one text each (a sentence, a note,
    a signature line) that spans the table's width and wraps there. `page_label` is the
    footer's page wording with {page} and {pages}, e.g. "{page} / {pages}".
    """
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # lazy: openpyxl, only for workbooks
    from openpyxl.utils import get_column_letter  # lazy: openpyxl, only for workbooks

    last_row = sheet.max_row
    last_column = max(1, sheet.max_column)
    end = table_end if table_end is not None else last_row
    in_table = range(header_row, end + 1) if header_row is not None else range(0)
    measured: dict[int, float] = {}
    for row in in_table:
        for column in range(1, last_column + 1):
            value = sheet.cell(row=row, column=column).value
            if value is None:
                continue
            text = value if isinstance(value, str) else f"{value}"
            longest = max((display_width(line) for line in text.split("\n")), default=0.0)
            if row == header_row:  # a heading may wrap between its words
                longest = max((display_width(word) for word in text.split()), default=0.0)
            measured[column] = max(measured.get(column, WIDTH_MIN), longest + 2)
    widths = {
        column: min(WIDTH_MAX, max(WIDTH_MIN, measured.get(column, WIDTH_MIN))) for column in range(1, last_column + 1)
    }
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = width
    total = sum(widths.values())

    thin = Side(style="thin", color="808080")
    frame = Border(left=thin, right=thin, top=thin, bottom=thin)
    shade = PatternFill("solid", fgColor="E4E4E4")
    for row in range(1, last_row + 1):
        tallest = 1
        if row in text_rows:
            cell = sheet.cell(row=row, column=1)
            if last_column > 1:
                sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_column)
            cell.font = Font(name=FONT_NAME, size=FONT_SIZE - 1)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            tallest = _lines(str(cell.value or ""), total)
            sheet.row_dimensions[row].height = LINE_HEIGHT * tallest + 2
            continue
        for column in range(1, last_column + 1):
            cell = sheet.cell(row=row, column=column)
            bold = bool(cell.font and cell.font.b)
            size = FONT_SIZE + 3 if row == 1 and column == 1 else FONT_SIZE
            cell.font = Font(name=FONT_NAME, size=size, bold=bold or row == header_row)
            if row in in_table:
                cell.border = frame
                if row == header_row:
                    cell.fill = shade
            if cell.value is None:
                continue
            numeric = not isinstance(cell.value, str)
            horizontal = "right" if numeric else ("center" if row == header_row else None)
            cell.alignment = Alignment(wrap_text=not numeric, vertical="top", horizontal=horizontal)
            if not numeric and row in in_table:
                tallest = max(tallest, _lines(str(cell.value), widths[column]))
        if row == 1:
            sheet.row_dimensions[row].height = LINE_HEIGHT * 1.4
        elif tallest > 1 or row in in_table:
            sheet.row_dimensions[row].height = LINE_HEIGHT * tallest + 2

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
    sheet.oddFooter.left.text = title.replace("&", "&&")
    sheet.oddFooter.center.text = page_label.replace("&", "&&").format(page="&P", pages="&N")
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
