"""Where a workspace keeps its files, and how commands find it (like git: walking up)."""

from __future__ import annotations

import os
import sys
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


def user_cache_dir() -> Path:
    """This user's own cache folder for toolbench (`$XDG_CACHE_HOME/toolbench`, `%LOCALAPPDATA%\\toolbench`).

    What is kept here (the snapshot key, verified ledger checkpoints) is trusted
    because nobody else can write it, unlike a workspace on a shared drive.
    """
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        base = Path(os.environ["LOCALAPPDATA"])
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "toolbench"
