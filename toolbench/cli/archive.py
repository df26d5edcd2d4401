"""`toolbench finalize` and `toolbench archive`: freeze the evaluation and write evidence anyone can verify."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from toolbench.base.i18n import detect_lang, translate
from toolbench.cli._common import State, default_actor
from toolbench.cli.progress import label, reporter, verbosity_options
from toolbench.documents.matrix import finalization_note
from toolbench.workspace.archive import expected_hash, verify_archive, write_archive
from toolbench.workspace.archive import finalize as finalize_evaluation


@click.command()
@click.option(
    "--note", default=None, help="A remark kept with the record, e.g. the committee meeting that approved it."
)
@click.option("--actor", default=None, help="Who is recording (default: $TOOLBENCH_ACTOR, else your login).")
@click.pass_obj
def finalize(state: State, note: str | None, actor: str | None) -> None:
    """Freeze the evaluation: record the ledger head, the plan hash and the results hash.

    The chain is verified and the results computed first. Finalizing again with
    nothing changed records nothing. Quote the printed results hash with the
    approval documents: `toolbench archive verify` recomputes it from the archive.

    \b
    Example:
      toolbench finalize --note "委員会 2026-05-20 承認"
      toolbench archive evidence-2026-05
    """

    workspace = state.workspace()
    lang = state.lang
    outcome = finalize_evaluation(workspace, actor or default_actor(), note)
    event = outcome.event
    if outcome.recorded:
        head = outcome.ledger_head.short()
        click.echo(translate("finalize.recorded", lang, seq=event.seq, head=head, plan=outcome.plan_hash[:16]))
    else:
        click.echo(translate("finalize.unchanged", lang, seq=event.seq, ts=event.ts[:19].replace("T", " ")))
    click.echo(translate("finalize.results", lang, hash=outcome.results_hash))


class _ArchiveGroup(click.Group):
    """`archive OUT` writes (it is `archive write OUT`); `archive verify OUT` checks."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = ["write", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_ArchiveGroup, subcommand_metavar="OUT | verify OUT")
def archive() -> None:
    """Write an evidence archive (`archive OUT`), or check one (`archive verify OUT`).

    The archive holds the plan file, the ledger exported with its hashes, the
    matrix in every format, the procurement set, results.json and
    MANIFEST.sha256 (which `sha256sum -c` also reads). Anyone can verify it later
    with toolbench alone, without the workspace.

    \b
    Example:
      toolbench archive evidence-2026-05
      toolbench archive verify evidence-2026-05
    """


@archive.command()
@click.argument("out", type=click.Path(path_type=Path))
@verbosity_options
@click.pass_obj
def write(state: State, out: Path) -> None:
    """Write the evidence archive for the evaluation as it is now into the new folder OUT.

    `toolbench archive OUT` is the same. OUT must not exist or be empty; nothing is
    written unless every file could be made. Reports are in the plan's language
    (or --lang).

    \b
    Example:
      toolbench archive evidence-2026-05
      toolbench --lang en archive write evidence-en
    """

    workspace = state.workspace()
    lang = state.lang
    with reporter().task(label("archive", lang)) as progress:
        manifest = write_archive(workspace, out, lang, now=datetime.now(UTC), progress=progress)
    for stale in manifest.stale_removed:
        click.echo(translate("archive.stale_removed", lang, path=stale), err=True)
    click.echo(translate("archive.written", lang, path=out, count=len(manifest.files)))
    head = manifest.results_head.short()
    click.echo(translate("archive.results", lang, hash=manifest.results_hash, plan=manifest.plan_hash[:16], head=head))
    click.echo(translate("archive.manifest_hash", lang, hash=manifest.manifest_hash))
    click.echo(finalization_note(manifest.finalization, lang) or translate("finalize.never", lang))


def _expected(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return expected_hash(value)
    except ValueError:
        raise click.BadParameter(translate("archive.expect_usage", detect_lang(), value=value)) from None


@archive.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.option(
    "--expect",
    default=None,
    metavar="SHA256",
    callback=_expected,
    help="The SHA-256 of MANIFEST.sha256 quoted with the approval documents: the archive must have it.",
)
@click.pass_obj
def verify(state: State, out: Path, expect: str | None) -> None:
    """Check an evidence archive from its own files alone; name every file that differs.

    Every file against MANIFEST.sha256 (changed, missing, added), the exported
    ledger's hash chain, the plan, the results hash recomputed from the plan and
    the events, and any finalize record. Exits 0 when all hold, else 1 with one
    line per problem. Needs no workspace.

    \b
    Example:
      toolbench archive verify evidence-2026-05
      toolbench archive verify evidence-2026-05 --expect a16617bf6cebca2211e71ced19d21df5
    """

    lang = state.lang
    result = verify_archive(out, expect=expect)
    if not result.ok:
        first, *findings = result.lines(lang)
        click.echo(f"toolbench: {first}", err=True)
        for line in findings:
            click.echo(line, err=True)
        click.get_current_context().exit(1)
    click.echo(result.summary(lang))
    if result.manifest_hash:
        click.echo(translate("archive.manifest_hash", lang, hash=result.manifest_hash))
    if expect is not None:
        click.echo(translate("archive.expect_ok", lang, hash=expect))
    if result.finalization is not None:
        click.echo(finalization_note(result.finalization, lang) or translate("finalize.never", lang))
