"""Messages for inputs. Merged into `toolbench.base.i18n.MESSAGES`."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {}
