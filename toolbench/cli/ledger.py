"""`toolbench log` and `toolbench audit verify`: reading and checking the ledger."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from toolbench.base.errors import LedgerError
from toolbench.base.i18n import Lang, Message, detect_lang, translate
from toolbench.cli._common import DOCUMENT_FORMAT_OPTION, ENCODING_OPTION, OUTPUT_OPTION, State, show_document
from toolbench.documents.log import log_document
from toolbench.store.ledger import format_time


def _parse_since(value: str | None) -> datetime | None:
    """A date or date-time; without a zone it is the local time of this machine."""
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
        moment = moment if moment.tzinfo else moment.astimezone()
        format_time(moment)  # a date so far off that it has no UTC form is refused here
    except (ValueError, OverflowError):
        raise click.UsageError(translate("log.bad_since", detect_lang(), value=value)) from None
    return moment


@click.command()
@click.option("--kind", default=None, help="Only events of this kind (e.g. score or score.recorded).")
@click.option("--tool", default=None, help="Only events about this tool id.")
@click.option("--evaluator", default=None, help="Only events about this evaluator id.")
@click.option("--since", default=None, help="Only events at or after this date/time (local time), e.g. 2026-04-01.")
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
    moment = _parse_since(since)
    workspace = state.workspace()
    lang: Lang = state.lang
    events = workspace.events(kind=kind, tool=tool, evaluator=evaluator, since=moment)
    if not events and (fmt or "table") == "table" and output is None:
        click.echo(translate("log.none", lang))
        return
    show_document(log_document(events, lang), fmt, output, lang, encoding=encoding)


@click.group()
def audit() -> None:
    """Check the ledger's integrity.

    \b
    Example:
      toolbench audit verify
    """


@audit.command()
@click.pass_obj
def verify(state: State) -> None:
    """Recompute the hash chain; name the first event that was edited, removed or reordered.

    Exits 0 when the chain holds, 1 when it does not.

    \b
    Example:
      toolbench audit verify
    """
    workspace = state.workspace()
    lang = state.lang
    result = workspace.verify()
    if result.ok:
        if result.count == 0:
            click.echo(translate("audit.empty", lang))
        else:
            click.echo(translate("audit.ok", lang, count=result.count, head=(result.head_hash or "")[:16]))
        return
    assert result.reason_key is not None and result.bad_seq is not None
    reason = Message(result.reason_key, **result.reason_params)
    raise LedgerError("audit.bad", seq=result.bad_seq, reason=reason)
