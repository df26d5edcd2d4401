"""Publish → `catalog pull` → `trials evidence` → `trials adopt` between two cities, over real HTTPS.

City A publishes its trials of x (tests/test_evidence.py works its figures out: SUS 75.0, grade B,
n=3; field accuracy 2619/2700 = 97.00 %, n=3; hours withheld, n=2). A real HTTPS server on
127.0.0.1 (tests/catalog_server.py, a throw-away trustme CA) serves the file; city B pulls it
with the real command line and shows it. B's own trial of x: SUS 50 and 50 (3,3,…: 20 × 2.5),
one field-level accuracy sample 90/100.

B's figures for x, worked by hand:

    usability (SUS ÷ 100 × 20 points)   own 50 → 0.5 × 20 = 10.00
        adopted and named:              (50 × 2 + 75.0 × 3) ÷ 5 = 325 ÷ 5 = 65 → 0.65 × 20 = 13.00
    reading (piecewise 90 → 0, 100 → 1; 10 points)
                                        own 90/100 = 90 % → ratio 0 → 0.00
        adopted and named:              (90 + 2619) ÷ (100 + 2700) = 2709/2800 = 96.75 %
                                        → (96.75 − 90) ÷ 10 = 0.675 → 6.75, n = 1 + 3 = 4
    time-saved                          none of B's own; A's withheld: stays unscored

Before B's plan names A市 in `evidence_from`, neither the pull nor the adoption changes B's
matrix: its JSON is byte-identical before and after the pull, and after the adoption differs
only in `ledger_head`, which names the adoption event.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from catalog_server import CatalogServer
from click.testing import Result
from test_evidence import PLAN, SUS_50, T0, city, make_workspace, name_publishers, one_line_error, record_city_a

from toolbench import Workspace
from toolbench.base.errors import CatalogError
from toolbench.base.paths import STATE_DIR
from toolbench.methods.trial_metrics import AccuracySample, Feedback
from toolbench.workspace.catalog_pull import pull

# --- a real HTTPS server, as tests/test_catalog_pull.py sets it up -------------------------------

pytestmark = pytest.mark.usefixtures("direct_connections")


@pytest.fixture()
def en(run: Callable[..., Result]) -> Callable[..., Result]:
    return functools.partial(run, "--lang", "en")


# --- the two cities ----------------------------------------------------------------------------


@pytest.fixture()
def city_a(tmp_path: Path) -> Iterator[Workspace]:
    ws = make_workspace(tmp_path / "city-a")
    record_city_a(ws)
    yield ws
    ws.close()


@pytest.fixture()
def city_b(tmp_path: Path) -> Iterator[Workspace]:
    ws = make_workspace(tmp_path / "city-b", PLAN)
    ws.start_trial("x", "tax", actor="b-advisor", now=T0)
    ws.record_feedback(
        [
            Feedback(tool="x", department="tax", respondent=who, date=date(2026, 6, 1), sus=SUS_50)
            for who in ("b1", "b2")
        ]
        + [
            Feedback(
                tool="x",
                department="tax",
                respondent="b3",
                date=date(2026, 6, 2),
                accuracy=AccuracySample(correct=90, total=100, unit="field"),
            )
        ],
        actor="b-advisor",
        now=T0 + timedelta(days=1),
    )
    yield ws
    ws.close()


def publish(en: Callable[..., Result], ws: Workspace, name: str) -> bytes:
    out = ws.root / name
    result = en("-C", str(ws.root), "trials", "publish", "-o", str(out), "--publisher", "A市", "--date", "2026-10-01")
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def matrix_json(en: Callable[..., Result], ws: Workspace) -> str:
    result = en("-C", str(ws.root), "matrix", "--format", "json")
    assert result.exit_code == 0, result.output
    return result.stdout


def cell(matrix: str, tool: str, criterion: str) -> dict[str, Any]:
    data = json.loads(matrix)
    found = next(t for t in data["tools"] if t["id"] == tool)
    return dict(next(c for c in found["cells"] if c["criterion"] == criterion))


def without_head(matrix: str) -> dict[str, Any]:
    data = dict(json.loads(matrix))
    data.pop("ledger_head")
    return data


# --- the round trip ----------------------------------------------------------------------------


def test_publish_pull_show_adopt_without_moving_scores(
    city_a: Workspace, city_b: Workspace, https: CatalogServer, ca_pem: Path, en: Callable[..., Result]
) -> None:
    body = publish(en, city_a, "evidence.toml")
    url = https.route("/a/evidence.toml", body)
    b = str(city_b.root)
    before = matrix_json(en, city_b)
    assert cell(before, "x", "usability")["points_exact"] == "10"  # own 50 → 0.5 × 20

    pulled = en("-C", b, "catalog", "pull", url, "--ca-bundle", str(ca_pem))
    assert pulled.exit_code == 0, pulled.output
    assert matrix_json(en, city_b) == before  # pulled evidence is only shown: byte for byte the same

    shown = en("-C", b, "trials", "evidence", "--format", "json")
    assert shown.exit_code == 0, shown.output
    (record,) = json.loads(shown.stdout)
    assert (record["tool"], record["publisher"], record["published"]) == ("x", "A市", "2026-10-01")
    assert record["pulled"]["url"] == url
    assert record["pulled"]["url_sha256"] == hashlib.sha256(body).hexdigest()
    assert record["evidence"]["sus"] == {"n": 3, "mean": "75.0", "grade": "B"}
    assert record["evidence"]["hours_per_year"]["n"] == 2 and "mean" not in record["evidence"]["hours_per_year"]
    assert record["adopted"] is None and record["counted_in"] == []
    terminal = en("-C", b, "trials", "evidence", "x")
    assert terminal.exit_code == 0, terminal.output
    for words in ("Ex (x)", "A市", "1 October 2026", "75.0 (B), n=3", "withheld (n=2", "shown only"):
        assert words in terminal.stdout, words
    entry = en("-C", b, "catalog", "show", "x")  # beside the product in the catalog too, with source and date
    assert entry.exit_code == 0, entry.output
    for words in ("Other cities' trial evidence", "A市 (published 1 October 2026)", "75.0 (B), n=3", "withheld (n=2"):
        assert words in entry.stdout, (words, entry.stdout)
    board = en("-C", b, "trials")
    assert "Other cities' trial evidence" in board.stdout and "A市" in board.stdout
    ja = json.loads(en("-C", b, "trials", "--format", "json").stdout)
    assert [r["tool"] for r in ja] == ["x"]  # the board's data: this city's trials only

    adopted = en("-C", b, "trials", "adopt", "A市", "--reason", "same forms; pilot in one department")
    assert adopted.exit_code == 0, adopted.output
    assert "adopted the trial evidence of A市 on Ex" in adopted.stdout
    assert "changes no figure until a criterion's evidence_from in the plan names 'A市'" in adopted.stdout
    after = matrix_json(en, city_b)
    assert without_head(after) == without_head(before)
    assert json.loads(after)["ledger_head"]["seq"] == json.loads(before)["ledger_head"]["seq"] + 1
    (event,) = city_b.events(kind="evidence.adopted")
    target = next((city_b.root / STATE_DIR / "catalogs").glob("*.toml"))
    assert event.payload["source"] == target.relative_to(city_b.root).as_posix()
    assert event.payload["sha256"] == hashlib.sha256(target.read_bytes()).hexdigest()
    assert event.payload["url"] == url and event.payload["evidence"] == record["evidence"]

    again = en("-C", b, "trials", "adopt", "A市", "x", "--reason", "again")
    assert "already adopted, unchanged: Ex" in again.stdout
    assert len(city_b.events(kind="evidence.adopted")) == 1

    name_publishers(city_b.root, usability=["A市"], reading=["A市"], time_saved=["A市"])
    named = matrix_json(en, city_b)
    usability = cell(named, "x", "usability")
    assert (usability["points_exact"], usability["ratio_exact"]) == ("13", "0.65")
    assert usability["evidence"] == {
        "value": "65",
        "respondents": 5,
        "from": [{"publisher": "A市", "published": "2026-10-01", "n": 3, "value": "75"}],
    }
    reading = cell(named, "x", "reading")
    assert reading["evidence"] == {  # by counts: (90 + 2619) / (100 + 2700); A's 2619/2700 = 97 %
        "value": "96.75",
        "respondents": 4,
        "from": [{"publisher": "A市", "published": "2026-10-01", "n": 3, "value": "97"}],
    }
    assert (reading["ratio_exact"], reading["points_exact"]) == ("0.675", "6.75")
    assert cell(named, "x", "time-saved")["evidence"] is None  # A's hours were withheld
    assert cell(named, "y", "usability") == cell(before, "y", "usability")
    counted = json.loads(en("-C", b, "trials", "evidence", "--format", "json").stdout)[0]
    assert counted["counted_in"] == ["usability", "time-saved", "reading"] and counted["adopted"]["as_pulled"]

    withdrawn = en("-C", b, "trials", "adopt", "A市", "--withdraw", "--reason", "their edition differs")
    assert withdrawn.exit_code == 0, withdrawn.output
    assert cell(matrix_json(en, city_b), "x", "usability")["points_exact"] == "10"


def test_json_fragment_round_trip_and_japanese_screens(
    city_a: Workspace, city_b: Workspace, https: CatalogServer, ca_pem: Path, run: Callable[..., Result]
) -> None:
    """A JSON fragment pulls as TOML does; the Japanese listing and board speak Japanese (SUS and UX-Lite
    are the questionnaires' names) and give the dates in 和暦 with the western year."""
    en = functools.partial(run, "--lang", "en")
    body = publish(en, city_a, "evidence.json")
    assert body.lstrip().startswith(b"{")
    url = https.route("/a/evidence.json", body)
    b = str(city_b.root)
    assert en("-C", b, "catalog", "pull", url, "--ca-bundle", str(ca_pem)).exit_code == 0
    pulled_file = next((city_b.root / STATE_DIR / "catalogs").glob("*.toml")).relative_to(city_b.root).as_posix()
    for command in (("trials", "evidence"), ("trials",)):
        result = run("-C", b, "--lang", "ja", *command)
        assert result.exit_code == 0, result.output
        text = result.stdout
        assert "令和8年10月1日（2026年）" in text and "75.0（B）、n=3" in text and "非公表（n=2、3 未満）" in text
        words = set(re.findall(r"[A-Za-z][A-Za-z]{2,}", re.sub(r"[0-9a-f]{12,64}", "", text)))
        words -= {"SUS", "Lite", "Brooke", "Sauro", "Lewis"}  # questionnaires and the authors of their scales
        assert not {w for w in words if w not in pulled_file}, words  # the pulled file's name may wrap


def test_refusals_name_what_to_do(
    city_a: Workspace, city_b: Workspace, https: CatalogServer, ca_pem: Path, en: Callable[..., Result]
) -> None:
    b = str(city_b.root)
    assert "pull one with" in one_line_error(en("-C", b, "trials", "adopt", "A市", "--reason", "r"))
    url = https.route("/a/evidence.toml", publish(en, city_a, "evidence.toml"))
    assert en("-C", b, "catalog", "pull", url, "--ca-bundle", str(ca_pem)).exit_code == 0
    error = one_line_error(en("-C", b, "trials", "adopt", "B市", "--reason", "r"))
    assert "'B市'" in error and "A市" in error
    error = one_line_error(en("-C", b, "trials", "adopt", "A市", "y", "--reason", "r"))
    assert "Why" in error and "A市" in error
    assert "--reason" in one_line_error(en("-C", b, "trials", "adopt", "A市", "--reason", "  "))
    assert "is adopted;" in one_line_error(en("-C", b, "trials", "adopt", "A市", "--withdraw", "--reason", "r"))
    assert "adopted for Ex" in one_line_error(en("-C", b, "trials", "adopt", "A市", "x", "--withdraw", "--reason", "r"))
    assert city_b.events(kind="evidence.adopted") == [] and city_b.events(kind="evidence.withdrawn") == []


def test_a_bad_record_rejects_the_whole_pull(
    city_a: Workspace, city_b: Workspace, https: CatalogServer, ca_pem: Path
) -> None:
    """A fragment whose SUS grade is not its mean's is refused by `catalog pull`, naming the entry and the
    field; nothing is written under .toolbench/catalogs/."""
    entries, _ = city(city_a).entries(publisher="A市", published=date(2026, 10, 1))
    good = entries[0].model_dump(mode="json", exclude_none=True)
    bad = json.loads(json.dumps(good))
    bad["evidence"][0]["sus"]["grade"] = "A"
    assert Decimal(bad["evidence"][0]["sus"]["mean"]) == Decimal("75.0")
    document = {"format": "toolbench-catalog/1", "entries": [bad]}
    url = https.route("/bad.json", json.dumps(document, ensure_ascii=False))
    with pytest.raises(CatalogError) as raised:
        pull(city_b.root, url, ca_bundle=ca_pem)
    message = raised.value.message("en")
    assert "entries[0] (id 'x')" in message and "evidence.0.sus" in message
    assert not (city_b.root / STATE_DIR / "catalogs").exists()
