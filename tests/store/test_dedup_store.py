"""The store's dedup on a real DuckDB file: copies, the persistent LSH index, counts, migration 3."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from realpolitik.models import ActorRef, CodedDocument, Event, Evidence
from realpolitik.store import SaveSummary, Store
from realpolitik.store.dedup import copy_id, site_of
from realpolitik.store.gdelt import events_to_gdelt_rows
from realpolitik.store.migrations import MIGRATIONS, migrate, transaction

SAMPLE_CORPUS = Path(__file__).resolve().parents[2] / "sample" / "corpus.jsonl"
TEXTS = [t for t in (json.loads(line)["text"] for line in SAMPLE_CORPUS.read_text("utf-8").splitlines())
         if len(t.split()) >= 100]
IND = ActorRef("India", "India", "IND", None, "IND")
RUS = ActorRef("Moscow", "Russia", "RUS", "GOV", "RUSGOV")
USA = ActorRef("Washington", "United States", "USA", "GOV", "USAGOV")


def event(event_id: str, source: ActorRef, target: ActorRef, cameo: str = "040", *,
          symmetric: bool = False) -> Event:
    """An event with plausible defaults."""
    return Event(event_id=event_id, date="2025-01-10", source=source, target=target,
                 symmetric=symmetric, plover="CONSULT", mode=None, cameo=cameo, quad_class=1,
                 goldstein=1.0, modality="asserted", sectors=("diplomacy",),
                 evidence=Evidence("A sentence.", 0, 11), confidence=0.8, coder="test.v1")


def doc(doc_id: str, text: str, *events: Event, source: str | None = None,
        url: str | None = None) -> CodedDocument:
    """A coded document of a real text."""
    return CodedDocument(id=doc_id, origin=f"{doc_id}.txt", title=f"Title {doc_id}",
                         date="2025-01-10", url=url, source=source, text=text, events=events)


def syndicated(text: str) -> str:
    """A wire re-run of a story: new headline, byline, footer, the last sentence cut."""
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    return ("NEW HEADLINE\nBy A. Correspondent, Wire Desk\n\n" + " ".join(sentences[:-1])
            + "\n\nAll rights reserved.")


ORIGINAL = doc("orig", TEXTS[0], event("o1", IND, RUS), event("o2", IND, RUS),
               event("o3", USA, IND, "1312"), source="Ministry")
OTHER = doc("other", TEXTS[1], event("x1", USA, RUS), source="Ministry")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where the store lives."""
    return tmp_path / "dedup.duckdb"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """A store holding ORIGINAL and OTHER."""
    with Store.open(db_path) as opened:
        assert opened.save_many([ORIGINAL, OTHER]).stored == 2
        yield opened


def copies(store: Store, doc_id: str) -> list[tuple]:
    """(kind, origin, site) of a document's copies."""
    return store.conn.execute("SELECT kind, origin, site FROM document_copies WHERE doc_id = ? "
                              "ORDER BY kind, origin", [doc_id]).fetchall()


def counts(store: Store) -> dict[str, tuple[int, int, int]]:
    """event_id: (num_mentions, num_sources, num_articles)."""
    rows = store.conn.execute(
        "SELECT event_id, num_mentions, num_sources, num_articles FROM events").fetchall()
    return {row[0]: tuple(row[1:]) for row in rows}


def test_save_records_each_document_as_its_own_copy(store: Store) -> None:
    assert copies(store, "orig") == [("original", "orig.txt", "ministry")]
    # o1 and o2 report the same act (IND->RUS 040) in one article: two mentions, one article.
    assert counts(store) == {"o1": (2, 1, 1), "o2": (2, 1, 1), "o3": (1, 1, 1), "x1": (1, 1, 1)}


def test_exact_copy_is_one_document_with_copies_listed(store: Store) -> None:
    copy = doc("wire", "  " + TEXTS[0].upper() + "\n", url="https://www.wire.example/a")
    summary = store.save(copy)
    assert summary is False  # nothing new as a document
    assert store.info()["counts"]["documents"] == 2
    assert copies(store, "orig") == [("exact", "wire.txt", "wire.example"),
                                     ("original", "orig.txt", "ministry")]
    assert counts(store)["o1"] == (4, 2, 2) and counts(store)["o3"] == (2, 2, 2)


def test_near_copy_counts_the_events_coded_in_it(store: Store) -> None:
    near = doc("near", syndicated(TEXTS[0]), event("n1", RUS, IND, symmetric=False),
               event("n2", IND, RUS), source="Wire Desk")
    assert store.save_many([near]) == SaveSummary(0, 0, 0, 0, near_duplicates=1)
    row = store.conn.execute("SELECT kind, similarity, event_keys FROM document_copies "
                             "WHERE origin = 'near.txt'").fetchone()
    assert row[0] == "near" and 0.3 <= row[1] < 1.0
    assert row[2] == ["RUSGOV|IND|040", "IND|RUSGOV|040"]
    # IND->RUS 040 is in both articles (twice in the original, once in the copy); USA->IND only
    # in the original; RUS->IND is not an event of the original, so it is not counted anywhere.
    assert counts(store) == {"o1": (3, 2, 2), "o2": (3, 2, 2), "o3": (1, 1, 1), "x1": (1, 1, 1)}
    assert store.events().num_rows == 4


def test_same_site_counts_one_source(store: Store) -> None:
    store.save(doc("again", syndicated(TEXTS[0]), event("a1", IND, RUS), source="ministry "))
    assert counts(store)["o1"] == (3, 1, 2)


def test_near_copy_found_by_a_later_run(db_path: Path, store: Store) -> None:
    store.close()
    with Store.open(db_path) as later:  # a new connection: only the stored index can find it
        assert later.save_many([doc("late", syndicated(TEXTS[0]))]).near_duplicates == 1
        assert ("near", "late.txt", None) in copies(later, "orig")


def test_near_copy_within_one_batch(db_path: Path) -> None:
    with Store.open(db_path) as fresh:
        summary = fresh.save_many([doc("a", TEXTS[2]), doc("b", syndicated(TEXTS[2])),
                                   doc("c", TEXTS[2])])
        assert (summary.stored, summary.near_duplicates, summary.duplicates) == (1, 1, 1)
        assert [kind for kind, *_ in copies(fresh, "a")] == ["exact", "near", "original"]


def test_different_stories_stay_apart(db_path: Path) -> None:
    with Store.open(db_path) as fresh:
        assert fresh.save_many([doc(f"d{i}", text) for i, text in enumerate(TEXTS)]).stored == len(TEXTS)


def test_saving_copies_again_changes_nothing(store: Store) -> None:
    batch = [doc("wire", TEXTS[0] + " "), doc("near", syndicated(TEXTS[0]), event("n", IND, RUS))]
    store.save_many(batch)
    before = (store.info()["counts"], counts(store))
    store.save_many(batch)
    store.save_many(list(reversed(batch)))
    assert (store.info()["counts"], counts(store)) == before


def test_gdelt_export_carries_counts(store: Store) -> None:
    store.save(doc("wire", TEXTS[0] + "\n", source="Other Site"))
    rows = {row[0]: row for row in events_to_gdelt_rows(store.conn)}
    assert len(rows) == 4
    num = {tuple(row[31:34]) for row in rows.values()}  # NumMentions, NumSources, NumArticles
    assert num == {("4", "2", "2"), ("2", "2", "2"), ("1", "1", "1")}


@pytest.mark.parametrize(("source", "url", "expected"), [
    ("Reuters ", None, "reuters"), (None, "https://www.example.org/x?y=1", "example.org"),
    (None, None, None), ("", "http://news.example.com/", "news.example.com"),
])
def test_site_of_names_the_source(source, url, expected) -> None:
    assert site_of(source, url) == expected


def test_copy_id_is_the_input_not_the_run() -> None:
    assert copy_id("d", None, "a.txt") == copy_id("d", None, "a.txt")
    assert copy_id("d", "https://x/1", "a.txt") == copy_id("d", "https://x/1", "b.txt")
    assert copy_id("d", None, "a.txt") != copy_id("d", None, "b.txt")


def test_migration_3_upgrades_a_store_from_before_dedup(db_path: Path) -> None:
    old = duckdb.connect(str(db_path))
    two = [step for step in MIGRATIONS if step.version <= 2]
    for step in two:  # the store as version 2 of realpolitik made it
        with transaction(old):
            step.apply(old)
    old.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, "
                "applied_at TIMESTAMP)")
    old.executemany("INSERT INTO schema_migrations VALUES (?, ?, now())",
                    [[s.version, s.name] for s in two])
    old.execute("INSERT INTO documents (id, origin, text) VALUES ('old', 'old.txt', ?)", [TEXTS[3]])
    old.executemany(
        'INSERT INTO events (event_id, doc_id, source_code, source_country, target_code, '
        'target_country, "symmetric", cameo) VALUES (?, \'old\', ?, ?, ?, ?, ?, ?)',
        [["e1", "RUSGOV", "RUS", "INDGOV", "IND", True, "040"],
         ["e2", "INDGOV", "IND", "RUSGOV", "RUS", True, "040"],
         ["e3", None, "USA", None, None, False, "1312"]])
    assert "document copies, minhash index and event counts" in migrate(old)
    keys = dict(old.execute("SELECT event_id, event_key FROM events").fetchall())
    # The migration's SQL key is the Python one (extract.dedup.event_key).
    assert keys == {"e1": "INDGOV|RUSGOV|040", "e2": "INDGOV|RUSGOV|040", "e3": "USA||1312"}
    old.close()
    with Store.open(db_path) as upgraded:
        assert counts(upgraded) == {"e1": (2, 1, 1), "e2": (2, 1, 1), "e3": (1, 1, 1)}
        # The first save fingerprints the old document, so its copies are found.
        assert upgraded.save(doc("copy", syndicated(TEXTS[3]))) is False
        assert [kind for kind, *_ in copies(upgraded, "old")] == ["near", "original"]
