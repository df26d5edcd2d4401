"""A document as a workbook: one sheet per section, laid out to print on A4, figures as numbers.

A section's sentences stand above its table, its notes and closing lines (a signature)
under it; every page's footer carries the document's title, "n / N" and its date.
"""

from __future__ import annotations

from toolbench.base.times import document_date, local
from toolbench.documents.model import Document, Section, Table
from toolbench.renderers.safe import safe_document
from toolbench.renderers.xlsx import SheetPart, workbook


def _part(name: str, section: Section) -> SheetPart:
    # a form with a signature line: the signature is on the page it signs; the comparison matrix
    # on one page while it stays legible (the layout shrinks it to half size at most)
    one_page = bool(section.closing) or (section.matrix is not None and section.table is None)
    if section.matrix is not None and section.table is None:
        return SheetPart(name, section.matrix, section.sentences, section.closing, one_page)
    if section.table is not None:
        table = section.table
        return SheetPart(
            name,
            Table(table.title or section.title, table.headers, table.rows, table.notes),
            section.sentences,
            section.closing,
            one_page,
        )
    return SheetPart(name, Table(section.title, (), ()), section.sentences, section.closing, one_page)


def write(document: Document, *, width: int = 120, encoding: str = "utf-8") -> bytes:
    document = safe_document(document)
    sheets: list[SheetPart] = []
    for position, section in enumerate(document.sections, start=1):
        name = section.sheet or section.title or section.key or document.title or f"{position}"
        if section.matrix is not None and section.table is not None:
            sheets.append(SheetPart(name, section.matrix, section.sentences))
            sheets.append(_part(name, Section(section.title, table=section.table, closing=section.closing)))
        else:
            sheets.append(_part(name, section))
    if document.provenance or document.notes:
        sheets.append(SheetPart("ⓘ", Table(document.title, (), (), (*document.provenance, *document.notes))))
    generated = document.generated
    date_text = document_date(local(generated, document.time_zone).date(), document.lang) if generated else ""
    return workbook(sheets, document.lang, title=document.title, date_text=date_text)
