"""The matrix snapshot cache: used when nothing changed, never when anything did."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from toolbench import Workspace, render
from toolbench.workspace.snapshot import snapshot_key


@pytest.fixture()
def matrix(run: Callable[..., Result]) -> Callable[..., Result]:
    """`matrix(root, *args, lang="en")`: the matrix command, through the shared `run` of conftest.py."""

    def invoke(root: Path, *args: str, lang: str = "en") -> Result:
        return run("--lang", lang, "-C", str(root), "matrix", *args)

    return invoke


def cache_file(root: Path, lang: str = "en") -> Path:
    return root / ".toolbench" / "cache" / f"matrix-{lang}.json"


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
def test_cached_output_equals_a_fresh_computation(demo: Workspace, fmt: str, matrix: Callable[..., Result]) -> None:
    """First run computes and stores, second run reads the snapshot: same bytes as render()."""
    first = matrix(demo.root, "--format", fmt)
    assert first.exit_code == 0, first.output
    assert cache_file(demo.root).is_file()
    second = matrix(demo.root, "--format", fmt)
    assert second.stdout_bytes == first.stdout_bytes
    if fmt != "table":
        expected = render(demo.evaluate(), fmt, "en")
        assert second.stdout_bytes.decode("utf-8").lstrip("\ufeff") == expected


PROBE = """
import sys
from toolbench.cli import cli
try:
    cli(["-C", sys.argv[1], "--lang", "en", "matrix", "--format", "json"], prog_name="toolbench")
except SystemExit:
    pass
print("models loaded:", "pydantic.main" in sys.modules, file=sys.stderr)
"""


def test_snapshot_is_used_when_nothing_changed(fixed_demo: Workspace) -> None:
    """The second run answers from the snapshot: the plan models (pydantic) are never loaded."""
    import subprocess
    import sys

    runs = [
        subprocess.run([sys.executable, "-c", PROBE, str(fixed_demo.root)], capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    assert "models loaded: True" in runs[0].stderr
    assert "models loaded: False" in runs[1].stderr
    assert runs[0].stdout == runs[1].stdout and json.loads(runs[1].stdout)["tools"][2]["total"] == 76.25


def test_an_edited_snapshot_is_not_believed(demo: Workspace, matrix: Callable[..., Result]) -> None:
    """Someone edits the stored figures but keeps the key: the HMAC fails and the ledger decides."""
    expected = render(demo.evaluate(), "markdown", "en")
    matrix(demo.root, "--format", "markdown")
    path = cache_file(demo.root)
    stored = json.loads(path.read_text(encoding="utf-8"))
    total_row = next(r for r in stored["view"]["rows"] if r["kind"] == "total")
    total_row["cells"][0][0] = "99.99"
    stored["data"]["tools"][0]["total"] = 99.99
    path.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
    result = matrix(demo.root, "--format", "markdown")
    assert result.stdout == expected and "99.99" not in result.stdout


def test_a_new_score_invalidates(fixed_demo: Workspace, matrix: Callable[..., Result]) -> None:
    """After another score the matrix is recomputed and shows it."""
    matrix(fixed_demo.root, "--format", "json")
    fixed_demo.record_scores("formeye", "ishii", {"support": "2"}, actor="t", reason="re-read")
    result = matrix(fixed_demo.root, "--format", "json")
    data = json.loads(result.stdout)
    formeye = next(t for t in data["tools"] if t["id"] == "formeye")
    support = next(c for c in formeye["cells"] if c["criterion"] == "support")
    # Aoki 4 and Ishii now 2 → (0.75 + 0.25) / 2 × 10 = 5
    assert support["points"] == 5.0 and data["ledger_head"]["seq"] == len(list(fixed_demo.ledger.events()))


def test_a_plan_edit_invalidates(fixed_demo: Workspace, matrix: Callable[..., Result]) -> None:
    """Changing the plan's content (a ratio) gives a different matrix at once."""
    matrix(fixed_demo.root, "--format", "markdown")
    plan = fixed_demo.root / "toolbench.toml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("B = 0.6", "B = 0.5"), encoding="utf-8")
    result = matrix(fixed_demo.root, "--format", "json")
    kami = next(t for t in json.loads(result.stdout)["tools"] if t["id"] == "kamiscan")
    certification = next(c for c in kami["cells"] if c["criterion"] == "security-certification")
    assert certification["points"] == 5.0  # B now 0.50 × 10


def test_a_broken_plan_is_reported_not_served_from_cache(demo: Workspace, matrix: Callable[..., Result]) -> None:
    matrix(demo.root)
    plan = demo.root / "toolbench.toml"
    plan.write_text(plan.read_text(encoding="utf-8") + "\n[unknown_table]\nx = 1\n", encoding="utf-8")
    result = matrix(demo.root)
    assert result.exit_code == 1 and "unknown_table: unknown key" in result.stderr


def test_a_tampered_ledger_is_refused_even_with_a_snapshot(demo: Workspace, matrix: Callable[..., Result]) -> None:
    """The chain is verified on every run, cached or not."""
    assert matrix(demo.root).exit_code == 0
    demo.close()
    db = sqlite3.connect(demo.root / ".toolbench" / "ledger.sqlite")
    db.execute("DROP TRIGGER events_no_update")
    assert db.execute("UPDATE events SET actor = 'someone else' WHERE seq = 3").rowcount == 1
    db.commit()
    db.close()
    result = matrix(demo.root)
    assert result.exit_code == 1 and "breaks at event 3" in result.stderr


@pytest.mark.parametrize("garbage", ["", "{", '{"key": 1}', "[]", '{"key": "x", "view": 3}', "null"])
def test_an_unreadable_snapshot_is_ignored(demo: Workspace, garbage: str, matrix: Callable[..., Result]) -> None:
    expected = render(demo.evaluate(), "markdown", "en")
    matrix(demo.root, "--format", "markdown")
    cache_file(demo.root).write_text(garbage, encoding="utf-8")
    result = matrix(demo.root, "--format", "markdown")
    assert result.exit_code == 0 and result.stdout == expected


def test_languages_are_cached_apart(demo: Workspace, matrix: Callable[..., Result]) -> None:
    assert "合計" in matrix(demo.root, lang="ja").stdout
    assert "Total" in matrix(demo.root, lang="en").stdout
    assert "合計" in matrix(demo.root, lang="ja").stdout


def test_key_depends_on_every_input() -> None:
    base = ("a" * 64, 5, "b" * 64, "ja")
    keys = {
        snapshot_key(*base),  # type: ignore[arg-type]
        snapshot_key("c" * 64, 5, "b" * 64, "ja"),
        snapshot_key("a" * 64, 6, "b" * 64, "ja"),
        snapshot_key("a" * 64, 5, "d" * 64, "ja"),
        snapshot_key("a" * 64, 5, "b" * 64, "en"),
    }
    assert len(keys) == 5


# --- the matrix as printed: kept per terminal, under the matrix's key -----------------------


def printed_files(root: Path) -> list[Path]:
    return sorted((root / ".toolbench" / "cache").glob("printed-*.json"))


def test_the_printed_table_is_kept_and_shown_again_unchanged(demo: Workspace, matrix: Callable[..., Result]) -> None:
    first = matrix(demo.root)
    assert first.exit_code == 0 and len(printed_files(demo.root)) == 1
    second = matrix(demo.root)  # from the text kept for this terminal
    assert second.stdout_bytes == first.stdout_bytes
    (demo.root / ".toolbench" / "cache" / "matrix-en.json").unlink()
    printed_files(demo.root)[0].unlink()
    assert matrix(demo.root).stdout_bytes == first.stdout_bytes  # drawn afresh: the same


def test_an_edited_printed_table_is_not_believed(demo: Workspace, matrix: Callable[..., Result]) -> None:
    expected = matrix(demo.root).stdout
    kept = printed_files(demo.root)[0]
    stored = kept.read_text(encoding="utf-8")
    total = next(line for line in expected.splitlines() if "Total" in line)
    edited = total.replace(total.split()[-1], "99.99")
    kept.write_text(stored.replace(json.dumps(total)[1:-1], json.dumps(edited)[1:-1]), encoding="utf-8")
    assert kept.read_text(encoding="utf-8") != stored  # the figure was edited in place
    result = matrix(demo.root)
    assert result.stdout == expected and "99.99" not in result.stdout


def test_a_new_score_draws_the_table_again_and_drops_the_old_text(
    fixed_demo: Workspace, matrix: Callable[..., Result]
) -> None:
    before = matrix(fixed_demo.root).stdout
    old = printed_files(fixed_demo.root)
    fixed_demo.record_scores("formeye", "ishii", {"support": "2"}, actor="t", reason="re-read")
    after = matrix(fixed_demo.root).stdout
    assert after != before
    assert old and not old[0].exists() and len(printed_files(fixed_demo.root)) == 1


# --- per-score detail in the JSON: listed up to DETAIL_LIMIT events, or when asked for ------------


def _without_scores(data: dict[str, object]) -> dict[str, object]:
    out = json.loads(json.dumps(data))
    out.pop("detail", None)
    for tool in out["tools"]:
        for cell in tool["cells"]:
            cell["scores"] = []
    return out


def test_json_lists_every_score_on_a_small_ledger_and_leaves_them_out_when_told(
    demo: Workspace, matrix: Callable[..., Result]
) -> None:
    full = json.loads(matrix(demo.root, "--format", "json").stdout)
    assert "detail" not in full and sum(len(c["scores"]) for t in full["tools"] for c in t["cells"]) > 0
    short = json.loads(matrix(demo.root, "--format", "json", "--no-detail").stdout)
    assert short["detail"] is False
    assert all(c["scores"] == [] for t in short["tools"] for c in t["cells"])
    assert _without_scores(full) == _without_scores(short)  # every figure the same


def test_a_large_ledger_lists_scores_only_when_asked(
    demo: Workspace, matrix: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    import jsonschema

    monkeypatch.setattr("toolbench.cli.reports.DETAIL_LIMIT", 10)  # the demo's 78 events are then "large"
    short = json.loads(matrix(demo.root, "--format", "json").stdout)
    assert short["detail"] is False and all(c["scores"] == [] for t in short["tools"] for c in t["cells"])
    full = json.loads(matrix(demo.root, "--format", "json", "--detail").stdout)
    assert "detail" not in full and any(c["scores"] for t in full["tools"] for c in t["cells"])
    assert _without_scores(full) == _without_scores(short)
    schema = json.loads((Path(__file__).parents[1] / "docs" / "matrix.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(short, schema)
    jsonschema.validate(full, schema)
    again = json.loads(matrix(demo.root, "--format", "json").stdout)  # from the snapshot: still without
    assert again == short
