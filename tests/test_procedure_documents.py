"""The documents of a proposal procedure (公募型プロポーザル): status, notices, 審査講評, 選定理由書, public results.

One procedure is run through the library on disk, as a city runs it: five proposers; a
参加資格審査 on two requirements (イプシロン帳票's ISMS registration has lapsed); a
一次審査 on the written proposal and the price (lowest-price ratio) whose shortlist is
the top 3 at or above 65 % of its 60 points; ガンマOCR withdraws after it; a 二次審査
of presentations in an order drawn by lot, where 鈴木 一郎 is absent from 帳票リーダーα's
presentation; the final points are the sum of the two stages.

Worked by hand (lowest bid 6,000,000円 among the four qualified; totals rounded half up
to 2 decimals):

    一次審査    提案内容 (40 × level ratio)   価格 (20 × 6,000,000 ÷ price)        total  rank
    ガンマOCR        5 → 40.00                 20 × 6/9   = 13.333…            53.33   1
    ベータスキャン    4 → 32.00                 20 × 6/7   = 17.142857…         49.14   2
    帳票リーダーα     4 → 32.00                 20 × 6/8   = 15.00              47.00   3
    デルタ読取       2 → 16.00                 20 × 6/6   = 20.00              36.00   4  < 39 (65 % of 60)

    二次審査    実演 (40): 帳票リーダーα 5, 5 (two members present) → 40.00; ベータスキャン 4, 4, 4 → 32.00
    final      帳票リーダーα 47.00 + 40.00 = 87.00 (1st); ベータスキャン 49.14 + 32.00 = 81.14 (2nd)
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from openpyxl import load_workbook

from tests.printing import html_to_pdf, pages, png, text
from toolbench import OutputError, Workspace
from toolbench.documents.matrix import matrix_document, matrix_view
from toolbench.documents.model import Document, MatrixView
from toolbench.documents.procedure import (
    disclosure_lines,
    notice_documents,
    procedure_document,
    procedure_rule_lines,
    public_results_table,
    review_document,
    selection_reasons_document,
    standings,
    with_procedure,
)
from toolbench.methods.procedure import Procedure, draw_commitment
from toolbench.model.plan import ProcedureRule
from toolbench.renderers.writers import write
from toolbench.workspace import reports
from toolbench.workspace.reports import FORMATS, build_report, write_notices

T0 = datetime(2026, 4, 1, 0, 0, tzinfo=UTC)
NOW = datetime(2026, 4, 20, 1, 0, tzinfo=UTC)

TOOLS = {
    "alpha-reader": ("帳票リーダーα", "アルファ情報株式会社", 8_000_000),
    "beta-scan": ("ベータスキャン", "ベータシステムズ株式会社", 7_000_000),
    "gamma-ocr": ("ガンマOCR", "ガンマ技研株式会社", 9_000_000),
    "delta-read": ("デルタ読取", "デルタ電子株式会社", 6_000_000),
    "epsilon-form": ("イプシロン帳票", "イプシロン株式会社", 9_500_000),
}
MEMBERS = {"e1": "山田 太郎", "e2": "佐藤 花子", "e3": "鈴木 一郎"}
OVERRIDE = "ベータスキャンの保守体制を重視したため"

PLAN: dict[str, Any] = {
    "evaluation": {
        "title": "文書管理システム導入業務",
        "language": "ja",
        "organisation": "架空市 総務部 情報政策課",
        "approval": ["課長", "係長", "担当"],
    },
    "price": {"family": "lowest_ratio", "ceiling": 10_000_000},
    "scoring": {"tie_break": ["technical", "price", "lot"]},
    "procedure": {"final": "sum"},
    "groups": {"doc": "書類審査", "pres": "プレゼンテーション"},
    "scales": {"five": {"ratios": {"5": 1, "4": 0.8, "3": 0.6, "2": 0.4, "1": 0.2}}},
    "criteria": [
        {"id": "plan", "name": "提案内容", "group": "doc", "points": 40, "scale": "five"},
        {"id": "price", "name": "提案価格", "group": "doc", "kind": "price", "points": 20},
        {"id": "demo", "name": "実演", "group": "pres", "points": 40, "scale": "five"},
    ],
    "tools": [
        {"id": tool, "name": name, "vendor": vendor, "price": {"amount": amount}}
        for tool, (name, vendor, amount) in TOOLS.items()
    ],
    "evaluators": [{"id": member, "name": name} for member, name in MEMBERS.items()],
    "stages": [
        {
            "id": "qual",
            "name": {"ja": "参加資格審査", "en": "Qualification"},
            "kind": "qualification",
            "requirements": [
                {"id": "isms", "name": {"ja": "ISMS認証の取得", "en": "ISMS certification"}},
                {"id": "lgwan", "name": {"ja": "LGWAN-ASP登録", "en": "LGWAN-ASP registration"}},
            ],
        },
        {
            "id": "docs",
            "name": {"ja": "一次審査", "en": "First round"},
            "groups": ["doc"],
            "shortlist": {"top_n": 3, "pass_mark": 0.65},
        },
        {
            "id": "pres",
            "name": {"ja": "二次審査", "en": "Second round"},
            "groups": ["pres"],
            "attendance_required": True,
            "order": "lot",
        },
    ],
}

REVIEWS = {
    None: "いずれの提案も本市の業務をよく理解していた。",
    "alpha-reader": "操作性と導入支援体制が特に優れていた。ベータスキャンと比べ職員研修の計画が具体的であった。",
    "beta-scan": "価格は低廉であったが、実演での操作性に課題が見られた。",
}


def at(days: int, hours: int = 0) -> datetime:
    return T0 + timedelta(days=days, hours=hours)


def run_procedure(
    root: Path,
    *,
    negotiation: str = "agreed",
    override: bool = False,
    after: Callable[[Workspace], None] = lambda workspace: None,
) -> Workspace:
    """The whole procedure through the library, each step at its own (UTC) moment; `after` runs after each stage's steps."""
    root.mkdir(parents=True)
    (root / "toolbench.toml").write_text(tomli_w.dumps(PLAN), encoding="utf-8")
    workspace = Workspace.start_ledger(root)
    steps = workspace.steps
    steps.open_stage("qual", actor="sec", now=at(0))
    after(workspace)
    for tool in TOOLS:
        steps.judge(tool, "lgwan", "pass", "LGWAN-ASP 登録番号 A123", actor="sec", now=at(0, 1))
        if tool == "epsilon-form":
            steps.judge(tool, "isms", "fail", "登録証の有効期限切れ（2025年3月31日）", actor="sec", now=at(0, 1))
        else:
            steps.judge(tool, "isms", "pass", "ISMS 登録証 IS 123456", actor="sec", now=at(0, 1))
    steps.close_stage("qual", actor="sec", now=at(1))
    after(workspace)
    steps.open_stage("docs", actor="sec", now=at(2))
    after(workspace)
    for tool, level in {"alpha-reader": "4", "beta-scan": "4", "gamma-ocr": "5", "delta-read": "2"}.items():
        for member in MEMBERS:
            workspace.record_scores(tool, member, {"plan": level}, actor=member, now=at(3))
    steps.attend("docs", list(MEMBERS), actor="sec", now=at(4))
    steps.close_stage("docs", actor="sec", now=at(4, 2))
    after(workspace)
    steps.withdraw("gamma-ocr", "実施体制が確保できないため", actor="sec", received=date(2026, 4, 6), now=at(5))
    after(workspace)
    steps.open_stage("pres", actor="sec", now=at(7))
    steps.commit_draw("order", "pres", actor="sec", now=at(7, 1))
    after(workspace)
    steps.reveal_draw("order:pres", actor="sec", witness="37", now=at(8))
    after(workspace)
    steps.attend("pres", ["e1", "e2"], tool="alpha-reader", actor="sec", now=at(9))
    steps.attend("pres", list(MEMBERS), tool="beta-scan", actor="sec", now=at(9, 1))
    for member in ("e1", "e2"):
        workspace.record_scores("alpha-reader", member, {"demo": "5"}, actor=member, now=at(9, 2))
    for member in MEMBERS:
        workspace.record_scores("beta-scan", member, {"demo": "4"}, actor=member, now=at(9, 3))
    steps.attend("pres", list(MEMBERS), actor="sec", now=at(9, 4))
    steps.close_stage("pres", actor="sec", now=at(9, 5))
    after(workspace)
    if override:
        steps.decide("beta-scan", runner_up="alpha-reader", override=OVERRIDE, actor="chair", now=at(9, 6))
    else:
        steps.decide("alpha-reader", runner_up="beta-scan", actor="chair", now=at(9, 6))
    for tool, words in REVIEWS.items():
        steps.review(words, tool=tool, actor="chair", now=at(9, 7))
    if negotiation == "agreed":
        steps.negotiate("alpha-reader", "agreed", "仕様及び価格について合意", actor="sec", now=at(12))
    elif negotiation == "failed":
        steps.negotiate("alpha-reader", "failed", "契約条件で合意に至らなかった", actor="sec", now=at(12))
    after(workspace)
    return workspace


@pytest.fixture(scope="module")
def staged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    workspace = run_procedure(tmp_path_factory.mktemp("staged") / "w")
    yield workspace
    workspace.close()


@pytest.fixture(scope="module")
def proc(staged: Workspace) -> Procedure:
    return staged.procedure()


# --- reading what a document says -----------------------------------------------------------


def _xlsx_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "doc.xlsx"
    path.write_bytes(data)
    book = load_workbook(path)
    cells = [str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None]
    # page headers and footers carry the title and date
    return "\n".join(cells)


def _html_text(page: str) -> str:
    page = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    return re.sub(r"<[^>]+>", " ", page)


def every_format(
    document: Document, tmp_path: Path, formats: tuple[str, ...] = ("table", "markdown", "csv", "json", "html", "xlsx")
) -> dict[str, str]:
    """The document's text in every format a writer makes (HTML as a reader sees it, XLSX cell by cell)."""
    out = {}
    for fmt in formats:
        data = write(document, fmt, width=200)
        if fmt == "xlsx":
            out[fmt] = _xlsx_text(data, tmp_path)
        elif fmt == "html":
            out[fmt] = _html_text(data.decode("utf-8"))
        elif fmt == "json":
            out[fmt] = json.dumps(json.loads(data), ensure_ascii=False)
        else:
            out[fmt] = data.decode("utf-8-sig")
    return out


def flat(document: Document) -> str:
    return write(document, "markdown").decode("utf-8")


def identifiers(tool: str) -> list[str]:
    name, vendor, _ = TOOLS[tool]
    return [tool, name, vendor]


# ASCII words a Japanese document may hold: standards written in Latin letters, and the program's name
ALLOWED = {"LGWAN", "ISMAP", "ISMS", "SHA", "CSV", "XLSX", "toolbench"}
HEX = re.compile(r"[0-9a-f]{12,64}")
WORD = re.compile(r"[A-Za-z][A-Za-z]{2,}")


def english_words(text: str) -> list[str]:
    """ASCII words left once what the user typed (names, evidence, reviews) and hashes are taken out."""
    typed = [
        PLAN["evaluation"]["title"],
        PLAN["evaluation"]["organisation"],
        *(n for t in TOOLS.values() for n in t[:2]),
        *MEMBERS.values(),
        "ISMS認証の取得",
        "LGWAN-ASP登録",
        "LGWAN-ASP 登録番号 A123",
        "ISMS 登録証 IS 123456",
        *(r for r in REVIEWS.values()),
    ]
    for name in sorted(typed, key=len, reverse=True):
        text = text.replace(name, " ")
    text = HEX.sub(" ", text)
    return sorted({w for w in WORD.findall(text) if w not in ALLOWED})


# --- where each proposer stands ----------------------------------------------------------------


def test_standings_follow_the_procedure_worked_by_hand(proc: Procedure) -> None:
    found = {s.tool: s for s in standings(proc)}
    assert [s.tool for s in standings(proc)] == ["alpha-reader", "beta-scan", "gamma-ocr", "delta-read", "epsilon-form"]
    assert (found["alpha-reader"].outcome, found["alpha-reader"].rank, found["alpha-reader"].total) == (
        "preferred",
        1,
        87,
    )
    assert found["beta-scan"].outcome == "runner_up" and found["beta-scan"].total == pytest.approx(81.14)
    assert (found["gamma-ocr"].outcome, found["gamma-ocr"].stage_rank) == ("withdrawn", 1)
    assert (found["delta-read"].outcome, found["delta-read"].stage, found["delta-read"].why) == (
        "cut",
        "docs",
        "below_pass_mark",
    )
    assert (found["epsilon-form"].outcome, found["epsilon-form"].failed) == ("not_qualified", ("isms",))


def test_public_results_follow_the_names_policy(proc: Procedure) -> None:
    """winner: the preferred named, the rest 提案者A… in standing order; all: everyone; none: nobody."""
    table = public_results_table(proc, "ja")
    rows = {row[1]: row for row in table.rows}
    assert [row[1] for row in table.rows] == [
        "帳票リーダーα（アルファ情報株式会社）",
        "提案者A",
        "提案者B",
        "提案者C",
        "提案者D",
    ]
    first = rows["帳票リーダーα（アルファ情報株式会社）"]
    assert (first[0], str(first[2]), str(first[3]), str(first[4]), first[5]) == (
        1,
        "47.00",
        "40.00",
        "87.00",
        "最優秀提案者",
    )
    assert (rows["提案者A"][0], str(rows["提案者A"][4]), rows["提案者A"][5]) == (2, "81.14", "次点")
    assert (str(rows["提案者B"][2]), rows["提案者B"][3], rows["提案者B"][5]) == (
        "53.33",
        None,
        "令和8年4月6日（2026年）辞退",
    )
    assert (str(rows["提案者C"][2]), rows["提案者C"][5]) == ("36.00", "一次審査で選定外")
    assert rows["提案者D"][5] == "参加資格なし"
    assert table.headers[4] == "最終得点（100点満点）"
    text = "\n".join(str(v) for row in table.rows for v in row) + "\n".join(table.notes)
    for tool in ("beta-scan", "gamma-ocr", "delta-read", "epsilon-form"):
        assert not any(name in text for name in identifiers(tool))

    def with_policy(policy: str) -> Procedure:
        rule = ProcedureRule(final="sum", public_names=policy)  # type: ignore[arg-type]
        return replace(proc, plan=proc.plan.model_copy(update={"procedure": rule}))

    everyone = [row[1] for row in public_results_table(with_policy("all"), "ja").rows]
    assert everyone[1] == "ベータスキャン（ベータシステムズ株式会社）" and everyone[4].startswith("イプシロン帳票")
    nobody = [row[1] for row in public_results_table(with_policy("none"), "en").rows]
    assert nobody == ["Proposer A", "Proposer B", "Proposer C", "Proposer D", "Proposer E"]


# --- the status document ------------------------------------------------------------------------


def test_procedure_document_states_every_stage(proc: Procedure) -> None:
    document = procedure_document(proc, "ja", now=NOW)
    text = flat(document)
    overview = document.sections[0].table
    assert overview is not None
    rows = {row[0]: row for row in overview.rows}
    assert rows["帳票リーダーα"][2:] == ("適", "47.00・3位・通過", "40.00・1位", "最優秀提案者")
    assert rows["ガンマOCR"][3:] == ("53.33・1位・通過", "辞退", "令和8年4月6日（2026年）辞退")
    assert rows["デルタ読取"][3:] == ("36.00・4位・選定外", "―", "一次審査で選定外")
    assert rows["イプシロン帳票"][2:] == ("否", "―", "―", "参加資格なし")
    # the qualification verdicts with their evidence
    assert "| イプシロン帳票 | ISMS認証の取得 | 否 | 登録証の有効期限切れ（2025年3月31日） |" in text
    # the shortlist: the pass mark in points (0.65 × 60), who goes on, who does not and why
    assert "得点が配点の65%（39.00点）以上、かつ上位3者以内（同順位の者はすべて通過）" in text
    assert "選定外: デルタ読取（通過基準点 39.00点に達しなかった）" in text
    # the withdrawn proposer stays in the second round's table, as withdrawn
    second = next(s for s in document.sections if s.key == "stage-pres").table
    assert second is not None
    assert [(r[0], r[1], str(r[2]), r[3]) for r in second.rows] == [
        (1, "帳票リーダーα", "40.00", "最優秀提案者"),
        (2, "ベータスキャン", "32.00", "次点"),
        (None, "ガンマOCR", "None", "辞退"),
    ]
    assert "二次審査の対象外: ガンマOCR（辞退）、デルタ読取（一次審査で選定外）、イプシロン帳票（参加資格なし）" in text
    # the draw: commitment, seed and witness value, so anyone recomputes it
    draw = proc.stage("pres").order
    assert draw is not None and draw.seed is not None and draw_commitment(draw.seed) == draw.commitment
    assert f"コミットメント {draw.commitment}" in text and f"シード {draw.seed}、立会人の数値 37" in text
    assert "令和8年4月9日（2026年） 09:00（日本時間）に開示" in text
    # attendance by name, the quorum, the withdrawal
    assert "帳票リーダーαのプレゼンテーション: 出席 山田 太郎、佐藤 花子、欠席 鈴木 一郎" in text
    assert "委員3名中3名出席（山田 太郎、佐藤 花子、鈴木 一郎）、欠席 なし、定足数2名: 定足数を満たす" in text
    assert "| ガンマOCR | 令和8年4月6日（2026年） | 一次審査の終了後 | 実施体制が確保できないため |" in text
    # the final ranking and the decision
    final = next(s for s in document.sections if s.key == "final").table
    assert final is not None
    assert [(r[0], r[1], str(r[2]), str(r[3]), str(r[4])) for r in final.rows] == [
        (1, "帳票リーダーα", "47.00", "40.00", "87.00"),
        (2, "ベータスキャン", "49.14", "32.00", "81.14"),
    ]
    assert "交渉順位: 1 帳票リーダーα → 2 ベータスキャン" in text
    assert "決定は規則による順位のとおりである。" in text
    # the rules
    assert "最終得点は、採点する各段階（一次審査、二次審査）の得点の合計とする。" in text
    assert "定足数: 委員会の決定には委員3名中2名（過半数）以上の出席を要する。" in text
    assert "辞退した提案者の提案価格は、最低提案価格の算定に含めない。" in text
    assert document.approval == ("課長", "係長", "担当") and document.generated == NOW


def test_rank_points_and_the_last_stage_rule(proc: Procedure) -> None:
    scoring = proc.plan.scoring.model_copy(update={"aggregation": "rank_points", "rank_points": [5, 3, 1]})
    rule = ProcedureRule(final="last", quorum="two_thirds")
    plan = proc.plan.model_copy(update={"scoring": scoring, "procedure": rule})
    lines = procedure_rule_lines(replace(proc, plan=plan), "ja")
    assert any(
        "順位点: 各委員の合計点による順位を点に換算して合計する（1位 5点、2位 3点、3位 1点）。" in x for x in lines
    )
    assert "最終得点は、最後の段階（二次審査）の得点のみとする。" in lines
    assert any("（3分の2以上）" in line for line in lines)


# --- 審査結果通知書 -----------------------------------------------------------------------------


def test_each_notice_names_only_its_addressee_and_the_winner(proc: Procedure, tmp_path: Path) -> None:
    """No other proposer's id, name or company appears in any format, not even inside the committee's words."""
    notices = dict(notice_documents(proc, "ja", now=NOW))
    assert list(notices) == list(TOOLS)
    for tool, notice in notices.items():
        allowed = {tool, "alpha-reader"}  # the winner is named: public_names = "winner"
        for fmt, shown in every_format(notice, tmp_path).items():
            for other in TOOLS:
                if other in allowed:
                    continue
                named = [name for name in identifiers(other) if name in shown]
                assert named == [], (tool, fmt, other)
    # 帳票リーダーα's review compares it with ベータスキャン: in its notice that is a pseudonym
    alpha = flat(notices["alpha-reader"])
    assert "提案者Aと比べ職員研修の計画が具体的であった。" in alpha
    # with public_names = "none" even the winner is a pseudonym in every other notice
    hidden = replace(proc, plan=proc.plan.model_copy(update={"procedure": ProcedureRule(public_names="none")}))
    for tool, notice in notice_documents(hidden, "ja", now=NOW):
        if tool != "alpha-reader":
            assert not any(name in flat(notice) for name in identifiers("alpha-reader"))


def test_notices_give_each_proposer_its_figures(proc: Procedure) -> None:
    notices = {tool: flat(notice) for tool, notice in notice_documents(proc, "ja", now=NOW)}
    beta = notices["beta-scan"]
    assert "| 宛先 | ベータシステムズ株式会社　御中 |" in beta
    assert "| 通知日 | 令和8年4月20日（2026年） |" in beta
    assert "| 発信者 | 架空市 総務部 情報政策課 |" in beta
    assert "貴社の審査結果: 次点" in beta
    assert "提案者数: 5者（うち参加資格を満たした者 4者）" in beta
    assert "最優秀提案者: 帳票リーダーα（アルファ情報株式会社）、最終得点 87.00点（100点満点）" in beta
    assert "| 一次審査 | 49.14 | 60 | 4者中 2位 | 通過 |" in beta
    assert "| 最終得点 | 81.14 | 100 | 2者中 2位 | 次点 |" in beta
    assert "| 一次審査 | 提案価格 | 20 | 17.14 | 提案価格 7,000,000円 |" in beta
    assert "| 二次審査 | 実演 | 40 | 32.00 |  |" in beta
    assert "| 2 | 貴社（ベータスキャン） | 49.14 | 32.00 | 81.14 | 次点 |" in beta
    delta = notices["delta-read"]
    assert "貴社の審査結果: 一次審査で選定外" in delta
    assert "一次審査で36.00点（4位）となり、通過基準点 39.00点に達しなかったため次の審査に進まなかった" in delta
    epsilon = notices["epsilon-form"]
    assert "貴社の審査結果: 参加資格なし" in epsilon
    assert "参加資格要件（ISMS認証の取得）を満たさなかった" in epsilon
    assert "| 参加資格審査 |  |  |  | 参加資格なし |" in epsilon
    gamma = notices["gamma-ocr"]
    assert "貴社の審査結果: 令和8年4月6日（2026年）辞退" in gamma
    assert "| 一次審査 | 53.33 | 60 | 4者中 1位 | 通過（後に辞退） |" in gamma
    assert "| 二次審査 |  |  |  | 辞退 |" in gamma
    english = dict(notice_documents(proc, "en", now=NOW))["beta-scan"]
    assert "Your result: Runner-up" in flat(english) and "20 April 2026" in flat(english)


# --- 審査講評 and 選定理由書 --------------------------------------------------------------------


def test_review_gives_each_proposer_its_reasons(proc: Procedure) -> None:
    text = flat(review_document(proc, "ja", now=NOW))
    assert "- いずれの提案も本市の業務をよく理解していた。" in text
    assert (
        "| 帳票リーダーα（アルファ情報株式会社） | 最優秀提案者 | 最終得点 87.00点（100点満点）で2者中1位となり、"
        "最優秀提案者に選定した | 操作性と導入支援体制が特に優れていた。提案者Aと比べ職員研修の計画が具体的であった。 |"
    ) in text
    assert "| 提案者A | 次点 | 最終得点 81.14点（100点満点）で2者中2位となり、次点とした |" in text
    assert "| 提案者C | 一次審査で選定外 | 一次審査で36.00点（4位）となり、通過基準点 39.00点に達しなかったため" in text
    assert "ベータスキャン" not in text and "デルタ" not in text and "beta-scan" not in text
    assert (
        "一次審査（開始 令和8年4月3日（2026年） 09:00（日本時間）、終了 令和8年4月5日（2026年） 11:00（日本時間））"
        in text
    )


def test_selection_reasons_is_a_draft_for_the_negotiated_contract(proc: Procedure) -> None:
    document = selection_reasons_document(proc, "ja", now=NOW)
    text = flat(document)
    assert document.title == "選定理由書（案）" and "決裁を経て確定する" in text
    assert "| 件名 | 文書管理システム導入業務 |" in text
    assert "| 契約の相手方 | アルファ情報株式会社（帳票リーダーα） |" in text
    assert "| 提案価格 | 8,000,000円（税込） |" in text
    assert "| 審査委員会 | 委員3名、定足数2名、決定時の出席3名 |" in text
    assert "| 得点及び順位 | 最終得点 87.00点（100点満点）、2者中1位 |" in text
    # each stage's dates in Japan time: the ledger's 2026-04-01T00:00Z is 09:00 in Japan
    assert (
        "| 参加資格審査 | 令和8年4月1日（2026年） 09:00（日本時間） | 令和8年4月2日（2026年） 09:00（日本時間） | 5 | 4 |"
        in text
    )
    assert (
        "| 二次審査 | 令和8年4月8日（2026年） 09:00（日本時間） | 令和8年4月10日（2026年） 14:00（日本時間） | 2 | 2 |"
        in text
    )
    assert "- 操作性と導入支援体制が特に優れていた。提案者Aと比べ" in text
    assert "地方自治法施行令第167条の2第1項第2号の規定により随意契約を締結する。" in text


def test_a_failed_negotiation_passes_to_the_runner_up(tmp_path: Path) -> None:
    with run_procedure(tmp_path / "w", negotiation="failed") as workspace:
        found = workspace.procedure()
    assert found.contractor == "beta-scan"
    text = flat(selection_reasons_document(found, "ja", now=NOW))
    assert "| 契約の相手方 | ベータシステムズ株式会社（ベータスキャン） |" in text
    assert "帳票リーダーα（アルファ情報株式会社）との交渉が不調（契約条件で合意に至らなかった）となったため" in text
    assert "先順位の者との交渉が不調となった後の交渉相手" in text
    assert "現在の交渉相手: ベータスキャン" in flat(procedure_document(found, "ja", now=NOW))


def test_an_override_and_a_broken_draw_are_disclosed_everywhere(tmp_path: Path) -> None:
    with run_procedure(tmp_path / "w", negotiation="none", override=True) as workspace:
        found = workspace.procedure()
    draw = found.log.draws["order:pres"]
    # a seed that is not the one committed to (as a ledger edited behind toolbench's back would show)
    broken = replace(found, log=replace(found.log, draws={"order:pres": replace(draw, seed="0" * 64)}))
    documents = [
        procedure_document(broken, "ja", now=NOW),
        review_document(broken, "ja", now=NOW),
        selection_reasons_document(broken, "ja", now=NOW),
        *(notice for _, notice in notice_documents(broken, "ja", now=NOW)),
    ]
    for document in documents:
        text = flat(document)
        assert "二次審査の発表順のくじは成立していない。" in text, document.kind
        assert "規則と異なる。委員会の理由: " in text, document.kind
        assert "規則による最優秀提案者は" in text, document.kind
    # in the status document the reason reads as given; in a notice to ガンマOCR the other proposers are pseudonyms
    assert f"委員会の理由: {OVERRIDE}" in flat(documents[0])
    assert any(OVERRIDE in line for line in disclosure_lines(broken, "ja"))
    gamma = flat(dict(notice_documents(broken, "ja", now=NOW))["gamma-ocr"])
    assert "ベータスキャン（ベータシステムズ株式会社）" in gamma  # the (overriding) winner is named
    assert "帳票リーダーα" not in gamma


# --- one stage's matrix in the procedure -----------------------------------------------------------


def _status(view: MatrixView) -> dict[str, str]:
    row = next(r for r in view.rows if r.key == "procedure")
    return dict(zip(view.tool_names, (c.detail for c in row.cells), strict=True))


def test_stage_matrices_carry_the_procedure(proc: Procedure) -> None:
    first = proc.stage("docs").evaluation
    assert first is not None
    docs = with_procedure(matrix_view(first, "ja"), proc, "docs", "ja")
    assert docs.title == "文書管理システム導入業務　一次審査"
    assert _status(docs) == {
        "帳票リーダーα": "通過",
        "ベータスキャン": "通過",
        "ガンマOCR": "通過",
        "デルタ読取": "選定外",
    }
    notes = "\n".join(docs.notes)
    assert "第2段階（全3段階）: 一次審査（終了" in notes
    assert "一次審査の対象外: イプシロン帳票（参加資格なし）" in notes
    second = proc.stage("pres").evaluation
    assert second is not None
    pres = with_procedure(matrix_view(second, "ja"), proc, "pres", "ja")
    assert _status(pres) == {"帳票リーダーα": "最優秀提案者", "ベータスキャン": "次点"}
    notes = "\n".join(pres.notes)
    assert (
        "二次審査の対象外: ガンマOCR（辞退）、デルタ読取（一次審査で選定外）、イプシロン帳票（参加資格なし）" in notes
    )
    assert "ガンマOCRが辞退: 令和8年4月6日（2026年）受付" in notes
    assert "結果 1 " in notes and "立会人の数値 37" in notes
    assert "x は、利害関係による除斥のほか、プレゼンテーションに欠席" in notes
    assert "欠席: 鈴木 一郎 は 帳票リーダーα のプレゼンテーションに欠席したため採点しない（段階 二次審査" in notes
    for fmt in ("html", "xlsx", "csv", "markdown", "table"):
        assert "二次審査" in write(matrix_document(pres), fmt, width=200).decode("utf-8", "replace") or fmt == "xlsx"


def test_every_document_is_made_at_every_step(tmp_path: Path) -> None:
    """From the first stage opened to the negotiation, every document can be made (nothing is assumed decided)."""
    made = []

    def render(workspace: Workspace) -> None:
        found = workspace.procedure()
        for lang in ("ja", "en"):
            documents = [
                procedure_document(found, lang, now=NOW),
                review_document(found, lang, now=NOW),
                selection_reasons_document(found, lang, now=NOW),
                *(notice for _, notice in notice_documents(found, lang, now=NOW)),
            ]
            for document in documents:
                assert write(document, "markdown") and write(document, "html")
            if found.decision is None and lang == "ja":  # before the decision a notice names nobody and says so
                notice = flat(documents[4])  # to ベータスキャン
                assert "決定はまだ記録されていない。" in notice and "アルファ情報" not in notice
            for result in found.stages:
                if result.evaluation is not None:
                    assert with_procedure(matrix_view(result.evaluation, lang), found, result.stage.id, lang).notes
        made.append(found.current)

    with run_procedure(tmp_path / "w", after=render):
        pass
    assert made == ["qual", "qual", "docs", "docs", "docs", "pres", "pres", "pres", "pres"]


def test_a_blind_stage_matrix_names_no_proposer(proc: Procedure) -> None:
    """While blind the matrix shows labels: the procedure's notes, which name proposers, wait for unblinding."""
    first = proc.stage("docs").evaluation
    assert first is not None
    view = matrix_view(first, "ja")
    labels = tuple(f"候補{chr(65 + i)}" for i in range(len(view.tool_ids)))
    blind = with_procedure(replace(view, tool_ids=labels, tool_names=labels), proc, "docs", "ja")
    notes = "\n".join(blind.notes[:2])
    assert "一次審査" in blind.title and "ブラインド評価中" in notes
    assert not any(name in notes for tool in TOOLS for name in identifiers(tool))
    assert not any(r.key == "procedure" for r in blind.rows)


# --- a Japanese document in Japanese ------------------------------------------------------------------


def test_japanese_documents_hold_no_english_and_no_ids(proc: Procedure, tmp_path: Path) -> None:
    first = proc.stage("docs").evaluation
    assert first is not None
    documents = [
        procedure_document(proc, "ja", now=NOW),
        review_document(proc, "ja", now=NOW),
        selection_reasons_document(proc, "ja", now=NOW),
        *(notice for _, notice in notice_documents(proc, "ja", now=NOW)),
    ]
    found = {}
    for document in documents:
        for fmt, shown in every_format(document, tmp_path, ("markdown", "csv", "html")).items():
            words = english_words(shown)
            if words:
                found[(document.kind, document.title, fmt)] = words
    view = with_procedure(matrix_view(first, "ja"), proc, "docs", "ja")
    words = english_words("\n".join((view.title, *view.notes, *(r.label for r in view.rows))))
    if words:
        found[("matrix", view.title, "notes")] = words
    assert found == {}


def test_the_check_sees_an_id_or_an_english_word() -> None:
    assert english_words("帳票リーダーα: pass、alpha-reader、docs、SHA-256、ISMS") == [
        "alpha",
        "docs",
        "pass",
        "reader",
    ]


# --- the report folder ---------------------------------------------------------------------------------


def test_report_folder_holds_the_procedure_documents(staged: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "set"
    written = build_report(staged, out, FORMATS, "ja", now=NOW)
    names = {p.relative_to(out).as_posix() for p in written}
    for stem in ("procedure", "review", "selection-reasons"):
        assert {f"{stem}.xlsx", f"{stem}.html", f"{stem}.csv"} <= names
    for tool in TOOLS:
        assert {f"notices/notice-{tool}.{fmt}" for fmt in FORMATS} <= names
    assert all(p.is_file() for p in written)
    public = (out / "public-results.csv").read_text(encoding="utf-8-sig")
    assert "帳票リーダーα（アルファ情報株式会社）" in public and "提案者D" in public and "ベータスキャン" not in public
    summary = (out / "summary.csv").read_text(encoding="utf-8-sig")
    assert "審査結果" in summary and "最優秀提案者" in summary
    notice = (out / "notices" / "notice-delta-read.html").read_text(encoding="utf-8")
    assert "デルタ電子株式会社　御中" in notice and "ガンマ" not in notice
    assert "計画 " in notice  # the anchor a filed document carries


def test_write_notices_is_all_or_nothing(
    staged: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, demo: Workspace
) -> None:
    folder = tmp_path / "out"
    out = folder / "notices"
    written = write_notices(staged, out, ["html", "csv"], "ja", now=NOW)
    assert sorted(p.name for p in written) == sorted(f"notice-{t}.{f}" for t in TOOLS for f in ("html", "csv"))
    with pytest.raises(OutputError) as refused:
        write_notices(staged, out, ["html"], "ja", now=NOW)
    assert refused.value.key == "report.not_empty"
    assert len(write_notices(staged, out, ["html"], "ja", force=True, now=NOW)) == len(TOOLS)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"notice-{t}.html" for t in TOOLS)
    # a failure half-way writes nothing, and leaves no temporary folder behind
    calls = {"n": 0}
    real = reports.write

    def failing(document: Document, fmt: str, **options: Any) -> bytes:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        return real(document, fmt, **options)

    monkeypatch.setattr(reports, "write", failing)
    with pytest.raises(OSError):
        write_notices(staged, folder / "fresh", ["html"], "ja", now=NOW)
    assert sorted(p.name for p in folder.iterdir()) == ["notices"]
    with pytest.raises(OutputError) as no_stages:
        write_notices(demo, folder / "none", ["html"], "ja")
    assert no_stages.value.key == "pdoc.no_stages"


# --- printed -----------------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed (Debian package)")
def test_a_notice_and_the_selection_reasons_print_on_a4(proc: Procedure, tmp_path: Path) -> None:
    notice = dict(notice_documents(proc, "ja", now=NOW))["delta-read"]
    printed = {}
    for name, document in (("notice", notice), ("selection", selection_reasons_document(proc, "ja", now=NOW))):
        source = tmp_path / f"{name}.html"
        source.write_bytes(write(document, "html"))
        pdf = html_to_pdf(source, tmp_path / f"{name}.pdf")
        printed[name] = (pages(pdf), text(pdf), pdf)
    count, words, pdf = printed["notice"]
    assert count == 1
    squeezed = re.sub(r"\s+", "", words)
    assert "審査結果通知書" in squeezed and "デルタ電子株式会社御中" in squeezed and "貴社（デルタ読取）" in squeezed
    assert "令和8年4月20日（2026年）" in squeezed and "1/1" in squeezed
    for other in ("beta-scan", "gamma-ocr", "epsilon-form"):
        assert not any(re.sub(r"\s+", "", name) in squeezed for name in identifiers(other))
    assert png(pdf, tmp_path / "notice")  # a picture to look at
    count, words, _ = printed["selection"]
    squeezed = re.sub(r"\s+", "", words)
    assert count <= 2
    assert "選定理由書（案）" in squeezed and "地方自治法施行令第167条の2第1項第2号" in squeezed
    assert "アルファ情報株式会社（帳票リーダーα）" in squeezed and "8,000,000円（税込）" in squeezed
