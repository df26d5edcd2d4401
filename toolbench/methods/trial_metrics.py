"""What staff say about a tool on trial, as validated records and exact figures.

Pure models and arithmetic, no I/O: one person's feedback (`Feedback`), the usability
questionnaires (SUS with the Sauro–Lewis grade, UX-Lite), measured effects with the
hours-per-year derivation shown step by step, and accuracy samples.

SUS (Brooke 1996): ten answers 1–5; odd items count answer − 1, even items 5 − answer;
the sum (0–40) × 2.5 gives 0–100. An incomplete questionnaire is rejected, never
completed by guessing.

UX-Lite (Lewis & Sauro): two answers 1–5 (usefulness, ease of use);
((a − 1) + (b − 1)) ÷ 8 × 100.

Hours per year: (minutes per case before − minutes per case with the tool, checking
included) × cases in the period × (365 ÷ days in the period) ÷ 60.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from decimal import Decimal
from fractions import Fraction
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from toolbench.model.plan import Slug

SUS_GRADES: tuple[tuple[Fraction, str], ...] = (
    (Fraction("84.1"), "A+"),
    (Fraction("80.8"), "A"),
    (Fraction("78.9"), "A-"),
    (Fraction("77.2"), "B+"),
    (Fraction("74.1"), "B"),
    (Fraction("72.6"), "B-"),
    (Fraction("71.1"), "C+"),
    (Fraction("65.0"), "C"),
    (Fraction("62.7"), "C-"),
    (Fraction("51.7"), "D"),
    (Fraction(0), "F"),
)
"""Sauro–Lewis curved grading scale: the lowest score of each grade, best first."""

DAYS_PER_YEAR = 365

Answer = Annotated[int, Field(strict=True, ge=1, le=5)]
"""One questionnaire answer: an integer 1–5 (a bool or 4.0 is refused, never read as an answer)."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def sus_score(answers: list[int] | tuple[int, ...]) -> Fraction:
    """The SUS score 0–100 of ten answers 1–5, exactly; ValueError for anything else."""
    if len(answers) != 10:
        raise ValueError(f"SUS needs exactly 10 answers, got {len(answers)}")
    for position, answer in enumerate(answers, start=1):
        if isinstance(answer, bool) or not isinstance(answer, int) or not 1 <= answer <= 5:
            raise ValueError(f"SUS item {position}: {answer!r} is not an answer from 1 to 5")
    contributions = [a - 1 if i % 2 == 0 else 5 - a for i, a in enumerate(answers)]
    return Fraction(sum(contributions)) * Fraction(5, 2)


def sus_grade(score: Fraction | Decimal | float | int) -> str:
    """The Sauro–Lewis grade (A+ … F) of a SUS score or mean score.

    A float is read as the decimal it prints as (84.1 is 84.1, not 84.0999…).
    """
    if isinstance(score, float):
        if score != score or score in (float("inf"), float("-inf")):
            raise ValueError(f"a SUS score is between 0 and 100, not {score}")
        value = Fraction(repr(score))
    else:
        value = Fraction(score)
    if not 0 <= value <= 100:
        raise ValueError(f"a SUS score is between 0 and 100, not {score}")
    return next(grade for lowest, grade in SUS_GRADES if value >= lowest)


def uxlite_score(answers: list[int] | tuple[int, ...]) -> Fraction:
    """UX-Lite 0–100 from its two answers 1–5 (usefulness, ease of use), exactly."""
    if len(answers) != 2:
        raise ValueError(f"UX-Lite needs exactly 2 answers, got {len(answers)}")
    for position, answer in enumerate(answers, start=1):
        if isinstance(answer, bool) or not isinstance(answer, int) or not 1 <= answer <= 5:
            raise ValueError(f"UX-Lite item {position}: {answer!r} is not an answer from 1 to 5")
    return Fraction((answers[0] - 1) + (answers[1] - 1), 8) * 100


class Effects(_Model):
    """Minutes per case before and with the tool (checking included), over a period."""

    minutes_before: Decimal = Field(ge=0, le=100000)
    minutes_with: Decimal = Field(ge=0, le=100000)
    cases: Decimal = Field(gt=0, le=1000000000)
    """Cases handled in the period."""
    period_days: Decimal = Field(ge=1, le=3660)
    """Length of the period in days (30 for a month of cases, 365 for a year)."""

    @property
    def minutes_saved_per_case(self) -> Fraction:
        return Fraction(self.minutes_before) - Fraction(self.minutes_with)

    @property
    def annualising_factor(self) -> Fraction:
        """365 ÷ days in the period: how the period's cases are extrapolated to a year."""
        return Fraction(DAYS_PER_YEAR) / Fraction(self.period_days)

    @property
    def hours_per_year(self) -> Fraction:
        """Hours saved per year (negative when the tool takes longer)."""
        return self.minutes_saved_per_case * Fraction(self.cases) * self.annualising_factor / 60


class AccuracySample(_Model):
    """A counted accuracy sample: correct out of total, at character or field level."""

    correct: int = Field(ge=0)
    total: int = Field(gt=0)
    unit: Literal["character", "field"]

    @model_validator(mode="after")
    def _within(self) -> AccuracySample:
        if self.correct > self.total:
            raise ValueError(f"correct ({self.correct}) cannot exceed total ({self.total})")
        return self

    @property
    def rate(self) -> Fraction:
        return Fraction(self.correct, self.total)


class FeedbackSource(_Model):
    """Where an imported response came from, so that importing it again records nothing."""

    service: str
    """microsoft-forms, google-forms, or the mapping's name."""
    file: str
    row: int
    response_id: str | None = None


class Feedback(_Model):
    """One person's feedback on one tool on trial in one department."""

    tool: Slug
    department: Slug
    respondent: str | None = None
    role: str | None = None
    date: _dt.date | None = None
    ratings: dict[Slug, str] = Field(default_factory=dict)
    """Criterion id → level on that criterion's scale."""
    comment: str | None = None
    effects: Effects | None = None
    accuracy: AccuracySample | None = None
    sus: list[Answer] | None = None
    uxlite: list[Answer] | None = None
    source: FeedbackSource | None = None

    @field_validator("sus")
    @classmethod
    def _sus_complete(cls, value: list[int] | None) -> list[int] | None:
        if value is not None and len(value) != 10:
            raise ValueError(f"SUS needs all 10 answers, got {len(value)}; an incomplete questionnaire is not scored")
        return value

    @field_validator("uxlite")
    @classmethod
    def _uxlite_complete(cls, value: list[int] | None) -> list[int] | None:
        if value is not None and len(value) != 2:
            raise ValueError(f"UX-Lite needs both answers, got {len(value)}")
        return value

    @model_validator(mode="after")
    def _says_something(self) -> Feedback:
        if not (self.ratings or self.comment or self.effects or self.accuracy or self.sus or self.uxlite):
            raise ValueError("feedback needs at least one rating, comment, effect, accuracy sample or questionnaire")
        return self

    @property
    def sus_score(self) -> Fraction | None:
        return sus_score(self.sus) if self.sus is not None else None

    @property
    def uxlite_score(self) -> Fraction | None:
        return uxlite_score(self.uxlite) if self.uxlite is not None else None

    def fingerprint(self) -> str:
        """A stable digest of what was said (not where it was imported from): re-imports match it."""
        content = self.model_dump(mode="json", exclude={"source"}, exclude_none=True)
        if self.source is not None:
            # without a response id, two staff giving the same answers are still two responses:
            # the row of the export tells them apart (and is the same when the file is imported again)
            where = self.source.response_id or f"{self.source.file}#{self.source.row}"
            content["_from"] = [self.source.service, where]
        text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()


class TrainingSession(_Model):
    """A training session for a tool in a department."""

    tool: Slug
    department: Slug
    date: _dt.date
    attendees: int = Field(ge=0)
    satisfaction: Decimal | None = Field(default=None, ge=1, le=5)
    """Mean satisfaction on a 1–5 scale, when asked."""
    notes: str | None = None
