"""`toolbench matrix`: the comparison matrix in every format."""

from __future__ import annotations

from pathlib import Path

import click

from .. import _snapshot
from ..rendering.formats import json_text, render_view
from ._common import FORMAT_OPTION, OUTPUT_OPTION, State, console, emit


def current_matrix(state: State) -> _snapshot.Snapshot:
    """The matrix for the workspace as it is now: from the snapshot cache, else computed."""
    cached = _snapshot.lookup(state.directory, state.lang_option)
    if cached is not None:
        return cached
    from ..rendering.formats import matrix_data
    from ..rendering.matrix import matrix_view

    workspace = state.workspace()
    evaluation = workspace.evaluate()
    snapshot = _snapshot.Snapshot(matrix_view(evaluation, state.lang), matrix_data(evaluation))
    _snapshot.store(workspace.root, workspace.plan.hash, evaluation.head_seq, evaluation.head_hash, snapshot)
    return snapshot


@click.command()
@FORMAT_OPTION
@OUTPUT_OPTION
@click.pass_obj
def matrix(state: State, fmt: str, output: Path | None) -> None:
    """Print the comparison matrix: criteria by group, subtotals, totals and ranks.

    Each figure is the mean of the evaluators' ratios × the criterion's points;
    the levels behind it are shown under it. Missing scores are marked, never
    counted as zero. CSV is UTF-8 with BOM so Japanese Excel opens it.

    \b
    Example:
      toolbench matrix
      toolbench matrix --format csv -o matrix.csv
      toolbench --lang en matrix --format json
    """
    snapshot = current_matrix(state)
    view = snapshot.view
    if fmt == "table" and output is None:
        from ..rendering.table import table_renderable

        console().print(table_renderable(view))
        return
    if fmt == "json":
        text = json_text(snapshot.data)
    else:
        text = render_view(view, fmt)
    emit(text, output, bom=fmt == "csv", lang=view.lang)
