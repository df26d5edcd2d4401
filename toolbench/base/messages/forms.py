"""Messages for the documents a city files as they are (採点表 and the like). Merged into `toolbench.base.i18n.MESSAGES`."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "xlsx.sheet.levels_all": ("Levels by evaluator", "各評価者の水準"),
    "report.col.evaluator": ("Evaluator", "評価者"),
    "doc.anchor": (
        "Plan {plan_hash}, ledger head #{head_seq} {head_hash}",
        "計画 {plan_hash} ・ 台帳 #{head_seq} {head_hash}",
    ),
    "form.title": ("Scoring sheet: {evaluator}", "採点表（評価者：{evaluator}）"),
    "form.name": ("Scoring {evaluator}", "採点表 {evaluator}"),
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
    # --- 作成情報 (provenance): every setting in the reader's language ---------------
    "form.meta.generated": ("Generated", "作成日時"),
    "form.meta.time_zone": ("Times shown in", "時刻の表示"),
    "form.meta.missing.exclude": (
        "a missing score is left out (never counted as 0) and the cell is flagged",
        "未採点は除外（0 点とはせず、欄に表示）",
    ),
    "form.meta.missing.block": (
        "no figures until every evaluator has scored every cell",
        "全評価者の採点がそろうまで集計しない",
    ),
    "form.meta.price.lowest_ratio": (
        "lowest-price ratio (points × lowest price ÷ price)",
        "最低価格比方式（配点 × 最低提案価格 ÷ 提案価格）",
    ),
    "form.meta.price.addition": (
        "addition method (points × (1 - price ÷ ceiling))",
        "加算方式（配分 × （1 - 入札価格 ÷ 予定価格））",
    ),
    "form.meta.price.division": ("division method (technical points ÷ price)", "除算方式（技術点 ÷ 入札価格）"),
    "form.meta.price.ordinal": ("price judged on a scale", "段階評価方式"),
    "form.meta.price.none": ("no price points (the ceiling is checked only)", "価格点なし（上限額の確認のみ）"),
    "form.meta.tax.included": ("prices compared with tax included", "税込価格で比較"),
    "form.meta.tax.excluded": ("prices compared with tax excluded", "税抜価格で比較"),
    "form.meta.price_value": ("{family}; {tax}", "{family}、{tax}"),
    "form.meta.tie.technical": ("technical points", "技術点"),
    "form.meta.tie.price": ("price", "価格"),
    "form.meta.tie.lot": ("lot", "くじ"),
    "form.meta.tie.criterion": ("points on {name}", "{name}の得点"),
    "form.meta.tie.group": ("subtotal of {name}", "{name}の小計"),
    "form.meta.source.fixed": ("points fixed in the plan", "計画に定めた配点"),
    "form.meta.source.hearings": ("points derived from the hearings", "ヒアリング由来の配点"),
    "form.meta.language.ja": ("Japanese", "日本語"),
    "form.meta.language.en": ("English", "英語"),
    "form.blind.note": (
        "While the evaluation is blind, a recusal marks no candidate's column: the recused cells are left blank "
        "here and counted nowhere.",
        "ブラインド評価中は、除斥の対象がどの候補か分からないよう除斥の欄も空欄で示す（集計には含めない）。",
    ),
}
