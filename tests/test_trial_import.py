"""Importing trial feedback from form exports: the shapes services write, every bad cell named.

Export files are built here in the exact shapes the services write them: Microsoft
Forms XLSX with English headers and six metadata columns, and with Japanese headers and
five; Google Forms CSV in English and in Japanese; CP932 and UTF-8-with-BOM CSV from
other services.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import Result
from openpyxl import Workbook

from toolbench import Workspace
from toolbench.base.i18n import translate
from toolbench.model.plan import Plan, parse_plan, parse_toml_text
from toolbench.workspace.trial_import import (
    FormMapping,
    ImportedResponse,
    TrialImportError,
    _parse_moment,
    load_mapping,
    parse_mapping,
    read_responses,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples" / "trials"

PLAN = """\
[evaluation]
title = { ja = "AI-OCR 試行", en = "AI-OCR trial" }
language = "en"

[groups]
function = "Function"
usability = "Usability"
cost = "Cost"

[scales.five]
ratios = { 5 = 1.00, 4 = 0.75, 3 = 0.50, 2 = 0.25, 1 = 0.00 }

[[criteria]]
id = "accuracy"
name = "Recognition accuracy"
group = "function"
points = 20
scale = "five"

[[criteria]]
id = "ease-of-use"
name = "Ease of use for staff"
group = "usability"
points = 20
scale = "five"

[[criteria]]
id = "price"
name = "Price"
group = "cost"
kind = "price"
points = 0

[[tools]]
id = "alpha-reader"
name = { ja = "帳票リーダーα", en = "Alpha Reader" }
vendor = "株式会社アルファ文書"

[[tools]]
id = "kamiscan"
name = { ja = "カミスキャン", en = "KamiScan" }
vendor = "紙面テック株式会社"

[[tools]]
id = "formeye"
name = { ja = "フォームアイ", en = "FormEye" }
vendor = "北斗通信株式会社"

[[departments]]
id = "tax"
name = { ja = "税務課", en = "Taxation Division" }

[[departments]]
id = "digital"
name = { ja = "デジタル戦略課", en = "Digital Strategy Division" }
"""

SUS_EN = [
    "I think that I would like to use this tool frequently.",
    "I found the tool unnecessarily complex.",
    "I thought the tool was easy to use.",
    "I think that I would need the support of a technical person to be able to use this tool.",
    "I found the various functions in this tool were well integrated.",
    "I thought there was too much inconsistency in this tool.",
    "I would imagine that most people would learn to use this tool very quickly.",
    "I found the tool very cumbersome to use.",
    "I felt very confident using the tool.",
    "I needed to learn a lot of things before I could get going with this tool.",
]
SUS_JA = [f"質問{i}" for i in range(1, 11)]
MS_EN_META = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time"]
MS_JA_META = ["ID", "開始時刻", "完了時刻", "メール", "名前"]


@pytest.fixture()
def plan() -> Plan:
    return parse_plan(parse_toml_text(PLAN, "toolbench.toml"), text=PLAN)


def write_mapping(tmp_path: Path, text: str, name: str = "mapping.toml") -> FormMapping:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_mapping(path)


def write_xlsx(path: Path, rows: list[list[object]], sheet: str = "Sheet1") -> Path:
    book = Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def problems_of(error: pytest.ExceptionInfo[TrialImportError]) -> list[str]:
    return [translate(p.key, "en", **p.params) for p in error.value.problems]


# --- Microsoft Forms ---------------------------------------------------------------------

MS_EN_MAPPING = """\
[form]
service = "microsoft-forms"

[fixed]
department = "tax"
effects.period_days = 30

[columns]
respondent = "Name"
tool = "Which tool did you try?"
comment = "Comments"
"ratings.ease-of-use" = "Ease of use"
sus = {sus}
"effects.minutes_before" = "Minutes per case before"
"effects.minutes_with" = "Minutes per case with the tool"
"effects.cases" = "Cases this month"
""".replace("{sus}", repr(SUS_EN).replace("'", '"'))

MS_EN_HEADER = [
    *MS_EN_META,
    "Which tool did you try?",
    "Ease of use",
    *SUS_EN,
    "Minutes per case before",
    "Minutes per case with the tool",
    "Cases this month",
    "Comments",
]


def ms_en_row(id: int, name: str, tool: str, sus: list[object], *rest: object) -> list[object]:
    start = dt.datetime(2026, 10, 3, 9, 2, 11)
    end = dt.datetime(2026, 10, 3, 9, 15, 2)
    return [id, start, end, "anonymous" if not name else f"{name.lower()}@example.lg.jp", name, end, tool, *sus, *rest]


def test_microsoft_forms_xlsx_english_headers_six_metadata_columns(tmp_path: Path, plan: Plan) -> None:
    rows: list[list[object]] = [
        MS_EN_HEADER,
        # an anonymous response: Email says "anonymous", Name is empty; times are real date cells
        ms_en_row(1, "", "KamiScan", ["4", 4, 2, 5, 1, 4, 2, 5, 2, 4, 1], 12, 4, 300, "Reads handwriting well."),
        # times written as text, as in an export re-saved by US-English Excel
        [
            7,
            "10/3/26 10:40:00",
            "10/3/26 10:52:37",
            "ishii@example.lg.jp",
            "Ishii",
            "",
            "Alpha Reader",
            "3",
            *[3, 3, 4, 2, 3, 3, 4, 3, 3, 2],
            "",
            "",
            "",
            "",
        ],
    ]
    path = write_xlsx(tmp_path / "Trial feedback.xlsx", rows)
    mapping = write_mapping(tmp_path, MS_EN_MAPPING)

    first, second = read_responses(path, mapping, plan)

    assert first.row == 2 and second.row == 3
    feedback = first.feedback
    assert feedback.tool == "kamiscan" and feedback.department == "tax"
    assert feedback.respondent is None  # anonymous
    assert feedback.date == dt.date(2026, 10, 3)
    assert feedback.ratings == {"ease-of-use": "4"}
    assert feedback.sus == [4, 2, 5, 1, 4, 2, 5, 2, 4, 1]
    # odd items 3+4+3+4+3, even items 3+4+3+3+4: 34 × 2.5
    assert feedback.sus_score == 85
    assert feedback.effects is not None
    # (12 − 4) min × 300 cases × 365/30 ÷ 60 = 2400 × 73/6 ÷ 60 = 1460/3 h
    assert feedback.effects.hours_per_year == Fraction(1460, 3)
    assert feedback.comment == "Reads handwriting well."
    assert feedback.source is not None
    assert feedback.source.model_dump() == {
        "service": "microsoft-forms",
        "file": "Trial feedback.xlsx",
        "row": 2,
        "response_id": "1",
    }

    other = second.feedback
    assert other.tool == "alpha-reader" and other.respondent == "Ishii"
    assert other.date == dt.date(2026, 10, 3)
    assert other.sus == [3, 3, 4, 2, 3, 3, 4, 3, 3, 2] and other.sus_score == 60
    assert other.effects is None and other.comment is None
    assert other.source is not None and other.source.response_id == "7"


MS_JA_MAPPING = """\
[form]
service = "microsoft-forms"
sheet = "フォーム1"

[columns]
respondent = "名前"
tool = "試行したツール"
department = "所属"
uxlite = ["役に立つ", "使いやすい"]
sus = {sus}

[columns.ratings]
accuracy = "読み取りの正確さ"

[answers.tool]
"カミスキャン（試用版）" = "kamiscan"

[answers.scale]
"とてもそう思う" = 5
"そう思う" = 4
"どちらともいえない" = 3
"そう思わない" = 2
"まったくそう思わない" = 1
""".replace("{sus}", repr(SUS_JA).replace("'", '"'))

MS_JA_HEADER = [*MS_JA_META, "試行したツール", "所属", "読み取りの正確さ", "役に立つ", "使いやすい", *SUS_JA]
L5, L4, L3, L2, L1 = "とてもそう思う", "そう思う", "どちらともいえない", "そう思わない", "まったくそう思わない"


def test_microsoft_forms_xlsx_japanese_headers_five_metadata_columns(tmp_path: Path, plan: Plan) -> None:
    when = dt.datetime(2026, 10, 6, 14, 9, 48)
    rows: list[list[object]] = [
        MS_JA_HEADER,
        [1, when, when, "aoki@example.lg.jp", "青木 花子", "カミスキャン（試用版）", "税務課", "5", L4, L5]
        + [L4, L2, L5, L1, L4, L2, L5, L2, L4, L1],
        # the plan's names are recognised without a table, in either language and any width
        [2, when, when, "ueda@example.lg.jp", "上田 舞", "ＦｏｒｍＥｙｅ", "Digital Strategy Division", 4, L3, L3]
        + [None] * 10,
    ]
    book = Workbook()
    book.active.title = "メモ"
    sheet = book.create_sheet("フォーム1")
    for row in rows:
        sheet.append(row)
    path = tmp_path / "試行アンケート.xlsx"
    book.save(path)

    responses = read_responses(path, write_mapping(tmp_path, MS_JA_MAPPING), plan)

    assert [(r.row, r.feedback.tool, r.feedback.department) for r in responses] == [
        (2, "kamiscan", "tax"),
        (3, "formeye", "digital"),
    ]
    first, second = (r.feedback for r in responses)
    assert first.respondent == "青木 花子" and first.ratings == {"accuracy": "5"}
    assert first.uxlite == [4, 5] and first.uxlite_score == Fraction(7, 8) * 100
    assert first.sus == [4, 2, 5, 1, 4, 2, 5, 2, 4, 1]
    assert second.sus is None  # left entirely empty: no questionnaire, not an error
    assert second.uxlite == [3, 3] and second.ratings == {"accuracy": "4"}
    assert second.date == dt.date(2026, 10, 6)


def test_identical_answers_from_different_respondents_are_fine(tmp_path: Path, plan: Plan) -> None:
    same = ["KamiScan", "4", *[3] * 10, "", "", "", ""]
    rows = [MS_EN_HEADER, ms_en_row(1, "A", *same[:1], same[1:]), ms_en_row(2, "B", *same[:1], same[1:])]
    responses = read_responses(write_xlsx(tmp_path / "f.xlsx", rows), write_mapping(tmp_path, MS_EN_MAPPING), plan)
    assert [r.feedback.source.response_id for r in responses if r.feedback.source] == ["1", "2"]
    assert responses[0].feedback.fingerprint() != responses[1].feedback.fingerprint()


# --- Google Forms ------------------------------------------------------------------------

GOOGLE_EN_MAPPING = """\
[form]
service = "google-forms"

[fixed]
accuracy.unit = "field"

[columns]
tool = "Which tool did you try?"
department = "Your division"
ratings.ease-of-use = "Ease of use"
uxlite = ["Experience [Useful]", "Experience [Easy]"]
accuracy.total = "Fields checked"
accuracy.correct = "Fields read correctly"
comment = ["What worked well?", "What should improve?"]

[answers.department]
"Taxation" = "tax"

[answers.scale]
"Strongly agree" = 5
"Agree" = 4
"Neutral" = 3
"Disagree" = 2
"Strongly disagree" = 1
"""
GOOGLE_EN_HEADER = [
    "Timestamp",
    "Email Address",
    "Which tool did you try?",
    "Your division",
    "Ease of use",
    "Experience [Useful]",
    "Experience [Easy]",
    "Fields checked",
    "Fields read correctly",
    "What worked well?",
    "What should improve?",
]


def test_google_forms_csv_in_english(tmp_path: Path, plan: Plan) -> None:
    rows = [
        GOOGLE_EN_HEADER,
        ["10/3/2026 9:15:02", "sato@example.lg.jp", "Alpha Reader", "Taxation", "4", "Agree", "Strongly agree"]
        + ["120", "114", "Printed forms read well.", "Too many clicks,\nand the manual is English only."],
        ["10/3/2026 13:05:44", "kato@example.lg.jp", "KamiScan", "Taxation", "5", "", "", "", "", "", "Slow."],
    ]
    path = write_csv(tmp_path / "Trial feedback (Responses).csv", rows)  # UTF-8 without BOM, as Google writes

    first, second = read_responses(path, write_mapping(tmp_path, GOOGLE_EN_MAPPING), plan)

    feedback = first.feedback
    assert first.row == 2 and feedback.tool == "alpha-reader" and feedback.department == "tax"
    assert feedback.date == dt.date(2026, 10, 3)
    assert feedback.uxlite == [4, 5]
    assert feedback.accuracy is not None
    assert (feedback.accuracy.correct, feedback.accuracy.total, feedback.accuracy.unit) == (114, 120, "field")
    assert feedback.accuracy.rate == Fraction(19, 20)
    assert feedback.comment == (
        "What worked well?: Printed forms read well.\n"
        "What should improve?: Too many clicks,\nand the manual is English only."
    )
    assert feedback.respondent is None  # the address makes the id; the respondent is only what is mapped
    assert feedback.source is not None
    assert feedback.source.response_id == "2026-10-03T09:15:02 sato@example.lg.jp"
    assert second.feedback.uxlite is None and second.feedback.accuracy is None
    assert second.feedback.comment == "What should improve?: Slow."
    assert second.feedback.source is not None
    assert second.feedback.source.response_id == "2026-10-03T13:05:44 kato@example.lg.jp"


GOOGLE_JA_MAPPING = """\
[form]
service = "google-forms"

[fixed]
tool = "kamiscan"

[columns]
respondent = "お名前"
department = "所属"
sus = {sus}
""".replace("{sus}", repr(SUS_JA).replace("'", '"'))


def test_google_forms_csv_in_japanese(tmp_path: Path, plan: Plan) -> None:
    rows = [
        ["タイムスタンプ", "お名前", "所属", *SUS_JA],
        ["2026/10/03 9:15:02", "佐藤", "税務課", "4", "2", "4", "2", "4", "2", "4", "2", "4", "2"],
        # submitted in the same second by another person: a different id
        ["2026/10/03 9:15:02", "加藤", "税務課", "4", "2", "4", "2", "4", "2", "4", "2", "4", "2"],
        # same second, no name, different answers: numbered, not refused
        ["2026/10/03 9:15:02", "", "デジタル戦略課", "5", "1", "5", "1", "5", "1", "5", "1", "5", "1"],
        ["2026/10/03 9:15:02", "", "デジタル戦略課", "３", "３", "３", "３", "３", "３", "３", "３", "３", "３"],
    ]
    path = write_csv(tmp_path / "回答.csv", rows)

    responses = read_responses(path, write_mapping(tmp_path, GOOGLE_JA_MAPPING), plan)

    ids = [r.feedback.source.response_id for r in responses if r.feedback.source]
    assert ids == [
        "2026-10-03T09:15:02 佐藤",
        "2026-10-03T09:15:02 加藤",
        "2026-10-03T09:15:02",
        "2026-10-03T09:15:02 #2",
    ]
    assert [r.feedback.respondent for r in responses] == ["佐藤", "加藤", None, None]
    assert [r.feedback.sus_score for r in responses] == [75, 75, 100, 50]
    assert {r.feedback.tool for r in responses} == {"kamiscan"}


def test_the_same_google_response_twice_is_a_problem(tmp_path: Path, plan: Plan) -> None:
    answer = ["2026/10/03 9:15:02", "佐藤", "税務課", *["3"] * 10]
    path = write_csv(tmp_path / "回答.csv", [["タイムスタンプ", "お名前", "所属", *SUS_JA], answer, answer])
    with pytest.raises(TrialImportError) as error:
        read_responses(path, write_mapping(tmp_path, GOOGLE_JA_MAPPING), plan)
    assert error.value.message("en") == (
        "回答.csv row 3, column 'タイムスタンプ' (A3): the same response as row 2 (same time, respondent and answers); "
        "remove one row"
    )


# --- other services, encodings -----------------------------------------------------------

OTHER_MAPPING = """\
[form]
service = "other"
name = "logo-form"

[fixed]
tool = "formeye"

[columns]
response_id = "受付番号"
date = "回答日時"
department = "所属課"
respondent = "氏名"
role = "職名"
comment = "ご意見"
ratings.ease-of-use = "使いやすさ"
"""
OTHER_ROWS = [
    ["受付番号", "回答日時", "所属課", "氏名", "職名", "使いやすさ", "ご意見"],
    ["0001", "2026年10月6日 09:12", "税務課", "髙橋 〜 﨑", "主事", "４", "帳票の定義が簡単。"],
    ["0002", "2026/10/06 13:47", "デジタル戦略課", "加藤", "主査", "", "ＬＧＷＡＮの手順書がほしい"],
]


@pytest.mark.parametrize(("encoding", "bom"), [("cp932", b""), ("utf-8", b"\xef\xbb\xbf")], ids=["cp932", "utf8-bom"])
def test_other_service_csv_in_cp932_and_in_utf8_with_bom(tmp_path: Path, plan: Plan, encoding: str, bom: bytes) -> None:
    path = tmp_path / "logo.csv"
    rows = [list(r) for r in OTHER_ROWS]
    if encoding == "cp932":
        rows[1][3] = "髙橋 ～ 﨑"  # CP932 holds the full-width tilde, not the wave dash
    write_csv(path, rows, encoding)
    path.write_bytes(bom + path.read_bytes())

    first, second = read_responses(path, write_mapping(tmp_path, OTHER_MAPPING), plan)

    assert first.feedback.respondent == rows[1][3] and first.feedback.role == "主事"
    assert first.feedback.ratings == {"ease-of-use": "4"}  # full-width ４ reads as 4
    assert first.feedback.date == dt.date(2026, 10, 6) and second.feedback.date == dt.date(2026, 10, 6)
    assert second.feedback.ratings == {} and second.feedback.comment == "ＬＧＷＡＮの手順書がほしい"
    assert first.feedback.source is not None
    assert first.feedback.source.model_dump() == {
        "service": "logo-form",
        "file": "logo.csv",
        "row": 2,
        "response_id": "0001",
    }


@pytest.mark.parametrize(
    "data",
    [
        "受付番号,氏名\n1,佐藤\n".encode("utf-16"),  # Excel's "Unicode text"
        "受付番号,氏名\n1,佐藤\n".encode("utf-16-le"),  # without its BOM
        "受付番号,氏名\n1,日本語\n".encode("euc-jp"),  # neither UTF-8 nor CP932
    ],
    ids=["utf16", "utf16-no-bom", "euc-jp"],
)
def test_an_unreadable_encoding_names_the_file(tmp_path: Path, plan: Plan, data: bytes) -> None:
    path = tmp_path / "logo.csv"
    path.write_bytes(data)
    with pytest.raises(TrialImportError) as error:
        read_responses(path, write_mapping(tmp_path, OTHER_MAPPING), plan)
    assert error.value.key == "timport.encoding"
    assert error.value.message("en").startswith("logo.csv: not UTF-8 or CP932")
    assert "CP932" in error.value.message("ja")


def test_full_width_numbers_thousands_and_decimals(tmp_path: Path, plan: Plan) -> None:
    mapping = write_mapping(
        tmp_path,
        """\
[form]
service = "other"
[fixed]
tool = "kamiscan"
department = "tax"
[columns]
effects.minutes_before = "前"
effects.minutes_with = "後"
effects.cases = "件数"
effects.period_days = "日数"
""",
    )
    path = write_csv(tmp_path / "e.csv", [["前", "後", "件数", "日数"], ["１５", "5.5", "1,200", "３０"]])
    (response,) = read_responses(path, mapping, plan)
    effects = response.feedback.effects
    assert effects is not None
    assert (effects.minutes_before, effects.minutes_with, effects.cases, effects.period_days) == (
        Decimal(15),
        Decimal("5.5"),
        Decimal(1200),
        Decimal(30),
    )
    # (15 − 5.5) × 1200 × 365/30 ÷ 60 = 11400 × 73/6 ÷ 60 = 6935/3
    assert effects.hours_per_year == Fraction(6935, 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026/10/03 9:15:02", dt.datetime(2026, 10, 3, 9, 15, 2)),
        ("2026/10/3 9:15", dt.datetime(2026, 10, 3, 9, 15)),
        ("10/3/26 9:15:02", dt.datetime(2026, 10, 3, 9, 15, 2)),
        ("10/3/2026 9:15:02", dt.datetime(2026, 10, 3, 9, 15, 2)),
        ("10/3/2026 9:15:02 PM", dt.datetime(2026, 10, 3, 21, 15, 2)),
        ("2026/10/03 午後 1:12:41 GMT+9", dt.datetime(2026, 10, 3, 13, 12, 41)),
        ("2026/10/03 12:05:00 午前", dt.datetime(2026, 10, 3, 0, 5)),
        ("2026-10-03T09:15:02", dt.datetime(2026, 10, 3, 9, 15, 2)),
        ("2026-10-03", dt.datetime(2026, 10, 3)),
        ("２０２６／１０／０３", dt.datetime(2026, 10, 3)),
        ("2026年10月3日", dt.datetime(2026, 10, 3)),
        ("13/3/26 9:15:02", None),  # month 13: not guessed as day-first
        ("2026/02/30", None),
        ("yesterday", None),
        ("2026/10/03 25:00", None),
    ],
)
def test_dates_as_services_write_them(text: str, expected: dt.datetime | None) -> None:
    assert _parse_moment(text) == expected


def test_day_first_dates_when_the_mapping_says_so() -> None:
    assert _parse_moment("3/10/26 9:15:02", day_first=True) == dt.datetime(2026, 10, 3, 9, 15, 2)


# --- every problem, by row, column and cell -------------------------------------------------


def test_every_bad_cell_is_named_by_row_column_and_cell_and_nothing_is_returned(tmp_path: Path, plan: Plan) -> None:
    mapping = write_mapping(
        tmp_path,
        MS_EN_MAPPING.replace('department = "tax"\neffects.period_days = 30\n', 'department = "tax"\n').replace(
            '"effects.cases" = "Cases this month"', '"effects.cases" = "Cases this month"\neffects.period_days = "Days"'
        ),
    )
    header = [*MS_EN_HEADER, "Days"]
    good = ms_en_row(1, "A", "KamiScan", ["4", *[3] * 10], 12, 4, 300, "", 30)
    rows: list[list[object]] = [
        header,
        good,
        ms_en_row(2, "B", "Kami Scanner", ["9", 6, *[3] * 9], 12, 4, 300, "", 0),
        ms_en_row(3, "C", "KamiScan", ["", 3, None, *[3] * 8], "12分", 4, 300, "", 30),
        ms_en_row(1, "D", "", ["2", *[3] * 10], 12, "", 300, "", 30),
    ]
    rows[4][2] = "someday"
    path = write_xlsx(tmp_path / "feedback.xlsx", rows)

    with pytest.raises(TrialImportError) as error:
        read_responses(path, mapping, plan)

    problems = problems_of(error)
    assert problems == [
        "feedback.xlsx row 3, column 'Which tool did you try?' (G3): 'Kami Scanner' is not a tool of the plan "
        "(alpha-reader, kamiscan, formeye); add the answer under [answers.tool] in the mapping",
        "feedback.xlsx row 3, column 'Ease of use' (H3): '9' is not a level of 'ease-of-use' (1–5); translate the "
        "answer under [answers.scale] in the mapping",
        f"feedback.xlsx row 3, column '{SUS_EN[0]}' (I3): '6' is not an answer from 1 to 5; translate the answer "
        "text under [answers.scale] in the mapping",
        "feedback.xlsx row 3, column 'Days' (W3): must be more than 0, not 0",
        f"feedback.xlsx row 4, column '{SUS_EN[1]}' (J4): this SUS item is empty while others are answered; "
        "an incomplete SUS is neither scored nor completed by guessing",
        "feedback.xlsx row 4, column 'Minutes per case before' (S4): '12分' is not a number; write digits only, "
        "e.g. 12 or 12.5",
        "feedback.xlsx row 5, column 'ID' (A5): response ID '1' appears again (first in row 2): the same response "
        "is in the file twice; remove one row",
        "feedback.xlsx row 5, column 'Completion time' (C5): 'someday' is not a date; expected e.g. "
        "2026/10/03 9:15:02, 10/3/26 9:15:02 or 2026-10-03",
        "feedback.xlsx row 5, column 'Which tool did you try?' (G5): empty, but every response needs a tool",
        "feedback.xlsx row 5, column 'Minutes per case with the tool' (T5): empty while other time-saving answers "
        "are given; an effect needs minutes before, minutes with the tool, cases and the period",
    ]
    message = error.value.message("en")
    assert message.startswith(
        "feedback.xlsx: 10 problem(s) in the form export; nothing can be recorded until every one is fixed:\n"
    )
    assert message.splitlines()[1:] == problems
    assert "feedback.xlsx 3 行目、列 'Days'（W3）: 0 より大きくしてください（0 になっています）" in error.value.message(
        "ja"
    )


def test_one_problem_is_one_line(tmp_path: Path, plan: Plan) -> None:
    rows = [MS_EN_HEADER, ms_en_row(1, "A", "KamiScan", ["4", *[3] * 9, 6], 12, 4, 300, "")]
    with pytest.raises(TrialImportError) as error:
        read_responses(write_xlsx(tmp_path / "f.xlsx", rows), write_mapping(tmp_path, MS_EN_MAPPING), plan)
    assert error.value.key == "timport.cell"
    assert error.value.message("en") == (
        f"f.xlsx row 2, column '{SUS_EN[9]}' (R2): '6' is not an answer from 1 to 5; translate the answer text "
        "under [answers.scale] in the mapping"
    )


def test_at_most_30_problems_are_listed(tmp_path: Path, plan: Plan) -> None:
    rows = [MS_EN_HEADER] + [ms_en_row(i, "A", "Nobody", ["4", *[3] * 10], 1, 1, 1, "") for i in range(1, 36)]
    with pytest.raises(TrialImportError) as error:
        read_responses(write_xlsx(tmp_path / "f.xlsx", rows), write_mapping(tmp_path, MS_EN_MAPPING), plan)
    lines = error.value.message("en").splitlines()
    assert lines[0].startswith("f.xlsx: 35 problem(s)")
    assert len(lines) == 1 + 30 + 1 and lines[-1] == "… and 5 more"
    assert len(error.value.problems) == 35


def test_a_response_that_answers_nothing_mapped(tmp_path: Path, plan: Plan) -> None:
    rows = [MS_EN_HEADER, ms_en_row(1, "A", "KamiScan", ["", *[None] * 10], "", "", "", "")]
    with pytest.raises(TrialImportError) as error:
        read_responses(write_xlsx(tmp_path / "f.xlsx", rows), write_mapping(tmp_path, MS_EN_MAPPING), plan)
    assert error.value.message("en").startswith("f.xlsx row 2: the response answers none of the questions")


def test_accuracy_counts_are_checked(tmp_path: Path, plan: Plan) -> None:
    rows = [
        GOOGLE_EN_HEADER,
        ["10/3/2026 9:15:02", "a@x", "KamiScan", "Taxation", "", "", "", "100", "101", "", ""],
        ["10/3/2026 9:16:02", "b@x", "KamiScan", "Taxation", "", "", "", "0", "0", "", ""],
        ["10/3/2026 9:17:02", "c@x", "KamiScan", "Taxation", "", "", "", "10.5", "", "", ""],
    ]
    with pytest.raises(TrialImportError) as error:
        read_responses(write_csv(tmp_path / "g.csv", rows), write_mapping(tmp_path, GOOGLE_EN_MAPPING), plan)
    assert problems_of(error) == [
        "g.csv row 2, column 'Fields read correctly' (I2): 101 correct out of 100: correct cannot be more than "
        "the total",
        "g.csv row 3, column 'Fields checked' (H3): must be more than 0, not 0",
        "g.csv row 4, column 'Fields checked' (H4): '10.5' is not a whole number",
        "g.csv row 4, column 'Fields read correctly' (I4): empty while other accuracy answers are given; an accuracy "
        "sample needs correct, total and its unit",
    ]


# --- the file's shape ------------------------------------------------------------------------


def test_a_column_the_mapping_names_but_the_file_lacks(tmp_path: Path, plan: Plan) -> None:
    rows = [[h for h in MS_EN_HEADER if h != "Ease of use"]]
    with pytest.raises(TrialImportError) as error:
        read_responses(write_xlsx(tmp_path / "f.xlsx", rows), write_mapping(tmp_path, MS_EN_MAPPING), plan)
    message = error.value.message("en")
    assert message.startswith(
        "f.xlsx: the mapping names column 'Ease of use' (for columns.ratings.ease-of-use) but the file has: "
        "'ID', 'Start time', 'Completion time', 'Email', 'Name', 'Last modified time', 'Which tool did you try?', "
    )
    assert message.endswith("write the header exactly as exported")


def test_headers_match_regardless_of_width_and_spaces(tmp_path: Path, plan: Plan) -> None:
    header = [h.replace("Ease of use", "Ｅａｓｅ  of use ") for h in MS_EN_HEADER]
    rows = [header, ms_en_row(1, "A", "KamiScan", ["4", *[None] * 10], "", "", "", "")]
    (response,) = read_responses(write_xlsx(tmp_path / "f.xlsx", rows), write_mapping(tmp_path, MS_EN_MAPPING), plan)
    assert response.feedback.ratings == {"ease-of-use": "4"}


def test_a_repeated_header_is_refused_only_when_the_mapping_reads_it(tmp_path: Path, plan: Plan) -> None:
    header = [*MS_EN_HEADER, "Other", "Other"]
    rows = [header, ms_en_row(1, "A", "KamiScan", ["4", *[None] * 10], "", "", "", "", "x", "y")]
    mapping = write_mapping(tmp_path, MS_EN_MAPPING)
    assert len(read_responses(write_xlsx(tmp_path / "f.xlsx", rows), mapping, plan)) == 1
    rows[0] = [*MS_EN_HEADER, "Ease of use"]
    with pytest.raises(TrialImportError) as error:
        read_responses(write_xlsx(tmp_path / "g.xlsx", rows), mapping, plan)
    assert "column 'Ease of use' (for columns.ratings.ease-of-use) appears 2 times in the header (H1, W1)" in (
        error.value.message("en")
    )


def test_a_file_that_is_not_the_services_export(tmp_path: Path, plan: Plan) -> None:
    path = write_csv(tmp_path / "g.csv", [["When", *GOOGLE_EN_HEADER[1:]]])
    with pytest.raises(TrialImportError) as error:
        read_responses(path, write_mapping(tmp_path, GOOGLE_EN_MAPPING), plan)
    assert error.value.message("en") == (
        "g.csv: no 'Timestamp / タイムスタンプ' column, which every Google Forms export has; check that the file "
        "and [form] service in the mapping match"
    )


def test_a_formula_cell_is_refused(tmp_path: Path, plan: Plan) -> None:
    rows = [MS_EN_HEADER, ms_en_row(1, "A", "KamiScan", ["=2+2", *[None] * 10], "", "", "", "")]
    with pytest.raises(TrialImportError) as error:
        read_responses(write_xlsx(tmp_path / "f.xlsx", rows), write_mapping(tmp_path, MS_EN_MAPPING), plan)
    assert error.value.message("en") == (
        "f.xlsx row 2, column 'Ease of use' (H2): a formula (=2+2); an export holds values only, so export again "
        "or paste the values"
    )


def test_merged_cells_are_refused(tmp_path: Path, plan: Plan) -> None:
    rows = [MS_EN_HEADER, ms_en_row(1, "A", "KamiScan", ["4", *[3] * 10], "", "", "", "")]
    path = write_xlsx(tmp_path / "f.xlsx", rows)
    from openpyxl import load_workbook

    book = load_workbook(path)
    book.active.merge_cells("I2:J2")
    book.save(path)
    with pytest.raises(TrialImportError) as error:
        read_responses(path, write_mapping(tmp_path, MS_EN_MAPPING), plan)
    assert error.value.message("en") == ("f.xlsx: merged cells I2:J2; unmerge them (an export has one value per cell)")


def test_a_corrupt_or_foreign_file(tmp_path: Path, plan: Plan) -> None:
    mapping = write_mapping(tmp_path, MS_EN_MAPPING)
    corrupt = tmp_path / "broken.xlsx"
    corrupt.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(TrialImportError) as error:
        read_responses(corrupt, mapping, plan)
    assert error.value.key == "timport.unreadable" and "broken.xlsx: cannot read (" in error.value.message("en")
    with pytest.raises(TrialImportError) as error:
        read_responses(tmp_path / "responses.xls", mapping, plan)
    assert error.value.key == "timport.bad_suffix"
    with pytest.raises(TrialImportError) as error:
        read_responses(tmp_path / "missing.csv", mapping, plan)
    assert error.value.key == "timport.unreadable"


def test_an_unknown_sheet(tmp_path: Path, plan: Plan) -> None:
    path = write_xlsx(tmp_path / "f.xlsx", [MS_JA_HEADER], sheet="Sheet1")
    with pytest.raises(TrialImportError) as error:
        read_responses(path, write_mapping(tmp_path, MS_JA_MAPPING), plan)
    assert error.value.message("en") == (
        "f.xlsx: no sheet 'フォーム1' (the workbook has 'Sheet1'); fix [form] sheet in the mapping"
    )


def test_a_header_only_file_has_no_responses(tmp_path: Path, plan: Plan) -> None:
    path = write_xlsx(tmp_path / "f.xlsx", [MS_EN_HEADER, [None] * len(MS_EN_HEADER)])
    assert read_responses(path, write_mapping(tmp_path, MS_EN_MAPPING), plan) == []


# --- the mapping ----------------------------------------------------------------------------


def mapping_error(tmp_path: Path, text: str) -> str:
    with pytest.raises(TrialImportError) as error:
        write_mapping(tmp_path, text)
    return error.value.message("en")


def test_mapping_problems_name_the_line_and_key(tmp_path: Path) -> None:
    message = mapping_error(
        tmp_path,
        """\
[form]
service = "typeform"

[fixed]
tool = "kamiscan"

[columns]
tool = "Tool"
sus = ["Q1", "Q2", "Q3"]
ratings.ease-of-use = ""
"effects.minutes_befor" = "Before"

[answers.scale]
"Agree" = 6
""",
    )
    path = str(tmp_path / "mapping.toml")
    assert message.splitlines() == [
        f"{path}: 3 problem(s) in the column mapping:",
        f"{path}:2: form.service: must be one of 'microsoft-forms', 'google-forms', 'other'",
        f"{path}:11: columns.effects.minutes_befor: unknown key; remove it or check its spelling (allowed: "
        "minutes_before, minutes_with, cases, period_days)",
        f"{path}:14: answers.scale.Agree: must be 5 or less",
    ]


def test_mapping_rules_between_keys(tmp_path: Path) -> None:
    message = mapping_error(
        tmp_path,
        """\
[form]
service = "other"

[fixed]
tool = "kamiscan"
effects.period_days = 30

[columns]
tool = "Tool"
sus = ["Q1", "Q2", "Q3"]
ratings.ease-of-use = ""
effects.cases = "Cases"
accuracy.correct = "Correct"

[answers.tool]
"Kami" = "kamiscan"
"ＫＡＭＩ" = "formeye"
""",
    )
    path = str(tmp_path / "mapping.toml")
    assert message.splitlines() == [
        f"{path}: 7 problem(s) in the column mapping:",
        f'{path}:4: fixed: department is neither in [fixed] nor in [columns]; add department = "…" to one of them',
        f"{path}:8: columns.effects: an effect needs minutes_before, minutes_with, cases and period_days, each a "
        "column or in [fixed]; missing: minutes_before, minutes_with",
        f"{path}:8: columns.accuracy: an accuracy sample needs the correct and total columns and a unit (a column, "
        "or accuracy.unit in [fixed]); missing: total, unit",
        f"{path}:9: columns.tool: tool is given both in [fixed] and in [columns]; keep one",
        f"{path}:10: columns.sus: SUS needs its 10 columns in questionnaire order, not 3",
        f"{path}:11: columns.ratings.ease-of-use: a column header cannot be empty; copy it from the export's header row",
        f"{path}:17: answers.tool.\"ＫＡＭＩ\": 'ＫＡＭＩ' and 'Kami' are the same answer once width, case and spaces are "
        "ignored, but map to different values",
    ]


def test_the_three_ways_of_writing_a_nested_key_are_one(tmp_path: Path) -> None:
    head = '[form]\nservice = "other"\n[fixed]\ntool = "kamiscan"\ndepartment = "tax"\n'
    dotted = write_mapping(tmp_path, head + '[columns]\nratings.accuracy = "A"\n', "a.toml")
    quoted = write_mapping(tmp_path, head + '[columns]\n"ratings.accuracy" = "A"\n', "b.toml")
    table = write_mapping(tmp_path, head + '[columns.ratings]\naccuracy = "A"\n', "c.toml")
    assert dotted.columns == quoted.columns == table.columns
    assert dotted.columns.ratings == {"accuracy": "A"}
    message = mapping_error(tmp_path, head + '[columns]\n"ratings.accuracy" = "A"\nratings.accuracy = "B"\n')
    assert message.endswith(
        'mapping.toml:8: columns.ratings.accuracy: given twice ("ratings.accuracy" and ratings.accuracy); keep one'
    )


def test_malformed_toml_and_unknown_sections(tmp_path: Path) -> None:
    assert mapping_error(tmp_path, '[form]\nservice = "other\n').startswith(
        f"{tmp_path / 'mapping.toml'}:2: malformed TOML:"
    )
    assert "form: required key is missing" in mapping_error(tmp_path, "[colums]\n")
    assert "colums: unknown key; remove it or check its spelling (allowed: form, fixed, columns, answers)" in (
        mapping_error(tmp_path, '[form]\nservice = "other"\n[colums]\n')
    )
    with pytest.raises(TrialImportError) as error:
        load_mapping(tmp_path / "nowhere.toml")
    assert error.value.key == "timport.mapping_unreadable"


def test_mapping_ids_are_checked_against_the_plan(tmp_path: Path, plan: Plan) -> None:
    mapping = write_mapping(
        tmp_path,
        """\
[form]
service = "other"

[fixed]
tool = "kamiscanner"

[columns]
department = "Dept"
ratings.usability = "U"
ratings.price = "P"

[answers.department]
"Tax" = "taxes"
""",
    )
    path = write_csv(tmp_path / "f.csv", [["Dept", "U", "P"], ["tax", "4", "3"]])
    with pytest.raises(TrialImportError) as error:
        read_responses(path, mapping, plan)
    where = str(tmp_path / "mapping.toml")
    assert error.value.message("en").splitlines() == [
        f"{where}: 4 problem(s) in the column mapping:",
        f"{where}:5: fixed.tool: 'kamiscanner' is not a tool of the plan (alpha-reader, kamiscan, formeye)",
        f"{where}:9: columns.ratings.usability: 'usability' is not a criterion of the plan (accuracy, ease-of-use, "
        "price)",
        f"{where}:10: columns.ratings.price: 'price' has no scale of levels, so staff cannot rate it; criteria with "
        "a scale: accuracy, ease-of-use",
        f"{where}:13: answers.department.Tax: 'taxes' is not a department of the plan (tax, digital)",
    ]


# --- the shipped examples -------------------------------------------------------------------

EXAMPLE_PAIRS = [
    ("microsoft-forms.toml", "microsoft-forms-ja.xlsx"),
    ("google-forms.toml", "google-forms.csv"),
    ("logo-form.toml", "logo-form.csv"),
]


@pytest.mark.parametrize(("mapping", "export"), EXAMPLE_PAIRS, ids=[m for m, _ in EXAMPLE_PAIRS])
def test_the_shipped_examples_read_cleanly(plan: Plan, mapping: str, export: str) -> None:
    responses = read_responses(EXAMPLES / export, load_mapping(EXAMPLES / mapping), plan)
    assert responses and all(isinstance(r, ImportedResponse) for r in responses)
    assert [r.row for r in responses] == list(range(2, 2 + len(responses)))


def test_the_shipped_examples_say_what_the_docs_say(plan: Plan) -> None:
    def read(mapping: str, export: str) -> list[ImportedResponse]:
        return read_responses(EXAMPLES / export, load_mapping(EXAMPLES / mapping), plan)

    ms = [r.feedback for r in read(*EXAMPLE_PAIRS[0])]
    assert [(f.tool, f.department, f.source.response_id if f.source else None) for f in ms] == [
        ("kamiscan", "tax", "1"),
        ("alpha-reader", "tax", "2"),
        ("kamiscan", "tax", "3"),
    ]
    assert ms[0].sus_score == 85 and ms[0].ratings == {"ease-of-use": "4", "accuracy": "5"}
    assert ms[0].effects is not None and ms[0].effects.hours_per_year == Fraction(1460, 3)
    assert ms[2].effects is not None and ms[2].effects.hours_per_year == Fraction(6935, 3)
    google = [r.feedback for r in read(*EXAMPLE_PAIRS[1])]
    assert [f.tool for f in google] == ["alpha-reader", "formeye", "kamiscan"]
    assert google[0].accuracy is not None and google[0].accuracy.unit == "field"
    logo = [r.feedback for r in read(*EXAMPLE_PAIRS[2])]
    assert {f.tool for f in logo} == {"formeye"}
    assert [f.source.service for f in logo if f.source] == ["logo-form", "logo-form"]
    assert logo[0].accuracy is not None and logo[0].accuracy.unit == "character"


def test_the_shipped_examples_fit_the_demo_plan(demo: Workspace) -> None:
    for mapping, export in EXAMPLE_PAIRS:
        assert read_responses(EXAMPLES / export, load_mapping(EXAMPLES / mapping), demo.plan)


def test_parse_mapping_without_a_file() -> None:
    mapping = parse_mapping(
        {"form": {"service": "google-forms"}, "fixed": {"tool": "x", "department": "y"}, "columns": {"comment": "C"}}
    )
    assert mapping.source_name == "google-forms" and mapping.columns.comment == ["C"]


def test_cli_imports_the_shipped_examples_into_the_demo_once(demo: Workspace, run: Callable[..., Result]) -> None:
    """trial import: --dry-run writes nothing; the import records each response once; again, nothing new."""

    def trial_import(*args: str) -> tuple[int, str, str]:
        result = run("--lang", "en", "-C", str(demo.root), "trial", "import", *args)
        return result.exit_code, result.stdout, result.stderr

    pairs = [
        ("microsoft-forms-ja.xlsx", "microsoft-forms.toml", 3),
        ("google-forms.csv", "google-forms.toml", 3),
        ("logo-form.csv", "logo-form.toml", 2),
    ]
    for data, mapping, count in pairs:
        args = (str(EXAMPLES / data), "--mapping", str(EXAMPLES / mapping))
        before = demo.ledger.head()
        code, out, _ = trial_import(*args, "--dry-run")
        assert code == 0 and f"dry run: {count} response(s) would be recorded" in out
        assert demo.ledger.head() == before
        code, out, _ = trial_import(*args)
        assert code == 0 and f"recorded {count} feedback response(s)" in out
        code, out, _ = trial_import(*args)
        assert code == 0 and f"{count} response(s) already recorded; skipped" in out
    head = demo.ledger.head()
    code, _, err = trial_import(str(EXAMPLES / "google-forms.csv"), "--mapping", str(EXAMPLES / "nothing.toml"))
    assert code == 1 and len(err.strip().splitlines()) == 1 and "nothing.toml" in err
    assert demo.ledger.head() == head


def test_an_edited_response_is_refused_not_counted_twice(demo: Workspace, tmp_path: Path) -> None:
    """Forms respondents may edit an answer after the export was imported: the same ID with new answers is refused."""
    from openpyxl import load_workbook

    mapping = load_mapping(EXAMPLES / "microsoft-forms.toml")
    first = read_responses(EXAMPLES / "microsoft-forms-ja.xlsx", mapping, demo.plan)
    demo.record_feedback([r.feedback for r in first], actor="t")
    book = load_workbook(EXAMPLES / "microsoft-forms-ja.xlsx")
    sheet = book.active
    comment = next(c for c in sheet[1] if c.value == "ご意見・ご要望").column
    sheet.cell(row=3, column=comment, value="後から書き直した意見")
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    head = demo.ledger.head()
    with pytest.raises(Exception) as caught:
        demo.record_feedback([r.feedback for r in read_responses(edited, mapping, demo.plan)], actor="t")
    assert getattr(caught.value, "key", None) == "trial.response_changed"
    assert demo.ledger.head() == head
