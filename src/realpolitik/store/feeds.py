"""The ``feed_items`` table: which feed entries have been ingested, for `realpolitik watch`.

An entry is known by its feed (the path or URL as given) and its key (guid, else link, else a
hash). Rows are written after the entry's documents are stored, so a run killed in between
re-reads that entry next time, and the store's own idempotence keeps it stored once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

import duckdb

from realpolitik.store.migrations import transaction

# Migration 4 runs this; like a migration, it must not change once shipped.
CREATE_FEED_ITEMS = """
    CREATE TABLE feed_items (
        feed VARCHAR, item_key VARCHAR, url VARCHAR, doc_id VARCHAR, first_seen TIMESTAMP,
        PRIMARY KEY (feed, item_key)
    )"""


def seen_keys(conn: duckdb.DuckDBPyConnection, feed: str, keys: list[str]) -> set[str]:
    """The keys among ``keys`` already recorded for a feed.

    Args:
        conn: The store's connection.
        feed: The feed's path or URL.
        keys: Entry keys to look up.

    Returns:
        The subset already seen.
    """
    if not keys:
        return set()
    rows = conn.execute("SELECT item_key FROM feed_items WHERE feed = ? AND item_key = ANY(?)",
                        [feed, keys]).fetchall()
    return {row[0] for row in rows}


def mark_seen(conn: duckdb.DuckDBPyConnection, feed: str,
              items: Iterable[tuple[str, str | None, str | None]]) -> int:
    """Record entries as ingested, in one transaction; entries already recorded are left alone.

    Args:
        conn: The store's connection.
        feed: The feed's path or URL.
        items: ``(key, url, doc_id)`` per entry (``doc_id`` None when the entry was rejected).

    Returns:
        How many entries were newly recorded.

    Raises:
        StoreError: If the write fails (nothing is recorded).
    """
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = [(feed, key, url, doc_id, now) for key, url, doc_id in items]
    if not rows:
        return 0
    with transaction(conn):
        before = _count(conn, feed)
        conn.executemany("INSERT INTO feed_items VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", rows)
        return _count(conn, feed) - before


def _count(conn: duckdb.DuckDBPyConnection, feed: str) -> int:
    """Entries recorded for a feed."""
    row = conn.execute("SELECT count(*) FROM feed_items WHERE feed = ?", [feed]).fetchone()
    return int(row[0]) if row else 0
