"""The store's schema, changed only through numbered, recorded migrations (as sqlite-utils does).

A migration is a function registered in order with ``@migration(version, name)``. ``migrate(conn)``
applies, each in its own transaction and in version order, the migrations not yet recorded in
``schema_migrations``, so re-opening a store applies only the new ones. Never edit a migration that
has shipped: add the next one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb
import pyarrow as pa

from realpolitik.errors import StoreError

logger = logging.getLogger(__name__)

MIGRATION_FAILED = (
    "Could not bring the store up to schema version {version} ({name}): {error}. The store was "
    "left at the previous version; check that the file is writable and not used by an older "
    "realpolitik."
)
WRITE_FAILED = (
    "Could not write to the store: {error}. Nothing from this batch was kept; check the disk space "
    "and that no other process holds the file, then run again."
)
BAD_MIGRATION = (
    "Migration {version} ({name}) is registered out of order: versions must increase."
)

Apply = Callable[[duckdb.DuckDBPyConnection], None]


@dataclass(frozen=True)
class Migration:
    """One numbered schema change."""

    version: int
    name: str
    apply: Apply


MIGRATIONS: list[Migration] = []


def migration(version: int, name: str) -> Callable[[Apply], Apply]:
    """Register the decorated function as schema migration ``version``.

    Args:
        version: The next version number (one more than the last registered).
        name: A short description, recorded in ``schema_migrations``.

    Returns:
        A decorator that registers the function and returns it unchanged.

    Raises:
        StoreError: If ``version`` does not follow the last registered migration.
    """

    def register(apply: Apply) -> Apply:
        # Versions increase; a gap is allowed so branches can claim numbers (#5: 3 dedup, 4 feeds).
        if MIGRATIONS and version <= MIGRATIONS[-1].version or version < 1:
            raise StoreError(BAD_MIGRATION.format(version=version, name=name))
        MIGRATIONS.append(Migration(version, name, apply))
        return apply

    return register


@contextmanager
def transaction(conn: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Run the block in one transaction: commit at the end, roll back on any error.

    Args:
        conn: The connection to write through.

    Raises:
        StoreError: If DuckDB fails inside the block or on commit, or rows do not fit their Arrow
            schema (after rolling back).
    """
    conn.execute("BEGIN TRANSACTION")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException as exc:
        _rollback(conn)
        if isinstance(exc, duckdb.Error | pa.ArrowException):
            raise StoreError(WRITE_FAILED.format(error=exc)) from exc
        raise


def _rollback(conn: duckdb.DuckDBPyConnection) -> None:
    """Roll back; after a failed COMMIT there is no transaction left, so an error is expected."""
    try:
        conn.execute("ROLLBACK")
    except duckdb.Error as exc:
        logger.debug("rollback after a failed write: %s", exc)


def applied_migrations(conn: duckdb.DuckDBPyConnection) -> list[tuple[int, str]]:
    """Return the ``(version, name)`` of every applied migration, oldest first.

    Args:
        conn: A connection to a store that ``migrate`` has seen.

    Returns:
        The recorded migrations.
    """
    rows = conn.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    return [(int(version), str(name)) for version, name in rows]


def migrate(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the registered migrations the database has not seen yet, each in a transaction.

    Args:
        conn: A connection to the store to bring up to date.

    Returns:
        The names of the migrations applied now (empty when the store was current).

    Raises:
        StoreError: If a migration fails; that migration is rolled back and later ones are skipped.
    """
    try:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"
        )
        done = {version for version, _ in applied_migrations(conn)}
    except duckdb.Error as exc:
        raise StoreError(MIGRATION_FAILED.format(version=0, name="migration bookkeeping",
                                                 error=exc)) from exc
    applied: list[str] = []
    for step in MIGRATIONS:
        if step.version in done:
            continue
        try:
            with transaction(conn):
                step.apply(conn)
                conn.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    [step.version, step.name, datetime.now(UTC).replace(tzinfo=None)],
                )
        except StoreError as exc:
            message = MIGRATION_FAILED.format(version=step.version, name=step.name,
                                              error=exc.__cause__ or exc)
            raise StoreError(message) from exc
        logger.info("applied store migration %d (%s)", step.version, step.name)
        applied.append(step.name)
    return applied


@migration(1, "create core tables")
def _create_core_tables(conn: duckdb.DuckDBPyConnection) -> None:
    """Documents, their actor mentions, events and quotes, and rejected inputs."""
    conn.execute("""
        CREATE TABLE documents (
            id VARCHAR PRIMARY KEY, origin VARCHAR, title VARCHAR, date DATE, url VARCHAR,
            source VARCHAR, language VARCHAR, text VARCHAR, n_events INTEGER, ingested_at TIMESTAMP
        )""")
    conn.execute("""
        CREATE TABLE actors (
            doc_id VARCHAR, idx INTEGER, text VARCHAR, start_char INTEGER, end_char INTEGER,
            name VARCHAR, kind VARCHAR, country VARCHAR, role VARCHAR, code VARCHAR,
            PRIMARY KEY (doc_id, idx)
        )""")
    conn.execute("""
        CREATE TABLE events (
            event_id VARCHAR PRIMARY KEY, doc_id VARCHAR, date DATE,
            source_text VARCHAR, source_name VARCHAR, source_country VARCHAR, source_role VARCHAR,
            source_code VARCHAR,
            target_text VARCHAR, target_name VARCHAR, target_country VARCHAR, target_role VARCHAR,
            target_code VARCHAR,
            "symmetric" BOOLEAN,  -- quoted: SYMMETRIC is a reserved word in DuckDB
            plover VARCHAR, mode VARCHAR, cameo VARCHAR, quad_class INTEGER,
            goldstein DOUBLE, modality VARCHAR, sectors VARCHAR[],
            evidence_text VARCHAR, evidence_start INTEGER, evidence_end INTEGER,
            sentence_index INTEGER, confidence DOUBLE, coder VARCHAR, trigger VARCHAR, rule VARCHAR
        )""")
    conn.execute("""
        CREATE TABLE quotes (
            doc_id VARCHAR, idx INTEGER, text VARCHAR, start_char INTEGER, end_char INTEGER,
            speaker_text VARCHAR, speaker_name VARCHAR, speaker_country VARCHAR,
            speaker_role VARCHAR, speaker_code VARCHAR,
            PRIMARY KEY (doc_id, idx)
        )""")
    conn.execute("""
        CREATE TABLE rejections (
            id VARCHAR PRIMARY KEY,  -- sha256 of origin|reason|detail: one row per rejection
            origin VARCHAR, doc_id VARCHAR, reason VARCHAR, detail VARCHAR, recorded_at TIMESTAMP
        )""")


# The two helpers below belong to migration 2: like it, they must not change once shipped.
def _gdelt_actor_columns(n: int) -> str:
    """The ten Actor{n}* columns of a GDELT 2.0 event row, all codes (strings)."""
    names = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
             "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
    return ", ".join(f"Actor{n}{name} VARCHAR" for name in names)


def _gdelt_geo_columns(prefix: str) -> str:
    """The eight {prefix}Geo_* columns of a GDELT 2.0 event row."""
    return (f"{prefix}Geo_Type INTEGER, {prefix}Geo_FullName VARCHAR, "
            f"{prefix}Geo_CountryCode VARCHAR, {prefix}Geo_ADM1Code VARCHAR, "
            f"{prefix}Geo_ADM2Code VARCHAR, {prefix}Geo_Lat DOUBLE, {prefix}Geo_Long DOUBLE, "
            f"{prefix}Geo_FeatureID VARCHAR")


@migration(2, "create gdelt_events")
def _create_gdelt_events(conn: duckdb.DuckDBPyConnection) -> None:
    """GDELT 2.0 event rows imported beside our own coding (issue #5, item 7).

    The 61 columns keep GDELT's names and order. Codes stay strings (leading zeros: "043");
    SQLDATE and DATEADDED become DATE and TIMESTAMP. The last three columns record where each row
    came from. Geo FeatureIDs may be textual ("NZ"), so they are strings too.
    """
    conn.execute(f"""
        CREATE TABLE gdelt_events (
            GLOBALEVENTID BIGINT PRIMARY KEY, SQLDATE DATE, MonthYear INTEGER, Year INTEGER,
            FractionDate DOUBLE,
            {_gdelt_actor_columns(1)},
            {_gdelt_actor_columns(2)},
            IsRootEvent INTEGER, EventCode VARCHAR, EventBaseCode VARCHAR, EventRootCode VARCHAR,
            QuadClass INTEGER, GoldsteinScale DOUBLE, NumMentions INTEGER, NumSources INTEGER,
            NumArticles INTEGER, AvgTone DOUBLE,
            {_gdelt_geo_columns("Actor1")},
            {_gdelt_geo_columns("Actor2")},
            {_gdelt_geo_columns("Action")},
            DATEADDED TIMESTAMP, SOURCEURL VARCHAR,
            source_file VARCHAR, source_line INTEGER, imported_at TIMESTAMP
        )""")


@migration(3, "document copies, minhash index and event counts")
def _add_dedup(conn: duckdb.DuckDBPyConnection) -> None:
    """Exact and near-duplicate copies of documents, and GDELT-style counts (issue #5, item 3).

    ``documents.content_hash`` is the sha256 of the normalised text (``extract/dedup.py``); rows
    stored before this migration get it, with their signature, the next time something is saved.
    ``document_copies`` lists every article that carried a stored document: the document itself
    (kind ``original``), exact copies and near copies (with their estimated similarity and, for
    near copies, the keys of the events coded in them). ``document_signatures`` and
    ``minhash_bands`` are the persistent LSH index. Events gain ``event_key`` (who did what to
    whom, the unit that copies are counted in) and num_mentions, num_sources and num_articles;
    events already stored count their own document once.
    """
    conn.execute("ALTER TABLE documents ADD COLUMN content_hash VARCHAR")
    conn.execute("""
        CREATE TABLE document_copies (
            copy_id VARCHAR PRIMARY KEY,  -- sha256 of the copy's id | url (else origin)
            doc_id VARCHAR, kind VARCHAR, similarity DOUBLE,
            origin VARCHAR, title VARCHAR, date DATE, url VARCHAR, source VARCHAR,
            site VARCHAR,  -- the source, else the url's host: what num_sources tells apart
            event_keys VARCHAR[],  -- near copies: one key per coded event; NULL: the document's own
            recorded_at TIMESTAMP
        )""")
    conn.execute("CREATE TABLE document_signatures (doc_id VARCHAR PRIMARY KEY, signature BLOB)")
    conn.execute("CREATE TABLE minhash_bands (band SMALLINT, bucket BIGINT, doc_id VARCHAR)")
    conn.execute("ALTER TABLE events ADD COLUMN event_key VARCHAR")
    for column in ("num_mentions", "num_sources", "num_articles"):
        conn.execute(f"ALTER TABLE events ADD COLUMN {column} INTEGER")
    conn.execute("""
        UPDATE events SET event_key = CASE
            WHEN "symmetric" AND coalesce(target_code, target_country, '')
                 < coalesce(source_code, source_country, '')
            THEN coalesce(target_code, target_country, '') || '|' || coalesce(source_code, source_country, '')
            ELSE coalesce(source_code, source_country, '') || '|' || coalesce(target_code, target_country, '')
        END || '|' || coalesce(cameo, '')""")
    conn.execute("""
        UPDATE events SET num_articles = 1, num_sources = 1, num_mentions = own.n
        FROM (SELECT doc_id, event_key, count(*) AS n FROM events GROUP BY ALL) AS own
        WHERE events.doc_id = own.doc_id AND events.event_key = own.event_key""")


@migration(4, "create feed_items")
def _create_feed_items(conn: duckdb.DuckDBPyConnection) -> None:
    """Feed entries already ingested, so `realpolitik watch` takes only new ones (issue #5, item 6)."""
    from realpolitik.store.feeds import CREATE_FEED_ITEMS

    conn.execute(CREATE_FEED_ITEMS)
