"""A cache of computed results, so that reading a report does not re-run the evaluation.

The matrix, the weights and the rater checks are pure functions of the plan's content,
the ledger's events, the language, toolbench's own code (and a command's options). A
result is stored under a key made of exactly those: the plan's content hash, the ledger
head (sequence number and hash, after the whole chain has been verified, so the head
stands for every event before it), the language, a fingerprint of the installed
toolbench modules, and the options. Any change to any of them gives another key, and
the result is computed afresh.

Looking a result up needs only tomllib, sqlite3 and hashlib, not the plan models,
which is what keeps `toolbench matrix`, `weights` and `fairness` quick to answer. The
head is read from the store the workspace keeps its ledger in (`model.location`: the
`--store` given, `TOOLBENCH_STORE`, the plan's `[store] url`, else the SQLite file), so a
workspace on a PostgreSQL server keys its results by its own head. A
stored result that cannot be read is ignored; a report is never produced from a ledger
whose chain is broken. While the workspace is blind no document is kept, so that the
sealed mapping is read on every run (the matrix command makes the same choice).

A stored result is a file in the workspace, which others may be able to write (a
shared folder). So each one carries an HMAC made with a key that only this user can
read (in the user's cache folder, not the workspace), taken over the very bytes stored
after it: an edited file fails the check and the result is computed afresh from the
ledger. A user without a writable cache folder simply gets nothing stored.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import hmac
import json
import os
import secrets
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, Final

from toolbench._version import __version__
from toolbench.base.canonical import content_hash
from toolbench.base.errors import WorkspaceError
from toolbench.base.files import atomic_write_bytes
from toolbench.base.i18n import Lang, detect_lang
from toolbench.base.paths import PLAN_FILE, STATE_DIR, find_root, user_cache_dir
from toolbench.documents.matrix import view_from_data, view_to_data
from toolbench.documents.model import Bars, CellView, Document, Figure, Levels, MatrixView, RowView, Section, Table
from toolbench.model.location import STORE_TABLE, StoreChoice, hashed_content, plan_store_url, select_store
from toolbench.store import open_ledger
from toolbench.store.ledger import require_intact

CACHE_DIR = "cache"
BLIND_FILE = "blind.json"
_FORMAT = 2


@dataclass(frozen=True)
class Snapshot:
    """A computed matrix: the view every text format is drawn from, and the JSON data."""

    view: MatrixView
    data: dict[str, Any]
    key: str = ""
    """The key it is kept under (empty for a matrix that is not kept): what its printed forms are kept by."""
    root: Path | None = None
    events: int = 0
    """How many events the ledger held (its head's sequence number)."""


@dataclass(frozen=True)
class Kept:
    """A document as a command showed it for the workspace, and the names the terminal keeps whole."""

    document: Document
    names: tuple[str, ...]


# --- the user's key and the stored records ----------------------------------------------


def _key_path() -> Path:
    return user_cache_dir() / "snapshot.key"


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


# A record is one JSON object whose first member is the MAC of everything after it:
#   {"mac": "<64 hex>", "key": …, …}
# The MAC is taken over the body as stored, `{"key": …, …}` (the same bytes without the
# MAC member), so checking it needs no parsing and no re-serialising, and the whole file
# stays JSON a person can read.
_MAC_OPEN: Final = b'{"mac": "'
_MAC_CLOSE: Final = b'", '
_MAC_HEX: Final = 64


def _mac(key: bytes, body: bytes) -> bytes:
    return hmac.new(key, body, hashlib.sha256).hexdigest().encode("ascii")


def write_record(path: Path, body: dict[str, Any]) -> None:
    """Store `body` (a JSON object, its "key" first) with its MAC; failing to write it is not an error."""
    secret = _mac_key(create=True)
    if secret is None:
        return
    try:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    except (TypeError, ValueError):  # not JSON, or text that is not UTF-8 (a lone surrogate)
        return
    if not data.startswith(b"{") or data == b"{}":
        return
    try:
        path.parent.mkdir(exist_ok=True)
        atomic_write_bytes(path, _MAC_OPEN + _mac(secret, data) + _MAC_CLOSE + data[1:])
    except OSError:
        pass


def read_record(path: Path, key: str) -> dict[str, Any] | None:
    """The body stored at `path` under `key`, or None if it is missing, stale, unreadable or fails its MAC."""
    try:
        stored = path.read_bytes()
    except OSError:
        return None
    end = len(_MAC_OPEN) + _MAC_HEX
    if not stored.startswith(_MAC_OPEN) or stored[end : end + len(_MAC_CLOSE)] != _MAC_CLOSE:
        return None
    body = b"{" + stored[end + len(_MAC_CLOSE) :]
    secret = _mac_key(create=False)
    if secret is None or not hmac.compare_digest(stored[len(_MAC_OPEN) : end], _mac(secret, body)):
        return None
    try:
        record = json.loads(body)
    except (ValueError, RecursionError):
        return None
    if not isinstance(record, dict) or record.get("key") != key:
        return None
    return record


# --- keys -----------------------------------------------------------------------------------


def code_fingerprint() -> str:
    """Version plus name, size and modification time of every toolbench module."""
    package = Path(__file__).parent.parent
    parts = [__version__, str(_FORMAT)]
    for path in sorted(package.rglob("*.py")):
        stat = path.stat()
        parts.append(f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def snapshot_key(plan_hash: str, head_seq: int, head_hash: str | None, lang: Lang, *options: str) -> str:
    """The key of a result: code, plan, ledger head, language, and the options it was computed with."""
    text = "\n".join([code_fingerprint(), plan_hash, str(head_seq), head_hash or "-", lang, *options])
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class _Now:
    """The workspace as it is now, read without the plan models: what a key is made of."""

    root: Path
    lang: Lang
    plan_hash: str
    store: StoreChoice


def ledger_location(directory: str | None) -> str | Path | None:
    """Where the workspace's ledger is (a file that exists, or a server URL), read without the plan models.

    None when the plan cannot be read cheaply or there is no ledger file yet: opening the
    workspace then says what is wrong. What `audit verify` needs, and no more.
    """
    now = _now(directory, None)
    if now is None:
        return None
    location = now.store.location
    return None if isinstance(location, Path) and not location.exists() else location


def _now(directory: str | None, lang_option: str | None) -> _Now | None:
    """The root, the language, the plan's content hash and the store; None if the plan cannot be read cheaply."""
    root = find_root(Path(directory) if directory else Path.cwd())
    try:
        data = tomllib.loads((root / PLAN_FILE).read_text(encoding="utf-8-sig"), parse_float=Decimal)
        language = data.get("evaluation", {}).get("language", "ja")
        lang = detect_lang(lang_option, language if isinstance(language, str) else None)
        plan_hash = content_hash(hashed_content(data))
        url = plan_store_url(data)
        if url is None and STORE_TABLE in data:
            return None
        store = select_store(root, url)
    except (OSError, ValueError, AttributeError, RecursionError, tomllib.TOMLDecodeError, WorkspaceError):
        return None  # the command reports the plan's problem when it opens the workspace
    return _Now(root, lang, plan_hash, store)


def _key_now(now: _Now, *options: str) -> str | None:
    """The key for the workspace as it is now, after verifying the chain (None without a ledger).

    Raises LedgerCorrupt for a broken chain, as a full evaluation would.
    """
    head = _head_now(now)
    return None if head is None else snapshot_key(now.plan_hash, head[0], head[1], now.lang, *options)


def _head_now(now: _Now) -> tuple[int, str | None] | None:
    """The ledger's verified head (count, hash), or None without a ledger; LedgerCorrupt for a broken chain."""
    location = now.store.location
    if isinstance(location, Path) and not location.exists():
        return None
    with open_ledger(location) as ledger:
        check = require_intact(ledger)
    return check.count, check.head_hash


# --- the matrix --------------------------------------------------------------------------------


def _path(root: Path, lang: Lang) -> Path:
    return root / STATE_DIR / CACHE_DIR / f"matrix-{lang}.json"


def _data_path(root: Path, lang: Lang) -> Path:
    return root / STATE_DIR / CACHE_DIR / f"matrix-data-{lang}.json"


def lookup(directory: str | None, lang_option: str | None, options: Sequence[str] = ()) -> Snapshot | None:
    """The stored matrix for the workspace as it is now (and these options, e.g. its stage), or None.

    None means it must be computed. Raises the same errors as a full evaluation for a
    missing workspace or a broken ledger chain; anything unexpected about the plan or
    the snapshot just means "compute it".
    """
    now = _now(directory, lang_option)
    if now is None:
        return None
    path = _path(now.root, now.lang)
    if not path.is_file():
        return None
    head = _head_now(now)
    key = None if head is None else snapshot_key(now.plan_hash, head[0], head[1], now.lang, *options)
    stored = None if key is None or head is None else read_record(path, key)
    if stored is None or head is None:
        return None
    try:
        return Snapshot(view_from_data(stored["view"]), stored["data"], key or "", now.root, head[0])
    except (KeyError, TypeError, ValueError, AttributeError, ArithmeticError):
        return None


def lookup_data(snapshot: Snapshot) -> Snapshot | None:
    """The snapshot with its full data (every cell's scores: the JSON document), or None if none is kept."""
    if not snapshot.key or snapshot.root is None:
        return None
    stored = read_record(_data_path(snapshot.root, snapshot.view.lang), snapshot.key)
    data = None if stored is None else stored.get("data")
    return dataclasses.replace(snapshot, data=data) if isinstance(data, dict) else None


def store(
    root: Path,
    plan_hash: str,
    head_seq: int,
    head_hash: str | None,
    snapshot: Snapshot,
    *,
    detail: dict[str, Any] | None = None,
    options: Sequence[str] = (),
) -> Snapshot:
    """Keep a computed matrix for the next lookup (failing to write it is not an error); it, with its key.

    `snapshot.data` is kept with the view (the names and figures a table needs);
    `detail`, the full data with every cell's scores, is kept apart for the JSON
    document, which is the only format that needs it (at 600,000 scores it is 50
    times the size of the view). `options` are what else it was computed with (the
    stage asked for): part of its key, so a matrix of one stage never answers for another.
    """
    lang = snapshot.view.lang
    key = snapshot_key(plan_hash, head_seq, head_hash, lang, *options)
    write_record(_path(root, lang), {"key": key, "view": view_to_data(snapshot.view), "data": snapshot.data})
    if detail is not None:
        write_record(_data_path(root, lang), {"key": key, "data": detail})
    return dataclasses.replace(snapshot, key=key, root=root, events=head_seq)


# --- the matrix as printed ----------------------------------------------------------------------
# Drawing a table of 200 tools takes longer than computing it from the snapshot. What a
# terminal was shown is kept under the matrix's key and how it was drawn (format, width,
# colours), so asking again at the same terminal prints it without drawing.


def _printed_path(root: Path, key: str, how: str) -> Path:
    drawn = hashlib.sha256(how.encode()).hexdigest()[:16]
    return root / STATE_DIR / CACHE_DIR / f"printed-{key[:16]}-{drawn}.json"


def lookup_printed(directory: str | None, lang_option: str | None, how: str, options: Sequence[str] = ()) -> str | None:
    """The text printed for the matrix of the workspace as it is now (with `options`), drawn `how`, or None.

    Looked up before the matrix itself (whose snapshot is far larger than its picture);
    raises like `lookup` for a missing workspace or a broken chain.
    """
    now = _now(directory, lang_option)
    if now is None or _blind(now.root) or not any((now.root / STATE_DIR / CACHE_DIR).glob("printed-*.json")):
        return None
    key = _key_now(now, *options)
    if key is None:
        return None
    stored = read_record(_printed_path(now.root, key, how), f"{key}\n{how}")
    text = None if stored is None else stored.get("text")
    return text if isinstance(text, str) else None


def store_printed(snapshot: Snapshot, how: str, text: str) -> None:
    """Keep the text printed for this matrix drawn `how` (only the current matrix's are kept)."""
    if not snapshot.key or snapshot.root is None:
        return
    folder = snapshot.root / STATE_DIR / CACHE_DIR
    for old in folder.glob("printed-*.json"):  # an earlier matrix's: never asked for again
        if not old.name.startswith(f"printed-{snapshot.key[:16]}-"):
            with contextlib.suppress(OSError):
                old.unlink()
    write_record(_printed_path(snapshot.root, snapshot.key, how), {"key": f"{snapshot.key}\n{how}", "text": text})


# --- documents (weights, fairness) ---------------------------------------------------------------

_KINDS: Final = frozenset({"weights", "fairness", "robustness", "log", "hearings"})
"""The documents kept: each in its own file per language (the latest options win)."""


def _document_path(root: Path, kind: str, lang: Lang) -> Path:
    if kind not in _KINDS:
        raise ValueError(f"no documents of kind {kind!r} are kept")
    return root / STATE_DIR / CACHE_DIR / f"{kind}-{lang}.json"


def _blind(root: Path) -> bool:
    return (root / STATE_DIR / BLIND_FILE).exists()


def lookup_document(directory: str | None, lang_option: str | None, kind: str, options: Sequence[str]) -> Kept | None:
    """The document a command showed for the workspace as it is now (with these options), or None.

    Raises like `lookup` for a missing workspace or a broken chain.
    """
    now = _now(directory, lang_option)
    if now is None or _blind(now.root):
        return None
    path = _document_path(now.root, kind, now.lang)
    if not path.is_file():
        return None
    key = _key_now(now, kind, *options)
    stored = None if key is None else read_record(path, key)
    if stored is None:
        return None
    try:
        document = _decode(stored["document"])
        names = tuple(stored["names"])
    except (KeyError, TypeError, ValueError, AttributeError, ArithmeticError, RecursionError):
        return None
    if not isinstance(document, Document) or not all(isinstance(name, str) for name in names):
        return None
    return Kept(document, names)


def store_document(
    root: Path,
    plan_hash: str,
    head_seq: int,
    head_hash: str | None,
    kind: str,
    options: Sequence[str],
    kept: Kept,
) -> None:
    """Keep a document as shown (its time left out) for the next lookup; failing to is not an error."""
    if _blind(root):
        return
    lang = kept.document.lang
    try:
        document = _encode(dataclasses.replace(kept.document, generated=None))
    except (TypeError, ValueError, RecursionError):
        return  # something a document does not usually hold: shown, not kept
    record = {
        "key": snapshot_key(plan_hash, head_seq, head_hash, lang, kind, *options),
        "document": document,
        "names": list(kept.names),
    }
    write_record(_document_path(root, kind, lang), record)


# A document as JSON: JSON's own values as they are; exact numbers, tuples, times and the
# document's parts as {"§": type, "v": value}, so that every writer gets back exactly the
# values it was given (Fraction stays Fraction, a tuple stays a tuple).
_TAG: Final = "§"
_PARTS: Final[dict[str, type[Any]]] = {
    cls.__name__: cls for cls in (Document, Section, Table, Bars, Figure, Levels, MatrixView, RowView, CellView)
}


def _encode(value: Any) -> Any:
    kind = type(value)
    if value is None or kind in (str, int, float, bool):
        return value
    if kind is list:
        return [_encode(item) for item in value]
    if kind is tuple:
        return {_TAG: "tuple", "v": [_encode(item) for item in value]}
    if kind is dict:
        if not all(type(name) is str for name in value):
            raise TypeError("a mapping with keys that are not text")
        items = {name: _encode(item) for name, item in value.items()}
        return {_TAG: "dict", "v": items} if _TAG in items else items
    if kind is Decimal:
        return {_TAG: "decimal", "v": str(value)}
    if kind is Fraction:
        return {_TAG: "fraction", "v": f"{value.numerator}/{value.denominator}"}
    if kind is datetime and value.tzinfo in (None, UTC):
        return {_TAG: "datetime", "v": value.isoformat()}
    if _PARTS.get(kind.__name__) is kind:
        fields = {field.name: _encode(getattr(value, field.name)) for field in dataclasses.fields(value)}
        return {_TAG: kind.__name__, "v": fields}
    raise TypeError(f"{kind.__name__} is not kept")


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if not isinstance(value, dict):
        return value
    tag = value.get(_TAG)
    if tag is None:
        return {name: _decode(item) for name, item in value.items()}
    inner = value["v"]
    if tag == "tuple":
        return tuple(_decode(item) for item in inner)
    if tag == "dict":
        return {name: _decode(item) for name, item in inner.items()}
    if tag == "decimal":
        return Decimal(inner)
    if tag == "fraction":
        return Fraction(inner)
    if tag == "datetime":
        return datetime.fromisoformat(inner)
    return _PARTS[tag](**{name: _decode(item) for name, item in inner.items()})
