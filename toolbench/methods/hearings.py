"""Hearings: what departments and stakeholders said matters, and the weights it gives.

A hearing is one respondent's answers, recorded as a `hearing.recorded` event. Three
ways to answer, chosen per hearing:

    ratings       importance of each criterion on 1–5
    allocation    a number of points (e.g. 100) spread over the criteria
    pairwise      Saaty 1–9 judgments for every pair of criteria (AHP)
    hierarchical  pairwise between criterion groups, then within each group, so
                  nobody answers 45 questions for 10 criteria at once

Weights are computed per respondent, then combined for the group: direct answers by
the (respondent-)weighted arithmetic mean of their normalised vectors, AHP answers by
AIJ or AIP as the plan says; when both kinds were used, the two group vectors are
combined in proportion to the respondents' total weight behind each. Points follow by
largest remainder. Respondents whose consistency ratio is above the threshold are
flagged, and the plan decides whether they count. Disagreement stays visible: the
spread per criterion, and how each department or stakeholder group differs from the
whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

from pydantic import Field, ValidationError, field_validator

from toolbench.base.errors import ToolbenchError
from toolbench.base.numbers import plain
from toolbench.methods.weighting import (
    AHPResult,
    Spread,
    WeightingError,
    aggregate_aij,
    aggregate_aip,
    ahp,
    hierarchical,
    largest_remainder,
    pairwise_matrix,
    parse_judgment,
    spread,
    weighted_arithmetic_mean,
    weights_from_allocation,
    weights_from_ratings,
)
from toolbench.model.plan import Criterion, Plan, Slug, _Model
from toolbench.store.ledger import Event

HEARING_RECORDED = "hearing.recorded"
WEIGHT_KINDS = frozenset({HEARING_RECORDED})
"""The kinds `compute_weights` reads."""
Method = Literal["ratings", "allocation", "pairwise", "hierarchical"]
METHODS: tuple[Method, ...] = ("ratings", "allocation", "pairwise", "hierarchical")


class HearingError(ToolbenchError):
    """A hearing answer the plan does not allow; nothing was recorded."""


class Respondent(_Model):
    """Who answered: department, stakeholder group, and how much their answer weighs."""

    id: Slug
    department: Slug
    group: Slug
    name: str | None = None
    role: str | None = None
    weight: Decimal = Field(default=Decimal(1), gt=0, le=1_000_000)
    """Headcount, caseload … used when combining, if the plan says so."""
    readiness: int | None = Field(default=None, ge=1, le=5)
    """How ready the respondent feels for the change (1–5), shown per group."""

    @field_validator("weight")
    @classmethod
    def _plain_weight(cls, value: Decimal) -> Decimal:
        # 2, 2.0 and 2.00 are one weight: store one spelling so re-imports match
        return Decimal(plain(value))


Pair = tuple[str, str, str]
"""(a, b, judgment): how much more important a is than b, on Saaty's 1–9 scale or 1/2–1/9."""


class Answers(_Model):
    """One hearing's answers, in one of the four methods."""

    method: Method
    ratings: dict[str, int] = Field(default_factory=dict)
    allocation: dict[str, Decimal] = Field(default_factory=dict)
    allocation_total: Decimal | None = Field(default=None, gt=0, le=1_000_000)
    pairs: list[Pair] = Field(default_factory=list)
    group_pairs: list[Pair] = Field(default_factory=list)
    within: dict[str, list[Pair]] = Field(default_factory=dict)

    @field_validator("allocation")
    @classmethod
    def _finite_points(cls, value: dict[str, Decimal]) -> dict[str, Decimal]:
        for criterion, points in value.items():
            if not points.is_finite() or points < 0 or points > 1_000_000:
                raise ValueError(f"{criterion}: {points} is not a number of points from 0 to 1,000,000")
        return {criterion: Decimal(plain(points)) for criterion, points in value.items()}


@dataclass(frozen=True)
class Hearing:
    """A recorded hearing and the event it came from."""

    respondent: Respondent
    answers: Answers
    seq: int
    ts: str
    actor: str


@dataclass(frozen=True)
class RespondentWeights:
    """One respondent's normalised weights and, for AHP, its consistency."""

    hearing: Hearing
    weights: Mapping[str, float]
    consistency: tuple[tuple[str, AHPResult], ...] = ()
    """("all" | "groups" | group id, result) for each pairwise matrix answered."""
    included: bool = True

    @property
    def cr(self) -> float | None:
        return max((r.cr for _, r in self.consistency), default=None)

    @property
    def consistent(self) -> bool:
        return all(r.consistent for _, r in self.consistency)


@dataclass(frozen=True)
class WeightsResult:
    """Every respondent's weights, the group weights and the points they give."""

    criteria: tuple[str, ...]
    respondents: tuple[RespondentWeights, ...]
    group: Mapping[str, float]
    points: Mapping[str, Decimal]
    points_total: Decimal
    by_department: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    by_stakeholder: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    readiness: Mapping[str, float] = field(default_factory=dict)
    """Mean readiness (1–5) per stakeholder group, for those who gave one."""
    aggregation: str | None = None
    """The AHP aggregation applied: "aij", "aip", or None when no AHP answer counts."""
    group_consistency: AHPResult | None = None
    """With AIJ: the aggregated group matrix's priorities, λmax, CI and CR (Forman & Peniwati 1998
    aggregate the judgments into one matrix, whose consistency is then that of the group)."""
    left_out: tuple[tuple[Hearing, HearingError], ...] = ()
    """Hearings whose answers no longer fit the plan, with the reason."""

    @property
    def included(self) -> tuple[RespondentWeights, ...]:
        return tuple(r for r in self.respondents if r.included)

    def spread(self, criterion: str) -> Spread | None:
        """How far the counted respondents are apart on one criterion (None if nobody counts)."""
        vectors = {r.hearing.respondent.id: dict(r.weights) for r in self.included}
        return spread(vectors)[criterion] if vectors else None


# --- validation ------------------------------------------------------------------------


def _fail(key: str, **params: object) -> HearingError:
    return HearingError(key, **params)


def _pair_items(pairs: Sequence[Pair], items: Sequence[str], who: str, what: str) -> dict[tuple[str, str], Fraction]:
    judgments: dict[tuple[str, str], Fraction] = {}
    for a, b, text in pairs:
        for item in (a, b):
            if item not in items:
                raise _fail("hearing.unknown_item", respondent=who, item=item, known=", ".join(items), what=what)
        try:
            judgments[(a, b)] = parse_judgment(text)
        except WeightingError:
            raise _fail("hearing.bad_pair", respondent=who, a=a, b=b, value=text) from None
    return judgments


def _groups_of(criteria: Sequence[Criterion]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for criterion in criteria:
        groups.setdefault(criterion.group, []).append(criterion.id)
    return groups


def respondent_weights(
    plan: Plan, respondent: Respondent, answers: Answers
) -> tuple[dict[str, float], list[tuple[str, AHPResult]]]:
    """The respondent's normalised weights over the plan's weighted criteria.

    Raises HearingError naming the respondent and the offending criterion, pair or
    value; this is also how answers are validated before they are recorded.
    """
    who = respondent.id
    if plan.department(respondent.department) is None:
        known = ", ".join(d.id for d in plan.departments) or "(none)"
        raise _fail("hearing.unknown_department", respondent=who, value=respondent.department, known=known)
    if plan.stakeholders and respondent.group not in plan.stakeholders:
        raise _fail("hearing.unknown_group", respondent=who, value=respondent.group, known=", ".join(plan.stakeholders))
    criteria = plan.hearing_criteria()
    ids = [c.id for c in criteria]
    threshold = float(plan.weights.cr_threshold)
    try:
        if answers.method == "ratings":
            unknown = [c for c in answers.ratings if c not in ids]
            if unknown:
                raise _fail(
                    "hearing.unknown_item", respondent=who, item=unknown[0], known=", ".join(ids), what="ratings"
                )
            missing = [c for c in ids if c not in answers.ratings]
            if missing:
                raise _fail("hearing.missing_rating", respondent=who, item=missing[0])
            exact = weights_from_ratings({c: answers.ratings[c] for c in ids})
            return {c: float(exact[c]) for c in ids}, []
        if answers.method == "allocation":
            unknown = [c for c in answers.allocation if c not in ids]
            if unknown:
                raise _fail(
                    "hearing.unknown_item", respondent=who, item=unknown[0], known=", ".join(ids), what="allocation"
                )
            total = answers.allocation_total if answers.allocation_total is not None else Decimal(100)
            exact = weights_from_allocation({c: answers.allocation.get(c, Decimal(0)) for c in ids}, total)
            return {c: float(exact[c]) for c in ids}, []
        if answers.method == "pairwise":
            judgments = _pair_items(answers.pairs, ids, who, "pairs")
            result = ahp(ids, pairwise_matrix(ids, judgments), threshold=threshold)
            return dict(zip(ids, result.weights, strict=True)), [("all", result)]
        groups = _groups_of(criteria)
        group_ids = list(groups)
        consistency: list[tuple[str, AHPResult]] = []
        if len(group_ids) > 1:
            top = ahp(
                group_ids,
                pairwise_matrix(group_ids, _pair_items(answers.group_pairs, group_ids, who, "group pairs")),
                threshold=threshold,
            )
            consistency.append(("groups", top))
            group_weights = dict(zip(group_ids, top.weights, strict=True))
        else:
            group_weights = {group_ids[0]: 1.0}
        local: dict[str, dict[str, float]] = {}
        for group, members in groups.items():
            if len(members) == 1:
                local[group] = {members[0]: 1.0}
                continue
            pairs = answers.within.get(group, [])
            inner = ahp(
                members,
                pairwise_matrix(members, _pair_items(pairs, members, who, f"pairs within {group}")),
                threshold=threshold,
            )
            consistency.append((group, inner))
            local[group] = dict(zip(members, inner.weights, strict=True))
        combined = hierarchical(group_weights, local)
        return {c: combined[c] for c in ids}, consistency
    except WeightingError as error:
        raise _fail("hearing.invalid", respondent=who, reason=str(error)) from None


# --- reading hearings from the ledger ----------------------------------------------------


def current_hearings(events: Iterable[Event]) -> list[Hearing]:
    """The latest hearing per respondent, in the order respondents were first heard."""
    latest: dict[str, Hearing] = {}
    for event in events:
        if event.kind != HEARING_RECORDED:
            continue
        try:
            respondent = Respondent.model_validate(event.payload["respondent"])
            answers = Answers.model_validate(event.payload["answers"])
        except (KeyError, ValidationError):
            continue
        latest[respondent.id] = Hearing(respondent, answers, event.seq, event.ts, event.actor)
    return list(latest.values())


def _weight_of(row: RespondentWeights, use_weights: bool) -> float:
    return float(row.hearing.respondent.weight) if use_weights else 1.0


def _vectors(rows: Sequence[RespondentWeights], ids: Sequence[str]) -> dict[str, dict[str, float]]:
    return {r.hearing.respondent.id: {c: r.weights[c] for c in ids} for r in rows}


def _combine(
    rows: Sequence[RespondentWeights], ids: Sequence[str], aggregation: str, use_weights: bool, threshold: float = 0.10
) -> tuple[dict[str, float], str | None, AHPResult | None]:
    """Group weights of `rows` by the documented rule, the AHP aggregation actually applied, and
    with AIJ the consistency of the aggregated matrix (judged against `threshold`).

    Direct answers: weighted arithmetic mean. AHP answers: AIJ when asked for and every
    AHP answer is a full pairwise matrix, otherwise AIP (hierarchical answers have no
    single matrix). Both kinds present: their vectors are combined in proportion to the
    respondent weight behind each. The same rule serves the whole group and each
    department or stakeholder group, so their differences are real differences.
    """

    def weights_of(members: Sequence[RespondentWeights]) -> dict[str, float]:
        return {r.hearing.respondent.id: _weight_of(r, use_weights) for r in members}

    direct = [r for r in rows if r.hearing.answers.method in ("ratings", "allocation")]
    paired = [r for r in rows if r.hearing.answers.method in ("pairwise", "hierarchical")]
    parts: list[tuple[float, Mapping[str, float]]] = []
    used: str | None = None
    group_matrix: AHPResult | None = None
    if direct:
        parts.append(
            (sum(weights_of(direct).values()), weighted_arithmetic_mean(_vectors(direct, ids), weights_of(direct)))
        )
    if paired:
        full = [r for r in paired if r.hearing.answers.method == "pairwise"]
        if aggregation == "aij" and len(full) == len(paired):
            matrices = {
                r.hearing.respondent.id: pairwise_matrix(ids, {(a, b): t for a, b, t in r.hearing.answers.pairs})
                for r in full
            }
            group_matrix = ahp(ids, aggregate_aij(matrices, weights_of(full)), threshold=threshold)
            vector: Mapping[str, float] = group_matrix.as_dict()
            used = "aij"
        else:
            vector = aggregate_aip(_vectors(paired, ids), weights_of(paired))
            used = "aip"
        parts.append((sum(weights_of(paired).values()), vector))
    total_weight = sum(w for w, _ in parts)
    return {c: sum(w * v[c] for w, v in parts) / total_weight for c in ids}, used, group_matrix


def compute_weights(plan: Plan, events: Iterable[Event]) -> WeightsResult | None:
    """Combine every recorded hearing into group weights and points; None without hearings.

    Hearings whose answers no longer fit the plan (a criterion added or removed since)
    are left out and listed with the reason, never silently dropped.
    """
    hearings = current_hearings(events)
    criteria = plan.hearing_criteria()
    ids = [c.id for c in criteria]
    rule = plan.weights
    rows: list[RespondentWeights] = []
    left_out: list[tuple[Hearing, HearingError]] = []
    for hearing in hearings:
        try:
            weights, consistency = respondent_weights(plan, hearing.respondent, hearing.answers)
        except HearingError as error:
            left_out.append((hearing, error))
            continue
        row = RespondentWeights(hearing, weights, tuple(consistency))
        if not row.consistent and not rule.include_inconsistent:
            row = RespondentWeights(hearing, weights, tuple(consistency), included=False)
        rows.append(row)
    included = [r for r in rows if r.included]
    if not ids or not (rows or left_out):
        return None
    if not included:
        # Heard, but nobody counts (all inconsistent, or answers that no longer fit):
        # keep them visible, derive nothing.
        return WeightsResult(
            tuple(ids), tuple(rows), {}, {}, Decimal(0), readiness=_readiness(rows), left_out=tuple(left_out)
        )
    group, used, group_matrix = _combine(
        included, ids, rule.ahp_aggregation, rule.respondent_weights, float(rule.cr_threshold)
    )
    points_total = rule.points_total or sum((c.points for c in criteria), Decimal(0)) or Decimal(100)
    points = largest_remainder({c: group[c] for c in ids}, points_total, rule.points_decimals)

    def by(key: Any) -> dict[str, dict[str, float]]:
        names = dict.fromkeys(key(r) for r in included)
        return {
            name: _combine([r for r in included if key(r) == name], ids, rule.ahp_aggregation, rule.respondent_weights)[
                0
            ]
            for name in names
        }

    return WeightsResult(
        criteria=tuple(ids),
        respondents=tuple(rows),
        group=group,
        points=points,
        points_total=points_total,
        by_department=by(lambda r: r.hearing.respondent.department),
        by_stakeholder=by(lambda r: r.hearing.respondent.group),
        readiness=_readiness(rows),
        aggregation=used,
        group_consistency=group_matrix,
        left_out=tuple(left_out),
    )


def _readiness(rows: Sequence[RespondentWeights]) -> dict[str, float]:
    """Mean readiness (1–5) per stakeholder group, among those who gave one."""
    readiness: dict[str, float] = {}
    for stakeholder in dict.fromkeys(r.hearing.respondent.group for r in rows):
        given = [r.hearing.respondent.readiness for r in rows if r.hearing.respondent.group == stakeholder]
        values = [v for v in given if v is not None]
        if values:
            readiness[stakeholder] = sum(values) / len(values)
    return readiness


def plan_with_points(plan: Plan, points: Mapping[str, Decimal]) -> Plan:
    """The plan with criterion points replaced by derived ones (for the evaluation)."""
    criteria = tuple(c.model_copy(update={"points": points[c.id]}) if c.id in points else c for c in plan.criteria)
    return plan.model_copy(update={"criteria": criteria})


def answers_payload(respondent: Respondent, answers: Answers) -> dict[str, Any]:
    """The event payload: respondent and answers, as canonical JSON-ready data."""
    return {
        "respondent": respondent.model_dump(mode="json", exclude_none=True),
        "answers": answers.model_dump(mode="json", exclude_defaults=True) | {"method": answers.method},
    }
