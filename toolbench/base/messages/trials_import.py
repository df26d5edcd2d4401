"""Messages for importing trial feedback from form exports, merged into `_i18n.MESSAGES` (key: (English, Japanese))."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- how problems are listed --------------------------------------------------------
    "timport.problems": (
        "{file}: {count} problem(s) in the form export; nothing can be recorded until every one is fixed:\n{lines}",
        "{file}: フォームの回答ファイルに {count} 件の問題があります。すべて直すまで何も記録できません:\n{lines}",
    ),
    "timport.mapping_problems": (
        "{file}: {count} problem(s) in the column mapping:\n{lines}",
        "{file}: 列の対応表に {count} 件の問題があります:\n{lines}",
    ),
    "timport.more": ("… and {count} more", "… ほか {count} 件"),
    "timport.cell": (
        "{file} row {row}, column '{column}' ({cell}): {problem}",
        "{file} {row} 行目、列 '{column}'（{cell}）: {problem}",
    ),
    "timport.row": ("{file} row {row}: {problem}", "{file} {row} 行目: {problem}"),
    "timport.in_file": ("{file}: {problem}", "{file}: {problem}"),
    "timport.mapping_at": ("{where}: {path}: {problem}", "{where}: {path}: {problem}"),
    "timport.mapping_at_file": ("{where}: {problem}", "{where}: {problem}"),
    # --- the export file ------------------------------------------------------------------
    "timport.unreadable": (
        "{file}: cannot read ({reason}); check the path, or export the responses again",
        "{file}: 読み込めません（{reason}）。パスを確認するか、回答をもう一度書き出してください",
    ),
    "timport.encoding": (
        '{file}: not UTF-8 or CP932 (Shift_JIS) text, perhaps UTF-16; save it as "CSV UTF-8" or as .xlsx',
        "{file}: UTF-8 でも CP932（Shift_JIS）でもありません（UTF-16 など）。「CSV UTF-8」か .xlsx で保存し直してください",
    ),
    "timport.bad_suffix": (
        "{file}: not a .csv or .xlsx file; download the responses as CSV or as an Excel workbook (.xlsx)",
        "{file}: .csv でも .xlsx でもありません。回答を CSV か Excel ブック（.xlsx）で書き出してください",
    ),
    "timport.no_sheet": (
        "{file}: no sheet '{sheet}' (the workbook has {sheets}); fix [form] sheet in the mapping",
        "{file}: シート '{sheet}' がありません（ブックにあるシート: {sheets}）。対応表の [form] sheet を直してください",
    ),
    "timport.no_header": (
        "{file}: no header row at row {row} (the file has {count} row(s)); check [form] header_row in the mapping",
        "{file}: {row} 行目に見出し行がありません（ファイルは {count} 行）。対応表の [form] header_row を確認してください",
    ),
    "timport.not_export": (
        "no '{column}' column, which every {service} export has; check that the file and [form] service in the mapping match",
        "{service} の書き出しに必ずある '{column}' 列がありません。ファイルと対応表の [form] service が合っているか確認してください",
    ),
    "timport.missing_column": (
        "the mapping names column '{column}' (for {field}) but the file has: {columns}; write the header exactly as exported",
        "対応表は列 '{column}'（{field}）を指定していますが、ファイルの列は次のとおりです: {columns}。書き出された見出しのとおりに書いてください",
    ),
    "timport.repeated_column": (
        "column '{column}' (for {field}) appears {count} times in the header ({cells}), so it is unclear which to read; "
        "give the questions different titles",
        "列 '{column}'（{field}）が見出しに {count} 回あります（{cells}）。どれを読むか決められないため、設問の題名を別々にしてください",
    ),
    "timport.merged": (
        "merged cells {range}; unmerge them (an export has one value per cell)",
        "結合されたセル {range} があります。結合を解除してください（書き出したファイルは 1 セルに 1 つの値です）",
    ),
    "timport.formula": (
        "a formula ({value}); an export holds values only, so export again or paste the values",
        "数式（{value}）です。書き出したファイルは値だけなので、もう一度書き出すか値として貼り付けてください",
    ),
    # --- one response ---------------------------------------------------------------------
    "timport.blank": (
        "empty, but every response needs a {field}",
        "空欄です。すべての回答に{field}が必要です",
    ),
    "timport.field.tool": ("tool", "ツール"),
    "timport.field.department": ("department", "部署"),
    "timport.unknown_tool": (
        "'{value}' is not a tool of the plan ({known}); add the answer under [answers.tool] in the mapping",
        "'{value}' は計画のツールではありません（{known}）。対応表の [answers.tool] にこの回答を追加してください",
    ),
    "timport.unknown_department": (
        "'{value}' is not a department of the plan ({known}); add the answer under [answers.department] in the mapping",
        "'{value}' は計画の部署ではありません（{known}）。対応表の [answers.department] にこの回答を追加してください",
    ),
    "timport.off_scale": (
        "'{value}' is not a level of '{criterion}' ({levels}); translate the answer under [answers.scale] in the mapping",
        "'{value}' は '{criterion}' の水準（{levels}）ではありません。対応表の [answers.scale] で回答を数値に対応させてください",
    ),
    "timport.not_answer": (
        "'{value}' is not an answer from 1 to 5; translate the answer text under [answers.scale] in the mapping",
        "'{value}' は 1～5 の回答ではありません。対応表の [answers.scale] で回答の文言を数値に対応させてください",
    ),
    "timport.gap": (
        "this {part} item is empty while others are answered; an incomplete {part} is neither scored nor completed by guessing",
        "他の設問には回答があるのに、この {part} の設問が空欄です。不完全な {part} は採点せず、推測で補うこともしません",
    ),
    "timport.effects_gap": (
        "empty while other time-saving answers are given; an effect needs minutes before, minutes with the tool, "
        "cases and the period",
        "他の効果測定の回答があるのに空欄です。効果には導入前と導入後の 1 件あたりの分数、件数、期間がすべて必要です",
    ),
    "timport.accuracy_gap": (
        "empty while other accuracy answers are given; an accuracy sample needs correct, total and its unit",
        "他の精度の回答があるのに空欄です。精度のサンプルには正しく読めた数、総数、単位がすべて必要です",
    ),
    "timport.not_number": (
        "'{value}' is not a number; write digits only, e.g. 12 or 12.5",
        "'{value}' は数値ではありません。12 や 12.5 のように数字だけを書いてください",
    ),
    "timport.not_whole": ("'{value}' is not a whole number", "'{value}' は整数ではありません"),
    "timport.negative": (
        "{value} is negative; minutes and counts are 0 or more",
        "{value} は負の数です。分数や件数は 0 以上です",
    ),
    "timport.not_positive": ("must be more than 0, not {value}", "0 より大きくしてください（{value} になっています）"),
    "timport.correct_over_total": (
        "{correct} correct out of {total}: correct cannot be more than the total",
        "総数 {total} のうち正しく読めた数が {correct} です。正しく読めた数は総数を超えられません",
    ),
    "timport.bad_unit": (
        "'{value}' is not an accuracy unit: character (文字) or field (項目)",
        "'{value}' は精度の単位ではありません。character（文字）か field（項目）にしてください",
    ),
    "timport.not_date": (
        "'{value}' is not a date; expected e.g. 2026/10/03 9:15:02, 10/3/26 9:15:02 or 2026-10-03",
        "'{value}' は日付ではありません。2026/10/03 9:15:02、10/3/26 9:15:02、2026-10-03 のような形にしてください",
    ),
    "timport.duplicate_id": (
        "response ID '{value}' appears again (first in row {first}): the same response is in the file twice; remove one row",
        "回答 ID '{value}' が再び現れました（最初は {first} 行目）。同じ回答が 2 回あるため、1 行を削除してください",
    ),
    "timport.repeated_response": (
        "the same response as row {first} (same time, respondent and answers); remove one row",
        "{first} 行目と同じ回答です（日時・回答者・回答内容が同じ）。1 行を削除してください",
    ),
    "timport.says_nothing": (
        "the response answers none of the questions the mapping reads (ratings, comment, effects, accuracy, SUS, "
        "UX-Lite); delete the row or map the columns it answers",
        "対応表が読む設問（評価、意見、効果、精度、SUS、UX-Lite）のどれにも回答がありません。行を削除するか、回答のある列を対応表に加えてください",
    ),
    "timport.invalid": ("{reason}", "{reason}"),
    # --- the mapping file -----------------------------------------------------------------
    "timport.mapping_unreadable": (
        "{file}: cannot read the mapping ({reason}); check the path and its permissions",
        "{file}: 対応表を読めません（{reason}）。パスと権限を確認してください",
    ),
    "timport.mapping_encoding": (
        "{file}: the mapping is not UTF-8 text; save it as UTF-8",
        "{file}: 対応表が UTF-8 のテキストではありません。UTF-8 で保存してください",
    ),
    "timport.source_twice": (
        "{field} is given both in [fixed] and in [columns]; keep one",
        "{field} が [fixed] と [columns] の両方にあります。どちらか一方にしてください",
    ),
    "timport.source_missing": (
        '{field} is neither in [fixed] nor in [columns]; add {field} = "…" to one of them',
        '{field} が [fixed] にも [columns] にもありません。どちらかに {field} = "…" を追加してください',
    ),
    "timport.questionnaire_columns": (
        "{part} needs its {needed} columns in questionnaire order, not {count}",
        "{part} には設問順に {needed} 列が必要です（{count} 列になっています）",
    ),
    "timport.blank_header": (
        "a column header cannot be empty; copy it from the export's header row",
        "列の見出しを空にはできません。書き出したファイルの見出し行から写してください",
    ),
    "timport.twice": (
        "given twice ({first} and {second}); keep one",
        "2 回指定されています（{first} と {second}）。1 つにしてください",
    ),
    "timport.effects_incomplete": (
        "an effect needs minutes_before, minutes_with, cases and period_days, each a column or in [fixed]; missing: {missing}",
        "効果には minutes_before、minutes_with、cases、period_days が、列か [fixed] として必要です。足りないもの: {missing}",
    ),
    "timport.effects_all_fixed": (
        "every effect value is fixed, so every response would claim the same saving; map at least one to a column",
        "効果の値がすべて固定のため、全回答が同じ削減効果になります。少なくとも 1 つを列に対応させてください",
    ),
    "timport.accuracy_incomplete": (
        "an accuracy sample needs the correct and total columns and a unit (a column, or accuracy.unit in [fixed]); "
        "missing: {missing}",
        "精度のサンプルには correct と total の列と単位（列か [fixed] の accuracy.unit）が必要です。足りないもの: {missing}",
    ),
    "timport.reads_nothing": (
        "the mapping reads no ratings, comment, effects, accuracy, SUS or UX-Lite column; map at least one",
        "対応表が評価・意見・効果・精度・SUS・UX-Lite のどの列も読みません。少なくとも 1 つ対応させてください",
    ),
    "timport.answer_clash": (
        "'{value}' and '{other}' are the same answer once width, case and spaces are ignored, but map to different values",
        "'{value}' と '{other}' は全角半角・大文字小文字・空白を無視すると同じ回答ですが、対応先が異なります",
    ),
    "timport.unknown_tool_id": (
        "'{value}' is not a tool of the plan ({known})",
        "'{value}' は計画のツールではありません（{known}）",
    ),
    "timport.unknown_department_id": (
        "'{value}' is not a department of the plan ({known})",
        "'{value}' は計画の部署ではありません（{known}）",
    ),
    "timport.unknown_criterion": (
        "'{value}' is not a criterion of the plan ({known})",
        "'{value}' は計画の評価項目ではありません（{known}）",
    ),
    "timport.no_scale": (
        "'{value}' has no scale of levels, so staff cannot rate it; criteria with a scale: {known}",
        "'{value}' には水準の尺度がないため、職員が評価できません。尺度のある評価項目: {known}",
    ),
}
