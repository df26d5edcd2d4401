"""Plain tables (a header and rows of text) in every format, for lists such as the log."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from rich import box
from rich.table import Table

from toolbench.renderers.formats import neutralise


def rows_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> Table:
    table = Table(title=title or None, box=box.SIMPLE, title_justify="left")
    for position, header in enumerate(headers):
        if position == 0:
            # the first column holds ids people copy into commands: never cut it short
            width = max([len(header), *(len(row[0]) for row in rows)])
            table.add_column(header, no_wrap=True, min_width=width)
        else:
            table.add_column(header, overflow="fold")  # wrap, never cut a value short
    for row in rows:
        table.add_row(*row)
    return table


def rows_markdown(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(cell(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def rows_csv(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in headers])
    writer.writerows([[neutralise(c) for c in row] for row in rows])
    return out.getvalue()


def rows_json(records: Sequence[dict[str, object]]) -> str:
    return json.dumps(list(records), ensure_ascii=False, indent=2) + "\n"
