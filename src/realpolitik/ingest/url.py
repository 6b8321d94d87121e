"""One URL as a source: a web page becomes a document, a feed one document per entry."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from realpolitik.ingest.fetch import Fetched
from realpolitik.ingest.files import Fetch, Metadata
from realpolitik.ingest.rss import entry_documents, looks_like_feed, parse_feed
from realpolitik.models import RawDocument, Rejection

TEXT_TYPES = ("text/plain", "text/markdown")


@dataclass
class UrlSource:
    """A URL to fetch (registered as ``realpolitik.source.url.v1``).

    Args:
        url: An http or https URL of a page or a feed.
        fetch: Fetches it (an ``ingest.fetch.Fetcher``, with its SSRF guard and bounds).
        meta: Metadata for a plain-text response (title, date); pages and feeds carry their own.
    """

    url: str
    fetch: Fetch
    meta: Metadata = Metadata()

    def iter_documents(self) -> Iterator[RawDocument | Rejection]:
        """The page's document, or every entry of the feed, or the fetch's rejection."""
        got = self.fetch(self.url)
        if isinstance(got, Rejection):
            yield got
            return
        yield from self._documents(got)

    def _documents(self, got: Fetched) -> Iterator[RawDocument | Rejection]:
        """Documents of a fetched body, by what it is."""
        if "html" in got.media_type and not looks_like_feed(got.content, ""):
            yield RawDocument(origin=self.url, content=got.body(), media_type="text/html", url=got.url,
                              source=self.meta.source)
        elif looks_like_feed(got.content, got.media_type):
            feed = parse_feed(got.content, self.url)
            if isinstance(feed, Rejection):
                yield feed
                return
            for entry in feed.entries:
                yield from entry_documents(entry, feed, self.fetch)
        elif got.media_type in TEXT_TYPES or not got.media_type:
            yield RawDocument(origin=self.url, content=got.body(), media_type="text/plain",
                              title=self.meta.title, date=self.meta.date, url=got.url,
                              source=self.meta.source)
        else:
            yield Rejection(self.url, "fetch_error", f"{self.url}: is {got.media_type}, not a web page, "
                            "text or a feed; realpolitik codes news text only.")

