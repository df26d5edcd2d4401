"""Japanese help of `toolbench fact import` (registry lists), keyed as `help.HELP` is; merged into it there."""

from __future__ import annotations

from typing import Final

HELP: Final[dict[str, tuple[str, str]]] = {
    "fact.import": (
        "",
        "登録機関が公開する一覧（ISMAP、ASPIC、LGWAN-ASP）から、各候補についての事実を記録します。\n\n"
        "FILE は登録機関のサイトからダウンロードした一覧（.xlsx、または UTF-8 か CP932 の .csv）で、"
        "--as-of にダウンロードした日を指定します。--url を指定すると `catalog pull` と同じ規則（HTTPS）で取得します。"
        "列は見出しの語（登録番号、サービス名など）で探し、各項目をどの列から読んだかを表示します。"
        "ダウンロードした一覧と照合してください。候補は販売者または製造者と名称で一覧の行と照合し、"
        "それ以外の場合は --match で指定します。問題はすべて行と列を示して報告し、一覧全体と照合結果が"
        "すべて正しい場合にだけ記録します。\n\n"
        "\b\n例:\n"
        "  toolbench fact import ismap-list.xlsx --layout ismap --as-of 2026-11-20 --dry-run\n"
        "  toolbench fact import ismap-list.xlsx --layout ismap --as-of 2026-11-20\n"
        "  toolbench fact import aspic.csv --layout aspic --as-of 2026-11-20 --source https://…\n"
        "  toolbench fact import --url https://registry.example.jp/list.xlsx --layout my-list.toml\n"
        "  toolbench fact import ismap-list.xlsx --layout ismap --as-of 2026-11-20 --match kamiscan=C21-0005-2",
    ),
    "fact.import.FILE": (
        "The list as downloaded from the registry's site (.xlsx or .csv); or give --url.",
        "登録機関のサイトからダウンロードした一覧（.xlsx または .csv）。--url を使う場合は不要です。",
    ),
    "fact.import.--layout": (
        "",
        "一覧のレイアウト: `ismap`、`ismap-liu`、`aspic`、`lgwan-asp`、または独自のレイアウトファイル（.toml）。",
    ),
    "fact.import.--as-of": (
        "",
        "FILE をダウンロードした日（FILE を使う場合は必須。ファイルにはいつの時点の一覧かが書かれていません）。",
    ),
    "fact.import.--url": ("", "FILE を読む代わりに、この https:// のアドレスから一覧を取得します。"),
    "fact.import.--source": ("", "一覧をダウンロードしたページ（既定: レイアウトに書かれたアドレス）。"),
    "fact.import.--sheet": ("", "XLSX のみ: 一覧のあるシート（既定: レイアウトの指定、なければ最初のシート）。"),
    "fact.import.--match": (
        "",
        "この登録番号の行を TOOL のものとします（TOOL=- は、TOOL が一覧にないことを示します）。繰り返し指定できます。",
    ),
    "fact.import.--skip": ("", "TOOL については一覧から何も記録しません。繰り返し指定できます。"),
    "fact.import.--absent-means-no": (
        "",
        "一覧にない候補には「なし」を記録します（一覧はその確認日の時点で完全なものとします）。",
    ),
    "fact.import.--reason": ("", "記録済みの事実を変える理由（取り込みが訂正になる場合に必要）。"),
    "fact.import.--dry-run": ("", "一覧を読み、記録される内容を表示します。何も記録しません。"),
    "fact.import.--sha256": ("", "一覧の SHA-256 がこの値と一致しなければ受け付けません（--url と共に）。"),
    "fact.import.--timeout": ("", "待つ秒数。"),
    "fact.import.--max-bytes": ("", "--url で受け付ける最大のファイルサイズ（バイト）。"),
    "fact.import.--ca-bundle": ("", "独自の認証局を使うサーバのための、信頼する証明書の PEM ファイル。"),
    "fact.import.--allow-http": ("", "平文の http:// を受け付けます（自組織の閉域網のサーバに限ります）。"),
}

MESSAGES: Final[dict[str, tuple[str, str]]] = {}
"""Empty: `help.MESSAGES` holds these texts once merged, where the checks of every message table read them."""
