"""`toolbench fact import`: a registry's list (ISMAP, ASPIC, LGWAN-ASP) recorded as facts about the candidates.

The command parses its options and makes one library call,
`toolbench.workspace.registry.import_list`; then it says which column each field was
read from, what the list says about each candidate and what was recorded.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from toolbench.base.display import displayable
from toolbench.base.errors import ToolbenchError
from toolbench.base.i18n import Lang, translate
from toolbench.base.times import DateInputError, parse_date
from toolbench.cli._common import State, default_actor
from toolbench.cli.procedure import ACTOR_OPTION

if TYPE_CHECKING:
    from toolbench.model.plan import Plan
    from toolbench.workspace.facts import FactRowsError
    from toolbench.workspace.registry import ListedService, RegistryImport, ToolMatch
    from toolbench.workspace.workspace import Workspace


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """A date as staff type it (2026-11-20, 2026/11/20, 令和8年11月20日, R8.11.20): a usage error otherwise."""
    if value is None:
        return None
    try:
        return parse_date(value)
    except DateInputError as error:
        state = ctx.find_object(State)
        raise click.BadParameter(error.message(state.lang if state else "en")) from None


def _pairs(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """`--match TOOL=NUMBER` (or TOOL=-) as (tool, number) pairs; a usage error for anything else."""
    state = ctx.find_object(State)
    lang: Lang = state.lang if state else "en"
    pairs: list[tuple[str, str]] = []
    for item in value:
        tool, equals, number = item.partition("=")
        if not equals or not tool.strip() or not number.strip():
            raise click.BadParameter(translate("registry.bad_match", lang, value=item))
        pairs.append((tool.strip(), number.strip()))
    return tuple(pairs)


@click.command("import")
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--layout",
    "layout_name",
    required=True,
    metavar="NAME|FILE",
    help="The list's layout: ismap, ismap-liu, aspic, lgwan-asp, or a layout file (.toml) of your own.",
)
@click.option(
    "--as-of",
    callback=_date,
    default=None,
    metavar="DATE",
    help="The day you downloaded FILE (required with FILE: the file does not say when it was seen).",
)
@click.option("--url", default=None, help="Fetch the list from this https:// address instead of reading FILE.")
@click.option("--source", default=None, help="The page the list was downloaded from (default: the layout's address).")
@click.option(
    "--sheet", default=None, help="XLSX only: the sheet with the list (default: the layout's, else the first)."
)
@click.option(
    "--match",
    "matches",
    multiple=True,
    callback=_pairs,
    metavar="TOOL=NUMBER",
    help="The row with this registration number is TOOL's (TOOL=- : TOOL is not in the list). Repeatable.",
)
@click.option("--skip", "skips", multiple=True, metavar="TOOL", help="Take nothing from the list for TOOL. Repeatable.")
@click.option(
    "--absent-means-no",
    is_flag=True,
    help="Record 'no' for each candidate not in the list (the list is complete on the day it was seen).",
)
@click.option("--reason", default=None, help="Why recorded facts change (needed when an import corrects them).")
@click.option("--dry-run", is_flag=True, help="Read the list and say what would be recorded; record nothing.")
@click.option("--sha256", default=None, help="Refuse the list unless its SHA-256 is exactly this (with --url).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True, help="Seconds to wait.")
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=16 * 1024 * 1024,  # registry.DEFAULT_MAX_BYTES (a test holds them equal; this module loads no pydantic)
    show_default=True,
    help="Largest file --url accepts.",
)
@click.option(
    "--ca-bundle",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="PEM file of trusted certificates, for a server with a private CA.",
)
@click.option("--allow-http", is_flag=True, help="Accept plain http:// (only for a server on your own closed network).")
@ACTOR_OPTION
@click.pass_obj
def fact_import(
    state: State,
    file: Path | None,
    layout_name: str,
    as_of: date | None,
    url: str | None,
    source: str | None,
    sheet: str | None,
    matches: tuple[tuple[str, str], ...],
    skips: tuple[str, ...],
    absent_means_no: bool,
    reason: str | None,
    dry_run: bool,
    sha256: str | None,
    timeout: float,
    max_bytes: int,
    ca_bundle: Path | None,
    allow_http: bool,
    actor: str | None,
) -> None:
    """Record what a registry's list says about each candidate: ISMAP, ASPIC, LGWAN-ASP.

    FILE is the list as downloaded from the registry's site (.xlsx, or .csv in UTF-8
    or CP932); --as-of says the day. Or --url fetches it (HTTPS, as `catalog pull`
    does). Columns are found by heading words (登録番号, サービス名 …), and the import
    says which column each field came from: check them against the download. A
    candidate is found by its vendor or maker and its name; --match settles any other
    case. Every problem is named with its row and column, and nothing is recorded
    unless the whole list and every match are good.

    \b
    Example:
      toolbench fact import ismap-list.xlsx --layout ismap --as-of 2026-11-20 --dry-run
      toolbench fact import ismap-list.xlsx --layout ismap --as-of 2026-11-20
      toolbench fact import aspic.csv --layout aspic --as-of 2026-11-20 --source https://…
      toolbench fact import --url https://registry.example.jp/list.xlsx --layout my-list.toml
      toolbench fact import ismap-list.xlsx --layout ismap --as-of 2026-11-20 --match kamiscan=C21-0005-2
    """
    from toolbench.workspace.facts import FactRowsError  # lazy: pydantic (the fact models)
    from toolbench.workspace.registry import Download, import_list, layout_named  # lazy: pydantic, the layouts

    workspace = state.workspace()
    lang = state.lang
    chosen: dict[str, str] = {}
    for typed, number in matches:
        tool = workspace.resolve_tool(typed)
        if tool in chosen:
            raise click.BadParameter(translate("registry.match_twice", lang, tool=typed), param_hint="--match")
        chosen[tool] = number
    skipped = {workspace.resolve_tool(typed) for typed in skips}
    layout = layout_named(layout_name)
    if url is None and sha256 is not None:
        raise click.UsageError(translate("registry.sha256_needs_url", lang))
    download = None
    if url is not None:
        download = Download(
            url, sha256=sha256, timeout=timeout, max_bytes=max_bytes, ca_bundle=ca_bundle, allow_http=allow_http
        )
    try:
        result = import_list(
            workspace,
            layout,
            file,
            download=download,
            as_of=as_of,
            source=source,
            sheet=sheet,
            chosen=chosen,
            skipped=skipped,
            absent_means_no=absent_means_no,
            actor=actor or default_actor(),
            reason=reason,
            dry_run=dry_run,
        )
    except FactRowsError as error:
        raise _refused(error) from None
    for line in report_lines(result, workspace, lang):
        click.echo(displayable(line))


def _refused(error: FactRowsError) -> ToolbenchError:
    """The record's own refusals (a correction without --reason …), each on its line."""
    problems = [problem.message() for problem in error.rows]
    if len(problems) == 1:
        return ToolbenchError(problems[0].key, **problems[0].params)
    return ToolbenchError("registry.out.record_problems", count=len(problems), lines=tuple(problems))


def _tool_name(plan: Plan, labels: dict[str, str], tool_id: str, lang: Lang) -> str:
    """A candidate as the report names it: its label while blind, else its name and id."""
    if tool_id in labels:
        return labels[tool_id]
    tool = plan.tool(tool_id)
    name = tool.name.get(lang) if tool is not None else ""
    if not name or name == tool_id:
        return tool_id
    return translate("registry.out.named_tool", lang, name=name, id=tool_id)


def _span(years: int, months: int, days: int, lang: Lang) -> str:
    parts = [
        translate(f"registry.span.{unit}", lang, count=count)
        for unit, count in (("years", years), ("months", months), ("days", days))
        if count
    ]
    text = " ".join(parts)
    return text.replace("-", "－") if lang == "ja" else text


def report_lines(result: RegistryImport, workspace: Workspace, lang: Lang) -> list[str]:
    """What an import says: the list and where each field came from, the source, each candidate, the record."""
    from toolbench.model.facts import key_label  # lazy: pydantic (the fact models)
    from toolbench.workspace.registry import FIELDS  # lazy: pydantic (the layouts)

    listing, layout = result.listing, result.listing.layout
    labels = workspace.blind_labels() or {}
    name = layout.info.name.get(lang) if layout.info.name is not None else key_label(layout.key, lang)
    sheet = translate("registry.out.sheet", lang, sheet=listing.sheet) if listing.sheet else ""
    lines = [
        translate(
            "registry.out.list",
            lang,
            name=name,
            layout=layout.name,
            file=listing.file,
            sheet=sheet,
            row=listing.header_row,
            count=len(listing.services),
            sha256=listing.sha256[:16],
        ),
        translate("registry.out.columns", lang),
    ]
    for field in FIELDS:
        label = translate(f"registry.field.{field}", lang)
        column = listing.column(field)
        if column is not None:
            lines.append(
                translate("registry.out.column", lang, field=label, letter=column.letter, header=column.header)
            )
        elif field == "expires" and layout.expiry is not None and listing.column(layout.expiry.basis) is not None:
            rule = layout.expiry
            basis = translate(f"registry.field.{rule.basis}", lang)
            span = _span(rule.years, rule.months, rule.days, lang)
            lines.append(
                translate("registry.out.column_rule", lang, field=label, basis=basis, span=span, rule=rule.rule)
            )
        elif field in listing.absent:
            lines.append(translate("registry.out.column_absent", lang, field=label))
    if listing.notes:
        lines.append(translate("registry.out.notes", lang, rows=", ".join(str(r) for r in listing.notes)))
    lines.append(translate("registry.out.source", lang, source=result.source, as_of=result.as_of.isoformat()))
    lines.append(translate("registry.out.candidates", lang))
    fact_name = key_label(layout.key, lang)
    for match in result.matches:
        lines += _match_lines(match, result, workspace.plan, labels, fact_name, lang)
    same = len(result.facts) - len(result.events)
    new = len(result.events)
    if result.dry_run:
        lines.append(translate("registry.out.dry_run", lang, new=new, same=same))
    elif new:
        lines.append(translate("registry.out.recorded", lang, new=new, same=same, seqs=_seqs(result)))
    else:
        lines.append(translate("registry.out.nothing", lang, same=same))
    return lines


def _seqs(result: RegistryImport) -> str:
    numbers = [e.seq for e in result.events]
    if len(numbers) > 1 and numbers == list(range(numbers[0], numbers[0] + len(numbers))):
        return f"{numbers[0]}-{numbers[-1]}"
    return ", #".join(str(n) for n in numbers)


def _match_lines(
    match: ToolMatch, result: RegistryImport, plan: Plan, labels: dict[str, str], fact: str, lang: Lang
) -> list[str]:
    tool = _tool_name(plan, labels, match.tool, lang)
    shown = labels.get(match.tool, match.tool)
    blind = bool(labels)
    value = match.value
    words = translate(f"fact.value.{'true' if value else 'false'}", lang) if value is not None else ""
    same = translate("registry.out.same", lang) if value is not None and not result.recorded_for(match.tool) else ""
    service = match.service
    if match.how == "skipped":
        return [translate("registry.out.skipped", lang, tool=tool)]
    if match.how in ("said_absent", "absent"):
        return [translate(f"registry.out.{match.how}", lang, tool=tool, fact=fact, value=words, same=same)]
    if match.how == "not_found" or service is None:
        lines = [translate("registry.out.not_found", lang, tool=tool)]
        if not blind and match.company_rows:
            rows = "; ".join(_row(s, lang) for s in match.company_rows[:5])
            lines.append(translate("registry.out.company_rows", lang, rows=rows, id=shown))
        if not blind and match.name_rows:
            rows = "; ".join(_row(s, lang) for s in match.name_rows[:5])
            lines.append(translate("registry.out.name_rows", lang, rows=rows))
        return lines
    expires = ""
    if service.expires is not None:
        key = "registry.out.expires_rule" if service.expires_derived else "registry.out.expires"
        expires = translate(key, lang, date=service.expires.isoformat())
    if blind:
        return [
            translate(
                "registry.out.row_blind",
                lang,
                tool=tool,
                row=service.row,
                fact=fact,
                value=words,
                expires=expires,
                same=same,
            )
        ]
    company = translate("registry.out.company", lang, company=service.company) if service.company else ""
    return [
        translate(
            f"registry.out.{match.how}",
            lang,
            tool=tool,
            row=service.row,
            number=service.number,
            service=service.service,
            company=company,
            fact=fact,
            value=words,
            expires=expires,
            same=same,
        )
    ]


def _row(service: ListedService, lang: Lang) -> str:
    company = translate("registry.out.company", lang, company=service.company) if service.company else ""
    return f"#{service.row} {service.number} {service.service}{company}"
