"""Japanese help of `toolbench fact` (add, list, check, take, retract, keys), keyed as `help.HELP` is; merged into it there."""

from __future__ import annotations

from typing import Final

_TOOL = ("The candidate (its tool id, or its label while blind).", "候補（ツール ID、匿名化中はその記号）。")
_KEY = (
    "The fact: a known key, its name or alias (ismap, ISMS, Pマーク …), or any other name.",
    "事実: 既知のキー、その名称または別名（`ismap`、ISMS、Pマーク など）、またはそれ以外の任意の名前。",
)
_ON = "この日で事実を判定します（既定: 計画の `[facts] date`、なければ今日）。"

HELP: Final[dict[str, tuple[str, str]]] = {
    "fact": (
        "",
        "候補についての事実（ISMAP、ISMS、Pマーク、LGWAN-ASP、データの保管場所など）を、出典と確認日とともに扱います。\n\n"
        "\b\n例:\n"
        "  toolbench fact keys\n"
        "  toolbench fact add kamiscan ismap true --source https://www.ismap.go.jp/csm --as-of 2026-11-20\n"
        "  toolbench fact list\n"
        "  toolbench fact check",
    ),
    "fact.add": (
        "",
        "TOOL についての事実を 1 件記録します: KEY の値が VALUE であることを、--source の出典で --as-of の日に確認した、"
        "という記録です。\n\n"
        "KEY は既知の事実（`toolbench fact keys`）のキー、名称または別名（`ismap`、ISMS、Pマーク、LGWAN-ASP など）、"
        "またはそれ以外の任意の名前（自由記述の事実）です。"
        "VALUE はキーに応じて読みます: あり／なし（`true` / `false`）、選択肢の値（`japan`、国内 など）、または日数。"
        "--as-of には既定値がありません。確認日は事実の古さそのものであり、自動で今日の日付を入れると古い情報が新しく見えてしまうためです。"
        "同じ日以降に確認した事実を別の内容で置き換える場合は訂正となり、--reason が必要です。\n\n"
        "\b\n例:\n"
        "  toolbench fact add kamiscan ismap true --number C21-0001-1 \\\n"
        "      --source https://www.ismap.go.jp/csm --as-of 2026-11-20 --expires 2027-03-31\n"
        '  toolbench fact add kamiscan Pマーク なし --source "提案書 様式第3号" --page 4 --as-of today',
    ),
    "fact.add.TOOL": _TOOL,
    "fact.add.KEY": _KEY,
    "fact.add.VALUE": (
        "The value: true/false (あり/なし), one of the key's values, or a number of days.",
        "値: あり／なし（`true` / `false`）、キーの選択肢の値、または日数。",
    ),
    "fact.add.--source": ("", "確認した出典: URL、または文書名。"),
    "fact.add.--as-of": ("", "出典を確認した日（2026-11-20、令和8年11月20日、または `today`）。"),
    "fact.add.--expires": ("", "事実が有効な最終日（登録や認証の有効期限）。"),
    "fact.add.--number": ("", "登録番号または認証番号。"),
    "fact.add.--page": ("", "出典の該当箇所: ページ、節または行。"),
    "fact.add.--detail": ("", "値だけでは表せない内容: 認証の適用範囲、裁判所の名称など。"),
    "fact.add.--reason": ("", "理由: 同じ日以降に確認した事実を訂正する場合は必須。"),
    "fact.list": (
        "",
        "候補ごとに記録された事実を、出典、確認日、判定日での状態とともに一覧にします。\n\n"
        "候補ごと（計画の順）に、各事実の値、番号、出典、確認日、有効期限、判定日での状態"
        "（有効、期限切れ、確認が古い: 計画の `[facts] max_age_days` を超えて前に確認したもの）、記録者とイベントを示します。"
        "続いて、カタログの項目にあるのに記録されていない（または記録と異なる）事実を示します（`toolbench fact take` で記録できます）。"
        "匿名化中は候補を記号で示し、出典は表示しません。\n\n"
        "\b\n例:\n"
        "  toolbench fact list\n"
        "  toolbench fact list kamiscan --on 2027-04-01\n"
        "  toolbench fact list -o facts.xlsx",
    ),
    "fact.list.TOOL": (
        "Only this candidate (its tool id, or its label while blind); default: every candidate.",
        "この候補だけを表示します（ツール ID、匿名化中はその記号。既定: すべての候補）。",
    ),
    "fact.list.--on": ("", _ON),
    "fact.check": (
        "",
        "確認が必要な事実を示します: 期限切れ、確認が古いもの、計画が必要とするのに記録されていないもの。\n\n"
        "判定日（--on、なければ計画の `[facts] date`、なければ今日）に、有効期限を過ぎた事実、"
        "計画の `[facts] max_age_days` を超えて前に確認した事実、"
        "計画の事実の評価項目と事実で判定する必須要件が読むのに候補について記録されていない事実を示し、"
        "続いて --within 日以内に期限を迎える事実を示します。"
        "判定日が有効期限の当日である事実は、まだ有効です。辞退した候補は確認しません。"
        "期限切れ、確認が古い、未記録のいずれかがあれば終了コード 1、なければ 0 で終わります"
        "（期限が近い事実だけなら 0、オプションの誤りは 2）。スクリプトから定期的に実行できます。\n\n"
        "\b\n例:\n"
        "  toolbench fact check\n"
        "  toolbench fact check --on 2027-04-01 --within 30",
    ),
    "fact.check.--on": ("", _ON),
    "fact.check.--within": ("", "この日数以内に期限を迎える事実も示します。"),
    "fact.take": (
        "",
        "カタログにある候補の事実を記録します。すべてを記録するか、何も記録しないかのどちらかです。\n\n"
        "候補のカタログ項目は、ID が候補の ID と同じ項目です（同梱、`toolbench catalog pull` で取得したもの、"
        "またはワークスペース独自のもの）。"
        "各事実は項目に書かれた出典と確認日のまま、取得元のカタログファイルとともに記録します。"
        "記録済みの事実と、記録済みの事実の確認日がカタログと同じか新しいものは飛ばすため、"
        "同じ事実をもう一度取り込んでも何も記録しません。\n\n"
        "\b\n例:\n"
        "  toolbench fact take --all --dry-run\n"
        "  toolbench fact take kamiscan yomitoru",
    ),
    "fact.take.TOOLS": (
        "The candidates whose catalog facts to record (tool ids, or labels while blind).",
        "カタログの事実を記録する候補（ツール ID、匿名化中はその記号）。",
    ),
    "fact.take.--all": ("", "カタログに項目がある計画のすべての候補。"),
    "fact.take.--dry-run": ("", "記録される内容を表示します。何も記録しません。"),
    "fact.retract": (
        "",
        "TOOL について KEY で記録された事実を、理由とともに取り消します。取り消した事実は評価に使いません。\n\n"
        "KEY は `fact add` と同じように読みます（`ismap`、ISMS、Pマーク など）。"
        "事実は取消しとともに台帳に残ります。新しい事実は `fact add` で記録してください。\n\n"
        "\b\n例:\n"
        '  toolbench fact retract kamiscan ismap --reason "登録の取消しを確認（2026-12-01 の ISMAP 登録簿）"',
    ),
    "fact.retract.TOOL": _TOOL,
    "fact.retract.KEY": _KEY,
    "fact.retract.--reason": ("", "事実が成り立たなくなった理由（必須）。"),
    "fact.keys": (
        "",
        "既知の事実を一覧にします: 計画に書くキー、名称、とりうる値。\n\n"
        '計画の `[criteria.fact]` ではキーを（`facts = [{ key = "ismap" }]`）、`in = [...]` では選択肢の値を使います。'
        "`fact add` は名称と別名も読みます。それ以外のキーは、値を文字列とする自由記述の事実です。\n\n"
        "\b\n例:\n"
        "  toolbench fact keys\n"
        "  toolbench fact keys -o fact-keys.csv",
    ),
}

MESSAGES: Final[dict[str, tuple[str, str]]] = {}
"""Empty: `help.MESSAGES` holds these texts once merged, where the checks of every message table read them."""
