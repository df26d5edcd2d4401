"""The price families of Japanese public procurement, named once.

A plain module with no pydantic, so that documents and renderers can ask about a
family without loading the plan models; `methods.pricing` holds every formula and rule.
"""

from __future__ import annotations

from typing import Literal, get_args

PriceFamily = Literal["lowest_ratio", "addition", "division", "ordinal", "none"]
PRICE_FAMILIES: tuple[PriceFamily, ...] = get_args(PriceFamily)
"""Every price family, once; `methods.pricing` holds their formulas."""
PRICE_POINT_FAMILIES: tuple[PriceFamily, ...] = ("lowest_ratio", "addition", "ordinal")
"""Families whose price criterion carries points; under the others (division, none) it has none."""
