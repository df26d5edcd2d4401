"""A requirement fit table at scale: 300 requirements × 8 proposers, recorded and scored correctly.

Only correctness is checked here; how fast it goes is `benchmarks/fit_speed.py` (timing
targets belong in benchmarks, not unit tests).

The list (kept in a CSV file named by `[fit] file`, as long lists are) has 300 requirements:
0–59 必須 (60), 60–209 重要 (150), 210–299 任意 (90). Proposer k answers requirement i by
r = (i + k) % 10:

    r = 0  △ (an alternative, with a remark)
    r = 1  × — except on a 必須 requirement, answered ○ (nobody is disqualified)
    r = 2  − for an even-numbered proposer, ○ for an odd one
    else   ○

Every range starts at a multiple of 10 and holds whole blocks of ten consecutive i (6, 15
and 9 blocks), and ten consecutive i take every r once, so each proposer's counts follow
per block. Nothing is verified yet, so ○ and × count as answered and △ counts as × (a 必須
△ is pending, not disqualifying). Default raw points: 必須 ○ +2 × −5, 重要 ○ +1 × −2, 任意
○ +1 × 0; the fit criterion has 20 points.

    proposer 0 (even)  必須 △ 6, − 6, ○ 48;  重要 △ 15, × 15, − 15, ○ 105;  任意 △ 9, × 9, − 9, ○ 63
        raw  = 48×2 − 6×5 + 105 − 30×2 + 63 = 96 − 30 + 105 − 60 + 63 = 174
        best = 54×2 + 135 + 81 = 324 (the − rows left out)    points = 20 × 174/324 = 290/27
    proposer 1 (odd)   必須 △ 6, ○ 54;  重要 △ 15, × 15, ○ 120;  任意 △ 9, × 9, ○ 72
        raw  = 108 − 30 + 120 − 60 + 72 = 210,  best = 120 + 150 + 90 = 360,  points = 20 × 210/360 = 35/3
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from fractions import Fraction

import pytest

from toolbench.base.numbers import round_fraction
from toolbench.methods.fit import FIT_ANSWERED
from toolbench.workspace.workspace import Workspace

REQUIREMENTS = 300
PROPOSERS = 8
NOW = datetime(2026, 4, 1, 1, 0, tzinfo=UTC)

PLAN = """\
[evaluation]
title = { ja = "機能要件適合表（300 要件）", en = "Fit table (300 requirements)" }
language = "ja"

[price]
family = "none"

[fit]
file = "requirements.csv"

[groups]
fit = { ja = "機能要件適合", en = "Requirement fit" }

[[criteria]]
id = "fn"
name = { ja = "機能要件適合度", en = "Fit to the functional requirements" }
group = "fit"
kind = "fit"
points = 20
"""


def priority(i: int) -> str:
    return "required" if i < 60 else "important" if i < 210 else "optional"


def answer(k: int, i: int) -> tuple[str, str]:
    r = (i + k) % 10
    if r == 0:
        return "△", "代替案: 帳票ごとの設定で対応"
    if r == 1:
        return ("○" if priority(i) == "required" else "×"), ""
    if r == 2:
        return ("−" if k % 2 == 0 else "○"), ""
    return "○", ""


def rid(i: int) -> str:
    return f"F{i + 1:04d}"


def tool(k: int) -> str:
    return f"p{k}"


@pytest.fixture()
def table(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """The table with every proposer's answers recorded, each proposer's 300 at once (`record_answers`)."""
    root = tmp_path_factory.mktemp("fit-scale")
    rows = ["id,text,category,priority,criterion,text_en"]
    rows += [
        f"{rid(i)},要件{i + 1:04d},区分{i // 50},{priority(i)},fn,Requirement {i + 1}" for i in range(REQUIREMENTS)
    ]
    (root / "requirements.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    tools = "".join(
        f'\n[[tools]]\nid = "{tool(k)}"\nname = "提案者{k}"\nvendor = "提案者{k}株式会社"\n' for k in range(8)
    )
    (root / "toolbench.toml").write_text(PLAN + tools, encoding="utf-8")
    workspace = Workspace.start_ledger(root)
    for k in range(PROPOSERS):
        answers = {rid(i): answer(k, i) for i in range(REQUIREMENTS)}
        workspace.fitting.record_answers(tool(k), answers, actor="secretariat", now=NOW + timedelta(minutes=k))
    yield workspace
    workspace.close()


def test_every_answer_is_recorded(table: Workspace) -> None:
    assert len(table.plan.requirements) == REQUIREMENTS
    answered = table.events(kind=FIT_ANSWERED)
    assert len(answered) == REQUIREMENTS * PROPOSERS
    assert {e.payload["tool"] for e in answered} == {tool(k) for k in range(PROPOSERS)}


def test_every_proposer_is_scored_by_the_formula(table: Workspace) -> None:
    evaluation = table.evaluate()
    expected = {
        # even proposers: counted (△ as ×) yes 48 + 105 + 63, no 6 + 30 + 18, na 30
        "even": ({"yes": 216, "no": 54, "na": 30}, Fraction(174), Fraction(324), Fraction(290, 27)),
        # odd proposers: yes 54 + 120 + 72, no 6 + 30 + 18
        "odd": ({"yes": 246, "no": 54}, Fraction(210), Fraction(360), Fraction(35, 3)),
    }
    for k in range(PROPOSERS):
        result = evaluation.result(tool(k))
        cell = result.cells["fn"]
        fit = cell.fit
        assert fit is not None
        counts, raw, best, points = expected["even" if k % 2 == 0 else "odd"]
        assert dict(fit.counts) == counts, k
        own = {"yes": counts["yes"], "partial": 30, "no": 24} | ({"na": 30} if k % 2 == 0 else {})
        assert dict(fit.self_counts) == own, k  # △ 6 + 15 + 9, × 15 + 9
        assert (fit.raw, fit.best) == (raw, best), k
        assert cell.points == points, k
        assert len(fit.rows) == REQUIREMENTS and len(fit.awaiting) == REQUIREMENTS  # nothing verified yet
        assert len(fit.required_pending) == 6 and fit.required_failed == ()
        assert result.disqualified == () and result.provisional
        assert result.total == round_fraction(points, 2, "half_up")  # the plan's default rounding of totals


def test_accepting_the_pending_required_answers(table: Workspace) -> None:
    """Proposer 0's six 必須 △ accepted: each counts 0 instead of −5, so raw 174 + 30 = 204 of 324."""
    pending = [rid(i) for i in range(60) if answer(0, i)[0] == "△"]
    assert pending == [rid(i) for i in range(0, 60, 10)]
    for requirement in pending:
        table.fitting.verify(tool(0), requirement, "accept", actor="secretariat", now=NOW + timedelta(hours=1))
    fit = table.evaluate().result(tool(0)).cells["fn"].fit
    assert fit is not None
    assert fit.required_pending == () and len(fit.awaiting) == REQUIREMENTS - 6
    assert fit.raw == 204 and fit.ratio == Fraction(204, 324)
