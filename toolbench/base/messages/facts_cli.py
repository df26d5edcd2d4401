"""Messages for the fact commands (toolbench fact …) and the facts `catalog show` prints. Merged into
`toolbench.base.i18n.MESSAGES`. Each pair is (English, Japanese).

A confirmation names the candidate by its name (its label while blind), the fact by its key's
name and the value in words, and the event that recorded it.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- what people type ---------------------------------------------------------------------
    "factcli.bad_value": (
        "'{value}' is not a value of {fact}; write {accepted}",
        "'{value}' は「{fact}」の値として使えません。{accepted} のいずれかで書いてください",
    ),
    "factcli.bad_date": ("{option}: {problem}", "{option}: {problem}"),
    "factcli.blank": ("{option} must not be empty", "{option} を空にはできません"),
    "factcli.too_long": (
        "{option} is longer than {limit} characters; shorten it",
        "{option} が {limit} 文字を超えています。短くしてください",
    ),
    "factcli.free_key": (
        "note: '{name}' is not a known fact, so it is recorded as a free fact with a text value "
        "(`toolbench fact keys` lists the known ones)",
        "注意: '{name}' は既知の事実ではないため、値を文字列とする自由記述の事実として扱います"
        "（既知の事実は `toolbench fact keys` で確認できます）",
    ),
    "factcli.did_you_mean": (
        "note: did you mean {known} ({name})? Record it under that key to have it scored",
        "注意: {known}（{name}）のことですか？ 採点に使うにはそのキーで記録してください",
    ),
    "factcli.expired_when_seen": (
        "note: this fact had already expired on {expires}, before the day it was seen",
        "注意: この事実は確認日より前の {expires} に有効期限が切れています",
    ),
    "factcli.future": (
        "--as-of: {date} is after today ({today}); give the date the source was seen",
        "--as-of: {date} は今日（{today}）より後の日付です。出典を確認した日を指定してください",
    ),
    # --- confirmations -----------------------------------------------------------------------
    "factcli.recorded": (
        "recorded for {tool}: {fact}: {value}{number}, seen {as_of}{expires} (event {seq}){more}",
        "{tool} の事実を記録しました: {fact}: {value}{number}（{as_of} 確認{expires}、イベント {seq}）{more}",
    ),
    "factcli.number": (" (no. {number})", "（番号 {number}）"),
    "factcli.expires": (", valid until {date}", "、{date} まで有効"),
    "factcli.replaces": ("; it replaces event {seq}", "。イベント {seq} の記録を更新しました"),
    "factcli.corrects": (
        "; it corrects event {seq}, reason: {reason}",
        "。イベント {seq} の記録を訂正しました。理由: {reason}",
    ),
    "factcli.unchanged": (
        "{tool}: {fact} is recorded already as given (event {seq}); nothing recorded",
        "{tool} の「{fact}」は同じ内容で記録済みです（イベント {seq}）。何も記録していません",
    ),
    "factcli.retracted": (
        "withdrew {tool}'s {fact} recorded by event {old} (event {seq}); reason: {reason}",
        "{tool} の「{fact}」（イベント {old} の記録）を取り消しました（イベント {seq}）。理由: {reason}",
    ),
    "factcli.problems": (
        "{count} facts cannot be recorded; nothing was recorded:",
        "{count} 件の事実を記録できません。何も記録していません:",
    ),
    # --- taking the catalog's facts ----------------------------------------------------------
    "factcli.take_whom": (
        "name the candidates whose catalog facts to record, or give --all",
        "カタログの事実を記録する候補を指定するか、--all を付けてください",
    ),
    "factcli.take_both": (
        "name candidates or give --all, not both",
        "候補の指定と --all は同時には使えません",
    ),
    "factcli.no_entry": (
        "the catalog has no entry for {tool} (its id must be the candidate's id, {id}); "
        "`toolbench catalog list` shows the entries",
        "カタログに {tool} の項目がありません（項目の ID が候補の ID {id} と同じである必要があります）。"
        "項目は `toolbench catalog list` で確認できます",
    ),
    "factcli.no_entry_blind": (
        "the catalog has no entry for {tool}",
        "カタログに {tool} の項目がありません",
    ),
    "factcli.taken": (
        "recorded {count} fact(s) from the catalog for {tools} candidate(s) (events {seqs}):",
        "カタログの事実 {count} 件を候補 {tools} 者について記録しました（イベント {seqs}）:",
    ),
    "factcli.take_dry_run": (
        "would record {count} fact(s) from the catalog for {tools} candidate(s); nothing recorded (--dry-run):",
        "カタログの事実 {count} 件を候補 {tools} 者について記録します（--dry-run のため何も記録していません）:",
    ),
    "factcli.take_nothing": (
        "nothing to record: the catalog's facts for these candidates are recorded already",
        "記録する事実はありません。これらの候補のカタログの事実は記録済みです",
    ),
    "factcli.take_line": ("  {tool}: {facts}", "  {tool}: {facts}"),
    "factcli.take_kept": (
        "kept as recorded, the ledger's fact being seen on the same day as the catalog's or later: {facts}",
        "記録済みの事実の確認日がカタログと同じか新しいため、記録済みのままにしました: {facts}",
    ),
    "factcli.take_no_entries": (
        "no catalog entry for: {tools}",
        "カタログに項目がない候補: {tools}",
    ),
    "factcli.seq_range": ("{first}-{last}", "{first}～{last}"),
    # --- the list ----------------------------------------------------------------------------
    "factcli.list_title": ("Facts on {date}", "事実の一覧（{date} 時点）"),
    "factcli.on.option": ("Judged on {date} (--on).", "判定日: {date}（--on で指定）。"),
    "factcli.on.plan": ("Judged on {date}, the plan's facts date.", "判定日: {date}（計画で定めた基準日）。"),
    "factcli.on.today": ("Judged on {date}, today.", "判定日: {date}（今日）。"),
    "factcli.documents_day": (
        "The matrix and the documents judge facts on {date}, the day the last score or fact was recorded "
        "(set [facts] date in the plan to fix the day, e.g. the proposals' deadline).",
        "行列と報告書は、最後に採点・事実を記録した日（{date}）の時点で事実を判定します"
        "（判定日を固定するには計画の [facts] date に提案書の提出期限などを書いてください）。",
    ),
    "factcli.max_age": (
        "A fact seen more than {days} days before that date is too old.",
        "確認からその日まで {days} 日を超えた事実は「確認が古い」とします。",
    ),
    "factcli.no_max_age": (
        "No maximum age is set ([facts] max_age_days), so no fact is too old.",
        "確認からの経過日数に上限を定めていないため、「確認が古い」事実はありません。",
    ),
    "factcli.blind_note": (
        "Candidates are shown by their labels; sources, numbers and details are withheld while blind.",
        "匿名化中のため、候補は記号で示し、出典・番号・詳細は表示しません。",
    ),
    "factcli.none_recorded": ("No fact is recorded.", "記録された事実はありません。"),
    "factcli.recorded_section": ("Recorded facts", "記録された事実"),
    "factcli.catalog_section": (
        "In the catalog, not taken (`toolbench fact take` records them)",
        "カタログにあって記録していない事実（`toolbench fact take` で記録できます）",
    ),
    "factcli.unreadable": (
        "Events {seqs} hold facts that cannot be read; they are left out.",
        "イベント {seqs} の事実は読み取れないため除いています。",
    ),
    "factcli.col.ref": ("#", "#"),
    "factcli.col.tool": ("Candidate", "候補"),
    "factcli.col.fact": ("Fact", "事実"),
    "factcli.col.key": ("Key", "キー"),
    "factcli.col.name": ("Name", "名称"),
    "factcli.col.value": ("Value", "値"),
    "factcli.col.values": ("Values", "値"),
    "factcli.col.number": ("Number", "番号"),
    "factcli.col.detail": ("Detail", "詳細"),
    "factcli.col.source": ("Source", "出典"),
    "factcli.col.page": ("Where in it", "該当箇所"),
    "factcli.col.as_of": ("Seen", "確認日"),
    "factcli.col.expires": ("Valid until", "有効期限"),
    "factcli.col.status": ("Status", "状態"),
    "factcli.col.actor": ("Recorded by", "記録者"),
    "factcli.col.event": ("Event", "イベント"),
    "factcli.col.origin": ("From", "取得元"),
    "factcli.col.reason": ("Reason", "理由"),
    "factcli.col.against": ("Ledger", "記録との関係"),
    "factcli.col.catalog": ("Catalog file", "カタログ"),
    "factcli.col.needed_by": ("Needed by", "必要とする評価項目"),
    "factcli.col.age": ("Days since seen", "経過日数"),
    "factcli.col.left": ("Days left", "残り日数"),
    "factcli.until": ("until {date}", "{date} まで"),
    "factcli.typed": ("typed in", "手入力"),
    "factcli.from_catalog": ("catalog {file}", "カタログ {file}"),
    "factcli.from_registry": ("registry list {file}", "公開リスト {file}"),
    "factcli.not_recorded": ("not recorded", "未記録"),
    "factcli.differs": ("differs from event {seq}", "イベント {seq} の記録と異なる"),
    "factcli.withheld": ("withheld while blind", "匿名化中は非表示"),
    "factcli.note": ("#{seq} {parts}", "#{seq}　{parts}"),
    "factcli.catalog_note": ("{tool}, {fact}: {parts}", "{tool}・{fact}: {parts}"),
    "factcli.join": ("; ", "。"),
    "factcli.part.seen": ("seen {date}", "{date} 確認"),
    "factcli.part.number": ("no. {number}", "番号 {number}"),
    "factcli.part.source": ("source {source}", "出典 {source}"),
    "factcli.part.source_at": ("source {source}, at {page}", "出典 {source}（該当箇所 {page}）"),
    "factcli.part.by": ("recorded by {actor}", "記録者 {actor}"),
    "factcli.part.from": ("from {origin}", "取得元 {origin}"),
    "factcli.part.reason": ("reason: {reason}", "理由: {reason}"),
    "factcli.part.status": ("status on the date: {status}", "判定日の状態: {status}"),
    "factcli.part.withheld": ("source withheld while blind", "出典は匿名化中は非表示"),
    # --- the check ---------------------------------------------------------------------------
    "factcli.check_title": ("Facts needing attention on {date}", "確認が必要な事実（{date} 時点）"),
    "factcli.check_clear": (
        "Nothing needs attention: no fact is expired, too old or missing.",
        "確認が必要な事実はありません。期限切れ、確認が古い事実、未記録の事実はありません。",
    ),
    "factcli.check_summary": (
        "Needs attention: {expired} expired, {stale} too old, {missing} missing.",
        "確認が必要: 期限切れ {expired} 件、確認が古い {stale} 件、未記録 {missing} 件。",
    ),
    "factcli.check_soon": (
        "{count} fact(s) expire within {days} days.",
        "{days} 日以内に期限を迎える事実が {count} 件あります。",
    ),
    "factcli.check_withdrawn": (
        "Not checked, having withdrawn: {tools}.",
        "辞退したため確認していない候補: {tools}。",
    ),
    "factcli.section.expired": ("Expired: renew or replace", "期限切れ（更新または差替えが必要）"),
    "factcli.section.stale": ("Too old: see the source again", "確認が古い（出典の再確認が必要）"),
    "factcli.section.missing": ("Not recorded, but the plan needs them", "未記録（計画の評価に必要）"),
    "factcli.section.soon": ("Expiring within {days} days", "{days} 日以内に期限を迎える事実"),
    "factcli.days": ("{days}", "{days} 日"),
    # --- the known keys ----------------------------------------------------------------------
    "factcli.keys_title": ("Known facts", "既知の事実"),
    "factcli.aliases": ("also: {aliases}", "別名: {aliases}"),
    "factcli.choice": ("{value} ({label})", "{value}（{label}）"),
    "factcli.keys_note_held": (
        'In a plan: [criteria.fact] facts = [{{ key = "ismap" }}] holds when the fact is true.',
        '計画では [criteria.fact] の facts = [{{ key = "ismap" }}] のように書き、値が「あり」のとき満たします。',
    ),
    "factcli.keys_note_choice": (
        'A choice names the values that hold: {{ key = "data-location", in = ["japan"] }}.',
        '選択の値は満たす値を in で示します: {{ key = "data-location", in = ["japan"] }}。',
    ),
    "factcli.keys_note_days": (
        'Days give a range: {{ key = "ai-retention-days", at_most = 30 }} (and/or at_least).',
        '日数は範囲で示します: {{ key = "ai-retention-days", at_most = 30 }}（at_least も使えます）。',
    ),
    "factcli.keys_note_free": (
        "Any other key is a free fact with a text value, written as it is.",
        "そのほかのキーは自由記述の事実で、値は書かれたとおりの文字列です。",
    ),
    # --- catalog show ------------------------------------------------------------------------
    "factcli.catalog_fact": ("  {fact}: {value}{number}", "  {fact}: {value}{number}"),
    "factcli.catalog_fact_source": (
        "    source {source}{page}; seen {as_of}{expires}",
        "    出典 {source}{page}、{as_of} 確認{expires}",
    ),
    "factcli.catalog_page": (", at {page}", "（該当箇所 {page}）"),
    "factcli.catalog_detail": ("    {detail}", "    {detail}"),
    # --- catalog export ----------------------------------------------------------------------
    "factcli.export_skipped": (
        "note: {tools}: recorded facts not exported, there being no catalog entry and no category "
        "([rubric] category) to make one",
        "注意: {tools}: カタログに項目がなく、項目を作る分類（[rubric] category）もないため、記録した事実を書き出していません",
    ),
}
