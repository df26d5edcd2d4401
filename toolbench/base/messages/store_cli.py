"""Messages for choosing a workspace's store and the `store` and `ledger copy` commands.

Merged into `toolbench.base.i18n.MESSAGES`. The store's own messages (a server that
refuses, a schema to migrate) are the store's (`messages/store.py`).
"""

from __future__ import annotations

_FIX_PASSWORD = (
    "remove it, and give the password through the environment (PGPASSWORD), ~/.pgpass or a service file "
    "(PGSERVICE); see docs/store.md",
    "URL から削除し、パスワードは環境変数（PGPASSWORD）、~/.pgpass またはサービスファイル（PGSERVICE）で"
    "渡してください（docs/store.md を参照）",
)
_FIX_SCHEME = (
    "give a postgresql://HOST/DATABASE URL or the path of a SQLite file",
    "postgresql://ホスト/データベース の形の URL か、SQLite ファイルのパスを指定してください",
)

MESSAGES: dict[str, tuple[str, str]] = {
    # --- which store: --store, TOOLBENCH_STORE, the plan's [store] url, the file ------------
    "location.empty": (
        f"{{where}}: no store is named; {_FIX_SCHEME[0]}",
        f"{{where}}: 台帳の保存先が空です。{_FIX_SCHEME[1]}",
    ),
    "location.scheme": (
        f"{{where}}: {{value}} is not a store toolbench can use; {_FIX_SCHEME[0]}",
        f"{{where}}: {{value}} は toolbench が使える保存先ではありません。{_FIX_SCHEME[1]}",
    ),
    "location.password": (
        f"{{where}}: the URL carries a password, which the plan must not hold; {_FIX_PASSWORD[0]}",
        f"{{where}}: URL にパスワードが含まれています。計画にパスワードを書いてはいけません。{_FIX_PASSWORD[1]}",
    ),
    "plan.location.empty": (f"no store is named; {_FIX_SCHEME[0]}", f"台帳の保存先が空です。{_FIX_SCHEME[1]}"),
    "plan.location.scheme": (
        f"not a store toolbench can use; {_FIX_SCHEME[0]}",
        f"toolbench が使える保存先ではありません。{_FIX_SCHEME[1]}",
    ),
    "plan.location.password": (
        f"the URL carries a password, which the plan must not hold (it is shared, printed and archived); "
        f"{_FIX_PASSWORD[0]}",
        f"URL にパスワードが含まれています。計画は共有・印刷・保存されるため、パスワードを書いてはいけません。"
        f"{_FIX_PASSWORD[1]}",
    ),
    "location.no_ledger": (
        "no ledger at {path} (named by {where}); check the path, or copy this workspace's ledger there "
        "with `toolbench ledger copy --to {path}`",
        "{path} に台帳がありません（{where} の指定）。パスを確認するか、"
        "`toolbench ledger copy --to {path}` でこのワークスペースの台帳を写してください",
    ),
    "location.bad_option": (
        "--store: give a postgresql:// URL or the path of a SQLite file (it is empty)",
        "--store: postgresql:// の URL か SQLite ファイルのパスを指定してください（空です）",
    ),
    # --- toolbench store init / migrate / grant ------------------------------------------------
    "cli.store.not_server": (
        "{command}: the store {location} is not a PostgreSQL server; give its URL (postgresql://HOST/DATABASE), "
        "or name it with [store] url in the plan, --store or TOOLBENCH_STORE",
        "{command}: 保存先 {location} は PostgreSQL のサーバーではありません。"
        "URL（postgresql://ホスト/データベース）を指定するか、計画の [store] url、--store または "
        "TOOLBENCH_STORE で指定してください",
    ),
    "cli.store.applied": ("applied {name}", "適用しました: {name}"),
    "cli.store.initialized": (
        "{location} keeps toolbench ledgers ({count} migration(s) applied)",
        "{location} で toolbench の台帳を保存できるようになりました（{count} 件の移行を適用）",
    ),
    "cli.store.current": (
        "{location} is up to date; no migration was needed",
        "{location} は最新です。適用する移行はありませんでした",
    ),
    "cli.store.granted": (
        "the login role {role} now records as evaluator {evaluator} on {location}",
        "ログインロール {role} は {location} で評価者 {evaluator} として記録します",
    ),
    "cli.store.unknown_evaluator": (
        "EVALUATOR: {evaluator} is not an evaluator in the plan (known: {known}); add it to [[evaluators]] "
        "first, or check the spelling",
        "EVALUATOR: {evaluator} は計画の評価者ではありません（計画の評価者: {known}）。"
        "先に [[evaluators]] に追加するか、綴りを確認してください",
    ),
    # --- toolbench ledger copy -----------------------------------------------------------------
    "cli.copy.same": (
        "--to: {target} is where this workspace's ledger already is; name another store",
        "--to: {target} はこのワークスペースの台帳そのものです。別の保存先を指定してください",
    ),
    "cli.copy.no_folder": (
        "--to: the folder of {target} does not exist; create it first, or name another path",
        "--to: {target} のフォルダがありません。先に作成するか、別のパスを指定してください",
    ),
    "cli.copy.done": (
        "copied {count} event(s) from {source} to {target}",
        "{count} 件のイベントを {source} から {target} に写しました",
    ),
    "cli.copy.head": ("  {side}: {count} event(s), head #{seq} {hash}", "  {side}: {count} 件、先頭 #{seq} {hash}"),
    "cli.copy.empty": ("  {side}: no events", "  {side}: イベントはありません"),
    "cli.copy.from": ("from", "写し元"),
    "cli.copy.to": ("to", "写し先"),
    "cli.copy.differs": (
        "the copy at {target} ends at #{seq} {hash}, not at the source's head; do not use it",
        "{target} の写しの先頭は #{seq} {hash} で、写し元の先頭と一致しません。この写しは使わないでください",
    ),
    "cli.copy.hint": (
        'to record there from now on, set [store] url = "{target}" in toolbench.toml (or pass --store, '
        "or set TOOLBENCH_STORE)",
        '今後そこに記録するには、toolbench.toml に [store] url = "{target}" を書いてください'
        "（--store または TOOLBENCH_STORE でも指定できます）",
    ),
}
