"""Spreadsheet cell names, shared by every reader and writer of sheets."""

from __future__ import annotations


def column_letters(column: int) -> str:
    """A spreadsheet column name: 1 → A, 26 → Z, 27 → AA."""
    letters = ""
    while column > 0:
        column, remainder = divmod(column - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters
