"""The comparison matrix as rows and cells, ready for any format.

`matrix_view` turns an Evaluation into criteria-as-rows, tools-as-columns (the layout
of a Japanese 比較表), with group rows, subtotals, total and rank, and the notes every
report must carry: the rule, the rounding, what is not in the totals, provenance.
Each format renderer only lays this out; none of them computes anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

from .._i18n import Lang, translate
from .._numbers import plain, round_fraction

if TYPE_CHECKING:
    from ..evaluation import Cell, Evaluation

RowKind = Literal["group", "criterion", "subtotal", "total", "rank"]


@dataclass(frozen=True)
class CellView:
    """One displayed cell: its number (already rounded) and the words beside it."""

    value: Decimal | int | None = None
    detail: str = ""
    flags: tuple[str, ...] = ()
    """Machine-readable flags: missing, partial, provisional."""
    notes: tuple[str, ...] = ()
    """The flags in the reader's language."""


@dataclass(frozen=True)
class RowView:
    kind: RowKind
    key: str
    label: str
    points: Decimal | None
    cells: tuple[CellView, ...]


@dataclass(frozen=True)
class MatrixView:
    title: str
    lang: Lang
    tool_ids: tuple[str, ...]
    tool_names: tuple[str, ...]
    rows: tuple[RowView, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)
    decimals: int = 2


def _exact_decimal(value: Fraction) -> Decimal:
    """Points are written as decimals, so their fractions terminate and convert exactly."""
    return Decimal(value.numerator) / Decimal(value.denominator)


def _levels(cell: Cell, evaluator_ids: list[str]) -> str:
    """Each evaluator's level in plan order, '-' where missing: `4/5/-` (ASCII, so any encoding takes it)."""
    given = {s.evaluator: s.level for s in cell.scores}
    return "/".join(given.get(e, "-") for e in evaluator_ids)


def matrix_view(evaluation: Evaluation, lang: Lang) -> MatrixView:
    plan = evaluation.plan
    info = plan.evaluation
    decimals, mode = info.decimals, info.rounding

    def rounded(value: Fraction) -> Decimal:
        return round_fraction(value, decimals, mode)

    evaluator_ids = [e.id for e in plan.evaluators]
    results = evaluation.results
    rows: list[RowView] = []
    for group, criteria in evaluation.groups():
        label = plan.groups[group].get(lang) if group in plan.groups else group
        rows.append(RowView("group", group, label, None, tuple(CellView() for _ in results)))
        for criterion in criteria:
            cells = []
            for result in results:
                cell = result.cells[criterion.id]
                if not cell.scored:
                    missing = translate("m.missing", lang)
                    cells.append(CellView(None, missing, ("missing",), (missing,)))
                    continue
                cell_flags: tuple[str, ...] = ()
                cell_notes: tuple[str, ...] = ()
                if cell.partial:
                    cell_flags = ("partial",)
                    cell_notes = (translate("m.partial", lang, n=len(cell.scores), m=len(evaluator_ids)),)
                assert cell.points is not None
                cells.append(CellView(rounded(cell.points), _levels(cell, evaluator_ids), cell_flags, cell_notes))
            worth = evaluation.cell_points(criterion)
            rows.append(
                RowView("criterion", criterion.id, criterion.name.get(lang), _exact_decimal(worth), tuple(cells))
            )
        group_points = sum((_exact_decimal(evaluation.cell_points(c)) for c in criteria), Decimal(0))
        subtotal_cells = []
        for result in results:
            value = result.subtotals.get(group)
            if value is None:
                missing = translate("m.missing", lang)
                subtotal_cells.append(CellView(None, missing, ("missing",)))
            else:
                subtotal_cells.append(CellView(rounded(value)))
        subtotal_label = f"{translate('m.subtotal', lang)} ({label})"
        rows.append(RowView("subtotal", group, subtotal_label, group_points, tuple(subtotal_cells)))
    total_cells = []
    for result in results:
        if result.total is None:
            total_cells.append(CellView(None, translate("m.missing", lang), ("missing",)))
        elif result.provisional:
            note = translate("m.provisional", lang, count=len(result.unscored))
            total_cells.append(CellView(rounded(result.total), "", ("provisional",), (note,)))
        else:
            total_cells.append(CellView(rounded(result.total)))
    max_points = _exact_decimal(evaluation.max_points)
    rows.append(RowView("total", "total", translate("m.total", lang), max_points, tuple(total_cells)))
    rows.append(
        RowView(
            "rank",
            "rank",
            translate("m.rank", lang),
            None,
            tuple(CellView(r.rank, "", ("provisional",) if r.provisional and r.rank else ()) for r in results),
        )
    )
    aggregation = translate(f"agg.{plan.scoring.aggregation}", lang)
    notes: list[str] = [
        translate(
            "m.rule", lang, rounding=translate(f"rounding.{mode}", lang), decimals=decimals, aggregation=aggregation
        )
    ]
    if evaluation.pending_criteria:
        items = ", ".join(
            f"{c.name.get(lang)} ({translate(f'kind.{c.kind}', lang)}, {plain(c.points)})"
            for c in evaluation.pending_criteria
        )
        notes.append(translate("m.not_scored_kind", lang, items=items))
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
        names = ", ".join(f"{e.id} {e.name}" for e in plan.evaluators)
        notes.append(translate("m.levels_key", lang, evaluators=names))
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
    return MatrixView(
        title=info.title.get(lang),
        lang=lang,
        tool_ids=tuple(r.tool.id for r in results),
        tool_names=tuple(r.tool.name.get(lang) for r in results),
        rows=tuple(rows),
        notes=tuple(notes),
        decimals=decimals,
    )


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
