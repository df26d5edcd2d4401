"""Trials end to end: the questionnaire maths, phases, feedback, training, the board,
the interactive prompt, and trial evidence feeding criterion scores.

Real workspaces on disk with real SQLite ledgers and the real command line (CliRunner); no
mocks. Every expected figure is worked by hand in a comment beside its assertion.

SUS reference: tests/data/sus_brooke_scoring.json (Brooke, J. 1996, "SUS: A quick and dirty
usability scale", in Usability Evaluation in Industry, pp. 189-194; constructed response sets,
scored by the rule odd items answer − 1, even items 5 − answer, sum × 2.5).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import jsonschema
import pytest
from click.testing import Result
from pydantic import ValidationError

from toolbench import Workspace, render
from toolbench.base.errors import ScoreError
from toolbench.documents.matrix import matrix_view
from toolbench.methods.trial_metrics import (
    AccuracySample,
    Effects,
    Feedback,
    TrainingSession,
    sus_grade,
    sus_score,
    uxlite_score,
)
from toolbench.methods.trials import TRIAL_FEEDBACK, TrialError

REFERENCE = json.loads((Path(__file__).parent / "data" / "sus_brooke_scoring.json").read_text(encoding="utf-8"))
SCHEMA = json.loads((Path(__file__).parents[1] / "docs" / "matrix.schema.json").read_text(encoding="utf-8"))

T0 = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)

# The reference response sets (R1 all 3s, R2 favourable, R3 unfavourable), and a best answer set.
R1 = [3, 3, 3, 3, 3, 3, 3, 3, 3, 3]
R2 = [4, 1, 4, 2, 4, 1, 5, 1, 3, 2]
R3 = [2, 4, 1, 5, 2, 4, 3, 4, 2, 5]
BEST = [5, 1, 5, 1, 5, 1, 5, 1, 5, 1]

# --- plans ------------------------------------------------------------------------------------

PLAN = """\
[evaluation]
title = { ja = "試行の評価", en = "Trial evaluation" }
language = "en"

[groups]
g = { ja = "使いやすさ", en = "Usability" }

[scales.five]
ratios = { "5" = 1.0, "4" = 0.75, "3" = 0.5, "2" = 0.25, "1" = 0.0 }

[[criteria]]
id = "ease"
name = { ja = "操作性", en = "Ease of use" }
group = "g"
points = 10
scale = "five"

[[criteria]]
id = "support"
name = { ja = "サポート", en = "Support" }
group = "g"
points = 10
scale = "five"

[[tools]]
id = "x"
name = { ja = "エックス", en = "Ex" }
vendor = "X社"

[[tools]]
id = "y"
name = { ja = "ワイ", en = "Why" }
vendor = "Y社"

[[departments]]
id = "tax"
name = { ja = "税務課", en = "Taxation Division" }

[[departments]]
id = "welfare"
name = { ja = "福祉課", en = "Welfare Division" }

[[evaluators]]
id = "e1"
name = "E1"
"""

# Staff ratings (ease), mean SUS (usability) and hours saved (time-saved) come from trials;
# only support is scored by the evaluator.
EVIDENCE_PLAN = """\
[evaluation]
title = { ja = "試行根拠の評価", en = "Evidence evaluation" }
language = "en"
rounding = "half_up"
decimals = 2

[groups]
g = { ja = "使いやすさ", en = "Usability" }

[scales.five]
ratios = { "5" = 1.0, "4" = 0.75, "3" = 0.5, "2" = 0.25, "1" = 0.0 }

[[criteria]]
id = "ease"
name = { ja = "操作性", en = "Ease of use" }
group = "g"
points = 10
scale = "five"
evidence = "ratings"

[[criteria]]
id = "usability"
name = { ja = "ユーザビリティ", en = "Usability (SUS)" }
group = "g"
kind = "metric"
points = 20
evidence = "sus"

[[criteria]]
id = "time-saved"
name = { ja = "削減時間", en = "Hours saved" }
group = "g"
kind = "metric"
points = 30
evidence = "hours_per_year"
metric = { rule = "ratio_to_best" }

[[criteria]]
id = "support"
name = { ja = "サポート", en = "Support" }
group = "g"
points = 40
scale = "five"

[[tools]]
id = "x"
name = { ja = "エックス", en = "Ex" }
vendor = "X社"

[[tools]]
id = "y"
name = { ja = "ワイ", en = "Why" }
vendor = "Y社"

[[departments]]
id = "tax"
name = { ja = "税務課", en = "Taxation Division" }

[[departments]]
id = "welfare"
name = { ja = "福祉課", en = "Welfare Division" }

[[evaluators]]
id = "e1"
name = "E1"
"""


def _workspace(root: Path, text: str) -> Workspace:
    root.mkdir()
    (root / "toolbench.toml").write_text(text, encoding="utf-8")
    return Workspace.start_ledger(root)


@pytest.fixture()
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = _workspace(tmp_path / "trials", PLAN)
    yield workspace
    workspace.close()


@pytest.fixture()
def evidence_ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = _workspace(tmp_path / "evidence", EVIDENCE_PLAN)
    yield workspace
    workspace.close()


def head(workspace: Workspace) -> int:
    last = workspace.ledger.head()
    return last.seq if last is not None else 0


def one_line_error(result: Result) -> str:
    """The single stderr line of a refused command (exit 1), without a traceback."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("toolbench: ")
    return lines[0]


# === 1. SUS against the reference file =========================================================

# Hand-worked scores (odd items answer − 1, even items 5 − answer, sum × 2.5):
HAND_SUS = {
    # every item contributes 3 − 1 = 2 (odd) or 5 − 3 = 2 (even): 10 × 2 = 20 → 20 × 2.5 = 50
    "R1_neutral": Fraction(50),
    # odd 4,4,4,5,3 → 3+3+3+4+2 = 15; even 1,2,1,1,2 → 4+3+4+4+3 = 18; 33 × 2.5 = 82.5
    "R2_favourable": Fraction(165, 2),
    # odd 2,1,2,3,2 → 1+0+1+2+1 = 5; even 4,5,4,4,5 → 1+0+1+1+0 = 3; 8 × 2.5 = 20
    "R3_unfavourable": Fraction(20),
    # odd all 5 → 4 each, even all 1 → 4 each: 40 × 2.5 = 100
    "best_possible": Fraction(100),
    # odd all 1 → 0, even all 5 → 0: 0 × 2.5 = 0
    "worst_possible": Fraction(0),
}


@pytest.mark.parametrize("name", sorted(HAND_SUS))
def test_sus_score_matches_reference(name: str) -> None:
    answers = {**REFERENCE["inputs"]["responses"], **REFERENCE["inputs"]["bound_checks"]}[name]
    expected = REFERENCE["expected"][name]
    score = sus_score(answers)
    assert isinstance(score, Fraction)
    # the reference's tolerance on a score is 0: exact
    assert score == HAND_SUS[name] == Fraction(str(expected["sus_score"]))
    assert score == Fraction(expected["sum_0_to_40"]) * Fraction(5, 2)
    assert sus_score(tuple(answers)) == score


def test_sus_mean_of_reference_respondents() -> None:
    scores = [
        sus_score(REFERENCE["inputs"]["responses"][k]) for k in ("R1_neutral", "R2_favourable", "R3_unfavourable")
    ]
    # (50 + 82.5 + 20) ÷ 3 = 152.5 ÷ 3 = 305/6 = 50.8333…
    mean = sum(scores, Fraction(0)) / 3
    assert mean == Fraction(305, 6)
    assert abs(float(mean) - REFERENCE["expected"]["mean_sus_of_R1_R2_R3"]) <= REFERENCE["tolerance"]["mean"]


def test_sus_bounds() -> None:
    assert sus_score(BEST) == 100
    assert sus_score(REFERENCE["inputs"]["bound_checks"]["worst_possible"]) == 0


@pytest.mark.parametrize(
    ("answers", "words"),
    [
        (R1[:9], "exactly 10 answers, got 9"),
        ([*R1, 3], "exactly 10 answers, got 11"),
        ([], "exactly 10 answers, got 0"),
        ([3, 3, 6, 3, 3, 3, 3, 3, 3, 3], "item 3: 6 is not an answer from 1 to 5"),
        ([0, 3, 3, 3, 3, 3, 3, 3, 3, 3], "item 1: 0 is not an answer from 1 to 5"),
        ([3, 3, 3, 3, 3, 3, 3, 3, 3, True], "item 10: True is not an answer from 1 to 5"),
        ([3, 3, 3, 3, 3, 3, 3, 3, 3.0, 3], "item 9"),
        ([3, 3, 3, 3, 3, "3", 3, 3, 3, 3], "item 6"),
    ],
)
def test_sus_score_refuses_bad_answers(answers: list[object], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        sus_score(answers)  # type: ignore[arg-type]


def test_feedback_refuses_incomplete_sus() -> None:
    with pytest.raises(ValidationError) as caught:
        Feedback(tool="x", department="tax", sus=R1[:9])
    text = str(caught.value)
    assert "SUS needs all 10 answers, got 9; an incomplete questionnaire is not scored" in text
    with pytest.raises(ValidationError, match="less than or equal to 5"):
        Feedback(tool="x", department="tax", sus=[3, 3, 3, 3, 3, 3, 3, 3, 3, 6])
    with pytest.raises(ValidationError, match="at least one rating, comment"):
        Feedback(tool="x", department="tax")
    assert Feedback(tool="x", department="tax", sus=R2).sus_score == Fraction(165, 2)  # 82.5, as above


def test_feedback_refuses_bool_sus_answers() -> None:
    with pytest.raises(ValidationError):
        Feedback(tool="x", department="tax", sus=[True] * 10)


# === 2. Sauro–Lewis grades at their edges ========================================================


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        ("84.1", "A+"),
        ("84.0", "A"),
        ("80.8", "A"),
        ("80.7", "A-"),
        ("78.9", "A-"),
        ("78.8", "B+"),
        ("77.2", "B+"),
        ("77.1", "B"),
        ("74.1", "B"),
        ("74.0", "B-"),
        ("72.6", "B-"),
        ("72.5", "C+"),
        ("71.1", "C+"),
        ("71.0", "C"),
        ("65.0", "C"),
        ("64.9", "C-"),
        ("62.7", "C-"),
        ("62.6", "D"),
        ("51.7", "D"),
        ("51.6", "F"),
        ("0", "F"),
        ("100", "A+"),
    ],
)
def test_sus_grade_edges(score: str, grade: str) -> None:
    assert sus_grade(Fraction(score)) == grade
    assert sus_grade(Decimal(score)) == grade


def test_sus_grade_of_exact_means() -> None:
    # 230/3 = 76.666… lies in [74.1, 77.2) → B; 305/6 = 50.83 < 51.7 → F
    assert sus_grade(Fraction(230, 3)) == "B"
    assert sus_grade(Fraction(305, 6)) == "F"
    assert sus_grade(100) == "A+" and sus_grade(0) == "F"


@pytest.mark.parametrize("score", [Fraction("100.1"), Fraction("-0.1"), Decimal("-1"), 101])
def test_sus_grade_refuses_out_of_range(score: Fraction | Decimal | int) -> None:
    with pytest.raises(ValueError, match="between 0 and 100"):
        sus_grade(score)


def test_sus_grade_of_float_at_edge() -> None:
    assert sus_grade(84.1) == "A+"
    assert sus_grade(80.8) == "A"


def test_sus_grade_refuses_infinity_with_value_error() -> None:
    with pytest.raises(ValueError):
        sus_grade(float("inf"))


# === 3. UX-Lite ==================================================================================


def test_uxlite_scores() -> None:
    # ((5 − 1) + (5 − 1)) ÷ 8 × 100 = 8/8 × 100 = 100
    assert uxlite_score([5, 5]) == 100
    # ((1 − 1) + (1 − 1)) ÷ 8 × 100 = 0
    assert uxlite_score((1, 1)) == 0
    # ((4 − 1) + (3 − 1)) ÷ 8 × 100 = 5/8 × 100 = 62.5 exactly
    assert uxlite_score([4, 3]) == Fraction(125, 2)
    assert Feedback(tool="x", department="tax", uxlite=[4, 3]).uxlite_score == Fraction(125, 2)


@pytest.mark.parametrize(("answers", "words"), [([4], "exactly 2"), ([4, 3, 2], "exactly 2"), ([6, 3], "item 1")])
def test_uxlite_refuses_bad_answers(answers: list[int], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        uxlite_score(answers)


def test_feedback_refuses_incomplete_uxlite() -> None:
    with pytest.raises(ValidationError, match="UX-Lite needs both answers, got 1"):
        Feedback(tool="x", department="tax", uxlite=[4])


# === 4. Hours per year ===========================================================================


def test_hours_per_year_by_hand() -> None:
    effects = Effects(minutes_before=Decimal(12), minutes_with=Decimal(5), cases=Decimal(400), period_days=Decimal(30))
    # 12 − 5 = 7 minutes saved per case
    assert effects.minutes_saved_per_case == 7
    # a 30-day period is extrapolated to a year by 365/30 = 73/6
    assert effects.annualising_factor == Fraction(365, 30) == Fraction(73, 6)
    # 7 × 400 × 365/30 ÷ 60 = 2800 × 365 ÷ 1800 = 1 022 000 ÷ 1800 = 10220/18 = 5110/9 (567.77…)
    assert effects.hours_per_year == Fraction(10220, 18) == Fraction(5110, 9)


def test_hours_per_year_other_periods() -> None:
    year = Effects(minutes_before=Decimal(10), minutes_with=Decimal(4), cases=Decimal(1200), period_days=Decimal(365))
    # a period of a year is not extrapolated: factor 365/365 = 1; 6 × 1200 ÷ 60 = 120 hours
    assert year.annualising_factor == 1 and year.hours_per_year == 120
    week = Effects(minutes_before=Decimal(20), minutes_with=Decimal(15), cases=Decimal(60), period_days=Decimal(7))
    # 5 × 60 × 365/7 ÷ 60 = 5 × 365/7 = 1825/7 (260.71…)
    assert week.hours_per_year == Fraction(1825, 7)
    slower = Effects(
        minutes_before=Decimal(5), minutes_with=Decimal("6.5"), cases=Decimal(100), period_days=Decimal(365)
    )
    # the tool takes longer: (5 − 6.5) × 100 × 1 ÷ 60 = −150/60 = −5/2 hours
    assert slower.hours_per_year == Fraction(-5, 2)


@pytest.mark.parametrize(
    "change",
    [
        {"period_days": 0},
        {"period_days": -30},
        {"minutes_before": -1},
        {"minutes_with": "-0.5"},
        {"cases": 0},
        {"minutes_before": "NaN"},
        {"period_days": "Infinity"},
    ],
)
def test_effects_refused(change: dict[str, object]) -> None:
    values: dict[str, object] = {"minutes_before": 12, "minutes_with": 5, "cases": 400, "period_days": 30} | change
    with pytest.raises(ValidationError):
        Effects.model_validate(values)


def test_accuracy_sample() -> None:
    # 482 ÷ 500 = 0.964 = 241/250
    assert AccuracySample(correct=482, total=500, unit="field").rate == Fraction(241, 250)
    with pytest.raises(ValidationError, match="cannot exceed total"):
        AccuracySample(correct=501, total=500, unit="character")
    with pytest.raises(ValidationError):
        AccuracySample(correct=1, total=2, unit="page")  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        AccuracySample(correct=0, total=0, unit="field")


# === 5. Phases ===================================================================================


def test_moves_along_the_default_graph(ws: Workspace) -> None:
    started = ws.start_trial("x", "tax", actor="advisor", note="shortlisted", now=T0)
    assert started.payload == {"tool": "x", "department": "tax", "phase": "candidate", "note": "shortlisted"}
    path = ["desk-review", "demo", "pilot", "training", "adopted"]
    for day, to in enumerate(path, start=1):
        event = ws.move_trial("x", "tax", to, actor=f"clerk{day}", note=f"step {day}", now=T0 + timedelta(days=day))
        assert event.kind == "trial.moved"
    trial = ws.trials()[("x", "tax")]
    assert trial.phase == "adopted"
    # every move keeps its date, actor and note; the start is a move from nowhere
    assert [(m.from_phase, m.to_phase, m.ts, m.actor, m.note, m.reason) for m in trial.moves] == [
        (None, "candidate", "2026-05-01T09:00:00.000000Z", "advisor", "shortlisted", None),
        ("candidate", "desk-review", "2026-05-02T09:00:00.000000Z", "clerk1", "step 1", None),
        ("desk-review", "demo", "2026-05-03T09:00:00.000000Z", "clerk2", "step 2", None),
        ("demo", "pilot", "2026-05-04T09:00:00.000000Z", "clerk3", "step 3", None),
        ("pilot", "training", "2026-05-05T09:00:00.000000Z", "clerk4", "step 4", None),
        ("training", "adopted", "2026-05-06T09:00:00.000000Z", "clerk5", "step 5", None),
    ]
    # since the last move on 2026-05-06 09:00: 10 days later is 10 days in the phase
    assert trial.days_in_phase(T0 + timedelta(days=15)) == 10


def test_start_in_a_chosen_phase_and_on_hold(ws: Workspace) -> None:
    ws.start_trial("y", "welfare", actor="advisor", phase="demo", now=T0)
    ws.move_trial("y", "welfare", "on-hold", actor="advisor", now=T0)
    ws.move_trial("y", "welfare", "training", actor="advisor", now=T0)
    assert ws.trials()[("y", "welfare")].phase == "training"


def test_invalid_move_names_the_allowed_moves(ws: Workspace) -> None:
    ws.start_trial("x", "tax", actor="advisor", now=T0)
    before = head(ws)
    with pytest.raises(TrialError) as caught:
        ws.move_trial("x", "tax", "pilot", actor="advisor")
    assert caught.value.key == "trial.move_refused"
    assert caught.value.message("en") == (
        "x in tax is in phase candidate and cannot move to pilot; allowed moves: desk-review, rejected, on-hold"
    )
    assert "移れる段階: desk-review, rejected, on-hold" in caught.value.message("ja")
    assert head(ws) == before


def test_unknown_phase_refused(ws: Workspace) -> None:
    ws.start_trial("x", "tax", actor="advisor", now=T0)
    before = head(ws)
    with pytest.raises(TrialError) as caught:
        ws.move_trial("x", "tax", "launch", actor="advisor")
    assert caught.value.key == "trial.unknown_phase"
    assert "unknown phase 'launch'" in str(caught.value)
    assert "candidate, desk-review, demo, pilot, training, adopted, rejected, on-hold" in str(caught.value)
    with pytest.raises(TrialError, match="unknown phase 'launch'"):
        ws.start_trial("y", "tax", actor="advisor", phase="launch")
    assert head(ws) == before


def test_leaving_a_decision_needs_a_reason(ws: Workspace) -> None:
    ws.start_trial("x", "tax", actor="advisor", phase="adopted", note="bought in FY2024", now=T0)
    before = head(ws)
    for reason in (None, "", "   "):
        with pytest.raises(TrialError) as caught:
            ws.move_trial("x", "tax", "desk-review", actor="advisor", reason=reason)
        assert caught.value.key == "trial.reason_required"
        assert '--reason "…"' in str(caught.value)
        assert head(ws) == before
    # adopted may only go back to desk review, reason or not
    with pytest.raises(TrialError, match="allowed moves: desk-review"):
        ws.move_trial("x", "tax", "demo", actor="advisor", reason="why not")
    assert head(ws) == before
    event = ws.move_trial(
        "x", "tax", "desk-review", actor="chief", note="re-opened", reason="  too complex for staff  ", now=T0
    )
    assert event.payload == {
        "tool": "x",
        "department": "tax",
        "from": "adopted",
        "to": "desk-review",
        "note": "re-opened",
        "reason": "too complex for staff",
    }
    last = ws.trials()[("x", "tax")].moves[-1]
    assert (last.from_phase, last.to_phase, last.actor, last.note, last.reason) == (
        "adopted",
        "desk-review",
        "chief",
        "re-opened",
        "too complex for staff",
    )


def test_rejected_is_final_too(ws: Workspace) -> None:
    ws.start_trial("x", "tax", actor="advisor", now=T0)
    ws.move_trial("x", "tax", "rejected", actor="advisor", now=T0)
    with pytest.raises(TrialError, match="needs --reason"):
        ws.move_trial("x", "tax", "desk-review", actor="advisor")
    ws.move_trial("x", "tax", "desk-review", actor="advisor", reason="new version", now=T0)
    assert ws.trials()[("x", "tax")].phase == "desk-review"


def test_start_twice_refused(ws: Workspace) -> None:
    ws.start_trial("x", "tax", actor="advisor", now=T0)
    ws.move_trial("x", "tax", "desk-review", actor="advisor", now=T0)
    before = head(ws)
    with pytest.raises(TrialError) as caught:
        ws.start_trial("x", "tax", actor="advisor")
    assert caught.value.key == "trial.already"
    assert str(caught.value) == (
        "x is already on trial in tax (phase desk-review); move it with `toolbench trial move`"
    )
    assert head(ws) == before
    # the same tool in another department is another trial
    ws.start_trial("x", "welfare", actor="advisor", now=T0)
    assert set(ws.trials()) == {("x", "tax"), ("x", "welfare")}


def test_move_without_trial_refused(ws: Workspace) -> None:
    with pytest.raises(TrialError) as caught:
        ws.move_trial("x", "tax", "desk-review", actor="advisor")
    assert caught.value.key == "trial.not_started"
    assert "toolbench trial start x --dept tax" in str(caught.value)
    assert head(ws) == 0


def test_unknown_department_and_tool_refused(ws: Workspace) -> None:
    ws.start_trial("x", "tax", actor="advisor", now=T0)
    before = head(ws)
    with pytest.raises(TrialError) as caught:
        ws.start_trial("x", "parks", actor="advisor")
    assert caught.value.key == "trial.unknown_department"
    assert "unknown department 'parks'; departments in the plan: tax, welfare" in str(caught.value)
    with pytest.raises(TrialError, match="unknown department 'parks'"):
        ws.move_trial("x", "parks", "desk-review", actor="advisor")
    with pytest.raises(TrialError, match="unknown tool 'z'; tools in the plan: x, y"):
        ws.start_trial("z", "tax", actor="advisor")
    with pytest.raises(TrialError, match="unknown department 'parks'"):
        ws.record_feedback([Feedback(tool="x", department="parks", comment="hello")], actor="clerk")
    session = TrainingSession(tool="x", department="parks", date=date(2026, 6, 5), attendees=3)
    with pytest.raises(TrialError, match="unknown department 'parks'"):
        ws.record_training(session, actor="clerk")
    assert head(ws) == before


def test_cli_start_move_and_refusals(ws: Workspace, run: Callable[..., Result]) -> None:
    root = str(ws.root)
    result = run("-C", root, "--lang", "en", "trial", "start", "x", "--dept", "tax", "--actor", "advisor")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Ex starts its trial in Taxation Division at phase Candidate\n"  # names where people read
    result = run("-C", root, "--lang", "ja", "trial", "move", "x", "--dept", "tax", "--to", "desk-review")
    assert result.exit_code == 0, result.output
    assert result.stdout == "税務課 の エックス: 候補 → 書面審査\n"
    before = head(ws)
    refused = run("-C", root, "--lang", "en", "trial", "move", "x", "--dept", "tax", "--to", "adopted")
    assert one_line_error(refused) == (
        "toolbench: Ex in Taxation Division is in phase Desk review and cannot move to Adopted; "
        "allowed moves: Demo, Rejected, On hold"
    )
    again = run("-C", root, "--lang", "ja", "trial", "start", "x", "--dept", "tax")
    assert "既に 税務課 で試行中です（段階 書面審査）" in one_line_error(again)
    unknown = run("-C", root, "--lang", "en", "trial", "start", "x", "--dept", "parks")
    assert "unknown department 'parks'" in one_line_error(unknown)
    assert head(ws) == before


# === 6. Feedback =================================================================================


def f1(**change: object) -> Feedback:
    """A tax clerk's feedback on x: ease 4, SUS R2 (82.5), 12 → 5 minutes, 400 cases per 30 days."""
    data: dict[str, object] = {
        "tool": "x",
        "department": "tax",
        "respondent": "窓口担当A",
        "date": "2026-05-26",
        "ratings": {"ease": "4"},
        "effects": {"minutes_before": 12, "minutes_with": 5, "cases": 400, "period_days": 30},
        "sus": R2,
    }
    return Feedback.model_validate(data | change)


def test_feedback_needs_a_trial(ws: Workspace) -> None:
    ws.start_trial("x", "welfare", actor="advisor", now=T0)
    before = head(ws)
    with pytest.raises(TrialError) as caught:
        ws.record_feedback([f1()], actor="clerk")
    assert caught.value.key == "trial.no_trial"
    assert str(caught.value) == (
        "feedback for x in tax, but that tool has no trial there; start one with `toolbench trial start x --dept tax`"
    )
    assert head(ws) == before
    assert ws.trials()[("x", "welfare")].feedback == []


@pytest.mark.parametrize(
    ("ratings", "words"),
    [
        ({"ease": "6"}, "rating: ease=6: '6' is not on the scale 1–5; give one of those levels"),
        ({"ease": "0"}, "'0' is not on the scale 1–5"),
        ({"speed": "4"}, "rating: unknown criterion 'speed'; criteria in the plan: ease, support"),
    ],
)
def test_feedback_rating_off_the_scale(ws: Workspace, ratings: dict[str, str], words: str) -> None:
    ws.start_trial("x", "tax", actor="advisor", now=T0)
    before = head(ws)
    with pytest.raises(TrialError) as caught:
        ws.record_feedback([f1(ratings=ratings)], actor="clerk")
    assert caught.value.key == "trial.bad_rating"
    assert words in str(caught.value)
    assert head(ws) == before


def test_feedback_recorded_once(ws: Workspace) -> None:
    ws.start_trial("x", "tax", actor="advisor", now=T0)
    feedback = f1()
    first = ws.record_feedback([feedback], actor="clerk", now=T0)
    assert len(first.recorded) == 1 and first.skipped == ()
    event = first.recorded[0]
    assert event.kind == TRIAL_FEEDBACK
    assert event.payload["fingerprint"] == feedback.fingerprint()
    assert event.payload["feedback"]["sus"] == R2
    after_first = head(ws)
    second = ws.record_feedback([f1()], actor="someone-else")
    assert second.recorded == () and second.skipped == (feedback,)
    assert head(ws) == after_first
    trial = ws.trials()[("x", "tax")]
    assert [e.feedback for e in trial.feedback] == [feedback]
    assert trial.sus_scores == [Fraction(165, 2)]  # R2 = 82.5
    assert trial.hours_per_year == Fraction(5110, 9)  # 7 × 400 × 365/30 ÷ 60, as in section 4
    # the same response twice in one batch is recorded once
    other = f1(respondent="課税担当B", sus=R1)
    batch = ws.record_feedback([other, other], actor="clerk")
    assert len(batch.recorded) == 1 and batch.skipped == (other,)


def test_feedback_batch_all_or_nothing(ws: Workspace) -> None:
    ws.start_trial("x", "tax", actor="advisor", now=T0)
    before = head(ws)
    good = f1()
    with pytest.raises(TrialError, match="ease=9"):
        ws.record_feedback([good, f1(respondent="B", ratings={"ease": "9"})], actor="clerk")
    assert head(ws) == before
    # the second response is for y, which has no trial in tax: the first is not recorded either
    with pytest.raises(TrialError, match="feedback for y in tax"):
        ws.record_feedback([good, f1(tool="y")], actor="clerk")
    assert head(ws) == before
    assert ws.trials()[("x", "tax")].feedback == []


def test_feedback_dry_run_records_nothing(ws: Workspace) -> None:
    ws.start_trial("x", "tax", actor="advisor", now=T0)
    before = head(ws)
    planned = ws.record_feedback([f1(), f1(respondent="B")], actor="clerk", dry_run=True)
    assert [(e.seq, e.kind) for e in planned.recorded] == [(0, TRIAL_FEEDBACK), (0, TRIAL_FEEDBACK)]
    assert head(ws) == before
    ws.record_feedback([f1()], actor="clerk")
    planned = ws.record_feedback([f1(), f1(respondent="B")], actor="clerk", dry_run=True)
    assert len(planned.recorded) == 1 and planned.skipped == (f1(),)
    assert head(ws) == before + 1


# === 7. Training =================================================================================


def test_training_recorded_once(ws: Workspace) -> None:
    session = TrainingSession(
        tool="x", department="tax", date=date(2026, 6, 5), attendees=14, satisfaction=Decimal("4.3"), notes="演習"
    )
    with pytest.raises(TrialError) as caught:
        ws.record_training(session, actor="clerk")
    assert caught.value.key == "trial.no_trial"
    assert head(ws) == 0
    ws.start_trial("x", "tax", actor="advisor", now=T0)
    event = ws.record_training(session, actor="clerk", now=T0)
    assert event is not None and event.kind == "trial.training"
    assert event.payload["session"] == {
        "tool": "x",
        "department": "tax",
        "date": "2026-06-05",
        "attendees": 14,
        "satisfaction": "4.3",
        "notes": "演習",
    }
    before = head(ws)
    assert ws.record_training(session, actor="clerk") is None
    assert head(ws) == before
    assert [t.session for t in ws.trials()[("x", "tax")].training] == [session]


def test_training_session_validation() -> None:
    with pytest.raises(ValidationError):
        TrainingSession(tool="x", department="tax", date=date(2026, 6, 5), attendees=-1)
    with pytest.raises(ValidationError):
        TrainingSession(tool="x", department="tax", date=date(2026, 6, 5), attendees=3, satisfaction=Decimal(6))


def test_cli_training(ws: Workspace, run: Callable[..., Result]) -> None:
    root = str(ws.root)
    args = ("-C", root, "--lang", "en", "trial", "training", "x", "--dept", "tax", "--date", "2026-06-05")
    refused = run(*args, "--attendees", "14")
    assert "no trial there" in one_line_error(refused)
    ws.start_trial("x", "tax", actor="advisor", now=T0)
    result = run(*args, "--attendees", "14", "--satisfaction", "4.3")
    assert result.exit_code == 0, result.output
    assert result.stdout == "recorded the training session\n"
    result = run(*args, "--attendees", "14", "--satisfaction", "4.3")
    assert result.exit_code == 0 and result.stdout == "that training session is already recorded\n"
    before = head(ws)
    bad = run(*args, "--attendees", "14", "--satisfaction", "6")
    assert "satisfaction" in one_line_error(bad)
    assert head(ws) == before


# === 8. Board and timeline on the demo ===========================================================

# From toolbench/workspace/demo.py: moves every 5 days from 2026-04-17 01:00 UTC (move i at + 5i days).
#  alpha-reader/tax: start adopted (0), → desk-review (1: 04-22) with a reason.
#    SUS A [2,4,2,4,3,3,2,4,2,4]: odd 2,2,3,2,2 → 1+1+2+1+1 = 6; even 4,4,3,4,4 → 1+1+2+1+1 = 6; 12 × 2.5 = 30
#    SUS B [3,4,2,4,3,3,3,4,2,3]: odd 3,2,3,3,2 → 2+1+2+2+1 = 8; even 4,4,3,4,3 → 1+1+2+1+2 = 7; 15 × 2.5 = 37.5
#    mean (30 + 37.5) ÷ 2 = 33.75 → "33.8" (half up), below 51.7 → F; no effects, no training
#  kamiscan/tax: start candidate (2), … → training (6: 04-17 + 30 d = 05-17); 3 responses, 1 training session.
#    SUS [4,2,4,1,4,2,5,1,4,2]: odd 4,4,4,5,4 → 16; even 2,1,2,1,2 → 17; 33 × 2.5 = 82.5
#    SUS [5,1,4,2,4,2,4,2,4,2]: odd 5,4,4,4,4 → 16; even 1,2,2,2,2 → 16; 32 × 2.5 = 80
#    SUS [4,2,3,2,4,2,4,2,3,3]: odd 4,3,4,4,3 → 13; even 2,2,2,2,3 → 14; 27 × 2.5 = 67.5
#    mean (82.5 + 80 + 67.5) ÷ 3 = 230/3 = 76.666… → "76.7"; 74.1 ≤ 76.67 < 77.2 → B
#    hours: (12 − 5) × 400 × 365/30 ÷ 60 = 5110/9 = 567.78…; (10 − 4) × 350 × 365/30 ÷ 60 = 766500/1800 = 2555/6
#    = 425.83…; mean (10220/18 + 7665/18) ÷ 2 = 17885/36 = 496.805… → "496.8" from 2 effect reports
#  formeye/digital: start candidate (7), → desk-review (8), → demo (9: 04-17 + 45 d = 06-01); 1 response.
#    SUS [4,2,4,2,4,2,4,2,4,2]: every item 3 → 30 × 2.5 = 75 → "75.0"; 74.1 ≤ 75 < 77.2 → B
DEMO_BOARD = [
    {
        "tool": "alpha-reader",
        "department": "tax",
        "phase": "desk-review",
        "phase_name": {"en": "Desk review", "ja": "書面審査"},
        "since": "2026-04-22T01:00:00.000000Z",
        "feedback": 2,
        "sus_mean": "33.8",
        "sus_grade": "F",
        "sus_count": 2,
        "hours_per_year": None,
        "effect_reports": 0,
        "training_sessions": 0,
    },
    {
        "tool": "kamiscan",
        "department": "tax",
        "phase": "training",
        "phase_name": {"en": "Training", "ja": "研修"},
        "since": "2026-05-17T01:00:00.000000Z",
        "feedback": 3,
        "sus_mean": "76.7",
        "sus_grade": "B",
        "sus_count": 3,
        "hours_per_year": "496.8",
        "effect_reports": 2,
        "training_sessions": 1,
    },
    {
        "tool": "formeye",
        "department": "digital",
        "phase": "demo",
        "phase_name": {"en": "Demo", "ja": "デモ"},
        "since": "2026-06-01T01:00:00.000000Z",
        "feedback": 1,
        "sus_mean": "75.0",
        "sus_grade": "B",
        "sus_count": 1,
        "hours_per_year": None,
        "effect_reports": 0,
        "training_sessions": 0,
    },
]


def _days_since(ts: str) -> int:
    return (datetime.now(UTC) - datetime.strptime(ts, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)).days


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_board_json_on_the_demo(demo: Workspace, lang: str, run: Callable[..., Result]) -> None:
    low = {r["since"]: _days_since(str(r["since"])) for r in DEMO_BOARD}
    result = run("-C", str(demo.root), "--lang", lang, "trials", "--format", "json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    # days in phase count from the last move to now (the board reads the clock)
    for record in records:
        assert record.pop("days_in_phase") in (low[record["since"]], low[record["since"]] + 1)
    expected = [r | {"phase_name": r["phase_name"][lang]} for r in DEMO_BOARD]  # type: ignore[index]
    assert records == expected


@pytest.mark.parametrize(
    ("lang", "header"),
    [
        ("en", ["Tool", "Department", "Phase", "Days", "Feedback", "SUS", "Grade", "Hours saved / year"]),
        ("ja", ["ツール", "部署", "段階", "日数", "回答数", "SUS", "評価", "年間削減時間"]),
    ],
)
def test_board_csv_on_the_demo(demo: Workspace, lang: str, header: list[str], run: Callable[..., Result]) -> None:
    result = run("-C", str(demo.root), "--lang", lang, "trials", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf")
    rows = _board_rows(result.stdout_bytes)
    assert rows[0] == header
    # days (column 4) read the clock; hours (column 7) only where there are effect reports (checked below)
    dropped = [row[:3] + row[4:7] for row in rows[1:]]
    phases = {r["tool"]: r["phase_name"][lang] for r in DEMO_BOARD}  # type: ignore[index]
    tools = {t.id: t.name.get(lang) for t in demo.plan.tools}  # type: ignore[arg-type]
    departments = {d.id: d.name.get(lang) for d in demo.plan.departments}  # type: ignore[arg-type]
    # tools and departments by their names; the SUS mean as a number (its grade is in the table and the JSON)
    assert dropped == [
        [tools["alpha-reader"], departments["tax"], phases["alpha-reader"], "2", "33.8", "F"],
        [tools["kamiscan"], departments["tax"], phases["kamiscan"], "3", "76.7", "B"],
        [tools["formeye"], departments["digital"], phases["formeye"], "1", "75.0", "B"],
    ]
    assert rows[2][7] == "496.8"


def _board_rows(raw: bytes) -> list[list[str]]:
    """The board's table in the CSV: header first, then one row per trial, up to the notes that follow it."""
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    end = next(i for i, row in enumerate(rows) if row and row[0] in ("Notes", "注記"))
    assert rows[end][1].startswith("SUS")  # the notes say how SUS and the hours were computed
    return rows[:end]


def test_board_csv_keeps_dash_and_negative_hours(ws: Workspace, run: Callable[..., Result]) -> None:
    ws.start_trial("x", "tax", actor="advisor", now=T0)
    ws.start_trial("y", "tax", actor="advisor", now=T0)
    slower = {"minutes_before": 5, "minutes_with": "6.5", "cases": 100, "period_days": 365}
    ws.record_feedback([f1(effects=slower, sus=None, ratings={})], actor="clerk")
    ws.record_feedback([f1(tool="y", effects=None)], actor="clerk")
    result = run("-C", str(ws.root), "--lang", "en", "trials", "--format", "csv")
    rows = _board_rows(result.stdout_bytes)
    # x: (5 − 6.5) × 100 × 365/365 ÷ 60 = −150/60 = −2.5 hours; no SUS → "-"
    assert rows[1][5:] == ["-", "-", "-2.5"]
    # y: SUS R2 82.5, grade A, no effects → "-"
    assert rows[2][5:] == ["82.5", "A", "-"]


def test_board_table_and_empty_board(demo: Workspace, ws: Workspace, run: Callable[..., Result]) -> None:
    result = run("-C", str(demo.root), "--lang", "en", "trials")
    assert result.exit_code == 0, result.output
    # at 80 columns the board splits by columns (names and figures are never cut): the tool starts each part
    assert re.search(r"KamiScan .* 76\.7\b", result.stdout)
    assert re.search(r"KamiScan\s+B\s+496\.8", result.stdout)
    assert "Sauro" in result.stdout and "84.1" in result.stdout
    empty = run("-C", str(ws.root), "--lang", "en", "trials")
    assert empty.exit_code == 0
    assert empty.stdout == "no trials yet; start one with `toolbench trial start TOOL --dept D`\n"


REASON = "帳票定義が職員には難しく、新様式のたびにベンダー依頼が必要 (staff cannot define new forms themselves)"


def test_timeline_lists_the_reentry_reason(demo: Workspace, run: Callable[..., Result]) -> None:
    en = run("-C", str(demo.root), "--lang", "en", "trial", "show", "alpha-reader")
    assert en.exit_code == 0, en.output
    # in date order: start 04-17, the two responses dated 04-20, the re-entry move 04-22
    assert en.stdout.splitlines() == [
        "Taxation Division (tax)",
        "  2026-04-17  started at Adopted  [advisor]  2024年度に導入済み (bought in FY2024)",
        "  2026-04-20  feedback from 税務課 窓口担当A: SUS 30.0 (grade F); "
        "“様式変更のたびに業者へ依頼 (every form change goes to the vendor)”",
        "  2026-04-20  feedback from 税務課 課税担当B: SUS 37.5 (grade F)",
        f"  2026-04-22  Adopted → Desk review  [advisor]  reason: {REASON}",
        "",
    ]
    ja = run("-C", str(demo.root), "--lang", "ja", "trial", "show", "alpha-reader")
    assert ja.exit_code == 0, ja.output
    assert ja.stdout.splitlines()[0] == "税務課 (tax)"
    assert f"  2026-04-22  本導入 → 書面審査  [advisor]  理由: {REASON}" in ja.stdout.splitlines()
    assert "  2026-04-20  税務課 課税担当B からのフィードバック: SUS 37.5（評価 F）" in ja.stdout.splitlines()


def test_timeline_shows_training_and_effects(demo: Workspace, run: Callable[..., Result]) -> None:
    result = run("-C", str(demo.root), "--lang", "en", "trial", "show", "kamiscan")
    assert result.exit_code == 0, result.output
    # 12 → 5 min, 400 per 30 days: 5110/9 = 567.78 → 567.8; 1164/1200 = 0.97 → 97.00 %
    assert (
        "12 → 5 min per case, 400 cases per 30 days: 7.0 min saved per case × 400 × 365/30 ÷ 60 = 567.8 hours per year"
        in result.stdout
    )
    assert "accuracy 1164/1200 (field level) = 97.00 %" in result.stdout
    assert "  2026-06-05  training: 14 attendee(s), satisfaction 4.3/5" in result.stdout
    nothing = run("-C", str(demo.root), "--lang", "en", "trial", "show", "nope")
    assert "unknown tool 'nope'" in one_line_error(nothing)


# === 9. The interactive prompt ===================================================================


def _answers(*lines: str) -> str:
    return "".join(line + "\n" for line in lines)


def test_prompt_in_english(ws: Workspace, run: Callable[..., Result]) -> None:
    ws.start_trial("x", "tax", actor="advisor", now=T0)
    keys = _answers(
        "Sato",  # name
        "7",  # ease: not on the scale, asked again
        "4",  # ease
        "",  # support: skipped
        "Clear screens",  # comment
        "y",  # measured effects
        "12",
        "5",
        "400",
        "30",
        "y",  # SUS
        *map(str, R2),
        "y",  # record
    )
    result = run(
        "-C", str(ws.root), "--lang", "en", "trial", "log", "x", "--dept", "tax", "--date", "2026-05-26", input=keys
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Feedback on Ex in Taxation Division. Press Enter to skip any question." in out
    assert "ease=7: '7' is not on the scale 1–5; give one of those levels; try again" in out
    assert out.count("Ease of use: rate 1–5") == 2 and out.count("Support: rate 1–5") == 1
    assert "1. I think that I would like to use this system frequently." in out
    # R2 scores 82.5 (section 1); 80.8 ≤ 82.5 < 84.1 → A
    assert "  SUS 82.5 (grade A)\n" in out
    # (12 − 5) × 400 × 365/30 ÷ 60 = 5110/9 = 567.78 → 567.8
    assert "7.0 min saved per case × 400 × 365/30 ÷ 60 = 567.8 hours per year" in out
    assert out.endswith("recorded 1 feedback response(s)\n")
    recorded = [e.feedback for e in ws.trials()[("x", "tax")].feedback]
    assert recorded == [
        Feedback(
            tool="x",
            department="tax",
            respondent="Sato",
            date=date(2026, 5, 26),
            ratings={"ease": "4"},
            comment="Clear screens",
            effects=Effects(
                minutes_before=Decimal(12), minutes_with=Decimal(5), cases=Decimal(400), period_days=Decimal(30)
            ),
            sus=R2,
        )
    ]


def test_prompt_in_japanese(ws: Workspace, run: Callable[..., Result]) -> None:
    ws.start_trial("x", "tax", actor="advisor", now=T0)
    k2 = [5, 1, 4, 2, 4, 2, 4, 2, 4, 2]
    keys = _answers(
        "山田",
        "",  # 操作性: skipped
        "9",  # サポート: not on the scale
        "5",
        "確認画面が見やすい",
        "y",
        "-1",  # negative minutes: all four asked again
        "4",
        "350",
        "30",
        "10",
        "4",
        "350",
        "30",
        "y",
        "6",  # SUS item 1: out of range, asked again
        *map(str, k2),
        "y",
    )
    result = run(
        "-C", str(ws.root), "--lang", "ja", "trial", "log", "x", "--dept", "tax", "--date", "2026-05-27", input=keys
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "税務課 における エックス へのフィードバックです。" in out
    assert "support=9: '9' は尺度 1–5 にありません。いずれかの水準を指定してください。もう一度入力してください" in out
    assert "minutes_before: Input should be greater than or equal to 0。もう一度入力してください" in out
    assert "1<=x<=5" in out  # click re-asks the out-of-range SUS answer
    assert "1. このシステムをしばしば使いたいと思う。" in out
    # [5,1,4,2,4,2,4,2,4,2]: odd 5,4,4,4,4 → 16; even 1,2,2,2,2 → 16; 32 × 2.5 = 80; 78.9 ≤ 80 < 80.8 → A-
    assert "  SUS 80.0（評価 A-）\n" in out
    # (10 − 4) × 350 × 365/30 ÷ 60 = 2555/6 = 425.83 → 425.8
    assert "1 件あたり 10 → 4 分、30 日で 350 件: 1 件 6.0 分短縮 × 350 件 × 365/30 ÷ 60 = 年間 425.8 時間" in out
    assert out.endswith("フィードバックを 1 件記録しました\n")
    recorded = [e.feedback for e in ws.trials()[("x", "tax")].feedback]
    assert recorded == [
        Feedback(
            tool="x",
            department="tax",
            respondent="山田",
            date=date(2026, 5, 27),
            ratings={"support": "5"},
            comment="確認画面が見やすい",
            effects=Effects(
                minutes_before=Decimal(10), minutes_with=Decimal(4), cases=Decimal(350), period_days=Decimal(30)
            ),
            sus=k2,
        )
    ]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_prompt_declined_records_nothing(ws: Workspace, lang: str, run: Callable[..., Result]) -> None:
    ws.start_trial("x", "tax", actor="advisor", now=T0)
    before = head(ws)
    keys = _answers("", "3", "", "meh", "n", "n", "n")
    result = run("-C", str(ws.root), "--lang", lang, "trial", "log", "x", "--dept", "tax", input=keys)
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith({"en": "nothing recorded\n", "ja": "記録しませんでした\n"}[lang])
    assert head(ws) == before


def test_prompt_without_trial_records_nothing(ws: Workspace, run: Callable[..., Result]) -> None:
    keys = _answers("", "3", "", "", "n", "n", "y")
    result = run("-C", str(ws.root), "--lang", "en", "trial", "log", "x", "--dept", "tax", input=keys)
    assert "has no trial there" in one_line_error(result)
    assert head(ws) == 0


def test_prompt_rates_a_criterion_taking_staff_ratings(evidence_ws: Workspace, run: Callable[..., Result]) -> None:
    evidence_ws.start_trial("x", "tax", actor="advisor", now=T0)
    keys = _answers("Sato", "4", "", "", "n", "n", "y")  # ease 4, support skipped, no comment
    root = str(evidence_ws.root)
    result = run("-C", root, "--lang", "en", "trial", "log", "x", "--dept", "tax", "--date", "2026-05-26", input=keys)
    assert result.exit_code == 0, result.output
    assert [e.feedback.ratings for e in evidence_ws.trials()[("x", "tax")].feedback] == [{"ease": "4"}]


def test_prompt_with_bad_date_is_a_one_line_error(ws: Workspace, run: Callable[..., Result]) -> None:
    ws.start_trial("x", "tax", actor="advisor", now=T0)
    keys = _answers("", "", "", "hello", "n", "n", "y")
    result = run(
        "-C", str(ws.root), "--lang", "en", "trial", "log", "x", "--dept", "tax", "--date", "2026-13-01", input=keys
    )
    assert result.exit_code in (1, 2)
    assert isinstance(result.exception, SystemExit)


# === 10. trial log with options ==================================================================

LOG_OPTIONS = (
    "--respondent",
    "窓口担当A",
    "--date",
    "2026-05-26",
    "--rating",
    "ease=4",
    "--rating",
    "support=5",
    "--minutes-before",
    "12",
    "--minutes-with",
    "5",
    "--cases",
    "400",
    "--period-days",
    "30",
    "--sus",
    "4,1,4,2,4,1,5,1,3,2",
    "--uxlite",
    "4,3",
    "--accuracy",
    "482/500",
    "--unit",
    "field",
    "--comment",
    "速い",
)


def test_log_with_options_in_english(ws: Workspace, run: Callable[..., Result]) -> None:
    ws.start_trial("x", "tax", actor="advisor", now=T0)
    root = str(ws.root)
    result = run("-C", root, "--lang", "en", "trial", "log", "x", "--dept", "tax", *LOG_OPTIONS, "--actor", "clerk")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "  Ease of use = 4",  # the criterion by its name
        "  Support = 5",
        # R2: 82.5, grade A (80.8 ≤ 82.5 < 84.1)
        "  SUS 82.5 (grade A)",
        # (4 − 1 + 3 − 1) ÷ 8 × 100 = 62.5
        "  UX-Lite 62.5",
        # 7 × 400 × 365/30 ÷ 60 = 5110/9 = 567.78 → 567.8
        "  12 → 5 min per case, 400 cases per 30 days: 7.0 min saved per case × 400 × 365/30 ÷ 60 "
        "= 567.8 hours per year",
        # 482 ÷ 500 = 0.964 → 96.40 %
        "  accuracy 482/500 (field level) = 96.40 %",
        "  “速い”",
        "recorded 1 feedback response(s)",
    ]
    entry = ws.trials()[("x", "tax")].feedback[0]
    assert entry.actor == "clerk"
    assert entry.feedback == Feedback(
        tool="x",
        department="tax",
        respondent="窓口担当A",
        date=date(2026, 5, 26),
        ratings={"ease": "4", "support": "5"},
        comment="速い",
        effects=Effects(
            minutes_before=Decimal(12), minutes_with=Decimal(5), cases=Decimal(400), period_days=Decimal(30)
        ),
        accuracy=AccuracySample(correct=482, total=500, unit="field"),
        sus=R2,
        uxlite=[4, 3],
    )
    again = run("-C", root, "--lang", "en", "trial", "log", "x", "--dept", "tax", *LOG_OPTIONS)
    assert again.exit_code == 0, again.output
    assert again.stdout.endswith("1 response(s) already recorded; skipped\n")
    assert len(ws.trials()[("x", "tax")].feedback) == 1


def test_log_with_options_in_japanese(ws: Workspace, run: Callable[..., Result]) -> None:
    ws.start_trial("x", "tax", actor="advisor", now=T0)
    result = run("-C", str(ws.root), "--lang", "ja", "trial", "log", "x", "--dept", "tax", *LOG_OPTIONS)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "  SUS 82.5（評価 A）" in lines
    assert "  1 件あたり 12 → 5 分、30 日で 400 件: 1 件 7.0 分短縮 × 400 件 × 365/30 ÷ 60 = 年間 567.8 時間" in lines
    assert "  正読 482/500（項目単位）= 96.40 %" in lines
    assert lines[-1] == "フィードバックを 1 件記録しました"


def test_log_refusals(ws: Workspace, run: Callable[..., Result]) -> None:
    root = str(ws.root)
    base = ("-C", root, "--lang", "en", "trial", "log", "x", "--dept", "tax")
    no_trial = run(*base, "--comment", "hello")
    assert "that tool has no trial there" in one_line_error(no_trial)
    ws.start_trial("x", "tax", actor="advisor", now=T0)
    before = head(ws)
    sus6 = run(*base, "--sus", "4,2,6,2,4,2,4,2,4,2")
    assert one_line_error(sus6) == "toolbench: SUS item 3: Input should be less than or equal to 5"
    nine = run(*base, "--sus", "4,2,4,2,4,2,4,2,4")
    assert "sus: SUS needs all 10 answers, got 9" in one_line_error(nine)
    off_scale = run(*base, "--rating", "ease=6")
    assert "ease=6: '6' is not on the scale 1–5" in one_line_error(off_scale)
    partial = run(*base, "--minutes-before", "12", "--minutes-with", "5")
    assert partial.exit_code == 2
    assert "measured effects need all four of --minutes-before, --minutes-with, --cases and --period-days" in (
        partial.stderr
    )
    no_unit = run(*base, "--accuracy", "482/500")
    assert no_unit.exit_code == 2 and "--accuracy CORRECT/TOTAL with --unit" in no_unit.stderr
    words = run(*base, "--sus", "4,2,x")
    assert words.exit_code == 2 and "is not 10 answers from 1 to 5" in words.stderr
    zero_days = run(*base, "--minutes-before", "12", "--minutes-with", "5", "--cases", "400", "--period-days", "0")
    assert "period_days" in one_line_error(zero_days)
    assert head(ws) == before


# === 11. Evidence into scores ====================================================================


def _record_evidence(workspace: Workspace) -> None:
    for tool, department in (("x", "tax"), ("x", "welfare"), ("y", "tax")):
        workspace.start_trial(tool, department, actor="advisor", now=T0)
    week = {"minutes_before": 20, "minutes_with": 15, "cases": 60, "period_days": 7}
    responses = [
        f1(),  # x/tax: ease 4, SUS R2 82.5, 5110/9 hours
        f1(
            respondent="B",
            ratings={"ease": "5"},
            sus=R1,
            effects={"minutes_before": 10, "minutes_with": 4, "cases": 350, "period_days": 30},
        ),  # x/tax: ease 5, SUS 50, 2555/6 hours
        f1(department="welfare", respondent="C", ratings={"ease": "2"}, sus=R3, effects=None),  # x/welfare: SUS 20
        f1(tool="y", respondent="D", ratings={"ease": "3"}, sus=BEST, effects=week),  # y/tax: SUS 100, 1825/7 hours
    ]
    workspace.record_feedback(responses, actor="advisor", now=T0)
    workspace.record_scores("x", "e1", {"support": "3"}, actor="e1", now=T0)
    workspace.record_scores("y", "e1", {"support": "5"}, actor="e1", now=T0)


def test_evidence_into_cells(evidence_ws: Workspace) -> None:
    _record_evidence(evidence_ws)
    evaluation = evidence_ws.evaluate()
    x, y = evaluation.results
    # ease from staff ratings, pooled over departments: x (0.75 + 1 + 0.25) ÷ 3 = 2/3 → 10 × 2/3 = 20/3
    cell = x.cells["ease"]
    assert (cell.source, cell.ratio, cell.points) == ("trials", Fraction(2, 3), Fraction(20, 3))
    assert cell.evidence is not None and (cell.evidence.value, cell.evidence.respondents) == (Fraction(2, 3), 3)
    # y: 0.5 from one rating → 10 × 0.5 = 5
    ease_y = y.cells["ease"]
    assert ease_y.evidence is not None and (ease_y.points, ease_y.evidence.respondents) == (Fraction(5), 1)
    # usability = mean SUS ÷ 100: x (82.5 + 50 + 20) ÷ 3 = 305/6 → ratio 305/600 = 61/120 → 20 × 61/120 = 61/6
    cell = x.cells["usability"]
    assert (cell.source, cell.ratio, cell.points) == ("trials", Fraction(61, 120), Fraction(61, 6))
    assert cell.evidence is not None and (cell.evidence.value, cell.evidence.respondents) == (Fraction(305, 6), 3)
    # y: SUS 100 → ratio 1 → 20
    assert (y.cells["usability"].ratio, y.cells["usability"].points) == (Fraction(1), Fraction(20))
    # hours per year, ratio to the best: x mean (5110/9 + 2555/6) ÷ 2 = 17885/36 (2 reports; C gave none);
    # y 1825/7 (5 × 60 × 365/7 ÷ 60). x is best → 30 points;
    # y ratio (1825/7) ÷ (17885/36) = 1825 × 36 ÷ (7 × 17885); 1825 = 25 × 73, 17885 = 5 × 7² × 73
    #   → 25 × 36 ÷ (5 × 7³) = 180/343 → 30 × 180/343 = 5400/343 (15.74…)
    cell = x.cells["time-saved"]
    assert (cell.source, cell.ratio, cell.points) == ("trials", Fraction(1), Fraction(30))
    assert cell.evidence is not None and (cell.evidence.value, cell.evidence.respondents) == (Fraction(17885, 36), 2)
    cell = y.cells["time-saved"]
    assert (cell.ratio, cell.points) == (Fraction(180, 343), Fraction(5400, 343))
    assert cell.evidence is not None and (cell.evidence.value, cell.evidence.respondents) == (Fraction(1825, 7), 1)
    # support by the evaluator: x 3 → 0.5 × 40 = 20, y 5 → 40
    # totals (the plan rounds only at the total, half up to 2 decimals):
    #   x 20/3 + 61/6 + 30 + 20 = (40 + 61 + 180 + 120)/6 = 401/6 = 66.833… → 66.83
    #   y 5 + 20 + 5400/343 + 40 = (65 × 343 + 5400)/343 = (22295 + 5400)/343 = 27695/343 = 80.743… → 80.74
    assert x.total == Fraction("66.83")
    assert y.total == Fraction("80.74")
    assert (y.rank, x.rank) == (1, 2)


@pytest.mark.parametrize(("lang", "shown"), [("en", "trials, n={n}"), ("ja", "試行 n={n}")])
def test_matrix_view_marks_trial_cells(evidence_ws: Workspace, lang: str, shown: str) -> None:
    _record_evidence(evidence_ws)
    view = matrix_view(evidence_ws.evaluate(), lang)  # type: ignore[arg-type]
    rows = {r.key: r for r in view.rows if r.kind == "criterion"}
    # the cells' points rounded half up to 2 decimals: 20/3 → 6.67, 61/6 → 10.17, 5400/343 = 15.743… → 15.74
    expected = {
        "ease": [("6.67", 3), ("5.00", 1)],
        "usability": [("10.17", 3), ("20.00", 1)],
        "time-saved": [("30.00", 2), ("15.74", 1)],
    }
    for key, cells in expected.items():
        got = [(c.value, c.detail, c.flags) for c in rows[key].cells]
        assert got == [(Decimal(v), shown.format(n=n), ("trials",)) for v, n in cells]
    assert [c.flags for c in rows["support"].cells] == [(), ()]


def test_matrix_json_with_trial_cells_matches_schema(evidence_ws: Workspace) -> None:
    _record_evidence(evidence_ws)
    data = json.loads(render(evidence_ws.evaluate(), "json", "en"))
    jsonschema.validate(data, SCHEMA)
    x = next(t for t in data["tools"] if t["id"] == "x")
    usability = next(c for c in x["cells"] if c["criterion"] == "usability")
    # 305/6 with 3 respondents; points 61/6 (10.1666… → 10.17); ratio 61/120
    assert usability["source"] == "trials" and usability["flags"] == ["trials"]
    assert usability["evidence"] == {"value": "305/6", "respondents": 3}
    assert (usability["points"], usability["points_exact"], usability["ratio_exact"]) == (10.17, "61/6", "61/120")
    hours = next(c for c in x["cells"] if c["criterion"] == "time-saved")
    assert hours["evidence"] == {"value": "17885/36", "respondents": 2}
    # total 401/6 = 66.833… → 66.83
    assert x["total"] == 66.83


def test_evaluators_cannot_score_a_criterion_from_trials(evidence_ws: Workspace, run: Callable[..., Result]) -> None:
    _record_evidence(evidence_ws)
    before = head(evidence_ws)
    for criterion in ("ease", "usability", "time-saved"):
        with pytest.raises(ScoreError) as caught:
            evidence_ws.record_scores("x", "e1", {criterion: "4"}, actor="e1")
        assert caught.value.key == "score.from_trials"  # says where the value comes from instead
        assert "takes its value from trial feedback" in str(caught.value) and "evaluators score: support" in str(
            caught.value
        )
    with pytest.raises(ScoreError):
        evidence_ws.moderate("x", "ease", "4", comment="agreed", actor="e1")
    result = run("-C", str(evidence_ws.root), "--lang", "en", "score", "x", "-e", "e1", "ease=4")
    assert "criterion 'ease'" in one_line_error(result)
    assert head(evidence_ws) == before


def test_evidence_criteria_without_feedback_are_missing(evidence_ws: Workspace) -> None:
    evaluation = evidence_ws.evaluate()
    for result in evaluation.results:
        for criterion in ("ease", "usability", "time-saved"):
            cell = result.cells[criterion]
            assert (cell.source, cell.points, cell.evidence) == ("trials", None, None)
    view = matrix_view(evaluation, "en")
    ease = next(r for r in view.rows if r.key == "ease" and r.kind == "criterion")
    assert [c.flags for c in ease.cells] == [("missing",), ("missing",)]


def test_measured_value_refused_for_a_criterion_from_trials(evidence_ws: Workspace) -> None:
    before = head(evidence_ws)
    with pytest.raises(ScoreError):
        evidence_ws.record_metrics("x", {"time-saved": "500"}, source="pilot log", actor="e1")
    assert head(evidence_ws) == before


@pytest.mark.parametrize(
    "option, value",
    [
        ("--period-days", "1e-999999999"),
        ("--period-days", "0.5"),
        ("--minutes-before", "1e999999999"),
        ("--cases", "1e999999999"),
    ],
)
def test_absurd_effect_figures_are_refused_at_once(
    demo: Workspace, option: str, value: str, run: Callable[..., Result]
) -> None:
    """Exponents like 1e-999999999 would make exact arithmetic run for ever; they are refused, nothing recorded."""
    figures = {"--minutes-before": "12", "--minutes-with": "5", "--cases": "400", "--period-days": "30", option: value}
    args = [a for pair in figures.items() for a in pair]
    before = demo.ledger.head()
    result = run("--lang", "en", "-C", str(demo.root), "trial", "log", "kamiscan", "--dept", "tax", *args)
    assert result.exit_code == 1 and result.stderr.startswith("toolbench: effects.")
    assert demo.ledger.head() == before
