"""Documents printed the way procurement prints them: XLSX through LibreOffice, HTML through Chromium.

Each file is converted once per module (the conversions are the slow part) and the PDF
is read back with poppler: how many A4 pages, whether each sheet starts where it should,
and whether every tool and criterion name appears whole on one printed line (a name cut
mid-word, `帳票リーダ` / `ーα`, is what made the old documents unfileable). Two
evaluations are printed: the shipped demo, and a plan of 12 tools × 40 criteria × 7
evaluators built here in the demo's shape, its scores recorded through the library.

Goals (issue 13): each 採点表 one page, the 集計表 at most two, `report.xlsx` at most
sheets + 2 pages, the matrix HTML at most three.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from tests.printing import fills, html_to_pdf, pages, text, xlsx_to_pdf
from toolbench import Workspace, build_single_round_demo

PROGRAMS = ("soffice", "chromium", "pdfinfo", "pdftotext")
pytestmark = pytest.mark.skipif(
    any(shutil.which(program) is None for program in PROGRAMS),
    reason=f"printing needs {', '.join(PROGRAMS)} (Debian packages; .ci/run installs them)",
)

TOOLS = 12
CRITERIA = 40
EVALUATORS = 7
NOW = datetime(2026, 4, 14, 1, 0, tzinfo=UTC)

TOOL_NAMES = (
    "帳票リーダーα",
    "カミスキャン",
    "フォームアイ",
    "よみとりくん",
    "Power Reader",
    "スマートOCR",
    "ジチタイ読取",
    "DX Suite Lite",
    "くらうど帳票",
    "AI文字認識プラス",
    "Tegaki Scan",
    "読取名人",
)
"""Japanese and Latin names, some with a space, as long as a real proposal's product names."""

ASPECTS = ("認識精度", "手書き文字への対応", "帳票定義のしやすさ", "職員の使いやすさ", "サポート体制")
GROUPS = {"function": "機能", "usability": "操作性", "security": "セキュリティ", "operation": "運用・サポート"}


@dataclass(frozen=True)
class Printed:
    """One document and its print: the file, the PDF, its pages and text."""

    source: Path
    pdf: Path
    pages: int
    text: str

    def page_texts(self) -> list[str]:
        return self.text.split("\f")


def _print(source: Path, out: Path) -> Printed:
    out.mkdir(parents=True, exist_ok=True)
    if source.suffix == ".html":
        pdf = html_to_pdf(source, out / f"{source.stem}.pdf")
    else:
        pdf = xlsx_to_pdf(source, out)
    return Printed(source, pdf, pages(pdf), text(pdf))


def _cli(*args: str) -> None:
    from toolbench.cli import cli

    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output


def _documents(root: Path, out: Path, extra: tuple[str, ...] = ()) -> dict[str, Printed]:
    """The report folder's workbook, the matrix as a workbook and as a page, and `extra` reports as pages."""
    _cli("-C", str(root), "report", str(root / "reports"))
    _cli("-C", str(root), "matrix", "-o", str(root / "matrix.xlsx"))
    _cli("-C", str(root), "matrix", "-o", str(root / "matrix.html"))
    files = {"report.xlsx": root / "reports" / "report.xlsx", "matrix.xlsx": root / "matrix.xlsx"}
    files["matrix.html"] = root / "matrix.html"
    for name in extra:
        _cli("-C", str(root), name, "-o", str(root / f"{name}.html"))
        files[f"{name}.html"] = root / f"{name}.html"
    return {name: _print(path, out / name.replace(".", "-")) for name, path in files.items()}


def _plan(tools: int, criteria: int, evaluators: int) -> str:
    """A toolbench.toml in the demo's shape: groups, a five-level scale with anchors, rated criteria, a price."""
    lines = [
        "[rubric]",
        'id = "print-check"',
        'version = "1"',
        'category = "ai-ocr"',
        'name = { ja = "印刷確認", en = "Print check" }',
        "",
        "[evaluation]",
        'title = { ja = "かわせみ市（架空）AI-OCR 比較評価（大規模）", en = "Kawasemi City (fictional): large AI-OCR comparison" }',
        'language = "ja"',
        "total_points = 100",
        'rounding = "half_up"',
        "decimals = 2",
        "",
        "[price]",
        'family = "lowest_ratio"',
        'tax = "included"',
        "",
        "[groups]",
        *(f'{key} = {{ ja = "{name}", en = "{key}" }}' for key, name in GROUPS.items()),
        'cost = { ja = "費用", en = "Cost" }',
        "",
        "[scales.five]",
        'name = { ja = "5段階", en = "Five levels" }',
        "ratios = { 5 = 1.00, 4 = 0.75, 3 = 0.50, 2 = 0.25, 1 = 0.00 }",
    ]
    rated = criteria - 1
    points = [2] * rated
    points[: 100 - 10 - 2 * rated] = [3] * (100 - 10 - 2 * rated)
    for index in range(rated):
        group = list(GROUPS)[index % len(GROUPS)]
        lines += [
            "",
            "[[criteria]]",
            f'id = "c{index + 1:02d}"',
            f'name = {{ ja = "{_criterion(index)}", en = "Criterion {index + 1}" }}',
            f'group = "{group}"',
            'kind = "rating"',
            f"points = {points[index]}",
            'scale = "five"',
            "[criteria.anchors]",
            '5 = { ja = "十分に満たす", en = "fully" }',
            '3 = { ja = "おおむね満たす", en = "mostly" }',
            '1 = { ja = "満たさない", en = "not" }',
        ]
    lines += ["", "[[criteria]]", 'id = "price"', 'name = { ja = "価格", en = "Price" }', 'group = "cost"']
    lines += ['kind = "price"', "points = 10"]
    for index in range(tools):
        lines += [
            "",
            "[[tools]]",
            f'id = "t{index + 1:02d}"',
            f'name = {{ ja = "{TOOL_NAMES[index]}", en = "T{index}" }}',
        ]
        lines += [f'vendor = "提案者{index + 1}株式会社"', f"price = {{ amount = {3_000_000 + 125_000 * index} }}"]
    for index in range(evaluators):
        lines += ["", "[[evaluators]]", f'id = "e{index + 1}"', f'name = "評価委員{index + 1}"']
    return "\n".join(lines) + "\n"


def _criterion(index: int) -> str:
    return f"{ASPECTS[index % len(ASPECTS)]}（観点{index + 1}）"


@pytest.fixture(scope="module")
def demo_print(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, dict[str, Printed]]]:
    root = tmp_path_factory.mktemp("print-demo")
    workspace = build_single_round_demo(root / "demo")
    extra = ("weights", "fairness", "robustness", "trials", "log")
    yield workspace, _documents(workspace.root, root / "pdf", extra)
    workspace.close()


@pytest.fixture(scope="module")
def big_print(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, dict[str, Printed]]]:
    root = tmp_path_factory.mktemp("print-big") / "ws"
    root.mkdir()
    (root / "toolbench.toml").write_text(_plan(TOOLS, CRITERIA, EVALUATORS), encoding="utf-8")
    workspace = Workspace.start_ledger(root)
    workspace.lock(actor="e1", now=NOW - timedelta(hours=1))
    moment = NOW
    for tool in range(TOOLS):
        for evaluator in range(EVALUATORS):
            levels = {f"c{c + 1:02d}": 1 + (tool * 3 + evaluator + c) % 5 for c in range(CRITERIA - 1)}
            workspace.record_scores(
                f"t{tool + 1:02d}", f"e{evaluator + 1}", levels, actor=f"e{evaluator + 1}", now=moment
            )
            moment += timedelta(minutes=1)
    yield workspace, _documents(root, root.parent / "pdf")
    workspace.close()


def _names(workspace: Workspace) -> tuple[list[str], list[str]]:
    plan = workspace.plan
    return [t.name.get("ja") for t in plan.tools], [c.name.get("ja") for c in plan.criteria]


def _sheet_pages(printed: Printed) -> dict[str, int]:
    """Pages per sheet: a sheet starts on the page whose first line is its title (cell A1)."""
    titles = [(sheet.title, str(sheet["A1"].value or "")) for sheet in openpyxl.load_workbook(printed.source)]
    firsts = [next((line.strip() for line in page.splitlines() if line.strip()), "") for page in printed.page_texts()]
    starts: list[tuple[str, int]] = []
    for name, title in titles:
        start = next(i for i, first in enumerate(firsts) if first.startswith(title.split("\n")[0].strip()[:20]))
        starts.append((name, start))
        firsts[start] = "\0"  # each title once, in order
    bounds = [start for _name, start in starts] + [printed.pages]
    return {name: bounds[i + 1] - start for i, (name, start) in enumerate(starts)}


def _whole(printed: Printed, names: list[str]) -> list[str]:
    """The names that never appear whole on one printed line."""
    lines = [re.sub(r"\s+", " ", line) for line in printed.text.splitlines()]
    return [name for name in names if not any(name in line for line in lines)]


# --- the demo --------------------------------------------------------------------------


def test_demo_report_workbook_pages(demo_print: tuple[Workspace, dict[str, Printed]]) -> None:
    _workspace, printed = demo_print
    report = printed["report.xlsx"]
    sheets = _sheet_pages(report)
    assert report.pages <= len(sheets) + 2, sheets
    forms = {name: count for name, count in sheets.items() if name.startswith("採点表")}
    assert len(forms) == 3 and set(forms.values()) == {1}, sheets
    assert sheets["集計表"] <= 2, sheets


def test_demo_matrix_pages(demo_print: tuple[Workspace, dict[str, Printed]]) -> None:
    _workspace, printed = demo_print
    assert printed["matrix.html"].pages <= 3
    workbook = printed["matrix.xlsx"]
    sheets = _sheet_pages(workbook)
    assert next(iter(sheets.values())) == 1, sheets  # the comparison table on one page
    assert workbook.pages <= 3, sheets  # the goal: matrix.xlsx on at most three pages


@pytest.mark.parametrize("name", ["report.xlsx", "matrix.xlsx", "matrix.html"])
def test_demo_names_print_whole(name: str, demo_print: tuple[Workspace, dict[str, Printed]]) -> None:
    workspace, printed = demo_print
    tools, criteria = _names(workspace)
    assert _whole(printed[name], tools + criteria) == []


def test_demo_is_a4_with_page_numbers(demo_print: tuple[Workspace, dict[str, Printed]]) -> None:
    _workspace, printed = demo_print
    for name, document in printed.items():
        count = document.pages
        assert re.search(rf"\b{count}\s*/\s*{count}\b", document.page_texts()[count - 1]), name


@pytest.mark.parametrize("name", ["matrix.html", "weights.html", "fairness.html", "trials.html", "log.html"])
def test_demo_pages_are_never_nearly_empty(name: str, demo_print: tuple[Workspace, dict[str, Printed]]) -> None:
    """No page but the last is less than half full, and the last holds more than a line or two."""
    _workspace, printed = demo_print
    shares = fills(printed[name].pdf)
    assert all(share > 0.5 for share in shares[:-1]), shares
    assert shares[-1] > 0.08, shares


# --- 12 tools × 40 criteria × 7 evaluators ------------------------------------------------


def test_big_plan_prints(big_print: tuple[Workspace, dict[str, Printed]]) -> None:
    workspace, printed = big_print
    assert len(workspace.plan.tools) == TOOLS and len(workspace.plan.criteria) == CRITERIA
    report = printed["report.xlsx"]
    sheets = _sheet_pages(report)
    forms = {name: count for name, count in sheets.items() if name.startswith("採点表")}
    assert len(forms) == EVALUATORS and max(forms.values()) <= 2, sheets
    assert sheets["集計表"] <= 4, sheets
    assert report.pages <= len(sheets) + 2 * 4, sheets
    assert printed["matrix.html"].pages <= 6


@pytest.mark.parametrize("name", ["report.xlsx", "matrix.xlsx", "matrix.html"])
def test_big_plan_names_print_whole(name: str, big_print: tuple[Workspace, dict[str, Printed]]) -> None:
    workspace, printed = big_print
    tools, criteria = _names(workspace)
    assert _whole(printed[name], tools + criteria) == []
