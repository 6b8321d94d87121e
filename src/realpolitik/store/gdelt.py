"""GDELT 2.0 interchange: our events out as GDELT event rows, GDELT event files in (issue #5, item 7).

GDELT 2.0 event exports (``YYYYMMDDHHMMSS.export.CSV``) are tab-separated despite the name, have
no header, no quoting and 61 columns, in the order of ``GDELT_COLUMNS``. Upstream they come zipped;
``import_gdelt`` reads a plain file or a zip holding one file.

Export: how our event columns fill GDELT's (one row per stored event):

* GLOBALEVENTID: a stable integer from our ``event_id``: its first 15 hex digits read as an int
  (60 bits, so it fits GDELT's and DuckDB's signed 64-bit ids). Pipeline ids are 20 hex digits;
  an id that is not at least 15 hex digits is first hashed with sha256. Collisions are possible
  in principle (1 in 2**60 per pair) and are not checked.
* SQLDATE, MonthYear, Year: the event date (the document's when the event has none; events with
  neither are left out). FractionDate follows GDELT's own formula, which the sample files
  confirm: ``year + ((month - 1) * 30 + day) / 365``, four decimals.
* Actor1/Actor2: Code <- code, Name <- name (else the mention text) upper-cased as GDELT writes
  names, CountryCode <- country, Type1Code <- role. KnownGroup, Ethnic, Religion and Type2/3 are
  empty: our actors do not carry them. Actor2 is empty when the event has no target.
* IsRootEvent: 1 when the evidence is the document's first sentence (sentence_index 0), else 0,
  standing in for GDELT's "lead paragraph" flag.
* EventCode <- cameo, EventBaseCode <- its first 3 digits, EventRootCode <- its first 2,
  QuadClass, GoldsteinScale <- goldstein.
* NumMentions, NumSources, NumArticles <- the event's num_mentions, num_sources, num_articles:
  counted over the copies of its document (exact and near duplicates, ``store/dedup.py``), as
  GDELT counts the mentions, sources and articles of an event.
* AvgTone: empty (unknown). GDELT's 0 means "neutral", which we have not measured.
* Geo: the three Geo_Type fields are 0 (GDELT's own value for "no geographic match", as in the
  sample files) and the other geo fields are empty; we do not geocode.
* DATEADDED: the event date at 00:00:00 (``YYYYMMDD000000``), so exports are deterministic.
* SOURCEURL: the document's url (empty when unknown).

Tabs and line breaks inside names or urls become spaces, so every line keeps 61 fields.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, cast

import duckdb
import pyarrow as pa

from realpolitik.errors import IngestError
from realpolitik.models import Rejection
from realpolitik.store import parquet
from realpolitik.store._joined import iter_events_with_documents, write_lines
from realpolitik.store.db import ALL_EVENTS, EventFilter
from realpolitik.store.migrations import transaction

logger = logging.getLogger(__name__)

MALFORMED = "malformed_gdelt_row"
IMPORT_BATCH = 10_000  # rows per transaction; a 15-minute GDELT file holds ~1-3k

GDELT_FILE_MISSING = (
    "Cannot import {path}: no such file. Check the path; GDELT 2.0 event files are named like "
    "20150218230000.export.CSV (or .export.CSV.zip)."
)
GDELT_FILE_UNREADABLE = (
    "Cannot read {path}: {error}. Check that it is a GDELT 2.0 event export (plain or zipped) and "
    "that you may read it."
)
GDELT_ZIP_MEMBERS = (
    "Cannot import {path}: the zip holds {count} files, not one. GDELT zips hold one export file; "
    "unzip it and import the .export.CSV file."
)
BAD_FIELD_COUNT = (
    "has {count} tab-separated fields, not 61: it is not a GDELT 2.0 event row (GDELT 1.0 rows have "
    "57 or 58). The row was skipped; import GDELT 2.0 .export.CSV files."
)
BAD_FIELD = "has {column} {value!r}, which is not {expected}. The row was skipped."
BAD_ENCODING = "is not UTF-8 text ({error}). The row was skipped."

_S, _I, _F = pa.string(), pa.int32(), pa.float64()
_ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                 "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO_FIELDS = (("Type", _I), ("FullName", _S), ("CountryCode", _S), ("ADM1Code", _S),
               ("ADM2Code", _S), ("Lat", _F), ("Long", _F), ("FeatureID", _S))


def _actor(n: int) -> list[tuple[str, pa.DataType]]:
    """The Actor{n}* columns."""
    return [(f"Actor{n}{name}", _S) for name in _ACTOR_FIELDS]


def _geo(prefix: str) -> list[tuple[str, pa.DataType]]:
    """The {prefix}Geo_* columns."""
    return [(f"{prefix}Geo_{name}", kind) for name, kind in _GEO_FIELDS]


# The 61 GDELT 2.0 event columns in file order, typed as migration 2 stores them.
GDELT_SCHEMA = pa.schema([
    ("GLOBALEVENTID", pa.int64()), ("SQLDATE", pa.date32()), ("MonthYear", _I), ("Year", _I),
    ("FractionDate", _F), *_actor(1), *_actor(2),
    ("IsRootEvent", _I), ("EventCode", _S), ("EventBaseCode", _S), ("EventRootCode", _S),
    ("QuadClass", _I), ("GoldsteinScale", _F), ("NumMentions", _I), ("NumSources", _I),
    ("NumArticles", _I), ("AvgTone", _F), *_geo("Actor1"), *_geo("Actor2"), *_geo("Action"),
    ("DATEADDED", pa.timestamp("us")), ("SOURCEURL", _S),
])
GDELT_COLUMNS = tuple(GDELT_SCHEMA.names)
_PROVENANCE = [("source_file", _S), ("source_line", _I), ("imported_at", pa.timestamp("us"))]
IMPORT_SCHEMA = pa.schema([*GDELT_SCHEMA, *_PROVENANCE])
_HEX15 = re.compile(r"[0-9a-fA-F]{15}")


@dataclass(frozen=True)
class ImportSummary:
    """What importing GDELT files did; ``imported + duplicates + rejected`` is ``rows``.

    Attributes:
        rows: Non-blank lines read.
        imported: Rows newly stored in ``gdelt_events``.
        duplicates: Valid rows whose GLOBALEVENTID was already stored (or repeated).
        rejected: Malformed rows, each recorded in ``rejections``.
    """

    rows: int = 0
    imported: int = 0
    duplicates: int = 0
    rejected: int = 0

    def __add__(self, other: ImportSummary) -> ImportSummary:
        """The counts of two imports together."""
        return ImportSummary(self.rows + other.rows, self.imported + other.imported,
                             self.duplicates + other.duplicates, self.rejected + other.rejected)


# -- export ---------------------------------------------------------------------------------------


def gdelt_event_id(event_id: str) -> int:
    """Return the GLOBALEVENTID of one of our events (see the module docstring).

    Args:
        event_id: Our event id.

    Returns:
        A non-negative integer below 2**60.
    """
    digits = event_id if _HEX15.match(event_id) else hashlib.sha256(event_id.encode()).hexdigest()
    return int(digits[:15], 16)


def _clean(value: Any) -> str:
    """A field value as GDELT text: None is empty; tabs and line breaks become spaces."""
    if value is None:
        return ""
    return " ".join(str(value).replace("\t", " ").splitlines()) if isinstance(value, str) else str(value)


def _actor_fields(row: dict[str, Any], side: str) -> list[str]:
    """The ten Actor fields of one side of an event (all empty without that side)."""
    name = row[f"{side}_name"] or row[f"{side}_text"]
    return [_clean(row[f"{side}_code"]), _clean(name.upper() if name else None),
            _clean(row[f"{side}_country"]), "", "", "", "", _clean(row[f"{side}_role"]), "", ""]


def _gdelt_row(row: dict[str, Any], when: date) -> list[str]:
    """One event as the 61 GDELT 2.0 fields."""
    stamp = when.strftime("%Y%m%d")
    fraction = when.year + ((when.month - 1) * 30 + when.day) / 365
    cameo = row["cameo"] or ""
    no_geo = ["0", "", "", "", "", "", "", ""]
    fields = [
        str(gdelt_event_id(row["event_id"])), stamp, stamp[:6], stamp[:4], f"{fraction:.4f}",
        *_actor_fields(row, "source"), *_actor_fields(row, "target"),
        "1" if row["sentence_index"] == 0 else "0", cameo, cameo[:3], cameo[:2],
        _clean(row["quad_class"]), _clean(row["goldstein"]),
        *(str(row.get(name) or 1) for name in ("num_mentions", "num_sources", "num_articles")), "",
        *no_geo, *no_geo, *no_geo,
        stamp + "000000", _clean(row["document_url"]),
    ]
    return fields


def events_to_gdelt_rows(conn: duckdb.DuckDBPyConnection,
                         flt: EventFilter = ALL_EVENTS) -> Iterator[list[str]]:
    """Yield stored events as GDELT 2.0 event rows (61 strings each, in column order).

    Events with no date of their own take their document's; events with neither are skipped
    (GDELT rows need a SQLDATE) and logged.

    Args:
        conn: A connection to a migrated store.
        flt: Which events; by default all.

    Returns:
        An iterator of rows, in the store's stable event order.

    Raises:
        StoreError: If the query fails.
    """
    for row in iter_events_with_documents(conn, flt):
        when = row["date"] or row["document_date"]
        if when is None:
            logger.info("event %s has no date; left out of the GDELT export", row["event_id"])
            continue
        yield _gdelt_row(row, when)


def export_gdelt(conn: duckdb.DuckDBPyConnection, path: Path,
                 flt: EventFilter = ALL_EVENTS) -> int:
    """Write stored events as a GDELT 2.0 event file: tab-separated, no header, UTF-8.

    Args:
        conn: A connection to a migrated store.
        path: The file to write (parent folders are created; an existing file is replaced).
        flt: Which events; by default all.

    Returns:
        The number of rows written.

    Raises:
        StoreError: If the query fails or the file cannot be written.
    """
    return write_lines(path, ("\t".join(fields) for fields in events_to_gdelt_rows(conn, flt)))


# -- import ---------------------------------------------------------------------------------------


def _parse_date(text: str) -> date:
    """A YYYYMMDD date; like int(), raises ValueError for anything else (caught in _parse_row)."""
    if len(text) != 8 or not text.isdigit():
        raise ValueError(text)
    return date(int(text[:4]), int(text[4:6]), int(text[6:]))


def _parse_timestamp(text: str) -> datetime:
    """A YYYYMMDDHHMMSS time."""
    if len(text) != 14 or not text.isdigit():
        raise ValueError(text)
    return datetime.strptime(text, "%Y%m%d%H%M%S")


# Arrow type -> (parser of the field's text, what the text should have been, for the rejection).
_PARSERS: dict[pa.DataType, tuple[Callable[[str], Any], str]] = {
    pa.int64(): (int, "a whole number"), _I: (int, "a whole number"), _F: (float, "a number"),
    pa.date32(): (_parse_date, "a YYYYMMDD date"),
    pa.timestamp("us"): (_parse_timestamp, "a YYYYMMDDHHMMSS time"),
}


def _parse_row(fields: list[str], origin: str) -> dict[str, Any] | Rejection:
    """One GDELT line's fields as a typed row, or the rejection saying what is wrong."""
    if len(fields) != len(GDELT_COLUMNS):
        return Rejection(origin, MALFORMED, BAD_FIELD_COUNT.format(count=len(fields)))
    row: dict[str, Any] = {}
    for field, text in zip(GDELT_SCHEMA, fields, strict=True):
        if field.type == _S:
            row[field.name] = text or None
            continue
        if not text and field.name not in ("GLOBALEVENTID", "SQLDATE"):
            row[field.name] = None
            continue
        parse, expected = _PARSERS[field.type]
        try:
            row[field.name] = parse(text)
        except ValueError:
            detail = BAD_FIELD.format(column=field.name, value=text, expected=expected)
            return Rejection(origin, MALFORMED, detail)
    return row


def _read_lines(path: Path) -> Iterator[bytes]:
    """The raw lines of a GDELT file, plain or a zip holding one file."""
    if not path.is_file():
        raise IngestError(GDELT_FILE_MISSING.format(path=path))
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                members = [m for m in archive.infolist() if not m.is_dir()]
                if len(members) != 1:
                    raise IngestError(GDELT_ZIP_MEMBERS.format(path=path, count=len(members)))
                with archive.open(members[0]) as raw:
                    # A C-level line reader over the member: faster than ZipExtFile.readline. open()
                    # in read mode returns a ZipExtFile (a readable stream); typeshed says IO[bytes].
                    yield from io.BufferedReader(cast(zipfile.ZipExtFile, raw))
        else:
            with path.open("rb") as raw:
                yield from raw
    except (OSError, zipfile.BadZipFile) as exc:
        raise IngestError(GDELT_FILE_UNREADABLE.format(path=path, error=exc)) from exc


def _parse_lines(path: Path) -> Iterator[dict[str, Any] | Rejection]:
    """Each non-blank line of the file as a typed row (with provenance) or a rejection."""
    for number, raw in enumerate(_read_lines(path), start=1):
        origin = f"{path}:{number}"
        line = raw.rstrip(b"\r\n")
        if not line.strip():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield Rejection(origin, MALFORMED, BAD_ENCODING.format(error=exc))
            continue
        parsed = _parse_row(text.split("\t"), origin)
        if isinstance(parsed, dict):
            parsed.update(source_file=str(path), source_line=number)
        yield parsed


def _store_batch(conn: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]],
                 rejections: list[Rejection]) -> ImportSummary:
    """Insert one batch of rows and rejections in one transaction; return its counts."""
    now = datetime.now(UTC).replace(tzinfo=None)
    table = pa.Table.from_pylist([{**row, "imported_at": now} for row in rows], schema=IMPORT_SCHEMA)
    with transaction(conn):
        imported = parquet.insert_arrow(conn, "gdelt_events", table)
        parquet.insert_arrow(conn, "rejections", parquet.rejection_table(rejections, now))
    total = len(rows) + len(rejections)
    return ImportSummary(total, imported, len(rows) - imported, len(rejections))


def _batches(items: Iterable[dict[str, Any] | Rejection],
             size: int) -> Iterator[tuple[list[dict[str, Any]], list[Rejection]]]:
    """Split parsed lines into (rows, rejections) batches of at most ``size`` lines."""
    rows: list[dict[str, Any]] = []
    rejections: list[Rejection] = []
    for item in items:
        if isinstance(item, Rejection):
            rejections.append(item)
        else:
            rows.append(item)
        if len(rows) + len(rejections) >= size:
            yield rows, rejections
            rows, rejections = [], []
    if rows or rejections:
        yield rows, rejections


def import_gdelt(conn: duckdb.DuckDBPyConnection, path: Path,
                 batch_size: int = IMPORT_BATCH) -> ImportSummary:
    """Import a GDELT 2.0 event export into ``gdelt_events``; importing it again adds nothing.

    Rows are keyed by GLOBALEVENTID. A row with the wrong number of fields, a bad date or a
    non-number where GDELT has numbers is recorded in ``rejections`` (reason
    ``malformed_gdelt_row``, origin ``FILE:LINE``) and the other rows are imported.

    Args:
        conn: A connection to a store migrated to schema 2 or later.
        path: A ``.export.CSV`` file (tab-separated, no header), or a zip holding one.
        batch_size: Lines per transaction.

    Returns:
        The counts of rows read, imported, already stored and rejected.

    Raises:
        IngestError: If the file is missing, unreadable or a zip of several files.
        StoreError: If a write fails; batches committed before it are kept.
    """
    total = ImportSummary()
    for rows, rejections in _batches(_parse_lines(Path(path)), max(batch_size, 1)):
        total += _store_batch(conn, rows, rejections)
    return total
