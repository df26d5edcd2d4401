"""The fact commands' documents: the facts recorded per candidate (`fact list`), what needs attention on
a date (`fact check`) and the known keys (`fact keys`), in every format.

Built from what the workspace read (`FactListing`, `Attention`); while blind (`Shown.labels`) the
candidates are their labels and a fact's source, number, remark, origin and reason are withheld.
The evaluation's own facts document, 事実一覧, is `toolbench.documents.facts`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from toolbench.base.i18n import Lang, join_words, translate
from toolbench.documents.model import Document, Section, Table, Value
from toolbench.documents.trials import tool_name
from toolbench.model.fact_keys import FACT_KEYS, key_label, value_text
from toolbench.model.facts import fact_status

if TYPE_CHECKING:
    from toolbench.methods.facts import Attention, CatalogFact, Flagged, RecordedFact
    from toolbench.model.facts import Fact, FactStatus
    from toolbench.model.plan import Plan


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


@dataclass(frozen=True)
class JudgedOn:
    """The date facts are judged on, where it came from (option, plan, today), and the plan's maximum age."""

    day: date
    source: str
    max_age_days: int | None
    documents_day: date | None = None
    """The day the matrix and documents judge facts on (no `[facts] date`: the last score or fact's)."""

    @classmethod
    def of(cls, plan: Plan, on: date | None, today: date, documents_day: date | None = None) -> JudgedOn:
        if on is not None:
            return cls(on, "option", plan.facts.max_age_days, documents_day)
        if plan.facts.date is not None:
            return cls(plan.facts.date, "plan", plan.facts.max_age_days)
        return cls(today, "today", plan.facts.max_age_days, documents_day)

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
class FactListing:
    """The facts of the candidates shown, and the catalog's facts for them not (or not equally) recorded."""

    shown: Shown
    on: JudgedOn
    tools: list[str]
    recorded: dict[str, list[RecordedFact]]
    catalog: list[CatalogFact]
    unreadable: tuple[int, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)


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


def list_data(listing: FactListing) -> dict[str, Any]:
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


def _head(listing: FactListing) -> tuple[str, ...]:
    shown = listing.shown
    lines = list(listing.on.sentences(shown))
    if shown.blind:
        lines.append(shown.say("factcli.blind_note"))
    if listing.unreadable:
        lines.append(shown.say("factcli.unreadable", seqs=", ".join(str(s) for s in listing.unreadable)))
    return tuple(lines)


def list_document(listing: FactListing, *, compact: bool) -> Document:
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


def _compact_sections(listing: FactListing) -> tuple[Section, ...]:
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


def _full_sections(listing: FactListing) -> tuple[Section, ...]:
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
