"""Where a workspace's ledger is kept: the SQLite file beside the plan, or a PostgreSQL server.

The first of these that is given chooses it: the `store` a caller passes (the command
line's `--store`), the `TOOLBENCH_STORE` environment variable, the plan's `[store] url`,
else `.toolbench/ledger.sqlite` in the workspace folder. A location is a
`postgresql://` (or `postgres://`) URL or the path of a SQLite file; a relative path
in the plan is read from the workspace folder, one given on the command line or in
the environment from the current folder.

The plan names a server, never a password: the plan is shared, printed and archived.
A password comes from the environment (`PGPASSWORD`), `~/.pgpass` or a service file
(`PGSERVICE`), as every PostgreSQL client reads them.

Light on purpose (no plan models): the snapshot cache reads the plan's table with
tomllib and chooses the same store before anything else is loaded.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final, Literal, NamedTuple
from urllib.parse import parse_qs, parse_qsl, urlencode, urlsplit, urlunsplit

from toolbench.base.errors import WorkspaceError
from toolbench.base.paths import LEDGER_FILE, STATE_DIR

__all__ = [
    "STORE_ENV",
    "STORE_TABLE",
    "StoreChoice",
    "hashed_content",
    "is_server",
    "plan_store_url",
    "select_store",
    "shown",
    "store_problem",
]

STORE_ENV: Final = "TOOLBENCH_STORE"
"""The environment variable that names the store for every workspace opened (the command line's --store sets it)."""
STORE_TABLE: Final = "store"
"""The plan's table naming the store; it is where the ledger is, not what is evaluated, so it is not hashed."""
SERVER_SCHEMES: Final = ("postgresql", "postgres")

Source = Literal["--store", "TOOLBENCH_STORE", "plan", "default"]


_WHERE: Final[dict[Source, str]] = {
    "--store": "--store",
    "TOOLBENCH_STORE": "--store / TOOLBENCH_STORE",  # the command line's --store is passed on as TOOLBENCH_STORE
    "plan": "[store] url",
    "default": STATE_DIR,
}


class StoreChoice(NamedTuple):
    """The store chosen for a workspace and what chose it (for messages)."""

    location: str | Path
    """A server URL (str) or a SQLite file (Path)."""
    source: Source

    @property
    def server(self) -> bool:
        return isinstance(self.location, str)

    def __str__(self) -> str:
        return shown(self.location)

    @property
    def named_by(self) -> str:
        """What named the store, as messages say it: `--store / TOOLBENCH_STORE`, `[store] url` …"""
        return _WHERE[self.source]


def is_server(location: str | Path) -> bool:
    """Whether `location` names a PostgreSQL server (a postgresql:// or postgres:// URL)."""
    return isinstance(location, str) and urlsplit(location).scheme.lower() in SERVER_SCHEMES


def _has_scheme(text: str) -> bool:
    """`scheme://…` (a URL of some kind), not a path such as `C:\\ledger.sqlite` or `./ledger.sqlite`."""
    scheme, sep, _ = text.partition("://")
    return bool(sep) and len(scheme) > 1 and scheme.replace("+", "").replace("-", "").replace(".", "").isalnum()


def has_password(url: str) -> bool:
    """Whether a server URL carries a password (`user:secret@host` or `?password=`)."""
    parts = urlsplit(url)
    try:
        given = parts.password
    except ValueError:
        given = None
    return bool(given) or any(name.lower() == "password" for name in parse_qs(parts.query, keep_blank_values=True))


def shown(location: str | Path) -> str:
    """A location as messages print it: a server URL without its password, if it carries one."""
    if not isinstance(location, str) or not is_server(location) or not has_password(location):
        return str(location)  # as written (rebuilding `postgresql://?service=x` would drop its `//`)
    parts = urlsplit(location)
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, host = netloc.rpartition("@")
        netloc = f"{userinfo.partition(':')[0]}@{host}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() != "password"]
    return urlunsplit((parts.scheme, netloc, parts.path, urlencode(query), parts.fragment))


def store_problem(url: str, *, in_plan: bool) -> str | None:
    """Why `url` cannot name a store (a message key), or None when it can.

    A URL of another kind than postgresql:// is refused; in the plan, so is one that carries a password.
    """
    if not url.strip():
        return "location.empty"
    if _has_scheme(url) and not is_server(url):
        return "location.scheme"
    if in_plan and is_server(url) and has_password(url):
        return "location.password"
    return None


def plan_store_url(data: Mapping[str, Any]) -> str | None:
    """The plan's `[store] url` as written, or None when the plan names no store (or names it unreadably)."""
    table = data.get(STORE_TABLE)
    url = table.get("url") if isinstance(table, Mapping) else None
    return url if isinstance(url, str) else None


def hashed_content(data: Mapping[str, Any]) -> dict[str, Any]:
    """The plan data its content hash is taken over: everything but `[store]`.

    Where the ledger is kept is not part of what is evaluated: moving a ledger to a
    server (and naming it in the plan) must not make every score, sheet and finalize
    record look as if it was given under another plan. A plan without `[store]` hashes
    exactly as before.
    """
    return {key: value for key, value in data.items() if key != STORE_TABLE}


def _location(value: str, base: Path | None) -> str | Path:
    if is_server(value):
        return value
    path = Path(value).expanduser()
    return path if base is None or path.is_absolute() else base / path


def select_store(
    root: Path,
    plan_url: str | None,
    store: str | None = None,
    *,
    environ: Mapping[str, str] | None = None,
) -> StoreChoice:
    """The store of the workspace at `root`: `store`, else $TOOLBENCH_STORE, else the plan's url, else the file.

    Raises WorkspaceError naming where a location came from when it cannot name a
    store. A plan's url is checked when the plan is read (`parse_plan`); here it is
    checked again, for callers that read the plan without its models.
    """
    env = os.environ if environ is None else environ
    given: list[tuple[Source, str | None]] = [
        ("--store", store),
        ("TOOLBENCH_STORE", env.get(STORE_ENV)),
        ("plan", plan_url),
    ]
    for source, value in given:
        if value is None or (source != "plan" and not value.strip()):
            continue
        problem = store_problem(value, in_plan=source == "plan")
        if problem is not None:
            where = _WHERE[source]
            raise WorkspaceError(problem, where=where, value=shown(value))
        return StoreChoice(_location(value.strip(), root if source == "plan" else None), source)
    return StoreChoice(root / STATE_DIR / LEDGER_FILE, "default")
