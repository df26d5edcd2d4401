"""`toolbench matrix` in every format, and `toolbench report`: the procurement set."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from toolbench.base.i18n import Lang, translate
from toolbench.base.paths import STATE_DIR, find_root
from toolbench.cli._common import (
    DOCUMENT_FORMAT_OPTION,
    ENCODING_OPTION,
    OUTPUT_OPTION,
    State,
    console,
    formats_option,
    show_document,
)
from toolbench.cli.procedure import STAGE_OPTION, stage_options
from toolbench.documents.matrix import matrix_document, matrix_view
from toolbench.documents.results import matrix_data
from toolbench.renderers.writers import format_for, renderable
from toolbench.workspace import snapshot as _snapshot

if TYPE_CHECKING:
    from toolbench.documents.model import MatrixView
    from toolbench.methods.evaluation import Evaluation
    from toolbench.workspace.workspace import Workspace

DETAIL_LIMIT = 20_000
"""Up to this many ledger events, `matrix --format json` lists every score behind each cell unless told not to."""


def staged_view(
    workspace: Workspace, evaluation: Evaluation, stage: str | None, without: tuple[str, ...], lang: Lang
) -> MatrixView:
    """The matrix view of `evaluation`; for a plan with stages, with the procedure of its stage (`stage`, else
    the one `Workspace.evaluate` picks)."""
    view = matrix_view(evaluation, lang)
    if not workspace.plan.stages or workspace.blind_labels() is not None:
        return view  # while blind, the procedure's notes would name the proposers behind the labels
    from toolbench.documents.procedure import with_procedure  # lazy: only a plan with stages shows its procedure
    from toolbench.methods.procedure import pick_stage  # lazy: pydantic (the plan models)

    found = workspace.procedure(without=without)
    return with_procedure(view, found, pick_stage(found, stage).stage.id, lang)


def current_matrix(
    state: State, without: tuple[str, ...] = (), *, detail: bool | None = False, stage: str | None = None
) -> _snapshot.Snapshot:
    """The matrix for the workspace as it is now (of `stage`, else the current one): kept, else computed.

    With `detail` its data lists every cell's scores (the JSON document); without, the
    names and figures only (what the other formats draw on); None: the scores up to
    `DETAIL_LIMIT` events. A matrix without some evaluators is always computed (and
    never cached).
    """

    try:  # while blind, the sealed mapping must be checked on every run: no snapshot
        blind = (find_root(Path(state.directory or ".")) / STATE_DIR / "blind.json").exists()
    except Exception:  # noqa: BLE001 - no workspace: the command reports it when it opens one
        blind = False
    options = stage_options(stage)
    cached = None if without or blind else _snapshot.lookup(state.directory, state.lang_option, options)
    if cached is not None:
        if not (detail if detail is not None else cached.events <= DETAIL_LIMIT):
            return cached
        full = _snapshot.lookup_data(cached)
        if full is not None:
            return full

    workspace = state.workspace()
    evaluation = workspace.evaluate(without=without, stage=stage)
    names_only = matrix_data(evaluation, detail=False)
    wanted = detail if detail is not None else evaluation.head_seq <= DETAIL_LIMIT
    full_data = matrix_data(evaluation) if wanted else None
    view = staged_view(workspace, evaluation, stage, without, state.lang)
    snapshot = _snapshot.Snapshot(view, names_only, events=evaluation.head_seq)
    if not without and not blind:
        root, plan_hash = workspace.root, workspace.plan.hash
        head_seq, head_hash = evaluation.head_seq, evaluation.head_hash
        snapshot = _snapshot.store(root, plan_hash, head_seq, head_hash, snapshot, detail=full_data, options=options)
    return snapshot if full_data is None else replace(snapshot, data=full_data)


def _print_table(state: State, stage: str | None) -> None:
    """The matrix on the terminal; the same terminal asking again is shown what was drawn for it."""
    screen = console()
    how = f"table|{screen.width}|{screen.color_system}|{screen.is_terminal}|{screen.no_color}|{screen.encoding}"
    text = _snapshot.lookup_printed(state.directory, state.lang_option, how, stage_options(stage))
    if text is None:
        snapshot = current_matrix(state, detail=False, stage=stage)
        document = matrix_document(snapshot.view, snapshot.data, generated=datetime.now(UTC))
        with screen.capture() as drawn:
            screen.print(renderable(document, ()))
        text = drawn.get()
        _snapshot.store_printed(snapshot, how, text)
    sys.stdout.write(text)
    sys.stdout.flush()


@click.command()
@DOCUMENT_FORMAT_OPTION
@OUTPUT_OPTION
@ENCODING_OPTION
@click.option(
    "--without",
    multiple=True,
    metavar="EVALUATOR",
    help="Leave this evaluator's scores out of every figure (repeatable), to see what they change.",
)
@click.option(
    "--detail/--no-detail",
    default=None,
    help="JSON: list every score behind each cell (who, which level, when). "
    f"The default lists them for ledgers of up to {DETAIL_LIMIT:,} events.",
)
@STAGE_OPTION
@click.pass_obj
def matrix(
    state: State,
    fmt: str | None,
    output: Path | None,
    encoding: str,
    without: tuple[str, ...],
    detail: bool | None,
    stage: str | None,
) -> None:
    """Print the comparison matrix: criteria by group, subtotals, totals and ranks.

    Each figure is the mean of the evaluators' ratios × the criterion's points;
    the levels behind it are shown under it. Missing scores are marked, never
    counted as zero. CSV is UTF-8 with BOM so Japanese Excel opens it (or CP932
    with --encoding cp932). HTML is one self-contained page with charts that
    prints on A4 landscape; XLSX (needs -o) adds each evaluator's levels, the
    points and the plan hash and ledger head. JSON lists every score behind each
    cell; above 20,000 events only with --detail (the document then says
    "detail": false), since a city-wide survey's detail runs to hundreds of MB.
    A plan with stages shows one scored stage at a time (--stage), with who
    takes part, who withdrew and who goes on.

    \b
    Example:
      toolbench matrix
      toolbench matrix -o matrix.csv
      toolbench matrix --encoding cp932 -o matrix-sjis.csv
      toolbench matrix -o matrix.html
      toolbench matrix -o matrix.xlsx
      toolbench --lang en matrix --format json
      toolbench matrix --without ueda
      toolbench matrix --stage presentation
    """
    fmt = format_for(output, fmt)
    if fmt == "xlsx":
        from toolbench.documents.procurement import matrix_workbook_document  # lazy: pydantic, for workbooks only

        workspace = state.workspace()
        evaluation = workspace.evaluate(without=without, stage=stage)
        view = staged_view(workspace, evaluation, stage, without, state.lang)
        document = matrix_workbook_document(evaluation, view, now=datetime.now(UTC))
    elif fmt == "table" and output is None and encoding == "utf-8" and not without:
        _print_table(state, stage)
        return
    else:
        snapshot = current_matrix(state, without, detail=detail if fmt == "json" else False, stage=stage)
        generated = datetime.now(UTC) if fmt == "html" else None
        document = matrix_document(snapshot.view, snapshot.data, generated=generated)
    show_document(document, fmt, output, document.lang, encoding=encoding)


@click.command()
@click.argument("outdir", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "formats",
    default="xlsx,html,csv",
    show_default=True,
    callback=formats_option,
    help="Which files to write, separated by commas: xlsx, html, csv.",
)
@click.option(
    "--selected",
    metavar="TOOL",
    default=None,
    help="The tool the public results name (default: the eligible tool ranked first); the others are pseudonymised.",
)
@ENCODING_OPTION
@click.option("--force", is_flag=True, help="Replace the contents of OUTDIR when it is not empty.")
@click.pass_obj
def report(
    state: State, outdir: Path, formats: tuple[str, ...], selected: str | None, encoding: str, force: bool
) -> None:
    """Write the procurement documents into the new folder OUTDIR.

    Each evaluator's scoring sheet (採点表: criteria as rows, proposers as columns,
    配点, remarks, 除斥 for a recusal, a signature line), the committee summary
    (集計表) with the rule and rounding, the public results (the selected candidate
    named, the other bidders as A社, B社 … in rank order) and the log of every changed
    score with its reason: one XLSX with a sheet per part, one HTML page with all
    parts, and one CSV per part. Beside them, the reports the parts point to, in the
    same formats: weights (when hearings exist), fairness, robustness (seed 0),
    the trial board (when trials exist) and the ledger log. Nothing is written
    unless every file could be made.

    \b
    Example:
      toolbench report reports/2026-05
      toolbench report out --format xlsx,csv --encoding cp932
      toolbench --lang en report out --selected kamiscan --force
    """
    from toolbench.workspace.reports import build_report  # lazy: pydantic (the workspace), for reports only

    workspace = state.workspace()
    lang = state.lang
    written = build_report(
        workspace,
        outdir,
        formats,
        lang,
        selected=selected,
        encoding=encoding,
        force=force,
        now=datetime.now(UTC),
    )
    click.echo(translate("report.written", lang, count=len(written), path=outdir))
    for path in written:
        click.echo(f"  {path}")
