"""`toolbench fairness`: the rater checks, in every format.

The checks are computed by `toolbench.methods.fairness` and written as a document by
`toolbench.documents.fairness`; this module parses the options and shows the document.
A document once shown is kept for the same plan, ledger head, language and options
(`toolbench.workspace.snapshot`), so asking again answers without the plan models
(`_common.show_kept` and `_common.keep`, which `toolbench weights` uses too).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

import click

from toolbench.base.i18n import translate
from toolbench.cli._common import (
    DOCUMENT_FORMAT_OPTION,
    ENCODING_OPTION,
    OUTPUT_OPTION,
    State,
    keep,
    show_document,
    show_kept,
)
from toolbench.cli.procedure import STAGE_OPTION, StageOf, stage_options
from toolbench.cli.progress import label, reporter


def _share(ctx: click.Context, param: click.Parameter, value: str | None) -> Decimal | None:
    if value is None:
        return None
    state = ctx.find_object(State)
    lang = state.lang if state else "en"
    try:
        share = Decimal(value.strip().rstrip("%").strip())
        if value.strip().endswith("%"):
            share /= 100
    except InvalidOperation:
        raise click.BadParameter(translate("fair.bad_share", lang, share=value)) from None
    if not share.is_finite() or not 0 < share <= 1:
        raise click.BadParameter(translate("fair.bad_share", lang, share=value))
    return share


@click.command()
@click.option(
    "--share",
    default=None,
    metavar="SHARE",
    callback=_share,
    help="List cells whose spread is this share of the scale or more, e.g. 0.3 or 30% "
    "(default: the plan's [fairness] divergence_share, 0.3 unless set).",
)
@click.option("--seed", type=int, default=1, show_default=True, help="Seed of the Monte-Carlo permutation test.")
@click.option(
    "--samples",
    type=click.IntRange(min=0),
    default=10_000,
    show_default=True,
    help="Random arrangements drawn when the exact permutation test would take more than 200,000.",
)
@STAGE_OPTION
@DOCUMENT_FORMAT_OPTION
@OUTPUT_OPTION
@ENCODING_OPTION
@click.pass_obj
def fairness(
    state: State,
    share: Decimal | None,
    seed: int,
    samples: int,
    stage: str | None,
    fmt: str | None,
    output: Path | None,
    encoding: str,
) -> None:
    """Rater checks: leniency, divergent cells, Kendall's W, and leave one evaluator out.

    Leniency is each evaluator's mean deviation from the others on the cells they
    share; divergent cells (spread ≥ the share of the scale) are listed for the
    committee meeting; Kendall's W says how alike the evaluators rank the tools,
    with an exact or seeded Monte-Carlo permutation test; leaving each evaluator
    out in turn shows whether the winner or any rank depends on one person.
    Recusals are listed first: a recused evaluator's scores count nowhere.
    A plan with stages checks one scored stage at a time (--stage).

    \b
    Example:
      toolbench fairness
      toolbench fairness --share 0.25
      toolbench fairness --seed 7 --samples 50000 --format json -o fairness.json
      toolbench --lang ja fairness -o 評価者チェック.md
      toolbench fairness -o fairness.xlsx
      toolbench fairness --stage presentation
    """
    options = (f"share={share}", f"seed={seed}", f"samples={samples}", *stage_options(stage))
    if show_kept(state, "fairness", options, fmt, output, encoding):
        return
    from toolbench.documents.fairness import fairness_document  # lazy: pydantic (the plan models)
    from toolbench.methods.fairness import fairness_report  # lazy: pydantic (the plan models)

    workspace = state.workspace()
    head = workspace.ledger.head()
    with reporter().task(label("compute", state.lang, what=translate("fair.title_short", state.lang))):
        source = workspace if stage is None else StageOf(workspace, stage)
        report = fairness_report(source, share=share, seed=seed, samples=samples)
    document = fairness_document(report, state.lang, share_from_option=share is not None)
    show_document(document, fmt, output, state.lang, encoding=encoding, workspace=workspace)
    keep(workspace, head, "fairness", options, document, state.lang)
