"""Stored events with their document's url, title, language and date, streamed in batches.

Shared by the GDELT and PLOVER exports, which both need a field of the document beside each event.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb

from realpolitik.errors import StoreError
from realpolitik.store import parquet
from realpolitik.store.db import ALL_EVENTS, QUERY_FAILED, EventFilter, events_query

FETCH_BATCH = 2000  # rows per Arrow batch: bounded memory on big stores

# The outer ORDER BY repeats parquet.ORDER_BY["events"], qualified: the join may reorder rows.
_JOINED = """
    WITH f AS ({events})
    SELECT f.*, d.url AS document_url, d.title AS document_title,
           d.language AS document_language, d.date AS document_date
    FROM f LEFT JOIN documents AS d ON d.id = f.doc_id
    ORDER BY f.date NULLS LAST, f.doc_id, f.sentence_index, f.event_id"""


def iter_events_with_documents(conn: duckdb.DuckDBPyConnection,
                               flt: EventFilter = ALL_EVENTS) -> Iterator[dict[str, Any]]:
    """Yield the events passing ``flt`` as dicts, in the store's stable order.

    Args:
        conn: A connection to a migrated store.
        flt: Which events; by default all.

    Returns:
        An iterator of rows: every ``events`` column plus document_url, document_title,
        document_language and document_date.

    Raises:
        StoreError: If the query fails.
    """
    query, params = events_query(flt)
    try:
        reader = conn.sql(_JOINED.format(events=query), params=params or None).to_arrow_reader(FETCH_BATCH)
        for batch in reader:
            yield from batch.to_pylist()
    except duckdb.Error as exc:
        raise StoreError(QUERY_FAILED.format(path="(this connection)", error=exc)) from exc


def write_lines(path: Path, lines: Iterable[str]) -> int:
    """Write lines (each without its newline) to a UTF-8 file, creating folders; return the count.

    Raises:
        StoreError: the file cannot be written.
    """
    path = Path(path)
    count = 0
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="\n") as out:
            for line in lines:
                out.write(line + "\n")
                count += 1
    except OSError as exc:
        raise StoreError(parquet.EXPORT_FAILED.format(what="events", path=path, error=exc)) from exc
    return count
