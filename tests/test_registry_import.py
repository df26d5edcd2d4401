"""A registry's list (ISMAP, ASPIC, LGWAN-ASP) imported as facts through a layout, all or nothing.

The lists in tests/data/registries/ were written by hand in the layouts
docs/registries.md describes; every company and service in them is fictional. The XLSX
list is made here with openpyxl. Downloads go to a real HTTPS server on 127.0.0.1
(tests/catalog_server.py) with a throw-away CA; nothing is fetched from a registry.
Every import that is refused is checked to have recorded nothing (the ledger's head is
unchanged).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import click
import pytest
from catalog_server import CatalogServer
from click.testing import Result
from openpyxl import Workbook

from toolbench import Workspace
from toolbench.base.i18n import translate
from toolbench.workspace.facts import FactRowsError
from toolbench.workspace.registry import (
    DEFAULT_MAX_BYTES,
    SHIPPED_LAYOUTS,
    Download,
    RegistryError,
    import_list,
    layout_named,
    load_layout,
    read_list,
    shipped_layout,
)

DATA = Path(__file__).parent / "data" / "registries"
ISMAP_URL = "https://www.ismap.go.jp/csm?id=cloud_service_list"
SEEN = date(2026, 11, 20)
NOW = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)  # 10:00 on 2026-11-24 in Japan

PLAN = """\
[evaluation]
title = { ja = "AI-OCR 選定", en = "AI-OCR selection" }
language = "ja"

[groups]
sec = { ja = "セキュリティ", en = "Security" }

[[criteria]]
id = "cloud"
name = { ja = "クラウド認証", en = "Cloud certification" }
group = "sec"
kind = "fact"
points = 10
[criteria.fact]
facts = [{ key = "ismap", points = 10 }]

[[tools]]
id = "kamiscan"
name = { ja = "カミスキャン", en = "KamiScan" }
vendor = "株式会社かみテック"

[[tools]]
id = "yomitoru"
name = "よみとるクラウド"
vendor = "ヨミトル株式会社"
maker = "株式会社文字研究所"

[[tools]]
id = "hanko"
name = "ハンコレス電子契約"
vendor = "有限会社はんこレス"

[[tools]]
id = "machi-ai"
name = "まちAIアシスタント"
vendor = "まちAI合同会社"

[[evaluators]]
id = "e1"
name = "評価者1"
"""

pytestmark = pytest.mark.usefixtures("direct_connections")


@pytest.fixture()
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    root = tmp_path / "ws"
    root.mkdir()
    (root / "toolbench.toml").write_text(PLAN, encoding="utf-8")
    opened = Workspace.start_ledger(root)
    yield opened
    opened.close()


def head(workspace: Workspace) -> int:
    event = workspace.ledger.head()
    return event.seq if event is not None else 0


def problems_of(error: pytest.ExceptionInfo[RegistryError], lang: str = "en") -> list[str]:
    return [translate(m.key, lang, **m.params) for m in error.value.problems]  # type: ignore[arg-type]


def inner_key(error: pytest.ExceptionInfo[RegistryError]) -> str:
    """The problem of a one-problem error, inside its place (`registry.in_file`, `registry.cell`)."""
    (problem,) = error.value.problems
    return problem.params["problem"].key  # type: ignore[attr-defined,no-any-return]


def recorded(workspace: Workspace) -> dict[str, dict[str, object]]:
    """tool → the payload of its current `fact.recorded` event (with origin)."""
    return {e.payload["tool"]: dict(e.payload) for e in workspace.ledger.events() if e.kind == "fact.recorded"}


def ismap_import(workspace: Workspace, file: Path | str = DATA / "ismap-sample.csv", **options: object) -> object:
    options.setdefault("as_of", SEEN)
    options.setdefault("actor", "secretariat")
    options.setdefault("now", NOW)
    return import_list(workspace, shipped_layout("ismap"), file, **options)  # type: ignore[arg-type]


# --- the shipped layouts and the hand-made lists --------------------------------------------


def test_the_ismap_sample_gives_two_candidates_their_registration(workspace: Workspace) -> None:
    """ismap-sample.csv (UTF-8 with BOM): a title row, a blank row, the headings at row 3.

    Rows 4-7 are services, row 8 a note (※ …). By vendor and name:
    - kamiscan (株式会社かみテック, "カミスキャン") is row 4, "カミスキャン クラウド" by
      株式会社かみテック: the name is contained in the service's → C21-0101-1, expires 2027-03-31;
      the number is in column B, so the fact's place is B4;
    - machi-ai (まちAI合同会社) is row 6, whose company is written with a full-width ＡＩ:
      the same company once width is folded → C23-0203-1, expires 2028-01-31;
    - yomitoru's maker 株式会社文字研究所 has row 5 ((株)文字研究所), but its service
      "文字研究所 AI-OCR 基盤" does not carry the name "よみとるクラウド": not found;
    - hanko is not in the list at all: not found.
    So 2 facts, value true, source the ISMAP list's address, seen 2026-11-20.
    """
    result = ismap_import(workspace)
    facts = recorded(workspace)
    assert sorted(facts) == ["kamiscan", "machi-ai"]
    kamiscan = facts["kamiscan"]
    assert kamiscan["key"] == "ismap" and kamiscan["value"] is True
    assert kamiscan["number"] == "C21-0101-1"
    assert kamiscan["expires"] == "2027-03-31"
    assert kamiscan["as_of"] == "2026-11-20"
    assert kamiscan["source"] == ISMAP_URL
    assert kamiscan["page"] == "B4"
    assert kamiscan["detail"] == "カミスキャン クラウド / 株式会社かみテック"
    assert kamiscan["origin"] == "registry:ismap:ismap-sample.csv"
    machi = facts["machi-ai"]
    assert (machi["number"], machi["expires"], machi["page"]) == ("C23-0203-1", "2028-01-31", "B6")
    assert machi["detail"] == "まちAIアシスタント / まちＡＩ合同会社"  # the company as the list writes it
    listing = result.listing  # type: ignore[attr-defined]
    assert listing.header_row == 3 and listing.notes == (8,)
    assert [s.row for s in listing.services] == [4, 5, 6, 7]
    assert listing.services[1].registered == date(2022, 6, 1)  # 令和4年6月1日
    assert listing.services[1].expires == date(2027, 9, 30)  # 令和9年9月30日
    hows = {m.tool: m.how for m in result.matches}  # type: ignore[attr-defined]
    assert hows == {"kamiscan": "found", "yomitoru": "not_found", "hanko": "not_found", "machi-ai": "found"}
    yomitoru = next(m for m in result.matches if m.tool == "yomitoru")  # type: ignore[attr-defined]
    assert [s.number for s in yomitoru.company_rows] == ["C22-0150-2"]


def test_the_same_list_again_records_nothing(workspace: Workspace) -> None:
    ismap_import(workspace)
    before = head(workspace)
    again = ismap_import(workspace)
    assert again.events == () and head(workspace) == before  # type: ignore[attr-defined]


def test_a_dry_run_records_nothing_but_says_what_would_be(workspace: Workspace) -> None:
    result = ismap_import(workspace, dry_run=True)
    assert head(workspace) == 0
    assert sorted(e.payload["tool"] for e in result.events) == ["kamiscan", "machi-ai"]  # type: ignore[attr-defined]


def test_the_cp932_aspic_list_derives_the_expiry_from_the_disclosure_date(workspace: Workspace) -> None:
    """aspic-sample-cp932.csv is CP932 (Japanese Excel's CSV) and has no expiry column.

    ASPIC: 開示情報の日付から2年後で認定の有効期間が満了. The shipped layout takes the
    earlier reading, the day before the same date two years on:
    - row 2, disclosed 2025-04-01 → 2027-04-01 − 1 day = 2027-03-31;
    - row 3, disclosed 2024-05-01 → 2026-05-01 − 1 day = 2026-04-30.
    Row 2's company is written ㈲はんこレス (a CP932-only character), which folds to
    (有)はんこレス: the same company as the plan's 有限会社はんこレス.
    With --absent-means-no the other three candidates, whose companies have no row, get "no".
    """
    result = import_list(
        workspace,
        shipped_layout("aspic"),
        DATA / "aspic-sample-cp932.csv",
        as_of=SEEN,
        source="https://aspic.example.jp/nintei/list",
        absent_means_no=True,
        actor="secretariat",
        now=NOW,
    )
    services = {s.number: s for s in result.listing.services}
    assert services["0123-2104"].expires == date(2027, 3, 31) and services["0123-2104"].expires_derived
    assert services["IP00452305"].expires == date(2026, 4, 30)
    assert services["0123-2104"].company == "㈲はんこレス"
    facts = recorded(workspace)
    assert facts["hanko"]["value"] is True and facts["hanko"]["expires"] == "2027-03-31"
    assert facts["hanko"]["origin"] == "registry:aspic:aspic-sample-cp932.csv"
    for tool in ("kamiscan", "yomitoru", "machi-ai"):
        assert facts[tool]["value"] is False and "number" not in facts[tool] and "expires" not in facts[tool]
        assert facts[tool]["source"] == "https://aspic.example.jp/nintei/list"


def test_a_layout_without_an_address_needs_source(workspace: Workspace) -> None:
    with pytest.raises(RegistryError) as error:
        import_list(workspace, shipped_layout("aspic"), DATA / "aspic-sample-cp932.csv", as_of=SEEN, actor="x")
    assert error.value.key == "registry.needs_source"
    assert head(workspace) == 0


# --- all or nothing -------------------------------------------------------------------------


def test_every_kind_of_row_problem_is_named_at_once_and_nothing_is_recorded(workspace: Workspace) -> None:
    """ismap-problems.csv: headings at row 1, a good row 2, then one problem per row (by hand):

    row 3 A: no number; row 4 A: C21-01O2-1 (a letter O) is not of the form C21-0005-2;
    row 5 A: C21-0101-1 repeats row 2; row 6 B: no service name; row 7 D: 2022/13/01 is
    no day; row 8 E: 来年度 is no date; row 9 E: expires 2023-03-31 before 2024-04-01;
    row 10 A: 申請中 has no digit.
    """
    with pytest.raises(RegistryError) as error:
        ismap_import(workspace, DATA / "ismap-problems.csv")
    lines = problems_of(error)
    assert [re.search(r"\(([A-Z]+\d+)\)", line)[1] for line in lines] == [  # type: ignore[index]
        "A3",
        "A4",
        "A5",
        "B6",
        "D7",
        "E8",
        "E9",
        "A10",
    ]
    assert "no registration number" in lines[0]
    assert "'C21-01O2-1' is not a number of the form C21-0005-2" in lines[1]
    assert "also on row 2" in lines[2]
    assert "no service name" in lines[3]
    assert "'2022/13/01' is not a day of the calendar" in lines[4]
    assert "'来年度' is not a date" in lines[5]
    assert "the expiry 2023-03-31 is before the registration date 2024-04-01" in lines[6]
    assert "'申請中' is not a registration number" in lines[7]
    message = error.value.message("ja")
    assert message.startswith("ismap-problems.csv: 一覧に 8 件の問題があります。何も記録していません。")
    assert (
        "ismap-problems.csv 9 行目、列 '有効期限'（E9）: 有効期限 2023-03-31 が登録日 2024-04-01 より前です" in message
    )
    assert head(workspace) == 0


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


GOOD = "登録番号,クラウドサービスの名称,クラウドサービス事業者,有効期限\nC21-0101-1,カミスキャン クラウド,株式会社かみテック,2027/03/31\n"


def test_a_list_in_utf16_is_refused_by_name(workspace: Workspace, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.csv", GOOD, "utf-16")
    with pytest.raises(RegistryError) as error:
        ismap_import(workspace, path)
    assert error.value.key == "registry.encoding"
    assert error.value.message("en").startswith("list.csv: not UTF-8 or CP932")


def test_a_file_that_is_not_a_table(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "list.pdf"
    path.write_bytes(b"%PDF-1.7")
    with pytest.raises(RegistryError) as error:
        ismap_import(workspace, path)
    assert error.value.key == "registry.bad_suffix"


def test_a_workbook_that_is_not_one_is_said_in_the_users_words(workspace: Workspace, tmp_path: Path) -> None:
    """An .xlsx that is not a zip (a renamed PDF, a broken download): no library's English in Japanese."""
    path = tmp_path / "list.xlsx"
    path.write_bytes(b"%PDF-1.7")
    with pytest.raises(RegistryError) as error:
        ismap_import(workspace, path)
    assert "Excel ブック（.xlsx）ではありません" in error.value.message("ja")
    assert "zip" not in error.value.message("ja").lower()
    assert "not an Excel workbook" in error.value.message("en")


def test_a_list_without_the_headings_names_what_it_looked_for(workspace: Workspace, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "other.csv", "番号,名称\n1,何か\n")
    with pytest.raises(RegistryError) as error:
        ismap_import(workspace, path)
    text = error.value.message("en")
    assert error.value.key == "registry.no_header"
    assert "none of the first 20 rows has headings for" in text and "登録番号" in text and "'番号', '名称'" in text


def test_a_heading_word_that_fits_two_columns(workspace: Workspace, tmp_path: Path) -> None:
    """Neither heading is 有効期限 itself; both contain it, so which one is meant is not guessed."""
    path = write_csv(
        tmp_path / "two.csv",
        "登録番号,サービス名,有効期限（当初）,有効期限（更新後）\nC21-0101-1,カミスキャン クラウド,2026/3/31,2027/3/31\n",
    )
    with pytest.raises(RegistryError) as error:
        ismap_import(workspace, path)
    assert inner_key(error) == "registry.ambiguous_column"
    assert "C1 '有効期限（当初）', D1 '有効期限（更新後）'" in error.value.message("en")


def test_a_heading_the_layout_file_names_but_the_file_lacks(workspace: Workspace, tmp_path: Path) -> None:
    layout = tmp_path / "my-ismap.toml"
    layout.write_text('extends = "ismap"\n\n[columns]\nregistered = "登録年月日（西暦）"\n', encoding="utf-8")
    path = write_csv(tmp_path / "list.csv", GOOD)
    with pytest.raises(RegistryError) as error:
        import_list(workspace, load_layout(layout), path, as_of=SEEN, actor="x")
    text = error.value.message("en")
    assert inner_key(error) == "registry.missing_column"
    assert "no column headed 登録年月日（西暦） (for the registration date)" in text
    assert "'登録番号', 'クラウドサービスの名称', 'クラウドサービス事業者', '有効期限'" in text


def make_xlsx(path: Path, *, formula: bool = False) -> Path:
    """A cover sheet, then 一覧: a title row, headings at row 2 (one with a line break), dates as dates,
    and one company's cell merged over the two rows of its services (D3:D4)."""
    book = Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "表紙"
    cover["A1"] = "ISMAPクラウドサービスリスト（架空の例）"
    sheet = book.create_sheet("一覧")
    sheet.append(["ISMAPクラウドサービスリスト", None, None, None, None, None])
    sheet.append(["No.", "登録\n番号", "クラウドサービスの名称", "クラウドサービス事業者", "登録日", "有効期限"])
    sheet.append(
        [1, "C21-0101-1", "カミスキャン クラウド", "株式会社かみテック", datetime(2021, 4, 1), datetime(2027, 3, 31)]
    )
    sheet.append([2, "C25-0400-1", "カミスキャン 帳票設計", None, datetime(2025, 7, 1), datetime(2026, 10, 31)])
    sheet.append(
        [3, "C23-0203-1", "まちAIアシスタント", "まちAI合同会社", datetime(2023, 10, 2), datetime(2028, 1, 31)]
    )
    sheet.merge_cells("D3:D4")
    if formula:
        sheet["F5"] = "=DATE(2028,1,31)"
    book.save(path)
    return path


def test_an_xlsx_list_on_its_sheet_with_merged_company_cells(workspace: Workspace, tmp_path: Path) -> None:
    """Rows 3 and 4 share the merged company cell D3:D4, so both are 株式会社かみテック's; the
    name カミスキャン is contained in both services' names: kamiscan fits two rows, which is a
    problem to settle, not a guess. --match kamiscan=C21-0101-1 settles it (row 3, place B3)."""
    path = make_xlsx(tmp_path / "ismap.xlsx")
    listing = read_list(path, shipped_layout("ismap"), sheet="一覧")
    assert listing.header_row == 2 and listing.sheet == "一覧"
    assert [(s.row, s.company) for s in listing.services] == [
        (3, "株式会社かみテック"),
        (4, "株式会社かみテック"),
        (5, "まちAI合同会社"),
    ]
    assert listing.column("number") is not None and listing.column("number").letter == "B"  # type: ignore[union-attr]
    assert listing.services[0].expires == date(2027, 3, 31)
    with pytest.raises(RegistryError) as error:
        ismap_import(workspace, path, sheet="一覧")
    (line,) = problems_of(error)
    assert line.startswith(
        "kamiscan: 2 rows fit: #3 C21-0101-1 カミスキャン クラウド (株式会社かみテック); #4 C25-0400-1"
    )
    assert "--match kamiscan=NUMBER" in line
    assert head(workspace) == 0
    ismap_import(workspace, path, sheet="一覧", chosen={"kamiscan": "C21-0101-1"})
    facts = recorded(workspace)
    assert facts["kamiscan"]["number"] == "C21-0101-1" and facts["kamiscan"]["page"] == "B3"
    assert facts["machi-ai"]["expires"] == "2028-01-31"


def test_an_xlsx_without_that_sheet_names_the_sheets_it_has(workspace: Workspace, tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "ismap.xlsx")
    with pytest.raises(RegistryError) as error:
        ismap_import(workspace, path, sheet="リスト")
    assert error.value.key == "registry.no_sheet"
    assert "no sheet 'リスト' (the workbook has '表紙', '一覧')" in error.value.message("en")


def test_a_formula_never_calculated_is_refused_by_its_cell(workspace: Workspace, tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "ismap.xlsx", formula=True)
    with pytest.raises(RegistryError) as error:
        ismap_import(workspace, path, sheet="一覧", chosen={"kamiscan": "C21-0101-1"})
    (line,) = problems_of(error)
    assert "(F5)" in line and "=DATE(2028,1,31)" in line


# --- matching the plan's tools ----------------------------------------------------------------


def test_absent_means_no_will_not_say_no_for_a_company_with_other_rows(workspace: Workspace) -> None:
    """yomitoru's maker has row 5: whether that registration covers よみとるクラウド is the user's call."""
    with pytest.raises(RegistryError) as error:
        ismap_import(workspace, absent_means_no=True)
    (line,) = problems_of(error)
    assert line.startswith("yomitoru: not in the list under its name, but its company has 1 row(s): #5 C22-0150-2")
    assert head(workspace) == 0
    ismap_import(workspace, absent_means_no=True, chosen={"yomitoru": "-"})
    facts = recorded(workspace)
    assert facts["yomitoru"]["value"] is False and facts["hanko"]["value"] is False
    assert facts["kamiscan"]["value"] is True


def test_match_names_the_row_and_an_unknown_number_is_refused(workspace: Workspace) -> None:
    ismap_import(workspace, chosen={"yomitoru": "c22-0150-2"})  # numbers compare without case or width
    assert recorded(workspace)["yomitoru"]["number"] == "C22-0150-2"
    with pytest.raises(RegistryError) as error:
        ismap_import(workspace, chosen={"hanko": "C99-9999-9"})
    (line,) = problems_of(error)
    assert (
        line == "hanko: --match names number 'C99-9999-9', which no row has (the list's numbers read like C21-0101-1)"
    )


def test_match_and_skip_name_plan_tools(workspace: Workspace) -> None:
    with pytest.raises(RegistryError) as error:
        ismap_import(workspace, chosen={"nosuch": "C21-0101-1"})
    assert error.value.key == "registry.unknown_tool"
    with pytest.raises(RegistryError) as error:
        ismap_import(workspace, chosen={"kamiscan": "C21-0101-1"}, skipped={"kamiscan"})
    assert error.value.key == "registry.match_and_skip"
    ismap_import(workspace, skipped={"kamiscan"})
    assert sorted(recorded(workspace)) == ["machi-ai"]


def test_a_matched_row_whose_remarks_put_it_in_doubt(workspace: Workspace, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "list.csv",
        "登録番号,クラウドサービスの名称,クラウドサービス事業者,備考\n"
        "C21-0101-1,カミスキャン クラウド,株式会社かみテック,2026年10月1日 登録取消\n"
        "C23-0203-1,まちAIアシスタント,まちAI合同会社,2025年4月 登録内容の変更\n",
    )
    with pytest.raises(RegistryError) as error:
        ismap_import(workspace, path)
    (line,) = problems_of(error)
    assert line.startswith("kamiscan: row 2, column '備考' reads '2026年10月1日 登録取消' (取消)")
    assert "--skip kamiscan" in line
    ismap_import(workspace, path, skipped={"kamiscan"})
    assert sorted(recorded(workspace)) == ["machi-ai"]


def test_company_aliases_of_the_plan_count(tmp_path: Path) -> None:
    """The plan says グーグル合同会社 and Google LLC are one company; the list writes the latter."""
    root = tmp_path / "ws"
    root.mkdir()
    plan = PLAN + '\n[fairness]\naliases = [["グーグル合同会社", "Google LLC"]]\n'
    plan = plan.replace('vendor = "まちAI合同会社"', 'vendor = "グーグル合同会社"')
    (root / "toolbench.toml").write_text(plan, encoding="utf-8")
    path = write_csv(
        tmp_path / "list.csv",
        "登録番号,クラウドサービスの名称,クラウドサービス事業者\nC23-0203-1,まちAIアシスタント,Google LLC\n",
    )
    with Workspace.start_ledger(root) as workspace:
        ismap_import(workspace, path)
        assert recorded(workspace)["machi-ai"]["number"] == "C23-0203-1"
    (root / "toolbench.toml").write_text(plan.split("\n[fairness]")[0], encoding="utf-8")  # the aliases left out
    with Workspace.open(root) as workspace:
        with pytest.raises(RegistryError) as error:
            ismap_import(workspace, path, absent_means_no=True, as_of=date(2026, 11, 21))
        (line,) = problems_of(error)
        assert line.startswith(
            "machi-ai: not in the list under its vendor or maker, but 1 row(s) of another company carry its name: "
            "#2 C23-0203-1 まちAIアシスタント (Google LLC)"
        )


# --- layouts ------------------------------------------------------------------------------------


def test_a_layout_file_extends_a_shipped_one(workspace: Workspace, tmp_path: Path) -> None:
    """A list whose numbers read ISMAP-21-101: the file names the heading and drops the pattern."""
    layout = tmp_path / "pref-ismap.toml"
    layout.write_text(
        'extends = "ismap"\n\n[list]\nnumber_pattern = ""\nheader_row = 2\n\n[columns]\nnumber = "番号（ISMAP）"\n',
        encoding="utf-8",
    )
    path = write_csv(
        tmp_path / "list.csv",
        "県の写し,,\n番号（ISMAP）,クラウドサービスの名称,クラウドサービス事業者\n"
        "ISMAP-21-101,カミスキャン クラウド,株式会社かみテック\n",
    )
    loaded = load_layout(layout)
    assert loaded.name == "pref-ismap" and loaded.key == "ismap" and loaded.info.source == ISMAP_URL
    import_list(workspace, loaded, path, as_of=SEEN, actor="x", now=NOW)
    fact = recorded(workspace)["kamiscan"]
    assert fact["number"] == "ISMAP-21-101" and fact["origin"] == "registry:pref-ismap:list.csv"


def test_every_problem_of_a_layout_file_is_named_with_its_line(tmp_path: Path) -> None:
    layout = tmp_path / "bad.toml"
    layout.write_text(
        '[list]\nkey = "data-location"\nnumber_pattern = "C(\\\\d"\n\n[columns]\nservice = "サービス名"\nnumbr = "番号"\n',
        encoding="utf-8",
    )
    with pytest.raises(RegistryError) as error:
        load_layout(layout)
    lines = problems_of(error)
    assert len(lines) == 1 and "bad.toml:7: columns.numbr" in lines[0]  # unknown keys first stop the rest
    layout.write_text(
        '[list]\nkey = "data-location"\nnumber_pattern = "C(\\\\d"\n\n[columns]\nservice = "サービス名"\n',
        encoding="utf-8",
    )
    with pytest.raises(RegistryError) as error:
        load_layout(layout)
    lines = problems_of(error)
    assert [line.split(": ")[0] + ": " + line.split(": ")[1] for line in lines] == [
        f"{layout}:2: list.key",
        f"{layout}:3: list.number_pattern",
        f"{layout}:5: columns.number",
    ]
    assert "'data-location' is not a fact a registry's list gives; use one of: ismap, ismap-liu" in lines[0]


def test_an_unknown_layout_names_the_shipped_ones() -> None:
    with pytest.raises(RegistryError) as error:
        layout_named("ismapp")
    assert error.value.message("en").startswith(
        "no layout 'ismapp': use a shipped one (ismap, ismap-liu, aspic, lgwan-asp)"
    )


@pytest.mark.parametrize("name", sorted(SHIPPED_LAYOUTS))
def test_every_shipped_layout_is_valid_and_quoted_in_the_docs(name: str) -> None:
    layout = shipped_layout(name)
    assert layout.required == {"service", "number"}
    docs = (Path(__file__).parents[1] / "docs" / "registries.md").read_text(encoding="utf-8")
    assert SHIPPED_LAYOUTS[name] in docs, f"docs/registries.md does not quote the {name} layout as shipped"


def test_the_layout_file_the_docs_show_is_valid(tmp_path: Path) -> None:
    """The example under "Layout files" in docs/registries.md, read as a user's layout file would be."""
    docs = (Path(__file__).parents[1] / "docs" / "registries.md").read_text(encoding="utf-8")
    section = docs.split("## Layout files", 1)[1]
    example = section.split("```toml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "pref-aspic.toml"
    path.write_text(example, encoding="utf-8")
    layout = load_layout(path)
    assert layout.key == "aspic" and layout.expiry is not None and layout.expiry.days == -1
    assert layout.required == {"service", "number", "company", "registered", "disclosed", "remarks"}
    pattern = re.compile(layout.info.number_pattern or "")
    assert pattern.fullmatch("0123-2104") and pattern.fullmatch("IP00452305")


# --- the day it was seen ------------------------------------------------------------------------


def test_a_file_needs_the_day_it_was_downloaded(workspace: Workspace) -> None:
    with pytest.raises(RegistryError) as error:
        ismap_import(workspace, as_of=None)
    assert error.value.key == "registry.needs_as_of"
    with pytest.raises(RegistryError) as error:
        ismap_import(workspace, as_of=date(2026, 11, 25))  # NOW is 2026-11-24 in Japan
    assert error.value.key == "registry.as_of_future"
    ismap_import(workspace, as_of=date(2026, 11, 24))
    assert head(workspace) == 2


def test_an_older_download_after_a_newer_one_is_a_correction(workspace: Workspace) -> None:
    """Seen 2026-11-20, then a list seen 2026-11-01 saying the same: older, so it needs --reason."""
    ismap_import(workspace)
    with pytest.raises(FactRowsError):
        ismap_import(workspace, as_of=date(2026, 11, 1))
    ismap_import(workspace, as_of=date(2026, 11, 1), reason="the November list was the one the committee saw")
    assert recorded(workspace)["kamiscan"]["as_of"] == "2026-11-01"


# --- fetching over HTTPS -------------------------------------------------------------------------


def fetch(workspace: Workspace, download: Download, **options: object) -> object:
    options.setdefault("actor", "secretariat")
    options.setdefault("now", NOW)
    return import_list(workspace, shipped_layout("ismap"), None, download=download, sheet="一覧", **options)  # type: ignore[arg-type]


def test_a_list_fetched_over_https_is_seen_today_and_cites_its_url(
    workspace: Workspace, https: CatalogServer, ca_pem: Path, tmp_path: Path
) -> None:
    """The address has no suffix: the body's zip signature says it is a workbook. Seen on
    NOW's date in Japan (2026-11-24); the source is the URL given."""
    body = make_xlsx(tmp_path / "ismap.xlsx").read_bytes()
    url = https.route("/csm/list", body)
    result = fetch(workspace, Download(url, ca_bundle=ca_pem), chosen={"kamiscan": "C21-0101-1"})
    assert result.listing.file == "list.xlsx"  # type: ignore[attr-defined]
    fact = recorded(workspace)["kamiscan"]
    assert fact["source"] == url and fact["as_of"] == "2026-11-24"
    assert fact["origin"] == "registry:ismap:list.xlsx"


def test_a_pinned_download_that_changed_is_refused(
    workspace: Workspace, https: CatalogServer, ca_pem: Path, tmp_path: Path
) -> None:
    url = https.route("/list.xlsx", make_xlsx(tmp_path / "ismap.xlsx").read_bytes())
    with pytest.raises(RegistryError) as error:
        fetch(workspace, Download(url, ca_bundle=ca_pem, sha256="0" * 64))
    assert error.value.key == "registry.checksum"
    with pytest.raises(RegistryError) as error:
        fetch(workspace, Download(url, ca_bundle=ca_pem, sha256="abc"))
    assert error.value.key == "registry.bad_pin"
    assert head(workspace) == 0


def test_the_pull_rules_hold_for_a_list(
    workspace: Workspace, https: CatalogServer, http: CatalogServer, ca_pem: Path, tmp_path: Path
) -> None:
    """Certificates are checked, plain HTTP refused unless asked for, the size capped, an --as-of refused."""
    body = make_xlsx(tmp_path / "ismap.xlsx").read_bytes()
    url = https.route("/list.xlsx", body)
    with pytest.raises(RegistryError) as error:
        fetch(workspace, Download(url))  # the throw-away CA is not trusted by default
    assert error.value.key == "registry.fetch.certificate"
    with pytest.raises(RegistryError) as error:
        fetch(workspace, Download(url, ca_bundle=ca_pem, max_bytes=100))
    assert error.value.key == "registry.fetch.too_big"
    with pytest.raises(RegistryError) as error:
        fetch(workspace, Download(url, ca_bundle=ca_pem), as_of=date(2026, 11, 20))
    assert error.value.key == "registry.as_of_with_url"
    with pytest.raises(RegistryError) as error:
        fetch(workspace, Download(url, ca_bundle=ca_pem), source="https://elsewhere.example.jp/")
    assert error.value.key == "registry.source_with_url"
    plain = http.route("/list.xlsx", body)
    with pytest.raises(RegistryError) as error:
        fetch(workspace, Download(plain))
    assert error.value.key == "registry.fetch.http_refused"
    assert "use the list's https:// address, or --allow-http" in error.value.message("en")
    assert head(workspace) == 0
    fetch(workspace, Download(plain, allow_http=True), chosen={"kamiscan": "C21-0101-1"})
    assert recorded(workspace)["kamiscan"]["source"] == plain


# --- the command ------------------------------------------------------------------------------


@pytest.fixture()
def attached() -> None:
    """`toolbench fact import` is the registry command, in the `fact` group."""
    from toolbench.cli.facts import fact
    from toolbench.cli.registry import fact_import

    assert fact.commands["import"] is fact_import


@pytest.mark.usefixtures("attached")
def test_the_command_says_which_column_each_field_came_from(workspace: Workspace, run: Callable[..., Result]) -> None:
    root = str(workspace.root)
    sample = str(DATA / "ismap-sample.csv")
    result = run(
        "-C", root, "--lang", "ja", "fact", "import", sample, "--layout", "ismap", "--as-of", "2026-11-20", "--dry-run"
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "ISMAP クラウドサービスリスト（レイアウト ismap）: ismap-sample.csv、見出し 3 行目、4 件" in out
    assert "  サービス名 ← C 列「クラウドサービスの名称」" in out
    assert "  登録・認定番号 ← B 列「登録番号」" in out
    assert "  状態 ← ファイルにありません" in out
    assert "  8 行目: 注記（※ など）のため読み込みません" in out
    assert "出典: https://www.ismap.go.jp/csm?id=cloud_service_list（2026-11-20 時点）" in out
    assert "カミスキャン（kamiscan）: 4 行目 C21-0101-1「カミスキャン クラウド」（株式会社かみテック）" in out
    assert "→ ISMAP 登録: あり、有効期限 2027-03-31" in out
    assert (
        "同じ事業者の行: #5 C22-0150-2 文字研究所 AI-OCR 基盤（(株)文字研究所）。いずれかが該当する場合は --match yomitoru=番号"
        in out
    )
    assert "確認のみ: 記録される事実 2 件、記録済み 0 件。何も記録していません。" in out
    assert head(workspace) == 0
    result = run("-C", root, "--lang", "en", "fact", "import", sample, "--layout", "ismap", "--as-of", "R8.11.20")
    assert result.exit_code == 0, result.output
    assert "Recorded 2 fact(s) (#1-2); 0 already recorded." in result.stdout
    result = run("-C", root, "--lang", "en", "fact", "import", sample, "--layout", "ismap", "--as-of", "2026-11-20")
    assert "KamiScan (kamiscan): row 4, C21-0101-1 'カミスキャン クラウド' (株式会社かみテック)" in result.stdout
    assert (
        "(already recorded)" in result.stdout and "Nothing new to record; 2 fact(s) already recorded." in result.stdout
    )


@pytest.mark.usefixtures("attached")
def test_the_command_refuses_in_one_message_and_exits_1(workspace: Workspace, run: Callable[..., Result]) -> None:
    root = str(workspace.root)
    result = run(
        "-C",
        root,
        "--lang",
        "en",
        "fact",
        "import",
        str(DATA / "ismap-problems.csv"),
        "--layout",
        "ismap",
        "--as-of",
        "2026-11-20",
    )
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("toolbench: ismap-problems.csv: 8 problem(s) in the list; nothing was recorded.")
    assert "Traceback" not in result.output
    result = run("-C", root, "fact", "import", str(DATA / "ismap-sample.csv"), "--layout", "ismap")
    assert result.exit_code == 1 and "--as-of" in result.stderr
    result = run(
        "-C",
        root,
        "--lang",
        "en",
        "fact",
        "import",
        str(DATA / "ismap-sample.csv"),
        "--layout",
        "ismap",
        "--as-of",
        "2026-11-20",
        "--match",
        "kamiscan",
    )
    assert result.exit_code == 2 and "TOOL=NUMBER" in result.stderr
    result = run(
        "-C", root, "fact", "import", str(DATA / "ismap-sample.csv"), "--layout", "ismap", "--sha256", "0" * 64
    )
    assert result.exit_code == 2 and "--url" in result.stderr
    ismap_import(workspace)
    result = run(
        "-C",
        root,
        "--lang",
        "en",
        "fact",
        "import",
        str(DATA / "ismap-sample.csv"),
        "--layout",
        "ismap",
        "--as-of",
        "2026-11-01",
    )
    assert result.exit_code == 1
    assert "2 fact(s) cannot be recorded; nothing was recorded:" in result.stderr and "needs --reason" in result.stderr


@pytest.mark.usefixtures("attached")
def test_while_blind_the_command_names_labels_and_no_rows(workspace: Workspace, run: Callable[..., Result]) -> None:
    workspace.blind(actor="secretariat", seed=7)
    labels = workspace.blind_labels() or {}
    result = run(
        "-C",
        str(workspace.root),
        "--lang",
        "ja",
        "fact",
        "import",
        str(DATA / "ismap-sample.csv"),
        "--layout",
        "ismap",
        "--as-of",
        "2026-11-20",
        "--dry-run",
    )
    assert result.exit_code == 0, result.output
    assert f"  {labels['kamiscan']}: 4 行目 → ISMAP 登録: あり、有効期限 2027-03-31" in result.stdout
    for secret in ("カミスキャン", "kamiscan", "文字研究所", "yomitoru"):
        assert secret not in result.stdout.split("候補:")[1]


@pytest.mark.usefixtures("attached")
def test_the_command_has_japanese_help_for_every_option(workspace: Workspace) -> None:
    from click.testing import CliRunner
    from test_help_ja import _english_words

    from toolbench.cli import cli
    from toolbench.cli._help import param_help

    result = CliRunner().invoke(cli, ["--lang", "ja", "fact", "import", "--help"], prog_name="toolbench")
    assert result.exit_code == 0 and "例:" in result.output and "使い方:" in result.output
    body = "\n".join(line.split("  ", 2)[-1] if line.startswith("  -") else line for line in result.output.splitlines())
    assert not _english_words(body), result.output
    parent = click.Context(cli, info_name="toolbench")
    group = click.Context(cli.get_command(parent, "fact"), parent=parent, info_name="fact")  # type: ignore[arg-type]
    command = group.command.get_command(group, "import")  # type: ignore[attr-defined]
    ctx = click.Context(command, parent=group, info_name="import")
    for param in command.get_params(ctx):
        if isinstance(param, click.Option) and param.opts[0] in ("--help", "-h"):
            continue
        ja, en = param_help(ctx, param, "ja"), param_help(ctx, param, "en")
        assert ja and en and ja != en, param.name
    max_bytes = next(p for p in command.get_params(ctx) if p.name == "max_bytes")
    assert max_bytes.default == DEFAULT_MAX_BYTES
    english = CliRunner().invoke(cli, ["--lang", "en", "fact", "import", "--help"], prog_name="toolbench")
    assert "Example" in english.output
