"""`toolbench score`: one evaluator's levels for one tool, into the ledger."""

from __future__ import annotations

import click

from .._i18n import Lang, translate
from ._common import State, default_actor


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
@click.pass_obj
def score(
    state: State, tool: str, assignments: tuple[str, ...], evaluator: str, reason: str | None, actor: str | None
) -> None:
    """Record an evaluator's levels for a tool, one ledger event per criterion.

    Every level is checked against the plan first; nothing is recorded unless all
    pass. Giving the current level again records nothing; changing it needs
    --reason.

    \b
    Example:
      toolbench score kamiscan --evaluator aoki accuracy=4 ease-of-use=5
      toolbench score kamiscan -e aoki accuracy=3 --reason "re-read the pilot report"
    """
    scores = _parse_assignments(assignments, state.lang)
    workspace = state.workspace()
    lang = state.lang
    outcome = workspace.record_scores(tool, evaluator, scores, actor=actor or default_actor(), reason=reason)
    for criterion in outcome.unchanged:
        click.echo(translate("score.unchanged", lang, criterion=criterion, value=scores[criterion]))
    if outcome.recorded:
        click.echo(translate("score.recorded", lang, count=len(outcome.recorded), tool=tool, evaluator=evaluator))
