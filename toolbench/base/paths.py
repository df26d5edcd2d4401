"""Where a workspace keeps its files, and how commands find it (like git: walking up)."""

from __future__ import annotations

from pathlib import Path

from toolbench.base.errors import WorkspaceError

PLAN_FILE = "toolbench.toml"
STATE_DIR = ".toolbench"
LEDGER_FILE = "ledger.sqlite"


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` that holds a plan."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / PLAN_FILE).is_file():
            return folder
    raise WorkspaceError("workspace.not_found", start=str(start))
