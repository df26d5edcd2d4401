"""The weights report as a document: who said what, the group weights, the points, and the
disagreement (spread per criterion; how departments and groups pull).

Figures keep their exact value beside what is shown, so a workbook holds numbers and a
CSV holds every digit; JSON is the result as plain data (`data`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from typing import Any

from toolbench.base.i18n import Lang, translate
from toolbench.base.numbers import plain
from toolbench.documents.model import Bars, Document, Figure, Section, Table, Value
from toolbench.methods.hearings import Hearing, WeightsResult
from toolbench.model.plan import Plan


def _pct_text(value: float) -> str:
    return f"{value * 100:.1f}%"


def _pct(value: float) -> Figure:
    """A weight as a share: exact in the cell, shown to 0.1 %."""
    return Figure(value, _pct_text(value), "0.0%")


def _signed(value: float) -> Figure:
    """Points pulled above (+) or below (-) the group's."""
    return Figure(value, f"{value:+.1f}", "+0.0;-0.0;0.0")


def _points(value: int | Decimal | Fraction) -> Figure:
    return Figure(value, plain(value), "0")


def weights_tables(plan: Plan, result: WeightsResult, lang: Lang) -> list[Table]:
    """Group weights and points; who pulls which way; each respondent's weights; who was heard; readiness."""
    names = {c.id: c.name.get(lang) for c in plan.criteria}
    total = float(result.points_total)
    departments = list(result.by_department)
    stakeholders = list(result.by_stakeholder)
    dept_names = {d: (dept.name.get(lang) if (dept := plan.department(d)) else d) for d in departments}
    group_names = {g: (plan.stakeholders[g].get(lang) if g in plan.stakeholders else g) for g in stakeholders}
    main_rows: list[list[Value]] = []
    for c in result.criteria if result.points else ():
        apart = result.spread(c)
        assert apart is not None  # points exist only when someone counts
        main_rows.append(
            [
                names[c],
                _pct(result.group[c]),
                _points(result.points[c]),
                translate("w.range", lang, low=_pct_text(apart.low), high=_pct_text(apart.high)),
            ]
        )
    main = _table(
        translate("w.title", lang),
        [
            translate("m.criterion", lang),
            translate("w.group", lang),
            translate("w.points", lang),
            translate("w.spread", lang),
        ],
        main_rows,
    )
    pull_headers = [translate("m.criterion", lang), *(dept_names[d] for d in departments)]
    pull_headers += [group_names[g] for g in stakeholders] if len(stakeholders) > 1 else []
    pull_rows: list[list[Value]] = []
    for c in result.criteria if result.points else ():
        row: list[Value] = [
            names[c],
            *(_signed((result.by_department[d][c] - result.group[c]) * total) for d in departments),
        ]
        if len(stakeholders) > 1:
            row += [_signed((result.by_stakeholder[g][c] - result.group[c]) * total) for g in stakeholders]
        pull_rows.append(row)
    pull = _table(translate("w.pull", lang), pull_headers, pull_rows)
    everyone = [r.hearing.respondent.id for r in result.respondents]
    each = _table(
        translate("w.each", lang),
        [translate("m.criterion", lang), *everyone],
        [[names[c], *(_pct(r.weights[c]) for r in result.respondents)] for c in result.criteria],
    )
    threshold = float(plan.weights.cr_threshold)
    people_rows = []
    for r in result.respondents:
        who = r.hearing.respondent
        cr = "-" if r.cr is None else f"{r.cr:.3f}"
        counted = translate("w.counted" if r.included else "w.excluded", lang)
        if not r.consistent:
            counted += translate("w.sep", lang) + translate("w.inconsistent", lang, cr=cr, threshold=threshold)
        people_rows.append(
            [
                who.id,
                dept_names.get(who.department, who.department),
                group_names.get(who.group, who.group),
                translate(f"method.{r.hearing.answers.method}", lang),
                cr,
                counted,
            ]
        )
    people = _table(
        translate("w.heard", lang),
        [
            translate(k, lang)
            for k in ("w.respondent", "w.department", "w.stakeholder", "w.method", "w.cr", "w.included")
        ],
        people_rows,
    )
    # when nobody counts (all inconsistent) there are no group weights: show who was heard
    tables = [main, pull, each, people] if result.points else [each, people]
    if result.readiness:
        tables.append(
            _table(
                translate("w.readiness", lang),
                [translate("w.stakeholder", lang), translate("w.readiness", lang)],
                [[group_names.get(g, g), f"{v:.1f}"] for g, v in result.readiness.items()],
            )
        )
    return tables


def _rule(plan: Plan, result: WeightsResult, lang: Lang) -> str:
    """The rule as applied (AIP when hierarchical answers made AIJ impossible)."""
    applied = result.aggregation or plan.weights.ahp_aggregation
    aggregation = translate(f"w.{applied}", lang)
    if result.aggregation and result.aggregation != plan.weights.ahp_aggregation:
        aggregation += translate("w.fallback", lang, reason=translate("w.aip_fallback", lang))
    return translate("w.rule", lang, aggregation=aggregation, total=plain(result.points_total))


def _notes(plan: Plan, result: WeightsResult, lang: Lang) -> list[str]:
    notes = [_rule(plan, result, lang)]
    for hearing, error in result.left_out:
        notes.append(translate("w.left_out", lang, respondent=hearing.respondent.id, reason=error.message(lang)))
    return notes


def data(plan: Plan, result: WeightsResult) -> dict[str, Any]:
    """The result as plain data (JSON)."""
    return {
        "criteria": list(result.criteria),
        "points_total": plain(result.points_total),
        "rules": {
            "ahp_aggregation": plan.weights.ahp_aggregation,
            "ahp_aggregation_applied": result.aggregation,
            "cr_threshold": plain(plan.weights.cr_threshold),
            "include_inconsistent": plan.weights.include_inconsistent,
            "respondent_weights": plan.weights.respondent_weights,
            "points": "largest remainder",
        },
        "group": dict(result.group),
        "group_consistency": (
            None
            if (matrix := result.group_consistency) is None
            else {"lambda_max": matrix.lambda_max, "ci": matrix.ci, "ri": matrix.ri, "cr": matrix.cr}
        ),
        "points": {c: plain(p) for c, p in result.points.items()},
        "spread": {
            c: {"min": apart.low, "max": apart.high, "std": apart.std, "lowest": apart.lowest, "highest": apart.highest}
            for c in result.criteria
            if (apart := result.spread(c)) is not None
        },
        "by_department": {d: dict(v) for d, v in result.by_department.items()},
        "by_stakeholder": {g: dict(v) for g, v in result.by_stakeholder.items()},
        "readiness": dict(result.readiness),
        "left_out": [
            {"respondent": h.respondent.id, "event": h.seq, "reason": error.message("en")}
            for h, error in result.left_out
        ],
        "respondents": [
            {
                "respondent": r.hearing.respondent.model_dump(mode="json", exclude_none=True),
                "method": r.hearing.answers.method,
                "event": r.hearing.seq,
                "recorded_at": r.hearing.ts,
                "weights": dict(r.weights),
                "consistency": [
                    {"part": part, "lambda_max": res.lambda_max, "ci": res.ci, "ri": res.ri, "cr": res.cr}
                    for part, res in r.consistency
                ],
                "included": r.included,
            }
            for r in result.respondents
        ],
    }


def _table(title: str, headers: list[str], rows: Sequence[Sequence[Value]]) -> Table:
    return Table(title, tuple(headers), tuple(tuple(row) for row in rows))


def _chart(plan: Plan, result: WeightsResult, lang: Lang) -> Bars:
    """Bars: the group weight of each criterion; dots: each counted respondent's weight."""
    names = {c.id: c.name.get(lang) for c in plan.criteria}
    return Bars(
        labels=tuple(names[c] for c in result.criteria),
        values=tuple(result.group[c] for c in result.criteria),
        shown=tuple(_pct_text(result.group[c]) for c in result.criteria),
        dots=tuple(tuple(r.weights[c] for r in result.included) for c in result.criteria),
    )


def weights_document(plan: Plan, result: WeightsResult, lang: Lang) -> Document:
    """The report as a document: one section per table, the chart with the group weights, the rule as notes."""
    tables = weights_tables(plan, result, lang)
    sections = [Section(t.title, (), t, key=f"weights-{i}") for i, t in enumerate(tables, start=1)]
    if result.points:
        sections[0] = replace(sections[0], chart=_chart(plan, result, lang))
    return Document(
        kind="weights",
        title=translate("w.title", lang),
        lang=lang,
        sections=tuple(sections),
        notes=tuple(_notes(plan, result, lang)),
        data=data(plan, result),
    )


def hearing_list_document(hearings: Sequence[Hearing], lang: Lang) -> Document:
    """Who was heard, how, and when: the latest answers of each respondent."""
    headers = tuple(
        translate(k, lang) for k in ("w.respondent", "w.department", "w.stakeholder", "w.method", "log.time")
    )
    rows = tuple(
        (
            h.respondent.id,
            h.respondent.department,
            h.respondent.group,
            translate(f"method.{h.answers.method}", lang),
            h.ts[:19].replace("T", " "),
        )
        for h in hearings
    )
    records = [
        {"respondent": h.respondent.model_dump(mode="json"), "method": h.answers.method, "event": h.seq, "ts": h.ts}
        for h in hearings
    ]
    return Document(
        kind="hearings",
        title=translate("w.heard", lang),
        lang=lang,
        sections=(Section("", (), Table("", headers, rows), key="hearings"),),
        data=records,
    )
