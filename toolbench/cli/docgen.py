"""Write the CLI reference (docs/cli.md, and docs/ja/cli.md in Japanese) from the commands' own --help.

Run `python -m toolbench.cli.docgen > docs/cli.md` and
`python -m toolbench.cli.docgen ja > docs/ja/cli.md` after changing a command or its
Japanese help (toolbench/base/messages/help.py); the test suite fails while either is stale.
"""

from __future__ import annotations

import click
from click.testing import CliRunner

from toolbench.base.i18n import Lang
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


_HEADINGS = {
    "en": (
        "# toolbench command reference\n",
        "Generated from `--help` by `python -m toolbench.cli.docgen > docs/cli.md`; do not edit by hand.\n",
    ),
    "ja": (
        "# toolbench コマンドリファレンス\n",
        "`python -m toolbench.cli.docgen ja > docs/ja/cli.md` が `--help` から生成します。手で編集しないでください。\n",
    ),
}


def cli_reference(lang: Lang = "en") -> str:
    """Markdown with the --help text of `toolbench` and of every subcommand, in `lang`."""
    runner = CliRunner()
    parts = list(_HEADINGS[lang])
    for path in [(), *command_paths()]:
        # --lang first, as a user would type it; the usage line still reads `toolbench …`
        result = runner.invoke(
            cli, ["--lang", lang, *path, "--help"], prog_name="toolbench", terminal_width=100, env={"COLUMNS": None}
        )
        title = " ".join(("toolbench", *path))
        parts.append(f"## {title}\n\n```text\n{result.output.rstrip()}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    import sys

    print(cli_reference("ja" if sys.argv[1:] == ["ja"] else "en"), end="")
