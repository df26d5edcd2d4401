"""Shared fixtures: real workspaces on disk (real SQLite files), never mocks."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest
from catalog_server import ca, ca_pem, direct_connections, http, https, tls  # noqa: F401 - shared fixtures
from click.testing import CliRunner, Result

from toolbench import Workspace, build_single_round_demo


@pytest.fixture()
def runner() -> CliRunner:
    """The one CliRunner of the suite.

    From click 8.2 (the floor in pyproject.toml) result.stdout and result.stderr are kept
    apart, and result.output is both as a terminal shows them, interleaved.
    """
    return CliRunner()


@pytest.fixture()
def run(runner: CliRunner) -> Callable[..., Result]:
    """`run(*args, input=None, env=None)`: invoke toolbench's command line with `args`.

    The result has the exit code, result.stdout and result.stderr (separate) and any
    exception; nothing is raised.
    """
    from toolbench.cli import cli  # here, so that a broken CLI fails the CLI tests only

    def invoke(*args: str, input: str | None = None, env: Mapping[str, str] | None = None) -> Result:
        return runner.invoke(cli, list(args), input=input, env=env)

    return invoke


@pytest.fixture()
def demo(tmp_path: Path) -> Iterator[Workspace]:
    """The demo's comparison as one scoring round (a plan without stages), built through the public API.

    The features every plan shares (scores, corrections, blind labels, archives …) are
    tested on it; `toolbench demo`'s whole procedure is tested in test_demo_procedure.py.
    """
    workspace = build_single_round_demo(tmp_path / "demo")
    yield workspace
    workspace.close()


@pytest.fixture()
def fixed_demo(tmp_path: Path) -> Iterator[Workspace]:
    """The demo with the rubric's published (fixed) points instead of hearing-derived ones.

    Its figures are worked by hand in tests/test_evaluation.py.
    """
    built = build_single_round_demo(tmp_path / "fixed-demo")
    built.close()
    plan = built.root / "toolbench.toml"
    text = plan.read_text(encoding="utf-8")
    assert 'source = "hearings"' in text
    plan.write_text(text.replace('source = "hearings"', 'source = "fixed"'), encoding="utf-8")
    workspace = Workspace.open(built.root)
    yield workspace
    workspace.close()


SMALL_PLAN = """\
[evaluation]
title = {{ ja = "小さな評価", en = "Small evaluation" }}
language = "en"
rounding = "{rounding}"
decimals = {decimals}

[groups]
g = {{ ja = "区分", en = "Group" }}

[scales.abcd]
ratios = {{ a = 0.1, b = 0.2, c = 0.3, d = 0.0 }}

[[criteria]]
id = "c1"
name = "C1"
group = "g"
points = 1
scale = "abcd"

[[criteria]]
id = "c2"
name = "C2"
group = "g"
points = 1
scale = "abcd"

[[tools]]
id = "x"
name = "X"
vendor = "X Co."

[[tools]]
id = "y"
name = "Y"
vendor = "Y Co."

[[tools]]
id = "z"
name = "Z"
vendor = "Z Co."

[[evaluators]]
id = "e1"
name = "E1"

[[evaluators]]
id = "e2"
name = "E2"
"""


@pytest.fixture()
def small(tmp_path: Path) -> Iterator[Workspace]:
    """Two criteria of 1 point on a scale whose ratios are 0.1, 0.2, 0.3 and 0."""
    root = tmp_path / "small"
    root.mkdir()
    (root / "toolbench.toml").write_text(SMALL_PLAN.format(rounding="half_up", decimals=2), encoding="utf-8")
    workspace = Workspace.start_ledger(root)
    yield workspace
    workspace.close()


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets its own user cache folder (where the snapshot key lives), never the real one."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
