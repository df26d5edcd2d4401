"""The ledger's events as a document: who recorded what, when, under which plan (`toolbench log`)."""

from __future__ import annotations

from collections.abc import Sequence

from toolbench.base.i18n import Lang, translate
from toolbench.documents.model import Document, Section, Table, Value
from toolbench.store.ledger import Event, event_record


def summary(event: Event) -> str:
    """One event in a line: the score, measurement or moderation it records, else its payload."""
    p = event.payload
    if event.kind == "score.recorded":
        text = f"{p.get('tool')} / {p.get('evaluator')}: {p.get('criterion')}={p.get('level')}"
        if p.get("supersedes"):
            text += f" (supersedes #{p['supersedes']}: {p.get('reason', '')})"
        return text
    if event.kind == "score.moderated":
        return f"{p.get('tool')}: {p.get('criterion')}={p.get('level')} ({p.get('comment', '')})"
    if event.kind == "metric.recorded":
        text = f"{p.get('tool')}: {p.get('criterion')}={p.get('value')} [{p.get('source', '')}]"
        if p.get("supersedes"):
            text += f" (supersedes #{p['supersedes']}: {p.get('reason', '')})"
        return text
    return ", ".join(f"{k}={v}" for k, v in sorted(p.items()))


def log_document(events: Sequence[Event], lang: Lang) -> Document:
    """The events in order, one row each; the JSON holds every stored field."""
    headers = tuple(translate(k, lang) for k in ("log.seq", "log.time", "log.actor", "log.kind", "log.summary"))
    rows: tuple[tuple[Value, ...], ...] = tuple(
        (e.seq, e.ts[:19].replace("T", " "), e.actor, e.kind, summary(e)) for e in events
    )
    return Document(
        kind="log",
        title=translate("log.title", lang),
        lang=lang,
        sections=(Section("", (), Table("", headers, rows), key="events"),),
        data=[event_record(e) for e in events],
    )
