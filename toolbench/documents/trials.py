"""The trial board as a document: each tool in each department, its phase and days in it, feedback, SUS, hours saved.

Tools, departments and phases are named as the plan names them; the JSON keeps the
ids beside the names (`board_records`). While blind (`labels` given) a tool is its label
(候補A / Candidate A, id A) everywhere, in label order: the plan's order would tell.

Other cities' trial evidence (`toolbench.methods.evidence`) is shown in a section of its
own, with its source and date and whether it counts here, never among this city's
figures; `evidence_document` lists it per tool (`toolbench trials evidence`). While blind
it is left out: it names the products.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from toolbench.base.i18n import Lang, translate
from toolbench.base.numbers import figure, plain
from toolbench.base.times import document_date, local
from toolbench.documents.model import Document, Figure, Section, Table, Value
from toolbench.methods.evidence import OtherCity, beside_tools
from toolbench.methods.trials import Trial, TrialStates
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
    others: Sequence[OtherCity] | None = None,
) -> Document:
    """One row per trial with names as the plan gives them (labels while blind); SUS graded on the mean as shown.

    Other cities' evidence (`others`; default: what the ledger adopted) follows in a
    section of its own, with its source, date and whether it counts here; while blind
    it is left out. The JSON is `board_records`, this city's trials only.
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
    notes: tuple[str, ...] = (translate("board.sus_note", lang), translate("board.hours_note", lang))
    sections = [Section("", (), table, key="board")]
    if others is None and isinstance(states, TrialStates):  # what the ledger holds: the adopted evidence
        others = beside_tools(plan, (), states.adopted)
    if others and not labels:  # while blind, other cities' evidence would name the products behind the labels
        intro = (translate("evidence.note", lang), translate("evidence.withheld_note", lang))
        sections.append(Section(translate("evidence.board_section", lang), intro, key="other-cities"))
        sections += evidence_sections(plan, others, lang)
    return Document(
        kind="trials",
        title=translate("board.title", lang),
        lang=lang,
        sections=tuple(sections),
        notes=notes,
        data=records,
    )


# --- other cities' evidence ---------------------------------------------------------------


def _withheld(n: int, least: int, lang: Lang) -> str:
    return translate("evidence.withheld_value", lang, n=n, min=least)


def evidence_cells(plan: Plan | None, item: OtherCity, lang: Lang) -> dict[str, str]:
    """One other city's record in words, by row key: source, date, period, departments, figures, status.

    Without a plan (a catalog entry seen outside a workspace) nothing can be adopted: shown only."""
    record = item.evidence
    none = translate("evidence.none_value", lang)
    least = record.min_respondents
    departments = [
        translate(
            "evidence.department_phase",
            lang,
            department=d.name.get(lang)
            if d.name is not None
            else translate("evidence.department", lang, number=d.number),
            phase=d.phase_name.get(lang),
        )
        for d in record.departments
    ]
    cells = {
        "publisher": record.publisher,
        "published_on": document_date(record.published, lang),
        "period": translate(
            "evidence.span",
            lang,
            first=document_date(record.first_date, lang),
            last=document_date(record.last_date, lang),
        ),
        "departments": translate(
            "evidence.count", lang, count=len(departments), list=("、" if lang == "ja" else "; ").join(departments)
        ),
        "sus": none,
        "uxlite": none,
        "hours": none,
        "accuracy": none,
    }
    if record.sus is not None:
        sus = record.sus
        cells["sus"] = (
            translate("evidence.sus_value", lang, value=sus.mean, grade=sus.grade, n=sus.n)
            if sus.mean is not None
            else _withheld(sus.n, least, lang)
        )
    if record.uxlite is not None:
        ux = record.uxlite
        cells["uxlite"] = (
            translate("evidence.value_n", lang, value=ux.mean, n=ux.n)
            if ux.mean is not None
            else _withheld(ux.n, least, lang)
        )
    if record.hours_per_year is not None:
        hours = record.hours_per_year
        cells["hours"] = (
            translate(
                "evidence.hours_value",
                lang,
                value=f"{hours.mean:,}",
                n=hours.n,
                minutes=hours.minutes_saved_per_case,
                days="/".join(plain(d) for d in hours.period_days),
            )
            if hours.mean is not None
            else _withheld(hours.n, least, lang)
        )
    if record.accuracy:
        parts = []
        for a in record.accuracy:
            unit = translate(f"trial.unit.{a.unit}", lang)
            if a.rate is None:
                parts.append(translate("evidence.accuracy_withheld", lang, unit=unit, n=a.n, min=least))
            elif a.correct is not None:
                parts.append(
                    translate(
                        "evidence.accuracy_value", lang, rate=a.rate, unit=unit, correct=a.correct, total=a.total, n=a.n
                    )
                )
            else:
                parts.append(translate("evidence.accuracy_rate", lang, rate=a.rate, unit=unit, n=a.n))
        cells["accuracy"] = ("、" if lang == "ja" else "; ").join(parts)
    cells["status"] = _status(plan, item, lang)
    cells["file"] = item.pulled.file if item.pulled is not None else translate("evidence.ledger_only", lang)
    return cells


def _status(plan: Plan | None, item: OtherCity, lang: Lang) -> str:
    adoption = item.adoption
    if adoption is None or plan is None:
        return translate("evidence.shown_only", lang)
    moment = dt.datetime.fromisoformat(adoption.ts.replace("Z", "+00:00"))
    day = document_date(local(moment, plan.evaluation.time_zone).date(), lang)
    if not item.adopted_as_pulled:
        return translate("evidence.older", lang, date=day)
    if not item.counted_in:
        return translate("evidence.adopted_only", lang, date=day)
    names = []
    for criterion_id in item.counted_in:
        criterion = plan.criterion(criterion_id)
        names.append(criterion.name.get(lang) if criterion is not None else criterion_id)
    return translate(
        "evidence.counted", lang, date=day, criteria="、".join(names) if lang == "ja" else ", ".join(names)
    )


_ROWS = ("published_on", "period", "departments", "sus", "uxlite", "hours", "accuracy", "status", "file")
"""The rows of a record, in order (its publisher heads the column)."""


def evidence_records(others: Sequence[OtherCity]) -> list[dict[str, Any]]:
    """Other cities' evidence for machines: each record whole, where it is, and whether it counts here."""
    records: list[dict[str, Any]] = []
    for item in others:
        pulled = item.pulled
        adoption = item.adoption
        records.append(
            {
                "tool": item.tool,
                "publisher": item.evidence.publisher,
                "published": item.evidence.published.isoformat(),
                "pulled": None
                if pulled is None
                else {
                    "file": pulled.file,
                    "sha256": pulled.sha256,
                    "url": pulled.url,
                    "url_sha256": pulled.url_sha256,
                    "fetched_at": pulled.fetched_at,
                },
                "adopted": None
                if adoption is None
                else {
                    "event": adoption.seq,
                    "ts": adoption.ts,
                    "file": adoption.source,
                    "sha256": adoption.sha256,
                    "reason": adoption.reason,
                    "as_pulled": item.adopted_as_pulled,
                },
                "counted_in": list(item.counted_in),
                "evidence": item.evidence.model_dump(mode="json", exclude_none=True),
            }
        )
    return records


def evidence_sections(plan: Plan, others: Sequence[OtherCity], lang: Lang) -> list[Section]:
    """Per tool, each other city's record in a column (source, date, figures, whether it counts here).

    Items are rows and sources are columns, so that one or two sources fit 80 columns.
    """
    sections = []
    for tool in plan.tools:
        mine = [item for item in others if item.tool == tool.id]
        if not mine:
            continue
        columns = [evidence_cells(plan, item, lang) for item in mine]
        headers = (translate("evidence.item", lang), *(c["publisher"] for c in columns))
        rows = tuple((translate(f"evidence.{key}", lang), *(c[key] for c in columns)) for key in _ROWS)
        title = f"{tool_name(plan, tool.id, lang)} ({tool.id})"
        sections.append(Section(title, (), Table("", headers, rows), key=f"evidence-{tool.id}"))
    return sections


def evidence_document(plan: Plan, others: Sequence[OtherCity], lang: Lang) -> Document:
    """`toolbench trials evidence`: other cities' evidence on the plan's tools, a section per tool.

    The JSON is `evidence_records`.
    """
    return Document(
        kind="trial-evidence",
        title=translate("evidence.title", lang),
        lang=lang,
        sections=tuple(evidence_sections(plan, others, lang)),
        notes=(translate("evidence.note", lang), translate("evidence.withheld_note", lang)),
        data=evidence_records(others),
    )
