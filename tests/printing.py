"""Print documents the way procurement does: HTML through Chromium, XLSX through LibreOffice.

Both come from Debian's packages (`.ci/run` installs them when missing); a test that
needs one skips with the reason when it is not on the machine. Each conversion runs
in its own profile folder so that parallel runs never share state, and Chromium is
started with its background networking off (this machine has no network).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
)


def need(program: str) -> str:
    found = shutil.which(program)
    if found is None:
        pytest.skip(f"{program} is not installed (Debian package; .ci/run installs it)")
    return found


def html_to_pdf(html: Path, pdf: Path) -> Path:
    """Chromium's print of a page to A4 as its CSS says (`@page`)."""
    chromium = need("chromium")
    profile = pdf.parent / f".chromium-{pdf.stem}"
    subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", html.resolve().as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert pdf.exists(), f"chromium wrote no {pdf.name}"
    return pdf


def xlsx_to_pdf(xlsx: Path, out_dir: Path) -> Path:
    """LibreOffice's print of a workbook, every sheet, as its page set-up says."""
    soffice = need("soffice")
    profile = out_dir / ".libreoffice-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = out_dir / f"{xlsx.stem}.pdf"
    assert pdf.exists(), f"LibreOffice wrote no {pdf.name}"
    return pdf


def pages(pdf: Path) -> int:
    info = subprocess.run([need("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def text(pdf: Path) -> str:
    """The PDF's text, one line per printed line (pdftotext -layout)."""
    return subprocess.run(
        [need("pdftotext"), "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def png(pdf: Path, prefix: Path, resolution: int = 60) -> list[Path]:
    """Each page as a PNG, to look at (pdftoppm)."""
    subprocess.run([need("pdftoppm"), "-png", "-r", str(resolution), str(pdf), str(prefix)], check=True)
    return sorted(prefix.parent.glob(f"{prefix.name}-*.png"))


def fills(pdf: Path, footer: float = 45.0) -> list[float]:
    """How far down each page its text reaches, as a share of the page above the footer (0 empty, 1 full).

    Read from `pdftotext -bbox`: the lowest word above the bottom `footer` points (where
    the page number and date are) over the height above it. A chart without text under
    it counts as far as its last label.
    """
    import re

    out = subprocess.run([need("pdftotext"), "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    shares: list[float] = []
    for page in re.findall(r"<page (.*?)</page>", out, re.S):
        height = float(re.search(r'height="([0-9.]+)"', page).group(1))  # type: ignore[union-attr]
        bottoms = [float(y) for y in re.findall(r'yMax="([0-9.]+)"', page) if float(y) < height - footer]
        shares.append(max(bottoms, default=0.0) / (height - footer))
    return shares
