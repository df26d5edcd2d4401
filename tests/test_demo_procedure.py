"""The demo as a whole proposal procedure (`build_demo`), its figures worked by hand.

The hearings give the rubric's criteria these points (as in the plain demo): accuracy 23,
handwriting 17, form-definition 8, security-certification 9, support 12, ease-of-use 19,
price 12 (= 100). The written round's two criteria keep their fixed points: understanding
18, delivery 12 (= 30), and its requirement fit table (the rubric's fit criterion) 20. Five
levels give 0, ¼, ½, ¾, 1 of a criterion's points; the certification scale gives A 1, B 0.6,
C 0. The fit table gives 20 × raw ÷ best, raw points per answer: 必須 ○ +2 △ 0 × −5, 重要
○ +1 △ 0 × −2, 任意 ○ +1 △ 0 × 0 (40 requirements: 10 必須, 20 重要, 10 任意, so best 50
unless an answer − leaves its requirement out).
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

import pytest

from toolbench.methods.fit import FIT_ANSWERED, FIT_VERIFIED
from toolbench.methods.procedure import Procedure
from toolbench.workspace.demo import build_demo
from toolbench.workspace.workspace import Workspace

MEMBERS = ("aoki", "ishii", "ueda")
ORIGINAL = ("alpha-reader", "kamiscan", "formeye")
WRITTEN = ("alpha-reader", "kamiscan", "formeye", "sumiyomi", "torikomi-ace")


def _points(value: Fraction | None) -> Fraction:
    assert value is not None
    return value


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, Procedure]]:
    workspace = build_demo(tmp_path_factory.mktemp("procedure") / "demo")
    yield workspace, workspace.procedure()
    workspace.close()


def test_the_plan_adds_the_written_round_to_the_rubric(built: tuple[Workspace, Procedure]) -> None:
    workspace, found = built
    plan = workspace.plan
    assert [s.id for s in plan.stages] == ["qualification", "documents", "presentation"]
    assert len(plan.tools) == 7
    # the rubric's criteria 100 (hearings) + understanding 18 + delivery 12 + the fit table 20
    assert plan.evaluation.total_points == 150
    assert all(t.price is not None and 3960000 < t.price.amount <= 5500000 for t in plan.tools[3:])
    documents = found.stage("documents").evaluation
    presentation = found.stage("presentation").evaluation
    assert documents is not None and presentation is not None
    # the hearings weigh the rubric's criteria only: the written round keeps its fixed points
    assert {c.id: int(c.points) for c in documents.plan.criteria} == {
        "understanding": 18,
        "delivery": 12,
        "requirement-fit": 20,
    }
    assert documents.max_points == 50
    assert len(plan.requirements) == 40 and {r.criterion for r in plan.requirements} == {"requirement-fit"}
    assert {c.id: int(c.points) for c in presentation.plan.criteria if c.kind != "must"} == {
        "accuracy": 23,
        "handwriting": 17,
        "form-definition": 8,
        "security-certification": 9,
        "support": 12,
        "ease-of-use": 19,
        "price": 12,
    }
    assert presentation.max_points == 100


def test_two_proposers_fail_qualification_each_on_one_requirement(built: tuple[Workspace, Procedure]) -> None:
    _, found = built
    stage = found.stage("qualification")
    assert stage.status == "closed"
    assert len(stage.participants) == 7
    assert dict(stage.cut) == {"mojinote": "failed", "yomikata": "failed"}
    assert stage.goes_on == ("alpha-reader", "kamiscan", "formeye", "sumiyomi", "torikomi-ace")
    judgements = found.log.judgements
    assert len(judgements) == 7 * 4  # every requirement judged for every proposer, each with its evidence
    assert all(j.evidence and j.actor == "secretariat" for j in judgements.values())
    failed = {key: j.evidence for key, j in judgements.items() if j.verdict == "fail"}
    assert set(failed) == {("mojinote", "no-suspension"), ("yomikata", "isms")}
    assert "指名停止措置一覧" in failed[("mojinote", "no-suspension")]
    assert "ISMS" in failed[("yomikata", "isms")]


def test_the_level_pair_at_the_shortlist_edge_is_settled_by_price(built: tuple[Workspace, Procedure]) -> None:
    _, found = built
    stage = found.stage("documents")
    evaluation = stage.evaluation
    assert evaluation is not None
    assert stage.participants == ("alpha-reader", "kamiscan", "formeye", "sumiyomi", "torikomi-ace")
    # three members: 18 points × (sum of ¼ steps) / 3 → 1.5 per step, 12 points → 1 per step;
    # FormEye (Ueda recused): 2.25 and 1.5 per step. The fit table: 20 × raw ÷ best.
    proposal = {
        r.tool.id: _points(r.cells["understanding"].points) + _points(r.cells["delivery"].points)
        for r in evaluation.results
    }
    assert proposal == {
        "alpha-reader": Fraction(23),  # understanding 4,4,5 → 10 steps → 15; delivery 4,3,4 → 8 → 8
        "kamiscan": Fraction(47, 2),  # 4,4,4 → 9 → 13.5; 5,4,4 → 10 → 10
        "formeye": Fraction(99, 4),  # 5,4 → 7 → 15.75; 4,4 → 6 → 9
        "sumiyomi": Fraction(39, 2),  # 4,4,4 → 9 → 13.5; 3,3,3 → 6 → 6
        "torikomi-ace": Fraction(39, 2),  # 4,3,3 → 7 → 10.5; 4,4,4 → 9 → 9
    }
    fit = {r.tool.id: r.cells["requirement-fit"].points for r in evaluation.results}
    assert fit == {
        "alpha-reader": Fraction(880, 49),  # 44 of 49 (one − leaves a 重要 requirement out) ≈ 17.96
        "kamiscan": Fraction(92, 5),  # 46 of 50 → 18.4
        "formeye": Fraction(94, 5),  # 47 of 50 → 18.8
        "sumiyomi": Fraction(16),  # 40 of 50
        "torikomi-ace": Fraction(16),  # 40 of 50, lost on other rows
    }
    totals = {r.tool.id: r.total for r in evaluation.results}
    assert totals == {
        "alpha-reader": Fraction(1024, 25),  # 23 + 880/49 = 2007/49 = 40.959…, the total rounded half up: 40.96
        "kamiscan": Fraction(419, 10),  # 23.5 + 18.4 = 41.9
        "formeye": Fraction(871, 20),  # 24.75 + 18.8 = 43.55
        "sumiyomi": Fraction(71, 2),  # 19.5 + 16 = 35.5
        "torikomi-ace": Fraction(71, 2),  # 19.5 + 16 = 35.5
    }
    assert [r.tool.id for r in sorted(evaluation.results, key=lambda r: r.rank or 0)][:3] == [
        "formeye",
        "kamiscan",
        "alpha-reader",
    ]
    sumiyomi, torikomi = evaluation.result("sumiyomi"), evaluation.result("torikomi-ace")
    assert sumiyomi.technical == torikomi.technical == Fraction(71, 2)  # the chain's first link leaves them level
    # its second link: the lower price is placed first
    assert (torikomi.price, sumiyomi.price) == (Fraction(4290000), Fraction(4620000))
    assert (torikomi.rank, torikomi.tie_break) == (4, "price")
    assert (sumiyomi.rank, sumiyomi.tie_break) == (5, "price")
    (tie,) = evaluation.ties
    assert tie.tools == ("sumiyomi", "torikomi-ace")
    assert tie.decided_by == ("price",) and tie.unresolved == ()
    assert stage.shortlist == ("alpha-reader", "kamiscan", "formeye", "torikomi-ace")
    assert dict(stage.cut) == {"sumiyomi": "below_top_n"}
    assert stage.meeting is not None and stage.meeting.present == MEMBERS
    assert stage.tie_draw is None and set(found.log.draws) == {"order:presentation"}  # no lot was needed


def test_the_fit_tables_are_answered_and_verified_before_the_written_round_closes(
    built: tuple[Workspace, Procedure],
) -> None:
    workspace, found = built
    events = workspace.events()
    answered = [e for e in events if e.kind == FIT_ANSWERED]
    verified = [e for e in events if e.kind == FIT_VERIFIED]
    # the five proposers in the written round answer all 40 requirements; KamiScan corrects one answer
    assert {str(e.payload["tool"]) for e in answered} == set(WRITTEN)
    assert len(answered) == 5 * 40 + 1 and len(verified) == 5 * 40 + 1
    assert all(e.actor == "secretariat" for e in (*answered, *verified))
    documents = found.stage("documents")
    logged = found.log.stages["documents"]
    opened, closed = logged.opened, logged.closed
    assert opened is not None and closed is not None
    first_score = min(
        e.seq
        for e in events
        if e.kind == "score.recorded" and workspace.plan.stage_of(str(e.payload["criterion"])) == documents.stage
    )
    # entered and verified after the written round opened and before the committee scored it
    assert all(opened.seq < e.seq < first_score for e in (*answered, *verified))
    assert closed.seq > first_score
    actions = [(e.payload["tool"], e.payload["requirement"], e.payload["action"]) for e in verified]
    assert sorted(a for a in actions if a[2] != "accept") == [
        ("alpha-reader", "D01", "downgrade"),  # ○ → △: new forms need the vendor's (paid) set-up work
        ("kamiscan", "R06", "query"),  # then answered △ with a reason, and accepted
        ("torikomi-ace", "O03", "downgrade"),  # △ → ×: the alternative is not the product's own
    ]
    assert all(e.payload.get("reason") for e in verified if e.payload["action"] != "accept")
    corrected = [e for e in answered if e.payload.get("supersedes")]
    assert [(e.payload["tool"], e.payload["requirement"], e.payload["answer"]) for e in corrected] == [
        ("kamiscan", "R06", "partial")
    ]
    assert "照会" in str(corrected[0].payload["reason"])
    evaluation = documents.evaluation
    assert evaluation is not None
    cells = {r.tool.id: r.cells["requirement-fit"].fit for r in evaluation.results}
    seen: dict[str, tuple[object, ...]] = {}
    for tool, cell in cells.items():
        assert cell is not None
        assert cell.awaiting == () and cell.unanswered == () and cell.required_failed == ()
        assert cell.required_pending == () and not cell.provisional
        seen[tool] = (cell.raw, cell.best, dict(cell.counts), dict(cell.self_counts))
    assert seen == {
        # D01 ○ downgraded to △ (必須: 2 → 0), D02 △ (重要: −1), R06 ×, O05 × (任意: −1 each), S08 −
        "alpha-reader": (
            44,
            49,
            {"yes": 35, "partial": 2, "no": 2, "na": 1},
            {"yes": 36, "partial": 1, "no": 2, "na": 1},
        ),
        # R06 corrected to △ and accepted, V04 △, S09 △, R09 × (all 任意: −1 each)
        "kamiscan": (46, 50, {"yes": 36, "partial": 3, "no": 1}, {"yes": 36, "partial": 3, "no": 1}),
        # O02 △ (重要 −1), R11 ×, V05 × (任意 −1 each)
        "formeye": (47, 50, {"yes": 37, "partial": 1, "no": 2}, {"yes": 37, "partial": 1, "no": 2}),
        # R03 △, R07 △ (重要 −1 each); D03 △ and 7 × (任意 −1 each): 50 − 10
        "sumiyomi": (40, 50, {"yes": 30, "partial": 3, "no": 7}, {"yes": 30, "partial": 3, "no": 7}),
        # O03 △ downgraded to × (重要: 1 → −2, −3), V02 △ (−1); V05 △ and 5 × (任意 −1 each): 50 − 10
        "torikomi-ace": (40, 50, {"yes": 32, "partial": 2, "no": 6}, {"yes": 32, "partial": 3, "no": 5}),
    }
    # the withdrawn and the unqualified never answered
    assert not {"mojinote", "yomikata"} & {str(e.payload["tool"]) for e in answered}


def test_the_shortlisted_newcomer_withdraws(built: tuple[Workspace, Procedure]) -> None:
    _, found = built
    withdrawal = found.withdrawn("torikomi-ace")
    assert withdrawal is not None
    assert withdrawal.date == "2026-04-13"
    assert withdrawal.stage == "documents"  # after the written round closed, before the presentations
    assert "辞退" in withdrawal.reason
    assert set(found.log.withdrawals) == {"torikomi-ace"}
    # the written round that closed before it keeps it on its shortlist
    assert "torikomi-ace" in (found.stage("documents").shortlist or ())


def test_three_present_in_a_drawn_order(built: tuple[Workspace, Procedure]) -> None:
    workspace, found = built
    stage = found.stage("presentation")
    assert stage.entrants == ("alpha-reader", "kamiscan", "formeye", "torikomi-ace")
    assert stage.withdrawn == ("torikomi-ace",)
    assert stage.participants == ORIGINAL
    draw = stage.order
    assert draw is not None and draw.revealed and draw.problem() is None  # anyone recomputes the order
    assert draw.witness == "27"
    assert sorted(draw.order) == sorted(ORIGINAL)
    assert draw.committed_seq < (draw.revealed_seq or 0)
    # each presentation's attendance is recorded before any of its scores
    for tool in ORIGINAL:
        record = found.log.attendance[("presentation", tool)]
        scores = [
            e.seq
            for e in workspace.events()
            if e.kind == "score.recorded"
            and e.payload.get("tool") == tool
            and workspace.plan.stage_of(str(e.payload.get("criterion"))) == stage.stage
        ]
        assert scores and record.seq < min(scores)
    assert found.log.attendance[("presentation", "kamiscan")].absent == ("ueda",)
    assert found.log.attendance[("presentation", "formeye")].absent == ()
    assert stage.meeting is not None and stage.meeting.present == MEMBERS


def test_kamiscan_is_scored_by_the_two_members_present(built: tuple[Workspace, Procedure]) -> None:
    _, found = built
    evaluation = found.stage("presentation").evaluation
    assert evaluation is not None
    recusal = evaluation.recusals[("ueda", "kamiscan")]
    assert (recusal.basis, recusal.note) == ("absent", "presentation")
    assert evaluation.recusals[("ueda", "formeye")].basis == "affiliation"  # 北斗通信株式会社 resells FormEye
    result = evaluation.result("kamiscan")
    for cell in result.cells.values():
        if cell.source == "evaluators":
            assert [s.evaluator for s in cell.scores] == ["aoki", "ishii"]
            assert cell.recused == ("ueda",) and cell.missing == ()
    # mean ratio of Aoki's and Ishii's levels × the hearing points
    points = {cid: cell.points for cid, cell in result.cells.items()}
    assert points == {
        "accuracy": Fraction(115, 8),  # 3, 4 → (½ + ¾)/2 = ⅝ × 23 = 14.375
        "handwriting": Fraction(51, 4),  # 4, 4 → ¾ × 17 = 12.75
        "form-definition": Fraction(8),  # 5, 5 → 1 × 8
        "security-certification": Fraction(27, 5),  # B, B → 0.6 × 9 = 5.4
        "support": Fraction(6),  # 3, 3 → ½ × 12
        "ease-of-use": Fraction(133, 8),  # 5, 4 → ⅞ × 19 = 16.625
        "price": Fraction(12),  # the lowest bid: 12 × 3,960,000 / 3,960,000
    }
    assert result.technical == Fraction(1263, 20)  # 14.375 + 12.75 + 8 + 5.4 + 6 + 16.625 = 63.15
    assert result.total == Fraction(1503, 20)  # 75.15
    # Ueda's fail on LGWAN was never recorded: passed 2–0
    lgwan = result.musts["lgwan"]
    assert (lgwan.verdict, lgwan.passes, lgwan.fails) == ("pass", 2, 0)


def test_the_final_ranking_and_the_decision(built: tuple[Workspace, Procedure]) -> None:
    _, found = built
    # final = "last": the presentation stage's points alone.
    # FormEye 76 and Alpha Reader 73.4 as in the plain demo (nobody absent from them);
    # KamiScan 75.15 without Ueda (75.94 with him).
    assert [(f.tool, f.total, f.rank) for f in found.final] == [
        ("formeye", Fraction(76), 1),
        ("kamiscan", Fraction(1503, 20), 2),
        ("alpha-reader", Fraction(367, 5), 3),
    ]
    assert found.final[0].stage_points["documents"] == Fraction(871, 20)  # shown, not added
    assert found.expected == ("formeye", "kamiscan", "alpha-reader")
    assert found.unresolved == ()
    decision = found.decision
    assert decision is not None
    assert (decision.preferred, decision.runner_up) == ("formeye", "kamiscan")
    assert decision.order == ("formeye", "kamiscan", "alpha-reader")
    assert decision.present == MEMBERS and found.quorum == 2  # majority of three
    assert decision.override is None and decision.departures == ()
    assert found.problems() == ()
    assert None in found.log.reviews and set(found.log.reviews) - {None} == {t.id for t in found.plan.tools}


def test_the_number_of_events(built: tuple[Workspace, Procedure]) -> None:
    workspace, _ = built
    # hearings 4 + lock 1
    # qualification: opened 1 + 7 proposers × 4 requirements 28 + closed 1 = 30
    # documents: opened 1 + fit answers 5 × 40 = 200 + verifications 200 + the corrected answer 1
    #   and its acceptance 1 + 14 sheets × 2 criteria 28 + meeting 1 + closed 1 = 433
    # withdrawal 1
    # presentation: opened 1 + draw committed 1 + revealed 1 + 3 presentations' attendance 3
    #   + scores: Alpha Reader 3 × 6 = 18, KamiScan 2 × 6 = 12, FormEye 6 + 5 = 11 → 41
    #   + LGWAN 3 + 2 + 2 = 7 + the correction 1 + meeting 1 + moderation 1 + closed 1 = 58
    # decision 1 + reviews (general + 7 proposers) 8
    # trials: 3 started + 7 moves + 6 feedback + 1 training = 17
    assert len(workspace.events()) == 4 + 1 + 30 + 433 + 1 + 58 + 1 + 8 + 17 == 553
