"""Messages for the procedure's commands. Merged into `toolbench.base.i18n.MESSAGES`.

Each pair is (English, Japanese). A confirmation names what was recorded and its event
number; a Japanese one names no English word but ids and commands.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- how things are named ----------------------------------------------------------
    "pcli.stage": ("stage '{name}' ({id})", "段階「{name}」（{id}）"),
    "pcli.requirement": ("requirement '{name}' ({id})", "要件「{name}」（{id}）"),
    "pcli.named": ("{name} ({id})", "{name}（{id}）"),
    "pcli.none": ("none", "なし"),
    "pcli.list_sep": (", ", "、"),
    "pcli.verdict.pass": ("pass", "適"),
    "pcli.verdict.fail": ("fail", "否"),
    "pcli.status.waiting": ("not yet open", "未開始"),
    "pcli.status.open": ("open", "実施中"),
    "pcli.status.closed": ("closed", "終了"),
    "pcli.kind.qualification": ("pass or fail", "適否の判定"),
    "pcli.kind.scored": ("scored", "採点"),
    "pcli.draw.order": ("the presentation order of {name}", "{name}の発表順"),
    "pcli.draw.tie": ("the tie at the shortlist edge of {name}", "{name}の選定の境界での同点"),
    "pcli.draw.tie_final": ("the tie in the final ranking", "最終順位の同点"),
    "pcli.draw": ("draw {id} ({what})", "くじ {id}（{what}）"),
    # --- stages -----------------------------------------------------------------------
    "pcli.stage_opened": (
        "opened {stage} (event {seq}); taking part: {tools}",
        "{stage}を開始しました（イベント {seq}）。対象: {tools}",
    ),
    "pcli.qualification_closed": (
        "closed {stage} (event {seq}); qualified: {passed}; not qualified: {failed}",
        "{stage}を終了しました（イベント {seq}）。適: {passed}。否: {failed}",
    ),
    "pcli.stage_closed": (
        "closed {stage} (event {seq}); going on to the next stage: {tools}",
        "{stage}を終了しました（イベント {seq}）。次の段階に進む提案者: {tools}",
    ),
    "pcli.last_stage_closed": (
        "closed {stage} (event {seq}); finalists: {tools}; next, record the decision with `toolbench decide`",
        "{stage}を終了しました（イベント {seq}）。順位付けの対象: {tools}。次は `toolbench decide` で決定を記録します",
    ),
    "pcli.closed_incomplete": (
        "; closed with {count} score(s) missing, which every document states with the reason",
        "。未採点 {count} 件のまま終了しました（理由は全文書に記載されます）",
    ),
    "pcli.stage_reopened": (
        "reopened {stage} (event {seq}); reason: {reason}",
        "{stage}を再開しました（イベント {seq}）。理由: {reason}",
    ),
    "pcli.stage_line": (
        "{mark} {id}  {name} ({kind}): {status}, {who}",
        "{mark} {id}  {name}（{kind}）: {status}、{who}",
    ),
    "pcli.stage_taking_part": ("{count} taking part", "対象 {count} 者"),
    "pcli.stage_not_known": ("taking part not yet known", "対象は未確定"),
    "pcli.no_stages": (
        "this plan has no stages; add [[stages]] to the plan to run a staged procedure",
        "この計画には段階がありません。段階を踏む手続には計画に [[stages]] を加えてください",
    ),
    # --- qualification, attendance, withdrawal ------------------------------------------
    "pcli.judged": (
        "recorded {tool}, {requirement}: {verdict} (event {seq}); evidence: {evidence}",
        "{tool}の{requirement}を「{verdict}」と記録しました（イベント {seq}）。根拠: {evidence}",
    ),
    "pcli.judged_changed": (
        "recorded {tool}, {requirement}: {verdict} (event {seq}), replacing event {old}; evidence: {evidence}",
        "{tool}の{requirement}を「{verdict}」に改めました（イベント {seq}、イベント {old} を訂正）。根拠: {evidence}",
    ),
    "pcli.judged_same": (
        "{tool}, {requirement} is already recorded as {verdict} with this evidence; nothing recorded",
        "{tool}の{requirement}は同じ根拠で「{verdict}」と記録済みです。何も記録していません",
    ),
    "pcli.attended_meeting": (
        "recorded who attended the committee meeting of {stage} (event {seq}): present {present}; absent {absent}",
        "{stage}の委員会の出席を記録しました（イベント {seq}）。出席: {present}。欠席: {absent}",
    ),
    "pcli.attended_tool": (
        "recorded who attended {tool}'s presentation in {stage} (event {seq}): present {present}; absent {absent}",
        "{stage}の{tool}のプレゼンテーションの出席を記録しました（イベント {seq}）。出席: {present}。欠席: {absent}",
    ),
    "pcli.withdrew": (
        "recorded the withdrawal of {tool}, received {date} (event {seq}); reason: {reason}",
        "{tool}の辞退を記録しました（イベント {seq}）。受付日: {date}。理由: {reason}",
    ),
    "pcli.withdrew_stage": (
        "recorded the withdrawal of {tool} in {stage}, received {date} (event {seq}); reason: {reason}",
        "{stage}での{tool}の辞退を記録しました（イベント {seq}）。受付日: {date}。理由: {reason}",
    ),
    # --- draws by lot -----------------------------------------------------------------
    "pcli.draw_committed": (
        "committed {draw} (event {seq}) among {tools}; reveal it with `toolbench draw reveal {id} --witness …`",
        "{draw}のコミットメントを記録しました（イベント {seq}）。対象: {tools}。"
        "開示は `toolbench draw reveal {id} --witness …` で行います",
    ),
    "pcli.draw_commitment": (
        "commitment (SHA-256 of the secret seed): {commitment}",
        "コミットメント（秘密のシードの SHA-256）: {commitment}",
    ),
    "pcli.draw_revealed": (
        "revealed {draw} (event {seq}), witness value {witness}: {order}",
        "{draw}を開示しました（イベント {seq}、立会人の値 {witness}）。結果: {order}",
    ),
    "pcli.draw_revealed_plain": (
        "revealed {draw} (event {seq}), without a witness value: {order}",
        "{draw}を開示しました（イベント {seq}、立会人の値なし）。結果: {order}",
    ),
    "pcli.place": ("{place}. {tool}", "{place}番 {tool}"),
    # --- the decision -----------------------------------------------------------------
    "pcli.decided": (
        "recorded the decision (event {seq}): preferred {preferred}; runner-up {runner_up}; negotiation order {order}",
        "決定を記録しました（イベント {seq}）。最優秀提案者: {preferred}。次点: {runner_up}。交渉順位: {order}",
    ),
    "pcli.decided_override": (
        "; it departs from the rules, and every document discloses the reason: {reason}",
        "。規則と異なる決定で、理由は全文書に記載されます: {reason}",
    ),
    "pcli.negotiated_agreed": (
        "recorded the negotiation with {tool}: agreed (event {seq})",
        "{tool}との交渉を「合意」と記録しました（イベント {seq}）",
    ),
    "pcli.negotiated_failed": (
        "recorded the negotiation with {tool}: failed (event {seq}); next in the order: {next}",
        "{tool}との交渉を「不調」と記録しました（イベント {seq}）。次の交渉相手: {next}",
    ),
    "pcli.reviewed": (
        "recorded the committee's review (event {seq})",
        "委員会の講評を記録しました（イベント {seq}）",
    ),
    "pcli.reviewed_tool": (
        "recorded the committee's review of {tool} (event {seq})",
        "{tool}についての委員会の講評を記録しました（イベント {seq}）",
    ),
    # --- documents --------------------------------------------------------------------
    "pcli.notices_written": (
        "wrote {count} notice file(s) to {path}:",
        "{path} に審査結果通知書のファイル {count} 件を書き出しました:",
    ),
    "pcli.document_options": (
        "--format, -o and --encoding go after the subcommand: `toolbench procedure {sub} -o FILE`",
        "--format、-o、--encoding はサブコマンドの後に書きます: `toolbench procedure {sub} -o FILE`",
    ),
}
