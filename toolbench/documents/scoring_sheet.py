"""Each evaluator's 採点表 as municipal evaluation forms lay it out.

Criteria are the rows (with their 配点 and the scale's anchors in short), proposers the
columns, a 所見 (remarks) column at the right, and a line for the evaluator's signature
and the date under the table. A recusal is written 除斥（利害関係）, never left blank:
a blank cell on a form means "not yet scored". Must-haves read 適/否 in Japanese.

While the evaluation is blind, the recused cells stay blank (a mark under one label's
column would tell which candidate the evaluator's company offers); the note under the
form says a recusal exists without naming the candidate.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

from toolbench.base.i18n import Lang, translate
from toolbench.base.numbers import plain, round_fraction
from toolbench.documents.matrix import recusal_sentences
from toolbench.documents.model import Figure, Section, Table, Value
from toolbench.methods.coi import Recusal
from toolbench.methods.evaluation import Evaluation, Score, ToolResult
from toolbench.model.plan import Criterion, Evaluator, Plan

ANCHOR_SHORT = 24
"""Characters of an anchor kept on the form; the plan has the whole text."""

_VERDICTS = {"pass": "form.verdict.pass", "fail": "form.verdict.fail"}


def _score(result: ToolResult, criterion_id: str, evaluator_id: str) -> Score | None:
    cell = result.cells.get(criterion_id)
    scores = list(cell.scores) if cell is not None else []
    must = result.musts.get(criterion_id)
    if must is not None:
        scores += list(must.votes)
    return next((s for s in scores if s.evaluator == evaluator_id), None)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= ANCHOR_SHORT else text[: ANCHOR_SHORT - 1] + "…"


def anchors_text(plan: Plan, criterion: Criterion, lang: Lang) -> str:
    """The scale's anchors as a form prints them, best level first: "5 すべての帳票で… / 3 … / 1 …"."""
    if criterion.kind == "must":
        return translate("form.anchor.must", lang)
    if criterion.anchors:
        scale = plan.scale_of(criterion)
        order = list(scale.ratios) if scale is not None else list(criterion.anchors)
        levels = sorted(criterion.anchors, key=lambda level: order.index(level) if level in order else len(order))
        return " / ".join(f"{level} {_short(criterion.anchors[level].get(lang))}" for level in levels)
    scale = plan.scale_of(criterion)
    return " / ".join(scale.ratios) if scale is not None else ""


def _level(score: Score, criterion: Criterion, lang: Lang) -> Value:
    if criterion.kind == "must":
        key = _VERDICTS.get(score.level)
        return translate(key, lang) if key else score.level
    try:
        number = int(score.level)
    except ValueError:
        return score.level
    return number if str(number) == score.level else score.level


def _why_not(recusal: Recusal, recused_text: str, lang: Lang) -> str:
    """What a form says where the member does not score: 除斥（利害関係）, or 欠席 for an absence."""
    return translate("form.absent", lang) if recusal.basis == "absent" else recused_text


def scoring_sheet(
    evaluation: Evaluation, evaluator: Evaluator, lang: Lang, recusals: Mapping[tuple[str, str], Recusal]
) -> Section:
    """One evaluator's form: levels as given, 除斥 where recused, points per proposer, and the signature line."""
    plan = evaluation.plan
    info = plan.evaluation
    round_each = "evaluator" in info.round_at
    results = list(evaluation.results)
    recused_text = translate("form.recused", lang)
    blind = evaluation.blind is not None
    own = {key: r for key, r in recusals.items() if key[0] == evaluator.id}
    if blind:  # while blind, a mark under one label's column would say which candidate it is
        recusals = {}
    headers = (
        translate("form.col.criterion", lang),
        translate("form.col.points", lang),
        translate("form.col.anchors", lang),
        *(r.tool.name.get(lang) for r in results),
        translate("form.col.remarks", lang),
    )
    rows: list[tuple[Value, ...]] = []
    totals: dict[str, list[Fraction]] = {r.tool.id: [] for r in results}
    for criterion in plan.judged_criteria():
        points: Value = "―" if criterion.kind == "must" else Figure(criterion.points, plain(criterion.points), "0")
        cells: list[Value] = []
        remarks: list[str] = []
        for result in results:
            if (evaluator.id, result.tool.id) in recusals:
                cells.append(_why_not(recusals[(evaluator.id, result.tool.id)], recused_text, lang))
                continue
            score = _score(result, criterion.id, evaluator.id)
            if score is None:
                cells.append(None)
                continue
            cells.append(_level(score, criterion, lang))
            if criterion.kind != "must":
                exact = Fraction(criterion.points) * score.ratio
                totals[result.tool.id].append(Fraction(_rounded(exact, evaluation)) if round_each else exact)
            if score.reason:
                remarks.append(f"{result.tool.name.get(lang)}: {score.reason}")
        rows.append((criterion.name.get(lang), points, anchors_text(plan, criterion, lang), *cells, "\n".join(remarks)))
    total_row: list[Value] = [translate("form.total", lang), None, translate("form.total_rule", lang)]
    for result in results:
        given = totals[result.tool.id]
        if (evaluator.id, result.tool.id) in recusals:
            total_row.append(_why_not(recusals[(evaluator.id, result.tool.id)], recused_text, lang))
        elif given:
            value = _rounded(sum(given, Fraction(0)), evaluation)
            total_row.append(Figure(value, f"{value:.{info.decimals}f}", "0." + "0" * info.decimals))
        else:
            total_row.append(None)
    rows.append((*total_row, ""))
    notes = (
        translate("form.note.levels", lang),
        *recusal_sentences(plan, own, lang, blind=blind),
        *((translate("form.blind.note", lang),) if blind and own else ()),
    )
    title = translate("form.title", lang, evaluator=evaluator.name)
    return Section(
        title,
        table=Table(title, headers, tuple(rows), notes),
        key=f"scoring-{evaluator.id}",
        sheet=translate("form.name", lang, evaluator=evaluator.name),
        closing=(translate("form.signature", lang),),
    )


def _rounded(value: Fraction, evaluation: Evaluation) -> Decimal:
    info = evaluation.plan.evaluation
    return round_fraction(value, info.decimals, info.rounding)


def scoring_sheets(evaluation: Evaluation, lang: Lang) -> list[tuple[Evaluator, Section]]:
    """Every evaluator's 採点表, in the plan's order of evaluators."""
    recusals = evaluation.recusals
    return [(e, scoring_sheet(evaluation, e, lang, recusals)) for e in evaluation.plan.evaluators]
