"""What a report says, as one kind of value: a document of sections, with tables of typed cells.

Every report toolbench makes — the matrix, the procurement set, weights, fairness,
robustness, the trials board, the log — is built in the library as a `Document`.
Exactly one writer per format lays any document out (`toolbench.renderers.writers`):
terminal, Markdown, CSV, JSON, HTML, XLSX. Writers never compute a figure or decide
anything; what a figure is, what it is shown as, and what it means are settled here.

This module imports nothing heavy, so a writer that needs only the model stays quick to
load.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

from toolbench.base.i18n import translate

Lang = Literal["ja", "en"]


@dataclass(frozen=True)
class Figure:
    """A number as a document shows it, keeping its exact value for machines (CSV, JSON, XLSX).

    `shown` is the text people read ("16.7 %", "76.25", "≈ 1.3 × 10^13"); `value` is what
    it stands for, exact where the maths was exact; `number_format` is the spreadsheet
    format that shows the value as `shown` does (e.g. "0.00", '#,##0"円"', "0.0%").
    """

    value: Fraction | Decimal | int | float
    shown: str
    number_format: str = "General"

    def __str__(self) -> str:
        return self.shown


@dataclass(frozen=True)
class Levels:
    """Each evaluator's level in one cell, in the panel's order ("x" recused, "-" not scored)."""

    levels: tuple[str, ...]

    def __str__(self) -> str:
        # spaces around the slash: "4 / 4 / 5" is never read as a date by a spreadsheet
        return " / ".join(self.levels)


Value = str | Figure | Levels | Decimal | int | None
"""One cell: text, a figure, a level list, a plain stored number, or empty."""


def shown(value: Value) -> str:
    """A cell as people read it."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


@dataclass(frozen=True)
class Table:
    """One part of a report as plain data: a title, a header, rows of typed cells, notes.

    The first column names the row (a tool, an evaluator, an event); writers never cut it.
    """

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Bars:
    """A chart of one bar per label, with dots on the same scale (e.g. each respondent's weight).

    Only the HTML writer draws it; every other format carries the same figures in the section's table.
    """

    labels: tuple[str, ...]
    values: tuple[float, ...]
    shown: tuple[str, ...]
    dots: tuple[tuple[float, ...], ...] = ()


@dataclass(frozen=True)
class Section:
    """A titled part of a document: sentences, then a table, then the comparison matrix where there is one."""

    title: str
    sentences: tuple[str, ...] = ()
    table: Table | None = None
    matrix: MatrixView | None = None
    key: str = ""
    """A stable name for the section (e.g. "leniency"), used for anchors."""
    chart: Bars | None = None
    sheet: str = ""
    """The name of its sheet in a workbook, where a short one reads better than the title."""
    closing: tuple[str, ...] = ()
    """Lines under the table, e.g. a signature and date line on a form."""


@dataclass(frozen=True)
class Document:
    """A whole report: a title, lines that say where it comes from, sections, and closing notes.

    `data` is the report as plain data for machines, with a documented schema; the JSON
    writer writes it when present, and the document's own structure otherwise.
    """

    kind: str
    title: str
    lang: Lang
    provenance: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    notes: tuple[str, ...] = ()
    data: Any = field(default=None, compare=False)
    generated: datetime | None = None
    """When the document was made, printed under its title and in the page footer where a format has room."""
    time_zone: str | None = None
    """Where it is read: times are shown in this zone (default Japan); the ledger keeps UTC."""
    paged: bool = False
    """Each section starts a page of its own when printed (the parts of a procurement set are filed apart)."""
    approval: tuple[str, ...] = ()
    """The roles of the approval block (決裁欄) printed beside the title, e.g. 課長・係長・担当."""

    def tables(self) -> tuple[Table, ...]:
        return tuple(s.table for s in self.sections if s.table is not None)


def table_document(table: Table, lang: Lang, *, kind: str = "table") -> Document:
    """A single table as a document (a list such as one evaluator's 採点表 in its own CSV file)."""
    return Document(kind=kind, title=table.title, lang=lang, sections=(Section("", (), table),))


def table_of(title: str, headers: list[str] | tuple[str, ...], rows: list[list[Value]] | list[list[str]]) -> Table:
    """A table from lists, as sections build them."""
    return Table(title, tuple(headers), tuple(tuple(r) for r in rows))


RowKind = Literal["group", "criterion", "must", "price", "subtotal", "technical", "total", "value", "rank", "status"]


@dataclass(frozen=True)
class CellView:
    """One displayed cell: its number (already rounded) and the words beside it."""

    value: Decimal | int | None = None
    detail: str = ""
    flags: tuple[str, ...] = ()
    """Machine-readable flags: missing, partial, provisional, moderated, metric, price,
    disqualified, tied, and pass / fail / tie / unjudged on must-have rows."""
    notes: tuple[str, ...] = ()
    """The flags in the reader's language."""


@dataclass(frozen=True)
class RowView:
    kind: RowKind
    key: str
    label: str
    points: Decimal | None
    cells: tuple[CellView, ...]


@dataclass(frozen=True)
class MatrixView:
    title: str
    lang: Lang
    tool_ids: tuple[str, ...]
    tool_names: tuple[str, ...]
    rows: tuple[RowView, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)
    decimals: int = 2


def anchor_line(lang: Lang, plan_hash: str, head_seq: int, head_hash: str | None) -> str:
    """The line that ties a document to what it was made from: the plan hash and the ledger head, as
    `audit verify --head` checks them later."""
    return translate("doc.anchor", lang, plan_hash=plan_hash[:12], head_seq=head_seq, head_hash=(head_hash or "")[:12])
