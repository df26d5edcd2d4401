"""What every command shares: the workspace it runs in, the language, output writing."""

from __future__ import annotations

import getpass
import os
import sys
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from rich.console import Console

from toolbench.base.errors import OutputError
from toolbench.base.files import atomic_write, atomic_write_bytes
from toolbench.base.i18n import Lang, detect_lang, translate
from toolbench.base.paths import PLAN_FILE, find_root
from toolbench.documents.model import Document, anchor_line
from toolbench.renderers.writers import FORMATS, format_for, plan_names, renderable, write
from toolbench.workspace import snapshot

if TYPE_CHECKING:
    from toolbench.store.ledger import Event
    from toolbench.workspace.workspace import Workspace

F = TypeVar("F", bound=Callable[..., Any])

TEXT_FORMATS = ("table", "markdown", "csv", "json")
"""The formats every command that prints a table offers."""


def format_option(*extra: str) -> Callable[[F], F]:
    """The one `--format` choice: the text formats, plus e.g. xlsx and html where a command renders them."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice([*TEXT_FORMATS, *extra]),
        default="table",
        show_default=True,
        help="Output format.",
    )


FORMAT_OPTION = format_option()
DOCUMENT_FORMAT_OPTION = click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default=None,
    help="Output format (default: from the suffix of -o FILE — .txt .md .csv .json .html .xlsx — else the table).",
)
"""The `--format` of a command that shows a document: every format, chosen by -o's suffix when not given."""
ENCODING_OPTION = click.option(
    "--encoding",
    type=click.Choice(["utf-8", "cp932"]),
    default="utf-8",
    show_default=True,
    help="Encoding of CSV: UTF-8 with BOM, or CP932 (Shift_JIS as Windows writes it) for older systems; "
    "a character CP932 cannot hold is reported with its cell, never replaced.",
)
OUTPUT_OPTION = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=True, path_type=Path),
    default=None,
    help="Write to this file instead of the terminal (written whole or not at all).",
)


@dataclass
class State:
    """Options of the top-level command and the workspace, opened on first use."""

    directory: str | None
    lang_option: str | None
    _workspace: Workspace | None = field(default=None, repr=False)

    def workspace(self) -> Workspace:
        if self._workspace is None:
            from toolbench.workspace.workspace import Workspace  # lazy: pydantic (the plan models)

            self._workspace = Workspace.open(self.directory)
        return self._workspace

    _plan_lang: str | None = field(default=None, repr=False)

    @property
    def lang(self) -> Lang:
        if self._workspace is not None:
            return detect_lang(self.lang_option, self._workspace.plan.evaluation.language)
        if self.lang_option is None and self._plan_lang is None:
            self._plan_lang = _peek_plan_language(self.directory)
        return detect_lang(self.lang_option, self._plan_lang or None)

    def close(self) -> None:
        if self._workspace is not None:
            self._workspace.close()
            self._workspace = None


def _peek_plan_language(directory: str | None) -> str:
    """The plan's `[evaluation] language`, read cheaply before the workspace is opened ("" if none)."""
    try:
        root = find_root(Path(directory or "."))
        data = tomllib.loads((root / PLAN_FILE).read_text(encoding="utf-8-sig"))
        language = data.get("evaluation", {}).get("language", "ja")
    except Exception:  # noqa: BLE001 - no workspace, unreadable plan: the locale decides, the command reports it
        return ""
    return language if language in ("ja", "en") else ""


def default_actor() -> str:
    """Who is recording: TOOLBENCH_ACTOR, else the login name."""
    explicit = os.environ.get("TOOLBENCH_ACTOR", "").strip()
    if explicit:
        return explicit
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def console() -> Console:
    """The terminal: colour and bold only when stdout is a terminal, and no styling at all with NO_COLOR.

    rich alone would keep bold, italic and dim under NO_COLOR (it drops colour only);
    no colour system means no escape sequence whatever (https://no-color.org).
    """
    if os.environ.get("NO_COLOR"):
        return Console(highlight=False, soft_wrap=False, color_system=None, no_color=True)
    return Console(highlight=False, soft_wrap=False)


def emit(text: str, output: Path | None, *, bom: bool = False, lang: Lang = "en") -> None:
    """Print `text`, or write it to `output` atomically (with a UTF-8 BOM when asked)."""
    if output is None:
        if bom:
            sys.stdout.buffer.write("\ufeff".encode())
            sys.stdout.flush()
        click.echo(text, nl=False)
        return
    if output.is_dir():
        raise OutputError("output.exists_dir", path=str(output))
    try:
        atomic_write(output, ("\ufeff" if bom else "") + text)
    except OSError as error:
        raise OutputError("output.write", path=str(output), reason=error.strerror or str(error)) from None
    click.echo(translate("written", lang, path=output), err=True)


def emit_bytes(data: bytes, output: Path | None, *, lang: Lang = "en") -> None:
    """Write `data` as it is to stdout, or to `output` atomically (an encoded CSV, a workbook)."""
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    if output.is_dir():
        raise OutputError("output.exists_dir", path=str(output))
    try:
        atomic_write_bytes(output, data)
    except OSError as error:
        raise OutputError("output.write", path=str(output), reason=error.strerror or str(error)) from None
    click.echo(translate("written", lang, path=output), err=True)


def as_filed(document: Document, workspace: Workspace, head: Event | None, lang: Lang) -> Document:
    """The document as its workspace files it: the plan's time zone and approval block, and the anchor.

    The anchor (plan hash and ledger head `head`) is what `audit verify --head` checks later;
    the log lists the events themselves (and while blind withholds their hashes), so it has none.
    """
    info = workspace.plan.evaluation
    document = replace(document, time_zone=info.time_zone, approval=tuple(info.approval))
    anchor = anchor_line(lang, workspace.plan.hash, head.seq if head else 0, head.hash if head else None)
    if document.kind != "log" and not any(anchor in line for line in document.provenance):
        document = replace(document, provenance=(*document.provenance, anchor))
    return document


def show_document(
    document: Document,
    fmt: str | None,
    output: Path | None,
    lang: Lang,
    *,
    encoding: str = "utf-8",
    workspace: Workspace | None = None,
) -> None:
    """Show a document on the terminal, or write it to `output` in the format asked for or named by its suffix.

    With the `workspace` it came from, the document carries the plan's hash and the
    ledger head it was made from (an anchor `audit verify --head` can check later),
    the plan's time zone and its approval block.
    """
    fmt = format_for(output, fmt)
    if document.generated is None:  # a printed document says when it was made
        document = replace(document, generated=datetime.now(UTC))
    if workspace is not None:
        document = as_filed(document, workspace, workspace.ledger.head(), lang)
    if encoding != "utf-8" and fmt != "csv":
        raise click.UsageError(translate("encoding.only_csv", lang))
    if fmt == "table" and output is None:
        names = plan_names(workspace.plan) if workspace is not None else ()  # never split where text wraps
        console().print(renderable(document, names))
        return
    if fmt == "xlsx" and output is None:
        raise click.UsageError(translate("xlsx.needs_output", lang))
    emit_bytes(write(document, fmt, encoding=encoding), output, lang=lang)


def show_kept(
    state: State, kind: str, options: Sequence[str], fmt: str | None, output: Path | None, encoding: str
) -> bool:
    """Show the document kept for the workspace as it is now; False when there is none to show.

    What is shown is what `show_document` showed when the document was computed (its
    time zone, approval block and anchor were applied then), made now.
    """
    kept = snapshot.lookup_document(state.directory, state.lang_option, kind, options)
    if kept is None:
        return False
    if format_for(output, fmt) == "table" and output is None and encoding == "utf-8":
        # as `show_document` prints a table, with the plan's names it no longer has
        console().print(renderable(replace(kept.document, generated=datetime.now(UTC)), kept.names))
    else:
        show_document(kept.document, fmt, output, state.lang, encoding=encoding)
    return True


def keep(
    workspace: Workspace, head: Event | None, kind: str, options: Sequence[str], document: Document, lang: Lang
) -> None:
    """Keep `document`, computed at ledger `head`, as `show_document` shows it for `workspace`.

    Nothing is kept when another writer appended while it was computed.
    """
    now = workspace.ledger.head()
    if (now.hash if now else None) != (head.hash if head else None):
        return
    shown = as_filed(document, workspace, head, lang)
    snapshot.store_document(
        workspace.root,
        workspace.plan.hash,
        head.seq if head else 0,
        head.hash if head else None,
        kind,
        options,
        snapshot.Kept(shown, tuple(plan_names(workspace.plan))),
    )


def formats_option(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    """The callback of a `--format xlsx,html,csv` option of a command that writes a folder of files."""
    from toolbench.workspace.reports import parse_formats  # lazy: pydantic (the workspace), for folders only

    try:
        return parse_formats(value)
    except OutputError as error:
        state = ctx.find_object(State)
        raise click.BadParameter(error.message(state.lang if state else "en")) from None


SHEET_FORMAT_OPTION = click.option(
    "--format",
    "fmt",
    type=click.Choice(["xlsx", "csv"]),
    default=None,
    help="xlsx or csv (default: from the -o file name, else csv).",
)
"""`--format` of a form someone fills in (a score sheet, a 適合表): a workbook or a CSV file."""

SHEET_OUTPUT_OPTION = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=True, path_type=Path),
    default=None,
    help="Write to this file (written whole or not at all); CSV goes to the terminal without it.",
)
