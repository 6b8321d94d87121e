"""poll_feeds: only new entries are ingested, a feed that is down is recorded and the next poll goes
on, teaser pages that fail are tried again; against a real local server and a real DuckDB file."""

from __future__ import annotations

import pytest

from realpolitik.errors import ConfigError
from realpolitik.ingest.fetch import Fetcher, FetchOptions
from realpolitik.ingest.watch import parse_interval, poll_feed, poll_feeds
from realpolitik.store import feeds as feed_items
from realpolitik.store.db import Store

STORIES = {
    "g1": "India and Japan agreed on Tuesday to expand cooperation on maritime security in the Indian "
          "Ocean, and the two governments said that their navies would hold joint exercises next year.",
    "g2": "Germany and France signed a new defence agreement in Paris on Wednesday. The two governments "
          "promised to build a common tank and to share the cost of a new air defence system.",
    "g3": "Brazil and Argentina met in Buenos Aires on Thursday to discuss trade. Both sides agreed to "
          "cut tariffs on cars and steel and to meet again in March to review the plan.",
}


def rss(*keys: str, teaser: str | None = None) -> str:
    """An RSS feed with the stories named (each long enough to be coded without a fetch)."""
    items = "".join(f'<item><guid isPermaLink="false">{k}</guid><title>Story {k}</title>'
                    f"<pubDate>Tue, 02 Dec 2025 09:30:00 GMT</pubDate><description>"
                    f"{(STORIES[k] + ' ') * 3}</description></item>" for k in keys)
    if teaser:
        items += f"<item><guid>{teaser}</guid><title>Teaser</title></item>"  # a link, no text
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>{items}</channel></rss>'


@pytest.mark.parametrize(("value", "seconds"), [("1s", 1), ("15m", 900), ("2h", 7200), ("1d", 86400),
                                                 ("90", 90), (" 1.5M ", 90)])
def test_parse_interval(value, seconds):
    assert parse_interval(value) == seconds


@pytest.mark.parametrize("value", ["", "0s", "0.5s", "fast", "15 minutes", "-1m", "1w"])
def test_parse_interval_rejects_bad_values(value):
    with pytest.raises(ConfigError, match=r"is not a duration\. Use a number and a unit: 30s, 15m"):
        parse_interval(value)


@pytest.fixture
def fetcher():
    """A real fetcher that may reach the local test server."""
    with Fetcher(FetchOptions(allow_private=True)) as real:
        yield real


@pytest.mark.slow
def test_poll_feed_ingests_only_new_entries(web, fetcher, engine, db_path):
    url = web.serve("/feed.rss", rss("g1", "g2"), "application/rss+xml")
    with Store.open(db_path) as store:
        first = poll_feed(url, store, fetcher, engine)
        again = poll_feed(url, store, fetcher, engine)
        web.serve("/feed.rss", rss("g3", "g2", "g1", "g3"), "application/rss+xml")
        changed = poll_feed(url, store, fetcher, engine)
        stored = store.conn.execute("SELECT title, date FROM documents ORDER BY title").fetchall()
        seen = store.conn.execute("SELECT item_key FROM feed_items ORDER BY item_key").fetchall()
    assert (first.new, first.seen, first.stored, first.rejections) == (2, 0, 2, ())
    assert first.events > 0
    assert (again.new, again.seen, again.stored, again.events) == (0, 2, 0, 0)
    assert (changed.new, changed.seen, changed.stored) == (1, 2, 1)  # g3 listed twice, taken once
    assert [str(d) for _, d in stored] == ["2025-12-02"] * 3
    assert [t for t, _ in stored] == ["Story g1", "Story g2", "Story g3"]
    assert seen == [("g1",), ("g2",), ("g3",)]


@pytest.mark.slow
def test_poll_feeds_survives_a_feed_that_is_down(web, fetcher, engine, db_path):
    good = web.serve("/good.rss", rss("g1"), "application/rss+xml")
    down = web.url("/down.rss")  # nothing served there: 404
    with Store.open(db_path) as store:
        summary = poll_feeds([down, good], store, fetcher, engine)
        web.serve("/down.rss", rss("g2"), "application/rss+xml")
        later = poll_feeds([down, good], store, fetcher, engine)
        rejections = store.rejections().to_pylist()
    assert (summary.down, summary.rejected, summary.total("new")) == (1, 1, 1)
    assert [(r["origin"], r["reason"]) for r in rejections] == [(down, "fetch_error")]
    assert "HTTP 404" in rejections[0]["detail"]
    assert (later.down, later.total("new"), later.total("seen")) == (0, 1, 1)


@pytest.mark.slow
def test_poll_feed_retries_teaser_whose_page_failed(web, fetcher, engine, db_path):
    page = web.url("/story")
    url = web.serve("/feed.rss", rss("g1", teaser=page), "application/rss+xml")
    with Store.open(db_path) as store:
        first = poll_feed(url, store, fetcher, engine)  # /story is 404 and the teaser has no text
        web.serve("/story", "<html><body><article>" + f"<p>{STORIES['g2']}</p>" * 3
                  + "</article></body></html>")
        second = poll_feed(url, store, fetcher, engine)
        third = poll_feed(url, store, fetcher, engine)
        keys = feed_items.seen_keys(store.conn, url, ["g1", page])
    assert (first.new, first.stored, [r.reason for r in first.rejections]) == (1, 1, ["fetch_error"])
    assert (second.new, second.seen, second.stored, second.rejections) == (1, 1, 1, ())
    assert (third.new, third.seen) == (0, 2)
    assert keys == {"g1", page}


def test_poll_feeds_stop_before_start_ingests_nothing(web, fetcher, db_path):
    url = web.serve("/feed.rss", rss("g1"), "application/rss+xml")
    with Store.open(db_path) as store:
        summary = poll_feeds([url], store, fetcher, stop=lambda: True)
    assert summary.results == ()
    assert web.requests == []
