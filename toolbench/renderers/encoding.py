"""CSV text to bytes in the encoding Japanese Excel expects.

UTF-8 gets a byte-order mark, without which Japanese Excel reads the file as CP932
and shows mojibake. CP932 (Windows-31J, what Excel and many municipal systems use)
has no BOM. Python's cp932 codec maps a few characters one way only: 〜 (U+301C WAVE
DASH) is written as the byte pair that reads back as ～ (U+FF5E), − (U+2212) as －
(U+FF0D), ¬ as ￢. Those count as characters CP932 cannot take, like an emoji: the
text is never changed silently. Every such character is reported by its row and
column in the spreadsheet (1-based, and as a cell name like C7).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Final

from toolbench.base.cells import column_letters
from toolbench.base.errors import OutputError
from toolbench.base.i18n import Lang, translate

ENCODINGS: Final = ("utf-8", "cp932")
BOM: Final = "\ufeff".encode()
SHOWN: Final = 5
"""How many offending cells an error names before it says how many more there are."""


@dataclass(frozen=True)
class BadCharacter:
    """One character that an encoding cannot carry, and where it stands in the sheet."""

    row: int
    column: int
    char: str
    becomes: str | None = None
    """What the character would read back as, when the codec maps it to another one."""

    @property
    def cell(self) -> str:
        return f"{column_letters(self.column)}{self.row}"

    def describe(self, lang: Lang) -> str:
        fields: dict[str, object] = {
            "row": self.row,
            "column": self.column,
            "cell": self.cell,
            "char": self.char,
            "code": f"{ord(self.char):04X}",
        }
        if self.becomes is None:
            return translate("encoding.cell", lang, **fields)
        becomes_code = " U+".join(f"{ord(c):04X}" for c in self.becomes)
        return translate("encoding.cell_changed", lang, becomes=self.becomes, becomes_code=becomes_code, **fields)


class UnencodableText(OutputError):
    """Text holds characters the chosen encoding cannot write exactly; `characters` says where."""

    def __init__(self, encoding: str, characters: list[BadCharacter], name: str | None = None) -> None:
        self.encoding = encoding
        self.characters = characters
        self.name = name
        super().__init__("encoding.unencodable")

    def message(self, lang: Lang = "en") -> str:
        shown = "; ".join(c.describe(lang) for c in self.characters[:SHOWN])
        hidden = len(self.characters) - SHOWN
        return translate(
            "encoding.unencodable",
            lang,
            where=f"{self.name}: " if self.name else "",
            count=len(self.characters),
            encoding=self.encoding,
            cells=shown,
            more=translate("encoding.more", lang, count=hidden) if hidden > 0 else "",
        )


def check_encoding(encoding: str) -> str:
    """The encoding if toolbench writes CSV in it, else OutputError naming the choices."""
    if encoding not in ENCODINGS:
        raise OutputError("encoding.unknown", encoding=encoding)
    return encoding


def _exact(char: str, encoding: str) -> str | None:
    """None when `char` survives the encoding unchanged, else what it reads back as ('' if unwritable)."""
    try:
        back = char.encode(encoding).decode(encoding)
    except UnicodeError:
        return ""
    return None if back == char else back


def find_unencodable(text: str, encoding: str) -> list[BadCharacter]:
    """Every character of the CSV `text` that `encoding` cannot write exactly, by row and column."""
    verdicts: dict[str, str | None] = {}
    found: list[BadCharacter] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    for row_number, record in enumerate(reader, start=1):
        for column_number, field in enumerate(record, start=1):
            for char in field:
                if char not in verdicts:
                    verdicts[char] = _exact(char, encoding)
                becomes = verdicts[char]
                if becomes is not None:
                    found.append(BadCharacter(row_number, column_number, char, becomes or None))
    return found


def encode_csv(text: str, encoding: str = "utf-8", *, name: str | None = None) -> bytes:
    """CSV text as bytes: UTF-8 with BOM, or CP932 exactly (UnencodableText otherwise).

    `name` (a file name) goes into the error, for reports that write several files.
    """
    check_encoding(encoding)
    if encoding == "utf-8":
        return BOM + text.encode("utf-8")
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = None
    if data is not None and data.decode(encoding) == text:
        return data
    characters = find_unencodable(text, encoding)
    if not characters:  # outside every field (cannot happen with csv.writer output); report by line
        characters = [
            BadCharacter(line_number, column_number, char, _exact(char, encoding) or None)
            for line_number, line in enumerate(text.splitlines(), start=1)
            for column_number, char in enumerate(line, start=1)
            if _exact(char, encoding) is not None
        ]
    raise UnencodableText(encoding, characters, name)
