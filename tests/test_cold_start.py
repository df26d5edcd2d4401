"""Cold commands near the import floor: help without the command modules, kept documents, plan lookups.

`toolbench --help` lists the commands from a table of summaries instead of importing
every command module; `weights` and `fairness` keep the document they showed under the
same key as the matrix snapshot (code, plan, ledger head, language, options) and answer
from it without the plan models; the plan finds its entries by id through an index.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from toolbench import Workspace
from toolbench.base.messages.help import COMMANDS
from toolbench.cli import _COMMANDS, cli
from toolbench.cli._help import Localized
from toolbench.methods.hearings import Answers, Respondent
from toolbench.model.plan import MUST_SCALE
from toolbench.workspace import snapshot

# --- toolbench --help ------------------------------------------------------------------------------


def test_the_table_names_every_command_with_its_own_summary() -> None:
    assert sorted(COMMANDS) == sorted(_COMMANDS)
    ctx = click.Context(cli)
    for name in _COMMANDS:
        command = cli.get_command(ctx, name)
        assert command is not None
        # the table stands for the docstring alone: no short_help, no deprecation, nothing hidden
        assert (command.short_help, command.deprecated, command.hidden) == (None, False, False), name
        assert COMMANDS[name] == (command.help or "").partition("\n\n")[0], (
            f"toolbench/base/messages/help.py COMMANDS[{name!r}] is not the first paragraph of its docstring"
        )


def _help(lang: str, width: int) -> Result:
    return CliRunner().invoke(
        cli, ["--lang", lang, "--help"], prog_name="toolbench", terminal_width=width, env={"COLUMNS": None}
    )


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("width", [50, 80, 100, 140])
def test_help_from_the_table_equals_help_from_the_commands(
    lang: str, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every summary, cut to every width, in both languages: as the loaded commands give it."""
    from_table = _help(lang, width)
    monkeypatch.setattr(type(cli), "listed_commands", Localized.listed_commands)
    from_commands = _help(lang, width)
    assert from_table.exit_code == from_commands.exit_code == 0
    assert from_table.output == from_commands.output
    assert ("コマンド:" if lang == "ja" else "Commands:") in from_table.output


LOADED = """
import sys
from toolbench.cli import _COMMANDS, cli
try:
    cli(sys.argv[1:], prog_name="toolbench")
except SystemExit:
    pass
loaded = {name.rpartition(".")[2] for name in sys.modules if name.startswith("toolbench.cli.")}
print("command modules:", sorted(loaded & set(_COMMANDS.values())), file=sys.stderr)
print("models:", "pydantic.main" in sys.modules, file=sys.stderr)
"""


def _probe(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", LOADED, *args], capture_output=True, text=True, check=True)


@pytest.mark.parametrize("args", [["--help"], ["--lang", "ja", "--help"], []], ids=["en", "ja", "no-args"])
def test_top_level_help_imports_no_command_module(args: list[str]) -> None:
    probe = _probe(*args)
    assert "command modules: []" in probe.stderr
    assert "models: False" in probe.stderr
    assert "weights" in probe.stdout + probe.stderr  # without arguments click shows help on stderr


# --- kept documents: weights and fairness ---------------------------------------------------------------

KINDS = ["weights", "fairness"]


def kept_file(root: Path, kind: str, lang: str = "en") -> Path:
    return root / ".toolbench" / "cache" / f"{kind}-{lang}.json"


@pytest.fixture()
def report(run: Callable[..., Result]) -> Callable[..., Result]:
    """`report(root, kind, *args)`: `toolbench --lang en -C ROOT KIND ARGS` on a wide terminal."""

    def invoke(root: Path, kind: str, *args: str) -> Result:
        return run("--lang", "en", "-C", str(root), kind, *args, env={"COLUMNS": "160"})

    return invoke


def fresh(root: Path, kind: str, *args: str) -> str:
    """The document as a workspace without any kept document shows it (the cache folder emptied)."""
    for path in (root / ".toolbench" / "cache").glob("*"):
        path.unlink()
    result = CliRunner().invoke(cli, ["--lang", "en", "-C", str(root), kind, *args], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    for path in (root / ".toolbench" / "cache").glob("*"):
        path.unlink()
    return result.stdout


def never_computed(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, computing weights or the rater checks fails the test: they must come from what was kept."""

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("computed again")

    monkeypatch.setattr("toolbench.workspace.workspace.Workspace.weights", fail)
    monkeypatch.setattr("toolbench.methods.fairness.fairness_report", fail)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
def test_a_kept_document_is_shown_as_it_was_computed(
    demo: Workspace, kind: str, fmt: str, report: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = report(demo.root, kind, "--format", fmt)
    assert first.exit_code == 0, first.output
    assert kept_file(demo.root, kind).is_file()
    never_computed(monkeypatch)
    second = report(demo.root, kind, "--format", fmt)
    assert second.exit_code == 0, second.output
    assert second.stdout_bytes == first.stdout_bytes and second.stderr == first.stderr


def _masked(value: object) -> object:
    """A value with the time of day a document was made left out (HTML and XLSX show it to the minute)."""
    return re.sub(r"\b\d{1,2}:\d{2}\b", "HH:MM", value) if isinstance(value, str) else value


def _cells(path: Path) -> list[list[object]]:
    from openpyxl import load_workbook

    book = load_workbook(path)
    return [[_masked(cell.value) for cell in row] for sheet in book for row in sheet.iter_rows()]


@pytest.mark.parametrize("kind", KINDS)
def test_a_kept_document_is_written_to_a_file_as_it_was_computed(
    demo: Workspace, kind: str, report: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CSV, HTML and XLSX too (the time each was made aside)."""
    for suffix in ("csv", "html", "xlsx"):
        first, second = tmp_path / f"first.{suffix}", tmp_path / f"second.{suffix}"
        assert report(demo.root, kind, "-o", str(first)).exit_code == 0
        assert kept_file(demo.root, kind).is_file()
        with monkeypatch.context() as patch:
            never_computed(patch)
            assert report(demo.root, kind, "-o", str(second)).exit_code == 0
        if suffix == "xlsx":
            assert _cells(first) == _cells(second)
        elif suffix == "html":
            assert _masked(first.read_text(encoding="utf-8")) == _masked(second.read_text(encoding="utf-8"))
        else:
            assert first.read_bytes() == second.read_bytes()
        for path in (demo.root / ".toolbench" / "cache").glob("*"):
            path.unlink()


PROBE = """
import sys
from toolbench.cli import cli
try:
    cli(["-C", sys.argv[1], "--lang", "en", sys.argv[2], "--format", "json"], prog_name="toolbench")
except SystemExit:
    pass
print("models loaded:", "pydantic.main" in sys.modules, file=sys.stderr)
"""


@pytest.mark.parametrize("kind", KINDS)
def test_the_second_run_answers_without_the_plan_models(demo: Workspace, kind: str) -> None:
    runs = [
        subprocess.run([sys.executable, "-c", PROBE, str(demo.root), kind], capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    assert "models loaded: True" in runs[0].stderr
    assert "models loaded: False" in runs[1].stderr
    assert runs[0].stdout == runs[1].stdout and json.loads(runs[1].stdout)


@pytest.mark.parametrize("kind", KINDS)
def test_a_new_event_is_shown_at_once(demo: Workspace, kind: str, report: Callable[..., Result]) -> None:
    """A score (fairness) or a hearing (weights) after the document was kept: computed afresh and shown."""
    before = report(demo.root, kind, "--format", "json").stdout
    if kind == "weights":
        criteria = [c.id for c in demo.plan.weighted_criteria()]
        late = Respondent(id="late-1", department="tax", group="staff", weight=Decimal(40))
        demo.record_hearing(late, Answers(method="ratings", ratings={c: 1 for c in criteria}), actor="t")
    else:
        demo.record_scores("formeye", "ishii", {"support": "1"}, actor="t", reason="re-read")
    after = report(demo.root, kind, "--format", "json").stdout
    assert after != before
    assert after == fresh(demo.root, kind, "--format", "json")


@pytest.mark.parametrize("kind", KINDS)
def test_any_new_event_moves_the_anchor(demo: Workspace, kind: str, report: Callable[..., Result]) -> None:
    """Even an event that changes no figure: the document names the ledger head it was made from."""
    report(demo.root, kind, "--format", "markdown")
    demo.record_scores("formeye", "ishii", {"support": "2"}, actor="t", reason="re-read")
    head = demo.ledger.head()
    assert head is not None
    shown = report(demo.root, kind, "--format", "markdown").stdout
    assert f"#{head.seq} {head.hash[:12]}" in shown


def test_options_are_part_of_the_key(demo: Workspace, report: Callable[..., Result]) -> None:
    plain = report(demo.root, "fairness", "--format", "json").stdout
    wider = report(demo.root, "fairness", "--format", "json", "--share", "0.1").stdout
    assert wider != plain and json.loads(wider)["divergence_share"] == "0.1"
    assert wider == fresh(demo.root, "fairness", "--format", "json", "--share", "0.1")


@pytest.mark.parametrize("kind", KINDS)
def test_an_edited_document_is_not_believed(demo: Workspace, kind: str, report: Callable[..., Result]) -> None:
    """Someone changes a figure in the kept file and keeps its key and MAC: the ledger decides."""
    expected = report(demo.root, kind, "--format", "markdown").stdout
    path = kept_file(demo.root, kind)
    text = path.read_text(encoding="utf-8")
    stored = json.loads(text)
    assert set(stored) == {"mac", "key", "document", "names"}
    edited = text.replace('"title": "', '"title": "Edited ', 1)
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    result = report(demo.root, kind, "--format", "markdown")
    assert result.exit_code == 0 and result.stdout == expected and "Edited" not in result.stdout


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("garbage", ["", "{", '{"mac": "x"}', "[]", "null", '{"mac": "' + "0" * 64 + '", "key": 1}'])
def test_an_unreadable_document_is_ignored(
    demo: Workspace, kind: str, garbage: str, report: Callable[..., Result]
) -> None:
    expected = report(demo.root, kind, "--format", "markdown").stdout
    kept_file(demo.root, kind).write_text(garbage, encoding="utf-8")
    result = report(demo.root, kind, "--format", "markdown")
    assert result.exit_code == 0 and result.stdout == expected


def test_nothing_is_kept_while_blind(demo: Workspace, report: Callable[..., Result]) -> None:
    (demo.root / ".toolbench" / snapshot.BLIND_FILE).write_text("{}", encoding="utf-8")
    assert snapshot.lookup_document(str(demo.root), "en", "fairness", ()) is None
    (demo.root / ".toolbench" / snapshot.BLIND_FILE).unlink()
    report(demo.root, "weights")
    assert kept_file(demo.root, "weights").is_file()
    (demo.root / ".toolbench" / snapshot.BLIND_FILE).write_text("{}", encoding="utf-8")
    assert snapshot.lookup_document(str(demo.root), "en", "weights", ()) is None


def test_a_broken_chain_is_refused_even_with_a_kept_document(demo: Workspace, report: Callable[..., Result]) -> None:
    import sqlite3

    assert report(demo.root, "weights").exit_code == 0
    demo.close()
    db = sqlite3.connect(demo.root / ".toolbench" / "ledger.sqlite")
    db.execute("DROP TRIGGER events_no_update")
    assert db.execute("UPDATE events SET actor = 'someone else' WHERE seq = 3").rowcount == 1
    db.commit()
    db.close()
    result = report(demo.root, "weights")
    assert result.exit_code == 1 and "breaks at event 3" in result.stderr


# --- the stored record: an HMAC over the bytes as stored -----------------------------------------------------


def test_a_record_is_believed_only_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "record.json"
    body = {"key": "k", "figures": [1, 2.5, "七"], "nested": {"a": None}}
    snapshot.write_record(path, body)
    assert snapshot.read_record(path, "k") == body
    assert snapshot.read_record(path, "other") is None
    stored = path.read_bytes()
    assert json.loads(stored)["mac"] and stored.startswith(b'{"mac": "')
    # the same content written another way is other bytes: not believed
    path.write_text(json.dumps(json.loads(stored), ensure_ascii=True), encoding="utf-8")
    assert snapshot.read_record(path, "k") is None
    path.write_bytes(stored.replace(b"2.5", b"3.5"))
    assert snapshot.read_record(path, "k") is None
    path.write_bytes(stored)
    assert snapshot.read_record(path, "k") == body


def test_a_record_needs_this_users_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "record.json"
    snapshot.write_record(path, {"key": "k", "x": 1})
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "someone-else"))
    assert snapshot.read_record(path, "k") is None


def test_documents_keep_their_exact_values(demo: Workspace) -> None:
    """Fractions stay fractions, decimals keep their digits, tuples stay tuples."""
    from fractions import Fraction

    from toolbench.documents.model import Document, Figure, Levels, Section, Table

    table = Table(
        "t",
        ("a", "b"),
        ((Figure(Fraction(1, 3), "0.33", "0.00"), Decimal("1.50")), (Levels(("4", "x")), None), ("§", 7)),
    )
    document = Document(
        kind="weights",
        title="w",
        lang="en",
        sections=(Section("s", ("one",), table, key="k"),),
        data={"§": [1, (2, 3)], "exact": "1/3", "n": float("inf")},
    )
    kept = snapshot.Kept(document, ("name",))
    snapshot.store_document(demo.root, "p", 1, "h", "weights", (), kept)
    stored = json.loads(kept_file(demo.root, "weights").read_text(encoding="utf-8"))
    back = snapshot._decode(stored["document"])
    assert back == document and back.data == document.data
    value = back.sections[0].table.rows[0][0].value
    assert type(value) is Fraction and type(back.sections[0].table.rows[0][1]) is Decimal
    assert str(back.sections[0].table.rows[0][1]) == "1.50"


# --- the plan: entries by id ----------------------------------------------------------------------------------


def test_lookups_by_id_find_what_a_search_in_order_finds(demo: Workspace) -> None:
    plan = demo.plan
    for items, find in (
        (plan.tools, plan.tool),
        (plan.evaluators, plan.evaluator),
        (plan.criteria, plan.criterion),
        (plan.departments, plan.department),
        (plan.trial_phases, plan.phase),
    ):
        assert items
        for item in items:
            assert find(item.id) is item
        assert find("no-such-id") is None
    for criterion in plan.criteria:
        expected = plan.scales.get(criterion.scale) if criterion.scale else None
        assert plan.scale_of(criterion) == (MUST_SCALE if criterion.kind == "must" else expected)


def test_the_index_changes_nothing_a_plan_is(demo: Workspace) -> None:
    """Equal plans stay equal, dumped alike and shown alike, whether or not one was looked up."""
    plan = demo.plan
    other = Workspace.open(demo.root)
    try:
        assert plan.tool(plan.tools[0].id) is not None
        assert plan == other.plan and other.plan == plan
        assert plan.model_dump() == other.plan.model_dump()
        assert repr(plan) == repr(other.plan)
    finally:
        other.close()


def test_a_copy_with_other_entries_is_looked_up_afresh(demo: Workspace) -> None:
    plan = demo.plan
    first, second = plan.tools[0], plan.tools[1]
    assert plan.tool(second.id) is second
    fewer = plan.model_copy(update={"tools": (first,)})
    assert fewer.tool(second.id) is None and fewer.tool(first.id) is first
    twice = plan.model_copy(update={"tools": (first, first.model_copy(update={"vendor": "another"}))})
    assert twice.tool(first.id) is first  # the first of an id wins, as a search in order finds it
    assert plan.tool(second.id) is second


# --- robustness: kept like weights and fairness (drawing its table is the slow part) ----------------


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_kept_robustness_is_shown_as_it_was_computed(
    demo: Workspace, fmt: str, report: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = report(demo.root, "robustness", "--format", fmt, "--samples", "500")
    assert first.exit_code == 0, first.output
    assert kept_file(demo.root, "robustness").is_file()

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("computed again")

    monkeypatch.setattr("toolbench.methods.robustness.analyse", fail)
    second = report(demo.root, "robustness", "--format", fmt, "--samples", "500")
    assert second.exit_code == 0, second.output
    assert second.stdout == first.stdout


def test_robustness_options_and_new_events_are_part_of_the_key(demo: Workspace, report: Callable[..., Result]) -> None:
    seven = report(demo.root, "robustness", "--format", "json", "--samples", "500", "--seed", "7").stdout
    eight = report(demo.root, "robustness", "--format", "json", "--samples", "500", "--seed", "8").stdout
    assert json.loads(seven)["smaa"]["seed"] == 7 and json.loads(eight)["smaa"]["seed"] == 8
    demo.record_scores("formeye", "ishii", {"support": "1"}, actor="t", reason="re-read")
    after = report(demo.root, "robustness", "--format", "json", "--samples", "500", "--seed", "7").stdout
    assert after == fresh(demo.root, "robustness", "--format", "json", "--samples", "500", "--seed", "7")
    assert json.loads(after)["ledger_head"] != json.loads(seven)["ledger_head"]


# --- audit verify reads the ledger alone; log keeps what it showed ---------------------------------


def test_audit_verify_needs_no_plan_models(demo: Workspace) -> None:
    probe = (
        "import sys\nfrom toolbench.cli import cli\n"
        "try:\n    cli(['-C', sys.argv[1], '--lang', 'en', 'audit', 'verify'], prog_name='toolbench')\n"
        "except SystemExit as exit:\n    code = exit.code\n"
        "print('models loaded:', 'pydantic.main' in sys.modules, code, file=sys.stderr)\n"
    )
    run = subprocess.run([sys.executable, "-c", probe, str(demo.root)], capture_output=True, text=True)
    assert "models loaded: False 0" in run.stderr, run.stderr
    assert f"{len(list(demo.ledger.events()))} event" in run.stdout


def test_audit_verify_checks_the_chain_whatever_the_plan_says(demo: Workspace, run: Callable[..., Result]) -> None:
    """An auditor can verify a ledger beside a plan that no longer validates; a broken chain still fails."""
    plan = demo.root / "toolbench.toml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("points = ", "points = -", 1), encoding="utf-8")
    assert run("--lang", "en", "-C", str(demo.root), "matrix").exit_code == 1  # the plan's problem, for a report
    ok = run("--lang", "en", "-C", str(demo.root), "audit", "verify")
    assert ok.exit_code == 0, ok.output
    db = sqlite3.connect(demo.root / ".toolbench" / "ledger.sqlite", isolation_level=None)
    db.execute("DROP TRIGGER events_no_update")
    seq = db.execute("SELECT min(seq) FROM events WHERE kind = 'score.recorded'").fetchone()[0]
    db.execute('UPDATE events SET payload = replace(payload, \'"level":"\', \'"level":"9\') WHERE seq = ?', (seq,))
    db.close()
    broken = run("--lang", "en", "-C", str(demo.root), "audit", "verify")
    assert broken.exit_code == 1 and f"event {seq}" in broken.stderr, broken.output


def test_the_log_is_kept_and_a_new_event_shows_at_once(
    demo: Workspace, report: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = report(demo.root, "log", "--format", "markdown", "--kind", "score")
    assert first.exit_code == 0 and kept_file(demo.root, "log").is_file()

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("computed again")

    monkeypatch.setattr("toolbench.cli.ledger.log_document", fail)
    assert report(demo.root, "log", "--format", "markdown", "--kind", "score").stdout == first.stdout
    monkeypatch.undo()
    demo.record_scores("formeye", "ishii", {"support": "1"}, actor="t", reason="re-read")
    after = report(demo.root, "log", "--format", "markdown", "--kind", "score").stdout
    assert after != first.stdout and "re-read" in after
    assert after == fresh(demo.root, "log", "--format", "markdown", "--kind", "score")


def test_the_hearing_list_is_kept_and_a_new_hearing_shows_at_once(
    demo: Workspace, report: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = report(demo.root, "hearing", "list", "--format", "csv")
    assert first.exit_code == 0 and kept_file(demo.root, "hearings").is_file()

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("computed again")

    monkeypatch.setattr("toolbench.documents.weights.hearing_list_document", fail)
    assert report(demo.root, "hearing", "list", "--format", "csv").stdout == first.stdout
    monkeypatch.undo()
    criteria = [c.id for c in demo.plan.weighted_criteria()]
    late = Respondent(id="late-1", department="tax", group="staff", weight=Decimal(40))
    demo.record_hearing(late, Answers(method="ratings", ratings={c: 1 for c in criteria}), actor="t")
    after = report(demo.root, "hearing", "list", "--format", "csv").stdout
    assert "late-1" in after and "late-1" not in first.stdout
    assert after == fresh(demo.root, "hearing", "list", "--format", "csv")
