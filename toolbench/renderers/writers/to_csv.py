"""A document as CSV: each section after the other (its title, its sentences, its table, an empty line).

Text is neutralised against formula injection, its control and bidi characters written
visibly (`toolbench.base.display`); figures are written as plain numbers;
UTF-8 with BOM so Japanese Excel opens it, or CP932 on request with every character it
cannot hold reported by cell.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from fractions import Fraction

from toolbench.base.i18n import translate
from toolbench.documents.model import Document, Figure, Value, shown
from toolbench.renderers.encoding import encode_csv
from toolbench.renderers.formats import neutralise, render_csv
from toolbench.renderers.safe import safe_document


def _plain(value: Fraction | Decimal | int | float) -> str:
    """A figure's exact number as a spreadsheet reads it: a Fraction to 28 significant digits, never rounded text."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def cell(value: Value) -> str:
    if isinstance(value, Figure) and value.number_format != "General":
        return _plain(value.value)
    return neutralise(shown(value))


def _only_table(document: Document) -> bool:
    """A list (the log, a listing) is written as the list: its header first; its notes and anchor follow it."""
    if len(document.sections) != 1:
        return False
    section = document.sections[0]
    return section.table is not None and not section.sentences and section.matrix is None


def text(document: Document) -> str:
    document = safe_document(document)
    if len(document.sections) == 1 and document.sections[0].matrix is not None and not document.provenance:
        return render_csv(document.sections[0].matrix)
    out = io.StringIO()
    rows = csv.writer(out, lineterminator="\r\n")
    if _only_table(document):
        table = document.sections[0].table
        assert table is not None
        rows.writerow([neutralise(h) for h in table.headers])
        rows.writerows([[cell(v) for v in record] for record in table.rows])
        notes = neutralise(translate("m.notes", document.lang))
        trailing = (*table.notes, *document.notes, *document.provenance)
        rows.writerows([[notes, neutralise(note)] for note in trailing])
        return out.getvalue()
    rows.writerow([neutralise(document.title)])
    rows.writerows([[neutralise(line)] for line in document.provenance])
    for section in document.sections:
        rows.writerow([])
        rows.writerow([neutralise(section.title)])
        rows.writerows([[neutralise(s)] for s in section.sentences])
        if section.table is not None and section.table.rows:
            rows.writerow([neutralise(h) for h in section.table.headers])
            rows.writerows([[cell(v) for v in record] for record in section.table.rows])
            rows.writerows([[neutralise(note)] for note in section.table.notes])
        if section.matrix is not None:
            out.write(render_csv(section.matrix))
    if document.notes:
        rows.writerow([])
        rows.writerows([[neutralise(translate("m.notes", document.lang)), neutralise(n)] for n in document.notes])
    return out.getvalue()


def write(document: Document, *, width: int = 120, encoding: str = "utf-8") -> bytes:
    return encode_csv(text(document), encoding)
