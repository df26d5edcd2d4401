"""Messages for the procedure's documents (notices, 審査講評, 選定理由書, the status). Merged into `toolbench.base.i18n.MESSAGES`.

Each pair is (English, Japanese).
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {}
