"""Messages for the archive part, merged into `_i18n.MESSAGES` (key: (English, Japanese))."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- finalize ---------------------------------------------------------------
    "finalize.recorded": (
        "finalized the evaluation as event #{seq}: results of ledger head {head} under plan {plan}",
        "評価を確定しました（イベント #{seq}）: 台帳の最新 {head}、計画 {plan} による結果",
    ),
    "finalize.unchanged": (
        "nothing changed since the finalize at event #{seq} ({ts} UTC); nothing recorded",
        "イベント #{seq}（{ts} UTC）で確定してから変更はありません。何も記録していません",
    ),
    "finalize.results": (
        "results hash {hash}",
        "結果ハッシュ {hash}",
    ),
    "finalize.current": (
        "finalized at event #{seq} ({ts} UTC); nothing has changed since",
        "イベント #{seq}（{ts} UTC）で確定済みです。その後の変更はありません",
    ),
    "finalize.changed_since": (
        "the evaluation CHANGED since it was finalized at event #{seq} ({ts} UTC); run `toolbench finalize` again",
        "イベント #{seq}（{ts} UTC）で確定した後に評価が変更されています。`toolbench finalize` で確定し直してください",
    ),
    "finalize.never": (
        "not finalized: run `toolbench finalize` to record the ledger head, plan hash and results hash",
        "未確定です。`toolbench finalize` で台帳の最新・計画ハッシュ・結果ハッシュを記録してください",
    ),
    # --- writing an archive -----------------------------------------------------
    "archive.written": (
        "wrote the evidence archive {path}: {count} files, listed with their SHA-256 in MANIFEST.sha256",
        "証跡アーカイブ {path} を書き出しました: {count} 個のファイル（SHA-256 は MANIFEST.sha256 に記載）",
    ),
    "archive.results": (
        "results hash {hash} (plan {plan}, results of ledger head {head})",
        "結果ハッシュ {hash}（計画 {plan}、台帳の最新 {head} による結果）",
    ),
    "archive.manifest_hash": (
        "SHA-256 of MANIFEST.sha256: {hash} (quote it with the approval documents)",
        "MANIFEST.sha256 の SHA-256: {hash}（決裁文書に記載してください）",
    ),
    "archive.not_empty": (
        "{path} already exists and is not empty; an evidence archive is written to a new folder",
        "{path} は既に存在し空ではありません。証跡アーカイブは新しいフォルダに書き出してください",
    ),
    "archive.not_dir": (
        "{path} is a file, not a folder; give a new folder for the archive",
        "{path} はフォルダではなくファイルです。アーカイブには新しいフォルダを指定してください",
    ),
    "archive.inside_state": (
        "{path} is inside the workspace's {state} folder; write the archive somewhere else",
        "{path} はワークスペースの {state} フォルダの中です。アーカイブは別の場所に書き出してください",
    ),
    "archive.cannot_write": (
        "cannot write the archive to {path} ({reason}); nothing was written",
        "{path} にアーカイブを書き出せません（{reason}）。何も書き出していません",
    ),
    # --- verifying an archive ---------------------------------------------------
    "archive.not_found": (
        "{path} is not a folder; give the folder `toolbench archive` wrote",
        "{path} はフォルダではありません。`toolbench archive` が書き出したフォルダを指定してください",
    ),
    "archive.verified": (
        "archive {path} verified: {count} files match MANIFEST.sha256, the chain of {events} event(s) holds, "
        "and the plan and ledger give results hash {results}",
        "アーカイブ {path} を検証しました: {count} 個のファイルが MANIFEST.sha256 と一致し、"
        "{events} 件のイベントのハッシュ連鎖は正常で、計画と台帳から結果ハッシュ {results} が得られます",
    ),
    "archive.failed": (
        "archive {path} FAILED verification: {count} problem(s)",
        "アーカイブ {path} の検証に失敗しました: {count} 件の問題",
    ),
    "archive.f.no_manifest": (
        "{file}: missing, so no file can be checked against its SHA-256",
        "{file}: ありません。各ファイルを SHA-256 で確認できません",
    ),
    "archive.f.manifest_line": (
        "{file}: line {line} is not '<sha256>  <path>'",
        "{file}: {line} 行目が「<sha256>  <パス>」の形式ではありません",
    ),
    "archive.f.manifest_path": (
        "{file}: line {line} names '{entry}', which is not a path inside the archive",
        "{file}: {line} 行目の '{entry}' はアーカイブ内のパスではありません",
    ),
    "archive.f.manifest_twice": (
        "{file}: line {line} lists '{entry}' a second time",
        "{file}: {line} 行目で '{entry}' が重複しています",
    ),
    "archive.f.missing": (
        "{file}: listed in MANIFEST.sha256 but missing (removed after the archive was written)",
        "{file}: MANIFEST.sha256 に記載がありますがファイルがありません（書き出し後に削除されています）",
    ),
    "archive.f.differs": (
        "{file}: its SHA-256 {actual}… differs from {expected}… in MANIFEST.sha256 (changed after the archive was written)",
        "{file}: SHA-256 {actual}… が MANIFEST.sha256 の {expected}… と一致しません（書き出し後に変更されています）",
    ),
    "archive.f.unlisted": (
        "{file}: not listed in MANIFEST.sha256 (added after the archive was written)",
        "{file}: MANIFEST.sha256 に記載がありません（書き出し後に追加されています）",
    ),
    "archive.f.link": (
        "{file}: a symbolic link; an archive holds only plain files",
        "{file}: シンボリックリンクです。アーカイブには通常のファイルしか含まれません",
    ),
    "archive.f.unreadable": (
        "{file}: cannot be read ({reason})",
        "{file}: 読み取れません（{reason}）",
    ),
    "archive.f.results_json": (
        "{file}: not a toolbench results record ({reason})",
        "{file}: toolbench の結果記録ではありません（{reason}）",
    ),
    "archive.f.newer": (
        "{file}: written in archive format {found}; this toolbench reads up to format {supported}, so upgrade it",
        "{file}: アーカイブ形式 {found} で書かれています。この toolbench は形式 {supported} までしか読めないため、更新してください",
    ),
    "archive.f.plan": (
        "{reason}",
        "{reason}",
    ),
    "archive.f.plan_hash": (
        "{file}: the plan hashes to {actual}… but results.json records plan {expected}… (the plan was changed)",
        "{file}: 計画のハッシュ {actual}… が results.json の計画 {expected}… と一致しません（計画が変更されています）",
    ),
    "archive.f.event_line": (
        "{file}: line {line} is not an exported event ({reason})",
        "{file}: {line} 行目は書き出されたイベントではありません（{reason}）",
    ),
    "archive.f.chain": (
        "{file}: the hash chain fails at event {seq}: {reason}",
        "{file}: イベント {seq} でハッシュ連鎖が途切れています: {reason}",
    ),
    "archive.f.head": (
        "{file}: the ledger ends at {actual}, but results.json records head {expected}",
        "{file}: 台帳の最後は {actual} ですが、results.json の記録は {expected} です",
    ),
    "archive.f.results": (
        "{file}: re-evaluating plan/toolbench.toml with ledger/events.jsonl gives results hash {actual}…, "
        "but {expected}… is recorded{hint}",
        "{file}: plan/toolbench.toml と ledger/events.jsonl から再計算した結果ハッシュ {actual}… が"
        "記録された {expected}… と一致しません{hint}",
    ),
    "archive.f.version_hint": (
        " (written by toolbench {written}, checked with {running}: compare with the version that wrote it)",
        "（toolbench {written} で書き出し、{running} で検証: 書き出した版でも確認してください）",
    ),
    "archive.f.evaluate": (
        "{file}: the plan and ledger in the archive cannot be evaluated: {reason}",
        "{file}: アーカイブ内の計画と台帳から評価を計算できません: {reason}",
    ),
    "archive.f.matrix_json": (
        "{file}: does not hold the results (its hash is {actual}…, the results hash is {expected}…)",
        "{file}: 結果と一致しません（ハッシュ {actual}…、結果ハッシュ {expected}…）",
    ),
    "archive.f.finalized_claim": (
        "{file}: what it says about finalization differs from the ledger (last finalize record {ledger}, changed since: {changed})",
        "{file}: 確定についての記載が台帳と一致しません（台帳の最後の確定記録 {ledger}、その後の変更: {changed}）",
    ),
    "archive.f.finalize_head": (
        "{file}: the finalize record at event {seq} names ledger head {head}, which is not an earlier event of this chain",
        "{file}: イベント {seq} の確定記録が指す台帳の最新 {head} は、この連鎖のそれより前のイベントではありません",
    ),
    "archive.f.finalize_results": (
        "{file}: the finalize record at event {seq} records results hash {expected}…, "
        "but the plan and ledger up to its head give {actual}…",
        "{file}: イベント {seq} の確定記録の結果ハッシュ {expected}… が、"
        "計画とその時点までの台帳から再計算した {actual}… と一致しません",
    ),
    "archive.blind": (
        "the evaluation is blind; an evidence archive names the tools, so run `toolbench unblind` first",
        "匿名評価中です。証拠書類にはツール名が含まれるため、先に `toolbench unblind` を実行してください",
    ),
}
