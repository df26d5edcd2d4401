"""The trial board as a document: each tool in each department, its phase and days in it, feedback, SUS, hours saved.

Tools, departments and phases are named as the plan names them; the JSON keeps the
ids beside the names (`board_records`). While blind (`labels` given) a tool is its label
(候補A / Candidate A, id A) everywhere, in label order: the plan's order would tell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

from toolbench.base.i18n import Lang, translate
from toolbench.base.numbers import figure
from toolbench.documents.model import Document, Figure, Section, Table, Value
from toolbench.methods.trials import Trial
from toolbench.model.plan import Plan


def phase_name(plan: Plan, phase: str, lang: Lang) -> str:
    found = plan.phase(phase)
    return found.name.get(lang) if found is not None else phase


def one_decimal(value: Fraction) -> str:
    return figure(value, 1, "half_up")


def board_records(
    plan: Plan,
    states: dict[tuple[str, str], Trial],
    lang: Lang,
    now: dt.datetime | None = None,
    labels: Mapping[str, str] | None = None,
) -> list[dict[str, object]]:
    """One record per trial, in plan order of tools (label order while blind) and departments; days up to `now`."""
    if labels:
        tool_order = sorted((labels.get(t.id, t.id) for t in plan.tools), key=lambda x: (len(x), x))
    else:
        tool_order = [t.id for t in plan.tools]
    dept_order = [d.id for d in plan.departments]

    def shown_id(tool: str) -> str:
        return labels.get(tool, tool) if labels else tool

    def order(key: tuple[str, str]) -> tuple[int, int]:
        tool, dept = shown_id(key[0]), key[1]
        return (
            tool_order.index(tool) if tool in tool_order else len(tool_order),
            dept_order.index(dept) if dept in dept_order else len(dept_order),
        )

    records: list[dict[str, object]] = []
    for key in sorted(states, key=order):
        item = states[key]
        sus = item.sus_mean
        hours = item.hours_per_year
        records.append(
            {
                "tool": shown_id(item.tool),
                "department": item.department,
                "phase": item.phase,
                "phase_name": phase_name(plan, item.phase, lang),
                "since": item.moves[-1].ts,
                "days_in_phase": item.days_in_phase(now),
                "feedback": len(item.feedback),
                "sus_mean": one_decimal(sus) if sus is not None else None,
                "sus_grade": item.sus_grade,
                "sus_count": len(item.sus_scores),
                "hours_per_year": one_decimal(hours) if hours is not None else None,
                "effect_reports": len(item.effect_reports),
                "training_sessions": len(item.training),
            }
        )
    return records


def tool_name(plan: Plan, tool_id: str, lang: Lang, labels: Mapping[str, str] | None = None) -> str:
    """A tool as people call it: its name in the plan, or while blind its label (候補A / Candidate A)."""
    if labels:
        return translate("blind.label", lang, letter=labels.get(tool_id, tool_id))
    tool = plan.tool(tool_id)
    return tool.name.get(lang) if tool is not None else tool_id


def _department(plan: Plan, department_id: str, lang: Lang) -> str:
    department = plan.department(department_id)
    return department.name.get(lang) if department is not None else department_id


def board_document(
    plan: Plan,
    states: dict[tuple[str, str], Trial],
    lang: Lang,
    now: dt.datetime | None = None,
    labels: Mapping[str, str] | None = None,
) -> Document:
    """One row per trial with names as the plan gives them (labels while blind); SUS graded on the mean as shown.

    The JSON is `board_records`.
    """
    records = board_records(plan, states, lang, now, labels)
    by_shown = {(labels.get(t, t) if labels else t, d): item for (t, d), item in states.items()}
    none = translate("board.none", lang)
    headers = tuple(
        translate(k, lang)
        for k in ("board.tool", "board.department", "board.phase", "board.days")
        + ("board.feedback", "board.sus", "board.grade", "board.hours")
    )
    rows: list[tuple[Value, ...]] = []
    for record in records:
        item = by_shown[(str(record["tool"]), str(record["department"]))]
        sus = item.sus_mean_shown
        hours = item.hours_per_year
        rows.append(
            (
                tool_name(plan, item.tool, lang, labels),
                _department(plan, item.department, lang),
                str(record["phase_name"]),
                int(str(record["days_in_phase"])),
                len(item.feedback),
                Figure(sus, str(sus), "0.0") if sus is not None else none,
                item.sus_grade or none,
                # the board reports hours to one decimal: that figure, not 20 digits of a repeating fraction
                Figure(Decimal(one_decimal(hours)), one_decimal(hours), "#,##0.0") if hours is not None else none,
            )
        )
    table = Table("", headers, tuple(rows))
    notes = (translate("board.sus_note", lang), translate("board.hours_note", lang))
    return Document(
        kind="trials",
        title=translate("board.title", lang),
        lang=lang,
        sections=(Section("", (), table, key="board"),),
        notes=notes,
        data=records,
    )
