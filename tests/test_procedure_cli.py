"""The procedure's commands, driven through the real command line on a workspace on disk.

A five-proposer 公募型プロポーザル: 参加資格審査 (one requirement), 一次審査 (書類, top 3 go
on), 二次審査 (presentations in an order drawn by lot, only members present score).
Each step confirms in one line naming what was recorded and its event number; each
refusal is one line on stderr naming the rule, exit code 1, and records nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result

from toolbench import Workspace

PLAN = """\
[evaluation]
title = "文書管理システム調達"
language = "ja"

[price]
family = "lowest_ratio"
ceiling = 1000

[scoring]
tie_break = ["technical", "price", "lot"]

[procedure]
final = "sum"

[groups]
doc = "書類"
pres = "プレゼン"

[scales.five]
ratios = {{ "5" = 1, "4" = 0.8, "3" = 0.6, "2" = 0.4, "1" = 0.2 }}

[[criteria]]
id = "plan"
name = "提案内容"
group = "doc"
points = 40
scale = "five"

[[criteria]]
id = "price"
name = "価格"
group = "doc"
kind = "price"
points = 20

[[criteria]]
id = "demo"
name = "実演"
group = "pres"
points = 40
scale = "five"
{tools}
[[evaluators]]
id = "e1"
name = "青木"

[[evaluators]]
id = "e2"
name = "上田"

[[evaluators]]
id = "e3"
name = "石井"

[[stages]]
id = "qual"
name = "参加資格審査"
kind = "qualification"

[[stages.requirements]]
id = "isms"
name = "ISMS 認証"

[[stages]]
id = "docs"
name = "一次審査"
groups = ["doc"]
shortlist = {{ top_n = 3 }}

[[stages]]
id = "pres"
name = "二次審査"
groups = ["pres"]
attendance_required = true
order = "lot"
"""

TOOLS = [
    ("a", "エー帳票", 800),
    ("b", "ビー文書", 700),
    ("c", "シー処理", 900),
    ("d", "ディー", 600),
    ("e", "イー", 950),
]
IDS = {
    "a",
    "b",
    "c",
    "d",
    "e",
    "e1",
    "e2",
    "e3",
    "qual",
    "docs",
    "pres",
    "isms",
    "plan",
    "price",
    "demo",
    "nosuch",
    "zz",
}
IDS |= {"ISMS", "SHA"}


def _plan() -> str:
    tools = "".join(
        f'\n[[tools]]\nid = "{t}"\nname = "{name}"\nvendor = "{t} 株式会社"\nprice = {{ amount = {price} }}\n'
        for t, name, price in TOOLS
    )
    return PLAN.format(tools=tools)


@pytest.fixture()
def root(tmp_path: Path) -> Iterator[Path]:
    """A staged plan with its ledger started, as `toolbench init --existing-plan` leaves it."""
    folder = tmp_path / "proposal"
    folder.mkdir()
    (folder / "toolbench.toml").write_text(_plan(), encoding="utf-8")
    Workspace.start_ledger(folder).close()
    yield folder


Run = Callable[..., Result]


@pytest.fixture()
def tb(run: Run, root: Path) -> Callable[..., Result]:
    """`tb(lang, *args)`: toolbench in the workspace, as the secretariat, on an 80-column terminal."""

    def invoke(lang: str, *args: str) -> Result:
        env = {"TOOLBENCH_ACTOR": "jimukyoku", "COLUMNS": "80", "NO_COLOR": "1"}
        return run("--lang", lang, "-C", str(root), *args, env=env)

    return invoke


def events(root: Path) -> int:
    with Workspace.open(root) as workspace:
        head = workspace.ledger.head()
    return head.seq if head else 0


def english_words(text: str) -> set[str]:
    """English words in Japanese output, besides ids, commands in backquotes, plan keys, paths and hashes."""
    text = re.sub(
        r"`[^`]*`|\[[^\]]*\](?: [a-z_]+)?|\w+ = \"[^\"]*\"|--?[\w-]+|\S*[./:=@_]\S*|\b[0-9a-f]{64}\b", "", text
    )
    return {w for w in re.findall(r"[A-Za-z][A-Za-z0-9_-]*", text)} - IDS


def ok(result: Result, seq: int | None = None) -> str:
    """The one-line confirmation of a recorded step (with its event number)."""
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    if seq is not None:
        assert f"イベント {seq}" in lines[0] or f"event {seq}" in lines[0], lines[0]
    return lines[0]


def refused(tb: Callable[..., Result], root: Path, lang: str, *args: str, says: str) -> str:
    """A step the rules refuse: one line on stderr naming the rule, exit 1, nothing recorded."""
    before = events(root)
    result = tb(lang, *args)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("toolbench: "), result.stderr
    assert says in lines[0], lines[0]
    assert events(root) == before, f"{args} recorded something"
    return lines[0]


def score(tb: Callable[..., Result], tool: str, evaluator: str, level: str) -> None:
    result = tb("ja", "score", tool, "-e", evaluator, level)
    assert result.exit_code == 0, result.output


# --- the whole procedure -----------------------------------------------------------------------


def test_a_whole_procedure_in_japanese(tb: Callable[..., Result], root: Path) -> None:
    said: list[str] = []

    def step(*args: str) -> str:
        seq = events(root) + 1
        line = ok(tb("ja", *args), seq)
        said.append(line)
        return line

    def no(*args: str, says: str) -> None:
        said.append(refused(tb, root, "ja", *args, says=says))

    # 参加資格審査
    no("qualify", "a", "isms", "適", "--evidence", "登録証", says="`toolbench stage open qual`")
    no("stage", "open", "docs", says="'qual'")
    assert "対象: エー帳票（a）、ビー文書（b）、シー処理（c）、ディー（d）、イー（e）" in step("stage", "open", "qual")
    no("attend", "qual", "--present", "e1,e2", says="参加資格審査")
    no("qualify", "a", "nosuch", "pass", "--evidence", "登録証", says="isms")
    for tool in "abcd":
        assert "「適」と記録しました" in step("qualify", tool, "isms", "適", "--evidence", "ISMS 登録証 第123号")
    no("stage", "close", "qual", says="e")
    assert "「否」" in step("qualify", "e", "isms", "否", "--evidence", "登録証の提出なし")
    same = ok(tb("ja", "qualify", "e", "isms", "fail", "--evidence", "登録証の提出なし"))
    assert "何も記録していません" in same
    no("qualify", "e", "isms", "pass", "--evidence", "追加提出", says="--reason")
    closed = step("stage", "close", "qual")
    assert "適: エー帳票（a）、ビー文書（b）、シー処理（c）、ディー（d）。否: イー（e）" in closed

    # 一次審査
    no("score", "a", "-e", "e1", "plan=4", says="docs")
    step("stage", "open", "docs")
    for tool, level in {"a": "4", "b": "4", "c": "5", "d": "2"}.items():
        for member in ("e1", "e2", "e3"):
            if (tool, member) != ("d", "e3"):
                score(tb, tool, member, f"plan={level}")
    no("stage", "close", "docs", says="--incomplete-reason")
    score(tb, "d", "e3", "plan=2")
    no("stage", "close", "docs", says="`toolbench attend docs --present …`")
    no("attend", "docs", "--present", "e1,zz", says="zz")
    assert "出席: 青木、上田、石井。欠席: なし" in step("attend", "docs", "--present", "e1、e2、e3")
    no("draw", "order", "docs", says='order = "lot"')
    assert "次の段階に進む提案者: エー帳票（a）、ビー文書（b）、シー処理（c）" in step("stage", "close", "docs")

    # 辞退, then 二次審査 with its order drawn by lot
    withdrawn = step("withdraw", "c", "--reason", "体制を組めないため", "--date", "令和8年6月1日")
    assert "シー処理（c）の辞退" in withdrawn and "令和8年6月1日（2026年）" in withdrawn
    no("withdraw", "c", "--reason", "二度目", says="2026-06-01")
    step("stage", "open", "pres")
    no("draw", "reveal", "order:pres", says="order:pres")
    committed = tb("ja", "draw", "order", "pres")
    assert committed.exit_code == 0, committed.output
    first, second = committed.stdout.splitlines()
    assert "くじ order:pres（二次審査の発表順）" in first and "対象: エー帳票（a）、ビー文書（b）" in first
    with Workspace.open(root) as workspace:
        commitment = workspace.procedure().log.draws["order:pres"].commitment
    assert second.endswith(commitment)
    said += [first, second]
    revealed = step("draw", "reveal", "order:pres", "--witness", "37")
    with Workspace.open(root) as workspace:
        order = workspace.procedure().log.draws["order:pres"].order
    names = dict((t, n) for t, n, _ in TOOLS)
    assert f"1番 {names[order[0]]}（{order[0]}）、2番 {names[order[1]]}（{order[1]}）" in revealed
    assert "立会人の値 37" in revealed
    no("score", "a", "-e", "e1", "demo=5", says="`toolbench attend pres --tool a --present …`")
    assert "欠席: 石井" in step("attend", "pres", "--tool", "a", "--present", "e1,e2")
    step("attend", "pres", "--tool", "b", "--present", "e1,e2,e3")
    no("score", "a", "-e", "e3", "demo=5", says="e3")
    for member in ("e1", "e2"):
        score(tb, "a", member, "demo=5")
    for member in ("e1", "e2", "e3"):
        score(tb, "b", member, "demo=5")
    no("decide", "b", says="`toolbench stage close pres`")
    no("attend", "pres", "--present", "e1", "--tool", "c", says="c")
    step("attend", "pres", "--present", "e1")
    no("stage", "close", "pres", says="[procedure] quorum")
    step("attend", "pres", "--present", "e1,e2,e3")
    assert "順位付けの対象: エー帳票（a）、ビー文書（b）" in step("stage", "close", "pres")

    # the decision, negotiation, the committee's words
    no("negotiate", "b", "agreed", "--reason", "合意", says="`toolbench decide`")
    with Workspace.open(root) as workspace:
        expected = workspace.procedure().expected
    assert set(expected) == {"a", "b"}
    first_place, second_place = expected
    no("decide", second_place, "--runner-up", first_place, says="--override")
    decided = step("decide", first_place, "--runner-up", second_place)
    assert (
        f"最優秀提案者: {names[first_place]}（{first_place}）。次点: {names[second_place]}（{second_place}）" in decided
    )
    no("stage", "reopen", "pres", "--reason", "誤記", says=f"イベント {events(root)}")
    no("negotiate", second_place, "agreed", "--reason", "合意", says=first_place)
    failed = step("negotiate", first_place, "不調", "--reason", "価格の合意に至らず")
    assert f"次の交渉相手: {names[second_place]}（{second_place}）" in failed
    assert "「合意」" in step("negotiate", second_place, "合意", "--reason", "契約条件に合意")
    no("review", "  ", says="講評")
    step("review", "いずれの提案も要求水準を満たしていた。")
    assert names["b"] in step("review", "実演が具体的であった。", "--tool", "b")

    listed = tb("ja", "stage", "list")
    assert listed.exit_code == 0
    assert listed.stdout.splitlines() == [
        "  qual  参加資格審査（適否の判定）: 終了、対象 5 者",
        "  docs  一次審査（採点）: 終了、対象 4 者",
        "* pres  二次審査（採点）: 終了、対象 2 者",
    ]
    said += listed.stdout.splitlines()
    # Japanese throughout, but where the library's refusal quotes a stored verdict (see the next test)
    leaked = {line: english_words(line) for line in said if english_words(line) and "--reason" not in line}
    assert not leaked, "\n".join(leaked)


def test_refusals_in_japanese_name_no_english_word(tb: Callable[..., Result], root: Path) -> None:
    assert ok(tb("ja", "stage", "open", "qual"))
    assert ok(tb("ja", "qualify", "a", "isms", "否", "--evidence", "提出なし"))
    line = refused(tb, root, "ja", "qualify", "a", "isms", "適", "--evidence", "追加提出", says="--reason")
    assert not english_words(line.replace("--reason", "")), line
    assert "否" in line  # the stored verdict in the reader's words


def test_the_same_steps_in_english(tb: Callable[..., Result], root: Path) -> None:
    assert "opened stage '参加資格審査' (qual) (event 1)" in ok(tb("en", "stage", "open", "qual"))
    assert ": fail (event 2); evidence: none submitted" in ok(
        tb("en", "qualify", "e", "isms", "FAIL", "--evidence", "none submitted")
    )
    changed = ok(tb("en", "qualify", "e", "isms", "pass", "--evidence", "sent later", "--reason", "late filing"))
    assert "replacing event 2" in changed
    assert "received 1 June 2026 (event 4)" in ok(
        tb("en", "withdraw", "d", "--reason", "no team", "--date", "2026/6/1")
    )
    refused(tb, root, "en", "draw", "tie", "final", says="fewer than two candidates")


def test_usage_mistakes_exit_2(tb: Callable[..., Result], root: Path) -> None:
    before = events(root)
    assert tb("ja", "qualify", "a", "isms", "maybe", "--evidence", "x").exit_code == 2
    bad_date = tb("ja", "withdraw", "a", "--reason", "x", "--date", "令和0年1月1日")
    assert bad_date.exit_code == 2 and "--date" in bad_date.stderr
    assert tb("ja", "withdraw", "a").exit_code == 2  # --reason is required
    assert tb("ja", "negotiate", "a", "maybe", "--reason", "x").exit_code == 2
    assert tb("ja", "procedure", "-o", "x.html", "review").exit_code == 2
    assert events(root) == before


def test_closing_incomplete_reopening_and_an_override(tb: Callable[..., Result], root: Path) -> None:
    """A stage closed with scores missing says so; reopening gives its reason; an override is said."""
    with Workspace.open(root) as workspace:
        steps = workspace.steps
        steps.open_stage("qual", actor="t")
        for tool in "abcde":
            steps.judge(tool, "isms", "pass", "証明書", actor="t")
        steps.close_stage("qual", actor="t")
        steps.open_stage("docs", actor="t")
        steps.attend("docs", ["e1", "e2", "e3"], actor="t")
    closed = ok(tb("ja", "stage", "close", "docs", "--incomplete-reason", "書類審査を省略"), 10)
    assert closed.endswith("。未採点 20 件のまま終了しました（理由は全文書に記載されます）")
    reopened = ok(tb("en", "stage", "reopen", "docs", "--reason", "scores found"))
    assert reopened == "reopened stage '一次審査' (docs) (event 11); reason: scores found"
    closed = ok(tb("en", "stage", "close", "docs", "--incomplete-reason", "skipped"), 12)
    assert closed.endswith("; closed with 20 score(s) missing, which every document states with the reason")
    with Workspace.open(root) as workspace:
        steps = workspace.steps
        steps.open_stage("pres", actor="t")
        steps.attend("pres", ["e1", "e2", "e3"], actor="t")
        steps.close_stage("pres", actor="t", incomplete_reason="プレゼンテーションを中止")
    decided = ok(tb("ja", "decide", "a", "--override", "委員会の協議による"))
    assert "規則と異なる決定で、理由は全文書に記載されます: 委員会の協議による" in decided
    with Workspace.open(root) as workspace:
        decision = workspace.procedure().decision
    assert decision is not None and decision.override == "委員会の協議による" and decision.order[0] == "a"
    following = decision.order[1]
    failed = ok(tb("en", "negotiate", "a", "failed", "--reason", "no agreement"))
    assert failed.endswith(f"next in the order: {dict((t, n) for t, n, _ in TOOLS)[following]} ({following})")


def test_a_refused_second_commitment_keeps_the_seed(tb: Callable[..., Result], root: Path) -> None:
    """Committing a draw again is refused, and the draw first committed can still be revealed."""
    with Workspace.open(root) as workspace:
        steps = workspace.steps
        steps.open_stage("qual", actor="t")
        for tool in "abcde":
            steps.judge(tool, "isms", "pass", "証明書", actor="t")
        steps.close_stage("qual", actor="t")
        steps.open_stage("docs", actor="t")
        steps.attend("docs", ["e1", "e2", "e3"], actor="t")
        steps.close_stage("docs", actor="t", incomplete_reason="省略")
        steps.open_stage("pres", actor="t")
    assert tb("ja", "draw", "order", "pres").exit_code == 0
    refused(tb, root, "ja", "draw", "order", "pres", says="order:pres")
    ok(tb("ja", "draw", "reveal", "order:pres", "--witness", "5"))


# --- --stage on the commands that show one stage -----------------------------------------------


def _through_docs(root: Path) -> None:
    """Qualification and 一次審査 closed, 二次審査 open with one presentation scored."""
    with Workspace.open(root) as workspace:
        steps = workspace.steps
        steps.open_stage("qual", actor="t")
        for tool in "abcde":
            steps.judge(tool, "isms", "pass", "証明書", actor="t")
        steps.close_stage("qual", actor="t")
        steps.open_stage("docs", actor="t")
        for tool, level in {"a": "4", "b": "3", "c": "5", "d": "2", "e": "1"}.items():
            for member in ("e1", "e2", "e3"):
                workspace.record_scores(tool, member, {"plan": level}, actor=member)
        steps.attend("docs", ["e1", "e2", "e3"], actor="t")
        steps.close_stage("docs", actor="t")
        steps.open_stage("pres", actor="t")
        steps.attend("pres", ["e1", "e2", "e3"], actor="t", tool="a")
        for member in ("e1", "e2", "e3"):
            workspace.record_scores("a", member, {"demo": "5"}, actor=member)


def test_stage_option_shows_the_stage_asked_for_and_never_a_kept_other(tb: Callable[..., Result], root: Path) -> None:
    _through_docs(root)
    for _ in range(2):  # computed, then from what was kept
        docs = tb("en", "matrix", "--format", "json", "--stage", "docs")
        pres = tb("en", "matrix", "--format", "json", "--stage", "pres")
        current = tb("en", "matrix", "--format", "json")
        assert docs.exit_code == pres.exit_code == current.exit_code == 0, docs.output + pres.output
        assert {c["id"] for c in json.loads(docs.stdout)["criteria"]} == {"plan", "price"}
        assert {c["id"] for c in json.loads(pres.stdout)["criteria"]} == {"demo"}
        assert json.loads(current.stdout)["criteria"] == json.loads(pres.stdout)["criteria"]
    for _ in range(2):  # the table, drawn and then as kept for this terminal
        docs_table = tb("ja", "matrix", "--stage", "docs")
        pres_table = tb("ja", "matrix", "--stage", "pres")
        assert docs_table.exit_code == pres_table.exit_code == 0, docs_table.output + pres_table.output
        assert "提案内容" in docs_table.stdout and "実演" not in docs_table.stdout
        assert "実演" in pres_table.stdout and "提案内容" not in pres_table.stdout
    for command in ("fairness", "robustness"):
        result = tb("en", command, "--stage", "docs", "--format", "json")
        assert result.exit_code == 0, result.output
    refused(tb, root, "en", "matrix", "--stage", "nosuch", says="nosuch")
    refused(tb, root, "en", "matrix", "--stage", "qual", says="qualification")


@pytest.mark.parametrize(
    "args",
    [
        ["matrix"],
        ["matrix", "--format", "json"],
        ["matrix", "--format", "csv"],
        ["fairness"],
        ["robustness", "--samples", "10"],
        ["sheet", "export", "-e", "e1"],
    ],
    ids=" ".join,
)
def test_stage_on_a_plan_without_stages_is_one_line(args: list[str], demo: Workspace, run: Run) -> None:
    for lang, fix in (("en", "[[stages]]"), ("ja", "[[stages]]")):
        result = run("--lang", lang, "-C", str(demo.root), *args, "--stage", "docs")
        assert result.exit_code == 1, result.output
        assert result.stdout == ""
        assert len(result.stderr.splitlines()) == 1 and fix in result.stderr, result.stderr


# --- the documents ---------------------------------------------------------------------------------


def test_documents_and_notices(tb: Callable[..., Result], root: Path, tmp_path: Path) -> None:
    _through_docs(root)
    status = tb("ja", "procedure")
    assert status.exit_code == 0, status.output
    assert "二次審査" in status.stdout
    for sub in ([], ["review"], ["reasons"]):
        out = tmp_path / f"{'-'.join(sub) or 'status'}.md"
        result = tb("ja", "procedure", *sub, "-o", str(out))
        assert result.exit_code == 0, result.output
        assert out.read_text(encoding="utf-8").strip()
    folder = tmp_path / "notices"
    written = tb("ja", "notices", str(folder), "--format", "html")
    assert written.exit_code == 0, written.output
    assert "審査結果通知書" in written.stdout.splitlines()[0]
    assert sorted(p.name for p in folder.iterdir()) and all(p.suffix == ".html" for p in folder.iterdir())
