"""Fuzzing the doors: the importers (sheet, hearing, trial with a mapping) and the plan loader.

For arbitrary input each must either accept it or refuse it with a ToolbenchError (whose
message is what the command line prints) — never another exception — record nothing,
and stay within a memory bound. Through the command line, refused input exits with a
code other than 0 and leaves the ledger as it was. Kept small enough for the unit suite
(about 10 s); run with HYPOTHESIS_PROFILE=long for a longer search.
"""

from __future__ import annotations

import io
import os
import sqlite3
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolbench import Workspace, build_single_round_demo
from toolbench.base.errors import ToolbenchError
from toolbench.cli import cli
from toolbench.model.plan import load_plan
from toolbench.workspace.hearing_import import parse_rows
from toolbench.workspace.sheets import SHEET_FORMAT, read_sheet
from toolbench.workspace.trial_import import Pseudonyms, load_mapping, read_responses

settings.register_profile(
    "unit", max_examples=25, deadline=3000, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
settings.register_profile("long", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "unit")

MEMORY_BOUND = 64 * 1024 * 1024
"""The most Python memory one example may take at its peak (tracemalloc)."""

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"


@pytest.fixture(scope="module")
def demo_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    workspace = build_single_round_demo(tmp_path_factory.mktemp("fuzz") / "demo")
    workspace.close()
    yield workspace.root


def events(root: Path) -> int:
    with sqlite3.connect(root / ".toolbench" / "ledger.sqlite") as db:
        return int(db.execute("SELECT count(*) FROM events").fetchone()[0])


def refused_or_accepted(action: Callable[[], object]) -> ToolbenchError | None:
    """Run `action` under tracemalloc: None if it accepted the input, the error if it refused it.

    Anything but a ToolbenchError fails the example, and so does a peak over MEMORY_BOUND.
    """
    tracemalloc.start()
    try:
        action()
        refused: ToolbenchError | None = None
    except ToolbenchError as error:
        refused = error
        message = error.message("en")
        assert message and "Traceback" not in message
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert peak < MEMORY_BOUND, f"peak {peak:,} bytes"
    return refused


# --- what cells hold: numbers at the edges, text that breaks parsers ----------------------------

EDGE_VALUES = st.sampled_from(
    [
        "", "0", "1", "5", "-1", "100", "1e308", "-1e308", "1e-999999", "NaN", "nan", "inf", "-Infinity",
        "12345678901234567890", "0.333", "1/3", "1/0", "9", "10", "３", "①", "1_000", "0x10", " 4 ",
        "=SUM(A1:A2)", "@", "a@b", "\x00", "\x1b[2J", "\u202e", '"', "'", "\n", "\r\n", ",", ";", "\t",
        "x" * 300, "anonymous", "tax", "staff", "ratings", "allocation", "pairwise", "hierarchical",
    ]
)  # fmt: skip
CELLS = st.one_of(EDGE_VALUES, st.text(max_size=40))


def csv_text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    import csv

    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(rows)
    return out.getvalue()


# --- the plan loader ----------------------------------------------------------------------------

PLAN_LINES = st.sampled_from(
    [
        "[evaluation]", 'title = "T"', 'language = "en"', "total_points = 1e308", "[weights]",
        'source = "hearings"', "points_total = 1e-999999", "points_decimals = 99", "[[criteria]]", 'id = "c1"',
        'name = "C"', 'group = "g"', "points = nan", "points = inf", "points = 12345678901234567890123",
        'scale = "abcd"', "[groups]", 'g = "G"', "[scales.abcd]", "ratios = { a = 1, b = 0.5 }",
        "x = " + "[" * 200 + "]" * 200, "y = " + "{a=" * 50 + "1" + "}" * 50, "[[tools]]", 'id = "../x"',
        'id = "t1"', 'name = "\u202e"', "[price]", 'family = "lowest_ratio"', "ceiling = 0",
    ]
)  # fmt: skip


@settings(settings.get_profile(PROFILE))
@given(lines=st.lists(st.one_of(PLAN_LINES, st.text(max_size=30)), max_size=25))
def test_plan_loader_accepts_or_names_the_problem(tmp_path_factory: pytest.TempPathFactory, lines: list[str]) -> None:
    path = tmp_path_factory.mktemp("plan") / "toolbench.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    refused_or_accepted(lambda: load_plan(path))


@settings(settings.get_profile(PROFILE))
@given(raw=st.binary(max_size=400))
def test_plan_loader_on_arbitrary_bytes(tmp_path_factory: pytest.TempPathFactory, raw: bytes) -> None:
    path = tmp_path_factory.mktemp("plan") / "toolbench.toml"
    path.write_bytes(raw)
    refused_or_accepted(lambda: load_plan(path))


# --- hearing import -----------------------------------------------------------------------------

HEARING_COLUMNS = st.sampled_from(
    [
        "respondent", "department", "group", "method", "name", "role", "weight", "readiness", "total",
        "accuracy", "handwriting", "price", "accuracy:handwriting", "@function:@usability", "x:y", "@a:@b", "",
    ]
)  # fmt: skip


@settings(settings.get_profile(PROFILE))
@given(
    header=st.lists(HEARING_COLUMNS, min_size=1, max_size=10),
    rows=st.lists(st.lists(CELLS, max_size=10), max_size=6),
)
def test_hearing_import_accepts_or_names_the_problem(
    demo_root: Path, tmp_path_factory: pytest.TempPathFactory, header: list[str], rows: list[list[str]]
) -> None:
    plan = load_plan(demo_root / "toolbench.toml")
    path = tmp_path_factory.mktemp("hearing") / "h.csv"
    path.write_text(csv_text([["respondent", "department", "group", "method", *header], *rows]), encoding="utf-8")
    before = events(demo_root)
    refused_or_accepted(lambda: parse_rows(plan, path, "en", pseudonyms=Pseudonyms(b"0123456789abcdef")))
    assert events(demo_root) == before


# --- sheet import -------------------------------------------------------------------------------


@settings(settings.get_profile(PROFILE))
@given(rows=st.lists(st.lists(CELLS, max_size=10), max_size=12), header_at=st.integers(2, 12))
def test_sheet_import_accepts_or_names_the_problem(
    demo_root: Path, tmp_path_factory: pytest.TempPathFactory, rows: list[list[str]], header_at: int
) -> None:
    plan = load_plan(demo_root / "toolbench.toml")
    grid = [["toolbench 採点表", SHEET_FORMAT], ["評価者ID", "e1"], *rows]
    grid.insert(min(header_at, len(grid)), ["項目ID", "評価項目", "区分", "配点", "水準", "評価の目安", "t1", "t2"])
    path = tmp_path_factory.mktemp("sheet") / "s.csv"
    path.write_text(csv_text(grid), encoding="utf-8")
    refused_or_accepted(lambda: read_sheet(path, plan))


# --- trial import with a mapping ----------------------------------------------------------------

MAPPING_LINES = st.sampled_from(
    [
        "[form]", 'service = "google-forms"', 'service = "microsoft-forms"', 'service = "other"', "header_row = 0",
        "header_row = 99999999999999999999", "[fixed]", 'department = "tax"', 'tool = "kamiscan"', "[columns]",
        'tool = "Tool"', '"ratings.accuracy" = "Accuracy"', 'respondent = "Email Address"', 'sus = ["Q"]',
        "[fixed.effects]", "period_days = 1e308", "cases = nan", "[answers.scale]", '"Agree" = 4', '"x" = 99',
        "z = " + "[" * 100 + "]" * 100,
    ]
)  # fmt: skip


@settings(settings.get_profile(PROFILE))
@given(
    mapping=st.lists(st.one_of(MAPPING_LINES, st.text(max_size=20)), max_size=12),
    rows=st.lists(st.lists(CELLS, max_size=6), max_size=6),
)
def test_trial_import_accepts_or_names_the_problem(
    demo_root: Path, tmp_path_factory: pytest.TempPathFactory, mapping: list[str], rows: list[list[str]]
) -> None:
    plan = load_plan(demo_root / "toolbench.toml")
    folder = tmp_path_factory.mktemp("trial")
    (folder / "m.toml").write_text("\n".join(mapping) + "\n", encoding="utf-8", errors="surrogatepass")
    header = ["Timestamp", "Email Address", "Tool", "Accuracy", "Q"]
    (folder / "g.csv").write_text(csv_text([header, *rows]), encoding="utf-8")
    pseudonyms = Pseudonyms(b"0123456789abcdef")
    refused_or_accepted(
        lambda: read_responses(folder / "g.csv", load_mapping(folder / "m.toml"), plan, pseudonyms=pseudonyms)
    )


@settings(settings.get_profile(PROFILE))
@given(raw=st.binary(max_size=600), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_trial_import_of_arbitrary_bytes(
    demo_root: Path, tmp_path_factory: pytest.TempPathFactory, raw: bytes, suffix: str
) -> None:
    plan = load_plan(demo_root / "toolbench.toml")
    mapping = load_mapping(EXAMPLES / "trials" / "google-forms.toml")
    path = tmp_path_factory.mktemp("bytes") / f"export{suffix}"
    path.write_bytes(raw)
    refused_or_accepted(lambda: read_responses(path, mapping, plan))


# --- through the command line: exit code and the ledger ------------------------------------------


@settings(settings.get_profile(PROFILE), max_examples=8)
@given(
    method=st.text(min_size=1, max_size=8).filter(
        lambda m: m.strip().lower() not in ("ratings", "allocation", "pairwise", "hierarchical") and "\x00" not in m
    ),
    cells=st.lists(CELLS, min_size=1, max_size=6),
)
def test_cli_refuses_bad_hearing_rows_and_records_nothing(
    demo_root: Path, tmp_path_factory: pytest.TempPathFactory, method: str, cells: list[str]
) -> None:
    path = tmp_path_factory.mktemp("cli") / "h.csv"
    path.write_text(
        csv_text([["respondent", "department", "group", "method", "accuracy"], ["r1", "tax", "staff", method, *cells]]),
        encoding="utf-8",
    )
    before = events(demo_root)
    result = CliRunner().invoke(cli, ["-C", str(demo_root), "--lang", "en", "hearing", "import", str(path)])
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert events(demo_root) == before


@settings(settings.get_profile(PROFILE), max_examples=8)
@given(raw=st.binary(min_size=1, max_size=300))
def test_cli_refuses_arbitrary_sheet_bytes_and_records_nothing(
    demo_root: Path, tmp_path_factory: pytest.TempPathFactory, raw: bytes
) -> None:
    path = tmp_path_factory.mktemp("cli") / "sheet.xlsx"
    path.write_bytes(raw)
    before = events(demo_root)
    result = CliRunner().invoke(cli, ["-C", str(demo_root), "--lang", "en", "sheet", "import", str(path)])
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert len(result.stderr.strip().splitlines()) == 1
    assert events(demo_root) == before


def test_workspace_is_left_whole(demo_root: Path) -> None:
    """After every example above the demo still opens and verifies."""
    with Workspace.open(demo_root) as workspace:
        assert workspace.plan.tools
