"""Colour on a real terminal only, and never when NO_COLOR is set."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from toolbench import Workspace

pty = pytest.importorskip("pty")


def run_on_a_terminal(args: list[str], env: dict[str, str]) -> bytes:
    """Run `python -m toolbench ARGS` with a pseudo-terminal as stdout; return what it printed."""
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "toolbench", *args], stdout=follower, stderr=follower, env=env
        )
        os.close(follower)
        output = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closes when the process ends
                break
            if not chunk:
                break
            output += chunk
        assert process.wait(timeout=30) == 0, output.decode(errors="replace")
        return output
    finally:
        os.close(leader)


@pytest.fixture()
def terminal_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS")}
    env.update(TERM="xterm-256color", COLUMNS="120")
    return env


def colour_codes(output: bytes) -> set[int]:
    """SGR parameters that set a colour (30–38, 40–48, 90–97, 100–107); bold or dim are not colour."""
    codes = set()
    for params in re.findall(rb"\x1b\[([0-9;]*)m", output):
        for param in params.split(b";"):
            if param and (30 <= int(param) <= 48 or 90 <= int(param) <= 107):
                codes.add(int(param))
    return codes


def test_colour_on_a_terminal(fixed_demo: Workspace, terminal_env: dict[str, str]) -> None:
    output = run_on_a_terminal(["--lang", "en", "-C", str(fixed_demo.root), "matrix"], terminal_env)
    assert colour_codes(output) and b"61.25" in output


def test_no_color_is_honoured(fixed_demo: Workspace, terminal_env: dict[str, str]) -> None:
    """NO_COLOR (no-color.org) removes colour; emphasis such as bold may stay."""
    terminal_env["NO_COLOR"] = "1"
    output = run_on_a_terminal(["--lang", "en", "-C", str(fixed_demo.root), "matrix"], terminal_env)
    assert b"61.25" in output
    assert colour_codes(output) == set()


def test_no_colour_into_a_file(demo: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "m.txt"
    subprocess.run([sys.executable, "-m", "toolbench", "-C", str(demo.root), "matrix", "-o", str(out)], check=True)
    assert "\x1b[" not in out.read_text(encoding="utf-8")
