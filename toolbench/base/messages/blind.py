"""Messages for blind. Merged into `toolbench.base.i18n.MESSAGES`."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # the same words whatever was typed: a refusal must not tell a tool's id from a typo
    "blind.label_only": (
        "while the evaluation is blind, a candidate is named by its label only: {labels}",
        "匿名評価中は候補を匿名ラベルでのみ指定できます: {labels}",
    ),
    "blind.a_candidate": ("one of the candidates", "いずれかの候補"),
    "blind.recused": (
        "Recused: {evaluator} does not score one of the candidates (a registered or declared relationship; "
        "which one and why are named after unblinding).",
        "除斥: {evaluator} はいずれかの候補を採点しない（登録または申告された利害関係。"
        "対象と内容は匿名化解除後に表示）。",
    ),
    "blind.prices_sealed": (
        "Prices are sealed while the evaluation is blind (a bid would tell which tool a label is); "
        "they open at `toolbench unblind`.",
        "匿名評価中は価格を封緘しています（提案価格から候補を特定できるため）。匿名を解除した時に開封します。",
    ),
    "blind.withheld": ("(withheld while blind)", "（匿名評価中は非表示）"),
    "blind.log_note": (
        "Blind evaluation: tools are shown as labels; what a conflict declaration names (company, tool, note), "
        "event hashes and sub-second times are withheld until `toolbench unblind` (they would tell which tool a "
        "label is).",
        "匿名評価中: ツールは匿名ラベルで表示し、利害関係の申告の対象（会社・ツール・注記）、イベントのハッシュ値、"
        "秒未満の時刻は `toolbench unblind` まで伏せています（候補を特定できるため）。",
    ),
    "blind.left_evaluator": (
        "Left out: {evaluator}, recused from one of the candidates; an evaluator cannot rank a tool they may not score.",
        "対象外: {evaluator}（いずれかの候補から除斥。採点できない候補は順位付けできないため）。",
    ),
    "blind.left_tool": (
        "Left out: {tool}, not scored by every evaluator compared (details withheld while the evaluation is blind).",
        "対象外: {tool}（比較するすべての評価者が採点してはいない。匿名評価中のため詳細は伏せる）。",
    ),
    "blind.robustness_sealed": (
        "prices are sealed while the evaluation is blind, so no total can be compared yet; "
        "run this after `toolbench unblind`",
        "匿名評価中は価格を封緘しているため、まだ総合点を比較できません。`toolbench unblind` の後に実行してください",
    ),
}
