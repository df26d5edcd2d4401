"""`toolbench log` and `toolbench audit verify`: reading and checking the ledger."""

from __future__ import annotations

import re
from datetime import datetime, time
from pathlib import Path

import click

from toolbench.base.errors import LedgerError
from toolbench.base.i18n import Lang, Message, detect_lang, translate
from toolbench.base.times import DateInputError, parse_date, zone
from toolbench.cli._common import (
    DOCUMENT_FORMAT_OPTION,
    ENCODING_OPTION,
    OUTPUT_OPTION,
    State,
    keep,
    show_document,
    show_kept,
)
from toolbench.documents.log import log_document
from toolbench.store import open_ledger
from toolbench.store.ledger import ANCHOR_MIN_HEX, format_time
from toolbench.workspace import snapshot


def _parse_since(value: str | None, zone_name: str | None = None, lang: Lang | None = None) -> datetime | None:
    """A date as staff type it (2026-04-01, 2026/4/1, 令和8年4月1日, R8.4.1) or an ISO date-time.

    A date means its first moment, and a date-time without a zone is read, in the plan's time zone.
    """
    if value is None:
        return None
    lang = lang or detect_lang()
    try:
        try:
            moment = datetime.combine(parse_date(value), time())
        except DateInputError as error:
            if error.key != "date.unreadable":  # 令和0年, 2月30日, before 昭和: say exactly that
                raise click.UsageError(f"--since: {error.message(lang)}") from None
            moment = datetime.fromisoformat(value.strip())
        moment = moment if moment.tzinfo else moment.replace(tzinfo=zone(zone_name))
        format_time(moment)  # a date so far off that it has no UTC form is refused here
    except (ValueError, OverflowError):
        raise click.UsageError(translate("log.bad_since", lang, value=value)) from None
    return moment


@click.command()
@click.option("--kind", default=None, help="Only events of this kind (e.g. score or score.recorded).")
@click.option("--tool", default=None, help="Only events about this tool id (its label while blind).")
@click.option("--evaluator", default=None, help="Only events about this evaluator id.")
@click.option(
    "--since",
    default=None,
    help="Only events at or after this date/time (the plan's time zone), e.g. 2026-04-01, 令和8年4月1日 or R8.4.1.",
)
@DOCUMENT_FORMAT_OPTION
@OUTPUT_OPTION
@ENCODING_OPTION
@click.pass_obj
def log(
    state: State,
    kind: str | None,
    tool: str | None,
    evaluator: str | None,
    since: str | None,
    fmt: str | None,
    output: Path | None,
    encoding: str,
) -> None:
    """List ledger events: who recorded what, when, under which plan.

    \b
    Example:
      toolbench log --tool kamiscan --evaluator aoki
      toolbench log --since 2026-04-15 --format csv -o changes.csv
    """
    lang: Lang = state.lang
    _parse_since(since, lang=lang)  # a mistyped date is a usage mistake before anything is opened
    options = (f"kind={kind}", f"tool={tool}", f"evaluator={evaluator}", f"since={since}")
    if show_kept(state, "log", options, fmt, output, encoding):
        return
    workspace = state.workspace()
    head = workspace.ledger.head()
    plan = workspace.plan
    moment = _parse_since(since, plan.evaluation.time_zone, lang)
    labels = workspace.blind_labels()  # while blind: --tool takes a label only, and tools show as labels
    if tool is not None and labels:
        tool = workspace.resolve_tool(tool)
    events = workspace.events(kind=kind, tool=tool, evaluator=evaluator, since=moment)
    if tool is not None and labels:  # a declaration found under a label would say who is recused from it
        events = [e for e in events if not e.kind.startswith("coi.")]
    if not events and (fmt or "table") == "table" and output is None:
        click.echo(translate("log.none", lang))
        return
    history = workspace.events()  # a correction shows the value it replaces, even when that event is filtered out
    document = log_document(events, lang, labels, plan, history=history, time_zone=plan.evaluation.time_zone)
    show_document(document, fmt, output, lang, encoding=encoding, workspace=workspace)
    keep(workspace, head, "log", options, document, lang)


@click.group()
def audit() -> None:
    """Check the ledger's integrity.

    \b
    Example:
      toolbench audit verify
    """


_ANCHOR = re.compile(r"#?(\d+)(?::|\s+)([0-9a-fA-F]+)")


def _anchor(value: str) -> tuple[int, str]:
    """`SEQ:HASH` (also `#SEQ HASH`, as documents print it) with at least ANCHOR_MIN_HEX hex digits."""
    match = _ANCHOR.fullmatch(value.strip())
    if match is None or not ANCHOR_MIN_HEX <= len(match.group(2)) <= 64:
        raise click.UsageError(translate("anchor.usage", detect_lang(), value=value))
    return int(match.group(1)), match.group(2).lower()


@audit.command()
@click.option(
    "--head",
    "heads",
    multiple=True,
    metavar="SEQ:HASH",
    help="A head printed earlier (e.g. 78:673750e33d0e from `台帳 #78 673750e33d0e`): prove it is still in the chain.",
)
@click.option(
    "--rebuild",
    is_flag=True,
    help="Rebuild the table of current scores from the events first (when verify reports it does not match).",
)
@click.pass_obj
def verify(state: State, heads: tuple[str, ...], rebuild: bool) -> None:
    """Recompute the hash chain; name the first event that was edited, removed or reordered.

    Exits 0 when the chain holds, 1 when it does not. With --head SEQ:HASH (a head a
    document printed, at least 12 hex digits of its hash), also proves that event SEQ
    still has that hash: a chain rewritten after the head was printed fails. The
    table of current scores kept beside the events is rebuilt from them and compared;
    --rebuild replaces it with the one the events give (nothing in the chain changes).

    \b
    Example:
      toolbench audit verify
      toolbench audit verify --head 78:673750e33d0e
    """
    anchors = [_anchor(value) for value in heads]
    lang = state.lang
    location = snapshot.ledger_location(state.directory)
    if location is None or rebuild:  # the workspace itself: it says what is wrong with the plan, or rebuilds
        workspace = state.workspace()
        if rebuild:
            workspace.ledger.rebuild_projection()
        result = workspace.verify()
    else:  # the chain alone needs no plan: an auditor can check it whatever the plan says
        with open_ledger(location) as ledger:
            result = ledger.verify()
    if result.ok:
        for seq, prefix in anchors:
            problem = result.anchor(seq, prefix)
            if problem is not None:
                key, params = problem
                raise LedgerError("anchor.bad", seq=seq, hash=prefix, reason=Message(key, **params))
        if result.count == 0:
            click.echo(translate("audit.empty", lang))
        else:
            click.echo(translate("audit.ok", lang, count=result.count, head=(result.head_hash or "")[:16]))
        for seq, prefix in anchors:
            click.echo(translate("anchor.ok", lang, seq=seq, hash=prefix, count=result.count))
        return
    assert result.reason_key is not None and result.bad_seq is not None
    reason = Message(result.reason_key, **result.reason_params)
    raise LedgerError("audit.bad", seq=result.bad_seq, reason=reason)
