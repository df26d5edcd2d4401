"""Messages for conflicts of interest, locking, blind scoring and sealed prices. Merged into `_i18n.MESSAGES`."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "coi.role.vendor": ("its vendor", "提案者（販売元）"),
    "coi.role.maker": ("its maker", "開発元"),
    "coi.role.reseller": ("a reseller of it", "販売代理店"),
    "m.recused": (
        "Recused: {evaluator} does not score {tool}: {company} is {role} (affiliation in the plan).",
        "除斥: {evaluator} は {tool} を採点しない（所属する {company} が{role}のため。計画の所属による）。",
    ),
    "m.recused_declared": (
        "Recused: {evaluator} does not score {tool}: declared relationship with {company}, {role} (event {seq}) {note}",
        "除斥: {evaluator} は {tool} を採点しない（{company}（{role}）との関係を申告、イベント {seq}）{note}",
    ),
    "m.recused_tool": (
        "Recused: {evaluator} does not score {tool}: declared conflict (event {seq}) {note}",
        "除斥: {evaluator} は {tool} を採点しない（利害関係を申告、イベント {seq}）{note}",
    ),
    "m.recused_score": (
        "Recorded despite recusal, not counted: {evaluator} gave {tool} {criterion}={level} (event {seq}).",
        "除斥にもかかわらず記録（集計には含めない）: {evaluator} による {tool} の {criterion}={level}（イベント {seq}）。",
    ),
    "m.without": (
        "Shown WITHOUT {evaluators}: their scores are left out of every figure on request.",
        "{evaluators} を除いて表示: 指定によりこの評価者の採点をすべての数値から除外しています。",
    ),
}
