"""Bad input that used to end in a traceback, an endless wait or the OOM killer (issue 12).

Each test names the hole it closes; every one failed on the main branch before the fix:
a 7 KB workbook with one cell at XFD1048576, a CSV field past 131,072 characters, NaN
and 1e308 in a hearing row, `points = 1e308` and nesting thousands of levels deep in a
plan, mapping or catalog, a catalog server trickling its headers one byte a second, the
missing consistency of the AIJ group matrix, a CR warning that did not say the answers
will not count, and e-mail addresses reaching the ledger.
"""

from __future__ import annotations

import json
import os
import resource
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result
from openpyxl import Workbook

from toolbench import Workspace
from toolbench.base.errors import CatalogError, PlanError
from toolbench.model.plan import load_plan
from toolbench.workspace.catalog import load_catalog
from toolbench.workspace.catalog_pull import pull
from toolbench.workspace.trial_import import (
    PSEUDONYM_KEY_FILE,
    Pseudonyms,
    TrialImportError,
    load_mapping,
    read_responses,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
TOOLBENCH = [sys.executable, "-m", "toolbench"]


def one_line(result: Result) -> str:
    """The error of a refused command: exit 1, no traceback, one line on stderr."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def events(root: Path) -> int:
    with sqlite3.connect(root / ".toolbench" / "ledger.sqlite") as db:
        return int(db.execute("SELECT count(*) FROM events").fetchone()[0])


def ledger_text(root: Path) -> str:
    with sqlite3.connect(root / ".toolbench" / "ledger.sqlite") as db:
        return "\n".join(row[0] for row in db.execute("SELECT payload FROM events"))


# --- a workbook whose dimension is the whole sheet ------------------------------------------


def far_cell_workbook(path: Path, title: str = "Sheet1") -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet["A1"] = "respondent"
    sheet["XFD1048576"] = "x"  # 16,384 × 1,048,576 cells if read by the sheet's dimension
    book.save(path)
    assert path.stat().st_size < 8_000
    return path


def _bounded_memory() -> None:  # runs in the child before toolbench starts
    resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024 * 1024, 1536 * 1024 * 1024))


@pytest.mark.parametrize(
    "command",
    [
        ["sheet", "import", "{file}"],
        ["hearing", "import", "{file}", "--dry-run"],
        ["trial", "import", "{file}", "--mapping", str(EXAMPLES / "trials" / "microsoft-forms.toml"), "--dry-run"],
    ],
    ids=["sheet", "hearing", "trial"],
)
def test_far_cell_workbook_is_refused_by_name_in_bounded_memory(
    demo: Workspace, tmp_path: Path, command: list[str]
) -> None:
    """Each import reads the cells the file holds, refusing one beyond the cap, in well under 1.5 GB and 30 s."""
    file = far_cell_workbook(tmp_path / "far.xlsx")
    before = events(demo.root)
    args = [part.replace("{file}", str(file)) for part in command]
    started = time.monotonic()
    done = subprocess.run(
        [*TOOLBENCH, "-C", str(demo.root), "--lang", "en", *args],
        capture_output=True,
        text=True,
        timeout=30,
        preexec_fn=_bounded_memory,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert time.monotonic() - started < 20
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert "far.xlsx" in line and "XFD1048576" in line and "100,000 rows" in line
    assert events(demo.root) == before


# --- hearing rows -------------------------------------------------------------------------------

HEADER = "respondent,department,group,method,total,accuracy,handwriting,form-definition,security-certification,support,ease-of-use,price"


def test_hearing_field_past_the_csv_limit_names_row_and_column(
    demo: Workspace, tmp_path: Path, run: Callable[..., Result]
) -> None:
    file = tmp_path / "long.csv"
    file.write_text(f"{HEADER},role\nr1,tax,staff,ratings,,5,5,3,3,4,5,3,{'x' * 140_000}\n", encoding="utf-8")
    before = events(demo.root)
    line = one_line(run("-C", str(demo.root), "--lang", "en", "hearing", "import", str(file)))
    assert line.startswith("toolbench: long.csv row 2, column M 'role' (cell M2): 140000 characters")
    assert "32767" in line
    assert events(demo.root) == before


@pytest.mark.parametrize("value", ["NaN", "inf", "-inf", "1e308", "-1", "12345678901234567890", "1e-999999"])
def test_hearing_allocation_beyond_points_names_row_column_and_fix(
    demo: Workspace, tmp_path: Path, run: Callable[..., Result], value: str
) -> None:
    file = tmp_path / "h.csv"
    file.write_text(f"{HEADER}\nr1,tax,staff,allocation,100,{value},20,5,5,10,20,10\n", encoding="utf-8")
    before = events(demo.root)
    result = run("-C", str(demo.root), "--lang", "en", "hearing", "import", str(file), "--dry-run")
    assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit)
    assert "pydantic" not in result.stderr and "Traceback" not in result.stderr
    problem = result.stderr.strip().splitlines()[-1]
    assert problem.startswith("h.csv row 2, column 'accuracy': ")
    assert "not a number of points from 0 to 1,000,000; write a plain number" in problem
    assert events(demo.root) == before


@pytest.mark.parametrize(("column", "value"), [("weight", "NaN"), ("weight", "1e308"), ("total", "inf")])
def test_hearing_weight_and_total_beyond_range_are_named(
    demo: Workspace, tmp_path: Path, run: Callable[..., Result], column: str, value: str
) -> None:
    file = tmp_path / "h.csv"
    total = value if column == "total" else "100"
    weight = value if column == "weight" else "1"
    file.write_text(f"{HEADER},weight\nr1,tax,staff,allocation,{total},30,20,5,5,10,20,10,{weight}\n", encoding="utf-8")
    result = run("-C", str(demo.root), "--lang", "en", "hearing", "import", str(file), "--dry-run")
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert f"h.csv row 2, column '{column}': {value} is not a" in result.stderr


# --- plan, mapping and catalog files ------------------------------------------------------------


def test_plan_points_beyond_exact_arithmetic_name_key_and_line(demo: Workspace) -> None:
    path = demo.root / "toolbench.toml"
    text = path.read_text(encoding="utf-8")
    first = text.index("\npoints = ")
    line = text[: first + 1].count("\n") + 1
    end = text.index("\n", first + 1)
    path.write_text(text[: first + 1] + "points = 1e308" + text[end:], encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    (problem,) = caught.value.problems
    assert (problem.path, problem.line) == ("criteria[0].points", line)
    assert "1E+308 is beyond exact arithmetic" in caught.value.message("en")


def test_plan_points_beyond_exact_arithmetic_through_the_cli(demo: Workspace, run: Callable[..., Result]) -> None:
    path = demo.root / "toolbench.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\npoints = ", "\npoints = 1e308 #", 1), encoding="utf-8")
    line = one_line(run("-C", str(demo.root), "--lang", "en", "weights"))
    assert "criteria[0].points: 1E+308 is beyond exact arithmetic" in line


DEEP_TOML = "x = " + "[" * 5000 + "]" * 5000 + "\n"


def test_deeply_nested_plan_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "toolbench.toml"
    path.write_text(DEEP_TOML, encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    assert caught.value.message("en") == f"{path}: tables or arrays nested more than 32 levels deep; " + (
        "no plan, mapping or catalog needs that, is this the right file?"
    )


def test_nesting_just_past_the_bound_is_refused_too(tmp_path: Path) -> None:
    """Deep enough for pydantic or hashing to recurse, yet shallow enough for tomllib: refused by the bound."""
    path = tmp_path / "toolbench.toml"
    path.write_text("x = " + "[" * 40 + "]" * 40 + "\n", encoding="utf-8")
    with pytest.raises(PlanError, match="nested more than 32 levels"):
        load_plan(path)


def test_deeply_nested_mapping_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "mapping.toml"
    path.write_text('[form]\nservice = "other"\n' + DEEP_TOML, encoding="utf-8")
    with pytest.raises(TrialImportError) as caught:
        load_mapping(path)
    assert "nested more than 32 levels" in caught.value.message("en")
    assert str(path) in caught.value.message("en")


@pytest.mark.parametrize(
    "body", [DEEP_TOML, '{"format": "toolbench-catalog/1", "entries": ' + "[" * 5000 + "]" * 5000 + "}"]
)
def test_deeply_nested_catalog_file_is_one_line(demo: Workspace, run: Callable[..., Result], body: str) -> None:
    folder = demo.root / "catalog"
    folder.mkdir(exist_ok=True)
    (folder / "deep.toml").write_text(body, encoding="utf-8")
    with pytest.raises(CatalogError):
        load_catalog(demo.root)
    line = one_line(run("-C", str(demo.root), "--lang", "en", "catalog", "list"))
    assert "deep.toml: tables or arrays nested more than 32 levels deep" in line


# --- catalog pull against hostile local servers -------------------------------------------------


class _Server:
    """A raw TCP server on 127.0.0.1 answering every request with `answer`, `pace` seconds per byte.

    Stops by itself after `life` seconds (and on close), so a client that never gives up
    cannot hold a test for long.
    """

    def __init__(self, answer: bytes, pace: float = 0.0, life: float = 20.0) -> None:
        self.answer, self.pace = answer, pace
        self.stop = threading.Event()
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.started = time.monotonic()
        self.life = life
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop.is_set() and time.monotonic() - self.started < self.life:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._talk, args=(conn,), daemon=True).start()
        self.sock.close()

    def _talk(self, conn: socket.socket) -> None:
        with conn:
            try:
                conn.settimeout(1)
                conn.recv(65536)
                if not self.pace:
                    conn.sendall(self.answer)
                    return
                for byte in self.answer:
                    if self.stop.wait(self.pace) or time.monotonic() - self.started > self.life:
                        return
                    conn.sendall(bytes([byte]))
            except OSError:
                return

    def url(self, path: str = "/catalog.toml") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        self.stop.set()
        self.thread.join(5)


@pytest.fixture()
def server_factory() -> Iterator[Callable[..., _Server]]:
    made: list[_Server] = []

    def make(answer: bytes, pace: float = 0.0) -> _Server:
        made.append(_Server(answer, pace))
        return made[-1]

    yield make
    for server in made:
        server.close()


@pytest.mark.parametrize(
    "answer",
    [
        b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789",  # the status line, byte by byte
        b"HTTP/1.1 200 OK\r\nX-Padding: " + b"a" * 200 + b"\r\n\r\n",  # the headers, byte by byte
    ],
    ids=["status-line", "headers"],
)
def test_pull_deadline_covers_status_line_and_headers(
    demo: Workspace, server_factory: Callable[..., _Server], answer: bytes
) -> None:
    """`--timeout 2` against a server sending one byte every 0.25 s (the issue: 300 s and more)."""
    server = server_factory(answer, pace=0.25)
    started = time.monotonic()
    with pytest.raises(CatalogError) as caught:
        pull(demo.root, server.url(), timeout=2, allow_http=True)
    took = time.monotonic() - started
    assert caught.value.key == "catalog.timeout"
    assert 1.5 < took < 4.5, took


def test_pull_of_deeply_nested_json_is_one_line(demo: Workspace, server_factory: Callable[..., _Server]) -> None:
    body = b'{"format": "toolbench-catalog/1", "entries": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode()
    server = server_factory(head + body)
    with pytest.raises(CatalogError) as caught:
        pull(demo.root, server.url("/catalog.json"), timeout=5, allow_http=True)
    assert caught.value.key == "input.too_deep_in"
    assert not (demo.root / ".toolbench" / "catalogs").exists()


# --- weights: the group matrix's consistency, and what a CR above the threshold means ----------

THREE = """\
[evaluation]
title = "Three"
language = "en"

[weights]
source = "hearings"
include_inconsistent = {include}

[groups]
g = "G"

[scales.abc]
ratios = {{ a = 1, b = 0.5, c = 0 }}

[[criteria]]
id = "x"
name = "X"
group = "g"
points = 10
scale = "abc"

[[criteria]]
id = "y"
name = "Y"
group = "g"
points = 10
scale = "abc"

[[criteria]]
id = "z"
name = "Z"
group = "g"
points = 10
scale = "abc"

[[departments]]
id = "tax"
name = "Tax"
"""


def three(tmp_path: Path, include: str = "true") -> Path:
    root = tmp_path / "three"
    root.mkdir()
    (root / "toolbench.toml").write_text(THREE.format(include=include), encoding="utf-8")
    Workspace.start_ledger(root).close()
    return root


def test_weights_json_has_the_aij_group_matrix_consistency(tmp_path: Path, run: Callable[..., Result]) -> None:
    """Worked by hand: two respondents judge x:y = 1, y:z = 1, and x:z = 4 and 9.

    AIJ takes the geometric mean of each judgment: x:y = 1, y:z = 1, x:z = √36 = 6. For
    a 3×3 reciprocal matrix with a12 = a, a13 = b, a23 = c, the principal eigenvalue is
    λmax = 1 + (b/ac)^(1/3) + (ac/b)^(1/3) = 1 + 1.817 121 + 0.550 321 = 3.367 442;
    CI = (λmax − 3)/2 = 0.183 721; CR = CI / 0.58 (Saaty's RI for n = 3) = 0.316 760.
    """
    root = three(tmp_path)
    for who, xz in (("r1", "4"), ("r2", "9")):
        result = run(
            "-C", str(root), "hearing", "add", "--respondent", who, "--dept", "tax", "--group", "staff",
            "--pairs", f"x:y=1,y:z=1,x:z={xz}",
        )  # fmt: skip
        assert result.exit_code == 0, result.output
    result = run("-C", str(root), "weights", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    data = data.get("data", data)
    group = data["group_consistency"]
    lam = 1 + 6 ** (1 / 3) + 6 ** (-1 / 3)
    assert group["lambda_max"] == pytest.approx(lam, abs=1e-9)
    assert group["ci"] == pytest.approx((lam - 3) / 2, abs=1e-9)
    assert group["ri"] == pytest.approx(0.58)
    assert group["cr"] == pytest.approx((lam - 3) / 2 / 0.58, abs=1e-9)
    assert round(group["cr"], 6) == 0.31676
    assert data["rules"]["ahp_aggregation_applied"] == "aij"


@pytest.mark.parametrize(("include", "says"), [("false", "will not count"), ("true", "count and are flagged")])
def test_hearing_add_says_whether_inconsistent_answers_count(
    tmp_path: Path, run: Callable[..., Result], include: str, says: str
) -> None:
    root = three(tmp_path, include)
    result = run(
        "-C", str(root), "--lang", "en", "hearing", "add", "--respondent", "r1", "--dept", "tax", "--group", "staff",
        "--pairs", "x:y=9,y:z=9,x:z=1/9",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "CR (all):" in result.stdout
    assert says in result.stderr and "above the threshold 0.10" in result.stderr


def test_hearing_add_consistent_answers_say_nothing_more(tmp_path: Path, run: Callable[..., Result]) -> None:
    root = three(tmp_path, "false")
    result = run(
        "-C", str(root), "--lang", "en", "hearing", "add", "--respondent", "r1", "--dept", "tax", "--group", "staff",
        "--pairs", "x:y=2,y:z=2,x:z=4",
    )  # fmt: skip
    assert result.exit_code == 0 and result.stderr == ""


# --- personal data ------------------------------------------------------------------------------

GOOGLE_MAPPING = """\
[form]
service = "google-forms"

[fixed]
department = "tax"

[columns]
tool = "Which tool did you try?"
"ratings.accuracy" = "Accuracy (1-5)"

[answers.scale]
"1" = 1
"2" = 2
"3" = 3
"4" = 4
"5" = 5
"""


def google_export(path: Path) -> Path:
    path.write_text(
        "Timestamp,Email Address,Which tool did you try?,Accuracy (1-5)\n"
        "2026/10/03 9:15:02 AM GMT+9,sato@example.lg.jp,kamiscan,4\n"
        "2026/10/03 9:15:02 AM GMT+9,KATO@example.lg.jp,kamiscan,4\n",
        encoding="utf-8",
    )
    return path


def test_form_addresses_become_keyed_pseudonyms_that_still_match(demo: Workspace, tmp_path: Path) -> None:
    """The response id Google Forms implies (time + address) keeps a pseudonym, never the address."""
    (tmp_path / "m.toml").write_text(GOOGLE_MAPPING, encoding="utf-8")
    mapping = load_mapping(tmp_path / "m.toml")
    export = google_export(tmp_path / "g.csv")
    pseudonyms = Pseudonyms.of_workspace(demo.root)
    responses = read_responses(export, mapping, demo.plan, pseudonyms=pseudonyms)
    ids = [r.feedback.source.response_id for r in responses if r.feedback.source]
    assert ids == [
        f"2026-10-03T09:15:02 {pseudonyms.of('sato@example.lg.jp')}",
        f"2026-10-03T09:15:02 {pseudonyms.of('kato@example.lg.jp')}",
    ]
    assert all("@" not in i and "example" not in i for i in ids)
    key = demo.root / ".toolbench" / PSEUDONYM_KEY_FILE
    assert key.stat().st_mode & 0o077 == 0  # readable by its owner only
    # another import, another process: the same key, the same pseudonyms
    again = read_responses(export, mapping, demo.plan, pseudonyms=Pseudonyms.of_workspace(demo.root))
    assert [r.feedback for r in again] == [r.feedback for r in responses]
    # and another workspace's key gives other pseudonyms: nobody can match them without the key
    other = Pseudonyms(b"another workspace's key.")
    assert other.of("sato@example.lg.jp") != pseudonyms.of("sato@example.lg.jp")
    assert pseudonyms.of(" Sato@Example.LG.jp ") == pseudonyms.of("sato@example.lg.jp")


def test_hearing_import_records_no_address_and_recognises_a_reimport(
    demo: Workspace, tmp_path: Path, run: Callable[..., Result]
) -> None:
    file = tmp_path / "h.csv"
    file.write_text(
        f"{HEADER},name\nsato@example.lg.jp,tax,staff,ratings,,5,5,3,3,4,5,3,sato@example.lg.jp\n", encoding="utf-8"
    )
    root = str(demo.root)
    first = run("-C", root, "--lang", "en", "hearing", "import", str(file))
    assert first.exit_code == 0, first.output
    text = ledger_text(demo.root)
    assert "example.lg.jp" not in text and "sato" not in text
    assert Pseudonyms.of_workspace(demo.root).of("sato@example.lg.jp") in text
    count = events(demo.root)
    second = run("-C", root, "--lang", "en", "hearing", "import", str(file))
    assert second.exit_code == 0 and events(demo.root) == count  # the same person, recognised


def test_trial_import_through_the_cli_records_no_address(
    demo: Workspace, tmp_path: Path, run: Callable[..., Result]
) -> None:
    (tmp_path / "m.toml").write_text(GOOGLE_MAPPING, encoding="utf-8")
    export = google_export(tmp_path / "g.csv")
    result = run("-C", str(demo.root), "trial", "import", str(export), "--mapping", str(tmp_path / "m.toml"))
    assert result.exit_code == 0, result.output
    assert "example.lg.jp" not in ledger_text(demo.root)
