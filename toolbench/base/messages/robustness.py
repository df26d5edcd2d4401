"""Messages for the robustness part, merged into `_i18n.MESSAGES` (key: (English, Japanese))."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- errors ------------------------------------------------------------------
    "rob.bad_samples": (
        "the number of samples must be from 1 to {max}, not {samples}",
        "標本数は 1 以上 {max} 以下で指定してください（{samples} は使えません）",
    ),
    "rob.unknown_weights": (
        "unknown weight sampling '{value}'; use one of: {known}",
        "重みの抽出方法 '{value}' はありません。次から選んでください: {known}",
    ),
    "rob.no_criteria": (
        "no criterion carries points, so there are no weights to vary; give the criteria points in the plan",
        "配点のある評価項目がないため、変えられる重みがありません。計画で評価項目に配点を付けてください",
    ),
    "rob.no_points": (
        "the criteria's points add up to 0, so there are no weights to vary; give the criteria points in the plan",
        "評価項目の配点の合計が 0 のため、変えられる重みがありません。計画で評価項目に配点を付けてください",
    ),
    "rob.no_tools": (
        "no candidate can be compared yet: each is disqualified or has no figure on some criterion ({left_out}); "
        "record the missing scores, measurements or prices first (a missing figure is never counted as 0)",
        "比較できる候補がまだありません。いずれも失格か、評点のない評価項目があります（{left_out}）。"
        "足りない採点・測定値・価格を先に記録してください（未記録を 0 点とみなすことはしません）",
    ),
    "rob.sealed": (
        "prices are sealed (two envelopes), so no total can be compared yet; "
        "run this after the technical scores are locked (`toolbench lock --scores`)",
        "価格が封緘中（二封筒方式）のため、まだ総合点を比較できません。"
        "技術点の確定（`toolbench lock --scores`）の後に実行してください",
    ),
    "rob.no_hearings": (
        '--weights hearings needs weights derived from hearings ([weights] source = "hearings" and recorded '
        "hearings); use --weights uniform",
        '--weights hearings にはヒアリングから導いた重みが必要です（[weights] source = "hearings" とヒアリングの記録）。'
        "--weights uniform を使ってください",
    ),
    "rob.few_respondents": (
        "--weights hearings needs at least 2 counted respondents to measure how far apart they are (counted: {count}); "
        "use --weights uniform",
        "--weights hearings で回答者間のばらつきを測るには、集計対象の回答者が 2 名以上必要です（現在 {count} 名）。"
        "--weights uniform を使ってください",
    ),
    "rob.hearings_agree": (
        "every counted respondent gave the same weights, so there is no spread to sample around; "
        "the weights are as certain as the hearings can make them (use --weights uniform to vary them anyway)",
        "集計対象の回答者全員が同じ重みを答えたため、ばらつきがなく抽出できません。"
        "重みを変えて確かめる場合は --weights uniform を使ってください",
    ),
    # --- sensitivity sentences ------------------------------------------------------
    "rob.unit.points": ("{value} points", "{value}点"),
    "rob.or_more": ("{value} or more", "{value}以上"),
    "rob.or_less": ("{value} or less", "{value}以下"),
    "rob.what.weight": ("the weight of {criterion}", "{criterion}の重み"),
    "rob.what.points": (
        "the weight of {criterion} alone (in points, the others keeping theirs)",
        "{criterion}の配点だけ（他の項目の配点はそのまま）",
    ),
    "rob.dir.rise": ("rise", "上げる"),
    "rob.dir.fall": ("fall", "下げる"),
    "rob.stays.rise": (
        "{winner} stays first unless {what} rises from {current} to {rise} ({rivals} would draw level, then go ahead).",
        "{what}が{current}から{rise}に上がらない限り、{winner}が1位のままです"
        "（上がると{rivals}が並び、さらに上がると逆転します）。",
    ),
    "rob.stays.fall": (
        "{winner} stays first unless {what} falls from {current} to {fall} ({rivals} would draw level, then go ahead).",
        "{what}が{current}から{fall}に下がらない限り、{winner}が1位のままです"
        "（下がると{rivals}が並び、さらに下がると逆転します）。",
    ),
    "rob.stays.both": (
        "{winner} stays first unless {what} rises from {current} to {rise} ({rise_rivals} would draw level) "
        "or falls to {fall} ({fall_rivals} would draw level).",
        "{what}が{current}から{rise}に上がる（{rise_rivals}が並ぶ）か、{fall}に下がる"
        "（{fall_rivals}が並ぶ）かしない限り、{winner}が1位のままです。",
    ),
    "rob.stays.never_weight": (
        "No weight of {criterion} changes the winner: {winner} stays first for every weight from 0 % to 100 % "
        "(now {current}).",
        "{criterion}の重みを0%から100%のどこに変えても、{winner}が1位のままです（現在{current}）。",
    ),
    "rob.stays.never_points": (
        "No points of {criterion} change the winner while the other criteria keep theirs: {winner} stays first "
        "from 0 points upwards (now {current}).",
        "他の項目の配点をそのままにして{criterion}の配点を0点からいくつにしても、{winner}が1位のままです"
        "（現在{current}）。",
    ),
    "rob.level_now": (
        "{winner} and {rivals} are level now: any {direction} of {what} puts {rivals} ahead.",
        "{winner}と{rivals}は現在同点です。{what}を少しでも{direction}と{rivals}が上回ります。",
    ),
    # --- notes ----------------------------------------------------------------------
    "rob.left_out.disqualified": (
        "{tool} is disqualified and not part of the analysis.",
        "{tool}は失格のため分析に含めていません。",
    ),
    "rob.left_out.unscored": (
        "{tool} has no figures yet and is not part of the analysis.",
        "{tool}はまだ評点がないため分析に含めていません。",
    ),
    "rob.left_out.missing": (
        "{tool} is left out: no figure yet on {criteria} (a missing figure is never counted as 0).",
        "{tool}は {criteria} の評点がまだないため分析に含めていません（未記録を 0 点とはみなしません）。",
    ),
    "rob.left_out.no_price": (
        "{tool} is left out: it has no price to compare yet.",
        "{tool}は比較する価格がまだないため分析に含めていません。",
    ),
    "rob.note.order_differs": (
        "The model orders some candidates by their exact totals differently from the matrix, which ranks "
        "rounded totals and breaks ties by the plan's chain; the analysis starts from the exact order.",
        "このモデルは端数処理前の合計で順位を付けるため、端数処理後の合計と同点時の規則で決まる比較表の順位と一部異なります。"
        "分析は端数処理前の順位を起点にしています。",
    ),
    "rob.note.division": (
        "Division method: the rank follows technical points ÷ price, so only the technical criteria's weights "
        "are varied (shares of the technical points).",
        "除算方式: 順位は技術点 ÷ 価格で決まるため、変えるのは技術評価項目の重み（技術点に占める割合）だけです。",
    ),
    "rob.note.minimum": (
        "Eligibility is held as decided: the minimum technical score (足切り) is not re-applied at other weights.",
        "失格の判定は現在のままとし、重みを変えたときの技術点の最低基準（足切り）は再判定していません。",
    ),
    "rob.note.hearings": (
        "The current weights are derived from {count} hearing respondent(s).",
        "現在の重みは{count}名のヒアリング結果から導いたものです。",
    ),
    "rob.note.rounding": (
        "Thresholds are shown rounded towards the current value, so a weight the sentence calls safe is safe; "
        "exact values are in --format json.",
        "しきい値は現在値に近い側へ丸めて表示しているため、文中で安全とされる重みは確かに安全です。"
        "正確な値は --format json で確認できます。",
    ),
    # --- report -------------------------------------------------------------------
    "rob.title": ("Robustness: {title}", "頑健性の分析: {title}"),
    "rob.first_now": (
        "First under the current weights: {winner}. Totals of the model (exact, before rounding): {totals}.",
        "現在の重みでの1位: {winner}。モデルの合計（端数処理前）: {totals}。",
    ),
    "rob.first_now_value": (
        "First under the current weights: {winner}. Technical points ÷ price × {scale} (exact): {totals}.",
        "現在の重みでの1位: {winner}。技術点 ÷ 価格 × {scale}（端数処理前）: {totals}。",
    ),
    "rob.section.rescaled": (
        "One weight changed, the others rescaled in proportion to keep 100 %",
        "1つの項目の重みを変え、他の項目を比例して調整して合計 100 % を保つ場合",
    ),
    "rob.section.alone": (
        "One criterion's points changed alone, the others unchanged",
        "1つの項目の配点だけを変え、他の項目はそのままにする場合",
    ),
    "rob.section.notes": ("Notes", "注記"),
    "rob.only_one": (
        "Only one candidate can be compared: there is no other to overtake it.",
        "比較できる候補が1つだけのため、順位が入れ替わることはありません。",
    ),
    "rob.col.criterion": ("Criterion", "評価項目"),
    "rob.col.weight": ("Weight now", "現在の重み"),
    "rob.col.points": ("Points now", "現在の配点"),
    "rob.col.winner_fall": ("Winner holds above", "1位を保つ範囲（下限）"),
    "rob.col.winner_rise": ("Winner holds below", "1位を保つ範囲（上限）"),
    "rob.col.rank_fall": ("Whole order holds above", "全順位を保つ範囲（下限）"),
    "rob.col.rank_rise": ("Whole order holds below", "全順位を保つ範囲（上限）"),
    "rob.cell.threshold": ("{value} ({rivals})", "{value}（{rivals}）"),
    "rob.cell.pair": ("{value} ({rivals} = {leader})", "{value}（{rivals} = {leader}）"),
    "rob.cell.level_now": ("level now ({rivals})", "現在同点（{rivals}）"),
    "rob.cell.none": ("no limit", "制限なし"),
    "rob.cell.not_applicable": ("not applicable", "対象外"),
    # SMAA
    "rob.smaa.title": ("SMAA-2 rank acceptability", "SMAA-2 順位受容度"),
    "rob.smaa.run": (
        "{samples} samples, seed {seed}; {weights}; {scores}. The same seed gives the same figures.",
        "標本数{samples}、シード{seed}。{weights}。{scores}。同じシードなら同じ結果になります。",
    ),
    "rob.smaa.uniform": (
        "weights drawn uniformly on the simplex (every weighting equally likely)",
        "重みは単体上で一様に抽出（どの重み付けも同じ確率）",
    ),
    "rob.smaa.hearings": (
        "weights drawn around the current weights (Dirichlet, concentration {alpha}, "
        "matched to the spread of {count} hearing respondents)",
        "重みは現在の重みを中心に抽出（ディリクレ分布、集中度{alpha}、ヒアリング回答者{count}名のばらつきに合わせた値）",
    ),
    "rob.smaa.fixed_scores": ("scores fixed at their aggregated figures", "評点は集計値で固定"),
    "rob.smaa.uncertain_scores": (
        "{cells} cell(s) drawn between their evaluators' lowest and highest ratio, most likely at the committee's "
        "figure (triangular), the rest fixed",
        "{cells}個のセルを評価者の最低と最高の比率の間で抽出（集計値を最頻値とする三角分布）し、他は固定",
    ),
    "rob.smaa.summary": (
        "{tool} comes first in {share} of the samples (standard error {error}).",
        "{tool}が標本の{share}で1位になります（標準誤差{error}）。",
    ),
    "rob.smaa.central": (
        "Central weights: the mean weights among the samples that make each candidate first",
        "中心重み: その候補が1位になる標本の重みの平均",
    ),
    "rob.col.tool": ("Candidate", "候補"),
    "rob.col.rank": ("Rank {rank}", "{rank}位"),
    "rob.col.confidence": ("Confidence", "信頼係数"),
    "rob.col.never_first": ("never first", "1位にならない"),
    # leave one bidder out
    "rob.loo.title": ("Leave one bidder out ({family})", "1者を除いた検証（{family}）"),
    "rob.loo.independent": (
        "Not needed: under {family} ({formula}) a candidate's price points do not depend on the other bids, "
        "so removing one cannot reorder the rest.",
        "不要です。{family}（{formula}）では価格点が他の入札に左右されないため、1者を除いても残りの順位は変わりません。",
    ),
    "rob.loo.too_few": (
        "Fewer than two eligible bids: there is no other bid to remove.",
        "有効な入札が2者未満のため、除く入札がありません。",
    ),
    "rob.loo.same": (
        "Removing any one bid leaves the order of the others as it is.",
        "どの1者を除いても、残りの候補の順位は変わりません。",
    ),
    "rob.loo.changed": (
        "Removing the bid of {removed} reorders the others: {before} becomes {after}.",
        "{removed}の入札を除くと残りの順位が変わります: {before} → {after}。",
    ),
    "rob.col.removed": ("Bid removed", "除いた入札"),
    "rob.col.lowest_after": ("Lowest price of the rest", "残りの最低価格"),
    "rob.col.before": ("Order of the others now", "残りの候補の現在の順位"),
    "rob.col.after": ("Order without that bid", "除いた後の順位"),
    "rob.col.changed": ("Order changes", "順位の変化"),
    "rob.yes": ("yes", "あり"),
    "rob.no": ("no", "なし"),
    # one requirement fit answer changed
    "rob.fit.title": ("One requirement fit answer changed", "機能要件適合表の回答を1つ変えた場合"),
    "rob.fit.rule": (
        "Each counted answer (○, △, ×) of each proposer was moved one step in turn (○ to △, △ to ○ or ×, × to △), "
        "the other answers as they are; the criterion's points, eligibility (a required requirement counted × "
        "disqualifies where the plan says so), the totals and the ranks were worked out again exactly, rounded as "
        "the plan says. A required △ still awaiting verification was also tried as a confirmed ×. "
        "{checked} change(s) tried.",
        "各提案者の計上中の回答（○・△・×）を1つずつ1段階変え（○は△に、△は○か×に、×は△に）、他の回答はそのままとして、"
        "その項目の点数、失格の有無（計画の定めにより必須要件が×なら失格）、合計点と順位を計画の端数処理どおりに正確に計算し直した。"
        "確認待ちの必須要件の△は、×と確定した場合も試した。試した変更は{checked}件。",
    ),
    "rob.fit.none": (
        "No single answer changes the winner: {winner} stays first whichever one answer moves one step.",
        "どの回答を1つ1段階変えても1位は{winner}のままで、1つの回答で1位が変わることはない。",
    ),
    "rob.fit.count": (
        "{count} single-answer change(s) would change the winner ({winner} now), most decisive first:",
        "1つの回答の変更で1位（現在は{winner}）が変わる場合が{count}件ある（影響の大きい順）。",
    ),
    "rob.fit.item": (
        "{tool}, {requirement} ({priority}): {before} → {after}{awaiting}: {effect}{first} would come first "
        "({figures}).",
        "{tool}の{requirement}（{priority}）: {before} → {after}{awaiting}。{effect}{first}が1位になる（{figures}）。",
    ),
    "rob.fit.item_nobody": (
        "{tool}, {requirement} ({priority}): {before} → {after}{awaiting}: {effect}no one would be ranked first.",
        "{tool}の{requirement}（{priority}）: {before} → {after}{awaiting}。{effect}1位の候補がなくなる。",
    ),
    "rob.fit.effect.out": ("{tool} is disqualified; ", "{tool}は失格となり、"),
    "rob.fit.effect.in": ("{tool} is no longer disqualified; ", "{tool}は失格でなくなり、"),
    "rob.fit.awaiting": (" (not yet verified)", "（未確認）"),
    "rob.fit.pending": ("△ awaiting verification, counted ×", "△（確認待ち・×として計上）"),
    "rob.fit.confirmed": ("× confirmed", "×（確定）"),
    "rob.fit.figure": ("{tool} {figure}", "{tool} {figure}"),
    "rob.fit.out": ("{tool} disqualified", "{tool} 失格"),
    "rob.fit.nobody": ("no one", "該当なし"),
    "rob.fit.more": (
        "... and {more} more; every change is in the data (--format json).",
        "ほか{more}件（全件は機械可読の出力に含む）。",
    ),
    "rob.fit.ranks": (
        "{count} other change(s) would move some rank but not the winner.",
        "1位は変わらないが他の順位が変わる変更が{count}件ある。",
    ),
    "rob.fit.ranks_none": ("No other change moves any rank.", "ほかに順位が変わる変更はない。"),
    "rob.fit.note.price": (
        "Under the {family}, a change that disqualifies or requalifies a proposer changes the lowest eligible "
        "price, and so every proposer's price points: they were worked out again for each such change.",
        "{family}では、提案者が失格になる（または失格でなくなる）と有効な最低価格が変わり全員の価格点が変わるため、"
        "その変更ごとに価格点も計算し直した。",
    ),
    "rob.fit.note.not_reproduced": (
        "Worked out again without any change, the figures differ from the evaluation's (a bid that counts without "
        "being ranked, such as a withdrawn one, is not known here): where a change moves eligibility, the price "
        "points may be off.",
        "変更なしで計算し直した値が評価結果と一致しない（順位の付かない入札、たとえば辞退者の入札が価格点に含まれる場合など）。"
        "失格の有無が変わる変更では、価格点がずれている可能性がある。",
    ),
    "rob.fit.note.minimum": (
        "The minimum technical score (足切り) was applied again after each change.",
        "変更ごとに技術点の最低基準（足切り）も判定し直した。",
    ),
    "rob.fit.note.rank_points": (
        "Rank points: each member's own ranking was worked out again after each change.",
        "順位点方式のため、変更ごとに各委員の順位付けも計算し直した。",
    ),
    "rob.fit.col.tool": ("Proposer", "提案者"),
    "rob.fit.col.tried": ("Changes tried", "試した変更"),
    "rob.fit.col.winner": ("Change the winner", "1位が変わる"),
    "rob.fit.col.rank": ("Change any rank", "順位が変わる"),
}
