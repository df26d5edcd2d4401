"""`archive verify` re-runs every draw by lot of a procedure from the archived ledger alone.

The demo draws its presentation order (commitment at event 69, reveal at event 70). A
forger who edits the seed, the commitment or the order and then re-chains every hash,
rewrites results.json's ledger head and the manifest still fails: the seed must hash to
the commitment recorded before the draw, and the order must follow from the seed.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from toolbench import build_demo
from toolbench.methods.procedure import draw_commitment, draw_order
from toolbench.store.ledger import event_hash
from toolbench.workspace.archive import verify_archive, write_archive

NOW = datetime(2026, 4, 20, 3, 0, tzinfo=UTC)
FIELDS = ("seq", "ts", "actor", "kind", "payload", "plan_hash", "prev_hash")


def canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("draws")
    with build_demo(folder / "demo") as workspace:
        write_archive(workspace, folder / "evidence", "en", now=NOW)
    return folder / "evidence"


@pytest.fixture()
def archive(pristine: Path, tmp_path: Path) -> Path:
    import shutil

    copy = tmp_path / "evidence"
    shutil.copytree(pristine, copy)
    return copy


def records(archive: Path) -> list[dict[str, object]]:
    text = (archive / "ledger" / "events.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def forge(archive: Path, rows: list[dict[str, object]]) -> None:
    """Re-chain every hash, rewrite the recorded head and the manifest: all a forger can do."""
    previous = "0" * 64
    for row in rows:
        row["prev_hash"] = previous
        row["hash"] = event_hash(*(row[k] for k in FIELDS))  # type: ignore[arg-type]
        previous = str(row["hash"])
    (archive / "ledger" / "events.jsonl").write_text("".join(canonical(r) + "\n" for r in rows), encoding="utf-8")
    results = json.loads((archive / "results.json").read_text(encoding="utf-8"))
    results["ledger_head"]["hash"] = previous
    (archive / "results.json").write_text(json.dumps(results), encoding="utf-8")
    manifest = archive / "MANIFEST.sha256"
    lines = []
    for line in manifest.read_text(encoding="utf-8").splitlines():
        _, name = line.split("  ", 1)
        lines.append(f"{hashlib.sha256((archive / name).read_bytes()).hexdigest()}  {name}")
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")


def draw_rows(rows: list[dict[str, object]]) -> tuple[dict[str, object], dict[str, object]]:
    committed = next(r for r in rows if r["kind"] == "draw.committed")
    revealed = next(r for r in rows if r["kind"] == "draw.revealed")
    return committed, revealed


def keys(archive: Path) -> set[tuple[str, str]]:
    return {(f.file, f.key) for f in verify_archive(archive).findings}


def test_the_archived_draw_recomputes(pristine: Path) -> None:
    """Anyone with the archive alone: SHA-256 of the seed is the commitment; the order follows from seed and witness."""
    committed, revealed = draw_rows(records(pristine))
    seed = str(revealed["payload"]["seed"])  # type: ignore[index]
    assert draw_commitment(seed) == committed["payload"]["commitment"]  # type: ignore[index]
    # the rule written out independently: candidates sorted by SHA-256 of "seed\nwitness\nid"
    candidates = committed["payload"]["candidates"]  # type: ignore[index]
    witness = revealed["payload"]["witness"]  # type: ignore[index]
    by_hand = sorted(candidates, key=lambda c: hashlib.sha256(f"{seed}\n{witness}\n{c}".encode()).hexdigest())
    assert by_hand == revealed["payload"]["order"] == list(draw_order(seed, witness, candidates))  # type: ignore[index]
    assert verify_archive(pristine).ok


def test_an_edited_seed_without_rechaining_breaks_the_chain(archive: Path) -> None:
    rows = records(archive)
    _, revealed = draw_rows(rows)
    revealed["payload"]["seed"] = "0" * 64  # type: ignore[index]
    (archive / "ledger" / "events.jsonl").write_text("".join(canonical(r) + "\n" for r in rows), encoding="utf-8")
    result = verify_archive(archive)
    assert not result.ok
    assert ("ledger/events.jsonl", "archive.f.chain") in keys(archive)


def test_a_forged_seed_is_named_even_rechained(archive: Path) -> None:
    rows = records(archive)
    committed, revealed = draw_rows(rows)
    # a seed chosen after the fact, with the order it gives: the order holds, the commitment does not
    seed = "1" * 64
    revealed["payload"]["seed"] = seed  # type: ignore[index]
    revealed["payload"]["order"] = list(  # type: ignore[index]
        draw_order(seed, str(revealed["payload"]["witness"]), committed["payload"]["candidates"])  # type: ignore[index, arg-type]
    )
    forge(archive, rows)
    found = keys(archive)
    assert ("ledger/events.jsonl", "archive.f.draw_seed") in found
    assert ("ledger/events.jsonl", "archive.f.chain") not in found  # re-chained: only the draw check catches it


def test_a_forged_commitment_is_named_even_rechained(archive: Path) -> None:
    rows = records(archive)
    committed, _ = draw_rows(rows)
    committed["payload"]["commitment"] = draw_commitment("2" * 64)  # type: ignore[index]
    forge(archive, rows)
    assert ("ledger/events.jsonl", "archive.f.draw_seed") in keys(archive)


def test_a_reordered_draw_is_named_even_rechained(archive: Path) -> None:
    rows = records(archive)
    _, revealed = draw_rows(rows)
    order = list(revealed["payload"]["order"])  # type: ignore[index]
    revealed["payload"]["order"] = [order[1], order[0], *order[2:]]  # type: ignore[index]
    forge(archive, rows)
    assert ("ledger/events.jsonl", "archive.f.draw_order") in keys(archive)
    assert not verify_archive(archive).ok
