"""Help in the user's language: every command, option and argument has Japanese help, and click's frames follow."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from toolbench.cli import cli
from toolbench.cli._help import FRAMES, help_lang, param_help, reword_message, width, wrap_line
from toolbench.cli.docgen import cli_reference, command_paths

ROOT = Path(__file__).parents[1]
PATHS = command_paths()
# product terms, units and words a Japanese text may quote besides ids, options and commands
ALLOWED = {
    "LGWAN",
    "ISMAP",
    "CSV",
    "XLSX",
    "HTML",
    "JSON",
    "SUS",
    "AHP",
    "TOML",
    "PEM",
    "URL",
    "ID",
    "UTF",
    "BOM",
    "SHA",
    "Excel",
    "Windows",
    "bash",
    "zsh",
    "fish",
    "Shift_JIS",
    "ETag",
    "SMAA",
    "UX",
    "Lite",
    "Microsoft",
    "Forms",
    "Google",
    "OCR",
    "AI",
    "YYYY",
    "MM",
    "DD",
    "SEQ",
    "HASH",
    "W",
    "A4",
}
# ids and values the help quotes: shipped rubric and category ids, choice values, a cell name
IDS = {
    "ai",
    "rpa",
    "e",
    "toml",
    "csv",
    "xlsx",
    "html",
    "utf",
    "cp932",
    "pass",
    "fail",
    "uniform",
    "hearings",
    "C7",
    "A",
    "B",
    "toolbench",
    "score",
} | {name for path in command_paths() for name in path}


HYPHENATED = {name for path in command_paths() for name in path if "-" in name}


def _command(path: tuple[str, ...]) -> tuple[click.Context, click.Command]:
    ctx = click.Context(cli, info_name="toolbench", **cli.context_settings)  # as `toolbench` makes it
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        sub = command.get_command(ctx, name)
        assert sub is not None
        ctx = click.Context(sub, parent=ctx, info_name=name)
        command = sub
    return ctx, command


def _english_words(text: str) -> set[str]:
    text = re.sub(r"^\s*toolbench .*$", "", text, flags=re.M)  # example command lines
    for name in HYPHENATED:  # a command name such as accept-rest, before "-rest" is taken for an option
        text = text.replace(name, "")
    text = re.sub(r"`[^`]*`|\[[^\]]*\]|\$\w+|--?[\w-]+|\S*[./:=@_]\S*", "", text)  # code, options, paths, ids
    words = {w for w in re.findall(r"[A-Za-z][A-Za-z0-9_-]*", text)} - ALLOWED - IDS
    return {w for w in words if not w.isupper()}  # upper case: an argument's name (TOOL, OUT) or a product term


@pytest.mark.parametrize("path", [(), *PATHS], ids=lambda p: " ".join(p) or "toolbench")
def test_every_command_option_and_argument_has_japanese_help(path: tuple[str, ...]) -> None:
    from toolbench.base.messages.help import HELP
    from toolbench.cli._help import command_key, param_key

    ctx, command = _command(path)
    key = command_key(ctx)
    assert key in HELP, f"no Japanese help for the command {key!r}"
    missing = []
    for param in command.get_params(ctx):
        if isinstance(param, click.Option) and param.opts[0] in ctx.help_option_names:
            continue
        ja = param_help(ctx, param, "ja")
        en = param_help(ctx, param, "en")
        if not ja or ja == en or not en:
            missing.append(f"{key}.{param_key(param)}")
    assert not missing, f"give these Japanese and English help in toolbench/base/messages/help.py: {missing}"


@pytest.mark.parametrize("path", [(), *PATHS], ids=lambda p: " ".join(p) or "toolbench")
def test_japanese_help_has_no_english_words(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, ["--lang", "ja", *path, "--help"], prog_name="toolbench")
    assert result.exit_code == 0, result.output
    body = "\n".join(line.split("  ", 2)[-1] if line.startswith("  -") else line for line in result.output.splitlines())
    assert not _english_words(body), result.output
    assert "例:" in result.output and "使い方:" in result.output


def test_lang_option_and_locale_choose_japanese(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert "オプション:" in runner.invoke(cli, ["--lang", "ja", "matrix", "--help"]).output
    assert "コマンド:" in runner.invoke(cli, ["--help"], env={"LANG": "ja_JP.UTF-8", "LC_ALL": None}).output
    english = runner.invoke(cli, ["--lang", "en", "--help"], env={"LANG": "ja_JP.UTF-8"}).output
    assert "Options:" in english and "Commands:" in english
    assert "Usage:" in runner.invoke(cli, ["--help"], env={"LANG": "C", "LC_ALL": None, "TOOLBENCH_LANG": None}).output


def test_plan_language_chooses_help(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "toolbench.toml").write_text('[evaluation]\nlanguage = "ja"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["matrix", "--help"], env={"LANG": "C", "LC_ALL": None, "TOOLBENCH_LANG": None})
    assert "使い方:" in result.output


def test_usage_errors_in_japanese() -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["--lang", "ja", "matrix", "--format", "x"], prog_name="toolbench")
    assert result.exit_code == 2
    assert "エラー: '--format' の値が不正です: 'x' は" in result.output and "のいずれでもありません" in result.output
    assert "'toolbench matrix -h' でヘルプを表示します。" in result.output
    result = runner.invoke(cli, ["--lang", "ja", "score"], prog_name="toolbench")
    assert "引数 'TOOL' がありません。" in result.output and "Error" not in result.output
    result = runner.invoke(cli, ["--lang", "ja", "matrix", "--bogus"], prog_name="toolbench")
    assert "そのようなオプションはありません: --bogus" in result.output
    result = runner.invoke(cli, ["--lang", "ja", "nosuch"], prog_name="toolbench")
    assert "そのようなコマンドはありません" in result.output
    english = runner.invoke(cli, ["--lang", "en", "matrix", "--format", "x"], prog_name="toolbench")
    assert "Error: Invalid value for '--format'" in english.output


@pytest.mark.parametrize(
    "message",
    [
        "No such option: --x",
        "No such option '--x'.",
        "Missing argument 'TOOL'.",
        "Missing option '--dept'.",
        "Invalid value for '--seed': 'a' is not a valid integer.",
        "Option '--dept' requires an argument.",
        "Got unexpected extra argument (x)",
        "Got unexpected extra arguments (x y)",
        "No such command 'x'.",
    ],
)
def test_click_messages_reworded(message: str) -> None:
    assert not re.search(r"[a-z]{3,} [a-z]{3,}", reword_message(message).replace("'", " ")), reword_message(message)


def test_aborted_in_japanese(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)

    @click.command()
    def boom() -> None:
        raise click.Abort

    from toolbench.cli import _COMMANDS

    monkeypatch.setitem(_COMMANDS, "boom", "_boom")
    import sys
    import types

    module = types.ModuleType("toolbench.cli._boom")
    module.boom = boom  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "toolbench.cli._boom", module)
    result = CliRunner().invoke(cli, ["--lang", "ja", "boom"])
    assert result.exit_code == 1 and FRAMES["Aborted!"] in result.output


def test_help_lang_without_context() -> None:
    assert help_lang(None) in ("ja", "en")


def test_wrapping_by_display_width() -> None:
    line = (
        "各得点は評価者の比率の平均 × 評価項目の配点で、その下にもとの採点水準を示します。（--encoding cp932 で CP932）"
    )
    for limit in (20, 31, 40):
        lines = wrap_line(line, limit)
        assert all(width(part) <= limit for part in lines)
        assert not any(part[0] in "。、）" for part in lines[1:])
        assert "--encoding" in "".join(lines) and "CP932" in "".join(lines)


def test_japanese_cli_reference_is_current() -> None:
    """docs/ja/cli.md is what `python -m toolbench.cli.docgen ja` writes today."""
    assert (ROOT / "docs" / "ja" / "cli.md").read_text(encoding="utf-8") == cli_reference("ja")
