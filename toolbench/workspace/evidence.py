"""Trial evidence between cities in a workspace: publish this city's, find what was pulled, adopt it.

Publishing writes an anonymised catalog fragment (`toolbench-catalog/1`, TOML or JSON)
that `catalog pull` accepts; pulled fragments stay in `.toolbench/catalogs/`, outside
the ledger, and are only shown. A city that wants another city's evidence to count
adopts it: an `evidence.adopted` event in its own ledger carrying the whole record, the
file it came from and that file's SHA-256, so that the evaluation stays a function of
the plan and the ledger. It then counts only in criteria whose `evidence_from` names the
publisher (`toolbench.methods.trials.evidence_for`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from toolbench.base.errors import OutputError
from toolbench.base.files import atomic_write
from toolbench.base.i18n import Message
from toolbench.base.paths import STATE_DIR
from toolbench.methods.evidence import (
    DEFAULT_MIN_RESPONDENTS,
    EVIDENCE_ADOPTED,
    EVIDENCE_KINDS,
    EVIDENCE_WITHDRAWN,
    Adoption,
    OtherCity,
    Product,
    Pulled,
    adopted_evidence,
    adoption_payload,
    beside_tools,
    latest,
    matches,
    named_publishers,
    publisher_key,
)
from toolbench.methods.trials import Publication, TrialError, publication, trial_states
from toolbench.model.plan import Plan, Tool
from toolbench.store.ledger import Event, Ledger, LedgerView, NewEvent
from toolbench.workspace.blinding import Blinding
from toolbench.workspace.catalog import (
    PULLED_DIR,
    SOURCES_FILE,
    WORKSPACE_CATALOG_DIR,
    CatalogEntry,
    entries_from_data,
    export_text,
    load_catalog,
    parse_document,
)
from toolbench.workspace.scoring import typed

__all__ = ["AdoptOutcome", "CityEvidence", "Published", "pulled_evidence"]

EvidenceFormat = Literal["toml", "json"]


@dataclass(frozen=True)
class Published:
    """What `publish` wrote: the records, what it withheld or found nothing for, and where."""

    publication: Publication
    path: Path
    fmt: EvidenceFormat


@dataclass(frozen=True)
class AdoptOutcome:
    """What `adopt` did: the events recorded, the tools whose record was adopted already, and the
    criteria (ids) whose `evidence_from` names the publisher (none: it changes no figure)."""

    recorded: tuple[Event, ...]
    unchanged: tuple[str, ...]
    counted_in: tuple[str, ...]


def _sources(folder: Path) -> dict[str, tuple[str, str | None, str | None]]:
    """Pulled file stem → (URL, SHA-256 of what the URL gave, when fetched), from the record `catalog pull` keeps."""
    try:
        data = json.loads((folder / SOURCES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    catalogs = data.get("catalogs") if isinstance(data, dict) else None
    found: dict[str, tuple[str, str | None, str | None]] = {}
    for url, record in catalogs.items() if isinstance(catalogs, dict) else ():
        if isinstance(record, dict) and isinstance(record.get("file"), str):
            digest, fetched = record.get("sha256"), record.get("fetched_at")
            found[record["file"]] = (
                str(url),
                digest if isinstance(digest, str) else None,
                fetched if isinstance(fetched, str) else None,
            )
    return found


def pulled_evidence(root: Path) -> list[Pulled]:
    """Every evidence record in the pulled catalogs and the workspace's own, with its file and SHA-256.

    A file that no longer validates is refused whole (CatalogError naming it), as `catalog list` refuses it.
    """
    found: list[Pulled] = []
    pulled = root / STATE_DIR / PULLED_DIR
    sources = _sources(pulled)
    for folder in (pulled, root / WORKSPACE_CATALOG_DIR):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            body = path.read_bytes()
            digest = hashlib.sha256(body).hexdigest()
            url, url_sha256, fetched = sources.get(path.stem, (None, None, None)) if folder == pulled else (None,) * 3
            where = path.relative_to(root).as_posix()
            for entry in entries_from_data(parse_document(body, str(path)), str(path)):
                found += [Pulled(record, where, digest, url, url_sha256, fetched) for record in entry.evidence]
    return found


def _entry_for(tool: Tool, listed: dict[str, CatalogEntry], category: str) -> CatalogEntry:
    """The tool as a catalog entry: the catalog's own entry when it has one, else from the plan."""
    entry = listed.get(tool.id)
    if entry is not None:
        return entry.model_copy(update={"evidence": []})
    return CatalogEntry(
        id=tool.id,
        name=tool.name.get("ja") or tool.id,
        vendor=tool.vendor,
        maker=tool.maker,
        category=category,
        url=tool.url,
    )


@dataclass(frozen=True)
class CityEvidence:
    """This city's trial evidence for others, and others' evidence here."""

    root: Path
    plan: Plan
    ledger: Ledger

    def _refuse_while_blind(self) -> None:
        # other cities' evidence names the products: beside this city's figures it would tell the labels
        if Blinding(self.root, self.plan, self.ledger).labels() is not None:
            raise TrialError("evidence.blind")

    def _tools(self, tools: Sequence[str]) -> list[str]:
        ids = [typed(t) for t in tools]
        for tool in ids:
            if self.plan.tool(tool) is None:
                known = ", ".join(t.id for t in self.plan.tools) or Message("input.none")
                raise TrialError("trial.unknown_tool", value=tool, known=known)
        return ids

    # -- publishing --------------------------------------------------------------------

    def entries(
        self,
        *,
        publisher: str,
        published: date,
        tools: Sequence[str] = (),
        min_respondents: int = DEFAULT_MIN_RESPONDENTS,
        department_names: bool = False,
    ) -> tuple[list[CatalogEntry], Publication]:
        """This city's trials as catalog entries with evidence, and what was left out; nothing is written."""
        self._refuse_while_blind()
        wanted = self._tools(tools) or None
        publisher = publisher.strip()
        if not publisher:
            raise TrialError("evidence.no_publisher")
        listed = {item.entry.id: item.entry for item in load_catalog(self.root)}
        category = (self.plan.rubric.category if self.plan.rubric else None) or "other"
        entry_of = {tool.id: _entry_for(tool, listed, category) for tool in self.plan.tools}
        products = {tool: Product(id=e.id, name=e.name, vendor=e.vendor) for tool, e in entry_of.items()}
        with self.ledger.reading() as view:
            trials = trial_states(view.events())
        try:
            made = publication(
                self.plan,
                trials,
                publisher=publisher,
                published=published,
                products=products,
                tools=wanted,
                min_respondents=min_respondents,
                department_names=department_names,
            )
        except ValidationError as error:
            first = error.errors(include_url=False)[0]
            where = ".".join(str(p) for p in first["loc"])
            problem = str(first["msg"]).removeprefix("Value error, ")
            raise TrialError("evidence.bad_record", field=where, problem=problem) from None
        if not made.records:
            raise TrialError("evidence.nothing", tool=made.untried[0] if made.untried else Message("input.none"))
        # a record's product is its tool's entry (same id), which now carries that record only
        entries = [entry_of[r.product.id].model_copy(update={"evidence": [r]}) for r in made.records]
        return entries, made

    def publish(
        self,
        path: Path,
        *,
        publisher: str,
        published: date,
        fmt: EvidenceFormat = "toml",
        tools: Sequence[str] = (),
        min_respondents: int = DEFAULT_MIN_RESPONDENTS,
        department_names: bool = False,
    ) -> Published:
        """Write this city's trial evidence as a catalog fragment other cities can pull: whole or not at all.

        The text is read back as `catalog pull` reads it before anything is written.
        """
        entries, made = self.entries(
            publisher=publisher,
            published=published,
            tools=tools,
            min_respondents=min_respondents,
            department_names=department_names,
        )
        text = export_text(entries, fmt, publisher=publisher.strip())
        entries_from_data(parse_document(text.encode("utf-8"), str(path)), str(path))  # what a pull will accept
        if path.is_dir():
            raise OutputError("output.exists_dir", path=str(path))
        try:
            atomic_write(path, text)
        except OSError as error:
            raise OutputError("output.write", path=str(path), reason=error.strerror or str(error)) from None
        return Published(made, path, fmt)

    # -- what other cities said -------------------------------------------------------------

    def adopted(self) -> dict[tuple[str, str], Adoption]:
        """The adoptions the ledger holds, keyed by (tool, folded publisher name)."""
        with self.ledger.reading() as view:
            return adopted_evidence(view.events(EVIDENCE_KINDS))

    def others(
        self, tools: Sequence[str] = (), *, adopted: Mapping[tuple[str, str], Adoption] | None = None
    ) -> list[OtherCity]:
        """Other cities' evidence on the plan's tools (or `tools`): pulled, adopted, and where it counts.

        `adopted`: the adoptions as already read from the ledger (`TrialStates.adopted`), else read now.
        """
        self._refuse_while_blind()
        wanted = self._tools(tools) or None
        known = self.adopted() if adopted is None else adopted
        return beside_tools(self.plan, pulled_evidence(self.root), known, wanted)

    def adopt(
        self,
        publisher: str,
        tools: Sequence[str] = (),
        *,
        actor: str,
        reason: str,
        now: datetime | None = None,
    ) -> AdoptOutcome:
        """Record that the evidence `publisher` published on `tools` (default: every plan tool it covers)
        counts here, wherever a criterion's `evidence_from` names the publisher; all or nothing.

        A record adopted already, unchanged, records nothing again.
        """
        self._refuse_while_blind()
        if not reason.strip():
            raise TrialError("evidence.reason_required")
        wanted = self._tools(tools)
        key = publisher_key(publisher)
        records = [p for p in latest(pulled_evidence(self.root)) if publisher_key(p.evidence.publisher) == key]
        if not records:
            known = sorted({p.evidence.publisher for p in pulled_evidence(self.root)})
            raise TrialError(
                "evidence.unknown_publisher", publisher=publisher, known=", ".join(known) or Message("input.none")
            )
        chosen: list[tuple[str, Pulled]] = []
        for tool in self.plan.tools:
            if wanted and tool.id not in wanted:
                continue
            found = next((p for p in records if matches(tool, p.evidence.product)), None)
            if found is not None:
                chosen.append((tool.id, found))
            elif wanted:
                raise TrialError("evidence.no_record", tool=tool.id, publisher=publisher)
        if not chosen:
            products = ", ".join(sorted(p.evidence.product.name for p in records))
            raise TrialError("evidence.no_match", publisher=publisher, products=products)
        unchanged: list[str] = []

        def decide(view: LedgerView) -> list[NewEvent]:
            current = adopted_evidence(view.events(EVIDENCE_KINDS))
            unchanged.clear()
            new: list[NewEvent] = []
            for tool_id, item in chosen:
                before = current.get((tool_id, key))
                if before is not None and before.evidence == item.evidence and before.sha256 == item.sha256:
                    unchanged.append(tool_id)
                    continue
                payload = adoption_payload(
                    tool_id,
                    item.evidence,
                    source=item.file,
                    sha256=item.sha256,
                    url=item.url,
                    url_sha256=item.url_sha256,
                    reason=reason.strip(),
                )
                new.append(NewEvent(EVIDENCE_ADOPTED, payload, actor, self.plan.hash))
            return new

        recorded = self.ledger.append_viewed(decide, now=now)
        counted = tuple(named_publishers(self.plan).get(key, ()))
        return AdoptOutcome(tuple(recorded), tuple(unchanged), counted)

    def withdraw(
        self,
        publisher: str,
        tools: Sequence[str] = (),
        *,
        actor: str,
        reason: str,
        now: datetime | None = None,
    ) -> tuple[Event, ...]:
        """Record that adopted evidence from `publisher` (on `tools`, default all) no longer counts here."""
        self._refuse_while_blind()
        if not reason.strip():
            raise TrialError("evidence.reason_required")
        wanted = self._tools(tools)
        key = publisher_key(publisher)

        def decide(view: LedgerView) -> list[NewEvent]:
            current = adopted_evidence(view.events(EVIDENCE_KINDS))
            mine = [tool for (tool, k) in current if k == key and (not wanted or tool in wanted)]
            missing = [tool for tool in wanted if (tool, key) not in current]
            if missing:
                raise TrialError("evidence.not_adopted", publisher=publisher, tool=missing[0])
            if not mine:
                raise TrialError("evidence.none_adopted", publisher=publisher)
            payload: dict[str, Any]
            new = []
            for tool in mine:
                payload = {"tool": tool, "publisher": current[(tool, key)].evidence.publisher, "reason": reason.strip()}
                new.append(NewEvent(EVIDENCE_WITHDRAWN, payload, actor, self.plan.hash))
            return new

        return tuple(self.ledger.append_viewed(decide, now=now))
