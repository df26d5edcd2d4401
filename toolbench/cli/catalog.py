"""`toolbench catalog …` and `toolbench rubric …`: what the market offers, and how to judge it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import click

from toolbench.base.display import displayable
from toolbench.base.errors import OutputError, WorkspaceError
from toolbench.base.i18n import Lang, translate
from toolbench.base.numbers import plain
from toolbench.base.paths import find_root
from toolbench.cli._common import DOCUMENT_FORMAT_OPTION, OUTPUT_OPTION, State, emit, show_document
from toolbench.cli.progress import label, reporter, verbosity_options
from toolbench.documents.model import Document, Section, Table
from toolbench.documents.trials import evidence_cells
from toolbench.methods.evidence import OtherCity
from toolbench.methods.facts import FactState
from toolbench.model.facts import Fact, key_label, value_text
from toolbench.model.plan import Plan, parse_plan
from toolbench.workspace.catalog import CatalogEntry, Listed, export_text, find, load_catalog, search
from toolbench.workspace.catalog_pull import pull
from toolbench.workspace.folder import rubric_data, rubric_names


@dataclass(frozen=True)
class _Table:
    title: str
    headers: list[str]
    rows: list[list[str]]
    records: list[dict[str, object]]


def _print(table: _Table, fmt: str | None, output: Path | None, lang: Lang, empty: str) -> None:
    """One output path for every listing here: the listing as a document, in any format."""
    if not table.rows and (fmt or "table") == "table" and output is None:
        click.echo(empty)
        return
    rows = tuple(tuple(row) for row in table.rows)
    document = Document(
        kind="listing",
        title=table.title,
        lang=lang,
        sections=(Section("", (), Table(table.title, tuple(table.headers), rows), key="listing"),),
        data=table.records,
    )
    show_document(document, fmt, output, lang)


def _workspace_root(state: State) -> Path | None:
    """The workspace, if there is one here; catalogs and rubrics work without one."""
    try:
        return find_root(Path(state.directory) if state.directory else Path.cwd())
    except WorkspaceError:
        if state.directory:  # -C names a folder that must be a workspace
            raise
        return None


def _lang(state: State) -> Lang:
    """--lang, else the language of the workspace's plan when run inside one (read without opening it)."""
    return state.lang


# --- catalog ---------------------------------------------------------------------------


@click.group()
def catalog() -> None:
    """Browse, search, pull and export the catalog of candidate products.

    Entries hold public facts only (name, vendor, category, web page); anything else
    carries its source and date. A workspace's own entries (catalog/*.toml in the
    workspace folder) and pulled ones override shipped entries with the same id.

    \b
    Example:
      toolbench catalog list --category ai-ocr
      toolbench catalog search クラウド
      toolbench catalog pull https://pref.example.jp/dx/catalog.toml
    """


def _entry_table(listed: Sequence[Listed], lang: Lang) -> _Table:
    headers = [translate(k, lang) for k in ("c.id", "c.name", "c.vendor", "c.category", "c.origin")]
    rows = [
        [i.entry.id, i.entry.name, i.entry.vendor, i.entry.category, translate(f"origin.{i.origin}", lang)]
        for i in listed
    ]
    records = [
        {**i.entry.model_dump(mode="json", exclude_none=True), "origin": i.origin, "source": i.source} for i in listed
    ]
    return _Table("", headers, rows, records)


@catalog.command("list")
@click.option("--category", default=None, help="Only this category (ai-ocr, rpa, ai-minutes, e-contract …).")
@DOCUMENT_FORMAT_OPTION
@OUTPUT_OPTION
@click.pass_obj
def catalog_list(state: State, category: str | None, fmt: str | None, output: Path | None) -> None:
    """List catalog entries: shipped, pulled and this workspace's own.

    \b
    Example:
      toolbench catalog list
      toolbench catalog list --category rpa --format csv -o rpa.csv
    """

    lang = _lang(state)
    listed = [i for i in load_catalog(_workspace_root(state)) if category is None or i.entry.category == category]
    _print(_entry_table(listed, lang), fmt, output, lang, translate("catalog.none", lang))


@catalog.command("search")
@click.argument("words", nargs=-1, required=True)
@DOCUMENT_FORMAT_OPTION
@OUTPUT_OPTION
@click.pass_obj
def catalog_search(state: State, words: tuple[str, ...], fmt: str | None, output: Path | None) -> None:
    """Find entries whose id, name, vendor, category or tags contain every word.

    Full-width and half-width letters match each other, as do upper and lower case.

    \b
    Example:
      toolbench catalog search ocr
      toolbench catalog search 電子 契約
    """

    lang = _lang(state)
    found = search(load_catalog(_workspace_root(state)), " ".join(words))
    _print(_entry_table(found, lang), fmt, output, lang, translate("catalog.none", lang))


@catalog.command("show")
@click.argument("entry_id", metavar="ID")
@click.pass_obj
def catalog_show(state: State, entry_id: str) -> None:
    """Show one entry with its facts: each one's value in words, number, source, the date it was seen and its expiry.

    \b
    Example:
      toolbench catalog show ai-inside-dx-suite
    """

    lang = _lang(state)
    item = find(load_catalog(_workspace_root(state)), entry_id)
    entry = item.entry
    pairs = [
        ("c.id", entry.id),
        ("c.name", entry.name),
        ("c.vendor", entry.vendor),
        ("c.maker", entry.maker or "-"),
        ("c.category", entry.category),
        ("c.url", entry.url or "-"),
        ("c.origin", f"{translate(f'origin.{item.origin}', lang)} ({item.source})"),
    ]
    # a pulled catalog is someone else's text: its escapes and bidi controls are shown, never obeyed
    for key, value in pairs:
        click.echo(displayable(f"{translate(key, lang)}: {value}"))
    if entry.description:
        click.echo(displayable(entry.description.get(lang)))
    if entry.facts:
        click.echo(translate("c.facts", lang) + ":")
        for fact in entry.facts:
            for line in _fact_lines(fact, lang):
                click.echo(displayable(line))
    else:
        click.echo(translate("c.no_facts", lang))
    if entry.evidence:  # other cities' published trials: beside the product, never in a score from here
        click.echo(translate("evidence.board_section", lang) + ":")
        for record in entry.evidence:
            cells = evidence_cells(None, OtherCity(entry.id, record, None, None, ()), lang)
            head = translate(
                "evidence.catalog_line", lang, publisher=cells["publisher"], published=cells["published_on"]
            )
            click.echo(displayable(f"  {head}: {cells['period']}"))
            for key in ("departments", "sus", "uxlite", "hours", "accuracy"):
                click.echo(displayable(f"    {translate(f'evidence.{key}', lang)}: {cells[key]}"))


def _fact_lines(fact: Fact, lang: Lang) -> list[str]:
    """A catalog fact as `catalog show` prints it: its name and value in words, then its source and dates."""
    number = translate("factcli.number", lang, number=fact.number) if fact.number else ""
    lines = [
        translate(
            "factcli.catalog_fact",
            lang,
            fact=key_label(fact.key, lang),
            value=value_text(fact.key, fact.value, lang),
            number=number,
        )
    ]
    if fact.detail:
        lines.append(translate("factcli.catalog_detail", lang, detail=fact.detail))
    page = translate("factcli.catalog_page", lang, page=fact.page) if fact.page else ""
    expires = translate("factcli.expires", lang, date=fact.expires.isoformat()) if fact.expires else ""
    lines.append(
        translate(
            "factcli.catalog_fact_source",
            lang,
            source=fact.source,
            page=page,
            as_of=fact.as_of.isoformat(),
            expires=expires,
        )
    )
    return lines


@catalog.command("pull")
@click.argument("url")
@click.option("--sha256", default=None, help="Refuse the catalog unless its SHA-256 is exactly this.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True, help="Seconds to wait.")
@click.option(
    "--max-bytes", type=click.IntRange(min=1), default=1024 * 1024, show_default=True, help="Largest file accepted."
)
@click.option(
    "--ca-bundle",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="PEM file of trusted certificates, for a server with a private CA.",
)
@click.option("--allow-http", is_flag=True, help="Accept plain http:// (only for a server on your own closed network).")
@verbosity_options
@click.pass_obj
def catalog_pull(
    state: State,
    url: str,
    sha256: str | None,
    timeout: float,
    max_bytes: int,
    ca_bundle: Path | None,
    allow_http: bool,
) -> None:
    """Fetch a catalog published by another city or a prefecture into this workspace.

    URL is one catalog file (TOML or JSON) or an index listing such files. Every
    entry is validated before anything is written; an unchanged catalog (same
    ETag) is not downloaded again.

    \b
    Example:
      toolbench catalog pull https://pref.example.jp/dx/catalog.toml
      toolbench catalog pull https://pref.example.jp/dx/index.json --sha256 9f86d0…
    """

    workspace = state.workspace()
    lang = state.lang
    with reporter().task(label("pull", lang)) as progress:
        result = pull(
            workspace.root,
            url,
            sha256=sha256,
            timeout=timeout,
            max_bytes=max_bytes,
            ca_bundle=ca_bundle,
            allow_http=allow_http,
            progress=progress,
        )
    if result.changed:
        click.echo(
            translate(
                "catalog.pulled", lang, count=result.entries, url=url, file=result.file, sha256=result.sha256[:16]
            )
        )
    else:
        click.echo(translate("catalog.unchanged", lang, url=url))


@catalog.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["toml", "json"]),
    default=None,
    help="toml or json (default: from the suffix of -o FILE, else toml).",
)
@click.option(
    "--all", "everything", is_flag=True, help="Include shipped and pulled entries, not only the workspace's own."
)
@OUTPUT_OPTION
@click.pass_obj
def catalog_export(state: State, fmt: str | None, everything: bool, output: Path | None) -> None:
    """Write the workspace's own entries as a catalog file others can pull.

    The facts this workspace recorded (`toolbench fact add`, `fact take`) go with
    its candidates' entries, replacing an entry's fact with the same key; a
    candidate with recorded facts is exported even when its entry is shipped or
    pulled (or, with no entry, made from the plan's candidate and [rubric]
    category). Another city pulls the file and records them with `fact take`.

    \b
    Example:
      toolbench catalog export -o our-catalog.toml
      toolbench catalog export --all -o catalog.json
    """
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    if fmt is None:
        if suffix not in ("", "toml", "json"):
            raise OutputError("output.unknown_suffix", path=str(output), formats=".toml, .json")
        fmt = suffix or "toml"
    elif suffix in ("toml", "json", "md", "csv", "html", "xlsx", "txt") and suffix != fmt:
        raise OutputError("output.suffix_mismatch", path=str(output), fmt=fmt, suffix_fmt=suffix)
    workspace = state.workspace()
    merged = load_catalog(workspace.root)
    listed = [i.entry for i in merged if everything or i.origin == "workspace"]
    entries, skipped = with_recorded_facts(workspace.plan, workspace.facts.current(), merged, listed)
    if skipped:
        click.echo(
            displayable(
                translate(
                    "factcli.export_skipped",
                    state.lang,
                    tools=", ".join(tool.name.get(state.lang) for tool in workspace.plan.tools if tool.id in skipped),
                )
            ),
            err=True,
        )
    publisher = workspace.plan.evaluation.organisation
    text = export_text(entries, "json" if fmt == "json" else "toml", publisher.get(state.lang) if publisher else None)
    emit(text, output, lang=state.lang)


def with_recorded_facts(
    plan: Plan, state: FactState, merged: Sequence[Listed], exported: Sequence[CatalogEntry]
) -> tuple[list[CatalogEntry], list[str]]:
    """The entries to export, with the facts the workspace recorded for the plan's candidates.

    A recorded fact replaces the entry's fact with the same key (in its place), the others
    follow the entry's own. A candidate with recorded facts whose entry is not exported
    already is added: its catalog entry, else an entry made from the plan's candidate with
    the plan's category (`[rubric] category`). Returns the entries and the candidates left
    out for want of a category.
    """
    entries = list(exported)
    position = {entry.id: index for index, entry in enumerate(entries)}
    catalog = {item.entry.id: item.entry for item in merged}
    category = plan.rubric.category if plan.rubric is not None else None
    skipped: list[str] = []
    for tool in plan.tools:
        recorded = [r.fact for r in state.of(tool.id)]
        if not recorded:
            continue
        entry = entries[position[tool.id]] if tool.id in position else catalog.get(tool.id)
        if entry is None:
            if not category:
                skipped.append(tool.id)
                continue
            entry = CatalogEntry(
                id=tool.id,
                name=tool.name.get(plan.evaluation.language),
                vendor=tool.vendor,
                maker=tool.maker,
                category=category,
                url=tool.url,
            )
        keys = {f.key: f for f in recorded}
        facts = [keys.pop(f.key, f) for f in entry.facts]
        entry = entry.model_copy(update={"facts": [*facts, *keys.values()]})
        if tool.id in position:
            entries[position[tool.id]] = entry
        else:
            position[tool.id] = len(entries)
            entries.append(entry)
    return entries, skipped


# --- rubrics ---------------------------------------------------------------------------


@click.group()
def rubric() -> None:
    """The shipped scoring rubrics (評価基準テンプレート) that `toolbench init` starts from.

    \b
    Example:
      toolbench rubric list
      toolbench rubric show rpa
    """


@rubric.command("list")
@DOCUMENT_FORMAT_OPTION
@OUTPUT_OPTION
@click.pass_obj
def rubric_list(state: State, fmt: str | None, output: Path | None) -> None:
    """List the shipped rubrics with their number of criteria and price method.

    \b
    Example:
      toolbench rubric list
    """

    lang = _lang(state)
    headers = [translate(k, lang) for k in ("c.id", "r.rubric", "r.criteria", "m.points", "r.price_family")]
    rows, records = [], []
    for name in rubric_names():
        plan = parse_plan(rubric_data(name), file=f"scoring/{name}.toml")
        title = plan.rubric.name.get(lang) if plan.rubric else name
        total = plain(sum((c.points for c in plan.criteria), Decimal(0)))
        rows.append([name, title, str(len(plan.criteria)), total, translate(f"price.{plan.price.family}", lang)])
        records.append(
            {
                "id": name,
                "name": title,
                "criteria": len(plan.criteria),
                "points": total,
                "price_family": plan.price.family,
            }
        )
    _print(_Table("", headers, rows, records), fmt, output, lang, "")


@rubric.command("show")
@click.argument("name")
@DOCUMENT_FORMAT_OPTION
@OUTPUT_OPTION
@click.pass_obj
def rubric_show(state: State, name: str, fmt: str | None, output: Path | None) -> None:
    """Show a rubric's criteria: group, kind, points, scale and what each level means.

    \b
    Example:
      toolbench rubric show ai-minutes
    """

    lang = _lang(state)
    plan = parse_plan(rubric_data(name), file=f"scoring/{name}.toml")
    headers = [translate(k, lang) for k in ("m.group", "c.id", "m.criterion", "r.kind", "m.points", "r.scale")]
    rows: list[list[str]] = []
    records: list[dict[str, object]] = []
    for c in plan.criteria:
        scale = plan.scale_of(c)
        anchors = "; ".join(f"{level}: {text.get(lang)}" for level, text in c.anchors.items())
        if c.fact is not None:  # a fact criterion or a must-have the facts decide: nobody judges it
            scale_text = translate("r.scale.facts", lang)
        elif c.kind == "must":
            scale_text = translate("r.scale.must", lang)
        else:
            scale_text = f"{scale.describe()}" if scale else "-"
        group = plan.groups[c.group].get(lang)
        rows.append([group, c.id, c.name.get(lang), translate(f"kind.{c.kind}", lang), plain(c.points), scale_text])
        records.append(
            {
                "group": c.group,
                "id": c.id,
                "name": {"ja": c.name.ja, "en": c.name.en},
                "kind": c.kind,
                "points": plain(c.points),
                "scale": c.scale,
                "levels": {k: plain(v) for k, v in scale.ratios.items()} if scale else None,
                "anchors": anchors,
            }
        )
    title = plan.rubric.name.get(lang) if plan.rubric else name
    family = plan.price.family
    price = f"{translate(f'price.{family}', lang)} ({translate(f'formula.{family}', lang)})"
    _print(
        _Table(f"{title} · {translate('r.price_family', lang)}: {price}", headers, rows, records), fmt, output, lang, ""
    )
