"""Messages for the documents a city files as they are (採点表 and the like). Merged into `toolbench.base.i18n.MESSAGES`."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "doc.anchor": (
        "Plan {plan_hash}, ledger head #{head_seq} {head_hash}",
        "計画 {plan_hash} ・ 台帳 #{head_seq} {head_hash}",
    ),
    "form.title": ("Scoring sheet — {evaluator}", "採点表（評価者：{evaluator}）"),
    "form.name": ("Sheet {evaluator}", "採点表 {evaluator}"),
    "form.col.criterion": ("Criterion", "評価項目"),
    "form.col.points": ("Points", "配点"),
    "form.col.anchors": ("What the levels mean", "評価の基準"),
    "form.col.remarks": ("Remarks", "所見"),
    "form.anchor.must": ("met / not met", "適 / 否"),
    "form.verdict.pass": ("met", "適"),
    "form.verdict.fail": ("not met", "否"),
    "form.recused": ("recused (conflict of interest)", "除斥（利害関係）"),
    "form.total": ("Points", "得点合計"),
    "form.total_rule": ("points × the level's ratio, summed", "配点 × 水準の比率 の合計"),
    "form.note.levels": (
        "Each cell is this evaluator's level as recorded in the ledger; a blank cell is not yet scored (never counted as 0).",
        "各欄は台帳に記録された当該評価者の水準。空欄は未採点（0 点とはしない）。",
    ),
    "form.signature": (
        "Evaluator's signature: ______________________    Date: ____ / ____ / ______",
        "評価者署名：＿＿＿＿＿＿＿＿＿＿＿＿＿＿　　記入日：令和　　年　　月　　日",
    ),
}
