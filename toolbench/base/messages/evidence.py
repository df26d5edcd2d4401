"""Messages for trial evidence published to other cities and pulled from them. Merged into `toolbench.base.i18n.MESSAGES`. Each pair is (English, Japanese)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- refusals ------------------------------------------------------------------------
    "evidence.blind": (
        "other cities' trial evidence names the products, so while the evaluation is blind it is not published, "
        "shown or adopted; run `toolbench unblind` first",
        "他市の試行結果は製品名を示すため、匿名化（ブラインド）中は公表・表示・採用をしません。先に `toolbench unblind` を実行してください",
    ),
    "evidence.no_publisher": (
        "--publisher is empty; give the city's name as other cities should read it, e.g. --publisher ○○市",
        "--publisher が空です。他市に示す自治体名を指定してください（例: --publisher ○○市）",
    ),
    "evidence.bad_record": (
        "the trial evidence cannot be published: {field}: {problem}",
        "試行結果を公表できません: {field}: {problem}",
    ),
    "evidence.nothing": (
        "nothing to publish: no tool asked for has a trial ({tool} has none); start one with `toolbench trial start`",
        "公表する試行結果がありません（対象のツールに試行がありません。例: {tool}）。`toolbench trial start` で試行を開始してください",
    ),
    "evidence.reason_required": (
        "say why with --reason: it stays in the ledger beside the evidence it concerns",
        "--reason で理由を記入してください。対象の試行結果と共に台帳に残ります",
    ),
    "evidence.unknown_publisher": (
        "no pulled evidence from '{publisher}'; publishers in the pulled catalogs: {known} "
        "(pull one with `toolbench catalog pull URL`)",
        "'{publisher}' の試行結果は取得されていません。取得済みの発行元: {known}"
        "（`toolbench catalog pull URL` で取得できます）",
    ),
    "evidence.no_record": (
        "'{publisher}' published no trial evidence on {tool}; leave the tool out or pull a newer catalog",
        "'{publisher}' は {tool} の試行結果を公表していません。このツールを外すか、新しいカタログを取得してください",
    ),
    "evidence.no_match": (
        "'{publisher}' published evidence on {products}, none of them a tool of this plan "
        "(matched by catalog id, or by name and vendor)",
        "'{publisher}' の試行結果（{products}）は、この計画のどのツールにも当たりません（カタログの ID、または名称と事業者で照合）",
    ),
    "evidence.not_adopted": (
        "no evidence from '{publisher}' is adopted for {tool}; `toolbench trials evidence` shows what is",
        "'{publisher}' の試行結果は {tool} について採用されていません。採用状況は `toolbench trials evidence` で確認できます",
    ),
    "evidence.none_adopted": (
        "no evidence from '{publisher}' is adopted; `toolbench trials evidence` shows what is",
        "'{publisher}' の試行結果は採用されていません。採用状況は `toolbench trials evidence` で確認できます",
    ),
    # --- trials publish ---------------------------------------------------------------------
    "evidence.published": (
        "wrote trial evidence on {count} product(s) by {publisher} to {path} ({fmt}); other cities read it with "
        "`toolbench catalog pull`",
        "{publisher} の試行結果（{count} 製品）を {path} に書き出しました（{fmt}）。他市は `toolbench catalog pull` で取得できます",
    ),
    "evidence.withheld": (
        "withheld: {figure} of {tool} (n={n}, fewer than {min}): its n is given, not its value",
        "非公表: {tool} の{figure}（n={n}、{min} 未満）。件数のみ示し、値は示しません",
    ),
    "evidence.untried": (
        "not published: {tools} (no trial)",
        "公表しません: {tools}（試行なし）",
    ),
    "evidence.never": (
        "never published: names of staff, respondents and evaluators, their roles, who recorded what, comments, "
        "ratings on this plan's criteria, training sessions",
        "公表しない項目: 職員・回答者・評価委員の氏名と役職、記録者、自由記述の意見、本計画の評価項目への評価、研修の記録",
    ),
    "evidence.numbered": (
        "departments are numbered (Department 1, Department 2 …); --department-names publishes their names",
        "部署は番号で示します（部署 1、部署 2 …）。部署名を公表するには --department-names を指定します",
    ),
    "evidence.named": (
        "departments are published by name (--department-names)",
        "部署名を公表します（--department-names）",
    ),
    # --- trials adopt -------------------------------------------------------------------
    "evidence.adopted": (
        "adopted the trial evidence of {publisher} on {tools}",
        "{publisher} の試行結果を採用しました: {tools}",
    ),
    "evidence.adopted_unchanged": (
        "already adopted, unchanged: {tools}",
        "採用済みで変更なし: {tools}",
    ),
    "evidence.counts_in": (
        "it counts in: {criteria}",
        "算入する評価項目: {criteria}",
    ),
    "evidence.counts_nowhere": (
        "it changes no figure until a criterion's evidence_from in the plan names '{publisher}'",
        "計画の評価項目で '{publisher}' を試行結果の参照先（evidence_from）に指定するまで、どの数値も変わりません",
    ),
    "evidence.withdrawn": (
        "withdrew the adoption of {publisher}'s trial evidence on {tools}",
        "{publisher} の試行結果の採用を取り下げました: {tools}",
    ),
    # --- trials evidence, and the board's section ----------------------------------------------
    "evidence.none": (
        "no trial evidence from other cities on the plan's tools; pull a catalog with `toolbench catalog pull URL`",
        "計画のツールについて他市の試行結果はありません。`toolbench catalog pull URL` でカタログを取得してください",
    ),
    "evidence.unreadable": (
        "other cities' trial evidence is not shown: {problem}",
        "他市の試行結果は表示しません: {problem}",
    ),
    "evidence.title": ("Other cities' trial evidence", "他市の試行結果"),
    "evidence.board_section": (
        "Other cities' trial evidence (for reference; not part of this city's figures above)",
        "他市の試行結果（参考。上の本市の数値には含みません）",
    ),
    "evidence.note": (
        "Published by other cities and pulled into this workspace. It counts in this city's scores only when adopted "
        "(`toolbench trials adopt`) and named by a criterion of the plan; then it is pooled with this city's own "
        "respondents (mean of every respondent; accuracy by counts, in one unit).",
        "他市が公表し、このワークスペースに取得したものです。本市の評価に算入するのは、採用を台帳に記録し、"
        "計画の評価項目で発行元を指定したときだけです。その場合は本市の回答者と合わせて"
        "平均します（回答者全員の平均。正確度は同じ単位の件数で合算）。",
    ),
    "evidence.withheld_note": (
        "A figure from fewer respondents than the publisher's minimum is withheld: only its n is given.",
        "発行元の定める最少人数に満たない数値は非公表で、件数（n）のみ示します。",
    ),
    "evidence.item": ("Item", "項目"),
    "evidence.tool": ("Tool", "ツール"),
    "evidence.publisher": ("Source", "発行元"),
    "evidence.published_on": ("Published", "公表日"),
    "evidence.period": ("Trial period", "試行期間"),
    "evidence.departments": ("Departments (phase reached)", "部署（到達した段階）"),
    "evidence.sus": ("SUS (grade)", "SUS（評価）"),
    "evidence.uxlite": ("UX-Lite", "UX-Lite"),
    "evidence.hours": ("Hours saved / year", "年間削減時間"),
    "evidence.accuracy": ("Accuracy", "正確度"),
    "evidence.status": ("In this city's scores", "本市の評価への算入"),
    "evidence.file": ("Pulled into", "取得ファイル"),
    "evidence.department": ("Department {number}", "部署 {number}"),
    "evidence.department_phase": ("{department}: {phase}", "{department}: {phase}"),
    "evidence.count": ("{count} department(s): {list}", "{count} 部署: {list}"),
    "evidence.span": ("{first} to {last}", "{first}～{last}"),
    "evidence.n": ("n={n}", "n={n}"),
    "evidence.value_n": ("{value} (n={n})", "{value}（n={n}）"),
    "evidence.sus_value": ("{value} ({grade}), n={n}", "{value}（{grade}）、n={n}"),
    "evidence.withheld_value": ("withheld (n={n}, fewer than {min})", "非公表（n={n}、{min} 未満）"),
    "evidence.hours_value": (
        "{value} h (n={n}; {minutes} min saved per case; cases in {days}-day periods × 365)",
        "{value} 時間（n={n}。1 件 {minutes} 分短縮、{days} 日間の件数 × 365）",
    ),
    "evidence.accuracy_value": (
        "{rate} % at {unit} level ({correct}/{total}, n={n})",
        "{rate} %、{unit}単位（{correct}/{total}、n={n}）",
    ),
    "evidence.accuracy_rate": ("{rate} % at {unit} level (n={n})", "{rate} %、{unit}単位（n={n}）"),
    "evidence.accuracy_withheld": (
        "{unit} level: withheld (n={n}, fewer than {min})",
        "{unit}単位: 非公表（n={n}、{min} 未満）",
    ),
    "evidence.none_value": ("-", "-"),
    "evidence.counted": (
        "adopted {date}: counts in {criteria}",
        "{date} 採用: {criteria} に算入",
    ),
    "evidence.adopted_only": (
        "adopted {date}: no criterion names this source, so no figure changes",
        "{date} 採用: この発行元を指定した評価項目がないため、数値は変わりません",
    ),
    "evidence.older": (
        "an earlier version adopted {date}; adopt again to use this one",
        "{date} に以前の版を採用。この版を使うには再度採用してください",
    ),
    "evidence.shown_only": ("shown only: not adopted", "表示のみ（未採用）"),
    "evidence.ledger_only": ("from the ledger (file no longer pulled)", "台帳から（ファイルは取得されていません）"),
    # --- the log (a line per `evidence.adopted` / `evidence.withdrawn` event) ------------------
    "logline.evidence_adopted": (
        "{tool}: trial evidence of {publisher} published {published} adopted",
        "{tool}: {publisher} の試行結果（{published} 公表）を採用",
    ),
    "logline.evidence_withdrawn": (
        "{tool}: adoption of {publisher}'s trial evidence withdrawn",
        "{tool}: {publisher} の試行結果の採用を取下げ",
    ),
    "evidence.figure.sus": ("SUS", "SUS"),
    "evidence.figure.uxlite": ("UX-Lite", "UX-Lite"),
    "evidence.figure.hours_per_year": ("hours saved per year", "年間削減時間"),
    "evidence.figure.accuracy.character": ("accuracy at character level", "正確度（文字単位）"),
    "evidence.figure.accuracy.field": ("accuracy at field level", "正確度（項目単位）"),
    "m.from_others": (
        "includes {publisher}'s published trials ({published}, n={n})",
        "{publisher} が公表した試行結果を含む（{published}、n={n}）",
    ),
    "evidence.catalog_line": ("{publisher} (published {published})", "{publisher}（{published} 公表）"),
}
