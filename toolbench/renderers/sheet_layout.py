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
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

FONT_NAME: Final = "游ゴシック"
"""Yu Gothic: on every Japanese Windows since 8.1 and in Office; LibreOffice falls back to a CJK font."""
FONT_SIZE: Final = 10.0
TITLE_SIZE: Final = 13.0
LINE_HEIGHT: Final = 14.0
"""Points per printed line at FONT_SIZE."""
WIDTH_MIN: Final = 6.0
WIDTH_MAX: Final = 48.0
"""Column widths in Excel's character units; a longer text wraps."""
POINTS_PER_UNIT: Final = 6.35
"""How wide one character unit prints (measured in LibreOffice: a column 20 units wide is 127 pt)."""
PAGE_WIDTH: Final = {"portrait": 82.0, "landscape": 121.0}
"""The printable width of A4 in character units, inside 0.5 inch side margins."""
PAGE_BODY: Final = {"portrait": 842.0 - 150.0, "landscape": 595.0 - 150.0}
"""The printable height of A4 in points, inside the top margin and the footer."""
TEXT_WIDTH: Final = PAGE_WIDTH["portrait"]
"""A sentence or note spans at least a portrait page's width, however narrow the table above it."""
PORTRAIT_SHRINK: Final = 0.9
"""A table that portrait would shrink below this (of its size) prints in landscape."""
FORM_SCALE_MIN: Final = 0.5
"""A signed form is shrunk to one page down to this scale (10 pt type printed at 5 pt), no further."""
FOLD_SCALE_MIN: Final = 0.6
FOLD_SHRINK_MIN: Final = 0.75
"""A nearly empty last page is folded back only while the sheet stays at least this large (absolute, relative)."""
LAST_PAGE_MIN: Final = 0.35
"""A last page filled less than this is folded back by shrinking the sheet."""
DEFAULT_HEIGHT: Final = LINE_HEIGHT + 2
WRITING_WIDTH: Final = 24.0
"""A column with a heading and no entries (所見, remarks) is left this wide to write in."""


def display_width(text: str) -> float:
    """Width in Excel's character units: a full-width (East Asian wide) character counts two."""
    return float(sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text))


WRAP_WIDE: Final = 1.8
"""A full-width character's width when counting wrapped lines: Excel prints it about 1.9 units wide, LibreOffice 1.6."""


def _lines(text: str, width: float, size: float = FONT_SIZE) -> int:
    """How many printed lines `text` takes in a column `width` units wide (its own line breaks kept)."""
    usable = max(1.0, width - 1.0) * FONT_SIZE / size
    return sum(max(1, math.ceil(_wrap_width(part) / usable)) for part in text.split("\n"))


def _wrap_width(text: str) -> float:
    return sum(WRAP_WIDE if unicodedata.east_asian_width(c) in ("W", "F") else 1.0 for c in text)


@dataclass(frozen=True)
class Fit:
    """How a sheet goes onto A4: its orientation and how many pages tall it is fitted to (0: as many as needed)."""

    orientation: str
    pages_tall: int
    pages: int
    """The pages it is expected to print on."""


def _paginate(heights: Sequence[float], repeated: float, width: float, orientation: str) -> tuple[int, float]:
    """Pages and how full the last one is, when `width` units are fitted to the page's width.

    A row is never split; the header row (`repeated` points tall) is printed again on every page.
    """
    scale = min(1.0, PAGE_WIDTH[orientation] / width)
    body = PAGE_BODY[orientation] / scale
    pages, used = 1, 0.0
    for height in heights:
        if used + height > body and used > repeated:
            pages, used = pages + 1, repeated
        used += height
    return pages, used / body


def fit(heights: Sequence[float], repeated: float, width: float, *, one_page: bool = False) -> Fit:
    """The orientation and fit for rows of `heights` points on a sheet `width` units wide.

    Portrait unless the table would shrink too much or print on more pages than across;
    a last page that would be nearly empty, or any page after the first of a form that is
    signed (`one_page`), is folded back by shrinking the sheet while it stays legible.
    """
    portrait = _paginate(heights, repeated, width, "portrait")
    landscape = _paginate(heights, repeated, width, "landscape")
    tall = sum(heights)
    if one_page:  # the orientation that prints the whole form largest
        orientation = max(("portrait", "landscape"), key=lambda o: min(1.0, PAGE_WIDTH[o] / width, PAGE_BODY[o] / tall))
    else:
        narrow = width * PORTRAIT_SHRINK <= PAGE_WIDTH["portrait"]
        orientation = "portrait" if narrow and portrait[0] <= landscape[0] else "landscape"
    pages, fill = portrait if orientation == "portrait" else landscape
    scale = min(1.0, PAGE_WIDTH[orientation] / width)
    tall += repeated * (pages - 1)
    body = PAGE_BODY[orientation]
    if one_page:  # the scale that puts the form on one page, with a row's worth of slack
        if min(scale, body / (tall + DEFAULT_HEIGHT)) >= FORM_SCALE_MIN:
            return Fit(orientation, 1, 1)
    elif pages > 1 and fill < LAST_PAGE_MIN:
        wanted = pages - 1
        needed = min(scale, wanted * body / (tall + DEFAULT_HEIGHT * wanted))
        if needed >= max(FOLD_SCALE_MIN, scale * FOLD_SHRINK_MIN):
            return Fit(orientation, wanted, wanted)
    return Fit(orientation, 0, pages)


def layout(
    sheet: Any,
    *,
    title: str,
    date_text: str,
    page_label: str,
    header_row: int | None,
    table_end: int | None = None,
    text_rows: tuple[int, ...] = (),
    one_page: bool = False,
) -> Fit:
    """Lay `sheet` out for print: fonts, widths, wrapping and heights, the table's frame, the page set-up.

    `header_row` is the row of column headings (repeated on every page, shaded) and
    `table_end` the table's last row: the frame runs between them, and only the cells
    there decide the column widths. Row 1 holds the sheet's title and `text_rows` one
    text each (a sentence, a note, a signature line): each spans the table's width (at
    least a portrait page's) and wraps there. `page_label` is the footer's page wording
    with {page} and {pages}, e.g. "{page} / {pages}". `one_page` fits a signed form on
    one page where it stays legible. Returns how the sheet was fitted.
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
            text = value if isinstance(value, str) else _shown_number(value, sheet.cell(row=row, column=column))
            longest = max((display_width(line) for line in text.split("\n")), default=0.0)
            if row == header_row:  # a heading may wrap between its words
                longest = max((display_width(word) for word in text.split()), default=0.0)
            measured[column] = max(measured.get(column, WIDTH_MIN), longest + 2)
    widths = {
        column: min(WIDTH_MAX, max(WIDTH_MIN, measured.get(column, WIDTH_MIN))) for column in range(1, last_column + 1)
    }
    if header_row is not None and end > header_row:
        for column in range(1, last_column + 1):  # a headed column left empty is written in by hand (所見)
            if all(sheet.cell(row=row, column=column).value is None for row in range(header_row + 1, end + 1)):
                widths[column] = max(widths[column], WRITING_WIDTH)
    total = sum(widths.values())
    titled = header_row != 1 and sheet.cell(row=1, column=1).value is not None
    spanning = {1, *text_rows} if titled else set(text_rows)
    span = max(total, TEXT_WIDTH) if spanning else total
    columns = last_column
    if span > total:  # sentences under a narrow table wrap on a page's width: the columns widen to it
        widths = {column: width * span / total for column, width in widths.items()}
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = width

    thin = Side(style="thin", color="808080")
    frame = Border(left=thin, right=thin, top=thin, bottom=thin)
    shade = PatternFill("solid", fgColor="E4E4E4")
    heights: list[float] = []
    for row in range(1, last_row + 1):
        if row in spanning:
            cell = sheet.cell(row=row, column=1)
            if last_column > 1:
                sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_column)
            size = TITLE_SIZE if row == 1 and titled else FONT_SIZE - 1
            cell.font = Font(name=FONT_NAME, size=size, bold=row == 1 and titled)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            lines = _lines(str(cell.value or ""), span, size)
            height = LINE_HEIGHT * size / FONT_SIZE * lines + 4
            sheet.row_dimensions[row].height = height
            heights.append(height)
            continue
        tallest = 1
        for column in range(1, columns + 1):
            cell = sheet.cell(row=row, column=column)
            bold = bool(cell.font and cell.font.b)
            cell.font = Font(name=FONT_NAME, size=FONT_SIZE, bold=bold or row == header_row)
            if row in in_table:
                cell.border = frame
                if row == header_row:
                    cell.fill = shade
            if cell.value is None:
                continue
            numeric = not isinstance(cell.value, str)
            code = not numeric and column > 1 and " " not in cell.value and display_width(cell.value) <= 2
            horizontal = "right" if numeric else ("center" if row == header_row or code else None)
            indent = int(cell.alignment.indent or 0) if cell.alignment is not None else 0
            cell.alignment = Alignment(wrap_text=not numeric, vertical="top", horizontal=horizontal, indent=indent)
            if not numeric and row in in_table:
                tallest = max(tallest, _lines(str(cell.value), widths[column] - indent))
        height = LINE_HEIGHT * tallest + 2
        if tallest > 1 or row in in_table:
            sheet.row_dimensions[row].height = height
        heights.append(height)

    repeated = heights[header_row - 1] if header_row is not None and header_row <= len(heights) else 0.0
    placed = fit(heights, repeated, span, one_page=one_page)
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = placed.orientation
    setup.fitToWidth = 1
    setup.fitToHeight = placed.pages_tall
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
    return placed


def _shown_number(value: object, cell: Any) -> str:
    """A stored number as its format shows it, near enough to size its column: 4800000 with #,##0"円" → 4,800,000円."""
    fmt = str(cell.number_format or "General")
    if not isinstance(value, int | float | Decimal):
        return f"{value}"
    number = float(value)
    places = len(fmt.split(".")[1].split('"')[0].rstrip("%")) if "." in fmt else 0
    shown = f"{number * (100 if '%' in fmt else 1):{',' if ',' in fmt else ''}.{places}f}"
    return shown + ("%" if "%" in fmt else "") + "".join(fmt.split('"')[1::2])


def default_font(book: Any) -> None:
    """The workbook's default style uses the Japanese font, so typed-in cells match the printed ones."""
    from openpyxl.styles import Font  # lazy: openpyxl is heavy, loaded only when used

    for style in book._named_styles:  # the "Normal" style every cell starts from
        if style.name == "Normal":
            style.font = Font(name=FONT_NAME, size=FONT_SIZE)
