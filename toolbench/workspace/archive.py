"""Finalize and archive: freeze the evaluation, then write evidence anyone can check.

`finalize` appends an `evaluation.finalized` event recording what the results were
computed from (the ledger head and the plan hash) and the hash of the results.
`write_archive` writes an evidence package into a new folder, all or nothing:

    plan/toolbench.toml         the plan file, byte for byte
    ledger/events.jsonl         every event with its stored hashes, one JSON object a line
    reports/matrix.*            the comparison matrix: txt (terminal table), md, csv, json, html, xlsx
    reports/procurement/        the procurement set of `reports.build_report` (xlsx, html, csv), with
                                the reports its parts and the matrix point to: weights, fairness,
                                robustness, trials, log (`reports.COMPANIONS`)
    results.json                results hash, plan hash, ledger head, time written, toolbench version
    MANIFEST.sha256             `<sha256>  <path>` for every other file, as `sha256sum -c` reads it

`verify_archive` needs nothing but the folder: it checks every file against the
manifest, renders every report again from the archived plan and events (at the
recorded time) and compares them byte for byte, re-verifies the ledger's hash chain with the ledger's own function,
re-evaluates the plan with the exported events and compares the results hash, and
checks any finalize record. Each problem is a finding that names the file (and the
event) concerned.

The results hash is SHA-256 over the canonical JSON (sorted keys, no whitespace,
UTF-8) of `matrix_data(evaluation)`: every figure a report shows derives from it.
Finalize records are not results: they are left out of the events the results are
computed from, so finalizing does not change the results hash it records.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from toolbench._version import __version__
from toolbench.base.errors import LedgerError, OutputError, PlanError, ToolbenchError
from toolbench.base.i18n import LANGS, Lang, Message, translate
from toolbench.base.paths import PLAN_FILE, STATE_DIR
from toolbench.documents.matrix import matrix_document, matrix_view
from toolbench.documents.procurement import matrix_workbook_document
from toolbench.documents.results import matrix_data
from toolbench.methods.evaluation import Evaluation, evaluate
from toolbench.methods.finalization import (
    FINALIZED,
    FinalizationStatus,
    LedgerHead,
    finalization_of,
    head_of,
    recorded_head,
    results_events,
)
from toolbench.methods.procedure import staged_evaluation
from toolbench.model.plan import Plan, parse_plan, parse_toml_text, read_text_file
from toolbench.renderers.writers import write
from toolbench.store.ledger import (
    Event,
    NewEvent,
    StoredRow,
    canonical_json,
    event_record,
    require_intact,
    verify_rows,
)
from toolbench.workspace.reports import FORMATS, FrozenLedger, build_report, stored_rows
from toolbench.workspace.workspace import Workspace

if TYPE_CHECKING:
    from toolbench.workspace.workspace import Workspace

__all__ = [
    "ARCHIVE_FORMAT",
    "ArchiveError",
    "ArchiveFinding",
    "FinalizeOutcome",
    "Manifest",
    "VerifyResult",
    "finalization_status",
    "finalize",
    "results_hash",
    "verify_archive",
    "write_archive",
]

ARCHIVE_FORMAT: Final = "toolbench-archive"
ARCHIVE_VERSION: Final = 1

MANIFEST_FILE: Final = "MANIFEST.sha256"
RESULTS_FILE: Final = "results.json"
PLAN_ENTRY: Final = f"plan/{PLAN_FILE}"
EVENTS_ENTRY: Final = "ledger/events.jsonl"
MATRIX_JSON_ENTRY: Final = "reports/matrix.json"
PROCUREMENT_DIR: Final = "reports/procurement"
EVENT_FIELDS: Final = ("seq", "ts", "actor", "kind", "payload", "plan_hash", "prev_hash", "hash")
"""The fields of one exported event: exactly the stored columns, so the chain can be recomputed."""

_MANIFEST_LINE = re.compile(r"([0-9a-fA-F]{64}) [ *](.+)")


class ArchiveError(ToolbenchError):
    """An archive that cannot be written where asked, or a folder that is not an archive."""


# --- results ---------------------------------------------------------------------------


def evaluation_of(plan: Plan, events: Sequence[Event]) -> Evaluation:
    """What an archive's results are: the evaluation, or with stages the stage a workspace shows now."""
    if plan.stages:
        return staged_evaluation(plan, events)[1]
    return evaluate(plan, events)


def results_hash(evaluation: Evaluation) -> str:
    """SHA-256 of the canonical JSON of `matrix_data(evaluation)`: what every report is drawn from."""

    return _data_hash(matrix_data(evaluation))


def _data_hash(data: Any) -> str:
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()


# --- finalize ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FinalizeOutcome:
    """What `finalize` did: the finalize record appended, or the current one when nothing changed."""

    event: Event
    recorded: bool

    @property
    def results_hash(self) -> str:
        return str(self.event.payload.get("results_hash", ""))

    @property
    def plan_hash(self) -> str:
        return str(self.event.payload.get("plan_hash", ""))

    @property
    def ledger_head(self) -> LedgerHead:
        return recorded_head(self.event)


def finalize(
    workspace: Workspace, actor: str, note: str | None = None, *, now: datetime | None = None
) -> FinalizeOutcome:
    """Freeze the evaluation: record the ledger head, the plan hash and the results hash.

    The chain is verified first. The results are computed and the record appended
    under the ledger's write lock, so the head it names is exactly the one before
    it. When the last event is already a finalize record under the same plan,
    nothing is recorded and that record is returned (`recorded` is False).
    """
    require_intact(workspace.ledger, full=True)  # a finalize record vouches for every event: all checked
    plan = workspace.plan
    current: list[Event] = []

    def decide(events: list[Event]) -> list[NewEvent]:
        current.clear()
        if events and events[-1].kind == FINALIZED and events[-1].payload.get("plan_hash") == plan.hash:
            current.append(events[-1])
            return []
        basis = results_events(events)
        payload: dict[str, Any] = {
            "ledger_head": head_of(basis).as_data(),
            "plan_hash": plan.hash,
            "results_hash": results_hash(evaluation_of(plan, basis)),
        }
        if note and note.strip():
            payload["note"] = note.strip()
        return [NewEvent(FINALIZED, payload, actor, plan.hash)]

    recorded = workspace.ledger.append_decided(decide, now=now)
    if recorded:
        return FinalizeOutcome(recorded[0], True)
    return FinalizeOutcome(current[0], False)


def finalization_status(workspace: Workspace) -> FinalizationStatus:
    """The workspace's finalization status as of now (see `finalization_of`)."""
    return finalization_of(workspace.plan.hash, list(workspace.ledger.events()))


# --- writing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Manifest:
    """What `write_archive` wrote: every file with its SHA-256, and the results it holds."""

    path: Path
    files: tuple[tuple[str, str], ...]
    """(path relative to the archive, SHA-256) for every file but MANIFEST.sha256, sorted by path."""
    manifest_hash: str
    """SHA-256 of MANIFEST.sha256 itself: one value that pins every file (quote it on the approval papers)."""
    results_hash: str
    plan_hash: str
    ledger_head: LedgerHead
    results_head: LedgerHead
    finalization: FinalizationStatus
    stale_removed: tuple[Path, ...] = ()
    """Temporary folders of killed earlier runs that were removed before writing."""


def _utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _check_destination(out_dir: Path, workspace_root: Path) -> None:
    target = out_dir.absolute()
    state = (workspace_root / STATE_DIR).resolve()
    resolved = target.resolve()
    if resolved == state or resolved.is_relative_to(state):
        raise ArchiveError("archive.inside_state", path=str(out_dir), state=str(workspace_root / STATE_DIR))
    if target.exists() and not target.is_dir():
        raise ArchiveError("archive.not_dir", path=str(out_dir))
    if target.is_dir() and any(target.iterdir()):
        raise ArchiveError("archive.not_empty", path=str(out_dir))


def _read_plan(root: Path) -> tuple[bytes, Plan]:
    """The plan file's bytes and the plan they make (so the archived file is exactly the plan used)."""
    path = root / PLAN_FILE
    raw, text = read_text_file(path)
    return raw, parse_plan(parse_toml_text(text, str(path)), file=str(path), text=text)


def _matrix_files(evaluation: Evaluation, lang: Lang, moment: datetime) -> dict[str, bytes]:
    """The matrix in every format, each written by the one writer of its format."""
    view = matrix_view(evaluation, lang)
    document = matrix_document(view, matrix_data(evaluation), generated=moment)
    return {
        "reports/matrix.txt": write(document, "table"),
        "reports/matrix.md": write(document, "markdown"),
        "reports/matrix.csv": write(document, "csv"),
        MATRIX_JSON_ENTRY: write(document, "json"),
        "reports/matrix.html": write(document, "html"),
        "reports/matrix.xlsx": write(matrix_workbook_document(evaluation, view, now=moment), "xlsx"),
    }


def _write_file(path: Path, data: bytes, mode: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.chmod(path, mode)


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _files_under(folder: Path) -> tuple[list[str], list[str]]:
    """Relative POSIX paths of the plain files under `folder`, and of the symbolic links (never followed)."""
    files: list[str] = []
    links: list[str] = []
    for top, dirs, names in os.walk(folder, followlinks=False):
        base = Path(top)
        for name in [*dirs, *names]:
            path = base / name
            relative = path.relative_to(folder).as_posix()
            if path.is_symlink():
                links.append(relative)
            elif name in names:
                files.append(relative)
    return sorted(files), sorted(links)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_TEMP_SUFFIX: Final = ".tmp"


def _temp_prefix(target: Path) -> str:
    """`.OUT.<pid>-`: the hidden folder an archive is written into names the process writing it."""
    return f".{target.name}.{os.getpid()}-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def remove_stale_temps(target: Path) -> list[Path]:
    """Remove the temporary folders that killed `archive` runs left beside `target`; return them.

    A run writes into `.OUT.<pid>-<random>.tmp` and renames it to OUT at the end; a
    run killed meanwhile (SIGKILL, power loss) cannot clean up. Such a folder is stale
    when the process it names no longer runs; one of a run still going is left alone.
    Folders named `.OUT.<random>.tmp` (written by toolbench before the process id was
    part of the name) are always stale. Symbolic links are never followed or removed.
    """
    removed: list[Path] = []
    pattern = re.compile(re.escape(f".{target.name}.") + r"(?:(\d+)-)?[A-Za-z0-9_]{8}" + re.escape(_TEMP_SUFFIX))
    try:
        candidates = list(target.parent.iterdir())
    except OSError:
        return removed
    for path in candidates:
        match = pattern.fullmatch(path.name)
        if match is None or path.is_symlink() or not path.is_dir():
            continue
        pid = match.group(1)
        if pid is not None and (int(pid) == os.getpid() or _alive(int(pid))):
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def _reason(error: ToolbenchError) -> str:
    reason = error.params.get("reason")
    return str(reason) if reason else error.message("en")


def write_archive(
    workspace: Workspace,
    out_dir: str | Path,
    lang: Lang,
    now: datetime | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> Manifest:
    """Write the evidence package for the workspace as it is now into the new folder `out_dir`.

    Refuses an existing non-empty `out_dir` and any place inside the workspace's
    `.toolbench` folder. Everything is written into a temporary folder beside
    `out_dir` and renamed into place at the end, so a failure leaves nothing behind.
    The plan, the events, the reports and the results hash all describe one moment
    of the ledger, even if someone records a score while the archive is written.
    `progress`, if given, is called with (steps done, steps) as the files are made:
    the results, each file, the procurement set, the manifest.
    """
    step = progress or _no_progress
    if workspace.blind_labels() is not None:
        raise ArchiveError("archive.blind")

    out_dir = Path(out_dir)
    step(0, 1)
    # whole seconds, as results.json records it: `verify_archive` renders the reports again at this moment
    moment = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    _check_destination(out_dir, workspace.root)
    require_intact(workspace.ledger, full=True)  # the evidence package vouches for every event
    plan_bytes, plan = _read_plan(workspace.root)
    events = list(workspace.ledger.events())
    chain = verify_rows(stored_rows(events), None, None)
    if not chain.ok:  # the events read differ from those just verified: refuse rather than export them
        reason = Message(chain.reason_key or "audit.reason.hash", **chain.reason_params)
        raise LedgerError("ledger.broken_chain", file=workspace.ledger.location, seq=chain.bad_seq, reason=reason)
    basis = results_events(events)
    evaluation = evaluation_of(plan, basis)
    digest = results_hash(evaluation)
    finalization = finalization_of(plan.hash, events)
    head, results_head = head_of(events), head_of(basis)

    files: dict[str, bytes] = {PLAN_ENTRY: plan_bytes}
    files[EVENTS_ENTRY] = "".join(canonical_json(event_record(e)) + "\n" for e in events).encode("utf-8")
    files.update(_matrix_files(evaluation, lang, moment))
    last = finalization.event
    results = {
        "format": ARCHIVE_FORMAT,
        "version": ARCHIVE_VERSION,
        "results_hash": digest,
        "plan_hash": plan.hash,
        "plan_file": PLAN_ENTRY,
        "ledger_head": head.as_data(),
        "results_head": results_head.as_data(),
        "events": len(events),
        "finalized": None
        if last is None
        else {"event": last.seq, "at": last.ts, "actor": last.actor, "changed_since": finalization.changed},
        "language": lang,
        "generated_at": _utc_text(moment),
        "toolbench_version": __version__,
    }
    files[RESULTS_FILE] = (json.dumps(results, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    target = out_dir.absolute()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        stale = tuple(remove_stale_temps(target))
        temp = Path(tempfile.mkdtemp(dir=target.parent, prefix=_temp_prefix(target), suffix=_TEMP_SUFFIX))
    except OSError as error:
        raise ArchiveError("archive.cannot_write", path=str(out_dir), reason=error.strerror or str(error)) from None
    mask = _umask()
    steps = 1 + len(files) + 2  # the results computed, each file, the procurement set, the manifest
    step(1, steps)
    try:
        for done, (name, data) in enumerate(files.items(), start=2):
            _write_file(temp / name, data, 0o666 & ~mask)
            step(done, steps)
        # the procurement set, from the same frozen moment of the ledger
        frozen = Workspace(workspace.root, plan, FrozenLedger(basis, workspace.ledger.location))
        try:
            build_report(frozen, temp / PROCUREMENT_DIR, FORMATS, lang, now=moment)
        except OutputError as error:  # it names the hidden temporary folder: name OUT instead
            raise ArchiveError("archive.cannot_write", path=str(out_dir), reason=_reason(error)) from None
        step(steps - 1, steps)
        listed, _ = _files_under(temp)
        entries = tuple((name, _sha256_file(temp / name)) for name in listed)
        manifest = "".join(f"{sha}  {name}\n" for name, sha in entries).encode("utf-8")
        _write_file(temp / MANIFEST_FILE, manifest, 0o666 & ~mask)
        step(steps, steps)
        for folder, _, _ in os.walk(temp):
            os.chmod(folder, 0o777 & ~mask)  # mkdtemp makes it private; evidence is for colleagues
        if target.is_dir():
            target.rmdir()  # empty (checked above); a folder that filled meanwhile makes this fail
        os.rename(temp, target)
    except OSError as error:
        shutil.rmtree(temp, ignore_errors=True)
        raise ArchiveError("archive.cannot_write", path=str(out_dir), reason=error.strerror or str(error)) from None
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return Manifest(
        path=target,
        files=entries,
        manifest_hash=hashlib.sha256(manifest).hexdigest(),
        results_hash=digest,
        plan_hash=plan.hash,
        ledger_head=head,
        results_head=results_head,
        finalization=finalization,
        stale_removed=stale,
    )


def _no_progress(done: int, total: int) -> None:
    """No one is watching."""


# --- verifying ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArchiveFinding:
    """One thing wrong with an archive: which file, and what (a message key and its fields)."""

    file: str
    key: str
    params: Mapping[str, object]

    def message(self, lang: Lang = "en") -> str:
        params = {
            name: value.message(lang).replace("\n", "; ") if isinstance(value, ToolbenchError) else value
            for name, value in self.params.items()
        }
        return translate(self.key, lang, file=self.file, **params)


@dataclass(frozen=True)
class VerifyResult:
    """The outcome of `verify_archive`: the findings (none when the archive holds), and what was checked."""

    path: Path
    findings: tuple[ArchiveFinding, ...]
    files: int
    """How many files MANIFEST.sha256 lists."""
    events: int
    results_hash: str | None
    """The results hash recomputed from the plan and events in the archive (None if it could not be)."""
    manifest_hash: str | None
    finalization: FinalizationStatus | None = None
    """The last finalize record in the archived ledger and whether anything followed it (None if unread)."""

    @property
    def ok(self) -> bool:
        return not self.findings

    def summary(self, lang: Lang = "en") -> str:
        if self.ok:
            return translate(
                "archive.verified",
                lang,
                path=str(self.path),
                count=self.files,
                events=self.events,
                results=self.results_hash or "-",
            )
        return translate("archive.failed", lang, path=str(self.path), count=len(self.findings))

    def lines(self, lang: Lang = "en") -> list[str]:
        """The summary, then one line per finding."""
        return [self.summary(lang), *(f"  {f.message(lang)}" for f in self.findings)]


class _Findings:
    def __init__(self) -> None:
        self.items: list[ArchiveFinding] = []

    def add(self, file: str, key: str, **params: object) -> None:
        self.items.append(ArchiveFinding(file, key, params))

    def named(self, file: str) -> bool:
        """Whether a finding already names `file` (a later check then adds nothing about it)."""
        return any(f.file == file for f in self.items)


def _safe_entry(name: str) -> bool:
    """A manifest path that stays inside the archive: relative, `/`-separated, no `..`."""
    return not name.startswith("/") and "\\" not in name and all(p not in ("", ".", "..") for p in name.split("/"))


def _read_manifest(root: Path, out: _Findings) -> tuple[dict[str, str], str | None]:
    path = root / MANIFEST_FILE
    if path.is_symlink() or not path.is_file():
        out.add(MANIFEST_FILE, "archive.f.no_manifest")
        return {}, None
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        out.add(MANIFEST_FILE, "archive.f.unreadable", reason=reason)
        return {}, None
    entries: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = _MANIFEST_LINE.fullmatch(line)
        if match is None:
            out.add(MANIFEST_FILE, "archive.f.manifest_line", line=number)
            continue
        sha, name = match.group(1).lower(), match.group(2)
        if not _safe_entry(name):
            out.add(MANIFEST_FILE, "archive.f.manifest_path", line=number, entry=name)
        elif name in entries:
            out.add(MANIFEST_FILE, "archive.f.manifest_twice", line=number, entry=name)
        else:
            entries[name] = sha
    return entries, hashlib.sha256(raw).hexdigest()


def _check_files(root: Path, entries: Mapping[str, str], out: _Findings) -> None:
    present, links = _files_under(root)
    for name in links:
        out.add(name, "archive.f.link")
    linked = set(links)
    for name, expected in sorted(entries.items()):
        path = root / name
        if name in linked:
            continue
        if not path.is_file():
            out.add(name, "archive.f.missing")
            continue
        try:
            actual = _sha256_file(path)
        except OSError as error:
            out.add(name, "archive.f.unreadable", reason=error.strerror or str(error))
            continue
        if actual != expected:
            out.add(name, "archive.f.differs", expected=expected[:16], actual=actual[:16])
    for name in present:
        if name != MANIFEST_FILE and name not in entries:
            out.add(name, "archive.f.unlisted")


def _read_text(root: Path, name: str, out: _Findings) -> str | None:
    path = root / name
    if path.is_symlink() or not path.is_file():
        return None  # already named by the file check (missing, link) or by the caller
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        out.add(name, "archive.f.unreadable", reason=reason)
        return None


def _read_results(root: Path, out: _Findings) -> dict[str, Any] | None:
    text = _read_text(root, RESULTS_FILE, out)
    if text is None:
        if not (root / RESULTS_FILE).exists():
            out.add(RESULTS_FILE, "archive.f.missing")
        return None
    try:
        data = json.loads(text)
    except ValueError as error:
        out.add(RESULTS_FILE, "archive.f.results_json", reason=str(error))
        return None
    if not isinstance(data, dict) or data.get("format") != ARCHIVE_FORMAT:
        out.add(RESULTS_FILE, "archive.f.results_json", reason=f"not a {ARCHIVE_FORMAT} record")
        return None
    version = data.get("version")
    if not isinstance(version, int) or version > ARCHIVE_VERSION:
        out.add(RESULTS_FILE, "archive.f.newer", found=version, supported=ARCHIVE_VERSION)
        return None
    for key in ("results_hash", "plan_hash", "ledger_head"):
        if key not in data:
            out.add(RESULTS_FILE, "archive.f.results_json", reason=f"'{key}' is missing")
            return None
    return data


def _read_plan_entry(root: Path, out: _Findings) -> Plan | None:
    text = _read_text(root, PLAN_ENTRY, out)
    if text is None:
        if not (root / PLAN_ENTRY).exists():
            out.add(PLAN_ENTRY, "archive.f.missing")
        return None
    try:
        text = text.removeprefix("\ufeff")  # as the workspace reads it (utf-8-sig)
        return parse_plan(parse_toml_text(text, PLAN_ENTRY), file=PLAN_ENTRY, text=text)
    except PlanError as error:
        out.add(PLAN_ENTRY, "archive.f.plan", reason=error)
        return None


def _read_events(root: Path, out: _Findings) -> list[StoredRow] | None:
    text = _read_text(root, EVENTS_ENTRY, out)
    if text is None:
        if not (root / EVENTS_ENTRY).exists():
            out.add(EVENTS_ENTRY, "archive.f.missing")
        return None
    rows: list[StoredRow] = []
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for number, line in enumerate(lines, start=1):
        try:
            record = json.loads(line)
        except ValueError as error:
            out.add(EVENTS_ENTRY, "archive.f.event_line", line=number, reason=str(error))
            return None
        if not isinstance(record, dict) or set(record) != set(EVENT_FIELDS):
            reason = f"needs exactly the fields {', '.join(EVENT_FIELDS)}"
            out.add(EVENTS_ENTRY, "archive.f.event_line", line=number, reason=reason)
            return None
        try:
            payload_text = canonical_json(record["payload"])
        except ValueError as error:
            out.add(EVENTS_ENTRY, "archive.f.event_line", line=number, reason=str(error))
            return None
        rows.append(
            StoredRow(
                record["seq"],
                record["ts"],
                record["actor"],
                record["kind"],
                payload_text,
                record["plan_hash"],
                record["prev_hash"],
                record["hash"],
            )
        )
    return rows


def _as_head(value: object) -> LedgerHead | None:
    if not isinstance(value, Mapping) or not isinstance(value.get("seq"), int):
        return None
    digest = value.get("hash")
    return LedgerHead(value["seq"], digest if isinstance(digest, str) else None)


def _check_finalize_records(plan: Plan, events: Sequence[Event], hashes: dict[int, str], out: _Findings) -> None:
    """Each finalize record names an event of this chain and, under this plan, the results it computes."""
    by_seq = {e.seq: e for e in events}
    for event in events:
        if event.kind != FINALIZED:
            continue
        head = recorded_head(event)
        target = by_seq.get(head.seq)
        if head.seq >= event.seq or (head.seq and (target is None or target.hash != head.hash)):
            out.add(EVENTS_ENTRY, "archive.f.finalize_head", seq=event.seq, head=head.short())
            continue
        if event.payload.get("plan_hash") != plan.hash:
            continue  # finalized under an earlier plan, which the archive does not hold
        if head.seq not in hashes:
            basis = [e for e in events if e.seq <= head.seq]
            hashes[head.seq] = results_hash(evaluation_of(plan, basis))
        recorded = event.payload.get("results_hash")
        if recorded != hashes[head.seq]:
            out.add(
                EVENTS_ENTRY,
                "archive.f.finalize_results",
                seq=event.seq,
                expected=str(recorded)[:16],
                actual=hashes[head.seq][:16],
            )


def _rendered_reports(plan: Plan, basis: Sequence[Event], lang: Lang, moment: datetime) -> dict[str, bytes]:
    """Every report of the archive rendered again from the plan and events, as `write_archive` wrote them."""
    evaluation = evaluation_of(plan, basis)
    files = _matrix_files(evaluation, lang, moment)
    with tempfile.TemporaryDirectory(prefix="toolbench-verify-") as scratch:
        root = Path(scratch)
        frozen = Workspace(root, plan, FrozenLedger(basis, EVENTS_ENTRY))
        folder = root / "procurement"
        for path in build_report(frozen, folder, FORMATS, lang, now=moment):
            files[f"{PROCUREMENT_DIR}/{path.relative_to(folder).as_posix()}"] = path.read_bytes()
    return files


_XLSX_TIMES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _same_report(name: str, stored: bytes, rendered: bytes) -> bool:
    """Byte for byte; a workbook part by part, its creation time aside.

    openpyxl stamps a workbook's zip entries and docProps/core.xml with the wall-clock
    time it was saved, which no input records; every part is compared, core.xml with
    those two times blanked.
    """
    if stored == rendered:
        return True
    if not name.endswith(".xlsx"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(stored)) as a, zipfile.ZipFile(io.BytesIO(rendered)) as b:
            names = [i.filename for i in a.infolist()]
            if names != [i.filename for i in b.infolist()] or a.comment != b.comment:
                return False
            for part in names:
                x, y = a.read(part), b.read(part)
                if part == "docProps/core.xml":
                    x, y = _XLSX_TIMES.sub(rb"\1\2", x), _XLSX_TIMES.sub(rb"\1\2", y)
                if x != y:
                    return False
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False
    return True


def _generated_at(results: Mapping[str, Any]) -> datetime | None:
    value = results.get("generated_at")
    try:
        return datetime.strptime(str(value), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None


def _check_reports(
    root: Path, plan: Plan, basis: Sequence[Event], results: Mapping[str, Any], out: _Findings
) -> set[str] | None:
    """Every report is what the archived plan and events give, rendered at the recorded time; return their names.

    So a report is bound to the plan and the events (and through them to the results
    hash) however the manifest was rewritten: editing summary.csv, matrix.html or
    public-results.csv is named even when MANIFEST.sha256 was updated to match.
    """
    moment = _generated_at(results)
    lang = results.get("language")
    if moment is None or lang not in LANGS:
        out.add(RESULTS_FILE, "archive.f.render_inputs", at=str(results.get("generated_at")), language=str(lang))
        return None
    try:
        rendered = _rendered_reports(plan, basis, lang, moment)
    except ToolbenchError as error:
        out.add(RESULTS_FILE, "archive.f.evaluate", reason=error)
        return None
    hint: str | Message = ""
    written = results.get("toolbench_version")
    if written != __version__:
        hint = Message("archive.f.version_hint", written=str(written), running=__version__)
    for name, data in sorted(rendered.items()):
        path = root / name
        if out.named(name):
            continue  # already named by the manifest check (changed, missing, a link)
        if path.is_symlink() or not path.is_file():
            out.add(name, "archive.f.report_missing")
            continue
        try:
            stored = path.read_bytes()
        except OSError as error:
            out.add(name, "archive.f.unreadable", reason=error.strerror or str(error))
            continue
        if not _same_report(name, stored, data):
            out.add(name, "archive.f.report_differs", at=_utc_text(moment), hint=hint)
    return set(rendered)


def _check_expected_files(root: Path, reports: set[str], out: _Findings) -> None:
    """No file beyond the archive's own: one added together with a manifest line is named too."""
    present, _ = _files_under(root)
    known = {MANIFEST_FILE, RESULTS_FILE, PLAN_ENTRY, EVENTS_ENTRY, *reports}
    for name in present:
        if name not in known and not out.named(name):
            out.add(name, "archive.f.foreign")


def expected_hash(value: str) -> str:
    """A quoted SHA-256 as `--expect` takes it: 12 to 64 hex digits; ValueError otherwise."""
    text = value.strip().lower()
    if not re.fullmatch(r"[0-9a-f]{12,64}", text):
        raise ValueError(value)
    return text


def verify_archive(out_dir: str | Path, *, expect: str | None = None) -> VerifyResult:
    """Check an evidence package from its own files alone; every problem becomes a finding.

    The files against MANIFEST.sha256 (changed, missing, unlisted); the exported
    ledger's hash chain (the first bad event); the plan (it parses, and hashes to
    what results.json records); the results (re-evaluating the plan with the events
    gives the recorded results hash, and reports/matrix.json holds them); the ledger
    head; and every finalize record in the ledger.
    """
    root = Path(out_dir)
    if not root.is_dir():
        raise ArchiveError("archive.not_found", path=str(root))
    out = _Findings()
    entries, manifest_hash = _read_manifest(root, out)
    if expect is not None and manifest_hash is not None and not manifest_hash.startswith(expected_hash(expect)):
        out.add(MANIFEST_FILE, "archive.f.expect", actual=manifest_hash, expected=expected_hash(expect))
    if manifest_hash is not None:  # without a manifest, listing every file as unlisted would say nothing more
        _check_files(root, entries, out)
    results = _read_results(root, out)
    plan = _read_plan_entry(root, out)
    rows = _read_events(root, out)

    if plan is not None and results is not None and results.get("plan_hash") != plan.hash:
        out.add(PLAN_ENTRY, "archive.f.plan_hash", actual=plan.hash[:16], expected=str(results.get("plan_hash"))[:16])

    events: list[Event] | None = None
    if rows is not None:
        chain = verify_rows(rows, None, None)
        if not chain.ok:
            reason = Message(chain.reason_key or "audit.reason.hash", **chain.reason_params)
            out.add(EVENTS_ENTRY, "archive.f.chain", seq=chain.bad_seq, reason=reason)
        else:
            events = [
                Event(r.seq, r.ts, r.actor, r.kind, json.loads(r.payload_text), r.plan_hash, r.prev_hash, r.hash)
                for r in rows
            ]
            recorded_head = _as_head(results.get("ledger_head")) if results is not None else None
            head = head_of(events)
            if results is not None and recorded_head != head:
                shown = recorded_head.short() if recorded_head is not None else str(results.get("ledger_head"))
                out.add(EVENTS_ENTRY, "archive.f.head", actual=head.short(), expected=shown)

    recomputed: str | None = None
    finalization = finalization_of(plan.hash, events) if plan is not None and events is not None else None
    if plan is not None and events is not None:
        basis = results_events(events)
        try:
            recomputed = results_hash(evaluation_of(plan, basis))
            hashes = {head_of(basis).seq: recomputed}
            _check_finalize_records(plan, events, hashes, out)
        except ToolbenchError as error:
            out.add(RESULTS_FILE, "archive.f.evaluate", reason=error)
        if recomputed is not None and results is not None and results.get("results_hash") != recomputed:
            hint: str | Message = ""
            written = results.get("toolbench_version")
            if written != __version__:
                hint = Message("archive.f.version_hint", written=str(written), running=__version__)
            out.add(
                RESULTS_FILE,
                "archive.f.results",
                actual=recomputed[:16],
                expected=str(results.get("results_hash"))[:16],
                hint=hint,
            )
    if plan is not None and events is not None and plan.stages:
        _check_draws(plan, events, out)
    if recomputed is not None:
        _check_matrix_json(root, recomputed, out)
    if recomputed is not None and plan is not None and events is not None and results is not None:
        reports = _check_reports(root, plan, results_events(events), results, out)
        if reports is not None:
            _check_expected_files(root, reports, out)
    if finalization is not None and results is not None:
        _check_finalized_claim(results, finalization, out)
    return VerifyResult(
        path=root,
        findings=tuple(out.items),
        files=len(entries),
        events=len(rows) if rows is not None else 0,
        results_hash=recomputed,
        manifest_hash=manifest_hash,
        finalization=finalization,
    )


def _check_draws(plan: Plan, events: Sequence[Event], out: _Findings) -> None:
    """Every draw by lot recomputes from the ledger: the revealed seed is the one committed to, and gives the order."""
    found, _ = staged_evaluation(plan, events)
    for draw in found.log.draws.values():
        problem = draw.problem()
        if problem is not None:
            out.add(EVENTS_ENTRY, f"archive.f.draw_{problem}", draw=draw.id, seq=draw.revealed_seq or 0)


def _check_finalized_claim(results: Mapping[str, Any], status: FinalizationStatus, out: _Findings) -> None:
    """What results.json says about finalization is what the exported ledger says."""
    claim = results.get("finalized")
    if status.event is None:
        holds = claim is None
    else:
        holds = (
            isinstance(claim, Mapping)
            and claim.get("event") == status.event.seq
            and claim.get("changed_since") is status.changed
        )
    if not holds:
        ledger = "-" if status.event is None else f"#{status.event.seq}"
        out.add(RESULTS_FILE, "archive.f.finalized_claim", ledger=ledger, changed=str(status.changed).lower())


def _check_matrix_json(root: Path, recomputed: str, out: _Findings) -> None:
    """reports/matrix.json is the results themselves: its canonical form must hash to the results hash."""
    if not (root / MATRIX_JSON_ENTRY).is_file():
        return  # named by the manifest check when it was listed
    text = _read_text(root, MATRIX_JSON_ENTRY, out)
    if text is None:
        return
    try:
        actual = _data_hash(json.loads(text))
    except ValueError:
        actual = "-"
    if actual != recomputed:
        out.add(MATRIX_JSON_ENTRY, "archive.f.matrix_json", actual=actual[:16], expected=recomputed[:16])
