"""Findings of the code review, each pinned by a test: lost ledgers, permissions,
read-only copies, exact points, missing subtotals, narrow terminals, plan cross-checks."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from rich.cells import cell_len

from tests.conftest import SMALL_PLAN
from toolbench import LedgerCorrupt, LedgerError, PlanError, Workspace, WorkspaceError, render
from toolbench.documents.matrix import matrix_document, matrix_view
from toolbench.model.plan import load_plan
from toolbench.renderers.writers import write
from toolbench.store.ledger import SQLiteLedger

# --- the ledger is never silently replaced -----------------------------------------------


def test_a_deleted_ledger_is_not_silently_recreated(demo: Workspace, run: Callable[..., Result]) -> None:
    demo.close()
    (demo.root / ".toolbench" / "ledger.sqlite").unlink()
    result = run("--lang", "en", "-C", str(demo.root), "matrix")
    assert result.exit_code == 1 and "no ledger at" in result.stderr and "--existing-plan" in result.stderr
    assert not (demo.root / ".toolbench" / "ledger.sqlite").exists()
    started = run("--lang", "en", "init", str(demo.root), "--existing-plan")
    assert started.exit_code == 0, started.output
    assert run("-C", str(demo.root), "audit", "verify").exit_code == 0


def test_init_refuses_to_adopt_a_leftover_ledger(demo: Workspace, run: Callable[..., Result]) -> None:
    """A new plan over an old .toolbench/ with events would bring old scores back."""
    demo.close()
    (demo.root / "toolbench.toml").unlink()
    result = run("--lang", "en", "init", str(demo.root))
    assert result.exit_code == 1 and "already holds a ledger with 78 event(s)" in result.stderr
    assert not (demo.root / "toolbench.toml").exists()


def test_state_folder_that_is_a_file(tmp_path: Path, run: Callable[..., Result]) -> None:
    (tmp_path / "toolbench.toml").write_text(SMALL_PLAN.format(rounding="half_up", decimals=2), encoding="utf-8")
    (tmp_path / ".toolbench").write_text("not a folder", encoding="utf-8")
    result = run("--lang", "en", "-C", str(tmp_path), "matrix")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1
    init = run("--lang", "en", "init", str(tmp_path), "--existing-plan")
    assert init.exit_code == 1 and "cannot write" in init.stderr


def test_damaged_bookkeeping_is_corruption_not_a_traceback(demo: Workspace) -> None:
    demo.close()
    db = sqlite3.connect(demo.root / ".toolbench" / "ledger.sqlite")
    db.execute("UPDATE meta SET value = 'many' WHERE key = 'version'")
    db.commit()
    db.close()
    with pytest.raises(LedgerCorrupt):
        Workspace.open(demo.root)


# --- files others can read ------------------------------------------------------------------


def test_written_files_follow_the_umask(tmp_path: Path, run: Callable[..., Result]) -> None:
    """The plan and reports are readable by colleagues (0644 under umask 022), not private 0600."""
    old = os.umask(0o022)
    try:
        with Workspace.init(tmp_path / "w") as ws:
            plan_mode = stat.S_IMODE((ws.root / "toolbench.toml").stat().st_mode)
        out = tmp_path / "m.csv"
        assert run("-C", str(tmp_path / "w"), "matrix", "--format", "csv", "-o", str(out)).exit_code == 0
        report_mode = stat.S_IMODE(out.stat().st_mode)
        out.chmod(0o640)
        assert run("-C", str(tmp_path / "w"), "matrix", "--format", "csv", "-o", str(out)).exit_code == 0
        kept_mode = stat.S_IMODE(out.stat().st_mode)
    finally:
        os.umask(old)
    assert (plan_mode, report_mode, kept_mode) == (0o644, 0o644, 0o640)


# --- read-only copies (an auditor's archive) ------------------------------------------------


def test_read_only_open_changes_nothing_and_refuses_appends(demo: Workspace) -> None:
    demo.close()
    path = demo.root / ".toolbench" / "ledger.sqlite"
    before = {p.name: p.read_bytes() for p in path.parent.iterdir() if p.is_file()}
    with SQLiteLedger(path, read_only=True) as ledger:
        assert ledger.verify().ok and ledger.verify().count == 78
        with pytest.raises(LedgerError) as refused:
            ledger.append("x", {}, actor="a", plan_hash="0" * 64)
        assert "read-only" in refused.value.message("en")
    after = {p.name: p.read_bytes() for p in path.parent.iterdir() if p.is_file()}
    assert after == before


def test_read_only_refuses_a_ledger_with_pending_wal(tmp_path: Path) -> None:
    """Reading without the -wal file would miss its events: refuse rather than show less."""
    path = tmp_path / "ledger.sqlite"
    writer = SQLiteLedger(path, create=True)
    writer._db.execute("PRAGMA wal_autocheckpoint = 0")  # keep the events in the WAL
    writer.append("x", {"n": 1}, actor="a", plan_hash="0" * 64)
    try:
        assert path.with_name("ledger.sqlite-wal").stat().st_size > 0
        with pytest.raises(LedgerError) as refused:
            SQLiteLedger(path, read_only=True)
        assert "-wal" in refused.value.message("en")
    finally:
        writer.close()


def test_an_unwritable_folder_is_read_as_a_read_only_copy(demo: Workspace, run: Callable[..., Result]) -> None:
    """As a user without write access, matrix and audit verify still work (skipped as root)."""
    if os.geteuid() == 0:
        pytest.skip("root can write everywhere; the read-only fallback cannot be provoked")
    demo.close()
    folder = demo.root / ".toolbench"
    folder.chmod(0o555)
    try:
        assert run("-C", str(demo.root), "audit", "verify").exit_code == 0
    finally:
        folder.chmod(0o755)


# --- exact points and no silent zeros --------------------------------------------------------


def test_fractional_points_are_shown_as_written(small: Workspace) -> None:
    plan_file = small.root / "toolbench.toml"
    text = plan_file.read_text(encoding="utf-8").replace("points = 1\n", "points = 12.5\n", 1)
    plan_file.write_text(text, encoding="utf-8")
    reopened = Workspace.open(small.root)
    try:
        reopened.record_scores("x", "e1", {"c1": "c", "c2": "c"}, actor="t")
        markdown = render(reopened.evaluate(), "markdown", "en")
        csv_text = render(reopened.evaluate(), "csv", "en")
    finally:
        reopened.close()
    assert "| C1 | 12.5 |" in markdown and "| **Total** | 13.5 |" in markdown
    assert ",c1,C1,12.5," in csv_text


def test_unscored_groups_and_tools_are_missing_not_zero(small: Workspace) -> None:
    small.record_scores("x", "e1", {"c1": "a"}, actor="t")
    data = json.loads(render(small.evaluate(), "json", "en"))
    y = next(t for t in data["tools"] if t["id"] == "y")
    assert y["total"] is None and y["total_exact"] is None and y["subtotals"] == {"g": None}
    view = matrix_view(small.evaluate(), "en")
    subtotal = next(r for r in view.rows if r.kind == "subtotal")
    assert subtotal.cells[1].value is None and subtotal.cells[1].flags == ("missing",)


# --- narrow terminals ---------------------------------------------------------------------


@pytest.mark.parametrize("width", [50, 60, 80, 100, 150, 200])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_no_figure_is_cut_at_any_width(fixed_demo: Workspace, width: int, lang: str) -> None:
    """Six tools: every total and rank appears whole, and no line is wider than the terminal."""
    fixed_demo.close()
    plan_file = fixed_demo.root / "toolbench.toml"
    extra = "".join(
        f'\n[[tools]]\nid = "t{n}"\nname = "{name}"\nvendor = "X"\n'
        for n, name in ((4, "Fourth Very Long Product Name"), (5, "Fifth"), (6, "六番目の製品"))
    )
    plan_file.write_text(plan_file.read_text(encoding="utf-8") + extra, encoding="utf-8")
    with Workspace.open(fixed_demo.root) as ws:
        for tool in ("t4", "t5", "t6"):
            ws.record_scores(tool, "aoki", {"accuracy": "5", "ease-of-use": "4"}, actor="t")
        text = write(matrix_document(matrix_view(ws.evaluate(), lang)), "table", width=width).decode()  # type: ignore[arg-type]
    assert max(cell_len(line) for line in text.splitlines()) <= width
    for figure in ("58.33", "58.50", "61.25"):
        assert text.count(figure) == 1, figure
    assert text.count("35.00*") == 3 and text.count("4*") == 3


# --- plan cross-checks ------------------------------------------------------------------------


def test_a_declared_but_broken_scale_is_not_called_unknown(tmp_path: Path) -> None:
    path = tmp_path / "toolbench.toml"
    text = SMALL_PLAN.format(rounding="half_up", decimals=2).replace(
        "ratios = { a = 0.1, b = 0.2, c = 0.3, d = 0.0 }", 'ratios = { a = 0.1, b = "high" }'
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as error:
        load_plan(path)
    keys = [(p.path, p.key) for p in error.value.problems]
    assert keys == [("scales.abcd.ratios.b", "pv.decimal_parsing")]


def test_references_of_a_broken_criterion_are_still_checked(tmp_path: Path) -> None:
    path = tmp_path / "toolbench.toml"
    text = SMALL_PLAN.format(rounding="half_up", decimals=2).replace(
        'id = "c2"\nname = "C2"\ngroup = "g"', 'id = "c2"\nname = { fr = "C2" }\ngroup = "nope"'
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as error:
        load_plan(path)
    keys = {(p.path, p.key) for p in error.value.problems}
    assert keys == {("criteria[1].name.fr", "plan.unknown_key"), ("criteria[1].group", "plan.unknown_group")}


def test_no_workspace_error_for_missing_plan_folder(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError):
        Workspace.open(tmp_path / "nowhere")
