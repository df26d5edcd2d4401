"""The fairness report as a document: recusals, leniency, divergent cells, Kendall's W, leave one out, and with
a requirement fit table the 事務局's verification of each proposer's answers.

The checks are computed by `toolbench.methods.fairness`; this module puts them into
sentences and tables in one language, and decides what the figures mean (e.g. whether
the agreement is significant at p ≤ 0.05), so every format says the same.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from toolbench.base.i18n import Lang, Message, translate
from toolbench.base.numbers import exact_text, figure
from toolbench.documents.model import Document, Section, table_of
from toolbench.methods.coi import Recusal
from toolbench.methods.evaluation import Evaluation
from toolbench.methods.fairness import FairnessReport, FitVerification, LeaveOneOut, Placing, report_data


def _part(title: str, sentences: list[str], headers: list[str], rows: list[list[str]], key: str = "") -> Section:
    table = table_of("", headers, rows) if rows else None
    return Section(title, tuple(sentences), table, key=key)


class _Names:
    """What people call the evaluators, tools and criteria, in one language (blind labels while blind)."""

    def __init__(self, evaluation: Evaluation, lang: Lang) -> None:
        plan = evaluation.plan
        self.evaluators = {e.id: e.name for e in plan.evaluators}
        self.tools = {r.tool.id: r.tool.name.get(lang) for r in evaluation.results}
        self.criteria = {c.id: c.name.get(lang) for c in plan.criteria}

    def evaluator(self, id: str) -> str:
        return self.evaluators.get(id, id)

    def tool(self, id: str) -> str:
        return self.tools.get(id, id)

    def criterion(self, id: str) -> str:
        return self.criteria.get(id, id)


def _percent(value: Fraction) -> str:
    """A share of the scale as people write it: 30 %, 12.5 %, 33.3 %."""
    return f"{float(value * 100):.1f}".rstrip("0").rstrip(".") + " %"


def _p(value: float | Fraction) -> str:
    return "< 0.0001" if value < Fraction(1, 10_000) else f"{float(value):.4f}"


def _count(value: int, lang: Lang) -> str:
    """A count with separators; a count too long to read as a power of ten (about 1.3 × 10^13)."""
    if value < 10**12:
        return f"{value:,}"
    mantissa, exponent = f"{Decimal(value):.1E}".split("E")
    return translate("fair.about", lang, count=f"{mantissa} × 10^{int(exponent)}")


def _rank(rank: int | None, disqualified: bool, lang: Lang) -> str:
    if disqualified:
        return translate("fair.disqualified", lang)
    return str(rank) if rank is not None else translate("fair.unranked", lang)


def _why(recusal: Recusal, blind: bool) -> Message:
    if blind:
        return Message("fair.rec.blind")
    if recusal.basis == "declared tool":
        return Message("fair.rec.declared_tool", seq=recusal.seq)
    if recusal.basis == "absent":
        return Message("fair.rec.absent", stage=recusal.note or "", seq=recusal.seq)
    role = Message(f"coi.role.{recusal.role}")
    if recusal.basis == "declared company":
        return Message("fair.rec.declared_company", company=recusal.company, role=role, seq=recusal.seq)
    return Message("fair.rec.affiliation", company=recusal.company, role=role)


def _recusals(report: FairnessReport, names: _Names, lang: Lang) -> Section:
    blind = report.evaluation.blind is not None
    # while blind not even the label: beside the plan's affiliations it would tell which tool it is
    lines = [
        translate(
            "fair.rec.line",
            lang,
            evaluator=names.evaluator(r.evaluator),
            tool=translate("blind.a_candidate", lang) if blind else names.tool(r.tool),
            why=_why(r, blind),
        )
        for r in report.recusals
    ]
    return _part(translate("fair.rec.title", lang), lines or [translate("fair.rec.none", lang)], [], [])


def _leniency(report: FairnessReport, names: _Names, lang: Lang) -> Section:
    sentences = [translate("fair.len.rule", lang)]
    rows = []
    for item in report.leniency:
        who = names.evaluator(item.evaluator)
        if item.mean is None or item.percent is None:
            sentences.append(translate("fair.len.none", lang, evaluator=who))
            rows.append([who, "0", "-", "-"])
            continue
        amount = _percent(abs(item.mean))
        key = "fair.len.lenient" if item.mean > 0 else "fair.len.strict" if item.mean < 0 else "fair.len.even"
        sentences.append(translate(key, lang, evaluator=who, amount=amount, cells=item.cells))
        rows.append(
            [
                who,
                str(item.cells),
                f"{float(item.percent):+.1f} %",
                ("+" if item.mean > 0 else "") + exact_text(item.mean),
            ]
        )
    headers = [translate(k, lang) for k in ("fair.h.evaluator", "fair.h.cells", "fair.h.deviation", "fair.h.exact")]
    return _part(translate("fair.len.title", lang), sentences, headers, rows)


def _divergent(report: FairnessReport, names: _Names, lang: Lang, from_option: bool) -> Section:
    evaluation = report.evaluation
    share = _percent(report.share)
    source = Message("fair.div.source.option" if from_option else "fair.div.source.plan")
    sentences = [translate("fair.div.rule", lang, share=share, source=source)]
    if not report.divergent:
        sentences.append(translate("fair.div.none", lang, share=share))
        return _part(translate("fair.div.title", lang), sentences, [], [])
    sentences.append(translate("fair.div.count", lang, count=len(report.divergent), share=share))
    sentences.append(translate("fair.div.key", lang))
    panel = [e.id for e in evaluation.plan.evaluators if e.id not in evaluation.without]
    headers = [translate(k, lang) for k in ("fair.h.tool", "fair.h.criterion", "fair.h.spread")]
    headers += [names.evaluator(e) for e in panel] + [translate("fair.h.consensus", lang)]
    rows = []
    for cell in report.divergent:
        levels = {s.evaluator: s.level for s in cell.scores}
        row = [names.tool(cell.tool), names.criterion(cell.criterion), _percent(cell.spread)]
        # while blind a recusal is not marked ("x" would say which candidate an affiliation points to)
        recused = "-" if evaluation.blind else "x"
        row += [levels.get(e, recused if (e, cell.tool) in evaluation.recusals else "-") for e in panel]
        row.append(cell.moderation.level if cell.moderation is not None else "")
        rows.append(row)
    return _part(translate("fair.div.title", lang), sentences, headers, rows)


def _concordance(report: FairnessReport, names: _Names, lang: Lang) -> Section:
    agreement = report.concordance
    k = agreement.kendall
    title = translate("fair.w.title", lang)
    if k is None:
        return _part(title, [translate("fair.w.none", lang)], [], [])
    sentences = [translate("fair.w.rule", lang)]
    if k.w_t is None:
        sentences.append(translate("fair.w.undefined", lang, w_uncorrected=f"{float(k.w):.3f}"))
    else:
        sentences.append(
            translate(
                "fair.w.summary",
                lang,
                w=f"{float(k.w_t):.3f}",
                w_uncorrected=f"{float(k.w):.3f}",
                m=k.m,
                n=k.n,
                k=len(agreement.criteria),
            )
        )
    if k.method == "exact" and k.p_permutation is not None:
        sentences.append(
            translate(
                "fair.w.exact",
                lang,
                p=_p(k.p_permutation),
                p_exact=exact_text(k.p_permutation),
                arrangements=_count(k.arrangements, lang),
            )
        )
    elif k.method == "monte_carlo" and k.p_permutation is not None:
        sentences.append(
            translate(
                "fair.w.sampled",
                lang,
                p=_p(k.p_permutation),
                samples=f"{k.samples:,}",
                seed=k.seed,
                arrangements=_count(k.arrangements, lang),
            )
        )
    else:
        sentences.append(translate("fair.w.no_test", lang, arrangements=_count(k.arrangements, lang)))
    if k.chi2 is not None and k.p_chi2 is not None:
        sentences.append(translate("fair.w.chi2", lang, chi2=f"{float(k.chi2):.3f}", df=k.df, p=_p(k.p_chi2)))
    if k.significant is not None:
        sentences.append(translate("fair.w.significant" if k.significant else "fair.w.not_significant", lang))
    blind = report.evaluation.blind is not None
    for left in agreement.left_out_evaluators:
        who = names.evaluator(left.id)
        if left.recused and blind:
            sentences.append(translate("blind.left_evaluator", lang, evaluator=who))
        elif left.recused:
            tools = ", ".join(names.tool(t) for t in left.recused)
            sentences.append(translate("fair.w.left_evaluator_recused", lang, evaluator=who, tools=tools))
        elif left.unscored:
            tools = ", ".join(names.tool(t) for t in left.unscored)
            sentences.append(translate("fair.w.left_evaluator_unscored", lang, evaluator=who, tools=tools))
        else:
            sentences.append(translate("fair.w.left_evaluator", lang, evaluator=who))
    for left in agreement.left_out_tools:
        tool = names.tool(left.id)
        if left.recused and blind:
            sentences.append(translate("blind.left_tool", lang, tool=tool))
        elif left.recused:
            who = ", ".join(names.evaluator(e) for e in left.recused)
            sentences.append(translate("fair.w.left_tool_recused", lang, tool=tool, evaluators=who))
        else:
            who = ", ".join(names.evaluator(e) for e in left.unscored)
            sentences.append(translate("fair.w.left_tool_unscored", lang, tool=tool, evaluators=who))
    if agreement.left_out_criteria:
        criteria = ", ".join(names.criterion(c) for c in agreement.left_out_criteria)
        sentences.append(translate("fair.w.left_criteria", lang, criteria=criteria))
    info = report.evaluation.plan.evaluation
    headers = [translate("fair.h.evaluator", lang), *(names.tool(t) for t in agreement.tools)]
    rows = [
        [
            names.evaluator(e),
            *(
                translate(
                    "fair.w.cell",
                    lang,
                    points=figure(agreement.totals[i][j], info.decimals, info.rounding),
                    rank=exact_text(k.ranks[i][j]),
                )
                for j in range(len(agreement.tools))
            ),
        ]
        for i, e in enumerate(agreement.evaluators)
    ]
    rows.append([translate("fair.h.rank_sum", lang), *(exact_text(x) for x in k.rank_sums)])
    return _part(title, sentences, headers, rows)


def _tools(ids: tuple[str, ...], names: _Names, lang: Lang) -> str:
    return " = ".join(names.tool(t) for t in ids) if ids else translate("fair.none", lang)


def _swapped(changes: tuple[Placing, ...]) -> bool:
    if len(changes) != 2 or any(p.disqualified_before or p.disqualified_after for p in changes):
        return False
    a, b = changes
    return a.rank_before is not None and a.rank_before == b.rank_after and b.rank_before == a.rank_after


def loo_sentence(item: LeaveOneOut, names: _Names, lang: Lang) -> str:
    """E.g. "Without 石井 the winner stays FormEye; KamiScan and Alpha Reader swap places."."""
    who = names.evaluator(item.evaluator)
    if item.counted == 0:
        return translate("fair.loo.nothing", lang, evaluator=who)
    if not item.winner_before and not item.winner_after:
        winner = Message("fair.loo.no_winner", evaluator=who)
    elif not item.winner_changed:
        winner = Message("fair.loo.stays", evaluator=who, tool=_tools(item.winner_before, names, lang))
    else:
        winner = Message(
            "fair.loo.changes",
            evaluator=who,
            before=_tools(item.winner_before, names, lang),
            after=_tools(item.winner_after, names, lang),
        )
    changes = item.rank_changes
    if not changes:
        ranks = Message("fair.loo.same")
    elif _swapped(changes):
        ranks = Message("fair.loo.swap", first=names.tool(changes[0].tool), second=names.tool(changes[1].tool))
    else:
        listed = translate("fair.sep", lang).join(
            translate(
                "fair.loo.change",
                lang,
                tool=names.tool(p.tool),
                before=_rank(p.rank_before, p.disqualified_before, lang),
                after=_rank(p.rank_after, p.disqualified_after, lang),
            )
            for p in changes
        )
        ranks = Message("fair.loo.ranks", changes=listed)
    return translate("fair.loo.sentence", lang, winner=winner, ranks=ranks)


def _leave_one_out(report: FairnessReport, names: _Names, lang: Lang) -> Section:
    info = report.evaluation.plan.evaluation

    def shown(value: Fraction | None, rank: int | None, disqualified: bool, changed: bool = False) -> str:
        points = "-" if value is None else figure(value, info.decimals, info.rounding)
        cell = translate("fair.loo.cell", lang, points=points, rank=_rank(rank, disqualified, lang))
        return cell + (" *" if changed else "")

    sentences = [translate("fair.loo.rule", lang)]
    for item in report.leave_one_out:
        sentences.append(loo_sentence(item, names, lang))
        who = names.evaluator(item.evaluator)
        for p in item.placings:
            if p.disqualified_after and not p.disqualified_before:
                reason = tuple(f.message() for f in p.findings_after)
                sentences.append(translate("fair.loo.dq", lang, evaluator=who, tool=names.tool(p.tool), reason=reason))
            elif p.disqualified_before and not p.disqualified_after:
                sentences.append(translate("fair.loo.requalified", lang, evaluator=who, tool=names.tool(p.tool)))
    headers = [translate("fair.h.tool", lang), translate("fair.h.with_everyone", lang)]
    headers += [
        translate("fair.h.without_one", lang, evaluator=names.evaluator(x.evaluator)) for x in report.leave_one_out
    ]
    rows = []
    for position, first in enumerate(report.leave_one_out[0].placings if report.leave_one_out else ()):
        row = [names.tool(first.tool), shown(first.figure_before, first.rank_before, first.disqualified_before)]
        for item in report.leave_one_out:
            p = item.placings[position]
            row.append(shown(p.figure_after, p.rank_after, p.disqualified_after, p.changed))
        rows.append(row)
    return _part(translate("fair.loo.title", lang), sentences, headers, rows)


def _share(value: Fraction | None) -> str:
    return "-" if value is None else _percent(value)


def _fit_counts(found: FitVerification, names: _Names, lang: Lang) -> Section:
    """Per proposer: its answers by verification status, and the share of its ○/△ answers downgraded."""
    sentences = [translate("fair.fit.rule", lang)]
    rows = []
    for c in found.counts:
        counts = {
            "tool": names.tool(c.tool),
            "answers": c.answers,
            "accepted": c.accepted,
            "queried": c.queried,
            "unverified": c.unverified,
        }
        if c.claimed:
            sentences.append(
                translate(
                    "fair.fit.line",
                    lang,
                    **counts,
                    downgraded=c.downgraded,
                    claimed=c.claimed,
                    share=_share(c.share),
                    verified_share=_share(c.verified_share),
                    claimed_verified=c.claimed_verified,
                )
            )
        else:
            sentences.append(translate("fair.fit.line_none", lang, **counts))
        rows.append(
            [
                names.tool(c.tool),
                *(str(n) for n in (c.answers, c.accepted, c.downgraded, c.queried, c.unverified, c.claimed)),
                _share(c.share),
                _share(c.verified_share),
            ]
        )
    shares = {c.tool: share for c in found.counts if (share := c.verified_share) is not None}
    if len(shares) >= 2:
        low, high = min(shares.values()), max(shares.values())
        if low == high:
            sentences.append(translate("fair.fit.even", lang, share=_share(low)))
        else:
            separator = translate("fair.sep", lang)
            sentences.append(
                translate(
                    "fair.fit.spread",
                    lang,
                    low=_share(low),
                    low_tools=separator.join(names.tool(t) for t, v in shares.items() if v == low),
                    high=_share(high),
                    high_tools=separator.join(names.tool(t) for t, v in shares.items() if v == high),
                )
            )
    if found.awaiting:
        sentences.append(translate("fair.fit.awaiting", lang, count=found.awaiting))
    keys = ("tool", "answers", "accepted", "downgraded", "queried", "unverified", "claimed", "share", "verified_share")
    headers = [translate(f"fair.fit.h.{key}", lang) for key in keys]
    return _part(translate("fair.fit.title", lang), sentences, headers, rows, key="fit_verification")


def _fit_downgrades(found: FitVerification, evaluation: Evaluation, names: _Names, lang: Lang) -> Section:
    """Every downgrade with its reason (withheld while blind: a reason may name the product)."""
    plan = evaluation.plan
    blind = evaluation.blind is not None
    title = translate("fair.fit.dg.title", lang)
    if not found.downgrades:
        return _part(title, [translate("fair.fit.dg.none", lang)], [], [], key="fit_downgrades")
    sentences = [translate("fair.fit.dg.count", lang, count=len(found.downgrades))]
    if blind:
        sentences.append(translate("fair.fit.dg.blind", lang))
    rows = []
    for d in found.downgrades:
        requirement = plan.fit_requirement(d.requirement)
        text = requirement.text.get(lang) if requirement is not None else ""
        priority = plan.fit.priorities.get(requirement.priority) if requirement is not None else None
        rows.append(
            [
                names.tool(d.tool),
                f"{d.requirement} {text}".strip(),
                priority.get(lang) if priority is not None else "",
                f"{translate(f'fit.answer.{d.answer}', lang)} → {translate(f'fit.answer.{d.value}', lang)}",
                translate("fair.fit.dg.withheld", lang) if blind else d.reason,
                f"#{d.seq}",
            ]
        )
    keys = ("tool", "requirement", "priority", "change", "reason", "event")
    headers = [translate(f"fair.fit.h.{key}", lang) for key in keys]
    return _part(title, sentences, headers, rows, key="fit_downgrades")


def sections(report: FairnessReport, lang: Lang, *, share_from_option: bool = False) -> list[Section]:
    """The report in words and tables: recusals, leniency, divergent cells, Kendall's W, leave-one-out,
    and with requirement fit criteria the 事務局's verification of the answers."""
    names = _Names(report.evaluation, lang)
    out = [
        _recusals(report, names, lang),
        _leniency(report, names, lang),
        _divergent(report, names, lang, share_from_option),
        _concordance(report, names, lang),
        _leave_one_out(report, names, lang),
    ]
    if report.fit is not None:
        out += [_fit_counts(report.fit, names, lang), _fit_downgrades(report.fit, report.evaluation, names, lang)]
    return out


def _heading(report: FairnessReport, lang: Lang) -> tuple[str, str]:
    evaluation = report.evaluation
    title = translate("fair.title", lang, title=evaluation.plan.evaluation.title.get(lang))
    provenance = translate(
        "fair.provenance",
        lang,
        plan_hash=evaluation.plan.hash[:12],
        head_seq=evaluation.head_seq,
        head_hash=(evaluation.head_hash or "")[:12],
    )
    return title, provenance


def fairness_document(report: FairnessReport, lang: Lang, *, share_from_option: bool = False) -> Document:
    """The whole report as a document; its JSON is `report_data` (the documented schema)."""
    title, provenance = _heading(report, lang)
    return Document(
        kind="fairness",
        title=title,
        lang=lang,
        provenance=(provenance,),
        sections=tuple(sections(report, lang, share_from_option=share_from_option)),
        data=_blind_data(report_data(report)) if report.evaluation.blind else report_data(report),
    )


def _blind_data(data: dict[str, Any]) -> dict[str, Any]:
    """The JSON while blind: who is recused from which label is withheld (with the plan it names the tool)."""
    for recusal in data["recusals"]:
        recusal["tool"] = recusal["event"] = None
    left_out = data["kendall"]["left_out"]
    for evaluator in left_out["evaluators"]:
        if evaluator["recused_from"]:
            evaluator["recused_from"] = None
    for tool in left_out["tools"]:
        if tool["recused"]:
            tool["recused"] = None
    for downgrade in data.get("fit_verification", {}).get("downgrades", []):
        downgrade["reason"] = None  # a reason may name the product
    return data
