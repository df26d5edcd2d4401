"""The hearings feature end to end: recording, importing, group weights, derived points, reports.

Real workspaces on disk, real SQLite ledgers, the real command line (CliRunner); no mocks.
The maths of weighting.py is tested in test_weighting.py; here every expected number is
worked by hand in a comment next to the assertion.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from openpyxl import Workbook, load_workbook

from toolbench import Workspace
from toolbench.cli import cli
from toolbench.documents.matrix import matrix_view
from toolbench.methods.hearings import HEARING_RECORDED, Answers, HearingError, Respondent, current_hearings
from toolbench.model.plan import Department, Text
from toolbench.store.ledger import Event
from toolbench.workspace.hearing_import import parse_rows

DOCS_EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "hearings.csv"

# --- a three-criterion plan with departments and stakeholder groups ------------------------

PLAN = """\
[evaluation]
title = {{ ja = "重みの試験", en = "Weights test" }}
language = "en"
rounding = "half_up"
decimals = 2

[groups]
core = {{ ja = "基本", en = "Core" }}
extra = {{ ja = "追加", en = "Extra" }}

[scales.abc]
ratios = {{ a = 1.0, b = 0.5, c = 0.0 }}

[[criteria]]
id = "c1"
name = {{ ja = "読取精度", en = "Accuracy" }}
group = "core"
points = 10
scale = "abc"
description = {{ ja = "実帳票での正読率", en = "Read rate on real forms" }}

[[criteria]]
id = "c2"
name = {{ ja = "使いやすさ", en = "Ease of use" }}
group = "core"
points = 10
scale = "abc"
description = {{ ja = "確認画面の分かりやすさ", en = "Clarity of the checking screen" }}

[[criteria]]
id = "c3"
name = {{ ja = "サポート", en = "Support" }}
group = "extra"
points = 10
scale = "abc"

[[tools]]
id = "x"
name = "X"
vendor = "X Co."

[[tools]]
id = "y"
name = "Y"
vendor = "Y Co."

[[evaluators]]
id = "e1"
name = "E1"

[[evaluators]]
id = "e2"
name = "E2"

[[departments]]
id = "tax"
name = {{ ja = "税務課", en = '{tax_name}' }}

[[departments]]
id = "digital"
name = {{ ja = "デジタル戦略課", en = '{digital_name}' }}

[stakeholders]
staff = {{ ja = "職員", en = "Staff" }}
ict = {{ ja = "情報政策", en = "ICT policy" }}

[weights]
{weights}
"""


def plan_text(weights: str = "", tax_name: str = "Taxation", digital_name: str = "Digital Strategy") -> str:
    return PLAN.format(weights=weights, tax_name=tax_name, digital_name=digital_name)


MakeWorkspace = Callable[..., Workspace]


@pytest.fixture()
def make(tmp_path: Path) -> Iterator[MakeWorkspace]:
    """Create a workspace from PLAN (with `[weights]` lines and department names) and an empty ledger."""
    opened: list[Workspace] = []
    count = 0

    def factory(weights: str = "", **names: str) -> Workspace:
        nonlocal count
        count += 1
        root = tmp_path / f"ws{count}"
        root.mkdir()
        (root / "toolbench.toml").write_text(plan_text(weights, **names), encoding="utf-8")
        workspace = Workspace.start_ledger(root)
        opened.append(workspace)
        return workspace

    yield factory
    for workspace in opened:
        workspace.close()


def reopen_with(workspace: Workspace, weights: str) -> Workspace:
    """Rewrite the plan's [weights] table and open the workspace again (same ledger)."""
    (workspace.root / "toolbench.toml").write_text(plan_text(weights), encoding="utf-8")
    workspace.close()
    return Workspace.open(workspace.root)


def person(
    id: str, department: str = "tax", group: str = "staff", weight: int | str = 1, readiness: int | None = None
) -> Respondent:
    return Respondent(id=id, department=department, group=group, weight=Decimal(weight), readiness=readiness)


def ratings(c1: int, c2: int, c3: int) -> Answers:
    return Answers(method="ratings", ratings={"c1": c1, "c2": c2, "c3": c3})


def pairwise(c1_c2: str, c1_c3: str, c2_c3: str) -> Answers:
    return Answers(method="pairwise", pairs=[("c1", "c2", c1_c2), ("c1", "c3", c1_c3), ("c2", "c3", c2_c3)])


@pytest.fixture()
def run(run: Callable[..., Result]) -> Callable[..., Result]:
    """The shared `run` of conftest.py on a wide terminal, so that table rows are not wrapped."""
    return functools.partial(run, env={"COLUMNS": "200"})


def hearing_events(workspace: Workspace) -> list[Event]:
    return [e for e in workspace.ledger.events() if e.kind == HEARING_RECORDED]


def assert_close(actual: dict[str, float], expected: dict[str, float], tol: float = 1e-9) -> None:
    assert set(actual) == set(expected)
    for key, value in expected.items():
        assert actual[key] == pytest.approx(value, abs=tol), key


# --- 1. group weights from direct answers -----------------------------------------------------


def test_group_weights_are_the_respondent_weighted_mean_and_points_sum_to_the_total(make: MakeWorkspace) -> None:
    workspace = make("points_total = 100")
    workspace.record_hearing(person("r1", "tax", "staff", weight=2), ratings(5, 3, 2), actor="t")
    workspace.record_hearing(person("r2", "digital", "ict", weight=1), ratings(1, 1, 3), actor="t")
    result = workspace.weights()
    assert result is not None
    # r1: (5, 3, 2) / 10 = (0.5, 0.3, 0.2);  r2: (1, 1, 3) / 5 = (0.2, 0.2, 0.6)
    assert_close(dict(result.respondents[0].weights), {"c1": 0.5, "c2": 0.3, "c3": 0.2})
    assert_close(dict(result.respondents[1].weights), {"c1": 0.2, "c2": 0.2, "c3": 0.6})
    # weights 2 and 1: c1 = (2·0.5 + 0.2)/3 = 0.4, c2 = (2·0.3 + 0.2)/3 = 0.8/3, c3 = (2·0.2 + 0.6)/3 = 1/3
    assert_close(dict(result.group), {"c1": 0.4, "c2": 0.8 / 3, "c3": 1 / 3})
    # quotas of 100: 40, 26.67, 33.33 -> floors 40 + 26 + 33 = 99; the one unit left goes to
    # the largest remainder, c2 (0.67)
    assert result.points == {"c1": Decimal(40), "c2": Decimal(27), "c3": Decimal(33)}
    assert sum(result.points.values()) == Decimal(100)
    assert result.points_total == Decimal(100)
    # disagreement: each department is its single respondent; c3 ranges 0.2–0.6, sd 0.2
    assert_close(dict(result.by_department["tax"]), {"c1": 0.5, "c2": 0.3, "c3": 0.2})
    assert_close(dict(result.by_stakeholder["ict"]), {"c1": 0.2, "c2": 0.2, "c3": 0.6})
    apart = result.spread("c3")
    assert apart is not None
    assert (apart.low, apart.high, apart.std) == pytest.approx((0.2, 0.6, 0.2))

    # equal weighting: c1 = (0.5 + 0.2)/2 = 0.35, c2 = (0.3 + 0.2)/2 = 0.25, c3 = (0.2 + 0.6)/2 = 0.4
    workspace = reopen_with(workspace, "points_total = 100\nrespondent_weights = false")
    try:
        equal = workspace.weights()
        assert equal is not None
        assert_close(dict(equal.group), {"c1": 0.35, "c2": 0.25, "c3": 0.4})
        assert equal.points == {"c1": Decimal(35), "c2": Decimal(25), "c3": Decimal(40)}
    finally:
        workspace.close()


def test_points_default_to_the_plan_total_and_may_have_decimals(make: MakeWorkspace) -> None:
    workspace = make()
    workspace.record_hearing(person("r1", weight=2), ratings(5, 3, 2), actor="t")
    workspace.record_hearing(person("r2", weight=1), ratings(1, 1, 3), actor="t")
    result = workspace.weights()
    assert result is not None
    # the plan's own total is 10 + 10 + 10 = 30; group (0.4, 0.2667, 0.3333) × 30 = 12, 8, 10
    assert result.points_total == Decimal(30)
    assert result.points == {"c1": Decimal(12), "c2": Decimal(8), "c3": Decimal(10)}

    workspace = reopen_with(workspace, "points_total = 100\npoints_decimals = 1")
    try:
        tenths = workspace.weights()
        assert tenths is not None
        # units of 0.1: quotas 400, 266.67, 333.33 -> 400 + 266 + 333 = 999; the last unit to c2
        assert tenths.points == {"c1": Decimal("40.0"), "c2": Decimal("26.7"), "c3": Decimal("33.3")}
        assert sum(tenths.points.values()) == Decimal(100)
    finally:
        workspace.close()


def test_allocation_answers_are_normalised_by_their_total(make: MakeWorkspace) -> None:
    workspace = make("points_total = 100")
    answers = Answers(
        method="allocation",
        allocation={"c1": Decimal(10), "c2": Decimal(6), "c3": Decimal(4)},
        allocation_total=Decimal(20),
    )
    workspace.record_hearing(person("r1"), answers, actor="t")
    result = workspace.weights()
    assert result is not None
    # 10/20, 6/20, 4/20 = 0.5, 0.3, 0.2 -> 50, 30, 20 points
    assert_close(dict(result.group), {"c1": 0.5, "c2": 0.3, "c3": 0.2})
    assert result.points == {"c1": Decimal(50), "c2": Decimal(30), "c3": Decimal(20)}


# --- 2. mixed methods ---------------------------------------------------------------------------


def test_mixed_methods_combine_each_kind_by_the_respondent_weight_behind_it(make: MakeWorkspace) -> None:
    workspace = make("points_total = 100")
    workspace.record_hearing(person("rater", weight=3), ratings(5, 3, 2), actor="t")
    # consistent judgments c1:c2 = 2, c1:c3 = 4, c2:c3 = 2 -> priorities 4:2:1 = (4/7, 2/7, 1/7), CR 0
    workspace.record_hearing(person("judge", "digital", "ict", weight=1), pairwise("2", "4", "2"), actor="t")
    result = workspace.weights()
    assert result is not None
    judge = next(r for r in result.respondents if r.hearing.respondent.id == "judge")
    assert_close(dict(judge.weights), {"c1": 4 / 7, "c2": 2 / 7, "c3": 1 / 7})
    assert judge.cr == pytest.approx(0, abs=1e-9)
    assert judge.consistent
    # direct vector (0.5, 0.3, 0.2) behind weight 3, AHP vector (4/7, 2/7, 1/7) behind weight 1:
    # c1 = (3·0.5 + 4/7)/4 = 14.5/28, c2 = (3·0.3 + 2/7)/4 = 8.3/28, c3 = (3·0.2 + 1/7)/4 = 5.2/28
    assert_close(dict(result.group), {"c1": 14.5 / 28, "c2": 8.3 / 28, "c3": 5.2 / 28})
    # quotas 51.79, 29.64, 18.57 -> 51 + 29 + 18 = 98; two units to the largest remainders c1, c2
    assert result.points == {"c1": Decimal(52), "c2": Decimal(30), "c3": Decimal(18)}

    # without respondent weights each kind counts once: c1 = (0.5 + 4/7)/2 = 7.5/14,
    # c2 = (0.3 + 2/7)/2 = 4.1/14, c3 = (0.2 + 1/7)/2 = 2.4/14
    # quotas 53.57, 29.29, 17.14 -> 53 + 29 + 17 = 99; one unit to c1
    workspace = reopen_with(workspace, "points_total = 100\nrespondent_weights = false")
    try:
        equal = workspace.weights()
        assert equal is not None
        assert_close(dict(equal.group), {"c1": 7.5 / 14, "c2": 4.1 / 14, "c3": 2.4 / 14})
        assert equal.points == {"c1": Decimal(54), "c2": Decimal(29), "c3": Decimal(17)}
    finally:
        workspace.close()


# --- 3. inconsistent respondents --------------------------------------------------------------


def test_an_inconsistent_pairwise_respondent_is_flagged_and_excluded_unless_the_plan_says(
    make: MakeWorkspace,
    run: Callable[..., Result],
) -> None:
    workspace = make("points_total = 100")
    workspace.record_hearing(person("rater"), ratings(5, 3, 2), actor="t")
    # a cycle: c1 ≫ c2 (9), c2 ≫ c3 (9), c3 ≫ c1 (c1:c3 = 1/9). Every row of the matrix holds
    # 1, 9 and 1/9, so the priorities are (1/3, 1/3, 1/3) and λmax = 1 + 9 + 1/9 = 10.11:
    # CI = (10.11 - 3)/2 = 3.56, CR = 3.56 / 0.58 = 6.13, far above 0.10
    workspace.record_hearing(person("cyclist", "digital", "ict"), pairwise("9", "1/9", "9"), actor="t")
    result = workspace.weights()
    assert result is not None
    cyclist = next(r for r in result.respondents if r.hearing.respondent.id == "cyclist")
    assert not cyclist.consistent
    assert cyclist.cr is not None and cyclist.cr == pytest.approx(6.13, abs=0.01)
    assert not cyclist.included
    assert [r.hearing.respondent.id for r in result.included] == ["rater"]
    # only the rater counts: (0.5, 0.3, 0.2) -> 50, 30, 20
    assert_close(dict(result.group), {"c1": 0.5, "c2": 0.3, "c3": 0.2})
    assert result.points == {"c1": Decimal(50), "c2": Decimal(30), "c3": Decimal(20)}
    # the report says so
    out = run("--lang", "en", "-C", str(workspace.root), "weights", "--format", "markdown")
    assert out.exit_code == 0, out.output
    cyclist_row = next(line for line in out.stdout.splitlines() if line.startswith("| cyclist |"))
    assert "not counted" in cyclist_row and "inconsistent (CR 6.1" in cyclist_row

    workspace = reopen_with(workspace, "points_total = 100\ninclude_inconsistent = true")
    try:
        included = workspace.weights()
        assert included is not None
        assert all(r.included for r in included.respondents)
        # (0.5 + 1/3)/2, (0.3 + 1/3)/2, (0.2 + 1/3)/2
        assert_close(dict(included.group), {"c1": 2.5 / 6, "c2": 1.9 / 6, "c3": 1.6 / 6})
    finally:
        workspace.close()


def test_weights_shows_a_flagged_respondent_even_when_nobody_counts(
    make: MakeWorkspace, run: Callable[..., Result]
) -> None:
    workspace = make()
    workspace.record_hearing(person("cyclist"), pairwise("9", "1/9", "9"), actor="t")
    out = run("--lang", "en", "-C", str(workspace.root), "weights")
    assert out.exit_code == 0
    assert "no hearings recorded yet" not in out.output
    assert "cyclist" in out.output


# --- 4. points derived from hearings in the evaluation -----------------------------------------


def test_an_evaluation_with_hearing_weights_uses_the_derived_points(
    make: MakeWorkspace, run: Callable[..., Result]
) -> None:
    workspace = make('source = "hearings"')
    workspace.record_scores("x", "e1", {"c1": "a", "c2": "b", "c3": "c"}, actor="e1")
    workspace.record_scores("x", "e2", {"c1": "b"}, actor="e2")

    # no hearings yet: the plan's 10 points each; x/c1 = 10 × (1.0 + 0.5)/2 = 7.5
    before = workspace.evaluate()
    assert before.weights is None
    assert before.result("x").cells["c1"].points == Fraction(15, 2)
    notes = matrix_view(before, "en").notes
    assert any("none are recorded yet" in n and "plan's own points" in n for n in notes)
    out = run("--lang", "en", "-C", str(workspace.root), "matrix", "--format", "json")
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["rules"]["points"] == "plan"
    assert [c["points"] for c in data["criteria"]] == [10.0, 10.0, 10.0]

    # one respondent rates (5, 3, 2): weights 0.5, 0.3, 0.2 of the plan's 30 -> 15, 9, 6
    workspace.record_hearing(person("r1"), ratings(5, 3, 2), actor="t")
    after = workspace.evaluate()
    assert after.weights is not None
    assert {c.id: c.points for c in after.plan.criteria} == {"c1": Decimal(15), "c2": Decimal(9), "c3": Decimal(6)}
    cells = after.result("x").cells
    assert cells["c1"].ratio == Fraction(3, 4)  # (1.0 + 0.5)/2
    assert cells["c1"].points == Fraction(15) * cells["c1"].ratio == Fraction(45, 4)  # 15 × 0.75
    assert cells["c2"].points == Fraction(9, 2)  # 9 × 0.5
    assert cells["c3"].points == 0  # 6 × 0
    assert after.result("x").total == Fraction(63, 4)  # 11.25 + 4.5 + 0
    assert after.max_points == 30
    notes = matrix_view(after, "en").notes
    assert any("Points derived from hearings: 1 respondent(s) counted, total 30" in n for n in notes)
    assert not any("none are recorded yet" in n for n in notes)

    out = run("--lang", "en", "-C", str(workspace.root), "matrix", "--format", "json")
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["rules"]["points"] == "hearings"
    assert {c["id"]: c["points"] for c in data["criteria"]} == {"c1": 15.0, "c2": 9.0, "c3": 6.0}
    x = next(t for t in data["tools"] if t["id"] == "x")
    assert {c["criterion"]: c["points"] for c in x["cells"]} == {"c1": 11.25, "c2": 4.5, "c3": 0.0}
    assert x["total"] == 15.75
    table = run("--lang", "en", "-C", str(workspace.root), "matrix")
    assert "Points derived from hearings" in table.stdout


def test_a_fixed_plan_ignores_hearings(make: MakeWorkspace) -> None:
    workspace = make()
    workspace.record_scores("x", "e1", {"c1": "a"}, actor="e1")
    workspace.record_hearing(person("r1"), ratings(5, 3, 2), actor="t")
    evaluation = workspace.evaluate()
    assert evaluation.weights is None
    assert evaluation.result("x").cells["c1"].points == 10  # 10 × 1.0: the plan's points
    assert not any("hearings" in n for n in matrix_view(evaluation, "en").notes)


# --- 5. importing ----------------------------------------------------------------------------

HEADER = "respondent,department,group,name,role,weight,readiness,method,total,c1,c2,c3,c1:c2,c1:c3,c2:c3"


def test_import_csv_utf8_with_bom_dry_run_then_real_then_again(
    make: MakeWorkspace, tmp_path: Path, run: Callable[..., Result]
) -> None:
    workspace = make("points_total = 100")
    lines = [
        HEADER,
        "clerk-1,tax,staff,Sato,counter,2,3,ratings,,5,3,2,,,",
        "clerk-2,tax,staff,,,,,allocation,20,10,6,4,,,",
        "lead,digital,ict,,,,5,pairwise,,,,,2,4,2",
    ]
    path = tmp_path / "heard.csv"
    path.write_bytes(b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode("utf-8"))
    root = str(workspace.root)

    dry = run("--lang", "en", "-C", root, "hearing", "import", str(path), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "row 2: clerk-1 (tax, staff) importance ratings" in dry.stdout
    assert "row 3: clerk-2 (tax, staff) points allocation" in dry.stdout
    assert "row 4: lead (digital, ict) pairwise comparison (AHP)" in dry.stdout
    assert "3 hearing(s) to record, 0 already recorded" in dry.stdout
    assert "nothing recorded" in dry.stdout
    assert hearing_events(workspace) == []

    real = run("--lang", "en", "-C", root, "hearing", "import", str(path), "--actor", "advisor")
    assert real.exit_code == 0, real.output
    assert "recorded 3 hearing(s) from heard.csv (0 already recorded)" in real.stdout
    heard = {h.respondent.id: h for h in current_hearings(workspace.ledger.events())}
    assert list(heard) == ["clerk-1", "clerk-2", "lead"]
    clerk = heard["clerk-1"]
    assert (clerk.respondent.name, clerk.respondent.role) == ("Sato", "counter")
    assert (clerk.respondent.weight, clerk.respondent.readiness) == (Decimal(2), 3)
    assert clerk.answers.ratings == {"c1": 5, "c2": 3, "c3": 2}
    assert clerk.actor == "advisor"
    assert heard["clerk-2"].respondent.weight == Decimal(1)
    assert heard["clerk-2"].answers.allocation == {"c1": Decimal(10), "c2": Decimal(6), "c3": Decimal(4)}
    assert heard["clerk-2"].answers.allocation_total == Decimal(20)
    assert heard["lead"].answers.pairs == [("c1", "c2", "2"), ("c1", "c3", "4"), ("c2", "c3", "2")]

    again = run("--lang", "en", "-C", root, "hearing", "import", str(path))
    assert again.exit_code == 0, again.output
    assert "recorded 0 hearing(s) from heard.csv (3 already recorded)" in again.stdout
    assert len(hearing_events(workspace)) == 3
    dry_again = run("--lang", "en", "-C", root, "hearing", "import", str(path), "--dry-run")
    assert "0 hearing(s) to record, 3 already recorded" in dry_again.stdout
    assert "row 2" not in dry_again.stdout


def test_import_csv_in_cp932_keeps_japanese_names(
    make: MakeWorkspace, tmp_path: Path, run: Callable[..., Result]
) -> None:
    workspace = make()
    lines = [HEADER, "yamada,tax,staff,山田 花子,課税担当,1,2,ratings,,4,4,2,,,"]
    path = tmp_path / "ヒアリング.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp932"))
    result = run("--lang", "ja", "-C", str(workspace.root), "hearing", "import", str(path))
    assert result.exit_code == 0, result.output
    assert "1 件のヒアリングを記録しました" in result.stdout
    [hearing] = current_hearings(workspace.ledger.events())
    assert (hearing.respondent.name, hearing.respondent.role) == ("山田 花子", "課税担当")
    assert hearing.answers.ratings == {"c1": 4, "c2": 4, "c3": 2}


def test_import_xlsx(make: MakeWorkspace, tmp_path: Path, run: Callable[..., Result]) -> None:
    workspace = make()
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append(["kato", "tax", "staff", "加藤", None, 3, None, "ratings", None, 5, 4, 1])
    sheet.append(["ito", "digital", "ict", None, None, None, 4, "pairwise", None, None, None, None, "3", "1/2", "1/5"])
    path = tmp_path / "heard.xlsx"
    book.save(path)
    root = str(workspace.root)

    dry = run("--lang", "en", "-C", root, "hearing", "import", str(path), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "row 2: kato (tax, staff)" in dry.stdout and "row 3: ito (digital, ict)" in dry.stdout
    assert hearing_events(workspace) == []

    real = run("--lang", "en", "-C", root, "hearing", "import", str(path))
    assert real.exit_code == 0, real.output
    heard = {h.respondent.id: h for h in current_hearings(workspace.ledger.events())}
    assert heard["kato"].respondent.name == "加藤"
    assert heard["kato"].respondent.weight == Decimal(3)
    assert heard["kato"].answers.ratings == {"c1": 5, "c2": 4, "c3": 1}
    assert heard["ito"].respondent.readiness == 4
    assert heard["ito"].answers.pairs == [("c1", "c2", "3"), ("c1", "c3", "1/2"), ("c2", "c3", "1/5")]

    again = run("--lang", "en", "-C", root, "hearing", "import", str(path))
    assert again.exit_code == 0 and "recorded 0 hearing(s)" in again.stdout
    assert len(hearing_events(workspace)) == 2


def test_import_xlsx_accepts_a_reciprocal_held_as_a_number(make: MakeWorkspace, tmp_path: Path) -> None:
    # A spreadsheet cell typed as =1/3 holds the number 0.333…; weighting.parse_judgment
    # documents that such a float "reads as 1/3".
    workspace = make()
    book = Workbook()
    sheet = book.active
    sheet.append(["respondent", "department", "group", "method", "c1:c2", "c1:c3", "c2:c3"])
    sheet.append(["ito", "digital", "ict", "pairwise", 3, 1 / 3, 1 / 9])
    path = tmp_path / "numbers.xlsx"
    book.save(path)
    [row] = parse_rows(workspace.plan, path)
    assert row.answers.pairs == [("c1", "c2", "3"), ("c1", "c3", "1/3"), ("c2", "c3", "1/9")]


def test_the_documented_example_file_imports(tmp_path: Path, run: Callable[..., Result]) -> None:
    workspace = Workspace.init(
        tmp_path / "example",
        rubric="ai-ocr",
        departments=[
            Department(id="tax", name=Text(ja="税務課", en="Taxation Division")),
            Department(id="digital", name=Text(ja="デジタル戦略課", en="Digital Strategy Division")),
        ],
        extra={"stakeholders": {"staff": {"ja": "職員", "en": "Staff"}, "ict": {"ja": "情報政策", "en": "ICT policy"}}},
    )
    try:
        result = run("--lang", "en", "-C", str(workspace.root), "hearing", "import", str(DOCS_EXAMPLE))
        assert result.exit_code == 0, result.output
        assert "recorded 3 hearing(s) from hearings.csv" in result.stdout
        heard = {h.respondent.id: h for h in current_hearings(workspace.ledger.events())}
        assert {k: h.answers.method for k, h in heard.items()} == {
            "tax-clerk-1": "ratings",
            "tax-clerk-2": "allocation",
            "digital-lead": "hierarchical",
        }
        assert heard["digital-lead"].respondent.role == "情報政策係長"
        assert heard["tax-clerk-1"].respondent.weight == Decimal(12)
        weights = workspace.weights()
        assert weights is not None
        by_id = {r.hearing.respondent.id: r for r in weights.respondents}
        # tax-clerk-1 rated 5, 5, 3, 3, 4, 5, 3 (sum 28): accuracy 5/28, price 3/28
        assert by_id["tax-clerk-1"].weights["accuracy"] == pytest.approx(5 / 28, abs=1e-12)
        assert by_id["tax-clerk-1"].weights["price"] == pytest.approx(3 / 28, abs=1e-12)
        # tax-clerk-2 spread 100: accuracy 30, form-definition 5
        assert by_id["tax-clerk-2"].weights["accuracy"] == pytest.approx(0.30, abs=1e-12)
        assert by_id["tax-clerk-2"].weights["form-definition"] == pytest.approx(0.05, abs=1e-12)
        lead = by_id["digital-lead"]
        # five criterion groups compared (10 pairs) and one within "function" (3 criteria)
        assert sorted(part for part, _ in lead.consistency) == ["function", "groups"]
        assert sum(lead.weights.values()) == pytest.approx(1, abs=1e-9)
        # within function: accuracy 3× handwriting, 5× form-definition, handwriting 2× form-definition
        assert lead.weights["accuracy"] > lead.weights["handwriting"] > lead.weights["form-definition"]
        # the rubric's 100 points less its measured read rate and its requirement fit table
        # (10 points each, which they keep: [weights] criteria)
        assert sum(weights.points.values()) == weights.points_total == Decimal(80)
    finally:
        workspace.close()


# --- 6. import errors --------------------------------------------------------------------------


def test_import_reports_every_problem_by_row_and_column_and_records_nothing(
    make: MakeWorkspace, tmp_path: Path, run: Callable[..., Result]
) -> None:
    workspace = make()
    lines = [
        HEADER + ",c4",  # c4 is a typo: the plan has c1, c2, c3
        "fine,tax,staff,,,,,ratings,,5,3,2,,,,",
        "too-much,tax,staff,,,,,ratings,,6,3,2,,,,",
        "short,tax,staff,,,,,allocation,100,50,30,10,,,,",
        "ten,digital,ict,,,,,pairwise,,,,,10,1,1,",
        "tenth,digital,ict,,,,,pairwise,,,,,1,1/10,1,",
        "finance-1,finance,staff,,,,,ratings,,5,3,2,,,,",
        "boss,tax,bosses,,,,,ratings,,5,3,2,,,,",
        "fine,tax,staff,,,,,ratings,,4,4,4,,,,",
    ]
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("--lang", "en", "-C", str(workspace.root), "hearing", "import", str(path))
    assert result.exit_code == 1
    message = result.stderr
    assert "bad.csv: 8 problem(s), nothing was recorded" in message
    assert "bad.csv row 1, column 'c4': unknown column; criteria are c1, c2, c3" in message
    assert "bad.csv row 3, column 'c1': 6 is not an importance on the scale 1-5" in message
    assert re.search(r"row 4, .*short.*adds up to 90, not 100", message)
    assert re.search(r"row 5, column 'c1:c2': '10' is not on Saaty", message)
    assert re.search(r"row 6, column 'c1:c3': '1/10' is not on Saaty", message)
    assert re.search(r"row 7, .*finance-1.*department 'finance' is not in the plan; use one of: tax, digital", message)
    assert re.search(r"row 8, .*boss.*stakeholder group 'bosses' is not in the plan", message)
    assert "bad.csv row 9, column 'respondent': 'fine' already answered in row 2" in message
    assert hearing_events(workspace) == []
    # the dry run reports the same and records nothing either
    dry = run("--lang", "en", "-C", str(workspace.root), "hearing", "import", str(path), "--dry-run")
    assert dry.exit_code == 1 and "8 problem(s)" in dry.stderr
    assert hearing_events(workspace) == []


def test_import_names_the_column_of_row_level_problems(make: MakeWorkspace, tmp_path: Path) -> None:
    workspace = make()
    lines = [
        HEADER,
        "ten,digital,ict,,,,,pairwise,,,,,10,1/10,1",
        "finance-1,finance,staff,,,,,ratings,,5,3,2,,,",
        "boss,tax,bosses,,,,,ratings,,5,3,2,,,",
    ]
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(HearingError) as caught:
        parse_rows(workspace.plan, path)
    message = caught.value.message("en")
    # docs/hearings.md: "each problem is reported with its row and column"
    assert "row 2, column 'c1:c2'" in message
    assert "row 2, column 'c1:c3'" in message  # every cell is checked, not only the first bad one
    assert "row 3, column 'department'" in message
    assert "row 4, column 'group'" in message


def test_a_bad_judgment_names_its_pair_once(make: MakeWorkspace) -> None:
    workspace = make()
    with pytest.raises(HearingError) as caught:
        workspace.record_hearing(person("ten"), pairwise("10", "1", "1"), actor="t")
    assert caught.value.message("en").count("(c1, c2)") == 1


def test_import_without_a_required_column(make: MakeWorkspace, tmp_path: Path, run: Callable[..., Result]) -> None:
    workspace = make()
    path = tmp_path / "no-group.csv"
    path.write_text("respondent,department,method,c1,c2,c3\nr1,tax,ratings,5,3,2\n", encoding="utf-8")
    result = run("--lang", "en", "-C", str(workspace.root), "hearing", "import", str(path))
    assert result.exit_code == 1
    assert "no-group.csv: no 'group' column" in result.stderr
    assert hearing_events(workspace) == []


def test_import_refuses_changed_answers_for_a_respondent_already_heard(
    make: MakeWorkspace, tmp_path: Path, run: Callable[..., Result]
) -> None:
    workspace = make()
    workspace.record_hearing(person("r1"), ratings(5, 3, 2), actor="t")
    path = tmp_path / "changed.csv"
    path.write_text(HEADER + "\nr1,tax,staff,,,,,ratings,,1,1,1,,,\nr2,tax,staff,,,,,ratings,,2,2,2,,,\n", "utf-8")
    result = run("--lang", "en", "-C", str(workspace.root), "hearing", "import", str(path))
    assert result.exit_code == 1
    assert "r1 answered differently before" in result.stderr and "--reason" in result.stderr
    assert [h.respondent.id for h in current_hearings(workspace.ledger.events())] == ["r1"]  # r2 neither


def test_import_a_file_in_an_unreadable_encoding(
    make: MakeWorkspace, tmp_path: Path, run: Callable[..., Result]
) -> None:
    workspace = make()
    path = tmp_path / "latin1.csv"
    # "é" (0xE9) followed by "," is neither UTF-8 nor a CP932 double-byte character
    path.write_bytes(
        "respondent,department,group,method,name,c1,c2,c3\nr1,tax,staff,ratings,José,5,3,2\n".encode("latin-1")
    )
    result = run("--lang", "en", "-C", str(workspace.root), "hearing", "import", str(path))
    assert result.exit_code == 1
    assert "latin1.csv: not UTF-8 or CP932 text" in result.stderr
    assert hearing_events(workspace) == []


def test_import_a_utf16_file_says_it_is_the_wrong_encoding(make: MakeWorkspace, tmp_path: Path) -> None:
    workspace = make()
    path = tmp_path / "utf16.csv"
    path.write_text("respondent,department,group,method,c1,c2,c3\nr1,tax,staff,ratings,5,3,2\n", encoding="utf-16")
    with pytest.raises(HearingError) as caught:
        parse_rows(workspace.plan, path)
    assert caught.value.key == "hearing.encoding"


# --- 7. hearing add ----------------------------------------------------------------------------


def test_hearing_add_with_options(make: MakeWorkspace, run: Callable[..., Result]) -> None:
    workspace = make()
    root = str(workspace.root)
    result = run(
        "--lang", "en", "-C", root, "hearing", "add",
        "--respondent", "clerk-1", "--dept", "tax", "--group", "staff", "--weight", "4", "--readiness", "2",
        "--name", "Sato", "--ratings", "c1=5,c2=3,c3=2", "--actor", "advisor",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "recorded the hearing of clerk-1 (importance ratings)" in result.stdout
    # 5/10, 3/10, 2/10
    assert "Accuracy: 50.0 %" in result.stdout and "Support: 20.0 %" in result.stdout
    [hearing] = current_hearings(workspace.ledger.events())
    assert hearing.respondent == Respondent(
        id="clerk-1", department="tax", group="staff", name="Sato", weight=Decimal(4), readiness=2
    )
    assert hearing.answers.ratings == {"c1": 5, "c2": 3, "c3": 2}
    assert hearing.actor == "advisor"

    pairs = run(
        "--lang", "en", "-C", root, "hearing", "add", "--respondent", "lead", "--dept", "digital", "--group", "ict",
        "--pairs", "c1:c2=2,c1:c3=4,c2:c3=2",
    )  # fmt: skip
    assert pairs.exit_code == 0, pairs.output
    assert "CR (all): 0.000" in pairs.stdout
    # hierarchical: @core:@extra = 3 -> core 3/4, extra 1/4; within core c1:c2 = 1 -> c1 = c2 = 3/8
    hier = run(
        "--lang", "en", "-C", root, "hearing", "add", "--respondent", "chief", "--dept", "tax", "--group", "staff",
        "--pairs", "@core:@extra=3,c1:c2=1",
    )  # fmt: skip
    assert hier.exit_code == 0, hier.output
    assert "Accuracy: 37.5 %" in hier.stdout and "Support: 25.0 %" in hier.stdout
    chief = next(h for h in current_hearings(workspace.ledger.events()) if h.respondent.id == "chief")
    assert chief.answers.method == "hierarchical"
    assert chief.answers.group_pairs == [("core", "extra", "3")]
    assert chief.answers.within == {"core": [("c1", "c2", "1")]}


def test_hearing_add_with_bad_options_records_nothing(make: MakeWorkspace, run: Callable[..., Result]) -> None:
    workspace = make()
    root = str(workspace.root)
    base = ("--lang", "en", "-C", root, "hearing", "add", "--respondent", "r1", "--group", "staff")
    unknown_dept = run(*base, "--dept", "finance", "--ratings", "c1=5,c2=3,c3=2")
    assert unknown_dept.exit_code == 1
    assert "respondent r1: department 'finance' is not in the plan; use one of: tax, digital" in unknown_dept.stderr
    off_scale = run(*base, "--dept", "tax", "--pairs", "c1:c2=1/10,c1:c3=1,c2:c3=1")
    assert off_scale.exit_code == 1 and "'1/10' is not on Saaty" in off_scale.stderr
    missing_pair = run(*base, "--dept", "tax", "--pairs", "c1:c2=3,c1:c3=3")
    assert missing_pair.exit_code == 1
    assert "respondent r1: pair (c2, c3): no judgment given" in missing_pair.stderr
    missing_rating = run(*base, "--dept", "tax", "--ratings", "c1=5,c2=3")
    assert missing_rating.exit_code == 1 and "no importance given for 'c3'" in missing_rating.stderr
    unknown_criterion = run(*base, "--dept", "tax", "--ratings", "c1=5,c2=3,c3=2,c9=1")
    assert unknown_criterion.exit_code == 1 and "'c9'" in unknown_criterion.stderr
    short = run(*base, "--dept", "tax", "--allocation", "c1=50,c2=30,c3=10")
    assert short.exit_code == 1 and "adds up to 90, not 100" in short.stderr
    no_dept = run(*base, "--ratings", "c1=5,c2=3,c3=2")
    assert no_dept.exit_code == 2
    assert hearing_events(workspace) == []


def test_hearing_add_interactive_ratings(make: MakeWorkspace, run: Callable[..., Result]) -> None:
    workspace = make()
    answers = [
        "not a slug!",  # refused: ids are slugs
        "clerk-9",
        "finance",  # refused: not a department of the plan
        "tax",
        "staff",
        "佐藤",  # name
        "",  # role: skipped
        "3",  # weight
        "4",  # readiness
        "ratings",
        "7",  # refused: importance is 1–5
        "5",
        "3",
        "2",
    ]
    result = run("--lang", "en", "-C", str(workspace.root), "hearing", "add", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Respondent id" in out and "Department [Taxation (tax) / Digital Strategy (digital)]" in out
    assert "Read rate on real forms" in out  # the criterion descriptions are shown
    assert "Importance of Accuracy (1 = low … 5 = essential)" in out
    assert "recorded the hearing of clerk-9 (importance ratings)" in out
    [hearing] = current_hearings(workspace.ledger.events())
    assert hearing.respondent.id == "clerk-9"
    assert (hearing.respondent.department, hearing.respondent.group) == ("tax", "staff")
    assert (hearing.respondent.name, hearing.respondent.role) == ("佐藤", None)
    assert (hearing.respondent.weight, hearing.respondent.readiness) == (Decimal(3), 4)
    assert hearing.answers == ratings(5, 3, 2)


def test_hearing_add_interactive_pairwise_revisits_inconsistent_judgments(
    make: MakeWorkspace, run: Callable[..., Result]
) -> None:
    workspace = make()
    person_answers = ["lead", "digital", "ict", "", "", "1", "", "pairwise"]
    # first round: a cycle (c1 ≫ c2, c2 ≫ c3, c3 ≫ c1), CR ≈ 6.1; "10" is off the scale and asked again
    first = ["10", "9", "1/9", "9"]
    # the priorities of a cycle are equal, so all three pairs fit equally badly and each is
    # suggested as "1"; revisiting them all with 1 gives CR 0
    revisit = ["y", "1", "1", "1"]
    result = run(
        "--lang", "en", "-C", str(workspace.root), "hearing", "add",
        input="\n".join(person_answers + first + revisit) + "\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Accuracy vs Ease of use: how much more important is Accuracy?" in out
    assert "10 is not on Saaty's 1–9 scale" in out
    assert re.search(r"not very consistent \(CR 6\.\d+, above 0\.1", out)
    assert "Accuracy vs Ease of use: you said 9; the rest of your answers suggest about 1" in out
    assert "Accuracy vs Support: you said 1/9; the rest of your answers suggest about 1" in out
    assert "Ease of use vs Support: you said 9; the rest of your answers suggest about 1" in out
    assert "Revisit these judgments?" in out
    assert out.count("not very consistent") == 1
    assert "CR (all): 0.000" in out
    [hearing] = current_hearings(workspace.ledger.events())
    assert hearing.answers.method == "pairwise"
    assert sorted(hearing.answers.pairs) == [("c1", "c2", "1"), ("c1", "c3", "1"), ("c2", "c3", "1")]
    result_weights = workspace.weights()
    assert result_weights is not None
    [lead] = result_weights.respondents
    assert lead.consistent and lead.cr == pytest.approx(0, abs=1e-9)
    assert_close(dict(lead.weights), {"c1": 1 / 3, "c2": 1 / 3, "c3": 1 / 3})


def test_hearing_add_interactive_pairwise_may_keep_inconsistent_answers(
    make: MakeWorkspace, run: Callable[..., Result]
) -> None:
    workspace = make()
    answers = ["lead", "digital", "ict", "", "", "1", "", "pairwise", "9", "1/9", "9", "n"]
    result = run("--lang", "en", "-C", str(workspace.root), "hearing", "add", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    [hearing] = current_hearings(workspace.ledger.events())
    assert hearing.answers.pairs == [("c1", "c2", "9"), ("c1", "c3", "1/9"), ("c2", "c3", "9")]
    result_weights = workspace.weights()
    # the only respondent is inconsistent: shown as heard, but nothing is derived from them
    assert result_weights is not None and not result_weights.points
    assert [r.included for r in result_weights.respondents] == [False]


def test_hearing_add_interactive_in_japanese(make: MakeWorkspace, run: Callable[..., Result]) -> None:
    workspace = make()
    answers = ["kato", "tax", "staff", "", "", "1", "", "ratings", "4", "4", "2"]
    result = run("--lang", "ja", "-C", str(workspace.root), "hearing", "add", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "回答者 ID" in out and "部署 [税務課 (tax) / デジタル戦略課 (digital)]" in out and "関係者区分" in out
    assert "読取精度 の重要度（1 = 低い … 5 = 不可欠）" in out
    assert "実帳票での正読率" in out  # the Japanese description
    assert "kato のヒアリング（重要度評価）を記録しました" in out
    [hearing] = current_hearings(workspace.ledger.events())
    assert hearing.answers == ratings(4, 4, 2)


# --- 8. re-recording ----------------------------------------------------------------------------


def test_rerecording_needs_a_reason_and_the_same_answers_record_nothing(
    make: MakeWorkspace, run: Callable[..., Result]
) -> None:
    workspace = make()
    base = ("--lang", "en", "-C", str(workspace.root), "hearing", "add", "--respondent", "r1", "--dept", "tax")
    first = run(*base, "--group", "staff", "--ratings", "c1=5,c2=3,c3=2")
    assert first.exit_code == 0, first.output
    same = run(*base, "--group", "staff", "--ratings", "c3=2,c2=3,c1=5")
    assert same.exit_code == 0, same.output
    assert "the hearing of r1 is already recorded with these answers; nothing recorded" in same.stdout
    assert len(hearing_events(workspace)) == 1

    changed = run(*base, "--group", "staff", "--ratings", "c1=1,c2=3,c3=2")
    assert changed.exit_code == 1
    assert "respondent r1 was already heard (event 1); recording different answers needs --reason" in changed.stderr
    assert len(hearing_events(workspace)) == 1
    regrouped = run(*base, "--group", "ict", "--ratings", "c1=5,c2=3,c3=2")  # the respondent changed, too
    assert regrouped.exit_code == 1 and "r1" in regrouped.stderr

    fixed = run(*base, "--group", "staff", "--ratings", "c1=1,c2=3,c3=2", "--reason", "misheard c1")
    assert fixed.exit_code == 0, fixed.output
    events = hearing_events(workspace)
    assert len(events) == 2
    assert events[1].payload["supersedes"] == events[0].seq
    assert events[1].payload["reason"] == "misheard c1"
    [current] = current_hearings(workspace.ledger.events())
    assert current.answers == ratings(1, 3, 2)
    weights = workspace.weights()
    assert weights is not None
    assert_close(dict(weights.group), {"c1": 1 / 6, "c2": 3 / 6, "c3": 2 / 6})  # 1, 3, 2 out of 6


def test_record_hearing_api_returns_none_for_the_same_answers(make: MakeWorkspace) -> None:
    workspace = make()
    event = workspace.record_hearing(person("r1"), ratings(5, 3, 2), actor="t")
    assert event is not None and event.kind == HEARING_RECORDED
    assert workspace.record_hearing(person("r1"), ratings(5, 3, 2), actor="t") is None
    with pytest.raises(HearingError) as caught:
        workspace.record_hearing(person("r1"), ratings(5, 3, 3), actor="t")
    assert caught.value.key == "hearing.reason_required" and caught.value.params["respondent"] == "r1"
    assert (
        workspace.record_hearings([(person("r1"), ratings(5, 3, 2)), (person("r2"), ratings(1, 1, 1))], actor="t") == 1
    )
    assert len(hearing_events(workspace)) == 2


# --- 9. toolbench weights in every format ------------------------------------------------------


def test_weights_json_on_the_demo(demo: Workspace, run: Callable[..., Result]) -> None:
    result = run("--lang", "en", "-C", str(demo.root), "weights", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert abs(sum(data["group"].values()) - 1) <= 1e-9
    assert sum(Decimal(str(p)) for p in data["points"].values()) == Decimal(str(data["points_total"])) == 100
    assert set(data["points"]) == set(data["criteria"]) and "lgwan" not in data["criteria"]  # must-haves unweighted
    respondents = {r["respondent"]["id"]: r for r in data["respondents"]}
    assert list(respondents) == ["tax-clerk-1", "tax-clerk-2", "tax-chief", "digital-lead"]
    assert respondents["tax-clerk-1"]["consistency"] == []
    lead = respondents["digital-lead"]
    assert lead["method"] == "hierarchical"
    assert {part["part"] for part in lead["consistency"]} == {"groups", "function"}
    assert all(0 <= part["cr"] <= 0.10 for part in lead["consistency"])
    assert all(r["included"] for r in data["respondents"])
    # tax-clerk-1's ratings 5, 5, 3, 3, 4, 5, 3 sum to 28: accuracy 5/28
    assert respondents["tax-clerk-1"]["weights"]["accuracy"] == pytest.approx(5 / 28, abs=1e-12)
    # readiness per group: staff (2 + 3)/2 = 2.5, management 4, ict 5
    assert data["readiness"] == {"staff": 2.5, "management": 4.0, "ict": 5.0}
    assert set(data["by_department"]) == {"tax", "digital"}


def test_weights_table_markdown_and_csv_on_the_demo(
    demo: Workspace, tmp_path: Path, run: Callable[..., Result]
) -> None:
    root = str(demo.root)
    table = run("--lang", "en", "-C", root, "weights")
    assert table.exit_code == 0, table.output
    for text in ("Criterion weights from hearings", "Who was heard", "digital-lead", "Readiness (1-5)", "2.5"):
        assert text in table.stdout

    markdown = run("--lang", "en", "-C", root, "weights", "--format", "markdown")
    assert markdown.exit_code == 0, markdown.output
    assert "## Criterion weights from hearings" in markdown.stdout
    assert "## Who was heard" in markdown.stdout
    assert "| Criterion | Group weight | Points | Spread (min to max) |" in markdown.stdout
    assert re.search(r"^\| tax-chief \| Taxation Division \| Management \| importance ratings \| - \| yes \|$",
                     markdown.stdout, re.M)  # fmt: skip

    out = tmp_path / "weights.csv"
    written = run("--lang", "en", "-C", root, "weights", "--format", "csv", "-o", str(out))
    assert written.exit_code == 0, written.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))

    def table(header: list[str]) -> list[list[str]]:
        """The rows under a header, up to the empty row that ends the section."""
        start = next(i for i, row in enumerate(rows) if row[: len(header)] == header) + 1
        end = next((i for i in range(start, len(rows)) if not rows[i]), len(rows))
        return rows[start:end]

    assert rows[0] == ["Criterion weights from hearings"]
    main = table(["Criterion", "Group weight", "Points", "Spread (min to max)"])
    # every digit of a weight is in the CSV (the terminal shows 0.1 %): the shares add up to 1
    assert abs(sum(float(r[1]) for r in main) - 1) < 1e-12
    assert sum(int(r[2]) for r in main) == 100
    each = table(["Criterion", "tax-clerk-1", "tax-clerk-2", "tax-chief", "digital-lead"])
    # tax-clerk-2 allocated 30 of 100 to accuracy
    accuracy = next(r for r in each if r[0] == "Recognition accuracy")
    assert float(accuracy[2]) == pytest.approx(0.3, abs=1e-12)


def test_weights_without_hearings(make: MakeWorkspace, run: Callable[..., Result]) -> None:
    workspace = make()
    result = run("--lang", "en", "-C", str(workspace.root), "weights")
    assert result.exit_code == 0
    assert "no hearings recorded yet" in result.output


HOSTILE_DEPT = "<script>alert(1)</script>"
FORMULA_DEPT = '=HYPERLINK("http://evil.example/","click")'


def hostile_workspace(make: MakeWorkspace) -> Workspace:
    workspace = make("points_total = 100", tax_name=HOSTILE_DEPT, digital_name=FORMULA_DEPT)
    workspace.record_hearing(person("r1", "tax", "staff", weight=2), ratings(5, 3, 2), actor="t")
    workspace.record_hearing(person("r2", "digital", "ict"), pairwise("2", "4", "2"), actor="t")
    return workspace


def test_weights_html_is_self_contained_and_escapes_names(
    make: MakeWorkspace, tmp_path: Path, run: Callable[..., Result]
) -> None:
    workspace = hostile_workspace(make)
    out = tmp_path / "weights.html"
    result = run("--lang", "en", "-C", str(workspace.root), "weights", "--format", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<svg" in page and "</svg>" in page
    assert "<style>" in page
    # nothing fetched from elsewhere
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"url\(\s*[\"']?\s*(?:https?:)?//|@import|<link|<script", page, re.I)
    # the hostile names are there, as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "=HYPERLINK(&quot;http://evil.example/&quot;,&quot;click&quot;)" in page
    assert not re.search(r"<a [^>]*href=\"(?!#)", page)  # only the page's own contents links
    # one bar per criterion, one dot per counted respondent and criterion (2 × 3)
    assert page.count("<rect ") == 3 and page.count("<circle ") == 6


def test_weights_xlsx_keeps_formulas_as_text(make: MakeWorkspace, tmp_path: Path, run: Callable[..., Result]) -> None:
    workspace = hostile_workspace(make)
    root = str(workspace.root)
    no_output = run("--lang", "en", "-C", root, "weights", "--format", "xlsx")
    assert no_output.exit_code == 2
    assert "-o" in no_output.output

    out = tmp_path / "weights.xlsx"
    result = run("--lang", "en", "-C", root, "weights", "--format", "xlsx", "-o", str(out))
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    try:
        assert "Criterion weights from hearings" in book.sheetnames
        formula_cells = [
            cell
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if isinstance(cell.value, str) and cell.value.startswith("=")
        ]
        assert formula_cells, "the department name should appear in the workbook"
        for cell in formula_cells:
            assert cell.value == FORMULA_DEPT
            assert cell.data_type == "s"
        main = book["Criterion weights from hearings"]
        values = [[c.value for c in row] for row in main.iter_rows()]
        assert values[0][0] == "Criterion weights from hearings"
        values = values[values.index(["Criterion", "Group weight", "Points", "Spread (min to max)"]) :]
        # r1 (0.5, 0.3, 0.2) weight 2 and r2 (4/7, 2/7, 1/7) weight 1:
        # c1 = (1 + 4/7)/3 = 11/21 = 52.38 %, c2 = (0.6 + 2/7)/3 = 6.2/21 = 29.52 %, c3 = (0.4 + 1/7)/3 = 3.8/21
        # points: quotas 52.38, 29.52, 18.10 -> 52 + 29 + 18 = 99; the unit left to c2 (0.52)
        # figures are numbers in the sheet (a percentage with a % format), text stays text
        assert [row[0] for row in values[1:4]] == ["Accuracy", "Ease of use", "Support"]
        assert [row[2] for row in values[1:4]] == [52, 30, 18]
        # the exact weight is in the cell; the % format shows it to 0.1 %
        assert [row[1] for row in values[1:4]] == pytest.approx([11 / 21, 6.2 / 21, 3.8 / 21], abs=1e-12)
        assert main.cell(row=4, column=2).number_format == "0.0%"
    finally:
        book.close()


# --- 10. hearing list ---------------------------------------------------------------------------


def test_hearing_list_shows_who_was_heard_and_how(demo: Workspace, run: Callable[..., Result]) -> None:
    root = str(demo.root)
    table = run("--lang", "en", "-C", root, "hearing", "list")
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    for respondent, department, group, method in (
        ("tax-clerk-1", "tax", "staff", "importance ratings"),
        ("tax-clerk-2", "tax", "staff", "points allocation"),
        ("tax-chief", "tax", "management", "importance ratings"),
        ("digital-lead", "digital", "ict", "pairwise by group"),
    ):
        line = next(line for line in lines if respondent in line)
        assert department in line and group in line and method in line
        assert "2026-04-07" in line  # the demo's hearings were held on 7 April 2026

    records = json.loads(run("-C", root, "hearing", "list", "--format", "json").stdout)
    assert [(r["respondent"]["id"], r["method"]) for r in records] == [
        ("tax-clerk-1", "ratings"),
        ("tax-clerk-2", "allocation"),
        ("tax-chief", "ratings"),
        ("digital-lead", "hierarchical"),
    ]
    assert records[0]["respondent"]["weight"] == "12"
    assert records[3]["respondent"]["role"] == "情報政策係長"

    japanese = run("--lang", "ja", "-C", root, "hearing", "list", "--format", "markdown")
    assert "| 回答者 | 部署 | 関係者区分 | 方法 |" in japanese.stdout
    assert "区分別一対比較（階層 AHP）" in japanese.stdout


def test_hearing_list_shows_the_latest_answers_once(make: MakeWorkspace, run: Callable[..., Result]) -> None:
    workspace = make()
    root = str(workspace.root)
    assert "no hearings recorded yet" in run("--lang", "en", "-C", root, "hearing", "list").output
    workspace.record_hearing(person("r1"), ratings(5, 3, 2), actor="t")
    workspace.record_hearing(person("r1"), pairwise("2", "4", "2"), actor="t", reason="asked again, pairwise")
    out = run("--lang", "en", "-C", root, "hearing", "list", "--format", "csv")
    assert out.exit_code == 0, out.output
    rows = list(csv.reader(io.StringIO(out.stdout_bytes.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Respondent", "Department", "Group", "Method"]
    assert [r[:4] for r in rows[1:] if r[0] != "Notes"] == [["r1", "tax", "staff", "pairwise comparison (AHP)"]]
    # the list ends with the anchor it was made from, which `audit verify --head` can check
    assert rows[-1][0] == "Notes" and rows[-1][1].startswith(f"Plan {workspace.plan.hash[:12]}, ledger head #2 ")


def test_hearing_readiness_is_averaged_per_stakeholder_group(make: MakeWorkspace) -> None:
    workspace = make()
    workspace.record_hearing(person("a", readiness=1), ratings(5, 3, 2), actor="t")
    workspace.record_hearing(person("b", readiness=4), ratings(5, 3, 2), actor="t")
    workspace.record_hearing(person("c"), ratings(5, 3, 2), actor="t")  # no readiness given: left out
    workspace.record_hearing(person("d", "digital", "ict", readiness=5), ratings(5, 3, 2), actor="t")
    result = workspace.weights()
    assert result is not None
    # staff: (1 + 4)/2 = 2.5 (c gave none); ict: 5
    assert dict(result.readiness) == {"staff": 2.5, "ict": 5.0}


def test_answers_left_behind_by_a_plan_change_are_skipped(make: MakeWorkspace) -> None:
    workspace = make()
    workspace.record_hearing(person("r1"), ratings(5, 3, 2), actor="t")
    workspace.record_hearing(person("r2", "digital", "ict"), ratings(1, 1, 2), actor="t")
    # the digital department leaves the plan
    text = re.sub(r'\[\[departments\]\]\nid = "digital"\nname = .*\n', "", plan_text())
    assert 'id = "digital"' not in text
    (workspace.root / "toolbench.toml").write_text(text, encoding="utf-8")
    workspace.close()
    reopened = Workspace.open(workspace.root)
    try:
        assert [d.id for d in reopened.plan.departments] == ["tax"]
        result = reopened.weights()
        assert result is not None
        assert [r.hearing.respondent.id for r in result.respondents] == ["r1"]
        assert_close(dict(result.group), {"c1": 0.5, "c2": 0.3, "c3": 0.2})
    finally:
        reopened.close()


# --- review findings, pinned --------------------------------------------------------------

FOURTH = """
[[criteria]]
id = "c4"
name = "Price"
group = "extra"
points = 10
scale = "abc"
"""


def _full_pairwise(
    respondent: str, dept: str, judgments: dict[tuple[str, str], str], weight: int = 1
) -> tuple[Respondent, Answers]:
    return (
        Respondent(id=respondent, department=dept, group="staff", weight=Decimal(weight)),
        Answers(method="pairwise", pairs=[(a, b, j) for (a, b), j in judgments.items()]),
    )


def test_aij_is_applied_to_full_matrices_and_differs_from_aip(make: MakeWorkspace) -> None:
    """Two pairwise respondents over four criteria: AIJ (eigenvector of the element-wise
    geometric mean matrix) and AIP (geometric mean of the two eigenvectors) differ for
    inconsistent 4×4 answers, and the result says which one was applied."""
    from toolbench.methods.weighting import aggregate_aij, aggregate_aip, ahp, pairwise_matrix

    a = {
        ("c1", "c2"): "3",
        ("c1", "c3"): "5",
        ("c1", "c4"): "1/2",
        ("c2", "c3"): "1",
        ("c2", "c4"): "1/3",
        ("c3", "c4"): "1/7",
    }
    b = {
        ("c1", "c2"): "1/2",
        ("c1", "c3"): "2",
        ("c1", "c4"): "4",
        ("c2", "c3"): "5",
        ("c2", "c4"): "1",
        ("c3", "c4"): "1/3",
    }
    results = {}
    for rule in ("aij", "aip"):
        # respondent b is not very consistent (CR 0.19); count both for this comparison
        ws = make(f'ahp_aggregation = "{rule}"\ninclude_inconsistent = true')
        plan_file = ws.root / "toolbench.toml"
        ws.close()
        plan_file.write_text(
            plan_file.read_text(encoding="utf-8").replace("[[tools]]", FOURTH + "\n[[tools]]", 1), "utf-8"
        )
        ws = Workspace.open(ws.root)
        ws.record_hearings([_full_pairwise("p1", "tax", a), _full_pairwise("p2", "tax", b)], actor="t")
        result = ws.weights()
        ws.close()
        assert result is not None and result.aggregation == rule
        results[rule] = result
    ids = ["c1", "c2", "c3", "c4"]
    ma, mb = pairwise_matrix(ids, a), pairwise_matrix(ids, b)
    expected_aij = ahp(ids, aggregate_aij({"p1": ma, "p2": mb})).as_dict()
    expected_aip = aggregate_aip({"p1": ahp(ids, ma).as_dict(), "p2": ahp(ids, mb).as_dict()})
    for c in ids:
        assert results["aij"].group[c] == pytest.approx(expected_aij[c], abs=1e-12)
        assert results["aip"].group[c] == pytest.approx(expected_aip[c], abs=1e-12)
    assert max(abs(results["aij"].group[c] - results["aip"].group[c]) for c in ids) > 1e-4


def test_a_department_that_is_the_whole_group_pulls_nowhere(make: MakeWorkspace, run: Callable[..., Result]) -> None:
    """Departments are combined by the same rule as the whole: if everyone is in tax,
    tax's weights are the group's and every 'pull' is zero."""
    ws = make()
    ws.record_hearings(
        [
            _full_pairwise("p1", "tax", {("c1", "c2"): "9", ("c1", "c3"): "9", ("c2", "c3"): "1"}),
            _full_pairwise("p2", "tax", {("c1", "c2"): "1/9", ("c1", "c3"): "1", ("c2", "c3"): "9"}),
        ],
        actor="t",
    )
    result = ws.weights()
    assert result is not None
    assert result.by_department["tax"] == pytest.approx(result.group, abs=1e-12)
    rows = run("--lang", "en", "-C", str(ws.root), "weights", "--format", "markdown").stdout
    pull = rows.split("Who pulls which way")[1].split("##")[0]
    assert "+0.0" in pull and not re.search(r"[+-][1-9]", pull)


def test_hearings_that_no_longer_fit_are_listed_not_dropped(make: MakeWorkspace, run: Callable[..., Result]) -> None:
    """A criterion added after the hearings: the old answers are left out and said so."""
    ws = make('source = "hearings"')
    ws.record_hearing(*_ratings("r1", "tax", {"c1": 5, "c2": 3, "c3": 1}), actor="t")
    plan_file = ws.root / "toolbench.toml"
    ws.close()
    plan_file.write_text(plan_file.read_text(encoding="utf-8").replace("[[tools]]", FOURTH + "\n[[tools]]", 1), "utf-8")
    with Workspace.open(ws.root) as reopened:
        result = reopened.weights()
        assert result is not None and not result.points
        assert [(h.respondent.id, e.key) for h, e in result.left_out] == [("r1", "hearing.missing_rating")]
    shown = run("--lang", "en", "-C", str(ws.root), "weights")
    assert "Left out: r1" in shown.stdout and "no importance given for 'c4'" in shown.stdout
    matrix = run("--lang", "en", "-C", str(ws.root), "matrix", "--format", "markdown")
    assert "1 hearing(s) no longer fit the plan" in matrix.stdout


def _ratings(respondent: str, dept: str, ratings: dict[str, int], weight: str = "1") -> tuple[Respondent, Answers]:
    return (
        Respondent(id=respondent, department=dept, group="staff", weight=Decimal(weight)),
        Answers(method="ratings", ratings=ratings),
    )


def test_import_refuses_changed_answers_in_dry_run_too_and_takes_a_reason(
    make: MakeWorkspace, tmp_path: Path, run: Callable[..., Result]
) -> None:
    ws = make()
    ws.record_hearing(*_ratings("r1", "tax", {"c1": 5, "c2": 3, "c3": 1}, weight="2.0"), actor="t")
    path = tmp_path / "h.csv"
    # the same weight written "2" is the same answer; a different rating is a change
    path.write_text("respondent,department,group,weight,method,c1,c2,c3\nr1,tax,staff,2,ratings,5,3,1\n", "utf-8")
    same = run("--lang", "en", "-C", str(ws.root), "hearing", "import", str(path))
    assert same.exit_code == 0 and "recorded 0 hearing(s)" in same.stdout
    path.write_text("respondent,department,group,weight,method,c1,c2,c3\nr1,tax,staff,2,ratings,4,3,1\n", "utf-8")
    for extra in (["--dry-run"], []):
        refused = run("--lang", "en", "-C", str(ws.root), "hearing", "import", str(path), *extra)
        assert refused.exit_code == 1 and "r1 answered differently before" in refused.stderr
    fixed = run("--lang", "en", "-C", str(ws.root), "hearing", "import", str(path), "--reason", "typed 5 for 4")
    assert fixed.exit_code == 0, fixed.output
    last = [e for e in ws.ledger.events() if e.kind == HEARING_RECORDED][-1]
    assert last.payload["reason"] == "typed 5 for 4" and last.payload["answers"]["ratings"]["c1"] == 4


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--weight", "1e400"], "weight"),
        (["--weight", "abc"], "--weight: 'abc' is not a number"),
        (["--weight", "NaN"], "weight"),
    ],
)
def test_absurd_respondent_weights_are_usage_mistakes(
    make: MakeWorkspace, args: list[str], fragment: str, run: Callable[..., Result]
) -> None:
    ws = make()
    result = run(
        "--lang",
        "en",
        "-C",
        str(ws.root),
        "hearing",
        "add",
        "--respondent",
        "r1",
        "--dept",
        "tax",
        "--group",
        "staff",
        "--ratings",
        "c1=5,c2=3,c3=1",
        *args,
    )
    assert result.exit_code == 2 and fragment in result.stderr and "Traceback" not in result.output
    assert not [e for e in ws.ledger.events() if e.kind == HEARING_RECORDED]


def test_allocation_of_nan_is_refused(make: MakeWorkspace, run: Callable[..., Result]) -> None:
    ws = make()
    result = run(
        "--lang",
        "en",
        "-C",
        str(ws.root),
        "hearing",
        "add",
        "--respondent",
        "r1",
        "--dept",
        "tax",
        "--group",
        "staff",
        "--allocation",
        "c1=NaN,c2=50,c3=50",
    )
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_a_points_total_that_cannot_be_apportioned_is_a_plan_problem(
    make: MakeWorkspace, run: Callable[..., Result]
) -> None:
    """10.5 + 10 + 10 = 30.5 whole points cannot be shared out in whole points."""
    ws = make('source = "hearings"')
    plan_file = ws.root / "toolbench.toml"
    ws.close()
    plan_file.write_text(plan_file.read_text(encoding="utf-8").replace("points = 10\n", "points = 10.5\n", 1), "utf-8")
    result = run("--lang", "en", "-C", str(ws.root), "matrix")
    assert result.exit_code == 1
    assert (
        "weights.points_total: points derived from hearings must add up to 30.5, which is not a multiple of 1"
        in result.stderr
    )


def test_pairwise_is_refused_before_questions_beyond_ten_criteria(make: MakeWorkspace, runner: CliRunner) -> None:
    ws = make()
    plan_file = ws.root / "toolbench.toml"
    ws.close()
    extra = "".join(
        f'\n[[criteria]]\nid = "k{n}"\nname = "K{n}"\ngroup = "extra"\npoints = 10\nscale = "abc"\n' for n in range(8)
    )
    plan_file.write_text(plan_file.read_text(encoding="utf-8").replace("[[tools]]", extra + "\n[[tools]]", 1), "utf-8")
    answers = "r1\ntax\nstaff\n\n\n1\n\npairwise\nratings\n" + "3\n" * 11
    result = runner.invoke(cli, ["--lang", "en", "-C", str(ws.root), "hearing", "add"], input=answers)
    assert result.exit_code == 0, result.output
    assert "11 criteria would need 55 pairwise questions" in result.output
    assert "recorded the hearing of r1 (importance ratings)" in result.output


def test_a_respondent_already_heard_is_asked_for_a_reason_first(make: MakeWorkspace, runner: CliRunner) -> None:
    ws = make()
    ws.record_hearing(*_ratings("r1", "tax", {"c1": 5, "c2": 3, "c3": 1}), actor="t")
    answers = "r1\nrecounted the caseload\ntax\nstaff\n\n\n1\n\nratings\n4\n3\n1\n"
    result = runner.invoke(cli, ["--lang", "en", "-C", str(ws.root), "hearing", "add"], input=answers)
    assert result.exit_code == 0, result.output
    assert result.output.index("why are the answers being replaced") < result.output.index("Department")
    last = [e for e in ws.ledger.events() if e.kind == HEARING_RECORDED][-1]
    assert last.payload["reason"] == "recounted the caseload"


def test_import_xlsx_reads_a_calculated_formula_and_refuses_an_uncalculated_one(
    make: MakeWorkspace, tmp_path: Path
) -> None:
    """=1/3 saved by Excel carries its value (read as 1/3); a formula never calculated has none to read."""
    import zipfile

    workspace = make()
    book = Workbook()
    sheet = book.active
    sheet.append(["respondent", "department", "group", "method", "c1:c2", "c1:c3", "c2:c3"])
    sheet.append(["ito", "digital", "ict", "pairwise", 3, "=1/3", 1 / 9])
    uncalculated = tmp_path / "uncalculated.xlsx"
    book.save(uncalculated)
    with pytest.raises(HearingError) as caught:
        parse_rows(workspace.plan, uncalculated)
    assert "uncalculated.xlsx, cell F2: a formula with no saved value" in caught.value.message("en")

    # What Excel writes: the formula and, beside it, the value it last calculated (<v>).
    calculated = tmp_path / "calculated.xlsx"
    with zipfile.ZipFile(uncalculated) as source, zipfile.ZipFile(calculated, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<f>1/3</f><v></v>", b"<f>1/3</f><v>0.333333333333333</v>")
                data = data.replace(b"<f>1/3</f><v />", b"<f>1/3</f><v>0.333333333333333</v>")
                assert b"<v>0.333333333333333</v>" in data
            target.writestr(item, data)
    [row] = parse_rows(workspace.plan, calculated)
    assert row.answers.pairs == [("c1", "c2", "3"), ("c1", "c3", "1/3"), ("c2", "c3", "1/9")]


def test_import_xlsx_refuses_merged_cells(make: MakeWorkspace, tmp_path: Path) -> None:
    workspace = make()
    book = Workbook()
    sheet = book.active
    sheet.append(["respondent", "department", "group", "method", "c1", "c2", "c3"])
    sheet.append(["kato", "tax", "staff", "ratings", 5, 4, 1])
    sheet.merge_cells("E2:F2")
    path = tmp_path / "merged.xlsx"
    book.save(path)
    with pytest.raises(HearingError) as caught:
        parse_rows(workspace.plan, path)
    assert caught.value.message("en").startswith("merged.xlsx: merged cells E2:F2")
