"""`toolbench catalog pull`: fetch a catalog another city or a prefecture publishes.

The fetch is careful because the file comes from outside: HTTPS with certificate
checks (plain HTTP only when asked for, e.g. a server on the city's own network),
a timeout, a cap on the size, redirects followed only within the same scheme, an
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
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from ._errors import CatalogError
from ._files import atomic_write
from ._paths import STATE_DIR
from ._toml_write import dumps as toml_dumps
from .catalog import CATALOG_FORMAT, INDEX_FORMAT, PULLED_DIR, CatalogEntry, document, entries_from_data, parse_document

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = 1024 * 1024
MAX_REDIRECTS = 5
MAX_INDEX_FILES = 100
SOURCES_FILE = "sources.json"


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
    """A file name for a pulled catalog from its host and path.

    `https://pref.example.jp/ict/catalog.toml` → `pref-example-jp-ict-catalog`.
    """
    parts = urlsplit(url)
    stem = re.sub(r"\.(toml|json)$", "", parts.path)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", f"{parts.hostname or ''}-{stem}").strip("-").lower()
    return slug[:80] or "catalog"


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
        self.client = httpx.Client(verify=verify, timeout=httpx.Timeout(timeout), follow_redirects=False)

    def close(self) -> None:
        self.client.close()

    def check_scheme(self, url: str) -> str:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "https" or (scheme == "http" and self.allow_http):
            return scheme
        if scheme == "http":
            raise CatalogError("catalog.http_refused", url=url)
        raise CatalogError("catalog.bad_url", url=url)

    def get(self, url: str, etag: str | None = None) -> _Response:
        """GET with redirects kept to the same scheme and the body capped at max_bytes."""
        scheme = self.check_scheme(url)
        current = url
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
                        target = urljoin(current, location)
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
                    return _Response(200, bytes(body), response.headers.get("ETag"), current)
            except httpx.TimeoutException:
                raise CatalogError("catalog.timeout", url=current, seconds=f"{self.timeout:g}") from None
            except httpx.ConnectError as error:
                reason = str(error)
                if "CERTIFICATE_VERIFY_FAILED" in reason or "certificate" in reason.lower():
                    raise CatalogError("catalog.certificate", url=current, reason=reason) from None
                raise CatalogError("catalog.unreachable", url=current, reason=reason) from None
            except httpx.HTTPError as error:
                raise CatalogError(
                    "catalog.unreachable", url=current, reason=str(error) or type(error).__name__
                ) from None
        raise CatalogError("catalog.redirects", url=url, limit=MAX_REDIRECTS)


def _entries_from_body(fetcher: _Fetcher, body: bytes, url: str) -> list[CatalogEntry]:
    """Entries of a catalog file, or of every file an index lists."""
    data: Any = parse_document(body, url)
    if isinstance(data, dict) and data.get("format") == INDEX_FORMAT:
        files = data.get("files")
        if not isinstance(files, list) or not all(isinstance(f, str) for f in files) or len(files) > MAX_INDEX_FILES:
            raise CatalogError(
                "catalog.bad_document", source=url, detail=f"an index needs files = [up to {MAX_INDEX_FILES} URLs]"
            )
        entries: list[CatalogEntry] = []
        for name in files:
            part_url = urljoin(url, name)
            part = fetcher.get(part_url)
            entries += entries_from_data(parse_document(part.body, part_url), part_url)
        # the index as a whole must not list one id twice
        return entries_from_data(
            {"format": CATALOG_FORMAT, "entries": [e.model_dump(mode="json") for e in entries]}, url
        )
    return entries_from_data(data, url)


def _load_sources(folder: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads((folder / SOURCES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


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
) -> PullResult:
    """Fetch the catalog at `url` into the workspace at `root`; raise CatalogError, writing nothing, on any problem."""
    pin = sha256.lower() if sha256 else None
    if pin is not None and not re.fullmatch(r"[0-9a-f]{64}", pin):
        raise CatalogError("catalog.bad_pin", value=sha256)
    folder = root / STATE_DIR / PULLED_DIR
    sources = _load_sources(folder)
    known = sources.get(url, {})
    target = folder / f"{known.get('file') or source_name(url)}.toml"
    fetcher = _Fetcher(timeout=timeout, max_bytes=max_bytes, ca_bundle=ca_bundle, allow_http=allow_http)
    try:
        etag = known.get("etag") if target.exists() else None
        response = fetcher.get(url, etag)
        if response.status == 304:
            digest = str(known.get("sha256", ""))
            if pin is not None and digest != pin:
                raise CatalogError("catalog.checksum", url=url, expected=pin, actual=digest)
            return PullResult(url, target, int(known.get("entries", 0)), False, digest)
        digest = hashlib.sha256(response.body).hexdigest()
        if pin is not None and digest != pin:
            raise CatalogError("catalog.checksum", url=url, expected=pin, actual=digest)
        entries = _entries_from_body(fetcher, response.body, url)
    finally:
        fetcher.close()
    fetched_at = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    header = f"# Pulled from {url}\n# at {fetched_at}, sha256 {digest}. Do not edit: pull again to update.\n\n"
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write(target, header + toml_dumps(document(entries, publisher=url), subtables=()))
    sources[url] = {
        "file": target.stem,
        "etag": response.etag,
        "sha256": digest,
        "entries": len(entries),
        "fetched_at": fetched_at,
    }
    atomic_write(folder / SOURCES_FILE, json.dumps(sources, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    return PullResult(url, target, len(entries), True, digest)
