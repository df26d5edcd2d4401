"""Messages for requirement fit tables: the commands, template and import. Merged into
`toolbench.base.i18n.MESSAGES`. Each pair is (English, Japanese).

`fsheet.` keys belong to the table as a file (`toolbench.workspace.fit_sheet`), `fcli.` keys
to the `toolbench fit` commands. A confirmation names what was recorded and its event numbers.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the template ------------------------------------------------------------------------
    "fsheet.title": ("Requirement fit table: {title}", "機能要件適合表　{title}"),
    "fsheet.label.vendor": ("Proposer", "提案者"),
    "fsheet.label.product": ("Product", "製品名"),
    "fsheet.label.tool": ("Proposer ID", "提案者ID"),
    "fsheet.label.kind": ("Form", "様式"),
    "fsheet.label.plan": ("Plan hash", "計画ハッシュ"),
    "fsheet.label.generated": ("Generated (UTC)", "作成日時 (UTC)"),
    "fsheet.label.tab": ("Fit table", "適合表"),
    "fsheet.col.id": ("Requirement ID", "要件ID"),
    "fsheet.col.category": ("Category", "区分"),
    "fsheet.col.text": ("Requirement", "要件"),
    "fsheet.col.priority": ("Priority", "優先度"),
    "fsheet.col.answer": ("Answer", "回答"),
    "fsheet.col.remarks": ("Remarks", "備考"),
    "fsheet.how": (
        "How to answer: write one of these in the Answer column of every requirement (the cell offers a list).\n"
        "{yes}  the product does it as standard\n"
        "{partial}  by an alternative, a customisation or a later release: describe which, and when, in Remarks\n"
        "{no}  it cannot be done\n"
        "{na}  the requirement does not apply\n"
        "Leave the other columns and the lines above the table as they are: the file is read back as written.",
        "記入方法: すべての要件の「回答」欄に次のいずれかを記入してください（欄の一覧から選べます）。\n"
        "{yes}　標準機能で対応できる\n"
        "{partial}　代替案、カスタマイズまたは今後の版で対応する（どの方法で、いつ対応するかを「備考」欄に記入してください）\n"
        "{no}　対応できない\n"
        "{na}　該当しない\n"
        "回答欄と備考欄以外の欄、および表の上の記載は変更しないでください。記入されたとおりに読み込みます。",
    ),
    # --- reading a filled-in table -----------------------------------------------------------
    "fsheet.no_requirements": (
        "the plan has no requirement list; add [[requirements]] (or [fit] file) and a criterion of kind fit to "
        "toolbench.toml",
        "計画に要件一覧がありません。toolbench.toml に [[requirements]]（または [fit] file）と kind = fit の評価項目を"
        "追加してください",
    ),
    "fsheet.bad_suffix": (
        "{file}: a fit table is read from .xlsx or .csv; save it as one of them",
        "{file}: 適合表は .xlsx または .csv から読み込みます。どちらかの形式で保存してください",
    ),
    "fsheet.encoding": (
        "{file}: the text is neither UTF-8 nor CP932; save it from Excel as CSV (UTF-8) or as .xlsx",
        "{file}: 文字コードが UTF-8 でも CP932 でもありません。Excel で CSV（UTF-8）または .xlsx として保存してください",
    ),
    "fsheet.unreadable": (
        "{file}: cannot be read ({reason}); check the file, or ask the proposer to send it again",
        "{file}: 読み込めません（{reason}）。ファイルを確認するか、提案者に再送を依頼してください",
    ),
    "fsheet.not_a_table": (
        "{file}: not a toolbench requirement fit table ({detail}); write one with `toolbench fit template`",
        "{file}: toolbench の機能要件適合表ではありません（{detail}）。`toolbench fit template` で様式を書き出してください",
    ),
    "fsheet.detail.marker": (
        "no cell beside '{label}' reads {marker}",
        "「{label}」の右のセルが {marker} ではありません",
    ),
    "fsheet.detail.header": ("no row is headed '{label}'", "「{label}」の見出し行がありません"),
    "fsheet.detail.score_sheet": (
        "it is a score sheet; use `toolbench sheet import`",
        "採点表です。`toolbench sheet import` を使ってください",
    ),
    "fsheet.problem": (
        "{file} ({tool}): {problem}; nothing was recorded",
        "{file}（{tool}）: {problem}。何も記録していません",
    ),
    "fsheet.problems": (
        "{file} ({tool}): {count} problem(s), nothing was recorded:\n{problems}",
        "{file}（{tool}）: {count} 件の問題があるため、何も記録していません:\n{problems}",
    ),
    "fsheet.at_cell": (
        "row {row}, column {column} ({heading}): {problem}",
        "{row} 行目 {column} 列（{heading}）: {problem}",
    ),
    "fsheet.at_column": ("column {column} ({heading}): {problem}", "{column} 列（{heading}）: {problem}"),
    "fsheet.line": ("  {line}", "  {line}"),
    "fsheet.more": ("  … and {count} more", "  … ほか {count} 件"),
    "fsheet.no_column": (
        "the header row has no '{label}' column; restore it, or write a new template",
        "見出し行に「{label}」列がありません。元に戻すか、様式を書き出し直してください",
    ),
    "fsheet.no_proposer": (
        "no proposer id above the table (beside '{label}'); use the template as `toolbench fit template` wrote it",
        "表の上に提案者ID（「{label}」の右）がありません。`toolbench fit template` で書き出した様式を使ってください",
    ),
    "fsheet.other_proposer": (
        "this file is {name} ({found})'s, not {expected}'s; import it for {found}, or send {expected} its own template",
        "このファイルは {name}（{found}）の適合表で、{expected} のものではありません。{found} の回答として取り込むか、"
        "{expected} に専用の様式を送ってください",
    ),
    "fsheet.no_id": (
        "a row without a requirement id; write the id back as the template had it",
        "要件ID のない行です。様式のとおりに要件ID を戻してください",
    ),
    "fsheet.unknown_id_text": (
        "'{value}' is not a requirement id, though the text is requirement {requirement}'s (a spreadsheet may have "
        "turned the id into a date or number); write {requirement} back",
        "'{value}' は要件ID ではありません。要件の文言は {requirement} のものです（表計算ソフトが ID を日付や数値に"
        "変えた可能性があります）。{requirement} に戻してください",
    ),
    "fsheet.duplicate": (
        "requirement {requirement} again (first in row {first}); keep one row per requirement",
        "要件 {requirement} が重複しています（最初は {first} 行目）。要件ごとに 1 行にしてください",
    ),
    "fsheet.missing": (
        "requirement {requirement} is not in the file; add its row back as the template had it",
        "要件 {requirement} の行がファイルにありません。様式のとおりに行を戻してください",
    ),
    "fsheet.formula": (
        "a formula ({value}) where an answer belongs; write ○, △, × or －",
        "回答欄に数式（{value}）があります。○、△、×、－ のいずれかを記入してください",
    ),
    # --- the commands --------------------------------------------------------------------------
    "fcli.named": ("{name} ({id})", "{name}（{id}）"),
    "fcli.seq_range": ("{first}-{last}", "{first}～{last}"),
    "fcli.imported": (
        "{file}: recorded {new} answer(s) of {tool} (events {seqs}); {same} already recorded",
        "{file}: {tool} の回答 {new} 件を記録しました（イベント {seqs}）。記録済み {same} 件",
    ),
    "fcli.imported_changed": (
        "{file}: recorded {new} answer(s) of {tool} (events {seqs}), {changed} of them changed; {same} already "
        "recorded; reason: {reason}",
        "{file}: {tool} の回答 {new} 件を記録しました（イベント {seqs}）。うち変更 {changed} 件、記録済み {same} 件。"
        "理由: {reason}",
    ),
    "fcli.nothing_changed": (
        "{file}: all {same} answer(s) of {tool} are already recorded as they are; nothing recorded",
        "{file}: {tool} の回答 {same} 件はすべて記録済みです。何も記録していません",
    ),
    "fcli.dry_run": (
        "{file}: {new} answer(s) of {tool} to record ({changed} changed), {same} already recorded; dry run, "
        "nothing recorded",
        "{file}: {tool} の回答のうち記録するもの {new} 件（うち変更 {changed} 件）、記録済み {same} 件。"
        "ドライランのため何も記録していません",
    ),
    "fcli.plan_changed": (
        "note: {file} was written under plan {file_hash}, the plan is now {plan_hash}; the file was checked "
        "against the current requirement list",
        "注意: {file} は計画 {file_hash} のときに書き出されたもので、現在の計画は {plan_hash} です。"
        "現在の要件一覧で確認しました",
    ),
    "fcli.accepted": (
        "accepted {tool}'s answer {answer} to requirement {requirement} (event {seq})",
        "{tool} の要件 {requirement} の回答 {answer} を承認しました（イベント {seq}）",
    ),
    "fcli.downgraded": (
        "downgraded {tool}'s answer to requirement {requirement} from {answer} to {value} (event {seq}); "
        "reason: {reason}",
        "{tool} の要件 {requirement} の回答を {answer} から {value} に格下げしました（イベント {seq}）。理由: {reason}",
    ),
    "fcli.queried": (
        "queried {tool}'s answer {answer} to requirement {requirement} (event {seq}); it awaits verification; "
        "reason: {reason}",
        "{tool} の要件 {requirement} の回答 {answer} を照会しました（イベント {seq}）。確認待ちのままです。理由: {reason}",
    ),
    "fcli.withheld": ("(withheld while blind)", "（匿名化中は表示しません）"),
    "fcli.list_title": ("Requirement list", "要件一覧"),
    "fcli.required_note": (
        "a requirement of priority {priorities} answered × disqualifies the proposer, as the plan says",
        "優先度 {priorities} の要件が × の提案者は、計画の定めにより失格となります",
    ),
    "fcli.answers_document": ("Fit answers of {tool}", "{tool} の機能要件適合表"),
    "fcli.answers_title": ("{criterion}: answers of {tool}", "{criterion}: {tool} の回答"),
    "fcli.col.criterion": ("Criterion", "評価項目"),
    "fcli.col.id": ("Requirement ID", "要件ID"),
    "fcli.col.text": ("Requirement", "要件"),
    "fcli.col.priority": ("Priority", "優先度"),
    "fcli.col.answer": ("Answer", "回答"),
    "fcli.col.remarks": ("Remarks", "備考"),
    "fcli.col.counted": ("Counted", "計上"),
    "fcli.col.status": ("Verification", "確認"),
    "fcli.col.points": ("Points", "点"),
    "fcli.col.events": ("Events", "イベント"),
    "fcli.status.unverified": ("unverified", "未確認"),
    "fcli.status.accepted": ("accepted", "承認"),
    "fcli.status.downgraded": ("downgraded", "格下げ"),
    "fcli.status.queried": ("queried", "照会中"),
    "fcli.status.unanswered": ("not answered", "未回答"),
    "fcli.counts": ("answered: {own}; counted: {counted}", "回答: {own}　計上: {counted}"),
    "fcli.raw": ("points: {raw} of {best} possible", "点: {raw}（満点 {best}）"),
    "fcli.unanswered": ("not answered: {ids}", "未回答: {ids}"),
    "fcli.awaiting": ("awaiting verification: {ids}", "確認待ち: {ids}"),
    "fcli.required_failed": ("required and counted ×: {ids}", "必須要件で × と計上: {ids}"),
    "fcli.required_pending": (
        "required, answered △ and not yet accepted: {ids}",
        "必須要件で △ と回答し、まだ承認されていないもの: {ids}",
    ),
    "fcli.accept_rest": (
        "accepted {count} answer(s) of {tool} (events {seqs}); each △ is accepted one by one with `fit verify`",
        "{tool} の回答 {count} 件を承認しました（イベント {seqs}）。△ は `fit verify` で 1 件ずつ承認してください",
    ),
    "fcli.accept_rest_none": (
        "{tool} has no unverified answer other than △; nothing recorded",
        "{tool} に △ 以外の未確認の回答はありません。何も記録していません",
    ),
}
