"""Feeds: RSS and Atom files and URLs, entry metadata, teaser entries fetched from a real local server."""

from __future__ import annotations

from pathlib import Path

import pytest

from realpolitik.ingest.fetch import Fetcher, FetchOptions
from realpolitik.ingest.files import iter_inputs
from realpolitik.ingest.rss import (
    MIN_ENTRY_CHARS,
    Feed,
    FeedSource,
    html_fragment_text,
    looks_like_feed,
    parse_feed,
)
from realpolitik.models import RawDocument, Rejection

FEEDS = Path(__file__).resolve().parents[1] / "data" / "feeds"
PAGE = ("<html><head><title>Brazil hosts climate talks</title></head><body><article><h1>Brazil hosts "
        "climate talks</h1>" + "<p>Brazil opened a regional meeting on forests in Belem on Monday, and "
        "ministers from Colombia and Peru promised to share satellite data on logging.</p>" * 4
        + "</article></body></html>")


def _rss(*items: tuple[str, str, str]) -> str:
    """An RSS 2.0 feed of (guid, title, description) items."""
    body = "".join(f"<item><guid>{g}</guid><title>{t}</title><link>{g}</link><description>{d}"
                   "</description></item>" for g, t, d in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Local Desk</title>{body}</channel></rss>'


def test_parse_feed_rss_entries_carry_metadata():
    feed = parse_feed((FEEDS / "world.rss").read_bytes(), "world.rss")
    assert isinstance(feed, Feed)
    assert feed.title == "Example World Desk"
    first, second = feed.entries
    assert (first.key, first.title, first.date, first.url) == (
        "world-desk-0001", "India and Japan deepen maritime ties", "2025-12-02",
        "https://news.example.org/2025/12/india-japan")
    assert first.text.startswith("The foreign ministers of India and Japan met")
    assert "\nThe two governments" in first.text  # paragraphs kept apart
    assert "<p>" not in first.text
    assert second.date == "2025-12-01" and second.text == "Brazil opened a regional meeting on forests."


def test_parse_feed_atom_prefers_content_over_summary():
    feed = parse_feed((FEEDS / "world.atom").read_bytes(), "world.atom")
    assert isinstance(feed, Feed)
    (entry,) = feed.entries
    assert feed.title == "Example Atom Desk"
    assert (entry.key, entry.date) == ("urn:example:atom-desk:1", "2025-12-03")
    assert len(entry.text) >= MIN_ENTRY_CHARS
    assert entry.text.startswith("Kenya and Ethiopia signed an agreement on Wednesday")


@pytest.mark.parametrize("content", [b"<urlset><url/></urlset>", b"<html><body>hi</body></html>", b"",
                                     b"\x00\x01 binary"])
def test_parse_feed_rejects_what_is_not_a_feed(content):
    got = parse_feed(content, "x.xml")
    assert isinstance(got, Rejection)
    assert got.reason == "malformed_feed"
    assert got.detail.startswith("x.xml: is not an RSS or Atom feed")
    assert "save the page as .html" in got.detail


def test_feed_file_yields_one_document_per_entry_with_feed_as_source():
    docs = list(FeedSource(str(FEEDS / "world.rss")).iter_documents())
    assert [d.origin for d in docs] == ["https://news.example.org/2025/12/india-japan",
                                        "https://news.example.org/2025/12/brazil-climate"]
    assert all(isinstance(d, RawDocument) and d.source == "Example World Desk" for d in docs)
    assert docs[0].date == "2025-12-02" and docs[0].title == "India and Japan deepen maritime ties"
    assert docs[0].media_type == "text/plain"


def test_files_walk_reads_rss_and_atom_but_not_stray_xml(tmp_path: Path):
    for name in ("world.rss", "world.atom", "sitemap.xml"):
        (tmp_path / name).write_bytes((FEEDS / name).read_bytes())
    origins = [d.origin for d in iter_inputs([str(tmp_path)])]
    assert origins == ["https://atom.example.org/kenya-ethiopia",
                       "https://news.example.org/2025/12/india-japan",
                       "https://news.example.org/2025/12/brazil-climate"]


def test_files_named_xml_is_read_as_feed_or_rejected():
    (item,) = iter_inputs([str(FEEDS / "sitemap.xml")])
    assert isinstance(item, Rejection) and item.reason == "malformed_feed"


def test_teaser_entry_fetches_linked_page(web):
    page = web.serve("/brazil", PAGE)
    long_text = "India and Japan agreed to expand maritime cooperation. " * 10
    feed = web.serve("/feed.rss", _rss((page, "Brazil hosts climate talks", "Brazil opened a meeting."),
                                       (web.url("/long"), "Long", long_text)), "application/rss+xml")
    with Fetcher(FetchOptions(allow_private=True)) as fetcher:
        docs = list(FeedSource(feed, fetcher).iter_documents())
    teaser, full = docs
    assert isinstance(teaser, RawDocument)
    assert (teaser.origin, teaser.media_type, teaser.url, teaser.source) == (page, "text/html", page,
                                                                              "Local Desk")
    assert b"satellite data" in teaser.content
    assert isinstance(full, RawDocument) and full.media_type == "text/plain"
    assert web.requests == ["/feed.rss", "/brazil"]  # the substantial entry needs no fetch


def test_teaser_whose_page_fails_keeps_its_summary(web):
    feed = web.serve("/feed.rss", _rss((web.url("/missing"), "Gone", "Brazil opened a meeting.")),
                     "application/rss+xml")
    with Fetcher(FetchOptions(allow_private=True)) as fetcher:
        rejection, summary = FeedSource(feed, fetcher).iter_documents()
    assert isinstance(rejection, Rejection) and rejection.reason == "fetch_error"
    assert "HTTP 404" in rejection.detail
    assert isinstance(summary, RawDocument) and summary.content == "Brazil opened a meeting."


def test_feed_url_is_refused_without_allow_private(web):
    feed = web.serve("/feed.rss", _rss(("a", "A", "text")), "application/rss+xml")
    with Fetcher() as fetcher:
        (item,) = FeedSource(feed, fetcher).iter_documents()
    assert isinstance(item, Rejection) and item.reason == "blocked_address"
    assert web.requests == []


def test_feed_url_without_network_is_rejected():
    (item,) = FeedSource("https://news.example.org/feed.rss").iter_documents()
    assert isinstance(item, Rejection) and item.reason == "fetch_error"


@pytest.mark.parametrize(
    ("content", "media_type", "expected"),
    [(b"<?xml version='1.0'?><rss/>", "", True), (b"  <feed xmlns='x'/>", "", True),
     (b"<html></html>", "text/html", False), (b"{}", "application/atom+xml", True),
     (b"\xef\xbb\xbf<rss/>", "", True), (b"plain words", "text/plain", False)],
)
def test_looks_like_feed(content, media_type, expected):
    assert looks_like_feed(content, media_type) is expected


@pytest.mark.parametrize(
    ("fragment", "text"),
    [("<p>One &amp; two.</p><p>Three.</p>", "One & two.\nThree."), ("plain  words ", "plain words"),
     ("a<br>b<br/>c", "a\nb\nc"), ("<ul><li>x</li><li>y</li></ul>", "x\ny"), ("", "")],
)
def test_html_fragment_text(fragment, text):
    assert html_fragment_text(fragment) == text
