"""One renderer per output format, all fed the same MatrixView (JSON reads the Evaluation).

table     rich table for the terminal (render/table.py)
markdown  a pipe table and the notes as a list
csv       UTF-8 with BOM by default so Japanese Excel opens it; text that Excel would
          run as a formula is neutralised, numbers stay numbers
json      the stable schema documented in docs/json-schema.md
"""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

from toolbench.base.i18n import Lang, translate
from toolbench.base.numbers import exact_text, round_fraction
from toolbench.documents.matrix import MatrixView, format_points, format_value, matrix_view

if TYPE_CHECKING:
    from toolbench.methods.evaluation import Evaluation

FORMATS: Final = ("table", "markdown", "csv", "json")
JSON_SCHEMA_ID: Final = "toolbench.matrix/1"

# Excel treats a cell starting with one of these as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?|-")


def neutralise(text: str) -> str:
    """Make a text cell inert in spreadsheet software by prefixing an apostrophe.

    A plain signed number (-2.5) or a lone dash (the "none" placeholder) is left as it
    is: a spreadsheet reads it as a number or a dash, never as a formula.
    """
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


# --- markdown --------------------------------------------------------------------------


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(view: MatrixView) -> str:
    lines = [f"# {_md(view.title)}", ""]
    header = [translate("m.criterion", view.lang), translate("m.points", view.lang), *view.tool_names]
    lines.append("| " + " | ".join(_md(h) for h in header) + " |")
    lines.append("|" + "---|" + "---:|" * (len(header) - 1))
    for row in view.rows:
        if row.kind == "group":
            lines.append(f"| **{_md(row.label)}** |" + " |" * (len(header) - 1))
            continue
        cells = []
        for cell in row.cells:
            if "missing" in cell.flags:
                cells.append(_md(cell.detail or "—"))
                continue
            text = format_value(cell.value, view.decimals)
            if "provisional" in cell.flags:
                text += "\\*"
            extra = [cell.detail, *cell.notes] if cell.detail or cell.notes else []
            if extra:
                text += " (" + "; ".join(_md(e) for e in extra if e) + ")"
            cells.append(text)
        label = row.label if row.kind == "criterion" else f"**{row.label}**"
        points = format_points(row.points)
        lines.append("| " + " | ".join([_md(label), points, *cells]) + " |")
    lines.append("")
    lines.extend(f"- {_md(note)}" for note in view.notes)
    return "\n".join(lines) + "\n"


# --- csv -------------------------------------------------------------------------------


def render_csv(view: MatrixView) -> str:
    """Rows of the matrix; per tool a number column and a text column beside it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    lang = view.lang
    header = [translate("m.group", lang), "id", translate("m.criterion", lang), translate("m.points", lang)]
    for name in view.tool_names:
        header += [name, f"{name} {translate('m.notes', lang)}"]
    writer.writerow([neutralise(h) for h in header])
    group = ""
    for row in view.rows:
        if row.kind == "group":
            group = row.label
            continue
        record: list[str] = [
            neutralise(group if row.kind in ("criterion", "subtotal") else ""),
            neutralise(row.key),
            neutralise(row.label),
            format_points(row.points) if row.kind != "rank" else "",
        ]
        for cell in row.cells:
            record.append(format_value(cell.value, view.decimals))
            words = [w for w in (cell.detail, *cell.notes) if w]
            record.append(neutralise(" / ".join(words)))
        writer.writerow(record)
    for note in view.notes:
        writer.writerow([neutralise(translate("m.notes", lang)), "", neutralise(note)])
    return out.getvalue()


# --- json ------------------------------------------------------------------------------


def _number(value: Fraction | Decimal, decimals: int, mode: Any) -> float:
    rounded = round_fraction(Fraction(value), decimals, mode)
    return float(rounded)


def _maybe(value: Fraction | None, decimals: int, mode: Any) -> dict[str, Any] | None:
    return None if value is None else {"points": _number(value, decimals, mode), "exact": exact_text(value)}


def plain_amount(value: Fraction) -> str:
    """A price as exact text: a decimal when it terminates, else the fraction (e.g. 税込 ÷ 1.1)."""
    return exact_text(value)


def _text(value: Any) -> dict[str, str | None] | None:
    return None if value is None else {"ja": value.ja, "en": value.en}


def matrix_data(evaluation: Evaluation) -> dict[str, Any]:
    """The evaluation as plain data under the `toolbench.matrix/1` schema."""
    plan = evaluation.plan
    info = plan.evaluation
    decimals, mode = info.decimals, info.rounding
    in_total = {c.id for c in evaluation.scored_criteria}
    tools = []
    for result in evaluation.results:
        cells = []
        for criterion in evaluation.scored_criteria:
            cell = result.cells[criterion.id]
            flags = ["missing"] if not cell.scored else (["partial"] if cell.partial else [])
            if cell.source in ("moderated", "metric", "price", "trials"):
                flags.append(cell.source)
            if cell.recused:
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
                        for s in cell.scores
                    ],
                    "missing_evaluators": list(cell.missing),
                    "recused_evaluators": list(cell.recused),
                    "recused_scores": [
                        {"evaluator": r.evaluator, "level": r.level, "event": r.seq} for r in cell.recused_scores
                    ],
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
                    else {"value": exact_text(cell.evidence.value), "respondents": cell.evidence.respondents},
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
    return {
        "schema": JSON_SCHEMA_ID,
        "title": _text(info.title),
        "language": info.language,
        "plan_hash": plan.hash,
        "ledger_head": {"seq": evaluation.head_seq, "hash": evaluation.head_hash},
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
                "tool": r.tool,
                "basis": r.basis,
                "company": r.company,
                "role": r.role,
                "note": r.note,
                "event": r.seq,
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


def json_text(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_json(evaluation: Evaluation) -> str:
    return json_text(matrix_data(evaluation))


def render(evaluation: Evaluation, fmt: str, lang: Lang, width: int = 120) -> str:
    """The matrix in `fmt` as text (CSV without its BOM; the writer adds it)."""
    if fmt == "json":
        return render_json(evaluation)
    return render_view(matrix_view(evaluation, lang), fmt, width)


def render_view(view: MatrixView, fmt: str, width: int = 120) -> str:
    """A matrix view as table, Markdown or CSV text."""
    if fmt == "markdown":
        return render_markdown(view)
    if fmt == "csv":
        return render_csv(view)
    from toolbench.renderers.terminal import render_table  # rich is loaded only for the table

    return render_table(view, width)
