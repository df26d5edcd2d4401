"""A realistic sample evaluation, built only through the public library API.

`build_single_round_demo`: a fictional mid-size city (みなと川市, Minatogawa City) compares three fictional AI-OCR
products for its Taxation and Digital Strategy divisions. Four people were heard first
(ratings, a points allocation and a hierarchical pairwise comparison), so
`toolbench weights` shows how far apart they are; the criteria, the points the
hearings gave and the rules are then locked before scoring starts. Three evaluators
score the tools and judge the LGWAN must-have; the outside ICT advisor is employed by
one product's vendor and is recused from it automatically; one evaluator has not yet
scored one criterion; one score is corrected with a reason; and the committee settles
one cell by consensus. Price points follow the proposal rule under a ceiling. Trials
follow in two departments, with SUS questionnaires, measured effects, a training
session and one tool sent back to evaluation. No real person or product appears.
Event times are fixed so that the demo's ledger, and every figure printed from it, is
the same on every machine.

`build_demo` (what `toolbench demo` shows) tells this story inside a whole proposal
procedure (公募型プロポーザル): seven proposers, two failing the entry requirements, a written round
with a requirement fit table (機能要件適合表) verified by the 事務局 and a shortlist whose
last place is settled by the tie-break chain, a withdrawal,
presentations in an order drawn by lot with one member absent, the decision with a
runner-up, and the committee's review.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from toolbench.base import toml_write
from toolbench.base.errors import WorkspaceError
from toolbench.methods.hearings import Answers, Respondent
from toolbench.methods.trial_metrics import Feedback, TrainingSession
from toolbench.model.plan import Department, Evaluator, Price, Text, Tool
from toolbench.workspace.workspace import Workspace, rubric_data

DEMO_TOOLS = (
    Tool(
        id="alpha-reader",
        name=Text(ja="帳票リーダーα", en="Alpha Reader"),
        vendor="株式会社アルファ文書",
        price=Price(amount=Decimal("4800000"), tax="included", basis=Text(ja="5年総額", en="five-year total")),
    ),
    Tool(
        id="kamiscan",
        name=Text(ja="カミスキャン", en="KamiScan"),
        vendor="紙面テック株式会社",
        price=Price(amount=Decimal("3960000"), tax="included", basis=Text(ja="5年総額", en="five-year total")),
    ),
    Tool(
        id="formeye",
        name=Text(ja="フォームアイ", en="FormEye"),
        vendor="北斗通信株式会社",
        maker="株式会社ひかり情報システム",
        price=Price(amount=Decimal("5280000"), tax="included", basis=Text(ja="5年総額", en="five-year total")),
    ),
)

DEMO_EVALUATORS = (
    Evaluator(
        id="aoki",
        name="青木 (Aoki)",
        role=Text(ja="デジタル戦略課 課長", en="Head, Digital Strategy"),
        affiliations=["みなと川市"],
    ),
    Evaluator(
        id="ishii",
        name="石井 (Ishii)",
        role=Text(ja="税務課 主査", en="Senior staff, Taxation"),
        affiliations=["みなと川市"],
    ),
    Evaluator(
        id="ueda",
        name="上田 (Ueda)",
        role=Text(ja="ICTアドバイザー（外部）", en="ICT advisor (external)"),
        affiliations=["北斗通信株式会社"],
    ),
)

DEMO_DEPARTMENTS = (
    Department(id="tax", name=Text(ja="税務課", en="Taxation Division")),
    Department(id="digital", name=Text(ja="デジタル戦略課", en="Digital Strategy Division")),
)

# Levels per tool and evaluator, criteria in rubric order. A criterion left out is a
# score deliberately missing; Ueda is employed by FormEye's reseller and abstains.
DEMO_SCORES: tuple[tuple[str, str, dict[str, str]], ...] = (
    (
        "alpha-reader",
        "aoki",
        {
            "accuracy": "4",
            "handwriting": "3",
            "form-definition": "4",
            "security-certification": "A",
            "support": "4",
            "ease-of-use": "3",
        },
    ),
    (
        "alpha-reader",
        "ishii",
        {
            "accuracy": "4",
            "handwriting": "4",
            "form-definition": "3",
            "security-certification": "A",
            "support": "5",
            "ease-of-use": "3",
        },
    ),
    (
        "alpha-reader",
        "ueda",
        {
            "accuracy": "5",
            "handwriting": "3",
            "form-definition": "4",
            "security-certification": "A",
            "support": "4",
            "ease-of-use": "4",
        },
    ),
    (
        "kamiscan",
        "aoki",
        {
            "accuracy": "3",
            "handwriting": "4",
            "form-definition": "5",
            "security-certification": "B",
            "support": "3",
            "ease-of-use": "5",
        },
    ),
    (
        "kamiscan",
        "ishii",
        {
            "accuracy": "4",
            "handwriting": "4",
            "form-definition": "5",
            "security-certification": "B",
            "support": "3",
            "ease-of-use": "4",
        },
    ),
    (
        "kamiscan",
        "ueda",
        {"accuracy": "3", "handwriting": "5", "form-definition": "4", "security-certification": "B", "support": "4"},
    ),
    (
        "formeye",
        "aoki",
        {
            "accuracy": "5",
            "handwriting": "4",
            "form-definition": "3",
            "security-certification": "A",
            "support": "4",
            "ease-of-use": "4",
        },
    ),
    (
        "formeye",
        "ishii",
        {"accuracy": "4", "handwriting": "3", "form-definition": "3", "security-certification": "A", "support": "4"},
    ),
)

# Ishii typed 5 for Alpha Reader's support from the wrong row of her notes.
DEMO_CORRECTION = ("alpha-reader", "ishii", {"support": "4"}, "採点表からの転記誤りを訂正 (transcription error)")

# LGWAN connectivity is a must-have, judged pass/fail by each evaluator. Ueda cannot
# find KamiScan's LGWAN-ASP registration and fails it (outvoted 2 to 1). Ishii fails
# FormEye for the same reason; with Ueda abstaining that is a 1–1 tie, which the
# chair (Aoki) decides: the registration is in the proposal's annex.
DEMO_MUSTS: tuple[tuple[str, str, str], ...] = (
    ("alpha-reader", "aoki", "pass"),
    ("alpha-reader", "ishii", "pass"),
    ("alpha-reader", "ueda", "pass"),
    ("kamiscan", "aoki", "pass"),
    ("kamiscan", "ishii", "pass"),
    ("kamiscan", "ueda", "fail"),
    ("formeye", "aoki", "pass"),
    ("formeye", "ishii", "fail"),
)

# Only Aoki scored FormEye's ease of use before the committee met; the committee
# agreed on his level rather than leave the cell resting on one person.
DEMO_MODERATION = (
    "formeye",
    "ease-of-use",
    "4",
    "第2回評価委員会で操作デモを再確認し、合議により 4 とした (agreed at the 2nd committee meeting)",
)

# The procurement rules the demo declares on top of the rubric.
DEMO_RULES = {
    "price": {"family": "lowest_ratio", "tax": "included", "ceiling": 5500000},
    "scoring": {
        "aggregation": "mean",
        "missing": "exclude",
        "chair": "aoki",
        "technical_minimum": Decimal("0.6"),
        "tie_break": ["technical", "price", "lot"],
    },
}

# Trials after the scoring. KamiScan goes from candidate to a pilot and staff
# training in the Taxation Division; FormEye gets a vendor demo in Digital Strategy;
# Alpha Reader, bought in 2024, turned out too complex for the tax clerks and is sent
# back to evaluation with a reason.
DEMO_TRIAL_MOVES: tuple[tuple[str, str, str | None, str, str | None, str | None], ...] = (
    # (tool, department, from (None = start), to, note, reason)
    ("alpha-reader", "tax", None, "adopted", "2024年度に導入済み (bought in FY2024)", None),
    (
        "alpha-reader",
        "tax",
        "adopted",
        "desk-review",
        None,
        "帳票定義が職員には難しく、新様式のたびにベンダー依頼が必要 (staff cannot define new forms themselves)",
    ),
    ("kamiscan", "tax", None, "candidate", "市場調査で候補に (shortlisted by the market survey)", None),
    ("kamiscan", "tax", "candidate", "desk-review", None, None),
    ("kamiscan", "tax", "desk-review", "demo", "税務課でベンダーデモ (vendor demo at the tax office)", None),
    ("kamiscan", "tax", "demo", "pilot", "住民税申告書 400 枚で試行 (pilot on 400 resident-tax returns)", None),
    ("kamiscan", "tax", "pilot", "training", "本導入に向けた職員研修 (staff training before adoption)", None),
    ("formeye", "digital", None, "candidate", None, None),
    ("formeye", "digital", "candidate", "desk-review", None, None),
    ("formeye", "digital", "desk-review", "demo", "オンラインデモ (online demo)", None),
)

DEMO_FEEDBACK: tuple[dict[str, object], ...] = (
    {
        "tool": "kamiscan",
        "department": "tax",
        "respondent": "税務課 窓口担当A",
        "date": "2026-05-26",
        "ratings": {"ease-of-use": "4", "accuracy": "4"},
        "effects": {"minutes_before": 12, "minutes_with": 5, "cases": 400, "period_days": 30},
        "accuracy": {"correct": 1164, "total": 1200, "unit": "field"},
        "sus": [4, 2, 4, 1, 4, 2, 5, 1, 4, 2],
    },
    {
        "tool": "kamiscan",
        "department": "tax",
        "respondent": "税務課 課税担当B",
        "date": "2026-05-27",
        "ratings": {"ease-of-use": "5"},
        "effects": {"minutes_before": 10, "minutes_with": 4, "cases": 350, "period_days": 30},
        "sus": [5, 1, 4, 2, 4, 2, 4, 2, 4, 2],
        "comment": "確認画面が見やすい (the checking screen is easy to read)",
    },
    {
        "tool": "kamiscan",
        "department": "tax",
        "respondent": "税務課 会計年度任用職員C",
        "date": "2026-05-27",
        "ratings": {"ease-of-use": "3"},
        "sus": [4, 2, 3, 2, 4, 2, 4, 2, 3, 3],
        "comment": "手書きの訂正箇所は目視確認が必要 (handwritten corrections still need checking by eye)",
    },
    {
        "tool": "alpha-reader",
        "department": "tax",
        "respondent": "税務課 窓口担当A",
        "date": "2026-04-20",
        "sus": [2, 4, 2, 4, 3, 3, 2, 4, 2, 4],
        "comment": "様式変更のたびに業者へ依頼 (every form change goes to the vendor)",
    },
    {
        "tool": "alpha-reader",
        "department": "tax",
        "respondent": "税務課 課税担当B",
        "date": "2026-04-20",
        "sus": [3, 4, 2, 4, 3, 3, 3, 4, 2, 3],
    },
    {
        "tool": "formeye",
        "department": "digital",
        "respondent": "デジタル戦略課 係員",
        "date": "2026-05-21",
        "sus": [4, 2, 4, 2, 4, 2, 4, 2, 4, 2],
    },
)

DEMO_TRAINING = {
    "tool": "kamiscan",
    "department": "tax",
    "date": "2026-06-05",
    "attendees": 14,
    "satisfaction": Decimal("4.3"),
    "notes": "帳票定義の演習を含む (included a form-definition exercise)",
}

DEMO_TRIALS_START = datetime(2026, 4, 17, 1, 0, tzinfo=UTC)

DEMO_STAKEHOLDERS = {
    "staff": {"ja": "窓口・担当職員", "en": "Front-line staff"},
    "management": {"ja": "管理職", "en": "Management"},
    "ict": {"ja": "情報政策", "en": "ICT policy"},
}

# Hearings held a week before scoring. The tax clerks care most about reading
# handwritten forms and about ease of use; their chief about price; the digital
# strategy lead (answering pairwise, by group) about function and security.
DEMO_HEARINGS: tuple[tuple[Respondent, Answers], ...] = (
    (
        Respondent(id="tax-clerk-1", department="tax", group="staff", role="窓口担当", weight=Decimal(12), readiness=2),
        Answers(
            method="ratings",
            ratings={
                "accuracy": 5,
                "handwriting": 5,
                "form-definition": 3,
                "security-certification": 3,
                "support": 4,
                "ease-of-use": 5,
                "price": 3,
            },
        ),
    ),
    (
        Respondent(id="tax-clerk-2", department="tax", group="staff", role="課税担当", weight=Decimal(12), readiness=3),
        Answers(
            method="allocation",
            allocation={
                "accuracy": Decimal(30),
                "handwriting": Decimal(20),
                "form-definition": Decimal(5),
                "security-certification": Decimal(5),
                "support": Decimal(10),
                "ease-of-use": Decimal(20),
                "price": Decimal(10),
            },
            allocation_total=Decimal(100),
        ),
    ),
    (
        Respondent(
            id="tax-chief", department="tax", group="management", role="税務課長", weight=Decimal(3), readiness=4
        ),
        Answers(
            method="ratings",
            ratings={
                "accuracy": 4,
                "handwriting": 3,
                "form-definition": 3,
                "security-certification": 4,
                "support": 3,
                "ease-of-use": 3,
                "price": 5,
            },
        ),
    ),
    (
        Respondent(
            id="digital-lead", department="digital", group="ict", role="情報政策係長", weight=Decimal(2), readiness=5
        ),
        Answers(
            method="hierarchical",
            group_pairs=[
                ("function", "usability", "1"),
                ("function", "security", "3"),
                ("function", "operation", "3"),
                ("function", "cost", "2"),
                ("usability", "security", "3"),
                ("usability", "operation", "3"),
                ("usability", "cost", "2"),
                ("security", "operation", "1"),
                ("security", "cost", "1/2"),
                ("operation", "cost", "1/2"),
            ],
            within={
                "function": [
                    ("accuracy", "handwriting", "2"),
                    ("accuracy", "form-definition", "3"),
                    ("handwriting", "form-definition", "2"),
                ]
            },
        ),
    ),
)

DEMO_HEARINGS_START = datetime(2026, 4, 7, 1, 0, tzinfo=UTC)
DEMO_START = datetime(2026, 4, 14, 1, 0, tzinfo=UTC)

DEMO_POINTS: dict[str, int] = {
    "accuracy": 20,
    "handwriting": 10,
    "form-definition": 10,
    "lgwan": 0,
    "security-certification": 10,
    "support": 10,
    "ease-of-use": 20,
    "price": 20,
}
"""The points みなと川市 published for the rubric's scored criteria (its 評価基準, 100 in all):
what `toolbench weights` compares the hearings' points with. The shipped rubric has since
moved 10 of them to its requirement fit criterion and 10 to its measured read rate
(`field-accuracy`); the city's own table is kept here, and a rubric criterion it does not
name is left out of the demo's plan."""

DEMO_WORDING: dict[str, dict[str, object]] = {
    "accuracy": {
        "name": {"ja": "認識精度", "en": "Recognition accuracy"},
        "unit": {
            "ja": "項目単位の正読率（%）: 市の実帳票サンプルで、全文字が正しく読めた項目の割合",
            "en": "field-level read rate (%): share of fields on the city's own sample forms"
            " read with every character right",
        },
        "description": {
            "ja": "市の実際の帳票（活字・手書き混在）を読み取らせ、項目単位で正読率を測る。"
            "文字単位の精度と混同しない。",
            "en": "Measured by reading the city's real forms (printed and handwritten);"
            " counted per field, not per character.",
        },
        "anchors": {
            "5": {"ja": "正読率 98% 以上", "en": "98 % or more of fields read correctly"},
            "4": {"ja": "正読率 95% 以上 98% 未満", "en": "95 % to under 98 %"},
            "3": {"ja": "正読率 90% 以上 95% 未満", "en": "90 % to under 95 %"},
            "2": {"ja": "正読率 80% 以上 90% 未満", "en": "80 % to under 90 %"},
            "1": {"ja": "正読率 80% 未満", "en": "under 80 %"},
        },
    },
}
"""The wording みなと川市 published for a criterion where the shipped rubric's has since
changed: the city rated the read rate itself on five levels, where the rubric now measures
it (`field-accuracy`) and rates only how steady it is."""

FIT_KIND = "fit"

DEMO_PLAN_HEADER = """\
# toolbench evaluation plan (評価計画): the demo's comparison of three AI-OCR products in one
# scoring round, from the ai-ocr rubric. Every key is described in docs/plan.md.
"""


def _entries(items: tuple[Tool, ...] | tuple[Evaluator, ...] | tuple[Department, ...]) -> list[dict[str, object]]:
    """Plan entries as `toolbench init` writes them: the id first, then what differs from the defaults."""
    return [
        {"id": item.id} | item.model_dump(mode="python", exclude_none=True, exclude_defaults=True) for item in items
    ]


def _rubric_parts() -> tuple[dict[str, object], list[dict[str, object]], list[dict[str, object]]]:
    """The ai-ocr rubric's groups and criteria at the city's points, its fit criteria apart.

    Returns (groups without the fit criteria's group, the other criteria, the fit criteria).
    Only the criteria the city published (`DEMO_POINTS`, the fit criteria) are taken, in
    the city's wording (`DEMO_WORDING`).
    """
    data = rubric_data("ai-ocr")
    fitted = [c for c in data["criteria"] if c.get("kind") == FIT_KIND]
    others = [
        {**c, **DEMO_WORDING.get(c["id"], {}), "points": DEMO_POINTS[c["id"]]}
        for c in data["criteria"]
        if c.get("kind") != FIT_KIND and c["id"] in DEMO_POINTS
    ]
    kept = {c["group"] for c in others}
    groups = {k: v for k, v in data["groups"].items() if k in kept}
    return groups, others, fitted


def build_single_round_demo(path: str | Path) -> Workspace:
    """Create the sample as one scoring round (a plan without stages) at `path`; return it open.

    The three products scored in one round, as a plan without `[[stages]]` runs: still
    open for scores, corrections and trials, where the procedure's presentation stage
    is closed and decided. No requirement fit table (適合表) was asked for in this round
    (`build_demo` has one): the plan is the ai-ocr rubric without its fit criterion and
    requirement list, at the city's published points (`DEMO_POINTS`), written out as a
    city keeps its plan and given a new ledger (`Workspace.start_ledger`).
    """
    groups, criteria, _ = _rubric_parts()
    data = {key: value for key, value in rubric_data("ai-ocr").items() if key != "requirements"}
    data["evaluation"] = {
        **data["evaluation"],
        "title": {"ja": "みなと川市（架空）AI-OCR 比較評価", "en": "Minatogawa City (fictional): AI-OCR comparison"},
        "organisation": {"ja": "みなと川市 デジタル戦略課", "en": "Minatogawa City, Digital Strategy Division"},
    }
    data |= {
        "groups": groups,
        "criteria": criteria,
        "tools": _entries(DEMO_TOOLS),
        "evaluators": _entries(DEMO_EVALUATORS),
        "departments": _entries(DEMO_DEPARTMENTS),
        "stakeholders": DEMO_STAKEHOLDERS,
        # the points come from the hearings below (the city's published points are what
        # `toolbench weights` compares them with)
        "weights": {"source": "hearings"},
        **DEMO_RULES,
    }
    root = Path(path)
    plan_file = root / "toolbench.toml"
    if plan_file.exists():
        raise WorkspaceError("workspace.exists", path=str(root))
    root.mkdir(parents=True, exist_ok=True)
    plan_file.write_text(DEMO_PLAN_HEADER + "\n" + toml_write.dumps(data), encoding="utf-8")
    workspace = Workspace.start_ledger(root)
    moment = DEMO_HEARINGS_START
    for respondent, answers in DEMO_HEARINGS:
        workspace.record_hearing(respondent, answers, actor="advisor", now=moment)
        moment += timedelta(hours=2)
    # the criteria, the points the hearings gave and the rules are locked before scoring starts
    workspace.lock(actor="advisor", now=DEMO_START - timedelta(hours=1))
    moment = DEMO_START
    for tool, evaluator, levels in DEMO_SCORES:
        workspace.record_scores(tool, evaluator, levels, actor=evaluator, now=moment)
        moment += timedelta(minutes=7)
    for tool, evaluator, verdict in DEMO_MUSTS:
        workspace.record_scores(tool, evaluator, {"lgwan": verdict}, actor=evaluator, now=moment)
        moment += timedelta(minutes=3)
    tool, evaluator, levels, reason = DEMO_CORRECTION
    workspace.record_scores(tool, evaluator, levels, actor=evaluator, reason=reason, now=moment + timedelta(days=1))
    tool, criterion, level, comment = DEMO_MODERATION
    workspace.moderate(tool, criterion, level, comment=comment, actor="aoki", now=moment + timedelta(days=2))
    _record_trials(workspace)
    return workspace


def _record_trials(workspace: Workspace) -> None:
    moment = DEMO_TRIALS_START
    for tool, department, before, to, note, reason in DEMO_TRIAL_MOVES:
        if before is None:
            workspace.start_trial(tool, department, actor="advisor", phase=to, note=note, now=moment)
        else:
            workspace.move_trial(tool, department, to, actor="advisor", note=note, reason=reason, now=moment)
        moment += timedelta(days=5)
    feedback = [Feedback.model_validate(entry) for entry in DEMO_FEEDBACK]
    workspace.record_feedback(feedback, actor="advisor", now=moment)
    session = TrainingSession.model_validate(DEMO_TRAINING)
    workspace.record_training(session, actor="advisor", now=moment + timedelta(days=7))


# --- the same story as a whole proposal procedure (公募型プロポーザル) ---------------------
#
# Seven proposers apply: the three products above and four more. The 事務局 checks the
# entry requirements (参加資格審査): MojiNote's vendor is under 指名停止 and Yomikata's
# vendor holds no ISMS certificate of its own, so five go on. Each of the five returns the
# rubric's requirement fit table (機能要件適合表, 40 requirements) with its written
# proposal; the 事務局 verifies every answer (accepting most, downgrading two, querying
# one that the proposer then corrects) before the committee scores the written proposals
# (一次審査) on two criteria of their own with fixed points. With the table's points SumiYomi
# and Torikomi Ace end exactly level at the shortlist's edge (4th place of four), the
# chain (technical, price, lot) finds their technical points level too and sends the
# lower price, Torikomi Ace, on. Torikomi Ace then withdraws (辞退). The three products
# above present in an order drawn by lot and are scored on the rubric's criteria with the
# points the hearings gave (二次審査); Ueda misses KamiScan's presentation and does not
# score it. The final points are the presentation stage's alone.

DEMO_NEW_TOOLS = (
    Tool(
        id="sumiyomi",
        name=Text(ja="スミヨミ", en="SumiYomi"),
        vendor="株式会社すずらん情報技研",
        price=Price(amount=Decimal("4620000"), tax="included", basis=Text(ja="5年総額", en="five-year total")),
    ),
    Tool(
        id="torikomi-ace",
        name=Text(ja="トリコミエース", en="Torikomi Ace"),
        vendor="東雲システム株式会社",
        price=Price(amount=Decimal("4290000"), tax="included", basis=Text(ja="5年総額", en="five-year total")),
    ),
    Tool(
        id="mojinote",
        name=Text(ja="モジノート", en="MojiNote"),
        vendor="有限会社やまびこ電算",
        price=Price(amount=Decimal("4180000"), tax="included", basis=Text(ja="5年総額", en="five-year total")),
    ),
    Tool(
        id="yomikata",
        name=Text(ja="ヨミカタ", en="Yomikata"),
        vendor="株式会社さくら坂ネットワークス",
        price=Price(amount=Decimal("5060000"), tax="included", basis=Text(ja="5年総額", en="five-year total")),
    ),
)

# The written proposal is scored on two criteria of its own, with points fixed in the
# published 評価基準; the hearings weigh only the rubric's criteria (`[weights] criteria`).
DEMO_PROPOSAL_GROUP = {"proposal": {"ja": "提案内容", "en": "Proposal"}}
DEMO_PROPOSAL_CRITERIA: tuple[dict[str, object], ...] = (
    {
        "id": "understanding",
        "name": {"ja": "業務理解度", "en": "Understanding of the work"},
        "group": "proposal",
        "kind": "rating",
        "points": 18,
        "scale": "five",
        "description": {
            "ja": "本市の課税・申請業務と帳票の現状を理解し、課題に即した提案となっているか。",
            "en": "Whether the proposal shows the city's taxation work and forms as they are and answers its problems.",
        },
        "anchors": {
            "5": {
                "ja": "本市の帳票・業務量を踏まえた具体的な提案",
                "en": "concrete, built on the city's own forms and volumes",
            },
            "3": {"ja": "一般的な提案にとどまる", "en": "a generic proposal"},
            "1": {"ja": "仕様書の理解に誤りがある", "en": "misreads the specification"},
        },
    },
    {
        "id": "delivery",
        "name": {"ja": "実施体制・スケジュール", "en": "Delivery team and schedule"},
        "group": "proposal",
        "kind": "rating",
        "points": 12,
        "scale": "five",
        "description": {
            "ja": "導入までの体制（配置予定技術者を含む）と工程が実現可能か。",
            "en": "Whether the team (named staff included) and the schedule up to go-live are realistic.",
        },
        "anchors": {
            "5": {
                "ja": "体制・工程とも具体的で、遅延時の対応も示されている",
                "en": "team and schedule concrete, with a fallback for delays",
            },
            "3": {"ja": "体制・工程は示されているが具体性に欠ける", "en": "team and schedule given but thin"},
            "1": {"ja": "体制・工程が示されていない", "en": "no team or schedule given"},
        },
    },
)
DEMO_PROPOSAL_POINTS = 30
"""The written proposal's own criteria: 18 + 12."""
DEMO_FIT_POINTS = 20
"""The requirement fit table's points in the written round (the rubric's fit criterion, at the city's points)."""

DEMO_REQUIREMENTS: tuple[dict[str, object], ...] = (
    {
        "id": "unified-qualification",
        "name": {"ja": "全省庁統一資格（役務の提供等）", "en": "Unified government qualification (services)"},
    },
    {
        "id": "no-suspension",
        "name": {"ja": "指名停止措置を受けていないこと", "en": "Not suspended from tendering"},
    },
    {
        "id": "isms",
        "name": {"ja": "ISMS（ISO/IEC 27001）認証", "en": "ISMS (ISO/IEC 27001) certification"},
    },
    {
        "id": "track-record",
        "name": {"ja": "地方公共団体への導入実績", "en": "Service delivered to a local government"},
    },
)

DEMO_STAGES: tuple[dict[str, object], ...] = (
    {
        "id": "qualification",
        "name": {"ja": "参加資格審査", "en": "Qualification"},
        "kind": "qualification",
        "requirements": list(DEMO_REQUIREMENTS),
    },
    {
        "id": "documents",
        "name": {"ja": "一次審査（書類審査）", "en": "First round (written proposals)"},
        "groups": ["proposal", "fit"],
        "shortlist": {"top_n": 4, "ties": "chain"},
    },
    {
        "id": "presentation",
        "name": {
            "ja": "二次審査（プレゼンテーション・ヒアリング）",
            "en": "Second round (presentations and questions)",
        },
        "groups": ["function", "requirements", "security", "operation", "usability", "cost"],
        "attendance_required": True,
        "order": "lot",
    },
)

DEMO_PROCEDURE_RULES = {
    "final": "last",
    "quorum": "majority",
    "public_names": "winner",
    "withdrawn_bids": "exclude",
}

# The 事務局's verdict on each entry requirement, with the document it rests on. Every
# certificate and registration number is fictional.
_UNIFIED = "全省庁統一資格 資格審査結果通知書の写し（業者コード {code}、役務の提供等 {grade}等級、令和7・8・9年度）"
_NO_SUSPENSION = "誓約書（様式第3号）及び本市指名停止措置一覧（2026年4月1日現在）で確認"
_ISMS = "ISMS 認証登録証の写し（登録番号 IS 9{number}、有効期限 {until}）"
_RECORD = "導入実績調書（様式第4号）: {record}"
DEMO_QUALIFICATION: tuple[tuple[str, str, str, str], ...] = (
    # (tool, requirement, verdict, evidence)
    ("alpha-reader", "unified-qualification", "pass", _UNIFIED.format(code="0000710231", grade="A")),
    ("alpha-reader", "no-suspension", "pass", _NO_SUSPENSION),
    ("alpha-reader", "isms", "pass", _ISMS.format(number="10482", until="2027年9月30日")),
    ("alpha-reader", "track-record", "pass", _RECORD.format(record="県内3市を含む 14 団体")),
    ("kamiscan", "unified-qualification", "pass", _UNIFIED.format(code="0000836517", grade="B")),
    ("kamiscan", "no-suspension", "pass", _NO_SUSPENSION),
    ("kamiscan", "isms", "pass", _ISMS.format(number="20917", until="2028年1月14日")),
    ("kamiscan", "track-record", "pass", _RECORD.format(record="6 団体（うち税務部門 4）")),
    ("formeye", "unified-qualification", "pass", _UNIFIED.format(code="0000352208", grade="A")),
    ("formeye", "no-suspension", "pass", _NO_SUSPENSION),
    ("formeye", "isms", "pass", _ISMS.format(number="05533", until="2026年11月30日")),
    ("formeye", "track-record", "pass", _RECORD.format(record="21 団体（販売代理店としての実績を含む）")),
    ("sumiyomi", "unified-qualification", "pass", _UNIFIED.format(code="0000918840", grade="C")),
    ("sumiyomi", "no-suspension", "pass", _NO_SUSPENSION),
    ("sumiyomi", "isms", "pass", _ISMS.format(number="31206", until="2027年6月30日")),
    ("sumiyomi", "track-record", "pass", _RECORD.format(record="2 団体")),
    ("torikomi-ace", "unified-qualification", "pass", _UNIFIED.format(code="0000644105", grade="B")),
    ("torikomi-ace", "no-suspension", "pass", _NO_SUSPENSION),
    ("torikomi-ace", "isms", "pass", _ISMS.format(number="18874", until="2027年2月28日")),
    ("torikomi-ace", "track-record", "pass", _RECORD.format(record="4 団体")),
    ("mojinote", "unified-qualification", "pass", _UNIFIED.format(code="0000587716", grade="C")),
    (
        "mojinote",
        "no-suspension",
        "fail",
        "本市指名停止措置一覧（2026年3月24日付）に掲載: 措置期間 2026年3月24日から2026年6月23日まで（契約履行遅延）",
    ),
    ("mojinote", "isms", "pass", _ISMS.format(number="40719", until="2027年4月30日")),
    ("mojinote", "track-record", "pass", _RECORD.format(record="3 団体")),
    ("yomikata", "unified-qualification", "pass", _UNIFIED.format(code="0000791452", grade="B")),
    ("yomikata", "no-suspension", "pass", _NO_SUSPENSION),
    (
        "yomikata",
        "isms",
        "fail",
        "提出された ISMS 認証登録証（登録番号 IS 963018）は親会社のもので、提案者は認証の適用範囲外",
    ),
    ("yomikata", "track-record", "pass", _RECORD.format(record="5 団体")),
)

# Written proposals, levels per member (Ueda recused from FormEye as in the scoring above).
# Five levels give 0, ¼, ½, ¾ or all of a criterion's points; with three members a
# criterion of 18 points gives 1.5 points per level step above 1 summed over the members
# (12 points: 1 per step); with two members (FormEye) 2.25 and 1.5.
#   Alpha Reader  understanding 4,4,5 → 3+3+4 = 10 steps → 15;    delivery 4,3,4 → 8 → 8    = 23
#   KamiScan      understanding 4,4,4 → 9 → 13.5;                 delivery 5,4,4 → 10 → 10  = 23.5
#   FormEye       understanding 5,4 → 7 → 15.75;                  delivery 4,4 → 6 → 9      = 24.75
#   SumiYomi      understanding 4,4,4 → 9 → 13.5;                 delivery 3,3,3 → 6 → 6    = 19.5
#   Torikomi Ace  understanding 4,3,3 → 7 → 10.5;                 delivery 4,4,4 → 9 → 9    = 19.5
# The requirement fit table (DEMO_FIT_ANSWERS below) adds 20 × raw ÷ best:
#   Alpha Reader 44 / 49 → 880/49 ≈ 17.96 (total ≈ 40.96), KamiScan 46 / 50 → 18.4 (41.9),
#   FormEye 47 / 50 → 18.8 (43.55), SumiYomi 40 / 50 → 16 (35.5), Torikomi Ace 40 / 50 → 16 (35.5).
# SumiYomi and Torikomi Ace are level for 4th place; both totals are technical points, so
# the chain's price link decides: Torikomi Ace's 4,290,000 円 is lower than SumiYomi's
# 4,620,000 円.
DEMO_DOCUMENT_SCORES: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("alpha-reader", "aoki", {"understanding": "4", "delivery": "4"}),
    ("alpha-reader", "ishii", {"understanding": "4", "delivery": "3"}),
    ("alpha-reader", "ueda", {"understanding": "5", "delivery": "4"}),
    ("kamiscan", "aoki", {"understanding": "4", "delivery": "5"}),
    ("kamiscan", "ishii", {"understanding": "4", "delivery": "4"}),
    ("kamiscan", "ueda", {"understanding": "4", "delivery": "4"}),
    ("formeye", "aoki", {"understanding": "5", "delivery": "4"}),
    ("formeye", "ishii", {"understanding": "4", "delivery": "4"}),
    ("sumiyomi", "aoki", {"understanding": "4", "delivery": "3"}),
    ("sumiyomi", "ishii", {"understanding": "4", "delivery": "3"}),
    ("sumiyomi", "ueda", {"understanding": "4", "delivery": "3"}),
    ("torikomi-ace", "aoki", {"understanding": "4", "delivery": "4"}),
    ("torikomi-ace", "ishii", {"understanding": "3", "delivery": "4"}),
    ("torikomi-ace", "ueda", {"understanding": "3", "delivery": "4"}),
)

# The requirement fit table (機能要件適合表) each proposer in the written round returned
# with its proposal: the rubric's 40 requirements (10 必須, 20 重要, 10 任意), every one
# answered ○ except those below. Raw points: 必須 ○ +2 △ 0 × −5, 重要 ○ +1 △ 0 × −2,
# 任意 ○ +1 △ 0 × 0; − leaves the requirement out of the best possible sum (50 without one).
#   Alpha Reader  D01 ○ downgraded to △ (必須 0: −2), D02 △ (重要 0: −1), R06 ×, O05 × (任意 0: −1 each),
#                 S08 − (重要, out of the best: 49)                                 → 44 of 49
#   KamiScan      R06 ○, queried, then answered △ and accepted; R09 ×; V04 △; S09 △ (任意: −1 each)
#                                                                                  → 46 of 50
#   FormEye       O02 △ (重要 −1); R11 ×, V05 × (任意 −1 each)                     → 47 of 50
#   SumiYomi      R03 △, R07 △ (重要 −1 each); R06 ×, R09 ×, V04 ×, V05 ×, D03 △, O05 ×, S09 ×,
#                 M02 × (任意 −1 each)                                               → 40 of 50
#   Torikomi Ace  O03 △ downgraded to × (重要 −2: −3), V02 △ (重要 −1); R09 ×, R11 ×, V05 △, D03 ×,
#                 O04 ×, M02 × (任意 −1 each)                                        → 40 of 50
# SumiYomi and Torikomi Ace lose their 10 points on different rows and end level.
DEMO_FIT_ANSWERS: dict[str, dict[str, tuple[str, str]]] = {
    "alpha-reader": {
        "D01": ("○", "帳票設計ツール（管理者向け）で定義できる"),
        "D02": ("△", "帳票定義の複製は可能。改正箇所の設定変更は当社の設定作業として実施する"),
        "R06": ("×", ""),
        "O05": ("×", ""),
        "S08": ("−", "自社データセンター（国内 2 拠点）のみで提供しており、パブリッククラウドは利用していない"),
    },
    "kamiscan": {
        "R06": ("○", ""),
        "R09": ("×", ""),
        "V04": ("△", "住所辞書との照合は、CSV 出力後に無償提供の照合ツールで行う"),
        "S09": ("△", "LGWAN 接続系の端末認証（庁内の二要素認証）と連携して対応する"),
    },
    "formeye": {
        "O02": ("△", "文字コードは UTF-8 のみ。Shift_JIS へは付属の変換ツールで変換する"),
        "R11": ("×", ""),
        "V05": ("×", ""),
    },
    "sumiyomi": {
        "R03": ("△", "手書きの漢字は、読取候補から職員が選択する方式で対応する"),
        "R07": ("△", "帳票の種類ごとにフォルダを分けて取り込む運用で対応する"),
        "R06": ("×", ""),
        "R09": ("×", ""),
        "V04": ("×", ""),
        "V05": ("×", ""),
        "D03": ("△", "標準で 50 様式まで。追加は 10 様式ごとの有償オプションで対応する"),
        "O05": ("×", ""),
        "S09": ("×", ""),
        "M02": ("×", ""),
    },
    "torikomi-ace": {
        "O03": ("△", "RPA 製品から本製品の画面を操作して取込・出力を行う"),
        "V02": ("△", "確信度は数値で表示する。色分け表示は次期版（2026年10月提供予定）で対応する"),
        "R09": ("×", ""),
        "R11": ("×", ""),
        "V05": ("△", "確認者の割当ては運用（担当表）で行い、2 回目の確認は別アカウントで実施する"),
        "D03": ("×", ""),
        "O04": ("×", ""),
        "M02": ("×", ""),
    },
}

# The 事務局's verification of the answers before the committee meets: every answer is
# accepted as it stands except these (tool, requirement, action, reason).
DEMO_FIT_CHECKS: tuple[tuple[str, str, str, str], ...] = (
    (
        "alpha-reader",
        "D01",
        "downgrade",
        "提案書別紙3の導入手順では新様式の読取範囲の設定を当社の設定作業（有償）としており、"
        "職員のみで定義できることが確認できないため △ とする",
    ),
    (
        "torikomi-ace",
        "O03",
        "downgrade",
        "代替案は RPA 側からの画面操作であり、本製品に連携機能（フォルダ監視・API）がないため × とする",
    ),
    (
        "kamiscan",
        "R06",
        "query",
        "非定型帳票の読取が標準機能に含まれるか、提案価格に含まれるかが提案書から読み取れないため照会する",
    ),
)

# KamiScan's reply to the query: the answer corrected to △ (with the reason), then accepted.
DEMO_FIT_REPLY = (
    "kamiscan",
    "R06",
    "△",
    "非定型読取オプション（年額 132,000 円、本提案価格には含まない）で対応する",
    "事務局からの照会（2026年4月9日）への回答により訂正",
)

DEMO_WITHDRAWAL = (
    "torikomi-ace",
    date(2026, 4, 13),
    "配置予定の技術者を確保できなくなったため辞退",
)

# Members absent from a presentation: they neither score it nor judge its must-have.
# Ueda's KamiScan levels above (and his fail on its LGWAN connectivity) are therefore
# never recorded; Aoki and Ishii alone score KamiScan.
DEMO_ABSENT = {"kamiscan": ("ueda",)}

DEMO_WITNESS = "27"
"""The number the witness called out when the presentation order was drawn."""

DEMO_DRAW_SEED = hashlib.sha256(b"minatogawa-ai-ocr-2026-presentation-order").hexdigest()
"""The seed the presentation order should be drawn with, for a ledger that is the same on
every machine. A real draw never fixes its seed: it is drawn at random and kept secret until the reveal."""

DEMO_DECISION_PRESENT = ("aoki", "ishii", "ueda")

DEMO_REVIEWS: tuple[tuple[str | None, str], ...] = (
    (
        None,
        "7 者から参加申込があり、参加資格審査を通過した 5 者の書類審査の結果、上位 4 者を二次審査の対象とした。"
        "うち 1 者が辞退し、3 者のプレゼンテーション・ヒアリングを実施した。"
        "いずれの提案も本市の帳票の電子化に資するものであった",
    ),
    (
        "formeye",
        "認識精度が高く評価された。LGWAN 対応は委員の判断が分かれたが、"
        "提案書別添の LGWAN-ASP 登録により委員長が適合と判断した",
    ),
    (
        "kamiscan",
        "価格と職員の使いやすさで優れ、次点とした",
    ),
    (
        "alpha-reader",
        "サポート体制は充実しているが、帳票定義に事業者の支援を要する点が課題とされた",
    ),
    (
        "sumiyomi",
        "一次審査で業務理解度は評価されたが、実施体制の具体性に欠け、同点の提案者との価格比較により二次審査の対象外となった",
    ),
    (
        "torikomi-ace",
        "二次審査の対象となったが、実施体制の確保が困難として辞退の申出があった",
    ),
    (
        "mojinote",
        "指名停止期間中のため参加資格を満たさなかった",
    ),
    (
        "yomikata",
        "提案者自身の ISMS 認証がなく参加資格を満たさなかった",
    ),
)

DEMO_PROCEDURE_START = datetime(2026, 4, 8, 1, 0, tzinfo=UTC)
"""The rules are locked; the qualification stage opens the next day (times UTC, 10:00 in Japan)."""


def build_demo(path: str | Path) -> Workspace:
    """Create the sample workspace as a whole proposal procedure at `path`; return it open.

    The story of `build_single_round_demo` inside a procedure: qualification, the written round with
    its shortlist, a withdrawal, presentations in a drawn order with one member absent,
    the decision, the committee's review and the trials.
    """
    data = rubric_data("ai-ocr")
    groups, others, fitted = _rubric_parts()
    fit_groups = {c["group"] for c in fitted}
    groups = {**groups, **{k: v for k, v in data["groups"].items() if k in fit_groups}}
    # the rubric's order, the fit criterion at the written round's points
    by_id = {c["id"]: c for c in [*others, *({**c, "points": DEMO_FIT_POINTS} for c in fitted)]}
    rubric_criteria = [by_id[c["id"]] for c in data["criteria"] if c["id"] in by_id]
    weighted = [c["id"] for c in others if c.get("kind") != "must"]
    workspace = Workspace.init(
        path,
        rubric="ai-ocr",
        evaluation={
            "title": {
                "ja": "みなと川市（架空）AI-OCR 導入業務 公募型プロポーザル",
                "en": "Minatogawa City (fictional): AI-OCR proposal procedure",
            },
            "organisation": {"ja": "みなと川市 デジタル戦略課", "en": "Minatogawa City, Digital Strategy Division"},
            "total_points": sum(DEMO_POINTS.values()) + DEMO_PROPOSAL_POINTS + DEMO_FIT_POINTS * len(fitted),
        },
        tools=(*DEMO_TOOLS, *DEMO_NEW_TOOLS),
        evaluators=DEMO_EVALUATORS,
        departments=DEMO_DEPARTMENTS,
        extra={
            "stakeholders": DEMO_STAKEHOLDERS,
            "groups": {**DEMO_PROPOSAL_GROUP, **groups},
            "criteria": [*DEMO_PROPOSAL_CRITERIA, *rubric_criteria],
            # the hearings weigh the rubric's criteria; the written round's points are fixed
            "requirements": data["requirements"],
            "weights": {"source": "hearings", "criteria": weighted},
            **DEMO_RULES,
            "stages": list(DEMO_STAGES),
            "procedure": DEMO_PROCEDURE_RULES,
        },
    )
    moment = DEMO_HEARINGS_START
    for respondent, answers in DEMO_HEARINGS:
        workspace.record_hearing(respondent, answers, actor="advisor", now=moment)
        moment += timedelta(hours=2)
    # the criteria, the points and the rules are locked before the proposals come in
    workspace.lock(actor="advisor", now=DEMO_PROCEDURE_START)
    steps = workspace.steps
    office = "secretariat"  # 事務局

    # 参加資格審査
    moment = DEMO_PROCEDURE_START + timedelta(days=1)
    steps.open_stage("qualification", actor=office, now=moment)
    for tool, requirement, verdict, evidence in DEMO_QUALIFICATION:
        moment += timedelta(minutes=5)
        steps.judge(tool, requirement, verdict, evidence, actor=office, now=moment)
    steps.close_stage("qualification", actor=office, now=moment + timedelta(hours=1))

    # 一次審査（書類審査）: the written proposals and their requirement fit tables come in;
    # the 事務局 verifies the tables; the 1st committee meeting scores the proposals
    moment = DEMO_PROCEDURE_START + timedelta(days=1, hours=4)
    steps.open_stage("documents", actor=office, now=moment)
    _record_fit(workspace, moment, office)
    moment = DEMO_PROCEDURE_START + timedelta(days=2)
    for tool, evaluator, levels in DEMO_DOCUMENT_SCORES:
        moment += timedelta(minutes=7)
        workspace.record_scores(tool, evaluator, levels, actor=evaluator, now=moment)
    moment += timedelta(hours=2)
    steps.attend("documents", [e.id for e in DEMO_EVALUATORS], actor=office, now=moment)
    steps.close_stage("documents", actor=office, now=moment + timedelta(minutes=30))

    # 辞退 after the shortlist
    tool, received, reason = DEMO_WITHDRAWAL
    moment = DEMO_START - timedelta(days=1)
    steps.withdraw(tool, reason, actor=office, received=received, now=moment)

    # 二次審査: opened, the order drawn by lot (committed the day before, revealed before
    # the first presentation), each presentation's attendance recorded before its scores
    steps.open_stage("presentation", actor=office, now=moment + timedelta(hours=1))
    steps.commit_draw("order", "presentation", actor=office, now=moment + timedelta(hours=2), seed=DEMO_DRAW_SEED)
    drawn = steps.reveal_draw(
        "order:presentation", actor=office, witness=DEMO_WITNESS, now=DEMO_START - timedelta(minutes=30)
    )
    members = [e.id for e in DEMO_EVALUATORS]
    for index, tool in enumerate(drawn.payload["order"]):
        start = DEMO_START + timedelta(minutes=90 * index)
        absent = DEMO_ABSENT.get(tool, ())
        present = [m for m in members if m not in absent]
        steps.attend("presentation", present, tool=tool, actor=office, now=start)
        moment = start + timedelta(minutes=60)
        for scored, evaluator, levels in DEMO_SCORES:
            if scored == tool and evaluator in present:
                workspace.record_scores(tool, evaluator, levels, actor=evaluator, now=moment)
                moment += timedelta(minutes=7)
        for judged, evaluator, verdict in DEMO_MUSTS:
            if judged == tool and evaluator in present:
                workspace.record_scores(tool, evaluator, {"lgwan": verdict}, actor=evaluator, now=moment)
                moment += timedelta(minutes=3)
    tool, evaluator, levels, reason = DEMO_CORRECTION
    workspace.record_scores(tool, evaluator, levels, actor=evaluator, reason=reason, now=DEMO_START + timedelta(days=1))

    # the 2nd committee meeting: attendance, the consensus on FormEye's ease of use, the close, the decision
    meeting = DEMO_START + timedelta(days=2)
    steps.attend("presentation", list(DEMO_DECISION_PRESENT), actor=office, now=meeting)
    tool, criterion, level, comment = DEMO_MODERATION
    workspace.moderate(tool, criterion, level, comment=comment, actor="aoki", now=meeting + timedelta(minutes=20))
    steps.close_stage("presentation", actor=office, now=meeting + timedelta(minutes=40))
    found = workspace.procedure()
    expected = list(found.expected)
    steps.decide(
        expected[0],
        runner_up=expected[1],
        order=expected,
        present=DEMO_DECISION_PRESENT,
        actor="aoki",
        now=meeting + timedelta(minutes=50),
    )
    moment = meeting + timedelta(hours=1)
    for tool_id, text in DEMO_REVIEWS:
        steps.review(text, tool=tool_id, actor="aoki", now=moment)
        moment += timedelta(minutes=2)
    _record_trials(workspace)
    return workspace


def _record_fit(workspace: Workspace, opened: datetime, office: str) -> None:
    """The proposers' requirement fit tables as the 事務局 enters them, then its verification of each answer."""
    fitting = workspace.fitting
    every = [r.id for r in workspace.plan.requirements]
    moment = opened + timedelta(minutes=10)
    for tool, exceptions in DEMO_FIT_ANSWERS.items():
        answers = {rid: exceptions.get(rid, ("○", "")) for rid in every}
        fitting.record_answers(tool, answers, actor=office, source=f"様式第5号 機能要件適合表（{tool}）", now=moment)
        moment += timedelta(minutes=2)
    checks = {(tool, rid): (action, reason) for tool, rid, action, reason in DEMO_FIT_CHECKS}
    moment = opened + timedelta(minutes=30)
    for tool in DEMO_FIT_ANSWERS:
        for rid in every:
            action, reason = checks.get((tool, rid), ("accept", ""))
            fitting.verify(tool, rid, action, actor=office, reason=reason or None, now=moment)
            moment += timedelta(seconds=40)
    # the queried proposer's reply the next morning: the answer corrected, then accepted
    tool, rid, answer, remark, reason = DEMO_FIT_REPLY
    morning = opened + timedelta(hours=19)
    fitting.record_answers(tool, {rid: (answer, remark)}, actor=office, reason=reason, now=morning)
    fitting.verify(tool, rid, "accept", actor=office, now=morning + timedelta(minutes=15))
