"""How the terminal matrix's cost grows with the number of tools, against 20 tools in the same run.

A matrix of N tools × 60 criteria (six groups) judged by a panel of 50 is printed to an
80-column console (`rich.console.Console(file=StringIO, width=80)`), as `toolbench matrix`
prints it. Two figures per size, medians over the runs, sizes interleaved so that machine
load affects them alike:

    layout  MatrixTable(view): every column measured once, level lists made spreads
            (then the tables are packed greedily when printed)
    print   the whole print, layout included

The per-tool cost of each is divided by its cost at 20 tools: a flat ratio near 1.0 means
the cost grows linearly with the tools (before, re-measuring every column for each table
size made it quadratic: 9.9 s of 18.4 s at 200 tools).

    python benchmarks/terminal_layout.py [--runs 5] [--sizes 20,50,100,200]
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from decimal import Decimal

from rich.console import Console

from toolbench.documents.model import CellView, MatrixView, RowView
from toolbench.renderers.terminal import MatrixTable

CRITERIA = 60
EVALUATORS = 50
GROUPS = ("機能", "操作性", "セキュリティ", "運用・サポート", "導入実績", "費用対効果")


def matrix(tools: int) -> MatrixView:
    """N tools × 60 criteria × 50 evaluators, shaped as `matrix_view` shapes an evaluation."""
    per_group = CRITERIA // len(GROUPS)
    rows: list[RowView] = []
    for g, group in enumerate(GROUPS):
        rows.append(RowView("group", f"g{g}", group, None, tuple(CellView() for _ in range(tools))))
        for c in range(g * per_group, (g + 1) * per_group):
            cells = tuple(
                CellView(
                    Decimal(t % 20) + Decimal(c % 7) / 4,
                    "/".join(str(1 + (t + c) % 3 + e % 2) for e in range(EVALUATORS)),
                )
                for t in range(tools)
            )
            rows.append(RowView("criterion", f"c{c}", f"{group}の項目{c + 1}", Decimal(10), cells))
        subtotals = tuple(CellView(Decimal(per_group * (t % 20))) for t in range(tools))
        rows.append(RowView("subtotal", f"g{g}", f"小計 ({group})", Decimal(10 * per_group), subtotals))
    rows.append(
        RowView("total", "total", "合計", Decimal(10 * CRITERIA), tuple(CellView(Decimal(t)) for t in range(tools)))
    )
    rows.append(RowView("rank", "rank", "順位", None, tuple(CellView(tools - t) for t in range(tools))))
    return MatrixView(
        title="窓口システム比較評価",
        lang="ja",
        tool_ids=tuple(f"tool-{t}" for t in range(tools)),
        tool_names=tuple(f"受付システム{t:03d}" for t in range(tools)),
        rows=tuple(rows),
    )


def _layout(view: MatrixView) -> float:
    start = time.perf_counter()
    MatrixTable(view)
    return time.perf_counter() - start


def _print(view: MatrixView) -> float:
    start = time.perf_counter()
    Console(file=io.StringIO(), width=80, color_system=None).print(MatrixTable(view))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="20,50,100,200", help="tool counts; the first is the baseline")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    views = {size: matrix(size) for size in sizes}
    layout: dict[int, list[float]] = {size: [] for size in sizes}
    printed: dict[int, list[float]] = {size: [] for size in sizes}
    _print(views[sizes[0]])  # warm up imports and caches
    for _ in range(args.runs):
        for size in sizes:
            layout[size].append(_layout(views[size]))
            printed[size].append(_print(views[size]))
    base = sizes[0]
    base_layout = statistics.median(layout[base]) / base
    base_print = statistics.median(printed[base]) / base
    print(
        f"runs {args.runs}; {CRITERIA} criteria, {EVALUATORS} evaluators, 80 columns; ratio: per-tool cost ÷ at {base}"
    )
    print(f"{'tools':>6} {'layout ms':>10} {'per tool':>9} {'ratio':>6} {'print ms':>10} {'per tool':>9} {'ratio':>6}")
    for size in sizes:
        lay, out = statistics.median(layout[size]), statistics.median(printed[size])
        print(
            f"{size:>6} {lay * 1000:>10.1f} {lay / size * 1000:>9.2f} {lay / size / base_layout:>6.2f}"
            f" {out * 1000:>10.1f} {out / size * 1000:>9.2f} {out / size / base_print:>6.2f}"
        )


if __name__ == "__main__":
    main()
