"""Dates and times as a city writes them: 和暦 with the western year, Japan time.

Era boundaries are the gazetted ones: 昭和 from 1926-12-25, 平成 from 1989-01-08,
令和 from 2019-05-01 (元号を改める政令, 平成31年政令第143号); the first year is 元年.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from toolbench.base.times import document_date, document_time, era, local, utc_stamp, wareki


@pytest.mark.parametrize(
    ("day", "written"),
    [
        (date(2026, 4, 14), "令和8年4月14日（2026年）"),
        (date(2019, 5, 1), "令和元年5月1日（2019年）"),
        (date(2019, 4, 30), "平成31年4月30日（2019年）"),
        (date(1989, 1, 8), "平成元年1月8日（1989年）"),
        (date(1989, 1, 7), "昭和64年1月7日（1989年）"),
        (date(1926, 12, 25), "昭和元年12月25日（1926年）"),
        (date(2020, 1, 1), "令和2年1月1日（2020年）"),
    ],
)
def test_wareki_on_and_around_each_era_boundary(day: date, written: str) -> None:
    assert wareki(day) == written


def test_a_date_before_showa_is_refused() -> None:
    with pytest.raises(ValueError, match="1926-12-25"):
        era(date(1926, 12, 24))


def test_english_documents_write_the_western_date() -> None:
    assert document_date(date(2026, 4, 14), "en") == "14 April 2026"
    assert document_date(date(2026, 4, 14), "ja") == "令和8年4月14日（2026年）"


def test_the_ledger_keeps_utc_and_documents_read_japan_time() -> None:
    # 15:30 UTC is 00:30 the next day in Japan (UTC+9, no daylight saving)
    moment = datetime(2026, 4, 14, 15, 30, tzinfo=UTC)
    assert local(moment).isoformat() == "2026-04-15T00:30:00+09:00"
    assert document_time(moment, "ja") == "令和8年4月15日（2026年） 00:30（日本時間）"
    assert document_time(moment, "en") == "15 April 2026 00:30 (Japan time)"
    assert utc_stamp(moment) == "2026-04-14T15:30:00Z"


def test_another_zone_when_the_plan_names_one() -> None:
    moment = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)
    assert document_time(moment, "en", "Europe/London") == "10 January 2026 12:00 (Europe/London)"
    with pytest.raises(ValueError, match="unknown time zone"):
        document_time(moment, "en", "Mars/Olympus")
