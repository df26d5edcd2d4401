"""Messages for importing the lists registries publish (ISMAP, ASPIC …) as facts. Merged into `toolbench.base.i18n.MESSAGES`. Each pair is (English, Japanese)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- how problems are listed ----------------------------------------------------------
    "registry.problems": (
        "{file}: {count} problem(s) in the list; nothing was recorded. Fix the layout (or the file) and import again:\n"
        "{lines}",
        "{file}: 一覧に {count} 件の問題があります。何も記録していません。レイアウト（またはファイル）を直して、"
        "もう一度取り込んでください:\n{lines}",
    ),
    "registry.match_problems": (
        "{file}: {count} candidate(s) cannot be matched to the list with certainty; nothing was recorded:\n{lines}",
        "{file}: {count} 件の候補を一覧の行と確実に対応付けられません。何も記録していません:\n{lines}",
    ),
    "registry.layout_problems": (
        "{file}: {count} problem(s) in the layout; no list was read:\n{lines}",
        "{file}: レイアウトに {count} 件の問題があります。一覧は読み込んでいません:\n{lines}",
    ),
    "registry.more": ("… and {count} more", "… ほか {count} 件"),
    "registry.cell": (
        "{file} row {row}, column '{column}' ({cell}): {problem}",
        "{file} {row} 行目、列 '{column}'（{cell}）: {problem}",
    ),
    "registry.in_file": ("{file}: {problem}", "{file}: {problem}"),
    "registry.tool": ("{tool}: {problem}", "{tool}: {problem}"),
    "registry.layout_at": ("{where}: {path}: {problem}", "{where}: {path}: {problem}"),
    "registry.layout_at_file": ("{where}: {problem}", "{where}: {problem}"),
    # --- fields ----------------------------------------------------------------------------
    "registry.field.service": ("service name", "サービス名"),
    "registry.field.company": ("company", "事業者名"),
    "registry.field.number": ("registration number", "登録・認定番号"),
    "registry.field.registered": ("registration date", "登録・認定日"),
    "registry.field.expires": ("expiry", "有効期限"),
    "registry.field.disclosed": ("disclosure date", "開示日"),
    "registry.field.remarks": ("remarks", "備考"),
    "registry.field.status": ("status", "状態"),
    # --- the layout --------------------------------------------------------------------------
    "registry.unknown_layout": (
        "no layout '{name}': use a shipped one ({known}) or the path of a layout file (.toml, see docs/registries.md)",
        "レイアウト '{name}' はありません。同梱のレイアウト（{known}）か、レイアウトファイル（.toml、"
        "docs/registries.md 参照）のパスを指定してください",
    ),
    "registry.layout_unreadable": (
        "{file}: cannot read the layout ({reason}); check the path",
        "{file}: レイアウトを読み込めません（{reason}）。パスを確認してください",
    ),
    "registry.layout_encoding": (
        "{file}: the layout is not UTF-8 text; save it as UTF-8",
        "{file}: レイアウトが UTF-8 のテキストではありません。UTF-8 で保存し直してください",
    ),
    "registry.bad_extends": (
        "'{value}' is not a shipped layout; extends names one of: {known}",
        "'{value}' は同梱のレイアウトではありません。extends には次のいずれかを書いてください: {known}",
    ),
    "registry.key_not_held": (
        "'{value}' is not a fact a registry's list gives; use one of: {known}",
        "'{value}' は登録・認定の一覧から得る事実ではありません。次から選んでください: {known}",
    ),
    "registry.bad_pattern": (
        "not a regular expression ({reason}); write one a whole number must match, e.g. '^C\\d{{2}}-\\d{{4}}-\\d+$'",
        "正規表現として読めません（{reason}）。番号全体が一致すべき正規表現を書いてください（例: '^C\\d{{2}}-\\d{{4}}-\\d+$'）",
    ),
    "registry.blank_source": (
        "the source is blank; give the list's address",
        "出典が空です。一覧のアドレスを書いてください",
    ),
    "registry.needs_column": (
        "the {field} is read from every list: give its heading words",
        "{field}はどの一覧からも読み取ります。見出しの語を指定してください",
    ),
    "registry.blank_word": ("a heading word is blank; remove it", "空の見出し語があります。削除してください"),
    "registry.rule_basis": (
        "the rule counts from the {field}, which [columns] does not read; give its heading words",
        "この規則は{field}から数えますが、[columns] で読み取っていません。その見出しの語を指定してください",
    ),
    "registry.rule_empty": (
        "the rule adds no time; give years, months or days (more than 0)",
        "この規則は期間を加えません。years、months または days（0 より大きい値）を指定してください",
    ),
    # --- the file --------------------------------------------------------------------------
    "registry.unreadable": (
        "{file}: cannot read ({reason}); check the path, or download the list again",
        "{file}: 読み込めません（{reason}）。パスを確認するか、一覧をもう一度ダウンロードしてください",
    ),
    "registry.encoding": (
        '{file}: not UTF-8 or CP932 (Shift_JIS) text, perhaps UTF-16; save it as "CSV UTF-8" or as .xlsx',
        "{file}: UTF-8 でも CP932（Shift_JIS）でもありません（UTF-16 など）。「CSV UTF-8」か .xlsx で保存し直してください",
    ),
    "registry.bad_suffix": (
        "{file}: not a .csv or .xlsx file; save the list as CSV or as an Excel workbook (.xlsx)",
        "{file}: .csv でも .xlsx でもありません。一覧を CSV か Excel ブック（.xlsx）で保存してください",
    ),
    "registry.sheet_not_workbook": (
        "{file}: a CSV file has no sheets, so sheet '{sheet}' cannot be read; leave out --sheet (or sheet in the layout)",
        "{file}: CSV ファイルにはシートがないため、シート '{sheet}' は読めません。--sheet（またはレイアウトの sheet）を外してください",
    ),
    "registry.no_sheet": (
        "{file}: no sheet '{sheet}' (the workbook has {sheets}); give one of them with --sheet",
        "{file}: シート '{sheet}' がありません（ブックにあるシート: {sheets}）。--sheet でそのいずれかを指定してください",
    ),
    "registry.no_header_at": (
        "{file}: no headings at row {row} (the file has {count} row(s)); check header_row in the layout",
        "{file}: {row} 行目に見出しがありません（ファイルは {count} 行）。レイアウトの header_row を確認してください",
    ),
    "registry.no_header": (
        "{file}: none of the first {rows} rows has headings for {wanted} (the first row reads {first}); "
        "check that this is the list the {layout} layout reads, or name its headings in a layout file",
        "{file}: 先頭の {rows} 行に {wanted} の見出しがありません（最初の行: {first}）。"
        "レイアウト {layout} が読む一覧か確認するか、レイアウトファイルで見出しを指定してください",
    ),
    "registry.no_rows": (
        "no services below the headings (row {row}); check that the file is the whole list",
        "見出し（{row} 行目）の下にサービスがありません。一覧全体のファイルか確認してください",
    ),
    "registry.missing_column": (
        "no column headed {words} (for the {field}); the headings at row {row} are: {columns}; "
        "name the heading in a layout file",
        "{field}の見出し（{words}）の列がありません。{row} 行目の見出し: {columns}。レイアウトファイルで見出しを指定してください",
    ),
    "registry.ambiguous_column": (
        "the heading words {words} (for the {field}) fit several columns: {cells}; name one heading in a layout file",
        "{field}の見出し語（{words}）に合う列が複数あります: {cells}。レイアウトファイルでいずれか 1 つの見出しを指定してください",
    ),
    "registry.column_twice": (
        "column '{column}' ({cell}) fits both the {field} and the {other}; name the columns in a layout file",
        "列 '{column}'（{cell}）が{field}と{other}の両方に合います。レイアウトファイルで列を指定してください",
    ),
    "registry.formula": (
        "a formula ({value}) with no value saved; open the file in Excel, save it, and import again",
        "値が保存されていない数式（{value}）です。Excel で開いて保存し直してから取り込んでください",
    ),
    # --- one row -----------------------------------------------------------------------------
    "registry.blank_service": (
        "no service name; every listed service has one (is the row a heading or a note?)",
        "サービス名がありません。一覧の各行にはサービス名があるはずです（見出しや注記の行ではありませんか）",
    ),
    "registry.blank_number": (
        "no registration number; every listed service has one (is the row a heading or a note?)",
        "登録番号がありません。一覧の各行には番号があるはずです（見出しや注記の行ではありませんか）",
    ),
    "registry.bad_number": (
        "'{value}' is not a registration number (it has no digit, or is longer than 80 characters)",
        "'{value}' は登録番号として読めません（数字がないか、80 文字を超えています）",
    ),
    "registry.number_form": (
        "'{value}' is not a number of the form {form} the {layout} layout expects; "
        "if the list really writes its numbers so, write a layout file with extends and another number_pattern",
        "'{value}' はレイアウト {layout} が想定する {form} の形の番号ではありません。"
        "一覧が実際にこの形で番号を書いている場合は、extends と別の number_pattern を書いたレイアウトファイルを使ってください",
    ),
    "registry.duplicate_number": (
        "number '{value}' is also on row {first}; a list gives each registration once",
        "番号 '{value}' は {first} 行目にもあります。一覧では 1 つの登録は 1 行のはずです",
    ),
    "registry.not_date": (
        "'{value}' is not a date toolbench reads (2026-04-01, 2026/4/1, 2026年4月1日, 令和8年4月1日, R8.4.1); "
        "check that the layout reads the right column",
        "'{value}' は日付として読めません（2026-04-01、2026/4/1、2026年4月1日、令和8年4月1日、R8.4.1 の形で読みます）。"
        "レイアウトが正しい列を読んでいるか確認してください",
    ),
    "registry.expires_before": (
        "the expiry {expires} is before the registration date {registered}; check that the layout reads the right columns",
        "有効期限 {expires} が登録日 {registered} より前です。レイアウトが正しい列を読んでいるか確認してください",
    ),
    # --- matching the plan's tools ----------------------------------------------------------
    "registry.ambiguous": (
        "{count} rows fit: {rows}; say which with --match {id}=NUMBER, or leave the candidate out with --skip {id}",
        "{count} 行が当てはまります: {rows}。--match {id}=番号 でどれかを指定するか、--skip {id} で対象から外してください",
    ),
    "registry.match_unknown_number": (
        "--match names number '{number}', which no row has (the list's numbers read like {example})",
        "--match の番号 '{number}' の行はありません（一覧の番号は {example} のような形です）",
    ),
    "registry.absent_unsure": (
        "not in the list under its name, but its company has {count} row(s): {rows}; with --absent-means-no, "
        "say whether one covers it (--match {id}=NUMBER), that none does (--match {id}=-), or leave it out (--skip {id})",
        "名称では一覧にありませんが、同じ事業者の行が {count} 行あります: {rows}。--absent-means-no を使う場合は、"
        "いずれかが該当するか（--match {id}=番号）、該当しないか（--match {id}=-）を指定するか、--skip {id} で対象から外してください",
    ),
    "registry.absent_other_company": (
        "not in the list under its vendor or maker, but {count} row(s) of another company carry its name: {rows}; "
        "if that company is the vendor under another name, add both names to [fairness] aliases in the plan; "
        "else say that none covers it (--match {id}=-), or leave it out (--skip {id})",
        "販売者・製造者の名義では一覧にありませんが、別の事業者の行に同じ名称が {count} 行あります: {rows}。"
        "その事業者が別名義の販売者であれば計画の [fairness] aliases に両方の名称を加えてください。"
        "該当しない場合は --match {id}=- を指定するか、--skip {id} で対象から外してください",
    ),
    "registry.in_doubt": (
        "row {row}, column '{column}' reads '{text}' ({word}); whether the registration still holds is for you to check "
        "on the registry's site: leave the candidate out with --skip {id} and record what you find with "
        "`toolbench fact add`",
        "{row} 行目の列 '{column}' に「{text}」（{word}）とあります。登録が有効かどうかは登録機関のサイトで確認してください。"
        "--skip {id} で対象から外し、確認した内容を `toolbench fact add` で記録してください",
    ),
    # --- the command's options ---------------------------------------------------------------
    "registry.file_or_url": (
        "give the downloaded list (FILE) or its address (--url), one of the two",
        "ダウンロードした一覧（FILE）か、そのアドレス（--url）のどちらか一方を指定してください",
    ),
    "registry.needs_as_of": (
        "give the day you downloaded the list with --as-of (e.g. --as-of 2026-11-20): the file does not say when it was seen",
        "一覧をダウンロードした日を --as-of で指定してください（例: --as-of 2026-11-20）。ファイルにはいつの時点の一覧かが書かれていません",
    ),
    "registry.as_of_with_url": (
        "--as-of {as_of}: a list fetched with --url is seen today ({today}); leave out --as-of",
        "--as-of {as_of}: --url で取得した一覧は本日（{today}）時点のものです。--as-of は指定しないでください",
    ),
    "registry.source_with_url": (
        "--source with --url: a list fetched from an address cites that address; leave out --source",
        "--url で取得した一覧の出典はそのアドレスです。--source は指定しないでください",
    ),
    "registry.as_of_future": (
        "--as-of {as_of} is after today ({today}); give the day you downloaded the list",
        "--as-of {as_of} は本日（{today}）より後です。一覧をダウンロードした日を指定してください",
    ),
    "registry.needs_source": (
        "the {layout} layout names no address for its list; give the page you downloaded it from with --source URL",
        "レイアウト {layout} には一覧のアドレスがありません。ダウンロードしたページを --source URL で指定してください",
    ),
    "registry.bad_source": (
        "'{value}' cannot be a source: give the list's address (up to 400 characters, one line)",
        "'{value}' は出典にできません。一覧のアドレス（400 文字以内、1 行）を指定してください",
    ),
    "registry.unknown_tool": (
        "no candidate {tools} in the plan; use one of: {known}",
        "計画に候補 {tools} はありません。次から選んでください: {known}",
    ),
    "registry.match_and_skip": (
        "{tools}: both --match and --skip; give one",
        "{tools}: --match と --skip の両方が指定されています。どちらか一方にしてください",
    ),
    "registry.bad_match": (
        "--match '{value}' is not TOOL=NUMBER (or TOOL=- for a candidate not in the list)",
        "--match '{value}' は「候補=番号」（一覧にない候補は「候補=-」）の形ではありません",
    ),
    "registry.match_twice": (
        "--match names {tool} twice; give each candidate once",
        "--match で {tool} が 2 回指定されています。1 回にしてください",
    ),
    # --- fetching -----------------------------------------------------------------------------
    "registry.sha256_needs_url": (
        "--sha256 pins a list fetched with --url; for a file you downloaded, compare the SHA-256 the import prints",
        "--sha256 は --url で取得する一覧に使います。ダウンロード済みのファイルは、取り込み時に表示される SHA-256 と照合してください",
    ),
    "registry.bad_pin": (
        "--sha256 '{value}' is not 64 hexadecimal digits",
        "--sha256 '{value}' は 16 進 64 桁ではありません",
    ),
    "registry.checksum": (
        "{url}: SHA-256 is {actual}, not the pinned {expected}; the list changed since it was pinned, nothing was recorded",
        "{url}: SHA-256 が {actual} で、指定された {expected} と一致しません。一覧が変わっています。何も記録していません",
    ),
    "registry.fetch.ca_bundle": (
        "cannot use the CA bundle {path} ({reason}); give a PEM file of trusted certificates",
        "CA 証明書ファイル {path} を使えません（{reason}）。信頼する証明書の PEM ファイルを指定してください",
    ),
    "registry.fetch.http_refused": (
        "{url}: plain HTTP is refused because nobody can check who answers; use the list's https:// address, "
        "or --allow-http for a server on your own closed network",
        "{url}: 応答者を確認できないため平文の HTTP は使いません。一覧の https:// のアドレスを使うか、"
        "自組織の閉域網のサーバであれば --allow-http を指定してください",
    ),
    "registry.fetch.bad_url": (
        "{url}: not an https:// address; give the list's full URL",
        "{url}: https:// のアドレスではありません。一覧の URL を指定してください",
    ),
    "registry.fetch.http_status": (
        "{url}: the server answered HTTP {status}; open the registry's page and copy the list's download address",
        "{url}: サーバの応答が HTTP {status} でした。登録機関のページを開いて一覧のダウンロード用アドレスを確認してください",
    ),
    "registry.fetch.redirect_scheme": (
        "{url}: redirected to {target}, which changes the scheme; refused (give the final https:// address)",
        "{url}: {target} への転送はスキームが変わるため拒否しました（最終的な https:// のアドレスを指定してください）",
    ),
    "registry.fetch.redirects": (
        "{url}: more than {limit} redirects; refused",
        "{url}: 転送が {limit} 回を超えたため拒否しました",
    ),
    "registry.fetch.too_big": (
        "{url}: the response is larger than {limit} bytes; refused (raise --max-bytes if the list really is that large)",
        "{url}: 応答が {limit} バイトを超えたため拒否しました（本当に大きい一覧なら --max-bytes を増やしてください）",
    ),
    "registry.fetch.timeout": (
        "{url}: no answer within {seconds} s; try again later or raise --timeout",
        "{url}: {seconds} 秒以内に応答がありません。後で再実行するか --timeout を増やしてください",
    ),
    "registry.fetch.certificate": (
        "{url}: the server's certificate could not be verified ({reason}); for a private CA pass --ca-bundle FILE",
        "{url}: サーバ証明書を検証できません（{reason}）。独自の認証局なら --ca-bundle ファイル を指定してください",
    ),
    "registry.fetch.unreachable": (
        "{url}: cannot reach the server ({reason}); check the address and the network",
        "{url}: サーバに接続できません（{reason}）。アドレスとネットワークを確認してください",
    ),
    # --- what an import says -------------------------------------------------------------------
    "registry.out.list": (
        "{name} (layout {layout}): {file}{sheet}, headings at row {row}, {count} service(s), SHA-256 {sha256}",
        "{name}（レイアウト {layout}）: {file}{sheet}、見出し {row} 行目、{count} 件、SHA-256 {sha256}",
    ),
    "registry.out.sheet": (", sheet '{sheet}'", "、シート '{sheet}'"),
    "registry.out.columns": (
        "Read from the file (check them against the download):",
        "読み取った列（ダウンロードした一覧と照合してください）:",
    ),
    "registry.out.column": ("  {field} ← column {letter} '{header}'", "  {field} ← {letter} 列「{header}」"),
    "registry.out.column_absent": ("  {field} ← not in the file", "  {field} ← ファイルにありません"),
    "registry.out.column_rule": (
        "  {field} ← the {basis} + {span} (the rule at {rule})",
        "  {field} ← {basis}＋{span}（規則: {rule}）",
    ),
    "registry.out.notes": (
        "  row(s) {rows}: notes (※ …), not read",
        "  {rows} 行目: 注記（※ など）のため読み込みません",
    ),
    "registry.span.years": ("{count} year(s)", "{count} 年"),
    "registry.span.months": ("{count} month(s)", "{count} か月"),
    "registry.span.days": ("{count} day(s)", "{count} 日"),
    "registry.out.source": ("Source: {source}, seen {as_of}", "出典: {source}（{as_of} 時点）"),
    "registry.out.candidates": ("Candidates:", "候補:"),
    "registry.out.found": (
        "  {tool}: row {row}, {number} '{service}'{company}, by its name and company → {fact}: {value}{expires}{same}",
        "  {tool}: {row} 行目 {number}「{service}」{company}（名称と事業者で照合）→ {fact}: {value}{expires}{same}",
    ),
    "registry.out.named": (
        "  {tool}: row {row}, {number} '{service}'{company}, as --match says → {fact}: {value}{expires}{same}",
        "  {tool}: {row} 行目 {number}「{service}」{company}（--match の指定）→ {fact}: {value}{expires}{same}",
    ),
    "registry.out.row_blind": (
        "  {tool}: row {row} → {fact}: {value}{expires}{same}",
        "  {tool}: {row} 行目 → {fact}: {value}{expires}{same}",
    ),
    "registry.out.company": (" ({company})", "（{company}）"),
    "registry.out.expires": (", valid to {date}", "、有効期限 {date}"),
    "registry.out.expires_rule": (", valid to {date} (by the rule)", "、有効期限 {date}（規則による）"),
    "registry.out.same": (" (already recorded)", "（記録済み）"),
    "registry.out.said_absent": (
        "  {tool}: not in the list, as --match says → {fact}: {value}{same}",
        "  {tool}: 一覧にない（--match の指定）→ {fact}: {value}{same}",
    ),
    "registry.out.absent": (
        "  {tool}: not in the list (--absent-means-no) → {fact}: {value}{same}",
        "  {tool}: 一覧にない（--absent-means-no）→ {fact}: {value}{same}",
    ),
    "registry.out.not_found": (
        "  {tool}: not in the list; nothing recorded (--absent-means-no would record no)",
        "  {tool}: 一覧にありません。何も記録しません（--absent-means-no を指定すると「なし」を記録します）",
    ),
    "registry.out.company_rows": (
        "      rows of the same company: {rows}; if one covers it, --match {id}=NUMBER",
        "      同じ事業者の行: {rows}。いずれかが該当する場合は --match {id}=番号",
    ),
    "registry.out.name_rows": (
        "      rows of the same name under another company: {rows}",
        "      別の事業者で同じ名称の行: {rows}",
    ),
    "registry.out.skipped": ("  {tool}: left out (--skip)", "  {tool}: 対象外（--skip）"),
    "registry.out.dry_run": (
        "Dry run: {new} fact(s) would be recorded, {same} already recorded; nothing was recorded.",
        "確認のみ: 記録される事実 {new} 件、記録済み {same} 件。何も記録していません。",
    ),
    "registry.out.recorded": (
        "Recorded {new} fact(s) (#{seqs}); {same} already recorded.",
        "事実を {new} 件記録しました（#{seqs}）。記録済み {same} 件。",
    ),
    "registry.out.nothing": (
        "Nothing new to record; {same} fact(s) already recorded.",
        "新たに記録する事実はありません。記録済み {same} 件。",
    ),
    "registry.out.record_problems": (
        "{count} fact(s) cannot be recorded; nothing was recorded:\n{lines}",
        "{count} 件の事実を記録できません。何も記録していません:\n{lines}",
    ),
    "registry.out.named_tool": ("{name} ({id})", "{name}（{id}）"),
}
