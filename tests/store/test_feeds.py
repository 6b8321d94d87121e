"""feed_items: which feed entries were ingested, per feed, recorded once (migration 4)."""

from __future__ import annotations

from realpolitik.store import feeds
from realpolitik.store.db import Store


def test_mark_seen_records_once_per_feed(db_path):
    with Store.open(db_path) as store:
        conn = store.conn
        assert feeds.mark_seen(conn, "a.rss", [("k1", "https://x/1", "doc1"), ("k2", None, None)]) == 2
        assert feeds.mark_seen(conn, "a.rss", [("k2", None, None), ("k3", None, "doc3")]) == 1
        assert feeds.mark_seen(conn, "b.rss", [("k1", None, None)]) == 1
        assert feeds.mark_seen(conn, "b.rss", []) == 0
        assert feeds.seen_keys(conn, "a.rss", ["k1", "k3", "k9"]) == {"k1", "k3"}
        assert feeds.seen_keys(conn, "b.rss", ["k1", "k2"]) == {"k1"}
        assert feeds.seen_keys(conn, "a.rss", []) == set()
    with Store.open(db_path) as again:  # kept in the file
        row = again.conn.execute("SELECT url, doc_id FROM feed_items WHERE item_key = 'k1' "
                                 "AND feed = 'a.rss'").fetchone()
    assert row == ("https://x/1", "doc1")
