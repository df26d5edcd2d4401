"""`toolbench fact`: facts about the candidates (certifications, registrations, terms), with sources and dates.

Each command parses its options and makes one library call: recording and withdrawing
are `Workspace.facts` (`toolbench.workspace.facts.Facts`), the catalog is
`toolbench.workspace.catalog.load_catalog`, a fact's status on a date is
`toolbench.model.facts.fact_status`. The list, the check and the keys are documents
(`toolbench.documents.fact_lists`), shown through the one output path (`show_document`).

The date facts are judged on in `fact list` and `fact check`: `--on`, else the plan's
`[facts] date`, else today where the plan is read (its time zone, Japan by default).
The evaluation itself judges on the plan's date, else the day the last fact or score was
recorded, so that an archive reproduces it; these commands answer "what about now", and
say when the documents judge on another day.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from pydantic import ValidationError

from toolbench.base.display import displayable
from toolbench.base.errors import ToolbenchError
from toolbench.base.i18n import Lang, join_words, translate
from toolbench.base.times import DateInputError, parse_date, zone
from toolbench.cli import registry as _registry
from toolbench.cli._common import DOCUMENT_FORMAT_OPTION, ENCODING_OPTION, OUTPUT_OPTION, State, default_actor
from toolbench.cli._common import show_document as _show
from toolbench.cli.completion import complete_tools
from toolbench.cli.procedure import ACTOR_OPTION
from toolbench.documents.fact_lists import (
    FactListing,
    JudgedOn,
    Shown,
    check_document,
    keys_document,
    list_document,
)
from toolbench.methods.facts import DATING_KINDS, CatalogFact, attention, facts_date
from toolbench.methods.procedure import PROPOSER_WITHDREW
from toolbench.model.fact_keys import accepted, closest_key
from toolbench.model.facts import (
    Fact,
    fold,
    key_label,
    known_key,
    read_value,
)
from toolbench.renderers.writers import format_for
from toolbench.workspace.facts import FactError, FactProblem, FactRowsError, catalog_facts

if TYPE_CHECKING:
    from toolbench.model.plan import Plan
    from toolbench.store.ledger import Event
    from toolbench.workspace.workspace import Workspace

_TODAY = frozenset({"today", "今日", "本日"})
"""What `--as-of` and `--on` accept for today's date (where the plan is read)."""


# --- what people type ------------------------------------------------------------------------


class BadValue(click.ClickException):
    """A value typed on the command line that cannot be used: one line, exit code 2 (a usage mistake)."""

    exit_code = 2


def _today(plan: Plan) -> date:
    return datetime.now(zone(plan.evaluation.time_zone)).date()


def _day(text: str | None, option: str, lang: Lang, today: date) -> date | None:
    """A date as staff type it (2026-11-20, 2026/11/20, 令和8年11月20日, R8.11.20, today)."""
    if text is None:
        return None
    if fold(text) in _TODAY:
        return today
    try:
        return parse_date(text)
    except DateInputError as error:
        raise BadValue(translate("factcli.bad_date", lang, option=option, problem=error.message(lang))) from None


_LIMITS = {"KEY": 80, "--number": 80, "--page": 80, "--source": 400, "--detail": 400}
"""The longest text each field holds (as `toolbench.model.facts.Fact` declares)."""


def _text(option: str, value: str | None, lang: Lang, *, required: bool = False) -> str | None:
    """A text option: trimmed, None when empty (refused when required), refused when too long."""
    text = (value or "").strip()
    if not text:
        if required:
            raise BadValue(translate("factcli.blank", lang, option=option))
        return None
    if len(text) > _LIMITS[option]:
        raise BadValue(translate("factcli.too_long", lang, option=option, limit=_LIMITS[option]))
    return text


def typed_fact(
    key: str,
    value: str,
    *,
    source: str,
    as_of: date,
    expires: date | None,
    number: str | None,
    page: str | None,
    detail: str | None,
    lang: Lang,
) -> Fact:
    """The fact a user typed, its key read by name (ISMS, Pマーク …) and its value by the key's type."""
    written = _text("KEY", key, lang, required=True)
    assert written is not None
    known = known_key(written) or written
    try:
        read = read_value(known, value)
    except ValueError:
        raise BadValue(
            translate(
                "factcli.bad_value", lang, value=value, fact=key_label(known, lang), accepted=accepted(known, lang)
            )
        ) from None
    fields: dict[str, Any] = {
        "key": known,
        "value": read,
        "source": _text("--source", source, lang, required=True),
        "as_of": as_of,
        "expires": expires,
        "number": _text("--number", number, lang),
        "page": _text("--page", page, lang),
        "detail": _text("--detail", detail, lang),
    }
    try:
        return Fact.model_validate({k: v for k, v in fields.items() if v is not None})
    except ValidationError as error:  # the checks above leave nothing the model refuses; said, never a traceback
        problem = error.errors(include_url=False)[0]
        where = ".".join(str(p) for p in problem["loc"]) or "fact"
        raise BadValue(f"{where}: {problem['msg']}") from None


# --- how facts and candidates are named -------------------------------------------------------


def _shown(workspace: Workspace, lang: Lang) -> Shown:
    return Shown(workspace.plan, lang, workspace.blind_labels() or None)


class Refused(ToolbenchError):
    """Facts the library refused, told with names: the one reason, or every reason under one line."""

    def __init__(self, rows: Sequence[FactProblem], shown: Shown) -> None:
        self.rows = tuple(rows)
        self.shown = shown
        super().__init__("factcli.problems", count=len(rows))

    def message(self, lang: Lang = "en") -> str:
        texts = [translate(row.key, lang, **self.shown.params(row.params)) for row in self.rows]
        if len(texts) == 1:
            return texts[0]
        return "\n".join([translate("factcli.problems", lang, count=len(texts)), *(f"  {t}" for t in texts)])


@contextmanager
def _named(shown: Shown) -> Iterator[None]:
    """A refusal from the library in words: the candidate's name (label while blind), the fact's name."""
    try:
        yield
    except FactRowsError as error:
        raise Refused(error.rows, shown) from None
    except FactError as error:
        error.params = shown.params(error.params)
        raise


def _seqs(events: Sequence[Event], lang: Lang) -> str:
    numbers = [e.seq for e in events]
    if len(numbers) > 1 and numbers == list(range(numbers[0], numbers[0] + len(numbers))):
        return translate("factcli.seq_range", lang, first=numbers[0], last=numbers[-1])
    return ", ".join(str(n) for n in numbers)


def _resolve(workspace: Workspace, typed: str) -> str:
    """The candidate a user means (its id, or its label while blind); refused when the plan has none such."""
    tool_id = workspace.resolve_tool(typed)
    if workspace.plan.tool(tool_id) is None:
        known = ", ".join(t.id for t in workspace.plan.tools) or "-"
        raise FactError("fact.unknown_tool", tool=typed, known=known)
    return tool_id


# --- the date facts are judged on, and what needs attention -------------------------------------


def _documents_day(workspace: Workspace) -> date | None:
    """The day the evaluation judges facts on when the plan names none: the last score or fact's."""
    with workspace.ledger.reading() as view:
        last = max((e.ts for e in view.events(DATING_KINDS)), default=None)
    return facts_date(workspace.plan, last)


def _withdrawn(workspace: Workspace) -> frozenset[str]:
    with workspace.ledger.reading() as view:
        return frozenset(str(e.payload.get("tool", "")) for e in view.events({PROPOSER_WITHDREW}))


# --- the catalog's facts ---------------------------------------------------------------------


def _listing(workspace: Workspace, shown: Shown, on: JudgedOn, tools: list[str]) -> FactListing:
    state = workspace.facts.current()
    recorded = {tool: state.of(tool) for tool in tools}
    catalog = [
        item
        for items in catalog_facts(workspace.root, state, tools).values()
        for item in items
        if item.recorded is None or not item.recorded.fact.same(item.fact)
    ]
    return FactListing(shown, on, tools, recorded, catalog, state.unreadable)


# --- commands --------------------------------------------------------------------------------


@click.group()
def fact() -> None:
    """Facts about the candidates (ISMAP, ISMS, Pマーク, LGWAN-ASP, data location …), each with its source and date.

    \b
    Example:
      toolbench fact keys
      toolbench fact add kamiscan ismap true --source https://www.ismap.go.jp/csm --as-of 2026-11-20
      toolbench fact list
      toolbench fact check
    """


@fact.command("add")
@click.argument("tool", shell_complete=complete_tools)
@click.argument("key")
@click.argument("value")
@click.option("--source", required=True, help="Where it was read: a URL, or a document's name.")
@click.option(
    "--as-of",
    "as_of",
    required=True,
    help="The date the source was seen (2026-11-20, 令和8年11月20日, or today).",
)
@click.option("--expires", default=None, help="The last day the fact holds (a registration's or certificate's).")
@click.option("--number", default=None, help="A registration or certificate number.")
@click.option("--page", default=None, help="Where in the source: a page, section or row.")
@click.option("--detail", default=None, help="What the value leaves out: a certificate's scope, a court's name.")
@click.option("--reason", default=None, help="Why: required to correct a fact seen on the same day or later.")
@ACTOR_OPTION
@click.pass_obj
def fact_add(
    state: State,
    tool: str,
    key: str,
    value: str,
    source: str,
    as_of: str,
    expires: str | None,
    number: str | None,
    page: str | None,
    detail: str | None,
    reason: str | None,
    actor: str | None,
) -> None:
    """Record one fact about TOOL: KEY is VALUE, read in --source on --as-of.

    KEY is a known fact (`toolbench fact keys`) by its key, name or alias (ismap,
    ISMS, Pマーク, LGWAN-ASP …), or any other name for a free fact. VALUE is read
    by the key: true/false (あり/なし), one of its values (japan, 国内 …), or a
    number of days. --as-of has no default: it is the fact's age, and a date typed
    for you would make an old reading look new. A fact replacing one seen on the
    same day or later, saying something else, is a correction and needs --reason.

    \b
    Example:
      toolbench fact add kamiscan ismap true --number C21-0001-1 \\
          --source https://www.ismap.go.jp/csm --as-of 2026-11-20 --expires 2027-03-31
      toolbench fact add kamiscan Pマーク なし --source "提案書 様式第3号" --page 4 --as-of today
    """
    workspace = state.workspace()
    lang = state.lang
    shown = _shown(workspace, lang)
    today = _today(workspace.plan)
    with _named(shown):
        tool_id = _resolve(workspace, tool)
    seen = _day(as_of, "--as-of", lang, today)
    assert seen is not None
    if seen > today:  # a typo of the year, most often: a fact seen "later" would never grow old
        raise BadValue(translate("factcli.future", lang, date=seen.isoformat(), today=today.isoformat()))
    typed = typed_fact(
        key,
        value,
        source=source,
        as_of=seen,
        expires=_day(expires, "--expires", lang, today),
        number=number,
        page=page,
        detail=detail,
        lang=lang,
    )
    if typed.known is None:
        click.echo(translate("factcli.free_key", lang, name=displayable(typed.key)), err=True)
        near = closest_key(typed.key)
        if near is not None:  # a known key written nearly right is more likely than a new one
            click.echo(translate("factcli.did_you_mean", lang, known=near, name=key_label(near, lang)), err=True)
    if typed.expires is not None and typed.expires < typed.as_of:
        click.echo(translate("factcli.expired_when_seen", lang, expires=typed.expires.isoformat()), err=True)
    with _named(shown):
        events = workspace.facts.record([(tool_id, typed)], actor=actor or default_actor(), reason=reason)
    if not events:
        same = workspace.facts.current().facts.get((tool_id, typed.key))
        click.echo(
            displayable(
                shown.say(
                    "factcli.unchanged",
                    tool=shown.tool(tool_id),
                    fact=shown.fact(typed.key),
                    seq=same.seq if same else "-",
                )
            )
        )
        return
    event = events[0]
    payload = event.payload
    more = ""
    if "supersedes" in payload:
        more = (
            shown.say("factcli.corrects", seq=payload["supersedes"], reason=payload.get("reason", ""))
            if payload.get("reason")
            else shown.say("factcli.replaces", seq=payload["supersedes"])
        )
    click.echo(
        displayable(
            shown.say(
                "factcli.recorded",
                tool=shown.tool(tool_id),
                fact=shown.fact(typed.key),
                value=shown.value(typed),
                number=shown.say("factcli.number", number=typed.number) if typed.number and not shown.blind else "",
                as_of=typed.as_of.isoformat(),
                expires=shown.say("factcli.expires", date=typed.expires.isoformat()) if typed.expires else "",
                seq=event.seq,
                more=more,
            )
        )
    )


def _on_option(command: Any) -> Any:
    return click.option(
        "--on",
        "on",
        default=None,
        help="Judge the facts on this date (default: the plan's [facts] date, else today).",
    )(command)


@fact.command("list")
@click.argument("tool", required=False, shell_complete=complete_tools)
@_on_option
@DOCUMENT_FORMAT_OPTION
@OUTPUT_OPTION
@ENCODING_OPTION
@click.pass_obj
def fact_list(
    state: State, tool: str | None, on: str | None, fmt: str | None, output: Path | None, encoding: str
) -> None:
    """List the facts recorded for each candidate, their sources, dates and status on the date.

    Per candidate (in the plan's order): each fact's value, number, source, the
    date it was seen, its expiry, its status on the date (valid, expired, too old:
    seen more than the plan's [facts] max_age_days before), who recorded it and the
    event. Then the facts catalog entries hold for the candidates that are not
    recorded, or recorded differently (`toolbench fact take` records them). While
    blind, candidates are shown by their labels and sources are withheld.

    \b
    Example:
      toolbench fact list
      toolbench fact list kamiscan --on 2027-04-01
      toolbench fact list -o facts.xlsx
    """
    workspace = state.workspace()
    lang = state.lang
    shown = _shown(workspace, lang)
    today = _today(workspace.plan)
    judged = JudgedOn.of(workspace.plan, _day(on, "--on", lang, today), today, _documents_day(workspace))
    if tool is not None:
        with _named(shown):
            tools = [_resolve(workspace, tool)]
    else:
        tools = shown.order([t.id for t in workspace.plan.tools])
    listing = _listing(workspace, shown, judged, tools)
    compact = format_for(output, fmt) == "table"
    _show(list_document(listing, compact=compact), fmt, output, lang, encoding=encoding, workspace=workspace)


@fact.command("check")
@_on_option
@click.option(
    "--within",
    type=click.IntRange(min=0),
    default=90,
    show_default=True,
    help="Also list the facts that expire within this many days.",
)
@DOCUMENT_FORMAT_OPTION
@OUTPUT_OPTION
@ENCODING_OPTION
@click.pass_context
def fact_check(
    ctx: click.Context, on: str | None, within: int, fmt: str | None, output: Path | None, encoding: str
) -> None:
    """Say which facts need attention: expired, too old, or needed by the plan but not recorded.

    On the date (--on, else the plan's [facts] date, else today): facts past their
    expiry, facts seen more than the plan's [facts] max_age_days before, and the
    facts the plan's fact criteria and fact-decided must-haves read that nobody
    recorded for a candidate; then the facts that expire within --within days.
    A fact expiring on the date itself is still valid. Candidates that withdrew
    are not checked. Exit code 1 when anything is expired, too old or missing,
    0 otherwise (facts expiring soon alone leave it 0), 2 for a mistyped option,
    so a script can run it.

    \b
    Example:
      toolbench fact check
      toolbench fact check --on 2027-04-01 --within 30
    """
    state = ctx.find_object(State)
    assert state is not None
    workspace = state.workspace()
    lang = state.lang
    shown = _shown(workspace, lang)
    today = _today(workspace.plan)
    judged = JudgedOn.of(workspace.plan, _day(on, "--on", lang, today), today, _documents_day(workspace))
    found = attention(workspace.plan, workspace.facts.current(), judged.day, within, _withdrawn(workspace))
    _show(check_document(found, shown, judged, within), fmt, output, lang, encoding=encoding, workspace=workspace)
    if found.failing:
        ctx.exit(1)


@fact.command("take")
@click.argument("tools", metavar="[TOOL]...", nargs=-1, shell_complete=complete_tools)
@click.option("--all", "everyone", is_flag=True, help="Every candidate of the plan that has a catalog entry.")
@click.option("--dry-run", is_flag=True, help="Say what would be recorded; record nothing.")
@ACTOR_OPTION
@click.pass_obj
def fact_take(state: State, tools: tuple[str, ...], everyone: bool, dry_run: bool, actor: str | None) -> None:
    """Record the facts the catalog holds for candidates, all or nothing.

    A candidate's catalog entry is the one whose id is the candidate's id (shipped,
    pulled with `toolbench catalog pull`, or the workspace's own). Each fact is
    recorded with its source and date as the entry gives them, and the catalog file
    it came from. A fact recorded already is skipped, and so is one whose recorded
    fact was seen on the same day or later: taking the same facts again records
    nothing.

    \b
    Example:
      toolbench fact take --all --dry-run
      toolbench fact take kamiscan yomitoru
    """
    workspace = state.workspace()
    lang = state.lang
    shown = _shown(workspace, lang)
    if not tools and not everyone:
        raise BadValue(translate("factcli.take_whom", lang))
    if tools and everyone:
        raise BadValue(translate("factcli.take_both", lang))
    with _named(shown):
        chosen = [_resolve(workspace, t) for t in tools] if tools else [t.id for t in workspace.plan.tools]
    chosen = list(dict.fromkeys(chosen))
    found = catalog_facts(workspace.root, workspace.facts.current(), chosen)
    absent = [t for t in chosen if t not in found]
    if tools and absent:
        key = "factcli.no_entry_blind" if shown.blind else "factcli.no_entry"
        raise FactError(key, tool=shown.tool(absent[0]), id=absent[0])
    wanted: dict[str, list[tuple[str, Fact]]] = {}
    kept: list[CatalogFact] = []
    for tool in chosen:
        for item in found.get(tool, []):
            if item.recorded is not None and item.recorded.fact.same(item.fact):
                continue
            if item.recorded is not None and item.fact.as_of <= item.recorded.fact.as_of:
                kept.append(item)
                continue
            wanted.setdefault(item.origin, []).append((tool, item.fact))
    who = actor or default_actor()
    recorded: list[Event] = []
    with _named(shown):
        for origin, items in wanted.items():  # every file's facts checked before any is recorded
            workspace.facts.record(items, actor=who, origin=origin, dry_run=True)
        if not dry_run:
            for origin, items in wanted.items():
                recorded += workspace.facts.record(items, actor=who, origin=origin)
    taken = [pair for items in wanted.values() for pair in items]
    if absent and everyone:
        click.echo(
            displayable(shown.say("factcli.take_no_entries", tools=join_words(map(shown.tool, absent), shown.lang))),
            err=True,
        )
    if kept:
        names = join_words((f"{shown.tool(i.tool)} {shown.fact(i.fact.key)}" for i in kept), shown.lang)
        click.echo(displayable(shown.say("factcli.take_kept", facts=names)), err=True)
    if not taken:
        click.echo(shown.say("factcli.take_nothing"))
        return
    by_tool: dict[str, list[Fact]] = {}
    for tool, f in taken:
        by_tool.setdefault(tool, []).append(f)
    if dry_run:
        click.echo(shown.say("factcli.take_dry_run", count=len(taken), tools=len(by_tool)))
    else:
        recorded.sort(key=lambda e: e.seq)
        click.echo(shown.say("factcli.taken", count=len(recorded), tools=len(by_tool), seqs=_seqs(recorded, lang)))
    for tool in chosen:
        if tool in by_tool:
            facts = join_words((f"{shown.fact(f.key)}: {shown.value(f)}" for f in by_tool[tool]), shown.lang)
            click.echo(displayable(shown.say("factcli.take_line", tool=shown.tool(tool), facts=facts)))


@fact.command("retract")
@click.argument("tool", shell_complete=complete_tools)
@click.argument("key")
@click.option("--reason", default="", help="Why the fact no longer holds (required).")
@ACTOR_OPTION
@click.pass_obj
def fact_retract(state: State, tool: str, key: str, reason: str, actor: str | None) -> None:
    """Withdraw the fact recorded for TOOL under KEY, with the reason; it no longer counts.

    KEY is read as `fact add` reads it (ismap, ISMS, Pマーク …). The fact stays in
    the ledger with the withdrawal after it; record a new one with `fact add`.

    \b
    Example:
      toolbench fact retract kamiscan ismap --reason "registration withdrawn (ISMAP list of 2026-12-01)"
    """
    workspace = state.workspace()
    lang = state.lang
    shown = _shown(workspace, lang)
    written = key.strip()
    fact_key = known_key(written) or written
    with _named(shown):
        tool_id = _resolve(workspace, tool)
        event = workspace.facts.retract(tool_id, fact_key, actor=actor or default_actor(), reason=reason)
    payload = event.payload
    click.echo(
        displayable(
            shown.say(
                "factcli.retracted",
                tool=shown.tool(tool_id),
                fact=shown.fact(fact_key),
                old=payload.get("supersedes", "-"),
                seq=event.seq,
                reason=str(payload.get("reason", "")),
            )
        )
    )


@fact.command("keys")
@DOCUMENT_FORMAT_OPTION
@OUTPUT_OPTION
@ENCODING_OPTION
@click.pass_obj
def fact_keys(state: State, fmt: str | None, output: Path | None, encoding: str) -> None:
    """List the known facts: the key a plan writes, their names, and the values each takes.

    Use the key in a plan's [criteria.fact] (facts = [{ key = "ismap" }]) and a
    choice's values in its in = [...]. `fact add` also reads the names and aliases.
    Any other key is a free fact with a text value.

    \b
    Example:
      toolbench fact keys
      toolbench fact keys -o fact-keys.csv
    """
    lang = state.lang
    _show(keys_document(lang), fmt, output, lang, encoding=encoding)


# `toolbench fact import`: a registry's published list (ISMAP, ASPIC, LGWAN-ASP) as facts; its own module
fact.add_command(_registry.fact_import)
