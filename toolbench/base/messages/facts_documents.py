"""Messages for documents about facts (the facts list, fact cells and flags in the matrix). Merged into `toolbench.base.i18n.MESSAGES`. Each pair is (English, Japanese)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {}
