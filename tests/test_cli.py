"""The command line: thin over the library, one-line errors, exit codes 0/1/2."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from toolbench import Workspace


def add_people(root: Path) -> None:
    """Append two tools and two evaluators to an initialised plan, as a user would."""
    with (root / "toolbench.toml").open("a", encoding="utf-8") as plan:
        plan.write(
            '\n[[tools]]\nid = "ocr-a"\nname = "OCR A"\nvendor = "A社"\n'
            '\n[[tools]]\nid = "ocr-b"\nname = "OCR B"\nvendor = "B社"\n'
            '\n[[evaluators]]\nid = "e1"\nname = "委員1"\n'
            '\n[[evaluators]]\nid = "e2"\nname = "委員2"\n'
        )


def test_init_score_matrix_round_trip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Callable[..., Result]
) -> None:
    """init → edit plan → score from a subfolder (found by walking up) → matrix JSON."""
    root = tmp_path / "eval"
    result = run("--lang", "en", "init", str(root), "--rubric", "ai-ocr")
    assert result.exit_code == 0, result.output
    assert "Created" in result.stdout
    add_people(root)
    sub = root / "notes"
    sub.mkdir()
    with monkeypatch.context() as here:
        here.chdir(sub)
        result = run("score", "ocr-a", "--evaluator", "e1", "accuracy=5", "ease-of-use=3", "--actor", "clerk")
    assert result.exit_code == 0, result.output
    result = run("-C", str(root), "score", "ocr-a", "-e", "e2", "accuracy=4", "--actor", "clerk")
    assert result.exit_code == 0, result.output
    result = run("-C", str(root), "matrix", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    ocr_a = next(t for t in data["tools"] if t["id"] == "ocr-a")
    # accuracy (1.00 + 0.75) / 2 × 10 = 8.75; ease of use 0.5 × 20 = 10
    assert ocr_a["total"] == 18.75 and ocr_a["rank"] == 1 and ocr_a["provisional"] is True
    ocr_b = next(t for t in data["tools"] if t["id"] == "ocr-b")
    assert ocr_b["rank"] is None
    assert {s["actor"] for c in ocr_a["cells"] for s in c["scores"]} == {"clerk"}


def test_init_refuses_existing_plan(tmp_path: Path, run: Callable[..., Result]) -> None:
    (tmp_path / "toolbench.toml").write_text("# mine\n", encoding="utf-8")
    result = run("--lang", "en", "init", str(tmp_path))
    assert result.exit_code == 1
    assert "already holds a toolbench plan" in result.stderr
    assert (tmp_path / "toolbench.toml").read_text(encoding="utf-8") == "# mine\n"


def test_no_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Callable[..., Result]) -> None:
    """Outside any workspace: exit 1, one line naming the folder and the fix."""
    with monkeypatch.context() as here:
        here.chdir(tmp_path)
        result = run("--lang", "en", "matrix")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(tmp_path.resolve()) in lines[0] and "toolbench init" in lines[0]
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["score", "kamiscan", "-e", "aoki", "accuracy=6"], "'6' is not on the scale 1–5"),
        (["score", "kamiscan", "-e", "aoki", "security-certification=D"], "not on the scale A/B/C"),
        (["score", "nope", "-e", "aoki", "accuracy=4"], "unknown tool 'nope'"),
        (["score", "kamiscan", "-e", "nobody", "accuracy=4"], "unknown evaluator 'nobody'"),
        (["score", "kamiscan", "-e", "aoki", "acuracy=4"], "unknown criterion 'acuracy'"),
        (["score", "kamiscan", "-e", "aoki", "price=4"], "is a price criterion"),
        (["score", "kamiscan", "-e", "aoki", "lgwan=maybe"], "'maybe' is not on the scale pass/fail"),
        (["score", "formeye", "-e", "ishii", "ease-of-use=2", "--reason", "x"], "settled by the committee"),
        (["score", "kamiscan", "-e", "aoki", "accuracy=4"], "needs --reason"),
    ],
)
def test_bad_scores_change_nothing(demo: Workspace, args: list[str], fragment: str, run: Callable[..., Result]) -> None:
    """Each mistake: exit 1, one line on stderr saying what to do, and no new event."""
    before = demo.ledger.head()
    result = run("--lang", "en", "-C", str(demo.root), *args)
    assert result.exit_code == 1, result.output
    assert fragment in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert demo.ledger.head() == before


def test_errors_in_japanese(demo: Workspace, run: Callable[..., Result]) -> None:
    result = run("--lang", "ja", "-C", str(demo.root), "score", "kamiscan", "-e", "aoki", "accuracy=6")
    assert result.exit_code == 1
    assert "尺度 1–5 にありません" in result.stderr


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["score", "kamiscan", "-e", "aoki"], "no scores given"),
        (["score", "kamiscan", "-e", "aoki", "accuracy"], "is not CRITERION=LEVEL"),
        (["score", "kamiscan", "-e", "aoki", "accuracy="], "is not CRITERION=LEVEL"),
        (["score", "kamiscan", "-e", "aoki", "accuracy=4", "accuracy=5"], "given twice"),
        (["log", "--since", "yesterday"], "is not a date"),
        (["log", "--since", "0001-01-01T00:00+09:00"], "is not a date"),
    ],
)
def test_malformed_arguments_are_usage_mistakes(
    demo: Workspace, args: list[str], fragment: str, run: Callable[..., Result]
) -> None:
    """Arguments that are not of the documented form exit 2 with the fix, and record nothing."""
    before = demo.ledger.head()
    result = run("--lang", "en", "-C", str(demo.root), *args)
    assert result.exit_code == 2, result.output
    assert fragment in result.stderr and "Traceback" not in result.output
    assert demo.ledger.head() == before


def test_usage_mistakes_exit_2(demo: Workspace, run: Callable[..., Result]) -> None:
    assert run("-C", str(demo.root), "score").exit_code == 2
    assert run("-C", str(demo.root), "matrix", "--format", "pdf").exit_code == 2
    assert run("frobnicate").exit_code == 2


def test_correction_with_reason_is_logged(demo: Workspace, run: Callable[..., Result]) -> None:
    """A changed score with --reason shows in the log with what it supersedes."""
    result = run(
        "--lang",
        "en",
        "-C",
        str(demo.root),
        "score",
        "kamiscan",
        "-e",
        "aoki",
        "accuracy=4",
        "--reason",
        "re-read the pilot report",
        "--actor",
        "secretariat",
    )
    assert result.exit_code == 0, result.output
    result = run("-C", str(demo.root), "log", "--tool", "kamiscan", "--evaluator", "aoki", "--format", "json")
    events = json.loads(result.stdout)
    assert [e["payload"]["criterion"] for e in events].count("accuracy") == 2
    last = events[-1]
    assert last["actor"] == "secretariat" and last["payload"]["reason"] == "re-read the pilot report"
    assert last["payload"]["supersedes"] == events[0]["seq"]


def test_log_filters(demo: Workspace, run: Callable[..., Result]) -> None:
    """--tool, --evaluator, --kind and --since select the right events."""

    def seqs(*args: str) -> list[int]:
        result = run("-C", str(demo.root), "log", "--format", "json", *args)
        assert result.exit_code == 0, result.output
        return [e["seq"] for e in json.loads(result.stdout)]

    everything = seqs()
    # 4 hearings, the lock, 46 scores, 8 must-have votes, 1 correction, 1 consensus, then the
    # trials: 10 phase moves, 6 feedback responses and 1 training session
    assert everything == list(range(1, 79))
    assert seqs("--kind", "hearing") == [1, 2, 3, 4]
    assert seqs("--kind", "plan") == [5]  # plan.locked, before the first score
    # 6 from Aoki, 5 from Ishii, 2 LGWAN votes, 1 consensus, 3 trial moves, 1 feedback
    assert len(seqs("--tool", "formeye")) == 18
    assert len(seqs("--evaluator", "ueda")) == 13  # 6 for Alpha Reader, 5 for KamiScan, 2 LGWAN votes
    assert seqs("--kind", "score") == everything[5:61]
    assert seqs("--kind", "trial") == everything[61:]
    assert seqs("--kind", "nothing") == []
    # the demo's correction and the committee's consensus come a day and two days after the
    # scoring; the trials follow from 2026-04-17
    assert seqs("--since", "2026-04-15T00:00:00+00:00") == list(range(60, 79))
    assert seqs("--since", "2026-04-17T00:00:00+00:00") == list(range(62, 79))


def test_log_csv_has_bom(demo: Workspace, tmp_path: Path, run: Callable[..., Result]) -> None:
    out = tmp_path / "log.csv"
    result = run("-C", str(demo.root), "log", "--format", "csv", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_output_to_a_folder_is_refused(demo: Workspace, tmp_path: Path, run: Callable[..., Result]) -> None:
    result = run("--lang", "en", "-C", str(demo.root), "matrix", "--format", "csv", "-o", str(tmp_path))
    assert result.exit_code == 1 and "is a folder" in result.stderr


def test_audit_verify_ok_and_broken(demo: Workspace, run: Callable[..., Result]) -> None:
    """verify passes on the demo; after a row edit it fails, and matrix refuses to report."""
    ok = run("--lang", "en", "-C", str(demo.root), "audit", "verify")
    assert ok.exit_code == 0 and "78 event(s), chain intact" in ok.stdout
    target = next(
        e.seq
        for e in demo.ledger.events()
        if e.payload.get("tool") == "kamiscan"
        and e.payload.get("evaluator") == "aoki"
        and e.payload.get("criterion") == "accuracy"
    )
    demo.close()
    db = sqlite3.connect(demo.root / ".toolbench" / "ledger.sqlite")
    db.execute("DROP TRIGGER events_no_update")
    # Aoki's accuracy=3 for KamiScan becomes a 5
    changed = db.execute(
        """UPDATE events SET payload = replace(payload, '"level":"3"', '"level":"5"') WHERE seq = ?""", (target,)
    )
    assert changed.rowcount == 1
    db.commit()
    db.close()
    bad = run("--lang", "en", "-C", str(demo.root), "audit", "verify")
    assert bad.exit_code == 1 and f"FAILED at event {target}" in bad.stderr
    matrix = run("--lang", "en", "-C", str(demo.root), "matrix")
    assert matrix.exit_code == 1 and f"breaks at event {target}" in matrix.stderr


def test_bad_plan_lists_every_problem(demo: Workspace, run: Callable[..., Result]) -> None:
    """A broken plan stops every command with each problem on its own line."""
    plan = demo.root / "toolbench.toml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace('id = "kamiscan"', 'id = "kami scan"').replace("decimals = 2", "decimals = 2\ncolour = 1")
    plan.write_text(text, encoding="utf-8")
    result = run("--lang", "en", "-C", str(demo.root), "matrix")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert "2 problem(s)" in lines[0]
    assert any("evaluation.colour: unknown key" in line for line in lines)
    assert any("tools[1].id: 'kami scan' is not a safe id" in line for line in lines)


def test_demo_command(tmp_path: Path, run: Callable[..., Result]) -> None:
    """`toolbench demo DIR` prints the matrix with its totals and leaves a verifiable workspace."""
    result = run("--lang", "en", "demo", str(tmp_path / "d"))
    assert result.exit_code == 0, result.output
    assert "Minatogawa City (fictional)" in result.stdout
    # the demo's points come from its hearings; totals worked by hand in test_evaluation.py
    # the presentation stage (the matrix shown): KamiScan from Aoki and Ishii alone (Ueda absent),
    # 23×0.625 + 17×0.75 + 8×1 + 9×0.6 + 12×0.5 + 19×0.875 = 63.15; the others as in test_evaluation.py
    assert "67.00" in result.stdout and "63.15" in result.stdout and "63.50" in result.stdout
    assert "Preferred proposer" in result.stdout or "preferred" in result.stdout.lower()
    assert "Points derived from hearings: 4 respondent(s) counted, total 100" in result.stdout
    assert run("-C", str(tmp_path / "d"), "audit", "verify").exit_code == 0


def test_demo_without_dir_says_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Callable[..., Result]
) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    result = run("--lang", "en", "demo")
    assert result.exit_code == 0, result.output
    created = [p for p in tmp_path.iterdir() if p.name.startswith("toolbench-demo-")]
    assert len(created) == 1 and str(created[0]) in result.stdout
    assert "temporary folder" in result.stdout


def test_version(run: Callable[..., Result]) -> None:
    from toolbench import __version__

    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.stdout


def test_messages_follow_the_plans_language_before_the_workspace_is_opened(
    demo: Workspace, monkeypatch: pytest.MonkeyPatch, run: Callable[..., Result]
) -> None:
    """The demo's plan is Japanese: a success line and a usage error printed before the ledger is opened are too."""
    for var in ("TOOLBENCH_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    done = run("-C", str(demo.root), "moderate", "kamiscan", "accuracy", "3", "--comment", "合議")
    assert done.exit_code == 0 and "合議により 3 と記録しました" in done.stdout
    usage = run("-C", str(demo.root), "score", "kamiscan", "-e", "aoki", "foo")
    assert usage.exit_code == 2 and "項目=水準 の形ではありません" in usage.stderr
