"""`toolbench robustness`: what it would take for the ranking to change (sensitivity, SMAA-2, leave-one-out)."""

from __future__ import annotations

from pathlib import Path

import click

from toolbench.cli._common import (
    DOCUMENT_FORMAT_OPTION,
    ENCODING_OPTION,
    OUTPUT_OPTION,
    State,
    keep,
    show_document,
    show_kept,
)
from toolbench.cli.procedure import STAGE_OPTION, stage_options
from toolbench.cli.progress import label, reporter, verbosity_options
from toolbench.methods.robustness_options import DEFAULT_SAMPLES, RobustnessError, check_options


@click.command()
@click.option(
    "--samples",
    type=int,
    default=DEFAULT_SAMPLES,
    show_default=True,
    help="How many weight vectors SMAA-2 draws.",
)
@click.option(
    "--seed", type=int, default=0, show_default=True, help="Seed of the random draws (same seed, same figures)."
)
@click.option(
    "--weights",
    "weights",
    default="uniform",
    show_default=True,
    metavar="uniform|hearings",
    help="How SMAA-2 draws weights: uniformly over every weighting, or around the hearing results "
    "(as far apart as the respondents were).",
)
@click.option(
    "--score-uncertainty",
    is_flag=True,
    help="Also draw each cell scored by evaluators who disagree between their lowest and highest ratio "
    "(triangular, most likely at the committee's figure).",
)
@STAGE_OPTION
@DOCUMENT_FORMAT_OPTION
@OUTPUT_OPTION
@ENCODING_OPTION
@verbosity_options
@click.pass_context
def robustness(
    ctx: click.Context,
    samples: int,
    seed: int,
    weights: str,
    score_uncertainty: bool,
    stage: str | None,
    fmt: str | None,
    output: Path | None,
    encoding: str,
) -> None:
    """How much would have to change for the ranking to change.

    One weight at a time, exactly: how far each criterion's weight could move before
    another candidate draws level with the winner, with the others rescaled to keep
    100 % and with that criterion's points changed alone. SMAA-2: how often each
    candidate takes each rank when the weights (and, with --score-uncertainty, the
    evaluators' scores) vary; seeded, so the same seed prints the same figures.
    Leave-one-bidder-out: under the lowest-price ratio, whether removing one bid
    reorders the others. A plan with stages is analysed one scored stage at a
    time (--stage).

    \b
    Example:
      toolbench robustness
      toolbench robustness --weights hearings --score-uncertainty
      toolbench robustness --samples 50000 --seed 7 --format json -o robustness.json
      toolbench --lang en robustness --format markdown
      toolbench robustness --stage presentation
    """
    state = ctx.find_object(State)
    assert state is not None
    try:
        check_options(samples, weights)
    except RobustnessError as error:
        click.echo(f"toolbench: {error.message(state.lang)}", err=True)
        ctx.exit(2)
    options = (
        f"samples={samples}",
        f"seed={seed}",
        f"weights={weights}",
        f"scores={score_uncertainty}",
        *stage_options(stage),
    )
    if show_kept(state, "robustness", options, fmt, output, encoding):
        return
    from toolbench.documents.robustness import robustness_document  # lazy: pydantic (the plan models)
    from toolbench.methods.robustness import analyse  # lazy: pydantic (the plan models)

    workspace = state.workspace()
    head = workspace.ledger.head()
    evaluation = workspace.evaluate(stage=stage)
    lang = state.lang
    with reporter(ctx).task(label("smaa", lang)) as progress:
        result = analyse(
            evaluation,
            samples=samples,
            seed=seed,
            weights=weights,
            score_uncertainty=score_uncertainty,
            progress=progress,
        )
    document = robustness_document(result, lang)
    show_document(document, fmt, output, lang, encoding=encoding, workspace=workspace)
    keep(workspace, head, "robustness", options, document, lang)
