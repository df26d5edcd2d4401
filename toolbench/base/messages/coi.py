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
    "m.recused_blind": (
        "Recused: {evaluator} does not score {tool} (a registered or declared relationship; named after unblinding).",
        "除斥: {evaluator} は {tool} を採点しない（登録または申告された利害関係。内容は匿名化解除後に表示）。",
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
MESSAGES.update(
    {
        "coi.why.company": ("{company} is {role}", "{company} が{role}"),
        "coi.why.blind": ("a declared or registered relationship", "申告または登録された利害関係"),
        "coi.why.tool": ("declared conflict (event {seq})", "利害関係の申告（イベント {seq}）"),
        "score.recused": (
            "{evaluator} is recused from {tool} ({why}); their scores are not counted. To keep a score on record "
            "anyway (disclosed, never counted), add --record-anyway",
            "{evaluator} は {tool} の採点から除斥されています（{why}）。採点は集計されません。"
            "それでも記録に残す場合（開示し、集計はしない）は --record-anyway を付けてください",
        ),
        "score.not_locked": (
            "the plan requires the criteria, points and rules to be locked before scoring; run `toolbench lock` first",
            "この計画では採点前に評価項目・配点・規則の確定（ロック）が必要です。先に `toolbench lock` を実行してください",
        ),
        "score.scores_locked": (
            "{tool} {criterion}: the technical scores were locked (event {seq}); they can no longer change",
            "{tool} の {criterion}: 技術点は確定済みです（イベント {seq}）。変更できません",
        ),
        "coi.company_or_tool": (
            "declare either --company NAME (an organisation the evaluator is related to) or --tool ID, not both",
            "--company 名称（評価者が関係する組織）または --tool ID のどちらか一方を指定してください",
        ),
        "coi.company_empty": (
            "'{company}' is only a legal form; give the company's name (e.g. 株式会社ひかり情報システム)",
            "'{company}' は法人格だけです。会社名を指定してください（例: 株式会社ひかり情報システム）",
        ),
        "score.price_sealed": (
            "{tool} {criterion}: prices are sealed until the technical scores are locked (two envelopes); "
            "judge price after `toolbench lock --scores`",
            "{tool} の {criterion}: 技術点の確定まで価格は封緘しています（二封筒方式）。"
            "`toolbench lock --scores` の後に価格を評価してください",
        ),
        "coi.declared": ("recorded: {evaluator} ({what})", "記録しました: {evaluator}（{what}）"),
        "coi.unchanged": ("that declaration is already recorded", "その申告は記録済みです"),
        "coi.none": ("no conflicts of interest found or declared", "利害関係（除斥）はありません"),
        "lock.reason_required": (
            '{parts} changed since the lock (event {seq}); re-locking needs --reason "…"',
            'ロック（イベント {seq}）以降に {parts} が変わっています。再ロックには --reason "理由" が必要です',
        ),
        "lock.recorded": (
            "locked the criteria, points and rules (event {seq})",
            "評価項目・配点・規則をロックしました（イベント {seq}）",
        ),
        "lock.unchanged": (
            "already locked and nothing changed since (event {seq})",
            "ロック済みで、その後の変更はありません（イベント {seq}）",
        ),
        "lock.scores_recorded": (
            "locked the technical scores (event {seq}); sealed prices, if any, are now open",
            "技術点を確定しました（イベント {seq}）。封緘した価格があれば開封されます",
        ),
        "lock.scores_unchanged": (
            "the technical scores are already locked (event {seq})",
            "技術点は確定済みです（イベント {seq}）",
        ),
        "blind.already": (
            "blind labels are already assigned; `toolbench unblind` first",
            "既に匿名ラベルが割り当てられています。先に `toolbench unblind` を実行してください",
        ),
        "blind.not_active": ("blind mode is not active", "匿名化は行われていません"),
        "blind.file_missing": (
            "blind mode is active but {path} (the sealed mapping) is missing; restore it from a backup",
            "匿名化中ですが {path}（封緘した対応表）がありません。バックアップから復元してください",
        ),
        "blind.file_mismatch": (
            "{path} does not match the commitment recorded in the ledger; it was edited or comes from another evaluation",
            "{path} が台帳に記録したコミットメントと一致しません。編集されたか、別の評価のものです",
        ),
        "blind.assigned": (
            "tools are now shown as labels; commitment {commitment} recorded (event {seq})",
            "ツールを匿名ラベルで表示します。コミットメント {commitment} を記録しました（イベント {seq}）",
        ),
        "blind.revealed": (
            "revealed the mapping (event {seq}); it reproduces the commitment: {mapping}",
            "対応表を公開しました（イベント {seq}）。コミットメントと一致しています: {mapping}",
        ),
        "blind.label": ("Candidate {letter}", "候補{letter}"),
        "m.lock_changed": (
            "WARNING: {parts} changed since the lock of {date} (event {seq}); these figures are not under the locked "
            "rules until the plan is locked again with a reason (`toolbench lock --reason …`).",
            "警告: {date} のロック（イベント {seq}）以降に {parts} が変更されています。"
            "理由を付けて再ロックする（`toolbench lock --reason …`）まで、この数値はロックした規則によるものではありません。",
        ),
        "m.locked": (
            "Criteria, points and rules locked on {date} (event {seq}).",
            "評価項目・配点・規則は {date} にロック済み（イベント {seq}）。",
        ),
        "m.not_locked": (
            "WARNING: the plan requires a lock and none is recorded; run `toolbench lock`.",
            "警告: この計画ではロックが必要ですが、記録されていません。`toolbench lock` を実行してください。",
        ),
        "m.sealed": (
            "Prices are sealed (two envelopes) until the technical scores are locked (`toolbench lock --scores`).",
            "価格は技術点の確定（採点のロック）まで封緘しています（二封筒方式）。",
        ),
        "m.scores_locked": (
            "Technical scores locked on {date} (event {seq}).",
            "技術点は {date} に確定（イベント {seq}）。",
        ),
        "m.blind": (
            "Blind evaluation: tools are shown as labels until `toolbench unblind` (commitment {commitment}).",
            "匿名評価: 匿名を解除するまではツールを匿名ラベルで表示しています（コミットメント {commitment}）。",
        ),
        "m.sealed_cell": ("sealed", "封緘中"),
        "lock.part.criteria": ("criteria", "評価項目"),
        "lock.part.points": ("points", "配点"),
        "lock.part.rules": ("rules", "規則"),
    }
)
