"""Progress on long work (a bar on a terminal, rows only with --verbose) and shell completion (issue 14, 6–7)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from rich.console import Console

from toolbench import Workspace
from toolbench.cli import cli
from toolbench.cli import progress as progress_module
from toolbench.cli.completion import (
    complete_criteria,
    complete_criterion_levels,
    complete_departments,
    complete_evaluators,
    complete_tools,
)
from toolbench.cli.progress import Reporter, label, reporter, verbosity_options
from toolbench.methods.evaluation import current_moderations, current_scores
from toolbench.methods.robustness import additive_model, smaa
from toolbench.workspace.trial_import import Pseudonyms, load_mapping, read_responses

SUS_JA = [f"質問{i}" for i in range(1, 11)]
MAPPING = """\
[form]
service = "google-forms"

[fixed]
tool = "kamiscan"
department = "tax"

[columns]
respondent = "お名前"
sus = {sus}
""".replace("{sus}", repr(SUS_JA).replace("'", '"'))


@pytest.fixture()
def terminal(monkeypatch: pytest.MonkeyPatch) -> Iterator[io.StringIO]:
    """The bar's console forced to be a terminal, drawing into a buffer."""
    buffer = io.StringIO()
    monkeypatch.setattr(
        progress_module,
        "progress_console",
        lambda: Console(file=buffer, force_terminal=True, width=100, color_system=None),
    )
    yield buffer


def _responses_file(tmp_path: Path, count: int) -> Path:
    rows = [["タイムスタンプ", "お名前", "所属", *SUS_JA]]
    rows += [[f"2026/10/03 9:{n // 60 % 60:02d}:{n % 60:02d}", f"職員{n}", "", *"4242424242"] for n in range(count)]
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path = tmp_path / "回答.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    (tmp_path / "mapping.toml").write_text(MAPPING, encoding="utf-8")
    return path


@click.command()
@click.argument("root")
@click.argument("file")
@verbosity_options
def trial_import_like(root: str, file: str) -> None:
    """`trial import` wired as the lead is asked to: the library's callback, rows through the reporter."""
    with Workspace.open(root) as workspace:
        shown = reporter()
        with shown.task(label("read", "en", file=Path(file).name)) as step:
            responses = read_responses(
                file,
                load_mapping(Path(file).parent / "mapping.toml"),
                workspace.plan,
                pseudonyms=Pseudonyms.of_workspace(root),
                progress=step,
            )
        for response in responses:
            shown.item(f"  + {response.row}: {response.feedback.tool}", total=len(responses))
        click.echo(f"read {len(responses)} response(s)")


# --- the library's callbacks ---------------------------------------------------------------------


class _Calls(list[tuple[int, int]]):
    def __call__(self, done: int, total: int) -> None:
        self.append((done, total))


def test_trial_import_reports_every_row_to_the_callback(demo: Workspace, tmp_path: Path) -> None:
    path = _responses_file(tmp_path, 500)
    calls = _Calls()
    responses = read_responses(path, load_mapping(tmp_path / "mapping.toml"), demo.plan, progress=calls)
    assert len(responses) == 500
    assert calls[0] == (0, 500) and calls[-1] == (500, 500)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_smaa_reports_samples_and_never_changes_a_figure(demo: Workspace) -> None:
    model = additive_model(demo.evaluate())
    calls = _Calls()
    watched = smaa(model, samples=2000, seed=3, score_uncertainty=True, progress=calls)
    assert watched == smaa(model, samples=2000, seed=3, score_uncertainty=True)
    assert calls[-1] == (4000, 4000)
    assert 100 <= len(calls) <= 250  # about a hundred steps per pass, not one per sample


# --- the bar, the rows, the summary ----------------------------------------------------------------


def _run_like(runner: CliRunner, demo: Workspace, path: Path, *flags: str) -> Result:
    result = runner.invoke(trial_import_like, [str(demo.root), str(path), *flags])
    assert result.exit_code == 0, result.output
    return result


def test_a_500_row_import_on_a_terminal_shows_a_bar_and_one_summary(
    demo: Workspace, tmp_path: Path, terminal: io.StringIO
) -> None:
    path = _responses_file(tmp_path, 500)
    result = _run_like(CliRunner(), demo, path)
    assert result.stdout == "read 500 response(s)\n"  # one summary line, no row lines
    drawn = terminal.getvalue()
    assert "Reading 回答.csv" in drawn and "━" in drawn
    assert "500/500" in drawn


def test_verbose_lists_every_row(demo: Workspace, tmp_path: Path, terminal: io.StringIO) -> None:
    path = _responses_file(tmp_path, 500)
    result = _run_like(CliRunner(), demo, path, "--verbose")
    lines = result.stdout.splitlines()
    assert len(lines) == 501 and lines[0] == "  + 2: kamiscan" and lines[-1] == "read 500 response(s)"
    assert "500/500" in terminal.getvalue()


def test_quiet_shows_no_bar_and_no_rows(demo: Workspace, tmp_path: Path, terminal: io.StringIO) -> None:
    path = _responses_file(tmp_path, 500)
    result = _run_like(CliRunner(), demo, path, "-q")
    assert result.stdout == "read 500 response(s)\n"
    assert terminal.getvalue() == ""


def test_a_non_terminal_shows_no_bar(demo: Workspace, tmp_path: Path) -> None:
    path = _responses_file(tmp_path, 500)
    result = _run_like(CliRunner(), demo, path)
    assert result.stdout == "read 500 response(s)\n"
    assert result.stderr == ""  # CliRunner's stderr is no terminal: the bar stays away


def test_no_color_means_no_styling_on_the_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    buffer = io.StringIO()
    monkeypatch.setenv("NO_COLOR", "1")
    console = progress_module.progress_console()
    assert console.no_color and console.color_system is None
    styled = Reporter(console=Console(file=buffer, force_terminal=True, color_system=None, width=80))
    with styled.task("作業") as step:
        step(1, 2)
    assert "\x1b[1m" not in buffer.getvalue() and "\x1b[3" not in buffer.getvalue()


def test_short_jobs_keep_their_lines_and_long_ones_need_verbose() -> None:
    assert Reporter().shows_items(10)
    assert not Reporter().shows_items(progress_module.LONG_JOB)
    assert Reporter(verbose=True).shows_items(3000)
    assert not Reporter(quiet=True, verbose=True).shows_items(1)


def _changed_sheet(demo: Workspace, tmp_path: Path, run: Callable[..., Result]) -> tuple[Path, int]:
    """Ishii's sheet with every unsettled 1–5 level changed: a sheet of corrections."""
    sheet = tmp_path / "ishii.csv"
    assert run("-C", str(demo.root), "sheet", "export", "-e", "ishii", "-o", str(sheet)).exit_code == 0
    rows = list(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))
    current, _ = current_scores(demo.plan, demo.ledger.events())
    settled = current_moderations(demo.plan, demo.ledger.events())
    tools = [t.id for t in demo.plan.tools]
    five = {c.id for c in demo.plan.judged_criteria() if c.scale == "five"}
    changed = 0
    for row in rows:
        if row and row[0] in five:
            for i, tool in enumerate(tools):
                score = current.get((tool, "ishii", row[0]))
                if score is not None and (tool, row[0]) not in settled:
                    row[6 + i] = "1" if score.level != "1" else "2"
                    changed += 1
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    sheet.write_text(buffer.getvalue(), encoding="utf-8-sig")
    assert changed >= 2
    return sheet, changed


def test_sheet_import_long_job_bar_summary_and_verbose(
    demo: Workspace, tmp_path: Path, run: Callable[..., Result], terminal: io.StringIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet, changed = _changed_sheet(demo, tmp_path, run)
    args = ["-C", str(demo.root), "--lang", "en", "sheet", "import", str(sheet), "--dry-run", "--reason", "r"]
    # short: each correction listed, as before
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == changed + 2
    assert "Reading ishii.csv" in terminal.getvalue()
    # long: the bar and the summary only; --verbose lists them again; --quiet shows no bar
    monkeypatch.setattr(progress_module, "LONG_JOB", 1)
    result = run(*args)
    assert result.stdout.splitlines()[0].startswith("ishii.csv: ")
    assert len(result.stdout.splitlines()) == 2
    assert "(replaces event" not in result.stdout
    result = run(*args, "-v")
    assert sum("(replaces event" in line for line in result.stdout.splitlines()) == changed
    terminal.truncate(0)
    terminal.seek(0)
    result = run(*args, "--quiet")
    assert len(result.stdout.splitlines()) == 2 and terminal.getvalue() == ""


def test_robustness_on_a_terminal_draws_the_samples(
    demo: Workspace, run: Callable[..., Result], terminal: io.StringIO
) -> None:
    result = run("-C", str(demo.root), "--lang", "en", "robustness", "--samples", "500", "--format", "json")
    assert result.exit_code == 0, result.output
    assert '"samples": 500' in result.stdout
    assert "SMAA-2 samples" in terminal.getvalue()


def test_archive_on_a_terminal_draws_its_files(
    demo: Workspace, tmp_path: Path, run: Callable[..., Result], terminal: io.StringIO
) -> None:
    result = run("-C", str(demo.root), "--lang", "ja", "archive", str(tmp_path / "evidence"))
    assert result.exit_code == 0, result.output
    assert "証跡アーカイブを作成中" in terminal.getvalue()
    terminal.truncate(0)
    terminal.seek(0)
    result = run("-C", str(demo.root), "archive", "write", str(tmp_path / "evidence-2"), "-q")
    assert result.exit_code == 0, result.output
    assert terminal.getvalue() == ""


# --- completion ------------------------------------------------------------------------------------


def _context(demo: Workspace, *args: str) -> click.Context:
    """The context click builds when completing `toolbench -C DEMO args…`."""
    return cli.make_context("toolbench", ["-C", str(demo.root), *args], resilient_parsing=True)


def _values(items: list[click.shell_completion.CompletionItem]) -> list[str]:
    return [item.value for item in items]


def test_completion_of_the_demos_ids(demo: Workspace) -> None:
    ctx = _context(demo, "score")
    param = click.Argument(["tool"])
    assert _values(complete_tools(ctx, param, "")) == [t.id for t in demo.plan.tools]
    assert _values(complete_tools(ctx, param, "ka")) == ["kamiscan"]
    tools = {item.value: item.help for item in complete_tools(ctx, param, "")}
    assert tools["kamiscan"] == "カミスキャン"  # the demo plan is Japanese: names in Japanese
    assert _values(complete_evaluators(ctx, param, "")) == [e.id for e in demo.plan.evaluators]
    assert "aoki" in _values(complete_evaluators(ctx, param, "AO"))
    assert _values(complete_criteria(ctx, param, "")) == [c.id for c in demo.plan.criteria]
    assert _values(complete_departments(ctx, param, "")) == [d.id for d in demo.plan.departments]
    first = demo.plan.criteria[0].id
    assert f"{first}=" in _values(complete_criterion_levels(ctx, param, first[:2]))
    assert complete_criterion_levels(ctx, param, f"{first}=") == []


def test_completion_outside_a_workspace_offers_nothing(tmp_path: Path) -> None:
    ctx = cli.make_context("toolbench", ["-C", str(tmp_path), "score"], resilient_parsing=True)
    assert complete_tools(ctx, click.Argument(["tool"]), "") == []
    assert complete_evaluators(ctx, click.Argument(["e"]), "") == []


def test_completion_while_blind_offers_labels_only(demo: Workspace, run: Callable[..., Result]) -> None:
    result = run("-C", str(demo.root), "blind", "--actor", "clerk")
    if result.exit_code != 0:
        pytest.skip(f"the demo cannot go blind here: {result.output}")
    labels = demo.blind_labels()
    assert labels is not None
    ctx = _context(demo, "score")
    offered = _values(complete_tools(ctx, click.Argument(["tool"]), ""))
    assert offered == sorted(labels.values())
    assert not set(offered) & {t.id for t in demo.plan.tools}


def test_click_answers_a_completion_request_with_commands(demo: Workspace) -> None:
    """`_TOOLBENCH_COMPLETE=bash_complete` as the shell script sends it."""
    result = CliRunner().invoke(
        cli,
        [],
        prog_name="toolbench",
        env={"_TOOLBENCH_COMPLETE": "bash_complete", "COMP_WORDS": "toolbench sc", "COMP_CWORD": "1"},
    )
    assert result.exit_code == 0
    assert "plain,score" in result.stdout.splitlines()


@pytest.mark.parametrize(
    ("shell", "marker"), [("bash", "_toolbench_completion"), ("zsh", "#compdef toolbench"), ("fish", "complete")]
)
def test_completion_prints_the_shells_script(run: Callable[..., Result], shell: str, marker: str) -> None:
    from toolbench.cli.completion import completion

    # `completion` is registered in toolbench/cli/__init__.py by the lead; here it sits in a group of its own
    group = click.Group("toolbench", commands={"completion": completion, "score": click.Command("score")})
    result = CliRunner().invoke(group, ["completion", shell], prog_name="toolbench")
    assert result.exit_code == 0, result.output
    assert marker in result.stdout
    assert "_TOOLBENCH_COMPLETE" in result.stdout
