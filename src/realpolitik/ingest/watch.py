"""Poll feeds and ingest only their new entries (``realpolitik watch``, issue #5, item 6).

One poll, per feed:
 1. fetch (or read) and parse the feed; a feed that is down is logged, recorded as a rejection, and
    the other feeds go on (so does the next poll);
 2. look up which entries the store has seen (``store/feeds.py``) and keep the new ones;
 3. code the new entries a few at a time (their own text, or the linked page for teasers), store
    them, then mark them seen. An entry whose page could not be fetched (``fetch_error``) is not
    marked, so the next poll tries it again. Between batches the ``stop`` callback is asked, so a
    Ctrl-C ends the poll after the batch in hand; what was not reached stays new for the next run.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from realpolitik.errors import BAD_INTERVAL, ConfigError
from realpolitik.ingest.files import Fetch
from realpolitik.ingest.rss import Feed, FeedEntry, FeedSource, entry_documents
from realpolitik.models import CodedDocument, Rejection
from realpolitik.pipeline import Engine, process
from realpolitik.store import feeds as feed_items
from realpolitik.store.db import Store

logger = logging.getLogger(__name__)

# Entries coded and stored per step; small, so a stop request is honoured soon after it comes.
ENTRY_BATCH = 8
# Reasons that say "try again later" rather than "this entry is bad".
RETRY_REASONS = frozenset({"fetch_error"})
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class PollResult:
    """What one poll of one feed did.

    Attributes:
        feed: The feed's path or URL.
        new: Entries not seen before, now ingested (stored or rejected).
        seen: Entries skipped because an earlier poll ingested them.
        stored: Documents newly stored.
        events: Events newly stored.
        rejections: Rejections recorded in this poll (the feed's own when it is down).
        down: True when the feed itself could not be read.
    """

    feed: str
    new: int = 0
    seen: int = 0
    stored: int = 0
    events: int = 0
    rejections: tuple[Rejection, ...] = ()
    down: bool = False


@dataclass(frozen=True)
class PollSummary:
    """One poll over every feed."""

    results: tuple[PollResult, ...] = field(default_factory=tuple)

    def total(self, name: str) -> int:
        """The sum of a count ("new", "seen", "stored", "events") over the feeds."""
        return sum(getattr(result, name) for result in self.results)

    @property
    def rejected(self) -> int:
        """Rejections recorded in the poll."""
        return sum(len(result.rejections) for result in self.results)

    @property
    def down(self) -> int:
        """Feeds that could not be read."""
        return sum(result.down for result in self.results)


def parse_interval(value: str) -> float:
    """Seconds in a duration such as "30s", "15m", "2h", "1d" (a bare number is seconds).

    Raises:
        ConfigError: If it is not a duration of at least one second.
    """
    match = _INTERVAL.match(value or "")
    seconds = float(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()] if match else 0.0
    if seconds < 1:
        raise ConfigError(BAD_INTERVAL.format(value=value))
    return seconds


def poll_feeds(feeds: Iterable[str], store: Store, fetch: Fetch, engine: Engine | None = None,
               stop: Callable[[], bool] = lambda: False) -> PollSummary:
    """Poll every feed once, in order (see the module docstring).

    Args:
        feeds: Feed paths or URLs.
        store: Where documents, rejections and seen entries go.
        fetch: Fetches feed URLs and teaser pages (an ``ingest.fetch.Fetcher``).
        engine: The coding engine; loaded on first need when None.
        stop: Asked between batches; True ends the poll early.

    Raises:
        StoreError: If the store cannot be written.
    """
    results = []
    for feed in feeds:
        if stop():
            break
        results.append(poll_feed(feed, store, fetch, engine, stop))
    return PollSummary(tuple(results))


def poll_feed(feed: str, store: Store, fetch: Fetch, engine: Engine | None = None,
              stop: Callable[[], bool] = lambda: False) -> PollResult:
    """Poll one feed once and ingest its new entries (see ``poll_feeds``)."""
    loaded = FeedSource(feed, fetch).load()
    if isinstance(loaded, Rejection):
        logger.warning("feed is down, will try again at the next poll: %s", loaded.detail)
        store.record_rejection(loaded)
        return PollResult(feed, rejections=(loaded,), down=True)
    unique: dict[str, FeedEntry] = {}
    for entry in loaded.entries:
        unique.setdefault(entry.key, entry)  # a feed listing an entry twice ingests it once
    entries = list(unique.values())
    known = feed_items.seen_keys(store.conn, feed, [entry.key for entry in entries])
    fresh = [entry for entry in entries if entry.key not in known]
    result = PollResult(feed, seen=len(entries) - len(fresh))
    for start in range(0, len(fresh), ENTRY_BATCH):
        if stop():
            break
        result = _ingest_batch(result, loaded, fresh[start:start + ENTRY_BATCH], store, fetch, engine)
    return result


def _ingest_batch(result: PollResult, feed: Feed, batch: list[FeedEntry], store: Store, fetch: Fetch,
                  engine: Engine | None) -> PollResult:
    """Code and store a batch of new entries, then mark the finished ones seen."""
    owners: list[int] = []  # which entry each raw document came from
    raws = []
    for number, entry in enumerate(batch):
        for raw in entry_documents(entry, feed, fetch):
            owners.append(number)
            raws.append(raw)
    coded = list(process(raws, engine))
    saved = store.save_many(coded)
    outputs: list[list[CodedDocument]] = [[] for _ in batch]
    for number, doc in zip(owners, coded, strict=True):
        outputs[number].append(doc)
    finished = [(entry.key, entry.url, _stored_id(docs)) for entry, docs in zip(batch, outputs, strict=True)
                if not _should_retry(docs)]
    feed_items.mark_seen(store.conn, feed.origin, finished)
    rejections = tuple(doc.rejected for doc in coded if doc.rejected is not None)
    return PollResult(result.feed, result.new + len(finished), result.seen, result.stored + saved.stored,
                      result.events + saved.events, result.rejections + rejections)


def _stored_id(docs: list[CodedDocument]) -> str | None:
    """The id of the entry's coded document, if it was not rejected."""
    return next((doc.id for doc in docs if doc.rejected is None), None)


def _should_retry(docs: list[CodedDocument]) -> bool:
    """An entry is tried again next poll when nothing came of it but a transient fetch failure."""
    return bool(docs) and all(doc.rejected is not None and doc.rejected.reason in RETRY_REASONS
                              for doc in docs)
