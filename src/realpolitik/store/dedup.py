"""The store's side of dedup: where each incoming document belongs, its copies, the LSH index, counts.

``place_batch`` decides, inside the batch's transaction, what each coded document is:

* ``new``: stored as a document of its own;
* ``duplicate``: its id is stored already (a re-run, or the same id twice in the batch);
* ``exact``: another stored document has the same normalised text;
* ``near``: a stored document (found through the ``minhash_bands`` index, or earlier in the batch
  through a datasketch LSH) is similar enough (``extract/dedup.py``).

Every article that carries a stored document is a row of ``document_copies`` keyed by the copy's
own id and url (else origin), so saving the same input twice adds nothing. A document's events are
counted over its copies (``recount_events``): num_articles is the copies whose coding holds the
event's key, num_sources the distinct sites among them, num_mentions the times the key was coded in
them. Exact copies carry the document's own events; near copies carry the keys coded in their text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

import duckdb
import pyarrow as pa

from realpolitik.extract.dedup import (
    NEAR_THRESHOLD,
    BatchIndex,
    Fingerprint,
    band_keys,
    fingerprint,
    signature_bytes,
    signature_from_bytes,
    similarity,
)
from realpolitik.models import CodedDocument
from realpolitik.store.parquet import insert_arrow, key_of

NEW, DUPLICATE, EXACT, NEAR, ORIGINAL = "new", "duplicate", "exact", "near", "original"
BACKFILL_CHUNK = 500  # documents stored before migration 3, fingerprinted per query

_S, _F = pa.string(), pa.float64()
COPY_SCHEMA = pa.schema([
    ("copy_id", _S), ("doc_id", _S), ("kind", _S), ("similarity", _F), ("origin", _S),
    ("title", _S), ("date", pa.date32()), ("url", _S), ("source", _S), ("site", _S),
    ("event_keys", pa.list_(_S)), ("recorded_at", pa.timestamp("us")),
])
SIGNATURE_SCHEMA = pa.schema([("doc_id", _S), ("signature", pa.binary())])
BAND_SCHEMA = pa.schema([("band", pa.int16()), ("bucket", pa.int64()), ("doc_id", _S)])
_QUERY_SCHEMA = pa.schema([("item", pa.int32()), ("band", pa.int16()), ("bucket", pa.int64())])


@dataclass(frozen=True)
class Placement:
    """Where one coded document went: its kind, the stored document it is or belongs to."""

    doc: CodedDocument
    kind: str
    doc_id: str
    fingerprint: Fingerprint
    similarity: float = 1.0


def site_of(source: str | None, url: str | None) -> str | None:
    """The site a copy came from, as num_sources tells them apart: its source, else its url's host."""
    if source and source.strip():
        return source.strip().casefold()
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def copy_id(doc_id: str, url: str | None, origin: str) -> str:
    """The key of one copy: the same input saved twice is one copy."""
    return hashlib.sha256(f"{doc_id}|{url or origin}".encode()).hexdigest()[:32]


def place_batch(conn: duckdb.DuckDBPyConnection, docs: list[CodedDocument]) -> list[Placement]:
    """Decide what each coded document of a batch is, in order (see the module docstring).

    Args:
        conn: The store's connection, inside the batch's transaction.
        docs: Coded, not rejected, documents.

    Returns:
        One placement per document, in order.
    """
    prints = [fingerprint(doc.text) for doc in docs]
    stored_ids = _existing(conn, "SELECT id FROM documents WHERE id = ANY(?)",
                           [doc.id for doc in docs])
    by_hash = dict(conn.execute(
        "SELECT content_hash, min(id) FROM documents WHERE content_hash = ANY(?) GROUP BY ALL",
        [[p.content_hash for p in prints]]).fetchall())
    candidates = _stored_near(conn, prints)
    batch = BatchIndex()
    placements = []
    for item, (doc, prints_) in enumerate(zip(docs, prints, strict=True)):
        placement = _place(doc, prints_, stored_ids, by_hash, candidates.get(item), batch)
        if placement.kind == NEW:
            stored_ids.add(doc.id)
            by_hash.setdefault(prints_.content_hash, doc.id)
            if prints_.signature is not None:
                batch.add(doc.id, prints_.signature)
        placements.append(placement)
    return placements


def _place(doc: CodedDocument, prints: Fingerprint, stored_ids: set[str], by_hash: dict[str, str],
           stored_best: tuple[str, float] | None, batch: BatchIndex) -> Placement:
    """The placement of one document given what is stored and what the batch holds so far."""
    same_text = by_hash.get(prints.content_hash)
    if doc.id in stored_ids:
        return Placement(doc, DUPLICATE, doc.id, prints)
    if same_text is not None and doc.text.strip():
        return Placement(doc, EXACT, same_text, prints)
    if prints.signature is not None:
        options = [best for best in (stored_best, batch.best(prints.signature)) if best]
        if options:
            doc_id, score = max(options, key=lambda pair: pair[1])
            return Placement(doc, NEAR, doc_id, prints, score)
    return Placement(doc, NEW, doc.id, prints)


def _existing(conn: duckdb.DuckDBPyConnection, query: str, values: list[str]) -> set[str]:
    """The values a one-column ``= ANY(?)`` query finds."""
    if not values:
        return set()
    return {row[0] for row in conn.execute(query, [values]).fetchall()}


def _stored_near(conn: duckdb.DuckDBPyConnection,
                 prints: list[Fingerprint]) -> dict[int, tuple[str, float]]:
    """For each fingerprint (by position), the most similar stored document above the threshold."""
    rows = [(item, band, key) for item, p in enumerate(prints) if p.signature is not None
            for band, key in enumerate(band_keys(p.signature))]
    if not rows:
        return {}
    query = pa.Table.from_pylist([dict(zip(("item", "band", "bucket"), r, strict=True)) for r in rows],
                                 schema=_QUERY_SCHEMA)
    conn.register("_realpolitik_near_query", query)
    try:
        found = conn.execute("""
            SELECT DISTINCT q.item, s.doc_id, s.signature
            FROM _realpolitik_near_query AS q
            JOIN minhash_bands AS b ON b.band = q.band AND b.bucket = q.bucket
            JOIN document_signatures AS s ON s.doc_id = b.doc_id""").fetchall()
    finally:
        conn.unregister("_realpolitik_near_query")
    best: dict[int, tuple[str, float]] = {}
    for item, doc_id, blob in found:
        values = prints[item].signature
        assert values is not None  # only signed fingerprints were queried
        score = similarity(values, signature_from_bytes(blob))
        if score >= NEAR_THRESHOLD and score > best.get(item, ("", -1.0))[1]:
            best[item] = (doc_id, score)
    return best


def save_index_and_copies(conn: duckdb.DuckDBPyConnection, placements: list[Placement],
                          now: datetime) -> set[str]:
    """Store the new documents' signatures and bands and every placement's copy row.

    Args:
        conn: The store's connection, inside the batch's transaction.
        placements: The batch's placements (new documents already inserted).
        now: The time to record.

    Returns:
        The stored documents that gained a copy other than themselves (their counts are stale).
    """
    fresh = [p for p in placements if p.kind == NEW and p.fingerprint.signature is not None]
    insert_arrow(conn, "document_signatures", _signature_table(fresh))
    conn.register("_realpolitik_new_bands", _band_table(fresh))
    try:
        conn.execute("INSERT INTO minhash_bands SELECT * FROM _realpolitik_new_bands")
    finally:
        conn.unregister("_realpolitik_new_bands")
    stored_hash = _stored_hashes(conn, [p.doc_id for p in placements if p.kind == DUPLICATE])
    # A document saved again under a stored id is a copy only if it has the stored text.
    rows = [_copy_row(p, now) for p in placements
            if p.kind != DUPLICATE or stored_hash.get(p.doc_id) == p.fingerprint.content_hash]
    known = _existing(conn, "SELECT copy_id FROM document_copies WHERE copy_id = ANY(?)",
                      [row["copy_id"] for row in rows])
    new_rows = [row for row in rows if row["copy_id"] not in known]
    insert_arrow(conn, "document_copies", pa.Table.from_pylist(new_rows, schema=COPY_SCHEMA))
    return {row["doc_id"] for row in new_rows if row["kind"] != ORIGINAL}


def _stored_hashes(conn: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, str]:
    """The content hash of each stored document among ``ids`` (one query)."""
    if not ids:
        return {}
    return dict(conn.execute("SELECT id, content_hash FROM documents WHERE id = ANY(?)",
                             [ids]).fetchall())


def _signature_table(placements: list[Placement]) -> pa.Table:
    """``document_signatures`` rows of new documents."""
    rows = [{"doc_id": p.doc_id, "signature": signature_bytes(p.fingerprint.signature)}
            for p in placements if p.fingerprint.signature is not None]
    return pa.Table.from_pylist(rows, schema=SIGNATURE_SCHEMA)


def _band_table(placements: list[Placement]) -> pa.Table:
    """``minhash_bands`` rows of new documents: one per band."""
    rows = [{"band": band, "bucket": key, "doc_id": p.doc_id}
            for p in placements if p.fingerprint.signature is not None
            for band, key in enumerate(band_keys(p.fingerprint.signature))]
    return pa.Table.from_pylist(rows, schema=BAND_SCHEMA)


def _copy_row(placement: Placement, now: datetime) -> dict:
    """The ``document_copies`` row of one placement."""
    doc = placement.doc
    kind = {NEW: ORIGINAL, DUPLICATE: EXACT}.get(placement.kind, placement.kind)
    keys = [key_of(event) for event in doc.events] if kind == NEAR else None
    return {"copy_id": copy_id(doc.id, doc.url, doc.origin), "doc_id": placement.doc_id,
            "kind": kind, "similarity": round(placement.similarity, 4), "origin": doc.origin,
            "title": doc.title, "date": date.fromisoformat(doc.date) if doc.date else None,
            "url": doc.url, "source": doc.source, "site": site_of(doc.source, doc.url),
            "event_keys": keys, "recorded_at": now}


_RECOUNT = """
    UPDATE events SET num_mentions = counts.mentions, num_sources = counts.sources,
                      num_articles = counts.articles
    FROM (
        SELECT doc_id, key, count(*) AS mentions, count(DISTINCT copy_id) AS articles,
               greatest(count(DISTINCT site), 1) AS sources
        FROM (
            SELECT c.doc_id, c.copy_id, c.site, unnest(c.event_keys) AS key
            FROM document_copies AS c WHERE c.doc_id = ANY($ids) AND c.event_keys IS NOT NULL
            UNION ALL
            SELECT c.doc_id, c.copy_id, c.site, e.event_key AS key
            FROM document_copies AS c JOIN events AS e ON e.doc_id = c.doc_id
            WHERE c.doc_id = ANY($ids) AND c.event_keys IS NULL
        )
        GROUP BY doc_id, key
    ) AS counts
    WHERE events.doc_id = counts.doc_id AND events.event_key = counts.key"""


def recount_events(conn: duckdb.DuckDBPyConnection, doc_ids: set[str]) -> None:
    """Recompute num_mentions, num_sources and num_articles of the documents' events from their copies.

    Args:
        conn: The store's connection (the caller holds the transaction).
        doc_ids: Stored documents whose copies changed.
    """
    if doc_ids:
        conn.execute(_RECOUNT, {"ids": sorted(doc_ids)})


def backfill(conn: duckdb.DuckDBPyConnection, now: datetime) -> int:
    """Fingerprint and index the documents stored before migration 3, in chunks.

    Each gets its content hash, signature, bands and its ``original`` copy row; their events were
    counted by the migration. Runs inside the caller's transaction.

    Args:
        conn: The store's connection.
        now: The time to record.

    Returns:
        How many documents were fingerprinted.
    """
    done = 0
    while rows := conn.execute(
            "SELECT id, origin, title, CAST(date AS VARCHAR), url, source, text FROM documents "
            "WHERE content_hash IS NULL ORDER BY id LIMIT ?", [BACKFILL_CHUNK]).fetchall():
        placements = [Placement(doc, NEW, doc.id, fingerprint(doc.text)) for doc in (
            CodedDocument(id=r[0], origin=r[1], title=r[2], date=r[3], url=r[4], source=r[5],
                          text=r[6] or "") for r in rows)]
        conn.executemany("UPDATE documents SET content_hash = ? WHERE id = ?",
                         [[p.fingerprint.content_hash, p.doc_id] for p in placements])
        save_index_and_copies(conn, placements, now)
        done += len(rows)
    return done


def known_documents(conn: duckdb.DuckDBPyConnection, ids: list[str],
                    hashes: list[str]) -> tuple[set[str], dict[str, str]]:
    """Which ids are stored, and which content hashes belong to which stored document.

    Args:
        conn: The store's connection.
        ids: Document ids.
        hashes: Content hashes.

    Returns:
        The stored ids among ``ids``, and ``{content_hash: document id}`` for the stored hashes.
    """
    stored = _existing(conn, "SELECT id FROM documents WHERE id = ANY(?)", ids)
    found = conn.execute(
        "SELECT content_hash, min(id) FROM documents WHERE content_hash = ANY(?) GROUP BY ALL",
        [hashes]).fetchall() if hashes else []
    return stored, dict(found)

