"""A document for the terminal: rich renderables, and plain text for `-o FILE.txt`.

Every text goes to rich as a `Text`, never as a string rich would read as markup, and
after `safe_document` has written its control and bidi characters visibly: a stored
`[/x]` prints as typed instead of raising MarkupError, and an ESC never reaches the
terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Literal

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table as RichTable
from rich.text import Text

from toolbench.documents.model import Document, Figure, Levels, Table, shown
from toolbench.renderers.safe import safe_document, safe_table
from toolbench.renderers.terminal import plain_text, table_renderable
from toolbench.renderers.wrap import Wrapped, keep_phrases, min_width

_ATOM = 24
"""A cell up to this many display cells is a name, an id or a figure: never wrapped.

A longer cell is prose: its column asks only for its widest unbreakable piece (`wrap`'s
rules) and wraps; columns grow from there while the terminal has room.
"""

_PAD = 3  # box.SIMPLE: one space either side of every column, and a divider between columns


class SplitTable:
    """A plain table that fits the terminal: when too wide, it is split by columns, the first repeated.

    Names and figures are never cut: a column is never narrower than its longest
    figure or word, so a table that cannot fit goes on below as "(2/3)" and so on.
    """

    def __init__(self, part: Table, *, title: bool = True, keep: tuple[str, ...] = ()) -> None:
        part = safe_table(part)
        self.keep = keep or _table_keep(part)
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
        header = min_width(self.part.headers[position], self.keep)
        if position == 0 or self.numeric[position]:
            return max([header, *(cell_len(c) for c in self._cells(position))])
        return max([header, *(self._narrowest(c) for c in self._cells(position))])

    def _narrowest(self, cell: str) -> int:
        """A short cell (a name, an id) is never wrapped; prose wraps, never inside a word or figure."""
        if cell_len(cell) <= _ATOM and "\n" not in cell:
            return cell_len(cell)
        return min_width(cell, self.keep)

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
        preferred = {i: self.widths[i] for i in shown_columns}
        widths = dict(preferred)
        spare = width - 1 - sum(w + _PAD for w in widths.values())
        # room left over goes to text columns, so they wrap less: first to make whole the
        # columns nearest to whole (their names on one line), then towards their natural width
        for target in (preferred, {i: self._natural(i) for i in shown_columns}):
            for i in sorted(shown_columns, key=lambda i: target[i] - widths[i]):
                if i and not self.numeric[i] and spare > 0 and target[i] > widths[i]:
                    grow = min(spare, target[i] - widths[i])
                    widths[i] += grow
                    spare -= grow
        grid = RichTable(box=box.SIMPLE)
        for i in shown_columns:
            justify: Literal["left", "right"] = "right" if self.numeric[i] and i else "left"
            grid.add_column(
                self._cell(self.part.headers[i], widths[i]), width=widths[i], justify=justify, overflow="fold"
            )
        for row in self.rows:
            grid.add_row(*(self._cell(row[i] if i < len(row) else "", widths[i]) for i in shown_columns))
        return grid

    def _cell(self, text: str, width: int) -> Wrapped:
        """A cell kept whole when its column can hold it, else wrapped at spaces, never inside a word."""
        keep = self.keep if min_width(text, self.keep) <= width else ()
        return Wrapped(Text(text), keep)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        chunks = self.chunks(options.max_width - 1)
        for number, columns in enumerate(chunks, start=1):
            title = self.title if len(chunks) == 1 else f"{self.title} ({number}/{len(chunks)})".strip()
            if title:  # wrapped to the terminal here: rich would wrap it to the table at spaces
                yield Wrapped(title, self.keep)
            yield self.grid(columns, title, options.max_width)


def table(part: Table, *, title: bool = True, keep: tuple[str, ...] = ()) -> SplitTable:
    return SplitTable(part, title=title, keep=keep)


def _table_keep(part: Table) -> tuple[str, ...]:
    return keep_phrases([*part.headers, *(shown(value) for record in part.rows for value in record)], _ATOM)


_NAME_KEYS = frozenset({"name", "names", "label", "tool_name", "criterion_name", "evaluator_name", "title"})


def _data_names(data: Any, key: str = "", depth: int = 0) -> Iterator[str]:
    """The names in a document's machine data (values under "name", "label" and the like)."""
    if depth > 8:
        return
    if isinstance(data, Mapping):
        for inner, value in data.items():
            yield from _data_names(value, str(inner), depth + 1)
    elif isinstance(data, list | tuple):
        for value in data:
            yield from _data_names(value, key, depth + 1)
    elif isinstance(data, str) and key in _NAME_KEYS:
        yield data


def document_keep(document: Document, extra: Iterable[str] = ()) -> tuple[str, ...]:
    """The names a document shows (its tables, its matrix, its data, `extra`): kept whole wherever it wraps."""
    phrases: list[str] = [*extra, *_data_names(document.data)]
    for section in document.sections:
        if section.table is not None:
            phrases.extend(section.table.headers)
            phrases.extend(shown(value) for record in section.table.rows for value in record)
        if section.matrix is not None:
            phrases.extend(section.matrix.tool_names)
            phrases.extend(row.label for row in section.matrix.rows)
    return keep_phrases(phrases, _ATOM)


def _line(text: str, keep: tuple[str, ...], style: str = "") -> Wrapped:
    return Wrapped(Text(text, style=style), keep)


def _bullet(text: str, keep: tuple[str, ...], style: str = "") -> Wrapped:
    """A sentence or note after "・", its later lines indented under the text (a hanging indent)."""
    return Wrapped(Text("・" + text, style=style), keep, indent=cell_len("・"))


def renderable(document: Document, names: Iterable[str] = ()) -> RenderableType:
    """The whole document: title, provenance, each section's sentences, table and matrix, the notes.

    `names` (e.g. the plan's tool and criterion names) are kept whole wherever text wraps,
    besides those the document shows in its tables, its matrix and its data.
    """
    document = safe_document(document)
    if _matrix_only(document):
        view = document.sections[0].matrix
        assert view is not None
        return table_renderable(view)
    keep = document_keep(document, names)
    out: list[RenderableType] = [_line(document.title, keep, "bold")]
    out.extend(_line(line, keep, "dim") for line in document.provenance)
    for section in document.sections:
        out.append(Text(""))
        if section.title:
            out.append(_line(section.title, keep, "bold cyan"))
        out.extend(_bullet(sentence, keep) for sentence in section.sentences)
        if section.table is not None and section.table.rows:
            out.append(table(section.table, title=section.table.title != section.title, keep=keep))
            out.extend(_bullet(note, keep, "dim") for note in section.table.notes)
        if section.matrix is not None:
            out.append(table_renderable(section.matrix))
    if document.notes:
        out.append(Text(""))
        out.extend(_bullet(note, keep, "dim") for note in document.notes)
    return Group(*out)


def _matrix_only(document: Document) -> bool:
    """The comparison matrix alone is written exactly as the matrix (its title and notes are its own)."""
    return len(document.sections) == 1 and document.sections[0].matrix is not None and not document.provenance


def write(document: Document, *, width: int = 120, encoding: str = "utf-8") -> bytes:
    return plain_text(renderable(document), width).encode("utf-8")
