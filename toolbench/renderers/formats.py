"""One renderer per output format, all fed the same MatrixView (JSON reads the Evaluation).

table     rich table for the terminal (render/table.py)
markdown  a pipe table and the notes as a list
csv       UTF-8 with BOM by default so Japanese Excel opens it; text that Excel would
          run as a formula is neutralised, numbers stay numbers
json      the stable schema documented in docs/json-schema.md
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import TYPE_CHECKING, Any, Final

from toolbench.base.display import displayable
from toolbench.base.i18n import translate
from toolbench.documents.matrix import format_points, format_value
from toolbench.documents.model import MatrixView
from toolbench.renderers.safe import json_safe, safe_view

if TYPE_CHECKING:
    pass

FORMATS: Final = ("table", "markdown", "csv", "json")

# Excel treats a cell starting with one of these as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?|-")


def formula_like(text: str) -> bool:
    """Whether spreadsheet software would run `text` as a formula if it were typed into a cell."""
    return text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text)


def neutralise(text: str) -> str:
    """Make a text cell inert in spreadsheet software by prefixing an apostrophe.

    A plain signed number (-2.5) or a lone dash (the "none" placeholder) is left as it
    is: a spreadsheet reads it as a number or a dash, never as a formula. The CSV
    writers make every text displayable before (`toolbench.renderers.safe`).
    """
    return "'" + text if formula_like(text) else text


# --- markdown --------------------------------------------------------------------------


_MARKDOWN: Final = str.maketrans(
    {
        "\\": "\\\\",
        "|": "\\|",  # would end the cell
        "`": "\\`",  # would open code that runs over the cell's end
        "[": "\\[",  # would open a link: [text](http://elsewhere)
        "]": "\\]",
        "<": "&lt;",  # raw HTML and <http://…> autolinks stay text in every viewer
        "&": "&amp;",  # so does an entity such as &#x202e;
        "\n": " ",  # would end the row
    }
)


def markdown_text(text: str) -> str:
    """Any text as inert Markdown that fits in one table cell or list item: shown as typed, never as markup.

    Control and bidi characters (a carriage return included) are written visibly first.
    """
    return displayable(text).translate(_MARKDOWN)


_md = markdown_text


def render_markdown(view: MatrixView) -> str:
    view = safe_view(view)
    lines = [f"# {_md(view.title)}", ""]
    header = [translate("m.criterion", view.lang), translate("m.points", view.lang), *view.tool_names]
    lines.append("| " + " | ".join(_md(h) for h in header) + " |")
    lines.append("|" + "---|" + "---:|" * (len(header) - 1))
    for row in view.rows:
        if row.kind == "group":
            lines.append(f"| **{_md(row.label)}** |" + " |" * (len(header) - 1))
            continue
        cells = []
        for cell in row.cells:
            if "missing" in cell.flags:
                cells.append(_md(cell.detail or "—"))
                continue
            text = format_value(cell.value, view.decimals)
            if "provisional" in cell.flags:
                text += "\\*"
            extra = [cell.detail, *cell.notes] if cell.detail or cell.notes else []
            if extra:
                text += " (" + "; ".join(_md(e) for e in extra if e) + ")"
            cells.append(text)
        label = _md(row.label) if row.kind == "criterion" else f"**{_md(row.label)}**"
        points = format_points(row.points)
        lines.append("| " + " | ".join([label, points, *cells]) + " |")
    lines.append("")
    lines.extend(f"- {_md(note)}" for note in view.notes)
    return "\n".join(lines) + "\n"


# --- csv -------------------------------------------------------------------------------


# Levels joined by slashes at the start of a cell ("4/4/5", "4/3") are a date to a
# spreadsheet: Excel and LibreOffice read 4/4/5 as 2004-04-05 in a Japanese locale.
# Spaced ("4 / 4 / 5") they stay text everywhere; the terminal keeps the compact form.
_SLASHED = re.compile(r"[^\s/]+(?:/[^\s/]+)+")


def _never_a_date(detail: str) -> str:
    found = _SLASHED.match(detail)
    return detail if found is None else found.group().replace("/", " / ") + detail[found.end() :]


def render_csv(view: MatrixView) -> str:
    """Rows of the matrix; per tool a number column and a text column beside it.

    The text column holds the cell's detail and notes ("4 / 4 / 5; 合議"), written so
    that no spreadsheet reads it as a date. An English file keeps each row's id beside
    its name; a Japanese one names rows only in Japanese (the ids are in the JSON).
    """
    view = safe_view(view)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    lang = view.lang
    with_ids = lang != "ja"
    header = [translate("m.group", lang), *(["id"] if with_ids else []), translate("m.criterion", lang)]
    header.append(translate("m.points", lang))
    for name in view.tool_names:
        header += [name, f"{name} {translate('m.notes', lang)}"]
    writer.writerow([neutralise(h) for h in header])
    group = ""
    for row in view.rows:
        if row.kind == "group":
            group = row.label
            continue
        record: list[str] = [
            neutralise(group if row.kind in ("criterion", "subtotal") else ""),
            *([neutralise(row.key)] if with_ids else []),
            neutralise(row.label),
            format_points(row.points) if row.kind != "rank" else "",
        ]
        for cell in row.cells:
            record.append(format_value(cell.value, view.decimals))
            words = [w for w in (_never_a_date(cell.detail), *cell.notes) if w]
            record.append(neutralise("; ".join(words)))
        writer.writerow(record)
    for note in view.notes:
        writer.writerow([neutralise(translate("m.notes", lang)), *([""] if with_ids else []), neutralise(note)])
    return out.getvalue()


# --- json ------------------------------------------------------------------------------


def json_text(data: dict[str, Any]) -> str:
    """Data as JSON; control and bidi characters in its strings written as escapes (the same text when read)."""
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"
