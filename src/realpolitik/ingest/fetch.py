"""Fetch web pages and feeds over HTTP(S) without becoming a way into private networks.

Fetching a URL on someone's behalf is a server-side request forgery risk: a URL (or a redirect, or a
link in a feed) can point at 127.0.0.1, the cloud metadata address 169.254.169.254 or an intranet
host. So, unless ``allow_private`` is set, every URL is checked before each request, redirects
included: only http and https, and the host name is resolved and *every* address it resolves to must
be public (private, loopback, link-local, multicast, reserved and unspecified addresses are refused,
IPv4 and IPv6, IPv4-mapped and 6to4 IPv6 included). After connecting, the address actually connected
to is checked again, so a name that resolves differently the second time (DNS rebinding) still gets
nothing read. Redirects are followed by hand, at most ``max_redirects``; the body is streamed and cut
at ``max_bytes`` (counted after decompression, so a gzip bomb stops there too) and at ``max_seconds``.

Every failure is a Rejection: ``blocked_address``, ``too_large`` or ``fetch_error``, with a sentence
saying what to do. The ``httpx.Client`` is injected (STYLE rule 8): tests pass ``httpx.MockTransport``.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType

import httpx

from realpolitik import __version__
from realpolitik.models import Rejection

logger = logging.getLogger(__name__)

Resolver = Callable[[str, int], list[str]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# The checks in the order their names are reported ("127.0.0.1 is a loopback address").
BLOCKED_KINDS = (
    ("loopback", "is_loopback"), ("unspecified", "is_unspecified"), ("link-local", "is_link_local"),
    ("multicast", "is_multicast"), ("reserved", "is_reserved"), ("private", "is_private"),
)
ALLOW_HINT = "pass --allow-private to fetch from it on purpose"
BLOCKED = ("{url}: {host} resolves to {address}, a {kind} address; realpolitik refuses to fetch from "
           "private networks so that a URL cannot turn it against them. Use a public URL, or "
           + ALLOW_HINT + ".")


@dataclass(frozen=True)
class FetchOptions:
    """Bounds on one fetch.

    Attributes:
        connect_timeout: Seconds to wait for a connection.
        read_timeout: Seconds to wait for each piece of the response.
        max_seconds: Seconds the whole response may take (a server dripping bytes is cut off).
        max_bytes: Largest body accepted, after decompression.
        max_redirects: Redirects followed before giving up.
        allow_private: Fetch from private, loopback and link-local addresses too.
    """

    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    max_seconds: float = 60.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    allow_private: bool = False


@dataclass(frozen=True)
class Fetched:
    """A fetched response body with what we know about it.

    Attributes:
        url: The final URL, after redirects.
        content: The body (decompressed).
        media_type: The Content-Type without parameters, lower case ("text/html"), or "".
        charset: The declared charset, or None.
    """

    url: str
    content: bytes
    media_type: str
    charset: str | None = None

    def body(self) -> str | bytes:
        """The body as text when the server declared a charset other than UTF-8, else the bytes
        (which the extractor decodes as UTF-8 and refuses politely if they are not)."""
        if self.charset and self.charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
            try:
                return self.content.decode(self.charset)
            except (LookupError, UnicodeDecodeError):
                return self.content
        return self.content


def resolve_host(host: str, port: int) -> list[str]:
    """Every address a host name resolves to (the system resolver), as strings.

    Raises:
        OSError: If the name does not resolve.
    """
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def blocked_kind(address: str) -> str | None:
    """Why an address may not be fetched from ("loopback", "private", ...), or None if it is public."""
    try:
        ip: IPAddress = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    except ValueError:
        return "unparseable"
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is not None:
            return blocked_kind(str(embedded))
    for kind, attribute in BLOCKED_KINDS:
        if getattr(ip, attribute):
            return kind
    return None if ip.is_global else "non-public"  # e.g. 100.64.0.0/10, shared address space


def make_client(options: FetchOptions = FetchOptions()) -> httpx.Client:
    """An httpx client for ``fetch``: no automatic redirects, our timeouts, no proxy settings from
    the environment (a proxy would hide the address we must check)."""
    return httpx.Client(
        follow_redirects=False, trust_env=False,
        timeout=httpx.Timeout(options.read_timeout, connect=options.connect_timeout),
        headers={"User-Agent": f"realpolitik/{__version__} (+news event coding)"},
    )


def fetch(url: str, client: httpx.Client, options: FetchOptions = FetchOptions(),
          resolve: Resolver = resolve_host) -> Fetched | Rejection:
    """Fetch one URL, following at most ``options.max_redirects`` redirects, each checked again.

    Args:
        url: An http or https URL.
        client: The client to send requests with (``make_client``, or one with a mock transport).
        options: Timeouts, size cap, redirect limit, and whether private addresses are allowed.
        resolve: Turns a host name into its addresses (injected for tests).

    Returns:
        The response body, or a Rejection (``fetch_error``, ``blocked_address`` or ``too_large``)
        whose origin is ``url``.
    """
    try:
        current = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as error:
        return _failed(url, f"is not a valid URL ({error}); check it.")
    for _ in range(options.max_redirects + 1):
        refused = check_url(url, current, options, resolve)
        if refused is not None:
            return refused
        try:
            with client.stream("GET", current, follow_redirects=False) as response:
                if response.is_redirect and "location" in response.headers:
                    current = current.join(response.headers["location"])
                    continue
                return _read(url, response, options)
        except httpx.TimeoutException as error:
            return _failed(url, f"timed out ({type(error).__name__}: the server did not answer within "
                           f"{options.connect_timeout:g} s to connect / {options.read_timeout:g} s to "
                           "read); it may be down or slow. Try again later.")
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            return _failed(url, f"could not be fetched ({type(error).__name__}: {error}); check the URL "
                           "and the network, then try again.")
    return _failed(url, f"was redirected more than {options.max_redirects} times (last to {current}); "
                   "the site is probably in a redirect loop. Use the final address of the page.")


def check_url(origin: str, url: httpx.URL, options: FetchOptions,
              resolve: Resolver = resolve_host) -> Rejection | None:
    """Refuse a URL that is not http(s), or whose host resolves to any non-public address.

    Args:
        origin: The URL as the user gave it, for the rejection.
        url: The URL about to be requested (the original or a redirect target).
        options: ``allow_private`` skips the address check.
        resolve: Turns a host name into its addresses.

    Returns:
        None when the URL may be fetched, else a Rejection.
    """
    if url.scheme not in ("http", "https"):
        return _failed(origin, f"leads to {url}, which is not an http or https URL; realpolitik only "
                       "fetches web pages and feeds.")
    if not url.host:
        return _failed(origin, f"leads to {url}, which has no host name; check the URL.")
    if options.allow_private:
        return None
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        addresses = resolve(url.host, port)
    except OSError as error:
        return _failed(origin, f"names the host {url.host}, which could not be resolved ({error}); "
                       "check the URL and the network.")
    for address in addresses:
        kind = blocked_kind(address)
        if kind is not None:
            return Rejection(origin, "blocked_address",
                             BLOCKED.format(url=origin, host=url.host, address=address, kind=kind))
    return None


def _read(origin: str, response: httpx.Response, options: FetchOptions) -> Fetched | Rejection:
    """Check the status, the connected address and the size, then read the body within bounds."""
    if response.status_code >= 400:
        return _failed(origin, f"the server answered HTTP {response.status_code} "
                       f"{response.reason_phrase} for {response.url}; check the URL.")
    peer = _peer_address(response)
    if peer is not None and not options.allow_private and (kind := blocked_kind(peer)) is not None:
        return Rejection(origin, "blocked_address",
                         BLOCKED.format(url=origin, host=response.url.host, address=peer, kind=kind))
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > options.max_bytes:
        return _too_large(origin, f"declares {int(declared):,} bytes", options.max_bytes)
    chunks: list[bytes] = []
    size = 0
    started = time.monotonic()
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > options.max_bytes:
            return _too_large(origin, f"ran past {size:,} bytes", options.max_bytes)
        if time.monotonic() - started > options.max_seconds:
            return _failed(origin, f"took longer than {options.max_seconds:g} s to send; the server is "
                           "too slow. Try again later.")
        chunks.append(chunk)
    content_type = response.headers.get("content-type", "")
    media_type = content_type.split(";", 1)[0].strip().lower()
    return Fetched(str(response.url), b"".join(chunks), media_type, response.charset_encoding)


def _peer_address(response: httpx.Response) -> str | None:
    """The IP address the response came from, when the transport tells (real sockets do)."""
    stream = response.extensions.get("network_stream")
    if stream is None:
        return None
    server = stream.get_extra_info("server_addr")
    return str(server[0]) if server else None


def _too_large(origin: str, what: str, limit: int) -> Rejection:
    """A body over the size cap."""
    return Rejection(origin, "too_large", f"{origin}: the response {what}, over the limit of {limit:,} "
                     "bytes; it is probably not a news page. Raise --max-bytes if it is one.")


def _failed(origin: str, sentence: str) -> Rejection:
    """A ``fetch_error`` rejection."""
    return Rejection(origin, "fetch_error", f"{origin}: {sentence}")


class Fetcher:
    """Fetches URLs with one client and one set of options; creates the client on first use unless
    one is injected, and closes only a client it created. Usable as a context manager.

    Args:
        options: Bounds and the private-address switch.
        client: An httpx client to use (tests pass one with a mock transport).
        resolve: Turns a host name into its addresses.
    """

    def __init__(self, options: FetchOptions = FetchOptions(), client: httpx.Client | None = None,
                 resolve: Resolver = resolve_host) -> None:
        self.options = options
        self._client = client
        self._owned = client is None
        self._resolve = resolve

    def __call__(self, url: str) -> Fetched | Rejection:
        """Fetch one URL (see ``fetch``)."""
        if self._client is None:
            self._client = make_client(self.options)
        result = fetch(url, self._client, self.options, self._resolve)
        if isinstance(result, Rejection):
            logger.info("fetch refused or failed: %s", result.detail)
        return result

    def close(self) -> None:
        """Close the client if this fetcher made it."""
        if self._owned and self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Fetcher:
        """Use in a ``with`` block."""
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        """Close the client."""
        self.close()
