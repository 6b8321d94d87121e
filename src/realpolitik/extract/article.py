"""Turn a RawDocument into an Article, or into a Rejection that says why not.

Checks run cheapest first: size, binary content, encoding, empty text, one enormous line, date,
language. HTML pages go through trafilatura for the main text and metadata.
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass

from realpolitik.errors import ExtractionError
from realpolitik.extract.dates import normalise_date
from realpolitik.extract.language import describe, identify_language
from realpolitik.models import Article, RawDocument, Rejection


@dataclass(frozen=True)
class Limits:
    """Bounds on what one document may be."""

    max_bytes: int = 5_000_000
    max_line_chars: int = 100_000
    min_chars: int = 1


def extract_article(raw: RawDocument, limits: Limits = Limits()) -> Article | Rejection:
    """Return the Article of a raw document, or a Rejection naming the input and the reason."""
    # A page's own headline wins over a given title (feeds often shorten it); a given date and
    # source (a feed entry's published date, the feed's name) win over trafilatura's guesses, which
    # fall back on the host name and on dates found anywhere in the page. A crawl time comes last.
    try:
        text, meta = _text_and_metadata(raw, limits)
        date = normalise_date(raw.date or meta.get("date") or raw.crawl_date)
        _check_text(text, limits)
    except ExtractionError as error:
        return Rejection(raw.origin, error.reason, f"{raw.origin}: {error.detail}", raw.id)
    doc_id = raw.id or document_id(text)
    return Article(
        id=doc_id, text=text, origin=raw.origin, title=meta.get("title") or raw.title, date=date,
        url=meta.get("url") or raw.url, source=raw.source or meta.get("source"),
    )


def document_id(text: str) -> str:
    """A stable id from the text, so the same document stored twice is one document."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _text_and_metadata(raw: RawDocument, limits: Limits) -> tuple[str, dict[str, str | None]]:
    """Decode the content and, for HTML, extract the main text and metadata."""
    content = raw.content
    size = len(content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content)
    size = max(size, raw.size or 0)
    if size > limits.max_bytes:
        raise ExtractionError(
            "too_large", f"is {size:,} bytes, over the limit of {limits.max_bytes:,}; split it or "
            "raise the limit with --max-bytes.")
    text = _check_string(content) if isinstance(content, str) else _decode(content)
    if raw.media_type == "text/html":
        from realpolitik.extract.html import extract_html

        return extract_html(text, raw.url)
    return text, {}


def _decode(content: bytes) -> str:
    """Decode UTF-8 bytes (a byte-order mark is dropped), refusing binary files."""
    head = content[:8192]
    if b"\x00" in head or _control_share(head) > 0.10:
        raise ExtractionError("binary", "looks like a binary file, not text; pass text, HTML or JSON.")
    bom = len(codecs.BOM_UTF8) if content.startswith(codecs.BOM_UTF8) else 0
    try:
        return content[bom:].decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + bom
        raise ExtractionError(
            "encoding", f"is not valid UTF-8 (byte 0x{content[offset]:02x} at offset "
            f"{offset}); convert it to UTF-8, e.g. `iconv -f latin1 -t utf-8`.") from None


def _check_string(text: str) -> str:
    """Text that arrived as a string (JSON, the API): drop a BOM, refuse binary content."""
    text = text.removeprefix("\ufeff")
    head = text[:8192]
    if "\x00" in head or _control_share(head.encode("utf-8", "replace")) > 0.10:
        raise ExtractionError("binary", "holds binary data (NUL or control characters), not text.")
    return text


def _control_share(data: bytes) -> float:
    """Share of control bytes other than tab, newline and carriage return."""
    if not data:
        return 0.0
    return sum(b < 32 and b not in (9, 10, 12, 13) for b in data) / len(data)


def _check_text(text: str, limits: Limits) -> None:
    """Refuse empty, one-line-blob and non-English texts."""
    if len(text.strip()) < limits.min_chars:
        raise ExtractionError("empty", "has no text to code.")
    longest = max((len(line) for line in text.splitlines()), default=0)
    if longest > limits.max_line_chars:
        raise ExtractionError(
            "long_line", f"has a line of {longest:,} characters (limit {limits.max_line_chars:,}); it is "
            "probably not prose. Break it into lines or paragraphs.")
    guess = identify_language(text)
    if not guess.is_english:
        raise ExtractionError("not_english", describe(guess))
