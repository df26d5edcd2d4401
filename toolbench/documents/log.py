"""The ledger's events as a document: who recorded what, when, under which plan (`toolbench log`).

People read one line per event, in words, in the plan's time zone: `2026-04-14 10:00 青木 一郎:
カミスキャン の 認識精度 を 4 と採点 (#6)`; tools, criteria, departments and phases by their
names in the reader's language, a correction with its old and new value and its reason.
Machines read `data`: every stored field of every event, exactly as stored.

While blind (`labels` given) every tool is shown as its label, in the table and in the
JSON alike, and what would tell a label's tool is withheld: the companies and notes of
conflict declarations (and the label declared against), the event hashes (a hash over the real payload can be recomputed
with each tool id in turn) and the sub-second part of the times.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from toolbench.base.i18n import Lang, translate
from toolbench.base.times import local_minute, zone_label
from toolbench.documents.model import Document, Section, Table, Value
from toolbench.model.fact_keys import key_label, value_text
from toolbench.store.ledger import Event, event_record

if TYPE_CHECKING:
    from toolbench.model.plan import Plan

_WITHHELD_WHILE_BLIND = ("company", "tool", "note")
"""Payload fields of a conflict declaration: the company, or even a label, beside the evaluator would tell the tool."""


_FACT_WITHHELD = frozenset({"source", "page", "number", "detail", "origin", "reason"})
"""A fact's source names its vendor (a URL, a certificate number), and so may the reason for correcting or
withdrawing it: withheld from fact events while blind."""
_TOOL_LISTS = frozenset({"tools", "entrants", "goes_on", "failed", "shortlist", "candidates", "order", "expected"})
"""Payload lists of tool ids (the procedure's stage, draw and decision events among them)."""
_TOOL_KEYS = frozenset({"preferred", "runner_up"})
_TOOL_MAPS = frozenset({"cut", "totals"})


def _cell_masked(cell: Any, labels: Mapping[str, str]) -> Any:
    if not isinstance(cell, str):
        return cell
    tool, sep, rest = cell.partition("/")
    return labels.get(tool, tool) + sep + rest


def _masked(value: Any, labels: Mapping[str, str], withheld: str, declaration: bool) -> Any:
    """A payload value with every tool id replaced by its label (nested lists and tables included)."""
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if declaration and key in _WITHHELD_WHILE_BLIND:
                out[key] = withheld
            elif key == "tool" and isinstance(item, str):
                out[key] = labels.get(item, item)
            elif key in _TOOL_LISTS and isinstance(item, list):
                out[key] = [labels.get(x, x) if isinstance(x, str) else x for x in item]
            elif key in _TOOL_KEYS and isinstance(item, str):
                out[key] = labels.get(item, item)
            elif key == "incomplete" and isinstance(item, list):  # "tool/criterion/evaluator" cells
                out[key] = [_cell_masked(x, labels) for x in item]
            elif key in _TOOL_MAPS and isinstance(item, Mapping):
                out[key] = {labels.get(k, k): v for k, v in item.items()}
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
    if event.kind.startswith("fact."):
        payload = {k: withheld if k in _FACT_WITHHELD else v for k, v in payload.items()}
    return Event(event.seq, event.ts[:19] + "Z", event.actor, event.kind, payload, event.plan_hash, "", "")


class _Words:
    """Ids put into the plan's names in one language (labels while blind); an id the plan lacks stays as it is."""

    def __init__(self, plan: Plan | None, lang: Lang, blind: bool) -> None:
        self.plan, self.lang, self.blind = plan, lang, blind

    def tool(self, value: Any) -> str:
        text = str(value)
        if self.blind:
            return translate("blind.label", self.lang, letter=text)  # the payload holds the label already
        found = self.plan.tool(text) if self.plan is not None else None
        return found.name.get(self.lang) if found is not None else text

    def criterion(self, value: Any) -> str:
        found = self.plan.criterion(str(value)) if self.plan is not None else None
        return found.name.get(self.lang) if found is not None else str(value)

    def department(self, value: Any) -> str:
        found = self.plan.department(str(value)) if self.plan is not None else None
        return found.name.get(self.lang) if found is not None else str(value)

    def phase(self, value: Any) -> str:
        found = self.plan.phase(str(value)) if self.plan is not None else None
        return found.name.get(self.lang) if found is not None else str(value)

    def group(self, value: Any) -> str:
        name = self.plan.stakeholders.get(str(value)) if self.plan is not None else None
        return name.get(self.lang) if name is not None else str(value)

    def person(self, value: Any) -> str:
        """An evaluator (or an actor who is one) by name."""
        found = self.plan.evaluator(str(value)) if self.plan is not None else None
        return found.name if found is not None else str(value)

    def level(self, value: Any) -> str:
        text = str(value)
        return translate(f"logline.must_{text}", self.lang) if text in ("pass", "fail") else text


def _scalar(value: Any) -> str:
    """A stored value in words: lists joined, tables as key value pairs, never a Python literal."""
    if isinstance(value, Mapping):
        return ", ".join(f"{k} {_scalar(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_scalar(v) for v in value)
    if value is None:
        return "-"
    if value is True:
        return "✓"
    return str(value)


def _reason(p: Mapping[str, Any], lang: Lang) -> str:
    out = ""
    if p.get("note"):
        out += translate("logline.note", lang, note=p["note"])
    if p.get("reason"):
        out += translate("logline.reason", lang, reason=p["reason"])
    return out


def sentence(
    event: Event, lang: Lang, plan: Plan | None = None, earlier: Mapping[int, Event] | None = None, blind: bool = False
) -> str:
    """One event in words in `lang`, ending with its number: カミスキャン の 認識精度 を 4 と採点 (#6).

    `earlier` (events by number) gives a correction its old value; without it the correction names the event it
    replaces.
    """
    w = _Words(plan, lang, blind)
    p = event.payload
    kind = event.kind
    before = (earlier or {}).get(int(p["supersedes"])) if isinstance(p.get("supersedes"), int) else None
    old = before.payload if before is not None else None
    t = translate
    if kind == "score.recorded":
        evaluator = w.person(p.get("evaluator"))
        by = "" if evaluator == w.person(event.actor) else t("logline.by", lang, evaluator=evaluator)
        names = {"tool": w.tool(p.get("tool")), "criterion": w.criterion(p.get("criterion")), "by": by}
        if p.get("supersedes"):
            previous = w.level(old["level"]) if old is not None else f"#{p['supersedes']}"
            text = t("logline.score_fixed", lang, old=previous, new=w.level(p.get("level")), **names)
        else:
            text = t("logline.score", lang, level=w.level(p.get("level")), **names)
        if p.get("recused"):
            text += t("logline.recused", lang)
        text += _reason(p, lang)
    elif kind == "score.moderated":
        names = {"tool": w.tool(p.get("tool")), "criterion": w.criterion(p.get("criterion"))}
        if p.get("supersedes"):
            previous = w.level(old["level"]) if old is not None else f"#{p['supersedes']}"
            text = t("logline.moderated_fixed", lang, old=previous, new=w.level(p.get("level")), **names)
        else:
            text = t("logline.moderated", lang, level=w.level(p.get("level")), **names)
        if p.get("comment"):
            text += t("logline.comment", lang, comment=p["comment"])
    elif kind == "metric.recorded":
        names = {"tool": w.tool(p.get("tool")), "criterion": w.criterion(p.get("criterion"))}
        if p.get("supersedes"):
            previous = str(old["value"]) if old is not None else f"#{p['supersedes']}"
            text = t("logline.metric_fixed", lang, old=previous, new=p.get("value"), **names)
        else:
            text = t("logline.metric", lang, value=p.get("value"), **names)
        if p.get("source"):
            text += t("logline.source", lang, source=p["source"])
        text += _reason(p, lang)
    elif kind == "hearing.recorded":
        person = p.get("respondent") or {}
        answers = p.get("answers") or {}
        method = str(answers.get("method", ""))
        fields = {
            "respondent": person.get("name") or person.get("id", ""),
            "department": w.department(person.get("department", "")),
            "group": w.group(person.get("group", "")),
            "method": t(f"method.{method}", lang) if method in _METHODS else method,
        }
        if p.get("supersedes"):
            text = t("logline.hearing_fixed", lang, seq=p["supersedes"], **fields)
        else:
            text = t("logline.hearing", lang, **fields)
        text += _reason(p, lang)
    elif kind == "trial.started":
        text = t(
            "logline.trial_started",
            lang,
            tool=w.tool(p.get("tool")),
            department=w.department(p.get("department")),
            phase=w.phase(p.get("phase")),
        )
        text += _reason(p, lang)
    elif kind == "trial.moved":
        text = t(
            "logline.trial_moved",
            lang,
            tool=w.tool(p.get("tool")),
            department=w.department(p.get("department")),
            old=w.phase(p.get("from")),
            new=w.phase(p.get("to")),
        )
        text += _reason(p, lang)
    elif kind == "trial.feedback":
        feedback = p.get("feedback") or {}
        who = feedback.get("respondent") or t("logline.anonymous", lang)
        text = t(
            "logline.feedback", lang, tool=w.tool(p.get("tool")), department=w.department(p.get("department")), who=who
        )
        ratings = feedback.get("ratings") or {}
        if ratings:
            shown = ", ".join(f"{w.criterion(c)} {w.level(level)}" for c, level in ratings.items())
            text += t("logline.ratings", lang, ratings=shown)
    elif kind == "trial.training":
        session = p.get("session") or {}
        text = t(
            "logline.training",
            lang,
            tool=w.tool(p.get("tool")),
            department=w.department(p.get("department")),
            date=session.get("date", ""),
            attendees=session.get("attendees", ""),
        )
        if session.get("notes"):
            text += t("logline.note", lang, note=session["notes"])
    elif kind == "plan.locked":
        if p.get("supersedes"):
            text = t("logline.plan_relocked", lang, seq=p["supersedes"], changed=_scalar(p.get("changed") or []))
        else:
            parts = p.get("parts")
            text = t("logline.plan_locked", lang, parts=", ".join(parts) if isinstance(parts, Mapping) else "")
        if p.get("after_scores"):
            text += t("logline.after_scores", lang, count=p["after_scores"])
        text += _reason(p, lang)
    elif kind == "scores.locked":
        text = t("logline.scores_locked", lang, head=p.get("head", 0)) + _reason(p, lang)
    elif kind == "blind.assigned":
        text = t("logline.blind_assigned", lang, count=p.get("count", ""))
    elif kind == "blind.revealed":
        mapping = p.get("mapping") or {}
        pairs = sorted(mapping.items(), key=lambda item: str(item[1])) if isinstance(mapping, Mapping) else []
        shown = ", ".join(f"{label} = {w.tool(tool)}" for tool, label in pairs)
        text = t("logline.blind_revealed", lang, mapping=shown)
    elif kind == "coi.declared":
        detail = ""
        if p.get("company"):
            detail += t("logline.coi_company", lang, company=p["company"])
        if p.get("tool"):
            detail += t("logline.coi_tool", lang, tool=p["tool"] if blind else w.tool(p["tool"]))
        text = t("logline.coi", lang, evaluator=w.person(p.get("evaluator")), detail=detail) + _reason(p, lang)
    elif kind == "evaluation.finalized":
        head = p.get("ledger_head") or {}
        shown_hash = "" if blind else str(head.get("hash", ""))[:12]
        text = t("logline.finalized", lang, seq=head.get("seq", ""), hash=shown_hash).rstrip() + _reason(p, lang)
        text = text.replace(" ）", "）").replace(" )", ")")
    elif kind == "fact.recorded":
        key = str(p.get("key", ""))
        value = p.get("value")
        shown = value_text(key, value, lang) if isinstance(value, (bool, int, str)) else _scalar(value)
        fields = {"tool": w.tool(p.get("tool")), "fact": key_label(key, lang), "value": shown}
        name = "logline.fact_fixed" if p.get("supersedes") else "logline.fact"
        text = t(name, lang, as_of=p.get("as_of", ""), **fields)
        if p.get("expires"):
            text += t("logline.fact_expires", lang, expires=p["expires"])
        if p.get("source") and not blind:  # a vendor's page would name it
            text += t("logline.source", lang, source=p["source"])
        text += _reason(p, lang)
    elif kind == "fact.retracted":
        key = str(p.get("key", ""))
        text = t("logline.fact_retracted", lang, tool=w.tool(p.get("tool")), fact=key_label(key, lang))
        text += _reason(p, lang)
    elif kind == "evidence.adopted":
        published = (p.get("evidence") or {}).get("published", "") if isinstance(p.get("evidence"), Mapping) else ""
        text = t(
            "logline.evidence_adopted",
            lang,
            tool=w.tool(p.get("tool")),
            publisher=p.get("publisher", ""),
            published=published,
        )
        text += _reason(p, lang)
    elif kind == "evidence.withdrawn":
        text = t("logline.evidence_withdrawn", lang, tool=w.tool(p.get("tool")), publisher=p.get("publisher", ""))
        text += _reason(p, lang)
    elif kind == "evaluation.reopened":
        text = t("logline.reopened", lang, seq=p.get("finalized", "")) + _reason(p, lang)
    else:
        listed = "; ".join(f"{k} {_scalar(v)}" for k, v in sorted(p.items()))
        text = t("logline.other", lang, kind=kind, fields=f": {listed}" if listed else "")
    return text + t("logline.seq", lang, seq=event.seq)


_METHODS = ("ratings", "allocation", "pairwise", "hierarchical")


def log_document(
    events: Sequence[Event],
    lang: Lang,
    labels: Mapping[str, str] | None = None,
    plan: Plan | None = None,
    *,
    history: Sequence[Event] | None = None,
    time_zone: str | None = None,
) -> Document:
    """The events in order, one line each in words; the JSON holds every stored field (while blind: what may be shown).

    `plan` names tools, criteria, departments and phases; `history` (the whole ledger, when `events` is
    filtered) gives each correction the value it replaces; times are shown in `time_zone` (default: the plan's).
    """
    if labels:
        events = [blind_event(e, labels, lang) for e in events]
    zone_name = time_zone or (plan.evaluation.time_zone if plan is not None else None)
    earlier_events = [blind_event(e, labels, lang) for e in history] if (labels and history) else (history or events)
    earlier = {e.seq: e for e in earlier_events}
    headers = (
        translate("logline.time", lang, zone=zone_label(zone_name, lang)),
        translate("logline.actor", lang),
        translate("logline.what", lang),
    )
    words = _Words(plan, lang, bool(labels))
    rows: tuple[tuple[Value, ...], ...] = tuple(
        (
            local_minute(e.ts, zone_name),
            words.person(e.actor),
            sentence(e, lang, plan, earlier, blind=bool(labels)),
        )
        for e in events
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
        time_zone=zone_name,
    )
