"""Messages for importing the lists registries publish (ISMAP, ASPIC …) as facts. Merged into `toolbench.base.i18n.MESSAGES`. Each pair is (English, Japanese)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {}
