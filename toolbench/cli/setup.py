"""`toolbench init` and `toolbench demo`: creating workspaces."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from toolbench.base.i18n import detect_lang, translate
from toolbench.base.paths import PLAN_FILE
from toolbench.cli._common import State, console
from toolbench.cli.reports import staged_view
from toolbench.renderers.terminal import table_renderable
from toolbench.workspace.catalog import candidates_for
from toolbench.workspace.demo import build_demo
from toolbench.workspace.folder import rubric_names
from toolbench.workspace.workspace import Workspace


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option(
    "--rubric",
    default="ai-ocr",
    show_default=True,
    help=f"Shipped rubric to start from ({', '.join(rubric_names())}).",
)
@click.option(
    "--tools",
    default=None,
    metavar="ID,ID,…",
    help="Candidates to take from the catalog (see `toolbench catalog list`), comma-separated.",
)
@click.option(
    "--existing-plan",
    is_flag=True,
    help="Keep the toolbench.toml already in DIRECTORY (e.g. from version control) and only start its ledger.",
)
@click.pass_obj
def init(state: State, directory: Path, rubric: str, tools: str | None, existing_plan: bool) -> None:
    """Create a workspace (toolbench.toml + .toolbench/) from a shipped rubric.

    The plan gets the rubric's groups, scales and criteria, and the candidates
    named with --tools from the catalog; add evaluators (and any other
    candidates) before scoring. An existing plan is never overwritten.

    \b
    Example:
      toolbench init ocr-2026 --rubric ai-ocr
      toolbench init ocr-2026 --rubric ai-ocr --tools ai-inside-dx-suite,cogent-labs-smartread
    """
    if existing_plan:
        with Workspace.start_ledger(directory) as workspace:
            click.echo(translate("init.ledger_started", state.lang, path=workspace.root))
        return
    candidates = []
    if tools:
        candidates = candidates_for(rubric, [t.strip() for t in tools.split(",") if t.strip()], directory)
    with Workspace.init(directory, rubric=rubric, tools=candidates) as workspace:
        lang = state.lang
        click.echo(translate("init.done", lang, plan=workspace.root / PLAN_FILE, rubric=rubric))
        if candidates:
            click.echo(translate("init.tools_added", lang, tools=", ".join(t.id for t in candidates)))


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), required=False)
@click.pass_obj
def demo(state: State, directory: Path | None) -> None:
    """Build a sample proposal procedure and print its final comparison matrix.

    A fictional city buys an AI-OCR service through a 公募型プロポーザル: seven
    fictional proposers, two failing the entry requirements, a written round with
    a shortlist, a withdrawal, presentations in an order drawn by lot with one
    member absent, and the decision. Without DIRECTORY the workspace goes in a
    new temporary folder, whose path is printed.

    \b
    Example:
      toolbench demo
      toolbench --lang en demo ./demo-eval
    """
    temporary = directory is None
    target = Path(tempfile.mkdtemp(prefix="toolbench-demo-")) if directory is None else directory
    with build_demo(target) as workspace:
        lang = detect_lang(state.lang_option, workspace.plan.evaluation.language)
        out = console()
        out.print(table_renderable(staged_view(workspace, workspace.evaluate(), None, (), lang)))
        out.print()
        # soft_wrap: a path broken over two lines cannot be copied
        # markup=False: a folder named "[x]" is a path, not rich markup
        out.print(translate("demo.where", lang, path=workspace.root), soft_wrap=True, markup=False)
        if temporary:
            out.print(translate("demo.temp", lang), soft_wrap=True, markup=False)
        out.print(translate("demo.next", lang, path=workspace.root), soft_wrap=True, markup=False)
