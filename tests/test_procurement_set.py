"""The procurement set as a city files it (issue 13): the 採点表 as a form, settings in words, the whole set.

On the demo: Ueda works for FormEye's reseller and is recused from FormEye, so every
FormEye cell of Ueda's 採点表 reads 除斥（利害関係） with the reason under the form;
LGWAN connectivity is a must-have, judged 適/否. The plan's settings are
lowest_ratio, missing = exclude, tie_break technical → price → lot and points from the
hearings; a Japanese document says each in Japanese.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import Result
from openpyxl import load_workbook
from test_html_xlsx import INJECTION_PLAN, make_workspace

from toolbench import Workspace
from toolbench.documents.procurement import metadata_table
from toolbench.documents.scoring_sheet import scoring_sheets
from toolbench.workspace.archive import verify_archive, write_archive
from toolbench.workspace.reports import COMPANIONS, FORMATS, build_report

NOW = datetime(2026, 5, 1, 9, 30, tzinfo=UTC)  # 18:30 in Japan
TOOLS_JA = ["帳票リーダーα", "カミスキャン", "フォームアイ"]
RECUSED_JA = "除斥（利害関係）"
SIGNATURE_JA = "評価者署名"
RAW_SETTINGS = ["exclude", "lowest_ratio", "technical", "lot", "hearings", "mean:", "half_up"]
SETTINGS_JA = [
    "評価者の比率の平均",
    "未採点は除外",
    "最低価格比方式",
    "税込価格で比較",
    "技術点 → 価格 → くじ",
    "ヒアリング由来の配点",
    "令和8年5月1日（2026年） 18:30（日本時間）",
    "日本語",
]


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def criteria_ja(demo: Workspace) -> list[str]:
    return [c.name.get("ja") for c in demo.evaluate().plan.judged_criteria()]


def html_part(page: str, ident: str) -> str:
    start = page.index(f'id="{ident}"')
    return page[start : page.index("</section>", start)]


@pytest.fixture()
def ja_report(demo: Workspace, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    build_report(demo, out, FORMATS, "ja", now=NOW)
    return out


# --- the 採点表 --------------------------------------------------------------------------


def test_scoring_sheet_xlsx_is_the_form(demo: Workspace, ja_report: Path) -> None:
    book = load_workbook(ja_report / "report.xlsx")
    sheet = book["採点表 上田 (Ueda)"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header_at = next(i for i, row in enumerate(rows) if row[0] == "評価項目")
    header = rows[header_at]
    assert header[:7] == ["評価項目", "配点", "評価の基準", *TOOLS_JA, "所見"]  # tools are the columns
    body = rows[header_at + 1 :]
    names = criteria_ja(demo)
    assert [row[0] for row in body[: len(names)]] == names  # criteria are the rows
    by_name = {row[0]: row for row in body}
    assert by_name["認識精度"][1] == 23 and by_name["職員の使いやすさ"][1] == 19  # 配点 from the hearings
    assert by_name["得点合計"][0] == "得点合計"
    formeye = header.index("フォームアイ")
    assert [by_name[n][formeye] for n in [*names, "得点合計"]] == [RECUSED_JA] * (len(names) + 1)
    assert by_name["LGWAN対応"][3:5] == ["適", "否"]
    texts = [str(v) for row in rows for v in row if v is not None]
    assert any("北斗通信株式会社" in t and "除斥" in t for t in texts)  # the reason, as a note
    assert any(t.startswith(SIGNATURE_JA) for t in texts)  # the signature and date line
    words = " ".join(texts)
    assert "pass" not in words and "fail" not in words and "未採点）" not in by_name["認識精度"]


def test_scoring_sheet_html_is_the_form(demo: Workspace, ja_report: Path) -> None:
    page = (ja_report / "report.html").read_text(encoding="utf-8")
    part = html_part(page, "scoring-ueda")
    headers = re.findall(r'<th scope="col">(.*?)</th>', part)
    assert headers == ["評価項目", "配点", "評価の基準", *TOOLS_JA, "所見"]
    names = criteria_ja(demo)
    for name in names:
        assert f"<td>{name}</td>" in part
    assert part.count(f"<td>{RECUSED_JA}</td>") == len(names) + 1  # every criterion and the total
    assert "<td>適</td>" in part and "<td>否</td>" in part
    assert "北斗通信株式会社" in part and f'<p class="closing">{SIGNATURE_JA}' in part
    assert "pass" not in part and "fail" not in part
    assert "<td>未採点</td>" not in part


def test_scoring_sheet_csv_is_the_form(demo: Workspace, ja_report: Path) -> None:
    rows = read_csv(ja_report / "scoring-sheet-ueda.csv")
    assert rows[0] == ["評価項目", "配点", "評価の基準", *TOOLS_JA, "所見"]
    names = criteria_ja(demo)
    body = rows[1 : len(names) + 2]
    assert [row[0] for row in body] == [*names, "得点合計"]
    assert {row[5] for row in body} == {RECUSED_JA}  # never blank, never 未採点
    lgwan = next(row for row in body if row[0] == "LGWAN対応")
    assert lgwan[3:5] == ["適", "否"]
    notes = [row[1] for row in rows[len(names) + 2 :] if len(row) > 1]
    assert any("北斗通信株式会社" in n for n in notes)
    assert any(n.startswith(SIGNATURE_JA) for n in notes)
    assert any(n.startswith("計画 ") and "台帳 #" in n for n in notes)  # filed alone, it names its anchor
    text = (ja_report / "scoring-sheet-ueda.csv").read_text(encoding="utf-8-sig")
    assert "pass" not in text and "fail" not in text
    # another evaluator scored FormEye: levels there, 所見 column present
    aoki = read_csv(ja_report / "scoring-sheet-aoki.csv")
    assert aoki[0][-1] == "所見" and RECUSED_JA not in "".join(aoki[0] + [c for r in aoki[1:8] for c in r])


def test_scoring_sheet_in_english(demo: Workspace) -> None:
    sheets = scoring_sheets(demo.evaluate(), "en")
    ueda = next(section for evaluator, section in sheets if evaluator.id == "ueda")
    assert ueda.table is not None
    assert ueda.table.headers[-1] == "Remarks" and ueda.table.headers[1] == "Points"
    assert {row[5] for row in ueda.table.rows} == {"recused (conflict of interest)"}
    lgwan = next(row for row in ueda.table.rows if row[0] == "LGWAN connectivity")
    assert lgwan[3:5] == ("met", "not met")
    assert ueda.closing and ueda.closing[0].startswith("Evaluator's signature")


def test_while_blind_no_recused_mark_names_a_label(demo: Workspace, tmp_path: Path) -> None:
    demo.blind(actor="chair", seed=2026, now=NOW)
    out = tmp_path / "blind"
    build_report(demo, out, ["csv"], "ja", now=NOW)
    text = (out / "scoring-sheet-ueda.csv").read_text(encoding="utf-8-sig")
    assert RECUSED_JA not in text  # a mark under one label's column would say which candidate it is
    assert "ブラインド評価中" in text and "フォームアイ" not in text and "北斗通信" not in text


# --- settings in the reader's language ----------------------------------------------------


def test_metadata_in_japanese_has_no_raw_setting(demo: Workspace, ja_report: Path) -> None:
    table = metadata_table(demo.evaluate(), "ja", now=NOW)
    values = {str(row[0]): str(row[1]) for row in table.rows}
    machine = {"計画のハッシュ（SHA-256）", "台帳の最新イベントのハッシュ", "作成日時（UTC）"}
    shown = " ".join(v for k, v in values.items() if k not in machine)
    for word in RAW_SETTINGS:
        assert word not in shown, word
    for words in SETTINGS_JA:
        assert words in shown, words
    assert values["作成日時（UTC）"] == "2026-05-01T09:30:00Z"  # kept as a line for machines
    book = load_workbook(ja_report / "report.xlsx")
    cells = [str(c.value) for row in book["作成情報"].iter_rows() for c in row if c.value is not None]
    sheet_text = " ".join(c for c in cells if c not in (values[k] for k in machine))
    for word in RAW_SETTINGS:
        assert word not in sheet_text, word
    for words in SETTINGS_JA:
        assert words in sheet_text, words
    page = (ja_report / "report.html").read_text(encoding="utf-8")
    provenance = html_part(page, "provenance")
    assert all(words in provenance for words in SETTINGS_JA)
    assert all(f"<td>{word}" not in provenance for word in RAW_SETTINGS)


def test_metadata_in_english_is_english(demo: Workspace) -> None:
    table = metadata_table(demo.evaluate(), "en", now=NOW)
    values = {str(row[0]): str(row[1]) for row in table.rows}
    assert values["Aggregation rule"] == "the mean of the evaluators' ratios"
    assert values["Missing scores"].startswith("a missing score is left out")
    assert values["Price family"].startswith("lowest-price ratio")
    assert values["Tie-break chain"] == "technical points → price → lot"
    assert values["Points from"] == "points derived from the hearings"
    assert values["Generated"] == "1 May 2026 18:30 (Japan time)"
    assert values["Language"] == "English"
    assert "lowest_ratio" not in " ".join(values.values()) and "最低価格比" not in " ".join(values.values())


# --- the whole set -----------------------------------------------------------------------


def test_report_writes_the_reports_the_parts_point_to(ja_report: Path) -> None:
    for name in COMPANIONS:  # the demo has hearings and trials: all five
        assert load_workbook(ja_report / f"{name}.xlsx").sheetnames, name
        page = (ja_report / f"{name}.html").read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>") and '<html lang="ja">' in page, name
        assert (ja_report / f"{name}.csv").read_bytes().startswith(b"\xef\xbb\xbf"), name
    assert "計画 " in (ja_report / "fairness.html").read_text(encoding="utf-8")  # with its anchor
    assert "令和8年5月1日（2026年）" in (ja_report / "weights.html").read_text(encoding="utf-8")


def test_without_hearings_or_trials_those_reports_are_left_out(tmp_path: Path) -> None:
    with make_workspace(tmp_path / "w", INJECTION_PLAN) as workspace:
        workspace.record_scores("evil", "e1", {"c1": "5", "c2": "4", "c3": "3"}, actor="t")
        written = build_report(workspace, tmp_path / "out", ["html"], "en", now=NOW)
    assert sorted(p.name for p in written) == ["fairness.html", "log.html", "report.html", "robustness.html"]


def test_robustness_in_the_set_is_deterministic(demo: Workspace, tmp_path: Path) -> None:
    first = build_report(demo, tmp_path / "a", ["csv"], "en", now=NOW)
    second = build_report(demo, tmp_path / "b", ["csv"], "en", now=NOW)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_cli_report_lists_the_new_files(demo: Workspace, tmp_path: Path, run: Callable[..., Result]) -> None:
    out = tmp_path / "out"
    result = run("--lang", "en", "-C", str(demo.root), "report", str(out), "--format", "csv")
    assert result.exit_code == 0, result.output
    listed = {Path(line.strip()).name for line in result.stdout.splitlines()[1:]}
    assert {f"{name}.csv" for name in COMPANIONS} <= listed


# --- the archive ---------------------------------------------------------------------------


def _rewrite_manifest(archive: Path) -> None:
    lines = []
    for line in (archive / "MANIFEST.sha256").read_text(encoding="utf-8").splitlines():
        name = line.split("  ", 1)[1]
        lines.append(f"{hashlib.sha256((archive / name).read_bytes()).hexdigest()}  {name}")
    (archive / "MANIFEST.sha256").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_archive_holds_and_verifies_every_report(demo: Workspace, tmp_path: Path) -> None:
    archive = tmp_path / "evidence"
    manifest = write_archive(demo, archive, "ja", now=NOW)
    names = {name for name, _ in manifest.files}
    for stem in COMPANIONS:
        for fmt in FORMATS:
            assert f"reports/procurement/{stem}.{fmt}" in names
    assert verify_archive(archive).ok
    results = json.loads((archive / "results.json").read_text(encoding="utf-8"))
    assert results["generated_at"] == "2026-05-01T09:30:00Z"


@pytest.mark.parametrize("name", ["weights.html", "robustness.csv", "log.xlsx", "trials.csv", "fairness.html"])
def test_an_edited_new_report_is_caught(demo: Workspace, tmp_path: Path, name: str) -> None:
    archive = tmp_path / "evidence"
    write_archive(demo, archive, "en", now=NOW)
    path = archive / "reports" / "procurement" / name
    if name.endswith(".xlsx"):
        book = load_workbook(path)
        book.worksheets[0]["A1"] = "edited"
        book.save(path)
    else:
        path.write_bytes(path.read_bytes().replace(b"</body>", b"<p>edited</p></body>") + b"edited\r\n")
    found = [(f.file, f.key) for f in verify_archive(archive).findings]
    assert found == [(f"reports/procurement/{name}", "archive.f.differs")]
    _rewrite_manifest(archive)  # the manifest rewritten to match: the re-rendering still names it
    found = [(f.file, f.key) for f in verify_archive(archive).findings]
    assert found == [(f"reports/procurement/{name}", "archive.f.report_differs")]


def test_cli_archive_then_verify(demo: Workspace, tmp_path: Path, run: Callable[..., Result]) -> None:
    archive = tmp_path / "evidence"
    written = run("--lang", "ja", "-C", str(demo.root), "archive", str(archive))
    assert written.exit_code == 0, written.output
    checked = run("--lang", "en", "archive", "verify", str(archive))
    assert checked.exit_code == 0, checked.output
    (archive / "reports" / "procurement" / "weights.csv").write_text("edited", encoding="utf-8")
    checked = run("--lang", "en", "archive", "verify", str(archive))
    assert checked.exit_code == 1 and "reports/procurement/weights.csv" in checked.stdout + checked.stderr
