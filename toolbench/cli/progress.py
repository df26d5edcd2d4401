"""Progress on long work: a bar on a terminal, per-item lines with --verbose, nothing with --quiet.

The library reports progress through a plain callback, `progress(done, total)`, and
knows nothing of rich; this module is the one place that turns it into a bar:

- on a terminal (stderr), a transient rich bar that disappears when the job ends, so
  the command's own summary line is what stays;
- on a non-terminal (a pipe, a file, a script, a test) or with `--quiet`, nothing;
- per-item lines (`row N …`, `G11 t1 accuracy = 4`) with `--verbose`; without it only
  for a short job (under `LONG_JOB` items), which has no bar worth showing and whose
  list is short enough to read; never with `--quiet`;
- with `NO_COLOR` set, the bar has no colour and no bold (rich writes no styling).

A command takes the flags with `@verbosity_options` and asks `reporter()` for the
reporter of the current command:

    reporter = progress.reporter()
    with reporter.task(translate("progress.import", lang)) as step:
        rows = parse_rows(plan, file, lang, progress=step)
    for row in rows:
        reporter.item(f"  row {row.row}: …", total=len(rows))
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import click
from rich.console import Console

ProgressCallback = Callable[[int, int], None]
"""What the library calls with (done, total) while it works."""

F = TypeVar("F", bound=Callable[..., Any])

LONG_JOB = 200
"""From this many items a job is long: its per-item lines need --verbose."""

_META = "toolbench.verbosity"

_LABELS = {
    "read": ("Reading {file}", "{file} を読み込み中"),
    "record": ("Recording", "記録中"),
    "smaa": ("SMAA-2 samples", "SMAA-2 の試行"),
    "archive": ("Writing the archive", "証跡アーカイブを作成中"),
    "pull": ("Fetching the catalog", "カタログを取得中"),
    "compute": ("Computing {what}", "{what}を計算中"),
}


def label(key: str, lang: str, **params: object) -> str:
    """The bar's label for a job, in the language of the command's messages."""
    english, japanese = _LABELS[key]
    return (japanese if lang == "ja" else english).format(**params)


def _store(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    if value:
        ctx.meta[_META] = str(param.name)
    return value


def verbosity_options(command: F) -> F:
    """`-q/--quiet` and `-v/--verbose`: how much a long command shows beside its result."""
    command = click.option(
        "-v",
        "--verbose",
        is_flag=True,
        expose_value=False,
        callback=_store,
        help="List every row (item) as it is read, even for a long job.",
    )(command)
    command = click.option(
        "-q",
        "--quiet",
        is_flag=True,
        expose_value=False,
        callback=_store,
        help="No progress bar and no per-row lines; only the result.",
    )(command)
    return command


def no_color() -> bool:
    """True when NO_COLOR asks for no styling at all (https://no-color.org: set and not empty)."""
    return bool(os.environ.get("NO_COLOR"))


def progress_console() -> Console:
    """The console the bar is drawn on: stderr, with no styling under NO_COLOR.

    Tests replace this function to draw on a forced terminal.
    """
    if no_color():
        return Console(stderr=True, color_system=None, highlight=False, no_color=True)
    return Console(stderr=True, highlight=False)


class Reporter:
    """What a long command shows while it works, beside its result."""

    def __init__(self, *, quiet: bool = False, verbose: bool = False, console: Console | None = None) -> None:
        self.quiet = quiet
        self.verbose = verbose and not quiet
        self.console = console

    @property
    def shows_bar(self) -> bool:
        return not self.quiet and self.console is not None and self.console.is_terminal

    def shows_items(self, total: int) -> bool:
        """Whether per-item lines are printed for a job of `total` items."""
        if self.quiet:
            return False
        return self.verbose or total < LONG_JOB

    def item(self, text: str, *, total: int) -> None:
        """One per-item line on stdout, when `shows_items(total)`."""
        if self.shows_items(total):
            click.echo(text)

    @contextmanager
    def task(self, label: str) -> Iterator[ProgressCallback]:
        """A callback for the library; on a terminal it moves a bar labelled `label`, else it does nothing."""
        if not self.shows_bar:
            yield _nothing
            return
        from rich.progress import (  # lazy: rich's progress machinery, only when a bar is drawn
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )

        assert self.console is not None
        plain = no_color()
        bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(
                style="none" if plain else "bar.back",
                complete_style="none" if plain else "bar.complete",
                finished_style="none" if plain else "bar.finished",
            ),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            TimeRemainingColumn(),
            console=self.console,
            transient=True,
        )
        task = bar.add_task(label, total=None)

        def step(done: int, total: int) -> None:
            bar.update(task, completed=done, total=max(total, 0))

        with bar:
            yield step


def _nothing(done: int, total: int) -> None:
    """The callback off a terminal or with --quiet."""


def reporter(ctx: click.Context | None = None) -> Reporter:
    """The reporter of the current command, from its -q/-v flags (or a parent's) and the terminal."""
    ctx = ctx or click.get_current_context(silent=True)
    chosen = ctx.meta.get(_META) if ctx is not None else None
    return Reporter(quiet=chosen == "quiet", verbose=chosen == "verbose", console=progress_console())
