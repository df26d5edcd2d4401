"""The comparison matrix as rows and cells, ready for any format.

`matrix_view` turns an Evaluation into criteria-as-rows, tools-as-columns (the layout
of a Japanese 比較表), with group rows, subtotals, total and rank, and the notes every
report must carry: the rule, the rounding, what is not in the totals, provenance.
Each format renderer only lays this out; none of them computes anything.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from toolbench.base.i18n import Lang, join_words, translate
from toolbench.base.numbers import figure, money, plain, round_fraction
from toolbench.base.times import document_date
from toolbench.documents.facts import fact_cell_view, fact_must_view, fact_notes, fact_rule_lines, finding_facts
from toolbench.documents.model import CellView, Document, MatrixView, RowView, Section
from toolbench.methods.pricing import depends_on_other_bids, ranks_by_value, weighs_price

if TYPE_CHECKING:
    from collections.abc import Mapping

    from toolbench.methods.coi import Recusal
    from toolbench.methods.evaluation import Cell, Evaluation, Finding, MustOutcome
    from toolbench.methods.finalization import FinalizationStatus
    from toolbench.model.plan import Criterion, Plan


def _exact_decimal(value: Fraction) -> Decimal:
    """Points are written as decimals, so their fractions terminate and convert exactly."""
    return Decimal(value.numerator) / Decimal(value.denominator)


def yen(value: Fraction | Decimal | int, lang: Lang) -> str:
    """An amount as people read it in a document: 4,800,000円, or 4,800,000 yen in English (JSON keeps the number)."""
    return translate("money.yen", lang, amount=money(value))


def _levels(cell: Cell, evaluator_ids: list[str], blind: bool = False) -> str:
    """Each evaluator's level in plan order, "-" where missing, "x" where recused: `4/5/x` (ASCII).

    While blind a recusal reads "-" as well: an "x" under a label, beside the plan's
    affiliations, would tell whose tool the label is.
    """
    given = {s.evaluator: s.level for s in cell.scores}
    return "/".join(given.get(e, "x" if e in cell.recused and not blind else "-") for e in evaluator_ids)


def _judged_detail(
    cell: Cell, evaluator_ids: list[str], lang: Lang, blind: bool = False
) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """Detail, flags and notes of a cell judged by evaluators (or moderated by the committee)."""
    shows_recusal = bool(cell.recused) and not blind
    if cell.moderation is not None:
        note = translate("m.moderated_short", lang)
        flags = ("moderated", "recused") if shows_recusal else ("moderated",)
        return f"{_levels(cell, evaluator_ids, blind)} → {cell.moderation.level}", flags, (note,)
    recused: tuple[str, ...] = ("recused",) if shows_recusal else ()
    if cell.partial:
        panel = len(cell.scores) + len(cell.missing)
        return (
            _levels(cell, evaluator_ids, blind),
            ("partial", *recused),
            (translate("m.partial", lang, n=len(cell.scores), m=panel),),
        )
    return _levels(cell, evaluator_ids, blind), recused, ()


def _must_cell(outcome: MustOutcome, lang: Lang, blind: bool = False) -> CellView:
    if outcome.decided_by == "facts" and outcome.facts is not None:  # 適 / 否 / 事実の更新待ち with its facts
        return fact_must_view(outcome, lang, blind=blind)
    verdict = translate(f"must.{outcome.verdict}", lang)
    detail = f"{verdict} {outcome.passes}/{outcome.fails}" if outcome.votes else verdict
    notes: tuple[str, ...] = ()
    if outcome.decided_by in ("chair", "moderated"):
        notes = (translate(f"must.by.{outcome.decided_by}", lang),)
    elif outcome.verdict == "tie":
        notes = (translate("m.must_tie", lang),)
    return CellView(None, detail, (outcome.verdict,), notes)


FIT_ORDER = ("yes", "partial", "no", "na")
"""The fit answers in the order they are counted and shown: ○ △ × −."""


def answer_symbol(value: str, lang: Lang) -> str:
    """A fit answer as written on a 適合表: ○ △ × −."""
    return translate(f"fit.answer.{value}", lang)


def fit_counts(counts: Mapping[str, int], lang: Lang) -> str:
    """Answers per value as a cell shows them: `○38 △4 ×2 −1` (○ △ × always, − only when there is one)."""
    return " ".join(
        f"{answer_symbol(value, lang)}{counts.get(value, 0)}"
        for value in FIT_ORDER
        if value != "na" or counts.get(value, 0)
    )


def _fit_cell(cell: Cell, shown: Decimal | None, lang: Lang) -> CellView:
    """A requirement fit cell: its points, the answers as counted under them, and what is still open.

    Flagged `fit` (never read as a level list); `provisional` while answers await
    verification; `missing` while a requirement is not answered (the cell is unscored).
    """
    fit = cell.fit
    assert fit is not None
    counted = fit_counts(fit.counts, lang) if fit.counts else ""
    notes: list[str] = []
    if fit.self_counts and dict(fit.self_counts) != dict(fit.counts):
        # the proposer's own answers beside what counts, when verification changed them
        notes.append(translate("fdoc.cell.self", lang, counts=fit_counts(fit.self_counts, lang)))
    if fit.awaiting:
        notes.append(translate("fdoc.cell.awaiting", lang, count=len(fit.awaiting)))
    if fit.required_failed:
        notes.append(translate("fdoc.cell.required_no", lang, count=len(fit.required_failed)))
    if fit.required_pending:
        notes.append(translate("fdoc.cell.required_pending", lang, count=len(fit.required_pending)))
    if shown is None:
        unanswered = translate("fdoc.cell.unanswered", lang, count=len(fit.unanswered))
        return CellView(None, unanswered, ("missing", "fit"), tuple(filter(None, (counted, *notes))))
    flags = ("fit", "provisional") if fit.provisional else ("fit",)
    return CellView(shown, counted, flags, tuple(notes))


def fit_criteria_of(evaluation: Evaluation) -> list[Criterion]:
    """The requirement fit criteria the evaluation scores, in plan order."""
    return [c for c in evaluation.scored_criteria if c.kind == "fit"]


def finding_text(finding: Finding, plan: Plan, lang: Lang) -> str:
    """A disqualification in words; a requirement fit or fact finding names its criterion (an id is not a
    word), a fact finding its facts by their names."""
    params = dict(finding.params)
    if finding.key == "dq.must_fact_failed":
        return translate(finding.key, lang, **finding_facts(finding, plan, lang))
    if finding.key == "dq.fit_required":
        criterion = plan.criterion(str(params.get("criterion", "")))
        if criterion is not None:
            params["criterion"] = criterion.name.get(lang)
    return translate(finding.key, lang, **params)


def matrix_view(evaluation: Evaluation, lang: Lang) -> MatrixView:
    plan = evaluation.plan
    info = plan.evaluation
    decimals, mode = info.decimals, info.rounding
    family = plan.price.family
    tax = translate(f"tax.{plan.price.tax}", lang)

    def rounded(value: Fraction) -> Decimal:
        return round_fraction(value, decimals, mode)

    def missing_cell() -> CellView:
        return CellView(None, translate("m.missing", lang), ("missing",))

    evaluator_ids = [e.id for e in plan.evaluators]
    results = evaluation.results
    scored_ids = {c.id for c in evaluation.scored_criteria}
    blind = evaluation.blind is not None
    rows: list[RowView] = []
    for group, criteria in evaluation.groups():
        label = plan.groups[group].get(lang) if group in plan.groups else group
        rows.append(RowView("group", group, label, None, tuple(CellView() for _ in results)))
        for criterion in criteria:
            name = criterion.name.get(lang)
            if criterion.kind == "must":
                cells = tuple(_must_cell(r.musts[criterion.id], lang, blind) for r in results)
                rows.append(RowView("must", criterion.id, name, None, cells))
                continue
            if criterion.id not in scored_ids:  # price under division or none: the price, no points
                price_cells = tuple(
                    CellView(None, translate("m.sealed_cell", lang), ("sealed",))
                    if evaluation.sealed
                    else CellView(None, translate("m.price_cell", lang, amount=yen(r.price, lang), tax=tax))
                    if r.price is not None
                    else missing_cell()
                    for r in results
                )
                rows.append(RowView("price", criterion.id, name, None, price_cells))
                continue
            cells_out = []
            for result in results:
                cell = result.cells[criterion.id]
                if cell.source == "price":
                    if evaluation.sealed:
                        sealed = translate("m.sealed_cell", lang)
                        cells_out.append(CellView(None, sealed, ("sealed",)))
                    elif cell.price is None:
                        cells_out.append(missing_cell())
                    elif cell.points is None:
                        dq = translate("m.disqualified", lang)
                        cells_out.append(CellView(None, yen(cell.price, lang), ("disqualified",), (dq,)))
                    else:
                        cells_out.append(CellView(rounded(cell.points), yen(cell.price, lang), ("price",)))
                    continue
                if cell.source == "trials":
                    if cell.points is None or cell.evidence is None:
                        cells_out.append(missing_cell())
                    else:
                        count = cell.evidence.respondents
                        shown = translate("m.from_trials", lang, count=count)
                        pooled = tuple(  # other cities' figures this cell pools, as the plan named them
                            translate(
                                "m.from_others",
                                lang,
                                publisher=part.publisher,
                                published=document_date(part.published, lang) if part.published else "-",
                                n=part.n,
                            )
                            for part in cell.evidence.others
                        )
                        cells_out.append(CellView(rounded(cell.points), shown, ("trials",), pooled))
                    continue
                if cell.source == "fit" and cell.fit is not None:
                    fit_points = rounded(cell.points) if cell.points is not None else None
                    cells_out.append(_fit_cell(cell, fit_points, lang))
                    continue
                if cell.source == "fact" and cell.fact is not None:
                    fact_points = rounded(cell.points) if cell.points is not None else None
                    cells_out.append(fact_cell_view(cell.fact, fact_points, lang, blind=blind))
                    continue
                if cell.source == "metric":
                    if cell.points is None:
                        cells_out.append(missing_cell())
                    else:
                        assert cell.measurement is not None
                        shown = plain(cell.measurement.value)
                        cells_out.append(CellView(rounded(cell.points), shown, ("metric",)))
                    continue
                if not cell.scored:
                    cells_out.append(missing_cell())
                    continue
                assert cell.points is not None
                detail, flags, notes = _judged_detail(cell, evaluator_ids, lang, evaluation.blind is not None)
                cells_out.append(CellView(rounded(cell.points), detail, flags, notes))
            worth = evaluation.cell_points(criterion)
            rows.append(RowView("criterion", criterion.id, name, _exact_decimal(worth), tuple(cells_out)))
        in_group = [c for c in criteria if c.id in scored_ids]
        if not in_group:
            continue
        group_points = sum((_exact_decimal(evaluation.cell_points(c)) for c in in_group), Decimal(0))
        subtotal_cells = []
        for result in results:
            value = result.subtotals.get(group)
            if value is None:
                subtotal_cells.append(CellView(None, translate("m.missing", lang), ("missing",)))
            else:
                subtotal_cells.append(CellView(rounded(value)))
        subtotal_label = f"{translate('m.subtotal', lang)} ({label})"
        rows.append(RowView("subtotal", group, subtotal_label, group_points, tuple(subtotal_cells)))
    if evaluation.price_separate:
        technical_cells = tuple(
            CellView(rounded(r.technical)) if r.technical is not None else missing_cell() for r in results
        )
        rows.append(
            RowView(
                "technical",
                "technical",
                translate("m.technical", lang),
                _exact_decimal(evaluation.technical_max),
                technical_cells,
            )
        )
    total_cells = []
    for result in results:
        if result.total is None:
            total_cells.append(CellView(None, translate("m.missing", lang), ("missing",)))
        elif result.disqualified:
            dq = translate("m.disqualified", lang)
            total_cells.append(CellView(rounded(result.total), "", ("disqualified",), (dq,)))
        elif result.provisional:
            open_count = len(result.unscored) + len(result.undecided_musts)
            awaiting = sum(len(c.fit.awaiting) for c in result.cells.values() if c.fit is not None)
            if open_count == 0 and awaiting:  # only requirement fit answers await the 事務局's verification
                note = translate("fdoc.provisional", lang, count=awaiting)
            else:
                note = translate("m.provisional", lang, count=open_count)
            total_cells.append(CellView(rounded(result.total), "", ("provisional",), (note,)))
        else:
            total_cells.append(CellView(rounded(result.total)))
    max_points = _exact_decimal(evaluation.max_points)
    total_label = translate("m.total_technical" if ranks_by_value(family) else "m.total", lang)
    rows.append(RowView("total", "total", total_label, max_points, tuple(total_cells)))
    if ranks_by_value(family):
        value_cells = tuple(
            CellView(rounded(r.value), yen(r.price, lang) if r.price is not None else "")
            if r.value is not None
            else missing_cell()
            for r in results
        )
        label = translate("m.division_value", lang, scale=money(plan.price.division_scale))
        rows.append(RowView("value", "value", label, None, value_cells))
    rank_cells = []
    for r in results:
        rank_flags: tuple[str, ...] = ()
        rank_notes: tuple[str, ...] = ()
        if r.disqualified:
            rank_flags, rank_notes = ("disqualified",), (translate("m.disqualified", lang),)
        elif r.rank and r.provisional:
            rank_flags = ("provisional",)
        if r.tie_break is not None:
            rank_notes = (*rank_notes, translate("m.tie_decided", lang, link=link_name(r.tie_break, plan, lang)))
        if r.tied:
            rank_flags = (*rank_flags, "tied")
        rank_cells.append(CellView(r.rank, "", rank_flags, rank_notes))
    rows.append(RowView("rank", "rank", translate("m.rank", lang), None, tuple(rank_cells)))
    if any(r.disqualified for r in results):
        status = tuple(
            CellView(
                None,
                "; ".join(finding_text(f, plan, lang) for f in r.disqualified),
                ("disqualified",) if r.disqualified else (),
            )
            for r in results
        )
        rows.append(RowView("status", "status", translate("m.status", lang), None, status))
    return MatrixView(
        title=info.title.get(lang),
        lang=lang,
        tool_ids=tuple(r.tool.id for r in results),
        tool_names=tuple(r.tool.name.get(lang) for r in results),
        rows=tuple(rows),
        notes=tuple(_notes(evaluation, lang)),
        decimals=decimals,
    )


def link_name(link: str, plan: Plan, lang: Lang) -> str:
    """One link of the tie-break chain in words: 技術点の高い方, 価格の低い方, くじ引き, 〇〇の得点の高い方 …"""
    prefix, _, name = link.partition(":")
    if prefix == "criterion":
        criterion = plan.criterion(name)
        return translate("tie.criterion", lang, name=criterion.name.get(lang) if criterion else name)
    if prefix == "group":
        return translate("tie.group", lang, name=plan.groups[name].get(lang) if name in plan.groups else name)
    return translate(f"tie.{link}", lang)


def rule_lines(evaluation: Evaluation, lang: Lang) -> list[str]:
    """The rules every report states: committee rule, rounding and where, price family and tax, musts, ties."""
    plan = evaluation.plan
    info = plan.evaluation
    aggregation = translate(f"agg.{plan.scoring.aggregation}", lang)
    places = ", ".join(translate(f"round_at.{p}", lang) for p in info.round_at) or translate("round_at.none", lang)
    lines = [
        translate(
            "m.rule",
            lang,
            rounding=translate(f"rounding.{info.rounding}", lang),
            decimals=info.decimals,
            aggregation=aggregation,
        ),
        translate("m.rounding_at", lang, places=places),
    ]
    family = plan.price.family
    # a stage of a procedure that scores no price states no price rule (the stage that does, states it)
    staged_without_price = bool(plan.stages) and plan.price_criterion() is None
    if (plan.price_criterion() is not None or plan.price.ceiling is not None) and not staged_without_price:
        ceiling = yen(plan.price.ceiling, lang) if plan.price.ceiling is not None else translate("m.no_ceiling", lang)
        tax = translate(f"tax.{plan.price.tax}", lang)
        lines.append(translate(f"price.rule.{family}", lang, tax=tax, ceiling=ceiling))
        if depends_on_other_bids(family):
            lines.append(translate("price.depends_on_bids", lang))
    if any(c.fact is None for c in evaluation.must_criteria):  # a must-have decided by facts has its own line
        chair = plan.evaluator(plan.scoring.chair) if plan.scoring.chair else None
        lines.append(translate("m.must_rule", lang, chair=chair.name if chair else translate("m.no_chair", lang)))
    if plan.scoring.technical_minimum is not None:
        share = plain(Fraction(plan.scoring.technical_minimum) * 100)
        minimum = Fraction(plan.scoring.technical_minimum) * evaluation.technical_max
        lines.append(
            translate(
                "m.minimum_rule",
                lang,
                share=share,
                minimum=figure(minimum, info.decimals, info.rounding),
                max=plain(evaluation.technical_max),
            )
        )
    if plan.scoring.tie_break:
        chain = " → ".join(link_name(link, plan, lang) for link in plan.scoring.tie_break)
        lines.append(translate("m.tie_rule", lang, chain=chain))
    lines += metric_rule_lines(evaluation, lang)
    lines += fit_rule_lines(evaluation, lang)
    lines += fact_rule_lines(evaluation, lang)
    return lines


def metric_rule_lines(evaluation: Evaluation, lang: Lang) -> list[str]:
    """How each measured criterion turns its value into points (the rule the plan declares)."""
    lines = []
    for criterion in evaluation.scored_criteria:
        if criterion.kind != "metric":
            continue
        name = criterion.name.get(lang)
        rule = criterion.metric
        if rule is None:  # SUS / UX-Lite from trials
            lines.append(translate("m.metric_rule.score", lang, criterion=name))
        elif rule.rule == "piecewise":
            steps = translate("m.metric_rule.join", lang).join(
                translate("m.metric_rule.step", lang, value=plain(v), ratio=plain(r)) for v, r in rule.steps
            )
            lines.append(
                translate(
                    "m.metric_rule.piecewise" + ("_steps" if rule.steps else ""),
                    lang,
                    criterion=name,
                    worst=plain(rule.worst or 0),
                    best=plain(rule.best or 0),
                    steps=steps,
                )
            )
        else:
            lines.append(translate(f"m.metric_rule.{rule.rule}.{rule.better}", lang, criterion=name))
    return lines


def _signed(value: Decimal) -> str:
    """Raw points as a rule states them: +2, 0, -5."""
    text = plain(value)
    return f"+{text}" if value > 0 else text


def fit_rule_lines(evaluation: Evaluation, lang: Lang) -> list[str]:
    """The requirement fit rule, per fit criterion: points per answer and priority, scaling, what a required ×
    does, and that a △ counts only once accepted. None for an evaluation without fit criteria."""
    criteria = fit_criteria_of(evaluation)
    if not criteria:
        return []
    from toolbench.model.plan import FitRule  # lazy: the pydantic models, never loaded on the snapshot path

    plan = evaluation.plan
    settings = plan.fit

    def priority_name(priority: str) -> str:
        return settings.priorities[priority].get(lang) if priority in settings.priorities else priority

    required = translate("fdoc.priority_join", lang).join(priority_name(p) for p in settings.required)
    lines: list[str] = []
    for criterion in criteria:
        rule = criterion.fit or FitRule()
        used = dict.fromkeys(r.priority for r in plan.fit_requirements(criterion.id))
        scheme = translate("fdoc.scheme_join", lang).join(
            translate(
                "fdoc.rule.scheme_part",
                lang,
                priority=priority_name(priority),
                yes=_signed(points.yes),
                partial=_signed(points.partial),
                no=_signed(points.no),
            )
            for priority, points in rule.points.items()
            if priority in used or not used
        )
        name = criterion.name.get(lang)
        lines.append(
            translate(
                "fdoc.rule.points",
                lang,
                criterion=name,
                points=plain(criterion.points),
                scheme=scheme,
                na=answer_symbol("na", lang),
            )
        )
        lines.append(translate(f"fdoc.rule.scaling.{rule.scaling}", lang))
        if settings.required:
            lines.append(translate(f"fdoc.rule.required.{rule.required_no}", lang, priorities=required))
            if rule.required_no == "disqualify":
                lines.append(translate("fdoc.rule.pending", lang, priorities=required))
    lines.append(translate("fdoc.rule.counted", lang))
    return lines


def recusal_sentences(
    plan: Plan, recusals: Mapping[tuple[str, str], Recusal], lang: Lang, *, blind: bool = False
) -> list[str]:
    """Who does not score which tool, and why.

    While blind, neither the tool nor the company is named: beside the plan's
    affiliations, the label an evaluator may not score would tell which tool it is.
    """
    lines = []
    for (evaluator_id, tool_id), recusal in recusals.items():
        tool = plan.tool(tool_id)
        note = recusal.note or ""
        if recusal.basis == "absent":  # the note is the stage's id: a document names the stage
            stage = plan.stage(note)
            note = stage.name.get(lang) if stage is not None else note
        params = {
            "evaluator": _evaluator_name(plan, evaluator_id),
            "tool": translate("blind.a_candidate", lang) if blind else tool.name.get(lang) if tool else tool_id,
            "company": recusal.company or "",
            "role": translate(f"coi.role.{recusal.role}", lang) if recusal.role else "",
            "note": note,
            "seq": recusal.seq or 0,
        }
        key = {"affiliation": "m.recused", "declared company": "m.recused_declared", "absent": "m.absent"}.get(
            recusal.basis, "m.recused_tool"
        )
        lines.append(translate("blind.recused" if blind else key, lang, **params))
        if recusal.after_scores_lock is not None:
            # declared once the technical scores were locked: it changes locked figures, and says why
            why = recusal.reason or translate("m.no_reason", lang)
            lines.append(
                translate(
                    "m.recused_late",
                    lang,
                    locked=recusal.after_scores_lock,
                    evaluator=params["evaluator"],
                    tool=params["tool"],
                    seq=params["seq"],
                    reason=translate("m.reason_blind", lang) if blind else why,
                )
            )
    return lines


def fairness_lines(evaluation: Evaluation, lang: Lang) -> list[str]:
    """Lock, sealed prices and blind mode: the lines every report states first (loudly when a lock is broken)."""
    lines = []
    lock = evaluation.lock
    plan = evaluation.plan

    def reason_text(reason: str | None) -> str:
        """A reason as stated; while blind it could name a tool, so it waits for unblinding."""
        if evaluation.blind:
            return translate("m.reason_blind", lang)
        return reason or translate("m.no_reason", lang)

    if lock is not None and lock.lock is not None:
        date = lock.lock.ts[:10]
        if lock.changed:
            parts = ", ".join(translate(f"lock.part.{p}", lang) for p in lock.changed)
            lines.append(translate("m.lock_changed", lang, parts=parts, date=date, seq=lock.lock.seq))
        else:
            lines.append(translate("m.locked", lang, date=date, seq=lock.lock.seq))
        if lock.scored_before:
            reason = reason_text(lock.reason)
            lines.append(
                translate("m.locked_after_scores", lang, seq=lock.lock.seq, count=lock.scored_before, reason=reason)
            )
    elif plan.fairness.require_lock:
        lines.append(translate("m.not_locked", lang))
    if lock is not None and lock.scores is not None:
        lines.append(translate("m.scores_locked", lang, date=lock.scores.ts[:10], seq=lock.scores.seq))
    if evaluation.sealed:
        lines.append(translate("blind.prices_sealed" if evaluation.blind else "m.sealed", lang))
    if evaluation.blind:
        lines.append(translate("m.blind", lang, commitment=evaluation.blind[:12]))
    if evaluation.finalization is not None and evaluation.finalization.event is not None:
        note = finalization_note(evaluation.finalization, lang)
        if note:
            lines.append(note)
    for reopening in evaluation.reopenings:
        lines.append(
            translate(
                "m.reopened",
                lang,
                date=reopening.event.ts[:10],
                seq=reopening.event.seq,
                finalized=reopening.finalized.seq,
                reason=reason_text(reopening.reason),
            )
        )
    return lines


def _evaluator_name(plan: Plan, evaluator_id: str) -> str:
    found = plan.evaluator(evaluator_id)
    return found.name if found is not None else evaluator_id


def recusal_lines(evaluation: Evaluation, lang: Lang) -> list[str]:
    """One sentence per recusal, and per score or must-have vote recorded despite one (every report lists them)."""
    recusals = {k: v for k, v in evaluation.recusals.items() if k[0] not in evaluation.without}
    lines = recusal_sentences(evaluation.plan, recusals, lang, blind=bool(evaluation.blind))
    plan = evaluation.plan
    for result in evaluation.results:
        aside = [
            (cell.criterion, score, score.level) for cell in result.cells.values() for score in cell.recused_scores
        ]
        aside += [
            (
                must.criterion,
                vote,
                translate(f"must.{vote.level}", lang) if vote.level in ("pass", "fail") else vote.level,
            )
            for must in result.musts.values()
            for vote in must.recused_votes
        ]
        for criterion, score, level in aside:
            lines.append(
                translate(
                    "m.recused_score",
                    lang,
                    evaluator=_evaluator_name(plan, score.evaluator),
                    tool=translate("blind.a_candidate", lang) if evaluation.blind else result.tool.name.get(lang),
                    criterion=criterion,
                    level=level,
                    seq=score.seq,
                )
            )
    return lines


def _notes(evaluation: Evaluation, lang: Lang) -> list[str]:
    plan = evaluation.plan
    info = plan.evaluation
    results = evaluation.results
    evaluator_ids = [e.id for e in plan.evaluators]
    notes = fairness_lines(evaluation, lang) + rule_lines(evaluation, lang)
    for r in results:
        for finding in r.disqualified:
            notes.append(f"{r.tool.name.get(lang)}: {finding_text(finding, plan, lang)}")
    for r in results:
        for cell in r.cells.values():
            if cell.moderation is not None:
                criterion = plan.criterion(cell.criterion)
                label = f"{r.tool.name.get(lang)} / {criterion.name.get(lang) if criterion else cell.criterion}"
                text = translate("m.moderated", lang, level=cell.moderation.level, comment=cell.moderation.comment)
                notes.append(f"{label}: {text} (#{cell.moderation.seq})")
    notes += recusal_lines(evaluation, lang)
    if evaluation.without:
        names = join_words((_evaluator_name(plan, e) for e in evaluation.without), lang)
        notes.append(translate("m.without", lang, evaluators=names))
    for tie in evaluation.ties:
        names = join_words((evaluation.result(t).tool.name.get(lang) for t in tie.tools), lang)
        level = figure(tie.figure, info.decimals, info.rounding)
        if tie.decided_by:
            links = " → ".join(link_name(link, plan, lang) for link in tie.decided_by)
            notes.append(translate("m.tie_note", lang, tools=names, figure=level, links=links))
        for group in tie.unresolved:
            still = join_words((evaluation.result(t).tool.name.get(lang) for t in group), lang)
            key = "m.tie_lot" if "lot" in plan.scoring.tie_break else "m.tie_shared"
            notes.append(translate(key, lang, tools=still, figure=level))
    for r in results:
        for must in r.musts.values():
            if must.facts is not None:  # said with the facts it waits for (`fact_notes`)
                continue
            named = plan.criterion(must.criterion)
            must_name = named.name.get(lang) if named else must.criterion
            if must.verdict == "unjudged":
                notes.append(translate("m.must_unjudged", lang, tool=r.tool.name.get(lang), criterion=must_name))
            elif must.verdict == "tie":
                notes.append(translate("m.must_tied", lang, tool=r.tool.name.get(lang), criterion=must_name))
    notes += fact_notes(evaluation, lang)
    if evaluation.pending_criteria and not weighs_price(plan.price.family):
        items = ", ".join(c.name.get(lang) for c in evaluation.pending_criteria)
        notes.append(translate("m.price_none", lang, items=items))
    if plan.weights.source == "hearings":
        if evaluation.weights is None:
            notes.append(translate("m.points_no_hearings", lang))
        elif not evaluation.weights.points:
            notes.append(translate("m.points_none_counted", lang, count=len(evaluation.weights.respondents)))
        else:
            counted = len(evaluation.weights.included)
            notes.append(
                translate("m.points_from_hearings", lang, count=counted, total=plain(evaluation.weights.points_total))
            )
        if evaluation.weights is not None and evaluation.weights.left_out:
            notes.append(translate("m.hearings_left_out", lang, count=len(evaluation.weights.left_out)))
    if evaluator_ids:
        # in Japanese by name alone: an id is the user's key for typing, not a word of the document
        names = (
            "、".join(e.name for e in plan.evaluators)
            if lang == "ja"
            else ", ".join(f"{e.id} {e.name}" for e in plan.evaluators)
        )
        notes.append(translate("m.levels_key", lang, evaluators=names))
    if fit_criteria_of(evaluation):
        notes.append(translate("fdoc.matrix.key", lang, na=answer_symbol("na", lang)))
    for notice in evaluation.notices:
        notes.append(translate(notice.key, lang, seq=notice.seq, **notice.params))
    if not results:
        notes.append(translate("m.no_tools", lang))
    notes.append(
        translate(
            "m.provenance",
            lang,
            plan_hash=plan.hash[:12],
            head_seq=evaluation.head_seq,
            head_hash=(evaluation.head_hash or "-")[:12],
        )
    )
    return notes


def format_points(value: Decimal | None) -> str:
    """配点 exactly as the plan gives them: 12.5 stays 12.5 (no rounding, no padding)."""
    return "" if value is None else plain(value)


def format_value(value: Decimal | int | None, decimals: int) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    return f"{value:.{decimals}f}"


# --- a view as plain data, for the snapshot cache -------------------------------------


def _number_out(value: Decimal | int | None) -> str | int | None:
    return str(value) if isinstance(value, Decimal) else value


def _number_in(value: str | int | None) -> Decimal | int | None:
    return Decimal(value) if isinstance(value, str) else value


def view_to_data(view: MatrixView) -> dict[str, Any]:
    """The view as JSON-ready data (decimals as text, so nothing is rounded twice)."""
    return {
        "title": view.title,
        "lang": view.lang,
        "tool_ids": list(view.tool_ids),
        "tool_names": list(view.tool_names),
        "notes": list(view.notes),
        "decimals": view.decimals,
        "rows": [
            {
                "kind": row.kind,
                "key": row.key,
                "label": row.label,
                "points": _number_out(row.points),
                "cells": [[_number_out(c.value), c.detail, list(c.flags), list(c.notes)] for c in row.cells],
            }
            for row in view.rows
        ],
    }


def view_from_data(data: dict[str, Any]) -> MatrixView:
    """The inverse of `view_to_data`."""
    rows = tuple(
        RowView(
            kind=row["kind"],
            key=row["key"],
            label=row["label"],
            points=_number_in(row["points"]),  # type: ignore[arg-type]
            cells=tuple(
                CellView(_number_in(value), detail, tuple(flags), tuple(notes))
                for value, detail, flags, notes in row["cells"]
            ),
        )
        for row in data["rows"]
    )
    return MatrixView(
        title=data["title"],
        lang=data["lang"],
        tool_ids=tuple(data["tool_ids"]),
        tool_names=tuple(data["tool_names"]),
        rows=rows,
        notes=tuple(data["notes"]),
        decimals=data["decimals"],
    )


def cell_words(cell: CellView) -> list[str]:
    """A cell's detail and notes, each once (a missing cell says "missing" in both)."""
    words: list[str] = []
    for word in (cell.detail, *cell.notes):
        if word and word not in words:
            words.append(word)
    return words


def matrix_document(
    view: MatrixView, data: dict[str, Any] | None = None, *, generated: datetime | None = None
) -> Document:
    """The comparison matrix alone: written in every format exactly as the matrix (its title and notes are its own)."""
    return Document(
        kind="matrix",
        title=view.title,
        lang=view.lang,
        sections=(Section("", matrix=view, key="matrix"),),
        data=data,
        generated=generated,
    )


def finalization_note(status: FinalizationStatus, lang: Lang) -> str | None:
    """A sentence for reports: finalized and unchanged, or changed since; None if never finalized."""
    if status.event is None:
        return None
    key = "finalize.changed_since" if status.changed else "finalize.current"
    return translate(key, lang, seq=status.event.seq, ts=status.event.ts[:19].replace("T", " "))
