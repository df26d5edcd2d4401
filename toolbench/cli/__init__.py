"""The `toolbench` command: a thin layer over the library.

Each command parses its options, opens the workspace, makes one library call and
prints the result. Library errors (ToolbenchError) become a one-line message on
stderr and exit code 1; usage mistakes are click's and exit 2.
"""

from __future__ import annotations

import importlib
import os
from typing import Any

import click

from toolbench._version import __version__
from toolbench.base.display import displayable
from toolbench.base.errors import ToolbenchError
from toolbench.base.i18n import detect_lang, translate
from toolbench.base.messages.help import COMMANDS as _SUMMARIES
from toolbench.cli._common import State
from toolbench.cli._help import HINT_KEY, Localized, aborted, help_lang, localize, scan_hint
from toolbench.model.location import STORE_ENV

# Each command's module is imported only when that command runs, so `toolbench matrix`
# does not pay for what `toolbench demo` needs; `toolbench --help` lists them from the
# table of summaries (`base.messages.help.COMMANDS`) and imports none.
_COMMANDS = {
    "archive": "archive",
    "attend": "procedure",
    "audit": "ledger",
    "blind": "integrity",
    "catalog": "catalog",
    "completion": "completion",
    "coi": "integrity",
    "rubric": "catalog",
    "decide": "procedure",
    "demo": "setup",
    "draw": "procedure",
    "fact": "facts",
    "fairness": "fairness",
    "finalize": "archive",
    "fit": "fit",
    "hearing": "hearings",
    "init": "setup",
    "ledger": "store",
    "lock": "integrity",
    "log": "ledger",
    "matrix": "reports",
    "reopen": "integrity",
    "report": "reports",
    "robustness": "robustness",
    "measure": "scores",
    "moderate": "scores",
    "negotiate": "procedure",
    "notices": "procedure",
    "procedure": "procedure",
    "qualify": "procedure",
    "review": "procedure",
    "score": "scores",
    "sheet": "sheets",
    "stage": "procedure",
    "store": "store",
    "trial": "trials",
    "trials": "trials",
    "unblind": "integrity",
    "weights": "hearings",
    "withdraw": "procedure",
}


class _Group(Localized, click.Group):
    """Loads commands lazily; turns every ToolbenchError into one line and exit code 1.

    Help, click's frames and usage errors speak the user's language (`_help.Localized`):
    each command is localized as it is loaded, so the command modules stay as they are.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # `toolbench --lang ja --help` shows help before --lang is parsed: look ahead for it (and -C)
        ctx.meta[HINT_KEY] = scan_hint(args)
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def listed_commands(self, ctx: click.Context) -> list[tuple[str, click.Command]]:
        """Each command as `toolbench --help` lists it: a stand-in with its summary, its module not loaded.

        A command the table does not name yet is loaded, so that it is listed all the same.
        """
        listed: list[tuple[str, click.Command]] = []
        for name in self.list_commands(ctx):
            summary = _SUMMARIES.get(name)
            command = self.get_command(ctx, name) if summary is None else localize(click.Command(name, help=summary))
            if command is not None and not command.hidden:
                listed.append((name, command))
        return listed

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = _COMMANDS.get(cmd_name)
        if module is None:
            return None
        command = getattr(importlib.import_module(f".{module}", __name__), cmd_name)
        assert isinstance(command, click.Command)
        return localize(command)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """`toolbench score moderate …` is the committee's consensus, i.e. `toolbench moderate …`."""
        if len(args) >= 2 and args[0] == "score" and args[1] == "moderate":
            return "moderate", self.get_command(ctx, "moderate"), args[2:]
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ToolbenchError as error:
            state = ctx.find_object(State)
            lang = state.lang if state else detect_lang()
            # a message may quote stored text (a name, a reason): shown, never obeyed by the terminal
            click.echo(f"toolbench: {displayable(error.message(lang))}", err=True)
            ctx.exit(1)
        except click.Abort:  # Ctrl-C or end of input at a prompt: click's "Aborted!", in the user's language
            click.echo(aborted(help_lang(ctx)), err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            state = ctx.find_object(State)
            click.echo(f"toolbench: {translate('interrupted', state.lang if state else detect_lang())}", err=True)
            ctx.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option(
    "-C",
    "directory",
    type=click.Path(file_okay=False, path_type=str),
    default=None,
    help="Use the workspace in this folder (or the nearest one above it) instead of the current folder's.",
)
@click.option(
    "--lang",
    type=click.Choice(["ja", "en"]),
    default=None,
    help="Language of labels and messages (default: the plan's, else the locale's).",
)
@click.option(
    "--store",
    metavar="URL_OR_PATH",
    default=None,
    help="Keep the ledger in this store for this command: a postgresql:// URL or a SQLite file "
    "(default: $TOOLBENCH_STORE, else the plan's [store] url, else .toolbench/ledger.sqlite).",
)
@click.version_option(__version__, "--version", prog_name="toolbench")
@click.pass_context
def cli(ctx: click.Context, directory: str | None, lang: str | None, store: str | None) -> None:
    """Evaluate candidate software tools fairly: plan, scores, ledger, comparison matrix.

    \b
    Example:
      toolbench demo                      # a sample evaluation, printed as a matrix
      toolbench init my-eval --rubric ai-ocr
      toolbench -C my-eval score tool-a --evaluator e1 accuracy=4 ease-of-use=5
      toolbench -C my-eval matrix --format csv -o matrix.csv
    """
    ctx.obj = State(directory=directory, lang_option=lang)
    ctx.call_on_close(ctx.obj.close)
    if store is not None:
        _use_store(ctx, store, ctx.obj)


def _use_store(ctx: click.Context, store: str, state: State) -> None:
    """`--store` sets TOOLBENCH_STORE for this command (as git's --git-dir sets GIT_DIR), and restores it after.

    So everything that opens the workspace, the snapshot cache's lookups included, reads
    the same store without each being handed the option.
    """
    if not store.strip():
        raise click.UsageError(translate("location.bad_option", state.lang))
    previous = os.environ.get(STORE_ENV)
    os.environ[STORE_ENV] = store

    def restore() -> None:
        if previous is None:
            os.environ.pop(STORE_ENV, None)
        else:
            os.environ[STORE_ENV] = previous

    ctx.call_on_close(restore)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="toolbench")


if __name__ == "__main__":  # pragma: no cover
    main()
