"""Requirement fit tables (機能要件適合表) as files: the form a proposer fills in, and reading it back.

A template holds a metadata block, the instructions, a header row and one row per
requirement of the plan's list (in the list's order):

    A1  機能要件適合表 — <the evaluation's title>
    A2  提案者            B2  <the tool's vendor>
    A3  製品名            B3  <the tool's name>
    A4  提案者ID          B4  <the tool's id>            (whose answers these are)
    A5  様式              B5  toolbench.fit/1            (what kind of file this is)
    A6  計画ハッシュ      B6  the plan hash, first 12 characters
    A7  作成日時 (UTC)    B7  when the template was made
    A8  記入方法: ○ standard, △ alternative …, × not possible, － not applicable
    A10 要件ID | 区分 | 要件 | 優先度 | 回答 | 備考
    A11 <requirement id> | category | text | priority | (answer) | (remarks)

The workbook is protected except the 回答 and 備考 cells (a locked layout, no password:
the import checks every cell anyway), offers ○ △ × － as a list on 回答, keeps every
cell as text (an id such as 1-01 never becomes a date) and prints on A4. CSV is UTF-8
with a BOM (CP932 on request) and formula-safe.

Reading back (`import_answers`) finds the labels in either language, the header row by
its 要件ID label and the columns by their headings, so a file whose columns were moved
or widened still reads. Every problem is named by the file's row and column letter and
reported together; nothing is recorded unless the whole file is good. What vendors do
to such a file is taken as it is meant: full-width ○ or ×, 〇, blank rows, spaces around
a value, CSV saved by Excel in CP932 (detected), a text whose 〜 or － came back from
CP932 as its look-alike.
"""

from __future__ import annotations

import csv
import hashlib
import io
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

from toolbench.base.cells import column_letters
from toolbench.base.display import displayable
from toolbench.base.i18n import LANGS, Lang, Message, translate
from toolbench.base.numbers import plain
from toolbench.base.times import document_date, local, utc_stamp
from toolbench.documents.model import Document, Figure, Section, Table, Value
from toolbench.methods.fit import FIT_KINDS, fit_cell, fit_criteria, fit_state
from toolbench.model.plan import FitRequirement, Plan, Tool
from toolbench.renderers.encoding import encode_csv
from toolbench.renderers.formats import formula_like, neutralise
from toolbench.renderers.sheet_layout import default_font, display_width, layout
from toolbench.workspace.fit import FitError, FitRowsError
from toolbench.workspace.tabular import WORKBOOK_SUFFIXES, Grid, TableError, cell_name, read_table

if TYPE_CHECKING:
    from toolbench.store.ledger import Event
    from toolbench.workspace.workspace import Workspace

__all__ = [
    "ANSWER_CHOICES",
    "FIT_FORMAT",
    "AnswerRow",
    "FitAnswers",
    "FitImport",
    "FitTemplate",
    "TemplateFormat",
    "answer_marks",
    "fit_list_document",
    "import_answers",
    "read_answers",
    "render_csv",
    "render_xlsx",
    "template_layout",
    "write_template",
]

FIT_FORMAT: Final = "toolbench.fit/1"
"""Written beside the 様式 label: how a fit table of this kind (and its layout version) is recognised."""

ANSWER_CHOICES: Final = ("○", "△", "×", "－")
"""What the template offers in the 回答 list. Not applicable is the full-width hyphen-minus (U+FF0D):
the one dash CP932 carries exactly, so a template saved by Excel as CSV reads back as it was written."""

TemplateFormat = Literal["xlsx", "csv"]

_META: Final = ("vendor", "product", "tool", "kind", "plan", "generated")
_COLUMNS: Final = ("id", "category", "text", "priority", "answer", "remarks")
_NEEDED: Final = ("id", "text", "answer", "remarks")
"""The columns an import cannot do without (区分 and 優先度 are shown for the proposer only)."""
_SUFFIXES: Final = (*WORKBOOK_SUFFIXES, ".csv")
_SHOWN_PROBLEMS: Final = 50
# what CP932 gives back for a character it has no exact place for (〜 → ～ and the like), after NFKC
_LOOKALIKES: Final = str.maketrans({"〜": "~", "−": "-", "—": "―", "‖": "∥"})


def _label(key: str, lang: Lang) -> str:
    return translate(f"fsheet.label.{key}", lang)


def _heading(key: str, lang: Lang) -> str:
    return translate(f"fsheet.col.{key}", lang)


def _labels(key: str) -> set[str]:
    """A label as read back: either language, full-width or not, any case."""
    return {_fold(translate(key, lang)) for lang in LANGS}


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


def _priority(plan: Plan, requirement: FitRequirement, lang: Lang) -> str:
    name = plan.fit.priorities.get(requirement.priority)
    return name.get(lang) if name is not None else requirement.priority


# --- the template (pure) -------------------------------------------------------------------


@dataclass(frozen=True)
class FitTemplate:
    """Every cell of one proposer's fit table, before it becomes XLSX or CSV bytes."""

    rows: tuple[tuple[str, ...], ...]
    header_row: int
    """1-based row of the column headings."""
    instructions_row: int
    requirements: tuple[str, ...]
    tab: str
    title: str
    date_text: str
    """The date the footer of a printed page shows (和暦 in Japanese)."""
    lang: Lang

    @property
    def first_row(self) -> int:
        return self.header_row + 1

    @property
    def last_row(self) -> int:
        return self.header_row + len(self.requirements)


def _tool(plan: Plan, tool: str) -> Tool:
    found = plan.tool(tool)
    if found is None:
        raise FitError("fit.unknown_tool", tool=tool, known=", ".join(t.id for t in plan.tools))
    if not plan.requirements:
        raise FitError("fsheet.no_requirements")
    return found


def template_layout(plan: Plan, tool: str, lang: Lang, generated_at: datetime) -> FitTemplate:
    """The cells of `tool`'s fit table: its metadata, the instructions and one empty answer row per requirement."""
    proposer = _tool(plan, tool)
    title = translate("fsheet.title", lang, title=plan.evaluation.title.get(lang))
    meta = {
        "vendor": proposer.vendor,
        "product": proposer.name.get(lang),
        "tool": proposer.id,
        "kind": FIT_FORMAT,
        "plan": plan.hash[:12],
        "generated": utc_stamp(generated_at),
    }
    rows: list[tuple[str, ...]] = [(title,)]
    rows.extend((_label(key, lang), meta[key]) for key in _META)
    marks = dict(zip(("yes", "partial", "no", "na"), ANSWER_CHOICES, strict=True))
    rows.append((translate("fsheet.how", lang, **marks),))
    instructions_row = len(rows)
    rows.append(())
    rows.append(tuple(_heading(key, lang) for key in _COLUMNS))
    header_row = len(rows)
    for requirement in plan.requirements:
        category = requirement.category.get(lang) if requirement.category is not None else ""
        rows.append((requirement.id, category, requirement.text.get(lang), _priority(plan, requirement, lang), "", ""))
    day = local(generated_at, plan.evaluation.time_zone).date()
    return FitTemplate(
        rows=tuple(tuple(displayable(value) for value in row) for row in rows),
        header_row=header_row,
        instructions_row=instructions_row,
        requirements=tuple(r.id for r in plan.requirements),
        tab=_label("tab", lang),
        title=displayable(title),
        date_text=document_date(day, lang),
        lang=lang,
    )


def render_csv(template: FitTemplate, encoding: str = "utf-8") -> bytes:
    """The table as CSV: UTF-8 with a BOM (or CP932, every character it cannot hold named), text made formula-safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in template.rows:
        writer.writerow([neutralise(value) for value in row])
    return encode_csv(out.getvalue(), encoding)


_WIDTHS: Final = {"answer": 8.0, "remarks": 40.0}
"""The input columns' widths: room for one mark, and for a remark to wrap in."""


def render_xlsx(template: FitTemplate) -> bytes:
    """The table as a workbook laid out for A4, its layout locked except the 回答 and 備考 cells."""
    from openpyxl import Workbook  # lazy: openpyxl is heavy, loaded only when a workbook is written
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # lazy: openpyxl, only for workbooks
    from openpyxl.styles import Alignment, PatternFill, Protection  # lazy: openpyxl, only for workbooks
    from openpyxl.worksheet.datavalidation import DataValidation  # lazy: openpyxl, only for workbooks

    book = Workbook()
    default_font(book)
    sheet = book.active
    sheet.title = template.tab[:31]
    for r, row in enumerate(template.rows, start=1):
        for c, value in enumerate(row, start=1):
            if not value:
                continue
            cell = sheet.cell(row=r, column=c, value=ILLEGAL_CHARACTERS_RE.sub("", value))
            cell.data_type = "s"  # text stays text: "=…" is never run, "1-01" never becomes a date
            cell.number_format = "@"
    first, last = template.first_row, template.last_row
    layout(
        sheet,
        title=template.title,
        date_text=template.date_text,
        page_label=translate("xlsx.page", template.lang, page="{page}", pages="{pages}"),
        header_row=template.header_row,
        table_end=last,
        text_rows=(template.instructions_row,),
    )
    answer = _COLUMNS.index("answer") + 1
    remarks = _COLUMNS.index("remarks") + 1
    for key, width in _WIDTHS.items():
        sheet.column_dimensions[column_letters(_COLUMNS.index(key) + 1)].width = width
    labels = range(2, template.instructions_row)
    widest = max(display_width(str(sheet.cell(row=r, column=1).value or "")) for r in labels)
    first_column = sheet.column_dimensions["A"]
    first_column.width = max(first_column.width or 0, widest + 2)  # a label prints whole, on one line
    for r in labels:  # a value beside its label spans the table: a long name fits
        sheet.merge_cells(start_row=r, start_column=2, end_row=r, end_column=len(_COLUMNS))
        for c in (1, 2):
            sheet.cell(row=r, column=c).alignment = Alignment(vertical="top")
    to_fill = PatternFill("solid", fgColor="FFF8DC")
    for r in range(first, last + 1):
        for c in (answer, remarks):
            cell = sheet.cell(row=r, column=c)
            cell.protection = Protection(locked=False)
            cell.fill = to_fill
            cell.number_format = "@"  # what is typed stays text: a remark "4/1" is not a date
            cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="center" if c == answer else None)
    if last >= first:
        listed = DataValidation(
            type="list",
            formula1='"' + ",".join(ANSWER_CHOICES) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",  # a warning, not a stop: 〇 or a full-width × is read all the same
            showInputMessage=True,
            promptTitle=_heading("answer", template.lang)[:32],
            prompt=" ".join(ANSWER_CHOICES),
        )
        listed.add(f"{cell_name(first, answer)}:{cell_name(last, answer)}")
        sheet.add_data_validation(listed)
    sheet.freeze_panes = cell_name(first, 1)
    protection = sheet.protection
    protection.sheet = True
    protection.formatColumns = False  # widening a column or a row stays allowed
    protection.formatRows = False
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_template(
    workspace: Workspace,
    tool: str,
    fmt: TemplateFormat = "xlsx",
    lang: Lang | None = None,
    *,
    encoding: str = "utf-8",
    now: datetime | None = None,
) -> bytes:
    """`tool`'s fit table to fill in, as XLSX or CSV bytes (in the plan's language unless `lang`)."""
    plan = workspace.plan
    lang = lang or plan.evaluation.language
    template = template_layout(plan, tool, lang, now or datetime.now(UTC))
    if fmt == "csv":
        return render_csv(template, encoding)
    return render_xlsx(template)


# --- reading a filled-in table ---------------------------------------------------------------


@dataclass(frozen=True)
class _Problem:
    """One thing wrong, where it is: a cell (its row and column letter) or a whole column (row 0)."""

    row: int
    column: int
    heading: str
    """The key of the column's heading (id, answer …) or, above the table, of the cell's label (tool)."""
    message: Message

    def line(self) -> Message:
        letters = column_letters(self.column)
        if self.row:
            return Message(
                "fsheet.at_cell",
                row=self.row,
                column=letters,
                heading=self._heading(),
                problem=self.message,
            )
        return Message("fsheet.at_column", column=letters, heading=self._heading(), problem=self.message)

    def _heading(self) -> Message:
        kind = "col" if self.heading in _COLUMNS else "label"
        return Message(f"fsheet.{kind}.{self.heading}")


@dataclass
class _Problems:
    file: str
    items: list[_Problem] = field(default_factory=list)

    def add(self, row: int, column: int, heading: str, key: str, **params: object) -> None:
        self.items.append(_Problem(row, column, heading, Message(key, **params)))

    def raise_if_any(self, tool: str) -> None:
        if not self.items:
            return
        ordered = sorted(self.items, key=lambda p: (p.row == 0, p.row, p.column))
        if len(ordered) == 1:
            raise FitError("fsheet.problem", file=self.file, tool=tool, problem=ordered[0].line())
        lines = [Message("fsheet.line", line=p.line()) for p in ordered[:_SHOWN_PROBLEMS]]
        if len(ordered) > _SHOWN_PROBLEMS:
            lines.append(Message("fsheet.more", count=len(ordered) - _SHOWN_PROBLEMS))
        raise FitError("fsheet.problems", file=self.file, tool=tool, count=len(ordered), problems=tuple(lines))


@dataclass(frozen=True)
class AnswerRow:
    """One requirement's row as the file has it."""

    requirement: str
    row: int
    answer: str
    remarks: str


@dataclass(frozen=True)
class FitAnswers:
    """What a filled-in fit table says: whose answers, and each requirement's row."""

    file: str
    tool: str
    plan_hash: str
    """As written in the file (first 12 characters); may be empty."""
    generated_at: str
    rows: tuple[AnswerRow, ...]
    answer_column: int
    remarks_column: int

    def answers(self) -> dict[str, tuple[str, str]]:
        """requirement id → (answer as written, remarks), as `Fitting.record_answers` takes them."""
        return {r.requirement: (r.answer, r.remarks) for r in self.rows}

    def row_of(self, requirement: str) -> int:
        return next((r.row for r in self.rows if r.requirement == requirement), 0)


def _read_grid(path: Path, file: str) -> Grid:
    if path.suffix.lower() not in _SUFFIXES:
        raise FitError("fsheet.bad_suffix", file=file)
    try:
        return read_table(path, marker=("B5", FIT_FORMAT))
    except TableError as error:
        if error.bounded:
            key, params = error.message(file)
            raise FitError(key, **params) from None
        if error.kind == "encoding":
            raise FitError("fsheet.encoding", file=file) from None
        raise FitError("fsheet.unreadable", file=file, reason=error.reason) from None


@dataclass
class _Layout:
    header_row: int
    columns: dict[str, int]
    meta: dict[str, tuple[int, str]]
    """key → (row, value) of the metadata block above the header."""


def _find_layout(grid: Grid, file: str) -> _Layout:
    """The header row (the first holding the 要件ID label), its columns, and the metadata above it."""
    headings = {key: _labels(f"fsheet.col.{key}") for key in _COLUMNS}
    header_row = 0
    for r, row in enumerate(grid.rows, start=1):
        if any(_fold(cell.text) in headings["id"] for cell in row):
            header_row = r
            break
    meta_labels = {label: key for key in _META for label in _labels(f"fsheet.label.{key}")}
    meta: dict[str, tuple[int, str]] = {}
    for r in range(1, (header_row or len(grid.rows) + 1)):
        key = meta_labels.get(_fold(grid.at(r, 1).text))
        if key is not None and key not in meta:
            meta[key] = (r, grid.at(r, 2).text)
    kind = meta.get("kind", (0, ""))[1]
    if kind != FIT_FORMAT:
        if grid.at(1, 2).text.startswith("toolbench.sheet/"):
            detail = Message("fsheet.detail.score_sheet")
        else:
            detail = Message("fsheet.detail.marker", label=Message("fsheet.label.kind"), marker=FIT_FORMAT)
        raise FitError("fsheet.not_a_table", file=file, detail=detail)
    if not header_row:
        detail = Message("fsheet.detail.header", label=Message("fsheet.col.id"))
        raise FitError("fsheet.not_a_table", file=file, detail=detail)
    columns: dict[str, int] = {}
    for c, cell in enumerate(grid.rows[header_row - 1], start=1):
        folded = _fold(cell.text)
        key = next((k for k in _COLUMNS if folded in headings[k]), None)
        if key is not None and key not in columns:
            columns[key] = c
    return _Layout(header_row, columns, meta)


def _same_text(written: str, requirement: FitRequirement) -> bool:
    """Whether the file shows the requirement's text (either language), up to width, spacing and CP932 look-alikes."""
    if formula_like(written[1:]) and written.startswith("'"):
        written = written[1:]  # the apostrophe the CSV template put before a text starting with "-" or "="

    def norm(text: str) -> str:
        return " ".join(unicodedata.normalize("NFKC", text).translate(_LOOKALIKES).split())

    shown = norm(written)
    texts = {requirement.text.get(lang) for lang in LANGS} - {""}
    return any(shown in (norm(text), norm(displayable(text))) for text in texts)


class _Reader:
    """Reads the requirement rows below the header, reporting each bad cell."""

    def __init__(self, grid: Grid, plan: Plan, layout: _Layout, problems: _Problems) -> None:
        self.grid = grid
        self.plan = plan
        self.layout = layout
        self.problems = problems
        self.first_row: dict[str, int] = {}

    def read(self) -> list[AnswerRow]:
        columns = self.layout.columns
        rows: list[AnswerRow] = []
        for r in range(self.layout.header_row + 1, len(self.grid.rows) + 1):
            cells = self.grid.rows[r - 1]
            if not any(cell.text for cell in cells):
                continue  # a blank row, left or added
            found = self._requirement(r)
            if found is None:
                continue
            answer = self.grid.at(r, columns["answer"])
            remarks = self.grid.at(r, columns["remarks"]).text
            if answer.formula or answer.text.startswith("="):
                self.problems.add(r, columns["answer"], "answer", "fsheet.formula", value=answer.text)
                continue
            rows.append(AnswerRow(found.id, r, answer.text, remarks))
        id_column = columns["id"]
        for requirement in self.plan.requirements:
            if requirement.id not in self.first_row:
                self.problems.add(0, id_column, "id", "fsheet.missing", requirement=requirement.id)
        return rows

    def _requirement(self, r: int) -> FitRequirement | None:
        """The requirement row `r` answers, or None (reported) for an empty, unknown or repeated id."""
        columns = self.layout.columns
        id_column, text_column = columns["id"], columns["text"]
        written = self.grid.at(r, id_column).text
        text = self.grid.at(r, text_column).text
        if not written:
            self.problems.add(r, id_column, "id", "fsheet.no_id")
            return None
        requirement = self.plan.fit_requirement(unicodedata.normalize("NFKC", written))
        if requirement is None:
            by_text = [q.id for q in self.plan.requirements if text and _same_text(text, q)]
            if by_text:
                self.problems.add(r, id_column, "id", "fsheet.unknown_id_text", value=written, requirement=by_text[0])
            else:
                self.problems.add(r, id_column, "id", "fit.unknown_requirement", requirement=written)
            return None
        first = self.first_row.get(requirement.id)
        if first is not None:
            self.problems.add(r, id_column, "id", "fsheet.duplicate", requirement=requirement.id, first=first)
            return None
        self.first_row[requirement.id] = r
        if not _same_text(text, requirement):
            self.problems.add(r, text_column, "text", "fit.text_changed", requirement=requirement.id)
        return requirement


def _check_proposer(layout: _Layout, plan: Plan, tool: str, problems: _Problems) -> str:
    """The plan hash the file names; a missing proposer id, or another proposer's, is reported by its cell."""
    row, written = layout.meta.get("tool", (0, ""))
    if not row:
        problems.add(0, 1, "tool", "fsheet.no_proposer", label=Message("fsheet.label.tool"))
    elif written != tool:
        other = plan.tool(written)
        problems.add(
            row,
            2,
            "tool",
            "fsheet.other_proposer",
            found=written,
            name=displayable(other.name.get(plan.evaluation.language)) if other is not None else written,
            expected=tool,
        )
    return layout.meta.get("plan", (0, ""))[1]


def _read(path: Path, plan: Plan, tool: str) -> tuple[FitAnswers, _Problems]:
    """The rows of a filled-in fit table, and every problem of its layout found on the way."""
    file = path.name
    _tool(plan, tool)
    grid = _read_grid(path, file)
    layout = _find_layout(grid, file)
    problems = _Problems(file)
    missing = [key for key in _NEEDED if key not in layout.columns]
    if missing:
        for key in missing:
            problems.add(layout.header_row, 1, "id", "fsheet.no_column", label=Message(f"fsheet.col.{key}"))
        problems.raise_if_any(tool)
    plan_hash = _check_proposer(layout, plan, tool, problems)
    rows = _Reader(grid, plan, layout, problems).read()
    generated = layout.meta.get("generated", (0, ""))[1]
    columns = layout.columns
    contents = FitAnswers(file, tool, plan_hash, generated, tuple(rows), columns["answer"], columns["remarks"])
    return contents, problems


def read_answers(path: str | Path, plan: Plan, tool: str) -> FitAnswers:
    """Read a filled-in fit table (.xlsx or .csv) for `tool` and check its layout against `plan`'s list.

    Problems of the layout (another proposer's file, a requirement missing, repeated,
    unknown or with its text changed, a formula for an answer) are collected and raised
    together as one FitError naming each cell; the answers themselves are checked when
    they are recorded (`import_answers`).
    """
    contents, problems = _read(Path(path), plan, tool)
    problems.raise_if_any(tool)
    return contents


# --- importing ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FitImport:
    """What importing a proposer's fit table did (or, in a dry run, would do)."""

    contents: FitAnswers
    recorded: tuple[Event, ...]
    """The events recorded (in a dry run: those that would be, numbered 0)."""
    plan_hash: str
    """The current plan's hash, first 12 characters."""
    dry_run: bool = False

    @property
    def unchanged(self) -> int:
        """Answers in the file already recorded as they are."""
        return len(self.contents.rows) - len(self.recorded)

    @property
    def changed(self) -> int:
        """Answers recorded that replace an earlier answer."""
        return sum(1 for event in self.recorded if "supersedes" in event.payload)

    @property
    def plan_changed(self) -> bool:
        """True when the file was written under a different plan than the current one."""
        return bool(self.contents.plan_hash) and self.contents.plan_hash != self.plan_hash


def answer_marks(params: Mapping[str, object]) -> dict[str, object]:
    """A FitError's fields with answers (yes, partial …) written as the marks people read (○, △ …)."""
    return {
        name: Message(f"fit.answer.{value}") if name in ("old", "new", "answer") and isinstance(value, str) else value
        for name, value in params.items()
    }


def import_answers(
    workspace: Workspace,
    tool: str,
    path: str | Path,
    *,
    actor: str,
    reason: str | None = None,
    dry_run: bool = False,
    now: datetime | None = None,
) -> FitImport:
    """Read a proposer's filled-in fit table and record its answers in one transaction, all or nothing.

    Every row is checked first (`read_answers`, then the answers by `Fitting`); every
    problem is raised together, each named by its row and column. Answers already
    recorded as they are are skipped, so importing the same file twice records nothing;
    a changed answer needs `reason`. With `dry_run` nothing is written and the result
    lists what would be recorded.
    """
    plan = workspace.plan
    path = Path(path)
    contents, problems = _read(path, plan, tool)
    fitting = workspace.fitting
    answers = contents.answers()
    _, found = fitting.check_answers(tool, answers)
    _place(contents, [(p.requirement, p.key, p.params) for p in found], problems)
    if problems.items:  # the good rows too are checked against the ledger: a change without a reason is named now
        bad = {p.requirement for p in found}
        good = {requirement: answer for requirement, answer in answers.items() if requirement not in bad}
        try:
            fitting.record_answers(tool, good, actor=actor, reason=reason, dry_run=True)
        except FitRowsError as error:
            _place(contents, [(p.requirement, p.key, p.params) for p in error.problems], problems)
        problems.raise_if_any(tool)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    try:
        recorded = fitting.record_answers(
            tool,
            answers,
            actor=actor,
            reason=reason,
            source=f"{contents.file} sha256:{digest}",
            now=now,
            dry_run=dry_run,
        )
    except FitRowsError as error:
        _place(contents, [(p.requirement, p.key, p.params) for p in error.problems], problems)
        problems.raise_if_any(tool)
        raise
    return FitImport(contents, recorded, plan.hash[:12], dry_run)


def _place(contents: FitAnswers, found: Iterable[tuple[str, str, Mapping[str, object]]], problems: _Problems) -> None:
    """Problems `Fitting` names by requirement, placed at their row's 回答 or 備考 cell."""
    for requirement, key, params in found:
        row = contents.row_of(requirement)
        if key == "fit.partial_needs_remark":
            problems.add(row, contents.remarks_column, "remarks", key, **answer_marks(params))
        else:
            problems.add(row, contents.answer_column, "answer", key, **answer_marks(params))


# --- the list of requirements and one proposer's answers --------------------------------------


def _figure(value: Fraction | None) -> Value:
    return None if value is None else Figure(value, plain(value))


def fit_list_document(workspace: Workspace, lang: Lang, tool: str | None = None) -> Document:
    """The requirement list, or (with `tool`) that proposer's answers: its own, what counts, and the verification.

    While blind the proposer is named by its label and its remarks are withheld (they may name it).
    """
    plan = workspace.plan
    if not plan.requirements:
        raise FitError("fsheet.no_requirements")
    criteria = fit_criteria(plan)
    if tool is None:
        headers = tuple(
            translate(k, lang)
            for k in (
                "fsheet.col.id",
                "fsheet.col.category",
                "fsheet.col.text",
                "fsheet.col.priority",
                "fcli.col.criterion",
            )
        )
        rows: list[tuple[Value, ...]] = []
        for requirement in plan.requirements:
            criterion = plan.criterion(requirement.criterion)
            rows.append(
                (
                    requirement.id,
                    requirement.category.get(lang) if requirement.category is not None else "",
                    requirement.text.get(lang),
                    _priority(plan, requirement, lang),
                    criterion.name.get(lang) if criterion is not None else requirement.criterion,
                )
            )
        required = ", ".join(p.get(lang) for k, p in plan.fit.priorities.items() if k in plan.fit.required)
        note = translate("fcli.required_note", lang, priorities=required or "-")
        table = Table(translate("fcli.list_title", lang), headers, tuple(rows), (note,))
        return Document("fit-list", table.title, lang, sections=(Section("", (), table),))
    proposer = _tool(plan, tool)
    with workspace.ledger.reading() as view:
        state = fit_state(view.events(FIT_KINDS))
    label = (workspace.blind_labels() or {}).get(proposer.id)
    name = label or translate("fcli.named", lang, name=proposer.name.get(lang), id=proposer.id)
    withheld = translate("fcli.withheld", lang)  # while blind a remark may name the proposer
    headers = tuple(
        translate(f"fcli.col.{k}", lang)
        for k in ("id", "text", "priority", "answer", "remarks", "counted", "status", "points", "events")
    )
    sections: list[Section] = []
    for criterion in criteria:
        cell = fit_cell(plan, criterion, proposer.id, state)
        rows = []
        for row in cell.rows:
            answer = row.answer
            events = ""
            if answer is not None:
                events = str(answer.seq) + (f" / {row.verification.seq}" if row.verification is not None else "")
            rows.append(
                (
                    row.requirement.id,
                    row.requirement.text.get(lang),
                    _priority(plan, row.requirement, lang),
                    translate(f"fit.answer.{answer.answer}", lang) if answer is not None else "",
                    (withheld if label and answer.remark else answer.remark) if answer is not None else "",
                    translate(f"fit.answer.{row.value}", lang) if row.value is not None else "",
                    translate(f"fcli.status.{row.status or 'unanswered'}", lang),
                    _figure(row.raw),
                    events,
                )
            )
        notes = [
            translate("fcli.counts", lang, own=_counts(cell.self_counts, lang), counted=_counts(cell.counts, lang)),
        ]
        if cell.raw is not None:
            notes.append(translate("fcli.raw", lang, raw=plain(cell.raw), best=plain(cell.best)))
        for key, ids in (
            ("fcli.unanswered", cell.unanswered),
            ("fcli.awaiting", cell.awaiting),
            ("fcli.required_failed", cell.required_failed),
            ("fcli.required_pending", cell.required_pending),
        ):
            if ids:
                notes.append(translate(key, lang, ids=", ".join(ids)))
        title = translate("fcli.answers_title", lang, tool=name, criterion=criterion.name.get(lang))
        sections.append(Section(title, (), Table(title, headers, tuple(rows), tuple(notes)), key=criterion.id))
    title = translate("fcli.answers_document", lang, tool=name)
    return Document("fit-answers", title, lang, sections=tuple(sections))


def _counts(counts: Mapping[str, int], lang: Lang) -> str:
    return " ".join(
        f"{translate(f'fit.answer.{value}', lang)} {counts.get(value, 0)}" for value in ("yes", "partial", "no", "na")
    )
