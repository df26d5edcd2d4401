"""Messages for requirement fit tables (機能要件適合表): answers and their verification. Merged into
`toolbench.base.i18n.MESSAGES`. Each pair is (English, Japanese)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "fit.answer.yes": ("○", "○"),
    "fit.answer.partial": ("△", "△"),
    "fit.answer.no": ("×", "×"),
    "fit.answer.na": ("－", "－"),
    "fit.action.accept": ("accept", "承認"),
    "fit.action.downgrade": ("downgrade", "格下げ"),
    "fit.action.query": ("query", "照会"),
    "fit.unknown_tool": (
        "unknown proposer '{tool}'; use one of: {known}",
        "提案者 '{tool}' はありません。次から選んでください: {known}",
    ),
    "fit.unknown_requirement": (
        "requirement {requirement} is not in the plan's list (ids are as the template gives them)",
        "要件 {requirement} は計画の要件一覧にありません（ID は様式のとおりにしてください）",
    ),
    "fit.unknown_requirement_one": (
        "requirement {requirement} is not in the plan's list; `toolbench fit list` shows the ids",
        "要件 {requirement} は計画の要件一覧にありません。ID は `toolbench fit list` で確認できます",
    ),
    "fit.text_changed": (
        "requirement {requirement}: its text was changed in the file; answer the requirement as the template states it",
        "要件 {requirement}: 要件の文言がファイル上で変更されています。様式の文言のまま回答してください",
    ),
    "fit.no_answer": (
        "requirement {requirement}: no answer; write ○, △, × or －",
        "要件 {requirement}: 回答がありません。○、△、×、－ のいずれかを記入してください",
    ),
    "fit.bad_answer": (
        "requirement {requirement}: '{value}' is not an answer; write ○, △, × or －",
        "要件 {requirement}: '{value}' は回答として使えません。○、△、×、－ のいずれかを記入してください",
    ),
    "fit.partial_needs_remark": (
        "requirement {requirement}: △ needs the alternative described in the remarks",
        "要件 {requirement}: △ には代替案（カスタマイズ・将来対応の内容）を備考に記入してください",
    ),
    "fit.reason_required": (
        "requirement {requirement}: the answer changes from {old} to {new} (event {seq}); a changed answer needs --reason",
        "要件 {requirement}: 回答が {old} から {new} に変わります（イベント {seq}）。回答の変更には --reason が必要です",
    ),
    "fit.problems": (
        "{count} answer(s) cannot be recorded; nothing was recorded:",
        "{count} 件の回答を記録できません。何も記録していません:",
    ),
    "fit.bad_action": (
        "'{action}' is not a verification; use accept, downgrade or query",
        "'{action}' は確認の操作として使えません。accept（承認）、downgrade（格下げ）、query（照会）のいずれかにしてください",
    ),
    "fit.verify_reason": ("to {action} an answer needs --reason", "{action}には理由（--reason）が必要です"),
    "fit.not_answered": (
        "{tool} has not answered requirement {requirement}; import its answers first (`toolbench fit import`)",
        "{tool} は要件 {requirement} に回答していません。先に回答を取り込んでください（`toolbench fit import`）",
    ),
    "fit.cannot_downgrade": (
        "{tool} / {requirement}: an answer {answer} cannot be downgraded (only ○ → △, △ → × and － → ×)",
        "{tool} の要件 {requirement}: 回答 {answer} は格下げできません（○ → △、△ → ×、－ → × のみ）",
    ),
    "fit.verified_already": (
        "{tool} / {requirement} is already verified so (event {seq})",
        "{tool} の要件 {requirement} は同じ内容で確認済みです（イベント {seq}）",
    ),
}
