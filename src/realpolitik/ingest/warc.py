"""Read WARC and WARC.gz crawl archives (as Common Crawl News publishes them) as a stream.

Each ``response`` record with an HTML or plain-text payload becomes a RawDocument: its URL from
``WARC-Target-URI``, its date from ``WARC-Date`` (the crawl time; a publication date found in the
page by trafilatura takes precedence, as for any HTML input), its origin ``FILE:N`` with N the
record's number in the file. Other records (requests, metadata, images, PDFs, redirects) are skipped
without reading their payloads. A record at most ``max_bytes`` long is read into memory, never the
file. A damaged record becomes a Rejection and reading resumes at the next record that can be found
(the next gzip member of a .warc.gz, the next ``WARC/1.`` header line of a .warc).

Needs the ``warc`` extra (warcio); without it the first WARC file raises a ConfigError naming the
install command.
"""

from __future__ import annotations

import codecs
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from realpolitik.errors import WARC_MISSING, ConfigError
from realpolitik.models import RawDocument, Rejection

logger = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
GZIP_MAGIC = b"\x1f\x8b\x08"
WARC_MAGIC = b"WARC/1."
_SCAN_CHUNK = 1 << 20  # bytes read at a time while looking for the next record after damage


@dataclass(frozen=True)
class Step:
    """One record position in a WARC file, as the walk meets it.

    Attributes:
        number: The record's number in the file (1-based; a damaged stretch counts as one record).
        offset: Byte offset where the record starts.
        record: The warcio record, with its headers (its payload is already consumed), or None
            for a damaged stretch.
        payload: The payload of a record the walk was asked to read (at most ``max_bytes + 1``
            bytes), else None.
        error: What is wrong with a damaged or truncated record, else None.
    """

    number: int
    offset: int
    record: Any = None
    payload: bytes | None = None
    error: str | None = None


def _warcio():
    """The warcio ArchiveIterator, or a ConfigError naming the install command."""
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        raise ConfigError(WARC_MISSING) from None
    return ArchiveIterator


def walk(handle: IO[bytes], start: int = 0, first: int = 1, wanted: Callable[[Any], bool] = lambda r: False,
         max_bytes: int = 5_000_000) -> Iterator[Step]:
    """Yield every record of an open WARC file from byte ``start``, numbering from ``first``.

    Payloads are read only for the records ``wanted`` picks, at most ``max_bytes + 1`` bytes each;
    the rest of every record is skipped in blocks. A damaged or truncated record is yielded with
    ``error`` set, and the walk resumes at the next record start it can find.

    Args:
        handle: The file, opened in binary mode (seekable).
        start: Where to begin: 0, or an offset a previous walk reported.
        first: The number of the record at ``start``.
        wanted: Which records' payloads to read.
        max_bytes: The most payload bytes kept per record.
    """
    archive_iterator = _warcio()
    size = os.fstat(handle.fileno()).st_size
    position: int | None = start
    number = first
    while position is not None:
        handle.seek(position)
        head = handle.read(len(WARC_MAGIC))
        gzipped = head.startswith(GZIP_MAGIC)
        handle.seek(position)
        records = archive_iterator(handle, block_size=65536)
        try:
            if not gzipped and head != WARC_MAGIC:
                raise ValueError("no WARC/1.x header where a record should start")
            for record in records:
                payload = record.content_stream().read(max_bytes + 1) if wanted(record) else None
                records.read_to_end()
                yield Step(number, position, record, payload, _truncation(records, record))
                position, number = records.offset, number + 1  # warcio's own start of the next record
            if position >= size:
                return
            error = f"{size - position:,} bytes at the end are not a WARC record"
        except Exception as exc:  # noqa: BLE001 - warcio raises many kinds on damaged input
            error = f"{type(exc).__name__}: {exc}"[:300]
        yield Step(number, position, error=error)
        number += 1
        position = _resync(handle, position + 1, gzipped)


def _resync(handle: IO[bytes], position: int, gzipped: bool) -> int | None:
    """The offset of the next record start at or after ``position``, or None at the end."""
    marker = GZIP_MAGIC if gzipped else b"\n" + WARC_MAGIC
    handle.seek(position)
    carry = b""
    base = position
    while chunk := handle.read(_SCAN_CHUNK):
        data = carry + chunk
        found = data.find(marker)
        if found >= 0:
            return base - len(carry) + found + (0 if gzipped else 1)
        carry = data[-len(marker):]
        base += len(chunk)
    return None


def _truncation(records: Any, record: Any) -> str | None:
    """Why a record just read is incomplete (the file ends inside it), or None."""
    decompressor = records.reader.decompressor
    unread = getattr(record.raw_stream, "limit", 0) or 0
    if (decompressor is not None and not getattr(decompressor, "eof", True)) or unread > 0:
        return "truncated: the file ends inside this record"
    return None


def iter_warc(path: Path, max_bytes: int = 5_000_000, source: str | None = None, start: int = 0,
              first: int = 1, count: int | None = None) -> Iterator[RawDocument | Rejection]:
    """Yield the documents of a WARC or WARC.gz file, streamed record by record.

    Args:
        path: The file.
        max_bytes: The largest payload read; a longer one is a ``too_large`` rejection.
        source: The source name given on the command line, if any.
        start: Byte offset to begin at (a record start, as ``record_offsets`` reports).
        first: The number of the record at ``start``.
        count: Stop after this many records (all kinds counted); None reads to the end.

    Raises:
        ConfigError: warcio is not installed.
    """
    with path.open("rb") as handle:
        for done, step in enumerate(walk(handle, start, first, is_page, max_bytes), start=1):
            item = _document(path, step, max_bytes, source)
            if item is not None:
                yield item
            if count is not None and done >= count:
                return


def record_offsets(path: Path, every: int) -> Iterator[tuple[int, int]]:
    """Yield ``(offset, number)`` of every ``every``-th record start (the first included).

    Reading a shard with ``iter_warc(path, start=offset, first=number, count=every)`` then gives
    exactly the documents the whole-file read gives for those records.
    """
    with path.open("rb") as handle:
        for index, step in enumerate(walk(handle)):
            if index % every == 0:
                yield step.offset, step.number


def is_page(record: Any) -> bool:
    """Whether a record is a page to code: a 2xx HTTP response with an HTML or plain-text payload."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or ""
    media_type, _ = _content_type(record.http_headers.get_header("Content-Type"))
    return status.startswith("2") and media_type in HTML_TYPES + TEXT_TYPES


def _document(path: Path, step: Step, max_bytes: int, source: str | None) -> RawDocument | Rejection | None:
    """The document of one record, a Rejection if it is damaged, None if it is not a page."""
    origin = f"{path}:{step.number}"
    if step.error is not None:
        return Rejection(origin, "damaged_record",
                         f"{origin}: the WARC record at byte {step.offset:,} is damaged ({step.error}); "
                         "it was skipped and reading went on at the next record found.")
    if step.payload is None:
        return None
    if len(step.payload) > max_bytes:
        return Rejection(origin, "too_large", f"{origin}: the page is over the limit of {max_bytes:,} "
                         "bytes; raise it with --max-bytes.")
    record = step.record
    media_type, charset = _content_type(record.http_headers.get_header("Content-Type"))
    headers = record.rec_headers
    return RawDocument(
        origin=origin, content=_decoded(step.payload, charset),
        media_type="text/html" if media_type in HTML_TYPES else "text/plain",
        crawl_date=headers.get_header("WARC-Date"), url=headers.get_header("WARC-Target-URI"),
        source=source,
    )


def _content_type(value: str | None) -> tuple[str, str | None]:
    """The media type and charset of a Content-Type header."""
    if not value:
        return "", None
    parts = [p.strip() for p in value.split(";")]
    charset = next((p.split("=", 1)[1].strip("\"' ") for p in parts[1:]
                    if p.lower().startswith("charset=")), None)
    return parts[0].lower(), charset


def _decoded(payload: bytes, charset: str | None) -> str | bytes:
    """The payload as text when the server named a known charset other than UTF-8, else the bytes
    (which the extractor decodes as UTF-8, rejecting what is not)."""
    if not charset:
        return payload
    try:
        name = codecs.lookup(charset).name
    except LookupError:
        return payload
    return payload if name == "utf-8" else payload.decode(name, errors="replace")
