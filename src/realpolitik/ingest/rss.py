"""RSS and Atom feeds, from files or URLs: every entry becomes a document.

An entry's own text (its content, else its summary) is used when it is substantial; a one-line teaser
instead sends us to the linked page, which is fetched (with the SSRF guard of ``fetch.py``) and
extracted like any saved page. Each document carries the entry's title, date (published, else
updated), link, and the feed's title as its source. feedparser reads the feed from bytes we hand it:
it never fetches anything itself.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from realpolitik.ingest.files import Fetch, ReadLimits
from realpolitik.models import RawDocument, Rejection

logger = logging.getLogger(__name__)

FEED_SUFFIXES = (".rss", ".atom", ".xml")
FEED_MEDIA_WORDS = ("rss", "atom", "xml")
# An entry text at least this long is coded as it is; a shorter one is a teaser and the linked page
# is fetched. News summaries in feeds run one to three sentences (100-350 characters); full-text
# feeds carry whole articles (thousands).
MIN_ENTRY_CHARS = 400
_BLOCK_END = re.compile(r"(?i)<br\s*/?>|</(p|div|li|h[1-6]|blockquote|tr|section|article)>")
_SPACES = re.compile(r"[ \t\r\f\v]+")


@dataclass(frozen=True)
class FeedEntry:
    """One feed entry, reduced to what a document needs.

    Attributes:
        key: A stable identity for "seen before": the entry's id (guid), else its link, else a hash.
        title: The entry's title.
        date: Published (else updated) date, YYYY-MM-DD (UTC).
        url: The entry's link.
        text: Its content, else its summary, as plain text ("" when it has neither).
    """

    key: str
    title: str | None
    date: str | None
    url: str | None
    text: str


@dataclass(frozen=True)
class Feed:
    """A parsed feed: where it came from, its title and its entries in feed order."""

    origin: str
    title: str | None
    entries: tuple[FeedEntry, ...]


def looks_like_feed(content: bytes, media_type: str = "") -> bool:
    """Whether a response or file is probably a feed: an RSS/Atom/XML media type or an XML start."""
    if any(word in media_type for word in FEED_MEDIA_WORDS):
        return True
    head = content[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf"))


def parse_feed(content: bytes, origin: str) -> Feed | Rejection:
    """Parse RSS or Atom bytes.

    Args:
        content: The feed document.
        origin: Its path or URL, for messages and entry origins.

    Returns:
        The feed, or a ``malformed_feed`` Rejection when the bytes are not a feed at all.
    """
    import feedparser

    parsed = feedparser.parse(io.BytesIO(content), sanitize_html=True, resolve_relative_uris=True)
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        why = f" ({problem})" if problem else ""
        return Rejection(origin, "malformed_feed", f"{origin}: is not an RSS or Atom feed{why}; pass a "
                         "feed, or save the page as .html.")
    if parsed.get("bozo"):
        logger.debug("%s: feed has errors, read leniently: %s", origin, parsed.get("bozo_exception"))
    title = _clean(parsed.feed.get("title")) or None
    entries = tuple(_entry(raw, origin, index) for index, raw in enumerate(parsed.entries))
    return Feed(origin, title, entries)


def entry_documents(entry: FeedEntry, feed: Feed, fetch: Fetch | None) -> Iterator[RawDocument | Rejection]:
    """The document of one entry: its own text if substantial, else the linked page.

    When the linked page cannot be fetched the fetch's rejection is yielded and the entry's own
    (short) text is still coded, so nothing the feed carried is lost.

    Args:
        entry: The entry.
        feed: The feed it belongs to (its title becomes the source).
        fetch: Fetches a linked page; None codes the entry's own text whatever its length.
    """
    origin = entry.url or f"{feed.origin}#{entry.key}"
    own = RawDocument(origin=origin, content=entry.text, media_type="text/plain", title=entry.title,
                      date=entry.date, url=entry.url, source=feed.title)
    if len(entry.text) >= MIN_ENTRY_CHARS or fetch is None or not entry.url:
        yield own
        return
    page = fetch(entry.url)
    if isinstance(page, Rejection):
        yield page
        if entry.text.strip():
            yield own
        return
    media = "text/html" if "html" in page.media_type or not page.media_type else "text/plain"
    yield RawDocument(origin=entry.url, content=page.body(), media_type=media, title=entry.title,
                      date=entry.date, url=page.url, source=feed.title)


@dataclass
class FeedSource:
    """An RSS or Atom feed read from a file or a URL (registered as ``realpolitik.source.rss.v1``).

    Args:
        location: A file path or an http(s) URL.
        fetch: Fetches the feed (when a URL) and the pages of teaser entries; None reads files only
            and codes entries as they are.
        limits: The largest feed file read.
    """

    location: str
    fetch: Fetch | None = None
    limits: ReadLimits = ReadLimits()

    def load(self) -> Feed | Rejection:
        """Read and parse the feed."""
        content = self._read()
        return content if isinstance(content, Rejection) else parse_feed(content, self.location)

    def iter_documents(self) -> Iterator[RawDocument | Rejection]:
        """Every entry's document, in feed order (or the feed's rejection)."""
        feed = self.load()
        if isinstance(feed, Rejection):
            yield feed
            return
        for entry in feed.entries:
            yield from entry_documents(entry, feed, self.fetch)

    def _read(self) -> bytes | Rejection:
        """The feed's bytes, from the network or the disk, within the size limit."""
        if self.location.startswith(("http://", "https://")):
            if self.fetch is None:
                return Rejection(self.location, "fetch_error", f"{self.location}: is a URL, but this "
                                 "run may not use the network.")
            got = self.fetch(self.location)
            return got if isinstance(got, Rejection) else got.content
        path = Path(self.location)
        try:
            with path.open("rb") as handle:
                data = handle.read(self.limits.max_bytes + 1)
        except OSError as error:
            return Rejection(self.location, "unreadable",
                             f"{self.location}: cannot be read ({error.strerror or error}).")
        if len(data) > self.limits.max_bytes:
            return Rejection(self.location, "too_large", f"{self.location}: the feed is over the limit of "
                             f"{self.limits.max_bytes:,} bytes; raise --max-bytes.")
        return data


def _entry(raw: Any, origin: str, index: int) -> FeedEntry:
    """A FeedEntry from feedparser's entry dict."""
    link = _absolute_link(raw.get("link"), origin)
    title = _clean(raw.get("title")) or None
    text = _entry_text(raw)
    key = raw.get("id") or link or hashlib.sha256(f"{title}|{text}".encode()).hexdigest()[:16]
    stamp = raw.get("published_parsed") or raw.get("updated_parsed")
    date = time.strftime("%Y-%m-%d", stamp) if stamp else None
    return FeedEntry(str(key), title, date, link, text)


def _absolute_link(link: str | None, origin: str) -> str | None:
    """An entry's link as an absolute http(s) URL (relative ones against a feed URL), else None."""
    if not link:
        return None
    if origin.startswith(("http://", "https://")):
        link = urljoin(origin, link)
    return link if link.startswith(("http://", "https://")) else None


def _entry_text(raw: Any) -> str:
    """The longest of the entry's contents, else its summary, as plain text."""
    values = [part.get("value", "") for part in raw.get("content") or []]
    values.append(raw.get("summary") or "")
    return max((html_fragment_text(value) for value in values), key=len, default="")


def html_fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed's content or summary), one paragraph a line."""
    if "<" not in fragment and "&" not in fragment:
        return _clean(fragment)
    import lxml.html

    marked = _BLOCK_END.sub(lambda m: m.group(0) + "\n", fragment)
    try:
        text = lxml.html.fragment_fromstring(marked, create_parent="div").text_content()
    except (ValueError, lxml.etree.ParserError):
        return _clean(fragment)
    return _clean(text)


def _clean(text: str | None) -> str:
    """Collapse runs of spaces within lines and drop empty lines."""
    if not text:
        return ""
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)
