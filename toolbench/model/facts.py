"""Facts about products: certifications, registrations and terms, each with its source and age.

A fact is only as good as where it was read and when. Every fact carries its
`source` (a URL, or a document's name) and optionally the `page`, the date the source
was seen (`as_of`) and, where the fact has one, the last day it is valid (`expires`):
an ISMAP registration, an ISO/IEC 27001 certificate or a プライバシーマーク all run out.

Known keys have typed values (`FACT_KEYS`):

    held     true or false: registered, certified (ismap, iso27001, lgwan-asp …)
    choice   one of the key's values (data-location: japan, overseas, mixed …)
    days     a whole number of days (ai-retention-days)

Any other key is a free key with a text value, shown as written. People write a held
value as true/false or in words (あり, なし, 取得, 登録あり, yes, no); a choice by its id
or its Japanese or English label — all read to the same value here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from toolbench.model.fact_keys import (
    FACT_KEYS as FACT_KEYS,
)
from toolbench.model.fact_keys import (
    FactKey as FactKey,
)
from toolbench.model.fact_keys import (
    FactType as FactType,
)
from toolbench.model.fact_keys import FactValue as FactValue
from toolbench.model.fact_keys import accepted as accepted
from toolbench.model.fact_keys import (
    fold as fold,
)
from toolbench.model.fact_keys import (
    key_label as key_label,
)
from toolbench.model.fact_keys import known_key as known_key
from toolbench.model.fact_keys import read_value as read_value
from toolbench.model.fact_keys import (
    value_text as value_text,
)


class Fact(BaseModel):
    """One fact about a product, with where it was read and when."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(min_length=1, max_length=80)
    value: FactValue
    number: str | None = Field(default=None, max_length=80)
    """A registration or certificate number, e.g. ISMAP C21-0001-1."""
    detail: str | None = Field(default=None, max_length=400)
    """Anything the value leaves out: the scope of a certificate, the court's name."""
    source: str = Field(min_length=1, max_length=400)
    """Where it was read: a URL, or a document's name."""
    page: str | None = Field(default=None, max_length=80)
    """Where in the source: a page, a section or a row."""
    as_of: date
    """The date the source was seen."""
    expires: date | None = None
    """The last day the fact holds (a registration's or certificate's validity), when it has one."""

    @model_validator(mode="before")
    @classmethod
    def _read(cls, data: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        data = dict(data)
        if "name" in data and "key" not in data:  # the catalog's first fact shape: a name in words
            data["key"] = data.pop("name")
        key = data.get("key")
        if isinstance(key, str):
            data["key"] = known_key(key) or key.strip()
            if "value" in data:
                try:
                    data["value"] = read_value(data["key"], data["value"])
                except ValueError as error:
                    raise ValueError(f"value {data['value']!r} is not one of: {accepted(data['key'])}") from error
        return data

    @field_validator("source", "key")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()

    @property
    def known(self) -> FactKey | None:
        return FACT_KEYS.get(self.key)

    def payload(self) -> dict[str, Any]:
        """The fact as a ledger payload or a catalog table: dates as ISO text, empty fields left out."""
        data = self.model_dump(mode="json", exclude_none=True)
        return data

    def same(self, other: Fact) -> bool:
        return self.payload() == other.payload()


FactStatus = Literal["valid", "expired", "stale"]


def fact_status(fact: Fact, on: date, max_age_days: int | None = None) -> FactStatus:
    """Whether a fact can be relied on on a date.

    `expires` is the last day it holds: expired from the next day. A fact seen more than
    `max_age_days` before the date is stale (one seen exactly that many days before is not).
    """
    if fact.expires is not None and on > fact.expires:
        return "expired"
    if max_age_days is not None and (on - fact.as_of).days > max_age_days:
        return "stale"
    return "valid"
