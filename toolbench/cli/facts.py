"""`toolbench fact`: facts about the candidates (certifications, registrations, terms), with sources and dates.

Each command parses its options and makes one library call: recording and withdrawing
are `Workspace.facts` (`toolbench.workspace.facts.Facts`), the catalog is
`toolbench.workspace.catalog.load_catalog`, a fact's status on a date is
`toolbench.model.facts.fact_status`. The list and the check are documents, shown through
the one output path (`show_document`).

The date facts are judged on in `fact list` and `fact check`: `--on`, else the plan's
`[facts] date`, else today where the plan is read (its time zone, Japan by default).
The evaluation itself judges on the plan's date, else the day of the ledger's last
event, so that an archive reproduces it; these commands answer "what about now".
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from pydantic import ValidationError

from toolbench.base.display import displayable
from toolbench.base.errors import ToolbenchError
from toolbench.base.i18n import Lang, join_words, translate
from toolbench.base.times import DateInputError, parse_date, zone
from toolbench.cli import registry as _registry
from toolbench.cli._common import DOCUMENT_FORMAT_OPTION, ENCODING_OPTION, OUTPUT_OPTION, State, default_actor
from toolbench.cli._common import show_document as _show
from toolbench.cli.completion import complete_tools
from toolbench.cli.procedure import ACTOR_OPTION
from toolbench.documents.model import Document, Section, Table, Value
from toolbench.documents.trials import tool_name
from toolbench.methods.facts import DATING_KINDS, Attention, Flagged, RecordedFact, attention, facts_date
from toolbench.methods.procedure import PROPOSER_WITHDREW
from toolbench.model.fact_keys import closest_key
from toolbench.model.facts import (
    FACT_KEYS,
    Fact,
    FactStatus,
    fact_status,
    fold,
    key_label,
    known_key,
    read_value,
    value_text,
)
from toolbench.renderers.writers import format_for
from toolbench.workspace.facts import CatalogFact, FactError, FactProblem, FactRowsError, catalog_facts

if TYPE_CHECKING:
    from toolbench.model.plan import Plan
    from toolbench.store.ledger import Event
    from toolbench.workspace.workspace import Workspace

_TODAY = frozenset({"today", "今日", "本日"})
"""What `--as-of` and `--on` accept for today's date (where the plan is read)."""


# --- what people type ------------------------------------------------------------------------


class BadValue(click.ClickException):
    """A value typed on the command line that cannot be used: one line, exit code 2 (a usage mistake)."""

    exit_code = 2


def _today(plan: Plan) -> date:
    return datetime.now(zone(plan.evaluation.time_zone)).date()


def _day(text: str | None, option: str, lang: Lang, today: date) -> date | None:
    """A date as staff type it (2026-11-20, 2026/11/20, 令和8年11月20日, R8.11.20, today)."""
    if text is None:
        return None
    if fold(text) in _TODAY:
        return today
    try:
        return parse_date(text)
    except DateInputError as error:
        raise BadValue(translate("factcli.bad_date", lang, option=option, problem=error.message(lang))) from None


def accepted(key: str, lang: Lang) -> str:
    """What a key's value may be, in words a user can act on, in their language."""
    spec = FACT_KEYS.get(key)
    if spec is None:
        return translate("fact.type.text", lang)
    if spec.type in ("held", "days"):
        return translate(f"fact.type.{spec.type}", lang)
    if lang == "ja":
        return "、".join(ja for _, ja, _ in spec.choices)
    return ", ".join(value for value, _, _ in spec.choices)


_LIMITS = {"KEY": 80, "--number": 80, "--page": 80, "--source": 400, "--detail": 400}
"""The longest text each field holds (as `toolbench.model.facts.Fact` declares)."""


def _text(option: str, value: str | None, lang: Lang, *, required: bool = False) -> str | None:
    """A text option: trimmed, None when empty (refused when required), refused when too long."""
    text = (value or "").strip()
    if not text:
        if required:
            raise BadValue(translate("factcli.blank", lang, option=option))
        return None
    if len(text) > _LIMITS[option]:
        raise BadValue(translate("factcli.too_long", lang, option=option, limit=_LIMITS[option]))
    return text


def typed_fact(
    key: str,
    value: str,
    *,
    source: str,
    as_of: date,
    expires: date | None,
    number: str | None,
    page: str | None,
    detail: str | None,
    lang: Lang,
) -> Fact:
    """The fact a user typed, its key read by name (ISMS, Pマーク …) and its value by the key's type."""
    written = _text("KEY", key, lang, required=True)
    assert written is not None
    known = known_key(written) or written
    try:
        read = read_value(known, value)
    except ValueError:
        raise BadValue(
            translate(
                "factcli.bad_value", lang, value=value, fact=key_label(known, lang), accepted=accepted(known, lang)
            )
        ) from None
    fields: dict[str, Any] = {
        "key": known,
        "value": read,
        "source": _text("--source", source, lang, required=True),
        "as_of": as_of,
        "expires": expires,
        "number": _text("--number", number, lang),
        "page": _text("--page", page, lang),
        "detail": _text("--detail", detail, lang),
    }
    try:
        return Fact.model_validate({k: v for k, v in fields.items() if v is not None})
    except ValidationError as error:  # the checks above leave nothing the model refuses; said, never a traceback
        problem = error.errors(include_url=False)[0]
        where = ".".join(str(p) for p in problem["loc"]) or "fact"
        raise BadValue(f"{where}: {problem['msg']}") from None


# --- how facts and candidates are named -------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """How one workspace names things, in one language: candidates by name, or by label while blind."""

    plan: Plan
    lang: Lang
    labels: Mapping[str, str] | None = None

    @property
    def blind(self) -> bool:
        return bool(self.labels)

    def tool(self, tool_id: str) -> str:
        return tool_name(self.plan, tool_id, self.lang, self.labels)

    def tool_ref(self, tool_id: str) -> str:
        """A candidate as machine data names it: its id, or its label while blind."""
        return self.labels.get(tool_id, tool_id) if self.labels else tool_id

    def fact(self, key: str) -> str:
        return key_label(key, self.lang)

    def order(self, tools: Sequence[str]) -> list[str]:
        """Candidates in the plan's order; while blind by their labels (the plan's order would tell who is who)."""
        if not self.labels:
            return list(tools)
        labels = self.labels
        return sorted(tools, key=lambda t: (len(labels.get(t, t)), labels.get(t, t)))

    def value(self, fact: Fact) -> str:
        return value_text(fact.key, fact.value, self.lang)

    def say(self, key: str, **params: object) -> str:
        return translate(key, self.lang, **params)

    def params(self, params: Mapping[str, object]) -> dict[str, object]:
        """A refusal's fields with names where people read them: the candidate and the fact."""
        out = dict(params)
        tool = params.get("tool")
        if isinstance(tool, str) and self.plan.tool(tool) is not None:
            out["tool"] = self.tool(tool)
        if isinstance(params.get("fact"), str):
            out["fact"] = self.fact(str(params["fact"]))
        return out


def _shown(workspace: Workspace, lang: Lang) -> Shown:
    return Shown(workspace.plan, lang, workspace.blind_labels() or None)


class Refused(ToolbenchError):
    """Facts the library refused, told with names: the one reason, or every reason under one line."""

    def __init__(self, rows: Sequence[FactProblem], shown: Shown) -> None:
        self.rows = tuple(rows)
        self.shown = shown
        super().__init__("factcli.problems", count=len(rows))

    def message(self, lang: Lang = "en") -> str:
        texts = [translate(row.key, lang, **self.shown.params(row.params)) for row in self.rows]
        if len(texts) == 1:
            return texts[0]
        return "\n".join([translate("factcli.problems", lang, count=len(texts)), *(f"  {t}" for t in texts)])


@contextmanager
def _named(shown: Shown) -> Iterator[None]:
    """A refusal from the library in words: the candidate's name (label while blind), the fact's name."""
    try:
        yield
    except FactRowsError as error:
        raise Refused(error.rows, shown) from None
    except FactError as error:
        error.params = shown.params(error.params)
        raise


def _seqs(events: Sequence[Event], lang: Lang) -> str:
    numbers = [e.seq for e in events]
    if len(numbers) > 1 and numbers == list(range(numbers[0], numbers[0] + len(numbers))):
        return translate("factcli.seq_range", lang, first=numbers[0], last=numbers[-1])
    return ", ".join(str(n) for n in numbers)


def _resolve(workspace: Workspace, typed: str) -> str:
    """The candidate a user means (its id, or its label while blind); refused when the plan has none such."""
    tool_id = workspace.resolve_tool(typed)
    if workspace.plan.tool(tool_id) is None:
        known = ", ".join(t.id for t in workspace.plan.tools) or "-"
        raise FactError("fact.unknown_tool", tool=typed, known=known)
    return tool_id


# --- the date facts are judged on, and what needs attention -------------------------------------


@dataclass(frozen=True)
class JudgedOn:
    """The date facts are judged on, where it came from (option, plan, today), and the plan's maximum age."""

    day: date
    source: str
    max_age_days: int | None
    documents_day: date | None = None
    """The day the matrix and documents judge facts on (no `[facts] date`: the last score or fact's)."""

    @classmethod
    def of(cls, plan: Plan, on: date | None, documents_day: date | None = None) -> JudgedOn:
        if on is not None:
            return cls(on, "option", plan.facts.max_age_days, documents_day)
        if plan.facts.date is not None:
            return cls(plan.facts.date, "plan", plan.facts.max_age_days)
        return cls(_today(plan), "today", plan.facts.max_age_days, documents_day)

    def status(self, fact: Fact) -> FactStatus:
        return fact_status(fact, self.day, self.max_age_days)

    def sentences(self, shown: Shown) -> tuple[str, ...]:
        first = shown.say(f"factcli.on.{self.source}", date=self.day.isoformat())
        age = (
            shown.say("factcli.no_max_age")
            if self.max_age_days is None
            else shown.say("factcli.max_age", days=self.max_age_days)
        )
        if self.documents_day is not None and self.documents_day != self.day:
            return (first, age, shown.say("factcli.documents_day", date=self.documents_day.isoformat()))
        return (first, age)


def _documents_day(workspace: Workspace) -> date | None:
    """The day the evaluation judges facts on when the plan names none: the last score or fact's."""
    with workspace.ledger.reading() as view:
        last = max((e.ts for e in view.events(DATING_KINDS)), default=None)
    return facts_date(workspace.plan, last)


def _withdrawn(workspace: Workspace) -> frozenset[str]:
    with workspace.ledger.reading() as view:
        return frozenset(str(e.payload.get("tool", "")) for e in view.events({PROPOSER_WITHDREW}))


# --- the catalog's facts ---------------------------------------------------------------------


# --- documents -------------------------------------------------------------------------------


def _origin(origin: str | None, shown: Shown) -> str:
    if not origin:
        return shown.say("factcli.typed")
    kind, _, rest = origin.partition(":")
    if kind == "catalog":
        return shown.say("factcli.from_catalog", file=rest)
    if kind == "registry":
        return shown.say("factcli.from_registry", file=rest.partition(":")[2] or rest)
    return origin


def _status(status: str, fact: Fact, shown: Shown) -> str:
    """A status cell: the status, and under it the last valid day where the fact has one."""
    word = shown.say(f"fact.status.{status}")
    if fact.expires is None:
        return word
    return f"{word}\n{shown.say('factcli.until', date=fact.expires.isoformat())}"


def _parts(fact: Fact, shown: Shown) -> list[str]:
    """The provenance of a fact in words: when it was seen, its number, detail and source (withheld while blind)."""
    parts = [shown.say("factcli.part.seen", date=fact.as_of.isoformat())]
    if shown.blind:
        return [*parts, shown.say("factcli.part.withheld")]
    if fact.number:
        parts.append(shown.say("factcli.part.number", number=fact.number))
    if fact.detail:
        parts.append(fact.detail)
    if fact.page:
        parts.append(shown.say("factcli.part.source_at", source=fact.source, page=fact.page))
    else:
        parts.append(shown.say("factcli.part.source", source=fact.source))
    return parts


def _recorded_note(recorded: RecordedFact, shown: Shown) -> str:
    parts = _parts(recorded.fact, shown)
    parts.append(shown.say("factcli.part.by", actor=recorded.actor))
    if recorded.origin and not shown.blind:
        parts.append(shown.say("factcli.part.from", origin=_origin(recorded.origin, shown)))
    if recorded.reason and not shown.blind:
        parts.append(shown.say("factcli.part.reason", reason=recorded.reason))
    return shown.say("factcli.note", seq=recorded.seq, parts=shown.say("factcli.join").join(parts))


def _against(item: CatalogFact, shown: Shown) -> str:
    if item.recorded is None:
        return shown.say("factcli.not_recorded")
    return shown.say("factcli.differs", seq=item.recorded.seq)


def _withheld(text: str | None, shown: Shown) -> str:
    if text is None:
        return ""
    return shown.say("factcli.withheld") if shown.blind else text


@dataclass
class _Listing:
    """The facts of the candidates shown, and the catalog's facts for them not (or not equally) recorded."""

    shown: Shown
    on: JudgedOn
    tools: list[str]
    recorded: dict[str, list[RecordedFact]]
    catalog: list[CatalogFact]
    unreadable: tuple[int, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)


def _listing(workspace: Workspace, shown: Shown, on: JudgedOn, tools: list[str]) -> _Listing:
    state = workspace.facts.current()
    recorded = {tool: state.of(tool) for tool in tools}
    catalog = [
        item
        for items in catalog_facts(workspace.root, state, tools).values()
        for item in items
        if item.recorded is None or not item.recorded.fact.same(item.fact)
    ]
    return _Listing(shown, on, tools, recorded, catalog, state.unreadable)


def _fact_data(fact: Fact, shown: Shown, on: JudgedOn) -> dict[str, Any]:
    hidden = shown.blind
    return {
        "key": fact.key,
        "key_label": shown.fact(fact.key),
        "value": fact.value,
        "value_text": shown.value(fact),
        "number": None if hidden else fact.number,
        "detail": None if hidden else fact.detail,
        "source": None if hidden else fact.source,
        "page": None if hidden else fact.page,
        "as_of": fact.as_of.isoformat(),
        "expires": fact.expires.isoformat() if fact.expires else None,
        "status": on.status(fact),
    }


def list_data(listing: _Listing) -> dict[str, Any]:
    """The list as machine data: what `fact list --format json` writes."""
    shown, on = listing.shown, listing.on
    recorded = [
        {
            "tool": shown.tool_ref(tool),
            "tool_name": shown.tool(tool),
            **_fact_data(r.fact, shown, on),
            "actor": r.actor,
            "event": r.seq,
            "recorded_at": r.ts,
            "origin": None if shown.blind else r.origin,
            "reason": None if shown.blind else r.reason,
        }
        for tool in listing.tools
        for r in listing.recorded[tool]
    ]
    catalog = [
        {
            "tool": shown.tool_ref(item.tool),
            "tool_name": shown.tool(item.tool),
            **_fact_data(item.fact, shown, on),
            "recorded_event": item.recorded.seq if item.recorded else None,
            "catalog_file": None if shown.blind else item.file,
        }
        for item in listing.catalog
    ]
    return {
        "date": on.day.isoformat(),
        "date_from": on.source,
        "max_age_days": on.max_age_days,
        "blind": shown.blind,
        "recorded": recorded,
        "catalog": catalog,
        "unreadable_events": list(listing.unreadable),
    }


def _head(listing: _Listing) -> tuple[str, ...]:
    shown = listing.shown
    lines = list(listing.on.sentences(shown))
    if shown.blind:
        lines.append(shown.say("factcli.blind_note"))
    if listing.unreadable:
        lines.append(shown.say("factcli.unreadable", seqs=", ".join(str(s) for s in listing.unreadable)))
    return tuple(lines)


def list_document(listing: _Listing, *, compact: bool) -> Document:
    """The facts list: per candidate its recorded facts on the date, then the catalog's facts not taken.

    `compact` is the terminal's layout, read at 80 columns: per candidate a table of the
    event, fact, value and status, the sources and dates in notes under it keyed by the
    event. Otherwise (files: CSV, Markdown, HTML, XLSX) one row per fact with every field in
    its own column, so a spreadsheet can sort and filter them.
    """
    shown, on = listing.shown, listing.on
    say = shown.say
    title = say("factcli.list_title", date=on.day.isoformat())
    sections = _compact_sections(listing) if compact else _full_sections(listing)
    return Document(
        kind="fact-list",
        title=title,
        lang=shown.lang,
        provenance=_head(listing),
        sections=sections,
        data=list_data(listing),
    )


def _compact_sections(listing: _Listing) -> tuple[Section, ...]:
    shown, on = listing.shown, listing.on
    say = shown.say
    sections: list[Section] = []
    headers = tuple(say(f"factcli.col.{k}") for k in ("ref", "fact", "value", "status"))
    for tool in listing.tools:
        facts = listing.recorded[tool]
        if not facts:
            sections.append(Section(shown.tool(tool), (say("factcli.none_recorded"),), key=f"tool-{tool}"))
            continue
        rows: list[tuple[Value, ...]] = [
            (str(r.seq), shown.fact(r.fact.key), shown.value(r.fact), _status(on.status(r.fact), r.fact, shown))
            for r in facts
        ]
        notes = tuple(_recorded_note(r, shown) for r in facts)
        table = Table("", headers, tuple(rows), notes)
        sections.append(Section(shown.tool(tool), (), table, key=f"tool-{tool}"))
    if listing.catalog:
        headers = tuple(say(f"factcli.col.{k}") for k in ("tool", "fact", "value", "against"))
        rows = []
        notes_list: list[str] = []
        for item in listing.catalog:
            fact = item.fact
            rows.append((shown.tool(item.tool), shown.fact(fact.key), shown.value(fact), _against(item, shown)))
            parts = _parts(fact, shown)
            status = say("factcli.part.status", status=say(f"fact.status.{on.status(fact)}"))
            until = [say("factcli.until", date=fact.expires.isoformat())] if fact.expires is not None else []
            parts[1:1] = [*until, status]
            if not shown.blind:
                parts.append(say("factcli.from_catalog", file=item.file))
            notes_list.append(
                say(
                    "factcli.catalog_note",
                    tool=shown.tool(item.tool),
                    fact=shown.fact(fact.key),
                    parts=say("factcli.join").join(parts),
                )
            )
        table = Table("", headers, tuple(rows), tuple(notes_list))
        sections.append(Section(say("factcli.catalog_section"), (), table, key="catalog"))
    return tuple(sections)


def _full_sections(listing: _Listing) -> tuple[Section, ...]:
    shown, on = listing.shown, listing.on
    say = shown.say
    columns = ("tool", "fact", "value", "number", "detail", "source", "page", "as_of", "expires", "status")
    headers = tuple(say(f"factcli.col.{k}") for k in (*columns, "actor", "event", "origin", "reason"))
    rows: list[tuple[Value, ...]] = []
    for tool in listing.tools:
        for r in listing.recorded[tool]:
            rows.append(
                (
                    *_full_cells(tool, r.fact, shown, on),
                    r.actor,
                    r.seq,
                    "" if shown.blind else _origin(r.origin, shown),
                    _withheld(r.reason, shown),
                )
            )
    empty = [shown.tool(t) for t in listing.tools if not listing.recorded[t]]
    notes = (say("factcli.none_recorded") + " " + join_words(empty, shown.lang),) if empty and rows else ()
    sections = [
        Section(
            say("factcli.recorded_section"),
            () if rows else (say("factcli.none_recorded"),),
            Table(say("factcli.recorded_section"), headers, tuple(rows), notes),
            key="recorded",
        )
    ]
    if listing.catalog:
        headers = tuple(say(f"factcli.col.{k}") for k in (*columns, "against", "catalog"))
        catalog_rows = [
            (*_full_cells(item.tool, item.fact, shown, on), _against(item, shown), _withheld(item.file, shown))
            for item in listing.catalog
        ]
        title = say("factcli.catalog_section")
        sections.append(Section(title, (), Table(title, headers, tuple(catalog_rows)), key="catalog"))
    return tuple(sections)


def _full_cells(tool: str, fact: Fact, shown: Shown, on: JudgedOn) -> tuple[Value, ...]:
    return (
        shown.tool(tool),
        shown.fact(fact.key),
        shown.value(fact),
        _withheld(fact.number, shown),
        _withheld(fact.detail, shown),
        _withheld(fact.source, shown),
        _withheld(fact.page, shown),
        fact.as_of.isoformat(),
        fact.expires.isoformat() if fact.expires else "",
        shown.say(f"fact.status.{on.status(fact)}"),
    )


def check_document(found: Attention, shown: Shown, on: JudgedOn, within: int) -> Document:
    """What needs attention on the date: expired, too old, missing, then what expires within `within` days."""
    say = shown.say
    if shown.blind:  # by label: the plan's order would tell who is who
        rank = {t: i for i, t in enumerate(shown.order([t.id for t in shown.plan.tools]))}
        found = replace(
            found,
            expired=tuple(sorted(found.expired, key=lambda f: rank[f.tool])),
            stale=tuple(sorted(found.stale, key=lambda f: rank[f.tool])),
            missing=tuple(sorted(found.missing, key=lambda m: rank[m.tool])),
            soon=tuple(sorted(found.soon, key=lambda f: (f.days, rank[f.tool]))),
            withdrawn=tuple(sorted(found.withdrawn, key=lambda t: rank[t])),
        )
    summary = (
        say("factcli.check_summary", expired=len(found.expired), stale=len(found.stale), missing=len(found.missing))
        if found.failing
        else say("factcli.check_clear")
    )
    sentences = [summary]
    if found.soon:
        sentences.append(say("factcli.check_soon", count=len(found.soon), days=within))
    if found.withdrawn:
        withdrawn = join_words((shown.tool(t) for t in found.withdrawn), shown.lang)
        sentences.append(say("factcli.check_withdrawn", tools=withdrawn))
    sections = [Section("", tuple(sentences), key="summary")]

    def cols(*keys: str) -> tuple[str, ...]:
        return tuple(say(f"factcli.col.{k}") for k in ("tool", "fact", *keys))

    def flagged(key: str, items: Sequence[Flagged], columns: tuple[str, ...], row: Any) -> None:
        if items:
            title = say(f"factcli.section.{key}", days=within)
            sections.append(Section(title, (), Table(title, columns, tuple(row(f) for f in items)), key=key))

    def base(f: Flagged) -> tuple[str, str]:
        return shown.tool(f.tool), shown.fact(f.recorded.fact.key)

    def expires(f: Flagged) -> str:
        return f.recorded.fact.expires.isoformat() if f.recorded.fact.expires else ""

    flagged("expired", found.expired, cols("expires", "event"), lambda f: (*base(f), expires(f), f.recorded.seq))
    flagged(
        "stale",
        found.stale,
        cols("as_of", "age", "event"),
        lambda f: (*base(f), f.recorded.fact.as_of.isoformat(), say("factcli.days", days=f.days), f.recorded.seq),
    )
    if found.missing:
        title = say("factcli.section.missing")
        rows = tuple(
            (
                shown.tool(m.tool),
                shown.fact(m.key),
                join_words((_criterion(shown.plan, c, shown.lang) for c in m.criteria), shown.lang),
            )
            for m in found.missing
        )
        sections.append(Section(title, (), Table(title, cols("needed_by"), rows), key="missing"))
    flagged(
        "soon",
        found.soon,
        cols("expires", "left", "event"),
        lambda f: (*base(f), expires(f), say("factcli.days", days=f.days), f.recorded.seq),
    )
    data = {
        "date": on.day.isoformat(),
        "date_from": on.source,
        "max_age_days": on.max_age_days,
        "within_days": within,
        "needs_attention": found.failing,
        "expired": [_flag_data(f, shown) for f in found.expired],
        "stale": [_flag_data(f, shown) for f in found.stale],
        "missing": [
            {"tool": shown.tool_ref(m.tool), "key": m.key, "criteria": list(m.criteria)} for m in found.missing
        ],
        "expiring": [_flag_data(f, shown) for f in found.soon],
        "withdrawn": [shown.tool_ref(t) for t in found.withdrawn],
    }
    head = list(on.sentences(shown))
    if shown.blind:
        head.append(say("factcli.blind_note"))
    return Document(
        kind="fact-check",
        title=say("factcli.check_title", date=on.day.isoformat()),
        lang=shown.lang,
        provenance=tuple(head),
        sections=tuple(sections),
        data=data,
    )


def _flag_data(f: Flagged, shown: Shown) -> dict[str, Any]:
    fact = f.recorded.fact
    return {
        "tool": shown.tool_ref(f.tool),
        "key": fact.key,
        "as_of": fact.as_of.isoformat(),
        "expires": fact.expires.isoformat() if fact.expires else None,
        "days": f.days,
        "event": f.recorded.seq,
    }


def _criterion(plan: Plan, criterion_id: str, lang: Lang) -> str:
    criterion = plan.criterion(criterion_id)
    return criterion.name.get(lang) if criterion is not None else criterion_id


def keys_document(lang: Lang) -> Document:
    """The known keys: the key a plan writes, its names in both languages and aliases, and its values."""

    def say(key: str, **params: object) -> str:
        return translate(key, lang, **params)

    headers = (say("factcli.col.key"), say("factcli.col.name"), say("factcli.col.values"))
    rows: list[tuple[Value, ...]] = []
    data: list[dict[str, Any]] = []
    for spec in FACT_KEYS.values():
        names = [spec.ja, spec.en] if lang == "ja" else [spec.en, spec.ja]
        if spec.aliases:
            names.append(say("factcli.aliases", aliases=", ".join(spec.aliases)))
        if spec.type == "choice":
            values = "\n".join(
                say("factcli.choice", value=value, label=ja if lang == "ja" else en) for value, ja, en in spec.choices
            )
        else:
            values = say(f"fact.type.{spec.type}")
        rows.append((spec.key, "\n".join(names), values))
        data.append(
            {
                "key": spec.key,
                "type": spec.type,
                "ja": spec.ja,
                "en": spec.en,
                "aliases": list(spec.aliases),
                "values": [{"value": v, "ja": ja, "en": en} for v, ja, en in spec.choices],
            }
        )
    notes = tuple(say(f"factcli.keys_note_{k}") for k in ("held", "choice", "days", "free"))
    table = Table("", headers, tuple(rows), notes)
    return Document(
        "fact-keys", say("factcli.keys_title"), lang, sections=(Section("", (), table, key="keys"),), data=data
    )


# --- commands --------------------------------------------------------------------------------


@click.group()
def fact() -> None:
    """Facts about the candidates (ISMAP, ISMS, Pマーク, LGWAN-ASP, data location …), each with its source and date.

    \b
    Example:
      toolbench fact keys
      toolbench fact add kamiscan ismap true --source https://www.ismap.go.jp/csm --as-of 2026-11-20
      toolbench fact list
      toolbench fact check
    """


@fact.command("add")
@click.argument("tool", shell_complete=complete_tools)
@click.argument("key")
@click.argument("value")
@click.option("--source", required=True, help="Where it was read: a URL, or a document's name.")
@click.option(
    "--as-of",
    "as_of",
    required=True,
    help="The date the source was seen (2026-11-20, 令和8年11月20日, or today).",
)
@click.option("--expires", default=None, help="The last day the fact holds (a registration's or certificate's).")
@click.option("--number", default=None, help="A registration or certificate number.")
@click.option("--page", default=None, help="Where in the source: a page, section or row.")
@click.option("--detail", default=None, help="What the value leaves out: a certificate's scope, a court's name.")
@click.option("--reason", default=None, help="Why: required to correct a fact seen on the same day or later.")
@ACTOR_OPTION
@click.pass_obj
def fact_add(
    state: State,
    tool: str,
    key: str,
    value: str,
    source: str,
    as_of: str,
    expires: str | None,
    number: str | None,
    page: str | None,
    detail: str | None,
    reason: str | None,
    actor: str | None,
) -> None:
    """Record one fact about TOOL: KEY is VALUE, read in --source on --as-of.

    KEY is a known fact (`toolbench fact keys`) by its key, name or alias (ismap,
    ISMS, Pマーク, LGWAN-ASP …), or any other name for a free fact. VALUE is read
    by the key: true/false (あり/なし), one of its values (japan, 国内 …), or a
    number of days. --as-of has no default: it is the fact's age, and a date typed
    for you would make an old reading look new. A fact replacing one seen on the
    same day or later, saying something else, is a correction and needs --reason.

    \b
    Example:
      toolbench fact add kamiscan ismap true --number C21-0001-1 \\
          --source https://www.ismap.go.jp/csm --as-of 2026-11-20 --expires 2027-03-31
      toolbench fact add kamiscan Pマーク なし --source "提案書 様式第3号" --page 4 --as-of today
    """
    workspace = state.workspace()
    lang = state.lang
    shown = _shown(workspace, lang)
    today = _today(workspace.plan)
    with _named(shown):
        tool_id = _resolve(workspace, tool)
    seen = _day(as_of, "--as-of", lang, today)
    assert seen is not None
    if seen > today:  # a typo of the year, most often: a fact seen "later" would never grow old
        raise BadValue(translate("factcli.future", lang, date=seen.isoformat(), today=today.isoformat()))
    typed = typed_fact(
        key,
        value,
        source=source,
        as_of=seen,
        expires=_day(expires, "--expires", lang, today),
        number=number,
        page=page,
        detail=detail,
        lang=lang,
    )
    if typed.known is None:
        click.echo(translate("factcli.free_key", lang, name=displayable(typed.key)), err=True)
        near = closest_key(typed.key)
        if near is not None:  # a known key written nearly right is more likely than a new one
            click.echo(translate("factcli.did_you_mean", lang, known=near, name=key_label(near, lang)), err=True)
    if typed.expires is not None and typed.expires < typed.as_of:
        click.echo(translate("factcli.expired_when_seen", lang, expires=typed.expires.isoformat()), err=True)
    with _named(shown):
        events = workspace.facts.record([(tool_id, typed)], actor=actor or default_actor(), reason=reason)
    if not events:
        same = workspace.facts.current().facts.get((tool_id, typed.key))
        click.echo(
            displayable(
                shown.say(
                    "factcli.unchanged",
                    tool=shown.tool(tool_id),
                    fact=shown.fact(typed.key),
                    seq=same.seq if same else "-",
                )
            )
        )
        return
    event = events[0]
    payload = event.payload
    more = ""
    if "supersedes" in payload:
        more = (
            shown.say("factcli.corrects", seq=payload["supersedes"], reason=payload.get("reason", ""))
            if payload.get("reason")
            else shown.say("factcli.replaces", seq=payload["supersedes"])
        )
    click.echo(
        displayable(
            shown.say(
                "factcli.recorded",
                tool=shown.tool(tool_id),
                fact=shown.fact(typed.key),
                value=shown.value(typed),
                number=shown.say("factcli.number", number=typed.number) if typed.number and not shown.blind else "",
                as_of=typed.as_of.isoformat(),
                expires=shown.say("factcli.expires", date=typed.expires.isoformat()) if typed.expires else "",
                seq=event.seq,
                more=more,
            )
        )
    )


def _on_option(command: Any) -> Any:
    return click.option(
        "--on",
        "on",
        default=None,
        help="Judge the facts on this date (default: the plan's [facts] date, else today).",
    )(command)


@fact.command("list")
@click.argument("tool", required=False, shell_complete=complete_tools)
@_on_option
@DOCUMENT_FORMAT_OPTION
@OUTPUT_OPTION
@ENCODING_OPTION
@click.pass_obj
def fact_list(
    state: State, tool: str | None, on: str | None, fmt: str | None, output: Path | None, encoding: str
) -> None:
    """List the facts recorded for each candidate, their sources, dates and status on the date.

    Per candidate (in the plan's order): each fact's value, number, source, the
    date it was seen, its expiry, its status on the date (valid, expired, too old:
    seen more than the plan's [facts] max_age_days before), who recorded it and the
    event. Then the facts catalog entries hold for the candidates that are not
    recorded, or recorded differently (`toolbench fact take` records them). While
    blind, candidates are shown by their labels and sources are withheld.

    \b
    Example:
      toolbench fact list
      toolbench fact list kamiscan --on 2027-04-01
      toolbench fact list -o facts.xlsx
    """
    workspace = state.workspace()
    lang = state.lang
    shown = _shown(workspace, lang)
    judged = JudgedOn.of(workspace.plan, _day(on, "--on", lang, _today(workspace.plan)), _documents_day(workspace))
    if tool is not None:
        with _named(shown):
            tools = [_resolve(workspace, tool)]
    else:
        tools = shown.order([t.id for t in workspace.plan.tools])
    listing = _listing(workspace, shown, judged, tools)
    compact = format_for(output, fmt) == "table"
    _show(list_document(listing, compact=compact), fmt, output, lang, encoding=encoding, workspace=workspace)


@fact.command("check")
@_on_option
@click.option(
    "--within",
    type=click.IntRange(min=0),
    default=90,
    show_default=True,
    help="Also list the facts that expire within this many days.",
)
@DOCUMENT_FORMAT_OPTION
@OUTPUT_OPTION
@ENCODING_OPTION
@click.pass_context
def fact_check(
    ctx: click.Context, on: str | None, within: int, fmt: str | None, output: Path | None, encoding: str
) -> None:
    """Say which facts need attention: expired, too old, or needed by the plan but not recorded.

    On the date (--on, else the plan's [facts] date, else today): facts past their
    expiry, facts seen more than the plan's [facts] max_age_days before, and the
    facts the plan's fact criteria and fact-decided must-haves read that nobody
    recorded for a candidate; then the facts that expire within --within days.
    A fact expiring on the date itself is still valid. Candidates that withdrew
    are not checked. Exit code 1 when anything is expired, too old or missing,
    0 otherwise (facts expiring soon alone leave it 0), 2 for a mistyped option,
    so a script can run it.

    \b
    Example:
      toolbench fact check
      toolbench fact check --on 2027-04-01 --within 30
    """
    state = ctx.find_object(State)
    assert state is not None
    workspace = state.workspace()
    lang = state.lang
    shown = _shown(workspace, lang)
    judged = JudgedOn.of(workspace.plan, _day(on, "--on", lang, _today(workspace.plan)), _documents_day(workspace))
    found = attention(workspace.plan, workspace.facts.current(), judged.day, within, _withdrawn(workspace))
    _show(check_document(found, shown, judged, within), fmt, output, lang, encoding=encoding, workspace=workspace)
    if found.failing:
        ctx.exit(1)


@fact.command("take")
@click.argument("tools", metavar="[TOOL]...", nargs=-1, shell_complete=complete_tools)
@click.option("--all", "everyone", is_flag=True, help="Every candidate of the plan that has a catalog entry.")
@click.option("--dry-run", is_flag=True, help="Say what would be recorded; record nothing.")
@ACTOR_OPTION
@click.pass_obj
def fact_take(state: State, tools: tuple[str, ...], everyone: bool, dry_run: bool, actor: str | None) -> None:
    """Record the facts the catalog holds for candidates, all or nothing.

    A candidate's catalog entry is the one whose id is the candidate's id (shipped,
    pulled with `toolbench catalog pull`, or the workspace's own). Each fact is
    recorded with its source and date as the entry gives them, and the catalog file
    it came from. A fact recorded already is skipped, and so is one whose recorded
    fact was seen on the same day or later: taking the same facts again records
    nothing.

    \b
    Example:
      toolbench fact take --all --dry-run
      toolbench fact take kamiscan yomitoru
    """
    workspace = state.workspace()
    lang = state.lang
    shown = _shown(workspace, lang)
    if not tools and not everyone:
        raise BadValue(translate("factcli.take_whom", lang))
    if tools and everyone:
        raise BadValue(translate("factcli.take_both", lang))
    with _named(shown):
        chosen = [_resolve(workspace, t) for t in tools] if tools else [t.id for t in workspace.plan.tools]
    chosen = list(dict.fromkeys(chosen))
    found = catalog_facts(workspace.root, workspace.facts.current(), chosen)
    absent = [t for t in chosen if t not in found]
    if tools and absent:
        key = "factcli.no_entry_blind" if shown.blind else "factcli.no_entry"
        raise FactError(key, tool=shown.tool(absent[0]), id=absent[0])
    wanted: dict[str, list[tuple[str, Fact]]] = {}
    kept: list[CatalogFact] = []
    for tool in chosen:
        for item in found.get(tool, []):
            if item.recorded is not None and item.recorded.fact.same(item.fact):
                continue
            if item.recorded is not None and item.fact.as_of <= item.recorded.fact.as_of:
                kept.append(item)
                continue
            wanted.setdefault(item.origin, []).append((tool, item.fact))
    who = actor or default_actor()
    recorded: list[Event] = []
    with _named(shown):
        for origin, items in wanted.items():  # every file's facts checked before any is recorded
            workspace.facts.record(items, actor=who, origin=origin, dry_run=True)
        if not dry_run:
            for origin, items in wanted.items():
                recorded += workspace.facts.record(items, actor=who, origin=origin)
    taken = [pair for items in wanted.values() for pair in items]
    if absent and everyone:
        click.echo(
            displayable(shown.say("factcli.take_no_entries", tools=join_words(map(shown.tool, absent), shown.lang))),
            err=True,
        )
    if kept:
        names = join_words((f"{shown.tool(i.tool)} {shown.fact(i.fact.key)}" for i in kept), shown.lang)
        click.echo(displayable(shown.say("factcli.take_kept", facts=names)), err=True)
    if not taken:
        click.echo(shown.say("factcli.take_nothing"))
        return
    by_tool: dict[str, list[Fact]] = {}
    for tool, f in taken:
        by_tool.setdefault(tool, []).append(f)
    if dry_run:
        click.echo(shown.say("factcli.take_dry_run", count=len(taken), tools=len(by_tool)))
    else:
        recorded.sort(key=lambda e: e.seq)
        click.echo(shown.say("factcli.taken", count=len(recorded), tools=len(by_tool), seqs=_seqs(recorded, lang)))
    for tool in chosen:
        if tool in by_tool:
            facts = join_words((f"{shown.fact(f.key)}: {shown.value(f)}" for f in by_tool[tool]), shown.lang)
            click.echo(displayable(shown.say("factcli.take_line", tool=shown.tool(tool), facts=facts)))


@fact.command("retract")
@click.argument("tool", shell_complete=complete_tools)
@click.argument("key")
@click.option("--reason", default="", help="Why the fact no longer holds (required).")
@ACTOR_OPTION
@click.pass_obj
def fact_retract(state: State, tool: str, key: str, reason: str, actor: str | None) -> None:
    """Withdraw the fact recorded for TOOL under KEY, with the reason; it no longer counts.

    KEY is read as `fact add` reads it (ismap, ISMS, Pマーク …). The fact stays in
    the ledger with the withdrawal after it; record a new one with `fact add`.

    \b
    Example:
      toolbench fact retract kamiscan ismap --reason "registration withdrawn (ISMAP list of 2026-12-01)"
    """
    workspace = state.workspace()
    lang = state.lang
    shown = _shown(workspace, lang)
    written = key.strip()
    fact_key = known_key(written) or written
    with _named(shown):
        tool_id = _resolve(workspace, tool)
        event = workspace.facts.retract(tool_id, fact_key, actor=actor or default_actor(), reason=reason)
    payload = event.payload
    click.echo(
        displayable(
            shown.say(
                "factcli.retracted",
                tool=shown.tool(tool_id),
                fact=shown.fact(fact_key),
                old=payload.get("supersedes", "-"),
                seq=event.seq,
                reason=str(payload.get("reason", "")),
            )
        )
    )


@fact.command("keys")
@DOCUMENT_FORMAT_OPTION
@OUTPUT_OPTION
@ENCODING_OPTION
@click.pass_obj
def fact_keys(state: State, fmt: str | None, output: Path | None, encoding: str) -> None:
    """List the known facts: the key a plan writes, their names, and the values each takes.

    Use the key in a plan's [criteria.fact] (facts = [{ key = "ismap" }]) and a
    choice's values in its in = [...]. `fact add` also reads the names and aliases.
    Any other key is a free fact with a text value.

    \b
    Example:
      toolbench fact keys
      toolbench fact keys -o fact-keys.csv
    """
    lang = state.lang
    _show(keys_document(lang), fmt, output, lang, encoding=encoding)


# `toolbench fact import`: a registry's published list (ISMAP, ASPIC, LGWAN-ASP) as facts; its own module
fact.add_command(_registry.fact_import)
