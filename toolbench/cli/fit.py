"""`toolbench fit`: requirement fit tables (機能要件適合表) out to proposers, back into the ledger, verified.

Each command parses its options and makes one library call: the table as a file is
`toolbench.workspace.fit_sheet`, answers and their verification `Workspace.fitting`,
the comparison `toolbench.documents.fit`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from toolbench.base.display import displayable
from toolbench.base.i18n import Lang, Message, translate
from toolbench.cli._common import (
    DOCUMENT_FORMAT_OPTION,
    ENCODING_OPTION,
    OUTPUT_OPTION,
    SHEET_FORMAT_OPTION,
    SHEET_OUTPUT_OPTION,
    State,
    default_actor,
    emit_bytes,
    show_document,
)
from toolbench.cli.completion import complete_tools
from toolbench.cli.procedure import ACTOR_OPTION, STAGE_OPTION
from toolbench.methods.fit import FIT_KINDS, fit_state
from toolbench.workspace.fit import FitError
from toolbench.workspace.fit_sheet import (
    TemplateFormat,
    answer_marks,
    fit_list_document,
    import_answers,
    write_template,
)

if TYPE_CHECKING:
    from toolbench.store.ledger import Event
    from toolbench.workspace.workspace import Workspace

_ACTIONS = {
    "accept": "accept",
    "downgrade": "downgrade",
    "query": "query",
    "承認": "accept",
    "格下げ": "downgrade",
    "照会": "query",
}


def _tool_name(workspace: Workspace, tool_id: str, lang: Lang) -> str:
    """A proposer as a confirmation names it: its label while blind, else its name and id."""
    labels = workspace.blind_labels() or {}
    if tool_id in labels:
        return labels[tool_id]
    tool = workspace.plan.tool(tool_id)
    name = tool.name.get(lang) if tool is not None else ""
    if not name or name == tool_id:
        return displayable(tool_id)
    return displayable(translate("fcli.named", lang, name=name, id=tool_id))


def _seqs(events: Sequence[Event], lang: Lang) -> str:
    """Event numbers as a range when they run on (12-15), else listed."""
    numbers = [e.seq for e in events]
    if len(numbers) > 1 and numbers == list(range(numbers[0], numbers[0] + len(numbers))):
        return translate("fcli.seq_range", lang, first=numbers[0], last=numbers[-1])
    return ", ".join(str(n) for n in numbers)


@click.group()
def fit() -> None:
    """Requirement fit tables (機能要件適合表): each proposer's ○ △ × － per requirement, verified.

    \b
    Example:
      toolbench fit template kamiscan -o kamiscan-fit.xlsx
      toolbench fit import kamiscan kamiscan-fit.xlsx
      toolbench fit verify kamiscan R-03 accept
      toolbench fit report -o fit.xlsx
    """


@fit.command("template")
@click.argument("tool", shell_complete=complete_tools)
@SHEET_FORMAT_OPTION
@SHEET_OUTPUT_OPTION
@ENCODING_OPTION
@click.pass_obj
def fit_template(state: State, tool: str, fmt: str | None, output: Path | None, encoding: str) -> None:
    """Write the fit table a proposer fills in (XLSX or CSV).

    One row per requirement of the plan's list: its id, category, text and
    priority, and empty Answer and Remarks cells. Above the table: the proposer,
    the plan hash and when the table was made, which the import checks. The
    workbook is locked except the cells to fill in, offers ○ △ × － as a list
    and prints on A4. CSV is UTF-8 with a BOM (CP932 with --encoding cp932).

    \b
    Example:
      toolbench fit template kamiscan -o kamiscan-fit.xlsx
      toolbench fit template kamiscan -o kamiscan-fit.csv --encoding cp932
    """
    workspace = state.workspace()
    lang = state.lang
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    if fmt is None:
        fmt = "xlsx" if suffix == "xlsx" else "csv"
    elif suffix in ("xlsx", "csv") and suffix != fmt:
        raise click.UsageError(translate("sheet.format_suffix", lang, fmt=fmt, path=str(output)))
    if fmt == "xlsx" and output is None:
        raise click.UsageError(translate("xlsx.needs_output", lang))
    if fmt == "xlsx" and encoding != "utf-8":
        raise click.UsageError(translate("encoding.only_csv", lang))
    tool_id = workspace.resolve_tool(tool)
    data = write_template(workspace, tool_id, cast(TemplateFormat, fmt), lang, encoding=encoding)
    emit_bytes(data, output, lang=lang)


@fit.command("import")
@click.argument("tool", shell_complete=complete_tools)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--reason", default=None, help="Why recorded answers change (required to change one).")
@click.option("--dry-run", is_flag=True, help="Check the file and say what would be recorded; record nothing.")
@ACTOR_OPTION
@click.pass_obj
def fit_import(state: State, tool: str, file: Path, reason: str | None, dry_run: bool, actor: str | None) -> None:
    """Record a proposer's filled-in fit table, all or nothing.

    FILE is the table `toolbench fit template` wrote for TOOL (.xlsx, or .csv in
    UTF-8 or CP932), as the proposer filled it in. Every row is checked first and
    each problem is named by its row and column; nothing is recorded unless the
    whole file is good. Answers already recorded are skipped, so importing the
    same file again records nothing; a changed answer needs --reason.

    \b
    Example:
      toolbench fit import kamiscan kamiscan-fit.xlsx --dry-run
      toolbench fit import kamiscan kamiscan-fit.xlsx
      toolbench fit import kamiscan kamiscan-fit-v2.xlsx --reason "corrected answers of 2026-05-10"
    """
    workspace = state.workspace()
    lang = state.lang
    tool_id = workspace.resolve_tool(tool)
    result = import_answers(workspace, tool_id, file, actor=actor or default_actor(), reason=reason, dry_run=dry_run)
    name = displayable(result.contents.file)
    if result.plan_changed:
        click.echo(
            translate(
                "fcli.plan_changed", lang, file=name, file_hash=result.contents.plan_hash, plan_hash=result.plan_hash
            ),
            err=True,
        )
    fields: dict[str, object] = {
        "file": name,
        "tool": _tool_name(workspace, tool_id, lang),
        "new": len(result.recorded),
        "same": result.unchanged,
        "changed": result.changed,
    }
    if dry_run:
        click.echo(translate("fcli.dry_run", lang, **fields))
    elif not result.recorded:
        click.echo(translate("fcli.nothing_changed", lang, **fields))
    elif result.changed:
        why = displayable((reason or "").strip())
        click.echo(translate("fcli.imported_changed", lang, seqs=_seqs(result.recorded, lang), reason=why, **fields))
    else:
        click.echo(translate("fcli.imported", lang, seqs=_seqs(result.recorded, lang), **fields))


@fit.command("verify")
@click.argument("tool", shell_complete=complete_tools)
@click.argument("requirement")
@click.argument("action", metavar="ACTION", type=click.Choice(list(_ACTIONS), case_sensitive=False))
@click.option("--reason", default=None, help="Why: required to downgrade or query an answer.")
@ACTOR_OPTION
@click.pass_obj
def fit_verify(state: State, tool: str, requirement: str, action: str, reason: str | None, actor: str | None) -> None:
    """Verify a proposer's answer to one requirement: accept, downgrade or query it.

    accept (承認) lets the answer count as given; for △ it records that the
    alternative was reviewed. downgrade (格下げ) counts ○ as △ and △ as ×;
    query (照会) asks the proposer and leaves the answer unverified. A downgrade
    and a query need --reason. A new answer to the requirement needs verifying
    again.

    \b
    Example:
      toolbench fit verify kamiscan R-03 accept
      toolbench fit verify kamiscan R-07 downgrade --reason "the alternative needs a paid add-on"
      toolbench fit verify kamiscan R-09 照会 --reason "which release brings it?"
    """
    workspace = state.workspace()
    lang = state.lang
    tool_id = workspace.resolve_tool(tool)
    chosen = _ACTIONS[action.lower()]
    try:
        event = workspace.fitting.verify(tool_id, requirement, chosen, actor=actor or default_actor(), reason=reason)
    except FitError as error:
        raise FitError(error.key, **answer_marks(error.params)) from None
    p = event.payload
    fields: dict[str, object] = {
        "tool": _tool_name(workspace, tool_id, lang),
        "requirement": displayable(requirement),
        "seq": event.seq,
        "reason": displayable(str(p.get("reason", ""))),
        "value": Message(f"fit.answer.{p.get('value')}"),
    }
    with workspace.ledger.reading() as view:  # the answer verified, as the proposer gave it
        answered = fit_state(view.events(FIT_KINDS)).answers.get((tool_id, requirement))
    written = answered.answer if answered is not None and answered.seq == p.get("answer") else p.get("value")
    fields["answer"] = Message(f"fit.answer.{written}")
    key = {"accept": "fcli.accepted", "downgrade": "fcli.downgraded", "query": "fcli.queried"}[chosen]
    click.echo(translate(key, lang, **fields))


@fit.command("accept-rest")
@click.argument("tool", shell_complete=complete_tools)
@ACTOR_OPTION
@click.pass_obj
def fit_accept_rest(state: State, tool: str, actor: str | None) -> None:
    """Accept every answer of TOOL not verified yet, except △.

    For the 事務局 that has checked a proposal's ○ and × against its documents and
    downgraded or queried the ones it doubts. Each △ is accepted one by one with
    `fit verify`, once its alternative is reviewed.

    \b
    Example:
      toolbench fit accept-rest kamiscan
    """
    workspace = state.workspace()
    lang = state.lang
    tool_id = workspace.resolve_tool(tool)
    recorded = workspace.fitting.accept_rest(tool_id, actor=actor or default_actor())
    if not recorded:
        click.echo(translate("fcli.accept_rest_none", lang, tool=_tool_name(workspace, tool_id, lang)))
        return
    click.echo(
        translate(
            "fcli.accept_rest",
            lang,
            tool=_tool_name(workspace, tool_id, lang),
            count=len(recorded),
            seqs=_seqs(recorded, lang),
        )
    )


@fit.command("list")
@click.argument("tool", required=False, shell_complete=complete_tools)
@DOCUMENT_FORMAT_OPTION
@OUTPUT_OPTION
@ENCODING_OPTION
@click.pass_obj
def fit_list(state: State, tool: str | None, fmt: str | None, output: Path | None, encoding: str) -> None:
    """List the requirements, or one proposer's answers and where each stands.

    Without TOOL: every requirement with its category, priority and criterion.
    With TOOL: the proposer's own answer and remarks, the answer that counts, its
    verification (unverified, accepted, downgraded, queried), the points it gives
    and the events behind it. An unverified △ counts as × until accepted.

    \b
    Example:
      toolbench fit list
      toolbench fit list kamiscan
      toolbench fit list kamiscan -o kamiscan-answers.csv
    """
    workspace = state.workspace()
    lang = state.lang
    tool_id = workspace.resolve_tool(tool) if tool is not None else None
    document = fit_list_document(workspace, lang, tool_id)
    show_document(document, fmt, output, lang, encoding=encoding, workspace=workspace)


@fit.command("report")
@DOCUMENT_FORMAT_OPTION
@OUTPUT_OPTION
@ENCODING_OPTION
@STAGE_OPTION
@click.pass_obj
def fit_report(state: State, fmt: str | None, output: Path | None, encoding: str, stage: str | None) -> None:
    """Compare the proposers' fit tables: answers, what counts, points and verification.

    The comparison document of every fit criterion, as the evaluation counts it
    now; unverified answers are marked as such. A plan with stages shows the
    stage asked for (--stage), else the one open now.

    \b
    Example:
      toolbench fit report
      toolbench fit report -o fit.xlsx
      toolbench fit report --stage documents -o fit.html
    """
    # lazy: the comparison document is needed by this command only
    from toolbench.documents.fit import fit_report_document  # lazy: only `fit report` builds the comparison

    workspace = state.workspace()
    lang = state.lang
    evaluation = workspace.evaluate(stage=stage)
    document = fit_report_document(evaluation, lang, now=datetime.now(UTC))
    show_document(document, fmt, output, lang, encoding=encoding, workspace=workspace)
