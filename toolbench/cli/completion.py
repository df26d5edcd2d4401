"""`toolbench completion bash|zsh|fish`, and completing the ids of the current workspace.

Commands and options complete through click itself (`_TOOLBENCH_COMPLETE`); the
functions here complete what only the workspace knows, for a parameter's
`shell_complete=`: tool ids (their blind labels while blind), evaluator ids,
criterion ids and department ids, each with its name as the help where the shell
shows one (zsh, fish). They never fail: without a workspace they offer nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click
from click.shell_completion import CompletionItem, get_completion_class

from toolbench.base.i18n import Lang, detect_lang

if TYPE_CHECKING:
    from toolbench.workspace.workspace import Workspace

SHELLS = ("bash", "zsh", "fish")
COMPLETE_VAR = "_TOOLBENCH_COMPLETE"
"""The variable click reads to answer a completion request (`_TOOLBENCH_COMPLETE=bash_complete`)."""

Completer = Callable[[click.Context, click.Parameter, str], list[CompletionItem]]


@click.command()
@click.argument("shell", type=click.Choice(SHELLS))
@click.pass_context
def completion(ctx: click.Context, shell: str) -> None:
    """Print the shell completion script for bash, zsh or fish (see docs/completion.md).

    It completes commands, options, and the tool, evaluator, criterion and department
    ids of the workspace you are in.

    \b
    Example:
      eval "$(toolbench completion bash)"          # in ~/.bashrc
      eval "$(toolbench completion zsh)"           # in ~/.zshrc
      toolbench completion fish > ~/.config/fish/completions/toolbench.fish
    """
    root = ctx.find_root()
    completer = get_completion_class(shell)
    assert completer is not None  # click ships bash, zsh and fish
    prog_name = root.info_name or "toolbench"
    script = completer(root.command, {}, prog_name, COMPLETE_VAR).source()
    click.echo(script)


# --- the workspace's ids ------------------------------------------------------------------------


def _root_params(ctx: click.Context) -> dict[str, object]:
    return ctx.find_root().params


@contextmanager
def _workspace(ctx: click.Context) -> Iterator[Workspace | None]:
    """The workspace the command line names (-C, else the current folder's), or None."""
    from toolbench.workspace.workspace import Workspace  # lazy: pydantic (the plan models), only when completing ids

    directory = _root_params(ctx).get("directory")
    try:
        workspace = Workspace.open(directory if isinstance(directory, str) else None, wait_seconds=0.5)
    except Exception:  # noqa: BLE001 - no workspace, a broken plan, a locked ledger: nothing to offer
        yield None
        return
    try:
        yield workspace
    finally:
        workspace.close()


def _lang(ctx: click.Context, workspace: Workspace) -> Lang:
    chosen = _root_params(ctx).get("lang")
    return detect_lang(chosen if isinstance(chosen, str) else None, workspace.plan.evaluation.language)


def _matching(pairs: list[tuple[str, str | None]], incomplete: str) -> list[CompletionItem]:
    """The ids starting with what was typed (case as typed, then ignoring case), with their names as help."""
    typed = incomplete.casefold()
    return [CompletionItem(value, help=name) for value, name in pairs if value.casefold().startswith(typed)]


def complete_tools(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Tool ids; while blind, the tools' labels only (their names are not shown)."""
    with _workspace(ctx) as workspace:
        if workspace is None:
            return []
        try:
            labels = workspace.blind_labels()
        except Exception:  # noqa: BLE001 - an unreadable blinding secret: offer nothing rather than the ids
            return []
        if labels is not None:
            return _matching([(label, None) for label in sorted(labels.values())], incomplete)
        lang = _lang(ctx, workspace)
        return _matching([(t.id, t.name.get(lang)) for t in workspace.plan.tools], incomplete)


def complete_evaluators(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Evaluator ids, with their names."""
    with _workspace(ctx) as workspace:
        if workspace is None:
            return []
        return _matching([(e.id, e.name) for e in workspace.plan.evaluators], incomplete)


def complete_criteria(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Criterion ids, with their names."""
    with _workspace(ctx) as workspace:
        if workspace is None:
            return []
        lang = _lang(ctx, workspace)
        return _matching([(c.id, c.name.get(lang)) for c in workspace.plan.criteria], incomplete)


def complete_criterion_levels(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """`criterion=` for a `criterion=level` argument (as `score TOOL accuracy=4` takes them)."""
    if "=" in incomplete:
        return []
    return [CompletionItem(f"{item.value}=", help=item.help) for item in complete_criteria(ctx, param, incomplete)]


def complete_departments(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Department ids, with their names."""
    with _workspace(ctx) as workspace:
        if workspace is None:
            return []
        lang = _lang(ctx, workspace)
        return _matching([(d.id, d.name.get(lang)) for d in workspace.plan.departments], incomplete)
