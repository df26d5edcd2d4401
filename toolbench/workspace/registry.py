"""Lists the registries publish (ISMAP, ASPIC, LGWAN-ASP), read through a layout and recorded as facts.

A registry publishes the services it has registered or certified: the ISMAP cloud
service list, ASPIC's list of certified services, J-LIS's LGWAN-ASP services. A user
downloads the list from the registry's own site (or gives its address) and imports
it: each plan tool found in the list gets the registry's fact (`ismap`, `aspic` …)
with the registration number, the expiry where the list gives one, the list as its
source and the day it was downloaded as the date it was seen.

The exact column headings of these lists could not be confirmed from a published
specification (docs/registries.md says what is known and from where), so a layout
recognises columns by heading words (登録番号, サービス名 …) rather than by position,
and every import says which column each field was taken from, for the user to check
against the download. A layout file (TOML) names other headings, or `extends` a
shipped layout and replaces what differs.

All or nothing: every problem of the file is named at once by row, column heading
and cell (a date that is not a date, a number missing, malformed or given twice, a
service without a name, an expiry before the registration, a heading the layout
names that the file lacks …), then every problem of matching the plan's tools to
rows; nothing is recorded unless the file and the matches are good, and
`Facts.record` then records every fact or none.

Matching is never a guess. A tool matches a row when the row's company is the tool's
vendor or maker (company names compared as conflicts of interest compare them,
with the plan's aliases) and the row's service name is the tool's name, or contains
it; several such rows are a problem to settle with `--match TOOL=NUMBER`. A tool not
found is reported, and gets "no" only when the user says the list is complete
(`absent_means_no`): a list is complete only on the day it was downloaded.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
import unicodedata
from calendar import monthrange
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal
from urllib.parse import unquote, urlsplit

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from toolbench.base.cells import column_letters
from toolbench.base.errors import CatalogError, PlanError, Problem, ToolbenchError
from toolbench.base.i18n import MESSAGES, Message
from toolbench.base.text import text_problem
from toolbench.base.times import DateInputError, local, parse_date
from toolbench.base.toml_lines import LineIndex
from toolbench.methods.coi import CompanyNames
from toolbench.model.facts import FACT_KEYS, Fact, known_key
from toolbench.model.plan import LocalText, Plan, Tool, _Collector, parse_toml_text
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

if TYPE_CHECKING:
    from toolbench.store.ledger import Event
    from toolbench.workspace.workspace import Workspace

__all__ = [
    "ABSENT",
    "DEFAULT_MAX_BYTES",
    "FIELDS",
    "SHIPPED_LAYOUTS",
    "Download",
    "ListedColumn",
    "ListedService",
    "RegistryError",
    "RegistryImport",
    "RegistryLayout",
    "RegistryList",
    "ToolMatch",
    "import_list",
    "layout_named",
    "load_layout",
    "match_tools",
    "parse_layout",
    "read_list",
    "shipped_layout",
]

ListField = Literal["service", "company", "number", "registered", "expires", "disclosed", "remarks", "status"]
FIELDS: Final[tuple[ListField, ...]] = (
    "service",
    "company",
    "number",
    "registered",
    "expires",
    "disclosed",
    "remarks",
    "status",
)
"""What a layout can read from a list, in the order an import reports where each came from."""
_REQUIRED: Final[tuple[ListField, ...]] = ("service", "number")
_DATES: Final[tuple[ListField, ...]] = ("registered", "expires", "disclosed")
_HEADER_SEARCH: Final = 20
"""Without `header_row`, the heading row is looked for in this many rows from the top (titles come first)."""
_NUMBER_MAX: Final = 80
_DETAIL_MAX: Final = 400
DEFAULT_MAX_BYTES: Final = 16 * 1024 * 1024
"""The largest list `--url` downloads unless told otherwise (16 MiB: a list of services is far smaller)."""
ABSENT: Final = "-"
"""`--match TOOL=-`: the user says the tool is not in the list (recorded as "no")."""


class RegistryError(ToolbenchError):
    """A layout, list file, download or match that cannot be imported; `problems` lists every reason.

    The message names the file, row, column heading and cell of each problem (the first
    30, then how many more). Nothing was recorded.
    """

    def __init__(self, key: str, *, problems: Sequence[Message] = (), **params: object) -> None:
        self.problems: tuple[Message, ...] = tuple(problems)
        super().__init__(key, **params)


# --- shipped layouts ------------------------------------------------------------------------

# Each is a layout file as a user would write one (docs/registries.md shows them and says
# what each heading word rests on); tests/test_registry_import.py checks the docs quote them.
SHIPPED_LAYOUTS: Final[Mapping[str, str]] = {
    "ismap": """\
# ISMAP クラウドサービスリスト (https://www.ismap.go.jp/csm?id=cloud_service_list).
# The list's exact headings are not published in a specification: columns are found by
# these words. ISMAP numbers seen in public sources read C21-0005-2 (the pattern below
# is inferred from them). The expiry rule (1 year 4 months after the day following the
# audit period, and longer while a renewal is pending) is not applied: the list's
# audit-period column could not be confirmed; an expiry column is read when there is one.
[list]
key = "ismap"
name = { ja = "ISMAP クラウドサービスリスト", en = "ISMAP cloud service list" }
source = "https://www.ismap.go.jp/csm?id=cloud_service_list"
number_pattern = '^C\\d{2}-\\d{4}-\\d+$'
number_form = "C21-0005-2"

[columns]
number = ["登録番号"]
service = ["クラウドサービスの名称", "クラウドサービス名", "サービスの名称", "サービス名称", "サービス名"]
company = ["クラウドサービス事業者", "事業者名", "事業者の名称", "申請者", "会社名"]
registered = ["登録日", "登録年月日"]
expires = ["有効期限", "登録の有効期限", "有効期間"]
remarks = ["備考"]
status = ["ステータス", "状態", "登録状況"]

[status]
not_held = ["取消", "取り消し", "抹消", "失効", "停止", "廃止", "辞退"]
""",
    "ismap-liu": """\
# ISMAP-LIU クラウドサービスリスト, published on the ISMAP portal beside the ISMAP list.
# Its headings and number form could not be confirmed: the ISMAP heading words are used,
# no number pattern is checked, and the list's address must be given (--source or --url).
[list]
key = "ismap-liu"
name = { ja = "ISMAP-LIU クラウドサービスリスト", en = "ISMAP-LIU cloud service list" }

[columns]
number = ["登録番号"]
service = ["クラウドサービスの名称", "クラウドサービス名", "サービスの名称", "サービス名称", "サービス名"]
company = ["クラウドサービス事業者", "事業者名", "事業者の名称", "申請者", "会社名"]
registered = ["登録日", "登録年月日"]
expires = ["有効期限", "登録の有効期限", "有効期間"]
remarks = ["備考"]
status = ["ステータス", "状態", "登録状況"]

[status]
not_held = ["取消", "取り消し", "抹消", "失効", "停止", "廃止", "辞退"]
""",
    "aspic": """\
# ASPIC クラウドサービス情報開示認定 (certified services, published by ASPIC).
# The list's headings could not be confirmed: columns are found by these words, and the
# list's address must be given (--source or --url). Numbers are not checked against a
# pattern: ASPIC documents one only for IaaS・PaaS (IP, a 4-digit serial, a 4-digit
# year and month). ASPIC's guide: 開示情報の日付から2年後で認定の有効期間が満了
# (https://aspicjapan.org/nintei/guide). With no expiry column but a disclosure-date
# column, the expiry is that date plus 2 years, less one day: the earlier of the two
# readings of 満了, so that a certificate never counts a day longer than it may run.
[list]
key = "aspic"
name = { ja = "ASPIC クラウドサービス情報開示認定", en = "ASPIC cloud service disclosure certification" }

[columns]
number = ["認定番号"]
service = ["サービス名称", "サービス名", "認定サービス名", "サービスの名称"]
company = ["事業者名", "会社名", "企業名", "申請者"]
registered = ["認定日", "認定年月日"]
expires = ["有効期限", "有効期間", "有効期間満了日"]
disclosed = ["開示情報の日付", "情報開示日", "開示日"]
remarks = ["備考"]
status = ["ステータス", "状態"]

[expiry]
from = "disclosed"
years = 2
days = -1
rule = "https://aspicjapan.org/nintei/guide"

[status]
not_held = ["取消", "取り消し", "失効", "停止", "廃止", "辞退"]
""",
    "lgwan-asp": """\
# LGWAN-ASP services registered with J-LIS (地方公共団体情報システム機構).
# The list's headings and number form could not be confirmed: columns are found by these
# words, no number pattern is checked, and the list's address must be given (--source
# or --url). A service's registration is one thing; a network with an LGWAN line, a
# connection method or an endpoint are others, and are not what this fact says.
[list]
key = "lgwan-asp"
name = { ja = "LGWAN-ASP サービス", en = "LGWAN-ASP services" }

[columns]
number = ["登録番号", "サービス登録番号", "サービスコード", "サービス番号"]
service = ["サービス名称", "サービス名", "アプリケーション名"]
company = ["提供者名", "事業者名", "サービス提供者", "会社名", "企業名"]
registered = ["登録日", "登録年月日", "提供開始日"]
expires = ["有効期限"]
remarks = ["備考"]
status = ["ステータス", "状態"]

[status]
not_held = ["廃止", "停止", "終了", "取消"]
""",
}
"""The shipped layouts by name, as layout files (TOML)."""


# --- the layout -------------------------------------------------------------------------


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _listed(value: object) -> object:
    return [value] if isinstance(value, str) else value


Words = Annotated[tuple[str, ...], BeforeValidator(_listed)]


class ListInfo(_Model):
    """`[list]`: which fact a row gives, where the list is published, and where in the file its rows are."""

    key: str
    """The fact each listed service gives (value: registered): ismap, ismap-liu, aspic, lgwan-asp …"""
    name: LocalText | None = None
    source: str | None = Field(default=None, max_length=400)
    """The list's address, recorded as each fact's source unless --source or --url says otherwise."""
    sheet: str | None = None
    """XLSX only: the sheet to read (default: the first)."""
    header_row: int | None = Field(default=None, ge=1)
    """The row with the headings (default: the first of the top 20 rows holding the required ones)."""
    number_pattern: str | None = None
    """A regular expression each registration number must match in full."""
    number_form: str | None = None
    """An example of a number, shown when one does not match the pattern."""


class LayoutColumns(_Model):
    """`[columns]`: field → heading words. A heading equal to a word is taken first, else one containing it."""

    service: Words = ()
    company: Words = ()
    number: Words = ()
    registered: Words = ()
    expires: Words = ()
    disclosed: Words = ()
    remarks: Words = ()
    status: Words = ()


class ExpiryRule(_Model):
    """`[expiry]`: the last valid day derived from a date column, where the registry publishes such a rule."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    basis: Literal["registered", "disclosed"] = Field(alias="from")
    years: int = Field(default=0, ge=0, le=10)
    months: int = Field(default=0, ge=0, le=120)
    days: int = Field(default=0, ge=-366, le=366)
    rule: str = Field(min_length=1, max_length=400)
    """Where the registry publishes the rule (a URL or a document's name)."""


class StatusWords(_Model):
    """`[status]`: words that, in a matched row's status or remarks, leave the registration in doubt."""

    not_held: Words = ()


_SECTIONS: Final[dict[str, type[_Model]]] = {
    "list": ListInfo,
    "columns": LayoutColumns,
    "expiry": ExpiryRule,
    "status": StatusWords,
}


@dataclass(frozen=True)
class RegistryLayout:
    """A validated layout: how one registry's list becomes facts. Build one with `layout_named`."""

    name: str
    """The shipped layout's name, or the layout file's stem: recorded in each fact's origin."""
    info: ListInfo
    columns: LayoutColumns
    expiry: ExpiryRule | None = None
    status: StatusWords = StatusWords()
    required: frozenset[str] = frozenset(_REQUIRED)
    """Fields whose heading the file must have: service and number, and what a layout file names itself."""
    file: str = ""
    """Where the layout came from: a file's path, or "" for a shipped layout."""
    text: str = field(default="", repr=False)

    @property
    def key(self) -> str:
        return self.info.key

    def words(self, name: str) -> tuple[str, ...]:
        words: tuple[str, ...] = getattr(self.columns, name)
        return words


def shipped_layout(name: str) -> RegistryLayout:
    """A shipped layout by name (`SHIPPED_LAYOUTS`); RegistryError naming those there are."""
    text = SHIPPED_LAYOUTS.get(name)
    if text is None:
        raise RegistryError("registry.unknown_layout", name=name, known=", ".join(SHIPPED_LAYOUTS))
    layout = parse_layout(parse_toml_text(text, name), name=name, text=text)
    # a shipped layout reads each column it lists when the file has it: only service and number must be there
    return RegistryLayout(
        name=layout.name,
        info=layout.info,
        columns=layout.columns,
        expiry=layout.expiry,
        status=layout.status,
        text=text,
    )


def layout_named(value: str) -> RegistryLayout:
    """A shipped layout (`ismap`), or the layout file at a path (`my-ismap.toml`)."""
    if value in SHIPPED_LAYOUTS:
        return shipped_layout(value)
    if value.lower().endswith(".toml") or Path(value).exists():
        return load_layout(value)
    raise RegistryError("registry.unknown_layout", name=value, known=", ".join(SHIPPED_LAYOUTS))


def load_layout(path: str | Path) -> RegistryLayout:
    """Read and validate a layout file; RegistryError naming the line and key of each problem."""
    path = Path(path)
    file = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise RegistryError("registry.layout_unreadable", file=file, reason=error.strerror or str(error)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RegistryError("registry.layout_encoding", file=file) from None
    try:
        data = parse_toml_text(text, file)
    except PlanError as error:
        raise _layout_error(file, error.problems) from None
    return parse_layout(data, name=path.stem, file=file, text=text)


def parse_layout(data: Mapping[str, Any], *, name: str, file: str = "", text: str | None = None) -> RegistryLayout:
    """Validate layout data (as read from TOML). With `extends`, a shipped layout's sections are the defaults.

    A layout file's own `[columns]` headings must be in the file it reads; those it
    inherits are read when present. `text`, when given, lets problems name their line.
    """
    where = file or name
    out = _Collector(where, LineIndex(text) if text is not None else None)
    base: dict[str, Any] = {}
    extends = data.get("extends")
    if extends is not None:
        if not isinstance(extends, str) or extends not in SHIPPED_LAYOUTS:
            out.add(["extends"], "registry.bad_extends", value=str(extends), known=", ".join(SHIPPED_LAYOUTS))
        else:
            base = parse_toml_text(SHIPPED_LAYOUTS[extends], extends)
    for key in data:
        if key not in _SECTIONS and key != "extends":
            out.add([key], "plan.unknown_key", allowed=", ".join(["extends", *_SECTIONS]))
    merged: dict[str, Any] = {}
    for key in _SECTIONS:
        inherited, own = base.get(key), data.get(key)
        if key in ("list", "columns") and isinstance(inherited, Mapping) and isinstance(own, Mapping):
            merged[key] = {**inherited, **own}
        elif own is not None:
            merged[key] = own
        elif inherited is not None:
            merged[key] = inherited
    if "list" not in merged:
        out.add(["list"], "plan.missing")
    parsed: dict[str, Any] = {}
    for key, model in _SECTIONS.items():
        if key in merged:
            try:
                parsed[key] = model.model_validate(merged[key])
            except ValidationError as error:
                out.validation([key], error, model)
    own_columns = data.get("columns") if isinstance(data.get("columns"), Mapping) else {}
    named = {str(k) for k in own_columns or {} if k in FIELDS}
    if not out.problems:
        _check_layout(parsed, out)
    if out.problems:
        raise _layout_error(where, out.problems)
    columns: LayoutColumns = parsed.get("columns", LayoutColumns())
    required = {*_REQUIRED, *(n for n in named if columns.model_dump()[n])}
    return RegistryLayout(
        name=name,
        info=parsed["list"],
        columns=columns,
        expiry=parsed.get("expiry"),
        status=parsed.get("status", StatusWords()),
        required=frozenset(required),
        file=file,
        text=text or "",
    )


def _check_layout(parsed: dict[str, Any], out: _Collector) -> None:
    """Rules between keys: a held fact key, the required headings, a pattern that compiles, a rule's basis."""
    info: ListInfo = parsed["list"]
    held = [k for k, spec in FACT_KEYS.items() if spec.type == "held"]
    key = known_key(info.key)
    if key is None or FACT_KEYS[key].type != "held":
        out.add(["list", "key"], "registry.key_not_held", value=info.key, known=", ".join(held))
    elif key != info.key:
        parsed["list"] = info.model_copy(update={"key": key})
    if info.number_pattern is not None:
        try:
            re.compile(info.number_pattern)
        except re.error as error:
            out.add(["list", "number_pattern"], "registry.bad_pattern", reason=str(error))
    if info.source is not None and not info.source.strip():
        out.add(["list", "source"], "registry.blank_source")
    columns: LayoutColumns = parsed.get("columns", LayoutColumns())
    for name in _REQUIRED:
        if not columns.model_dump()[name]:
            out.add(["columns", name], "registry.needs_column", field=Message(f"registry.field.{name}"))
    for column, words in columns.model_dump().items():
        for index, word in enumerate(words):
            if not _heading(word):
                out.add(["columns", column, index], "registry.blank_word")
    expiry: ExpiryRule | None = parsed.get("expiry")
    if expiry is not None:
        if not columns.model_dump()[expiry.basis]:
            out.add(["expiry", "from"], "registry.rule_basis", field=Message(f"registry.field.{expiry.basis}"))
        if not (expiry.years or expiry.months or expiry.days > 0):
            out.add(["expiry"], "registry.rule_empty")
    status: StatusWords = parsed.get("status", StatusWords())
    for index, word in enumerate(status.not_held):
        if not word.strip():
            out.add(["status", "not_held", index], "registry.blank_word")


def _layout_error(file: str, problems: Sequence[Problem]) -> RegistryError:
    return _error(
        file, problem_lines(problems, "registry.layout_at", "registry.layout_at_file"), "registry.layout_problems"
    )


def _error(file: str, lines: Sequence[Message], header: str) -> RegistryError:
    """One problem as one line; several as a header and the first 30, then how many more."""
    return capped_error(RegistryError, file, lines, header, "registry.more")


# --- reading the list --------------------------------------------------------------------


def _heading(text: str) -> str:
    """How headings and heading words compare: width (NFKC) and case folded, every space and line break gone."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def _plain(text: str) -> str:
    """A cell's text on one line, as the list writes it: runs of spaces and line breaks as one space."""
    return " ".join(text.split())


@dataclass(frozen=True)
class ListedColumn:
    """Where one field was read: its heading as written and its column (0-based index)."""

    field: str
    header: str
    index: int

    @property
    def letter(self) -> str:
        return column_letters(self.index + 1)


@dataclass(frozen=True)
class ListedService:
    """One row of the list, read and checked."""

    row: int
    """The row as the spreadsheet shows it."""
    number: str
    number_cell: str
    """Where the number was read (`A12`): recorded as the fact's place in its source."""
    service: str
    company: str | None = None
    registered: date | None = None
    expires: date | None = None
    expires_derived: bool = False
    """True when the expiry comes from the layout's `[expiry]` rule, not from the list."""
    disclosed: date | None = None
    remarks: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class RegistryList:
    """A list file as the layout read it: where each field came from, and every service in it."""

    file: str
    sha256: str
    layout: RegistryLayout
    header_row: int
    columns: tuple[ListedColumn, ...]
    """The fields found, in `FIELDS` order."""
    absent: tuple[str, ...]
    """Fields the layout reads when present that the file lacks."""
    services: tuple[ListedService, ...]
    notes: tuple[int, ...] = ()
    """Rows read as notes (one cell starting ※ or 注) and left out."""
    sheet: str | None = None

    def column(self, name: str) -> ListedColumn | None:
        return next((c for c in self.columns if c.field == name), None)

    def by_number(self, number: str) -> ListedService | None:
        key = _number_key(number)
        return next((s for s in self.services if _number_key(s.number) == key), None)


def read_list(
    path: str | Path, layout: RegistryLayout, *, sheet: str | None = None, name: str | None = None
) -> RegistryList:
    """Every service of a list file, or RegistryError naming every problem (by row, heading and cell).

    `sheet` overrides the layout's; `name` is how messages name the file (default: its name).
    """
    path = Path(path)
    file = name or path.name
    sheet = sheet or layout.info.sheet
    grid = _read_grid(path, file, sheet)
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as error:
        raise RegistryError("registry.unreadable", file=file, reason=error.strerror or str(error)) from None
    grid = _unmerged(grid)
    problems = RowProblems(file, "registry", RegistryError)
    header_row = _header_row(grid, layout, file)
    columns, absent = _locate(grid, header_row, layout, problems)
    problems.raise_if_any()
    reader = _RowReader(layout, {c.field: c for c in columns}, problems)
    services: list[ListedService] = []
    notes: list[int] = []
    for number in range(header_row + 1, len(grid.rows) + 1):
        cells = grid.rows[number - 1]
        filled = [c for c in cells if c.text]
        if not filled:
            continue
        if len(filled) == 1 and _is_note(filled[0].text):
            notes.append(number)
            continue
        service = reader.read(number, cells)
        if service is not None:
            services.append(service)
    if not services and not problems.items:
        problems.in_file("registry.no_rows", row=header_row)
    problems.raise_if_any()
    return RegistryList(file, digest, layout, header_row, columns, absent, tuple(services), tuple(notes), sheet)


def _read_grid(path: Path, file: str, sheet: str | None) -> Grid:
    if path.suffix.lower() not in (*WORKBOOK_SUFFIXES, ".csv", ".txt"):
        raise RegistryError("registry.bad_suffix", file=file)
    if sheet is not None and path.suffix.lower() not in WORKBOOK_SUFFIXES:
        raise RegistryError("registry.sheet_not_workbook", file=file, sheet=sheet)
    try:
        # a formula's cell is read as the value Excel saved with it: what the download shows
        return read_table(path, sheet=sheet, saved_values=True)
    except TableError as error:
        if error.bounded:
            key, params = error.message(file)
            raise RegistryError(key, problems=(), **params) from None
        if error.kind == "encoding":
            raise RegistryError("registry.encoding", file=file) from None
        if error.kind == "no_sheet":
            names = ", ".join(f"'{s}'" for s in error.sheets)
            raise RegistryError("registry.no_sheet", file=file, sheet=error.sheet, sheets=names) from None
        raise RegistryError("registry.unreadable", file=file, reason=error.reason) from None


_RANGE = re.compile(r"^([A-Z]+)(\d+):([A-Z]+)(\d+)$")


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _unmerged(grid: Grid) -> Grid:
    """The grid with each merged range's value in every cell it covers, as the sheet shows it.

    Lists often merge a company's cell over the rows of its services; read cell by cell,
    all but the first of those rows would lack the company.
    """
    if not grid.merged:
        return grid
    rows = [list(row) for row in grid.rows]
    for merged in grid.merged:
        found = _RANGE.match(merged.cells)
        if found is None:
            continue
        first_col, first_row = _column_number(found[1]), int(found[2])
        last_col, last_row = _column_number(found[3]), int(found[4])
        value = grid.at(first_row, first_col)
        for r in range(first_row, min(last_row, len(rows)) + 1):
            row = rows[r - 1]
            while len(row) < last_col:
                row.append(Cell(""))
            for c in range(first_col, last_col + 1):
                row[c - 1] = value
    return Grid(tuple(tuple(row) for row in rows), ())


def _matches(headers: Sequence[str], words: Sequence[str]) -> list[int]:
    """Columns whose heading is one of `words`; failing that, those whose heading contains one."""
    keys = [_heading(h) for h in headers]
    wanted = [_heading(w) for w in words if _heading(w)]
    exact = [i for i, k in enumerate(keys) if k and k in wanted]
    if exact:
        return exact
    return [i for i, k in enumerate(keys) if k and any(w in k for w in wanted)]


def _header_row(grid: Grid, layout: RegistryLayout, file: str) -> int:
    """The heading row: the layout's, else the first of the top rows with a service name and a number heading."""
    given = layout.info.header_row
    if given is not None:
        if len(grid.rows) < given or not any(c.text for c in grid.rows[given - 1]):
            raise RegistryError("registry.no_header_at", file=file, row=given, count=len(grid.rows))
        return given
    for number, cells in enumerate(grid.rows[:_HEADER_SEARCH], start=1):
        headers = [c.text for c in cells]
        if all(_matches(headers, layout.words(f)) for f in _REQUIRED):
            return number
    first = next((r for r in grid.rows if any(c.text for c in r)), ())
    shown = ", ".join(f"'{c.text}'" for c in first[:12] if c.text) or "-"
    wanted = " & ".join("/".join(layout.words(f)) for f in _REQUIRED)
    raise RegistryError(
        "registry.no_header", file=file, wanted=wanted, rows=_HEADER_SEARCH, first=shown, layout=layout.name
    )


def _locate(
    grid: Grid, header_row: int, layout: RegistryLayout, problems: RowProblems
) -> tuple[tuple[ListedColumn, ...], tuple[str, ...]]:
    """Each field's column in the heading row; a required heading missing or a word fitting several is a problem."""
    cells = grid.rows[header_row - 1]
    headers = [c.text for c in cells]
    for index, cell in enumerate(cells):
        if cell.formula:
            problems.at(header_row, ListedColumn("", cell.text, index), "registry.formula", value=cell.text)
    listing = ", ".join(f"'{h}'" for h in headers[:SHOWN] if h) + (" …" if len(headers) > SHOWN else "")
    found: list[ListedColumn] = []
    absent: list[str] = []
    taken: dict[int, str] = {}
    for name in FIELDS:
        words = layout.words(name)
        if not words:
            continue
        label = Message(f"registry.field.{name}")
        indexes = _matches(headers, words)
        if not indexes:
            if name in layout.required:
                problems.in_file(
                    "registry.missing_column", words=" / ".join(words), field=label, row=header_row, columns=listing
                )
            else:
                absent.append(name)
            continue
        if len(indexes) > 1:
            where = ", ".join(f"{cell_name(header_row, i + 1)} '{headers[i]}'" for i in indexes)
            problems.in_file("registry.ambiguous_column", words=" / ".join(words), field=label, cells=where)
            continue
        index = indexes[0]
        if index in taken:
            other = Message(f"registry.field.{taken[index]}")
            problems.in_file(
                "registry.column_twice",
                column=headers[index],
                cell=cell_name(header_row, index + 1),
                field=label,
                other=other,
            )
            continue
        taken[index] = name
        found.append(ListedColumn(name, headers[index], index))
    return tuple(found), tuple(absent)


_NOTE_MARKS: Final = ("※", "*", "＊", "注", "(注", "（注")


def _is_note(text: str) -> bool:
    return text.lstrip().startswith(_NOTE_MARKS)


def _number_key(text: str) -> str:
    """How registration numbers compare: NFKC, case folded, spaces gone."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


_PERIOD = re.compile(r"\s*(?:~|〜|―|–|—|から)\s*")
_STAMP = re.compile(r"^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}$")


class _RowReader:
    """Turns one row into a ListedService, reporting each bad cell; keeps what duplicates need."""

    def __init__(self, layout: RegistryLayout, columns: Mapping[str, ListedColumn], problems: RowProblems) -> None:
        self.layout = layout
        self.columns = columns
        self.problems = problems
        pattern = layout.info.number_pattern
        self.pattern = re.compile(pattern) if pattern else None
        self.numbers: dict[str, int] = {}
        self.row = 0
        self.cells: Sequence[Cell] = ()
        self.bad = False

    def read(self, row: int, cells: Sequence[Cell]) -> ListedService | None:
        self.row, self.cells, self.bad = row, cells, False
        number = self._number()
        service = self._text("service", required=True)
        company = self._text("company")
        registered = self._date("registered")
        expires, started = self._expiry()
        disclosed = self._date("disclosed")
        remarks = self._text("remarks")
        status = self._text("status")
        if registered is None:
            registered = started
        if expires is not None and registered is not None and expires < registered:
            column = self.columns["expires"]
            self._problem(
                column, "registry.expires_before", expires=expires.isoformat(), registered=registered.isoformat()
            )
        derived = False
        rule = self.layout.expiry
        if expires is None and rule is not None and "expires" not in self.columns:
            basis = registered if rule.basis == "registered" else disclosed
            if basis is not None:
                expires, derived = _add(basis, rule.years, rule.months, rule.days), True
        if self.bad or number is None or service is None:
            return None
        return ListedService(
            row=row,
            number=number,
            number_cell=cell_name(row, self.columns["number"].index + 1),
            service=service,
            company=company,
            registered=registered,
            expires=expires,
            expires_derived=derived,
            disclosed=disclosed,
            remarks=remarks,
            status=status,
        )

    def _problem(self, column: ListedColumn, key: str, **params: object) -> None:
        self.problems.at(self.row, column, key, **params)
        self.bad = True

    def _cell(self, name: str) -> tuple[ListedColumn, str] | None:
        """The field's column and its cell's text (one line), or None when the layout found no column."""
        column = self.columns.get(name)
        if column is None:
            return None
        cell = self.cells[column.index] if column.index < len(self.cells) else Cell("")
        if cell.formula:
            self._problem(column, "registry.formula", value=cell.text)
            return column, ""
        return column, _plain(cell.text)

    def _text(self, name: str, *, required: bool = False) -> str | None:
        found = self._cell(name)
        if found is None:
            return None
        column, text = found
        if not text:
            if required:
                self._problem(column, f"registry.blank_{name}")
            return None
        problem = text_problem(text)
        if problem is not None:
            key, params = problem
            self._problem(column, key, field=column.header, **params)
            return None
        return text

    def _number(self) -> str | None:
        found = self._cell("number")
        if found is None:
            return None
        column, text = found
        if not text:
            self._problem(column, "registry.blank_number")
            return None
        text = unicodedata.normalize("NFKC", text)  # an identifier: Ｃ２１ is C21
        if len(text) > _NUMBER_MAX or not any(ch.isdigit() for ch in text) or text_problem(text) is not None:
            self._problem(column, "registry.bad_number", value=text[:_NUMBER_MAX])
            return None
        if self.pattern is not None and self.pattern.fullmatch(text) is None:
            self._problem(
                column,
                "registry.number_form",
                value=text,
                form=self.layout.info.number_form or self.layout.info.number_pattern,
                layout=self.layout.name,
            )
            return None
        first = self.numbers.setdefault(_number_key(text), self.row)
        if first != self.row:
            self._problem(column, "registry.duplicate_number", value=text, first=first)
            return None
        return text

    def _date(self, name: str) -> date | None:
        found = self._cell(name)
        if found is None:
            return None
        column, text = found
        return self._parsed(column, text) if text else None

    def _parsed(self, column: ListedColumn, written: str) -> date | None:
        text = unicodedata.normalize("NFKC", written)
        stamp = _STAMP.match(text)
        typed = stamp.group(1) if stamp else re.sub(r"\s*(?:まで|迄)$", "", text)
        try:
            return parse_date(typed)
        except DateInputError as error:
            if error.key == "date.unreadable":
                self._problem(column, "registry.not_date", value=written)
            else:
                self._problem(column, error.key, **error.params)
            return None

    def _expiry(self) -> tuple[date | None, date | None]:
        """The last valid day, and the first when the cell gives a period (2024年4月1日～2026年3月31日)."""
        found = self._cell("expires")
        if found is None:
            return None, None
        column, text = found
        if not text:
            return None, None
        parts = _PERIOD.split(unicodedata.normalize("NFKC", text))
        if len(parts) == 2 and parts[0] and parts[1]:
            start, end = self._parsed(column, parts[0]), self._parsed(column, parts[1])
            return end, start
        return self._parsed(column, text), None


def _add(day: date, years: int, months: int, days: int) -> date:
    """`day` moved on by years and months (the last day of a shorter month when the day is missing), then days."""
    total = day.year * 12 + day.month - 1 + years * 12 + months
    year, month = divmod(total, 12)
    month += 1
    moved = date(year, month, min(day.day, monthrange(year, month)[1]))
    return moved + timedelta(days=days)


# --- matching the plan's tools -----------------------------------------------------------

_NAME_NOISE = re.compile(r"[\s・･.,，、。\-‐–—'’\"“”「」『』()（）\[\]【】&＆/／:：~〜]+")


def _name_key(text: str) -> str:
    """How service names compare: width and case folded, spaces and punctuation gone."""
    return _NAME_NOISE.sub("", unicodedata.normalize("NFKC", text).casefold())


How = Literal["found", "named", "said_absent", "absent", "not_found", "skipped"]


@dataclass(frozen=True)
class ToolMatch:
    """What the list says about one plan tool, and why.

    `how` is "found" (by its vendor or maker and its name), "named" (--match TOOL=NUMBER),
    "said_absent" (--match TOOL=-), "absent" (not in the list, and the user said the list
    is complete), "not_found" (not in the list: nothing recorded) or "skipped" (--skip).
    """

    tool: str
    how: How
    service: ListedService | None = None
    company_rows: tuple[ListedService, ...] = ()
    """For a tool not found: the rows of its vendor or maker, one of which may cover it."""
    name_rows: tuple[ListedService, ...] = ()
    """For a tool not found: rows with its name under another company."""

    @property
    def value(self) -> bool | None:
        """The fact's value: True when listed, False when absent, None when nothing is recorded."""
        if self.how in ("found", "named"):
            return True
        if self.how in ("said_absent", "absent"):
            return False
        return None


def _tool_names(tool: Tool) -> set[str]:
    return {k for k in (_name_key(tool.name.ja or ""), _name_key(tool.name.en or "")) if len(k) >= 2}


def _by_name(services: Iterable[ListedService], names: set[str]) -> list[ListedService]:
    """Rows whose service name is one of `names`; failing that, those whose name contains one."""
    rows = list(services)
    exact = [s for s in rows if _name_key(s.service) in names]
    if exact:
        return exact
    return [s for s in rows if any(n in _name_key(s.service) for n in names)]


def match_tools(
    listing: RegistryList,
    plan: Plan,
    *,
    chosen: Mapping[str, str] | None = None,
    skipped: Collection[str] = (),
    absent_means_no: bool = False,
    shown: Mapping[str, str] | None = None,
    blind: bool = False,
) -> tuple[ToolMatch, ...]:
    """What the list says about each plan tool, in the plan's order; RegistryError naming every doubt.

    `chosen` maps a tool id to a registration number (or `ABSENT`); `skipped` tools are
    left out. A doubt is a tool several rows fit, a number the list lacks, a matched row
    whose status or remarks hold one of the layout's `not_held` words, and, with
    `absent_means_no`, a tool not found whose vendor or maker has other rows, or whose
    name another company's row carries.
    `shown` names tools in messages (labels while blind); `blind` keeps the rows' names
    out of them.
    """
    chosen = dict(chosen or {})
    names = CompanyNames(plan.fairness.aliases)
    by_company = listing.column("company") is not None
    show = dict(shown or {})
    lines: list[Message] = []

    def tool_line(tool: str, key: str, **params: object) -> None:
        lines.append(Message("registry.tool", tool=show.get(tool, tool), problem=Message(key, **params)))

    def rows_text(rows: Sequence[ListedService]) -> str:
        return "; ".join(_row_text(s, blind) for s in rows)

    matches: list[ToolMatch] = []
    for tool in plan.tools:
        label = show.get(tool.id, tool.id)
        if tool.id in skipped:
            matches.append(ToolMatch(tool.id, "skipped"))
            continue
        if tool.id in chosen:
            number = chosen[tool.id]
            if number == ABSENT:
                matches.append(ToolMatch(tool.id, "said_absent"))
                continue
            row = listing.by_number(number)
            if row is None:
                example = listing.services[0].number if listing.services else "-"
                tool_line(tool.id, "registry.match_unknown_number", number=number, example=example)
                continue
            matches.append(ToolMatch(tool.id, "named", row))
            continue
        organisations = {names.key(o) for o in (tool.vendor, tool.maker) if o}
        organisations.discard("")
        own = [s for s in listing.services if not by_company or names.key(s.company or "") in organisations]
        fits = _by_name(own, _tool_names(tool))
        if len(fits) > 1:
            tool_line(tool.id, "registry.ambiguous", count=len(fits), rows=rows_text(fits), id=label)
            continue
        if len(fits) == 1:
            matches.append(ToolMatch(tool.id, "found", fits[0]))
            continue
        company_rows = tuple(own) if by_company else ()
        others = [s for s in listing.services if s not in own]
        name_rows = tuple(_by_name(others, _tool_names(tool))) if by_company else ()
        if absent_means_no and company_rows:
            tool_line(
                tool.id, "registry.absent_unsure", count=len(company_rows), rows=rows_text(company_rows), id=label
            )
            continue
        if absent_means_no and name_rows:
            tool_line(
                tool.id, "registry.absent_other_company", count=len(name_rows), rows=rows_text(name_rows), id=label
            )
            continue
        how: How = "absent" if absent_means_no else "not_found"
        matches.append(ToolMatch(tool.id, how, None, company_rows, name_rows))
    for match in matches:
        service = match.service
        if service is None:
            continue
        for name in ("status", "remarks"):
            text = getattr(service, name)
            word = _held_in_doubt(text, listing.layout.status.not_held)
            if text and word is not None:
                column = listing.column(name)
                tool_line(
                    match.tool,
                    "registry.in_doubt",
                    row=service.row,
                    column=column.header if column is not None else name,
                    word=word,
                    text=text[:120] if not blind else word,
                    id=show.get(match.tool, match.tool),
                )
    if lines:
        raise _error(listing.file, lines, "registry.match_problems")
    return tuple(matches)


def _held_in_doubt(text: str | None, words: Sequence[str]) -> str | None:
    if not text:
        return None
    folded = _heading(text)
    return next((w for w in words if _heading(w) and _heading(w) in folded), None)


def _row_text(service: ListedService, blind: bool) -> str:
    """A row as messages cite it: its number and row, and (unless blind) its service and company."""
    if blind:
        return f"#{service.row} {service.number}"
    company = f" ({service.company})" if service.company else ""
    return f"#{service.row} {service.number} {service.service}{company}"


# --- recording ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Download:
    """Where to fetch a list from, and the rules of the fetch (those of `toolbench catalog pull`)."""

    url: str
    sha256: str | None = None
    timeout: float = 10.0
    max_bytes: int = DEFAULT_MAX_BYTES
    ca_bundle: Path | None = None
    allow_http: bool = False


@dataclass(frozen=True)
class RegistryImport:
    """What an import read, matched and recorded (or, in a dry run, would record)."""

    listing: RegistryList
    matches: tuple[ToolMatch, ...]
    facts: tuple[tuple[str, Fact], ...]
    events: tuple[Event, ...]
    """The events recorded; in a dry run, those that would be (seq 0). A fact given unchanged records none."""
    source: str
    as_of: date
    origin: str
    dry_run: bool

    def recorded_for(self, tool: str) -> bool:
        return any(e.payload.get("tool") == tool for e in self.events)


def _fact_for(match: ToolMatch, key: str, source: str, as_of: date) -> Fact | None:
    value = match.value
    if value is None:
        return None
    service = match.service
    if service is None:
        return Fact(key=key, value=value, source=source, as_of=as_of)
    detail = service.service + (f" / {service.company}" if service.company else "")
    if len(detail) > _DETAIL_MAX:
        detail = detail[: _DETAIL_MAX - 1] + "…"
    return Fact(
        key=key,
        value=value,
        number=service.number,
        detail=detail,
        source=source,
        page=service.number_cell,
        as_of=as_of,
        expires=service.expires,
    )


def _file_name(url: str, body: bytes) -> str:
    """The file name a download is known by: the URL's last part, with the suffix its content shows."""
    tail = unquote(urlsplit(url).path.rsplit("/", 1)[-1]) or (urlsplit(url).hostname or "list")
    tail = re.sub(r"[^\w.\-]+", "_", tail)[:80] or "list"
    workbook = body.startswith(b"PK\x03\x04")
    suffix = Path(tail).suffix.lower()
    if workbook and suffix not in WORKBOOK_SUFFIXES:
        return tail + ".xlsx"
    if not workbook and suffix not in (".csv", ".txt"):
        return tail + ".csv"
    return tail


def _download(download: Download) -> tuple[bytes, str]:
    """The body at the URL and the address it finally came from, fetched as `catalog pull` fetches.

    The rules (certificate checks, --allow-http, one timeout over the whole exchange, the
    size cap, redirects within the scheme) are catalog_pull's; its errors are said here
    in the words of a registry list.
    """
    from toolbench.workspace import catalog_pull  # lazy: httpx, loaded only when a list is fetched

    pin = download.sha256.lower() if download.sha256 is not None else None
    if pin is not None and not re.fullmatch(r"[0-9a-f]{64}", pin):
        raise RegistryError("registry.bad_pin", value=download.sha256)
    try:
        body, final_url = catalog_pull.fetch(
            download.url,
            timeout=download.timeout,
            max_bytes=download.max_bytes,
            ca_bundle=download.ca_bundle,
            allow_http=download.allow_http,
        )
    except CatalogError as error:
        key = f"registry.fetch.{error.key.removeprefix('catalog.')}"
        if key not in MESSAGES:  # a refusal this module does not word for lists: said as the pull says it
            raise
        raise RegistryError(key, problems=(), **error.params) from None
    digest = hashlib.sha256(body).hexdigest()
    if pin is not None and digest != pin:
        raise RegistryError("registry.checksum", url=download.url, expected=pin, actual=digest)
    return body, final_url


def _check_source(source: str) -> str:
    text = source.strip()
    if not text or len(text) > 400 or text_problem(text) is not None:
        raise RegistryError("registry.bad_source", value=text[:80])
    return text


def import_list(
    workspace: Workspace,
    layout: RegistryLayout,
    file: str | Path | None = None,
    *,
    download: Download | None = None,
    as_of: date | None = None,
    source: str | None = None,
    sheet: str | None = None,
    chosen: Mapping[str, str] | None = None,
    skipped: Collection[str] = (),
    absent_means_no: bool = False,
    actor: str,
    reason: str | None = None,
    dry_run: bool = False,
    now: datetime | None = None,
) -> RegistryImport:
    """Read a registry's list (a file, or a download) and record what it says about each plan tool.

    A file needs `as_of`, the day it was downloaded: the file does not say when it was
    seen. A download is seen today (in the plan's time zone), and its URL is the source.
    Otherwise the source is `source`, else the layout's. Tool ids in `chosen` and
    `skipped` are plan ids. Every problem is raised at once (RegistryError, or
    FactRowsError from `Facts.record`); nothing is recorded unless all is well.
    """
    moment = now or datetime.now().astimezone()
    today = local(moment, workspace.plan.evaluation.time_zone).date()
    if (file is None) == (download is None):
        raise RegistryError("registry.file_or_url")
    if download is not None:
        if source is not None:
            raise RegistryError("registry.source_with_url")
        if as_of is not None and as_of != today:
            raise RegistryError("registry.as_of_with_url", as_of=as_of.isoformat(), today=today.isoformat())
        as_of = today
    elif as_of is None:
        raise RegistryError("registry.needs_as_of")
    if as_of > today:
        raise RegistryError("registry.as_of_future", as_of=as_of.isoformat(), today=today.isoformat())
    given = download.url if download is not None else source or layout.info.source
    if given is None:
        raise RegistryError("registry.needs_source", layout=layout.name)
    listed_source = _check_source(given)
    chosen = dict(chosen or {})
    _check_tools(workspace.plan, [*chosen, *skipped])
    clash = sorted(set(chosen) & set(skipped))
    if clash:
        raise RegistryError("registry.match_and_skip", tools=", ".join(clash))
    if download is not None:
        body, final_url = _download(download)
        name = _file_name(final_url, body)
        with tempfile.TemporaryDirectory(prefix="toolbench-registry-") as folder:
            path = Path(folder) / name
            path.write_bytes(body)
            listing = read_list(path, layout, sheet=sheet, name=name)
    else:
        assert file is not None
        listing = read_list(file, layout, sheet=sheet)
    labels = workspace.blind_labels() or {}
    matches = match_tools(
        listing,
        workspace.plan,
        chosen=chosen,
        skipped=skipped,
        absent_means_no=absent_means_no,
        shown=labels,
        blind=bool(labels),
    )
    facts = tuple(
        (m.tool, fact) for m in matches if (fact := _fact_for(m, layout.key, listed_source, as_of)) is not None
    )
    origin = f"registry:{layout.name}:{listing.file}"
    events = workspace.facts.record(list(facts), actor=actor, reason=reason, origin=origin, now=now, dry_run=dry_run)
    return RegistryImport(listing, matches, facts, events, listed_source, as_of, origin, dry_run)


def _check_tools(plan: Plan, tools: Iterable[str]) -> None:
    unknown = sorted({t for t in tools if plan.tool(t) is None})
    if unknown:
        known = ", ".join(t.id for t in plan.tools) or "-"
        raise RegistryError("registry.unknown_tool", tools=", ".join(unknown), known=known)
