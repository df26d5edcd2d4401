"""`toolbench weights` in every format: who said what, the group weights, the points,
and the disagreement (spread per criterion; how departments and groups pull).

One table model (`weights_tables`) feeds the terminal, Markdown, CSV, HTML and XLSX
renderers; JSON is the result as plain data.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any

from toolbench.base.i18n import Lang, translate
from toolbench.base.numbers import plain
from toolbench.methods.hearings import WeightsResult
from toolbench.model.plan import Plan


@dataclass(frozen=True)
class SimpleTable:
    title: str
    headers: list[str]
    rows: list[list[str]]


_PERCENT = re.compile(r"([+-]?[0-9]+(?:\.[0-9]+)?)%")
_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"


def _signed(value: float) -> str:
    return f"{value:+.1f}"


def weights_tables(plan: Plan, result: WeightsResult, lang: Lang) -> list[SimpleTable]:
    """Group weights and points; who pulls which way; each respondent's weights; who was heard; readiness."""
    names = {c.id: c.name.get(lang) for c in plan.criteria}
    total = float(result.points_total)
    departments = list(result.by_department)
    stakeholders = list(result.by_stakeholder)
    dept_names = {d: (dept.name.get(lang) if (dept := plan.department(d)) else d) for d in departments}
    group_names = {g: (plan.stakeholders[g].get(lang) if g in plan.stakeholders else g) for g in stakeholders}
    main_rows = []
    for c in result.criteria if result.points else ():
        apart = result.spread(c)
        assert apart is not None  # points exist only when someone counts
        main_rows.append(
            [names[c], _pct(result.group[c]), plain(result.points[c]), f"{_pct(apart.low)}–{_pct(apart.high)}"]
        )
    main = SimpleTable(
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
    pull_rows = []
    for c in result.criteria if result.points else ():
        row = [names[c], *(_signed((result.by_department[d][c] - result.group[c]) * total) for d in departments)]
        if len(stakeholders) > 1:
            row += [_signed((result.by_stakeholder[g][c] - result.group[c]) * total) for g in stakeholders]
        pull_rows.append(row)
    pull = SimpleTable(translate("w.pull", lang), pull_headers, pull_rows)
    everyone = [r.hearing.respondent.id for r in result.respondents]
    each = SimpleTable(
        translate("w.each", lang),
        [translate("m.criterion", lang), *everyone],
        [[names[c], *(_pct(r.weights[c]) for r in result.respondents)] for c in result.criteria],
    )
    threshold = float(plan.weights.cr_threshold)
    people_rows = []
    for r in result.respondents:
        who = r.hearing.respondent
        cr = "-" if r.cr is None else f"{r.cr:.3f}"
        counted = "✓" if r.included else translate("w.excluded", lang)
        if not r.consistent:
            counted += " · " + translate("w.inconsistent", lang, cr=cr, threshold=threshold)
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
    people = SimpleTable(
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
            SimpleTable(
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
        aggregation += " — " + translate("w.aip_fallback", lang)
    return translate("w.rule", lang, aggregation=aggregation, total=plain(result.points_total))


def _notes(plan: Plan, result: WeightsResult, lang: Lang) -> list[str]:
    notes = [_rule(plan, result, lang)]
    for hearing, error in result.left_out:
        notes.append(translate("w.left_out", lang, respondent=hearing.respondent.id, reason=error.message(lang)))
    return notes


def renderable(plan: Plan, result: WeightsResult, lang: Lang) -> Any:
    from rich.console import Group
    from rich.text import Text

    from toolbench.renderers.rows import rows_table

    parts: list[Any] = []
    for table in weights_tables(plan, result, lang):
        parts.append(rows_table(table.title, table.headers, table.rows))
    parts.extend(Text("・" + note, style="dim") for note in _notes(plan, result, lang))
    return Group(*parts)


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


def _markdown(tables: list[SimpleTable]) -> str:
    from toolbench.renderers.rows import rows_markdown

    return "\n".join(f"## {t.title}\n\n{rows_markdown(t.headers, t.rows)}" for t in tables)


def _csv(plan: Plan, result: WeightsResult, lang: Lang) -> str:
    from toolbench.renderers.rows import rows_csv

    names = {c.id: c.name.get(lang) for c in plan.criteria}
    respondents = [r.hearing.respondent.id for r in result.respondents]
    headers = [
        "id",
        translate("m.criterion", lang),
        translate("w.group", lang),
        translate("w.points", lang),
        *respondents,
    ]
    rows = [
        [
            c,
            names[c],
            f"{result.group[c]:.6f}",
            plain(result.points[c]),
            *(f"{r.weights[c]:.6f}" for r in result.respondents),
        ]
        for c in result.criteria
    ]
    return rows_csv(headers, rows)


def _svg_chart(plan: Plan, result: WeightsResult, lang: Lang) -> str:
    """Bars: the group weight of each criterion; dots: each counted respondent's weight."""
    names = {c.id: c.name.get(lang) for c in plan.criteria}
    top = max(
        [result.group[c] for c in result.criteria] + [r.weights[c] for r in result.included for c in result.criteria]
    )
    scale = 420 / (top or 1)
    row_h, left = 28, 200
    height = row_h * len(result.criteria) + 20
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="700" height="{height}" role="img">']
    for i, c in enumerate(result.criteria):
        y = 10 + i * row_h
        width = result.group[c] * scale
        parts.append(
            f'<text x="{left - 8}" y="{y + 16}" text-anchor="end" font-size="12">{html.escape(names[c])}</text>'
        )
        parts.append(f'<rect x="{left}" y="{y + 4}" width="{width:.1f}" height="16" fill="#4a7bb7"/>')
        parts.append(f'<text x="{left + width + 6:.1f}" y="{y + 16}" font-size="11">{_pct(result.group[c])}</text>')
        for r in result.included:
            parts.append(
                f'<circle cx="{left + r.weights[c] * scale:.1f}" cy="{y + 12}" r="3" fill="#d9822b" opacity="0.8"/>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _html(plan: Plan, result: WeightsResult, lang: Lang) -> str:
    title = html.escape(translate("w.title", lang))
    body = [f"<h1>{title}</h1>", _svg_chart(plan, result, lang) if result.points else ""]
    for table in weights_tables(plan, result, lang):
        head = "".join(f"<th>{html.escape(h)}</th>" for h in table.headers)
        rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in table.rows)
        body.append(
            f"<h2>{html.escape(table.title)}</h2><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        )
    body.extend(f"<p>{html.escape(note)}</p>" for note in _notes(plan, result, lang))
    style = (
        "@page{size:A4 landscape;margin:12mm}body{font-family:sans-serif;font-size:11pt}"
        "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #999;padding:2px 6px;text-align:right}"
        "td:first-child,th:first-child{text-align:left}"
    )
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{style}</style></head><body>{''.join(body)}</body></html>\n"
    )


def render(plan: Plan, result: WeightsResult, lang: Lang, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data(plan, result), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return _csv(plan, result, lang)
    if fmt == "html":
        return _html(plan, result, lang)
    if fmt == "markdown":
        return _markdown(weights_tables(plan, result, lang))
    from toolbench.renderers.terminal import plain_text

    return plain_text(renderable(plan, result, lang))


def xlsx_bytes(plan: Plan, result: WeightsResult, lang: Lang) -> bytes:
    """One sheet per table; every text cell stored as text, so nothing runs as a formula."""
    from openpyxl import Workbook

    from toolbench.renderers.xlsx import sheet_title

    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for table in weights_tables(plan, result, lang):
        sheet = book.create_sheet(title=sheet_title(table.title, taken))
        for r, row in enumerate([table.headers, *table.rows], start=1):
            for c, value in enumerate(row, start=1):
                percent = _PERCENT.fullmatch(value) if r > 1 else None
                number = _NUMBER.fullmatch(value) if r > 1 else None
                if percent:  # a figure stays a figure, so SUM and charts work in Excel
                    cell = sheet.cell(row=r, column=c, value=float(percent.group(1)) / 100)
                    cell.number_format = "0.0%"
                elif number:
                    sheet.cell(row=r, column=c, value=float(value))
                else:
                    cell = sheet.cell(row=r, column=c, value=value)
                    cell.data_type = "s"  # text stays text: "=…" is never run as a formula
    import io

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
