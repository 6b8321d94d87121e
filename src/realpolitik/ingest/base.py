"""What a source is, and which source reads each input the user names.

A Source is anything with ``iter_documents() -> Iterator[RawDocument | Rejection]`` (STYLE rule 1):
``files.FileSource`` (files, folders, patterns, stdin, feed files), ``url.UrlSource`` (a page or a
feed on the web) and ``rss.FeedSource`` (a feed, from a file or a URL). Sources never raise on bad
input: what cannot be read becomes a Rejection and the other inputs go on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Protocol, runtime_checkable

from realpolitik.ingest.fetch import Fetcher, FetchOptions
from realpolitik.ingest.files import FileSource, Metadata, ReadLimits
from realpolitik.models import RawDocument, Rejection

URL_PREFIXES = ("http://", "https://")


@runtime_checkable
class Source(Protocol):
    """A stream of raw documents (and rejections of what could not be read)."""

    def iter_documents(self) -> Iterator[RawDocument | Rejection]:
        """Yield the documents, in input order."""
        ...


@dataclass(frozen=True)
class SourceOptions:
    """How to read inputs: metadata for plain texts, read bounds, and fetch bounds.

    Attributes:
        meta: Metadata for inputs that carry none (.txt, stdin, plain-text URLs).
        limits: Bounds on reading files.
        fetch: Timeouts, size cap, redirects, and whether private addresses may be fetched.
    """

    meta: Metadata = Metadata()
    limits: ReadLimits = ReadLimits()
    fetch: FetchOptions = field(default_factory=FetchOptions)


def is_url(path: str) -> bool:
    """Whether an input names a web address rather than a file (any ``scheme://``)."""
    head = path.split("://", 1)[0]
    return "://" in path and head.isalpha() and len(head) > 1


def open_sources(paths: Iterable[str], options: SourceOptions, fetcher: Fetcher,
                 stdin: IO[bytes] | None = None) -> Iterator[Source]:
    """One source per URL, and one file source per run of consecutive file paths, in order."""
    from realpolitik.ingest.url import UrlSource

    files: list[str] = []
    for path in paths:
        if is_url(path):
            if files:
                yield _file_source(files, options, fetcher, stdin)
                files = []
            yield UrlSource(path, fetcher, options.meta)
        else:
            files.append(path)
    if files:
        yield _file_source(files, options, fetcher, stdin)


def _file_source(paths: list[str], options: SourceOptions, fetcher: Fetcher,
                 stdin: IO[bytes] | None) -> Source:
    """A FileSource over consecutive file paths."""
    return FileSource(tuple(paths), options.meta, options.limits, fetcher, stdin)


def iter_sources(paths: Iterable[str], options: SourceOptions = SourceOptions(),
                 fetcher: Fetcher | None = None, stdin: IO[bytes] | None = None
                 ) -> Iterator[RawDocument | Rejection]:
    """Yield the documents of every input (files, folders, patterns, "-", URLs, feeds), in order.

    Args:
        paths: What the user named.
        options: Metadata, read bounds and fetch bounds.
        fetcher: Fetches URLs; by default one is made from ``options.fetch`` (and closed at the end).
        stdin: The stream "-" reads; by default standard input.
    """
    own = fetcher is None
    fetcher = fetcher or Fetcher(options.fetch)
    try:
        for source in open_sources(paths, options, fetcher, stdin):
            yield from source.iter_documents()
    finally:
        if own:
            fetcher.close()
