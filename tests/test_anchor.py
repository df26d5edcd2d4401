"""Issue 12: anchors outside the ledger file, and every archived report bound to the plan and events.

A forger here knows the documented format: they rewrite rows with recomputed hashes
and fix the bookkeeping, so `audit verify` alone cannot tell. What still tells: a head
printed earlier (`--head`), the manifest hash quoted with the approval documents
(`--expect`), and a finalize record naming a head the rewritten chain no longer has.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import Result

from toolbench import Workspace
from toolbench.workspace.archive import finalize, verify_archive, write_archive

NOW = datetime(2026, 5, 20, 1, 0, tzinfo=UTC)


def canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def rechain(path: Path, edit: Callable[[int, dict], dict] | None = None, drop_last: bool = False) -> None:
    """Rewrite the ledger as a careful forger would: edit payloads, recompute every hash, fix meta."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("DROP TRIGGER IF EXISTS events_no_update")
    db.execute("DROP TRIGGER IF EXISTS events_no_delete")
    if drop_last:
        db.execute("DELETE FROM events WHERE seq = (SELECT max(seq) FROM events)")
    rows = db.execute("SELECT seq, ts, actor, kind, payload, plan_hash FROM events ORDER BY seq").fetchall()
    prev = "0" * 64
    for seq, ts, actor, kind, text, plan_hash in rows:
        payload = json.loads(text)
        if edit is not None:
            payload = edit(seq, payload)
        digest = hashlib.sha256(canonical([1, seq, ts, actor, kind, plan_hash, prev, payload]).encode()).hexdigest()
        db.execute(
            "UPDATE events SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?",
            (canonical(payload), prev, digest, seq),
        )
        prev = digest
    db.execute("UPDATE meta SET value = ? WHERE key = 'head_seq'", (str(len(rows)),))
    db.execute("UPDATE meta SET value = ? WHERE key = 'head_hash'", (prev,))
    db.close()


@pytest.fixture()
def printed(demo: Workspace) -> tuple[Path, Path, str]:
    """The closed demo workspace, its ledger file and the head as documents print it (`#78 673750e33d0e`)."""
    head = demo.ledger.head()
    assert head is not None
    root, path = demo.root, Path(demo.ledger.location)
    demo.close()
    return root, path, f"#{head.seq} {head.hash[:12]}"


def verify(run: Callable[..., Result], root: Path, *heads: str) -> Result:
    args = [a for h in heads for a in ("--head", h)]
    return run("--lang", "en", "-C", str(root), "audit", "verify", *args)


# --- audit verify --head ---------------------------------------------------------------------------


def test_a_printed_head_is_proved_in_the_chain(printed, run: Callable[..., Result]) -> None:
    root, _, shown = printed
    seq, prefix = shown[1:].split()
    for form in (shown, f"{seq}:{prefix}", f"{seq}:{prefix.upper()}"):
        result = verify(run, root, form)
        assert result.exit_code == 0, result.output
        assert f"anchor #{seq} {prefix} holds" in result.stdout


@pytest.mark.parametrize(
    ("attack", "expected"),
    [
        ("drop-last", "event 78 is not in it"),
        ("edit-score", "event 78 in the ledger has the hash"),
    ],
)
def test_a_rewritten_chain_passes_alone_but_not_against_the_printed_head(
    printed, run: Callable[..., Result], attack: str, expected: str
) -> None:
    root, path, shown = printed

    def lower_a_level(seq: int, payload: dict) -> dict:
        if seq == 10 and "level" in payload:
            return {**payload, "level": "1"}
        return payload

    if attack == "drop-last":
        rechain(path, drop_last=True)
    else:
        rechain(path, lower_a_level)
    assert verify(run, root).exit_code == 0  # the chain is self-consistent: only an outside anchor tells
    result = verify(run, root, shown)
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"anchor {shown} is NOT in the ledger" in lines[0] and expected in lines[0]
    assert result.stdout == ""


@pytest.mark.parametrize("bad", ["78", "78:673750", "x:673750e33d0e", "78:673750e33d0g", "78-673750e33d0e"])
def test_a_malformed_head_is_a_usage_error(printed, run: Callable[..., Result], bad: str) -> None:
    root, _, _ = printed
    result = verify(run, root, bad)
    assert result.exit_code == 2
    assert "SEQ:HASH" in result.output


def test_the_japanese_anchor_messages(printed, run: Callable[..., Result]) -> None:
    root, _, shown = printed
    ok = run("--lang", "ja", "-C", str(root), "audit", "verify", "--head", shown)
    assert ok.exit_code == 0 and "基準点" in ok.stdout
    bad = run("--lang", "ja", "-C", str(root), "audit", "verify", "--head", "200:" + "a" * 12)
    assert bad.exit_code == 1 and "基準点" in bad.stderr and "イベント 200" in bad.stderr


# --- a finalize record whose head the rewritten chain no longer has --------------------------------


def test_a_careless_rewrite_after_finalize_is_caught_everywhere(demo: Workspace, run: Callable[..., Result]) -> None:
    outcome = finalize(demo, "chair", "委員会承認", now=NOW)
    final_seq = outcome.event.seq
    root, path = demo.root, Path(demo.ledger.location)
    demo.close()

    def lower_a_level(seq: int, payload: dict) -> dict:
        return {**payload, "level": "1"} if seq == 10 and "level" in payload else payload

    rechain(path, lower_a_level)  # the finalize record is re-hashed, but still names the old head
    result = verify(run, root)
    assert result.exit_code == 1
    assert f"FAILED at event {final_seq}" in result.stderr and "which is not an earlier event" in result.stderr
    for args in (("archive", str(root.parent / "ev")), ("finalize",), ("matrix",)):
        refused = run("--lang", "en", "-C", str(root), *args)
        assert refused.exit_code == 1, (args, refused.output)
        assert len(refused.stderr.strip().splitlines()) == 1 and f"event {final_seq}" in refused.stderr
        assert "nothing has changed" not in refused.output
    assert not (root.parent / "ev").exists()


# --- archive verify --expect, and every report bound ------------------------------------------------


@pytest.fixture()
def archive(demo: Workspace, tmp_path: Path) -> Path:
    out = tmp_path / "evidence"
    write_archive(demo, out, "en", now=NOW)
    return out


def regenerate_manifest(out: Path) -> str:
    lines = []
    for path in sorted(p for p in out.rglob("*") if p.is_file() and p.name != "MANIFEST.sha256"):
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(out).as_posix()}\n")
    data = "".join(lines).encode()
    (out / "MANIFEST.sha256").write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def test_expect_accepts_the_quoted_manifest_hash(archive: Path, run: Callable[..., Result]) -> None:
    quoted = hashlib.sha256((archive / "MANIFEST.sha256").read_bytes()).hexdigest()
    for form in (quoted, quoted[:12], quoted.upper()):
        result = run("--lang", "en", "archive", "verify", str(archive), "--expect", form)
        assert result.exit_code == 0, result.output
        assert "has the quoted SHA-256" in result.stdout
    assert run("archive", "verify", str(archive), "--expect", "12345").exit_code == 2


def test_expect_catches_a_package_rewritten_with_its_manifest(archive: Path, run: Callable[..., Result]) -> None:
    quoted = hashlib.sha256((archive / "MANIFEST.sha256").read_bytes()).hexdigest()
    results = json.loads((archive / "results.json").read_text(encoding="utf-8"))
    results["toolbench_version"] = "0.0.0"  # harmless-looking: nothing else checks this field
    (archive / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    regenerate_manifest(archive)
    result = run("--lang", "en", "archive", "verify", str(archive), "--expect", quoted)
    assert result.exit_code == 1
    assert f"is not the quoted {quoted}" in result.stderr


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("reports/matrix.html", "KamiScan", "KamiScam"),
        ("reports/procurement/summary.csv", "KamiScan", "KamiScam"),
        ("reports/procurement/public-results.csv", ",", ";"),
        ("reports/matrix.txt", "KamiScan", "KamiScam"),
    ],
)
def test_an_edited_report_is_named_even_with_the_manifest_regenerated(
    archive: Path, run: Callable[..., Result], name: str, old: str, new: str
) -> None:
    path = archive / name
    text = path.read_text(encoding="utf-8-sig")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8-sig" if name.endswith(".csv") else "utf-8")
    regenerate_manifest(archive)
    result = verify_archive(archive)
    assert [(f.file, f.key) for f in result.findings] == [(name, "archive.f.report_differs")]
    cli = run("--lang", "en", "archive", "verify", str(archive))
    assert cli.exit_code == 1 and f"{name}: differs from the report rendered again" in cli.stderr


def test_an_edited_workbook_is_named(archive: Path) -> None:
    import io
    import zipfile

    path = archive / "reports/procurement/report.xlsx"
    with zipfile.ZipFile(path) as source:
        parts = {i.filename: source.read(i.filename) for i in source.infolist()}
    sheet = next(n for n in parts if n.startswith("xl/") and b"KamiScan" in parts[n])
    parts[sheet] = parts[sheet].replace(b"KamiScan", b"KamiScam", 1)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for part, data in parts.items():
            target.writestr(part, data)
    path.write_bytes(buffer.getvalue())
    regenerate_manifest(archive)
    assert [(f.file, f.key) for f in verify_archive(archive).findings] == [
        ("reports/procurement/report.xlsx", "archive.f.report_differs")
    ]


def test_a_fresh_archive_renders_again_exactly_and_a_foreign_file_is_named(archive: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(archive, copy)
    assert verify_archive(copy).ok
    (copy / "reports" / "note.html").write_text("<p>approved</p>", encoding="utf-8")
    regenerate_manifest(copy)
    assert [(f.file, f.key) for f in verify_archive(copy).findings] == [("reports/note.html", "archive.f.foreign")]


def test_a_removed_report_is_named_with_the_manifest_regenerated(archive: Path) -> None:
    (archive / "reports/procurement/public-results.csv").unlink()
    regenerate_manifest(archive)
    assert [(f.file, f.key) for f in verify_archive(archive).findings] == [
        ("reports/procurement/public-results.csv", "archive.f.report_missing")
    ]
