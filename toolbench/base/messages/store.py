"""Messages for the ledger on a PostgreSQL server (`toolbench.store.postgres`). Merged into `toolbench.base.i18n.MESSAGES`.

`{server}` is host:port/database, never a password.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "store.driver_missing": (
        "a PostgreSQL store needs psycopg; install it with `pip install 'toolbench[postgresql]'`",
        "PostgreSQL の台帳には psycopg が必要です。`pip install 'toolbench[postgresql]'` で導入してください",
    ),
    "store.unreachable": (
        "{server}: cannot reach the PostgreSQL server ({reason}); check that it runs and the store's host and port",
        "{server}: PostgreSQL サーバーに接続できません（{reason}）。サーバーが動いているか、接続先のホスト名とポート番号を確認してください",
    ),
    "store.auth": (
        "{server}: the server refused the login {user} ({reason}); check the user name and its password "
        "(PGPASSWORD or the .pgpass file)",
        "{server}: サーバーがログイン {user} を拒否しました（{reason}）。ユーザー名とパスワード"
        "（PGPASSWORD または .pgpass ファイル）を確認してください",
    ),
    "store.no_database": (
        "{server}: the database does not exist; create it (`createdb`) and run `toolbench store init {url}`",
        "{server}: データベースがありません。作成して（`createdb`）、`toolbench store init {url}` を実行してください",
    ),
    "store.no_schema": (
        "{server}: the database holds no toolbench ledger; run `toolbench store init {url}`",
        "{server}: このデータベースには toolbench の台帳がありません。`toolbench store init {url}` を実行してください",
    ),
    "store.old_schema": (
        "{server}: the store was made by an earlier toolbench; run `toolbench store migrate {url}`",
        "{server}: この台帳は以前の toolbench で作成されています。`toolbench store migrate {url}` を実行してください",
    ),
    "store.not_toolbench": (
        "{server}: the database already holds tables that are not toolbench's ({tables}); "
        "give the ledger a database of its own (`createdb`)",
        "{server}: このデータベースには toolbench 以外の表があります（{tables}）。台帳専用のデータベースを作成してください（`createdb`）",
    ),
    "store.role_missing": (
        "{server}: there is no login role {role}; create it first (`CREATE ROLE {role} LOGIN PASSWORD ...`)",
        "{server}: ログインロール {role} がありません。先に作成してください（`CREATE ROLE {role} LOGIN PASSWORD ...`）",
    ),
    "store.permission": (
        "{server}: the role {role} may not do this ({reason}); {role} may {may}; "
        "ask the secretariat to grant what is needed (`toolbench store grant`)",
        "{server}: ロール {role} にはこの操作の権限がありません（{reason}）。{role} にできるのは「{may}」です。"
        "必要な権限は事務局に付与を依頼してください（`toolbench store grant`）",
    ),
    "store.may.secretariat": (
        "read everything and record every kind of event (secretariat)",
        "すべての閲覧と、あらゆる記録（事務局）",
    ),
    "store.may.evaluator": (
        "read everything and record its own scores as evaluator {evaluator}",
        "すべての閲覧と、評価者 {evaluator} としての自分の採点の記録",
    ),
    "store.may.auditor": ("only read (auditor)", "閲覧のみ（監査）"),
    "store.may.none": (
        "nothing in this store until it is granted a toolbench role",
        "toolbench のロールが付与されるまで、この台帳では何もできません",
    ),
    "store.may.unknown": ("what its toolbench role allows", "付与された toolbench のロールで認められた操作"),
    "store.lost": (
        "{server}: the connection to the server was lost ({reason}); nothing of an interrupted write was recorded; "
        "run the command again",
        "{server}: サーバーとの接続が切れました（{reason}）。中断された書き込みは何も記録されていません。もう一度実行してください",
    ),
    "store.failed": (
        "{server}: the PostgreSQL server refused the request ({reason}); nothing was recorded",
        "{server}: PostgreSQL サーバーが要求を拒否しました（{reason}）。何も記録されていません",
    ),
    "store.not_empty": (
        "{target}: the target ledger already holds {count} event(s); copy only into a new, empty store",
        "{target}: 複製先の台帳には既にイベントが {count} 件あります。空の新しい台帳にのみ複製できます",
    ),
}
