"""Conflicts of interest: who may not score which tool, and why.

An evaluator is recused from a tool when one of the organisations they belong to
(their `affiliations`, or a company they declared later with `toolbench coi declare`)
is the tool's vendor, maker or one of its resellers, or when they declared a conflict
with the tool itself. Company names are compared after normalisation:

- NFKC (full-width letters and digits, （株） → (株)), case folded;
- legal forms removed: 株式会社, (株), 有限会社, (有), 合同会社, (同), 一般社団法人 …,
  Co., Ltd., Inc., Corp., Corporation, LLC, K.K., GmbH …;
- spaces and punctuation (・ . , - ' "「」) removed;
- names the plan lists as aliases of each other (`[fairness] aliases`) are one company.

A recused evaluator's scores and must-have votes are kept if recorded anyway, left out
of every aggregate and disclosed in every report. A declaration made after the technical
scores were locked can still change technical points (the evaluator's scores stop
counting); it is recorded only with a reason, and every report shows it
(`Recusal.after_scores_lock`, `Recusal.reason`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from toolbench.methods.locking import SCORES_LOCKED
from toolbench.model.plan import Evaluator, Plan, Tool
from toolbench.store.ledger import Event

COI_DECLARED = "coi.declared"
"""Event kind: an evaluator declares a relationship with a company or a conflict with a tool."""

_JAPANESE_FORMS = sorted(
    {
        "株式会社",
        "有限会社",
        "合同会社",
        "合資会社",
        "合名会社",
        "一般社団法人",
        "一般財団法人",
        "公益社団法人",
        "公益財団法人",
        "特定非営利活動法人",
        "(株)",
        "(有)",
        "(同)",
        "(社)",
        "(財)",
    },
    key=len,
    reverse=True,
)
"""Removed wherever they stand: no Japanese company name contains them by accident."""

_LATIN_FORMS = re.compile(
    r"(?<![a-z0-9])(?:co\.?\s*,?\s*ltd\.?|company\s+limited|corporation|corp\.?|incorporated|inc\.?|limited|ltd\.?"
    r"|l\.?l\.?c\.?|k\.?k\.?|gmbh|plc|co\.)(?![a-z0-9])"
)
"""Removed only as whole words, so "Wellcare" keeps its "llc" and "Unlimited" its "limited"."""

_PUNCTUATION = re.compile(r"[\s・･.,，、。\-‐–—'’\"“”「」『』()（）&＆]+")


def normalise_company(name: str) -> str:
    """A company name reduced to what identifies it: ひかり情報システム for 株式会社ひかり情報システム."""
    text = unicodedata.normalize("NFKC", name).casefold().strip()
    for form in _JAPANESE_FORMS:
        text = text.replace(form, " ")
    text = _LATIN_FORMS.sub(" ", text)
    return _PUNCTUATION.sub("", text)


class CompanyNames:
    """Compares company names after normalisation, with the plan's alias groups."""

    def __init__(self, aliases: Sequence[Sequence[str]] = ()) -> None:
        # union-find over normalised names, so overlapping groups join (A~B and B~C make A~C)
        self._parent: dict[str, str] = {}
        for group in aliases:
            keys = [k for k in (normalise_company(n) for n in group) if k]
            for other in keys[1:]:
                self._union(keys[0], other)

    def _find(self, key: str) -> str:
        while self._parent.get(key, key) != key:
            key = self._parent[key]
        return key

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)

    def key(self, name: str) -> str:
        normal = normalise_company(name)
        return self._find(normal) if normal else ""

    def same(self, a: str, b: str) -> bool:
        ka = self.key(a)
        return bool(ka) and ka == self.key(b)


@dataclass(frozen=True)
class Recusal:
    """Why an evaluator does not score a tool."""

    evaluator: str
    tool: str
    basis: str
    """"affiliation" (from the plan), "declared company" or "declared tool" (from the ledger)."""
    company: str | None
    """The evaluator's organisation that matched, as they wrote it (None for a conflict with the tool itself)."""
    role: str | None
    """vendor, maker or reseller: how the matching company stands to the tool."""
    note: str | None = None
    seq: int | None = None
    """The declaration's event, when it came from the ledger."""
    reason: str | None = None
    """Why the declaration was recorded although the technical scores were locked."""
    after_scores_lock: int | None = None
    """The `scores.locked` event the declaration came after (it then changes locked figures)."""


@dataclass(frozen=True)
class Declaration:
    seq: int
    ts: str
    actor: str
    evaluator: str
    company: str | None
    tool: str | None
    note: str | None
    reason: str | None = None
    after_scores_lock: int | None = None
    """The last `scores.locked` event before this declaration, if any."""


RECUSAL_KINDS = frozenset({COI_DECLARED, SCORES_LOCKED})
"""The kinds `declarations` and `recusals` read."""


def declarations(events: Iterable[Event]) -> list[Declaration]:
    found = []
    scores_locked: int | None = None
    for event in events:
        if event.kind == SCORES_LOCKED:
            scores_locked = event.seq
        if event.kind != COI_DECLARED:
            continue
        p = event.payload
        found.append(
            Declaration(
                event.seq,
                event.ts,
                event.actor,
                str(p.get("evaluator")),
                p.get("company"),
                p.get("tool"),
                p.get("note"),
                p.get("reason"),
                scores_locked,
            )
        )
    return found


def _roles(tool: Tool) -> list[tuple[str, str]]:
    roles = [("vendor", tool.vendor)]
    if tool.maker:
        roles.append(("maker", tool.maker))
    roles += [("reseller", r) for r in tool.resellers]
    return roles


def _match(names: CompanyNames, company: str, tool: Tool) -> str | None:
    return next((role for role, org in _roles(tool) if names.same(company, org)), None)


def recusals(plan: Plan, events: Iterable[Event]) -> dict[tuple[str, str], Recusal]:
    """Every (evaluator, tool) pair that is conflicted, with the first reason found."""
    names = CompanyNames(plan.fairness.aliases)
    found: dict[tuple[str, str], Recusal] = {}
    declared = declarations(events)
    for evaluator in plan.evaluators:
        for tool in plan.tools:
            recusal = _conflict(names, evaluator, tool, declared)
            if recusal is not None:
                found[(evaluator.id, tool.id)] = recusal
    return found


def _conflict(names: CompanyNames, evaluator: Evaluator, tool: Tool, declared: list[Declaration]) -> Recusal | None:
    for company in evaluator.affiliations:
        role = _match(names, company, tool)
        if role is not None:
            return Recusal(evaluator.id, tool.id, "affiliation", company, role)
    for d in declared:
        if d.evaluator != evaluator.id:
            continue
        if d.tool == tool.id:
            return Recusal(
                evaluator.id, tool.id, "declared tool", None, None, d.note, d.seq, d.reason, d.after_scores_lock
            )
        if d.company:
            role = _match(names, d.company, tool)
            if role is not None:
                return Recusal(
                    evaluator.id,
                    tool.id,
                    "declared company",
                    d.company,
                    role,
                    d.note,
                    d.seq,
                    d.reason,
                    d.after_scores_lock,
                )
    return None
