"""Finalize and archive: the evidence package, and its verification from the package alone.

Real workspaces and real folders in tmp_path; every tampering is done to the files
as an auditor would find them, and where the manifest is "updated to match" the
sums are recomputed with hashlib, the way a forger would.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import Result

from toolbench import Workspace, build_single_round_demo
from toolbench.documents.matrix import finalization_note
from toolbench.documents.results import matrix_data
from toolbench.methods.finalization import FINALIZED
from toolbench.workspace.archive import (
    ArchiveError,
    finalization_status,
    finalize,
    results_hash,
    verify_archive,
    write_archive,
)

NOW = datetime(2026, 5, 20, 1, 0, tzinfo=UTC)

PROCUREMENT = {
    "report.xlsx",
    "report.html",
    "scoring-sheet-aoki.csv",
    "scoring-sheet-ishii.csv",
    "scoring-sheet-ueda.csv",
    "summary.csv",
    "public-results.csv",
    "reasons-log.csv",
    # the reports the parts and the matrix point to ("see `toolbench weights`"), in every format
    *(
        f"{name}.{fmt}"
        for name in ("weights", "fairness", "robustness", "trials", "log")
        for fmt in ("xlsx", "html", "csv")
    ),
}
LAYOUT = {
    "plan/toolbench.toml",
    "ledger/events.jsonl",
    "results.json",
    *(f"reports/matrix.{ext}" for ext in ("txt", "md", "csv", "json", "html", "xlsx")),
    *(f"reports/procurement/{name}" for name in PROCUREMENT),
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def canonical(value: object) -> str:
    """docs/ledger.md: sorted keys, `,` and `:` separators, non-ASCII kept."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def reseal(archive: Path, *names: str) -> None:
    """Rewrite the manifest lines of `names` to their files' current SHA-256 (what a forger would do)."""
    manifest = archive / "MANIFEST.sha256"
    lines = []
    for line in manifest.read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        lines.append(f"{sha256(archive / name) if name in names else digest}  {name}")
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_events(archive: Path) -> list[dict[str, object]]:
    text = (archive / "ledger" / "events.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def write_events(archive: Path, records: list[dict[str, object]]) -> None:
    text = "".join(canonical(r) + "\n" for r in records)
    (archive / "ledger" / "events.jsonl").write_text(text, encoding="utf-8")


def findings(archive: Path) -> list[tuple[str, str]]:
    return [(f.file, f.key) for f in verify_archive(archive).findings]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's archive, written once; the demo is deterministic, so it matches every `demo`."""
    folder = tmp_path_factory.mktemp("pristine")
    with build_single_round_demo(folder / "demo") as workspace:
        write_archive(workspace, folder / "evidence", "ja", now=NOW)
    return folder / "evidence"


@pytest.fixture()
def archive(pristine: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo's archive, to tamper with."""
    return Path(shutil.copytree(pristine, tmp_path / "evidence"))


# --- the results hash ----------------------------------------------------------------------


def test_results_hash_is_sha256_of_the_canonical_matrix_json(demo: Workspace) -> None:
    evaluation = demo.evaluate()
    by_hand = hashlib.sha256(canonical(matrix_data(evaluation)).encode("utf-8")).hexdigest()
    assert results_hash(evaluation) == by_hand
    assert len(by_hand) == 64


# --- writing ---------------------------------------------------------------------------------


def test_archive_layout_and_manifest(demo: Workspace, archive: Path) -> None:
    files = {p.relative_to(archive).as_posix() for p in archive.rglob("*") if p.is_file()}
    assert files == LAYOUT | {"MANIFEST.sha256"}

    manifest = (archive / "MANIFEST.sha256").read_text(encoding="utf-8").splitlines()
    listed = [line.split("  ", 1)[1] for line in manifest]
    assert listed == sorted(LAYOUT)
    for line in manifest:
        digest, name = line.split("  ", 1)
        assert digest == sha256(archive / name), name

    # the plan exactly as on disk
    assert (archive / "plan" / "toolbench.toml").read_bytes() == (demo.root / "toolbench.toml").read_bytes()


def test_results_json_records_plan_head_and_results(demo: Workspace, archive: Path) -> None:
    evaluation = demo.evaluate()
    results = json.loads((archive / "results.json").read_text(encoding="utf-8"))
    head = {"seq": evaluation.head_seq, "hash": evaluation.head_hash}
    assert results["results_hash"] == results_hash(evaluation)
    assert results["plan_hash"] == demo.plan.hash
    assert results["ledger_head"] == head == results["results_head"]
    assert results["events"] == evaluation.head_seq > 50
    assert results["generated_at"] == "2026-05-20T01:00:00Z"
    assert results["finalized"] is None
    # reports/matrix.json is the results themselves
    matrix = json.loads((archive / "reports" / "matrix.json").read_text(encoding="utf-8"))
    assert hashlib.sha256(canonical(matrix).encode("utf-8")).hexdigest() == results["results_hash"]


def test_exported_events_are_the_stored_ones_and_rehash_by_the_documented_formula(
    demo: Workspace, archive: Path
) -> None:
    records = read_events(archive)
    stored = list(demo.ledger.events())
    assert [r["seq"] for r in records] == [e.seq for e in stored] == list(range(1, len(stored) + 1))
    previous = "0" * 64
    for record, event in zip(records, stored, strict=True):
        assert set(record) == {"seq", "ts", "actor", "kind", "payload", "plan_hash", "prev_hash", "hash"}
        assert (record["ts"], record["kind"], record["payload"], record["hash"]) == (
            event.ts,
            event.kind,
            dict(event.payload),
            event.hash,
        )
        # docs/ledger.md, format 1: SHA-256 of [1, seq, ts, actor, kind, plan_hash, prev_hash, payload]
        fields = [1, *(record[k] for k in ("seq", "ts", "actor", "kind", "plan_hash", "prev_hash", "payload"))]
        assert hashlib.sha256(canonical(fields).encode("utf-8")).hexdigest() == record["hash"]
        assert record["prev_hash"] == previous
        previous = str(record["hash"])


def test_sha256sum_checks_the_manifest(archive: Path) -> None:
    tool = shutil.which("sha256sum")
    if tool is None:
        pytest.skip("sha256sum is not installed")
    done = subprocess.run([tool, "-c", "MANIFEST.sha256"], cwd=archive, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count(": OK") == len(LAYOUT)


def test_a_non_empty_folder_is_refused(demo: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "taken"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ArchiveError) as caught:
        write_archive(demo, out, "en", now=NOW)
    assert caught.value.key == "archive.not_empty"
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]


def test_an_empty_folder_is_used(demo: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "empty"
    out.mkdir()
    write_archive(demo, out, "en", now=NOW)
    assert verify_archive(out).ok
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo", "empty"]  # no temporary folder left


def test_a_folder_inside_the_ledger_folder_is_refused(demo: Workspace) -> None:
    with pytest.raises(ArchiveError) as caught:
        write_archive(demo, demo.root / ".toolbench" / "archive", "en", now=NOW)
    assert caught.value.key == "archive.inside_state"
    assert not (demo.root / ".toolbench" / "archive").exists()


def test_a_failure_leaves_nothing_behind(demo: Workspace, tmp_path: Path) -> None:
    # a real write error part way through: no file may grow past 38,000 bytes, so the
    # events (36 KB) and the matrix are written but report.html of the procurement set (40 KB),
    # made after them, is not; the whole archive is abandoned
    import resource
    import signal

    before = sorted(p.name for p in tmp_path.iterdir())
    limits = resource.getrlimit(resource.RLIMIT_FSIZE)
    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (38_000, limits[1]))
    try:
        with pytest.raises(ArchiveError) as caught:
            write_archive(demo, tmp_path / "out", "ja", now=NOW)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, limits)
        signal.signal(signal.SIGXFSZ, handler)
    assert caught.value.key == "archive.cannot_write"
    assert sorted(p.name for p in tmp_path.iterdir()) == before


# --- verifying -------------------------------------------------------------------------------


def test_a_fresh_archive_verifies(demo: Workspace, archive: Path) -> None:
    result = verify_archive(archive)
    assert result.ok, [f.message() for f in result.findings]
    assert result.files == len(LAYOUT)
    assert result.events == demo.evaluate().head_seq
    assert result.results_hash == results_hash(demo.evaluate())
    assert result.manifest_hash == sha256(archive / "MANIFEST.sha256")


def test_verification_needs_only_the_archive(demo: Workspace, archive: Path, tmp_path: Path) -> None:
    demo.close()
    shutil.rmtree(demo.root)
    moved = tmp_path / "elsewhere" / "copy"
    shutil.copytree(archive, moved)
    assert verify_archive(moved).ok


def test_an_edited_report_is_named(archive: Path) -> None:
    summary = archive / "reports" / "procurement" / "summary.csv"
    summary.write_bytes(summary.read_bytes().replace(b"1", b"2", 1))
    result = verify_archive(archive)
    assert not result.ok
    assert findings(archive) == [("reports/procurement/summary.csv", "archive.f.differs")]
    assert "reports/procurement/summary.csv" in result.lines("en")[1]
    assert "FAILED" in result.summary("en") and "1 problem" in result.summary("en")


def test_an_edited_plan_is_caught_by_re_evaluation_even_with_the_manifest_updated(archive: Path) -> None:
    plan = archive / "plan" / "toolbench.toml"
    text = plan.read_text(encoding="utf-8")
    assert "4 = 0.75" in text
    plan.write_text(text.replace("4 = 0.75", "4 = 0.70"), encoding="utf-8")
    reseal(archive, "plan/toolbench.toml")
    found = findings(archive)
    assert ("plan/toolbench.toml", "archive.f.plan_hash") in found
    assert ("results.json", "archive.f.results") in found
    assert not [f for f in found if f[1] in ("archive.f.differs", "archive.f.missing", "archive.f.unlisted")]
    message = next(f for f in verify_archive(archive).findings if f.key == "archive.f.results").message("en")
    assert "plan/toolbench.toml" in message and "ledger/events.jsonl" in message


def test_a_tampered_event_is_named_by_the_chain_check(archive: Path) -> None:
    records = read_events(archive)
    victim = next(r for r in records if r["kind"] == "score.recorded" and r["payload"]["level"] == "3")  # type: ignore[index]
    victim["payload"]["level"] = "5"  # type: ignore[index]
    write_events(archive, records)
    reseal(archive, "ledger/events.jsonl")
    result = verify_archive(archive)
    assert [(f.file, f.key, f.params["seq"]) for f in result.findings] == [
        ("ledger/events.jsonl", "archive.f.chain", victim["seq"])
    ]
    assert f"event {victim['seq']}" in result.findings[0].message("en")
    assert "edited" in result.findings[0].message("en")


def test_a_deleted_file_is_named_missing(archive: Path) -> None:
    (archive / "reports" / "matrix.md").unlink()
    assert findings(archive) == [("reports/matrix.md", "archive.f.missing")]


def test_an_added_file_is_named_unlisted(archive: Path) -> None:
    (archive / "reports" / "extra.txt").write_text("added later", encoding="utf-8")
    assert findings(archive) == [("reports/extra.txt", "archive.f.unlisted")]


def test_an_edited_results_record_is_named(archive: Path) -> None:
    path = archive / "results.json"
    results = json.loads(path.read_text(encoding="utf-8"))
    results["results_hash"] = "0" * 64
    path.write_text(json.dumps(results), encoding="utf-8")
    reseal(archive, "results.json")
    assert findings(archive) == [("results.json", "archive.f.results")]


def test_an_edited_matrix_json_is_named_even_with_the_manifest_updated(archive: Path) -> None:
    path = archive / "reports" / "matrix.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["tools"][0]["total"] = 99.99
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    reseal(archive, "reports/matrix.json")
    assert findings(archive) == [("reports/matrix.json", "archive.f.matrix_json")]


def test_a_false_claim_of_finalization_is_named(archive: Path) -> None:
    path = archive / "results.json"
    results = json.loads(path.read_text(encoding="utf-8"))
    results["finalized"] = {"event": 1, "at": "2026-05-20T01:00:00.000000Z", "actor": "x", "changed_since": False}
    path.write_text(json.dumps(results), encoding="utf-8")
    reseal(archive, "results.json")
    assert findings(archive) == [("results.json", "archive.f.finalized_claim")]


def test_a_manifest_entry_outside_the_archive_is_refused(archive: Path, tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("x", encoding="utf-8")
    with (archive / "MANIFEST.sha256").open("a", encoding="utf-8") as manifest:
        manifest.write(f"{sha256(tmp_path / 'secret.txt')}  ../secret.txt\n")
    assert findings(archive) == [("MANIFEST.sha256", "archive.f.manifest_path")]


def test_a_missing_manifest_is_named_and_the_contents_still_checked(archive: Path) -> None:
    (archive / "MANIFEST.sha256").unlink()
    assert findings(archive) == [("MANIFEST.sha256", "archive.f.no_manifest")]
    (archive / "plan" / "toolbench.toml").write_text("[evaluation\n", encoding="utf-8")
    assert findings(archive)[1:] == [("plan/toolbench.toml", "archive.f.plan")]
    assert verify_archive(archive).findings[1].message("en").startswith("plan/toolbench.toml:1: malformed TOML")


def test_a_folder_that_is_no_archive(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError):
        verify_archive(tmp_path / "nothing-here")
    empty = tmp_path / "empty"
    empty.mkdir()
    found = findings(empty)
    assert ("MANIFEST.sha256", "archive.f.no_manifest") in found
    assert ("plan/toolbench.toml", "archive.f.missing") in found


# --- finalize ---------------------------------------------------------------------------------


def test_finalize_records_once_then_notices_change(demo: Workspace) -> None:
    before = demo.evaluate()
    n = before.head_seq
    assert finalization_status(demo) == (None, False)

    first = finalize(demo, "advisor", "委員会 2026-05-20", now=NOW)
    assert first.recorded
    assert first.event.seq == n + 1
    assert first.event.kind == FINALIZED
    assert dict(first.event.payload) == {
        "ledger_head": {"seq": n, "hash": before.head_hash},
        "plan_hash": demo.plan.hash,
        "results_hash": results_hash(before),
        "note": "委員会 2026-05-20",
    }
    event, changed = finalization_status(demo)
    assert event == first.event and not changed
    assert f"#{n + 1}" in (finalization_note(finalization_status(demo), "en") or "")

    again = finalize(demo, "advisor")
    assert not again.recorded
    assert again.event == first.event
    assert demo.ledger.head() == first.event  # nothing was appended

    # a finalized evaluation takes no score until it is reopened with a reason
    demo.reopen("a score typed wrongly", actor="advisor")
    demo.record_scores("kamiscan", "aoki", {"accuracy": "5"}, actor="aoki", reason="re-read the pilot report")
    event, changed = finalization_status(demo)
    assert event == first.event and changed
    assert "CHANGED" in (finalization_note(finalization_status(demo), "en") or "")
    assert "変更されています" in (finalization_note(finalization_status(demo), "ja") or "")

    third = finalize(demo, "advisor")
    assert third.recorded and third.event.seq == n + 4
    assert third.ledger_head.seq == n + 3
    assert third.results_hash != first.results_hash
    assert finalization_status(demo) == (third.event, False)


def test_an_archive_after_finalize_carries_the_finalized_results_hash(demo: Workspace, tmp_path: Path) -> None:
    outcome = finalize(demo, "advisor", now=NOW)
    n = outcome.ledger_head.seq
    manifest = write_archive(demo, tmp_path / "out", "en", now=NOW)
    assert manifest.results_hash == outcome.results_hash
    assert manifest.results_head.seq == n and manifest.ledger_head.seq == n + 1 == outcome.event.seq
    result = verify_archive(tmp_path / "out")
    assert result.ok, [f.message() for f in result.findings]
    assert result.results_hash == outcome.results_hash
    assert result.finalization is not None and result.finalization.event is not None
    assert result.finalization.event.seq == n + 1 and not result.finalization.changed
    results = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert results["finalized"]["event"] == n + 1 and results["finalized"]["changed_since"] is False


def test_a_forged_finalize_record_is_named(demo: Workspace, tmp_path: Path) -> None:
    """Even re-chained with correct hashes, a finalize record with other results does not pass."""
    from toolbench.store.ledger import event_hash

    finalize(demo, "advisor", now=NOW)
    out = tmp_path / "out"
    write_archive(demo, out, "en", now=NOW)
    records = read_events(out)
    last = records[-1]
    last["payload"]["results_hash"] = "f" * 64  # type: ignore[index]
    fields = ("seq", "ts", "actor", "kind", "payload", "plan_hash", "prev_hash")
    last["hash"] = event_hash(*(last[k] for k in fields))  # type: ignore[arg-type]
    write_events(out, records)
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    results["ledger_head"]["hash"] = last["hash"]
    (out / "results.json").write_text(json.dumps(results), encoding="utf-8")
    reseal(out, "ledger/events.jsonl", "results.json")
    assert findings(out) == [("ledger/events.jsonl", "archive.f.finalize_results")]


# --- the command line --------------------------------------------------------------------------


def test_cli_demo_archive_and_verify_out_of_the_box(tmp_path: Path, run: Callable[..., Result]) -> None:
    workspace = tmp_path / "demo"
    assert run("--lang", "en", "demo", str(workspace)).exit_code == 0
    out = tmp_path / "evidence"
    written = run("-C", str(workspace), "--lang", "en", "archive", str(out))
    assert written.exit_code == 0, written.output
    # the demo is a whole procedure: its procurement set adds the status, the 審査講評 and the
    # 選定理由書 (3 documents × xlsx, html, csv), one notice per proposer (7 × 3), and the
    # requirement fit comparison of its written round (fit × 3)
    files = len(LAYOUT) + 3 * 3 + 7 * 3 + 3
    assert f"wrote the evidence archive {out}: {files} files" in written.stdout
    assert "results hash " in written.stdout and "not finalized" in written.stdout
    checked = run("--lang", "en", "archive", "verify", str(out))
    assert checked.exit_code == 0, checked.output
    assert f"{files} files match MANIFEST.sha256" in checked.stdout
    assert checked.stderr == ""


def test_cli_finalize_then_archive_in_japanese(demo: Workspace, tmp_path: Path, run: Callable[..., Result]) -> None:
    root = str(demo.root)
    evaluation = demo.evaluate()
    digest, n = results_hash(evaluation), evaluation.head_seq
    first = run("-C", root, "--lang", "ja", "finalize", "--note", "委員会承認", "--actor", "advisor")
    assert first.exit_code == 0, first.output
    assert f"評価を確定しました（イベント #{n + 1}）" in first.stdout
    assert f"結果ハッシュ {digest}" in first.stdout
    second = run("-C", root, "--lang", "ja", "finalize")
    assert second.exit_code == 0 and "何も記録していません" in second.stdout
    out = tmp_path / "証跡"
    written = run("-C", root, "--lang", "ja", "archive", "write", str(out))
    assert written.exit_code == 0, written.output
    assert "証跡アーカイブ" in written.stdout and "確定済み" in written.stdout
    checked = run("--lang", "ja", "archive", "verify", str(out))
    assert checked.exit_code == 0 and "検証しました" in checked.stdout


@pytest.mark.parametrize(
    ("lang", "summary"),
    [("en", "FAILED verification: 1 problem(s)"), ("ja", "検証に失敗しました: 1 件の問題")],
)
def test_cli_verify_names_the_edited_file(archive: Path, lang: str, summary: str, run: Callable[..., Result]) -> None:
    report = archive / "reports" / "matrix.html"
    report.write_text(report.read_text(encoding="utf-8") + "<!-- edited -->", encoding="utf-8")
    result = run("--lang", lang, "archive", "verify", str(archive))
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith("toolbench: ") and summary in lines[0]
    assert len(lines) == 2 and "reports/matrix.html" in lines[1]
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("lang", "words"), [("en", "is not empty"), ("ja", "空ではありません")])
def test_cli_refuses_a_non_empty_folder_in_one_line(
    demo: Workspace, archive: Path, lang: str, words: str, run: Callable[..., Result]
) -> None:
    result = run("-C", str(demo.root), "--lang", lang, "archive", str(archive))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and words in result.stderr
    assert "Traceback" not in result.output


def test_cli_verify_of_a_missing_folder(tmp_path: Path, run: Callable[..., Result]) -> None:
    result = run("--lang", "en", "archive", "verify", str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert result.stderr.startswith("toolbench: ") and result.stderr.count("\n") == 1
