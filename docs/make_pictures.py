"""Make the pictures in docs/images/ of what procurement receives, by the same pipeline the tests use.

    /tmp/venv/bin/python docs/make_pictures.py

Builds the demo in a temporary folder, writes the comparison matrix as HTML and the
report folder (whose report.xlsx holds each evaluator's 採点表), prints the matrix
through Chromium and the workbook through LibreOffice to PDF, and turns the first page
of each into a PNG with `pdftoppm -png` (small: 70 dpi). Needs chromium, soffice and
poppler-utils, as the print tests do (tests/printing.py).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests.printing import html_to_pdf, xlsx_to_pdf  # noqa: E402
from toolbench import build_demo  # noqa: E402

IMAGES = HERE / "images"
RESOLUTION = 70


def first_page(pdf: Path, target: Path) -> Path:
    """The PDF's first page as `target` (PNG), by pdftoppm."""
    prefix = pdf.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(RESOLUTION), "-f", "1", "-l", "1", "-singlefile", str(pdf), str(prefix)]
    )
    shutil.move(prefix.with_suffix(".png"), target)
    return target


def main() -> None:
    from toolbench.cli import cli

    IMAGES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        workspace = build_demo(work / "demo")
        root = workspace.root
        workspace.close()
        for args in (["matrix", "-o", str(root / "matrix.html")], ["report", str(root / "reports")]):
            cli.main(["-C", str(root), *args], standalone_mode=False)
        matrix = html_to_pdf(root / "matrix.html", work / "matrix.pdf")
        report = xlsx_to_pdf(root / "reports" / "report.xlsx", work)  # its first sheet is the first 採点表
        for made in (first_page(matrix, IMAGES / "matrix.png"), first_page(report, IMAGES / "scoring-sheet.png")):
            print(made.relative_to(HERE.parent))


if __name__ == "__main__":
    main()
