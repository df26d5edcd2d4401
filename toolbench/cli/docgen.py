"""Write the CLI reference (docs/cli.md) from the commands' own --help.

Run `python -m toolbench.cli.docgen > docs/cli.md` after changing a command; the test
suite fails while the file is stale.
"""

from __future__ import annotations

import click
from click.testing import CliRunner

from toolbench.cli import cli


def command_paths(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every subcommand as a path of names, e.g. ("audit", "verify"), loading lazy ones."""
    ctx = click.Context(group)
    paths: list[tuple[str, ...]] = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        paths.append((*prefix, name))
        if isinstance(command, click.Group):
            paths += command_paths(command, (*prefix, name))
    return paths


def cli_reference() -> str:
    """Markdown with the --help text of `toolbench` and of every subcommand."""
    runner = CliRunner()
    parts = [
        "# toolbench command reference\n",
        "Generated from `--help` by `python -m toolbench.cli.docgen > docs/cli.md`; do not edit by hand.\n",
    ]
    for path in [(), *command_paths()]:
        result = runner.invoke(cli, [*path, "--help"], prog_name="toolbench", terminal_width=100)
        title = " ".join(("toolbench", *path))
        parts.append(f"## {title}\n\n```text\n{result.output.rstrip()}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    print(cli_reference(), end="")
