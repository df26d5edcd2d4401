"""The shipped rubrics and catalog, workspace entries, search, export and init --tools."""

from __future__ import annotations

import json
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import Result

from toolbench import Evaluator, Workspace
from toolbench.base.errors import CatalogError
from toolbench.model.plan import parse_plan
from toolbench.workspace.catalog import (
    candidates_for,
    entries_from_data,
    export_text,
    load_catalog,
    parse_document,
    search,
    shipped_entries,
)
from toolbench.workspace.folder import rubric_data, rubric_names

RUBRICS = rubric_names()


def test_five_rubrics_ship() -> None:
    assert set(RUBRICS) == {"ai-ocr", "rpa", "ai-minutes", "e-contract", "gen-ai"}


@pytest.mark.parametrize("name", RUBRICS)
def test_rubric_is_complete(name: str) -> None:
    """Each rubric: bilingual criteria with anchors, a must-have, a price criterion and family, points add up."""
    plan = parse_plan(rubric_data(name))
    assert plan.rubric is not None and plan.rubric.category == name
    assert plan.price.family != "none"
    kinds = [c.kind for c in plan.criteria]
    assert "must" in kinds and "price" in kinds and kinds.count("rating") >= 4
    assert sum(c.points for c in plan.criteria) == plan.evaluation.total_points == 100
    for criterion in plan.criteria:
        assert criterion.name.ja and criterion.name.en and criterion.name.ja != criterion.name.en
        assert criterion.description is not None and criterion.description.ja and criterion.description.en
        if criterion.kind == "rating":
            assert criterion.anchors, f"{name}.{criterion.id} has no level anchors"
            for text in criterion.anchors.values():
                assert text.ja and text.en


@pytest.mark.parametrize("name", RUBRICS)
def test_init_from_each_rubric_evaluates(tmp_path: Path, name: str) -> None:
    """init --rubric NAME --tools (from the catalog) gives a workspace whose evaluation runs.

    Two evaluators give every rating criterion its top level on one tool and the bottom
    level on another: totals must be all the rating points, and 0.
    """
    entries = [e.id for e in shipped_entries() if e.category == name][:2]
    assert len(entries) == 2
    tools = candidates_for(name, entries)
    people = [Evaluator(id="e1", name="委員1"), Evaluator(id="e2", name="委員2")]
    with Workspace.init(tmp_path / name, rubric=name, tools=tools, evaluators=people) as ws:
        best, worst = {}, {}
        for criterion in ws.plan.criteria:
            scale = ws.plan.scale_of(criterion)
            if criterion.kind == "rating" and scale is not None:
                best[criterion.id], worst[criterion.id] = scale.levels()[0], scale.levels()[-1]
        for evaluator in ("e1", "e2"):
            ws.record_scores(entries[0], evaluator, best, actor="t")
            ws.record_scores(entries[1], evaluator, worst, actor="t")
        result = ws.evaluate()
        rating_points = sum(c.points for c in ws.plan.criteria if c.kind == "rating")
        assert result.result(entries[0]).total == Fraction(rating_points)
        assert result.result(entries[1]).total == 0
        assert [r.rank for r in result.results] == [1, 2]


def test_shipped_catalog_is_valid_and_factual() -> None:
    """Entries validate, ids are unique, every rubric category has at least three products,
    and nothing in the catalog is a score: only name, vendor, category, page and sourced facts."""
    entries = shipped_entries()
    assert len({e.id for e in entries}) == len(entries)
    for name in RUBRICS:
        assert sum(1 for e in entries if e.category == name) >= 3
    for entry in entries:
        assert entry.url is None or entry.url.startswith("https://")
        for fact in entry.facts:
            assert fact.source and fact.as_of


def test_init_tools_from_the_catalog(tmp_path: Path, run: Callable[..., Result]) -> None:
    result = run("--lang", "en", "init", str(tmp_path / "w"), "--rubric", "rpa", "--tools", "uipath, winactor")
    assert result.exit_code == 0, result.output
    assert "uipath, winactor" in result.stdout
    plan = Workspace.open(tmp_path / "w")
    try:
        assert [(t.id, t.vendor) for t in plan.plan.tools] == [
            ("uipath", "UiPath株式会社"),
            ("winactor", "株式会社NTTデータ"),
        ]
        assert plan.plan.tool("winactor").maker == "NTTアドバンステクノロジ株式会社"  # type: ignore[union-attr]
    finally:
        plan.close()


@pytest.mark.parametrize(
    ("tools", "fragment"),
    [
        ("uipath,cloudsign", "'cloudsign' is in category e-contract, but rubric 'rpa' is for rpa"),
        ("nope", "no catalog entry 'nope'"),
    ],
)
def test_init_tools_refuses_and_writes_nothing(
    tmp_path: Path, tools: str, fragment: str, run: Callable[..., Result]
) -> None:
    target = tmp_path / "w"
    result = run("--lang", "en", "init", str(target), "--rubric", "rpa", "--tools", tools)
    assert result.exit_code == 1 and fragment in result.stderr
    assert not target.exists()


def test_workspace_entries_override_shipped(tmp_path: Path, run: Callable[..., Result]) -> None:
    with Workspace.init(tmp_path / "w") as ws:
        own = ws.root / "catalog"
        own.mkdir()
        (own / "mine.toml").write_text(
            'format = "toolbench-catalog/1"\n\n[[entries]]\nid = "uipath"\nname = "UiPath"\nvendor = "代理店株式会社"\n'
            'category = "rpa"\n[[entries.facts]]\nname = "LGWAN-ASP"\nvalue = "登録あり"\nsource = "https://example.jp/lgwan"\n'
            "as_of = 2026-10-01\n",
            encoding="utf-8",
        )
        listed = {i.entry.id: i for i in load_catalog(ws.root)}
        assert listed["uipath"].origin == "workspace" and listed["uipath"].entry.vendor == "代理店株式会社"
        # the catalog's first fact shape (a name in words, 登録あり) is read as the key lgwan-asp, true
        assert (listed["uipath"].entry.facts[0].key, listed["uipath"].entry.facts[0].value) == ("lgwan-asp", True)
        assert listed["uipath"].entry.facts[0].as_of.isoformat() == "2026-10-01"
        assert listed["winactor"].origin == "shipped"
        shown = run("--lang", "en", "-C", str(ws.root), "catalog", "show", "uipath")
        assert "  LGWAN-ASP registration: yes\n    source https://example.jp/lgwan; seen 2026-10-01\n" in shown.stdout


def test_bad_workspace_entry_names_file_entry_and_field(tmp_path: Path) -> None:
    with Workspace.init(tmp_path / "w") as ws:
        own = ws.root / "catalog"
        own.mkdir()
        (own / "bad.toml").write_text('id = "../x"\nname = "X"\ncategory = "rpa"\n', encoding="utf-8")
        with pytest.raises(CatalogError) as error:
            load_catalog(ws.root)
        message = error.value.message("en")
        assert (
            "bad.toml" in message and "entries[0] (id '../x'): id:" in message and "vendor: Field required" in message
        )


def test_search_folds_width_and_case() -> None:
    listed = load_catalog()
    assert [i.entry.id for i in search(listed, "ｄｘ")] == ["ai-inside-dx-suite"]
    assert [i.entry.id for i in search(listed, "RPA microsoft")] == ["power-automate"]
    assert {i.entry.id for i in search(listed, "電子契約")} == {"cloudsign", "gmo-sign", "docusign"}
    assert search(listed, "no-such-thing") == []


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_export_round_trips(fmt: str) -> None:
    entries = shipped_entries()
    text = export_text(entries, fmt, publisher="○○県")  # type: ignore[arg-type]
    back = entries_from_data(parse_document(text.encode("utf-8"), "export"), "export")
    assert back == entries


def test_catalog_commands_without_a_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Callable[..., Result]
) -> None:
    """Browsing the catalog and rubrics needs no workspace."""
    monkeypatch.chdir(tmp_path)
    listing = run("catalog", "list", "--category", "e-contract", "--format", "json")
    assert listing.exit_code == 0, listing.output
    assert {e["id"] for e in json.loads(listing.stdout)} == {"cloudsign", "gmo-sign", "docusign"}
    rubrics = json.loads(run("rubric", "list", "--format", "json").stdout)
    assert {r["id"]: r["price_family"] for r in rubrics} == dict.fromkeys(RUBRICS, "lowest_ratio")
    shown = json.loads(run("rubric", "show", "ai-minutes", "--format", "json").stdout)
    accuracy = next(c for c in shown if c["id"] == "accuracy")
    assert accuracy["points"] == "20" and accuracy["levels"]["5"] == "1"
    missing = run("--lang", "en", "catalog", "show", "nope")
    assert missing.exit_code == 1 and "no catalog entry 'nope'" in missing.stderr
    unknown = run("--lang", "en", "rubric", "show", "../x")
    assert unknown.exit_code == 1 and "unknown rubric '../x'" in unknown.stderr


def test_export_command_writes_own_entries(tmp_path: Path, run: Callable[..., Result]) -> None:
    with Workspace.init(tmp_path / "w") as ws:
        own = ws.root / "catalog"
        own.mkdir()
        (own / "x.toml").write_text(
            'id = "local-ocr"\nname = "Local OCR"\nvendor = "地元株式会社"\ncategory = "ai-ocr"\n', "utf-8"
        )
        out = tmp_path / "export.toml"
        result = run("-C", str(ws.root), "catalog", "export", "-o", str(out))
        assert result.exit_code == 0, result.output
        entries = entries_from_data(parse_document(out.read_bytes(), "x"), "x")
        assert [e.id for e in entries] == ["local-ocr"]


def test_catalog_export_picks_the_format_from_the_suffix(
    demo: Workspace, tmp_path: Path, run: Callable[..., Result]
) -> None:
    out = tmp_path / "ours.json"
    assert run("--lang", "en", "-C", str(demo.root), "catalog", "export", "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "toolbench-catalog/1"
    wrong = run(
        "--lang", "en", "-C", str(demo.root), "catalog", "export", "--format", "toml", "-o", str(tmp_path / "x.json")
    )
    assert wrong.exit_code == 1 and "x.json" in wrong.stderr and not (tmp_path / "x.json").exists()
