"""`toolbench sheet`: score sheets (採点表) out to evaluators as XLSX or CSV, and back into the ledger."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import click

from toolbench.base.errors import OutputError
from toolbench.base.files import atomic_write_bytes
from toolbench.base.i18n import translate
from toolbench.cli._common import SHEET_FORMAT_OPTION, SHEET_OUTPUT_OPTION, State, default_actor
from toolbench.cli.completion import complete_evaluators
from toolbench.cli.procedure import STAGE_OPTION
from toolbench.cli.progress import label, reporter, verbosity_options
from toolbench.workspace.sheets import SheetError, SheetFormat, export_sheet, import_sheet


@click.group()
def sheet() -> None:
    """Score sheets (採点表): one evaluator's form of tools × criteria, filled in and read back.

    \b
    Example:
      toolbench sheet export --evaluator aoki -o aoki.xlsx
      toolbench sheet import aoki.xlsx --dry-run
      toolbench sheet import aoki.xlsx
    """


@sheet.command("export")
@click.option(
    "--evaluator",
    "-e",
    required=True,
    shell_complete=complete_evaluators,
    help="Id of the evaluator the sheet is for.",
)
@SHEET_FORMAT_OPTION
@SHEET_OUTPUT_OPTION
@click.option("--blank", is_flag=True, help="Leave every level cell empty, even where the evaluator has scored.")
@STAGE_OPTION
@click.pass_obj
def sheet_export(
    state: State, evaluator: str, fmt: str | None, output: Path | None, blank: bool, stage: str | None
) -> None:
    """Write an evaluator's score sheet (XLSX or CSV) to fill in.

    One row per judged criterion with its points, levels and anchors, one column
    per tool. The evaluator's current levels are filled in (unless --blank), so the
    sheet also shows what is recorded. CSV is UTF-8 with a BOM so that Japanese
    Excel opens it. A plan with stages gives the sheet of one scored stage
    (--stage): its criteria and the proposers taking part in it.

    \b
    Example:
      toolbench sheet export --evaluator aoki -o aoki.xlsx
      toolbench --lang en sheet export -e ishii --format csv > ishii.csv
      toolbench sheet export -e aoki --stage presentation -o aoki-presentation.xlsx
    """

    workspace = state.workspace()
    lang = state.lang
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    if fmt is None:
        fmt = "xlsx" if suffix == "xlsx" else "csv"
    elif suffix in ("xlsx", "csv") and suffix != fmt:
        raise SheetError("sheet.format_suffix", fmt=fmt, path=str(output))
    if fmt == "xlsx" and output is None:
        raise SheetError("sheet.xlsx_needs_output")
    data = export_sheet(workspace, evaluator, cast(SheetFormat, fmt), lang, blank=blank, stage=stage)
    if output is None:
        click.echo(data, nl=False)
        return
    if output.is_dir():
        raise OutputError("output.exists_dir", path=str(output))
    try:
        atomic_write_bytes(output, data)
    except OSError as error:
        raise OutputError("output.write", path=str(output), reason=error.strerror or str(error)) from None
    click.echo(translate("written", lang, path=output), err=True)


@sheet.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--evaluator",
    "-e",
    default=None,
    shell_complete=complete_evaluators,
    help="Refuse the sheet unless it is this evaluator's.",
)
@click.option("--reason", default=None, help="Why recorded levels change (required to change one).")
@click.option("--dry-run", is_flag=True, help="Check the sheet and list what would be recorded; record nothing.")
@click.option("--actor", default=None, help="Who is recording (default: $TOOLBENCH_ACTOR, else your login).")
@verbosity_options
@click.pass_obj
def sheet_import(
    state: State, file: Path, evaluator: str | None, reason: str | None, dry_run: bool, actor: str | None
) -> None:
    """Record the levels of a filled-in score sheet, all or nothing.

    FILE is a sheet written by `toolbench sheet export` (.xlsx or .csv); the
    evaluator is the one named on it.

    Every cell is checked first and problems are named by cell (C7); nothing is
    recorded unless the whole sheet is good. Empty cells are not recorded, and levels
    already recorded are skipped, so importing the same sheet twice records nothing new.
    Each level recorded is listed; a long sheet (or any with --quiet) shows a
    progress bar and the summary only, unless --verbose.

    \b
    Example:
      toolbench sheet import aoki.xlsx --dry-run
      toolbench sheet import aoki.xlsx --reason "re-read the pilot report"
    """

    workspace = state.workspace()
    lang = state.lang
    shown = reporter()
    with shown.task(label("read", lang, file=file.name)) as progress:
        result = import_sheet(
            workspace,
            file,
            actor=actor or default_actor(),
            evaluator=evaluator,
            reason=reason,
            dry_run=dry_run,
            progress=progress,
        )
    contents, outcome = result.contents, result.outcome
    name = contents.file
    if result.plan_changed:
        click.echo(
            translate("sheet.plan_changed", lang, file=name, sheet_hash=contents.plan_hash, plan_hash=result.plan_hash),
            err=True,
        )
    same = len(outcome.unchanged_cells)
    if not contents.entries:
        click.echo(translate("sheet.empty", lang, file=name))
        return
    labels = workspace.blind_labels() or {}  # blind: name tools by their labels
    total = len(outcome.recorded)
    for event in outcome.recorded if shown.shows_items(total) else ():
        p = event.payload
        tool, criterion = labels.get(str(p["tool"]), str(p["tool"])), str(p["criterion"])
        fields = {"cell": contents.cell_of(tool, criterion), "tool": tool, "criterion": criterion, "level": p["level"]}
        if "supersedes" in p:
            shown.item(translate("sheet.line_correction", lang, seq=p["supersedes"], **fields), total=total)
        else:
            shown.item(translate("sheet.line", lang, **fields), total=total)
    if dry_run:
        new = len(outcome.recorded)
        click.echo(translate("sheet.summary", lang, file=name, evaluator=contents.evaluator, new=new, same=same))
        click.echo(translate("sheet.dry_run", lang))
    elif not outcome.recorded:
        click.echo(translate("sheet.nothing_changed", lang, file=name, same=same))
    else:
        new = len(outcome.recorded)
        click.echo(translate("sheet.imported", lang, file=name, evaluator=contents.evaluator, new=new, same=same))
