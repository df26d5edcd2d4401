"""A realistic sample evaluation, built only through the public library API.

A fictional mid-size city (みなと川市, Minatogawa City) compares three fictional AI-OCR
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
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from toolbench.methods.hearings import Answers, Respondent
from toolbench.methods.trial_metrics import Feedback, TrainingSession
from toolbench.model.plan import Department, Evaluator, Price, Text, Tool
from toolbench.workspace.workspace import Workspace

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


def build_demo(path: str | Path) -> Workspace:
    """Create the sample workspace at `path` and record its scores; return it open."""
    workspace = Workspace.init(
        path,
        rubric="ai-ocr",
        evaluation={
            "title": {
                "ja": "みなと川市（架空）AI-OCR 比較評価",
                "en": "Minatogawa City (fictional): AI-OCR comparison",
            },
            "organisation": {"ja": "みなと川市 デジタル戦略課", "en": "Minatogawa City, Digital Strategy Division"},
        },
        tools=DEMO_TOOLS,
        evaluators=DEMO_EVALUATORS,
        departments=DEMO_DEPARTMENTS,
        # the points come from the hearings below (the rubric's published points are
        # what `toolbench weights` compares them with)
        extra={"stakeholders": DEMO_STAKEHOLDERS, "weights": {"source": "hearings"}, **DEMO_RULES},
    )
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
