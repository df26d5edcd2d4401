"""Input as staff type it, and the log in words (issue 14, items 3–5).

Every expected value here is worked by hand:

- era dates: 令和 began 2019-05-01, so 令和N年 is 2018 + N (R8 = 2026); 平成 began 1989-01-08, so
  平成31年 = 2019, and its last day is 2019-04-30; 昭和 began 1926-12-25 (昭和元年 = 1926) and ended
  1989-01-07 (昭和64年).
- NFKC folds full-width digits and letters to ASCII (４ → 4, ａ → a, Ａ → A) and the full-width
  space U+3000 to an ASCII space.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date

import pytest
from click.testing import Result

from toolbench.base.errors import ScoreError
from toolbench.base.times import DateInputError, parse_date
from toolbench.store.ledger import event_record
from toolbench.workspace.scoring import fold_level, typed
from toolbench.workspace.workspace import Workspace

# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("R8.4.1", date(2026, 4, 1)),  # 2018 + 8
        ("r8/4/1", date(2026, 4, 1)),
        ("Ｒ８．４．１", date(2026, 4, 1)),  # full width, folded
        ("令和8年4月1日", date(2026, 4, 1)),
        ("令和８年４月１日", date(2026, 4, 1)),
        ("令和元年5月1日", date(2019, 5, 1)),  # the first day of 令和
        ("平成31年4月30日", date(2019, 4, 30)),  # the last day of 平成
        ("H1.1.8", date(1989, 1, 8)),  # the first day of 平成
        ("昭和64年1月7日", date(1989, 1, 7)),  # the last day of 昭和
        ("S1.12.25", date(1926, 12, 25)),  # the first day of 昭和
        ("2026/4/1", date(2026, 4, 1)),
        ("2026-04-01", date(2026, 4, 1)),
        ("2026年4月1日", date(2026, 4, 1)),
        ("２０２６／４／１", date(2026, 4, 1)),
        (" 2026-04-01 ", date(2026, 4, 1)),
        ("2024-02-29", date(2024, 2, 29)),  # a leap day
    ],
)
def test_dates_as_staff_write_them(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("令和0年4月1日", "date.era_zero"),
        ("R0.4.1", "date.era_zero"),
        ("2026-02-30", "date.impossible"),
        ("2025-02-29", "date.impossible"),  # 2025 is no leap year
        ("令和8年13月1日", "date.impossible"),
        ("1926-12-24", "date.before_showa"),  # the day before 昭和
        ("昭和1年1月1日", "date.before_showa"),  # 1926-01-01, before 昭和 began
        ("平成31年5月1日", "date.outside_era"),  # that day is 令和元年5月1日
        ("平成元年1月7日", "date.outside_era"),  # that day is 昭和64年1月7日
        ("yesterday", "date.unreadable"),
        ("4/1", "date.unreadable"),
        ("", "date.unreadable"),
    ],
)
def test_dates_that_do_not_exist_are_refused_in_one_line(text: str, key: str) -> None:
    with pytest.raises(DateInputError) as caught:
        parse_date(text)
    assert caught.value.key == key
    assert isinstance(caught.value, ValueError)  # callers that catch ValueError keep working
    for lang in ("ja", "en"):
        assert "\n" not in caught.value.message(lang)


def test_a_date_outside_its_era_names_the_right_one() -> None:
    with pytest.raises(DateInputError) as caught:
        parse_date("平成31年5月1日")
    assert "令和元年5月1日" in caught.value.message("ja")


# --- levels, ids and answers ---------------------------------------------------------------


def test_typed_folds_width_and_trims() -> None:
    assert typed("４") == "4"
    assert typed("ａｂｃ") == "abc"
    assert typed("　tax　") == "tax"  # full-width spaces around
    assert typed("ｔａｘ－１") == "tax-1"


@pytest.mark.parametrize(
    ("typed_level", "levels", "expected"),
    [
        ("４", ("1", "2", "3", "4", "5"), "4"),
        ("4", ("1", "2", "3", "4", "5"), "4"),
        ("Ａ", ("A", "B", "C"), "A"),
        ("ａ", ("A", "B", "C"), "A"),  # lower case matches the scale's upper case
        ("a", ("A", "B", "C"), "A"),
        ("a", ("a", "b"), "a"),  # a scale in lower case keeps it
        ("ａ", ("1", "2"), "a"),  # not on the scale: returned folded for the caller to refuse
    ],
)
def test_levels_fold_to_the_scale(typed_level: str, levels: tuple[str, ...], expected: str) -> None:
    assert fold_level(typed_level, levels) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("○", "pass"),
        ("〇", "pass"),
        ("×", "fail"),
        ("適", "pass"),
        ("否", "fail"),
        ("可", "pass"),
        ("不可", "fail"),
        ("PASS", "pass"),
        ("ｆａｉｌ", "fail"),
    ],
)
def test_must_have_words(word: str, expected: str) -> None:
    assert fold_level(word, ("pass", "fail"), must=True) == expected


def test_the_library_check_folds_every_spelling(demo: Workspace) -> None:
    assert demo.check_level("accuracy", "４") == "4"
    assert demo.check_level("ａｃｃｕｒａｃｙ", "4") == "4"  # the id folds too
    assert demo.check_level("security-certification", "ｂ") == "B"
    assert demo.check_level("security-certification", "c") == "C"
    assert demo.check_level("lgwan", "○") == "pass"
    assert demo.check_level("lgwan", "不可") == "fail"
    assert demo.check_staff_rating("ease-of-use", "５") == "5"
    with pytest.raises(ScoreError) as caught:
        demo.check_level("accuracy", "６")
    assert "'６'" in caught.value.message("en")  # the refusal quotes what was typed


def test_score_as_typed_on_a_japanese_keyboard(demo: Workspace, run: Callable[..., Result]) -> None:
    root = str(demo.root)
    result = run(
        "--lang", "ja", "-C", root, "score", "kamiscan", "-e", "aoki",
        "ａｃｃｕｒａｃｙ＝２　ｓｕｐｐｏｒｔ＝１", "lgwan=×", "--reason", "再確認", "--actor", "aoki",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    recorded = {e.payload["criterion"]: e.payload["level"] for e in demo.events()[-3:]}
    assert recorded == {"accuracy": "2", "support": "1", "lgwan": "fail"}
    assert "青木" in result.stdout and "カミスキャン" in result.stdout  # names where people read


def test_trial_dates_and_answers_as_typed(demo: Workspace, run: Callable[..., Result]) -> None:
    root = str(demo.root)
    result = run(
        "--lang", "ja", "-C", root, "trial", "log", "kamiscan", "--dept", "ｔａｘ",
        "--sus", "４　２　４　２　４　２　４　２　４　２", "--rating", "ease-of-use=４",
        "--date", "R8.6.10", "--actor", "advisor",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    feedback = demo.events()[-1].payload["feedback"]
    assert feedback["date"] == "2026-06-10"
    assert feedback["sus"] == [4, 2, 4, 2, 4, 2, 4, 2, 4, 2]
    assert feedback["ratings"] == {"ease-of-use": "4"}
    assert "職員の使いやすさ = 4" in result.stdout  # the criterion by its name
    training = run(
        "-C", root, "trial", "training", "kamiscan", "--dept", "tax", "--date", "令和8年6月12日",
        "--attendees", "5", "--actor", "advisor",
    )  # fmt: skip
    assert training.exit_code == 0, training.output
    assert demo.events()[-1].payload["session"]["date"] == "2026-06-12"
    refused = run("--lang", "ja", "-C", root, "trial", "training", "kamiscan", "--dept", "tax",
                  "--date", "令和0年6月12日", "--attendees", "5")  # fmt: skip
    assert refused.exit_code == 1 and "令和0年はありません" in refused.stderr
    assert refused.stderr.count("\n") == 1


def test_trial_messages_name_tools_departments_and_phases(demo: Workspace, run: Callable[..., Result]) -> None:
    root = str(demo.root)
    result = run("--lang", "ja", "-C", root, "trial", "move", "formeye", "--dept", "digital", "--to", "pilot")
    assert result.exit_code == 0, result.output
    assert result.stdout == "デジタル戦略課 の フォームアイ: デモ → 試行導入\n"
    moved = run("--lang", "en", "-C", root, "trial", "move", "formeye", "--dept", "digital", "--to", "candidate")
    assert moved.exit_code == 1
    assert "FormEye in Digital Strategy Division is in phase Pilot" in moved.stderr or "FormEye" in moved.stderr


def test_log_since_an_era_date(demo: Workspace, run: Callable[..., Result]) -> None:
    def seqs(since: str) -> list[int]:
        result = run("-C", str(demo.root), "log", "--format", "json", "--since", since)
        assert result.exit_code == 0, result.output
        return [e["seq"] for e in json.loads(result.stdout)]

    # the demo's trials start 2026-04-17 10:00 Japan time (#62)
    assert seqs("令和8年4月17日") == seqs("2026-04-17") == seqs("R8.4.17") == seqs("2026/4/17") == list(range(62, 79))
    bad = run("--lang", "ja", "-C", str(demo.root), "log", "--since", "令和0年4月1日")
    assert bad.exit_code == 2 and "令和0年はありません" in bad.stderr


# --- the log in words ----------------------------------------------------------------------


def _csv(result: Result) -> list[list[str]]:
    assert result.exit_code == 0, result.output
    return list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))


def test_the_log_in_japanese_reads_as_sentences(demo: Workspace, run: Callable[..., Result]) -> None:
    rows = _csv(run("--lang", "ja", "-C", str(demo.root), "log", "--format", "csv"))
    assert rows[0] == ["日時（日本時間）", "記録者", "内容"]
    by_seq = {int(row[2].rsplit("(#", 1)[1].rstrip(")")): row for row in rows[1:]}
    assert len(by_seq) == 78
    # the demo's first score: Aoki, accuracy of Alpha Reader, 4, at 2026-04-14 01:00 UTC = 10:00 Japan time
    assert by_seq[6] == ["2026-04-14 10:00", "青木 (Aoki)", "帳票リーダーα の 認識精度 を 4 と採点 (#6)"]
    assert by_seq[52][2] == "帳票リーダーα の LGWAN対応 を 適 と採点 (#52)"
    # the correction: old → new and the reason
    assert by_seq[60][2].startswith("帳票リーダーα の サポート・研修体制 を 5 → 4 に訂正。理由: 採点表からの転記誤り")
    assert "税務課 の カミスキャン: 候補 → 書面審査 (#65)" == by_seq[65][2]
    text = "\n".join(row[2] for row in rows)
    for internal in ("hearing.recorded", "score.recorded", "trial.moved", "{'", "supersedes", "=["):
        assert internal not in text
    assert "ヒアリングを記録" in by_seq[1][2] and "評価計画を固定" in by_seq[5][2]


def test_the_log_in_english(demo: Workspace, run: Callable[..., Result]) -> None:
    rows = _csv(run("--lang", "en", "-C", str(demo.root), "log", "--format", "csv"))
    assert rows[0] == ["Time (Japan time)", "Recorded by", "What"]
    lines = {row[2].rsplit("(#", 1)[1].rstrip(")"): row[2] for row in rows[1:]}
    assert lines["6"] == "Alpha Reader: Recognition accuracy scored 4 (#6)"
    assert lines["60"].startswith("Alpha Reader: Support and training corrected 5 → 4; reason: ")
    assert lines["52"] == "Alpha Reader: LGWAN connectivity scored pass (#52)"


def test_a_filtered_log_still_shows_the_old_value(demo: Workspace, run: Callable[..., Result]) -> None:
    rows = _csv(run("--lang", "en", "-C", str(demo.root), "log", "--since", "2026-04-15", "--format", "csv"))
    assert rows[1][2].startswith("Alpha Reader: Support and training corrected 5 → 4")  # #6.. are filtered out


def test_the_log_in_every_format_and_json_unchanged(demo: Workspace, run: Callable[..., Result]) -> None:
    root = str(demo.root)
    table = run("--lang", "ja", "-C", root, "log")
    assert table.exit_code == 0 and "認識精度 を 4 と採点" in table.stdout
    for fmt in ("markdown", "html"):
        out = run("--lang", "ja", "-C", root, "log", "--format", fmt)
        assert out.exit_code == 0 and "5 → 4 に訂正" in out.stdout, fmt
    data = json.loads(run("-C", root, "log", "--format", "json").stdout)
    assert data == [event_record(e) for e in demo.events()]  # every stored field, for machines
