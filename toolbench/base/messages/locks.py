"""Messages for locks, finalize-and-reopen and late recusals. Merged into `toolbench.base.i18n.MESSAGES`."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- locking after scores ---------------------------------------------------------
    "lock.after_scores": (
        "{count} score(s) are already recorded (levels, measured values or consensus levels); locking the "
        'criteria, points and rules now needs --reason "…", which every report will show',
        "既に {count} 件の採点（評価段階・測定値・合議による段階）が記録されています。"
        '今から評価項目・配点・規則をロックするには --reason "理由" が必要です（理由はすべての帳票に表示されます）',
    ),
    "lock.recorded_after_scores": (
        "locked the criteria, points and rules (event {seq}) after {count} score(s); every report says so",
        "評価項目・配点・規則をロックしました（イベント {seq}）。{count} 件の採点の後のロックであることを"
        "すべての帳票に表示します",
    ),
    "m.locked_after_scores": (
        "The lock (event {seq}) came after {count} score(s) had been recorded; reason given: {reason}",
        "ロック（イベント {seq}）は {count} 件の採点が記録された後に行われました。理由: {reason}",
    ),
    "m.no_reason": ("(none recorded)", "（記録なし）"),
    # --- finalize, then reopen --------------------------------------------------------
    "finalize.closed": (
        "the evaluation was finalized at event #{seq} ({ts} UTC); nothing more can be recorded until it is "
        'reopened with `toolbench reopen --reason "…"`',
        "評価はイベント #{seq}（{ts} UTC）で確定しています。"
        '`toolbench reopen --reason "理由"` で再開するまで、何も記録できません',
    ),
    "reopen.not_finalized": (
        "the evaluation is not finalized, so there is nothing to reopen; record as usual",
        "評価は確定していないため、再開するものはありません。通常どおり記録してください",
    ),
    "reopen.reason_required": (
        'reopening a finalized evaluation needs a reason: toolbench reopen --reason "…"',
        '確定した評価の再開には理由が必要です: toolbench reopen --reason "理由"',
    ),
    "reopen.recorded": (
        "reopened the evaluation finalized at event #{finalized} (event {seq}); every report will disclose it, "
        "and `toolbench finalize` closes it again",
        "イベント #{finalized} で確定した評価を再開しました（イベント {seq}）。すべての帳票に表示します。"
        "`toolbench finalize` で再び確定します",
    ),
    "m.reopened": (
        "Reopened after finalize on {date} (event {seq}; the finalize record was event {finalized}): {reason}",
        "確定後の {date} に再開（イベント {seq}。確定記録はイベント {finalized}）: {reason}",
    ),
    # --- conflicts declared after the technical scores were locked ----------------------
    "coi.reason_after_scores_lock": (
        "the technical scores were locked (event {seq}); a conflict declared now can change the locked technical "
        'points, so it needs --reason "…", which every report will show',
        "技術点は確定済みです（イベント {seq}）。今の申告は確定した技術点を変えうるため、"
        '--reason "理由" が必要です（理由はすべての帳票に表示されます）',
    ),
    "m.recused_late": (
        "Declared after the technical scores were locked (event {locked}), changing locked figures: {evaluator} "
        "does not score {tool} (event {seq}); reason given: {reason}",
        "技術点の確定（イベント {locked}）の後に申告され、確定した数値を変えています: "
        "{evaluator} は {tool} を採点しない（イベント {seq}）。理由: {reason}",
    ),
    "m.reason_blind": ("(shown after unblinding)", "（匿名化解除後に表示）"),
}
