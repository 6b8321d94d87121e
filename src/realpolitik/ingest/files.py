"""Read documents from files, folders, glob patterns and standard input.

Each input yields RawDocuments, or Rejections for what cannot even be read as a document (a JSON line
that does not parse, an object without text). Reading is streamed: a .jsonl.gz of any size is read line
by line, with each line and the total decompressed size bounded. A pattern such as
``'news/**/*.html'`` (quoted, so the shell leaves it alone) is expanded here, in sorted order. Feed
files (.rss, .atom, and .xml named explicitly) go to ``rss.FeedSource``, one document per entry; WARC
files go to ``ingest/warc.py``.
"""

from __future__ import annotations

import glob
import gzip
import json
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO, Any

from realpolitik.errors import PATH_MISSING, PATTERN_UNMATCHED
from realpolitik.ingest.warc import WARC_SUFFIXES, iter_warc
from realpolitik.models import RawDocument, Rejection

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm")
JSON_SUFFIXES = (".json",)
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
WALKED_FEED_SUFFIXES = (".rss", ".atom")  # .xml too only when named: folders hold sitemaps and the like
FEED_FILE_SUFFIXES = WALKED_FEED_SUFFIXES + (".xml",)
SUPPORTED = (TEXT_SUFFIXES + HTML_SUFFIXES + JSON_SUFFIXES + JSONL_SUFFIXES + WALKED_FEED_SUFFIXES
             + WARC_SUFFIXES)
GLOB_CHARS = frozenset("*?[")
READ_BUFFER = 1 << 20


@dataclass(frozen=True)
class Metadata:
    """Metadata given on the command line for inputs that carry none (.txt, stdin)."""

    date: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class ReadLimits:
    """Bounds on reading: one document, and all decompressed bytes of one file."""

    max_bytes: int = 5_000_000
    max_decompressed: int = 2_000_000_000


# Fetches a URL and returns an ingest.fetch.Fetched or a Rejection (ingest.fetch.Fetcher is one);
# typed loosely here so that reading files never imports httpx.
Fetch = Callable[[str], Any]


def iter_inputs(paths: Iterable[str], meta: Metadata = Metadata(),
                limits: ReadLimits = ReadLimits(), stdin: IO[bytes] | None = None,
                fetch: Fetch | None = None) -> Iterator[RawDocument | Rejection]:
    """Yield the documents of every path, in order; folders are recursed in sorted order.

    A path that does not exist (or a pattern that matches nothing) yields a ``not_found``
    Rejection, so the other inputs still run. ``fetch`` lets feed files fetch their entries' pages.
    """
    for path in paths:
        if path == "-":
            stream = stdin or sys.stdin.buffer
            yield _raw("<stdin>", stream.read(limits.max_bytes + 1), "text/plain", meta)
            continue
        target = Path(path)
        if not target.exists() and is_pattern(path):
            files = expand_pattern(path)
            if not files:
                yield Rejection(path, "not_found", PATTERN_UNMATCHED.format(pattern=path))
        elif not target.exists():
            yield Rejection(path, "not_found", PATH_MISSING.format(path=path))
            continue
        else:
            files = list_files(target)
        for file in files:
            yield from iter_file(file, meta, limits, fetch)


def is_pattern(path: str) -> bool:
    """Whether a path is a glob pattern (has *, ? or [)."""
    return not GLOB_CHARS.isdisjoint(path)


def expand_pattern(pattern: str) -> list[Path]:
    """The files a glob pattern names, sorted and each once; ``**`` spans folders, and folders it
    matches are walked like folders given by name. Hidden files are left out, as in folder walks."""
    found: dict[Path, None] = {}
    for match in sorted(glob.glob(pattern, recursive=True)):
        target = Path(match)
        for file in list_files(target):
            found.setdefault(file, None)
    return sorted(found)


def list_files(target: Path) -> list[Path]:
    """The files an existing path stands for: itself, or a folder's supported files in sorted order."""
    if not target.is_dir():
        return [target]
    return sorted(p for p in target.rglob("*") if p.is_file() and _wanted(p, target))


def walk_files(path: str) -> list[Path]:
    """The files a path stands for, as ``iter_inputs`` reads them: itself, a folder's supported
    files, or a pattern's matches, sorted.

    Args:
        path: A file, folder or glob pattern.

    Returns:
        The files (none when nothing is there).
    """
    target = Path(path)
    if not target.exists():
        return expand_pattern(path) if is_pattern(path) else []
    return list_files(target)


@dataclass(frozen=True)
class FileSource:
    """Files, folders, patterns and "-" as a Source (registered as ``realpolitik.source.files.v1``).

    Attributes:
        paths: What to read, in order.
        meta: Metadata for inputs that carry none.
        limits: Read bounds.
        fetch: Lets feed files fetch the pages of teaser entries; None codes entries as they are.
        stdin: The stream "-" reads; by default standard input.
    """

    paths: tuple[str, ...]
    meta: Metadata = Metadata()
    limits: ReadLimits = ReadLimits()
    fetch: Fetch | None = field(default=None, compare=False)
    stdin: IO[bytes] | None = field(default=None, compare=False)

    def iter_documents(self) -> Iterator[RawDocument | Rejection]:
        """Yield the documents of every path (see ``iter_inputs``)."""
        yield from iter_inputs(self.paths, self.meta, self.limits, self.stdin, self.fetch)


def iter_file(path: Path, meta: Metadata = Metadata(), limits: ReadLimits = ReadLimits(),
              fetch: Fetch | None = None) -> Iterator[RawDocument | Rejection]:
    """Yield the documents of one file according to its suffix."""
    name = path.name.lower()
    origin = str(path)
    try:
        if name.endswith(FEED_FILE_SUFFIXES):
            from realpolitik.ingest.rss import FeedSource

            yield from FeedSource(origin, fetch, limits).iter_documents()
        elif name.endswith(JSONL_SUFFIXES):
            yield from _iter_jsonl(path, meta, limits)
        elif name.endswith(WARC_SUFFIXES):
            yield from iter_warc(path, limits.max_bytes, meta.source)
        elif name.endswith(JSON_SUFFIXES):
            yield from _iter_json(path, meta, limits)
        elif name.endswith(HTML_SUFFIXES):
            yield _raw(origin, _read_bounded(path, limits), "text/html", Metadata(source=meta.source),
                       size=path.stat().st_size)
        else:
            yield _raw(origin, _read_bounded(path, limits), "text/plain", meta, size=path.stat().st_size)
    except (EOFError, zlib.error) as error:
        # A truncated or corrupt .gz ends the file here; what was read before is kept.
        yield Rejection(origin, "decompression_error", f"{origin}: the compressed data is damaged "
                        f"({error}); the documents before the damage were kept.")
    except OSError as error:
        yield Rejection(origin, "unreadable", f"{origin}: cannot be read ({error.strerror or error}).")


def _wanted(path: Path, root: Path) -> bool:
    """Files a folder walk picks up: supported suffixes, nothing hidden below the folder given."""
    parts = path.relative_to(root).parts
    return not any(part.startswith(".") for part in parts) and path.name.lower().endswith(SUPPORTED)


def _read_bounded(path: Path, limits: ReadLimits) -> bytes:
    """Read at most one byte past the size limit, so the size check can refuse without reading all."""
    with path.open("rb") as handle:
        return handle.read(limits.max_bytes + 1)


def _raw(origin: str, content: str | bytes, media_type: str, meta: Metadata, **fields: Any) -> RawDocument:
    """Make a RawDocument with command-line metadata as defaults."""
    return RawDocument(
        origin=origin, content=content, media_type=media_type, id=fields.get("id"),
        title=fields.get("title") or meta.title, date=fields.get("date") or meta.date,
        url=fields.get("url") or meta.url, source=fields.get("source") or meta.source,
        size=fields.get("size"),
    )


def _from_object(origin: str, obj: Any, meta: Metadata) -> RawDocument | Rejection:
    """Turn one parsed JSON value into a RawDocument, or a Rejection if it has no usable text."""
    if not isinstance(obj, dict):
        return Rejection(origin, "malformed_json",
                         f"{origin}: is a JSON {type(obj).__name__}, not an object with a `text` field.")
    text = obj.get("text")
    if not isinstance(text, str):
        what = "has no `text` field" if text is None else f"has a `text` that is a {type(text).__name__}"
        return Rejection(origin, "missing_text", f"{origin}: {what}; every object needs `text` (a string).",
                         _str_or_none(obj.get("id")))
    fields = {key: _str_or_none(obj.get(key)) for key in ("id", "title", "url", "source")}
    date = obj.get("date")
    fields["date"] = date if isinstance(date, str) or date is None else repr(date)
    return _raw(origin, text, "text/plain", meta, **fields)


def _str_or_none(value: Any) -> str | None:
    """Metadata values as text."""
    return None if value is None else str(value)


def _iter_json(path: Path, meta: Metadata, limits: ReadLimits) -> Iterator[RawDocument | Rejection]:
    """One object, or an array of objects."""
    origin = str(path)
    data = _read_bounded(path, limits)
    if len(data) > limits.max_bytes:
        yield Rejection(origin, "too_large", f"{origin}: is over the limit of {limits.max_bytes:,} bytes.")
        return
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        yield Rejection(origin, "malformed_json", f"{origin}: is not valid JSON ({error}).")
        return
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield _from_object(f"{origin}[{index}]", item, meta)
    else:
        yield _from_object(origin, value, meta)


def _open_lines(path: Path) -> IO[bytes] | gzip.GzipFile:
    """Open a JSON-lines file, decompressing .gz."""
    # A 1 MB buffer: skimming past an over-long line reads 1 MB pieces, not 8 KB ones.
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open(
        "rb", buffering=READ_BUFFER)


def iter_jsonl(path: Path, meta: Metadata = Metadata(), limits: ReadLimits = ReadLimits(), start: int = 0,
               first: int = 1, count: int | None = None) -> Iterator[RawDocument | Rejection]:
    """The documents of a JSON-lines file, or of ``count`` lines of it from byte ``start`` (a line
    start; uncompressed files only), numbering lines from ``first``: how distributed.py shards a file.
    """
    yield from _iter_jsonl(path, meta, limits, start, first, count)


def line_offsets(path: Path, every: int) -> Iterator[tuple[int, int]]:
    """Yield ``(offset, number)`` of every ``every``-th line start of an uncompressed file."""
    offset = 0
    with path.open("rb") as handle:
        for index, (_, size) in enumerate(_bounded_lines(handle, ReadLimits().max_bytes)):
            if index % every == 0:
                yield offset, index + 1
            offset += size


def _iter_jsonl(path: Path, meta: Metadata, limits: ReadLimits, start: int = 0, first: int = 1,
                count: int | None = None) -> Iterator[RawDocument | Rejection]:
    """One object a line; a bad line is rejected and the rest go on."""
    total = 0
    with _open_lines(path) as handle:
        if start:
            handle.seek(start)
        lines = _bounded_lines(handle, limits.max_bytes, limits.max_decompressed)
        for number, (line, size) in enumerate(islice(lines, count), start=first):
            origin = f"{path}:{number}"
            total += size
            if total > limits.max_decompressed:
                yield Rejection(origin, "decompression_limit",
                                f"{origin}: the file expands past {limits.max_decompressed:,} bytes; "
                                "the rest of it was not read.")
                return
            if line is _TOO_LONG:
                yield Rejection(origin, "too_large",
                                f"{origin}: the line is over the limit of {limits.max_bytes:,} bytes.")
                continue
            if not line.strip():
                continue
            try:
                obj = json.loads(line.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as error:
                yield Rejection(origin, "malformed_json", f"{origin}: is not valid JSON ({error}).")
                continue
            yield _from_object(origin, obj, meta)


class _TooLong(bytes):
    """Marker for a line past the size limit (its content is dropped)."""


_TOO_LONG = _TooLong(b"")


def _bounded_lines(handle: IO[bytes] | gzip.GzipFile, max_bytes: int,
                   max_total: int | None = None) -> Iterator[tuple[bytes, int]]:
    """Yield (line, bytes read) for lines of at most max_bytes; a longer line is skipped in chunks
    and yields the marker with the bytes it took, so the decompression limit still counts them.
    Skipping stops once ``max_total`` bytes have been read: a decompression bomb that is one
    endless line must not be read to its end before the limit applies."""
    total = 0
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        total += len(line)
        if len(line) > max_bytes and not line.endswith(b"\n"):
            skipped = len(line)
            while max_total is None or total <= max_total:
                rest = handle.readline(1_000_000)
                skipped += len(rest)
                total += len(rest)
                if not rest or rest.endswith(b"\n"):
                    break
            yield _TOO_LONG, skipped
            continue
        yield line, len(line)
