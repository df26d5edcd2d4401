"""The matrix (and report tables) as one self-contained HTML page, printable on A4 landscape.

Nothing is fetched from elsewhere: the style is inline, the charts are inline SVG,
fonts are the reader's own. Every text that comes from the plan or the ledger is
escaped, so a tool named `<script>` is shown, never run, and its control and bidi
characters are written visibly (`toolbench.base.display`). Charts are drawn from the
view only: stacked bars from the "subtotal" rows, one radar per tool from the
"criterion" rows that carry points. Their colours differ in lightness, so a
greyscale print still tells the segments apart.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from html import escape
from typing import Final
from unicodedata import east_asian_width

from toolbench._version import __version__
from toolbench.base.display import displayable
from toolbench.base.i18n import Lang, translate
from toolbench.base.times import document_date, document_time, local
from toolbench.documents.matrix import cell_words, format_points, format_value
from toolbench.documents.model import CellView, Figure, Levels, MatrixView, RowView, Table
from toolbench.renderers.safe import safe_view

# Dark to light, one hue: neighbours in a stack always differ in lightness (greyscale-safe).
PALETTE: Final = ("#0b2f5b", "#2f6ea8", "#79a8d6", "#c3d8ee", "#4a4a4a", "#9a9a9a", "#d6d6d6")
ON_PALETTE: Final = ("#ffffff", "#ffffff", "#1a1a1a", "#1a1a1a", "#ffffff", "#1a1a1a", "#1a1a1a")
"""A legible text colour on each palette colour."""
INK: Final = "#1a1a1a"
BAR_HEIGHT: Final = 200.0
"""The plot height of the stacked bars, in SVG units: a bar of full points is this tall."""
RADAR_RADIUS: Final = 100.0

STYLE: Final = """\
* { box-sizing: border-box; }
body { font-family: "Yu Gothic", "Hiragino Kaku Gothic ProN", Meiryo, "Noto Sans CJK JP", sans-serif;
  font-size: 10pt; color: #1a1a1a; margin: 0 auto; max-width: 277mm; padding: 4mm; }
h1 { font-size: 15pt; margin: 0 0 4pt; }
h2 { font-size: 12pt; margin: 12pt 0 4pt; break-after: avoid; page-break-after: avoid; }
p.meta { color: #444; font-size: 8.5pt; margin: 0 0 6pt; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 4pt 0 8pt; }
th, td { border: 1px solid #8c8c8c; padding: 2pt 4pt; vertical-align: top;
  overflow-wrap: anywhere; word-break: normal; line-break: strict; }
td.num { overflow-wrap: normal; white-space: nowrap; }
thead th { background: #e4e4e4; text-align: center; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.num { text-align: right; }
table.many { font-size: 8pt; }
col.label { width: 24%; }
col.points { width: 7%; }
tr.row-group th { background: #efefef; text-align: left; }
tr.row-criterion th { font-weight: normal; padding-left: 12pt; }
tr.row-subtotal th, tr.row-subtotal td { font-style: italic; background: #f7f7f7; }
tr.row-technical th, tr.row-technical td, tr.row-total th, tr.row-total td,
tr.row-rank th, tr.row-rank td, tr.row-value th, tr.row-value td { font-weight: bold; }
tbody th { text-align: left; }
span.v { display: block; }
span.d, span.n { display: block; font-size: 8pt; color: #444; font-weight: normal; font-style: normal; }
td.num span.v { float: right; margin-left: 5pt; }
td.num span.d, td.num span.n { text-align: left; white-space: normal; overflow-wrap: anywhere; }
td.flag-missing span.d, td.flag-disqualified span.d, td.flag-expired span.d, td.flag-stale span.d { color: #8b0000; }
ul.notes, ul.sentences { font-size: 8.5pt; color: #333; padding-left: 14pt; margin: 2pt 0 6pt; }
ul.sentences { font-size: 9.5pt; color: #1a1a1a; }
p.closing { margin: 14pt 0 4pt; font-size: 10pt; }
svg { display: block; max-width: 100%; height: auto; }
figure { margin: 4pt 0; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-weight: bold; margin: 0 0 2pt; break-after: avoid; page-break-after: avoid; }
div.radars { display: flex; flex-wrap: wrap; gap: 4pt 6pt; }
div.radars figure { margin: 0; width: 86mm; }
div.radars svg { width: 100%; }
p.chart-note { font-size: 8.5pt; color: #444; }
section.paged { break-before: page; page-break-before: always; }
header + section.paged, nav + section.paged { break-before: auto; page-break-before: auto; }
section.charts { break-inside: avoid; page-break-inside: avoid; }
header { display: flex; justify-content: space-between; align-items: flex-start; gap: 8mm; }
table.approval { width: auto; margin: 0; font-size: 8.5pt; }
table.approval th { background: none; font-weight: normal; min-width: 18mm; padding: 1pt 4pt; }
table.approval td { height: 16mm; }
@media print {
  body { padding: 0; font-size: 8.5pt; line-height: 1.25; }
  span.d, span.n, ul.notes { font-size: 7pt; }
  table.many { font-size: 6.5pt; }
  nav { display: none; }
  h1 { font-size: 13pt; }
  h2 { font-size: 10.5pt; margin: 8pt 0 3pt; }
  table { margin: 3pt 0 5pt; }
  th, td { padding: 1.5pt 3pt; }
  ul.notes, ul.sentences { margin: 1pt 0 4pt; }
  ul.sentences { font-size: 8.5pt; }
  p.meta { margin: 0 0 3pt; }
}
"""


# --- pieces --------------------------------------------------------------------------


def text(value: str) -> str:
    """Any text from the plan or the ledger, made inert (quotes too, so it is safe in attributes)
    and with its control and bidi characters written visibly."""
    return escape(displayable(value), quote=True)


def number_text(value: Decimal | int | None) -> str:
    """A figure as it is stored: 16.67 stays 16.67, 20 stays 20."""
    if value is None:
        return ""
    return str(value) if isinstance(value, int) else format(value, "f")


def _flag_classes(flags: Sequence[str]) -> str:
    return " ".join("flag-" + re.sub(r"[^a-z0-9-]", "-", flag.lower()) for flag in flags)


def _cell(cell: CellView, decimals: int) -> str:
    parts = []
    if cell.value is not None:
        figure = format_value(cell.value, decimals) + ("*" if "provisional" in cell.flags else "")
        parts.append(f'<span class="v">{text(figure)}</span>')
    for position, word in enumerate(cell_words(cell)):
        kind = "d" if position == 0 and word == cell.detail else "n"
        parts.append(f'<span class="{kind}">{text(word)}</span>')
    if not parts:
        parts.append('<span class="v">—</span>')
    classes = " ".join(filter(None, ["num", _flag_classes(cell.flags)]))
    return f'<td class="{classes}">{"".join(parts)}</td>'


def _row(row: RowView, columns: int, decimals: int) -> str:
    kind = re.sub(r"[^a-z0-9-]", "-", row.kind.lower())
    if row.kind == "group":
        return f'<tr class="row-group"><th colspan="{columns}" scope="colgroup">{text(row.label)}</th></tr>'
    cells = "".join(_cell(cell, decimals) for cell in row.cells)
    points = format_points(row.points)
    return (
        f'<tr class="row-{kind}"><th scope="row">{text(row.label)}</th><td class="num">{text(points)}</td>{cells}</tr>'
    )


def matrix_table(view: MatrixView) -> str:
    """The view's rows as a table: criteria down, tools across, every row kind alike."""
    lang = view.lang
    columns = 2 + len(view.tool_ids)
    head = "".join(f'<th scope="col">{text(name)}</th>' for name in view.tool_names)
    colgroup = '<colgroup><col class="label"><col class="points">' + "<col>" * len(view.tool_ids) + "</colgroup>"
    body = "".join(_row(row, columns, view.decimals) for row in view.rows)
    many = " many" if len(view.tool_ids) > 8 else ""  # smaller type, so a wide comparison still fits A4
    return (
        f'<table class="matrix{many}">{colgroup}<thead><tr><th scope="col">{text(translate("m.criterion", lang))}</th>'
        f'<th scope="col">{text(translate("m.points", lang))}</th>{head}</tr></thead><tbody>{body}</tbody></table>'
    )


def notes_list(notes: Sequence[str]) -> str:
    if not notes:
        return ""
    return '<ul class="notes">' + "".join(f"<li>{text(note)}</li>" for note in notes) + "</ul>"


def table_html(table: Table) -> str:
    """A plain table (header and rows); numbers right-aligned, everything escaped."""
    head = "".join(f'<th scope="col">{text(h)}</th>' for h in table.headers)
    rows = []
    for record in table.rows:
        cells = []
        for value in record:
            if isinstance(value, str):
                cells.append(f"<td>{text(value)}</td>")
            elif isinstance(value, Figure | Levels):
                cells.append(f'<td class="num">{text(str(value))}</td>')
            else:
                cells.append(f'<td class="num">{text(number_text(value))}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>" + notes_list(table.notes)


def _width(label: str) -> int:
    """Display width in half-width units: a Japanese (full-width) character counts two."""
    return sum(2 if east_asian_width(c) in ("W", "F") else 1 for c in label)


def _wrapped(label: str, limit: int = 18, lines: int = 3) -> list[str]:
    """A chart label in lines of at most `limit` half-width units, broken between words where it has spaces
    and anywhere in Japanese; the last line ends with … only past `lines` lines (the full text is in the title)."""
    out: list[str] = []
    current = ""
    for token in re.findall(r"\S+\s*|\s+", label) if " " in label else list(label):
        if current and _width(current + token.rstrip()) > limit:
            out.append(current.rstrip())
            current = token.lstrip()
        else:
            current += token
        while _width(current) > limit:  # one word longer than a line: cut it where it must
            cut = len(current)
            while cut > 1 and _width(current[:cut]) > limit:
                cut -= 1
            out.append(current[:cut])
            current = current[cut:]
    if current.strip():
        out.append(current.rstrip())
    if len(out) > lines:
        out = out[:lines]
        out[-1] = _short(out[-1], limit)
    return out or [""]


def _short(label: str, limit: int = 20) -> str:
    """A chart label at most `limit` half-width units wide; the full text is in the chart's title."""
    if _width(label) <= limit:
        return label
    while label and _width(label) > limit - 1:
        label = label[:-1]
    return label + "…"


def _label_text(label: str, x: float, y: float, anchor: str) -> str:
    """An axis label in up to three lines around its point, each line a <tspan>; the whole label is its title."""
    lines = _wrapped(label)
    top = y + 3.5 - 6.25 * (len(lines) - 1) if y < 150 else y + 3.5
    spans = "".join(f'<tspan x="{_n(x)}" y="{_n(top + 12.5 * i)}">{text(line)}</tspan>' for i, line in enumerate(lines))
    return f'<text font-size="10.5" text-anchor="{anchor}" fill="{INK}">{spans}<title>{text(label)}</title></text>'


def _n(value: float) -> str:
    return f"{value:.2f}"


# --- charts --------------------------------------------------------------------------


def stacked_bars(view: MatrixView) -> str:
    """Each tool's group subtotals stacked into one bar; the full height is the groups' points.

    A segment's height is subtotal ÷ full × BAR_HEIGHT, so segments compare across
    tools. Empty subtotals (no score yet) draw nothing.
    """
    lang = view.lang
    groups = [row for row in view.rows if row.kind == "subtotal"]
    stacks = [
        sum((Decimal(v) for row in groups if (v := row.cells[i].value) is not None and v > 0), Decimal(0))
        for i in range(len(view.tool_ids))
    ]
    full = sum((row.points for row in groups if row.points is not None and row.points > 0), Decimal(0))
    full = max([full, *stacks])
    if not groups or full <= 0:
        return f'<p class="chart-note">{text(translate("html.bars_none", lang))}</p>'
    step, bar, left, top = 96.0, 44.0, 56.0, 16.0
    bottom = top + BAR_HEIGHT
    legend_x = left + step * len(view.tool_ids) + 16
    width = legend_x + 170
    height = bottom + 44
    title = translate("html.bars_title", lang)
    desc = translate("html.bars_desc", lang, full=format_points(full))
    parts = [
        f'<svg class="bars" role="img" aria-labelledby="bars-title bars-desc" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" width="{_n(width)}" height="{_n(height)}">',
        f'<title id="bars-title">{text(title)}</title><desc id="bars-desc">{text(desc)}</desc>',
    ]
    for quarter in range(5):
        y = bottom - BAR_HEIGHT * quarter / 4
        parts.append(
            f'<line x1="{_n(left - 4)}" y1="{_n(y)}" x2="{_n(legend_x - 12)}" y2="{_n(y)}" stroke="#c8c8c8"/>'
            f'<text x="{_n(left - 8)}" y="{_n(y + 3)}" font-size="9" text-anchor="end" fill="{INK}">'
            f"{text(format_points(full * quarter / 4 if quarter else Decimal(0)))}</text>"
        )
    for index, name in enumerate(view.tool_names):
        x = left + step * index + (step - bar) / 2
        y = bottom
        for position, row in enumerate(groups):
            cell = row.cells[index]
            if cell.value is None or cell.value <= 0:
                continue
            size = float(cell.value / full) * BAR_HEIGHT
            y -= size
            label = translate(
                "html.bar_segment", lang, tool=name, group=row.label, value=format_value(cell.value, view.decimals)
            )
            colour = position % len(PALETTE)
            parts.append(
                f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(bar)}" height="{_n(size)}" '
                f'fill="{PALETTE[colour]}" stroke="#ffffff" stroke-width="1">'
                f"<title>{text(label)}</title></rect>"
            )
            if size >= 12:  # the figure on the segment, for paper
                parts.append(
                    f'<text x="{_n(x + bar / 2)}" y="{_n(y + size / 2 + 3.5)}" font-size="9" text-anchor="middle" '
                    f'fill="{ON_PALETTE[colour]}">{text(format_value(cell.value, view.decimals))}</text>'
                )
        parts.append(
            f'<text x="{_n(x + bar / 2)}" y="{_n(bottom + 14)}" font-size="10" text-anchor="middle" fill="{INK}">'
            f"{text(_short(name, 16))}<title>{text(name)}</title></text>"
        )
    for position, row in enumerate(groups):
        y = top + 16 * (len(groups) - 1 - position)  # listed top-down as the segments are stacked
        parts.append(
            f'<rect x="{_n(legend_x)}" y="{_n(y)}" width="10" height="10" '
            f'fill="{PALETTE[position % len(PALETTE)]}" stroke="{INK}" stroke-width="0.5"/>'
            f'<text x="{_n(legend_x + 14)}" y="{_n(y + 9)}" font-size="10" fill="{INK}">'
            f"{text(_short(row.label, 24))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def radar(view: MatrixView, index: int) -> str:
    """One tool's share of each criterion's points (value ÷ points), as a radar.

    Axes are the "criterion" rows with points above 0 where this tool has a figure;
    with fewer than three there is no area to draw, and the page says so instead.
    """
    lang = view.lang
    name = view.tool_names[index]
    axes: list[tuple[str, Decimal, Decimal]] = []
    left_out: list[str] = []
    for row in view.rows:
        if row.kind != "criterion" or row.points is None or row.points <= 0:
            continue
        value = row.cells[index].value
        if value is None:
            left_out.append(row.label)
        else:
            axes.append((row.label, Decimal(value), row.points))
    if len(axes) < 3:
        skipped = translate("html.radar_skipped", lang, tool=name, count=len(axes))
        return f'<p class="chart-note radar-skipped">{text(skipped)}</p>'
    width, height, centre_x, centre_y = 440.0, 300.0, 220.0, 150.0
    title = translate("html.radar_title", lang, tool=name)
    lines = [
        translate(
            "html.radar_axis",
            lang,
            criterion=label,
            value=format_value(value, view.decimals),
            points=format_points(points),
            percent=f"{float(value / points) * 100:.0f}",
        )
        for label, value, points in axes
    ]
    if left_out:
        lines.append(translate("html.radar_left_out", lang, criteria=", ".join(left_out)))
    ident = f"radar-{index}"
    parts = [
        f'<svg class="radar" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'width="{_n(width)}" height="{_n(height)}">',
        f'<title id="{ident}-title">{text(title)}</title><desc id="{ident}-desc">{text("; ".join(lines))}</desc>',
    ]

    def point(axis: int, share: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * axis / len(axes)
        return centre_x + RADAR_RADIUS * share * math.cos(angle), centre_y + RADAR_RADIUS * share * math.sin(angle)

    for ring in (0.25, 0.5, 0.75, 1.0):
        ring_points = " ".join(f"{_n(x)},{_n(y)}" for x, y in (point(a, ring) for a in range(len(axes))))
        parts.append(f'<polygon points="{ring_points}" fill="none" stroke="#c8c8c8" stroke-width="0.8"/>')
    for axis, (label, _value, _points) in enumerate(axes):
        x, y = point(axis, 1.0)
        lx, ly = point(axis, 1.16)
        anchor = "middle" if abs(lx - centre_x) < 8 else ("start" if lx > centre_x else "end")
        parts.append(
            f'<line x1="{_n(centre_x)}" y1="{_n(centre_y)}" x2="{_n(x)}" y2="{_n(y)}" stroke="#b0b0b0" '
            'stroke-width="0.8"/>' + _label_text(label, lx, ly, anchor)
        )
    shares = [min(max(float(value / points), 0.0), 1.0) for _label, value, points in axes]
    shape = " ".join(f"{_n(x)},{_n(y)}" for x, y in (point(a, s) for a, s in enumerate(shares)))
    parts.append(
        f'<polygon class="shape" points="{shape}" fill="{PALETTE[2]}" fill-opacity="0.55" '
        f'stroke="{PALETTE[0]}" stroke-width="1.6"/>'
    )
    for axis, share in enumerate(shares):
        x, y = point(axis, share)
        parts.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="2.5" fill="{PALETTE[0]}"/>')
    parts.append("</svg>")
    return f"<figure><figcaption>{text(name)}</figcaption>{''.join(parts)}</figure>"


def charts(view: MatrixView) -> str:
    """The stacked bars and one radar per tool, as one block that is kept on one page when it fits."""
    lang = view.lang
    radars = "".join(radar(view, index) for index in range(len(view.tool_ids)))
    return (
        f'<section class="charts"><h2>{text(translate("html.charts", lang))}</h2>'
        f'{stacked_bars(view)}<div class="radars">{radars}</div></section>'
    )


# --- whole pages ---------------------------------------------------------------------


def generated_line(lang: Lang, now: datetime | None, zone: str | None = None) -> str:
    """When the page was made, in the reader's time zone (Japan time unless the plan names another)."""
    if now is None:
        return ""
    when = document_time(now, lang, zone)
    return f'<p class="meta">{text(translate("html.generated", lang, time=when, version=__version__))}</p>'


def _css_string(value: str) -> str:
    """Text as a CSS string literal in a <style> element: quotes, backslashes, breaks and <>& escaped,
    so a name such as "</style><script>" stays text."""
    escaped = "".join(c if c.isprintable() and c not in '"\\<>&' else f"\\{ord(c):x} " for c in value)
    return f'"{escaped}"'


def page_rule(title: str, date_text: str, *, landscape: bool = True) -> str:
    """The printed page: A4, the title and date in the bottom margin, and "n / N" page numbers."""
    size = "A4 landscape" if landscape else "A4"
    box = "font-family: sans-serif; font-size: 7.5pt; color: #444;"
    return (
        f"@page {{ size: {size}; margin: 12mm 10mm 14mm 10mm;\n"
        f"  @bottom-left {{ content: {_css_string(title)}; {box} }}\n"
        f'  @bottom-center {{ content: counter(page) " / " counter(pages); {box} }}\n'
        f"  @bottom-right {{ content: {_css_string(date_text)}; {box} }} }}\n"
    )


def approval_block(roles: Sequence[str], lang: Lang) -> str:
    """The 決裁欄: one box per role the plan names (e.g. 課長・係長・担当), left empty for seals or signatures."""
    if not roles:
        return ""
    head = "".join(f'<th scope="col">{text(role)}</th>' for role in roles)
    cells = "<td></td>" * len(roles)
    label = text(translate("html.approval", lang))
    return f'<table class="approval" aria-label="{label}"><tr>{head}</tr><tr>{cells}</tr></table>'


def page(
    title: str,
    lang: Lang,
    body: str,
    *,
    date_text: str = "",
    landscape: bool = True,
) -> str:
    """A complete HTML document around `body`: inline style, nothing loaded from elsewhere, A4 with page numbers."""
    rule = page_rule(title, date_text, landscape=landscape)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{text(title)}</title>\n<style>\n{rule}{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def matrix_section(view: MatrixView) -> str:
    """The matrix table with the notes that go with it (rule, rounding, provenance)."""
    return matrix_table(view) + notes_list(view.notes)


def render_html(
    view: MatrixView,
    *,
    now: datetime | None = None,
    with_charts: bool = True,
    zone: str | None = None,
    approval: Sequence[str] = (),
) -> str:
    """The comparison matrix as one self-contained HTML page, with its notes and charts.

    `now` (the moment of writing) is printed under the title, in `zone`'s time, when given;
    `approval` names the roles of the 決裁欄 printed beside the title.
    """
    view = safe_view(view)
    title = f"<div><h1>{text(view.title)}</h1>{generated_line(view.lang, now, zone)}</div>"
    body = f"<header>{title}{approval_block(approval, view.lang)}</header>\n"
    body += f"<main>{matrix_section(view)}{charts(view) if with_charts else ''}</main>"
    date_text = document_date(local(now, zone).date(), view.lang) if now is not None else ""
    return page(view.title, view.lang, body, date_text=date_text)
