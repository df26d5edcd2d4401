"""A document as one self-contained HTML page (inline style, nothing loaded from elsewhere; prints on A4).

Every text is escaped, with its control and bidi characters written visibly
(`toolbench.renderers.safe`): a stored `<script>` or `<a href>` is shown, never run.
"""

from __future__ import annotations

from toolbench.base.i18n import translate
from toolbench.base.times import document_date, local
from toolbench.documents.model import Bars, Document
from toolbench.renderers.html import (
    approval_block,
    charts,
    generated_line,
    matrix_section,
    notes_list,
    page,
    render_html,
    table_html,
    text,
)
from toolbench.renderers.safe import safe_document


def bars(chart: Bars) -> str:
    """Bars on one scale with dots beside them, as inline SVG (labels are text, never markup)."""
    top = max([*chart.values, *(dot for dots in chart.dots for dot in dots)], default=0.0)
    scale = 420 / (top or 1)
    row_h, left = 22, 200
    height = row_h * len(chart.labels) + 12
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="700" height="{height}" role="img">']
    for i, label in enumerate(chart.labels):
        y = 6 + i * row_h
        width = chart.values[i] * scale
        parts.append(f'<text x="{left - 8}" y="{y + 15}" text-anchor="end" font-size="12">{text(label)}</text>')
        parts.append(f'<rect x="{left}" y="{y + 4}" width="{width:.1f}" height="14" fill="#4a7bb7"/>')
        parts.append(f'<text x="{left + width + 6:.1f}" y="{y + 15}" font-size="11">{text(chart.shown[i])}</text>')
        for dot in chart.dots[i] if i < len(chart.dots) else ():
            parts.append(f'<circle cx="{left + dot * scale:.1f}" cy="{y + 11}" r="3" fill="#d9822b" opacity="0.8"/>')
    parts.append("</svg>")
    return "".join(parts)


def _id(key: str, position: int) -> str:
    return key or f"part-{position}"


def _landscape(document: Document) -> bool:
    """Wide documents print across the page: the matrix, or a table of more than six columns."""
    return any(s.matrix is not None or (s.table is not None and len(s.table.headers) > 6) for s in document.sections)


def html(document: Document) -> str:
    document = safe_document(document)
    zone = document.time_zone
    if len(document.sections) == 1 and document.sections[0].matrix is not None and not document.provenance:
        return render_html(document.sections[0].matrix, now=document.generated, zone=zone, approval=document.approval)
    meta = "".join(f'<p class="meta">{text(line)}</p>' for line in document.provenance)
    title = f"<div><h1>{text(document.title)}</h1>{generated_line(document.lang, document.generated, zone)}{meta}</div>"
    body = [f"<header>{title}{approval_block(document.approval, document.lang)}</header>"]
    titled = [(position, s) for position, s in enumerate(document.sections, start=1) if s.title]
    if len(titled) > 2:
        contents = "".join(f'<li><a href="#{text(_id(s.key, p))}">{text(s.title)}</a></li>' for p, s in titled)
        body.append(f"<nav><h2>{text(translate('html.contents', document.lang))}</h2><ol>{contents}</ol></nav>")
    for position, section in enumerate(document.sections, start=1):
        kind = "part paged" if document.paged else "part"
        parts = [f'<section class="{kind}" id="{text(_id(section.key, position))}">']
        if section.title:
            parts.append(f"<h2>{text(section.title)}</h2>")
        if section.sentences:
            parts.append('<ul class="sentences">' + "".join(f"<li>{text(s)}</li>" for s in section.sentences) + "</ul>")
        if section.chart is not None:
            parts.append(f'<figure class="chart">{bars(section.chart)}</figure>')
        if section.table is not None and section.table.rows:
            parts.append(table_html(section.table))
        if section.matrix is not None:
            parts.append(matrix_section(section.matrix) + charts(section.matrix))
        parts += [f'<p class="closing">{text(line)}</p>' for line in section.closing]
        parts.append("</section>")
        body.append("".join(parts))
    if document.notes:
        body.append(notes_list(document.notes))
    date_text = document_date(local(document.generated, zone).date(), document.lang) if document.generated else ""
    return page(document.title, document.lang, "\n".join(body), date_text=date_text, landscape=_landscape(document))


def write(document: Document, *, width: int = 120, encoding: str = "utf-8") -> bytes:
    return html(document).encode("utf-8")
