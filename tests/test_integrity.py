"""Fairness commitments on real workspaces, figures worked by hand.

Company names compared in every written form; recusal from a tool its vendor, maker or
reseller; declarations; the matrix without an evaluator; the lock of criteria, points
and rules; two envelopes; blind labels; `toolbench score moderate`; and the demo's
recusal and lock.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import Result

from toolbench import EvaluationBlocked, ScoreError, Workspace, WorkspaceError, export_sheet, import_sheet
from toolbench.base.i18n import LANGS
from toolbench.documents.matrix import fairness_lines, matrix_view, recusal_lines
from toolbench.documents.model import CellView, MatrixView
from toolbench.documents.results import matrix_data
from toolbench.methods.coi import COI_DECLARED, CompanyNames, normalise_company
from toolbench.methods.evaluation import SCORE_MODERATED, SCORE_RECORDED
from toolbench.methods.hearings import Answers, Respondent
from toolbench.methods.locking import BLIND_ASSIGNED, BLIND_REVEALED, PLAN_LOCKED, blind_mapping, commitment, lock_parts
from toolbench.renderers.formats import json_text, render_csv, render_markdown
from toolbench.renderers.html import render_html

NOW = datetime(2026, 4, 13, 1, 0, tzinfo=UTC)


def make(tmp_path: Path, name: str, text: str) -> Workspace:
    """A new workspace holding `text` as its plan, with an empty ledger."""
    root = tmp_path / name
    root.mkdir()
    (root / "toolbench.toml").write_text(text, encoding="utf-8")
    return Workspace.start_ledger(root)


def edit_plan(root: Path, old: str, new: str) -> None:
    path = root / "toolbench.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def head_seq(workspace: Workspace) -> int:
    head = workspace.ledger.head()
    return head.seq if head is not None else 0


def row_cells(view: MatrixView, key: str) -> dict[str, CellView]:
    """One criterion row of a matrix view as tool id → cell."""
    row = next(r for r in view.rows if r.key == key and r.kind in ("criterion", "price"))
    return dict(zip(view.tool_ids, row.cells, strict=True))


S5 = '[scales.s5]\nratios = { "5" = 1.0, "4" = 0.75, "3" = 0.5, "2" = 0.25, "1" = 0.0 }\n'


# --- 1. company names -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "株式会社ひかり情報システム",
        "（株）ひかり情報システム",
        "ひかり情報システム株式会社",
        "㈱ひかり情報システム",
        "(株)ひかり情報システム",
        "ひかり情報システム（株）",
        "株式会社 ひかり 情報システム",
        "ひかり情報システム",
    ],
)
def test_japanese_legal_forms_and_spacing_are_ignored(written: str) -> None:
    assert normalise_company(written) == "ひかり情報システム"
    assert CompanyNames().same(written, "株式会社ひかり情報システム")


@pytest.mark.parametrize(
    "written",
    [
        "Hikari Systems Co., Ltd.",
        "HIKARI SYSTEMS INC.",
        "Hikari Systems Corporation",
        "Hikari Systems Corp.",
        "Hikari Systems, Inc.",
        "Hikari Systems Co.,Ltd",
        "Hikari Systems K.K.",
        "Hikari-Systems LLC",
        "ＨＩＫＡＲＩ　Ｓｙｓｔｅｍｓ 株式会社",
        "ｈｉｋａｒｉ ｓｙｓｔｅｍｓ",
    ],
)
def test_english_legal_forms_case_and_full_width_are_ignored(written: str) -> None:
    # NFKC turns full-width letters and the ideographic space into ASCII; case is folded
    assert normalise_company(written) == "hikarisystems"
    assert CompanyNames().same(written, "Hikari Systems Co., Ltd.")


def test_full_width_letters_alone() -> None:
    assert normalise_company("ｈｉｋａｒｉ") == "hikari" == normalise_company("HIKARI")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ひかり情報", "ひかり情報システム"),  # a prefix is another company
        ("株式会社ひかり情報", "ひかり情報システム株式会社"),
        ("Alpha", "Alphabet"),
        ("Alpha Inc.", "Alphabet Inc."),
        ("ベンダー株式会社", "ベンダーズ株式会社"),
        ("NTTデータ", "NTTドコモ"),
    ],
)
def test_different_companies_do_not_match(a: str, b: str) -> None:
    assert not CompanyNames().same(a, b)
    assert not CompanyNames().same(b, a)


@pytest.mark.parametrize("form", ["株式会社", "（株）", "㈱", "Co., Ltd.", "Inc.", "Corporation", "ＬＬＣ", "有限会社"])
def test_a_legal_form_alone_never_matches(form: str) -> None:
    # nothing identifying is left: it must not match every company (nor another bare legal form)
    assert normalise_company(form) == ""
    names = CompanyNames()
    assert not names.same(form, form)
    assert not names.same(form, "株式会社")
    assert not names.same(form, "ひかり情報システム株式会社")
    assert not names.same("", "")


def test_alias_groups_make_an_abbreviation_and_the_registered_name_one_company() -> None:
    plain = CompanyNames()
    aliased = CompanyNames([["NTTデータ", "株式会社エヌ・ティ・ティ・データ"]])
    assert not plain.same("NTTデータ", "株式会社エヌ・ティ・ティ・データ")
    # every written form of either name, in either order
    assert aliased.same("NTTデータ", "株式会社エヌ・ティ・ティ・データ")
    assert aliased.same("（株）エヌ・ティ・ティ・データ", "ＮＴＴデータ")
    assert aliased.same("エヌティティデータ株式会社", "株式会社NTTデータ")
    # the group joins those two names only
    assert not aliased.same("NTTデータ", "NTTドコモ")
    assert not aliased.same("株式会社エヌ・ティ・ティ・データ", "NTT")


def test_an_alias_group_with_a_bare_legal_form_does_not_join_everything() -> None:
    names = CompanyNames([["株式会社", "NTTデータ"]])
    assert not names.same("（株）", "NTTデータ")
    assert not names.same("株式会社", "Co., Ltd.")


def test_overlapping_alias_groups_stay_joined() -> None:
    # the plan says: エヌ・ティ・ティ・データ = NTTデータ, and NTTデータ = NTT DATA Corporation
    names = CompanyNames([["株式会社エヌ・ティ・ティ・データ", "NTTデータ"], ["NTTデータ", "NTT DATA Corporation"]])
    assert names.same("NTTデータ", "NTT DATA Corp.")  # holds
    assert names.same("株式会社エヌ・ティ・ティ・データ", "NTTデータ")  # got False


@pytest.mark.parametrize(
    ("a", "b"),
    [("Wellcare Systems", "We Are Systems"), ("Unlimited Solutions Co., Ltd.", "UN Solutions Co., Ltd.")],
)
def test_legal_forms_are_removed_as_words_only(a: str, b: str) -> None:
    assert not CompanyNames().same(a, b)


# --- 2. recusal, with names written in different forms --------------------------------------

# e1 belongs to （株）ベンダー. Alpha is sold by ベンダー株式会社 (vendor), Beta made by 株式会社ベンダー
# (maker), Gamma resold by ベンダー（株） (reseller); Delta's vendor ベンダーズ株式会社 is another company.
RECUSAL_PLAN = (
    """\
[evaluation]
title = { ja = "除斥の試験", en = "Recusal test" }
language = "en"

[scoring]
chair = "e2"
#SCORING

[groups]
g = { ja = "機能", en = "Function" }

"""
    + S5
    + """
[[criteria]]
id = "c1"
name = "C1"
group = "g"
points = 10
scale = "s5"

[[criteria]]
id = "c2"
name = "C2"
group = "g"
points = 20
scale = "s5"

[[criteria]]
id = "lgwan"
name = "LGWAN"
group = "g"
kind = "must"
points = 0

[[tools]]
id = "alpha"
name = "Alpha"
vendor = "ベンダー株式会社"

[[tools]]
id = "beta"
name = "Beta"
vendor = "商社ベータ株式会社"
maker = "株式会社ベンダー"

[[tools]]
id = "gamma"
name = "Gamma"
vendor = "ガンマ株式会社"
resellers = ["デルタ商事株式会社", "ベンダー（株）"]

[[tools]]
id = "delta"
name = "Delta"
vendor = "ベンダーズ株式会社"

[[evaluators]]
id = "e1"
name = "E1"
affiliations = ["（株）ベンダー"]

[[evaluators]]
id = "e2"
name = "E2"

[[evaluators]]
id = "e3"
name = "E3"
"""
)


def recusal_plan(scoring: str = "") -> str:
    return RECUSAL_PLAN.replace("#SCORING", scoring)


@pytest.fixture()
def conflicted(tmp_path: Path) -> Iterator[Workspace]:
    workspace = make(tmp_path, "conflicted", recusal_plan())
    yield workspace
    workspace.close()


def test_recused_from_vendor_maker_and_reseller_written_differently(conflicted: Workspace) -> None:
    found = conflicted.recusals()
    assert set(found) == {("e1", "alpha"), ("e1", "beta"), ("e1", "gamma")}  # not Delta (ベンダーズ)
    assert {tool: r.role for (_, tool), r in found.items()} == {"alpha": "vendor", "beta": "maker", "gamma": "reseller"}
    assert all(r.basis == "affiliation" and r.company == "（株）ベンダー" and r.seq is None for r in found.values())
    evaluation = conflicted.evaluate()
    assert evaluation.recusals.keys() == found.keys()
    for tool in ("alpha", "beta", "gamma"):
        assert all(cell.recused == ("e1",) for cell in evaluation.result(tool).cells.values())
    assert all(cell.recused == () for cell in evaluation.result("delta").cells.values())


@pytest.mark.parametrize("tool", ["alpha", "beta", "gamma"])
def test_a_recused_score_is_refused_and_nothing_recorded(conflicted: Workspace, tool: str) -> None:
    conflicted.record_scores("delta", "e2", {"c1": 4}, actor="clerk")
    before = conflicted.ledger.head()
    with pytest.raises(ScoreError) as caught:
        conflicted.record_scores(tool, "e1", {"c1": 5, "c2": 3}, actor="clerk")
    assert caught.value.key == "score.recused"
    assert caught.value.params["evaluator"] == "e1" and caught.value.params["tool"] == tool
    message = caught.value.message("en")
    assert "（株）ベンダー" in message and "--record-anyway" in message
    assert conflicted.ledger.head() == before


def test_a_recused_score_is_refused_on_the_command_line(conflicted: Workspace, run: Callable[..., Result]) -> None:
    root = str(conflicted.root)
    result = run("--lang", "en", "-C", root, "score", "alpha", "-e", "e1", "c1=5", "--actor", "clerk")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "e1 is recused from alpha" in lines[0] and "its vendor" in lines[0]
    assert head_seq(conflicted) == 0
    result = run("--lang", "ja", "-C", root, "score", "beta", "-e", "e1", "c1=5", "--actor", "clerk")
    assert result.exit_code == 1 and "除斥" in result.stderr and "開発元" in result.stderr
    result = run("-C", root, "score", "alpha", "-e", "e1", "c1=5", "--record-anyway", "--actor", "clerk")
    assert result.exit_code == 0, result.output
    assert conflicted.events(kind=SCORE_RECORDED)[-1].payload["recused"] is True


def test_a_score_recorded_anyway_is_kept_disclosed_and_not_counted(conflicted: Workspace) -> None:
    conflicted.record_scores("alpha", "e2", {"c1": 4}, actor="e2")  # event 1: ratio 0.75
    conflicted.record_scores("alpha", "e3", {"c1": 2}, actor="e3")  # event 2: ratio 0.25
    outcome = conflicted.record_scores("alpha", "e1", {"c1": 5}, actor="e1", record_anyway=True)  # event 3
    (event,) = outcome.recorded
    assert event.seq == 3
    assert dict(event.payload) == {"tool": "alpha", "evaluator": "e1", "criterion": "c1", "level": "5", "recused": True}
    cell = conflicted.evaluate().result("alpha").cells["c1"]
    # counted: (0.75 + 0.25) / 2 = 0.5 → 10 × 0.5 = 5 points; with e1's 1.0 it would be 10 × 2/3 = 6.67
    assert cell.ratio == Fraction(1, 2) and cell.points == 5
    assert [s.evaluator for s in cell.scores] == ["e2", "e3"]
    assert cell.recused == ("e1",) and cell.missing == () and not cell.partial
    assert [(s.evaluator, s.level, s.seq) for s in cell.recused_scores] == [("e1", "5", 3)]
    # e1 on a tool they are not recused from: counted, and the event is not marked
    conflicted.record_scores("delta", "e1", {"c1": 5}, actor="e1")
    assert "recused" not in conflicted.events(kind=SCORE_RECORDED)[-1].payload

    evaluation = conflicted.evaluate()
    view = matrix_view(evaluation, "en")
    shown = row_cells(view, "c1")["alpha"]
    assert shown.value == Decimal("5.00") and shown.detail == "x/4/2" and "recused" in shown.flags
    assert "partial" not in shown.flags
    notes = "\n".join(view.notes)
    assert "Recorded despite recusal, not counted: E1 gave Alpha c1=5 (event 3)." in notes
    assert "Recused: E1 does not score Alpha: （株）ベンダー is its vendor (affiliation in the plan)." in notes
    assert "Recused: E1 does not score Beta: （株）ベンダー is its maker" in notes
    assert "Recused: E1 does not score Gamma: （株）ベンダー is a reseller of it" in notes
    ja = "\n".join(matrix_view(evaluation, "ja").notes)
    assert "除斥にもかかわらず記録（集計には含めない）: E1 による Alpha の c1=5（イベント 3）。" in ja
    data = matrix_data(evaluation)
    alpha = next(t for t in data["tools"] if t["id"] == "alpha")
    c1 = next(c for c in alpha["cells"] if c["criterion"] == "c1")
    assert c1["points_exact"] == "5" and c1["recused_evaluators"] == ["e1"] and "recused" in c1["flags"]
    assert c1["recused_scores"] == [{"evaluator": "e1", "level": "5", "event": 3}]
    assert [s["evaluator"] for s in c1["scores"]] == ["e2", "e3"] and c1["missing_evaluators"] == []
    assert {(r["evaluator"], r["tool"], r["role"]) for r in data["recusals"]} == {
        ("e1", "alpha", "vendor"),
        ("e1", "beta", "maker"),
        ("e1", "gamma", "reseller"),
    }


def test_the_recused_evaluator_is_not_missing(conflicted: Workspace) -> None:
    for evaluator in ("e2", "e3"):
        conflicted.record_scores("alpha", evaluator, {"c1": 3, "c2": 3, "lgwan": "pass"}, actor=evaluator)
        conflicted.record_scores("delta", evaluator, {"c1": 3, "c2": 3, "lgwan": "pass"}, actor=evaluator)
    evaluation = conflicted.evaluate()
    alpha, delta = evaluation.result("alpha"), evaluation.result("delta")
    # Alpha: everyone who may score it did, so nothing is partial and nothing is provisional
    assert all(cell.missing == () and not cell.partial for cell in alpha.cells.values())
    assert not alpha.provisional and alpha.musts["lgwan"].verdict == "pass"
    # 0.5 × 10 + 0.5 × 20 = 15 for both, but Delta still waits for e1 (not recused there)
    assert alpha.total == delta.total == 15
    assert delta.cells["c1"].missing == ("e1",) and delta.cells["c1"].partial
    view = matrix_view(evaluation, "en")
    assert row_cells(view, "c1")["alpha"].notes == ()
    assert row_cells(view, "c1")["delta"].notes == ("2 of 3 scored",)


def test_missing_block_does_not_wait_for_a_recused_evaluator(tmp_path: Path) -> None:
    with make(tmp_path, "block", recusal_plan('missing = "block"')) as workspace:
        for tool in ("alpha", "beta", "gamma", "delta"):
            for evaluator in ("e2", "e3"):
                workspace.record_scores(tool, evaluator, {"c1": 4, "c2": 4, "lgwan": "pass"}, actor=evaluator)
        # only e1's three cells of Delta are missing: none of Alpha, Beta, Gamma (e1 is recused there)
        with pytest.raises(EvaluationBlocked) as caught:
            workspace.evaluate()
        assert caught.value.params["count"] == 3
        assert caught.value.params["cells"] == "delta/c1/e1, delta/c2/e1, delta/lgwan/e1"
        workspace.record_scores("delta", "e1", {"c1": 4, "c2": 4, "lgwan": "pass"}, actor="e1")
        evaluation = workspace.evaluate()
        # every tool: 0.75 × 10 + 0.75 × 20 = 22.5
        assert [r.total for r in evaluation.results] == [Fraction(45, 2)] * 4
        assert all(not r.provisional for r in evaluation.results)


def test_must_votes_of_a_recused_evaluator_do_not_count(conflicted: Workspace) -> None:
    conflicted.record_scores("alpha", "e2", {"lgwan": "pass"}, actor="e2")
    conflicted.record_scores("alpha", "e3", {"lgwan": "fail"}, actor="e3")
    conflicted.record_scores("alpha", "e1", {"lgwan": "fail"}, actor="e1", record_anyway=True)
    evaluation = conflicted.evaluate()
    must = evaluation.result("alpha").musts["lgwan"]
    # counted: e2 pass, e3 fail → 1–1, the chair (e2) passes it; with e1's fail it would be 1–2, disqualified
    assert (must.verdict, must.passes, must.fails, must.decided_by) == ("pass", 1, 1, "chair")
    assert [v.evaluator for v in must.votes] == ["e2", "e3"]
    assert evaluation.result("alpha").eligible
    assert evaluation.result("alpha").cells["c1"].recused == ("e1",)


def test_a_recused_chair_does_not_break_the_tie(tmp_path: Path) -> None:
    plan = recusal_plan().replace('chair = "e2"', 'chair = "e1"')
    with make(tmp_path, "chair", plan) as workspace:
        workspace.record_scores("alpha", "e2", {"lgwan": "pass"}, actor="e2")
        workspace.record_scores("alpha", "e3", {"lgwan": "fail"}, actor="e3")
        workspace.record_scores("alpha", "e1", {"lgwan": "pass"}, actor="e1", record_anyway=True)
        must = workspace.evaluate().result("alpha").musts["lgwan"]
        # the chair's own vote on a tool they are recused from is no casting vote: still a tie
        assert (must.verdict, must.passes, must.fails, must.decided_by) == ("tie", 1, 1, None)


def test_scores_given_before_a_declaration_are_set_aside(conflicted: Workspace) -> None:
    conflicted.record_scores("delta", "e2", {"c1": 5}, actor="e2")  # event 1
    conflicted.record_scores("delta", "e3", {"c1": 1}, actor="e3")  # event 2
    assert conflicted.evaluate().result("delta").cells["c1"].points == 5  # (1.0 + 0) / 2 × 10
    conflicted.declare_coi("e2", tool="delta", note="sibling works there", actor="chair")  # event 3
    cell = conflicted.evaluate().result("delta").cells["c1"]
    # only e3's 0 is counted now; e2's 5 is kept and disclosed
    assert cell.points == 0 and [s.evaluator for s in cell.scores] == ["e3"]
    assert [(s.evaluator, s.seq) for s in cell.recused_scores] == [("e2", 1)]
    assert cell.missing == ("e1",) and cell.recused == ("e2",)


def test_summed_scores_do_not_punish_the_tool_for_a_recusal(tmp_path: Path) -> None:
    with make(tmp_path, "summed", recusal_plan('aggregation = "sum"')) as workspace:
        for tool in ("alpha", "delta"):
            for evaluator in ("e1", "e2", "e3"):
                if (evaluator, tool) != ("e1", "alpha"):
                    workspace.record_scores(tool, evaluator, {"c1": 5, "c2": 5, "lgwan": "pass"}, actor=evaluator)
        evaluation = workspace.evaluate()
        alpha, delta = evaluation.result("alpha"), evaluation.result("delta")
        # every evaluator allowed to score gave both tools full marks: Delta 3 × (10 + 20) = 90 of 90;
        # got Alpha 2 × 30 = 60, rank 2, neither partial nor provisional
        assert alpha.total == delta.total


# --- 3. declarations -------------------------------------------------------------------------


def test_a_declared_company_recuses_from_every_tool_it_makes_or_sells(conflicted: Workspace) -> None:
    event = conflicted.declare_coi("e3", company="ベンダー（株）", note="former employee", actor="chair", now=NOW)
    assert event is not None and event.kind == COI_DECLARED and event.seq == 1
    assert dict(event.payload) == {"evaluator": "e3", "company": "ベンダー（株）", "note": "former employee"}
    found = conflicted.recusals()
    e3 = {tool: r for (evaluator, tool), r in found.items() if evaluator == "e3"}
    assert {tool: r.role for tool, r in e3.items()} == {"alpha": "vendor", "beta": "maker", "gamma": "reseller"}
    assert all(r.basis == "declared company" and r.seq == 1 and r.note == "former employee" for r in e3.values())
    with pytest.raises(ScoreError, match="recused"):
        conflicted.record_scores("beta", "e3", {"c1": 3}, actor="e3")
    conflicted.record_scores("delta", "e3", {"c1": 3}, actor="e3")  # Delta is another company's


def test_a_declared_tool_recuses_from_that_tool_only(conflicted: Workspace) -> None:
    event = conflicted.declare_coi("e2", tool="delta", note="relative at the vendor", actor="chair")
    assert event is not None and dict(event.payload) == {
        "evaluator": "e2",
        "tool": "delta",
        "note": "relative at the vendor",
    }
    found = {k: r for k, r in conflicted.recusals().items() if k[0] == "e2"}
    assert list(found) == [("e2", "delta")]
    recusal = found[("e2", "delta")]
    assert (recusal.basis, recusal.company, recusal.role, recusal.seq) == ("declared tool", None, None, 1)
    line = [x for x in recusal_lines(conflicted.evaluate(), "en") if x.startswith("Recused: E2")]
    assert line == ["Recused: E2 does not score Delta: declared conflict (event 1) relative at the vendor"]


def test_the_same_declaration_twice_records_nothing(conflicted: Workspace) -> None:
    assert conflicted.declare_coi("e2", company="デルタ商事株式会社", actor="chair") is not None
    assert conflicted.declare_coi("e2", company="デルタ商事株式会社", actor="someone else") is None
    assert conflicted.declare_coi("e2", company="  デルタ商事株式会社 ", actor="chair") is None  # stripped
    assert conflicted.declare_coi("e2", tool="delta", actor="chair") is not None
    assert conflicted.declare_coi("e2", tool="delta", actor="chair") is None
    assert head_seq(conflicted) == 2
    # recused from Gamma as its reseller, and from Delta
    assert {k for k in conflicted.recusals() if k[0] == "e2"} == {("e2", "gamma"), ("e2", "delta")}


@pytest.mark.parametrize(
    ("company", "tool"),
    [(None, None), ("", None), ("   ", None), ("ベンダー株式会社", "alpha")],
)
def test_a_declaration_names_a_company_or_a_tool(conflicted: Workspace, company: str | None, tool: str | None) -> None:
    with pytest.raises(ScoreError) as caught:
        conflicted.declare_coi("e2", company=company, tool=tool, actor="chair")
    assert caught.value.key == "coi.company_or_tool"
    assert head_seq(conflicted) == 0


def test_a_declaration_names_a_known_evaluator_and_tool(conflicted: Workspace) -> None:
    with pytest.raises(ScoreError) as caught:
        conflicted.declare_coi("nobody", company="X", actor="chair")
    assert caught.value.key == "score.unknown_evaluator"
    with pytest.raises(ScoreError) as caught:
        conflicted.declare_coi("e2", tool="omega", actor="chair")
    assert caught.value.key == "score.unknown_tool"
    assert head_seq(conflicted) == 0


def test_coi_declare_and_list_in_english(conflicted: Workspace, run: Callable[..., Result]) -> None:
    root = str(conflicted.root)
    result = run(
        "--lang",
        "en",
        "-C",
        root,
        "coi",
        "declare",
        "e2",
        "--company",
        "デルタ商事（株）",
        "--note",
        "former employee (2023)",
        "--actor",
        "chair",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "recorded: e2 (デルタ商事（株）)\n"
    result = run(
        "--lang",
        "en",
        "-C",
        root,
        "coi",
        "declare",
        "e2",
        "--company",
        "デルタ商事（株）",
        "--note",
        "former employee (2023)",
        "--actor",
        "chair",
    )
    assert result.exit_code == 0 and result.stdout == "that declaration is already recorded\n"
    result = run("--lang", "en", "-C", root, "coi", "declare", "e3", "--tool", "delta", "--actor", "chair")
    assert result.exit_code == 0 and result.stdout == "recorded: e3 (delta)\n"
    result = run("--lang", "en", "-C", root, "coi", "declare", "e3", "--tool", "delta", "--company", "X")
    assert result.exit_code == 1
    assert (
        result.stderr.strip() == "toolbench: declare either --company NAME (an organisation the evaluator is "
        "related to) or --tool ID, not both"
    )
    result = run("--lang", "en", "-C", root, "coi", "list")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Recused: E1 does not score Alpha: （株）ベンダー is its vendor (affiliation in the plan).",
        "Recused: E1 does not score Beta: （株）ベンダー is its maker (affiliation in the plan).",
        "Recused: E1 does not score Gamma: （株）ベンダー is a reseller of it (affiliation in the plan).",
        "Recused: E2 does not score Gamma: declared relationship with デルタ商事（株）, a reseller of it (event 1) "
        "former employee (2023)",
        "Recused: E3 does not score Delta: declared conflict (event 2) ",
    ]
    assert head_seq(conflicted) == 2


def test_coi_declare_and_list_in_japanese(tmp_path: Path, run: Callable[..., Result]) -> None:
    plan = recusal_plan().replace('affiliations = ["（株）ベンダー"]', "affiliations = []")
    with make(tmp_path, "ja", plan) as workspace:
        root = str(workspace.root)
        result = run("--lang", "ja", "-C", root, "coi", "list")
        assert result.exit_code == 0 and result.stdout == "利害関係（除斥）はありません\n"
        result = run(
            "--lang",
            "ja",
            "-C",
            root,
            "coi",
            "declare",
            "e1",
            "--company",
            "株式会社ベンダー",
            "--note",
            "元社員",
            "--actor",
            "chair",
        )
        assert result.exit_code == 0 and result.stdout == "記録しました: e1（株式会社ベンダー）\n"
        result = run(
            "--lang",
            "ja",
            "-C",
            root,
            "coi",
            "declare",
            "e1",
            "--company",
            "株式会社ベンダー",
            "--note",
            "元社員",
            "--actor",
            "chair",
        )
        assert result.exit_code == 0 and result.stdout == "その申告は記録済みです\n"
        result = run("--lang", "ja", "-C", root, "coi", "declare", "e1")
        assert result.exit_code == 1 and "--company 名称" in result.stderr
        result = run("--lang", "ja", "-C", root, "coi", "list")
        assert result.exit_code == 0
        assert result.stdout.splitlines() == [
            f"除斥: E1 は {tool} を採点しない（株式会社ベンダー（{role}）との関係を申告、イベント 1）元社員"
            for tool, role in (("Alpha", "提案者（販売元）"), ("Beta", "開発元"), ("Gamma", "販売代理店"))
        ]


# --- 4. the matrix without an evaluator ------------------------------------------------------

PANEL_PLAN = (
    """\
[evaluation]
title = "Panel"
language = "en"

[groups]
g = "Function"

"""
    + S5
    + """
[[criteria]]
id = "c1"
name = "C1"
group = "g"
points = 10
scale = "s5"

[[criteria]]
id = "c2"
name = "C2"
group = "g"
points = 20
scale = "s5"

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
name = "First"

[[evaluators]]
id = "e2"
name = "Second"

[[evaluators]]
id = "e3"
name = "Third"
"""
)

PANEL_SCORES: dict[tuple[str, str], dict[str, str | int]] = {
    ("p", "e1"): {"c1": 5, "c2": 3},
    ("p", "e2"): {"c1": 3, "c2": 4},
    ("p", "e3"): {"c1": 1, "c2": 1},
    ("q", "e1"): {"c1": 4, "c2": 4},
    ("q", "e2"): {"c1": 4, "c2": 2},
    ("q", "e3"): {"c1": 4, "c2": 5},
}


@pytest.fixture()
def panel(tmp_path: Path) -> Iterator[Workspace]:
    workspace = make(tmp_path, "panel", PANEL_PLAN)
    for (tool, evaluator), levels in PANEL_SCORES.items():
        workspace.record_scores(tool, evaluator, levels, actor=evaluator)
    yield workspace
    workspace.close()


def test_without_an_evaluator_by_hand(panel: Workspace) -> None:
    everyone = panel.evaluate()
    # P: c1 (1 + 0.5 + 0)/3 × 10 = 5; c2 (0.5 + 0.75 + 0)/3 × 20 = 25/3; total 40/3 → 13.33 (totals rounded)
    # Q: c1 0.75 × 10 = 7.5; c2 (0.75 + 0.25 + 1)/3 × 20 = 40/3; total 125/6 → 20.83
    assert [(r.tool.id, r.total, r.rank) for r in everyone.results] == [
        ("p", Fraction("13.33"), 2),
        ("q", Fraction("20.83"), 1),
    ]
    without = panel.evaluate(without=["e3"])
    # P: c1 (1 + 0.5)/2 × 10 = 7.5; c2 (0.5 + 0.75)/2 × 20 = 12.5; total 20
    # Q: c1 0.75 × 10 = 7.5; c2 (0.75 + 0.25)/2 × 20 = 10; total 17.5 — the winner changes
    assert [(r.tool.id, r.total, r.rank) for r in without.results] == [("p", 20, 1), ("q", Fraction(35, 2), 2)]
    assert without.without == ("e3",)
    cell = without.result("p").cells["c2"]
    assert [s.evaluator for s in cell.scores] == ["e1", "e2"] and cell.missing == () and not cell.partial
    notes = matrix_view(without, "en").notes
    assert "Shown WITHOUT Third: their scores are left out of every figure on request." in notes
    assert not any("WITHOUT" in n for n in matrix_view(everyone, "en").notes)


def test_matrix_without_on_the_command_line(panel: Workspace, run: Callable[..., Result]) -> None:
    root = str(panel.root)
    result = run("--lang", "en", "-C", root, "matrix", "--format", "json", "--without", "e3")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["without"] == ["e3"]
    assert [(t["id"], t["total"], t["total_exact"], t["rank"]) for t in data["tools"]] == [
        ("p", 20.0, "20", 1),
        ("q", 17.5, "17.5", 2),
    ]
    result = run("--lang", "en", "-C", root, "matrix", "--format", "markdown", "--without", "e3")
    assert result.exit_code == 0, result.output
    assert "| **Total** | 30 | 20.00 | 17.50 |" in result.stdout
    assert "- Shown WITHOUT Third: their scores are left out of every figure on request." in result.stdout
    result = run("--lang", "ja", "-C", root, "matrix", "--format", "markdown", "--without", "e3")
    assert "Third を除いて表示" in result.stdout
    # the matrix of everyone is not taken from (nor spoilt by) the run without e3
    result = run("--lang", "en", "-C", root, "matrix", "--format", "json")
    data = json.loads(result.stdout)
    assert data["without"] == [] and [t["total"] for t in data["tools"]] == [13.33, 20.83]
    # left out twice or together
    result = run("--lang", "en", "-C", root, "matrix", "--format", "json", "--without", "e3", "--without", "e2")
    data = json.loads(result.stdout)
    # only e1: P 1 × 10 + 0.5 × 20 = 20; Q 0.75 × 10 + 0.75 × 20 = 22.5
    assert data["without"] == ["e2", "e3"] and [t["total"] for t in data["tools"]] == [20.0, 22.5]


def test_matrix_without_an_unknown_evaluator(panel: Workspace, run: Callable[..., Result]) -> None:
    result = run("--lang", "en", "-C", str(panel.root), "matrix", "--without", "zz")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("toolbench: ") and "zz" in lines[0] and "e1, e2, e3" in lines[0]
    assert "Traceback" not in result.output and result.stdout == ""


# --- 5. the lock -----------------------------------------------------------------------------

PRICED_PLAN = (
    """\
[evaluation]
title = "Priced"
language = "en"

[price]
family = "lowest_ratio"
tax = "included"

[fairness]
#FAIRNESS

[groups]
tech = "Technical"
cost = "Cost"

"""
    + S5
    + """
[[criteria]]
id = "quality"
name = "Quality"
group = "tech"
points = 70
scale = "s5"

[[criteria]]
id = "price"
name = "Price"
group = "cost"
kind = "price"
points = 30

[[tools]]
id = "p"
name = "P"
vendor = "P Co."
price = { amount = 1000000, tax = "included" }

[[tools]]
id = "q"
name = "Q"
vendor = "Q Co."
price = { amount = 1250000, tax = "included" }

[[evaluators]]
id = "e1"
name = "E1"
"""
)


def priced_plan(fairness: str = "") -> str:
    return PRICED_PLAN.replace("#FAIRNESS", fairness)


def test_lock_records_the_parts_and_once_only(tmp_path: Path) -> None:
    with make(tmp_path, "lock", priced_plan()) as workspace:
        event = workspace.lock(actor="chair", now=NOW)
        assert event is not None and event.kind == PLAN_LOCKED and event.seq == 1
        assert dict(event.payload) == {"parts": lock_parts(workspace.plan)}
        assert set(event.payload["parts"]) == {"criteria", "points", "rules"}
        assert all(len(h) == 64 for h in event.payload["parts"].values())
        assert workspace.lock(actor="chair") is None
        assert workspace.lock(actor="chair", reason="again") is None  # nothing changed: nothing to give a reason for
        assert head_seq(workspace) == 1
        evaluation = workspace.evaluate()
        assert evaluation.lock is not None and evaluation.lock.changed == ()
        assert fairness_lines(evaluation, "en") == ["Criteria, points and rules locked on 2026-04-13 (event 1)."]
        assert fairness_lines(evaluation, "ja") == ["評価項目・配点・規則は 2026-04-13 にロック済み（イベント 1）。"]


@pytest.mark.parametrize(
    ("old", "new", "part", "ja"),
    [
        ("points = 70", "points = 60", "points", "配点"),
        ('"4" = 0.75', '"4" = 0.8', "criteria", "評価項目"),  # a level's ratio in the scale table
        ('name = "Quality"', 'name = "Quality of reading"', "criteria", "評価項目"),
        ("[fairness]\n", '[scoring]\naggregation = "median"\n\n[fairness]\n', "rules", "規則"),
        ('tax = "included"\n\n', 'tax = "included"\nceiling = 2000000\n\n', "rules", "規則"),
    ],
)
def test_a_change_after_the_lock_is_named(tmp_path: Path, old: str, new: str, part: str, ja: str) -> None:
    with make(tmp_path, "lock", priced_plan()) as workspace:
        workspace.lock(actor="chair", now=NOW)
        workspace.record_scores("p", "e1", {"quality": 4}, actor="e1", now=NOW + timedelta(days=1))
        root = workspace.root
    edit_plan(root, old, new)
    with Workspace.open(root) as workspace:
        evaluation = workspace.evaluate()
        assert evaluation.lock is not None and evaluation.lock.changed == (part,)
        view = matrix_view(evaluation, "en")
        assert view.notes[0] == (
            f"WARNING: {part} changed since the lock of 2026-04-13 (event 1); these figures are not under the "
            "locked rules until the plan is locked again with a reason (`toolbench lock --reason …`)."
        )
        assert (
            matrix_view(evaluation, "ja").notes[0].startswith(f"警告: 2026-04-13 のロック（イベント 1）以降に {ja} が")
        )
        assert evaluation.lock.lock is not None
        locked_at = evaluation.lock.lock.ts
        assert matrix_data(evaluation)["lock"] == {"event": 1, "locked_at": locked_at, "changed": [part]}
        # re-locking needs a reason; with one it is recorded with what it supersedes and what changed
        with pytest.raises(ScoreError) as caught:
            workspace.lock(actor="chair")
        assert caught.value.key == "lock.reason_required"
        assert [m.key for m in caught.value.params["parts"]] == [f"lock.part.{part}"] and caught.value.params[
            "seq"
        ] == 1
        with pytest.raises(ScoreError):
            workspace.lock(actor="chair", reason="   ")
        assert head_seq(workspace) == 2
        event = workspace.lock(actor="chair", reason="agreed at the 2nd meeting", now=NOW + timedelta(days=2))
        assert event is not None and event.seq == 3
        assert dict(event.payload) == {
            "parts": lock_parts(workspace.plan),
            "supersedes": 1,
            "changed": [part],
            "after_scores": 1,  # the re-lock came after one score: disclosed in every report
            "reason": "agreed at the 2nd meeting",
        }
        evaluation = workspace.evaluate()
        assert evaluation.lock is not None and evaluation.lock.changed == ()
        assert matrix_view(evaluation, "en").notes[0] == "Criteria, points and rules locked on 2026-04-15 (event 3)."


def test_changes_that_are_not_locked(tmp_path: Path) -> None:
    """The title and the divergence share (a rater check, not a scoring rule) are not part of the lock."""
    with make(tmp_path, "lock", priced_plan()) as workspace:
        workspace.lock(actor="chair")
        root = workspace.root
    edit_plan(root, 'title = "Priced"', 'title = "Priced, renamed"')
    edit_plan(root, "[fairness]\n", "[fairness]\ndivergence_share = 0.5\n")
    with Workspace.open(root) as workspace:
        assert workspace.evaluate().lock.changed == ()  # type: ignore[union-attr]
        assert workspace.lock(actor="chair") is None


def test_require_lock_refuses_scores_until_locked(tmp_path: Path, run: Callable[..., Result]) -> None:
    with make(tmp_path, "required", priced_plan("require_lock = true")) as workspace:
        with pytest.raises(ScoreError) as caught:
            workspace.record_scores("p", "e1", {"quality": 4}, actor="e1")
        assert caught.value.key == "score.not_locked" and head_seq(workspace) == 0
        assert fairness_lines(workspace.evaluate(), "en") == [
            "WARNING: the plan requires a lock and none is recorded; run `toolbench lock`."
        ]
        root = str(workspace.root)
        result = run("--lang", "en", "-C", root, "score", "p", "-e", "e1", "quality=4", "--actor", "e1")
        assert result.exit_code == 1 and "run `toolbench lock` first" in result.stderr
        result = run("--lang", "en", "-C", root, "lock", "--actor", "chair")
        assert result.exit_code == 0 and result.stdout == "locked the criteria, points and rules (event 1)\n"
        result = run("--lang", "en", "-C", root, "lock", "--actor", "chair")
        assert result.exit_code == 0 and result.stdout == "already locked and nothing changed since (event 1)\n"
        result = run("--lang", "en", "-C", root, "score", "p", "-e", "e1", "quality=4", "--actor", "e1")
        assert result.exit_code == 0, result.output
        assert [e.kind for e in workspace.ledger.events()] == [PLAN_LOCKED, SCORE_RECORDED]


def test_lock_on_the_command_line_after_a_change(tmp_path: Path, run: Callable[..., Result]) -> None:
    with make(tmp_path, "cli-lock", priced_plan()) as workspace:
        root = workspace.root
    assert run("-C", str(root), "lock", "--actor", "chair").exit_code == 0
    edit_plan(root, "points = 30", "points = 40")
    result = run("--lang", "en", "-C", str(root), "lock", "--actor", "chair")
    assert result.exit_code == 1
    assert result.stderr == 'toolbench: points changed since the lock (event 1); re-locking needs --reason "…"\n'
    result = run("--lang", "en", "-C", str(root), "matrix", "--format", "markdown")
    assert "- WARNING: points changed since the lock of" in result.stdout
    result = run("--lang", "en", "-C", str(root), "lock", "--reason", "price weight raised", "--actor", "chair")
    assert result.exit_code == 0 and result.stdout == "locked the criteria, points and rules (event 2)\n"


def test_the_japanese_reason_required_message_names_the_part_in_japanese(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    with make(tmp_path, "ja-lock", priced_plan()) as workspace:
        workspace.lock(actor="chair")
        root = workspace.root
    edit_plan(root, "points = 30", "points = 40")
    result = run("--lang", "ja", "-C", str(root), "lock")
    assert result.exit_code == 1
    assert "以降に 配点 が変わっています" in result.stderr  # got "以降に points が変わっています"


def test_lock_again_works_while_scores_are_missing_under_block(tmp_path: Path, run: Callable[..., Result]) -> None:
    with make(tmp_path, "blocked", recusal_plan('missing = "block"')) as workspace:
        root = str(workspace.root)
    assert run("--lang", "en", "-C", root, "lock", "--actor", "chair").exit_code == 0
    result = run("--lang", "en", "-C", root, "lock", "--actor", "chair")
    # got exit 1: "toolbench: 27 score(s) are missing (alpha/c1/e2, …) and the plan's rule is … "block" …"
    assert result.exit_code == 0 and result.stdout == "already locked and nothing changed since (event 1)\n"


def test_coi_list_works_while_scores_are_missing_under_block(tmp_path: Path, run: Callable[..., Result]) -> None:
    with make(tmp_path, "blocked", recusal_plan('missing = "block"')) as workspace:
        root = str(workspace.root)
    result = run("--lang", "en", "-C", root, "coi", "list")
    assert result.exit_code == 0 and "Recused: E1 does not score Alpha" in result.stdout  # got exit 1


def test_the_demo_shows_points_changed_when_a_new_hearing_moves_them(demo: Workspace) -> None:
    """The demo's points come from hearings; the lock (event 5) holds the points they gave then."""
    before = demo.evaluate()
    assert before.lock is not None and before.lock.lock is not None and before.lock.changed == ()
    assert before.lock.lock.seq == 5
    old_points = {c.id: c.points for c in before.plan.criteria}
    demo.record_hearing(
        Respondent(id="tax-chief-2", department="tax", group="management", role="課長補佐", weight=Decimal(40)),
        Answers(
            method="ratings",
            ratings={
                "accuracy": 1,
                "handwriting": 1,
                "form-definition": 1,
                "security-certification": 1,
                "support": 1,
                "ease-of-use": 1,
                "price": 5,
            },
        ),
        actor="advisor",
    )
    after = demo.evaluate()
    # a heavily weighted respondent who cares only for price: price's derived points rise
    assert after.plan.criterion("price").points > old_points["price"]  # type: ignore[union-attr]
    assert after.lock is not None and after.lock.changed == ("points",)
    assert fairness_lines(after, "en")[0].startswith("WARNING: points changed since the lock of 2026-04-14 (event 5)")
    with pytest.raises(ScoreError) as caught:
        demo.lock(actor="advisor")
    assert [m.key for m in caught.value.params["parts"]] == ["lock.part.points"] and caught.value.params["seq"] == 5
    event = demo.lock(actor="advisor", reason="a late hearing of the tax office")
    assert event is not None and event.payload["changed"] == ["points"] and event.payload["supersedes"] == 5
    assert demo.evaluate().lock.changed == ()  # type: ignore[union-attr]


# --- 6. two envelopes ------------------------------------------------------------------------


def test_two_envelopes_keep_prices_sealed_until_the_scores_are_locked(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    with make(tmp_path, "envelopes", priced_plan("two_envelopes = true")) as workspace:
        workspace.record_scores("p", "e1", {"quality": 4}, actor="e1")  # 0.75 × 70 = 52.5
        workspace.record_scores("q", "e1", {"quality": 5}, actor="e1")  # 1.0 × 70 = 70
        sealed = workspace.evaluate()
        assert sealed.sealed
        for tool, technical in (("p", Fraction(105, 2)), ("q", Fraction(70))):
            result = sealed.result(tool)
            assert result.price is None and result.price_points is None and result.cells["price"].points is None
            assert result.technical == result.total == technical
            assert result.provisional and result.awaiting_price
        view = matrix_view(sealed, "en")
        assert all(c.flags == ("sealed",) and c.detail == "sealed" for c in row_cells(view, "price").values())
        assert view.notes[0] == (
            "Prices are sealed (two envelopes) until the technical scores are locked (`toolbench lock --scores`)."
        )
        assert matrix_data(sealed)["sealed"] is True
        markdown = render_markdown(view)
        assert "1,000,000" not in markdown and "1,250,000" not in markdown
        assert all(t["price"] is None for t in matrix_data(sealed)["tools"])

        command = run("--lang", "en", "-C", str(workspace.root), "lock", "--scores", "--actor", "chair")
        assert command.exit_code == 0
        assert command.stdout == "locked the technical scores (event 3); sealed prices, if any, are now open\n"
        opened = workspace.evaluate()
        assert not opened.sealed
        p, q = opened.result("p"), opened.result("q")
        # lowest price 1,000,000: P 30 × 1,000,000 / 1,000,000 = 30; Q 30 × 1,000,000 / 1,250,000 = 24
        assert (p.price, p.price_points, p.total) == (Fraction(1000000), Fraction(30), Fraction(165, 2))  # 52.5 + 30
        assert (q.price, q.price_points, q.total) == (Fraction(1250000), Fraction(24), Fraction(94))  # 70 + 24
        assert not p.provisional and not q.provisional and (q.rank, p.rank) == (1, 2)
        view = matrix_view(opened, "en")
        assert row_cells(view, "price")["q"].value == Decimal("24.00")
        assert view.notes[0].startswith("Technical scores locked on ") and "(event 3)" in view.notes[0]
        assert not any("sealed" in n for n in view.notes)

        # the technical scores are final now: neither a change nor a new one
        with pytest.raises(ScoreError) as caught:
            workspace.record_scores("p", "e1", {"quality": 5}, actor="e1", reason="re-read")
        assert caught.value.key == "score.scores_locked" and caught.value.params["seq"] == 3
        assert workspace.lock_scores(actor="chair") is None
        command = run("--lang", "en", "-C", str(workspace.root), "lock", "--scores")
        assert command.stdout == "the technical scores are already locked (event 3)\n"
        assert head_seq(workspace) == 3


def ordinal_plan() -> str:
    """The priced plan with two envelopes, its price judged by the evaluators on the 1–5 scale."""
    text = priced_plan("two_envelopes = true").replace('family = "lowest_ratio"', 'family = "ordinal"')
    return text.replace('kind = "price"\npoints = 30\n', 'kind = "price"\npoints = 30\nscale = "s5"\n')


def test_an_ordinal_price_can_still_be_judged_after_the_scores_are_locked(tmp_path: Path) -> None:
    with make(tmp_path, "ordinal", ordinal_plan()) as workspace:
        workspace.record_scores("p", "e1", {"quality": 4}, actor="e1")
        workspace.record_scores("q", "e1", {"quality": 5}, actor="e1")
        workspace.lock_scores(actor="chair")
        workspace.record_scores("p", "e1", {"price": 5}, actor="e1")  # the price is not a technical score
        workspace.record_scores("q", "e1", {"price": 3}, actor="e1")
        with pytest.raises(ScoreError) as caught:
            workspace.record_scores("q", "e1", {"quality": 4}, actor="e1", reason="x")
        assert caught.value.key == "score.scores_locked"
        evaluation = workspace.evaluate()
        p, q = evaluation.result("p"), evaluation.result("q")
        # P 52.5 + 1.0 × 30 = 82.5; Q 70 + 0.5 × 30 = 85
        assert (p.price_points, p.total, q.price_points, q.total) == (
            Fraction(30),
            Fraction(165, 2),
            Fraction(15),
            Fraction(85),
        )
        assert (q.rank, p.rank) == (1, 2)


def test_an_ordinal_price_stays_sealed_until_the_scores_are_locked(tmp_path: Path) -> None:
    with make(tmp_path, "ordinal-sealed", ordinal_plan()) as workspace:
        workspace.record_scores("q", "e1", {"quality": 5}, actor="e1")
        try:
            workspace.record_scores("q", "e1", {"price": 2}, actor="e1")
        except ScoreError:
            return  # refusing to judge a sealed price is one right answer
        evaluation = workspace.evaluate()
        assert evaluation.sealed
        q = evaluation.result("q")
        # the other: the judged price stays out of the total until the envelope opens; got 70 + 7.5 = 77.5
        assert q.total == q.technical == 70 and q.provisional


# --- 7. blind labels -------------------------------------------------------------------------

BLIND_PLAN = (
    """\
[evaluation]
title = { ja = "匿名評価の試験", en = "Blind test" }
language = "en"

[price]
family = "lowest_ratio"

[groups]
tech = { ja = "機能", en = "Function" }
cost = { ja = "費用", en = "Cost" }

"""
    + S5
    + """
[[criteria]]
id = "quality"
name = { ja = "品質", en = "Quality" }
group = "tech"
points = 70
scale = "s5"

[[criteria]]
id = "support"
name = { ja = "支援", en = "Support" }
group = "tech"
points = 10
scale = "s5"

[[criteria]]
id = "price"
name = { ja = "価格", en = "Price" }
group = "cost"
kind = "price"
points = 20

[[tools]]
id = "hikari-ocr"
name = { ja = "ひかりOCR", en = "Hikari OCR" }
vendor = "株式会社ひかり情報システム"
maker = "Hikari Labs Inc."
resellers = ["つばさ販売株式会社"]
price = { amount = 2000000 }

[[tools]]
id = "mirai-scan"
name = { ja = "ミライスキャン", en = "Mirai Scan" }
vendor = "みらい電子株式会社"
price = { amount = 2500000 }

[[tools]]
id = "kumo-read"
name = { ja = "クモリード", en = "Kumo Read" }
vendor = "雲読合同会社"
maker = "Kumo Reader GmbH"
price = { amount = 4000000 }

[[evaluators]]
id = "e1"
name = "委員1"

[[evaluators]]
id = "e2"
name = "委員2"
"""
)
SEED = 2026


def secrets_of(workspace: Workspace) -> list[str]:
    """Everything that names a tool: its id, names, vendor, maker and resellers."""
    found: list[str] = []
    for tool in workspace.plan.tools:
        found += [tool.id, tool.name.ja or "", tool.name.en or "", tool.vendor, tool.maker or "", *tool.resellers]
    return [s for s in found if s]


def leaks(text: str, secrets: list[str]) -> list[str]:
    return [s for s in secrets if s in text]


def xlsx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())


@pytest.fixture()
def blind_ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = make(tmp_path, "blind", BLIND_PLAN)
    workspace.blind(actor="chair", seed=SEED, now=NOW)
    yield workspace
    workspace.close()


def labels_of(workspace: Workspace) -> dict[str, str]:
    return blind_mapping([t.id for t in workspace.plan.tools], SEED)


def test_blind_labels_come_from_the_seed_and_only_a_commitment_is_recorded(tmp_path: Path) -> None:
    ids = ["hikari-ocr", "mirai-scan", "kumo-read"]
    mapping = blind_mapping(ids, SEED)
    assert mapping == blind_mapping(ids, SEED)  # reproducible
    assert sorted(mapping) == sorted(ids) and sorted(mapping.values()) == ["A", "B", "C"]
    first = make(tmp_path, "one", BLIND_PLAN)
    second = make(tmp_path, "two", BLIND_PLAN)
    with first, second:
        events = [first.blind(actor="chair", seed=SEED), second.blind(actor="chair", seed=SEED)]
        for workspace, event in zip((first, second), events, strict=True):
            assert event.kind == BLIND_ASSIGNED and set(event.payload) == {"commitment", "count"}
            assert event.payload["count"] == 3
            assert not leaks(json.dumps(dict(event.payload), ensure_ascii=False), secrets_of(workspace))
            secret = json.loads((workspace.root / ".toolbench" / "blind.json").read_text(encoding="utf-8"))
            assert set(secret) == {"seed", "salt", "mapping", "commitment"}
            assert secret["seed"] == SEED and secret["mapping"] == mapping
            assert commitment(secret["seed"], secret["salt"], secret["mapping"]) == event.payload["commitment"]
            assert secret["commitment"] == event.payload["commitment"]
            assert workspace.blind_labels() == mapping
        # same seed, same labels; a fresh salt each time, so the commitments differ
        assert events[0].payload["commitment"] != events[1].payload["commitment"]


def test_a_blind_evaluation_names_no_tool_anywhere(
    blind_ws: Workspace, tmp_path: Path, run: Callable[..., Result]
) -> None:
    labels = labels_of(blind_ws)
    by_label = {label: tool for tool, label in labels.items()}
    secrets = secrets_of(blind_ws)
    root = str(blind_ws.root)
    for evaluator, levels in (("e1", ("5", "3", "4")), ("e2", ("4", "4", "2"))):
        for label, level in zip("ABC", levels, strict=True):
            result = run(
                "--lang",
                "en",
                "-C",
                root,
                "score",
                label,
                "-e",
                evaluator,
                f"quality={level}",
                "support=3",
                "--actor",
                evaluator,
            )
            assert result.exit_code == 0, result.output
            # the label while blind; the evaluator by name (issue 14)
            assert result.stdout == f"recorded 2 score(s) for {label} by {blind_ws.plan.evaluator(evaluator).name}\n"
            assert not leaks(result.output, secrets)
    # each label's scores went to the tool behind it
    recorded = {
        (e.payload["tool"], e.payload["evaluator"]): e.payload["level"]
        for e in blind_ws.events(kind=SCORE_RECORDED)
        if e.payload["criterion"] == "quality"
    }
    assert recorded == {
        (by_label["A"], "e1"): "5",
        (by_label["B"], "e1"): "3",
        (by_label["C"], "e1"): "4",
        (by_label["A"], "e2"): "4",
        (by_label["B"], "e2"): "4",
        (by_label["C"], "e2"): "2",
    }

    evaluation = blind_ws.evaluate()
    assert [r.tool.id for r in evaluation.results] == ["A", "B", "C"]  # label order, not the plan's
    assert [r.tool.name.en for r in evaluation.results] == ["Candidate A", "Candidate B", "Candidate C"]
    assert evaluation.blind == blind_ws.events(kind=BLIND_ASSIGNED)[0].payload["commitment"]
    # the figures are the real tools': quality A (1 + .75)/2 × 70 = 61.25, B 0.625 × 70 = 43.75, C 0.5 × 70 = 35;
    # support 0.5 × 10 = 5 each
    technical = {r.tool.id: r.technical for r in evaluation.results}
    assert technical == {"A": Fraction(6625, 100), "B": Fraction(4875, 100), "C": 40}
    # while blind, prices stay sealed (a bid under a label would tell which tool it is)
    assert {r.tool.id: r.price for r in evaluation.results} == {"A": None, "B": None, "C": None}

    texts = {"json": json_text(matrix_data(evaluation))}
    for lang in LANGS:
        view = matrix_view(evaluation, lang)
        assert view.tool_ids == ("A", "B", "C")
        texts[f"markdown {lang}"] = render_markdown(view)
        texts[f"csv {lang}"] = render_csv(view)
        texts[f"html {lang}"] = render_html(view, now=NOW)
    assert "候補A" in texts["markdown ja"] and "Candidate A" in texts["markdown en"]
    assert "Blind evaluation: tools are shown as labels" in texts["markdown en"]
    for fmt in ("json", "markdown", "csv", "table"):
        result = run("--lang", "en", "-C", root, "matrix", "--format", fmt)
        assert result.exit_code == 0, result.output
        texts[f"cli {fmt}"] = result.stdout
    result = run("--lang", "en", "-C", root, "matrix", "--format", "xlsx", "-o", str(tmp_path / "m.xlsx"))
    assert result.exit_code == 0, result.output
    texts["cli xlsx"] = xlsx_text((tmp_path / "m.xlsx").read_bytes())
    for lang in ("ja", "en"):
        out = tmp_path / f"report-{lang}"
        result = run("--lang", lang, "-C", root, "report", str(out), "--format", "xlsx,html,csv")
        assert result.exit_code == 0, result.output
        assert not leaks(result.stdout, secrets)
        for path in sorted(out.iterdir()):
            data = path.read_bytes()
            texts[f"report {lang} {path.name}"] = (
                xlsx_text(data) if path.suffix == ".xlsx" else data.decode("utf-8-sig")
            )
    assert len(texts) > 20
    found = {name: leaks(text, secrets) for name, text in texts.items()}
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_blind_error_messages_name_the_label_only(blind_ws: Workspace, run: Callable[..., Result]) -> None:
    labels = labels_of(blind_ws)
    root = str(blind_ws.root)
    assert run("-C", root, "score", "B", "-e", "e1", "quality=4", "--actor", "e1").exit_code == 0
    result = run("--lang", "en", "-C", root, "score", "B", "-e", "e1", "quality=3", "--actor", "e1")
    assert result.exit_code == 1
    assert result.stderr == 'toolbench: e1 already scored B quality=4 (event 2); changing it to 3 needs --reason "…"\n'
    assert not leaks(result.stderr, secrets_of(blind_ws))
    # the library says the same to a Python caller
    with pytest.raises(ScoreError) as caught:
        blind_ws.record_scores(blind_ws.resolve_tool("B"), "e1", {"quality": 3}, actor="e1")
    assert caught.value.key == "score.reason_required" and caught.value.params["tool"] == "B"
    assert blind_ws.resolve_tool("B") == next(t for t, label in labels.items() if label == "B")
    blind_ws.lock_scores(actor="chair")
    with pytest.raises(ScoreError) as caught:
        blind_ws.record_scores(blind_ws.resolve_tool("C"), "e1", {"quality": 3}, actor="e1")
    assert caught.value.key == "score.scores_locked" and caught.value.params["tool"] == "C"


def test_a_blind_recusal_error_names_neither_tool_nor_company(tmp_path: Path, run: Callable[..., Result]) -> None:
    with make(tmp_path, "blind-coi", recusal_plan()) as workspace:
        workspace.blind(actor="chair", seed=SEED)
        label = blind_mapping([t.id for t in workspace.plan.tools], SEED)["alpha"]
        for lang in ("en", "ja"):
            result = run("--lang", lang, "-C", str(workspace.root), "score", label, "-e", "e1", "c1=5")
            assert result.exit_code == 1
            assert label in result.stderr
            assert not leaks(result.stderr, ["alpha", "Alpha", "ベンダー"])
        assert (
            "a declared or registered relationship"
            in run("--lang", "en", "-C", str(workspace.root), "score", label, "-e", "e1", "c1=5").stderr
        )


def test_blind_score_sheets_show_labels_and_import_to_the_right_tools(blind_ws: Workspace, tmp_path: Path) -> None:
    labels = labels_of(blind_ws)
    by_label = {label: tool for tool, label in labels.items()}
    sheet = export_sheet(blind_ws, "e2", "csv", "en").decode("utf-8-sig")
    assert not leaks(sheet, secrets_of(blind_ws))
    lines = sheet.splitlines()
    header = next(line for line in lines if line.startswith("Criterion id,"))
    assert header.endswith(",A,B,C")
    assert ",Candidate A,Candidate B,Candidate C" in sheet
    # fill in: quality A=5, B=2, C=4; support only B=3
    filled = []
    for line in lines:
        if line.startswith("quality,"):
            line = line.removesuffix(",,,") + ",5,2,4"
        elif line.startswith("support,"):
            line = line.removesuffix(",,,") + ",,3,"
        filled.append(line)
    path = tmp_path / "e2.csv"
    path.write_text("\n".join(filled) + "\n", encoding="utf-8")
    outcome = import_sheet(blind_ws, path, actor="clerk")
    got = {(e.payload["tool"], e.payload["criterion"]): e.payload["level"] for e in outcome.outcome.recorded}
    assert got == {
        (by_label["A"], "quality"): "5",
        (by_label["B"], "quality"): "2",
        (by_label["C"], "quality"): "4",
        (by_label["B"], "support"): "3",
    }
    assert all(e.payload["evaluator"] == "e2" for e in outcome.outcome.recorded)
    # the sheet exported again shows the recorded levels under the labels
    again = export_sheet(blind_ws, "e2", "csv", "en").decode("utf-8-sig")
    assert next(x for x in again.splitlines() if x.startswith("quality,")).endswith(",5,2,4")
    # and importing it again records nothing
    assert import_sheet(blind_ws, path, actor="clerk").outcome.recorded == ()


def test_blind_sheet_import_output_names_labels_only(
    blind_ws: Workspace, tmp_path: Path, run: Callable[..., Result]
) -> None:
    sheet = export_sheet(blind_ws, "e1", "csv", "en").decode("utf-8-sig")
    filled = [
        line.removesuffix(",,,") + ",4,4,4" if line.startswith("quality,") else line for line in sheet.splitlines()
    ]
    path = tmp_path / "e1.csv"
    path.write_text("\n".join(filled) + "\n", encoding="utf-8")
    result = run("--lang", "en", "-C", str(blind_ws.root), "sheet", "import", str(path), "--dry-run")
    assert result.exit_code == 0, result.output
    assert leaks(result.stdout, secrets_of(blind_ws)) == []  # got ['hikari-ocr', 'mirai-scan', 'kumo-read']


def test_blind_recusal_notes_do_not_name_the_company(tmp_path: Path, run: Callable[..., Result]) -> None:
    plan = BLIND_PLAN.replace('name = "委員1"', 'name = "委員1"\naffiliations = ["株式会社ひかり情報システム"]')
    with make(tmp_path, "blind-recusal", plan) as workspace:
        workspace.blind(actor="chair", seed=SEED)
        evaluation = workspace.evaluate()
        assert len(evaluation.recusals) == 1
        texts = [json_text(matrix_data(evaluation)), *matrix_view(evaluation, "en").notes]
        texts.append(run("--lang", "en", "-C", str(workspace.root), "coi", "list").stdout)
        texts.append(run("--lang", "ja", "-C", str(workspace.root), "coi", "list").stdout)
        assert [t for t in texts if leaks(t, secrets_of(workspace))] == []
        label = blind_mapping([t.id for t in workspace.plan.tools], SEED)["hikari-ocr"]
        # beside the plan's affiliations the label would tell the tool: neither is named (issue 12)
        assert "Recused: 委員1 does not score one of the candidates (" in texts[-2]
        assert f"Candidate {label}" not in texts[-2]
        # recorded anyway while blind: disclosed under the label
        workspace.record_scores("hikari-ocr", "e1", {"quality": 5}, actor="e1", record_anyway=True)
        notes = matrix_view(workspace.evaluate(), "en").notes
        assert "Recorded despite recusal, not counted: 委員1 gave one of the candidates quality=5 (event 2)." in notes
        assert not [n for n in notes if leaks(n, secrets_of(workspace))]


def test_blind_report_reasons_log_names_labels_only(
    blind_ws: Workspace, tmp_path: Path, run: Callable[..., Result]
) -> None:
    label = "A"
    tool = blind_ws.resolve_tool(label)
    blind_ws.record_scores(tool, "e1", {"quality": 4}, actor="e1")
    blind_ws.record_scores(tool, "e1", {"quality": 3}, actor="e1", reason="re-read the pilot report")
    out = tmp_path / "report"
    result = run("--lang", "en", "-C", str(blind_ws.root), "report", str(out), "--format", "csv")
    assert result.exit_code == 0, result.output
    log = (out / "reasons-log.csv").read_text(encoding="utf-8-sig")
    assert "re-read the pilot report" in log
    assert leaks(log, secrets_of(blind_ws)) == []  # got the real tool id in the Tool column


def test_blind_tie_notes_list_labels_in_label_order(tmp_path: Path) -> None:
    plan = BLIND_PLAN.replace('family = "lowest_ratio"', 'family = "none"').replace("points = 20", "points = 0")
    with make(tmp_path, "blind-tie", plan) as workspace:
        workspace.blind(actor="chair", seed=SEED)
        for tool in workspace.plan.tools:
            workspace.record_scores(tool.id, "e1", {"quality": 4, "support": 4}, actor="e1")
        evaluation = workspace.evaluate()
        (tie,) = evaluation.ties
        assert list(tie.tools) == sorted(tie.tools)  # got C, B, A: the plan order (hikari-ocr, mirai-scan, kumo-read)


def test_an_edited_mapping_is_refused_before_it_is_used(blind_ws: Workspace) -> None:
    path = blind_ws.root / ".toolbench" / "blind.json"
    secret = json.loads(path.read_text(encoding="utf-8"))
    first, second = list(secret["mapping"])[:2]
    secret["mapping"][first], secret["mapping"][second] = secret["mapping"][second], secret["mapping"][first]
    path.write_text(json.dumps(secret), encoding="utf-8")
    with pytest.raises(WorkspaceError) as caught:
        blind_ws.evaluate()  # got the evaluation under the swapped labels
    assert caught.value.key == "blind.file_mismatch"


def test_unblind_reveals_what_reproduces_the_commitment(blind_ws: Workspace, run: Callable[..., Result]) -> None:
    assigned = blind_ws.events(kind=BLIND_ASSIGNED)[0]
    result = run("--lang", "en", "-C", str(blind_ws.root), "unblind", "--actor", "chair")
    assert result.exit_code == 0, result.output
    labels = labels_of(blind_ws)
    listed = ", ".join(f"{label} = {tool}" for tool, label in sorted(labels.items(), key=lambda x: x[1]))
    assert result.stdout == f"revealed the mapping (event 2); it reproduces the commitment: {listed}\n"
    (revealed,) = blind_ws.events(kind=BLIND_REVEALED)
    p = revealed.payload
    assert p["seed"] == SEED and p["mapping"] == labels and p["commitment"] == assigned.payload["commitment"]
    assert commitment(p["seed"], p["salt"], p["mapping"]) == assigned.payload["commitment"]
    assert blind_mapping([t.id for t in blind_ws.plan.tools], p["seed"]) == p["mapping"]
    # names are shown again, in the plan's order
    assert blind_ws.blind_labels() is None
    evaluation = blind_ws.evaluate()
    assert evaluation.blind is None
    assert [r.tool.id for r in evaluation.results] == ["hikari-ocr", "mirai-scan", "kumo-read"]
    view = matrix_view(evaluation, "en")
    assert view.tool_names == ("Hikari OCR", "Mirai Scan", "Kumo Read")
    assert not any("Blind" in n for n in view.notes)
    # a second unblind has nothing to reveal
    with pytest.raises(ScoreError) as caught:
        blind_ws.unblind(actor="chair")
    assert caught.value.key == "blind.not_active"
    # and blind mode may start again, with new labels
    blind_ws.blind(actor="chair", seed=SEED + 1)
    assert blind_ws.blind_labels() == blind_mapping([t.id for t in blind_ws.plan.tools], SEED + 1)


def test_unblind_refuses_an_edited_mapping(blind_ws: Workspace, run: Callable[..., Result]) -> None:
    path = blind_ws.root / ".toolbench" / "blind.json"
    secret = json.loads(path.read_text(encoding="utf-8"))
    first, second = list(secret["mapping"])[:2]
    secret["mapping"][first], secret["mapping"][second] = secret["mapping"][second], secret["mapping"][first]
    path.write_text(json.dumps(secret), encoding="utf-8")
    before = head_seq(blind_ws)
    with pytest.raises(WorkspaceError) as caught:
        blind_ws.unblind(actor="chair")
    assert caught.value.key == "blind.file_mismatch"
    assert head_seq(blind_ws) == before
    result = run("--lang", "en", "-C", str(blind_ws.root), "unblind")
    assert result.exit_code == 1 and "does not match the commitment recorded in the ledger" in result.stderr


def test_unblind_refuses_a_file_from_another_evaluation(blind_ws: Workspace) -> None:
    path = blind_ws.root / ".toolbench" / "blind.json"
    secret = json.loads(path.read_text(encoding="utf-8"))
    secret["salt"] = "0" * 32
    secret["commitment"] = commitment(secret["seed"], secret["salt"], secret["mapping"])
    path.write_text(json.dumps(secret), encoding="utf-8")
    with pytest.raises(WorkspaceError) as caught:
        blind_ws.evaluate()
    assert caught.value.key == "blind.file_mismatch"
    path.unlink()
    with pytest.raises(WorkspaceError) as caught:
        blind_ws.evaluate()
    assert caught.value.key == "blind.file_missing"


def test_blind_twice_is_refused_and_keeps_the_secret(blind_ws: Workspace, run: Callable[..., Result]) -> None:
    path = blind_ws.root / ".toolbench" / "blind.json"
    before = path.read_bytes()
    with pytest.raises(ScoreError) as caught:
        blind_ws.blind(actor="chair", seed=SEED + 1)
    assert caught.value.key == "blind.already"
    assert path.read_bytes() == before and head_seq(blind_ws) == 1
    result = run("--lang", "en", "-C", str(blind_ws.root), "blind", "--seed", "5")
    assert result.exit_code == 1 and result.stderr == (
        "toolbench: blind labels are already assigned; `toolbench unblind` first\n"
    )
    assert path.read_bytes() == before


def test_blind_on_the_command_line(tmp_path: Path, run: Callable[..., Result]) -> None:
    with make(tmp_path, "blind-cli", BLIND_PLAN) as workspace:
        result = run("--lang", "en", "-C", str(workspace.root), "blind", "--seed", str(SEED), "--actor", "chair")
        assert result.exit_code == 0, result.output
        promise = workspace.events(kind=BLIND_ASSIGNED)[0].payload["commitment"]
        assert result.stdout == f"tools are now shown as labels; commitment {promise[:12]} recorded (event 1)\n"
        assert workspace.blind_labels() == blind_mapping([t.id for t in workspace.plan.tools], SEED)


# --- 8. `toolbench score moderate` -----------------------------------------------------------


def test_score_moderate_is_the_moderate_command(panel: Workspace, run: Callable[..., Result]) -> None:
    root = str(panel.root)
    result = run(
        "--lang",
        "en",
        "-C",
        root,
        "score",
        "moderate",
        "p",
        "c1",
        "4",
        "--comment",
        "agreed at the meeting",
        "--actor",
        "chair",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "recorded the committee's level 4 for P C1; individual scores for that cell are now frozen\n"
    )
    result = run(
        "--lang", "en", "-C", root, "moderate", "q", "c1", "5", "--comment", "agreed at the meeting", "--actor", "chair"
    )
    assert result.exit_code == 0, result.output
    moderated = panel.events(kind=SCORE_MODERATED)
    assert [dict(e.payload) for e in moderated] == [
        {"tool": "p", "criterion": "c1", "level": "4", "comment": "agreed at the meeting"},
        {"tool": "q", "criterion": "c1", "level": "5", "comment": "agreed at the meeting"},
    ]
    assert [e.actor for e in moderated] == ["chair", "chair"]
    evaluation = panel.evaluate()
    # the consensus overrides the mean: P c1 0.75 × 10 = 7.5 (was 5), Q c1 1.0 × 10 = 10 (was 7.5)
    assert evaluation.result("p").cells["c1"].points == Fraction(15, 2)
    assert evaluation.result("q").cells["c1"].points == 10
    # the same again records nothing, through either spelling
    result = run("--lang", "en", "-C", root, "score", "moderate", "p", "c1", "4", "--comment", "agreed at the meeting")
    assert result.exit_code == 0
    assert result.stdout == "P C1 is already moderated at 4 with that comment; nothing recorded\n"
    # the same usage rules: --comment is required (exit 2), a blank one is refused (exit 1)
    result = run("--lang", "en", "-C", root, "score", "moderate", "p", "c2", "4")
    assert result.exit_code == 2 and "--comment" in result.stderr
    result = run("--lang", "en", "-C", root, "score", "moderate", "p", "c2", "4", "--comment", " ")
    assert result.exit_code == 1 and "comment" in result.stderr
    # an individual score on a moderated cell is frozen
    result = run("--lang", "en", "-C", root, "score", "p", "-e", "e1", "c1=2", "--reason", "x", "--actor", "e1")
    assert result.exit_code == 1
    assert len(panel.events(kind=SCORE_MODERATED)) == 2
    # the ordinary `score` is untouched by the routing
    result = run("--lang", "en", "-C", root, "score", "p", "-e", "e1", "c2=5", "--reason", "x", "--actor", "e1")
    assert result.exit_code == 0 and result.stdout == "recorded 1 score(s) for P by First\n"


def test_score_moderate_takes_a_blind_label(blind_ws: Workspace, run: Callable[..., Result]) -> None:
    result = run(
        "--lang", "en", "-C", str(blind_ws.root), "score", "moderate", "C", "quality", "4", "--comment", "consensus"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("recorded the committee's level 4 for C Quality")
    (event,) = blind_ws.events(kind=SCORE_MODERATED)
    assert event.payload["tool"] == blind_ws.resolve_tool("C") != "C"


# --- 9. the demo -----------------------------------------------------------------------------


def test_the_demo_recuses_ueda_from_formeye(demo: Workspace, run: Callable[..., Result]) -> None:
    ueda, formeye = demo.plan.evaluator("ueda"), demo.plan.tool("formeye")
    assert ueda is not None and formeye is not None
    assert ueda.affiliations == ["北斗通信株式会社"] and formeye.vendor == "北斗通信株式会社"
    found = demo.recusals()
    assert list(found) == [("ueda", "formeye")]
    recusal = found[("ueda", "formeye")]
    assert (recusal.basis, recusal.company, recusal.role) == ("affiliation", "北斗通信株式会社", "vendor")
    evaluation = demo.evaluate()
    view = matrix_view(evaluation, "en")
    order = [e.id for e in demo.plan.evaluators]
    assert order.index("ueda") == 2
    judged = [c.id for c in demo.plan.criteria if c.kind == "rating"]
    assert judged
    for criterion in judged:
        cell = row_cells(view, criterion)["formeye"]
        assert cell.detail.split(" → ")[0].split("/")[2] == "x", criterion
        assert "recused" in cell.flags
        assert evaluation.result("formeye").cells[criterion].recused == ("ueda",)
        for other in ("alpha-reader", "kamiscan"):
            assert row_cells(view, criterion)[other].detail.split("/")[2] != "x"
    assert "ueda" not in {v.evaluator for v in evaluation.result("formeye").musts["lgwan"].votes}
    assert "Recused: 上田 (Ueda) does not score FormEye: 北斗通信株式会社 is its vendor (affiliation in the plan)." in (
        view.notes
    )
    result = run("--lang", "ja", "-C", str(demo.root), "coi", "list")
    assert result.exit_code == 0
    assert result.stdout == (
        "除斥: 上田 (Ueda) は フォームアイ を採点しない（所属する 北斗通信株式会社 が提案者（販売元）のため。計画の所属による）。\n"
    )


def test_the_demo_is_locked_before_its_first_score(demo: Workspace) -> None:
    (lock,) = demo.events(kind=PLAN_LOCKED)
    first_score = demo.events(kind=SCORE_RECORDED)[0]
    assert lock.seq == 5 and lock.seq < first_score.seq == 6
    assert lock.ts < first_score.ts
    evaluation = demo.evaluate()
    assert evaluation.lock is not None and evaluation.lock.lock == lock and evaluation.lock.changed == ()
    # the locked points are those the hearings gave, not the rubric's published ones
    assert lock.payload["parts"] == lock_parts(evaluation.plan)
    assert lock.payload["parts"]["points"] != lock_parts(demo.plan)["points"]
    assert matrix_view(evaluation, "en").notes[0] == "Criteria, points and rules locked on 2026-04-14 (event 5)."
