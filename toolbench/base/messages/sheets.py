"""Messages for score sheets (採点表), merged into `_i18n.MESSAGES` (key: (English, Japanese))."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- labels on the sheet ---------------------------------------------------------
    "sheet.label.kind": ("toolbench score sheet", "toolbench 採点表"),
    "sheet.label.tab": ("Score sheet", "採点表"),
    "sheet.label.evaluation": ("Evaluation", "評価"),
    "sheet.label.evaluator_id": ("Evaluator id", "評価者ID"),
    "sheet.label.evaluator": ("Evaluator", "評価者"),
    "sheet.label.plan": ("Plan hash", "計画ハッシュ"),
    "sheet.label.generated": ("Generated (UTC)", "作成日時 (UTC)"),
    "sheet.label.how": ("How to fill in", "記入方法"),
    "sheet.label.how_text": (
        "Write one level per cell under each tool, from the Levels column; leave a cell empty if you do not "
        "score it. Must-haves take pass or fail (適 / 否). Do not rename, move or delete the id cells.",
        "各ツールの列に、水準の列にある値を 1 つずつ記入してください。採点しない欄は空欄のままにします。"
        "必須要件は pass / fail（適 / 否）で記入します。ID の欄は変更・移動・削除しないでください。",
    ),
    "sheet.col.criterion_id": ("Criterion id", "項目ID"),
    "sheet.col.criterion": ("Criterion", "評価項目"),
    "sheet.col.group": ("Group", "区分"),
    "sheet.col.points": ("Points", "配点"),
    "sheet.col.levels": ("Levels", "水準"),
    "sheet.col.anchors": ("Anchors", "評価の目安"),
    "sheet.col.tool_name": ("Tool name →", "製品名 →"),
    "sheet.must_levels": ("{levels} (or 適 / 否)", "{levels}（適 / 否 も可）"),
    # --- export ----------------------------------------------------------------------
    "sheet.bad_format": (
        "'{value}' is not a sheet format; use xlsx or csv",
        "'{value}' は採点表の形式ではありません。xlsx か csv を指定してください",
    ),
    "sheet.xlsx_needs_output": (
        "an XLSX sheet cannot go to the terminal; add -o FILE.xlsx",
        "XLSX の採点表は端末に出力できません。-o ファイル名.xlsx を指定してください",
    ),
    "sheet.format_suffix": (
        "--format {fmt} does not match the file name {path}; name it .{fmt} or leave out --format",
        "--format {fmt} がファイル名 {path} と合いません。拡張子を .{fmt} にするか --format を省いてください",
    ),
    # --- reading ---------------------------------------------------------------------
    "sheet.bad_suffix": (
        "{file}: not a .xlsx or .csv file; import the sheet as exported by `toolbench sheet export`",
        "{file}: .xlsx でも .csv でもありません。`toolbench sheet export` で書き出した採点表を取り込んでください",
    ),
    "sheet.unreadable": (
        "{file}: cannot read ({reason}); check the file is a complete, unprotected copy",
        "{file}: 読み込めません（{reason}）。ファイルが壊れていないか、保護されていないか確認してください",
    ),
    "sheet.encoding": (
        "{file}: not UTF-8 or CP932 text; save it as UTF-8 (CSV UTF-8 in Excel)",
        "{file}: UTF-8 でも CP932 でもありません。UTF-8（Excel の「CSV UTF-8」）で保存してください",
    ),
    "sheet.not_a_sheet": (
        "{file}: not a toolbench score sheet ({detail}); export one with `toolbench sheet export`",
        "{file}: toolbench の採点表ではありません（{detail}）。`toolbench sheet export` で書き出してください",
    ),
    "sheet.detail.marker": (
        "cell B1 should read {marker}",
        "セル B1 が {marker} ではありません",
    ),
    "sheet.detail.header": (
        "no header row with a '{label}' column and tool ids",
        "'{label}' 列とツール ID のある見出し行がありません",
    ),
    "sheet.no_evaluator": (
        "{file}: the sheet names no evaluator (the '{label}' cell above the header is empty or missing)",
        "{file}: 採点表に評価者がありません（見出しより上の '{label}' の欄が空か、ありません）",
    ),
    "sheet.evaluator_mismatch": (
        "{file}, cell {cell}: this is the sheet of {found}, not of {expected}; check you picked the right file",
        "{file}、セル {cell}: これは {found} の採点表で、{expected} のものではありません。ファイルを確認してください",
    ),
    "sheet.problem": (
        "{file}, cell {cell}: {problem} (nothing was recorded)",
        "{file}、セル {cell}: {problem}（何も記録していません）",
    ),
    "sheet.problems": (
        "{file}: {count} problem(s), nothing was recorded:\n{problems}",
        "{file}: {count} 件の問題があるため、何も記録していません:\n{problems}",
    ),
    "sheet.problem_line": ("  {cell}: {problem}", "  {cell}: {problem}"),
    "sheet.more": ("  … and {count} more", "  … ほか {count} 件"),
    # --- what is wrong with a cell ---------------------------------------------------
    "sheet.no_id_column": (
        "the header row has no '{label}' column; restore it (or export a new sheet)",
        "見出し行に '{label}' 列がありません。元に戻すか、採点表を書き出し直してください",
    ),
    "sheet.missing_tool": (
        "the header row has no column for tool '{tool}'; restore it (or export a new sheet)",
        "見出し行にツール '{tool}' の列がありません。元に戻すか、採点表を書き出し直してください",
    ),
    "sheet.unknown_tool": (
        "'{value}' is not a tool id of the plan (was the header changed?); tool ids are {known}",
        "'{value}' は計画にあるツール ID ではありません（見出しを変更しましたか）。ツール ID: {known}",
    ),
    "sheet.repeated_tool": (
        "tool '{value}' already has a column at {first}; keep one",
        "ツール '{value}' の列は既に {first} にあります。1 つにしてください",
    ),
    "sheet.no_header": (
        "a level in a column without a tool id in its header; put the tool id back or clear the column",
        "見出しにツール ID のない列に水準があります。ツール ID を戻すか、列を空にしてください",
    ),
    "sheet.missing_criterion": (
        "no row for criterion '{criterion}'; restore it (or export a new sheet)",
        "評価項目 '{criterion}' の行がありません。元に戻すか、採点表を書き出し直してください",
    ),
    "sheet.unknown_criterion": (
        "'{value}' is not a criterion of the plan (was the id changed?); criteria on the sheet are {known}",
        "'{value}' は計画にある評価項目ではありません（ID を変更しましたか）。採点表の評価項目: {known}",
    ),
    "sheet.not_judged": (
        "criterion '{value}' is a {kind} criterion and is not scored by evaluators; remove its row",
        "評価項目 '{value}' は {kind} 型で、評価者による採点の対象ではありません。その行を削除してください",
    ),
    "sheet.repeated_criterion": (
        "criterion '{value}' already has a row at {first}; keep one",
        "評価項目 '{value}' の行は既に {first} にあります。1 つにしてください",
    ),
    "sheet.no_criterion": (
        "a level in a row without a criterion id; put the id back or clear the row",
        "項目ID のない行に水準があります。ID を戻すか、行を空にしてください",
    ),
    "sheet.formula": (
        "a formula ({value}); type the level itself",
        "数式です（{value}）。水準そのものを入力してください",
    ),
    "sheet.merged": (
        "merged cells {range} in the score area; unmerge them",
        "採点欄に結合されたセル {range} があります。結合を解除してください",
    ),
    "sheet.off_scale": (
        "'{value}' is not on the scale {levels} of {criterion}; write one of those levels or leave the cell empty",
        "'{value}' は {criterion} の尺度 {levels} にありません。いずれかの水準を記入するか、空欄にしてください",
    ),
    # --- importing -------------------------------------------------------------------
    "sheet.plan_changed": (
        "note: {file} was exported under plan {sheet_hash}, the plan is now {plan_hash}; "
        "levels were checked against the current plan",
        "注意: {file} は計画 {sheet_hash} のときに書き出されたもので、現在の計画は {plan_hash} です。"
        "水準は現在の計画で確認しました",
    ),
    "sheet.line": ("  {cell}  {tool}  {criterion} = {level}", "  {cell}  {tool}  {criterion} = {level}"),
    "sheet.line_correction": (
        "  {cell}  {tool}  {criterion} = {level}  (replaces event {seq})",
        "  {cell}  {tool}  {criterion} = {level}（イベント {seq} を訂正）",
    ),
    "sheet.summary": (
        "{file}: {new} score(s) of {evaluator} to record, {same} already recorded",
        "{file}: {evaluator} の採点のうち、記録するもの {new} 件、記録済み {same} 件",
    ),
    "sheet.dry_run": ("dry run: nothing recorded", "ドライラン: 何も記録していません"),
    "sheet.imported": (
        "recorded {new} score(s) of {evaluator} from {file} ({same} already recorded)",
        "{file} から {evaluator} の採点 {new} 件を記録しました（記録済み {same} 件）",
    ),
    "sheet.nothing_changed": (
        "{file}: all {same} level(s) on the sheet are already recorded; nothing changed",
        "{file}: 採点表の {same} 件の水準はすべて記録済みです。変更はありません",
    ),
    "sheet.empty": (
        "{file}: no levels are filled in; nothing recorded",
        "{file}: 水準が 1 つも記入されていません。何も記録していません",
    ),
    "sheet.recused_mark": ("recused", "除斥"),
}
