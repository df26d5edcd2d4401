"""`toolbench matrix`: the comparison matrix in every format."""

from __future__ import annotations

from pathlib import Path

import click

from ..render.formats import render, table_renderable
from ..render.matrix import matrix_view
from ._common import FORMAT_OPTION, OUTPUT_OPTION, State, console, emit


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
    workspace = state.workspace()
    lang = state.lang
    evaluation = workspace.evaluate()
    if fmt == "table" and output is None:
        console().print(table_renderable(matrix_view(evaluation, lang)))
        return
    emit(render(evaluation, fmt, lang), output, bom=fmt == "csv", lang=lang)
