"""Trials: one tool in one department, moving through the plan's phases, and what staff said.

Everything here is read from the ledger. Four event kinds:

    trial.started    a tool enters trial in a department (first phase, note)
    trial.moved      a move along the plan's phase graph (date, actor, note; a reason
                     when it leaves a final phase such as adopted or rejected)
    trial.feedback   one person's feedback (`trial_metrics.Feedback`), with its fingerprint
    trial.training   a training session (`trial_metrics.TrainingSession`)

`trial_states` folds them into one `Trial` per (tool, department), together with the
evidence the city adopted from other cities' trials (`evidence.adopted`, see
`toolbench.methods.evidence`). Feedback whose fingerprint is already recorded is the same
response imported again and is skipped when recording, so imports are idempotent.

`evidence_for` is what a criterion taking its value from trials reads; `publication` is
what this city's trials say to other cities, anonymised.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

from toolbench.base.errors import ToolbenchError
from toolbench.base.numbers import plain, round_fraction
from toolbench.base.times import local
from toolbench.methods.evidence import (
    EVIDENCE_KINDS,
    MEAN_DECIMALS,
    RATE_DECIMALS,
    Accuracy,
    Adoption,
    DepartmentOutcome,
    FigureName,
    Hours,
    Mean,
    Part,
    Product,
    SusMean,
    TrialEvidence,
    accuracy_unit,
    fold_adoption,
    pool_accuracy,
    pool_means,
    publisher_key,
)
from toolbench.methods.trial_metrics import Feedback, TrainingSession, sus_grade
from toolbench.model.plan import Plan, Text, TrialPhase
from toolbench.store.ledger import Event

TRIAL_STARTED = "trial.started"
TRIAL_MOVED = "trial.moved"
TRIAL_FEEDBACK = "trial.feedback"
TRIAL_TRAINING = "trial.training"
TRIAL_KINDS = (TRIAL_STARTED, TRIAL_MOVED, TRIAL_FEEDBACK, TRIAL_TRAINING)


SUS_DECIMALS: Final = 1
"""Decimals of a SUS mean in every report; the grade is read from the figure shown."""


class TrialError(ToolbenchError):
    """A trial move, feedback or session that cannot be recorded; names what and how to fix it."""


@dataclass(frozen=True)
class Move:
    """A step in a trial's timeline (the start is a move from nowhere)."""

    seq: int
    ts: str
    actor: str
    from_phase: str | None
    to_phase: str
    note: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class FeedbackEntry:
    seq: int
    ts: str
    actor: str
    feedback: Feedback


@dataclass(frozen=True)
class TrainingEntry:
    seq: int
    ts: str
    actor: str
    session: TrainingSession


@dataclass
class Trial:
    """One tool in one department: its phase, timeline, feedback and training sessions."""

    tool: str
    department: str
    moves: list[Move] = field(default_factory=list)
    feedback: list[FeedbackEntry] = field(default_factory=list)
    training: list[TrainingEntry] = field(default_factory=list)

    @property
    def phase(self) -> str:
        return self.moves[-1].to_phase

    @property
    def since(self) -> datetime:
        return _time(self.moves[-1].ts)

    def days_in_phase(self, now: datetime | None = None) -> int:
        moment = now or datetime.now(UTC)
        return max(0, (moment - self.since).days)

    @property
    def sus_scores(self) -> list[Fraction]:
        return [s for e in self.feedback if (s := e.feedback.sus_score) is not None]

    @property
    def sus_mean(self) -> Fraction | None:
        scores = self.sus_scores
        return sum(scores, Fraction(0)) / len(scores) if scores else None

    @property
    def sus_mean_shown(self) -> Decimal | None:
        """The SUS mean as every report shows it: to one decimal, half up."""
        mean = self.sus_mean
        return round_fraction(mean, SUS_DECIMALS, "half_up") if mean is not None else None

    @property
    def sus_grade(self) -> str | None:
        """The grade of the mean as shown, so a board never reads "51.7 (F)" where the scale says D."""
        shown = self.sus_mean_shown
        return sus_grade(shown) if shown is not None else None

    @property
    def effect_reports(self) -> list[Feedback]:
        return [e.feedback for e in self.feedback if e.feedback.effects is not None]

    @property
    def hours_per_year(self) -> Fraction | None:
        """The mean of the respondents' hours saved per year (each derived from their own report)."""
        hours = [f.effects.hours_per_year for f in self.effect_reports if f.effects is not None]
        return sum(hours, Fraction(0)) / len(hours) if hours else None


def _time(ts: str) -> datetime:
    return datetime.strptime(ts, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


class TrialStates(dict[tuple[str, str], Trial]):
    """Every trial keyed by (tool, department), and in `adopted` the evidence this city adopted
    from other cities' trials, keyed by (tool, folded publisher name): all the ledger says of trials."""

    def __init__(self) -> None:
        super().__init__()
        self.adopted: dict[tuple[str, str], Adoption] = {}


def trial_states(events: Iterable[Event]) -> TrialStates:
    """Every trial as the ledger tells it, keyed by (tool, department), in the order they started;
    with the evidence adopted from other cities (`TrialStates.adopted`)."""
    trials = TrialStates()
    for event in events:
        if event.kind in EVIDENCE_KINDS:
            fold_adoption(trials.adopted, event)
            continue
        if event.kind not in TRIAL_KINDS:
            continue
        p = event.payload
        key = (str(p.get("tool")), str(p.get("department")))
        if event.kind == TRIAL_STARTED:
            trials[key] = Trial(*key)
            trials[key].moves.append(
                Move(event.seq, event.ts, event.actor, None, str(p.get("phase")), p.get("note"), p.get("reason"))
            )
            continue
        trial = trials.get(key)
        if trial is None:
            continue
        if event.kind == TRIAL_MOVED:
            trial.moves.append(
                Move(event.seq, event.ts, event.actor, p.get("from"), str(p.get("to")), p.get("note"), p.get("reason"))
            )
        elif event.kind == TRIAL_FEEDBACK:
            trial.feedback.append(
                FeedbackEntry(event.seq, event.ts, event.actor, Feedback.model_validate(p["feedback"]))
            )
        else:
            trial.training.append(
                TrainingEntry(event.seq, event.ts, event.actor, TrainingSession.model_validate(p["session"]))
            )
    return trials


def recorded_fingerprints(events: Iterable[Event]) -> set[str]:
    return {str(e.payload.get("fingerprint")) for e in events if e.kind == TRIAL_FEEDBACK}


def allowed_moves(plan: Plan, phase: str) -> list[TrialPhase]:
    current = plan.phase(phase)
    if current is None:
        return []
    return [p for p in plan.trial_phases if p.id in current.next]


def feedback_payload(feedback: Feedback) -> dict[str, Any]:
    return {
        "tool": feedback.tool,
        "department": feedback.department,
        "feedback": feedback.model_dump(mode="json", exclude_none=True),
        "fingerprint": feedback.fingerprint(),
    }


def training_payload(session: TrainingSession) -> dict[str, Any]:
    return {
        "tool": session.tool,
        "department": session.department,
        "session": session.model_dump(mode="json", exclude_none=True),
    }


@dataclass(frozen=True)
class Evidence:
    """What trials say about one tool on one criterion that takes its value from trials."""

    value: Fraction
    """Mean SUS / UX-Lite score, mean rating ratio, mean hours per year, or pooled accuracy %."""
    respondents: int
    """Everyone behind the value: this city's respondents (samples), and other cities' pooled in."""
    others: tuple[Part, ...] = ()
    """Other cities' figures pooled in: adopted, and named by the criterion's `evidence_from`."""


_MEAN_KINDS: Final[dict[str, FigureName]] = {"sus": "sus", "uxlite": "uxlite", "hours_per_year": "hours_per_year"}
"""The kinds of trial evidence pooled as means (accuracy is pooled by counts; staff ratings are on a
city's own criteria, so other cities publish none)."""


def evidence_for(
    plan: Plan, trials: Mapping[tuple[str, str], Trial], tool: str, kind: str, criterion: str
) -> Evidence | None:
    """The trial evidence behind one cell: from every department's feedback on the tool.

    Other cities' evidence joins only when it is adopted (in `trials.adopted`, see
    `TrialStates`) and the criterion's `evidence_from` names its publisher; pooled by
    the rules in `toolbench.methods.evidence`. Without either, it changes nothing.
    """
    entries = [e.feedback for (t, _), trial in trials.items() if t == tool for e in trial.feedback]
    found = plan.criterion(criterion)
    adopted = _adopted_for(trials, tool, found.evidence_from if found is not None else ())
    if kind == "accuracy":
        samples = [f.accuracy for f in entries if f.accuracy is not None]
        own: list[Part] = []
        if samples:
            correct, total = sum(s.correct for s in samples), sum(s.total for s in samples)
            own = [Part(Fraction(correct, total) * 100, len(samples), correct, total)]
        unit = accuracy_unit((s.unit for s in samples), adopted) if adopted else None
        others = [p for e in adopted for p in e.figures("accuracy", unit)] if unit is not None else []
        pooled = pool_accuracy(own + others)
        return Evidence(pooled[0], pooled[1], tuple(others)) if pooled is not None else None
    values: list[Fraction] = []
    if kind == "sus":
        values = [s for f in entries if (s := f.sus_score) is not None]
    elif kind == "uxlite":
        values = [s for f in entries if (s := f.uxlite_score) is not None]
    elif kind == "hours_per_year":
        values = [f.effects.hours_per_year for f in entries if f.effects is not None]
    elif kind == "ratings":
        scale = plan.scale_of(found) if found is not None else None
        if scale is None:
            return None
        values = [
            Fraction(scale.ratios[level])
            for f in entries
            if (level := f.ratings.get(criterion)) is not None and level in scale.ratios
        ]
    own_parts = [Part(sum(values, Fraction(0)) / len(values), len(values))] if values else []
    other_parts = [p for e in adopted for p in e.figures(name)] if (name := _MEAN_KINDS.get(kind)) else []
    found_mean = pool_means(own_parts + other_parts)
    if found_mean is None:
        return None
    return Evidence(found_mean[0], found_mean[1], tuple(other_parts))


def _adopted_for(trials: Mapping[tuple[str, str], Trial], tool: str, named: Sequence[str]) -> list[TrialEvidence]:
    """The adopted records on `tool` whose publisher `named` lists (none without a name)."""
    if not named or not isinstance(trials, TrialStates):
        return []
    keys = {publisher_key(n) for n in named}
    return [
        a.evidence
        for (t, key), a in sorted(trials.adopted.items(), key=lambda item: item[0])
        if t == tool and key in keys
    ]


# --- what this city's trials say to other cities ---------------------------------------------


@dataclass(frozen=True)
class Withheld:
    """A figure left out of the publication: fewer respondents than the minimum."""

    tool: str
    figure: str
    """sus, uxlite, hours_per_year, or accuracy.character / accuracy.field."""
    n: int


@dataclass(frozen=True)
class Publication:
    """What `publication` made: one record per product, and what it left out and why."""

    records: tuple[TrialEvidence, ...]
    withheld: tuple[Withheld, ...]
    untried: tuple[str, ...]
    """Tools asked for (or in the plan) with no trial: nothing to publish."""


def _day(ts: str, zone_name: str) -> date:
    return local(_time(ts), zone_name).date()


def _trial_days(trial: Trial, zone_name: str) -> list[date]:
    days = [_day(m.ts, zone_name) for m in trial.moves]
    days += [f.feedback.date or _day(f.ts, zone_name) for f in trial.feedback]
    days += [t.session.date for t in trial.training]
    return days


def _shown(value: Fraction, decimals: int = MEAN_DECIMALS) -> Decimal:
    return round_fraction(value, decimals, "half_up")


def _mean(values: Sequence[Fraction]) -> Fraction:
    return sum(values, Fraction(0)) / len(values)


def publication(
    plan: Plan,
    trials: Mapping[tuple[str, str], Trial],
    *,
    publisher: str,
    published: date,
    products: Mapping[str, Product] | None = None,
    tools: Sequence[str] | None = None,
    min_respondents: int = 3,
    department_names: bool = False,
) -> Publication:
    """This city's trials as other cities may read them: one anonymised record per product.

    Departments are numbered in the plan's order (部署 1, 部署 2 …) and named only with
    `department_names`. A figure from fewer than `min_respondents` respondents (samples)
    is withheld: its n is given, its value is not. Names of staff, respondents and
    evaluators, roles, who recorded what, comments, ratings on this plan's criteria and
    training sessions are never part of it. `products` names each tool as a catalog does
    (default: as the plan does). Dates are in the plan's time zone.
    """
    zone_name = plan.evaluation.time_zone
    order = [d.id for d in plan.departments]
    records: list[TrialEvidence] = []
    withheld: list[Withheld] = []
    untried: list[str] = []
    for tool in plan.tools:
        if tools is not None and tool.id not in tools:
            continue
        mine = sorted(
            (trial for (t, _), trial in trials.items() if t == tool.id),
            key=lambda trial: order.index(trial.department) if trial.department in order else len(order),
        )
        if not mine:
            untried.append(tool.id)
            continue

        def held(figure: str, n: int) -> bool:
            if n < min_respondents:
                withheld.append(Withheld(tool.id, figure, n))  # noqa: B023 - used at once, in this iteration
                return False
            return True

        departments = []
        for number, trial in enumerate(mine, start=1):
            days = _trial_days(trial, zone_name)
            phase = plan.phase(trial.phase)
            department = plan.department(trial.department)
            departments.append(
                DepartmentOutcome(
                    number=number,
                    name=department.name if department_names and department is not None else None,
                    phase=trial.phase,
                    phase_name=phase.name if phase is not None else Text(ja=trial.phase, en=trial.phase),
                    first_date=min(days),
                    last_date=max(days),
                )
            )
        feedback = [e.feedback for trial in mine for e in trial.feedback]
        sus = [s for f in feedback if (s := f.sus_score) is not None]
        sus_figure = None
        if sus:
            shown = _shown(_mean(sus)) if held("sus", len(sus)) else None
            sus_figure = SusMean(n=len(sus), mean=shown, grade=sus_grade(shown) if shown is not None else None)
        uxlite = [s for f in feedback if (s := f.uxlite_score) is not None]
        uxlite_figure = None
        if uxlite:
            uxlite_figure = Mean(n=len(uxlite), mean=_shown(_mean(uxlite)) if held("uxlite", len(uxlite)) else None)
        effects = [f.effects for f in feedback if f.effects is not None]
        hours = None
        if effects:
            shown_hours = held("hours_per_year", len(effects))
            hours = Hours(
                n=len(effects),
                mean=_shown(_mean([e.hours_per_year for e in effects])) if shown_hours else None,
                minutes_saved_per_case=_shown(_mean([e.minutes_saved_per_case for e in effects]))
                if shown_hours
                else None,
                period_days=sorted({Decimal(plain(e.period_days)) for e in effects}),
            )
        accuracy = []
        for unit in ("character", "field"):
            samples = [f.accuracy for f in feedback if f.accuracy is not None and f.accuracy.unit == unit]
            if not samples:
                continue
            correct, total = sum(s.correct for s in samples), sum(s.total for s in samples)
            if held(f"accuracy.{unit}", len(samples)):
                rate = round_fraction(Fraction(correct, total) * 100, RATE_DECIMALS, "half_up")
                accuracy.append(Accuracy(unit=unit, n=len(samples), rate=rate, correct=correct, total=total))
            else:
                accuracy.append(Accuracy(unit=unit, n=len(samples)))
        product = (products or {}).get(tool.id) or Product(
            id=tool.id, name=tool.name.get("ja") or tool.id, vendor=tool.vendor
        )
        records.append(
            TrialEvidence(
                publisher=publisher,
                published=published,
                product=product,
                min_respondents=min_respondents,
                first_date=min(d.first_date for d in departments),
                last_date=max(d.last_date for d in departments),
                departments=departments,
                sus=sus_figure,
                uxlite=uxlite_figure,
                hours_per_year=hours,
                accuracy=accuracy,
            )
        )
    return Publication(tuple(records), tuple(withheld), tuple(untried))
