"""The DuckDB event store: keep coded documents, query events and dyads, export tables.

``Store`` wraps one DuckDB connection (injected, so tests can pass ``duckdb.connect(":memory:")``)
and brings its schema up to date on creation (``migrations.py``). Writes go through Arrow tables
inside one transaction per batch; saving is idempotent (a document id, an event id or a distinct
rejection is stored once). Reads return ``pyarrow.Table``. All values reach SQL as parameters.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from itertools import islice
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pyarrow as pa

from realpolitik.errors import BAD_DYAD, BAD_FILTER_DATE, DB_OPEN, ConfigError, StoreError
from realpolitik.models import CodedDocument, Rejection
from realpolitik.store import dedup, parquet
from realpolitik.store.migrations import applied_migrations, migrate, transaction

DEFAULT_DB_NAME = "realpolitik.duckdb"
DB_ENV_VAR = "REALPOLITIK_DB"
MEMORY = ":memory:"
TABLES = ("documents", "actors", "events", "quotes", "rejections", "document_copies")
DEFAULT_SAVE_BATCH = 200

QUERY_FAILED = (
    "The store at {path} could not answer the query: {error}. Run `realpolitik info` to check it."
)
BAD_LIMIT = "--limit {value!r} is not a count. Use 0 or a positive whole number."
BAD_BATCH = "batch_size {value!r} is too small. Use a positive whole number, for example 200."
BAD_STORED_DATE = "has the date {value!r}, which is not YYYY-MM-DD; it was not stored."

# A side of an event matches a code when its country is that code or its actor code starts with it.
_SIDE = "(upper({side}_country) = ? OR starts_with(upper({side}_code), ?))"
_SOURCE, _TARGET = _SIDE.format(side="source"), _SIDE.format(side="target")


def default_db_path() -> Path:
    """Return where the store lives when no ``--db`` is given.

    Returns:
        ``$REALPOLITIK_DB`` if set, else ``realpolitik.duckdb`` in the current directory.
    """
    value = os.environ.get(DB_ENV_VAR)
    return Path(value).expanduser() if value else Path.cwd() / DEFAULT_DB_NAME


@dataclass(frozen=True)
class SaveSummary:
    """What one ``save_many`` call did; ``stored + duplicates + near_duplicates + rejected`` is the
    number of inputs.

    Attributes:
        stored: Documents newly stored.
        duplicates: Documents not stored because their id was already stored (or repeated in the
            call), or another stored document has the same normalised text (an exact copy).
        rejected: Rejected documents seen (each kept once in ``rejections``).
        events: Events newly stored.
        near_duplicates: Documents kept as near copies of a stored document.
        reasons: Rejected documents per reason code (not compared: the counts say enough).
    """

    stored: int
    duplicates: int
    rejected: int
    events: int
    near_duplicates: int = 0
    reasons: Mapping[str, int] = field(default_factory=dict, compare=False)

    def __add__(self, other: SaveSummary) -> SaveSummary:
        """The counts of two calls together."""
        return SaveSummary(self.stored + other.stored, self.duplicates + other.duplicates,
                           self.rejected + other.rejected, self.events + other.events,
                           self.near_duplicates + other.near_duplicates,
                           dict(Counter(self.reasons) + Counter(other.reasons)))


def filter_date(option: str, value: str | None) -> date | None:
    """Parse a filter date; raise ConfigError naming the option."""
    if value is None:
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
    except (TypeError, ValueError):
        pass
    raise ConfigError(BAD_FILTER_DATE.format(option=option, value=value))


@dataclass(frozen=True)
class EventFilter:
    """Which events a query covers; every field left as None matches everything.

    Attributes:
        actor: A country or actor-code prefix ("IND", "INDGOV", "IGONATO") on either side.
        dyad: Two countries or code prefixes; events between them in either direction.
        plover: A PLOVER event type, e.g. "CONSULT".
        since: First event date, YYYY-MM-DD, inclusive.
        until: Last event date, YYYY-MM-DD, inclusive.
        modality: asserted, hedged, future, hypothetical or negated.
        limit: At most this many rows.

    Raises:
        ConfigError: If a date is not YYYY-MM-DD, the dyad is not two codes, or limit is negative.
    """

    actor: str | None = None
    dyad: tuple[str, str] | None = None
    plover: str | None = None
    since: str | None = None
    until: str | None = None
    modality: str | None = None
    limit: int | None = None

    def __post_init__(self) -> None:
        """Check the values now, so a bad option fails before any query runs."""
        filter_date("--since", self.since)
        filter_date("--until", self.until)
        if self.dyad is not None and (len(self.dyad) != 2 or not all(self.dyad)):
            raise ConfigError(BAD_DYAD.format(value="-".join(self.dyad)))
        if self.limit is not None and self.limit < 0:
            raise ConfigError(BAD_LIMIT.format(value=self.limit))


ALL_EVENTS = EventFilter()  # frozen, so one shared default is safe


class Store:
    """The event store over one DuckDB connection; usable as a context manager.

    Args:
        conn: An open DuckDB connection; the store owns it from now on and closes it in ``close``.
        path: Where the database lives, for ``info`` and messages.
        migrated: True when ``conn`` is a cursor of a store already brought up to date, so the
            schema check is skipped (the API opens one cursor per request).

    Raises:
        StoreError: If the schema cannot be brought up to date.
    """

    def __init__(self, conn: duckdb.DuckDBPyConnection, path: str = MEMORY, *,
                 migrated: bool = False) -> None:
        self._conn = conn
        self.path = str(path)
        self._closed = False
        self._backfilled = False
        if not migrated:
            migrate(conn)

    @classmethod
    def open(cls, path: str | Path) -> Store:
        """Open (or create) the store file at ``path``, creating its parent folders.

        Args:
            path: A database file, or ``":memory:"``.

        Returns:
            The store, migrated to the current schema.

        Raises:
            StoreError: If the path is a folder, cannot be created or written, or is locked by
                another process.
        """
        if str(path) == MEMORY:
            return cls(duckdb.connect(MEMORY))
        target = Path(path).expanduser().absolute()
        if target.is_dir():
            raise StoreError(DB_OPEN.format(path=target, error="that path is a folder, not a file"))
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            conn = duckdb.connect(str(target))
        except (OSError, duckdb.Error) as exc:
            raise StoreError(DB_OPEN.format(path=target, error=exc)) from exc
        try:
            return cls(conn, str(target))
        except BaseException:
            conn.close()
            raise

    @property
    def conn(self) -> duckdb.DuckDBPyConnection:
        """The underlying connection, for ``analytics/`` queries."""
        return self._conn

    def close(self) -> None:
        """Close the connection (again is harmless)."""
        if not self._closed:
            self._conn.close()
            self._closed = True

    def __enter__(self) -> Store:
        """Use the store in a ``with`` block; it closes at the end."""
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        """Close the store."""
        self.close()

    # -- writing ---------------------------------------------------------------------------------

    def save(self, doc: CodedDocument) -> bool:
        """Store one coded document, or its rejection if it was rejected.

        Args:
            doc: The document with its actors, events and quotes.

        Returns:
            True if something new was stored; False if the document (or rejection) was there.

        Raises:
            StoreError: If the write fails (nothing is kept).
        """
        summary, new_rejections = self._save_batch([doc])
        return summary.stored > 0 or new_rejections > 0

    def save_many(self, docs: Iterable[CodedDocument],
                  batch_size: int = DEFAULT_SAVE_BATCH) -> SaveSummary:
        """Store many documents, one transaction per batch.

        Args:
            docs: Coded documents, rejected ones included.
            batch_size: Documents per transaction.

        Returns:
            The counts over all batches.

        Raises:
            ConfigError: If ``batch_size`` is below 1.
            StoreError: If a write fails; batches committed before it are kept.
        """
        if batch_size < 1:
            raise ConfigError(BAD_BATCH.format(value=batch_size))
        total = SaveSummary(0, 0, 0, 0)
        items = iter(docs)
        while batch := list(islice(items, batch_size)):
            total += self._save_batch(batch)[0]
        return total

    def record_rejection(self, rejection: Rejection) -> None:
        """Keep a rejected input; the same origin, reason and detail are kept once.

        Args:
            rejection: The rejection to record.

        Raises:
            StoreError: If the write fails.
        """
        with transaction(self._conn):
            self._insert("rejections", parquet.rejection_table([rejection], _utcnow()))

    def known(self, ids: list[str], hashes: list[str]) -> tuple[set[str], dict[str, str]]:
        """Which documents are stored already, by id and by content hash (to skip coding them).

        Args:
            ids: Document ids.
            hashes: Content hashes (``extract.dedup.content_hash``).

        Returns:
            The stored ids among ``ids``, and ``{content_hash: stored document id}``.
        """
        return dedup.known_documents(self._conn, ids, hashes)

    def _save_batch(self, batch: list[CodedDocument]) -> tuple[SaveSummary, int]:
        """Store one batch in one transaction; return its summary and the new rejection count.

        Stages: 1 vet dates; 2 place each document (new, duplicate, exact or near copy; see
        ``store/dedup.py``); 3 insert rejections and the new documents' rows; 4 index the new
        documents and record every copy; 5 recount the events of documents that gained copies.
        A kill at any point leaves the batch wholly stored or not at all.
        """
        docs = [_checked(doc) for doc in batch]
        rejected = [_with_doc_id(r, doc.id) for doc in docs if (r := doc.rejected) is not None]
        coded = [doc for doc in docs if doc.rejected is None]
        now = _utcnow()
        with transaction(self._conn):
            if not self._backfilled:
                dedup.backfill(self._conn, now)  # documents stored before migration 3
            placements = dedup.place_batch(self._conn, coded)
            fresh = [p.doc for p in placements if p.kind == dedup.NEW]
            new_rejections = self._insert("rejections", parquet.rejection_table(rejected, now))
            inserted = {table: self._insert(table, data)
                        for table, data in parquet.document_tables(fresh, now).items()}
            grown = dedup.save_index_and_copies(self._conn, placements, now)
            dedup.recount_events(self._conn, grown)
        self._backfilled = True
        kinds = Counter(p.kind for p in placements)
        summary = SaveSummary(len(fresh), kinds[dedup.DUPLICATE] + kinds[dedup.EXACT], len(rejected),
                              inserted["events"], kinds[dedup.NEAR],
                              dict(Counter(r.reason for r in rejected)))
        return summary, new_rejections

    def _insert(self, table: str, data: pa.Table) -> int:
        """Insert an Arrow table's rows, skipping existing keys; return how many were new."""
        return parquet.insert_arrow(self._conn, table, data)

    # -- reading ---------------------------------------------------------------------------------

    def events(self, flt: EventFilter = ALL_EVENTS) -> pa.Table:
        """Return the events that pass the filter, one flat row per event.

        Args:
            flt: Which events; by default all.

        Returns:
            The ``events`` table's columns (``sectors`` as list<string>), ordered by date, document,
            sentence and event id.

        Raises:
            StoreError: If the query fails.
        """
        return self._select(*events_query(flt))

    def dyad_summary(self, flt: EventFilter = ALL_EVENTS) -> pa.Table:
        """Count events per unordered pair of sides (a side is the country, else the actor code).

        Events without a target (or with a side that has neither country nor code) are left out.
        Quad-class counts and Goldstein figures use asserted events only.

        Args:
            flt: Which events; ``limit`` caps the number of dyads.

        Returns:
            Columns dyad ("IND-RUS", sides sorted), events, asserted, other_modality, verbal_coop,
            material_coop, verbal_conflict, material_conflict, goldstein_sum, goldstein_mean (null
            when no asserted event), first_date, last_date; most events first.

        Raises:
            StoreError: If the query fails.
        """
        where, params = _where(flt)
        query = _DYAD_SUMMARY.format(where=where) + _limit(flt, params)
        return self._select(query, params)

    def rejections(self) -> pa.Table:
        """Return every recorded rejection, oldest first.

        Returns:
            Columns id, origin, doc_id, reason, detail, recorded_at.
        """
        order = parquet.ORDER_BY["rejections"]
        return self._select(f"SELECT * FROM rejections ORDER BY {order}", [])

    def info(self) -> dict[str, Any]:
        """Describe the store: where it is, its schema version and how much it holds.

        Returns:
            ``{"path", "schema_version", "migrations", "counts", "size_bytes"}``; ``size_bytes`` is
            None for an in-memory store.
        """
        migrations = applied_migrations(self._conn)
        counts = {}
        for table in TABLES:
            row = self._conn.execute(f"SELECT count(*) FROM {table}").fetchone()
            counts[table] = int(row[0]) if row else 0
        return {
            "path": self.path,
            "schema_version": max((version for version, _ in migrations), default=0),
            "migrations": [name for _, name in migrations],
            "counts": counts,
            "size_bytes": self._size_bytes(),
        }

    def export(self, table: str, path: Path, fmt: str) -> int:
        """Write one table to a Parquet or CSV file (see ``parquet.export_table``).

        Args:
            table: documents, actors, events, quotes, rejections or document_copies.
            path: The file to write.
            fmt: parquet or csv.

        Returns:
            The number of rows written.

        Raises:
            ConfigError: If the table or format is unknown.
            StoreError: If the file cannot be written.
        """
        return parquet.export_table(self._conn, table, Path(path), fmt)

    def export_events_partitioned(self, folder: Path, *, overwrite: bool = False) -> int:
        """Write the events as Parquet files partitioned Hive-style by year (``year=2025/``).

        Args:
            folder: A new or empty folder.
            overwrite: Replace the folder's existing ``year=*`` partitions.

        Returns:
            The number of events written.

        Raises:
            StoreError: If the folder is not empty (without ``overwrite``) or cannot be written.
        """
        return parquet.export_events_partitioned(self._conn, Path(folder), overwrite=overwrite)

    def _select(self, query: str, params: list[Any]) -> pa.Table:
        """Run a SELECT and return its rows as an Arrow table."""
        try:
            return self._conn.sql(query, params=params or None).to_arrow_table()
        except duckdb.Error as exc:
            raise StoreError(QUERY_FAILED.format(path=self.path, error=exc)) from exc

    def _size_bytes(self) -> int | None:
        """Size of the database file and its write-ahead log, or None when in memory."""
        if self.path == MEMORY:
            return None
        files = [Path(self.path), Path(self.path + ".wal")]
        return sum(f.stat().st_size for f in files if f.is_file())


_DYAD_SUMMARY = """
    WITH sided AS (
        SELECT *, coalesce(source_country, source_code) AS side_a,
               coalesce(target_country, target_code) AS side_b,
               modality = 'asserted' AS is_asserted
        FROM events{where}
    )
    SELECT least(side_a, side_b) || '-' || greatest(side_a, side_b) AS dyad,
           count(*) AS events,
           count(*) FILTER (WHERE is_asserted) AS asserted,
           count(*) FILTER (WHERE is_asserted IS NOT TRUE) AS other_modality,
           count(*) FILTER (WHERE is_asserted AND quad_class = 1) AS verbal_coop,
           count(*) FILTER (WHERE is_asserted AND quad_class = 2) AS material_coop,
           count(*) FILTER (WHERE is_asserted AND quad_class = 3) AS verbal_conflict,
           count(*) FILTER (WHERE is_asserted AND quad_class = 4) AS material_conflict,
           coalesce(sum(goldstein) FILTER (WHERE is_asserted), 0.0) AS goldstein_sum,
           avg(goldstein) FILTER (WHERE is_asserted) AS goldstein_mean,
           min(date) AS first_date, max(date) AS last_date
    FROM sided
    WHERE side_a IS NOT NULL AND side_b IS NOT NULL
    GROUP BY dyad
    ORDER BY events DESC, dyad"""


def events_query(flt: EventFilter = ALL_EVENTS) -> tuple[str, list[Any]]:
    """Return the SELECT of the events that pass a filter, in the store's stable order.

    Args:
        flt: Which events; by default all.

    Returns:
        The query (every ``events`` column) and its parameters, for ``conn.sql(query, params=...)``.
    """
    where, params = _where(flt)
    query = f"SELECT * FROM events{where} ORDER BY {parquet.ORDER_BY['events']}"
    return query + _limit(flt, params), params


def _where(flt: EventFilter) -> tuple[str, list[Any]]:
    """The WHERE clause of a filter (empty when it matches everything) and its parameters."""
    clauses: list[str] = []
    params: list[Any] = []
    if flt.actor:
        code = flt.actor.upper()
        clauses.append(f"({_SOURCE} OR {_TARGET})")
        params += [code] * 4
    if flt.dyad:
        a, b = (code.upper() for code in flt.dyad)
        clauses.append(f"(({_SOURCE} AND {_TARGET}) OR ({_SOURCE} AND {_TARGET}))")
        params += [a, a, b, b, b, b, a, a]
    if flt.plover:
        clauses.append("upper(plover) = ?")
        params.append(flt.plover.upper())
    if flt.modality:
        clauses.append("lower(modality) = ?")
        params.append(flt.modality.lower())
    if flt.since:
        clauses.append("date >= ?")
        params.append(filter_date("--since", flt.since))
    if flt.until:
        clauses.append("date <= ?")
        params.append(filter_date("--until", flt.until))
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _limit(flt: EventFilter, params: list[Any]) -> str:
    """A LIMIT clause for the filter's limit (its value appended to ``params``)."""
    if flt.limit is None:
        return ""
    params.append(flt.limit)
    return " LIMIT ?"


def _utcnow() -> datetime:
    """The current UTC time, naive, for TIMESTAMP columns."""
    return datetime.now(UTC).replace(tzinfo=None)


def _is_date(value: str | None) -> bool:
    """True if ``value`` is None or a date we can store."""
    if value is None:
        return True
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def _checked(doc: CodedDocument) -> CodedDocument:
    """The document, or a ``bad_date`` rejection of it: one bad date must not sink its batch."""
    if doc.rejected is not None:
        return doc
    for value in (doc.date, *(event.date for event in doc.events)):
        if not _is_date(value):
            detail = BAD_STORED_DATE.format(value=value)
            return replace(doc, rejected=Rejection(doc.origin, "bad_date", detail, doc.id))
    return doc


def _with_doc_id(rejection: Rejection, doc_id: str) -> Rejection:
    """The rejection, carrying the document id when it has none of its own."""
    return rejection if rejection.id else replace(rejection, id=doc_id)
