"""What a report says, as plain values: tables of typed cells, titles and notes.

Renderers (`toolbench.renderers`) lay these values out; they never compute a figure.
This module imports nothing heavy, so a renderer that needs only the model stays quick
to load.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

Value = str | Decimal | int | None


@dataclass(frozen=True)
class Table:
    """One part of a report as plain data: a title, a header, rows of text or figures, notes."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]
    notes: tuple[str, ...] = ()
