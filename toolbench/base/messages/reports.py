"""Messages for the reports part, merged into `_i18n.MESSAGES` (key: (English, Japanese))."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- CSV encodings ---------------------------------------------------------
    "encoding.unknown": (
        "unknown encoding '{encoding}'; use utf-8 or cp932",
        "文字コード '{encoding}' は使えません。utf-8 か cp932 を指定してください",
    ),
    "encoding.unencodable": (
        "{where}{count} character(s) cannot be written in {encoding} as they are: {cells}{more}; "
        "change them where they come from (e.g. 〜 U+301C → ～ U+FF5E, − U+2212 → － U+FF0D) "
        "or write UTF-8 with --encoding utf-8",
        "{where}{count} 文字を {encoding} でそのまま書き出せません: {cells}{more}。"
        "元の記載を直す（例: 〜 U+301C → ～ U+FF5E、− U+2212 → － U+FF0D）か、"
        "--encoding utf-8 で UTF-8 として書き出してください",
    ),
    "encoding.cell": (
        "row {row}, column {column} ({cell}): '{char}' U+{code}",
        "{row}行目 {column}列目（{cell}）の '{char}'（U+{code}）",
    ),
    "encoding.cell_changed": (
        "row {row}, column {column} ({cell}): '{char}' U+{code} would turn into '{becomes}' U+{becomes_code}",
        "{row}行目 {column}列目（{cell}）の '{char}'（U+{code}）は '{becomes}'（U+{becomes_code}）に変わってしまいます",
    ),
    "encoding.more": (
        " and {count} more",
        " ほか {count} 件",
    ),
    "encoding.only_csv": (
        "--encoding applies to --format csv only",
        "--encoding は --format csv のときだけ指定できます",
    ),
    # --- XLSX ------------------------------------------------------------------
    "xlsx.needs_output": (
        "--format xlsx writes an Excel file, not text; give it a file name with -o FILE.xlsx",
        "--format xlsx は Excel ファイルを書き出すため、-o ファイル名.xlsx で出力先を指定してください",
    ),
    "xlsx.control_char": (
        "sheet '{sheet}', cell {cell}: the text holds the control character U+{code}, which an Excel file "
        "cannot store; remove it from the plan or the ledger entry it comes from",
        "シート「{sheet}」のセル {cell}: Excel ファイルに保存できない制御文字 U+{code} が含まれています。"
        "元の計画または台帳の記載から削除してください",
    ),
    "xlsx.too_long": (
        "sheet '{sheet}', cell {cell}: the text is {length} characters long, more than an Excel cell holds (32,767); "
        "shorten it where it comes from",
        "シート「{sheet}」のセル {cell}: 文字数 {length} が Excel のセルの上限（32,767 文字）を超えています。"
        "元の記載を短くしてください",
    ),
    "xlsx.sheet.matrix": ("Matrix", "比較表"),
    "xlsx.page": ("page {page} of {pages}", "{page} / {pages} ページ"),
    "xlsx.sheet.levels": ("Levels {evaluator}", "採点 {evaluator}"),
    "xlsx.sheet.points": ("Points", "配点"),
    "xlsx.sheet.metadata": ("Metadata", "作成情報"),
    # --- HTML ------------------------------------------------------------------
    "html.generated": (
        "Made {time} by toolbench {version}",
        "作成 {time}・toolbench {version}",
    ),
    "html.approval": ("Approval", "決裁欄"),
    "html.charts": ("Charts", "グラフ"),
    "html.bars_title": (
        "Points by group for each tool",
        "ツールごとの区分別得点",
    ),
    "html.bars_desc": (
        "Stacked bars: each segment is a group subtotal; the full height is {full} points.",
        "積み上げ棒グラフ：各区分の小計を積み上げています。棒の高さの上限は {full} 点です。",
    ),
    "html.bars_none": (
        "No bar chart: no group has a subtotal yet.",
        "小計のある区分がまだないため、棒グラフは描いていません。",
    ),
    "html.bar_segment": (
        "{tool}, {group}: {value}",
        "{tool}・{group}: {value}",
    ),
    "html.radar_title": (
        "{tool}: share of each criterion's points",
        "{tool}：評価項目ごとの得点率",
    ),
    "html.radar_axis": (
        "{criterion}: {value} of {points} ({percent}%)",
        "{criterion}: {points} 点中 {value} 点（{percent}%）",
    ),
    "html.radar_left_out": (
        "Not drawn, no figure yet: {criteria}",
        "得点がないため描いていない項目: {criteria}",
    ),
    "html.radar_skipped": (
        "{tool}: no radar chart, fewer than 3 criteria with points have a figure ({count}).",
        "{tool}：得点のある評価項目が 3 つ未満（{count}）のため、レーダーチャートは描いていません。",
    ),
    "html.contents": ("Contents", "目次"),
    # --- report (procurement set) ---------------------------------------------
    "report.title": (
        "{title}: procurement documents",
        "{title}　調達資料",
    ),
    "report.part.scoring": ("Scoring sheet: {evaluator}", "採点表：{evaluator}"),
    "report.part.summary": ("Committee summary", "集計表"),
    "report.part.public": ("Public results", "評価結果（公表用）"),
    "report.part.reasons": ("Reasons log", "変更理由の記録"),
    "report.part.points": ("Criteria and points", "評価項目と配点"),
    "report.part.metadata": ("Provenance", "作成情報"),
    "report.col.tool": ("Tool", "ツール"),
    "report.col.kind": ("Kind", "種別"),
    "report.col.scale": ("Scale", "尺度"),
    "report.col.item": ("Item", "項目"),
    "report.col.value": ("Value", "内容"),
    "report.scoring.note_levels": (
        "Levels are the evaluator's current scores in the ledger (blank = not yet scored; a recusal reads "
        "recused (conflict of interest)).",
        "水準は台帳にある当該評価者の現在の採点（空欄は未採点。除斥の欄は「除斥（利害関係）」と記載）。",
    ),
    "report.public.candidate": ("Candidate", "事業者"),
    "report.public.selected": ("{name} ({vendor})", "{name}（{vendor}）"),
    "report.public.pseudonym": ("Bidder {letter}", "{letter}社"),
    "report.public.header_points": ("{label} (of {points})", "{label}（{points}点満点）"),
    "report.public.details": ("{label}: details", "{label}（内容）"),
    "report.public.note": (
        "The selected candidate is named; the other bidders are shown under pseudonyms "
        "in rank order. Figures are rounded {rounding} to {decimals} decimal(s).",
        "選定した事業者のみ名称を記載し、他の事業者は順位順に仮名で表示しています。"
        "数値は小数第 {decimals} 位まで（{rounding}）。",
    ),
    "report.public.none_selected": (
        "No candidate is selected (none is ranked and eligible); every bidder is shown under a pseudonym.",
        "順位が付き失格でない候補がないため選定者はなく、すべての事業者を仮名で表示しています。",
    ),
    "report.public.tied": (
        "The first rank is shared; no candidate is named until the committee says which one was chosen "
        "(--selected); every bidder is shown under a pseudonym.",
        "1位が同点のため、委員会が選定者を決める（--selected で指定する）まで名称は記載せず、"
        "すべての事業者を仮名で表示しています。",
    ),
    "report.reasons.kind.score": ("score changed", "採点の変更"),
    "report.reasons.kind.moderated": ("committee consensus", "合議による決定"),
    "report.reasons.kind.metric": ("measured value", "計測値"),
    "report.reasons.committee": ("committee", "委員会"),
    "report.reasons.no_earlier": ("(none)", "（なし）"),
    "report.reasons.change": ("Old → new", "変更前 → 変更後"),
    "report.reasons.reason": ("Reason / comment", "理由・コメント"),
    "report.reasons.tool": ("Tool", "ツール"),
    "report.reasons.evaluator": ("Evaluator", "評価者"),
    "report.reasons.none": (
        "No score was changed, moderated or measured with a reason.",
        "理由を付した採点の変更・合議・計測値の記録はありません。",
    ),
    "report.meta.title": ("Evaluation", "評価"),
    "report.meta.plan_hash": ("Plan hash (SHA-256)", "計画のハッシュ（SHA-256）"),
    "report.meta.head_seq": ("Ledger head: event number", "台帳の最新イベント番号"),
    "report.meta.head_hash": ("Ledger head: hash", "台帳の最新イベントのハッシュ"),
    "report.meta.aggregation": ("Aggregation rule", "集計方法"),
    "report.meta.missing": ("Missing scores", "未採点の扱い"),
    "report.meta.rounding": ("Rounding", "端数処理"),
    "report.meta.rounding_value": (
        "{mode} to {decimals} decimal(s), applied at: {places}",
        "小数第 {decimals} 位まで{mode}（適用箇所: {places}）",
    ),
    "report.meta.price": ("Price family", "価格評価方式"),
    "report.meta.tie_break": ("Tie-break chain", "同点時の順位決定"),
    "report.meta.points_source": ("Points from", "配点の出典"),
    "report.meta.generated": ("Generated at (UTC)", "作成日時（UTC）"),
    "report.meta.version": ("toolbench version", "toolbench のバージョン"),
    "report.meta.language": ("Language", "言語"),
    "report.meta.none": ("(none)", "（なし）"),
    "report.unknown_format": (
        "unknown report format '{value}'; use xlsx, html and/or csv, separated by commas",
        "レポート形式 '{value}' はありません。xlsx・html・csv をカンマ区切りで指定してください",
    ),
    "report.unknown_tool": (
        "--selected {tool} is not a tool of the plan; known tools: {known}",
        "--selected {tool} は計画にないツールです。計画のツール: {known}",
    ),
    "report.selected_disqualified": (
        "--selected {tool} is disqualified and cannot be named as the selected candidate; choose an eligible tool",
        "--selected {tool} は失格のため選定者として記載できません。失格でないツールを指定してください",
    ),
    "report.not_dir": (
        "{path} is a file, not a folder; give a folder for the report",
        "{path} はフォルダではなくファイルです。レポートの出力先にはフォルダを指定してください",
    ),
    "report.not_empty": (
        "{path} already exists and is not empty; choose a new folder, or pass --force to replace its contents",
        "{path} は既に存在し空ではありません。新しいフォルダを指定するか、--force で中身を置き換えてください",
    ),
    "report.workspace_inside": (
        "{path} holds the workspace (its plan or ledger); the report must go to a folder of its own",
        "{path} にはワークスペース（計画または台帳）があります。レポートは専用のフォルダに書き出してください",
    ),
    "report.cannot_write": (
        "cannot write the report to {path} ({reason}); nothing was written",
        "{path} にレポートを書き出せません（{reason}）。何も書き出していません",
    ),
    "report.written": (
        "wrote {count} file(s) to {path}:",
        "{path} に {count} 件のファイルを書き出しました:",
    ),
}
