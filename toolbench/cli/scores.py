"""`toolbench score`: one evaluator's levels for one tool, into the ledger."""

from __future__ import annotations

import click

from toolbench.base.i18n import Lang, translate
from toolbench.cli._common import State, default_actor


def _parse_assignments(pairs: tuple[str, ...], lang: Lang) -> dict[str, str]:
    """CRITERION=LEVEL pairs; a malformed one is a usage mistake (exit 2)."""
    if not pairs:
        raise click.UsageError(translate("score.none", lang))
    scores: dict[str, str] = {}
    for text in pairs:
        criterion, sep, level = text.partition("=")
        if not sep or not criterion.strip() or not level.strip():
            raise click.UsageError(translate("score.bad_assignment", lang, text=text))
        criterion = criterion.strip()
        if criterion in scores:
            raise click.UsageError(translate("score.twice", lang, criterion=criterion))
        scores[criterion] = level.strip()
    return scores


@click.command()
@click.argument("tool")
@click.argument("assignments", nargs=-1, metavar="CRITERION=LEVEL...")
@click.option("--evaluator", "-e", required=True, help="Id of the evaluator whose scores these are.")
@click.option("--reason", default=None, help="Why an existing score changes (required to change one).")
@click.option("--actor", default=None, help="Who is recording (default: $TOOLBENCH_ACTOR, else your login).")
@click.option(
    "--record-anyway",
    is_flag=True,
    help="Keep a score from an evaluator recused from this tool on record (disclosed, never counted).",
)
@click.pass_obj
def score(
    state: State,
    tool: str,
    assignments: tuple[str, ...],
    evaluator: str,
    reason: str | None,
    actor: str | None,
    record_anyway: bool,
) -> None:
    """Record an evaluator's levels for a tool, one ledger event per criterion.

    Every level is checked against the plan first; nothing is recorded unless all
    pass. Giving the current level again records nothing; changing it needs
    --reason.

    \b
    Example:
      toolbench score kamiscan --evaluator aoki accuracy=4 ease-of-use=5 lgwan=pass
      toolbench score kamiscan -e aoki accuracy=3 --reason "re-read the pilot report"
      toolbench score moderate formeye accuracy 4 --comment "agreed at the committee"
    """
    scores = _parse_assignments(assignments, state.lang)
    workspace = state.workspace()
    lang = state.lang
    # a blind label (A, B …) works while blind; messages then keep saying the label
    outcome = workspace.record_scores(
        workspace.resolve_tool(tool),
        evaluator,
        scores,
        actor=actor or default_actor(),
        reason=reason,
        record_anyway=record_anyway,
    )
    for criterion in outcome.unchanged:
        click.echo(translate("score.unchanged", lang, criterion=criterion, value=scores[criterion]))
    if outcome.recorded:
        click.echo(translate("score.recorded", lang, count=len(outcome.recorded), tool=tool, evaluator=evaluator))


@click.command()
@click.argument("tool")
@click.argument("assignments", nargs=-1, metavar="CRITERION=VALUE...")
@click.option("--source", required=True, help="Where the values come from: a test report, a pilot log, and its date.")
@click.option("--reason", default=None, help="Why an existing value changes (required to change one).")
@click.option("--actor", default=None, help="Who is recording (default: $TOOLBENCH_ACTOR, else your login).")
@click.pass_obj
def measure(
    state: State, tool: str, assignments: tuple[str, ...], source: str, reason: str | None, actor: str | None
) -> None:
    """Record measured values of metric criteria for a tool (accuracy %, minutes per case …).

    The plan maps each value to a ratio of the criterion's points by its declared
    rule (ratio to best, min–max, or piecewise between worst and best).

    \b
    Example:
      toolbench measure kamiscan field-accuracy=96.4 --source "pilot 2026-10, 500 forms"
    """
    values = _parse_assignments(assignments, state.lang)
    lang = state.lang
    workspace = state.workspace()
    # a blind label (A, B …) works while blind, as for `score`; messages then keep saying the label
    outcome = workspace.record_metrics(
        workspace.resolve_tool(tool), values, source=source, actor=actor or default_actor(), reason=reason
    )
    for criterion in outcome.unchanged:
        click.echo(translate("metric.unchanged", lang, criterion=criterion, value=values[criterion]))
    if outcome.recorded:
        click.echo(translate("metric.recorded", lang, count=len(outcome.recorded), tool=tool))


@click.command()
@click.argument("tool")
@click.argument("criterion")
@click.argument("level")
@click.option("--comment", required=True, help="The committee's reason for the consensus level (required).")
@click.option("--actor", default=None, help="Who is recording (default: $TOOLBENCH_ACTOR, else your login).")
@click.pass_obj
def moderate(state: State, tool: str, criterion: str, level: str, comment: str, actor: str | None) -> None:
    """Set the committee's consensus level on one cell; it overrides the evaluators' aggregate.

    From then on the individual scores for that cell are frozen. A must-have takes
    pass or fail.

    \b
    Example:
      toolbench moderate formeye accuracy 4 --comment "agreed at the 2nd committee meeting"
    """
    lang = state.lang
    workspace = state.workspace()
    outcome = workspace.moderate(
        workspace.resolve_tool(tool), criterion, level, comment=comment, actor=actor or default_actor()
    )
    if outcome.recorded:
        recorded = outcome.recorded[0].payload["level"]
        click.echo(translate("moderate.recorded", lang, tool=tool, criterion=criterion, level=recorded))
    else:
        click.echo(translate("moderate.unchanged", lang, tool=tool, criterion=criterion, level=level))
