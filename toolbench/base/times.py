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

from datetime import UTC, date, datetime, tzinfo
from typing import Final, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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
