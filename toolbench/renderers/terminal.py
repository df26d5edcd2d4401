"""The matrix as a rich table for the terminal.

Colour only when the output is a terminal; rich honours NO_COLOR. Full-width
Japanese text is measured in display cells, so columns stay aligned.

Every text reaches rich as a `Text`, never as a string: rich reads a string as markup,
so a tool named `[link=http://evil.example]x[/link]` would become a live link and a
stray `[/x]` would raise MarkupError. Control and bidi characters are written visibly
before that (`toolbench.renderers.safe`), so no escape sequence reaches the terminal.

Two layouts, both measured once per matrix so that their cost grows with the number of
cells, never with its square:

- the 比較表: criteria as rows, tools as columns, the tools packed greedily into as
  many tables as the terminal's width needs (`pack_columns`);
- beyond `_MOST_TABLES` such tables (dozens of candidates, or a narrow terminal), one
  row per tool: the ranks, totals and subtotals first, then each group's criteria as
  columns (`_RowsLayout`), so that each tool is read along its own row.

With a large panel a level list ("4/4/5/…" per evaluator) is wider than a product name;
each cell then shows the spread of the levels instead ("3–5", or "A×3 B×1").
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text as RichText

from toolbench.base.i18n import translate
from toolbench.documents.matrix import format_points, format_value
from toolbench.documents.model import CellView, MatrixView, RowView
from toolbench.renderers.safe import safe_view
from toolbench.renderers.wrap import Wrapped, keep_phrases, min_width

_LABEL_MIN = 12
_LABEL_MAX = 24
_NAME_MAX = 24
_NOTE_MAX = 14
_PADDING = 2  # SIMPLE_HEAVY: one space either side of every column
_DIVIDER = 1  # and one character between columns, and at either edge of the table
_LEVELS_MAX = _NAME_MAX
"""A level list wider than a product name may be (13 evaluators or more) is shown as its spread."""
_MOST_TABLES = 3
"""More tables of tools side by side than this, and the tools are shown one per row."""
_BAND = 5
"""In the one-row-per-tool layout, a blank line after every this many tools guides the eye along a row."""
_HEADER_MIN = 10
"""In the one-row-per-tool layout a column is at least this wide for its header (5 kanji a line)."""
_TOTALS_ORDER = ("rank", "total", "value", "technical", "subtotal", "status")
"""The first columns of the one-row-per-tool layout, in this order: what decides the ranking first."""
_INDENTED = ("criterion", "must", "price")
_JUDGED = frozenset({"moderated", "recused", "partial"})
"""The flags a cell judged by evaluators may carry: its detail is their level list."""
_ALARM = frozenset({"fail", "disqualified", "tie", "unjudged", "stale", "expired"})
"""Flags drawn in red: a must-have failed or undecided, a tool out, a fact expired or too old."""
_FACT_MAX = _NAME_MAX
"""A fact cell's words (how many facts hold, each fact cited) wrap at a product name's width."""


class _Keep:
    """The names kept whole when wrapping (`wrap.breaks`), looked up per text.

    Only the phrases a text contains change how it wraps, so each text is given just
    those: found through their first two characters, in time linear in the text, where
    passing every name to every cell would make the matrix quadratic in its tools.
    """

    def __init__(self, phrases: tuple[str, ...]) -> None:
        self._by_start: dict[str, list[str]] = {}
        for phrase in phrases:
            self._by_start.setdefault(phrase[:2], []).append(phrase)

    def within(self, text: str) -> tuple[str, ...]:
        if not self._by_start:
            return ()
        found = {
            phrase
            for i in range(len(text) - 1)
            for phrase in self._by_start.get(text[i : i + 2], ())
            if text.startswith(phrase, i)
        }
        return tuple(sorted(found, key=lambda p: (-len(p), p)))

    def wrapped(self, text: RichText | str, *, indent: int = 0) -> Wrapped:
        plain = text.plain if isinstance(text, RichText) else text
        return Wrapped(text, self.within(plain), indent=indent)

    def fitted(self, text: RichText, width: int | None) -> RenderableType:
        """`text` as `Wrapped` would show it in a column `width` wide: as it is where every line fits.

        `width` is None where the table is wider than the terminal: rich narrows its columns then.
        """
        lines = text.plain.split("\n")
        if width is not None and all(cell_len(line) <= width and line == line.strip() for line in lines):
            return text  # rich lays it out line for line as given, without the cost of wrapping it
        return self.wrapped(text)

    def narrowest(self, text: str) -> int:
        """A column's narrowest width for `text`: its widest piece that never breaks (`wrap.breaks`)."""
        return min_width(text, self.within(text))


def _keep(view: MatrixView) -> _Keep:
    """The tool names and row labels: kept whole wherever the matrix wraps (its notes too)."""
    return _Keep(keep_phrases([*view.tool_names, *(row.label for row in view.rows)]))


def _indent(row: RowView) -> int:
    return 2 if row.kind in _INDENTED else 0


def _cell(view: MatrixView, row: RowView, cell: CellView, keep: _Keep, width: int | None) -> RenderableType:
    """One figure with what is shown with it: a marker, its detail (levels, a price) and its notes."""
    if "missing" in cell.flags:
        return keep.fitted(RichText(cell.detail or "—", style="red"), width)
    text = RichText(format_value(cell.value, view.decimals), style="bold" if row.kind in ("total", "rank") else "")
    if "provisional" in cell.flags:
        text.append("*", style="yellow")
    alarm = bool(_ALARM & set(cell.flags))
    if cell.detail and cell.value is None:
        text.append(cell.detail, style="red" if alarm else "")
    elif cell.detail:
        text.append("\n" + cell.detail, style="red" if alarm and "fact" in cell.flags else "dim")
    # a fact cell's notes cite its facts (source, dates): read beside the figure, not as a warning
    note_style = "dim" if "fact" in cell.flags else "yellow"
    for note in cell.notes:
        text.append("\n" + note, style=note_style)
    return keep.fitted(text, width)


def _cell_width(view: MatrixView, cell: CellView) -> int:
    """The widest figure, detail or note of one cell (notes are words that may wrap: up to a short line)."""
    lines = [format_value(cell.value, view.decimals) + ("*" if "provisional" in cell.flags else ""), cell.detail]
    if "fact" in cell.flags:  # sentences citing sources: they wrap at a product name's width
        return max(
            *(min(cell_len(line), _FACT_MAX) for line in lines), *(min(cell_len(n), _FACT_MAX) for n in cell.notes)
        )
    return max(*(cell_len(line) for line in lines), *(min(cell_len(note), _NOTE_MAX) for note in cell.notes), 0)


def _label_width(view: MatrixView, keep: _Keep) -> int:
    """Wide enough for most labels on one line; longer ones wrap (Japanese folds anywhere)."""
    natural = max([cell_len(row.label) + _indent(row) for row in view.rows], default=0)
    words = max([keep.narrowest(row.label) + _indent(row) for row in view.rows], default=0)
    return max(_LABEL_MIN, min(natural, _LABEL_MAX), min(words, _LABEL_MAX))


def _figure_width(view: MatrixView, index: int, keep: _Keep) -> int:
    """The widest figure, level list or note of one tool's column (its name wraps above it)."""
    widest = max(6, min(keep.narrowest(view.tool_names[index]), _NAME_MAX))
    for row in view.rows:
        if row.cells:
            widest = max(widest, _cell_width(view, row.cells[index]))
    return widest


def _points_width(view: MatrixView) -> int:
    return max([cell_len(translate("m.points", view.lang)), *(cell_len(format_points(r.points)) for r in view.rows)])


def pack_columns(widths: Sequence[int], room: int) -> list[list[int]]:
    """Column indices per table, filled greedily left to right: a new table when the next column does not fit.

    `widths` are what each column takes of the terminal (its dividers and padding
    included) and `room` what the columns repeated in every table leave free. A column
    wider than `room` gets a table of its own; nothing is cut, the table is wider.
    """
    tables: list[list[int]] = []
    current: list[int] = []
    used = 0
    for index, width in enumerate(widths):
        if current and used + width > room:
            tables.append(current)
            current, used = [], 0
        current.append(index)
        used += width
    tables.append(current)
    return tables


@lru_cache(maxsize=256)
def _level_number(level: str) -> Decimal | None:
    """A level as a number where it is one ("4", "0.5"), else None ("A", "優")."""
    try:
        number = Decimal(level)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _levels_spread(detail: str) -> str:
    """A level list ("4/5/x/3 → 4") as its spread ("3–5 → 4"); levels that are not numbers as level×count, most first.

    "-" (not scored) and "x" (recused) are left out: the cell's notes say how many scored.
    """
    listed, arrow, settled = detail.partition(" → ")
    given = [level for level in listed.split("/") if level not in ("-", "x")]
    numbers = [(number, level) for level in given if (number := _level_number(level)) is not None]
    if not given:
        spread = "-"
    elif len(numbers) == len(given):
        (low, low_shown), (high, high_shown) = min(numbers), max(numbers)
        spread = low_shown if low == high else f"{low_shown}–{high_shown}"
    else:
        counted = sorted(Counter(given).items(), key=lambda pair: (-pair[1], pair[0]))  # the most given first
        spread = " ".join(f"{level}×{count}" for level, count in counted)
    return spread + (arrow + settled if arrow else "")


def _judged(row: RowView, cell: CellView) -> bool:
    """A criterion's cell scored by the panel, whose detail is each evaluator's level."""
    return row.kind == "criterion" and cell.value is not None and bool(cell.detail) and set(cell.flags) <= _JUDGED


def _with_spreads(view: MatrixView) -> MatrixView:
    """The view with each level list shown as its spread, when some list is wider than a product name."""
    lists = [cell.detail.partition(" → ")[0] for row in view.rows for cell in row.cells if _judged(row, cell)]
    if not lists or max(cell_len(levels) for levels in lists) <= _LEVELS_MAX:
        return view
    panel = max(len(levels.split("/")) for levels in lists)
    rows = tuple(
        replace(
            row,
            cells=tuple(
                replace(cell, detail=_levels_spread(cell.detail)) if _judged(row, cell) else cell for cell in row.cells
            ),
        )
        for row in view.rows
    )
    # the note that names each evaluator in the order of a level list: there is no list any more
    marker = "\x00"
    key_prefix = translate("m.levels_key", view.lang, evaluators=marker).partition(marker)[0]
    spread_note = translate("ts.levels_spread", view.lang, count=panel)
    notes = tuple(spread_note if note.startswith(key_prefix) else note for note in view.notes)
    return replace(view, rows=rows, notes=notes)


class MatrixTable:
    """The matrix for a terminal of any width: nothing is ever cut off.

    When all tools do not fit side by side at their narrowest, the tools are split
    over several tables (each with every criterion, subtotal, total and rank), so a
    figure is never truncated or dropped, however many candidates there are. Beyond
    `_MOST_TABLES` tables the tools are shown one per row instead.
    """

    def __init__(self, view: MatrixView) -> None:
        self.view = _with_spreads(safe_view(view))
        view = self.view
        self.keep = _keep(view)
        self.label_width = _label_width(view, self.keep)
        self.points_width = _points_width(view)
        self.figure_widths = [_figure_width(view, index, self.keep) for index in range(len(view.tool_ids))]

    def _room(self, options: ConsoleOptions) -> int:
        """Terminal columns left for the tools once the label and points columns are placed."""
        fixed = self.label_width + self.points_width + (_PADDING + _DIVIDER) * 2 + _DIVIDER
        return options.max_width - fixed

    def _spare(self, options: ConsoleOptions, columns: Sequence[int]) -> int:
        """Terminal columns left over with these tools side by side (negative: they do not fit)."""
        return self._room(options) - sum(self.figure_widths[i] + _PADDING + _DIVIDER for i in columns)

    def chunks(self, options: ConsoleOptions) -> list[list[int]]:
        """The tools of each table of the side-by-side layout."""
        return pack_columns([width + _PADDING + _DIVIDER for width in self.figure_widths], self._room(options))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        view = self.view
        chunks = self.chunks(options)
        if len(chunks) > _MOST_TABLES:
            yield from _RowsLayout(view, self.keep).render(options)
        else:
            for number, chunk in enumerate(chunks, start=1):
                title = view.title if len(chunks) == 1 else f"{view.title} ({number}/{len(chunks)})"
                # the title wrapped to the terminal here: rich would wrap it to the table, at spaces
                yield self.keep.wrapped(title)
                yield self._table(chunk, self._spare(options, chunk))
        for note in view.notes:
            yield self.keep.wrapped(RichText("・" + note, style="dim"), indent=cell_len("・"))

    def _table(self, columns: Sequence[int], spare: int) -> Table:
        """The matrix with only the tool columns at `columns` (indices into view.tool_ids).

        Widths are fixed here, so rich neither stretches nor squeezes a column and no
        figure is ever cut; `spare` columns of the terminal go first to product names,
        then to criterion labels, so that they wrap less.
        """
        view, keep = self.view, self.keep
        fits, spare = spare >= 0, max(0, spare)
        table = Table(box=box.SIMPLE_HEAVY, show_lines=False)
        figure_widths = [self.figure_widths[index] for index in columns]
        for position, index in enumerate(columns):
            grow = min(max(0, min(cell_len(view.tool_names[index]), _NAME_MAX) - figure_widths[position]), spare)
            figure_widths[position] += grow
            spare -= grow
        natural = max((cell_len(row.label) + _indent(row) for row in view.rows), default=0)
        label_width = self.label_width + min(max(0, natural - self.label_width), spare)
        table.add_column(keep.wrapped(translate("m.criterion", view.lang)), width=label_width, overflow="fold")
        table.add_column(keep.wrapped(translate("m.points", view.lang)), justify="right", width=self.points_width)
        for position, index in enumerate(columns):
            name = keep.wrapped(view.tool_names[index])
            table.add_column(name, justify="right", width=figure_widths[position], overflow="fold")
        for row in view.rows:
            if row.kind == "group":
                label = keep.wrapped(RichText(row.label, style="bold cyan"))
                table.add_row(label, *("" for _ in range(len(columns) + 1)))
                continue
            label_style = {"subtotal": "italic", "total": "bold", "rank": "bold"}.get(row.kind, "")
            indent = " " * _indent(row)
            table.add_row(
                keep.wrapped(RichText(indent + row.label, style=label_style), indent=len(indent)),
                RichText(format_points(row.points) if row.kind != "rank" else ""),
                *(
                    _cell(view, row, row.cells[index], keep, width if fits else None)
                    for index, width in zip(columns, figure_widths, strict=True)
                ),
                end_section=row.kind in ("subtotal", "total"),
            )
        return table


class _RowsLayout:
    """The matrix with one row per tool, for many tools: each table a tool column and some rows of the matrix.

    The first tables hold the ranks, totals and subtotals; then each group's criteria
    (and its subtotal) follow as columns, packed greedily to the terminal's width, the
    tool column repeated in every table. Cells are drawn as in the side-by-side layout.
    A criterion's label heads its column and may wrap there, like a spreadsheet's header.
    """

    def __init__(self, view: MatrixView, keep: _Keep) -> None:
        self.view = view
        self.keep = keep
        header = translate("ts.tool", view.lang)
        natural = max([cell_len(name) for name in view.tool_names], default=0)
        words = max([keep.narrowest(name) for name in view.tool_names], default=0)
        self.name_width = max(cell_len(header), min(natural, _NAME_MAX), min(words, _NAME_MAX))
        self.headers = [self._header(row) for row in view.rows]
        self.widths = [self._width(index) for index in range(len(view.rows))]

    def _header(self, row: RowView) -> str:
        if row.points is None:
            return row.label
        return f"{row.label}\n{translate('m.points', self.view.lang)} {format_points(row.points)}"

    def _header_keep(self, index: int) -> tuple[str, ...]:
        """The names kept whole in a column's header: not its own label, which may wrap there."""
        label = self.view.rows[index].label
        return tuple(phrase for phrase in self.keep.within(self.headers[index]) if phrase != label)

    def _natural(self, index: int) -> int:
        """The header's width on as few lines as it has, up to a label column's width."""
        return min(max(cell_len(line) for line in self.headers[index].split("\n")), _LABEL_MAX)

    def _width(self, index: int) -> int:
        """A row of the matrix as a column: its widest cell, its header's widest word, a short header line."""
        row = self.view.rows[index]
        header = min_width(self.headers[index], self._header_keep(index))
        if row.kind == "status":  # free text, the reasons a tool is out: it wraps, asking only for its words
            cells = [min(self.keep.narrowest(cell.detail), _LABEL_MAX) for cell in row.cells]
        else:
            cells = [_cell_width(self.view, cell) for cell in row.cells]
        return max(6, header, min(self._natural(index), _HEADER_MIN), *cells)

    def parts(self) -> list[tuple[str, list[int]]]:
        """The tables before packing, as (title, row indices): the totals first, then each group."""
        view = self.view
        totals: dict[str, list[int]] = {kind: [] for kind in _TOTALS_ORDER}
        groups: list[tuple[str, list[int]]] = []
        current: list[int] | None = None
        for index, row in enumerate(view.rows):
            if row.kind == "group":
                current = []
                groups.append((row.label, current))
            elif row.kind in _INDENTED:
                if current is None:
                    current = []
                    groups.append(("", current))
                current.append(index)
            else:
                totals.setdefault(row.kind, []).append(index)
                if row.kind == "subtotal" and current is not None:
                    current.append(index)
                current = None
        first = [index for indices in totals.values() for index in indices]
        titled = [(translate("ts.totals", view.lang), first), *groups]
        return [(title, rows) for title, rows in titled if rows]

    def render(self, options: ConsoleOptions) -> Iterator[RenderableType]:
        view, keep = self.view, self.keep
        count = len(view.tool_ids)
        yield keep.wrapped(RichText(translate("ts.rows_intro", view.lang, count=count), style="dim"))
        room = options.max_width - self.name_width - (_PADDING + _DIVIDER) - _DIVIDER
        for part, rows in self.parts():
            tables = pack_columns([self.widths[i] + _PADDING + _DIVIDER for i in rows], room)
            for number, positions in enumerate(tables, start=1):
                title = translate("ts.part", view.lang, title=view.title, part=part) if part else view.title
                if len(tables) > 1:
                    title = f"{title} ({number}/{len(tables)})"
                columns = [rows[position] for position in positions]
                spare = room - sum(self.widths[i] + _PADDING + _DIVIDER for i in columns)
                yield keep.wrapped(title)
                yield self._table(columns, spare)

    def _grown(self, columns: Sequence[int], spare: int) -> list[int]:
        """The columns' widths with the spare room shared out a cell at a time, narrowest header first."""
        widths = [self.widths[index] for index in columns]
        wanted = [self._natural(index) for index in columns]
        while spare > 0:
            short = [position for position, width in enumerate(widths) if width < wanted[position]]
            if not short:
                break
            position = min(short, key=lambda p: (widths[p], p))
            widths[position] += 1
            spare -= 1
        return widths

    def _table(self, columns: Sequence[int], spare: int) -> Table:
        """The tools as rows and `columns` (indices into view.rows) as columns."""
        view, keep = self.view, self.keep
        fits, spare = spare >= 0, max(0, spare)
        table = Table(box=box.SIMPLE_HEAVY, show_lines=False)
        table.add_column(keep.wrapped(translate("ts.tool", view.lang)), width=self.name_width, overflow="fold")
        widths = self._grown(columns, spare)
        for index, width in zip(columns, widths, strict=True):
            row = view.rows[index]
            style = {"subtotal": "italic", "total": "bold", "rank": "bold"}.get(row.kind, "")
            table.add_column(
                Wrapped(RichText(self.headers[index], style=style), self._header_keep(index)),
                justify="left" if row.kind == "status" else "right",
                width=width,
                overflow="fold",
            )
        for tool, name in enumerate(view.tool_names):
            table.add_row(
                keep.wrapped(name),
                *(
                    _cell(view, view.rows[index], view.rows[index].cells[tool], keep, width if fits else None)
                    for index, width in zip(columns, widths, strict=True)
                ),
                end_section=tool % _BAND == _BAND - 1,
            )
        return table


def table_renderable(view: MatrixView) -> RenderableType:
    return MatrixTable(view)


def plain_text(renderable: RenderableType, width: int = 120) -> str:
    """A rich renderable as plain text without colour, e.g. for `-o FILE`."""
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None, legacy_windows=False).print(renderable)
    return buffer.getvalue()
