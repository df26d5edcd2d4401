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

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from toolbench.base.i18n import Lang, translate

FactType = Literal["held", "choice", "days", "text"]
FactValue = bool | int | str


@dataclass(frozen=True)
class FactKey:
    """A known fact key: its value type, its names and (for a choice) its values with their names."""

    key: str
    type: FactType
    ja: str
    en: str
    choices: tuple[tuple[str, str, str], ...] = ()
    """(value, ja, en) for a choice."""
    aliases: tuple[str, ...] = ()
    """Other names people write for the key (folded: NFKC, lower case)."""

    def choice_label(self, value: str, lang: str) -> str:
        for choice, ja, en in self.choices:
            if choice == value:
                return ja if lang == "ja" else en
        return value


def _key(
    key: str, type: FactType, ja: str, en: str, *aliases: str, choices: tuple[tuple[str, str, str], ...] = ()
) -> FactKey:
    return FactKey(key, type, ja, en, choices, aliases)


_REGION = (("japan", "国内", "Japan"), ("overseas", "国外", "overseas"), ("mixed", "国内と国外", "Japan and overseas"))

FACT_KEYS: Final[Mapping[str, FactKey]] = {
    k.key: k
    for k in (
        _key("ismap", "held", "ISMAP 登録", "ISMAP registration", "ismap登録"),
        _key("ismap-liu", "held", "ISMAP-LIU 登録", "ISMAP-LIU registration", "ismap-liu登録"),
        _key(
            "iso27001",
            "held",
            "ISO/IEC 27001 認証",
            "ISO/IEC 27001 certification",
            "iso/iec 27001",
            "iso 27001",
            "isms",
        ),
        _key("iso27017", "held", "ISO/IEC 27017 認証", "ISO/IEC 27017 certification", "iso/iec 27017", "iso 27017"),
        _key("privacy-mark", "held", "プライバシーマーク", "PrivacyMark", "pマーク", "privacymark"),
        _key(
            "soc2",
            "choice",
            "SOC 2 報告書",
            "SOC 2 report",
            "soc 2",
            choices=(("type2", "タイプ2", "Type 2"), ("type1", "タイプ1", "Type 1"), ("none", "なし", "none")),
        ),
        _key("lgwan-asp", "held", "LGWAN-ASP 登録", "LGWAN-ASP registration", "lgwan-asp登録", "lgwan"),
        _key(
            "aspic",
            "held",
            "ASPIC クラウドサービス情報開示認定",
            "ASPIC cloud service disclosure certification",
            "aspic認定",
        ),
        _key("data-location", "choice", "データの保管場所", "Data location", choices=_REGION),
        _key(
            "ai-training-use",
            "choice",
            "入力データの学習利用",
            "Use of customer input for training",
            choices=(
                ("none", "利用しない", "not used"),
                ("opt-out", "既定で利用（停止可）", "used unless opted out"),
                ("used", "利用する", "used"),
            ),
        ),
        _key("ai-retention-days", "days", "入力データの保持期間（日）", "Retention of input (days)"),
        _key("ai-region", "choice", "生成AIの処理地域", "Processing region", choices=_REGION),
        _key(
            "governing-law",
            "choice",
            "準拠法",
            "Governing law",
            choices=(("japan", "日本法", "Japanese law"), ("other", "日本法以外", "other than Japanese law")),
        ),
        _key(
            "court",
            "choice",
            "合意管轄裁判所",
            "Agreed court",
            choices=(
                ("japan", "日本の裁判所", "a court in Japan"),
                ("other", "日本国外の裁判所", "a court outside Japan"),
            ),
        ),
    )
}
"""The known keys, in the order lists show them."""

_HELD_WORDS: Final[Mapping[str, bool]] = {
    "true": True,
    "yes": True,
    "y": True,
    "held": True,
    "registered": True,
    "certified": True,
    "あり": True,
    "有": True,
    "取得": True,
    "取得済": True,
    "取得済み": True,
    "登録": True,
    "登録あり": True,
    "登録済": True,
    "登録済み": True,
    "認証取得": True,
    "認定": True,
    "認定あり": True,
    "○": True,
    "false": False,
    "no": False,
    "n": False,
    "none": False,
    "なし": False,
    "無": False,
    "未取得": False,
    "登録なし": False,
    "未登録": False,
    "認定なし": False,
    "×": False,
}


def fold(text: str) -> str:
    """Width and case folded, spaces trimmed: how names and words typed by people are compared."""
    return unicodedata.normalize("NFKC", text).strip().casefold()


def known_key(written: str) -> str | None:
    """The known key a name stands for (its id, either label or an alias), or None for a free key."""
    folded = fold(written)
    for key in FACT_KEYS.values():
        if folded in (key.key, fold(key.ja), fold(key.en), *key.aliases):
            return key.key
    return None


def read_value(key: str, value: object) -> FactValue:
    """A value as the key's type holds it; `ValueError` saying what the key accepts otherwise."""
    spec = FACT_KEYS.get(key)
    if spec is None:
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise ValueError("free_text")
        text = str(value).strip()
        if not text:
            raise ValueError("free_text")
        return text
    if spec.type == "held":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and fold(value) in _HELD_WORDS:
            return _HELD_WORDS[fold(value)]
        raise ValueError("held")
    if spec.type == "days":
        if isinstance(value, bool):
            raise ValueError("days")
        if isinstance(value, int) and value >= 0:
            return value
        if isinstance(value, str) and fold(value).removesuffix("日").isdigit():
            return int(fold(value).removesuffix("日"))
        raise ValueError("days")
    if isinstance(value, str):
        folded = fold(value)
        for choice, ja, en in spec.choices:
            if folded in (choice, fold(ja), fold(en)):
                return choice
    raise ValueError("choice")


def accepted(key: str) -> str:
    """What a key's value may be, in words a user can act on (English; messages translate the kinds)."""
    spec = FACT_KEYS.get(key)
    if spec is None:
        return "text"
    if spec.type == "held":
        return "true or false"
    if spec.type == "days":
        return "a whole number of days (0 or more)"
    return ", ".join(c[0] for c in spec.choices)


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


def value_text(key: str, value: FactValue, lang: Lang) -> str:
    """A fact's value in words: あり / なし, a choice's name, N 日; a free key's text as written."""
    spec = FACT_KEYS.get(key)
    if isinstance(value, bool):
        return translate(f"fact.value.{str(value).lower()}", lang)
    if spec is not None and spec.type == "days":
        return translate("fact.days", lang, days=value)
    if spec is not None and spec.type == "choice":
        return spec.choice_label(str(value), lang)
    return str(value)


def key_label(key: str, lang: str) -> str:
    """A key's name in a language; a free key as written."""
    spec = FACT_KEYS.get(key)
    if spec is None:
        return key
    return spec.ja if lang == "ja" else spec.en
