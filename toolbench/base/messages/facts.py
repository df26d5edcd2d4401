"""Messages for facts: their keys, values and status, plan rules that score them, and the verdicts
they decide. Merged into `toolbench.base.i18n.MESSAGES`. Each pair is (English, Japanese)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- plan ------------------------------------------------------------------------------
    "plan.fact_needs_rule": (
        'a criterion of kind "fact" needs [criteria.fact] with the facts it reads; add facts = [{{ key = "…" }}]',
        'kind = "fact" の評価項目には [criteria.fact]（読み取る事実）が必要です。facts = [{{ key = "…" }}] を追加してください',
    ),
    "plan.fact_only": (
        'fact = {{…}} belongs to a criterion of kind "fact" or "must", not "{kind}"; remove it or change the kind',
        'fact = {{…}} は kind = "fact" または "must" の評価項目にだけ書けます（この項目は "{kind}"）。削除するか kind を変えてください',
    ),
    "plan.fact_duplicate_key": (
        "fact {fact} is named twice in this rule; name each fact once",
        "事実 {fact} がこの規則に 2 回あります。1 回にしてください",
    ),
    "plan.fact_needs_in": (
        "fact {fact} needs in = [...] saying which values hold (one of: {values})",
        "事実 {fact} には、満たす値を in = [...] で指定してください（値: {values}）",
    ),
    "plan.fact_days_only": (
        "at_most / at_least apply to a number of days (ai-retention-days), not to {fact}; remove it",
        "at_most / at_least は日数の事実（ai-retention-days）にだけ使えます（{fact} には使えません）。削除してください",
    ),
    "plan.fact_needs_bound": (
        "fact {fact} is a number of days: say what holds with at_most = … and/or at_least = …",
        "事実 {fact} は日数です。満たす範囲を at_most = … または at_least = … で指定してください",
    ),
    "plan.fact_in_not_for": (
        "in = [...] does not apply to fact {fact} (it holds when true, or by at_most / at_least); remove it",
        "in = [...] は事実 {fact} には使えません（あり／なし、または at_most / at_least で判定します）。削除してください",
    ),
    "plan.fact_bad_value": (
        "'{value}' is not a value of fact {fact}; use one of: {values}",
        "'{value}' は事実 {fact} の値として使えません。次から選んでください: {values}",
    ),
    "plan.fact_points_unused": (
        "points here count only under the per-fact rule (no combinations, not a must-have); remove them",
        "ここでの points は事実ごとの配点（combinations なし、必須要件以外）でだけ使われます。削除してください",
    ),
    "plan.fact_must_no_combinations": (
        'a must-have passes on its facts (require = "all" or "any"), not on combinations; remove combinations',
        '必須要件は事実の充足（require = "all" または "any"）で判定します。combinations を削除してください',
    ),
    "plan.fact_combination_empty": (
        "a combination needs all = [...] or any = [...] naming facts of this rule",
        "組合せには、この規則の事実を all = [...] または any = [...] で指定してください",
    ),
    "plan.fact_unknown_ref": (
        "fact {fact} is not among this rule's facts; use one of: {known}",
        "事実 {fact} はこの規則の facts にありません。次から選んでください: {known}",
    ),
    "plan.fact_needs_points": (
        "without combinations each fact needs its points (points = …)",
        "combinations がない場合は、事実ごとに配点（points = …）が必要です",
    ),
    "plan.fact_best": (
        "the rule gives at most {best} points but the criterion has {points}; make them equal",
        "規則で得られる最高点 {best} 点と評価項目の配点 {points} 点が一致しません。同じにしてください",
    ),
    "plan.evidence_from_needs_evidence": (
        "evidence_from names whose published trial evidence counts, for a criterion taken from trials; "
        'add evidence = "…" or remove it',
        "evidence_from（他団体が公開した試行結果を採用する公開元）は、試行結果から採点する評価項目にだけ書けます。"
        'evidence = "…" を追加するか削除してください',
    ),
    "score.from_facts": (
        "{criterion} is decided by facts, not scored; record them with `toolbench fact add` (scored here: {known})",
        "{criterion} は事実で判定するため採点しません。`toolbench fact add` で事実を記録してください（採点する項目: {known}）",
    ),
    # --- recording ---------------------------------------------------------------------------
    "fact.problems": (
        "{count} fact(s) cannot be recorded{source}; nothing was recorded:",
        "{count} 件の事実を記録できません{source}。何も記録していません:",
    ),
    "fact.unknown_tool": (
        "unknown candidate '{tool}'; use one of: {known}",
        "候補 '{tool}' は計画にありません。次から選んでください: {known}",
    ),
    "fact.twice": (
        "{tool}: fact {fact} is given twice; give each fact once",
        "{tool}: 事実 {fact} が 2 回あります。1 回にしてください",
    ),
    "fact.correction_needs_reason": (
        "{tool}: fact {fact} replaces what event #{seq} recorded as seen on {as_of} (not older); "
        "a correction needs --reason",
        "{tool}: 事実 {fact} は #{seq} の記録（{as_of} 確認）を置き換えます（確認日が新しくありません）。"
        "訂正には理由（--reason）が必要です",
    ),
    "fact.retract_needs_reason": ("withdrawing a fact needs --reason", "事実の取消しには理由（--reason）が必要です"),
    "fact.not_recorded": (
        "{tool} has no fact {fact} recorded; `toolbench fact list` shows what is",
        "{tool} には事実 {fact} が記録されていません。記録済みの事実は `toolbench fact list` で確認できます",
    ),
    # --- the log ------------------------------------------------------------------------------
    "logline.fact": ("{tool}: {fact} {value}, seen {as_of}", "{tool} の {fact} を {value} と記録（{as_of} 確認）"),
    "logline.fact_fixed": (
        "{tool}: {fact} now {value}, seen {as_of}",
        "{tool} の {fact} を {value} に更新（{as_of} 確認）",
    ),
    "logline.fact_expires": (", valid until {expires}", "、有効期限 {expires}"),
    "logline.fact_retracted": ("{tool}: {fact} withdrawn", "{tool} の {fact} の記録を取消し"),
    # --- keys' types and values --------------------------------------------------------------
    "fact.value.true": ("yes", "あり"),
    "fact.value.false": ("no", "なし"),
    "fact.days": ("{days} days", "{days} 日"),
    "fact.type.held": ("true or false (あり / なし)", "あり／なし（true / false）"),
    "fact.type.days": ("a whole number of days, 0 or more", "0 以上の日数（整数）"),
    "fact.type.text": ("text", "文字列"),
    "fact.status.valid": ("valid", "有効"),
    "fact.status.expired": ("expired", "期限切れ"),
    "fact.status.stale": ("too old", "確認が古い"),
    "fact.status.missing": ("not recorded", "未記録"),
    # --- verdicts and findings --------------------------------------------------------------
    "must.stale": ("awaiting a fresh fact", "事実の更新待ち"),
    "must.by.facts": ("decided by facts", "事実により判定"),
    "dq.must_fact_failed": (
        "must-have {criterion} failed on the facts recorded ({facts})",
        "必須要件 {criterion} を記録された事実（{facts}）が満たしていません",
    ),
    "kind.fact": ("fact", "事実"),
    "r.scale.facts": ("decided by facts", "事実で判定"),
    "r.scale.must": ("pass / fail", "適／否"),
}
