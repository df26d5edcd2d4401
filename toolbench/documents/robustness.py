"""The robustness report as a document: exact weight sensitivity, SMAA-2 and leave-one-bidder-out in words and tables,
and with a requirement fit table, what changing one answer would do.

The analysis is `toolbench.methods.robustness`; this module writes it in one language.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from toolbench.base.i18n import Lang, Message, translate
from toolbench.base.numbers import money, plain
from toolbench.documents.matrix import yen
from toolbench.documents.model import Document, Section, table_of
from toolbench.methods.robustness import (
    Bounds,
    FitChanges,
    Form,
    Robustness,
    Threshold,
    figure_text,
    fit_notes,
    fit_sentences,
    notes,
    percent,
    robustness_data,
    sentence_items,
    shown_value,
)


@dataclass
class Block:
    """One part of the report: a heading, some lines, or a table."""

    kind: Literal["heading", "lines", "table"]
    title: str = ""
    lines: list[str] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


def _share(value: float, lang: Lang) -> str:
    return f"{value * 100:.1f}{'%' if lang == 'ja' else ' %'}"


def _names(result: Robustness, ids: tuple[str, ...] | list[str], lang: Lang) -> str:
    separator = "、" if lang == "ja" else ", "
    return separator.join(result.model.names[t].get(lang) for t in ids)


def _cell(result: Robustness, threshold: Threshold | None, form: Form, lang: Lang, pair: bool) -> str:
    if threshold is None:
        return translate("rob.cell.none", lang)
    rivals = _names(result, threshold.rivals, lang)
    if threshold.level_now:
        return translate("rob.cell.level_now", lang, rivals=rivals)
    value = shown_value(threshold, form, lang)
    if pair:
        leader = result.model.names[threshold.leader].get(lang)
        return translate("rob.cell.pair", lang, value=value, rivals=rivals, leader=leader)
    return translate("rob.cell.threshold", lang, value=value, rivals=rivals)


def _sensitivity_table(result: Robustness, form: Form, lang: Lang) -> Block:
    headers = [
        translate("rob.col.criterion", lang),
        translate("rob.col.weight" if form == "rescaled" else "rob.col.points", lang),
        translate("rob.col.winner_fall", lang),
        translate("rob.col.winner_rise", lang),
        translate("rob.col.rank_fall", lang),
        translate("rob.col.rank_rise", lang),
    ]
    rows: list[list[str]] = []

    for item in result.sensitivity.criteria:
        now = percent(item.share, lang=lang) if form == "rescaled" else plain(item.points)
        name = item.criterion.name.get(lang)
        if not item.applicable:
            rows.append([name, now, *[translate("rob.cell.not_applicable", lang)] * 4])
            continue
        winner: Bounds = item.rescaled if form == "rescaled" else item.alone
        ranks: Bounds = item.any_rank_rescaled if form == "rescaled" else item.any_rank_alone
        rows.append(
            [
                name,
                now,
                _cell(result, winner.fall, form, lang, pair=False),
                _cell(result, winner.rise, form, lang, pair=False),
                _cell(result, ranks.fall, form, lang, pair=True),
                _cell(result, ranks.rise, form, lang, pair=True),
            ]
        )
    title = translate("rob.section.rescaled" if form == "rescaled" else "rob.section.alone", lang)
    return Block("table", title=title, headers=headers, rows=rows)


def _fit_blocks(found: FitChanges, lang: Lang) -> list[Block]:
    """One requirement fit answer changed: the rule, the changes that move the winner, and a count per proposer."""
    headers = [translate(f"rob.fit.col.{key}", lang) for key in ("tool", "tried", "winner", "rank")]
    rows = [
        [found.names[t].get(lang), f"{tried:,}", f"{winner:,}", f"{ranks:,}"]
        for t, (tried, winner, ranks) in found.per_tool.items()
    ]
    return [
        Block("heading", title=translate("rob.fit.title", lang)),
        Block("lines", lines=[*fit_sentences(found, lang), *fit_notes(found, lang)]),
        Block("table", headers=headers, rows=rows),
    ]


def report_blocks(result: Robustness, lang: Lang) -> list[Block]:
    """The whole report as headings, lines and tables, in the order it is printed."""

    model = result.model
    title = result.title.get(lang) if result.title is not None else ""
    totals = model.totals()
    separator = "、" if lang == "ja" else ", "
    shown = separator.join(f"{model.names[t].get(lang)} {figure_text(model, totals[t])}" for t in model.tools)
    winner = model.names[model.winner].get(lang)
    blocks = [Block("heading", title=translate("rob.title", lang, title=title))]
    if model.by_value:
        scale = model.division_scale
        shown = separator.join(
            f"{model.names[t].get(lang)} {figure_text(model, totals[t] * scale)}" for t in model.tools
        )
        blocks.append(
            Block(
                "lines", lines=[translate("rob.first_now_value", lang, winner=winner, totals=shown, scale=money(scale))]
            )
        )
    else:
        blocks.append(Block("lines", lines=[translate("rob.first_now", lang, winner=winner, totals=shown)]))
    if len(model.tools) < 2:
        blocks.append(Block("lines", lines=[translate("rob.only_one", lang)]))
    else:
        items = sentence_items(model, result.sensitivity, lang)
        for form in ("rescaled", "alone"):
            key = "rob.section.rescaled" if form == "rescaled" else "rob.section.alone"
            blocks.append(Block("heading", title=translate(key, lang)))
            blocks.append(Block("lines", lines=[text for f, text in items if f == form]))
        blocks.append(_sensitivity_table(result, "rescaled", lang))
        blocks.append(_sensitivity_table(result, "alone", lang))

    smaa = result.smaa
    blocks.append(Block("heading", title=translate("rob.smaa.title", lang)))
    if smaa.weights == "hearings":
        weights = translate("rob.smaa.hearings", lang, alpha=f"{smaa.concentration or 0:.1f}", count=model.respondents)
    else:
        weights = translate("rob.smaa.uniform", lang)
    scores = (
        translate("rob.smaa.uncertain_scores", lang, cells=smaa.uncertain_cells)
        if smaa.score_uncertainty
        else translate("rob.smaa.fixed_scores", lang)
    )
    lines = [
        translate("rob.smaa.run", lang, samples=f"{smaa.samples:,}", seed=smaa.seed, weights=weights, scores=scores)
    ]
    by_first = sorted(range(len(smaa.tools)), key=lambda i: -smaa.acceptability[i][0])
    for i in by_first:
        if smaa.acceptability[i][0] > 0:
            lines.append(
                translate(
                    "rob.smaa.summary",
                    lang,
                    tool=model.names[smaa.tools[i]].get(lang),
                    share=_share(smaa.acceptability[i][0], lang),
                    error=_share(smaa.standard_error(i, 0), lang),
                )
            )
    blocks.append(Block("lines", lines=lines))
    ranks = len(smaa.tools)
    headers = [translate("rob.col.tool", lang)]
    headers += [translate("rob.col.rank", lang, rank=r + 1) for r in range(ranks)]
    headers.append(translate("rob.col.confidence", lang))
    rows = []
    for i, tool in enumerate(smaa.tools):
        confidence = smaa.confidence[i]
        rows.append(
            [
                model.names[tool].get(lang),
                *(_share(b, lang) for b in smaa.acceptability[i]),
                _share(confidence, lang) if confidence is not None else "-",
            ]
        )
    blocks.append(Block("table", headers=headers, rows=rows))
    central_headers = [translate("rob.col.tool", lang), *(c.name.get(lang) for c in model.criteria)]
    central_rows = []
    for i, tool in enumerate(smaa.tools):
        weights_of = smaa.central_weights[i]
        cells = (
            [_share(w, lang) for w in weights_of]
            if weights_of is not None
            else [translate("rob.col.never_first", lang)]
        )
        cells += [""] * (len(model.criteria) - len(cells))
        central_rows.append([model.names[tool].get(lang), *cells])
    blocks.append(Block("table", title=translate("rob.smaa.central", lang), headers=central_headers, rows=central_rows))

    loo = result.leave_one_out
    family = Message(f"price.{loo.family}")
    blocks.append(Block("heading", title=translate("rob.loo.title", lang, family=family)))
    if not loo.applies:
        formula = Message(f"formula.{loo.family}")
        blocks.append(Block("lines", lines=[translate("rob.loo.independent", lang, family=family, formula=formula)]))
    elif not loo.removals:
        blocks.append(Block("lines", lines=[translate("rob.loo.too_few", lang)]))
    else:
        arrow = " > "
        changed = [
            translate(
                "rob.loo.changed",
                lang,
                removed=model.names[r.removed].get(lang),
                before=arrow.join(model.names[t].get(lang) for t in r.before),
                after=arrow.join(model.names[t].get(lang) for t in r.after),
            )
            for r in loo.reorders
        ]
        blocks.append(Block("lines", lines=changed or [translate("rob.loo.same", lang)]))
        headers = [
            translate("rob.col.removed", lang),
            translate("rob.col.lowest_after", lang),
            translate("rob.col.before", lang),
            translate("rob.col.after", lang),
            translate("rob.col.changed", lang),
        ]
        rows = [
            [
                model.names[r.removed].get(lang),
                yen(r.lowest_after, lang) if r.lowest_after is not None else "-",
                arrow.join(model.names[t].get(lang) for t in r.before),
                arrow.join(model.names[t].get(lang) for t in r.after),
                translate("rob.yes" if r.changed else "rob.no", lang),
            ]
            for r in loo.removals
        ]
        blocks.append(Block("table", headers=headers, rows=rows))

    if result.fit is not None:
        blocks += _fit_blocks(result.fit, lang)
    blocks.append(Block("heading", title=translate("rob.section.notes", lang)))
    blocks.append(Block("lines", lines=[*notes(result, lang), translate("rob.note.rounding", lang)]))
    return blocks


def robustness_document(result: Robustness, lang: Lang) -> Document:
    """The report as a document: each heading opens a section; its lines are sentences, its tables follow."""
    blocks = report_blocks(result, lang)
    title = blocks[0].title
    sections: list[Section] = []
    current: Section | None = None
    for block in blocks[1:]:
        if block.kind == "heading":
            if current is not None:
                sections.append(current)
            current = Section(block.title)
        elif block.kind == "lines":
            if current is None:
                current = Section("")
            if current.table is not None:
                sections.append(current)
                current = Section("")
            current = replace(current, sentences=(*current.sentences, *block.lines))
        else:
            table = table_of("", block.headers, block.rows)
            if current is not None and current.table is None and not block.title:
                current = replace(current, table=table)
            else:
                if current is not None:
                    sections.append(current)
                current = Section(block.title, (), table)
    if current is not None:
        sections.append(current)
    return Document(
        kind="robustness", title=title, lang=lang, sections=tuple(sections), data=robustness_data(result, lang)
    )
