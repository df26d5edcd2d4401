"""Messages for the fairness part, merged into `_i18n.MESSAGES` (key: (English, Japanese))."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {}
