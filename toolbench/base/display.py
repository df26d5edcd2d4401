"""Stored text made safe to show: what every writer does to free text before it lays it out.

The record keeps text exactly as it was recorded, and an older ledger, a plan or a
catalog entry may hold what the door (`toolbench.base.text`) now refuses. Whatever is
stored, a document shows it as characters people can read, never as instructions to
the device showing it:

- control characters other than line feed and tab (ESC opening a terminal escape
  sequence or an OSC 8 link, a vertical tab pasted from Excel, NUL, DEL, the C1 range
  including CSI U+009B), written as `\\x1b`, `\\x0b`, `\\x9b`;
- bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C), which
  make text read in another order than it is stored (CVE-2021-42574), written as
  `\\u202e`; likewise the line and paragraph separators U+2028/U+2029, lone surrogates
  and the non-characters U+FFFE/U+FFFF, which no XML file (XLSX) can hold.

Every other character, markup included (`[/x]`, `<script>`, `|`), is left as it is:
each writer makes it inert in its own format (rich `Text`, HTML escaping, Markdown
escaping, CSV neutralising). The stored data is never changed: this makes a copy to
show. `displayable` is idempotent, so showing shown text changes nothing.
"""

from __future__ import annotations

import re
from typing import Final

UNSAFE: Final = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
"""Every character a document shows as an escape instead of itself (line feed and tab are kept)."""


def escape_of(char: str) -> str:
    """The visible form of one character: `\\x1b` below U+0100, else `\\u202e`."""
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def displayable(text: str) -> str:
    """`text` with every control, bidi and other invisible or unstorable character written visibly.

    >>> displayable("a\\x1b[2Jb\\u202ec")
    'a\\\\x1b[2Jb\\\\u202ec'
    """
    if UNSAFE.search(text) is None:
        return text
    return UNSAFE.sub(lambda found: escape_of(found.group()), text)
