"""Facts in the catalog: `catalog show` prints them in words, `catalog export` carries the facts a
workspace recorded, and they travel: export → another city's `catalog pull` (a real HTTPS server
on 127.0.0.1, tests/catalog_server.py) → `fact list` shows them as catalog facts → `fact take`
records them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from catalog_server import CatalogServer
from click.testing import Result

# the HTTPS server and its throw-away certificate authority, as the pull tests make them
from toolbench.model.plan import Tool
from toolbench.workspace.catalog import entries_from_data, find, load_catalog, parse_document, shipped_entries
from toolbench.workspace.catalog_pull import source_name
from toolbench.workspace.workspace import Workspace

ISMAP_URL = "https://www.ismap.go.jp/csm?id=cloud_service_list"
SHIPPED = "ai-inside-dx-suite"

pytestmark = pytest.mark.usefixtures("direct_connections")


def own_catalog(root: Path, *entries: dict[str, Any]) -> None:
    folder = root / "catalog"
    folder.mkdir(exist_ok=True)
    data = {"format": "toolbench-catalog/1", "entries": list(entries)}
    (folder / "own.toml").write_text(tomli_w.dumps(data), encoding="utf-8")


def entry(entry_id: str, *facts: dict[str, Any]) -> dict[str, Any]:
    return {"id": entry_id, "name": f"Product {entry_id}", "vendor": "Vendor Co.", "category": "ai-ocr"} | (
        {"facts": list(facts)} if facts else {}
    )


def shipped_tool() -> Tool:
    return next(e for e in shipped_entries() if e.id == SHIPPED).as_tool()


def exported(result: Result) -> dict[str, Any]:
    assert result.exit_code == 0, result.output
    return {e.id: e for e in entries_from_data(parse_document(result.stdout.encode(), "export"), "export")}


# --- catalog show ---------------------------------------------------------------------------------


def test_show_prints_each_fact_in_words_with_its_source_and_dates(tmp_path: Path, run: Callable[..., Result]) -> None:
    with Workspace.init(tmp_path / "w") as ws:
        own_catalog(
            ws.root,
            entry(
                "city-ocr",
                {
                    "key": "ISMAP",
                    "value": "登録あり",
                    "number": "C21-0001-1",
                    "source": ISMAP_URL,
                    "page": "p. 3",
                    "as_of": "2026-11-20",
                    "expires": "2027-03-31",
                },
                {
                    "key": "court",
                    "value": "japan",
                    "detail": "東京地方裁判所",
                    "source": "利用規約 第20条",
                    "as_of": "2026-11-20",
                },
            ),
        )
        english = run("--lang", "en", "-C", str(ws.root), "catalog", "show", "city-ocr")
        assert english.exit_code == 0, english.output
        assert english.stdout.split("Facts (with source and date):\n")[1] == (
            "  ISMAP registration: yes (no. C21-0001-1)\n"
            f"    source {ISMAP_URL}, at p. 3; seen 2026-11-20, valid until 2027-03-31\n"
            "  Agreed court: a court in Japan\n"
            "    東京地方裁判所\n"
            "    source 利用規約 第20条; seen 2026-11-20\n"
        )
        japanese = run("--lang", "ja", "-C", str(ws.root), "catalog", "show", "city-ocr")
        assert japanese.stdout.split("事実（出典・確認日付き）:\n")[1] == (
            "  ISMAP 登録: あり（番号 C21-0001-1）\n"
            f"    出典 {ISMAP_URL}（該当箇所 p. 3）、2026-11-20 確認、2027-03-31 まで有効\n"
            "  合意管轄裁判所: 日本の裁判所\n"
            "    東京地方裁判所\n"
            "    出典 利用規約 第20条、2026-11-20 確認\n"
        )


# --- catalog export ---------------------------------------------------------------------------------


def test_export_carries_the_recorded_facts_of_the_plans_candidates(tmp_path: Path, run: Callable[..., Result]) -> None:
    """city-ocr (the workspace's own entry) holds data-location japan seen 2026-01-01 and LGWAN-ASP; the
    workspace recorded data-location overseas seen 2026-11-20: the export holds overseas in its place and
    keeps LGWAN-ASP. The shipped entry's candidate and a candidate with no entry (made with the rubric's
    category ai-ocr) are exported with their recorded facts; winactor, neither own nor a candidate, is not."""
    kami = Tool(id="kamiscan", name={"ja": "カミスキャン", "en": "KamiScan"}, vendor="紙株式会社")  # type: ignore[arg-type]
    city = Tool(id="city-ocr", name="City OCR", vendor="Vendor Co.")  # type: ignore[arg-type]
    with Workspace.init(tmp_path / "w", rubric="ai-ocr", tools=[city, shipped_tool(), kami]) as ws:
        own_catalog(
            ws.root,
            entry(
                "city-ocr",
                {"key": "data-location", "value": "japan", "source": "https://example.jp/a", "as_of": "2026-01-01"},
                {"key": "lgwan-asp", "value": True, "source": "https://example.jp/b", "as_of": "2026-01-01"},
            ),
        )
        env = {"TOOLBENCH_ACTOR": "tanaka"}
        for args in (
            ("city-ocr", "data-location", "国外", "--source", "https://example.jp/c", "--as-of", "2026-11-20"),
            (SHIPPED, "ismap", "true", "--source", ISMAP_URL, "--as-of", "2026-11-20", "--number", "C21-0001-1"),
            ("kamiscan", "ISMS", "あり", "--source", "提案書", "--as-of", "2026-11-21"),
        ):
            assert run("--lang", "en", "-C", str(ws.root), "fact", "add", *args, env=env).exit_code == 0
        got = exported(run("--lang", "en", "-C", str(ws.root), "catalog", "export"))
        assert list(got) == ["city-ocr", SHIPPED, "kamiscan"]
        city_facts = [(f.key, f.value, f.source, f.as_of.isoformat()) for f in got["city-ocr"].facts]
        assert city_facts == [
            ("data-location", "overseas", "https://example.jp/c", "2026-11-20"),
            ("lgwan-asp", True, "https://example.jp/b", "2026-01-01"),
        ]
        assert [(f.key, f.number) for f in got[SHIPPED].facts] == [("ismap", "C21-0001-1")]
        assert got[SHIPPED].vendor == "AI inside 株式会社"  # the shipped entry, with the facts added
        made = got["kamiscan"]
        assert (made.name, made.vendor, made.category) == ("カミスキャン", "紙株式会社", "ai-ocr")
        assert [(f.key, f.value) for f in made.facts] == [("iso27001", True)]
        everything = exported(run("--lang", "en", "-C", str(ws.root), "catalog", "export", "--all"))
        assert "winactor" in everything and everything["city-ocr"].facts[0].value == "overseas"


def test_export_without_a_category_leaves_a_candidate_with_no_entry_out(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    root = tmp_path / "w"
    root.mkdir()
    plan = {
        "evaluation": {"title": "t", "language": "en"},
        "groups": {"g": "G"},
        "criteria": [{"id": "c", "name": "C", "group": "g", "points": 0, "kind": "must"}],
        "tools": [{"id": "kamiscan", "name": "KamiScan", "vendor": "紙株式会社"}],
    }
    (root / "toolbench.toml").write_text(tomli_w.dumps(plan), encoding="utf-8")
    Workspace.start_ledger(root).close()
    run("-C", str(root), "fact", "add", "kamiscan", "ismap", "yes", "--source", "s", "--as-of", "2026-11-20")
    result = run("-C", str(root), "catalog", "export")
    assert result.exit_code == 0, result.output
    assert "KamiScan: recorded facts not exported" in result.stderr and "[rubric] category" in result.stderr
    assert "kamiscan" not in result.stdout


# --- the round trip ---------------------------------------------------------------------------------


def test_facts_travel_from_one_city_to_another(
    tmp_path: Path,
    https: CatalogServer,  # noqa: F811 - the fixture imported above
    ca_pem: Path,  # noqa: F811 - the fixture imported above
    run: Callable[..., Result],
) -> None:
    """City A records two facts about DX Suite and exports its catalog; city B pulls it over HTTPS, sees
    them as catalog facts not taken, takes them (each with its source, dates and number, from the pulled
    file), and taking them again records nothing."""
    a = tmp_path / "a"
    with Workspace.init(a, rubric="ai-ocr", tools=[shipped_tool()]):
        pass
    city_a = {"TOOLBENCH_ACTOR": "city-a"}
    for args in (
        ("ismap", "true", "--number", "C21-0001-1", "--source", ISMAP_URL, "--as-of", "2026-11-20", "--expires", "2027-03-31"),
        ("Pマーク", "なし", "--source", "提案書 様式第3号", "--page", "4", "--as-of", "2026-11-21"),
    ):  # fmt: skip
        added = run("--lang", "en", "-C", str(a), "fact", "add", SHIPPED, *args, env=city_a)
        assert added.exit_code == 0, added.output
    export = run("--lang", "en", "-C", str(a), "catalog", "export", "--format", "json")
    assert export.exit_code == 0, export.output
    url = https.route("/city-a/catalog.json", export.stdout)

    b = tmp_path / "b"
    with Workspace.init(b, rubric="ai-ocr", tools=[shipped_tool()]):
        pass
    pulled = run("--lang", "en", "-C", str(b), "catalog", "pull", url, "--ca-bundle", str(ca_pem))
    assert pulled.exit_code == 0, pulled.output
    assert find(load_catalog(b), SHIPPED).origin == "pulled"
    file = f".toolbench/catalogs/{source_name(url)}.toml"

    before = json.loads(run("--lang", "en", "-C", str(b), "fact", "list", "--format", "json").stdout)
    assert before["recorded"] == []
    assert [(c["key"], c["recorded_event"], c["catalog_file"]) for c in before["catalog"]] == [
        ("ismap", None, file),
        ("privacy-mark", None, file),
    ]
    take = run("--lang", "en", "-C", str(b), "fact", "take", "--all", env={"TOOLBENCH_ACTOR": "city-b"})
    assert take.exit_code == 0, take.output
    assert take.stdout.splitlines() == [
        "recorded 2 fact(s) from the catalog for 1 candidate(s) (events 1-2):",
        "  DX Suite: ISMAP registration: yes, PrivacyMark: no",
    ]

    def recorded(root: Path) -> list[tuple[Any, ...]]:
        data = json.loads(run("--lang", "en", "-C", str(root), "fact", "list", "--format", "json").stdout)
        fields = ("tool", "key", "value", "number", "source", "page", "as_of", "expires")
        return [tuple(r[f] for f in fields) for r in data["recorded"]]

    assert (
        recorded(b)
        == recorded(a)
        == [
            (SHIPPED, "ismap", True, "C21-0001-1", ISMAP_URL, None, "2026-11-20", "2027-03-31"),
            (SHIPPED, "privacy-mark", False, None, "提案書 様式第3号", "4", "2026-11-21", None),
        ]
    )
    with Workspace.open(b) as ws:
        events = list(ws.ledger.events())
    assert [(e.actor, e.payload["origin"]) for e in events] == [("city-b", f"catalog:{file}")] * 2
    after = json.loads(run("--lang", "en", "-C", str(b), "fact", "list", "--format", "json").stdout)
    assert after["catalog"] == []  # taken: nothing left to take
    again = run("--lang", "en", "-C", str(b), "fact", "take", "--all")
    assert again.exit_code == 0 and "nothing to record" in again.stdout
