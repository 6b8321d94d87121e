"""The store's Arrow side: records as Arrow tables going in, Parquet (or CSV) files going out.

Going in, ``document_tables`` turns coded documents into one Arrow table per store table, typed by
the ``*_SCHEMA`` below (which mirror migration 1). Going out, DuckDB ``COPY`` writes a table to a
file, or the events to year partitions. ``COPY`` takes no parameters for its target, so paths are
written into the statement as SQL string literals with single quotes doubled (``quote_path``);
table names and formats come from fixed lists.
"""

from __future__ import annotations

import hashlib
import shutil
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from realpolitik.errors import ConfigError, StoreError
from realpolitik.extract.dedup import content_hash, event_key
from realpolitik.models import ActorRef, CodedDocument, Event, Rejection

EXPORT_TABLES = ("documents", "actors", "events", "quotes", "rejections", "document_copies")
EXPORT_FORMATS = ("parquet", "csv")

# Stable row order per table, so that two exports of the same store are identical.
ORDER_BY = {
    "documents": "id",
    "actors": "doc_id, idx",
    "events": "date NULLS LAST, doc_id, sentence_index, event_id",
    "quotes": "doc_id, idx",
    "rejections": "recorded_at, id",
    "document_copies": "doc_id, kind DESC, origin, copy_id",  # original first, then near, exact
}

BAD_TABLE = "Cannot export {table!r}: there is no such table. Use one of {choices}."
BAD_FORMAT = "Cannot export as {fmt!r}: unknown format. Use one of {choices}."
EXPORT_FAILED = (
    "Could not export {what} to {path}: {error}. Check that the folder is writable and the file is "
    "not open in another program."
)
FOLDER_NOT_EMPTY = (
    "Cannot export partitioned events to {path}: the folder is not empty. Choose a new or empty "
    "folder, or allow overwriting to replace its year=YYYY partitions."
)


_S, _I, _F, _DATE, _TS = pa.string(), pa.int32(), pa.float64(), pa.date32(), pa.timestamp("us")
_REF_KEYS = ("text", "name", "country", "role", "code")


def _ref_fields(prefix: str) -> list[tuple[str, pa.DataType]]:
    """The flat columns of an ActorRef: ``source_text``, ``source_name``, ..."""
    return [(f"{prefix}_{key}", _S) for key in _REF_KEYS]


DOCUMENT_SCHEMA = pa.schema([
    ("id", _S), ("origin", _S), ("title", _S), ("date", _DATE), ("url", _S), ("source", _S),
    ("language", _S), ("text", _S), ("n_events", _I), ("ingested_at", _TS), ("content_hash", _S),
])
ACTOR_SCHEMA = pa.schema([
    ("doc_id", _S), ("idx", _I), ("text", _S), ("start_char", _I), ("end_char", _I), ("name", _S),
    ("kind", _S), ("country", _S), ("role", _S), ("code", _S),
])
EVENT_SCHEMA = pa.schema([
    ("event_id", _S), ("doc_id", _S), ("date", _DATE),
    *_ref_fields("source"), *_ref_fields("target"),
    ("symmetric", pa.bool_()), ("plover", _S), ("mode", _S), ("cameo", _S), ("quad_class", _I),
    ("goldstein", _F), ("modality", _S), ("sectors", pa.list_(_S)), ("evidence_text", _S),
    ("evidence_start", _I), ("evidence_end", _I), ("sentence_index", _I), ("confidence", _F),
    ("coder", _S), ("trigger", _S), ("rule", _S),
    # migration 3: the copy-counting key and GDELT-style counts over the document's copies
    ("event_key", _S), ("num_mentions", _I), ("num_sources", _I), ("num_articles", _I),
])
QUOTE_SCHEMA = pa.schema([
    ("doc_id", _S), ("idx", _I), ("text", _S), ("start_char", _I), ("end_char", _I),
    *_ref_fields("speaker"),
])
REJECTION_SCHEMA = pa.schema([
    ("id", _S), ("origin", _S), ("doc_id", _S), ("reason", _S), ("detail", _S),
    ("recorded_at", _TS),
])
SCHEMAS = {"documents": DOCUMENT_SCHEMA, "actors": ACTOR_SCHEMA, "events": EVENT_SCHEMA,
           "quotes": QUOTE_SCHEMA, "rejections": REJECTION_SCHEMA}


def _as_date(value: str | None) -> date | None:
    """A YYYY-MM-DD string as a date (the store has vetted it)."""
    return date.fromisoformat(value) if value else None


def rejection_id(rejection: Rejection) -> str:
    """Return the key of a rejection: the sha256 of ``origin|reason|detail``.

    Args:
        rejection: The rejection.

    Returns:
        64 hex digits.
    """
    key = f"{rejection.origin}|{rejection.reason}|{rejection.detail}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def document_tables(docs: Iterable[CodedDocument], now: datetime) -> dict[str, pa.Table]:
    """Return the rows of coded documents as one Arrow table per store table.

    Args:
        docs: Documents that were not rejected, with vetted YYYY-MM-DD dates.
        now: The ingestion time to record.

    Returns:
        Tables keyed by store table: documents, actors, quotes, events.
    """
    docs = list(docs)
    rows = {
        "documents": [_document_row(d, now) for d in docs],
        "actors": [r for d in docs for r in _actor_rows(d)],
        "quotes": [r for d in docs for r in _quote_rows(d)],
        "events": [row for d in docs for row in _event_rows(d)],
    }
    return {table: pa.Table.from_pylist(rows[table], schema=SCHEMAS[table]) for table in rows}


def rejection_table(rejections: Iterable[Rejection], now: datetime) -> pa.Table:
    """Return rejections as rows of the ``rejections`` table.

    Args:
        rejections: The rejections, each with the document id if there is one.
        now: The time to record.

    Returns:
        An Arrow table typed by ``REJECTION_SCHEMA``.
    """
    rows = [_rejection_row(r, now) for r in rejections]
    return pa.Table.from_pylist(rows, schema=REJECTION_SCHEMA)


def _rejection_row(rejection: Rejection, now: datetime) -> dict[str, Any]:
    """One ``rejections`` row."""
    return {"id": rejection_id(rejection), "origin": rejection.origin, "doc_id": rejection.id,
            "reason": rejection.reason, "detail": rejection.detail, "recorded_at": now}


def _document_row(doc: CodedDocument, now: datetime) -> dict[str, Any]:
    """One ``documents`` row."""
    return {"id": doc.id, "origin": doc.origin, "title": doc.title, "date": _as_date(doc.date),
            "url": doc.url, "source": doc.source, "language": doc.language, "text": doc.text,
            "n_events": len(doc.events), "ingested_at": now, "content_hash": content_hash(doc.text)}


def _actor_rows(doc: CodedDocument) -> list[dict[str, Any]]:
    """The ``actors`` rows of a document, numbered in mention order."""
    return [{"doc_id": doc.id, "idx": idx, "text": a.text, "start_char": a.start, "end_char": a.end,
             "name": a.name, "kind": a.kind, "country": a.country, "role": a.role, "code": a.code}
            for idx, a in enumerate(doc.actors)]


def _quote_rows(doc: CodedDocument) -> list[dict[str, Any]]:
    """The ``quotes`` rows of a document, numbered in order."""
    return [{"doc_id": doc.id, "idx": idx, "text": q.text, "start_char": q.start, "end_char": q.end,
             **_ref_columns("speaker", q.speaker)}
            for idx, q in enumerate(doc.quotes)]


def _ref_columns(prefix: str, ref: ActorRef | None) -> dict[str, str | None]:
    """An ActorRef as flat columns (all null when there is none)."""
    return {f"{prefix}_{key}": getattr(ref, key) if ref else None for key in _REF_KEYS}


def key_of(event: Event) -> str:
    """The copy-counting key of an event (``extract.dedup.event_key``)."""
    target = event.target
    return event_key(event.source.code, event.source.country, target.code if target else None,
                     target.country if target else None, event.cameo, event.symmetric)


def _event_rows(doc: CodedDocument) -> list[dict[str, Any]]:
    """The ``events`` rows of a new document: one article, one source, its own mentions."""
    keys = [key_of(event) for event in doc.events]
    mentions = Counter(keys)
    return [{**_event_row(doc.id, event), "event_key": key, "num_mentions": mentions[key],
             "num_sources": 1, "num_articles": 1} for event, key in zip(doc.events, keys, strict=True)]


def _event_row(doc_id: str, event: Event) -> dict[str, Any]:
    """One ``events`` row, without the copy counts."""
    return {
        "event_id": event.event_id, "doc_id": doc_id, "date": _as_date(event.date),
        **_ref_columns("source", event.source), **_ref_columns("target", event.target),
        "symmetric": event.symmetric, "plover": event.plover, "mode": event.mode,
        "cameo": event.cameo, "quad_class": event.quad_class, "goldstein": event.goldstein,
        "modality": event.modality, "sectors": list(event.sectors),
        "evidence_text": event.evidence.text, "evidence_start": event.evidence.start,
        "evidence_end": event.evidence.end, "sentence_index": event.sentence_index,
        "confidence": event.confidence, "coder": event.coder, "trigger": event.trigger,
        "rule": event.rule,
    }


def insert_arrow(conn: duckdb.DuckDBPyConnection, table: str, data: pa.Table) -> int:
    """Insert an Arrow table's rows by column name, skipping rows whose key is already stored.

    Args:
        conn: A connection to the store (the caller holds the transaction).
        table: A store table; a fixed name, never user input.
        data: Rows typed to fit the table.

    Returns:
        How many rows were new.
    """
    if data.num_rows == 0:
        return 0
    name = f"_realpolitik_new_{table}"
    conn.register(name, data)
    try:
        row = conn.execute(f"INSERT OR IGNORE INTO {table} BY NAME SELECT * FROM {name}").fetchone()
    finally:
        conn.unregister(name)
    return int(row[0]) if row else 0


def quote_path(path: str | Path) -> str:
    """Return ``path`` as a SQL string literal (single quotes doubled), for ``COPY ... TO``.

    Args:
        path: A file or folder path.

    Returns:
        The quoted literal, e.g. ``'/tmp/it''s.parquet'``.
    """
    return "'" + str(path).replace("'", "''") + "'"


def export_table(conn: duckdb.DuckDBPyConnection, table: str, path: Path, fmt: str) -> int:
    """Write one store table to a Parquet or CSV file.

    In CSV, the ``sectors`` list of events becomes one ``;``-separated string so that the file reads
    well in a spreadsheet; Parquet keeps it a list.

    Args:
        conn: A connection to the store.
        table: One of ``EXPORT_TABLES``.
        path: The file to write (parent folders are created; an existing file is replaced).
        fmt: ``parquet`` or ``csv``.

    Returns:
        The number of rows written.

    Raises:
        ConfigError: If ``table`` or ``fmt`` is not one we export.
        StoreError: If the file cannot be written.
    """
    if table not in EXPORT_TABLES:
        raise ConfigError(BAD_TABLE.format(table=table, choices=", ".join(EXPORT_TABLES)))
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(BAD_FORMAT.format(fmt=fmt, choices=", ".join(EXPORT_FORMATS)))
    columns = "* REPLACE (array_to_string(sectors, ';') AS sectors)" if (
        table == "events" and fmt == "csv") else "*"
    options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER"
    query = f"SELECT {columns} FROM {table} ORDER BY {ORDER_BY[table]}"
    return _copy(conn, query, Path(path), options, what=table)


def export_events_partitioned(conn: duckdb.DuckDBPyConnection, folder: Path, *,
                              overwrite: bool = False) -> int:
    """Write the events as Parquet files partitioned Hive-style by year: ``folder/year=2025/...``.

    The ``year`` column lives in the folder names (read back with ``hive_partitioning``); events
    without a date go to ``year=__HIVE_DEFAULT_PARTITION__``.

    Args:
        conn: A connection to the store.
        folder: The folder to write into; created if missing, and it must be empty unless
            ``overwrite`` is set.
        overwrite: Remove the folder's existing ``year=*`` partitions first (other files are kept).

    Returns:
        The number of events written.

    Raises:
        StoreError: If the folder is not empty (without ``overwrite``) or cannot be written.
    """
    folder = Path(folder)
    if folder.is_dir() and any(folder.iterdir()):
        if not overwrite:
            raise StoreError(FOLDER_NOT_EMPTY.format(path=folder))
        try:
            for partition in folder.glob("year=*"):
                shutil.rmtree(partition)
        except OSError as exc:
            raise StoreError(EXPORT_FAILED.format(what="events", path=folder, error=exc)) from exc
    query = f"SELECT *, year(date) AS year FROM events ORDER BY {ORDER_BY['events']}"
    options = "FORMAT parquet, PARTITION_BY (year), OVERWRITE_OR_IGNORE"
    return _copy(conn, query, folder, options, what="events")


def _copy(conn: duckdb.DuckDBPyConnection, query: str, target: Path, options: str,
          what: str) -> int:
    """Run ``COPY (query) TO target (options)`` and return the row count DuckDB reports."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        row = conn.execute(f"COPY ({query}) TO {quote_path(target)} ({options})").fetchone()
    except (OSError, duckdb.Error) as exc:
        raise StoreError(EXPORT_FAILED.format(what=what, path=target, error=exc)) from exc
    return int(row[0]) if row else 0
