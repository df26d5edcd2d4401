"""The procurement set written into a folder, all or nothing (`toolbench report DIR`).

The parts are built in `toolbench.documents.procurement`; this module lays them out
through the renderers and writes the files.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from toolbench.base.errors import OutputError
from toolbench.base.i18n import Lang
from toolbench.base.paths import PLAN_FILE, STATE_DIR
from toolbench.documents.matrix import matrix_document, matrix_view
from toolbench.documents.model import table_document
from toolbench.documents.procurement import (
    ProcurementParts,
    _disqualified,
    levels_tables,
    metadata_table,
    points_table,
    procurement_document,
    public_table,
    reasons_table,
    selected_tool,
)
from toolbench.renderers.encoding import check_encoding, encode_csv
from toolbench.renderers.writers import write
from toolbench.renderers.writers.to_csv import text as csv_text
from toolbench.workspace.workspace import Workspace

FORMATS: Final = ("xlsx", "html", "csv")


XLSX_FILE: Final = "report.xlsx"


HTML_FILE: Final = "report.html"


SUMMARY_CSV: Final = "summary.csv"


PUBLIC_CSV: Final = "public-results.csv"


REASONS_CSV: Final = "reasons-log.csv"


def parse_formats(value: str | Iterable[str]) -> tuple[str, ...]:
    """Report formats from "xlsx,html" (or a list), in the canonical order; OutputError for an unknown one."""
    items = value.split(",") if isinstance(value, str) else list(value)
    wanted = {item.strip().lower() for item in items if item.strip()}
    for item in sorted(wanted - set(FORMATS)):
        raise OutputError("report.unknown_format", value=item)
    if not wanted:
        raise OutputError("report.unknown_format", value=value if isinstance(value, str) else "")
    return tuple(f for f in FORMATS if f in wanted)


def _check_destination(out_dir: Path, workspace_root: Path, force: bool) -> None:
    target = out_dir.resolve()
    root = workspace_root.resolve()
    if root == target or root.is_relative_to(target) or (target / PLAN_FILE).exists() or (target / STATE_DIR).exists():
        raise OutputError("report.workspace_inside", path=str(out_dir))
    if target.exists() and not target.is_dir():
        raise OutputError("report.not_dir", path=str(out_dir))
    if target.is_dir() and any(target.iterdir()) and not force:
        raise OutputError("report.not_empty", path=str(out_dir))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_folder(out_dir: Path, files: dict[str, bytes]) -> list[Path]:
    """Write every file into a new folder beside `out_dir`, then put it in place in one rename.

    An existing `out_dir` (empty, or replaced with --force) is moved aside first and
    removed only after the new folder is in place; on any failure it is put back.
    """
    target = out_dir.absolute()
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp"))
    except OSError as error:
        raise OutputError("report.cannot_write", path=str(out_dir), reason=error.strerror or str(error)) from None
    mask = _umask()
    aside: Path | None = None
    try:
        for name, data in files.items():
            with open(temp / name, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temp / name, 0o666 & ~mask)
        os.chmod(temp, 0o777 & ~mask)  # mkdtemp makes it private; a report is for colleagues
        if target.exists():
            aside = parent / f".{target.name}.{secrets.token_hex(4)}.old"
            os.rename(target, aside)
        try:
            os.rename(temp, target)
        except OSError:
            if aside is not None:
                os.rename(aside, target)
                aside = None
            raise
    except OSError as error:
        shutil.rmtree(temp, ignore_errors=True)
        raise OutputError("report.cannot_write", path=str(out_dir), reason=error.strerror or str(error)) from None
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)
    return [target / name for name in files]


def build_report(
    workspace: Workspace,
    out_dir: str | Path,
    formats: str | Iterable[str] = FORMATS,
    lang: Lang = "ja",
    selected: str | None = None,
    encoding: str = "utf-8",
    *,
    force: bool = False,
    now: datetime | None = None,
) -> list[Path]:
    """Write the procurement set for the workspace as it is now into the new folder `out_dir`.

    `formats`: any of xlsx, html, csv. `selected`: the tool the public table names
    (default: the sole eligible tool ranked first). `encoding`: of the CSV files,
    utf-8 (with BOM) or cp932. Everything is made in memory and written into a
    temporary folder beside `out_dir`, which is renamed into place only when all of
    it succeeded; an existing non-empty `out_dir` is refused unless `force`.
    Returns the files written.
    """
    out_dir = Path(out_dir)
    chosen_formats = parse_formats(formats)
    check_encoding(encoding)
    _check_destination(out_dir, workspace.root, force)
    moment = now or datetime.now(UTC)
    evaluation = workspace.evaluate()
    view = matrix_view(evaluation, lang)
    if selected is not None:
        if selected not in view.tool_ids:
            raise OutputError("report.unknown_tool", tool=selected, known=", ".join(view.tool_ids) or "-")
        if _disqualified(view, view.tool_ids.index(selected)):
            raise OutputError("report.selected_disqualified", tool=selected)
    else:
        selected = selected_tool(view)
    events = [e for e in workspace.ledger.events() if e.seq <= evaluation.head_seq]
    labels = workspace.blind_labels()
    if labels:  # blind: the reasons log names tools by their labels too
        events = [
            replace(e, payload={**e.payload, "tool": labels.get(str(e.payload["tool"]), e.payload["tool"])})
            if "tool" in e.payload
            else e
            for e in events
        ]
    plan = evaluation.plan
    parts = ProcurementParts(
        scoring=levels_tables(evaluation, lang),
        public=public_table(view, plan, selected=selected),
        reasons=reasons_table(plan, events, lang),
        points=points_table(evaluation, lang),
        metadata=metadata_table(evaluation, lang, now=moment),
    )
    document = procurement_document(view, parts, now=moment)
    files: dict[str, bytes] = {}
    if "xlsx" in chosen_formats:
        files[XLSX_FILE] = write(document, "xlsx")
    if "html" in chosen_formats:
        files[HTML_FILE] = write(document, "html")
    if "csv" in chosen_formats:
        texts: list[tuple[str, str]] = [
            (f"scoring-sheet-{evaluator.id}.csv", csv_text(table_document(table, lang)))
            for evaluator, table in parts.scoring
        ]
        texts += [
            (SUMMARY_CSV, csv_text(matrix_document(view))),
            (PUBLIC_CSV, csv_text(table_document(parts.public, lang))),
            (REASONS_CSV, csv_text(table_document(parts.reasons, lang))),
        ]
        for name, text in texts:
            files[name] = encode_csv(text, encoding, name=name)
    return _write_folder(out_dir, files)
