"""Stored events with their document's url, title, language and date, streamed in batches.

Shared by the GDELT and PLOVER exports, which both need a field of the document beside each event.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import duckdb

from realpolitik.errors import StoreError
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
