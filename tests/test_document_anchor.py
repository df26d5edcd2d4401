"""Every document carries the ledger head it was made from, in the reader's time zone, with the city's 決裁欄."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from toolbench import Workspace

ANCHOR = re.compile(r"ledger head #(\d+) ([0-9a-f]{12})")


@pytest.mark.parametrize("command", [["weights"], ["fairness"], ["trials"], ["robustness", "--samples", "200"]])
def test_a_printed_anchor_is_checked_by_audit_verify(
    demo: Workspace, tmp_path: Path, run: Callable[..., Result], command: list[str]
) -> None:
    root = str(demo.root)
    out = tmp_path / "report.md"
    assert run("--lang", "en", "-C", root, *command, "-o", str(out)).exit_code == 0
    found = ANCHOR.search(out.read_text(encoding="utf-8"))
    assert found is not None, "the document names the ledger head it was made from"
    head = demo.ledger.head()
    assert head is not None and (int(found.group(1)), found.group(2)) == (head.seq, head.hash[:12])
    checked = run("--lang", "en", "-C", root, "audit", "verify", "--head", f"{found.group(1)}:{found.group(2)}")
    assert checked.exit_code == 0, checked.output


def test_the_plan_names_the_zone_and_the_approval_roles(
    demo: Workspace, tmp_path: Path, run: Callable[..., Result]
) -> None:
    plan = demo.root / "toolbench.toml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace(
            "[evaluation]\n", '[evaluation]\ntime_zone = "Europe/London"\napproval = ["課長", "係長", "担当"]\n', 1
        ),
        encoding="utf-8",
    )
    out = tmp_path / "fairness.html"
    result = run("--lang", "en", "-C", str(demo.root), "fairness", "-o", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert '<table class="approval"' in page and '<th scope="col">課長</th>' in page
    assert "(Europe/London) by toolbench" in page  # times in the plan's zone, named


def test_an_unknown_time_zone_is_one_line_naming_the_key(demo: Workspace, run: Callable[..., Result]) -> None:
    plan = demo.root / "toolbench.toml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("[evaluation]\n", '[evaluation]\ntime_zone = "Mars/Olympus"\n', 1), encoding="utf-8")
    result = run("--lang", "en", "-C", str(demo.root), "weights")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "time_zone" in result.stderr and "Asia/Tokyo" in result.stderr
