"""Facts in the documents: each point cites the fact, its source and its date.

    fact_cell_view     a `fact` criterion's matrix cell: its points, how many facts hold (and how many
                       are expired or too old), and per fact a note: its value in words, its source (and
                       page), the date it was seen and its expiry
    fact_must_view     a must-have decided by facts: 適 / 否 / 事実の更新待ち / 未判定 and the same notes
    fact_rule_lines    the facts' date (和暦), the maximum age, and how each fact criterion scores
    fact_notes         the lines under the matrix: every expired or too old fact, and the must-haves
                       that wait for a fact
    with_fact_data     the facts behind each cell and must-have, added to the matrix JSON
    facts_document     事実一覧: the flagged facts first, then per candidate (plan order) × fact the value,
                       number, source, page, dates, status on the facts' date, who recorded it and when
                       (the plan's time zone), the event, where it came from and the reason
    fact_reason_rows   the reasons log's rows for corrected and withdrawn facts

A fact is judged on one date (`Evaluation.facts_on`): expired from the day after its
`expires`, too old when seen more than `[facts] max_age_days` before. While blind, a source,
a number, a remark, a file a fact came from and a reason are withheld (a vendor's page names
it); values and dates are shown.

The keys' names and values in words are `toolbench.model.fact_keys`'s; the pydantic models
are loaded only where an evaluation is drawn (never on the matrix's snapshot path), so this
module imports them inside the functions that read them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from toolbench.base.i18n import Lang, translate
from toolbench.base.numbers import exact_text, plain
from toolbench.base.times import document_date, local, zone_label
from toolbench.documents.model import CellView, Document, Section, Table, Value, anchor_line
from toolbench.model.fact_keys import FACT_KEYS, key_label, read_value, value_text

if TYPE_CHECKING:
    from toolbench.methods.evaluation import Evaluation, Finding, MustOutcome, ToolResult
    from toolbench.methods.facts import FactCell, FactCheck, FactState, RecordedFact
    from toolbench.model.plan import Criterion, FactCombination, FactCondition, Plan
    from toolbench.store.ledger import Event

__all__ = [
    "FLAGGED",
    "citation",
    "fact_cell_view",
    "fact_must_view",
    "fact_notes",
    "fact_reason_rows",
    "fact_rule_lines",
    "facts_document",
    "finding_facts",
    "has_facts",
    "label",
    "value_words",
    "with_fact_data",
]

FLAGGED = ("expired", "stale")
"""The statuses a document flags (drawn as an alarm, like a missing score)."""


# --- words ----------------------------------------------------------------------------------------------


def label(key: str, lang: Lang) -> str:
    """A fact key's name: ISMAP 登録 / ISMAP registration; a free key as written."""
    return key_label(key, lang)


def labels(keys: Iterable[str], lang: Lang) -> str:
    return translate("factdoc.join", lang).join(label(k, lang) for k in keys)


def value_words(key: str, value: object, lang: Lang) -> str:
    """A value as a document writes it: あり / なし, a choice's name (国内), 30 日; a free key's text as written
    (a payload's value that is none of these, as it is)."""
    if isinstance(value, (bool, int, str)):
        return value_text(key, value, lang)
    return "" if value is None else str(value)


def _status(status: str, lang: Lang) -> str:
    return translate(f"fact.status.{status}", lang)


def _date(day: date | None, lang: Lang) -> str:
    return document_date(day, lang) if day is not None else ""


def citation(check: FactCheck, lang: Lang, *, blind: bool = False) -> str:
    """One fact a cell rests on, in a line: its value (and flag), source and page, the date seen and the expiry.

    While blind the source is withheld: a vendor's page would name the vendor.
    """
    name = label(check.key, lang)
    if check.recorded is None:
        return translate("factdoc.cite.missing", lang, label=name)
    fact = check.recorded.fact
    flag = translate("factdoc.cite.status", lang, status=_status(check.status, lang)) if check.status in FLAGGED else ""
    expires = translate("factdoc.cite.expires", lang, date=_date(fact.expires, lang)) if fact.expires else ""
    params: dict[str, object] = {
        "label": name,
        "value": value_words(fact.key, fact.value, lang),
        "status": flag,
        "as_of": _date(fact.as_of, lang),
        "expires": expires,
    }
    if blind:
        return translate("factdoc.cite_blind", lang, **params)
    page = translate("factdoc.cite.page", lang, page=fact.page) if fact.page else ""
    return translate("factdoc.cite", lang, source=fact.source, page=page, **params)


def _flags(checks: Sequence[FactCheck]) -> tuple[str, ...]:
    """`expired` / `stale` when a fact of these has that status, in that order."""
    return tuple(status for status in FLAGGED if any(c.status == status for c in checks))


# --- the matrix's cells -------------------------------------------------------------------------------


def fact_cell_view(cell: FactCell, shown: Decimal | None, lang: Lang, *, blind: bool = False) -> CellView:
    """A `fact` criterion's cell: points, how many facts hold (and are flagged), each fact cited in the notes.

    Unscored while a fact not recorded could change it, and it says which (flag `missing`); a fact
    not recorded that could not is named in the notes. Flagged
    `fact`, and `expired` / `stale` when a fact it rests on is.
    """
    flags = _flags(cell.checks)
    notes = tuple(citation(c, lang, blind=blind) for c in cell.checks if c.recorded is not None)
    if shown is None:
        detail = translate("factdoc.cell.missing", lang, facts=labels(cell.missing, lang))
        return CellView(None, detail, ("missing", "fact", *flags), notes)
    held = sum(1 for c in cell.checks if c.holds)
    detail = translate("factdoc.cell.summary", lang, held=held, count=len(cell.checks))
    if cell.missing:  # scored all the same: nothing the missing facts could say would change the points
        notes += (translate("factdoc.cell.undecisive", lang, facts=labels(cell.missing, lang)),)
    if flags:
        counts = translate("factdoc.join", lang).join(
            translate(
                "factdoc.cell.count", lang, status=_status(s, lang), n=sum(1 for c in cell.checks if c.status == s)
            )
            for s in flags
        )
        detail += translate("factdoc.cell.flagged", lang, counts=counts)
    return CellView(shown, detail, ("fact", *flags), notes)


def fact_must_view(outcome: MustOutcome, lang: Lang, *, blind: bool = False) -> CellView:
    """A must-have decided by facts: 適 / 否 / 事実の更新待ち / 未判定, with every fact it rests on cited."""
    cell = outcome.facts
    assert cell is not None
    verdict = translate(f"must.{outcome.verdict}", lang)
    notes = tuple(citation(c, lang, blind=blind) for c in cell.checks)
    flags = tuple(dict.fromkeys((outcome.verdict, "fact", *_flags(cell.checks))))  # a verdict `stale` once
    return CellView(None, verdict, flags, notes)


def finding_facts(finding: Finding, plan: Plan, lang: Lang) -> dict[str, object]:
    """A failed fact must-have's parameters in words: the criterion's name and the facts' labels."""
    params = dict(finding.params)
    criterion = plan.criterion(str(params.get("criterion", "")))
    if criterion is not None:
        params["criterion"] = criterion.name.get(lang)
    keys = [k.strip() for k in str(params.get("facts", "")).split(",") if k.strip()]
    params["facts"] = labels(keys, lang)
    return params


# --- the rule, in words -----------------------------------------------------------------------------------


def _or(values: Sequence[str], lang: Lang) -> str:
    return translate("factdoc.or", lang).join(values)


def condition_words(condition: FactCondition, lang: Lang) -> str:
    """When one fact holds, in words: ISMAP 登録あり, データの保管場所が国内, 保持期間が 30 日以下."""
    spec = FACT_KEYS.get(condition.key)
    kind = spec.type if spec is not None else "text"
    name = label(condition.key, lang)
    if kind == "held":
        return translate("factdoc.cond.held", lang, label=name)
    if kind == "days":
        most, least = condition.at_most, condition.at_least
        if most is not None and least is not None:
            return translate("factdoc.cond.between", lang, label=name, least=least, most=most)
        if most is not None:
            return translate("factdoc.cond.at_most", lang, label=name, most=most)
        return translate("factdoc.cond.at_least", lang, label=name, least=least)
    if kind == "choice":
        assert spec is not None
        named = []
        for written in condition.in_:
            try:
                named.append(spec.choice_label(str(read_value(condition.key, written)), lang))
            except ValueError:
                named.append(written)
        return translate("factdoc.cond.choice", lang, label=name, values=_or(named, lang))
    quoted = [translate("factdoc.quoted", lang, text=w) for w in condition.in_]
    return translate("factdoc.cond.text", lang, label=name, values=_or(quoted, lang))


def _combination_words(combination: FactCombination, conditions: Mapping[str, FactCondition], lang: Lang) -> str:
    parts = []
    for part, keys in (("all", combination.all), ("any", combination.any)):
        items = [condition_words(conditions[k], lang) for k in keys if k in conditions]
        if len(items) == 1:
            parts.append(items[0])
        elif items:
            parts.append(translate(f"factdoc.rule.{part}", lang, items=translate("factdoc.join", lang).join(items)))
    return translate("factdoc.and", lang).join(parts)


def fact_criteria(evaluation: Evaluation) -> list[Criterion]:
    """The criteria and must-haves the evaluation decides by facts, in plan order."""
    shown = {c.id for c in (*evaluation.scored_criteria, *evaluation.must_criteria)}
    return [c for c in evaluation.plan.criteria if c.fact is not None and c.id in shown]


def date_lines(plan: Plan, on: date | None, lang: Lang) -> list[str]:
    """The day facts are judged on (和暦 with the western year) and where it comes from, and the maximum age."""
    if on is None:
        lines = [translate("factdoc.date.none", lang)]
    else:
        key = "factdoc.date.plan" if plan.facts.date is not None else "factdoc.date.ledger"
        lines = [translate(key, lang, date=document_date(on, lang))]
    if plan.facts.max_age_days is not None:
        lines.append(translate("factdoc.max_age", lang, days=plan.facts.max_age_days))
    return lines


def criterion_rule_lines(evaluation: Evaluation, lang: Lang) -> list[str]:
    """How each fact criterion scores and when each fact must-have passes, in words with the facts' names."""
    criteria = fact_criteria(evaluation)
    lines: list[str] = []
    join = translate("factdoc.join", lang)
    for criterion in criteria:
        rule = criterion.fact
        assert rule is not None
        name = criterion.name.get(lang)
        if criterion.kind == "must":
            items = join.join(condition_words(c, lang) for c in rule.facts)
            key = "factdoc.rule.must_one" if len(rule.facts) == 1 else f"factdoc.rule.must_{rule.require}"
            lines.append(
                translate("factdoc.rule.must", lang, criterion=name, require=translate(key, lang, items=items))
            )
            continue
        best, points = plain(rule.best()), plain(criterion.points)
        if rule.combinations:
            conditions = {c.key: c for c in rule.facts}
            parts = translate("factdoc.rule.combination_join", lang).join(
                translate(
                    "factdoc.rule.combination_part",
                    lang,
                    condition=_combination_words(combination, conditions, lang),
                    points=plain(combination.points),
                )
                for combination in rule.combinations
            )
            lines.append(translate("factdoc.rule.combinations", lang, criterion=name, parts=parts))
        else:
            parts = join.join(
                translate(
                    "factdoc.rule.per_fact_part",
                    lang,
                    condition=condition_words(c, lang),
                    points=plain(c.points or 0),
                )
                for c in rule.facts
            )
            lines.append(translate("factdoc.rule.per_fact", lang, criterion=name, parts=parts, best=best))
        if rule.best() != criterion.points:  # points derived from hearings: the rule's points scaled to them
            lines.append(translate("factdoc.rule.scaled", lang, criterion=name, points=points, best=best))
    if any(c.kind == "must" for c in criteria):
        lines.append(translate("factdoc.rule.must_awaits", lang))
    return lines


def fact_rule_lines(evaluation: Evaluation, lang: Lang) -> list[str]:
    """The facts' date and maximum age, how facts are judged, and how each fact criterion scores.

    None for an evaluation that decides nothing by facts (its rule lines stay as they were).
    """
    if not fact_criteria(evaluation):
        return []
    lines = date_lines(evaluation.plan, evaluation.facts_on, lang)
    return [*lines, translate("factdoc.rule.expiry", lang), *criterion_rule_lines(evaluation, lang)]


# --- the notes under the matrix ---------------------------------------------------------------------------


def _fact_cells(result: ToolResult) -> list[FactCell]:
    """A tool's fact cells and fact must-haves, in the order the matrix shows them."""
    cells = [c.fact for c in result.cells.values() if c.fact is not None]
    return cells + [m.facts for m in result.musts.values() if m.facts is not None]


def _flagged_line(tool: str, check: FactCheck, on: date | None, max_age: int | None, lang: Lang) -> str:
    assert check.recorded is not None
    fact = check.recorded.fact
    params: dict[str, object] = {"tool": tool, "fact": label(check.key, lang), "as_of": _date(fact.as_of, lang)}
    if check.status == "expired":
        return translate("factdoc.flag.expired", lang, expires=_date(fact.expires, lang), **params)
    days = (on - fact.as_of).days if on is not None else 0
    return translate("factdoc.flag.stale", lang, days=days, most=max_age or 0, **params)


def fact_notes(evaluation: Evaluation, lang: Lang) -> list[str]:
    """Every fact expired or too old on the facts' date (once per tool and fact), and each must-have decided
    by facts that is not judged (a fact not recorded) or waits for a fresh fact; while blind, that the
    sources are withheld."""
    plan = evaluation.plan
    lines: list[str] = []
    for result in evaluation.results:
        tool = result.tool.name.get(lang)
        seen: set[str] = set()
        for cell in _fact_cells(result):
            for check in cell.flagged:
                if check.key not in seen:
                    seen.add(check.key)
                    lines.append(_flagged_line(tool, check, evaluation.facts_on, plan.facts.max_age_days, lang))
    for result in evaluation.results:
        tool = result.tool.name.get(lang)
        for must in result.musts.values():
            if must.facts is None or must.verdict not in ("unjudged", "stale"):
                continue
            criterion = plan.criterion(must.criterion)
            name = criterion.name.get(lang) if criterion is not None else must.criterion
            if must.verdict == "unjudged":
                facts = labels(must.facts.missing, lang)
            else:
                facts = labels((c.key for c in must.facts.flagged), lang)
            lines.append(translate(f"factdoc.must.{must.verdict}", lang, tool=tool, criterion=name, facts=facts))
    if evaluation.blind and any(_fact_cells(r) for r in evaluation.results):
        lines.append(translate("factdoc.blind_sources", lang))
    return lines


# --- the matrix JSON --------------------------------------------------------------------------------------


def _recorded_data(recorded: RecordedFact, blind: bool) -> dict[str, Any]:
    fact = recorded.fact
    withheld = blind
    return {
        "value": fact.value,
        "value_text": {"ja": value_words(fact.key, fact.value, "ja"), "en": value_words(fact.key, fact.value, "en")},
        "number": None if withheld else fact.number,
        "detail": None if withheld else fact.detail,
        "source": None if withheld else fact.source,
        "page": None if withheld else fact.page,
        "as_of": fact.as_of.isoformat(),
        "expires": fact.expires.isoformat() if fact.expires else None,
        "event": recorded.seq,
        "recorded_at": recorded.ts,
        "actor": recorded.actor,
        "origin": None if withheld else recorded.origin,
        "reason": None if withheld else recorded.reason,
    }


def _checks_data(cell: FactCell, blind: bool) -> list[dict[str, Any]]:
    return [
        {
            "key": c.key,
            "label": {"ja": label(c.key, "ja"), "en": label(c.key, "en")},
            "status": c.status,
            "holds": c.holds,
            "recorded": None if c.recorded is None else _recorded_data(c.recorded, blind),
        }
        for c in cell.checks
    ]


def with_fact_data(evaluation: Evaluation, data: dict[str, Any]) -> dict[str, Any]:
    """The matrix JSON (`matrix_data`) with the facts behind it, changed in place and returned.

    A fact cell gains `fact` (the facts' date, the raw points and the rule's best, the
    combination that gave them, and each fact with its status, whether it holds and the
    fact as recorded: value, source, page, dates, event) and the flags `fact`, `expired`,
    `stale`; a must-have decided by facts gains `facts`; the document gains `facts` (the
    date, where it comes from, the maximum age). While blind, sources, numbers, remarks,
    origins and reasons are null. An evaluation that decides nothing by facts is left as
    it is, so its results hash does not change.
    """
    if evaluation.facts is None:
        return data
    blind = evaluation.blind is not None
    plan = evaluation.plan
    for result, tool in zip(evaluation.results, data["tools"], strict=True):
        for cell_data in tool["cells"]:
            cell = result.cells.get(cell_data["criterion"])
            if cell is None or cell.fact is None:
                continue
            found = cell.fact
            cell_data["flags"] = [*cell_data["flags"], "fact", *_flags(found.checks)]
            cell_data["fact"] = {
                "raw_exact": None if found.raw is None else exact_text(found.raw),
                "best_exact": exact_text(found.best),
                "combination": found.combination,
                "facts": _checks_data(found, blind),
            }
        for must_data in tool["musts"]:
            must = result.musts.get(must_data["criterion"])
            if must is None or must.facts is None:
                continue
            criterion = plan.criterion(must.criterion)
            require = criterion.fact.require if criterion is not None and criterion.fact is not None else "all"
            must_data["facts"] = {"require": require, "facts": _checks_data(must.facts, blind)}
    on = evaluation.facts_on
    data["facts"] = {
        "date": on.isoformat() if on is not None else None,
        "date_from": None if on is None else "plan" if plan.facts.date is not None else "ledger",
        "max_age_days": plan.facts.max_age_days,
    }
    return data


# --- the facts list (事実一覧) ------------------------------------------------------------------------------


def has_facts(plan: Plan, events: Iterable[Event]) -> bool:
    """Whether a plan or its ledger has facts to list: a criterion decided by facts, a `[facts]` setting, or a
    fact recorded or withdrawn."""
    if any(c.fact is not None for c in plan.criteria):
        return True
    from toolbench.methods.facts import FACT_KINDS  # lazy: the pydantic models, never on the snapshot path

    if plan.facts.max_age_days is not None or plan.facts.date is not None:
        return True
    return any(e.kind in FACT_KINDS for e in events)


@dataclass(frozen=True)
class _Row:
    tool: str
    key: str
    recorded: RecordedFact | None
    status: str
    criteria: tuple[str, ...]


def _order(key: str) -> tuple[int, str]:
    known = list(FACT_KEYS)
    return (known.index(key) if key in known else len(known), key)


def _rows(
    evaluation: Evaluation,
    lang: Lang,
    state: FactState | None,
    on: date | None,
) -> list[_Row]:
    """Per tool (plan order; label order while blind) × fact: the fact current, its status, who reads it.

    A fact a criterion reads that is not recorded is a row of its own (未記録). While blind the
    state is under the labels, as the results are.
    """
    from toolbench.model.facts import fact_status  # lazy: the pydantic models, never loaded on the snapshot path

    plan = evaluation.plan
    readers: dict[str, list[str]] = {}
    for criterion in fact_criteria(evaluation):
        assert criterion.fact is not None
        for condition in criterion.fact.facts:
            readers.setdefault(condition.key, []).append(criterion.name.get(lang))
    rows: list[_Row] = []
    for result in evaluation.results:
        checks: dict[str, FactCheck] = {}
        decided = {c.fact.criterion for c in result.cells.values() if c.fact is not None and c.fact.raw is not None}
        decided |= {m.criterion for m in result.musts.values() if m.facts is not None and m.verdict != "unjudged"}
        for cell in _fact_cells(result):
            for read in cell.checks:
                if read.status == "missing" and cell.criterion in decided:
                    continue  # not recorded, but nothing it could say would change this cell or must-have
                checks.setdefault(read.key, read)
        current = {r.fact.key: r for r in state.of(result.tool.id)} if state is not None else {}
        for key in sorted(set(checks) | set(current), key=_order):
            check = checks.get(key)
            recorded = current.get(key) or (check.recorded if check is not None else None)
            if check is not None:
                status: str = check.status
            elif recorded is None:
                status = "missing"
            else:
                status = fact_status(recorded.fact, on, plan.facts.max_age_days) if on is not None else "valid"
            rows.append(_Row(result.tool.name.get(lang), key, recorded, status, tuple(readers.get(key, ()))))
    return rows


class _Words:
    """How the facts list names things, in one language; what could name a vendor withheld while blind."""

    def __init__(self, evaluation: Evaluation, lang: Lang) -> None:
        self.plan = evaluation.plan
        self.lang: Lang = lang
        self.blind = evaluation.blind is not None

    def free(self, words: str | None) -> str | None:
        if not words:
            return None
        return translate("m.reason_blind", self.lang) if self.blind else words

    def value(self, recorded: RecordedFact) -> str:
        fact = recorded.fact
        words = value_words(fact.key, fact.value, self.lang)
        if fact.detail and not self.blind:
            words += translate("factdoc.cite.page", self.lang, page=fact.detail)
        return words

    def when(self, ts: str) -> str:
        try:
            moment = local(datetime.fromisoformat(ts.replace("Z", "+00:00")), self.plan.evaluation.time_zone)
        except ValueError:
            return ts
        return f"{document_date(moment.date(), self.lang)} {moment:%H:%M}"

    def actor(self, actor: str) -> str:
        found = self.plan.evaluator(actor)
        return found.name if found is not None else actor

    def origin(self, origin: str | None) -> str:
        if not origin:
            return translate("factdoc.origin.typed", self.lang)
        kind, _, rest = origin.partition(":")
        if kind == "registry":
            rest = rest.partition(":")[2] or rest
        if kind in ("catalog", "registry"):
            if self.blind or not rest:
                return translate(f"factdoc.origin.{kind}_only", self.lang)
            return translate(f"factdoc.origin.{kind}", self.lang, file=rest)
        return translate("m.reason_blind", self.lang) if self.blind else origin


def _flagged_table(rows: Sequence[_Row], words: _Words) -> Table:
    lang = words.lang
    headers = tuple(
        translate(f"factdoc.col.{c}", lang) for c in ("tool", "fact", "status", "value", "as_of", "expires", "criteria")
    )
    out: list[tuple[Value, ...]] = []
    for row in rows:
        if row.status not in (*FLAGGED, "missing") or (row.status == "missing" and not row.criteria):
            continue
        fact = row.recorded.fact if row.recorded is not None else None
        out.append(
            (
                row.tool,
                label(row.key, lang),
                _status(row.status, lang),
                words.value(row.recorded) if row.recorded is not None else None,
                _date(fact.as_of, lang) if fact is not None else None,
                _date(fact.expires, lang) if fact is not None and fact.expires else None,
                translate("factdoc.join", lang).join(row.criteria) or None,
            )
        )
    notes = () if out else (translate("factdoc.flagged.none", lang),)
    return Table(translate("factdoc.section.flagged", lang), headers, tuple(out), notes)


def _list_table(rows: Sequence[_Row], words: _Words) -> Table:
    lang = words.lang
    zone = zone_label(words.plan.evaluation.time_zone, lang)
    columns = ("tool", "fact", "value", "number", "source", "page", "as_of", "expires", "status", "by")
    headers = (
        *(translate(f"factdoc.col.{c}", lang) for c in columns),
        translate("factdoc.col.when", lang, zone=zone),
        *(translate(f"factdoc.col.{c}", lang) for c in ("event", "origin", "reason")),
    )
    out: list[tuple[Value, ...]] = []
    for row in rows:
        recorded = row.recorded
        if recorded is None:
            empty: tuple[Value, ...] = (None,) * 6
            out.append((row.tool, label(row.key, lang), *empty, _status(row.status, lang), *empty[:5]))
            continue
        fact = recorded.fact
        out.append(
            (
                row.tool,
                label(row.key, lang),
                words.value(recorded),
                words.free(fact.number),
                words.free(fact.source),
                words.free(fact.page),
                _date(fact.as_of, lang),
                _date(fact.expires, lang) if fact.expires else None,
                _status(row.status, lang),
                words.actor(recorded.actor),
                words.when(recorded.ts),
                recorded.seq,
                words.origin(recorded.origin),
                words.free(recorded.reason),
            )
        )
    notes = () if out else (translate("factdoc.no_facts", lang),)
    return Table(translate("factdoc.section.list", lang), headers, tuple(out), notes)


def facts_document(
    evaluation: Evaluation,
    lang: Lang,
    *,
    events: Sequence[Event] | None = None,
    labels_of: Mapping[str, str] | None = None,
    now: datetime | None = None,
) -> Document:
    """事実一覧: the facts' date and the rule, the facts needing attention, then every fact per candidate.

    The facts are the evaluation's; for an evaluation that reads none (no fact criterion),
    they are read from `events` (the ledger), judged on the date the plan sets or the last
    event's. While blind the candidates are their labels (`labels_of`: tool id → label
    tells whose facts are whose; without it only the facts the criteria read are listed)
    and sources, numbers, remarks and reasons are withheld. Prints on A4 landscape.
    """
    from toolbench.methods.facts import (  # lazy: the pydantic models
        FACT_KINDS,
        fact_state,
        facts_date,
        masked_fact_state,
    )

    plan = evaluation.plan
    state, on = evaluation.facts, evaluation.facts_on  # a blinded evaluation's facts are under the labels
    words = _Words(evaluation, lang)
    partial = False
    if state is None and events is not None:
        state = fact_state(e for e in events if e.kind in FACT_KINDS)
        on = facts_date(plan, max((e.ts for e in events), default=None))
        if words.blind:  # the ledger's facts are under the tools' ids: only the labels may show them
            partial = labels_of is None
            state = None if labels_of is None else masked_fact_state(state, labels_of)
    rows = _rows(evaluation, lang, state, on)
    dated = date_lines(plan, on, lang)
    sentences = [translate("factdoc.rule.expiry", lang), *criterion_rule_lines(evaluation, lang)]
    if words.blind:
        sentences.append(translate("factdoc.blind_sources", lang))
    if partial:
        sentences.append(translate("factdoc.blind_unread", lang))
    flagged = _flagged_table(rows, words)
    listed = _list_table(rows, words)
    zone = zone_label(plan.evaluation.time_zone, lang)
    sections = (
        Section(flagged.title, (*dated, translate("factdoc.flagged.about", lang)), flagged, key="facts-flagged"),
        Section(listed.title, (translate("factdoc.list.about", lang, zone=zone),), listed, key="facts-list"),
        Section(translate("factdoc.section.rule", lang), tuple(sentences), key="facts-rule"),
    )
    notes: tuple[str, ...] = ()
    if state is not None and state.unreadable:
        seqs = translate("factdoc.join", lang).join(f"#{seq}" for seq in state.unreadable)
        notes = (translate("factdoc.unreadable", lang, seqs=seqs),)
    info = plan.evaluation
    anchor = anchor_line(lang, plan.hash, evaluation.head_seq, evaluation.head_hash)
    return Document(
        kind="facts",
        title=translate("factdoc.title", lang, title=info.title.get(lang)),
        lang=lang,
        provenance=(anchor,),
        sections=sections,
        notes=notes,
        generated=now or datetime.now(UTC),
        time_zone=info.time_zone,
        approval=tuple(info.approval),
    )


# --- the reasons log --------------------------------------------------------------------------------------

_CHANGED = ("number", "detail", "source", "page", "as_of", "expires")
_WITHHELD = frozenset({"number", "detail", "source", "page"})


def _field_words(field: str, value: object, lang: Lang) -> str:
    if field in ("as_of", "expires") and isinstance(value, str):
        try:
            return document_date(date.fromisoformat(value), lang)
        except ValueError:
            return value
    return "" if value is None else str(value)


def _change(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None, lang: Lang, blind: bool) -> str:
    """A fact's earlier value → new value in words, with any other field that changed beside each."""
    none = translate("report.reasons.no_earlier", lang)
    fields = [
        f
        for f in _CHANGED
        if before is not None and after is not None and before.get(f) != after.get(f) and not (blind and f in _WITHHELD)
    ]

    def side(payload: Mapping[str, Any] | None, missing: str) -> str:
        if payload is None:
            return missing
        words = value_words(str(payload.get("key", "")), payload.get("value"), lang)
        shown = translate("factdoc.join", lang).join(
            translate(
                "factdoc.reasons.field",
                lang,
                field=translate(f"factdoc.col.{f}", lang),
                value=_field_words(f, payload.get(f), lang) or none,
            )
            for f in fields
        )
        return words + (translate("factdoc.reasons.fields", lang, fields=shown) if shown else "")

    return f"{side(before, none)} → {side(after, translate('factdoc.reasons.withdrawn', lang))}"


def fact_reason_rows(
    plan: Plan, events: Sequence[Event], lang: Lang, *, blind: bool = False
) -> list[tuple[int, tuple[Value, ...]]]:
    """The reasons log's rows for facts: each fact recorded with a reason (a correction) and each withdrawn,
    as (sequence number, row): time, actor, kind, tool, the criteria reading it, the change and the reason."""
    from toolbench.methods.facts import FACT_RECORDED, FACT_RETRACTED  # lazy: the pydantic models

    by_seq = {e.seq: e for e in events}
    readers: dict[str, list[str]] = {}
    for criterion in plan.criteria:
        for condition in criterion.fact.facts if criterion.fact is not None else ():
            readers.setdefault(condition.key, []).append(criterion.name.get(lang))
    rows: list[tuple[int, tuple[Value, ...]]] = []
    for event in events:
        p = event.payload
        if event.kind == FACT_RECORDED and p.get("reason"):
            kind, after = "recorded", p
        elif event.kind == FACT_RETRACTED:
            kind, after = "retracted", None
        else:
            continue
        supersedes = p.get("supersedes")
        earlier = by_seq.get(supersedes) if isinstance(supersedes, int) else None
        before = earlier.payload if earlier is not None else None
        key = str(p.get("key", ""))
        tool = plan.tool(str(p.get("tool", "")))
        reason = str(p.get("reason") or "")
        change = translate(
            "factdoc.reasons.fact", lang, label=label(key, lang), change=_change(before, after, lang, blind)
        )
        rows.append(
            (
                event.seq,
                (
                    event.seq,
                    event.ts,
                    event.actor,
                    translate(f"factdoc.reasons.{kind}", lang),
                    tool.name.get(lang) if tool is not None else str(p.get("tool", "")),
                    translate("factdoc.join", lang).join(readers.get(key, ())),
                    "",
                    change,
                    translate("m.reason_blind", lang) if blind and reason else reason,
                ),
            )
        )
    return rows
