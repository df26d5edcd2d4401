"""`toolbench catalog pull` against real servers on 127.0.0.1 (see tests/catalog_server.py).

HTTPS uses a throw-away trustme CA whose PEM is passed as `ca_bundle`; a second,
plain-HTTP server covers `--allow-http` and redirects that change the scheme. Every
refused pull is checked to leave the local catalog exactly as it was: the bytes of
every file under `.toolbench/catalogs/` and what `load_catalog` returns.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import ssl
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import tomli_w
import trustme
from catalog_server import CatalogServer, server_context
from click.testing import Result

from toolbench import Workspace
from toolbench.base.errors import CatalogError
from toolbench.workspace.catalog import CatalogEntry, load_catalog
from toolbench.workspace.catalog_pull import PullResult, pull, source_name

NOW = datetime(2026, 4, 1, 9, 30, tzinfo=UTC)
CATALOG = "toolbench-catalog/1"
INDEX = "toolbench-catalog-index/1"

pytestmark = pytest.mark.usefixtures("direct_connections")


# --- documents ----------------------------------------------------------------------------


def entry(entry_id: str, **fields: Any) -> dict[str, Any]:
    return {"id": entry_id, "name": f"Product {entry_id}", "vendor": "Vendor Co.", "category": "rpa"} | fields


def toml_doc(*entries: dict[str, Any], **top: Any) -> str:
    return tomli_w.dumps({"format": CATALOG, **top, "entries": list(entries)})


def json_doc(*entries: dict[str, Any], **top: Any) -> str:
    return json.dumps({"format": CATALOG, **top, "entries": list(entries)}, ensure_ascii=False, indent=2)


TWO = toml_doc(
    entry("uipath", name="UiPath (県契約版)", vendor="県の代理店株式会社"),
    entry("pref-ocr", name="県共同利用 AI-OCR", vendor="○○県", category="ai-ocr", url="https://pref.example.jp/ocr"),
    publisher="○○県 DX推進課",
)
BASE = toml_doc(entry("base-rpa", name="Base RPA"))


# --- fixtures -----------------------------------------------------------------------------


def new_workspace(path: Path) -> Path:
    Workspace.init(path).close()
    return path


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    return new_workspace(tmp_path / "ws")


@pytest.fixture()
def pulled(root: Path, https: CatalogServer, ca_pem: Path) -> str:
    """A workspace that already pulled BASE from /dx/catalog.toml; returns that URL."""
    url = https.route("/dx/catalog.toml", BASE)
    assert pull(root, url, ca_bundle=ca_pem, now=NOW).entries == 1
    return url


# --- helpers ------------------------------------------------------------------------------


def catalogs(root: Path) -> Path:
    return root / ".toolbench" / "catalogs"


def sources(root: Path) -> dict[str, Any]:
    """The record of pulled catalogs, by URL."""
    data: dict[str, Any] = json.loads((catalogs(root) / "sources.json").read_text(encoding="utf-8"))
    return dict(data["catalogs"])


def etag_of(root: Path, url: str) -> str | None:
    data: dict[str, Any] = json.loads((catalogs(root) / "sources.json").read_text(encoding="utf-8"))
    return data["bodies"][url]["etag"]  # type: ignore[no-any-return]


def local_state(root: Path) -> tuple[dict[str, bytes], list[tuple[CatalogEntry, str, str]]]:
    """Every file under .toolbench/catalogs (leftover temp files included) and the merged catalog."""
    folder = catalogs(root)
    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    return files, [(i.entry, i.origin, i.source) for i in load_catalog(root)]


def refused(root: Path, url: str, key: str, *, names: str | None = None, **options: Any) -> CatalogError:
    """Pull `url`, expect CatalogError `key` whose English message names the URL, and no change on disk."""
    before = local_state(root)
    with pytest.raises(CatalogError) as caught:
        pull(root, url, now=NOW, **options)
    error = caught.value
    assert error.key == key, error.message("en")
    assert (names or url) in error.message("en")
    assert local_state(root) == before
    return error


def origins(root: Path) -> dict[str, tuple[str, CatalogEntry]]:
    return {i.entry.id: (i.origin, i.entry) for i in load_catalog(root)}


@pytest.fixture()
def run(run: Callable[..., Result]) -> Callable[..., Result]:
    """The shared `run` of conftest.py, in English."""
    return functools.partial(run, "--lang", "en")


# --- success ------------------------------------------------------------------------------


def test_document_with_two_entries_is_pulled_and_overrides_shipped(
    root: Path, https: CatalogServer, ca_pem: Path
) -> None:
    """A TOML document's two entries land in the pulled file, listed as pulled; 'uipath' overrides the shipped one."""
    assert origins(root)["uipath"][0] == "shipped"
    url = https.route("/dx/catalog.toml", TWO)
    result = pull(root, url, ca_bundle=ca_pem, now=NOW)
    digest = hashlib.sha256(TWO.encode()).hexdigest()
    target = catalogs(root) / f"{source_name(url)}.toml"
    assert result == PullResult(url=url, file=target, entries=2, changed=True, sha256=digest)
    assert target.is_file()
    listed = {i.entry.id: i for i in load_catalog(root)}
    assert (listed["uipath"].origin, listed["uipath"].source) == ("pulled", str(target))
    assert listed["uipath"].entry.vendor == "県の代理店株式会社"
    assert listed["pref-ocr"].origin == "pulled" and listed["pref-ocr"].entry.url == "https://pref.example.jp/ocr"
    assert listed["winactor"].origin == "shipped"
    record = sources(root)[url]
    assert record["sha256"] == digest and record["entries"] == 2 and record["file"] == target.stem
    assert record["fetched_at"] == "2026-04-01T09:30:00Z"


def test_pulled_file_keeps_awkward_values_exactly(root: Path, https: CatalogServer, ca_pem: Path) -> None:
    """Quotes, backslashes, newlines, emoji, bilingual descriptions and dated facts survive the rewrite as TOML."""
    raw = [
        entry(
            "odd.one_1",
            name='He said "hi" \\ C:\\path\ttab',
            vendor="株式会社 🚀\nsecond line",
            maker="Maker # not a comment",
            url="https://example.jp/a?b=c&d='e'",
            description={"ja": "説明 '''", "en": 'Description """'},
            tags=["ＤＸ", "", "a = b"],
            facts=[
                {"name": "LGWAN-ASP", "value": "登録あり", "source": "https://example.jp/lgwan", "as_of": "2026-03-31"}
            ],
        ),
        entry("plain", description="same text in both languages"),
    ]
    url = https.route("/odd.json", json_doc(*raw))
    pull(root, url, ca_bundle=ca_pem)
    got = origins(root)
    for data in raw:
        assert got[data["id"]] == ("pulled", CatalogEntry.model_validate(data))


@pytest.mark.parametrize(
    ("path", "body", "ids"),
    [
        ("/c.json", json_doc(entry("j-1"), entry("j-2", category="ai-ocr")), {"j-1", "j-2"}),
        ("/bom.json", "\ufeff\n  " + json_doc(entry("j-3")), {"j-3"}),
        ("/single.toml", 'id = "solo"\nname = "Solo"\nvendor = "S Co."\ncategory = "rpa"\n', {"solo"}),
    ],
    ids=["json", "json-with-bom", "single-entry-toml"],
)
def test_json_document_and_single_entry_file(
    root: Path, https: CatalogServer, ca_pem: Path, path: str, body: str, ids: set[str]
) -> None:
    """A JSON document (also behind a BOM) and a single-entry TOML file are pulled like a TOML document."""
    url = https.route(path, body)
    result = pull(root, url, ca_bundle=ca_pem)
    assert result.entries == len(ids) and result.changed
    assert {i for i, (origin, _) in origins(root).items() if origin == "pulled"} == ids


@pytest.mark.parametrize("index_format", ["toml", "json"])
def test_index_merges_the_files_it_lists(root: Path, https: CatalogServer, ca_pem: Path, index_format: str) -> None:
    """An index's relative URLs are resolved against it; the entries of all listed files are pulled together."""
    https.route("/pref/parts/a.toml", toml_doc(entry("a-1"), entry("a-2")))
    https.route("/shared/b.json", json_doc(entry("b-1", category="e-contract")))
    index = {"format": INDEX, "files": ["parts/a.toml", "../shared/b.json"]}
    body = tomli_w.dumps(index) if index_format == "toml" else json.dumps(index)
    url = https.route(f"/pref/index.{index_format}", body)
    result = pull(root, url, ca_bundle=ca_pem)
    assert result.entries == 3 and result.changed
    assert result.sha256 == hashlib.sha256(body.encode()).hexdigest()
    got = origins(root)
    assert {i for i, (origin, _) in got.items() if origin == "pulled"} == {"a-1", "a-2", "b-1"}
    assert [p.name for p in catalogs(root).glob("*.toml")] == [result.file.name]
    assert len(https.requests_for("/pref/parts/a.toml")) == len(https.requests_for("/shared/b.json")) == 1


def test_index_whose_files_repeat_an_id_is_rejected(
    pulled: str, root: Path, https: CatalogServer, ca_pem: Path
) -> None:
    """Two listed files both defining 'dup' reject the whole index, naming the duplicate; nothing is written."""
    https.route("/idx/one.toml", toml_doc(entry("dup"), entry("only-one")))
    https.route("/idx/two.json", json_doc(entry("dup", name="Other")))
    url = https.route("/idx/index.toml", tomli_w.dumps({"format": INDEX, "files": ["one.toml", "two.json"]}))
    error = refused(root, url, "catalog.bad_entries", ca_bundle=ca_pem)
    assert "entries[2] (id 'dup'): id: duplicate of entries[0]" in error.message("en")


def test_index_part_failure_names_the_part(pulled: str, root: Path, https: CatalogServer, ca_pem: Path) -> None:
    """A listed file that is missing (404) rejects the index with that file's URL in the message."""
    https.route("/idx/ok.toml", toml_doc(entry("fine")))
    url = https.route("/idx/index.toml", tomli_w.dumps({"format": INDEX, "files": ["ok.toml", "gone.toml"]}))
    error = refused(root, url, "catalog.http_status", names=https.url("/idx/gone.toml"), ca_bundle=ca_pem)
    assert "HTTP 404" in error.message("en")


# --- the ETag cache -----------------------------------------------------------------------


def test_unchanged_catalog_is_answered_304_and_nothing_is_rewritten(
    root: Path, https: CatalogServer, ca_pem: Path
) -> None:
    """The second pull sends If-None-Match "v1"; the 304 leaves both files byte-for-byte and mtime untouched."""
    url = https.route("/dx/catalog.toml", TWO, etag='"v1"')
    first = pull(root, url, ca_bundle=ca_pem, now=NOW)
    assert first.changed and etag_of(root, url) == '"v1"'
    assert "if-none-match" not in https.requests_for("/dx/catalog.toml")[0].headers
    files = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in catalogs(root).rglob("*") if p.is_file()}
    second = pull(root, url, ca_bundle=ca_pem, now=datetime(2027, 1, 1, tzinfo=UTC))
    assert https.requests_for("/dx/catalog.toml")[1].headers["if-none-match"] == '"v1"'
    assert second == PullResult(url=url, file=first.file, entries=2, changed=False, sha256=first.sha256)
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in catalogs(root).rglob("*") if p.is_file()} == files


def test_changed_catalog_with_a_new_etag_is_downloaded(root: Path, https: CatalogServer, ca_pem: Path) -> None:
    """When the server's content changes (ETag "v2", 200) the pulled file and the recorded ETag are updated."""
    url = https.route("/dx/catalog.toml", TWO, etag='"v1"')
    pull(root, url, ca_bundle=ca_pem)
    new = toml_doc(entry("pref-ocr", name="Renamed OCR", category="ai-ocr"), entry("new-one"))
    https.route("/dx/catalog.toml", new, etag='"v2"')
    result = pull(root, url, ca_bundle=ca_pem)
    assert https.requests_for("/dx/catalog.toml")[1].headers["if-none-match"] == '"v1"'
    assert result.changed and result.sha256 == hashlib.sha256(new.encode()).hexdigest()
    got = origins(root)
    assert got["uipath"][0] == "shipped" and got["new-one"][0] == "pulled"
    assert got["pref-ocr"][1].name == "Renamed OCR"
    assert etag_of(root, url) == '"v2"' and sources(root)[url]["entries"] == 2
    pull(root, url, ca_bundle=ca_pem)
    assert https.requests_for("/dx/catalog.toml")[2].headers["if-none-match"] == '"v2"'


def test_deleted_pulled_file_is_fetched_whole(root: Path, https: CatalogServer, ca_pem: Path) -> None:
    """If the pulled file is gone, no If-None-Match is sent (a 304 would leave nothing), and the file comes back."""
    url = https.route("/dx/catalog.toml", TWO, etag='"v1"')
    first = pull(root, url, ca_bundle=ca_pem)
    first.file.unlink()
    again = pull(root, url, ca_bundle=ca_pem)
    assert "if-none-match" not in https.requests_for("/dx/catalog.toml")[1].headers
    assert again.changed and again.file.is_file() and origins(root)["pref-ocr"][0] == "pulled"


def test_pin_is_checked_on_a_304_too(root: Path, https: CatalogServer, ca_pem: Path) -> None:
    """A 304 is accepted with the right pin and refused with a wrong one, from the recorded digest."""
    url = https.route("/dx/catalog.toml", TWO, etag='"v1"')
    digest = pull(root, url, ca_bundle=ca_pem).sha256
    assert not pull(root, url, ca_bundle=ca_pem, sha256=digest).changed
    error = refused(root, url, "catalog.checksum", ca_bundle=ca_pem, sha256="0" * 64)
    assert digest in error.message("en")
    assert https.requests_for("/dx/catalog.toml")[-1].headers["if-none-match"] == '"v1"'


# --- failures leave the local catalog as it was --------------------------------------------


def test_not_found(pulled: str, root: Path, https: CatalogServer, ca_pem: Path) -> None:
    """A 404 is catalog.http_status naming the URL and the status."""
    https.route("/dx/catalog.toml", "gone", status=404)
    assert "HTTP 404" in refused(root, pulled, "catalog.http_status", ca_bundle=ca_pem).message("en")


def test_timeout(pulled: str, root: Path, https: CatalogServer, ca_pem: Path) -> None:
    """A server that answers after 2 s is cut off at the 0.3 s timeout: catalog.timeout."""
    https.route("/dx/catalog.toml", TWO, delay=2.0)
    started = time.monotonic()
    error = refused(root, pulled, "catalog.timeout", ca_bundle=ca_pem, timeout=0.3)
    assert time.monotonic() - started < 1.5
    assert "within 0.3 s" in error.message("en")


def test_redirect_from_https_to_http_is_refused(
    pulled: str, root: Path, https: CatalogServer, http: CatalogServer, ca_pem: Path
) -> None:
    """https → http:// is catalog.redirect_scheme, even with allow_http, and the http server is never asked."""
    target = http.route("/dx/catalog.toml", TWO)
    https.redirect("/dx/catalog.toml", target)
    for allow_http in (False, True):
        error = refused(root, pulled, "catalog.redirect_scheme", ca_bundle=ca_pem, allow_http=allow_http)
        assert target in error.message("en")
    assert http.requests == []


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_redirect_within_https_is_followed(
    root: Path, https: CatalogServer, tls: ssl.SSLContext, ca_pem: Path, status: int
) -> None:
    """https → https redirects (relative, then to another server) are followed; the file is named after the asked URL."""
    other = CatalogServer(tls)
    try:
        final = other.route("/final.toml", TWO)
        https.redirect("/hop", final, status)
        url = https.redirect("/dx/catalog.toml", "/hop", status)
        result = pull(root, url, ca_bundle=ca_pem)
    finally:
        other.close()
    assert result.entries == 2 and result.file.name == f"{source_name(url)}.toml"
    assert [r.path for r in https.requests] == ["/dx/catalog.toml", "/hop"]
    assert origins(root)["pref-ocr"][0] == "pulled"


def test_redirect_loop_is_refused(pulled: str, root: Path, https: CatalogServer, ca_pem: Path) -> None:
    """A redirect loop stops after the limit with catalog.redirects."""
    https.redirect("/dx/catalog.toml", "/loop")
    https.redirect("/loop", "/dx/catalog.toml")
    refused(root, pulled, "catalog.redirects", ca_bundle=ca_pem)
    assert len(https.requests) == 1 + 6  # the first pull, then 6 requests (5 redirects followed)


def test_redirect_without_location(pulled: str, root: Path, https: CatalogServer, ca_pem: Path) -> None:
    """A 302 with no Location header is reported as the HTTP status."""
    https.route("/dx/catalog.toml", status=302)
    assert "HTTP 302" in refused(root, pulled, "catalog.http_status", ca_bundle=ca_pem).message("en")


@pytest.mark.parametrize("transfer", ["length", "chunked", "close"])
def test_response_over_the_cap(pulled: str, root: Path, https: CatalogServer, ca_pem: Path, transfer: str) -> None:
    """Over max_bytes is catalog.too_big, with an honest Content-Length, chunked, or ended by closing."""
    https.route("/dx/catalog.toml", TWO + "#" * 5000 + "\n", transfer=transfer)
    error = refused(root, pulled, "catalog.too_big", ca_bundle=ca_pem, max_bytes=1000)
    assert "larger than 1000 bytes" in error.message("en")


def test_declared_length_over_the_cap_is_refused_before_the_body(
    pulled: str, root: Path, https: CatalogServer, ca_pem: Path
) -> None:
    """An honest Content-Length over the cap is refused from the headers, without waiting for a slow body."""
    https.route("/dx/catalog.toml", TWO + "#" * 5000 + "\n", body_delay=2.0)
    refused(root, pulled, "catalog.too_big", ca_bundle=ca_pem, max_bytes=1000, timeout=0.3)  # not catalog.timeout


@pytest.mark.parametrize("transfer", ["length", "chunked", "close"])
def test_cap_boundary(root: Path, https: CatalogServer, ca_pem: Path, transfer: str) -> None:
    """A body of exactly max_bytes is accepted; one byte less of allowance refuses it."""
    body = (TWO + "#" * 3000 + "\n").encode()
    url = https.route("/dx/catalog.toml", body, transfer=transfer)
    refused(root, url, "catalog.too_big", ca_bundle=ca_pem, max_bytes=len(body) - 1)
    assert pull(root, url, ca_bundle=ca_pem, max_bytes=len(body)).entries == 2


def test_checksum_pin_mismatch(pulled: str, root: Path, https: CatalogServer, ca_pem: Path) -> None:
    """A pin that is not the body's SHA-256 is catalog.checksum naming both digests."""
    https.route("/dx/catalog.toml", TWO)
    wrong = hashlib.sha256(b"something else").hexdigest()
    error = refused(root, pulled, "catalog.checksum", ca_bundle=ca_pem, sha256=wrong)
    assert wrong in error.message("en") and hashlib.sha256(TWO.encode()).hexdigest() in error.message("en")


@pytest.mark.parametrize("case", [str.lower, str.upper])
def test_correct_pin_is_accepted(root: Path, https: CatalogServer, ca_pem: Path, case: Any) -> None:
    """The body's SHA-256, in lower or upper case, is accepted as a pin."""
    url = https.route("/dx/catalog.toml", TWO)
    result = pull(root, url, ca_bundle=ca_pem, sha256=case(hashlib.sha256(TWO.encode()).hexdigest()))
    assert result.changed and result.entries == 2


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ('format = "toolbench-catalog/1"\n[[entries]\nid = "x"\n', ""),
        ('{"format": "toolbench-catalog/1", "entries": [', "JSON"),
    ],
    ids=["toml", "json"],
)
def test_malformed_file(pulled: str, root: Path, https: CatalogServer, ca_pem: Path, body: str, fragment: str) -> None:
    """Malformed TOML and malformed JSON are catalog.malformed naming the URL."""
    https.route("/dx/catalog.toml", body)
    assert fragment in refused(root, pulled, "catalog.malformed", ca_bundle=ca_pem).message("en")


def test_not_utf8(pulled: str, root: Path, https: CatalogServer, ca_pem: Path) -> None:
    """A body in Shift_JIS is catalog.not_utf8."""
    https.route("/dx/catalog.toml", TWO.encode("shift_jis", errors="replace"))
    refused(root, pulled, "catalog.not_utf8", ca_bundle=ca_pem)


def test_not_a_catalog(pulled: str, root: Path, https: CatalogServer, ca_pem: Path) -> None:
    """A document of another format is catalog.bad_document."""
    https.route("/dx/catalog.toml", json.dumps({"format": "other/2", "entries": []}))
    assert "other/2" in refused(root, pulled, "catalog.bad_document", ca_bundle=ca_pem).message("en")


def test_unsafe_id_is_rejected(pulled: str, root: Path, https: CatalogServer, ca_pem: Path) -> None:
    """An entry with id "../x" is catalog.bad_entries naming entries[1] and the id field."""
    https.route("/dx/catalog.toml", toml_doc(entry("fine"), entry("../x")))
    error = refused(root, pulled, "catalog.bad_entries", ca_bundle=ca_pem)
    assert "entries[1] (id '../x'): id:" in error.message("en")


def test_missing_vendor_is_named(pulled: str, root: Path, https: CatalogServer, ca_pem: Path) -> None:
    """An entry without vendor is catalog.bad_entries naming the entry and the field."""
    no_vendor = {k: v for k, v in entry("no-vendor").items() if k != "vendor"}
    https.route("/dx/catalog.toml", json_doc(entry("fine"), no_vendor))
    error = refused(root, pulled, "catalog.bad_entries", ca_bundle=ca_pem)
    assert "entries[1] (id 'no-vendor'): vendor: Field required" in error.message("en")


def test_every_bad_entry_is_reported_at_once(pulled: str, root: Path, https: CatalogServer, ca_pem: Path) -> None:
    """Problems in several entries are listed together with their count."""
    https.route("/dx/catalog.toml", json_doc(entry("../x"), entry("ok"), entry("y", colour="red")))
    message = refused(root, pulled, "catalog.bad_entries", ca_bundle=ca_pem).message("en")
    assert (
        "2 problem(s)" in message
        and "entries[0] (id '../x'): id:" in message
        and "entries[2] (id 'y'): colour:" in message
    )


def test_untrusted_certificate(pulled: str, root: Path, https: CatalogServer, tmp_path: Path) -> None:
    """Without the private CA (system trust, or another CA's bundle) the pull is catalog.certificate."""
    https.route("/dx/catalog.toml", TWO)
    refused(root, pulled, "catalog.certificate")
    stranger = tmp_path / "other-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(stranger))
    refused(root, pulled, "catalog.certificate", ca_bundle=stranger)
    assert https.requests_for("/dx/catalog.toml")[1:] == []


def test_certificate_for_another_name(root: Path, ca: trustme.CA, ca_pem: Path) -> None:
    """A certificate from the trusted CA but issued for another host name is catalog.certificate."""
    server = CatalogServer(server_context(ca, "catalog.example.jp"))
    try:
        refused(root, server.route("/c.toml", TWO), "catalog.certificate", ca_bundle=ca_pem)
    finally:
        server.close()


def test_unusable_ca_bundle(pulled: str, root: Path, tmp_path: Path) -> None:
    """A CA bundle that is missing or not PEM is catalog.ca_bundle naming the file."""
    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate\n", encoding="utf-8")
    for bundle in (junk, tmp_path / "missing.pem"):
        refused(root, pulled, "catalog.ca_bundle", names=str(bundle), ca_bundle=bundle)


def test_plain_http_needs_allow_http(pulled: str, root: Path, http: CatalogServer) -> None:
    """http:// is catalog.http_refused without allow_http (no request is made) and pulled with it."""
    url = http.route("/city/catalog.toml", TWO)
    refused(root, url, "catalog.http_refused")
    assert http.requests == []
    result = pull(root, url, allow_http=True)
    assert result.changed and result.entries == 2 and origins(root)["uipath"][0] == "pulled"


def test_index_cannot_switch_to_http(
    pulled: str, root: Path, https: CatalogServer, http: CatalogServer, ca_pem: Path
) -> None:
    """An https index listing an http:// file is refused unless allow_http."""
    part = http.route("/part.toml", toml_doc(entry("from-http")))
    url = https.route("/idx/index.toml", tomli_w.dumps({"format": INDEX, "files": [part]}))
    refused(root, url, "catalog.http_refused", names=part, ca_bundle=ca_pem)
    assert http.requests == []


@pytest.mark.parametrize(
    "url", ["ftp://127.0.0.1/catalog.toml", "file:///etc/passwd", "127.0.0.1/catalog.toml", "mailto:dx@example.jp"]
)
def test_non_http_scheme(pulled: str, root: Path, url: str) -> None:
    """Anything but https:// (or http://) is catalog.bad_url."""
    refused(root, url, "catalog.bad_url", allow_http=True)


@pytest.mark.parametrize("pin", ["abc", "g" * 64, "0" * 63, "0" * 65, " " + "0" * 64, "sha256:" + "0" * 64])
def test_invalid_pin(pulled: str, root: Path, https: CatalogServer, ca_pem: Path, pin: str) -> None:
    """A --sha256 value that is not 64 hex digits is catalog.bad_pin, before any request."""
    asked = len(https.requests)
    error = refused(root, pulled, "catalog.bad_pin", names=pin, ca_bundle=ca_pem, sha256=pin)
    assert error.params["value"] == pin
    assert len(https.requests) == asked


def test_empty_pin_is_invalid(pulled: str, root: Path, https: CatalogServer, ca_pem: Path) -> None:
    """An empty --sha256 (e.g. an unset "$PIN") is catalog.bad_pin, not a pull without a pin."""
    https.route("/dx/catalog.toml", TWO)
    refused(root, pulled, "catalog.bad_pin", names="--sha256", ca_bundle=ca_pem, sha256="")


# --- bugs: server-supplied or mistyped URLs, file names, index caching --------------------


def test_unparsable_location_is_a_catalog_error(pulled: str, root: Path, https: CatalogServer, ca_pem: Path) -> None:
    """A redirect to a Location that is not a URL ("https://[::1…") is a CatalogError naming the URL, no crash."""
    https.redirect("/dx/catalog.toml", "https://[::1/catalog.toml")
    before = local_state(root)
    with pytest.raises(CatalogError) as caught:
        pull(root, pulled, ca_bundle=ca_pem)
    assert pulled in caught.value.message("en")
    assert local_state(root) == before


def test_unparsable_index_file_url_is_a_catalog_error(
    pulled: str, root: Path, https: CatalogServer, ca_pem: Path
) -> None:
    """An index listing a file that is not a URL ("https://[::1…") gives a CatalogError, not a ValueError."""
    https.route("/dx/catalog.toml", tomli_w.dumps({"format": INDEX, "files": ["https://[::1/catalog.toml"]}))
    before = local_state(root)
    with pytest.raises(CatalogError):
        pull(root, pulled, ca_bundle=ca_pem)
    assert local_state(root) == before


@pytest.mark.parametrize("suffix", ["[", "\n"], ids=["bracket", "trailing-newline"])
def test_malformed_url_argument_is_one_line(
    root: Path, https: CatalogServer, ca_pem: Path, suffix: str, run: Callable[..., Result]
) -> None:
    """`catalog pull` with a malformed URL ("https://[::1…", or one with a pasted newline) exits 1 with one line."""
    https.route("/dx/catalog.toml", TWO)
    url = "https://[::1/catalog.toml" if suffix == "[" else https.url("/dx/catalog.toml") + suffix
    result = run("-C", str(root), "catalog", "pull", url, "--ca-bundle", str(ca_pem))
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    assert result.stderr.startswith("toolbench: ") and result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("first", "second"),
    [("/dx/catalog.toml", "/dx/catalog.json"), ("/catalog?city=otaru", "/catalog?city=sapporo")],
    ids=["suffix", "query"],
)
def test_distinct_urls_keep_distinct_files(
    root: Path, https: CatalogServer, ca_pem: Path, first: str, second: str
) -> None:
    """Pulling two different catalogs keeps both; the second must not overwrite the first one's file."""
    a = https.route(first, toml_doc(entry("from-a")), etag='"a1"')
    b = https.route(second, json_doc(entry("from-b")), etag='"b1"')
    pull(root, a, ca_bundle=ca_pem)
    pull(root, b, ca_bundle=ca_pem)
    pull(root, a, ca_bundle=ca_pem)  # pulling the first again must bring its entries back
    got = origins(root)
    assert got.get("from-b", ("",))[0] == "pulled"
    assert got.get("from-a", ("",))[0] == "pulled"


def test_index_part_changes_are_pulled(root: Path, https: CatalogServer, ca_pem: Path) -> None:
    """When a file an index lists changes, pulling the (unchanged) index again brings the new entries."""
    https.route("/idx/a.toml", toml_doc(entry("old-name")))
    url = https.route("/idx/index.toml", tomli_w.dumps({"format": INDEX, "files": ["a.toml"]}), etag='"i1"')
    pull(root, url, ca_bundle=ca_pem)
    https.route("/idx/a.toml", toml_doc(entry("new-name")))
    pull(root, url, ca_bundle=ca_pem)
    assert "new-name" in origins(root)


# --- the command line ---------------------------------------------------------------------


def test_cli_pull_then_list_shows_pulled(
    root: Path, https: CatalogServer, ca_pem: Path, run: Callable[..., Result]
) -> None:
    """`catalog pull` exits 0 naming the entry count; a repeat says unchanged; `catalog list` shows origin pulled."""
    url = https.route("/dx/catalog.toml", TWO, etag='"v1"')
    result = run("-C", str(root), "catalog", "pull", url, "--ca-bundle", str(ca_pem))
    assert result.exit_code == 0, result.output
    assert "2 entries" in result.stdout and url in result.stdout and result.stderr == ""
    assert hashlib.sha256(TWO.encode()).hexdigest()[:16] in result.stdout
    again = run("-C", str(root), "catalog", "pull", url, "--ca-bundle", str(ca_pem))
    assert again.exit_code == 0 and "unchanged" in again.stdout
    listing = run("-C", str(root), "catalog", "list", "--format", "json")
    assert listing.exit_code == 0, listing.output
    records = {r["id"]: r for r in json.loads(listing.stdout)}
    assert records["uipath"]["origin"] == records["pref-ocr"]["origin"] == "pulled"
    assert records["uipath"]["vendor"] == "県の代理店株式会社" and records["winactor"]["origin"] == "shipped"


@pytest.mark.parametrize(
    ("route", "extra", "fragment"),
    [
        ({"status": 404}, [], "HTTP 404"),
        ({"delay": 2.0}, ["--timeout", "0.3"], "no answer within 0.3 s"),
        ({}, ["--max-bytes", "10"], "larger than 10 bytes"),
        ({}, ["--sha256", "0" * 64], "SHA-256 is"),
        ({}, ["--sha256", "nope"], "--sha256 'nope' is not 64 hexadecimal digits"),
    ],
    ids=["404", "timeout", "too-big", "checksum", "bad-pin"],
)
def test_cli_failure_is_one_line_on_stderr(
    pulled: str,
    root: Path,
    https: CatalogServer,
    ca_pem: Path,
    route: dict[str, Any],
    extra: list[str],
    fragment: str,
    run: Callable[..., Result],
) -> None:
    """A refused pull exits 1 with one `toolbench: …` line on stderr, nothing on stdout, no traceback, no change."""
    https.route("/dx/catalog.toml", TWO, **route)
    before = local_state(root)
    result = run("-C", str(root), "catalog", "pull", pulled, "--ca-bundle", str(ca_pem), *extra)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    assert result.stdout == "" and "Traceback" not in result.output
    assert result.stderr.startswith("toolbench: ") and result.stderr.count("\n") == 1
    assert fragment in result.stderr and (pulled in result.stderr or "--sha256" in fragment)
    assert local_state(root) == before


def test_cli_certificate_failure_without_ca_bundle(
    pulled: str, root: Path, https: CatalogServer, run: Callable[..., Result]
) -> None:
    """Without --ca-bundle the private CA is not trusted: exit 1, one line suggesting --ca-bundle."""
    result = run("-C", str(root), "catalog", "pull", pulled)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    assert result.stderr.startswith(f"toolbench: {pulled}: the server's certificate could not be verified")
    assert "--ca-bundle" in result.stderr and result.stderr.count("\n") == 1


def test_cli_export_can_be_pulled_by_another_workspace(
    tmp_path: Path, https: CatalogServer, ca_pem: Path, run: Callable[..., Result]
) -> None:
    """`catalog export --all --format json` from one workspace, served and pulled by another, gives the same entries."""
    first = new_workspace(tmp_path / "first")
    (first / "catalog").mkdir()
    (first / "catalog" / "own.toml").write_text(
        toml_doc(
            entry(
                "uipath",
                vendor="代理店株式会社",
                facts=[
                    {"name": "LGWAN-ASP", "value": "登録あり", "source": "https://example.jp", "as_of": "2026-03-01"}
                ],
            ),
            entry(
                "city-ocr", category="ai-ocr", description={"ja": "市の OCR", "en": "The city's OCR"}, tags=["共同調達"]
            ),
        ),
        encoding="utf-8",
    )
    exported = run("-C", str(first), "catalog", "export", "--all", "--format", "json")
    assert exported.exit_code == 0, exported.output
    url = https.route("/first/catalog.json", exported.stdout)
    second = new_workspace(tmp_path / "second")
    pulled = run("-C", str(second), "catalog", "pull", url, "--ca-bundle", str(ca_pem))
    assert pulled.exit_code == 0, pulled.output
    assert f"{len(json.loads(exported.stdout)['entries'])} entries" in pulled.stdout
    want = {i.entry.id: i.entry for i in load_catalog(first)}
    got = load_catalog(second)
    assert {i.entry.id: i.entry for i in got} == want
    assert {i.origin for i in got} == {"pulled"}
    listing = json.loads(run("-C", str(second), "catalog", "list", "--format", "json").stdout)
    assert {r["origin"] for r in listing} == {"pulled"} and len(listing) == len(want)


def test_no_temporary_files_are_left(pulled: str, root: Path) -> None:
    """After a successful pull the folder holds the pulled file, sources.json and the kept body, nothing else."""
    assert sorted(os.listdir(catalogs(root))) == [f"{source_name(pulled)}.toml", "raw", "sources.json"]
    assert len(os.listdir(catalogs(root) / "raw")) == 1
