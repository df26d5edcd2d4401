"""Write plan data as TOML that reads like a hand-written plan.

tomli-w writes every nested table as its own `[a.b]` section, which turns a
criterion's bilingual name into three sections. Plans read better with small tables
inline (`name = { ja = "…", en = "…" }`), so this writer puts top-level tables and
arrays of tables in sections and everything below them inline. Scalars are
formatted by tomli-w.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import tomli_w

_BARE = re.compile(r"[A-Za-z0-9_-]+")


def _key(name: str) -> str:
    return name if _BARE.fullmatch(name) else tomli_w.dumps({"k": name}).split(" = ", 1)[1].strip()


def _value(value: Any) -> str:
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{_key(str(k))} = {_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return tomli_w.dumps({"v": value}).split(" = ", 1)[1].strip()


def _table_body(table: Mapping[str, Any]) -> list[str]:
    return [f"{_key(str(k))} = {_value(v)}" for k, v in table.items() if v is not None]


def dumps(
    data: Mapping[str, Any],
    *,
    sectioned: tuple[str, ...] = ("scales",),
    subtables: tuple[str, ...] = ("anchors",),
) -> str:
    """TOML text for plan-shaped data.

    Top-level tables become `[name]` sections, arrays of tables `[[name]]` sections;
    top-level maps named in `sectioned` get one `[name.key]` section per entry, and
    members of array entries named in `subtables` get their own `[name.member]`.
    """
    blocks: list[str] = []
    for name, value in data.items():
        section = _key(name)
        if name in sectioned and isinstance(value, Mapping) and value:
            for sub, table in value.items():
                blocks.append("\n".join([f"[{section}.{_key(str(sub))}]", *_table_body(table)]))
        elif isinstance(value, Mapping):
            blocks.append("\n".join([f"[{section}]", *_table_body(value)]))
        elif isinstance(value, list | tuple) and value and all(isinstance(v, Mapping) for v in value):
            for table in value:
                inline = {k: v for k, v in table.items() if not (k in subtables and isinstance(v, Mapping) and v)}
                lines = [f"[[{section}]]", *_table_body(inline)]
                for member in subtables:
                    if member in table and member not in inline:
                        lines += [f"[{section}.{_key(member)}]", *_table_body(table[member])]
                blocks.append("\n".join(lines))
        else:
            blocks.insert(0, f"{section} = {_value(value)}")
    return "\n\n".join(blocks) + "\n"
