"""HTML pages: main text without the page furniture, and metadata, through extract_article."""

from __future__ import annotations

from pathlib import Path

import pytest

from realpolitik.extract.article import extract_article
from realpolitik.extract.html import extract_html
from realpolitik.models import Article, RawDocument, Rejection

PAGES = Path(__file__).resolve().parents[1] / "data" / "pages"
READOUT = PAGES / "embassy-readout.html"
TITLE = "Readout of the Ambassador's Meeting with Indonesia's Foreign Minister"


@pytest.fixture(scope="module")
def readout() -> Article:
    """The embassy readout page, extracted."""
    raw = RawDocument(origin=str(READOUT), content=READOUT.read_bytes(), media_type="text/html")
    result = extract_article(raw)
    assert isinstance(result, Article), result
    return result


@pytest.mark.parametrize(
    "phrase",
    [
        "The Ambassador met Indonesian Foreign Minister Retno Marsudi in Jakarta",
        "praised the coast guard cooperation agreed last year",
        "convene a joint commission on energy and climate",
        "invited her to visit Washington later this spring.",
    ],
)
def test_extract_article_html_keeps_article_text(readout, phrase):
    assert phrase in readout.text


@pytest.mark.parametrize(
    "phrase",
    [
        "Visas and Travel",  # navigation
        "Contact the Embassy",
        "Search this site",
        "Related stories",  # aside
        "Student exchange applications",
        "Privacy Policy",  # footer
        "Accessibility Statement",
        "Subscribe to our newsletter",
        "<p>",
    ],
)
def test_extract_article_html_drops_page_furniture(readout, phrase):
    assert phrase not in readout.text


def test_extract_article_html_keeps_paragraphs_apart(readout):
    paragraphs = [line for line in readout.text.splitlines() if line.startswith("The ")]
    assert len(paragraphs) == 3


def test_extract_article_html_reads_title(readout):
    assert readout.title == TITLE


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("date", "2024-03-01"),
        ("url", "https://embassy.example.org/news/2024/03/01/readout-ambassador-meeting"),
        ("source", "embassy.example.org"),
        ("language", "en"),
    ],
)
def test_extract_article_html_reads_metadata(readout, field, expected):
    assert getattr(readout, field) == expected


def test_extract_article_html_title_beats_raw_title():
    raw = RawDocument(origin="p.html", content=READOUT.read_bytes(), media_type="text/html",
                      title="Given title")
    result = extract_article(raw)
    assert isinstance(result, Article)
    assert result.title == TITLE


def test_extract_html_returns_text_and_metadata():
    text, meta = extract_html(READOUT.read_text(encoding="utf-8"))
    assert "Retno Marsudi" in text
    assert meta["title"] == TITLE


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Menu</title><style>p {color: red}</style></head>"
        "<body><script>var section = 'news';</script></body></html>",
        "<html><body><div>   </div></body></html>",
        "<!-- nothing here -->",
    ],
    ids=["script-only", "blank-div", "comment-only"],
)
def test_extract_article_html_without_main_text_is_empty(html):
    result = extract_article(RawDocument(origin="menu.html", content=html, media_type="text/html"))
    assert isinstance(result, Rejection)
    assert result.reason == "empty"
    assert result.detail == (
        "menu.html: is an HTML page with no main text that could be extracted."
    )
