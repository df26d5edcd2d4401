"""A cache of computed matrices, so that reading a report does not re-run the evaluation.

The evaluation is a pure function of the plan's content, the ledger's events, the
language and toolbench's own code. A snapshot is stored under a key made of exactly
those: the plan's content hash, the ledger head (sequence number and hash, after the
whole chain has been verified, so the head stands for every event before it), the
language, and a fingerprint of the installed toolbench modules. Any change to any of
them gives another key, and the matrix is computed afresh.

Looking a snapshot up needs only tomllib, sqlite3 and hashlib, not the plan models,
which is what keeps `toolbench matrix` quick to answer. A snapshot that cannot be
read is ignored; a report is never produced from a ledger whose chain is broken.

A snapshot is a file in the workspace, which others may be able to write (a shared
folder). So each one carries an HMAC made with a key that only this user can read
(in the user's cache folder, not the workspace): an edited snapshot fails the check
and the matrix is computed afresh from the ledger. A user without a writable cache
folder simply gets no snapshots.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import sys
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from toolbench._version import __version__
from toolbench.base.canonical import content_hash
from toolbench.base.files import atomic_write
from toolbench.base.i18n import Lang, detect_lang
from toolbench.base.paths import LEDGER_FILE, PLAN_FILE, STATE_DIR, find_root
from toolbench.documents.matrix import view_from_data, view_to_data
from toolbench.documents.model import MatrixView
from toolbench.store.ledger import SQLiteLedger, require_intact

CACHE_DIR = "cache"
_FORMAT = 1


@dataclass(frozen=True)
class Snapshot:
    """A computed matrix: the view every text format is drawn from, and the JSON data."""

    view: MatrixView
    data: dict[str, Any]


def _key_path() -> Path:
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        base = Path(os.environ["LOCALAPPDATA"])
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "toolbench" / "snapshot.key"


def _mac_key(create: bool) -> bytes | None:
    """This user's snapshot key, made on first use (readable by the user only)."""
    path = _key_path()
    try:
        return path.read_bytes()
    except OSError:
        if not create:
            return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(handle, "wb") as out:
            out.write(secrets.token_bytes(32))
        return path.read_bytes()
    except FileExistsError:  # made by another process just now
        return path.read_bytes()
    except OSError:
        return None


def _mac(key: bytes, record: dict[str, Any]) -> str:
    body = json.dumps({k: record[k] for k in ("key", "view", "data")}, sort_keys=True, ensure_ascii=False)
    return hmac.new(key, body.encode("utf-8"), hashlib.sha256).hexdigest()


def code_fingerprint() -> str:
    """Version plus name, size and modification time of every toolbench module."""
    package = Path(__file__).parent.parent
    parts = [__version__, str(_FORMAT)]
    for path in sorted(package.rglob("*.py")):
        stat = path.stat()
        parts.append(f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def snapshot_key(plan_hash: str, head_seq: int, head_hash: str | None, lang: Lang) -> str:
    text = "\n".join([code_fingerprint(), plan_hash, str(head_seq), head_hash or "-", lang])
    return hashlib.sha256(text.encode()).hexdigest()


def _path(root: Path, lang: Lang) -> Path:
    return root / STATE_DIR / CACHE_DIR / f"matrix-{lang}.json"


def lookup(directory: str | None, lang_option: str | None) -> Snapshot | None:
    """The stored matrix for the workspace as it is now, or None if it must be computed.

    Raises the same errors as a full evaluation for a missing workspace or a broken
    ledger chain; anything unexpected about the plan or the snapshot just means
    "compute it".
    """

    root = find_root(Path(directory) if directory else Path.cwd())
    ledger_file = root / STATE_DIR / LEDGER_FILE
    try:
        data = tomllib.loads((root / PLAN_FILE).read_text(encoding="utf-8-sig"), parse_float=Decimal)
        language = data.get("evaluation", {}).get("language", "ja")
        lang = detect_lang(lang_option, language if isinstance(language, str) else None)
        plan_hash = content_hash(data)
        stored = json.loads(_path(root, lang).read_text(encoding="utf-8"))
    except (OSError, ValueError, AttributeError, RecursionError, tomllib.TOMLDecodeError):
        return None  # the command reports the plan's problem when it opens the workspace
    if not ledger_file.exists():
        return None
    with SQLiteLedger(ledger_file) as ledger:
        check = require_intact(ledger)
    if not isinstance(stored, dict) or stored.get("key") != snapshot_key(plan_hash, check.count, check.head_hash, lang):
        return None
    secret = _mac_key(create=False)
    try:
        if secret is None or not hmac.compare_digest(str(stored["mac"]), _mac(secret, stored)):
            return None
        return Snapshot(view_from_data(stored["view"]), stored["data"])
    except (KeyError, TypeError, ValueError, ArithmeticError):
        return None


def store(root: Path, plan_hash: str, head_seq: int, head_hash: str | None, snapshot: Snapshot) -> None:
    """Keep a computed matrix for the next lookup; failing to write it is not an error."""
    secret = _mac_key(create=True)
    if secret is None:
        return
    lang = snapshot.view.lang
    record: dict[str, Any] = {
        "key": snapshot_key(plan_hash, head_seq, head_hash, lang),
        "view": view_to_data(snapshot.view),
        "data": snapshot.data,
    }
    record["mac"] = _mac(secret, record)
    path = _path(root, lang)
    try:
        path.parent.mkdir(exist_ok=True)
        atomic_write(path, json.dumps(record, ensure_ascii=False))
    except OSError:
        pass
