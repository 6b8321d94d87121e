"""Catalogue queries for the HTTP API: pages of documents and events, one document, actor counts.

Like the rest of ``analytics/``, every function takes a DuckDB connection (``Store.conn`` or a
cursor of it) and returns a ``pyarrow.Table`` (or a count); every value reaches SQL as a parameter.
Pages use ``LIMIT ? OFFSET ?`` over the store's stable order, so page n+1 follows page n as long
as nothing is ingested in between.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from realpolitik.analytics import _sql
from realpolitik.errors import ConfigError
from realpolitik.store.db import ALL_EVENTS, EventFilter, events_query
from realpolitik.store.parquet import ORDER_BY

BAD_PAGE = "{name} {value!r} is not allowed. Use a whole number of at least {least}."

# Every documents column but the text, which can be megabytes: the detail view returns it.
_DOCUMENT_COLUMNS = "id, origin, title, date, url, source, language, n_events, ingested_at"

_ACTOR_COUNTS = """
    SELECT coalesce(code, country) AS code, any_value(country) AS country,
           mode(kind) AS kind, mode(name) AS name,
           count(*) AS mentions, count(DISTINCT doc_id) AS documents
    FROM actors
    WHERE coalesce(code, country) IS NOT NULL
    GROUP BY ALL
    ORDER BY mentions DESC, code"""


def _check_page(limit: int, offset: int) -> None:
    """Raise ConfigError for a negative offset or a limit below 1."""
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ConfigError(BAD_PAGE.format(name="limit", value=limit, least=1))
    if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
        raise ConfigError(BAD_PAGE.format(name="offset", value=offset, least=0))


def _count(conn: duckdb.DuckDBPyConnection, name: str, query: str, params: list) -> int:
    """The number of rows ``query`` returns."""
    table = _sql.select(conn, name, f"SELECT count(*) AS n FROM ({query})", params)
    return int(table.column("n")[0].as_py())


def document_page(conn: duckdb.DuckDBPyConnection, limit: int, offset: int = 0) -> pa.Table:
    """Return one page of stored documents, without their text, ordered by id.

    Args:
        conn: A connection to the store.
        limit: At most this many rows (1 or more).
        offset: Rows to skip first.

    Returns:
        Columns id, origin, title, date, url, source, language, n_events, ingested_at.

    Raises:
        ConfigError: If limit or offset is out of range.
        StoreError: If the query fails.
    """
    _check_page(limit, offset)
    query = f"SELECT {_DOCUMENT_COLUMNS} FROM documents ORDER BY {ORDER_BY['documents']} LIMIT ? OFFSET ?"
    return _sql.select(conn, "document_page", query, [limit, offset])


def count_documents(conn: duckdb.DuckDBPyConnection) -> int:
    """Return how many documents the store holds."""
    return _count(conn, "count_documents", "SELECT id FROM documents", [])


def document(conn: duckdb.DuckDBPyConnection, doc_id: str) -> pa.Table:
    """Return one stored document with its text (zero rows when there is no such id).

    Args:
        conn: A connection to the store.
        doc_id: The document id.

    Returns:
        The documents columns, text included; at most one row.
    """
    query = f"SELECT {_DOCUMENT_COLUMNS}, text FROM documents WHERE id = ?"
    return _sql.select(conn, "document", query, [doc_id])


def document_actors(conn: duckdb.DuckDBPyConnection, doc_id: str) -> pa.Table:
    """Return a document's actor mentions in mention order (the ``actors`` columns)."""
    query = f"SELECT * FROM actors WHERE doc_id = ? ORDER BY {ORDER_BY['actors']}"
    return _sql.select(conn, "document_actors", query, [doc_id])


def document_quotes(conn: duckdb.DuckDBPyConnection, doc_id: str) -> pa.Table:
    """Return a document's quotes in order (the ``quotes`` columns)."""
    query = f"SELECT * FROM quotes WHERE doc_id = ? ORDER BY {ORDER_BY['quotes']}"
    return _sql.select(conn, "document_quotes", query, [doc_id])


def document_events(conn: duckdb.DuckDBPyConnection, doc_id: str) -> pa.Table:
    """Return a document's events in the store's order (the ``events`` columns)."""
    query = f"SELECT * FROM events WHERE doc_id = ? ORDER BY {ORDER_BY['events']}"
    return _sql.select(conn, "document_events", query, [doc_id])


def event_page(conn: duckdb.DuckDBPyConnection, flt: EventFilter = ALL_EVENTS, limit: int = 50,
               offset: int = 0) -> pa.Table:
    """Return one page of the events passing a filter, in the store's stable order.

    Args:
        conn: A connection to the store.
        flt: Which events; its own ``limit`` must be None (the page sets it).
        limit: At most this many rows (1 or more).
        offset: Rows to skip first.

    Returns:
        The ``events`` columns.

    Raises:
        ConfigError: If limit or offset is out of range.
        StoreError: If the query fails.
    """
    _check_page(limit, offset)
    query, params = events_query(flt)
    return _sql.select(conn, "event_page", query + " LIMIT ? OFFSET ?", [*params, limit, offset])


def count_events(conn: duckdb.DuckDBPyConnection, flt: EventFilter = ALL_EVENTS) -> int:
    """Return how many events pass a filter (its ``limit`` applies)."""
    return _count(conn, "count_events", *events_query(flt))


def actor_counts(conn: duckdb.DuckDBPyConnection, limit: int, offset: int = 0) -> pa.Table:
    """Return the distinct actors mentioned in stored documents, most mentioned first.

    An actor is its code, else its country; mentions with neither are left out.

    Args:
        conn: A connection to the store.
        limit: At most this many rows (1 or more).
        offset: Rows to skip first.

    Returns:
        Columns code, country, kind and name (the most frequent of each), mentions, documents.

    Raises:
        ConfigError: If limit or offset is out of range.
        StoreError: If the query fails.
    """
    _check_page(limit, offset)
    return _sql.select(conn, "actor_counts", _ACTOR_COUNTS + " LIMIT ? OFFSET ?", [limit, offset])


def count_actors(conn: duckdb.DuckDBPyConnection) -> int:
    """Return how many distinct actors ``actor_counts`` would list."""
    return _count(conn, "count_actors", _ACTOR_COUNTS, [])
