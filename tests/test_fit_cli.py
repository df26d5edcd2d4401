"""`toolbench fit`: template, import, verify, list and report through the command line.

Exit codes, stdout and stderr are checked apart; every confirmation is one line naming
the events recorded, every refusal one line (an import with several bad rows: a header
and one line per row) with exit code 1 and nothing recorded. Japanese output carries
no English word beyond ids, file names and option names.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result
from openpyxl import load_workbook

from tests.test_fit_import import FIT_PLAN, GOOD, IDS, make_workspace
from toolbench import Workspace


@pytest.fixture()
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = make_workspace(tmp_path / "fit")
    yield workspace
    workspace.close()


@pytest.fixture()
def fit(run: Callable[..., Result], ws: Workspace) -> Callable[..., Result]:
    """`fit(*args, lang="ja")`: `toolbench --lang LANG -C WS fit ARGS` as the 事務局 (actor jimukyoku)."""

    def invoke(*args: str, lang: str = "ja") -> Result:
        return run("--lang", lang, "-C", str(ws.root), "fit", *args, env={"TOOLBENCH_ACTOR": "jimukyoku"})

    return invoke


def events(ws: Workspace) -> int:
    return len(list(ws.ledger.events()))


def english_words(text: str, allowed: set[str] = frozenset()) -> set[str]:  # type: ignore[assignment]
    """Latin words in a Japanese line, beside ids, file names, option and command names."""
    text = re.sub(r"`[^`]*`|--[\w-]+|\S+\.(xlsx|csv)\b", "", text)
    words = set(re.findall(r"[A-Za-z][A-Za-z0-9_-]*", text))
    return words - {"toolbench", "kamiscan", "yomitoru", "ID", "CSV", "E", "F", "A", "B", "C"} - allowed


def filled(ws: Workspace, fit: Callable[..., Result], tmp_path: Path, cells: dict[str, str | None]) -> Path:
    blank = tmp_path / "blank.xlsx"
    if not blank.exists():
        result = fit("template", "kamiscan", "-o", str(blank))
        assert result.exit_code == 0, result.output
    book = load_workbook(blank)
    for name, value in cells.items():
        book.active[name] = value
    target = tmp_path / f"kamiscan-{len(list(tmp_path.glob('kamiscan-*.xlsx')))}.xlsx"
    book.save(target)
    return target


# --- template -----------------------------------------------------------------------------------


def test_template_as_xlsx_and_csv(fit: Callable[..., Result], tmp_path: Path) -> None:
    result = fit("template", "kamiscan", "-o", str(tmp_path / "k.xlsx"))
    assert result.exit_code == 0 and result.stdout == "" and "k.xlsx" in result.stderr
    assert load_workbook(tmp_path / "k.xlsx").active["B5"].value == "toolbench.fit/1"
    shown = fit("template", "kamiscan")  # CSV on the terminal
    assert shown.exit_code == 0 and shown.stdout_bytes.startswith(b"\xef\xbb\xbf")
    assert "要件ID,区分,要件,優先度,回答,備考" in shown.stdout
    english = fit("template", "yomitoru", "--format", "csv", lang="en")
    assert "Requirement ID,Category,Requirement,Priority,Answer,Remarks" in english.stdout


def test_template_refusals(fit: Callable[..., Result], tmp_path: Path) -> None:
    assert fit("template", "kamiscan", "--format", "xlsx").exit_code == 2  # a workbook needs -o
    unknown = fit("template", "nosuch", "-o", str(tmp_path / "x.xlsx"))
    assert unknown.exit_code == 1 and unknown.stdout == "" and len(unknown.stderr.splitlines()) == 1
    assert "提案者 'nosuch' はありません" in unknown.stderr and not (tmp_path / "x.xlsx").exists()
    cp932 = fit("template", "kamiscan", "-o", str(tmp_path / "x.csv"), "--encoding", "cp932")
    assert cp932.exit_code == 1 and "C13" in cp932.stderr and not (tmp_path / "x.csv").exists()


# --- import -------------------------------------------------------------------------------------


def test_import_confirms_with_event_numbers_and_again_records_nothing(
    fit: Callable[..., Result], ws: Workspace, tmp_path: Path
) -> None:
    source = filled(ws, fit, tmp_path, GOOD)
    dry = fit("import", "kamiscan", str(source), "--dry-run")
    assert dry.exit_code == 0 and events(ws) == 0
    assert dry.stdout.strip() == (
        f"{source.name}: カミスキャン契約（kamiscan） の回答のうち記録するもの 5 件（うち変更 0 件）、記録済み 0 件。"
        "ドライランのため何も記録していません"
    )
    done = fit("import", "kamiscan", str(source))
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == (
        f"{source.name}: カミスキャン契約（kamiscan） の回答 5 件を記録しました（イベント 1～5）。記録済み 0 件"
    )
    assert done.stderr == "" and events(ws) == 5
    again = fit("import", "kamiscan", str(source))
    assert again.exit_code == 0 and events(ws) == 5
    assert "5 件はすべて記録済みです。何も記録していません" in again.stdout
    for line in (dry.stdout, done.stdout, again.stdout):
        assert not english_words(line), line
    english = fit("import", "kamiscan", str(source), lang="en")
    assert "all 5 answer(s) of カミスキャン契約 (kamiscan) are already recorded" in english.stdout


def test_import_with_bad_rows_names_each_and_records_nothing(
    fit: Callable[..., Result], ws: Workspace, tmp_path: Path
) -> None:
    bad = filled(ws, fit, tmp_path, {**GOOD, "E11": "はい", "F12": None, "A15": "9-99", "B4": "yomitoru"})
    result = fit("import", "kamiscan", str(bad))
    assert result.exit_code == 1 and result.stdout == "" and events(ws) == 0
    lines = result.stderr.splitlines()
    assert lines[0] == f"toolbench: {bad.name}（kamiscan）: 5 件の問題があるため、何も記録していません:"
    assert [line.split("（")[0].strip() for line in lines[1:]] == [
        "4 行目 B 列",
        "11 行目 E 列",
        "12 行目 F 列",
        "15 行目 A 列",
        "A 列",
    ]
    for line in lines:
        assert not english_words(line), line


def test_a_changed_answer_needs_reason(fit: Callable[..., Result], ws: Workspace, tmp_path: Path) -> None:
    assert fit("import", "kamiscan", str(filled(ws, fit, tmp_path, GOOD))).exit_code == 0
    changed = filled(ws, fit, tmp_path, {**GOOD, "E13": "○", "E11": "×"})
    refused = fit("import", "kamiscan", str(changed))
    assert refused.exit_code == 1 and refused.stdout == "" and events(ws) == 5
    assert "11 行目 E 列（回答）: 要件 1-01: 回答が ○ から × に変わります（イベント 1）" in refused.stderr
    assert "13 行目 E 列（回答）: 要件 2-01: 回答が × から ○ に変わります（イベント 3）" in refused.stderr
    assert not english_words(refused.stderr)
    done = fit("import", "kamiscan", str(changed), "--reason", "5月10日付けの訂正回答")
    assert done.exit_code == 0 and events(ws) == 7
    assert done.stdout.strip().endswith(
        "の回答 2 件を記録しました（イベント 6～7）。うち変更 2 件、記録済み 3 件。理由: 5月10日付けの訂正回答"
    )


def test_import_of_a_cp932_csv(fit: Callable[..., Result], ws: Workspace, tmp_path: Path) -> None:
    """A CSV template filled in and saved by Japanese Excel (CP932) is read without --encoding."""
    rows = list(csv.reader(io.StringIO(fit("template", "kamiscan").stdout.lstrip("\ufeff"))))
    marks = dict(zip(IDS, ("○", "×", "○", "－", "×"), strict=True))
    for row in rows:
        if row and row[0] in marks:
            row[4] = marks[row[0]]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    saved = tmp_path / "kamiscan-sjis.csv"
    saved.write_bytes(out.getvalue().encode("cp932"))
    result = fit("import", "kamiscan", str(saved))
    assert result.exit_code == 0, result.output
    assert "回答 5 件を記録しました（イベント 1～5）" in result.stdout


# --- verify -------------------------------------------------------------------------------------


def test_verify_accept_downgrade_query_and_refusals(fit: Callable[..., Result], ws: Workspace, tmp_path: Path) -> None:
    assert fit("import", "kamiscan", str(filled(ws, fit, tmp_path, GOOD))).exit_code == 0
    accepted = fit("verify", "kamiscan", "1-02", "承認")
    assert accepted.exit_code == 0 and accepted.stderr == ""
    assert accepted.stdout.strip() == "カミスキャン契約（kamiscan） の要件 1-02 の回答 △ を承認しました（イベント 6）"
    down = fit("verify", "kamiscan", "1-01", "downgrade", "--reason", "当事者型は別契約の追加機能")
    assert down.stdout.strip() == (
        "カミスキャン契約（kamiscan） の要件 1-01 の回答を ○ から △ に格下げしました（イベント 7）。"
        "理由: 当事者型は別契約の追加機能"
    )
    query = fit("verify", "kamiscan", "2026-04", "照会", "--reason", "出力項目の一覧を確認")
    assert query.exit_code == 0 and "回答 ○ を照会しました（イベント 8）。確認待ちのままです" in query.stdout
    for result in (accepted, down, query):
        assert not english_words(result.stdout), result.stdout
    assert events(ws) == 8
    refusals = {
        ("2-01", "downgrade", "--reason", "x"): "回答 × は格下げできません",  # × cannot go lower
        ("1-02", "query"): "照会には理由（--reason）が必要です",
        ("9-99", "accept"): "要件 9-99 は計画の要件一覧にありません",
        ("1-02", "accept"): "同じ内容で確認済みです（イベント 6）",
    }
    for args, words in refusals.items():
        result = fit("verify", "kamiscan", *args)
        assert result.exit_code == 1 and result.stdout == "", result.output
        assert len(result.stderr.splitlines()) == 1 and words in result.stderr, result.stderr
        assert not english_words(result.stderr, {"yomitoru"}), result.stderr
    unanswered = fit("verify", "yomitoru", "1-01", "accept")
    assert unanswered.exit_code == 1 and "yomitoru は要件 1-01 に回答していません" in unanswered.stderr
    assert fit("verify", "kamiscan", "1-01", "approve").exit_code == 2
    assert events(ws) == 8
    english = fit("verify", "kamiscan", "2-01", "accept", lang="en")
    assert english.stdout.strip() == "accepted カミスキャン契約 (kamiscan)'s answer × to requirement 2-01 (event 9)"
    # a − the 事務局 finds applies after all is rejected: it counts as ×
    rejected = fit("verify", "kamiscan", "02", "格下げ", "--reason", "本市では適用される")
    assert rejected.exit_code == 0 and "回答を － から × に格下げしました（イベント 10）" in rejected.stdout


# --- list and report ----------------------------------------------------------------------------


def test_list_requirements_and_one_proposers_answers(fit: Callable[..., Result], ws: Workspace, tmp_path: Path) -> None:
    listed = fit("list", "--format", "csv")
    assert listed.exit_code == 0
    assert all(requirement in listed.stdout for requirement in IDS) and "必須" in listed.stdout
    assert fit("import", "kamiscan", str(filled(ws, fit, tmp_path, GOOD))).exit_code == 0
    assert fit("verify", "kamiscan", "1-02", "accept").exit_code == 0
    assert fit("verify", "kamiscan", "1-01", "downgrade", "--reason", "別契約").exit_code == 0
    answers = fit("list", "kamiscan", "--format", "csv")
    assert answers.exit_code == 0, answers.output
    rows = {line.split(",")[0]: line.split(",") for line in answers.stdout.splitlines() if line.split(",")[0] in IDS}
    assert rows["1-01"][3:8] == ["○", "", "△", "格下げ", "0"]
    assert rows["1-02"][5:8] == ["△", "承認", "0"]
    assert rows["2-01"][5:7] == ["×", "未確認"]
    assert rows["1-01"][8] == "1 / 7"
    table = fit("list", "kamiscan")
    assert table.exit_code == 0 and "格下げ" in table.stdout and "確認待ち" in table.stdout
    assert fit("list", "nosuch").exit_code == 1


def test_report_shows_the_comparison(fit: Callable[..., Result], ws: Workspace, tmp_path: Path) -> None:
    assert fit("import", "kamiscan", str(filled(ws, fit, tmp_path, GOOD))).exit_code == 0
    shown = fit("report", "--format", "markdown")
    assert shown.exit_code == 0, shown.output
    assert "1-01" in shown.stdout and "カミスキャン契約" in shown.stdout
    written = fit("report", "-o", str(tmp_path / "fit.xlsx"))
    assert written.exit_code == 0 and (tmp_path / "fit.xlsx").exists()
    no_stages = fit("report", "--stage", "docs")
    assert no_stages.exit_code == 1 and len(no_stages.stderr.splitlines()) == 1


STAGED = FIT_PLAN.replace(
    '[[criteria]]\nid = "fit"',
    '[[criteria]]\nid = "demo"\nname = "デモンストレーション"\ngroup = "pres"\nscale = "five"\npoints = 50\n\n'
    '[[criteria]]\nid = "fit"',
).replace(
    'fn = { ja = "機能", en = "Function" }\n',
    'fn = { ja = "機能", en = "Function" }\npres = "プレゼンテーション"\n\n'
    '[scales.five]\nratios = { "5" = 1.0, "4" = 0.75, "3" = 0.5, "2" = 0.25, "1" = 0.0 }\n',
) + (
    '\n[[stages]]\nid = "docs"\nname = "一次審査"\ngroups = ["fn"]\n\n'
    '[[stages]]\nid = "pres"\nname = "二次審査"\ngroups = ["pres"]\n'
)


def test_report_of_a_staged_plan_shows_the_stage(run: Callable[..., Result], tmp_path: Path) -> None:
    workspace = make_workspace(tmp_path / "staged", STAGED)
    try:
        blank = tmp_path / "blank.xlsx"
        root = str(workspace.root)
        assert run("--lang", "ja", "-C", root, "fit", "template", "kamiscan", "-o", str(blank)).exit_code == 0
        book = load_workbook(blank)
        for name, value in GOOD.items():
            book.active[name] = value
        book.save(tmp_path / "kamiscan.xlsx")
        assert run("-C", root, "stage", "open", "docs").exit_code == 0
        imported = run("--lang", "ja", "-C", root, "fit", "import", "kamiscan", str(tmp_path / "kamiscan.xlsx"))
        assert imported.exit_code == 0, imported.output
        docs = run("--lang", "ja", "-C", root, "fit", "report", "--stage", "docs", "--format", "markdown")
        assert docs.exit_code == 0, docs.output
        assert "1-01" in docs.stdout and "カミスキャン契約" in docs.stdout
        unknown = run("--lang", "ja", "-C", root, "fit", "report", "--stage", "nosuch")
        assert unknown.exit_code == 1 and len(unknown.stderr.splitlines()) == 1
    finally:
        workspace.close()


def test_while_blind_the_list_names_the_label_and_withholds_remarks(
    fit: Callable[..., Result], run: Callable[..., Result], ws: Workspace, tmp_path: Path
) -> None:
    assert fit("import", "kamiscan", str(filled(ws, fit, tmp_path, GOOD))).exit_code == 0
    assert run("-C", str(ws.root), "blind", "--seed", "7").exit_code == 0
    label = (ws.blind_labels() or {})["kamiscan"]
    shown = fit("list", label, "--format", "csv")
    assert shown.exit_code == 0, shown.output
    assert label in shown.stdout and "カミスキャン" not in shown.stdout
    assert "メール認証" not in shown.stdout and "匿名化中は表示しません" in shown.stdout
    assert fit("list", "kamiscan").exit_code == 1  # while blind a proposer is named by its label only


def test_a_file_written_under_another_plan_is_checked_against_the_current_list(
    fit: Callable[..., Result], ws: Workspace, tmp_path: Path
) -> None:
    source = filled(ws, fit, tmp_path, GOOD)
    plan = ws.root / "toolbench.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("電子契約サービス選定", "電子契約の選定"), encoding="utf-8"
    )
    result = fit("import", "kamiscan", str(source))
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"注意: {source.name} は計画 {ws.plan.hash[:12]} のときに書き出されたもので")
    assert "回答 5 件を記録しました" in result.stdout
