"""Where in a TOML file a key was written, so plan problems can name the line.

tomllib returns plain dicts without positions. This scanner reads the text once and
records the line of every table header and every `key =` it sees, keyed by the same
path a validator reports (``("criteria", 3, "points")``). It understands the subset
of TOML that plans use: tables, arrays of tables, dotted and quoted keys, and
multi-line strings (which it skips). A path it did not see falls back to its nearest
recorded parent, so an inline-table member points at the line of its table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

PathPart = str | int

_KEY_ATOM = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
_DOTTED = rf"{_KEY_ATOM}(?:\s*\.\s*{_KEY_ATOM})*"
_ARRAY_HEADER = re.compile(rf"^\s*\[\[\s*({_DOTTED})\s*\]\]")
_TABLE_HEADER = re.compile(rf"^\s*\[\s*({_DOTTED})\s*\]")
_KEY_LINE = re.compile(rf"^\s*({_DOTTED})\s*=")
_ATOM = re.compile(_KEY_ATOM)


def _split_key(dotted: str) -> list[str]:
    parts = []
    for atom in _ATOM.findall(dotted):
        if atom[:1] in "\"'":
            atom = atom[1:-1]
        parts.append(atom)
    return parts


def _opens_multiline(value: str) -> str | None:
    """The delimiter of a multi-line string that `value` opens and leaves open, if any.

    Walks the value as TOML does: one-line strings and comments are skipped, so a
    lone triple quote inside them opens nothing.
    """
    i = 0
    while i < len(value):
        for delimiter in ('"""', "'''"):
            if value.startswith(delimiter, i):
                close = value.find(delimiter, i + 3)
                if close < 0:
                    return delimiter
                i = close + 3
                break
        else:
            char = value[i]
            if char == "#":
                return None
            if char in "\"'":
                i += 1
                while i < len(value) and value[i] != char:
                    i += 2 if char == '"' and value[i] == "\\" else 1
            i += 1
    return None


class LineIndex:
    """Map from key paths to 1-based line numbers in one TOML text."""

    def __init__(self, text: str) -> None:
        self._lines: dict[tuple[PathPart, ...], int] = {}
        array_counts: dict[tuple[PathPart, ...], int] = {}
        current: tuple[PathPart, ...] = ()
        in_multiline: str | None = None
        # TOML ends lines at \n only (str.splitlines would also split at U+2028 etc.)
        for number, line in enumerate(text.split("\n"), start=1):
            if in_multiline is not None:
                if in_multiline in line:
                    in_multiline = _opens_multiline(line[line.index(in_multiline) + 3 :])
                continue
            header = _ARRAY_HEADER.match(line)
            if header:
                parts = _split_key(header.group(1))
                base = (*self._resolve(parts[:-1], array_counts), parts[-1])
                index = array_counts.get(base, -1) + 1
                array_counts[base] = index
                current = (*base, index)
                self._lines.setdefault(current, number)
                continue
            header = _TABLE_HEADER.match(line)
            if header:
                current = self._resolve(_split_key(header.group(1)), array_counts)
                self._lines.setdefault(current, number)
                continue
            key = _KEY_LINE.match(line)
            if key:
                self._lines.setdefault((*current, *_split_key(key.group(1))), number)
                in_multiline = _opens_multiline(line[key.end() :])

    @staticmethod
    def _resolve(parts: Sequence[str], array_counts: dict[tuple[PathPart, ...], int]) -> tuple[PathPart, ...]:
        """A header's path, with the current index inserted after each array of tables."""
        path: tuple[PathPart, ...] = ()
        for part in parts:
            path = (*path, part)
            if path in array_counts:
                path = (*path, array_counts[path])
        return path

    def line_of(self, path: Sequence[PathPart]) -> int | None:
        """The line where `path` (or its nearest recorded parent) was written."""
        probe = tuple(path)
        while probe:
            if probe in self._lines:
                return self._lines[probe]
            probe = probe[:-1]
        return None


def format_path(path: Sequence[PathPart]) -> str:
    """`("criteria", 3, "points")` → `criteria[3].points`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z0-9_-]+", part):
            out += f".{part}" if out else part
        else:
            out += f'."{part}"' if out else f'"{part}"'
    return out
