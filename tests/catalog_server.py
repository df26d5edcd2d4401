"""A real HTTP(S) server on 127.0.0.1 for the `catalog pull` tests.

Each test sets the routes it needs (status, headers, body, an ETag to answer 304 to,
a delay, chunked or close-delimited bodies) and reads back the requests the server
received. TLS is done per connection in the worker thread, so a client that gives up
during the handshake never blocks the accept loop. `close()` wakes delayed handlers,
stops the loop and joins the thread.
"""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import trustme


@dataclass
class Route:
    """What the server answers for one path (path includes the query string)."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None  # sent as ETag; a request whose If-None-Match equals it gets 304
    delay: float = 0.0  # seconds to wait before answering (cut short when the server closes)
    body_delay: float = 0.0  # seconds to wait between the headers and the body
    transfer: str = "length"  # "length": Content-Length; "chunked"; "close": neither, body ends at EOF


@dataclass(frozen=True)
class Request:
    """One request as the server saw it; header names are lower case."""

    path: str
    headers: dict[str, str]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: CatalogServer

    def finish_request(self, request: Any, client_address: Any) -> None:
        tls = self.owner.tls
        request.settimeout(5)
        if tls is not None:
            try:
                request = tls.wrap_socket(request, server_side=True)
            except OSError:  # the client refused our certificate, or went away
                return
        try:
            _Handler(request, client_address, self)
        except OSError:  # the client hung up on us (too big, timed out): expected in these tests
            pass
        finally:
            if tls is not None:
                request.close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        owner = self.server.owner
        owner._record(Request(self.path, {k.lower(): v for k, v in self.headers.items()}))
        route = owner.routes.get(self.path)
        if route is None:
            self._send(404, {}, b"not found\n", "length")
            return
        if route.delay and owner.stopping.wait(route.delay):
            return
        headers = dict(route.headers)
        if route.etag is not None:
            headers["ETag"] = route.etag
            if self.headers.get("If-None-Match") == route.etag:
                self._send(304, headers, b"", "none")
                return
        self._send(route.status, headers, route.body, route.transfer, route.body_delay)

    def _send(self, status: int, headers: dict[str, str], body: bytes, transfer: str, body_delay: float = 0.0) -> None:
        self.close_connection = True
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Connection", "close")
        if transfer == "chunked":
            self.send_header("Transfer-Encoding", "chunked")
        elif transfer == "length" and not any(k.lower() == "content-length" for k in headers):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if transfer == "none":
            return
        if body_delay:
            self.wfile.flush()
            if self.server.owner.stopping.wait(body_delay):
                return
        if transfer == "chunked":
            for start in range(0, len(body), 512):
                piece = body[start : start + 512]
                self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
        else:
            self.wfile.write(body)
        self.wfile.flush()


class CatalogServer:
    """A server on 127.0.0.1 (port chosen by the system), HTTPS when given a TLS context."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.tls = tls
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
        self._thread.start()

    @property
    def scheme(self) -> str:
        return "https" if self.tls is not None else "http"

    def url(self, path: str) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}{path}"

    def route(self, path: str, body: bytes | str = b"", **options: Any) -> str:
        """Serve `body` (and the given Route options) at `path`; return its full URL."""
        self.routes[path] = Route(body=body.encode() if isinstance(body, str) else body, **options)
        return self.url(path)

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        return self.route(path, status=status, headers={"Location": location})

    def _record(self, request: Request) -> None:
        with self._lock:
            self.requests.append(request)

    def requests_for(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def close(self) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


# --- the fixtures every test of a fetch over HTTP(S) shares (registered in tests/conftest.py) ----------


def server_context(ca: trustme.CA, name: str) -> ssl.SSLContext:
    """A server-side TLS context whose certificate for `name` the throw-away `ca` signed."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(name).configure_cert(context)
    return context


@pytest.fixture()
def direct_connections(monkeypatch: pytest.MonkeyPatch) -> None:
    """httpx honours proxy and CA variables; the tests talk to 127.0.0.1 directly."""
    for name in ("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "SSL_CERT_FILE", "SSL_CERT_DIR"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


@pytest.fixture(scope="session")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="session")
def ca_pem(ca: trustme.CA, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return path


@pytest.fixture(scope="session")
def tls(ca: trustme.CA) -> ssl.SSLContext:
    return server_context(ca, "127.0.0.1")


@pytest.fixture()
def https(tls: ssl.SSLContext) -> Iterator[CatalogServer]:
    server = CatalogServer(tls)
    yield server
    server.close()


@pytest.fixture()
def http() -> Iterator[CatalogServer]:
    server = CatalogServer()
    yield server
    server.close()
