"""Moments and dates as documents and messages write them.

The ledger keeps UTC; people read the plan's time zone (Japan time unless the plan
says otherwise). A Japanese document dates itself in the era (和暦) with the western
year beside it, as municipal documents do: 令和8年4月14日（2026年）. The first year of
an era is written 元年. Era boundaries follow the gazetted dates (元号法; the 2019
change: 元号を改める政令, 平成31年政令第143号):

    昭和  1926-12-25 – 1989-01-07
    平成  1989-01-08 – 2019-04-30
    令和  2019-05-01 –
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, tzinfo
from typing import Final, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from toolbench.base.errors import ToolbenchError

Lang = Literal["ja", "en"]

DEFAULT_TIME_ZONE: Final = "Asia/Tokyo"
"""Where the documents are read unless the plan names another zone."""

_ERAS: Final = (
    (date(2019, 5, 1), "令和"),
    (date(1989, 1, 8), "平成"),
    (date(1926, 12, 25), "昭和"),
)

_MONTHS: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_ZONE_NAMES: Final = {"Asia/Tokyo": ("Japan time", "日本時間")}


def utc_stamp(now: datetime) -> str:
    """A moment as UTC ISO 8601 to the second, e.g. 2026-05-01T09:30:00Z (for machines: JSON, metadata)."""
    return now.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def zone(name: str | None = None) -> tzinfo:
    """The time zone called `name` (default Japan); ValueError for a name the zone database does not know."""
    try:
        return ZoneInfo(name or DEFAULT_TIME_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r}") from None


def era(day: date) -> tuple[str, int]:
    """The era and its year for a date from 昭和 on, e.g. (令和, 8) for 2026-04-14; ValueError before 昭和."""
    for start, name in _ERAS:
        if day >= start:
            return name, day.year - start.year + 1
    raise ValueError(f"{day.isoformat()} is before the eras toolbench writes (from 1926-12-25)")


def wareki(day: date) -> str:
    """A date as a Japanese document writes it: 令和8年4月14日（2026年）, 令和元年5月1日（2019年）."""
    name, year = era(day)
    return f"{name}{'元' if year == 1 else year}年{day.month}月{day.day}日（{day.year}年）"


def document_date(day: date, lang: Lang) -> str:
    """A date in a document: 和暦 with the western year in Japanese, "14 April 2026" in English."""
    if lang == "ja":
        return wareki(day)
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def local(moment: datetime, zone_name: str | None = None) -> datetime:
    """A stored (UTC) moment in the plan's time zone."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone(zone_name))


def document_time(moment: datetime, lang: Lang, zone_name: str | None = None) -> str:
    """A moment in a document: its local date and time with the zone named.

    令和8年4月14日（2026年） 19:00（日本時間） / 14 April 2026 19:00 (Japan time)
    """
    name = zone_name or DEFAULT_TIME_ZONE
    here = local(moment, name)
    english, japanese = _ZONE_NAMES.get(name, (name, name))
    if lang == "ja":
        return f"{wareki(here.date())} {here:%H:%M}（{japanese}）"
    return f"{document_date(here.date(), 'en')} {here:%H:%M} ({english})"


_ERA_LETTERS: Final = {"R": "令和", "H": "平成", "S": "昭和"}
_ERA_ENDS: Final = {"令和": None, "平成": date(2019, 4, 30), "昭和": date(1989, 1, 7)}
_ERA_STARTS: Final = {name: start for start, name in _ERAS}
_FIRST_DAY: Final = _ERAS[-1][0]

_WESTERN: Final = re.compile(r"(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?")
_ERA_DATE: Final = re.compile(
    r"(令和|平成|昭和|[RHS])\s*(元|\d{1,2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?", re.IGNORECASE
)


class DateInputError(ToolbenchError, ValueError):
    """A typed date toolbench cannot read, or one that does not exist; `message(lang)` says which spellings work."""


def parse_date(text: str) -> date:
    """A date as staff type it: 2026-04-01, 2026/4/1, 2026年4月1日, 令和8年4月1日, 令和元年5月1日, R8.4.1, H31/4/30.

    Full-width digits and letters are folded first (２０２６／４／１, Ｒ８．４．１). An era date is converted
    exactly, and must fall inside its era (平成31年5月1日 does not exist: that day is 令和元年5月1日).
    DateInputError (also a ValueError) for 令和0年, an impossible date, or a date before 昭和 (1926-12-25).
    """
    typed = unicodedata.normalize("NFKC", text).strip()
    western = _WESTERN.fullmatch(typed)
    era_date = None if western else _ERA_DATE.fullmatch(typed)
    if western is None and era_date is None:
        raise DateInputError("date.unreadable", value=text.strip())
    if western is not None:
        year, month, day = (int(g) for g in western.groups())
        era_name = None
    else:
        assert era_date is not None
        era_name = _ERA_LETTERS.get(era_date.group(1).upper(), era_date.group(1))
        year_text = era_date.group(2)
        era_year = 1 if year_text == "元" else int(year_text)
        if era_year == 0:
            raise DateInputError("date.era_zero", value=text.strip(), era=era_name)
        year = _ERA_STARTS[era_name].year + era_year - 1
        month, day = int(era_date.group(3)), int(era_date.group(4))
    try:
        found = date(year, month, day)
    except ValueError:
        raise DateInputError("date.impossible", value=text.strip()) from None
    if found < _FIRST_DAY:
        raise DateInputError("date.before_showa", value=text.strip())
    if era_name is not None:
        end = _ERA_ENDS[era_name]
        if found < _ERA_STARTS[era_name] or (end is not None and found > end):
            actual, actual_year = era(found)
            shown = f"{actual}{'元' if actual_year == 1 else actual_year}年{found.month}月{found.day}日"
            raise DateInputError("date.outside_era", value=text.strip(), era=era_name, actual=shown)
    return found


def zone_label(zone_name: str | None, lang: Lang) -> str:
    """A time zone as a column header says it: 日本時間 / Japan time; other zones by their name."""
    name = zone_name or DEFAULT_TIME_ZONE
    english, japanese = _ZONE_NAMES.get(name, (name, name))
    return japanese if lang == "ja" else english


def local_minute(stamp: str, zone_name: str | None = None) -> str:
    """A stored UTC stamp (2026-04-14T01:00:00Z) as a local date and time to the minute: 2026-04-14 10:00."""
    return f"{local(datetime.fromisoformat(stamp), zone_name):%Y-%m-%d %H:%M}"
