"""`toolbench score`: one evaluator's levels for one tool, into the ledger."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from toolbench.base.i18n import Lang, translate
from toolbench.cli._common import State, default_actor
from toolbench.cli.completion import complete_criteria, complete_evaluators, complete_tools
from toolbench.workspace.scoring import typed

if TYPE_CHECKING:
    from toolbench.workspace.workspace import Workspace


def _parse_assignments(pairs: tuple[str, ...], lang: Lang) -> dict[str, str]:
    """CRITERION=LEVEL pairs as typed: ａｃｃｕｒａｃｙ＝４ is accuracy=4, and 全角スペース separates pairs too.

    A malformed pair is a usage mistake (exit 2).
    """
    if not pairs:
        raise click.UsageError(translate("score.none", lang))
    scores: dict[str, str] = {}
    for text in (part for pair in pairs for part in typed(pair).split()):
        criterion, sep, level = text.partition("=")
        if not sep or not criterion.strip() or not level.strip():
            raise click.UsageError(translate("score.bad_assignment", lang, text=text))
        criterion = criterion.strip()
        if criterion in scores:
            raise click.UsageError(translate("score.twice", lang, criterion=criterion))
        scores[criterion] = level.strip()
    return scores


def _names(workspace: Workspace, tool: str, lang: Lang) -> str:
    """A tool as people call it in messages: its name in the plan; while blind, the label that was typed."""
    if workspace.blind_labels():
        return tool
    found = workspace.plan.tool(tool)
    return found.name.get(lang) if found is not None else tool


def _criterion(workspace: Workspace, criterion: str, lang: Lang) -> str:
    found = workspace.plan.criterion(criterion)
    return found.name.get(lang) if found is not None else criterion


def _evaluator(workspace: Workspace, evaluator: str) -> str:
    found = workspace.plan.evaluator(evaluator)
    return found.name if found is not None else evaluator


@click.command()
@click.argument("tool", shell_complete=complete_tools)
@click.argument("assignments", nargs=-1, metavar="CRITERION=LEVEL...")
@click.option(
    "--evaluator",
    "-e",
    required=True,
    shell_complete=complete_evaluators,
    help="Id of the evaluator whose scores these are.",
)
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
    tool, evaluator = typed(tool), typed(evaluator)
    # a blind label (A, B …) works while blind; messages then keep saying the label
    tool_id = workspace.resolve_tool(tool)
    outcome = workspace.record_scores(
        tool_id,
        evaluator,
        scores,
        actor=actor or default_actor(),
        reason=reason,
        record_anyway=record_anyway,
    )
    for criterion in outcome.unchanged:
        name = _criterion(workspace, criterion, lang)
        click.echo(translate("score.unchanged", lang, criterion=name, value=scores.get(criterion, "")))
    if outcome.recorded:
        shown = tool if tool != tool_id else _names(workspace, tool_id, lang)
        who = _evaluator(workspace, evaluator)
        click.echo(translate("score.recorded", lang, count=len(outcome.recorded), tool=shown, evaluator=who))


@click.command()
@click.argument("tool", shell_complete=complete_tools)
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
    tool = typed(tool)
    # a blind label (A, B …) works while blind, as for `score`; messages then keep saying the label
    tool_id = workspace.resolve_tool(tool)
    outcome = workspace.record_metrics(tool_id, values, source=source, actor=actor or default_actor(), reason=reason)
    for criterion in outcome.unchanged:
        name = _criterion(workspace, criterion, lang)
        click.echo(translate("metric.unchanged", lang, criterion=name, value=values.get(criterion, "")))
    if outcome.recorded:
        shown = tool if tool != tool_id else _names(workspace, tool_id, lang)
        click.echo(translate("metric.recorded", lang, count=len(outcome.recorded), tool=shown))


@click.command()
@click.argument("tool", shell_complete=complete_tools)
@click.argument("criterion", shell_complete=complete_criteria)
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
    tool, criterion = typed(tool), typed(criterion)
    tool_id = workspace.resolve_tool(tool)
    outcome = workspace.moderate(tool_id, criterion, level, comment=comment, actor=actor or default_actor())
    shown = tool if tool != tool_id else _names(workspace, tool_id, lang)
    name = _criterion(workspace, criterion, lang)
    if outcome.recorded:
        recorded = outcome.recorded[0].payload["level"]
        click.echo(translate("moderate.recorded", lang, tool=shown, criterion=name, level=recorded))
    else:
        click.echo(translate("moderate.unchanged", lang, tool=shown, criterion=name, level=typed(level)))
