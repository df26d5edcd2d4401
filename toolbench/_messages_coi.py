"""Messages for conflicts of interest, locking, blind scoring and sealed prices. Merged into `_i18n.MESSAGES`."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {}
