"""Messages for the procedure's documents (notices, 審査講評, 選定理由書, the status). Merged into `toolbench.base.i18n.MESSAGES`.

Each pair is (English, Japanese).
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "pdoc.no_stages": (
        "this plan has no stages, so there is no procedure to notify; add [[stages]] to the plan",
        "この計画には段階がないため、通知する審査手続がありません。計画に [[stages]] を加えてください",
    ),
    "pdoc.blind": (
        "The evaluation is blind: the procedure's record names proposers, so it is shown once unblinded.",
        "ブラインド評価中のため、提案者の名称を含む審査手続の記録は、ブラインド解除後に表示する。",
    ),
    "pdoc.blind_refused": (
        "the evaluation is blind and these documents name the proposers; unblind first (`toolbench unblind`)",
        "ブラインド評価中です。これらの文書は提案者の名称を記載するため、先にブラインドを解除してください（`toolbench unblind`）",
    ),
    # --- words shared by every document --------------------------------------------------
    "pdoc.none": ("none", "なし"),
    "pdoc.blank": ("______________", "＿＿＿＿＿＿＿＿＿＿"),
    "pdoc.and": ("; and ", "、かつ"),
    "pdoc.pseudonym": ("Proposer {letter}", "提案者{letter}"),
    "pdoc.named": ("{name} ({vendor})", "{name}（{vendor}）"),
    "pdoc.you": ("You ({name})", "貴社（{name}）"),
    "pdoc.points": ("{points} points", "{points}点"),
    "pdoc.points_of": ("{points} of {max} points", "{points}点（{max}点満点）"),
    "pdoc.price_amount": ("{amount} ({tax})", "{amount}（{tax}）"),
    "pdoc.price_remark": ("proposed price {amount}", "提案価格 {amount}"),
    "pdoc.unscored": ("not scored", "未採点"),
    "pdoc.withdrawn": ("Withdrawn", "辞退"),
    "pdoc.goes_on": ("Goes on", "通過"),
    "pdoc.cut": ("Not shortlisted", "選定外"),
    "pdoc.cut_because": ("Not shortlisted: {reason}", "選定外: {reason}"),
    "pdoc.later_withdrawn": (" (withdrew later)", "（後に辞退）"),
    "pdoc.tie_drawn": ("drawing lots", "くじ"),
    "pdoc.rank_short": ("rank {rank}", "{rank}位"),
    "pdoc.rank_of": ("{rank} of {count}", "{count}者中 {rank}位"),
    "pdoc.member_place": ("{member} {place}", "{member} {place}位"),
    "pdoc.figure.points": ("points", "得点"),
    "pdoc.figure.rank_points": ("rank points", "順位点"),
    "pdoc.figure.value": ("value (technical points / price)", "評価値"),
    "pdoc.final_ranking": ("the final ranking", "最終順位"),
    "pdoc.stage_status.waiting": ("not yet held", "未実施"),
    "pdoc.stage_status.open": ("under way", "実施中"),
    "pdoc.stage_status.closed": ("closed", "終了"),
    "pdoc.verdict.pass": ("met", "適"),
    "pdoc.verdict.fail": ("not met", "否"),
    "pdoc.verdict.pending": ("not judged", "未判定"),
    "pdoc.qualification.pass": ("qualified", "参加資格あり"),
    "pdoc.qualification.fail": ("not qualified", "参加資格なし"),
    "pdoc.qualification.pending": ("not yet judged", "判定中"),
    "pdoc.quorum.majority": ("a majority", "過半数"),
    "pdoc.quorum.two_thirds": ("two thirds", "3分の2以上"),
    "pdoc.quorum.all": ("every member", "委員全員"),
    "pdoc.quorum.number": ("the number the plan sets", "計画で定めた人数"),
    "pdoc.quorum_met": ("quorum present", "定足数を満たす"),
    "pdoc.quorum_not_met": ("NO QUORUM", "定足数に達していない"),
    "pdoc.negotiation.agreed": ("agreed", "合意"),
    "pdoc.negotiation.failed": ("failed", "不調"),
    # --- outcomes and reasons ---------------------------------------------------------------
    "pdoc.outcome.preferred": ("Preferred proposer", "最優秀提案者"),
    "pdoc.outcome.runner_up": ("Runner-up", "次点"),
    "pdoc.outcome.ranked": ("Not selected", "選定されず"),
    "pdoc.outcome.negotiation": ("Negotiation order {place}", "交渉順位 {place}位"),
    "pdoc.outcome.undecided": ("Ranked (no decision yet)", "順位確定（決定前）"),
    "pdoc.outcome.withdrawn": ("Withdrawn on {date}", "{date}辞退"),
    "pdoc.outcome.not_qualified": ("Not qualified", "参加資格なし"),
    "pdoc.outcome.cut": ("Not shortlisted in {stage}", "{stage}で選定外"),
    "pdoc.outcome.disqualified": ("Disqualified", "失格"),
    "pdoc.outcome.pending": ("Being judged ({stage})", "審査中（{stage}）"),
    "pdoc.cut.below_top_n": ("not among the top {n}", "上位{n}者に入らなかった"),
    "pdoc.cut.tie_decided": (" (level at the edge, placed by {link})", "（同点のため{link}で順位を決定）"),
    "pdoc.cut.below_pass_mark": ("below the pass mark of {mark} points", "通過基準点 {mark}点に達しなかった"),
    "pdoc.cut.below_pass_mark_share": ("below the pass mark", "通過基準に達しなかった"),
    "pdoc.cut.disqualified": ("disqualified: {reasons}", "失格: {reasons}"),
    "pdoc.cut.pending": ("scores not complete", "採点が完了していない"),
    "pdoc.reason.not_qualified": (
        "did not meet the entry requirement(s): {requirements}",
        "参加資格要件（{requirements}）を満たさなかった",
    ),
    "pdoc.reason.withdrawn": (
        "withdrew (received {date}, {when}); the reason given: {reason}",
        "{date}に辞退の申出を受けた（{when}）。辞退の理由: {reason}",
    ),
    "pdoc.reason.cut": (
        "{stage}: {figure} (rank {rank}); {reason}, so it did not go on",
        "{stage}で{figure}（{rank}位）となり、{reason}ため次の審査に進まなかった",
    ),
    "pdoc.reason.preferred": (
        "{label} {figure}, rank {rank} of {count}: selected as the preferred proposer",
        "{label} {figure}で{count}者中{rank}位となり、最優秀提案者に選定した",
    ),
    "pdoc.reason.runner_up": (
        "{label} {figure}, rank {rank} of {count}: the runner-up",
        "{label} {figure}で{count}者中{rank}位となり、次点とした",
    ),
    "pdoc.reason.ranked": (
        "{label} {figure}, rank {rank} of {count}",
        "{label} {figure}で{count}者中{rank}位",
    ),
    # --- the procedure's lines ----------------------------------------------------------------
    "pdoc.stage_line": (
        "Stage {index} of {count}: {stage}, {status} ({span})",
        "第{index}段階（全{count}段階）: {stage}（{status}、{span}）",
    ),
    "pdoc.span": ("opened {opened}, closed {closed}", "開始 {opened}、終了 {closed}"),
    "pdoc.participants": ("{count} proposer(s) take part: {tools}", "対象の提案者 {count}者: {tools}"),
    "pdoc.not_ready": (
        "Nobody has entered this stage yet (the stage before it is not closed).",
        "前の段階が終了していないため、対象の提案者はまだ決まっていない。",
    ),
    "pdoc.shortlist_recorded": ("Shortlist recorded at closing: {tools}", "終了時に記録した通過者: {tools}"),
    "pdoc.shortlist_now": ("Would go on as the figures stand: {tools}", "現時点の得点による通過者: {tools}"),
    "pdoc.cut_line": ("Not going on: {tool}, {reason}", "選定外: {tool}（{reason}）"),
    "pdoc.outsider": ("{tool} ({why})", "{tool}（{why}）"),
    "pdoc.outsiders": ("Not in {stage}: {tools}", "{stage}の対象外: {tools}"),
    "pdoc.closed_incomplete": (
        "{stage} was closed with scores missing; the reason given: {reason}",
        "{stage}は未採点を残して終了した。理由: {reason}",
    ),
    "pdoc.reopened": (
        "{stage} was reopened on {when} (event {seq}); the reason given: {reason}",
        "{stage}は{when}に再開された（イベント {seq}）。理由: {reason}",
    ),
    "pdoc.draw.order_name": ("The draw for the presentation order of {stage}", "{stage}の発表順のくじ"),
    "pdoc.draw.tie_name": ("The draw for the tie at the shortlist of {stage}", "{stage}の通過者を決める同点のくじ"),
    "pdoc.draw.final_name": ("The draw for the tie in the final ranking", "最終順位の同点のくじ"),
    "pdoc.draw.committed": (
        "{draw}: among {candidates}; commitment {commitment} recorded {when} (event {seq}).",
        "{draw}: 対象 {candidates}。コミットメント {commitment} を{when}に記録（イベント {seq}）。",
    ),
    "pdoc.draw.not_revealed": ("{draw}: not yet revealed.", "{draw}: まだ開示されていない。"),
    "pdoc.draw.revealed": (
        "{draw}: order {order}; seed {seed}, witness value {witness}, revealed {when} (event {seq}).",
        "{draw}: 結果 {order}。シード {seed}、立会人の数値 {witness}、{when}に開示（イベント {seq}）。",
    ),
    "pdoc.draw.recompute": (
        "The seed matches the commitment recorded before the draw, and the order follows from the seed, the "
        "witness value and the proposers alone (SHA-256): anyone can recompute it from the ledger.",
        "シードはくじの前に記録したコミットメントと一致し、順番はシード・立会人の数値・提案者だけから SHA-256 で"
        "決まるため、台帳の記録から誰でも再計算できる。",
    ),
    "pdoc.attend.presentation": (
        "Presentation of {tool}: present {present}; absent {absent} (an absent member does not score it)",
        "{tool}のプレゼンテーション: 出席 {present}、欠席 {absent}（欠席した委員は採点しない）",
    ),
    "pdoc.attend.unrecorded": (
        "Presentation of {tool}: attendance not yet recorded",
        "{tool}のプレゼンテーション: 出席者は未記録",
    ),
    "pdoc.attend.meeting": (
        "Committee meeting ({when}): {count} of {members} members present ({present}); absent {absent}; "
        "quorum {needed}: {met}",
        "審査委員会（{when}）: 委員{members}名中{count}名出席（{present}）、欠席 {absent}、定足数{needed}名: {met}",
    ),
    "pdoc.withdrawal": (
        "{tool} withdrew: received {date}, {when}; reason: {reason}",
        "{tool}が辞退: {date}受付、{when}。理由: {reason}",
    ),
    "pdoc.withdrew_before": ("before any stage", "審査開始前"),
    "pdoc.withdrew_during": ("during {stage}", "{stage}の実施中"),
    "pdoc.withdrew_after": ("after {stage} closed", "{stage}の終了後"),
    "pdoc.current": ("Current stage: {stage} ({status})", "現在の段階: {stage}（{status}）"),
    "pdoc.count_line": ("Proposers: {counts}", "提案者数: {counts}"),
    "pdoc.count": ("{count}", "{count}者"),
    "pdoc.count_qualified": (
        "{count}, of whom {qualified} met the entry requirements",
        "{count}者（うち参加資格を満たした者 {qualified}者）",
    ),
    "pdoc.unresolved": (
        "Still level after the tie-break chain, awaiting a draw by lot: {tools}",
        "同点時の決定方法の後も同点で、くじを待つ提案者: {tools}",
    ),
    "pdoc.expected": ("The order the rules give: {order}", "規則による順位: {order}"),
    "pdoc.decided_at": ("Decided {when} (event {seq})", "決定日時: {when}（イベント {seq}）"),
    "pdoc.preferred": ("Preferred proposer: {tool}", "最優秀提案者: {tool}"),
    "pdoc.runner_up": ("Runner-up: {tool}", "次点: {tool}"),
    "pdoc.order": ("Negotiation order: {order}", "交渉順位: {order}"),
    "pdoc.quorum_line": (
        "Present at the decision: {present} of {members} members ({names}); quorum {needed}: {met}",
        "決定時の出席: 委員{members}名中{present}名（{names}）、定足数{needed}名: {met}",
    ),
    "pdoc.override": (
        "The decision departs from the order the rules give; the committee's reason: {reason}",
        "この決定は規則による順位と異なる。委員会の理由: {reason}",
    ),
    "pdoc.as_rules": ("The decision follows the order the rules give.", "決定は規則による順位のとおりである。"),
    "pdoc.no_decision": ("No decision is recorded yet.", "決定はまだ記録されていない。"),
    "pdoc.no_contractor": (
        "Negotiation failed with every proposer in the decided order.",
        "決定した交渉順位のすべての提案者との交渉が不調となった。",
    ),
    "pdoc.contractor_agreed": ("Agreed with {tool}.", "{tool}と合意した。"),
    "pdoc.contractor_turn": ("Negotiating now with {tool}.", "現在の交渉相手: {tool}"),
    "pdoc.no_negotiations": ("No negotiation is recorded yet.", "交渉の結果はまだ記録されていない。"),
    "pdoc.no_withdrawals": ("No proposer has withdrawn.", "辞退した提案者はいない。"),
    "pdoc.no_verdicts": ("No verdict is recorded yet.", "判定はまだ記録されていない。"),
    "pdoc.qualification_note": (
        "Each requirement is judged met or not met by the secretariat with its evidence (next table); a proposer "
        "not meeting any one takes no further part.",
        "各要件は事務局が根拠を確認して適・否を判定した（根拠は次の表）。一つでも否の提案者は以後の審査に参加しない。",
    ),
    "pdoc.committee": (
        "The committee has {members} members; a decision needs {needed} present.",
        "審査委員会は委員{members}名で構成し、決定には{needed}名以上の出席を要する。",
    ),
    "pdoc.summary_stage": (
        "{stage} ({span}): {count} proposer(s){passed}",
        "{stage}（{span}）: 対象 {count}者{passed}",
    ),
    "pdoc.summary_passed": ("; {count} went on", "、通過 {count}者"),
    # --- what must be disclosed --------------------------------------------------------------
    "pdoc.problem.draw_seed": (
        "{draw} does not hold: the revealed seed (event {seq}) is not the one committed to",
        "{draw}は成立していない。開示されたシード（イベント {seq}）がコミットメントと一致しない",
    ),
    "pdoc.problem.draw_order": (
        "{draw} does not hold: the recorded order (event {seq}) does not follow from its seed",
        "{draw}は成立していない。記録された順番（イベント {seq}）がシードから導かれる順番と異なる",
    ),
    "pdoc.problem.shortlist_moved": (
        "The shortlist of {stage} recorded at closing ({recorded}) differs from the figures now ({now})",
        "{stage}の終了時に記録した通過者（{recorded}）が、現在の得点による通過者（{now}）と異なる",
    ),
    "pdoc.problem.override": (
        "The decision (event {seq}) departs from the rules; the committee's reason: {reason}",
        "決定（イベント {seq}）は規則と異なる。委員会の理由: {reason}",
    ),
    "pdoc.depart.unresolved": (
        "{tools} were still level after the tie-break chain",
        "{tools}は同点時の決定方法の後も同点であった",
    ),
    "pdoc.depart.no_ranking": ("no proposer was ranked", "順位の付いた提案者がいなかった"),
    "pdoc.depart.preferred": (
        "the rules make {expected} the preferred proposer, not {given}",
        "規則による最優秀提案者は{given}ではなく{expected}である",
    ),
    "pdoc.depart.runner_up": (
        "the rules make {expected} the runner-up, not {given}",
        "規則による次点は{given}ではなく{expected}である",
    ),
    "pdoc.depart.order": (
        "the rules give the order {expected}, not {given}",
        "規則による順位は{given}ではなく{expected}である",
    ),
    # --- the rules ------------------------------------------------------------------------------
    "pdoc.rule.final.sum": (
        "The final points are the sum of the points of the scored stages ({stages}).",
        "最終得点は、採点する各段階（{stages}）の得点の合計とする。",
    ),
    "pdoc.rule.final.last": (
        "The final points are the points of the last stage ({last}) alone.",
        "最終得点は、最後の段階（{last}）の得点のみとする。",
    ),
    "pdoc.rule.shortlist": (
        "From {stage} to {next}: proposers {conditions} go on.",
        "{stage}から{next}に進む者: {conditions}の者。",
    ),
    "pdoc.rule.pass_mark": ("at or above {share} % of the stage's points", "得点が配点の{share}%以上"),
    "pdoc.rule.pass_mark_points": (
        "at or above {share} % of the stage's points ({mark} points)",
        "得点が配点の{share}%（{mark}点）以上",
    ),
    "pdoc.rule.top_n.include": (
        "among the top {n} (all level at the last place go on)",
        "上位{n}者以内（同順位の者はすべて通過）",
    ),
    "pdoc.rule.top_n.chain": (
        "among the top {n} (a tie at the last place is ordered by the tie-break chain)",
        "上位{n}者以内（境界の同点は同点時の決定方法による）",
    ),
    "pdoc.rule.attendance": (
        "{stage}: only members present at a proposer's presentation score it; an absence counts like a recusal.",
        "{stage}: プレゼンテーションに出席した委員だけがその提案者を採点する（欠席は除斥と同様に扱う）。",
    ),
    "pdoc.rule.order_lot": (
        "{stage}: the presentation order is drawn by lot (a commitment recorded before the draw, then the seed "
        "and a witness value).",
        "{stage}: 発表順はくじで決める（くじの前にコミットメントを記録し、その後シードと立会人の数値を開示する）。",
    ),
    "pdoc.rule.quorum": (
        "Quorum: {needed} of {members} members ({how}) must be present for a committee decision.",
        "定足数: 委員会の決定には委員{members}名中{needed}名（{how}）以上の出席を要する。",
    ),
    "pdoc.rule.withdrawn_bids.exclude": (
        "A withdrawn proposer's price no longer counts as a bid for the lowest price.",
        "辞退した提案者の提案価格は、最低提案価格の算定に含めない。",
    ),
    "pdoc.rule.withdrawn_bids.include": (
        "A withdrawn proposer's price still counts as a bid for the lowest price.",
        "辞退した提案者の提案価格も、最低提案価格の算定に含める。",
    ),
    "pdoc.rule.rank_place": ("{place}: {points}", "{place}位 {points}点"),
    "pdoc.rule.rank_points": (
        "Rank points: each member ranks the proposers by their own totals; places give {table}; {ties}.",
        "順位点: 各委員の合計点による順位を点に換算して合計する（{table}）。{ties}。",
    ),
    "pdoc.rule.rank_ties.average": (
        "proposers level in one member's totals share the mean of the places' points",
        "同じ委員の合計点で同点の者は、該当順位の点の平均とする",
    ),
    "pdoc.rule.rank_ties.higher": (
        "proposers level in one member's totals all take the higher place's points",
        "同じ委員の合計点で同点の者は、いずれも上位の順位の点とする",
    ),
    "pdoc.rule.tie_lot": (
        "Where the tie-break chain ends in drawing lots, the draw is recorded with its commitment, seed and "
        "witness value.",
        "同点時の決定方法の最後がくじの場合、くじはコミットメント・シード・立会人の数値とともに記録する。",
    ),
    "pdoc.rule.public.winner": (
        "Public results name the preferred proposer; the others are shown as Proposer A, B ...",
        "公表する結果には最優秀提案者のみ名称を記載し、他の提案者は提案者A、B … と表示する。",
    ),
    "pdoc.rule.public.all": ("Public results name every proposer.", "公表する結果にはすべての提案者の名称を記載する。"),
    "pdoc.rule.public.none": (
        "Public results name no proposer; all are shown as Proposer A, B ...",
        "公表する結果には提案者の名称を記載せず、すべて提案者A、B … と表示する。",
    ),
    # --- columns ----------------------------------------------------------------------------------
    "pdoc.col.proposer": ("Proposer", "提案者"),
    "pdoc.col.vendor": ("Company", "事業者"),
    "pdoc.col.result": ("Result", "結果"),
    "pdoc.col.outcome": ("Outcome", "判定結果"),
    "pdoc.col.negotiation": ("Outcome", "交渉結果"),
    "pdoc.col.requirement": ("Requirement", "要件"),
    "pdoc.col.verdict": ("Verdict", "判定"),
    "pdoc.col.evidence": ("Evidence", "根拠"),
    "pdoc.col.judged": ("Judged", "判定日時"),
    "pdoc.col.change_reason": ("Reason for a change", "変更理由"),
    "pdoc.col.stage": ("Stage", "審査段階"),
    "pdoc.col.stage_figure": ("{stage}: {label}", "{stage}の{label}"),
    "pdoc.col.final": ("Final {label}", "最終{label}"),
    "pdoc.col.of": ("{label} (of {max})", "{label}（{max}点満点）"),
    "pdoc.col.max": ("Of", "満点"),
    "pdoc.col.price_points": ("Price points", "価格点"),
    "pdoc.col.places": ("Each member's place", "各委員の順位"),
    "pdoc.col.tie_break": ("Tie decided by", "同点時の決定"),
    "pdoc.col.when": ("Date and time", "日時"),
    "pdoc.col.reason": ("Reason", "理由"),
    "pdoc.col.received": ("Received", "受付日"),
    "pdoc.col.moment": ("When in the procedure", "時点"),
    "pdoc.col.recorded": ("Recorded", "記録日時"),
    "pdoc.col.item": ("Item", "項目"),
    "pdoc.col.content": ("Content", "内容"),
    "pdoc.col.own_points": ("Your points", "貴社の得点"),
    "pdoc.col.remarks": ("Remarks", "備考"),
    "pdoc.col.figures": ("Figures", "得点・順位"),
    "pdoc.col.review": ("The committee's review", "講評"),
    "pdoc.col.opened": ("Opened", "開始"),
    "pdoc.col.closed": ("Closed", "終了"),
    "pdoc.col.participants": ("Proposers", "対象者数"),
    "pdoc.col.passed": ("Went on", "通過者数"),
    "pdoc.col.stage_result": ("Outcome in the procedure", "審査結果"),
    # --- the status document ------------------------------------------------------------------------
    "pdoc.procedure_title": ("{title}: the procedure", "{title}　審査手続の状況"),
    "pdoc.disclosures": ("To be disclosed", "開示事項"),
    "pdoc.overview": ("Every proposer through every stage", "提案者ごとの審査経過"),
    "pdoc.evidence_title": ("{stage}: evidence", "{stage}の根拠"),
    "pdoc.ranking_title": ("{stage}: ranking", "{stage}の順位"),
    "pdoc.final_title": ("Final ranking", "最終順位"),
    "pdoc.withdrawals": ("Withdrawals", "辞退"),
    "pdoc.decision": ("Decision", "決定"),
    "pdoc.negotiations": ("Negotiations", "交渉"),
    "pdoc.rules": ("The rules of the procedure", "審査手続の規則"),
    "pdoc.public_title": ("Public results", "審査結果（公表用）"),
    "pdoc.public_note.winner": (
        "Only the preferred proposer is named; the others are shown as Proposer A, B ... in order of standing.",
        "最優秀提案者のみ名称を記載し、他の提案者は審査の結果順に提案者A、B … と表示する。",
    ),
    "pdoc.public_note.all": ("Every proposer is named.", "すべての提案者の名称を記載する。"),
    "pdoc.public_note.none": (
        "No proposer is named; all are shown as Proposer A, B ... in order of standing.",
        "提案者の名称は記載せず、審査の結果順に提案者A、B … と表示する。",
    ),
    "pdoc.rounding_note": (
        "Figures are rounded {rounding} to {decimals} decimal(s).",
        "数値は小数第{decimals}位まで表示する（{rounding}）。",
    ),
    "pdoc.rules_below": (
        "How the points are computed is stated under the rules of the procedure.",
        "得点の算定方法は「審査手続の規則」に記載する。",
    ),
    "pdoc.absent_mark": (
        "In this stage an x also marks a member absent from the proposer's presentation, who does not score it.",
        "この段階の x は、利害関係による除斥のほか、プレゼンテーションに欠席したため採点しない委員も表す。",
    ),
    # --- 審査結果通知書 -------------------------------------------------------------------------------
    "pdoc.notice_title": ("Notice of the evaluation result", "審査結果通知書"),
    "pdoc.notice_subject": (
        "Result of the proposal evaluation: {title}",
        "{title}に係る公募型プロポーザルの審査結果について",
    ),
    "pdoc.notice_subject_named": ("Result of the evaluation: {title}", "{title}の審査結果について"),
    "pdoc.notice_body_named": (
        "We notify you of the result of the evaluation in {title}, as follows.",
        "{title}について、審査の結果を下記のとおり通知します。",
    ),
    "pdoc.letter.number": ("Reference", "文書番号"),
    "pdoc.letter.number_blank": ("No. ______", "第　　　　　号"),
    "pdoc.letter.date": ("Date", "通知日"),
    "pdoc.letter.to": ("To", "宛先"),
    "pdoc.letter.addressee": ("{vendor}", "{vendor}　御中"),
    "pdoc.letter.from": ("From", "発信者"),
    "pdoc.letter.subject": ("Subject", "件名"),
    "pdoc.letter.proposal": ("Your proposal", "提案名"),
    "pdoc.letter.contact": (
        "Contact: ____________________    Telephone: ____________________",
        "担当：＿＿＿＿＿＿＿＿＿＿　　電話：＿＿＿＿＿＿＿＿＿＿",
    ),
    "pdoc.notice_result": ("Result", "審査結果"),
    "pdoc.notice_body": (
        "We notify you of the result of the evaluation of the proposals for {title}, as follows.",
        "{title}に係る公募型プロポーザルについて、審査の結果を下記のとおり通知します。",
    ),
    "pdoc.notice_outcome": ("Your result: {outcome}", "貴社の審査結果: {outcome}"),
    "pdoc.notice_reason": ("Reason: {reason}", "理由: {reason}"),
    "pdoc.notice_evidence": ("{requirement}: {evidence}", "{requirement}の判定の根拠: {evidence}"),
    "pdoc.notice_winner": (
        "Preferred proposer: {tool}, final {label} {figure}",
        "最優秀提案者: {tool}、最終{label} {figure}",
    ),
    "pdoc.notice_review": ("The committee's review of your proposal: {text}", "貴社の提案に対する講評: {text}"),
    "pdoc.notice_criteria": ("Your points on each criterion", "評価項目ごとの貴社の得点"),
    "pdoc.notice_all": ("Results of all proposers", "全提案者の審査結果"),
    "pdoc.notice_pseudonyms": (
        "Other proposers are shown as Proposer A, B ... in order of standing; the preferred proposer is named only "
        "where the results are published by name.",
        "他の提案者は審査の結果順に提案者A、B … と表示する。最優秀提案者は、名称を公表する場合に限り記載する。",
    ),
    # --- 審査講評 --------------------------------------------------------------------------------------
    "pdoc.review.title": ("{title}: the committee's review", "{title}　審査講評"),
    "pdoc.review.summary": ("The procedure", "審査の経過"),
    "pdoc.review.general": ("General review", "総評"),
    "pdoc.review.none": ("The committee recorded no general review.", "総評は記録されていない。"),
    "pdoc.review.none_own": ("no review recorded", "講評の記録なし"),
    "pdoc.review.each": ("Each proposer", "提案者ごとの講評"),
    "pdoc.review.signature": (
        "Chair of the committee: ______________________    Date: ____ / ____ / ______",
        "審査委員長：＿＿＿＿＿＿＿＿＿＿＿＿＿＿　　日付：令和　　年　　月　　日",
    ),
    # --- 選定理由書（案） ---------------------------------------------------------------------------
    "pdoc.selection.title": ("Reasons for the selection (draft)", "選定理由書（案）"),
    "pdoc.selection.draft": (
        "DRAFT: prepared from the ledger's records; it becomes the city's document once approved.",
        "本書は台帳の記録から作成した案であり、決裁を経て確定する。",
    ),
    "pdoc.selection.subject": ("Contract", "件名"),
    "pdoc.selection.method": ("Method of contract", "契約方法"),
    "pdoc.selection.method_text": (
        "Negotiated contract (Local Autonomy Act Enforcement Order, Article 167-2 (1) (ii)) following a public "
        "call for proposals",
        "随意契約（地方自治法施行令第167条の2第1項第2号）。公募型プロポーザル方式により契約の相手方を選定",
    ),
    "pdoc.selection.party": ("Contracting party", "契約の相手方"),
    "pdoc.selection.price": ("Proposed price", "提案価格"),
    "pdoc.selection.count": ("Proposers", "提案者数"),
    "pdoc.selection.committee": ("Evaluation committee", "審査委員会"),
    "pdoc.selection.committee_text": (
        "{members} members; quorum {needed}; {present} present at the decision",
        "委員{members}名、定足数{needed}名、決定時の出席{present}名",
    ),
    "pdoc.selection.figures_label": ("Points and rank", "得点及び順位"),
    "pdoc.selection.figures": (
        "Final {label} {figure}, rank {rank} of {count}",
        "最終{label} {figure}、{count}者中{rank}位",
    ),
    "pdoc.selection.decided": ("Decided", "選定日"),
    "pdoc.selection.course": ("How the proposer was selected", "選定の経緯"),
    "pdoc.selection.reason": ("Reasons for the selection", "選定理由"),
    "pdoc.selection.failed_before": (
        "Negotiation with {tool} failed ({reason}), so the next proposer in the decided order was negotiated with.",
        "{tool}との交渉が不調（{reason}）となったため、決定した交渉順位により次の者と交渉した。",
    ),
    "pdoc.selection.agreed": ("Negotiation agreed {when}: {reason}", "{when}に交渉が合意した（{reason}）。"),
    "pdoc.selection.basis": (
        "The proposer above made the best proposal in a public call for proposals, and the nature and purpose of "
        "the contract do not suit competitive bidding; the contract is therefore concluded with {tool} by "
        "negotiation under Article 167-2 (1) (ii) of the Local Autonomy Act Enforcement Order.",
        "以上のとおり、{tool}は公募型プロポーザルにより最も優れた提案を行った者であり、本件はその性質又は目的が"
        "競争入札に適しないものであるため、地方自治法施行令第167条の2第1項第2号の規定により随意契約を締結する。",
    ),
    "pdoc.selection.basis_next": (
        "The proposer above is next in the order the committee decided after a public call for proposals, "
        "negotiation with those before it having failed, and the nature and purpose of the contract do not suit "
        "competitive bidding; the contract is therefore concluded with {tool} by negotiation under Article 167-2 "
        "(1) (ii) of the Local Autonomy Act Enforcement Order.",
        "以上のとおり、{tool}は公募型プロポーザルにより審査委員会が決定した交渉順位において、先順位の者との交渉が"
        "不調となった後の交渉相手であり、本件はその性質又は目的が競争入札に適しないものであるため、"
        "地方自治法施行令第167条の2第1項第2号の規定により随意契約を締結する。",
    ),
    "pdoc.selection.closing": (
        "Selected as above.    Date: ____ / ____ / ______    {organisation}",
        "上記のとおり選定する。　　令和　　年　　月　　日　　{organisation}",
    ),
}
