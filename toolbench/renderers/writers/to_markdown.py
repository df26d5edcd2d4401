"""A document as Markdown: headings, bullet sentences, pipe tables.

Every text is written inert (`formats.markdown_text`): a pipe cannot end a cell nor a
line break a row, raw HTML, links and code spans stay the characters typed, and control
and bidi characters (a carriage return too) are written visibly.
"""

from __future__ import annotations

from toolbench.documents.model import Document, Table, shown
from toolbench.renderers.formats import markdown_text, render_markdown
from toolbench.renderers.safe import safe_document

_cell = markdown_text


def table(part: Table) -> str:
    lines = ["| " + " | ".join(_cell(h) for h in part.headers) + " |", "|" + "---|" * len(part.headers)]
    lines += ["| " + " | ".join(_cell(shown(v)) for v in record) + " |" for record in part.rows]
    lines += [f"\n- {_cell(note)}" for note in part.notes]
    return "\n".join(lines) + "\n"


def text(document: Document) -> str:
    document = safe_document(document)
    if len(document.sections) == 1 and document.sections[0].matrix is not None and not document.provenance:
        return render_markdown(document.sections[0].matrix)
    out = f"# {_cell(document.title)}\n\n" + "".join(f"{_cell(line)}\n" for line in document.provenance)
    for section in document.sections:
        if section.title:  # an untitled section (a single table) gets no empty "## " heading
            out += f"\n## {_cell(section.title)}\n"
        out += "\n" + "".join(f"- {_cell(s)}\n" for s in section.sentences)
        if section.table is not None and section.table.rows:
            out += "\n" + table(section.table)
        if section.matrix is not None:
            out += "\n" + render_markdown(section.matrix)
    if document.notes:
        out += "\n" + "".join(f"- {_cell(note)}\n" for note in document.notes)
    return out


def write(document: Document, *, width: int = 120, encoding: str = "utf-8") -> bytes:
    return text(document).encode("utf-8")
