"""Messages for documents about facts (the facts list, fact cells and flags in the matrix). Merged into `toolbench.base.i18n.MESSAGES`. Each pair is (English, Japanese)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- words ---------------------------------------------------------------------------------
    "factdoc.join": (", ", "、"),
    "factdoc.or": (" or ", "または"),
    "factdoc.and": (" and ", "かつ"),
    # --- a cell of the matrix ------------------------------------------------------------------
    "factdoc.cell.summary": ("{held} of {count} facts hold", "{count} 件中 {held} 件該当"),
    "factdoc.cell.count": ("{n} {status}", "{status} {n} 件"),
    "factdoc.cell.flagged": (" ({counts})", "（{counts}）"),
    "factdoc.cell.undecisive": (
        "not recorded, but it could not change the points: {facts}",
        "未記録ですが配点に影響しません: {facts}",
    ),
    "factdoc.cell.missing": ("missing: {facts} not recorded", "未採点（未記録: {facts}）"),
    "factdoc.cite": (
        "{label}: {value}{status}, source {source}{page}, seen {as_of}{expires}",
        "{label}: {value}{status}、出典 {source}{page}、確認 {as_of}{expires}",
    ),
    "factdoc.cite_blind": (
        "{label}: {value}{status}, seen {as_of}{expires}",
        "{label}: {value}{status}、確認 {as_of}{expires}",
    ),
    "factdoc.cite.status": (" ({status})", "（{status}）"),
    "factdoc.cite.page": (" ({page})", "（{page}）"),
    "factdoc.cite.expires": (", valid until {date}", "、有効期限 {date}"),
    "factdoc.cite.missing": ("{label}: not recorded", "{label}: 未記録"),
    # --- the rule, stated under the matrix and in the facts list ---------------------------------
    "factdoc.date.plan": (
        "Facts are judged on {date} (set by the plan).",
        "事実は基準日 {date}（計画で指定）の時点で判定する。",
    ),
    "factdoc.date.ledger": (
        "Facts are judged on {date} (the date of the ledger's last record).",
        "事実は基準日 {date}（台帳の最終記録日）の時点で判定する。",
    ),
    "factdoc.date.none": (
        "Facts have no date to be judged on yet: nothing is recorded.",
        "記録がないため、事実の基準日はまだない。",
    ),
    "factdoc.max_age": (
        "A fact seen more than {days} days before that date is flagged as too old; it still counts as written.",
        "確認日が基準日の {days} 日より前の事実は「確認が古い」と表示する（記載どおり数える）。",
    ),
    "factdoc.rule.expiry": (
        "A fact past its expiry on that date counts as not holding (expired); a criterion with a fact not "
        "recorded is unscored, never 0.",
        "有効期限を過ぎた事実は満たさないものとして扱う（期限切れ）。事実が未記録の項目は未採点とし、0 点とはしない。",
    ),
    "factdoc.rule.per_fact": (
        "{criterion} (facts): {parts}, summed (at most {best} points).",
        "{criterion}（事実）: {parts}の合計（最高 {best} 点）。",
    ),
    "factdoc.rule.per_fact_part": ("{condition}: {points} points", "{condition} {points} 点"),
    "factdoc.rule.combinations": (
        "{criterion} (facts): the points of the first of these that holds (none holds: 0 points): {parts}.",
        "{criterion}（事実）: 次のうち最初に満たすものの点（いずれも満たさない場合は 0 点）: {parts}。",
    ),
    "factdoc.rule.scaled": (
        "{criterion}: points = {points} × the rule's points ÷ {best}.",
        "{criterion}: 得点 = {points} × 規則による点 ÷ {best}。",
    ),
    "factdoc.rule.combination_part": ("{condition}: {points} points", "{condition} {points} 点"),
    "factdoc.rule.combination_join": ("; ", "／"),
    "factdoc.rule.all": ("all of {items}", "{items}のすべて"),
    "factdoc.rule.any": ("any of {items}", "{items}のいずれか"),
    "factdoc.rule.must": (
        "{criterion} (must-have, decided by facts): passes when {require}.",
        "{criterion}（必須要件・事実により判定）: {require}場合に適。",
    ),
    "factdoc.rule.must_awaits": (
        "A must-have decided by facts passes only on facts valid on that date; one resting on an expired or too "
        "old fact awaits a fresh fact (it neither passes nor fails, and the result is provisional).",
        "事実により判定する必須要件は、基準日に有効な事実でのみ適とする。期限切れ・確認が古い事実に基づく場合は"
        "事実の更新待ち（適とも否ともしない。結果は暫定）とする。",
    ),
    "factdoc.rule.must_any": ("any of {items}", "{items}（いずれか）を満たす"),
    "factdoc.rule.must_all": ("all of {items}", "{items}（すべて）を満たす"),
    "factdoc.rule.must_one": ("{items}", "{items}を満たす"),
    "factdoc.cond.held": ("{label} held", "{label}あり"),
    "factdoc.cond.choice": ("{label} is {values}", "{label}が{values}"),
    "factdoc.cond.at_most": ("{label} at most {most} days", "{label}が {most} 日以下"),
    "factdoc.cond.at_least": ("{label} at least {least} days", "{label}が {least} 日以上"),
    "factdoc.cond.between": (
        "{label} from {least} to {most} days",
        "{label}が {least} 日以上 {most} 日以下",
    ),
    "factdoc.cond.text": ("{label} is {values}", "{label}が{values}"),
    "factdoc.quoted": ('"{text}"', "「{text}」"),
    # --- notes under the matrix ------------------------------------------------------------------
    "factdoc.flag.expired": (
        "{tool}: {fact} was valid until {expires} (seen {as_of}): expired, counted as not holding.",
        "{tool}: {fact} は有効期限 {expires} を過ぎている（期限切れ、確認 {as_of}）。満たさないものとして扱う。",
    ),
    "factdoc.flag.stale": (
        "{tool}: {fact} was seen on {as_of}, {days} days before the facts' date (more than {most}): too old.",
        "{tool}: {fact} の確認日 {as_of} は基準日の {days} 日前で、{most} 日を超えている（確認が古い）。",
    ),
    "factdoc.must.unjudged": (
        "{tool}: must-have {criterion} is not judged: {facts} not recorded; the result is provisional.",
        "{tool}: 必須要件 {criterion} は {facts} が未記録のため未判定。結果は暫定です。",
    ),
    "factdoc.must.stale": (
        "{tool}: must-have {criterion} awaits a fresh fact ({facts} expired or too old): it neither passes nor "
        "fails, and the result is provisional.",
        "{tool}: 必須要件 {criterion} は {facts} が期限切れまたは確認が古いため、事実の更新待ち"
        "（適とも否ともしない）。結果は暫定です。",
    ),
    "factdoc.blind_sources": (
        "While blind, the facts' sources, numbers and remarks are withheld (a vendor's page names it); "
        "values and dates are shown.",
        "匿名評価中のため、事実の出典・番号・備考は表示しない（出典が提案者を示すため）。値と日付は表示する。",
    ),
    # --- the procurement set's public results ----------------------------------------------------
    "factdoc.public.awaiting": (
        "The first-ranked candidate awaits a fresh fact for a must-have: no candidate is named as selected "
        "until it is refreshed.",
        "1 位の候補は必須要件の事実の更新待ちのため、事実が更新されるまで選定候補として表示しない。",
    ),
    # --- the facts list (事実一覧) -----------------------------------------------------------------
    "factdoc.title": ("Facts: {title}", "事実一覧（{title}）"),
    "factdoc.section.rule": ("How facts are judged and scored", "事実の判定と配点の規則"),
    "factdoc.section.flagged": (
        "Facts needing attention (expired, too old, not recorded)",
        "要対応の事実（期限切れ・確認が古い・未記録）",
    ),
    "factdoc.flagged.about": (
        "Facts expired or too old on the facts' date, and facts a criterion reads that are not recorded: "
        "record them again from a current source before the decision.",
        "基準日に期限切れ・確認が古い事実と、評価項目が用いるのに未記録の事実。決定の前に最新の出典で記録し直すこと。",
    ),
    "factdoc.flagged.none": (
        "No fact a criterion reads is expired, too old or missing on the facts' date.",
        "基準日に期限切れ・確認が古い・未記録の事実はない。",
    ),
    "factdoc.section.list": ("Facts by candidate", "候補別の事実"),
    "factdoc.list.about": (
        "Every fact current for each candidate, with its source and the dates; recorded times in {zone}.",
        "候補ごとに現在の事実を出典・日付とともに示す（記録日時は{zone}）。",
    ),
    "factdoc.no_facts": ("No fact has been recorded.", "事実はまだ記録されていない。"),
    "factdoc.unreadable": (
        "Events {seqs} record a fact that cannot be read and are left out.",
        "記録 {seqs} は事実として読み取れないため除外した。",
    ),
    "factdoc.blind_unread": (
        "While blind only the facts the criteria read are listed; the others follow after unblinding.",
        "匿名評価中のため、評価項目が用いる事実のみを示す（その他は匿名化解除後に示す）。",
    ),
    "factdoc.col.tool": ("Candidate", "候補"),
    "factdoc.col.fact": ("Fact", "事実"),
    "factdoc.col.value": ("Value", "値"),
    "factdoc.col.number": ("Number", "登録・認証番号"),
    "factdoc.col.source": ("Source", "出典"),
    "factdoc.col.page": ("Where in the source", "該当箇所"),
    "factdoc.col.as_of": ("Seen", "確認日"),
    "factdoc.col.expires": ("Valid until", "有効期限"),
    "factdoc.col.status": ("On the facts' date", "基準日の状態"),
    "factdoc.col.by": ("Recorded by", "記録者"),
    "factdoc.col.when": ("Recorded ({zone})", "記録日時（{zone}）"),
    "factdoc.col.event": ("Event", "記録番号"),
    "factdoc.col.origin": ("Origin", "取得元"),
    "factdoc.col.reason": ("Reason", "理由"),
    "factdoc.col.criteria": ("Read by", "用いる評価項目"),
    "factdoc.col.detail": ("Remark", "備考"),
    "factdoc.origin.typed": ("typed in", "手入力"),
    "factdoc.origin.catalog": ("catalog ({file})", "カタログ（{file}）"),
    "factdoc.origin.registry": ("registry list ({file})", "登録簿の一覧（{file}）"),
    "factdoc.origin.catalog_only": ("catalog", "カタログ"),
    "factdoc.origin.registry_only": ("registry list", "登録簿の一覧"),
    "factdoc.days_before": ("{days} days before", "{days} 日前"),
    # --- the reasons log ---------------------------------------------------------------------
    "factdoc.reasons.recorded": ("fact corrected", "事実の訂正"),
    "factdoc.reasons.retracted": ("fact withdrawn", "事実の取消し"),
    "factdoc.reasons.withdrawn": ("(withdrawn)", "（取消し）"),
    "factdoc.reasons.fact": ("{label}: {change}", "{label}: {change}"),
    "factdoc.reasons.field": ("{field} {value}", "{field} {value}"),
    "factdoc.reasons.fields": (" ({fields})", "（{fields}）"),
}
