"""Recording requirement fit answers and their verification in one workspace.

A proposer's answers arrive all at once (`record_answers`, what `fit import` calls):
every row is checked first and nothing is recorded unless all pass; an answer given
again unchanged records nothing; a changed answer needs a reason. The 事務局 then
verifies each answer (`verify`): accept, downgrade (○ → △, △ → ×) or query, always with
a reason for a downgrade or a query. Both are decided against the ledger as it stands
when they are written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from toolbench.base.errors import ToolbenchError
from toolbench.base.i18n import Lang, Message, translate
from toolbench.methods.fit import DOWNGRADES, FIT_ANSWERED, FIT_KINDS, FIT_VERIFIED, FitState, fit_state
from toolbench.methods.procedure import PROCEDURE_KINDS, procedure_log, scoring_refusal
from toolbench.model.plan import FIT_SYMBOLS, FitAnswer, Plan
from toolbench.store.ledger import Event, Ledger, LedgerView, NewEvent

__all__ = ["FitError", "FitProblem", "Fitting", "read_answer"]


class FitError(ToolbenchError):
    """Fit answers or a verification that cannot be recorded; nothing was."""


@dataclass(frozen=True)
class FitProblem:
    """One bad row of a vendor's answers: which requirement, and what is wrong with it."""

    requirement: str
    key: str
    params: Mapping[str, object]

    def message(self) -> Message:
        return Message(self.key, **self.params)


def read_answer(text: str) -> FitAnswer | None:
    """○ △ × − (or yes / partial / no / na, either width, any case) as an answer; None if it is none of them."""
    import unicodedata  # lazy: only answers typed by people are folded

    folded = unicodedata.normalize("NFKC", text).strip().lower()
    return FIT_SYMBOLS.get(folded) or FIT_SYMBOLS.get(text.strip())


@dataclass(frozen=True)
class Fitting:
    """The fit table steps of one workspace."""

    plan: Plan
    ledger: Ledger

    def check_answers(
        self, tool: str, answers: Mapping[str, tuple[str, str]], *, texts: Mapping[str, str] | None = None
    ) -> tuple[dict[str, tuple[FitAnswer, str]], list[FitProblem]]:
        """Every problem of a proposer's answers at once; the answers as recorded where there is none.

        `answers` maps requirement id → (answer as written, remark); `texts`, when given,
        the requirement text as the proposer's file shows it (a changed text is refused:
        the answer may be to another requirement).
        """
        plan = self.plan
        problems: list[FitProblem] = []
        checked: dict[str, tuple[FitAnswer, str]] = {}
        if plan.tool(tool) is None:
            raise FitError("fit.unknown_tool", tool=tool, known=", ".join(t.id for t in plan.tools))
        for requirement_id, (written, remark) in answers.items():
            requirement = plan.fit_requirement(requirement_id)
            if requirement is None:
                problems.append(FitProblem(requirement_id, "fit.unknown_requirement", {"requirement": requirement_id}))
                continue
            if texts is not None and requirement_id in texts:
                shown = texts[requirement_id].strip()
                if shown and shown not in (requirement.text.get("ja"), requirement.text.get("en")):
                    problems.append(FitProblem(requirement_id, "fit.text_changed", {"requirement": requirement_id}))
            value = read_answer(written)
            if value is None:
                key = "fit.no_answer" if not written.strip() else "fit.bad_answer"
                problems.append(FitProblem(requirement_id, key, {"requirement": requirement_id, "value": written}))
                continue
            if value == "partial" and not remark.strip():
                problems.append(FitProblem(requirement_id, "fit.partial_needs_remark", {"requirement": requirement_id}))
                continue
            checked[requirement_id] = (value, remark.strip())
        return checked, problems

    def _check_stage(self, view: LedgerView, tool: str, requirements: Iterable[str]) -> None:
        """Under a procedure, answers count in the stage that scores their criterion: it must be open, the
        proposer taking part (attendance does not apply: a 適合表 is written, not presented)."""
        plan = self.plan
        if not plan.stages:
            return
        log = procedure_log(view.events(PROCEDURE_KINDS))
        for criterion_id in dict.fromkeys(r.criterion for i in requirements if (r := plan.fit_requirement(i))):
            refusal = scoring_refusal(plan, log, tool, "", criterion_id)
            if refusal is not None and refusal[0] not in ("proc.score_no_attendance", "proc.score_absent"):
                raise FitError(refusal[0], **refusal[1])

    def record_answers(
        self,
        tool: str,
        answers: Mapping[str, tuple[str, str]],
        *,
        actor: str,
        reason: str | None = None,
        source: str | None = None,
        now: datetime | None = None,
        dry_run: bool = False,
    ) -> tuple[Event, ...]:
        """Record a proposer's answers, all or nothing; return the events recorded (none for a repeat).

        A changed answer needs `reason`; the problems of every row are raised together
        (`FitError` "fit.problems" with `problems`).
        """
        plan = self.plan
        checked, problems = self.check_answers(tool, answers)
        if problems:
            raise FitRowsError(problems)
        why = (reason or "").strip() or None

        def decide(view: LedgerView) -> list[NewEvent]:
            self._check_stage(view, tool, checked)
            state = fit_state(view.events(FIT_KINDS))
            new: list[NewEvent] = []
            changed: list[FitProblem] = []
            for requirement_id, (value, remark) in checked.items():
                before = state.answers.get((tool, requirement_id))
                if before is not None and before.answer == value and before.remark == remark:
                    continue
                payload: dict[str, Any] = {"tool": tool, "requirement": requirement_id, "answer": value}
                if remark:
                    payload["remark"] = remark
                if source:
                    payload["source"] = source
                if before is not None:
                    if why is None:
                        changed.append(
                            FitProblem(
                                requirement_id,
                                "fit.reason_required",
                                {
                                    "requirement": requirement_id,
                                    "old": Message(f"fit.answer.{before.answer}"),
                                    "new": Message(f"fit.answer.{value}"),
                                    "seq": before.seq,
                                },
                            )
                        )
                        continue
                    payload["supersedes"] = before.seq
                if why is not None:
                    payload["reason"] = why
                new.append(NewEvent(FIT_ANSWERED, payload, actor, plan.hash))
            if changed:
                raise FitRowsError(changed)
            return new

        if dry_run:
            with self.ledger.reading() as view:
                planned = decide(view)
            return tuple(Event(0, "", n.actor, n.kind, n.payload, n.plan_hash, "", "") for n in planned)
        return tuple(self.ledger.append_viewed(decide, now=now))

    def accept_rest(self, tool: str, *, actor: str, now: datetime | None = None) -> tuple[Event, ...]:
        """Accept every answer of a proposer not yet verified, except △ (whose alternative is reviewed one by one).

        What a 事務局 records once it has checked a proposal's ○ and × against its documents,
        after downgrading or querying the ones it doubts: one event per answer, in one append.
        """
        plan = self.plan
        if plan.tool(tool) is None:
            raise FitError("fit.unknown_tool", tool=tool, known=", ".join(t.id for t in plan.tools))

        def decide(view: LedgerView) -> list[NewEvent]:
            self._check_stage(view, tool, [r.id for r in plan.requirements])
            state = fit_state(view.events(FIT_KINDS))
            return [NewEvent(FIT_VERIFIED, p, actor, plan.hash) for p in _accept_rest_payloads(plan, state, tool)]

        return tuple(self.ledger.append_viewed(decide, now=now))

    def verify(
        self,
        tool: str,
        requirement: str,
        action: str,
        *,
        actor: str,
        reason: str | None = None,
        now: datetime | None = None,
    ) -> Event:
        """Accept, downgrade (○ → △, △ → ×) or query a proposer's current answer to one requirement.

        A downgrade and a query need a reason; accepting a △ records that its alternative
        was reviewed. The verification applies to the answer current now: a later answer
        needs verifying again.
        """
        plan = self.plan
        if plan.tool(tool) is None:
            raise FitError("fit.unknown_tool", tool=tool, known=", ".join(t.id for t in plan.tools))
        if plan.fit_requirement(requirement) is None:
            raise FitError("fit.unknown_requirement_one", requirement=requirement)
        if action not in ("accept", "downgrade", "query"):
            raise FitError("fit.bad_action", action=action)
        why = (reason or "").strip()
        if action != "accept" and not why:
            raise FitError("fit.verify_reason", action=Message(f"fit.action.{action}"))

        def decide(view: LedgerView) -> list[NewEvent]:
            self._check_stage(view, tool, (requirement,))
            state = fit_state(view.events(FIT_KINDS))
            answer = state.answers.get((tool, requirement))
            if answer is None:
                raise FitError("fit.not_answered", tool=tool, requirement=requirement)
            value: FitAnswer = answer.answer
            if action == "downgrade":
                lower = DOWNGRADES.get(answer.answer)
                if lower is None:
                    raise FitError(
                        "fit.cannot_downgrade",
                        tool=tool,
                        requirement=requirement,
                        answer=Message(f"fit.answer.{answer.answer}"),
                    )
                value = lower  # type: ignore[assignment]
            before = state.verification(tool, requirement)
            if before is not None and before.action == action and before.value == value and before.reason == why:
                raise FitError("fit.verified_already", tool=tool, requirement=requirement, seq=before.seq)
            payload: dict[str, Any] = {
                "tool": tool,
                "requirement": requirement,
                "action": action,
                "value": value,
                "answer": answer.seq,
            }
            if why:
                payload["reason"] = why
            return [NewEvent(FIT_VERIFIED, payload, actor, plan.hash)]

        return self.ledger.append_viewed(decide, now=now)[0]


def _accept_rest_payloads(plan: Plan, state: FitState, tool: str) -> list[dict[str, Any]]:
    out = []
    for requirement in plan.requirements:
        answer = state.answers.get((tool, requirement.id))
        if answer is None or answer.answer == "partial":
            continue  # a △'s alternative is reviewed one by one
        if state.verification(tool, requirement.id) is not None:
            continue  # this answer was verified (or queried) already
        out.append(
            {
                "tool": tool,
                "requirement": requirement.id,
                "action": "accept",
                "value": answer.answer,
                "answer": answer.seq,
            }
        )
    return out


class FitRowsError(FitError):
    """Some rows of a proposer's answers cannot be recorded: all of them listed, nothing recorded."""

    def __init__(self, problems: list[FitProblem]) -> None:
        self.problems = problems
        super().__init__("fit.problems", count=len(problems))

    def message(self, lang: Lang = "en") -> str:
        head = translate("fit.problems", lang, count=len(self.problems))
        lines = [translate(p.key, lang, **dict(p.params)) for p in self.problems]
        return "\n".join([head, *(f"  {line}" for line in lines)])
