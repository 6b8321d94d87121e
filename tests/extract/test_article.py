"""extract_article: every rejection reason with its message, dates, ids and byte-order marks."""

from __future__ import annotations

import pytest

from realpolitik.extract.article import Limits, document_id, extract_article
from realpolitik.models import Article, RawDocument, Rejection

ORIGIN = "inbox/story-17.txt"
ENGLISH = (
    "The foreign ministers of India and Japan met in New Delhi on Tuesday and agreed to expand "
    "cooperation on maritime security, according to a statement from the Ministry of External "
    "Affairs."
)
FRENCH = (
    "Le président de la République a reçu jeudi à l'Élysée le chancelier allemand pour un dîner de "
    "travail consacré à la guerre en Ukraine, à la politique agricole commune et à la défense "
    "européenne. Les deux dirigeants ont promis de renforcer leur coopération industrielle et de "
    "présenter ensemble des propositions communes avant le prochain sommet de Bruxelles."
)
GERMAN = (
    "Der Bundeskanzler ist am Donnerstag zu einem zweitägigen Besuch nach Paris gereist, um mit "
    "dem französischen Präsidenten über die Unterstützung der Ukraine, die gemeinsame Agrarpolitik "
    "und die europäische Verteidigung zu sprechen. Beide Regierungen wollen ihre Zusammenarbeit in "
    "der Rüstungsindustrie vertiefen und vor dem nächsten Gipfel in Brüssel gemeinsame Vorschläge "
    "vorlegen."
)
BOM = b"\xef\xbb\xbf"
DEFAULT = Limits()


def _extract(content: str | bytes, limits: Limits = DEFAULT, **fields: str) -> Article | Rejection:
    """extract_article on a plain-text RawDocument from ORIGIN."""
    return extract_article(RawDocument(origin=ORIGIN, content=content, **fields), limits)


def _rejection(content: str | bytes, limits: Limits = DEFAULT, **fields: str) -> Rejection:
    """The Rejection extract_article returns (fails the test if it returns an Article)."""
    result = _extract(content, limits, **fields)
    assert isinstance(result, Rejection), f"expected a Rejection, got {result!r}"
    return result


def _article(content: str | bytes, limits: Limits = DEFAULT, **fields: str) -> Article:
    """The Article extract_article returns (fails the test if it returns a Rejection)."""
    result = _extract(content, limits, **fields)
    assert isinstance(result, Article), f"expected an Article, got {result!r}"
    return result


@pytest.mark.parametrize(
    ("content", "limits", "reason", "phrases"),
    [
        pytest.param("", Limits(), "empty", ["has no text to code"], id="empty-str"),
        pytest.param(b"", Limits(), "empty", ["has no text to code"], id="empty-bytes"),
        pytest.param(" \n\t\r\n  \n", Limits(), "empty", ["has no text to code"], id="whitespace"),
        pytest.param(b"PK\x03\x04\x14\x00\x00\x00\x08\x00word/document.xml", Limits(), "binary",
                     ["looks like a binary file", "pass text, HTML or JSON"], id="nul-bytes"),
        pytest.param(bytes(range(1, 9)) * 4 + b"some text", Limits(), "binary",
                     ["looks like a binary file"], id="control-bytes"),
        pytest.param("Caf\u00e9 talks resumed.".encode("latin-1"), Limits(), "encoding",
                     ["is not valid UTF-8", "byte 0xe9 at offset 3", "iconv -f latin1 -t utf-8"],
                     id="latin-1"),
        pytest.param(ENGLISH, Limits(max_bytes=100), "too_large",
                     [f"is {len(ENGLISH)} bytes", "over the limit of 100", "--max-bytes"],
                     id="too-large-str"),
        pytest.param(ENGLISH.encode(), Limits(max_bytes=100), "too_large",
                     ["over the limit of 100", "split it or raise the limit"],
                     id="too-large-bytes"),
        pytest.param("short line\n" + "x" * 121 + "\nshort line", Limits(max_line_chars=120),
                     "long_line", ["a line of 121 characters (limit 120)", "Break it into lines"],
                     id="long-line"),
        pytest.param(FRENCH, Limits(), "not_english",
                     ["does not read as English", "English news only"], id="french"),
        pytest.param(GERMAN, Limits(), "not_english",
                     ["does not read as English", "in 50 words"], id="german"),
    ],
)
def test_extract_article_rejects_with_reason_and_message(content, limits, reason, phrases):
    rejection = _rejection(content, limits)
    assert rejection.reason == reason
    assert rejection.origin == ORIGIN
    assert rejection.detail.startswith(f"{ORIGIN}: ")
    for phrase in phrases:
        assert phrase in rejection.detail


@pytest.mark.parametrize("date", ["2024-13-45", "yesterday", "01/03/2024", "2024-03-01T25:00"])
def test_extract_article_rejects_bad_date(date):
    rejection = _rejection(ENGLISH, date=date)
    assert rejection.reason == "bad_date"
    assert rejection.detail == (
        f"{ORIGIN}: has the date {date!r}, which is not YYYY-MM-DD or ISO 8601."
    )


def test_extract_article_rejection_keeps_document_id():
    assert _rejection("", id="wire-0042").id == "wire-0042"


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2024-03-01T10:00:00Z", "2024-03-01"),
        ("2024-03-01T10:00:00+05:30", "2024-03-01"),
        ("2024-03-01", "2024-03-01"),
        (" 2024-03-01 ", "2024-03-01"),
        ("", None),
        (None, None),
    ],
)
def test_extract_article_normalises_date(date, expected):
    assert _article(ENGLISH, date=date).date == expected


def test_extract_article_same_text_same_id():
    first, second = _article(ENGLISH), _article(ENGLISH)
    assert first.id == second.id == document_id(ENGLISH)
    assert len(first.id) == 16


def test_extract_article_different_text_different_id():
    assert _article(ENGLISH).id != _article(ENGLISH + " Talks continue.").id


def test_extract_article_given_id_wins():
    assert _article(ENGLISH, id="wire-0042").id == "wire-0042"


def test_extract_article_strips_utf8_bom():
    article = _article(BOM + ENGLISH.encode("utf-8"))
    assert article.text == ENGLISH
    assert article.id == document_id(ENGLISH)


def test_extract_article_encoding_offset_counts_bom():
    rejection = _rejection(BOM + "Caf\u00e9 talks resumed.".encode("latin-1"))
    assert "byte 0xe9 at offset 6" in rejection.detail


@pytest.mark.parametrize(
    "text",
    [
        "Talks resumed.",
        "Kyiv.",
        "Ceasefire holds in Gaza",  # fewer words than the language check judges
        ENGLISH,
    ],
)
def test_extract_article_accepts_short_english(text):
    article = _article(text)
    assert article.text == text
    assert article.language == "en"


def test_extract_article_keeps_metadata():
    article = _article(ENGLISH.encode(), title="Ministers meet", url="https://example.org/a",
                       source="Example Wire", date="2024-03-01")
    assert (article.origin, article.title, article.url, article.source, article.date) == (
        ORIGIN, "Ministers meet", "https://example.org/a", "Example Wire", "2024-03-01")


def test_extract_article_accepts_text_at_limits():
    text = "x" * 40 + "\n" + "Talks resumed."
    article = _article(text, Limits(max_bytes=len(text), max_line_chars=40))
    assert article.text == text
