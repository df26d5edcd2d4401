"""Messages for inputs. Merged into `toolbench.base.i18n.MESSAGES`."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- tables too large to read (workspace/tabular.py) ---------------------------------
    "input.too_many_rows_at": (
        "{file}: a value in cell {cell}, beyond the {limit} rows a table may have; "
        "delete the rows below the table (or split the file) and import again",
        "{file}: セル {cell} に値があり、表の上限 {limit} 行を超えています。"
        "表より下の行を削除して（またはファイルを分けて）から取り込み直してください",
    ),
    "input.too_many_columns_at": (
        "{file}: a value in cell {cell}, beyond the {limit} columns a table may have; "
        "delete the columns right of the table and import again",
        "{file}: セル {cell} に値があり、表の上限 {limit} 列を超えています。"
        "表より右の列を削除してから取り込み直してください",
    ),
    "input.too_many_cells": (
        "{file}: the table spans more than {limit} cells; delete what lies outside the table, or split the file",
        "{file}: 表が {limit} セルを超えています。表の外の値を削除するか、ファイルを分けてください",
    ),
    "input.too_many_bytes": (
        "{file}: larger than {limit} (a workbook: once unzipped); is this the right file? Split it if so",
        "{file}: {limit} を超えています（ブックは展開後の大きさ）。正しいファイルか確認し、正しければ分けてください",
    ),
    "input.cell_too_long": (
        "{file} row {row}, column {column} (cell {cell}): {length} characters, more than the {limit} one cell may hold; "
        "shorten the text",
        "{file} {row} 行目、列 {column}（セル {cell}）: {length} 文字あり、1 セルの上限 {limit} 文字を超えています。"
        "文字を減らしてください",
    ),
    # --- numbers a hearing row cannot hold (workspace/hearing_import.py) ----------------
    "input.points_range": (
        "{value} is not a number of points from 0 to 1,000,000; write a plain number such as 25 or 12.5",
        "{value} は 0～1,000,000 の点数ではありません。25 や 12.5 のような数値を書いてください",
    ),
    "input.total_range": (
        "{value} is not a total above 0 and at most 1,000,000; write the points handed out, such as 100",
        "{value} は 0 より大きく 1,000,000 以下の合計ではありません。配った点数の合計（例: 100）を書いてください",
    ),
    "input.weight_range": (
        "{value} is not a weight above 0 and at most 1,000,000; write a headcount or caseload such as 12",
        "{value} は 0 より大きく 1,000,000 以下の重みではありません。人数や件数（例: 12）を書いてください",
    ),
    "input.readiness_range": (
        "{value} is not a readiness from 1 to 5; write a whole number 1 to 5 or leave it empty",
        "{value} は 1～5 の準備度ではありません。1～5 の整数を書くか、空欄にしてください",
    ),
    "input.bad_text": (
        "{problem}",
        "{problem}",
    ),
    # --- nesting and numbers a TOML or JSON file cannot hold (plan, mapping, catalog) ----
    "input.too_deep": (
        "tables or arrays nested more than {limit} levels deep; no plan, mapping or catalog needs that, "
        "is this the right file?",
        "表や配列の入れ子が {limit} 段を超えています。計画・対応表・カタログでは不要な深さです。"
        "正しいファイルか確認してください",
    ),
    "input.too_deep_in": (
        "{file}: tables or arrays nested more than {limit} levels deep; no catalog needs that, is this the right file?",
        "{file}: 表や配列の入れ子が {limit} 段を超えています。カタログでは不要な深さです。正しいファイルか確認してください",
    ),
    "input.number_range": (
        "{value} is beyond exact arithmetic; write a number with at most {digits} digits before the decimal point "
        "and {places} after, e.g. 10 or 12.5",
        "{value} は正確に計算できる範囲を超えています。整数部 {digits} 桁以内、小数部 {places} 桁以内の数値"
        "（例: 10、12.5）にしてください",
    ),
    # --- personal data (workspace/trial_import.py, workspace/hearing_import.py) ----------
    "input.pseudonym_key": (
        "cannot keep the workspace's pseudonym key at {path} ({reason}); check the folder is writable",
        "ワークスペースの仮名化の鍵 {path} を保存できません（{reason}）。フォルダに書き込めるか確認してください",
    ),
    # --- dates as staff type them (base/times.py parse_date) ---------------------------------
    "date.unreadable": (
        "'{value}' is not a date; write it as 2026-04-01, 2026/4/1, 令和8年4月1日 or R8.4.1",
        "'{value}' は日付として読めません。2026-04-01、2026/4/1、令和8年4月1日、R8.4.1 のいずれかで書いてください",
    ),
    "date.era_zero": (
        "'{value}': there is no year 0 of {era}; its first year is written {era}元年",
        "'{value}': {era}0年はありません。最初の年は{era}元年と書きます",
    ),
    "date.impossible": (
        "'{value}' is not a day of the calendar (check the month and the day)",
        "'{value}' は暦にない日付です。月と日を確かめてください",
    ),
    "date.before_showa": (
        "'{value}' is before 昭和 (1926-12-25), earlier than any date toolbench records",
        "'{value}' は昭和（1926年12月25日）より前で、toolbench が扱う日付ではありません",
    ),
    "date.outside_era": (
        "'{value}' is not a day of {era}: that day is {actual}",
        "'{value}' は{era}の日付ではありません。その日は {actual} です",
    ),
    # --- levels and answers as staff type them (workspace/scoring.py) -----------------------
    "input.not_a_choice": (
        "'{value}' is not one of these; type an id or a name: {known}",
        "'{value}' は選択肢にありません。ID か名前を入力してください: {known}",
    ),
    "input.none": (
        "(none)",
        "なし",
    ),
    # --- hearing add (cli/hearings.py) -----------------------------------------------------
    "input.cr_not_counted": (
        "CR {cr} is above the threshold {threshold}: the plan leaves out inconsistent answers, so these will not "
        "count toward the weights until they are revised (weights.include_inconsistent = false)",
        "CR {cr} がしきい値 {threshold} を超えています。計画では整合性の低い回答を集計しないため、"
        "回答を見直すまでこの回答は重みに数えられません（weights.include_inconsistent = false）",
    ),
    "input.cr_counted": (
        "CR {cr} is above the threshold {threshold}: the plan counts inconsistent answers too, "
        "so these count and are flagged (weights.include_inconsistent = true)",
        "CR {cr} がしきい値 {threshold} を超えています。計画では整合性の低い回答も集計するため、"
        "この回答は印付きで数えられます（weights.include_inconsistent = true）",
    ),
    "table.not_workbook": (
        "it is not an Excel workbook (.xlsx); save it as .xlsx or as CSV",
        "Excel ブック（.xlsx）ではありません。.xlsx または CSV で保存し直してください",
    ),
}
