"""A document for the terminal: rich renderables, and plain text for `-o FILE.txt`.

Every text goes to rich as a `Text`, never as a string rich would read as markup, and
after `safe_document` has written its control and bidi characters visibly: a stored
`[/x]` prints as typed instead of raising MarkupError, and an ESC never reaches the
terminal.
"""

from __future__ import annotations

from typing import Literal

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table as RichTable
from rich.text import Text

from toolbench.documents.model import Document, Figure, Levels, Table, shown
from toolbench.renderers.safe import safe_document, safe_table
from toolbench.renderers.terminal import plain_text, table_renderable


def _longest_word(text: str) -> int:
    return max((cell_len(word) for word in text.split()), default=0)


_PAD = 3  # box.SIMPLE: one space either side of every column, and a divider between columns


class SplitTable:
    """A plain table that fits the terminal: when too wide, it is split by columns, the first repeated.

    Names and figures are never cut: a column is never narrower than its longest
    figure or word, so a table that cannot fit goes on below as "(2/3)" and so on.
    """

    def __init__(self, part: Table, *, title: bool = True) -> None:
        part = safe_table(part)
        self.part = part
        self.title = (part.title or "") if title else ""
        self.rows = [[shown(value) for value in record] for record in part.rows]
        self.numeric = [
            bool(part.rows)
            and all(
                isinstance(record[i], Figure | Levels | int) or record[i] in (None, "-", "—")
                for record in part.rows
                if i < len(record)
            )
            for i in range(len(part.headers))
        ]
        self.widths = [self._width(i) for i in range(len(part.headers))]

    def _cells(self, position: int) -> list[str]:
        return [row[position] for row in self.rows if position < len(row)]

    def _width(self, position: int) -> int:
        header = self.part.headers[position]
        if position == 0 or self.numeric[position]:
            return max([_longest_word(header), *(cell_len(c) for c in self._cells(position))])
        return min(24, max([_longest_word(header), *(_longest_word(c) for c in self._cells(position))]))

    def chunks(self, width: int) -> list[list[int]]:
        """Column indices per printed table: the first column, then as many others as fit."""
        first = self.widths[0] + _PAD if self.widths else 0
        out: list[list[int]] = []
        current: list[int] = []
        used = first
        for position in range(1, len(self.widths)):
            need = self.widths[position] + _PAD
            if current and used + need > width:
                out.append(current)
                current, used = [], first
            current.append(position)
            used += need
        if current or not out:
            out.append(current)
        return out

    def _natural(self, position: int) -> int:
        return max([cell_len(self.part.headers[position]), *(cell_len(c) for c in self._cells(position))])

    def grid(self, columns: list[int], title: str, width: int) -> RichTable:
        """One printed table with fixed column widths, so rich neither squeezes a figure nor cuts a name."""
        shown_columns = [0, *columns] if self.widths else []
        widths = {i: self.widths[i] for i in shown_columns}
        spare = width - 1 - sum(w + _PAD for w in widths.values())
        for i in shown_columns:  # room left over goes to text columns, so they wrap less
            if i and not self.numeric[i] and spare > 0:
                grow = min(spare, max(0, self._natural(i) - widths[i]))
                widths[i] += grow
                spare -= grow
        grid = RichTable(title=Text(title) if title else None, box=box.SIMPLE, title_justify="left")
        for i in shown_columns:
            justify: Literal["left", "right"] = "right" if self.numeric[i] and i else "left"
            grid.add_column(Text(self.part.headers[i]), width=widths[i], justify=justify, overflow="fold")
        for row in self.rows:
            grid.add_row(*(Text(row[i] if i < len(row) else "") for i in shown_columns))
        return grid

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        chunks = self.chunks(options.max_width - 1)
        for number, columns in enumerate(chunks, start=1):
            title = self.title if len(chunks) == 1 else f"{self.title} ({number}/{len(chunks)})".strip()
            yield self.grid(columns, title, options.max_width)


def table(part: Table, *, title: bool = True) -> SplitTable:
    return SplitTable(part, title=title)


def renderable(document: Document) -> RenderableType:
    """The whole document: title, provenance, each section's sentences, table and matrix, the notes."""
    document = safe_document(document)
    if _matrix_only(document):
        view = document.sections[0].matrix
        assert view is not None
        return table_renderable(view)
    out: list[RenderableType] = [Text(document.title, style="bold")]
    out.extend(Text(line, style="dim") for line in document.provenance)
    for section in document.sections:
        out.append(Text(""))
        if section.title:
            out.append(Text(section.title, style="bold cyan"))
        out.extend(Text("・" + sentence) for sentence in section.sentences)
        if section.table is not None and section.table.rows:
            out.append(table(section.table, title=section.table.title != section.title))
            out.extend(Text("・" + note, style="dim") for note in section.table.notes)
        if section.matrix is not None:
            out.append(table_renderable(section.matrix))
    if document.notes:
        out.append(Text(""))
        out.extend(Text("・" + note, style="dim") for note in document.notes)
    return Group(*out)


def _matrix_only(document: Document) -> bool:
    """The comparison matrix alone is written exactly as the matrix (its title and notes are its own)."""
    return len(document.sections) == 1 and document.sections[0].matrix is not None and not document.provenance


def write(document: Document, *, width: int = 120, encoding: str = "utf-8") -> bytes:
    return plain_text(renderable(document), width).encode("utf-8")
