"""The terminal matrix at scale: 200 tools, 60 criteria, 50 evaluators on an 80-column screen.

The views are built directly (`MatrixView`), as `matrix_view` would build them from an
evaluation, so that a panel of 50 and a field of 200 stay quick to make. Each tool's
levels follow a small rule, so the spread the screen shows can be worked by hand:
evaluator e gives tool t on criterion c the level 1 + (t + c) % 3 + e % 2, i.e. the
two levels k+1 and k+2 with k = (t + c) % 3. A few cells are set by hand on top.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from rich.cells import cell_len
from rich.console import Console

from toolbench.base.i18n import Lang, translate
from toolbench.documents.model import CellView, MatrixView, RowView
from toolbench.renderers.terminal import MatrixTable, pack_columns, table_renderable

GROUPS = {"ja": ["機能", "操作性", "セキュリティ", "運用・サポート", "導入実績", "費用対効果"], "en": list("ABCDEF")}
SPECIAL = {"ja": "特別審査ツール", "en": "Special tool"}
"""The tool whose cells on the first two criteria are set by hand (tool 0)."""
HAND_LEVELS = "5/3/x/4/-" + "/4" * 45  # 50 evaluators, one recused, one not scored: 3–5, moderated to 4
LETTER_LEVELS = "/".join(["優"] * 30 + ["良"] * 15 + ["可"] * 4 + ["x"])  # a scale of words: 優×30 良×15 可×4


def levels(tool: int, criterion: int, evaluators: int) -> str:
    k = (tool + criterion) % 3
    return "/".join(str(1 + k + e % 2) for e in range(evaluators))


def tool_name(lang: Lang, tool: int) -> str:
    if tool == 0:
        return SPECIAL[lang]
    return f"受付システム{tool:03d}" if lang == "ja" else f"Desk {tool:03d}"


def big_view(tools: int, criteria: int, evaluators: int, lang: Lang, *, words: bool = True) -> MatrixView:
    """A matrix of `tools` × `criteria` judged by `evaluators`, in six groups, with subtotals, total and rank.

    A panel of 50 has two cells set by hand, tool 0's on criteria 1 and 2 (with `words`, the
    second on a scale of words: 優, 良, 可).
    """
    hand = evaluators == 50
    groups = GROUPS[lang]
    per_group = -(-criteria // len(groups))
    rows: list[RowView] = []
    for g, group in enumerate(groups):
        numbers = range(g * per_group, min(criteria, (g + 1) * per_group))
        if not numbers:
            break
        rows.append(RowView("group", f"g{g}", group, None, tuple(CellView() for _ in range(tools))))
        for c in numbers:
            cells = []
            for t in range(tools):
                detail = levels(t, c, evaluators)
                flags: tuple[str, ...] = ()
                notes: tuple[str, ...] = ()
                if (t, c) == (0, 0) and hand:
                    detail, flags = HAND_LEVELS + " → 4", ("moderated", "recused", "partial")
                    notes = (translate("m.partial", lang, n=48, m=49), translate("m.moderated_short", lang))
                elif (t, c) == (0, 1) and hand and words:
                    detail, flags = LETTER_LEVELS, ("recused",)
                cells.append(CellView(Decimal(t % 20) + Decimal(c % 7) / 4, detail, flags, notes))
            label = f"{group}の項目{c + 1}" if lang == "ja" else f"Criterion {c + 1}"
            rows.append(RowView("criterion", f"c{c}", label, Decimal(10), tuple(cells)))
        subtotal = f"{translate('m.subtotal', lang)} ({group})"
        sums = tuple(CellView(Decimal(len(numbers) * (t % 20))) for t in range(tools))
        rows.append(RowView("subtotal", f"g{g}", subtotal, Decimal(10 * len(numbers)), sums))
    rows.append(
        RowView(
            "total",
            "total",
            translate("m.total", lang),
            Decimal(10 * criteria),
            tuple(CellView(Decimal(t)) for t in range(tools)),
        )
    )
    rows.append(
        RowView("rank", "rank", translate("m.rank", lang), None, tuple(CellView(tools - t) for t in range(tools)))
    )
    names = ("、" if lang == "ja" else ", ").join(f"評価者{e}" if lang == "ja" else f"e{e}" for e in range(evaluators))
    return MatrixView(
        title="窓口システム比較評価" if lang == "ja" else "Front desk systems",
        lang=lang,
        tool_ids=tuple(f"tool-{t}" for t in range(tools)),
        tool_names=tuple(tool_name(lang, t) for t in range(tools)),
        rows=tuple(rows),
        notes=(translate("m.levels_key", lang, evaluators=names),),
    )


def render(view: MatrixView, width: int = 80) -> str:
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None).print(table_renderable(view))
    return buffer.getvalue()


def tables(text: str, title: str) -> list[list[str]]:
    """The printed tables, as lists of lines, each starting at a line that begins with `title`."""
    out: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith(title):
            out.append([])
        if out:
            out[-1].append(line)
    return out


def right_edges(line: str) -> dict[int, str]:
    """The texts of a line (apart by two spaces or more) by the display cell where each ends."""
    return {cell_len(line[: m.end()]): m.group() for m in re.finditer(r"\S+(?: \S+)*", line)}


def under(table: list[str], name: str, column: int) -> str:
    """What is shown under a tool's figure in the `column`-th criterion column of a one-row-per-tool table."""
    at = next(i for i, line in enumerate(table) if line.startswith(f"  {name} "))
    edge = list(right_edges(table[at]))[1 + column]  # the tool's name first
    return right_edges(table[at + 1])[edge]  # right-aligned with the figure


@pytest.fixture(scope="module")
def japanese() -> tuple[MatrixView, str]:
    view = big_view(200, 60, 50, "ja")
    return view, render(view)


def test_every_line_fits_80_columns_and_every_tool_is_shown(japanese: tuple[MatrixView, str]) -> None:
    view, text = japanese
    lines = text.splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    parts = tables(text, view.title)
    assert len(parts) > 1
    for part in parts:
        shown = [line.split("  ")[1] for line in part if line.startswith(("  受付システム", "  特別審査ツール"))]
        assert shown == list(view.tool_names), part[0]  # each table: every tool, whole, once, in order


def test_many_tools_are_shown_one_row_each(japanese: tuple[MatrixView, str]) -> None:
    view, text = japanese
    assert text.startswith("ツール 200 件を 1 行ずつ示します。")
    parts = [part[0].split("：")[1].split(" (")[0] for part in tables(text, view.title)]
    assert parts == sorted(parts, key=["順位・合計・小計", *GROUPS["ja"]].index)  # the totals, then the groups
    assert parts[0] == "順位・合計・小計" and set(parts) == {parts[0], *GROUPS["ja"]}
    # the criteria fill the width: no table holds a single criterion while its group has more to show
    for group in GROUPS["ja"]:
        group_tables = tables(text, f"{view.title}：{group}")
        columns = [sum(line.count("配点") for line in part[:6] if "ツール" in line) for part in group_tables]
        assert sum(columns) == 10 + 1  # ten criteria and the subtotal
        assert all(count >= 3 for count in columns[:-1]), (group, columns)


def test_a_japanese_screen_holds_no_english(japanese: tuple[MatrixView, str]) -> None:
    _, text = japanese
    assert not re.findall(r"[A-Za-z]+", text)
    # the spread is explained, in place of the list of 50 names
    assert "評価者 50 名が付けた採点水準の最低と最高" in text
    assert "評価者49" not in text


def test_spreads_are_the_hand_worked_ones(japanese: tuple[MatrixView, str]) -> None:
    view, text = japanese
    first = tables(text, f"{view.title}：機能")[0]
    # levels 5/3/x/4/- and 45 × 4: lowest 3, highest 5, settled by the committee at 4
    assert under(first, "特別審査ツール", 0) == "3–5 → 4"
    # a scale of words: each level with how many gave it, the most given first (the recusal left out)
    assert under(first, "特別審査ツール", 1) == "優×30 良×15 可×4"
    # tool 7 on criterion 3 (the third column): k = (7 + 2) % 3 = 0, so levels 1 and 2 only
    assert under(first, "受付システム007", 2) == "1–2"
    # tool 8 on criterion 1: k = (8 + 0) % 3 = 2, so levels 3 and 4
    assert under(first, "受付システム008", 0) == "3–4"


def test_no_lists_of_levels_when_a_panel_is_large(japanese: tuple[MatrixView, str]) -> None:
    _, text = japanese
    assert not re.search(r"\d/\d/\d", text)


def test_english_at_scale() -> None:
    view = big_view(200, 12, 50, "en")
    text = render(view)
    assert max(cell_len(line) for line in text.splitlines()) <= 80
    assert text.startswith("200 tools, one row each")
    assert "Under each figure: the lowest and highest of the levels the 50 evaluators gave" in text
    first = tables(text, f"{view.title}: A")[0]
    assert under(first, "Special tool", 0) == "3–5 → 4"
    assert under(first, "Desk 013", 1) == "3–4"  # k = (13 + 1) % 3 = 2: levels 3 and 4
    for name in view.tool_names:
        assert sum(line.startswith(f"  {name} ") for line in text.splitlines()) == len(tables(text, view.title))


def test_a_few_tools_with_a_large_panel_stay_side_by_side() -> None:
    """Three tools and 50 evaluators: a level list would make each column 99 cells wide; spreads keep them narrow."""
    view = big_view(3, 6, 50, "ja", words=False)
    text = render(view, 100)
    assert max(cell_len(line) for line in text.splitlines()) <= 100
    assert text.startswith("窓口システム比較評価\n")  # one table: no (1/2)
    header = next(line for line in text.splitlines() if "評価項目" in line)
    assert all(name in header for name in view.tool_names)
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("    機能の項目1"))
    assert lines[first + 1].split() == ["3–5", "→", "4", "2–3", "3–4"]  # tool 1: k = 1; tool 2: k = 2
    # at 80 columns two of the three fit side by side, the third follows
    narrow = render(view, 80)
    assert max(cell_len(line) for line in narrow.splitlines()) <= 80
    assert narrow.startswith("窓口システム比較評価 (1/2)\n")
    assert all(name in narrow.splitlines()[2] for name in view.tool_names[:2])


def test_a_panel_of_12_keeps_its_lists() -> None:
    """Twelve levels take 23 cells, no wider than a product name: each evaluator's level is still shown."""
    text = render(big_view(3, 6, 12, "en"), 120)
    assert levels(1, 0, 12) in text
    assert "Under each figure: each evaluator's level" in text
    assert "lowest and highest" not in text


def test_the_compact_layout_starts_above_three_tables() -> None:
    """Side by side while the tools fit in three tables; one row per tool from four.

    At 80 columns four of these tools fit side by side: 12 tools make three tables, 13 four.
    """
    cases = ((12, 80, 3), (13, 80, 4), (13, 120, 2), (4, 40, 4))
    for tools, width, count in cases:
        view = big_view(tools, 6, 3, "en")
        assert len(MatrixTable(view).chunks(Console(width=width).options)) == count, (tools, width)
        text = render(view, width)
        assert text.startswith(f"{tools} tools, one row each") is (count > 3), (tools, width)
        assert max(cell_len(line) for line in text.splitlines()) <= width
        assert all(name in text for name in view.tool_names)


def test_side_by_side_tables_are_full() -> None:
    """Each table but the last holds as many tools as fit: the next one would not."""
    view = big_view(9, 6, 3, "en")
    table = MatrixTable(view)
    options = Console(width=80).options
    chunks = table.chunks(options)
    assert [len(c) for c in chunks] == [4, 4, 1]
    for chunk, following in zip(chunks, chunks[1:], strict=False):
        assert table._spare(options, chunk) >= 0
        assert table._spare(options, [*chunk, following[0]]) < 0
    text = render(view)
    assert [line.count("Desk") for line in text.splitlines() if "Criterion " in line and "Points" in line] == [3, 4, 1]


def test_packing_is_greedy() -> None:
    # worked by hand: 10 + 20 = 30 fits 40, 15 more does not; 15 + 30 does not; 30 + 5 + 5 = 40 fits
    assert pack_columns([10, 20, 15, 30, 5, 5], 40) == [[0, 1], [2], [3, 4, 5]]
    # a column wider than the room has a table of its own; the narrow ones after it are packed again
    assert pack_columns([5, 5, 30, 5, 5, 5, 5], 20) == [[0, 1], [2], [3, 4, 5, 6]]
    # the same number per table would have given [[0, 1], [2, 3], [4, 5], [6]]: one table more
    assert pack_columns([50, 10], 40) == [[0], [1]]
    assert pack_columns([], 40) == [[]]
