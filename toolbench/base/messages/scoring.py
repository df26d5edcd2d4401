"""Messages for procurement scoring (must-haves, metrics, price, rounding, tie-breaks, moderation).

Merged into `_i18n.MESSAGES`; key: (English, Japanese).
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "score.frozen": (
        "{tool} {criterion} was settled by the committee at {level} (event {seq}); individual scores for "
        "that cell are frozen; record a new consensus with `toolbench moderate` instead",
        "{tool} の {criterion} は委員会の合議で {level} に決定済みです（イベント {seq}）。"
        "この欄の個別の採点は変更できません。変更するには `toolbench moderate` で合議結果を記録し直してください",
    ),
}
MESSAGES.update(
    {
        "plan.metric_needs_rule": (
            'a metric criterion needs its mapping rule; add metric = {{ rule = "ratio_to_best" }} '
            "(or min_max, or piecewise with worst and best)",
            '計測値型の評価項目には換算規則が必要です。metric = {{ rule = "ratio_to_best" }} '
            "（または min_max、worst と best を指定した piecewise）を追加してください",
        ),
        "plan.metric_only": (
            'only metric criteria take a metric rule, and this one is {kind}; remove it or set kind = "metric"',
            '計測値の換算規則は計測値型の項目だけに指定できます（この項目は {kind}）。削除するか kind = "metric" にしてください',
        ),
        "plan.metric_piecewise_only": (
            "'{name}' is used only by the piecewise rule, not {rule}; remove it or set rule = \"piecewise\"",
            "'{name}' は piecewise 規則でのみ使います（{rule} では使いません）。削除するか rule = \"piecewise\" にしてください",
        ),
        "plan.metric_needs_ends": (
            "the piecewise rule needs both worst (ratio 0) and best (ratio 1); add the missing one",
            "piecewise 規則には worst（比率 0）と best（比率 1）の両方が必要です。足りない方を追加してください",
        ),
        "plan.metric_same_ends": (
            "worst and best are both {value}; give two different values",
            "worst と best がどちらも {value} です。異なる値を指定してください",
        ),
        "plan.metric_step": (
            "step [{value}, {ratio}] must lie between worst {worst} and best {best}, in order, with ratios "
            "rising from 0 to 1; fix or reorder the steps",
            "区切り [{value}, {ratio}] は worst {worst} と best {best} の間に順に並び、比率が 0 から 1 へ"
            "増えていく必要があります。区切りを直すか並べ替えてください",
        ),
        "plan.must_scale": (
            "a must-have is judged pass or fail and takes no scale; remove the scale",
            "必須要件は適・否で判定するため尺度を指定できません。scale を削除してください",
        ),
        "plan.must_points": (
            "a must-have carries no points (it is pass or fail), but {points} are given; set points = 0",
            "必須要件は適否判定のため配点を持ちません（{points} が指定されています）。points = 0 にしてください",
        ),
        "plan.price_ordinal_scale": (
            'with family = "ordinal" the price criterion is judged on a scale; add scale = "…"',
            'family = "ordinal" では価格を尺度で評価します。scale = "…" を追加してください',
        ),
        "plan.price_no_points": (
            'with family = "{family}" price gives no points, but the price criterion has {points}; set points = 0',
            'family = "{family}" では価格点を付けませんが、価格の評価項目に {points} 点が指定されています。points = 0 にしてください',
        ),
        "plan.price_twice": (
            "a plan has one price criterion, and {first} is already one; merge them or change this kind",
            "価格の評価項目は 1 つだけです（{first} が既に価格です）。まとめるか、この項目の kind を変えてください",
        ),
        "plan.price_needs_criterion": (
            'family = "{family}" gives price points but no criterion has kind = "price"; add one with its points',
            'family = "{family}" は価格点を付けますが、kind = "price" の評価項目がありません。配点とともに追加してください',
        ),
        "plan.price_needs_ceiling": (
            'family = "{family}" computes 配分 × (1 - 入札価格 ÷ 予定価格) and needs the ceiling; '
            "add ceiling = … (予定価格) to [price]",
            'family = "{family}" は 配分 × (1 - 入札価格 ÷ 予定価格) で計算するため予定価格が必要です。'
            "[price] に ceiling = …（予定価格）を追加してください",
        ),
        "plan.chair_unknown": (
            "the chair '{chair}' is not an evaluator; evaluators: {known}",
            "委員長 '{chair}' は評価者にいません。評価者: {known}",
        ),
        "plan.tie_break_unknown": (
            "'{link}' is not a tie-break link; use technical, price, criterion:ID, group:ID or lot",
            "'{link}' は同点時の決定方法として使えません。technical、price、criterion:ID、group:ID、lot のいずれかにしてください",
        ),
        "plan.tie_break_lot_last": (
            "lot (drawing lots) decides everything left, so it must be the last link; move it to the end",
            "lot（くじ引き）は残りをすべて決めるため最後に置く必要があります。末尾に移してください",
        ),
    }
)
MESSAGES.update(
    {
        "dq.over_ceiling": (
            "price {price} yen ({tax}) is above the ceiling {ceiling} yen: disqualified before scoring",
            "価格 {price}円（{tax}）が上限額 {ceiling}円を超えるため、採点前に失格",
        ),
        "dq.must_failed": (
            "must-have {criterion} failed ({passes} pass, {fails} fail; {how})",
            "必須要件 {criterion} が否（適 {passes}、否 {fails}、{how}）",
        ),
        "dq.below_minimum": (
            "technical points {technical} are below the minimum {minimum} ({share} % of {max}): disqualified",
            "技術点 {technical} が最低基準点 {minimum}（{max} 点の {share} %）に満たないため失格（足切り）",
        ),
        "must.by.majority": ("decided by majority", "多数決"),
        "must.by.chair": ("tie broken by the chair", "同数のため委員長が決定"),
        "must.by.moderated": ("committee consensus", "委員会の合議"),
        "must.by.None": ("undecided", "未決定"),
        "tax.included": ("tax included", "税込"),
        "tax.excluded": ("tax excluded", "税抜"),
        "notice.metric_not_in_plan": (
            "event {seq}: a measured value for {tool}/{criterion} is not in the totals: that tool or metric "
            "criterion is not in the plan",
            "イベント {seq}: {tool}/{criterion} の計測値は合計に含まれていません（計画にないツールまたは計測値項目です）",
        ),
        "notice.metric_negative": (
            "{criterion}: a negative measured value cannot be set against the best by ratio; the criterion is "
            "left unscored until the values are corrected or the rule is min_max or piecewise",
            "{criterion}: 負の計測値は最良値との比で換算できないため、値を訂正するか規則を min_max または piecewise "
            "にするまでこの項目は採点されません",
        ),
        "metric.unknown_criterion": (
            "'{value}' is not a metric criterion; metric criteria in the plan: {known}",
            "'{value}' は計測値型の評価項目ではありません。計画にある計測値項目: {known}",
        ),
        "metric.bad_value": (
            "{criterion}={value}: '{value}' is not a number; give the measured value like 97.5",
            "{criterion}={value}: '{value}' は数値ではありません。97.5 のように計測値を指定してください",
        ),
        "metric.out_of_range": (
            "{criterion}={value}: the value is out of range; give the measured value in ordinary units, e.g. 97.5",
            "{criterion}={value}: 値が範囲外です。97.5 のように通常の単位で計測値を指定してください",
        ),
        "metric.negative": (
            "{criterion}={value}: the rule ratio_to_best needs a value of 0 or more",
            "{criterion}={value}: ratio_to_best 規則では 0 以上の値が必要です",
        ),
        "metric.no_source": (
            'say where the value comes from with --source "…" (a test report, a pilot log, a vendor sheet and its date)',
            '値の出所を --source "…" で指定してください（試験報告書、試行記録、ベンダー資料とその日付など）',
        ),
        "metric.reason_required": (
            '{tool} {criterion} is already {old} (event {seq}); changing it to {new} needs --reason "…"',
            '{tool} の {criterion} は既に {old} です（イベント {seq}）。{new} に変更するには --reason "理由" が必要です',
        ),
        "metric.recorded": (
            "recorded {count} measured value(s) for {tool}",
            "{tool} の計測値を {count} 件記録しました",
        ),
        "metric.unchanged": (
            "{criterion} is already {value}; nothing recorded",
            "{criterion} は既に {value} です（記録なし）",
        ),
        "moderate.comment_required": (
            'a moderated score must carry the committee\'s comment; add --comment "…"',
            '合議による決定には委員会のコメントが必要です。--comment "…" を追加してください',
        ),
        "moderate.recorded": (
            "recorded the committee's level {level} for {tool} {criterion}; individual scores for that cell are now frozen",
            "{tool} の {criterion} を合議により {level} と記録しました。この欄の個別の採点は以後変更できません",
        ),
        "moderate.unchanged": (
            "{tool} {criterion} is already moderated at {level} with that comment; nothing recorded",
            "{tool} の {criterion} は既に同じコメントで {level} と合議済みです（記録なし）",
        ),
    }
)
MESSAGES.update(
    {
        "m.moderated_short": ("committee consensus", "合議"),
        "m.moderated": ("committee consensus {level}: {comment}", "合議により {level}: {comment}"),
        "must.pass": ("pass", "適"),
        "must.fail": ("fail", "否"),
        "must.tie": ("tie", "同数"),
        "must.unjudged": ("not judged", "未判定"),
        "m.must_tie": ("tie and no chair's vote", "同数で委員長の判定なし"),
        "m.disqualified": ("disqualified", "失格"),
        "m.technical": ("Technical points", "技術点"),
        "m.total_technical": ("Technical points (total)", "技術点（合計）"),
        "m.division_value": ("Evaluation value (technical ÷ price × {scale})", "評価値（技術点 ÷ 価格 × {scale}）"),
        "m.tie_decided": ("tie decided by {link}", "同点のため{link}で決定"),
        "m.status": ("Disqualified", "失格理由"),
        "tie.technical": ("higher technical points", "技術点の高い方"),
        "tie.price": ("lower price", "価格の低い方"),
        "tie.lot": ("drawing lots", "くじ引き"),
        "tie.criterion": ("higher points on {name}", "{name}の得点の高い方"),
        "tie.group": ("higher subtotal of {name}", "{name}の小計の高い方"),
        "round_at.evaluator": ("each evaluator's points", "評価者ごとの得点"),
        "round_at.criterion": ("each criterion's points", "評価項目ごとの得点"),
        "round_at.total": ("the totals (technical points, total, evaluation value)", "合計（技術点・総合点）"),
        "round_at.none": ("nowhere (exact throughout; shown rounded)", "なし（すべて端数処理せず、表示のみ丸め）"),
        "m.rounding_at": ("Rounding applies to: {places}.", "端数処理の箇所: {places}。"),
        "m.no_ceiling": ("none", "なし"),
        "price.rule.lowest_ratio": (
            "Price: points × lowest proposed price ÷ proposed price, among the eligible candidates; prices {tax}; "
            "ceiling {ceiling} (a price above it disqualifies before scoring).",
            "価格点: 配点 × 最低提案価格 ÷ 提案価格（有効な提案の中で）。価格は{tax}。"
            "提案上限額 {ceiling}（超える提案は採点前に失格）。",
        ),
        "price.rule.addition": (
            "Price (加算方式): price points = allotment × (1 - bid ÷ ceiling); total = technical + price points; "
            "prices {tax}; ceiling (予定価格) {ceiling}.",
            "価格点（加算方式）: 配分 × (1 - 入札価格 ÷ 予定価格)。総合評価点 = 技術点 + 価格点。価格は{tax}。"
            "予定価格 {ceiling}。",
        ),
        "price.rule.division": (
            "Price (除算方式): evaluation value = technical points ÷ bid price (scaled for display only; the "
            "order is that of the exact values); prices {tax}; ceiling (予定価格) {ceiling}.",
            "除算方式: 評価値 = 技術点 ÷ 入札価格（表示のための倍率は順位に影響しない）。価格は{tax}。予定価格 {ceiling}。",
        ),
        "price.rule.ordinal": (
            "Price: judged on a scale like the other criteria; prices {tax}; ceiling {ceiling}.",
            "価格: 他の項目と同様に尺度で評価。価格は{tax}。上限額 {ceiling}。",
        ),
        "price.rule.none": (
            "Price: no price points; prices ({tax}) are only checked against the ceiling {ceiling}.",
            "価格: 価格点なし。価格（{tax}）は上限額 {ceiling} との比較のみ。",
        ),
        "price.depends_on_bids": (
            "Price points depend on the lowest bid: removing one bid can change the others' points and order.",
            "価格点は最低提案価格に依存するため、提案が 1 件減ると他の提案の得点や順位が変わることがあります。",
        ),
        "m.must_rule": (
            "Must-haves: a majority of the evaluators' fails disqualifies; a tie is decided by the chair ({chair}).",
            "必須要件: 評価者の過半数が否とした場合は失格。同数の場合は委員長（{chair}）が決定。",
        ),
        "m.no_chair": ("no chair declared", "委員長の指定なし"),
        "m.minimum_rule": (
            "Minimum technical score (足切り): {share} % of {max} = {minimum}; below it a candidate is disqualified.",
            "最低技術点（足切り）: {max} 点の {share} % = {minimum} 点。これに満たない提案は失格。",
        ),
        "m.tie_rule": ("Tie-break chain: {chain}.", "同点時の決定方法: {chain}。"),
        "m.tie_note": (
            "{tools} are level at {figure}; order decided by {links}.",
            "{tools} は {figure} で同点。{links}で順位を決定。",
        ),
        "m.tie_lot": (
            "{tools} are still level at {figure} after the tie-break chain: to be decided by drawing lots.",
            "{tools} は同点時の決定方法によっても {figure} で同点のため、くじ引きで決定します。",
        ),
        "m.tie_shared": (
            "{tools} are level at {figure} and share the rank.",
            "{tools} は {figure} で同点のため同順位。",
        ),
        "m.must_unjudged": (
            "{tool}: must-have {criterion} has not been judged by any evaluator yet; the result is provisional.",
            "{tool}: 必須要件 {criterion} はまだ誰も判定していないため、結果は暫定です。",
        ),
        "m.must_tied": (
            "{tool}: must-have {criterion} is tied and the chair has not voted; the result is provisional.",
            "{tool}: 必須要件 {criterion} は同数で委員長が判定していないため、結果は暫定です。",
        ),
        "m.price_none": (
            "Shown without points (price is only checked against the ceiling): {items}",
            "配点なしで表示（価格は上限額との比較のみ）: {items}",
        ),
    }
)
MESSAGES.update(
    {
        "plan.evidence_kind": (
            'evidence = "{evidence}" belongs to a {kind} criterion; set kind = "{kind}" or choose other evidence',
            'evidence = "{evidence}" は {kind} 型の評価項目で使います。kind = "{kind}" にするか別の根拠を指定してください',
        ),
    }
)
MESSAGES.update(
    {
        # --- the log in words (documents/log.py): one sentence per event -----------------------
        "logline.time": ("Time ({zone})", "日時（{zone}）"),
        "logline.actor": ("Recorded by", "記録者"),
        "logline.what": ("What", "内容"),
        "logline.score": ("{tool}: {criterion} scored {level}{by}", "{tool} の {criterion} を {level} と採点{by}"),
        "logline.score_fixed": (
            "{tool}: {criterion} corrected {old} → {new}{by}",
            "{tool} の {criterion} を {old} → {new} に訂正{by}",
        ),
        "logline.by": (" (evaluator {evaluator})", "（評価者 {evaluator}）"),
        "logline.recused": (" [recused, kept out of every total]", "［利害関係により集計から除外］"),
        "logline.reason": ("; reason: {reason}", "。理由: {reason}"),
        "logline.note": ("; note: {note}", "。メモ: {note}"),
        "logline.moderated": (
            "{tool}: {criterion} settled by the committee at {level}",
            "{tool} の {criterion} を合議で {level} に決定",
        ),
        "logline.moderated_fixed": (
            "{tool}: {criterion} settled again by the committee, {old} → {new}",
            "{tool} の {criterion} の合議結果を {old} → {new} に変更",
        ),
        "logline.comment": ("; comment: {comment}", "。所見: {comment}"),
        "logline.metric": ("{tool}: {criterion} measured {value}", "{tool} の {criterion} の測定値を {value} と記録"),
        "logline.metric_fixed": (
            "{tool}: {criterion} measurement corrected {old} → {new}",
            "{tool} の {criterion} の測定値を {old} → {new} に訂正",
        ),
        "logline.source": (" (source: {source})", "（出典: {source}）"),
        "logline.hearing": (
            "heard {respondent} ({department}, {group}): {method}",
            "{respondent}（{department}・{group}）のヒアリングを記録（{method}）",
        ),
        "logline.hearing_fixed": (
            "heard {respondent} ({department}, {group}) again: {method}, replacing #{seq}",
            "{respondent}（{department}・{group}）のヒアリングを再記録（{method}、#{seq} を置き換え）",
        ),
        "logline.trial_started": (
            "{tool} starts its trial in {department} at {phase}",
            "{department} で {tool} の試行を開始（{phase}）",
        ),
        "logline.trial_moved": ("{tool} in {department}: {old} → {new}", "{department} の {tool}: {old} → {new}"),
        "logline.feedback": (
            "feedback on {tool} in {department} from {who}",
            "{department} の {tool} について {who} からのフィードバックを記録",
        ),
        "logline.anonymous": ("an anonymous respondent", "匿名の回答者"),
        "logline.ratings": ("; ratings: {ratings}", "。評価: {ratings}"),
        "logline.training": (
            "training on {tool} in {department} on {date}: {attendees} attended",
            "{department} で {tool} の研修（{date}、参加 {attendees} 名）",
        ),
        "logline.plan_locked": ("plan locked ({parts})", "評価計画を固定（{parts}）"),
        "logline.plan_relocked": (
            "plan locked again, replacing #{seq}; changed: {changed}",
            "評価計画を再固定（#{seq} を置き換え、変更: {changed}）",
        ),
        "logline.after_scores": (" after {count} score(s)", "（採点 {count} 件の後）"),
        "logline.scores_locked": ("scoring closed (events up to #{head})", "採点を締め切り（#{head} まで）"),
        "logline.blind_assigned": (
            "blind scoring begins: {count} tools given labels",
            "匿名評価を開始（{count} 件のツールに記号を割り当て）",
        ),
        "logline.blind_revealed": ("labels revealed: {mapping}", "記号を公開: {mapping}"),
        "logline.coi": ("{evaluator} declares a conflict of interest{detail}", "{evaluator} が利害関係を申告{detail}"),
        "logline.coi_company": (" with {company}", "（{company}）"),
        "logline.coi_tool": (" concerning {tool}", "（対象: {tool}）"),
        "logline.finalized": (
            "evaluation finalized at ledger #{seq} {hash}",
            "評価を確定（台帳 #{seq} {hash}）",
        ),
        "logline.reopened": ("finalized evaluation (#{seq}) reopened", "確定した評価（#{seq}）を再開"),
        "logline.other": ("recorded {kind}{fields}", "{kind} を記録{fields}"),
        "logline.seq": (" (#{seq})", " (#{seq})"),
        "logline.must_pass": ("pass", "適"),
        "logline.must_fail": ("fail", "否"),
        "m.metric_rule.score": (
            "{criterion}: the mean score ÷ 100 × its points",
            "{criterion}: 平均スコア ÷ 100 × 配点",
        ),
        "m.metric_rule.piecewise": (
            "{criterion} (measured): 0 points at {worst} or worse, full points at {best} or better, "
            "straight between",
            "{criterion}（計測値）: {worst} 以下で 0 点、{best} 以上で満点、その間は直線で按分",
        ),
        "m.metric_rule.piecewise_steps": (
            "{criterion} (measured): 0 points at {worst} or worse, full points at {best} or better, "
            "straight between the points {steps}",
            "{criterion}（計測値）: {worst} 以下で 0 点、{best} 以上で満点、{steps} を結ぶ直線で按分",
        ),
        "m.metric_rule.step": ("{value} → {ratio}", "{value} で配点の {ratio}"),
        "m.metric_rule.join": (", ", "、"),
        "m.metric_rule.ratio_to_best.higher": (
            "{criterion} (measured): value ÷ the best value measured × its points",
            "{criterion}（計測値）: 計測値 ÷ 最高値 × 配点",
        ),
        "m.metric_rule.ratio_to_best.lower": (
            "{criterion} (measured; lower is better): the best value measured ÷ value × its points",
            "{criterion}（計測値、小さいほど良い）: 最小値 ÷ 計測値 × 配点",
        ),
        "m.metric_rule.min_max.higher": (
            "{criterion} (measured): (value - lowest) ÷ (highest - lowest) × its points",
            "{criterion}（計測値）: （計測値 － 最小値）÷（最大値 － 最小値）× 配点",
        ),
        "m.metric_rule.min_max.lower": (
            "{criterion} (measured; lower is better): (highest - value) ÷ (highest - lowest) × its points",
            "{criterion}（計測値、小さいほど良い）: （最大値 － 計測値）÷（最大値 － 最小値）× 配点",
        ),
    }
)
