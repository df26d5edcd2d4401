"""Japanese help of `toolbench fact` (add, list, check, take, retract), keyed as `help.HELP` is; merged into it there."""

from __future__ import annotations

from typing import Final

HELP: Final[dict[str, tuple[str, str]]] = {
    "fact": ("", "候補についての事実（ISMAP、ISMS、Pマーク、LGWAN-ASP、データの保管場所など）を、出典と確認日とともに扱います。"),
}

MESSAGES: Final[dict[str, tuple[str, str]]] = {}
"""Empty: `help.MESSAGES` holds these texts once merged, where the checks of every message table read them."""
