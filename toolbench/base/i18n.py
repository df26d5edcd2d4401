"""Every user-facing sentence and label, in English and Japanese.

One table keeps the two languages side by side so a missing translation is visible
in review, and `tests/test_i18n.py` checks that both sides take the same fields.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Final, Literal

from toolbench.base.messages import (
    archive as _messages_archive,
)
from toolbench.base.messages import (
    blind as _messages_blind,
)
from toolbench.base.messages import (
    coi as _messages_coi,
)
from toolbench.base.messages import (
    display as _messages_display,
)
from toolbench.base.messages import (
    evidence as _messages_evidence,
)
from toolbench.base.messages import (
    facts as _messages_facts,
)
from toolbench.base.messages import (
    facts_cli as _messages_facts_cli,
)
from toolbench.base.messages import (
    facts_documents as _messages_facts_documents,
)
from toolbench.base.messages import (
    fairness as _messages_fairness,
)
from toolbench.base.messages import (
    fit as _messages_fit,
)
from toolbench.base.messages import (
    fit_cli as _messages_fit_cli,
)
from toolbench.base.messages import (
    fit_documents as _messages_fit_documents,
)
from toolbench.base.messages import (
    forms as _messages_forms,
)
from toolbench.base.messages import (
    inputs as _messages_inputs,
)
from toolbench.base.messages import (
    ledger_integrity as _messages_ledger_integrity,
)
from toolbench.base.messages import (
    locks as _messages_locks,
)
from toolbench.base.messages import (
    procedure as _messages_procedure,
)
from toolbench.base.messages import (
    procedure_cli as _messages_procedure_cli,
)
from toolbench.base.messages import (
    procedure_documents as _messages_procedure_documents,
)
from toolbench.base.messages import (
    registry as _messages_registry,
)
from toolbench.base.messages import (
    reports as _messages_reports,
)
from toolbench.base.messages import (
    robustness as _messages_robustness,
)
from toolbench.base.messages import (
    scoring as _messages_scoring,
)
from toolbench.base.messages import (
    sheets as _messages_sheets,
)
from toolbench.base.messages import (
    store as _messages_store,
)
from toolbench.base.messages import (
    store_cli as _messages_store_cli,
)
from toolbench.base.messages import (
    terminal_scale as _messages_terminal_scale,
)
from toolbench.base.messages import (
    trials as _messages_trials,
)
from toolbench.base.messages import (
    trials_import as _messages_trials_import,
)

Lang = Literal["ja", "en"]
LANGS: Final[tuple[Lang, ...]] = ("ja", "en")

# key: (English, Japanese). Fields in {braces} are filled with str.format.
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    # --- workspace -------------------------------------------------------------
    "workspace.not_found": (
        "no toolbench workspace found in {start} or any folder above it; "
        "run `toolbench init DIR --rubric ai-ocr` or pass -C DIR",
        "{start} とその上位フォルダに toolbench のワークスペースがありません。"
        "`toolbench init DIR --rubric ai-ocr` で作成するか、-C DIR で指定してください",
    ),
    "workspace.exists": (
        "{path} already holds a toolbench plan; choose an empty folder or remove the plan first",
        "{path} には既に toolbench の計画があります。空のフォルダを指定するか、先に計画を削除してください",
    ),
    "workspace.no_ledger": (
        "no ledger at {path}: it was moved or deleted, and starting an empty one would hide the scores it held; "
        "restore it from a backup, or for a plan copied to a new place run `toolbench init {root} --existing-plan`",
        "{path} に台帳がありません（移動または削除されています）。空の台帳で始めると記録済みの採点が見えなくなるため、"
        "バックアップから復元してください。計画だけを別の場所に写した場合は `toolbench init {root} --existing-plan` を実行してください",
    ),
    "workspace.ledger_exists": (
        "{path} already holds a ledger with {count} event(s); move it aside or choose another folder",
        "{path} には既に {count} 件のイベントを持つ台帳があります。移動するか別のフォルダを指定してください",
    ),
    "workspace.cannot_write": (
        "cannot write {path} ({reason}); check the folder exists and is writable",
        "{path} に書き込めません（{reason}）。フォルダが存在し書き込めるか確認してください",
    ),
    "workspace.not_dir": (
        "{path} is not a folder; pass a folder for the workspace",
        "{path} はフォルダではありません。ワークスペースにはフォルダを指定してください",
    ),
    "rubric.unknown": (
        "unknown rubric '{name}'; shipped rubrics: {known}",
        "評価基準テンプレート '{name}' はありません。同梱のもの: {known}",
    ),
    # --- plan ------------------------------------------------------------------
    "plan.unreadable": (
        "cannot read the plan ({reason}); check the path and its permissions",
        "計画を読めません（{reason}）。パスと権限を確認してください",
    ),
    "plan.toml_syntax": (
        "malformed TOML: {reason}; fix the syntax on that line",
        "TOML の書式が不正です: {reason}。その行の書式を直してください",
    ),
    "plan.encoding": (
        "the plan is not UTF-8 text; save it as UTF-8",
        "計画が UTF-8 のテキストではありません。UTF-8 で保存してください",
    ),
    "plan.invalid_header": (
        "{file}: {count} problem(s) in the plan:",
        "{file}: 計画に {count} 件の問題があります:",
    ),
    "plan.unknown_key": (
        "unknown key; remove it or check its spelling (allowed: {allowed})",
        "不明なキーです。削除するか綴りを確認してください（使えるキー: {allowed}）",
    ),
    "plan.missing": (
        "required key is missing; add it",
        "必須のキーがありません。追加してください",
    ),
    "plan.bad_value": (
        "{reason}",
        "{reason}",
    ),
    "plan.slug": (
        "'{value}' is not a safe id; use letters, digits, '-', '_' or '.', starting with a letter or digit "
        "(no '/', '..' or spaces)",
        "'{value}' は安全な ID ではありません。英数字と '-'、'_'、'.' を使い、英数字で始めてください"
        "（'/'、'..'、空白は使えません）",
    ),
    "plan.duplicate_id": (
        "duplicate id '{id}' (first used at {first}); give each entry its own id",
        "ID '{id}' が重複しています（最初は {first}）。それぞれに別の ID を付けてください",
    ),
    "plan.unknown_scale": (
        "unknown scale '{scale}'; declare [scales.{scale}] or use one of: {known}",
        "尺度 '{scale}' が定義されていません。[scales.{scale}] を定義するか、次から選んでください: {known}",
    ),
    "plan.unknown_group": (
        "unknown group '{group}'; declare it under [groups] or use one of: {known}",
        "グループ '{group}' が定義されていません。[groups] に定義するか、次から選んでください: {known}",
    ),
    "plan.unknown_reference": (
        "unknown {what} '{value}'; use one of: {known}",
        "{what} '{value}' が定義されていません。次から選んでください: {known}",
    ),
    "plan.points_total": (
        "criteria points add up to {actual}, not the declared total {declared}; "
        "change the points or evaluation.total_points",
        "配点の合計が {actual} で、宣言された合計 {declared} と一致しません。"
        "配点か evaluation.total_points を直してください",
    ),
    "plan.rating_needs_scale": (
        'a {kind} criterion needs a scale; add scale = "NAME"',
        '{kind} 型の評価項目には尺度が必要です。scale = "名前" を追加してください',
    ),
    "plan.anchor_level": (
        "anchor for level '{level}' but scale '{scale}' has levels {levels}; use one of them",
        "水準 '{level}' の説明がありますが、尺度 '{scale}' の水準は {levels} です。そのいずれかにしてください",
    ),
    "plan.ratio_range": (
        "ratio {ratio} is outside 0 to 1; give each level a ratio between 0 and 1",
        "比率 {ratio} が 0～1 の範囲外です。各水準の比率は 0 以上 1 以下にしてください",
    ),
    "plan.scale_empty": (
        "a scale needs at least two levels; list them under ratios",
        "尺度には 2 つ以上の水準が必要です。ratios に列挙してください",
    ),
    "plan.phase_unknown": (
        "phase '{value}' is not declared in trial_phases; add it or use one of: {known}",
        "フェーズ '{value}' は trial_phases にありません。追加するか、次から選んでください: {known}",
    ),
    # pydantic error types, by their `type` code, with fields from the error's ctx
    "plan.points_step": (
        "points derived from hearings must add up to {total}, which is not a multiple of {step}; "
        "set weights.points_total or weights.points_decimals",
        "ヒアリングから算出する配点の合計 {total} は {step} の倍数ではありません。"
        "weights.points_total か weights.points_decimals を設定してください",
    ),
    "plan.expected_array": (
        "expected an array of tables written as [[{table}]]",
        "[[{table}]] と書く表の配列が必要です",
    ),
    "pv.finite_number": (
        "expected a finite number (not nan or inf)",
        "有限の数値が必要です（nan や inf は使えません）",
    ),
    "pv.string_too_long": (
        "text is too long (at most {max_length} characters)",
        "文字列が長すぎます（{max_length} 文字まで）",
    ),
    "pv.decimal_parsing": ("expected a number, e.g. 10 or 12.5", "数値が必要です（例: 10、12.5）"),
    "pv.decimal_type": ("expected a number, e.g. 10 or 12.5", "数値が必要です（例: 10、12.5）"),
    "pv.int_parsing": ("expected a whole number", "整数が必要です"),
    "pv.int_type": ("expected a whole number", "整数が必要です"),
    "pv.int_from_float": ("expected a whole number", "整数が必要です"),
    "pv.string_type": ("expected text in quotes", "引用符で囲んだ文字列が必要です"),
    "pv.bool_type": ("expected true or false", "true か false が必要です"),
    "pv.bool_parsing": ("expected true or false", "true か false が必要です"),
    "pv.list_type": ('expected a list like ["a", "b"]', '["a", "b"] のようなリストが必要です'),
    "pv.dict_type": ("expected a table", "テーブルが必要です"),
    "pv.model_type": ("expected a table", "テーブルが必要です"),
    "pv.model_attributes_type": ("expected a table", "テーブルが必要です"),
    "pv.literal_error": ("must be one of {expected}", "{expected} のいずれかにしてください"),
    "pv.too_short": ("needs at least {min_length} item(s)", "{min_length} 件以上が必要です"),
    "pv.too_long": ("takes at most {max_length} item(s)", "{max_length} 件以下にしてください"),
    "pv.greater_than_equal": ("must be {ge} or more", "{ge} 以上にしてください"),
    "pv.greater_than": ("must be more than {gt}", "{gt} より大きくしてください"),
    "pv.less_than_equal": ("must be {le} or less", "{le} 以下にしてください"),
    "pv.less_than": ("must be less than {lt}", "{lt} 未満にしてください"),
    # --- ledger ----------------------------------------------------------------
    "ledger.locked": (
        "{file}: the ledger is locked by another writer (waited {seconds} s); try again in a moment",
        "{file}: 台帳が他の書き込みでロックされています（{seconds} 秒待ちました）。しばらくしてから再実行してください",
    ),
    "ledger.corrupt": (
        "{file}: not a readable toolbench ledger ({reason}); restore it from a backup or the evidence archive",
        "{file}: 読み取れる toolbench の台帳ではありません（{reason}）。バックアップから復元してください",
    ),
    "ledger.newer": (
        "{file}: the ledger has format version {found}, this toolbench reads up to {supported}; upgrade toolbench",
        "{file}: 台帳の形式バージョン {found} はこの toolbench（{supported} まで）では読めません。toolbench を更新してください",
    ),
    "ledger.broken_chain": (
        "{file}: the hash chain breaks at event {seq} ({reason}); no report is produced from it; "
        "run `toolbench audit verify` and restore the ledger from a backup",
        "{file}: ハッシュ連鎖がイベント {seq} で途切れています（{reason}）。この台帳からは帳票を作成しません。"
        "`toolbench audit verify` を実行し、バックアップから台帳を復元してください",
    ),
    "ledger.moved": (
        "the ledger moved on from event {expected} to {actual} while this was being recorded; run the command again",
        "記録中に台帳がイベント {expected} から {actual} に進みました。もう一度実行してください",
    ),
    "ledger.unreadable": (
        "{file}: cannot open the ledger ({reason}); check the file and its folder's permissions",
        "{file}: 台帳を開けません（{reason}）。ファイルとフォルダの権限を確認してください",
    ),
    "interrupted": (
        "interrupted; everything recorded before the interruption is kept",
        "中断しました。中断前に記録した内容は保持されています",
    ),
    "ledger.readonly": (
        "{file}: cannot write to the ledger ({reason}); check the folder's permissions",
        "{file}: 台帳に書き込めません（{reason}）。フォルダの権限を確認してください",
    ),
    # --- scores ----------------------------------------------------------------
    "score.unknown_tool": (
        "unknown tool '{value}'; tools in the plan: {known}",
        "ツール '{value}' は計画にありません。計画にあるツール: {known}",
    ),
    "score.unknown_evaluator": (
        "unknown evaluator '{value}'; evaluators in the plan: {known}",
        "評価者 '{value}' は計画にありません。計画にある評価者: {known}",
    ),
    "score.unknown_criterion": (
        "unknown criterion '{value}'; criteria in the plan: {known}",
        "評価項目 '{value}' は計画にありません。計画にある評価項目: {known}",
    ),
    "score.not_rating": (
        "criterion '{criterion}' is a {kind} criterion and is not scored by evaluators; score one of: {known}",
        "評価項目 '{criterion}' は {kind} 型で、評価者による採点の対象ではありません。採点できる項目: {known}",
    ),
    "score.off_scale": (
        "{criterion}={value}: '{value}' is not on the scale {levels}; give one of those levels",
        "{criterion}={value}: '{value}' は尺度 {levels} にありません。いずれかの水準を指定してください",
    ),
    "score.bad_assignment": (
        "'{text}' is not CRITERION=LEVEL; write it like accuracy=4",
        "'{text}' は 項目=水準 の形ではありません。accuracy=4 のように書いてください",
    ),
    "score.twice": (
        "criterion '{criterion}' is given twice; give each criterion once",
        "評価項目 '{criterion}' が 2 回指定されています。1 回だけ指定してください",
    ),
    "score.reason_required": (
        '{evaluator} already scored {tool} {criterion}={old} (event {seq}); changing it to {new} needs --reason "…"',
        "{evaluator} は既に {tool} の {criterion} を {old} と採点しています（イベント {seq}）。"
        '{new} に変更するには --reason "理由" が必要です',
    ),
    "score.none": (
        "no scores given; add CRITERION=LEVEL pairs, e.g. accuracy=4",
        "採点がありません。accuracy=4 のように 項目=水準 を指定してください",
    ),
    "score.recorded": (
        "recorded {count} score(s) for {tool} by {evaluator}",
        "{evaluator} による {tool} の採点 {count} 件を記録しました",
    ),
    "score.unchanged": (
        "{criterion}={value} is already the current score; nothing recorded",
        "{criterion}={value} は既に現在の採点です。記録しません",
    ),
    "actor.missing": (
        "no actor; pass --actor NAME or set TOOLBENCH_ACTOR",
        "記録者が不明です。--actor 名前 を指定するか TOOLBENCH_ACTOR を設定してください",
    ),
    "log.bad_since": (
        "--since '{value}' is not a date; write it like 2026-04-01 or 2026-04-01T09:00",
        "--since '{value}' は日付ではありません。2026-04-01 や 2026-04-01T09:00 のように書いてください",
    ),
    "output.exists_dir": (
        "{path} is a folder; give a file name for -o",
        "{path} はフォルダです。-o にはファイル名を指定してください",
    ),
    "output.write": (
        "cannot write {path} ({reason}); check the folder exists and is writable",
        "{path} に書き込めません（{reason}）。フォルダが存在し書き込めるか確認してください",
    ),
    "text.too_long": (
        "{field}: {length} characters is more than the {limit} a spreadsheet cell holds; shorten it or put the long text in a file and name the file",
        "{field}: {length} 文字は表計算のセルに入る {limit} 文字を超えています。短くするか、長い文章はファイルにしてそのファイル名を書いてください",
    ),
    "text.control": (
        "{field}: a control character ({code}) at character {position}, as pasted from a spreadsheet or a terminal; type the text again without it",
        "{field}: {position} 文字目に制御文字（{code}）があります（表計算や端末からの貼り付けで入ることがあります）。その文字を除いて入力し直してください",
    ),
    "text.bidi": (
        "{field}: a character that reverses the reading order ({code}) at character {position}; remove it so the text reads as it is stored",
        "{field}: {position} 文字目に表示順を入れ替える文字（{code}）があります。記録どおりに読めるよう削除してください",
    ),
    "output.unknown_suffix": (
        "{path}: no format is written with that suffix; use one of {formats}, or give --format",
        "{path}: その拡張子の形式はありません。{formats} のいずれかにするか、--format を指定してください",
    ),
    "output.suffix_mismatch": (
        "{path} is named like a {suffix_fmt} file but --format is {fmt}; make the two agree",
        "{path} は {suffix_fmt} のファイル名ですが --format は {fmt} です。どちらかを合わせてください",
    ),
    "output.format_not_offered": (
        "this command does not write {fmt}; use one of {formats}",
        "このコマンドは {fmt} を出力しません。{formats} のいずれかを使ってください",
    ),
    # --- audit -----------------------------------------------------------------
    "audit.ok": (
        "ledger verified: {count} event(s), chain intact, head {head}",
        "台帳を検証しました: {count} 件、ハッシュ連鎖は正常、最新 {head}",
    ),
    "audit.empty": (
        "ledger verified: no events yet",
        "台帳を検証しました: まだイベントはありません",
    ),
    "audit.bad": (
        "ledger verification FAILED at event {seq}: {reason}",
        "台帳の検証に失敗しました（イベント {seq}）: {reason}",
    ),
    "audit.reason.hash": (
        "its content does not match its stored hash (edited after it was written)",
        "内容が保存されたハッシュと一致しません（記録後に編集されています）",
    ),
    "audit.reason.link": (
        "it does not follow the event before it (an event was removed, inserted or reordered)",
        "直前のイベントとつながりません（イベントの削除・挿入・並べ替え）",
    ),
    "audit.reason.gap": (
        "the sequence jumps from {prev} to {seq} (events were removed)",
        "番号が {prev} から {seq} に飛んでいます（イベントが削除されています）",
    ),
    "audit.reason.head": (
        "the ledger recorded {expected} event(s) but holds {actual} (events at the end were removed)",
        "台帳には {expected} 件と記録されていますが {actual} 件しかありません（末尾のイベントが削除されています）",
    ),
    # --- demo ------------------------------------------------------------------
    "demo.where": (
        "Demo workspace: {path}",
        "デモのワークスペース: {path}",
    ),
    "demo.temp": (
        "(a temporary folder; pass a folder to `toolbench demo DIR` to keep it)",
        "（一時フォルダです。残すには `toolbench demo DIR` でフォルダを指定してください）",
    ),
    "demo.next": (
        "Try:\n  toolbench -C {path} procedure\n  toolbench -C {path} matrix --stage documents\n  toolbench -C {path} weights\n  toolbench -C {path} report {path}/reports\n  toolbench -C {path} log\n  toolbench -C {path} audit verify",
        "次の操作:\n  toolbench -C {path} procedure\n  toolbench -C {path} matrix --stage documents\n  toolbench -C {path} weights\n  toolbench -C {path} report {path}/reports\n  toolbench -C {path} log\n  toolbench -C {path} audit verify",
    ),
    "init.done": (
        "Created {plan} from rubric '{rubric}'. Add your tools and evaluators to it, then record scores with `toolbench score`.",
        "評価基準テンプレート '{rubric}' から {plan} を作成しました。ツールと評価者を追記し、`toolbench score` で採点を記録してください。",
    ),
    "written": (
        "wrote {path}",
        "{path} を書き出しました",
    ),
    # --- catalog ---------------------------------------------------------------
    "catalog.bad_document": (
        "{source}: not a toolbench catalog ({detail}); see docs/catalog.md for the format",
        "{source}: toolbench のカタログではありません（{detail}）。形式は docs/catalog.md を参照してください",
    ),
    "catalog.bad_entries": (
        "{source}: {count} problem(s) in the catalog, nothing was written:\n{problems}",
        "{source}: カタログに {count} 件の問題があるため、何も書き込んでいません:\n{problems}",
    ),
    "catalog.not_utf8": (
        "{source}: the catalog is not UTF-8 text; ask its publisher to save it as UTF-8",
        "{source}: カタログが UTF-8 のテキストではありません。UTF-8 で公開するよう依頼してください",
    ),
    "catalog.malformed": (
        "{source}: malformed catalog file: {reason}",
        "{source}: カタログファイルの書式が不正です: {reason}",
    ),
    "catalog.unknown": (
        "no catalog entry '{id}'; entries: {known} (try `toolbench catalog search WORD`)",
        "カタログに '{id}' はありません。登録されているもの: {known}（`toolbench catalog search 語` で検索できます）",
    ),
    "catalog.category_mismatch": (
        "catalog entry '{id}' is in category {category}, but rubric '{rubric}' is for {expected}; "
        "pick entries from `toolbench catalog list --category {expected}`",
        "カタログの '{id}' は {category} の製品ですが、評価基準テンプレート '{rubric}' は {expected} 用です。"
        "`toolbench catalog list --category {expected}` から選んでください",
    ),
    "catalog.ca_bundle": (
        "cannot use the CA bundle {path} ({reason}); give a PEM file of trusted certificates",
        "CA 証明書ファイル {path} を使えません（{reason}）。信頼する証明書の PEM ファイルを指定してください",
    ),
    "catalog.http_refused": (
        "{url}: plain HTTP is refused because nobody can check who answers; use https://, "
        "or --allow-http for a server on your own closed network",
        "{url}: 応答者を確認できないため平文の HTTP は使いません。https:// を使うか、"
        "自組織の閉域網のサーバであれば --allow-http を指定してください",
    ),
    "catalog.bad_url": (
        "{url}: not an https:// address; give the catalog's full URL",
        "{url}: https:// のアドレスではありません。カタログの URL を指定してください",
    ),
    "catalog.http_status": (
        "{url}: the server answered HTTP {status}; check the address with its publisher",
        "{url}: サーバの応答が HTTP {status} でした。公開元にアドレスを確認してください",
    ),
    "catalog.redirect_scheme": (
        "{url}: redirected to {target}, which changes the scheme; refused (ask the publisher for the final https:// address)",
        "{url}: {target} への転送はスキームが変わるため拒否しました（公開元に最終的な https:// のアドレスを確認してください）",
    ),
    "catalog.redirects": (
        "{url}: more than {limit} redirects; refused",
        "{url}: 転送が {limit} 回を超えたため拒否しました",
    ),
    "catalog.too_big": (
        "{url}: the response is larger than {limit} bytes; refused (raise --max-bytes if the catalog really is that large)",
        "{url}: 応答が {limit} バイトを超えたため拒否しました（本当に大きいカタログなら --max-bytes を増やしてください）",
    ),
    "catalog.timeout": (
        "{url}: no answer within {seconds} s; try again later or raise --timeout",
        "{url}: {seconds} 秒以内に応答がありません。後で再実行するか --timeout を増やしてください",
    ),
    "catalog.certificate": (
        "{url}: the server's certificate could not be verified ({reason}); for a private CA pass --ca-bundle FILE",
        "{url}: サーバ証明書を検証できません（{reason}）。独自の認証局なら --ca-bundle ファイル を指定してください",
    ),
    "catalog.unreachable": (
        "{url}: cannot reach the server ({reason}); check the address and the network",
        "{url}: サーバに接続できません（{reason}）。アドレスとネットワークを確認してください",
    ),
    "catalog.checksum": (
        "{url}: SHA-256 is {actual}, not the pinned {expected}; the catalog changed or was tampered with, nothing was written",
        "{url}: SHA-256 が {actual} で、指定された {expected} と一致しません。内容が変わったか改ざんされています。何も書き込んでいません",
    ),
    "catalog.bad_pin": (
        "--sha256 '{value}' is not 64 hexadecimal digits",
        "--sha256 '{value}' は 16 進 64 桁ではありません",
    ),
    "catalog.pulled": (
        "pulled {url} into {file}: {count} entries (sha256 {sha256})",
        "{url} から {count} 件を取り込みました: {file}（sha256 {sha256}）",
    ),
    "catalog.unchanged": (
        "{url} is unchanged since the last pull (HTTP 304); nothing downloaded",
        "{url} は前回の取り込みから変更がありません（HTTP 304）。ダウンロードしていません",
    ),
    "catalog.none": ("no catalog entries match", "該当するカタログ項目はありません"),
    "c.id": ("Id", "ID"),
    "c.name": ("Product", "製品名"),
    "c.vendor": ("Vendor", "事業者"),
    "c.maker": ("Maker", "開発元"),
    "c.category": ("Category", "分類"),
    "c.origin": ("From", "出典"),
    "c.url": ("Web page", "Web ページ"),
    "c.facts": ("Facts (with source and date)", "事実（出典・確認日付き）"),
    "c.no_facts": (
        "No other facts recorded: LGWAN support, certifications and prices are unknown until someone records them with a source.",
        "その他の事実は未記録です。LGWAN 対応・認証・価格は、出典付きで記録されるまで不明として扱います。",
    ),
    "origin.shipped": ("shipped", "同梱"),
    "origin.pulled": ("pulled", "取込"),
    "origin.workspace": ("this workspace", "このワークスペース"),
    # --- rubrics -----------------------------------------------------------------
    "r.rubric": ("Rubric", "評価基準テンプレート"),
    "r.criteria": ("Criteria", "評価項目数"),
    "r.price_family": ("Price", "価格評価"),
    "r.kind": ("Kind", "種別"),
    "r.scale": ("Scale", "尺度"),
    "price.lowest_ratio": ("lowest-price ratio", "最低価格比"),
    "price.addition": ("addition method", "加算方式"),
    "price.division": ("division method", "除算方式"),
    "price.ordinal": ("judged on a scale", "段階評価"),
    "price.none": ("ceiling check only", "上限額の確認のみ"),
    "formula.lowest_ratio": ("points × lowest proposed price ÷ proposed price", "配点 × 最低提案価格 ÷ 提案価格"),
    "formula.addition": (
        "price points = allocation × (1 - bid ÷ ceiling); total = technical + price points",
        "価格点 = 配分 × (1 - 入札価格 ÷ 予定価格)、総合点 = 技術点 + 価格点",
    ),
    "formula.division": ("score = technical points ÷ bid", "評価値 = 技術点 ÷ 入札価格"),
    "formula.ordinal": ("price levels on a scale, like a rating", "価格を尺度で評価"),
    "formula.none": ("a price above the ceiling disqualifies; no price points", "上限額を超える価格は失格。価格点なし"),
    "init.ledger_started": (
        "Started an empty ledger for the plan in {path}.",
        "{path} の計画に空の台帳を作成しました。",
    ),
    "init.tools_added": (
        "Candidates from the catalog: {tools}",
        "カタログから候補に加えたもの: {tools}",
    ),
    # --- hearings ----------------------------------------------------------------
    "hearing.unknown_department": (
        "respondent {respondent}: department '{value}' is not in the plan; use one of: {known}",
        "回答者 {respondent}: 部署 '{value}' は計画にありません。次から選んでください: {known}",
    ),
    "hearing.unknown_group": (
        "respondent {respondent}: stakeholder group '{value}' is not in the plan's [stakeholders]; use one of: {known}",
        "回答者 {respondent}: 関係者区分 '{value}' は計画の [stakeholders] にありません。次から選んでください: {known}",
    ),
    "hearing.unknown_item": (
        "respondent {respondent}: '{item}' in {what} is not a weighted criterion or group; use one of: {known}",
        "回答者 {respondent}: {what} の '{item}' は重み付けの対象となる評価項目・区分ではありません。次から選んでください: {known}",
    ),
    "hearing.missing_rating": (
        "respondent {respondent}: no importance given for '{item}'; rate every criterion 1-5",
        "回答者 {respondent}: '{item}' の重要度がありません。すべての評価項目を 1～5 で評価してください",
    ),
    "hearing.bad_pair": (
        "respondent {respondent}: pair ({a}, {b}): '{value}' is not on Saaty's scale; answer 1 to 9, or 1/2 to 1/9 when {b} matters more",
        "回答者 {respondent}: 一対比較 ({a}, {b}): '{value}' は Saaty の尺度にありません。1～9、{b} の方が重要なら 1/2～1/9 で答えてください",
    ),
    "hearing.invalid": (
        "respondent {respondent}: {reason}",
        "回答者 {respondent}: {reason}",
    ),
    "hearing.reason_required": (
        "respondent {respondent} was already heard (event {seq}); recording different answers needs --reason",
        "回答者 {respondent} は既にヒアリング済みです（イベント {seq}）。異なる回答を記録するには --reason が必要です",
    ),
    "hearing.recorded": (
        "recorded the hearing of {respondent} ({method})",
        "{respondent} のヒアリング（{method}）を記録しました",
    ),
    "hearing.unchanged": (
        "the hearing of {respondent} is already recorded with these answers; nothing recorded",
        "{respondent} のヒアリングは同じ回答で記録済みです。記録しません",
    ),
    "hearing.none": ("no hearings recorded yet", "ヒアリングはまだ記録されていません"),
    "hearing.import_row": (
        "{file} row {row}, column '{column}': {problem}",
        "{file} {row} 行目、列 '{column}': {problem}",
    ),
    "hearing.import_problems": (
        "{file}: {count} problem(s), nothing was recorded:\n{problems}",
        "{file}: {count} 件の問題があるため、何も記録していません:\n{problems}",
    ),
    "hearing.import_summary": (
        "{file}: {new} hearing(s) to record, {same} already recorded",
        "{file}: 記録するヒアリング {new} 件、記録済み {same} 件",
    ),
    "hearing.import_done": (
        "recorded {new} hearing(s) from {file} ({same} already recorded)",
        "{file} から {new} 件のヒアリングを記録しました（記録済み {same} 件）",
    ),
    "hearing.dry_run": ("dry run: nothing recorded", "ドライラン: 何も記録していません"),
    "hearing.file_unreadable": (
        "{file}: cannot read ({reason})",
        "{file}: 読み込めません（{reason}）",
    ),
    "hearing.formula": (
        "{file}, cell {cell}: a formula with no saved value (the file was never recalculated); open and save it in "
        "Excel, or paste the values (Paste Special → Values)",
        "{file} のセル {cell}: 計算結果が保存されていない数式です。Excel で開いて保存し直すか、"
        "値として貼り付けてください（形式を選択して貼り付け → 値）",
    ),
    "hearing.merged": (
        "{file}: merged cells {cells}; unmerge them so each answer sits in its own row and column",
        "{file}: セル {cells} が結合されています。結合を解除し、回答が行と列ごとに入るようにしてください",
    ),
    "hearing.encoding": (
        "{file}: not UTF-8 or CP932 text; save it as UTF-8 (CSV UTF-8 in Excel)",
        "{file}: UTF-8 でも CP932 でもありません。UTF-8（Excel の「CSV UTF-8」）で保存してください",
    ),
    "hearing.repeated_column": (
        "{file}: column '{column}' appears twice; keep one",
        "{file}: 列 '{column}' が 2 回あります。1 つにしてください",
    ),
    "hearing.changed": (
        '{file}: {respondents} answered differently before; to record the new answers as corrections, add --reason "…"',
        '{file}: {respondents} は以前と異なる回答です。訂正として記録するには --reason "理由" を付けてください',
    ),
    "ask.reason": (
        "{respondent} was already heard (event {seq}); why are the answers being replaced?",
        "{respondent} は既にヒアリング済みです（イベント {seq}）。回答を置き換える理由は？",
    ),
    "ask.too_many_pairs": (
        "{count} criteria would need {pairs} pairwise questions, more than AHP handles well (at most 10 criteria); "
        "answer hierarchically (groups, then within each group) instead",
        "評価項目が {count} 件あり、一対比較は {pairs} 問になります（AHP は 10 項目まで）。"
        "区分別（hierarchical）で回答してください",
    ),
    "hearing.missing_column": (
        "{file}: no '{column}' column; the header row must have {columns}",
        "{file}: '{column}' 列がありません。見出し行には {columns} が必要です",
    ),
    "import.bad_pair_column": (
        "not a pair of criteria (a:b) or of groups (@a:@b); criteria are {known}",
        "評価項目の組（a:b）でも区分の組（@a:@b）でもありません。評価項目: {known}",
    ),
    "import.unknown_column": ("unknown column; criteria are {known}", "不明な列です。評価項目: {known}"),
    "import.bad_method": ("'{value}' is not one of {known}", "'{value}' は {known} のいずれでもありません"),
    "import.not_importance": (
        "{value} is not an importance on the scale 1-5",
        "{value} は 1～5 の重要度ではありません",
    ),
    "import.not_number": ("{value} is not a number of points", "{value} は点数ではありません"),
    "import.not_judgment": (
        "'{value}' is not on Saaty's scale 1 to 9 (or 1/2 to 1/9)",
        "'{value}' は Saaty の尺度 1～9（または 1/2～1/9）にありません",
    ),
    "m.points_none_counted": (
        "The plan derives points from hearings, but none of the {count} respondent(s) counts (all inconsistent): the plan's own points are used",
        "計画では配点をヒアリングから算出しますが、回答者 {count} 名のいずれも集計対象外（整合性不足）のため、計画の配点を使っています",
    ),
    "import.more": ("… and {count} more", "… ほか {count} 件"),
    "import.duplicate": ("'{value}' already answered in row {row}", "'{value}' は {row} 行目で既に回答しています"),
    "ask.respondent": ("Respondent id (letters, digits, - _ .)", "回答者 ID（英数字と - _ .）"),
    "ask.department": ("Department ({known})", "部署（{known}）"),
    "ask.group": ("Stakeholder group ({known})", "関係者区分（{known}）"),
    "ask.name": ("Name (optional)", "氏名（任意）"),
    "ask.role": ("Role (optional)", "役職（任意）"),
    "ask.weight": (
        "Weight when combining (headcount, caseload; 1 if none)",
        "集約時の重み（人数・件数など。なければ 1）",
    ),
    "ask.readiness": (
        "How ready do you feel for the change? 1-5, blank to skip",
        "変化への準備度は？ 1～5、空欄で省略",
    ),
    "ask.method": (
        "How will you answer? ratings (1-5 each) / allocation (spread points) / pairwise / hierarchical",
        "回答方法は？ ratings（各 1～5）/ allocation（点数配分）/ pairwise（一対比較）/ hierarchical（区分別一対比較）",
    ),
    "ask.rating": ("Importance of {name} (1 = low … 5 = essential)", "{name} の重要度（1 = 低い … 5 = 不可欠）"),
    "ask.points": ("Points for {name} ({left} of {total} left)", "{name} への配点（残り {left} / {total}）"),
    "ask.points_total": (
        "The points add up to {actual}, not {total}; please allocate again",
        "配点の合計が {actual} で {total} になりません。もう一度配分してください",
    ),
    "ask.pair": (
        "{a} vs {b}: how much more important is {a}? 1 = equal, 3 = somewhat, 5 = clearly, 7 = strongly, 9 = extremely; "
        "1/3 … 1/9 if {b} matters more",
        "{a} と {b}: {a} はどれだけ重要ですか？ 1 = 同程度, 3 = やや, 5 = かなり, 7 = 非常に, 9 = 極めて重要。"
        "{b} の方が重要なら 1/3 … 1/9",
    ),
    "ask.bad_judgment": ("{reason}; answer 1 to 9 or 1/2 to 1/9", "{reason}。1～9 または 1/2～1/9 で答えてください"),
    "ask.inconsistent": (
        "These answers are not very consistent (CR {cr}, above {threshold}). The judgments that fit least:",
        "回答の整合性が低めです（CR {cr}、基準 {threshold} 超）。特に合っていない判断:",
    ),
    "ask.suggest": (
        "  {a} vs {b}: you said {given}; the rest of your answers suggest about {suggested}",
        "  {a} と {b}: 回答 {given}、他の回答からは {suggested} 程度",
    ),
    "ask.revisit": ("Revisit these judgments?", "これらの判断を見直しますか？"),
    "ask.description": ("  {text}", "  {text}"),
    "method.ratings": ("importance ratings", "重要度評価"),
    "method.allocation": ("points allocation", "配点配分"),
    "method.pairwise": ("pairwise comparison (AHP)", "一対比較（AHP）"),
    "method.hierarchical": ("pairwise by group (hierarchical AHP)", "区分別一対比較（階層 AHP）"),
    "w.respondent": ("Respondent", "回答者"),
    "w.department": ("Department", "部署"),
    "w.stakeholder": ("Group", "関係者区分"),
    "w.method": ("Method", "方法"),
    "w.cr": ("CR", "CR"),
    "w.included": ("Counted", "集計"),
    "w.group": ("Group weight", "全体の重み"),
    "w.points": ("Points", "配点"),
    "w.spread": ("Spread (min to max)", "ばらつき（最小～最大）"),
    "w.readiness": ("Readiness (1-5)", "準備度（1～5）"),
    "w.inconsistent": ("inconsistent (CR {cr} > {threshold})", "整合性不足（CR {cr} > {threshold}）"),
    "w.excluded": ("not counted", "集計外"),
    "w.counted": ("yes", "○"),
    "w.sep": ("; ", "、"),
    "w.range": ("{low} to {high}", "{low}～{high}"),
    "w.fallback": (" ({reason})", "（{reason}）"),
    "w.aip_fallback": (
        "AIJ was asked for, but some AHP answers are hierarchical and have no single judgment matrix",
        "AIJ が指定されていますが、階層型の回答には単一の判断行列がないため",
    ),
    "w.left_out": (
        "Left out: {respondent}: the answers no longer fit the plan ({reason}); record the hearing again",
        "集計外: {respondent}。回答が現在の計画に合いません（{reason}）。ヒアリングを記録し直してください",
    ),
    "m.hearings_left_out": (
        "{count} hearing(s) no longer fit the plan and are left out (see `toolbench weights`)",
        "{count} 件のヒアリングが現在の計画に合わないため集計外です（「ヒアリングによる評価項目の重み」を参照）",
    ),
    "w.each": ("Each respondent's weights", "回答者ごとの重み"),
    "w.heard": ("Who was heard", "ヒアリング対象者"),
    "w.title": ("Criterion weights from hearings", "ヒアリングによる評価項目の重み"),
    "w.pull": (
        "Who pulls which way (weight minus the group weight, in points)",
        "どこがどちらに引いているか（全体の重みとの差、配点換算）",
    ),
    "w.rule": (
        "Per respondent: normalised weights (AHP: principal eigenvector, CR with Saaty's random index). "
        "Group: weighted arithmetic mean of direct answers; AHP answers combined by {aggregation}; "
        "points by largest remainder, summing exactly to {total}.",
        "回答者ごと: 正規化した重み（AHP は主固有ベクトル、CR は Saaty のランダム整合度による）。"
        "全体: 直接評価は加重算術平均、AHP は {aggregation} で集約。配点は最大剰余法で合計がちょうど {total} になるよう配分。",
    ),
    "w.aij": ("AIJ (geometric mean of judgments)", "AIJ（判断の幾何平均）"),
    "w.aip": ("AIP (geometric mean of priorities)", "AIP（重みの幾何平均）"),
    "m.points_from_hearings": (
        "Points derived from hearings: {count} respondent(s) counted, total {total} (see `toolbench weights`)",
        "配点はヒアリングから算出: 集計対象 {count} 名、合計 {total}（「ヒアリングによる評価項目の重み」を参照）",
    ),
    "m.points_no_hearings": (
        "The plan derives points from hearings, but none are recorded yet: the plan's own points are used",
        "計画では配点をヒアリングから算出しますが、まだ記録がないため計画の配点を使っています",
    ),
    # --- matrix labels ---------------------------------------------------------
    "m.criterion": ("Criterion", "評価項目"),
    "m.group": ("Group", "区分"),
    "m.points": ("Points", "配点"),
    "m.subtotal": ("Subtotal", "小計"),
    "m.total": ("Total", "合計"),
    "m.rank": ("Rank", "順位"),
    "m.notes": ("Notes", "注記"),
    "m.evaluators": ("evaluators", "評価者"),
    "m.missing": ("missing", "未採点"),
    "m.partial": ("{n} of {m} scored", "{m}名中{n}名採点"),
    "m.provisional": ("provisional, {count} unscored", "暫定（未採点 {count} 項目）"),
    "m.rule": (
        "Rule: each evaluator's level is mapped to a ratio by the criterion's scale; {aggregation} "
        "gives the criterion's points (ratio × points). Missing scores are left out, never counted as zero. "
        "Figures are rounded {rounding} to {decimals} decimal(s) where stated below and are exact elsewhere; "
        "equal figures share a rank unless the tie-break chain separates them.",
        "算定方法：各評価者の水準を尺度表で比率に換算し、{aggregation}から項目の得点（比率 × 配点）を求める。"
        "未採点は除外し、0 点とはしない。端数は下記の箇所で小数第 {decimals} 位まで{rounding}し、それ以外は端数処理しない。"
        "同点は同順位（同点時の決定方法があればそれによる）。",
    ),
    "m.provenance": (
        "Plan {plan_hash}, ledger head #{head_seq} {head_hash}",
        "計画 {plan_hash} ・ 台帳 #{head_seq} {head_hash}",
    ),
    "money.yen": ("{amount} yen", "{amount}円"),
    "m.price_cell": ("{amount} ({tax})", "{amount}（{tax}）"),
    "m.no_tools": (
        "The plan lists no tools yet; add [[tools]] entries to toolbench.toml",
        "計画にツールがまだありません。toolbench.toml に [[tools]] を追加してください",
    ),
    "evaluation.blocked": (
        '{count} score(s) are missing ({cells}: tool/criterion/evaluator) and the plan\'s rule is scoring.missing = "block"; '
        'record them, or set missing = "exclude" to leave them out (flagged)',
        '{count} 件の採点が未記録です（{cells}: ツール/項目/評価者）。計画の規則が scoring.missing = "block" のため集計しません。'
        '採点を記録するか、missing = "exclude"（除外して明示）に変更してください',
    ),
    "agg.mean": ("the mean of the evaluators' ratios", "評価者の比率の平均"),
    "agg.median": ("the median of the evaluators' ratios", "評価者の比率の中央値"),
    "agg.sum": ("the sum of the evaluators' points", "評価者の得点の合計"),
    "agg.trimmed_mean": (
        "the mean of the evaluators' ratios without the highest and the lowest (with 3 or more scores)",
        "最高と最低を除いた評価者の比率の平均（3 名以上のとき）",
    ),
    "pricing.not_positive": (
        "tool {tool}: price {price} is not a positive amount; give the proposed price in yen",
        "ツール {tool}: 価格 {price} は正の金額ではありません。提案価格を円で指定してください",
    ),
    "pricing.bad_ceiling": (
        "price.ceiling {ceiling} is not a positive amount; give the 予定価格 / 提案上限額 in yen",
        "price.ceiling {ceiling} は正の金額ではありません。予定価格・提案上限額を円で指定してください",
    ),
    "pricing.needs_ceiling": (
        "price family {family} needs price.ceiling (予定価格); add it to [price]",
        "価格評価方式 {family} には price.ceiling（予定価格）が必要です。[price] に追加してください",
    ),
    "pricing.unknown_family": (
        "unknown price family '{family}'; use one of: {known}",
        "価格評価方式 '{family}' はありません。次から選んでください: {known}",
    ),
    "pricing.no_price": (
        "tool {tool} has no price; add price = {{ amount = … }} to it",
        "ツール {tool} に価格がありません。price = {{ amount = … }} を追加してください",
    ),
    "m.levels_key": (
        "Under each figure: each evaluator's level, in this order: {evaluators} (- = not scored, x = recused)",
        "各得点の下の数字は評価者ごとの採点水準（順に {evaluators}、- は未採点、x は利害関係による除斥）",
    ),
    "notice.not_in_plan": (
        "Event #{seq} scores tool {tool} / evaluator {evaluator} / criterion {criterion}, which the plan no longer has; it is left out",
        "イベント #{seq} の採点（ツール {tool}・評価者 {evaluator}・項目 {criterion}）は現在の計画にないため除外しています",
    ),
    "notice.off_scale": (
        "Event #{seq} gives level {level} for {criterion}, which is no longer on its scale; that evaluator's score there is left out",
        "イベント #{seq} の {criterion} の水準 {level} は現在の尺度にないため、その評価者のその採点は除外しています",
    ),
    "kind.rating": ("rating", "評価者採点"),
    "kind.metric": ("metric", "計測値"),
    "kind.price": ("price", "価格"),
    "kind.must": ("must-have", "必須要件"),
    "kind.fit": ("requirement fit table", "機能要件適合表"),
    "rounding.half_up": ("half up", "四捨五入"),
    "rounding.down": ("down", "切捨て"),
    "rounding.up": ("up", "切上げ"),
    "rounding.half_even": ("half to even", "偶数丸め"),
    # --- log -------------------------------------------------------------------
    "log.title": ("Ledger events", "台帳の記録"),
    "log.seq": ("#", "#"),
    "log.time": ("Time (UTC)", "日時 (UTC)"),
    "log.actor": ("Actor", "記録者"),
    "log.kind": ("Kind", "種別"),
    "log.summary": ("What", "内容"),
    "log.none": ("no events match", "該当するイベントはありません"),
}


def _merge_parts() -> None:
    """Messages kept beside the code that uses them, merged here; a key may be defined once."""

    parts = (
        _messages_scoring,
        _messages_sheets,
        _messages_reports,
        _messages_trials,
        _messages_trials_import,
        _messages_coi,
        _messages_fairness,
        _messages_robustness,
        _messages_archive,
        _messages_ledger_integrity,
        _messages_locks,
        _messages_display,
        _messages_blind,
        _messages_inputs,
        _messages_forms,
        _messages_terminal_scale,
        _messages_store_cli,
        _messages_store,
        _messages_procedure,
        _messages_procedure_documents,
        _messages_procedure_cli,
        _messages_fit,
        _messages_fit_cli,
        _messages_fit_documents,
        _messages_facts,
        _messages_facts_cli,
        _messages_facts_documents,
        _messages_registry,
        _messages_evidence,
    )
    for part in (p.MESSAGES for p in parts):
        clash = set(part) & set(MESSAGES)
        if clash:
            raise RuntimeError(f"message keys defined twice: {sorted(clash)}")
        MESSAGES.update(part)


_merge_parts()


class Message:
    """A message kept as key and fields, to be put into words later in either language."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params

    def __repr__(self) -> str:
        return f"Message({self.key!r}, {self.params!r})"


def _fill(value: object, lang: Lang) -> object:
    if isinstance(value, Message):
        return translate(value.key, lang, **value.params)
    if isinstance(value, tuple) and value and all(isinstance(v, Message) for v in value):
        return "\n".join(str(_fill(v, lang)) for v in value)  # several messages, one per line
    if isinstance(value, list) and value and all(isinstance(v, Message) for v in value):
        return ", ".join(str(_fill(v, lang)) for v in value)  # several words, in a row
    return value


def translate(key: str, lang: Lang, **params: object) -> str:
    """The message `key` in `lang`, with its fields filled in (nested Messages too)."""
    en, ja = MESSAGES[key]
    template = ja if lang == "ja" else en
    filled = {name: _fill(value, lang) for name, value in params.items()}
    return template.format(**filled)


def join_words(items: Iterable[str], lang: Lang) -> str:
    """Names listed in a sentence: 、 between them in Japanese, a comma in English."""
    return ("、" if lang == "ja" else ", ").join(items)


def detect_lang(explicit: str | None = None, plan_lang: str | None = None) -> Lang:
    """The language to speak: an explicit choice, else the plan's, else the locale's."""
    for candidate in (explicit, plan_lang):
        if candidate == "ja":
            return "ja"
        if candidate == "en":
            return "en"
    for var in ("TOOLBENCH_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"
