"""Messages for trials: phases, feedback, training, the board. Merged into `_i18n.MESSAGES`."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "trial.unknown_tool": (
        "unknown tool '{value}'; tools in the plan: {known}",
        "ツール '{value}' は計画にありません。計画にあるツール: {known}",
    ),
    "trial.unknown_department": (
        "unknown department '{value}'; departments in the plan: {known} (add it under [[departments]])",
        "部署 '{value}' は計画にありません。計画にある部署: {known}（[[departments]] に追加してください）",
    ),
    "trial.unknown_phase": (
        "unknown phase '{value}'; phases in the plan: {known}",
        "段階 '{value}' は計画にありません。計画にある段階: {known}",
    ),
    "trial.already": (
        "{tool} is already on trial in {department} (phase {phase}); move it with `toolbench trial move`",
        "{tool} は既に {department} で試行中です（段階 {phase}）。`toolbench trial move` で段階を進めてください",
    ),
    "trial.not_started": (
        "{tool} has no trial in {department}; start one with `toolbench trial start {tool_id} --dept {department_id}`",
        "{tool} は {department} で試行されていません。`toolbench trial start {tool_id} --dept {department_id}` で開始してください",
    ),
    "trial.no_trial": (
        "feedback for {tool} in {department}, but that tool has no trial there; "
        "start one with `toolbench trial start {tool_id} --dept {department_id}`",
        "{department} の {tool} へのフィードバックですが、その部署では試行されていません。"
        "`toolbench trial start {tool_id} --dept {department_id}` で開始してください",
    ),
    "trial.move_refused": (
        "{tool} in {department} is in phase {phase} and cannot move to {to}; allowed moves: {allowed}",
        "{department} の {tool} は段階 {phase} にあり、{to} へは移れません。移れる段階: {allowed}",
    ),
    "trial.reason_required": (
        '{tool} in {department} was decided ({phase}); moving it to {to} re-opens the evaluation and needs --reason "…"',
        '{department} の {tool} は決定済み（{phase}）です。{to} に戻すと評価をやり直すことになるため --reason "理由" が必要です',
    ),
    "trial.bad_rating": ("rating: {problem}", "評価: {problem}"),
    "trial.response_changed": (
        "response {response} was already recorded (event {seq}) and its answers have changed since; nothing was "
        "recorded, so the respondent is not counted twice; remove that row from the file to import the rest",
        "回答 {response} は記録済み（イベント {seq}）で、その後に内容が変わっています。同じ回答者を二重に数えないよう"
        "何も記録していません。残りを取り込むには、その行をファイルから除いてください",
    ),
    "trial.bad_date": (
        "'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2026-05-26",
        "'{value}' は日付ではありません。2026-05-26 のように YYYY-MM-DD で書いてください",
    ),
    "score.from_trials": (
        "criterion '{criterion}' takes its value from trial feedback ({evidence}), not from evaluators; "
        "record feedback with `toolbench trial log`; evaluators score: {known}",
        "評価項目 '{criterion}' の値は試行のフィードバック（{evidence}）から求めるため、評価者は採点しません。"
        "`toolbench trial log` で記録してください。評価者が採点する項目: {known}",
    ),
    "trial.bad_feedback": ("{problem}", "{problem}"),
    "trial.started": (
        "{tool} starts its trial in {department} at phase {phase}",
        "{department} で {tool} の試行を開始しました（段階 {phase}）",
    ),
    "trial.moved": ("{tool} in {department}: {from_phase} → {to}", "{department} の {tool}: {from_phase} → {to}"),
    "trial.feedback_recorded": ("recorded {count} feedback response(s)", "フィードバックを {count} 件記録しました"),
    "trial.feedback_skipped": (
        "{count} response(s) already recorded; skipped",
        "{count} 件は記録済みのためスキップしました",
    ),
    "trial.feedback_dry_run": (
        "dry run: {count} response(s) would be recorded; nothing written",
        "試行: {count} 件が記録されます（書き込みはしていません）",
    ),
    "trial.training_recorded": ("recorded the training session", "研修を記録しました"),
    "trial.training_unchanged": ("that training session is already recorded", "その研修は記録済みです"),
    "trial.nothing": (
        "no trials yet; start one with `toolbench trial start TOOL --dept D`",
        "試行はまだありません。`toolbench trial start TOOL --dept D` で開始してください",
    ),
    "trial.sus": ("SUS {score} (grade {grade})", "SUS {score}（評価 {grade}）"),
    "trial.uxlite": ("UX-Lite {score}", "UX-Lite {score}"),
    "trial.effects": (
        "{before} → {with_tool} min per case, {cases} cases per {days} days: {minutes} min saved per case × {cases} "
        "× 365/{days} ÷ 60 = {hours} hours per year",
        "1 件あたり {before} → {with_tool} 分、{days} 日で {cases} 件: 1 件 {minutes} 分短縮 × {cases} 件 "
        "× 365/{days} ÷ 60 = 年間 {hours} 時間",
    ),
    "trial.accuracy": (
        "accuracy {correct}/{total} ({unit} level) = {rate} %",
        "正読 {correct}/{total}（{unit}単位）= {rate} %",
    ),
    "trial.unit.character": ("character", "文字"),
    "trial.unit.field": ("field", "項目"),
    "board.title": ("Trials", "試行状況"),
    "board.tool": ("Tool", "ツール"),
    "board.department": ("Department", "部署"),
    "trial.answers": (
        "'{text}' is not {count} answers from 1 to 5 separated by commas, e.g. 4,2,4,2,…",
        "'{text}' は 1～5 の回答 {count} 個をカンマで区切ったものではありません（例: 4,2,4,2,…）",
    ),
    "trial.effects_incomplete": (
        "measured effects need all four of --minutes-before, --minutes-with, --cases and --period-days",
        "効果の記録には --minutes-before、--minutes-with、--cases、--period-days の 4 つすべてが必要です",
    ),
    "trial.accuracy_usage": (
        "give the accuracy sample as --accuracy CORRECT/TOTAL with --unit character or --unit field",
        "正読率は --accuracy 正解数/総数 と --unit character または --unit field で指定してください",
    ),
    "board.phase": ("Phase", "段階"),
    "board.days": ("Days", "日数"),
    "board.feedback": ("Feedback", "回答数"),
    "board.sus": ("SUS", "SUS"),
    "board.grade": ("Grade", "評価"),
    "board.hours": ("Hours saved / year", "年間削減時間"),
    "board.none": ("-", "-"),
    "m.from_trials": ("trials, n={count}", "試行 n={count}"),
    "board.hours_note": (
        "Hours saved per year: the mean of the respondents' reports, each (minutes before - minutes with the tool) "
        "× cases in the period × 365 ÷ days in the period ÷ 60.",
        "年間削減時間: 回答者ごとに（導入前の分 － 導入後の分）× 期間内の件数 × 365 ÷ 期間の日数 ÷ 60 を求め、その平均。",
    ),
    "board.sus_note": (
        "SUS: 0 to 100 by Brooke's formula, graded on the Sauro-Lewis curved scale (A+ from 84.1 … F below 51.7).",
        "SUS: Brooke の算式による 0～100 点、Sauro-Lewis の曲線評価（A+ 84.1 以上 … F 51.7 未満）。",
    ),
    "timeline.start": ("started at {phase}", "{phase} で開始"),
    "timeline.move": ("{from_phase} → {to}", "{from_phase} → {to}"),
    "timeline.reason": ("reason: {reason}", "理由: {reason}"),
    "timeline.feedback": ("feedback from {who}", "{who} からのフィードバック"),
    "timeline.training": (
        "training: {attendees} attendee(s){satisfaction}",
        "研修: 参加 {attendees} 名{satisfaction}",
    ),
    "timeline.satisfaction": (", satisfaction {value}/5", "、満足度 {value}/5"),
    "timeline.anonymous": ("anonymous", "匿名"),
    "timeline.none": ("{tool} has no trials yet", "{tool} の試行はまだありません"),
    "prompt.intro": (
        "Feedback on {tool} in {department}. Press Enter to skip any question.",
        "{department} における {tool} へのフィードバックです。答えない質問は Enter で飛ばせます。",
    ),
    "prompt.respondent": ("Your name (or leave empty)", "お名前（空欄可）"),
    "prompt.rating": ("{criterion}: rate {levels}", "{criterion}: {levels} で評価"),
    "prompt.comment": ("Comment", "ご意見"),
    "prompt.effects": ("Did you measure the time per case? (y/n)", "1 件あたりの処理時間を計りましたか？ (y/n)"),
    "prompt.minutes_before": ("Minutes per case before the tool", "導入前の 1 件あたりの時間（分）"),
    "prompt.minutes_with": (
        "Minutes per case with the tool, checking included",
        "導入後の 1 件あたりの時間（確認作業を含む・分）",
    ),
    "prompt.cases": ("Cases in the period", "期間内の件数"),
    "prompt.period_days": ("Length of the period in days (30 = a month)", "期間の日数（1 か月なら 30）"),
    "prompt.sus": ("Answer the 10 SUS questions? (y/n)", "SUS の 10 問に答えますか？ (y/n)"),
    "prompt.sus_item": (
        "{number}. {text} (1 = strongly disagree … 5 = strongly agree)",
        "{number}. {text}（1 = まったくそう思わない … 5 = とてもそう思う）",
    ),
    "prompt.confirm": ("Record this feedback? (y/n)", "このフィードバックを記録しますか？ (y/n)"),
    "prompt.cancelled": ("nothing recorded", "記録しませんでした"),
    "prompt.invalid": ("{problem}; try again", "{problem}。もう一度入力してください"),
    "sus.q1": ("I think that I would like to use this system frequently.", "このシステムをしばしば使いたいと思う。"),
    "sus.q2": ("I found the system unnecessarily complex.", "このシステムは不必要なほど複雑だと感じた。"),
    "sus.q3": ("I thought the system was easy to use.", "このシステムは容易に使えると思った。"),
    "sus.q4": (
        "I think that I would need the support of a technical person to be able to use this system.",
        "このシステムを使うのに技術に詳しい人の助けが必要だと思う。",
    ),
    "sus.q5": (
        "I found the various functions in this system were well integrated.",
        "このシステムのさまざまな機能はよくまとまっていると感じた。",
    ),
    "sus.q6": (
        "I thought there was too much inconsistency in this system.",
        "このシステムには一貫性のないところが多すぎると思った。",
    ),
    "sus.q7": (
        "I would imagine that most people would learn to use this system very quickly.",
        "たいていの人はこのシステムの使い方をすぐに覚えると思う。",
    ),
    "sus.q8": ("I found the system very cumbersome to use.", "このシステムはとても扱いにくいと感じた。"),
    "sus.q9": ("I felt very confident using the system.", "このシステムを自信を持って使えると感じた。"),
    "sus.q10": (
        "I needed to learn a lot of things before I could get going with this system.",
        "このシステムを使い始める前に多くのことを学ぶ必要があった。",
    ),
}
