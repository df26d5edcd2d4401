"""`toolbench store init|migrate|grant` and `toolbench ledger copy`: where the ledger is kept.

A workspace keeps its ledger in `.toolbench/ledger.sqlite` unless the plan's `[store]
url`, `TOOLBENCH_STORE` or `--store` names another store, usually a PostgreSQL server
(docs/store.md). These commands set such a server up and move a ledger between stores.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import click

from toolbench.base.errors import WorkspaceError
from toolbench.base.i18n import Lang, translate
from toolbench.cli._common import State
from toolbench.model.location import StoreChoice, is_server, select_store, shown, store_problem
from toolbench.store import copy_ledger, open_ledger
from toolbench.store.ledger import Ledger
from toolbench.workspace import folder


def _server(state: State, url: str | None, command: str) -> str:
    """The server URL given, else the workspace's store (which must be a server)."""
    if url is not None:
        problem = store_problem(url, in_plan=False)
        if problem is not None:
            raise WorkspaceError(problem, where="URL", value=shown(url))
        if not is_server(url):
            raise WorkspaceError("cli.store.not_server", command=command, location=url)
        return url
    root, plan = folder.plan_of(state.directory)
    choice = folder.store_of(root, plan)
    if not isinstance(choice.location, str):
        raise WorkspaceError("cli.store.not_server", command=command, location=str(choice))
    return choice.location


@click.group()
def store() -> None:
    """Set up a PostgreSQL server to keep the ledger, and say who may score there.

    A workspace keeps its ledger in .toolbench/ledger.sqlite unless the plan's
    [store] url, TOOLBENCH_STORE or --store names a PostgreSQL server (see
    docs/store.md). The password is never in the plan: use PGPASSWORD, ~/.pgpass
    or a service file (PGSERVICE).

    \b
    Example:
      createdb -h db.example.lg.jp toolbench
      toolbench store init postgresql://db.example.lg.jp/toolbench
      toolbench store grant aoki_login aoki
    """


_URL = click.argument("url", required=False, metavar="[URL]")


@store.command("init")
@_URL
@click.pass_obj
def init(state: State, url: str | None) -> None:
    """Create toolbench's tables, rules and roles in a PostgreSQL database.

    URL defaults to the workspace's store. Prints each migration applied; running
    it again on a database already set up applies none.

    \b
    Example:
      toolbench store init postgresql://db.example.lg.jp/toolbench
      toolbench store init
    """
    location = _server(state, url, "store init")
    from toolbench.store.postgres import init_store  # lazy: psycopg, an optional dependency

    _applied(init_store(location), location, state.lang, initialized=True)


@store.command("migrate")
@_URL
@click.pass_obj
def migrate(state: State, url: str | None) -> None:
    """Bring a database set up by an earlier toolbench up to this version.

    URL defaults to the workspace's store. Prints each migration applied; the
    events and their hashes are never changed.

    \b
    Example:
      toolbench store migrate
      toolbench store migrate postgresql://db.example.lg.jp/toolbench
    """
    location = _server(state, url, "store migrate")
    from toolbench.store.postgres import migrate_store  # lazy: psycopg, an optional dependency

    _applied(migrate_store(location), location, state.lang, initialized=False)


def _applied(names: list[str], location: str, lang: Lang, *, initialized: bool) -> None:
    for name in names:
        click.echo(translate("cli.store.applied", lang, name=name))
    if not names:
        click.echo(translate("cli.store.current", lang, location=shown(location)))
    elif initialized:
        click.echo(translate("cli.store.initialized", lang, location=shown(location), count=len(names)))


@store.command("grant")
@click.argument("role")
@click.argument("evaluator")
@_URL
@click.pass_obj
def grant(state: State, role: str, evaluator: str, url: str | None) -> None:
    """Let the login role ROLE record scores as EVALUATOR, and as no one else.

    EVALUATOR must be an evaluator in the plan. The server itself then refuses a
    score that ROLE records for another evaluator. URL defaults to the
    workspace's store.

    \b
    Example:
      toolbench store grant aoki_login aoki
      toolbench store grant ueda_login ueda postgresql://db.example.lg.jp/toolbench
    """
    _root, plan = folder.plan_of(state.directory)
    if plan.evaluator(evaluator) is None:
        known = ", ".join(e.id for e in plan.evaluators) or "-"
        raise WorkspaceError("cli.store.unknown_evaluator", evaluator=evaluator, known=known)
    location = _server(state, url, "store grant")
    from toolbench.store.postgres import grant_evaluator  # lazy: psycopg, an optional dependency

    grant_evaluator(location, role, evaluator)
    click.echo(translate("cli.store.granted", state.lang, role=role, evaluator=evaluator, location=shown(location)))


@click.group()
def ledger() -> None:
    """Move this workspace's ledger to another store.

    \b
    Example:
      toolbench ledger copy --to postgresql://db.example.lg.jp/toolbench
    """


def _target(value: str) -> StoreChoice:
    """The store `--to` names: a server URL, or a SQLite file (read from the current folder)."""
    try:
        return select_store(Path.cwd(), None, value, environ={})
    except WorkspaceError as error:
        raise WorkspaceError(error.key, **{**error.params, "where": "--to"}) from None


def _same(one: str | Path, other: str | Path) -> bool:
    if isinstance(one, Path) and isinstance(other, Path):
        return one.resolve() == other.resolve()
    return one == other


@ledger.command("copy")
@click.option(
    "--to",
    "to",
    required=True,
    metavar="URL_OR_PATH",
    help="The store to copy into: a postgresql:// URL (set up with `toolbench store init`) or a new SQLite file.",
)
@click.pass_obj
def copy(state: State, to: str) -> None:
    """Copy every event of this workspace's ledger into another, empty store.

    Every event keeps its sequence number, time, payload and hash: the chain is
    verified before and after, and both heads are printed. A store that already
    holds events is refused. Copy into a server, then name it in the plan's
    [store] url; or copy a server's ledger back into a SQLite file.

    \b
    Example:
      toolbench ledger copy --to postgresql://db.example.lg.jp/toolbench
      toolbench --store postgresql://db.example.lg.jp/toolbench ledger copy --to backup.sqlite
    """
    lang = state.lang
    target = _target(to)
    found = folder.open_folder(state.directory)
    with contextlib.closing(found.ledger) as source:
        where = folder.store_of(found.root, found.plan)
        if _same(where.location, target.location):
            raise WorkspaceError("cli.copy.same", target=str(target))
        made = isinstance(target.location, Path) and not target.location.exists()
        if isinstance(target.location, Path) and not target.location.parent.is_dir():
            raise WorkspaceError("cli.copy.no_folder", target=str(target))
        try:
            with contextlib.closing(open_ledger(target.location, create=made)) as copied:
                count = copy_ledger(source, copied)
                _report(source, copied, count, where, target, lang)
        except BaseException:
            if made and isinstance(target.location, Path):  # leave no empty or half-made file behind
                for suffix in ("", "-wal", "-shm"):
                    with contextlib.suppress(OSError):
                        Path(f"{target.location}{suffix}").unlink()
            raise
    shown_target = str(target.location.resolve()) if isinstance(target.location, Path) else str(target)
    click.echo(translate("cli.copy.hint", lang, target=shown_target))


def _report(source: Ledger, copied: Ledger, count: int, where: StoreChoice, target: StoreChoice, lang: Lang) -> None:
    """The count and the head of each side; a copy whose head is not the source's is refused."""
    heads = (source.head(), copied.head())
    if (heads[0].hash if heads[0] else None) != (heads[1].hash if heads[1] else None):
        seq, digest = (heads[1].seq, heads[1].hash[:16]) if heads[1] else (0, "-")
        raise WorkspaceError("cli.copy.differs", target=str(target), seq=seq, hash=digest)
    click.echo(translate("cli.copy.done", lang, count=count, source=str(where), target=str(target)))
    for side, head in zip(("cli.copy.from", "cli.copy.to"), heads, strict=True):
        label = translate(side, lang)
        if head is None:
            click.echo(translate("cli.copy.empty", lang, side=label))
        else:
            click.echo(translate("cli.copy.head", lang, side=label, count=head.seq, seq=head.seq, hash=head.hash))
