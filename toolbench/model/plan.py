"""The evaluation plan: what is evaluated and how, as authored in `toolbench.toml`.

The plan is validated in full before anything uses it. `load_plan` reports every
problem at once, each naming the file, the line, the key path (`criteria[3].points`,
indices counted from 0) and what would fix it. Unknown keys are errors, so a typo
never passes silently. Numbers with a decimal point are read as exact decimals.

Whatever file is read as TOML here (a plan, a trial mapping, a catalog) is bounded
before any model sees it: tables and arrays nest at most `MAX_DEPTH` levels, and a
number has at most 15 digits before the decimal point and 12 after, so `points =
1e308` is named by its key and line rather than overflowing the exact arithmetic.
"""

from __future__ import annotations

import io
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date as _date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Final, Literal, NamedTuple, Protocol, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    TypeAdapter,
    ValidationError,
)
from pydantic_core import PydanticCustomError

from toolbench.base.canonical import content_hash
from toolbench.base.errors import PlanError, Problem
from toolbench.base.i18n import MESSAGES, Lang
from toolbench.base.numbers import RoundingMode
from toolbench.base.numbers import plain as _plain
from toolbench.base.times import zone
from toolbench.base.toml_lines import LineIndex, PathPart, format_path
from toolbench.model.fact_keys import FACT_KEYS, accepted_words, known_key, read_value
from toolbench.model.families import PRICE_FAMILIES as PRICE_FAMILIES
from toolbench.model.families import PRICE_POINT_FAMILIES as PRICE_POINT_FAMILIES
from toolbench.model.families import PriceFamily as PriceFamily
from toolbench.model.location import hashed_content, store_problem

_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def is_slug(value: str) -> bool:
    """True for ids that are safe in file names and commands: no `/`, `..` or spaces."""
    return bool(_SLUG.fullmatch(value)) and ".." not in value


class SlugError(ValueError):
    def __init__(self, value: str) -> None:
        super().__init__(f"'{value}' is not a safe id")
        self.value = value


def _check_slug(value: str) -> str:
    if not is_slug(value):
        raise SlugError(value)
    return value


Slug = Annotated[str, AfterValidator(_check_slug)]
"""An id: letters, digits, '-', '_', '.', starting with a letter or digit, no '..'."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _text_from_plain(value: object) -> object:
    return {"ja": value, "en": value} if isinstance(value, str) else value


class Text(_Model):
    """A label in Japanese and/or English. A plain string in the plan serves both."""

    ja: str | None = None
    en: str | None = None

    def get(self, lang: Lang) -> str:
        first, second = (self.ja, self.en) if lang == "ja" else (self.en, self.ja)
        return first or second or ""

    def __str__(self) -> str:
        return self.get("en")


LocalText = Annotated[Text, BeforeValidator(_text_from_plain)]

CriterionKind = Literal["rating", "metric", "price", "must", "fit", "fact"]

FitAnswer = Literal["yes", "partial", "no", "na"]
"""A fit answer: ○ standard, △ alternative, customisation or later release, × not possible, − not applicable."""
FIT_ANSWERS: Final[tuple[FitAnswer, ...]] = ("yes", "partial", "no", "na")
FIT_SYMBOLS: Final[dict[str, FitAnswer]] = {
    "○": "yes",
    "◯": "yes",
    "〇": "yes",
    "yes": "yes",
    "△": "partial",
    "partial": "partial",
    "×": "no",
    "✕": "no",
    "x": "no",
    "no": "no",
    "−": "na",
    "－": "na",
    "-": "na",
    "―": "na",
    "ー": "na",
    "na": "na",
    "n/a": "na",
}
"""What a vendor may write for each answer (the template offers ○ △ × −)."""


RoundPlace = Literal["evaluator", "criterion", "total"]


def _round_at_default() -> list[RoundPlace]:
    return ["total"]


def _known_zone(name: str) -> str:
    """A time zone the zone database knows, e.g. Asia/Tokyo."""
    try:
        zone(name)
    except ValueError:
        raise ValueError(f"unknown time zone {name!r}; write one such as Asia/Tokyo") from None
    return name


class EvaluationInfo(_Model):
    """`[evaluation]`: what this evaluation is and how figures are shown."""

    title: LocalText
    organisation: LocalText | None = None
    description: LocalText | None = None
    language: Lang = "ja"
    total_points: Decimal | None = Field(default=None, ge=0)
    rounding: RoundingMode = "half_up"
    decimals: int = Field(default=2, ge=0, le=6)
    round_at: list[RoundPlace] = Field(default_factory=_round_at_default)
    """Where figures are rounded by `rounding`/`decimals` before they are used further:
    each evaluator's points on a cell, each cell's points (price points included),
    and/or the totals (technical points, total). Everything else stays exact; the
    除算方式 value is never rounded before ranking."""
    time_zone: Annotated[str, AfterValidator(_known_zone)] = "Asia/Tokyo"
    """Where documents are read: every time shown is in this zone (the ledger keeps UTC)."""
    approval: list[Annotated[str, Field(min_length=1, max_length=20)]] = Field(default_factory=list, max_length=8)
    """The roles of the approval block (決裁欄) printed on documents, e.g. ["課長", "係長", "担当"]."""


class PriceRule(_Model):
    """`[price]`: how price is judged, one family per plan.

    lowest_ratio 配点 × 最低提案価格 ÷ 提案価格 (proposal style)
    addition     加算方式: 価格点 = 配分 × (1 − 入札価格 ÷ 予定価格)
    division     除算方式: 評価値 = 技術点 ÷ 入札価格
    ordinal      price judged on a scale like a rating
    none         price only checked against the ceiling
    """

    family: PriceFamily = "none"
    tax: Literal["included", "excluded"] = "included"
    """Whether prices (and the ceiling) are compared with tax included or excluded."""
    ceiling: Decimal | None = Field(default=None, gt=0)
    """予定価格 / 提案上限額: a price above it disqualifies the candidate."""
    tax_rate: Decimal = Field(default=Decimal("0.10"), ge=0, le=1)
    """The consumption tax rate used to convert a price given on the other basis."""
    division_scale: Decimal = Field(default=Decimal(1000000), gt=0)
    """除算方式: 評価値 is shown as 技術点 ÷ 入札価格 × this (the order never depends on it)."""


class ScoringRule(_Model):
    """`[scoring]`: how the committee's scores on one cell become one figure.

    mean          the mean of the evaluators' ratios (default)
    median        the median ratio (the mean of the middle two for an even count)
    sum           the evaluators' points added up (each cell is worth 配点 × evaluators)
    trimmed_mean  the mean after dropping one highest and one lowest, with 3 or more scores

    `missing = "exclude"` leaves a missing score out and flags the cell; `"block"`
    refuses to produce figures until every evaluator has scored every cell. A missing
    score is never counted as zero.
    """

    aggregation: Literal["mean", "median", "sum", "trimmed_mean", "rank_points"] = "mean"
    missing: Literal["exclude", "block"] = "exclude"
    chair: Slug | None = None
    """The evaluator whose vote breaks a tie on a must-have."""
    technical_minimum: Decimal | None = Field(default=None, gt=0, le=1)
    """足切り: the share of the technical points below which a candidate is disqualified (0.6 = 60 %)."""
    tie_break: list[str] = Field(default_factory=list)
    """Links applied in order to equal totals: technical, price, criterion:ID, group:ID, lot."""
    rank_points: list[Annotated[Decimal, Field(ge=0)]] = Field(default_factory=list, max_length=50)
    """順位点: with `aggregation = "rank_points"`, the points for each member's 1st, 2nd … place, e.g. [5, 3, 1]."""
    rank_ties: Literal["average", "higher"] = "average"
    """Two proposers level in one member's own totals share the mean of the places' points, or both take the higher."""


class FairnessRule(_Model):
    """`[fairness]`: conflicts of interest, locking, sealed prices and rater checks.

    aliases          groups of names that are one company, e.g. [["NTTデータ", "エヌ・ティ・ティ・データ"]]
    require_lock     scores are refused until `toolbench lock` has recorded the criteria, points and rules
    two_envelopes    prices stay sealed until the technical scores are locked (`toolbench lock --scores`)
    divergence_share a cell whose evaluators' ratios spread by this share of the scale or more is listed
    """

    aliases: list[list[str]] = Field(default_factory=list)
    require_lock: bool = False
    two_envelopes: bool = False
    divergence_share: Decimal = Field(default=Decimal("0.3"), gt=0, le=1)


class WeightsRule(_Model):
    """`[weights]`: whether criterion points are fixed in the plan or derived from hearings.

    With `source = "hearings"`, the points of every criterion that is not a must-have
    come from the hearing respondents' combined weights, apportioned by largest
    remainder so they sum exactly to `points_total` (default: the plan's own total of
    those criteria). The evaluation and every report then use the derived points.
    """

    source: Literal["fixed", "hearings"] = "fixed"
    ahp_aggregation: Literal["aij", "aip"] = "aij"
    """AIJ: weighted geometric mean of the judgment matrices; AIP: of the priority vectors."""
    cr_threshold: Decimal = Field(default=Decimal("0.10"), ge=0, le=1)
    include_inconsistent: bool = False
    """Whether respondents whose consistency ratio is above the threshold count."""
    respondent_weights: bool = True
    """Whether each respondent's weight (headcount, caseload) counts when combining."""
    points_total: Decimal | None = Field(default=None, gt=0)
    points_decimals: int = Field(default=0, ge=0, le=2)
    criteria: list[Slug] = Field(default_factory=list)
    """Only these criteria take their points from hearings (default: every weighted one); the rest keep the plan's."""


class Requirement(_Model):
    """One entry requirement of a qualification stage (参加資格), judged pass or fail with its evidence."""

    id: Slug
    name: LocalText
    description: LocalText | None = None


class Shortlist(_Model):
    """Who goes on to the next stage: the top `top_n`, those at or above `pass_mark`, or both.

    `pass_mark` is a share of the stage's points (0.6 = 60 %), applied even with a single
    proposer. Proposers level at the last place of `top_n` all go on (`ties = "include"`)
    or are ordered by the plan's tie-break chain (`ties = "chain"`).
    """

    top_n: int | None = Field(default=None, ge=1, le=1000)
    pass_mark: Decimal | None = Field(default=None, gt=0, le=1)
    ties: Literal["include", "chain"] = "include"


class Stage(_Model):
    """`[[stages]]`: one stage of the procedure (参加資格審査, 一次審査, 二次審査 …), in order.

    A qualification stage judges `requirements` pass or fail before any scoring; a
    scored stage scores its `criteria` (or every criterion of its `groups`) for the
    proposers still in. `order = "lot"` draws the presentation order by lot;
    `attendance_required` lets only members recorded present at a proposer's
    presentation score it.
    """

    id: Slug
    name: LocalText
    kind: Literal["qualification", "scored"] = "scored"
    criteria: list[Slug] = Field(default_factory=list)
    groups: list[Slug] = Field(default_factory=list)
    requirements: list[Requirement] = Field(default_factory=list)
    shortlist: Shortlist | None = None
    attendance_required: bool = False
    order: Literal["plan", "lot"] = "plan"


def _quorum(value: object) -> str | int:
    """majority, two_thirds, all, or a whole number of members (at least 1)."""
    if value in ("majority", "two_thirds", "all"):
        return str(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    raise PydanticCustomError("quorum", "not a quorum", {"value": str(value)})


class ProcedureRule(_Model):
    """`[procedure]`: how the stages end in a decision, and what the public is told.

    final           sum: the final points are the sum of the scored stages' totals; last: the last stage alone
    quorum          members present for a committee decision: majority (more than half), two_thirds, all, or a number
    public_names    on the public results: winner (the selected proposer named, others pseudonymised), all, none
    withdrawn_bids  whether a withdrawn proposer's price still counts where price points depend on the lowest bid
    """

    final: Literal["sum", "last"] = "last"
    quorum: Annotated[str | int, PlainValidator(_quorum)] = "majority"
    public_names: Literal["winner", "all", "none"] = "winner"
    withdrawn_bids: Literal["exclude", "include"] = "exclude"


class RubricInfo(_Model):
    """`[rubric]`: which shipped rubric the plan started from (provenance only)."""

    id: Slug
    version: str
    name: LocalText
    category: str | None = None
    description: LocalText | None = None


class StoreInfo(_Model):
    """`[store]`: the PostgreSQL server (or SQLite file) that keeps the ledger instead of `.toolbench/`.

    Never a password: it comes from the environment, `~/.pgpass` or a service file (docs/store.md).
    `--store` and `TOOLBENCH_STORE` override it (`toolbench.model.location`).
    """

    url: str


class Scale(_Model):
    """`[scales.NAME]`: the levels an evaluator may give, each with its ratio of the points.

    The table is explicit because real rules are not always linear (5/4/3/1/0 with
    no 2; A=1.00, B=0.75 …). Levels are listed best first.
    """

    name: LocalText | None = None
    ratios: dict[str, Decimal]

    def levels(self) -> list[str]:
        return list(self.ratios)

    def describe(self) -> str:
        levels = self.levels()
        numeric = all(re.fullmatch(r"-?\d+", lv) for lv in levels)
        if numeric and len(levels) > 2:
            values = sorted(int(lv) for lv in levels)
            if values == list(range(values[0], values[-1] + 1)):
                return f"{values[0]}–{values[-1]}"
        return "/".join(levels)


MUST_SCALE = Scale(name=Text(ja="適否", en="Pass / fail"), ratios={"pass": Decimal(1), "fail": Decimal(0)})
"""How evaluators judge a must-have: pass or fail (a majority of fails disqualifies)."""

MUST_ALIASES = {"適": "pass", "否": "fail", "合": "pass", "○": "pass", "×": "fail", "ok": "pass", "ng": "fail"}
"""Other ways people write a must-have judgment, as accepted on input."""


class FitPoints(_Model):
    """Raw points for each answer at one priority (not applicable counts for nothing)."""

    yes: Decimal = Field(ge=-1000, le=1000)
    partial: Decimal = Field(ge=-1000, le=1000)
    no: Decimal = Field(ge=-1000, le=1000)


def _default_fit_points() -> dict[str, FitPoints]:
    # a published scheme: ○ +1, △ 0, × −2, and for a priority requirement ○ +2, × −5
    return {
        "required": FitPoints(yes=Decimal(2), partial=Decimal(0), no=Decimal(-5)),
        "important": FitPoints(yes=Decimal(1), partial=Decimal(0), no=Decimal(-2)),
        "optional": FitPoints(yes=Decimal(1), partial=Decimal(0), no=Decimal(0)),
    }


class FitRule(_Model):
    """`fit = {...}` on a criterion of kind `fit`: how the answers to its requirements become its points.

    Each counted answer gives the raw points of its requirement's priority; the
    criterion's ratio is the raw sum over the best possible sum (`scaling = "max"`,
    below zero counted as 0) or its place between the worst and best possible sums
    (`"range"`); points = 配点 × ratio. A requirement of a required priority answered
    × disqualifies (`required_no = "disqualify"`) or only costs its points (`"points"`).
    """

    points: dict[Slug, FitPoints] = Field(default_factory=_default_fit_points)
    scaling: Literal["max", "range"] = "max"
    required_no: Literal["disqualify", "points"] = "disqualify"


def _default_priorities() -> dict[str, Text]:
    return {
        "required": Text(ja="必須", en="Required"),
        "important": Text(ja="重要", en="Important"),
        "optional": Text(ja="任意", en="Optional"),
    }


class FitSettings(_Model):
    """`[fit]`: the priorities of the requirement list, which of them are 必須, and where the list is kept.

    `file` names a CSV (id, text, category, priority, criterion; text_en optional) or
    TOML file (`[[requirements]]`) beside the plan, for lists of hundreds of rows; its
    rows are part of the plan (and of its hash) as if written in it.
    """

    priorities: dict[Slug, LocalText] = Field(default_factory=_default_priorities)
    required: list[Slug] = Field(default_factory=lambda: ["required"])
    file: str | None = None


class FitRequirement(_Model):
    """`[[requirements]]`: one row of the 機能要件一覧 that a `fit` criterion scores."""

    id: Slug
    text: LocalText
    category: LocalText | None = None
    priority: Slug
    criterion: Slug


class MetricRule(_Model):
    """`[criteria.metric]`: how a measured value becomes a ratio of the points.

    ratio_to_best  x ÷ best (higher is better) or best ÷ x (lower is better)
    min_max        (x − min) ÷ (max − min), or (max − x) ÷ (max − min); a column where
                   every tool measured the same gives every tool the full ratio 1
    piecewise      linear between `worst` (ratio 0) and `best` (ratio 1), through any
                   `steps` = [[value, ratio], …] between them, clamped outside
    """

    rule: Literal["ratio_to_best", "min_max", "piecewise"]
    better: Literal["higher", "lower"] = "higher"
    worst: Decimal | None = None
    best: Decimal | None = None
    steps: list[tuple[Decimal, Decimal]] = Field(default_factory=list)


def _fact_key(written: str) -> str:
    """A fact key as the plan names it: a known key by its id, either name or an alias (ISMS → iso27001),
    as `toolbench fact add` reads it; any other name is a free key."""
    return known_key(written) or written.strip()


class FactCondition(_Model):
    """One fact a `fact` rule reads, and when it holds.

    A held key (ismap, iso27001 …) holds when true; a choice or free key when its value
    is one of `in`; a number of days when within `at_most` / `at_least`. `points`: what
    it gives under the per-fact rule.
    """

    key: Annotated[str, AfterValidator(_fact_key)] = Field(min_length=1, max_length=80)
    in_: list[str] = Field(default_factory=list, alias="in")
    at_most: int | None = Field(default=None, ge=0)
    at_least: int | None = Field(default=None, ge=0)
    points: Decimal | None = Field(default=None, ge=0)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class FactCombination(_Model):
    """`{ all = [...], points = … }` or `{ any = [...], points = … }`: points when those facts hold."""

    all: list[Annotated[str, AfterValidator(_fact_key)]] = Field(default_factory=list)
    any: list[Annotated[str, AfterValidator(_fact_key)]] = Field(default_factory=list)
    points: Decimal = Field(ge=0)


class FactRule(_Model):
    """`[criteria.fact]`: the facts a `fact` criterion (or a must-have) is decided by, and the rule.

    Points per fact (`facts[].points`, summed) or per combination (`combinations`, the
    first that holds; none: 0); the rule's best must equal the criterion's points. A
    must-have passes when all (`require = "all"`) or any of its facts hold.
    """

    facts: list[FactCondition] = Field(min_length=1, max_length=40)
    combinations: list[FactCombination] = Field(default_factory=list, max_length=40)
    require: Literal["all", "any"] = "all"

    def best(self) -> Decimal:
        """The most the rule gives."""
        if self.combinations:
            return max(c.points for c in self.combinations)
        return sum((c.points or Decimal(0) for c in self.facts), Decimal(0))


class FactSettings(_Model):
    """`[facts]`: how old a fact may be, and the date facts are judged on.

    `date` (e.g. the proposals' deadline) is the day expiry and age are reckoned on;
    without it, the day the last fact or score was recorded in the plan's time zone (bookkeeping such
    as a lock or the finalization does not move it), and for a closed stage the day it closed.
    """

    max_age_days: int | None = Field(default=None, ge=1, le=36500)
    date: _date | None = None


class Criterion(_Model):
    """`[[criteria]]`: one thing the tools are judged on, with its points (配点)."""

    id: Slug
    name: LocalText
    group: Slug
    kind: CriterionKind = "rating"
    points: Decimal = Field(ge=0)
    scale: Slug | None = None
    unit: LocalText | None = None
    description: LocalText | None = None
    anchors: dict[str, LocalText] = Field(default_factory=dict)
    metric: MetricRule | None = None
    fit: FitRule | None = None
    """For kind `fit`: the points per answer and priority (default: the published ○ +1 / △ 0 / × −2 scheme)."""
    fact: FactRule | None = None
    """For kind `fact`, or a must-have decided by facts: which facts, and what they give."""
    evidence: Literal["ratings", "sus", "uxlite", "hours_per_year", "accuracy"] | None = None
    """Take the value from trial feedback instead of evaluators: staff ratings (a rating
    criterion), or the mean SUS / UX-Lite score, hours saved per year or the pooled
    accuracy % (a metric criterion; SUS and UX-Lite map to score ÷ 100 unless a metric
    rule is given)."""
    evidence_from: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        default_factory=list, max_length=20
    )
    """Trial evidence other cities published (`trials publish`) that counts here too, by publisher name; none
    unless named (pulled evidence is otherwise only shown beside the product)."""


class Price(_Model):
    """A tool's proposed price, with whether tax is included."""

    amount: Decimal = Field(gt=0)
    currency: str = "JPY"
    tax: Literal["included", "excluded"] = "included"
    basis: LocalText | None = None


class Tool(_Model):
    """`[[tools]]`: a candidate product and the organisations behind it."""

    id: Slug
    name: LocalText
    vendor: str
    maker: str | None = None
    resellers: list[str] = Field(default_factory=list)
    url: str | None = None
    price: Price | None = None
    description: LocalText | None = None

    def organisations(self) -> list[str]:
        return [o for o in (self.vendor, self.maker, *self.resellers) if o]


class Evaluator(_Model):
    """`[[evaluators]]`: a committee member, with the organisations they belong to."""

    id: Slug
    name: str
    role: LocalText | None = None
    affiliations: list[str] = Field(default_factory=list)
    """Organisations the evaluator belongs to; one that makes, sells or resells a tool recuses them from it."""
    relationships: list[str] = Field(default_factory=list)
    """Other relationships declared in words (disclosed in reports, not matched)."""


class Department(_Model):
    """`[[departments]]`: a division that is heard, pilots tools or adopts them."""

    id: Slug
    name: LocalText


class TrialPhase(_Model):
    """`[[trial_phases]]`: a step a tool takes in a department, and where it may go next."""

    id: Slug
    name: LocalText
    next: list[Slug] = Field(default_factory=list)
    final: bool = False
    """A decision (adopted, rejected): leaving it re-opens the evaluation and needs a reason."""


def _phase(id: str, ja: str, en: str, *next: str, final: bool = False) -> TrialPhase:
    return TrialPhase(id=id, name=Text(ja=ja, en=en), next=list(next), final=final)


DEFAULT_TRIAL_PHASES: tuple[TrialPhase, ...] = (
    _phase("candidate", "候補", "Candidate", "desk-review", "rejected", "on-hold"),
    _phase("desk-review", "書面審査", "Desk review", "demo", "rejected", "on-hold"),
    _phase("demo", "デモ", "Demo", "pilot", "rejected", "on-hold"),
    _phase("pilot", "試行導入", "Pilot", "training", "rejected", "on-hold"),
    _phase("training", "研修", "Training", "adopted", "rejected", "on-hold"),
    _phase("adopted", "本導入", "Adopted", "desk-review", final=True),
    _phase("rejected", "不採用", "Rejected", "desk-review", final=True),
    _phase("on-hold", "保留", "On hold", "desk-review", "demo", "pilot", "training", "rejected"),
)
"""The default phase graph; `adopted` and `rejected` may re-enter evaluation."""


class _Ids(NamedTuple):
    """A plan's entries by id (the first of an id wins, as a search in order finds it)."""

    source: tuple[tuple[Any, ...], ...]
    """The tuples the index was built from: criteria, tools, evaluators, departments, phases, requirements."""
    criteria: dict[str, Criterion]
    tools: dict[str, Tool]
    evaluators: dict[str, Evaluator]
    departments: dict[str, Department]
    phases: dict[str, TrialPhase]
    requirements: dict[str, FitRequirement]


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_Entry = TypeVar("_Entry", bound=_HasId)


def _by_id(items: Iterable[_Entry]) -> dict[str, _Entry]:
    index: dict[str, _Entry] = {}
    for item in items:
        index.setdefault(item.id, item)
    return index


class Plan(_Model):
    """A validated plan. Build one with `load_plan` or `parse_plan`."""

    evaluation: EvaluationInfo
    rubric: RubricInfo | None = None
    price: PriceRule = PriceRule()
    scoring: ScoringRule = ScoringRule()
    weights: WeightsRule = WeightsRule()
    fairness: FairnessRule = FairnessRule()
    stakeholders: dict[Slug, LocalText] = Field(default_factory=dict)
    """Stakeholder groups that hearings distinguish (staff, agriculture, commerce …)."""
    groups: dict[Slug, LocalText] = Field(default_factory=dict)
    scales: dict[Slug, Scale] = Field(default_factory=dict)
    criteria: tuple[Criterion, ...] = ()
    tools: tuple[Tool, ...] = ()
    evaluators: tuple[Evaluator, ...] = ()
    departments: tuple[Department, ...] = ()
    trial_phases: tuple[TrialPhase, ...] = DEFAULT_TRIAL_PHASES
    fit: FitSettings = FitSettings()
    facts: FactSettings = FactSettings()
    requirements: tuple[FitRequirement, ...] = ()
    """The requirement list (機能要件一覧) the `fit` criteria score, from the plan or `[fit] file`."""
    stages: tuple[Stage, ...] = ()
    """The procedure's stages in order; none: one scoring round, as a plan without stages always was."""
    procedure: ProcedureRule = ProcedureRule()
    store: StoreInfo | None = None
    """Where the ledger is kept, when not in the workspace folder (not part of the hash)."""
    hash: str = ""
    """SHA-256 of the plan's content (not its formatting or comments, nor `[store]`: where the ledger is)."""

    def _ids(self) -> _Ids:
        """The plan's entries by id, built on first use and kept with the plan.

        Kept in the instance's `__dict__` beside the fields, as `functools.cached_property`
        keeps a value: pydantic compares, hashes, dumps and shows fields only, so two equal
        plans stay equal whether or not one was looked up. A private attribute would not
        (pydantic compares those). A copy with other entries (`model_copy(update=...)`)
        carries the old index along, so it is rebuilt when its tuples are not the plan's.
        """
        ids: _Ids | None = self.__dict__.get("_id_index")
        if ids is not None:  # spelled out: this runs for every score an evaluation reads
            kept = ids.source
            if (
                kept[0] is self.criteria
                and kept[1] is self.tools
                and kept[2] is self.evaluators
                and kept[3] is self.departments
                and kept[4] is self.trial_phases
                and kept[5] is self.requirements
            ):
                return ids
        ids = _Ids(
            (self.criteria, self.tools, self.evaluators, self.departments, self.trial_phases, self.requirements),
            _by_id(self.criteria),
            _by_id(self.tools),
            _by_id(self.evaluators),
            _by_id(self.departments),
            _by_id(self.trial_phases),
            _by_id(self.requirements),
        )
        self.__dict__["_id_index"] = ids  # the frozen fields are untouched
        return ids

    def tool(self, id: str) -> Tool | None:
        return self._ids().tools.get(id)

    def evaluator(self, id: str) -> Evaluator | None:
        return self._ids().evaluators.get(id)

    def criterion(self, id: str) -> Criterion | None:
        return self._ids().criteria.get(id)

    def department(self, id: str) -> Department | None:
        return self._ids().departments.get(id)

    def phase(self, id: str) -> TrialPhase | None:
        return self._ids().phases.get(id)

    def fit_requirements(self, criterion_id: str) -> tuple[FitRequirement, ...]:
        """The requirements a `fit` criterion scores, in the list's order."""
        return tuple(r for r in self.requirements if r.criterion == criterion_id)

    def fit_requirement(self, id: str) -> FitRequirement | None:
        return self._ids().requirements.get(id)

    def stage(self, id: str) -> Stage | None:
        return next((s for s in self.stages if s.id == id), None)

    def stage_criteria(self, stage: Stage) -> tuple[Criterion, ...]:
        """The criteria a scored stage scores, in the plan's order."""
        return tuple(c for c in self.criteria if c.id in stage.criteria or c.group in stage.groups)

    def stage_of(self, criterion_id: str) -> Stage | None:
        """The stage that scores a criterion (None without stages)."""
        criterion = self.criterion(criterion_id)
        if criterion is None:
            return None
        return next(
            (s for s in self.stages if criterion.id in s.criteria or criterion.group in s.groups),
            None,
        )

    def hearing_criteria(self) -> tuple[Criterion, ...]:
        """The criteria whose points hearings weigh: `[weights] criteria`, else every weighted criterion."""
        scope = self.weights.criteria
        return tuple(c for c in self.weighted_criteria() if not scope or c.id in scope)

    def weighted_criteria(self) -> tuple[Criterion, ...]:
        """The criteria that carry points and can be weighted by hearings.

        Not must-haves, and not the price criterion when the price family gives it no
        points (division, none).
        """
        return tuple(
            c
            for c in self.criteria
            if c.kind != "must" and (c.kind != "price" or self.price.family in PRICE_POINT_FAMILIES)
        )

    def price_criterion(self) -> Criterion | None:
        return next((c for c in self.criteria if c.kind == "price"), None)

    def scale_of(self, criterion: Criterion) -> Scale | None:
        """The levels evaluators give on this criterion: its scale, or pass/fail for a must-have."""
        if criterion.scale:
            return self.scales.get(criterion.scale)
        return MUST_SCALE if criterion.kind == "must" else None

    def judged_criteria(self) -> tuple[Criterion, ...]:
        """The criteria evaluators judge: ratings (unless taken from trials), must-haves, ordinal price."""
        return tuple(
            c
            for c in self.criteria
            if (c.kind == "rating" and c.evidence is None)
            or (c.kind == "must" and c.evidence is None and c.fact is None)
            or (c.kind == "price" and self.price.family == "ordinal")
        )


# --- reading and validating ---------------------------------------------------------

# How each top-level key is validated: one item at a time, so that one broken entry
# does not hide the problems (or the cross-checks) of the others.
_SINGLE: dict[str, type[_Model]] = {
    "evaluation": EvaluationInfo,
    "rubric": RubricInfo,
    "price": PriceRule,
    "scoring": ScoringRule,
    "weights": WeightsRule,
    "fairness": FairnessRule,
    "store": StoreInfo,
    "procedure": ProcedureRule,
    "fit": FitSettings,
    "facts": FactSettings,
}
_MAPPED: dict[str, Any] = {"groups": LocalText, "scales": Scale, "stakeholders": LocalText}
_LISTED: dict[str, type[_Model]] = {
    "criteria": Criterion,
    "tools": Tool,
    "evaluators": Evaluator,
    "departments": Department,
    "trial_phases": TrialPhase,
    "stages": Stage,
    "requirements": FitRequirement,
}
_TOP_KEYS = [*_SINGLE, *_MAPPED, *_LISTED]


class _Collector:
    def __init__(self, file: str, lines: LineIndex | None) -> None:
        self.file = file
        self.lines = lines
        self.problems: list[Problem] = []

    def add(self, path: Sequence[PathPart], key: str, **params: object) -> None:
        line = self.lines.line_of(path) if self.lines else None
        self.problems.append(Problem(self.file, format_path(path), key, dict(params), line))

    def validation(self, base: Sequence[PathPart], error: ValidationError, model: Any) -> None:
        for item in error.errors(include_url=False):
            loc = [*base, *(p for p in item["loc"] if not isinstance(p, str) or not p.startswith("function-"))]
            loc = [p for p in loc if p not in ("str", "Text", "is-instance[Text]")]
            kind = item["type"]
            ctx = item.get("ctx") or {}
            original = ctx.get("error")
            if isinstance(original, SlugError):
                self.add(loc, "plan.slug", value=original.value)
            elif kind == "extra_forbidden":
                self.add(loc, "plan.unknown_key", allowed=", ".join(_allowed_keys(model, loc[len(base) : -1])))
            elif kind == "missing":
                self.add(loc, "plan.missing")
            elif f"pv.{kind}" in MESSAGES:
                shown = {k: _show(v) for k, v in ctx.items()}
                if kind == "literal_error" and "expected" in shown:  # pydantic's "'a' or 'b'": no English word
                    shown["expected"] = shown["expected"].replace(" or ", ", ")
                self.add(loc, f"pv.{kind}", **shown)
            else:
                self.add(loc, "plan.bad_value", reason=item["msg"])


def _show(value: object) -> str:
    return _plain(value) if isinstance(value, Decimal) else str(value)


def _allowed_keys(model: Any, inner: Sequence[PathPart]) -> list[str]:
    """The keys a model accepts at a nested position, for the 'unknown key' hint."""
    current = model
    in_mapping = False  # the next part is a key of a dict field (an anchor level, a scale name)
    for part in inner:
        if isinstance(part, int) or in_mapping:
            in_mapping = False
            continue
        fields = getattr(current, "model_fields", None)
        if fields is None or part not in fields:
            return []
        annotation = fields[part].annotation
        in_mapping = getattr(annotation, "__origin__", None) is dict
        current = _model_in(annotation)
        if current is None:
            return []
    fields = getattr(current, "model_fields", None)
    if fields is None:
        return ["ja", "en"] if current is Text else []
    return [name for name in fields if name != "hash"]


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def parse_plan(data: Mapping[str, Any], file: str = "toolbench.toml", text: str | None = None) -> Plan:
    """Validate plan data (as read from TOML) and return the Plan, or raise PlanError.

    `text`, when given, is the TOML source and lets problems name their line.
    """
    out = _Collector(file, LineIndex(text) if text is not None else None)
    parsed: dict[str, Any] = {}
    for key in data:
        if key not in _TOP_KEYS:
            out.add([key], "plan.unknown_key", allowed=", ".join(_TOP_KEYS))
    if "evaluation" not in data:
        out.add(["evaluation"], "plan.missing")
    for key, model in _SINGLE.items():
        if key in data:
            try:
                parsed[key] = model.model_validate(data[key])
            except ValidationError as error:
                out.validation([key], error, model)
    store = parsed.get("store")
    problem = None if store is None else store_problem(store.url, in_plan=True)
    if problem is not None:  # a password in the plan would be shared, printed and archived with it
        out.add(["store", "url"], f"plan.{problem}")
    for key, annotation in _MAPPED.items():
        value = data.get(key, {})
        if not isinstance(value, Mapping):
            out.add([key], "pv.dict_type")
            continue
        adapter: TypeAdapter[Any] = TypeAdapter(annotation)
        items = {}
        for name, raw in value.items():
            if not is_slug(name):
                out.add([key, name], "plan.slug", value=name)
                continue
            try:
                items[name] = adapter.validate_python(raw)
            except ValidationError as error:
                out.validation([key, name], error, Scale if key == "scales" else Text)
        parsed[key] = items
    for key, model in _LISTED.items():
        value = data.get(key, [])
        if not isinstance(value, list):
            out.add([key], "plan.expected_array", table=key)
            continue
        items_list = []
        for index, raw in enumerate(value):
            try:
                items_list.append((index, model.model_validate(raw)))
            except ValidationError as error:
                out.validation([key, index], error, model)
        parsed[key] = items_list
    _cross_check(parsed, data, out)
    if out.problems:
        out.problems.sort(key=lambda p: p.line if p.line is not None else 1 << 30)
        raise PlanError(file, out.problems)
    return Plan(
        evaluation=parsed["evaluation"],
        rubric=parsed.get("rubric"),
        price=parsed.get("price", PriceRule()),
        scoring=parsed.get("scoring", ScoringRule()),
        weights=parsed.get("weights", WeightsRule()),
        fairness=parsed.get("fairness", FairnessRule()),
        stakeholders=parsed["stakeholders"],
        groups=parsed["groups"],
        scales=parsed["scales"],
        criteria=tuple(item for _, item in parsed["criteria"]),
        tools=tuple(item for _, item in parsed["tools"]),
        evaluators=tuple(item for _, item in parsed["evaluators"]),
        departments=tuple(item for _, item in parsed["departments"]),
        trial_phases=tuple(item for _, item in parsed["trial_phases"]) or DEFAULT_TRIAL_PHASES,
        stages=tuple(item for _, item in parsed["stages"]),
        procedure=parsed.get("procedure", ProcedureRule()),
        fit=parsed.get("fit", FitSettings()),
        facts=parsed.get("facts", FactSettings()),
        requirements=tuple(item for _, item in parsed["requirements"]),
        store=parsed.get("store"),
        hash=content_hash(hashed_content(data)),
    )


def _cross_check(parsed: dict[str, Any], data: Mapping[str, Any], out: _Collector) -> None:
    """Rules between entries: unique ids, known references, scales that make sense, totals."""
    for key in _LISTED:
        # Read ids from the raw entries so that a duplicate is reported even when
        # one of the two entries has other problems.
        seen: dict[str, int] = {}
        raw_items = data.get(key, [])
        for index, raw in enumerate(raw_items if isinstance(raw_items, list) else []):
            item_id = raw.get("id") if isinstance(raw, Mapping) else None
            if not isinstance(item_id, str):
                continue
            if item_id in seen:
                first = format_path([key, seen[item_id]])
                out.add([key, index, "id"], "plan.duplicate_id", id=item_id, first=first)
            else:
                seen[item_id] = index
    scales: dict[str, Scale] = parsed.get("scales", {})
    for name, scale in scales.items():
        if len(scale.ratios) < 2:
            out.add(["scales", name, "ratios"], "plan.scale_empty")
        for level, ratio in scale.ratios.items():
            if not Decimal(0) <= ratio <= Decimal(1):
                out.add(["scales", name, "ratios", level], "plan.ratio_range", ratio=ratio)
    # Names as written, so that a declared but broken scale is not also called unknown.
    declared_scales = list(data["scales"]) if isinstance(data.get("scales"), Mapping) else []
    declared_groups = list(data["groups"]) if isinstance(data.get("groups"), Mapping) else []
    parsed_criteria = dict(parsed.get("criteria", []))
    raw_criteria = data.get("criteria") if isinstance(data.get("criteria"), list) else []
    for index, raw in enumerate(raw_criteria or []):
        base: list[PathPart] = ["criteria", index]
        criterion = parsed_criteria.get(index)
        if criterion is None:
            # The entry has field problems; its references can still be checked.
            if isinstance(raw, Mapping):
                group, scale_name = raw.get("group"), raw.get("scale")
                if isinstance(group, str) and is_slug(group) and group not in declared_groups:
                    out.add([*base, "group"], "plan.unknown_group", group=group, known=_known(declared_groups))
                if isinstance(scale_name, str) and is_slug(scale_name) and scale_name not in declared_scales:
                    out.add([*base, "scale"], "plan.unknown_scale", scale=scale_name, known=_known(declared_scales))
            continue
        if criterion.group not in declared_groups:
            out.add([*base, "group"], "plan.unknown_group", group=criterion.group, known=_known(declared_groups))
        if criterion.kind == "rating" and criterion.scale is None:
            out.add([*base, "scale"], "plan.rating_needs_scale", kind=criterion.kind)
        if criterion.scale is not None:
            declared = scales.get(criterion.scale)
            if criterion.scale not in declared_scales:
                out.add([*base, "scale"], "plan.unknown_scale", scale=criterion.scale, known=_known(declared_scales))
            elif declared is not None:
                for level in criterion.anchors:
                    if level not in declared.ratios:
                        out.add(
                            [*base, "anchors", level],
                            "plan.anchor_level",
                            level=level,
                            scale=criterion.scale,
                            levels=", ".join(declared.ratios),
                        )
    _check_kinds(parsed, out)
    evaluation = parsed.get("evaluation")
    criteria_ok = len(parsed.get("criteria", [])) == len(data.get("criteria", []) or [])
    if evaluation is not None and evaluation.total_points is not None and criteria_ok:
        actual = sum((c.points for _, c in parsed["criteria"]), Decimal(0))
        if actual != evaluation.total_points:
            out.add(
                ["evaluation", "total_points"],
                "plan.points_total",
                actual=_plain(actual),
                declared=_plain(evaluation.total_points),
            )
    weights_rule = parsed.get("weights")
    if weights_rule is not None and weights_rule.source == "hearings" and criteria_ok:
        total = weights_rule.points_total
        if total is None:
            family = parsed["price"].family if "price" in parsed else "none"
            total = sum(
                (
                    c.points
                    for _, c in parsed["criteria"]
                    if c.kind != "must"
                    and (c.kind != "price" or family in PRICE_POINT_FAMILIES)
                    and (not weights_rule.criteria or c.id in weights_rule.criteria)
                ),
                Decimal(0),
            )
        step = Decimal(1).scaleb(-weights_rule.points_decimals)
        if total % step != 0:
            out.add(["weights", "points_total"], "plan.points_step", total=_plain(total), step=_plain(step))
    if weights_rule is not None and criteria_ok:
        known_ids = [c.id for _, c in parsed["criteria"] if c.kind != "must"]
        for position, criterion_id in enumerate(weights_rule.criteria):
            if criterion_id not in known_ids:
                out.add(
                    ["weights", "criteria", position],
                    "plan.unknown_criterion_ref",
                    criterion=criterion_id,
                    known=_known(known_ids),
                )
    _check_stages(parsed, out)
    _check_fit(parsed, out)
    _check_facts(parsed, out)
    phases = {p.id for _, p in parsed.get("trial_phases", [])}
    for index, phase in parsed.get("trial_phases", []):
        for position, target in enumerate(phase.next):
            if target not in phases:
                out.add(
                    ["trial_phases", index, "next", position],
                    "plan.phase_unknown",
                    value=target,
                    known=", ".join(sorted(phases)),
                )


def _check_fit(parsed: dict[str, Any], out: _Collector) -> None:
    """Requirements name a known priority and a `fit` criterion; each `fit` criterion has requirements and
    points for every priority."""
    settings: FitSettings = parsed.get("fit", FitSettings())
    criteria: list[tuple[int, Criterion]] = parsed.get("criteria", [])
    fit_ids = [c.id for _, c in criteria if c.kind == "fit"]
    priorities = list(settings.priorities)
    for position, name in enumerate(settings.required):
        if name not in priorities:
            out.add(["fit", "required", position], "plan.fit_unknown_priority", priority=name, known=_known(priorities))
    used: set[str] = set()
    for index, requirement in parsed.get("requirements", []):
        base: list[PathPart] = ["requirements", index]
        if requirement.priority not in priorities:
            out.add(
                [*base, "priority"],
                "plan.fit_unknown_priority",
                priority=requirement.priority,
                known=_known(priorities),
            )
        if requirement.criterion not in fit_ids:
            out.add(
                [*base, "criterion"],
                "plan.fit_unknown_criterion",
                criterion=requirement.criterion,
                known=_known(fit_ids),
            )
        used.add(requirement.criterion)
    for index, criterion in criteria:
        base = ["criteria", index]
        if criterion.kind != "fit":
            if criterion.fit is not None:
                out.add([*base, "fit"], "plan.fit_only", kind=criterion.kind)
            continue
        if criterion.scale is not None:
            out.add([*base, "scale"], "plan.fit_scale")
        rule = criterion.fit or FitRule()
        for name in priorities:
            if name not in rule.points:
                out.add([*base, "fit", "points"], "plan.fit_points_missing", priority=name)
        if criterion.id not in used:
            out.add(base, "plan.fit_no_requirements", criterion=criterion.id)


def _check_facts(parsed: dict[str, Any], out: _Collector) -> None:
    """A `fact` rule on a fact criterion or a must-have only, its conditions fit to their keys' types,
    its combinations naming its facts, and its best equal to the criterion's points."""

    for index, criterion in parsed.get("criteria", []):
        base: list[PathPart] = ["criteria", index]
        rule = criterion.fact
        if criterion.kind == "fact" and rule is None:
            out.add([*base, "fact"], "plan.fact_needs_rule")
        if rule is None:
            continue
        if criterion.kind not in ("fact", "must"):
            out.add([*base, "fact"], "plan.fact_only", kind=criterion.kind)
            continue
        keys: list[str] = []
        for position, condition in enumerate(rule.facts):
            where: list[PathPart] = [*base, "fact", "facts", position]
            key = condition.key
            if key in keys:
                out.add([*where, "key"], "plan.fact_duplicate_key", fact=key)
            keys.append(key)
            spec = FACT_KEYS.get(key)
            kind = spec.type if spec is not None else "text"
            if kind in ("choice", "text") and not condition.in_:
                out.add([*where, "in"], "plan.fact_needs_in", fact=key, values=accepted_words(key))
            if kind != "days" and (condition.at_most is not None or condition.at_least is not None):
                out.add(
                    [*where, "at_most" if condition.at_most is not None else "at_least"],
                    "plan.fact_days_only",
                    fact=key,
                )
            if kind == "days" and condition.at_most is None and condition.at_least is None:
                out.add([*where, "at_most"], "plan.fact_needs_bound", fact=key)
            if kind in ("held", "days") and condition.in_:
                out.add([*where, "in"], "plan.fact_in_not_for", fact=key)
            if kind == "choice":
                for at, value in enumerate(condition.in_):
                    try:
                        read_value(key, value)
                    except ValueError:
                        out.add(
                            [*where, "in", at], "plan.fact_bad_value", fact=key, value=value, values=accepted_words(key)
                        )
            if condition.points is not None and (criterion.kind == "must" or rule.combinations):
                out.add([*where, "points"], "plan.fact_points_unused")
        if criterion.kind == "must":
            if rule.combinations:
                out.add([*base, "fact", "combinations"], "plan.fact_must_no_combinations")
            continue
        if rule.combinations:
            for position, combination in enumerate(rule.combinations):
                where = [*base, "fact", "combinations", position]
                if not combination.all and not combination.any:
                    out.add(where, "plan.fact_combination_empty")
                for part in ("all", "any"):
                    for at, key in enumerate(getattr(combination, part)):
                        if key not in keys:
                            out.add([*where, part, at], "plan.fact_unknown_ref", fact=key, known=_known(keys))
        elif any(c.points is None for c in rule.facts):
            first = next(i for i, c in enumerate(rule.facts) if c.points is None)
            out.add([*base, "fact", "facts", first, "points"], "plan.fact_needs_points")
            continue
        if rule.best() != criterion.points:
            out.add([*base, "fact"], "plan.fact_best", best=_plain(rule.best()), points=_plain(criterion.points))


def _check_stages(parsed: dict[str, Any], out: _Collector) -> None:
    """Stages: known criteria and groups, each criterion in one stage, a shortlist only where a stage follows."""
    stages: list[tuple[int, Stage]] = parsed.get("stages", [])
    scoring: ScoringRule | None = parsed.get("scoring")
    if scoring is not None and scoring.aggregation == "rank_points":
        if not scoring.rank_points:
            out.add(["scoring", "rank_points"], "plan.rank_points_missing")
        elif any(a < b for a, b in zip(scoring.rank_points, scoring.rank_points[1:], strict=False)):
            out.add(["scoring", "rank_points"], "plan.rank_points_order")
        price_rule: PriceRule | None = parsed.get("price")
        if price_rule is not None and price_rule.family == "division":
            out.add(["scoring", "aggregation"], "plan.rank_points_division")
    elif scoring is not None and scoring.rank_points:
        out.add(["scoring", "rank_points"], "plan.rank_points_unused", aggregation=scoring.aggregation)
    if not stages:
        return
    rule: ProcedureRule | None = parsed.get("procedure")
    family_rule: PriceRule | None = parsed.get("price")
    if rule is not None and rule.final == "sum" and family_rule is not None and family_rule.family == "division":
        # 技術点 ÷ 価格 per stage, added up, would count the price once per stage
        out.add(["procedure", "final"], "plan.procedure_sum_division")
    criteria: list[tuple[int, Criterion]] = parsed.get("criteria", [])
    by_id = {c.id: c for _, c in criteria}
    groups = list(parsed.get("groups", {}))
    placed: dict[str, str] = {}
    for index, stage in stages:
        base: list[PathPart] = ["stages", index]
        if stage.kind == "qualification":
            if index != 0:
                out.add([*base, "kind"], "plan.stage_qualification_first")
            if not stage.requirements:
                out.add([*base, "requirements"], "plan.stage_requirements_missing")
            if stage.criteria or stage.groups:
                out.add([*base, "criteria" if stage.criteria else "groups"], "plan.stage_qualification_criteria")
            seen: set[str] = set()
            for position, requirement in enumerate(stage.requirements):
                if requirement.id in seen:
                    out.add([*base, "requirements", position, "id"], "plan.stage_requirement_twice", id=requirement.id)
                seen.add(requirement.id)
            if stage.attendance_required or stage.order != "plan":
                out.add(
                    [*base, "attendance_required" if stage.attendance_required else "order"], "plan.stage_not_scored"
                )
        else:
            if stage.requirements:
                out.add([*base, "requirements"], "plan.stage_requirements_scored")
            if not stage.criteria and not stage.groups:
                out.add([*base, "criteria"], "plan.stage_empty")
        for position, criterion_id in enumerate(stage.criteria):
            if criterion_id not in by_id:
                out.add(
                    [*base, "criteria", position],
                    "plan.unknown_criterion_ref",
                    criterion=criterion_id,
                    known=_known(by_id),
                )
        for position, group in enumerate(stage.groups):
            if group not in groups:
                out.add([*base, "groups", position], "plan.unknown_group", group=group, known=_known(groups))
        for criterion_id, criterion in by_id.items():
            if criterion_id in stage.criteria or criterion.group in stage.groups:
                if criterion_id in placed:
                    out.add([*base], "plan.stage_criterion_twice", criterion=criterion_id, first=placed[criterion_id])
                else:
                    placed[criterion_id] = stage.id
        if stage.shortlist is not None:
            if index == len(stages) - 1:
                out.add([*base, "shortlist"], "plan.stage_shortlist_last")
            elif stage.kind == "qualification":
                out.add([*base, "shortlist"], "plan.stage_not_scored")
            elif stage.shortlist.top_n is None and stage.shortlist.pass_mark is None:
                out.add([*base, "shortlist"], "plan.stage_shortlist_empty")
    if not any(s.kind == "scored" for _, s in stages):
        out.add(["stages", 0], "plan.stage_none_scored")
    for index, criterion in criteria:
        if criterion.id not in placed:
            out.add(["criteria", index], "plan.stage_criterion_unplaced", criterion=criterion.id)


TIE_BREAK_LINKS = ("technical", "price", "lot")
"""Tie-break links besides `criterion:ID` and `group:ID`."""


def _check_kinds(parsed: dict[str, Any], out: _Collector) -> None:
    """Rules of the criterion kinds, the price family, the committee and the tie-break chain."""
    criteria: list[tuple[int, Criterion]] = parsed.get("criteria", [])
    price_rule: PriceRule | None = parsed.get("price")
    family = price_rule.family if price_rule is not None else "none"
    prices = [(i, c) for i, c in criteria if c.kind == "price"]
    for index, criterion in criteria:
        base: list[PathPart] = ["criteria", index]
        direct = criterion.evidence in ("sus", "uxlite")
        if criterion.kind == "metric" and criterion.metric is None and not direct:
            out.add([*base, "metric"], "plan.metric_needs_rule")
        if criterion.evidence == "ratings" and criterion.kind != "rating":
            out.add([*base, "evidence"], "plan.evidence_kind", evidence=criterion.evidence, kind="rating")
        if criterion.evidence not in (None, "ratings") and criterion.kind != "metric":
            out.add([*base, "evidence"], "plan.evidence_kind", evidence=criterion.evidence, kind="metric")
        if criterion.evidence_from and criterion.evidence is None:
            out.add([*base, "evidence_from"], "plan.evidence_from_needs_evidence")
        if criterion.kind != "metric" and criterion.metric is not None:
            out.add([*base, "metric"], "plan.metric_only", kind=criterion.kind)
        if criterion.metric is not None:
            _check_metric(criterion.metric, [*base, "metric"], out)
        if criterion.kind == "must":
            if criterion.scale is not None:
                out.add([*base, "scale"], "plan.must_scale")
            if criterion.points != 0:
                out.add([*base, "points"], "plan.must_points", points=_plain(criterion.points))
        if criterion.kind == "price":
            if family == "ordinal" and criterion.scale is None:
                out.add([*base, "scale"], "plan.price_ordinal_scale")
            if family not in PRICE_POINT_FAMILIES and criterion.points != 0:
                out.add([*base, "points"], "plan.price_no_points", family=family, points=_plain(criterion.points))
    for index, _ in prices[1:]:
        out.add(["criteria", index, "kind"], "plan.price_twice", first=format_path(["criteria", prices[0][0]]))
    if family in PRICE_POINT_FAMILIES and not prices and criteria:
        out.add(["price", "family"], "plan.price_needs_criterion", family=family)
    if family == "addition" and price_rule is not None and price_rule.ceiling is None:
        out.add(["price", "ceiling"], "plan.price_needs_ceiling", family=family)
    scoring: ScoringRule | None = parsed.get("scoring")
    if scoring is None:
        return
    evaluator_ids = [e.id for _, e in parsed.get("evaluators", [])]
    if scoring.chair is not None and scoring.chair not in evaluator_ids:
        out.add(["scoring", "chair"], "plan.chair_unknown", chair=scoring.chair, known=_known(evaluator_ids))
    criterion_ids = {c.id for _, c in criteria}
    group_ids = set(parsed.get("groups", {}))
    for position, link in enumerate(scoring.tie_break):
        prefix, _, name = link.partition(":")
        known = (
            link in TIE_BREAK_LINKS
            or (prefix == "criterion" and name in criterion_ids)
            or (prefix == "group" and name in group_ids)
        )
        if not known:
            out.add(["scoring", "tie_break", position], "plan.tie_break_unknown", link=link)
        elif link == "lot" and position != len(scoring.tie_break) - 1:
            out.add(["scoring", "tie_break", position], "plan.tie_break_lot_last")


def _check_metric(rule: MetricRule, base: list[PathPart], out: _Collector) -> None:
    if rule.rule != "piecewise":
        for name in ("worst", "best"):
            if getattr(rule, name) is not None:
                out.add([*base, name], "plan.metric_piecewise_only", name=name, rule=rule.rule)
        if rule.steps:
            out.add([*base, "steps"], "plan.metric_piecewise_only", name="steps", rule=rule.rule)
        return
    if rule.worst is None or rule.best is None:
        out.add([*base, "worst" if rule.worst is None else "best"], "plan.metric_needs_ends")
        return
    if rule.worst == rule.best:
        out.add([*base, "best"], "plan.metric_same_ends", value=_plain(rule.best))
        return
    direction = 1 if rule.best > rule.worst else -1
    previous_value, previous_ratio = rule.worst, Decimal(0)
    for position, (value, ratio) in enumerate(rule.steps):
        inside = (value - previous_value) * direction > 0 and (rule.best - value) * direction > 0
        if not inside or not previous_ratio <= ratio <= 1:
            out.add(
                [*base, "steps", position],
                "plan.metric_step",
                value=_plain(value),
                ratio=_plain(ratio),
                worst=_plain(rule.worst),
                best=_plain(rule.best),
            )
            return
        previous_value, previous_ratio = value, ratio


def _known(items: Iterable[str]) -> str:
    names = list(items)
    return ", ".join(names) if names else "(none)"


def read_text_file(path: Path) -> tuple[bytes, str]:
    """A plan-like file's bytes and its UTF-8 text (BOM allowed), or PlanError naming the file."""
    file = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise PlanError(
            file, [Problem(file, "", "plan.unreadable", {"reason": error.strerror or str(error)})]
        ) from None
    try:
        return raw, raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlanError(file, [Problem(file, "", "plan.encoding")]) from None


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """Read a TOML file with exact decimals, or raise PlanError naming the line."""
    _raw, text = read_text_file(path)
    return parse_toml_text(text, str(path)), text


def parse_toml_text(text: str, file: str) -> dict[str, Any]:
    """Parse TOML text with exact decimals, or raise PlanError naming the line.

    Nesting deeper than MAX_DEPTH and numbers beyond exact arithmetic are refused too
    (see `check_bounds`).
    """
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = re.search(r"\(at line (\d+), column \d+\)", message)
        line = int(match.group(1)) if match else None
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", message) or "syntax error"
        raise PlanError(file, [Problem(file, "", "plan.toml_syntax", {"reason": reason}, line)]) from None
    except RecursionError:  # tomllib reads nested arrays and inline tables recursively
        raise PlanError(file, [_too_deep(file)]) from None
    check_bounds(data, file, text)
    return data


MAX_DEPTH: Final = 32
"""The deepest nesting of tables and arrays read; a plan needs about 5."""
NUMBER_DIGITS: Final = 15
"""The most digits before the decimal point of a number in a plan, mapping or catalog."""
NUMBER_PLACES: Final = 20
"""The most digits after the decimal point."""
_NUMBER_LIMIT: Final = Decimal(10) ** NUMBER_DIGITS


def _too_deep(file: str) -> Problem:
    return Problem(file, "", "input.too_deep", {"limit": MAX_DEPTH})


def _number_problem(value: object) -> bool:
    """Whether a number is beyond exact arithmetic (NaN and infinities are left to each field's own check)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return abs(value) >= _NUMBER_LIMIT
    if isinstance(value, float):
        value = Decimal(repr(value)) if value == value and abs(value) != float("inf") else Decimal(0)
    if isinstance(value, Decimal) and value.is_finite():
        exponent = value.normalize().as_tuple().exponent
        return abs(value) >= _NUMBER_LIMIT or (isinstance(exponent, int) and exponent < -NUMBER_PLACES)
    return False


def check_bounds(data: Any, file: str, text: str | None = None) -> None:
    """Raise PlanError if `data` (as read from TOML or JSON) nests deeper than MAX_DEPTH or holds a
    number beyond exact arithmetic; each number is named by its key path and, given `text`, its line.

    The walk is iterative, so the check itself cannot run out of stack.
    """
    found: list[tuple[list[PathPart], object]] = []
    stack: list[tuple[Any, list[PathPart], int]] = [(data, [], 0)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, Mapping | list | tuple):
            if depth >= MAX_DEPTH:
                raise PlanError(file, [_too_deep(file)])
            items = value.items() if isinstance(value, Mapping) else enumerate(value)
            stack.extend((inner, [*path, key], depth + 1) for key, inner in items)
        elif _number_problem(value) and len(found) < 20:
            found.append((path, value))
    if not found:
        return
    lines = LineIndex(text) if text is not None else None
    problems = [
        Problem(
            file,
            format_path(path),
            "input.number_range",
            {"value": str(value)[:40], "digits": NUMBER_DIGITS, "places": NUMBER_PLACES},
            lines.line_of(path) if lines is not None else None,
        )
        for path, value in found
    ]
    problems.sort(key=lambda p: (p.line or 0, p.path))
    raise PlanError(file, problems)


def load_plan(path: str | Path) -> Plan:
    """Read and validate a plan file; raise PlanError listing every problem.

    A requirement list kept apart (`[fit] file`) is read beside the plan and validated
    with it; a problem in one of its rows names that file and line.
    """
    path = Path(path)
    data, text = read_toml(path)
    listed = _requirements_file(path, data)
    if listed is None:
        return parse_plan(data, file=str(path), text=text)
    name, rows, lines = listed
    try:
        return parse_plan({**data, "requirements": rows}, file=str(path), text=text)
    except PlanError as error:
        problems = []
        for problem in error.problems:
            index = _row_index(problem.path)
            if index is None or index >= len(lines):
                problems.append(problem)
                continue
            inner = problem.path.split("].", 1)[1] if "]." in problem.path else ""
            problems.append(replace(problem, file=name, path=inner, line=lines[index]))
        raise PlanError(error.file, problems) from None


_REQUIREMENT_COLUMNS = ("id", "text", "category", "priority", "criterion")


def _row_index(path: str) -> int | None:
    match = re.match(r"requirements\[(\d+)\]", path)
    return int(match.group(1)) if match else None


def _requirements_file(plan_path: Path, data: Mapping[str, Any]) -> tuple[str, list[Any], list[int]] | None:
    """The rows of `[fit] file` (CSV or TOML) as plan entries, with the line each came from; None without one."""
    fit = data.get("fit")
    named = fit.get("file") if isinstance(fit, Mapping) else None
    if not isinstance(named, str):
        return None
    source = plan_path.parent / named
    name = str(source)
    if "requirements" in data:
        raise PlanError(
            str(plan_path), [Problem(str(plan_path), "fit.file", "plan.fit_file_and_list", {"file": named})]
        )
    if source.suffix.lower() == ".toml":
        listed, _ = read_toml(source)
        rows = listed.get("requirements", [])
        if not isinstance(rows, list):
            raise PlanError(name, [Problem(name, "requirements", "plan.expected_array", {"table": "requirements"})])
        text = read_text_file(source)[1]
        index = LineIndex(text)
        return name, rows, [index.line_of(["requirements", i]) or 0 for i in range(len(rows))]
    _, text = read_text_file(source)
    import csv  # lazy: only a plan whose requirement list is a CSV file reads one

    reader = csv.reader(io.StringIO(text))
    header = [h.strip().lower() for h in next(reader, [])]
    missing = [c for c in _REQUIREMENT_COLUMNS if c not in header]
    if missing:
        raise PlanError(name, [Problem(name, "", "plan.fit_file_columns", {"missing": ", ".join(missing)}, 1)])
    rows_out: list[Any] = []
    lines: list[int] = []
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {header[i]: cell.strip() for i, cell in enumerate(row) if i < len(header)}
        entry: dict[str, Any] = {
            "id": cells["id"],
            "text": {"ja": cells["text"], "en": cells.get("text_en") or cells["text"]},
            "priority": cells["priority"],
            "criterion": cells["criterion"],
        }
        if cells.get("category"):
            entry["category"] = {"ja": cells["category"], "en": cells.get("category_en") or cells["category"]}
        rows_out.append(entry)
        lines.append(number)
    return name, rows_out, lines
