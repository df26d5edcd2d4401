"""Messages for the terminal matrix of many tools or many evaluators. Merged into `toolbench.base.i18n.MESSAGES`."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "ts.tool": ("Tool", "ツール"),
    "ts.totals": ("Ranks, totals and subtotals", "順位・合計・小計"),
    "ts.part": ("{title}: {part}", "{title}：{part}"),
    "ts.rows_intro": (
        "{count} tools, one row each: ranks, totals and subtotals first, then each group's criteria as columns.",
        "ツール {count} 件を 1 行ずつ示します。はじめに順位・合計・小計、続いて区分ごとに評価項目を列に並べます。",
    ),
    "ts.levels_spread": (
        "Under each figure: the lowest and highest of the levels the {count} evaluators gave "
        "(where the levels are not numbers: each level and how many gave it, as level×count, the most given first); "
        "the level each evaluator gave is in the workbook (`toolbench matrix -o matrix.xlsx`)",
        "各得点の下は評価者 {count} 名が付けた採点水準の最低と最高（数値でない水準は「水準×人数」を人数の多い順に）。"
        "評価者ごとの採点水準は、表計算ファイルに出力すると確認できます。",
    ),
}
