"""Docs that cannot drift: every command has help with an example, and the docs name it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from toolbench import build_demo
from toolbench.base.numbers import round_fraction
from toolbench.cli.docgen import command_paths

ROOT = Path(__file__).parents[1]


COMMANDS = command_paths()


def test_every_command_is_found() -> None:
    assert {"init", "demo", "score", "matrix", "log", "audit"} <= {p[0] for p in COMMANDS}
    assert ("audit", "verify") in COMMANDS


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_help_has_an_example(path: tuple[str, ...], run: Callable[..., Result]) -> None:
    result = run(*path, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output


@pytest.mark.parametrize("path", [p for p in COMMANDS if len(p) == 1], ids=" ".join)
def test_commands_are_documented(path: tuple[str, ...]) -> None:
    """Each command appears in the CLI reference (docs/cli.md), which is generated from --help."""
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert f"toolbench {' '.join(path)}" in reference


def test_cli_reference_is_current() -> None:
    """docs/cli.md is what `python -m toolbench.cli.docgen` writes today."""
    from toolbench.cli.docgen import cli_reference

    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == cli_reference()


def test_readme_commands() -> None:
    """The README keeps its two set-up commands, and .ci/run runs the same test command."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "toolbench demo" in readme
    assert 'pip install -e ".[test]"' in readme and "python -m pytest" in readme
    assert "python -m pytest" in ci


def test_readme_example_is_the_demo_of_this_version(tmp_path: Path) -> None:
    """The README's example output carries this version's demo facts: totals, plan hash, ledger head."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    demo = build_demo(tmp_path / "demo-eval")  # what `toolbench demo` builds: the whole procedure
    evaluation = demo.evaluate()
    totals = [str(round_fraction(r.total, 2, "half_up")) for r in evaluation.results]
    total_line = next(line for line in readme.splitlines() if line.strip().startswith("Total"))
    assert total_line.split()[-3:] == totals
    provenance = f"Plan {demo.plan.hash[:12]}, ledger head #{evaluation.head_seq} {(evaluation.head_hash or '')[:12]}"
    assert provenance in readme
