"""While blind, nothing an evaluator can see names the tool behind a label (issue 12, "Blind mode leaks").

A blind demo (three tools with vendors and a maker, prices, trials, hearings, a
recusal, a corrected score, a consensus) is read through every read command in every
format and language; stdout, stderr and every written file (XLSX decoded with
openpyxl) must hold no tool id, tool name, vendor, maker, reseller or bid. Writes that
name a tool take its label only, and refuse anything else in the same words.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest
from click.testing import Result

from toolbench import Workspace, build_single_round_demo
from toolbench.base.i18n import LANGS, translate
from toolbench.methods.evaluation import evaluate
from toolbench.methods.locking import blind_mapping

SEED = 2026
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
FORMATS = ("table", "markdown", "csv", "json", "html", "xlsx")


@pytest.fixture()
def blind_demo(tmp_path: Path) -> Iterator[Workspace]:
    workspace = build_single_round_demo(tmp_path / "blind-demo")
    workspace.blind(actor="chair", seed=SEED, now=NOW)
    yield workspace
    workspace.close()


def labels_of(workspace: Workspace) -> dict[str, str]:
    return blind_mapping([t.id for t in workspace.plan.tools], SEED)


def secrets_of(workspace: Workspace) -> list[str]:
    """What names a tool: id, names, vendor, maker, resellers, and its bid as any report would print it."""
    found: list[str] = []
    for tool in workspace.plan.tools:
        found += [tool.id, tool.name.ja or "", tool.name.en or "", *tool.organisations()]
        if tool.price is not None:
            amount = int(tool.price.amount)
            found += [f"{amount:,}", str(amount)]
    return sorted({s for s in found if s})


def text_of(path: Path) -> str:
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path)
        parts: list[str] = []
        for sheet in book.worksheets:
            parts.append(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                parts += [str(v) for v in row if v is not None]
        return "\n".join(parts)
    return path.read_bytes().decode("utf-8-sig")


def leaks(text: str, secrets: list[str]) -> list[str]:
    return [s for s in secrets if s in text]


def test_the_fixture_can_leak(blind_demo: Workspace) -> None:
    """The check is not vacuous: the plan itself names every secret."""
    plan_text = (blind_demo.root / "toolbench.toml").read_text(encoding="utf-8")
    secrets = secrets_of(blind_demo)
    assert len(secrets) >= 12
    assert [s for s in secrets if s not in plan_text and "," not in s] == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_read_command_in_every_format_names_labels_only(
    blind_demo: Workspace, tmp_path: Path, run: Callable[..., Result], lang: str
) -> None:
    root = str(blind_demo.root)
    secrets = secrets_of(blind_demo)
    out = tmp_path / "out"
    out.mkdir()
    found: dict[str, list[str]] = {}
    ran = 0

    def check(name: str, *args: str, files: tuple[Path, ...] = (), ok: bool = True) -> str:
        nonlocal ran
        result = run("--lang", lang, "-C", root, *args)
        if ok:
            assert result.exit_code == 0, (name, result.output)
        else:
            assert result.exit_code in (0, 1), (name, result.output)
        text = result.stdout + "\n" + result.stderr
        for path in files:
            for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
                if file.is_file():
                    text += "\n" + text_of(file)
        ran += 1
        if hits := leaks(text, secrets):
            found[name] = hits
        return text

    for command in (("matrix",), ("log",), ("trials",), ("fairness",), ("weights",), ("robustness",)):
        for fmt in FORMATS:
            name = f"{' '.join(command)} {fmt}"
            ok = command != ("robustness",)  # prices are sealed while blind: robustness may refuse, in words
            if fmt == "xlsx":
                path = out / f"{command[0]}.xlsx"
                check(name, *command, "--format", fmt, "-o", str(path), files=(path,), ok=ok)
            else:
                check(name, *command, "--format", fmt, ok=ok)
                path = out / f"{command[0]}-{fmt}.out"
                check(name + " -o", *command, "--format", fmt, "-o", str(path), files=(path,), ok=ok)
    for label in sorted(labels_of(blind_demo).values()):
        check(f"trial show {label}", "trial", "show", label)
        check(f"log --tool {label}", "log", "--tool", label, "--format", "json")
    check("matrix --without ueda", "matrix", "--without", "ueda")
    check("coi list", "coi", "list")
    check("hearing list", "hearing", "list")
    for evaluator in ("aoki", "ishii", "ueda"):
        for suffix in ("xlsx", "csv"):
            path = out / f"sheet-{evaluator}.{suffix}"
            check(f"sheet {evaluator} {suffix}", "sheet", "export", "-e", evaluator, "-o", str(path), files=(path,))
    report = out / "report"
    check("report", "report", str(report), files=(report,))
    assert ran > 80
    assert found == {}


def test_the_log_shows_labels_and_withholds_what_would_tell(
    blind_demo: Workspace, run: Callable[..., Result], tmp_path: Path
) -> None:
    root = str(blind_demo.root)
    labels = labels_of(blind_demo)
    by_label = {label: tool for tool, label in labels.items()}
    result = run("--lang", "en", "-C", root, "score", "A", "-e", "aoki", "accuracy=2", "--reason", "re-read")
    assert result.exit_code == 0, result.output
    recorded = blind_demo.events()[-1]
    assert recorded.payload["tool"] == by_label["A"]  # the ledger keeps the real id
    table = run("--lang", "en", "-C", root, "log", "--kind", "score.recorded", "--format", "csv").stdout
    # in words: the label, the criterion's name, the old and new level, the reason (issue 14)
    assert re.search(
        r"Candidate A: Recognition accuracy corrected \d → 2 \(evaluator [^)]*\(Aoki\)\); reason: re-read", table
    )
    data = json.loads(run("--lang", "en", "-C", root, "log", "--format", "json").stdout)
    last = data[-1]
    assert last["seq"] == recorded.seq and last["payload"]["tool"] == "A"
    # a hash over the real payload could be recomputed with each tool id in turn
    assert all(e["hash"] is None and e["prev_hash"] is None for e in data)
    assert {e["payload"].get("tool") for e in data if "tool" in e["payload"]} <= {"A", "B", "C"}
    assert recorded.hash not in json.dumps(data) and recorded.hash[:12] not in table
    # a declaration beside an evaluator would say which label they are recused from
    blind_demo.declare_coi("ishii", tool=by_label["A"], note="a relative works there", actor="chair")
    data = json.loads(run("--lang", "en", "-C", root, "log", "--kind", "coi", "--format", "json").stdout)
    withheld = translate("blind.withheld", "en")
    assert data and all(e["payload"].get("tool") == withheld for e in data if "tool" in e["payload"])
    for label in "ABC":
        assert "coi.declared" not in run("--lang", "en", "-C", root, "log", "--tool", label).stdout


@pytest.mark.parametrize("command", ["score", "measure", "moderate", "log", "trial show", "trial start"])
def test_a_real_id_is_refused_in_the_words_any_name_gets(
    blind_demo: Workspace, run: Callable[..., Result], command: str
) -> None:
    root = str(blind_demo.root)
    secrets = secrets_of(blind_demo)
    before = len(blind_demo.events())

    def attempt(name: str, lang: str) -> Result:
        args = {
            "score": ("score", name, "-e", "aoki", "accuracy=3"),
            "measure": ("measure", name, "accuracy=3", "--source", "pilot"),
            "moderate": ("moderate", name, "accuracy", "3", "--comment", "agreed"),
            "log": ("log", "--tool", name),
            "trial show": ("trial", "show", name),
            "trial start": ("trial", "start", name, "--dept", "tax"),
        }[command]
        return run("--lang", lang, "-C", root, *args)

    for lang in LANGS:
        refusals = set()
        for name in [t.id for t in blind_demo.plan.tools] + ["no-such-tool", "Z"]:
            result = attempt(name, lang)
            assert result.exit_code == 1, (name, result.output)
            assert result.stdout == ""
            assert leaks(result.stderr, secrets) == [], (name, result.stderr)
            refusals.add(result.stderr)
        # one line, the same for a tool's id as for a typo: the refusal confirms nothing
        assert refusals == {f"toolbench: {translate('blind.label_only', lang, labels='A, B, C')}\n"}
    assert len(blind_demo.events()) == before  # nothing recorded
    for lang in LANGS:
        # a label is taken (whatever else the command then says), and the answer names labels only
        result = attempt("B", lang)
        assert "blind" not in result.stderr and "匿名" not in result.stderr, result.stderr
        assert leaks(result.output, secrets) == []


def test_prices_are_sealed_while_blind_as_two_envelopes_would_seal_them(blind_demo: Workspace) -> None:
    blind = blind_demo.evaluate()
    assert blind.sealed and blind.blind
    assert [r.price for r in blind.results] == [None, None, None]
    assert all(r.price_points is None and r.awaiting_price for r in blind.results)
    price = blind.plan.price_criterion()
    assert price is not None
    assert all(r.cells[price.id].price is None and r.cells[price.id].points is None for r in blind.results)
    # the same figures as two envelopes give before `lock --scores`, under the labels
    plan = blind_demo.plan
    envelopes = plan.model_copy(update={"fairness": plan.fairness.model_copy(update={"two_envelopes": True})})
    sealed = evaluate(envelopes, blind_demo.events())
    labels = labels_of(blind_demo)
    expected = {
        labels[r.tool.id]: (r.technical, r.total, r.rank, [f.key for f in r.disqualified]) for r in sealed.results
    }
    got = {r.tool.id: (r.technical, r.total, r.rank, [f.key for f in r.disqualified]) for r in blind.results}
    assert got == expected
    # and the prices open with the reveal
    blind_demo.unblind(actor="chair")
    opened = blind_demo.evaluate()
    assert not opened.sealed and all(r.price is not None for r in opened.results)


def test_a_bid_over_the_ceiling_does_not_disqualify_a_label(tmp_path: Path) -> None:
    """A disqualification for price would say which label holds the highest bid."""
    built = build_single_round_demo(tmp_path / "ceiling")
    built.close()
    path = built.root / "toolbench.toml"
    text = path.read_text(encoding="utf-8")
    assert "ceiling = 5500000" in text
    path.write_text(text.replace("ceiling = 5500000", "ceiling = 4000000"), encoding="utf-8")
    with Workspace.open(built.root) as workspace:
        open_figures = workspace.evaluate()
        assert any(f.key == "dq.over_ceiling" for r in open_figures.results for f in r.disqualified)
        workspace.blind(actor="chair", seed=SEED)
        blind = workspace.evaluate()
        assert not any(f.key == "dq.over_ceiling" for r in blind.results for f in r.disqualified)
        assert all(r.price is None for r in blind.results)


def test_the_trial_board_shows_labels_in_label_order(blind_demo: Workspace, run: Callable[..., Result]) -> None:
    root = str(blind_demo.root)
    labels = labels_of(blind_demo)
    data = json.loads(run("--lang", "en", "-C", root, "trials", "--format", "json").stdout)
    shown = [record["tool"] for record in data]
    assert set(shown) <= {"A", "B", "C"} and shown == sorted(shown)
    real = {(labels[t], d) for (t, d) in blind_demo.trials()}
    assert {(r["tool"], r["department"]) for r in data} == real
    table = run("--lang", "ja", "-C", root, "trials").stdout
    assert "候補A" in table or "候補B" in table
    # `trial show` of a label is that tool's timeline
    label = shown[0]
    timeline = run("--lang", "en", "-C", root, "trial", "show", label)
    assert timeline.exit_code == 0 and timeline.stdout.strip()


def test_recusals_do_not_say_which_label_while_blind(blind_demo: Workspace, run: Callable[..., Result]) -> None:
    """Beside the plan's affiliations (ueda works for a vendor), naming the label ueda may not score names the tool."""
    root = str(blind_demo.root)
    label = labels_of(blind_demo)["formeye"]
    assert blind_demo.evaluate().recusals  # the demo's recusal: ueda from formeye
    texts = {}
    for lang in LANGS:
        for fmt in ("table", "json"):
            texts[f"fairness {fmt} {lang}"] = run("--lang", lang, "-C", root, "fairness", "--format", fmt).stdout
        texts[f"coi list {lang}"] = run("--lang", lang, "-C", root, "coi", "list").stdout
        texts[f"matrix {lang}"] = run("--lang", lang, "-C", root, "matrix", "--format", "markdown").stdout
    for name, text in texts.items():
        lines = [line for line in text.splitlines() if "Ueda" in line and ("ecus" in line or "除斥" in line)]
        assert lines or "json" in name, name
        for line in lines:
            assert f"Candidate {label}" not in line and f"候補{label}" not in line, (name, line)
    data = json.loads(texts["fairness json en"])
    assert [r["tool"] for r in data["recusals"]] == [None]


def test_the_matrix_marks_no_recused_cell_while_blind(blind_demo: Workspace, run: Callable[..., Result]) -> None:
    """An "x" under one label's column says which label the recused evaluator's company offers."""
    root = str(blind_demo.root)
    for fmt in ("csv", "markdown"):
        text = run("--lang", "en", "-C", root, "matrix", "--format", fmt).stdout
        assert re.search(r"(?<![A-Za-z])x/|/x(?![A-Za-z])", text) is None, fmt  # a level list such as 5/4/x
    data = json.loads(run("--lang", "en", "-C", root, "matrix", "--format", "json").stdout)
    cells = [cell for tool in data["tools"] for cell in tool["cells"]]
    assert all("recused" not in c["flags"] and not c["recused_evaluators"] for c in cells)
    assert [(r["tool"], r["company"]) for r in data["recusals"]] == [(None, None)]
    unblinded = blind_demo.evaluate()
    assert unblinded.recusals  # the recusal is still applied: ueda's formeye scores do not count
