"""Reading hearing answers from a CSV or XLSX file (one row per respondent).

The layout is documented in docs/hearings.md with an example file. Columns:

    respondent, department, group, method            required
    name, role, weight, readiness, total             optional
    <criterion id>                                   ratings (1–5) or allocated points
    <criterion a>:<criterion b>                      pairwise: how much more a matters than b
    @<group a>:@<group b>                            hierarchical: between criterion groups

Every cell is checked and every problem reported by row and column before anything
is recorded; nothing is recorded unless the whole file is good.

An e-mail address in the respondent or name column (a form service's export used as
the hearing sheet) is replaced by its keyed pseudonym before anything else sees it
(docs/personal-data.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from pydantic import ValidationError

from toolbench.base.i18n import Lang, Message
from toolbench.methods.hearings import METHODS, Answers, HearingError, Respondent, respondent_weights
from toolbench.methods.weighting import WeightingError, parse_judgment
from toolbench.model.plan import Plan
from toolbench.workspace import tabular
from toolbench.workspace.tabular import Grid, TableError
from toolbench.workspace.trial_import import Pseudonyms, has_address

REQUIRED = ("respondent", "department", "group", "method")
_DECIMAL = re.compile(r"[0-9]*\.[0-9]+")
OPTIONAL = ("name", "role", "weight", "readiness", "total")


@dataclass(frozen=True)
class ImportedRow:
    row: int
    respondent: Respondent
    answers: Answers


def read_table(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and rows (with their row numbers in the file) of a CSV or the first XLSX sheet."""
    table = _read_grid(path)
    grid = [[cell.text for cell in row] for row in table.rows]
    if not grid:
        raise HearingError("hearing.missing_column", file=str(path), column=REQUIRED[0], columns=", ".join(REQUIRED))
    header = [h.strip().lower() if h.strip().lower() in REQUIRED + OPTIONAL else h.strip() for h in grid[0]]
    repeated = sorted({h for h in header if h and header.count(h) > 1})
    if repeated:
        raise HearingError("hearing.repeated_column", file=path.name, column=repeated[0])
    rows = [
        (number, dict(zip(header, cells, strict=False))) for number, cells in enumerate(grid[1:], start=2) if any(cells)
    ]
    return header, rows


def _read_grid(path: Path) -> Grid:
    """The cells of the file, a formula replaced by the value Excel saved with it; refused when one has none."""
    try:
        table = tabular.read_table(path, saved_values=True)
    except TableError as error:
        if error.bounded:
            key, params = error.message(path.name)
            raise HearingError(key, **params) from None
        if error.kind == "encoding":
            raise HearingError("hearing.encoding", file=str(path)) from None
        raise HearingError("hearing.file_unreadable", file=str(path), reason=error.reason) from None
    if table.merged:  # a merged cell hides which row and column an answer belongs to
        raise HearingError("hearing.merged", file=path.name, cells=table.merged[0].cells)
    formulas = table.formulas()
    if formulas:  # written by a program, never calculated: there is no value to read
        raise HearingError("hearing.formula", file=path.name, cell=formulas[0])
    return table


def parse_rows(
    plan: Plan,
    path: Path,
    lang: Lang = "en",
    *,
    pseudonyms: Pseudonyms | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[ImportedRow]:
    """Every row of the file as a validated hearing, or HearingError listing every problem.

    E-mail addresses as respondent ids or names become `pseudonyms` (see the module's note).
    `progress`, if given, is called with (rows checked, rows in the file) as the rows are checked.
    """
    header, rows = read_table(path)
    file = path.name
    for column in REQUIRED:
        if column not in header:
            raise HearingError("hearing.missing_column", file=file, column=column, columns=", ".join(REQUIRED))
    criteria = [c.id for c in plan.hearing_criteria()]
    groups = list(dict.fromkeys(c.group for c in plan.hearing_criteria()))
    problems: list[Message] = []

    def problem(row: int, column: str, text: str | Message) -> None:
        problems.append(Message("hearing.import_row", file=file, row=row, column=column, problem=text))

    kinds: dict[str, str] = {}
    for column in header:
        if column in REQUIRED or column in OPTIONAL:
            continue
        if column in criteria:
            kinds[column] = "criterion"
        elif ":" in column:
            a, _, b = column.partition(":")
            if a.startswith("@") and b.startswith("@") and a[1:] in groups and b[1:] in groups and a != b:
                kinds[column] = "group_pair"
            elif a in criteria and b in criteria and a != b:
                kinds[column] = "pair"
            else:
                problem(1, column, Message("import.bad_pair_column", known=", ".join(criteria)))
        elif column:
            problem(1, column, Message("import.unknown_column", known=", ".join(criteria)))
    imported: list[ImportedRow] = []
    seen: dict[str, int] = {}
    for done, (number, cells) in enumerate(rows):
        if progress is not None:
            progress(done, len(rows))
        method = cells.get("method", "").strip().lower()
        if method not in METHODS:
            problem(number, "method", Message("import.bad_method", value=method, known=", ".join(METHODS)))
            continue
        ratings: dict[str, int] = {}
        allocation: dict[str, Decimal] = {}
        pairs: list[tuple[str, str, str]] = []
        group_pairs: list[tuple[str, str, str]] = []
        within: dict[str, list[tuple[str, str, str]]] = {}
        bad = False
        for column, kind in kinds.items():
            value = cells.get(column, "").strip()
            if not value:
                continue
            if kind == "criterion" and method == "ratings":
                if not re.fullmatch(r"[0-9]", value) or not 1 <= int(value) <= 5:
                    problem(number, column, Message("import.not_importance", value=value))
                    bad = True
                else:
                    ratings[column] = int(value)
            elif kind == "criterion" and method == "allocation":
                points = _bounded(value, low=Decimal(0), low_included=True)
                if points is None:
                    problem(number, column, Message("input.points_range", value=_shown(value)))
                    bad = True
                else:
                    allocation[column] = points
            elif kind in ("pair", "group_pair") and method in ("pairwise", "hierarchical"):
                try:
                    # Excel keeps a typed 1/3 as 0.333…: a number that close to the scale counts
                    judged = parse_judgment(float(value) if _DECIMAL.fullmatch(value) else value)
                except WeightingError:
                    problem(number, column, Message("import.not_judgment", value=value))
                    bad = True
                    continue
                value = str(judged)
            if kind == "pair" and method in ("pairwise", "hierarchical"):
                a, _, b = column.partition(":")
                if method == "pairwise":
                    pairs.append((a, b, value))
                else:
                    group = next(c.group for c in plan.hearing_criteria() if c.id == a)
                    within.setdefault(group, []).append((a, b, value))
            elif kind == "group_pair" and method == "hierarchical":
                a, _, b = column.partition(":")
                group_pairs.append((a[1:], b[1:], value))
        weight = _bounded(cells["weight"]) if cells.get("weight") else Decimal(1)
        if weight is None:
            problem(number, "weight", Message("input.weight_range", value=_shown(cells["weight"])))
            continue
        readiness_text = cells.get("readiness", "")
        if readiness_text and not re.fullmatch(r"[1-5]", readiness_text):
            problem(number, "readiness", Message("input.readiness_range", value=_shown(readiness_text)))
            continue
        respondent_id, name = cells.get("respondent", ""), cells.get("name") or None
        if pseudonyms is not None and has_address(respondent_id):
            respondent_id = pseudonyms.of(respondent_id)
        if pseudonyms is not None and name is not None and has_address(name):
            name = pseudonyms.scrub(name)
        try:
            respondent = Respondent(
                id=respondent_id,
                department=cells.get("department", ""),
                group=cells.get("group", ""),
                name=name,
                role=cells.get("role") or None,
                weight=weight,
                readiness=int(readiness_text) if readiness_text else None,
            )
        except ValidationError as error:
            detail = error.errors()[0]
            problem(number, str(detail["loc"][0]) if detail["loc"] else "-", detail["msg"])
            continue
        if respondent.id in seen:
            problem(number, "respondent", Message("import.duplicate", value=respondent.id, row=seen[respondent.id]))
            continue
        seen[respondent.id] = number
        total = None
        if cells.get("total"):
            total = _bounded(cells["total"])
            if total is None:
                problem(number, "total", Message("input.total_range", value=_shown(cells["total"])))
                bad = True
        if bad:
            continue
        try:
            answers = Answers(
                method=method,
                ratings=ratings,
                allocation=allocation,
                allocation_total=total,
                pairs=pairs,
                group_pairs=group_pairs,
                within=within,
            )
        except ValidationError as error:  # every cell was checked above; kept so no row can end in a traceback
            problem(number, "-", str(error.errors()[0]["msg"]))
            continue
        try:
            respondent_weights(plan, respondent, answers)
        except HearingError as error:
            problem(number, _column_of(error), Message(error.key, **error.params))
            continue
        imported.append(ImportedRow(number, respondent, answers))
    if progress is not None:
        progress(len(rows), len(rows))
    if problems:
        raise HearingError("hearing.import_problems", file=file, count=len(problems), problems=_joined(problems))
    return imported


_LIMIT = Decimal(1_000_000)
_PLACES = 6


def _bounded(text: str, *, low: Decimal = Decimal(0), low_included: bool = False) -> Decimal | None:
    """`text` as a number above `low` (or equal, if `low_included`) and at most 1,000,000, else None.

    Refused: what is not a number, NaN and infinities, 1e308 and 20-digit numbers, and
    more than six decimal places (1e-999999 would be written out as a million digits).
    """
    try:
        value = Decimal(text.strip())
    except (InvalidOperation, ValueError):
        return None
    if not value.is_finite() or value > _LIMIT or value < low or (value == low and not low_included):
        return None
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -_PLACES:
        return None
    return value


def _shown(value: str) -> str:
    """A cell's text as a message quotes it: at most 40 characters."""
    return value if len(value) <= 40 else value[:40] + "…"


def _column_of(error: HearingError) -> str:
    """The column a validation problem belongs to, as far as one can be named."""
    params = error.params
    if error.key == "hearing.unknown_department":
        return "department"
    if error.key == "hearing.unknown_group":
        return "group"
    if error.key in ("hearing.missing_rating", "hearing.unknown_item"):
        return str(params.get("item", "-"))
    if error.key == "hearing.bad_pair":
        return f"{params.get('a')}:{params.get('b')}"
    return "-"


_SHOWN = 50


def _joined(messages: list[Message]) -> tuple[Message, ...]:
    """At most 50 problems, then how many more: enough to fix a file, not a flood."""
    if len(messages) <= _SHOWN:
        return tuple(messages)
    return (*messages[:_SHOWN], Message("import.more", count=len(messages) - _SHOWN))
