"""Which source reads each input: files, folders, glob patterns, URLs of pages and feeds, in order."""

from __future__ import annotations

from pathlib import Path

import pytest

from realpolitik.errors import PATTERN_UNMATCHED
from realpolitik.ingest.base import Source, SourceOptions, is_url, iter_sources
from realpolitik.ingest.fetch import Fetcher, FetchOptions
from realpolitik.ingest.files import FileSource, Metadata, expand_pattern, iter_inputs
from realpolitik.ingest.rss import FeedSource
from realpolitik.ingest.url import UrlSource
from realpolitik.models import RawDocument, Rejection

STORY = "India and Japan agreed on Tuesday to expand cooperation on maritime security."
PAGE = f"<html><head><title>Talks</title></head><body><p>{STORY}</p></body></html>"
FEED = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title><item>'
        '<guid isPermaLink="false">g1</guid>'
        f"<title>One</title><description>{STORY}</description></item></channel></rss>")
LOCAL = SourceOptions(fetch=FetchOptions(allow_private=True))


@pytest.fixture
def news(tmp_path: Path) -> Path:
    """news/ with pages at several depths, a hidden one and other files."""
    for name in ("a.html", "2025/b.html", "2025/12/c.html", "2025/12/d.txt", "2025/.cache/e.html",
                 "z.htm"):
        path = tmp_path / "news" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE, encoding="utf-8")
    return tmp_path / "news"


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [("**/*.html", ["2025/12/c.html", "2025/b.html", "a.html"]),
     ("*/*.html", ["2025/b.html"]),
     ("2025/*", ["2025/12/c.html", "2025/12/d.txt", "2025/b.html"]),  # a matched folder is walked
     ("[az].htm*", ["a.html", "z.htm"]),
     ("**", ["2025/12/c.html", "2025/12/d.txt", "2025/b.html", "a.html", "z.htm"])],  # each file once
)
def test_expand_pattern_sorted_unique_without_hidden(news: Path, pattern, expected):
    assert expand_pattern(str(news / pattern)) == [news / name for name in expected]


def test_iter_inputs_expands_pattern(news: Path):
    origins = [d.origin for d in iter_inputs([str(news / "**" / "*.html")])]
    assert origins == [str(news / name) for name in ("2025/12/c.html", "2025/b.html", "a.html")]


def test_iter_inputs_pattern_without_match_is_rejected_and_rest_read(news: Path):
    pattern = str(news / "**" / "*.json")
    missing, found = iter_inputs([pattern, str(news / "a.html")])
    assert isinstance(missing, Rejection) and missing.reason == "not_found"
    assert missing.detail == PATTERN_UNMATCHED.format(pattern=pattern)
    assert found.origin == str(news / "a.html")


def test_iter_inputs_existing_name_with_brackets_is_a_file(tmp_path: Path):
    path = tmp_path / "report[1].txt"
    path.write_text(STORY, encoding="utf-8")
    (item,) = iter_inputs([str(path)])
    assert isinstance(item, RawDocument) and item.origin == str(path)


@pytest.mark.parametrize(
    ("path", "expected"),
    [("https://news.example.org/a", True), ("http://127.0.0.1:8000/", True), ("ftp://x/y", True),
     ("news/a.html", False), ("-", False), ("C:/news/a.txt", False), ("weird://", True),
     ("./http://x", False)],
)
def test_is_url(path, expected):
    assert is_url(path) is expected


def test_sources_fit_the_protocol():
    with Fetcher() as fetcher:
        for source in (FileSource(("a",)), FeedSource("f.rss"), UrlSource("https://x/", fetcher)):
            assert isinstance(source, Source)


def test_iter_sources_mixes_files_pages_and_feeds_in_order(web, news: Path):
    page = web.serve("/page", PAGE)
    feed = web.serve("/feed", FEED, "application/rss+xml")
    items = list(iter_sources([str(news / "a.html"), page, feed, str(news / "z.htm")], LOCAL))
    assert [i.origin for i in items] == [str(news / "a.html"), page, f"{feed}#g1", str(news / "z.htm")]
    assert [i.media_type for i in items] == ["text/html", "text/html", "text/plain", "text/html"]
    assert items[1].url == page and items[2].source == "Desk"


def test_iter_sources_plain_text_url_takes_cli_metadata(web):
    url = web.serve("/story.txt", STORY, "text/plain; charset=utf-8")
    options = SourceOptions(meta=Metadata(date="2025-12-02", title="T"), fetch=LOCAL.fetch)
    (item,) = iter_sources([url], options)
    assert (item.content, item.media_type, item.date, item.title, item.url) == (
        STORY.encode(), "text/plain", "2025-12-02", "T", url)


def test_iter_sources_unsupported_media_type_is_fetch_error(web):
    url = web.serve("/photo.png", b"\x89PNG\r\n", "image/png")
    (item,) = iter_sources([url], LOCAL)
    assert isinstance(item, Rejection) and item.reason == "fetch_error"
    assert "is image/png, not a web page, text or a feed" in item.detail


def test_iter_sources_url_refused_by_default_and_files_still_read(web, news: Path):
    page = web.serve("/page", PAGE)
    refused, kept = iter_sources([page, str(news / "a.html")])
    assert isinstance(refused, Rejection) and refused.reason == "blocked_address"
    assert isinstance(kept, RawDocument)
    assert web.requests == []
