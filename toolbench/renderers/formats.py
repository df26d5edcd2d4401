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

from toolbench.base.i18n import translate
from toolbench.documents.matrix import format_points, format_value
from toolbench.documents.model import MatrixView

if TYPE_CHECKING:
    pass

FORMATS: Final = ("table", "markdown", "csv", "json")

# Excel treats a cell starting with one of these as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?|-")


def neutralise(text: str) -> str:
    """Make a text cell inert in spreadsheet software by prefixing an apostrophe.

    A plain signed number (-2.5) or a lone dash (the "none" placeholder) is left as it
    is: a spreadsheet reads it as a number or a dash, never as a formula.
    """
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


# --- markdown --------------------------------------------------------------------------


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(view: MatrixView) -> str:
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
        label = row.label if row.kind == "criterion" else f"**{row.label}**"
        points = format_points(row.points)
        lines.append("| " + " | ".join([_md(label), points, *cells]) + " |")
    lines.append("")
    lines.extend(f"- {_md(note)}" for note in view.notes)
    return "\n".join(lines) + "\n"


# --- csv -------------------------------------------------------------------------------


def render_csv(view: MatrixView) -> str:
    """Rows of the matrix; per tool a number column and a text column beside it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    lang = view.lang
    header = [translate("m.group", lang), "id", translate("m.criterion", lang), translate("m.points", lang)]
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
            neutralise(row.key),
            neutralise(row.label),
            format_points(row.points) if row.kind != "rank" else "",
        ]
        for cell in row.cells:
            record.append(format_value(cell.value, view.decimals))
            words = [w for w in (cell.detail, *cell.notes) if w]
            record.append(neutralise(" / ".join(words)))
        writer.writerow(record)
    for note in view.notes:
        writer.writerow([neutralise(translate("m.notes", lang)), "", neutralise(note)])
    return out.getvalue()


# --- json ------------------------------------------------------------------------------


def json_text(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
