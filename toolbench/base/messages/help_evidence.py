"""Japanese help of `toolbench trials publish` and pulled evidence, keyed as `help.HELP` is; merged into it there."""

from __future__ import annotations

from typing import Final

HELP: Final[dict[str, tuple[str, str]]] = {
    "trials.publish": (
        "",
        "本市の試行結果を匿名化し、他市が取得できるカタログの断片として書き出します。\n\n"
        "製品ごとに 1 件: 試行した部署（--department-names を指定しない限り番号で示します）、各部署が到達した段階、"
        "SUS とその評価、UX-Lite、年間削減時間、単位付きの正確度（それぞれ件数付き）、最初と最後の日付。"
        "--min-respondents に満たない人数の数値は公表しません。職員・回答者・評価委員の氏名、自由記述の意見、"
        "誰が何を記録したかは書き出しません。他市は `toolbench catalog pull URL` で取得します。\n\n"
        "\b\n例:\n"
        "  toolbench trials publish -o evidence.toml --publisher ○○市\n"
        '  toolbench trials publish -o evidence.json --publisher "○○市 DX推進課" --tool kamiscan --min-respondents 5',
    ),
    "trials.publish.--output": ("", "書き出すカタログの断片（全体を書くか、何も書かないかのどちらか）。"),
    "trials.publish.--publisher": ("", "他市に示す本市の名称（例: ○○市）。"),
    "trials.publish.--format": ("", "TOML または JSON（既定: -o の拡張子から決め、なければ TOML）。"),
    "trials.publish.--tool": ("", "このツールだけを公表します（複数指定できます）。"),
    "trials.publish.--min-respondents": (
        "",
        "この人数に満たない回答から求めた数値は公表しません（件数は示します）。",
    ),
    "trials.publish.--department-names": ("", "部署を番号ではなく部署名で公表します。"),
    "trials.publish.--date": ("", "公表日（既定は今日）。"),
    "trials.evidence": (
        "",
        "計画のツールについての他市の試行結果: 発行元、公表日、数値、本市の評価に算入するかどうか。\n\n"
        "`toolbench catalog pull` で取得したカタログ（計画のツールとはカタログの ID、または名称と事業者で照合）"
        "と、台帳に記録した採用から読みます。\n\n"
        "\b\n例:\n"
        "  toolbench trials evidence\n"
        "  toolbench trials evidence kamiscan --format json",
    ),
    "trials.evidence.TOOL": (
        "Only this tool (its id in the plan; several may be given).",
        "このツールだけを表示します（計画上の ID、複数指定できます）。",
    ),
    "trials.adopt": (
        "",
        "PUBLISHER が公表し取得済みの試行結果を、計画のツール（または TOOL …）について本市でも用いることを記録します。\n\n"
        "試行結果の全体、取得したファイル、そのファイルの SHA-256 を台帳に記録します。数値が変わるのは、"
        "計画の評価項目の evidence_from が PUBLISHER を指定している場合だけで、その項目では本市の回答者と合わせて平均します。\n\n"
        "\b\n例:\n"
        '  toolbench trials adopt ○○市 kamiscan --reason "帳票が本市と同じ。3 部署で試行"\n'
        '  toolbench trials adopt ○○市 kamiscan --withdraw --reason "試行した版が異なる"',
    ),
    "trials.adopt.PUBLISHER": (
        "The publisher's name, as its evidence gives it.",
        "発行元の名称（試行結果に記載のとおり）。",
    ),
    "trials.adopt.TOOL": (
        "Only this tool (its id in the plan; several may be given).",
        "このツールだけを対象にします（計画上の ID、複数指定できます）。",
    ),
    "trials.adopt.--reason": ("", "この試行結果を本市で用いる理由（台帳に残ります）。"),
    "trials.adopt.--withdraw": ("", "採用を取り下げます。以後その試行結果は算入されません。"),
}

MESSAGES: Final[dict[str, tuple[str, str]]] = {}
"""Empty: `help.MESSAGES` holds these texts once merged, where the checks of every message table read them."""
