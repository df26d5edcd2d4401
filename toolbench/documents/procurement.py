"""The procurement set: what 契約担当 attach to the approval documents.

`build_report` (toolbench.workspace.reports) writes, into one new folder and only when
every file could be made:

    report.xlsx                 one sheet per part below, plus criteria/points and provenance
    report.html                 every part on one self-contained page, each part on pages of its own
    scoring-sheet-<ID>.csv      (a) each evaluator's 採点表 as the form: criteria as rows, proposers as columns
    summary.csv                 (b) the committee 集計表: the matrix, with the rule and rounding
    public-results.csv          (c) the public results: the selected candidate named, others A社, B社 …
    reasons-log.csv             (d) every changed, moderated or measured score with its reason

and beside them the reports the parts point to (weights, fairness, robustness, the
trials board, the log). The 採点表 is `toolbench.documents.scoring_sheet`; the other
parts are plain tables (`Table`) built here from the Evaluation, its matrix view and
the ledger's events. Every setting is written in the reader's language. The renderers
in `toolbench.renderers` only lay them out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from toolbench._version import __version__
from toolbench.base.cells import column_letters
from toolbench.base.i18n import Lang, translate
from toolbench.base.times import document_time, utc_stamp
from toolbench.documents.facts import fact_reason_rows, labels
from toolbench.documents.matrix import FIT_ORDER, answer_symbol, cell_words, format_points, recusal_sentences
from toolbench.documents.model import Document, MatrixView, Section, Table, Value
from toolbench.methods.evaluation import METRIC_RECORDED, SCORE_MODERATED, SCORE_RECORDED, Evaluation, Score, ToolResult
from toolbench.methods.facts import FACT_KINDS
from toolbench.model.plan import Evaluator, Plan
from toolbench.store.ledger import Event

__all__ = [
    "ProcurementParts",
    "Table",
    "levels_tables",
    "metadata_table",
    "points_table",
    "public_table",
    "procurement_document",
    "reasons_table",
    "redactor",
    "scoring_sheet_document",
    "selected_tool",
]

PUBLIC_KINDS: Final = ("subtotal", "technical", "price", "value", "total", "status")
"""Rows of the view a public results table carries (no criterion-level detail)."""


# --- (a) each evaluator's levels --------------------------------------------------------


def _score_of(result: ToolResult, criterion_id: str, evaluator_id: str) -> Score | None:
    """The evaluator's current score on one cell: from the cell, or from a must-have's votes."""
    cell = result.cells.get(criterion_id)
    scores: Iterable[Score] = cell.scores if cell is not None else ()
    must = result.musts.get(criterion_id)
    if must is not None:
        scores = (*scores, *must.votes)
    return next((s for s in scores if s.evaluator == evaluator_id), None)


def _level_value(level: str) -> Value:
    """A level as written; a plain whole number (5, not 05) is a figure, so Excel does not flag it."""
    try:
        number = int(level)
    except ValueError:
        return level
    return number if str(number) == level and abs(number) < 10**15 else level


def levels_tables(evaluation: Evaluation, lang: Lang) -> list[tuple[Evaluator, Table]]:
    """Each evaluator's levels as data behind the matrix workbook: one row per tool, one column per criterion.

    The procurement set files the 採点表 as forms lay it out (`scoring_sheet.scoring_sheets`);
    this listing stays in the matrix workbook. A recused cell reads 除斥（利害関係）, with
    the reason in the notes (while blind it stays blank, naming no candidate).
    """
    plan = evaluation.plan
    criteria = plan.judged_criteria()
    blind = evaluation.blind is not None
    recused_text = translate("form.recused", lang)
    out: list[tuple[Evaluator, Table]] = []
    for evaluator in plan.evaluators:
        headers = [translate("report.col.tool", lang), *(c.name.get(lang) for c in criteria)]
        own = {key: r for key, r in evaluation.recusals.items() if key[0] == evaluator.id}
        rows: list[tuple[Value, ...]] = []
        for result in evaluation.results:
            record: list[Value] = [result.tool.name.get(lang)]
            recused = not blind and (evaluator.id, result.tool.id) in own
            for criterion in criteria:
                score = _score_of(result, criterion.id, evaluator.id)
                if recused:
                    record.append(recused_text)
                elif score is None:
                    record.append(None)
                elif criterion.kind == "must" and score.level in ("pass", "fail"):
                    record.append(translate(f"form.verdict.{score.level}", lang))
                else:
                    record.append(_level_value(score.level))
            rows.append(tuple(record))
        notes = (
            translate("report.scoring.note_levels", lang),
            *recusal_sentences(plan, own, lang, blind=blind),
            *((translate("form.blind.note", lang),) if blind and own else ()),
        )
        title = translate("report.part.scoring", lang, evaluator=evaluator.name)
        out.append((evaluator, Table(title, tuple(headers), tuple(rows), notes)))
    return out


# --- criteria, points and provenance ----------------------------------------------------


def points_table(evaluation: Evaluation, lang: Lang) -> Table:
    """Every criterion of the effective plan (points from hearings when so derived)."""
    plan = evaluation.plan
    rows: list[tuple[Value, ...]] = []
    for criterion in plan.criteria:
        group = plan.groups[criterion.group].get(lang) if criterion.group in plan.groups else criterion.group
        scale = plan.scale_of(criterion)
        if criterion.kind == "fit":  # answered per requirement ○ △ × −, verified by the 事務局
            kind = translate("fdoc.kind_fit", lang)
            described: str | None = "/".join(answer_symbol(value, lang) for value in FIT_ORDER)
        elif criterion.fact is not None:  # decided by the facts it names, not on a scale
            kind = translate(f"kind.{criterion.kind}", lang)
            described = labels((c.key for c in criterion.fact.facts), lang)
        else:
            kind = translate(f"kind.{criterion.kind}", lang)
            described = scale.describe() if scale is not None else None
        rows.append((criterion.id, criterion.name.get(lang), group, kind, criterion.points, described))
    headers = (
        "id",
        translate("m.criterion", lang),
        translate("m.group", lang),
        translate("report.col.kind", lang),
        translate("m.points", lang),
        translate("report.col.scale", lang),
    )
    return Table(translate("report.part.points", lang), headers, tuple(rows))


def _tie_link(link: str, plan: Plan, lang: Lang) -> str:
    """One link of the tie-break chain in words: 技術点, 価格, くじ, 〇〇の得点 …"""
    prefix, _, name = link.partition(":")
    if prefix == "criterion":
        criterion = plan.criterion(name)
        return translate("form.meta.tie.criterion", lang, name=criterion.name.get(lang) if criterion else name)
    if prefix == "group":
        group = plan.groups[name].get(lang) if name in plan.groups else name
        return translate("form.meta.tie.group", lang, name=group)
    return translate(f"form.meta.tie.{link}", lang)


def metadata_table(evaluation: Evaluation, lang: Lang, *, now: datetime | None = None) -> Table:
    """Where the figures come from: plan hash, ledger head, the rules applied, when and by what.

    Every setting is written in the reader's language (最低価格比方式, 未採点は除外,
    技術点 → 価格 → くじ, ヒアリング由来の配点), never as the plan's raw words; the time
    is the plan's time zone (和暦 in Japanese), with the UTC stamp as a line for machines.
    """
    plan = evaluation.plan
    info = plan.evaluation
    none = translate("report.meta.none", lang)
    moment = now or datetime.now(UTC)
    rounding = translate(
        "report.meta.rounding_value",
        lang,
        mode=translate(f"rounding.{info.rounding}", lang),
        decimals=info.decimals,
        places=", ".join(translate(f"round_at.{p}", lang) for p in info.round_at) or none,
    )
    price = translate(
        "form.meta.price_value",
        lang,
        family=translate(f"form.meta.price.{plan.price.family}", lang),
        tax=translate(f"form.meta.tax.{plan.price.tax}", lang),
    )
    rows: list[tuple[Value, ...]] = [
        (translate("report.meta.title", lang), info.title.get(lang)),
        (translate("report.meta.plan_hash", lang), plan.hash),
        (translate("report.meta.head_seq", lang), evaluation.head_seq),
        (translate("report.meta.head_hash", lang), evaluation.head_hash or none),
        (translate("report.meta.aggregation", lang), translate(f"agg.{plan.scoring.aggregation}", lang)),
        (translate("report.meta.missing", lang), translate(f"form.meta.missing.{plan.scoring.missing}", lang)),
        (translate("report.meta.rounding", lang), rounding),
        (translate("report.meta.price", lang), price),
        (
            translate("report.meta.tie_break", lang),
            " → ".join(_tie_link(link, plan, lang) for link in plan.scoring.tie_break) or none,
        ),
        (translate("report.meta.points_source", lang), translate(f"form.meta.source.{plan.weights.source}", lang)),
        (translate("form.meta.generated", lang), document_time(moment, lang, info.time_zone)),
        (translate("report.meta.generated", lang), utc_stamp(moment)),
        (translate("report.meta.version", lang), __version__),
        (translate("report.meta.language", lang), translate(f"form.meta.language.{lang}", lang)),
    ]
    headers = (translate("report.col.item", lang), translate("report.col.value", lang))
    return Table(translate("report.part.metadata", lang), headers, tuple(rows))


# --- (c) public results -----------------------------------------------------------------


def _disqualified(view: MatrixView, index: int) -> bool:
    return any(index < len(row.cells) and "disqualified" in row.cells[index].flags for row in view.rows)


def _ranks(view: MatrixView) -> list[int | None]:
    row = next((r for r in view.rows if r.kind == "rank"), None)
    if row is None:
        return [None] * len(view.tool_ids)
    return [c.value if isinstance(c.value, int) else None for c in row.cells]


def _rank_order(view: MatrixView) -> list[int]:
    """Tool indices best rank first; unranked (unscored, disqualified) last, in plan order."""
    ranks = _ranks(view)
    return sorted(range(len(view.tool_ids)), key=lambda i: (ranks[i] is None, ranks[i] or 0, i))


def _best_eligible(view: MatrixView) -> list[int]:
    """The tools at the best rank among those ranked and not disqualified (several when tied)."""
    ranks = _ranks(view)
    eligible = [i for i in _rank_order(view) if ranks[i] is not None and not _disqualified(view, i)]
    return [i for i in eligible if ranks[i] == ranks[eligible[0]]] if eligible else []


def _awaiting_facts(view: MatrixView, index: int) -> bool:
    """A must-have decided by facts is not yet decided for this tool (a fact expired, too old or not recorded)."""
    flags = [set(row.cells[index].flags) for row in view.rows if row.kind == "must" and index < len(row.cells)]
    return any("fact" in found and found & {"stale", "unjudged"} for found in flags)


def selected_tool(view: MatrixView) -> str | None:
    """The candidate a public results table names by default: the sole eligible tool ranked first.

    None when no tool is ranked and eligible, when the first rank is shared (the
    committee then says which one it chose, with `selected=`), or when a must-have the
    facts decide is still open for it: it has not passed until the fact is refreshed.
    """
    best = _best_eligible(view)
    return view.tool_ids[best[0]] if len(best) == 1 and not _awaiting_facts(view, best[0]) else None


def _pseudonym(position: int, lang: Lang) -> str:
    return translate("report.public.pseudonym", lang, letter=column_letters(position))


def _identifiers(plan: Plan, tool_id: str) -> list[str]:
    tool = plan.tool(tool_id)
    if tool is None:
        return [tool_id]
    names = [tool.id, tool.name.ja or "", tool.name.en or "", *tool.organisations()]
    return [n for n in names if len(n.strip()) >= 2]


def _whole(identifier: str) -> re.Pattern[str]:
    """`identifier` where it stands alone: "tag" in "tag failed", not in "advantage" (Japanese has no spaces)."""
    before = r"(?<![A-Za-z0-9])" if re.match(r"[A-Za-z0-9]", identifier) else ""
    after = r"(?![A-Za-z0-9])" if re.search(r"[A-Za-z0-9]$", identifier) else ""
    return re.compile(before + re.escape(identifier) + after)


def redactor(plan: Plan, pseudonyms: Mapping[str, str]) -> Callable[[str], str]:
    """Free text (a review, a reason) with every id, name, vendor, maker or reseller of the proposers in
    `pseudonyms` (tool id → pseudonym) replaced by the pseudonym, longest first and whole words only.

    A name that is also another, named proposer's (a shared maker) is left as it is: it is
    that proposer's name too.
    """
    kept = {n for tool in plan.tools if tool.id not in pseudonyms for n in _identifiers(plan, tool.id)}
    replacements = [
        (identifier, pseudonym)
        for tool_id, pseudonym in pseudonyms.items()
        for identifier in _identifiers(plan, tool_id)
        if identifier not in kept
    ]
    replacements.sort(key=lambda pair: len(pair[0]), reverse=True)
    patterns = [(_whole(identifier), pseudonym.replace("\\", "\\\\")) for identifier, pseudonym in replacements]

    def redacted(words: str) -> str:
        for pattern, pseudonym in patterns:
            words = pattern.sub(pseudonym, words)  # a literal replacement
        return words

    return redacted


def public_table(view: MatrixView, plan: Plan, *, selected: str | None = None) -> Table:
    """The results as published: the selected candidate named, the others A社, B社 … in rank order.

    Only group subtotals, technical/price points, totals, status and ranks appear; any
    other bidder's id, name, vendor, maker or reseller inside a remark is replaced by
    its pseudonym, so nothing in this table identifies a bidder who was not selected.
    """
    lang = view.lang
    order = _rank_order(view)
    ranks = _ranks(view)
    chosen = view.tool_ids.index(selected) if selected is not None and selected in view.tool_ids else None
    names: dict[int, str] = {}
    replacements: list[tuple[str, str]] = []
    position = 0
    for index in order:
        if index == chosen:
            tool = plan.tool(view.tool_ids[index])
            vendor = tool.vendor if tool is not None else ""
            name = view.tool_names[index]
            names[index] = translate("report.public.selected", lang, name=name, vendor=vendor) if vendor else name
            continue
        position += 1
        names[index] = _pseudonym(position, lang)
        replacements += [(identifier, names[index]) for identifier in _identifiers(plan, view.tool_ids[index])]
    replacements.sort(key=lambda pair: len(pair[0]), reverse=True)
    patterns = [(_whole(identifier), pseudonym) for identifier, pseudonym in replacements]

    def redacted(words: str) -> str:
        for pattern, pseudonym in patterns:
            words = pattern.sub(pseudonym.replace("\\", "\\\\"), words)  # a literal replacement
        return words

    headers: list[str] = [translate("m.rank", lang), translate("report.public.candidate", lang)]
    columns: list[list[Value]] = []
    for row in view.rows:
        if row.kind not in PUBLIC_KINDS:
            continue
        values = [c.value for c in row.cells]
        words = ["; ".join(cell_words(c)) for c in row.cells]
        label = redacted(row.label)
        if any(v is not None for v in values):
            points = format_points(row.points)
            headers.append(
                translate("report.public.header_points", lang, label=label, points=points) if points else label
            )
            columns.append(list(values))
        if any(words):
            has_values = any(v is not None for v in values)
            headers.append(translate("report.public.details", lang, label=label) if has_values else label)
            columns.append([redacted(w) or None for w in words])
    rows = tuple((ranks[i], names[i], *(column[i] for column in columns)) for i in order)
    rounding = translate(f"rounding.{plan.evaluation.rounding}", lang)
    notes = [translate("report.public.note", lang, rounding=rounding, decimals=view.decimals)]
    if chosen is None:
        best = _best_eligible(view)
        if len(best) == 1 and _awaiting_facts(view, best[0]):
            notes.append(translate("factdoc.public.awaiting", lang))
        else:
            notes.append(translate("report.public.tied" if len(best) > 1 else "report.public.none_selected", lang))
    return Table(translate("report.part.public", lang), tuple(headers), rows, tuple(notes))


# --- (d) reasons log ---------------------------------------------------------------------


def reasons_table(plan: Plan, events: Iterable[Event], lang: Lang, *, blind: bool = False) -> Table:
    """Every score changed or given with a reason, every consensus with its comment, every reasoned measurement,
    every fact corrected (recorded with a reason) or withdrawn, with the earlier value and the new one in words.

    `blind`: tools are already labels in `events`; a fact's source and its reason, which may name the
    vendor, are withheld.
    """
    events = list(events)
    by_seq = {e.seq: e for e in events}
    moderated: dict[tuple[str, str], Event] = {}
    measured: dict[tuple[str, str], Event] = {}

    def tool_name(value: object) -> str:
        tool = plan.tool(str(value))
        return tool.name.get(lang) if tool is not None else str(value)

    def criterion_name(value: object) -> str:
        criterion = plan.criterion(str(value))
        return criterion.name.get(lang) if criterion is not None else str(value)

    def evaluator_name(value: object) -> str:
        evaluator = plan.evaluator(str(value))
        return evaluator.name if evaluator is not None else str(value)

    def earlier(payload: dict[str, object], field: str, fallback: Event | None) -> str:
        supersedes = payload.get("supersedes")
        before = by_seq.get(supersedes) if isinstance(supersedes, int) else fallback
        return str(before.payload.get(field, "")) if before is not None else ""

    rows: list[tuple[Value, ...]] = []
    for event in events:
        p = dict(event.payload)
        key = (str(p.get("tool")), str(p.get("criterion")))
        if event.kind == SCORE_RECORDED and ("supersedes" in p or p.get("reason")):
            kind, who, field, words = "score", evaluator_name(p.get("evaluator")), "level", p.get("reason")
            old = earlier(p, "level", None)
        elif event.kind == SCORE_MODERATED:
            committee = translate("report.reasons.committee", lang)
            kind, who, field, words = "moderated", committee, "level", p.get("comment")
            old = earlier(p, "level", moderated.get(key))
            moderated[key] = event
        elif event.kind == METRIC_RECORDED:
            old = earlier(p, "value", measured.get(key))
            measured[key] = event
            if not p.get("reason"):
                continue
            kind, who, field, words = "metric", "", "value", p.get("reason")
        else:
            continue
        rows.append(
            (
                event.seq,
                event.ts,
                event.actor,
                translate(f"report.reasons.kind.{kind}", lang),
                tool_name(p.get("tool")),
                criterion_name(p.get("criterion")),
                who,
                f"{old or translate('report.reasons.no_earlier', lang)} → {p.get(field, '')}",
                str(words or ""),
            )
        )
    if any(e.kind in FACT_KINDS for e in events):  # in the ledger's order
        facts = fact_reason_rows(plan, events, lang, blind=blind)
        scored = [(row[0] if isinstance(row[0], int) else 0, row) for row in rows]
        rows = [row for _, row in sorted([*scored, *facts], key=lambda pair: pair[0])]
    headers = (
        "#",
        translate("log.time", lang),
        translate("log.actor", lang),
        translate("log.kind", lang),
        translate("report.reasons.tool", lang),
        translate("m.criterion", lang),
        translate("report.reasons.evaluator", lang),
        translate("report.reasons.change", lang),
        translate("report.reasons.reason", lang),
    )
    notes = () if rows else (translate("report.reasons.none", lang),)
    return Table(translate("report.part.reasons", lang), headers, tuple(rows), notes)


# --- formats ------------------------------------------------------------------------------


def matrix_workbook_document(evaluation: Evaluation, view: MatrixView, *, now: datetime | None = None) -> Document:
    """The matrix with what stands behind it: each evaluator's levels, the points, the plan hash and ledger head.

    The per-evaluator sheets here are the levels as data (tools as rows); the 採点表 as
    a form (criteria as rows, signature line) is filed in the procurement set.
    """
    lang = view.lang
    info = evaluation.plan.evaluation
    sections = [Section(translate("xlsx.sheet.matrix", lang), matrix=view, key="matrix")]
    # every evaluator's levels on one sheet, and the provenance under the points: a workbook
    # of three sheets prints on three pages (a sheet always starts a page)
    levels = levels_tables(evaluation, lang)
    if levels:
        first = levels[0][1]
        rows = tuple((evaluator.name, *row) for evaluator, table in levels for row in table.rows)
        notes = tuple(dict.fromkeys(note for _, table in levels for note in table.notes))
        title = translate("xlsx.sheet.levels_all", lang)
        headers = (translate("report.col.evaluator", lang), *first.headers)
        sections.append(Section(title, table=Table(title, headers, rows, notes), key="levels"))
    metadata = metadata_table(evaluation, lang, now=now)
    provenance = tuple(f"{label}: {value}" for label, value, *_ in metadata.rows)
    sections.append(
        Section(
            translate("xlsx.sheet.points", lang),
            table=points_table(evaluation, lang),
            closing=(metadata.title, *provenance),
            key="points",
        )
    )
    return Document(
        kind="matrix-workbook",
        title=view.title,
        lang=lang,
        sections=tuple(sections),
        generated=now,
        time_zone=info.time_zone,
        approval=tuple(info.approval),
    )


@dataclass(frozen=True)
class ProcurementParts:
    """The procurement set's parts: 採点表 per evaluator, the 集計表, public results, reasons.

    `scoring` holds each evaluator's 採点表 as the form a city files
    (`toolbench.documents.scoring_sheet.scoring_sheets`): criteria as rows with 配点 and
    the anchors, proposers as columns, 所見, 除斥（利害関係） for a recusal, and the
    signature line under it.
    """

    scoring: list[tuple[Evaluator, Section]]
    public: Table
    reasons: Table
    points: Table
    metadata: Table


def procurement_document(
    view: MatrixView,
    parts: ProcurementParts,
    *,
    now: datetime | None = None,
    time_zone: str | None = None,
    approval: tuple[str, ...] = (),
    provenance: tuple[str, ...] = (),
) -> Document:
    """The whole set as one document: one section (a sheet, a part of the page) per part, each on its own pages."""
    lang = view.lang
    sections = [section for _, section in parts.scoring]
    sections.append(Section(translate("report.part.summary", lang), matrix=view, key="summary"))
    sections += [
        Section(parts.public.title, table=parts.public, key="public"),
        Section(parts.reasons.title, table=parts.reasons, key="reasons"),
        Section(parts.points.title, table=parts.points, key="points"),
        Section(parts.metadata.title, table=parts.metadata, key="provenance"),
    ]
    return Document(
        kind="procurement",
        title=translate("report.title", lang, title=view.title),
        lang=lang,
        provenance=provenance,
        sections=tuple(sections),
        generated=now,
        time_zone=time_zone,
        approval=approval,
        paged=True,
    )


def scoring_sheet_document(section: Section, lang: Lang, *, provenance: tuple[str, ...] = ()) -> Document:
    """One evaluator's 採点表 on its own (its CSV file): the form, its notes, then the signature line.

    The signature line is carried as the document's closing note, so a writer that
    lists a single table (CSV) writes it after the table's notes.
    """
    table = section.table
    assert table is not None
    return Document(
        kind="scoring-sheet",
        title=section.title,
        lang=lang,
        provenance=provenance,
        sections=(Section("", table=table, key=section.key, sheet=section.sheet),),
        notes=section.closing,
    )
