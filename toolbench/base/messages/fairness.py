"""Messages for the fairness part, merged into `_i18n.MESSAGES` (key: (English, Japanese))."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- errors ------------------------------------------------------------------
    "fair.bad_share": (
        "the divergence share must be above 0 and at most 1 (0.3 = 30 % of the scale), not '{share}'",
        "ばらつきの基準は 0 より大きく 1 以下で指定してください（0.3 = 尺度の 30 %）。'{share}' は使えません",
    ),
    "fair.bad_samples": (
        "the number of Monte-Carlo samples must be 0 or more, not {samples}",
        "モンテカルロ法の標本数は 0 以上で指定してください（{samples} は使えません）",
    ),
    "fair.bad_matrix": (
        "Kendall's W needs at least 2 raters and 2 objects, each rater scoring every object "
        "(got {m} row(s), the first with {n} value(s))",
        "ケンドールの W には 2 名以上の評価者と 2 つ以上の対象が必要で、各評価者がすべての対象を採点している必要があります"
        "（{m} 行、1 行目の値は {n} 個）",
    ),
    "fair.bad_value": (
        "not every value is a finite number in the row {row}",
        "行 {row} に有限の数値でない値があります",
    ),
    "fair.bad_df": (
        "the chi-squared distribution needs 1 or more degrees of freedom, not {df}",
        "カイ二乗分布の自由度は 1 以上で指定してください（{df} は使えません）",
    ),
    # --- report ------------------------------------------------------------------
    "fair.title": ("Rater checks: {title}", "評価者チェック: {title}"),
    "fair.title_short": ("the rater checks", "評価者チェック"),
    "fair.provenance": (
        "Plan {plan_hash}, ledger head #{head_seq} {head_hash}",
        "計画 {plan_hash} ・ 台帳 #{head_seq} {head_hash}",
    ),
    "fair.none": ("none", "なし"),
    "fair.disqualified": ("disqualified", "失格"),
    "fair.unranked": ("unranked", "順位なし"),
    "fair.sep": (", ", "、"),
    "fair.about": ("about {count}", "約 {count}"),
    "fair.h.evaluator": ("Evaluator", "評価者"),
    "fair.h.tool": ("Tool", "ツール"),
    "fair.h.criterion": ("Criterion", "評価項目"),
    "fair.h.cells": ("Cells", "セル数"),
    "fair.h.deviation": ("Mean deviation (% of scale)", "平均の差（尺度に対する %）"),
    "fair.h.exact": ("Exact (ratio)", "厳密値（比率）"),
    "fair.h.spread": ("Spread", "ばらつき"),
    "fair.h.consensus": ("Committee consensus", "合議による水準"),
    "fair.h.rank_sum": ("Rank sum", "順位和"),
    # recusals
    "fair.rec.title": ("Recusals (conflicts of interest)", "除斥（利害関係）"),
    "fair.rec.none": ("No evaluator is recused from any tool.", "除斥された評価者はいません。"),
    "fair.rec.line": (
        "{evaluator} does not score {tool}: {why}. Their scores for it count nowhere below.",
        "{evaluator} は {tool} を採点しない（{why}）。以下のどの集計にもその採点は含めない。",
    ),
    "fair.rec.affiliation": (
        "{company} is {role} (affiliation in the plan)",
        "所属する {company} が{role}のため。計画の所属による",
    ),
    "fair.rec.declared_company": (
        "declared relationship with {company}, {role} (event {seq})",
        "{company}（{role}）との関係を申告、イベント {seq}",
    ),
    "fair.rec.declared_tool": ("declared conflict (event {seq})", "利害関係を申告、イベント {seq}"),
    "fair.rec.blind": (
        "conflict of interest; details withheld while the evaluation is blind",
        "利害関係による。ブラインド評価中のため詳細は伏せる",
    ),
    # leniency
    "fair.len.title": ("Leniency: each evaluator against the others", "甘辛: 各評価者と他の評価者との差"),
    "fair.len.rule": (
        "On each judged cell that the evaluator and at least one other evaluator scored: own ratio - mean of the "
        "others' ratios; shown as the mean over those cells, in % of the scale (100 % = a criterion's full points). "
        "Positive = more lenient, negative = stricter.",
        "評価者本人と他の評価者 1 名以上が採点したセルごとに「本人の比率 － 他の評価者の比率の平均」を求め、"
        "その平均を尺度に対する %（100 % = 項目の満点）で示す。正は甘め、負は辛め。",
    ),
    "fair.len.lenient": (
        "{evaluator} scores {amount} of the scale above the others on average ({cells} cells).",
        "{evaluator} は他の評価者より平均で尺度の {amount} 高く採点している（{cells} セル）。",
    ),
    "fair.len.strict": (
        "{evaluator} scores {amount} of the scale below the others on average ({cells} cells).",
        "{evaluator} は他の評価者より平均で尺度の {amount} 低く採点している（{cells} セル）。",
    ),
    "fair.len.even": (
        "{evaluator} scores level with the others on average ({cells} cells).",
        "{evaluator} の採点は平均して他の評価者と同じ水準（{cells} セル）。",
    ),
    "fair.len.none": (
        "{evaluator} shares no scored cell with another evaluator.",
        "{evaluator} には他の評価者と共通の採点済みセルがない。",
    ),
    # divergent cells
    "fair.div.title": ("Divergent cells for the committee meeting", "評価委員会で確認するばらつきの大きいセル"),
    "fair.div.rule": (
        "Spread = highest - lowest ratio among the counted scores on a cell (two or more); a cell is listed "
        "when its spread is {share} of the scale or more ({source}).",
        "ばらつき = セルの集計対象の採点（2 件以上）の比率の最大 － 最小。尺度の {share} 以上のセルを挙げる（{source}）。",
    ),
    "fair.div.source.plan": ("[fairness] divergence_share in the plan", "計画の [fairness] divergence_share"),
    "fair.div.source.option": ("--share", "--share による指定"),
    "fair.div.count": (
        "{count} cell(s) spread by {share} of the scale or more, widest first: to be discussed at the committee meeting.",
        "尺度の {share} 以上ばらついたセルが {count} 件ある（ばらつきの大きい順）。評価委員会で確認する。",
    ),
    "fair.div.none": (
        "No cell spreads by {share} of the scale or more.",
        "尺度の {share} 以上ばらついたセルはない。",
    ),
    "fair.div.key": (
        "Levels: - = not scored, x = recused.",
        "水準: - は未採点、x は利害関係による除斥。",
    ),
    # Kendall's W
    "fair.w.title": ("Agreement: Kendall's W across evaluators", "評価者間の一致度: ケンドールの W"),
    "fair.w.rule": (
        "Each evaluator ranks the tools by their own points (Σ points × ratio over the criteria compared; rank 1 = "
        "highest, ties share the average rank). W = 12 S / (m^2 (n^3 - n) - m Σ(t^3 - t)), with the tie correction; "
        "1 = identical rankings, 0 = no agreement.",
        "各評価者の得点（比較する項目の 配点 × 比率 の合計。最高を 1 位とし、同点は平均順位）で候補を順位付けする。"
        "W = 12 S / (m^2 (n^3 - n) - m Σ(t^3 - t))（同順位補正あり）。1 は順位が完全に一致、0 は一致なし。",
    ),
    "fair.w.summary": (
        "Kendall's W = {w} (uncorrected {w_uncorrected}): {m} evaluators ranking {n} tools on {k} criteria.",
        "ケンドールの W = {w}（補正なし {w_uncorrected}）: 評価者 {m} 名が {n} 候補を {k} 項目で順位付け。",
    ),
    "fair.w.undefined": (
        "Kendall's W cannot be computed: every evaluator gave every tool the same points (uncorrected W = {w_uncorrected}).",
        "ケンドールの W は計算できない: どの評価者もすべての候補に同じ得点を付けている（補正なし W = {w_uncorrected}）。",
    ),
    "fair.w.exact": (
        "Exact permutation test: p = {p} ({p_exact}, over all {arrangements} arrangements of the rankings).",
        "正確な並べ替え検定: p = {p}（{p_exact}、順位付けの全 {arrangements} 通りによる）。",
    ),
    "fair.w.sampled": (
        "Monte-Carlo permutation test: p = {p} ({samples} random arrangements, seed {seed}; "
        "the exact test would need {arrangements}).",
        "モンテカルロ並べ替え検定: p = {p}（無作為な並べ替え {samples} 回、シード {seed}。正確な検定には {arrangements} 通りが必要）。",
    ),
    "fair.w.no_test": (
        "No permutation test: the exact test would need {arrangements} arrangements and no samples were asked for.",
        "並べ替え検定なし: 正確な検定には {arrangements} 通りが必要で、標本数が 0 のため。",
    ),
    "fair.w.chi2": (
        "Chi-squared approximation: chi-squared = {chi2}, df = {df}, p = {p} (rough with few tools or evaluators).",
        "カイ二乗近似: カイ二乗値 = {chi2}、自由度 {df}、p = {p}（候補や評価者が少ないと粗い近似）。",
    ),
    "fair.w.significant": (
        "At the 5 % level the evaluators' agreement is statistically significant (permutation test).",
        "有意水準 5 % で評価者の一致は統計的に有意（並べ替え検定）。",
    ),
    "fair.w.not_significant": (
        "At the 5 % level the evaluators' agreement is not statistically significant (permutation test).",
        "有意水準 5 % で評価者の一致は統計的に有意ではない（並べ替え検定）。",
    ),
    "fair.w.none": (
        "Kendall's W needs two evaluators who scored the same two or more tools on a common criterion; there are none yet.",
        "ケンドールの W には、同じ 2 つ以上の候補を共通の項目で採点した評価者が 2 名以上必要だが、まだいない。",
    ),
    "fair.w.left_evaluator_recused": (
        "Left out: {evaluator}, recused from {tools}; an evaluator cannot rank a tool they may not score.",
        "対象外: {evaluator}（{tools} から除斥。採点できない候補は順位付けできないため）。",
    ),
    "fair.w.left_evaluator_unscored": (
        "Left out: {evaluator}, who has not scored {tools} on every criterion compared.",
        "対象外: {evaluator}（{tools} を比較する全項目では採点していないため）。",
    ),
    "fair.w.left_evaluator": (
        "Left out: {evaluator}; with them fewer rankings could be compared.",
        "対象外: {evaluator}（含めると比較できる順位付けが少なくなるため）。",
    ),
    "fair.w.left_tool_recused": (
        "Left out: {tool}, because {evaluators} cannot score it (recused).",
        "対象外: {tool}（{evaluators} が除斥されていて採点できないため）。",
    ),
    "fair.w.left_tool_unscored": (
        "Left out: {tool}, not yet scored by {evaluators} on a criterion compared.",
        "対象外: {tool}（{evaluators} が比較する項目をまだ採点していないため）。",
    ),
    "fair.w.left_criteria": (
        "Criteria left out (not scored by every compared evaluator for every compared tool): {criteria}.",
        "対象外の項目（比較するすべての評価者がすべての候補を採点してはいないため）: {criteria}。",
    ),
    "fair.w.cell": ("{points} ({rank})", "{points}（{rank} 位）"),
    # leave one evaluator out
    "fair.loo.title": ("Leave one evaluator out", "評価者を一人ずつ除いた場合"),
    "fair.loo.rule": (
        "The whole evaluation again without each evaluator in turn (the same rules, must-haves and price points included).",
        "評価者を一人ずつ除いて評価全体を計算し直す（同じ規則で、必須要件と価格点も含む）。",
    ),
    "fair.loo.sentence": ("{winner}{ranks}", "{winner}{ranks}"),
    "fair.loo.stays": ("Without {evaluator} the winner stays {tool}", "{evaluator} を除いても 1 位は {tool} のまま"),
    "fair.loo.changes": (
        "Without {evaluator} the winner changes from {before} to {after}",
        "{evaluator} を除くと 1 位が {before} から {after} に変わる",
    ),
    "fair.loo.no_winner": (
        "Without {evaluator} there is still no tool ranked first",
        "{evaluator} を除いても 1 位の候補はない",
    ),
    "fair.loo.same": ("; no rank changes.", "。ほかの順位も変わらない。"),
    "fair.loo.swap": ("; {first} and {second} swap places.", "。{first} と {second} の順位が入れ替わる。"),
    "fair.loo.ranks": ("; ranks change: {changes}.", "。順位の変化: {changes}。"),
    "fair.loo.change": ("{tool} {before} → {after}", "{tool} {before} → {after}"),
    "fair.loo.dq": (
        "Without {evaluator}, {tool} is disqualified: {reason}.",
        "{evaluator} を除くと {tool} は失格: {reason}。",
    ),
    "fair.loo.requalified": (
        "Without {evaluator}, {tool} is no longer disqualified.",
        "{evaluator} を除くと {tool} は失格でなくなる。",
    ),
    "fair.h.with_everyone": ("With everyone", "全員"),
    "fair.h.without_one": ("Without {evaluator}", "{evaluator} を除く"),
    "fair.loo.cell": ("{points} ({rank})", "{points}（{rank}）"),
    "fair.loo.nothing": (
        "{evaluator} has no score that counts, so leaving them out changes nothing.",
        "{evaluator} には集計対象の採点がないため、除いても何も変わらない。",
    ),
    # the 事務局's verification of requirement fit answers
    "fair.fit.title": (
        "The secretariat's verification of the requirement fit answers",
        "機能要件適合表の回答の確認（事務局）",
    ),
    "fair.fit.rule": (
        "The secretariat (事務局) verifies each answer before it counts: it accepts it, downgrades it (○ to △, "
        "△ to ×, with a reason) or queries it (the answer stays unverified). The share of each proposer's own ○ "
        "and △ answers that were downgraded shows whether one self-assessment was treated more harshly than another.",
        "事務局は各回答を計上する前に確認し、承認するか、格下げする（○を△に、△を×に。理由を付す）か、照会する"
        "（回答は未確認のまま）。各提案者の○・△の回答のうち格下げした割合を比べると、"
        "自己評価の扱いが提案者によって厳しすぎないかが分かる。",
    ),
    "fair.fit.line": (
        "{tool}: {answers} answer(s); {accepted} accepted, {downgraded} downgraded, {queried} queried, "
        "{unverified} not yet verified. {downgraded} of its {claimed} ○/△ answer(s) downgraded ({share}; "
        "{verified_share} of the {claimed_verified} verified).",
        "{tool}: 回答{answers}件のうち承認{accepted}件、格下げ{downgraded}件、照会中{queried}件、未確認{unverified}件。"
        "○・△の回答{claimed}件のうち{downgraded}件を格下げ（{share}。確認済みの{claimed_verified}件に対しては"
        "{verified_share}）。",
    ),
    "fair.fit.line_none": (
        "{tool}: {answers} answer(s); {accepted} accepted, {queried} queried, {unverified} not yet verified; "
        "no ○ or △ answer to downgrade.",
        "{tool}: 回答{answers}件のうち承認{accepted}件、照会中{queried}件、未確認{unverified}件。"
        "格下げの対象となる○・△の回答はない。",
    ),
    "fair.fit.spread": (
        "Of the verified ○/△ answers, {low} ({low_tools}) to {high} ({high_tools}) were downgraded.",
        "確認済みの○・△の回答に対する格下げの割合は、{low}（{low_tools}）から{high}（{high_tools}）まで。",
    ),
    "fair.fit.even": (
        "Every proposer had the same share of its verified ○/△ answers downgraded ({share}).",
        "確認済みの○・△の回答に対する格下げの割合は、どの提案者も同じ（{share}）。",
    ),
    "fair.fit.awaiting": (
        "{count} answer(s) still await verification (queried or not yet verified): the shares may still change.",
        "{count}件の回答が確認待ち（照会中または未確認）のため、割合はまだ変わりうる。",
    ),
    "fair.fit.h.tool": ("Proposer", "提案者"),
    "fair.fit.h.answers": ("Answers", "回答"),
    "fair.fit.h.accepted": ("Accepted", "承認"),
    "fair.fit.h.downgraded": ("Downgraded", "格下げ"),
    "fair.fit.h.queried": ("Queried", "照会中"),
    "fair.fit.h.unverified": ("Not yet verified", "未確認"),
    "fair.fit.h.claimed": ("○/△ answers", "○・△の回答"),
    "fair.fit.h.share": ("Downgraded share", "格下げの割合"),
    "fair.fit.h.verified_share": ("Of those verified", "確認済みに対する割合"),
    "fair.fit.dg.title": ("Downgrades and their reasons", "格下げした回答とその理由"),
    "fair.fit.dg.count": (
        "{count} answer(s) downgraded, each with the secretariat's reason.",
        "格下げした回答は{count}件（理由は事務局による）。",
    ),
    "fair.fit.dg.none": ("No answer was downgraded.", "格下げした回答はない。"),
    "fair.fit.dg.blind": (
        "The reasons are withheld while the evaluation is blind (they may name a product).",
        "ブラインド評価中のため、理由は伏せる（製品名を含むことがあるため）。",
    ),
    "fair.fit.dg.withheld": ("withheld while blind", "ブラインド評価中のため非表示"),
    "fair.fit.h.requirement": ("Requirement", "要件"),
    "fair.fit.h.priority": ("Priority", "優先度"),
    "fair.fit.h.change": ("Answer → counted", "回答 → 計上"),
    "fair.fit.h.reason": ("Reason", "理由"),
    "fair.fit.h.event": ("Event", "記録番号"),
}
