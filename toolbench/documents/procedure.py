"""The documents of a proposal procedure (公募型プロポーザル), built from a `Procedure`.

    procedure_document          the procedure as it stands (`toolbench procedure`): each stage, the
                                qualification verdicts with their evidence, rankings, shortlists, draws,
                                attendance, withdrawals, the final ranking, the decision, negotiations
    notice_documents            one 審査結果通知書 per proposer: its own figures, every other proposer
                                pseudonymised (提案者A, B …)
    review_document             the 審査講評: the committee's words and, per proposer, why it was or was
                                not selected
    selection_reasons_document  a draft 選定理由書 for the 随意契約 that follows
                                (地方自治法施行令第167条の2第1項第2号)
    public_results_table        the results as published, under the plan's `[procedure] public_names`
    with_procedure              one scored stage's comparison matrix with its place in the procedure
    standings                   where each proposer ended, best first (the order the pseudonyms follow)
    procedure_rule_lines        the procedure's rules in words
    disclosure_lines            what every document discloses (problems, overrides, reopenings)

Every document names proposers, members, stages and requirements by their names (an
internal id is a key for typing, not a word of a document), dates in 和暦 with the
western year, times in the plan's time zone (Japan time unless it names another), and
discloses every finding of `Procedure.problems()` (draws that do not hold, shortlists
that moved, a decision that departs from the rules) with the committee's reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from toolbench.base.cells import column_letters
from toolbench.base.i18n import Lang, join_words, translate
from toolbench.base.numbers import plain, round_fraction
from toolbench.base.times import document_date, document_time, local
from toolbench.documents.facts import finding_facts
from toolbench.documents.matrix import link_name, rule_lines, yen
from toolbench.documents.model import (
    CellView,
    Document,
    Figure,
    MatrixView,
    RowView,
    Section,
    Table,
    Value,
)
from toolbench.documents.procurement import redactor
from toolbench.methods.evaluation import Evaluation, Finding
from toolbench.methods.pricing import depends_on_other_bids, ranks_by_value
from toolbench.methods.procedure import FINAL, Draw, Procedure, StageResult, Withdrawal, draw_id
from toolbench.model.plan import Plan, Stage

__all__ = [
    "Standing",
    "disclosure_lines",
    "notice_documents",
    "procedure_document",
    "procedure_rule_lines",
    "public_results_table",
    "review_document",
    "selection_reasons_document",
    "standings",
    "with_procedure",
]

Outcome = Literal["preferred", "runner_up", "ranked", "withdrawn", "not_qualified", "cut", "disqualified", "pending"]


# --- where each proposer stands ------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    """Where one proposer ended: selected, ranked, withdrawn, not qualified, cut at a stage, or still in."""

    tool: str
    outcome: Outcome
    stage: str | None
    """The stage the outcome belongs to (where it was cut, withdrew, failed, or is being judged)."""
    why: str = ""
    """Why it did not go on: below_top_n, below_pass_mark, disqualified, pending (a cut)."""
    failed: tuple[str, ...] = ()
    """The entry requirements it was judged not to meet."""
    rank: int | None = None
    """Its place in the final ranking (finalists only)."""
    total: Fraction | None = None
    """Its final figure (finalists only): the final points, 順位点 or 評価値 the ranking follows."""
    reach: int = -1
    """The index of the last stage it took part in."""
    stage_rank: int | None = None
    """Its rank in that stage."""
    withdrawal: Withdrawal | None = None
    place: int | None = None
    """Its place in the decided negotiation order."""


def _last_scored(proc: Procedure) -> int | None:
    indices = [i for i, r in enumerate(proc.stages) if r.stage.kind == "scored"]
    return indices[-1] if indices else None


def _standing(proc: Procedure, tool: str) -> Standing:
    final = {f.tool: f for f in proc.final}
    withdrawal = proc.withdrawn(tool)
    last = _last_scored(proc)
    reach, stage_rank = -1, None
    for index, result in enumerate(proc.stages):
        stage = result.stage.id
        if tool not in result.entrants:
            break
        if tool in result.withdrawn:
            return Standing(tool, "withdrawn", stage, reach=reach, stage_rank=stage_rank, withdrawal=withdrawal)
        reach = index
        if result.stage.kind == "qualification":
            verdict = result.qualification.get(tool)
            if verdict == "fail":
                failed = tuple(
                    r.id
                    for r in result.stage.requirements
                    if (j := proc.log.judgements.get((tool, r.id))) is not None and j.verdict == "fail"
                )
                return Standing(tool, "not_qualified", stage, failed=failed, reach=reach, withdrawal=withdrawal)
            if verdict != "pass" or result.status != "closed":
                return Standing(tool, "pending", stage, reach=reach, withdrawal=withdrawal)
            continue
        evaluation = result.evaluation
        stage_rank = evaluation.result(tool).rank if evaluation is not None else None
        if result.status != "closed":
            return Standing(tool, "pending", stage, reach=reach, stage_rank=stage_rank, withdrawal=withdrawal)
        if index != last and tool not in result.goes_on:
            why = result.cut.get(tool, "disqualified")
            return Standing(tool, "cut", stage, why=why, reach=reach, stage_rank=stage_rank, withdrawal=withdrawal)
    place = final.get(tool)
    if place is None or last is None or reach != last:
        following = proc.stages[reach + 1].stage.id if 0 <= reach + 1 < len(proc.stages) else None
        return Standing(tool, "pending", following, reach=reach, stage_rank=stage_rank, withdrawal=withdrawal)
    decision = proc.decision
    order_place = decision.order.index(tool) + 1 if decision is not None and tool in decision.order else None
    last_stage = proc.stages[last].stage.id
    ranked = Standing(
        tool,
        "ranked",
        None,
        rank=place.rank,
        total=place.total,
        reach=reach,
        stage_rank=place.rank,
        withdrawal=withdrawal,
    )
    if withdrawal is not None:
        return replace(ranked, outcome="withdrawn", stage=withdrawal.stage or last_stage)
    if place.disqualified or (place.rank is None and place.total is not None):
        return replace(ranked, outcome="disqualified", stage=last_stage)
    if place.rank is None:
        return replace(ranked, outcome="pending", stage=last_stage)
    if decision is not None and decision.preferred == tool:
        return replace(ranked, outcome="preferred", place=order_place)
    if decision is not None and decision.runner_up == tool:
        return replace(ranked, outcome="runner_up", place=order_place)
    return replace(ranked, place=order_place)


def standings(proc: Procedure) -> list[Standing]:
    """Every proposer of the plan, best first: finalists by final rank, then those who went less far.

    Among those who reached the same stage, its rank orders them; the order is the one the
    public results and the pseudonyms (提案者A, B …) follow.
    """
    order = [t.id for t in proc.plan.tools]
    found = [_standing(proc, tool) for tool in order]

    def key(s: Standing) -> tuple[int, int, int, int]:
        rank = s.rank if s.rank is not None else s.stage_rank
        return (-s.reach, rank is None, rank or 0, order.index(s.tool))

    return sorted(found, key=key)


# --- names, figures, words ------------------------------------------------------------------


_join = join_words


def _sentence(text: str, lang: Lang) -> str:
    """Text ending as a sentence does: 。 in Japanese, a full stop in English."""
    stop = "。" if lang == "ja" else "."
    return text if text.endswith(("。", ".", "！", "？")) else text + stop


@dataclass(frozen=True)
class _Words:
    """How one document names things: proposers (by name or pseudonym), members, stages, requirements."""

    proc: Procedure
    lang: Lang
    labels: Mapping[str, str]
    """Each proposer as this document names it."""
    redact: Callable[[str], str]
    """Free text (a review, a reason) with every pseudonymised proposer's names replaced."""

    @property
    def plan(self) -> Plan:
        return self.proc.plan

    def tool(self, tool_id: str) -> str:
        return self.labels.get(tool_id, tool_id)

    def tools(self, tool_ids: Iterable[str]) -> str:
        return _join((self.tool(t) for t in tool_ids), self.lang)

    def member(self, member_id: str) -> str:
        found = self.plan.evaluator(member_id)
        return found.name if found is not None else member_id

    def members(self, member_ids: Iterable[str]) -> str:
        return _join((self.member(m) for m in member_ids), self.lang)

    def stage(self, stage_id: str | None) -> str:
        if stage_id == FINAL:
            return translate("pdoc.final_ranking", self.lang)
        found = self.plan.stage(stage_id or "")
        return found.name.get(self.lang) if found is not None else (stage_id or "-")

    def requirement(self, stage: Stage, requirement_id: str) -> str:
        found = next((r for r in stage.requirements if r.id == requirement_id), None)
        return found.name.get(self.lang) if found is not None else requirement_id

    def when(self, ts: str | None) -> str:
        if not ts:
            return ""
        return document_time(datetime.fromisoformat(ts), self.lang, self.plan.evaluation.time_zone)

    def day(self, iso: str) -> str:
        try:
            return document_date(date.fromisoformat(iso), self.lang)
        except ValueError:
            return iso

    def points(self, value: Fraction | None) -> Value:
        return _points(self.plan, value)

    def shown(self, value: Fraction | None) -> str:
        shown = _points(self.plan, value)
        return str(shown) if shown is not None else translate("pdoc.none", self.lang)

    def amount(self, value: Fraction | None) -> str:
        """A figure with its unit where it is points (87.00点); 順位点 and 評価値 as the number alone."""
        if value is None or not _is_points(self.plan):
            return self.shown(value)
        return translate("pdoc.points", self.lang, points=self.shown(value))


def _points(plan: Plan, value: Fraction | Decimal | None) -> Value:
    """A figure as documents show it: the plan's decimals and rounding (the rounded number kept for machines)."""
    if value is None:
        return None
    info = plan.evaluation
    rounded = round_fraction(Fraction(value), info.decimals, info.rounding)
    number_format = "0." + "0" * info.decimals if info.decimals else "0"
    return Figure(rounded, f"{rounded:.{info.decimals}f}", number_format)


def _pseudonym(position: int, lang: Lang) -> str:
    return translate("pdoc.pseudonym", lang, letter=column_letters(position))


def _full_name(plan: Plan, tool_id: str, lang: Lang) -> str:
    tool = plan.tool(tool_id)
    if tool is None:
        return tool_id
    name = tool.name.get(lang)
    return translate("pdoc.named", lang, name=name, vendor=tool.vendor) if tool.vendor else name


def _named(proc: Procedure) -> set[str]:
    """The proposers the public may know by name, under `[procedure] public_names`."""
    policy = proc.plan.procedure.public_names
    if policy == "all":
        return {t.id for t in proc.plan.tools}
    decision = proc.decision
    if policy == "winner" and decision is not None:
        return {decision.preferred}
    return set()


def _words(proc: Procedure, lang: Lang, named: Iterable[str] | None = None, *, own: str | None = None) -> _Words:
    """Names for a document: `named` proposers by name (all when None), the others 提案者A, B … in standing order.

    `own` is the proposer a notice is addressed to: it reads 貴社 and keeps its letter, so
    the letters agree with the public results.
    """
    plan = proc.plan
    keep = {t.id for t in plan.tools} if named is None else set(named)
    labels: dict[str, str] = {}
    pseudonyms: dict[str, str] = {}
    position = 0
    for standing in standings(proc):
        tool = standing.tool
        if tool in keep:
            labels[tool] = _full_name(plan, tool, lang)
            continue
        position += 1
        pseudonyms[tool] = _pseudonym(position, lang)
        labels[tool] = pseudonyms[tool]
    if own is not None:
        found = plan.tool(own)
        labels[own] = translate("pdoc.you", lang, name=found.name.get(lang) if found is not None else own)
    hidden = {t: p for t, p in pseudonyms.items() if t != own}
    return _Words(proc, lang, labels, redactor(plan, hidden))


def _all_named(proc: Procedure, lang: Lang) -> _Words:
    """Names for an internal document: every proposer by its name (no vendor)."""
    plan = proc.plan
    labels = {t.id: t.name.get(lang) for t in plan.tools}
    return _Words(proc, lang, labels, lambda text: text)


def _figure_label(plan: Plan, lang: Lang) -> str:
    """What the final figure is: points, 順位点 (rank points) or 評価値 (除算方式)."""
    if plan.scoring.aggregation == "rank_points":
        return translate("pdoc.figure.rank_points", lang)
    if ranks_by_value(plan.price.family):
        return translate("pdoc.figure.value", lang)
    return translate("pdoc.figure.points", lang)


def _heading(text: str) -> str:
    """A label as a column heading: its first letter capitalised (Japanese is unchanged)."""
    return text[:1].upper() + text[1:]


def _is_points(plan: Plan) -> bool:
    return plan.scoring.aggregation != "rank_points" and not ranks_by_value(plan.price.family)


def _final_max(proc: Procedure) -> Fraction | None:
    """The most final points a proposer can have (None where the figure is not points)."""
    if not _is_points(proc.plan):
        return None
    scored = [r for r in proc.stages if r.evaluation is not None]
    if not scored:
        return None
    if proc.plan.procedure.final == "last":
        return scored[-1].evaluation.max_points if scored[-1].evaluation is not None else None
    return sum((r.evaluation.max_points for r in scored if r.evaluation is not None), Fraction(0))


def _of(value: Fraction | None, most: Fraction | None, words: _Words) -> str:
    """A figure with the most it can be, 87.00点（100点満点）; the figure alone where it is not points."""
    shown = words.shown(value)
    if value is None:
        return shown
    if most is None:
        return shown
    return translate("pdoc.points_of", words.lang, points=shown, max=plain(most))


# --- what every document discloses ----------------------------------------------------------


def _draw_name(draw_id: str, words: _Words) -> str:
    purpose, _, stage = draw_id.partition(":")
    if purpose == "order":
        return translate("pdoc.draw.order_name", words.lang, stage=words.stage(stage))
    if stage == FINAL:
        return translate("pdoc.draw.final_name", words.lang)
    return translate("pdoc.draw.tie_name", words.lang, stage=words.stage(stage))


def _ids(value: object, words: _Words) -> str:
    """A list of proposer ids as a finding holds it ("a, b" or groups "a, b / c, d"), in names."""
    text = str(value)
    if text in ("", "-"):
        return translate("pdoc.none", words.lang)
    groups = [[t.strip() for t in group.split(",") if t.strip()] for group in text.split(" / ")]
    return " / ".join(words.tools(group) for group in groups)


def _finding_text(finding: Finding, words: _Words) -> str:
    """A finding of the procedure (a problem or a departure) in words, naming proposers and stages."""
    p = finding.params
    lang = words.lang
    key = finding.key
    if key in ("proc.problem.draw_seed", "proc.problem.draw_order"):
        return translate(f"pdoc.{key[5:]}", lang, draw=_draw_name(str(p.get("draw", "")), words), seq=p.get("seq"))
    if key == "proc.problem.shortlist_moved":
        return translate(
            "pdoc.problem.shortlist_moved",
            lang,
            stage=words.stage(str(p.get("stage", ""))),
            recorded=_ids(p.get("recorded", ""), words),
            now=_ids(p.get("now", ""), words),
        )
    if key == "proc.problem.override":
        return translate("pdoc.problem.override", lang, reason=words.redact(str(p.get("reason", ""))), seq=p.get("seq"))
    if key == "proc.depart.unresolved":
        return translate("pdoc.depart.unresolved", lang, tools=_ids(p.get("tools", ""), words))
    if key in ("proc.depart.preferred", "proc.depart.runner_up", "proc.depart.order"):
        return translate(
            f"pdoc.{key[5:]}",
            lang,
            given=_ids(p.get("given", ""), words),
            expected=_ids(p.get("expected", ""), words),
        )
    if key == "proc.depart.no_ranking":
        return translate("pdoc.depart.no_ranking", lang)
    if key == "dq.must_fact_failed":  # a must-have the facts failed: its name and the facts' names
        return translate(key, lang, **finding_facts(finding, words.plan, lang))
    # any other finding (a disqualification): its ids put into names
    params = dict(p)
    criterion = words.plan.criterion(str(params.get("criterion", "")))
    if criterion is not None:
        params["criterion"] = criterion.name.get(lang)
    if "tool" in params:
        params["tool"] = words.tool(str(params["tool"]))
    if "stage" in params:
        params["stage"] = words.stage(str(params["stage"]))
    return translate(key, lang, **params)


def disclosure_lines(proc: Procedure, lang: Lang) -> list[str]:
    """What every document of the procedure discloses, naming proposers: draws that do not hold,
    shortlists that moved, a decision that departs from the rules with the committee's reason,
    stages reopened or closed with scores missing."""
    return _disclosures(proc, _all_named(proc, lang))


def _disclosures(proc: Procedure, words: _Words) -> list[str]:
    """Every problem of the procedure, each departure of the decision, each reopened stage and each
    stage closed with scores missing, in words: what every document must state."""
    lines = [_finding_text(f, words) for f in proc.problems()]
    decision = proc.decision
    if decision is not None and decision.override:
        lines += [_finding_text(f, words) for f in decision.departures]
    for result in proc.stages:
        recorded = proc.log.stages.get(result.stage.id)
        for event in recorded.reopened if recorded is not None else ():
            lines.append(
                translate(
                    "pdoc.reopened",
                    words.lang,
                    stage=words.stage(result.stage.id),
                    when=words.when(event.ts),
                    reason=words.redact(str(event.payload.get("reason", ""))),
                    seq=event.seq,
                )
            )
        if result.closed_with:
            lines.append(
                translate(
                    "pdoc.closed_incomplete",
                    words.lang,
                    stage=words.stage(result.stage.id),
                    reason=words.redact(result.closed_with),
                )
            )
    return lines


# --- the rules --------------------------------------------------------------------------------


def _shortlist_line(result: StageResult, proc: Procedure, words: _Words) -> str | None:
    rule = result.stage.shortlist
    if rule is None:
        return None
    lang = words.lang
    index = proc.stages.index(result)
    following = proc.stages[index + 1].stage.id if index + 1 < len(proc.stages) else None
    parts = []
    if rule.pass_mark is not None:
        share = plain(Decimal(rule.pass_mark) * 100)
        if result.pass_mark is not None:  # the mark is on the stage's total points, whatever the ranking follows
            parts.append(translate("pdoc.rule.pass_mark_points", lang, share=share, mark=words.shown(result.pass_mark)))
        else:
            parts.append(translate("pdoc.rule.pass_mark", lang, share=share))
    if rule.top_n is not None:
        parts.append(translate(f"pdoc.rule.top_n.{rule.ties}", lang, n=rule.top_n))
    return translate(
        "pdoc.rule.shortlist",
        lang,
        stage=words.stage(result.stage.id),
        next=words.stage(following),
        conditions=translate("pdoc.and", lang).join(parts),
    )


def procedure_rule_lines(proc: Procedure, lang: Lang) -> list[str]:
    """The procedure's rules in words: how stage points combine, shortlists, attendance, draws, quorum,
    withdrawn bids (where price points depend on the lowest bid), 順位点, and what the public is told."""
    plan = proc.plan
    words = _all_named(proc, lang)
    scored = [s for s in plan.stages if s.kind == "scored"]
    lines = []
    if scored:
        names = _join((s.name.get(lang) for s in scored), lang)
        lines.append(
            translate(
                f"pdoc.rule.final.{plan.procedure.final}",
                lang,
                stages=names,
                last=scored[-1].name.get(lang),
            )
        )
    for result in proc.stages:
        line = _shortlist_line(result, proc, words)
        if line:
            lines.append(line)
        if result.stage.attendance_required:
            lines.append(translate("pdoc.rule.attendance", lang, stage=result.stage.name.get(lang)))
        if result.stage.order == "lot":
            lines.append(translate("pdoc.rule.order_lot", lang, stage=result.stage.name.get(lang)))
    rule = plan.procedure.quorum
    how = translate(f"pdoc.quorum.{rule}", lang) if isinstance(rule, str) else translate("pdoc.quorum.number", lang)
    lines.append(translate("pdoc.rule.quorum", lang, needed=proc.quorum, members=len(proc.members), how=how))
    if depends_on_other_bids(plan.price.family) and plan.price_criterion() is not None:
        lines.append(translate(f"pdoc.rule.withdrawn_bids.{plan.procedure.withdrawn_bids}", lang))
    if plan.scoring.aggregation == "rank_points":
        table = _join(
            (
                translate("pdoc.rule.rank_place", lang, place=i, points=plain(p))
                for i, p in enumerate(plan.scoring.rank_points, start=1)
            ),
            lang,
        )
        lines.append(
            translate(
                "pdoc.rule.rank_points",
                lang,
                table=table,
                ties=translate(f"pdoc.rule.rank_ties.{plan.scoring.rank_ties}", lang),
            )
        )
    if "lot" in plan.scoring.tie_break:
        lines.append(translate("pdoc.rule.tie_lot", lang))
    lines.append(translate(f"pdoc.rule.public.{plan.procedure.public_names}", lang))
    # the scoring rules every stage shares, stated once: from the stage that scores price where one does
    evaluations = [r.evaluation for r in proc.stages if r.evaluation is not None]
    priced = [e for e in evaluations if e.plan.price_criterion() is not None]
    if evaluations:
        lines += rule_lines((priced or evaluations)[-1], lang)
    return lines


# --- one stage in words ----------------------------------------------------------------------


def _status_word(result: StageResult, lang: Lang) -> str:
    return translate(f"pdoc.stage_status.{result.status}", lang)


def _cut_reason(result: StageResult, tool: str, words: _Words) -> str:
    why = result.cut.get(tool, "disqualified")
    lang = words.lang
    rule = result.stage.shortlist
    if why == "below_top_n" and rule is not None and rule.top_n is not None:
        text = translate("pdoc.cut.below_top_n", lang, n=rule.top_n)
        placed = result.evaluation.result(tool) if result.evaluation is not None else None
        if placed is not None and placed.tie_break is not None:  # level at the edge, placed by the chain
            link = link_name(placed.tie_break, words.plan, lang)
            text += translate("pdoc.cut.tie_decided", lang, link=link)
        elif result.tie_draw is not None and result.tie_draw.revealed and tool in result.tie_draw.candidates:
            text += translate("pdoc.cut.tie_decided", lang, link=translate("pdoc.tie_drawn", lang))
        return text
    if why == "below_pass_mark":
        if result.pass_mark is not None:
            return translate("pdoc.cut.below_pass_mark", lang, mark=words.shown(result.pass_mark))
        return translate("pdoc.cut.below_pass_mark_share", lang)
    if why == "disqualified" and result.evaluation is not None:
        found = result.evaluation.result(tool).disqualified
        reasons = "; ".join(_finding_text(f, words) for f in found)
        return translate("pdoc.cut.disqualified", lang, reasons=reasons or translate("pdoc.none", lang))
    if why == "failed":
        return translate("pdoc.outcome.not_qualified", lang)
    return translate("pdoc.cut.pending", lang)


def _stage_cell(proc: Procedure, result: StageResult, tool: str, words: _Words) -> str:
    """One proposer in one stage, in a few words: 適, 否, 辞退, 47.00・3位・通過, ―."""
    lang = words.lang
    if tool in result.withdrawn:
        return translate("pdoc.withdrawn", lang)
    if tool not in result.entrants:
        return "―"
    if result.stage.kind == "qualification":
        return translate(f"pdoc.verdict.{result.qualification.get(tool, 'pending')}", lang)
    evaluation = result.evaluation
    if evaluation is None:
        return _status_word(result, lang)
    r = evaluation.result(tool)
    parts = [
        words.shown(r.figure) if r.figure is not None else translate("pdoc.unscored", lang),
        translate("pdoc.rank_short", lang, rank=r.rank) if r.rank is not None else "",
    ]
    if result.status == "open":
        parts.append(translate("pdoc.stage_status.open", lang))
    elif result.status == "closed" and proc.stages.index(result) != _last_scored(proc):
        parts.append(translate("pdoc.goes_on" if tool in result.goes_on else "pdoc.cut", lang))
    return ("・" if lang == "ja" else ", ").join(p for p in parts if p)


def _span(proc: Procedure, result: StageResult, words: _Words) -> str:
    """When a stage ran: opened and closed, in the plan's time zone."""
    recorded = proc.log.stages.get(result.stage.id)
    opened = recorded.opened.ts if recorded is not None and recorded.opened is not None else None
    closed = recorded.closed.ts if recorded is not None and recorded.closed is not None else None
    none = translate("pdoc.none", words.lang)
    return translate("pdoc.span", words.lang, opened=words.when(opened) or none, closed=words.when(closed) or none)


def _draw_lines(draw: Draw, words: _Words) -> list[str]:
    lang = words.lang
    name = _draw_name(draw.id, words)
    lines = [
        translate(
            "pdoc.draw.committed",
            lang,
            draw=name,
            candidates=words.tools(draw.candidates),
            commitment=draw.commitment,
            when=words.when(draw.committed_ts),
            seq=draw.committed_seq,
        )
    ]
    if not draw.revealed:
        lines.append(translate("pdoc.draw.not_revealed", lang, draw=name))
        return lines
    order = " → ".join(f"{i} {words.tool(t)}" for i, t in enumerate(draw.order, start=1))
    lines.append(
        translate(
            "pdoc.draw.revealed",
            lang,
            draw=name,
            order=order,
            seed=draw.seed or "",
            witness=draw.witness or translate("pdoc.none", lang),
            when=words.when(draw.revealed_ts),
            seq=draw.revealed_seq,
        )
    )
    problem = draw.problem()
    lines.append(
        translate(f"pdoc.problem.draw_{problem}", lang, draw=name, seq=draw.revealed_seq)
        if problem
        else translate("pdoc.draw.recompute", lang)
    )
    return lines


def _attendance_lines(proc: Procedure, result: StageResult, words: _Words) -> list[str]:
    lang = words.lang
    lines = []
    none = translate("pdoc.none", lang)
    for tool in (*result.participants, *result.withdrawn):
        record = proc.log.attendance.get((result.stage.id, tool))
        if record is None:
            if result.stage.attendance_required and tool in result.participants:
                lines.append(translate("pdoc.attend.unrecorded", lang, tool=words.tool(tool)))
            continue
        lines.append(
            translate(
                "pdoc.attend.presentation",
                lang,
                tool=words.tool(tool),
                present=words.members(record.present) or none,
                absent=words.members(record.absent) or none,
            )
        )
    meeting = result.meeting
    if meeting is not None:
        met = len(meeting.present) >= proc.quorum
        lines.append(
            translate(
                "pdoc.attend.meeting",
                lang,
                count=len(meeting.present),
                members=len(proc.members),
                present=words.members(meeting.present) or none,
                absent=words.members(meeting.absent) or none,
                needed=proc.quorum,
                met=translate("pdoc.quorum_met" if met else "pdoc.quorum_not_met", lang),
                when=words.when(meeting.ts),
            )
        )
    return lines


def _withdrawal_when(proc: Procedure, withdrawal: Withdrawal, words: _Words) -> str:
    """When in the procedure a withdrawal fell: during a stage, or after it closed."""
    if withdrawal.stage is None:
        return translate("pdoc.withdrew_before", words.lang)
    recorded = proc.log.stages.get(withdrawal.stage)
    after = recorded is not None and recorded.closed is not None and recorded.closed.seq < withdrawal.seq
    key = "pdoc.withdrew_after" if after else "pdoc.withdrew_during"
    return translate(key, words.lang, stage=words.stage(withdrawal.stage))


def _withdrawal_line(proc: Procedure, withdrawal: Withdrawal, words: _Words) -> str:
    return translate(
        "pdoc.withdrawal",
        words.lang,
        tool=words.tool(withdrawal.tool),
        date=words.day(withdrawal.date),
        when=_withdrawal_when(proc, withdrawal, words),
        reason=words.redact(withdrawal.reason),
    )


def _stage_lines(proc: Procedure, result: StageResult, words: _Words) -> list[str]:
    """A stage's status, its dates, who took part, its shortlist, draws, attendance and withdrawals."""
    lang = words.lang
    index = proc.stages.index(result)
    lines = [
        translate(
            "pdoc.stage_line",
            lang,
            stage=words.stage(result.stage.id),
            index=index + 1,
            count=len(proc.stages),
            status=_status_word(result, lang),
            span=_span(proc, result, words),
        )
    ]
    if result.entrants:
        lines.append(
            translate(
                "pdoc.participants",
                lang,
                count=len(result.participants),
                tools=words.tools(result.participants) or translate("pdoc.none", lang),
            )
        )
    elif result.status == "waiting":
        lines.append(translate("pdoc.not_ready", lang))
    shortlist = _shortlist_line(result, proc, words)
    if shortlist:
        lines.append(shortlist)
    if result.shortlist is not None and result.evaluation is not None:
        going = words.tools(result.shortlist) or translate("pdoc.none", lang)
        key = "pdoc.shortlist_recorded" if result.status == "closed" else "pdoc.shortlist_now"
        lines.append(translate(key, lang, tools=going))
        for tool, _ in sorted(result.cut.items(), key=lambda item: result.participants.index(item[0])):
            lines.append(
                translate("pdoc.cut_line", lang, tool=words.tool(tool), reason=_cut_reason(result, tool, words))
            )
    if result.order is not None:
        lines += _draw_lines(result.order, words)
    if result.tie_draw is not None:
        lines += _draw_lines(result.tie_draw, words)
    lines += _attendance_lines(proc, result, words)
    for tool in result.withdrawn:
        withdrawal = proc.withdrawn(tool)
        if withdrawal is not None:
            lines.append(_withdrawal_line(proc, withdrawal, words))
    return lines


def _outsiders_line(proc: Procedure, result: StageResult, words: _Words) -> str | None:
    """The proposers not in a stage (not qualified, withdrawn, cut), each with why: nobody is dropped silently."""
    out = []
    for standing in standings(proc):
        tool = standing.tool
        if tool in result.participants:
            continue
        why = _outcome_text(standing, words, dated=False)
        out.append(translate("pdoc.outsider", words.lang, tool=words.tool(tool), why=why))
    if not out:
        return None
    return translate("pdoc.outsiders", words.lang, stage=words.stage(result.stage.id), tools=_join(out, words.lang))


# --- a proposer's outcome in words ----------------------------------------------------------


def _outcome_text(standing: Standing, words: _Words, *, dated: bool = True) -> str:
    """最優秀提案者, 次点, 一次審査で選定外, 令和8年4月6日（2026年）辞退, 参加資格なし …"""
    lang = words.lang
    outcome = standing.outcome
    if outcome == "withdrawn":
        withdrawal = standing.withdrawal
        if withdrawal is None or not dated:
            return translate("pdoc.withdrawn", lang)
        return translate("pdoc.outcome.withdrawn", lang, date=words.day(withdrawal.date))
    if outcome == "cut":
        return translate("pdoc.outcome.cut", lang, stage=words.stage(standing.stage))
    if outcome == "ranked":
        if words.proc.decision is None:
            return translate("pdoc.outcome.undecided", lang)
        if standing.place is not None and standing.place > 2:
            return translate("pdoc.outcome.negotiation", lang, place=standing.place)
        return translate("pdoc.outcome.ranked", lang)
    if outcome == "pending":
        return translate("pdoc.outcome.pending", lang, stage=words.stage(standing.stage))
    return translate(f"pdoc.outcome.{outcome}", lang)


def _reason_text(proc: Procedure, standing: Standing, words: _Words) -> str:
    """Why a proposer stands where it does, from the figures: points, rank, the shortlist rule, a failed requirement."""
    lang = words.lang
    outcome = standing.outcome
    if outcome == "not_qualified":
        stage = proc.plan.stage(standing.stage or "")
        failed = _join((words.requirement(stage, r) for r in standing.failed), lang) if stage is not None else ""
        return translate("pdoc.reason.not_qualified", lang, requirements=failed or translate("pdoc.none", lang))
    if outcome == "withdrawn" and standing.withdrawal is not None:
        withdrawal = standing.withdrawal
        return translate(
            "pdoc.reason.withdrawn",
            lang,
            date=words.day(withdrawal.date),
            when=_withdrawal_when(proc, withdrawal, words),
            reason=words.redact(withdrawal.reason),
        )
    if outcome == "cut" and standing.stage is not None:
        result = proc.stage(standing.stage)
        figure = result.evaluation.result(standing.tool).figure if result.evaluation is not None else None
        return translate(
            "pdoc.reason.cut",
            lang,
            stage=words.stage(standing.stage),
            figure=words.amount(figure),
            rank=standing.stage_rank if standing.stage_rank is not None else "-",
            reason=_cut_reason(result, standing.tool, words),
        )
    if outcome == "disqualified":
        place = next((f for f in proc.final if f.tool == standing.tool), None)
        reasons = "; ".join(_finding_text(f, words) for f in place.disqualified) if place else ""
        return translate("pdoc.cut.disqualified", lang, reasons=reasons or translate("pdoc.none", lang))
    if standing.rank is not None:
        key = {"preferred": "pdoc.reason.preferred", "runner_up": "pdoc.reason.runner_up"}.get(
            outcome, "pdoc.reason.ranked"
        )
        return translate(
            key,
            lang,
            figure=_of(standing.total, _final_max(proc), words),
            label=translate("pdoc.col.final", lang, label=_figure_label(proc.plan, lang)),
            rank=standing.rank,
            count=len(proc.final),
        )
    return _outcome_text(standing, words)


# --- the public results ------------------------------------------------------------------------


def _scored_stages(proc: Procedure) -> list[StageResult]:
    return [r for r in proc.stages if r.stage.kind == "scored"]


def _public_table(proc: Procedure, words: _Words, title: str) -> Table:
    lang = words.lang
    scored = _scored_stages(proc)
    label = _figure_label(proc.plan, lang)
    headers = [
        translate("m.rank", lang),
        translate("pdoc.col.proposer", lang),
        *(translate("pdoc.col.stage_figure", lang, stage=r.stage.name.get(lang), label=label) for r in scored),
    ]
    show_final = len(scored) > 1
    if show_final:
        most = _final_max(proc)
        final_label = translate("pdoc.col.final", lang, label=label)
        headers.append(
            translate("pdoc.col.of", lang, label=final_label, max=plain(most)) if most is not None else final_label
        )
    headers.append(translate("pdoc.col.result", lang))
    rows: list[tuple[Value, ...]] = []
    for standing in standings(proc):
        tool = standing.tool
        figures: list[Value] = []
        for result in scored:
            in_stage = result.evaluation is not None and tool in result.participants
            figures.append(
                words.points(result.evaluation.result(tool).figure) if in_stage and result.evaluation else None
            )
        row: list[Value] = [standing.rank, words.tool(tool), *figures]
        if show_final:
            row.append(words.points(standing.total))
        row.append(_outcome_text(standing, words))
        rows.append(tuple(row))
    info = proc.plan.evaluation
    notes = [
        translate(f"pdoc.public_note.{proc.plan.procedure.public_names}", lang),
        translate(
            "pdoc.rounding_note",
            lang,
            decimals=info.decimals,
            rounding=translate(f"rounding.{info.rounding}", lang),
        ),
    ]
    if proc.decision is None:
        notes.append(translate("pdoc.no_decision", lang))
    notes += _disclosures(proc, words)
    return Table(title, tuple(headers), tuple(rows), tuple(notes))


def public_results_table(proc: Procedure, lang: Lang) -> Table:
    """The results as published, under `[procedure] public_names`.

    winner: the selected proposer named, the others 提案者A, B … in standing order; all:
    every proposer named; none: nobody named. Each proposer's figure in every scored
    stage it took part in, its final figure and rank, and its outcome (最優秀提案者, 次点,
    辞退, 参加資格なし, 一次審査で選定外 …): nobody is dropped. Remarks that name a
    pseudonymised proposer are redacted.
    """
    words = _words(proc, lang, _named(proc))
    return _public_table(proc, words, translate("pdoc.public_title", lang))


# --- shared parts of a filed document -----------------------------------------------------------


def _title(proc: Procedure, lang: Lang) -> str:
    return proc.plan.evaluation.title.get(lang)


def _organisation(proc: Procedure, lang: Lang) -> str:
    found = proc.plan.evaluation.organisation
    return found.get(lang) if found is not None else ""


def _moment(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def _document(
    proc: Procedure,
    lang: Lang,
    kind: str,
    title: str,
    sections: Sequence[Section],
    now: datetime,
    *,
    provenance: tuple[str, ...] = (),
    notes: Sequence[str] = (),
) -> Document:
    info = proc.plan.evaluation
    return Document(
        kind=kind,
        title=title,
        lang=lang,
        provenance=provenance,
        sections=tuple(sections),
        notes=tuple(notes),
        generated=now,
        time_zone=info.time_zone,
        approval=tuple(info.approval),
    )


def _counts_line(proc: Procedure, words: _Words, *, line: bool = True) -> str:
    """How many proposed, and how many met the entry requirements."""
    total = len(proc.plan.tools)
    qualification = next((r for r in proc.stages if r.stage.kind == "qualification"), None)
    if qualification is not None and qualification.status == "closed":
        passed = sum(1 for t in qualification.participants if qualification.qualification.get(t) == "pass")
        counts = translate("pdoc.count_qualified", words.lang, count=total, qualified=passed)
    else:
        counts = translate("pdoc.count", words.lang, count=total)
    return translate("pdoc.count_line", words.lang, counts=counts) if line else counts


# --- 1. the procedure as it stands -----------------------------------------------------------


def _overview_table(proc: Procedure, words: _Words) -> Table:
    lang = words.lang
    headers = (
        translate("pdoc.col.proposer", lang),
        translate("pdoc.col.vendor", lang),
        *(r.stage.name.get(lang) for r in proc.stages),
        translate("pdoc.col.result", lang),
    )
    rows: list[tuple[Value, ...]] = []
    by_tool = {s.tool: s for s in standings(proc)}
    for tool in proc.plan.tools:
        cells = [_stage_cell(proc, r, tool.id, words) for r in proc.stages]
        rows.append((words.tool(tool.id), tool.vendor, *cells, _outcome_text(by_tool[tool.id], words)))
    return Table(translate("pdoc.overview", lang), headers, tuple(rows))


def _qualification_sections(proc: Procedure, result: StageResult, words: _Words) -> list[Section]:
    lang = words.lang
    stage = result.stage
    shown = [t for t in (t.id for t in proc.plan.tools) if t in result.entrants]
    headers = (translate("pdoc.col.requirement", lang), *(words.tool(t) for t in shown))
    rows: list[tuple[Value, ...]] = []
    for requirement in stage.requirements:
        cells: list[Value] = []
        for tool in shown:
            judged = proc.log.judgements.get((tool, requirement.id))
            if tool in result.withdrawn and judged is None:
                cells.append(translate("pdoc.withdrawn", lang))
            elif judged is None:
                cells.append(translate("pdoc.verdict.pending", lang))
            else:
                cells.append(translate(f"pdoc.verdict.{judged.verdict}", lang))
        rows.append((requirement.name.get(lang), *cells))
    outcome: list[Value] = [translate("pdoc.col.outcome", lang)]
    for tool in shown:
        outcome.append(_stage_cell(proc, result, tool, words))
    rows.append(tuple(outcome))
    name = stage.name.get(lang)
    verdicts = Table(name, headers, tuple(rows), (translate("pdoc.qualification_note", lang),))
    evidence_rows: list[tuple[Value, ...]] = []
    for tool in shown:
        for requirement in stage.requirements:
            judged = proc.log.judgements.get((tool, requirement.id))
            if judged is None:
                continue
            evidence_rows.append(
                (
                    words.tool(tool),
                    requirement.name.get(lang),
                    translate(f"pdoc.verdict.{judged.verdict}", lang),
                    words.redact(judged.evidence),
                    words.when(judged.ts),
                    words.redact(judged.reason or ""),
                )
            )
    evidence = Table(
        translate("pdoc.evidence_title", lang, stage=name),
        (
            translate("pdoc.col.proposer", lang),
            translate("pdoc.col.requirement", lang),
            translate("pdoc.col.verdict", lang),
            translate("pdoc.col.evidence", lang),
            translate("pdoc.col.judged", lang),
            translate("pdoc.col.change_reason", lang),
        ),
        tuple(evidence_rows),
        () if evidence_rows else (translate("pdoc.no_verdicts", lang),),
    )
    sentences = tuple(_stage_lines(proc, result, words))
    return [
        Section(name, sentences, verdicts, key=f"stage-{stage.id}"),
        Section(evidence.title, (), evidence, key=f"evidence-{stage.id}"),
    ]


def _ranking_table(proc: Procedure, result: StageResult, words: _Words) -> Table:
    """A scored stage's ranking: every entrant, the withdrawn too, with its figures and what became of it."""
    lang = words.lang
    evaluation = result.evaluation
    assert evaluation is not None
    plan = evaluation.plan
    rank_points = plan.scoring.aggregation == "rank_points"
    headers = [translate("m.rank", lang), translate("pdoc.col.proposer", lang)]
    priced = evaluation.price_separate and any(r.price_points is not None for r in evaluation.results)
    if priced:
        headers += [translate("m.technical", lang), translate("pdoc.col.price_points", lang)]
    headers.append(translate("pdoc.col.of", lang, label=translate("m.total", lang), max=plain(evaluation.max_points)))
    if rank_points:
        headers += [_heading(translate("pdoc.figure.rank_points", lang)), translate("pdoc.col.places", lang)]
    elif ranks_by_value(plan.price.family):
        headers.append(_heading(translate("pdoc.figure.value", lang)))
    headers.append(translate("pdoc.col.result", lang))
    rows: list[tuple[Value, ...]] = []
    for r in evaluation.ranking():
        tool = r.tool.id
        row: list[Value] = [r.rank, words.tool(tool)]
        if priced:
            row += [words.points(r.technical), words.points(r.price_points)]
        row.append(words.points(r.total))
        if rank_points:
            places = _join(
                (translate("pdoc.member_place", lang, member=words.member(m), place=p) for m, p in r.rankings.items()),
                lang,
            )
            row += [words.points(r.rank_points), places]
        elif ranks_by_value(plan.price.family):
            row.append(words.points(r.value))
        row.append(_stage_result_word(proc, result, tool, words))
        rows.append(tuple(row))
    blank = len(headers) - 3
    for tool in result.withdrawn:
        rows.append((None, words.tool(tool), *([None] * blank), translate("pdoc.withdrawn", lang)))
    notes = (*_tie_lines(evaluation, words), translate("pdoc.rules_below", lang))
    return Table(
        translate("pdoc.ranking_title", lang, stage=result.stage.name.get(lang)),
        tuple(headers),
        tuple(rows),
        tuple(notes),
    )


def _tie_lines(evaluation: Evaluation, words: _Words) -> list[str]:
    """Proposers level in a stage, and how the tie-break chain ordered them (or that lots decide)."""
    lang = words.lang
    plan = evaluation.plan
    lines = []
    for tie in evaluation.ties:
        level = words.shown(tie.figure)
        if tie.decided_by:
            links = " → ".join(link_name(link, plan, lang) for link in tie.decided_by)
            lines.append(translate("m.tie_note", lang, tools=words.tools(tie.tools), figure=level, links=links))
        for group in tie.unresolved:
            key = "m.tie_lot" if "lot" in plan.scoring.tie_break else "m.tie_shared"
            lines.append(translate(key, lang, tools=words.tools(group), figure=level))
    return lines


def _stage_result_word(proc: Procedure, result: StageResult, tool: str, words: _Words) -> str:
    """What became of a participant in a stage: 通過, 選定外 (why), or on the last stage its final outcome."""
    lang = words.lang
    later = proc.withdrawn(tool)
    suffix = translate("pdoc.later_withdrawn", lang) if later is not None else ""
    if result.status != "closed":
        return _status_word(result, lang) + suffix
    if proc.stages.index(result) == _last_scored(proc):
        standing = _standing(proc, tool)
        return _outcome_text(standing, words)
    if tool in result.goes_on:
        return translate("pdoc.goes_on", lang) + suffix
    return translate("pdoc.cut_because", lang, reason=_cut_reason(result, tool, words)) + suffix


def _final_table(proc: Procedure, words: _Words) -> Table:
    lang = words.lang
    plan = proc.plan
    scored = _scored_stages(proc)
    label = _figure_label(plan, lang)
    most = _final_max(proc)
    final_label = translate("pdoc.col.final", lang, label=label)
    headers = (
        translate("m.rank", lang),
        translate("pdoc.col.proposer", lang),
        *(r.stage.name.get(lang) for r in scored),
        translate("pdoc.col.of", lang, label=final_label, max=plain(most)) if most is not None else final_label,
        translate("pdoc.col.tie_break", lang),
        translate("pdoc.col.result", lang),
    )
    rows: list[tuple[Value, ...]] = []
    for place in proc.final:
        if place.drawn:
            tie = translate("pdoc.tie_drawn", lang)
        elif place.tie_break is not None:
            tie = link_name(place.tie_break, plan, lang)
        else:
            tie = ""
        rows.append(
            (
                place.rank,
                words.tool(place.tool),
                *(words.points(place.stage_points.get(r.stage.id)) for r in scored),
                words.points(place.total),
                tie,
                _outcome_text(_standing(proc, place.tool), words),
            )
        )
    notes = (
        [
            translate(
                f"pdoc.rule.final.{plan.procedure.final}",
                lang,
                stages=_join((r.stage.name.get(lang) for r in scored), lang),
                last=scored[-1].stage.name.get(lang),
            )
        ]
        if scored
        else []
    )
    if proc.unresolved:
        groups = " / ".join(words.tools(g) for g in proc.unresolved)
        notes.append(translate("pdoc.unresolved", lang, tools=groups))
    expected = words.tools(proc.expected) or translate("pdoc.none", lang)
    notes.append(translate("pdoc.expected", lang, order=expected))
    return Table(translate("pdoc.final_title", lang), headers, tuple(rows), tuple(notes))


def _final_draw_lines(proc: Procedure, words: _Words) -> list[str]:
    """The draw by lot that placed proposers still level in the final ranking, where there was one."""
    draw = proc.log.draws.get(draw_id("tie", FINAL))
    return _draw_lines(draw, words) if draw is not None else []


def _decision_lines(proc: Procedure, words: _Words) -> list[str]:
    lang = words.lang
    decision = proc.decision
    if decision is None:
        return [translate("pdoc.no_decision", lang)]
    none = translate("pdoc.none", lang)
    lines = [
        translate("pdoc.decided_at", lang, when=words.when(decision.ts), seq=decision.seq),
        translate("pdoc.preferred", lang, tool=words.tool(decision.preferred)),
        translate("pdoc.runner_up", lang, tool=words.tool(decision.runner_up) if decision.runner_up else none),
        translate(
            "pdoc.order",
            lang,
            order=" → ".join(f"{i} {words.tool(t)}" for i, t in enumerate(decision.order, start=1)) or none,
        ),
        translate(
            "pdoc.quorum_line",
            lang,
            present=len(decision.present),
            members=len(proc.members),
            needed=proc.quorum,
            names=words.members(decision.present) or none,
            met=translate("pdoc.quorum_met" if len(decision.present) >= proc.quorum else "pdoc.quorum_not_met", lang),
        ),
    ]
    if decision.override:
        lines.append(translate("pdoc.override", lang, reason=words.redact(decision.override)))
        lines += [_finding_text(f, words) for f in decision.departures]
    else:
        lines.append(translate("pdoc.as_rules", lang))
    return lines


def _negotiation_section(proc: Procedure, words: _Words) -> Section:
    lang = words.lang
    rows: list[tuple[Value, ...]] = [
        (
            words.when(n.ts),
            words.tool(n.tool),
            translate(f"pdoc.negotiation.{n.outcome}", lang),
            words.redact(n.reason),
        )
        for n in proc.log.negotiations
    ]
    headers = (
        translate("pdoc.col.when", lang),
        translate("pdoc.col.proposer", lang),
        translate("pdoc.col.negotiation", lang),
        translate("pdoc.col.reason", lang),
    )
    sentences = []
    contractor = proc.contractor
    if proc.decision is None:
        sentences.append(translate("pdoc.no_decision", lang))
    elif contractor is None:
        sentences.append(translate("pdoc.no_contractor", lang))
    else:
        agreed = any(n.tool == contractor and n.outcome == "agreed" for n in proc.log.negotiations)
        key = "pdoc.contractor_agreed" if agreed else "pdoc.contractor_turn"
        sentences.append(translate(key, lang, tool=words.tool(contractor)))
    if not rows:
        sentences.append(translate("pdoc.no_negotiations", lang))
    title = translate("pdoc.negotiations", lang)
    return Section(title, tuple(sentences), Table(title, headers, tuple(rows)), key="negotiations")


def _withdrawals_section(proc: Procedure, words: _Words) -> Section:
    lang = words.lang
    rows: list[tuple[Value, ...]] = [
        (
            words.tool(w.tool),
            words.day(w.date),
            _withdrawal_when(proc, w, words),
            words.redact(w.reason),
            words.when(w.ts),
        )
        for w in sorted(proc.log.withdrawals.values(), key=lambda w: w.seq)
    ]
    headers = (
        translate("pdoc.col.proposer", lang),
        translate("pdoc.col.received", lang),
        translate("pdoc.col.moment", lang),
        translate("pdoc.col.reason", lang),
        translate("pdoc.col.recorded", lang),
    )
    title = translate("pdoc.withdrawals", lang)
    sentences = () if rows else (translate("pdoc.no_withdrawals", lang),)
    return Section(title, sentences, Table(title, headers, tuple(rows)), key="withdrawals")


def procedure_document(proc: Procedure, lang: Lang, *, now: datetime | None = None) -> Document:
    """The procedure as it stands (`toolbench procedure`): every stage, every proposer, the decision.

    Sections: what must be disclosed (problems, overrides, reopenings), every proposer
    through every stage (nobody dropped: a withdrawn proposer reads 辞退 everywhere), each
    stage (qualification verdicts with their evidence; rankings with totals, the
    shortlist and why each other proposer did not go on, the pass mark in points, the
    presentation order drawn with its commitment, seed and witness value, attendance),
    withdrawals, the final ranking, the decision with its quorum, negotiations and the
    rules. Proposers are named: this is the committee's own record.
    """
    moment = _moment(now)
    words = _all_named(proc, lang)
    sections: list[Section] = []
    found = _disclosures(proc, words)
    if found:
        sections.append(Section(translate("pdoc.disclosures", lang), tuple(found), key="disclosures"))
    summary = [
        _counts_line(proc, words),
        translate(
            "pdoc.current",
            lang,
            stage=words.stage(proc.current),
            status=_status_word(proc.stage(proc.current), lang) if proc.current else "",
        )
        if proc.current
        else translate("pdoc.none", lang),
    ]
    sections.append(
        Section(translate("pdoc.overview", lang), tuple(summary), _overview_table(proc, words), key="overview")
    )
    for result in proc.stages:
        if result.stage.kind == "qualification":
            sections += _qualification_sections(proc, result, words)
            continue
        sentences = [*_stage_lines(proc, result, words)]
        outsiders = _outsiders_line(proc, result, words)
        if outsiders and result.entrants:
            sentences.append(outsiders)
        table = _ranking_table(proc, result, words) if result.evaluation is not None and result.entrants else None
        sections.append(Section(result.stage.name.get(lang), tuple(sentences), table, key=f"stage-{result.stage.id}"))
    sections.append(_withdrawals_section(proc, words))
    if proc.final:
        final = tuple(_final_draw_lines(proc, words))
        sections.append(Section(translate("pdoc.final_title", lang), final, _final_table(proc, words), key="final"))
    sections.append(Section(translate("pdoc.decision", lang), tuple(_decision_lines(proc, words)), key="decision"))
    sections.append(_negotiation_section(proc, words))
    sections.append(Section(translate("pdoc.rules", lang), tuple(procedure_rule_lines(proc, lang)), key="rules"))
    title = translate("pdoc.procedure_title", lang, title=_title(proc, lang))
    provenance = tuple(p for p in (_organisation(proc, lang),) if p)
    return _document(proc, lang, "procedure", title, sections, moment, provenance=provenance)


# --- 2. 審査結果通知書 ----------------------------------------------------------------------------


def _letter_table(proc: Procedure, tool: str, words: _Words, moment: datetime, subject: str) -> Table:
    lang = words.lang
    plan = proc.plan
    found = plan.tool(tool)
    vendor = found.vendor if found is not None else tool
    organisation = _organisation(proc, lang) or translate("pdoc.blank", lang)
    rows: list[tuple[Value, ...]] = [
        (translate("pdoc.letter.number", lang), translate("pdoc.letter.number_blank", lang)),
        (translate("pdoc.letter.date", lang), document_date(local(moment, plan.evaluation.time_zone).date(), lang)),
        (translate("pdoc.letter.to", lang), translate("pdoc.letter.addressee", lang, vendor=vendor)),
        (translate("pdoc.letter.from", lang), organisation),
        (translate("pdoc.letter.subject", lang), subject),
        (translate("pdoc.letter.proposal", lang), found.name.get(lang) if found is not None else tool),
    ]
    headers = (translate("pdoc.col.item", lang), translate("pdoc.col.content", lang))
    return Table("", headers, tuple(rows))


def _own_stage_rows(proc: Procedure, tool: str, words: _Words) -> list[tuple[Value, ...]]:
    """A proposer's own figure, rank and outcome in every stage it entered, then the final."""
    lang = words.lang
    rows: list[tuple[Value, ...]] = []
    for result in proc.stages:
        if tool not in result.entrants:
            continue
        name = result.stage.name.get(lang)
        if tool in result.withdrawn:
            rows.append((name, None, None, "", translate("pdoc.withdrawn", lang)))
            continue
        if result.stage.kind == "qualification":
            verdict = result.qualification.get(tool, "pending")
            rows.append((name, None, None, "", translate(f"pdoc.qualification.{verdict}", lang)))
            continue
        evaluation = result.evaluation
        if evaluation is None:
            continue
        r = evaluation.result(tool)
        most = Figure(evaluation.max_points, plain(evaluation.max_points)) if _is_points(proc.plan) else None
        rank = (
            translate("pdoc.rank_of", lang, rank=r.rank, count=len(result.participants)) if r.rank is not None else ""
        )
        rows.append((name, words.points(r.figure), most, rank, _stage_result_word(proc, result, tool, words)))
    place = next((f for f in proc.final if f.tool == tool), None)
    if place is not None and len(_scored_stages(proc)) > 1:
        most_final = _final_max(proc)
        rank = translate("pdoc.rank_of", lang, rank=place.rank, count=len(proc.final)) if place.rank else ""
        rows.append(
            (
                translate("pdoc.col.final", lang, label=_figure_label(proc.plan, lang)),
                words.points(place.total),
                Figure(most_final, plain(most_final)) if most_final is not None else None,
                rank,
                _outcome_text(_standing(proc, tool), words),
            )
        )
    return rows


def _criteria_rows(proc: Procedure, tool: str, words: _Words) -> list[tuple[Value, ...]]:
    """A proposer's points on every criterion of every scored stage it was scored in."""
    lang = words.lang
    rows: list[tuple[Value, ...]] = []
    for result in _scored_stages(proc):
        evaluation = result.evaluation
        if evaluation is None or tool not in result.participants:
            continue
        r = evaluation.result(tool)
        stage = result.stage.name.get(lang)
        scored_ids = {c.id for c in evaluation.scored_criteria}
        for criterion in evaluation.plan.criteria:
            name = criterion.name.get(lang)
            if criterion.kind == "must":
                must = r.musts.get(criterion.id)
                verdict = translate(f"must.{must.verdict}", lang) if must is not None else ""
                rows.append((stage, name, None, verdict, ""))
                continue
            cell = r.cells.get(criterion.id)
            remark = ""
            if cell is not None and cell.source == "price" and cell.price is not None:
                remark = translate("pdoc.price_remark", lang, amount=yen(cell.price, lang))
            if criterion.id not in scored_ids:
                remark = translate("pdoc.price_remark", lang, amount=yen(r.price, lang)) if r.price is not None else ""
                rows.append((stage, name, None, None, remark))
                continue
            worth = evaluation.cell_points(criterion)
            points = cell.points if cell is not None else None
            if points is None:
                remark = translate("pdoc.unscored", lang)
            rows.append((stage, name, Figure(worth, plain(worth)), words.points(points), remark))
        rows.append(
            (
                stage,
                translate("m.total", lang),
                Figure(evaluation.max_points, plain(evaluation.max_points)),
                words.points(r.total),
                "",
            )
        )
    return rows


def _notice(proc: Procedure, tool: str, lang: Lang, moment: datetime) -> Document:
    plan = proc.plan
    named = _named(proc)
    # a notice names the selected proposer only where the public may know it; every other proposer
    # is a pseudonym, whatever public_names says
    words = _words(proc, lang, named & {proc.decision.preferred} if proc.decision is not None else set(), own=tool)
    standing = _standing(proc, tool)
    # "〇〇業務に係る公募型プロポーザル", unless the title already names the procedure
    called = "_named" if "プロポーザル" in _title(proc, lang) or "proposal" in _title(proc, lang).lower() else ""
    subject = translate(f"pdoc.notice_subject{called}", lang, title=_title(proc, lang))
    letter = _letter_table(proc, tool, words, moment, subject)
    body = [translate(f"pdoc.notice_body{called}", lang, title=_title(proc, lang))]
    body.append(translate("pdoc.notice_outcome", lang, outcome=_outcome_text(standing, words)))
    body.append(translate("pdoc.notice_reason", lang, reason=_reason_text(proc, standing, words)))
    stage = plan.stage(standing.stage or "")
    for requirement in standing.failed:  # what the secretariat found, as the verdict recorded it
        judged = proc.log.judgements.get((tool, requirement))
        if stage is not None and judged is not None:
            name = words.requirement(stage, requirement)
            body.append(
                translate("pdoc.notice_evidence", lang, requirement=name, evidence=words.redact(judged.evidence))
            )
    body.append(_counts_line(proc, words))
    decision = proc.decision
    if decision is not None:
        winner = next((f for f in proc.final if f.tool == decision.preferred), None)
        body.append(
            translate(
                "pdoc.notice_winner",
                lang,
                tool=words.tool(decision.preferred),
                label=_figure_label(plan, lang),
                figure=_of(winner.total if winner else None, _final_max(proc), words),
            )
        )
    else:
        body.append(translate("pdoc.no_decision", lang))
    review = proc.log.reviews.get(tool)
    if review is not None:
        body.append(translate("pdoc.notice_review", lang, text=words.redact(review.text)))
    stage_headers = (
        translate("pdoc.col.stage", lang),
        _heading(_figure_label(plan, lang)),
        translate("pdoc.col.max", lang),
        translate("m.rank", lang),
        translate("pdoc.col.result", lang),
    )
    stages_table = Table(
        translate("pdoc.notice_result", lang), stage_headers, tuple(_own_stage_rows(proc, tool, words))
    )
    sections = [
        Section("", (), letter, key="letter"),
        Section(translate("pdoc.notice_result", lang), tuple(body), stages_table, key="result"),
    ]
    criteria = _criteria_rows(proc, tool, words)
    if criteria:
        headers = (
            translate("pdoc.col.stage", lang),
            translate("m.criterion", lang),
            translate("m.points", lang),
            translate("pdoc.col.own_points", lang),
            translate("pdoc.col.remarks", lang),
        )
        title = translate("pdoc.notice_criteria", lang)
        sections.append(Section(title, (), Table(title, headers, tuple(criteria)), key="criteria"))
    results = _public_table(proc, words, translate("pdoc.notice_all", lang))
    info = plan.evaluation
    results = replace(
        results,
        notes=(
            translate("pdoc.notice_pseudonyms", lang),
            translate(
                "pdoc.rounding_note",
                lang,
                decimals=info.decimals,
                rounding=translate(f"rounding.{info.rounding}", lang),
            ),
            *_disclosures(proc, words),
        ),
    )
    sections.append(
        Section(
            results.title,
            (),
            results,
            key="results",
            closing=(translate("pdoc.letter.contact", lang),),
        )
    )
    return _document(proc, lang, "notice", translate("pdoc.notice_title", lang), sections, moment)


def notice_documents(proc: Procedure, lang: Lang, *, now: datetime | None = None) -> list[tuple[str, Document]]:
    """One 審査結果通知書 per proposer, in the plan's order: (tool id, document).

    Addressed to the proposer's company by name, with its own figure and rank in every
    stage, its points on every criterion, its outcome and the reason (not qualified,
    not shortlisted, withdrew), how many proposed, and the selected proposer's final
    figure. Every other proposer is 提案者A, B … (never named, in any remark either);
    the selected proposer is named only where `[procedure] public_names` lets the
    public know it. Dated in 和暦, from the plan's organisation, with the 決裁欄.
    """
    moment = _moment(now)
    return [(t.id, _notice(proc, t.id, lang, moment)) for t in proc.plan.tools]


# --- 3. 審査講評 ---------------------------------------------------------------------------------


def _procedure_summary(proc: Procedure, words: _Words) -> list[str]:
    lang = words.lang
    lines = [_counts_line(proc, words)]
    for result in proc.stages:
        passed = len(result.goes_on) if result.status == "closed" else None
        lines.append(
            translate(
                "pdoc.summary_stage",
                lang,
                stage=words.stage(result.stage.id),
                span=_span(proc, result, words),
                count=len(result.participants),
                passed=translate("pdoc.summary_passed", lang, count=passed) if passed is not None else "",
            )
        )
    lines.append(translate("pdoc.committee", lang, members=len(proc.members), needed=proc.quorum))
    return lines


def review_document(proc: Procedure, lang: Lang, *, now: datetime | None = None) -> Document:
    """The 審査講評: the committee's general review, the public results, and per proposer why it was
    or was not selected (the recorded review and the figures: rank, points, the shortlist's rule).

    Proposers are named under `[procedure] public_names`; any other is 提案者A, B …, in
    the committee's words too. Every problem and override is disclosed.
    """
    moment = _moment(now)
    words = _words(proc, lang, _named(proc))
    general = proc.log.reviews.get(None)
    sections = [
        Section(translate("pdoc.review.summary", lang), tuple(_procedure_summary(proc, words)), key="summary"),
        Section(
            translate("pdoc.review.general", lang),
            (words.redact(general.text) if general is not None else translate("pdoc.review.none", lang),),
            key="general",
        ),
    ]
    public = public_results_table(proc, lang)
    sections.append(Section(public.title, (), public, key="public"))
    rows: list[tuple[Value, ...]] = []
    for standing in standings(proc):
        review = proc.log.reviews.get(standing.tool)
        rows.append(
            (
                words.tool(standing.tool),
                _outcome_text(standing, words),
                _reason_text(proc, standing, words),
                words.redact(review.text) if review is not None else translate("pdoc.review.none_own", lang),
            )
        )
    headers = (
        translate("pdoc.col.proposer", lang),
        translate("pdoc.col.result", lang),
        translate("pdoc.col.figures", lang),
        translate("pdoc.col.review", lang),
    )
    title = translate("pdoc.review.each", lang)
    sections.append(
        Section(
            title,
            (),
            Table(title, headers, tuple(rows)),
            key="each",
            closing=(translate("pdoc.review.signature", lang),),
        )
    )
    notes = _disclosures(proc, words)
    title = translate("pdoc.review.title", lang, title=_title(proc, lang))
    provenance = tuple(p for p in (_organisation(proc, lang),) if p)
    return _document(proc, lang, "review", title, sections, moment, provenance=provenance, notes=notes)


# --- 4. 選定理由書（案） ------------------------------------------------------------------------------


def selection_reasons_document(proc: Procedure, lang: Lang, *, now: datetime | None = None) -> Document:
    """A draft 選定理由書 for the 随意契約 that follows the proposal (地方自治法施行令第167条の2第1項第2号).

    The contract's subject (the plan's title), the selected proposer (the one negotiated
    with now: `Procedure.contractor`, else the decision's preferred), the procedure with
    each stage's dates, how many proposed, the committee and its quorum, the points and
    rank, the reason (the committee's review and the figures) and the legal basis. Its
    title says 案: it becomes the city's document only once approved.
    """
    moment = _moment(now)
    plan = proc.plan
    words = _words(proc, lang, _named(proc))
    decision = proc.decision
    chosen = proc.contractor or (decision.preferred if decision is not None else None)
    if chosen is not None:
        words = replace(words, labels={**words.labels, chosen: _full_name(plan, chosen, lang)})
        hidden = {t: label for t, label in words.labels.items() if t != chosen and t not in _named(proc)}
        words = replace(words, redact=redactor(plan, hidden))
    none = translate("pdoc.none", lang)
    tool = plan.tool(chosen) if chosen is not None else None
    standing = _standing(proc, chosen) if chosen is not None else None
    price = ""
    if tool is not None and tool.price is not None:
        price = translate(
            "pdoc.price_amount", lang, amount=yen(tool.price.amount, lang), tax=translate(f"tax.{tool.price.tax}", lang)
        )
    place = next((f for f in proc.final if f.tool == chosen), None)
    figures = (
        translate(
            "pdoc.selection.figures",
            lang,
            label=_figure_label(plan, lang),
            figure=_of(place.total, _final_max(proc), words),
            rank=place.rank or "-",
            count=len(proc.final),
        )
        if place is not None
        else none
    )
    rows: list[tuple[Value, ...]] = [
        (translate("pdoc.selection.subject", lang), _title(proc, lang)),
        (translate("pdoc.selection.method", lang), translate("pdoc.selection.method_text", lang)),
        (
            translate("pdoc.selection.party", lang),
            translate("pdoc.named", lang, name=tool.vendor, vendor=tool.name.get(lang)) if tool is not None else none,
        ),
        (translate("pdoc.selection.price", lang), price or none),
        (translate("pdoc.selection.count", lang), _counts_line(proc, words, line=False)),
        (
            translate("pdoc.selection.committee", lang),
            translate(
                "pdoc.selection.committee_text",
                lang,
                members=len(proc.members),
                needed=proc.quorum,
                present=len(decision.present) if decision is not None else "-",
            ),
        ),
        (translate("pdoc.selection.figures_label", lang), figures),
        (
            translate("pdoc.selection.decided", lang),
            words.when(decision.ts) if decision is not None else translate("pdoc.no_decision", lang),
        ),
    ]
    headers = (translate("pdoc.col.item", lang), translate("pdoc.col.content", lang))
    form = Table("", headers, tuple(rows))
    stage_rows: list[tuple[Value, ...]] = []
    for result in proc.stages:
        recorded = proc.log.stages.get(result.stage.id)
        opened = recorded.opened.ts if recorded is not None and recorded.opened is not None else None
        closed = recorded.closed.ts if recorded is not None and recorded.closed is not None else None
        stage_rows.append(
            (
                result.stage.name.get(lang),
                words.when(opened) or none,
                words.when(closed) or none,
                len(result.participants),
                len(result.goes_on) if result.status == "closed" else None,
            )
        )
    stage_headers = (
        translate("pdoc.col.stage", lang),
        translate("pdoc.col.opened", lang),
        translate("pdoc.col.closed", lang),
        translate("pdoc.col.participants", lang),
        translate("pdoc.col.passed", lang),
    )
    course_title = translate("pdoc.selection.course", lang)
    reasons = []
    if chosen is not None and standing is not None:
        review = proc.log.reviews.get(chosen)
        if review is not None:
            reasons.append(_sentence(words.redact(review.text), lang))
        reasons.append(_sentence(_reason_text(proc, standing, words), lang))
        if decision is not None and chosen != decision.preferred:
            failed = [n for n in proc.log.negotiations if n.outcome == "failed"]
            for n in failed:
                reasons.append(
                    translate(
                        "pdoc.selection.failed_before", lang, tool=words.tool(n.tool), reason=words.redact(n.reason)
                    )
                )
        agreed = next((n for n in proc.log.negotiations if n.tool == chosen and n.outcome == "agreed"), None)
        if agreed is not None:
            reasons.append(
                translate("pdoc.selection.agreed", lang, when=words.when(agreed.ts), reason=words.redact(agreed.reason))
            )
        basis = (
            "pdoc.selection.basis" if decision is None or chosen == decision.preferred else "pdoc.selection.basis_next"
        )
        reasons.append(translate(basis, lang, tool=words.tool(chosen)))
    else:
        reasons.append(translate("pdoc.no_decision", lang))
    public = _public_table(proc, words, translate("pdoc.public_title", lang))
    sections = [
        Section("", (translate("pdoc.selection.draft", lang),), form, key="form"),
        Section(course_title, (), Table(course_title, stage_headers, tuple(stage_rows)), key="course"),
        Section(public.title, (), public, key="results"),
        Section(
            translate("pdoc.selection.reason", lang),
            tuple(reasons),
            key="reason",
            closing=(
                translate(
                    "pdoc.selection.closing",
                    lang,
                    organisation=_organisation(proc, lang) or translate("pdoc.blank", lang),
                ),
            ),
        ),
    ]
    notes = _disclosures(proc, words)
    return _document(
        proc, lang, "selection-reasons", translate("pdoc.selection.title", lang), sections, moment, notes=notes
    )


# --- 5. one stage's matrix in the procedure ----------------------------------------------------------


def with_procedure(view: MatrixView, proc: Procedure, stage_id: str, lang: Lang) -> MatrixView:
    """One scored stage's matrix with its place in the procedure.

    The title names the stage; a status row gives each proposer's outcome (通過 / 選定外
    on a stage with a shortlist; 最優秀提案者 / 次点 / 交渉順位 on the last stage once
    decided; 辞退 for one who withdrew since); the notes state the stage (i of n, its
    status), the shortlist rule and line, the proposers not in the stage and why
    (nobody dropped silently), withdrawals, attendance, the presentation order drawn,
    and every problem and override.

    While the evaluation is blind (the view shows labels, not the plan's proposers) only
    the stage is named: the procedure's record names proposers.
    """
    result = proc.stage(stage_id)
    words = _all_named(proc, lang)
    title = view.title  # the stage's evaluation names its stage already (`stage_plan`)
    if not set(view.tool_ids) <= {t.id for t in proc.plan.tools}:
        line = _stage_lines(proc, result, words)[0]
        return replace(view, title=title, notes=(line, translate("pdoc.blind", lang), *view.notes))
    last = proc.stages.index(result) == _last_scored(proc)
    cells = []
    for tool in view.tool_ids:
        withdrawal = proc.withdrawn(tool)
        if tool not in result.participants:
            cells.append(CellView(None, translate("pdoc.withdrawn", lang), ("withdrawn",)))
            continue
        notes: tuple[str, ...] = ()
        if withdrawal is not None:
            notes = (translate("pdoc.outcome.withdrawn", lang, date=words.day(withdrawal.date)),)
        if result.status != "closed":
            cells.append(CellView(None, _status_word(result, lang), ("pending",), notes))
        elif last:
            standing = _standing(proc, tool)
            flag = standing.outcome
            cells.append(CellView(None, _outcome_text(standing, words), (flag,), ()))
        elif tool in result.goes_on:
            cells.append(CellView(None, translate("pdoc.goes_on", lang), ("shortlisted",), notes))
        else:
            reason = _cut_reason(result, tool, words)
            cells.append(CellView(None, translate("pdoc.cut", lang), ("cut",), (reason, *notes)))
    status = RowView("status", "procedure", translate("pdoc.col.stage_result", lang), None, tuple(cells))
    lines = _stage_lines(proc, result, words)
    outsiders = _outsiders_line(proc, result, words)
    if outsiders:
        lines.append(outsiders)
    if last:
        lines += _final_draw_lines(proc, words)
    if last and proc.decision is not None:
        lines += _decision_lines(proc, words)
    lines += _disclosures(proc, words)
    evaluation = result.evaluation
    if evaluation is not None and any(r.basis == "absent" for r in evaluation.recusals.values()):
        lines.append(translate("pdoc.absent_mark", lang))
    return replace(view, title=title, rows=(*view.rows, status), notes=(*lines, *view.notes))
