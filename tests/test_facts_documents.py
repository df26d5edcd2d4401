"""Facts in the documents: each point cites the fact, its source and its date; flagged facts are said so.

The small plan below is worked by hand. Facts are judged on 2026-12-01 (the plan's
`[facts] date`), a fact seen more than 180 days before is too old. One fact criterion,
第三者認証 (10 points: ISO/IEC 27001 and プライバシーマーク both → 10, either → 5, else 0),
and one must-have decided by facts, 安全評価制度への登録 (ISMAP or ISMAP-LIU, any):

    あおば読取  ISO/IEC 27001 あり, valid until 2026-12-01 (= the facts' date: still valid)
                プライバシーマーク 取得 → both hold → 10 → 10.00
                ISMAP あり but valid until 2026-11-30: expired the day after (期限切れ), counted as not
                holding; ISMAP-LIU なし (valid) → nothing valid holds, one fact expired → 事実の更新待ち
    かえで読取  ISO/IEC 27001 あり, corrected (same date seen, with a reason) to なし;
                プライバシーマーク あり (its source corrected) → either → 5 → 5.00
                ISMAP なし (valid); ISMAP-LIU あり seen 2026-06-03: 181 days before 2026-12-01
                (June 27 + July 31 + Aug 31 + Sep 30 + Oct 31 + Nov 30 + Dec 1 = 181 > 180): too old
                → nothing valid holds, one fact too old → 事実の更新待ち
                データの保管場所 国内, then withdrawn with a reason
    さくら読取  ISO/IEC 27001 あり seen 2026-06-04: exactly 180 days before, still fresh;
                プライバシーマーク not recorded → the cell is unscored (未採点, it says which);
                neither ISMAP fact recorded → 未判定

    ranks: あおば読取 1* (10.00, provisional), かえで読取 2* (5.00, provisional), さくら読取 none.
    あおば読取 is first but its must-have waits for a fresh fact: no one is named as selected.

Events: #1–#4 あおば読取's four facts, #5–#9 かえで読取's five, #10 さくら読取's (from the
catalog), #11 the ISO correction, #12 the プライバシーマーク source correction, #13 the withdrawal.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import tomli_w
from openpyxl import load_workbook
from rich.console import Console

from tests.printing import html_to_pdf, need, pages, png, text
from toolbench import Workspace
from toolbench.documents.facts import facts_document, with_fact_data
from toolbench.documents.matrix import matrix_document, matrix_view, rule_lines
from toolbench.documents.model import CellView, Document, MatrixView, Table
from toolbench.documents.procurement import matrix_workbook_document, public_table, reasons_table, selected_tool
from toolbench.documents.results import matrix_data
from toolbench.methods.evaluation import Evaluation, evaluate
from toolbench.model.facts import Fact
from toolbench.model.plan import FactSettings
from toolbench.renderers.terminal import MatrixTable
from toolbench.renderers.writers import write
from toolbench.workspace.reports import FORMATS, build_report

SCHEMA = json.loads((Path(__file__).parents[1] / "docs" / "matrix.schema.json").read_text(encoding="utf-8"))

NOW = datetime(2026, 11, 1, 0, 0, tzinfo=UTC)  # 09:00 in Japan
LATER = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)  # 10:00 in Japan
ACTOR = "事務局"
TOOLS = {"aoba": "あおば読取", "kaede": "かえで読取", "sakura": "さくら読取"}
ISMS = "https://isms.jp/lst/ind/"
ISMAP = "https://www.ismap.go.jp/csm"
AOBA_PAGE = "https://aoba.example.jp/security"
OLD_SOURCE = "https://example.jp/old"
NEW_SOURCE = "https://privacymark.jp/search"
NEW_PAGE = "登録事業者検索"
SCOPE = "認証範囲に本サービスが含まれない"
WRONG_SOURCE = "出典の誤り"
OTHER_PRODUCT = "別製品の情報だった"
MUST = "安全評価制度への登録"

SEEN = "令和8年10月1日（2026年）"
DAY = "令和8年12月1日（2026年）"


def _plan(facts_date: date = date(2026, 12, 1)) -> dict[str, Any]:
    return {
        "evaluation": {"title": {"ja": "文字認識サービスの選定", "en": "Choosing a reading service"}},
        "facts": {"max_age_days": 180, "date": facts_date},
        "groups": {"security": {"ja": "安全性", "en": "Security"}},
        "criteria": [
            {
                "id": "certs",
                "name": {"ja": "第三者認証", "en": "Third-party certifications"},
                "group": "security",
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
                "id": "assessed",
                "name": {"ja": MUST, "en": "Security assessment registration"},
                "group": "security",
                "kind": "must",
                "points": 0,
                "fact": {"facts": [{"key": "ismap"}, {"key": "ismap-liu"}], "require": "any"},
            },
        ],
        "tools": [
            {"id": tool, "name": {"ja": name, "en": tool.capitalize() + " Reader"}, "vendor": f"{name}株式会社"}
            for tool, name in TOOLS.items()
        ],
        "evaluators": [{"id": "e1", "name": "委員一"}],
    }


def _fact(**fields: object) -> Fact:
    return Fact.model_validate({"as_of": "2026-10-01", **fields})


@pytest.fixture()
def facts_ws(tmp_path: Path) -> Iterator[Workspace]:
    root = tmp_path / "facts"
    root.mkdir()
    (root / "toolbench.toml").write_text(tomli_w.dumps(_plan()), encoding="utf-8")
    workspace = Workspace.start_ledger(root)
    workspace.facts.record(
        [
            ("aoba", _fact(key="iso27001", value=True, source=ISMS, page="2 頁", expires="2026-12-01")),
            ("aoba", _fact(key="privacy-mark", value="取得", source=AOBA_PAGE)),
            ("aoba", _fact(key="ismap", value=True, number="C21-0001-1", source=ISMAP, expires="2026-11-30")),
            ("aoba", _fact(key="ismap-liu", value=False, source=ISMAP)),
            ("kaede", _fact(key="ISMS", value="あり", source=ISMS)),
            ("kaede", _fact(key="Pマーク", value=True, source=OLD_SOURCE, page="p.2")),
            ("kaede", _fact(key="ismap", value=False, source=ISMAP)),
            ("kaede", _fact(key="ismap-liu", value=True, source=ISMAP, as_of="2026-06-03")),
            ("kaede", _fact(key="data-location", value="国内", source=OLD_SOURCE)),
        ],
        actor=ACTOR,
        now=NOW,
    )
    workspace.facts.record(
        [("sakura", _fact(key="iso27001", value=True, source=ISMS, as_of="2026-06-04"))],
        actor=ACTOR,
        origin="catalog:ai-ocr.toml",
        now=NOW,
    )
    workspace.facts.record(
        [("kaede", _fact(key="iso27001", value=False, source=ISMS))], actor=ACTOR, reason=SCOPE, now=LATER
    )
    workspace.facts.record(
        [("kaede", _fact(key="privacy-mark", value=True, source=NEW_SOURCE, page=NEW_PAGE))],
        actor=ACTOR,
        reason=WRONG_SOURCE,
        now=LATER,
    )
    workspace.facts.retract("kaede", "data-location", actor=ACTOR, reason=OTHER_PRODUCT, now=LATER)
    yield workspace
    workspace.close()


def _row(view: MatrixView, key: str) -> list[CellView]:
    return list(next(r for r in view.rows if r.key == key).cells)


def _cell(view: MatrixView, key: str, tool: str) -> CellView:
    return _row(view, key)[view.tool_ids.index(tool)]


def _section_table(document: Document, key: str) -> Table:
    table = next(s.table for s in document.sections if s.key == key)
    assert table is not None
    return table


# --- the matrix's cells ---------------------------------------------------------------------------------------


def test_the_small_plan_is_scored_as_worked_by_hand(facts_ws: Workspace) -> None:
    evaluation = facts_ws.evaluate()
    assert evaluation.facts_on == date(2026, 12, 1)
    got = {
        r.tool.id: (r.cells["certs"].points, r.musts["assessed"].verdict, r.rank, r.provisional)
        for r in evaluation.results
    }
    assert got == {
        "aoba": (10, "stale", 1, True),
        "kaede": (5, "stale", 2, True),
        "sakura": (None, "unjudged", None, True),
    }


def test_a_fact_cell_shows_its_points_and_cites_each_fact(facts_ws: Workspace) -> None:
    view = matrix_view(facts_ws.evaluate(), "ja")
    aoba = _cell(view, "certs", "aoba")
    assert aoba.value == Decimal("10.00")
    assert aoba.detail == "2 件中 2 件該当"
    assert aoba.flags == ("fact",)  # ISO/IEC 27001 valid until the facts' date itself: not flagged
    assert aoba.notes == (
        f"ISO/IEC 27001 認証: あり、出典 {ISMS}（2 頁）、確認 {SEEN}、有効期限 {DAY}",
        f"プライバシーマーク: あり、出典 {AOBA_PAGE}、確認 {SEEN}",
    )
    kaede = _cell(view, "certs", "kaede")
    assert (kaede.value, kaede.detail) == (Decimal("5.00"), "2 件中 1 件該当")
    assert kaede.notes[0] == f"ISO/IEC 27001 認証: なし、出典 {ISMS}、確認 {SEEN}"
    assert kaede.notes[1] == f"プライバシーマーク: あり、出典 {NEW_SOURCE}（{NEW_PAGE}）、確認 {SEEN}"


def test_an_unscored_fact_cell_says_which_fact_is_not_recorded(facts_ws: Workspace) -> None:
    view = matrix_view(facts_ws.evaluate(), "ja")
    sakura = _cell(view, "certs", "sakura")
    assert sakura.value is None
    assert sakura.detail == "未採点（未記録: プライバシーマーク）"
    assert sakura.flags == ("missing", "fact")
    assert sakura.notes == (f"ISO/IEC 27001 認証: あり、出典 {ISMS}、確認 令和8年6月4日（2026年）",)
    english = _cell(matrix_view(facts_ws.evaluate(), "en"), "certs", "sakura")
    assert english.detail == "missing: PrivacyMark not recorded"


def test_a_must_decided_by_facts_shows_its_verdict_and_the_facts(facts_ws: Workspace) -> None:
    view = matrix_view(facts_ws.evaluate(), "ja")
    aoba = _cell(view, "assessed", "aoba")
    assert (aoba.detail, aoba.flags) == ("事実の更新待ち", ("stale", "fact", "expired"))
    assert aoba.notes == (
        f"ISMAP 登録: あり（期限切れ）、出典 {ISMAP}、確認 {SEEN}、有効期限 令和8年11月30日（2026年）",
        f"ISMAP-LIU 登録: なし、出典 {ISMAP}、確認 {SEEN}",
    )
    kaede = _cell(view, "assessed", "kaede")
    assert (kaede.detail, kaede.flags) == ("事実の更新待ち", ("stale", "fact"))
    assert kaede.notes[1] == f"ISMAP-LIU 登録: あり（確認が古い）、出典 {ISMAP}、確認 令和8年6月3日（2026年）"
    sakura = _cell(view, "assessed", "sakura")
    assert (sakura.detail, sakura.notes) == ("未判定", ("ISMAP 登録: 未記録", "ISMAP-LIU 登録: 未記録"))
    assert "missing" not in sakura.flags  # its notes are drawn: a must-have cell is never unscored


def test_the_flags_on_the_boundary_of_the_facts_date(facts_ws: Workspace) -> None:
    """On 2026-12-02 the certificate valid until 2026-12-01 has expired: あおば読取 keeps プライバシーマーク
    only → either → 5.00; さくら読取's ISO fact seen 2026-06-04 is now 181 days old (flagged, still counted)."""
    before = matrix_view(facts_ws.evaluate(), "ja")
    assert not any("あおば読取: ISO/IEC 27001" in note for note in before.notes)
    assert "stale" not in _cell(before, "certs", "sakura").flags  # seen exactly 180 days before
    plan = facts_ws.plan.model_copy(update={"facts": FactSettings(max_age_days=180, date=date(2026, 12, 2))})
    after = matrix_view(evaluate(plan, facts_ws.ledger.events()), "ja")
    aoba = _cell(after, "certs", "aoba")
    assert (aoba.value, aoba.detail) == (Decimal("5.00"), "2 件中 1 件該当（期限切れ 1 件）")
    assert aoba.flags == ("fact", "expired")
    assert aoba.notes[0] == f"ISO/IEC 27001 認証: あり（期限切れ）、出典 {ISMS}（2 頁）、確認 {SEEN}、有効期限 {DAY}"
    assert _cell(after, "certs", "sakura").flags == ("missing", "fact", "stale")
    assert (
        f"あおば読取: ISO/IEC 27001 認証 は有効期限 {DAY} を過ぎている（期限切れ、確認 {SEEN}）。"
        "満たさないものとして扱う。"
    ) in after.notes


def test_a_must_awaiting_a_fact_is_not_ranked_as_passing_until_refreshed(facts_ws: Workspace) -> None:
    evaluation = facts_ws.evaluate()
    view = matrix_view(evaluation, "ja")
    rank = _cell(view, "rank", "aoba")
    assert (rank.value, rank.flags) == (1, ("provisional",))
    assert "暫定" in _cell(view, "total", "aoba").notes[0]
    assert selected_tool(view) is None  # first, but its must-have has not passed
    public = public_table(view, evaluation.plan)
    assert "1 位の候補は必須要件の事実の更新待ちのため、事実が更新されるまで選定候補として表示しない。" in public.notes
    assert not any("あおば読取" in str(cell) for row in public.rows for cell in row)
    # seen again, registered until 2027-03-31: the must-have passes and あおば読取 is named
    facts_ws.facts.record(
        [("aoba", _fact(key="ismap", value=True, source=ISMAP, as_of="2026-11-25", expires="2027-03-31"))],
        actor=ACTOR,
        now=LATER,
    )
    refreshed = matrix_view(facts_ws.evaluate(), "ja")
    assert _cell(refreshed, "assessed", "aoba").detail == "適"
    assert selected_tool(refreshed) == "aoba"


def test_a_failed_fact_must_names_the_criterion_and_the_facts(facts_ws: Workspace) -> None:
    """かえで読取's ISMAP-LIU seen again, not registered: both facts valid, none holds → 否 → 失格."""
    facts_ws.facts.record(
        [("kaede", _fact(key="ismap-liu", value=False, source=ISMAP, as_of="2026-11-20"))], actor=ACTOR, now=LATER
    )
    view = matrix_view(facts_ws.evaluate(), "ja")
    assert _cell(view, "assessed", "kaede").detail == "否"
    reason = f"かえで読取: 必須要件 {MUST} を記録された事実（ISMAP 登録、ISMAP-LIU 登録）が満たしていません"
    assert reason in view.notes


def test_the_rule_states_how_each_fact_criterion_scores(facts_ws: Workspace) -> None:
    lines = rule_lines(facts_ws.evaluate(), "ja")
    assert lines[-6:] == [
        f"事実は基準日 {DAY}（計画で指定）の時点で判定する。",
        "確認日が基準日の 180 日より前の事実は「確認が古い」と表示する（記載どおり数える）。",
        "有効期限を過ぎた事実は満たさないものとして扱う（期限切れ）。事実が未記録の項目は未採点とし、0 点とはしない。",
        "第三者認証（事実）: 次のうち最初に満たすものの点（いずれも満たさない場合は 0 点）: "
        "ISO/IEC 27001 認証あり、プライバシーマークありのすべて 10 点／"
        "ISO/IEC 27001 認証あり、プライバシーマークありのいずれか 5 点。",
        f"{MUST}（必須要件・事実により判定）: ISMAP 登録あり、ISMAP-LIU 登録あり（いずれか）を満たす場合に適。",
        "事実により判定する必須要件は、基準日に有効な事実でのみ適とする。期限切れ・確認が古い事実に基づく場合は"
        "事実の更新待ち（適とも否ともしない。結果は暫定）とする。",
    ]
    assert not any("過半数" in line for line in lines)  # no must-have here is judged by the evaluators
    english = rule_lines(facts_ws.evaluate(), "en")
    assert (
        "Third-party certifications (facts): the points of the first of these that holds (none holds: 0 points): "
        "all of ISO/IEC 27001 certification held, PrivacyMark held: 10 points; "
        "any of ISO/IEC 27001 certification held, PrivacyMark held: 5 points."
    ) in english


def test_the_per_fact_rule_and_conditions_in_words() -> None:
    plan = _plan()
    plan["criteria"][0]["fact"] = {
        "facts": [
            {"key": "data-location", "in": ["japan"], "points": 4},
            {"key": "ai-retention-days", "at_most": 30, "points": 3},
            {"key": "独自の監査", "in": ["実施"], "points": 3},
        ]
    }
    from toolbench.model.plan import parse_plan

    lines = rule_lines(evaluate(parse_plan(plan), []), "ja")
    assert (
        "第三者認証（事実）: データの保管場所が国内 4 点、入力データの保持期間（日）が 30 日以下 3 点、"
        "独自の監査が「実施」 3 点の合計（最高 10 点）。"
    ) in lines
    assert f"事実は基準日 {DAY}（計画で指定）の時点で判定する。" in lines


def test_the_notes_list_every_flagged_fact_and_the_musts_that_wait(facts_ws: Workspace) -> None:
    notes = matrix_view(facts_ws.evaluate(), "ja").notes
    expected = [
        f"あおば読取: ISMAP 登録 は有効期限 令和8年11月30日（2026年） を過ぎている（期限切れ、確認 {SEEN}）。"
        "満たさないものとして扱う。",
        "かえで読取: ISMAP-LIU 登録 の確認日 令和8年6月3日（2026年） は基準日の 181 日前で、"
        "180 日を超えている（確認が古い）。",
        f"あおば読取: 必須要件 {MUST} は ISMAP 登録 が期限切れまたは確認が古いため、事実の更新待ち"
        "（適とも否ともしない）。結果は暫定です。",
        f"かえで読取: 必須要件 {MUST} は ISMAP-LIU 登録 が期限切れまたは確認が古いため、事実の更新待ち"
        "（適とも否ともしない）。結果は暫定です。",
        f"さくら読取: 必須要件 {MUST} は ISMAP 登録、ISMAP-LIU 登録 が未記録のため未判定。結果は暫定です。",
    ]
    start = notes.index(expected[0])
    assert list(notes[start : start + len(expected)]) == expected
    assert not any("まだ誰も判定していない" in note for note in notes)  # no evaluator judges these


# --- every format ---------------------------------------------------------------------------------------------


def _xlsx_text(data: bytes, tmp_path: Path, name: str = "doc.xlsx") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    book = load_workbook(path)
    return "\n".join(
        str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None
    )


def _html_text(data: bytes) -> str:
    page = re.sub(r"<style.*?</style>", " ", data.decode("utf-8"), flags=re.S)
    return re.sub(r"<[^>]+>", " ", page).replace("&amp;", "&")


def _matrix_formats(evaluation: Evaluation, tmp_path: Path, lang: str = "ja") -> dict[str, str]:
    view = matrix_view(evaluation, lang)  # type: ignore[arg-type]
    document = matrix_document(view, matrix_data(evaluation))
    shown = {fmt: write(document, fmt, width=160).decode("utf-8-sig") for fmt in ("table", "markdown", "csv")}
    shown["html"] = _html_text(write(document, "html"))
    shown["xlsx"] = _xlsx_text(write(matrix_workbook_document(evaluation, view), "xlsx"), tmp_path)
    shown["json"] = json.dumps(matrix_data(evaluation), ensure_ascii=False)
    return shown


def test_every_format_carries_the_points_and_the_cited_sources_and_dates(facts_ws: Workspace, tmp_path: Path) -> None:
    shown = _matrix_formats(facts_ws.evaluate(), tmp_path)
    for fmt in ("markdown", "csv", "html", "xlsx"):
        words = shown[fmt]
        assert f"出典 {AOBA_PAGE}、確認 {SEEN}" in words, fmt
        assert (
            f"ISMAP 登録: あり（期限切れ）、出典 {ISMAP}、確認 {SEEN}、有効期限 令和8年11月30日（2026年）" in words
        ), fmt
        assert "2 件中 2 件該当" in words and "事実の更新待ち" in words, fmt
    assert "10.00" in shown["markdown"] and "5.00" in shown["csv"]
    assert "2 件中 2 件該当" in shown["table"] and "事実の更新待ち" in shown["table"]
    data = json.loads(shown["json"])
    aoba = data["tools"][0]
    certs = aoba["cells"][0]
    assert (certs["source"], certs["flags"], certs["points"]) == ("fact", ["fact"], 10.0)
    assert certs["fact"]["raw_exact"] == "10" and certs["fact"]["combination"] == 0
    iso = certs["fact"]["facts"][0]
    assert (iso["key"], iso["status"], iso["holds"]) == ("iso27001", "valid", True)
    assert iso["recorded"]["source"] == ISMS and iso["recorded"]["page"] == "2 頁"
    assert (iso["recorded"]["as_of"], iso["recorded"]["expires"], iso["recorded"]["event"]) == (
        "2026-10-01",
        "2026-12-01",
        1,
    )
    must = aoba["musts"][0]
    assert (must["verdict"], must["decided_by"], must["facts"]["require"]) == ("stale", "facts", "any")
    assert [f["status"] for f in must["facts"]["facts"]] == ["expired", "valid"]
    assert data["facts"] == {"date": "2026-12-01", "date_from": "plan", "max_age_days": 180}


def test_the_matrix_json_with_its_facts_matches_the_schema(facts_ws: Workspace) -> None:
    evaluation = facts_ws.evaluate()
    jsonschema.validate(matrix_data(evaluation), SCHEMA)  # as written before the facts are added
    data = matrix_data(evaluation)
    jsonschema.validate(data, SCHEMA)
    data["tools"][0]["cells"][0]["fact"]["facts"][0]["recorded"]["surprise"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)


def test_a_plan_without_facts_keeps_its_json_and_its_notes(demo: Workspace) -> None:
    evaluation = demo.evaluate()
    data = matrix_data(evaluation)
    assert with_fact_data(evaluation, matrix_data(evaluation)) == data and "facts" not in data
    view = matrix_view(evaluation, "ja")
    assert not any("事実" in note for note in view.notes)


def test_the_terminal_draws_a_flagged_fact_as_an_alarm(facts_ws: Workspace) -> None:
    view = matrix_view(facts_ws.evaluate(), "ja")
    out = Console(width=160, color_system="standard", force_terminal=True, record=True)
    out.print(MatrixTable(view))
    coloured = out.export_text(styles=True)
    assert re.search(r"\x1b\[31m[^\x1b]*事実の更新待ち", coloured)  # red, as a failed must-have
    # one tool's column alone: its wrapped lines read in order, the citations whole once spaces are taken out
    first = replace(view, tool_ids=view.tool_ids[:1], tool_names=view.tool_names[:1])
    first = replace(first, rows=tuple(replace(row, cells=row.cells[:1]) for row in view.rows))
    plain = Console(width=100, color_system=None, record=True)
    plain.print(MatrixTable(first))
    squeezed = re.sub(r"\s+", "", plain.export_text())
    assert f"10.002件中2件該当ISO/IEC27001認証:あり、出典{ISMS}（2頁）、確認{SEEN.replace(' ', '')}" in squeezed
    assert f"事実の更新待ちISMAP登録:あり（期限切れ）、出典{ISMAP}" in squeezed


# --- Japanese throughout, and blind --------------------------------------------------------------------------

# names of standards written in Latin letters in Japanese text (the provenance's SHA-256 and UTC too),
# beside the suite's own list
ALLOWED = {"ISMAP", "ISMS", "LIU", "ISO", "IEC", "LGWAN", "ASP", "ASPIC", "SOC", "SHA", "UTC", "CSV", "XLSX"}
ALLOWED |= {"toolbench"}
WORD = re.compile(r"[A-Za-z][A-Za-z]{2,}")
HEX = re.compile(r"[0-9a-f]{12,64}")
TYPED = [ISMS, ISMAP, AOBA_PAGE, OLD_SOURCE, NEW_SOURCE, "ai-ocr.toml", "C21-0001-1"]
IDS = {"certs", "assessed"}
"""Criterion ids: the workbook's points sheet lists each id beside its name, by design (the key users type)."""


def _english_words(shown: str) -> list[str]:
    """ASCII words once the user's own words (sources, file names, numbers) and hashes are taken out.

    A source the terminal folded over lines (between other columns' words) leaves pieces of itself:
    a word inside one of the user's own is theirs too.
    """
    for typed in sorted(TYPED, key=len, reverse=True):
        shown = shown.replace(typed, " ")
    shown = HEX.sub(" ", shown)
    words = {w for w in WORD.findall(shown) if w not in ALLOWED | IDS}
    return sorted(w for w in words if not any(w in typed for typed in TYPED))


def test_the_check_sees_an_english_word() -> None:
    assert _english_words(f"ISO/IEC 27001 認証: あり、出典 {ISMS}、valid、https://isms.") == ["valid"]


def test_japanese_documents_hold_no_english(facts_ws: Workspace, tmp_path: Path) -> None:
    evaluation = facts_ws.evaluate()
    found = {}
    for fmt, shown in _matrix_formats(evaluation, tmp_path).items():
        if fmt != "json" and (words := _english_words(shown)):
            found[("matrix", fmt)] = words
    document = facts_document(evaluation, "ja", now=LATER)
    for fmt in ("table", "markdown", "csv", "html", "xlsx"):
        data = write(document, fmt, width=160)
        shown = _xlsx_text(data, tmp_path) if fmt == "xlsx" else _html_text(data) if fmt == "html" else data.decode()
        if words := _english_words(shown):
            found[("facts", fmt)] = words
    reasons = reasons_table(evaluation.plan, facts_ws.ledger.events(), "ja")
    cells = " ".join(str(v) for row in reasons.rows for v in row[3:])
    if words := _english_words(cells):
        found[("reasons", "table")] = words
    assert found == {}


def test_while_blind_sources_are_withheld_and_values_and_dates_stay(facts_ws: Workspace, tmp_path: Path) -> None:
    facts_ws.blind(actor=ACTOR, seed=7, now=LATER)
    evaluation = facts_ws.evaluate()
    shown = _matrix_formats(evaluation, tmp_path)
    out = tmp_path / "set"
    build_report(facts_ws, out, FORMATS, "ja", now=LATER)
    shown["facts"] = (out / "facts.csv").read_text(encoding="utf-8-sig")
    shown["reasons"] = (out / "reasons-log.csv").read_text(encoding="utf-8-sig")
    for where, words in shown.items():
        for secret in (ISMS, ISMAP, AOBA_PAGE, "aoba", "C21-0001-1", NEW_SOURCE, "ai-ocr.toml", *TOOLS.values()):
            assert secret not in words, (where, secret)
    for where in ("markdown", "csv", "html", "xlsx"):
        assert f"ISMAP 登録: あり（期限切れ）、確認 {SEEN}、有効期限 令和8年11月30日（2026年）" in shown[where], where
    assert "匿名評価中のため、事実の出典・番号・備考は表示しない" in shown["markdown"]
    assert f"ISMAP 登録,あり,,（匿名化解除後に表示）,,{SEEN}" in shown["facts"]  # the number is not even kept
    assert "（匿名化解除後に表示）" in shown["reasons"] and OTHER_PRODUCT not in shown["reasons"]
    data = json.loads(shown["json"])
    recorded = [f["recorded"] for t in data["tools"] for f in t["cells"][0]["fact"]["facts"] if f["recorded"]]
    assert len(recorded) == 5 and {r["source"] for r in recorded} == {None}
    assert {(r["as_of"], r["value"]) for r in recorded} == {
        ("2026-10-01", True),
        ("2026-10-01", False),
        ("2026-06-04", True),
    }


# --- the facts list and the reasons log ----------------------------------------------------------------------


def test_the_facts_list_puts_the_flagged_facts_first(facts_ws: Workspace) -> None:
    document = facts_document(facts_ws.evaluate(), "ja", now=LATER)
    assert document.title == "事実一覧（文字認識サービスの選定）"
    assert [s.key for s in document.sections] == ["facts-flagged", "facts-list", "facts-rule"]
    assert document.sections[0].sentences[0] == f"事実は基準日 {DAY}（計画で指定）の時点で判定する。"
    flagged = _section_table(document, "facts-flagged")
    assert flagged.rows == (
        ("あおば読取", "ISMAP 登録", "期限切れ", "あり", SEEN, "令和8年11月30日（2026年）", MUST),
        ("かえで読取", "ISMAP-LIU 登録", "確認が古い", "あり", "令和8年6月3日（2026年）", None, MUST),
        ("さくら読取", "ISMAP 登録", "未記録", None, None, None, MUST),
        ("さくら読取", "ISMAP-LIU 登録", "未記録", None, None, None, MUST),
        ("さくら読取", "プライバシーマーク", "未記録", None, None, None, "第三者認証"),
    )


def test_the_facts_list_gives_every_fact_with_its_source_dates_and_record(facts_ws: Workspace) -> None:
    listed = _section_table(facts_document(facts_ws.evaluate(), "ja", now=LATER), "facts-list")
    assert listed.headers == (
        "候補",
        "事実",
        "値",
        "登録・認証番号",
        "出典",
        "該当箇所",
        "確認日",
        "有効期限",
        "基準日の状態",
        "記録者",
        "記録日時（日本時間）",
        "記録番号",
        "取得元",
        "理由",
    )
    by = {(row[0], row[1]): row for row in listed.rows}
    assert [key for key in by if key[0] == "あおば読取"] == [
        ("あおば読取", "ISMAP 登録"),
        ("あおば読取", "ISMAP-LIU 登録"),
        ("あおば読取", "ISO/IEC 27001 認証"),
        ("あおば読取", "プライバシーマーク"),
    ]
    nine = "令和8年11月1日（2026年） 09:00"
    ten = "令和8年11月2日（2026年） 10:00"
    assert by[("あおば読取", "ISMAP 登録")] == (
        "あおば読取",
        "ISMAP 登録",
        "あり",
        "C21-0001-1",
        ISMAP,
        None,
        SEEN,
        "令和8年11月30日（2026年）",
        "期限切れ",
        ACTOR,
        nine,
        3,
        "手入力",
        None,
    )
    iso = by[("かえで読取", "ISO/IEC 27001 認証")]
    assert (iso[2], iso[8], iso[10], iso[11], iso[13]) == ("なし", "有効", ten, 11, SCOPE)
    assert by[("さくら読取", "ISO/IEC 27001 認証")][12] == "カタログ（ai-ocr.toml）"
    assert by[("さくら読取", "プライバシーマーク")][2:] == (None,) * 6 + ("未記録",) + (None,) * 5
    assert ("かえで読取", "データの保管場所") not in by  # withdrawn


def test_the_reasons_log_gives_corrections_and_withdrawals_in_words(facts_ws: Workspace) -> None:
    reasons = reasons_table(facts_ws.plan, facts_ws.ledger.events(), "ja")
    rows = [(row[0], *row[3:]) for row in reasons.rows]
    assert rows == [
        (11, "事実の訂正", "かえで読取", "第三者認証", "", "ISO/IEC 27001 認証: あり → なし", SCOPE),
        (
            12,
            "事実の訂正",
            "かえで読取",
            "第三者認証",
            "",
            f"プライバシーマーク: あり（出典 {OLD_SOURCE}、該当箇所 p.2） → あり（出典 {NEW_SOURCE}、該当箇所 {NEW_PAGE}）",
            WRONG_SOURCE,
        ),
        (13, "事実の取消し", "かえで読取", "", "", "データの保管場所: 国内 → （取消し）", OTHER_PRODUCT),
    ]


# --- the procurement set, the archive, and print -----------------------------------------------------------


def test_the_procurement_set_holds_the_facts_list(facts_ws: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "set"
    names = {p.name for p in build_report(facts_ws, out, FORMATS, "ja", now=LATER)}
    assert {"facts.xlsx", "facts.html", "facts.csv"} <= names
    listed = (out / "facts.csv").read_text(encoding="utf-8-sig")
    assert listed.count("計画 ") == 1  # the anchor a filed document carries, once
    assert f"あおば読取,ISMAP 登録,あり,C21-0001-1,{ISMAP},,{SEEN}" in listed
    reasons = (out / "reasons-log.csv").read_text(encoding="utf-8-sig")
    assert "データの保管場所: 国内 → （取消し）" in reasons
    assert "1 位の候補は必須要件の事実の更新待ち" in (out / "public-results.csv").read_text(encoding="utf-8-sig")


def test_a_plan_and_ledger_without_facts_write_no_facts_file(demo: Workspace, tmp_path: Path) -> None:
    written = build_report(demo, tmp_path / "set", ["csv"], "ja", now=LATER)
    assert not any(p.name.startswith("facts.") for p in written)


def test_the_archive_holds_the_facts_list_and_verifies(facts_ws: Workspace, tmp_path: Path) -> None:
    from toolbench.workspace.archive import verify_archive, write_archive

    write_archive(facts_ws, tmp_path / "archive", "ja", now=LATER)
    assert (tmp_path / "archive" / "reports" / "procurement" / "facts.html").is_file()
    result = verify_archive(tmp_path / "archive")
    assert result.ok, result.lines("en")


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed (Debian package)")
def test_the_matrix_and_the_facts_list_print_on_a4_landscape(facts_ws: Workspace, tmp_path: Path) -> None:
    evaluation = facts_ws.evaluate()
    view = matrix_view(evaluation, "ja")
    documents = {
        "matrix": (matrix_document(view, generated=LATER), f"{ISMAP}、確認令和8年10月1日"),
        "facts": (facts_document(evaluation, "ja", now=LATER), "C21-0001-1"),  # a source folds in its column
    }
    for name, (document, cited) in documents.items():
        source = tmp_path / f"{name}.html"
        source.write_bytes(write(document, "html"))
        pdf = html_to_pdf(source, tmp_path / f"{name}.pdf")
        info = subprocess.run([need("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True).stdout
        size = re.search(r"Page size:\s+([0-9.]+) x ([0-9.]+) pts \(A4\)", info)
        assert size is not None and float(size.group(1)) > float(size.group(2)), info  # A4, landscape
        squeezed = re.sub(r"\s+", "", text(pdf))
        assert cited in squeezed, name
        assert "令和8年11月30日" in squeezed and "期限切れ" in squeezed, name  # a date may fold at （2026年）
        assert pages(pdf) <= 3, name
        assert png(pdf, tmp_path / f"{name}-page", resolution=80)
