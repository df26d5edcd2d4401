"""One writer per format for any `Document` (toolbench.documents.model).

The registry maps a format to the private module that writes it; a writer module is
loaded the first time its format is asked for (like tablib's format registry), so that
printing a table never loads openpyxl, and writing a workbook never loads rich.

    write(document, "html")  -> bytes of a self-contained page
    write(document, "csv", encoding="cp932")
    format_for(Path("out.xlsx"), None) -> "xlsx"
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Final, Protocol, cast

from toolbench.base.errors import OutputError
from toolbench.base.i18n import Lang
from toolbench.documents.matrix import matrix_document, matrix_view
from toolbench.documents.model import Document
from toolbench.documents.results import matrix_data

if TYPE_CHECKING:
    from rich.console import RenderableType

    from toolbench.methods.evaluation import Evaluation

FORMATS: Final = ("table", "markdown", "csv", "json", "html", "xlsx")
"""Every format a document can be written in; `table` is the terminal's."""

_MODULES: Final = {
    "table": "to_terminal",
    "markdown": "to_markdown",
    "csv": "to_csv",
    "json": "to_json",
    "html": "to_html",
    "xlsx": "to_xlsx",
}

SUFFIXES: Final = {
    ".txt": "table",
    ".md": "markdown",
    ".markdown": "markdown",
    ".csv": "csv",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".xlsx": "xlsx",
}
"""The format a file name asks for by its suffix (`-o matrix.xlsx`)."""


class _Writer(Protocol):
    def write(self, document: Document, *, width: int, encoding: str) -> bytes: ...


class _Terminal(Protocol):
    def renderable(self, document: Document, names: Iterable[str] = ()) -> RenderableType: ...


def plan_names(plan: object) -> list[str]:
    """Every tool, criterion, evaluator and department name of a plan, in both languages.

    For `renderable(document, names=...)`: the terminal keeps these whole where it wraps.
    """
    names: list[str] = []
    for part in ("tools", "criteria", "evaluators", "departments"):
        items = getattr(plan, part, ()) or ()
        for item in items.values() if isinstance(items, dict) else items:
            name = getattr(item, "name", None)
            for lang in ("ja", "en"):
                text = name if isinstance(name, str) else getattr(name, lang, None)
                if isinstance(text, str) and text:
                    names.append(text)
    return names


def writer(fmt: str) -> _Writer:
    """The module that writes `fmt` (OutputError for a format no writer knows)."""
    name = _MODULES.get(fmt)
    if name is None:
        raise OutputError("report.unknown_format", value=fmt)
    return cast(_Writer, importlib.import_module(f"{__name__}.{name}"))


def renderable(document: Document, names: Iterable[str] = ()) -> RenderableType:
    """The document for a live terminal (rich loads here, only when a table is shown).

    `names` (the plan's tool, criterion and evaluator names) are never split where text wraps.
    """
    terminal = cast(_Terminal, importlib.import_module(f"{__name__}.to_terminal"))
    return terminal.renderable(document, names)


def write(document: Document, fmt: str, *, width: int = 120, encoding: str = "utf-8") -> bytes:
    """The document as the bytes of a file in `fmt` (text formats in UTF-8; CSV with BOM, or CP932)."""
    return writer(fmt).write(document, width=width, encoding=encoding)


def render(evaluation: Evaluation, fmt: str, lang: Lang, width: int = 120) -> str:
    """The comparison matrix of an evaluation as text in `fmt` (table, markdown, csv, json, html; CSV without BOM)."""
    if not is_text(fmt):
        raise OutputError("output.format_not_offered", fmt=fmt, formats=", ".join(f for f in FORMATS if is_text(f)))
    document = matrix_document(matrix_view(evaluation, lang), matrix_data(evaluation))
    return write(document, fmt, width=width).decode("utf-8-sig")


def format_for(output: Path | None, fmt: str | None, *, allowed: tuple[str, ...] = FORMATS) -> str:
    """The format to write: `--format` if given, else the suffix of `-o FILE`, else the terminal table.

    A suffix that contradicts `--format` is an error, and so is a suffix no format has
    when `--format` is not given: a file named .xlsx always holds a workbook.
    """
    by_suffix = SUFFIXES.get(output.suffix.lower()) if output is not None else None
    if fmt is None:
        if output is not None and output.suffix and by_suffix is None:
            raise OutputError("output.unknown_suffix", path=str(output), formats=", ".join(sorted(SUFFIXES)))
        fmt = by_suffix or "table"
    elif by_suffix is not None and by_suffix != fmt and not (fmt == "table" and by_suffix == "table"):
        raise OutputError("output.suffix_mismatch", path=str(output), fmt=fmt, suffix_fmt=by_suffix)
    if fmt not in allowed:
        raise OutputError("output.format_not_offered", fmt=fmt, formats=", ".join(allowed))
    return fmt


def is_text(fmt: str) -> bool:
    """Whether the format is text a terminal can show (not a workbook)."""
    return fmt != "xlsx"


write_document = write
"""`write` under the name the package exports (`toolbench.write_document`)."""
