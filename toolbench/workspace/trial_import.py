"""Trial feedback exported from form services, read through a column mapping.

Departments collect feedback on a tool on trial with the form service they already use,
and export the responses. The export is read exactly as the service writes it:

    Microsoft Forms  XLSX: ID, Start time, Completion time, Email, Name, in newer exports
                     Last modified time, then one column per question (Japanese headers:
                     ID, 開始時刻, 完了時刻, メール, 名前, 最終変更時刻)
    Google Forms     CSV (UTF-8 without BOM): Timestamp, optionally Email Address, then the
                     questions (Japanese: タイムスタンプ, メールアドレス)
    other services   CSV or XLSX (LoGoフォーム …), through the mapping alone

A mapping file (TOML, documented in docs/trials-import.md) says which column answers
what, which values are the same for every response, and how answer texts translate
into tool ids, department ids and numbers. Every cell the mapping reads is checked and
every problem named by file, row, column header and cell (`C7`) before anything is
returned, so the caller records all responses or none.

Personal identifiers stop at this door (docs/personal-data.md). The respondent column
(a name or an address) and every e-mail address in a response id become a keyed
pseudonym, `p-` and 16 hex digits of HMAC-SHA256 under the workspace's own secret key
(`Pseudonyms.of_workspace`, kept in the state folder, never in the ledger or an
archive): the same person gives the same pseudonym on every import, so re-imports
and edited answers are still recognised, yet the record cannot be read back to a name
or an address without the key. The command line always passes the workspace's
pseudonyms; a library caller without a workspace gets the identifiers as written.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import hmac
import os
import re
import secrets
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from toolbench.base.errors import PlanError, Problem, ToolbenchError, WorkspaceError
from toolbench.base.i18n import Message
from toolbench.base.paths import STATE_DIR
from toolbench.base.toml_lines import LineIndex, PathPart, format_path
from toolbench.methods.trial_metrics import AccuracySample, Effects, Feedback, FeedbackSource
from toolbench.model.plan import MUST_ALIASES, Criterion, Plan, Scale, Slug, Text, _Collector, parse_toml_text
from toolbench.workspace.tabular import (
    SHOWN,
    WORKBOOK_SUFFIXES,
    Cell,
    Grid,
    RowProblems,
    TableError,
    capped_error,
    cell_name,
    problem_lines,
    read_table,
)

__all__ = [
    "GOOGLE_FORMS_METADATA",
    "MS_FORMS_METADATA",
    "PSEUDONYM_KEY_FILE",
    "AccuracyColumns",
    "AnswerTables",
    "Columns",
    "EffectColumns",
    "Fixed",
    "FixedAccuracy",
    "FixedEffects",
    "FormInfo",
    "FormMapping",
    "ImportedResponse",
    "Pseudonyms",
    "Service",
    "TrialImportError",
    "load_mapping",
    "parse_mapping",
    "read_responses",
]

Service = Literal["microsoft-forms", "google-forms", "other"]

MS_FORMS_METADATA: Final[dict[str, tuple[str, ...]]] = {
    "en": ("ID", "Start time", "Completion time", "Email", "Name", "Last modified time"),
    "ja": ("ID", "開始時刻", "完了時刻", "メール", "名前", "最終変更時刻"),
}
"""The columns a Microsoft Forms export starts with; older exports lack the last one."""

GOOGLE_FORMS_METADATA: Final[dict[str, tuple[str, ...]]] = {
    "en": ("Timestamp", "Email Address"),
    "ja": ("タイムスタンプ", "メールアドレス"),
}
"""The columns a Google Forms export starts with; the address only when the form collects it."""

_MS_ID: Final = ("ID",)
_MS_COMPLETED: Final = ("Completion time", "完了時刻")
_GOOGLE_TIMESTAMP: Final = ("Timestamp", "タイムスタンプ")
_GOOGLE_EMAIL: Final = ("Email Address", "メールアドレス")
_SERVICE_NAMES: Final = {"microsoft-forms": "Microsoft Forms", "google-forms": "Google Forms"}

_ANONYMOUS: Final = "anonymous"
"""What Microsoft Forms writes for the respondent of an anonymous form."""
AccuracyUnit = Literal["character", "field"]
_UNITS: Final[dict[str, AccuracyUnit]] = {
    "character": "character",
    "characters": "character",
    "文字": "character",
    "文字単位": "character",
    "field": "field",
    "fields": "field",
    "項目": "field",
    "項目単位": "field",
    "フィールド": "field",
}
_EFFECTS: Final = ("minutes_before", "minutes_with", "cases", "period_days")
_POSITIVE_EFFECTS: Final = ("cases", "period_days")
_NESTED: Final = ("ratings", "effects", "accuracy")
"""Keys of [columns] and [fixed] that hold a table, also written as quoted "ratings.x" keys."""


class TrialImportError(ToolbenchError):
    """A mapping or form export that cannot be imported; `problems` lists every reason.

    The message names the file, row, column header and cell of each problem (the first
    30, then how many more). Nothing was returned, so nothing can have been recorded.
    """

    def __init__(self, key: str, *, problems: Sequence[Message] = (), **params: object) -> None:
        self.problems: tuple[Message, ...] = tuple(problems)
        super().__init__(key, **params)


# --- pseudonyms --------------------------------------------------------------------------

PSEUDONYM_KEY_FILE: Final = "pseudonym.key"
"""The workspace's pseudonym key, in its state folder (`.toolbench/`): never exported."""
_EMAIL: Final = re.compile(r"[^\s@<>()\[\],;:\"']+@[^\s@<>()\[\],;:\"']+")


class Pseudonyms:
    """Keyed pseudonyms for personal identifiers: HMAC-SHA256 under a secret key.

    `of("Sato@Example.lg.jp")` is `p-` and 16 hex digits, the same for the same person
    however the address or name is cased or spaced (NFKC, case-folded, trimmed).
    Whoever lacks the key cannot test a guessed address against a pseudonym.
    """

    def __init__(self, key: bytes | None = None, *, key_file: Path | None = None) -> None:
        if key is None and key_file is None:
            raise ValueError("a pseudonym key or the file to keep one in is needed")
        if key is not None and len(key) < 16:
            raise ValueError("a pseudonym key needs at least 16 bytes")
        self._key = key
        self._key_file = key_file

    @classmethod
    def of_workspace(cls, root: str | Path) -> Pseudonyms:
        """The pseudonyms of the workspace at `root`; its key (32 random bytes) is made when first needed."""
        return cls(key_file=Path(root) / STATE_DIR / PSEUDONYM_KEY_FILE)

    def _secret(self) -> bytes:
        if self._key is None:
            assert self._key_file is not None
            self._key = _workspace_key(self._key_file)
        return self._key

    def of(self, value: str) -> str:
        """The pseudonym of one identifier (a name, an address)."""
        normal = unicodedata.normalize("NFKC", value).strip().casefold()
        return "p-" + hmac.new(self._secret(), normal.encode("utf-8"), hashlib.sha256).hexdigest()[:16]

    def scrub(self, text: str) -> str:
        """`text` with every e-mail address in it replaced by its pseudonym."""
        return _EMAIL.sub(lambda found: self.of(found.group()), text)


def _workspace_key(path: Path) -> bytes:
    """The key kept at `path`, made there first if there is none (readable by its owner only)."""
    try:
        try:
            return bytes.fromhex(path.read_text(encoding="ascii").strip())
        except FileNotFoundError:
            pass
        path.parent.mkdir(parents=True, exist_ok=True)
        fresh = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        descriptor = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "w", encoding="ascii") as file:
                file.write(secrets.token_hex(32) + "\n")
                file.flush()
                os.fsync(file.fileno())
            try:
                os.link(fresh, path)  # never replaces a key another process made first
            except FileExistsError:
                pass
        finally:
            fresh.unlink()
        key = bytes.fromhex(path.read_text(encoding="ascii").strip())
        if len(key) < 16:
            raise ValueError("the key is shorter than 16 bytes")
        return key
    except (OSError, ValueError) as error:
        raise WorkspaceError("input.pseudonym_key", path=str(path), reason=str(error)) from None


def has_address(text: str) -> bool:
    """Whether `text` holds an e-mail address."""
    return _EMAIL.search(text) is not None


# --- the mapping ----------------------------------------------------------------------


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _listed(value: object) -> object:
    return [value] if isinstance(value, str) else value


class FormInfo(_Model):
    """`[form]`: which service wrote the export, and where in the file the responses are."""

    service: Service
    name: Slug | None = None
    """How each response's source is recorded (default: the service, e.g. "logo-form" for
    service = "other"). Keep it stable: re-importing a file matches on it."""
    sheet: str | None = None
    """XLSX only: the sheet to read (default: the first)."""
    header_row: int = Field(default=1, ge=1)
    """The row with the column headers; responses follow it."""
    day_first: bool = False
    """Whether a date written with the year last (3/10/26) puts the day first. The default
    is month first, as English-language Microsoft and Google exports write it."""


class EffectColumns(_Model):
    """`[columns.effects]`: the questions that measure time saved."""

    minutes_before: str | None = None
    minutes_with: str | None = None
    cases: str | None = None
    period_days: str | None = None


class AccuracyColumns(_Model):
    """`[columns.accuracy]`: a counted accuracy sample."""

    correct: str | None = None
    total: str | None = None
    unit: str | None = None


class Columns(_Model):
    """`[columns]`: field → the column header exactly as exported."""

    response_id: str | None = None
    """Default: `ID` for Microsoft Forms; for Google Forms the timestamp and respondent."""
    respondent: str | None = None
    role: str | None = None
    date: str | None = None
    """Default: `Completion time`/`完了時刻` (Microsoft), `Timestamp`/`タイムスタンプ` (Google)."""
    tool: str | None = None
    department: str | None = None
    comment: Annotated[list[str], BeforeValidator(_listed)] = Field(default_factory=list)
    """One column, or several whose answers are joined, each after its header."""
    ratings: dict[Slug, str] = Field(default_factory=dict)
    """Criterion id → column."""
    sus: list[str] | None = None
    """The ten SUS columns in questionnaire order."""
    uxlite: list[str] | None = None
    """The two UX-Lite columns: usefulness, then ease of use."""
    effects: EffectColumns = EffectColumns()
    accuracy: AccuracyColumns = AccuracyColumns()


class FixedEffects(_Model):
    """Effect values that are the same for every response (typically the period)."""

    minutes_before: Decimal | None = Field(default=None, ge=0)
    minutes_with: Decimal | None = Field(default=None, ge=0)
    cases: Decimal | None = Field(default=None, gt=0)
    period_days: Decimal | None = Field(default=None, gt=0)


class FixedAccuracy(_Model):
    unit: AccuracyUnit | None = None


class Fixed(_Model):
    """`[fixed]`: values for every response, where the form did not ask."""

    tool: Slug | None = None
    department: Slug | None = None
    role: str | None = None
    effects: FixedEffects = FixedEffects()
    accuracy: FixedAccuracy = FixedAccuracy()


ScaleAnswer = Annotated[int, Field(ge=1, le=5)]


class AnswerTables(_Model):
    """`[answers.*]`: answer text → id or number. Width, case and spaces are ignored."""

    tool: dict[str, Slug] = Field(default_factory=dict)
    """Beyond the plan's tool ids and names, which are recognised without a table."""
    department: dict[str, Slug] = Field(default_factory=dict)
    scale: dict[str, ScaleAnswer] = Field(default_factory=dict)
    """Likert answer → 1–5, for SUS, UX-Lite and ratings."""


@dataclass(frozen=True)
class FormMapping:
    """A validated column mapping: how one form's export becomes feedback. Build one with `load_mapping`."""

    form: FormInfo
    fixed: Fixed = Fixed()
    columns: Columns = Columns()
    answers: AnswerTables = AnswerTables()
    file: str = "mapping.toml"
    lines: LineIndex | None = field(default=None, compare=False, repr=False)
    """Where each key was written, so that a problem found later can name its line."""

    @property
    def source_name(self) -> str:
        """What each response records as its source service."""
        return self.form.name or self.form.service


_SECTIONS: Final[dict[str, type[_Model]]] = {
    "form": FormInfo,
    "fixed": Fixed,
    "columns": Columns,
    "answers": AnswerTables,
}


class _RenamedLines(LineIndex):
    """A LineIndex that finds `"ratings.x" = …` when asked for ("columns", "ratings", "x")."""

    def __init__(self, text: str, renames: Mapping[tuple[PathPart, ...], tuple[PathPart, ...]]) -> None:
        super().__init__(text)
        self._renames = renames

    def line_of(self, path: Sequence[PathPart]) -> int | None:
        head = tuple(path[:3])
        if head in self._renames:
            path = (*self._renames[head], *path[3:])
        return super().line_of(path)


def load_mapping(path: str | Path) -> FormMapping:
    """Read and validate a mapping file; raise TrialImportError naming the line and key of each problem."""
    path = Path(path)
    file = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise TrialImportError("timport.mapping_unreadable", file=file, reason=reason) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TrialImportError("timport.mapping_encoding", file=file) from None
    try:
        data = parse_toml_text(text, file)
    except PlanError as error:
        raise _mapping_error(file, error.problems) from None
    return parse_mapping(data, file=file, text=text)


def parse_mapping(data: Mapping[str, Any], file: str = "mapping.toml", text: str | None = None) -> FormMapping:
    """Validate mapping data (as read from TOML); `text`, when given, lets problems name their line."""
    renames: dict[tuple[PathPart, ...], tuple[PathPart, ...]] = {}
    lines = _RenamedLines(text, renames) if text is not None else None
    out = _Collector(file, lines)
    for key in data:
        if key not in _SECTIONS:
            out.add([key], "plan.unknown_key", allowed=", ".join(_SECTIONS))
    if "form" not in data:
        out.add(["form"], "plan.missing")
    parsed: dict[str, Any] = {}
    for key, model in _SECTIONS.items():
        if key not in data:
            continue
        raw = data[key]
        if key in ("columns", "fixed") and isinstance(raw, Mapping):
            raw = _unnest(key, raw, renames, out)
        try:
            parsed[key] = model.model_validate(raw)
        except ValidationError as error:
            out.validation([key], error, model)
    if all(key in parsed for key in data if key in _SECTIONS):
        _check_mapping(parsed, data, out)
    if out.problems:
        raise _mapping_error(file, out.problems)
    return FormMapping(
        form=parsed["form"],
        fixed=parsed.get("fixed", Fixed()),
        columns=parsed.get("columns", Columns()),
        answers=parsed.get("answers", AnswerTables()),
        file=file,
        lines=lines,
    )


def _unnest(
    section: str,
    raw: Mapping[str, Any],
    renames: dict[tuple[PathPart, ...], tuple[PathPart, ...]],
    out: _Collector,
) -> dict[str, Any]:
    """`"ratings.x" = …` as `ratings = { x = … }`, so both ways of writing it validate alike."""
    result: dict[str, Any] = {}
    written: dict[tuple[str, str], str] = {}
    for key, value in raw.items():
        prefix, dot, rest = key.partition(".")
        items: list[tuple[str, object, tuple[PathPart, ...]]]
        if dot and prefix in _NESTED:
            items = [(rest, value, (section, key))]
        elif key in _NESTED and isinstance(value, Mapping):
            prefix = key
            items = [(name, inner, (section, key, name)) for name, inner in value.items()]
        else:
            result[key] = value
            continue
        target = result.setdefault(prefix, {})
        if not isinstance(target, dict):
            continue  # a plain value under the same name: validation reports it
        for name, inner, where in items:
            shown = format_path(where[1:])
            if name in target:
                # the line of this key itself, not of the first one its path is renamed to
                line = LineIndex.line_of(out.lines, where) if out.lines is not None else None
                params: dict[str, object] = {"first": written[(prefix, name)], "second": shown}
                out.problems.append(Problem(out.file, format_path(where), "timport.twice", params, line))
                continue
            target[name] = inner
            written[(prefix, name)] = shown
            renames[(section, prefix, name)] = where
    return result


def _check_mapping(parsed: dict[str, Any], data: Mapping[str, Any], out: _Collector) -> None:
    """Rules between keys: each value from one place, complete questionnaires, effects and samples."""
    columns: Columns = parsed.get("columns", Columns())
    fixed: Fixed = parsed.get("fixed", Fixed())
    answers: AnswerTables = parsed.get("answers", AnswerTables())
    for name in ("tool", "department"):
        in_columns, in_fixed = getattr(columns, name) is not None, getattr(fixed, name) is not None
        if in_columns and in_fixed:
            out.add(["columns", name], "timport.source_twice", field=name)
        elif not in_columns and not in_fixed:
            out.add(["fixed" if "fixed" in data else "columns"], "timport.source_missing", field=name)
    if columns.role is not None and fixed.role is not None:
        out.add(["columns", "role"], "timport.source_twice", field="role")
    for key, part, needed in (("sus", "SUS", 10), ("uxlite", "UX-Lite", 2)):
        listed = getattr(columns, key)
        if listed is not None and len(listed) != needed:
            out.add(["columns", key], "timport.questionnaire_columns", part=part, needed=needed, count=len(listed))
    for where, header in _headers(columns):
        if not header.strip():
            out.add(where, "timport.blank_header")
    mapped = [n for n in _EFFECTS if getattr(columns.effects, n) is not None]
    given = [n for n in _EFFECTS if getattr(fixed.effects, n) is not None]
    for name in set(mapped) & set(given):
        out.add(["columns", "effects", name], "timport.source_twice", field=f"effects.{name}")
    if mapped or given:
        missing = [n for n in _EFFECTS if n not in mapped and n not in given]
        if missing:
            out.add(["columns", "effects"], "timport.effects_incomplete", missing=", ".join(missing))
        elif not mapped:
            out.add(["fixed", "effects"], "timport.effects_all_fixed")
    accuracy = columns.accuracy
    if accuracy.unit is not None and fixed.accuracy.unit is not None:
        out.add(["columns", "accuracy", "unit"], "timport.source_twice", field="accuracy.unit")
    if accuracy.correct or accuracy.total or accuracy.unit or fixed.accuracy.unit:
        missing = [n for n in ("correct", "total") if getattr(accuracy, n) is None]
        if accuracy.unit is None and fixed.accuracy.unit is None:
            missing.append("unit")
        if missing:
            out.add(["columns", "accuracy"], "timport.accuracy_incomplete", missing=", ".join(missing))
    reads = columns.ratings or columns.comment or mapped or accuracy.correct or columns.sus or columns.uxlite
    if not reads:
        out.add(["columns"], "timport.reads_nothing")
    for table in ("tool", "department", "scale"):
        seen: dict[str, tuple[str, object]] = {}
        for answer, value in getattr(answers, table).items():
            first = seen.setdefault(_norm(answer), (answer, value))
            if first[1] != value:
                out.add(["answers", table, answer], "timport.answer_clash", value=answer, other=first[0])


def _headers(columns: Columns) -> list[tuple[list[PathPart], str]]:
    """Every header the mapping names, with where it stands in the mapping."""
    found: list[tuple[list[PathPart], str]] = []
    for name in ("response_id", "respondent", "role", "date", "tool", "department"):
        value = getattr(columns, name)
        if value is not None:
            found.append((["columns", name], value))
    found += [(["columns", "comment", i], h) for i, h in enumerate(columns.comment)]
    found += [(["columns", "ratings", c], h) for c, h in columns.ratings.items()]
    found += [(["columns", "sus", i], h) for i, h in enumerate(columns.sus or [])]
    found += [(["columns", "uxlite", i], h) for i, h in enumerate(columns.uxlite or [])]
    for group in ("effects", "accuracy"):
        for name, value in getattr(columns, group).model_dump().items():
            if value is not None:
                found.append((["columns", group, name], value))
    return found


def _check_against_plan(mapping: FormMapping, plan: Plan) -> None:
    """The ids the mapping names exist in the plan, and rated criteria have a scale."""
    out = _Collector(mapping.file, mapping.lines)
    tools = _known(t.id for t in plan.tools)
    departments = _known(d.id for d in plan.departments)
    if mapping.fixed.tool is not None and plan.tool(mapping.fixed.tool) is None:
        out.add(["fixed", "tool"], "timport.unknown_tool_id", value=mapping.fixed.tool, known=tools)
    if mapping.fixed.department is not None and plan.department(mapping.fixed.department) is None:
        out.add(
            ["fixed", "department"], "timport.unknown_department_id", value=mapping.fixed.department, known=departments
        )
    for answer, tool in mapping.answers.tool.items():
        if plan.tool(tool) is None:
            out.add(["answers", "tool", answer], "timport.unknown_tool_id", value=tool, known=tools)
    for answer, department in mapping.answers.department.items():
        if plan.department(department) is None:
            out.add(
                ["answers", "department", answer], "timport.unknown_department_id", value=department, known=departments
            )
    rated = _known(c.id for c in plan.criteria if plan.scale_of(c) is not None)
    for criterion_id in mapping.columns.ratings:
        criterion = plan.criterion(criterion_id)
        if criterion is None:
            known = _known(c.id for c in plan.criteria)
            out.add(["columns", "ratings", criterion_id], "timport.unknown_criterion", value=criterion_id, known=known)
        elif plan.scale_of(criterion) is None:
            out.add(["columns", "ratings", criterion_id], "timport.no_scale", value=criterion_id, known=rated)
    if out.problems:
        raise _mapping_error(mapping.file, out.problems)


def _mapping_error(file: str, problems: Sequence[Problem]) -> TrialImportError:
    return _error(
        file, problem_lines(problems, "timport.mapping_at", "timport.mapping_at_file"), "timport.mapping_problems"
    )


def _error(file: str, lines: Sequence[Message], header: str) -> TrialImportError:
    """One problem as one line; several as a header and the first 30, then how many more."""
    return capped_error(TrialImportError, file, lines, header, "timport.more")


def _known(items: Iterable[str]) -> str:
    names = list(items)
    return ", ".join(names) if names else "(none)"


def _norm(text: str) -> str:
    """How answers and headers are compared: width (NFKC), case and runs of spaces ignored."""
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


# --- reading the export ---------------------------------------------------------------


@dataclass(frozen=True)
class ImportedResponse:
    """One response of the export as validated feedback, with its row as the user sees it (header = 1)."""

    row: int
    feedback: Feedback


@dataclass(frozen=True)
class _Column:
    header: str
    index: int
    """0-based position in the row."""


@dataclass
class _Layout:
    """Which column answers what, found in one file's header row."""

    response_id: _Column | None = None
    timestamp: _Column | None = None
    """Google Forms: with `email`, the response id when the form gives none."""
    email: _Column | None = None
    date: _Column | None = None
    respondent: _Column | None = None
    role: _Column | None = None
    tool: _Column | None = None
    department: _Column | None = None
    comment: list[_Column] = field(default_factory=list)
    ratings: dict[str, _Column] = field(default_factory=dict)
    sus: list[_Column] = field(default_factory=list)
    uxlite: list[_Column] = field(default_factory=list)
    effects: dict[str, _Column] = field(default_factory=dict)
    accuracy: dict[str, _Column] = field(default_factory=dict)


def read_responses(
    path: str | Path,
    mapping: FormMapping,
    plan: Plan,
    *,
    pseudonyms: Pseudonyms | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[ImportedResponse]:
    """Every response of a form export as validated feedback, or TrialImportError listing every problem.

    All or nothing: the list is returned only when every row the file holds is good.
    Respondents and e-mail addresses in response ids come back as `pseudonyms` gives
    them (for a workspace: `Pseudonyms.of_workspace(root)`); without it, as written.
    `progress`, if given, is called with (rows read, rows below the header) as the rows are read.
    """
    path = Path(path)
    file = path.name
    _check_against_plan(mapping, plan)
    grid = _read_grid(path, file, mapping.form)
    problems = RowProblems(file, "timport", TrialImportError)
    layout = _locate(grid, mapping, problems)
    problems.raise_if_any()
    reader = _RowReader(mapping, plan, layout, problems, pseudonyms)
    responses: list[ImportedResponse] = []
    first = mapping.form.header_row + 1
    total = max(len(grid.rows) - first + 1, 0)
    for number in range(first, len(grid.rows) + 1):
        if progress is not None:
            progress(number - first, total)
        cells = grid.rows[number - 1]
        if not any(cell.text for cell in cells):
            continue
        feedback = reader.read(number, cells, file)
        if feedback is not None:
            responses.append(ImportedResponse(number, feedback))
    if progress is not None:
        progress(total, total)
    problems.raise_if_any()
    return responses


def _read_grid(path: Path, file: str, form: FormInfo) -> Grid:
    if path.suffix.lower() not in (*WORKBOOK_SUFFIXES, ".csv", ".txt"):
        raise TrialImportError("timport.bad_suffix", file=file)
    try:
        return read_table(path, sheet=form.sheet)
    except TableError as error:
        if error.bounded:
            key, params = error.message(file)
            raise TrialImportError(key, problems=(), **params) from None
        if error.kind == "encoding":
            raise TrialImportError("timport.encoding", file=file) from None
        if error.kind == "no_sheet":
            names = ", ".join(f"'{name}'" for name in error.sheets)
            raise TrialImportError("timport.no_sheet", file=file, sheet=error.sheet, sheets=names) from None
        raise TrialImportError("timport.unreadable", file=file, reason=error.reason) from None


def _locate(grid: Grid, mapping: FormMapping, problems: RowProblems) -> _Layout:
    """Find every column the mapping names (and the service's own columns) in the header row."""
    header_row = mapping.form.header_row
    if len(grid.rows) < header_row or not any(cell.text for cell in grid.rows[header_row - 1]):
        raise TrialImportError("timport.no_header", file=problems.file, row=header_row, count=len(grid.rows))
    header_cells = grid.rows[header_row - 1]
    header = [cell.text for cell in header_cells]
    for index, cell in enumerate(header_cells):
        if cell.formula:
            problems.at(header_row, _Column(cell.text, index), "timport.formula", value=cell.text)
    for max_row, coord in grid.merged:
        if max_row >= header_row:
            problems.in_file("timport.merged", range=coord)
    listing = ", ".join(f"'{h}'" for h in header[:SHOWN] if h) + (" …" if len(header) > SHOWN else "")

    def matches(name: str) -> list[int]:
        exact = [i for i, h in enumerate(header) if h == name.strip()]
        return exact or [i for i, h in enumerate(header) if h and _norm(h) == _norm(name)]

    def find(name: str, path: Sequence[PathPart]) -> _Column | None:
        found = matches(name)
        where = format_path(path)
        if len(found) == 1:
            return _Column(header[found[0]], found[0])
        if not found:
            problems.in_file("timport.missing_column", column=name, field=where, columns=listing)
        else:
            cells = ", ".join(cell_name(header_row, i + 1) for i in found)
            problems.in_file("timport.repeated_column", column=name, field=where, count=len(found), cells=cells)
        return None

    def service_column(names: Sequence[str]) -> _Column | None:
        for name in names:
            found = matches(name)
            if len(found) == 1:
                return _Column(header[found[0]], found[0])
        return None

    layout = _Layout()
    service = mapping.form.service
    default_date: _Column | None = None
    if service == "microsoft-forms":
        layout.response_id = service_column(_MS_ID)
        if layout.response_id is None:
            problems.in_file("timport.not_export", column=_MS_ID[0], service=_SERVICE_NAMES[service])
        default_date = service_column(_MS_COMPLETED)
    elif service == "google-forms":
        layout.timestamp = service_column(_GOOGLE_TIMESTAMP)
        if layout.timestamp is None:
            problems.in_file("timport.not_export", column="Timestamp / タイムスタンプ", service=_SERVICE_NAMES[service])
        layout.email = service_column(_GOOGLE_EMAIL)
        default_date = layout.timestamp
    columns = mapping.columns
    if columns.response_id is not None:
        layout.response_id = find(columns.response_id, ["columns", "response_id"])
        layout.timestamp = None
    layout.date = find(columns.date, ["columns", "date"]) if columns.date is not None else default_date
    for name in ("respondent", "role", "tool", "department"):
        header_name = getattr(columns, name)
        if header_name is not None:
            setattr(layout, name, find(header_name, ["columns", name]))
    layout.comment = _found(find(h, ["columns", "comment", i]) for i, h in enumerate(columns.comment))
    for criterion_id, h in columns.ratings.items():
        if (column := find(h, ["columns", "ratings", criterion_id])) is not None:
            layout.ratings[criterion_id] = column
    layout.sus = _found(find(h, ["columns", "sus", i]) for i, h in enumerate(columns.sus or []))
    layout.uxlite = _found(find(h, ["columns", "uxlite", i]) for i, h in enumerate(columns.uxlite or []))
    for group in ("effects", "accuracy"):
        for name, h in getattr(columns, group).model_dump().items():
            if h is not None and (column := find(h, ["columns", group, name])) is not None:
                getattr(layout, group)[name] = column
    return layout


def _found(columns: Iterable[_Column | None]) -> list[_Column]:
    return [c for c in columns if c is not None]


# --- one response -----------------------------------------------------------------------


class _RowReader:
    """Turns one row into Feedback, reporting each bad cell; keeps what duplicates need."""

    def __init__(
        self, mapping: FormMapping, plan: Plan, layout: _Layout, problems: RowProblems, pseudonyms: Pseudonyms | None
    ) -> None:
        self.pseudonyms = pseudonyms
        self.mapping = mapping
        self.plan = plan
        self.layout = layout
        self.problems = problems
        self.tools = _choices(((t.id, t.name) for t in plan.tools), mapping.answers.tool)
        self.departments = _choices(((d.id, d.name) for d in plan.departments), mapping.answers.department)
        self.scale = {_norm(answer): number for answer, number in mapping.answers.scale.items()}
        self.ids: dict[str, int] = {}
        self.made_ids: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        # per row
        self.row = 0
        self.cells: Sequence[Cell] = ()
        self.bad = False

    def read(self, row: int, cells: Sequence[Cell], file: str) -> Feedback | None:
        self.row, self.cells, self.bad = row, cells, False
        layout, fixed = self.layout, self.mapping.fixed
        response_id, made = self._response_id()
        tool = self._choice(layout.tool, fixed.tool, self.tools, "tool")
        department = self._choice(layout.department, fixed.department, self.departments, "department")
        date = self._date(layout.date)
        respondent = self._person(self._text(layout.respondent))
        role = self._text(layout.role) if layout.role is not None else fixed.role
        ratings = self._ratings()
        comment = self._comment()
        sus = self._questionnaire(layout.sus, "SUS")
        uxlite = self._questionnaire(layout.uxlite, "UX-Lite")
        effects = self._effects()
        accuracy = self._accuracy()
        if self.bad or tool is None or department is None:
            return None
        if not (ratings or comment or effects or accuracy or sus or uxlite):
            self.problems.in_row(row, "timport.says_nothing")
            return None
        try:
            feedback = Feedback(
                tool=tool,
                department=department,
                respondent=respondent,
                role=role,
                date=date,
                ratings=ratings,
                comment=comment,
                effects=effects,
                accuracy=accuracy,
                sus=sus,
                uxlite=uxlite,
                source=FeedbackSource(service=self.mapping.source_name, file=file, row=row, response_id=response_id),
            )
        except ValidationError as error:
            self.problems.in_row(row, "timport.invalid", reason=error.errors()[0]["msg"])
            return None
        if made and response_id is not None:
            return self._unique_made_id(feedback, response_id)
        return feedback

    # --- cells

    def _value(self, column: _Column | None) -> str | None:
        """The cell's text ("" when empty), or None when it cannot be used (reported)."""
        if column is None:
            return ""
        cell = self.cells[column.index] if column.index < len(self.cells) else Cell("")
        if cell.formula:
            self._problem(column, "timport.formula", value=cell.text)
            return None
        return cell.text

    def _text(self, column: _Column | None) -> str | None:
        value = self._value(column)
        return value or None

    def _problem(self, column: _Column, key: str, **params: object) -> None:
        self.problems.at(self.row, column, key, **params)
        self.bad = True

    # --- fields

    def _response_id(self) -> tuple[str | None, bool]:
        """The response id, and whether it was made from the timestamp (Google Forms gives none)."""
        layout = self.layout
        if layout.response_id is not None:
            value = self._text(layout.response_id)
            if value is None:
                return None, False
            first = self.ids.setdefault(value, self.row)
            if first != self.row:
                self._problem(layout.response_id, "timport.duplicate_id", value=value, first=first)
            return (self.pseudonyms.scrub(value) if self.pseudonyms is not None else value), False
        if layout.timestamp is None:
            return None, False
        stamp = self._value(layout.timestamp)
        if not stamp:
            return None, True
        moment = _parse_moment(stamp, self.mapping.form.day_first)
        if moment is None:
            if layout.date is None or layout.date.index != layout.timestamp.index:  # else reported as the date
                self._problem(layout.timestamp, "timport.not_date", value=stamp)
            return None, True
        who = self._person(self._text(layout.email) or self._text(layout.respondent))
        made = moment.isoformat(timespec="seconds")
        return (f"{made} {who}" if who else made), True

    def _person(self, who: str | None) -> str | None:
        """A respondent's name or address as its pseudonym (as written without pseudonyms); None when anonymous."""
        if who is None or who.casefold() == _ANONYMOUS:
            return None
        return self.pseudonyms.of(who) if self.pseudonyms is not None else who

    def _unique_made_id(self, feedback: Feedback, response_id: str) -> Feedback | None:
        """Two rows with the same timestamp and respondent are the same response only if they say the same."""
        said = feedback.model_dump(mode="json", exclude={"source"})
        earlier = self.made_ids.setdefault(response_id, [])
        for row, content in earlier:
            if content == said:
                column = self.layout.timestamp or _Column("", 0)
                self._problem(column, "timport.repeated_response", first=row)
                return None
        earlier.append((self.row, said))
        if len(earlier) == 1 or feedback.source is None:
            return feedback
        source = feedback.source.model_copy(update={"response_id": f"{response_id} #{len(earlier)}"})
        return feedback.model_copy(update={"source": source})

    def _choice(self, column: _Column | None, fixed: str | None, table: dict[str, str], what: str) -> str | None:
        if column is None:
            return fixed
        value = self._value(column)
        if value is None:
            return None
        if not value:
            self._problem(column, "timport.blank", field=Message(f"timport.field.{what}"))
            return None
        found = table.get(_norm(value))
        if found is None:
            ids = self.plan.tools if what == "tool" else self.plan.departments
            self._problem(column, f"timport.unknown_{what}", value=value, known=_known(i.id for i in ids))
        return found

    def _date(self, column: _Column | None) -> _dt.date | None:
        value = self._value(column)
        if not value or column is None:
            return None
        moment = _parse_moment(value, self.mapping.form.day_first)
        if moment is None:
            self._problem(column, "timport.not_date", value=value)
            return None
        return moment.date()

    def _ratings(self) -> dict[str, str]:
        ratings: dict[str, str] = {}
        for criterion_id, column in self.layout.ratings.items():
            value = self._value(column)
            criterion = self.plan.criterion(criterion_id)
            scale = self.plan.scale_of(criterion) if criterion is not None else None
            if not value or criterion is None or scale is None:
                continue
            level = self._level(value, criterion, scale)
            if level is None:
                self._problem(column, "timport.off_scale", value=value, criterion=criterion_id, levels=scale.describe())
            else:
                ratings[criterion_id] = level
        return ratings

    def _level(self, value: str, criterion: Criterion, scale: Scale) -> str | None:
        key = _norm(value)
        written = str(self.scale[key]) if key in self.scale else unicodedata.normalize("NFKC", value).strip()
        if criterion.kind == "must":
            written = MUST_ALIASES.get(written.casefold(), written)
        levels = scale.levels()
        if written in levels:
            return written
        folded = [level for level in levels if level.casefold() == written.casefold()]
        return folded[0] if len(folded) == 1 else None

    def _comment(self) -> str | None:
        answered = [(c, v) for c in self.layout.comment if (v := self._text(c))]
        if len(self.layout.comment) == 1:
            return answered[0][1] if answered else None
        return "\n".join(f"{c.header}: {v}" for c, v in answered) or None

    def _questionnaire(self, columns: list[_Column], part: str) -> list[int] | None:
        values = [self._value(c) for c in columns]
        if not any(values) or any(v is None for v in values):
            return None
        answers: list[int] = []
        for column, value in zip(columns, values, strict=True):
            if not value:
                self._problem(column, "timport.gap", part=part)
                continue
            answer = self._answer(value)
            if answer is None:
                self._problem(column, "timport.not_answer", value=value)
                continue
            answers.append(answer)
        return answers if len(answers) == len(columns) else None

    def _answer(self, value: str) -> int | None:
        key = _norm(value)
        if key in self.scale:
            return self.scale[key]
        return int(key) if re.fullmatch(r"[1-5]", key) else None

    def _effects(self) -> Effects | None:
        columns, fixed = self.layout.effects, self.mapping.fixed.effects
        values = {name: self._value(column) for name, column in columns.items()}
        if not any(values.values()) or any(v is None for v in values.values()):
            return None
        numbers: dict[str, Decimal] = {}
        for name in _EFFECTS:
            column = columns.get(name)
            if column is None:
                given = getattr(fixed, name)
                if given is not None:
                    numbers[name] = given
                continue
            value = values[name] or ""
            if not value:
                self._problem(column, "timport.effects_gap")
                continue
            number = self._number(column, value)
            if number is None:
                continue
            if name in _POSITIVE_EFFECTS and number <= 0:
                self._problem(column, "timport.not_positive", value=value)
            elif number < 0:
                self._problem(column, "timport.negative", value=value)
            else:
                numbers[name] = number
        if len(numbers) != len(_EFFECTS):
            return None
        return Effects(**numbers)

    def _accuracy(self) -> AccuracySample | None:
        columns = self.layout.accuracy
        values = {name: self._value(column) for name, column in columns.items()}
        if not any(values.values()) or any(v is None for v in values.values()):
            return None
        counts: dict[str, int] = {}
        for name in ("correct", "total"):
            column = columns.get(name)
            if column is None:
                continue
            value = values[name] or ""
            if not value:
                self._problem(column, "timport.accuracy_gap")
                continue
            number = self._number(column, value)
            if number is None:
                continue
            if number != number.to_integral_value():
                self._problem(column, "timport.not_whole", value=value)
            elif name == "total" and number <= 0:
                self._problem(column, "timport.not_positive", value=value)
            elif number < 0:
                self._problem(column, "timport.negative", value=value)
            else:
                counts[name] = int(number)
        unit: AccuracyUnit | None = self.mapping.fixed.accuracy.unit
        unit_column = columns.get("unit")
        if unit_column is not None:
            written = values["unit"] or ""
            unit = _UNITS.get(_norm(written)) if written else None
            if not written:
                self._problem(unit_column, "timport.accuracy_gap")
            elif unit is None:
                self._problem(unit_column, "timport.bad_unit", value=written)
        if len(counts) != 2 or unit is None:
            return None
        if counts["correct"] > counts["total"]:
            self._problem(columns["correct"], "timport.correct_over_total", **counts)
            return None
        return AccuracySample(correct=counts["correct"], total=counts["total"], unit=unit)

    def _number(self, column: _Column, value: str) -> Decimal | None:
        number = _parse_number(value)
        if number is None:
            self._problem(column, "timport.not_number", value=value)
        return number


def _choices(items: Iterable[tuple[str, Text]], answers: Mapping[str, str]) -> dict[str, str]:
    """Answer text → id: the plan's ids and names in either language, then the mapping's table."""
    table: dict[str, str] = {}
    for item_id, name in items:
        for text in (item_id, name.ja, name.en):
            if text:
                table.setdefault(_norm(text), item_id)
    for answer, item_id in answers.items():
        table[_norm(answer)] = item_id
    return table


# --- numbers and dates as people and services write them -------------------------------

_NUMBER = re.compile(r"(?P<sign>[-−]?)(?P<whole>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]*)(?P<fraction>\.[0-9]+)?")


def _parse_number(value: str) -> Decimal | None:
    """12, 12.5, 1,200, full-width １２ (NFKC); None for anything else, units included."""
    text = unicodedata.normalize("NFKC", value).strip()
    match = _NUMBER.fullmatch(text)
    if match is None or not (match["whole"] or match["fraction"]):
        return None
    sign = "-" if match["sign"] else ""
    return Decimal(sign + (match["whole"] or "0").replace(",", "") + (match["fraction"] or ""))


_TIME = (
    r"(?:(?P<ampm1>午前|午後|AM|PM)\s*)?(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
    r"(?:\s*(?P<ampm2>AM|PM|午前|午後))?(?:\s*(?:GMT|UTC)\s*[+-]\d{1,2}(?::?\d{2})?|\s*JST|Z|[+-]\d{2}:?\d{2})?"
)
_YEAR_FIRST = re.compile(
    rf"(?P<year>\d{{4}})[/.-](?P<month>\d{{1,2}})[/.-](?P<day>\d{{1,2}})(?:(?:\s+|T){_TIME})?", re.IGNORECASE
)
_YEAR_LAST = re.compile(rf"(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<year>\d{{4}}|\d{{2}}),?(?:\s+{_TIME})?", re.IGNORECASE)
_KANJI = re.compile(rf"(?P<year>\d{{4}})年(?P<month>\d{{1,2}})月(?P<day>\d{{1,2}})日(?:\s*{_TIME})?", re.IGNORECASE)


def _parse_moment(value: str, day_first: bool = False) -> _dt.datetime | None:
    """A date and time as exported: 2026/10/03 9:15:02, 10/3/26 9:15:02, 2026-10-03T09:15:02, 2026年10月3日.

    A year of two digits is in the 2000s. With the year last, the month comes first
    unless `day_first`. A time zone suffix (GMT+9) is ignored: the date is the one shown.
    """
    text = unicodedata.normalize("NFKC", value).strip()
    match = _YEAR_FIRST.fullmatch(text) or _KANJI.fullmatch(text)
    if match is not None:
        year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    else:
        match = _YEAR_LAST.fullmatch(text)
        if match is None:
            return None
        first, second = int(match["a"]), int(match["b"])
        month, day = (second, first) if day_first else (first, second)
        year = int(match["year"]) + (2000 if len(match["year"]) == 2 else 0)
    hour = int(match["hour"] or 0)
    marker = (match["ampm1"] or match["ampm2"] or "").upper()
    if marker:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if marker in ("PM", "午後") else 0)
    try:
        return _dt.datetime(year, month, day, hour, int(match["minute"] or 0), int(match["second"] or 0))
    except ValueError:
        return None
