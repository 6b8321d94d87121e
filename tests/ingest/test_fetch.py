"""fetch: the SSRF guard, redirects, timeouts, the size cap and HTTP errors, against a real local
server (tests/conftest.py's ``web``) and, for cases a real server cannot stage, httpx.MockTransport."""

from __future__ import annotations

import httpx
import pytest

from realpolitik.ingest.fetch import (
    Fetched,
    Fetcher,
    FetchOptions,
    blocked_kind,
    fetch,
    make_client,
)
from realpolitik.models import Rejection

PAGE = "<html><head><title>Talks</title></head><body><p>India and Japan met.</p></body></html>"
LOCAL = FetchOptions(allow_private=True)
PUBLIC_IP = "93.184.216.34"


@pytest.fixture
def client():
    """A real client as the CLI makes it."""
    with make_client(LOCAL) as real:
        yield real


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"), ("127.8.9.10", "loopback"), ("10.1.2.3", "private"),
        ("172.16.0.1", "private"), ("192.168.1.1", "private"), ("169.254.169.254", "link-local"),
        ("224.0.0.1", "multicast"), ("0.0.0.0", "unspecified"), ("240.0.0.1", "reserved"),
        ("100.64.0.1", "non-public"), ("::1", "loopback"), ("::", "unspecified"),
        ("fe80::1", "link-local"), ("fe80::1%eth0", "link-local"), ("fc00::1", "private"),
        ("ff02::1", "multicast"), ("::ffff:127.0.0.1", "loopback"), ("::ffff:10.0.0.1", "private"),
        ("::ffff:169.254.169.254", "link-local"), ("2002:7f00:1::", "loopback"),
        ("8.8.8.8", None), (PUBLIC_IP, None), ("2606:4700:4700::1111", None), ("::ffff:8.8.8.8", None),
    ],
)
def test_blocked_kind_names_non_public_addresses(address, kind):
    assert blocked_kind(address) == kind


def test_fetch_reads_page_from_local_server_when_allowed(web, client):
    url = web.serve("/story", PAGE)
    got = fetch(url, client, LOCAL)
    assert isinstance(got, Fetched)
    assert (got.url, got.content, got.media_type, got.charset) == (url, PAGE.encode(), "text/html", "utf-8")


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_fetch_refuses_loopback_without_flag_and_sends_nothing(web, host):
    web.serve("/story", PAGE)
    url = web.url("/story").replace("127.0.0.1", host)
    with make_client() as real:
        got = fetch(url, real)
    assert isinstance(got, Rejection)
    assert got.reason == "blocked_address"
    assert f"{host} resolves to" in got.detail
    assert "loopback address" in got.detail
    assert "--allow-private" in got.detail
    assert web.requests == []


def test_fetch_follows_redirects_and_reports_final_url(web, client):
    final = web.serve("/final", PAGE)
    web.serve("/moved", b"", status=301, Location="/final")
    web.serve("/old", b"", status=302, Location=web.url("/moved"))
    got = fetch(web.url("/old"), client, LOCAL)
    assert isinstance(got, Fetched)
    assert got.url == final
    assert web.requests == ["/old", "/moved", "/final"]


def test_fetch_redirect_loop_is_fetch_error(web, client):
    web.serve("/loop", b"", status=302, Location="/loop")
    got = fetch(web.url("/loop"), client, FetchOptions(allow_private=True, max_redirects=3))
    assert isinstance(got, Rejection)
    assert got.reason == "fetch_error"
    assert "redirected more than 3 times" in got.detail
    assert "redirect loop" in got.detail
    assert web.requests == ["/loop"] * 4


def test_fetch_slow_response_times_out(web):
    web.serve("/slow", PAGE)
    web.delays["/slow"] = 2.0
    options = FetchOptions(allow_private=True, read_timeout=0.3, connect_timeout=1.0)
    with make_client(options) as real:
        got = fetch(web.url("/slow"), real, options)
    assert isinstance(got, Rejection)
    assert got.reason == "fetch_error"
    assert "timed out" in got.detail
    assert "Try again later" in got.detail


def test_fetch_oversized_body_is_too_large(web, client):
    web.serve("/big", "<p>" + "x" * 5_000 + "</p>")
    got = fetch(web.url("/big"), client, FetchOptions(allow_private=True, max_bytes=1_000))
    assert isinstance(got, Rejection)
    assert got.reason == "too_large"
    assert "declares 5,007 bytes, over the limit of 1,000 bytes" in got.detail


@pytest.mark.parametrize("status", [404, 500])
def test_fetch_http_error_status_is_fetch_error(web, client, status):
    web.serve("/gone", b"no", status=status)
    got = fetch(web.url("/gone"), client, LOCAL)
    assert isinstance(got, Rejection)
    assert got.reason == "fetch_error"
    assert f"HTTP {status}" in got.detail
    assert "check the URL" in got.detail


def test_fetch_missing_page_on_real_server_is_404(web, client):
    got = fetch(web.url("/nothing-here"), client, LOCAL)
    assert isinstance(got, Rejection) and "HTTP 404 Not Found" in got.detail


def test_fetch_checks_connected_address_against_rebinding(web, client):
    # The resolver says the host is public (as a rebinding DNS server would the first time); the
    # socket still connects to 127.0.0.1, and the body is not read.
    web.serve("/story", PAGE)
    got = fetch(web.url("/story"), client, FetchOptions(), resolve=lambda host, port: [PUBLIC_IP])
    assert isinstance(got, Rejection)
    assert got.reason == "blocked_address"
    assert "127.0.0.1, a loopback address" in got.detail


# -- cases staged with a mock transport and a fake resolver ----------------------------------------


def _resolver(table: dict[str, list[str]]):
    """A resolver from a table; unknown names fail like the system resolver."""
    def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise OSError(-2, "Name or service not known")
        return table[host]
    return resolve


def _mock(handler) -> tuple[httpx.Client, list[str]]:
    """A client over a mock transport, and the URLs it was asked for."""
    seen: list[str] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return handler(request)

    return httpx.Client(transport=httpx.MockTransport(record)), seen


def test_fetch_redirect_to_private_host_is_blocked_before_request():
    client, seen = _mock(lambda r: httpx.Response(302, headers={"Location": "http://intranet.test/admin"}))
    resolve = _resolver({"news.test": [PUBLIC_IP], "intranet.test": ["10.0.0.5"]})
    got = fetch("http://news.test/story", client, FetchOptions(), resolve)
    assert isinstance(got, Rejection) and got.reason == "blocked_address"
    assert "intranet.test resolves to 10.0.0.5, a private address" in got.detail
    assert seen == ["http://news.test/story"]


def test_fetch_host_with_any_private_address_is_blocked():
    client, seen = _mock(lambda r: httpx.Response(200, text=PAGE))
    resolve = _resolver({"mixed.test": [PUBLIC_IP, "::ffff:192.168.0.9"]})
    got = fetch("http://mixed.test/", client, FetchOptions(), resolve)
    assert isinstance(got, Rejection) and got.reason == "blocked_address"
    assert seen == []


def test_fetch_public_host_is_fetched():
    client, seen = _mock(lambda r: httpx.Response(200, text=PAGE, headers={"Content-Type": "text/html"}))
    got = fetch("https://news.test/a", client, FetchOptions(), _resolver({"news.test": [PUBLIC_IP]}))
    assert isinstance(got, Fetched) and got.content == PAGE.encode()
    assert seen == ["https://news.test/a"]


def test_fetch_unresolvable_host_is_fetch_error():
    client, seen = _mock(lambda r: httpx.Response(200))
    got = fetch("http://nowhere.test/", client, FetchOptions(), _resolver({}))
    assert isinstance(got, Rejection) and got.reason == "fetch_error"
    assert "nowhere.test, which could not be resolved" in got.detail
    assert seen == []


@pytest.mark.parametrize("url", ["ftp://news.test/file", "file:///etc/passwd", "gopher://x.test/"])
def test_fetch_refuses_other_schemes(url):
    client, seen = _mock(lambda r: httpx.Response(200))
    got = fetch(url, client, LOCAL)
    assert isinstance(got, Rejection) and got.reason == "fetch_error"
    assert "not an http or https URL" in got.detail
    assert seen == []


def test_fetch_streamed_body_without_length_is_cut_at_cap():
    sent: list[int] = []

    def chunks():
        for _ in range(1_000):
            sent.append(1)
            yield b"x" * 1_000

    client, _ = _mock(lambda r: httpx.Response(200, content=chunks()))
    got = fetch("http://news.test/", client, FetchOptions(allow_private=True, max_bytes=10_000))
    assert isinstance(got, Rejection) and got.reason == "too_large"
    assert "ran past 11,000 bytes, over the limit of 10,000 bytes" in got.detail
    assert len(sent) < 20  # stopped reading, did not drain the body


def test_fetch_gzip_bomb_is_cut_after_decompression():
    import gzip

    bomb = gzip.compress(b"\0" * 2_000_000)
    client, _ = _mock(lambda r: httpx.Response(200, content=bomb, headers={"Content-Encoding": "gzip"}))
    got = fetch("http://news.test/", client, FetchOptions(allow_private=True, max_bytes=100_000))
    assert isinstance(got, Rejection) and got.reason == "too_large"


def test_fetched_body_decodes_declared_charset():
    got = Fetched("http://x/", "Café".encode("latin-1"), "text/plain", "iso-8859-1")
    assert got.body() == "Café"
    assert Fetched("http://x/", b"abc", "text/plain", "utf-8").body() == b"abc"


def test_fetcher_makes_and_closes_its_own_client(web):
    url = web.serve("/story", PAGE)
    with Fetcher(LOCAL) as fetcher:
        assert isinstance(fetcher(url), Fetched)
        client = fetcher._client
    assert client is not None and client.is_closed


def test_fetcher_leaves_injected_client_open():
    client, _ = _mock(lambda r: httpx.Response(200, text="hi"))
    with Fetcher(LOCAL, client) as fetcher:
        assert isinstance(fetcher("http://news.test/"), Fetched)
    assert not client.is_closed
