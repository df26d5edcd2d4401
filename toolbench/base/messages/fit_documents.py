"""Messages for requirement fit tables: the documents and reports. Merged into
`toolbench.base.i18n.MESSAGES`. Each pair is (English, Japanese)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- a fit cell of the comparison matrix, and the matrix notes ------------------------------
    "fdoc.cell.self": ("self-assessed {counts}", "自己評価 {counts}"),
    "fdoc.cell.awaiting": ("{count} unverified", "未確認 {count}"),
    "fdoc.cell.required_no": ("required × {count}", "必須 × {count}"),
    "fdoc.cell.required_pending": ("required △ pending {count}", "必須 △ 確認待ち {count}"),
    "fdoc.cell.unanswered": ("{count} unanswered", "未回答 {count}"),
    "fdoc.provisional": (
        "provisional, {count} answer(s) awaiting verification",
        "暫定（要件の確認待ち {count} 件）",
    ),
    "fdoc.matrix.key": (
        "Under a requirement fit figure: the answers as counted (○ △ × {na}), then how many await verification, "
        "required requirements counted × and requirements not answered.",
        "機能要件適合の得点の下は計上した回答の数（○・△・×・{na}）。続けて確認待ち、× と計上した必須の要件、"
        "未回答の要件の件数。",
    ),
    # --- the rule, as every report states it -----------------------------------------------------
    "fdoc.rule.points": (
        "{criterion} ({points} points): each requirement gives the raw points of its counted answer at its "
        "priority ({scheme}); {na} (not applicable) counts for nothing and is left out of the best raw sum.",
        "{criterion}（配点 {points}）: 要件ごとに、計上した回答と優先度に応じた素点を与える（{scheme}）。"
        "{na}（対象外）は数えず、満点の素点にも含めない。",
    ),
    "fdoc.rule.scheme_part": ("{priority} ○ {yes} / △ {partial} / × {no}", "{priority} ○ {yes}・△ {partial}・× {no}"),
    "fdoc.rule.scaling.max": (
        "Points = allotted points × raw ÷ best possible raw (a raw sum below 0 counts as 0).",
        "得点 = 配点 × 素点 ÷ 満点の素点（素点が 0 未満のときは 0）。",
    ),
    "fdoc.rule.scaling.range": (
        "Points = allotted points × (raw - worst possible raw) ÷ (best possible raw - worst possible raw).",
        "得点 = 配点 × （素点 － 最低の素点）÷（満点の素点 － 最低の素点）。",
    ),
    "fdoc.rule.required.disqualify": (
        "A requirement of priority {priorities} counted × disqualifies the proposer.",
        "{priorities}の要件が × と計上された提案者は失格とする。",
    ),
    "fdoc.rule.required.points": (
        "A requirement of priority {priorities} counted × costs its points only; it does not disqualify.",
        "{priorities}の要件が × と計上されても失格とはせず、素点に反映するのみとする。",
    ),
    "fdoc.rule.pending": (
        "An unverified △ on a requirement of priority {priorities} does not disqualify yet: the result stays "
        "provisional until the secretariat decides.",
        "{priorities}の要件への未確認の △ は、事務局が確認するまで失格とはせず、結果を暫定とする。",
    ),
    "fdoc.rule.counted": (
        "What counts is the answer as the secretariat verified it (accepted, or downgraded ○ → △ or △ → ×). "
        "An unverified ○ or × counts as answered, provisionally; a △ counts only once its alternative is "
        "accepted, and as × until then. A criterion with a requirement not answered stays unscored (never 0).",
        "計上するのは事務局が確認した回答（承認、または ○ → △・△ → × への格下げ）。未確認の ○・× は回答どおり"
        "暫定で計上し、△ は代替案を承認するまで × として計上する。未回答の要件がある項目は未採点とし、0 点とはしない。",
    ),
    "fdoc.priority_join": (", ", "・"),
    "fdoc.scheme_join": ("; ", "、"),
    # --- the comparison document ------------------------------------------------------------------
    "fdoc.title": ("Requirement fit comparison: {title}", "機能要件適合表の比較（{title}）"),
    "fdoc.sheet_title": ("Requirement fit table: {tool}", "機能要件適合表（{tool}）"),
    "fdoc.kind_fit": ("requirement fit", "機能要件適合"),
    "fdoc.section.disclosures": ("To be disclosed", "開示事項"),
    "fdoc.section.summary": ("{criterion}: per proposer", "{criterion}: 提案者別の集計"),
    "fdoc.section.priorities": ("{criterion}: answers by priority", "{criterion}: 優先度別の回答数"),
    "fdoc.section.comparison": ("{criterion}: requirement by requirement", "{criterion}: 要件別の比較"),
    "fdoc.section.only_one": ("{criterion}: requirements only one proposer meets", "{criterion}: 一者のみが満たす要件"),
    "fdoc.section.gaps": ("{criterion}: required requirements not met", "{criterion}: 必須の要件の不足"),
    "fdoc.section.log": ("{criterion}: verification log", "{criterion}: 確認の記録"),
    "fdoc.section.requirements": ("{criterion}: the requirement list", "{criterion}: 要件一覧"),
    "fdoc.section.rules": ("How the answers are scored", "評価の方法"),
    "fdoc.sheet.summary": ("Summary", "集計"),
    "fdoc.sheet.priorities": ("By priority", "優先度別"),
    "fdoc.sheet.comparison": ("Comparison", "要件別比較"),
    "fdoc.sheet.only_one": ("Only one", "一者のみ"),
    "fdoc.sheet.gaps": ("Required gaps", "必須の不足"),
    "fdoc.sheet.log": ("Verification log", "確認記録"),
    "fdoc.sheet.requirements": ("Requirements", "要件一覧"),
    "fdoc.sheet.rules": ("Rules", "評価方法"),
    "fdoc.sheet.named": ("{criterion} {sheet}", "{criterion} {sheet}"),
    "fdoc.col.tool": ("Proposer", "提案者"),
    "fdoc.col.criterion": ("Criterion", "評価項目"),
    "fdoc.col.points": ("Points (of {points})", "得点（配点 {points}）"),
    "fdoc.col.raw": ("Raw", "素点"),
    "fdoc.col.best": ("Best raw", "満点の素点"),
    "fdoc.col.unanswered": ("Not answered", "未回答"),
    "fdoc.col.awaiting": ("Awaiting verification", "確認待ち"),
    "fdoc.col.required_no": ("Required ×", "必須 ×"),
    "fdoc.col.standing": ("Standing", "判定"),
    "fdoc.col.priority": ("Priority", "優先度"),
    "fdoc.col.requirements": ("Requirements", "要件数"),
    "fdoc.col.answered": ("Answered {answer}", "回答 {answer}"),
    "fdoc.col.counted": ("Counted {answer}", "計上 {answer}"),
    "fdoc.col.id": ("No.", "要件番号"),
    "fdoc.col.requirement": ("Requirement", "要件"),
    "fdoc.col.category": ("Category", "区分"),
    "fdoc.col.answer": ("Answer", "回答"),
    "fdoc.col.remark": ("Remarks", "備考"),
    "fdoc.col.value": ("Counted", "計上"),
    "fdoc.col.status": ("Verification", "確認"),
    "fdoc.col.result": ("Answer → counted", "回答 → 計上"),
    "fdoc.col.reason": ("Reason", "理由"),
    "fdoc.col.met_by": ("Met (○) only by", "○の提案者"),
    "fdoc.col.others": ("The other proposers", "他の提案者"),
    "fdoc.col.gap": ("Gap", "不足の内容"),
    "fdoc.col.when": ("Recorded", "記録日時"),
    "fdoc.col.action": ("Verification", "確認の内容"),
    "fdoc.col.actor": ("Recorded by", "記録者"),
    "fdoc.col.event": ("Event", "記録番号"),
    "fdoc.col.on_no": ("When ×", "× のとき"),
    "fdoc.on_no.disqualify": ("disqualified", "失格"),
    "fdoc.on_no.points": ("points only", "素点に反映のみ"),
    "fdoc.total": ("All", "計"),
    "fdoc.status.unverified": ("unverified", "未確認"),
    "fdoc.status.accepted": ("accepted", "承認"),
    "fdoc.status.downgraded": ("downgraded", "格下げ"),
    "fdoc.status.queried": ("queried", "照会中"),
    "fdoc.unanswered": ("not answered", "未回答"),
    "fdoc.action.changed": ("answer changed", "回答の変更"),
    "fdoc.action.accept_partial": ("alternative accepted", "代替案を承認"),
    "fdoc.header.disqualified": ("{tool} (disqualified)", "{tool}（失格）"),
    "fdoc.standing.awaiting": ("provisional: {count} awaiting verification", "暫定（確認待ち {count} 件）"),
    "fdoc.standing.unanswered": ("unscored: {count} not answered", "未採点（未回答 {count} 件）"),
    "fdoc.standing.verified": ("verified", "確認済"),
    "fdoc.reasons_join": ("; ", "。"),
    "fdoc.legend": (
        "○ standard, △ alternative, customisation or later release, × not possible, {na} not applicable.",
        "○ 標準で対応、△ 代替案・カスタマイズ・将来対応、× 対応不可、{na} 対象外。",
    ),
    "fdoc.comparison.about": (
        "In the requirement-by-requirement comparison each cell is the proposer's answer; where the secretariat's verification (or a △ not yet accepted) "
        "changes what counts, the counted value follows the arrow, and a verification other than an "
        "acceptance is named. The requirements are listed with their text in the requirement list.",
        "要件別の比較の各欄は提案者の回答。事務局の確認（または未承認の △）により計上が変わる場合は → の後に"
        "計上した値を示し、承認以外の確認状況を付記する。要件の内容は要件一覧のとおり。",
    ),
    "fdoc.disqualified_line": ("{tool}: {reasons}", "{tool}: {reasons}"),
    "fdoc.summary.about": (
        "Counts are of the answers as counted (after verification; an unverified △ counts as ×).",
        "件数は計上した回答（事務局の確認後。未確認の △ は × として計上）による。",
    ),
    "fdoc.priorities.about": (
        "Answered: the proposer's own answers (its self-assessment). Counted: what counts after verification.",
        "回答は提案者の自己評価、計上は事務局の確認を経て計上した値。",
    ),
    "fdoc.only_one.about": (
        "Requirements that exactly one proposer meets (○ as counted). Review them before the notice is "
        "published: a requirement only one vendor meets may mean the specification favours that vendor.",
        "計上した回答が ○ の提案者が一者だけの要件。公告の前に見直すこと（一者しか満たさない要件は、"
        "仕様が特定の事業者に有利になっているおそれがある）。",
    ),
    "fdoc.only_one.count": ("{count} of {total} requirement(s).", "{total} 件中 {count} 件。"),
    "fdoc.only_one.single": (
        "Only one proposer takes part: no requirement can be compared.",
        "提案者が一者のみのため、比較できる要件はない。",
    ),
    "fdoc.gaps.about": (
        "Requirements of priority {priorities} not met by a proposer: counted ×, a △ awaiting verification, "
        "or not answered.",
        "{priorities}の要件で、× と計上したもの、確認待ちの △、未回答のもの。",
    ),
    "fdoc.gaps.line": ("{tool}: {count} ({details})", "{tool}: {count} 件（{details}）"),
    "fdoc.gaps.line_none": ("{tool}: none", "{tool}: なし"),
    "fdoc.gaps.no_required": (
        "The plan names no required priority.",
        "計画に必須とする優先度の定めはない。",
    ),
    "fdoc.gap.no": ("× counted", "×（満たさない）"),
    "fdoc.gap.pending": ("△ awaiting verification", "△（確認待ち）"),
    "fdoc.gap.unanswered": ("not answered", "未回答"),
    "fdoc.gap.count.no": ("× {count}", "× {count} 件"),
    "fdoc.gap.count.pending": ("awaiting {count}", "確認待ち {count} 件"),
    "fdoc.gap.count.unanswered": ("not answered {count}", "未回答 {count} 件"),
    "fdoc.log.about": (
        "Downgrades, queries, accepted alternatives (△) and changed answers, with their reasons, in the order "
        "they were recorded (times in {zone}).",
        "格下げ、照会、承認した代替案（△）、回答の変更を、その理由とともに記録順に示す（時刻は{zone}）。",
    ),
    "fdoc.log.none": (
        "Nothing but plain acceptances has been recorded.",
        "承認のほかに確認の記録はない。",
    ),
    "fdoc.no_fit": (
        "This evaluation has no requirement fit criterion.",
        "この評価には機能要件適合の評価項目がない。",
    ),
}
