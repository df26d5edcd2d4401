"""Each role behind `Workspace` works on its own, on a real workspace folder and SQLite ledger.

The roles (folder, scoring, hearings, trials, fairness, blinding, reading) are built
from a workspace's plan and ledger exactly as the facade builds them; the last tests
check that the facade still offers every method it did and records the same events.
"""

from __future__ import annotations

import stat
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from toolbench.base.errors import ScoreError, WorkspaceError
from toolbench.methods.coi import COI_DECLARED
from toolbench.methods.evaluation import METRIC_RECORDED, SCORE_MODERATED, SCORE_RECORDED
from toolbench.methods.hearings import HEARING_RECORDED, HearingError
from toolbench.methods.locking import BLIND_ASSIGNED, BLIND_REVEALED, PLAN_LOCKED, SCORES_LOCKED
from toolbench.methods.trial_metrics import Feedback, TrainingSession
from toolbench.methods.trials import TRIAL_MOVED, TRIAL_STARTED, TrialError
from toolbench.model.plan import Evaluator, Tool
from toolbench.workspace import folder
from toolbench.workspace.blinding import Blinding
from toolbench.workspace.demo import DEMO_FEEDBACK, DEMO_HEARINGS, DEMO_TRAINING, build_single_round_demo
from toolbench.workspace.fairness import Fairness
from toolbench.workspace.hearings import Hearings
from toolbench.workspace.reading import Reading
from toolbench.workspace.scoring import ScoreOutcome, Scoring
from toolbench.workspace.trials import FeedbackOutcome, Trials
from toolbench.workspace.workspace import Workspace

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)

METRIC_PLAN = """\
[evaluation]
title = "Metrics"
language = "en"

[groups]
g = "G"

[[criteria]]
id = "speed"
name = "Pages per minute"
group = "g"
kind = "metric"
points = 10
metric = { rule = "ratio_to_best" }

[[tools]]
id = "x"
name = "X"
vendor = "X Co."
"""


@pytest.fixture()
def demo(tmp_path: Path) -> Iterator[Workspace]:
    workspace = build_single_round_demo(tmp_path / "demo")
    yield workspace
    workspace.close()


def _blinding(ws: Workspace) -> Blinding:
    return Blinding(ws.root, ws.plan, ws.ledger)


def _scoring(ws: Workspace) -> Scoring:
    return Scoring(ws.plan, ws.ledger, _blinding(ws))


# -- folder ------------------------------------------------------------------------


def test_folder_creates_opens_and_refuses_to_overwrite(tmp_path: Path) -> None:
    assert "ai-ocr" in folder.rubric_names()
    assert folder.rubric_data("ai-ocr")["rubric"]["id"] == "ai-ocr"
    with pytest.raises(WorkspaceError) as unknown:
        folder.rubric_data("../ai-ocr")
    assert unknown.value.key == "rubric.unknown"

    made = folder.create(tmp_path / "ws", tools=[Tool.model_validate({"id": "t", "name": "T", "vendor": "V"})])
    made.ledger.close()
    assert (made.root / "toolbench.toml").is_file()
    assert (made.root / ".toolbench" / "ledger.sqlite").is_file()
    text = (made.root / "toolbench.toml").read_text(encoding="utf-8")
    assert "# [[evaluators]]" in text and "# [[tools]]" not in text  # the template only for what is missing

    inner = made.root / "notes" / "deep"
    inner.mkdir(parents=True)
    found = folder.open_folder(inner)
    found.ledger.close()
    assert found.root == made.root.resolve() and found.plan.hash == made.plan.hash
    with pytest.raises(WorkspaceError) as nested:
        folder.open_folder(inner, search_parents=False)
    assert nested.value.key == "workspace.not_found"
    with pytest.raises(WorkspaceError) as again:
        folder.create(made.root)
    assert again.value.key == "workspace.exists"


def test_folder_starts_a_ledger_for_a_copied_plan_once(tmp_path: Path) -> None:
    root = tmp_path / "copied"
    root.mkdir()
    (root / "toolbench.toml").write_text(METRIC_PLAN, encoding="utf-8")
    with pytest.raises(WorkspaceError) as missing:
        folder.open_folder(root)
    assert missing.value.key == "workspace.no_ledger"
    started = folder.start_ledger(root)
    started.ledger.close()
    with Workspace.open(root) as ws:
        ws.record_metrics("x", {"speed": "3"}, source="log", actor="t", now=NOW)
    with pytest.raises(WorkspaceError) as exists:
        folder.start_ledger(root)
    assert exists.value.key == "workspace.ledger_exists" and exists.value.params["count"] == 1


# -- scoring -----------------------------------------------------------------------


def test_scoring_records_only_changes_and_asks_for_a_reason(demo: Workspace) -> None:
    scoring = _scoring(demo)
    before = demo.ledger.head()
    assert before is not None
    preview = scoring.record_scores("kamiscan", "ueda", {"ease-of-use": "4"}, actor="ueda", now=NOW)
    assert isinstance(preview, ScoreOutcome)
    [event] = preview.recorded
    assert event.kind == SCORE_RECORDED and event.seq == before.seq + 1
    assert dict(event.payload) == {"tool": "kamiscan", "evaluator": "ueda", "criterion": "ease-of-use", "level": "4"}

    again = scoring.record_scores("kamiscan", "ueda", {"ease-of-use": "4"}, actor="ueda", now=NOW)
    assert again.recorded == () and again.unchanged == ("ease-of-use",)
    with pytest.raises(ScoreError) as no_reason:
        scoring.record_scores("kamiscan", "ueda", {"ease-of-use": "5"}, actor="ueda", now=NOW)
    assert no_reason.value.key == "score.reason_required" and no_reason.value.params["seq"] == event.seq

    dry = scoring.record_sheet("ueda", {"kamiscan": {"ease-of-use": "5"}}, actor="ueda", reason="typo", dry_run=True)
    assert [e.seq for e in dry.recorded] == [0] and dry.recorded[0].payload["supersedes"] == event.seq
    assert demo.ledger.head() == event  # a dry run writes nothing


def test_scoring_checks_must_haves_and_moderations(demo: Workspace) -> None:
    scoring = _scoring(demo)
    assert scoring.check_level("lgwan", "適") == "pass"
    assert scoring.check_level("lgwan", "FAIL") == "fail"
    with pytest.raises(ScoreError) as off:
        scoring.check_level("accuracy", "9")
    assert off.value.key == "score.off_scale"
    with pytest.raises(ScoreError) as frozen:  # the demo's committee agreed on FormEye's ease of use
        scoring.record_scores("formeye", "ishii", {"ease-of-use": "2"}, actor="ishii", now=NOW)
    assert frozen.value.key == "score.frozen"

    moderated = scoring.moderate("kamiscan", "accuracy", "3", comment=" 合議 ", actor="aoki", now=NOW)
    assert [e.kind for e in moderated.recorded] == [SCORE_MODERATED]
    assert moderated.recorded[0].payload["comment"] == "合議"
    repeat = scoring.moderate("kamiscan", "accuracy", "3", comment="合議", actor="aoki", now=NOW)
    assert repeat.recorded == () and repeat.unchanged_cells == (("kamiscan", "accuracy"),)
    with pytest.raises(ScoreError) as bare:
        scoring.moderate("kamiscan", "accuracy", "4", comment="  ", actor="aoki", now=NOW)
    assert bare.value.key == "moderate.comment_required"


def test_scoring_records_measured_values_with_their_source(tmp_path: Path) -> None:
    root = tmp_path / "metrics"
    root.mkdir()
    (root / "toolbench.toml").write_text(METRIC_PLAN, encoding="utf-8")
    with Workspace.start_ledger(root) as ws:
        scoring = _scoring(ws)
        outcome = scoring.record_metrics("x", {"speed": "1,200.50"}, source=" pilot log ", actor="t", now=NOW)
        [event] = outcome.recorded
        assert event.kind == METRIC_RECORDED
        assert dict(event.payload) == {"tool": "x", "criterion": "speed", "value": "1200.5", "source": "pilot log"}
        same = scoring.record_metrics("x", {"speed": Decimal("1200.5")}, source="pilot log", actor="t", now=NOW)
        assert same.recorded == () and same.unchanged == ("speed",)
        for value, key in (("-1", "metric.negative"), ("lots", "metric.bad_value"), ("1e99", "metric.out_of_range")):
            with pytest.raises(ScoreError) as bad:
                scoring.record_metrics("x", {"speed": value}, source="s", actor="t", reason="r", now=NOW)
            assert bad.value.key == key
        with pytest.raises(ScoreError) as unsourced:
            scoring.record_metrics("x", {"speed": "1"}, source=" ", actor="t", now=NOW)
        assert unsourced.value.key == "metric.no_source"


# -- hearings ----------------------------------------------------------------------


def test_hearings_skip_repeats_and_need_a_reason_to_change(demo: Workspace) -> None:
    hearings = Hearings(demo.plan, demo.ledger)
    (first, first_answers), (_, other_answers) = DEMO_HEARINGS[0], DEMO_HEARINGS[2]
    assert hearings.record_hearing(first, first_answers, actor="advisor", now=NOW) is None
    assert hearings.record_hearings(DEMO_HEARINGS, actor="advisor") == 0
    weights = hearings.weights()
    assert weights is not None and weights == demo.weights()

    with pytest.raises(HearingError) as refused:
        hearings.record_hearing(first, other_answers, actor="advisor", now=NOW)
    assert refused.value.key == "hearing.reason_required"
    event = hearings.record_hearing(first, other_answers, actor="advisor", reason="re-heard", now=NOW)
    assert event is not None and event.kind == HEARING_RECORDED
    assert event.payload["reason"] == "re-heard" and isinstance(event.payload["supersedes"], int)


# -- trials ------------------------------------------------------------------------


def test_trials_start_move_and_refuse_what_the_phase_graph_forbids(demo: Workspace) -> None:
    trials = Trials(demo.plan, demo.ledger)
    assert ("kamiscan", "tax") in trials.trials()
    first = demo.plan.trial_phases[0].id
    started = trials.start_trial("formeye", "tax", actor="advisor", note="survey", now=NOW)
    assert started.kind == TRIAL_STARTED
    assert dict(started.payload) == {"tool": "formeye", "department": "tax", "phase": first, "note": "survey"}
    with pytest.raises(TrialError) as twice:
        trials.start_trial("formeye", "tax", actor="advisor", now=NOW)
    assert twice.value.key == "trial.already"
    with pytest.raises(TrialError) as unknown:
        trials.check_target("formeye", "parks")
    assert unknown.value.key == "trial.unknown_department"

    final = next(p.id for p in demo.plan.trial_phases if p.final)
    with pytest.raises(TrialError) as jump:
        trials.move_trial("formeye", "tax", final, actor="advisor", now=NOW)
    assert jump.value.key == "trial.move_refused"
    step = trials.trials()[("formeye", "tax")]
    assert step.phase == first


def test_trials_feedback_and_training_are_recorded_once(demo: Workspace) -> None:
    trials = Trials(demo.plan, demo.ledger)
    head = demo.ledger.head()
    feedback = [Feedback.model_validate(entry) for entry in DEMO_FEEDBACK]
    outcome = trials.record_feedback(feedback, actor="advisor", now=NOW)
    assert isinstance(outcome, FeedbackOutcome)
    assert outcome.recorded == () and len(outcome.skipped) == len(feedback)
    assert trials.record_training(TrainingSession.model_validate(DEMO_TRAINING), actor="advisor", now=NOW) is None
    assert demo.ledger.head() == head

    assert trials.check_staff_rating("ease-of-use", " 4 ") == "4"
    with pytest.raises(TrialError) as bad:
        trials.check_staff_rating("ease-of-use", "11")
    assert bad.value.key == "trial.bad_rating"
    fresh = Feedback.model_validate({**DEMO_FEEDBACK[0], "respondent": "税務課 新人D", "ratings": {"accuracy": "3"}})
    planned = trials.record_feedback([fresh], actor="advisor", dry_run=True)
    assert [e.seq for e in planned.recorded] == [0] and demo.ledger.head() == head


# -- fairness ----------------------------------------------------------------------


def test_fairness_declarations_and_locks(demo: Workspace) -> None:
    fairness = Fairness(demo.plan, demo.ledger)
    assert ("ueda", "formeye") in fairness.recusals()
    declared = fairness.declare_coi("aoki", tool="kamiscan", note=" 親族 ", actor="aoki", now=NOW)
    assert declared is not None and declared.kind == COI_DECLARED
    assert dict(declared.payload) == {"evaluator": "aoki", "tool": "kamiscan", "note": "親族"}
    assert fairness.declare_coi("aoki", tool="kamiscan", note="親族", actor="aoki", now=NOW) is None
    assert ("aoki", "kamiscan") in fairness.recusals()
    with pytest.raises(ScoreError) as both:
        fairness.declare_coi("aoki", company="X", tool="kamiscan", actor="aoki")
    assert both.value.key == "coi.company_or_tool"

    status = fairness.lock_status()
    assert status.locked and status.lock is not None and status.lock.kind == PLAN_LOCKED
    assert fairness.lock(actor="advisor", now=NOW) is None  # nothing changed since the demo locked
    closed = fairness.lock_scores(actor="aoki", reason=" final ", now=NOW)
    assert closed is not None and closed.kind == SCORES_LOCKED
    assert dict(closed.payload) == {"head": closed.seq - 1, "reason": "final"}
    assert fairness.lock_scores(actor="aoki", now=NOW) is None
    with pytest.raises(ScoreError) as locked:
        _scoring(demo).record_scores("kamiscan", "ueda", {"ease-of-use": "4"}, actor="ueda", now=NOW)
    assert locked.value.key == "score.scores_locked"


# -- blinding and reading ----------------------------------------------------------


def test_blinding_labels_hide_tools_until_revealed(demo: Workspace) -> None:
    blinding = _blinding(demo)
    assert blinding.labels() is None
    assigned = blinding.blind(actor="advisor", seed=7, now=NOW)
    assert assigned.kind == BLIND_ASSIGNED and assigned.payload["count"] == 3
    assert stat.S_IMODE(blinding.file.stat().st_mode) == 0o600
    labels = blinding.labels()
    assert labels is not None and set(labels) == {"alpha-reader", "kamiscan", "formeye"}
    assert blinding.resolve_tool(labels["formeye"]) == "formeye"
    with pytest.raises(ScoreError) as real:  # while blind, a real id is never confirmed
        blinding.resolve_tool("formeye")
    assert real.value.key == "blind.label_only"
    with pytest.raises(ScoreError) as twice:
        blinding.blind(actor="advisor", now=NOW)
    assert twice.value.key == "blind.already"

    # while blind, a refusal names the label, never the tool or its reseller
    with pytest.raises(ScoreError) as recused:
        _scoring(demo).record_scores("formeye", "ueda", {"accuracy": "3"}, actor="ueda", now=NOW)
    assert recused.value.key == "score.recused" and recused.value.params["tool"] == labels["formeye"]
    shown = Reading(demo.plan, demo.ledger, blinding).evaluate()
    assert shown.blind == assigned.payload["commitment"]
    assert {r.tool.id for r in shown.results} == set(labels.values())

    revealed = blinding.unblind(actor="advisor", now=NOW + timedelta(hours=1))
    assert revealed.kind == BLIND_REVEALED and revealed.payload["mapping"] == labels
    assert not blinding.file.exists() and blinding.labels() is None
    with pytest.raises(ScoreError) as over:
        blinding.unblind(actor="advisor", now=NOW)
    assert over.value.key == "blind.not_active"


def test_reading_filters_events_verifies_and_evaluates(demo: Workspace) -> None:
    reading = Reading(demo.plan, demo.ledger, _blinding(demo))
    everything = reading.events()
    assert [e.seq for e in everything] == list(range(1, len(everything) + 1))
    trial_events = reading.events(kind="trial")
    assert trial_events and all(e.kind.startswith("trial.") for e in trial_events)
    assert {e.kind for e in reading.events(kind=TRIAL_MOVED)} == {TRIAL_MOVED}
    aoki = reading.events(kind=SCORE_RECORDED, evaluator="aoki", tool="kamiscan")
    assert aoki and all(e.payload["evaluator"] == "aoki" and e.payload["tool"] == "kamiscan" for e in aoki)
    assert reading.events(since=NOW + timedelta(days=3650)) == []

    verification = reading.verify()
    assert verification.count == len(everything) and verification.bad_seq is None
    result = reading.evaluate()
    assert result.head_seq == len(everything) and result.blind is None
    assert [r.tool.id for r in result.ranking()] == [r.tool.id for r in demo.evaluate().ranking()]
    without = reading.evaluate(without=["ueda"])
    assert without.without == ("ueda",)
    with pytest.raises(ScoreError) as nobody:
        reading.evaluate(without=["nobody"])
    assert nobody.value.key == "score.unknown_evaluator"


# -- the facade --------------------------------------------------------------------

FACADE_METHODS = (
    "init",
    "start_ledger",
    "open",
    "close",
    "record_scores",
    "check_level",
    "record_sheet",
    "record_metrics",
    "moderate",
    "declare_coi",
    "recusals",
    "lock",
    "lock_status",
    "lock_scores",
    "blind",
    "blind_labels",
    "unblind",
    "resolve_tool",
    "trials",
    "start_trial",
    "move_trial",
    "check_feedback",
    "check_staff_rating",
    "record_feedback",
    "record_training",
    "record_hearing",
    "record_hearings",
    "weights",
    "evaluate",
    "events",
    "verify",
)


def test_the_facade_still_offers_every_method(demo: Workspace) -> None:
    for name in FACADE_METHODS:
        assert callable(getattr(demo, name)), name
    assert demo._blind_file == _blinding(demo).file
    with pytest.raises(TrialError) as unknown:
        demo._trial_target("nothing", "tax")
    assert unknown.value.key == "trial.unknown_tool"


SCENARIO_TOOLS = [Tool.model_validate({"id": t, "name": t.upper(), "vendor": f"{t.upper()} Co."}) for t in ("a", "b")]
SCENARIO_EVALUATORS = [Evaluator(id="e1", name="E1"), Evaluator(id="e2", name="E2", affiliations=["B Co."])]


def _scenario_through_facade(root: Path) -> list[tuple[str, str, str]]:
    ws = Workspace.init(
        root,
        tools=SCENARIO_TOOLS,
        evaluators=SCENARIO_EVALUATORS,
    )
    with ws:
        ws.lock(actor="chair", now=NOW)
        ws.record_scores("a", "e1", {"accuracy": "4", "lgwan": "適"}, actor="e1", now=NOW)
        ws.record_sheet("e2", {"a": {"accuracy": "3"}}, actor="e2", now=NOW)
        ws.record_scores("a", "e1", {"accuracy": "5"}, actor="e1", reason="typo", now=NOW)
        ws.moderate("a", "accuracy", "4", comment="agreed", actor="chair", now=NOW)
        ws.declare_coi("e1", company="B Co.", actor="e1", now=NOW)
        ws.lock_scores(actor="chair", now=NOW)
        return [(e.kind, e.plan_hash, e.hash) for e in ws.events()]


def _scenario_through_roles(root: Path) -> list[tuple[str, str, str]]:
    made = folder.create(
        root,
        tools=SCENARIO_TOOLS,
        evaluators=SCENARIO_EVALUATORS,
    )
    ledger = made.ledger
    try:
        fairness = Fairness(made.plan, ledger)
        scoring = Scoring(made.plan, ledger, Blinding(made.root, made.plan, ledger))
        fairness.lock(actor="chair", now=NOW)
        scoring.record_scores("a", "e1", {"accuracy": "4", "lgwan": "適"}, actor="e1", now=NOW)
        scoring.record_sheet("e2", {"a": {"accuracy": "3"}}, actor="e2", now=NOW)
        scoring.record_scores("a", "e1", {"accuracy": "5"}, actor="e1", reason="typo", now=NOW)
        scoring.moderate("a", "accuracy", "4", comment="agreed", actor="chair", now=NOW)
        fairness.declare_coi("e1", company="B Co.", actor="e1", now=NOW)
        fairness.lock_scores(actor="chair", now=NOW)
        reading = Reading(made.plan, ledger, Blinding(made.root, made.plan, ledger))
        return [(e.kind, e.plan_hash, e.hash) for e in reading.events()]
    finally:
        ledger.close()


def test_the_facade_records_exactly_what_the_roles_record(tmp_path: Path) -> None:
    """Same steps through `Workspace` and through the role objects: the same hash chain, event for event."""
    through_facade = _scenario_through_facade(tmp_path / "one")
    through_roles = _scenario_through_roles(tmp_path / "two")
    assert len(through_facade) == 8
    assert through_facade == through_roles
