"""Messages for ledger integrity. Merged into `toolbench.base.i18n.MESSAGES`."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- writes to a chain that does not verify -----------------------------------
    "ledger.write_refused": (
        "{file}: nothing was recorded: the hash chain breaks at event {seq} ({reason}); "
        "run `toolbench audit verify` and restore the ledger from a backup or the evidence archive",
        "{file}: 記録しませんでした。ハッシュ連鎖がイベント {seq} で途切れています（{reason}）。"
        "`toolbench audit verify` を実行し、バックアップまたは証跡アーカイブから台帳を復元してください",
    ),
    "audit.reason.anchor": (
        "it names the ledger head {head}, which is not an earlier event of this chain "
        "(the events before it were rewritten after it was recorded)",
        "記録された台帳の最新 {head} がこの連鎖の以前のイベントにありません"
        "（記録後にそれ以前のイベントが書き換えられています）",
    ),
    "audit.reason.checkpoint": (
        "event {seq} no longer has the hash this user's toolbench verified earlier "
        "(the events up to it were rewritten since)",
        "イベント {seq} のハッシュが、このユーザーの toolbench が以前に検証した値と異なります"
        "（それまでのイベントが検証後に書き換えられています）",
    ),
    "audit.reason.projection": (
        "the table of current scores does not match the events (it was edited outside toolbench); "
        "`toolbench audit verify --rebuild` rebuilds it from the events",
        "現在の採点の表がイベントと一致しません（toolbench 以外で編集されています）。"
        "`toolbench audit verify --rebuild` でイベントから作り直せます",
    ),
    # --- anchors: a printed head (`台帳 #78 673750e33d0e`) still in the chain -------------
    "anchor.usage": (
        "--head {value}: give the head as SEQ:HASH, e.g. 78:673750e33d0e (at least 12 hex digits of the hash)",
        "--head {value}: 最新は SEQ:HASH の形で指定してください（例 78:673750e33d0e。ハッシュは 16 進 12 桁以上）",
    ),
    "anchor.ok": (
        "anchor #{seq} {hash} holds: event {seq} of the {count} in the verified chain has this hash",
        "基準点 #{seq} {hash} を確認しました: 検証済みの連鎖 {count} 件のイベント {seq} がこのハッシュです",
    ),
    "anchor.bad": (
        "anchor #{seq} {hash} is NOT in the ledger: {reason}; restore the ledger from a backup or the evidence archive",
        "基準点 #{seq} {hash} は台帳にありません: {reason}。バックアップまたは証跡アーカイブから台帳を復元してください",
    ),
    "anchor.missing": (
        "the ledger holds {count} event(s), so event {seq} is not in it (events were removed)",
        "台帳には {count} 件しかなく、イベント {seq} がありません（イベントが削除されています）",
    ),
    "anchor.differs": (
        "event {seq} in the ledger has the hash {actual}… (the ledger was rewritten after the head was printed)",
        "台帳のイベント {seq} のハッシュは {actual}… です（最新が印字された後に台帳が書き換えられています）",
    ),
    # --- archive: a quoted manifest hash, every report bound to the plan and events -------
    "archive.expect_usage": (
        "--expect {value}: give the SHA-256 of MANIFEST.sha256 as printed by `toolbench archive` "
        "(64 hex digits; at least 12)",
        "--expect {value}: `toolbench archive` が表示した MANIFEST.sha256 の SHA-256 を指定してください"
        "（16 進 64 桁。12 桁以上）",
    ),
    "archive.expect_ok": (
        "MANIFEST.sha256 has the quoted SHA-256 {hash}: the package is the one that was quoted",
        "MANIFEST.sha256 の SHA-256 は記載された {hash} と一致します: 記載されたとおりのアーカイブです",
    ),
    "archive.f.expect": (
        "{file}: its SHA-256 {actual} is not the quoted {expected} (the package and its manifest were rewritten, "
        "or this is another archive)",
        "{file}: SHA-256 {actual} が記載された {expected} と一致しません"
        "（アーカイブとその目録が書き換えられたか、別のアーカイブです）",
    ),
    "archive.f.report_differs": (
        "{file}: differs from the report rendered again from plan/toolbench.toml and ledger/events.jsonl "
        "as of {at} (changed after the archive was written){hint}",
        "{file}: plan/toolbench.toml と ledger/events.jsonl から {at} 時点で作成し直した帳票と一致しません"
        "（書き出し後に変更されています）{hint}",
    ),
    "archive.f.report_missing": (
        "{file}: missing; every archive holds this report (removed after the archive was written)",
        "{file}: ありません。アーカイブには必ずこの帳票が含まれます（書き出し後に削除されています）",
    ),
    "archive.f.foreign": (
        "{file}: not a file toolbench writes into an archive (added after the archive was written)",
        "{file}: toolbench がアーカイブに書き出すファイルではありません（書き出し後に追加されています）",
    ),
    "archive.f.render_inputs": (
        "{file}: 'generated_at' ({at}) or 'language' ({language}) is not what toolbench writes, "
        "so the reports cannot be rendered again to be checked",
        "{file}: generated_at（{at}）または language（{language}）が toolbench の書き出す値ではないため、"
        "帳票を作成し直して確認できません",
    ),
    # --- a killed archive run ---------------------------------------------------------
    "archive.stale_removed": (
        "removed {path}, left by an `archive` run that was killed",
        "中断された `archive` の実行が残した {path} を削除しました",
    ),
}
