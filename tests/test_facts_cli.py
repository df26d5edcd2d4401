"""`toolbench fact`: add, list, check, take, retract and keys, on a real workspace (a SQLite ledger on disk).

The plan judges facts on 2026-12-01 (`[facts] date`) with `max_age_days = 180`; two candidates,
カミスキャン (kami) and ヨミトル (yomi). Its rules read four facts: 第三者認証 reads ISO/IEC 27001 and
プライバシーマーク, the must-have ISMAP 登録 reads ISMAP and ISMAP-LIU.

RECORDED, worked by hand on 2026-12-01:

    kami  iso27001      true, seen 2026-10-01, expires 2026-12-01  → valid (the last valid day is the date)
    kami  privacy-mark  true, seen 2026-06-03                     → too old: Jun 3 → Jul 3 30 days, → Aug 3 31,
                                                                    → Sep 3 31, → Oct 3 30, → Nov 3 31, → Dec 1 28:
                                                                    181 days, one more than 180
    kami  ismap         true, seen 2026-10-01, expires 2026-11-30 → expired (the day after its last day)
    yomi  data-location 国内 (japan), seen 2026-11-01              → valid (30 days old)

so on that date `fact check` finds 1 expired (kami ISMAP, 1 day), 1 too old (kami Pマーク, 181 days),
and 5 missing: kami ISMAP-LIU; yomi ISO/IEC 27001, Pマーク, ISMAP, ISMAP-LIU; and one expiring
within 90 days: kami ISO/IEC 27001, 0 days left.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from click.testing import Result
from rich.cells import cell_len

from toolbench.model.facts import FACT_KEYS, Fact
from toolbench.workspace.workspace import Workspace

NOW = datetime(2026, 11, 25, 1, 0, tzinfo=UTC)
ISMAP_URL = "https://www.ismap.go.jp/csm?id=cloud_service_list"
PROPOSAL = "提案書 様式第3号"


def plan_data(**tables: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "evaluation": {"title": {"ja": "事実の確認", "en": "Checking facts"}, "language": "ja"},
        "facts": {"max_age_days": 180, "date": date(2026, 12, 1)},
        "groups": {"g": {"ja": "安全性", "en": "Security"}},
        "scales": {"abc": {"ratios": {"a": 1, "b": 0.5, "c": 0}}},
        "criteria": [
            {
                "id": "certs",
                "name": {"ja": "第三者認証", "en": "Certifications"},
                "group": "g",
                "kind": "fact",
                "points": 10,
                "fact": {
                    "facts": [{"key": "iso27001"}, {"key": "privacy-mark"}],
                    "combinations": [
                        {"all": ["iso27001", "privacy-mark"], "points": 10},
                        {"any": ["iso27001", "privacy-mark"], "points": 5},
                    ],
                },
            },
            {
                "id": "ismap",
                "name": {"ja": "ISMAP 登録の有無", "en": "ISMAP registered"},
                "group": "g",
                "kind": "must",
                "points": 0,
                "fact": {"facts": [{"key": "ismap"}, {"key": "ismap-liu"}], "require": "any"},
            },
            {"id": "q", "name": {"ja": "品質", "en": "Quality"}, "group": "g", "scale": "abc", "points": 10},
        ],
        "tools": [
            {"id": "kami", "name": {"ja": "カミスキャン", "en": "KamiScan"}, "vendor": "紙株式会社"},
            {"id": "yomi", "name": {"ja": "ヨミトル", "en": "Yomitoru"}, "vendor": "読取株式会社"},
        ],
        "evaluators": [{"id": "e1", "name": "委員1"}],
    }
    data.update(tables)
    return data


def fact(key: str, value: object, **more: object) -> Fact:
    fields = {"key": key, "value": value, "source": ISMAP_URL, "as_of": "2026-10-01", **more}
    return Fact.model_validate(fields)


RECORDED = [
    ("kami", fact("iso27001", True, expires="2026-12-01", number="IS 000001")),
    ("kami", fact("privacy-mark", True, as_of="2026-06-03", source=PROPOSAL, page="4")),
    ("kami", fact("ismap", True, expires="2026-11-30", number="C21-0001-1")),
    ("yomi", fact("data-location", "国内", as_of="2026-11-01")),
]


def new_workspace(root: Path, data: dict[str, Any]) -> Workspace:
    root.mkdir()
    (root / "toolbench.toml").write_text(tomli_w.dumps(data), encoding="utf-8")
    return Workspace.start_ledger(root)


@pytest.fixture()
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = new_workspace(tmp_path / "w", plan_data())
    workspace.facts.record(RECORDED, actor="office", now=NOW)
    yield workspace
    workspace.close()


@pytest.fixture()
def empty(tmp_path: Path) -> Iterator[Workspace]:
    workspace = new_workspace(tmp_path / "e", plan_data())
    yield workspace
    workspace.close()


@pytest.fixture()
def fact_cli(run: Callable[..., Result]) -> Callable[..., Result]:
    def invoke(ws: Workspace, *args: str, lang: str = "en") -> Result:
        return run("--lang", lang, "-C", str(ws.root), "fact", *args, env={"TOOLBENCH_ACTOR": "tanaka"})

    return invoke


def count(ws: Workspace) -> int:
    return len(list(ws.ledger.events()))


def one_line(result: Result) -> str:
    """The one line a refusal prints (stderr), nothing on stdout."""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert result.stdout == "", result.stdout
    return lines[0]


# ASCII words a Japanese screen may hold: the names of standards and registrations, and the program's name.
ALLOWED = {"ISO", "IEC", "ISMAP", "LIU", "LGWAN", "ASP", "ISMS", "toolbench", "fact", "take"}


def english_words(text: str, typed: tuple[str, ...] = ()) -> set[str]:
    """ASCII words of three letters or more, once what users typed (sources, names, numbers) is taken out."""
    for piece in typed:
        text = text.replace(piece, "")
    return set(re.findall(r"[A-Za-z]{3,}", text)) - ALLOWED


# --- fact add -------------------------------------------------------------------------------


def test_add_names_the_candidate_the_fact_and_the_value_in_words(
    empty: Workspace, fact_cli: Callable[..., Result]
) -> None:
    """Pマーク is プライバシーマーク, 取得 is あり, 令和8年11月20日 is 2026-11-20; the event is the first."""
    result = fact_cli(
        empty,
        "add",
        "kami",
        "Pマーク",
        "取得",
        "--source",
        PROPOSAL,
        "--page",
        "4",
        "--as-of",
        "令和8年11月20日",
        "--expires",
        "2027-01-31",
        "--number",
        "10820001",
        lang="ja",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        "カミスキャン の事実を記録しました: プライバシーマーク: あり（番号 10820001）"
        "（2026-11-20 確認、2027-01-31 まで有効、イベント 1）"
    )
    [event] = list(empty.ledger.events())
    assert event.kind == "fact.recorded" and event.actor == "tanaka"
    assert event.payload == {
        "tool": "kami",
        "key": "privacy-mark",
        "value": True,
        "number": "10820001",
        "source": PROPOSAL,
        "page": "4",
        "as_of": "2026-11-20",
        "expires": "2027-01-31",
    }
    english = fact_cli(empty, "add", "yomi", "ISMS", "no", "--source", ISMAP_URL, "--as-of", "2026-11-21")
    assert english.stdout.strip() == (
        "recorded for Yomitoru: ISO/IEC 27001 certification: no, seen 2026-11-21 (event 2)"
    )


def test_the_same_fact_again_records_nothing(ws: Workspace, fact_cli: Callable[..., Result]) -> None:
    before = count(ws)
    again = fact_cli(
        ws, "add", "kami", "ismap", "true", "--source", ISMAP_URL, "--as-of", "2026-10-01",
        "--expires", "2026-11-30", "--number", "C21-0001-1",
    )  # fmt: skip
    assert again.exit_code == 0, again.output
    assert (
        again.stdout.strip() == "KamiScan: ISMAP registration is recorded already as given (event 3); nothing recorded"
    )
    assert count(ws) == before


def test_a_newer_observation_replaces_and_a_correction_needs_a_reason(
    ws: Workspace, fact_cli: Callable[..., Result]
) -> None:
    """kami's ISMAP (event 3, seen 2026-10-01): seen again later it is replaced; said otherwise on the same
    day it is a correction, refused without --reason and recorded with one."""
    newer = fact_cli(ws, "add", "kami", "ismap", "true", "--source", ISMAP_URL, "--as-of", "2026-11-25")
    assert newer.exit_code == 0, newer.output
    assert newer.stdout.strip().endswith("(event 5); it replaces event 3")
    before = count(ws)
    refused = fact_cli(ws, "add", "kami", "ismap", "false", "--source", ISMAP_URL, "--as-of", "2026-11-25")
    assert refused.exit_code == 1
    line = one_line(refused)
    assert "KamiScan: fact ISMAP registration replaces what event #5 recorded" in line and "--reason" in line
    assert count(ws) == before
    corrected = fact_cli(
        ws, "add", "kami", "ismap", "false", "--source", ISMAP_URL, "--as-of", "2026-11-25", "--reason", "誤記"
    )
    assert corrected.exit_code == 0, corrected.output
    assert corrected.stdout.strip() == (
        "recorded for KamiScan: ISMAP registration: no, seen 2026-11-25 (event 6); it corrects event 5, reason: 誤記"
    )
    assert ws.facts.current().facts[("kami", "ismap")].fact.value is False


@pytest.mark.parametrize(
    ("args", "code", "fragments"),
    [
        (("nope", "ismap", "true"), 1, ("unknown candidate 'nope'", "kami, yomi")),
        (("kami", "ismap", "maybe"), 2, ("'maybe' is not a value of ISMAP registration", "true or false")),
        (("kami", "データの保管場所", "moon"), 2, ("'moon' is not a value of Data location", "japan, overseas, mixed")),
        (("kami", "ai-retention-days", "thirty"), 2, ("Retention of input (days)", "a whole number of days")),
        (
            ("kami", "ismap", "true", "--as-of", "2026-13-01"),
            2,
            ("--as-of:", "'2026-13-01' is not a day of the calendar"),
        ),
        (("kami", "ismap", "true", "--expires", "31/03/2027"), 2, ("--expires:", "'31/03/2027' is not a date")),
        (("kami", "ismap", "true", "--as-of", "2099-01-01"), 2, ("--as-of: 2099-01-01 is after today",)),
        (("kami", "ismap", "true", "--source", "   "), 2, ("--source must not be empty",)),
        (("kami", "ismap", "true", "--number", "9" * 81), 2, ("--number is longer than 80 characters",)),
    ],
    ids=["unknown-tool", "held", "choice", "days", "as-of", "expires", "future", "blank-source", "long-number"],
)
def test_bad_input_is_one_line_and_records_nothing(
    ws: Workspace, fact_cli: Callable[..., Result], args: tuple[str, ...], code: int, fragments: tuple[str, ...]
) -> None:
    before = count(ws)
    options = {"--source": ISMAP_URL, "--as-of": "2026-11-25"}
    extra = list(args[3:])
    for name, value in options.items():
        if name not in extra:
            extra += [name, value]
    result = fact_cli(ws, "add", *args[:3], *extra)
    assert result.exit_code == code, result.output
    line = one_line(result)
    for fragment in fragments:
        assert fragment in line, line
    assert count(ws) == before


def test_bad_value_in_japanese_names_the_values_in_japanese(ws: Workspace, fact_cli: Callable[..., Result]) -> None:
    result = fact_cli(ws, "add", "kami", "data-location", "月面", "--source", "x", "--as-of", "today", lang="ja")
    assert result.exit_code == 2
    assert one_line(result) == (
        "エラー: '月面' は「データの保管場所」の値として使えません。国内、国外、国内と国外 のいずれかで書いてください"
    )


def test_a_free_key_is_recorded_as_text_with_a_note(empty: Workspace, fact_cli: Callable[..., Result]) -> None:
    result = fact_cli(
        empty, "add", "kami", "認定タイムスタンプ", "付与", "--source", "https://example.jp", "--as-of", "2026-11-01"
    )
    assert result.exit_code == 0, result.output
    assert "'認定タイムスタンプ' is not a known fact" in result.stderr
    assert "認定タイムスタンプ: 付与" in result.stdout
    assert empty.facts.current().facts[("kami", "認定タイムスタンプ")].fact.value == "付与"
    assert "did you mean" not in result.stderr  # no known key is near it


def test_a_near_miss_of_a_known_key_is_pointed_out(empty: Workspace, fact_cli: Callable[..., Result]) -> None:
    """学習利用 is recorded as written (a free key), with the known key it nearly names beside it."""
    result = fact_cli(
        empty, "add", "kami", "学習利用", "なし", "--source", "提案書", "--as-of", "2026-11-01", lang="ja"
    )
    assert result.exit_code == 0, result.output
    assert "注意: ai-training-use（入力データの学習利用）のことですか？" in result.stderr


def test_a_fact_expired_before_it_was_seen_is_noted(empty: Workspace, fact_cli: Callable[..., Result]) -> None:
    args = ("add", "kami", "iso27001", "true", "--source", "登録証", "--as-of", "2026-11-01", "--expires", "2026-10-31")
    result = fact_cli(empty, *args)
    assert result.exit_code == 0, result.output
    assert "had already expired on 2026-10-31, before the day it was seen" in result.stderr
    valid = fact_cli(empty, *args[:-2], "--expires", "2026-11-01", "--reason", "有効期限の誤記")
    assert valid.exit_code == 0 and "expired" not in valid.stderr  # valid on the day it was seen


def test_while_blind_a_candidate_is_named_by_its_label(ws: Workspace, fact_cli: Callable[..., Result]) -> None:
    ws.blind(actor="office", seed=1)
    label = ws.blind_labels()["kami"]  # type: ignore[index]
    before = count(ws)
    refused = fact_cli(ws, "add", "kami", "lgwan", "true", "--source", "x", "--as-of", "2026-11-25")
    assert refused.exit_code == 1 and count(ws) == before
    line = one_line(refused)
    assert "label" in line and "kami" not in line and "KamiScan" not in line
    done = fact_cli(ws, "add", label, "lgwan", "true", "--source", "x", "--as-of", "2026-11-25", "--number", "L-1")
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith(f"recorded for Candidate {label}: LGWAN-ASP registration: yes, seen 2026-11-25")
    assert "KamiScan" not in done.stdout and "L-1" not in done.stdout


# --- fact list ------------------------------------------------------------------------------


def listing(ws: Workspace, fact_cli: Callable[..., Result], *args: str) -> dict[str, Any]:
    result = fact_cli(ws, "list", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_list_judges_each_fact_on_the_plans_date(ws: Workspace, fact_cli: Callable[..., Result]) -> None:
    data = listing(ws, fact_cli)
    assert (data["date"], data["date_from"], data["max_age_days"]) == ("2026-12-01", "plan", 180)
    got = [(r["tool"], r["key"], r["value_text"], r["status"], r["event"], r["actor"]) for r in data["recorded"]]
    assert got == [
        ("kami", "ismap", "yes", "expired", 3, "office"),
        ("kami", "iso27001", "yes", "valid", 1, "office"),
        ("kami", "privacy-mark", "yes", "stale", 2, "office"),
        ("yomi", "data-location", "Japan", "valid", 4, "office"),
    ]
    kami_pmark = data["recorded"][2]
    assert (kami_pmark["source"], kami_pmark["page"], kami_pmark["as_of"]) == (PROPOSAL, "4", "2026-06-03")
    # the day after: ISO/IEC 27001 expired (its last day was 2026-12-01)
    later = listing(ws, fact_cli, "--on", "2026-12-02")
    assert (later["date_from"], later["recorded"][1]["status"]) == ("option", "expired")
    # one candidate only
    one = listing(ws, fact_cli, "yomi")
    assert [r["key"] for r in one["recorded"]] == ["data-location"]


def test_list_shows_the_catalog_facts_not_taken(ws: Workspace, fact_cli: Callable[..., Result]) -> None:
    """The workspace's catalog entry for kami holds its ISO/IEC 27001 fact exactly as recorded (not shown),
    its Pマーク seen later (differs from event 2) and an LGWAN-ASP registration (not recorded)."""
    write_catalog(ws.root, "kami", [
        {"key": "iso27001", "value": True, "number": "IS 000001", "source": ISMAP_URL, "as_of": "2026-10-01", "expires": "2026-12-01"},
        {"key": "privacy-mark", "value": True, "source": "https://privacymark.jp", "as_of": "2026-11-20"},
        {"key": "LGWAN-ASP", "value": "登録あり", "source": "https://www.lasdec.or.jp", "as_of": "2026-11-15"},
    ])  # fmt: skip
    data = listing(ws, fact_cli)
    got = [(c["tool"], c["key"], c["value_text"], c["recorded_event"], c["catalog_file"]) for c in data["catalog"]]
    assert got == [
        ("kami", "privacy-mark", "yes", 2, "catalog/own.toml"),
        ("kami", "lgwan-asp", "yes", None, "catalog/own.toml"),
    ]
    table = fact_cli(ws, "list")
    assert "differs from event 2" in table.stdout and "not recorded" in table.stdout


def write_catalog(root: Path, entry_id: str, facts: list[dict[str, Any]], name: str = "own.toml") -> Path:
    folder = root / "catalog"
    folder.mkdir(exist_ok=True)
    entry = {"id": entry_id, "name": f"Product {entry_id}", "vendor": "Vendor Co.", "category": "ai-ocr"}
    path = folder / name
    path.write_text(
        tomli_w.dumps({"format": "toolbench-catalog/1", "entries": [entry | {"facts": facts}]}), encoding="utf-8"
    )
    return path


def test_list_in_japanese_at_80_columns(ws: Workspace, run: Callable[..., Result]) -> None:
    """Japanese throughout (no English word but the standards' names), and no line wider than the terminal."""
    write_catalog(
        ws.root,
        "yomi",
        [{"key": "ismap-liu", "value": False, "source": "https://www.ismap.go.jp", "as_of": "2026-11-20"}],
    )
    result = run("-C", str(ws.root), "fact", "list", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "事実の一覧（2026-12-01 時点）" in text and "判定日: 2026-12-01（計画で定めた基準日）。" in text
    assert "カミスキャン" in text and "期限切れ" in text and "確認が古い" in text and "有効" in text
    assert "#2　2026-06-03 確認。出典 提案書 様式第3号（該当箇所 4）。記録者 office" in text
    assert "ISMAP-LIU 登録" in text and "未記録" in text
    typed = (ISMAP_URL, "https://www.ismap.go.jp", "IS 000001", "C21-0001-1", "office", "catalog/own.toml")
    assert english_words(text, typed) == set(), text
    assert max(cell_len(line) for line in text.splitlines()) <= 80, text


def test_list_while_blind_names_labels_and_withholds_sources(ws: Workspace, fact_cli: Callable[..., Result]) -> None:
    ws.blind(actor="office", seed=1)
    labels = ws.blind_labels()
    assert labels is not None
    for fmt in ("table", "json", "csv"):
        result = fact_cli(ws, "list", "--format", fmt)
        assert result.exit_code == 0, result.output
        for secret in ("KamiScan", "Yomitoru", "kami", ISMAP_URL, PROPOSAL, "C21-0001-1", "IS 000001"):
            assert secret not in result.stdout, (fmt, secret)
        assert f"Candidate {labels['kami']}" in result.stdout
    data = listing(ws, fact_cli)
    assert {r["tool"] for r in data["recorded"]} == set(labels.values()) and data["blind"] is True
    # by label, not in the plan's order (that would tell who is who)
    assert [r["tool"] for r in data["recorded"]] == sorted(r["tool"] for r in data["recorded"])


# --- fact check -----------------------------------------------------------------------------


def test_check_finds_the_expired_the_too_old_and_the_missing(ws: Workspace, fact_cli: Callable[..., Result]) -> None:
    result = fact_cli(ws, "check", "--format", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert (data["date"], data["within_days"], data["needs_attention"]) == ("2026-12-01", 90, True)
    assert [(f["tool"], f["key"], f["days"]) for f in data["expired"]] == [("kami", "ismap", 1)]
    assert [(f["tool"], f["key"], f["days"]) for f in data["stale"]] == [("kami", "privacy-mark", 181)]
    assert [(m["tool"], m["key"], m["criteria"]) for m in data["missing"]] == [
        ("kami", "ismap-liu", ["ismap"]),
        ("yomi", "ismap", ["ismap"]),
        ("yomi", "ismap-liu", ["ismap"]),
        ("yomi", "iso27001", ["certs"]),
        ("yomi", "privacy-mark", ["certs"]),
    ]
    assert [(f["tool"], f["key"], f["days"]) for f in data["expiring"]] == [("kami", "iso27001", 0)]
    table = fact_cli(ws, "check")
    assert "Needs attention: 1 expired, 1 too old, 5 missing." in table.stdout


def test_check_in_japanese(ws: Workspace, run: Callable[..., Result]) -> None:
    result = run("-C", str(ws.root), "fact", "check", env={"COLUMNS": "80"})
    assert result.exit_code == 1
    text = result.stdout
    assert "確認が必要: 期限切れ 1 件、確認が古い 1 件、未記録 5 件。" in text
    assert "90 日以内に期限を迎える事実が 1 件あります。" in text
    assert "ヨミトル" in text and "第三者認証" in text and "181 日" in text
    assert english_words(text) == set(), text
    assert max(cell_len(line) for line in text.splitlines()) <= 80, text


@pytest.mark.parametrize(
    ("on", "code", "expired", "expiring"), [("2026-12-01", 0, [], [0]), ("2026-12-02", 1, [1], [])]
)
def test_check_boundary_a_fact_is_valid_on_its_last_day(
    tmp_path: Path, fact_cli: Callable[..., Result], on: str, code: int, expired: list[int], expiring: list[int]
) -> None:
    """A plan whose rules read no fact: only expiry decides. A certificate valid until 2026-12-01 is valid
    (expiring in 0 days) on 2026-12-01: exit 0; on 2026-12-02 it expired 1 day before: exit 1."""
    data = plan_data()
    data["criteria"] = [c for c in data["criteria"] if c["id"] == "q"]
    del data["facts"]
    with new_workspace(tmp_path / "b", data) as ws:
        ws.facts.record(
            [("kami", fact("iso27001", True, as_of="2026-11-01", expires="2026-12-01"))], actor="o", now=NOW
        )
        result = fact_cli(ws, "check", "--on", on, "--format", "json")
        assert result.exit_code == code, result.output
        found = json.loads(result.stdout)
        assert [f["days"] for f in found["expired"]] == expired
        assert [f["days"] for f in found["expiring"]] == expiring
        assert found["stale"] == [] and found["missing"] == []
        clear = fact_cli(ws, "check", "--on", on)
        assert ("Nothing needs attention" in clear.stdout) is (code == 0)


def test_check_within_and_a_withdrawn_candidate(ws: Workspace, fact_cli: Callable[..., Result]) -> None:
    """With --within 0 kami's certificate (0 days left) is still listed; yomi withdrew: not checked."""
    ws.steps.withdraw("yomi", "辞退届", actor="office", received=date(2026, 11, 28))
    data = json.loads(fact_cli(ws, "check", "--within", "0", "--format", "json").stdout)
    assert {m["tool"] for m in data["missing"]} == {"kami"} and data["withdrawn"] == ["yomi"]
    assert [f["key"] for f in data["expiring"]] == ["iso27001"]


def test_check_bad_date_is_one_line(ws: Workspace, fact_cli: Callable[..., Result]) -> None:
    result = fact_cli(ws, "check", "--on", "2026-02-30")
    assert result.exit_code == 2 and "--on:" in one_line(result)


# --- fact take ------------------------------------------------------------------------------


def test_take_records_the_catalogs_facts_once(empty: Workspace, fact_cli: Callable[..., Result]) -> None:
    write_catalog(empty.root, "kami", [
        {"key": "ismap", "value": True, "number": "C21-0001-1", "source": ISMAP_URL, "as_of": "2026-11-20", "expires": "2027-03-31"},
        {"key": "Pマーク", "value": "なし", "source": PROPOSAL, "as_of": "2026-11-20"},
    ])  # fmt: skip
    dry = fact_cli(empty, "take", "--all", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert dry.stdout.splitlines() == [
        "would record 2 fact(s) from the catalog for 1 candidate(s); nothing recorded (--dry-run):",
        "  KamiScan: ISMAP registration: yes, PrivacyMark: no",
    ]
    assert "no catalog entry for: Yomitoru" in dry.stderr
    assert count(empty) == 0
    done = fact_cli(empty, "take", "kami")
    assert done.exit_code == 0, done.output
    assert done.stdout.splitlines()[0] == "recorded 2 fact(s) from the catalog for 1 candidate(s) (events 1-2):"
    events = list(empty.ledger.events())
    assert [(e.payload["key"], e.payload["origin"]) for e in events] == [
        ("ismap", "catalog:catalog/own.toml"),
        ("privacy-mark", "catalog:catalog/own.toml"),
    ]
    again = fact_cli(empty, "take", "--all")
    assert again.exit_code == 0 and "nothing to record" in again.stdout and count(empty) == 2


def test_take_keeps_a_fact_seen_later_than_the_catalogs(ws: Workspace, fact_cli: Callable[..., Result]) -> None:
    """kami's ISMAP recorded as seen 2026-10-01; the catalog's, seen 2026-09-01 and saying no, is older: kept."""
    write_catalog(ws.root, "kami", [{"key": "ismap", "value": False, "source": ISMAP_URL, "as_of": "2026-09-01"}])
    before = count(ws)
    result = fact_cli(ws, "take", "kami")
    assert result.exit_code == 0 and count(ws) == before
    assert "kept as recorded" in result.stderr and "KamiScan ISMAP registration" in result.stderr


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        ((), 2, "name the candidates whose catalog facts to record, or give --all"),
        (("kami", "--all"), 2, "not both"),
        (("kami",), 1, "the catalog has no entry for KamiScan"),
        (("nope",), 1, "unknown candidate 'nope'"),
    ],
)
def test_take_refusals_are_one_line(
    empty: Workspace, fact_cli: Callable[..., Result], args: tuple[str, ...], code: int, fragment: str
) -> None:
    result = fact_cli(empty, "take", *args)
    assert result.exit_code == code, result.output
    assert fragment in one_line(result)
    assert count(empty) == 0


# --- fact retract ---------------------------------------------------------------------------


def test_retract_withdraws_with_a_reason(ws: Workspace, fact_cli: Callable[..., Result]) -> None:
    refused = fact_cli(ws, "retract", "kami", "ISMAP")
    assert refused.exit_code == 1 and "needs --reason" in one_line(refused)
    missing = fact_cli(ws, "retract", "yomi", "ismap", "--reason", "x")
    assert missing.exit_code == 1 and "Yomitoru has no fact ISMAP registration recorded" in one_line(missing)
    done = fact_cli(ws, "retract", "kami", "ISMAP", "--reason", "登録の取消しを確認", lang="ja")
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == (
        "カミスキャン の「ISMAP 登録」（イベント 3 の記録）を取り消しました（イベント 5）。理由: 登録の取消しを確認"
    )
    assert ("kami", "ismap") not in ws.facts.current().facts
    assert [r["key"] for r in listing(ws, fact_cli, "kami")["recorded"]] == ["iso27001", "privacy-mark"]


# --- fact keys ------------------------------------------------------------------------------


def test_keys_lists_every_known_key_with_its_values(empty: Workspace, fact_cli: Callable[..., Result]) -> None:
    data = json.loads(fact_cli(empty, "keys", "--format", "json").stdout)
    assert [k["key"] for k in data] == list(FACT_KEYS)
    location = next(k for k in data if k["key"] == "data-location")
    assert [v["value"] for v in location["values"]] == ["japan", "overseas", "mixed"]
    ja = fact_cli(empty, "keys", lang="ja")
    assert ja.exit_code == 0
    assert "データの保管場所" in ja.stdout and "japan（国内）" in ja.stdout and "別名: pマーク" in ja.stdout
