"""The shipped catalog of candidate products (`catalog/*.toml`, installed as toolbench.catalog).

An entry holds only facts that are public and stable (name, vendor, category, page).
Nothing in it is a score or a claim about quality.
"""

from __future__ import annotations

from importlib import resources

from pydantic import Field

from .plan import LocalText, Slug, _Model, parse_toml_text


class CatalogEntry(_Model):
    """One product that a municipality might evaluate."""

    id: Slug
    name: str
    vendor: str
    maker: str | None = None
    category: Slug
    url: str | None = None
    description: LocalText | None = None
    tags: list[str] = Field(default_factory=list)


def catalog_entries() -> list[CatalogEntry]:
    """Every shipped catalog entry, validated, ordered by id."""
    folder = resources.files("toolbench.catalog")
    entries = []
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".toml"):
            data = parse_toml_text(item.read_text(encoding="utf-8"), f"catalog/{item.name}")
            entries.append(CatalogEntry.model_validate(data))
    return entries
