"""`toolbench catalog pull`: fetch a catalog another city or a prefecture publishes.

The fetch is careful because the file comes from outside: HTTPS with certificate
checks (plain HTTP only when asked for, e.g. a server on the city's own network),
a timeout that covers the whole exchange (connecting, the TLS handshake, the status
line and headers, the body: a server sending one byte a second is cut off at the
deadline, not merely when it pauses), a cap on the size, redirects followed only within the same scheme, an
optional SHA-256 pin, and ETag / If-None-Match so that an unchanged catalog is not
downloaded again. Every entry is validated before anything is written, and the
pulled file and the record of sources are each replaced whole, so a failed pull
leaves the local catalog as it was.
"""

from __future__ import annotations

import hashlib
import json
import re
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from toolbench.base.errors import CatalogError
from toolbench.base.files import atomic_write, atomic_write_bytes
from toolbench.base.paths import STATE_DIR
from toolbench.base.toml_write import dumps as toml_dumps
from toolbench.workspace.catalog import (
    CATALOG_FORMAT,
    INDEX_FORMAT,
    PULLED_DIR,
    SOURCES_FILE,
    CatalogEntry,
    document,
    entries_from_data,
    parse_document,
)

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = 1024 * 1024
MAX_REDIRECTS = 5
MAX_INDEX_FILES = 100
RAW_DIR = "raw"


@dataclass(frozen=True)
class PullResult:
    """What a pull did: where it came from, where it went, and whether anything changed."""

    url: str
    file: Path
    entries: int
    changed: bool
    sha256: str


@dataclass(frozen=True)
class _Response:
    status: int
    body: bytes
    etag: str | None
    url: str


def source_name(url: str) -> str:
    """A file name for a pulled catalog: readable, and different for every URL.

    `https://pref.example.jp/ict/catalog.toml` → `pref-example-jp-ict-catalog-<8 hex>`;
    the hash keeps URLs that differ only in port, query or suffix apart.
    """
    parts = urlsplit(url)
    stem = re.sub(r"\.(toml|json)$", "", parts.path)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", f"{parts.hostname or ''}-{stem}").strip("-").lower()[:60]
    return f"{slug or 'catalog'}-{hashlib.sha256(url.encode('utf-8')).hexdigest()[:8]}"


def _printable(text: str) -> str:
    """Control characters shown as escapes, so an error stays on one line."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def _checked_url(url: str, base: str | None = None) -> str:
    """An absolute URL with a scheme and a host, or CatalogError naming it."""
    try:
        full = urljoin(base, url) if base else url
        parts = urlsplit(full)
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError:
        raise CatalogError("catalog.bad_url", url=_printable(url)) from None
    # urlsplit quietly drops tabs and newlines: look at the text as given
    unprintable = any(ord(c) < 33 or c == "\x7f" for c in url + full)
    if unprintable or not parts.hostname or parts.scheme.lower() not in ("https", "http"):
        raise CatalogError("catalog.bad_url", url=_printable(url))
    return full


class _Deadline(httpcore.NetworkBackend):
    """The network under one deadline: every connect, read and write may wait only for what is left of it.

    httpx's own timeouts bound each read, so a server trickling its status line one
    byte a second would never trip them; here each socket operation gets at most the
    time remaining, and none starts once the deadline has passed.
    """

    def __init__(self) -> None:
        self.network = httpcore.SyncBackend()
        self.deadline = time.monotonic()

    def start(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds

    def left(self, timeout: float | None) -> float:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise httpcore.ReadTimeout("the whole exchange took longer than the timeout")
        return remaining if timeout is None else min(timeout, remaining)

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        stream = self.network.connect_tcp(host, port, self.left(timeout), local_address, socket_options)
        return _DeadlineStream(stream, self)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:
        return _DeadlineStream(self.network.connect_unix_socket(path, self.left(timeout), socket_options), self)

    def sleep(self, seconds: float) -> None:
        self.network.sleep(min(seconds, self.left(None)))


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream, clock: _Deadline) -> None:
        self.stream = stream
        self.clock = clock

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.stream.read(max_bytes, self.clock.left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.stream.write(buffer, self.clock.left(timeout))

    def close(self) -> None:
        self.stream.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        tls = self.stream.start_tls(ssl_context, server_hostname, self.clock.left(timeout))
        return _DeadlineStream(tls, self.clock)

    def get_extra_info(self, info: str) -> Any:
        return self.stream.get_extra_info(info)


class _Fetcher:
    def __init__(self, *, timeout: float, max_bytes: int, ca_bundle: Path | None, allow_http: bool) -> None:
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.allow_http = allow_http
        verify: ssl.SSLContext | bool = True
        if ca_bundle is not None:
            try:
                verify = ssl.create_default_context(cafile=str(ca_bundle))
            except (OSError, ssl.SSLError) as error:
                raise CatalogError("catalog.ca_bundle", path=str(ca_bundle), reason=str(error)) from None
        self.clock = _Deadline()
        transport = httpx.HTTPTransport(verify=verify)
        # httpx takes no network backend of its own; its connection pool does (httpcore's public parameter)
        pool = transport._pool
        if isinstance(pool, httpcore.ConnectionPool):
            pool._network_backend = self.clock
        self.client = httpx.Client(transport=transport, timeout=httpx.Timeout(timeout), follow_redirects=False)

    def close(self) -> None:
        self.client.close()

    def check_scheme(self, url: str) -> str:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "https" or (scheme == "http" and self.allow_http):
            return scheme
        raise CatalogError("catalog.http_refused", url=url)

    def get(self, url: str, etag: str | None = None) -> _Response:
        """GET with redirects kept to the same scheme, the body capped at max_bytes and
        the whole transfer (not just each read) limited to the timeout."""
        scheme = self.check_scheme(_checked_url(url))
        current = url
        deadline = time.monotonic() + self.timeout
        self.clock.start(self.timeout)
        for _ in range(MAX_REDIRECTS + 1):
            headers = {"Accept": "application/toml, application/json;q=0.9, */*;q=0.1"}
            if etag:
                headers["If-None-Match"] = etag
            try:
                with self.client.stream("GET", current, headers=headers) as response:
                    if response.status_code in (301, 302, 303, 307, 308):
                        location = response.headers.get("Location")
                        if not location:
                            raise CatalogError("catalog.http_status", url=current, status=response.status_code)
                        target = _checked_url(location, current)
                        if urlsplit(target).scheme.lower() != scheme:
                            raise CatalogError("catalog.redirect_scheme", url=current, target=target)
                        current = target
                        continue
                    if response.status_code == 304:
                        return _Response(304, b"", etag, current)
                    if response.status_code != 200:
                        raise CatalogError("catalog.http_status", url=current, status=response.status_code)
                    declared = response.headers.get("Content-Length")
                    if declared and declared.isdigit() and int(declared) > self.max_bytes:
                        raise CatalogError("catalog.too_big", url=current, limit=self.max_bytes)
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body += chunk
                        if len(body) > self.max_bytes:
                            raise CatalogError("catalog.too_big", url=current, limit=self.max_bytes)
                        if time.monotonic() > deadline:
                            raise httpx.ReadTimeout("the whole transfer took too long")
                    return _Response(200, bytes(body), response.headers.get("ETag"), current)
            except httpx.TimeoutException:
                raise CatalogError("catalog.timeout", url=current, seconds=f"{self.timeout:g}") from None
            except httpx.ConnectError as error:
                reason = str(error)
                if "CERTIFICATE_VERIFY_FAILED" in reason or "certificate" in reason.lower():
                    raise CatalogError("catalog.certificate", url=current, reason=reason) from None
                raise CatalogError("catalog.unreachable", url=current, reason=reason) from None
            except httpx.InvalidURL:
                raise CatalogError("catalog.bad_url", url=_printable(current)) from None
            except httpx.HTTPError as error:
                reason = str(error) or type(error).__name__
                raise CatalogError("catalog.unreachable", url=current, reason=reason) from None
        raise CatalogError("catalog.redirects", url=url, limit=MAX_REDIRECTS)


class _Store:
    """What earlier pulls kept: per URL its ETag and last body, so any file (an index or
    a file it lists) is fetched conditionally and a 304 still yields its content."""

    def __init__(self, folder: Path, conditional: bool = True) -> None:
        self.folder = folder
        self.conditional = conditional
        try:
            data = json.loads((folder / SOURCES_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            data = {}
        data = data if isinstance(data, dict) else {}
        self.catalogs: dict[str, Any] = data.get("catalogs", {}) if isinstance(data.get("catalogs"), dict) else {}
        self.bodies: dict[str, Any] = data.get("bodies", {}) if isinstance(data.get("bodies"), dict) else {}
        self.new_bodies: dict[str, bytes] = {}
        self.changed = False

    def raw_path(self, url: str) -> Path:
        return self.folder / RAW_DIR / f"{hashlib.sha256(url.encode('utf-8')).hexdigest()[:24]}.body"

    def fetch(self, fetcher: _Fetcher, url: str) -> tuple[bytes, str]:
        """The body at `url` (from the server, or the kept copy on 304) and the final URL."""
        known = self.bodies.get(url) or {}
        kept: bytes | None = None
        try:
            kept = self.raw_path(url).read_bytes() if self.conditional else None
        except OSError:
            kept = None
        if kept is not None and hashlib.sha256(kept).hexdigest() != known.get("sha256"):
            kept = None  # the kept copy is not what was recorded: fetch it whole
        response = fetcher.get(url, known.get("etag") if kept is not None else None)
        if response.status == 304 and kept is not None:
            return kept, str(known.get("final_url") or url)
        digest = hashlib.sha256(response.body).hexdigest()
        if digest != known.get("sha256"):
            self.changed = True
        self.new_bodies[url] = response.body
        self.bodies[url] = {"etag": response.etag, "sha256": digest, "final_url": response.url}
        return response.body, response.url

    def save(self, target: Path, text: str, url: str, record: dict[str, Any]) -> None:
        """Write the catalog, the kept bodies, then the record: each file whole."""
        (self.folder / RAW_DIR).mkdir(parents=True, exist_ok=True)
        atomic_write(target, text)
        for body_url, body in self.new_bodies.items():
            atomic_write_bytes(self.raw_path(body_url), body)
        self.catalogs[url] = record
        data = {"catalogs": self.catalogs, "bodies": self.bodies}
        atomic_write(self.folder / SOURCES_FILE, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def _entries_from_body(
    fetcher: _Fetcher,
    store: _Store,
    body: bytes,
    url: str,
    progress: Callable[[int, int], None] | None = None,
) -> list[CatalogEntry]:
    """Entries of a catalog file, or of every file an index lists (resolved against where it was found).

    `progress` is called with (files fetched, files) after the index and each file it lists.
    """
    data: Any = parse_document(body, url)
    if isinstance(data, dict) and data.get("format") == INDEX_FORMAT:
        files = data.get("files")
        if not isinstance(files, list) or not all(isinstance(f, str) for f in files) or len(files) > MAX_INDEX_FILES:
            detail = f"an index needs files = [up to {MAX_INDEX_FILES} URLs]"
            raise CatalogError("catalog.bad_document", source=url, detail=detail)
        entries: list[CatalogEntry] = []
        for done, name in enumerate(files, start=2):
            part_url = _checked_url(name, url)
            part_body, _ = store.fetch(fetcher, part_url)
            entries += entries_from_data(parse_document(part_body, part_url), part_url)
            if progress is not None:
                progress(done, 1 + len(files))
        # the index as a whole must not list one id twice
        merged = {"format": CATALOG_FORMAT, "entries": [e.model_dump(mode="json") for e in entries]}
        return entries_from_data(merged, url)
    return entries_from_data(data, url)


def fetch(
    url: str, *, timeout: float, max_bytes: int, ca_bundle: Path | None = None, allow_http: bool = False
) -> tuple[bytes, str]:
    """One file over HTTPS by the pull's rules (certificates, no plain http unless allowed, one timeout
    over the whole transfer, the size cap, redirects within the scheme): its body and final address.
    Refusals are CatalogError, as a pull says them."""
    checked = _checked_url(url)
    fetcher = _Fetcher(timeout=timeout, max_bytes=max_bytes, ca_bundle=ca_bundle, allow_http=allow_http)
    try:
        response = fetcher.get(checked)
    finally:
        fetcher.close()
    return response.body, response.url


def pull(
    root: Path,
    url: str,
    *,
    sha256: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    ca_bundle: Path | None = None,
    allow_http: bool = False,
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> PullResult:
    """Fetch the catalog at `url` into the workspace at `root`; raise CatalogError, writing nothing, on any problem.

    A `sha256` pin covers the file at `url` itself (for an index: the index, which
    names the files it lists). `progress`, if given, is called with (files fetched,
    files known so far): the file at `url`, then each file an index lists.
    """
    pin = sha256.lower() if sha256 is not None else None
    if pin is not None and not re.fullmatch(r"[0-9a-f]{64}", pin):
        raise CatalogError("catalog.bad_pin", value=sha256)
    url = _checked_url(url)
    folder = root / STATE_DIR / PULLED_DIR
    store = _Store(folder)
    known = store.catalogs.get(url) or {}
    target = folder / f"{known.get('file') or source_name(url)}.toml"
    # With the pulled file gone, ask for everything whole rather than trust kept copies.
    store.conditional = target.exists()
    fetcher = _Fetcher(timeout=timeout, max_bytes=max_bytes, ca_bundle=ca_bundle, allow_http=allow_http)
    try:
        if progress is not None:
            progress(0, 1)
        body, final_url = store.fetch(fetcher, url)
        if progress is not None:
            progress(1, 1)
        digest = hashlib.sha256(body).hexdigest()
        if pin is not None and digest != pin:
            raise CatalogError("catalog.checksum", url=url, expected=pin, actual=digest)
        entries = _entries_from_body(fetcher, store, body, final_url, progress)
    finally:
        fetcher.close()
    if not (store.changed or not target.exists() or known.get("file") is None):
        return PullResult(url, target, len(entries), False, digest)  # nothing new: nothing rewritten
    fetched_at = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    header = f"# Pulled from {url}\n# at {fetched_at}, sha256 {digest}. Do not edit: pull again to update.\n\n"
    text = header + toml_dumps(document(entries, publisher=url), subtables=())
    record = {"file": target.stem, "sha256": digest, "entries": len(entries), "fetched_at": fetched_at}
    folder.mkdir(parents=True, exist_ok=True)
    store.save(target, text, url, record)
    return PullResult(url, target, len(entries), True, digest)
