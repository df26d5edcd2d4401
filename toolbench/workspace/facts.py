"""Recording facts about the candidates in one workspace, and reading them back with their age.

Facts arrive one by one (`toolbench fact add`), from the catalog (`fact take`: the
facts a shipped, pulled or workspace catalog entry carries) or from a registry's list
(`fact import`). However they arrive, `record` checks every fact first and records
nothing unless all pass; a fact given again unchanged records nothing; a fact that
replaces one seen on the same day or later, with something else said, is a correction
and needs a reason (a newer observation does not). `retract` withdraws a fact, with a
reason. Decided against the ledger as it stands when written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from toolbench.base.errors import ToolbenchError
from toolbench.base.i18n import Lang, Message, translate
from toolbench.methods.facts import (
    FACT_KINDS,
    FACT_RECORDED,
    FACT_RETRACTED,
    CatalogFact,
    FactState,
    RecordedFact,
    fact_state,
)
from toolbench.model.facts import Fact, FactStatus, fact_status
from toolbench.model.plan import Plan
from toolbench.store.ledger import Event, Ledger, LedgerView, NewEvent
from toolbench.workspace.catalog import Listed, load_catalog

__all__ = ["FactError", "FactProblem", "FactRowsError", "Facts"]


class FactError(ToolbenchError):
    """Facts that cannot be recorded; nothing was."""


@dataclass(frozen=True)
class FactProblem:
    """One fact that cannot be recorded: where it came from (a row, a key) and what is wrong."""

    where: str
    key: str
    params: Mapping[str, object]

    def message(self) -> Message:
        return Message(self.key, **self.params)


class FactRowsError(FactError):
    """Every problem of a set of facts at once; nothing was recorded."""

    def __init__(self, problems: Sequence[FactProblem], source: str = "") -> None:
        self.rows = tuple(problems)
        super().__init__("fact.problems", count=len(problems), source=source)

    def message(self, lang: Lang = "en") -> str:
        head = translate("fact.problems", lang, count=len(self.rows), source=self.params.get("source", ""))
        return "\n".join([head, *(f"  {translate(p.key, lang, **dict(p.params))}" for p in self.rows)])


@dataclass(frozen=True)
class Facts:
    """The fact steps of one workspace."""

    plan: Plan
    ledger: Ledger

    def current(self) -> FactState:
        with self.ledger.reading() as view:
            return fact_state(view.events(FACT_KINDS))

    def _tool(self, tool: str) -> None:
        if self.plan.tool(tool) is None:
            raise FactError("fact.unknown_tool", tool=tool, known=", ".join(t.id for t in self.plan.tools) or "-")

    def record(
        self,
        items: Sequence[tuple[str, Fact]],
        *,
        actor: str,
        reason: str | None = None,
        origin: str | None = None,
        now: datetime | None = None,
        dry_run: bool = False,
    ) -> tuple[Event, ...]:
        """Record (tool, fact) pairs, all or nothing; return the events recorded (none for a repeat).

        A fact replacing one seen on the same day or later that says something else is a
        correction and needs `reason`; the problems of every item are raised together
        (`FactRowsError`).
        """
        problems: list[FactProblem] = []
        for tool, fact in items:
            if self.plan.tool(tool) is None:
                known = ", ".join(t.id for t in self.plan.tools) or "-"
                problems.append(FactProblem(f"{tool}/{fact.key}", "fact.unknown_tool", {"tool": tool, "known": known}))
        seen: dict[tuple[str, str], int] = {}
        for index, (tool, fact) in enumerate(items):
            if (tool, fact.key) in seen:
                problems.append(FactProblem(f"{tool}/{fact.key}", "fact.twice", {"tool": tool, "fact": fact.key}))
            seen.setdefault((tool, fact.key), index)
        if problems:
            raise FactRowsError(problems)
        why = (reason or "").strip() or None

        def decide(view: LedgerView) -> list[NewEvent]:
            state = fact_state(view.events(FACT_KINDS))
            new: list[NewEvent] = []
            corrections: list[FactProblem] = []
            for tool, fact in items:
                before = state.facts.get((tool, fact.key))
                if before is not None and before.fact.same(fact):
                    continue
                payload: dict[str, Any] = {"tool": tool, **fact.payload()}
                if origin:
                    payload["origin"] = origin
                if before is not None:
                    if fact.as_of <= before.fact.as_of and why is None:
                        corrections.append(
                            FactProblem(
                                f"{tool}/{fact.key}",
                                "fact.correction_needs_reason",
                                {
                                    "tool": tool,
                                    "fact": fact.key,
                                    "seq": before.seq,
                                    "as_of": before.fact.as_of.isoformat(),
                                },
                            )
                        )
                        continue
                    payload["supersedes"] = before.seq
                if why is not None:
                    payload["reason"] = why
                new.append(NewEvent(FACT_RECORDED, payload, actor, self.plan.hash))
            if corrections:
                raise FactRowsError(corrections)
            return new

        if dry_run:
            with self.ledger.reading() as view:
                planned = decide(view)
            return tuple(Event(0, "", n.actor, n.kind, n.payload, n.plan_hash, "", "") for n in planned)
        return tuple(self.ledger.append_viewed(decide, now=now))

    def retract(self, tool: str, key: str, *, actor: str, reason: str, now: datetime | None = None) -> Event:
        """Withdraw the fact current for (tool, key): it no longer counts, and the reason says why."""
        self._tool(tool)
        why = reason.strip()
        if not why:
            raise FactError("fact.retract_needs_reason")

        def decide(view: LedgerView) -> list[NewEvent]:
            before = fact_state(view.events(FACT_KINDS)).facts.get((tool, key))
            if before is None:
                raise FactError("fact.not_recorded", tool=tool, fact=key)
            payload = {"tool": tool, "key": before.fact.key, "supersedes": before.seq, "reason": why}
            return [NewEvent(FACT_RETRACTED, payload, actor, self.plan.hash)]

        return self.ledger.append_viewed(decide, now=now)[0]


def status_on(recorded: RecordedFact, on: date, max_age_days: int | None) -> FactStatus:
    """A recorded fact's status on a date under a maximum age."""
    return fact_status(recorded.fact, on, max_age_days)


# --- the catalog's facts ---------------------------------------------------------------------


def catalog_file(listed: Listed, root: Path) -> str:
    """Where an entry was read: relative to the workspace for its own and pulled catalogs, as shipped otherwise."""
    try:
        return Path(listed.source).relative_to(root).as_posix()
    except ValueError:
        return listed.source


def catalog_facts(root: Path, state: FactState, tools: Sequence[str]) -> dict[str, list[CatalogFact]]:
    """Per candidate (with an entry), every fact its catalog entry holds, with the fact recorded for the key."""
    by_id = {item.entry.id: item for item in load_catalog(root)}
    found: dict[str, list[CatalogFact]] = {}
    for tool in tools:
        item = by_id.get(tool)
        if item is None:
            continue
        file = catalog_file(item, root)
        found[tool] = [CatalogFact(tool, f, file, state.facts.get((tool, f.key))) for f in item.entry.facts]
    return found
