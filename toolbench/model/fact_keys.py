"""The known fact keys, their value types and names, and reading values as people write them.

Kept apart from `toolbench.model.facts` (the pydantic model of a fact) so that the log and
other readers name a fact in words without loading pydantic.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

from toolbench.base.i18n import Lang, Message, translate

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
            choices=(("type2", "タイプ2", "Type 2"), ("type1", "タイプ1", "Type 1"), ("none", "なし", "no report")),
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


_NAMES: dict[str, str] = {}
"""Every name a known key is written by (id, labels, aliases; folded) → the key: built on first use."""


def known_key(written: str) -> str | None:
    """The known key a name stands for (its id, either label or an alias), or None for a free key."""
    if not _NAMES:
        for key in reversed(list(FACT_KEYS.values())):  # the first key to claim a name keeps it
            for name in (key.key, fold(key.ja), fold(key.en), *key.aliases):
                _NAMES[name] = key.key
    return _NAMES.get(written) or _NAMES.get(fold(written))


def closest_key(written: str) -> str | None:
    """The known key a free name most resembles (学習利用 → ai-training-use), if one is close."""
    import difflib  # lazy: only a name that is no known key is compared

    known_key("")  # the table of names, built once
    folded = fold(written)
    best = difflib.get_close_matches(folded, list(_NAMES), n=1, cutoff=0.6)
    if best:
        return _NAMES[best[0]]
    inside = [key for name, key in _NAMES.items() if len(folded) >= 2 and (folded in name or name in folded)]
    return inside[0] if len(set(inside)) == 1 else None


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


def accepted(key: str, lang: Lang = "en") -> str:
    """What a key's value may be, in words a user can act on, in their language: the kind of value, or
    the choices (by name in Japanese, by id in English)."""
    spec = FACT_KEYS.get(key)
    if spec is None:
        return translate("fact.type.text", lang)
    if spec.type in ("held", "days"):
        return translate(f"fact.type.{spec.type}", lang)
    if lang == "ja":
        return "、".join(ja for _, ja, _ in spec.choices)
    return ", ".join(value for value, _, _ in spec.choices)


def accepted_words(key: str) -> object:
    """What a key's value may be, for a message in either language: its choices, or the kind of value."""
    spec = FACT_KEYS.get(key)
    if spec is None or spec.type != "choice":
        return Message(f"fact.type.{spec.type if spec is not None else 'text'}")
    return ", ".join(c[0] for c in spec.choices)


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
