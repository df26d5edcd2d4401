"""The ledger's events as a document: who recorded what, when, under which plan (`toolbench log`).

While blind (`labels` given) every tool is shown as its label, in the table and in the
JSON alike, and what would tell a label's tool is withheld: the companies and notes of
conflict declarations (and the label declared against), the event hashes (a hash over the real payload can be recomputed
with each tool id in turn) and the sub-second part of the times.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from toolbench.base.i18n import Lang, translate
from toolbench.documents.model import Document, Section, Table, Value
from toolbench.store.ledger import Event, event_record

_WITHHELD_WHILE_BLIND = ("company", "tool", "note")
"""Payload fields of a conflict declaration: the company, or even a label, beside the evaluator would tell the tool."""


def _masked(value: Any, labels: Mapping[str, str], withheld: str, declaration: bool) -> Any:
    """A payload value with every tool id replaced by its label (nested lists and tables included)."""
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if declaration and key in _WITHHELD_WHILE_BLIND:
                out[key] = withheld
            elif key == "tool" and isinstance(item, str):
                out[key] = labels.get(item, item)
            elif key == "tools" and isinstance(item, list):
                out[key] = [labels.get(x, x) if isinstance(x, str) else x for x in item]
            else:
                out[key] = _masked(item, labels, withheld, False)
        return out
    if isinstance(value, list):
        return [_masked(item, labels, withheld, False) for item in value]
    return value


def blind_event(event: Event, labels: Mapping[str, str], lang: Lang) -> Event:
    """The event as it may be shown while blind: labels for tools, no hashes, times to the second."""
    withheld = translate("blind.withheld", lang)
    payload = _masked(dict(event.payload), labels, withheld, event.kind.startswith("coi."))
    return Event(event.seq, event.ts[:19] + "Z", event.actor, event.kind, payload, event.plan_hash, "", "")


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


def log_document(events: Sequence[Event], lang: Lang, labels: Mapping[str, str] | None = None) -> Document:
    """The events in order, one row each; the JSON holds every stored field (while blind: what may be shown)."""
    if labels:
        events = [blind_event(e, labels, lang) for e in events]
    headers = tuple(translate(k, lang) for k in ("log.seq", "log.time", "log.actor", "log.kind", "log.summary"))
    rows: tuple[tuple[Value, ...], ...] = tuple(
        (e.seq, e.ts[:19].replace("T", " "), e.actor, e.kind, summary(e)) for e in events
    )
    data: list[dict[str, Any]] = [event_record(e) for e in events]
    if labels:
        for record in data:
            record["prev_hash"] = record["hash"] = None
    return Document(
        kind="log",
        title=translate("log.title", lang),
        lang=lang,
        sections=(Section("", (), Table("", headers, rows), key="events"),),
        notes=(translate("blind.log_note", lang),) if labels else (),
        data=data,
    )
