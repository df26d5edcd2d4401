"""The results as plain data: the documented, stable JSON of an evaluation (docs/json-schema.md).

Every report is drawn from this data, and its canonical hash is the results hash that
`finalize` records and an archive checks.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

from toolbench.base.i18n import translate
from toolbench.base.numbers import exact_text, round_fraction
from toolbench.documents.facts import with_fact_data

if TYPE_CHECKING:
    from toolbench.methods.evaluation import Evaluation


def _number(value: Fraction | Decimal, decimals: int, mode: Any) -> float:
    rounded = round_fraction(Fraction(value), decimals, mode)
    return float(rounded)


def _maybe(value: Fraction | None, decimals: int, mode: Any) -> dict[str, Any] | None:
    return None if value is None else {"points": _number(value, decimals, mode), "exact": exact_text(value)}


def _pooled_from(others: Sequence[Any]) -> dict[str, Any]:
    """Other cities' figures a trial cell pools (`from`), left out when there are none."""
    if not others:
        return {}
    return {
        "from": [
            {
                "publisher": p.publisher,
                "published": p.published.isoformat() if p.published else None,
                "n": p.n,
                "value": exact_text(p.value),
            }
            for p in others
        ]
    }


def plain_amount(value: Fraction) -> str:
    """A price as exact text: a decimal when it terminates, else the fraction (e.g. 税込 ÷ 1.1)."""
    return exact_text(value)


def _text(value: Any) -> dict[str, str | None] | None:
    return None if value is None else {"ja": value.ja, "en": value.en}


def matrix_data(evaluation: Evaluation, *, detail: bool = True) -> dict[str, Any]:
    """The evaluation as plain data under the `toolbench.matrix/1` schema.

    Without `detail`, each cell's `scores` are left empty: the names and figures only,
    for a terminal table that needs the names and not 600,000 scores (never written as
    the JSON document, whose every cell lists who said what and when).
    """
    plan = evaluation.plan
    info = plan.evaluation
    decimals, mode = info.decimals, info.rounding
    in_total = {c.id for c in evaluation.scored_criteria}
    blind = evaluation.blind is not None  # a recusal under a label would tell whose tool it is
    tools = []
    for result in evaluation.results:
        cells = []
        for criterion in evaluation.scored_criteria:
            cell = result.cells[criterion.id]
            flags = ["missing"] if not cell.scored else (["partial"] if cell.partial else [])
            if cell.source in ("moderated", "metric", "price", "trials"):
                flags.append(cell.source)
            if cell.recused and not blind:
                flags.append("recused")
            cells.append(
                {
                    "criterion": criterion.id,
                    "points": None if cell.points is None else _number(cell.points, decimals, mode),
                    "points_exact": None if cell.points is None else exact_text(cell.points),
                    "ratio_exact": None if cell.ratio is None else exact_text(cell.ratio),
                    "flags": flags,
                    "scores": [
                        {
                            "evaluator": s.evaluator,
                            "level": s.level,
                            "ratio": exact_text(s.ratio),
                            "event": s.seq,
                            "recorded_at": s.ts,
                            "actor": s.actor,
                            **({"reason": s.reason} if s.reason else {}),
                        }
                        for s in (cell.scores if detail else ())
                    ],
                    "missing_evaluators": list(cell.missing),
                    "recused_evaluators": [] if blind else list(cell.recused),
                    "recused_scores": []
                    if blind
                    else [{"evaluator": r.evaluator, "level": r.level, "event": r.seq} for r in cell.recused_scores],
                    "source": cell.source,
                    "moderation": None
                    if cell.moderation is None
                    else {
                        "level": cell.moderation.level,
                        "comment": cell.moderation.comment,
                        "event": cell.moderation.seq,
                        "recorded_at": cell.moderation.ts,
                        "actor": cell.moderation.actor,
                    },
                    "evidence": None
                    if cell.evidence is None
                    else {
                        "value": exact_text(cell.evidence.value),
                        "respondents": cell.evidence.respondents,
                        **_pooled_from(cell.evidence.others),
                    },
                    "measurement": None
                    if cell.measurement is None
                    else {
                        "value": exact_text(cell.measurement.value),
                        "source": cell.measurement.source,
                        "event": cell.measurement.seq,
                        "recorded_at": cell.measurement.ts,
                        "actor": cell.measurement.actor,
                    },
                }
            )
        tools.append(
            {
                "id": result.tool.id,
                "name": _text(result.tool.name),
                "vendor": result.tool.vendor,
                "rank": result.rank,
                "total": None if result.total is None else _number(result.total, decimals, mode),
                "total_exact": None if result.total is None else exact_text(result.total),
                "provisional": result.provisional,
                "unscored": list(result.unscored),
                "subtotals": {
                    group: None
                    if value is None
                    else {"points": _number(value, decimals, mode), "exact": exact_text(value)}
                    for group, value in result.subtotals.items()
                },
                "cells": cells,
                "technical": _maybe(result.technical, decimals, mode),
                "price": None if result.price is None else plain_amount(result.price),
                "price_points": _maybe(result.price_points, decimals, mode),
                "value": _maybe(result.value, decimals, mode),
                "eligible": result.eligible,
                "disqualified": [
                    {
                        "code": f.key,
                        "message": {"ja": translate(f.key, "ja", **f.params), "en": translate(f.key, "en", **f.params)},
                    }
                    for f in result.disqualified
                ],
                "musts": [
                    {
                        "criterion": m.criterion,
                        "verdict": m.verdict,
                        "passes": m.passes,
                        "fails": m.fails,
                        "decided_by": m.decided_by,
                        "votes": [{"evaluator": v.evaluator, "level": v.level, "event": v.seq} for v in m.votes],
                    }
                    for m in result.musts.values()
                ],
                "tie_break": result.tie_break,
                "tied": result.tied,
            }
        )
    data = {
        "schema": JSON_SCHEMA_ID,
        "title": _text(info.title),
        "language": info.language,
        "plan_hash": plan.hash,
        "ledger_head": {"seq": evaluation.head_seq, "hash": evaluation.head_hash},
        **({} if detail else {"detail": False}),
        "rules": {
            "aggregation": plan.scoring.aggregation,
            "missing_rule": plan.scoring.missing,
            "missing": "excluded",
            "rounding": mode,
            "decimals": decimals,
            "ranking": "competition",
            "points": "hearings" if evaluation.weights is not None and evaluation.weights.points else "plan",
            "round_at": list(info.round_at),
            "price_family": plan.price.family,
            "tax": plan.price.tax,
            "ceiling": None if plan.price.ceiling is None else exact_text(plan.price.ceiling),
            "chair": plan.scoring.chair,
            "technical_minimum": None
            if plan.scoring.technical_minimum is None
            else exact_text(plan.scoring.technical_minimum),
            "tie_break": list(plan.scoring.tie_break),
        },
        "technical_max": _number(evaluation.technical_max, decimals, mode),
        "recusals": [
            {
                "evaluator": r.evaluator,
                "tool": None if blind else r.tool,
                "basis": r.basis,
                "company": None if blind else r.company,
                "role": None if blind else r.role,
                "note": None if blind else r.note,
                "event": None if blind else r.seq,
            }
            for r in evaluation.recusals.values()
        ],
        "without": list(evaluation.without),
        "lock": None
        if evaluation.lock is None or evaluation.lock.lock is None
        else {
            "event": evaluation.lock.lock.seq,
            "locked_at": evaluation.lock.lock.ts,
            "changed": list(evaluation.lock.changed),
        },
        "scores_locked": None
        if evaluation.lock is None or evaluation.lock.scores is None
        else {"event": evaluation.lock.scores.seq, "locked_at": evaluation.lock.scores.ts},
        "sealed": evaluation.sealed,
        "blind": evaluation.blind,
        "ties": [
            {
                "tools": list(t.tools),
                "figure_exact": exact_text(t.figure),
                "decided_by": list(t.decided_by),
                "unresolved": [list(g) for g in t.unresolved],
            }
            for t in evaluation.ties
        ],
        "max_points": _number(evaluation.max_points, decimals, mode),
        "evaluators": [{"id": e.id, "name": e.name} for e in plan.evaluators],
        "groups": [{"id": g, "name": _text(plan.groups.get(g))} for g, _ in evaluation.groups()],
        "criteria": [
            {
                "id": c.id,
                "name": _text(c.name),
                "group": c.group,
                "kind": c.kind,
                "points": float(c.points),
                "scale": c.scale,
                "in_total": c.id in in_total,
            }
            for c in plan.criteria
        ],
        "tools": tools,
        "notices": [
            {"event": n.seq, "code": n.key, "message": translate(n.key, "en", seq=n.seq, **n.params)}
            for n in evaluation.notices
        ],
    }
    return with_fact_data(evaluation, data)


JSON_SCHEMA_ID: Final = "toolbench.matrix/1"
