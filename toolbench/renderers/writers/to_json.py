"""A document as JSON: its documented data where the report has a schema, else its structure.

Stored text is kept exactly; control and bidi characters in it are written as JSON
escapes (`\\u202e`), which read back as the same text but never act on a terminal or
an editor showing the file.
"""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from typing import Any

from toolbench.documents.matrix import view_to_data
from toolbench.documents.model import Document, Figure, Levels, Value
from toolbench.renderers.safe import json_safe


def _value(value: Value) -> Any:
    if isinstance(value, Figure):
        exact = value.value
        if isinstance(exact, Fraction):
            number: Any = {"exact": f"{exact.numerator}/{exact.denominator}", "float": float(exact)}
        else:
            number = float(exact) if isinstance(exact, Decimal) else exact
        return {"value": number, "shown": value.shown}
    if isinstance(value, Levels):
        return list(value.levels)
    if isinstance(value, Decimal):
        return float(value)
    return value


def structure(document: Document) -> dict[str, Any]:
    """The document as plain data: title, provenance, sections with their tables, notes."""
    sections = []
    for section in document.sections:
        item: dict[str, Any] = {"key": section.key, "title": section.title, "sentences": list(section.sentences)}
        if section.table is not None:
            item["table"] = {
                "title": section.table.title,
                "headers": list(section.table.headers),
                "rows": [[_value(v) for v in record] for record in section.table.rows],
                "notes": list(section.table.notes),
            }
        if section.matrix is not None:
            item["matrix"] = view_to_data(section.matrix)
        sections.append(item)
    return {
        "kind": document.kind,
        "title": document.title,
        "lang": document.lang,
        "provenance": list(document.provenance),
        "sections": sections,
        "notes": list(document.notes),
    }


def text(document: Document) -> str:
    data = document.data if document.data is not None else structure(document)
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def write(document: Document, *, width: int = 120, encoding: str = "utf-8") -> bytes:
    return text(document).encode("utf-8")
