"""The catalog of candidate products: shipped, pulled from other cities, and the workspace's own.

An entry holds only facts that are public and stable (name, vendor, category, web
page). Anything else (LGWAN support, certifications, prices) is either left unknown
or recorded as a `fact` with its source and the date it was checked. Nothing in a
catalog is a score or a claim about quality. An entry may carry `evidence`: other
cities' anonymised trial outcomes (`toolbench.methods.evidence.TrialEvidence`), each
with its publisher and date, shown beside the product and never part of a score unless
a city adopts it and its plan names the publisher.

Where entries come from, later ones overriding earlier ones with the same id:

    shipped     catalog/*.toml inside the installed package
    pulled      .toolbench/catalogs/*.toml, fetched by `toolbench catalog pull URL`
    workspace   catalog/*.toml in the workspace folder, written by the city itself

A catalog file is either one entry (the shipped form) or a document
`format = "toolbench-catalog/1"` with `[[entries]]`; JSON documents have the same
shape. An index `format = "toolbench-catalog-index/1"` lists such files by URL.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, model_validator

from toolbench.base import toml_write as _toml_write
from toolbench.base.errors import CatalogError, PlanError, WorkspaceError
from toolbench.base.paths import STATE_DIR, find_root
from toolbench.methods.evidence import TrialEvidence, publisher_key
from toolbench.model.facts import Fact
from toolbench.model.plan import MAX_DEPTH, LocalText, Slug, Text, Tool, _Model, check_bounds, parse_toml_text
from toolbench.workspace.folder import rubric_data

CATALOG_FORMAT = "toolbench-catalog/1"
INDEX_FORMAT = "toolbench-catalog-index/1"
WORKSPACE_CATALOG_DIR = "catalog"
PULLED_DIR = "catalogs"
SOURCES_FILE = "sources.json"
"""In the pulled folder: per URL the file it was pulled into, its SHA-256 and when (written by `catalog pull`)."""

Origin = Literal["shipped", "pulled", "workspace"]


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
    facts: list[Fact] = Field(default_factory=list)
    evidence: list[TrialEvidence] = Field(default_factory=list, max_length=1000)
    """Trial outcomes cities published (`trials publish`): one record per publishing city."""

    @model_validator(mode="after")
    def _evidence_is_about_this_entry(self) -> CatalogEntry:
        publishers: set[str] = set()
        for index, record in enumerate(self.evidence):
            if record.product.id != self.id:
                raise ValueError(f"evidence[{index}].product.id: {record.product.id!r} is not this entry's id")
            key = publisher_key(record.publisher)
            if key in publishers:
                raise ValueError(f"evidence[{index}].publisher: {record.publisher!r} gives a second record")
            publishers.add(key)
        return self

    def as_tool(self) -> Tool:
        """The entry as a candidate in a plan."""
        return Tool(
            id=self.id, name=Text(ja=self.name, en=self.name), vendor=self.vendor, maker=self.maker, url=self.url
        )


@dataclass(frozen=True)
class Listed:
    """An entry and where it came from (`source` names the pulled file or workspace file)."""

    entry: CatalogEntry
    origin: Origin
    source: str


# --- reading catalog documents ------------------------------------------------------------


def _entry_problem(where: str, error: ValidationError) -> list[str]:
    lines = []
    for item in error.errors(include_url=False):
        field = ".".join(str(p) for p in item["loc"]) or "(entry)"
        lines.append(f"{where}: {field}: {item['msg']}")
    return lines


def entries_from_data(data: Any, source: str) -> list[CatalogEntry]:
    """Validate a parsed catalog file (one entry, or a document with `entries`).

    Every entry is checked before any is returned; problems name the entry (index
    and id) and the field, all of them at once.
    """
    if isinstance(data, Mapping) and "entries" in data:
        unknown = sorted(set(data) - {"format", "publisher", "entries"})
        if data.get("format") not in (None, CATALOG_FORMAT) or unknown:
            raise CatalogError(
                "catalog.bad_document", source=source, detail=f"format {data.get('format')!r}, keys {unknown}"
            )
        raw_entries = data["entries"]
        if not isinstance(raw_entries, list):
            raise CatalogError("catalog.bad_document", source=source, detail="entries is not a list")
    elif isinstance(data, Mapping):
        raw_entries = [data]
    else:
        raise CatalogError("catalog.bad_document", source=source, detail="not a table or object")
    entries: list[CatalogEntry] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(raw_entries):
        name = raw.get("id") if isinstance(raw, Mapping) else None
        where = f"entries[{index}]" + (f" (id {name!r})" if isinstance(name, str) else "")
        try:
            entry = CatalogEntry.model_validate(raw)
        except ValidationError as error:
            problems += _entry_problem(where, error)
            continue
        if entry.id in seen:
            problems.append(f"{where}: id: duplicate of entries[{seen[entry.id]}]")
        seen.setdefault(entry.id, index)
        entries.append(entry)
    if problems:
        raise CatalogError("catalog.bad_entries", source=source, count=len(problems), problems="\n".join(problems))
    return entries


def parse_document(body: bytes, source: str) -> Any:
    """A catalog file's data, from TOML or JSON (told apart by its first character)."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CatalogError("catalog.not_utf8", source=source) from None
    try:
        if text.lstrip().startswith(("{", "[")):
            try:
                data = json.loads(text)
            except ValueError as error:
                raise CatalogError("catalog.malformed", source=source, reason=f"JSON: {error}") from None
            except RecursionError:  # json reads nested arrays and objects recursively
                raise CatalogError("input.too_deep_in", file=source, limit=MAX_DEPTH) from None
            check_bounds(data, source)
            return data
        return parse_toml_text(text, source)
    except PlanError as error:
        if error.problems[0].key == "input.too_deep":
            raise CatalogError("input.too_deep_in", file=source, limit=MAX_DEPTH) from None
        raise CatalogError("catalog.malformed", source=source, reason=error.problems[0].message("en")) from None


def _read_folder(folder: Path, origin: Origin) -> list[Listed]:
    listed: list[Listed] = []
    if not folder.is_dir():
        return listed
    for path in sorted(folder.glob("*.toml")):
        for entry in entries_from_data(parse_document(path.read_bytes(), str(path)), str(path)):
            listed.append(Listed(entry, origin, str(path)))
    return listed


def _shipped() -> list[Listed]:
    folder = resources.files("toolbench._data.catalog")
    listed: list[Listed] = []
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".toml"):
            source = f"catalog/{item.name}"
            for entry in entries_from_data(parse_document(item.read_bytes(), source), source):
                listed.append(Listed(entry, "shipped", source))
    return listed


def shipped_entries() -> list[CatalogEntry]:
    """Every entry shipped in the package, validated, ordered by file name."""
    return [item.entry for item in _shipped()]


def load_catalog(root: Path | None = None) -> list[Listed]:
    """The merged catalog: shipped, then pulled, then the workspace's own, by category and id."""
    merged: dict[str, Listed] = {item.entry.id: item for item in _shipped()}
    if root is not None:
        for listed in [
            *_read_folder(root / STATE_DIR / PULLED_DIR, "pulled"),
            *_read_folder(root / WORKSPACE_CATALOG_DIR, "workspace"),
        ]:
            merged[listed.entry.id] = listed
    return sorted(merged.values(), key=lambda item: (item.entry.category, item.entry.id))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def search(listed: Iterable[Listed], query: str) -> list[Listed]:
    """Entries whose id, name, vendor, maker, category or tags contain every word of the query.

    Matching folds width and case (NFKC), so ＤＸ finds DX and ｱｲ finds アイ.
    """
    words = _fold(query).split()
    found = []
    for item in listed:
        e = item.entry
        haystack = _fold(" ".join([e.id, e.name, e.vendor, e.maker or "", e.category, *e.tags]))
        if all(word in haystack for word in words):
            found.append(item)
    return found


def find(listed: Sequence[Listed], entry_id: str) -> Listed:
    for item in listed:
        if item.entry.id == entry_id:
            return item
    raise CatalogError("catalog.unknown", id=entry_id, known=", ".join(i.entry.id for i in listed) or "(none)")


def document(entries: Iterable[CatalogEntry], publisher: str | None = None) -> dict[str, Any]:
    """Entries as a catalog document that others can pull."""
    data: dict[str, Any] = {"format": CATALOG_FORMAT}
    if publisher:
        data["publisher"] = publisher
    data["entries"] = [_entry_data(e) for e in entries]
    return data


def _entry_data(entry: CatalogEntry) -> dict[str, Any]:
    data = {"id": entry.id} | entry.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    if entry.evidence:  # figures stay numbers and dates stay dates (a TOML date, an ISO date in JSON)
        data["evidence"] = [record.document_data() for record in entry.evidence]
    return data


def _json_value(value: object) -> object:
    """A number or date of an evidence record as JSON writes it: 72.5, "2026-12-01"."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and value.as_tuple().exponent == 0 else float(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def export_text(entries: Iterable[CatalogEntry], fmt: Literal["toml", "json"], publisher: str | None = None) -> str:
    data = document(entries, publisher)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2, default=_json_value) + "\n"
    if not any("evidence" in entry for entry in data["entries"]):
        return _toml_write.dumps(data, subtables=())
    # evidence records in sections of their own ([[entries.evidence]], [[entries.evidence.departments]]),
    # so that a city reviewing what it publishes reads one figure a line
    head = {k: v for k, v in data.items() if k != "entries"}
    blocks = [_toml_write.dumps(head, subtables=()).rstrip("\n")]
    for entry in data["entries"]:
        blocks.append(_section("entries", {k: v for k, v in entry.items() if k != "evidence"}))
        for record in entry.get("evidence", ()):
            blocks.append(_section("entries.evidence", {k: v for k, v in record.items() if k != "departments"}))
            blocks += [_section("entries.evidence.departments", d) for d in record["departments"]]
    return "\n\n".join(blocks) + "\n"


def _section(header: str, table: Mapping[str, Any]) -> str:
    """One `[[header]]` table (a dotted array-of-tables name), its values inline as the plan writer writes them."""
    lines = _toml_write.dumps({"_": [table]}, subtables=()).rstrip("\n").splitlines()
    assert lines[0] == "[[_]]"
    return "\n".join([f"[[{header}]]", *lines[1:]])


def candidates_for(rubric: str, entry_ids: Sequence[str], directory: Path | None = None) -> list[Tool]:
    """Catalog entries as plan candidates for a rubric, checked to be of its category.

    Entries a workspace at `directory` adds or pulls count too, so a city can start
    a second evaluation from the catalog it already keeps.
    """

    root: Path | None = None
    if directory is not None:
        try:
            root = find_root(directory)
        except WorkspaceError:
            root = None
    listed = load_catalog(root)
    expected = rubric_data(rubric).get("rubric", {}).get("category")
    tools = []
    for entry_id in entry_ids:
        entry = find(listed, entry_id).entry
        if expected and entry.category != expected:
            raise CatalogError(
                "catalog.category_mismatch", id=entry.id, category=entry.category, rubric=rubric, expected=expected
            )
        tools.append(entry.as_tool())
    return tools
