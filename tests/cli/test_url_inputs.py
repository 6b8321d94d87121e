"""`code` and `ingest` with URLs of pages and feeds (a real local server), feed files and globs."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from realpolitik.cli import main

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "sample" / "putin-india-visit.txt"
SEED_DATE = "2025-12-05"
FEEDS = REPO / "tests" / "data" / "feeds"


def _page(text: str) -> str:
    """A news page around a text."""
    paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
    return (f"<html><head><title>Putin in Delhi</title><meta name='date' content='{SEED_DATE}'></head>"
            f"<body><article>{paragraphs}</article></body></html>")


def _run(capsys, *args: object) -> tuple[int, str, str]:
    """Run the CLI in-process."""
    capsys.readouterr()
    with pytest.raises(SystemExit) as done:
        main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return done.value.code, captured.out, captured.err


@pytest.mark.slow
def test_code_url_codes_the_page(capsys, web):
    url = web.serve("/putin-delhi", _page(SEED.read_text(encoding="utf-8")))
    code, out, err = _run(capsys, "code", url, "--allow-private", "--format", "jsonl")
    assert code == 0, err
    (doc,) = [json.loads(line) for line in out.splitlines()]
    assert (doc["url"], doc["title"], doc["date"]) == (url, "Putin in Delhi", SEED_DATE)
    assert doc["rejected"] is None
    dyads = {frozenset((e["source"]["country"], (e["target"] or {}).get("country"))) for e in doc["events"]}
    assert frozenset(("RUS", "IND")) in dyads


@pytest.mark.slow
def test_code_url_without_allow_private_is_refused(capsys, web):
    url = web.serve("/putin-delhi", _page("India and Russia signed a pact."))
    code, out, err = _run(capsys, "code", url, "--format", "jsonl")
    assert code == 2
    (doc,) = [json.loads(line) for line in out.splitlines()]
    assert doc["rejected"]["reason"] == "blocked_address"
    assert "Rejected blocked_address" in err and "pass --allow-private" in err
    assert web.requests == []


@pytest.mark.slow
def test_ingest_feed_url_stores_entries_and_rejections(capsys, web, db_path):
    # world.rss with its links pointing at the local server; the Brazil entry is a teaser whose
    # page is fetched from there.
    body = (FEEDS / "world.rss").read_bytes().replace(b"https://news.example.org", web.base.encode())
    feed = web.serve("/world.rss", body, "application/rss+xml")
    brazil = web.serve("/2025/12/brazil-climate", _page(
        "Brazil and Argentina met in Brasilia on Monday and agreed to protect the Amazon forest.\n" * 5))
    missing = web.url("/gone")
    code, _, err = _run(capsys, "ingest", feed, missing, "--allow-private", "--db", db_path)
    assert code == 2
    assert "Rejected fetch_error" in err and "HTTP 404" in err
    with duckdb.connect(str(db_path), read_only=True) as conn:
        docs = conn.execute("SELECT url, source, CAST(date AS VARCHAR) AS day FROM documents "
                            "ORDER BY url").fetchall()
        rejections = conn.execute("SELECT origin, reason FROM rejections").fetchall()
    assert docs == [(brazil, "Example World Desk", "2025-12-01"),  # the entry's date, not the page's
                    (web.url("/2025/12/india-japan"), "Example World Desk", "2025-12-02")]
    assert rejections == [(missing, "fetch_error")]
    assert web.requests == ["/world.rss", "/2025/12/brazil-climate", "/gone"]


@pytest.mark.slow
def test_code_glob_and_feed_files(capsys, tmp_path: Path):
    (tmp_path / "news" / "2025").mkdir(parents=True)
    (tmp_path / "news" / "2025" / "a.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "news" / "b.txt").write_text("India and Japan met in Tokyo on Monday.", encoding="utf-8")
    code, out, err = _run(capsys, "code", str(tmp_path / "news" / "**" / "*.txt"), FEEDS / "world.atom",
                          "--format", "jsonl", "--date", SEED_DATE)
    assert code == 0, err
    docs = [json.loads(line) for line in out.splitlines()]
    assert [d["title"] for d in docs] == [None, None, "Kenya and Ethiopia sign a border accord"]
    assert docs[2]["date"] == "2025-12-03" and docs[2]["url"] == "https://atom.example.org/kenya-ethiopia"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "language"),
    [("Le président de la République a reçu jeudi à l'Élysée le chancelier allemand pour un dîner de "
      "travail consacré à la guerre en Ukraine et à la défense européenne.", "French"),
     ("El presidente del Gobierno se reunió el martes en Madrid con el primer ministro de la India "
      "para hablar de comercio, energía y defensa.", "Spanish"),
     ("Президент России прибыл в Нью-Дели с государственным визитом. Стороны обсудили сотрудничество "
      "в области энергетики, обороны и торговли.", "Russian"),
     ("中国国家主席周二在北京会见了来访的印度总理，双方同意加强在贸易、能源和安全领域的合作。", "Chinese"),
     ("التقى وزير الخارجية السعودي نظيره الهندي في الرياض يوم الثلاثاء لبحث التعاون في مجالات الطاقة "
      "والتجارة والأمن.", "Arabic")],
)
def test_ingest_non_english_is_recorded_as_not_english(capsys, tmp_path: Path, db_path, text, language):
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    code, _, err = _run(capsys, "ingest", path, "--db", db_path)
    assert code == 2
    expected = f"Rejected not_english: {path}: does not read as English but as {language}"
    assert expected in " ".join(err.split())
    with duckdb.connect(str(db_path), read_only=True) as conn:
        rows = conn.execute("SELECT reason, detail FROM rejections").fetchall()
    assert [r for r, _ in rows] == ["not_english"] and language in rows[0][1]
