"""The matrix as a rich table for the terminal.

Colour only when the output is a terminal; rich honours NO_COLOR. Full-width
Japanese text is measured in display cells, so columns stay aligned.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text as RichText

from .._i18n import translate
from .matrix import MatrixView, format_value


def table_renderable(view: MatrixView) -> RenderableType:
    table = Table(title=view.title, box=box.SIMPLE_HEAVY, show_lines=False, title_justify="left")
    table.add_column(translate("m.criterion", view.lang), no_wrap=False, min_width=12)
    table.add_column(translate("m.points", view.lang), justify="right")
    for name in view.tool_names:
        table.add_column(name, justify="right")
    for row in view.rows:
        if row.kind == "group":
            table.add_row(RichText(row.label, style="bold cyan"), *("" for _ in range(len(view.tool_names) + 1)))
            continue
        label_style = {"subtotal": "italic", "total": "bold", "rank": "bold"}.get(row.kind, "")
        indent = "  " if row.kind == "criterion" else ""
        cells: list[RenderableType] = []
        for cell in row.cells:
            if "missing" in cell.flags:
                cells.append(RichText(cell.detail or "—", style="red"))
                continue
            text = RichText(
                format_value(cell.value, view.decimals), style="bold" if row.kind in ("total", "rank") else ""
            )
            if "provisional" in cell.flags:
                text.append("*", style="yellow")
            if cell.detail:
                text.append("\n" + cell.detail, style="dim")
            for note in cell.notes:
                text.append("\n" + note, style="yellow")
            cells.append(text)
        table.add_row(
            RichText(indent + row.label, style=label_style),
            format_value(row.points, 0) if row.points is not None and row.kind != "rank" else "",
            *cells,
            end_section=row.kind in ("subtotal", "total"),
        )
    return Group(table, *(RichText("・" + note, style="dim") for note in view.notes))


def plain_text(renderable: RenderableType, width: int = 120) -> str:
    """A rich renderable as plain text without colour, e.g. for `-o FILE`."""
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None, legacy_windows=False).print(renderable)
    return buffer.getvalue()


def render_table(view: MatrixView, width: int = 120) -> str:
    """The terminal table as plain text."""
    return plain_text(table_renderable(view), width)
