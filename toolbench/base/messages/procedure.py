"""Messages for the proposal procedure: stages, qualification, attendance, withdrawals, draws, the decision.

Merged into `toolbench.base.i18n.MESSAGES`. Each pair is (English, Japanese).
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the plan ---------------------------------------------------------------------
    "plan.unknown_criterion_ref": (
        "unknown criterion '{criterion}'; use one of: {known}",
        "評価項目 '{criterion}' が定義されていません。次から選んでください: {known}",
    ),
    "pv.quorum": (
        "'{value}' is not a quorum; write majority, two_thirds, all or a number of members such as 3",
        "'{value}' は定足数として使えません。majority（過半数）、two_thirds（3分の2）、all（全員）または人数（例: 3）にしてください",
    ),
    "plan.procedure_sum_division": (
        "under 除算方式 the stages' values cannot be added up (each would divide by the price again); "
        'use final = "last", or give the technical stages their points and price in the last stage',
        "除算方式では段階ごとの評価値を合計できません（価格で段階ごとに割ることになります）。"
        'final = "last" にしてください',
    ),
    "plan.fit_unknown_priority": (
        "unknown priority '{priority}'; declare it under [fit] priorities or use one of: {known}",
        "優先度 '{priority}' が定義されていません。[fit] priorities に定義するか、次から選んでください: {known}",
    ),
    "plan.fit_unknown_criterion": (
        "'{criterion}' is not a criterion of kind \"fit\"; name one of: {known}",
        "'{criterion}' は kind = \"fit\" の評価項目ではありません。次から選んでください: {known}",
    ),
    "plan.fit_only": (
        'fit = {{…}} belongs to a criterion of kind "fit", not "{kind}"; remove it or change the kind',
        'fit = {{…}} は kind = "fit" の評価項目にだけ書けます（この項目は "{kind}"）。削除するか kind を変えてください',
    ),
    "plan.fit_scale": (
        "a fit criterion is scored from ○△×－ answers, not a scale; remove scale",
        "適合表の評価項目は ○△×－ の回答で採点するため尺度は不要です。scale を削除してください",
    ),
    "plan.fit_points_missing": (
        "no points for priority '{priority}'; add {priority} = {{ yes = …, partial = …, no = … }} to fit.points",
        "優先度 '{priority}' の点がありません。fit.points に {priority} = {{ yes = …, partial = …, no = … }} を加えてください",
    ),
    "plan.fit_no_requirements": (
        "criterion '{criterion}' is of kind fit but no requirement names it; add [[requirements]] with criterion = \"{criterion}\"",
        "評価項目 '{criterion}' は適合表ですが、対応する要件がありません。criterion = \"{criterion}\" の [[requirements]] を加えてください",
    ),
    "plan.fit_file_and_list": (
        "the requirements are both in the plan and in {file}; keep them in one place",
        "要件が計画と {file} の両方にあります。どちらか一方にまとめてください",
    ),
    "plan.fit_file_columns": (
        "the requirement list lacks the column(s) {missing}; its first row must name id, text, category, priority, criterion",
        "要件一覧に列 {missing} がありません。1 行目に id, text, category, priority, criterion を並べてください",
    ),
    "dq.fit_required": (
        "{count} required requirement(s) of {criterion} not met (×): {requirements}",
        "{criterion}の必須要件 {count} 件を満たさない（×）: {requirements}",
    ),
    "plan.rank_points_missing": (
        'aggregation = "rank_points" needs the points per place, e.g. rank_points = [5, 3, 1]',
        'aggregation = "rank_points" には順位ごとの点が必要です。例: rank_points = [5, 3, 1]',
    ),
    "plan.rank_points_order": (
        "rank_points must not rise from one place to the next (1st first); sort them from highest to lowest",
        "rank_points は 1 位から順に、下位ほど同じか小さい点にしてください",
    ),
    "plan.rank_points_division": (
        "rank points cannot rank by the 除算方式 value; choose another aggregation or price family",
        "順位点方式は除算方式の評価値と併用できません。集計方法か価格の評価方式を変えてください",
    ),
    "plan.rank_points_unused": (
        'rank_points is given but aggregation is "{aggregation}"; set aggregation = "rank_points" or remove it',
        'rank_points がありますが集計方法は "{aggregation}" です。aggregation = "rank_points" にするか削除してください',
    ),
    "plan.stage_qualification_first": (
        "a qualification stage (参加資格審査) comes before any scoring; make it the first stage",
        "参加資格審査は採点の前に行います。最初の段階にしてください",
    ),
    "plan.stage_requirements_missing": (
        'a qualification stage needs its requirements, e.g. [[stages.requirements]] id = "isms"',
        '参加資格審査には要件が必要です。例: [[stages.requirements]] id = "isms"',
    ),
    "plan.stage_qualification_criteria": (
        "a qualification stage is judged pass or fail on requirements, not scored on criteria; move the criteria to a scored stage",
        "参加資格審査は要件の適否で判定し、評価項目では採点しません。評価項目は採点する段階に移してください",
    ),
    "plan.stage_requirement_twice": (
        "requirement '{id}' is listed twice; give each requirement its own id",
        "要件 '{id}' が重複しています。それぞれに別の ID を付けてください",
    ),
    "plan.stage_not_scored": (
        "only a scored stage has attendance, a drawn order or a shortlist; remove the key or make the stage scored",
        "出席の記録・くじによる順番・選定は採点する段階にだけ設定できます。キーを削除するか採点する段階にしてください",
    ),
    "plan.stage_requirements_scored": (
        'requirements belong to a qualification stage; set kind = "qualification" or remove them',
        '要件は参加資格審査の段階に置きます。kind = "qualification" にするか削除してください',
    ),
    "plan.stage_empty": (
        'a scored stage needs its criteria or groups, e.g. criteria = ["accuracy"]',
        '採点する段階には評価項目かグループが必要です。例: criteria = ["accuracy"]',
    ),
    "plan.stage_criterion_twice": (
        "criterion '{criterion}' is already scored in stage '{first}'; each criterion belongs to one stage",
        "評価項目 '{criterion}' は段階 '{first}' で採点されます。各評価項目はひとつの段階にだけ置いてください",
    ),
    "plan.stage_shortlist_last": (
        "the last stage has no next stage to shortlist for; remove its shortlist",
        "最後の段階には次の段階がないため選定（shortlist）は不要です。削除してください",
    ),
    "plan.stage_shortlist_empty": (
        "a shortlist needs top_n, pass_mark or both, e.g. top_n = 5",
        "選定には top_n と pass_mark のどちらか（または両方）が必要です。例: top_n = 5",
    ),
    "plan.stage_none_scored": (
        'the stages score nothing; add a stage with kind = "scored" and its criteria',
        '採点する段階がありません。kind = "scored" の段階と評価項目を加えてください',
    ),
    "plan.stage_criterion_unplaced": (
        "criterion '{criterion}' is in no stage; add it (or its group) to the stage that scores it",
        "評価項目 '{criterion}' がどの段階にも入っていません。採点する段階に項目（またはグループ）を加えてください",
    ),
    "form.absent": ("Absent", "欠席"),
    "m.levels_key_absent": (
        "Under each figure: each evaluator's level, in this order: {evaluators} (- = not scored, x = recused or absent)",
        "各得点の下の数字は評価者ごとの採点水準（順に {evaluators}、- は未採点、x は利害関係による除斥または欠席）",
    ),
    "m.absent": (
        "Absent: {evaluator} was not present at the presentation of {tool} (stage {note}, event {seq}) and does not score it.",
        "欠席: {evaluator} は {tool} のプレゼンテーションに欠席したため採点しない（段階 {note}、イベント {seq}）。",
    ),
    "fair.rec.absent": (
        "absent from the presentation (stage {stage}, event {seq})",
        "プレゼンテーションに欠席（段階 {stage}、イベント {seq}）",
    ),
    "coi.why.absent": (
        "absent from the presentation in stage {stage}, event {seq}",
        "段階 {stage} のプレゼンテーションに欠席、イベント {seq}",
    ),
    "proc.no_stages": (
        "this plan has no stages, so there is no stage '{stage}'; a plan without [[stages]] is one scoring round "
        "(add [[stages]] to the plan to run a procedure)",
        "この計画には段階がないため段階 '{stage}' はありません。段階のない計画は 1 回の採点です"
        "（手続を行うには計画に [[stages]] を加えてください）",
    ),
    "proc.blind_documents": (
        "the procedure's documents name the proposers, which would give the blind labels away; unblind first "
        "(`toolbench unblind`)",
        "手続の文書は提案者名を記載するため、匿名ラベルの対応が分かってしまいます。先に `toolbench unblind` を実行してください",
    ),
    "proc.verdict.pass": ("pass", "適"),
    "proc.verdict.fail": ("fail", "否"),
    "proc.unknown_stage": (
        "unknown stage '{stage}'; use one of: {known}",
        "段階 '{stage}' はありません。次から選んでください: {known}",
    ),
    "proc.stage_not_scored": (
        "stage '{stage}' is a qualification stage and has no scores; use `toolbench procedure` to see its verdicts",
        "段階 '{stage}' は参加資格審査で採点はありません。判定は `toolbench procedure` で確認してください",
    ),
    # --- refusals (nothing is recorded) -------------------------------------------------
    "proc.unknown_tool": (
        "unknown proposer '{tool}'; use one of: {known}",
        "提案者 '{tool}' はありません。次から選んでください: {known}",
    ),
    "proc.unknown_member": (
        "unknown committee member '{member}'; use one of: {known}",
        "委員 '{member}' はいません。次から選んでください: {known}",
    ),
    "proc.unknown_requirement": (
        "unknown requirement '{requirement}'; use one of: {known}",
        "要件 '{requirement}' はありません。次から選んでください: {known}",
    ),
    "proc.no_qualification": (
        'the plan has no qualification stage; add a [[stages]] with kind = "qualification" and its requirements',
        '計画に参加資格審査の段階がありません。kind = "qualification" の [[stages]] と要件を加えてください',
    ),
    "proc.bad_verdict": (
        "'{verdict}' is not a verdict; use pass or fail (適 / 否)",
        "'{verdict}' は判定として使えません。pass か fail（適 / 否）にしてください",
    ),
    "proc.bad_outcome": (
        "'{outcome}' is not an outcome; use agreed or failed",
        "'{outcome}' は結果として使えません。agreed（合意）か failed（不調）にしてください",
    ),
    "proc.evidence_required": (
        'a verdict needs its evidence named (--evidence, e.g. "ISMS 登録証 IS 123456, 2026-03-31 まで")',
        '判定には根拠の記載が必要です（--evidence。例: "ISMS 登録証 IS 123456、2026-03-31 まで"）',
    ),
    "proc.reason_required": ("this step needs a reason (--reason)", "この操作には理由が必要です（--reason）"),
    "proc.review_empty": (
        "the review text is empty; write what the committee said",
        "講評が空です。委員会の所見を記入してください",
    ),
    "proc.judge_reason": (
        "{tool} / {requirement} was judged {old} (event {seq}); changing a verdict needs --reason",
        "{tool} の {requirement} は {old} と判定済みです（イベント {seq}）。判定を変えるには --reason が必要です",
    ),
    "proc.judge_stage_waiting": (
        "the qualification stage '{stage}' is not open; open it first (`toolbench stage open {stage}`)",
        "参加資格審査 '{stage}' が開始されていません。先に `toolbench stage open {stage}` を実行してください",
    ),
    "proc.judge_stage_closed": (
        "the qualification stage '{stage}' is closed; its verdicts can no longer change (reopen it with a reason first)",
        "参加資格審査 '{stage}' は終了しています。判定を変えるには理由を付けて再開してください",
    ),
    "proc.score_stage_waiting": (
        "criterion '{criterion}' belongs to stage '{stage}', which is not open; open it first (`toolbench stage open {stage}`)",
        "評価項目 '{criterion}' は段階 '{stage}' のもので、まだ開始されていません。先に `toolbench stage open {stage}` を実行してください",
    ),
    "proc.score_stage_closed": (
        "criterion '{criterion}' belongs to stage '{stage}', which is closed; scores can no longer change (reopen it with a reason first)",
        "評価項目 '{criterion}' の段階 '{stage}' は終了しています。採点を変えるには理由を付けて段階を再開してください",
    ),
    "proc.score_withdrawn": (
        "{tool} withdrew ({date}) and is no longer scored",
        "{tool} は辞退しました（{date}）。採点できません",
    ),
    "proc.score_not_participant": (
        "{tool} does not take part in stage '{stage}' (not qualified or not shortlisted)",
        "{tool} は段階 '{stage}' の対象ではありません（参加資格なし、または選定外）",
    ),
    "proc.score_no_attendance": (
        "stage '{stage}' lets only members present score; record who attended {tool}'s presentation first (`toolbench attend {stage} --tool {tool} --present …`)",
        "段階 '{stage}' は出席した委員だけが採点します。先に {tool} のプレゼンテーションの出席者を記録してください（`toolbench attend {stage} --tool {tool} --present …`）",
    ),
    "proc.score_absent": (
        "{evaluator} was not present at {tool}'s presentation (event {seq}) and may not score it in stage '{stage}'",
        "{evaluator} は {tool} のプレゼンテーションに欠席したため（イベント {seq}）、段階 '{stage}' で採点できません",
    ),
    "proc.stage_already_open": ("stage '{stage}' is already open", "段階 '{stage}' はすでに開始されています"),
    "proc.stage_already_closed": (
        "stage '{stage}' is already closed; reopen it with a reason (`toolbench stage reopen {stage} --reason …`)",
        "段階 '{stage}' はすでに終了しています。再開するには理由を付けてください（`toolbench stage reopen {stage} --reason …`）",
    ),
    "proc.stage_before_open": (
        "stage '{stage}' follows '{before}', which is not closed; close it first (`toolbench stage close {before}`)",
        "段階 '{stage}' の前の段階 '{before}' が終了していません。先に `toolbench stage close {before}` を実行してください",
    ),
    "proc.close_waiting": ("stage '{stage}' has not been opened", "段階 '{stage}' はまだ開始されていません"),
    "proc.close_closed": ("stage '{stage}' is already closed", "段階 '{stage}' はすでに終了しています"),
    "proc.close_unjudged": (
        "stage '{stage}' cannot close: requirements not yet judged for {tools}",
        "段階 '{stage}' を終了できません。要件の判定が済んでいない提案者: {tools}",
    ),
    "proc.close_incomplete": (
        "stage '{stage}' cannot close: scores missing ({cells}); record them, or close with --incomplete-reason, which every document then states",
        "段階 '{stage}' を終了できません。未採点があります（{cells}）。採点するか、--incomplete-reason で理由を付けて終了してください（理由は全文書に記載されます）",
    ),
    "proc.close_tie_draw": (
        "stage '{stage}' cannot close: {tools} are level at the shortlist's edge and the tie-break chain ends in lot; draw first (`toolbench draw tie {stage}`)",
        "段階 '{stage}' を終了できません。{tools} が選定の境界で同点で、同点時の決定はくじです。先にくじを行ってください（`toolbench draw tie {stage}`）",
    ),
    "proc.no_attendance": (
        "no attendance recorded for the committee meeting of stage '{stage}'; record who is present "
        "(`toolbench attend {stage} --present …`)",
        "段階 '{stage}' の委員会の出席者が記録されていません。`toolbench attend {stage} --present …` で記録してください",
    ),
    "proc.no_attendance_decide": (
        "no attendance recorded for the meeting that decides; give --present, or record who is present at the last "
        "stage's meeting (`toolbench attend {stage} --present …`)",
        "決定する会議の出席者が記録されていません。--present を指定するか、最後の段階の会議の出席者を記録してください"
        "（`toolbench attend {stage} --present …`）",
    ),
    "proc.no_quorum": (
        "no quorum at {where}: {present} of {members} members present, {needed} needed ([procedure] quorum)",
        "{where} は定足数に達していません。委員 {members} 名中 {present} 名の出席で、{needed} 名が必要です（[procedure] quorum）",
    ),
    "proc.reopen_not_closed": ("stage '{stage}' is not closed", "段階 '{stage}' は終了していません"),
    "proc.reopen_next_open": (
        "stage '{stage}' cannot reopen: the next stage '{next}' has already begun",
        "段階 '{stage}' は再開できません。次の段階 '{next}' がすでに始まっています",
    ),
    "proc.decided": (
        "the decision is recorded (event {seq}); the procedure can no longer change",
        "決定が記録されています（イベント {seq}）。手続はこれ以上変更できません",
    ),
    "proc.moved": (
        "the ledger changed while this step was being checked (stage '{stage}'); run it again",
        "確認中に台帳が更新されました（段階 '{stage}'）。もう一度実行してください",
    ),
    "proc.attend_qualification": (
        "stage '{stage}' is a qualification stage, judged by the secretariat; attendance belongs to a scored stage",
        "段階 '{stage}' は事務局が判定する参加資格審査です。出席は採点する段階で記録します",
    ),
    "proc.attend_stage_waiting": (
        "stage '{stage}' has not been opened; open it first",
        "段階 '{stage}' はまだ開始されていません。先に開始してください",
    ),
    "proc.attend_stage_closed": ("stage '{stage}' is closed", "段階 '{stage}' は終了しています"),
    "proc.attend_scored": (
        "{members} already scored {tool} in this stage; a member who scored was present (correct the scores first)",
        "{members} はこの段階で {tool} をすでに採点しています。採点した委員は出席者です（先に採点を訂正してください）",
    ),
    "proc.withdrawn": ("{tool} withdrew ({date})", "{tool} は辞退しています（{date}）"),
    "proc.draw_purpose": (
        "'{purpose}' is not a draw; use order or tie",
        "'{purpose}' はくじの種類として使えません。order（順番）か tie（同点）にしてください",
    ),
    "proc.draw_not_lot": (
        "stage '{stage}' does not draw its order by lot; set order = \"lot\" on the stage",
        "段階 '{stage}' は順番をくじで決めません。段階に order = \"lot\" を設定してください",
    ),
    "proc.draw_no_lot": (
        "the tie-break chain does not end in lot, so no tie is drawn; the plan's chain decides",
        "同点時の決定方法の最後がくじ（lot）ではないため、くじは行いません。計画の決定方法に従います",
    ),
    "proc.draw_not_ready": ("nobody has entered stage '{stage}' yet", "段階 '{stage}' の対象者がまだ決まっていません"),
    "proc.draw_too_few": (
        "there is nothing to draw in '{stage}': fewer than two candidates",
        "'{stage}' にはくじの対象が 2 者以上ありません",
    ),
    "proc.draw_exists": (
        "draw {draw} is already committed (event {seq})",
        "くじ {draw} はすでにコミット済みです（イベント {seq}）",
    ),
    "proc.draw_unknown": (
        "no draw {draw} is committed; committed: {known}",
        "くじ {draw} はコミットされていません。コミット済み: {known}",
    ),
    "proc.draw_revealed": (
        "draw {draw} is already revealed (event {seq})",
        "くじ {draw} はすでに開示済みです（イベント {seq}）",
    ),
    "proc.draw_no_seed": (
        "the seed of draw {draw} is not in {path}; it is kept only where the draw was committed",
        "くじ {draw} のシードが {path} にありません。シードはコミットした作業フォルダーにだけ保存されます",
    ),
    "proc.draw_seed_mismatch": (
        "the seed in {path} does not match the commitment of draw {draw}; the file was changed",
        "{path} のシードがくじ {draw} のコミットメントと一致しません。ファイルが変更されています",
    ),
    "proc.decide_stage_waiting": (
        "stage '{stage}' has not been held yet; a decision comes after every stage",
        "段階 '{stage}' がまだ実施されていません。決定はすべての段階の後に行います",
    ),
    "proc.decide_stage_open": (
        "stage '{stage}' is still open; close it first (`toolbench stage close {stage}`)",
        "段階 '{stage}' がまだ終了していません。先に `toolbench stage close {stage}` を実行してください",
    ),
    "proc.order_mismatch": (
        "the negotiation order must start with the preferred proposer, then the runner-up",
        "交渉順位は最優秀提案者、次点の順で始めてください",
    ),
    "proc.contradicts": (
        "the decision departs from the rules: {why}; decide as they say, or give --override with the reason every document will disclose",
        "決定が規則と異なります: {why}。規則どおりに決定するか、--override に理由を記入してください（理由は全文書に記載されます）",
    ),
    "proc.not_decided": (
        "nothing is decided yet (`toolbench decide`)",
        "まだ決定が記録されていません（`toolbench decide`）",
    ),
    "proc.already_agreed": (
        "negotiation with {tool} was agreed (event {seq})",
        "{tool} との交渉は合意済みです（イベント {seq}）",
    ),
    "proc.not_their_turn": (
        "it is {turn}'s turn in the decided order, not {tool}'s; the next proposer is asked only after negotiation with the one before fails",
        "決定した順位では {tool} ではなく {turn} の番です。次の者との交渉は前の者との交渉が不調となった後に限ります",
    ),
    # --- where a decision departs from the rules ----------------------------------------
    "proc.depart.unresolved": (
        "{tools} are still level after the tie-break chain; draw lots first (`toolbench draw tie final`)",
        "{tools} は同点時の決定方法の後も同点です。先にくじを行ってください（`toolbench draw tie final`）",
    ),
    "proc.depart.no_ranking": ("no proposer is ranked", "順位の付いた提案者がいません"),
    "proc.depart.preferred": (
        "the rules make {expected} the preferred proposer, not {given}",
        "規則による最優秀提案者は {given} ではなく {expected} です",
    ),
    "proc.depart.runner_up": (
        "the rules make {expected} the runner-up, not {given}",
        "規則による次点は {given} ではなく {expected} です",
    ),
    "proc.depart.order": (
        "the rules give the order {expected}, not {given}",
        "規則による順位は {given} ではなく {expected} です",
    ),
    # --- what every document discloses --------------------------------------------------
    "proc.problem.draw_seed": (
        "draw {draw} does not hold: the revealed seed (event {seq}) is not the one committed to",
        "くじ {draw} は成立していません。開示されたシード（イベント {seq}）がコミットメントと一致しません",
    ),
    "proc.problem.draw_order": (
        "draw {draw} does not hold: the recorded order (event {seq}) does not follow from its seed",
        "くじ {draw} は成立していません。記録された順番（イベント {seq}）がシードから導かれる順番と異なります",
    ),
    "proc.problem.shortlist_moved": (
        "the shortlist of stage '{stage}' recorded at closing ({recorded}) differs from the figures now ({now})",
        "段階 '{stage}' の終了時に記録した選定（{recorded}）が現在の得点による選定（{now}）と異なります",
    ),
    "proc.problem.override": (
        "the decision (event {seq}) departs from the rules; the committee's reason: {reason}",
        "決定（イベント {seq}）は規則と異なります。委員会の理由: {reason}",
    ),
    "archive.f.draw_seed": (
        "draw {draw}: the seed revealed in event {seq} is not the one committed to before the draw",
        "くじ {draw}: イベント {seq} で開示されたシードが、くじの前にコミットされたものと一致しません",
    ),
    "archive.f.draw_order": (
        "draw {draw}: the order recorded in event {seq} does not follow from its seed; anyone recomputing it gets another",
        "くじ {draw}: イベント {seq} に記録された順番がシードから導かれる順番と一致しません",
    ),
    "agg.rank_points": (
        "rank points: each member ranks the proposers by their own totals and the places' points are summed",
        "順位点方式（各委員の合計点による順位を点に換算して合計）",
    ),
}
