"""What the benchmark scripts share (they run as scripts: `python benchmarks/NAME.py`)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path


def toolbench_command() -> list[str]:
    """How to run the installed toolbench: the venv's script, the one on PATH, else `python -m toolbench`."""
    script = Path(sys.executable).with_name("toolbench")
    if script.exists():
        return [str(script)]
    found = shutil.which("toolbench")
    return [found] if found else [sys.executable, "-m", "toolbench"]
