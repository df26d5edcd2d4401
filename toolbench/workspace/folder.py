"""Creating and opening a workspace folder, and the rubrics a new one starts from.

A workspace folder holds the plan (`toolbench.toml`) and, unless the plan, `--store` or
`TOOLBENCH_STORE` names another store (a PostgreSQL server, `toolbench.model.location`),
the ledger (`.toolbench/ledger.sqlite`). These functions find, create or adopt one and
hand back its root, plan and ledger; `Workspace` wraps what they return.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from toolbench.base import toml_write
from toolbench.base.errors import WorkspaceError
from toolbench.base.files import atomic_write
from toolbench.base.paths import PLAN_FILE, STATE_DIR, find_root
from toolbench.model.location import StoreChoice, select_store, shown
from toolbench.model.plan import (
    Department,
    Evaluator,
    Plan,
    Tool,
    is_slug,
    load_plan,
    parse_plan,
    parse_toml_text,
    read_toml,
)
from toolbench.store import open_ledger
from toolbench.store.ledger import DEFAULT_WAIT_SECONDS, Ledger

__all__ = ["Folder", "create", "open_folder", "plan_of", "rubric_data", "rubric_names", "start_ledger", "store_of"]


_PLAN_HEADER = """\
# toolbench evaluation plan (評価計画). Every key is described in docs/plan.md.
# Criteria and points should be settled before scoring starts; every score in the
# ledger records the hash of the plan it was given under.
"""

_TOOLS_TEMPLATE = """
# --- Candidates: fill these in, or start with `toolbench init --tools ID,ID` ----
# [[tools]]
# id = "tool-a"                      # letters, digits, - _ . (no spaces or /)
# name = "製品名 / product name"
# vendor = "株式会社○○"
# maker = "○○株式会社"                # optional
# resellers = ["△△株式会社"]          # optional
# price = { amount = 1200000, tax = "included", basis = "5年総額" }
"""

_PEOPLE_TEMPLATE = """
# --- Evaluators and departments: fill these in ----------------------------------
# [[evaluators]]
# id = "e1"
# name = "評価委員A"
# affiliations = ["○○市 デジタル推進課"]
#
# [[departments]]
# id = "tax"
# name = { ja = "税務課", en = "Taxation Division" }
"""


class Folder(NamedTuple):
    """A workspace folder as found or made: its root, its plan and its open ledger."""

    root: Path
    plan: Plan
    ledger: Ledger


def rubric_names() -> list[str]:
    """The rubrics shipped in the package's `scoring/` folder."""
    folder = resources.files("toolbench._data.scoring")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))


def rubric_data(name: str) -> dict[str, Any]:
    """A shipped rubric's plan data (evaluation defaults, groups, scales, criteria)."""
    if not is_slug(name) or name not in rubric_names():
        raise WorkspaceError("rubric.unknown", name=name, known=", ".join(rubric_names()))
    with resources.as_file(resources.files("toolbench._data.scoring") / f"{name}.toml") as path:
        data, _ = read_toml(path)
    return data


def store_of(root: Path, plan: Plan, store: str | None = None) -> StoreChoice:
    """Where the ledger of the workspace at `root` is kept: `store`, $TOOLBENCH_STORE, the plan's, else the file."""
    return select_store(root, plan.store.url if plan.store is not None else None, store)


def _new_ledger(root: Path, choice: StoreChoice) -> Ledger:
    """A new ledger for a workspace; refuses to adopt one that already holds events.

    A server's ledger is the one `toolbench store init` made there; a file is made here.
    """
    if choice.source == "default":
        try:
            (root / STATE_DIR).mkdir(parents=True, exist_ok=True)
        except OSError as error:
            reason = error.strerror or str(error)
            raise WorkspaceError("workspace.cannot_write", path=str(root / STATE_DIR), reason=reason) from None
    ledger = open_ledger(choice.location, create=not choice.server)
    head = ledger.head()
    if head is not None:
        ledger.close()
        raise WorkspaceError("workspace.ledger_exists", path=str(choice), count=head.seq)
    return ledger


def _as_data(items: Iterable[Tool | Evaluator | Department]) -> list[dict[str, Any]]:
    return [
        {"id": item.id} | item.model_dump(mode="python", exclude_none=True, exclude_defaults=True) for item in items
    ]


def create(
    path: str | Path,
    *,
    rubric: str = "ai-ocr",
    evaluation: Mapping[str, Any] | None = None,
    tools: Sequence[Tool] = (),
    evaluators: Sequence[Evaluator] = (),
    departments: Sequence[Department] = (),
    extra: Mapping[str, Any] | None = None,
    store: str | None = None,
) -> Folder:
    """Write a plan from a shipped rubric (with overrides and entries) and start its ledger.

    `extra` adds or replaces top-level plan tables (e.g. `stakeholders`, `weights`).
    The plan is validated before anything is written; an existing plan is never
    overwritten. The ledger is started where `store_of` says.
    """
    root = Path(path)
    if root.exists() and not root.is_dir():
        raise WorkspaceError("workspace.not_dir", path=str(root))
    plan_path = root / PLAN_FILE
    if plan_path.exists():
        raise WorkspaceError("workspace.exists", path=str(root))
    data = rubric_data(rubric)
    if evaluation:
        data["evaluation"] = {**data.get("evaluation", {}), **evaluation}
    for key, items in (("tools", tools), ("evaluators", evaluators), ("departments", departments)):
        if items:
            data[key] = _as_data(items)
    data.update(extra or {})
    text = _PLAN_HEADER + "\n" + toml_write.dumps(data)
    if not tools:
        text += _TOOLS_TEMPLATE
    if not evaluators:
        text += _PEOPLE_TEMPLATE
    # Validate exactly what will be on disk, so the plan hash recorded in events is
    # the one every later `open` computes.
    plan = parse_plan(parse_toml_text(text, str(plan_path)), file=str(plan_path), text=text)
    ledger = _new_ledger(root, store_of(root, plan, store))
    try:
        atomic_write(plan_path, text)
    except OSError as error:
        ledger.close()
        reason = error.strerror or str(error)
        raise WorkspaceError("workspace.cannot_write", path=str(plan_path), reason=reason) from None
    return Folder(root, plan, ledger)


def start_ledger(path: str | Path, *, store: str | None = None) -> Folder:
    """Give an existing plan (e.g. copied from version control) a new, empty ledger where `store_of` says."""
    root = Path(path)
    plan = load_plan(root / PLAN_FILE)
    return Folder(root.resolve(), plan, _new_ledger(root, store_of(root, plan, store)))


def plan_of(path: str | Path | None = None, *, search_parents: bool = True) -> tuple[Path, Plan]:
    """The root and plan of the workspace at `path` (or the nearest above it), its ledger left unopened."""
    start = Path(path) if path is not None else Path.cwd()
    if search_parents:
        root = find_root(start)
    elif (start / PLAN_FILE).is_file():
        root = start.resolve()
    else:
        raise WorkspaceError("workspace.not_found", start=str(start))
    return root, load_plan(root / PLAN_FILE)


def open_folder(
    path: str | Path | None = None,
    *,
    search_parents: bool = True,
    wait_seconds: float = DEFAULT_WAIT_SECONDS,
    store: str | None = None,
) -> Folder:
    """The workspace at `path` (default: the current folder) or the nearest one above it.

    Its ledger is the one `store_of` names: `store`, $TOOLBENCH_STORE, the plan's
    `[store] url`, else `.toolbench/ledger.sqlite`.
    """
    root, plan = plan_of(path, search_parents=search_parents)
    choice = store_of(root, plan, store)
    if isinstance(choice.location, Path) and not choice.location.is_file():
        # Never start an empty ledger silently: that would hide lost scores.
        if choice.source == "default":
            raise WorkspaceError("workspace.no_ledger", path=str(choice.location), root=str(root))
        raise WorkspaceError("location.no_ledger", path=shown(choice.location), where=choice.named_by)
    return Folder(root, plan, open_ledger(choice.location, wait_seconds=wait_seconds))
