"""The document model, its six writers, format choice, and the commands that show documents.

Every expected value here is worked by hand from the hand-built document below (the
bar widths, the cell a bad character sits in, the sheet a figure lands on); nothing is
copied from a first run.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest
from click.testing import Result
from rich.cells import cell_len

from toolbench import Workspace
from toolbench.base.errors import OutputError
from toolbench.documents.model import Bars, Document, Figure, Levels, Section, Table, Value, shown, table_document
from toolbench.renderers.writers import FORMATS, SUFFIXES, format_for, render, write

BOM = b"\xef\xbb\xbf"

SHARE = Figure(Fraction(2, 3), "66.7%", "0.0%")
PRICE = Figure(Decimal("12.50"), "12.50", "0.00")
LEVELS = Levels(("4", "x", "-"))
TRICKY = "x|y back\\slash \\|z <b>bold</b>\nline two"
"""A text cell with a pipe, a backslash before a pipe, markup and a line break."""
SCRIPT = "<script>x</script>"

SCORES = Table(
    "Scores",
    ("Tool", "Share", "Price", "Levels", "Count", "Remark"),
    (
        ("Alpha OCR", SHARE, PRICE, LEVELS, 7, TRICKY),
        (
            "東京スキャン",
            Figure(Fraction(1, 4), "25.0%", "0.0%"),
            Figure(Decimal("3"), "3.00", "0.00"),
            Levels(("5", "5", "3")),
            12,
            "=SUM(A1:A2)",
        ),
        (
            SCRIPT,
            Figure(Fraction(1, 12), "8.3%", "0.0%"),
            Figure(Decimal("0.125"), "0.13", "0.00"),
            Levels(("3", "x", "4")),
            None,
            "",
        ),
    ),
    ("Shares are of the total.",),
)
WEIGHTS = Table(
    "Weights",
    ("Criterion", "Weight"),
    (
        ("Accuracy", Figure(0.5, "50.0%", "0.0%")),
        ("Speed", Figure(0.3, "30.0%", "0.0%")),
        ("Cost", Figure(0.2, "20.0%", "0.0%")),
    ),
)
BARS = Bars(("Accuracy", "Speed", "Cost"), (0.5, 0.3, 0.2), ("50.0%", "30.0%", "20.0%"), ((0.6, 0.4), (0.3,), ()))

DOC = Document(
    kind="test",
    title="Hand-built report",
    lang="en",
    provenance=("Plan 1a2b3c", "Ledger head 42"),
    sections=(
        Section("Scores", ("Three tools were scored.",), SCORES, key="scores"),
        Section("Weights", ("Weights from hearings.",), WEIGHTS, key="weights", chart=BARS, sheet="W"),
        Section("Remarks", ("Only words here.",), key="remarks"),
    ),
    notes=("Figures are rounded for display.",),
)

NAMES = ("Alpha OCR", "東京スキャン", SCRIPT)


def _text(fmt: str, document: Document = DOC, **options: object) -> str:
    return write(document, fmt, **options).decode("utf-8")  # type: ignore[arg-type]


def _csv_rows(data: bytes, encoding: str = "utf-8-sig") -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode(encoding), newline="")))


def _md_cells(line: str) -> list[str]:
    """The cells of a Markdown table row: split at unescaped pipes, escapes undone."""
    cells: list[str] = []
    current: list[str] = []
    escaped = False
    for char in line:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(char)
    cells.append("".join(current))
    assert cells[0] == "" and cells[-1] == "", line
    return [c.strip() for c in cells[1:-1]]


# --- the model --------------------------------------------------------------------------


def test_cells_are_shown_as_people_read_them() -> None:
    assert shown(None) == ""
    assert shown(Decimal("1.50")) == "1.50"
    assert shown(Decimal("1E+1")) == "10"
    assert shown(7) == "7"
    assert shown(SHARE) == "66.7%"
    assert shown(LEVELS) == "4 / x / -"
    assert str(Levels(("4", "4", "5"))) == "4 / 4 / 5"


def test_table_document_holds_one_untitled_section() -> None:
    document = table_document(SCORES, "ja")
    assert (document.kind, document.title, document.lang) == ("table", "Scores", "ja")
    assert [s.title for s in document.sections] == [""]
    assert document.tables() == (SCORES,)
    assert table_document(SCORES, "en", kind="log").kind == "log"
    assert DOC.tables() == (SCORES, WEIGHTS)  # the sentences-only section has none


# --- terminal ---------------------------------------------------------------------------


@pytest.mark.parametrize("width", [80, 40])
def test_terminal_fits_the_width_and_cuts_nothing(width: int) -> None:
    out = _text("table", width=width)
    lines = out.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    assert "…" not in out
    for name in NAMES:
        assert any(name in line for line in lines), name
    for figure in ("66.7%", "25.0%", "8.3%", "12.50", "3.00", "0.13", "4 / x / -", "5 / 5 / 3", "3 / x / 4", "50.0%"):
        assert figure in out, figure
    for word in TRICKY.split() + ["=SUM(A1:A2)"]:
        assert word in out, word
    for line in ("Hand-built report", "Plan 1a2b3c", "Ledger head 42", "Only words here.", "Remarks"):
        assert line in out
    assert "・Three tools were scored." in out
    assert "・Shares are of the total." in out
    assert "・Figures are rounded for display." in out
    assert out.index("Hand-built report") < out.index("Scores") < out.index("Weights") < out.index("Remarks")


def test_terminal_splits_only_a_table_too_wide() -> None:
    at_80 = _text("table", width=80)
    assert "(1/" not in at_80  # Scores needs 21 + 8 + 8 + 12 + 8 + 14 = 71 columns
    at_40 = _text("table", width=40)
    titles = re.findall(r"\((\d+)/(\d+)\)", at_40)
    parts = int(titles[0][1])
    assert parts >= 2
    assert titles == [(str(n), str(parts)) for n in range(1, parts + 1)]
    header_lines = [line for line in at_40.splitlines() if line.strip().startswith("Tool ")]
    assert len(header_lines) == parts  # the first column is repeated in every part
    for name in NAMES:
        assert sum(line.strip().startswith(name) for line in at_40.splitlines()) == parts, name
    for header in ("Share", "Price", "Levels", "Count", "Remark"):
        assert sum(header in line for line in header_lines) == 1, header


def test_terminal_wide_table_goes_on_in_two_parts_with_the_first_column_repeated() -> None:
    # the first column is 12 wide (東京スキャン) + 3, each figure 14 + 3: three figures fit in 79, a fourth does not
    headers = ("Tool", *(f"Y202{i}" for i in range(1, 7)))
    rows: tuple[tuple[Value, ...], ...] = tuple(
        (name, *(Figure(Decimal(f"{i}{r}0000000.00"), f"{i}{r}0,000,000.00", "#,##0.00") for i in range(1, 7)))
        for r, name in enumerate(("Alpha OCR", "東京スキャン"), start=1)
    )
    out = _text("table", table_document(Table("Prices", headers, rows), "en"), width=80)
    lines = out.splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    assert [line.strip() for line in lines if "Prices" in line] == ["Prices", "Prices (1/2)", "Prices (2/2)"]
    first, second = out.split("Prices (2/2)")
    for part, years in ((first, range(1, 4)), (second, range(4, 7))):
        assert re.search(r"^\s+Tool\s", part, re.MULTILINE)
        for name in ("Alpha OCR", "東京スキャン"):
            assert sum(line.strip().startswith(name) for line in part.splitlines()) == 1
        for i in years:
            assert f"Y202{i}" in part
            assert f"{i}10,000,000.00" in part and f"{i}20,000,000.00" in part
    for i in range(1, 7):
        assert out.count(f"Y202{i}") == 1
        assert out.count(f"{i}10,000,000.00") == 1


# --- markdown ---------------------------------------------------------------------------


def test_markdown_escapes_cells_so_the_table_keeps_its_columns() -> None:
    out = _text("markdown")
    lines = out.splitlines()
    start = lines.index("| Tool | Share | Price | Levels | Count | Remark |")
    table = lines[start : start + 2 + len(SCORES.rows)]
    assert all(line.startswith("| ") or line.startswith("|---") for line in table)
    assert [len(_md_cells(line)) for line in table] == [6] * len(table)
    alpha, tokyo, script = (_md_cells(line) for line in table[2:])
    assert alpha == ["Alpha OCR", "66.7%", "12.50", "4 / x / -", "7", "x|y back\\slash \\|z &lt;b>bold&lt;/b> line two"]
    assert tokyo == ["東京スキャン", "25.0%", "3.00", "5 / 5 / 3", "12", "=SUM(A1:A2)"]
    assert script == ["&lt;script>x&lt;/script>", "8.3%", "0.13", "3 / x / 4", "", ""]
    assert "<b>" not in out and "<script>" not in out
    assert lines[0] == "# Hand-built report"
    for line in ("## Scores", "## Weights", "## Remarks", "- Three tools were scored.", "- Shares are of the total."):
        assert line in lines
    assert "- Figures are rounded for display." in lines
    assert "Plan 1a2b3c" in lines


def test_markdown_writes_no_empty_heading() -> None:
    out = _text("markdown", table_document(SCORES, "en"))
    assert out.startswith("# Scores\n")
    assert all(line.strip() != "##" for line in out.splitlines())


# --- csv --------------------------------------------------------------------------------


def test_csv_is_utf8_with_bom_sections_in_order() -> None:
    data = write(DOC, "csv")
    assert data.startswith(BOM) and not data.startswith(BOM + BOM)
    rows = _csv_rows(data)
    assert rows[:3] == [["Hand-built report"], ["Plan 1a2b3c"], ["Ledger head 42"]]
    start = rows.index(["Tool", "Share", "Price", "Levels", "Count", "Remark"])
    assert rows[start - 2 : start] == [["Scores"], ["Three tools were scored."]]
    alpha, tokyo, script = rows[start + 1 : start + 4]
    # Price has the format 0.00: its exact number, not what is shown ("0.13" stands for 0.125)
    assert [alpha[0], *alpha[2:]] == ["Alpha OCR", "12.50", "4 / x / -", "7", TRICKY]
    assert [tokyo[0], *tokyo[2:]] == ["東京スキャン", "3", "5 / 5 / 3", "12", "'=SUM(A1:A2)"]
    assert [script[0], *script[2:]] == [SCRIPT, "0.125", "3 / x / 4", "", ""]
    assert rows[start + 4] == ["Shares are of the total."]
    assert ["Weights"] in rows and ["Remarks"] in rows and ["Only words here."] in rows
    assert rows[-1] == ["Notes", "Figures are rounded for display."]
    weights = rows.index(["Criterion", "Weight"])
    assert rows[weights + 1 : weights + 4] == [["Accuracy", "0.5"], ["Speed", "0.3"], ["Cost", "0.2"]]


def test_csv_never_writes_levels_as_a_date() -> None:
    fields = [field for row in _csv_rows(write(DOC, "csv")) for field in row]
    assert "4 / x / -" in fields
    assert not [f for f in fields if re.fullmatch(r"\d{1,4}/\d{1,2}/\d{1,4}", f)]


def test_csv_writes_a_fraction_figure_as_its_exact_number() -> None:
    rows = _csv_rows(write(DOC, "csv"))
    start = rows.index(["Tool", "Share", "Price", "Levels", "Count", "Remark"])
    two_thirds, quarter, twelfth = (row[1] for row in rows[start + 1 : start + 4])
    for field in (two_thirds, quarter, twelfth):
        assert re.fullmatch(r"[0-9]+\.[0-9]+", field), field  # a number, not "66.7%"
    assert Fraction(Decimal(quarter)) == Fraction(1, 4)
    assert abs(Decimal(two_thirds) - Decimal(2) / Decimal(3)) < Decimal("1e-20")
    assert abs(Decimal(twelfth) - Decimal(1) / Decimal(12)) < Decimal("1e-20")


def test_csv_single_table_is_written_header_first() -> None:
    rows = _csv_rows(write(table_document(SCORES, "en"), "csv"))
    assert rows[0] == list(SCORES.headers)
    assert [row[0] for row in rows[1:4]] == list(NAMES)
    assert rows[2][5] == "'=SUM(A1:A2)"
    assert rows[4:] == [["Notes", "Shares are of the total."]]


JA = Table("一覧", ("名前", "備考"), (("東京", "良い"), ("大阪", "普通")))


def test_csv_cp932_has_no_bom_and_reads_back() -> None:
    data = write(table_document(JA, "ja"), "csv", encoding="cp932")
    assert not data.startswith(BOM)
    assert data.decode("cp932") == "名前,備考\r\n東京,良い\r\n大阪,普通\r\n"
    assert write(table_document(JA, "ja"), "csv") == BOM + data.decode("cp932").encode("utf-8")


@pytest.mark.parametrize(
    ("char", "code"),
    [("🙂", "U+1F642"), ("\u2022", "U+2022"), ("〜", "U+301C")],  # 〜 reads back as ～: changed, so refused
)
def test_csv_cp932_refuses_a_character_and_names_its_cell(char: str, code: str) -> None:
    table = Table("一覧", ("名前", "備考"), (("東京", "良い"), ("大阪", f"{char} OK")))
    with pytest.raises(OutputError) as caught:
        write(table_document(table, "ja"), "csv", encoding="cp932")
    message = caught.value.message("en")
    assert caught.value.key == "encoding.unencodable"
    assert "(B3)" in message and code in message  # header row 1, 大阪 row 3, 備考 column B
    assert "row 3, column 2" in message
    assert "東京" not in message


def test_csv_unknown_encoding_is_refused() -> None:
    with pytest.raises(OutputError) as caught:
        write(DOC, "csv", encoding="latin-1")
    assert caught.value.key == "encoding.unknown"


# --- json -------------------------------------------------------------------------------


def test_json_writes_the_structure_when_there_is_no_data() -> None:
    data = json.loads(_text("json"))
    assert {k: data[k] for k in ("kind", "title", "lang", "provenance", "notes")} == {
        "kind": "test",
        "title": "Hand-built report",
        "lang": "en",
        "provenance": ["Plan 1a2b3c", "Ledger head 42"],
        "notes": ["Figures are rounded for display."],
    }
    scores, weights, remarks = data["sections"]
    assert (scores["key"], scores["title"], scores["sentences"]) == ("scores", "Scores", ["Three tools were scored."])
    table = scores["table"]
    assert (table["title"], table["headers"], table["notes"]) == ("Scores", list(SCORES.headers), list(SCORES.notes))
    assert table["rows"][0] == [
        "Alpha OCR",
        {"value": {"exact": "2/3", "float": 2 / 3}, "shown": "66.7%"},
        {"value": 12.5, "shown": "12.50"},
        ["4", "x", "-"],
        7,
        TRICKY,
    ]
    assert table["rows"][2][1] == {"value": {"exact": "1/12", "float": 1 / 12}, "shown": "8.3%"}
    assert table["rows"][2][4] is None
    assert weights["table"]["rows"][1] == ["Speed", {"value": 0.3, "shown": "30.0%"}]
    assert remarks == {"key": "remarks", "title": "Remarks", "sentences": ["Only words here."]}


def test_json_writes_the_data_when_present() -> None:
    payload = {"schema": "test/1", "figures": [1, 2.5, "三"], "nested": {"ok": True}}
    document = Document("test", "With data", "ja", sections=DOC.sections, data=payload)
    assert json.loads(_text("json", document)) == payload
    assert "三" in _text("json", document)  # not \\u-escaped


# --- html -------------------------------------------------------------------------------


def test_html_is_one_escaped_page() -> None:
    page = _text("html")
    assert page.startswith("<!DOCTYPE html>")
    assert SCRIPT not in page and "<b>bold</b>" not in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    assert '<td class="num">66.7%</td>' in page
    assert '<td class="num">4 / x / -</td>' in page
    for key in ("scores", "weights", "remarks"):  # three titled sections: a table of contents
        assert f'id="{key}"' in page and f'href="#{key}"' in page
    for text in ("Plan 1a2b3c", "Three tools were scored.", "Shares are of the total.", "Figures are rounded"):
        assert text in page


def test_html_draws_bars_as_svg() -> None:
    page = _text("html")
    charts = re.findall(r'<figure class="chart">(.*?)</figure>', page, re.DOTALL)
    assert len(charts) == 1
    svg = charts[0]
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    # the longest of bars and dots is 0.6 → 420 units, so one unit of value is 700; bars start at x = 200
    assert re.findall(r'<rect [^>]*width="([0-9.]+)"', svg) == ["350.0", "210.0", "140.0"]
    assert re.findall(r'<circle cx="([0-9.]+)"', svg) == ["620.0", "480.0", "410.0"]
    for label in BARS.labels + BARS.shown:
        assert f">{label}</text>" in svg


# --- xlsx -------------------------------------------------------------------------------


def test_xlsx_has_a_sheet_per_section_and_keeps_kinds() -> None:
    book = openpyxl.load_workbook(io.BytesIO(write(DOC, "xlsx")))
    assert book.sheetnames == ["Scores", "W", "Remarks", "ⓘ"]
    sheet = book["Scores"]
    assert sheet["A1"].value == "Scores"
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    # the section's sentences stand above the table, so the header row follows them
    h = next(i for i, row in enumerate(rows, start=1) if row[: len(SCORES.headers)] == list(SCORES.headers))
    assert {"Three tools were scored."} <= {v for row in rows[: h - 1] for v in row}
    share, price = sheet[f"B{h + 1}"], sheet[f"C{h + 1}"]
    assert share.data_type == "n" and share.value == pytest.approx(2 / 3) and share.number_format == "0.0%"
    assert price.data_type == "n" and price.value == 12.5 and price.number_format == "0.00"
    assert sheet[f"C{h + 3}"].value == 0.125 and sheet[f"C{h + 3}"].number_format == "0.00"
    assert sheet[f"E{h + 1}"].value == 7 and sheet[f"E{h + 1}"].data_type == "n"
    assert sheet[f"E{h + 3}"].value is None
    for column, offset, value in (("D", 1, "4 / x / -"), ("F", 1, TRICKY), ("A", 3, SCRIPT), ("F", 2, "=SUM(A1:A2)")):
        cell = sheet[f"{column}{h + offset}"]
        assert (cell.value, cell.data_type) == (value, "s"), cell.coordinate
    assert sheet[f"F{h + 2}"].quotePrefix  # and stays text when edited in Excel
    values = {c.value for row in sheet.iter_rows() for c in row}
    assert {"Three tools were scored.", "Shares are of the total."} <= values
    # printed on A4, fitted to the width, the header repeated, numbered in the footer
    assert int(sheet.page_setup.paperSize) == 9 and sheet.sheet_properties.pageSetUpPr.fitToPage  # 9 = A4
    assert sheet.print_title_rows.replace("$", "") == f"{h}:{h}" and "&P" in sheet.oddFooter.center.text
    weights = book["W"]
    wrows = [[c.value for c in row] for row in weights.iter_rows()]
    w = next(i for i, row in enumerate(wrows, start=1) if row and row[0] == "Criterion")
    assert [(weights[f"B{r}"].value, weights[f"B{r}"].number_format) for r in (w + 1, w + 2, w + 3)] == [
        (0.5, "0.0%"),
        (0.3, "0.0%"),
        (0.2, "0.0%"),
    ]
    assert "Only words here." in {c.value for row in book["Remarks"].iter_rows() for c in row}
    about = {c.value for row in book["ⓘ"].iter_rows() for c in row}
    assert {"Plan 1a2b3c", "Ledger head 42", "Figures are rounded for display."} <= about


# --- choosing the format ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("output", "fmt", "expected"),
    [
        (None, None, "table"),
        ("x.xlsx", None, "xlsx"),
        ("x.md", None, "markdown"),
        ("x.markdown", None, "markdown"),
        ("REPORT.MD", None, "markdown"),
        ("x.txt", None, "table"),
        ("x.htm", None, "html"),
        ("x.html", None, "html"),
        ("x.csv", None, "csv"),
        ("x.json", None, "json"),
        ("no-suffix", None, "table"),
        ("x.md", "markdown", "markdown"),
        ("x.txt", "table", "table"),
        (None, "json", "json"),
        ("x.pdf", "csv", "csv"),  # --format given: an unknown suffix is the user's choice, CSV is written
    ],
)
def test_format_for(output: str | None, fmt: str | None, expected: str) -> None:
    assert format_for(Path(output) if output else None, fmt) == expected


@pytest.mark.parametrize(
    ("output", "fmt", "allowed", "key"),
    [
        ("x.md", "csv", FORMATS, "output.suffix_mismatch"),
        ("x.xlsx", "table", FORMATS, "output.suffix_mismatch"),
        ("x.pdf", None, FORMATS, "output.unknown_suffix"),
        (None, "xlsx", ("table", "csv"), "output.format_not_offered"),
        ("x.xlsx", None, ("table", "markdown", "csv", "json"), "output.format_not_offered"),
    ],
)
def test_format_for_refuses(output: str | None, fmt: str | None, allowed: tuple[str, ...], key: str) -> None:
    with pytest.raises(OutputError) as caught:
        format_for(Path(output) if output else None, fmt, allowed=allowed)
    assert caught.value.key == key
    if output is not None and key != "output.format_not_offered":
        assert output in caught.value.message("en")


def test_every_suffix_names_a_format_with_a_writer() -> None:
    assert set(SUFFIXES.values()) == set(FORMATS)
    with pytest.raises(OutputError) as caught:
        write(DOC, "pdf")
    assert caught.value.key == "report.unknown_format"


# --- the commands -----------------------------------------------------------------------

COMMANDS = {
    "matrix": ("matrix",),
    "fairness": ("fairness",),
    "robustness": ("robustness", "--samples", "200"),
    "weights": ("weights",),
    "trials": ("trials",),
    "log": ("log",),
    "hearing list": ("hearing", "list"),
    "catalog list": ("catalog", "list"),
    "rubric list": ("rubric", "list"),
}


def _is_kind(path: Path) -> None:
    data = path.read_bytes()
    suffix = path.suffix
    if suffix == ".xlsx":
        assert data.startswith(b"PK")
        assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames
        return
    if suffix == ".csv":
        assert data.startswith(BOM)
        assert len(_csv_rows(data)) >= 2
        return
    assert not data.startswith(BOM)
    text = data.decode("utf-8")
    if suffix == ".json":
        assert isinstance(json.loads(text), dict | list)
    elif suffix == ".html":
        assert text.startswith("<!DOCTYPE html>")
    elif suffix == ".md":
        assert text.startswith("# ") and "\n|---" in text
    else:  # .txt: the terminal's table as plain text, at the default width
        assert "\x1b" not in text and "|---" not in text
        assert max(cell_len(line) for line in text.splitlines()) <= 120


@pytest.mark.parametrize("name", list(COMMANDS))
def test_command_writes_the_file_its_suffix_names(
    name: str, demo: Workspace, tmp_path: Path, run: Callable[..., Result]
) -> None:
    args = COMMANDS[name]
    out = tmp_path / "out"
    out.mkdir()
    suffixes = (".txt", ".md", ".csv", ".json", ".html", ".xlsx")
    for suffix in suffixes:
        target = out / f"out{suffix}"
        result = run("--lang", "en", "-C", str(demo.root), *args, "-o", str(target))
        assert result.exit_code == 0, (suffix, result.stderr)
        assert result.stdout == ""
        assert str(target) in result.stderr
        _is_kind(target)

    refused = run("--lang", "en", "-C", str(demo.root), *args, "-o", str(out / "out.pdf"))
    assert refused.exit_code == 1
    assert refused.stdout == ""
    assert refused.stderr.startswith("toolbench: ") and refused.stderr.count("\n") == 1
    assert "out.pdf" in refused.stderr

    mismatch = run("--lang", "en", "-C", str(demo.root), *args, "--format", "csv", "-o", str(out / "other.md"))
    assert mismatch.exit_code == 1 and mismatch.stderr.count("\n") == 1
    assert sorted(p.name for p in out.iterdir()) == sorted(f"out{s}" for s in suffixes)  # nothing else written

    workbook = run("--lang", "en", "-C", str(demo.root), *args, "--format", "xlsx")
    assert workbook.exit_code == 2
    assert workbook.stdout == ""
    assert "-o FILE.xlsx" in workbook.stderr


def test_cp932_csv_through_a_command(demo: Workspace, tmp_path: Path, run: Callable[..., Result]) -> None:
    target = tmp_path / "log.csv"
    result = run("--lang", "ja", "-C", str(demo.root), "log", "--encoding", "cp932", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    data = target.read_bytes()
    assert not data.startswith(BOM)
    rows = _csv_rows(data, "cp932")
    assert rows[0][0] == "日時（日本時間）" and rows[1][2].endswith("(#1)")  # the log in words (issue 14)
    markdown = run("--lang", "en", "-C", str(demo.root), "log", "--encoding", "cp932", "-o", str(tmp_path / "log.md"))
    assert markdown.exit_code == 2
    assert "--encoding applies to --format csv only" in markdown.stderr
    assert not (tmp_path / "log.md").exists()


@pytest.mark.parametrize("name", ["fairness", "weights", "trials"])
def test_cp932_csv_of_a_report_with_fixed_text(
    name: str, demo: Workspace, tmp_path: Path, run: Callable[..., Result]
) -> None:
    target = tmp_path / "out.csv"
    result = run("--lang", "ja", "-C", str(demo.root), name, "--encoding", "cp932", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert _csv_rows(target.read_bytes(), "cp932")


def test_render_csv_is_the_matrix_file_without_its_bom(
    demo: Workspace, tmp_path: Path, run: Callable[..., Result]
) -> None:
    target = tmp_path / "m.csv"
    result = run("--lang", "en", "-C", str(demo.root), "matrix", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    text = render(demo.evaluate(), "csv", "en")
    assert not text.startswith("\ufeff")
    assert target.read_bytes() == BOM + text.encode("utf-8")
    assert text.startswith("Group,id,Criterion,Points,")
    assert render(demo.evaluate(), "markdown", "en").startswith("# ")
    with pytest.raises(OutputError) as caught:
        render(demo.evaluate(), "xlsx", "en")
    assert caught.value.key == "output.format_not_offered"


def test_matrix_csv_levels_are_never_read_as_dates(demo: Workspace) -> None:
    fields = [field for row in _csv_rows(render(demo.evaluate(), "csv", "en").encode()) for field in row]
    assert not [f for f in fields if re.fullmatch(r"\d{1,4}/\d{1,2}/\d{1,4}", f)]
