"""Trial evidence between cities: the anonymised summary a city publishes, and pooling it with its own.

A city publishes, per product, what its trials showed (`TrialEvidence`): the kinds of
department that tried it (numbered, or named only when the city chooses to), the phase
each reached, the SUS mean with its Sauro–Lewis grade, the UX-Lite mean, hours saved
per year with how they were extrapolated, accuracy with its unit, and the first and
last dates. Each figure carries its n; below `min_respondents` the figure is withheld
and only its n is given. No staff, respondent or evaluator name, role, actor, free
comment, rating on the city's own criteria or training session is ever part of it.

Another city pulls it (`catalog pull`) and sees it beside the product. It changes that
city's figures only when the city records that it adopts it (`evidence.adopted`, an
event in its own ledger, so that the evaluation stays a function of plan and ledger)
and a criterion names the publisher in `evidence_from`. Pooling then follows one rule
per figure:

    SUS, UX-Lite         the mean of every respondent's score: the n-weighted mean of the means
    hours per year       the mean hours one respondent saves per year, pooled the same way;
                         never a sum: another city's savings are not saved here, and a sum
                         would grow with the number of cities adopted rather than with the tool
    accuracy             correct ÷ total over every sample, when every part gives its counts;
                         else the n-weighted mean of the rates; one unit only (character or
                         field level), never mixed

Pure data and arithmetic: no I/O.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Annotated, Any, Final, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from toolbench.base.numbers import round_fraction
from toolbench.base.text import text_problem
from toolbench.methods.trial_metrics import sus_grade
from toolbench.model.plan import LocalText, Plan, Slug, Tool
from toolbench.store.ledger import Event

EVIDENCE_ADOPTED: Final = "evidence.adopted"
EVIDENCE_WITHDRAWN: Final = "evidence.withdrawn"
EVIDENCE_KINDS: Final = (EVIDENCE_ADOPTED, EVIDENCE_WITHDRAWN)

DEFAULT_MIN_RESPONDENTS: Final = 3
"""Below this many respondents a mean is withheld: with one or two, a mean is a person's answer."""

MEAN_DECIMALS: Final = 1
"""SUS, UX-Lite, hours and minutes are published as every report shows them: to one decimal, half up."""
RATE_DECIMALS: Final = 2
"""Accuracy rates (%) are published to two decimals, half up, as `trial log` shows them."""

Unit = Literal["character", "field"]
FigureName = Literal["sus", "uxlite", "hours_per_year", "accuracy"]


def _plain_text(value: str) -> str:
    """Text from another city is shown and may be recorded: refused if the record would refuse it."""
    problem = text_problem(value)
    if problem is not None:
        key, found = problem
        if key == "text.too_long":
            raise ValueError(f"{found['length']} characters, more than {found['limit']}")
        raise ValueError(f"{found['code']} at character {found['position']} is a control character; remove it")
    if not value.strip():
        raise ValueError("empty")
    return value


Name = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_plain_text)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Product(_Model):
    """The product as the publishing city's catalog names it, so that another city can match it."""

    id: Slug
    name: Name
    vendor: Name


class DepartmentOutcome(_Model):
    """One department that tried the product: numbered (部署 1 …), named only when the city chose to."""

    number: int = Field(ge=1, le=10000)
    name: LocalText | None = None
    phase: Slug
    """The phase the trial is in (reached): an id of the publisher's plan, so its name goes with it."""
    phase_name: LocalText
    first_date: date
    last_date: date

    @model_validator(mode="after")
    def _dates(self) -> DepartmentOutcome:
        if self.first_date > self.last_date:
            raise ValueError(f"first_date {self.first_date} is after last_date {self.last_date}")
        return self


class Mean(_Model):
    """A mean of n respondents' scores (0–100); `mean` is absent when n is below the minimum (withheld)."""

    n: int = Field(ge=1, le=10_000_000)
    mean: Decimal | None = Field(default=None, ge=0, le=100)


class SusMean(Mean):
    """The SUS mean with its Sauro–Lewis grade, read from the mean as published."""

    grade: str | None = None

    @model_validator(mode="after")
    def _graded(self) -> SusMean:
        if self.mean is None:
            if self.grade is not None:
                raise ValueError("grade: given for a withheld mean")
        elif self.grade != sus_grade(self.mean):
            expected = sus_grade(self.mean)
            raise ValueError(f"grade: {self.grade!r}, but the Sauro–Lewis grade of {self.mean} is {expected}")
        return self


class Hours(_Model):
    """Hours saved per year: the mean over n respondents of (minutes before − with) × cases ×
    `days_per_year` ÷ period days ÷ 60, each respondent's from their own period."""

    n: int = Field(ge=1, le=10_000_000)
    mean: Decimal | None = Field(default=None, ge=-(10**12), le=10**12)
    minutes_saved_per_case: Decimal | None = Field(default=None, ge=-100000, le=100000)
    """The mean minutes saved per case, checking included (withheld with the mean)."""
    period_days: list[Annotated[Decimal, Field(ge=1, le=3660)]] = Field(min_length=1, max_length=100)
    """The lengths of the periods the cases were counted over: each was extrapolated to a year."""
    days_per_year: Literal[365] = 365

    @model_validator(mode="after")
    def _together(self) -> Hours:
        if (self.mean is None) != (self.minutes_saved_per_case is None):
            raise ValueError("mean and minutes_saved_per_case: give both, or neither when withheld")
        return self


class Accuracy(_Model):
    """Accuracy at one unit over n samples: the rate in %, with the counts behind it when given."""

    unit: Unit
    n: int = Field(ge=1, le=10_000_000)
    rate: Decimal | None = Field(default=None, ge=0, le=100)
    correct: int | None = Field(default=None, ge=0)
    total: int | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _counts(self) -> Accuracy:
        if (self.correct is None) != (self.total is None):
            raise ValueError("correct and total: give both or neither")
        if self.correct is not None and self.total is not None:
            if self.rate is None:
                raise ValueError("counts given for a withheld rate")
            if self.correct > self.total:
                raise ValueError(f"correct ({self.correct}) cannot exceed total ({self.total})")
            expected = round_fraction(Fraction(self.correct, self.total) * 100, RATE_DECIMALS, "half_up")
            if round_fraction(Fraction(self.rate), RATE_DECIMALS, "half_up") != expected:
                raise ValueError(f"rate {self.rate} is not {self.correct}/{self.total} = {expected} %")
        return self

    @property
    def counted(self) -> bool:
        return self.correct is not None and self.total is not None


class TrialEvidence(_Model):
    """One city's trials of one product, anonymised: what it publishes for other cities."""

    publisher: Name
    """The publishing city (or its division), as it names itself."""
    published: date
    product: Product
    min_respondents: int = Field(ge=1, le=1000)
    """The n below which a figure was withheld."""
    first_date: date
    last_date: date
    departments: list[DepartmentOutcome] = Field(min_length=1, max_length=1000)
    sus: SusMean | None = None
    uxlite: Mean | None = None
    hours_per_year: Hours | None = None
    accuracy: list[Accuracy] = Field(default_factory=list, max_length=2)

    @model_validator(mode="after")
    def _consistent(self) -> TrialEvidence:
        if self.first_date > self.last_date:
            raise ValueError(f"first_date {self.first_date} is after last_date {self.last_date}")
        numbers = [d.number for d in self.departments]
        if len(set(numbers)) != len(numbers):
            raise ValueError("departments: a number is given twice")
        units = [a.unit for a in self.accuracy]
        if len(set(units)) != len(units):
            raise ValueError("accuracy: a unit is given twice")
        parts: list[tuple[str, int, bool]] = [
            (name, figure.n, figure.mean is None)
            for name, figure in (("sus", self.sus), ("uxlite", self.uxlite), ("hours_per_year", self.hours_per_year))
            if figure is not None
        ]
        parts += [(f"accuracy ({a.unit})", a.n, a.rate is None) for a in self.accuracy]
        for name, n, withheld in parts:
            if withheld and n >= self.min_respondents:
                raise ValueError(f"{name}: n = {n} reaches min_respondents {self.min_respondents}, so give the figure")
            if not withheld and n < self.min_respondents:
                raise ValueError(f"{name}: n = {n} is below min_respondents {self.min_respondents}: withhold it")
        return self

    def figures(self, name: FigureName, unit: Unit | None = None) -> list[Part]:
        """The published (not withheld) figure `name` as pooling parts (accuracy: of `unit`)."""
        if name == "accuracy":
            return [
                Part(Fraction(a.rate), a.n, a.correct, a.total, self.publisher, self.published)
                for a in self.accuracy
                if a.rate is not None and a.unit == unit
            ]
        figure = {"sus": self.sus, "uxlite": self.uxlite, "hours_per_year": self.hours_per_year}[name]
        if figure is None or figure.mean is None:
            return []
        return [Part(Fraction(figure.mean), figure.n, None, None, self.publisher, self.published)]

    def document_data(self) -> dict[str, Any]:
        """The record as a catalog document holds it: numbers as numbers, dates as dates."""
        return self.model_dump(mode="python", exclude_none=True)


def publisher_key(name: str) -> str:
    """A publisher's name as compared: width, case and spacing folded (○○市 ＤＸ推進課 = ○○市 DX推進課)."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


# --- pooling -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One source's figure for pooling: its mean (or rate in %), its n, and its counts where it has them."""

    value: Fraction
    n: int
    correct: int | None = None
    total: int | None = None
    publisher: str | None = None
    """None for this city's own trials."""
    published: date | None = None


def pool_means(parts: Sequence[Part]) -> tuple[Fraction, int] | None:
    """The n-weighted mean of the parts' means (the mean of every respondent's value) and the total n."""
    n = sum(p.n for p in parts)
    if not parts or n == 0:
        return None
    return sum((p.value * p.n for p in parts), Fraction(0)) / n, n


def pool_accuracy(parts: Sequence[Part]) -> tuple[Fraction, int] | None:
    """Accuracy in % over every sample: by counts when every part has them, else n-weighted rates."""
    if not parts:
        return None
    n = sum(p.n for p in parts)
    if all(p.correct is not None and p.total is not None for p in parts):
        correct = sum(p.correct or 0 for p in parts)
        total = sum(p.total or 0 for p in parts)
        return Fraction(correct, total) * 100, n
    return pool_means(parts)


def accuracy_unit(own_units: Iterable[str], adopted: Iterable[TrialEvidence]) -> Unit | None:
    """The one unit adopted accuracy may join in: the unit of this city's own samples; with none,
    the one unit the adopted figures share; None when units differ (they are never mixed)."""
    own = set(own_units)
    if len(own) > 1:
        return None
    if own:
        unit = next(iter(own))
        return "field" if unit == "field" else "character"
    theirs = {a.unit for e in adopted for a in e.accuracy if a.rate is not None}
    if len(theirs) != 1:
        return None
    return next(iter(theirs))


# --- adoption: the ledger's record of which other cities' evidence counts here --------------


@dataclass(frozen=True)
class Adoption:
    """Other cities' evidence on one tool, adopted: the record as pulled, where from, who and why."""

    seq: int
    ts: str
    actor: str
    tool: str
    """The plan's tool id the evidence is about."""
    evidence: TrialEvidence
    source: str
    """The file it was adopted from (relative to the workspace)."""
    sha256: str
    """SHA-256 of that file when it was adopted."""
    url: str | None
    reason: str


def adoption_payload(
    tool: str,
    evidence: TrialEvidence,
    *,
    source: str,
    sha256: str,
    url: str | None,
    reason: str,
    url_sha256: str | None = None,
) -> dict[str, Any]:
    """The payload of an `evidence.adopted` event: the whole record, its file and that file's SHA-256,
    and where it was pulled from with the SHA-256 of what that URL gave (so anyone can fetch it again)."""
    payload: dict[str, Any] = {
        "tool": tool,
        "publisher": evidence.publisher,
        "evidence": evidence.model_dump(mode="json", exclude_none=True),
        "source": source,
        "sha256": sha256,
        "reason": reason,
    }
    if url:
        payload["url"] = url
    if url_sha256:
        payload["url_sha256"] = url_sha256
    return payload


def fold_adoption(adopted: dict[tuple[str, str], Adoption], event: Event) -> None:
    """Apply one `evidence.adopted` / `evidence.withdrawn` event: the latest per (tool, publisher) counts."""
    p = event.payload
    key = (str(p.get("tool")), publisher_key(str(p.get("publisher", ""))))
    if event.kind == EVIDENCE_WITHDRAWN:
        adopted.pop(key, None)
        return
    evidence = TrialEvidence.model_validate(p["evidence"])
    url = p.get("url")
    adopted[key] = Adoption(
        event.seq,
        event.ts,
        event.actor,
        key[0],
        evidence,
        str(p.get("source", "")),
        str(p.get("sha256", "")),
        str(url) if url else None,
        str(p.get("reason", "")),
    )


def adopted_evidence(events: Iterable[Event]) -> dict[tuple[str, str], Adoption]:
    """The evidence adopted as of these events, keyed by (tool, folded publisher name)."""
    adopted: dict[tuple[str, str], Adoption] = {}
    for event in events:
        if event.kind in EVIDENCE_KINDS:
            fold_adoption(adopted, event)
    return adopted


def named_publishers(plan: Plan) -> dict[str, list[str]]:
    """Folded publisher name → the criteria (ids) whose `evidence_from` names it."""
    named: dict[str, list[str]] = {}
    for criterion in plan.criteria:
        if criterion.evidence is None:
            continue
        for publisher in criterion.evidence_from:
            named.setdefault(publisher_key(publisher), []).append(criterion.id)
    return named


# --- pulled evidence beside the plan's tools ------------------------------------------------


@dataclass(frozen=True)
class Pulled:
    """A record as found in a catalog file outside the ledger (pulled, or the workspace's own)."""

    evidence: TrialEvidence
    file: str
    """Where it is, relative to the workspace."""
    sha256: str
    """SHA-256 of that file."""
    url: str | None = None
    """Where it was pulled from, when known."""
    url_sha256: str | None = None
    """SHA-256 of what the URL gave when it was pulled (an index: the index), as `catalog pull` recorded it."""
    fetched_at: str | None = None


def _fold_company(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def matches(tool: Tool, product: Product) -> bool:
    """A record is about a plan tool when the catalog id is the tool's id, or name and vendor are the tool's."""
    if product.id == tool.id:
        return True
    names = {_fold_company(n) for n in (tool.name.ja, tool.name.en) if n}
    return _fold_company(product.name) in names and _fold_company(product.vendor) == _fold_company(tool.vendor)


@dataclass(frozen=True)
class OtherCity:
    """One other city's evidence on one of the plan's tools, as this city sees it."""

    tool: str
    evidence: TrialEvidence
    pulled: Pulled | None
    """The copy in a catalog file (None: known only from the ledger's adoption)."""
    adoption: Adoption | None
    """The adoption recorded in the ledger, if any (its record may be an earlier version)."""
    counted_in: tuple[str, ...]
    """The criteria (ids) this evidence counts in: adopted, and named by their `evidence_from`."""

    @property
    def adopted_as_pulled(self) -> bool:
        """Adopted, and the adopted record is the one in the file (not an earlier version)."""
        return self.adoption is not None and (self.pulled is None or self.adoption.evidence == self.pulled.evidence)


def latest(pulled: Iterable[Pulled]) -> list[Pulled]:
    """One record per (publisher, product): the latest published (then the last file read)."""
    kept: dict[tuple[str, str], Pulled] = {}
    for item in pulled:
        key = (publisher_key(item.evidence.publisher), item.evidence.product.id)
        earlier = kept.get(key)
        if earlier is None or item.evidence.published >= earlier.evidence.published:
            kept[key] = item
    return list(kept.values())


def beside_tools(
    plan: Plan,
    pulled: Sequence[Pulled],
    adopted: Mapping[tuple[str, str], Adoption],
    tools: Sequence[str] | None = None,
) -> list[OtherCity]:
    """Other cities' evidence on the plan's tools (or `tools`), in plan order, then by publisher.

    Pulled records and adopted ones meet on (tool, publisher); an adoption whose file is
    gone is still shown, from the ledger.
    """
    named = named_publishers(plan)
    wanted = [t for t in plan.tools if tools is None or t.id in tools]
    found: list[OtherCity] = []
    for tool in wanted:
        rows: dict[str, OtherCity] = {}
        for item in latest(pulled):
            if not matches(tool, item.evidence.product):
                continue
            key = publisher_key(item.evidence.publisher)
            adoption = adopted.get((tool.id, key))
            counted = tuple(named.get(key, ())) if adoption is not None else ()
            rows[key] = OtherCity(tool.id, item.evidence, item, adoption, counted)
        for (tool_id, key), adoption in adopted.items():
            if tool_id == tool.id and key not in rows:
                rows[key] = OtherCity(tool.id, adoption.evidence, None, adoption, tuple(named.get(key, ())))
        found += [rows[k] for k in sorted(rows, key=lambda k: (rows[k].evidence.publisher, k))]
    return found
