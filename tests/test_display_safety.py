"""Text already stored is shown safely in every format, forever (issue 12, "Free text that breaks the record").

The door now refuses control and bidi characters and over-long text (`toolbench.base.text`),
but an older ledger, a plan or a catalog entry may hold them. These tests build a real
workspace whose ledger already holds such text: the rows are written with sqlite3 and
the hash chain recomputed as the store computes it (docs/ledger.md), so the chain
verifies and every report must be made from it. Then `log` in every format, `matrix`,
`report`, `archive` and `catalog list` must succeed, show the text as typed, and never
pass a control sequence, markup, a link or raw HTML on.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from openpyxl import load_workbook

from tests.conftest import SMALL_PLAN
from toolbench import Workspace
from toolbench.base.display import displayable
from toolbench.base.paths import LEDGER_FILE, STATE_DIR
from toolbench.documents.model import (
    CellView,
    Document,
    Figure,
    Levels,
    MatrixView,
    RowView,
    Section,
    Table,
)
from toolbench.renderers.writers import FORMATS, write
from toolbench.renderers.xlsx import CELL_TEXT_MAX
from toolbench.store.ledger import SQLiteLedger, canonical_json, event_hash, format_time

HOSTILE_NAME = "[link=http://evil.example]x[/link]"
HOSTILE_VENDOR = "<script>alert(1)</script> [/x]"
HOSTILE_REASON = (
    "[/x] [bold]loud \x1b[2J\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\ "
    '\u202eevil\u202c \x0bvt\r\ncr | `tick` <script>alert(1)</script> <a href="http://evil.example">a</a> '
    "[link=http://evil.example]y[/link] [z](http://evil.example) \x07bell \x9b31m"
)
HOSTILE_ACTOR = '=HYPERLINK("http://evil.example")[/bold]\x1b[31mmallory\u2066'
LONG_REASON = "L" * 39_990 + "\x1b[2J end"
MODERATION_COMMENT = "consensus [/i] \x9b2J \u202e"

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""What must never reach a reader: control characters but line feed and tab, bidi controls."""


# --- a workspace whose ledger already holds such text --------------------------------------


def _append_raw(ledger: Path, rows: list[tuple[str, str, dict[str, Any]]]) -> None:
    """Append events behind the store's back, recomputing the chain as the store does.

    The store refuses such text now; an older toolbench did not, so ledgers holding it exist.
    """
    db = sqlite3.connect(ledger, isolation_level=None)
    try:
        db.execute("BEGIN IMMEDIATE")
        seq, prev, plan_hash = db.execute(
            "SELECT seq, hash, plan_hash FROM events ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        ts = format_time(datetime.now(UTC))
        for actor, kind, payload in rows:
            seq += 1
            stored = json.loads(canonical_json(payload))
            digest = event_hash(seq, ts, actor, kind, stored, plan_hash, prev)
            db.execute(
                "INSERT INTO events (seq, ts, actor, kind, payload, plan_hash, prev_hash, hash)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (seq, ts, actor, kind, canonical_json(stored), plan_hash, prev, digest),
            )
            prev = digest
        db.execute("UPDATE meta SET value = ? WHERE key = 'head_seq'", (str(seq),))
        db.execute("UPDATE meta SET value = ? WHERE key = 'head_hash'", (prev,))
        db.execute("COMMIT")
    finally:
        db.close()


@pytest.fixture()
def hostile(tmp_path: Path) -> Iterator[Path]:
    """A workspace: a tool named with rich markup, a vendor with HTML, and hostile reasons in its ledger."""
    root = tmp_path / "hostile"
    root.mkdir()
    plan = SMALL_PLAN.format(rounding="half_up", decimals=2)
    plan = plan.replace('name = "X"', f'name = "{HOSTILE_NAME}"').replace(
        'vendor = "X Co."', f'vendor = "{HOSTILE_VENDOR}"'
    )
    (root / "toolbench.toml").write_text(plan, encoding="utf-8")
    workspace = Workspace.start_ledger(root)
    for tool in ("x", "y", "z"):
        for evaluator in ("e1", "e2"):
            workspace.record_scores(tool, evaluator, {"c1": "a", "c2": "b"}, actor=evaluator)
    first = {(e.payload["tool"], e.payload["evaluator"], e.payload["criterion"]): e.seq for e in workspace.events()}
    ledger = Path(workspace.ledger.location)
    workspace.close()
    _append_raw(
        ledger,
        [
            (
                HOSTILE_ACTOR,
                "score.recorded",
                {
                    "tool": "x",
                    "evaluator": "e1",
                    "criterion": "c1",
                    "level": "b",
                    "supersedes": first["x", "e1", "c1"],
                    "reason": HOSTILE_REASON,
                },
            ),
            (
                "e1",
                "score.recorded",
                {
                    "tool": "y",
                    "evaluator": "e1",
                    "criterion": "c1",
                    "level": "c",
                    "supersedes": first["y", "e1", "c1"],
                    "reason": LONG_REASON,
                },
            ),
            ("chair", "score.moderated", {"tool": "z", "criterion": "c2", "level": "a", "comment": MODERATION_COMMENT}),
        ],
    )
    with Workspace.open(root) as check:
        assert check.verify().ok  # the chain holds: the text is part of the record for good
    catalog = root / "catalog"
    catalog.mkdir()
    (catalog / "evil.toml").write_text(
        f'id = "evil-entry"\nname = "{HOSTILE_NAME} [/x]"\nvendor = "<script>alert(1)</script>"\ncategory = "ai-ocr"\n',
        encoding="utf-8",
    )
    yield root


def _stored(root: Path) -> list[tuple[str, dict[str, Any]]]:
    ledger = SQLiteLedger(root / STATE_DIR / LEDGER_FILE)
    try:
        return [(e.actor, dict(e.payload)) for e in ledger.events()]
    finally:
        ledger.close()


PLAIN_TERMINAL = {"FORCE_COLOR": None, "TTY_COMPATIBLE": None, "TTY_INTERACTIVE": None, "COLUMNS": "120"}


def _ok(result: Result) -> str:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 0, result.output
    return result.stdout


def _no_unsafe(text: str, where: str) -> None:
    found = UNSAFE.search(text)
    assert found is None, (
        f"{where}: U+{ord(found.group()):04X} at {found.start()}: {text[max(0, found.start() - 40) : found.start() + 20]!r}"
    )


# --- the terminal -------------------------------------------------------------------------


def test_log_on_the_terminal_shows_markup_and_escapes_as_typed(hostile: Path, run: Callable[..., Result]) -> None:
    out = _ok(run("-C", str(hostile), "log", env=PLAIN_TERMINAL))
    _no_unsafe(out, "log")
    assert "\x1b" not in out
    flat = re.sub(r"\s+", "", out)  # the table wraps long cells
    assert "[/x]" in flat and "[bold]loud" in flat  # markup printed, never interpreted
    assert "[link=http://evil.example]y[/link]" in flat
    assert "[/bold]" in flat and "mallory" in flat  # the actor column
    assert "\\x1b[2J" in flat and "\\x1b]8;;http://evil.example" in flat  # escapes shown visibly
    assert "\\u202eevil" in flat and "\\x0bvt" in flat and "\\x9b31m" in flat
    assert "consensus[/i]\\x9b2J\\u202e" in flat


def test_log_in_colour_sends_only_styles_to_the_terminal(hostile: Path, run: Callable[..., Result]) -> None:
    out = _ok(run("-C", str(hostile), "log", env={**PLAIN_TERMINAL, "FORCE_COLOR": "1"}))
    assert "\x1b]8;" not in out  # no OSC 8 hyperlink, from markup or from the data
    leftover = re.sub(r"\x1b\[[0-9;]*m", "", out)  # colour and bold are the only sequences allowed
    _no_unsafe(leftover, "log in colour")
    assert "[link=http://evil.example]y[/link]" in re.sub(r"\s+", "", leftover)


def test_matrix_on_the_terminal_shows_a_markup_name_as_typed(hostile: Path, run: Callable[..., Result]) -> None:
    for env in (PLAIN_TERMINAL, {**PLAIN_TERMINAL, "FORCE_COLOR": "1"}):
        out = _ok(run("-C", str(hostile), "matrix", env=env))
        assert "\x1b]8;" not in out  # the name is shown (wrapped, below), never a live link
        shown = re.sub(r"\x1b\[[0-9;]*m", "", out)
        assert "[link=http://evil.exam" in shown and "]x[/link]" in shown  # the name wraps in its column
        _no_unsafe(re.sub(r"\x1b\[[0-9;]*m", "", out), "matrix")


def test_catalog_listing_shows_markup_as_typed(hostile: Path, run: Callable[..., Result]) -> None:
    out = _ok(run("-C", str(hostile), "catalog", "list", env=PLAIN_TERMINAL))
    flat = re.sub(r"\s+", "", out)
    assert "[link=http://evil.example]x[/link][/x]" in flat
    assert "<script>alert(1)</script>" in flat


# --- text formats ---------------------------------------------------------------------------


def _unescaped_pipes(line: str) -> int:
    count, escaped = 0, False
    for char in line:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            count += 1
    return count


def _markdown_tables(text: str) -> list[list[str]]:
    tables: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables


def _check_markdown(text: str, where: str) -> None:
    _no_unsafe(text, where)
    assert "\r" not in text
    assert "<script" not in text and "<a " not in text
    assert "](http" not in text.replace("\\](http", "")  # no link [text](url) can form
    tables = _markdown_tables(text)
    assert tables, where
    for table in tables:
        columns = _unescaped_pipes(table[0])
        for line in table:
            assert _unescaped_pipes(line) == columns, f"{where}: {line[:200]!r}"


def test_log_as_markdown_keeps_every_row_in_its_columns(hostile: Path, run: Callable[..., Result]) -> None:
    out = _ok(run("-C", str(hostile), "log", "--format", "markdown"))
    _check_markdown(out, "log.md")
    events = len(_stored(hostile))
    table = _markdown_tables(out)[0]
    assert len(table) == 2 + events  # header, rule, one line per event: no row was broken
    assert _unescaped_pipes(table[0]) == 4  # three columns: time, who, what (in words)
    hostile_row = next(line for line in table if "mallory" in line)
    assert "&lt;script>" in hostile_row and "\\`tick\\`" in hostile_row and "\\[/x\\]" in hostile_row
    assert "\\\\x1b\\[2J" in hostile_row  # the visible escape, its backslash escaped for Markdown


def test_log_as_csv_is_visible_and_formula_safe(hostile: Path, run: Callable[..., Result]) -> None:
    data = run("-C", str(hostile), "log", "--format", "csv")
    out = _ok(data)
    _no_unsafe(out, "log.csv")
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    hostile_row = next(row for row in rows if "mallory" in row[1])
    assert hostile_row[1].startswith("'=HYPERLINK(")  # never run as a formula
    assert "\\x1b[31m" in hostile_row[1] and hostile_row[1].endswith("\\u2066")
    assert "\\x1b]8;;http://evil.example" in hostile_row[2] and "<script>" in hostile_row[2]
    assert len(rows[0]) == 3 and all(len(row) == 3 for row in rows[: len(_stored(hostile)) + 1])
    cp932 = _ok(run("-C", str(hostile), "log", "--format", "csv", "--encoding", "cp932"))
    assert "\\u202eevil" in cp932  # a bidi control is shown in a form CP932 can carry


def test_log_as_json_keeps_the_text_exactly_but_escaped(hostile: Path, run: Callable[..., Result]) -> None:
    out = _ok(run("-C", str(hostile), "log", "--format", "json"))
    _no_unsafe(out, "log.json")
    records = json.loads(out)
    assert records[-3]["payload"]["reason"] == HOSTILE_REASON  # exact: the hash can be recomputed
    assert records[-3]["actor"] == HOSTILE_ACTOR
    assert records[-2]["payload"]["reason"] == LONG_REASON
    assert "\\u202e" in out


def _check_html(text: str, where: str) -> None:
    _no_unsafe(text, where)
    assert "<script" not in text, where
    assert 'href="http' not in text and '<a href=\\"http' not in text, where
    assert "<a " not in text.replace('<a href="#', ""), where  # only the page's own contents links


def test_log_as_html_shows_everything_as_text(hostile: Path, run: Callable[..., Result]) -> None:
    out = _ok(run("-C", str(hostile), "log", "--format", "html"))
    _check_html(out, "log.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "\\x1b]8;;http://evil.example" in out and "\\u202eevil" in out
    assert "[link=http://evil.example]y[/link]" in out


def test_matrix_in_every_text_format(hostile: Path, run: Callable[..., Result]) -> None:
    markdown = _ok(run("-C", str(hostile), "matrix", "--format", "markdown"))
    _check_markdown(markdown, "matrix.md")
    assert "\\[link=http://evil.example\\]x\\[/link\\]" in markdown
    as_csv = _ok(run("-C", str(hostile), "matrix", "--format", "csv"))
    assert HOSTILE_NAME in as_csv
    _no_unsafe(as_csv, "matrix.csv")
    page = _ok(run("-C", str(hostile), "matrix", "--format", "html"))
    _check_html(page, "matrix.html")
    assert HOSTILE_NAME in page
    data = json.loads(_ok(run("-C", str(hostile), "matrix", "--format", "json")))
    assert HOSTILE_NAME in json.dumps(data, ensure_ascii=False)


# --- workbooks, the report folder and the archive --------------------------------------------


def _cells(path: Path) -> dict[tuple[str, str], str]:
    book = load_workbook(path)
    return {
        (sheet.title, cell.coordinate): cell.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }


def _check_workbook(path: Path, *, cut_note: str) -> dict[tuple[str, str], str]:
    cells = _cells(path)
    for (sheet, name), value in cells.items():
        _no_unsafe(value, f"{path.name} {sheet}!{name}")
        assert len(value) <= CELL_TEXT_MAX, f"{path.name} {sheet}!{name}"
    reasons = [v for v in cells.values() if "\\x1b]8;;http://evil.example" in v]
    assert reasons and all("\\u202eevil" in v and "[/x]" in v for v in reasons)
    long = [v for v in cells.values() if v.startswith(("LLLLLLLL", "Y: C1 corrected a → c"))]
    assert long and all(cut_note in v and len(v) <= CELL_TEXT_MAX for v in long)
    return cells


def test_log_as_a_workbook(hostile: Path, run: Callable[..., Result], tmp_path: Path) -> None:
    _ok(run("-C", str(hostile), "log", "-o", str(tmp_path / "log.xlsx")))
    cells = _check_workbook(tmp_path / "log.xlsx", cut_note="cut here")
    actor = next((key, v) for key, v in cells.items() if "mallory" in v)
    book = load_workbook(tmp_path / "log.xlsx")
    cell = book[actor[0][0]][actor[0][1]]
    assert cell.data_type == "s" and cell.quotePrefix  # text, never a formula


def test_report_writes_every_file(hostile: Path, run: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "report"
    _ok(run("-C", str(hostile), "report", str(out)))
    cells = _check_workbook(out / "report.xlsx", cut_note="cut here")
    assert any(v == HOSTILE_NAME for v in cells.values())
    assert any(sheet == "Reasons log" for sheet, _ in cells)
    _check_html((out / "report.html").read_text(encoding="utf-8"), "report.html")
    for name in ("summary.csv", "public-results.csv", "reasons-log.csv"):
        _no_unsafe((out / name).read_text(encoding="utf-8-sig"), name)
    reasons = list(csv.reader(io.StringIO((out / "reasons-log.csv").read_text(encoding="utf-8-sig"))))
    assert any(LONG_REASON.replace("\x1b", "\\x1b") in row for row in reasons)  # CSV holds the whole text


def test_archive_is_written_and_verifies(hostile: Path, run: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "evidence"
    _ok(run("-C", str(hostile), "--lang", "ja", "archive", str(out)))
    _ok(run("archive", "verify", str(out)))
    for path in sorted(out.rglob("*")):
        if path.suffix in (".md", ".txt", ".csv", ".html"):
            text = path.read_text(encoding="utf-8-sig")
            _no_unsafe(text, str(path.relative_to(out)))
            if path.suffix == ".html":
                _check_html(text, str(path.relative_to(out)))
            if path.suffix == ".md":
                _check_markdown(text, str(path.relative_to(out)))
    workbooks = sorted(out.rglob("*.xlsx"))
    assert workbooks
    procurement = next(p for p in workbooks if p.name == "report.xlsx")
    _check_workbook(procurement, cut_note="ここで省略")
    assert "<script" not in (out / "reports" / "matrix.html").read_text(encoding="utf-8")
    assert "\x1b" not in (out / "reports" / "matrix.txt").read_text(encoding="utf-8")


def test_showing_never_changes_the_record(hostile: Path, run: Callable[..., Result], tmp_path: Path) -> None:
    before = _stored(hostile)
    for fmt in ("table", "markdown", "csv", "json", "html"):
        _ok(run("-C", str(hostile), "log", "--format", fmt, env=PLAIN_TERMINAL))
    _ok(run("-C", str(hostile), "report", str(tmp_path / "r")))
    assert _stored(hostile) == before
    assert ("chair", {"tool": "z", "criterion": "c2", "level": "a", "comment": MODERATION_COMMENT}) in before
    _ok(run("-C", str(hostile), "audit", "verify"))


# --- any document, in any format, whatever its text -------------------------------------------

NASTY = "[/x]\x1b[2J\x1b]8;;http://evil.example\x1b\\a\x1b]8;;\x1b\\\u202e|`<b>&#x202e;\r\x00\x7f\x85\u2028\ud800"


def _nasty_document() -> Document:
    cells = (CellView(Decimal("0.5"), NASTY, ("provisional",), (NASTY,)), CellView(None, NASTY, ("missing",)))
    view = MatrixView(
        title=NASTY,
        lang="en",
        tool_ids=("a", "b"),
        tool_names=(NASTY, "[red]B[/red]"),
        rows=(
            RowView("group", "g", NASTY, None, ()),
            RowView("criterion", "c", NASTY, Decimal(1), cells),
            RowView("subtotal", "g", NASTY, Decimal(1), cells),
            RowView("total", "total", NASTY, Decimal(1), cells),
        ),
        notes=(NASTY,),
    )
    table = Table(NASTY, (NASTY, "n", "levels"), ((NASTY, Figure(Decimal(1), "1"), Levels((NASTY, "4"))),), (NASTY,))
    return Document(
        kind="test",
        title=NASTY,
        lang="en",
        provenance=(NASTY,),
        sections=(Section(NASTY, (NASTY,), table, key="t", sheet=NASTY), Section(NASTY, (), None, view)),
        notes=(NASTY, "x" * 40_000),
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_any_text_in_any_format(fmt: str, tmp_path: Path) -> None:
    document = _nasty_document()
    data = write(document, fmt)
    assert document == _nasty_document()  # the document itself is never changed
    if fmt == "xlsx":
        (tmp_path / "d.xlsx").write_bytes(data)
        cells = _cells(tmp_path / "d.xlsx")
        for value in cells.values():
            _no_unsafe(value, "xlsx")
            assert len(value) <= CELL_TEXT_MAX
        assert any(v.startswith("xxxx") and "cut here" in v for v in cells.values())
        assert any("[/x]\\x1b[2J" in v for v in cells.values())
        return
    text = data.decode("utf-8-sig")
    _no_unsafe(text.replace("\r\n", "\n") if fmt == "csv" else text, fmt)  # CSV ends its rows with CR LF
    if fmt == "json":
        assert json.loads(text)["title"] == NASTY  # exact, as escapes
        return
    flat = re.sub(r"\s+", "", text) if fmt == "table" else text  # the terminal wraps long cells
    unescaped = flat.replace("\\\\", "\\").replace("\\]", "]").replace("\\[", "[")  # Markdown's escapes
    assert "\\x1b]8;;http://evil.example" in unescaped
    if fmt == "html":
        _check_html(text, fmt)
        assert "&lt;b&gt;" in text and "&amp;#x202e;" in text
    if fmt == "markdown":
        _check_markdown(text, fmt)
        assert "&amp;#x202e;" in text and "&lt;b>" in text
    if fmt == "table":
        assert "[/x]" in flat and "[red]B[/red]" in flat


def test_displayable() -> None:
    assert displayable("plain 日本語 [b]x[/b] <i> |\n\ttab") == "plain 日本語 [b]x[/b] <i> |\n\ttab"
    assert displayable("a\x1bb\x0b\r\x00\x7f\x9b") == "a\\x1bb\\x0b\\x0d\\x00\\x7f\\x9b"
    assert (
        displayable("\u202e\u2066\u200f\u061c\u2028\ud800\uffff") == "\\u202e\\u2066\\u200f\\u061c\\u2028\\ud800\\uffff"
    )
    assert displayable(displayable(NASTY)) == displayable(NASTY)  # idempotent
    _no_unsafe(displayable(NASTY), "displayable")


def test_a_folder_named_like_markup_is_printed_as_a_path(tmp_path: Path, run: Callable[..., Result]) -> None:
    """`[x]` in a path is text: rich would read it as markup (and `[/x]` would crash)."""
    folder = tmp_path / "[/x]demo"
    result = run("--lang", "en", "demo", str(folder))
    assert result.exit_code == 0, result.output
    assert f"toolbench -C {folder} audit verify" in result.stdout
