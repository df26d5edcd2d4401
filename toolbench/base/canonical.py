"""The canonical form of plan data, and its hash.

Kept apart from the pydantic models so that a quick check ("has the plan changed?")
does not have to load them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from toolbench.base.numbers import plain


def canonical(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    if isinstance(value, bool):
        return value
    if isinstance(value, int | Decimal):
        # 20, 20.0 and Decimal("20.00") are the same points: hash them alike.
        return plain(Decimal(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def content_hash(data: Mapping[str, Any]) -> str:
    """SHA-256 over the canonical JSON of the plan's data: formatting and comments do not count.

    Keys are sorted, so the order of keys in a table is formatting; but the order of
    groups and of a scale's levels is what reports show, so it is hashed as well.
    """
    groups = data.get("groups")
    scales = data.get("scales")
    order = {
        "groups": list(groups) if isinstance(groups, Mapping) else [],
        "levels": {
            str(name): list(scale["ratios"])
            for name, scale in (scales.items() if isinstance(scales, Mapping) else [])
            if isinstance(scale, Mapping) and isinstance(scale.get("ratios"), Mapping)
        },
    }
    content = {"plan": canonical(data), "order": order}
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
