"""iter_warc: real WARC and WARC.gz files written with warcio's writer, whole, truncated and damaged."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from realpolitik.extract.article import extract_article
from realpolitik.ingest.files import iter_inputs
from realpolitik.ingest.warc import iter_warc, record_offsets
from realpolitik.models import Article, RawDocument, Rejection

TEST_DATA = Path(__file__).resolve().parents[1] / "data"

STORY = "<html><head><title>Story {n}</title></head><body><article><p>{text}</p></article></body></html>"
SENTENCE = "India and Japan agreed on Tuesday to expand cooperation on maritime security. "


def _page(n: int) -> bytes:
    """A small news page."""
    return STORY.format(n=n, text=SENTENCE * 8).encode("utf-8")


def _response(writer: WARCWriter, url: str, body: bytes, content_type: str = "text/html; charset=utf-8",
              status: str = "200 OK", date: str = "2025-12-05T10:00:00Z") -> None:
    """Write one response record."""
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body),
                                       http_headers=http,
                                       warc_headers_dict={"WARC-Date": date})
    writer.write_record(record)


def _crawl(path: Path, gzip: bool = True, pages: int = 3) -> Path:
    """A crawl as Common Crawl News writes it: warcinfo, then request/response/metadata per page,
    plus an image response and a redirect, which are not pages."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for n in range(pages):
            url = f"https://news.example.org/{n}"
            request = StatusAndHeaders(f"GET /{n} HTTP/1.1", [("Host", "news.example.org")],
                                       is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                                          length=0, http_headers=request))
            _response(writer, url, _page(n))
            writer.write_record(writer.create_warc_record(
                url, "metadata", payload=io.BytesIO(b"fetchTimeMs: 120\r\n"), length=18,
                warc_content_type="application/warc-fields"))
        _response(writer, "https://news.example.org/logo.png", b"\x89PNG\r\n" + bytes(200), "image/png")
        _response(writer, "https://news.example.org/old", b"", "text/html", status="301 Moved Permanently")
    return path


def _summary(items) -> list[tuple[str, str]]:
    """(origin suffix, url or rejection reason) of each item."""
    return [(i.origin.rsplit(":", 1)[1], i.url if isinstance(i, RawDocument) else i.reason) for i in items]


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_iter_warc_reads_response_pages_only(tmp_path: Path, gzip: bool):
    path = _crawl(tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc"), gzip=gzip)
    items = list(iter_warc(path))
    # record 1 is warcinfo; each page is request, response, metadata: responses are 3, 6 and 9
    assert _summary(items) == [("3", "https://news.example.org/0"), ("6", "https://news.example.org/1"),
                               ("9", "https://news.example.org/2")]
    first = items[0]
    assert first.media_type == "text/html" and first.crawl_date == "2025-12-05T10:00:00Z"
    assert first.content == _page(0)


def test_iter_warc_documents_extract_with_trafilatura(tmp_path: Path):
    path = tmp_path / "readout.warc.gz"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        _response(writer, "https://embassy.example.org/readout",
                  (TEST_DATA / "pages" / "embassy-readout.html").read_bytes(), date="2024-03-02T00:00:00Z")
    (raw,) = iter_warc(path)
    article = extract_article(raw)
    assert isinstance(article, Article)
    assert "Indonesia" in article.text and "Embassy News" not in article.text
    assert article.date == "2024-03-01"  # the page's own publication date beats the crawl time
    assert article.url.startswith("https://embassy.example.org/")


def test_iter_warc_truncated_gzip_keeps_the_records_before(tmp_path: Path):
    path = _crawl(tmp_path / "crawl.warc.gz")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 700])  # cut inside the last records
    items = list(iter_warc(path))
    assert [o for o, _ in _summary(items) if _ != "damaged_record"] == ["3", "6", "9"]
    rejected = [i for i in items if isinstance(i, Rejection)]
    assert len(rejected) == 1 and rejected[0].reason == "damaged_record"
    assert "is damaged" in rejected[0].detail and "reading went on" in rejected[0].detail


def test_iter_warc_damaged_gzip_member_is_skipped_and_the_rest_goes_on(tmp_path: Path):
    path = _crawl(tmp_path / "crawl.warc.gz")
    starts = [offset for offset, _ in record_offsets(path, 1)]
    data = bytearray(path.read_bytes())
    second_response = starts[5]  # record 6
    data[second_response + 20: second_response + 60] = b"\x00" * 40
    path.write_bytes(bytes(data))
    assert _summary(iter_warc(path)) == [
        ("3", "https://news.example.org/0"), ("6", "damaged_record"), ("9", "https://news.example.org/2")]


def test_iter_warc_truncated_plain_warc_record_is_rejected(tmp_path: Path):
    path = _crawl(tmp_path / "crawl.warc", gzip=False, pages=1)
    data = path.read_bytes()
    cut = data.index(b"</article>")
    path.write_bytes(data[:cut])
    (item,) = iter_warc(path)
    assert item.reason == "damaged_record" and "truncated" in item.detail


def test_iter_warc_not_a_warc_is_one_rejection(tmp_path: Path):
    path = tmp_path / "notes.warc"
    path.write_text("these are not WARC records\n" * 20, encoding="utf-8")
    (item,) = iter_warc(path)
    assert item.reason == "damaged_record" and item.origin == f"{path}:1"


def test_iter_warc_oversized_page_is_rejected(tmp_path: Path):
    path = _crawl(tmp_path / "crawl.warc.gz", pages=1)
    (item,) = iter_warc(path, max_bytes=100)
    assert item.reason == "too_large" and "--max-bytes" in item.detail


def test_iter_warc_decodes_the_declared_charset(tmp_path: Path):
    path = tmp_path / "latin.warc.gz"
    with path.open("wb") as handle:
        _response(WARCWriter(handle, gzip=True), "https://news.example.org/fr",
                  "<html><body><p>Caf\u00e9 diplomacy in Paris.</p></body></html>".encode("latin-1"),
                  "text/html; charset=ISO-8859-1")
    (raw,) = iter_warc(path)
    assert isinstance(raw.content, str) and "Caf\u00e9" in raw.content


def test_record_offsets_shards_read_the_same_documents(tmp_path: Path):
    path = _crawl(tmp_path / "crawl.warc.gz", pages=4)
    whole = list(iter_warc(path))
    shards = [item for offset, number in record_offsets(path, 4)
              for item in iter_warc(path, start=offset, first=number, count=4)]
    assert shards == whole


def test_iter_inputs_picks_up_warc_files_in_folders(tmp_path: Path):
    (tmp_path / "news").mkdir()
    _crawl(tmp_path / "news" / "a.warc.gz", pages=1)
    _crawl(tmp_path / "news" / "b.warc", gzip=False, pages=1)
    assert [i.origin for i in iter_inputs([str(tmp_path / "news")])] == [
        f"{tmp_path / 'news' / 'a.warc.gz'}:3", f"{tmp_path / 'news' / 'b.warc'}:3"]


def test_iter_warc_without_warcio_names_the_install_command(tmp_path: Path):
    path = _crawl(tmp_path / "crawl.warc.gz", pages=1)
    script = ("import sys; sys.modules['warcio'] = None\n"
              "from pathlib import Path\nfrom realpolitik.ingest.warc import iter_warc\n"
              "from realpolitik.errors import ConfigError\n"
              f"try:\n    list(iter_warc(Path({str(path)!r})))\n"
              "except ConfigError as error:\n    print(error)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert "pip install 'realpolitik[warc]'" in result.stdout
