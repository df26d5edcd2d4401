"""Requirement fit tables (機能要件適合表) scored by hand: every rule of `toolbench.methods.fit`, and the plan errors.

The table below has six requirements on the fit criterion `fn` (20 points):

    R1 必須  R2 必須  R3 重要  R4 重要  R5 任意  R6 任意

Default raw points per answer: 必須 ○ +2 △ 0 × −5; 重要 ○ +1 △ 0 × −2; 任意 ○ +1 △ 0 × 0.
So the best possible raw sum is 2 + 2 + 1 + 1 + 1 + 1 = 8 and the worst −5 − 5 − 2 − 2 + 0 + 0 = −14.
`scaling = "max"`: ratio = max(0, raw) ÷ best; `"range"`: (raw − worst) ÷ (best − worst);
points = 20 × ratio. An answer − leaves its requirement out of the raw, best and worst sums.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from toolbench.base.errors import PlanError
from toolbench.methods.evaluation import Cell
from toolbench.methods.fit import FitCell
from toolbench.model.plan import load_plan, parse_plan
from toolbench.workspace.fit import FitError, FitRowsError
from toolbench.workspace.workspace import Workspace

NOW = datetime(2026, 4, 1, 1, 0, tzinfo=UTC)
OFFICE = "secretariat"
REQUIREMENTS = (
    ("R1", "required"),
    ("R2", "required"),
    ("R3", "important"),
    ("R4", "important"),
    ("R5", "optional"),
    ("R6", "optional"),
)
ALL_YES = {rid: "○" for rid, _ in REQUIREMENTS}


def plan_data(*, fit: Mapping[str, Any] | None = None, **tables: Any) -> dict[str, Any]:
    """A plan with the fit criterion `fn` (20 points) over R1–R6, a rating criterion `q` and tools a, b."""
    criterion: dict[str, Any] = {
        "id": "fn",
        "name": {"ja": "機能要件", "en": "Functional requirements"},
        "group": "g",
        "kind": "fit",
        "points": 20,
    }
    if fit is not None:
        criterion["fit"] = dict(fit)
    data: dict[str, Any] = {
        "evaluation": {"title": {"ja": "適合表の採点", "en": "Fit table scoring"}},
        "groups": {"g": {"ja": "機能", "en": "Function"}},
        "scales": {"abc": {"ratios": {"a": 1, "b": 0.5, "c": 0}}},
        "criteria": [
            criterion,
            {"id": "q", "name": {"ja": "品質", "en": "Quality"}, "group": "g", "scale": "abc", "points": 10},
        ],
        "requirements": [
            {
                "id": rid,
                "text": {"ja": f"要件 {rid}", "en": f"Requirement {rid}"},
                "category": {"ja": "機能", "en": "Function"},
                "priority": priority,
                "criterion": "fn",
            }
            for rid, priority in REQUIREMENTS
        ],
        "tools": [{"id": t, "name": t.upper(), "vendor": f"{t.upper()} 株式会社"} for t in ("a", "b")],
        "evaluators": [{"id": "e1", "name": "委員1"}],
    }
    data.update(tables)
    return data


def open_workspace(root: Path, data: Mapping[str, Any]) -> Workspace:
    """The plan's workspace, with the rating criterion `q` scored for both tools (only the fit table is open)."""
    root.mkdir()
    (root / "toolbench.toml").write_text(tomli_w.dumps(dict(data)), encoding="utf-8")
    workspace = Workspace.start_ledger(root)
    for tool in ("a", "b"):
        workspace.record_scores(tool, "e1", {"q": "a"}, actor="e1", now=NOW)
    return workspace


@pytest.fixture()
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(tmp_path / "w", plan_data())
    yield workspace
    workspace.close()


def answer(workspace: Workspace, tool: str, answers: Mapping[str, str], *, reason: str | None = None) -> None:
    """Record `tool`'s answers (every △ with the remark an alternative needs)."""
    rows = {rid: (value, "代替案: 運用で対応" if value == "△" else "") for rid, value in answers.items()}
    workspace.fitting.record_answers(tool, rows, actor=OFFICE, reason=reason, now=NOW)


def accept(workspace: Workspace, tool: str, *requirements: str) -> None:
    for rid in requirements or [r for r, _ in REQUIREMENTS]:
        workspace.fitting.verify(tool, rid, "accept", actor=OFFICE, now=NOW)


def sums(fit: FitCell) -> tuple[object, ...]:
    """The raw points, and the best and worst possible raw sums."""
    return (fit.raw, fit.best, fit.worst)


def cell(workspace: Workspace, tool: str = "a") -> tuple[Cell, FitCell]:
    found = workspace.evaluate().result(tool).cells["fn"]
    assert found.fit is not None
    return found, found.fit


# --- the points ---------------------------------------------------------------------


def test_default_points_once_every_answer_is_accepted(ws: Workspace) -> None:
    answer(ws, "a", {"R1": "○", "R2": "○", "R3": "△", "R4": "×", "R5": "○", "R6": "×"})
    accept(ws, "a")
    found, fit = cell(ws)
    # 2 + 2 + 0 − 2 + 1 + 0 = 3 of 8 → 20 × 3/8 = 7.5
    assert [row.raw for row in fit.rows] == [2, 2, 0, -2, 1, 0]
    assert sums(fit) == (3, 8, -14)
    assert fit.ratio == Fraction(3, 8) and found.points == Fraction(15, 2)
    assert dict(fit.counts) == {"yes": 3, "partial": 1, "no": 2}
    assert fit.awaiting == () and not fit.provisional
    assert {row.status for row in fit.rows} == {"accepted"}


def test_unverified_yes_and_no_count_provisionally(ws: Workspace) -> None:
    """Before the 事務局 verifies anything, ○ and × count as answered and the cell says it is provisional."""
    answer(ws, "a", {"R1": "○", "R2": "○", "R3": "○", "R4": "×", "R5": "○", "R6": "×"})
    found, fit = cell(ws)
    assert fit.raw == 2 + 2 + 1 - 2 + 1 + 0 == 4 and found.points == 10  # 20 × 4/8
    assert fit.awaiting == ("R1", "R2", "R3", "R4", "R5", "R6") and fit.provisional
    assert ws.evaluate().result("a").provisional


def test_custom_points(tmp_path: Path) -> None:
    points = {
        "required": {"yes": 3, "partial": 1, "no": -3},
        "important": {"yes": 2, "partial": 1, "no": -1},
        "optional": {"yes": 2, "partial": 1, "no": 0},
    }
    with open_workspace(tmp_path / "w", plan_data(fit={"points": points, "required_no": "points"})) as ws:
        answer(ws, "a", {"R1": "○", "R2": "×", "R3": "△", "R4": "×", "R5": "○", "R6": "△"})
        accept(ws, "a")
        found, fit = cell(ws)
        # 3 − 3 + 1 − 1 + 2 + 1 = 3; best 3 + 3 + 2 + 2 + 2 + 2 = 14; worst −3 − 3 − 1 − 1 + 0 + 0 = −8
        assert sums(fit) == (3, 14, -8)
        assert found.points == Fraction(20 * 3, 14)  # 30/7
        assert fit.required_failed == ("R2",)
        assert ws.evaluate().result("a").disqualified == ()  # required_no = "points": it only costs points


@pytest.mark.parametrize(
    ("answers", "raw", "max_ratio", "range_ratio"),
    [
        # all ○: the best either way
        (ALL_YES, 8, Fraction(1), Fraction(1)),
        # 2 + 2 − 2 − 2 + 0 + 0 = 0: nothing under "max", 14/22 of the way up from the worst under "range"
        ({"R1": "○", "R2": "○", "R3": "×", "R4": "×", "R5": "×", "R6": "×"}, 0, Fraction(0), Fraction(7, 11)),
        # −5 + 2 − 2 − 2 + 0 + 0 = −7: floored to 0 under "max"; (−7 + 14) / 22 under "range"
        ({"R1": "×", "R2": "○", "R3": "×", "R4": "×", "R5": "×", "R6": "×"}, -7, Fraction(0), Fraction(7, 22)),
        # every answer ×: the worst either way
        (dict.fromkeys(ALL_YES, "×"), -14, Fraction(0), Fraction(0)),
    ],
)
def test_scaling_max_and_range(
    tmp_path: Path, answers: dict[str, str], raw: int, max_ratio: Fraction, range_ratio: Fraction
) -> None:
    for scaling, ratio in (("max", max_ratio), ("range", range_ratio)):
        rule = {"scaling": scaling, "required_no": "points"}
        with open_workspace(tmp_path / scaling, plan_data(fit=rule)) as ws:
            answer(ws, "a", answers)
            accept(ws, "a")
            found, fit = cell(ws)
            assert fit.raw == raw, scaling
            assert fit.ratio == ratio and found.points == 20 * ratio, scaling
            assert found.points is not None and found.points >= 0  # a negative raw never gives negative points


def test_not_applicable_is_left_out_of_best_and_worst(tmp_path: Path) -> None:
    with open_workspace(tmp_path / "w", plan_data(fit={"scaling": "range"})) as ws:
        answer(ws, "a", {"R1": "○", "R2": "○", "R3": "×", "R4": "−", "R5": "○", "R6": "○"})
        accept(ws, "a")
        found, fit = cell(ws)
        # raw 2 + 2 − 2 + 1 + 1 = 4; R4 out: best 2 + 2 + 1 + 1 + 1 = 7, worst −5 − 5 − 2 + 0 + 0 = −12
        assert sums(fit) == (4, 7, -12)
        assert fit.ratio == Fraction(16, 19)  # (4 + 12) / (7 + 12); with R4 counted it would be 18/22
        assert found.points == Fraction(320, 19)
        assert fit.rows[3].value == "na" and fit.rows[3].raw is None
        assert dict(fit.counts) == {"yes": 4, "no": 1, "na": 1}


def test_not_applicable_under_max(ws: Workspace) -> None:
    answer(ws, "a", {"R1": "○", "R2": "○", "R3": "○", "R4": "−", "R5": "−", "R6": "○"})
    accept(ws, "a")
    found, fit = cell(ws)
    assert sums(fit)[:2] == (6, 6) and found.points == 20  # 2 + 2 + 1 + 1 of a best of 6


def test_partial_counts_as_no_until_accepted(ws: Workspace) -> None:
    answer(ws, "a", {**ALL_YES, "R3": "△"})
    accept(ws, "a", "R1", "R2", "R4", "R5", "R6")
    found, fit = cell(ws)
    # R3 △ unverified counts × (−2): 2 + 2 − 2 + 1 + 1 + 1 = 5 of 8
    assert fit.rows[2].value == "no" and fit.rows[2].status == "unverified" and fit.rows[2].raw == -2
    assert fit.raw == 5 and found.points == Fraction(25, 2)
    assert fit.awaiting == ("R3",) and fit.provisional
    assert dict(fit.self_counts) == {"yes": 5, "partial": 1} and dict(fit.counts) == {"yes": 5, "no": 1}
    accept(ws, "a", "R3")
    found, fit = cell(ws)
    # accepted: △ 0 → 2 + 2 + 0 + 1 + 1 + 1 = 7 of 8
    assert fit.rows[2].value == "partial" and fit.rows[2].status == "accepted"
    assert fit.raw == 7 and found.points == Fraction(35, 2) and not fit.provisional


def test_downgrades(ws: Workspace) -> None:
    answer(ws, "a", {**ALL_YES, "R4": "△"})
    accept(ws, "a", "R1", "R2", "R5", "R6")
    ws.fitting.verify("a", "R3", "downgrade", actor=OFFICE, reason="標準機能ではなく設定作業が要る", now=NOW)
    ws.fitting.verify("a", "R4", "downgrade", actor=OFFICE, reason="代替案では要件を満たさない", now=NOW)
    found, fit = cell(ws)
    # R3 ○ → △ (0), R4 △ → × (−2): 2 + 2 + 0 − 2 + 1 + 1 = 4 of 8
    assert [(row.value, row.status) for row in fit.rows[2:4]] == [("partial", "downgraded"), ("no", "downgraded")]
    assert fit.raw == 4 and found.points == 10 and not fit.provisional
    assert dict(fit.self_counts) == {"yes": 5, "partial": 1}
    assert dict(fit.counts) == {"yes": 4, "partial": 1, "no": 1}
    with pytest.raises(FitError) as cannot:  # × cannot go lower
        answer(ws, "b", {"R4": "×"})
        ws.fitting.verify("b", "R4", "downgrade", actor=OFFICE, reason="x", now=NOW)
    assert cannot.value.key == "fit.cannot_downgrade"
    with pytest.raises(FitError) as why:  # a downgrade needs its reason
        ws.fitting.verify("a", "R1", "downgrade", actor=OFFICE, now=NOW)
    assert why.value.key == "fit.verify_reason"


def test_the_secretariat_can_reject_a_not_applicable_answer(ws: Workspace) -> None:
    """R1 (必須) answered − although it applies: the 事務局 rejects it and it counts as ×, which disqualifies."""
    answer(ws, "a", {**ALL_YES, "R1": "−"})
    accept(ws, "a", "R2", "R3", "R4", "R5", "R6")
    _, fit = cell(ws)
    assert sums(fit)[:2] == (6, 6)  # as it stands: R1 left out, full points, no disqualification
    ws.fitting.verify("a", "R1", "downgrade", actor=OFFICE, reason="本市の運用では適用される要件である", now=NOW)
    result = ws.evaluate().result("a")
    assert [d.key for d in result.disqualified] == ["dq.fit_required"]


def test_a_query_keeps_the_answer_unverified(ws: Workspace) -> None:
    answer(ws, "a", {**ALL_YES, "R3": "△"})
    accept(ws, "a", "R1", "R2", "R4", "R5", "R6")
    ws.fitting.verify("a", "R3", "query", actor=OFFICE, reason="代替案の費用を確認したい", now=NOW)
    found, fit = cell(ws)
    assert fit.rows[2].status == "queried" and fit.rows[2].value == "no"  # still × until accepted
    assert fit.raw == 5 and found.points == Fraction(25, 2)
    assert fit.awaiting == ("R3",) and fit.provisional
    # the proposer's reply changes the answer (with its reason): the query no longer applies to it
    answer(ws, "a", {"R3": "○"}, reason="照会への回答: 標準機能で対応")
    found, fit = cell(ws)
    assert fit.rows[2].status == "unverified" and fit.rows[2].verification is None
    # the new ○ counts provisionally: 2 + 2 + 1 + 1 + 1 + 1 = 8, awaiting verification
    assert fit.raw == 8 and fit.awaiting == ("R3",) and fit.provisional
    accept(ws, "a", "R3")
    found, fit = cell(ws)
    assert fit.raw == 8 and found.points == 20 and not fit.provisional


def test_required_no_disqualifies(ws: Workspace) -> None:
    answer(ws, "a", {**ALL_YES, "R1": "×"})
    accept(ws, "a")
    result = ws.evaluate().result("a")
    assert [d.key for d in result.disqualified] == ["dq.fit_required"]
    assert not result.eligible
    fit = result.cells["fn"].fit
    assert fit is not None and fit.required_failed == ("R1",) and fit.required_pending == ()


def test_required_no_only_costs_points_when_the_plan_says_so(tmp_path: Path) -> None:
    with open_workspace(tmp_path / "w", plan_data(fit={"required_no": "points"})) as ws:
        answer(ws, "a", {**ALL_YES, "R1": "×"})
        accept(ws, "a")
        result = ws.evaluate().result("a")
        assert result.disqualified == () and result.eligible
        fit = result.cells["fn"].fit
        assert fit is not None and fit.required_failed == ("R1",)
        assert fit.raw == -5 + 2 + 1 + 1 + 1 + 1 == 1 and result.cells["fn"].points == Fraction(5, 2)  # 20 × 1/8


def test_unverified_partial_on_a_required_requirement_is_pending(ws: Workspace) -> None:
    answer(ws, "a", {**ALL_YES, "R1": "△"})
    accept(ws, "a", "R2", "R3", "R4", "R5", "R6")
    result = ws.evaluate().result("a")
    fit = result.cells["fn"].fit
    assert fit is not None
    # counted × for the points (−5 + 2 + 1 + 1 + 1 + 1 = 1), but it does not disqualify yet
    assert fit.raw == 1 and result.cells["fn"].points == Fraction(5, 2)
    assert fit.required_pending == ("R1",) and fit.required_failed == ()
    assert result.disqualified == () and result.provisional and fit.provisional
    accept(ws, "a", "R1")
    result = ws.evaluate().result("a")
    fit = result.cells["fn"].fit
    assert fit is not None and fit.required_pending == () and not result.provisional
    assert fit.raw == 6 and result.cells["fn"].points == 15  # 0 + 2 + 1 + 1 + 1 + 1 of 8


def test_a_downgraded_partial_on_a_required_requirement_disqualifies(ws: Workspace) -> None:
    answer(ws, "a", {**ALL_YES, "R2": "△"})
    accept(ws, "a", "R1", "R3", "R4", "R5", "R6")
    ws.fitting.verify("a", "R2", "downgrade", actor=OFFICE, reason="次期版は契約期間内に提供されない", now=NOW)
    result = ws.evaluate().result("a")
    assert [d.key for d in result.disqualified] == ["dq.fit_required"]
    fit = result.cells["fn"].fit
    assert fit is not None and fit.required_failed == ("R2",) and fit.required_pending == ()


def test_an_unanswered_requirement_leaves_the_cell_unscored(ws: Workspace) -> None:
    answer(ws, "a", {rid: "○" for rid in ("R1", "R2", "R3", "R4", "R5")})
    accept(ws, "a", "R1", "R2", "R3", "R4", "R5")
    evaluation = ws.evaluate()
    result = evaluation.result("a")
    found = result.cells["fn"]
    assert found.points is None and not found.scored  # never zero
    assert found.fit is not None and found.fit.raw is None and found.fit.ratio is None
    assert found.fit.unanswered == ("R6",) and found.fit.rows[5].answer is None
    assert found.fit.best == 8  # the unanswered row still counts in the best possible
    assert "fn" in result.unscored and result.provisional
    untouched = evaluation.result("b").cells["fn"]
    assert untouched.points is None and untouched.fit is not None
    assert untouched.fit.unanswered == tuple(rid for rid, _ in REQUIREMENTS)


def test_answers_are_recorded_all_or_nothing(ws: Workspace) -> None:
    with pytest.raises(FitRowsError) as refused:
        ws.fitting.record_answers(
            "a", {"R1": ("○", ""), "R2": ("?", ""), "R3": ("△", ""), "R9": ("○", "")}, actor=OFFICE, now=NOW
        )
    problems = refused.value.problems
    assert [(p.requirement, p.key) for p in problems] == [
        ("R2", "fit.bad_answer"),
        ("R3", "fit.partial_needs_remark"),
        ("R9", "fit.unknown_requirement"),
    ]
    assert [e for e in ws.events() if e.kind.startswith("fit.")] == []
    answer(ws, "a", {"R1": "○"})
    with pytest.raises(FitError):  # a changed answer needs its reason
        answer(ws, "a", {"R1": "×"})
    assert ws.fitting.record_answers("a", {"R1": ("○", "")}, actor=OFFICE, now=NOW) == ()  # a repeat records nothing


# --- plan errors ----------------------------------------------------------------------


def problems_of(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(PlanError) as error:
        parse_plan(dict(data), file="plan.toml")
    return [(p.path, p.key) for p in error.value.problems]


def test_unknown_priority() -> None:
    data = plan_data()
    data["requirements"][1]["priority"] = "must"
    assert problems_of(data) == [("requirements[1].priority", "plan.fit_unknown_priority")]


def test_unknown_or_non_fit_criterion() -> None:
    data = plan_data()
    data["requirements"][0]["criterion"] = "nope"
    data["requirements"][2]["criterion"] = "q"  # a rating criterion
    assert problems_of(data) == [
        ("requirements[0].criterion", "plan.fit_unknown_criterion"),
        ("requirements[2].criterion", "plan.fit_unknown_criterion"),
    ]


def test_fit_rule_on_a_non_fit_criterion() -> None:
    data = plan_data()
    data["criteria"][1]["fit"] = {"scaling": "range"}
    assert problems_of(data) == [("criteria[1].fit", "plan.fit_only")]


def test_fit_criterion_without_requirements() -> None:
    data = plan_data()
    data["criteria"].append({"id": "fn2", "name": "第二", "group": "g", "kind": "fit", "points": 5})
    assert problems_of(data) == [("criteria[2]", "plan.fit_no_requirements")]


def test_fit_points_missing_for_a_declared_priority() -> None:
    data = plan_data(fit={"points": {"required": {"yes": 2, "partial": 0, "no": -5}}})
    found = problems_of(data)
    assert found == [("criteria[0].fit.points", "plan.fit_points_missing")] * 2  # important, optional


CSV_HEADER = "id,text,category,priority,criterion,text_en\n"


def write_plan_with_file(root: Path, name: str, content: str, *, also_listed: bool = False) -> Path:
    root.mkdir()
    data = plan_data(fit={"required_no": "disqualify"})
    if not also_listed:
        del data["requirements"]
    data["fit"] = {"file": name}
    (root / name).write_text(content, encoding="utf-8")
    path = root / "toolbench.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def test_requirements_file_loads(tmp_path: Path) -> None:
    rows = "".join(f"{rid},要件 {rid},機能,{priority},fn,Requirement {rid}\n" for rid, priority in REQUIREMENTS)
    plan = load_plan(write_plan_with_file(tmp_path / "w", "reqs.csv", CSV_HEADER + rows))
    assert [(r.id, r.priority, r.text.en) for r in plan.requirements][:2] == [
        ("R1", "required", "Requirement R1"),
        ("R2", "required", "Requirement R2"),
    ]
    assert len(plan.fit_requirements("fn")) == 6


def test_requirements_file_bad_row_is_named_by_file_and_line(tmp_path: Path) -> None:
    content = CSV_HEADER + "R1,要件1,機能,required,fn,\nR2,要件2,機能,required,fn,\nR3,要件3,機能,must,fn,\n"
    path = write_plan_with_file(tmp_path / "w", "reqs.csv", content)
    with pytest.raises(PlanError) as error:
        load_plan(path)
    (problem,) = error.value.problems
    csv_path = str(tmp_path / "w" / "reqs.csv")
    assert (problem.file, problem.line, problem.path, problem.key) == (
        csv_path,
        4,
        "priority",
        "plan.fit_unknown_priority",
    )  # line 1 is the header
    assert f"{csv_path}:4" in error.value.message()


def test_requirements_file_missing_columns(tmp_path: Path) -> None:
    path = write_plan_with_file(tmp_path / "w", "reqs.csv", "id,text,category\nR1,要件1,機能\n")
    with pytest.raises(PlanError) as error:
        load_plan(path)
    (problem,) = error.value.problems
    assert (problem.file, problem.line, problem.key) == (str(tmp_path / "w" / "reqs.csv"), 1, "plan.fit_file_columns")
    assert problem.params["missing"] == "priority, criterion"


def test_requirements_file_and_list_both_given(tmp_path: Path) -> None:
    rows = "".join(f"{rid},要件 {rid},機能,{priority},fn,\n" for rid, priority in REQUIREMENTS)
    path = write_plan_with_file(tmp_path / "w", "reqs.csv", CSV_HEADER + rows, also_listed=True)
    with pytest.raises(PlanError) as error:
        load_plan(path)
    (problem,) = error.value.problems
    assert (problem.file, problem.key) == (str(path), "plan.fit_file_and_list")


def test_accept_rest_accepts_every_unverified_answer_but_each_partial(ws: Workspace) -> None:
    """R1 ○, R2 △, R3 ×, R4 −, R5 ○ (queried), R6 ○ (downgraded): accept-rest accepts R1, R3 and R4 only."""
    answer(ws, "a", {**ALL_YES, "R2": "△", "R3": "×", "R4": "−"})
    ws.fitting.verify("a", "R5", "query", actor=OFFICE, reason="実績を確認したい", now=NOW)
    ws.fitting.verify("a", "R6", "downgrade", actor=OFFICE, reason="有償の追加機能", now=NOW)
    recorded = ws.fitting.accept_rest("a", actor=OFFICE, now=NOW)
    assert [e.payload["requirement"] for e in recorded] == ["R1", "R3", "R4"]
    assert {e.payload["action"] for e in recorded} == {"accept"}
    _, fit = cell(ws)
    assert fit.awaiting == ("R2", "R5")  # the △ and the queried answer still wait
    assert ws.fitting.accept_rest("a", actor=OFFICE, now=NOW) == ()  # nothing left: nothing recorded
