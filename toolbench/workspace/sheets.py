"""Score sheets (採点表): the form one evaluator fills in, as XLSX or CSV, and reading it back.

A sheet has a metadata block, a header row and one row per judged criterion:

    A1  toolbench 採点表          B1  toolbench.sheet/1      (what kind of file this is)
    A2  評価                      B2  the evaluation's title
    A3  評価者ID                  B3  the evaluator's id     (whose levels these are)
    A4  評価者                    B4  the evaluator's name
    A5  計画ハッシュ              B5  the plan hash, first 12 characters
    A6  作成日時 (UTC)            B6  when the sheet was made
    A7  記入方法                  B7  how to fill it in
    A9  項目ID | 評価項目 | 区分 | 配点 | 水準 | 評価の目安 | <tool id> | <tool id> …
    A10                                           製品名 → | <tool name> …
    A11 <criterion id> | name | group | points | levels | anchors | <level> | <level> …

Labels follow the workspace language and are recognised in either language when read
back. Reading finds the header row by its criterion-id label and the columns by their
header, so a sheet whose columns were widened or rows re-coloured still reads. Every
problem is named by its cell in spreadsheet style (`H12`, also for CSV) and reported
together; nothing is recorded unless the whole sheet is good.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

from toolbench.base.cells import column_letters
from toolbench.base.errors import ScoreError, ToolbenchError
from toolbench.base.i18n import LANGS, Lang, Message, translate
from toolbench.base.numbers import plain
from toolbench.methods.evaluation import SCORE_RECORDED, current_scores
from toolbench.methods.hearings import WEIGHT_KINDS, compute_weights, plan_with_points
from toolbench.methods.locking import masked_plan
from toolbench.methods.procedure import pick_stage, stage_plan
from toolbench.model.plan import Criterion, Plan
from toolbench.renderers.formats import neutralise
from toolbench.workspace.tabular import Cell, Grid, TableError, cell_name, read_table

if TYPE_CHECKING:
    from toolbench.workspace.scoring import ScoreOutcome
    from toolbench.workspace.workspace import Workspace

__all__ = [
    "SHEET_FORMAT",
    "SheetContents",
    "SheetEntry",
    "SheetError",
    "SheetFormat",
    "SheetImport",
    "SheetLayout",
    "export_sheet",
    "import_sheet",
    "read_sheet",
    "render_csv",
    "render_xlsx",
    "sheet_layout",
]

SHEET_FORMAT: Final = "toolbench.sheet/1"
"""Written in cell B1: how a sheet of this kind (and its layout version) is recognised."""

SheetFormat = Literal["xlsx", "csv"]
FORMATS: Final[tuple[SheetFormat, ...]] = ("xlsx", "csv")

LevelCheck = Callable[[str, str], str]
"""criterion id, value as written → level as recorded, or ScoreError (`Workspace.check_level`)."""

_FIXED_COLUMNS: Final = ("criterion_id", "criterion", "group", "points", "levels", "anchors")
_META_ROWS: Final = ("evaluation", "evaluator_id", "evaluator", "plan", "generated", "how")
_SHOWN_PROBLEMS: Final = 30
_INTEGER = re.compile(r"-?[0-9]+")


class SheetError(ToolbenchError):
    """A score sheet that cannot be read or imported; nothing was recorded."""


# --- building a sheet (pure) -------------------------------------------------------------

SheetValue = str | Decimal | None


@dataclass(frozen=True)
class SheetLayout:
    """Every cell of one evaluator's sheet, before it becomes XLSX or CSV bytes."""

    rows: tuple[tuple[SheetValue, ...], ...]
    header_row: int
    """1-based row of the header (criterion id, …, tool ids)."""
    first_level_row: int
    first_tool_column: int
    tools: tuple[str, ...]
    criteria: tuple[str, ...]
    levels: tuple[tuple[str, ...], ...]
    """Per criterion row, what may be written in its level cells (for an input list)."""
    tab: str
    """The worksheet's name."""


def _label(key: str, lang: Lang) -> str:
    return translate(f"sheet.label.{key}", lang)


def _levels_text(plan: Plan, criterion: Criterion, lang: Lang) -> str:
    scale = plan.scale_of(criterion)
    described = scale.describe() if scale else ""
    return translate("sheet.must_levels", lang, levels=described) if criterion.kind == "must" else described


def _anchors_text(criterion: Criterion, lang: Lang) -> str:
    return "\n".join(f"{level}: {text.get(lang)}" for level, text in criterion.anchors.items())


def _accepted(plan: Plan, criterion: Criterion) -> tuple[str, ...]:
    scale = plan.scale_of(criterion)
    levels = tuple(scale.levels()) if scale else ()
    return (*levels, "適", "否") if criterion.kind == "must" else levels


def sheet_layout(
    plan: Plan,
    evaluator: str,
    lang: Lang,
    levels: Mapping[tuple[str, str], str],
    generated_at: datetime,
    recused: Collection[str] = (),
) -> SheetLayout:
    """The cells of `evaluator`'s sheet: `levels` maps (tool, criterion) to a level already given.

    `plan` supplies the points shown, so pass the plan with hearing-derived points
    when the evaluation takes its points from hearings. Tools in `recused` (conflict
    of interest) get a mark instead of an empty cell, and the mark reads back as empty.
    """
    mark = translate("sheet.recused_mark", lang)
    person = plan.evaluator(evaluator)
    if person is None:
        raise SheetError(
            "score.unknown_evaluator", value=evaluator, known=", ".join(e.id for e in plan.evaluators) or "(none)"
        )
    criteria = plan.judged_criteria()
    meta: dict[str, str] = {
        "evaluation": plan.evaluation.title.get(lang),
        "evaluator_id": person.id,
        "evaluator": person.name,
        "plan": plan.hash[:12],
        "generated": generated_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "how": _label("how_text", lang),
    }
    rows: list[tuple[SheetValue, ...]] = [(_label("kind", lang), SHEET_FORMAT)]
    rows.extend((_label(key, lang), meta[key]) for key in _META_ROWS)
    rows.append(())
    header = tuple(translate(f"sheet.col.{key}", lang) for key in _FIXED_COLUMNS)
    rows.append((*header, *(t.id for t in plan.tools)))
    names_row: list[SheetValue] = [None] * len(_FIXED_COLUMNS)
    names_row[-1] = translate("sheet.col.tool_name", lang)
    rows.append((*names_row, *(t.name.get(lang) for t in plan.tools)))
    header_row = len(rows) - 1
    for criterion in criteria:
        group = plan.groups.get(criterion.group)
        rows.append(
            (
                criterion.id,
                criterion.name.get(lang),
                group.get(lang) if group else criterion.group,
                criterion.points,
                _levels_text(plan, criterion, lang),
                _anchors_text(criterion, lang),
                *(mark if t.id in recused else levels.get((t.id, criterion.id)) for t in plan.tools),
            )
        )
    return SheetLayout(
        rows=tuple(rows),
        header_row=header_row,
        first_level_row=header_row + 2,
        first_tool_column=len(_FIXED_COLUMNS) + 1,
        tools=tuple(t.id for t in plan.tools),
        criteria=tuple(c.id for c in criteria),
        levels=tuple(_accepted(plan, c) for c in criteria),
        tab=_label("tab", lang),
    )


def render_csv(layout: SheetLayout) -> bytes:
    """The sheet as CSV: UTF-8 with a BOM (so Japanese Excel reads it), text made formula-safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in layout.rows:
        cells: list[str] = []
        for value in row:
            if value is None:
                cells.append("")
            elif isinstance(value, Decimal):
                cells.append(plain(value))
            else:
                # a number is never run as a formula; "-1" stays a level, not "'-1"
                cells.append(value if _INTEGER.fullmatch(value) else neutralise(value))
        writer.writerow(cells)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def render_xlsx(layout: SheetLayout) -> bytes:
    """The sheet as an XLSX workbook: text stays text, levels offered as a list, header frozen."""
    # lazy: openpyxl is heavy, loaded only when a workbook is written
    from openpyxl import Workbook  # lazy: openpyxl is heavy, loaded only when used
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # lazy: openpyxl is heavy, loaded only when used
    from openpyxl.styles import (
        Alignment,
        Border,
        Font,
        PatternFill,
        Side,
    )  # lazy: openpyxl is heavy, loaded only when used
    from openpyxl.worksheet.datavalidation import DataValidation  # lazy: openpyxl is heavy, loaded only when used

    book = Workbook()
    sheet = book.active
    sheet.title = layout.tab[:31]
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDE4EE")
    input_fill = PatternFill("solid", fgColor="FFF8DC")
    thin = Side(style="thin", color="999999")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    top_wrap = Alignment(vertical="top", wrap_text=True)
    for r, row in enumerate(layout.rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = sheet.cell(row=r, column=c)
            if isinstance(value, Decimal):
                cell.value = int(value) if value == value.to_integral_value() else float(value)
            elif c >= layout.first_tool_column and r >= layout.first_level_row and _INTEGER.fullmatch(value):
                cell.value = int(value)  # a level typed as a number reads back the same
            else:
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
                cell.data_type = "s"  # text stays text: "=…" is never run as a formula
    sheet["A1"].font = Font(bold=True, size=13)
    for r in range(2, layout.header_row - 1):
        sheet.cell(row=r, column=1).font = bold
    sheet.cell(row=layout.header_row - 2, column=2).alignment = Alignment(wrap_text=True, vertical="top")
    last_column = layout.first_tool_column + len(layout.tools) - 1
    for r in (layout.header_row, layout.header_row + 1):
        for c in range(1, last_column + 1):
            cell = sheet.cell(row=r, column=c)
            cell.font = bold
            cell.fill = header_fill
            cell.border = box
            cell.alignment = top_wrap
    for index, accepted in enumerate(layout.levels):
        r = layout.first_level_row + index
        for c in range(1, last_column + 1):
            cell = sheet.cell(row=r, column=c)
            cell.border = box
            cell.alignment = top_wrap
            if c >= layout.first_tool_column:
                cell.fill = input_fill
                cell.alignment = Alignment(horizontal="center", vertical="top")
        choices = ",".join(accepted)
        if accepted and len(choices) <= 250 and not any("," in a or '"' in a for a in accepted):
            # a warning, not a stop: the import checks every cell anyway and names the bad ones
            listed = DataValidation(
                type="list", formula1=f'"{choices}"', allow_blank=True, showErrorMessage=True, errorStyle="warning"
            )
            listed.add(f"{cell_name(r, layout.first_tool_column)}:{cell_name(r, last_column)}")
            sheet.add_data_validation(listed)
    widths = (22, 28, 14, 8, 16, 48)
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[column_letters(c)].width = width
    for c in range(layout.first_tool_column, last_column + 1):
        sheet.column_dimensions[column_letters(c)].width = 16
    sheet.row_dimensions[layout.header_row - 2].height = 48
    sheet.freeze_panes = cell_name(layout.first_level_row, layout.first_tool_column)
    sheet.print_title_rows = f"{layout.header_row}:{layout.header_row + 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def stage_sheet_plan(workspace: Workspace, plan: Plan, stage: str | None) -> Plan:
    """`plan` as one scored stage's sheet holds it: the stage's criteria, its participants in plan order."""
    found = workspace.procedure()
    if stage is not None and workspace.plan.stage(stage) is None:
        known = ", ".join(s.id for s in workspace.plan.stages if s.kind == "scored")
        raise SheetError("proc.unknown_stage", stage=stage, known=known)
    picked = pick_stage(found, stage)
    if stage is not None and picked.stage.id != stage:
        raise SheetError("proc.stage_not_scored", stage=stage)
    return stage_plan(plan, picked.stage, picked.participants)


def export_sheet(
    workspace: Workspace,
    evaluator: str,
    fmt: SheetFormat = "xlsx",
    lang: Lang | None = None,
    *,
    blank: bool = False,
    now: datetime | None = None,
    stage: str | None = None,
) -> bytes:
    """`evaluator`'s sheet as XLSX or CSV bytes, filled with their current levels unless `blank`.

    Levels come from a verified ledger (a broken chain raises LedgerCorrupt), and the
    points shown are the ones the evaluation uses (hearing-derived when the plan says so).
    With stages, the sheet holds one scored stage (`stage`, else the one open now): its
    criteria and the proposers taking part in it.
    """
    if fmt not in FORMATS:
        raise SheetError("sheet.bad_format", value=fmt)
    plan = workspace.plan
    with workspace.ledger.reading() as view:  # the chain checked; the hearings and current scores as of one head
        hearings = list(view.events(WEIGHT_KINDS))
        scores = [] if blank else list(view.events({SCORE_RECORDED}))
    shown = plan
    if plan.weights.source == "hearings":
        weights = compute_weights(plan, hearings)
        if weights is not None and weights.points:
            shown = plan_with_points(plan, weights.points)
    if stage is not None and not plan.stages:
        raise SheetError("proc.no_stages", stage=stage)
    if plan.stages:
        shown = stage_sheet_plan(workspace, shown, stage)
    levels: dict[tuple[str, str], str] = {}
    if not blank:
        current, _ = current_scores(plan, scores)
        levels = {
            (tool, criterion): score.level for (tool, who, criterion), score in current.items() if who == evaluator
        }
    labels = workspace.blind_labels()
    if labels is not None:  # blind: the sheet shows labels only
        shown = masked_plan(shown, labels)
        levels = {(labels.get(tool, tool), criterion): level for (tool, criterion), level in levels.items()}
    recused = {tool for (who, tool) in workspace.recusals() if who == evaluator}
    if labels is not None:
        recused = {labels.get(tool, tool) for tool in recused}
    language = lang or plan.evaluation.language
    layout = sheet_layout(shown, evaluator, language, levels, now or datetime.now(UTC), recused)
    return render_xlsx(layout) if fmt == "xlsx" else render_csv(layout)


# --- reading a sheet -------------------------------------------------------------------


@dataclass(frozen=True)
class SheetEntry:
    """One filled-in level cell."""

    cell: str
    tool: str
    criterion: str
    level: str
    """As recorded (checked and normalised) when read with a level check, else as written."""


@dataclass(frozen=True)
class SheetContents:
    """What a sheet says: whose levels they are, and every filled-in cell."""

    file: str
    evaluator: str
    plan_hash: str
    """As written on the sheet (the first 12 characters); may be empty."""
    generated_at: str
    entries: tuple[SheetEntry, ...]

    def scores(self) -> dict[str, dict[str, str]]:
        """tool → criterion → level, as `Workspace.record_sheet` takes them."""
        out: dict[str, dict[str, str]] = {}
        for entry in self.entries:
            out.setdefault(entry.tool, {})[entry.criterion] = entry.level
        return out

    def cell_of(self, tool: str, criterion: str) -> str:
        return next((e.cell for e in self.entries if e.tool == tool and e.criterion == criterion), "")


_RECUSED_MARKS = {translate("sheet.recused_mark", lang).casefold() for lang in LANGS}
_SUFFIXES: Final = (".xlsx", ".csv")
_NO_CELL: Final = ("", Cell(""))


def _labels(key: str) -> set[str]:
    return {translate(key, lang).casefold() for lang in LANGS}


class _Problems:
    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[tuple[str, Message]] = []

    def add(self, cell: str, key: str, **params: object) -> None:
        self.items.append((cell, Message(key, **params)))

    def raise_if_any(self) -> None:
        if not self.items:
            return
        if len(self.items) == 1:
            cell, problem = self.items[0]
            raise SheetError("sheet.problem", file=self.file, cell=cell, problem=problem)
        lines = [Message("sheet.problem_line", cell=c, problem=p) for c, p in self.items[:_SHOWN_PROBLEMS]]
        if len(self.items) > _SHOWN_PROBLEMS:
            lines.append(Message("sheet.more", count=len(self.items) - _SHOWN_PROBLEMS))
        raise SheetError("sheet.problems", file=self.file, count=len(self.items), problems=tuple(lines))


@dataclass
class _Header:
    """Where the header row is and what its columns hold."""

    row: int
    id_column: int
    """0 when no column is headed by the criterion-id label (the sheet is then refused)."""
    tools: dict[int, str] = field(default_factory=dict)
    """column → tool id, for the first column headed by each known tool."""
    unnamed: list[int] = field(default_factory=list)
    """Columns with an empty header: anything written under them belongs to nothing."""


def read_sheet(
    path: str | Path,
    plan: Plan,
    *,
    check_level: LevelCheck | None = None,
    evaluator: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SheetContents:
    """Read a filled-in sheet (.xlsx or .csv) and check it against `plan`.

    `check_level` (normally `Workspace.check_level`) turns each value into the level
    recorded, or raises ScoreError; without it values are returned as written.
    `evaluator`, when given, must be the one the sheet names. Every problem is
    collected and raised as one SheetError naming the cells. `progress`, if given, is
    called with (rows read, rows below the header) as the criterion rows are read.
    """
    path = Path(path)
    file = path.name
    grid = _read_grid(path, file)
    header = _find_header(grid, plan, file)
    meta = _metadata(grid, header.row)
    problems = _Problems(file)
    written = _check_evaluator(meta, plan, evaluator, file, problems)
    _read_header(grid, plan, header, problems)
    if not header.id_column:
        problems.raise_if_any()
    entries = _LevelReader(grid, plan, header, check_level, problems).read(progress)
    problems.raise_if_any()
    plan_hash = meta.get("plan", _NO_CELL)[1].text
    generated = meta.get("generated", _NO_CELL)[1].text
    return SheetContents(file, written, plan_hash, generated, entries)


def _read_grid(path: Path, file: str) -> Grid:
    """The sheet's cells, from the worksheet marked as a score sheet (else the first) or the CSV."""
    if path.suffix.lower() not in _SUFFIXES:
        raise SheetError("sheet.bad_suffix", file=file)
    try:
        grid = read_table(path, marker=("B1", SHEET_FORMAT))
    except TableError as error:
        if error.bounded:
            key, params = error.message(file)
            raise SheetError(key, **params) from None
        if error.kind == "encoding":
            raise SheetError("sheet.encoding", file=file) from None
        raise SheetError("sheet.unreadable", file=file, reason=error.reason) from None
    if grid.at(1, 2).text != SHEET_FORMAT:
        raise SheetError("sheet.not_a_sheet", file=file, detail=Message("sheet.detail.marker", marker=SHEET_FORMAT))
    return grid


def _find_header(grid: Grid, plan: Plan, file: str) -> _Header:
    """The header row: the first holding the criterion-id label, else the first below row 1 naming a tool."""
    id_labels = _labels("sheet.col.criterion_id")
    for r, row in enumerate(grid.rows, start=1):
        found = next((c for c, cell in enumerate(row, start=1) if cell.text.casefold() in id_labels), 0)
        if found:
            return _Header(r, found)
    tool_ids = {t.id for t in plan.tools}
    header_row = next(
        (r for r, row in enumerate(grid.rows, start=1) if r > 1 and any(c.text in tool_ids for c in row)), 0
    )
    if not header_row:
        detail = Message("sheet.detail.header", label=translate("sheet.col.criterion_id", plan.evaluation.language))
        raise SheetError("sheet.not_a_sheet", file=file, detail=detail)
    return _Header(header_row, 0)


def _metadata(grid: Grid, header_row: int) -> dict[str, tuple[str, Cell]]:
    """The metadata block above the header (labels in column A, values in column B): key → (cell name, value)."""
    meta_keys = {label: key for key in _META_ROWS for label in _labels(f"sheet.label.{key}")}
    meta: dict[str, tuple[str, Cell]] = {}
    for r in range(2, header_row):
        key = meta_keys.get(grid.at(r, 1).text.casefold())
        if key and key not in meta:
            meta[key] = (cell_name(r, 2), grid.at(r, 2))
    return meta


def _check_evaluator(
    meta: Mapping[str, tuple[str, Cell]], plan: Plan, evaluator: str | None, file: str, problems: _Problems
) -> str:
    """The evaluator id the sheet names; refused when missing or not `evaluator`, reported when unknown."""
    evaluator_cell, written = meta.get("evaluator_id", _NO_CELL)
    if not written.text:
        raise SheetError("sheet.no_evaluator", file=file, label=_label("evaluator_id", plan.evaluation.language))
    if written.formula:
        problems.add(evaluator_cell, "sheet.formula", value=written.text)
    elif evaluator is not None and written.text != evaluator:
        raise SheetError(
            "sheet.evaluator_mismatch", file=file, cell=evaluator_cell, found=written.text, expected=evaluator
        )
    elif plan.evaluator(written.text) is None:
        known = ", ".join(e.id for e in plan.evaluators) or "(none)"
        problems.add(evaluator_cell, "score.unknown_evaluator", value=written.text, known=known)
    return written.text


def _read_header(grid: Grid, plan: Plan, header: _Header, problems: _Problems) -> None:
    """Which column holds which tool; reports unknown, repeated and missing tools, and merged score cells."""
    first_column = _read_tool_columns(grid, plan, header, problems)
    header_range = f"{cell_name(header.row, 1)}:{cell_name(header.row, max(grid.width, 1))}"
    if not header.id_column:
        label = translate("sheet.col.criterion_id", plan.evaluation.language)
        problems.add(header_range, "sheet.no_id_column", label=label)
    for missing in plan.tools:
        if missing.id not in first_column:
            problems.add(header_range, "sheet.missing_tool", tool=missing.id)
    for last_row, cells in grid.merged:
        if last_row >= header.row:
            problems.add(cells.split(":")[0], "sheet.merged", range=cells)


def _read_tool_columns(grid: Grid, plan: Plan, header: _Header, problems: _Problems) -> dict[str, str]:
    """Fills `header.tools` and `header.unnamed`; returns tool id → the cell first heading it."""
    tool_ids = {t.id for t in plan.tools}
    fixed_labels = {label for key in _FIXED_COLUMNS for label in _labels(f"sheet.col.{key}")}
    first_column: dict[str, str] = {}
    for c in range(1, grid.width + 1):
        head = grid.at(header.row, c)
        if c == header.id_column:
            continue
        if head.text in first_column:
            problems.add(
                cell_name(header.row, c), "sheet.repeated_tool", value=head.text, first=first_column[head.text]
            )
        elif head.text in tool_ids and not head.formula:
            header.tools[c] = head.text
            first_column[head.text] = cell_name(header.row, c)
        elif not head.text:
            header.unnamed.append(c)
        elif head.text.casefold() not in fixed_labels:
            known = ", ".join(t.id for t in plan.tools)
            problems.add(cell_name(header.row, c), "sheet.unknown_tool", value=head.text, known=known)
    return first_column


class _LevelReader:
    """Reads the criterion rows below the header into entries, reporting each bad cell."""

    def __init__(
        self, grid: Grid, plan: Plan, header: _Header, check_level: LevelCheck | None, problems: _Problems
    ) -> None:
        self.grid = grid
        self.plan = plan
        self.header = header
        self.check_level = check_level
        self.problems = problems
        self.judged = [c.id for c in plan.judged_criteria()]
        self.first_row: dict[str, str] = {}
        """criterion id → the id cell of the row that first scores it."""

    def read(self, progress: Callable[[int, int], None] | None = None) -> tuple[SheetEntry, ...]:
        """Every filled-in level cell; a judged criterion with no row is reported against the id column."""
        id_column = self.header.id_column
        start = self.header.row + 1
        if not self.grid.at(start, id_column).text:
            start += 1  # the row of tool names under the header
        entries: list[SheetEntry] = []
        total = max(len(self.grid.rows) - start + 1, 0)
        for r in range(start, len(self.grid.rows) + 1):
            if progress is not None:
                progress(r - start, total)
            self._check_unnamed(r)
            criterion_id = self._criterion(r)
            if criterion_id is not None:
                entries.extend(self._levels(r, criterion_id))
        if progress is not None:
            progress(total, total)
        id_range = f"{cell_name(start, id_column)}:{cell_name(max(len(self.grid.rows), start), id_column)}"
        for criterion_id in self.judged:
            if criterion_id not in self.first_row:
                self.problems.add(id_range, "sheet.missing_criterion", criterion=criterion_id)
        return tuple(entries)

    def _check_unnamed(self, r: int) -> None:
        for c in self.header.unnamed:
            if self.grid.at(r, c).text:
                self.problems.add(cell_name(r, c), "sheet.no_header")

    def _criterion(self, r: int) -> str | None:
        """The judged criterion row `r` scores, or None (reported) for an empty, unknown or repeated id."""
        id_cell = self.grid.at(r, self.header.id_column)
        criterion_id = id_cell.text
        if not criterion_id:
            for c in self.header.tools:
                if self.grid.at(r, c).text:
                    self.problems.add(cell_name(r, c), "sheet.no_criterion")
            return None
        here = cell_name(r, self.header.id_column)
        criterion = self.plan.criterion(criterion_id)
        if criterion is None or id_cell.formula:
            self.problems.add(here, "sheet.unknown_criterion", value=criterion_id, known=", ".join(self.judged))
            return None
        if criterion_id not in self.judged:
            self.problems.add(here, "sheet.not_judged", value=criterion_id, kind=Message(f"kind.{criterion.kind}"))
            return None
        if criterion_id in self.first_row:
            self.problems.add(here, "sheet.repeated_criterion", value=criterion_id, first=self.first_row[criterion_id])
            return None
        self.first_row[criterion_id] = here
        return criterion_id

    def _levels(self, r: int, criterion_id: str) -> list[SheetEntry]:
        entries: list[SheetEntry] = []
        for c, tool in self.header.tools.items():
            value = self.grid.at(r, c)
            if not value.text or value.text.casefold() in _RECUSED_MARKS:
                continue  # empty, or the recusal mark the sheet was written with
            where = cell_name(r, c)
            if value.formula or value.text.startswith("="):
                self.problems.add(where, "sheet.formula", value=value.text)
                continue
            level = self._level(where, criterion_id, value.text)
            if level is not None:
                entries.append(SheetEntry(where, tool, criterion_id, level))
        return entries

    def _level(self, where: str, criterion_id: str, written: str) -> str | None:
        """The level recorded for `written`, or None (reported) when the level check refuses it."""
        # full-width ４ or Ａ typed with a Japanese input method counts as 4 or A
        level = unicodedata.normalize("NFKC", written)
        if self.check_level is None:
            return level
        try:
            return self.check_level(criterion_id, level)
        except ScoreError as error:
            if error.key == "score.off_scale":
                levels = error.params.get("levels", "")
                self.problems.add(where, "sheet.off_scale", value=written, levels=levels, criterion=criterion_id)
            else:
                self.problems.add(where, error.key, **error.params)
            return None


# --- importing --------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetImport:
    """What importing a sheet did (or, in a dry run, would do)."""

    contents: SheetContents
    outcome: ScoreOutcome
    plan_hash: str
    """The current plan's hash, first 12 characters."""

    @property
    def plan_changed(self) -> bool:
        """True when the sheet was exported under a different plan than the current one."""
        return bool(self.contents.plan_hash) and self.contents.plan_hash != self.plan_hash


def import_sheet(
    workspace: Workspace,
    path: str | Path,
    *,
    actor: str,
    evaluator: str | None = None,
    reason: str | None = None,
    dry_run: bool = False,
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
    stage: str | None = None,
) -> SheetImport:
    """Read a filled-in sheet and record its levels in one transaction, all or nothing.

    Levels already current are skipped, so importing the same sheet twice records
    nothing new; changing a recorded level needs `reason`. With `dry_run` nothing is
    written and the outcome lists what would be recorded. `progress` is called as the
    sheet's rows are read (see `read_sheet`).
    """
    labels = workspace.blind_labels() or {}
    plan = workspace.plan
    if stage is not None and not plan.stages:
        raise SheetError("proc.no_stages", stage=stage)
    if plan.stages:  # a stage's sheet: its criteria and proposers
        plan = stage_sheet_plan(workspace, plan, stage)
    if labels:  # blind: the sheet names tools by their labels
        plan = masked_plan(plan, labels)
    contents = read_sheet(path, plan, check_level=workspace.level_checker(), evaluator=evaluator, progress=progress)
    tool_of = {label: tool for tool, label in labels.items()}
    scores = {tool_of.get(tool, tool): levels for tool, levels in contents.scores().items()}
    try:
        outcome = workspace.record_sheet(
            contents.evaluator, scores, actor=actor, reason=reason, now=now, dry_run=dry_run
        )
    except ScoreError as error:
        tool = str(error.params.get("tool", ""))
        cell = contents.cell_of(labels.get(tool, tool), str(error.params.get("criterion", "")))
        if not cell:
            raise
        problem = Message(error.key, **error.params)
        raise SheetError("sheet.problem", file=contents.file, cell=cell, problem=problem) from None
    return SheetImport(contents, outcome, workspace.plan.hash[:12])
