"""Tests for the evaluation plan: validation, problem locations, messages, hashing,
the TOML line index and the TOML writer, shipped rubrics and `Workspace.init`."""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from toolbench.base import toml_write as _toml_write
from toolbench.base.errors import PlanError, Problem, WorkspaceError
from toolbench.base.paths import PLAN_FILE, STATE_DIR
from toolbench.base.toml_lines import LineIndex
from toolbench.model.plan import Plan, is_slug, load_plan, parse_plan
from toolbench.workspace.folder import rubric_data, rubric_names
from toolbench.workspace.workspace import Workspace

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


# --- helpers ------------------------------------------------------------------------


def write(tmp_path: Path, text: str, name: str = "toolbench.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[Problem]:
    with pytest.raises(PlanError) as info:
        load_plan(path)
    return info.value.problems


def triples(found: list[Problem]) -> set[tuple[str, str, int | None]]:
    return {(p.path, p.key, p.line) for p in found}


def check_lines(text: str, expected: dict[int, str]) -> None:
    """Guard the hand-counted line numbers: line N (1-based) must start with the text given."""
    lines = text.split("\n")
    for number, start in expected.items():
        assert lines[number - 1].startswith(start), (number, lines[number - 1])


# A header a plan needs before its criteria: a group `g` and a two-level scale `s`.
BASE = """\
[evaluation]
title = "T"

[groups]
g = "G"

[scales.s]
ratios = { a = 1, b = 0 }
"""
BASE_LINES = BASE.count("\n")  # 8: the next line written is line 9


# --- 1. every problem at once, with path and line ----------------------------------

MANY_PROBLEMS = """\
# header comment
[evaluation]
title = "Test"
total_points = 100
colour = "blue"

[groups]
function = "Function"

[scales.five]
ratios = { 5 = 1.0, 1 = 1.5 }

[[criteria]]
id = "accuracy"
name = "Accuracy"
group = "function"
scale = "five"
poinst = 50

[[criteria]]
id = "accuracy"
name = "Accuracy again"
group = "function"
scale = "five"
points = 50

[[tools]]
id = "../x"
name = "X"
vendor = "V"

[[tools]]
id = "a/b"
name = "Y"
vendor = "V"

[[evaluators]]
id = "e 1"
name = "Aoki"
"""

# Counted by hand; `check_lines` below re-checks each against the text.
MANY_EXPECTED = {
    ("evaluation.colour", "plan.unknown_key", 5),
    ("scales.five.ratios.1", "plan.ratio_range", 11),
    # the typo leaves `points` missing: reported at the entry's [[criteria]] header
    ("criteria[0].points", "plan.missing", 13),
    ("criteria[0].poinst", "plan.unknown_key", 18),
    ("criteria[1].id", "plan.duplicate_id", 21),
    ("tools[0].id", "plan.slug", 28),
    ("tools[1].id", "plan.slug", 33),
    ("evaluators[0].id", "plan.slug", 38),
}
MANY_LINES = {
    5: 'colour = "blue"',
    11: "ratios = { 5 = 1.0, 1 = 1.5 }",
    13: "[[criteria]]",
    18: "poinst = 50",
    20: "[[criteria]]",
    21: 'id = "accuracy"',
    28: 'id = "../x"',
    33: 'id = "a/b"',
    38: 'id = "e 1"',
}


def test_every_problem_reported_at_once_with_path_and_line(tmp_path: Path) -> None:
    """One invalid plan yields all of its problems together, each at its key path and line."""
    check_lines(MANY_PROBLEMS, MANY_LINES)
    found = problems(write(tmp_path, MANY_PROBLEMS))
    assert triples(found) == MANY_EXPECTED
    assert len(found) == len(MANY_EXPECTED)
    by_path = {p.path: p for p in found}
    assert by_path["criteria[1].id"].params["first"] == "criteria[0]"
    assert by_path["tools[0].id"].params["value"] == "../x"
    assert by_path["evaluators[0].id"].params["value"] == "e 1"
    assert "points" in str(by_path["criteria[0].poinst"].params["allowed"])
    assert "total_points" in str(by_path["evaluation.colour"].params["allowed"])


def test_problems_are_listed_in_line_order(tmp_path: Path) -> None:
    """The message lists problems top to bottom in the file, one line each after a header."""
    path = write(tmp_path, MANY_PROBLEMS)
    with pytest.raises(PlanError) as info:
        load_plan(path)
    lines = info.value.message("en").splitlines()
    assert lines[0] == f"{path}: {len(MANY_EXPECTED)} problem(s) in the plan:"
    numbers = [p.line for p in info.value.problems]
    assert numbers == sorted(numbers)
    for text, problem in zip(lines[1:], info.value.problems, strict=True):
        assert text.startswith(f"{path}:{problem.line}: {problem.path}: ")


# --- 2. malformed TOML ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('[evaluation]\ntitle = "T"\ntotal_points = = 3\n', 3),
        ('[evaluation]\ntitle = "T\ncolour = 1\n', 2),  # unterminated string
        ('[evaluation]\ntitle = "T"\n\n[groups\ng = "G"\n', 4),  # unclosed header
        ('[evaluation]\ntitle = "T"\ntitle = "U"\n', 3),  # key given twice
    ],
)
def test_malformed_toml_names_the_line(tmp_path: Path, text: str, line: int) -> None:
    """A TOML syntax error is one `plan.toml_syntax` problem at its line, with no traceback."""
    path = write(tmp_path, text)
    with pytest.raises(PlanError) as info:
        load_plan(path)
    (problem,) = info.value.problems
    assert problem.key == "plan.toml_syntax"
    assert problem.line == line
    assert problem.path == ""
    for lang in ("en", "ja"):
        message = info.value.message(lang)
        assert message.startswith(f"{path}:{line}: ")
        assert "Traceback" not in message
        assert "\n" not in message
        assert not re.search(r"\(at line \d+", message)  # the line is given once, in the prefix


# --- 3. points must add up, exactly --------------------------------------------------


def _points_plan(points: list[str], total: str) -> str:
    text = f'[evaluation]\ntitle = "T"\ntotal_points = {total}\n\n[groups]\ng = "G"\n'
    for number, value in enumerate(points):
        text += f'\n[[criteria]]\nid = "c{number}"\nname = "C"\ngroup = "g"\nkind = "metric"\nmetric = {{ rule = "min_max" }}\npoints = {value}\n'
    return text


@pytest.mark.parametrize(
    ("points", "total"),
    [
        (["33.3", "33.3", "33.4"], "100"),
        (["0.1", "0.2"], "0.3"),
        (["20", "30.0", "50.00"], "100.000"),
        (["12.5", "87.5"], "1e2"),
        ([], "0"),
    ],
)
def test_points_that_add_up_exactly_are_accepted(tmp_path: Path, points: list[str], total: str) -> None:
    """Decimal points are summed exactly: 33.3+33.3+33.4 is 100 and 0.1+0.2 is 0.3."""
    plan = load_plan(write(tmp_path, _points_plan(points, total)))
    assert sum((c.points for c in plan.criteria), Decimal(0)) == Decimal(total)


@pytest.mark.parametrize(
    ("points", "total", "actual", "declared"),
    [
        (["30", "30", "30"], "100", "90", "100"),
        (["33.3", "33.3", "33.3"], "100", "99.9", "100"),
        (["0.1", "0.2"], "0.30000000000000004", "0.3", "0.30000000000000004"),
        (["60", "50.5"], "100.0", "110.5", "100"),
    ],
)
def test_points_that_do_not_add_up_are_reported(
    tmp_path: Path, points: list[str], total: str, actual: str, declared: str
) -> None:
    """A mismatch is `plan.points_total` at `total_points`, naming both sums exactly."""
    path = write(tmp_path, _points_plan(points, total))
    (problem,) = problems(path)
    assert (problem.path, problem.key, problem.line) == ("evaluation.total_points", "plan.points_total", 3)
    assert problem.params == {"actual": actual, "declared": declared}
    message = problem.message("en")
    assert f"add up to {actual}," in message and f"total {declared};" in message


# --- 4. references, scales, encoding, missing file, missing [evaluation] -------------


def _criterion(*lines: str) -> str:
    return "\n[[criteria]]\n" + "\n".join(lines) + "\n"


# Each case: the text after BASE, and the one problem expected (path, key, line).
# BASE has 8 lines, so the blank line before [[criteria]] is 9 and the header is 10.
REFERENCE_CASES = {
    "unknown scale": (
        _criterion('id = "c"', 'name = "C"', 'group = "g"', 'scale = "seven"', "points = 1"),
        ("criteria[0].scale", "plan.unknown_scale", 14),
    ),
    "unknown group": (
        _criterion('id = "c"', 'name = "C"', 'group = "extras"', 'scale = "s"', "points = 1"),
        ("criteria[0].group", "plan.unknown_group", 13),
    ),
    "rating without scale": (
        _criterion('id = "c"', 'name = "C"', 'group = "g"', 'kind = "rating"', "points = 1"),
        ("criteria[0].scale", "plan.rating_needs_scale", 10),  # absent key: the [[criteria]] line
    ),
    "anchor for a level not on the scale": (
        _criterion(
            'id = "c"',
            'name = "C"',
            'group = "g"',
            'scale = "s"',
            "points = 1",
            "[criteria.anchors]",
            'a = "best"',
            'z = "no such level"',
        ),
        ("criteria[0].anchors.z", "plan.anchor_level", 18),
    ),
    "scale with one level": (
        "\n[scales.one]\nratios = { only = 1 }\n",
        ("scales.one.ratios", "plan.scale_empty", 11),
    ),
    "points not a number": (
        _criterion('id = "c"', 'name = "C"', 'group = "g"', 'scale = "s"', 'points = "ten"'),
        ("criteria[0].points", "pv.decimal_parsing", 15),
    ),
    "negative points": (
        _criterion('id = "c"', 'name = "C"', 'group = "g"', 'scale = "s"', "points = -1"),
        ("criteria[0].points", "pv.greater_than_equal", 15),
    ),
    "unknown kind": (
        _criterion('id = "c"', 'name = "C"', 'group = "g"', 'kind = "vibes"', 'scale = "s"', "points = 1"),
        ("criteria[0].kind", "pv.literal_error", 14),
    ),
    "unknown top-level table": (
        '\n[tool]\nid = "x"\n',
        ("tool", "plan.unknown_key", 10),
    ),
}


@pytest.mark.parametrize("case", list(REFERENCE_CASES))
def test_reference_and_scale_problems(tmp_path: Path, case: str) -> None:
    """Each broken reference or scale is reported once, at the right key and line."""
    tail, expected = REFERENCE_CASES[case]
    text = BASE + tail
    path_, key, line = expected
    assert line > BASE_LINES and text.split("\n")[line - 1].strip() != ""
    found = problems(write(tmp_path, text))
    assert triples(found) == {expected}


def test_reference_problem_params(tmp_path: Path) -> None:
    """Unknown scale/group and anchor problems name what is known, so the fix is obvious."""
    text = (
        BASE
        + _criterion('id = "c"', 'name = "C"', 'group = "extras"', 'scale = "seven"', "points = 1")
        + _criterion(
            'id = "d"', 'name = "D"', 'group = "g"', 'scale = "s"', "points = 1", "[criteria.anchors]", 'z = "?"'
        )
    )
    by_key = {p.key: p for p in problems(write(tmp_path, text))}
    assert set(by_key) == {"plan.unknown_group", "plan.unknown_scale", "plan.anchor_level"}
    assert by_key["plan.unknown_group"].params == {"group": "extras", "known": "g"}
    assert by_key["plan.unknown_scale"].params == {"scale": "seven", "known": "s"}
    assert by_key["plan.anchor_level"].params == {"level": "z", "scale": "s", "levels": "a, b"}


def test_not_utf8_is_an_encoding_problem(tmp_path: Path) -> None:
    """A Shift_JIS plan is refused with `plan.encoding`, not a UnicodeDecodeError."""
    path = tmp_path / PLAN_FILE
    path.write_bytes('[evaluation]\ntitle = "評価"\n'.encode("shift_jis"))
    (problem,) = problems(path)
    assert (problem.key, problem.path, problem.line) == ("plan.encoding", "", None)
    assert problem.message("en").startswith(f"{path}: ")


def test_utf8_with_bom_is_accepted(tmp_path: Path) -> None:
    """A UTF-8 file saved with a BOM (as Windows Notepad does) reads normally."""
    path = tmp_path / PLAN_FILE
    path.write_bytes(b"\xef\xbb\xbf" + '[evaluation]\ntitle = "評価"\n'.encode())
    assert load_plan(path).evaluation.title.get("ja") == "評価"


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    """A path that does not exist gives `plan.unreadable` with the OS reason."""
    path = tmp_path / "nowhere" / PLAN_FILE
    (problem,) = problems(path)
    assert problem.key == "plan.unreadable"
    assert problem.params["reason"]
    assert str(path) in problem.message("en")


def test_missing_evaluation_table(tmp_path: Path) -> None:
    """A plan without [evaluation] is `plan.missing` at path `evaluation`."""
    found = problems(write(tmp_path, '[groups]\ng = "G"\n'))
    assert [(p.path, p.key) for p in found] == [("evaluation", "plan.missing")]


def test_missing_required_keys_in_entries(tmp_path: Path) -> None:
    """Required keys absent from an entry are each reported, at the entry's header line."""
    text = BASE + '\n[[tools]]\nid = "t"\n'
    assert triples(problems(write(tmp_path, text))) == {
        ("tools[0].name", "plan.missing", 10),
        ("tools[0].vendor", "plan.missing", 10),
    }


# --- 5. slugs ------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["ai-ocr", "tool_1", "v1.2", "a", "A9", "x" * 64, "e1.v2_b-3"])
def test_is_slug_accepts(value: str) -> None:
    """Letters, digits, '-', '_', '.', starting with a letter or digit, up to 64 characters."""
    assert is_slug(value)


@pytest.mark.parametrize(
    "value",
    ["", "../x", "a/b", "a b", ".hidden", "a..b", "-x", "_x", "x" * 65, "a\\b", "a\n", "ツール", "ａｂ", "a:b"],
)
def test_is_slug_rejects(value: str) -> None:
    """Anything unsafe in a file name or command is refused."""
    assert not is_slug(value)


def test_slug_rules_apply_to_group_and_scale_names(tmp_path: Path) -> None:
    """Names of [groups] and [scales.*] entries are ids too."""
    text = '[evaluation]\ntitle = "T"\n\n[groups]\n"a b" = "G"\n\n[scales."x/y"]\nratios = { a = 1, b = 0 }\n'
    assert triples(problems(write(tmp_path, text))) == {
        ('groups."a b"', "plan.slug", 5),
        ('scales."x/y"', "plan.slug", 7),
    }


# --- 6. both languages ---------------------------------------------------------------


def test_messages_in_japanese_and_english(tmp_path: Path) -> None:
    """`message("ja")` is Japanese, `message("en")` is not, and both share FILE:LINE: PATH prefixes."""
    path = write(tmp_path, MANY_PROBLEMS)
    with pytest.raises(PlanError) as info:
        load_plan(path)
    error = info.value
    en = error.message("en").splitlines()
    ja = error.message("ja").splitlines()
    assert len(en) == len(ja) == len(error.problems) + 1
    assert "件の問題" in ja[0] and JAPANESE.search(ja[0])
    assert not JAPANESE.search(en[0])
    for problem, en_line, ja_line in zip(error.problems, en[1:], ja[1:], strict=True):
        prefix = f"{path}:{problem.line}: {problem.path}: "
        assert en_line.startswith(prefix) and ja_line.startswith(prefix)
        assert JAPANESE.search(ja_line[len(prefix) :]), ja_line
        assert not JAPANESE.search(en_line[len(prefix) :]), en_line
        assert en_line != ja_line


def test_single_problem_message_has_no_header(tmp_path: Path) -> None:
    """With one problem the message is just that problem's line, in either language."""
    path = write(tmp_path, '[evaluation]\ntitle = "T"\ncolor = 1\n')
    with pytest.raises(PlanError) as info:
        load_plan(path)
    assert info.value.message("en").startswith(f"{path}:3: evaluation.color: unknown key")
    assert info.value.message("ja").startswith(f"{path}:3: evaluation.color: 不明なキー")


# --- 7. shipped rubrics --------------------------------------------------------------


def test_rubrics_are_shipped() -> None:
    """At least the ai-ocr rubric is installed with the package."""
    assert "ai-ocr" in rubric_names()


@pytest.mark.parametrize("name", rubric_names())
def test_shipped_rubric_is_a_complete_plan(name: str) -> None:
    """Each shipped rubric validates and is bilingual, with must, price and scaled rating criteria."""
    plan = parse_plan(rubric_data(name), file=f"{name}.toml")
    assert plan.criteria
    assert len({c.id for c in plan.criteria}) == len(plan.criteria)
    for criterion in plan.criteria:
        assert criterion.name.ja and criterion.name.en, criterion.id
        assert JAPANESE.search(criterion.name.ja) or criterion.name.ja == criterion.name.en
        assert criterion.group in plan.groups
        if criterion.kind == "rating":
            scale = plan.scale_of(criterion)
            assert scale is not None and len(scale.ratios) >= 2, criterion.id
            assert set(criterion.anchors) <= set(scale.ratios)
    kinds = [c.kind for c in plan.criteria]
    assert "must" in kinds and "price" in kinds and "rating" in kinds
    if plan.evaluation.total_points is not None:
        assert sum((c.points for c in plan.criteria), Decimal(0)) == plan.evaluation.total_points


def test_ai_ocr_rubric_content() -> None:
    """ai-ocr has an LGWAN must-have and an accuracy criterion measured per field or character."""
    plan = parse_plan(rubric_data("ai-ocr"))
    lgwan = [c for c in plan.criteria if "LGWAN" in (c.name.en or "") + (c.name.ja or "")]
    assert lgwan and all(c.kind == "must" for c in lgwan)
    accuracy = plan.criterion("accuracy")
    assert accuracy is not None and accuracy.kind == "rating"
    assert accuracy.unit is not None
    assert re.search(r"field|character", accuracy.unit.en or "", re.I)
    assert re.search(r"項目単位|文字単位", accuracy.unit.ja or "")
    assert plan.evaluation.total_points == 100


def test_ai_ocr_rubric_file_loads_with_line_numbers(tmp_path: Path) -> None:
    """The shipped TOML text itself loads with `load_plan` and hashes like its data."""
    with resources.as_file(resources.files("toolbench._data.scoring") / "ai-ocr.toml") as source:
        plan = load_plan(source)
    assert plan.hash == parse_plan(rubric_data("ai-ocr")).hash


# --- 8. plan hash --------------------------------------------------------------------

HASH_A = """\
[evaluation]
title = "T"
total_points = 20

[groups]
g = "G"

[scales.s]
ratios = { a = 1, b = 0.5, c = 0 }

[[criteria]]
id = "c"
name = { ja = "項目", en = "Item" }
group = "g"
scale = "s"
points = 20
"""

HASH_A_REFORMATTED = """\
# the same plan, written differently
[evaluation]   # title first or last does not matter
total_points=20.0
title   =   "T"

[groups]
g="G"


[scales.s]
ratios = {a = 1.0, b = 0.50, c = 0.00}   # same ratios, same order (best first)

[[criteria]]
points = 20.0
scale = "s"
name = { en = "Item", ja = "項目" }
group = "g"
id = "c"
"""


def test_hash_ignores_formatting(tmp_path: Path) -> None:
    """Comments, whitespace, key order within a table and 20 vs 20.0 do not change the hash."""
    a = load_plan(write(tmp_path, HASH_A, "a.toml"))
    b = load_plan(write(tmp_path, HASH_A_REFORMATTED, "b.toml"))
    assert re.fullmatch(r"[0-9a-f]{64}", a.hash)
    assert a.hash == b.hash


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("points = 20\n", "points = 20.5\n"),
        ("b = 0.5", "b = 0.6"),
        ('en = "Item"', 'en = "Items"'),
        ('title = "T"', 'title = "T2"'),
    ],
)
def test_hash_changes_with_content(tmp_path: Path, old: str, new: str) -> None:
    """Changing a point value, ratio or label changes the hash."""
    changed = HASH_A.replace(old, new)
    if "20.5" in new:
        changed = changed.replace("total_points = 20\n", "total_points = 20.5\n")
    assert changed != HASH_A
    a = load_plan(write(tmp_path, HASH_A, "a.toml"))
    b = load_plan(write(tmp_path, changed, "b.toml"))
    assert a.hash != b.hash


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("ratios = { a = 1, b = 0.5, c = 0 }", "ratios = { c = 0, b = 0.5, a = 1 }"),
        ('g = "G"\n', 'g = "G"\nh = "H"\n'),
    ],
)
def test_hash_keeps_display_order(tmp_path: Path, old: str, new: str) -> None:
    """A scale's levels are listed best first and groups show in plan order: reordering them
    changes what reports show, so it changes the hash."""
    changed = HASH_A.replace(old, new)
    if "h =" in new:  # the same two groups in the other order
        base = HASH_A.replace(old, 'h = "H"\ng = "G"\n')
        changed_plan, base_plan = write(tmp_path, changed, "c.toml"), write(tmp_path, base, "d.toml")
        assert load_plan(changed_plan).hash != load_plan(base_plan).hash
        return
    assert changed != HASH_A
    assert load_plan(write(tmp_path, HASH_A, "a.toml")).hash != load_plan(write(tmp_path, changed, "b.toml")).hash


def test_hash_is_order_sensitive_for_criteria(tmp_path: Path) -> None:
    """Criteria order is content (it is the order of the matrix), so swapping them changes the hash."""
    one = _points_plan(["10", "20"], "30")
    swapped = (
        one.replace('id = "c0"', 'id = "TMP"').replace('id = "c1"', 'id = "c0"').replace('id = "TMP"', 'id = "c1"')
    )
    assert load_plan(write(tmp_path, one, "a.toml")).hash != load_plan(write(tmp_path, swapped, "b.toml")).hash


# --- 9. the TOML writer round-trips ------------------------------------------------

_KEY_CHARS = list("abzAZ059_-. \"'\\#=[]") + list("評価名前ア")
keys = st.one_of(
    st.sampled_from(["5", "1", "ja", "en", "id", "名前", "points", "anchors", "a b", "x.y", ""]),
    st.text(alphabet=st.sampled_from(_KEY_CHARS), min_size=1, max_size=6),
)
scalars = st.one_of(
    st.text(max_size=12),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.booleans(),
)
small_dicts = st.dictionaries(keys, scalars, max_size=3)
values = st.one_of(
    scalars,
    small_dicts,
    st.dictionaries(keys, small_dicts, max_size=2),
    st.lists(scalars, max_size=3),
    st.lists(small_dicts, max_size=2),
)
tables = st.dictionaries(keys, values, max_size=4)
top_names = keys.filter(lambda k: k != "scales")
plans = st.dictionaries(
    top_names,
    st.one_of(tables, st.lists(tables, min_size=1, max_size=3)),
    min_size=1,
    max_size=4,
)
scale_maps = st.dictionaries(keys, tables, min_size=1, max_size=2)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans, st.none() | scale_maps)
@example(
    {"criteria": [{"id": "c", "points": Decimal("33.3"), "anchors": {"5": {"ja": "高", "en": "high"}, "1": "low"}}]},
    {"five": {"ratios": {"5": Decimal("1.00"), "1": Decimal("0.00")}, "name": {"ja": "5段階"}}},
)
def test_dumps_round_trips(data: dict[str, object], scales: dict[str, object] | None) -> None:
    """`tomllib.loads(dumps(d))` gives back `d` for plan-shaped data (decimals exact)."""
    if scales is not None:
        data = {**data, "scales": scales}
    text = _toml_write.dumps(data)
    assert tomllib.loads(text, parse_float=Decimal) == data


@pytest.mark.parametrize("name", rubric_names())
def test_dumps_round_trips_shipped_rubric(name: str) -> None:
    """A shipped rubric written back out reads as the same data and the same plan hash."""
    data = rubric_data(name)
    text = _toml_write.dumps(data)
    again = tomllib.loads(text, parse_float=Decimal)
    assert again == data
    assert parse_plan(again, text=text).hash == parse_plan(data).hash
    assert "[[criteria]]" in text and "[scales." in text and "[criteria.anchors]" in text


def test_dumps_writes_small_tables_inline() -> None:
    """Bilingual names stay on one line instead of becoming their own sections."""
    text = _toml_write.dumps({"criteria": [{"id": "c", "name": {"ja": "項目", "en": "Item"}}]})
    assert 'name = { ja = "項目", en = "Item" }' in text
    assert "[criteria.name]" not in text


@pytest.mark.parametrize(
    "data", [{"evaluation": {"title": "T"}, "tools": []}, {"evaluation": {"title": "T"}, "scales": {}}]
)
def test_dumps_keeps_empty_top_level_collections(data: dict[str, object]) -> None:
    """An empty `tools = []` or `scales = {}` survives the round trip (it changes the plan hash)."""
    assert tomllib.loads(_toml_write.dumps(data), parse_float=Decimal) == data


# --- 10. the line index --------------------------------------------------------------

LINE_TEXT = """\
[evaluation]
title = "T"

[[criteria]]
id = "a"
points = 10
[criteria.anchors]
5 = "top"

[[criteria]]
id = "b"
description = \"\"\"
points = 99
[[criteria]]
\"\"\"
points = 20
[criteria.anchors]
"1" = "low"

[[criteria]]
id = "c"
notes = '''
points = 77
'''
points = 30
"""


def test_line_index_finds_keys_in_arrays_of_tables() -> None:
    """Each [[criteria]] entry gets its own index; sub-tables attach to the current entry."""
    check_lines(
        LINE_TEXT,
        {
            4: "[[criteria]]",
            6: "points = 10",
            8: "5 =",
            10: "[[criteria]]",
            16: "points = 20",
            17: "[criteria.anchors]",
            18: '"1" =',
            20: "[[criteria]]",
            25: "points = 30",
        },
    )
    assert len(tomllib.loads(LINE_TEXT)["criteria"]) == 3
    index = LineIndex(LINE_TEXT)
    assert index.line_of(("criteria", 2, "points")) == 25
    assert index.line_of(("criteria", 0, "points")) == 6
    assert index.line_of(("criteria", 0, "anchors", "5")) == 8
    assert index.line_of(("criteria", 1, "anchors")) == 17
    assert index.line_of(("criteria", 1, "anchors", "1")) == 18
    assert index.line_of(("evaluation", "title")) == 2


def test_line_index_skips_multiline_strings() -> None:
    """`points = 99` and `[[criteria]]` inside a multi-line string are text, not keys."""
    index = LineIndex(LINE_TEXT)
    assert index.line_of(("criteria", 1, "points")) == 16  # not 13, the fake key
    assert index.line_of(("criteria", 2, "points")) == 25  # not 23, the fake key in '''
    assert index.line_of(("criteria", 2)) == 20  # the fake header did not start an entry
    assert index.line_of(("criteria", 3)) is None
    assert index.line_of(("criteria", 1, "description")) == 12


def test_line_index_falls_back_to_parent() -> None:
    """A path not written (or inside an inline table) points at its nearest recorded parent."""
    index = LineIndex(LINE_TEXT)
    assert index.line_of(("criteria", 2, "scale")) == 20
    assert index.line_of(("evaluation", "title", "ja")) == 2
    assert index.line_of(("nothing",)) is None
    assert index.line_of(()) is None


def test_line_index_crlf_and_dotted_keys() -> None:
    """Windows line endings and dotted or quoted keys are located correctly."""
    text = '[evaluation]\r\ntitle.ja = "T"\r\n\r\n[scales."s"]\r\nratios.a = 1\r\n'
    index = LineIndex(text)
    assert index.line_of(("evaluation", "title", "ja")) == 2
    assert index.line_of(("scales", "s")) == 4
    assert index.line_of(("scales", "s", "ratios", "a")) == 5


# --- bugs found: line numbers and duplicate checks ---------------------------------


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
def test_line_numbers_count_only_newlines(tmp_path: Path, separator: str) -> None:
    """A description pasted with a Unicode line separator must not shift later line numbers."""
    text = f'[evaluation]\ntitle = "T"\ndescription = "first{separator}second"\ncolour = 1\n'
    assert tomllib.loads(text)["evaluation"]["colour"] == 1  # valid TOML
    assert triples(problems(write(tmp_path, text))) == {("evaluation.colour", "plan.unknown_key", 4)}


@pytest.mark.parametrize("line", ['title = \'He said """hi\'', 'title = "T"  # a lone """ in a comment'])
def test_triple_quote_inside_single_line_value(tmp_path: Path, line: str) -> None:
    """Keys after a line holding an odd number of triple quotes still get their own line."""
    text = f"[evaluation]\n{line}\ntotal_points = 0\ncolour = 1\n"
    assert tomllib.loads(text)["evaluation"]["colour"] == 1  # valid TOML
    assert triples(problems(write(tmp_path, text))) == {("evaluation.colour", "plan.unknown_key", 4)}


def test_duplicate_ids_differing_only_by_whitespace(tmp_path: Path) -> None:
    """An id with a leading space is not quietly stripped into a duplicate: it is refused."""
    text = (
        BASE
        + _criterion('id = "acc"', 'name = "A"', 'group = "g"', 'scale = "s"', "points = 1")
        + _criterion('id = " acc"', 'name = "B"', 'group = "g"', 'scale = "s"', "points = 1")
    )
    assert triples(problems(write(tmp_path, text))) == {("criteria[1].id", "plan.slug", 18)}


def test_unknown_key_in_anchor_text_lists_allowed_keys(tmp_path: Path) -> None:
    """A typo like `jp` inside an anchor's text suggests `ja, en`, as it does for names."""
    text = BASE + _criterion(
        'id = "c"', 'name = "C"', 'group = "g"', 'scale = "s"', "points = 1", "[criteria.anchors]", 'a = { jp = "x" }'
    )
    (problem,) = problems(write(tmp_path, text))
    assert (problem.path, problem.key, problem.line) == ("criteria[0].anchors.a.jp", "plan.unknown_key", 17)
    assert problem.params["allowed"] == "ja, en"


def test_unknown_key_in_name_lists_allowed_keys(tmp_path: Path) -> None:
    """A typo like `jp` in a bilingual name suggests `ja, en`."""
    text = '[evaluation]\ntitle = { ja = "T", jp = "x" }\n'
    (problem,) = problems(write(tmp_path, text))
    assert (problem.path, problem.key, problem.line) == ("evaluation.title.jp", "plan.unknown_key", 2)
    assert problem.params["allowed"] == "ja, en"


def test_parse_plan_without_text_has_no_lines() -> None:
    """`parse_plan` on data alone still reports paths, just without lines."""
    with pytest.raises(PlanError) as info:
        parse_plan({"evaluation": {"title": "T", "colour": 1}}, file="x.toml")
    (problem,) = info.value.problems
    assert (problem.path, problem.key, problem.line) == ("evaluation.colour", "plan.unknown_key", None)
    assert info.value.message("en").startswith("x.toml: evaluation.colour: ")


def test_valid_plan_round_trip(tmp_path: Path) -> None:
    """A valid plan loads into the model with exact decimals and bilingual text."""
    plan = load_plan(write(tmp_path, HASH_A))
    assert isinstance(plan, Plan)
    (criterion,) = plan.criteria
    assert criterion.points == Decimal(20)
    assert plan.scales["s"].ratios == {"a": Decimal(1), "b": Decimal("0.5"), "c": Decimal(0)}
    assert criterion.name.get("ja") == "項目" and criterion.name.get("en") == "Item"
    assert plan.evaluation.title.get("ja") == plan.evaluation.title.get("en") == "T"


# --- 11. Workspace.init --------------------------------------------------------------


def test_init_creates_a_loadable_plan(tmp_path: Path) -> None:
    """A fresh workspace's plan loads and has the hash the workspace computed."""
    root = tmp_path / "ws"
    with Workspace.init(root, rubric="ai-ocr") as ws:
        assert load_plan(root / PLAN_FILE).hash == ws.plan.hash
        assert (root / STATE_DIR).is_dir()


def test_init_refuses_to_overwrite_a_plan(tmp_path: Path) -> None:
    """An existing toolbench.toml is never overwritten, and no ledger is created beside it."""
    plan_path = tmp_path / PLAN_FILE
    original = b"# my own plan\n[evaluation]\ntitle = 'mine'\n"
    plan_path.write_bytes(original)
    with pytest.raises(WorkspaceError) as info:
        Workspace.init(tmp_path, rubric="ai-ocr")
    assert info.value.key == "workspace.exists"
    assert plan_path.read_bytes() == original
    assert not (tmp_path / STATE_DIR).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [PLAN_FILE]


@pytest.mark.parametrize("rubric", ["no-such-rubric", "../scoring/ai-ocr", "ai-ocr.toml", ""])
def test_init_unknown_rubric_creates_nothing(tmp_path: Path, rubric: str) -> None:
    """An unknown rubric raises WorkspaceError naming the shipped ones; nothing is written."""
    root = tmp_path / "new"
    with pytest.raises(WorkspaceError) as info:
        Workspace.init(root, rubric=rubric)
    assert info.value.key == "rubric.unknown"
    message = info.value.message("en")
    for name in rubric_names():
        assert name in message
    assert JAPANESE.search(info.value.message("ja"))
    assert not root.exists()
    assert list(tmp_path.iterdir()) == []
