"""Locks and finalize that hold, and recusals that cannot change figures unseen (issue 12).

- A lock recorded after any score needs a reason; every report then says how many
  scores came before it.
- After `finalize` every write is refused with one line until `reopen --reason`, which
  every later report discloses.
- A must-have vote recorded despite a recusal is disclosed like a rating score.
- A conflict declared after `lock --scores` needs a reason, which every report shows.

Every figure below is worked by hand from the plan in this file.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import Result

from toolbench import Workspace, finalize
from toolbench.base.errors import ScoreError, WorkspaceError
from toolbench.documents.matrix import fairness_lines, recusal_lines, recusal_sentences
from toolbench.methods import evaluation as evaluation_module
from toolbench.methods.locking import PLAN_LOCKED, REOPENED, SCORED_KINDS, lock_parts
from toolbench.store.ledger import NewEvent

NOW = datetime(2026, 4, 13, 1, 0, tzinfo=UTC)
EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples"

# quality: 60 points on s5 (5 → 1.0, 4 → 0.75, 3 → 0.5, 2 → 0.25, 1 → 0);
# reads: 40 points, value ÷ the best value; lgwan: a must-have.
# e2 belongs to Q Co., Ltd., the vendor of Q: recused from Q by the plan.
PLAN = """\
[evaluation]
title = "Lock and finalize"
language = "en"

[groups]
tech = "Technical"

[scales.s5]
ratios = { "5" = 1.0, "4" = 0.75, "3" = 0.5, "2" = 0.25, "1" = 0.0 }

[[criteria]]
id = "quality"
name = "Quality"
group = "tech"
points = 60
scale = "s5"

[[criteria]]
id = "reads"
name = "Read rate"
group = "tech"
kind = "metric"
points = 40
metric = { rule = "ratio_to_best" }

[[criteria]]
id = "lgwan"
name = "LGWAN"
group = "tech"
kind = "must"
points = 0

[[tools]]
id = "p"
name = "P"
vendor = "P Co."

[[tools]]
id = "q"
name = "Q"
vendor = "Q Co."

[[evaluators]]
id = "e1"
name = "E1"

[[evaluators]]
id = "e2"
name = "E2"
affiliations = ["Q Co., Ltd."]
"""

CLOSED_EN = "nothing more can be recorded until it is reopened with `toolbench reopen --reason"


def make(tmp_path: Path, name: str = "ws") -> Workspace:
    root = tmp_path / name
    root.mkdir()
    (root / "toolbench.toml").write_text(PLAN, encoding="utf-8")
    return Workspace.start_ledger(root)


def head_seq(workspace: Workspace) -> int:
    head = workspace.ledger.head()
    return head.seq if head is not None else 0


def one_line_error(result: Result) -> str:
    """The refusal: exit code 1, one line on stderr, no traceback."""
    assert result.exit_code == 1, (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("toolbench: ")
    return lines[0]


# --- 1. locking after scores ----------------------------------------------------------------


def test_the_scored_kinds_are_the_evaluation_kinds() -> None:
    assert {
        evaluation_module.SCORE_RECORDED,
        evaluation_module.METRIC_RECORDED,
        evaluation_module.SCORE_MODERATED,
    } == SCORED_KINDS


def test_a_lock_before_any_score_needs_no_reason_and_reports_say_nothing_more(tmp_path: Path) -> None:
    with make(tmp_path) as ws:
        event = ws.lock(actor="chair", now=NOW)
        assert event is not None and dict(event.payload) == {"parts": lock_parts(ws.plan)}
        ws.record_scores("p", "e1", {"quality": "4"}, actor="e1", now=NOW + timedelta(days=1))
        evaluation = ws.evaluate()
        assert evaluation.lock is not None and evaluation.lock.scored_before == 0
        assert fairness_lines(evaluation, "en") == ["Criteria, points and rules locked on 2026-04-13 (event 1)."]


def test_a_lock_after_scores_needs_a_reason_and_every_report_counts_them(tmp_path: Path) -> None:
    with make(tmp_path) as ws:
        ws.record_scores("p", "e1", {"quality": "4", "lgwan": "pass"}, actor="e1", now=NOW)  # events 1, 2
        ws.record_metrics("p", {"reads": "90"}, source="lab test", actor="lab", now=NOW)  # 3
        ws.moderate("p", "quality", "3", comment="agreed", actor="chair", now=NOW)  # 4
        for reason in (None, "", "   "):
            with pytest.raises(ScoreError) as refused:
                ws.lock(actor="chair", reason=reason, now=NOW)
            assert refused.value.key == "lock.after_scores" and refused.value.params == {"count": 4}
        assert head_seq(ws) == 4  # nothing recorded
        assert "4 score(s) are already recorded" in refused.value.message("en")
        assert '--reason "…"' in refused.value.message("en")
        assert "既に 4 件の採点" in refused.value.message("ja")

        event = ws.lock(actor="chair", reason="forgot before the 1st meeting", now=NOW + timedelta(days=1))
        assert event is not None and event.kind == PLAN_LOCKED and event.seq == 5
        assert dict(event.payload) == {
            "parts": lock_parts(ws.plan),
            "after_scores": 4,
            "reason": "forgot before the 1st meeting",
        }
        # a later score does not change how many came before the lock
        ws.record_scores("q", "e1", {"quality": "5"}, actor="e1", now=NOW + timedelta(days=2))
        evaluation = ws.evaluate()
        assert evaluation.lock is not None and evaluation.lock.scored_before == 4
        assert fairness_lines(evaluation, "en") == [
            "Criteria, points and rules locked on 2026-04-14 (event 5).",
            "The lock (event 5) came after 4 score(s) had been recorded; reason given: forgot before the 1st meeting",
        ]
        assert fairness_lines(evaluation, "ja")[1] == (
            "ロック（イベント 5）は 4 件の採点が記録された後に行われました。理由: forgot before the 1st meeting"
        )
        # nothing changed since: locking again records nothing and needs no reason
        assert ws.lock(actor="chair") is None


def test_a_lock_after_scores_without_a_reason_on_record_still_says_so(tmp_path: Path) -> None:
    """A ledger from before this rule (a lock appended after scores, no reason) is disclosed too."""
    with make(tmp_path) as ws:
        ws.record_scores("p", "e1", {"quality": "4"}, actor="e1", now=NOW)
        ws.ledger.append(PLAN_LOCKED, {"parts": lock_parts(ws.plan)}, actor="old", plan_hash=ws.plan.hash, now=NOW)
        lines = fairness_lines(ws.evaluate(), "en")
        assert lines[1] == "The lock (event 2) came after 1 score(s) had been recorded; reason given: (none recorded)"
        assert fairness_lines(ws.evaluate(), "ja")[1].endswith("理由: （記録なし）")


def test_lock_after_scores_through_the_cli(tmp_path: Path, run: Callable[..., Result]) -> None:
    with make(tmp_path) as ws:
        root = str(ws.root)
        assert run("-C", root, "score", "p", "-e", "e1", "quality=4", "--actor", "e1").exit_code == 0
        assert run("-C", root, "measure", "p", "reads=90", "--source", "lab", "--actor", "lab").exit_code == 0

        line = one_line_error(run("--lang", "en", "-C", root, "lock", "--actor", "chair"))
        assert line == (
            "toolbench: 2 score(s) are already recorded (levels, measured values or consensus levels); locking the "
            'criteria, points and rules now needs --reason "…", which every report will show'
        )
        ja = one_line_error(run("--lang", "ja", "-C", root, "lock"))
        assert "既に 2 件の採点" in ja and "--reason" in ja
        assert head_seq(ws) == 2

        locked = run("--lang", "en", "-C", root, "lock", "--reason", "forgot the lock", "--actor", "chair")
        assert locked.exit_code == 0, locked.output
        assert locked.stdout == (
            "locked the criteria, points and rules (event 3) after 2 score(s); every report says so\n"
        )
        note = "The lock (event 3) came after 2 score(s) had been recorded; reason given: forgot the lock"
        matrix = run("--lang", "en", "-C", root, "matrix", "--format", "markdown")
        assert matrix.exit_code == 0 and note in matrix.stdout
        report = run("--lang", "en", "-C", root, "report", str(tmp_path / "out"), "--format", "html")
        assert report.exit_code == 0, report.output
        assert note in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")


def test_the_demo_locks_before_scoring_and_says_nothing_more(demo: Workspace) -> None:
    lines = fairness_lines(demo.evaluate(), "en")
    assert lines == ["Criteria, points and rules locked on 2026-04-14 (event 5)."]


# --- 2. finalize holds until reopen -------------------------------------------------------------


def _closed(error: ScoreError | WorkspaceError, seq: int) -> bool:
    return error.key == "finalize.closed" and error.params["seq"] == seq


def test_after_finalize_every_library_write_is_refused_until_reopen(tmp_path: Path) -> None:
    with make(tmp_path) as ws:
        ws.record_scores("p", "e1", {"quality": "4"}, actor="e1", now=NOW)  # 1
        ws.record_scores("q", "e1", {"quality": "2"}, actor="e1", now=NOW)  # 2
        outcome = finalize(ws, "chair", now=NOW + timedelta(days=1))  # 3
        assert outcome.recorded and outcome.event.seq == 3
        writes: list[Callable[[], object]] = [
            lambda: ws.record_scores("p", "e1", {"quality": "5"}, actor="e1", reason="typo"),
            lambda: ws.record_scores("p", "e1", {"lgwan": "pass"}, actor="e1"),
            lambda: ws.record_sheet("e1", {"q": {"quality": "3"}}, actor="e1", reason="typo"),
            lambda: ws.record_metrics("p", {"reads": "91"}, source="lab", actor="lab"),
            lambda: ws.moderate("p", "quality", "3", comment="agreed", actor="chair"),
            lambda: ws.lock(actor="chair", reason="late"),
            lambda: ws.lock_scores(actor="chair"),
            lambda: ws.declare_coi("e1", tool="q", actor="e1", reason="late"),
            lambda: ws.blind(actor="chair", seed=1),
        ]
        for write in writes:
            with pytest.raises(WorkspaceError) as refused:
                write()
            assert _closed(refused.value, 3), refused.value.key
        assert head_seq(ws) == 3
        assert not (ws.root / ".toolbench" / "blind.json").exists()  # refused before the secret is written
        message = refused.value.message("en")
        assert message.startswith("the evaluation was finalized at event #3 (2026-04-14 01:00:00 UTC)")
        assert message.endswith('reopened with `toolbench reopen --reason "…"`')
        assert refused.value.message("ja").startswith("評価はイベント #3（2026-04-14 01:00:00 UTC）で確定しています")

        # finalizing again with nothing changed records nothing, and is not refused
        assert not finalize(ws, "chair").recorded

        event = ws.reopen("a score typed wrongly", "chair", now=NOW + timedelta(days=2))
        assert event.kind == REOPENED and event.seq == 4
        assert dict(event.payload) == {"finalized": 3, "reason": "a score typed wrongly"}
        ws.record_scores("p", "e1", {"quality": "5"}, actor="e1", reason="typo", now=NOW + timedelta(days=2))
        evaluation = ws.evaluate()
        assert evaluation.result("p").cells["quality"].points == 60  # 5 → 1.0 × 60
        assert fairness_lines(evaluation, "en")[-1] == (
            "Reopened after finalize on 2026-04-15 (event 4; the finalize record was event 3): a score typed wrongly"
        )
        assert fairness_lines(evaluation, "ja")[-1] == (
            "確定後の 2026-04-15 に再開（イベント 4。確定記録はイベント 3）: a score typed wrongly"
        )

        # finalized again: closed again, and the earlier reopening is still disclosed
        again = finalize(ws, "chair", now=NOW + timedelta(days=3))
        assert again.recorded and again.event.seq == 6
        with pytest.raises(WorkspaceError) as closed_again:
            ws.record_scores("q", "e1", {"quality": "3"}, actor="e1", reason="typo")
        assert _closed(closed_again.value, 6)
        assert any(line.startswith("Reopened after finalize") for line in fairness_lines(ws.evaluate(), "en"))


def test_reopen_needs_a_finalized_evaluation_and_a_reason(tmp_path: Path) -> None:
    with make(tmp_path) as ws:
        with pytest.raises(WorkspaceError) as never:
            ws.reopen("why not", "chair")
        assert never.value.key == "reopen.not_finalized"
        ws.record_scores("p", "e1", {"quality": "4"}, actor="e1", now=NOW)
        finalize(ws, "chair", now=NOW)
        for blank in ("", "   "):
            with pytest.raises(WorkspaceError) as no_reason:
                ws.reopen(blank, "chair")
            assert no_reason.value.key == "reopen.reason_required"
        assert head_seq(ws) == 2
        ws.reopen("typo", "chair")
        with pytest.raises(WorkspaceError) as twice:
            ws.reopen("again", "chair")
        assert twice.value.key == "reopen.not_finalized"
        assert head_seq(ws) == 3


def test_a_workspace_opened_before_finalize_is_refused_after_it(tmp_path: Path) -> None:
    """The check runs when the event is appended, against the ledger as it is then."""
    with make(tmp_path) as ws:
        ws.record_scores("p", "e1", {"quality": "4"}, actor="e1", now=NOW)
        with Workspace.open(ws.root) as other:
            finalize(ws, "chair", now=NOW)
            with pytest.raises(WorkspaceError) as refused:
                other.record_scores("q", "e1", {"quality": "2"}, actor="e1")
            assert _closed(refused.value, 2)
            with pytest.raises(WorkspaceError):
                other.ledger.append("score.recorded", {}, actor="x", plan_hash=other.plan.hash)
        assert head_seq(ws) == 2


def _demo_write_commands(tmp_path: Path) -> list[tuple[str, ...]]:
    sheet = tmp_path / "aoki.csv"
    return [
        ("score", "kamiscan", "-e", "aoki", "accuracy=2", "--reason", "re-read"),
        ("moderate", "kamiscan", "accuracy", "3", "--comment", "agreed"),
        (
            "hearing",
            "add",
            "--respondent",
            "new-1",
            "--dept",
            "tax",
            "--group",
            "staff",
            "--ratings",
            "accuracy=5,handwriting=4,form-definition=3,security-certification=3,support=2,ease-of-use=5,price=3",
        ),
        ("hearing", "import", str(EXAMPLES / "hearings.csv"), "--reason", "answers changed"),
        ("trial", "start", "kamiscan", "--dept", "digital"),
        ("trial", "move", "kamiscan", "--dept", "tax", "--to", "adopted"),
        ("trial", "log", "kamiscan", "--dept", "tax", "--respondent", "clerk", "--rating", "ease-of-use=4"),
        (
            "trial",
            "import",
            str(EXAMPLES / "trials" / "google-forms.csv"),
            "--mapping",
            str(EXAMPLES / "trials" / "google-forms.toml"),
        ),
        ("trial", "training", "kamiscan", "--dept", "tax", "--date", "2026-06-01", "--attendees", "3"),
        ("lock", "--scores"),
        ("coi", "declare", "aoki", "--tool", "kamiscan", "--note", "relative", "--reason", "late"),
        ("sheet", "import", str(sheet), "--reason", "re-read"),
        ("blind",),
    ]


def _changed_sheet(run: Callable[..., Result], root: str, path: Path) -> None:
    """aoki's score sheet with one level changed (kamiscan accuracy)."""
    exported = run("--lang", "en", "-C", root, "sheet", "export", "-e", "aoki", "--format", "csv", "-o", str(path))
    assert exported.exit_code == 0, exported.output
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    header = next(r for r in rows if r and r[0] == "Criterion id")
    accuracy = next(r for r in rows if r and r[0] == "accuracy")
    column = header.index("kamiscan")
    accuracy[column] = "2" if accuracy[column] != "2" else "3"
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        csv.writer(file).writerows(rows)


def test_after_finalize_every_write_command_is_refused_with_one_line(
    demo: Workspace, tmp_path: Path, run: Callable[..., Result]
) -> None:
    root = str(demo.root)
    _changed_sheet(run, root, tmp_path / "aoki.csv")
    done = run("--lang", "en", "-C", root, "finalize", "--actor", "chair")
    assert done.exit_code == 0, done.output
    assert demo.ledger.head() is not None and head_seq(demo) == 79  # the demo's 78 events, then the record
    for command in _demo_write_commands(tmp_path):
        result = run("--lang", "en", "-C", root, *command, "--actor", "someone")
        line = one_line_error(result)
        assert line.startswith("toolbench: the evaluation was finalized at event #79 ("), (command, line)
        assert CLOSED_EN in line, (command, line)
        assert head_seq(demo) == 79, command
    assert not (demo.root / ".toolbench" / "blind.json").exists()
    ja = one_line_error(run("--lang", "ja", "-C", root, "score", "kamiscan", "-e", "aoki", "accuracy=2"))
    assert ja.startswith("toolbench: 評価はイベント #79（") and "`toolbench reopen --reason" in ja


def test_measure_and_a_relock_are_refused_after_finalize(tmp_path: Path, run: Callable[..., Result]) -> None:
    with make(tmp_path) as ws:
        root = str(ws.root)
        ws.lock(actor="chair", now=NOW)
        ws.record_scores("p", "e1", {"quality": "4"}, actor="e1", now=NOW)
        finalize(ws, "chair", now=NOW)
    measured = run("--lang", "en", "-C", root, "measure", "p", "reads=90", "--source", "lab")
    assert CLOSED_EN in one_line_error(measured)
    # the plan's points change after finalize: re-locking them is a write, refused
    plan = Path(root) / "toolbench.toml"
    plan.write_text(PLAN.replace("points = 60", "points = 50"), encoding="utf-8")
    relock = run("--lang", "en", "-C", root, "lock", "--reason", "points changed")
    assert CLOSED_EN in one_line_error(relock)
    with Workspace.open(root) as ws:
        assert head_seq(ws) == 3


def test_unblind_is_refused_after_finalize(tmp_path: Path, run: Callable[..., Result]) -> None:
    with make(tmp_path) as ws:
        root = str(ws.root)
        ws.blind(actor="chair", seed=7, now=NOW)
        finalize(ws, "chair", now=NOW)
        result = run("--lang", "en", "-C", root, "unblind")
        assert CLOSED_EN in one_line_error(result)
        assert head_seq(ws) == 2
        assert (ws.root / ".toolbench" / "blind.json").exists()  # the mapping stays sealed


def test_reopen_through_the_cli_and_every_later_report_discloses_it(
    demo: Workspace, tmp_path: Path, run: Callable[..., Result]
) -> None:
    root = str(demo.root)
    assert run("-C", root, "finalize", "--actor", "chair").exit_code == 0
    missing = run("--lang", "en", "-C", root, "reopen")
    assert missing.exit_code == 2 and "--reason" in missing.stderr
    blank = run("--lang", "en", "-C", root, "reopen", "--reason", " ")
    assert one_line_error(blank) == (
        'toolbench: reopening a finalized evaluation needs a reason: toolbench reopen --reason "…"'
    )
    assert head_seq(demo) == 79

    reopened = run("--lang", "en", "-C", root, "reopen", "--reason", "typo found at the committee", "--actor", "chair")
    assert reopened.exit_code == 0, reopened.output
    assert reopened.stdout == (
        "reopened the evaluation finalized at event #79 (event 80); every report will disclose it, "
        "and `toolbench finalize` closes it again\n"
    )
    again = run("--lang", "en", "-C", root, "reopen", "--reason", "again")
    assert one_line_error(again) == (
        "toolbench: the evaluation is not finalized, so there is nothing to reopen; record as usual"
    )
    scored = run("-C", root, "score", "kamiscan", "-e", "aoki", "accuracy=2", "--reason", "typo", "--actor", "aoki")
    assert scored.exit_code == 0, scored.output

    date = demo.ledger.head().ts[:10]  # type: ignore[union-attr]
    note = (
        f"Reopened after finalize on {date} (event 80; the finalize record was event 79): typo found at the committee"
    )
    matrix = run("--lang", "en", "-C", root, "matrix", "--format", "markdown")
    assert matrix.exit_code == 0 and note in matrix.stdout
    ja = run("--lang", "ja", "-C", root, "matrix", "--format", "markdown")
    assert f"確定後の {date} に再開（イベント 80。確定記録はイベント 79）: typo found at the committee" in ja.stdout
    report = run("--lang", "en", "-C", root, "report", str(tmp_path / "out"), "--format", "html")
    assert report.exit_code == 0, report.output
    assert note in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    # finalize closes it again, and the reopening stays in every report
    assert run("-C", root, "finalize", "--actor", "chair").exit_code == 0
    assert CLOSED_EN in one_line_error(run("--lang", "en", "-C", root, "lock", "--scores"))
    assert note in run("--lang", "en", "-C", root, "matrix", "--format", "markdown").stdout


# --- 3. a must-have vote recorded despite a recusal ----------------------------------------------


def test_a_must_have_vote_recorded_despite_a_recusal_is_disclosed_not_counted(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    with make(tmp_path) as ws:
        root = str(ws.root)
        refused = run("--lang", "en", "-C", root, "score", "q", "-e", "e2", "lgwan=fail")
        assert "--record-anyway" in one_line_error(refused)
        kept = run("--lang", "en", "-C", root, "score", "q", "-e", "e2", "lgwan=fail", "--record-anyway")
        assert kept.exit_code == 0, kept.output
        ws.record_scores("q", "e1", {"lgwan": "pass"}, actor="e1", now=NOW)  # event 2

        must = ws.evaluate().result("q").musts["lgwan"]
        # e2's fail is not counted: e1's pass alone decides
        assert (must.verdict, must.passes, must.fails) == ("pass", 1, 0)
        assert [(v.evaluator, v.level, v.seq) for v in must.recused_votes] == [("e2", "fail", 1)]
        assert ws.evaluate().result("q").disqualified == ()

        line = "Recorded despite recusal, not counted: E2 gave Q lgwan=fail (event 1)."
        assert line in recusal_lines(ws.evaluate(), "en")
        assert "除斥にもかかわらず記録（集計には含めない）: E2 による Q の lgwan=否（イベント 1）。" in recusal_lines(
            ws.evaluate(), "ja"
        )
        matrix = run("--lang", "en", "-C", root, "matrix", "--format", "markdown")
        assert matrix.exit_code == 0 and line in matrix.stdout
        report = run("--lang", "en", "-C", root, "report", str(tmp_path / "out"), "--format", "html")
        assert report.exit_code == 0, report.output
        assert line in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")


# --- 4. a conflict declared after the technical scores were locked --------------------------------


def _scored_and_locked(ws: Workspace) -> None:
    ws.record_scores("p", "e1", {"quality": "4"}, actor="e1", now=NOW)  # 1: 0.75
    ws.record_scores("p", "e2", {"quality": "2"}, actor="e2", now=NOW)  # 2: 0.25
    ws.record_scores("q", "e1", {"quality": "5"}, actor="e1", now=NOW)  # 3
    ws.lock_scores(actor="chair", now=NOW + timedelta(days=1))  # 4


def test_a_late_declaration_needs_a_reason_and_every_report_shows_it(tmp_path: Path) -> None:
    with make(tmp_path) as ws:
        _scored_and_locked(ws)
        # P's quality: mean(0.75, 0.25) = 0.5 → 30 of 60
        assert ws.evaluate().result("p").cells["quality"].points == 30
        for reason in (None, " "):
            with pytest.raises(ScoreError) as refused:
                ws.declare_coi("e1", tool="p", note="brother works there", reason=reason, actor="e1")
            assert refused.value.key == "coi.reason_after_scores_lock" and refused.value.params == {"seq": 4}
        assert head_seq(ws) == 4
        assert ws.recusals().get(("e1", "p")) is None

        event = ws.declare_coi(
            "e1", tool="p", note="brother works there", reason="disclosed at the 3rd meeting", actor="e1"
        )
        assert event is not None and event.seq == 5
        assert dict(event.payload) == {
            "evaluator": "e1",
            "tool": "p",
            "note": "brother works there",
            "reason": "disclosed at the 3rd meeting",
        }
        # the same declaration again records nothing and needs no reason
        assert ws.declare_coi("e1", tool="p", note="brother works there", actor="e1") is None

        evaluation = ws.evaluate()
        # e1 no longer counts for P: e2's 2 alone → 0.25 × 60 = 15
        assert evaluation.result("p").cells["quality"].points == Fraction(15)
        recusal = evaluation.recusals[("e1", "p")]
        assert (recusal.after_scores_lock, recusal.reason) == (4, "disclosed at the 3rd meeting")
        late = (
            "Declared after the technical scores were locked (event 4), changing locked figures: E1 does not score "
            "P (event 5); reason given: disclosed at the 3rd meeting"
        )
        assert late in recusal_lines(evaluation, "en")
        assert (
            "技術点の確定（イベント 4）の後に申告され、確定した数値を変えています: E1 は P を採点しない（イベント 5）。"
            "理由: disclosed at the 3rd meeting"
        ) in recusal_lines(evaluation, "ja")
        # while blind the reason could name the company: it waits for unblinding
        blind = recusal_sentences(evaluation.plan, evaluation.recusals, "en", blind=True)
        assert any(line.endswith("reason given: (shown after unblinding)") for line in blind)
        assert not any("3rd meeting" in line for line in blind)


def test_a_declaration_before_the_scores_lock_needs_no_reason(tmp_path: Path) -> None:
    with make(tmp_path) as ws:
        ws.record_scores("p", "e1", {"quality": "4"}, actor="e1", now=NOW)
        event = ws.declare_coi("e1", tool="p", actor="e1", now=NOW)
        assert event is not None and "reason" not in event.payload
        recusal = ws.recusals()[("e1", "p")]
        assert recusal.after_scores_lock is None
        assert not any(line.startswith("Declared after") for line in recusal_lines(ws.evaluate(), "en"))


def test_a_late_declaration_through_the_cli(tmp_path: Path, run: Callable[..., Result]) -> None:
    with make(tmp_path) as ws:
        _scored_and_locked(ws)
        root = str(ws.root)
        line = one_line_error(run("--lang", "en", "-C", root, "coi", "declare", "e1", "--tool", "p"))
        assert line == (
            "toolbench: the technical scores were locked (event 4); a conflict declared now can change the locked "
            'technical points, so it needs --reason "…", which every report will show'
        )
        assert "--reason" in one_line_error(run("--lang", "ja", "-C", root, "coi", "declare", "e1", "--tool", "p"))
        assert head_seq(ws) == 4
        declared = run("--lang", "en", "-C", root, "coi", "declare", "e1", "--tool", "p", "--reason", "found late")
        assert declared.exit_code == 0, declared.output
        late = (
            "Declared after the technical scores were locked (event 4), changing locked figures: E1 does not score "
            "P (event 5); reason given: found late"
        )
        listed = run("--lang", "en", "-C", root, "coi", "list")
        assert listed.exit_code == 0 and late in listed.stdout
        matrix = run("--lang", "en", "-C", root, "matrix", "--format", "markdown")
        assert matrix.exit_code == 0 and late in matrix.stdout
        report = run("--lang", "en", "-C", root, "report", str(tmp_path / "out"), "--format", "html")
        assert report.exit_code == 0, report.output
        assert late in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")


def test_the_guard_wraps_the_ledger_once(tmp_path: Path) -> None:
    with make(tmp_path) as ws:
        again = Workspace(ws.root, ws.plan, ws.ledger)
        assert again.ledger is ws.ledger
        assert ws.ledger.append_many([]) == []
        ws.ledger.append_many([NewEvent("note.test", {"x": 1}, "me", ws.plan.hash)], expect_head=0)
        assert head_seq(ws) == 1


def test_while_blind_the_reasons_wait_for_unblinding(tmp_path: Path) -> None:
    """A reason is free text that could name a tool; the count and the events are still shown."""
    with make(tmp_path) as ws:
        ws.blind(actor="chair", seed=3, now=NOW)  # 1
        ws.record_scores("p", "e1", {"quality": "4"}, actor="e1", now=NOW)  # 2
        ws.lock(actor="chair", reason="P's vendor asked for it", now=NOW)  # 3
        finalize(ws, "chair", now=NOW)  # 4
        ws.reopen("P's score typed wrongly", "chair", now=NOW)  # 5
        lines = fairness_lines(ws.evaluate(), "en")
        assert (
            "The lock (event 3) came after 1 score(s) had been recorded; reason given: (shown after unblinding)"
            in lines
        )
        assert lines[-1] == (
            "Reopened after finalize on 2026-04-13 (event 5; the finalize record was event 4): (shown after unblinding)"
        )
        assert not any("P's" in line for line in lines)
