"""Facts recorded in the ledger, and the points and must-have verdicts they decide.

A fact is recorded per (tool, key) by `fact.recorded` (a later one for the same key
supersedes it; `fact.retracted` withdraws it). What the evaluation reads is the fact
current for each key, judged on one reference date (`facts_date`: the plan's
`[facts] date`, else the date of the ledger's last event in the plan's time zone):

- a fact past its `expires` is **expired**: it counts as not holding, and a must-have
  resting on it is undecided (`stale`) until the fact is refreshed;
- a fact seen more than `[facts] max_age_days` before the date is **stale**: it counts
  as written, flagged, and a must-have resting on it is undecided as well;
- a key not recorded for the tool leaves a `fact` cell unscored and a must-have unjudged
  (never a silent zero or fail).

A `fact` criterion's raw points are the sum of the points of the facts that hold
(per fact), or the points of the first combination that holds (none: 0); ratio = raw ÷
the rule's best, points = 配点 × ratio. All exact.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Literal

from pydantic import ValidationError

from toolbench.base.times import zone
from toolbench.model.facts import FACT_KEYS, Fact, FactStatus, fact_status, fold, read_value
from toolbench.model.plan import Criterion, FactCondition, FactRule, Plan
from toolbench.store.ledger import Event

FACT_RECORDED = "fact.recorded"
FACT_RETRACTED = "fact.retracted"
FACT_KINDS = frozenset({FACT_RECORDED, FACT_RETRACTED})

DATING_KINDS = frozenset(
    {
        FACT_RECORDED,
        FACT_RETRACTED,
        "score.recorded",
        "score.moderated",
        "metric.recorded",
        "fit.answered",
        "fit.verified",
        "trial.feedback",
        "evidence.adopted",
        "evidence.withdrawn",
    }
)
"""The events that record what the figures rest on (facts, scores, measurements, answers, feedback):
without `[facts] date`, facts are judged on the day of the last of them. Bookkeeping — a lock, the
finalization, a stage opened, attendance, a draw — does not move that day."""


@dataclass(frozen=True)
class RecordedFact:
    """A fact as the ledger holds it for one tool, with the event that recorded it."""

    tool: str
    fact: Fact
    seq: int
    ts: str
    actor: str
    origin: str | None = None
    """Where it was brought from, when not typed in: `catalog:FILE`, `registry:LAYOUT:FILE`."""
    reason: str | None = None


@dataclass(frozen=True)
class FactState:
    """The current fact per (tool, key), and events that could not be read (by sequence number)."""

    facts: Mapping[tuple[str, str], RecordedFact]
    unreadable: tuple[int, ...] = ()

    def of(self, tool: str) -> list[RecordedFact]:
        """A tool's current facts: known keys in their order, then free keys by name."""
        order = list(FACT_KEYS)
        found = [f for (t, _), f in self.facts.items() if t == tool]
        return sorted(found, key=lambda f: (order.index(f.fact.key) if f.fact.key in order else len(order), f.fact.key))


@dataclass(frozen=True)
class CatalogFact:
    """A fact a catalog entry holds for a candidate (entry id = candidate id), beside what the ledger holds."""

    tool: str
    fact: Fact
    file: str
    """The catalog file, relative to the workspace where it lies there."""
    recorded: RecordedFact | None

    @property
    def origin(self) -> str:
        return f"catalog:{self.file}"


def fact_from_payload(payload: Mapping[str, Any]) -> Fact:
    """The fact a `fact.recorded` payload carries (`ValidationError` if it carries none)."""
    fields = {k: payload[k] for k in Fact.model_fields if k in payload}
    return Fact.model_validate(fields)


def fact_state(events: Iterable[Event]) -> FactState:
    """The facts current after these events (read in sequence order)."""
    facts: dict[tuple[str, str], RecordedFact] = {}
    unreadable: list[int] = []
    for event in events:
        p = event.payload
        tool = str(p.get("tool", ""))
        if event.kind == FACT_RETRACTED:
            facts.pop((tool, str(p.get("key", ""))), None)
            continue
        if event.kind != FACT_RECORDED:
            continue
        try:
            fact = fact_from_payload(p)
        except (ValidationError, ValueError):
            unreadable.append(event.seq)
            continue
        origin, reason = p.get("origin"), p.get("reason")
        facts[(tool, fact.key)] = RecordedFact(
            tool,
            fact,
            event.seq,
            event.ts,
            event.actor,
            str(origin) if origin else None,
            str(reason) if reason else None,
        )
    return FactState(MappingProxyType(facts), tuple(unreadable))


def facts_date(plan: Plan, head_ts: str | None) -> date | None:
    """The day facts are judged on: `[facts] date`, else the day of `head_ts` where the plan is read
    (the last event of `DATING_KINDS`, or the close of the stage being judged)."""
    if plan.facts.date is not None:
        return plan.facts.date
    if not head_ts:
        return None
    moment = datetime.fromisoformat(head_ts.replace("Z", "+00:00"))
    return moment.astimezone(zone(plan.evaluation.time_zone)).date()


def condition_holds(condition: FactCondition, fact: Fact) -> bool:
    """Whether a fact's value meets a condition (its age aside)."""
    value = fact.value
    spec = FACT_KEYS.get(fact.key)
    kind = spec.type if spec is not None else "text"
    if kind == "held":
        return value is True
    if kind == "days":
        if not isinstance(value, int) or isinstance(value, bool):
            return False
        return (condition.at_most is None or value <= condition.at_most) and (
            condition.at_least is None or value >= condition.at_least
        )
    if kind == "choice":
        wanted = set()
        for written in condition.in_:
            try:
                wanted.add(read_value(fact.key, written))
            except ValueError:
                continue
        return value in wanted
    return fold(str(value)) in {fold(w) for w in condition.in_}


CheckStatus = Literal["valid", "expired", "stale", "missing"]


@dataclass(frozen=True)
class FactCheck:
    """One fact a rule reads, for one tool: the fact current, its status on the date, whether it holds."""

    key: str
    condition: FactCondition
    recorded: RecordedFact | None
    status: CheckStatus
    holds: bool | None
    """Its value meets the condition and it has not expired; None while no fact is recorded."""


@dataclass(frozen=True)
class FactCell:
    """A `fact` criterion (or a fact-decided must-have) for one tool: the facts behind it and what they give."""

    criterion: str
    tool: str
    checks: tuple[FactCheck, ...]
    on: date | None
    raw: Fraction | None
    """The points the rule gives (on the rule's own scale); None while a fact is missing."""
    best: Fraction
    combination: int | None = None
    """The combination that gave the points (its index in the rule), under the combination rule."""

    @property
    def ratio(self) -> Fraction | None:
        if self.raw is None:
            return None
        return self.raw / self.best if self.best else Fraction(0)

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.checks if c.status == "missing")

    @property
    def flagged(self) -> tuple[FactCheck, ...]:
        """The facts that are expired or stale on the date."""
        return tuple(c for c in self.checks if c.status in ("expired", "stale"))


def _check(condition: FactCondition, recorded: RecordedFact | None, on: date | None, max_age: int | None) -> FactCheck:
    if recorded is None:
        return FactCheck(condition.key, condition, None, "missing", None)
    status: FactStatus = fact_status(recorded.fact, on, max_age) if on is not None else "valid"
    holds = status != "expired" and condition_holds(condition, recorded.fact)
    return FactCheck(condition.key, condition, recorded, status, holds)


def fact_checks(plan: Plan, rule: FactRule, tool: str, state: FactState, on: date | None) -> tuple[FactCheck, ...]:
    max_age = plan.facts.max_age_days
    return tuple(_check(c, state.facts.get((tool, c.key)), on, max_age) for c in rule.facts)


def _rule_points(rule: FactRule, checks: Iterable[FactCheck], held: set[str]) -> tuple[Fraction, int | None]:
    """The rule's raw points when the facts in `held` hold, and the combination that gave them."""
    if rule.combinations:
        for index, combination in enumerate(rule.combinations):
            if all(k in held for k in combination.all) and (
                not combination.any or any(k in held for k in combination.any)
            ):
                return Fraction(combination.points), index
        return Fraction(0), None
    return sum((Fraction(c.condition.points or 0) for c in checks if c.key in held), Fraction(0)), None


MAX_OPEN_FACTS = 10
"""Up to this many facts not yet recorded, a cell is scored when no answer they could give changes it."""


def fact_cell(plan: Plan, criterion: Criterion, tool: str, state: FactState, on: date | None) -> FactCell:
    """The points a `fact` criterion's rule gives a tool, from the facts current for it.

    A fact not recorded leaves the cell unscored — unless whatever it would say (holds or
    not, for every fact missing) gives the same points: ISMAP registered decides "ISMAP or
    ISMAP-LIU: 10" without waiting for ISMAP-LIU. Never a silent zero.
    """
    rule = criterion.fact
    assert rule is not None
    checks = fact_checks(plan, rule, tool, state, on)
    best = Fraction(rule.best())
    held = {c.key for c in checks if c.holds}
    open_keys = [c.key for c in checks if c.status == "missing"]
    if not open_keys:
        raw, combination = _rule_points(rule, checks, held)
        return FactCell(criterion.id, tool, checks, on, raw, best, combination)
    if len(open_keys) > MAX_OPEN_FACTS:
        return FactCell(criterion.id, tool, checks, on, None, best)
    outcomes = {
        _rule_points(rule, checks, held | {k for bit, k in enumerate(open_keys) if mask >> bit & 1})
        for mask in range(1 << len(open_keys))
    }
    if len(outcomes) == 1:
        ((raw, combination),) = outcomes
        return FactCell(criterion.id, tool, checks, on, raw, best, combination)
    return FactCell(criterion.id, tool, checks, on, None, best)


WITHHELD = "-"
"""What stands for a fact's source while blind: a vendor's page or certificate number would name it."""


def masked_recorded(recorded: RecordedFact, label: str) -> RecordedFact:
    """A recorded fact as it may be shown while blind: under the label, its value and dates only."""
    fact = recorded.fact.model_copy(update={"source": WITHHELD, "number": None, "detail": None, "page": None})
    return replace(recorded, tool=label, fact=fact, origin=None, reason=None)


def masked_fact_cell(cell: FactCell, label: str) -> FactCell:
    checks = tuple(
        replace(c, recorded=None if c.recorded is None else masked_recorded(c.recorded, label)) for c in cell.checks
    )
    return replace(cell, tool=label, checks=checks)


def masked_fact_state(state: FactState, labels: Mapping[str, str]) -> FactState:
    facts = {
        (labels.get(tool, tool), key): masked_recorded(recorded, labels.get(tool, tool))
        for (tool, key), recorded in state.facts.items()
    }
    return FactState(MappingProxyType(facts), state.unreadable)


MustFactVerdict = Literal["pass", "fail", "stale", "unjudged"]


def fact_verdict(rule: FactRule, checks: tuple[FactCheck, ...]) -> MustFactVerdict:
    """What a fact-decided must-have says.

    all: a fact valid on the date that does not hold fails it; else a fact missing leaves
    it unjudged, an expired or stale one undecided (`stale`); else it passes.
    any: a fact valid on the date that holds passes it; else any fact missing leaves it
    unjudged, an expired or stale one undecided; else (every fact valid, none holds) it fails.
    """
    valid = [c for c in checks if c.status == "valid"]
    if rule.require == "all":
        if any(not c.holds for c in valid):
            return "fail"
    elif any(c.holds for c in valid):
        return "pass"
    if any(c.status == "missing" for c in checks):
        return "unjudged"
    if any(c.status in ("expired", "stale") for c in checks):
        return "stale"
    return "pass" if rule.require == "all" else "fail"


# --- what needs attention on a date ----------------------------------------------------------


@dataclass(frozen=True)
class Flagged:
    """A recorded fact that needs attention on the date: expired, too old, or expiring soon."""

    tool: str
    recorded: RecordedFact
    days: int
    """Expired or expiring: days from the date to `expires`; too old: days since `as_of`."""


@dataclass(frozen=True)
class Missing:
    """A fact the plan's rules read for a candidate that nobody recorded, and the criteria that need it."""

    tool: str
    key: str
    criteria: tuple[str, ...]


@dataclass(frozen=True)
class Attention:
    """What `fact check` reports on a date."""

    expired: tuple[Flagged, ...] = ()
    stale: tuple[Flagged, ...] = ()
    missing: tuple[Missing, ...] = ()
    soon: tuple[Flagged, ...] = ()
    withdrawn: tuple[str, ...] = ()

    @property
    def failing(self) -> bool:
        """Anything expired, too old or missing: `fact check` exits 1."""
        return bool(self.expired or self.stale or self.missing)


def attention(
    plan: Plan, state: FactState, day: date, within: int, withdrawn: frozenset[str] = frozenset()
) -> Attention:
    """The facts that need attention on `on.day` for the candidates that have not withdrawn.

    Expired (after `expires`) and too old (seen more than the plan's maximum age before the
    date), as `fact_status` judges; expiring within `within` days (a fact expiring on the
    date itself is still valid, and expires within 0 days); and the facts the plan's `fact`
    criteria and fact-decided must-haves read that are not recorded for a candidate.
    """
    expired: list[Flagged] = []
    stale: list[Flagged] = []
    soon: list[Flagged] = []
    tools = [t.id for t in plan.tools if t.id not in withdrawn]
    for tool in tools:
        for recorded in state.of(tool):
            fact = recorded.fact
            status = fact_status(fact, day, plan.facts.max_age_days)
            if status == "expired":
                assert fact.expires is not None
                expired.append(Flagged(tool, recorded, (day - fact.expires).days))
            elif status == "stale":
                stale.append(Flagged(tool, recorded, (day - fact.as_of).days))
            if status != "expired" and fact.expires is not None and (fact.expires - day).days <= within:
                soon.append(Flagged(tool, recorded, (fact.expires - day).days))
    needed: dict[tuple[str, str], list[str]] = {}
    for criterion in plan.criteria:
        rule = criterion.fact
        if rule is None:
            continue
        for tool in tools:
            if criterion.kind == "must":
                checks = fact_checks(plan, rule, tool, state, day)
                decided = fact_verdict(rule, checks) != "unjudged"
            else:
                cell = fact_cell(plan, criterion, tool, state, day)
                checks, decided = cell.checks, cell.raw is not None
            if decided:  # what is not recorded could not change it
                continue
            for check in checks:
                if check.status == "missing":
                    needed.setdefault((tool, check.key), []).append(criterion.id)
    order = {key: index for index, key in enumerate(FACT_KEYS)}
    rank = {tool: index for index, tool in enumerate(tools)}
    missing = tuple(
        Missing(tool, key, tuple(ids))
        for (tool, key), ids in sorted(
            needed.items(), key=lambda i: (rank[i[0][0]], order.get(i[0][1], len(order)), i[0][1])
        )
    )
    return Attention(
        tuple(expired),
        tuple(stale),
        missing,
        tuple(sorted(soon, key=lambda f: f.days)),
        tuple(t.id for t in plan.tools if t.id in withdrawn),
    )
