"""Japanese help of `toolbench trials publish` and pulled evidence, keyed as `help.HELP` is; merged into it there."""

from __future__ import annotations

from typing import Final

HELP: Final[dict[str, tuple[str, str]]] = {}

MESSAGES: Final[dict[str, tuple[str, str]]] = {}
"""Empty: `help.MESSAGES` holds these texts once merged, where the checks of every message table read them."""
