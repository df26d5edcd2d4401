"""Help of every command, option and argument in Japanese (and English where the code has none).

Keyed by command path and parameter: "matrix" is the command's help, "matrix.--format"
an option (its longest name), "score.TOOL" an argument. Each value is (English,
Japanese); an empty English means "the decorator's text", which stays beside the code.
`SHARED` holds the texts many commands share, used only while a command's English is
exactly the shared English. `FRAMES` are click's own phrases. `COMMANDS` is each command's
English summary, so that `toolbench --help` lists the commands without loading them. Japanese help names no
English word but command and option names, ids and product terms; each paragraph is
one line (the CLI wraps it by display width), an example block opens with \\b.
Read by `toolbench.cli._help`; `tests/test_help_ja.py` checks every parameter has one.
"""

from __future__ import annotations

from typing import Final

from toolbench.base.messages import help_evidence as _help_evidence
from toolbench.base.messages import help_facts as _help_facts
from toolbench.base.messages import help_registry as _help_registry

FRAMES: Final[dict[str, str]] = {
    "Usage:": "使い方:",
    "Options:": "オプション:",
    "Options": "オプション",
    "Arguments": "引数",
    "Commands": "コマンド",
    "Error: {message}": "エラー: {message}",
    "Try '{command} {option}' for help.": "'{command} {option}' でヘルプを表示します。",
    "Aborted!": "中止しました。",
    "Show this message and exit.": "このヘルプを表示して終了します。",
    "Show the version and exit.": "バージョンを表示して終了します。",
}

_ACTOR = "記録者（既定: $TOOLBENCH_ACTOR、なければログイン名）。"
_OUTPUT = "端末ではなくこのファイルに書き出します（全体を書くか、何も書かないかのどちらか）。"
_DOC_FORMAT = "出力形式（既定: -o ファイルの拡張子 .txt .md .csv .json .html .xlsx から決め、なければ表）。"
_ENCODING = (
    "CSV の文字コード: utf-8（BOM 付き）、または古いシステム向けの cp932（Windows の Shift_JIS）。"
    "cp932 にない文字はそのセルを示して報告し、置き換えません。"
)

SHARED: Final[dict[str, tuple[str, str]]] = {
    "--actor": ("Who is recording (default: $TOOLBENCH_ACTOR, else your login).", _ACTOR),
    "--output": ("Write to this file instead of the terminal (written whole or not at all).", _OUTPUT),
    "--format": (
        "Output format (default: from the suffix of -o FILE — .txt .md .csv .json .html .xlsx — else the table).",
        _DOC_FORMAT,
    ),
    "--verbose": (
        "List every row (item) as it is read, even for a long job.",
        "長い処理でも、読み込んだ行（項目）をすべて表示します。",
    ),
    "--quiet": (
        "No progress bar and no per-row lines; only the result.",
        "進捗バーも行ごとの表示も出さず、結果だけを表示します。",
    ),
    "--encoding": (
        "Encoding of CSV: UTF-8 with BOM, or CP932 (Shift_JIS as Windows writes it) for older systems; "
        "a character CP932 cannot hold is reported with its cell, never replaced.",
        _ENCODING,
    ),
    "--stage": (
        "The stage to show, by its id (default: the stage open now, else the last one closed); "
        "for a plan with [[stages]].",
        "表示する段階の ID（既定: 実施中の段階、なければ最後に終了した段階）。[[stages]] のある計画で使います。",
    ),
}

HELP: Final[dict[str, tuple[str, str]]] = {
    # --- toolbench ------------------------------------------------------------------------
    "toolbench": (
        "",
        "候補となるソフトウェアを公正に評価します: 計画、採点、台帳、比較表。\n\n"
        "\b\n例:\n"
        "  toolbench demo                      # 見本の評価を比較表で表示\n"
        "  toolbench init my-eval --rubric ai-ocr\n"
        "  toolbench -C my-eval score tool-a --evaluator e1 accuracy=4 ease-of-use=5\n"
        "  toolbench -C my-eval matrix --format csv -o matrix.csv",
    ),
    "toolbench.-C": (
        "",
        "現在のフォルダではなく、このフォルダ（またはその上位で最も近いもの）のワークスペースを使います。",
    ),
    "toolbench.--lang": ("", "表示とメッセージの言語（既定: 計画の言語、なければロケールの言語）。"),
    "toolbench.--version": ("", "バージョンを表示して終了します。"),
    "toolbench.--store": (
        "",
        "このコマンドで台帳を保存する先: postgresql:// の URL か `SQLite` のファイル"
        "（既定: $TOOLBENCH_STORE、なければ計画の `[store] url`、なければ .toolbench/ledger.sqlite）。",
    ),
    # --- archive --------------------------------------------------------------------------
    "archive": (
        "",
        "証拠アーカイブを書き出します（`archive OUT`）。または検証します（`archive verify OUT`）。\n\n"
        "アーカイブには計画ファイル、ハッシュ付きで書き出した台帳、すべての形式の比較表、調達帳票一式、"
        "results.json と MANIFEST.sha256（`sha256sum -c` でも読めます）が入ります。"
        "後から誰でも、ワークスペースなしに toolbench だけで検証できます。\n\n"
        "\b\n例:\n"
        "  toolbench archive evidence-2026-05\n"
        "  toolbench archive verify evidence-2026-05",
    ),
    "archive.verify": (
        "",
        "証拠アーカイブをその中のファイルだけで検証し、異なるファイルをすべて示します。\n\n"
        "各ファイルを MANIFEST.sha256 と照合し（変更・欠落・追加）、書き出した台帳のハッシュ連鎖、計画、"
        "計画とイベントから計算し直した結果のハッシュ、確定の記録を確かめます。"
        "すべて正しければ終了コード 0、そうでなければ問題ごとに 1 行を表示して 1 で終了します。"
        "ワークスペースは不要です。\n\n"
        "\b\n例:\n"
        "  toolbench archive verify evidence-2026-05\n"
        "  toolbench archive verify evidence-2026-05 --expect a16617bf6cebca2211e71ced19d21df5",
    ),
    "archive.verify.OUT": ("The archive folder to check.", "検証するアーカイブのフォルダ。"),
    "archive.verify.--expect": (
        "",
        "決裁文書に記載した MANIFEST.sha256 の SHA-256。アーカイブがこれと一致することを確かめます。",
    ),
    "archive.write": (
        "",
        "現時点の評価の証拠アーカイブを、新しいフォルダ OUT に書き出します。\n\n"
        "`toolbench archive OUT` と同じです。OUT は存在しないか空でなければなりません。"
        "すべてのファイルを作れた場合にだけ書き出します。帳票は計画の言語（または --lang）で作ります。\n\n"
        "\b\n例:\n"
        "  toolbench archive evidence-2026-05\n"
        "  toolbench --lang en archive write evidence-en",
    ),
    "archive.write.OUT": ("The new folder to write the archive into.", "アーカイブを書き出す新しいフォルダ。"),
    # --- audit ----------------------------------------------------------------------------
    "audit": ("", "台帳の完全性を検証します。\n\n\b\n例:\n  toolbench audit verify"),
    "audit.verify": (
        "",
        "ハッシュ連鎖を計算し直し、編集・削除・並べ替えられた最初のイベントを示します。\n\n"
        "連鎖が正しければ終了コード 0、そうでなければ 1 で終了します。"
        "--head SEQ:HASH（帳票に印字された最新イベント、ハッシュは 16 進 12 桁以上）を指定すると、"
        "イベント SEQ が今もそのハッシュを持つことも確かめます。印字の後で連鎖が書き換えられていれば失敗します。"
        "イベントの横に保持している現在の採点の表もイベントから作り直して照合します。"
        "--rebuild を指定すると、その表をイベントから作り直したものに置き換えます（連鎖は変わりません）。\n\n"
        "\b\n例:\n"
        "  toolbench audit verify\n"
        "  toolbench audit verify --head 78:673750e33d0e",
    ),
    "audit.verify.--rebuild": (
        "",
        "先に現在の採点の表をイベントから作り直します（照合で一致しないと報告されたとき）。",
    ),
    "audit.verify.--head": (
        "",
        "以前に印字された最新イベント（例: `台帳 #78 673750e33d0e` の 78:673750e33d0e）。今も連鎖にあることを確かめます。",
    ),
    # --- blind / unblind ------------------------------------------------------------------
    "blind": (
        "",
        "`toolbench unblind` まで、すべての採点表と帳票でツールを記号（候補A、候補B …）で表示します。\n\n"
        "記号は乱数の種を使った並べ替えで決めます。台帳には対応表の SHA-256 コミットメントだけを記録し、"
        "種・ソルト・対応表は `unblind` で公開するまで .toolbench/blind.json に保管します。"
        "公開後は誰でも照合できます。\n\n"
        "\b\n例:\n  toolbench blind",
    ),
    "blind.--seed": ("", "並べ替えの乱数の種（既定: 無作為に選び、秘密にします）。"),
    "unblind": (
        "",
        "各記号がどのツールかを公開します。公開した内容は記録済みのコミットメントと一致しなければなりません。\n\n"
        "\b\n例:\n  toolbench unblind",
    ),
    # --- completion -----------------------------------------------------------------------
    "completion": (
        "",
        "bash・zsh・fish 用の補完スクリプトを表示します（docs/completion.md を参照）。\n\n"
        "コマンドとオプションに加え、現在のワークスペースのツール・評価者・評価項目・部署の ID を補完します。"
        "匿名評価中は記号だけを補完します。\n\n"
        "\b\n例:\n"
        "  toolbench completion bash > ~/.toolbench-complete.bash",
    ),
    "completion.SHELL": ("The shell: bash, zsh or fish.", "シェル（bash、zsh、fish のいずれか）。"),
    # --- catalog --------------------------------------------------------------------------
    "catalog": (
        "",
        "候補製品のカタログを閲覧・検索・取得・書き出しします。\n\n"
        "項目には公開情報（名称、ベンダー、分類、ウェブページ）だけを載せ、それ以外の情報には出典と日付を付けます。"
        "ワークスペース独自の項目（ワークスペースの catalog/*.toml）と取得した項目は、"
        "同じ ID の同梱項目より優先します。\n\n"
        "\b\n例:\n"
        "  toolbench catalog list --category ai-ocr\n"
        "  toolbench catalog search クラウド\n"
        "  toolbench catalog pull https://pref.example.jp/dx/catalog.toml",
    ),
    "catalog.export": (
        "",
        "ワークスペース独自の項目を、他の団体が取得できるカタログファイルに書き出します。\n\n"
        "このワークスペースで記録した事実（`toolbench fact add`、`fact take`）は候補の項目に入れて書き出し、"
        "同じキーの事実を置き換えます。事実を記録した候補は、項目が同梱や取得済みのものでも（項目がなければ計画の候補とルーブリックの分類から作って）"
        "書き出します。他の団体は取得したファイルの事実を `fact take` で記録できます。\n\n"
        "\b\n例:\n"
        "  toolbench catalog export -o our-catalog.toml\n"
        "  toolbench catalog export --all -o catalog.json",
    ),
    "catalog.export.--format": ("", "toml または json（既定: -o ファイルの拡張子から決め、なければ toml）。"),
    "catalog.export.--all": ("", "ワークスペース独自の項目だけでなく、同梱と取得済みの項目も含めます。"),
    "catalog.list": (
        "",
        "カタログの項目を一覧します: 同梱、取得済み、このワークスペース独自のもの。\n\n"
        "\b\n例:\n"
        "  toolbench catalog list\n"
        "  toolbench catalog list --category rpa --format csv -o rpa.csv",
    ),
    "catalog.list.--category": ("", "この分類だけ（ai-ocr、rpa、ai-minutes、e-contract …）。"),
    "catalog.pull": (
        "",
        "他の市区町村や都道府県が公開したカタログを、このワークスペースに取得します。\n\n"
        "URL は 1 つのカタログファイル（TOML または JSON）か、そうしたファイルを並べた索引です。"
        "何かを書き込む前にすべての項目を検証します。変わっていないカタログ（同じ ETag）は再取得しません。\n\n"
        "\b\n例:\n"
        "  toolbench catalog pull https://pref.example.jp/dx/catalog.toml\n"
        "  toolbench catalog pull https://pref.example.jp/dx/index.json --sha256 9f86d0…",
    ),
    "catalog.pull.URL": (
        "A catalog file (TOML or JSON) or an index of them.",
        "カタログファイル（TOML または JSON）またはその索引の URL。",
    ),
    "catalog.pull.--sha256": ("", "カタログの SHA-256 がこれと一致しなければ受け付けません。"),
    "catalog.pull.--timeout": ("", "待つ秒数。"),
    "catalog.pull.--max-bytes": ("", "受け付ける最大のファイルの大きさ（バイト）。"),
    "catalog.pull.--ca-bundle": ("", "信頼する証明書の PEM ファイル（独自の認証局を使うサーバー向け）。"),
    "catalog.pull.--allow-http": (
        "",
        "暗号化しない http:// を受け付けます（自組織の閉じたネットワーク上のサーバーに限ってください）。",
    ),
    "catalog.search": (
        "",
        "ID、名称、ベンダー、分類、タグにすべての語を含む項目を探します。\n\n"
        "全角と半角、大文字と小文字は区別しません。\n\n"
        "\b\n例:\n"
        "  toolbench catalog search ocr\n"
        "  toolbench catalog search 電子 契約",
    ),
    "catalog.search.WORDS": ("Words every entry found must contain.", "見つける項目がすべて含むべき語。"),
    "catalog.show": (
        "",
        "1 つの項目を、その事実（値、番号、出典、確認日、有効期限）とともに表示します。\n\n"
        "\b\n例:\n  toolbench catalog show ai-inside-dx-suite",
    ),
    "catalog.show.ENTRY_ID": ("The id of the catalog entry.", "カタログ項目の ID。"),
    # --- coi ------------------------------------------------------------------------------
    "coi": (
        "",
        "利害関係: どの評価者がどのツールの評価から除斥されるか、その申告。\n\n"
        "ツールのベンダー・製造元・販売代理店が計画の `affiliations` にある評価者は、自動的に除斥されます"
        "（株式会社・(株) などの法人格を除いて比較し、別名は `[fairness] aliases` に書きます）。\n\n"
        "\b\n例:\n"
        "  toolbench coi list\n"
        '  toolbench coi declare ueda --company "株式会社ひかり情報システム" --note "元従業員（2023 年）"',
    ),
    "coi.declare": (
        "",
        "評価者 EVALUATOR と企業との関係、またはツールとの利害関係の申告を記録します。\n\n"
        "`toolbench lock --scores` の後でも申告によって確定済みの技術点が変わる"
        "（その評価者の採点が数えられなくなる）ため、--reason が必要で、理由はすべての帳票に表示されます。\n\n"
        "\b\n例:\n"
        '  toolbench coi declare ueda --company "ひかり情報システム" --note "元従業員（2023 年）"\n'
        '  toolbench coi declare aoki --tool kamiscan --note "親族がベンダーに勤務"\n'
        '  toolbench coi declare aoki --tool kamiscan --reason "第 3 回委員会で申告"',
    ),
    "coi.declare.EVALUATOR": ("The evaluator's id in the plan.", "計画上の評価者の ID。"),
    "coi.declare.--company": ("", "評価者が関係する組織。"),
    "coi.declare.--tool": ("", "評価者が利害関係を持つツール。"),
    "coi.declare.--note": ("", "関係の内容（帳票に開示します）。"),
    "coi.declare.--reason": ("", "技術点の確定後に申告する理由（その場合は必須。すべての帳票に表示します）。"),
    "coi.list": ("", "すべての除斥とその理由を一覧します。\n\n\b\n例:\n  toolbench coi list"),
    # --- demo / init ----------------------------------------------------------------------
    "demo": (
        "",
        "見本のプロポーザル手続を作り、最終の比較表を表示します。\n\n"
        "架空の市が公募型プロポーザルで AI-OCR を調達します。架空の提案者 7 者のうち 2 者が参加資格を満たさず、"
        "一次審査（書類）で選定、1 者が辞退、くじで決めた順のプレゼンテーション（委員 1 名欠席）を経て決定します。"
        "DIRECTORY を省くと、新しい一時フォルダにワークスペースを作り、そのパスを表示します。\n\n"
        "\b\n例:\n"
        "  toolbench demo\n"
        "  toolbench --lang en demo ./demo-eval",
    ),
    "demo.DIRECTORY": (
        "Where to build the sample workspace (default: a new temporary folder).",
        "見本のワークスペースを作るフォルダ（既定: 新しい一時フォルダ）。",
    ),
    "init": (
        "",
        "同梱の評価基準テンプレートからワークスペース（toolbench.toml と .toolbench/）を作ります。\n\n"
        "計画にはテンプレートのグループ・尺度・評価項目と、--tools でカタログから選んだ候補が入ります。"
        "採点の前に評価者（と他の候補）を追加してください。既存の計画を上書きすることはありません。\n\n"
        "\b\n例:\n"
        "  toolbench init ocr-2026 --rubric ai-ocr\n"
        "  toolbench init ocr-2026 --rubric ai-ocr --tools ai-inside-dx-suite,cogent-labs-smartread",
    ),
    "init.DIRECTORY": ("The folder of the new workspace.", "新しいワークスペースのフォルダ。"),
    "init.--rubric": ("", "もとにする同梱の評価基準テンプレート（ai-minutes、ai-ocr、e-contract、rpa）。"),
    "init.--tools": ("", "カタログから取り込む候補（`toolbench catalog list` を参照）、カンマ区切り。"),
    "init.--existing-plan": (
        "",
        "DIRECTORY にある toolbench.toml（バージョン管理から取り出したものなど）をそのまま使い、台帳だけを始めます。",
    ),
    # --- fairness -------------------------------------------------------------------------
    "fairness": (
        "",
        "評価者の点検: 甘辛、ばらつきの大きいセル、ケンドールの W、評価者を 1 人ずつ除いた結果。\n\n"
        "甘辛は、共通して採点したセルでの各評価者の他の評価者からの平均のずれです。"
        "ばらつきの大きいセル（幅が尺度の一定割合以上）は委員会での確認用に一覧します。"
        "ケンドールの W は評価者どうしのツールの順位付けの一致度で、正確な並べ替え検定または"
        "種を指定したモンテカルロ並べ替え検定を行います。評価者を 1 人ずつ除くと、"
        "首位や順位が 1 人に左右されているかが分かります。"
        "除斥を最初に一覧します。除斥された評価者の採点はどこにも数えません。"
        "段階のある計画では、採点する段階を 1 つずつ点検します（--stage）。\n\n"
        "\b\n例:\n"
        "  toolbench fairness\n"
        "  toolbench fairness --share 0.25\n"
        "  toolbench fairness --seed 7 --samples 50000 --format json -o fairness.json\n"
        "  toolbench --lang ja fairness -o 評価者チェック.md\n"
        "  toolbench fairness -o fairness.xlsx\n"
        "  toolbench fairness --stage presentation",
    ),
    "fairness.--share": (
        "",
        "幅が尺度のこの割合以上のセルを一覧します。例: 0.3 または 30%（既定: 計画の [fairness] divergence_share、未設定なら 0.3）。",
    ),
    "fairness.--seed": ("", "モンテカルロ並べ替え検定の乱数の種。"),
    "fairness.--samples": ("", "正確な並べ替え検定が 200,000 通りを超えるときに無作為に引く並べ方の数。"),
    # --- finalize / reopen / lock ---------------------------------------------------------
    "finalize": (
        "",
        "評価を確定します: 台帳の最新イベント、計画のハッシュ、結果のハッシュを記録します。\n\n"
        "先に連鎖を検証し、結果を計算します。何も変わっていなければ、再度確定しても何も記録しません。"
        "表示された結果のハッシュを決裁文書に記載してください。`toolbench archive verify` がアーカイブから計算し直します。\n\n"
        "\b\n例:\n"
        '  toolbench finalize --note "委員会 2026-05-20 承認"\n'
        "  toolbench archive evidence-2026-05",
    ),
    "finalize.--note": ("", "記録に添える備考。例: 承認した委員会の回。"),
    "reopen": (
        "",
        "確定した評価を、再び記録できるように開きます。\n\n"
        "`toolbench finalize` の後は、あらゆる書き込み（採点、測定値、ヒアリング、試行、ロック、申告、採点表、"
        "記号化）を受け付けません。再開すると理由を台帳に記録し、以後のすべての帳票に開示します。"
        "`toolbench finalize` で再び確定します。\n\n"
        "\b\n例:\n"
        '  toolbench reopen --reason "12 月 10 日の委員会で採点の入力誤りが判明"',
    ),
    "reopen.--reason": ("", "確定した評価を再び開く理由（すべての帳票に表示します）。"),
    "lock": (
        "",
        "採点を始める前に、評価項目・配点・規則のハッシュを記録します。\n\n"
        "以後すべての帳票にロックした時点を表示し、後で計画を編集すると、--reason 付きで再びロックするまで"
        "変わった部分をはっきり表示します。採点の後にロックするには --reason が必要で、"
        "ロックより前の採点の件数をすべての帳票に表示します。--scores を付けると技術点の確定を記録します。"
        "以後その採点は変えられず、`[fairness] two_envelopes = true` のときは封印した価格を開封します。\n\n"
        "\b\n例:\n"
        "  toolbench lock\n"
        '  toolbench lock --reason "第 2 回ヒアリング後に配点を修正"\n'
        "  toolbench lock --scores",
    ),
    "lock.--scores": ("", "代わりに技術点を確定します（封印した価格を開封します）。"),
    "lock.--reason": ("", "採点開始後のロック、または変更後の再ロックの理由（その場合は必須）。"),
    # --- hearing / weights ----------------------------------------------------------------
    "hearing": (
        "",
        "部署や関係者が何を重視するかを記録します（ヒアリング）。\n\n"
        "\b\n例:\n"
        "  toolbench hearing add                      # 質問を日本語または英語で順に尋ねます\n"
        "  toolbench hearing import hearings.xlsx --dry-run\n"
        "  toolbench hearing list",
    ),
    "hearing.add": (
        "",
        "回答者 1 人のヒアリングを記録します。順に質問するか、オプションで回答を指定します。\n\n"
        "回答のオプションを付けずに実行すると、評価項目の説明を示しながらすべての質問を尋ねます。"
        "一対比較の回答ではその場で整合度を計算し、最も整合しない判断を見直すよう促します。\n\n"
        "\b\n例:\n"
        "  toolbench hearing add\n"
        "  toolbench hearing add --respondent tax-1 --dept tax --group staff --ratings accuracy=5,price=3,…",
    ),
    "hearing.add.--respondent": ("", "回答者の ID。回答のオプションも指定すれば何も尋ねません。"),
    "hearing.add.--dept": ("", "回答者の部署（計画上の ID）。"),
    "hearing.add.--group": ("", "関係者グループ（計画の [stakeholders] の ID）。"),
    "hearing.add.--name": ("The respondent's name.", "回答者の氏名。"),
    "hearing.add.--role": ("The respondent's role.", "回答者の役割。"),
    "hearing.add.--weight": ("", "集約するときの重み（人数、取扱件数）。"),
    "hearing.add.--readiness": ("", "変化への準備度、1～5。"),
    "hearing.add.--ratings": ("", "評価項目ごとの重要度 1～5。"),
    "hearing.add.--allocation": ("", "評価項目ごとの配分点。"),
    "hearing.add.--total": ("", "配分点の合計（既定 100）。"),
    "hearing.add.--pairs": ("", "サーティの一対比較の判断。グループ間は @G:@H（階層）。"),
    "hearing.add.--reason": ("", "回答者の以前の回答を置き換える理由。"),
    "hearing.import": (
        "",
        "CSV または XLSX からヒアリングを読み込みます。1 行が回答者 1 人です（書式: docs/hearings.md）。\n\n"
        "先にすべてのセルを検証し、問題は行と列で示します。ファイル全体が正しい場合にだけ記録します。"
        "同じ回答で記録済みの行は飛ばすため、同じファイルを 2 回読み込んでも新たには何も記録しません。\n\n"
        "\b\n例:\n"
        "  toolbench hearing import hearings.csv --dry-run\n"
        "  toolbench hearing import hearings.xlsx",
    ),
    "hearing.import.FILE": ("The hearings file (CSV or XLSX).", "ヒアリングのファイル（CSV または XLSX）。"),
    "hearing.import.--dry-run": ("", "ファイルを検証して記録される内容を表示します。何も記録しません。"),
    "hearing.import.--reason": ("", "既にヒアリングした回答者の変更された回答を、この理由で記録します。"),
    "hearing.list": (
        "",
        "誰に、どの方法で、いつヒアリングしたかを表示します。\n\n"
        "\b\n例:\n  toolbench hearing list --format csv -o heard.csv",
    ),
    "weights": (
        "",
        "ヒアリングから得られる重みを表示します: 回答者ごと、全体、そして配点。\n\n"
        "意見の違いは隠しません: 評価項目ごとのばらつきと、各部署・各関係者グループが全体の重みからどれだけ離れているかを示します。\n\n"
        "\b\n例:\n"
        "  toolbench weights\n"
        "  toolbench weights -o weights.html\n"
        "  toolbench weights -o weights.xlsx\n"
        "  toolbench weights --format csv --encoding cp932 -o weights.csv",
    ),
    # --- log / matrix / report ------------------------------------------------------------
    "log": (
        "",
        "台帳のイベントを一覧します: 誰が、何を、いつ、どの計画のもとで記録したか。\n\n"
        "\b\n例:\n"
        "  toolbench log --tool kamiscan --evaluator aoki\n"
        "  toolbench log --since 2026-04-15 --format csv -o changes.csv",
    ),
    "log.--kind": ("", "この種別のイベントだけ（例: score、score.recorded）。"),
    "log.--tool": ("", "このツール ID に関するイベントだけ（記号化中はその記号）。"),
    "log.--evaluator": ("", "この評価者 ID に関するイベントだけ。"),
    "log.--since": ("", "この日時（現地時刻）以降のイベントだけ。例: 2026-04-01。"),
    "matrix": (
        "",
        "比較表を表示します: グループ別の評価項目、小計、合計、順位。\n\n"
        "各得点は評価者の比率の平均 × 評価項目の配点で、その下にもとの採点水準を示します。"
        "未採点は明示し、0 点とはしません。CSV は日本語版 Excel で開ける BOM 付き UTF-8"
        "（--encoding cp932 で CP932）です。HTML はグラフ付きの単独のページで、A4 横に印刷できます。"
        "XLSX（-o が必要）には評価者ごとの採点水準、配点、計画のハッシュと台帳の最新イベントも入ります。"
        "JSON は各得点のもとの採点をすべて示します。イベントが 20,000 件を超える台帳では --detail を指定したときだけです"
        "（示さないときは文書にその旨を記します）。全庁の調査では数百 MB になるためです。"
        "段階のある計画では、採点する段階を 1 つずつ（--stage）、対象者・辞退者・次に進む提案者とともに示します。\n\n"
        "\b\n例:\n"
        "  toolbench matrix\n"
        "  toolbench matrix -o matrix.csv\n"
        "  toolbench matrix --encoding cp932 -o matrix-sjis.csv\n"
        "  toolbench matrix -o matrix.html\n"
        "  toolbench matrix -o matrix.xlsx\n"
        "  toolbench --lang en matrix --format json\n"
        "  toolbench matrix --without ueda\n"
        "  toolbench matrix --stage presentation",
    ),
    "matrix.--detail": (
        "",
        "JSON: 各得点のもとの採点（だれが、どの水準を、いつ）をすべて示します。"
        "既定ではイベント 20,000 件までの台帳で示します。",
    ),
    "matrix.--without": ("", "この評価者の採点をすべての得点から除きます（繰り返し指定可）。その影響を見るためです。"),
    "report": (
        "",
        "調達の帳票を新しいフォルダ OUTDIR に書き出します。\n\n"
        "評価者ごとの採点表（評価項目が行、提案者が列、配点、備考、除斥、署名欄）、"
        "規則と端数処理を記した委員会の集計表、公表用の結果（選定した候補は名前で、他の入札者は順位順に A社、B社 …）、"
        "変更したすべての採点とその理由の記録です。XLSX は部ごとのシートを持つ 1 ファイル、HTML は全部をまとめた 1 ページ、"
        "CSV は部ごとに 1 ファイルです。その横に、各部が参照する帳票を同じ形式で書き出します: "
        "重み（ヒアリングがあるとき）、評価者の点検、頑健性（種 0）、試行の一覧（試行があるとき）、台帳の記録。"
        "すべてのファイルを作れた場合にだけ書き出します。\n\n"
        "\b\n例:\n"
        "  toolbench report reports/2026-05\n"
        "  toolbench report out --format xlsx,csv --encoding cp932\n"
        "  toolbench --lang en report out --selected kamiscan --force",
    ),
    "report.OUTDIR": ("The new folder to write the documents into.", "帳票を書き出す新しいフォルダ。"),
    "report.--format": ("", "書き出すファイルの形式、カンマ区切り: xlsx、html、csv。"),
    "report.--selected": ("", "公表用の結果で名前を示すツール（既定: 適格で 1 位のツール）。他は仮名にします。"),
    "report.--force": ("", "OUTDIR が空でなくても、その中身を置き換えます。"),
    # --- robustness -----------------------------------------------------------------------
    "robustness": (
        "",
        "順位が変わるには、どれだけの変化が必要かを示します。\n\n"
        "重みを 1 つずつ正確に: 各評価項目の重みがどこまで動けば他の候補が首位に並ぶかを、"
        "他の重みを 100 % を保つよう調整する場合と、その項目の配点だけを変える場合について示します。"
        "SMAA-2: 重み（--score-uncertainty では評価者の採点も）を変化させたとき、各候補が各順位になる割合です。"
        "乱数の種を使うため、同じ種なら同じ数値になります。入札者を 1 者ずつ除く検証: "
        "最低価格比の方式で、1 者の入札を除くと他の順位が入れ替わるかを示します。"
        "段階のある計画では、採点する段階を 1 つずつ分析します（--stage）。\n\n"
        "\b\n例:\n"
        "  toolbench robustness\n"
        "  toolbench robustness --weights hearings --score-uncertainty\n"
        "  toolbench robustness --samples 50000 --seed 7 --format json -o robustness.json\n"
        "  toolbench --lang en robustness --format markdown\n"
        "  toolbench robustness --stage presentation",
    ),
    "robustness.--samples": ("", "SMAA-2 が引く重みベクトルの数。"),
    "robustness.--seed": ("", "乱数の種（同じ種なら同じ数値）。"),
    "robustness.--weights": (
        "",
        "SMAA-2 の重みの引き方: すべての重み付けから一様に（uniform）、またはヒアリングの結果の周りに回答者のばらつきと同じ幅で（hearings）。",
    ),
    "robustness.--score-uncertainty": (
        "",
        "評価者の意見が分かれたセルの得点も、最低と最高の比率の間で引きます（三角分布、最頻値は委員会の値）。",
    ),
    # --- the procedure (公募型プロポーザル) -----------------------------------------------------
    "stage": (
        "",
        "手続の段階（参加資格審査、一次審査、二次審査 …）を開始・終了・再開します。\n\n"
        "段階は前の段階が終了してから開始します。段階を終了すると次に進む提案者を記録します: "
        "すべての参加資格要件を満たした提案者、または段階の上位 N 者と合格点による選定です。"
        "終了した段階の再開には理由が必要で、次の段階が始まっておらず、決定の前に限ります。\n\n"
        "\b\n例:\n"
        "  toolbench stage list\n"
        "  toolbench stage open qualification\n"
        "  toolbench stage close documents\n"
        '  toolbench stage reopen documents --reason "a score typed wrongly"',
    ),
    "stage.open": (
        "",
        "STAGE を開始します。前の段階が終了している必要があります。\n\n\b\n例:\n  toolbench stage open qualification",
    ),
    "stage.open.STAGE": ("The stage's id in the plan.", "計画上の段階の ID。"),
    "stage.close": (
        "",
        "STAGE を終了し、次に進む提案者を記録します。\n\n"
        "参加資格審査は、残っているすべての提案者のすべての要件を判定してから終了します。"
        "採点する段階は、すべての採点がそろい（または --incomplete-reason を指定し）、"
        "委員会の出席が記録されて定足数に達し、選定の境界でくじに委ねられた同点のくじが済んでから終了します。\n\n"
        "\b\n例:\n"
        "  toolbench stage close documents\n"
        '  toolbench stage close documents --incomplete-reason "member absent through illness"',
    ),
    "stage.close.STAGE": ("The stage's id in the plan.", "計画上の段階の ID。"),
    "stage.close.--incomplete-reason": (
        "",
        "未採点を残したまま、この理由で終了します（理由はすべての文書に記載されます）。",
    ),
    "stage.reopen": (
        "",
        "終了した STAGE を理由を付けて再開します。次の段階が始まる前に限ります。\n\n"
        "\b\n例:\n"
        '  toolbench stage reopen documents --reason "a score typed wrongly, found at the meeting of 10 June"',
    ),
    "stage.reopen.STAGE": ("The closed stage's id in the plan.", "再開する終了済みの段階の ID。"),
    "stage.reopen.--reason": ("", "終了した段階を再開する理由（すべての文書に記載されます）。"),
    "stage.list": (
        "",
        "段階を順に、状態と対象者の数とともに一覧します（* は現在の段階）。\n\n\b\n例:\n  toolbench stage list",
    ),
    "qualify": (
        "",
        "TOOL の参加資格要件 1 件の判定を記録します: pass または fail（適 / 否）。\n\n"
        "参加資格審査が開始されている必要があります。判定には根拠を記載します。"
        "記録済みの判定を変えるには --reason が必要です。同じ判定と根拠をもう一度指定しても何も記録しません。\n\n"
        "\b\n例:\n"
        '  toolbench qualify kamiscan isms pass --evidence "ISMS certificate IS 123456, valid to 2027-03-31"\n'
        '  toolbench qualify yomitoru isms 否 --evidence "no certificate submitted"',
    ),
    "qualify.TOOL": (
        "The proposer's tool id in the plan (its label while blind).",
        "計画上の提案者のツール ID（匿名化中はその記号）。",
    ),
    "qualify.REQUIREMENT": (
        "The requirement's id in the qualification stage.",
        "参加資格審査の段階にある要件の ID。",
    ),
    "qualify.VERDICT": ("pass or fail (適 or 否).", "判定: pass（適）または fail（否）。"),
    "qualify.--evidence": ("", "判定の根拠: 書類、その番号と日付。"),
    "qualify.--reason": ("", "記録済みの判定を変える理由（その場合は必須）。"),
    "attend": (
        "",
        "STAGE の出席者を記録します: 委員会、または --tool で提案者のプレゼンテーション。\n\n"
        "委員会の出席者から、段階を終了するときの定足数を数えます。"
        "出席した委員だけが採点する段階では、プレゼンテーションに欠席した委員はその提案者を採点しません"
        "（除斥と同じ扱い）。\n\n"
        "\b\n例:\n"
        "  toolbench attend presentation --tool kamiscan --present aoki,ueda,ishii\n"
        "  toolbench attend presentation --present aoki,ueda,ishii,okada",
    ),
    "attend.STAGE": ("The scored stage's id in the plan.", "計画上の採点する段階の ID。"),
    "attend.--present": ("", "出席した委員の ID、カンマ区切り（例: `aoki,ueda,ishii`）。"),
    "attend.--tool": ("", "プレゼンテーションを行った提案者（既定: 委員会の出席）。"),
    "withdraw": (
        "",
        "TOOL の提案者の辞退を、受け付けた日付と理由とともに記録します。\n\n"
        "辞退は取り消せません。以後その提案者は辞退として表示し、一覧から消すことはなく、採点もしません。"
        "辞退の前に終了した段階の記録はそのまま残ります。\n\n"
        "\b\n例:\n"
        '  toolbench withdraw yomitoru --reason "cannot staff the project" --date 2026-06-01',
    ),
    "withdraw.TOOL": (
        "The withdrawing proposer's tool id (its label while blind).",
        "辞退する提案者のツール ID（匿名化中はその記号）。",
    ),
    "withdraw.--reason": ("", "提案者が示した辞退の理由（すべての文書に記載されます）。"),
    "withdraw.--date": ("", "辞退を受け付けた日付。例: 2026-06-01 または 令和8年6月1日（既定: 今日）。"),
    "draw": (
        "",
        "誰でも検証できる 2 段階でくじを行います: 秘密のシードにコミットし、後で開示します。\n\n"
        "まずコミットメント（シードの SHA-256）を記録して発表し、シードは開示まで .toolbench/draws/ に保管します。"
        "順番はシード、会議で読み上げた立会人の値、対象者だけから決まるため、誰でも台帳から計算し直せます。\n\n"
        "\b\n例:\n"
        "  toolbench draw order presentation\n"
        "  toolbench draw reveal order:presentation --witness 37\n"
        "  toolbench draw tie final",
    ),
    "draw.order": (
        "",
        'STAGE の発表順を決めるくじにコミットします（段階に `order = "lot"` がある場合）。\n\n'
        "\b\n例:\n  toolbench draw order presentation",
    ),
    "draw.order.STAGE": ("The stage whose presentation order is drawn.", "発表順をくじで決める段階の ID。"),
    "draw.tie": (
        "",
        "同点時の決定方法がくじに委ねた同点のくじにコミットします: STAGE の選定の境界、または最終順位（`final`）。\n\n"
        "\b\n例:\n  toolbench draw tie documents\n  toolbench draw tie final",
    ),
    "draw.tie.STAGE": (
        "The stage whose shortlist edge is tied, or `final` for the final ranking.",
        "選定の境界で同点となった段階の ID、最終順位の同点なら `final`。",
    ),
    "draw.reveal": (
        "",
        "コミット済みのくじ DRAW_ID（例: order:presentation）を開示し、その結果の順番を記録します。\n\n"
        "\b\n例:\n  toolbench draw reveal order:presentation --witness 37",
    ),
    "draw.reveal.DRAW_ID": (
        "The draw's id: its purpose and stage, e.g. order:presentation or tie:final.",
        "くじの ID: 種類と段階。例: order:presentation、tie:final。",
    ),
    "draw.reveal.--witness": ("", "コミットメントの発表後に会議で読み上げた値（例: 委員が選んだ数字）。"),
    "decide": (
        "",
        "委員会の決定を記録します: PREFERRED（最優秀提案者）、次点、交渉順位。\n\n"
        "段階が実施中または未実施のとき、定足数に達していないとき、同点がくじを待っているとき、"
        "規則による順位（最終の得点、同点時の決定方法、くじ）と異なるときは記録しません。"
        "規則と異なる決定は --override に理由を記入した場合に限り記録します。\n\n"
        "\b\n例:\n"
        "  toolbench decide kamiscan --runner-up yomitoru\n"
        '  toolbench decide yomitoru --runner-up kamiscan --override "reason the committee gave"',
    ),
    "decide.PREFERRED": ("The preferred proposer's tool id (最優秀提案者).", "最優秀提案者のツール ID。"),
    "decide.--runner-up": ("", "次点の提案者。"),
    "decide.--order": ("", "交渉順位の全体、カンマ区切り（既定: 最優秀提案者、次点、その後は規則による順位）。"),
    "decide.--present": ("", "決定する会議に出席した委員（既定: 最後の段階の委員会に出席と記録された委員）。"),
    "decide.--override": ("", "規則による順位と異なる決定を、この理由で行います（理由はすべての文書に記載されます）。"),
    "negotiate": (
        "",
        "決定した順位で番が来た TOOL との交渉結果を記録します: `agreed`（合意）または `failed`（不調）。\n\n"
        "次の者との交渉は、前の者との交渉が不調となった後に限ります（随意契約の交渉）。\n\n"
        "\b\n例:\n"
        '  toolbench negotiate kamiscan agreed --reason "contract terms agreed on 20 June"\n'
        '  toolbench negotiate kamiscan 不調 --reason "could not meet the delivery date"',
    ),
    "negotiate.TOOL": ("The tool id of the proposer negotiated with.", "交渉した提案者のツール ID。"),
    "negotiate.OUTCOME": ("agreed or failed (合意 or 不調).", "結果: `agreed`（合意）または `failed`（不調）。"),
    "negotiate.--reason": ("", "合意した内容、または不調となった理由。"),
    "review": (
        "",
        "審査講評に載せる委員会の所見を記録します: 全体について、または --tool で提案者 1 者について。\n\n"
        "同じ対象（全体、または同じ提案者）について後から記録した所見が、文書では前のものに代わります。"
        "台帳には両方が残ります。\n\n"
        "\b\n例:\n"
        '  toolbench review "Both proposals met the requirements; the committee valued the support plan."\n'
        '  toolbench review "Strong accuracy; the training plan was thin." --tool kamiscan',
    ),
    "review.TEXT": ("The committee's words, as they are to be published.", "公表する委員会の所見。"),
    "review.--tool": ("", "所見の対象の提案者（既定: 手続全体）。"),
    "procedure": (
        "",
        "手続の現状を表示します: 各段階、対象者、判定、くじ、決定。\n\n"
        "サブコマンドなしでは、各段階の状況（対象者、辞退者、合格者や次に進む提案者と得点）、くじ、最終順位、"
        "決定と交渉、すべての文書に記載すべき事項を示します。"
        "`procedure review` は審査講評の案を、`procedure reasons` は選定理由書の案を作ります。\n\n"
        "\b\n例:\n"
        "  toolbench procedure\n"
        "  toolbench procedure -o procedure.html\n"
        "  toolbench procedure review -o 審査講評.html\n"
        "  toolbench procedure reasons -o 選定理由書.xlsx",
    ),
    "procedure.review": (
        "",
        "審査講評の案を作ります: 手続、結果、委員会の所見。公表用です。\n\n"
        "委員会の所見は `toolbench review` で記録したものです。\n\n"
        "\b\n例:\n  toolbench procedure review\n  toolbench procedure review -o review.html",
    ),
    "procedure.reasons": (
        "",
        "決定に続く随意契約のための選定理由書の案を作ります。\n\n"
        "契約の相手方を選んだ理由を、地方自治法施行令第167条の2第1項第2号、選んだ手続、"
        "規則と異なる点とその理由とともに記します。\n\n"
        "\b\n例:\n  toolbench procedure reasons\n  toolbench procedure reasons -o reasons.xlsx",
    ),
    "notices": (
        "",
        "提案者ごとに審査結果通知書を 1 通ずつ、新しいフォルダ OUTDIR に書き出します。\n\n"
        "各通知書はその提案者自身の結果（参加資格の適否、得点と順位、選定されたか）を伝え、"
        "他の提案者の名前は記しません。すべてのファイルを作れた場合にだけ書き出します。\n\n"
        "\b\n例:\n"
        "  toolbench notices notices/2026-06\n"
        "  toolbench notices out --format xlsx --force",
    ),
    "notices.OUTDIR": ("The new folder to write the notices into.", "通知書を書き出す新しいフォルダ。"),
    "notices.--formats": ("", "書き出すファイルの形式、カンマ区切り: html、xlsx、csv。"),
    "notices.--force": ("", "OUTDIR が空でなくても、その中身を置き換えます。"),
    # --- rubric ---------------------------------------------------------------------------
    "rubric": (
        "",
        "`toolbench init` のもとになる同梱の評価基準テンプレート。\n\n"
        "\b\n例:\n"
        "  toolbench rubric list\n"
        "  toolbench rubric show rpa",
    ),
    "rubric.list": (
        "",
        "同梱の評価基準テンプレートを、評価項目の数と価格評価方式とともに一覧します。\n\n"
        "\b\n例:\n  toolbench rubric list",
    ),
    "rubric.show": (
        "",
        "評価基準テンプレートの評価項目を表示します: グループ、種別、配点、尺度、各水準の意味。\n\n"
        "\b\n例:\n  toolbench rubric show ai-minutes",
    ),
    "rubric.show.NAME": (
        "The rubric's name (see `toolbench rubric list`).",
        "評価基準テンプレートの名前（`toolbench rubric list` を参照）。",
    ),
    # --- score / measure / moderate -------------------------------------------------------
    "score": (
        "",
        "評価者によるツールの採点水準を記録します。評価項目ごとに台帳のイベントを 1 件記録します。\n\n"
        "先にすべての水準を計画と照合し、すべて正しい場合にだけ記録します。"
        "現在と同じ水準を再度指定しても何も記録しません。変更には --reason が必要です。\n\n"
        "\b\n例:\n"
        "  toolbench score kamiscan --evaluator aoki accuracy=4 ease-of-use=5 lgwan=pass\n"
        '  toolbench score kamiscan -e aoki accuracy=3 --reason "試行報告を読み直した"\n'
        '  toolbench score moderate formeye accuracy 4 --comment "委員会で合意"',
    ),
    "score.TOOL": ("The tool's id in the plan.", "計画上のツールの ID。"),
    "score.ASSIGNMENTS": (
        "Levels as CRITERION=LEVEL, e.g. accuracy=4.",
        "採点水準を 項目=水準 で指定します。例: accuracy=4。",
    ),
    "score.--evaluator": ("", "採点した評価者の ID。"),
    "score.--reason": ("", "既存の採点を変える理由（変更する場合は必須）。"),
    "score.--record-anyway": ("", "このツールから除斥された評価者の採点も記録に残します（開示しますが、数えません）。"),
    "measure": (
        "",
        "ツールの計測型の評価項目の計測値を記録します（正確度 %、1 件あたりの分数 …）。\n\n"
        "計画は各値を、宣言した規則（最良値との比、最小～最大、最悪と最良の間の区分線形）で評価項目の配点に対する比率に換算します。\n\n"
        "\b\n例:\n"
        '  toolbench measure kamiscan field-accuracy=96.4 --source "実証 2026-10、500 帳票"',
    ),
    "measure.TOOL": ("The tool's id in the plan.", "計画上のツールの ID。"),
    "measure.ASSIGNMENTS": (
        "Values as CRITERION=VALUE, e.g. field-accuracy=96.4.",
        "計測値を 項目=値 で指定します。例: field-accuracy=96.4。",
    ),
    "measure.--source": ("", "値の出典: 試験報告書、実証の記録とその日付。"),
    "measure.--reason": ("", "既存の値を変える理由（変更する場合は必須）。"),
    "moderate": (
        "",
        "1 つのセルに委員会の合意水準を設定します。評価者の集計より優先します。\n\n"
        "以後、そのセルの個々の採点は固定されます。必須要件には pass か fail を指定します。\n\n"
        "\b\n例:\n"
        '  toolbench moderate formeye accuracy 4 --comment "第 2 回委員会で合意"',
    ),
    "moderate.TOOL": ("The tool's id in the plan.", "計画上のツールの ID。"),
    "moderate.CRITERION": ("The criterion's id in the plan.", "計画上の評価項目の ID。"),
    "moderate.LEVEL": ("The consensus level, on the criterion's scale.", "合意した水準（評価項目の尺度の水準）。"),
    "moderate.--comment": ("", "合意水準とした委員会の理由（必須）。"),
    # --- fit ------------------------------------------------------------------------------
    "fit": (
        "",
        "機能要件適合表: 要件ごとの各提案者の ○ △ × － と、事務局による確認。\n\n"
        "\b\n例:\n"
        "  toolbench fit template kamiscan -o kamiscan-fit.xlsx\n"
        "  toolbench fit import kamiscan kamiscan-fit.xlsx\n"
        "  toolbench fit verify kamiscan R-03 accept\n"
        "  toolbench fit report -o fit.xlsx",
    ),
    "fit.template": (
        "",
        "提案者が記入する機能要件適合表（XLSX または CSV）を書き出します。\n\n"
        "計画の要件一覧の要件ごとに 1 行で、要件ID・区分・要件・優先度と、空の「回答」「備考」欄があります。"
        "表の上には提案者、計画ハッシュと作成日時を記載し、取り込むときに照合します。"
        "ブックは記入する欄以外を保護し、回答欄で ○ △ × － を一覧から選べ、A4 に収まるよう印刷されます。"
        "CSV は BOM 付き UTF-8 です（--encoding cp932 で CP932）。\n\n"
        "\b\n例:\n"
        "  toolbench fit template kamiscan -o kamiscan-fit.xlsx\n"
        "  toolbench fit template kamiscan -o kamiscan-fit.csv --encoding cp932",
    ),
    "fit.template.TOOL": (
        "The proposer's tool id in the plan (its label while blind).",
        "計画上の提案者のツール ID（匿名化中はその記号）。",
    ),
    "fit.template.--format": ("", "xlsx または csv（既定: -o のファイル名から決め、なければ csv）。"),
    "fit.template.--output": (
        "",
        "このファイルに書き出します（全体を書くか、何も書かないかのどちらか）。指定しなければ CSV を端末に出力します。",
    ),
    "fit.import": (
        "",
        "提案者が記入した機能要件適合表を記録します。すべてを記録するか、何も記録しないかのどちらかです。\n\n"
        "FILE は `toolbench fit template` が TOOL 用に書き出し、提案者が記入した表です"
        "（.xlsx、または UTF-8 か CP932 の .csv）。"
        "先にすべての行を検証し、問題はそれぞれ行と列で示します。ファイル全体が正しい場合にだけ記録します。"
        "記録済みの回答は飛ばすため、同じファイルをもう一度取り込んでも何も記録しません。"
        "回答を変更するには --reason が必要です。\n\n"
        "\b\n例:\n"
        "  toolbench fit import kamiscan kamiscan-fit.xlsx --dry-run\n"
        "  toolbench fit import kamiscan kamiscan-fit.xlsx\n"
        '  toolbench fit import kamiscan kamiscan-fit-v2.xlsx --reason "5月10日付けの訂正回答"',
    ),
    "fit.import.TOOL": (
        "The proposer whose answers the file holds (its tool id, or its label while blind).",
        "ファイルに回答を記入した提案者（ツール ID、匿名化中はその記号）。",
    ),
    "fit.import.FILE": (
        "The filled-in fit table (.xlsx or .csv).",
        "記入済みの機能要件適合表（.xlsx または .csv）。",
    ),
    "fit.import.--reason": ("", "記録済みの回答を変える理由（変更する場合は必須）。"),
    "fit.import.--dry-run": ("", "ファイルを検証して記録される内容を表示します。何も記録しません。"),
    "fit.verify": (
        "",
        "提案者の要件 1 件への回答を確認します: 承認、格下げまたは照会。\n\n"
        "承認は回答どおりに計上します。△ の場合は代替案を確認したことを記録します。"
        "格下げは ○ を △、△ を × として計上します。"
        "照会は提案者に問い合わせ、回答を確認待ちのままにします。"
        "格下げと照会には --reason が必要です。その要件に新しい回答があれば、改めて確認が必要です。\n\n"
        "\b\n例:\n"
        "  toolbench fit verify kamiscan R-03 承認\n"
        '  toolbench fit verify kamiscan R-07 格下げ --reason "代替案は有償の追加機能が必要"\n'
        '  toolbench fit verify kamiscan R-09 照会 --reason "対応する版と時期を確認"',
    ),
    "fit.verify.TOOL": (
        "The proposer's tool id in the plan (its label while blind).",
        "計画上の提案者のツール ID（匿名化中はその記号）。",
    ),
    "fit.verify.REQUIREMENT": (
        "The requirement's id in the plan's list (`toolbench fit list`).",
        "計画の要件一覧にある要件ID（`toolbench fit list` で確認できます）。",
    ),
    "fit.verify.ACTION": (
        "accept, downgrade or query (承認, 格下げ or 照会).",
        "確認の操作: 承認、格下げまたは照会（英語の操作名でも指定できます）。",
    ),
    "fit.verify.--reason": ("", "理由（格下げと照会の場合は必須）。"),
    "fit.accept-rest": (
        "",
        "TOOL のまだ確認していない回答を、△ を除いてすべて承認します。\n\n"
        "提案書の資料で ○ と × を確認し、疑わしいものを格下げまたは照会した後の事務局向けです。"
        "△ は代替案を確認したうえで `fit verify` により 1 件ずつ承認します。\n\n"
        "\b\n例:\n"
        "  toolbench fit accept-rest kamiscan",
    ),
    "fit.accept-rest.TOOL": (
        "The proposer's tool id in the plan (its label while blind).",
        "計画上の提案者のツール ID（匿名化中はその記号）。",
    ),
    "fit.list": (
        "",
        "要件の一覧、または提案者 1 者の回答とその確認状況を表示します。\n\n"
        "TOOL を指定しなければ、すべての要件を区分・優先度・評価項目とともに表示します。"
        "TOOL を指定すると、提案者自身の回答と備考、計上する回答、確認の状況（未確認・承認・格下げ・照会中）、"
        "その点数と根拠のイベントを表示します。未確認の △ は承認されるまで × として計上します。\n\n"
        "\b\n例:\n"
        "  toolbench fit list\n"
        "  toolbench fit list kamiscan\n"
        "  toolbench fit list kamiscan -o kamiscan-answers.csv",
    ),
    "fit.list.TOOL": (
        "The proposer whose answers to show (default: the requirement list).",
        "回答を表示する提案者（既定: 要件一覧を表示）。",
    ),
    "fit.report": (
        "",
        "提案者の機能要件適合表を比較します: 回答、計上する回答、点数と確認の状況。\n\n"
        "評価が現時点で計上するとおりに、機能要件のすべての評価項目の比較表を作ります。未確認の回答はその旨を示します。"
        "段階のある計画では、指定した段階（--stage）、なければ実施中の段階を表示します。\n\n"
        "\b\n例:\n"
        "  toolbench fit report\n"
        "  toolbench fit report -o fit.xlsx\n"
        "  toolbench fit report --stage documents -o fit.html",
    ),
    # --- sheet ----------------------------------------------------------------------------
    "sheet": (
        "",
        "採点表: 評価者 1 人分の ツール × 評価項目 の様式。記入して読み戻します。\n\n"
        "\b\n例:\n"
        "  toolbench sheet export --evaluator aoki -o aoki.xlsx\n"
        "  toolbench sheet import aoki.xlsx --dry-run\n"
        "  toolbench sheet import aoki.xlsx",
    ),
    "sheet.export": (
        "",
        "記入用の評価者の採点表（XLSX または CSV）を書き出します。\n\n"
        "行は評価者が採点する評価項目で配点・水準・水準の説明付き、列はツールです。"
        "評価者の現在の採点水準を記入済みにする（--blank のときを除く）ため、記録済みの内容の確認にも使えます。"
        "CSV は日本語版 Excel で開けるよう BOM 付き UTF-8 です。"
        "段階のある計画では、採点する段階 1 つ分（--stage）の評価項目と対象の提案者の採点表になります。\n\n"
        "\b\n例:\n"
        "  toolbench sheet export --evaluator aoki -o aoki.xlsx\n"
        "  toolbench --lang en sheet export -e ishii --format csv > ishii.csv\n"
        "  toolbench sheet export -e aoki --stage presentation -o aoki-presentation.xlsx",
    ),
    "sheet.export.--evaluator": ("", "採点表を作る評価者の ID。"),
    "sheet.export.--format": ("", "xlsx または csv（既定: -o のファイル名から決め、なければ csv）。"),
    "sheet.export.--output": (
        "",
        "このファイルに書き出します（全体を書くか、何も書かないかのどちらか）。指定しなければ CSV を端末に出力します。",
    ),
    "sheet.export.--blank": ("", "評価者が採点済みでも、すべての水準のセルを空にします。"),
    "sheet.import": (
        "",
        "記入済みの採点表の水準を記録します。すべてを記録するか、何も記録しないかのどちらかです。\n\n"
        "FILE は `toolbench sheet export` で書き出した採点表（.xlsx または .csv）で、評価者は表に記載された人です。\n\n"
        "先にすべてのセルを検証し、問題はセル（C7 など）で示します。採点表全体が正しい場合にだけ記録します。"
        "空のセルは記録せず、記録済みの水準は飛ばすため、同じ採点表を 2 回読み込んでも新たには何も記録しません。\n\n"
        "\b\n例:\n"
        "  toolbench sheet import aoki.xlsx --dry-run\n"
        '  toolbench sheet import aoki.xlsx --reason "試行報告を読み直した"',
    ),
    "sheet.import.FILE": ("The filled-in sheet (.xlsx or .csv).", "記入済みの採点表（.xlsx または .csv）。"),
    "sheet.import.--evaluator": ("", "この評価者の採点表でなければ受け付けません。"),
    "sheet.import.--reason": ("", "記録済みの水準を変える理由（変更する場合は必須）。"),
    "sheet.import.--dry-run": ("", "採点表を検証して記録される内容を一覧します。何も記録しません。"),
    # --- store / ledger copy ---------------------------------------------------------------
    "store": (
        "",
        "台帳を保存する `PostgreSQL` のサーバーを準備し、そこで誰が採点できるかを定めます。\n\n"
        "ワークスペースは、計画の `[store] url`、TOOLBENCH_STORE または --store が `PostgreSQL` のサーバーを"
        "指定しない限り、台帳を .toolbench/ledger.sqlite に保存します（docs/store.md を参照）。"
        "パスワードは計画に書かず、PGPASSWORD、~/.pgpass またはサービスファイル（PGSERVICE）で渡します。\n\n"
        "\b\n例:\n"
        "  toolbench store init postgresql://db.example.lg.jp/toolbench\n"
        "  toolbench store grant aoki_login aoki",
    ),
    "store.init": (
        "",
        "`PostgreSQL` のデータベースに toolbench の表・規則・ロールを作成します。\n\n"
        "URL の既定はワークスペースの保存先です。適用した移行を 1 行ずつ表示します。"
        "準備済みのデータベースで再び実行しても、何も適用しません。\n\n"
        "\b\n例:\n"
        "  toolbench store init postgresql://db.example.lg.jp/toolbench\n"
        "  toolbench store init",
    ),
    "store.init.URL": (
        "The PostgreSQL database (postgresql://HOST/DATABASE; default: the workspace's store).",
        "`PostgreSQL` のデータベース（postgresql://ホスト/データベース。既定: ワークスペースの保存先）。",
    ),
    "store.migrate": (
        "",
        "以前の toolbench で準備したデータベースを、この版に合わせて更新します。\n\n"
        "URL の既定はワークスペースの保存先です。適用した移行を 1 行ずつ表示します。"
        "イベントとそのハッシュは一切変わりません。\n\n"
        "\b\n例:\n"
        "  toolbench store migrate\n"
        "  toolbench store migrate postgresql://db.example.lg.jp/toolbench",
    ),
    "store.migrate.URL": (
        "The PostgreSQL database (postgresql://HOST/DATABASE; default: the workspace's store).",
        "`PostgreSQL` のデータベース（postgresql://ホスト/データベース。既定: ワークスペースの保存先）。",
    ),
    "store.grant": (
        "",
        "ログインロール ROLE が EVALUATOR として、また EVALUATOR としてだけ採点を記録できるようにします。\n\n"
        "EVALUATOR は計画の評価者でなければなりません。以後、ROLE が他の評価者の採点を記録しようとすると、"
        "サーバー自体が拒否します。URL の既定はワークスペースの保存先です。\n\n"
        "\b\n例:\n"
        "  toolbench store grant aoki_login aoki\n"
        "  toolbench store grant ueda_login ueda postgresql://db.example.lg.jp/toolbench",
    ),
    "store.grant.ROLE": (
        "The PostgreSQL login role the evaluator connects as.",
        "評価者が接続に使う `PostgreSQL` のログインロール。",
    ),
    "store.grant.EVALUATOR": ("The evaluator's id in the plan.", "計画上の評価者の ID。"),
    "store.grant.URL": (
        "The PostgreSQL database (postgresql://HOST/DATABASE; default: the workspace's store).",
        "`PostgreSQL` のデータベース（postgresql://ホスト/データベース。既定: ワークスペースの保存先）。",
    ),
    "ledger": (
        "",
        "このワークスペースの台帳を別の保存先に移します。\n\n"
        "\b\n例:\n"
        "  toolbench ledger copy --to postgresql://db.example.lg.jp/toolbench",
    ),
    "ledger.copy": (
        "",
        "このワークスペースの台帳のすべてのイベントを、空の別の保存先に写します。\n\n"
        "各イベントは連番・時刻・内容・ハッシュをそのまま保ちます。写す前と後にハッシュの連鎖を検証し、"
        "両方の先頭を表示します。既にイベントを持つ保存先は拒否します。サーバーに写してから計画の "
        "`[store] url` にそのサーバーを書くか、サーバーの台帳を `SQLite` のファイルに写し戻します。\n\n"
        "\b\n例:\n"
        "  toolbench ledger copy --to postgresql://db.example.lg.jp/toolbench\n"
        "  toolbench --store postgresql://db.example.lg.jp/toolbench ledger copy --to backup.sqlite",
    ),
    "ledger.copy.--to": (
        "",
        "写し先: postgresql:// の URL（`toolbench store init` で準備したもの）か、新しい `SQLite` のファイル。",
    ),
    # --- trial / trials -------------------------------------------------------------------
    "trial": (
        "",
        "部署でのツールの試行: 開始、段階の移行、意見と研修の記録。\n\n"
        "\b\n例:\n"
        "  toolbench trial start kamiscan --dept tax\n"
        '  toolbench trial move kamiscan --dept tax --to demo --note "税務課でベンダーの実演"\n'
        "  toolbench trial log kamiscan --dept tax          # 順に尋ねます\n"
        "  toolbench trials                                 # 一覧",
    ),
    "trial.import": (
        "",
        "Microsoft Forms、Google Forms などのフォームサービスから書き出した意見を読み込みます。\n\n"
        "先にすべての回答を検証し、すべて正しい場合にだけ記録します。記録済みの回答は飛ばすため、"
        "同じファイルを 2 回読み込んでも新たには何も記録しません。対応付けは docs/trials-import.md を参照してください。\n\n"
        "\b\n例:\n"
        "  toolbench trial import responses.xlsx --mapping docs/examples/trials/microsoft-forms.toml --dry-run",
    ),
    "trial.import.FILE": ("The exported responses (CSV or XLSX).", "書き出した回答（CSV または XLSX）。"),
    "trial.import.--mapping": ("", "列の対応付け（TOML）。"),
    "trial.import.--dry-run": ("", "記録される内容を表示します。何も書き込みません。"),
    "trial.log": (
        "",
        "部署での TOOL についての 1 人の意見を記録します。内容のオプションがなければ順に尋ねます。\n\n"
        "評価は計画の評価項目と尺度を使います。効果は 1 件あたりの導入前と導入後の分数と期間中の件数で指定し、"
        "年間の時間を計算して期間とともに表示します。SUS は 10 問すべての回答が必要です（不完全な回答は受け付けません）。\n\n"
        "\b\n例:\n"
        "  toolbench trial log kamiscan --dept tax\n"
        '  toolbench trial log kamiscan --dept tax --respondent "窓口担当" --rating ease-of-use=4 \\\n'
        "      --minutes-before 12 --minutes-with 4 --cases 300 --period-days 30 --sus 4,2,4,2,4,2,4,2,4,2",
    ),
    "trial.log.TOOL": ("The tool's id in the plan.", "計画上のツールの ID。"),
    "trial.log.--dept": ("", "部署の ID。"),
    "trial.log.--respondent": ("", "意見を述べた人（氏名または役割）。"),
    "trial.log.--role": ("", "回答者の役割。"),
    "trial.log.--rating": ("", "計画の評価項目についての評価。"),
    "trial.log.--comment": ("", "自由記述の意見。"),
    "trial.log.--minutes-before": ("", "導入前の 1 件あたりの分数。"),
    "trial.log.--minutes-with": ("", "導入後の 1 件あたりの分数（確認作業を含む）。"),
    "trial.log.--cases": ("", "期間中に処理した件数。"),
    "trial.log.--period-days": ("", "期間の日数（30 = 1 か月）。"),
    "trial.log.--accuracy": ("", "正確度の標本。例: 482/500。"),
    "trial.log.--unit": ("", "正確度の標本の単位。"),
    "trial.log.--sus": ("", "SUS の 10 問の回答 1～5、順番どおり。"),
    "trial.log.--uxlite": ("", "UX-Lite の 2 問の回答 1～5（有用さ、使いやすさ）。"),
    "trial.log.--date": ("", "意見の日付（YYYY-MM-DD、既定は今日）。"),
    "trial.move": (
        "",
        "部署での TOOL の試行を別の段階に移します。移せる段階は計画の段階の定義で決まります。\n\n"
        "\b\n例:\n"
        '  toolbench trial move kamiscan --dept tax --to pilot --note "300 帳票で実証"\n'
        '  toolbench trial move alpha-reader --dept tax --to desk-review --reason "職員には複雑すぎた"',
    ),
    "trial.move.TOOL": ("The tool's id in the plan.", "計画上のツールの ID。"),
    "trial.move.--dept": ("", "部署の ID。"),
    "trial.move.--to": ("", "移す先の段階。"),
    "trial.move.--note": ("", "何があったか（経過に残します）。"),
    "trial.move.--reason": ("", "結論の出た試行（採用、不採用）を再開する理由。"),
    "trial.show": (
        "",
        "部署をまたいだ TOOL の経過を表示します: すべての移行、意見、研修。\n\n"
        "\b\n例:\n  toolbench trial show kamiscan",
    ),
    "trial.show.TOOL": ("The tool's id in the plan.", "計画上のツールの ID。"),
    "trial.start": (
        "",
        "部署で TOOL の試行を始めます。\n\n"
        "\b\n例:\n"
        '  toolbench trial start kamiscan --dept tax --note "市場調査後の候補"',
    ),
    "trial.start.TOOL": ("The tool's id in the plan.", "計画上のツールの ID。"),
    "trial.start.--dept": ("", "部署の ID（計画の [[departments]] から）。"),
    "trial.start.--phase": ("", "開始する段階（既定: 計画の最初の段階）。"),
    "trial.start.--note": ("", "開始の記録に添える備考。"),
    "trial.training": (
        "",
        "部署での TOOL の研修を記録します。\n\n"
        "\b\n例:\n"
        "  toolbench trial training kamiscan --dept tax --date 2026-05-12 --attendees 14 --satisfaction 4.2",
    ),
    "trial.training.TOOL": ("The tool's id in the plan.", "計画上のツールの ID。"),
    "trial.training.--dept": ("", "部署の ID。"),
    "trial.training.--date": ("", "研修の日付（YYYY-MM-DD）。"),
    "trial.training.--attendees": ("", "参加した職員の人数。"),
    "trial.training.--satisfaction": ("", "満足度の平均、1～5。"),
    "trial.training.--notes": ("", "研修についての備考。"),
    "trials": (
        "",
        "試行の一覧: 部署ごとの各ツールの段階とその日数、意見、SUS、削減時間。\n\n"
        "取得した他市の試行結果は、発行元と公表日を添えて別の節に示します。採用を記録し（`trials adopt`）、"
        "評価項目で発行元を指定しない限り、本市の数値には含みません。`trials publish` は本市の試行結果を他市向けに書き出します。\n\n"
        "\b\n例:\n"
        "  toolbench trials\n"
        "  toolbench trials -o trials.csv\n"
        "  toolbench trials -o trials.xlsx\n"
        "  toolbench trials publish -o evidence.toml --publisher ○○市\n"
        "  toolbench trials evidence",
    ),
}

# Commands added later keep their Japanese help in a file of their own, merged here (a key once).
for _part in (_help_facts.HELP, _help_registry.HELP, _help_evidence.HELP):
    _clash = set(_part) & set(HELP)
    if _clash:
        raise RuntimeError(f"help keys defined twice: {sorted(_clash)}")
    HELP.update(_part)

COMMANDS: Final[dict[str, str]] = {
    "archive": "Write an evidence archive (`archive OUT`), or check one (`archive verify OUT`).",
    "attend": "Record who is present in STAGE: at its committee meeting, or with --tool at a proposer's presentation.",
    "audit": "Check the ledger's integrity.",
    "blind": "Show tools as labels (候補A, 候補B …) in every sheet and report until `toolbench unblind`.",
    "catalog": "Browse, search, pull and export the catalog of candidate products.",
    "coi": "Conflicts of interest: who is recused from which tool, and declarations.",
    "completion": "Print the shell completion script for bash, zsh or fish (see docs/completion.md).",
    "decide": "Record the committee's decision: PREFERRED (最優秀提案者), the runner-up and the negotiation order.",
    "demo": "Build a sample proposal procedure and print its final comparison matrix.",
    "draw": "Draw lots in two steps anyone can check: commit to a secret seed, then reveal it.",
    "fact": "Facts about the candidates (ISMAP, ISMS, Pマーク, LGWAN-ASP, data location …), each with its source and date.",
    "fairness": "Rater checks: leniency, divergent cells, Kendall's W, and leave one evaluator out.",
    "finalize": "Freeze the evaluation: record the ledger head, the plan hash and the results hash.",
    "fit": "Requirement fit tables (機能要件適合表): each proposer's ○ △ × － per requirement, verified.",
    "hearing": "Record what departments and stakeholders said matters (ヒアリング).",
    "init": "Create a workspace (toolbench.toml + .toolbench/) from a shipped rubric.",
    "ledger": "Move this workspace's ledger to another store.",
    "lock": "Record the hash of the criteria, points and rules before scoring starts.",
    "log": "List ledger events: who recorded what, when, under which plan.",
    "matrix": "Print the comparison matrix: criteria by group, subtotals, totals and ranks.",
    "measure": "Record measured values of metric criteria for a tool (accuracy %, minutes per case …).",
    "moderate": "Set the committee's consensus level on one cell; it overrides the evaluators' aggregate.",
    "negotiate": "Record the outcome of negotiating with TOOL, whose turn it is in the decided order: agreed or failed.",
    "notices": "Write one 審査結果通知書 per proposer into the new folder OUTDIR.",
    "procedure": "Show where the procedure stands: each stage, who takes part, verdicts, draws, the decision.",
    "qualify": "Record the verdict on one entry requirement (参加資格) for TOOL: pass or fail (適 / 否).",
    "reopen": "Open a finalized evaluation for recording again.",
    "report": "Write the procurement documents into the new folder OUTDIR.",
    "review": "Record the committee's words for the 審査講評: on the whole, or with --tool on one proposer.",
    "robustness": "How much would have to change for the ranking to change.",
    "rubric": "The shipped scoring rubrics (評価基準テンプレート) that `toolbench init` starts from.",
    "score": "Record an evaluator's levels for a tool, one ledger event per criterion.",
    "store": "Set up a PostgreSQL server to keep the ledger, and say who may score there.",
    "sheet": "Score sheets (採点表): one evaluator's form of tools × criteria, filled in and read back.",
    "stage": "Open, close and reopen the stages of the procedure (参加資格審査, 一次審査, 二次審査 …).",
    "trial": "Trials of a tool in a department: start, move between phases, log feedback and training.",
    "trials": "The trial board: each tool in each department, its phase and days in it, feedback, SUS and hours saved.",
    "unblind": "Reveal which tool is behind each label; the reveal must reproduce the recorded commitment.",
    "weights": "Show the weights the hearings give: per respondent, for the group, and the points.",
    "withdraw": "Record that TOOL's proposer withdrew (辞退), with the date it was received and its reason.",
}
"""Each command's summary as `toolbench --help` lists it: the first paragraph of its English help.

The top-level help is written from this table (and the Japanese from `HELP`), so listing the
commands loads none of their modules. `tests/test_cold_start.py` keeps it equal to the commands'
own docstrings."""

MESSAGES: Final[dict[str, tuple[str, str]]] = {
    f"help:{key}": ("" if key in SHARED else value[0], value[1]) for key, value in {**SHARED, **HELP}.items()
}
"""The table under the name every message part has, so the checks of all messages (CP932 …) read it too.

Not merged into `toolbench.base.i18n.MESSAGES`: help is read by the CLI only. The shared English is the
decorators' (in `toolbench.cli`), so it is left out here as the other empty English is."""
