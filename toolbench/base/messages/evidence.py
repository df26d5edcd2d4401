"""Messages for trial evidence published to other cities and pulled from them. Merged into `toolbench.base.i18n.MESSAGES`. Each pair is (English, Japanese)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {}
