"""The Python API (code text or files) and, in submodules, the HTTP API.

``realpolitik.api`` keeps the library entry points ``code_text``, ``code_paths`` and ``InputOptions``
(re-exported by ``realpolitik``). The web service lives in ``realpolitik.api.app`` (``create_app``),
with ``deps``, ``schemas``, ``errors`` and ``routes/``; it needs the ``api`` extra (FastAPI, uvicorn)
and is imported only on demand, so ``import realpolitik`` never pulls in FastAPI.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from realpolitik.errors import BAD_OPTION_DATE, ConfigError, ExtractionError
from realpolitik.extract.dates import normalise_date
from realpolitik.ingest.base import SourceOptions, iter_sources
from realpolitik.ingest.fetch import FetchOptions
from realpolitik.ingest.files import Metadata, ReadLimits
from realpolitik.models import CodedDocument, RawDocument
from realpolitik.pipeline import Engine, default_engine, process


def code_text(text: str, date: str | None = None, title: str | None = None, url: str | None = None,
              id: str | None = None, engine: Engine | None = None) -> CodedDocument:
    """Code one text and return the document object the CLI prints.

    Args:
        text: the article body.
        date: its publication date, YYYY-MM-DD; picks office holders and dates the events.
        title: its title, kept as metadata.
        url: where it came from.
        id: a document id; by default a hash of the text.
        engine: a loaded engine; by default the packaged one.
    """
    raw = RawDocument(origin=id or "<text>", content=text, id=id, title=title, date=date, url=url)
    return next(process([raw], engine))


@dataclass(frozen=True)
class InputOptions:
    """What the CLI's input flags say: metadata for plain texts, the size limit, and whether URLs
    may be fetched from private, loopback and link-local addresses."""

    date: str | None = None
    title: str | None = None
    url: str | None = None
    max_bytes: int = 5_000_000
    allow_private: bool = False

    def metadata(self) -> Metadata:
        """The metadata given to plain-text inputs; a bad --date raises ConfigError."""
        try:
            date = normalise_date(self.date)
        except ExtractionError:
            raise ConfigError(BAD_OPTION_DATE.format(value=self.date)) from None
        return Metadata(date=date, title=self.title, url=self.url)


def code_paths(paths: Iterable[str], options: InputOptions = InputOptions(),
               engine: Engine | None = None) -> Iterator[CodedDocument]:
    """Code files, folders, patterns, "-" (stdin), URLs and feeds, one CodedDocument per input
    document, in order."""
    engine = engine or default_engine()
    if options.max_bytes != engine.limits.max_bytes:
        from dataclasses import replace

        engine = replace(engine, limits=replace(engine.limits, max_bytes=options.max_bytes))
    sources = SourceOptions(options.metadata(), ReadLimits(max_bytes=options.max_bytes),
                            FetchOptions(max_bytes=options.max_bytes, allow_private=options.allow_private))
    yield from process(iter_sources(paths, sources), engine)
