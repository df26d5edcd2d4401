"""Japanese documents in Japanese, CSV cells that stay what they are, amounts in 円, text CP932 can carry.

What a city files must read as it is: a Japanese matrix holds no English word and no raw
setting (適/否, not pass/fail); a CSV cell a spreadsheet opens is never turned into a date
(4/4/5 is 2004-04-05 to a Japanese spreadsheet); prices read 4,800,000円; and toolbench's
own fixed text can always be written as CP932.
"""

from __future__ import annotations

import csv
import importlib
import io
import pkgutil
import re
import shutil
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from click.testing import Result

from toolbench import Workspace
from toolbench.base import messages
from toolbench.base.i18n import MESSAGES
from toolbench.documents.matrix import matrix_view
from toolbench.renderers.formats import render_csv

# ASCII words a Japanese document may hold: names of standards and methods that Japanese
# text writes in Latin letters, file formats, and the program's own name.
ALLOWED = {"LGWAN", "ISMAP", "ISMS", "SUS", "AHP", "CR", "CSV", "XLSX", "toolbench"}
HEX = re.compile(r"[0-9a-f]{12,64}")
WORD = re.compile(r"[A-Za-z][A-Za-z]{2,}")


class _Text(HTMLParser):
    """The text of a page as a reader sees it: no tags, no style, no attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _html_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return "\n".join(parser.parts)


def _user_text(workspace: Workspace) -> list[str]:
    """What the user typed as names and comments: it is theirs, in whatever script they wrote it."""
    evaluation = workspace.evaluate()
    plan = evaluation.plan
    typed = [plan.evaluation.title.get("ja")]
    typed += [t.name.get("ja") for t in plan.tools] + [t.vendor for t in plan.tools]
    typed += [t.maker for t in plan.tools if t.maker]
    typed += [e.name for e in plan.evaluators] + [a for e in plan.evaluators for a in e.affiliations]
    typed += [c.name.get("ja") for c in plan.criteria] + [g.get("ja") for g in plan.groups.values()]
    typed += [
        cell.moderation.comment
        for result in evaluation.results
        for cell in result.cells.values()
        if cell.moderation is not None and cell.moderation.comment
    ]
    return sorted(typed, key=len, reverse=True)


def _english_words(text: str, typed: list[str]) -> list[str]:
    for name in typed:  # a name wrapped over two lines is still the name
        text = re.sub(r"\s*".join(re.escape(c) for c in name if not c.isspace()), " ", text)
    text = HEX.sub(" ", text)
    return sorted({w for w in WORD.findall(text) if w not in ALLOWED})


def _matrix_in_every_text_format(demo: Workspace, tmp_path: Path, run: Callable[..., Result]) -> dict[str, str]:
    texts: dict[str, str] = {}
    for fmt, suffix in (("table", "txt"), ("markdown", "md"), ("csv", "csv"), ("html", "html")):
        target = tmp_path / f"matrix.{suffix}"
        result = run("--lang", "ja", "-C", str(demo.root), "matrix", "--format", fmt, "-o", str(target))
        assert result.exit_code == 0, result.stderr
        if fmt == "html":
            texts[fmt] = _html_text(target.read_text(encoding="utf-8"))
        else:
            texts[fmt] = target.read_text(encoding="utf-8-sig")
    return texts


def test_a_japanese_matrix_holds_no_english(demo: Workspace, tmp_path: Path, run: Callable[..., Result]) -> None:
    typed = _user_text(demo)
    found = {
        fmt: words
        for fmt, text in _matrix_in_every_text_format(demo, tmp_path, run).items()
        if (words := _english_words(text, typed))
    }
    assert found == {}


def test_the_check_finds_english_and_raw_settings() -> None:
    """The scan itself: it would see an English word, a setting or an id, and lets names and hashes be."""
    typed = ["青木 (Aoki)"]
    assert _english_words("除外: exclude、lowest_ratio、technical → price → lot", typed) == [
        "exclude",
        "lot",
        "lowest",
        "price",
        "ratio",
        "technical",
    ]
    assert _english_words("委員長（青木 (Aoki)）・計画 7f86b89b3020・LGWAN 適 3/0・CR 0.05", typed) == []


# --- CSV cells a spreadsheet keeps as they are -----------------------------------------------


def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_matrix_csv_levels_are_text(demo: Workspace, lang: str) -> None:
    text = render_csv(matrix_view(demo.evaluate(), lang))  # type: ignore[arg-type]
    fields = [field for row in _csv_rows(text) for field in row]
    assert "4 / 4 / 5" in fields and "5 / 4 / x" in fields
    # nothing a spreadsheet reads as a date or a time
    assert not [f for f in fields if re.fullmatch(r"[0-9０-９]{1,4}([/／:-])[0-9０-９]{1,2}(\1[0-9０-９]{1,4})?", f)]


def test_matrix_terminal_keeps_levels_compact(demo: Workspace, run: Callable[..., Result]) -> None:
    result = run("--lang", "ja", "-C", str(demo.root), "matrix")
    assert result.exit_code == 0, result.stderr
    assert "4/4/5" in result.stdout and "4 / 4 / 5" not in result.stdout


def test_japanese_matrix_csv_names_rows_by_name(demo: Workspace) -> None:
    """Ids are for machines (JSON): a Japanese spreadsheet has the criterion's name, not its id."""
    rows = _csv_rows(render_csv(matrix_view(demo.evaluate(), "ja")))
    assert rows[0][:3] == ["区分", "評価項目", "配点"]
    assert ["機能", "認識精度", "23"] == rows[1][:3]
    english = _csv_rows(render_csv(matrix_view(demo.evaluate(), "en")))
    assert english[0][:4] == ["Group", "id", "Criterion", "Points"]


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("locale", ["1041", "1033"])  # ja-JP, en-US
def test_libreoffice_reads_no_matrix_csv_cell_as_a_date(demo: Workspace, tmp_path: Path, locale: str) -> None:
    """Open the CSV as a user would (LibreOffice, Japanese and US locale) and read what each cell became."""
    assert SOFFICE is not None
    for lang in ("ja", "en"):
        source = tmp_path / f"matrix-{lang}.csv"
        source.write_text(render_csv(matrix_view(demo.evaluate(), lang)), encoding="utf-8")  # type: ignore[arg-type]
        subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                "--headless",
                f"--infilter=CSV:44,34,76,1,,{locale}",
                "--convert-to",
                "xlsx",
                "--outdir",
                str(tmp_path),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        book = openpyxl.load_workbook(tmp_path / f"matrix-{lang}.xlsx")
        cells = [cell for row in book.active.iter_rows() for cell in row if cell.value is not None]
        book.close()
        assert not [(c.coordinate, c.value) for c in cells if c.is_date]
        levels = [c for c in cells if isinstance(c.value, str) and c.value.startswith("4 / 4 / 5")]
        assert levels and all(c.data_type == "s" for c in levels)
        # figures stay numbers
        assert any(c.value == 19.17 and c.data_type == "n" for c in cells)


# --- amounts ----------------------------------------------------------------------------------


def test_prices_read_in_yen_and_json_keeps_numbers(demo: Workspace, run: Callable[..., Result]) -> None:
    ja = run("--lang", "ja", "-C", str(demo.root), "matrix", "--format", "markdown")
    assert "9.90 (4,800,000円)" in ja.stdout
    assert "提案上限額 5,500,000円" in ja.stdout
    en = run("--lang", "en", "-C", str(demo.root), "matrix", "--format", "markdown")
    assert "9.90 (4,800,000 yen)" in en.stdout
    data = run("--lang", "en", "-C", str(demo.root), "matrix", "--format", "json")
    assert "円" not in data.stdout and " yen" not in data.stdout


# --- CP932 ------------------------------------------------------------------------------------


_PART_TABLES = {
    m.name: importlib.import_module(f"toolbench.base.messages.{m.name}").MESSAGES
    for m in pkgutil.iter_modules(messages.__path__)
}


def _not_in_cp932(text: str) -> list[str]:
    """Characters CP932 cannot carry, or carries as another character (〜 comes back as ～)."""
    bad = []
    for char in dict.fromkeys(text):
        try:
            if char.encode("cp932").decode("cp932") != char:
                bad.append(char)
        except UnicodeEncodeError:
            bad.append(char)
    return bad


# The message that tells which characters CP932 cannot carry names them: it is shown, never written to CP932.
NAMES_THE_CHARACTERS = {"encoding.unencodable"}
PARTS = ["i18n", *sorted(m.name for m in pkgutil.iter_modules(messages.__path__))]
NOT_YET: dict[str, str] = {}  # a message table still to change (none)


@pytest.mark.parametrize(
    "part",
    [pytest.param(p, marks=pytest.mark.xfail(strict=True, reason=NOT_YET[p])) if p in NOT_YET else p for p in PARTS],
)
def test_every_message_in_both_languages_is_cp932(part: str) -> None:
    """toolbench's own text never stops a CP932 file from being written (the user cannot edit it)."""
    if part == "i18n":
        table = {k: v for k, v in MESSAGES.items() if not any(k in t for t in _PART_TABLES.values())}
    else:
        table = _PART_TABLES[part]
    found = {
        (key, lang): "".join(bad)
        for key, (en, ja) in table.items()
        if key not in NAMES_THE_CHARACTERS
        for lang, text in (("en", en), ("ja", ja))
        if (bad := _not_in_cp932(text))
    }
    assert found == {}


@pytest.mark.parametrize("name", ["fairness", "weights", "trials", "robustness", "matrix", "log"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_report_of_the_demo_writes_as_cp932(
    name: str, lang: str, demo: Workspace, tmp_path: Path, run: Callable[..., Result]
) -> None:
    target = tmp_path / "out.csv"
    args = ["--samples", "100"] if name == "robustness" else []
    result = run("--lang", lang, "-C", str(demo.root), name, *args, "--encoding", "cp932", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes().decode("cp932")
