"""A document or matrix view as it may be shown: every text made displayable (`toolbench.base.display`).

Each writer calls `safe_document` or `safe_view` where it starts, so no text from the
plan, the ledger or a catalog reaches a terminal, a page or a workbook with control or
bidi characters in it, whichever path a document takes through the writers. The
document itself is never changed (its classes are frozen): this is a copy, made only
where some text needs it. What is left is markup for one format to neutralise in its
own way (rich `Text`, HTML escaping, Markdown escaping, CSV neutralising).

`Document.data`, the machine data the JSON writer writes, is not touched here: JSON
keeps every stored value exactly, and the JSON writer escapes the unsafe characters
as `\\uXXXX` instead (`json_safe`), which reads back as the same text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from toolbench.base.display import UNSAFE, displayable
from toolbench.documents.model import (
    Bars,
    CellView,
    Document,
    Figure,
    Levels,
    MatrixView,
    RowView,
    Section,
    Table,
    Value,
)


def _texts(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(displayable(v) for v in values)


def _value(value: Value) -> Value:
    if isinstance(value, str):
        return displayable(value)
    if isinstance(value, Figure):
        shown = displayable(value.shown)
        return value if shown == value.shown else replace(value, shown=shown)
    if isinstance(value, Levels):
        return Levels(_texts(value.levels))
    return value


def safe_table(table: Table) -> Table:
    return Table(
        displayable(table.title),
        _texts(table.headers),
        tuple(tuple(_value(v) for v in record) for record in table.rows),
        _texts(table.notes),
    )


def _cell(cell: CellView) -> CellView:
    return replace(cell, detail=displayable(cell.detail), notes=_texts(cell.notes))


def _row(row: RowView) -> RowView:
    return replace(
        row, key=displayable(row.key), label=displayable(row.label), cells=tuple(_cell(c) for c in row.cells)
    )


def safe_view(view: MatrixView) -> MatrixView:
    """The matrix view with its title, tool names, labels, words and notes displayable."""
    return replace(
        view,
        title=displayable(view.title),
        tool_ids=_texts(view.tool_ids),
        tool_names=_texts(view.tool_names),
        rows=tuple(_row(r) for r in view.rows),
        notes=_texts(view.notes),
    )


def _bars(chart: Bars) -> Bars:
    return replace(chart, labels=_texts(chart.labels), shown=_texts(chart.shown))


def _section(section: Section) -> Section:
    return replace(
        section,
        title=displayable(section.title),
        sentences=_texts(section.sentences),
        table=safe_table(section.table) if section.table is not None else None,
        matrix=safe_view(section.matrix) if section.matrix is not None else None,
        key=displayable(section.key),
        chart=_bars(section.chart) if section.chart is not None else None,
        sheet=displayable(section.sheet),
    )


def safe_document(document: Document) -> Document:
    """The document with every text in it displayable; `data` (for JSON) is kept as it is."""
    return replace(
        document,
        title=displayable(document.title),
        provenance=_texts(document.provenance),
        sections=tuple(_section(s) for s in document.sections),
        notes=_texts(document.notes),
    )


def json_safe(text: str) -> str:
    """JSON text with every unsafe character inside its strings written as a `\\uXXXX` escape.

    JSON's own structure is ASCII, so such a character can only stand inside a string,
    where the escape reads back as exactly the same character: the data stays exact,
    and a terminal or editor showing the file sees six harmless characters.
    """
    return UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)
