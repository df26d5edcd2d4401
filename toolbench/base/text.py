"""Free text people type (reasons, comments, notes, names of who recorded): what the record accepts.

A reason is kept for good in an append-only ledger and printed in documents that are
filed, so text that would break a document or fool a reader is refused at the door:

- control characters other than line feed and tab (a vertical tab pasted from Excel,
  ESC starting a terminal escape sequence, NUL);
- bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C), which
  can make text read in a different order than it is stored (CVE-2021-42574);
- more than `TEXT_MAX` characters, the most one spreadsheet cell holds.

Square brackets and other markup are ordinary text: they are accepted, and every
writer shows them as typed (`toolbench.base.display`).
"""

from __future__ import annotations

import re
from typing import Final

from toolbench.base.errors import ToolbenchError

TEXT_MAX: Final = 32_767
"""The longest text one spreadsheet cell holds (Excel's limit), so every stored text can be printed whole."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class TextError(ToolbenchError):
    """Free text the record does not accept; nothing was recorded."""


def text_problem(value: str) -> tuple[str, dict[str, object]] | None:
    """Why `value` cannot be recorded as free text (a message key and its fields), or None if it can."""
    if len(value) > TEXT_MAX:
        return "text.too_long", {"length": len(value), "limit": TEXT_MAX}
    for pattern, key in ((_CONTROL, "text.control"), (_BIDI, "text.bidi")):
        found = pattern.search(value)
        if found:
            return key, {"code": f"U+{ord(found.group()):04X}", "position": found.start() + 1}
    return None


def check_text(value: str, field: str) -> str:
    """`value` unchanged if the record accepts it; else TextError naming the field, the character and its place."""
    problem = text_problem(value)
    if problem is not None:
        key, params = problem
        raise TextError(key, field=field, **params)
    return value
