"""The matrix as a rich table for the terminal.

Colour only when the output is a terminal; rich honours NO_COLOR. Full-width
Japanese text is measured in display cells, so columns stay aligned.

Every text reaches rich as a `Text`, never as a string: rich reads a string as markup,
so a tool named `[link=http://evil.example]x[/link]` would become a live link and a
stray `[/x]` would raise MarkupError. Control and bidi characters are written visibly
before that (`toolbench.renderers.safe`), so no escape sequence reaches the terminal.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text as RichText

from toolbench.base.i18n import translate
from toolbench.documents.matrix import format_points, format_value
from toolbench.documents.model import MatrixView
from toolbench.renderers.safe import safe_view
from toolbench.renderers.wrap import Wrapped, keep_phrases, min_width


def _keep(view: MatrixView) -> tuple[str, ...]:
    """The tool names and row labels: kept whole wherever the matrix wraps (its notes too)."""
    return keep_phrases([*view.tool_names, *(row.label for row in view.rows)])


def _table(view: MatrixView, columns: Sequence[int], title: str, spare: int = 0) -> Table:
    """The matrix with only the tool columns at `columns` (indices into view.tool_ids).

    Widths are fixed here, so rich neither stretches nor squeezes a column and no
    figure is ever cut; `spare` columns of the terminal go first to product names,
    then to criterion labels, so that they wrap less.
    """
    keep = _keep(view)
    table = Table(box=box.SIMPLE_HEAVY, show_lines=False)
    figure_widths = [_figure_width(view, index) for index in columns]
    for position, index in enumerate(columns):
        grow = min(max(0, min(cell_len(view.tool_names[index]), _NAME_MAX) - figure_widths[position]), spare)
        figure_widths[position] += grow
        spare -= grow
    label_width = _label_width(view)
    natural = max(
        (cell_len(row.label) + (2 if row.kind in ("criterion", "must", "price") else 0) for row in view.rows),
        default=0,
    )
    label_width += min(max(0, natural - label_width), spare)
    table.add_column(Wrapped(translate("m.criterion", view.lang), keep), width=label_width, overflow="fold")
    table.add_column(Wrapped(translate("m.points", view.lang), keep), justify="right", width=_points_width(view))
    for position, index in enumerate(columns):
        name = Wrapped(view.tool_names[index], keep)
        table.add_column(name, justify="right", width=figure_widths[position], overflow="fold")
    for row in view.rows:
        if row.kind == "group":
            table.add_row(Wrapped(RichText(row.label, style="bold cyan"), keep), *("" for _ in range(len(columns) + 1)))
            continue
        label_style = {"subtotal": "italic", "total": "bold", "rank": "bold"}.get(row.kind, "")
        indent = "  " if row.kind in ("criterion", "must", "price") else ""
        cells: list[RenderableType] = []
        for index in columns:
            cell = row.cells[index]
            if "missing" in cell.flags:
                cells.append(Wrapped(RichText(cell.detail or "—", style="red"), keep))
                continue
            text = RichText(
                format_value(cell.value, view.decimals), style="bold" if row.kind in ("total", "rank") else ""
            )
            if "provisional" in cell.flags:
                text.append("*", style="yellow")
            if cell.detail and cell.value is None:
                alarm = {"fail", "disqualified", "tie", "unjudged"} & set(cell.flags)
                text.append(cell.detail, style="red" if alarm else "")
            elif cell.detail:
                text.append("\n" + cell.detail, style="dim")
            for note in cell.notes:
                text.append("\n" + note, style="yellow")
            cells.append(Wrapped(text, keep))
        table.add_row(
            Wrapped(RichText(indent + row.label, style=label_style), keep, indent=len(indent)),
            RichText(format_points(row.points) if row.kind != "rank" else ""),
            *cells,
            end_section=row.kind in ("subtotal", "total"),
        )
    return table


_LABEL_MIN = 12
_LABEL_MAX = 24
_NAME_MAX = 24
_NOTE_MAX = 14
_PADDING = 2  # SIMPLE_HEAVY: one space either side of every column
_DIVIDER = 1  # and one character between columns, and at either edge of the table


def _longest_word(text: str, keep: Sequence[str] = ()) -> int:
    """A column's narrowest width for `text`: its widest piece that never breaks (`wrap.breaks`)."""
    return min_width(text, keep)


def _label_width(view: MatrixView) -> int:
    """Wide enough for most labels on one line; longer ones wrap (Japanese folds anywhere)."""
    natural = max(
        [cell_len(row.label) + (2 if row.kind in ("criterion", "must", "price") else 0) for row in view.rows],
        default=0,
    )
    keep = _keep(view)
    words = max(
        [
            _longest_word(row.label, keep) + (2 if row.kind in ("criterion", "must", "price") else 0)
            for row in view.rows
        ],
        default=0,
    )
    return max(_LABEL_MIN, min(natural, _LABEL_MAX), min(words, _LABEL_MAX))


def _figure_width(view: MatrixView, index: int) -> int:
    """The widest figure, level list or note of one tool's column (its name wraps above it)."""
    widest = max(6, min(_longest_word(view.tool_names[index], _keep(view)), _NAME_MAX))
    for row in view.rows:
        cell = row.cells[index] if row.cells else None
        if cell is None:
            continue
        lines = [format_value(cell.value, view.decimals) + ("*" if "provisional" in cell.flags else "")]
        lines.append(cell.detail)
        widest = max(widest, *(cell_len(line) for line in lines))
        # notes are words that may wrap; they ask for room only up to a short line
        widest = max(widest, *(min(cell_len(note), _NOTE_MAX) for note in cell.notes), 0)
    return widest


def _points_width(view: MatrixView) -> int:
    return max([cell_len(translate("m.points", view.lang)), *(cell_len(format_points(r.points)) for r in view.rows)])


class MatrixTable:
    """The matrix for a terminal of any width: nothing is ever cut off.

    When all tools do not fit side by side at their narrowest, the tools are split
    over several tables (each with every criterion, subtotal, total and rank), so a
    figure is never truncated or dropped, however many candidates there are.
    """

    def __init__(self, view: MatrixView) -> None:
        self.view = safe_view(view)

    def _spare(self, options: ConsoleOptions, columns: Sequence[int]) -> int:
        """Terminal columns left over with these tools side by side (negative: they do not fit)."""
        view = self.view
        needed = _label_width(view) + _points_width(view) + sum(_figure_width(view, i) for i in columns)
        count = len(columns) + 2  # the label, the points and the tools
        return options.max_width - needed - (_PADDING + _DIVIDER) * count - _DIVIDER

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        view = self.view
        everything = list(range(len(view.tool_ids)))
        per_table = len(everything) or 1
        while per_table > 1 and self._spare(options, everything[:per_table]) < 0:
            per_table -= 1
        chunks = [everything[i : i + per_table] for i in range(0, len(everything), per_table)] or [[]]
        for number, chunk in enumerate(chunks, start=1):
            title = view.title if len(chunks) == 1 else f"{view.title} ({number}/{len(chunks)})"
            # the title wrapped to the terminal here: rich would wrap it to the table, at spaces
            yield Wrapped(title, _keep(view))
            yield _table(view, chunk, title, max(0, self._spare(options, chunk)))
        for note in view.notes:
            yield Wrapped(RichText("・" + note, style="dim"), _keep(view), indent=cell_len("・"))


def table_renderable(view: MatrixView) -> RenderableType:
    return MatrixTable(view)


def plain_text(renderable: RenderableType, width: int = 120) -> str:
    """A rich renderable as plain text without colour, e.g. for `-o FILE`."""
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None, legacy_windows=False).print(renderable)
    return buffer.getvalue()
