"""The requirement fit comparison (機能要件適合表の比較) and each proposer's sheet, built from an Evaluation.

    fit_report_document   every fit criterion requirement by requirement across the proposers
                          (`toolbench fit report`, and `fit.*` in the procurement set): per proposer
                          its points, raw sum and counts; the answers per priority, self-assessed
                          and counted; the table of requirements × proposers, each cell the
                          proposer's answer beside the value that counts (`△→× 格下げ`); the
                          requirements only one proposer meets (a sign the specification may
                          favour one vendor, for review before the notice is published); the
                          必須 gaps per proposer; the verification log; the rule
    fit_answers_table     one proposer's sheet: requirement, priority, answer, remark, the value
                          that counts, its verification and the reason

Proposers, criteria and priorities are named by their names (requirement numbers are the
template's own: a vendor answers them by number). Times are in the plan's time zone. While
blind, the proposers are their labels and free text (remarks, reasons) waits for unblinding,
since it may name a vendor.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from fractions import Fraction

from toolbench.base.errors import OutputError
from toolbench.base.i18n import Lang, translate
from toolbench.base.numbers import plain, round_fraction
from toolbench.base.times import document_date, local, zone_label
from toolbench.documents.matrix import (
    FIT_ORDER,
    answer_symbol,
    fairness_lines,
    finding_text,
    fit_criteria_of,
    fit_rule_lines,
)
from toolbench.documents.model import Document, Figure, Section, Table, Value, anchor_line
from toolbench.methods.evaluation import Evaluation, Finding, ToolResult
from toolbench.methods.fit import FitCell, FitRow
from toolbench.model.plan import Criterion, FitRequirement, FitRule, Plan

__all__ = ["comparison_text", "fit_answers_table", "fit_report_document", "only_one"]


# --- words -------------------------------------------------------------------------------------


class _Words:
    """How this document names things, in one language; free text withheld while blind."""

    def __init__(self, evaluation: Evaluation, lang: Lang) -> None:
        self.evaluation = evaluation
        self.plan: Plan = evaluation.plan
        self.lang: Lang = lang
        self.blind = evaluation.blind is not None

    def tool(self, result: ToolResult) -> str:
        return result.tool.name.get(self.lang)

    def criterion(self, criterion: Criterion) -> str:
        return criterion.name.get(self.lang)

    def priority(self, priority: str) -> str:
        found = self.plan.fit.priorities.get(priority)
        return found.get(self.lang) if found is not None else priority

    def priorities(self, priorities: Iterable[str]) -> str:
        return translate("fdoc.priority_join", self.lang).join(self.priority(p) for p in priorities)

    def text(self, requirement: FitRequirement) -> str:
        return requirement.text.get(self.lang)

    def category(self, requirement: FitRequirement) -> str | None:
        return requirement.category.get(self.lang) if requirement.category is not None else None

    def free(self, words: str | None) -> str | None:
        """A remark or a reason as written; while blind it may name a vendor, so it waits for unblinding."""
        if not words:
            return None
        return translate("m.reason_blind", self.lang) if self.blind else words

    def symbol(self, value: str) -> str:
        return answer_symbol(value, self.lang)

    def when(self, ts: str) -> str:
        """A stored UTC stamp as the local date (和暦 with the western year) and time; the zone is named once above."""
        try:
            moment = local(datetime.fromisoformat(ts), self.plan.evaluation.time_zone)
        except ValueError:
            return ts
        return f"{document_date(moment.date(), self.lang)} {moment:%H:%M}"

    def actor(self, actor: str) -> str:
        found = self.plan.evaluator(actor)
        return found.name if found is not None else actor

    def points(self, value: Fraction | None) -> Value:
        """Points as every document shows them: the plan's decimals and rounding (the rounded number for machines)."""
        if value is None:
            return None
        info = self.plan.evaluation
        rounded = round_fraction(value, info.decimals, info.rounding)
        number_format = "0." + "0" * info.decimals if info.decimals else "0"
        return Figure(rounded, f"{rounded:.{info.decimals}f}", number_format)


def _exact(value: Fraction | None) -> Value:
    """A raw sum exactly (it adds the plan's decimals, so it terminates)."""
    if value is None:
        return None
    if value.denominator == 1:
        return value.numerator
    return Figure(value, plain(Decimal(value.numerator) / Decimal(value.denominator)))


def _cells(evaluation: Evaluation, criterion: Criterion) -> list[tuple[ToolResult, FitCell]]:
    out = []
    for result in evaluation.results:
        cell = result.cells.get(criterion.id)
        if cell is not None and cell.fit is not None:
            out.append((result, cell.fit))
    return out


def _answered(row: FitRow, words: _Words) -> str:
    """The proposer's own answer (its self-assessment), or 未回答."""
    return words.symbol(row.answer.answer) if row.answer is not None else translate("fdoc.unanswered", words.lang)


def _counted(row: FitRow, words: _Words) -> str | None:
    return words.symbol(row.value) if row.value is not None else None


def _status(row: FitRow, words: _Words) -> str | None:
    return translate(f"fdoc.status.{row.status}", words.lang) if row.status is not None else None


def comparison_text(row: FitRow, lang: Lang) -> str:
    """One proposer's cell of the comparison: `○`; `○ 未確認`; `△→× 格下げ`; `△→× 照会中`; `未回答`.

    The answer alone where it was accepted; an arrow to the counted value where it differs
    (a downgrade, or a △ not accepted yet); the verification named unless it is an acceptance.
    """
    if row.answer is None or row.value is None:
        return translate("fdoc.unanswered", lang)
    shown = answer_symbol(row.answer.answer, lang)
    if row.value != row.answer.answer:
        shown += "→" + answer_symbol(row.value, lang)
    if row.status is not None and row.status != "accepted":
        shown += " " + translate(f"fdoc.status.{row.status}", lang)
    return shown


def _reason(row: FitRow, words: _Words) -> str | None:
    """Why the counted value stands as it does: the verification's reason, else the reason of a changed answer."""
    if row.verification is not None and row.verification.reason:
        return words.free(row.verification.reason)
    if row.answer is not None and row.answer.reason:
        return words.free(row.answer.reason)
    return None


def _finding(finding: Finding, words: _Words) -> str:
    """A disqualification in words, any criterion it names by its name (a must-have's too)."""
    criterion = words.plan.criterion(str(finding.params.get("criterion", "")))
    if criterion is None:
        return finding_text(finding, words.plan, words.lang)
    return translate(finding.key, words.lang, **{**finding.params, "criterion": words.criterion(criterion)})


def _findings(result: ToolResult, words: _Words) -> str:
    join = translate("fdoc.reasons_join", words.lang)
    return join.join(_finding(f, words) for f in result.disqualified)


def _standing(result: ToolResult, fit: FitCell, words: _Words) -> str:
    """失格 (its reasons are listed above the table), 未採点, 暫定 or 確認済."""
    lang = words.lang
    if result.disqualified:
        return translate("m.disqualified", lang)
    if fit.unanswered:
        return translate("fdoc.standing.unanswered", lang, count=len(fit.unanswered))
    if fit.awaiting:
        return translate("fdoc.standing.awaiting", lang, count=len(fit.awaiting))
    return translate("fdoc.standing.verified", lang)


def _tool_header(result: ToolResult, words: _Words) -> str:
    name = words.tool(result)
    return translate("fdoc.header.disqualified", words.lang, tool=name) if result.disqualified else name


def _titled(key: str, criterion: Criterion, words: _Words) -> str:
    return translate(f"fdoc.section.{key}", words.lang, criterion=words.criterion(criterion))


def _sheet(key: str, criterion: Criterion, several: bool, words: _Words) -> str:
    sheet = translate(f"fdoc.sheet.{key}", words.lang)
    if not several:
        return sheet
    return translate("fdoc.sheet.named", words.lang, criterion=words.criterion(criterion), sheet=sheet)


# --- the parts, per fit criterion -------------------------------------------------------------------


def _summary_table(criterion: Criterion, cells: list[tuple[ToolResult, FitCell]], words: _Words) -> Table:
    lang = words.lang
    headers = (
        translate("fdoc.col.tool", lang),
        translate("fdoc.col.points", lang, points=plain(criterion.points)),
        translate("fdoc.col.raw", lang),
        translate("fdoc.col.best", lang),
        *(words.symbol(value) for value in FIT_ORDER),
        translate("fdoc.col.unanswered", lang),
        translate("fdoc.col.awaiting", lang),
        translate("fdoc.col.required_no", lang),
        translate("fdoc.col.standing", lang),
    )
    rows: list[tuple[Value, ...]] = []
    for result, fit in cells:
        cell = result.cells[criterion.id]
        rows.append(
            (
                words.tool(result),
                words.points(cell.points),
                _exact(fit.raw),
                _exact(fit.best),
                *(fit.counts.get(value, 0) for value in FIT_ORDER),
                len(fit.unanswered),
                len(fit.awaiting),
                len(fit.required_failed),
                _standing(result, fit, words),
            )
        )
    return Table(_titled("summary", criterion, words), headers, tuple(rows))


def _priorities_table(criterion: Criterion, cells: list[tuple[ToolResult, FitCell]], words: _Words) -> Table:
    """Per proposer and priority: how many requirements, the proposer's own answers and the counted ones."""
    lang = words.lang
    requirements = words.plan.fit_requirements(criterion.id)
    order = [p for p in words.plan.fit.priorities if any(r.priority == p for r in requirements)]
    order += [p for p in dict.fromkeys(r.priority for r in requirements) if p not in order]
    headers = (
        translate("fdoc.col.tool", lang),
        translate("fdoc.col.priority", lang),
        translate("fdoc.col.requirements", lang),
        *(translate("fdoc.col.answered", lang, answer=words.symbol(v)) for v in FIT_ORDER),
        *(translate("fdoc.col.counted", lang, answer=words.symbol(v)) for v in FIT_ORDER),
        translate("fdoc.col.unanswered", lang),
    )
    rows: list[tuple[Value, ...]] = []
    for result, fit in cells:
        groups: list[tuple[str, list[FitRow]]] = [
            (words.priority(p), [r for r in fit.rows if r.requirement.priority == p]) for p in order
        ]
        if len(order) > 1:
            groups.append((translate("fdoc.total", lang), list(fit.rows)))
        for label, members in groups:
            own = [r.answer.answer for r in members if r.answer is not None]
            counted = [r.value for r in members if r.value is not None]
            rows.append(
                (
                    words.tool(result),
                    label,
                    len(members),
                    *(own.count(v) for v in FIT_ORDER),  # type: ignore[arg-type]
                    *(counted.count(v) for v in FIT_ORDER),  # type: ignore[arg-type]
                    sum(1 for r in members if r.answer is None),
                )
            )
    return Table(_titled("priorities", criterion, words), headers, tuple(rows))


def _comparison_table(criterion: Criterion, cells: list[tuple[ToolResult, FitCell]], words: _Words) -> Table:
    """Requirements as rows, proposers as columns: each cell the answer beside what counts.

    The requirements are named by number here (their text is in the requirement list):
    a grid of hundreds of rows and one column per proposer stays one line a row on paper.
    """
    lang = words.lang
    requirements = words.plan.fit_requirements(criterion.id)
    categorised = any(r.category is not None for r in requirements)
    headers = (
        translate("fdoc.col.id", lang),
        *((translate("fdoc.col.category", lang),) if categorised else ()),
        translate("fdoc.col.priority", lang),
        *(_tool_header(result, words) for result, _ in cells),
    )
    by_tool = [{row.requirement.id: row for row in fit.rows} for _, fit in cells]
    rows: list[tuple[Value, ...]] = []
    for requirement in requirements:
        rows.append(
            (
                requirement.id,
                *((words.category(requirement),) if categorised else ()),
                words.priority(requirement.priority),
                *(comparison_text(own[requirement.id], lang) for own in by_tool),
            )
        )
    notes = (translate("fdoc.legend", lang, na=words.symbol("na")), translate("fdoc.comparison.about", lang))
    return Table(_titled("comparison", criterion, words), headers, tuple(rows), notes)


def _requirements_table(criterion: Criterion, words: _Words) -> Table:
    """The requirement list the comparison numbers: number, text, category, priority."""
    lang = words.lang
    requirements = words.plan.fit_requirements(criterion.id)
    categorised = any(r.category is not None for r in requirements)
    headers = (
        translate("fdoc.col.id", lang),
        translate("fdoc.col.requirement", lang),
        *((translate("fdoc.col.category", lang),) if categorised else ()),
        translate("fdoc.col.priority", lang),
    )
    rows = tuple(
        (
            r.id,
            words.text(r),
            *((words.category(r),) if categorised else ()),
            words.priority(r.priority),
        )
        for r in requirements
    )
    return Table(_titled("requirements", criterion, words), headers, rows)


def only_one(cells: list[tuple[ToolResult, FitCell]]) -> list[tuple[FitRequirement, int]]:
    """The requirements exactly one proposer meets (○ as counted), with that proposer's position in `cells`."""
    if len(cells) < 2:
        return []
    found = []
    for index, row in enumerate(cells[0][1].rows):
        meeting = [i for i, (_, fit) in enumerate(cells) if fit.rows[index].value == "yes"]
        if len(meeting) == 1:
            found.append((row.requirement, meeting[0]))
    return found


def _only_one_section(criterion: Criterion, cells: list[tuple[ToolResult, FitCell]], words: _Words) -> Section:
    lang = words.lang
    found = only_one(cells)
    total = len(words.plan.fit_requirements(criterion.id))
    sentences = [translate("fdoc.only_one.about", lang)]
    if len(cells) < 2:
        sentences.append(translate("fdoc.only_one.single", lang))
    else:
        sentences.append(translate("fdoc.only_one.count", lang, count=len(found), total=total))
    headers = (
        translate("fdoc.col.id", lang),
        translate("fdoc.col.requirement", lang),
        translate("fdoc.col.priority", lang),
        translate("fdoc.col.met_by", lang),
        translate("fdoc.col.others", lang),
    )
    positions = {r.id: i for i, r in enumerate(words.plan.fit_requirements(criterion.id))}
    rows: list[tuple[Value, ...]] = []
    for requirement, meets in found:
        index = positions[requirement.id]
        others = "、" if lang == "ja" else ", "
        rest = others.join(
            f"{words.tool(result)} {comparison_text(fit.rows[index], lang)}"
            for position, (result, fit) in enumerate(cells)
            if position != meets
        )
        rows.append(
            (
                requirement.id,
                words.text(requirement),
                words.priority(requirement.priority),
                words.tool(cells[meets][0]),
                rest,
            )
        )
    table = Table(_titled("only_one", criterion, words), headers, tuple(rows))
    return Section(table.title, tuple(sentences), table, key=f"fit-{criterion.id}-only-one")


def _gaps_section(criterion: Criterion, cells: list[tuple[ToolResult, FitCell]], words: _Words) -> Section:
    """Per proposer, the required requirements it does not meet: counted ×, a △ awaiting verification, unanswered."""
    lang = words.lang
    required = set(words.plan.fit.required)
    title = _titled("gaps", criterion, words)
    key = f"fit-{criterion.id}-gaps"
    if not required:
        return Section(title, (translate("fdoc.gaps.no_required", lang),), key=key)
    sentences = [translate("fdoc.gaps.about", lang, priorities=words.priorities(words.plan.fit.required))]
    headers = (
        translate("fdoc.col.tool", lang),
        translate("fdoc.col.id", lang),
        translate("fdoc.col.requirement", lang),
        translate("fdoc.col.gap", lang),
        translate("fdoc.col.answer", lang),
        translate("fdoc.col.remark", lang),
        translate("fdoc.col.reason", lang),
    )
    rows: list[tuple[Value, ...]] = []
    for result, fit in cells:
        failed, pending = set(fit.required_failed), set(fit.required_pending)
        kinds: dict[str, int] = {}
        for row in fit.rows:
            if row.requirement.priority not in required:
                continue
            rid = row.requirement.id
            kind = (
                "no" if rid in failed else "pending" if rid in pending else "unanswered" if row.answer is None else None
            )
            if kind is None:
                continue
            kinds[kind] = kinds.get(kind, 0) + 1
            rows.append(
                (
                    words.tool(result),
                    rid,
                    words.text(row.requirement),
                    translate(f"fdoc.gap.{kind}", lang),
                    comparison_text(row, lang),
                    words.free(row.answer.remark if row.answer is not None else None),
                    _reason(row, words),
                )
            )
        if kinds:
            details = "、" if lang == "ja" else ", "
            parts = details.join(
                translate(f"fdoc.gap.count.{kind}", lang, count=kinds[kind])
                for kind in ("no", "pending", "unanswered")
                if kind in kinds
            )
            line = translate("fdoc.gaps.line", lang, tool=words.tool(result), count=sum(kinds.values()), details=parts)
        else:
            line = translate("fdoc.gaps.line_none", lang, tool=words.tool(result))
        sentences.append(line)
    table = Table(title, headers, tuple(rows))
    return Section(title, tuple(sentences), table, key=key)


def _log_section(criterion: Criterion, cells: list[tuple[ToolResult, FitCell]], words: _Words) -> Section:
    """The verifications that changed or questioned an answer, accepted alternatives and changed answers, in order."""
    lang = words.lang
    title = _titled("log", criterion, words)
    zone = zone_label(words.plan.evaluation.time_zone, lang)
    entries: list[tuple[int, tuple[Value, ...]]] = []
    for result, fit in cells:
        for row in fit.rows:
            answer, verification = row.answer, row.verification
            if answer is None:
                continue
            base = (words.tool(result), row.requirement.id)
            if answer.reason:
                entries.append(
                    (
                        answer.seq,
                        (
                            words.when(answer.ts),
                            *base,
                            translate("fdoc.action.changed", lang),
                            words.symbol(answer.answer),
                            words.free(answer.remark),
                            words.free(answer.reason),
                            words.actor(answer.actor),
                            answer.seq,
                        ),
                    )
                )
            if verification is None:
                continue
            if verification.action == "accept" and answer.answer != "partial":
                continue
            action = (
                translate("fdoc.action.accept_partial", lang)
                if verification.action == "accept"
                else translate(f"fit.action.{verification.action}", lang)
            )
            entries.append(
                (
                    verification.seq,
                    (
                        words.when(verification.ts),
                        *base,
                        action,
                        comparison_text(row, lang),
                        words.free(answer.remark),
                        words.free(verification.reason),
                        words.actor(verification.actor),
                        verification.seq,
                    ),
                )
            )
    entries.sort(key=lambda entry: entry[0])
    headers = (
        translate("fdoc.col.when", lang),
        translate("fdoc.col.tool", lang),
        translate("fdoc.col.id", lang),
        translate("fdoc.col.action", lang),
        translate("fdoc.col.result", lang),
        translate("fdoc.col.remark", lang),
        translate("fdoc.col.reason", lang),
        translate("fdoc.col.actor", lang),
        translate("fdoc.col.event", lang),
    )
    sentences = [translate("fdoc.log.about", lang, zone=zone)]
    if not entries:
        sentences.append(translate("fdoc.log.none", lang))
    table = Table(title, headers, tuple(row for _, row in entries))
    return Section(title, tuple(sentences), table, key=f"fit-{criterion.id}-log")


def _rules_section(evaluation: Evaluation, words: _Words) -> Section:
    """The rule in words, and the points per answer and priority as a table."""
    lang = words.lang
    plan = words.plan
    criteria = fit_criteria_of(evaluation)
    several = len(criteria) > 1
    required = set(plan.fit.required)
    headers = (
        *((translate("fdoc.col.criterion", lang),) if several else ()),
        translate("fdoc.col.priority", lang),
        translate("fdoc.col.requirements", lang),
        words.symbol("yes"),
        words.symbol("partial"),
        words.symbol("no"),
        translate("fdoc.col.on_no", lang),
    )
    rows: list[tuple[Value, ...]] = []
    for criterion in criteria:
        rule = criterion.fit or FitRule()
        requirements = plan.fit_requirements(criterion.id)
        for priority, points in rule.points.items():
            count = sum(1 for r in requirements if r.priority == priority)
            if not count:
                continue
            on_no = translate(f"fdoc.on_no.{rule.required_no}", lang) if priority in required else None
            rows.append(
                (
                    *((words.criterion(criterion),) if several else ()),
                    words.priority(priority),
                    count,
                    points.yes,
                    points.partial,
                    points.no,
                    on_no,
                )
            )
    sentences = (translate("fdoc.legend", lang, na=words.symbol("na")), *fit_rule_lines(evaluation, lang))
    title = translate("fdoc.section.rules", lang)
    table = Table(title, headers, tuple(rows))
    return Section(title, sentences, table, key="fit-rules", sheet=translate("fdoc.sheet.rules", lang))


# --- the documents ------------------------------------------------------------------------------------


def fit_report_document(evaluation: Evaluation, lang: Lang, *, now: datetime | None = None) -> Document:
    """The requirement-by-requirement comparison of the proposers, for every fit criterion of `evaluation`.

    Per criterion: each proposer's points, raw sum, counts and standing (失格 with its
    reason); the answers per priority, self-assessed and counted; requirements × proposers
    with the answer beside the value that counts; the requirements only one proposer meets;
    the 必須 gaps; the verification log. Then the rule. Prints on A4 landscape; the
    comparison runs to as many pages as the list has rows.
    """
    words = _Words(evaluation, lang)
    plan = evaluation.plan
    moment = now or datetime.now(UTC)
    sections: list[Section] = []
    disclosed = fairness_lines(evaluation, lang)
    if disclosed:
        sections.append(Section(translate("fdoc.section.disclosures", lang), tuple(disclosed), key="disclosures"))
    criteria = fit_criteria_of(evaluation)
    several = len(criteria) > 1
    if criteria:  # the rule first: what the figures below mean
        sections.append(_rules_section(evaluation, words))
    else:
        sections.append(Section("", (translate("fdoc.no_fit", lang),), key="no-fit"))
    for criterion in criteria:
        cells = _cells(evaluation, criterion)
        summary = _summary_table(criterion, cells, words)
        out = [
            translate("fdoc.disqualified_line", lang, tool=words.tool(result), reasons=_findings(result, words))
            for result, _ in cells
            if result.disqualified
        ]
        sections.append(
            Section(
                summary.title,
                (
                    translate("fdoc.comparison.about", lang),
                    translate("fdoc.summary.about", lang),
                    *out,
                ),
                summary,
                key=f"fit-{criterion.id}-summary",
                sheet=_sheet("summary", criterion, several, words),
            )
        )
        priorities = _priorities_table(criterion, cells, words)
        sections.append(
            Section(
                priorities.title,
                (translate("fdoc.priorities.about", lang),),
                priorities,
                key=f"fit-{criterion.id}-priorities",
                sheet=_sheet("priorities", criterion, several, words),
            )
        )
        comparison = _comparison_table(criterion, cells, words)
        sections.append(
            Section(
                comparison.title,
                (),
                comparison,
                key=f"fit-{criterion.id}-comparison",
                sheet=_sheet("comparison", criterion, several, words),
            )
        )
        listed = _requirements_table(criterion, words)
        for key, section in (
            ("only_one", _only_one_section(criterion, cells, words)),
            ("gaps", _gaps_section(criterion, cells, words)),
            ("log", _log_section(criterion, cells, words)),
            ("requirements", Section(listed.title, (), listed, key=f"fit-{criterion.id}-requirements")),
        ):
            sections.append(replace(section, sheet=_sheet(key, criterion, several, words)))
    info = plan.evaluation
    anchor = anchor_line(lang, plan.hash, evaluation.head_seq, evaluation.head_hash)
    return Document(
        kind="fit",
        title=translate("fdoc.title", lang, title=info.title.get(lang)),
        lang=lang,
        provenance=(anchor,),
        sections=tuple(sections),
        generated=moment,
        time_zone=info.time_zone,
        approval=tuple(info.approval),
    )


def fit_answers_table(evaluation: Evaluation, tool: str, lang: Lang) -> Table:
    """One proposer's 適合表 as verified: requirement, priority, its answer and remark, the value that counts,
    the verification and its reason, for every fit criterion (OutputError for a proposer not in the evaluation)."""
    words = _Words(evaluation, lang)
    result = next((r for r in evaluation.results if r.tool.id == tool), None)
    if result is None:
        known = ", ".join(r.tool.id for r in evaluation.results) or "-"
        raise OutputError("report.unknown_tool", tool=tool, known=known)
    criteria = fit_criteria_of(evaluation)
    several = len(criteria) > 1
    categorised = any(r.category is not None for c in criteria for r in words.plan.fit_requirements(c.id))
    headers = (
        *((translate("fdoc.col.criterion", lang),) if several else ()),
        translate("fdoc.col.id", lang),
        translate("fdoc.col.requirement", lang),
        *((translate("fdoc.col.category", lang),) if categorised else ()),
        translate("fdoc.col.priority", lang),
        translate("fdoc.col.answer", lang),
        translate("fdoc.col.remark", lang),
        translate("fdoc.col.value", lang),
        translate("fdoc.col.status", lang),
        translate("fdoc.col.reason", lang),
    )
    rows: list[tuple[Value, ...]] = []
    for criterion in criteria:
        cell = result.cells.get(criterion.id)
        if cell is None or cell.fit is None:
            continue
        for row in cell.fit.rows:
            requirement = row.requirement
            rows.append(
                (
                    *((words.criterion(criterion),) if several else ()),
                    requirement.id,
                    words.text(requirement),
                    *((words.category(requirement),) if categorised else ()),
                    words.priority(requirement.priority),
                    _answered(row, words),
                    words.free(row.answer.remark if row.answer is not None else None),
                    _counted(row, words),
                    _status(row, words),
                    _reason(row, words),
                )
            )
    notes = (translate("fdoc.legend", lang, na=words.symbol("na")), *fit_rule_lines(evaluation, lang))
    title = translate("fdoc.sheet_title", lang, tool=words.tool(result))
    return Table(title, headers, tuple(rows), notes)
