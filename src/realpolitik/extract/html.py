"""Main text and metadata of an HTML page, with trafilatura."""

from __future__ import annotations

from realpolitik.errors import ExtractionError


def extract_html(html: str, url: str | None = None) -> tuple[str, dict[str, str | None]]:
    """Return the main text of a page and its title, date, author, site and URL."""
    import trafilatura
    from trafilatura.settings import Document

    document = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                           as_dict=False)
    # as_dict=False gives a Document or None; the annotation also allows the as_dict=True dict.
    if not isinstance(document, Document) or not document.text or not document.text.strip():
        raise ExtractionError("empty", "is an HTML page with no main text that could be extracted.")
    meta = {
        "title": document.title, "date": document.date, "url": document.url or url,
        "source": document.sitename, "author": document.author,
    }
    return document.text, meta
