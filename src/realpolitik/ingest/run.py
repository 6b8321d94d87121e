"""Run an ingest: read inputs, skip what the store already holds, code the rest, save, report.

Stages, per window of ``WINDOW`` input documents (issue #5, items 3-5):
 1. read and extract them (``ingest/files.py``, ``extract/article.py``);
 2. ask the store which are stored already, by id or by normalised text: those are not coded again,
    so a run that was killed resumes at about the speed of reading;
 3. code the others (``pipeline.process``, one model batch per window);
 4. save them, with the skipped ones, in the window's order, one transaction per save batch
    (``Store.save_many``): a kill leaves whole batches, never half of one, and the next run stores
    the rest exactly once.

The caller follows along through ``on_document`` (each document read) and ``on_batch`` (each batch
saved); the CLI draws its progress bar and summary from them. The model is loaded only when a
window has something to code.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path

from realpolitik.api import InputOptions
from realpolitik.extract.article import Limits, extract_article
from realpolitik.extract.dedup import content_hash
from realpolitik.ingest.base import SourceOptions, is_url, iter_sources
from realpolitik.ingest.fetch import FetchOptions
from realpolitik.ingest.files import FEED_FILE_SUFFIXES, JSONL_SUFFIXES, ReadLimits, walk_files
from realpolitik.models import Article, CodedDocument, RawDocument, Rejection
from realpolitik.pipeline import Engine, default_engine, process
from realpolitik.store.db import DEFAULT_SAVE_BATCH, SaveSummary, Store

WINDOW = 64  # documents read, checked against the store and coded together (the model's batch)
COUNT_CHUNK = 1 << 20  # bytes read at a time when counting the lines of a .jsonl
DEFAULT_OPTIONS = InputOptions()


@dataclass
class IngestReport:
    """What an ingest did so far; the run summary.

    Attributes:
        read: Documents read, rejected ones included.
        stored: Documents newly stored.
        duplicates: Documents already stored, or exact copies of stored ones.
        near_duplicates: Documents kept as near copies of stored ones.
        skipped: Of the duplicates, those recognised before coding (not coded again).
        rejected: Rejected documents per reason code.
        events: Events newly stored.
        elapsed: Seconds since the run started.
        total: Documents expected, when they could be counted beforehand.
    """

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    skipped: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    events: int = 0
    elapsed: float = 0.0
    total: int | None = None

    @property
    def rejected_total(self) -> int:
        """All rejected documents."""
        return sum(self.rejected.values())

    @property
    def docs_per_second(self) -> float:
        """Documents read per second of the run."""
        return self.read / self.elapsed if self.elapsed > 0 else 0.0


OnDocument = Callable[[CodedDocument, IngestReport], None]
OnBatch = Callable[[IngestReport], None]


@dataclass(frozen=True)
class Observers:
    """Callbacks of a run: after each document read, after each batch saved."""

    on_document: OnDocument | None = None
    on_batch: OnBatch | None = None


def ingest_paths(paths: Iterable[str], store: Store, options: InputOptions = DEFAULT_OPTIONS,
                 engine: Engine | None = None, observers: Observers = Observers(),
                 total: int | None = None, batch_size: int = DEFAULT_SAVE_BATCH) -> IngestReport:
    """Code and store the documents of files, folders, patterns, "-" (stdin), URLs and feeds,
    resuming where a run stopped.

    Args:
        paths: Inputs, as ``realpolitik ingest`` takes them.
        store: The store to save into.
        options: Metadata for plain texts and the size limit.
        engine: A loaded engine; by default the packaged one, loaded when first needed.
        observers: Callbacks for progress.
        total: Documents expected (``count_documents``), for the report.
        batch_size: Documents per save transaction.

    Returns:
        The run's report.

    Raises:
        ConfigError: If ``--date`` or ``batch_size`` is bad.
        StoreError: If a write fails; batches saved before it are kept.
    """
    started = time.monotonic()
    report = IngestReport(total=total)
    # A given engine's document limits hold, but for the size limit the options set.
    limits = replace(engine.limits if engine else Limits(), max_bytes=options.max_bytes)
    sources = SourceOptions(options.metadata(), ReadLimits(max_bytes=options.max_bytes),
                            FetchOptions(max_bytes=options.max_bytes, allow_private=options.allow_private))
    items = iter_sources(paths, sources)
    return save_coded(_documents(items, store, limits, engine, report), store, observers, report,
                      batch_size, started)


def save_coded(docs: Iterable[CodedDocument], store: Store, observers: Observers = Observers(),
               report: IngestReport | None = None, batch_size: int = DEFAULT_SAVE_BATCH,
               started: float | None = None) -> IngestReport:
    """Stage 4 alone: save documents coded elsewhere (a Dask cluster), reporting as a run does.

    Args:
        docs: Coded documents, rejected ones included, in order.
        store: The store to save into.
        observers: Callbacks for progress.
        report: The report to add to; by default a new one.
        batch_size: Documents per save transaction.
        started: When the run started (``time.monotonic()``); by default now.

    Returns:
        The report.

    Raises:
        StoreError: If a write fails; batches saved before it are kept.
    """
    started = time.monotonic() if started is None else started
    report = report or IngestReport()
    pending: list[CodedDocument] = []
    for doc in docs:
        report.read += 1
        if doc.rejected is not None:
            report.rejected[doc.rejected.reason] += 1
        report.elapsed = time.monotonic() - started
        if observers.on_document:
            observers.on_document(doc, report)
        pending.append(doc)
        if len(pending) >= batch_size:
            _save(store, pending, report, observers)
            pending = []
    if pending:
        _save(store, pending, report, observers)
    report.elapsed = time.monotonic() - started
    return report


def _documents(items: Iterator[RawDocument | Rejection], store: Store, limits: Limits,
               engine: Engine | None, report: IngestReport) -> Iterator[CodedDocument]:
    """Stages 1-3 over windows of inputs: coded documents and the stored ones left uncoded, in order."""
    while window := list(islice(items, WINDOW)):
        extracted = [extract_article(item, limits) if isinstance(item, RawDocument) else item
                     for item in window]
        known = _known(store, [a for a in extracted if isinstance(a, Article)])
        articles = [item for item in extracted if isinstance(item, Article) and item.id not in known]
        if articles and engine is None:
            engine = default_engine()
        coded = iter(process(articles, engine) if articles else ())
        for item in extracted:
            if isinstance(item, Rejection):
                yield _rejected(item)
            elif item.id in known:
                report.skipped += 1
                yield _uncoded(item)
            else:
                yield next(coded)


def _known(store: Store, articles: list[Article]) -> set[str]:
    """Ids of the articles the store holds already, by id or by the same normalised text."""
    if not articles:
        return set()
    hashes = {article.id: content_hash(article.text) for article in articles}
    ids, by_hash = store.known(list(hashes), list(hashes.values()))
    return {doc_id for doc_id, digest in hashes.items() if doc_id in ids or digest in by_hash}


def _rejected(rejection: Rejection) -> CodedDocument:
    """A rejected input as the document the store records it from (as ``pipeline.process`` makes)."""
    return CodedDocument(id=rejection.id or rejection.origin, origin=rejection.origin,
                         rejected=rejection, language=None)


def _uncoded(article: Article) -> CodedDocument:
    """A stored document's new copy, not coded: the store records it as a copy or a duplicate."""
    return CodedDocument(id=article.id, origin=article.origin, title=article.title,
                         date=article.date, url=article.url, source=article.source,
                         language=article.language, text=article.text)


def _save(store: Store, batch: list[CodedDocument], report: IngestReport,
          observers: Observers) -> None:
    """Stage 4: save one batch in one transaction and add its counts to the report."""
    summary: SaveSummary = store.save_many(batch, batch_size=len(batch))
    report.stored += summary.stored
    report.duplicates += summary.duplicates
    report.near_duplicates += summary.near_duplicates
    report.events += summary.events
    # Rejections the store itself makes (a bad date) were not seen when the documents were read.
    seen = Counter(doc.rejected.reason for doc in batch if doc.rejected is not None)
    report.rejected.update(Counter(summary.reasons) - seen)
    if observers.on_batch:
        observers.on_batch(report)


def count_documents(paths: Iterable[str]) -> int | None:
    """Count the documents of some inputs cheaply, for an ETA: files, and the lines of .jsonl files.

    Args:
        paths: Inputs, as ``realpolitik ingest`` takes them.

    Returns:
        The count, or None when it cannot be known without decoding or fetching (stdin, URLs,
        feeds, .gz, .json arrays).
    """
    total = 0
    for path in paths:
        if path == "-" or is_url(path):
            return None
        for file in walk_files(path):
            name = file.name.lower()
            if name.endswith((".gz", ".json", *FEED_FILE_SUFFIXES)):
                return None
            total += _count_lines(file) if name.endswith(JSONL_SUFFIXES) else 1
    return total


def _count_lines(path: Path) -> int:
    """Lines of a file, read in chunks (memory stays bounded on any size); blank ones count too."""
    count, last = 0, b"\n"
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(COUNT_CHUNK):
                count += chunk.count(b"\n")
                last = chunk[-1:]
    except OSError:
        return 1
    return count + (last != b"\n")
