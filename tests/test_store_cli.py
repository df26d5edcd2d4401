"""Issue 18: which store a workspace keeps its ledger in, `store init|migrate|grant` and `ledger copy`.

The choice (--store, then TOOLBENCH_STORE, then the plan's [store] url, then the file) is
tested with SQLite files, whose event counts tell them apart, and again with the real
PostgreSQL server at 127.0.0.1:5432, in a database of its own made for each test and
dropped afterwards. No mocks.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from toolbench import SQLiteLedger, Workspace
from toolbench.base.canonical import content_hash
from toolbench.model.location import has_password, select_store, shown
from toolbench.model.plan import load_plan, parse_toml_text

SERVER = "127.0.0.1:5432"
ADMIN_URL = f"postgresql://postgres@{SERVER}/test"
PLAN_HASH = "c" * 64


def _ledger_with(path: Path, events: int) -> Path:
    """A SQLite ledger of `events` notes: the count says which store a command read."""
    with SQLiteLedger(path, create=True) as ledger:
        for n in range(events):
            ledger.append("test.note", {"n": n}, actor="tester", plan_hash=PLAN_HASH)
    return path


def _name_store(root: Path, url: str) -> None:
    plan = root / "toolbench.toml"
    plan.write_text(plan.read_text(encoding="utf-8") + f'\n[store]\nurl = "{url}"\n', encoding="utf-8")


def _verified(result: Result) -> str:
    """What `audit verify` printed, checked to have succeeded."""
    assert result.exit_code == 0, result.output
    return result.stdout


def _one_line_error(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("toolbench: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


# --- choosing the store ------------------------------------------------------------------------


def test_store_option_then_environment_then_plan_then_file(
    demo: Workspace, tmp_path: Path, run: Callable[..., Result]
) -> None:
    root = demo.root
    demo.close()
    in_plan = _ledger_with(root / "in-plan.sqlite", 1)
    in_env = _ledger_with(tmp_path / "in-env.sqlite", 2)
    in_option = _ledger_with(tmp_path / "in-option.sqlite", 3)
    verify = ("-C", str(root), "--lang", "en", "audit", "verify")
    no_env = {"TOOLBENCH_STORE": None}  # type: ignore[dict-item]

    assert "78 event(s)" in _verified(run(*verify, env=no_env))
    _name_store(root, "in-plan.sqlite")  # a relative path in the plan is read from the workspace folder
    assert "1 event(s)" in _verified(run(*verify, env=no_env))
    assert "2 event(s)" in _verified(run(*verify, env={"TOOLBENCH_STORE": str(in_env)}))
    option = ("-C", str(root), "--lang", "en", "--store", str(in_option), "audit", "verify")
    assert "3 event(s)" in _verified(run(*option, env={"TOOLBENCH_STORE": str(in_env)}))
    assert "3 event(s)" in _verified(run(*option, env=no_env))
    assert in_plan.exists()


def test_the_option_is_restored_after_the_command(demo: Workspace, tmp_path: Path, run: Callable[..., Result]) -> None:
    import os

    other = _ledger_with(tmp_path / "other.sqlite", 2)
    before = os.environ.get("TOOLBENCH_STORE")
    assert "2 event(s)" in _verified(
        run("-C", str(demo.root), "--lang", "en", "--store", str(other), "audit", "verify")
    )
    assert os.environ.get("TOOLBENCH_STORE") == before


def test_the_selection_as_a_function(tmp_path: Path) -> None:
    file = tmp_path / ".toolbench" / "ledger.sqlite"
    assert select_store(tmp_path, None, environ={}) == (file, "default")
    assert select_store(tmp_path, "x.sqlite", environ={}) == (tmp_path / "x.sqlite", "plan")
    assert select_store(tmp_path, "x.sqlite", environ={"TOOLBENCH_STORE": "postgresql://h/db"}).source == (
        "TOOLBENCH_STORE"
    )
    assert select_store(tmp_path, "x.sqlite", "y.sqlite", environ={"TOOLBENCH_STORE": "z"}) == (
        Path("y.sqlite"),
        "--store",
    )
    assert select_store(tmp_path, None, environ={"TOOLBENCH_STORE": "  "}).source == "default"
    assert has_password("postgresql://u:secret@h/db") and has_password("postgresql://h/db?password=secret")
    assert not has_password("postgresql://u@h/db?sslmode=require")
    assert "secret" not in shown("postgresql://u:secret@h/db?password=secret&sslmode=require")
    assert shown("postgresql://?service=hyoka") == "postgresql://?service=hyoka"  # as written when nothing is hidden


def test_a_plan_without_a_store_hashes_as_before_and_a_store_changes_no_hash(demo: Workspace) -> None:
    path = demo.root / "toolbench.toml"
    text = path.read_text(encoding="utf-8")
    before = load_plan(path)
    assert before.store is None
    assert before.hash == content_hash(parse_toml_text(text, str(path)))  # exactly the hash of the whole content
    _name_store(demo.root, "postgresql://db.example.lg.jp/toolbench")
    after = load_plan(path)
    assert after.store is not None and after.store.url == "postgresql://db.example.lg.jp/toolbench"
    assert after.hash == before.hash  # where the ledger is kept is not what is evaluated


@pytest.mark.parametrize(
    "url", ["postgresql://aoki:secret@db.example.lg.jp/toolbench", "postgres://db.example.lg.jp/tb?password=secret"]
)
def test_a_password_in_the_plan_is_refused(demo: Workspace, url: str, run: Callable[..., Result]) -> None:
    demo.close()
    _name_store(demo.root, url)
    for args in (("matrix",), ("audit", "verify"), ("store", "init")):
        line = _one_line_error(run("-C", str(demo.root), "--lang", "en", *args))
        assert "store.url" in line and "password" in line and "~/.pgpass" in line and "PGSERVICE" in line
        assert "secret" not in line
    line = _one_line_error(run("-C", str(demo.root), "--lang", "ja", "matrix"))
    assert "store.url" in line and "パスワード" in line


@pytest.mark.parametrize("value", ["mysql://db.example.lg.jp/toolbench", "https://db.example.lg.jp/"])
def test_a_store_of_another_kind_is_refused(demo: Workspace, value: str, run: Callable[..., Result]) -> None:
    line = _one_line_error(run("-C", str(demo.root), "--lang", "en", "--store", value, "audit", "verify"))
    assert "--store" in line and "postgresql://" in line


def test_a_missing_store_file_is_named_with_what_named_it(
    demo: Workspace, tmp_path: Path, run: Callable[..., Result]
) -> None:
    missing = tmp_path / "nowhere.sqlite"
    line = _one_line_error(run("-C", str(demo.root), "--lang", "en", "--store", str(missing), "matrix"))
    assert str(missing) in line and "--store" in line and "ledger copy --to" in line
    assert not missing.exists()
    assert run("-C", str(demo.root), "--store", "", "matrix").exit_code == 2


def test_the_kept_matrix_follows_the_store(demo: Workspace, tmp_path: Path, run: Callable[..., Result]) -> None:
    """A matrix kept for one store is never shown for another: the key is the chosen store's head."""
    root = str(demo.root)
    demo.close()
    first = run("-C", root, "matrix", "--format", "json", "--no-detail")
    assert first.exit_code == 0
    copy = tmp_path / "copy.sqlite"
    assert run("-C", root, "ledger", "copy", "--to", str(copy)).exit_code == 0
    changed = run(
        "-C", root, "--store", str(copy), "score", "kamiscan", "--evaluator", "aoki", "accuracy=1", "--reason", "再確認"
    )
    assert changed.exit_code == 0, changed.output
    elsewhere = run("-C", root, "--store", str(copy), "matrix", "--format", "json", "--no-detail")
    assert elsewhere.exit_code == 0
    assert json.loads(elsewhere.stdout)["ledger_head"] != json.loads(first.stdout)["ledger_head"]
    again = run("-C", root, "matrix", "--format", "json", "--no-detail")
    assert again.stdout == first.stdout


# --- ledger copy between SQLite files ----------------------------------------------------------------


def test_ledger_copy_keeps_every_hash_and_refuses_a_non_empty_target(
    demo: Workspace, tmp_path: Path, run: Callable[..., Result]
) -> None:
    root = str(demo.root)
    demo.close()
    head = _verified(run("-C", root, "--lang", "en", "audit", "verify"))
    target = tmp_path / "copy.sqlite"
    copied = run("-C", root, "--lang", "en", "ledger", "copy", "--to", str(target))
    assert copied.exit_code == 0, copied.output
    assert "copied 78 event(s)" in copied.stdout
    full_hash = SQLiteLedger(target).head()
    assert full_hash is not None and copied.stdout.count(full_hash.hash) == 2  # the head on both sides
    assert _verified(run("-C", root, "--lang", "en", "--store", str(target), "audit", "verify")) == head

    again = _one_line_error(run("-C", root, "--lang", "en", "ledger", "copy", "--to", str(target)))
    assert str(target) in again or "copy.sqlite" in again
    same = _one_line_error(
        run("-C", root, "--lang", "en", "--store", str(target), "ledger", "copy", "--to", str(target))
    )
    assert "--to" in same
    nowhere = _one_line_error(
        run("-C", root, "--lang", "en", "ledger", "copy", "--to", str(tmp_path / "no" / "x.sqlite"))
    )
    assert "--to" in nowhere and not (tmp_path / "no").exists()


def test_store_commands_refuse_what_they_cannot_use(demo: Workspace, run: Callable[..., Result]) -> None:
    root = str(demo.root)
    line = _one_line_error(run("-C", root, "--lang", "en", "store", "grant", "nobody_login", "nobody"))
    assert "EVALUATOR" in line and "nobody" in line and "aoki" in line and "[[evaluators]]" in line
    line = _one_line_error(run("-C", root, "--lang", "en", "store", "init"))  # the workspace keeps a file
    assert "store init" in line and "postgresql://" in line
    line = _one_line_error(run("-C", root, "--lang", "en", "store", "migrate", "mysql://h/db"))
    assert "URL" in line and "postgresql://" in line


# --- the real PostgreSQL server ----------------------------------------------------------------------


def _admin() -> Any:
    psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (pip install -e '.[postgresql]')")
    try:
        return psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        pytest.skip(f"no PostgreSQL server at {SERVER} to test against ({str(error).strip()[:120]})")


class Server:
    """Databases and login roles made for one test on the real server; every one is dropped afterwards."""

    def __init__(self, admin: Any) -> None:
        self.admin = admin
        self.databases: list[str] = []

    def database(self) -> str:
        """The URL of a new, empty database."""
        name = f"toolbench_cli_{secrets.token_hex(6)}"
        self.admin.execute(f'CREATE DATABASE "{name}"')
        self.databases.append(name)
        return f"postgresql://postgres@{SERVER}/{name}"

    def role(self, url: str, login: str) -> str:
        """A login role for the database at `url`, named after it so that it is dropped with it."""
        name = f"{url.rsplit('/', 1)[1]}_{login}"
        self.admin.execute(f'CREATE ROLE "{name}" LOGIN')
        return name

    def drop(self) -> None:
        """Each database, then its roles: the store's group roles and the logins made here (`<database>_…`)."""
        for name in self.databases:
            self.admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            pattern = name.replace("_", "\\_") + "\\_%"
            for (role,) in self.admin.execute(
                "SELECT rolname FROM pg_roles WHERE rolname LIKE %s", (pattern,)
            ).fetchall():
                self.admin.execute(f'DROP ROLE IF EXISTS "{role}"')


@pytest.fixture()
def server() -> Iterator[Server]:
    pytest.importorskip("toolbench.store.postgres", reason="the PostgreSQL store is not part of this toolbench yet")
    made = Server(_admin())
    try:
        yield made
    finally:
        try:
            made.drop()
        finally:
            made.admin.close()


def _plan_text(demo: Workspace) -> str:
    text = (demo.root / "toolbench.toml").read_text(encoding="utf-8")
    assert 'source = "hearings"' in text
    return text.replace('source = "hearings"', 'source = "fixed"')  # no hearings needed for the points


SCORES = [
    ("kamiscan", "aoki", "accuracy=4", "handwriting=3", "ease-of-use=5"),
    ("kamiscan", "ishii", "accuracy=5", "handwriting=4"),
    ("alpha-reader", "aoki", "accuracy=3", "ease-of-use=2"),
    ("formeye", "ishii", "accuracy=2", "handwriting=5", "ease-of-use=4"),
]


def _same_matrix(result: Result) -> dict[str, Any]:
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    data.pop("ledger_head")  # each ledger's own (its events' times differ)
    return dict(data)


def test_a_workspace_on_postgresql_gives_the_matrix_sqlite_gives(
    demo: Workspace, tmp_path: Path, server: Server, run: Callable[..., Result]
) -> None:
    url = server.database()
    on_file, on_server = tmp_path / "on-file", tmp_path / "on-server"
    for folder in (on_file, on_server):
        folder.mkdir()
        (folder / "toolbench.toml").write_text(_plan_text(demo), encoding="utf-8")
    assert run("init", str(on_file), "--existing-plan").exit_code == 0
    _name_store(on_server, url)
    made = run("-C", str(on_server), "--lang", "en", "store", "init")  # the URL from the plan
    assert made.exit_code == 0, made.output
    assert made.stdout.strip() and "applied" in made.stdout
    assert not (on_server / ".toolbench" / "ledger.sqlite").exists()

    for folder in (on_file, on_server):
        for tool, evaluator, *levels in SCORES:
            scored = run("-C", str(folder), "score", tool, "--evaluator", evaluator, *levels)
            assert scored.exit_code == 0, scored.output
    assert not (on_server / ".toolbench" / "ledger.sqlite").exists()  # every score went to the server
    matrices = [
        _same_matrix(run("-C", str(f), "matrix", "--format", "json", "--no-detail")) for f in (on_file, on_server)
    ]
    assert matrices[0] == matrices[1]
    again = _same_matrix(run("-C", str(on_server), "matrix", "--format", "json", "--no-detail"))  # the kept one
    assert again == matrices[1]
    for folder in (on_file, on_server):
        assert "10 event(s)" in _verified(run("-C", str(folder), "--lang", "en", "audit", "verify"))
    # a server that is already set up applies nothing
    assert "up to date" in run("-C", str(on_server), "--lang", "en", "store", "init").stdout


def test_ledger_copy_sqlite_to_postgresql_and_back_keeps_every_hash(
    demo: Workspace, tmp_path: Path, server: Server, run: Callable[..., Result]
) -> None:
    root = str(demo.root)
    demo.close()
    url = server.database()
    assert run("store", "init", url).exit_code == 0
    head = _verified(run("-C", root, "--lang", "en", "audit", "verify"))

    to_server = run("-C", root, "--lang", "en", "ledger", "copy", "--to", url)
    assert to_server.exit_code == 0, to_server.output
    assert "copied 78 event(s)" in to_server.stdout
    assert _verified(run("-C", root, "--lang", "en", "--store", url, "audit", "verify")) == head

    back = tmp_path / "back.sqlite"
    from_server = run("-C", root, "--lang", "en", "--store", url, "ledger", "copy", "--to", str(back))
    assert from_server.exit_code == 0, from_server.output
    assert _verified(run("-C", root, "--lang", "en", "--store", str(back), "audit", "verify")) == head
    file_head, back_head = SQLiteLedger(demo.root / ".toolbench" / "ledger.sqlite").head(), SQLiteLedger(back).head()
    assert file_head is not None and back_head is not None and file_head.hash == back_head.hash

    line = _one_line_error(run("-C", root, "--lang", "en", "ledger", "copy", "--to", url))  # not empty any more
    assert "Traceback" not in line
    assert _verified(run("-C", root, "--lang", "en", "--store", url, "audit", "verify")) == head


def test_store_grant_maps_a_role_and_refuses_an_unknown_evaluator(
    demo: Workspace, server: Server, run: Callable[..., Result]
) -> None:
    url = server.database()
    root = str(demo.root)
    assert run("store", "init", url).exit_code == 0
    line = _one_line_error(run("-C", root, "--lang", "en", "store", "grant", "someone_login", "someone", url))
    assert "EVALUATOR" in line and "someone" in line
    role = server.role(url, "aoki_login")
    granted = run("-C", root, "--lang", "en", "store", "grant", role, "aoki", url)
    assert granted.exit_code == 0, granted.output
    assert role in granted.stdout and "aoki" in granted.stdout


def test_an_evaluators_login_may_record_only_their_own_scores(
    demo: Workspace, server: Server, run: Callable[..., Result]
) -> None:
    """What docs/store.md promises, through the command line: the server refuses another evaluator's score."""
    root = str(demo.root)
    demo.close()
    url = server.database()
    assert run("store", "init", url).exit_code == 0
    assert run("-C", root, "ledger", "copy", "--to", url).exit_code == 0
    role = server.role(url, "aoki_login")
    assert run("-C", root, "store", "grant", role, "aoki", url).exit_code == 0
    as_aoki = url.replace("postgresql://postgres@", f"postgresql://{role}@")

    def score(evaluator: str) -> Result:
        options = ("--evaluator", evaluator, "--reason", "re-read")
        return run("-C", root, "--lang", "en", "--store", as_aoki, "score", "kamiscan", "accuracy=2", *options)

    own = score("aoki")
    assert own.exit_code == 0, own.output
    line = _one_line_error(score("ishii"))
    assert role in line and "aoki" in line
    assert "79 event(s)" in _verified(run("-C", root, "--lang", "en", "--store", url, "audit", "verify"))
