"""A document as a workbook: one sheet per section (its sentences above its table), figures as numbers."""

from __future__ import annotations

from toolbench.documents.model import Document, MatrixView, Section, Table
from toolbench.renderers.safe import safe_document
from toolbench.renderers.xlsx import workbook


def _sheet(section: Section) -> Table:
    """A section as one table: the sentences become notes above nothing, so the sheet says it all."""
    if section.table is not None:
        table = section.table
        return Table(table.title or section.title, table.headers, table.rows, (*section.sentences, *table.notes))
    return Table(section.title, (), (), section.sentences)


def write(document: Document, *, width: int = 120, encoding: str = "utf-8") -> bytes:
    document = safe_document(document)
    sheets: list[tuple[str, MatrixView | Table]] = []
    for position, section in enumerate(document.sections, start=1):
        name = section.sheet or section.title or section.key or f"{position}"
        if section.matrix is not None:
            sheets.append((name, section.matrix))
        if section.table is not None or section.sentences or section.matrix is None:
            sheets.append((name, _sheet(section)))
    if document.provenance or document.notes:
        sheets.append(("ⓘ", Table(document.title, (), (), (*document.provenance, *document.notes))))
    return workbook(sheets, document.lang)
